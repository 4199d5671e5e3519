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

const events = vcalendar.getAllSubcomponents("vevent").map((vevent) => {
  for (const prop of vevent.getAllProperties()) {
    const tzid = prop.getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) fail(`no VTIMEZONE for TZID ${tzid}`);
  }
  // Overrides would need relating to their master event; our feeds have none.
  if (vevent.hasProperty("recurrence-id")) fail("RECURRENCE-ID is not supported");

  const event = new ICAL.Event(vevent);
  if (event.startDate.isDate) fail(`all-day event ${event.uid} is not supported`);
  const occurrences = [];
  const iterator = event.iterator();
  // The iterator yields starts in order, so stopping at END ends unbounded rules.
  for (let next = iterator.next(); next && next.compare(end) < 0; next = iterator.next()) {
    if (next.compare(start) < 0) continue;
    const details = event.getOccurrenceDetails(next);
    occurrences.push({ start: iso(details.startDate), end: iso(details.endDate) });
  }
  return { uid: event.uid, summary: event.summary, occurrences };
});

process.stdout.write(JSON.stringify({ events }) + "\n");
