"""One liveness run: each chat's sessions not yet judged are asked of the platforms it lists, and verdicts drawn."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from typing import Protocol, TextIO

import requests

from chatcal.model import Chat
from chatcal.site.liveness import SCHEMA
from chatcal.tools.liveness.bluesky import Bluesky
from chatcal.tools.liveness.clock import iso
from chatcal.tools.liveness.datafile import read_data, write_data
from chatcal.tools.liveness.evidence import (
    Count,
    Post,
    Window,
    count_posts,
    due_sessions,
    last_active,
    last_known_verdict,
    verdict_of,
    window_of,
)
from chatcal.tools.liveness.http import Clock, PoliteClient, Settings, Sleep, Unchecked
from chatcal.tools.liveness.mastodon import Mastodon
from chatcal.tools.liveness.options import Options, option_problems
from chatcal.tools.liveness.platforms import not_checkable_reason
from chatcal.tools.liveness.progress import ProgressBar
from chatcal.tools.liveness.summary import Tally, summary_text

Sessions = Iterable[tuple[dt.datetime, dt.datetime]]


class Reader(Protocol):
    """A platform that can be read: Mastodon and Bluesky."""

    name: str

    def hosts(self, chat: Chat) -> frozenset[str]: ...

    def read(self, chat: Chat, window: Window) -> tuple[list[Post], list[str]]: ...


def run_liveness(chats: Iterable[Chat], sessions_by_slug: Mapping[str, Sessions], options: Options,
                 now: dt.datetime, http_session: requests.Session, progress_stream: TextIO | None, *,
                 settings: Settings = Settings(), sleep: Sleep = time.sleep,
                 wall_clock: Clock | None = None) -> tuple[dict, str]:
    """Judge the chats, write `options.data` (unless None), and return the data and a summary.

    `sessions_by_slug` holds each chat's past sessions as (start, end) aware
    datetimes; at least the last `options.sessions` that ended a day before
    `now` are needed. Only active chats are judged. Network faults never
    raise: they become "unchecked" platforms. Wrong options raise ValueError.
    """
    chats = list(chats)
    problems = option_problems(options, chats)
    if problems:
        raise ValueError("\n".join(problems))
    previous, note = read_data(options.data)
    client = PoliteClient(http_session, options.user_agent, settings, sleep, wall_clock)
    readers: dict[str, Reader] = {
        "mastodon": Mastodon(client, options.mastodon, options.host_servers),
        "bluesky": Bluesky(client, options.bluesky, options.bluesky_login),
    }
    tally = Tally(client=client, note=note)
    data = judge_chats(chats, sessions_by_slug, previous["chats"], readers, options, now,
                       ProgressBar(progress_stream), tally)
    if options.data is not None:
        write_data(options.data, data)
    return data, summary_text(data, tally, now)


def judge_chats(chats: list[Chat], sessions_by_slug: Mapping[str, Sessions], previous: Mapping[str, dict],
                readers: Mapping[str, Reader], options: Options, now: dt.datetime, progress,
                tally: Tally) -> dict:
    """The whole data file; chats left out by `only` keep their earlier records."""
    active = sorted((chat for chat in chats if chat.active), key=lambda chat: chat.slug)
    chosen = [chat for chat in active if not options.only or chat.slug in options.only]
    left_out = {chat.slug for chat in active} - {chat.slug for chat in chosen}
    records = {slug: previous[slug] for slug in left_out if isinstance(previous.get(slug), dict)}
    for done, chat in enumerate(chosen, 1):
        record = previous.get(chat.slug)
        records[chat.slug] = judge_chat(chat, sessions_by_slug.get(chat.slug, ()),
                                        record if isinstance(record, dict) else None,
                                        readers, options.sessions, now, tally)
        tally.judged.append(chat.slug)
        progress(done, len(chosen))
    return {"schema": SCHEMA, "generated_at": iso(now), "chats": records}


def judge_chat(chat: Chat, sessions: Sessions, previous: dict | None, readers: Mapping[str, Reader],
               wanted: int, now: dt.datetime, tally: Tally) -> dict:
    """One chat's record: each platform's judged sessions among the last `wanted`, and the verdict."""
    due = due_sessions(sessions, now, wanted)
    before = (previous or {}).get("platforms") or {}
    platforms: dict[str, dict] = {}
    asking: dict[str, Reader] = {}
    for name in dict.fromkeys(chat.platforms):
        if name not in readers:
            platforms[name] = platform_record("not_checkable", not_checkable_reason(name))
        elif len(due) < wanted:
            platforms[name] = platform_record("unchecked", f"fewer than {wanted} past sessions")
        else:
            platforms[name] = platform_record("checked", None, kept_sessions(before.get(name), due))
            asking[name] = readers[name]
    ask_due_sessions(chat, due, platforms, asking, tally)
    return {"verdict": verdict_of(platforms, len(due), wanted),
            "previous": last_known_verdict(previous),
            "last_active": last_active(platforms, (previous or {}).get("last_active")),
            "platforms": platforms}


def ask_due_sessions(chat: Chat, due: list[tuple[dt.datetime, dt.datetime]], platforms: dict[str, dict],
                     asking: Mapping[str, Reader], tally: Tally) -> None:
    """Ask about the sessions not judged yet, newest first, until one shows activity.

    Sessions before the latest active one can no longer change the verdict, so
    they are never asked about: an active chat costs one request a week.
    """
    notes: dict[str, list[str]] = {name: [] for name in asking}
    for start, end in reversed(due):
        key = iso(start)
        for name, reader in asking.items():
            record = platforms[name]
            if any(session["start"] == key for session in record["sessions"]):
                tally.reused += 1
                continue
            window = window_of(start, end)
            try:
                posts, said = reader.read(chat, window)
            except Unchecked as problem:
                record["status"] = "unchecked"
                notes[name].append(problem.reason)
                continue
            notes[name] += said
            record["sessions"].append(count_posts(posts, chat.hashtag, window, reader.hosts(chat)).record(key))
            tally.asked += 1
        if any(session["start"] == key and session["active"]
               for name in asking for session in platforms[name]["sessions"]):
            break
    for name in asking:
        record = platforms[name]
        record["sessions"].sort(key=lambda session: session["start"])
        record["reason"] = "; ".join(sorted(set(notes[name]))) or None
        if record["status"] == "unchecked":
            tally.unchecked[record["reason"]] += 1


def kept_sessions(before: dict | None, due: list[tuple[dt.datetime, dt.datetime]]) -> list[dict]:
    """Sessions an earlier run judged that are still among the due ones: they are never asked again."""
    starts = {iso(start) for start, _ in due}
    kept: dict[str, dict] = {}
    for session in (before or {}).get("sessions") or []:
        try:
            if session["start"] in starts:
                kept.setdefault(session["start"], Count.from_record(session).record(session["start"]))
        except (KeyError, TypeError, ValueError):
            continue  # a hand-edited entry is asked about again
    return list(kept.values())


def platform_record(status: str, reason: str | None, sessions: list[dict] | None = None) -> dict:
    return {"status": status, "reason": reason, "sessions": sessions or []}
