"""Rows to chat files: each row checked, converted and written, duplicates and failures reported."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from chatcal.chatfile.format import PLATFORMS
from chatcal.chatfile.frontmatter import Scalar, read_chat_source
from chatcal.chatfile.writer import (
    render_chat_file,
    slugify_for_file,
    validation_errors,
    write_new_file,
)
from chatcal.tools.importer.schedules import interpret_schedule
from chatcal.tools.importer.sheet import read_rows, resolve_columns


@dataclass(frozen=True)
class ExistingChat:
    slug: str
    hashtag: str
    source_path: str


@dataclass
class Written:
    row: int
    path: Path
    hashtag: str
    title: str
    notes: list[str] = field(default_factory=list)


@dataclass
class Duplicate:
    row: int
    hashtag: str
    reason: str


@dataclass
class NotConverted:
    row: int
    reason: str


@dataclass
class ImportResult:
    dry_run: bool
    source_name: str = "the spreadsheet"
    written: list[Written] = field(default_factory=list)  # would-write, on a dry run
    duplicates: list[Duplicate] = field(default_factory=list)
    not_converted: list[NotConverted] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)


def existing_chats_in(chats_dir: Path) -> list[ExistingChat]:
    """Slug and hashtag of every chat file, valid or not: a broken file still owns its tag."""
    found = []
    for path in sorted(chats_dir.glob("*.md")):
        source = read_chat_source(path.read_bytes())
        tag = source.front.entries.get("hashtag") if source.front else None
        text = tag[1].text.strip().lstrip("#") if tag and isinstance(tag[1], Scalar) else ""
        found.append(ExistingChat(path.stem, text, _shown_path(path, None)))
    return found


def import_rows(rows: list[dict], mapping: dict | str | None, existing_chats: Iterable, today: dt.date,
                chats_dir: Path, dry_run: bool, source_name: str = "the spreadsheet") -> ImportResult:
    """Turn spreadsheet rows into chat files in `chats_dir`.

    `existing_chats` are objects with `slug` and `hashtag` (`Chat`s, or
    `existing_chats_in(chats_dir)`). Rows are numbered as in the spreadsheet:
    the header is row 1. Nothing is written on a dry run; no file is ever
    overwritten.
    """
    result = ImportResult(dry_run=dry_run, source_name=source_name)
    if not rows:
        return result
    headers = list(dict.fromkeys(key for row in rows for key in row))
    columns = resolve_columns(headers, mapping)
    used = {h for chosen in columns.values() for h in chosen}
    result.unused_columns = [h for h in headers if h and h not in used]
    existing_chats = list(existing_chats)
    tags = {chat.hashtag.casefold(): _where(chat) for chat in existing_chats if chat.hashtag}
    slugs = {chat.slug: _where(chat) for chat in existing_chats}
    for index, row in enumerate(rows):
        number = index + 2
        values = {name: _cell(row, chosen) for name, chosen in columns.items()}
        if not any(values.values()):
            continue  # a blank line between blocks of the sheet
        outcome = _import_row(number, values, tags, slugs, today, chats_dir, dry_run, source_name)
        if isinstance(outcome, Written):
            result.written.append(outcome)
            tags[outcome.hashtag.casefold()] = f"row {number}"
            slugs[outcome.path.stem] = f"row {number}"
        elif isinstance(outcome, Duplicate):
            result.duplicates.append(outcome)
        else:
            result.not_converted.append(outcome)
    return result


def _where(chat) -> str:
    return getattr(chat, "source_path", "") or f"{chat.slug}.md"


def _cell(row: dict, columns: list[str]) -> str:
    """The text of a field: its columns' cells joined (a "Day" and a "Time" column)."""
    return " ".join(_clean(row.get(c) or "").strip() for c in columns if (row.get(c) or "").strip())


def _clean(text: str) -> str:
    """Cell text without control characters (but with its line breaks)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").replace("\t", " ")


def _import_row(number: int, values: dict, tags: dict, slugs: dict, today: dt.date, chats_dir: Path,
                dry_run: bool, source_name: str) -> Written | Duplicate | NotConverted:
    hashtag = values["hashtag"].strip().lstrip("#").strip()
    if not hashtag:
        return NotConverted(number, "no hashtag")
    title = " ".join(values["title"].split())
    notes = []
    if not title:
        title = f"#{hashtag}"
        notes.append(f"no title: '{title}' used")
    slug = _slug(hashtag, title)
    if slug is None:
        return NotConverted(number, f"no ASCII letters or digits in '#{hashtag}' or '{title}' for a file name")
    if hashtag.casefold() in tags:
        return Duplicate(number, hashtag, f"#{hashtag} is already listed in {tags[hashtag.casefold()]}")
    path = chats_dir / f"{slug}.md"
    if slug in slugs or path.exists():
        return Duplicate(number, hashtag, f"file name {slug}.md already taken ({slugs.get(slug) or path})")
    parsed = interpret_schedule(values["schedule"], values["timezone"] or None, today)
    if parsed.entry is None:
        return NotConverted(number, parsed.reason)
    fields = {"title": title, "hashtag": hashtag, "schedule": [parsed.entry], "status": "active", "added": today}
    notes += parsed.notes
    for name, convert in (("platforms", _platforms), ("topics", _topics), ("hosts", _hosts), ("website", _website)):
        if values[name]:
            fields[name] = convert(values[name], notes)
    # The default names the source row, and does not start with the title: `#tag` would be a heading.
    description = _clean(values["description"]).strip() or (
        f"Imported from row {number} of {source_name}; no description yet.")
    text = render_chat_file(fields, description)
    problems = validation_errors(path, text, display_path=f"row {number}")
    if problems:
        return NotConverted(number, "; ".join(problems))
    if not dry_run:
        try:
            write_new_file(path, text)
        except FileExistsError:  # written by someone else since the check above
            return Duplicate(number, hashtag, f"file name {slug}.md already taken ({path})")
    return Written(number, path, hashtag, title, notes)


def _slug(hashtag: str, title: str) -> str | None:
    """The file name: from the hashtag, which names the chat everywhere; else the title."""
    for text in (hashtag, title):
        try:
            return slugify_for_file(text)
        except ValueError:
            continue
    return None


_PLATFORM_WORDS = {"twitter": "x", "x": "x", "tweetchat": "x", "mastodon": "mastodon", "fediverse": "mastodon",
                   "bluesky": "bluesky", "bsky": "bluesky", **{p: p for p in PLATFORMS}}


def _platforms(text: str, notes: list[str]) -> list[str]:
    """`Twitter/X, Mastodon` -> [x, mastodon]; `X (Twitter)`, `Twitter Spaces` -> [x].

    A name with no known platform in it is `other`, with a note.
    """
    found = []
    for name in re.split(r"[,;/&+]|\band\b", text.lower()):
        words = re.findall(r"[a-z0-9]+", name)
        platforms = [_PLATFORM_WORDS[w] for w in words if w in _PLATFORM_WORDS]
        if words and not platforms:
            notes.append(f"platform '{' '.join(name.split())}' not in the format: written as 'other'")
            platforms = ["other"]
        found.extend(platforms)
    return list(dict.fromkeys(found))  # `Twitter/X` names one platform twice


def _topics(text: str, notes: list[str]) -> list[str]:
    """Comma- or semicolon-separated, lowercase, at most 8 of at most 40 characters."""
    topics = []
    for part in re.split(r"[,;\n]", text):
        topic = " ".join(part.lower().split())
        if not topic or topic in topics:
            continue
        if len(topic) > 40:
            notes.append(f"topic '{topic[:40]}...' left out: longer than 40 characters")
            continue
        topics.append(topic)
    if len(topics) > 8:
        notes.append(f"topics after the 8th left out: {', '.join(topics[8:])}")
    return topics[:8]


def _hosts(text: str, notes: list[str]) -> list:
    """`Jane Example (@jane), @bob` -> [{name, handle}, "@bob"]."""
    hosts = []
    for part in re.split(r"[,;\n]|\band\b|&", text):
        part = " ".join(part.split())
        if not part:
            continue
        named = re.fullmatch(r"(.+?)\s*\((@\S+)\)", part)
        if named:
            hosts.append({"name": named[1][:80], "handle": named[2][:100]})
        elif re.fullmatch(r"@\S{1,99}", part):
            hosts.append(part)
        else:
            if len(part) > 80:
                notes.append(f"host '{part[:40]}...' shortened to 80 characters")
            hosts.append({"name": part[:80]})
    return hosts


def _website(text: str, notes: list[str]) -> str | None:
    """An http(s) URL; `www.example.org` gets `https://`; anything else is left out."""
    url = text.strip()
    if re.fullmatch(r"(?i)https?://[^\s/]+\.[^\s]+", url):
        return url
    if re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", url):
        notes.append(f"website '{url}' written as https://{url}")
        return f"https://{url}"
    notes.append(f"website '{url}' left out: not an http(s) URL")
    return None


# ---------------------------------------------------------------------------
# The whole run, and its report


def run_import(source: str | Path, chats_dir: Path, today: dt.date, mapping: str | dict | None = None,
               dry_run: bool = False, fetch: Callable = requests.get) -> ImportResult:
    """Read `source` and import its rows into `chats_dir` (raises ImportFailure)."""
    rows = read_rows(source, fetch)
    name = str(source) if isinstance(source, str) and "://" in source else Path(source).name
    return import_rows(rows, mapping, existing_chats_in(chats_dir), today, chats_dir, dry_run, source_name=name)


def format_report(result: ImportResult, root: Path | None = None) -> str:
    """A summary for the terminal: what was (or would be) written, skipped and left out."""
    verb = "Would write" if result.dry_run else "Wrote"
    heading = f"{verb} {_count(len(result.written), 'chat file')} from {result.source_name}"
    if result.dry_run:
        heading += " (dry run: nothing written)"
    lines = [heading + (":" if result.written else "")]
    for written in result.written:
        lines.append(f"  row {written.row}: {_shown_path(written.path, root)}  #{written.hashtag}")
        lines.extend(f"      note: {note}" for note in written.notes)
    if result.duplicates:
        lines.append(f"Skipped {_count(len(result.duplicates), 'duplicate')}:")
        lines.extend(f"  row {d.row}: {d.reason}" for d in result.duplicates)
    if result.not_converted:
        lines.append(f"Could not convert {_count(len(result.not_converted), 'row')} (write these by hand):")
        lines.extend(f"  row {n.row}: {n.reason}" for n in result.not_converted)
    if result.unused_columns:
        lines.append(f"Columns not used: {', '.join(result.unused_columns)}")
    return "\n".join(lines) + "\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _shown_path(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
