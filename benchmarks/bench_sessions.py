"""Builds with session files: 5,000 chats and 20,000 session files by default.

    .venv/bin/python benchmarks/bench_sessions.py [--chats N] [--sessions M] [--workdir PATH]

Prints the cold build, a warm build with nothing changed, a rebuild after one
session file's topic is edited, and one after a session file is added: each
with its wall time and which files of the site it wrote. The clock moves on
by the real seconds that passed, as `invoke livereload`'s does.
This is a measurement script, not a test: it fails only if a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import CLOCK, generate_chats  # noqa: E402
from benchmarks.synthetic_sessions import generate_sessions  # noqa: E402
from chatcal.build import build_site  # noqa: E402


def snapshot(output: Path) -> dict[str, int]:
    """Each file of the site and its inode: a file written anew gets a new one."""
    return {str(p.relative_to(output)): p.stat().st_ino for p in output.rglob("*") if p.is_file()}


def timed_build(content: Path, output: Path, started: float) -> tuple[float, dict[str, int]]:
    now = CLOCK + dt.timedelta(seconds=time.perf_counter() - started)
    begin = time.perf_counter()
    if build_site(ROOT, "pelicanconf.py", output, now, content=content):
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
    cold, files = timed_build(content, output, started)
    print(f"cold build: {cold:.2f} s, {len(files)} files")
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
