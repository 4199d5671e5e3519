// Expand every chat of a built /chats.json with theme/static/js/schedule.js.
// Usage: node tests/js/expand_fixture.mjs CHATS.json START END
// (or data/schedules.json, the compact form of the active chats' rules)
// Prints {"tz": ICU tz version, "chats": {slug: [{entry, start, end}]}}, instants
// as "YYYY-MM-DDTHH:MM:SSZ", for tests/test_schedule_js.py to compare with
// chatcal.schedule.sessions.
import { readFileSync } from "node:fs";
import { decode, sessionsBetween } from "../../theme/static/js/schedule.js";

const [file, start, end] = process.argv.slice(2);
const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const data = JSON.parse(readFileSync(file, "utf-8"));
// data/schedules.json is the compact form: decode it as the site does.
const chats = data.zones ? decode(data) : data.chats;
const out = {};
for (const chat of chats) {
  out[chat.slug] = sessionsBetween(chat, Date.parse(start), Date.parse(end)).map((s) => ({
    entry: s.entry, start: iso(s.start), end: iso(s.end),
  }));
}
process.stdout.write(JSON.stringify({ tz: process.versions.tz, chats: out }));
