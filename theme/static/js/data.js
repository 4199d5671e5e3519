// What the pages that show many chats share (calendar, topics, search, my
// chats, home): the chats' schedules, the zone list, work in slices,
// language names, session lists and star buttons for drawn cards. Apart
// from site.js, so a chat's page loads none of it.
import { decode } from "./schedule.js";
import { LEGACY, PREFS, canonicalZone, chatUrl, el, formatter, fullText, sessionNotes, siteUrl, starred, timeElement, useZones, writeJSON, zoneCity } from "./site.js";

// Long work in slices that leave the page free to respond: `fn` runs on
// each item, and the browser gets a turn whenever a slice took 10 ms: with a
// phone's slower CPU a slice stays under the 50 ms that make a long task.
const SLICE_MS = 10;
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

let languageNames; // one Intl.DisplayNames for every name asked
export function languageName(tag) {
  try {
    languageNames ||= new Intl.DisplayNames([navigator.language], { type: "language" });
    return languageNames.of(tag) || tag;
  } catch {
    return tag;
  }
}

// ---- data ----
let schedules;
export async function loadChats() {
  if (!schedules) {
    schedules = fetch(siteUrl("data/schedules.json")).then((r) => r.json()).then(decode);
  }
  return schedules;
}

export function starButton(chat) {
  return el("button", { type: "button", class: "star star-icon", "data-star": chat.slug, "aria-pressed": String(starred().has(chat.slug)) },
    el("span", { "aria-hidden": "true", text: starred().has(chat.slug) ? "★" : "☆" }), el("span", { class: "sr-only", text: `Star ${chat.title}` }));
}

// ---- lists of sessions: home page, my chats ----
export function sessionItem(chat, session, prefs, extra) {
  return el("li", {},
    el("a", { href: chatUrl(chat), text: `#${chat.hashtag}: ${chat.title}` }), " ",
    timeElement(session.start, fullText(session.start, prefs)), extra || null, ...sessionNotes(session));
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


export function savePreferences(prefs) {
  writeJSON(PREFS, { tz: prefs.tz, clock: prefs.hour12 ? "12" : "24" });
}

export const dayText = (ms, prefs) => formatter(prefs, { weekday: "short", day: "numeric", month: "short" }).format(ms);

let zoneData;
/** The zone list of the picker: {zones, links, byId}; a build without it gets the browser's list. */
export async function loadZones() {
  if (!zoneData) {
    let data;
    try {
      const response = await fetch(siteUrl("data/zones.json"));
      data = response.ok ? await response.json() : null;
    } catch {
      data = null;
    }
    if (!data) {
      const ids = Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : [];
      data = { zones: ids.map((id) => ({ id: canonicalZone(id), city: zoneCity(id), country: "", common: false })), links: {} };
    }
    data.links = { ...LEGACY, ...(data.links || {}) };
    data.byId = new Map(data.zones.map((z) => [z.id, z]));
    zoneData = data;
    useZones(data);
  }
  return zoneData;
}

