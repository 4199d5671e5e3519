"""Writing session files: front matter and questions in the exact format.

The counterpart of `sessionfile.py`, as `writer.py` is of `reader.py`: keys
in the order `format.py` declares them, values plain only when every YAML
reader gives back the same text, and never over an existing file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chatcal.chatfile.format import SESSION
from chatcal.chatfile.sessionfile import read_session
from chatcal.chatfile.writer import body_text, double_quoted, is_empty, mapping_lines, write_new_file
from chatcal.report import errors


def session_file_name(date: dt.date, entry: str | None = None) -> str:
    """`2026-12-06.md`, or `2026-12-06-apac.md` when the file names its entry."""
    return f"{date.isoformat()}{f'-{entry}' if entry else ''}.md"


def session_path(sessions_dir: Path, slug: str, date: dt.date, entry: str | None = None) -> Path:
    return sessions_dir / slug / session_file_name(date, entry)


def render_session_file(fields: dict, questions: str = "") -> str:
    """The text of a session file with these front matter fields and questions.

    Values are as `render_chat_file` takes them, plus `start` (a datetime or
    `YYYY-MM-DD HH:MM` text) and `extra` (a bool). None, empty and false
    values are left out. Unknown keys raise ValueError.
    """
    unknown = [key for key in fields if key not in SESSION.fields]
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} for a session: expected one of {', '.join(SESSION.fields)}")
    lines = ["---"]
    for name in SESSION.fields:
        value = fields.get(name)
        if is_empty(value) or value is False:
            continue
        lines += _field_lines(name, value)
    lines.append("---")
    return "\n".join(lines) + "\n" + body_text(questions)


def _field_lines(name: str, value) -> list[str]:
    if name == "extra":
        if value is not True:
            raise ValueError(f"`extra` is true or false, not {value!r}")
        # The chat writer has no booleans; our reader takes `true` in any case.
        return ["extra: true"]
    if name == "start":
        # Always quoted: other YAML tools read an unquoted date and time as a timestamp.
        return [f"start: {double_quoted(start_text(value))}"]
    return mapping_lines({name: value}, SESSION, indent="")


def start_text(value: dt.datetime | str) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return " ".join(str(value).split())


def validation_errors(path: Path, text: str) -> list[str]:
    """The errors the validator finds in `text` as the session file `path`, on its own."""
    _, report = read_session(path, data=text.encode("utf-8"))
    return [f"{p.field}: {p.message}" for p in errors(report.problems)]


def write_session_file(path: Path, text: str) -> None:
    """Write a new session file (and its chat's folder); raises FileExistsError rather than overwrite one."""
    write_new_file(path, text)
