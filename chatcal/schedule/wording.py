"""Schedules and times in words, in the chat's own zone."""

from __future__ import annotations

import datetime as dt
import functools
import re

import langcodes

from chatcal.model import WEEKDAYS, Entry


def clock(time: dt.time) -> str:
    """`21:00` -> `9:00 PM`."""
    hour = time.hour % 12 or 12
    return f"{hour}:{time.minute:02d} {'AM' if time.hour < 12 else 'PM'}"


def place(timezone: str) -> str:
    """`America/New_York` -> `New York time (America/New_York)`."""
    if timezone == "UTC":
        return "UTC"
    city = timezone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time ({timezone})"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def days_in_words(entry: Entry) -> str:
    if entry.monthly:
        return _join([d.name.replace(d.name.split()[-1], d.name.split()[-1].title()) for d in entry.on]) + " of the month"
    names = [WEEKDAYS[d.weekday].title() for d in sorted(entry.on, key=lambda d: d.weekday)]
    if entry.interval == 1:
        return _join([n + "s" for n in names])
    return f"every {entry.interval} weeks on {_join(names)}"


def duration_in_words(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + \
            ([f"{rest} minute{'s' if rest != 1 else ''}"] if rest else [])
    return " ".join(parts)


def schedule_in_words(entry: Entry) -> str:
    """`Sundays at 9:00 PM New York time (America/New_York)`."""
    text = f"{days_in_words(entry)} at {clock(entry.at)} {place(entry.timezone)}"
    text = text[0].upper() + text[1:]
    if entry.start and entry.interval > 1:
        text += f", starting {entry.start:%B} {entry.start.day}, {entry.start.year}"
    if entry.until:
        text += f", until {entry.until:%B} {entry.until.day}, {entry.until.year}"
    return text


def language_name(tag: str) -> str:
    """`pt-BR` -> `Portuguese (Brazil)`."""
    return langcodes.Language.get(tag).display_name()


@functools.lru_cache(maxsize=512)
def language_words(tag: str) -> tuple[str, ...]:
    """Words that name a language in English and in itself: `es` -> (`spanish`, `español`)."""
    # The language alone: `pt-BR` is found as Portuguese, not by its region's words.
    language = langcodes.Language.get(langcodes.Language.get(tag).language)
    names = (language.language_name(), language.autonym())
    return tuple(dict.fromkeys(w for name in names for w in re.findall(r"[^\W_]+", name.casefold())))
