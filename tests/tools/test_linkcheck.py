"""The link checker against a local HTTP server: never the internet.

The server plays every case a chat's links meet (fine, redirected, missing,
rate-limited, flaky, slow, looping, HEAD-hostile, refused) and logs every
request it receives, so retries, politeness and the cache are measured on the
server's side.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chatcal.model import Chat, Day, Entry, Host
from chatcal.tools import linkcheck
from chatcal.tools.linkcheck import (
    Hop,
    LinkResult,
    ProgressBar,
    Settings,
    check_links,
    json_report,
    markdown_report,
)

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
# Short times keep the file fast; Retry-After: 1 is still waited for in full.
FAST = Settings(timeout=0.5, host_delay=0, backoff=0.05, max_wait=5, max_redirects=3)
SLOW_RESPONSE = 1.0  # seconds, longer than FAST.timeout


@dataclass
class Seen:
    method: str
    path: str
    host: str
    at: float  # monotonic, when the request arrived


@dataclass
class Server:
    base: str
    log: list[Seen] = field(default_factory=list)
    hits: Counter = field(default_factory=Counter)  # path -> requests so far, any method
    in_flight: Counter = field(default_factory=Counter)  # Host header -> requests being answered
    most_in_flight: Counter = field(default_factory=Counter)  # Host header -> the highest in_flight
    most_overall: int = 0
    wait_for_company: bool = False  # /pause answers once another request is in flight (or after 3 s)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[tuple[str, str]]:
        return [(seen.method, seen.path) for seen in self.log]

    def times(self, path: str) -> list[float]:
        return [seen.at for seen in self.log if seen.path == path]


def make_handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.answer()

        def do_GET(self):
            self.answer()

        def answer(self):
            host = self.headers.get("Host", "")
            with server.lock:
                server.log.append(Seen(self.command, self.path, host, time.monotonic()))
                server.hits[self.path] += 1
                hit = server.hits[self.path]
                server.in_flight[host] += 1
                server.most_in_flight[host] = max(server.most_in_flight[host], server.in_flight[host])
                server.most_overall = max(server.most_overall, sum(server.in_flight.values()))
            try:
                self.route(hit)
            except OSError:
                pass  # the client gave up (the slow page): nothing to answer
            finally:
                with server.lock:
                    server.in_flight[host] -= 1

        def route(self, hit: int):
            path = self.path
            if path in ("/ok", "/chain-end"):
                self.reply(200)
            elif path.startswith("/chain/"):
                step = int(path.rsplit("/", 1)[1])
                self.reply(301, location=f"/chain/{step + 1}" if step < 3 else "/chain-end")
            elif path == "/missing":
                self.reply(404)
            elif path == "/busy":
                self.reply(429, retry_after="1") if hit == 1 else self.reply(200)
            elif path == "/flaky":
                self.reply(500) if hit == 1 else self.reply(200)
            elif path == "/slow":
                time.sleep(SLOW_RESPONSE)
                self.reply(200)
            elif path == "/loop-a":
                self.reply(302, location="/loop-b")
            elif path == "/loop-b":
                self.reply(302, location=server.url("/loop-a"))  # absolute, the other relative
            elif path == "/no-head":
                self.reply(405 if self.command == "HEAD" else 200)
            elif path.startswith("/many/"):
                self.reply(301, location=f"/many/{int(path.rsplit('/', 1)[1]) + 1}")
            elif path == "/down":
                self.reply(503)
            elif path == "/rate-limited":
                self.reply(429, retry_after="3600")
            elif path.startswith("/pause"):
                time.sleep(0.3)
                # On a busy machine a parallel request can start late: wait for it rather than race it.
                deadline = time.monotonic() + 3
                while server.wait_for_company and server.most_overall < 2 and time.monotonic() < deadline:
                    time.sleep(0.02)
                self.reply(200)
            else:
                self.reply(404)

        def reply(self, status: int, location: str | None = None, retry_after: str | None = None):
            body = b"" if self.command == "HEAD" else f"{status}\n".encode()
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass  # keep test output clean

    return Handler


@pytest.fixture
def server(monkeypatch):
    # A proxy from the environment must not stand between us and 127.0.0.1.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    state = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # a client that hung up is no error here
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def refused_url():
    """A port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"


ENTRY = Entry(id="1", every="week", interval=1, on=(Day(6),), at=dt.time(21), timezone="UTC", duration=60)


def chat(slug: str, website=None, archive=None, hosts=()) -> Chat:
    return Chat(slug=slug, title=slug, hashtag=slug, schedule=(ENTRY,), added=dt.date(2026, 1, 1),
                description=slug, website=website, archive=archive,
                hosts=tuple(Host(name=f"host {i}", url=url) for i, url in enumerate(hosts, start=1)),
                source_path=f"content/chats/{slug}.md")


def every_case(server: Server, refused: str) -> list[Chat]:
    u = server.url
    return [
        chat("beta", website=u("/flaky"), archive=u("/slow"),
             hosts=[u("/loop-a"), u("/no-head"), u("/many/1"), refused]),
        chat("alpha", website=u("/ok"), archive=u("/chain/1"), hosts=[u("/missing"), u("/busy")]),
        chat("gamma", website=u("/ok")),  # the same URL as alpha's: requested once
        chat("delta"),  # no links at all
    ]


def clock(at: dt.datetime):
    return lambda: at


def result(slug, field_, url, status, ok, reason, redirects=(), final_url=None, cached=False):
    return LinkResult(slug, field_, url, status, ok, reason, tuple(redirects), final_url or url,
                      f"content/chats/{slug}.md", cached)


def expected_results(server: Server, refused: str) -> list[LinkResult]:
    u = server.url
    return [
        result("beta", "website", u("/flaky"), 200, True, "200 OK"),
        result("beta", "archive", u("/slow"), None, False, "timeout after 0.5 s"),
        result("beta", "hosts[1].url", u("/loop-a"), 302, False, "redirect loop",
               [Hop(u("/loop-a"), 302, u("/loop-b")), Hop(u("/loop-b"), 302, u("/loop-a"))], u("/loop-b")),
        result("beta", "hosts[2].url", u("/no-head"), 200, True, "200 OK"),
        result("beta", "hosts[3].url", u("/many/1"), 301, False, "too many redirects (more than 3)",
               [Hop(u(f"/many/{n}"), 301, u(f"/many/{n + 1}")) for n in range(1, 5)], u("/many/4")),
        result("beta", "hosts[4].url", refused, None, False, "connection refused"),
        result("alpha", "website", u("/ok"), 200, True, "200 OK"),
        result("alpha", "archive", u("/chain/1"), 200, True, "200 OK",
               [Hop(u("/chain/1"), 301, u("/chain/2")), Hop(u("/chain/2"), 301, u("/chain/3")),
                Hop(u("/chain/3"), 301, u("/chain-end"))], u("/chain-end")),
        result("alpha", "hosts[1].url", u("/missing"), 404, False, "404 Not Found"),
        result("alpha", "hosts[2].url", u("/busy"), 200, True, "200 OK"),
        result("gamma", "website", u("/ok"), 200, True, "200 OK"),
    ]


def test_every_case_gives_its_result_and_the_cache_saves_the_second_run(server, refused_url, tmp_path):
    chats = every_case(server, refused_url)
    cache = tmp_path / ".cache" / "linkcheck.json"
    calls = []

    started = time.monotonic()
    results = check_links(chats, now=clock(NOW), cache_path=cache, settings=FAST,
                          progress=lambda done, total: calls.append((done, total)))
    assert time.monotonic() - started < 5

    assert results == expected_results(server, refused_url)
    assert calls == [(done, 10) for done in range(11)]  # 10 distinct URLs, /ok once

    # What the server saw: GET only after a HEAD error, retries on 429 and 500 only.
    requests_for = Counter(server.paths())
    assert requests_for[("HEAD", "/ok")] == 1 and requests_for[("GET", "/ok")] == 0
    assert [m for m, p in server.paths() if p == "/missing"] == ["HEAD", "GET"]
    assert [m for m, p in server.paths() if p == "/no-head"] == ["HEAD", "GET"]
    assert [m for m, p in server.paths() if p == "/busy"] == ["HEAD", "HEAD"]
    assert [m for m, p in server.paths() if p == "/flaky"] == ["HEAD", "HEAD"]
    assert [m for m, p in server.paths() if p == "/slow"] == ["HEAD"]  # a timeout is not worth a GET
    assert [m for m, p in server.paths() if p.startswith("/loop")] == ["HEAD", "HEAD"]
    first, second = server.times("/busy")
    assert second - first >= 0.95  # Retry-After: 1 honoured

    # The cache: URL -> the last check, stamped with the given clock.
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert sorted(stored) == sorted({r.url for r in results})
    assert stored[server.url("/chain/1")] == {
        "checked_at": "2026-03-01T12:00:00+00:00", "status": 200, "ok": True, "reason": "200 OK",
        "final_url": server.url("/chain-end"),
        "redirects": [{"url": server.url("/chain/1"), "status": 301, "location": server.url("/chain/2")},
                      {"url": server.url("/chain/2"), "status": 301, "location": server.url("/chain/3")},
                      {"url": server.url("/chain/3"), "status": 301, "location": server.url("/chain-end")}]}

    # The same day: nothing is requested, the results are the same.
    server.log.clear()
    calls.clear()
    again = check_links(chats, now=clock(NOW + dt.timedelta(hours=23)), cache_path=cache, settings=FAST,
                        progress=lambda done, total: calls.append((done, total)))
    assert server.log == []
    assert again == [replace(r, cached=True) for r in results]
    assert calls == [(10, 10)]

    # Two days later, every URL is checked again.
    later = check_links(chats, now=clock(NOW + dt.timedelta(days=2)), cache_path=cache, settings=FAST)
    assert {p for _, p in server.paths()} >= {"/ok", "/chain/1", "/missing", "/busy", "/flaky", "/slow",
                                              "/loop-a", "/no-head", "/many/1"}
    assert not any(r.cached for r in later)
    assert json.loads(cache.read_text())[server.url("/ok")]["checked_at"] == "2026-03-03T12:00:00+00:00"


def test_reports_of_a_real_run(server, refused_url):
    results = check_links(every_case(server, refused_url), now=clock(NOW), settings=FAST)
    report = markdown_report(results)
    assert "11 links in 3 chats: 5 broken, 1 redirected, 5 fine." in report
    assert f"- `hosts[1].url` `{server.url('/missing')}`: 404 Not Found" in report
    assert "No broken links" not in report
    data = json_report(results)
    assert data["summary"] == {"links": 11, "chats": 3, "broken": 5, "redirected": 1, "fine": 5}
    assert [c["slug"] for c in data["chats"]] == ["alpha", "beta"]  # gamma has nothing to report
    json.dumps(data)  # JSON-ready as it is


def test_server_errors_are_retried_with_growing_waits_then_reported(server):
    settings = replace(FAST, backoff=0.1, max_attempts=3)
    [down] = check_links([chat("c", website=server.url("/down"))], now=clock(NOW), settings=settings)
    assert (down.status, down.ok, down.reason) == (503, False, "503 Service Unavailable (after 3 attempts)")
    # Three HEADs, then (an error status) three GETs, each series waiting 0.1 s then 0.2 s.
    assert [m for m, _ in server.paths()] == ["HEAD"] * 3 + ["GET"] * 3
    times = server.times("/down")
    for series in (times[:3], times[3:]):
        assert series[1] - series[0] >= 0.09
        assert series[2] - series[1] >= 0.19


def test_a_retry_after_over_the_limit_is_not_waited_for(server):
    started = time.monotonic()
    [limited] = check_links([chat("c", website=server.url("/rate-limited"))], now=clock(NOW), settings=FAST)
    assert time.monotonic() - started < 1
    assert (limited.status, limited.ok) == (429, False)
    assert limited.reason == "429 Too Many Requests (asked to wait 3600 s, more than 5 s)"
    assert server.paths() == [("HEAD", "/rate-limited")]  # no GET either: the limit applies to it too


def test_one_host_gets_one_request_at_a_time_with_a_pause_between(server):
    urls = [server.url(f"/pause/{n}") for n in range(3)] + [server.url("/ok")]
    chats = [chat(f"c{n}", website=url) for n, url in enumerate(urls)]
    check_links(chats, now=clock(NOW), settings=replace(FAST, host_delay=0.2, workers=8))
    assert server.most_overall == 1
    log = server.log
    assert len(log) == 4
    # Each request waits for the previous one (0.3 s to answer) and then 0.2 s more.
    for before, after in zip(log, log[1:]):
        assert after.at - before.at >= 0.45


def test_different_hosts_are_checked_in_parallel_within_the_worker_limit(server):
    port = server.base.rsplit(":", 1)[1]
    hosts = ["127.0.0.1", "localhost"]
    try:
        socket.getaddrinfo("localhost", port)
    except OSError:
        pytest.skip("localhost does not resolve here")
    chats = [chat(f"c{n}-{h}", website=f"http://{h}:{port}/pause/{n}") for h in hosts for n in range(2)]
    for workers, overall in ((2, 2), (1, 1)):
        server.most_overall = 0
        server.most_in_flight.clear()
        server.wait_for_company = workers > 1
        results = check_links(chats, now=clock(NOW), settings=replace(FAST, workers=workers, timeout=5))
        assert all(r.ok for r in results), results
        assert server.most_overall == overall
        assert set(server.most_in_flight.values()) == {1}  # never two at once on one host


def test_markdown_and_json_reports():
    hop = Hop("http://a.example/old", 301, "https://a.example/new")
    results = [
        LinkResult("zeta", "website", "http://a.example/old", 200, True, "200 OK", (hop,),
                   "https://a.example/new", "content/chats/zeta.md"),
        LinkResult("zeta", "archive", "https://b.example/", 200, True, "200 OK", (), "https://b.example/",
                   "content/chats/zeta.md"),
        LinkResult("eta", "website", "https://c.example/x`y", 404, False, "404 Not Found", (),
                   "https://c.example/x`y", "content/chats/eta.md"),
        LinkResult("eta", "hosts[1].url", "https://d.example/", None, False, "timeout after 10 s", (),
                   "https://d.example/", "content/chats/eta.md"),
        LinkResult("theta", "website", "https://e.example/", 200, True, "200 OK", (), "https://e.example/",
                   "content/chats/theta.md"),
    ]
    assert markdown_report(results) == """\
# Link check

5 links in 3 chats: 2 broken, 1 redirected, 2 fine.

## `eta` (`content/chats/eta.md`)

### Broken

- `website` ``https://c.example/x`y``: 404 Not Found
- `hosts[1].url` `https://d.example/`: timeout after 10 s

## `zeta` (`content/chats/zeta.md`)

### Redirected

- `website` `http://a.example/old` → `https://a.example/new`: 200 OK (redirects: 301 → `https://a.example/new`)
"""
    assert json_report(results) == {
        "summary": {"links": 5, "chats": 3, "broken": 2, "redirected": 1, "fine": 2},
        "chats": [
            {"slug": "eta", "source_path": "content/chats/eta.md", "redirected": [], "broken": [
                {"field": "website", "url": "https://c.example/x`y", "status": 404, "ok": False,
                 "reason": "404 Not Found", "final_url": "https://c.example/x`y", "redirects": []},
                {"field": "hosts[1].url", "url": "https://d.example/", "status": None, "ok": False,
                 "reason": "timeout after 10 s", "final_url": "https://d.example/", "redirects": []}]},
            {"slug": "zeta", "source_path": "content/chats/zeta.md", "broken": [], "redirected": [
                {"field": "website", "url": "http://a.example/old", "status": 200, "ok": True,
                 "reason": "200 OK", "final_url": "https://a.example/new",
                 "redirects": [{"url": "http://a.example/old", "status": 301,
                                "location": "https://a.example/new"}]}]},
        ],
    }
    # Stable: the same links in another order give the same reports.
    assert markdown_report(results[::-1]).splitlines()[:4] == markdown_report(results).splitlines()[:4]
    assert json_report(sorted(results, key=lambda r: r.slug)) == json_report(results)


def test_all_good_says_so():
    fine = [LinkResult("a", "website", "https://a.example/", 200, True, "200 OK", (), "https://a.example/")]
    assert markdown_report(fine) == "# Link check\n\n1 link in 1 chat: 0 broken, 0 redirected, 1 fine.\n\nNo broken links.\n"
    assert json_report(fine) == {"summary": {"links": 1, "chats": 1, "broken": 0, "redirected": 0, "fine": 1},
                                 "chats": []}


@pytest.mark.parametrize("value, seconds", [
    ("1", 1.0),
    (" 120 ", 120.0),
    ("Sun, 01 Mar 2026 12:00:30 GMT", 30.0),
    ("Sun, 01 Mar 2026 11:00:00 GMT", 0.0),  # already past: go now
    ("soon", None),
    ("", None),
    (None, None),
])
def test_retry_after_in_seconds_or_as_a_date(value, seconds):
    assert linkcheck.retry_after_seconds(value, NOW) == seconds


def test_a_damaged_cache_is_an_empty_one(tmp_path):
    cache = tmp_path / "linkcheck.json"
    for text in ("{not json", "[]", '{"https://a.example/": {"status": "x"}}'):
        cache.write_text(text)
        assert linkcheck.load_cache(cache, NOW, dt.timedelta(days=1)) == {}
    assert linkcheck.load_cache(tmp_path / "missing.json", NOW, dt.timedelta(days=1)) == {}


def test_status_text_keeps_unknown_server_phrases_plain():
    assert linkcheck.status_text(404, "Whatever") == "404 Not Found"
    assert linkcheck.status_text(599, "Network <b>Connect</b> Timeout") == "599 Network bConnectb Timeout"
    assert linkcheck.status_text(599, "") == "599 unknown status"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_redraws_on_a_terminal():
    stream = Terminal()
    bar = ProgressBar(stream, width=10)
    for done in range(5):
        bar(done, 4)
    assert stream.getvalue() == ("\r[..........] 0/4 links\r[##........] 1/4 links\r[#####.....] 2/4 links"
                                 "\r[#######...] 3/4 links\r[##########] 4/4 links\n")


def test_progress_bar_writes_plain_lines_elsewhere():
    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    for done in range(41):
        bar(done, 40)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[..........] 0/40 links"
    assert lines[-1] == "[##########] 40/40 links"
    assert len(lines) == 11  # the start, then every tenth
