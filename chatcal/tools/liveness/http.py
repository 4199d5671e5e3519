"""A polite HTTP client: one request at a time, paced by the server's rate-limit headers, retried on faults."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from chatcal.tools.liveness.clock import UTC, iso

Sleep = Callable[[float], None]
Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Settings:
    """How long to wait and how often to try; tests shrink the times."""

    timeout: float = 15.0  # seconds, to connect and for each read
    attempts: int = 4  # per request, on timeouts, resets, 429 and 5xx
    backoff: float = 2.0  # seconds before the second attempt; doubles after each
    max_wait: float = 60.0  # a rate limit that lifts later than this ends the server's run
    slow_below: float = 0.5  # below this share of its limit left, requests are spread until the reset
    give_up_after: int = 3  # requests given up in a row before a server is skipped for the run


class Unchecked(Exception):
    """A server could not say anything for this request; never evidence of silence."""

    @property
    def reason(self) -> str:
        return str(self)


class Forbidden(Unchecked):
    """The server refuses (401, 403, 422, 404): it will refuse again, so it is skipped for the run."""


class RateLimited(Unchecked):
    """The server's limit lifts later than is worth waiting for."""


class Unreachable(Unchecked):
    """Timeouts, resets or server errors on every attempt."""


def server_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


@dataclass
class ServerState:
    """What one server told us of its limits, and whether it is done for this run."""

    limit: int | None = None
    remaining: int | None = None
    reset: dt.datetime | None = None
    closed: Unchecked | None = None
    failures_in_a_row: int = 0


class PoliteClient:
    """Sends requests for one run; remembers each server's limits and faults until the run ends."""

    def __init__(self, session: requests.Session, user_agent: str, settings: Settings = Settings(),
                 sleep: Sleep = time.sleep, wall_clock: Clock | None = None):
        self.session = session
        self.user_agent = user_agent
        self.settings = settings
        self.sleep = sleep
        # Rate-limit resets are real instants, so they are read against the real clock,
        # never against the run's `now`, which may be a fixed date.
        self.wall_clock = wall_clock or (lambda: dt.datetime.now(UTC))
        self.servers: dict[str, ServerState] = {}
        self.requests: Counter[str] = Counter()  # server -> requests sent
        self.waited = 0.0  # seconds slept for limits and retries

    def state(self, server: str) -> ServerState:
        return self.servers.setdefault(server, ServerState())

    def close(self, server: str, problem: Unchecked) -> Unchecked:
        """Skip the server for the rest of the run, for the given reason."""
        self.state(server).closed = problem
        return problem

    def send(self, method: str, url: str, *, params: Mapping | None = None, json: Mapping | None = None,
             headers: Mapping | None = None) -> requests.Response:
        """The server's answer to one request, or Unchecked; answers other than 429 and 5xx are returned as they are."""
        server = server_of(url)
        state = self.state(server)
        if state.closed:
            raise state.closed
        try:
            response = self._attempts(method, url, server, state, params, json, headers)
        except Unreachable as problem:
            state.failures_in_a_row += 1
            if state.failures_in_a_row >= self.settings.give_up_after:
                raise self.close(server, Unreachable(f"{problem}; skipped for the rest of the run")) from None
            raise
        state.failures_in_a_row = 0
        return response

    def _attempts(self, method, url, server, state, params, json, headers) -> requests.Response:
        settings = self.settings
        all_headers = {"User-Agent": self.user_agent, "Accept": "application/json", **(headers or {})}
        for attempt in range(1, settings.attempts + 1):
            self._pace(server, state)
            backoff = settings.backoff * 2 ** (attempt - 1)
            last = attempt == settings.attempts
            try:
                self.requests[server] += 1
                response = self.session.request(method, url, params=params, json=json, headers=all_headers,
                                                timeout=settings.timeout)
            except requests.RequestException as error:
                if last:
                    raise Unreachable(f"{server}: {fault_name(error)} after {attempt} attempts") from None
                self._wait(backoff)
                continue
            self._note_limits(state, response.headers)
            if response.status_code == 429:
                self._wait_out_429(server, response.headers, backoff, last)
                continue
            if response.status_code >= 500 and response.status_code != 501:
                if last:
                    raise Unreachable(f"{server}: {response.status_code} {response.reason} after {attempt} attempts")
                self._wait(backoff)
                continue
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait_out_429(self, server: str, headers: Mapping, backoff: float, last: bool) -> None:
        lifts_at = retry_at(headers, self.wall_clock())
        wait = backoff if lifts_at is None else max(0.0, (lifts_at - self.wall_clock()).total_seconds())
        if last or wait > self.settings.max_wait:
            until = f" until {iso(lifts_at)}" if lifts_at else ""
            raise self.close(server, RateLimited(f"{server}: rate-limited{until}"))
        self._wait(wait)

    def _pace(self, server: str, state: ServerState) -> None:
        """Spread the requests left over the time left, once the server's allowance runs low."""
        if state.remaining is None or state.reset is None:
            return
        left = (state.reset - self.wall_clock()).total_seconds()
        if left <= 0:
            return
        if state.remaining <= 0:
            if left > self.settings.max_wait:
                raise self.close(server, RateLimited(f"{server}: rate-limited until {iso(state.reset)}"))
            self._wait(left)
        elif state.limit and state.remaining < state.limit * self.settings.slow_below:
            self._wait(left / (state.remaining + 1))

    def _note_limits(self, state: ServerState, headers: Mapping) -> None:
        now = self.wall_clock()
        limit = header_int(headers, "X-RateLimit-Limit", "RateLimit-Limit")
        remaining = header_int(headers, "X-RateLimit-Remaining", "RateLimit-Remaining")
        if remaining is not None:
            state.limit, state.remaining = limit, remaining
            state.reset = reset_time(headers, now)

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self.sleep(seconds)


def json_answer(response: requests.Response, server: str, kind: type, what: str):
    """The answer's JSON when it is a `kind`; otherwise the server is unchecked, saying why."""
    try:
        body = response.json()
    except ValueError:
        raise Unchecked(f"{server}: the answer is not JSON") from None
    if not isinstance(body, kind):
        raise Unchecked(f"{server}: the answer is not {what}")
    return body


def header_int(headers: Mapping, *names: str) -> int | None:
    for name in names:
        value = headers.get(name)
        if value is not None:
            try:
                return int(float(value))
            except ValueError:
                return None
    return None


def reset_time(headers: Mapping, now: dt.datetime) -> dt.datetime | None:
    """When the allowance refills: Mastodon sends an ISO time, Bluesky Unix seconds."""
    value = headers.get("X-RateLimit-Reset") or headers.get("RateLimit-Reset")
    if not value:
        return None
    return parse_instant(value.strip(), now)


def retry_at(headers: Mapping, now: dt.datetime) -> dt.datetime | None:
    """When a 429 lifts: Retry-After (seconds or an HTTP date), else the rate-limit reset."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return now + dt.timedelta(seconds=int(value))
    if value:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return reset_time(headers, now)


def parse_instant(value: str, now: dt.datetime) -> dt.datetime | None:
    try:
        number = float(value)
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    # Small numbers are seconds from now (the IETF draft), large ones Unix times (Bluesky).
    if number < 1e9:
        return now + dt.timedelta(seconds=number)
    return dt.datetime.fromtimestamp(number, UTC)


def fault_name(error: requests.RequestException) -> str:
    if isinstance(error, requests.Timeout):
        return "timeout"
    if isinstance(error, requests.ConnectionError):
        return "connection failed"
    return type(error).__name__

