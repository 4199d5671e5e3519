"""`content/liveness.json` as the site reads it, and the liveness line of a chat page, in words.

The file is written by `invoke liveness` (chatcal/tools/liveness); the site
builds the same without it, and a file that cannot be read is set aside with
a warning, never an error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

SCHEMA = 1

LINK_TEXT = "Tell us"  # the silent badge ends with this, linked by the template
PLATFORM_NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky"}
# Not strftime's %B: that follows the machine's locale, and the site is the same everywhere.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def empty_data() -> dict:
    return {"schema": SCHEMA, "generated_at": None, "chats": {}}


def read_data(path: Path | None) -> tuple[dict, str | None]:
    """The data file's contents, and why it was set aside if it could not be used."""
    if path is None or not Path(path).exists():
        return empty_data(), None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return empty_data(), f"{path} could not be read ({error})"
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("chats"), dict):
        return empty_data(), f"{path} is not schema {SCHEMA}"
    return data, None


# "Seen active recently": activity found within this many days of the build, about five weekly sessions.
RECENT_DAYS = 35


def seen_recently(records: Mapping[str, Mapping], today: dt.date) -> set[str]:
    """The slugs of chats whose activity the last liveness run found within RECENT_DAYS of `today`."""
    since = (today - dt.timedelta(days=RECENT_DAYS)).isoformat()
    return {slug for slug, record in records.items()
            if record.get("verdict") in ("active", "quiet") and (record.get("last_active") or "") >= since}


def summary_of(record: Mapping | None) -> dict | None:
    """What /chats.json says of a chat: its verdict and the day it was last seen active."""
    if not record or not record.get("verdict"):
        return None
    return {"verdict": record["verdict"], "last_active": record.get("last_active")}


def badge_text(record: Mapping) -> tuple[str, str] | None:
    """(verdict, the whole sentence) for active, quiet and silent chats; None for the others."""
    parts = badge_parts(record)
    if parts is None:
        return None
    kind, lead, link = parts
    return kind, f"{lead} {link}" if link else lead


def badge_parts(record: Mapping) -> tuple[str, str, str | None] | None:
    """(verdict, the sentence before the link, the link's text or None), for a template to link."""
    sessions = judged_sessions(record)
    verdict = record.get("verdict")
    if verdict == "active" and sessions:
        return "active", active_text(sessions), None
    if verdict == "quiet" and sessions:
        return "quiet", quiet_text(record, sessions), None
    if verdict == "silent" and sessions:
        return "silent", silent_text(sessions), LINK_TEXT
    return None


def judged_sessions(record: Mapping) -> dict[str, list[tuple[str, Mapping]]]:
    """Session start -> [(platform, its counts)], over every platform that judged it."""
    sessions: dict[str, list[tuple[str, Mapping]]] = {}
    for platform, data in sorted((record.get("platforms") or {}).items()):
        for session in data.get("sessions") or []:
            sessions.setdefault(session["start"], []).append((platform, session))
    return sessions


def latest_active(sessions: Mapping[str, list]) -> str | None:
    return max((start for start, seen in sessions.items() if any(s["active"] for _, s in seen)), default=None)


def active_text(sessions: Mapping[str, list]) -> str:
    start = latest_active(sessions) or max(sessions)
    counts = "; ".join(filter(None, (platform_counts(platform, session) for platform, session in sessions[start])))
    return f"Active: seen at the session of {day_text(start)}" + (f" ({counts})" if counts else "")


def quiet_text(record: Mapping, sessions: Mapping[str, list]) -> str:
    start = latest_active(sessions)
    day = start[:10] if start else record.get("last_active") or ""
    since = sum(1 for other in sessions if (other > start if start else other[:10] > day))
    where = "the session since" if since == 1 else f"the {since} sessions since"
    return f"Last seen active on {day_text(day)}; no posts found at {where}"


def silent_text(sessions: Mapping[str, list]) -> str:
    count = len(sessions)
    which = "the last session" if count == 1 else f"the last {count} sessions"
    return f"No activity found at {which} ({span_text(min(sessions), max(sessions))}). Still running?"


def platform_counts(platform: str, session: Mapping) -> str | None:
    name = PLATFORM_NAMES.get(platform, platform)
    posts, accounts, host_posts = session["posts"], session["accounts"], session["host_posts"]
    if posts:
        return f"{name}: {plural(posts, 'post')} from {plural(accounts, 'person', 'people')}"
    if host_posts:
        return f"{name}: {plural(host_posts, 'post')} by the hosts"
    return None


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def day_text(stamp: str) -> str:
    """`2026-11-23...` -> `23 November 2026` (the UTC day, as the site shows times without scripts)."""
    day = dt.date.fromisoformat(stamp[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_text(first: str, last: str) -> str:
    """`26 October – 16 November 2026`, the shared month and year written once."""
    start, end = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    if start == end:
        return day_text(first)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_text(last)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"
