// The weekly calendar page and each topic's week: a week grid like a desk
// calendar's (chips as tall as the session, a line at the current time), or
// a day-by-day agenda; the busy-hours heatmap in the visitor's zone.
// Loaded by calendar.html and topic.html; site.js is the shared base.
import { sessionsBetween, wallToInstant, weekStart, zonedParts } from "./schedule.js";
import { DAY, HOUR, chatUrl, clockText, el, firstDayOfWeek, formatter, preferences, readJSON, siteUrl, timeElement, writeJSON, zoneCity, zoneLabel } from "./site.js";
import { dayText, eachInSlices, languageName, loadChats, savePreferences } from "./data.js";

const VIEW = "chatcal:calendar"; // {view: "week"|"list", compact: bool}: remembered in this browser
// Narrow screens always get the agenda: seven columns do not fit a phone.
const NARROW = matchMedia("(max-width: 48rem)");
const SVG = "http://www.w3.org/2000/svg";

// ---- placing sessions ----
function weekDays(start, prefs) {
  // Calendar days in the zone: a day can last 23 or 25 hours.
  const p = zonedParts(start, prefs.tz);
  return Array.from({ length: 8 }, (_, i) => wallToInstant(p.year, p.month, p.day + i, 0, 0, prefs.tz));
}

/** The week's sessions by day: [[{chat, session}], ...] for the seven days, by start. */
async function sessionsByDay(chats, days) {
  const byDay = Array.from({ length: 7 }, () => []);
  await eachInSlices(chats, (chat) => {
    for (const session of sessionsBetween(chat, days[0], days[7])) {
      if (session.start < days[0]) continue;
      const day = days.findIndex((d, i) => i < 7 && session.start >= d && session.start < days[i + 1]);
      byDay[day].push({ chat, session });
    }
  });
  for (const list of byDay) list.sort((a, b) => a.session.start - b.session.start);
  return byDay;
}

// Side by side when they overlap: each session gets a lane, and every session
// of a cluster of overlapping ones shares the cluster's lane count.
function assignLanes(items) {
  let cluster = [], clusterEnd = 0;
  const close = () => cluster.forEach((item) => { item.lanes = Math.max(...cluster.map((c) => c.lane)) + 1; });
  for (const item of items) {
    if (item.session.start >= clusterEnd) {
      close();
      cluster = [];
    }
    const ends = [];
    cluster.forEach((c) => { ends[c.lane] = Math.max(ends[c.lane] || 0, c.session.end); });
    let lane = 0;
    while (ends[lane] > item.session.start) lane++;
    item.lane = lane;
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.session.end);
  }
  close();
}

const rangeText = (item, prefs) => `${clockText(item.session.start, prefs)} – ${clockText(item.session.end, prefs)}`;

function slotLink(item, prefs) {
  const { chat, session } = item;
  const minutes = (session.end - session.start) / 6e4;
  // A session its file describes links to its own page, and says its topic and changes.
  const about = session.topic ? `: ${session.topic}` : "";
  const change = session.moved ? " (moved)" : session.extra ? " (extra session)" : "";
  const link = el("a", {
    class: minutes < 45 ? "slot short" : "slot", href: session.url ? siteUrl(session.url) : chatUrl(chat),
    title: `#${chat.hashtag}: ${chat.title}${about} · ${rangeText(item, prefs)}${change}`, "data-tip": chat.title + about,
  }, timeElement(session.start, clockText(session.start, prefs)), " ", el("span", { class: "slot-tag", text: `#${chat.hashtag}` }));
  const start = zonedParts(session.start, prefs.tz);
  // Geometry from CSSOM, which the Content-Security-Policy allows (style attributes it does not).
  link.style.setProperty("--top", start.minute / 60);
  link.style.setProperty("--span", minutes / 60);
  link.style.setProperty("--lane", item.lane || 0);
  link.style.setProperty("--lanes", item.lanes || 1);
  return link;
}

/** A day's header: the same text as dayText, the day number set large. */
function dayHeader(ms, prefs) {
  const parts = formatter(prefs, { weekday: "short", day: "numeric", month: "short" }).formatToParts(ms);
  const time = timeElement(ms, "");
  for (const { type, value } of parts) time.append(type === "day" ? el("span", { class: "day-number", text: value }) : value);
  return time;
}

function isoDay(ms, tz) {
  const p = zonedParts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function weekTable(byDay, days, prefs, captionText, id, compact) {
  const now = Date.now();
  const today = days.findIndex((d, i) => i < 7 && now >= d && now < days[i + 1]);
  const caption = el("caption", { id, class: "sr-only", text: captionText });
  const headRow = el("tr", {}, el("th", { scope: "col", class: "hour-head" }, el("span", { class: "sr-only", text: "Hour" })));
  days.slice(0, 7).forEach((d, i) => headRow.append(el("th", { scope: "col", class: i === today ? "today" : null, "aria-current": i === today ? "date" : null }, dayHeader(d, prefs))));
  // Hours in which some session runs, to fold the others away.
  const busy = new Set();
  const cells = new Map();
  byDay.forEach((items, day) => {
    assignLanes(items);
    for (const item of items) {
      const start = zonedParts(item.session.start, prefs.tz).hour;
      const key = `${day}:${start}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(item);
      for (let h = start, t = item.session.start; t < item.session.end && h < 24; h++, t += HOUR) busy.add(h);
    }
  });
  const body = el("tbody");
  for (let hour = 0; hour < 24; hour++) {
    const hourLabel = clockText(wallToInstant(2026, 1, 5, hour, 0, "UTC"), { tz: "UTC", hour12: prefs.hour12 });
    const row = el("tr", { "data-hour": hour, class: busy.has(hour) ? null : "idle" }, el("th", { scope: "row", class: "hour-head", text: hourLabel }));
    for (let day = 0; day < 7; day++) {
      const cell = el("td", { class: day === today ? "today" : null });
      for (const item of cells.get(`${day}:${hour}`) || []) cell.append(slotLink(item, prefs));
      if (day === today && zonedParts(now, prefs.tz).hour === hour) {
        const line = el("div", { class: "now-line", "aria-hidden": "true" });
        line.style.setProperty("--top", zonedParts(now, prefs.tz).minute / 60);
        cell.append(line);
      }
      row.append(cell);
    }
    body.append(row);
  }
  const table = el("table", { class: compact ? "week compact" : "week", "aria-labelledby": caption.id }, caption, el("thead", {}, headRow), body);
  return table;
}

function agendaItem(item, prefs) {
  const { chat } = item;
  return el("li", { class: "agenda-item" },
    el("span", { class: "agenda-time" }, timeElement(item.session.start, clockText(item.session.start, prefs)), el("span", { class: "agenda-end", text: ` – ${clockText(item.session.end, prefs)}` })),
    el("a", { class: "slot", href: item.session.url ? siteUrl(item.session.url) : chatUrl(chat) },
      el("span", { class: "slot-tag", text: `#${chat.hashtag}` }), el("span", { class: "agenda-title", text: chat.title }),
      item.session.topic ? el("span", { class: "agenda-topic", text: ` · ${item.session.topic}` }) : null,
      item.session.moved ? el("span", { class: "pill", text: "moved" }) : null,
      item.session.extra ? el("span", { class: "pill", text: "extra session" }) : null));
}

function agenda(byDay, days, prefs, captionText) {
  const list = el("ol", { class: "week-days", "aria-label": `${captionText}, day by day` });
  const now = Date.now();
  const pending = [];
  for (let day = 0; day < 7; day++) {
    const items = byDay[day];
    const isToday = now >= days[day] && now < days[day + 1];
    const dayList = el("ul", { class: "agenda-list" });
    items.forEach((item) => pending.push([dayList, item]));
    list.append(el("li", { class: isToday ? "agenda-day today" : "agenda-day" },
      el("h3", { "aria-current": isToday ? "date" : null }, timeElement(days[day], formatter(prefs, { weekday: "long", day: "numeric", month: "long" }).format(days[day]))),
      items.length ? dayList : el("p", { class: "muted", text: "No chats." })));
  }
  // The sessions go in by slices: a week of a thousand chats, made at once, would hold up the page.
  eachInSlices(pending, ([dayList, item]) => dayList.append(agendaItem(item, prefs)));
  return list;
}

// ---- the busy-hours heatmap, redrawn in the visitor's zone ----
// The same geometry and colour ramp as the build's (chatcal/site/heatmap.py),
// so the stylesheet's light and dark colours apply to both.
const RAMP = ["#f1f5f9", "#cfe3f3", "#9cc7e8", "#5ea3d6", "#2f7fbf", "#1a5a91", "#0d3b66"];
const CELL = 22, LEFT = 40, TOP = 22;

function heatmap(byDay, days, prefs, title) {
  const counts = days.slice(0, 7).map(() => Array(24).fill(0));
  byDay.forEach((items) => {
    for (const { session } of items) {
      // Each hour a session runs in counts it, carried into the next days if needed.
      for (let t = session.start; t < session.end;) {
        const d = days.findIndex((start, i) => i < 7 && t >= start && t < days[i + 1]);
        const p = zonedParts(t, prefs.tz);
        if (d >= 0) counts[d][p.hour] += 1;
        t += (60 - p.minute) * 6e4; // on to the next hour on the zone's clock
      }
    }
  });
  const busiest = Math.max(...counts.flat());
  const shade = (n) => (n === 0 || !busiest ? RAMP[0] : RAMP[1 + Math.min(RAMP.length - 2, Math.floor(((n - 1) * (RAMP.length - 1)) / busiest))]);
  const node = (tag, attrs, text) => {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text != null) n.textContent = text;
    return n;
  };
  const svg = node("svg", { viewBox: `0 0 ${LEFT + 24 * CELL + 4} ${TOP + 7 * CELL + 4}`, role: "img", "aria-labelledby": "heatmap-title", class: "heatmap" });
  svg.append(node("title", { id: "heatmap-title" }, title));
  for (let hour = 0; hour < 24; hour += 3) {
    svg.append(node("text", { x: LEFT + hour * CELL + 2, y: TOP - 6, "font-size": 10 }, String(hour).padStart(2, "0")));
  }
  const short = formatter(prefs, { weekday: "short" });
  counts.forEach((row, day) => {
    const y = TOP + day * CELL;
    const name = short.format(days[day] + 12 * HOUR);
    svg.append(node("text", { x: 2, y: y + 15, "font-size": 11 }, name));
    row.forEach((count, hour) => {
      const rect = node("rect", { x: LEFT + hour * CELL, y, width: CELL - 2, height: CELL - 2, fill: shade(count) });
      rect.append(node("title", {}, `${name} ${String(hour).padStart(2, "0")}:00: ${count} chat${count === 1 ? "" : "s"}`));
      svg.append(rect);
    });
  });
  return svg;
}

// ---- drawing a week into a box ----
// A newer call for the same box wins, as drawing yields to the page and
// clicks can come in between.
const drawing = new WeakMap();
async function renderWeek(container, chats, start, prefs, captionText, view) {
  const ticket = (drawing.get(container) || 0) + 1;
  drawing.set(container, ticket);
  container.setAttribute("aria-busy", "true");
  const days = weekDays(start, prefs);
  const byDay = await sessionsByDay(chats, days);
  if (drawing.get(container) !== ticket) return null;
  const id = `${container.id || "week"}-caption`;
  const list = view.view === "list" || NARROW.matches;
  container.replaceChildren(list ? agenda(byDay, days, prefs, captionText) : weekTable(byDay, days, prefs, captionText, id, view.compact));
  container.removeAttribute("aria-busy");
  delete container.dataset.loading;
  return { byDay, days };
}

/** Scrolls the page so the current hour (less one, for context) sits under the sticky day row. */
function scrollToNow(container, prefs) {
  const table = container.querySelector("table.week");
  if (!table || !table.querySelector("th[aria-current]")) return;
  const hour = Math.max(0, zonedParts(Date.now(), prefs.tz).hour - 1);
  const rows = [...table.tBodies[0].rows].filter((r) => r.offsetParent !== null);
  const row = rows.find((r) => Number(r.dataset.hour) >= hour) || rows.at(-1);
  if (!row) return;
  const head = table.tHead.getBoundingClientRect().height;
  const y = row.getBoundingClientRect().top + scrollY - head;
  // Only downwards: the title and controls stay in view when the hour is early.
  if (y > table.getBoundingClientRect().top + scrollY) scrollTo({ top: y, behavior: "instant" });
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

function weekTitle(start, prefs) {
  const end = start + 6 * DAY + 12 * HOUR;
  return formatter(prefs, { day: "numeric", month: "long", year: "numeric" }).formatRange
    ? formatter(prefs, { day: "numeric", month: "long", year: "numeric" }).formatRange(start + 12 * HOUR, end)
    : formatter(prefs, { day: "numeric", month: "long", year: "numeric" }).format(start);
}

async function calendarPage(controls, grid) {
  const chats = await loadChats();
  let state = readState(preferences());
  let view = { view: "week", compact: false, ...readJSON(VIEW, {}) };
  const options = filterOptions(chats);
  const status = controls.querySelector("[data-calendar-status]");
  const title = controls.querySelector("[data-week-title]");
  const zoneButton = controls.querySelector("[data-zone]");
  const heat = document.querySelector("[data-heatmap]");
  let scrolled = false;

  async function draw(push) {
    const start = weekStartFor(state);
    const thisWeek = weekStart(Date.now(), state.prefs.tz, firstDayOfWeek());
    const caption = `Week of ${formatter(state.prefs, { day: "numeric", month: "long", year: "numeric" }).format(start)}, times in ${zoneLabel(state.prefs.tz)}`;
    status.textContent = caption;
    title.textContent = weekTitle(start, state.prefs);
    zoneButton.dataset.zone = state.prefs.tz;
    zoneButton.querySelector("[data-zone-name]").textContent = zoneCity(state.prefs.tz);
    controls.querySelector("[data-this-week]").disabled = start === thisWeek;
    controls.querySelectorAll("[data-view]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view.view)));
    controls.querySelector("[data-compact]").setAttribute("aria-pressed", String(view.compact));
    controls.querySelector("[data-compact]").disabled = view.view === "list" || NARROW.matches;
    writeState(state, push);
    savePreferences(state.prefs);
    const drawn = await renderWeek(grid, chats.filter((c) => matches(c, state)), start, state.prefs, caption, view);
    if (!drawn) return;
    if (heat) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // a task of its own: the week is on screen first
      heat.replaceChildren(heatmap(drawn.byDay, drawn.days, state.prefs, `Active chats per hour, ${caption}`));
      document.querySelectorAll("[data-heatmap-zone]").forEach((n) => { n.textContent = `in ${zoneLabel(state.prefs.tz)}`; });
    }
    if (!scrolled && start === thisWeek) {
      scrolled = true;
      scrollToNow(grid, state.prefs);
    }
  }

  function moveWeek(weeks) {
    const start = weekStartFor(state) + weeks * 7 * DAY + 12 * HOUR;
    state = { ...state, week: isoDay(start, state.prefs.tz) };
    draw(true);
  }

  const clockButton = controls.querySelector("[data-clock]");
  clockButton.setAttribute("aria-pressed", String(state.prefs.hour12));
  const filters = ["topic", "platform", "language"].map((name) =>
    [name, fillSelect(controls.querySelector(`#filter-${name}`), options[name], state[name], "All")]);
  document.querySelectorAll("[data-static-note]").forEach((n) => {
    // As short as the build's line it replaces, so nothing below it moves.
    n.textContent = "Times in the zone you pick below.";
  });

  controls.querySelector("[data-previous-week]").addEventListener("click", () => moveWeek(-1));
  controls.querySelector("[data-next-week]").addEventListener("click", () => moveWeek(1));
  controls.querySelector("[data-this-week]").addEventListener("click", () => {
    state = { ...state, week: null };
    scrolled = false;
    draw(true);
  });
  controls.querySelectorAll("[data-view]").forEach((button) => button.addEventListener("click", () => {
    view = { ...view, view: button.dataset.view };
    writeJSON(VIEW, view);
    draw(false);
  }));
  controls.querySelector("[data-compact]").addEventListener("click", () => {
    view = { ...view, compact: !view.compact };
    writeJSON(VIEW, view);
    draw(false);
  });
  // The zone picker is its own module, fetched the first time it opens.
  zoneButton.addEventListener("click", async () => {
    const { openZonePicker } = await import("./zonepicker.js");
    openZonePicker(zoneButton, state.prefs.tz, (tz) => {
      state = { ...state, prefs: { ...state.prefs, tz } };
      draw(false);
    });
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

// ---- a topic's page: its week as an agenda, with week navigation ----
async function topicWeek(box) {
  const chats = (await loadChats()).filter((c) => c.status === "active" && c.topics.some((t) => t.slug === box.dataset.topicWeek));
  const prefs = preferences();
  const thisWeek = weekStart(Date.now(), prefs.tz, firstDayOfWeek());
  let start = thisWeek;
  const nav = box.parentElement.querySelector("[data-topic-nav]");
  const label = nav.querySelector("[data-week-title]");
  const draw = async () => {
    const caption = `Week of ${formatter(prefs, { day: "numeric", month: "long" }).format(start)}, times in ${zoneLabel(prefs.tz)}`;
    label.textContent = caption;
    nav.querySelector("[data-this-week]").disabled = start === thisWeek;
    await renderWeek(box, chats, start, prefs, caption, { view: "list" });
  };
  const move = (weeks) => {
    const p = zonedParts(start + weeks * 7 * DAY + 12 * HOUR, prefs.tz);
    start = weekStart(wallToInstant(p.year, p.month, p.day, 12, 0, prefs.tz), prefs.tz, firstDayOfWeek());
    draw();
  };
  nav.querySelector("[data-previous-week]").addEventListener("click", () => move(-1));
  nav.querySelector("[data-next-week]").addEventListener("click", () => move(1));
  nav.querySelector("[data-this-week]").addEventListener("click", () => { start = thisWeek; draw(); });
  nav.hidden = false;
  // The navigation's title names the week and the zone: the build's note would say the zone twice.
  box.parentElement.querySelector("[data-static-note]")?.remove();
  await draw();
  box.dataset.ready = "";
}

const controls = document.querySelector("[data-calendar-controls]");
if (controls) await calendarPage(controls, document.querySelector("[data-week-grid]"));
const topicBox = document.querySelector("[data-topic-week]");
if (topicBox) await topicWeek(topicBox);
