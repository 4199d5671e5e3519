"""Rules that tie several fields of a chat file together: entry ids, weekdays
against `every`, `from`, `until`, `skip` and the chat's status.

Single fields are checked by their value types (`values.py`); these rules run
on the converted entries and report with the same `path:line: field` form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from chatcal.chatfile.values import Values
from chatcal.model import WEEKDAYS, Entry
from chatcal.report import Report
from chatcal.schedule import rules


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
    start = rules.series_start(entry, added)
    first = rules.first_date(entry, entry.on, added)
    if entry.until and entry.until < start:
        report.error(raw.line_of("until"), f"{field}.until",
                     f"`{entry.until}` is before the series starts ({_start_name(entry)} `{start}`): fix the date")
    elif entry.until and first is None:
        first_ever = rules.first_date(replace(entry, until=None), entry.on, added)
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
    return next(rules.rule_dates(entry, entry.on, anchor, date, date), None) == date


def _skip_problem(entry: Entry, added: dt.date, date: dt.date, start: dt.date, first: dt.date | None) -> str | None:
    if date < start or (first and date < first):
        use = f" or use `{first}`" if first and _on_rule(entry, first) else ""
        return f"`{date}` is before the series starts ({_start_name(entry)} `{start}`): remove it{use}"
    if entry.until and date > entry.until:
        return f"`{date}` is after the series ends (until `{entry.until}`): remove it"
    if not rules.meets_on(entry, added, date):
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
        d for d in rules.rule_dates(entry, entry.on, start, date - window, date + window) if d != date
    ]
    if entry.until:
        candidates = [d for d in candidates if d <= entry.until]
    before = [d for d in candidates if d < date][-1:]
    after = [d for d in candidates if d > date][:1]
    options = [f"`{d}`" for d in before + after]
    return f"{verb} {' or '.join(options)}" if options else "fix the date"
