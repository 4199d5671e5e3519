// The weekly calendar (its page and each topic's week at a glance) and "my
// chats". Loaded by site.js only on the pages that show them.
import { sessionsBetween, upcoming, wallToInstant, weekStart, zonedParts } from "./schedule.js";
import {
  DAY, HOUR, chatUrl, clockText, dayText, eachInSlices, el, fillList, firstDayOfWeek, formatter, languageName, loadChats,
  preferences, savePreferences, sessionItem, siteUrl, starred, timeElement, zoneLabel,
} from "./site.js";

// ---- the weekly grid ----
function weekDays(start, prefs) {
  // Calendar days in the zone: a day can last 23 or 25 hours.
  const p = zonedParts(start, prefs.tz);
  return Array.from({ length: 8 }, (_, i) => wallToInstant(p.year, p.month, p.day + i, 0, 0, prefs.tz));
}

async function placeSessions(chats, days, prefs) {
  const cells = new Map();
  await eachInSlices(chats, (chat) => {
    for (const session of sessionsBetween(chat, days[0], days[7])) {
      if (session.start < days[0]) continue;
      const day = days.findIndex((d, i) => i < 7 && session.start >= d && session.start < days[i + 1]);
      const key = `${day}:${zonedParts(session.start, prefs.tz).hour}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push({ chat, session });
    }
  });
  for (const list of cells.values()) list.sort((a, b) => a.session.start - b.session.start);
  return cells;
}

function slotLink(item, prefs, withTitle) {
  const text = `#${item.chat.hashtag}` + (withTitle ? `: ${item.chat.title}` : "");
  return el("a", { class: "slot", href: chatUrl(item.chat) }, timeElement(item.session.start, clockText(item.session.start, prefs)), ` ${text}`);
}

// Narrow screens show the week day by day; wider ones as a table.
const NARROW = matchMedia("(max-width: 40rem)");

// Draws a week into `container`; a newer call for the same container wins,
// as drawing yields to the page and clicks can come in between.
const drawing = new WeakMap();
async function renderWeek(container, chats, start, prefs, captionText) {
  const ticket = (drawing.get(container) || 0) + 1;
  drawing.set(container, ticket);
  container.setAttribute("aria-busy", "true");
  const days = weekDays(start, prefs);
  const cells = await placeSessions(chats, days, prefs);
  if (drawing.get(container) !== ticket) return;
  const id = `${container.id || "week"}-caption`;
  container.replaceChildren(NARROW.matches ? dayByDay(cells, days, prefs, captionText) : weekTable(cells, days, prefs, captionText, id));
  container.removeAttribute("aria-busy");
  delete container.dataset.loading;
}

function weekTable(cells, days, prefs, captionText, id) {
  const caption = el("caption", { id, text: captionText });
  const headRow = el("tr", {}, el("th", { scope: "col", class: "hour-head", text: "Hour" }));
  days.slice(0, 7).forEach((d) => headRow.append(el("th", { scope: "col" }, timeElement(d, dayText(d, prefs)))));
  const body = el("tbody");
  for (let hour = 0; hour < 24; hour++) {
    const hourLabel = clockText(wallToInstant(2026, 1, 5, hour, 0, "UTC"), { tz: "UTC", hour12: prefs.hour12 });
    const row = el("tr", {}, el("th", { scope: "row", class: "hour-head", text: hourLabel }));
    for (let day = 0; day < 7; day++) {
      const cell = el("td");
      for (const item of cells.get(`${day}:${hour}`) || []) cell.append(slotLink(item, prefs, false));
      row.append(cell);
    }
    body.append(row);
  }
  return el("table", { class: "week", "aria-labelledby": caption.id }, caption, el("thead", {}, headRow), body);
}

function dayByDay(cells, days, prefs, captionText) {
  const list = el("ol", { class: "week-days", "aria-label": `${captionText}, day by day` });
  for (let day = 0; day < 7; day++) {
    const items = [...cells.entries()].filter(([k]) => k.startsWith(`${day}:`)).flatMap(([, v]) => v)
      .sort((a, b) => a.session.start - b.session.start);
    const dayList = el("ul");
    items.forEach((item) => dayList.append(el("li", {}, slotLink(item, prefs, true))));
    list.append(el("li", {}, el("h3", {}, timeElement(days[day], formatter(prefs, { weekday: "long", day: "numeric", month: "long" }).format(days[day]))),
      items.length ? dayList : el("p", { class: "muted", text: "No chats." })));
  }
  return list;
}

// ---- the calendar page: controls, URL state, filters ----
function filterOptions(chats) {
  const topics = new Map(), platforms = new Set(), languages = new Set();
  for (const chat of chats) {
    chat.topics.forEach((t) => topics.set(t.slug, t.name));
    chat.platforms.forEach((p) => platforms.add(p));
    languages.add(chat.language);
  }
  return {
    topic: [...topics].sort((a, b) => a[1].localeCompare(b[1])),
    platform: [...platforms].sort().map((p) => [p, p]),
    language: [...languages].sort().map((l) => [l, languageName(l)]),
  };
}

function matches(chat, filters) {
  return chat.status === "active"
    && (!filters.topic || chat.topics.some((t) => t.slug === filters.topic))
    && (!filters.platform || chat.platforms.includes(filters.platform))
    && (!filters.language || chat.language === filters.language);
}

function fillSelect(box, options, value, allText) {
  box.replaceChildren(...(allText ? [el("option", { value: "", text: allText })] : []),
    ...options.map(([optionValue, text]) => el("option", { value: optionValue, text, selected: optionValue === value })));
  return box;
}

function readState(prefs) {
  const params = new URLSearchParams(location.search);
  const week = params.get("week");
  return {
    prefs,
    week: week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : null,
    topic: params.get("topic") || "",
    platform: params.get("platform") || "",
    language: params.get("language") || "",
  };
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.week) params.set("week", state.week);
  for (const key of ["topic", "platform", "language"]) if (state[key]) params.set(key, state[key]);
  params.set("tz", state.prefs.tz);
  params.set("clock", state.prefs.hour12 ? "12" : "24");
  history[push ? "pushState" : "replaceState"](null, "", `?${params}`);
}

function weekStartFor(state) {
  const firstDay = firstDayOfWeek();
  if (state.week) {
    const [y, m, d] = state.week.split("-").map(Number);
    return weekStart(wallToInstant(y, m, d, 12, 0, state.prefs.tz), state.prefs.tz, firstDay);
  }
  return weekStart(Date.now(), state.prefs.tz, firstDay);
}

const isoDay = (ms, tz) => {
  const p = zonedParts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

async function calendarPage(controls, grid) {
  const chats = await loadChats();
  let state = readState(preferences());
  const options = filterOptions(chats);
  const zones = ["UTC", ...(Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : [])];
  if (!zones.includes(state.prefs.tz)) zones.push(state.prefs.tz);
  const status = controls.querySelector("[data-calendar-status]");

  async function draw(push) {
    const start = weekStartFor(state);
    const thisWeek = weekStart(Date.now(), state.prefs.tz, firstDayOfWeek());
    const caption = `Week of ${formatter(state.prefs, { day: "numeric", month: "long", year: "numeric" }).format(start)}, times in ${zoneLabel(state.prefs.tz)}`;
    status.textContent = caption;
    controls.querySelector("[data-this-week]").disabled = start === thisWeek;
    writeState(state, push);
    savePreferences(state.prefs);
    await renderWeek(grid, chats.filter((c) => matches(c, state)), start, state.prefs, caption);
  }

  function moveWeek(weeks) {
    const start = weekStartFor(state) + weeks * 7 * DAY + 12 * HOUR;
    state = { ...state, week: isoDay(start, state.prefs.tz) };
    draw(true);
  }

  const zoneSelect = fillSelect(controls.querySelector("#filter-tz"), zones.map((z) => [z, z]), state.prefs.tz);
  const clockButton = controls.querySelector("[data-clock]");
  clockButton.setAttribute("aria-pressed", String(state.prefs.hour12));
  const filters = ["topic", "platform", "language"].map((name) =>
    [name, fillSelect(controls.querySelector(`#filter-${name}`), options[name], state[name], "All")]);
  document.querySelectorAll("[data-static-note]").forEach((n) => {
    n.textContent = "Times in the zone you pick below; choices are remembered in this browser and carried in the address.";
  });

  controls.querySelector("[data-previous-week]").addEventListener("click", () => moveWeek(-1));
  controls.querySelector("[data-next-week]").addEventListener("click", () => moveWeek(1));
  controls.querySelector("[data-this-week]").addEventListener("click", () => {
    state = { ...state, week: null };
    draw(true);
  });
  zoneSelect.addEventListener("change", () => {
    state = { ...state, prefs: { ...state.prefs, tz: zoneSelect.value } };
    draw(false);
  });
  clockButton.addEventListener("click", () => {
    state = { ...state, prefs: { ...state.prefs, hour12: !state.prefs.hour12 } };
    clockButton.setAttribute("aria-pressed", String(state.prefs.hour12));
    draw(false);
  });
  for (const [, box] of filters) {
    box.addEventListener("change", () => {
      state = { ...state, [box.name]: box.value };
      draw(false);
    });
  }
  addEventListener("popstate", () => {
    state = readState(state.prefs);
    draw(false);
  });
  NARROW.addEventListener("change", () => draw(false));
  await draw(false);
  controls.dataset.ready = "";
}

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

async function myChatsPage(container, button) {
  const chats = await loadChats();
  const prefs = preferences();
  const mine = chats.filter((c) => starred().has(c.slug));
  const at = Date.now();
  const agenda = mine.flatMap((chat) => upcoming(chat, at, 5).map((session) => ({ chat, session })))
    .sort((a, b) => a.session.start - b.session.start);
  fillList(container, agenda.map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "No starred chats yet: star a chat on its page to see its sessions here.");
  button.hidden = !mine.length;
  button.onclick = async () => {
    const texts = await Promise.all(mine.map((c) => fetch(siteUrl(c.feed)).then((r) => r.text())));
    const blob = new Blob([mergeFeeds(texts, "chatcal: my chats")], { type: "text/calendar" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "my-chats.ics" });
    document.body.append(link);
    link.click();
    link.remove();
  };
}

export async function start() {
  const controls = document.querySelector("[data-calendar-controls]");
  if (controls) await calendarPage(controls, document.querySelector("[data-week-grid]"));
  const topicWeek = document.querySelector("[data-topic-week]");
  if (topicWeek) {
    const chats = (await loadChats()).filter((c) => c.status === "active" && c.topics.some((t) => t.slug === topicWeek.dataset.topicWeek));
    const prefs = preferences();
    const start = weekStart(Date.now(), prefs.tz, firstDayOfWeek());
    const caption = `This week, times in ${zoneLabel(prefs.tz)}`;
    await renderWeek(topicWeek, chats, start, prefs, caption);
    NARROW.addEventListener("change", () => renderWeek(topicWeek, chats, start, prefs, caption));
  }
  const mine = document.querySelector("[data-my-chats]");
  if (mine) await myChatsPage(mine, document.querySelector("[data-download-mine]"));
}
