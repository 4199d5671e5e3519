"""Rules that tie session files to their chat's schedule, and to each other.

A session file is valid on its own (`sessionfile.py`); these rules need its
chat: which entry it belongs to, whether its date is a session, and whether
a moved or extra session lands on or over another one.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import replace

from chatcal.chatfile.rules import _day_names, _nearest
from chatcal.model import Chat, Entry, SessionFile
from chatcal.report import Report
from chatcal.schedule import rules
from chatcal.schedule.filed import local_start, minutes, moves


def check_session(file: SessionFile, chat: Chat | None, slugs: list[str], chats_dir: str,
                  report: Report) -> SessionFile | None:
    """The file with its entry resolved, or None after reporting why it does not fit its chat."""
    if chat is None:
        if file.chat not in slugs:  # a chat file with errors has its own messages
            close = difflib.get_close_matches(file.chat, slugs, 1, 0.6)
            fix = f"did you mean `{close[0]}`?" if close else f"add `{chats_dir}/{file.chat}.md` or move the file"
            report.error(1, "file", f"no chat `{file.chat}`: the folder name must be the slug of a chat "
                                    f"in `{chats_dir}/`; {fix}")
        return None
    entry = _entry_of(file, chat, report)
    if entry is None:
        return None
    problems = len(report.problems)
    _check_dates(file, chat, entry, report)
    return replace(file, entry=entry.id) if len(report.problems) == problems else None


def _entry_of(file: SessionFile, chat: Chat, report: Report) -> Entry | None:
    ids = [e.id for e in chat.schedule]
    if file.entry is not None:
        entry = next((e for e in chat.schedule if e.id == file.entry), None)
        if entry is None:
            close = difflib.get_close_matches(file.entry, ids, 1, 0.6)
            hint = f": did you mean `{file.date}-{close[0]}.md`?" if close else f": rename the file to {_names(file, ids)}"
            report.error(1, "file", f"`{file.name}.md` names entry `{file.entry}`, which {chat.slug} does not have "
                                    f"(its entries: {', '.join(f'`{i}`' for i in ids)}){hint}")
        return entry
    if len(chat.schedule) == 1:
        return chat.schedule[0]
    meeting = [e for e in chat.schedule if rules.meets_on(e, chat.added, file.date)]
    if len(meeting) == 1 and not file.extra:
        return meeting[0]
    if file.extra or not meeting:
        what = "an extra session" if file.extra else f"`{file.date}` is not a session of any entry, so the file"
        report.error(1, "file", f"{what} of a chat with several entries names its entry: "
                                f"rename the file to {_names(file, ids)}")
        return None
    listed = ", ".join(f"`{e.id}` at {e.at:%H:%M} {e.timezone}" for e in meeting)
    report.error(1, "file", f"{len(meeting)} schedule entries meet on `{file.date}` ({listed}): name the entry, "
                            f"rename the file to {_names(file, [e.id for e in meeting])}")
    return None


def _names(file: SessionFile, ids: list[str]) -> str:
    return " or ".join(f"`{file.date}-{i}.md`" for i in ids)


def _check_dates(file: SessionFile, chat: Chat, entry: Entry, report: Report) -> None:
    """The file's date against its entry, then its moved start."""
    problem = _bounds(file.date, chat, entry)
    if problem:
        report.error(1, "date", f"`{file.date}` is {problem}")
        return
    scheduled = rules.meets_on(entry, chat.added, file.date)
    if file.extra:
        if scheduled:
            report.error(file.lines["extra"], "extra",
                         f"`{file.date}` is a regular session of this entry ({_day_names(entry)}), not an extra one: "
                         "remove `extra: true`")
        return
    if file.date in entry.skip:
        if file.cancelled:
            report.error(file.lines["status"], "status",
                         f"`{file.date}` is cancelled twice, here and in `skip` of schedule entry `{entry.id}` "
                         f"(line {entry.line}): cancel it in one place; remove the date from `skip`, or this file")
        else:
            report.error(1, "date", f"`{file.date}` is in `skip` of schedule entry `{entry.id}` (line {entry.line}), "
                                    "so there is no session to describe: remove the date from `skip`")
        return
    if not scheduled:
        report.error(1, "date", f"`{file.date}` is not a session of entry `{entry.id}` ({_day_names(entry)}): "
                                f"{_nearest(entry, chat.added, file.date, 'rename the file to')}, "
                                "or add `extra: true` for a one-off session")
        return
    if file.start is not None:
        _check_move(file, chat, entry, report)


def _bounds(date: dt.date, chat: Chat, entry: Entry) -> str | None:
    if date < chat.added:
        return f"before the chat was listed (added `{chat.added}`): fix the date, or the chat's `added`"
    if entry.start and date < entry.start:
        return f"before schedule entry `{entry.id}` starts (from `{entry.start}`): fix the date"
    if entry.until and date > entry.until:
        return f"after schedule entry `{entry.id}` ends (until `{entry.until}`): fix the date, or the entry's `until`"
    return None


def _check_move(file: SessionFile, chat: Chat, entry: Entry, report: Report) -> None:
    line, start = file.lines["start"], file.start
    if start == dt.datetime.combine(file.date, entry.at):
        report.error(line, "start", f"`{start:%Y-%m-%d %H:%M}` is the scheduled start: nothing moved; remove `start`")
        return
    problem = _bounds(start.date(), chat, entry)
    if problem:
        report.error(line, "start", f"the moved start `{start:%Y-%m-%d %H:%M}` is {problem}")
        return
    if start.date() != file.date and rules.meets_on(entry, chat.added, start.date()) \
            and start.date() not in entry.skip:
        report.error(line, "start", f"the moved start `{start:%Y-%m-%d %H:%M}` is on `{start.date()}`, the date of "
                                    f"another session of entry `{entry.id}`: move it to a day of its own, "
                                    "or cancel that session")


def check_collisions(chat: Chat, report_for) -> set[str]:
    """Moved and extra sessions that land on another session of the chat; their paths.

    `chat` carries its session files; `report_for(path)` gives the report of a file.
    """
    bad: set[str] = set()
    entries = {e.id: e for e in chat.schedule}
    for file in chat.sessions:
        if not (file.extra or moves(file)):
            continue
        entry = entries[file.entry]
        mine = rules.filed_session(chat, entry, file)
        field, line = ("start", file.lines["start"]) if file.start else ("extra", file.lines["extra"])
        for other in rules.sessions(chat, mine.start - dt.timedelta(days=1), mine.end + dt.timedelta(days=1)):
            if other.file is file or not (other.start < mine.end and mine.start < other.end):
                continue
            report_for(file.source_path).error(
                line, field, f"the session ({_when(mine)}, {minutes(entry, file)} minutes) overlaps another session "
                             f"of {chat.slug} ({_when(other)}, entry `{other.entry}`): move one of them")
            bad.add(file.source_path)
            break
        if file.start and file.start.date() != file.date:
            _same_date_moves(chat, file, entry, report_for, bad)
    return bad


def _same_date_moves(chat: Chat, file: SessionFile, entry: Entry, report_for, bad: set[str]) -> None:
    """Two sessions of one entry moved onto the same date."""
    for other in chat.sessions:
        if other is file or other.entry != file.entry or not moves(other) or other.date > file.date:
            continue
        if local_start(entry, other).date() == file.start.date():
            report_for(file.source_path).error(
                file.lines["start"], "start",
                f"the moved start `{file.start:%Y-%m-%d %H:%M}` is on the date `{other.start.date()}` that "
                f"{other.source_path} moves its session to: one session a day per entry; move one of them")
            bad.add(file.source_path)
            return


def _when(session: rules.Session) -> str:
    return f"{session.local:%Y-%m-%d %H:%M} {session.local.tzinfo.key}"
