"""Every chat file of a site, validated one by one and against each other."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from chatcal.chatfile.reader import read_chat
from chatcal.forkmap import fork_map
from chatcal.model import Chat
from chatcal.report import Problem, Report, errors
from chatcal.schedule import rules

OVERLAP_HORIZON = dt.timedelta(days=2 * 366)


@dataclass(frozen=True)
class FileResult:
    """What one file says on its own: its chat (None with errors) and problems."""

    digest: str  # SHA-256 of the file's bytes
    chat: Chat | None
    problems: tuple[Problem, ...]


@dataclass
class Catalog:
    chats: list[Chat] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, FileResult] = field(default_factory=dict)  # by display path, for the next build

    def digest(self, chat: Chat) -> str:
        return self.files[chat.source_path].digest

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    def by_slug(self, slug: str) -> Chat:
        return next(c for c in self.chats if c.slug == slug)


def chat_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.md"))


def load_catalog(directory: Path, root: Path | None = None, paths: list[Path] | None = None,
                 known: dict[str, FileResult] | None = None) -> Catalog:
    """Read the chats of `directory`, checking them against each other.

    With `paths`, only those files' problems are reported, but they are
    checked against every chat of the directory, so checking one new file
    still finds its clash with another. `known` holds a previous build's
    results: a file with the same path and bytes is not read again.
    """
    catalog = Catalog()
    base = (root or Path.cwd()).resolve()
    # The directory is resolved once; resolving each file would be most of the
    # time of a build that reads nothing new.
    files = {path: path for path in chat_files(directory.resolve())}
    files.update((path.resolve(), path) for path in paths or [])
    shown = {resolved: _display(resolved, path, base) for resolved, path in files.items()}
    catalog.files = _read_files([(shown[resolved], path) for resolved, path in sorted(files.items())], known or {})
    wanted = {shown[path.resolve()] for path in paths or []}
    for resolved in sorted(files):
        result = catalog.files[shown[resolved]]
        if not paths or shown[resolved] in wanted:
            catalog.problems.extend(result.problems)
        if result.chat is not None:
            catalog.chats.append(result.chat)
    catalog.problems.extend(p for p in check_hashtags(catalog.chats) if not paths or p.path in wanted)
    catalog.problems.sort(key=lambda p: (p.path, p.line, p.field))
    return catalog


def _read_files(files: list[tuple[str, Path]], known: dict[str, FileResult]) -> dict[str, FileResult]:
    results, todo = {}, []
    for shown, path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        previous = known.get(shown)
        if previous is not None and previous.digest == digest:
            results[shown] = previous
        else:
            todo.append((shown, path, data, digest))

    def read(item) -> FileResult:
        shown, path, data, digest = item
        chat, report = read_chat(path, data, display_path=shown)
        return FileResult(digest, chat, tuple(report.problems))

    results.update((item[0], result) for item, result in zip(todo, fork_map(read, todo)))
    return results


def _display(resolved: Path, given: Path, base: Path) -> str:
    try:
        return str(resolved.relative_to(base))
    except ValueError:
        return str(given)


def check_hashtags(chats: list[Chat]) -> list[Problem]:
    """Active chats sharing a hashtag: an error if sessions overlap, else a warning."""
    groups = defaultdict(list)
    for chat in chats:
        if chat.active:
            groups[chat.hashtag.casefold()].append(chat)
    problems = []
    for group in groups.values():
        for first, second in combinations(sorted(group, key=lambda c: c.slug), 2):
            problems.extend(_compare(first, second))
    return problems


def _compare(first: Chat, second: Chat) -> list[Problem]:
    clash = first_overlap(first, second)
    problems = []
    for chat, other in ((first, second), (second, first)):
        report = Report(chat.source_path)
        line = chat.lines.get("hashtag", 1)
        if clash:
            report.error(line, "hashtag",
                         f"#{chat.hashtag} is also the hashtag of {other.source_path}, and their sessions overlap "
                         f"({clash:%Y-%m-%d %H:%M} UTC): one conversation cannot be two chats; change the time "
                         "or the hashtag, or merge the files")
        else:
            report.warning(line, "hashtag",
                           f"#{chat.hashtag} is also the hashtag of {other.source_path} (their sessions never "
                           "overlap): if they are one chat, merge them into one file with several schedule entries")
        problems.extend(report.problems)
    return problems


def first_overlap(first: Chat, second: Chat) -> dt.datetime | None:
    """The first instant at which sessions of the two chats overlap, if any."""
    start_date = max(min(rules.series_start(e, c.added) for e in c.schedule) for c in (first, second))
    start = dt.datetime.combine(start_date, dt.time(0), tzinfo=rules.UTC) - dt.timedelta(days=1)
    end = start + OVERLAP_HORIZON
    others = rules.sessions(second, start, end)
    for mine in rules.sessions(first, start, end):
        for theirs in others:
            if theirs.start >= mine.end:
                break
            if theirs.end > mine.start:
                return max(mine.start, theirs.start)
    return None
