"""Writing chat files: front matter and description in the exact format.

Used by every tool that creates chat files (the spreadsheet importer, the
scaffolder), so it knows nothing about where the values come from. Keys are
written in the order `format.py` declares them; a value is written plain only
when any YAML reader gives back exactly the same text, and double-quoted
otherwise, so a file we write means the same to our reader, to other YAML
tools and to the person who edits it next.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from chatcal.chatfile.format import CHAT
from chatcal.chatfile.reader import read_chat
from chatcal.chatfile.values import ListOf, OneOf, Record
from chatcal.report import errors

# Characters that start YAML syntax when they begin a plain scalar.
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`~")
# Characters YAML may read but that a person must see escaped, or that YAML
# (1.1, as PyYAML reads it) does not accept raw: controls, line separators.
_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# In a flow list `[a, b]` these end or nest the item.
_FLOW_SPECIAL = set(",[]{}")
# Keys whose value is always quoted: a bare `21:00` is a number to YAML 1.1.
_ALWAYS_QUOTED = {"at"}

_SLUG_MAX = 60


def render_chat_file(fields: dict, description: str) -> str:
    """The text of a chat file with these front matter fields and description.

    Values may be strings, ints, dates, times (written `H:MM`), lists and, for
    `schedule` and `hosts` items, mappings. None and empty values are left
    out. Keys unknown to the format raise ValueError: a misspelt key would
    only make an invalid file.
    """
    lines = ["---", *mapping_lines(fields, CHAT, indent=""), "---"]
    return "\n".join(lines) + "\n" + body_text(description)


def mapping_lines(mapping: dict, record: Record, indent: str, first_prefix: str | None = None) -> list[str]:
    """`key: value` lines of one mapping, in the record's key order.

    `first_prefix` replaces the indent of the first line, for list items (`  - `).
    """
    unknown = [key for key in mapping if key not in record.fields]
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} for a {record.noun}: expected one of {', '.join(record.fields)}")
    lines: list[str] = []
    for name, spec in record.fields.items():
        value = mapping.get(name)
        if is_empty(value):
            continue
        prefix = first_prefix if first_prefix is not None and not lines else indent
        lines += _value_lines(name, value, _nested_record(spec.type), prefix, indent)
    return lines


def _value_lines(key: str, value, record: Record | None, prefix: str, indent: str) -> list[str]:
    if isinstance(value, dict):
        if record is None:
            raise ValueError(f"{key!r} takes a value or a list, not a mapping")
        return [f"{prefix}{key}:", *mapping_lines(value, record, indent + "  ")]
    if isinstance(value, (list, tuple)):
        items = [item for item in value if not is_empty(item)]
        if any(isinstance(item, dict) for item in items):
            return [f"{prefix}{key}:", *_block_items(key, items, record, indent + "  ")]
        return [f"{prefix}{key}: [{', '.join(scalar(item, flow=True) for item in items)}]"]
    return [f"{prefix}{key}: {scalar(value, quote=key in _ALWAYS_QUOTED)}"]


def _block_items(key: str, items: list, record: Record | None, indent: str) -> list[str]:
    """A block list `- ...`; mapping items are written with their keys in order."""
    lines = []
    for item in items:
        if isinstance(item, dict):
            if record is None:
                raise ValueError(f"{key!r} takes values, not mappings")
            lines += mapping_lines(item, record, indent + "  ", first_prefix=indent + "- ")
        else:
            lines.append(f"{indent}- {scalar(item)}")
    return lines


def _nested_record(kind) -> Record | None:
    """The record a field's mapping values follow (schedule entries, hosts), if any."""
    if isinstance(kind, ListOf):
        kind = kind.item
    if isinstance(kind, OneOf):
        kind = kind.record
    return kind if isinstance(kind, Record) else None


def is_empty(value) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and not value)


def scalar(value, flow: bool = False, quote: bool = False) -> str:
    """One value as YAML text: plain when unambiguous, else double-quoted."""
    if isinstance(value, bool):
        raise ValueError("the chat format has no true/false values")
    # Numbers and dates are written plain: YAML tools read them as what they are.
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        raise ValueError("the chat format has dates and times of day, not date-times")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        text, quote = f"{value.hour}:{value.minute:02d}", True
    elif isinstance(value, str):
        text = value
    else:
        raise ValueError(f"cannot write a {type(value).__name__} value")
    if quote or not _plain_is_safe(text, flow):
        return double_quoted(text)
    return text


def _plain_is_safe(text: str, flow: bool) -> bool:
    """Whether `text` written plain reads back as exactly this string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or not all(_PRINTABLE.match(c) for c in text):
        return False
    if "\t" in text or (flow and any(c in _FLOW_SPECIAL for c in text)):
        return False
    # Let YAML itself decide the rest (`yes`, `null`, `1e3`, `0x1F`, `21:00`,
    # dates as strings): other tools resolve types even though we do not.
    document = f"k: [{text}]" if flow else f"k: {text}"
    try:
        loaded = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    return loaded == {"k": [text] if flow else text}


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar; anything unprintable is escaped."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _PRINTABLE.match(char):
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def body_text(description: str) -> str:
    """The Markdown description: LF line endings, no NULs, one final newline."""
    text = description.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.removeprefix("\ufeff").strip("\n")
    return text.rstrip() + "\n" if text.strip() else ""


def slugify_for_file(title_or_hashtag: str) -> str:
    """A file slug: lowercase ASCII letters, digits and single hyphens.

    Accents are dropped (`Café Charla` -> `cafe-charla`), `_` and other
    separators become hyphens. Raises ValueError when nothing is left
    (a hashtag in a non-Latin script), so the caller asks for a slug.
    """
    text = unicodedata.normalize("NFKD", title_or_hashtag.casefold())
    ascii_text = text.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > _SLUG_MAX:
        # Cut at a hyphen where there is one, so no word is cut in half.
        cut = slug[:_SLUG_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:_SLUG_MAX]
        slug = slug.strip("-")
    if not slug:
        raise ValueError(f"no ASCII letters or digits in {title_or_hashtag!r} to make a file name from")
    return slug


def validation_errors(path: Path, text: str, display_path: str | None = None) -> list[str]:
    """The errors the validator finds in `text` as the file `path` (not read from disk)."""
    _, report = read_chat(path, data=text.encode("utf-8"), display_path=display_path)
    return [f"{p.field}: {p.message}" for p in errors(report.problems)]


def write_new_file(path: Path, text: str) -> None:
    """Write a new file; raises FileExistsError rather than overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
