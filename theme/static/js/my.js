// "My chats": the starred chats' next sessions, each chat with its own
// subscription, and one download of them all. Loaded by my.html.
import { upcoming } from "./schedule.js";
import { el, preferences, setStar, siteUrl, starred } from "./site.js";
import { fillList, loadChats, sessionItem } from "./data.js";

// One calendar of the starred chats, from their own feeds: the same UIDs,
// rules and VTIMEZONEs as the site's feeds, each zone written once.
export function mergeFeeds(texts, name) {
  const zones = new Map(), events = [];
  for (const text of texts) {
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    for (const block of unfolded.match(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g) || []) {
      zones.set(/TZID:([^\r\n]*)/.exec(block)[1], block);
    }
    events.push(...(unfolded.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) || []));
  }
  const escaped = name.replace(/([\\;,])/g, "\\$1");
  const head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chatcal//my chats//EN", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", `NAME:${escaped}`, `X-WR-CALNAME:${escaped}`].join("\r\n") + "\r\n";
  return fold(head + [...zones.values()].join("") + events.join("") + "END:VCALENDAR\r\n");
}

function fold(text) {
  // Lines of at most 75 octets, continued with a space (RFC 5545 3.1).
  const encoder = new TextEncoder();
  return text.split("\r\n").map((line) => {
    const out = [];
    let current = "";
    for (const char of line) {
      if (encoder.encode(current + char).length > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
      }
      current += char;
    }
    out.push(current);
    return out.join("\r\n ");
  }).join("\r\n");
}

const webcal = (chat) => `webcal://${location.host}${siteUrl(chat.feed)}`;

async function myChatsPage(container) {
  const chats = await loadChats();
  const prefs = preferences();
  const button = document.querySelector("[data-download-mine]");
  const box = document.querySelector("[data-my-starred]");

  function draw() {
    const mine = chats.filter((c) => starred().has(c.slug));
    const at = Date.now();
    const agenda = mine.flatMap((chat) => upcoming(chat, at, 5).map((session) => ({ chat, session })))
      .sort((a, b) => a.session.start - b.session.start);
    // An edition's name (an entry's label) stays with its session.
    fillList(container, agenda.map(({ chat, session }) => {
      const label = chat.schedule.find((e) => e.id === session.entry)?.label;
      return sessionItem(chat, session, prefs, label ? el("span", { class: "edition", text: ` · ${label}` }) : null);
    }), "No starred chats yet: star a chat on its card or page to see its sessions here.");
    box.hidden = !mine.length;
    button.hidden = !mine.length;
    box.querySelector("[data-starred-list]").replaceChildren(...mine.map((chat) => el("li", {},
      el("a", { href: siteUrl(chat.url), text: `#${chat.hashtag}: ${chat.title}` }), " ",
      el("button", { type: "button", class: "unstar", "data-unstar": chat.slug, text: "Unstar" }))));
    box.querySelector("[data-subscribe-each]").replaceChildren(...mine.map((chat) => el("li", {},
      el("a", { href: webcal(chat), text: `Subscribe to #${chat.hashtag}` }))));
    button.onclick = async () => {
      const texts = await Promise.all(mine.map((c) => fetch(siteUrl(c.feed)).then((r) => r.text())));
      const blob = new Blob([mergeFeeds(texts, "chatcal: my chats")], { type: "text/calendar" });
      const link = el("a", { href: URL.createObjectURL(blob), download: "my-chats.ics" });
      document.body.append(link);
      link.click();
      link.remove();
    };
  }
  box.addEventListener("click", (event) => {
    const unstar = event.target.closest("button[data-unstar]");
    if (!unstar) return;
    setStar(unstar.dataset.unstar, false);
    draw();
    document.getElementById("agenda").focus?.();
  });
  addEventListener("storage", draw);
  draw();
  container.dataset.ready = "";
}

const mine = document.querySelector("[data-my-chats]");
if (mine) await myChatsPage(mine);
