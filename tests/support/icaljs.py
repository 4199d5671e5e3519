"""Expand a feed with ical.js, a non-Python iCalendar reader.

Our feeds are written with the Python icalendar stack; reading them back with
the same stack cannot catch output that other clients misread. ical.js (the
parser behind Thunderbird and many web calendars) gives tests a second opinion.
Needs `node` on PATH and `npm install` run in the repository root.
"""

import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_expand.mjs")


def _instant(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment}: pass an aware one")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def expand_with_icaljs(feed_path, start: datetime, end: datetime) -> dict[str, list[tuple[datetime, datetime]]]:
    """UID -> (start, end) of each occurrence starting in [start, end), as aware UTC datetimes."""
    result = subprocess.run(
        ["node", str(SCRIPT), str(Path(feed_path).resolve()), _instant(start), _instant(end)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if result.returncode:
        raise RuntimeError(f"ical.js could not expand {feed_path}: {result.stderr.strip()}")
    return {
        event["uid"]: [
            (datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]))
            for o in event["occurrences"]
        ]
        for event in json.loads(result.stdout)["events"]
    }


def icaljs_events(feed_path, start: datetime, end: datetime, loose: bool = False) -> list[dict]:
    """ical.js's events: {uid, summary, occurrences: [{start, end, summary, recurrence}]}, instants as text.

    `loose`: relate overrides as `new ICAL.Event(vevent)` does by default (by start time, not UID).
    """
    env = {**os.environ, "ICALJS_LOOSE": "1"} if loose else None
    result = subprocess.run(
        ["node", str(SCRIPT), str(Path(feed_path).resolve()), _instant(start), _instant(end)],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )
    if result.returncode:
        raise RuntimeError(f"ical.js could not expand {feed_path}: {result.stderr.strip()}")
    return json.loads(result.stdout)["events"]
