"""Session files as the writer renders them: the exact format, read back unchanged."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml

from chatcal.chatfile.catalog import load_catalog
from chatcal.chatfile.session_writer import (
    render_session_file,
    session_path,
    validation_errors,
    write_session_file,
)
from chatcal.chatfile.sessionfile import read_session
from tests.support import FIXTURE_CONTENT, ROOT

CONTRACT_EXAMPLE = """---
topic: Planning your 2027 editorial calendar
hosts:
  - name: Guest Example
    handle: "@guest@example.social"
    platform: mastodon
link: https://example.org/blogchat/2026-12-06
---
Q1. What worked in your 2026 calendar?
Q2. How far ahead do you plan?
"""


def _fields_of(file) -> dict:
    """A read session file's fields, as the writer takes them."""
    hosts = [{k: v for k, v in vars(h).items() if v} for h in file.hosts]
    return {"topic": file.topic, "hosts": hosts, "link": file.link, "recap": file.recap,
            "status": "cancelled" if file.cancelled else None, "note": file.note, "start": file.start,
            "duration": file.duration, "extra": file.extra}


def test_the_contracts_example_in_any_key_order():
    fields = {"link": "https://example.org/blogchat/2026-12-06", "hosts": [
        {"platform": "mastodon", "handle": "@guest@example.social", "name": "Guest Example"}],
        "topic": "Planning your 2027 editorial calendar"}
    assert render_session_file(fields, "\nQ1. What worked in your 2026 calendar?\r\nQ2. How far ahead do you plan?\n\n") \
        == CONTRACT_EXAMPLE


def test_every_field_in_format_order_with_start_quoted_and_extra_plain():
    text = render_session_file({"extra": True, "duration": 90, "start": dt.datetime(2026, 3, 5, 9, 30),
                                "note": "Bring a ticket", "recap": "https://example.org/r", "topic": "Triage"})
    assert text == ("---\ntopic: Triage\nrecap: https://example.org/r\nnote: Bring a ticket\n"
                    "start: \"2026-03-05 09:30\"\nduration: 90\nextra: true\n---\n")


def test_empty_and_false_values_are_left_out():
    assert render_session_file({"status": "cancelled", "topic": None, "hosts": [], "link": "", "extra": False}) \
        == "---\nstatus: cancelled\n---\n"


def test_unknown_keys_and_odd_values_are_refused():
    with pytest.raises(ValueError, match="unknown key 'title' for a session"):
        render_session_file({"title": "x"})
    with pytest.raises(ValueError, match="true or false"):
        render_session_file({"topic": "x", "extra": "yes"})


@pytest.mark.parametrize("topic", [
    "yes", "no", "null", "~", "2026-12-06", "21:00", "1e3", "0x1F", "Q&A: the hard part", "#blogchat tips",
    "@guest's hour", "- dashes first", "[brackets]", "quotes \"inside\" and \\ backslash", "trailing space ",
    "¿Qué leemos? 日本語 🎉", "tab\tinside", "ends with colon:", "'single'", "%percent", "!important",
])
def test_awkward_topics_read_back_unchanged_by_us_and_by_yaml(tmp_path, topic):
    text = render_session_file({"topic": topic, "note": topic[:120]})
    file, report = read_session(tmp_path / "blogchat" / "2026-03-15.md", data=text.encode("utf-8"))
    assert report.problems == [] and file.topic == topic.strip()
    assert yaml.safe_load(text.split("---")[1])["topic"] == topic


def test_written_files_pass_the_catalog(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    sessions = content / "sessions"
    files = [
        (session_path(sessions, "blogchat", dt.date(2026, 3, 15)),
         {"topic": "Editing: what to cut", "hosts": ["@ed@example.social", {"name": "Ed"}],
          "link": "https://example.org/e"}, "Q1. What did you cut last?"),
        (session_path(sessions, "blogchat", dt.date(2026, 3, 22)), {"status": "cancelled", "note": "Spring break"}, ""),
        (session_path(sessions, "pmchat", dt.date(2026, 3, 20)),
         {"topic": "Risk", "start": "2026-03-19 12:00", "note": "A day early"}, ""),
        (session_path(sessions, "multi-edition", dt.date(2026, 3, 12), "americas"),
         {"topic": "Extra on macros", "extra": True, "duration": 45}, ""),
    ]
    for path, fields, questions in files:
        text = render_session_file(fields, questions)
        assert validation_errors(path, text) == []
        write_session_file(path, text)
    catalog = load_catalog(content / "chats", tmp_path)
    assert catalog.problems == []
    written = {f.name: f for f in catalog.by_slug("blogchat").sessions + catalog.by_slug("multi-edition").sessions}
    assert written["2026-03-15"].questions == "Q1. What did you cut last?"
    assert [h.handle or h.name for h in written["2026-03-15"].hosts] == ["@ed@example.social", "Ed"]
    assert written["2026-03-22"].cancelled and written["2026-03-12-americas"].extra
    assert catalog.by_slug("pmchat").sessions[-1].start == dt.datetime(2026, 3, 19, 12, 0)


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = session_path(tmp_path, "blogchat", dt.date(2026, 3, 15))
    write_session_file(path, "---\ntopic: First\n---\n")
    with pytest.raises(FileExistsError):
        write_session_file(path, "---\ntopic: Second\n---\n")
    assert path.read_text(encoding="utf-8") == "---\ntopic: First\n---\n"


def test_validation_errors_are_the_readers():
    path = ROOT / "content/sessions/blogchat/2026-03-15.md"
    assert validation_errors(path, render_session_file({"note": "no topic"})) == [
        "topic: missing: say what the session is about; add `topic:` (1-120 characters), "
        "or `status: cancelled` to cancel the session"]


def test_the_contributor_guides_examples_are_written_as_the_writer_writes_them():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(r"`content/sessions/([^`]+\.md)`:\n\n```markdown\n(.*?)```", guide, re.S)
    assert len(examples) == 4
    for name, text in examples:
        file, report = read_session(ROOT / "content/sessions" / name, data=text.encode("utf-8"))
        assert report.problems == [], name
        assert render_session_file(_fields_of(file), file.questions) == text, name
