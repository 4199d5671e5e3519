"""The published JSON Schema comes from the same description as the
validator: every valid chat passes it, and typical mistakes fail it."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from chatcal.chatfile.format import CHAT, ENTRY, field_table, json_schema
from tests.support import FIXTURE_CONTENT, ROOT

CHAT_FILES = sorted((FIXTURE_CONTENT / "chats").glob("*.md")) + sorted((ROOT / "content/chats").glob("*.md"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8").split("---\n")[1]
    return yaml.load(text, Loader=yaml.BaseLoader)  # every scalar a string, as we read them


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", CHAT_FILES, ids=lambda p: p.name)
def test_valid_chats_pass_the_schema(validator, path):
    assert list(validator.iter_errors(front_matter(path))) == []


@pytest.mark.parametrize("change", [
    {"timezon": "UTC"},
    {"status": "paused"},
    {"hashtag": "blog-chat"},
    {"website": "javascript:alert(1)"},
    {"schedule": [{"every": "9 weeks", "on": "sunday", "at": "21:00", "timezone": "UTC"}]},
    {"schedule": [{"every": "week", "on": "sundy", "at": "21:00", "timezone": "UTC"}]},
    {"schedule": [{"every": "week", "on": "sunday", "at": "24:00", "timezone": "UTC"}]},
    {"schedule": [{"every": "week", "on": "sunday", "at": "21:00", "timezone": "EST"}]},
    {"topics": [str(n) for n in range(9)]},
])
def test_mistakes_fail_the_schema(validator, change):
    data = {**front_matter(FIXTURE_CONTENT / "chats/weekly-ny.md"), **change}
    assert list(validator.iter_errors(data))


def test_keywords_are_case_insensitive_in_the_schema(validator):
    data = front_matter(FIXTURE_CONTENT / "chats/weekly-ny.md")
    data["schedule"][0]["on"] = "SUNDAY"
    data["status"] = "Active"
    assert list(validator.iter_errors(data)) == []


def test_field_tables_come_from_the_same_description():
    table = field_table(CHAT)
    assert table.splitlines()[0] == "| field | required | value |"
    assert [line.split("`")[1] for line in table.splitlines()[2:]] == list(CHAT.fields)
    assert "| `from` | when `every` is `N weeks` |" in field_table(ENTRY)


def test_contributing_tables_are_up_to_date():
    from chatcal.tools.docs import with_tables

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert with_tables(text) == text, "run `invoke docs` to regenerate the field tables"
