"""`invoke from-issue` on a sample "Suggest a chat" issue body."""

from __future__ import annotations

import datetime as dt

from chatcal.chatfile.catalog import load_catalog
from chatcal.tools import scaffold
from chatcal.tools.issueform import convert_issue, form_labels
from tests.support import ROOT

FORM = ROOT / ".github/ISSUE_TEMPLATE/suggest-a-chat.yml"
SAMPLE = ROOT / "tests/data/suggest-a-chat-issue.md"


def test_every_form_field_is_a_scaffold_question():
    assert set(form_labels(FORM).values()) <= set(scaffold.BY_KEY)


def test_sample_issue_converts_and_reports_what_it_could_not(tmp_path):
    conversion = convert_issue(SAMPLE.read_text(encoding="utf-8"), form_labels(FORM))
    assert conversion.answers["on"] == "first thursday, third thursday"
    assert conversion.answers["every"] == "month" and conversion.answers["platforms"] == "x, bluesky"
    assert conversion.answers["timezone"] == "Europe/London"
    assert "website" not in conversion.answers
    assert conversion.notes == [
        "section `Favourite colour` is not a field of the form: ignored",
        "timezone: `London` taken as Europe/London: check it",
        "website: expected an http or https URL, found `www.example.org/a11y`: write `https://www.example.org/a11y`",
    ]
    draft = scaffold.draft(conversion.answers, tmp_path, dt.date(2026, 11, 25))
    assert draft.errors == [] and draft.path.name == "a11yhour.md"
    scaffold.write(draft)
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    [chat] = catalog.chats
    assert [d.name for d in chat.schedule[0].on] == ["first thursday", "third thursday"]
    assert "**accessible**" in chat.description and [h.handle for h in chat.hosts] == [None, "@sam@example.social"]


def test_an_issue_missing_required_fields_says_which():
    conversion = convert_issue("### Title\n\nOnly a title\n", form_labels(FORM))
    assert [n.split(":")[0] for n in conversion.notes] == ["hashtag", "on", "at", "timezone", "description"]
