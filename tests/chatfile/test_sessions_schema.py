"""The session file's JSON Schema and field table come from the same description as its validator."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from chatcal.chatfile.format import SESSION, session_field_table, session_json_schema
from tests.support import FIXTURE_CONTENT

SESSION_FILES = sorted((FIXTURE_CONTENT / "sessions").glob("*/*.md"))


def front_matter(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=yaml.BaseLoader)


@pytest.fixture(scope="module")
def validator():
    schema = session_json_schema("https://chatcal.example")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://chatcal.example/schema/session.schema.json"
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SESSION_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_sessions_pass_the_schema(validator, path):
    assert list(validator.iter_errors(front_matter(path))) == []


@pytest.mark.parametrize("data", [
    {"topc": "x"},
    {"note": "no topic"},
    {"topic": "x", "status": "postponed"},
    {"topic": "x", "start": "2026-12-06"},
    {"topic": "x", "extra": "yes"},
    {"topic": "x", "link": "javascript:alert(1)"},
    {"status": "cancelled", "start": "2026-12-07 21:00"},
    {"status": "Cancelled", "duration": "30"},
    {"topic": "x", "duration": "2h"},
])
def test_typical_mistakes_fail_the_schema(validator, data):
    assert list(validator.iter_errors(data))


def test_a_cancelled_session_needs_no_topic(validator):
    assert list(validator.iter_errors({"status": "CANCELLED", "note": "Holiday"})) == []


def test_the_field_table_lists_every_field():
    table = session_field_table()
    assert all(f"| `{name}` |" in table for name in SESSION.fields)
    assert "| `topic` | yes, unless `status: cancelled` |" in table
