"""One chat file to a validated `Chat`, or every problem with it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from chatcal.chatfile.format import CHAT, ENTRY
from chatcal.chatfile.frontmatter import ChatSource, Sequence
from chatcal.chatfile.rules import check_entry_rules
from chatcal.chatfile.values import INVALID, Context, Values, convert_reporting, read_front_matter
from chatcal.model import Chat, Entry, Host, Topic
from chatcal.report import Report

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def read_chat(path: Path, data: bytes | None = None, display_path: str | None = None) -> tuple[Chat | None, Report]:
    """Read and validate a chat file; the chat is None when it has errors."""
    report = Report(display_path or str(path))
    if data is None:
        data = path.read_bytes()
    slug = path.name.removesuffix(".md")
    if not SLUG.fullmatch(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-chat"
        report.error(1, "file", f"file name `{path.name}` is not a valid slug: expected lowercase ASCII "
                                f"letters, digits and single hyphens; rename it to `{suggestion}.md`")
    source, values = read_front_matter(data, CHAT, report)
    if values is None:
        return None, report
    if not source.body.strip():
        report.error(source.body_line, "description",
                     "description is empty: write a few sentences about the chat in Markdown below the closing `---`")
    if values is not INVALID:
        chat = _build(slug, values, source, report)
        entries, added, status = list(zip(chat.schedule, values["schedule"])), chat.added, chat.status
    else:
        # Still check the entries that are valid, so one run shows every problem.
        chat, (entries, added, status) = None, _valid_parts(source)
    if added is not None:
        check_entry_rules(entries, added, status, report)
    return (None if report.has_errors else chat), report


def _valid_parts(source: ChatSource) -> tuple[list[tuple[Entry, Values]], dt.date | None, str]:
    """The valid schedule entries, `added` and `status` of a chat with errors.

    Converted again against a scratch report: their problems are already reported.
    """
    context = Context(Report("scratch"), source)

    def value(name: str):
        spec = CHAT.fields[name]
        if name not in source.front.entries:
            return spec.default
        converted = convert_reporting(spec.type, source.front.entries[name][1], context)
        return None if converted is INVALID else converted

    entries = []
    schedule_node = source.front.entries.get("schedule", (0, None))[1]
    nodes = schedule_node.items if isinstance(schedule_node, Sequence) else [schedule_node] if schedule_node else []
    for position, node in enumerate(nodes, start=1):
        converted = convert_reporting(ENTRY, node, context)
        if converted is not INVALID:
            entries.append((_entry(converted, position), converted))
    return entries, value("added"), value("status") or "active"



def _build(slug: str, values: Values, source: ChatSource, report: Report) -> Chat:
    entries = tuple(
        _entry(item, position) for position, item in enumerate(values["schedule"], start=1)
    )
    hosts = tuple(Host(**{k: h[k] for k in ("name", "handle", "platform", "url")}) for h in values["hosts"])
    return Chat(
        slug=slug,
        title=values["title"],
        hashtag=values["hashtag"],
        schedule=entries,
        added=values["added"],
        description=source.body.strip("\n"),
        platforms=tuple(values["platforms"]),
        topics=tuple(Topic(t) for t in values["topics"]),
        language=values["language"],
        hosts=hosts,
        website=values["website"],
        archive=values["archive"],
        status=values["status"],
        verified=values["verified"],
        source_path=report.path,
        lines={"hashtag": values.line_of("hashtag"), "status": values.line_of("status"),
               "schedule": values.line_of("schedule"), "body": source.body_line},
    )


def _entry(values: Values, position: int) -> Entry:
    values.position = position
    every, interval = values["every"]
    return Entry(
        id=values["id"] or str(position),
        every=every,
        interval=interval,
        on=tuple(values["on"]),
        at=values["at"],
        timezone=values["timezone"],
        duration=values["duration"],
        start=values["from"],
        until=values["until"],
        skip=tuple(sorted(values["skip"])),
        label=values["label"],
        line=values.line,
    )
