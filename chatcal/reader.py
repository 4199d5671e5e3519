"""One chat file to a validated `Chat`, or every problem with it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from . import schedule
from .format import CHAT, ENTRY
from .frontmatter import ChatSource, Sequence, read_chat_source
from .model import Chat, Entry, Host, Topic
from .report import Report
from .types import INVALID, WEEKDAYS, Context, Values, convert_reporting

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
    source = read_chat_source(data)
    for line, field, message in source.errors:
        report.error(line, field, message)
    if source.front is None:
        return None, report
    values = CHAT.convert(source.front, Context(report, source))
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


def check_entry_rules(entries: list[tuple[Entry, Values]], added: dt.date, status: str, report: Report) -> None:
    """Rules that tie fields of a chat's schedule entries together."""
    seen_ids: dict[str, str] = {}
    for entry, raw in entries:
        field = f"schedule[{raw.position}]"
        if entry.id in seen_ids:
            report.error(raw.line_of("id"), f"{field}.id",
                         f"entry id `{entry.id}` is already used by {seen_ids[entry.id]}: give each entry its own `id`")
        seen_ids.setdefault(entry.id, field)
        _check_entry(entry, raw, field, added, status, report)


def _check_entry(entry: Entry, raw: Values, field: str, added: dt.date, status: str, report: Report) -> None:
    ordinal_days = [d for d in entry.on if d.ordinal is not None]
    plain_days = [d for d in entry.on if d.ordinal is None]
    if entry.monthly and plain_days:
        report.error(raw.line_of("on"), f"{field}.on",
                     f"expected an ordinal and a weekday for `every: month` (`first {plain_days[0].name}`), "
                     f"found `{plain_days[0].name}`: write `first {plain_days[0].name}`, or `every: week` for a weekly chat")
        return
    if not entry.monthly and ordinal_days:
        report.error(raw.line_of("on"), f"{field}.on",
                     f"expected a weekday for a weekly entry, found `{ordinal_days[0].name}`: "
                     f"an ordinal needs `every: month`; for weekly write `{WEEKDAYS[ordinal_days[0].weekday]}`")
        return
    if entry.interval > 1 and entry.start is None:
        report.error(entry.line, f"{field}.from",
                     f"missing: `every: {entry.interval} weeks` needs `from`, the date of the first session, "
                     f"to know which weeks are on: add `from: YYYY-MM-DD` (a {_day_names(entry)})")
        return
    if entry.start and not _on_rule(entry, entry.start):
        report.error(raw.line_of("from"), f"{field}.from",
                     f"`{entry.start}` is a {entry.start.strftime('%A')}, not a day this entry meets on "
                     f"({_day_names(entry)}): {_nearest(entry, added, entry.start, 'use')}")
        return
    start = schedule.series_start(entry, added)
    first = schedule.first_date(entry, entry.on, added)
    if entry.until and entry.until < start:
        report.error(raw.line_of("until"), f"{field}.until",
                     f"`{entry.until}` is before the series starts ({_start_name(entry)} `{start}`): fix the date")
    elif entry.until and first is None:
        first_ever = schedule.first_date(replace(entry, until=None), entry.on, added)
        report.error(raw.line_of("until"), f"{field}.until",
                     f"`{entry.until}` is before the series starts (first session `{first_ever}`): fix the date")
    if status in ("hiatus", "ended") and entry.until is None:
        report.error(entry.line, f"{field}.until",
                     f"missing: a chat with `status: {status}` needs `until` on every schedule entry, "
                     "the date of its last session: add `until: YYYY-MM-DD`")
    places = dict(zip(raw["skip"], raw["skip"].places)) if raw["skip"] else {}
    for date in entry.skip:
        line, suffix = places.get(date, (raw.line_of("skip"), ""))
        problem = _skip_problem(entry, added, date, start, first)
        if problem:
            report.error(line, f"{field}.skip{suffix}", problem)


def _start_name(entry: Entry) -> str:
    return "from" if entry.start else "added"


def _on_rule(entry: Entry, date: dt.date) -> bool:
    """Whether `date` fits the entry's weekdays (or ordinals), bounds aside."""
    anchor = entry.start or date
    return next(schedule.rule_dates(entry, entry.on, anchor, date, date), None) == date


def _skip_problem(entry: Entry, added: dt.date, date: dt.date, start: dt.date, first: dt.date | None) -> str | None:
    if date < start or (first and date < first):
        use = f" or use `{first}`" if first and _on_rule(entry, first) else ""
        return f"`{date}` is before the series starts ({_start_name(entry)} `{start}`): remove it{use}"
    if entry.until and date > entry.until:
        return f"`{date}` is after the series ends (until `{entry.until}`): remove it"
    if not schedule.meets_on(entry, added, date):
        return (f"`{date}` is not a session of this entry ({_day_names(entry)}): "
                f"{_nearest(entry, added, date, 'remove it or use')}")
    return None


def _day_names(entry: Entry) -> str:
    names = " or ".join(d.name for d in entry.on)
    if entry.interval > 1:
        names += f", every {entry.interval} weeks" + (f" from {entry.start}" if entry.start else "")
    return names


def _nearest(entry: Entry, added: dt.date, date: dt.date, verb: str) -> str:
    window = dt.timedelta(days=7 * max(entry.interval, 5))
    start = entry.start or added
    candidates = [
        d for d in schedule.rule_dates(entry, entry.on, start, date - window, date + window) if d != date
    ]
    if entry.until:
        candidates = [d for d in candidates if d <= entry.until]
    before = [d for d in candidates if d < date][-1:]
    after = [d for d in candidates if d > date][:1]
    options = [f"`{d}`" for d in before + after]
    return f"{verb} {' or '.join(options)}" if options else "fix the date"
