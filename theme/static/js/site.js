// The site in the visitor's own time zone: the weekly calendar, "happening
// now", upcoming sessions and countdowns, starred chats. Everything relative
// to now is computed here, from the rules and the browser's clock, so a page
// built weeks ago is still right. Text is only ever inserted as text.
import { decode, happeningNow, sessionsBetween, upcoming, zonedParts } from "./schedule.js";

export const HOUR = 36e5;
export const DAY = 864e5;
const PREFS = "chatcal:prefs";
const HOME_LIST = 8; // sessions per list on the home page; the calendar has them all
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

// Long work in slices that leave the page free to respond: `fn` runs on
// each item, and the browser gets a turn whenever a slice took 25 ms.
const SLICE_MS = 25;
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));
export async function eachInSlices(items, fn) {
  let sliceStart = performance.now();
  for (const item of items) {
    fn(item);
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

export const isoInstant = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

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

export function preferences() {
  const params = new URLSearchParams(location.search);
  const saved = readJSON(PREFS, {});
  const tz = [params.get("tz"), saved.tz, browserZone()].find((z) => z && validZone(z));
  const clock = params.get("clock") || saved.clock;
  return { tz, hour12: clock ? clock === "12" : browserHour12() };
}

export function savePreferences(prefs) {
  writeJSON(PREFS, { tz: prefs.tz, clock: prefs.hour12 ? "12" : "24" });
}

export function firstDayOfWeek() {
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
export const dayText = (ms, prefs) => formatter(prefs, { weekday: "short", day: "numeric", month: "short" }).format(ms);
export const fullText = (ms, prefs) =>
  formatter(prefs, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(ms);

export function languageName(tag) {
  try {
    return new Intl.DisplayNames([navigator.language], { type: "language" }).of(tag) || tag;
  } catch {
    return tag;
  }
}

export function zoneLabel(zone) {
  return zone === "UTC" ? "UTC" : `${zone.split("/").pop().replaceAll("_", " ")} time (${zone})`;
}

export function timeElement(ms, text) {
  return el("time", { datetime: isoInstant(ms), text });
}

// ---- data ----
let schedules;
export async function loadChats() {
  if (!schedules) {
    schedules = fetch(`${root}/data/schedules.json`).then((r) => r.json()).then(decode);
  }
  return schedules;
}

export const siteUrl = (path) => `${root}/${path}`;
export const chatUrl = (chat) => siteUrl(chat.url);

// ---- lists of sessions: home page, chat pages, my chats ----
export function sessionItem(chat, session, prefs, extra) {
  return el("li", {},
    el("a", { href: chatUrl(chat), text: `#${chat.hashtag}: ${chat.title}` }), " ",
    timeElement(session.start, fullText(session.start, prefs)), extra || null);
}

export function fillList(container, items, emptyText) {
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
  fillList(now, happeningNow(chats, at).slice(0, HOME_LIST).map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "Nothing is on right now.");
  const coming = [];
  for (const chat of chats) {
    // Only the next day: expanding each chat's whole year would block the page.
    for (const session of sessionsBetween(chat, at, at + DAY)) {
      if (session.start > at && chat.status === "active") coming.push({ chat, session });
    }
  }
  coming.sort((a, b) => a.session.start - b.session.start);
  fillList(soon, coming.slice(0, HOME_LIST).map(({ chat, session }) => sessionItem(chat, session, prefs)),
    "Nothing starts in the next 24 hours.");
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
export const starred = () => new Set(readJSON(STARS, []));

function starButton(button) {
  const slug = button.dataset.star;
  const update = () => {
    const on = starred().has(slug);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "★ Starred" : "☆ Star this chat";
  };
  button.addEventListener("click", () => {
    const stars = starred();
    stars.has(slug) ? stars.delete(slug) : stars.add(slug);
    writeJSON(STARS, [...stars].sort());
    update();
  });
  update();
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
  // The weekly grid and "my chats" live in their own module, loaded only where used.
  if (document.querySelector("[data-calendar-controls], [data-topic-week], [data-my-chats]")) {
    const calendar = await import("./calendar.js");
    await calendar.start();
  }
  const now = document.querySelector("[data-happening-now]");
  if (now) await homePage(now, document.querySelector("[data-starting-soon]"));
  const sessions = document.querySelector("[data-chat-sessions]");
  const data = document.getElementById("chat-schedule");
  if (sessions && data) chatPage(sessions, JSON.parse(data.textContent));
  document.querySelectorAll("button[data-star]").forEach(starButton);
  if (document.querySelector("[data-search]")) {
    const search = await import("./search.js");
    await search.start();
  }
}

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

main();
