"""The browser applies session files as chatcal.schedule does: moves, cancellations, extras, lengths.

The data files are made straight from the fixture catalog (no site build),
then expanded by theme/static/js/schedule.js under Node.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chatcal.schedule import rules
from chatcal.site.export import BROWSER_HISTORY, chats_json, schedules_json
from chatcal.urls import SiteUrls
from tests.schedule.test_schedule_js import SCRIPT, as_json, changed_in_2026_vancouver, iso, node
from tests.support import FIXTURE_NOW

UTC = dt.timezone.utc
END = dt.datetime(2028, 1, 1, tzinfo=UTC)


def expand(path: Path, start: dt.datetime) -> dict:
    result = node(str(SCRIPT), str(path), iso(start), iso(END))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def data_files(fixture_catalog, tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("data")
    full = directory / "chats.json"
    full.write_text(chats_json(fixture_catalog.chats, FIXTURE_NOW, SiteUrls("http://127.0.0.1:8000")), encoding="utf-8")
    compact = directory / "schedules.json"
    compact.write_text(json.dumps(schedules_json(fixture_catalog.chats, FIXTURE_NOW)), encoding="utf-8")
    return {"chats.json": full, "data/schedules.json": compact}


@pytest.mark.parametrize("data", ["chats.json", "data/schedules.json"])
def test_js_applies_session_files_as_python_does(fixture_catalog, data_files, data):
    start = FIXTURE_NOW - BROWSER_HISTORY if data == "data/schedules.json" else dt.datetime(2026, 1, 1, tzinfo=UTC)
    expanded = expand(data_files[data], start)
    compared = 0
    for chat in fixture_catalog.chats:
        if not chat.sessions or chat.slug not in expanded["chats"]:
            continue
        ours = [as_json(s) for s in rules.sessions(chat, start, END) if not changed_in_2026_vancouver(s)]
        assert expanded["chats"][chat.slug] == ours, chat.slug
        compared += 1
    assert compared >= 6


def test_chats_json_carries_each_chats_session_files(data_files):
    chats = {c["slug"]: c for c in json.loads(data_files["chats.json"].read_text(encoding="utf-8"))["chats"]}
    moved = next(s for s in chats["pmchat"]["sessions"] if s["date"] == "2026-03-13")
    assert moved == {
        "entry": "1", "date": "2026-03-13", "start": "2026-03-12T14:00", "start_utc": "2026-03-12T18:00:00Z",
        "end_utc": "2026-03-12T18:45:00Z", "duration": 45, "moved": True, "topic": "Estimates under uncertainty",
        "status": "scheduled", "extra": False, "url": "chats/pmchat/2026-03-13/",
        "note": "A day early for the conference", "hosts": [], "link": None, "recap": None,
    }
    [cancelled] = chats["kathmandu"]["sessions"]
    assert (cancelled["status"], cancelled["topic"], cancelled["note"]) == ("cancelled", None, "Holiday break")
    [extra] = chats["multi-edition"]["sessions"]
    assert (extra["extra"], extra["duration"], extra["url"]) == (True, 90, "chats/multi-edition/2026-03-05-americas/")
    past = next(s for s in chats["blogchat"]["sessions"] if s["date"] == "2026-02-22")
    assert past["recap"] == "https://example.org/blogchat/2026-02-22/recap"  # past sessions stay, with recaps
    assert "sessions" in chats["weekly-ny"] and chats["weekly-ny"]["sessions"] == []


def test_upcoming_in_js_follows_a_move(data_files):
    script = (
        "import { readFileSync } from 'node:fs';"
        "import { decode, upcoming } from './theme/static/js/schedule.js';"
        f"const chats = decode(JSON.parse(readFileSync({json.dumps(str(data_files['data/schedules.json']))}, 'utf-8')));"
        "const pm = chats.find((c) => c.slug === 'pmchat');"
        f"const next = upcoming(pm, Date.parse('2026-03-07T00:00:00Z'), 2);"
        "process.stdout.write(JSON.stringify(next));"
    )
    result = node("--input-type=module", "-e", script)
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first["topic"] == "Estimates under uncertainty" and first["moved"] is True
    assert first["url"] == "chats/pmchat/2026-03-13/"
    assert first["start"] == dt.datetime(2026, 3, 12, 18, tzinfo=UTC).timestamp() * 1000
    assert second["start"] == dt.datetime(2026, 3, 20, 16, tzinfo=UTC).timestamp() * 1000
