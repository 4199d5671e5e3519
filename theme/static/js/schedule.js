// Sessions from the schedule rules of /chats.json, in the browser.
// A port of chatcal/schedule.py using only Intl (no date library), so the
// page can show any window in the viewer's own zone. Dates are handled as
// day numbers (days since 1970-01-01, UTC calendar); instants as epoch ms.

const DAY = 864e5;
const MIN = 6e4;
const fmts = new Map();

// One formatter per zone: building them is the slow part of Intl.
function fmt(timeZone) {
  let f = fmts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    fmts.set(timeZone, f);
  }
  return f;
}

function parts(ms, timeZone) {
  const p = {};
  for (const { type, value } of fmt(timeZone).formatToParts(ms)) p[type] = +value;
  p.hour %= 24; // some engines print midnight as 24
  return p;
}

// UTC offset of a zone at an instant, in ms (whole seconds). Formatting
// dates is the slow part of Intl, so offsets are remembered: per zone and
// 7-day span when the offset is the same at both ends of the span (nearly
// always: no zone changes clocks twice within a week), else per quarter
// hour, since clocks change on quarter hours.
const QUARTER = 9e5;
const SPAN = 7 * DAY;
const offsets = new Map();
function offset(ms, timeZone) {
  const span = Math.floor(ms / SPAN) * SPAN;
  const spanKey = `${timeZone} s${span}`;
  let steady = offsets.get(spanKey);
  if (steady === undefined) {
    const first = quarterOffset(span, timeZone);
    steady = first === quarterOffset(span + SPAN - QUARTER, timeZone) ? first : null;
    offsets.set(spanKey, steady);
  }
  return steady ?? quarterOffset(ms, timeZone);
}

function quarterOffset(ms, timeZone) {
  const quarter = Math.floor(ms / QUARTER) * QUARTER;
  const key = `${timeZone} ${quarter}`;
  let value = offsets.get(key);
  if (value === undefined) {
    const p = parts(quarter, timeZone);
    value = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - quarter;
    if (offsets.size > 2e5) offsets.clear();
    offsets.set(key, value);
  }
  return value;
}

const mod = (a, n) => ((a % n) + n) % n;
const weekday = (d) => mod(d + 3, 7); // 1970-01-01 was a Thursday; Monday = 0

// Day number of "YYYY-MM-DD" or {year, month, day}.
function dayNum(date) {
  if (typeof date === "string") {
    const [y, m, d] = date.split("-");
    date = { year: +y, month: +m, day: +d };
  }
  return Date.UTC(date.year, date.month - 1, date.day) / DAY;
}

function ymd(d) {
  const t = new Date(d * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const isoDate = (d) => new Date(d * DAY).toISOString().slice(0, 10);

/** Epoch ms of a wall-clock time in an IANA zone. As RFC 5545 and Python's
 * fold=0: a time in a spring-forward gap takes the offset before the gap,
 * an ambiguous one its first occurrence. Fields roll over as in Date.UTC
 * (day 32 is the 1st of the next month), so callers can step by days. */
export function wallToInstant(year, month, day, hour, minute, timeZone) {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side bracket any single transition.
  const before = offset(wall - DAY, timeZone);
  const after = offset(wall + DAY, timeZone);
  // Candidates that map back to this wall time, earliest first.
  const fits = [before, after]
    .map((o) => wall - o)
    .filter((t) => offset(t, timeZone) === wall - t)
    .sort((a, b) => a - b);
  return fits.length ? fits[0] : wall - before; // none fit: a gap
}

/** Wall-clock fields of an instant in a zone; weekday 0 = Monday. */
export function zonedParts(ms, timeZone) {
  const local = new Date(ms + offset(ms, timeZone));
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: mod(local.getUTCDay() - 1, 7),
  };
}

function monthlyDate(year, month, { weekday: wd, ordinal }) {
  if (ordinal === -1) {
    const last = Date.UTC(year, month, 0) / DAY;
    return last - mod(weekday(last) - wd, 7);
  }
  const first = Date.UTC(year, month - 1, 1) / DAY;
  return first + mod(wd - weekday(first), 7) + 7 * (ordinal - 1);
}

// Day numbers in [first, last] the rule meets on, skips and until aside;
// weeks of "N weeks" entries count from the week (Monday-Sunday) of anchor.
function ruleDates(entry, anchor, first, last) {
  const out = [];
  if (entry.every === "month") {
    let { year, month } = ymd(first);
    while (Date.UTC(year, month - 1, 1) / DAY <= last) {
      const dates = entry.on.map((d) => monthlyDate(year, month, d)).sort((a, b) => a - b);
      for (const date of dates) if (date >= first && date <= last) out.push(date);
      if (++month > 12) [year, month] = [year + 1, 1];
    }
    return out;
  }
  const n = entry.interval || 1;
  const monday = first - weekday(first);
  const apart = (monday - (anchor - weekday(anchor))) / 7;
  const weekdays = entry.on.map((d) => d.weekday).sort((a, b) => a - b);
  for (let week = monday + 7 * mod(-apart, n); week <= last; week += 7 * n) {
    for (const wd of weekdays) if (week + wd >= first && week + wd <= last) out.push(week + wd);
  }
  return out;
}

/** "YYYY-MM-DD" dates, in the entry's zone, of its sessions in
 * [firstDate, lastDate] (strings or {year, month, day}). The series starts
 * at `from`, else at the chat's `added` date; `until` and `skip` apply. */
export function entryDates(entry, added, firstDate, lastDate) {
  const start = dayNum(entry.from || added);
  const first = Math.max(dayNum(firstDate), start);
  const last = entry.until ? Math.min(dayNum(lastDate), dayNum(entry.until)) : dayNum(lastDate);
  const skip = entry.skip || [];
  return ruleDates(entry, start, first, last).map(isoDate).filter((d) => !skip.includes(d));
}

/** Sessions of a chat from /chats.json overlapping [startMs, endMs), by
 * start then entry id: [{chat, entry, start, end}] in epoch ms. Expands any
 * chat whatever its status: callers showing what is coming filter on
 * status === "active" (or use upcoming). The chat's session files
 * (`sessions`) apply: cancelled sessions are left out, moved and extra ones
 * placed where they say; a session a file describes also carries its
 * {date, topic, status, extra, moved, url}. */
export function sessionsBetween(chat, startMs, endMs) {
  // Local dates lie up to a day either side of UTC dates, and a session
  // (at most 720 minutes) can start before the window: widen, then filter.
  const first = isoDate(Math.floor((startMs - 720 * MIN) / DAY) - 1);
  const last = isoDate(Math.floor(endMs / DAY) + 1);
  const files = new Map((chat.sessions || []).map((s) => [`${s.entry} ${s.date}`, s]));
  const found = [];
  const add = (session) => {
    if (session.end > startMs && session.start < endMs) found.push(session);
  };
  for (const entry of chat.schedule) {
    const [h, m] = entry.at.split(":").map(Number);
    for (const date of entryDates(entry, chat.added, first, last)) {
      const file = files.get(`${entry.id} ${date}`);
      if (file) {
        // Moved and extra sessions are placed below, wherever they went.
        if (file.status !== "cancelled" && !file.moved && !file.extra) add(filedSession(chat, entry, file));
        continue;
      }
      const { year, month, day } = ymd(dayNum(date));
      const start = wallToInstant(year, month, day, h, m, entry.timezone);
      add({ chat: chat.slug, entry: entry.id, start, end: start + (entry.duration ?? 60) * MIN });
    }
    for (const file of chat.sessions || []) {
      if (file.entry === entry.id && file.status !== "cancelled" && (file.moved || file.extra)) {
        add(filedSession(chat, entry, file));
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}

// A session as its file has it: `start` is its local start in the entry's zone.
function filedSession(chat, entry, file) {
  const [date, time] = file.start.split("T");
  const { year, month, day } = ymd(dayNum(date));
  const [h, m] = time.split(":").map(Number);
  const start = wallToInstant(year, month, day, h, m, entry.timezone);
  const end = start + (file.duration ?? entry.duration ?? 60) * MIN;
  const { topic, status, extra, moved, url } = file;
  return { chat: chat.slug, entry: entry.id, start, end, date: file.date, topic, status, extra, moved, url };
}

/** The next `count` sessions that have not ended by nowMs (looking 400
 * days ahead, as the build does); none unless the chat is active. */
export function upcoming(chat, nowMs, count = 5, horizonDays = 400) {
  if (chat.status !== "active") return [];
  // First a window that holds `count` sessions if the chat meets as its rules
  // say (as chatcal/schedule.py), then the whole horizon: expanding a year
  // for each of a thousand chats would block the page.
  const perWeek = chat.schedule.reduce((sum, e) => sum + e.on.length / (e.every === "month" ? 4.3 : e.interval || 1), 0);
  for (const days of [Math.floor((7 * count) / perWeek) + 8, horizonDays]) {
    const found = sessionsBetween(chat, nowMs, nowMs + Math.min(days, horizonDays) * DAY);
    if (found.length >= count || days >= horizonDays) return found.slice(0, count);
  }
  return [];
}

/** Sessions of active chats in progress at nowMs: [{chat, session}]. */
export function happeningNow(chats, nowMs) {
  const now = [];
  for (const chat of chats) {
    if (chat.status !== "active") continue;
    for (const session of sessionsBetween(chat, nowMs, nowMs + 1)) now.push({ chat, session });
  }
  return now.sort((a, b) => a.session.start - b.session.start);
}

/** Epoch ms of local midnight starting the week that contains ms in a zone
 * (firstDay 0 = Monday ... 6 = Sunday). Counted in calendar days, not in
 * 24-hour steps, so 23- and 25-hour days do not shift it. */
export function weekStart(ms, timeZone, firstDay = 0) {
  const p = zonedParts(ms, timeZone);
  const { year, month, day } = ymd(dayNum(p) - mod(p.weekday - firstDay, 7));
  return wallToInstant(year, month, day, 0, 0, timeZone);
}

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const STATUSES = ["active", "hiatus", "ended"];
const SESSION_STATUSES = ["scheduled", "cancelled"];

// /data/schedules.json is compact (see chatcal/export.py, schedules_json):
// back to the shape of /chats.json that the functions above read.
export function decode(data) {
  const topics = data.topics.map(([slug, name]) => ({ slug, name }));
  return data.chats.map(([slug, hashtag, title, status, added, topicIndexes, platforms, language, entries, sessions]) => ({
    slug, hashtag, title,
    added: added || "1970-01-01",
    status: STATUSES[status],
    url: `chats/${slug}/`,
    feed: `chats/${slug}.ics`,
    topics: topicIndexes.map((i) => topics[i]),
    platforms: platforms ? platforms.split(",") : ["x"],
    language: language || "en",
    // An entry's label ("Book club"), when the data carries one, is its tenth field.
    schedule: entries.map(([id, every, on, at, timezone, duration, from, until, skip, label]) => ({
      id, at, duration,
      timezone: data.zones[timezone],
      every: every[0] === "m" ? "month" : "week",
      interval: every.length > 1 ? Number(every.slice(1)) : 1,
      on: on.split(",").map((day) => ({
        weekday: DAYS.indexOf(day.slice(-2)),
        ordinal: day.length > 2 ? Number(day.slice(0, -2)) : null,
      })),
      from: from || null, until: until || null, skip: skip || [], label: label || null,
    })),
    // A chat with session files carries them as its tenth field.
    sessions: decodeSessions(slug, entries, sessions || []),
  }));
}

// [entry id, date, moved start or 0, minutes or 0, topic or 0, status, extra, page name]
// back to the shape of /chats.json's `sessions`.
function decodeSessions(slug, entries, sessions) {
  const at = new Map(entries.map(([id, , , time, , duration]) => [id, [time, duration]]));
  return sessions.map(([entry, date, start, duration, topic, status, extra, name]) => {
    const [time, entryDuration] = at.get(entry) || ["00:00", 60];
    return {
      entry, date,
      start: start || `${date}T${time.padStart(5, "0")}`,
      duration: duration || entryDuration || 60,
      moved: Boolean(start) && !extra,
      topic: topic || null,
      status: SESSION_STATUSES[status],
      extra: Boolean(extra),
      url: `chats/${slug}/${name}/`,
    };
  });
}
