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
