// The shared part of every page: times in the visitor's own zone (schedule
// lines, "happening now", a chat's next sessions and countdown), stars and
// their count in the header. Pages with more to do load their own module
// (calendar.js, search.js, my.js), which imports this one; this one imports
// none of them. Everything relative to now is computed here, from the rules
// and the browser's clock, so a page built weeks ago is still right. Text is
// only ever inserted as text.
import { sessionsBetween, upcoming, wallToInstant, weekStart, zonedParts } from "./schedule.js";

export const HOUR = 36e5;
export const DAY = 864e5;
export const PREFS = "chatcal:prefs";
const STARS = "chatcal:stars";
const root = document.documentElement.dataset.root || "";

// ---- small DOM helpers: elements are built, never parsed from strings ----
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

export const isoInstant = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function readJSON(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

export function writeJSON(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

// ---- zones: current names, whatever the browser calls them ----
// Browsers answer with ICU's ids, some of which tzdata renamed long ago
// (Chromium says Asia/Calcutta for India). These few are mapped here, with
// no request; /data/zones.json (loaded with the zone picker) has them all.
export const LEGACY = {
  "Asia/Calcutta": "Asia/Kolkata", "Asia/Katmandu": "Asia/Kathmandu", "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon", "Europe/Kiev": "Europe/Kyiv", "Atlantic/Faeroe": "Atlantic/Faroe",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires", "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk", "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville", "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei", "Pacific/Enderbury": "Pacific/Kanton", "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC",
};
// Cities whose names the zone id cannot spell.
const CITIES = {
  "America/Sao_Paulo": "São Paulo", "America/St_Johns": "St. John's", "America/Bogota": "Bogotá",
  "America/Asuncion": "Asunción", "America/Cancun": "Cancún", "America/Merida": "Mérida",
  "America/Mazatlan": "Mazatlán", "America/Curacao": "Curaçao", "Atlantic/Reykjavik": "Reykjavík",
  "America/Ciudad_Juarez": "Ciudad Juárez", "America/St_Barthelemy": "St. Barthélemy",
  "Asia/Ho_Chi_Minh": "Ho Chi Minh City", "America/Argentina/Buenos_Aires": "Buenos Aires",
};
let zoneData; // /data/zones.json once loaded (data.js): {zones: [...], links: {...}, byId}
/** Names zones by the picker's list from now on. */
export function useZones(data) {
  zoneData = data;
}

export function canonicalZone(zone) {
  return (zoneData && zoneData.links[zone]) || LEGACY[zone] || zone;
}

export function zoneCity(zone) {
  const id = canonicalZone(zone);
  const known = zoneData && zoneData.byId.get(id);
  if (known) return known.city;
  return CITIES[id] || id.split("/").pop().replaceAll("_", " ");
}

// ---- preferences: time zone and clock, from the URL, then storage, then the browser ----
// Asked of the browser once: a new Intl.DateTimeFormat is slow, and every part of a page asks.
let browserDefaults;
function browserZone() {
  browserDefaults ||= Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions();
  return browserDefaults.timeZone || "UTC";
}

function browserHour12() {
  browserZone();
  return browserDefaults.hour12 ?? false;
}

function validZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function preferences() {
  const params = new URLSearchParams(location.search);
  const saved = readJSON(PREFS, {});
  const tz = [params.get("tz"), saved.tz, browserZone()].find((z) => z && validZone(z));
  const clock = params.get("clock") || saved.clock;
  return { tz: canonicalZone(tz), hour12: clock ? clock === "12" : browserHour12(), own: tz === browserZone() };
}

// The first day of the week: Monday (ISO 8601, as the build-time grid), unless
// the browser's locale says otherwise (Sunday in the US, Saturday in Egypt).
export function firstDayOfWeek() {
  // Intl.Locale weekInfo: 1 = Monday ... 7 = Sunday; ours: 0 = Monday.
  try {
    const locale = new Intl.Locale(navigator.language);
    const info = locale.getWeekInfo ? locale.getWeekInfo() : locale.weekInfo;
    if (info && info.firstDay) return (info.firstDay + 6) % 7;
  } catch {
    // an engine without weekInfo: Monday
  }
  return 0;
}

const formatters = new Map();
export function formatter(prefs, options) {
  const key = JSON.stringify([prefs.tz, prefs.hour12, options]);
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.DateTimeFormat(undefined, { timeZone: prefs.tz, hour12: prefs.hour12, ...options }));
  }
  return formatters.get(key);
}

// A time of day reads the same on any date: formatted once per minute of the
// day, from the zone's cached offsets, instead of once per session.
const clocks = new Map();
export function clockText(ms, prefs) {
  const { hour, minute } = zonedParts(ms, prefs.tz);
  const key = `${prefs.hour12} ${hour}:${minute}`;
  if (!clocks.has(key)) {
    const options = { hour: prefs.hour12 ? "numeric" : "2-digit", minute: "2-digit" };
    clocks.set(key, formatter({ ...prefs, tz: "UTC" }, options).format(Date.UTC(2026, 0, 5, hour, minute)));
  }
  return clocks.get(key);
}
export const fullText = (ms, prefs) =>
  formatter(prefs, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(ms);

export function zoneLabel(zone) {
  const id = canonicalZone(zone);
  return id === "UTC" ? "UTC" : `${zoneCity(id)} time (${id})`;
}

export function timeElement(ms, text) {
  return el("time", { datetime: isoInstant(ms), text });
}

export const siteUrl = (path) => `${root}/${path}`;
export const chatUrl = (chat) => siteUrl(chat.url);

// ---- "your time": a schedule line in the visitor's zone ----
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** An entry from a line's data-rule (the compact form of /data/schedules.json). */
export function parseRule(text) {
  const [every, on, at, timezone, duration, from, until] = text.split("|");
  return {
    id: "1", at, timezone, duration: Number(duration) || 60, from: from || null, until: until || null, skip: [], label: null,
    every: every[0] === "m" ? "month" : "week",
    interval: every.length > 1 ? Number(every.slice(1)) : 1,
    on: on.split(",").map((day) => ({ weekday: WEEKDAYS.indexOf(day.slice(-2)), ordinal: day.length > 2 ? Number(day.slice(0, -2)) : null })),
  };
}

const joinWords = (words) => (words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);

/** "Mondays at 11:00 AM": an entry's next sessions, as days and times in the
 * visitor's zone. Worked out from the sessions themselves, week by week, so
 * a week when only one side has changed its clocks reads right. */
export function yourTimeText(entry, prefs, now = Date.now()) {
  const chat = { slug: "", added: "1970-01-01", status: "active", schedule: [entry] };
  if (entry.every === "month") {
    const next = upcoming(chat, now, 1)[0];
    return next ? `next on ${formatter(prefs, { weekday: "long", day: "numeric", month: "long" }).format(next.start)} at ${clockText(next.start, prefs)}` : "";
  }
  // One cycle of the rule from the start of the visitor's week: this week's
  // sessions, read in order of the week's days.
  const from = weekStart(now, prefs.tz, firstDayOfWeek());
  let sessions = sessionsBetween(chat, from, from + entry.interval * 7 * DAY);
  if (!sessions.length) sessions = upcoming(chat, now, entry.on.length);
  if (!sessions.length) return "";
  const days = [...new Set(sessions.map((s) => zonedParts(s.start, prefs.tz).weekday))].sort((a, b) => a - b);
  const times = [...new Set(sessions.map((s) => clockText(s.start, prefs)))];
  if (times.length > 1) {
    return joinWords(sessions.map((s) => `${DAY_NAMES[zonedParts(s.start, prefs.tz).weekday]} at ${clockText(s.start, prefs)}`));
  }
  const names = days.map((d) => DAY_NAMES[d] + (entry.interval > 1 ? "" : "s"));
  return entry.interval > 1 ? `every ${entry.interval} weeks on ${joinWords(names)} at ${times[0]}` : `${joinWords(names)} at ${times[0]}`;
}

// Every schedule line with a rule gets the visitor's equivalent first; the
// chat's own words stay below it, as the second line.
function localizeScheduleLines(prefs) {
  const now = Date.now();
  document.querySelectorAll("[data-rule]").forEach((line) => {
    const entry = parseRule(line.dataset.rule);
    let text = yourTimeText(entry, prefs, now);
    if (!text) return;
    text = text[0].toUpperCase() + text.slice(1);
    line.classList.add("has-yours");
    // The build keeps a line's room for it (an empty .yours); a line drawn by a script has none.
    const yours = line.querySelector(".yours") || line.insertBefore(el("span", { class: "yours" }), line.firstChild);
    yours.textContent = `${text} your time`;
  });
}

// ---- lists of sessions: home page, chat pages, my chats ----
/** What a session file says of a session, after its time: moved or extra, and its topic, linked to its page. */
export function sessionNotes(session) {
  const notes = [];
  if (session.moved) notes.push(" ", el("span", { class: "pill", text: "moved" }));
  if (session.extra) notes.push(" ", el("span", { class: "pill", text: "extra session" }));
  if (session.topic) notes.push(el("br"), el("a", { class: "session-topic", href: siteUrl(session.url), text: session.topic }));
  return notes;
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

// Cancelled sessions are no sessions, but a visitor should see them among the next ones.
function cancelledBetween(chat, startMs, endMs) {
  return (chat.sessions || []).filter((s) => s.status === "cancelled").map((s) => {
    const entry = chat.schedule.find((e) => e.id === s.entry);
    const [y, mo, d, h, mi] = s.start.split(/[-T:]/).map(Number);
    return { ...s, entry: s.entry, start: wallToInstant(y, mo, d, h, mi, entry.timezone) };
  }).filter((s) => s.start >= startMs && s.start <= endMs);
}

function chatPage(container, chat, prefs) {
  const list = el("ol", { class: "sessions" });
  const now = Date.now();
  const sessions = upcoming(chat, now, 5);
  const shown = sessions.length ? [...sessions, ...cancelledBetween(chat, now, sessions.at(-1).start)] : [];
  shown.sort((a, b) => a.start - b.start);
  for (const session of shown) {
    const entry = chat.schedule.find((e) => e.id === session.entry);
    const own = { tz: entry.timezone, hour12: prefs.hour12 };
    const when = timeElement(session.start, fullText(session.start, prefs));
    const cancelled = session.status === "cancelled";
    list.append(el("li", { class: cancelled ? "session-item session-cancelled" : "session-item" },
      cancelled ? el("del", {}, when) : when,
      cancelled ? el("strong", { text: " cancelled" }) : el("span", { class: "utc", text: ` (${fullText(session.start, own)} in ${zoneLabel(entry.timezone)})` }),
      entry.label ? ` · ${entry.label}` : null, ...(cancelled ? [] : sessionNotes(session)),
      session.note ? el("span", { class: "muted session-note", text: ` ${session.note}` }) : null));
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

// ---- stars: "my chats", kept in this browser ----
export const starred = () => new Set(readJSON(STARS, []));

export function setStar(slug, on) {
  const stars = starred();
  if (on) stars.add(slug);
  else stars.delete(slug);
  writeJSON(STARS, [...stars].sort());
  updateStars();
}

/** Every star button and the header's count, from storage: also after another tab changed it. */
export function updateStars() {
  const stars = starred();
  document.querySelectorAll("button[data-star]").forEach((button) => {
    const on = stars.has(button.dataset.star);
    button.setAttribute("aria-pressed", String(on));
    const icon = button.querySelector("[aria-hidden]");
    if (icon) icon.textContent = on ? "★" : "☆";
    const words = button.querySelector(".star-words");
    if (words) words.textContent = on ? "Starred" : "Star this chat";
  });
  document.querySelectorAll("[data-star-count]").forEach((count) => {
    count.hidden = !stars.size;
    count.textContent = String(stars.size);
    count.setAttribute("aria-label", `${stars.size} starred`);
  });
}

/** Star buttons under `scope`, including those drawn later (search results). */
export function wireStars(scope = document) {
  scope.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button[data-star]");
    if (!button) return;
    setStar(button.dataset.star, button.getAttribute("aria-pressed") !== "true");
  });
}

// ---- the header: filters and menus that fold away on phones ----
function wireToggles() {
  // A button with data-toggle="id" shows and hides that element (closed on phones by CSS until opened).
  document.querySelectorAll("button[data-toggle]").forEach((button) => {
    const target = document.getElementById(button.dataset.toggle);
    if (!target) return;
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      target.classList.toggle("open", open);
    });
  });
}

// ---- wiring: each part runs on the pages that have its element ----
export const ready = (async () => {
  const prefs = preferences();
  // Build-time times (UTC) get the visitor's zone as text; the instant stays.
  document.querySelectorAll("time[data-localize]").forEach((t) => {
    t.textContent = fullText(Date.parse(t.dateTime), prefs);
  });
  localizeScheduleLines(prefs);
  document.querySelectorAll("[data-static-note]").forEach((n) => {
    n.textContent = `Times in ${zoneLabel(prefs.tz)}.`;
  });
  updateStars();
  wireStars();
  addEventListener("storage", (event) => event.key === STARS && updateStars());
  wireToggles();
  const sessions = document.querySelector("[data-chat-sessions]");
  const data = document.getElementById("chat-schedule");
  if (sessions && data) chatPage(sessions, JSON.parse(data.textContent), prefs);
})();

// "/" focuses the search box, as on most sites with one.
addEventListener("keydown", (event) => {
  const typing = event.target.closest && event.target.closest("input, select, textarea, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const box = document.querySelector("[data-search] input[name=q]") || document.getElementById("site-search");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  }
});
