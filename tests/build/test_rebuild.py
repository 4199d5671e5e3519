"""Rebuilds with the build cache give the site a build from scratch gives.

Each case edits the fixture site the way contributors do, rebuilds over the
previous output with its cache, and compares every file with a build of the
same content from scratch; the kept files must really be kept.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from chatcal.build import SiteWriter, WarmCache, build_site
from chatcal.build.cache import cache_file, fingerprint
from tests.support import FIXTURE_CONTENT, FIXTURE_NOW, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate_chats  # noqa: E402


def build(content: Path, output: Path, cache_dir: Path, now: dt.datetime = FIXTURE_NOW,
          warm: WarmCache | None = None) -> None:
    status = build_site(ROOT, "pelicanconf.py", output, now, content=content,
                        overrides={"CHATCAL_CACHE_DIR": str(cache_dir)}, warm=warm)
    assert status == 0


def files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def assert_same_as_from_scratch(content: Path, output: Path, tmp_path: Path, now: dt.datetime = FIXTURE_NOW) -> None:
    fresh, fresh_cache = tmp_path / "fresh", tmp_path / "fresh-cache"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(fresh_cache, ignore_errors=True)
    build(content, fresh, fresh_cache, now)
    rebuilt, expected = files(output), files(fresh)
    assert sorted(rebuilt) == sorted(expected)
    assert [name for name in expected if rebuilt[name] != expected[name]] == []


@pytest.fixture
def site(tmp_path):
    """A copy of the fixture content, built once with a cache."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(content, output, cache)
    return content, output, cache


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "description": lambda chats: _replace(chats / "blogchat.md", "Newcomers are welcome.", "Everyone is welcome."),
    "title": lambda chats: _replace(chats / "blogchat.md", "title: Blog Chat", "title: The Blog Chat"),
    "topic": lambda chats: _replace(chats / "blogchat.md", "topics: [blogging, content marketing]",
                                    "topics: [blogging, writing]"),
    "time": lambda chats: _replace(chats / "blogchat.md", 'at: "21:00"', 'at: "20:30"'),
    # Session files after the new `until`, or before the new `added`, go with the edit.
    "status": lambda chats: (_replace(chats / "pmchat.md", "status: active", "status: ended"),
                             _replace(chats / "pmchat.md", "duration: 60", "duration: 60\n    until: 2026-02-20"),
                             (chats.parent / "sessions/pmchat/2026-03-13.md").unlink()),
    "listed later": lambda chats: (_replace(chats / "blogchat.md", "added: 2026-01-02", "added: 2026-03-05"),
                                   _replace(chats / "blogchat.md", "verified: 2026-01-02", "verified: 2026-03-05"),
                                   (chats.parent / "sessions/blogchat/2026-02-22.md").unlink()),
    "removed chat": lambda chats: ((chats / "blogchat.md").unlink(), shutil.rmtree(chats.parent / "sessions/blogchat")),
    "session topic": lambda chats: _replace(chats.parent / "sessions/blogchat/2026-03-08.md",
                                            "topic: Blogging through the clock change", "topic: Clocks"),
    "session moved": lambda chats: _replace(chats.parent / "sessions/pmchat/2026-03-13.md",
                                            "start: 2026-03-12 14:00", "start: 2026-03-26 14:00"),
    "new session file": lambda chats: (chats.parent / "sessions/utc-noon").mkdir() or (
        chats.parent / "sessions/utc-noon/2026-03-04.md").write_text("---\ntopic: Noon\n---\n", encoding="utf-8"),
    # In the built week (the fixture clock's): the week grids and the UTC calendar page show it moved.
    "session moved this week": lambda chats: (chats.parent / "sessions/utc-noon").mkdir() or (
        chats.parent / "sessions/utc-noon/2026-02-25.md").write_text(
            '---\ntopic: Later today\nstart: "2026-02-25 15:00"\n---\n', encoding="utf-8"),
    "removed session file": lambda chats: (chats.parent / "sessions/kathmandu/2026-03-14.md").unlink(),
    "new chat": lambda chats: (chats / "blogchat-two.md").write_text(
        (chats / "blogchat.md").read_text(encoding="utf-8").replace("hashtag: blogchat", "hashtag: blogchattwo"),
        encoding="utf-8"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_after_an_edit_is_a_build_from_scratch(site, tmp_path, edit):
    content, output, cache = site
    EDITS[edit](content / "chats")
    build(content, output, cache)
    assert_same_as_from_scratch(content, output, tmp_path)


def test_a_description_edit_makes_that_chats_files_only(site):
    content, output, cache = site
    inode = {name: os.stat(output / name).st_ino for name in
             ("chats/blogchat/index.html", "chats/pmchat/index.html", "chats/pmchat.ics", "chats/index.html",
              "topics/blogging/index.html", "calendar/index.html",
              # made again by every build, but the same bytes: left as they were
              "theme/js/site.js", "theme/css/site.css", "robots.txt", "schema/chat.schema.json")}
    EDITS["description"](content / "chats")
    build(content, output, cache)
    after = {name: os.stat(output / name).st_ino for name in inode}
    assert after["chats/blogchat/index.html"] != inode["chats/blogchat/index.html"]
    kept = [name for name in inode if name != "chats/blogchat/index.html"]
    assert {name: after[name] for name in kept} == {name: inode[name] for name in kept}  # the same files
    assert "Everyone is welcome." in (output / "chats/blogchat/index.html").read_text(encoding="utf-8")


def test_a_file_missing_from_the_output_is_made_again(site, tmp_path):
    content, output, cache = site
    (output / "chats/pmchat/index.html").unlink()
    build(content, output, cache)
    assert_same_as_from_scratch(content, output, tmp_path)


def test_a_damaged_cache_is_ignored(site, tmp_path):
    content, output, cache = site
    cache_file(cache, output).write_bytes(b"not a pickle")
    EDITS["title"](content / "chats")
    build(content, output, cache)
    assert_same_as_from_scratch(content, output, tmp_path)


def test_the_fingerprint_follows_code_and_settings(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "module.py").write_text("A = 1\n")
    first = fingerprint({"SITENAME": "chatcal"}, [source])
    assert fingerprint({"SITENAME": "chatcal", "OUTPUT_PATH": "/elsewhere"}, [source]) == first
    assert fingerprint({"SITENAME": "other"}, [source]) != first
    (source / "module.py").write_text("A = 2\n")
    assert fingerprint({"SITENAME": "chatcal"}, [source]) != first


def test_workers_build_the_same_site(tmp_path, monkeypatch):
    """Enough chats for the work to be shared by two processes, and the same files as one."""
    content = tmp_path / "content"
    generate_chats(content / "chats", 300)
    sites = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("CHATCAL_WORKERS", workers)
        sites[workers] = tmp_path / f"output-{workers}"
        build(content, sites[workers], tmp_path / f"cache-{workers}")
    one, two = files(sites["1"]), files(sites["2"])
    assert sorted(one) == sorted(two) and [name for name in one if one[name] != two[name]] == []


# Rebuilds in one process, as `invoke livereload` makes them: the cache stays in memory
# and a child process saves it.

@pytest.fixture
def warm_site(site):
    """The fixture site built once more by a process that goes on building it."""
    content, output, cache = site
    warm = WarmCache()
    build(content, output, cache, warm=warm)
    yield content, output, cache, warm
    warm.wait()


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_in_the_same_process_is_a_build_from_scratch(warm_site, tmp_path, edit):
    content, output, cache, warm = warm_site
    EDITS[edit](content / "chats")
    build(content, output, cache, warm=warm)
    assert_same_as_from_scratch(content, output, tmp_path)


@pytest.mark.parametrize("later", [dt.timedelta(minutes=50), dt.timedelta(hours=7), dt.timedelta(days=1, hours=2),
                                   dt.timedelta(days=4), dt.timedelta(days=9), dt.timedelta(days=40)])
def test_rebuilds_in_the_same_process_follow_the_clock(warm_site, tmp_path, later):
    """Pages remembered with the time until which they hold: each rebuild at a later time is a
    build from scratch at that time (sessions end, cancelled ones pass, the day changes)."""
    content, output, cache, warm = warm_site
    for step in (later / 3, later):
        build(content, output, cache, FIXTURE_NOW + step, warm=warm)
    assert_same_as_from_scratch(content, output, tmp_path, FIXTURE_NOW + later)


def test_the_cache_a_rebuild_saves_in_the_background_serves_a_new_process(warm_site, tmp_path):
    content, output, cache, warm = warm_site
    EDITS["session topic"](content / "chats")
    build(content, output, cache, warm=warm)
    warm.wait()
    kept = os.stat(output / "chats/pmchat/index.html").st_ino
    EDITS["description"](content / "chats")
    build(content, output, cache)  # a new process: the cache from disk
    assert os.stat(output / "chats/pmchat/index.html").st_ino == kept
    assert_same_as_from_scratch(content, output, tmp_path)


def test_a_failed_rebuild_forgets_the_cache_in_memory(warm_site, tmp_path, monkeypatch):
    content, output, cache, warm = warm_site

    def fails(self, outputs):
        raise RuntimeError("a template failed")

    EDITS["title"](content / "chats")
    with monkeypatch.context() as patch:
        patch.setattr(SiteWriter, "_write_search_words", fails)
        assert build_site(ROOT, "pelicanconf.py", output, FIXTURE_NOW, content=content,
                          overrides={"CHATCAL_CACHE_DIR": str(cache)}, warm=warm) == 1
    assert warm.cache is None
    build(content, output, cache, warm=warm)
    assert_same_as_from_scratch(content, output, tmp_path)
