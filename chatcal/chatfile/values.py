"""Value types of the chat format: each converts a YAML node, explains itself
in error messages and documentation, and describes itself as JSON Schema.

A type's `convert` returns the converted value or raises `Invalid` with the
whole message (expected, found, how to fix). Compound types report each bad
part separately through the `Report` and return INVALID for the whole.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import langcodes

from chatcal.chatfile.frontmatter import ChatSource, Mapping, Node, Scalar, Sequence, read_chat_source
from chatcal.model import ORDINALS, WEEKDAYS, Day, topic_slug
from chatcal.report import Report
from chatcal.schedule.tz import database

INVALID = object()


class Invalid(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def shown(text: str) -> str:
    """A value as it appears in a message."""
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"`{text}`" if text else "nothing"


def any_case(word: str) -> str:
    """A regex matching `word` in any case, without flags (JSON Schema regexes have none)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def did_you_mean(text: str, options, cutoff: float = 0.6) -> str:
    match = difflib.get_close_matches(text.lower(), list(options), 1, cutoff)
    return f": did you mean `{match[0]}`?" if match else ""


def found_kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return shown(node.text)
    return "a list" if isinstance(node, Sequence) else "a mapping"


class Context:
    """Where a value is: its report, dotted field name and the raw file lines."""

    def __init__(self, report: Report, source, field: str = ""):
        self.report = report
        self.source = source
        self.field = field

    def child(self, name: str) -> Context:
        joined = f"{self.field}{name}" if name.startswith("[") or not self.field else f"{self.field}.{name}"
        return Context(self.report, self.source, joined)

    def error(self, line: int, message: str) -> None:
        self.report.error(line, self.field, message)

    def warning(self, line: int, message: str) -> None:
        self.report.warning(line, self.field, message)


class ValueType:
    expected = "a value"  # completes "expected ..."
    doc = ""  # the "value" column of documentation tables

    def schema(self) -> dict:
        return {"type": "string"}

    def convert(self, node: Node, ctx: Context):
        if not isinstance(node, Scalar):
            raise Invalid(f"expected {self.expected}, found {found_kind(node)}")
        text = node.text.strip()
        if not text:
            raise Invalid(_empty_message(node, ctx, self.expected))
        return self.parse(text, node, ctx)

    def parse(self, text: str, node: Scalar, ctx: Context):
        return text

    def fail(self, text: str, hint: str = "") -> Invalid:
        return Invalid(f"expected {self.expected}, found {shown(text)}{hint}")


def _empty_message(node: Scalar, ctx: Context, expected: str) -> str:
    raw = ctx.source.raw_line(node.line) if ctx.source else ""
    name = ctx.field.rsplit(".", 1)[-1]
    comment = re.search(r":\s+#\s*(\S.*)$", raw)
    if node.plain and comment:
        value = comment.group(1).strip()
        if name == "hashtag":
            value = value.lstrip("#")
        return (
            f"{name} is empty: in YAML `#` starts a comment; "
            f"write `{name}: {value}`"
        )
    return f"{name} is empty: expected {expected}"


class Text(ValueType):
    def __init__(self, max_length: int, noun: str = "characters"):
        self.max_length = max_length
        self.expected = f"1-{max_length} {noun} on one line"
        self.doc = f"text, 1-{max_length} characters, one line"

    def schema(self):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": "^[^\\n]+$"}

    def parse(self, text, node, ctx):
        if "\n" in text:
            raise Invalid(f"expected {self.expected}, found {text.count(chr(10)) + 1} lines: join them into one")
        if len(text) > self.max_length:
            raise Invalid(f"expected {self.expected}, found {len(text)} characters: shorten it")
        return text


HASHTAG_CHARS = re.compile(r"[^\w]|_", re.UNICODE)


class Hashtag(ValueType):
    expected = "a hashtag of letters, digits and `_` with at least one letter, at most 100 characters"
    doc = "letters and marks of any script, digits and `_`; at least one letter; at most 100 characters, a leading `#` optional"

    def schema(self):
        # Portable regex (no \\p{..} classes): no whitespace, no ASCII punctuation but `_`.
        return {"type": "string", "pattern": "^#?[^\\s!-/:-@\\[-^`{-~]{1,100}$"}

    def parse(self, text, node, ctx):
        tag = text[1:] if text.startswith("#") else text
        bad = sorted({c for c in tag if not _hashtag_char(c)})
        if bad:
            fixed = "".join(c for c in tag if _hashtag_char(c))
            listed = ", ".join(shown(c) if c != " " else "space" for c in bad)
            hint = f": remove {listed}" + (f" and write `hashtag: {fixed}`" if fixed else "")
            raise Invalid(f"expected {self.expected}, found {shown(text)}{hint}")
        if not any(unicodedata.category(c).startswith("L") for c in tag):
            raise self.fail(text, ": a hashtag needs at least one letter")
        if len(tag) > 100:
            raise self.fail(text, f" ({len(tag)} characters): shorten it")
        return tag


def _hashtag_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd" or char == "_"


class Keyword(ValueType):
    """One of a fixed set of words, case-insensitive, with accepted synonyms."""

    def __init__(self, noun: str, options: list[str], synonyms: dict[str, str] | None = None):
        self.options = options
        self.synonyms = synonyms or {}
        self.expected = f"{noun} ({', '.join(options)})"
        self.doc = ", ".join(f"`{o}`" for o in options)

    def schema(self):
        words = self.options + list(self.synonyms)
        return {"type": "string", "pattern": "^(" + "|".join(any_case(w) for w in words) + ")$"}

    def parse(self, text, node, ctx):
        word = text.lower()
        word = self.synonyms.get(word, word)
        if word not in self.options:
            raise self.fail(text, did_you_mean(word, self.options + list(self.synonyms)))
        return word


class Date(ValueType):
    expected = "a date YYYY-MM-DD"
    doc = "`YYYY-MM-DD`"

    def schema(self):
        return {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}

    def parse(self, text, node, ctx):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise self.fail(text)
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise self.fail(text, f" ({error})") from None


class LocalDateTime(ValueType):
    """A wall-clock start `YYYY-MM-DD HH:MM`, naive: its zone is the entry's."""

    expected = "a local date and time `YYYY-MM-DD HH:MM` (`2026-12-08 21:00`)"
    doc = "`YYYY-MM-DD HH:MM`"

    def schema(self):
        return {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}[ T]([01]?[0-9]|2[0-3]):[0-5][0-9]$"}

    def parse(self, text, node, ctx):
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})", text)
        if not match:
            hint = f": write `\"{text} 21:00\"` with the start time" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""
            raise self.fail(text, hint)
        try:
            date = dt.date.fromisoformat(match[1])
        except ValueError as error:
            raise self.fail(text, f" ({error})") from None
        try:
            time = Time().parse(match[2], node, ctx)
        except Invalid:
            raise self.fail(text) from None
        return dt.datetime.combine(date, time)


class Boolean(ValueType):
    expected = "`true` or `false`"
    doc = "`true` or `false`"
    WORDS = {"true": True, "false": False}

    def schema(self):
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": f"^({any_case('true')}|{any_case('false')})$"}]}

    def parse(self, text, node, ctx):
        word = text.lower()
        if word in self.WORDS:
            return self.WORDS[word]
        hint = {"yes": ": write `true`", "no": ": write `false`"}.get(word, "")
        raise self.fail(text, hint)


class Url(ValueType):
    expected = "an http or https URL"
    doc = "an `http` or `https` URL"

    def schema(self):
        return {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$", "maxLength": 2000}

    def parse(self, text, node, ctx):
        try:
            parts = urlsplit(text)
        except ValueError:
            raise self.fail(text) from None
        if parts.scheme.lower() not in ("http", "https"):
            hint = f": write `https://{text}`" if not parts.scheme and "." in text else ""
            raise self.fail(text, hint)
        if not parts.hostname or re.search(r"\s", text) or len(text) > 2000:
            raise self.fail(text)
        return text


class Time(ValueType):
    expected = "a 24-hour time H:MM or HH:MM (`9:00`, `21:00`)"
    doc = "24-hour `H:MM` or `HH:MM`"

    def schema(self):
        return {"type": "string", "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}

    def parse(self, text, node, ctx):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
        if match and int(match[1]) == 24 and match[2] == "00":
            raise self.fail(text, ": `24:00` is not a start time; for midnight write `0:00` (of the following day)")
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return dt.time(int(match[1]), int(match[2]))
        ampm = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?", text.lower())
        if ampm and 1 <= int(ampm[1]) <= 12:
            hour = int(ampm[1]) % 12 + (12 if ampm[3] == "p" else 0)
            raise self.fail(text, f": write `\"{hour}:{ampm[2] or '00'}\"`")
        raise self.fail(text)


class Timezone(ValueType):
    expected = "an IANA time zone such as `America/New_York`, or `UTC`"
    doc = "an IANA zone `Area/Location` (`America/New_York`, `Asia/Kolkata`) or `UTC`"

    def schema(self):
        return {"type": "string", "pattern": "^(UTC|[A-Z][A-Za-z_+-]*(/[A-Za-z0-9_+-]+)+)$"}

    def parse(self, text, node, ctx):
        zones = database()
        if zones.is_canonical(text):
            return text
        target = zones.alias_target(text)
        if target:
            ctx.warning(node.line, f"`{text}` is a deprecated alias; use `{target}`")
            return target
        suggestions = zones.suggestions(text)
        also = "" if len(suggestions) < 2 else f" (or {', '.join(suggestions[1:])}, ...)"
        upper = text.upper()
        if upper in _ABBREVIATION_WORDS:
            raise Invalid(f"{text} is an abbreviation, not a time zone; use {suggestions[0]}{also}")
        if re.fullmatch(r"[A-Z]{3,4}\d[A-Z]{3,4}", upper) and suggestions:
            raise Invalid(f"{text} is a legacy name, not a time zone; use {suggestions[0]}{also}")
        offset = re.fullmatch(r"(?:UTC|GMT|ETC/GMT)?([+-])(\d{1,2})(?::?(\d\d))?", upper)
        if offset:
            hours = int(offset[2]) * (1 if offset[1] == "+" else -1)
            if upper.startswith("ETC/GMT"):
                hours = -hours  # POSIX: Etc/GMT-1 is an hour ahead of UTC
            example = _ZONE_AT_OFFSET.get(hours, "Europe/Paris")
            raise Invalid(f"{text} is an offset or legacy name, not a time zone; "
                          f"use a zone of the form Area/Location, such as {example}")
        hint = f": did you mean `{suggestions[0]}`{also}?" if suggestions else ""
        raise self.fail(text, hint)


# A well-known zone at each whole-hour offset, for hints about offsets.
_ZONE_AT_OFFSET = {
    -10: "Pacific/Honolulu", -9: "America/Anchorage", -8: "America/Los_Angeles", -7: "America/Denver",
    -6: "America/Chicago", -5: "America/New_York", -4: "America/Halifax", -3: "America/Sao_Paulo",
    0: "Europe/London", 1: "Europe/Paris", 2: "Europe/Athens", 3: "Europe/Moscow", 4: "Asia/Dubai",
    5: "Asia/Karachi", 7: "Asia/Bangkok", 8: "Asia/Singapore", 9: "Asia/Tokyo", 10: "Australia/Sydney",
    12: "Pacific/Auckland",
}

_ABBREVIATION_WORDS = {
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "HST",
    "AT", "AST", "NST", "GMT", "BST", "WET", "CET", "CEST", "EET", "EEST", "MSK", "IST", "PKT", "SGT",
    "HKT", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "BRT", "ART", "WAT", "CAT",
    "EAT", "SAST", "MET", "UCT", "Z", "ZULU", "GMT0", "UTC0", "UNIVERSAL", "GREENWICH",
}


class Minutes(ValueType):
    def __init__(self, low: int, high: int):
        self.low, self.high = low, high
        self.expected = f"whole minutes from {low} to {high}"
        self.doc = f"elapsed minutes, {low} to {high}"

    def schema(self):
        return {"anyOf": [{"type": "integer", "minimum": self.low, "maximum": self.high},
                          {"type": "string", "pattern": "^[0-9]+$"}]}

    def parse(self, text, node, ctx):
        if not text.isascii() or not text.isdigit():
            hours = re.fullmatch(r"(\d+(?:\.\d+)?)\s*h(?:ours?)?", text.lower())
            hint = f": write `duration: {round(float(hours[1]) * 60)}`" if hours else ""
            raise self.fail(text, hint)
        if not self.low <= int(text) <= self.high:
            raise self.fail(text)
        return int(text)


EVERY_HINTS = {"weekly": "week", "1 week": "week", "1 weeks": "week", "monthly": "month",
               "fortnightly": "2 weeks", "fortnight": "2 weeks", "biweekly": "2 weeks",
               "other week": "2 weeks", "every other week": "2 weeks", "1 month": "month"}


class Every(ValueType):
    expected = "`week`, `N weeks` with N from 2 to 8, or `month`"
    doc = "`week`; `N weeks` with N from 2 to 8 (`2 weeks`); or `month`"

    def schema(self):
        return {"type": "string", "pattern": f"^({any_case('week')}|[2-8] {any_case('weeks')}|{any_case('month')})$"}

    def parse(self, text, node, ctx):
        word = " ".join(text.lower().split())
        if word in ("week", "month"):
            return (word, 1)
        match = re.fullmatch(r"(\d+) weeks?", word)
        if match and 2 <= int(match[1]) <= 8:
            return ("week", int(match[1]))
        hint = f": write `every: {EVERY_HINTS[word]}`" if word in EVERY_HINTS else ""
        raise self.fail(text, hint)


ORDINAL_HINTS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "fifth": "last", "5th": "last"}


class OnDay(ValueType):
    expected = "a weekday (`sunday`, `sun`) or an ordinal and a weekday (`first tuesday`)"
    doc = "a weekday (`sunday`, `sun`); for `month`, an ordinal (`first`, `second`, `third`, `fourth`, `last`) and a weekday"

    def schema(self):
        day = "(" + "|".join(any_case(d) for d in WEEKDAYS + [d[:3] for d in WEEKDAYS]) + ")"
        ordinal = "(" + "|".join(any_case(o) for o in ORDINALS) + ")"
        return {"type": "string", "pattern": f"^({ordinal} +)?{day}$"}

    def parse(self, text, node, ctx):
        words = text.lower().split()
        ordinal = None
        if len(words) == 2:
            if words[0] not in ORDINALS:
                raise self.fail(text, self._ordinal_hint(words))
            ordinal = ORDINALS[words[0]]
        elif len(words) != 1:
            raise self.fail(text)
        return Day(self._weekday(words[-1], text), ordinal)

    @staticmethod
    def _ordinal_hint(words: list[str]) -> str:
        if words[0] in ORDINAL_HINTS:  # 1st, 2nd, fifth...
            return f": write `{ORDINAL_HINTS[words[0]]} {words[1]}`"
        close = difflib.get_close_matches(words[0], list(ORDINALS), 1, 0.6)
        guess = f"; did you mean `{close[0]}`?" if close else ""
        return f": the ordinal must be one of {', '.join(ORDINALS)}{guess}"

    def _weekday(self, word: str, text: str) -> int:
        for number, day in enumerate(WEEKDAYS):
            if word in (day, day[:3], day + "s"):  # `sundays` too
                return number
        raise self.fail(text, did_you_mean(word, WEEKDAYS))


class Language(ValueType):
    expected = "a BCP 47 language tag (`en`, `es`, `pt-BR`)"
    doc = "a BCP 47 tag with a registered language (`en`, `es`, `pt-BR`, `no`)"

    def schema(self):
        return {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"}

    def parse(self, text, node, ctx):
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", text) and langcodes.tag_is_valid(text):
            return langcodes.standardize_tag(text)
        try:
            guess = langcodes.find(text).to_tag()
        except LookupError:
            guess = None
        raise self.fail(text, f": use `{guess}`" if guess else "")


class Pattern(ValueType):
    def __init__(self, regex: str, expected: str, doc: str):
        self.regex, self.expected, self.doc = regex, expected, doc

    def schema(self):
        return {"type": "string", "pattern": f"^{self.regex}$"}

    def parse(self, text, node, ctx):
        if not re.fullmatch(self.regex, text):
            raise self.fail(text)
        return text


class TopicPhrase(ValueType):
    expected = "a short phrase of 1-40 characters"
    doc = "short lowercase phrases, at most 40 characters each"

    def schema(self):
        return {"type": "string", "minLength": 1, "maxLength": 40}

    def parse(self, text, node, ctx):
        phrase = " ".join(text.lower().split())
        if len(phrase) > 40 or not topic_slug(phrase):
            raise self.fail(text)
        return phrase


class ListOf(ValueType):
    """A list; a single value means a list of one."""

    def __init__(self, item: ValueType, max_items: int | None = None, unique: bool = False, noun: str = "items"):
        self.item = item
        self.max_items = max_items
        self.noun = noun
        self.unique = unique
        self.expected = f"a list of {item.expected}" + (f" (at most {max_items})" if max_items else "")
        self.doc = item.doc + (f"; at most {max_items}" if max_items else "") + "; a single value or a list"

    def schema(self):
        items = {"type": "array", "items": self.item.schema(), "minItems": 1}
        if self.max_items:
            items["maxItems"] = self.max_items
        return {"anyOf": [self.item.schema(), items]}

    def convert(self, node, ctx):
        nodes = node.items if isinstance(node, Sequence) else (node,)
        if not nodes:
            raise Invalid(f"expected {self.expected}, found an empty list")
        if self.max_items and len(nodes) > self.max_items:
            raise Invalid(f"expected at most {self.max_items} {self.noun}, found {len(nodes)}: keep at most {self.max_items}")
        values, ok = Items(), True
        for position, item in enumerate(nodes, start=1):
            suffix = f"[{position}]" if isinstance(node, Sequence) else ""
            child = ctx.child(suffix) if suffix else ctx
            value = convert_reporting(self.item, item, child)
            ok = ok and value is not INVALID
            if value is not INVALID and self.unique and value in values:
                child.error(item.line, _listed_twice(item, value))
                ok = False
            values.append(value)
            values.places.append((item.line, suffix))
        return values if ok else INVALID


class Items(list):
    """A converted list, with the line and `[n]` suffix of each item for messages."""

    def __init__(self):
        super().__init__()
        self.places: list[tuple[int, str]] = []


def _listed_twice(item: Node, value) -> str:
    text = item.text.strip() if isinstance(item, Scalar) else ""
    if isinstance(value, str) and text.lower() != value:
        return f"`{text}` means `{value}`, which is already listed: remove one"
    return f"{shown(text)} is listed twice: remove one"


def convert_reporting(kind: ValueType, node: Node, ctx: Context):
    try:
        return kind.convert(node, ctx)
    except Invalid as problem:
        ctx.error(problem.line or node.line, problem.message)
        return INVALID


@dataclass(frozen=True)
class Field:
    """One key of a mapping in the format."""

    name: str
    type: ValueType
    required: bool = False
    default: object = None
    doc: str = ""  # overrides the type's documentation when more specific
    required_doc: str = ""  # shown in "required" column when not a plain yes/no

    @property
    def description(self) -> str:
        return self.doc or self.type.doc


class Values(dict):
    """A converted mapping: field values, and the line each came from."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}
        self.position = 0  # for list items: 1-based place in the list

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


class Record(ValueType):
    """A mapping with a fixed set of keys."""

    def __init__(self, noun: str, fields: list[Field], at_least_one_of: tuple[str, ...] = (),
                 elsewhere: tuple[list[str], str] | None = None):
        self.noun = noun
        self.elsewhere = elsewhere  # (keys that belong in a nested record, where they go)
        self.fields = {f.name: f for f in fields}
        self.at_least_one_of = at_least_one_of
        self.expected = f"a mapping of {noun} fields"
        self.doc = noun

    def schema(self):
        schema = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: {**f.type.schema(), "description": f.description} for f in self.fields.values()},
            "required": [f.name for f in self.fields.values() if f.required],
        }
        if self.at_least_one_of:
            schema["anyOf"] = [{"required": [name]} for name in self.at_least_one_of]
        return schema

    def convert(self, node, ctx):
        if not isinstance(node, Mapping):
            raise Invalid(f"expected {self.expected} ({', '.join(self.fields)}), found {found_kind(node)}")
        values, ok = Values(node.line), True
        for key, (key_line, value_node) in node.entries.items():
            if key not in self.fields:
                ctx.child(key).error(key_line, self._unknown(key))
                ok = False
                continue
            value = convert_reporting(self.fields[key].type, value_node, ctx.child(key))
            values[key], values.lines[key] = value, value_node.line
            ok = ok and value is not INVALID
        for name, spec in self.fields.items():
            if name in values:
                continue
            if spec.required:
                ctx.child(name).error(node.line, f"missing: expected {spec.type.expected}; add `{name}:` to the {self.noun}")
                ok = False
            else:
                values[name] = spec.default
        if self.at_least_one_of and not any(node.entries.get(n) for n in self.at_least_one_of):
            names = " or ".join(f"`{n}`" for n in self.at_least_one_of)
            ctx.error(node.line, f"expected at least one of {names}, found neither: add one")
            ok = False
        return values if ok else INVALID

    def _unknown(self, key: str) -> str:
        match = difflib.get_close_matches(key.lower(), list(self.fields), 1, 0.6)
        if match:
            return f"unknown key `{key}`: did you mean `{match[0]}`?"
        if self.elsewhere:
            keys, place = self.elsewhere
            if key in keys:
                return f"unknown key `{key}`: it goes in {place}"
            match = difflib.get_close_matches(key.lower(), keys, 1, 0.6)
            if match:
                return f"unknown key `{key}`: did you mean `{match[0]}`? It goes in {place}"
        return f"unknown key `{key}`: expected one of {', '.join(self.fields)}"


class OneOf(ValueType):
    """A record, or a bare string as a shorthand for one of its fields."""

    def __init__(self, record: Record, shorthand_field: str, shorthand_pattern: str):
        self.record = record
        self.shorthand_field = shorthand_field
        self.shorthand_pattern = shorthand_pattern
        self.expected = f"a mapping ({', '.join(record.fields)}) or a handle such as `\"@name\"`"
        self.doc = record.doc

    def schema(self):
        return {"anyOf": [self.record.schema(), {"type": "string", "pattern": self.shorthand_pattern}]}

    def convert(self, node, ctx):
        if isinstance(node, Scalar):
            text = node.text.strip()
            if not re.fullmatch(self.shorthand_pattern, text):
                raise Invalid(f"expected {self.expected}, found {shown(text)}")
            values = Values(node.line)
            for name, spec in self.record.fields.items():
                values[name] = spec.default
            values[self.shorthand_field] = text
            return values
        return self.record.convert(node, ctx)


def read_front_matter(data: bytes, record: Record, report: Report) -> tuple[ChatSource, object]:
    """A file's front matter converted by `record` (chat files, session files), every problem in
    `report`: (the source, its values); the values are None when there is no front matter to
    read, INVALID when a value is wrong."""
    source = read_chat_source(data)
    for line, field, message in source.errors:
        report.error(line, field, message)
    if source.front is None:
        return source, None
    return source, record.convert(source.front, Context(report, source))
