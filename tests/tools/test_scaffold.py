"""`invoke new`: what it writes always passes the check."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

from chatcal.chatfile.catalog import load_catalog
from chatcal.tools import scaffold
from tests.support import FIXTURE_CONTENT, ROOT

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def piped(lines: list[str]):
    """An `ask` that answers from a list, as a pipe into stdin would."""
    answers = iter(lines)
    asked = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)
    return ask, asked


def test_non_interactive_options_write_a_valid_file(tmp_path):
    options = {"title": "Design Systems Chat", "hashtag": "#dschat", "every": "2 weeks", "on": "wednesday",
               "at": "18:00", "timezone": "Europe/Berlin", "from": "2026-12-02", "topics": "design, ux",
               "hosts": "Ada Example, @ada@example.social", "platforms": "mastodon, bluesky",
               "website": "https://example.org/ds", "description": "Design systems, every other Wednesday."}
    assert scaffold.missing_or_invalid(options) == []
    draft = scaffold.draft(options, tmp_path, TODAY)
    assert draft.errors == [] and draft.path == tmp_path / "dschat.md"
    scaffold.write(draft)
    catalog = load_catalog(tmp_path)
    assert catalog.problems == [] and catalog.chats[0].schedule[0].interval == 2


def test_non_interactive_reports_every_problem():
    assert scaffold.missing_or_invalid({"title": "x", "on": "sundy", "at": "9pm", "timezone": "EST"}) == [
        "--hashtag: hashtag is required",
        "--on: expected a weekday (`sunday`, `sun`) or an ordinal and a weekday (`first tuesday`), "
        "found `sundy`: did you mean `sunday`?",
        "--at: expected a 24-hour time H:MM or HH:MM (`9:00`, `21:00`), found `9pm`: write `\"21:00\"`",
        "--timezone: EST is an abbreviation, not a time zone; use America/New_York (or America/Toronto, ...)",
        "--description: description is required",
    ]


def test_interactive_answers_are_checked_one_by_one(tmp_path):
    ask, asked = piped([
        "Night Owls", "nightowlchat",
        "fortnightly", "2 weeks",  # first answer refused, asked again
        "sundy", "sunday",
        "24:00", "23:30",
        "Canada", "3",  # a country: pick its third zone
        "",  # duration: default 60
        "",  # from: default, the next Sunday
        "", "night, sleep", "", "", "", "",
        "Late chats for night owls.",
    ])
    said = []
    answers = scaffold.interview(ask, said.append, {}, TODAY, [])
    assert answers["every"] == "2 weeks" and answers["on"] == "sunday" and answers["at"] == "23:30"
    assert answers["timezone"] == "America/Glace_Bay" and answers["from"] == "2026-11-29"
    assert "  expected `week`, `N weeks` with N from 2 to 8, or `month`, found `fortnightly`: write `every: 2 weeks`" in said
    assert any("did you mean `sunday`" in line for line in said)
    draft = scaffold.draft(answers, tmp_path, TODAY)
    assert draft.errors == []
    scaffold.write(draft)
    assert load_catalog(tmp_path).problems == []


def test_interactive_warns_about_a_listed_hashtag_and_refuses_a_colliding_slot(tmp_path, fixture_catalog):
    chats = tmp_path / "chats"
    shutil.copytree(FIXTURE_CONTENT / "chats", chats)
    ask, _ = piped(["Sunday Writers Too", "sundaywriters", "", "sunday", "21:30", "America/New_York", "", "", "",
                    "", "", "", "", "Another one."])
    said = []
    answers = scaffold.interview(ask, said.append, {}, TODAY, fixture_catalog.chats)
    assert "  #SundayWriters is already listed in content/chats/weekly-ny.md: if it is the same chat, " \
           "edit that file instead." in said
    draft = scaffold.draft(answers, chats, TODAY)
    assert draft.errors == [f"this slot collides with {chats / 'weekly-ny.md'}, also #SundayWriters, "
                            "at 2026-11-30 02:30 UTC: choose another time"]
    assert not draft.path.exists()


def test_new_command_with_bad_options_writes_nothing():
    before = sorted((ROOT / "content/chats").iterdir())
    result = subprocess.run([sys.executable, "-m", "invoke", "-r", str(ROOT), "new", "--yes", "--title", "T",
                             "--hashtag", "t1", "--on", "sunday", "--at", "21:00", "--timezone", "ET",
                             "--description", "d"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "--timezone: ET is an abbreviation, not a time zone; use America/New_York" in result.stderr
    assert sorted((ROOT / "content/chats").iterdir()) == before
