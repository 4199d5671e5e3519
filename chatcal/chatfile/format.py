"""The chat file format, version 1.1 (chat and session files), as one declarative description.

This table drives validation, the error messages, the JSON Schema published
with the site and the field tables of the contributor guide. Rules that tie
several fields together live in `rules.py`.
"""

from __future__ import annotations

from chatcal.chatfile.values import (
    Boolean,
    Date,
    Every,
    Field,
    Hashtag,
    Keyword,
    Language,
    ListOf,
    LocalDateTime,
    Minutes,
    OnDay,
    OneOf,
    Pattern,
    Record,
    Text,
    Time,
    Timezone,
    TopicPhrase,
    Url,
)

# Every platform a chat can happen on, with the name the site shows.
PLATFORM_NAMES = {
    "x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky", "threads": "Threads",
    "linkedin": "LinkedIn", "instagram": "Instagram", "facebook": "Facebook", "youtube": "YouTube",
    "twitch": "Twitch", "discord": "Discord", "slack": "Slack", "other": "elsewhere",
}
PLATFORMS = list(PLATFORM_NAMES)
PLATFORM = Keyword("a platform", PLATFORMS, {"twitter": "x"})
STATUSES = ["active", "hiatus", "ended"]

HOST = OneOf(
    Record(
        "host",
        [
            Field("name", Text(80), doc="the host's name"),
            Field("handle", Text(100), doc="the host's handle (`@jane@example.social`)"),
            Field("platform", PLATFORM, doc="where the handle lives: " + PLATFORM.doc),
            Field("url", Url(), doc="an `http` or `https` URL of the host's profile"),
        ],
        at_least_one_of=("name", "handle"),
    ),
    shorthand_field="handle",
    shorthand_pattern=r"^@\S{1,99}$",
)

ENTRY = Record(
    "schedule entry",
    [
        Field("every", Every(), required=True),
        Field("on", ListOf(OnDay(), unique=True), required=True,
              doc="for weekly entries a weekday or a list (`sunday`, `[tuesday, thursday]`, `sun`); "
                  "for `month`, an ordinal and a weekday or a list (`first tuesday`, `[first tuesday, third tuesday]`)"),
        Field("at", Time(), required=True, doc="start time in the entry's zone, 24-hour `H:MM` or `HH:MM` (`9:00`, `21:00`)"),
        Field("timezone", Timezone(), required=True),
        Field("duration", Minutes(5, 720), default=60, doc="elapsed minutes, 5 to 720; default 60"),
        Field("from", Date(), required_doc="when `every` is `N weeks`",
              doc="`YYYY-MM-DD`, the date of the first session; must be a day the entry meets on"),
        Field("until", Date(), required_doc="when the chat's status is `hiatus` or `ended`",
              doc="`YYYY-MM-DD`, the last date a session may start on, in the entry's zone"),
        Field("skip", ListOf(Date(), unique=True), default=(),
              doc="`YYYY-MM-DD` dates of cancelled sessions, in the entry's zone"),
        Field("id", Pattern(r"[a-z][a-z0-9-]{0,19}", "lowercase letters, digits and hyphens, starting with a letter, at most 20 characters",
                            "a name for the entry, unique in the chat (`apac`); default: its position `1`, `2`, ..."),),
        Field("label", Text(80), doc="text shown with the entry (`APAC edition`)"),
    ],
)

CHAT = Record(
    "chat",
    [
        Field("title", Text(80), required=True, doc="display name, 1-80 characters, one line"),
        Field("hashtag", Hashtag(), required=True),
        Field("schedule", ListOf(ENTRY), required=True, doc="one or more schedule entries (below)"),
        Field("platforms", ListOf(PLATFORM, unique=True), default=("x",),
              doc="where the chat happens: " + PLATFORM.doc + " (`twitter` means `x`); default `[x]`"),
        Field("topics", ListOf(TopicPhrase(), max_items=8, unique=True, noun="topics"), default=()),
        Field("language", Language(), default="en", doc=Language.doc + "; default `en`"),
        Field("hosts", ListOf(HOST), default=(),
              doc="each a mapping with `name` and/or `handle`, optional `platform` and `url`; `\"@handle\"` is short for `{handle: \"@handle\"}`"),
        Field("website", Url(), doc="an `http` or `https` URL about the chat"),
        Field("archive", Url(), doc="an `http` or `https` URL of transcripts or recaps"),
        Field("status", Keyword("a status", STATUSES), default="active",
              doc="`active`, `hiatus` (paused, may return) or `ended`; default `active`"),
        Field("added", Date(), required=True, doc="`YYYY-MM-DD`, the date the chat was listed"),
        Field("verified", Date(), doc="`YYYY-MM-DD`, the date someone last confirmed the chat runs as listed"),
    ],
    elsewhere=(list(ENTRY.fields), "each schedule entry, under `schedule:`"),
)

SESSION_STATUSES = ["scheduled", "cancelled"]

SESSION = Record(
    "session",
    [
        Field("topic", Text(120), required_doc="yes, unless `status: cancelled`",
              doc="the session's subject, 1-120 characters, one line"),
        Field("hosts", ListOf(HOST), default=(),
              doc="the session's hosts (guests), in the chat's `hosts` form; shown instead of the chat's hosts"),
        Field("link", Url(), doc="an `http` or `https` URL: the announcement, the questions, the sign-up"),
        Field("recap", Url(), doc="an `http` or `https` URL of the transcript, recording or recap, added after the session"),
        Field("status", Keyword("a session status", SESSION_STATUSES, {"canceled": "cancelled"}), default="scheduled",
              doc="`scheduled` or `cancelled` (the same as listing the date in the entry's `skip`); default `scheduled`"),
        Field("note", Text(120), doc="one line, at most 120 characters, shown with the session (`Holiday break`)"),
        Field("start", LocalDateTime(),
              doc="`YYYY-MM-DD HH:MM`, the actual local start in the entry's zone when the session is moved; "
                  "the date may differ from the file's"),
        Field("duration", Minutes(5, 720), doc="elapsed minutes, 5 to 720: this session's length, when not the entry's"),
        Field("extra", Boolean(), default=False,
              doc="`true` for a one-off session on a date the schedule does not meet (it needs `topic`; "
                  "it starts at the entry's `at` unless `start`, on the same date, says otherwise); default `false`"),
    ],
)

SCHEMA_ID = "chat.schema.json"
SESSION_SCHEMA_ID = "session.schema.json"


def json_schema(base_url: str = "") -> dict:
    """The JSON Schema of a chat file's front matter."""
    schema = CHAT.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/schema/{SCHEMA_ID}" if base_url else SCHEMA_ID,
        "title": "chatcal chat file front matter, format version 1",
        "description": "YAML front matter of content/chats/<slug>.md. Values are read as text "
                       "(no implicit typing); keywords are case-insensitive; where a list is "
                       "expected a single value means a list of one.",
        **schema,
    }


def session_json_schema(base_url: str = "") -> dict:
    """The JSON Schema of a session file's front matter."""
    cancelled = {"properties": {"status": {"pattern": "^[Cc][Aa][Nn][Cc][Ee][Ll][Ll]?[Ee][Dd]$"}}, "required": ["status"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/schema/{SESSION_SCHEMA_ID}" if base_url else SESSION_SCHEMA_ID,
        "title": "chatcal session file front matter, format version 1.1",
        "description": "YAML front matter of content/sessions/<slug>/<YYYY-MM-DD>[-<entry id>].md. Values are "
                       "read as text (no implicit typing); keywords are case-insensitive.",
        **SESSION.schema(),
        # What the table cannot say: a cancelled session has no times; any other needs a topic.
        "if": cancelled,
        "then": {"not": {"anyOf": [{"required": [name]} for name in ("start", "duration", "extra")]}},
        "else": {"required": ["topic"]},
    }


def field_table(record: Record) -> str:
    """A Markdown table of a record's fields, for the contributor guide."""
    rows = ["| field | required | value |", "|---|---|---|"]
    for spec in record.fields.values():
        required = "yes" if spec.required else (spec.required_doc or "no")
        rows.append(f"| `{spec.name}` | {required} | {spec.description} |")
    return "\n".join(rows)


def session_field_table() -> str:
    """The field table of session files, for the contributor guide."""
    return field_table(SESSION)
