"""Content lines as RFC 5545 writes them: escaped TEXT, folding at 75 octets."""

import datetime as dt

import icalendar
import pytest

from chatcal.ical import contentlines as ical


def test_text_escapes_what_rfc_5545_reserves():
    assert ical.text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ical.text_list(["Arts, crafts", "Writing"]) == "Arts\\, crafts,Writing"


@pytest.mark.parametrize("value", ["x" * 74, "x" * 200, "é" * 100, "a" + "🎉" * 60, "ab" * 37 + "é"])
def test_folding_keeps_lines_short_and_characters_whole(value):
    data = ical.line("DESCRIPTION", ical.text(value))
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no UTF-8 sequence split between lines
    assert all(line.startswith(b" ") for line in lines[1:-1])
    unfolded = data.replace(b"\r\n ", b"").decode()
    assert unfolded == f"DESCRIPTION:{value}\r\n"


def test_lines_read_back_with_icalendar():
    data = (b"BEGIN:VCALENDAR\r\n" + ical.line("VERSION", "2.0") + b"BEGIN:VEVENT\r\n"
            + ical.line("SUMMARY", ical.text("Tea; cake, and\nmore \\ " + "ü" * 80))
            + ical.line("DTSTART", ical.local_datetime(dt.datetime(2026, 3, 8, 2, 30)), TZID="America/New_York")
            + ical.line("CATEGORIES", ical.text_list(["a,b", "c"]))
            + b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Tea; cake, and\nmore \\ " + "ü" * 80
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["a,b", "c"]


@pytest.mark.parametrize("span, text", [(dt.timedelta(hours=12), "PT12H"), (dt.timedelta(minutes=90), "PT1H30M"),
                                        (dt.timedelta(0), "PT0S")])
def test_duration(span, text):
    assert ical.duration(span) == text
