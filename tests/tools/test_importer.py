"""The spreadsheet importer and the chat file writer.

Schedules in free text become entries only when they read one way; every
file written is read back by the validator; encodings, duplicates, dry runs,
column mappings and fetching over HTTP (from a server on 127.0.0.1 that the
test starts: nothing reaches the internet).
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatcal.chatfile.catalog import load_catalog
from chatcal.chatfile.reader import read_chat
from chatcal.chatfile.writer import render_chat_file, scalar, slugify_for_file
from chatcal.tools.importer import (
    ExistingChat,
    ImportFailure,
    existing_chats_in,
    format_report,
    import_rows,
    interpret_schedule,
    parse_mapping,
    parse_schedule_text,
    read_rows,
    resolve_columns,
    run_import,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SHEET = DATA / "sheet.csv"
TODAY = dt.date(2026, 3, 1)  # a Sunday


def validated(path: Path, text: str | None = None):
    """The chat in `text` (or the file), asserting the validator finds no error."""
    data = None if text is None else text.encode("utf-8")
    chat, report = read_chat(path, data=data, display_path=path.name)
    assert chat is not None, [str(p) for p in report.problems]
    return chat


def chat_text(entry: dict, **fields) -> str:
    base = {"title": "A chat", "hashtag": "achat", "schedule": [entry], "added": TODAY}
    return render_chat_file({**base, **fields}, "A description.")


# --- Schedules in free text ---------------------------------------------------

FORMS = [
    ("Tuesdays 9pm ET", {"every": "week", "on": "tuesday", "at": "21:00", "timezone": "America/New_York"}),
    ("every other Wed 8:00 PM GMT", {"every": "2 weeks", "on": "wednesday", "at": "20:00",
                                     "timezone": "Europe/London", "from": dt.date(2026, 3, 4)}),
    ("1st Thursday 12:00 EST", {"every": "month", "on": "first thursday", "at": "12:00",
                                "timezone": "America/New_York"}),
    ("Sundays at 9 p.m. Eastern", {"every": "week", "on": "sunday", "at": "21:00", "timezone": "America/New_York"}),
    ("Mon & Wed 14:00 UTC", {"every": "week", "on": ["monday", "wednesday"], "at": "14:00", "timezone": "UTC"}),
    ("last Friday of the month 3pm AEST", {"every": "month", "on": "last friday", "at": "15:00",
                                           "timezone": "Australia/Sydney"}),
    ("Thursdays noon PT", {"every": "week", "on": "thursday", "at": "12:00", "timezone": "America/Los_Angeles"}),
    ("1st and 3rd Tuesday 7pm CET", {"every": "month", "on": ["first tuesday", "third tuesday"], "at": "19:00",
                                     "timezone": "Europe/Paris"}),
    ("Tues. 9-10:30pm CT", {"every": "week", "on": "tuesday", "at": "21:00", "timezone": "America/Chicago",
                            "duration": 90}),
    ("Mon-Fri 07:30 Asia/Kolkata", {"every": "week", "on": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                                    "at": "7:30", "timezone": "Asia/Kolkata"}),
    ("every 3 weeks on Saturday 10am MT", {"every": "3 weeks", "on": "saturday", "at": "10:00",
                                           "timezone": "America/Denver", "from": dt.date(2026, 3, 7)}),
    ("Wednesdays 9pm ET / 6pm PT", {"every": "week", "on": "wednesday", "at": "21:00",
                                    "timezone": "America/New_York"}),
    ("TUESDAYS AT 8PM BST", {"every": "week", "on": "tuesday", "at": "20:00", "timezone": "Europe/London"}),
    ("Fridays 6:30pm IST", {"every": "week", "on": "friday", "at": "18:30", "timezone": "Asia/Kolkata"}),
    ("Fri & Mon 9.30am America/new_york", {"every": "week", "on": ["monday", "friday"], "at": "9:30",
                                          "timezone": "America/New_York"}),
]


@pytest.mark.parametrize("text, entry", FORMS, ids=[t for t, _ in FORMS])
def test_schedule_forms_become_valid_entries(text, entry, tmp_path):
    parsed, reason = parse_schedule_text(text, today=TODAY)
    assert reason is None
    assert parsed == entry
    validated(tmp_path / "achat.md", chat_text(parsed))


def test_every_other_week_starts_on_the_next_matching_date_and_says_so():
    on_the_day = interpret_schedule("every other Sunday 8pm UTC", today=TODAY)
    assert on_the_day.entry["from"] == TODAY  # the import date itself matches
    later = interpret_schedule("alternate Tuesdays and Fridays 8pm UTC", today=TODAY)
    assert later.entry["from"] == dt.date(2026, 3, 3)
    assert any("from 2026-03-03" in note and "'on' week" in note for note in later.notes)


def test_time_zone_column_is_the_hint_and_must_agree():
    assert parse_schedule_text("Tuesdays 9pm", "Pacific", TODAY)[0]["timezone"] == "America/Los_Angeles"
    assert parse_schedule_text("Tuesdays 9pm", "Europe/Paris", TODAY)[0]["timezone"] == "Europe/Paris"
    assert parse_schedule_text("Tuesdays 9pm ET", "ET", TODAY)[0]["timezone"] == "America/New_York"
    _, reason = parse_schedule_text("Tuesdays 9pm PT", "ET", TODAY)
    assert reason == "'Tuesdays 9pm PT' says America/Los_Angeles but the time zone column says 'ET' (America/New_York)"
    _, reason = parse_schedule_text("Tuesdays 9pm", "Mars", TODAY)
    assert reason == "unknown time zone 'Mars' in the time zone column, for 'Tuesdays 9pm'"


FAILURES = [
    ("Tuesdays", "no time of day in 'Tuesdays'"),
    ("9pm ET", "no day of the week in '9pm ET'"),
    ("Tuesdays 9pm", "no time zone in 'Tuesdays 9pm'"),
    ("Tuesdays 9pm NZT", "unknown time zone 'NZT' in 'Tuesdays 9pm NZT'"),
    ("daily 9pm ET", "'daily' in 'daily 9pm ET': a chat every day is not in the chat format"),
    ("Every day at 9pm ET", "'day' in 'Every day at 9pm ET': a chat every day is not in the chat format"),
    ("Tuesdays 9 ET", "'9' in 'Tuesdays 9 ET' has no am/pm"),
    ("biweekly Tuesday 8pm ET", "'biweekly' in 'biweekly Tuesday 8pm ET' can mean twice a week or every two weeks"),
    ("every second Tuesday 8pm ET", "'every second' in 'every second Tuesday 8pm ET' can mean every other week"),
    ("5th Friday 3pm ET", "'5th' in '5th Friday 3pm ET': a fifth weekday of the month is not in the chat format"),
    ("Monthly on Tuesday 8pm ET", "which Tuesday of the month in 'Monthly on Tuesday 8pm ET'?"),
    ("every other month 1st Mon 9pm ET", "every other month is not in the chat format"),
    ("every 10 weeks Mon 9pm ET", "every 10 weeks in 'every 10 weeks Mon 9pm ET': the chat format allows every 2 to 8"),
    ("Tuesdays 9pm ET / 7pm PT", "more than one time of day (9pm, 7pm) in 'Tuesdays 9pm ET / 7pm PT'"),
    ("Tue 9am, Thu 2pm UTC", "more than one time of day (9am, 2pm)"),
    ("Tuesdays 9pm UTC+1", "'UTC+1' in 'Tuesdays 9pm UTC+1' is a UTC offset, not a time zone"),
    ("Tuesdays 9pm PT ET", "more than one time zone (America/Los_Angeles, America/New_York)"),
    ("Tuesdays midnight UTC", "'midnight' in 'Tuesdays midnight UTC' could be the start or the end of a day"),
    ("Tue 13pm ET", "'13pm' in 'Tue 13pm ET' is not a time of day"),
    ("Sunday 24:00 UTC", "'24:00' in 'Sunday 24:00 UTC' is not a start time"),
    ("Tuesdays 9pm ET except in summer", "cannot read 'except in summer' in 'Tuesdays 9pm ET except in summer'"),
    ("TBD", "cannot read 'TBD' in 'TBD'"),
    ("fortnightly Thu 9pm ET every 3 weeks", "'fortnightly Thu 9pm ET every 3 weeks' gives two intervals"),
    ("", "no schedule"),
]


@pytest.mark.parametrize("text, reason", FAILURES, ids=[t or "empty" for t, _ in FAILURES])
def test_ambiguous_or_unreadable_schedules_give_a_reason(text, reason):
    entry, found = parse_schedule_text(text, today=TODAY)
    assert entry is None
    assert found.startswith(reason)


def test_morning_times_without_am_pm_are_noted():
    result = interpret_schedule("Tuesdays 8:00 UTC", today=TODAY)
    assert result.entry["at"] == "8:00"
    assert "'8:00' read as a 24-hour time (8 in the morning)" in result.notes


# --- The writer ---------------------------------------------------------------

TRICKY = ["#hashtag first", "@handle first", "*star", "&anchor", "!tag", "key: value", "a #comment", "yes", "no",
          "null", "~", "21:00", "1e3", "0x1F", "2026-03-01", " padded ", "quote \" and \\ backslash", "'single'",
          "[list]", "{map}", "- dash", "? question", "| pipe", "> fold", "% percent", "`tick", "ends with:",
          "Café ’quotes’ ✓ 日本語", "tab\there", "line\u2028separator", "bell\x07", "emoji 😀"]


@pytest.mark.parametrize("title", TRICKY)
def test_writer_quotes_whatever_yaml_would_misread(title, tmp_path):
    expected = " ".join(title.replace("\u2028", " ").split()) if title != title.strip() else title
    # Topics are written in a flow list `[a, b]`, where `,[]{}` are special too.
    topics = ["plain", title.lower().strip()] if any(c.isalnum() for c in title) else ["plain"]
    text = chat_text({"every": "week", "on": "monday", "at": "9:00", "timezone": "UTC"}, title=title,
                     topics=topics, hosts=[{"name": title.strip()}])
    if any(c in title for c in "\t\x07\u2028"):
        # Not valid titles, but they must be written so the validator can say so (not YAML errors).
        _, report = read_chat(tmp_path / "achat.md", data=text.encode())
        assert all(p.field != "front matter" for p in report.problems), [str(p) for p in report.problems]
        return
    chat = validated(tmp_path / "achat.md", text)
    assert chat.title == expected.strip()
    assert chat.hosts[0].name == title.strip()
    assert [t.name for t in chat.topics] == [" ".join(t.split()) for t in topics]


@pytest.mark.parametrize("value", TRICKY + ["a, b", "[x]", "{y}", "plain words"])
def test_writer_scalars_read_back_as_the_same_text_in_any_yaml_reader(value):
    for flow in (False, True):
        written = scalar(value, flow=flow)
        document = f"k: [{written}]" if flow else f"k: {written}"
        assert yaml.safe_load(document) == {"k": [value] if flow else value}


def test_writer_uses_the_format_order_and_its_style(tmp_path):
    fields = {
        "added": TODAY, "status": "active", "website": "https://example.org/chat#join",
        "hosts": [{"handle": "@jane@example.social", "name": "Jane"}, "@bob"],
        "topics": ["blogging", "content marketing"], "platforms": ["x", "mastodon"],
        "schedule": [{"timezone": "America/New_York", "at": "21:00", "on": "sunday", "every": "week", "duration": 60},
                     {"every": "2 weeks", "on": ["tuesday", "thursday"], "at": dt.time(9, 5), "timezone": "UTC",
                      "from": dt.date(2026, 3, 3), "skip": [dt.date(2026, 3, 17)], "id": "am"}],
        "hashtag": "blogchat", "title": "Blog Chat", "language": None,
    }
    text = render_chat_file(fields, "A weekly chat.\r\nFor bloggers.\n\n\n")
    assert text == """---
title: Blog Chat
hashtag: blogchat
schedule:
  - every: week
    on: sunday
    at: "21:00"
    timezone: America/New_York
    duration: 60
  - every: 2 weeks
    on: [tuesday, thursday]
    at: "9:05"
    timezone: UTC
    from: 2026-03-03
    skip: [2026-03-17]
    id: am
platforms: [x, mastodon]
topics: [blogging, content marketing]
hosts:
  - name: Jane
    handle: "@jane@example.social"
  - "@bob"
website: https://example.org/chat#join
status: active
added: 2026-03-01
---
A weekly chat.
For bloggers.
"""
    validated(tmp_path / "blogchat.md", text)


def test_writer_refuses_keys_the_format_does_not_have():
    with pytest.raises(ValueError, match="unknown key 'timezon' for a schedule entry"):
        render_chat_file({"title": "x", "schedule": [{"timezon": "UTC"}]}, "x")
    with pytest.raises(ValueError, match="unknown key 'tags' for a chat"):
        render_chat_file({"tags": ["x"]}, "x")


@pytest.mark.parametrize("text, slug", [
    ("#BlogChat", "blogchat"), ("Café Charla", "cafe-charla"), ("PM_chat", "pm-chat"), ("  --Mixed  Case!! ", "mixed-case"),
    ("Straße 42", "strasse-42"), ("a" * 70, "a" * 60), ("word " * 20, "-".join(["word"] * 12)),
])
def test_slugify_for_file(text, slug):
    assert slugify_for_file(text) == slug


def test_slugify_refuses_text_without_ascii_letters():
    with pytest.raises(ValueError, match="no ASCII letters or digits"):
        slugify_for_file("#読書会")


# --- Reading rows ---------------------------------------------------------------

def sheet_rows() -> list[dict]:
    return read_rows(SHEET)


def test_windows_1252_and_utf8_bom_read_like_utf8(tmp_path):
    text = SHEET.read_text("utf-8")
    assert "é" in text and "’" in text and "“" in text
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    expected = sheet_rows()
    assert expected[0]["Chat name"] == "Café Chat"
    assert list(expected[0])[0] == "Chat name"  # no BOM in the first header
    assert read_rows(bom) == expected
    from_cp1252 = read_rows(str(cp1252))
    assert [r["Hashtag"] for r in from_cp1252] == [r["Hashtag"] for r in expected]
    assert from_cp1252[2]["Chat name"] == "Lunch ’n’ Learn"
    assert from_cp1252[0]["About"] == expected[0]["About"].replace("\n", "\r\n")  # CRLF kept inside a cell


def test_semicolons_and_bytes_that_are_no_known_encoding(tmp_path):
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text("Name;Hashtag;When\nA, B;#ab;Tuesdays 9pm ET\n", encoding="utf-8")
    assert read_rows(semicolons) == [{"Name": "A, B", "Hashtag": "#ab", "When": "Tuesdays 9pm ET"}]
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Name,Hashtag\nA\x81,#a\n")
    with pytest.raises(ImportFailure, match="neither UTF-8 nor Windows-1252 \\(byte 0x81 at offset 14\\)"):
        read_rows(broken)
    with pytest.raises(ImportFailure, match="cannot read .*missing.csv"):
        read_rows(tmp_path / "missing.csv")


class _SheetHandler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # keep test output clean


@pytest.fixture
def sheet_server(monkeypatch):
    """An HTTP server on 127.0.0.1 (port chosen by the OS), stopped after the test."""
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    _SheetHandler.routes = {
        "/sheet.csv": (200, "text/csv", SHEET.read_text("utf-8").encode("cp1252")),
        "/page": (200, "text/html; charset=utf-8", b"<html>Sign in</html>"),
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SheetHandler)
    # A short poll interval so that shutdown() returns at once.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_read_rows_from_a_url(sheet_server):
    assert read_rows(f"{sheet_server}/sheet.csv") == sheet_rows()
    with pytest.raises(ImportFailure, match="could not fetch .*/missing.csv: 404"):
        read_rows(f"{sheet_server}/missing.csv")
    with pytest.raises(ImportFailure, match="returned a web page, not CSV"):
        read_rows(f"{sheet_server}/page")


# --- Columns ----------------------------------------------------------------------

def test_default_columns_and_overrides():
    headers = ["Chat name", "HASHTAG", "Day", "Time", "TZ", "Category", "Moderator", "Link", "Notes"]
    assert resolve_columns(headers) == {
        "title": ["Chat name"], "hashtag": ["HASHTAG"], "schedule": ["Day", "Time"], "timezone": ["TZ"],
        "topics": ["Category"], "hosts": ["Moderator"], "website": ["Link"], "description": [], "platforms": [],
    }
    assert parse_mapping("title=Chat Name, schedule=When+Zone ,website=") == {
        "title": ["Chat Name"], "schedule": ["When", "Zone"], "website": []}
    columns = resolve_columns(["Chat", "Tag name", "Time", "Notes"], "hashtag=Tag name,schedule=Time,description=notes")
    assert columns["hashtag"] == ["Tag name"] and columns["description"] == ["Notes"] and columns["title"] == ["Chat"]
    with pytest.raises(ImportFailure, match="unknown field 'colour'; the fields are title, hashtag"):
        parse_mapping("colour=Red")
    with pytest.raises(ImportFailure, match="no column 'When'; the columns are 'Chat', 'Tag name'"):
        resolve_columns(["Chat", "Tag name"], {"hashtag": "Tag name", "schedule": "When"})
    with pytest.raises(ImportFailure, match="no column for hashtag"):
        resolve_columns(["Chat", "When"])


# --- Importing ----------------------------------------------------------------------

@pytest.fixture
def chats_dir(tmp_path) -> Path:
    """A chat directory holding #blogchat, and a broken file that still owns its name."""
    directory = tmp_path / "chats"
    directory.mkdir()
    entry = {"every": "week", "on": "sunday", "at": "21:00", "timezone": "America/New_York"}
    (directory / "blogchat.md").write_text(
        render_chat_file({"title": "Blog Chat", "hashtag": "blogchat", "schedule": [entry], "added": TODAY},
                         "Bloggers."), encoding="utf-8")
    (directory / "noonchat.md").write_text("---\ntitle: [broken\n---\nx\n", encoding="utf-8")
    return directory


def snapshot(directory: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_import_writes_valid_files_and_reports_the_rest(chats_dir):
    before = snapshot(chats_dir)
    result = import_rows(sheet_rows(), None, existing_chats_in(chats_dir), TODAY, chats_dir, dry_run=False,
                         source_name="sheet.csv")
    assert [(w.row, w.path.name) for w in result.written] == [
        (2, "cafechat.md"), (3, "designcrit.md"), (4, "lunchlearn.md"), (5, "sundaystories.md"),
        (6, "twiceweekly.md"), (7, "sydneywrap.md")]
    assert [(d.row, d.reason) for d in result.duplicates] == [
        (8, f"file name noonchat.md already taken ({chats_dir / 'noonchat.md'})"),
        (11, f"#BLOGCHAT is already listed in {chats_dir / 'blogchat.md'}"),
        (12, "#cafechat is already listed in row 2"),
    ]
    assert [(n.row, n.reason) for n in result.not_converted] == [
        (9, "no time of day in 'Tuesdays'"),
        (10, "'daily' in 'daily 9pm ET': a chat every day is not in the chat format; "
             "write its weekdays by hand if it really meets daily"),
    ]
    assert result.unused_columns == ["Notes"]
    # Existing files untouched; every new file valid on its own and with the others.
    after = snapshot(chats_dir)
    assert {name: after[name] for name in before} == before
    for written in result.written:
        chat = validated(written.path)
        assert chat.added == TODAY and chat.status == "active" and chat.description
    catalog = load_catalog(chats_dir, chats_dir, paths=[w.path for w in result.written])
    assert catalog.ok, [str(p) for p in catalog.problems]

    cafe = validated(chats_dir / "cafechat.md")
    assert (cafe.title, cafe.hashtag, cafe.platforms) == ("Café Chat", "CafeChat", ("x", "mastodon"))
    assert [t.name for t in cafe.topics] == ["coffee", "food"]
    assert cafe.hosts[0].name == "Renée Example" and cafe.hosts[0].handle == "@renee@example.social"
    assert cafe.hosts[1].handle == "@bob"
    assert cafe.website == "https://www.cafe.example"
    assert cafe.description == "Coffee talk: beans, “roasts” & more.\nBring your own mug."
    crit = validated(chats_dir / "designcrit.md")
    assert crit.schedule[0].start == dt.date(2026, 3, 4) and crit.website == "https://crit.example/#join"
    lunch = validated(chats_dir / "lunchlearn.md")
    assert lunch.description == "Imported from row 4 of sheet.csv; no description yet."


def test_report_lists_every_outcome(chats_dir):
    result = import_rows(sheet_rows(), None, existing_chats_in(chats_dir), TODAY, chats_dir, dry_run=False,
                         source_name="sheet.csv")
    report = format_report(result, root=chats_dir)
    assert report.startswith("Wrote 6 chat files from sheet.csv:\n  row 2: cafechat.md  #CafeChat\n")
    assert "      note: every 2 weeks from 2026-03-04 (Wednesday, the first on or after the import date)" in report
    assert "Skipped 3 duplicates:\n" in report
    assert "Could not convert 2 rows (write these by hand):\n  row 9: no time of day in 'Tuesdays'\n" in report
    assert report.endswith("Columns not used: Notes\n")


def test_dry_run_writes_nothing(chats_dir):
    before = snapshot(chats_dir)
    result = run_import(SHEET, chats_dir, TODAY, dry_run=True)
    assert snapshot(chats_dir) == before
    assert len(result.written) == 6 and not any(w.path.exists() for w in result.written)
    assert format_report(result).startswith("Would write 6 chat files from sheet.csv (dry run: nothing written):")


def test_duplicates_by_hashtag_any_case_or_by_slug(tmp_path):
    rows = [{"Hashtag": "#PMCHAT", "When": "Fridays noon ET"},
            {"Hashtag": "#pm_chat", "When": "Fridays 1pm ET"},
            {"Hashtag": "#fresh", "When": "Fridays 2pm ET"}]
    existing = [ExistingChat("pmchat-old", "PMchat", "old.md"), ExistingChat("pm-chat", "somethingelse", "pm-chat.md")]
    result = import_rows(rows, None, existing, TODAY, tmp_path, dry_run=False)
    assert [(d.row, d.reason) for d in result.duplicates] == [
        (2, "#PMCHAT is already listed in old.md"), (3, "file name pm-chat.md already taken (pm-chat.md)")]
    assert [w.path.name for w in result.written] == ["fresh.md"]
    assert validated(tmp_path / "fresh.md").title == "#fresh"


def test_never_overwrites_a_file_that_appears_meanwhile(tmp_path):
    (tmp_path / "late.md").write_text("someone else's\n")
    result = import_rows([{"Hashtag": "late", "When": "Fridays 2pm ET"}], None, [], TODAY, tmp_path, dry_run=False)
    assert result.duplicates[0].reason.startswith("file name late.md already taken")
    assert (tmp_path / "late.md").read_text() == "someone else's\n"


def test_column_mapping_override(tmp_path):
    rows = [{"Chat Name": "Night Owls", "Tag": "#nightowls", "Day": "Fridays", "Hour": "11pm", "Zone": "PT",
             "Blurb": "Late chats."}]
    mapping = "title=Chat Name,schedule=Day+Hour,timezone=Zone,description=Blurb"
    result = import_rows(rows, mapping, [], TODAY, tmp_path, dry_run=False)
    assert not result.not_converted and result.unused_columns == []
    chat = validated(result.written[0].path)
    assert (chat.title, chat.hashtag, chat.description) == ("Night Owls", "nightowls", "Late chats.")
    assert (chat.schedule[0].at, chat.schedule[0].timezone) == (dt.time(23, 0), "America/Los_Angeles")
    # Without the override the hour column is not found, so the row has no time.
    result = import_rows(rows, None, [], TODAY, tmp_path / "other", dry_run=True)
    assert result.not_converted[0].reason == "no time of day in 'Fridays'"


def test_rows_the_validator_refuses_are_reported_not_written(tmp_path):
    rows = [{"Title": "T" * 81, "Hashtag": "long", "When": "Fridays 2pm ET"},
            {"Title": "Bad tag", "Hashtag": "#bad tag", "When": "Fridays 2pm ET"},
            {"Title": "読書会", "Hashtag": "#読書会", "When": "Fridays 2pm ET"},
            {"Title": "No tag", "Hashtag": "", "When": "Fridays 2pm ET"}]
    result = import_rows(rows, None, [], TODAY, tmp_path, dry_run=False)
    assert [(n.row, n.reason) for n in result.not_converted] == [
        (2, "title: expected 1-80 characters on one line, found 81 characters: shorten it"),
        (3, "hashtag: expected a hashtag of letters, digits and `_` with at least one letter, at most 100 "
            "characters, found `bad tag`: remove space and write `hashtag: badtag`"),
        (4, "no ASCII letters or digits in '#読書会' or '読書会' for a file name"),
        (5, "no hashtag"),
    ]
    assert list(tmp_path.iterdir()) == []


def test_fetch_has_a_timeout_and_connection_errors_are_reported():
    import requests

    calls = []

    def refused(url, timeout):
        calls.append(timeout)
        raise requests.ConnectionError("connection refused")

    with pytest.raises(ImportFailure, match="could not fetch https://sheets.invalid/x.csv: connection refused"):
        read_rows("https://sheets.invalid/x.csv", fetch=refused)
    assert calls and 0 < calls[0] <= 60


def test_platforms_hosts_and_websites_from_free_text(tmp_path):
    rows = [{"Hashtag": "a1", "When": "Mon 9pm ET", "Platform": "X (Twitter), Twitter Spaces / LinkedIn",
             "Hosts": "Ana Lima (@ana@example.social); @bo & Cy", "URL": "example.org/a1"},
            {"Hashtag": "b2", "When": "Mon 9pm ET", "Platform": "Clubhouse", "URL": "see our page"}]
    result = import_rows(rows, None, [], TODAY, tmp_path, dry_run=False)
    first, second = (validated(w.path) for w in result.written)
    assert first.platforms == ("x", "linkedin")
    assert [(h.name, h.handle) for h in first.hosts] == [("Ana Lima", "@ana@example.social"), (None, "@bo"), ("Cy", None)]
    assert first.website == "https://example.org/a1"
    assert second.platforms == ("other",) and second.website is None
    assert result.written[1].notes[-2:] == ["platform 'clubhouse' not in the format: written as 'other'",
                                            "website 'see our page' left out: not an http(s) URL"]


_PIECES = ["Mon", "Tuesdays", "wed", "Thurs.", "Fri", "Sat", "Sunday", "&", ",", "and", "-", "to", "every other",
           "every 3 weeks", "fortnightly", "1st", "3rd", "last", "second", "of the month", "monthly", "at", "9pm",
           "9 p.m.", "8:00 PM", "14:00", "9-10pm", "11-12pm", "noon", "midnight", "12am", "9", "ET", "PT", "GMT",
           "UTC", "AEST", "IST", "Europe/London", "UTC+1", "NZT", "daily", "biweekly", "/", "except", "TBD", "2100"]


@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.text(max_size=12), st.sampled_from([None, "", "ET", "Mars"]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_schedule_text_gives_a_valid_entry_or_a_reason(tmp_path, pieces, noise, hint):
    text = " ".join(pieces) + (" " + noise if noise.strip() and len(pieces) % 2 else "")
    entry, reason = parse_schedule_text(text, hint, TODAY)
    assert (entry is None) != (reason is None)
    if entry is not None:
        validated(tmp_path / "achat.md", chat_text(entry))
