"""What counts as activity at a session, and the verdict a chat's sessions add up to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chatcal.tools.liveness.clock import UTC
from chatcal.tools.liveness.tags import fold_tag

EARLY = dt.timedelta(minutes=30)  # people gather and post before the start
LATE = dt.timedelta(minutes=60)  # and answer late questions after the end
# Posts keep arriving from other servers for a while, so a session waits a day to be judged.
SETTLE = dt.timedelta(hours=24)

VERDICTS = ("active", "quiet", "silent", "too_new", "unknown", "not_checkable")


@dataclass(frozen=True)
class Window:
    """The stretch of time whose posts count for one session, both ends included."""

    start: dt.datetime
    end: dt.datetime

    def holds(self, moment: dt.datetime) -> bool:
        return self.start <= moment <= self.end


def window_of(start: dt.datetime, end: dt.datetime) -> Window:
    return Window(start - EARLY, end + LATE)


@dataclass(frozen=True)
class Post:
    """One post as any platform gives it, reduced to what the rules read."""

    uri: str  # the same post seen on two servers has the same uri
    account: str  # lowercase `name@server` or Bluesky handle: compared with the hosts' handles
    at: dt.datetime
    tags: frozenset[str]  # folded (fold_tag)
    bot: bool = False


@dataclass(frozen=True)
class Count:
    """What one platform showed at one session."""

    posts: int  # by accounts that are not bots
    accounts: int  # distinct accounts that are not bots
    host_posts: int  # by the chat's listed hosts, bots or not

    @property
    def active(self) -> bool:
        return (self.posts >= 2 and self.accounts >= 2) or self.host_posts >= 1

    def record(self, start: str) -> dict:
        """The session as the data file keeps it; `active` is written for readers of the file, not read back."""
        return {"start": start, "posts": self.posts, "accounts": self.accounts,
                "host_posts": self.host_posts, "active": self.active}

    @classmethod
    def from_record(cls, record: dict) -> Count:
        return cls(int(record["posts"]), int(record["accounts"]), int(record["host_posts"]))


def count_posts(posts: Iterable[Post], tag: str, window: Window, hosts: frozenset[str]) -> Count:
    """Count the posts in the window that carry the tag, each post once however many servers had it."""
    wanted = fold_tag(tag)
    seen: dict[str, Post] = {}
    for post in posts:
        if window.holds(post.at) and wanted in post.tags:
            seen.setdefault(post.uri, post)
    people = [post for post in seen.values() if not post.bot]
    return Count(posts=len(people), accounts=len({post.account for post in people}),
                 host_posts=sum(1 for post in seen.values() if post.account in hosts))


def due_sessions(sessions: Iterable[tuple[dt.datetime, dt.datetime]], now: dt.datetime,
                 count: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The last `count` sessions that ended at least a day before `now`, oldest first, in UTC."""
    settled = sorted({(start.astimezone(UTC), end.astimezone(UTC))
                      for start, end in sessions if end + SETTLE <= now})
    return settled[-count:] if count else []


def verdict_of(platforms: Mapping[str, dict], due: int, wanted: int) -> str:
    """The verdict from each platform's record, `due` being how many past sessions the chat has."""
    checkable = [record for record in platforms.values() if record["status"] != "not_checkable"]
    if not checkable:
        return "not_checkable"
    if due < wanted:
        return "too_new"
    judged = {session["start"] for record in checkable for session in record["sessions"]}
    active = {session["start"] for record in checkable for session in record["sessions"] if session["active"]}
    if active:
        return "active" if max(judged) in active else "quiet"
    # Silence is claimed only when every platform that can be read was read at every session.
    if all(len(record["sessions"]) >= wanted for record in checkable):
        return "silent"
    return "unknown"


def last_active(platforms: Mapping[str, dict], before: str | None) -> str | None:
    """The UTC day of the latest session with activity, this run's or an earlier run's."""
    days = [session["start"][:10] for record in platforms.values()
            for session in record["sessions"] if session["active"]]
    if before:
        days.append(before)
    return max(days, default=None)


def last_known_verdict(record: Mapping | None) -> str | None:
    """The verdict of an earlier run, looking through `unknown` to the one before it."""
    if not record:
        return None
    if record.get("verdict") == "unknown":
        return record.get("previous")
    return record.get("verdict")

