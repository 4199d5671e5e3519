"""Free-text schedules ("Tuesdays 9pm ET") to schedule entries, or the reason they cannot be read."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from chatcal.schedule.tz import ABBREVIATIONS, database, zone

# ---------------------------------------------------------------------------
# Time zones

_GENERIC_ZONES = {"UTC": "UTC", "Z": "UTC", "ZULU": "UTC", "GMT": "Europe/London", "UK": "Europe/London"}
# Abbreviations that are also everyday words: only taken as zones in capitals.
_WORDLIKE = {"AT", "ART", "CAT", "EAT", "MET", "IST", "WAT", "AST"}
_AREAS = "Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada"
_OFFSET_TEXT = r"(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?"
_OFFSET = re.compile("(?i)" + _OFFSET_TEXT)


def zone_for(text: str) -> str | None:
    """The IANA zone an abbreviation (`ET`, `AEST`, `Eastern`) or zone name means, if any."""
    word = text.strip()
    upper = word.upper()
    if upper in _GENERIC_ZONES:
        return _GENERIC_ZONES[upper]
    if upper in ABBREVIATIONS and "/" not in upper and not upper[-1].isdigit():
        return ABBREVIATIONS[upper][0]
    zones = database()
    if zones.is_canonical(word):
        return word
    if zones.alias_target(word):
        return zones.alias_target(word)
    if "/" in word:
        exact = {name.lower(): name for name in zones.zones | zones.listed if zones.is_canonical(name)}
        return exact.get(word.lower())
    return None


def _zone_hint(text: str | None) -> tuple[str | None, str | None]:
    """The zone of a time zone column: (zone, None) or (None, reason)."""
    if not text or not text.strip():
        return None, None
    if _OFFSET.fullmatch(text.strip()):
        return None, _offset_reason(text.strip(), " in the time zone column")
    found = zone_for(text)
    if found is None:
        return None, f"unknown time zone '{text.strip()}' in the time zone column"
    return found, None


def _offset_reason(text: str, where: str = "") -> str:
    return (f"'{text}'{where} is a UTC offset, not a time zone: it cannot follow daylight saving; "
            "name the place (ET, Europe/London, ...)")


# ---------------------------------------------------------------------------
# Schedules in free text

_DAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
         "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
         "sunday": 6, "sun": 6}
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = {"first": "first", "1st": "first", "second": "second", "2nd": "second", "third": "third",
             "3rd": "third", "fourth": "fourth", "4th": "fourth", "last": "last", "fifth": None, "5th": None}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
# Words that carry no meaning of their own in "Sundays at 9 p.m. Eastern time".
_FILLERS = {"every", "each", "on", "at", "the", "of", "and", "time", "a", "week", "weekly", "weeks",
            "standard", "daylight", "twice", "from", "to", "s"}
_MONTH_WORDS = {"month", "monthly", "months"}
_DAILY_WORDS = {"daily", "day", "days", "everyday", "nightly", "weekdays", "weeknights", "weekends", "weekend"}

_DAY_WORD = r"(?:%s)s?" % "|".join(sorted(_DAYS, key=len, reverse=True))
_DAY_RANGE = re.compile(rf"(?i)\b({_DAY_WORD})\.?\s*(?:-|to|through|thru|until)\s*({_DAY_WORD})\b")
_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]m)?|noon|midday)"
_RANGE_SPLIT = re.compile(r"(?i)\s*(?:-|\bto\b|\buntil\b|\btill\b)\s*")
_TOKEN = re.compile(
    rf"""(?ix)
    (?P<range>(?<![\w:.]){_CLOCK}\s*(?:-|to|until|till)\s*{_CLOCK}(?![\w:]))
    |(?P<offset>\b{_OFFSET_TEXT})
    |(?P<time>(?<![\w:.])(?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]m)?|\d{{1,2}}\s*[ap]m)(?![\w:])
        |\b(?:noon|midday|midnight)\b)
    |(?P<interval>\bevery\s+(?:other|alternate)\b|\bevery\s+(?:\d+|[a-z]+)\s+weeks\b
        |\b(?:fortnightly|alternate|alternating|bi-?weekly)\b)
    |(?P<zone>\b(?:{_AREAS})/[a-z_+-]+(?:/[a-z_+-]+)?)
    |(?P<ordinal>\b(?:1st|2nd|3rd|4th|5th)\b)
    |(?P<number>\d+)
    |(?P<word>[^\W\d_]+)
    |(?P<punct>[-,&+/;().!'])
    |(?P<other>\S)
    """
)


@dataclass
class Interpretation:
    """What a schedule text says: an entry for the file, or why not; notes for the reviewer."""

    entry: dict | None = None
    reason: str | None = None
    notes: list[str] = field(default_factory=list)


class _Unclear(Exception):
    """The text cannot be read one way; the message says why."""


def parse_schedule_text(text: str, timezone_hint: str | None = None,
                        today: dt.date | None = None) -> tuple[dict | None, str | None]:
    """A schedule entry from text such as "Tuesdays 9pm ET", or (None, the reason).

    `timezone_hint` is a time zone column's value, used when the text names
    none. `today` is the import date: "every other" weeks start from the
    first matching date on or after it.
    """
    result = interpret_schedule(text, timezone_hint, today)
    return result.entry, result.reason


def interpret_schedule(text: str, timezone_hint: str | None = None, today: dt.date | None = None) -> Interpretation:
    """Like `parse_schedule_text`, with notes on each reading a reviewer should check."""
    today = today or dt.date.today()
    shown = " ".join(text.split())
    if not shown:
        return Interpretation(reason="no schedule")
    notes: list[str] = []
    try:
        entry = _interpret(_normalise(shown), shown, timezone_hint, today, notes)
    except _Unclear as unclear:
        return Interpretation(reason=str(unclear))
    return Interpretation(entry=entry, notes=notes)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    text = re.sub(r"(?i)\b([ap])\.\s*m\b\.?", r"\1m", text)  # "9 p.m." -> "9 pm"
    return _DAY_RANGE.sub(_spell_out_days, text)  # "Mon-Fri" -> "monday tuesday ... friday"


def _spell_out_days(match: re.Match) -> str:
    start, end = _weekday(match[1].lower()), _weekday(match[2].lower())
    return " ".join(_DAY_NAMES[(start + k) % 7] for k in range((end - start) % 7 + 1))


def _weekday(word: str) -> int | None:
    """Monday = 0 for `monday`, `mondays`, `mon`, `tues`, `weds`, ..."""
    for candidate in (word, word.removesuffix("s")):
        if candidate in _DAYS:
            return _DAYS[candidate]
    return None


@dataclass
class _Parts:
    """The pieces of a schedule text, in the order written."""

    days: list = field(default_factory=list)  # [(ordinal or None, weekday name)]
    pending_ordinals: list = field(default_factory=list)  # read, waiting for their weekday
    times: list = field(default_factory=list)  # [[text, zone or None, is_range]]
    zones: list = field(default_factory=list)  # [(zone, as written)]
    interval: int = 1
    monthly: bool = False
    every_second: bool = False
    unknown: list = field(default_factory=list)
    bare_numbers: list = field(default_factory=list)


def _interpret(text: str, shown: str, hint: str | None, today: dt.date, notes: list[str]) -> dict:
    parts = _scan(text, shown)
    days = _days(parts, shown)
    at, duration = _time(parts, shown, notes)
    timezone = _timezone(parts, hint, shown, notes)
    if len(parts.times) > 1:
        _check_same_instant(parts, today, shown, notes)
    entry: dict = {}
    if parts.monthly:
        items = [f"{ordinal} {day}" for ordinal, day in days]
        entry["every"], entry["on"] = "month", items if len(items) > 1 else items[0]
    else:
        names = sorted((day for _, day in days), key=_DAY_NAMES.index)
        entry["every"] = "week" if parts.interval == 1 else f"{parts.interval} weeks"
        entry["on"] = names if len(names) > 1 else names[0]
    entry["at"], entry["timezone"] = at, timezone
    if duration is not None:
        entry["duration"] = duration
    if parts.interval > 1:
        # The format needs a first date to know which weeks are on; the text does not say.
        start = _first_on_or_after(today, [day for _, day in days])
        entry["from"] = start
        notes.append(f"every {parts.interval} weeks from {start} ({start:%A}, the first on or after "
                     "the import date): check that it is an 'on' week")
    return entry


def _scan(text: str, shown: str) -> _Parts:
    parts = _Parts()
    all_caps = text.upper() == text
    previous = ""
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        lower = value.lower()
        if kind in ("range", "time"):
            parts.times.append([value, None, kind == "range"])
        elif kind == "offset":
            raise _Unclear(_offset_reason(value, f" in '{shown}'"))
        elif kind == "interval":
            interval = _interval(lower, shown)
            if parts.interval not in (1, interval):
                raise _Unclear(f"'{shown}' gives two intervals (every {parts.interval} and every {interval} weeks)")
            parts.interval = interval
        elif kind == "zone":
            _add_zone(parts, value, shown)
        elif kind == "ordinal":
            _add_ordinal(parts, lower, previous, shown)
        elif kind == "number":
            parts.bare_numbers.append(value)
        elif kind == "word":
            _word(parts, value, previous, all_caps, shown)
        elif kind == "other":
            parts.unknown.append(value)
        previous = lower
    if parts.times or any(len(n) > 2 or int(n) > 12 for n in parts.bare_numbers):
        parts.unknown += parts.bare_numbers  # a number that is not an hour: "9pm ET 2", "2100"
    if parts.unknown:
        raise _Unclear(f"cannot read '{' '.join(parts.unknown)}' in '{shown}'")
    return parts


def _word(parts: _Parts, value: str, previous: str, all_caps: bool, shown: str) -> None:
    lower = value.lower()
    weekday = _weekday(lower)
    if weekday is not None:
        parts.days.append((None, _DAY_NAMES[weekday]))
        _attach_ordinals(parts)
    elif lower in _ORDINALS:
        _add_ordinal(parts, lower, previous, shown)
    elif lower in _DAILY_WORDS:
        raise _Unclear(f"'{value}' in '{shown}': a chat every day is not in the chat format; "
                       "write its weekdays by hand if it really meets daily")
    elif lower in _MONTH_WORDS:
        if previous.endswith(("other", "alternate")):
            raise _Unclear(f"every other month is not in the chat format ('{shown}')")
        parts.monthly = True
    elif _is_zone_word(value, all_caps):
        _add_zone(parts, value, shown)
    elif lower in _FILLERS:
        pass
    elif _looks_like_zone(value, all_caps):
        raise _Unclear(f"unknown time zone '{value}' in '{shown}'")
    else:
        parts.unknown.append(value)


def _is_zone_word(value: str, all_caps: bool) -> bool:
    if value.upper() in _WORDLIKE and (not value.isupper() or all_caps):
        return False  # "at 9pm" is not Atlantic time
    return zone_for(value) is not None


def _looks_like_zone(value: str, all_caps: bool) -> bool:
    """`NZT`, `WIB`: capitals ending like an abbreviation (not `TBD`)."""
    return not all_caps and value.isupper() and 2 <= len(value) <= 5 and value.endswith(("T", "ST", "DT"))


def _add_zone(parts: _Parts, value: str, shown: str) -> None:
    found = zone_for(value)
    if found is None:
        raise _Unclear(f"unknown time zone '{value}' in '{shown}'")
    parts.zones.append((found, value))
    if parts.times and parts.times[-1][1] is None:
        parts.times[-1][1] = found  # "9pm ET / 6pm PT": each time takes the zone after it


def _interval(lower: str, shown: str) -> int:
    if lower.startswith("bi"):
        raise _Unclear(f"'biweekly' in '{shown}' can mean twice a week or every two weeks: "
                       "write 'every other <day>' or name the days")
    number = re.fullmatch(r"every\s+(\w+)\s+weeks", lower)
    if not number:
        return 2  # every other, alternate, fortnightly
    count = int(number[1]) if number[1].isdigit() else _NUMBER_WORDS.get(number[1], 0)
    if not 2 <= count <= 8:
        raise _Unclear(f"every {number[1]} weeks in '{shown}': the chat format allows every 2 to 8 weeks")
    return count


def _add_ordinal(parts: _Parts, lower: str, previous: str, shown: str) -> None:
    ordinal = _ORDINALS[lower]
    if ordinal is None:
        raise _Unclear(f"'{lower}' in '{shown}': a fifth weekday of the month is not in the chat format "
                       "(first to fourth, or last)")
    if ordinal == "second" and previous == "every":
        parts.every_second = True  # fortnightly, or the 2nd of the month? See _days.
    parts.pending_ordinals.append(ordinal)
    parts.monthly = True


def _attach_ordinals(parts: _Parts) -> None:
    """Give the weekday just read the ordinals written before it (`1st and 3rd Thursday`)."""
    if not parts.pending_ordinals:
        return
    _, name = parts.days.pop()
    parts.days.extend((ordinal, name) for ordinal in parts.pending_ordinals)
    parts.pending_ordinals = []


def _days(parts: _Parts, shown: str) -> list[tuple[str | None, str]]:
    days = parts.days
    if parts.pending_ordinals:
        # Ordinals after their day: "Thursdays, 1st and 3rd".
        if len(days) != 1 or days[0][0] is not None:
            raise _Unclear(f"which weekday goes with '{' and '.join(parts.pending_ordinals)}' in '{shown}'?")
        days = [(ordinal, days[0][1]) for ordinal in parts.pending_ordinals]
    if not days:
        raise _Unclear(f"no day of the week in '{shown}'")
    if parts.every_second and not any(word in shown.lower() for word in _MONTH_WORDS):
        raise _Unclear(f"'every second' in '{shown}' can mean every other week or the 2nd of the month: "
                       "write 'every other <day>' or '2nd <day> of the month'")
    if parts.monthly and parts.interval > 1:
        raise _Unclear(f"'{shown}' is both monthly and every few weeks")
    if parts.monthly:
        plain = [day for ordinal, day in days if ordinal is None]
        if len(plain) == len(days):
            raise _Unclear(f"which {plain[0].title()} of the month in '{shown}'? "
                           f"(write '1st {plain[0].title()}', or 'last')")
        if plain:
            raise _Unclear(f"'{plain[0]}' in '{shown}' has no ordinal (1st, 2nd, ..., last) for a monthly chat")
    return list(dict.fromkeys(days))


def _time(parts: _Parts, shown: str, notes: list[str]) -> tuple[str, int | None]:
    """The start time `H:MM` and, for a range such as `9-10pm`, the duration in minutes."""
    if not parts.times:
        if parts.bare_numbers:
            hour = parts.bare_numbers[0]
            raise _Unclear(f"'{hour}' in '{shown}' has no am/pm: write '{hour}pm' or '{hour}:00'")
        raise _Unclear(f"no time of day in '{shown}'")
    if len(parts.times) > 1 and not all(zone_name for _, zone_name, _ in parts.times):
        raise _Unclear(f"more than one time of day ({', '.join(t for t, _, _ in parts.times)}) in '{shown}': "
                       "one schedule entry per time")
    text, _, is_range = parts.times[0]
    if is_range:
        start_text, end_text = _RANGE_SPLIT.split(text.strip(), maxsplit=1)
        end, end_meridiem = _clock(end_text, shown)
        start, _ = _clock(start_text, shown, inherited=end_meridiem, end=end)
        duration = (end - start) % (24 * 60)
        if not 5 <= duration <= 720:
            raise _Unclear(f"'{text}' in '{shown}' lasts {duration} minutes; the chat format allows 5 to 720")
    else:
        start, meridiem = _clock(text, shown)
        duration = None
        if meridiem is None and 1 <= start // 60 <= 11 and not text.startswith("0"):
            notes.append(f"'{text}' read as a 24-hour time ({start // 60} in the morning)")
    return f"{start // 60}:{start % 60:02d}", duration


def _clock(text: str, shown: str, inherited: str | None = None, end: int | None = None) -> tuple[int, str | None]:
    """Minutes after midnight, and the am/pm written (None for a 24-hour time).

    A range's start without am/pm takes the end's (`9-10pm`), unless that would
    put it after the end (`11-12pm` is 11am to noon).
    """
    word = text.strip().lower()
    if word in ("noon", "midday"):
        return 12 * 60, "pm"
    if word == "midnight":
        raise _Unclear(f"'midnight' in '{shown}' could be the start or the end of a day: "
                       "write '0:00' with the day the chat starts")
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap]m)?", word)
    if not match:
        raise _Unclear(f"cannot read the time '{text}' in '{shown}'")
    hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[3]
    if minute > 59:
        raise _Unclear(f"'{text}' in '{shown}' is not a time of day")
    if meridiem is None and inherited:
        meridiem = inherited
        if end is not None and _twelve_hour(hour, minute, meridiem, text, shown) > end:
            meridiem = "am" if meridiem == "pm" else "pm"
    if meridiem is None and match[2] is None:
        raise _Unclear(f"'{text}' in '{shown}' has no am/pm: write '{hour}pm' or '{hour}:00'")
    if meridiem:
        value = _twelve_hour(hour, minute, meridiem, text, shown)
        if value == 0:
            raise _Unclear(f"'{text}' in '{shown}' is midnight, the start or the end of a day: "
                           "write '0:00' with the day the chat starts")
        return value, meridiem
    if hour > 23:
        raise _Unclear(f"'{text}' in '{shown}' is not a start time (0:00 to 23:59)")
    return hour * 60 + minute, None


def _twelve_hour(hour: int, minute: int, meridiem: str, text: str, shown: str) -> int:
    if not 1 <= hour <= 12:
        raise _Unclear(f"'{text}' in '{shown}' is not a time of day (am/pm hours are 1 to 12)")
    return (hour % 12 + (12 if meridiem == "pm" else 0)) * 60 + minute


def _timezone(parts: _Parts, hint: str | None, shown: str, notes: list[str]) -> str:
    """The zone the text names, else the time zone column's; they must agree."""
    hint_zone, hint_problem = _zone_hint(hint)
    named = list(dict.fromkeys(found for found, _ in parts.zones))
    if len(parts.times) <= 1 and len(named) > 1:
        raise _Unclear(f"more than one time zone ({', '.join(named)}) in '{shown}'")
    if not named:
        if hint_problem:
            raise _Unclear(f"{hint_problem}, for '{shown}'")
        if hint_zone is None:
            raise _Unclear(f"no time zone in '{shown}'")
        _note_abbreviation(hint.strip(), hint_zone, notes)
        return hint_zone
    chosen = named[0]
    if hint_zone and hint_zone != chosen:
        raise _Unclear(f"'{shown}' says {chosen} but the time zone column says '{hint.strip()}' ({hint_zone})")
    _note_abbreviation(parts.zones[0][1], chosen, notes)
    return chosen


def _note_abbreviation(written: str, chosen: str, notes: list[str]) -> None:
    """Say which zone an abbreviation was taken to mean: `IST`, `GMT`, `CST` mean several."""
    if "/" not in written and written.upper() != chosen.upper():
        notes.append(f"'{written}' read as {chosen}")


def _check_same_instant(parts: _Parts, today: dt.date, shown: str, notes: list[str]) -> None:
    """`9pm ET / 6pm PT`: one session written in two zones, if they agree."""
    instants = set()
    for text, zone_name, is_range in parts.times:
        at, _ = _time(_Parts(times=[[text, zone_name, is_range]]), shown, [])
        hour, minute = (int(x) for x in at.split(":"))
        instants.add(dt.datetime.combine(today, dt.time(hour, minute), tzinfo=zone(zone_name)).timestamp())
    if len(instants) > 1:
        raise _Unclear(f"more than one time of day ({', '.join(t for t, _, _ in parts.times)}) in '{shown}': "
                       "one schedule entry per time")
    notes.append(f"'{shown}' gives one time in several zones: {parts.times[0][1]} used")


def _first_on_or_after(today: dt.date, day_names: list[str]) -> dt.date:
    return today + dt.timedelta(days=min((_DAY_NAMES.index(d) - today.weekday()) % 7 for d in day_names))
