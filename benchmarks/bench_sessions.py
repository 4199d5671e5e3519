"""Builds with session files: 5,000 chats and 20,000 session files by default.

    .venv/bin/python benchmarks/bench_sessions.py [--chats N] [--sessions M] [--workdir PATH]

Prints the cold build, a warm build with nothing changed, a rebuild after one
session file's topic is edited, and one after a session file is added: each
with its wall time and which files of the site it wrote. The builds run in
one process that keeps its build cache in memory, as `invoke livereload`
does, and the clock moves on by the real seconds that passed, as its does.
Before each build the previous one's cache is saved (in the background, as
livereload saves it while the editor types). Last, the same edit rebuilt by
a new process, as `invoke build` does: it loads the cache from disk.
This is a measurement script, not a test: it fails only if a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import CLOCK, generate_chats  # noqa: E402
from benchmarks.synthetic_sessions import generate_sessions  # noqa: E402
from chatcal.build import WarmCache, build_site  # noqa: E402

WARM = WarmCache()  # this process's builds, as `invoke livereload`'s


def snapshot(output: Path) -> dict[str, int]:
    """Each file of the site and its inode: a file written anew gets a new one."""
    return {str(p.relative_to(output)): p.stat().st_ino for p in output.rglob("*") if p.is_file()}


def timed_build(content: Path, output: Path, started: float) -> tuple[float, dict[str, int]]:
    WARM.wait()  # the previous build's cache is saved
    now = CLOCK + dt.timedelta(seconds=time.perf_counter() - started)
    begin = time.perf_counter()
    if build_site(ROOT, "pelicanconf.py", output, now, content=content, warm=WARM):
        raise SystemExit("the build failed")
    return time.perf_counter() - begin, snapshot(output)


def written(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, inode in after.items() if before.get(name) != inode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=20000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chatcal-bench-sessions-"))
    content, output = work / "content", work / "output"
    os.environ["CHATCAL_CACHE_DIR"] = str(work / "cache")
    if not (content / "chats").exists():
        generate_chats(content / "chats", args.chats)
        made = generate_sessions(content, args.sessions)
        print(f"{args.chats} chats, {made} session files in {content}")
    started = time.perf_counter()
    cached = any((work / "cache").glob("*.pickle"))
    cold, files = timed_build(content, output, started)
    first = "first build (an earlier run's cache, used if made by the same code)" if cached else "cold build"
    print(f"{first}: {cold:.2f} s, {len(files)} files")
    warm, after = timed_build(content, output, started)
    print(f"warm build, nothing changed: {warm:.2f} s, {len(written(files, after))} files written")

    if not any((content / "sessions").rglob("*.md")):
        return
    edited = sorted((content / "sessions").rglob("*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("topic: \"", "topic: \"Edited: ", 1), encoding="utf-8")
    edit, files = timed_build(content, output, started)
    changed = written(after, files)
    print(f"one session file edited ({edited.relative_to(content)}): {edit:.2f} s, {len(changed)} files written:")
    print("  " + " ".join(changed))

    chat = edited.parent.name
    session = next(p for p in sorted((content / "sessions").iterdir()) if p.name != chat)
    added = _add_session(content, session.name, session)
    add, after = timed_build(content, output, started)
    changed = written(files, after)
    print(f"one session file added ({added.relative_to(content)}): {add:.2f} s, {len(changed)} files written:")
    print("  " + " ".join(changed))

    WARM.wait()
    added.write_text(added.read_text(encoding="utf-8").replace("A topic added", "A topic edited"), encoding="utf-8")
    in_build, whole = _new_process_build(content, output, started)
    print(f"the added file edited, rebuilt by a new process: {in_build:.2f} s in build_site, "
          f"{whole:.2f} s with starting Python and importing")
    # Undone, so that another run over the same --workdir measures the same edits.
    edited.write_text(text, encoding="utf-8")
    added.unlink()


def _new_process_build(content: Path, output: Path, started: float) -> tuple[float, float]:
    now = CLOCK + dt.timedelta(seconds=time.perf_counter() - started)
    script = (f"import sys, time, datetime as dt; from pathlib import Path; sys.path.insert(0, {str(ROOT)!r})\n"
              "from chatcal.build import build_site\n"
              "begin = time.perf_counter()\n"
              f"now = dt.datetime.fromisoformat({now.isoformat()!r})\n"
              "status = build_site(Path(sys.argv[1]), 'pelicanconf.py', Path(sys.argv[2]), now, content=Path(sys.argv[3]))\n"
              "print(time.perf_counter() - begin, file=sys.stderr)\n"
              "sys.exit(status)\n")
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(ROOT), str(output), str(content)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=os.environ)
    whole = time.perf_counter() - begin
    if done.returncode:
        raise SystemExit(f"the build failed:\n{done.stderr}")
    return float(done.stderr.strip().splitlines()[-1]), whole


def _add_session(content: Path, slug: str, folder: Path) -> Path:
    """A topic for the next session of `slug` that has no file yet, found with the schedule model."""
    from chatcal.chatfile.catalog import load_catalog
    from chatcal.schedule import rules

    catalog = load_catalog(content / "chats", content)
    chat = catalog.by_slug(slug)
    taken = {p.stem for p in folder.glob("*.md")}
    for session in rules.upcoming(chat, CLOCK, 50):
        name = session.local.date().isoformat() + (f"-{session.entry}" if len(chat.schedule) > 1 else "")
        if name not in taken and session.file is None:
            path = folder / f"{name}.md"
            path.write_text('---\ntopic: "A topic added for the benchmark"\n---\nQ1. Does it rebuild quickly?\n',
                            encoding="utf-8")
            return path
    raise SystemExit(f"no free session date for {slug}")


if __name__ == "__main__":
    main()
