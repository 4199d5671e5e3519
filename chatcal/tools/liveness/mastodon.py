"""Posts under a hashtag in a session's window, read from the tag timelines of Mastodon-compatible servers."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit

from chatcal.model import Chat, Host
from chatcal.tools.liveness.clock import UTC
from chatcal.tools.liveness.evidence import Post, Window
from chatcal.tools.liveness.http import Forbidden, PoliteClient, Unchecked, json_answer, server_of
from chatcal.tools.liveness.tags import asked_tag, fold_tag

PAGE = 40  # Mastodon's largest page for tag timelines
MAX_ID_PAGES = 25  # a window with more posts than this shows activity many times over
MAX_DATE_PAGES = 50  # servers without time ids are walked back from today
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
# A DNS name with a dot and no port: hosts' handles come from contributors, and an
# address such as 127.0.0.1 or localhost must never become a server to ask.
DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")
REFUSALS = {401: "anonymous tag timelines not allowed", 403: "refused", 404: "no tag timelines here",
            422: "anonymous tag timelines not allowed"}


def snowflake_at(moment: dt.datetime) -> int:
    """The smallest Mastodon id a post published at `moment` can have: (Unix ms << 16)."""
    return ((moment - EPOCH) // dt.timedelta(milliseconds=1)) << 16


def time_of(snowflake: int) -> dt.datetime:
    return EPOCH + dt.timedelta(milliseconds=snowflake >> 16)


def fediverse_account(host: Host) -> str | None:
    """`jane@example.social` for a host on Mastodon, from the handle or the profile URL."""
    if host.platform not in (None, "mastodon") or not host.handle:
        return None
    handle = host.handle.strip().lstrip("@").lower()
    name, _, domain = handle.partition("@")
    if not domain and host.platform == "mastodon" and host.url:
        domain = (urlsplit(host.url).hostname or "").lower()
    if name and "/" not in name and DOMAIN.fullmatch(domain):
        return f"{name}@{domain}"
    return None


def host_accounts(chat: Chat) -> frozenset[str]:
    return frozenset(filter(None, map(fediverse_account, chat.hosts)))


def post_of(status: dict, server: str) -> Post | None:
    """A status as the rules read it, or None for boosts and what cannot be read."""
    try:
        if status.get("reblog"):
            return None
        account = status["account"]
        acct = account["acct"].lower()
        if "@" not in acct:  # local accounts are named without their server
            acct = f"{acct}@{server}"
        tags = frozenset(fold_tag(tag["name"]) for tag in status.get("tags") or [])
        return Post(uri=status.get("uri") or status["url"], account=acct, at=parse_time(status["created_at"]),
                    tags=tags, bot=bool(account.get("bot")))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def parse_time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def ids_are_times(page: list[dict]) -> bool:
    """Whether the page's ids are Mastodon snowflakes, so a window can be asked for by id."""
    if not all(str(status.get("id", "")).isdigit() for status in page):
        return False
    # Sequential numeric ids (other software) decode to 1970; late arrivals may be off by hours.
    for status in page:
        post = post_of(status, "")
        if post and abs(time_of(int(status["id"])) - post.at) <= dt.timedelta(days=1):
            return True
    return False


class Mastodon:
    """Reads tag timelines for one run; remembers which servers page by date."""

    name = "mastodon"

    def __init__(self, client: PoliteClient, servers: tuple[str, ...], host_servers: bool = True):
        self.client = client
        self.servers = tuple(server.rstrip("/") for server in servers)
        self.host_servers = host_servers
        self.by_date: set[str] = set()  # servers whose ids are not times

    def hosts(self, chat: Chat) -> frozenset[str]:
        return host_accounts(chat)

    def servers_for(self, chat: Chat) -> list[tuple[str, bool]]:
        """(server URL, local only) pairs: the chosen servers, then those of the hosts' handles."""
        chosen = [(server, False) for server in self.servers]
        if not self.host_servers:
            return chosen
        known = {server_of(server) for server in self.servers}
        domains = sorted({account.partition("@")[2] for account in host_accounts(chat)} - known)
        return chosen + [(f"https://{domain}", True) for domain in domains]

    def read(self, chat: Chat, window: Window) -> tuple[list[Post], list[str]]:
        """Every server's posts for the window, and notes on servers that said nothing."""
        posts: list[Post] = []
        notes: list[str] = []
        answered = False
        for server, local in self.servers_for(chat):
            try:
                posts += self.timeline(server, chat.hashtag, window, local)
                answered = True
            except Forbidden as refusal:  # will refuse every time: a note, never a reason to ask again
                notes.append(refusal.reason)
            except Unchecked as problem:
                if not local:  # a chosen server's fault leaves the session to be asked again
                    raise
                notes.append(problem.reason)
        if not answered:
            raise Unchecked("; ".join(notes) or "no server to ask")
        return posts, notes

    def timeline(self, server: str, tag: str, window: Window, local: bool) -> list[Post]:
        if server not in self.by_date:
            posts = self._by_id(server, tag, window, local)
            if posts is not None:
                return posts
            self.by_date.add(server)
        return self._by_date(server, tag, window, local)

    def _by_id(self, server: str, tag: str, window: Window, local: bool) -> list[Post] | None:
        """The window asked for by id, newest page first; None if the server's ids are not times."""
        # The Link header's next page drops since_id and walks on past the window,
        # so the pages are asked for here, with max_id moved down and since_id kept.
        params = {"limit": PAGE, "since_id": snowflake_at(window.start) - 1,
                  "max_id": snowflake_at(window.end + dt.timedelta(milliseconds=1))}
        if local:
            params["local"] = "true"
        posts: list[Post] = []
        for _ in range(MAX_ID_PAGES):
            page = self._page(server, tag, params)
            if page and not ids_are_times(page):
                return None
            found = self._posts(page, server)
            posts += found
            # Servers that ignore since_id would otherwise be walked back page after page.
            if len(page) < PAGE or (found and min(post.at for post in found) < window.start):
                break
            params["max_id"] = min(int(status["id"]) for status in page)
        return [post for post in posts if window.holds(post.at)]

    def _by_date(self, server: str, tag: str, window: Window, local: bool) -> list[Post]:
        """The window found by walking back from the newest post, for servers whose ids are opaque."""
        params: dict = {"limit": PAGE, **({"local": "true"} if local else {})}
        posts: list[Post] = []
        for _ in range(MAX_DATE_PAGES):
            page = self._page(server, tag, params)
            found = self._posts(page, server)
            posts += found
            if len(page) < PAGE or (found and min(post.at for post in found) < window.start):
                return [post for post in posts if window.holds(post.at)]
            params["max_id"] = page[-1]["id"]
        raise Unchecked(f"{server_of(server)}: the window is more than {MAX_DATE_PAGES} pages back")

    def _posts(self, page: list[dict], server: str) -> list[Post]:
        return [post for post in (post_of(status, server_of(server)) for status in page) if post]

    def _page(self, server: str, tag: str, params: dict) -> list[dict]:
        url = f"{server}/api/v1/timelines/tag/{quote(asked_tag(tag), safe='')}"
        response = self.client.send("GET", url, params=params)
        name = server_of(server)
        if response.status_code in REFUSALS:
            refusal = Forbidden(f"{name}: {REFUSALS[response.status_code]} ({response.status_code})")
            raise self.client.close(name, refusal)
        if response.status_code != 200:
            raise Unchecked(f"{name}: {response.status_code} {response.reason}")
        page = json_answer(response, name, list, "a list of posts")
        return [status for status in page if isinstance(status, dict)]
