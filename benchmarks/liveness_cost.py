"""What `invoke liveness` costs at mastodon.social's limit: a first run and a weekly run over N chats.

    .venv/bin/python benchmarks/liveness_cost.py [--chats 5000] [--sessions 4] [--latency 0.3]

mastodon.social allows 300 unauthenticated API requests per 5 minutes per IP
address. Each run is figured twice:

- estimated: requests from the stated shares of schedules and activity, and
  the time those requests take at the limit (one a second after the first 300);
- simulated: the real `run_liveness` over N synthetic chats, against an
  in-process server that keeps that limit (fixed 5-minute periods, with
  X-RateLimit-* headers and 429 beyond it) on a simulated clock where each
  request takes `--latency` seconds. Nothing goes over the network, and
  nothing really waits.

Every chat is taken to list Mastodon, the dearest case for mastodon.social;
chats that list only other platforms cost nothing, and the servers of the
hosts' handles (off here) have limits of their own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatcal.model import Chat  # noqa: E402
from chatcal.tools.liveness import Options, run_liveness  # noqa: E402
from chatcal.tools.liveness.mastodon import EPOCH, snowflake_at, time_of  # noqa: E402

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LIMIT, PERIOD = 300, 300  # requests, seconds: mastodon.social, unauthenticated, per IP
SCHEDULES = {"weekly": 0.85, "twice a week": 0.05, "monthly": 0.10}  # "weekly chats mostly"
# Activity at the first run: busy every session; busy until three weeks ago; never; listed lately.
ACTIVITY = {"active": 0.60, "fading": 0.15, "silent": 0.20, "new": 0.05}
BUSY_SHARE = 0.02  # sessions with more than 40 posts, which take a second page
PER_WEEK = {"weekly": 1.0, "twice a week": 2.0, "monthly": 12 / 52}


@dataclass(frozen=True)
class Cost:
    requests: int
    seconds: float


def at_the_limit(requests_made: float) -> float:
    """Seconds for that many requests at the limit: the first period's allowance at once, then evenly."""
    return max(0.0, requests_made - LIMIT) * PERIOD / LIMIT


def estimate_first_run(chats: int, sessions: int) -> Cost:
    """Newest session first, stopping at activity: 1 for an active chat, about 3 for a fading one, N for a silent one."""
    fading = (2 + sessions) / 2
    per_chat = ACTIVITY["active"] * 1 + ACTIVITY["fading"] * fading + ACTIVITY["silent"] * sessions
    made = chats * per_chat * (1 + BUSY_SHARE)
    return Cost(round(made), at_the_limit(made))


def estimate_weekly_run(chats: int) -> Cost:
    """Only the sessions of the past week, each asked once (a chat listed lately asks for none yet)."""
    per_chat = sum(share * PER_WEEK[kind] for kind, share in SCHEDULES.items())
    made = chats * (1 - ACTIVITY["new"]) * per_chat * (1 + BUSY_SHARE)
    return Cost(round(made), at_the_limit(made))


class SimClock:
    def __init__(self, start: dt.datetime):
        self.moment = start

    def now(self) -> dt.datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


class LimitedMastodon:
    """A `requests.Session` stand-in answering tag timelines as mastodon.social would, limit included."""

    def __init__(self, clock: SimClock, latency: float, activity: dict[str, str], busy: set[str]):
        self.clock, self.latency = clock, latency
        self.activity, self.busy = activity, busy  # tag -> kind; tags with more than a page of posts
        self.period_start: dt.datetime | None = None
        self.used = 0
        self.sent = 0
        self.refused = 0

    def request(self, method, url, params=None, json=None, headers=None, timeout=None):
        self.clock.sleep(self.latency)
        self.sent += 1
        now = self.clock.now()
        start = EPOCH + dt.timedelta(seconds=(now - EPOCH).total_seconds() // PERIOD * PERIOD)
        if start != self.period_start:
            self.period_start, self.used = start, 0
        self.used += 1
        reset = (start + dt.timedelta(seconds=PERIOD)).isoformat().replace("+00:00", "Z")
        limits = {"X-RateLimit-Limit": str(LIMIT), "X-RateLimit-Remaining": str(max(0, LIMIT - self.used)),
                  "X-RateLimit-Reset": reset}
        if self.used > LIMIT:
            self.refused += 1
            return answer(429, limits, {"error": "Too many requests"})
        tag = url.rsplit("/", 1)[1]
        return answer(200, limits, self.page(tag, int(params["since_id"]), int(params["max_id"])))

    def page(self, tag: str, since_id: int, max_id: int) -> list[dict]:
        """Posts in the asked window: a few for a busy session, 45 (two pages) for a crowded one."""
        start = time_of(since_id + 1)
        meeting = start + dt.timedelta(minutes=35)
        kind = self.activity[tag]
        if kind == "silent" or (kind == "fading" and meeting > NOW - dt.timedelta(weeks=3)):
            return []
        count = 45 if tag in self.busy else 4
        posts = [status(tag, meeting + dt.timedelta(seconds=number), number) for number in range(count)]
        posts = [post for post in posts if since_id < int(post["id"]) < max_id]
        return sorted(posts, key=lambda post: int(post["id"]), reverse=True)[:40]


def status(tag: str, at: dt.datetime, number: int) -> dict:
    return {"id": str(snowflake_at(at) + number), "uri": f"https://people.example/{tag}/{number}",
            "created_at": at.isoformat().replace("+00:00", "Z"),
            "account": {"acct": f"p{number % 5}@people.example", "bot": False},
            "tags": [{"name": tag}], "reblog": None}


def answer(code: int, headers: dict, body) -> requests.Response:
    response = requests.Response()
    response.status_code = code
    response.reason = "OK" if code == 200 else "Too Many Requests"
    response.headers = CaseInsensitiveDict({"Content-Type": "application/json", **headers})
    response._content = json.dumps(body).encode()
    return response


def synthetic(count: int, seed: int = 15) -> tuple[list[Chat], dict, dict[str, str], set[str]]:
    """Chats, their past sessions, what each is like, and which are crowded."""
    rng = random.Random(seed)
    chats, sessions, activity, busy = [], {}, {}, set()
    for number in range(count):
        slug = f"chat{number:05d}"
        schedule = rng.choices(list(SCHEDULES), weights=list(SCHEDULES.values()))[0]
        kind = rng.choices(list(ACTIVITY), weights=list(ACTIVITY.values()))[0]
        first = NOW - dt.timedelta(weeks=2 if kind == "new" else 30, hours=rng.randrange(0, 24 * 7))
        chats.append(Chat(slug=slug, title=slug, hashtag=slug, schedule=(), added=first.date(), description="",
                          platforms=("mastodon",)))
        sessions[slug] = meetings(first, schedule, NOW + dt.timedelta(weeks=2))
        activity[slug] = "active" if kind == "new" else kind
        if rng.random() < BUSY_SHARE:
            busy.add(slug)
    return chats, sessions, activity, busy


def meetings(first: dt.datetime, schedule: str, until: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    steps = {"weekly": [dt.timedelta(weeks=1)], "twice a week": [dt.timedelta(days=3), dt.timedelta(days=4)],
             "monthly": [dt.timedelta(weeks=4), dt.timedelta(weeks=5), dt.timedelta(weeks=4)]}[schedule]
    found, moment, turn = [], first, 0
    while moment < until:
        found.append((moment, moment + dt.timedelta(hours=1)))
        moment += steps[turn % len(steps)]
        turn += 1
    return found


def simulate(chats: int, sessions: int, latency: float) -> tuple[Cost, Cost, int]:
    """The first run at NOW and the weekly run a week later, with the real code; also the 429s met."""
    all_chats, by_slug, activity, busy = synthetic(chats)
    costs = []
    refused = 0
    with tempfile.TemporaryDirectory() as folder:
        options = Options(mastodon=("https://mastodon.social",), host_servers=False, sessions=sessions,
                          data=Path(folder) / "liveness.json")
        for now in (NOW, NOW + dt.timedelta(weeks=1)):
            clock = SimClock(now)
            server = LimitedMastodon(clock, latency, activity, busy)
            run_liveness(all_chats, by_slug, options, now, server, None, sleep=clock.sleep, wall_clock=clock.now)
            costs.append(Cost(server.sent, (clock.now() - now).total_seconds()))
            refused += server.refused
    return costs[0], costs[1], refused


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds a request takes (simulation)")
    args = parser.parse_args(argv)
    first, weekly, refused = simulate(args.chats, args.sessions, args.latency)
    estimated = {"first run": estimate_first_run(args.chats, args.sessions), "weekly run": estimate_weekly_run(args.chats)}
    print(f"liveness over {args.chats:,} chats, last {args.sessions} sessions judged, "
          f"at mastodon.social's {LIMIT} requests / {PERIOD // 60} min")
    print("schedules: " + ", ".join(f"{share:.0%} {kind}" for kind, share in SCHEDULES.items())
          + "; activity: " + ", ".join(f"{share:.0%} {kind}" for kind, share in ACTIVITY.items()))
    print(f"{'':12}{'estimated requests':>20}{'time':>16}{'simulated requests':>22}{'time':>16}")
    for name, simulated in (("first run", first), ("weekly run", weekly)):
        guess = estimated[name]
        print(f"{name:12}{guess.requests:>20,}{duration(guess.seconds):>16}"
              f"{simulated.requests:>22,}{duration(simulated.seconds):>16}")
    print(f"429 answers met in the simulation: {refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
