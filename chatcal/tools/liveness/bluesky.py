"""Posts under a hashtag in a session's window, read with Bluesky's post search and an app password."""

from __future__ import annotations

import datetime as dt

import requests

from chatcal.model import Chat, Host
from chatcal.tools.liveness.clock import UTC
from chatcal.tools.liveness.evidence import Post, Window
from chatcal.tools.liveness.http import Forbidden, PoliteClient, Unchecked, json_answer, server_of
from chatcal.tools.liveness.tags import asked_tag, fold_tag

PAGE = 100  # searchPosts' largest page
MAX_PAGES = 20
TAG_FACET = "app.bsky.richtext.facet#tag"
NO_LOGIN = "no Bluesky login: set CHATCAL_BLUESKY_HANDLE and CHATCAL_BLUESKY_APP_PASSWORD"


def bluesky_handle(host: Host) -> str | None:
    """A host's Bluesky handle, lowercase and without the `@`."""
    handle = (host.handle or "").strip().lstrip("@").lower()
    if not handle or "@" in handle:
        return None
    if host.platform == "bluesky" or (host.platform is None and handle.endswith(".bsky.social")):
        return handle
    return None


def host_handles(chat: Chat) -> frozenset[str]:
    return frozenset(filter(None, map(bluesky_handle, chat.hosts)))


def post_of(item: dict) -> Post | None:
    """A search result as the rules read it; only tag facets count as the post's hashtags."""
    try:
        record = item.get("record") or {}
        tags = frozenset(fold_tag(feature["tag"])
                         for facet in record.get("facets") or []
                         for feature in facet.get("features") or []
                         if feature.get("$type") == TAG_FACET and isinstance(feature.get("tag"), str))
        author = item["author"]
        bot = any(label.get("val") == "bot" for label in author.get("labels") or [])
        return Post(uri=item["uri"], account=author["handle"].lower(), at=sort_time(item, record),
                    tags=tags, bot=bot)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def sort_time(item: dict, record: dict) -> dt.datetime:
    """The earlier of the claimed and the indexed time, as the search's since/until use it."""
    times = []
    for text in (record.get("createdAt"), item.get("indexedAt")):
        try:
            moment = dt.datetime.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        times.append(moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC))
    if not times:
        raise ValueError("a post without a time")
    return min(times)


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def expired(response: requests.Response) -> bool:
    return response.status_code in (400, 401) and error_of(response) == "ExpiredToken"


def error_of(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error") or "") if isinstance(body, dict) else ""


def answer(response: requests.Response) -> str:
    """`400 ExpiredToken`, or the status and its reason phrase."""
    return f"{response.status_code} {error_of(response) or response.reason or ''}".strip()


class Bluesky:
    """Searches posts for one run, logging in on first use and refreshing an expired token once."""

    name = "bluesky"

    def __init__(self, client: PoliteClient, service: str, login: tuple[str, str] | None):
        self.client = client
        self.service = service.rstrip("/")
        self.login = login
        self.server = server_of(self.service)
        self.access: str | None = None
        self.refresh: str | None = None
        self.problem: Unchecked | None = None  # a refusal that holds for the whole run

    def hosts(self, chat: Chat) -> frozenset[str]:
        return host_handles(chat)

    def read(self, chat: Chat, window: Window) -> tuple[list[Post], list[str]]:
        # `until` excludes its instant and the window includes its end, hence the extra second.
        params = {"q": "#" + asked_tag(chat.hashtag), "since": stamp(window.start),
                  "until": stamp(window.end + dt.timedelta(seconds=1)), "sort": "latest", "limit": PAGE}
        posts: list[Post] = []
        for _ in range(MAX_PAGES):
            body = self._search(params)
            page = [item for item in body.get("posts") or [] if isinstance(item, dict)]
            posts += [post for post in map(post_of, page) if post and window.holds(post.at)]
            cursor = body.get("cursor")
            if not page or not cursor:
                break
            params["cursor"] = cursor
        return posts, []

    def _search(self, params: dict) -> dict:
        response = self._authorized("GET", "app.bsky.feed.searchPosts", params)
        if expired(response):
            self._refresh_session()
            response = self._authorized("GET", "app.bsky.feed.searchPosts", params)
            if expired(response):
                raise Unchecked(f"{self.server}: the token expired again just after a refresh")
        if response.status_code in (401, 403):
            raise self._refuse(f"search refused ({answer(response)})")
        if response.status_code != 200:
            raise Unchecked(f"{self.server}: {answer(response)}")
        return json_answer(response, self.server, dict, "a search result")

    def _authorized(self, method: str, name: str, params: dict) -> requests.Response:
        if self.problem:
            raise self.problem
        if self.access is None:
            self._create_session()
        return self.client.send(method, self._xrpc(name), params=params,
                                headers={"Authorization": f"Bearer {self.access}"})

    def _create_session(self) -> None:
        if not self.login:
            raise self._refuse(NO_LOGIN, prefix=False)
        identifier, password = self.login
        response = self.client.send("POST", self._xrpc("com.atproto.server.createSession"),
                                    json={"identifier": identifier, "password": password})
        self._take_tokens(response, "login refused")

    def _refresh_session(self) -> None:
        response = self.client.send("POST", self._xrpc("com.atproto.server.refreshSession"),
                                    headers={"Authorization": f"Bearer {self.refresh}"})
        self._take_tokens(response, "token refresh refused")

    def _take_tokens(self, response: requests.Response, refusal: str) -> None:
        body = {}
        if response.status_code == 200:
            try:
                body = response.json()
            except ValueError:
                pass
        if not isinstance(body, dict) or not body.get("accessJwt") or not body.get("refreshJwt"):
            raise self._refuse(f"{refusal} ({answer(response)})")
        self.access, self.refresh = body["accessJwt"], body["refreshJwt"]

    def _refuse(self, reason: str, prefix: bool = True) -> Unchecked:
        self.problem = Forbidden(f"{self.server}: {reason}" if prefix else reason)
        return self.problem

    def _xrpc(self, name: str) -> str:
        return f"{self.service}/xrpc/{name}"
