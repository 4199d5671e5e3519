"""The chat file format, version 1, as one declarative description.

This table drives validation, the error messages, the JSON Schema published
with the site and the field tables of the contributor guide. Rules that tie
several fields together live in `rules.py`.
"""

from __future__ import annotations

from chatcal.chatfile.values import (
    Date,
    Every,
    Field,
    Hashtag,
    Keyword,
    Language,
    ListOf,
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

SCHEMA_ID = "chat.schema.json"


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


def field_table(record: Record) -> str:
    """A Markdown table of a record's fields, for the contributor guide."""
    rows = ["| field | required | value |", "|---|---|---|"]
    for spec in record.fields.values():
        required = "yes" if spec.required else (spec.required_doc or "no")
        rows.append(f"| `{spec.name}` | {required} | {spec.description} |")
    return "\n".join(rows)
