"""Fake Mastodon and Bluesky servers on 127.0.0.1 for the liveness tests, and the posts they hold.

Each server runs http.server in a thread for one test, keeps every request
it receives, and answers from its posts the way the real API does (ids,
since_id/max_id/min_id, Link headers, local timelines, cursors, tokens). A
test can plan the next answers (`plan`): a status with headers and a body,
or a pause longer than the client's timeout.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import requests
from requests.adapters import HTTPAdapter

from chatcal.model import Chat, Host

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def fold(tag: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", tag.lstrip("#")).casefold())


def snowflake(moment: dt.datetime, sequence: int = 0) -> int:
    return (((moment - EPOCH) // dt.timedelta(milliseconds=1)) << 16) + sequence


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict | None


@dataclass
class Answer:
    """A planned answer; `pause` first sleeps that long (a timeout), then answers as usual."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    pause: float = 0.0


class FakeServer:
    """The shared part: a thread, a request log and planned answers."""

    def __init__(self):
        self.log: list[Seen] = []
        self.plan: list[Answer] = []
        self.refuse: Answer | None = None  # the answer to every request, when set
        self.lock = threading.Lock()
        self.extra_headers = lambda: {}  # headers added to every normal answer
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.respond(self, None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                server.respond(self, json.loads(raw) if raw else None)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.thread = threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.http.shutdown()
        self.http.server_close()

    def respond(self, handler: BaseHTTPRequestHandler, body: dict | None) -> None:
        parts = urlsplit(handler.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        with self.lock:
            self.log.append(Seen(handler.command, unquote(parts.path), query, dict(handler.headers), body))
            planned = self.refuse or (self.plan.pop(0) if self.plan else None)
        if planned and planned.pause:
            time.sleep(planned.pause)
            planned = None
        if planned:
            status, headers, content = planned.status, planned.headers, planned.body or b""
        else:
            status, headers, payload = self.answer(handler.command, unquote(parts.path), query, handler.headers, body)
            headers = {**self.extra_headers(), **headers}
            content = json.dumps(payload).encode()
            headers.setdefault("Content-Type", "application/json")
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(content)))
            handler.end_headers()
            handler.wfile.write(content)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that was the point

    def answer(self, method, path, query, headers, body):
        raise NotImplementedError

    def requests_to(self, prefix: str) -> list[Seen]:
        return [seen for seen in self.log if seen.path.startswith(prefix)]


class FakeMastodon(FakeServer):
    """A Mastodon server's tag timelines: ids are snowflakes, or opaque strings when `numeric_ids` is off."""

    def __init__(self, domain: str = "mastodon.example", numeric_ids: bool = True, ignore_since: bool = False):
        super().__init__()
        self.domain = domain
        self.numeric_ids = numeric_ids
        self.ignore_since = ignore_since  # as some servers do: pages go on past the window
        self.statuses: list[dict] = []
        self.deleted: set[str] = set()
        self.after_page = lambda server: None  # runs after each timeline answer (deleting while paging)

    def add(self, at: dt.datetime, acct: str, tags: list[str], *, bot: bool = False, uri: str | None = None,
            listed_under: list[str] | None = None, edited: bool = False, sequence: int = 0) -> dict:
        """A post; `listed_under` are tags the server still lists it under (a stale index after an edit)."""
        number = len(self.statuses) + 1
        status_id = str(snowflake(at, sequence or number)) if self.numeric_ids else f"Af{number:06d}x"
        local = "@" not in acct
        status = {
            "id": status_id,
            "uri": uri or f"https://{self.domain if local else acct.split('@')[1]}/statuses/{status_id}",
            "created_at": stamp(at),
            "edited_at": stamp(at + dt.timedelta(minutes=5)) if edited else None,
            "account": {"acct": acct, "bot": bot, "username": acct.split("@")[0]},
            "tags": [{"name": tag} for tag in tags],
            "reblog": None,
            "content": " ".join("#" + tag for tag in tags),
            "_listed": [fold(tag) for tag in (listed_under if listed_under is not None else tags)],
            "_at": at,
        }
        self.statuses.append(status)
        return status

    def answer(self, method, path, query, headers, body):
        prefix = "/api/v1/timelines/tag/"
        if method != "GET" or not path.startswith(prefix):
            return 404, {}, {"error": "Record not found"}
        tag = fold(path[len(prefix):])
        found = [status for status in self.ordered() if tag in status["_listed"]
                 and status["id"] not in self.deleted
                 and (query.get("local") != "true" or "@" not in status["account"]["acct"])]
        page = self.paginate(found, query)
        answer = [{key: value for key, value in status.items() if not key.startswith("_")} for status in page]
        links = self.links(path, page)
        self.after_page(self)
        return 200, links, answer

    def ordered(self) -> list[dict]:
        return sorted(self.statuses, key=lambda status: (status["_at"], status["id"]), reverse=True)

    def paginate(self, found: list[dict], query: dict) -> list[dict]:
        limit = min(int(query.get("limit", 20)), 40)
        if not self.numeric_ids:
            # Opaque ids: only max_id is understood, as "older than this post".
            if query.get("max_id") in {status["id"] for status in found}:
                position = [status["id"] for status in found].index(query["max_id"])
                found = found[position + 1:]
            return found[:limit]
        number = lambda status: int(status["id"])  # noqa: E731
        if "max_id" in query:
            found = [status for status in found if number(status) < int(query["max_id"])]
        if "since_id" in query and not self.ignore_since:
            found = [status for status in found if number(status) > int(query["since_id"])]
        if "min_id" in query:  # the page just above min_id, as Mastodon gives it
            above = [status for status in found if number(status) > int(query["min_id"])]
            return sorted(above, key=number)[:limit][::-1]
        return found[:limit]

    def links(self, path: str, page: list[dict]) -> dict:
        if not page:
            return {}
        # As Mastodon writes it: next keeps only max_id, so it walks on past any since_id.
        url = f"https://{self.domain}/api/v1/timelines/tag/{path.rsplit('/', 1)[1]}"
        return {"Link": f'<{url}?max_id={page[-1]["id"]}>; rel="next", <{url}?min_id={page[0]["id"]}>; rel="prev"'}


class FakeBluesky(FakeServer):
    """A PDS with app-password login, token refresh and post search."""

    def __init__(self, handle: str = "chatcal.example", password: str = "app-pass-word"):
        super().__init__()
        self.handle = handle
        self.password = password
        self.posts: list[dict] = []
        self.generation = 0  # the current tokens are access-N / refresh-N
        self.expire_after: int | None = None  # searches the current access token answers before it expires
        self.searches_on_token = 0

    def add(self, at: dt.datetime, handle: str, text: str, facet_tags: list[str], *, indexed: dt.datetime | None = None,
            uri: str | None = None, labels: list[str] = ()) -> dict:
        number = len(self.posts) + 1
        facets = [{"index": {"byteStart": 0, "byteEnd": 1},
                   "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}]} for tag in facet_tags]
        post = {
            "uri": uri or f"at://did:plc:{handle.split('.')[0]}/app.bsky.feed.post/{number:08d}",
            "cid": f"cid{number}",
            "author": {"did": f"did:plc:{handle.split('.')[0]}", "handle": handle,
                       "labels": [{"val": label} for label in labels]},
            "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": stamp(at), "facets": facets},
            "indexedAt": stamp(indexed or at),
        }
        self.posts.append(post)
        return post

    def answer(self, method, path, query, headers, body):
        if path == "/xrpc/com.atproto.server.createSession" and method == "POST":
            if body != {"identifier": self.handle, "password": self.password}:
                return 401, {}, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
            return 200, {}, self.new_tokens()
        if path == "/xrpc/com.atproto.server.refreshSession" and method == "POST":
            if headers.get("Authorization") != f"Bearer refresh-{self.generation}":
                return 400, {}, {"error": "ExpiredToken", "message": "Token has been revoked"}
            return 200, {}, self.new_tokens()
        if path == "/xrpc/app.bsky.feed.searchPosts" and method == "GET":
            return self.search(query, headers)
        return 404, {}, {"error": "MethodNotImplemented"}

    def new_tokens(self) -> dict:
        self.generation += 1
        self.searches_on_token = 0
        return {"accessJwt": f"access-{self.generation}", "refreshJwt": f"refresh-{self.generation}",
                "handle": self.handle, "did": "did:plc:chatcal"}

    def search(self, query, headers):
        if headers.get("Authorization") != f"Bearer access-{self.generation}":
            return 401, {}, {"error": "AuthenticationRequired", "message": "Invalid token"}
        if self.expire_after is not None and self.searches_on_token >= self.expire_after:
            return 400, {}, {"error": "ExpiredToken", "message": "Token has expired"}
        self.searches_on_token += 1
        since = dt.datetime.fromisoformat(query["since"])
        until = dt.datetime.fromisoformat(query["until"])
        word = fold(query["q"])
        found = [post for post in self.posts
                 if word in fold(post["record"]["text"]) and since <= self.sort_at(post) < until]
        found.sort(key=self.sort_at, reverse=True)
        start = int(query.get("cursor") or 0)
        limit = int(query.get("limit", 25))
        page = found[start:start + limit]
        result = {"posts": page, "hitsTotal": len(found)}
        if start + limit < len(found):
            result["cursor"] = str(start + limit)
        return 200, {}, result

    @staticmethod
    def sort_at(post: dict) -> dt.datetime:
        return min(dt.datetime.fromisoformat(post["record"]["createdAt"]), dt.datetime.fromisoformat(post["indexedAt"]))


class Forward(HTTPAdapter):
    """Sends requests for one origin (`https://example.social`) to a fake server instead."""

    def __init__(self, origin: str, base: str):
        super().__init__()
        self.origin, self.base = origin, base

    def send(self, request, **kwargs):
        request.url = self.base + request.url[len(self.origin):]
        return super().send(request, **kwargs)


def http_session(forward: dict[str, str] | None = None) -> requests.Session:
    """A session that never uses the machine's proxies, with origins forwarded to fake servers."""
    session = requests.Session()
    session.trust_env = False
    for origin, base in (forward or {}).items():
        session.mount(origin, Forward(origin, base))
    return session


class FakeTime:
    """The wall clock the client reads for rate limits, moved on only by its own sleep."""

    def __init__(self, start: dt.datetime):
        self.moment = start
        self.sleeps: list[float] = []

    def now(self) -> dt.datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.moment += dt.timedelta(seconds=seconds)


# The test clock: a Monday noon. Chats meet on Mondays 02:00-03:00 UTC (Sunday
# evening in New York), so the four sessions due are 26 October to 16 November;
# the one of 23 November ended less than a day ago.
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MONDAYS = [dt.datetime(2026, 9, 28, 2, 0, tzinfo=UTC) + dt.timedelta(weeks=week) for week in range(9)]
DUE = MONDAYS[4:8]  # 26 Oct, 2 Nov, 9 Nov, 16 Nov


def sessions(starts: list[dt.datetime] = MONDAYS, minutes: int = 60) -> list[tuple[dt.datetime, dt.datetime]]:
    return [(start, start + dt.timedelta(minutes=minutes)) for start in starts]


def make_chat(slug: str = "blogchat", hashtag: str = "blogchat", platforms: tuple[str, ...] = ("mastodon",),
              hosts: tuple[Host, ...] = (), added: dt.date = dt.date(2026, 1, 4), status: str = "active",
              title: str | None = None) -> Chat:
    return Chat(slug=slug, title=title or slug.title(), hashtag=hashtag, schedule=(), added=added,
                description="", platforms=platforms, hosts=hosts, status=status,
                source_path=f"content/chats/{slug}.md")
