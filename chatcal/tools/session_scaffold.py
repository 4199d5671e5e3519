"""`invoke session`: a session file for a chat, from answers asked for or given as options.

Every answer is checked with the value types the validator uses as it is
given; the whole file is then checked against its chat and the other files
before it is written, so what `session` writes always passes `invoke check`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chatcal.chatfile.catalog import Catalog
from chatcal.chatfile.format import ENTRY, HOST, SESSION
from chatcal.chatfile.frontmatter import Scalar
from chatcal.chatfile.session_check import session_errors
from chatcal.chatfile.session_writer import render_session_file, session_path, write_session_file
from chatcal.chatfile.values import INVALID, Context, Date, Invalid, ValueType
from chatcal.model import Chat
from chatcal.report import Report
from chatcal.schedule import rules
from chatcal.tools.scaffold import split_list

# The ways a session can differ from its schedule; one at most per file.
CHANGES = ("cancel", "move", "extra")

KINDS: dict[str, ValueType] = {
    "date": Date(),
    "topic": SESSION.fields["topic"].type,
    "link": SESSION.fields["link"].type,
    "note": SESSION.fields["note"].type,
    "move": SESSION.fields["start"].type,
    "entry": ENTRY.fields["id"].type,
    "name": HOST.record.fields["name"].type,
    "handle": HOST,  # a bare `"@handle"`, the hosts' shorthand
}

PROMPTS = {
    "topic": "Topic of the session",
    "hosts": "Guest hosts: names or @handles, comma-separated (optional)",
    "link": "Link to the announcement or questions (optional)",
    "note": "A note shown with the session, such as `Holiday break` (optional)",
}


def find_chat(chats: list[Chat], text: str) -> tuple[Chat | None, str | None]:
    """The chat a slug or a hashtag names, or why there is none."""
    wanted = text.strip()
    chat = next((c for c in chats if c.slug == wanted), None)
    if chat is not None:
        return chat, None
    tagged = [c for c in chats if c.hashtag.casefold() == wanted.lstrip("#").casefold()]
    if len(tagged) == 1:
        return tagged[0], None
    if tagged:
        return None, f"#{tagged[0].hashtag} is the hashtag of {len(tagged)} chats " \
                     f"({', '.join(c.slug for c in tagged)}): give the slug"
    close = difflib.get_close_matches(wanted, [c.slug for c in chats], 1, 0.6)
    hint = f": did you mean `{close[0]}`?" if close else ": give the slug of a file in content/chats/ or its hashtag"
    return None, f"no chat `{wanted}`{hint}"


def answer_problem(key: str, text: str) -> str | None:
    """What is wrong with one answer, in the validator's words; None if it is fine."""
    text = text.strip()
    if not text:
        return None
    if key == "hosts":
        return next(filter(None, (_problem(_host_kind(item), item) for item in split_list(text))), None)
    return _problem(KINDS[key], text) if key in KINDS else None


def _host_kind(item: str) -> ValueType:
    return KINDS["handle"] if _is_handle(item) else KINDS["name"]


def _is_handle(item: str) -> bool:
    # A handle with spaces is no handle: the text is kept as a name.
    return item.startswith("@") and not any(c.isspace() for c in item)


def _problem(kind: ValueType, text: str) -> str | None:
    report = Report("answer")
    try:
        if kind.convert(Scalar(text, 1, False), Context(report, None)) is INVALID:
            return report.problems[0].message if report.problems else f"{text!r} is not valid"
    except Invalid as problem:
        return problem.message
    return None


def change_problem(answers: dict, flag: str = "--") -> str | None:
    """Two ways of differing at once: a session is moved, cancelled or extra, not several."""
    given = [f"{flag}{change}" for change in CHANGES if answers.get(change)]
    if len(given) > 1:
        return f"{' and '.join(given)} cannot go together: a session file is one change; give one of them"
    return None


def given_problems(answers: dict, flag: str = "--") -> list[str]:
    """What is wrong with the options given, before anything is asked."""
    problems = [p for p in [change_problem(answers, flag)] if p]
    if "move" in answers and not answers["move"]:
        problems.append(f"{flag}move: a moved session needs its new start, YYYY-MM-DD HH:MM")
    for key in ("date", "topic", "hosts", "link", "note", "move", "entry"):
        problem = answer_problem(key, str(answers.get(key) or ""))
        if problem:
            problems.append(f"{flag}{key}: {problem}")
    return problems


def missing_or_invalid(answers: dict, chat: Chat, flag: str = "--") -> list[str]:
    """Every problem with answers given as options (or read from an issue), for the non-interactive mode."""
    problems = given_problems(answers, flag)
    if not answers.get("date"):
        problems.append(f"{flag}date: the session's scheduled date is required (YYYY-MM-DD)")
    if not answers.get("topic") and not answers.get("cancel"):
        problems.append(f"{flag}topic: required, unless the session is cancelled: say what it is about")
    if not problems:
        problems += [f"{flag}entry: {p}" for p in [entry_problem(answers, chat)] if p]
    return problems


def entry_problem(answers: dict, chat: Chat) -> str | None:
    """Whether the file can say which schedule entry the session belongs to."""
    ids = [e.id for e in chat.schedule]
    listed = ", ".join(f"`{i}`" for i in ids)
    entry = answers.get("entry")
    if entry:
        return None if entry in ids else f"{chat.slug} has no entry `{entry}` (its entries: {listed})"
    if len(ids) == 1:
        return None
    if answers.get("extra"):
        return f"{chat.slug} has several schedule entries ({listed}): say which one the extra session belongs to"
    meeting = _meeting(chat, answers["date"])
    if len(meeting) > 1:
        return f"{len(meeting)} entries of {chat.slug} meet on {answers['date']} " \
               f"({', '.join(f'`{i}`' for i in meeting)}): say which"
    return None


def _meeting(chat: Chat, date_text: str) -> list[str]:
    date = dt.date.fromisoformat(date_text)
    return [e.id for e in chat.schedule if rules.meets_on(e, chat.added, date)]


def file_entry(answers: dict, chat: Chat) -> str | None:
    """The entry id the file name carries: only when the chat has several entries."""
    return answers.get("entry") if len(chat.schedule) > 1 else None


def fields_from_answers(answers: dict) -> dict:
    """Front matter fields, as the session writer takes them."""
    return {
        "topic": answers.get("topic") or None,
        "hosts": [_host(h) for h in split_list(answers.get("hosts") or "")],
        "link": answers.get("link") or None,
        "status": "cancelled" if answers.get("cancel") else None,
        "note": answers.get("note") or None,
        "start": answers.get("move") or None,
        "extra": bool(answers.get("extra")),
    }


def _host(text: str):
    return text if _is_handle(text) else {"name": text}


@dataclass
class SessionDraft:
    """A session file about to be written, and what the checks said about it."""

    path: Path
    shown: str  # the path as messages show it
    text: str
    errors: list[str]


def draft(answers: dict, chat: Chat, catalog: Catalog, sessions_dir: Path, root: Path | None = None) -> SessionDraft:
    date = dt.date.fromisoformat(answers["date"])
    path = session_path(sessions_dir, chat.slug, date, file_entry(answers, chat))
    shown = _shown(path, root)
    text = render_session_file(fields_from_answers(answers), answers.get("questions") or "")
    if path.exists():
        errors = [f"{shown} already exists: edit it instead"]
    else:
        errors = session_errors(path, text, catalog, shown)
    return SessionDraft(path, shown, text, errors)


def _shown(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        return str(path)


def write(draft_file: SessionDraft) -> None:
    write_session_file(draft_file.path, draft_file.text)


def choices(chat: Chat, now: dt.datetime, count: int = 5) -> list[rules.Session]:
    """The chat's next sessions, to pick a date from."""
    return rules.upcoming(chat, now, count)


def choice_text(session: rules.Session, chat: Chat) -> str:
    """`Sun 2026-03-08 21:00 America/New_York`, with its edition and any file describing it."""
    entry = next(e for e in chat.schedule if e.id == session.entry)
    text = f"{session.local:%a %Y-%m-%d %H:%M} {entry.timezone}"
    if len(chat.schedule) > 1:
        text += f", {entry.label or f'entry {entry.id}'}"
    if session.file is not None:
        text += f" (described in {session.file.source_path})"
    return text


def existing_file(chat: Chat, date: dt.date, entry: str | None) -> str | None:
    """The file already describing the session of `date` (of `entry`, when given)."""
    for file in chat.sessions:
        if file.date == date and (entry is None or file.entry == entry):
            return file.source_path
    return None


Ask = Callable[[str], str]
Say = Callable[[str], None]


def interview(ask: Ask, say: Say, chat: Chat, given: dict, now: dt.datetime) -> dict:
    """Ask for the date, topic, hosts and link not given yet, checking each answer as it comes."""
    answers = dict(given)
    if "date" not in answers:
        answers.update(_ask_date(ask, say, chat, now, bool(answers.get("extra"))))
    if not answers.get("entry") and entry_problem(answers, chat):
        answers["entry"] = _ask_entry(ask, say, chat, answers)
    keys = ["note"] if answers.get("cancel") else ["topic", "hosts", "link"]
    keys += ["note"] if answers.get("move") and "note" not in keys else []
    for key in keys:
        if key not in answers:
            answers[key] = _ask_checked(ask, say, key, required=key == "topic")
    return answers


def _ask_date(ask: Ask, say: Say, chat: Chat, now: dt.datetime, extra: bool) -> dict:
    """The date (and entry) of a session: one of the next ones, by number, or any date typed."""
    offered = [] if extra else choices(chat, now)
    for number, session in enumerate(offered, start=1):
        say(f"  {number}) {choice_text(session, chat)}")
    what = "Date of the extra session" if extra else "Date of the session"
    prompt = "Which session: a number or a date (YYYY-MM-DD) [1]: " if offered else f"{what} (YYYY-MM-DD): "
    while True:
        text = ask(prompt).strip() or ("1" if offered else "")
        picked = _picked(text, offered, chat) or _typed(text, say)
        if picked is None:
            continue
        # In a chat of several entries, a typed date may be another entry's session.
        known = picked.get("entry") or len(chat.schedule) == 1
        described = existing_file(chat, dt.date.fromisoformat(picked["date"]), picked.get("entry")) if known else None
        if described is None:
            return picked
        say(f"  {described} already describes that session: edit it instead, or pick another")


def _typed(text: str, say: Say) -> dict | None:
    problem = answer_problem("date", text) if text else "the date is required"
    if problem:
        say(f"  {problem}")
        return None
    return {"date": text}


def _picked(text: str, offered: list[rules.Session], chat: Chat) -> dict | None:
    if not (text.isdigit() and 1 <= int(text) <= len(offered)):
        return None
    session = offered[int(text) - 1]
    picked = {"date": session.date.isoformat()}
    if len(chat.schedule) > 1:
        picked["entry"] = session.entry
    return picked


def _ask_entry(ask: Ask, say: Say, chat: Chat, answers: dict) -> str:
    ids = [e.id for e in chat.schedule]
    for entry in chat.schedule:
        label = f"{entry.label}, " if entry.label else ""
        say(f"  {entry.id}: {label}{entry.at:%H:%M} {entry.timezone}")
    while True:
        text = ask(f"Which schedule entry ({', '.join(ids)}): ").strip()
        problem = entry_problem({**answers, "entry": text}, chat) if text else "say which entry"
        if problem is None:
            return text
        say(f"  {problem}")


def _ask_checked(ask: Ask, say: Say, key: str, required: bool) -> str:
    while True:
        text = ask(f"{PROMPTS[key]}: ").strip()
        problem = f"{key} is required" if required and not text else answer_problem(key, text)
        if problem is None:
            return text
        say(f"  {problem}")


def finish(draft_file: SessionDraft, say: Say) -> str | None:
    """Write the draft and say what next; or the reasons it cannot be written, for the caller to exit with."""
    if draft_file.errors:
        return "Not written:\n" + "\n".join(f"  {e}" for e in draft_file.errors)
    write(draft_file)
    has_questions = not draft_file.text.endswith("---\n")
    then = "read it over" if has_questions else "add the questions below the closing `---` if you like"
    say(f"Wrote {draft_file.shown}: {then}, then run `invoke check`.")
    return None


def from_issue(answers: dict, catalog: Catalog, sessions_dir: Path, root: Path, say: Say) -> str | None:
    """Write the session file an issue's answers describe; or why not, for the caller to exit with."""
    chat, problem = find_chat(catalog.chats, answers.get("chat", ""))
    problems = [f"chat: {problem}"] if problem else missing_or_invalid(answers, chat, flag="")
    if problems:
        return "Could not convert the issue into a valid session:\n" + "\n".join(f"  {p}" for p in problems)
    return finish(draft(answers, chat, catalog, sessions_dir, root), say)
