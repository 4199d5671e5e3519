"""`/chats.json`: the open data the front end and other tools read."""

from __future__ import annotations

import collections
import datetime as dt
import functools
import itertools
import json
import re
from collections.abc import Mapping

from chatcal.markup import description_text
from chatcal.model import Chat, Entry
from chatcal.schedule import rules
from chatcal.schedule.tz import TZDATA_VERSION
from chatcal.schedule.wording import language_words
from chatcal.urls import SiteUrls

FORMAT_VERSION = 1


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_json(entry: Entry, series: list[rules.Series]) -> dict:
    """An entry's rules, and the feed events (`series`) it makes."""
    return {
        "id": entry.id,
        "label": entry.label,
        "every": entry.every,
        "interval": entry.interval,
        "on": [
            {"weekday": day.weekday, "ordinal": day.ordinal, "text": day.name} for day in entry.on
        ],
        "at": entry.at.strftime("%H:%M"),
        "timezone": entry.timezone,
        "duration": entry.duration,
        "from": entry.start.isoformat() if entry.start else None,
        "until": entry.until.isoformat() if entry.until else None,
        "skip": [d.isoformat() for d in entry.skip],
        "series": [
            {"uid": s.uid, "dtstart": s.first.isoformat(), "rrule": rules.rrule_text(s)}
            for s in series if s.entry is entry
        ],
    }


def chat_json_text(chat: Chat, now: dt.datetime, urls: SiteUrls, fields_text: str | None = None,
                   liveness: Mapping | None = None) -> str:
    """One chat of chats.json: its fields (`chat_fields_text`, if not given), its next sessions,
    and what the last liveness run found (`liveness`: verdict and last active day, or None)."""
    fields_text = fields_text or chat_fields_text(chat, urls)
    seen = f',"liveness":{dumps(dict(liveness))}' if liveness else ""
    return f'{fields_text[:-1]},"next_sessions":{_sessions_text(tuple(rules.upcoming(chat, now)))}{seen}}}'


@functools.lru_cache(maxsize=16384)  # the next sessions stay the same from build to build until one ends
def _sessions_text(sessions: tuple[rules.Session, ...]) -> str:
    return dumps([{"start": iso_utc(s.start), "end": iso_utc(s.end), "entry": s.entry} for s in sessions])


@functools.lru_cache(maxsize=16384)  # the same for every build until the chat changes
def chat_fields_text(chat: Chat, urls: SiteUrls) -> str:
    """`chat_fields` as JSON text."""
    return dumps(chat_fields(chat, urls))


def chat_fields(chat: Chat, urls: SiteUrls) -> dict:
    """A chat's normalized fields and rules: everything that does not depend on the clock."""
    series = rules.chat_series(chat)
    return {
        "slug": chat.slug,
        "url": urls.chat_page(chat.slug),
        "feed": urls.chat_feed(chat.slug),
        "title": chat.title,
        "hashtag": chat.hashtag,
        "platforms": list(chat.platforms),
        "topics": [{"name": t.name, "slug": t.slug} for t in chat.topics],
        "language": chat.language,
        "hosts": [
            {k: v for k, v in vars(host).items() if v is not None} for host in chat.hosts
        ],
        "website": chat.website,
        "archive": chat.archive,
        "status": chat.status,
        "added": chat.added.isoformat(),
        "verified": chat.verified.isoformat() if chat.verified else None,
        "description": description_text(chat.description),
        "schedule": [entry_json(entry, series) for entry in chat.schedule],
        "sessions": [session_json(session) for session in rules.archive(chat)],
    }


def session_json(session: rules.Session) -> dict:
    """One session file's session: its original date, actual start and length, what it is about."""
    file = session.file
    return {
        "entry": session.entry,
        "date": session.date.isoformat(),
        "start": session.local.strftime("%Y-%m-%dT%H:%M"),  # local, in the entry's zone
        "start_utc": iso_utc(session.start),
        "end_utc": iso_utc(session.end),
        "duration": int((session.end - session.start).total_seconds() // 60),
        "moved": session.moved,
        "topic": session.topic,
        "status": session.status,
        "extra": session.extra,
        "url": session.page,
        "note": file.note,
        "hosts": [{k: v for k, v in vars(host).items() if v is not None} for host in file.hosts],
        "link": file.link,
        "recap": file.recap,
    }


def chats_json(chats: list[Chat], now: dt.datetime, urls: SiteUrls, fields: Mapping[str, str] | None = None,
               liveness: Mapping[str, Mapping] | None = None) -> str:
    """The open data file: every chat, normalized, with its next sessions (JSON text).

    `fields`: slug -> `chat_fields_text`, for chats whose text was made before (in a
    build worker, or by the previous build). `liveness`: slug -> verdict and last active day.
    """
    fields, liveness = fields or {}, liveness or {}
    head = dumps({"version": FORMAT_VERSION, "generated": iso_utc(now), "tzdata": TZDATA_VERSION, "site": urls.base})
    rows = ",".join(chat_json_text(chat, now, urls, fields.get(chat.slug), liveness.get(chat.slug))
                    for chat in sorted(chats, key=lambda c: c.slug))
    return f'{head[:-1]},"chats":[{rows}]}}'


def dumps(data: dict) -> str:
    """Stable JSON text: same data, same bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


SCHEDULE_FIELDS = ("slug", "url", "feed", "title", "hashtag", "platforms", "topics", "language", "status", "added")


# What the browser needs of a session file to place, label and link its session.
SESSION_FIELDS = ("entry", "date", "start", "duration", "moved", "topic", "status", "extra", "url", "note")


def schedule_item(chat: Chat, urls: SiteUrls, now: dt.datetime | None = None) -> dict:
    """What the browser needs to place one chat in any week and zone, and no more: with `now`,
    the session files of sessions that have not ended by then (a page lists the next ones)."""
    full = chat_fields(chat, urls)
    item = {key: full[key] for key in SCHEDULE_FIELDS}
    item["schedule"] = [{k: v for k, v in entry.items() if k != "series"} for entry in full["schedule"]]
    if now is not None and chat.sessions:
        coming = [s for s in rules.archive(chat) if s.end > now]
        item["sessions"] = [{k: v for k, v in session_json(s).items() if k in SESSION_FIELDS} for s in coming]
    return item


STATUS_CODES = {"active": 0, "hiatus": 1, "ended": 2}
# How far back the browser's calendar keeps full detail (skipped dates, the
# date a chat was listed); older weeks may show a cancelled or pre-listing session.
BROWSER_HISTORY = dt.timedelta(weeks=8)


def _compact_entry(entry: Entry, zones: dict[str, int], since: dt.date) -> list:
    """[id, every, on, at, zone index, duration, from, until, skip]; 0 for none.

    Labels stay on the chat pages: nothing that reads this file shows them.

    `every` is `w`, `w2` ... `w8` or `m`; `on` is RRULE-like: `SU,WE` or `1TU,-1FR`.
    """
    every = "m" if entry.monthly else ("w" if entry.interval == 1 else f"w{entry.interval}")
    on = ",".join(f"{d.ordinal or ''}{rules.RRULE_DAYS[d.weekday]}" for d in entry.on)
    skip = [d.isoformat() for d in entry.skip if d >= since]
    return [entry.id, every, on, entry.at.strftime("%H:%M"), zones[entry.timezone], entry.duration,
            entry.start.isoformat() if entry.start else 0, entry.until.isoformat() if entry.until else 0,
            skip or 0]


SESSION_STATUS_CODES = {"scheduled": 0, "cancelled": 1}


def _compact_sessions(chat: Chat, since: dt.date) -> list:
    """[[entry id, date, moved local start or 0, minutes or 0, topic or 0, status, extra, page name], ...].

    A chat's row carries it (as its 10th item) only when the chat has session files;
    the page is `chats/<slug>/<page name>/`. Older than `since` only when moved to later.
    """
    return [
        [f.entry, f.date.isoformat(), f.start.strftime("%Y-%m-%dT%H:%M") if f.start else 0, f.duration or 0,
         f.topic or 0, SESSION_STATUS_CODES[f.status], int(f.extra), f.name]
        for f in chat.sessions if f.date >= since or (f.start and f.start.date() >= since)
    ]


def schedules_json(chats: list[Chat], now: dt.datetime, active_only: bool = True) -> dict:
    """Active chats' rules for the browser, compact: arrays, shared tables, no defaults.

    Paused and ended chats have no sessions to place, so they are left out.
    theme/static/js/site.js (`decode`) turns it back into /chats.json's shape.
    """
    chats = [chat for chat in chats if chat.active or not active_only]
    since = (now - BROWSER_HISTORY).date()
    topics = sorted({(t.slug, t.name) for chat in chats for t in chat.topics})
    topic_index = {slug: position for position, (slug, _) in enumerate(topics)}
    zones = sorted({e.timezone for chat in chats for e in chat.schedule})
    zone_index = {name: position for position, name in enumerate(zones)}
    rows = [
        [chat.slug, chat.hashtag, chat.title, STATUS_CODES[chat.status],
         chat.added.isoformat() if chat.added >= since else 0,
         sorted({topic_index[t.slug] for t in chat.topics}),
         0 if chat.platforms == ("x",) else ",".join(chat.platforms),  # 0: the format's defaults
         0 if chat.language == "en" else chat.language,
         [_compact_entry(e, zone_index, since) for e in chat.schedule]]
        + ([_compact_sessions(chat, since)] if chat.sessions else [])
        for chat in sorted(chats, key=lambda c: c.slug)
    ]
    return {"version": FORMAT_VERSION, "tzdata": TZDATA_VERSION, "topics": topics, "zones": zones, "chats": rows}


KEYWORD_LIMIT = 10
STOPWORDS = frozenset("""a an and are as at be but by for from has have in into is it its of on or our so
that the their them then there these they this to was we were what when where which who will with you your
about all also any can each every how if more most not only other out over some such than too up very""".split())


@functools.lru_cache(maxsize=16384)
def description_words(markdown: str) -> tuple[str, ...]:
    """The description's distinct words (no stopwords), in order."""
    seen: dict[str, None] = {}
    for word in re.findall(r"[^\W_]{3,}", description_text(markdown).casefold()):
        if word not in STOPWORDS:
            seen.setdefault(word)
    return tuple(seen)


def keywords(words_by_chat: dict[str, tuple[str, ...]], limit: int = KEYWORD_LIMIT) -> dict[str, str]:
    """For each chat, the words of its description that set it apart.

    The whole text of 1,000 descriptions is hundreds of kilobytes; the words
    few other chats use (lowest document frequency, then earliest) carry most
    of what a search needs from them, in a few kilobytes.
    """
    frequency = collections.Counter(itertools.chain.from_iterable(words_by_chat.values()))
    # `words` are in order of first use; the sort is stable, so ties keep that order.
    return {slug: " ".join(sorted(words, key=frequency.__getitem__)[:limit])
            for slug, words in words_by_chat.items()}


def search_json(chats: list[Chat], now: dt.datetime, seen: set[str] | frozenset = frozenset()) -> dict:
    """Every chat for the search page: the compact rules of `schedules_json`
    (all statuses, as search filters on status; no rules for inactive chats,
    which have no sessions to show or filter by)."""
    data = schedules_json(chats, now, active_only=False)
    active = {chat.slug for chat in chats if chat.active}
    for row in data["chats"]:
        if row[0] not in active:
            row[8] = []
    data["seen"] = sorted(seen)  # seen active recently (content/liveness.json), for the search filter
    return data


SHARD_KEYS = tuple("0123456789abcdefghijklmnopqrstuvwxyz_")


def shard_key(word: str) -> str:
    """Which shard of the search text holds a word: its first letter or digit."""
    first = word[:1].lower()
    return first if first.isascii() and first.isalnum() else "_"


def search_shards(chats: list[Chat], words: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, list]:
    """The searchable words of descriptions and hosts, split by first character.

    The search page loads only the shards of the words typed, so a query
    downloads a few kilobytes of text instead of the whole catalogue's.
    Shard -> [[chat's position in search_json's rows, its words in the shard], ...].
    `words`: slug -> `description_words`, for chats whose words were found before.
    """
    words = words or {}
    ordered = sorted(chats, key=lambda c: c.slug)  # as search_json's rows
    chosen = keywords({chat.slug: words.get(chat.slug) or description_words(chat.description) for chat in chats})
    shards: dict[str, list] = {key: [] for key in SHARD_KEYS}  # every shard a query can ask for, empty or not
    for position, chat in enumerate(ordered):
        for key, text in _words_by_shard(chat, chosen[chat.slug]):
            shards.setdefault(key, []).append([position, text])
    return dict(sorted(shards.items()))


def _words_by_shard(chat: Chat, chosen: str) -> tuple[tuple[str, str], ...]:
    """One chat's searchable words, by shard: its chosen description words, hosts, language and
    session topics."""
    hosts = [part for h in chat.hosts for part in (h.name, h.handle) if part]
    topics = [s.topic for s in chat.sessions if s.topic]  # sessions' topics, upcoming and past
    words = (chosen.split() + [w for host in hosts for w in re.findall(r"[^\W_]+", host.casefold())]
             + list(language_words(chat.language))
             + [w for topic in topics for w in re.findall(r"[^\W_]{3,}", topic.casefold()) if w not in STOPWORDS])
    by_shard: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        by_shard.setdefault(shard_key(word), []).append(word)
    return tuple((key, " ".join(found)) for key, found in by_shard.items())


def json_for_script(data) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, no `<!--`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
