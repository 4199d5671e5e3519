// Unit tests of theme/static/js/schedule.js at fixed instants, across DST
// changes. Run with `node --test tests/js/` (tests/test_schedule_js.py does).
// Expected instants are those of chatcal/schedule.py with tzdata 2026f; the
// zones and years used here have the same rules in older ICU data.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  wallToInstant, zonedParts, entryDates, sessionsBetween, upcoming, happeningNow, weekStart,
} from "../../theme/static/js/schedule.js";

const ms = (iso) => Date.parse(iso);
const iso = (t) => new Date(t).toISOString().replace(".000Z", "Z");
const H = 36e5;

// A schedule entry and a chat shaped as in /chats.json.
function entry(fields) {
  return { id: "1", every: "week", interval: 1, duration: 60, from: null, until: null, skip: [], ...fields };
}
function chat(schedule, fields = {}) {
  return { slug: "test", status: "active", added: "2026-01-01", schedule, ...fields };
}
const on = (weekday, ordinal = null) => ({ weekday, ordinal });
const starts = (c, from, to) => sessionsBetween(c, ms(from), ms(to)).map((s) => iso(s.start));

const weeklyNY = chat([entry({ on: [on(6)], at: "21:00", timezone: "America/New_York" })], { slug: "weekly-ny" });
const biweeklyLondon = chat([entry({
  every: "week", interval: 2, on: [on(2)], at: "20:00", timezone: "Europe/London", duration: 45,
  from: "2026-01-07", skip: ["2026-02-18"],
})]);
const lastFridaySydney = chat([entry({
  every: "month", on: [on(4, -1)], at: "15:00", timezone: "Australia/Sydney", duration: 90,
})]);

test("weekly Sunday 21:00 New York moves in UTC with US DST", () => {
  assert.deepEqual(starts(weeklyNY, "2026-03-01T00:00Z", "2026-03-17T00:00Z"),
    ["2026-03-02T02:00:00Z", "2026-03-09T01:00:00Z", "2026-03-16T01:00:00Z"]);
  assert.deepEqual(starts(weeklyNY, "2026-10-25T00:00Z", "2026-11-10T00:00Z"),
    ["2026-10-26T01:00:00Z", "2026-11-02T02:00:00Z", "2026-11-09T02:00:00Z"]);
});

test("every 2 weeks from 2026-01-07 in London, with a skip and BST", () => {
  assert.deepEqual(starts(biweeklyLondon, "2026-01-01T00:00Z", "2026-04-10T00:00Z"), [
    "2026-01-07T20:00:00Z", "2026-01-21T20:00:00Z", "2026-02-04T20:00:00Z", // 02-18 skipped
    "2026-03-04T20:00:00Z", "2026-03-18T20:00:00Z", "2026-04-01T19:00:00Z",
  ]);
  const [s] = sessionsBetween(biweeklyLondon, ms("2026-04-01T00:00Z"), ms("2026-04-02T00:00Z"));
  assert.equal(s.end - s.start, 45 * 6e4);
});

test("last Friday 15:00 Sydney, before and after the southern clock changes", () => {
  assert.deepEqual(starts(lastFridaySydney, "2026-03-01T00:00Z", "2026-05-01T00:00Z"),
    ["2026-03-27T04:00:00Z", "2026-04-24T05:00:00Z"]);
  assert.deepEqual(starts(lastFridaySydney, "2026-10-01T00:00Z", "2026-11-01T00:00Z"), ["2026-10-30T04:00:00Z"]);
});

test("half- and quarter-hour zones: Kolkata, Kathmandu, St John's", () => {
  assert.equal(iso(wallToInstant(2026, 3, 10, 12, 0, "Asia/Kolkata")), "2026-03-10T06:30:00Z");
  assert.equal(iso(wallToInstant(2026, 3, 10, 17, 45, "Asia/Kathmandu")), "2026-03-10T12:00:00Z");
  const kolkata = chat([entry({ on: [on(1), on(3)], at: "12:00", timezone: "Asia/Kolkata", duration: 30 })],
    { added: "2026-01-05" });
  assert.deepEqual(starts(kolkata, "2026-01-01T00:00Z", "2026-01-10T00:00Z"),
    ["2026-01-06T06:30:00Z", "2026-01-08T06:30:00Z"]);
  const stJohns = chat([entry({
    every: "month", on: [on(1, 1), on(1, 3)], at: "19:30", timezone: "America/St_Johns", skip: ["2026-03-17"],
  })]);
  assert.deepEqual(starts(stJohns, "2026-01-01T00:00Z", "2026-01-31T00:00Z"),
    ["2026-01-06T23:00:00Z", "2026-01-20T23:00:00Z"]); // NST, -3:30
  assert.deepEqual(starts(stJohns, "2026-03-01T00:00Z", "2026-04-01T00:00Z"), ["2026-03-03T23:00:00Z"]);
  assert.deepEqual(starts(stJohns, "2026-07-01T00:00Z", "2026-08-01T00:00Z"),
    ["2026-07-07T22:00:00Z", "2026-07-21T22:00:00Z"]); // NDT, -2:30
});

test("a time in a spring-forward gap takes the offset before the gap", () => {
  assert.equal(iso(wallToInstant(2026, 3, 8, 2, 30, "America/New_York")), "2026-03-08T07:30:00Z");
  assert.equal(iso(wallToInstant(2026, 3, 29, 1, 30, "Europe/London")), "2026-03-29T01:30:00Z");
  assert.equal(iso(wallToInstant(2026, 3, 8, 2, 0, "America/St_Johns")), "2026-03-08T05:30:00Z");
  assert.equal(iso(wallToInstant(2026, 10, 4, 2, 30, "Australia/Sydney")), "2026-10-03T16:30:00Z");
  // Lord Howe moves by 30 minutes; Santiago changes at midnight.
  assert.equal(iso(wallToInstant(2026, 10, 4, 2, 15, "Australia/Lord_Howe")), "2026-10-03T15:45:00Z");
  assert.equal(iso(wallToInstant(2026, 9, 6, 0, 0, "America/Santiago")), "2026-09-06T04:00:00Z");
});

test("an ambiguous time resolves to its first occurrence", () => {
  assert.equal(iso(wallToInstant(2026, 11, 1, 1, 30, "America/New_York")), "2026-11-01T05:30:00Z");
  assert.equal(iso(wallToInstant(2026, 10, 25, 1, 30, "Europe/London")), "2026-10-25T00:30:00Z");
  assert.equal(iso(wallToInstant(2026, 11, 1, 1, 30, "America/St_Johns")), "2026-11-01T04:00:00Z");
  assert.equal(iso(wallToInstant(2026, 4, 5, 2, 30, "Australia/Sydney")), "2026-04-04T15:30:00Z");
  assert.equal(iso(wallToInstant(2026, 4, 5, 1, 45, "Australia/Lord_Howe")), "2026-04-04T14:45:00Z");
  assert.equal(iso(wallToInstant(2026, 4, 4, 23, 30, "America/Santiago")), "2026-04-05T02:30:00Z");
  // Out-of-range days roll over, as site.js relies on to step through a week.
  assert.equal(iso(wallToInstant(2026, 2, 29, 0, 0, "America/New_York")), "2026-03-01T05:00:00Z");
  assert.equal(iso(wallToInstant(2026, 3, 1 + 7, 2, 30, "America/New_York")), "2026-03-08T07:30:00Z");
  // Times next to the changes are plain.
  assert.equal(iso(wallToInstant(2026, 11, 1, 2, 0, "America/New_York")), "2026-11-01T07:00:00Z");
  assert.equal(iso(wallToInstant(2026, 3, 8, 3, 0, "America/New_York")), "2026-03-08T07:00:00Z");
});

test("gap and fold sessions last their exact minutes", () => {
  const owls = chat([
    entry({ id: "gap", on: [on(6)], at: "02:30", timezone: "America/New_York", duration: 30 }),
    entry({ id: "fold", on: [on(6)], at: "01:30", timezone: "America/New_York", duration: 30 }),
  ]);
  const found = sessionsBetween(owls, ms("2026-03-08T00:00Z"), ms("2026-03-09T00:00Z"));
  assert.deepEqual(found.map((s) => [s.entry, iso(s.start), iso(s.end)]), [
    ["fold", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z"],
    ["gap", "2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"],
  ]);
  const fall = sessionsBetween(owls, ms("2026-11-01T00:00Z"), ms("2026-11-02T00:00Z"));
  assert.deepEqual(fall.map((s) => [s.entry, iso(s.start), iso(s.end)]), [
    ["fold", "2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z"],
    ["gap", "2026-11-01T07:30:00Z", "2026-11-01T08:00:00Z"],
  ]);
});

test("zonedParts: a Sunday 21:00 New York session is a Monday in Sydney", () => {
  const [s] = sessionsBetween(weeklyNY, ms("2026-03-01T00:00Z"), ms("2026-03-03T00:00Z"));
  assert.equal(iso(s.start), "2026-03-02T02:00:00Z");
  assert.deepEqual(zonedParts(s.start, "America/New_York"), { year: 2026, month: 3, day: 1, hour: 21, minute: 0, weekday: 6 });
  assert.deepEqual(zonedParts(s.start, "Australia/Sydney"), { year: 2026, month: 3, day: 2, hour: 13, minute: 0, weekday: 0 });
  assert.deepEqual(zonedParts(ms("2026-01-01T00:00Z"), "UTC"), { year: 2026, month: 1, day: 1, hour: 0, minute: 0, weekday: 3 });
});

test("weekStart counts calendar days across 23- and 25-hour days", () => {
  const ny = "America/New_York";
  // The week of the spring-forward Sunday 2026-03-08.
  assert.equal(iso(weekStart(ms("2026-03-10T12:00Z"), ny)), "2026-03-09T04:00:00Z"); // Monday, EDT
  assert.equal(iso(weekStart(ms("2026-03-10T12:00Z"), ny, 6)), "2026-03-08T05:00:00Z"); // Sunday, EST
  assert.equal(weekStart(ms("2026-03-15T12:00Z"), ny, 6) - weekStart(ms("2026-03-10T12:00Z"), ny, 6), 167 * H);
  // The fall-back week: 169 hours long.
  assert.equal(iso(weekStart(ms("2026-11-01T12:00Z"), ny, 6)), "2026-11-01T04:00:00Z");
  assert.equal(weekStart(ms("2026-11-08T12:00Z"), ny, 6) - weekStart(ms("2026-11-01T12:00Z"), ny, 6), 169 * H);
  // Monday-first: 2026-03-08 (a Sunday) still belongs to the week of Monday 03-02.
  assert.equal(iso(weekStart(ms("2026-03-08T12:00Z"), ny)), "2026-03-02T05:00:00Z");
  // The instant is read in the zone: 2026-03-02T02:00Z is Sunday evening in New York, Monday in Sydney.
  assert.equal(iso(weekStart(ms("2026-03-02T02:00Z"), ny)), "2026-02-23T05:00:00Z");
  assert.equal(iso(weekStart(ms("2026-03-02T02:00Z"), "Australia/Sydney")), "2026-03-01T13:00:00Z");
  // Santiago skips midnight: the week (and day) starts at 01:00 local.
  assert.equal(iso(weekStart(ms("2026-09-08T12:00Z"), "America/Santiago", 6)), "2026-09-06T04:00:00Z");
  // A time exactly at the week start is in that week.
  assert.equal(iso(weekStart(ms("2026-03-09T04:00Z"), ny)), "2026-03-09T04:00:00Z");
});

test("entryDates: series start, interval anchor, until, skip", () => {
  // No `from`: the series starts on the chat's added date.
  const weekly = entry({ on: [on(1), on(3)], at: "09:00", timezone: "UTC" });
  assert.deepEqual(entryDates(weekly, "2026-01-08", "2026-01-01", "2026-01-15"),
    ["2026-01-08", "2026-01-13", "2026-01-15"]);
  // Every 3 weeks anchored at a Sunday: weeks run Monday-Sunday, the week of `from` is on.
  const triweekly = entry({ interval: 3, on: [on(0), on(6)], at: "09:00", timezone: "UTC", from: "2026-01-11" });
  assert.deepEqual(entryDates(triweekly, "2025-01-01", "2026-01-01", "2026-02-28"),
    ["2026-01-11", "2026-01-26", "2026-02-01", "2026-02-16", "2026-02-22"]);
  // A window starting in an off week, far from the anchor.
  assert.deepEqual(entryDates(triweekly, "2025-01-01", { year: 2027, month: 1, day: 1 }, "2027-01-31"),
    ["2027-01-03", "2027-01-18", "2027-01-24"]);
  const ending = entry({ on: [on(4)], at: "09:00", timezone: "UTC", until: "2026-01-16", skip: ["2026-01-09"] });
  assert.deepEqual(entryDates(ending, "2026-01-01", "2026-01-01", "2026-12-31"), ["2026-01-02", "2026-01-16"]);
  // Monthly: several ordinals in date order; last and fourth of a 5-Friday month.
  const monthly = entry({ every: "month", on: [on(4, -1), on(4, 1), on(4, 4)], at: "09:00", timezone: "UTC" });
  assert.deepEqual(entryDates(monthly, "2026-01-01", "2026-01-01", "2026-01-31"),
    ["2026-01-02", "2026-01-23", "2026-01-30"]);
  assert.deepEqual(entryDates(monthly, "2026-01-01", "2026-02-10", "2026-03-31"),
    ["2026-02-27", "2026-02-27", "2026-03-06", "2026-03-27", "2026-03-27"]); // as schedule.py: no dedup
});

test("sessionsBetween: overlap, not start, decides; order is start then entry", () => {
  const late = chat([entry({ on: [on(0)], at: "16:30", timezone: "America/Los_Angeles", duration: 120 })]);
  // 2026-01-05 16:30 PST = 2026-01-06T00:30Z, ends 02:30Z.
  assert.deepEqual(starts(late, "2026-01-06T02:00Z", "2026-01-06T03:00Z"), ["2026-01-06T00:30:00Z"]);
  assert.deepEqual(starts(late, "2026-01-06T02:30Z", "2026-01-06T03:00Z"), []);
  assert.deepEqual(starts(late, "2026-01-05T00:00Z", "2026-01-06T00:30Z"), []);
  // A 12-hour session that started the day before the window.
  const long = chat([entry({ on: [on(4)], at: "23:00", timezone: "Pacific/Auckland", duration: 720 })]);
  assert.deepEqual(starts(long, "2026-01-09T20:00Z", "2026-01-09T21:00Z"), ["2026-01-09T10:00:00Z"]);
  const two = chat([
    entry({ id: "b", on: [on(0)], at: "12:00", timezone: "UTC" }),
    entry({ id: "a", on: [on(0)], at: "13:00", timezone: "Europe/Paris" }),
  ]);
  assert.deepEqual(sessionsBetween(two, ms("2026-01-05T00:00Z"), ms("2026-01-06T00:00Z")).map((s) => s.entry), ["a", "b"]);
  // Any status is expanded: filtering is the caller's job.
  const ended = chat([entry({ on: [on(3)], at: "14:00", timezone: "Europe/Berlin", until: "2026-02-26" })],
    { status: "ended" });
  assert.deepEqual(starts(ended, "2026-02-20T00:00Z", "2026-03-10T00:00Z"), ["2026-02-26T13:00:00Z"]);
});

test("upcoming: sessions not yet ended, only for active chats", () => {
  const now = ms("2026-03-01T12:00Z");
  assert.deepEqual(upcoming(weeklyNY, now, 3).map((s) => iso(s.start)),
    ["2026-03-02T02:00:00Z", "2026-03-09T01:00:00Z", "2026-03-16T01:00:00Z"]);
  assert.equal(upcoming(weeklyNY, now).length, 5);
  // In progress counts as upcoming; ended does not.
  assert.equal(iso(upcoming(weeklyNY, ms("2026-03-02T02:59Z"), 1)[0].start), "2026-03-02T02:00:00Z");
  assert.equal(iso(upcoming(weeklyNY, ms("2026-03-02T03:00Z"), 1)[0].start), "2026-03-09T01:00:00Z");
  assert.deepEqual(upcoming({ ...weeklyNY, status: "hiatus" }, now), []);
  assert.deepEqual(upcoming({ ...weeklyNY, status: "ended" }, now), []);
  assert.deepEqual(upcoming(biweeklyLondon, ms("2026-02-05T00:00Z"), 1).map((s) => iso(s.start)),
    ["2026-03-04T20:00:00Z"]); // the skipped 02-18 is not shown
});

test("happeningNow: sessions in progress of active chats", () => {
  const paused = { ...weeklyNY, slug: "paused", status: "hiatus" };
  const chats = [paused, lastFridaySydney, weeklyNY];
  const now = happeningNow(chats, ms("2026-03-02T02:30Z"));
  assert.equal(now.length, 1);
  assert.equal(now[0].chat, weeklyNY);
  assert.deepEqual(now[0].session, { chat: "weekly-ny", entry: "1", start: ms("2026-03-02T02:00Z"), end: ms("2026-03-02T03:00Z") });
  assert.equal(happeningNow(chats, ms("2026-03-02T02:00Z")).length, 1); // start is inclusive
  assert.deepEqual(happeningNow(chats, ms("2026-03-02T03:00Z")), []); // end is exclusive
});

// Session files, as /chats.json's `sessions` has them: local starts in the entry's zone.
const withSessions = chat([entry({ on: [on(6)], at: "21:00", timezone: "America/New_York" })], {
  slug: "blogchat",
  sessions: [
    { entry: "1", date: "2026-03-08", start: "2026-03-08T21:00", duration: 60, moved: false, topic: "Clocks",
      status: "scheduled", extra: false, url: "chats/blogchat/2026-03-08/" },
    { entry: "1", date: "2026-03-15", start: "2026-03-14T20:00", duration: 30, moved: true, topic: "Early",
      status: "scheduled", extra: false, url: "chats/blogchat/2026-03-15/" },
    { entry: "1", date: "2026-03-22", start: "2026-03-22T21:00", duration: 60, moved: false, topic: null,
      status: "cancelled", extra: false, url: "chats/blogchat/2026-03-22/" },
    { entry: "1", date: "2026-03-25", start: "2026-03-25T12:00", duration: 90, moved: false, topic: "Extra",
      status: "scheduled", extra: true, url: "chats/blogchat/2026-03-25/" },
  ],
});

test("session files move, cancel, add and describe sessions", () => {
  const found = sessionsBetween(withSessions, ms("2026-03-08T00:00Z"), ms("2026-03-31T00:00Z"));
  assert.deepEqual(found.map((s) => [iso(s.start), iso(s.end), s.topic ?? null]), [
    ["2026-03-09T01:00:00Z", "2026-03-09T02:00:00Z", "Clocks"],
    ["2026-03-15T00:00:00Z", "2026-03-15T00:30:00Z", "Early"],
    ["2026-03-25T16:00:00Z", "2026-03-25T17:30:00Z", "Extra"],
    ["2026-03-30T01:00:00Z", "2026-03-30T02:00:00Z", null],
  ]);
  assert.equal(found[1].url, "chats/blogchat/2026-03-15/");
  assert.equal(found[1].date, "2026-03-15");
  assert.equal(found[2].extra, true);
});

test("a moved session is found from a window around its new date only", () => {
  assert.deepEqual(starts(withSessions, "2026-03-14T12:00Z", "2026-03-15T12:00Z"), ["2026-03-15T00:00:00Z"]);
  assert.deepEqual(starts(withSessions, "2026-03-16T00:00Z", "2026-03-17T00:00Z"), []);
});

test("upcoming skips a cancelled session and keeps an extra one", () => {
  const next = upcoming(withSessions, ms("2026-03-20T00:00Z"), 3).map((s) => iso(s.start));
  assert.deepEqual(next, ["2026-03-25T16:00:00Z", "2026-03-30T01:00:00Z", "2026-04-06T01:00:00Z"]);
});

test("decode turns the compact sessions back into /chats.json's shape", async () => {
  const { decode } = await import("../../theme/static/js/schedule.js");
  const [decoded] = decode({
    topics: [], zones: ["America/New_York"],
    chats: [["blogchat", "blogchat", "Blog Chat", 0, 0, [], 0, 0, [["1", "w", "SU", "21:00", 0, 60, 0, 0, 0]],
      [["1", "2026-03-15", "2026-03-14T20:00", 30, "Early", 0, 0, "2026-03-15"],
        ["1", "2026-03-22", 0, 0, 0, 1, 0, "2026-03-22"]]]],
  });
  assert.deepEqual(decoded.sessions, [
    { entry: "1", date: "2026-03-15", start: "2026-03-14T20:00", duration: 30, moved: true, topic: "Early",
      status: "scheduled", extra: false, url: "chats/blogchat/2026-03-15/" },
    { entry: "1", date: "2026-03-22", start: "2026-03-22T21:00", duration: 60, moved: false, topic: null,
      status: "cancelled", extra: false, url: "chats/blogchat/2026-03-22/" },
  ]);
});
