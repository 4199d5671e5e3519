"""`invoke new`: a new chat file from answers, asked for or given as options.

Every answer is checked with the same value types the validator uses, as it
is given; the whole file is then checked against the other chats before it
is written, so what `new` writes always passes `invoke check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chatcal.chatfile import catalog as catalog_module
from chatcal.chatfile.format import CHAT, ENTRY
from chatcal.chatfile.frontmatter import Scalar
from chatcal.chatfile.reader import read_chat
from chatcal.chatfile.values import INVALID, Context, Invalid, ValueType
from chatcal.chatfile.writer import render_chat_file, slugify_for_file, write_new_file
from chatcal.model import Chat
from chatcal.report import Report
from chatcal.schedule.tz import database, zone_choices
from chatcal.schedule.wording import schedule_in_words


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    kind: ValueType
    in_entry: bool = False
    is_list: bool = False
    required: bool = False
    default: str | None = None
    applies: Callable[[dict], bool] = lambda answers: True


def _every_weeks(answers: dict) -> bool:
    every = answers.get("every", "week").lower().split()
    return len(every) == 2 and every[0] != "1"


QUESTIONS = [
    Question("title", "Title of the chat", CHAT.fields["title"].type, required=True),
    Question("hashtag", "Hashtag (without #)", CHAT.fields["hashtag"].type, required=True),
    Question("every", "How often: week, 2 weeks ... 8 weeks, or month", ENTRY.fields["every"].type, True,
             required=True, default="week"),
    Question("on", "On which day(s): sunday; tuesday, thursday; for monthly: first tuesday",
             ENTRY.fields["on"].type.item, True, is_list=True, required=True),
    Question("at", "Start time, 24-hour, local to the chat (21:00)", ENTRY.fields["at"].type, True, required=True),
    Question("timezone", "Time zone: a city, a country, an abbreviation (ET) or an IANA name",
             ENTRY.fields["timezone"].type, True, required=True),
    Question("duration", "Duration in minutes", ENTRY.fields["duration"].type, True, default="60"),
    Question("from", "Date of the first session (YYYY-MM-DD)", ENTRY.fields["from"].type, True,
             required=True, applies=_every_weeks),
    Question("platforms", "Platforms, comma-separated (x, mastodon, bluesky, ...)",
             CHAT.fields["platforms"].type.item, is_list=True, default="x"),
    Question("topics", "Topics, comma-separated (optional)", CHAT.fields["topics"].type.item, is_list=True),
    Question("language", "Language (a tag such as en, es, pt-BR)", CHAT.fields["language"].type, default="en"),
    Question("hosts", "Hosts: names or @handles, comma-separated (optional)", CHAT.fields["title"].type, is_list=True),
    Question("website", "Website (optional)", CHAT.fields["website"].type),
    Question("archive", "Archive of transcripts or recaps (optional)", CHAT.fields["archive"].type),
    Question("description", "Describe the chat in a sentence or two (Markdown)", CHAT.fields["title"].type,
             required=True),
]
BY_KEY = {q.key: q for q in QUESTIONS}


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def answer_problem(question: Question, text: str) -> str | None:
    """What is wrong with an answer, in the validator's words; None if it is fine."""
    text = text.strip()
    if not text:
        return f"{question.key} is required" if question.required else None
    if question.key == "description":
        return None  # Markdown: any text will do
    items = split_list(text) if question.is_list else [text]
    context = Context(Report("answer"), None, question.key)
    for item in items:
        try:
            if question.key == "hosts":
                continue  # a name or a handle: any short text
            if question.kind.convert(Scalar(item, 1, False), context) is INVALID:
                return f"{item!r} is not valid"
        except Invalid as problem:
            return problem.message
    if question.key == "timezone" and not database().is_canonical(text):
        return _zone_hint(text)
    return None


def _zone_hint(text: str) -> str:
    choices = zone_choices(text)
    if not choices:
        return f"no time zone known for {text!r}: try a city (New York), a country (Canada) or an IANA name"
    return f"{text!r} could mean {', '.join(choices[:5])}: pick one"


def fields_from_answers(answers: dict, added: dt.date) -> tuple[dict, str]:
    """Front matter fields (as the writer takes them) and the description."""
    entry = {q.key: answers[q.key] for q in QUESTIONS if q.in_entry and answers.get(q.key) and q.applies(answers)}
    days = split_list(entry["on"])
    entry["on"] = days[0] if len(days) == 1 else days
    if entry.get("from"):
        entry["from"] = dt.date.fromisoformat(entry["from"])
    if entry.get("duration") == "60":
        del entry["duration"]  # the default: keep files short
    fields = {
        "title": answers["title"],
        "hashtag": answers["hashtag"].lstrip("#"),
        "platforms": split_list(answers.get("platforms") or "x"),
        "schedule": [entry],
        "topics": split_list(answers.get("topics") or ""),
        "language": answers.get("language") or None,
        "hosts": [_host(h) for h in split_list(answers.get("hosts") or "")],
        "website": answers.get("website") or None,
        "archive": answers.get("archive") or None,
        "added": added,
        "verified": added,
    }
    if fields["language"] == "en":
        fields["language"] = None
    return fields, answers["description"]


def _host(text: str):
    return text if text.startswith("@") else {"name": text}


@dataclass
class Draft:
    """A chat file about to be written, and what the checks said about it."""

    path: Path
    text: str
    errors: list[str]
    notices: list[str]


def draft(answers: dict, chats_dir: Path, added: dt.date, root: Path | None = None) -> Draft:
    fields, description = fields_from_answers(answers, added)
    try:
        slug = answers.get("slug") or slugify_for_file(fields["hashtag"])
    except ValueError:  # a hashtag in a non-Latin script
        slug = slugify_for_file(fields["title"]) if any(ch.isascii() and ch.isalnum() for ch in fields["title"]) else "chat"
    path = chats_dir / f"{slug}.md"
    text = render_chat_file(fields, description)
    errors, notices = [], []
    if path.exists():
        errors.append(f"{path} already exists: choose another slug with --slug")
    chat, report = read_chat(path, data=text.encode("utf-8"))
    errors += [f"{p.field}: {p.message}" for p in report.problems if p.severity == "error"]
    if chat is not None:
        others = catalog_module.load_catalog(chats_dir, root).chats if chats_dir.exists() else []
        notices, clashes = same_hashtag(chat, others)
        errors += clashes
    return Draft(path, text, errors, notices)


def same_hashtag(chat: Chat, others: list[Chat]) -> tuple[list[str], list[str]]:
    """Notices about chats already listed under this hashtag, and slot collisions."""
    notices, clashes = [], []
    for other in others:
        if other.hashtag.casefold() != chat.hashtag.casefold():
            continue
        words = "; ".join(schedule_in_words(e) for e in other.schedule)
        notices.append(f"#{other.hashtag} is already listed: {other.source_path} ({words}). "
                       "If it is the same chat, edit that file instead.")
        overlap = catalog_module.first_overlap(chat, other) if other.active else None
        if overlap:
            clashes.append(f"this slot collides with {other.source_path}, also #{other.hashtag}, "
                           f"at {overlap:%Y-%m-%d %H:%M} UTC: choose another time")
    return notices, clashes


def default_for(question: Question, answers: dict, today: dt.date) -> str | None:
    """Defaults that depend on earlier answers: `from` is the next day the chat meets."""
    if question.key == "from" and answers.get("on"):
        try:
            day = BY_KEY["on"].kind.convert(Scalar(split_list(answers["on"])[0], 1, False), None)
        except Invalid:
            return None
        return (today + dt.timedelta(days=(day.weekday - today.weekday()) % 7)).isoformat()
    return question.default


def interview(ask: Callable[[str], str], say: Callable[[str], None], given: dict, today: dt.date,
              others: list[Chat]) -> dict:
    """Ask every question not given yet, checking each answer as it comes."""
    answers = dict(given)
    for question in QUESTIONS:
        if question.key in answers or not question.applies(answers):
            continue
        default = default_for(question, answers, today)
        while True:
            shown = f" [{default}]" if default else ""
            text = ask(f"{question.prompt}{shown}: ").strip() or (default or "")
            if question.key == "timezone" and text and not database().is_canonical(text):
                text = _pick_zone(text, ask, say)
                if not text:
                    continue
            problem = answer_problem(question, text)
            if problem is None:
                break
            say(f"  {problem}")
        answers[question.key] = text
        if question.key == "hashtag":
            for other in others:
                if other.hashtag.casefold() == text.lstrip("#").casefold():
                    say(f"  #{other.hashtag} is already listed in {other.source_path}: "
                        "if it is the same chat, edit that file instead.")
    return answers


def _pick_zone(text: str, ask: Callable[[str], str], say: Callable[[str], None]) -> str:
    choices = zone_choices(text)
    if not choices:
        say(f"  {_zone_hint(text)}")
        return ""
    if len(choices) == 1:
        say(f"  Using {choices[0]}")
        return choices[0]
    for number, name in enumerate(choices[:9], start=1):
        say(f"  {number}) {name}")
    pick = ask("  Which one? [1]: ").strip() or "1"
    if pick.isdigit() and 1 <= int(pick) <= min(9, len(choices)):
        return choices[int(pick) - 1]
    return pick  # typed a zone name instead: checked like any answer


def missing_or_invalid(answers: dict) -> list[str]:
    """Every problem with answers given as options, for the non-interactive mode."""
    problems = []
    for question in QUESTIONS:
        if not question.applies(answers):
            continue
        text = answers.get(question.key, question.default or "")
        problem = answer_problem(question, text or "")
        if problem:
            problems.append(f"--{question.key.replace('_', '-')}: {problem}")
    return problems


def write(draft_file: Draft) -> None:
    write_new_file(draft_file.path, draft_file.text)
