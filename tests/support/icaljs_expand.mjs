// Expand an .ics feed with ical.js, a JavaScript reader independent of the
// Python icalendar/dateutil stack that writes our feeds, so tests can check
// that a client outside Python sees the same occurrences we meant to publish.
//
// Usage: node tests/readers/icaljs_expand.mjs FEED.ics START END
// (START/END are UTC instants like 2026-01-01T00:00:00Z; START inclusive,
// END exclusive.) Prints {"events": [{uid, summary, occurrences: [{start, end}]}]}
// with every occurrence in UTC.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function fail(message) {
  process.stderr.write(`icaljs_expand: ${message}\n`);
  process.exit(1);
}

const [feedPath, startArg, endArg] = process.argv.slice(2);
if (!endArg) fail("usage: icaljs_expand.mjs FEED.ics START END");

const instant = (text) => {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text)) fail(`not a UTC instant: ${text}`);
  return ICAL.Time.fromDateTimeString(text);
};
const [start, end] = [instant(startArg), instant(endArg)];
// toString() of a UTC ICAL.Time is "YYYY-MM-DDTHH:MM:SSZ".
const iso = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();

let vcalendar;
try {
  vcalendar = new ICAL.Component(ICAL.parse(readFileSync(feedPath, "utf8")));
} catch (error) {
  fail(`cannot parse ${feedPath}: ${error.message}`);
}

// Only the feed's own VTIMEZONEs: ical.js ships no zone data, and a TZID it
// cannot resolve silently becomes floating time, so refuse that instead.
for (const vtimezone of vcalendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

// Overrides (RECURRENCE-ID) are related to their series by UID alone: by
// default `new ICAL.Event(vevent)` attaches every override of the calendar
// whose RECURRENCE-ID matches one of its starts, other series' too.
const vevents = vcalendar.getAllSubcomponents("vevent");
for (const vevent of vevents) {
  for (const prop of vevent.getAllProperties()) {
    const tzid = prop.getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) fail(`no VTIMEZONE for TZID ${tzid}`);
  }
}
const overrides = new Map();
for (const vevent of vevents.filter((v) => v.hasProperty("recurrence-id"))) {
  const uid = vevent.getFirstPropertyValue("uid");
  overrides.set(uid, [...(overrides.get(uid) || []), vevent]);
}
const masters = vevents.filter((v) => !v.hasProperty("recurrence-id"));
for (const uid of overrides.keys()) {
  if (!masters.some((v) => v.getFirstPropertyValue("uid") === uid)) fail(`override of no series: ${uid}`);
}
// A moved occurrence starts near its scheduled start: look that far past END.
const past = end.clone();
past.addDuration(ICAL.Duration.fromSeconds(62 * 86400));

const events = masters.map((vevent) => {
  const uid = vevent.getFirstPropertyValue("uid");
  // ICALJS_LOOSE=1 reads as ical.js does by default, to show the trap in tests.
  const event = process.env.ICALJS_LOOSE ? new ICAL.Event(vevent)
    : new ICAL.Event(vevent, { strictExceptions: true, exceptions: overrides.get(uid) || [] });
  if (event.startDate.isDate) fail(`all-day event ${event.uid} is not supported`);
  const occurrences = [];
  const iterator = event.iterator();
  // The iterator yields scheduled starts in order, so stopping past END ends unbounded rules.
  for (let next = iterator.next(); next && next.compare(past) < 0; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.compare(start) < 0 || details.startDate.compare(end) >= 0) continue;
    occurrences.push({
      start: iso(details.startDate), end: iso(details.endDate), summary: details.item.summary,
      recurrence: details.item.isRecurrenceException() ? iso(details.recurrenceId) : null,
    });
  }
  return { uid: event.uid, summary: event.summary, occurrences };
});

process.stdout.write(JSON.stringify({ events }) + "\n");
