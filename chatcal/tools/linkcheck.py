"""The maintainers' link checker: every website, archive and host URL of the catalog.

Plain functions, free of invoke and Pelican; the `check-links` task wires them:

    results = check_links(catalog.chats, now=lambda: dt.datetime.now(dt.timezone.utc),
                          cache_path=Path(".cache/linkcheck.json"), progress=ProgressBar())
    markdown_report(results), json_report(results)

How a URL is checked:

- HEAD first (no body to download); if HEAD gets an error status (405, 501 and
  any other 4xx/5xx except 429), the same URL is checked again with GET, since
  many servers answer HEAD badly. Transport failures (timeout, refused, DNS,
  TLS) are not retried with GET: the method makes no difference to them.
- Redirects are followed by hand, so every hop is reported, a loop is caught
  as soon as a URL comes round again, and a long chain stops at
  `max_redirects`.
- 429 and 5xx (but 501, which is permanent) are retried with exponential
  backoff, or after the server's `Retry-After` (seconds or HTTP date), up to
  `max_attempts` attempts; a wait longer than `max_wait` is not waited for.
- Politeness: the URLs are grouped by host and each group is checked by one
  worker, so different hosts proceed in parallel (`workers` at a time) and
  one host never sees two requests at once. A per-host gate also covers
  redirects and retries that land on another worker's host, keeps
  `host_delay` seconds between the end of one request and the start of the
  next, and makes every worker respect a host's `Retry-After`.
- Nothing raises on a bad link: every network problem becomes a result with
  a short reason ("404 Not Found", "timeout after 10 s", "connection refused",
  "redirect loop").

The clock is passed in (`now`, a callable returning an aware datetime) and used
for the cache's ages and for `Retry-After` dates; waits use the monotonic clock.
The cache (a JSON file, URL -> last check) lets a second run within `max_age`
make no request at all.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import queue
import re
import socket
import sys
import tempfile
import threading
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from http import HTTPStatus
from pathlib import Path
from typing import TextIO
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
import urllib3

from chatcal.model import Chat

Clock = Callable[[], dt.datetime]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Settings:
    """How hard and how politely to check; tests shrink the times."""

    workers: int = 8  # hosts checked at once
    timeout: float = 10.0  # seconds, for connecting and for each read
    host_delay: float = 0.5  # seconds between requests to one host
    max_attempts: int = 3  # per request, on 429 and 5xx
    backoff: float = 1.0  # first wait without Retry-After; doubles each attempt
    max_wait: float = 30.0  # longest wait between attempts
    max_redirects: int = 10
    max_age: dt.timedelta = dt.timedelta(days=1)  # cache entries younger than this are reused
    user_agent: str = "chatcal-linkcheck/1.0 (+https://chatcal.org)"


@dataclass(frozen=True)
class Hop:
    """One redirect: `url` answered `status` and pointed at `location`."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class Target:
    """One link of one chat, to check."""

    slug: str
    field: str  # "website", "archive", "hosts[1].url" (1-based, as in validation messages)
    url: str
    source_path: str = ""


@dataclass(frozen=True)
class Check:
    """What one URL gave, whichever chats use it; also one cache entry."""

    status: int | None  # the last HTTP status seen, None if no response at all
    ok: bool
    reason: str
    final_url: str  # the last URL requested
    redirects: tuple[Hop, ...] = ()
    checked_at: str = ""  # ISO 8601, from the `now` clock


@dataclass(frozen=True)
class LinkResult:
    slug: str
    field: str
    url: str
    status: int | None
    ok: bool
    reason: str
    redirects: tuple[Hop, ...]
    final_url: str
    source_path: str = ""
    cached: bool = False  # reused from the cache, no request made

    @property
    def redirected(self) -> bool:
        return bool(self.redirects)


# --- what to check -----------------------------------------------------------


def chat_links(chats: Iterable[Chat]) -> list[Target]:
    """Every outside link of the chats, in catalog order, then field order."""
    targets = []
    for chat in chats:
        fields = [("website", chat.website), ("archive", chat.archive)]
        fields += [(f"hosts[{i}].url", host.url) for i, host in enumerate(chat.hosts, start=1)]
        targets += [Target(chat.slug, name, url, chat.source_path) for name, url in fields if url]
    return targets


def check_links(chats: Iterable[Chat], *, now: Clock, cache_path: Path | None = None,
                settings: Settings = Settings(), progress: Progress | None = None) -> list[LinkResult]:
    """Check every link of the chats; one result per link, in `chat_links` order.

    Each distinct URL is requested once however many chats use it. With
    `cache_path`, URLs checked less than `settings.max_age` ago are not
    requested again, and this run's checks are added to the file.
    `progress(done, total)` counts distinct URLs; it is called from this
    thread, first with the cached ones already done.
    """
    targets = chat_links(chats)
    urls = list(dict.fromkeys(t.url for t in targets))
    cache = load_cache(cache_path, now(), settings.max_age) if cache_path else {}
    checks = {url: cache[url] for url in urls if url in cache}
    _report(progress, len(checks), len(urls))
    for url, check in _check_all([u for u in urls if u not in checks], settings, now):
        checks[url] = check
        _report(progress, len(checks), len(urls))
    for url in urls:  # only if a worker died outside its own safety net
        checks.setdefault(url, Check(None, False, "check failed", url, checked_at=now().isoformat()))
    if cache_path:
        _save_quietly(cache_path, {**cache, **checks})
    return [_result(t, checks[t.url], cached=t.url in cache) for t in targets]


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)


def _result(target: Target, check: Check, cached: bool) -> LinkResult:
    return LinkResult(target.slug, target.field, target.url, check.status, check.ok, check.reason,
                      check.redirects, check.final_url, target.source_path, cached)


# --- running the checks --------------------------------------------------------


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _check_all(urls: list[str], settings: Settings, now: Clock) -> Iterator[tuple[str, Check]]:
    """(url, check) pairs as they finish; one worker per host at a time."""
    groups: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        groups[_host(url)].append(url)
    if not groups:
        return
    gate = HostGate(settings.host_delay)
    finished: queue.Queue = queue.Queue()

    def work(group: list[str]) -> None:
        try:
            with _session(settings) as session:
                checker = _Checker(session, gate, settings, now)
                for url in group:
                    finished.put((url, checker.check(url)))
        finally:
            finished.put(None)  # this group is over, whatever happened

    with ThreadPoolExecutor(max_workers=max(1, min(settings.workers, len(groups)))) as pool:
        for group in groups.values():
            pool.submit(work, group)
        remaining = len(groups)
        while remaining:
            item = finished.get()
            if item is None:
                remaining -= 1
            else:
                yield item


@contextmanager
def _session(settings: Settings) -> Iterator[requests.Session]:
    # One session per group: sessions are not shared between threads, and
    # a group's URLs on one host reuse the connection.
    session = requests.Session()
    session.headers["User-Agent"] = settings.user_agent
    try:
        yield session
    finally:
        session.close()


class HostGate:
    """At most one request in flight per host, with a pause between them."""

    def __init__(self, delay: float):
        self._delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._not_before: dict[str, float] = {}  # host -> monotonic time

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks[host]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold the host for one request, after waiting for its turn."""
        with self._lock(host):
            wait = self._not_before.get(host, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._not_before[host] = max(self._not_before.get(host, 0.0), time.monotonic() + self._delay)

    def hold_off(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` (Retry-After, backoff), from any worker."""
        with self._lock(host):
            self._not_before[host] = max(self._not_before.get(host, 0.0), time.monotonic() + seconds)


@dataclass(frozen=True)
class _Answer:
    """The response to one request, after retries."""

    status: int
    reason: str
    location: str | None  # absolute, for a redirect


@dataclass(frozen=True)
class _Failure:
    """No usable response to one request."""

    reason: str
    try_get: bool  # a HEAD-specific failure, worth a GET


class _Checker:
    """Checks URLs one after another with one session."""

    def __init__(self, session: requests.Session, gate: HostGate, settings: Settings, now: Clock):
        self.session = session
        self.gate = gate
        self.settings = settings
        self.now = now

    def check(self, url: str) -> Check:
        try:
            check, try_get = self._follow(url, "HEAD")
            if try_get:
                check, _ = self._follow(url, "GET")
        except Exception as error:  # a bug or a surprise: still a result, never a crash
            check = Check(None, False, f"check failed ({type(error).__name__})", url)
        return replace(check, checked_at=self.now().isoformat())

    def _follow(self, url: str, method: str) -> tuple[Check, bool]:
        """The check of `url` with `method`, redirects followed; and whether GET may do better."""
        hops: list[Hop] = []
        seen = {urldefrag(url).url}
        current = url
        while True:
            answer = self._request(current, method)
            if isinstance(answer, _Failure):
                return Check(None, False, answer.reason, current, tuple(hops)), answer.try_get
            if answer.location is None:
                ok = 200 <= answer.status < 300
                try_get = not ok and answer.status >= 400 and answer.status != 429
                return Check(answer.status, ok, answer.reason, current, tuple(hops)), try_get
            hops.append(Hop(current, answer.status, answer.location))
            if urldefrag(answer.location).url in seen:
                return Check(answer.status, False, "redirect loop", current, tuple(hops)), False
            if len(hops) > self.settings.max_redirects:
                reason = f"too many redirects (more than {self.settings.max_redirects})"
                return Check(answer.status, False, reason, current, tuple(hops)), False
            seen.add(urldefrag(answer.location).url)
            current = answer.location

    def _request(self, url: str, method: str) -> _Answer | _Failure:
        """One request, retried on 429 and 5xx; redirects are not followed here."""
        settings, host = self.settings, _host(url)
        attempts = max(1, settings.max_attempts)
        for attempt in range(1, attempts + 1):
            try:
                with self.gate.slot(host):
                    # stream: a GET stops after the headers; closing drops the body unread.
                    response = self.session.request(method, url, timeout=settings.timeout,
                                                    allow_redirects=False, stream=True)
                    response.close()
            except requests.RequestException as error:
                return _describe_error(error, settings.timeout)
            status = response.status_code
            reason = status_text(status, response.reason)
            if not _retryable(status):
                break
            if attempt == attempts:
                reason += f" (after {attempt} attempts)"
                break
            wait = self._wait(response, attempt)
            if wait > settings.max_wait:
                # Coming back sooner than asked would be rude and likely refused again.
                reason += f" (asked to wait {wait:g} s, more than {settings.max_wait:g} s)"
                break
            self.gate.hold_off(host, wait)
        location = self.session.get_redirect_target(response)
        return _Answer(status, reason, urljoin(url, location) if location else None)

    def _wait(self, response: requests.Response, attempt: int) -> float:
        asked = retry_after_seconds(response.headers.get("Retry-After"), self.now())
        if asked is not None:
            return asked
        return min(self.settings.backoff * 2 ** (attempt - 1), self.settings.max_wait)


def _retryable(status: int) -> bool:
    # 501 Not Implemented is permanent: retrying cannot help (GET may).
    return status == 429 or (500 <= status < 600 and status != 501)


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a Retry-After header, in seconds or HTTP-date form; None if unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def status_text(status: int, server_reason: str | None = None) -> str:
    """`404 Not Found`: the standard phrase, or a cleaned-up phrase from the server."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        # The server's own words are untrusted: keep them short and plain for the report.
        phrase = re.sub(r"[^A-Za-z0-9 .,'-]", "", server_reason or "")[:40].strip() or "unknown status"
    return f"{status} {phrase}"


def _describe_error(error: requests.RequestException, timeout: float) -> _Failure:
    """A short reason for a request that got no response."""
    if isinstance(error, requests.exceptions.Timeout):
        return _Failure(f"timeout after {timeout:g} s", False)
    if isinstance(error, requests.exceptions.SSLError):
        return _Failure("TLS error (certificate or handshake)", False)
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                          requests.exceptions.InvalidSchema, requests.exceptions.URLRequired)):
        return _Failure("invalid URL", False)
    causes = list(_causes(error))
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return _Failure("connection refused", False)
    if any(isinstance(c, (socket.gaierror, urllib3.exceptions.NameResolutionError)) for c in causes):
        return _Failure("host not found", False)
    if isinstance(error, requests.exceptions.ConnectionError):
        # Reset or closed without an answer: some servers do that to HEAD only.
        return _Failure("connection closed without a response", True)
    return _Failure(f"request failed ({type(error).__name__})", True)


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it wraps (requests wraps urllib3, which wraps OSError)."""
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending += [e for e in linked if isinstance(e, BaseException)]


# --- the cache -------------------------------------------------------------------


def load_cache(path: Path, now: dt.datetime, max_age: dt.timedelta) -> dict[str, Check]:
    """The cache's entries younger than `max_age`; a missing or damaged file is an empty cache."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    fresh = {}
    for url, entry in data.items():
        check = _check_from_json(entry)
        if check and _is_fresh(check.checked_at, now, max_age):
            fresh[url] = check
    return fresh


def save_cache(path: Path, checks: dict[str, Check]) -> None:
    """Write the cache atomically: a run stopped halfway leaves the old file whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {url: _check_to_json(check) for url, check in sorted(checks.items())}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, sort_keys=True)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _save_quietly(path: Path, checks: dict[str, Check]) -> None:
    # The cache only saves time: failing to write it must not lose the results.
    try:
        save_cache(path, checks)
    except OSError as error:
        warnings.warn(f"link check cache not written to {path}: {error}", stacklevel=3)


def _is_fresh(checked_at: str, now: dt.datetime, max_age: dt.timedelta) -> bool:
    try:
        age = now - dt.datetime.fromisoformat(checked_at)
    except (TypeError, ValueError):  # unreadable, or naive against aware
        return False
    return dt.timedelta(0) <= age < max_age


def _check_to_json(check: Check) -> dict:
    return {"checked_at": check.checked_at, "status": check.status, "ok": check.ok, "reason": check.reason,
            "final_url": check.final_url, "redirects": [asdict(hop) for hop in check.redirects]}


def _check_from_json(entry: object) -> Check | None:
    try:
        hops = tuple(Hop(str(h["url"]), int(h["status"]), str(h["location"])) for h in entry["redirects"])
        status = entry["status"]
        return Check(None if status is None else int(status), bool(entry["ok"]), str(entry["reason"]),
                     str(entry["final_url"]), hops, str(entry["checked_at"]))
    except (KeyError, TypeError, ValueError):
        return None


# --- reports -----------------------------------------------------------------------


def _summary(results: list[LinkResult]) -> dict:
    broken = sum(not r.ok for r in results)
    redirected = sum(r.ok and r.redirected for r in results)
    return {"links": len(results), "chats": len({r.slug for r in results}),
            "broken": broken, "redirected": redirected, "fine": len(results) - broken - redirected}


def _by_chat(results: list[LinkResult]) -> list[tuple[str, str, list[LinkResult], list[LinkResult]]]:
    """(slug, source path, broken, redirected) for each chat with something to say, by slug."""
    chats = []
    ordered = sorted(results, key=lambda r: r.slug)  # stable: fields keep their order
    for slug in dict.fromkeys(r.slug for r in ordered):
        mine = [r for r in ordered if r.slug == slug]
        broken = [r for r in mine if not r.ok]
        redirected = [r for r in mine if r.ok and r.redirected]
        if broken or redirected:
            chats.append((slug, mine[0].source_path, broken, redirected))
    return chats


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _code(text: str) -> str:
    """`text` as a Markdown code span, which renders URLs literally, whatever they contain."""
    text = " ".join(text.split())
    ticks = max((len(run) for run in re.findall(r"`+", text)), default=0) + 1
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{'`' * ticks}{pad}{text}{pad}{'`' * ticks}"


def _chain(result: LinkResult) -> str:
    return ", ".join(f"{hop.status} → {_code(hop.location)}" for hop in result.redirects)


def _markdown_line(result: LinkResult) -> str:
    line = f"- {_code(result.field)} {_code(result.url)}"
    if result.ok:
        line += f" → {_code(result.final_url)}"
    line += f": {result.reason}"
    if result.redirects:
        line += f" (redirects: {_chain(result)})"
    return line


def markdown_report(results: list[LinkResult]) -> str:
    """The broken and redirected links of each chat, with a summary line first."""
    counts = _summary(results)
    lines = ["# Link check", "",
             f"{_plural(counts['links'], 'link')} in {_plural(counts['chats'], 'chat')}: "
             f"{counts['broken']} broken, {counts['redirected']} redirected, {counts['fine']} fine.", ""]
    if not counts["broken"]:
        lines += ["No broken links.", ""]
    for slug, source_path, broken, redirected in _by_chat(results):
        lines += [f"## {_code(slug)}" + (f" ({_code(source_path)})" if source_path else ""), ""]
        for title, group in (("Broken", broken), ("Redirected", redirected)):
            if group:
                lines += [f"### {title}", "", *map(_markdown_line, group), ""]
    return "\n".join(lines)


def _json_link(result: LinkResult) -> dict:
    return {"field": result.field, "url": result.url, "status": result.status, "ok": result.ok,
            "reason": result.reason, "final_url": result.final_url,
            "redirects": [asdict(hop) for hop in result.redirects]}


def json_report(results: list[LinkResult]) -> dict:
    """The Markdown report's content as JSON-ready data: chats by slug, links in field order."""
    return {
        "summary": _summary(results),
        "chats": [{"slug": slug, "source_path": source_path,
                   "broken": [_json_link(r) for r in broken],
                   "redirected": [_json_link(r) for r in redirected]}
                  for slug, source_path, broken, redirected in _by_chat(results)],
    }


# --- progress ----------------------------------------------------------------------


def render_bar(done: int, total: int, width: int = 20, label: str = "links") -> str:
    """`[#####...............] 12/40 links`"""
    filled = width * done // total if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}"


class ProgressBar:
    """A `progress(done, total)` callback drawing a text bar on a stream (stderr by default).

    On a terminal the bar is redrawn in place with `\\r`; elsewhere (CI logs,
    files) a plain line is written at the start, at every tenth and at the end.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 20, label: str = "links"):
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.label = label
        self._last_tenth = -1
        try:
            self._tty = self.stream.isatty()
        except (AttributeError, ValueError):
            self._tty = False

    def __call__(self, done: int, total: int) -> None:
        bar = render_bar(done, total, self.width, self.label)
        if self._tty:
            self.stream.write("\r" + bar + ("\n" if done >= total else ""))
        else:
            tenth = 10 * done // total if total else 10
            if tenth <= self._last_tenth:
                return
            self._last_tenth = tenth
            self.stream.write(bar + "\n")
        self.stream.flush()
