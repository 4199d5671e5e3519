"""Every chat and session file of a site, validated one by one and against each other."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

from chatcal.chatfile.reader import read_chat
from chatcal.chatfile.sessionfile import read_session
from chatcal.chatfile.sessionrules import check_collisions, check_session
from chatcal.forkmap import fork_map
from chatcal.model import Chat, SessionFile
from chatcal.report import Problem, Report, errors
from chatcal.schedule import rules

OVERLAP_HORIZON = dt.timedelta(days=2 * 366)


@dataclass(frozen=True)
class FileResult:
    """What one file says on its own: its chat (None with errors) and problems."""

    digest: str  # SHA-256 of the file's bytes
    chat: Chat | None
    problems: tuple[Problem, ...]
    session: SessionFile | None = None  # for a session file: what it says on its own
    stamp: tuple[int, int] | None = None  # size and modification time when it was read


# What checking one chat's session files found: its valid files, the problems of them all, and
# the chat with its valid files attached (kept whole, so a rebuild in the same process has the
# very same object, and everything remembered by chat finds it at once).
Attached = tuple[tuple[SessionFile, ...], tuple[Problem, ...], Chat | None]


@dataclass
class Catalog:
    chats: list[Chat] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, FileResult] = field(default_factory=dict)  # by display path, for the next build
    # Each chat's session files as checked, by the digests of the chat and its files, for the next build.
    attached: dict[tuple, Attached] = field(default_factory=dict)
    # Each chat's digest once made: a build asks for it for every page, feed and key.
    _digests: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def digest(self, chat: Chat) -> str:
        """The digest of what the chat is made of: its file, and its session files if any.

        The build keeps feed events, JSON and pages by this digest, so a new,
        changed or deleted session file rebuilds its chat as an edit would.
        """
        known = self._digests.get(chat.source_path)
        if known is None:
            known = self._digests[chat.source_path] = self._made_digest(chat)
        return known

    def _made_digest(self, chat: Chat) -> str:
        own = self.files[chat.source_path].digest
        if not chat.sessions:
            return own
        parts = [own] + [f"{f.source_path}\0{self.files[f.source_path].digest}" for f in chat.sessions]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @property
    def sessions(self) -> list[SessionFile]:
        """Every valid session file, by chat then date."""
        return [file for chat in self.chats for file in chat.sessions]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    def by_slug(self, slug: str) -> Chat:
        return next(c for c in self.chats if c.slug == slug)


def _markdown_in(directory: str) -> list[str]:
    # os.scandir and text, not pathlib: a build lists every file of the site each time.
    try:
        with os.scandir(directory) as entries:
            return sorted(entry.path for entry in entries if entry.name.endswith(".md"))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _session_paths(directory: str) -> list[str]:
    """`<slug>/<date>.md` files of a sessions directory."""
    try:
        with os.scandir(directory) as entries:
            folders = sorted(entry.path for entry in entries if entry.is_dir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [path for folder in folders for path in _markdown_in(folder)]


def load_catalog(directory: Path, root: Path | None = None, paths: list[Path] | None = None,
                 known: dict[str, FileResult] | None = None, sessions: Path | None = None,
                 known_sessions: dict[tuple, Attached] | None = None) -> Catalog:
    """Read the chats of `directory` and the session files of `sessions`
    (default: `sessions/` next to `directory`), checking them against each other.

    With `paths`, only those files' problems are reported, but they are
    checked against every chat of the directory, so checking one new file
    still finds its clash with another. `known` holds a previous build's
    results: a file with the same path and bytes is not read again;
    `known_sessions`, its checked session files (see `_attach_sessions`).
    """
    catalog = Catalog()
    base = str((root or Path.cwd()).resolve())
    chats_dir = directory.resolve()
    sessions_dir = (sessions or directory.parent / "sessions").resolve()
    # The directories are resolved once; resolving each file would be most of
    # the time of a build that reads nothing new.
    listed_sessions = _session_paths(str(sessions_dir))
    files: dict[str, str | Path] = {path: path for path in _markdown_in(str(chats_dir)) + listed_sessions}
    given = {str(path.resolve()): path for path in paths or []}
    files.update(given)
    shown = {resolved: _display(resolved, path, base) for resolved, path in files.items()}
    is_session = {shown[path] for path in listed_sessions}
    is_session.update(shown[path] for path in given if _is_session(Path(path), sessions_dir))
    in_order = sorted(files)
    catalog.files = _read_files([(shown[resolved], resolved) for resolved in in_order], known or {}, is_session)
    wanted = {shown[path] for path in given}
    for resolved in in_order:
        result = catalog.files[shown[resolved]]
        if not paths or shown[resolved] in wanted:
            catalog.problems.extend(result.problems)
        if result.chat is not None:
            catalog.chats.append(result.chat)
    slugs = sorted(os.path.basename(path).removesuffix(".md") for path in files if shown[path] not in is_session)
    found = _attach_sessions(catalog, slugs, _display(str(chats_dir), directory, base), known_sessions or {})
    catalog.problems.extend(p for p in found + check_hashtags(catalog.chats) if not paths or p.path in wanted)
    catalog.problems.sort(key=lambda p: (p.path, p.line, p.field))
    return catalog


def _is_session(path: Path, sessions_dir: Path) -> bool:
    return path.parent.parent == sessions_dir or path.parent.parent.name == "sessions"


def _attach_sessions(catalog: Catalog, slugs: list[str], chats_dir: str,
                     known: dict[tuple, Attached]) -> list[Problem]:
    """Check each session file against its chat, and give each chat its valid ones.

    A chat whose file and session files are the bytes a previous build checked
    (`known`, by their digests) takes that build's answer: checking 20,000
    session files again would be most of a rebuild's time.
    """
    chats = {chat.slug: chat for chat in catalog.chats}
    by_chat: dict[str, list[tuple[str, FileResult]]] = defaultdict(list)
    for path, result in sorted(catalog.files.items()):
        if result.session is not None:
            by_chat[result.session.chat].append((path, result))
    problems: list[Problem] = []
    for slug, items in by_chat.items():
        chat = chats.get(slug)
        key = (catalog.files[chat.source_path].digest, tuple((path, r.digest) for path, r in items)) if chat else None
        found = known.get(key) if key else None
        if found is None:
            found = _check_sessions_of(chat, items, slugs, chats_dir)
        if key:
            catalog.attached[key] = found
        _, chat_problems, attached = found
        if attached is not None:
            chats[slug] = attached
        problems.extend(chat_problems)
    catalog.chats = [chats[chat.slug] for chat in catalog.chats]
    return problems


def _check_sessions_of(chat: Chat | None, items: list[tuple[str, FileResult]], slugs: list[str],
                       chats_dir: str) -> Attached:
    """One chat's session files checked against it and each other: the valid ones, and every problem."""
    reports: dict[str, Report] = {}

    def report_for(path: str) -> Report:
        return reports.setdefault(path, Report(path))

    kept: dict[tuple[str, object], SessionFile] = {}
    for path, result in items:
        file = check_session(result.session, chat, slugs, chats_dir, report_for(path))
        if file is None:
            continue
        twin = kept.get((file.entry, file.date))
        if twin is not None:
            report_for(path).error(1, "file", f"{twin.source_path} describes the same session (entry `{file.entry}`, "
                                              f"`{file.date}`): keep one file per session")
            continue
        kept[(file.entry, file.date)] = file
    sessions: tuple[SessionFile, ...] = ()
    if kept and chat is not None:
        attached = replace(chat, sessions=tuple(sorted(kept.values(), key=lambda f: (f.date, f.entry))))
        bad = check_collisions(attached, report_for)
        sessions = tuple(f for f in attached.sessions if f.source_path not in bad)
    problems = tuple(problem for report in reports.values() for problem in report.problems)
    return sessions, problems, replace(chat, sessions=sessions) if chat is not None and sessions else None


def _read_files(files: list[tuple[str, str]], known: dict[str, FileResult],
                is_session: set[str] = frozenset()) -> dict[str, FileResult]:
    results, todo = {}, []
    for shown, path in files:
        previous = known.get(shown)
        stamp = _stamp(path)
        if previous is not None and previous.stamp == stamp:  # as the previous build read it: not read again
            results[shown] = previous
            continue
        with open(path, "rb") as stream:
            data = stream.read()
        digest = hashlib.sha256(data).hexdigest()
        if previous is not None and previous.digest == digest:
            results[shown] = replace(previous, stamp=stamp)
        else:
            todo.append((shown, path, data, digest, stamp))

    def read(item) -> FileResult:
        shown, path, data, digest, stamp = item
        if shown in is_session:
            session, report = read_session(Path(path), data, display_path=shown)
            return FileResult(digest, None, tuple(report.problems), session, stamp)
        chat, report = read_chat(Path(path), data, display_path=shown)
        return FileResult(digest, chat, tuple(report.problems), stamp=stamp)

    results.update((item[0], result) for item, result in zip(todo, fork_map(read, todo)))
    return results


def _stamp(path: str) -> tuple[int, int]:
    """A file's size and modification time: while both stay, its bytes are taken to be the same,
    as make and other build tools do."""
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


def _display(resolved: str, given: str | Path, base: str) -> str:
    # Text, not Path.relative_to: a build shows the path of every file it reads.
    text, prefix = resolved, base.rstrip(os.sep) + os.sep
    return text[len(prefix):] if text.startswith(prefix) else str(given)


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
