"""`invoke from-issue` on an "Announce a session" issue body."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from chatcal.chatfile.catalog import load_catalog
from chatcal.tools import session_scaffold
from chatcal.tools.issueform import convert_session_issue, form_labels, form_of
from tests.support import FIXTURE_CONTENT, ROOT

FORM = ROOT / ".github/ISSUE_TEMPLATE/announce-a-session.yml"
CHAT_FORM = ROOT / ".github/ISSUE_TEMPLATE/suggest-a-chat.yml"
SAMPLE = ROOT / "tests/data/announce-a-session-issue.md"
CHAT_SAMPLE = ROOT / "tests/data/suggest-a-chat-issue.md"


@pytest.fixture
def content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def convert_and_write(body: str, content):
    conversion = convert_session_issue(body, form_labels(FORM))
    said = []
    failure = session_scaffold.from_issue(conversion.answers, load_catalog(content / "chats", content.parent),
                                          content / "sessions", content.parent, said.append)
    return conversion, failure, said


def issue(**sections) -> str:
    labels = {v: k for k, v in form_labels(FORM).items()}
    return "\n\n".join(f"### {labels[key]}\n\n{text}" for key, text in sections.items()) + "\n"


def test_every_form_field_is_an_answer_the_scaffolder_takes():
    ids = set(form_labels(FORM).values())
    assert ids == {"chat", "date", "entry", "topic", "hosts", "link", "questions", "change", "move", "note"}
    assert ids - {"chat", "questions", "change"} <= set(session_scaffold.KINDS) | {"hosts"}
    [change] = [item for item in yaml.safe_load(FORM.read_text(encoding="utf-8"))["body"] if item.get("id") == "change"]
    assert change["attributes"]["options"] == ["As scheduled", "Moved", "Cancelled", "Extra"]


def test_the_form_is_told_by_its_sections():
    forms = [form_labels(CHAT_FORM), form_labels(FORM)]
    assert form_of(SAMPLE.read_text(encoding="utf-8"), forms) == 1
    assert form_of(CHAT_SAMPLE.read_text(encoding="utf-8"), forms) == 0
    assert form_of("### Chat\n\nblogchat\n\n### Title\n\nx\n\n### Topic\n\ny\n", forms) == 1
    assert form_of("no sections at all", forms) == 0  # read as a chat suggestion, as before


def test_the_sample_issue_becomes_a_moved_session_with_questions(content):
    conversion, failure, said = convert_and_write(SAMPLE.read_text(encoding="utf-8"), content)
    assert conversion.notes == [
        "section `Favourite colour` is not a field of the form: ignored",
        "link: expected an http or https URL, found `example.org/pmchat/2026-03-20`: "
        "write `https://example.org/pmchat/2026-03-20`",
    ]
    assert failure is None and said == ["Wrote content/sessions/pmchat/2026-03-20.md: read it over, then run `invoke check`."]
    assert (content / "sessions/pmchat/2026-03-20.md").read_text(encoding="utf-8") == (
        '---\ntopic: "Saying no to stakeholders: a practical guide"\nhosts:\n  - name: Dana Example\n'
        '  - "@dana@example.social"\nnote: Later for the keynote\nstart: "2026-03-20 15:00"\n---\n'
        "Q1. When did you last say **no** to a stakeholder?\n\nQ2. What made it stick?\n")
    catalog = load_catalog(content / "chats", content.parent)
    assert catalog.problems == []
    assert catalog.by_slug("pmchat").sessions[-1].start.isoformat() == "2026-03-20T15:00:00"


def test_a_cancellation_drops_a_new_start(content):
    body = issue(chat="blogchat", date="2026-03-22", topic="_No response_", change="Cancelled",
                 move="2026-03-23 21:00", note="Spring break")
    conversion, failure, _ = convert_and_write(body, content)
    assert conversion.answers == {"chat": "blogchat", "date": "2026-03-22", "note": "Spring break", "cancel": True}
    assert conversion.notes == ["move: a new start is only for a moved session: ignored"]
    assert failure is None
    assert (content / "sessions/blogchat/2026-03-22.md").read_text(encoding="utf-8") == \
        "---\nstatus: cancelled\nnote: Spring break\n---\n"


def test_an_extra_session_of_an_edition(content):
    body = issue(chat="#supportchat", date="2026-03-12", entry="americas", topic="Macros", change="Extra")
    _, failure, _ = convert_and_write(body, content)
    assert failure is None
    assert load_catalog(content / "chats", content.parent).by_slug("multi-edition").sessions[-1].extra


@pytest.mark.parametrize("sections, reasons", [
    ({"chat": "#nosuchchat", "date": "2026-03-15", "topic": "x"},
     ["chat: no chat `#nosuchchat`: give the slug of a file in content/chats/ or its hashtag"]),
    ({"chat": "blogchat", "date": "2026-03-15", "topic": "x", "change": "Moved"},
     ["move: a moved session needs its new start, YYYY-MM-DD HH:MM"]),
    ({"chat": "blogchat", "date": "2026-03-15"},
     ["topic: required, unless the session is cancelled: say what it is about"]),
    ({"chat": "blogchat", "date": "2026-03-16", "topic": "A Monday"},
     ["date: `2026-03-16` is not a session of entry `1` (sunday): rename the file to `2026-03-15` or `2026-03-22`, "
      "or add `extra: true` for a one-off session"]),
])
def test_an_issue_that_cannot_become_a_valid_file_writes_nothing(content, sections, reasons):
    _, failure, said = convert_and_write(issue(**sections), content)
    head = "Not written:" if reasons[0].startswith("date:") else "Could not convert the issue into a valid session:"
    assert failure == "\n".join([head, *(f"  {r}" for r in reasons)])
    assert said == [] and not (content / "sessions/blogchat/2026-03-15.md").exists()


def test_missing_fields_are_noted():
    conversion = convert_session_issue(issue(topic="Only a topic", change="Sideways"), form_labels(FORM))
    assert conversion.notes == ["change: `Sideways` is not one of As scheduled, Moved, Cancelled, Extra: taken as scheduled",
                                "chat: missing from the issue", "date: missing from the issue"]


def test_the_task_reads_a_session_issue(tmp_path):
    path = tmp_path / "issue.md"
    path.write_text(issue(chat="blogchat", date="2026-11-30", topic="A Monday", change="As scheduled"), encoding="utf-8")
    before = sorted((ROOT / "content").rglob("*.md"))
    result = subprocess.run([sys.executable, "-m", "invoke", "-r", str(ROOT), "from-issue", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.startswith("Not written:\n  date: `2026-11-30` is not a session of entry `1` (sunday)")
    assert sorted((ROOT / "content").rglob("*.md")) == before
