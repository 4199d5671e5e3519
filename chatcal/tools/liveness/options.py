"""The options of one liveness run, their defaults, and the problems that make a run refuse to start."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from chatcal.model import Chat

DEFAULT_MASTODON = ("https://mastodon.social",)
DEFAULT_BLUESKY = "https://bsky.social"
DEFAULT_DATA = Path("content/liveness.json")


@dataclass(frozen=True)
class Options:
    """What `invoke liveness` passes on; everything has the command's default."""

    mastodon: tuple[str, ...] = DEFAULT_MASTODON  # servers whose hashtag timelines are read
    host_servers: bool = True  # also the servers of the hosts' Mastodon handles, local posts only
    bluesky: str = DEFAULT_BLUESKY
    bluesky_login: tuple[str, str] | None = None  # (handle, app password); None: Bluesky is not read
    sessions: int = 4  # past sessions judged per chat
    data: Path | None = DEFAULT_DATA  # None: neither read nor written
    only: tuple[str, ...] = ()  # slugs; empty: every chat
    site_url: str = "https://chatcal.org"  # named in the User-Agent

    @property
    def user_agent(self) -> str:
        return f"chatcal-liveness/1.0 (+{self.site_url})"


def bluesky_login_from(environ: Mapping[str, str] = os.environ) -> tuple[str, str] | None:
    """The app-password login from CHATCAL_BLUESKY_HANDLE and CHATCAL_BLUESKY_APP_PASSWORD, if both are set."""
    handle = environ.get("CHATCAL_BLUESKY_HANDLE", "").strip().lstrip("@")
    password = environ.get("CHATCAL_BLUESKY_APP_PASSWORD", "").strip()
    return (handle, password) if handle and password else None


def option_problems(options: Options, chats: Iterable[Chat]) -> list[str]:
    """What is wrong with the options, one sentence each; a run starts only when there is nothing."""
    problems = [f"--mastodon {url!r}: expected an http(s) URL such as https://mastodon.social"
                for url in options.mastodon if not is_server_url(url)]
    if not is_server_url(options.bluesky):
        problems.append(f"--bluesky {options.bluesky!r}: expected an http(s) URL such as https://bsky.social")
    if options.sessions < 1:
        problems.append(f"--sessions {options.sessions}: expected a whole number of at least 1")
    known = {chat.slug for chat in chats}
    problems += [f"--only {slug!r}: no chat has this slug" for slug in options.only if slug not in known]
    return problems


def is_server_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.path in ("", "/") \
        and not parts.query and not parts.fragment
