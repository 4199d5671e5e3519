"""`invoke from-issue`: a "Suggest a chat" issue body to a chat file.

GitHub renders an issue form as `### Label` sections; the form definition in
`.github/ISSUE_TEMPLATE/suggest-a-chat.yml` maps each label to a field id,
and the ids are the scaffolder's question keys, so the two cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from chatcal.schedule.tz import database, zone_choices
from chatcal.tools import session_scaffold
from chatcal.tools.scaffold import BY_KEY, answer_problem

NO_RESPONSE = "_No response_"


def form_labels(form_path: Path) -> dict[str, str]:
    """Label -> field id, from the issue form definition."""
    form = yaml.safe_load(form_path.read_text(encoding="utf-8"))
    return {item["attributes"]["label"]: item["id"] for item in form["body"] if "id" in item}


def sections(body: str) -> dict[str, str]:
    """`### Label` headings of a rendered issue form and the text under each."""
    parts = re.split(r"^###[ \t]+(.+?)[ \t]*$", body.replace("\r\n", "\n"), flags=re.M)
    return {label.strip(): text.strip() for label, text in zip(parts[1::2], parts[2::2])}


@dataclass
class Conversion:
    answers: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was changed or could not be converted


def convert_issue(body: str, labels: dict[str, str]) -> Conversion:
    result = Conversion()
    for label, text in sections(body).items():
        key = labels.get(label)
        if key is None:
            result.notes.append(f"section `{label}` is not a field of the form: ignored")
            continue
        value = _value(key, text)
        if value:
            result.answers[key] = value
    _resolve_timezone(result)
    for key, text in list(result.answers.items()):
        problem = answer_problem(BY_KEY[key], text) if key in BY_KEY else None
        if problem:
            result.notes.append(f"{key}: {problem}")
            del result.answers[key]
    for question in BY_KEY.values():
        if question.required and question.default is None and question.applies(result.answers) \
                and question.key not in result.answers and not any(n.startswith(f"{question.key}:") for n in result.notes):
            result.notes.append(f"{question.key}: missing from the issue")
    return result


def _value(key: str, text: str) -> str:
    if text == NO_RESPONSE:
        return ""
    if key == "every":  # the dropdown: "Every week", "Every 2 weeks", "Every month"
        return re.sub(r"(?i)^every\s+", "", text).strip()
    if re.search(r"^- \[[ xX]\] ", text, re.M):  # checkboxes: keep the ticked ones
        return ", ".join(re.findall(r"^- \[[xX]\] (.+)$", text, re.M))
    return text if key == "description" else " ".join(text.split())


def _resolve_timezone(result: Conversion) -> None:
    text = result.answers.get("timezone")
    if not text or database().is_canonical(text):
        return
    choices = zone_choices(text)
    if choices:
        others = f" (it could also mean {', '.join(choices[1:4])})" if len(choices) > 1 else ""
        result.notes.append(f"timezone: `{text}` taken as {choices[0]}{others}: check it")
        result.answers["timezone"] = choices[0]


# "Announce a session": the dropdown's options to the scaffolder's change flags.
SESSION_CHANGES = {"as scheduled": None, "moved": "move", "cancelled": "cancel", "extra": "extra"}
SESSION_REQUIRED = ("chat", "date")


def form_of(body: str, forms: list[dict[str, str]]) -> int:
    """Which of the forms (their label maps) a body came from: the one whose labels its sections use most.

    The first form wins a tie, so a body that matches none is read as the first.
    """
    used = set(sections(body))
    scores = [len(used & set(labels)) for labels in forms]
    return scores.index(max(scores))


def convert_session_issue(body: str, labels: dict[str, str]) -> Conversion:
    """An "Announce a session" issue body to `invoke session` answers, and notes on what was dropped."""
    result = Conversion()
    for label, text in sections(body).items():
        key = labels.get(label)
        if key is None:
            result.notes.append(f"section `{label}` is not a field of the form: ignored")
        elif text != NO_RESPONSE and text:
            result.answers[key] = text.replace("\r\n", "\n") if key == "questions" else " ".join(text.split())
    _session_change(result)
    for key, text in list(result.answers.items()):
        problem = session_scaffold.answer_problem(key, text) if isinstance(text, str) else None
        if problem:
            result.notes.append(f"{key}: {problem}")
            del result.answers[key]
    missing = [*SESSION_REQUIRED, *([] if result.answers.get("cancel") else ["topic"])]
    result.notes += [f"{key}: missing from the issue" for key in missing
                     if key not in result.answers and not any(n.startswith(f"{key}:") for n in result.notes)]
    return result


def _session_change(result: Conversion) -> None:
    """The dropdown as a flag; the new start only counts for a moved session."""
    change = result.answers.pop("change", "As scheduled")
    if change.casefold() not in SESSION_CHANGES:
        result.notes.append(f"change: `{change}` is not one of {', '.join(o.capitalize() for o in SESSION_CHANGES)}: "
                            "taken as scheduled")
        change = "as scheduled"
    flag = SESSION_CHANGES[change.casefold()]
    if flag == "move":
        result.answers.setdefault("move", "")  # empty: the check asks for the new start
    elif result.answers.pop("move", None):
        result.notes.append("move: a new start is only for a moved session: ignored")
    if flag in ("cancel", "extra"):
        result.answers[flag] = True
