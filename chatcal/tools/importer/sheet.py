"""Reading the spreadsheet: a CSV file or URL to rows, and which columns hold which field."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import requests

FETCH_TIMEOUT = 30  # seconds; a spreadsheet export is small


class ImportFailure(Exception):
    """The whole import cannot go on (unreadable source, bad column mapping)."""


# ---------------------------------------------------------------------------
# Reading the rows


def read_rows(source: str | Path, fetch: Callable = requests.get) -> list[dict]:
    """The rows of a CSV file or http(s) URL, as dicts keyed by header.

    Bytes are decoded as UTF-8 (with or without BOM), UTF-16 with a BOM, or
    else Windows-1252, which is what Excel writes for "CSV" on Windows.
    """
    text = decode_csv_bytes(_source_bytes(source, fetch), str(source))
    return parse_csv_text(text)


def _source_bytes(source: str | Path, fetch: Callable) -> bytes:
    if isinstance(source, str) and urlsplit(source).scheme.lower() in ("http", "https"):
        return _fetch(source, fetch)
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise ImportFailure(f"cannot read {source}: {error.strerror or error}") from None


def _fetch(url: str, fetch: Callable) -> bytes:
    try:
        response = fetch(url, timeout=FETCH_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as error:
        raise ImportFailure(f"could not fetch {url}: {error}") from None
    # A sharing link to a spreadsheet answers with its web page, not CSV.
    if "html" in response.headers.get("Content-Type", "").lower():
        raise ImportFailure(f"{url} returned a web page, not CSV: use the spreadsheet's CSV export "
                            "link (for Google Sheets, .../export?format=csv&gid=...)")
    return response.content


def decode_csv_bytes(data: bytes, name: str = "the CSV") -> str:
    """CSV bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFailure(f"{name} is neither UTF-8 nor Windows-1252 (byte 0x{data[error.start]:02x} "
                            f"at offset {error.start}): export the spreadsheet as CSV UTF-8") from None


def parse_csv_text(text: str) -> list[dict]:
    """Rows of CSV text; the delimiter is guessed from the header line."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    for raw in reader:
        # Cells past the last header come under the key None: nobody named them.
        rows.append({(key or "").strip(): (value or "") for key, value in raw.items()
                     if key is not None and key.strip()})
    return rows


def _delimiter(text: str) -> str:
    """Comma, semicolon (European Excel), tab or bar: the most common in the header."""
    header = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in ",;\t|"}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


# ---------------------------------------------------------------------------
# Columns

FIELDS = ("title", "hashtag", "schedule", "timezone", "topics", "hosts", "website", "description", "platforms")

# Header names (compared case-insensitively) that mean each field by default.
DEFAULT_HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("chat name", "name", "title", "chat"),
    "hashtag": ("hashtag", "tag", "hash tag", "#"),
    "schedule": ("day", "days", "time", "schedule", "when", "day/time", "day and time", "day & time"),
    "timezone": ("time zone", "timezone", "tz", "zone"),
    "topics": ("topic", "topics", "topic(s)", "category", "categories"),
    "hosts": ("host", "hosts", "host(s)", "moderator", "moderators", "moderator(s)"),
    "website": ("website", "url", "link", "web site", "site"),
    "description": ("description", "about", "summary"),
    "platforms": ("platform", "platforms", "platform(s)", "network"),
}
_FIELD_SYNONYMS = {"topic": "topics", "host": "hosts", "platform": "platforms", "tz": "timezone",
                   "time zone": "timezone", "name": "title", "tag": "hashtag"}


def parse_mapping(text: str | None) -> dict[str, list[str]]:
    """`title=Chat Name,schedule=Day+Time` -> {"title": ["Chat Name"], "schedule": ["Day", "Time"]}.

    `+` joins several columns into one value (a "Day" and a "Time" column);
    an empty column (`website=`) means the field is not imported.
    """
    overrides: dict[str, list[str]] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ImportFailure(f"mapping {part.strip()!r}: expected field=Column, such as title=Chat Name")
        name, column = (s.strip() for s in part.split("=", 1))
        overrides[_field_name(name)] = [c.strip() for c in column.split("+") if c.strip()]
    return overrides


def _field_name(name: str) -> str:
    key = " ".join(name.lower().split())
    key = _FIELD_SYNONYMS.get(key, key)
    if key not in FIELDS:
        raise ImportFailure(f"mapping: unknown field {name!r}; the fields are {', '.join(FIELDS)}")
    return key


def resolve_columns(headers: Iterable[str], mapping: dict | str | None = None) -> dict[str, list[str]]:
    """Which columns (by exact header) feed each field: defaults, then overrides."""
    headers = [h for h in headers if h]
    overrides = parse_mapping(mapping) if isinstance(mapping, str) or mapping is None else {
        _field_name(k): [v] if isinstance(v, str) else list(v) for k, v in mapping.items()}
    by_key = {_header_key(h): h for h in headers}
    columns: dict[str, list[str]] = {}
    for name, wanted in overrides.items():
        missing = [c for c in wanted if _header_key(c) not in by_key]
        if missing:
            raise ImportFailure(f"mapping {name}={missing[0]}: no column {missing[0]!r}; "
                                f"the columns are {', '.join(repr(h) for h in headers)}")
        columns[name] = [by_key[_header_key(c)] for c in wanted]
    claimed = {h for chosen in columns.values() for h in chosen}
    for name in FIELDS:
        if name not in columns:
            columns[name] = [h for h in headers
                             if _header_key(h) in DEFAULT_HEADERS[name] and h not in claimed]
    for required in ("hashtag", "schedule"):
        if not columns[required]:
            raise ImportFailure(f"no column for {required}: the columns are {', '.join(repr(h) for h in headers)}; "
                                f"name one with a mapping such as {required}=<column>")
    return columns


def _header_key(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").lower().split()).rstrip(":")
