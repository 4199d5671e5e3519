"""One session file to a validated `SessionFile`, or every problem it has on its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from chatcal.chatfile.format import SESSION
from chatcal.chatfile.values import INVALID, Values, read_front_matter
from chatcal.model import Host, SessionFile
from chatcal.report import Report

NAME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-([a-z0-9][a-z0-9-]{0,19}))?")
NAME_FORM = "`YYYY-MM-DD.md` or `YYYY-MM-DD-<entry id>.md`, the session's scheduled date in its entry's zone"


def read_session(path: Path, data: bytes | None = None,
                 display_path: str | None = None) -> tuple[SessionFile | None, Report]:
    """Read and validate a session file on its own; the chat's rules are the catalog's.

    The result is None when the file has errors.
    """
    report = Report(display_path or str(path))
    if data is None:
        data = path.read_bytes()
    name = path.name.removesuffix(".md")
    date, entry = _parse_name(path.name, report)
    source, values = read_front_matter(data, SESSION, report)
    if values is None or values is INVALID:
        return None, report
    _check_fields(values, date, report)
    if report.has_errors or date is None:
        return None, report
    return _build(path.parent.name, name, date, entry, values, source.body, report.path), report


def _parse_name(file_name: str, report: Report) -> tuple[dt.date | None, str | None]:
    match = NAME.fullmatch(file_name.removesuffix(".md")) if file_name.endswith(".md") else None
    if not match:
        report.error(1, "file", f"file name `{file_name}` is not a session date: expected {NAME_FORM}")
        return None, None
    try:
        return dt.date.fromisoformat(match[1]), match[2]
    except ValueError as error:
        report.error(1, "file", f"file name `{file_name}` is not a session date ({error}): "
                                f"expected {NAME_FORM}; rename it")
        return None, None


def _check_fields(values: Values, date: dt.date | None, report: Report) -> None:
    """Rules between the fields of one session file."""
    if values["status"] == "cancelled":
        for name in ("start", "duration", "extra"):
            if name in values.lines and (name != "extra" or values["extra"]):
                report.error(values.line_of(name), name,
                             f"a cancelled session has no `{name}`: remove it, or remove `status: cancelled` "
                             "to hold the session")
        return
    if values["topic"] is None:
        what = "an extra session needs one" if values["extra"] else "say what the session is about"
        report.error(values.line, "topic", f"missing: {what}; add `topic:` (1-120 characters), "
                                           "or `status: cancelled` to cancel the session")
    start = values["start"]
    if values["extra"] and start is not None and date is not None and start.date() != date:
        report.error(values.line_of("start"), "start",
                     f"an extra session starts on its file's date `{date}`, found `{start:%Y-%m-%d %H:%M}`: "
                     f"write `start: \"{date} {start:%H:%M}\"` or rename the file to `{start:%Y-%m-%d}.md`")


def _build(slug: str, name: str, date: dt.date, entry: str | None, values: Values, body: str,
           path: str) -> SessionFile:
    hosts = tuple(Host(**{k: h[k] for k in ("name", "handle", "platform", "url")}) for h in values["hosts"])
    return SessionFile(
        chat=slug, name=name, date=date, entry=entry,
        topic=values["topic"], hosts=hosts, link=values["link"], recap=values["recap"],
        status=values["status"], note=values["note"], start=values["start"], duration=values["duration"],
        extra=values["extra"], questions=body.strip("\n"), source_path=path,
        lines={key: values.line_of(key) for key in ("status", "start", "extra", "duration")} | {"front": values.line},
    )
