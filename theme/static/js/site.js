// The site in the visitor's own time zone: the weekly calendar, "happening
// now", upcoming sessions and countdowns, starred chats. Everything relative
// to now is computed here, from the rules and the browser's clock, so a page
// built weeks ago is still right. Text is only ever inserted as text.
import { happeningNow, sessionsBetween, upcoming, wallToInstant, weekStart, zonedParts } from "./schedule.js";

const HOUR = 36e5;
const DAY = 864e5;
const PREFS = "chatcal:prefs";
const STARS = "chatcal:stars";
const root = document.documentElement.dataset.root || "";

// ---- small DOM helpers: elements are built, never parsed from strings ----
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

const isoInstant = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function readJSON(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

function writeJSON(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

// ---- preferences: time zone and clock, from the URL, then storage, then the browser ----
function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function browserHour12() {
  return Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hour12 ?? false;
}

function validZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function preferences() {
  const params = new URLSearchParams(location.search);
  const saved = readJSON(PREFS, {});
  const tz = [params.get("tz"), saved.tz, browserZone()].find((z) => z && validZone(z));
  const clock = params.get("clock") || saved.clock;
  return { tz, hour12: clock ? clock === "12" : browserHour12() };
}

function savePreferences(prefs) {
  writeJSON(PREFS, { tz: prefs.tz, clock: prefs.hour12 ? "12" : "24" });
}

function firstDayOfWeek() {
  // Intl.Locale weekInfo: 1 = Monday ... 7 = Sunday; ours: 0 = Monday.
  try {
    const locale = new Intl.Locale(navigator.language);
    const info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
    if (info && info.firstDay) return (info.firstDay + 6) % 7;
  } catch {
    // an engine without weekInfo: Monday, as ISO 8601
  }
  return 0;
}

const formatters = new Map();
function formatter(prefs, options) {
  const key = JSON.stringify([prefs.tz, prefs.hour12, options]);
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.DateTimeFormat(undefined, { timeZone: prefs.tz, hour12: prefs.hour12, ...options }));
  }
  return formatters.get(key);
}

const clockText = (ms, prefs) =>
  formatter(prefs, { hour: prefs.hour12 ? "numeric" : "2-digit", minute: "2-digit" }).format(ms);
const dayText = (ms, prefs) => formatter(prefs, { weekday: "short", day: "numeric", month: "short" }).format(ms);
const fullText = (ms, prefs) =>
  formatter(prefs, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(ms);

function zoneLabel(zone) {
  return zone === "UTC" ? "UTC" : `${zone.split("/").pop().replaceAll("_", " ")} time (${zone})`;
}

function timeElement(ms, text) {
  return el("time", { datetime: isoInstant(ms), text });
}

// ---- data ----
let schedules;
async function loadChats() {
  if (!schedules) {
    schedules = fetch(`${root}/data/schedules.json`).then((r) => r.json()).then((d) => d.chats);
  }
  return schedules;
}

const chatUrl = (chat) => `${root}/${chat.url}`;

// ---- the weekly grid ----
function weekDays(start, prefs) {
  // Calendar days in the zone: a day can last 23 or 25 hours.
  const p = zonedParts(start, prefs.tz);
  return Array.from({ length: 8 }, (_, i) => wallToInstant(p.year, p.month, p.day + i, 0, 0, prefs.tz));
}

function placeSessions(chats, days, prefs) {
  const cells = new Map();
  for (const chat of chats) {
    for (const session of sessionsBetween(chat, days[0], days[7])) {
      if (session.start < days[0]) continue;
      const day = days.findIndex((d, i) => i < 7 && session.start >= d && session.start < days[i + 1]);
      const key = `${day}:${zonedParts(session.start, prefs.tz).hour}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push({ chat, session });
    }
  }
  for (const list of cells.values()) list.sort((a, b) => a.session.start - b.session.start);
  return cells;
}

function slotLink(item, prefs, withTitle) {
  const text = `#${item.chat.hashtag}` + (withTitle ? `: ${item.chat.title}` : "");
  return el("a", { class: "slot", href: chatUrl(item.chat) }, timeElement(item.session.start, clockText(item.session.start, prefs)), ` ${text}`);
}

function renderWeek(container, chats, start, prefs, captionText) {
  const days = weekDays(start, prefs);
  const cells = placeSessions(chats, days, prefs);
  const caption = el("caption", { id: `${container.id || "week"}-caption`, text: captionText });
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
  const table = el("table", { class: "week", "aria-labelledby": caption.id }, caption, el("thead", {}, headRow), body);
  const list = el("ol", { class: "week-days", "aria-label": `${captionText}, day by day` });
  for (let day = 0; day < 7; day++) {
    const items = [...cells.entries()].filter(([k]) => k.startsWith(`${day}:`)).flatMap(([, v]) => v)
      .sort((a, b) => a.session.start - b.session.start);
    const dayList = el("ul");
    items.forEach((item) => dayList.append(el("li", {}, slotLink(item, prefs, true))));
    list.append(el("li", {}, el("h3", {}, timeElement(days[day], formatter(prefs, { weekday: "long", day: "numeric", month: "long" }).format(days[day]))),
      items.length ? dayList : el("p", { class: "muted", text: "No chats." })));
  }
  container.replaceChildren(el("div", { class: "week-scroll" }, table), list);
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

function languageName(tag) {
  try {
    return new Intl.DisplayNames([navigator.language], { type: "language" }).of(tag) || tag;
  } catch {
    return tag;
  }
}

function matches(chat, filters) {
  return chat.status === "active"
    && (!filters.topic || chat.topics.some((t) => t.slug === filters.topic))
    && (!filters.platform || chat.platforms.includes(filters.platform))
    && (!filters.language || chat.language === filters.language);
}

function select(name, label, options, value, allText) {
  const id = `filter-${name}`;
  const box = el("select", { id, name });
  if (allText) box.append(el("option", { value: "", text: allText }));
  for (const [optionValue, text] of options) box.append(el("option", { value: optionValue, text, selected: optionValue === value }));
  return [el("label", { for: id, text: label }), box];
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
  const status = el("p", { class: "sr-only", role: "status", "aria-live": "polite" });

  function draw(push) {
    const start = weekStartFor(state);
    const thisWeek = weekStart(Date.now(), state.prefs.tz, firstDayOfWeek());
    const caption = `Week of ${formatter(state.prefs, { day: "numeric", month: "long", year: "numeric" }).format(start)}, times in ${zoneLabel(state.prefs.tz)}`;
    renderWeek(grid, chats.filter((c) => matches(c, state)), start, state.prefs, caption);
    status.textContent = caption;
    controls.querySelector("[data-this-week]").disabled = start === thisWeek;
    writeState(state, push);
    savePreferences(state.prefs);
  }

  function moveWeek(weeks) {
    const start = weekStartFor(state) + weeks * 7 * DAY + 12 * HOUR;
    state = { ...state, week: isoDay(start, state.prefs.tz) };
    draw(true);
  }

  const [zoneLabelEl, zoneSelect] = select("tz", "Time zone", zones.map((z) => [z, z]), state.prefs.tz);
  const clockButton = el("button", { type: "button", "aria-pressed": String(state.prefs.hour12), text: "12-hour clock" });
  const filters = ["topic", "platform", "language"].map((name) =>
    select(name, name[0].toUpperCase() + name.slice(1), options[name], state[name], `All`));
  controls.replaceChildren(
    el("div", { class: "week-nav" },
      el("button", { type: "button", "data-previous-week": true, text: "← Previous week" }),
      el("button", { type: "button", "data-this-week": true, text: "This week" }),
      el("button", { type: "button", "data-next-week": true, text: "Next week →" })),
    el("div", { class: "week-options" }, zoneLabelEl, zoneSelect, clockButton, ...filters.flat()),
    status);
  controls.hidden = false;
  document.querySelectorAll("[data-static-note]").forEach((n) => n.remove());

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
  draw(false);
}

// ---- lists of sessions: home page, chat pages, my chats ----
function sessionItem(chat, session, prefs, extra) {
  return el("li", {},
    el("a", { href: chatUrl(chat), text: `#${chat.hashtag}: ${chat.title}` }), " ",
    timeElement(session.start, fullText(session.start, prefs)), extra || null);
}

function fillList(container, items, emptyText) {
  if (!items.length) {
    container.replaceChildren(el("p", { class: "muted", text: emptyText }));
    return;
  }
  const list = el("ul", { class: "session-list" });
  items.forEach((item) => list.append(item));
  container.replaceChildren(list);
}

async function homePage(now, soon) {
  const chats = await loadChats();
  const prefs = preferences();
  const at = Date.now();
  fillList(now, happeningNow(chats, at).map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "Nothing is on right now.");
  const coming = [];
  for (const chat of chats) {
    for (const session of upcoming(chat, at, 30)) {
      if (session.start > at && session.start < at + DAY) coming.push({ chat, session });
    }
  }
  coming.sort((a, b) => a.session.start - b.session.start);
  fillList(soon, coming.map(({ chat, session }) => sessionItem(chat, session, prefs)), "Nothing starts in the next 24 hours.");
  document.querySelectorAll("[data-static-note]").forEach((n) => {
    n.textContent = `Times in ${zoneLabel(prefs.tz)}.`;
  });
}

function countdownText(ms) {
  if (ms <= 0) return "on now";
  const minutes = Math.round(ms / 6e4);
  const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
  const parts = [];
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (!days && mins) parts.push(`${mins} minute${mins === 1 ? "" : "s"}`);
  return `starts in ${parts.join(" ") || "less than a minute"}`;
}

function chatPage(container, chat) {
  const prefs = preferences();
  const list = el("ol", { class: "sessions" });
  const sessions = upcoming(chat, Date.now(), 5);
  for (const session of sessions) {
    const entry = chat.schedule.find((e) => e.id === session.entry);
    const own = { tz: entry.timezone, hour12: prefs.hour12 };
    list.append(el("li", {}, timeElement(session.start, fullText(session.start, prefs)),
      el("span", { class: "utc", text: ` (${fullText(session.start, own)} in ${zoneLabel(entry.timezone)})` }),
      entry.label ? ` · ${entry.label}` : null));
  }
  const heading = el("h3", { text: `Next sessions, in ${zoneLabel(prefs.tz)}` });
  if (!sessions.length) {
    container.replaceChildren(heading, el("p", { text: "No upcoming sessions." }));
    return;
  }
  const countdown = el("p", { class: "countdown", role: "timer", "aria-live": "off" });
  const tick = () => {
    countdown.textContent = `Next session ${countdownText(sessions[0].start - Date.now())}.`;
  };
  tick();
  setInterval(tick, 30000);
  container.replaceChildren(heading, countdown, list);
}

// ---- stars and "my chats" ----
const starred = () => new Set(readJSON(STARS, []));

function starButton(button) {
  const slug = button.dataset.star;
  const update = () => {
    const on = starred().has(slug);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "★ Starred" : "☆ Star this chat";
  };
  button.hidden = false;
  button.addEventListener("click", () => {
    const stars = starred();
    stars.has(slug) ? stars.delete(slug) : stars.add(slug);
    writeJSON(STARS, [...stars].sort());
    update();
  });
  update();
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
    const texts = await Promise.all(mine.map((c) => fetch(`${root}/${c.feed}`).then((r) => r.text())));
    const blob = new Blob([mergeFeeds(texts, "chatcal: my chats")], { type: "text/calendar" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "my-chats.ics" });
    document.body.append(link);
    link.click();
    link.remove();
  };
}

// ---- wiring: each part runs on the pages that have its element ----
function localizeTimes() {
  // Build-time times (UTC) get the visitor's zone as text; the instant stays.
  const prefs = preferences();
  document.querySelectorAll("time[data-localize]").forEach((t) => {
    t.textContent = fullText(Date.parse(t.dateTime), prefs);
  });
}

async function main() {
  localizeTimes();
  const calendarControls = document.querySelector("[data-calendar-controls]");
  if (calendarControls) await calendarPage(calendarControls, document.querySelector("[data-week-grid]"));
  const topicWeek = document.querySelector("[data-topic-week]");
  if (topicWeek) {
    const chats = (await loadChats()).filter((c) => c.status === "active" && c.topics.some((t) => t.slug === topicWeek.dataset.topicWeek));
    const prefs = preferences();
    const start = weekStart(Date.now(), prefs.tz, firstDayOfWeek());
    renderWeek(topicWeek, chats, start, prefs, `This week, times in ${zoneLabel(prefs.tz)}`);
  }
  const now = document.querySelector("[data-happening-now]");
  if (now) await homePage(now, document.querySelector("[data-starting-soon]"));
  const sessions = document.querySelector("[data-chat-sessions]");
  const data = document.getElementById("chat-schedule");
  if (sessions && data) chatPage(sessions, JSON.parse(data.textContent));
  document.querySelectorAll("button[data-star]").forEach(starButton);
  const mine = document.querySelector("[data-my-chats]");
  if (mine) await myChatsPage(mine, document.querySelector("[data-download-mine]"));
}

main();
