"""Validation of chat files: every kind of bad input, with its exact message.

Each case writes a minimal valid chat with one thing changed and asserts the
full text of every problem found (`path:line: field: message`), in the style
of MkDocs' config tests. The valid chat, line by line:

     1  ---
     2  title: Blog Chat
     3  hashtag: blogchat
     4  schedule:
     5    - every: week
     6      on: sunday
     7      at: "21:00"
     8      timezone: America/New_York
     9      duration: 60
    10  added: 2026-11-25          (a Wednesday; first session Sunday 2026-11-29)
    11  ---
    12  A weekly chat for bloggers.

A new top-level key goes after `added` (line 11); a new entry key goes after
`duration` (line 10, and `added` moves to line 11).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chatcal.chatfile.catalog import load_catalog
from chatcal.chatfile.reader import read_chat
from tests.support import write_chat

TOP = {"title": "Blog Chat", "hashtag": "blogchat", "schedule": None, "added": "2026-11-25"}
ENTRY = {"every": "week", "on": "sunday", "at": '"21:00"', "timezone": "America/New_York", "duration": "60"}
BODY = "A weekly chat for bloggers."


def chat_text(entry: dict | None = None, body: str = BODY, **top) -> str:
    """The valid chat with fields replaced (a value of None removes the key).

    Values are raw YAML after `key:`; one starting with a newline is a block.
    `schedule=None` (the default) writes the one entry built from ENTRY.
    """
    def line(key: str, value: str, indent: str) -> str:
        return f"{indent}{key}:{'' if value.startswith(chr(10)) else ' '}{value}"

    fields = {**ENTRY, **(entry or {})}
    lines = ["---"]
    for key, value in {**TOP, **top}.items():
        if key == "schedule" and value is None:
            lines.append("schedule:")
            items = [(k, v) for k, v in fields.items() if v is not None]
            lines += [line(k, v, "  - " if n == 0 else "    ") for n, (k, v) in enumerate(items)]
        elif value is not None:
            lines.append(line(key, value, ""))
    return "\n".join([*lines, "---", body]) + "\n"


def check(text: str | None = None, *, data: bytes | None = None, name: str = "blog-chat.md", **fields):
    """Validate one file in memory: (chat or None, problems as printed)."""
    if data is None:
        data = (chat_text(**fields) if text is None else text).encode("utf-8")
    chat, report = read_chat(Path(name), data=data, display_path=name)
    return chat, [str(p) for p in report.problems]


def problems(text: str | None = None, **kwargs) -> list[str]:
    return check(text, **kwargs)[1]


def test_the_minimal_chat_is_valid():
    chat, found = check()
    assert found == []
    assert chat is not None and chat.slug == "blog-chat"


# --- one field wrong, one problem ------------------------------------------

F = "blog-chat.md"
EXPECTED_HASHTAG = "expected a hashtag of letters, digits and `_` with at least one letter, at most 100 characters"
EXPECTED_PLATFORM = ("expected a platform (x, mastodon, bluesky, threads, linkedin, instagram, facebook, "
                     "youtube, twitch, discord, slack, other)")
EXPECTED_TIME = "expected a 24-hour time H:MM or HH:MM (`9:00`, `21:00`)"
EXPECTED_ZONE = "expected an IANA time zone such as `America/New_York`, or `UTC`"
EXPECTED_ON = "expected a weekday (`sunday`, `sun`) or an ordinal and a weekday (`first tuesday`)"
EXPECTED_EVERY = "expected `week`, `N weeks` with N from 2 to 8, or `month`"
TOP_KEYS = "title, hashtag, schedule, platforms, topics, language, hosts, website, archive, status, added, verified"

FIELD_CASES = [
    # title
    pytest.param({"title": "x" * 81},
                 f"{F}:2: title: expected 1-80 characters on one line, found 81 characters: shorten it",
                 id="title-too-long"),
    pytest.param({"title": '"Blog\\nChat"'},
                 f"{F}:2: title: expected 1-80 characters on one line, found 2 lines: join them into one",
                 id="title-two-lines"),
    pytest.param({"title": None},
                 f"{F}:2: title: missing: expected 1-80 characters on one line; add `title:` to the chat",
                 id="title-missing"),
    # hashtag
    pytest.param({"hashtag": "blog-chat!"},
                 f"{F}:3: hashtag: {EXPECTED_HASHTAG}, found `blog-chat!`: remove `!`, `-` and write `hashtag: blogchat`",
                 id="hashtag-invalid-characters"),
    pytest.param({"hashtag": "2024"},
                 f"{F}:3: hashtag: {EXPECTED_HASHTAG}, found `2024`: a hashtag needs at least one letter",
                 id="hashtag-no-letter"),
    pytest.param({"hashtag": "#blogchat"},
                 f"{F}:3: hashtag: hashtag is empty: in YAML `#` starts a comment; write `hashtag: blogchat`",
                 id="hashtag-unquoted-hash-is-a-comment"),
    pytest.param({"hashtag": '""'},
                 f"{F}:3: hashtag: hashtag is empty: {EXPECTED_HASHTAG}",
                 id="hashtag-empty"),
    pytest.param({"hashtag": "a" * 101},
                 f"{F}:3: hashtag: {EXPECTED_HASHTAG}, found `{'a' * 57}...` (101 characters): shorten it",
                 id="hashtag-too-long"),
    # platforms
    pytest.param({"platforms": "[x, mastadon]"},
                 f"{F}:11: platforms[2]: {EXPECTED_PLATFORM}, found `mastadon`: did you mean `mastodon`?",
                 id="platform-unknown-did-you-mean"),
    pytest.param({"platforms": "[x, twitter]"},
                 f"{F}:11: platforms[2]: `twitter` means `x`, which is already listed: remove one",
                 id="platform-synonym-listed-twice"),
    # topics
    pytest.param({"topics": "[a, b, c, d, e, f, g, h, i]"},
                 f"{F}:11: topics: expected at most 8 topics, found 9: keep at most 8",
                 id="topics-more-than-8"),
    pytest.param({"topics": "x" * 41},
                 f"{F}:11: topics: expected a short phrase of 1-40 characters, found `{'x' * 41}`",
                 id="topic-too-long"),
    # language
    pytest.param({"language": "english"},
                 f"{F}:11: language: expected a BCP 47 language tag (`en`, `es`, `pt-BR`), found `english`: use `en`",
                 id="language-english"),
    # hosts
    pytest.param({"hosts": "\n  - platform: mastodon"},
                 f"{F}:12: hosts[1]: expected at least one of `name` or `handle`, found neither: add one",
                 id="host-without-name-or-handle"),
    pytest.param({"hosts": "\n  - name: Jane\n    url: ftp://example.org/jane"},
                 f"{F}:13: hosts[1].url: expected an http or https URL, found `ftp://example.org/jane`",
                 id="host-url-not-http"),
    pytest.param({"hosts": "jane"},
                 f"{F}:11: hosts: expected a mapping (name, handle, platform, url) or a handle such as "
                 '`"@name"`, found `jane`',
                 id="host-shorthand-without-at"),
    # website, archive
    pytest.param({"website": "javascript:alert(1)"},
                 f"{F}:11: website: expected an http or https URL, found `javascript:alert(1)`",
                 id="website-javascript"),
    pytest.param({"website": "example.org"},
                 f"{F}:11: website: expected an http or https URL, found `example.org`: write `https://example.org`",
                 id="website-without-scheme"),
    # status
    pytest.param({"status": "actve"},
                 f"{F}:11: status: expected a status (active, hiatus, ended), found `actve`: did you mean `active`?",
                 id="status-typo"),
    # added
    pytest.param({"added": None},
                 f"{F}:2: added: missing: expected a date YYYY-MM-DD; add `added:` to the chat",
                 id="added-missing"),
    pytest.param({"added": "25/11/2026"},
                 f"{F}:10: added: expected a date YYYY-MM-DD, found `25/11/2026`",
                 id="added-not-iso"),
    pytest.param({"added": "2026-02-30"},
                 f"{F}:10: added: expected a date YYYY-MM-DD, found `2026-02-30` (day is out of range for month)",
                 id="added-no-such-day"),
    # every
    pytest.param({"entry": {"every": "fortnightly"}},
                 f"{F}:5: schedule[1].every: {EXPECTED_EVERY}, found `fortnightly`: write `every: 2 weeks`",
                 id="every-fortnightly"),
    pytest.param({"entry": {"every": "9 weeks"}},
                 f"{F}:5: schedule[1].every: {EXPECTED_EVERY}, found `9 weeks`",
                 id="every-9-weeks"),
    # on
    pytest.param({"entry": {"on": "sundy"}},
                 f"{F}:6: schedule[1].on: {EXPECTED_ON}, found `sundy`: did you mean `sunday`?",
                 id="on-weekday-typo"),
    pytest.param({"entry": {"on": "first sunday"}},
                 f"{F}:6: schedule[1].on: expected a weekday for a weekly entry, found `first sunday`: "
                 "an ordinal needs `every: month`; for weekly write `sunday`",
                 id="weekly-with-ordinal"),
    pytest.param({"entry": {"every": "month"}},
                 f"{F}:6: schedule[1].on: expected an ordinal and a weekday for `every: month` (`first sunday`), "
                 "found `sunday`: write `first sunday`, or `every: week` for a weekly chat",
                 id="monthly-without-ordinal"),
    pytest.param({"entry": {"every": "month", "on": "frist sunday"}},
                 f"{F}:6: schedule[1].on: {EXPECTED_ON}, found `frist sunday`: the ordinal must be one of "
                 "first, second, third, fourth, last; did you mean `first`?",
                 id="monthly-ordinal-typo"),
    # at
    pytest.param({"entry": {"at": '"24:00"'}},
                 f"{F}:7: schedule[1].at: {EXPECTED_TIME}, found `24:00`: `24:00` is not a start time; "
                 "for midnight write `0:00` (of the following day)",
                 id="at-24:00"),
    pytest.param({"entry": {"at": "9pm"}},
                 f'{F}:7: schedule[1].at: {EXPECTED_TIME}, found `9pm`: write `"21:00"`',
                 id="at-9pm"),
    # timezone
    pytest.param({"entry": {"timezone": "EST"}},
                 f"{F}:8: schedule[1].timezone: EST is an abbreviation, not a time zone; "
                 "use America/New_York (or America/Toronto, ...)",
                 id="timezone-abbreviation-EST"),
    pytest.param({"entry": {"timezone": "America/New_Yrok"}},
                 f"{F}:8: schedule[1].timezone: {EXPECTED_ZONE}, found `America/New_Yrok`: did you mean `America/New_York`?",
                 id="timezone-typo"),
    pytest.param({"entry": {"timezone": "GMT+1"}},
                 f"{F}:8: schedule[1].timezone: GMT+1 is an offset or legacy name, not a time zone; "
                 "use a zone of the form Area/Location, such as Europe/Paris",
                 id="timezone-offset-GMT+1"),
    pytest.param({"entry": {"timezone": "Etc/GMT-1"}},
                 f"{F}:8: schedule[1].timezone: Etc/GMT-1 is an offset or legacy name, not a time zone; "
                 "use a zone of the form Area/Location, such as Europe/Paris",
                 id="timezone-legacy-Etc/GMT-1"),
    pytest.param({"entry": {"timezone": "EST5EDT"}},
                 f"{F}:8: schedule[1].timezone: EST5EDT is a legacy name, not a time zone; "
                 "use America/New_York (or America/Toronto, ...)",
                 id="timezone-legacy-EST5EDT"),
    pytest.param({"entry": {"timezone": "PST8PDT"}},
                 f"{F}:8: schedule[1].timezone: PST8PDT is a legacy name, not a time zone; "
                 "use America/Los_Angeles (or America/Vancouver, ...)",
                 id="timezone-legacy-PST8PDT"),
    pytest.param({"entry": {"timezone": "GMT-5"}},
                 f"{F}:8: schedule[1].timezone: GMT-5 is an offset or legacy name, not a time zone; "
                 "use a zone of the form Area/Location, such as America/New_York",
                 id="timezone-offset-GMT-5"),
    pytest.param({"entry": {"timezone": '"+01:00"'}},
                 f"{F}:8: schedule[1].timezone: +01:00 is an offset or legacy name, not a time zone; "
                 "use a zone of the form Area/Location, such as Europe/Paris",
                 id="timezone-offset-+01:00"),
    pytest.param({"entry": {"timezone": "Eastern"}},
                 f"{F}:8: schedule[1].timezone: {EXPECTED_ZONE}, found `Eastern`: "
                 "did you mean `America/New_York` (or America/Toronto, ...)?",
                 id="timezone-Eastern"),
    # duration
    pytest.param({"entry": {"duration": "4"}},
                 f"{F}:9: schedule[1].duration: expected whole minutes from 5 to 720, found `4`",
                 id="duration-too-short"),
    pytest.param({"entry": {"duration": "721"}},
                 f"{F}:9: schedule[1].duration: expected whole minutes from 5 to 720, found `721`",
                 id="duration-too-long"),
    pytest.param({"entry": {"duration": "1h"}},
                 f"{F}:9: schedule[1].duration: expected whole minutes from 5 to 720, found `1h`: write `duration: 60`",
                 id="duration-1h"),
    # entry id, skip list
    pytest.param({"entry": {"id": "Main"}},
                 f"{F}:10: schedule[1].id: expected lowercase letters, digits and hyphens, starting with a letter, "
                 "at most 20 characters, found `Main`",
                 id="entry-id-uppercase"),
    pytest.param({"entry": {"skip": "[2026-12-06, 2026-12-06]"}},
                 f"{F}:10: schedule[1].skip[2]: `2026-12-06` is listed twice: remove one",
                 id="skip-listed-twice"),
    # unknown keys
    pytest.param({"titel": "Blog"},
                 f"{F}:11: titel: unknown key `titel`: did you mean `title`?",
                 id="unknown-top-level-key-did-you-mean"),
    pytest.param({"colour": "red"},
                 f"{F}:11: colour: unknown key `colour`: expected one of {TOP_KEYS}",
                 id="unknown-top-level-key"),
    pytest.param({"entry": {"timezon": "UTC"}},
                 f"{F}:10: schedule[1].timezon: unknown key `timezon`: did you mean `timezone`?",
                 id="unknown-entry-key-did-you-mean"),
    pytest.param({"timezon": "UTC"},
                 f"{F}:11: timezon: unknown key `timezon`: did you mean `timezone`? "
                 "It goes in each schedule entry, under `schedule:`",
                 id="unknown-top-level-key-of-an-entry"),
    # the schedule itself
    pytest.param({"schedule": "weekly"},
                 f"{F}:4: schedule: expected a mapping of schedule entry fields (every, on, at, timezone, "
                 "duration, from, until, skip, id, label), found `weekly`",
                 id="schedule-not-a-list"),
]


@pytest.mark.parametrize("fields, expected", FIELD_CASES)
def test_one_field_wrong(fields, expected):
    chat, found = check(**fields)
    assert found == [expected]
    assert chat is None


@pytest.mark.parametrize(
    "alias, canonical",
    [("US/Eastern", "America/New_York"), ("Asia/Calcutta", "Asia/Kolkata"), ("Europe/Kiev", "Europe/Kyiv")],
)
def test_deprecated_zone_alias_is_a_warning(alias, canonical):
    chat, found = check(entry={"timezone": alias})
    assert found == [f"{F}:8: schedule[1].timezone: warning: `{alias}` is a deprecated alias; use `{canonical}`"]
    assert chat is not None and chat.schedule[0].timezone == canonical


# --- rules that tie fields together -----------------------------------------

RULE_CASES = [
    pytest.param({"entry": {"every": "2 weeks"}},
                 [f"{F}:5: schedule[1].from: missing: `every: 2 weeks` needs `from`, the date of the first session, "
                  "to know which weeks are on: add `from: YYYY-MM-DD` (a sunday, every 2 weeks)"],
                 id="every-2-weeks-without-from"),
    pytest.param({"entry": {"from": "2026-11-24"}},
                 [f"{F}:10: schedule[1].from: `2026-11-24` is a Tuesday, not a day this entry meets on (sunday): "
                  "use `2026-11-22` or `2026-11-29`"],
                 id="from-on-the-wrong-weekday"),
    pytest.param({"entry": {"every": "month", "on": "first sunday", "from": "2026-12-13"}},
                 [f"{F}:10: schedule[1].from: `2026-12-13` is a Sunday, not a day this entry meets on (first sunday): "
                  "use `2026-12-06` or `2027-01-03`"],
                 id="monthly-from-not-matching-the-ordinal"),
    pytest.param({"entry": {"skip": "2026-12-01"}},
                 [f"{F}:10: schedule[1].skip: `2026-12-01` is not a session of this entry (sunday): "
                  "remove it or use `2026-11-29` or `2026-12-06`"],
                 id="skip-not-a-session"),
    pytest.param({"entry": {"every": "2 weeks", "from": "2026-11-29", "skip": "2026-12-06"}},
                 [f"{F}:11: schedule[1].skip: `2026-12-06` is not a session of this entry (sunday, every 2 weeks "
                  "from 2026-11-29): remove it or use `2026-11-29` or `2026-12-13`"],
                 id="skip-in-an-off-week"),
    pytest.param({"entry": {"skip": "\n      - 2026-12-06\n      - 2026-12-01"}},
                 [f"{F}:12: schedule[1].skip[2]: `2026-12-01` is not a session of this entry (sunday): "
                  "remove it or use `2026-11-29` or `2026-12-06`"],
                 id="skip-second-item-of-block-list"),
    pytest.param({"entry": {"skip": "2026-11-22"}},
                 [f"{F}:10: schedule[1].skip: `2026-11-22` is before the series starts (added `2026-11-25`): "
                  "remove it or use `2026-11-29`"],
                 id="skip-before-the-series-starts"),
    pytest.param({"entry": {"skip": "2027-01-03", "until": "2026-12-27"}},
                 [f"{F}:10: schedule[1].skip: `2027-01-03` is after the series ends (until `2026-12-27`): remove it"],
                 id="skip-after-until"),
    pytest.param({"entry": {"until": "2026-11-01"}},
                 [f"{F}:10: schedule[1].until: `2026-11-01` is before the series starts (added `2026-11-25`): "
                  "fix the date"],
                 id="until-before-added"),
    pytest.param({"entry": {"from": "2026-12-06", "until": "2026-11-29"}},
                 [f"{F}:11: schedule[1].until: `2026-11-29` is before the series starts (from `2026-12-06`): "
                  "fix the date"],
                 id="until-before-from"),
    pytest.param({"entry": {"until": "2026-11-27"}},
                 [f"{F}:10: schedule[1].until: `2026-11-27` is before the series starts (first session "
                  "`2026-11-29`): fix the date"],
                 id="until-before-the-first-session"),
    pytest.param({"status": "ended"},
                 [f"{F}:5: schedule[1].until: missing: a chat with `status: ended` needs `until` on every schedule "
                  "entry, the date of its last session: add `until: YYYY-MM-DD`"],
                 id="ended-without-until"),
    pytest.param({"status": "hiatus"},
                 [f"{F}:5: schedule[1].until: missing: a chat with `status: hiatus` needs `until` on every schedule "
                  "entry, the date of its last session: add `until: YYYY-MM-DD`"],
                 id="hiatus-without-until"),
    pytest.param({"schedule": "\n  - id: main\n    every: week\n    on: sunday\n    at: \"21:00\"\n    timezone: UTC"
                              "\n  - id: main\n    every: week\n    on: monday\n    at: \"21:00\"\n    timezone: UTC"},
                 [f"{F}:10: schedule[2].id: entry id `main` is already used by schedule[1]: give each entry its own `id`"],
                 id="duplicate-entry-ids"),
]


@pytest.mark.parametrize("fields, expected", RULE_CASES)
def test_rule_broken(fields, expected):
    chat, found = check(**fields)
    assert found == expected
    assert chat is None


# --- the file itself and its YAML -------------------------------------------

VALID = chat_text()
BILLION_LAUGHS = """\
---
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
---
lol
"""

FILE_CASES = [
    pytest.param(VALID.replace("hashtag: blogchat\n", "hashtag: blogchat\ntitle: Other\n"),
                 f"{F}:4: title: duplicate key `title` (first given on line 2): keep only one",
                 id="duplicate-key"),
    pytest.param(VALID.replace("title: Blog Chat", "title: !!str Blog Chat"),
                 f"{F}:2: front matter: YAML tag `!!str` is not allowed: remove it (values are read as text)",
                 id="yaml-tag-str"),
    pytest.param(VALID.replace("title: Blog Chat", "title: !!python/object:os.system ls"),
                 f"{F}:2: front matter: YAML tag `!!python/object:os.system` is not allowed: "
                 "remove it (values are read as text)",
                 id="yaml-tag-python-object"),
    pytest.param(VALID.replace("title: Blog Chat", "title: &name Blog Chat"),
                 f"{F}:2: front matter: YAML anchor `&name` is not allowed: write the value out in full",
                 id="yaml-anchor"),
    pytest.param(VALID.replace("hashtag: blogchat", "hashtag: *name"),
                 f"{F}:3: front matter: YAML alias `*name` is not allowed: write the value out in full",
                 id="yaml-alias"),
    pytest.param(BILLION_LAUGHS,
                 f"{F}:2: front matter: YAML anchor `&a` is not allowed: write the value out in full",
                 id="billion-laughs"),
    pytest.param(VALID.replace("title: Blog Chat", "<<: {title: Blog Chat}"),
                 f"{F}:2: front matter: YAML merge keys (`<<`) are not allowed: write the keys out",
                 id="yaml-merge-key"),
    pytest.param(VALID.replace("    on: sunday", "\ton: sunday"),
                 f"{F}:6: front matter: tab character in indentation: YAML needs spaces; replace the tab with spaces",
                 id="tab-indentation"),
    pytest.param(VALID.replace("title: Blog Chat", "title: [Blog Chat"),
                 f"{F}:3: front matter: YAML syntax error: expected ',' or ']', but got ':'",
                 id="yaml-syntax-error"),
    pytest.param("---\n---\nA chat.\n",
                 f"{F}:2: front matter: front matter is empty: expected `title`, `hashtag`, `schedule` and `added`",
                 id="empty-front-matter"),
    pytest.param("---\n- Blog Chat\n---\nA chat.\n",
                 f"{F}:2: front matter: expected a mapping of `key: value` lines, found a list",
                 id="front-matter-not-a-mapping"),
    pytest.param(VALID.replace("---\n" + BODY, BODY),
                 f"{F}:11: front matter: missing closing `---`: end the front matter with a line `---` "
                 "before the description",
                 id="missing-closing-dashes"),
    pytest.param(VALID.removeprefix("---\n"),
                 f"{F}:1: front matter: expected the file to start with a line `---`, found `title: Blog Chat`: "
                 "put the front matter between two lines of `---`",
                 id="no-opening-dashes"),
    pytest.param("",
                 f"{F}:1: front matter: expected the file to start with a line `---`, found an empty line: "
                 "put the front matter between two lines of `---`",
                 id="empty-file"),
    pytest.param(chat_text(body=""),
                 f"{F}:12: description: description is empty: write a few sentences about the chat in Markdown "
                 "below the closing `---`",
                 id="empty-body"),
    pytest.param(chat_text(body="  \n\n"),
                 f"{F}:12: description: description is empty: write a few sentences about the chat in Markdown "
                 "below the closing `---`",
                 id="blank-body"),
    pytest.param(VALID.encode("utf-8").replace(b"Blog Chat", b"Blog Caf\xe9"),
                 f"{F}:2: file: bytes that are not UTF-8 (byte 0xe9 at offset 19): save the file as UTF-8",
                 id="not-utf-8"),
    pytest.param(VALID.replace("Blog Chat", "Blog\x00Chat"),
                 f"{F}:2: file: NUL character in the file: save it as UTF-8 text",
                 id="nul-character"),
    pytest.param(chat_text(body="x" * (65537 - len(chat_text(body="").encode()))),
                 f"{F}:1: file: file is 65,537 bytes; expected at most 65,536 (64 KB): shorten the description",
                 id="over-64-KB"),
    pytest.param(VALID.replace("title: Blog Chat", "title: " + "[" * 9 + "x" + "]" * 9),
                 f"{F}:2: front matter: nesting deeper than 8 levels is not allowed",
                 id="nesting-too-deep"),
    pytest.param(VALID.replace("title: Blog Chat", "title: " + "[" * 5000 + "]" * 5000),
                 f"{F}:2: front matter: nesting deeper than 8 levels is not allowed",
                 id="nesting-far-too-deep"),
]


@pytest.mark.parametrize("content, expected", FILE_CASES)
def test_bad_file(content, expected):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    chat, found = check(data=data)
    assert found == [expected]
    assert chat is None


def test_file_of_exactly_64_KB_is_accepted():
    text = chat_text(body="x" * (65536 - len(chat_text(body="").encode())))
    assert len(text.encode()) == 65536
    assert problems(text) == []


@pytest.mark.parametrize(
    "name, suggestion",
    [("Blog_Chat.md", "blog-chat"), ("blog--chat.md", "blog-chat"), ("blog chat!.md", "blog-chat")],
)
def test_bad_slug_file_name(name, suggestion):
    assert problems(name=name) == [
        f"{name}:1: file: file name `{name}` is not a valid slug: expected lowercase ASCII letters, digits and "
        f"single hyphens; rename it to `{suggestion}.md`"
    ]


def test_bom_and_crlf_are_accepted():
    data = ("\ufeff" + chat_text()).replace("\n", "\r\n").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    chat, found = check(data=data)
    assert found == []
    assert chat.title == "Blog Chat"
    assert chat.description == BODY
    assert chat.schedule[0].timezone == "America/New_York"


# --- no YAML implicit typing ------------------------------------------------

def test_scalars_stay_text_until_the_schema_converts_them():
    chat, found = check(
        title="yes", hashtag='"#BlogChat"', language="no", status="Active",
        entry={"every": "Week", "on": "Sunday", "at": "21:00", "duration": "060"},
    )
    assert found == []
    assert chat.title == "yes"  # not True
    assert chat.hashtag == "BlogChat"  # quoted `#` kept out of the comment, stored without it
    assert chat.language == "no"  # Norwegian, not False
    assert chat.status == "active"
    entry = chat.schedule[0]
    assert entry.at == dt.time(21, 0)  # not YAML 1.1's sexagesimal 1260
    assert entry.duration == 60
    assert chat.added == dt.date(2026, 11, 25)  # a date because the field says so


# --- every problem in one run ------------------------------------------------

def test_every_problem_of_a_file_is_reported_in_one_run():
    found = problems(
        title="x" * 81, hashtag="blog-chat", platforms="[x, tiktk]", language="english", status="actve",
        website="javascript:alert(1)", colour="red", added="2026-11-31", body="",
        entry={"every": "fortnightly", "on": "sundy", "at": "9pm", "timezone": "EST", "duration": "1h",
               "timezon": "UTC"},
    )
    assert found == [
        f"{F}:2: title: expected 1-80 characters on one line, found 81 characters: shorten it",
        f"{F}:3: hashtag: {EXPECTED_HASHTAG}, found `blog-chat`: remove `-` and write `hashtag: blogchat`",
        f"{F}:5: schedule[1].every: {EXPECTED_EVERY}, found `fortnightly`: write `every: 2 weeks`",
        f"{F}:6: schedule[1].on: {EXPECTED_ON}, found `sundy`: did you mean `sunday`?",
        f'{F}:7: schedule[1].at: {EXPECTED_TIME}, found `9pm`: write `"21:00"`',
        f"{F}:8: schedule[1].timezone: EST is an abbreviation, not a time zone; "
        "use America/New_York (or America/Toronto, ...)",
        f"{F}:9: schedule[1].duration: expected whole minutes from 5 to 720, found `1h`: write `duration: 60`",
        f"{F}:10: schedule[1].timezon: unknown key `timezon`: did you mean `timezone`?",
        f"{F}:11: added: expected a date YYYY-MM-DD, found `2026-11-31` (day is out of range for month)",
        f"{F}:12: platforms[2]: {EXPECTED_PLATFORM}, found `tiktk`",
        f"{F}:13: language: expected a BCP 47 language tag (`en`, `es`, `pt-BR`), found `english`: use `en`",
        f"{F}:14: status: expected a status (active, hiatus, ended), found `actve`: did you mean `active`?",
        f"{F}:15: website: expected an http or https URL, found `javascript:alert(1)`",
        f"{F}:16: colour: unknown key `colour`: expected one of {TOP_KEYS}",
        f"{F}:18: description: description is empty: write a few sentences about the chat in Markdown "
        "below the closing `---`",
    ]
    assert len(found) == 15


def test_rule_errors_are_reported_alongside_field_errors():
    assert problems(title="x" * 81, entry={"from": "2026-11-24"}) == [
        f"{F}:2: title: expected 1-80 characters on one line, found 81 characters: shorten it",
        f"{F}:10: schedule[1].from: `2026-11-24` is a Tuesday, not a day this entry meets on (sunday): "
        "use `2026-11-22` or `2026-11-29`",
    ]


# --- across files: hashtags ---------------------------------------------------

def catalog_problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    chats = tmp_path / "content" / "chats"
    for name, text in files.items():
        write_chat(chats, name, text)
    return [str(p) for p in load_catalog(chats, tmp_path).problems]


def test_same_hashtag_with_overlapping_sessions_is_an_error_on_both_files(tmp_path):
    found = catalog_problems(tmp_path, {
        "blog-chat.md": chat_text(),
        "blog-two.md": chat_text(hashtag="BlogChat", entry={"at": '"21:30"'}),
    })
    clash = ("and their sessions overlap (2026-11-30 02:30 UTC): one conversation cannot be two chats; "
             "change the time or the hashtag, or merge the files")
    assert found == [
        f"content/chats/blog-chat.md:3: hashtag: #blogchat is also the hashtag of content/chats/blog-two.md, {clash}",
        f"content/chats/blog-two.md:3: hashtag: #BlogChat is also the hashtag of content/chats/blog-chat.md, {clash}",
    ]


def test_same_hashtag_never_overlapping_is_a_warning(tmp_path):
    found = catalog_problems(tmp_path, {
        "blog-chat.md": chat_text(),
        "blog-two.md": chat_text(hashtag='"#BlogChat"', entry={"on": "monday"}),
    })
    advice = "(their sessions never overlap): if they are one chat, merge them into one file with several schedule entries"
    assert found == [
        f"content/chats/blog-chat.md:3: hashtag: warning: #blogchat is also the hashtag of content/chats/blog-two.md {advice}",
        f"content/chats/blog-two.md:3: hashtag: warning: #BlogChat is also the hashtag of content/chats/blog-chat.md {advice}",
    ]


def test_same_hashtag_on_an_ended_chat_is_fine(tmp_path):
    assert catalog_problems(tmp_path, {
        "blog-chat.md": chat_text(),
        "blog-old.md": chat_text(status="ended", entry={"until": "2026-12-27"}),
    }) == []


def test_bom_crlf_file_is_valid_in_a_catalog(tmp_path):
    chats = tmp_path / "content" / "chats"
    chats.mkdir(parents=True)
    (chats / "blog-chat.md").write_bytes(("\ufeff" + chat_text()).replace("\n", "\r\n").encode("utf-8"))
    catalog = load_catalog(chats, tmp_path)
    assert [str(p) for p in catalog.problems] == []
    assert [c.slug for c in catalog.chats] == ["blog-chat"]


def test_nesting_limit_is_exact():
    from chatcal.chatfile.frontmatter import FrontMatterError, parse_yaml

    assert parse_yaml("title: " + "[" * 7 + "x" + "]" * 7, 2)  # 8 levels with the top mapping
    with pytest.raises(FrontMatterError, match="nesting deeper than 8 levels"):
        parse_yaml("title: " + "[" * 8 + "x" + "]" * 8, 2)
