"""`/data/zones.json`: every time zone a visitor can pick, with its city and country
spelled as people write them, and the current name of each legacy zone id.

Browsers report the zone ids of their ICU data, which keeps legacy names
(`Asia/Calcutta`, `Europe/Kiev`); tzdata's links say what they are called
now. City and country names come from CLDR (through Babel), not from the
id: `America/St_Johns` is St. John's. CLDR's English drops some accents
that the city's own language writes (Sao Paulo); where the local spelling
differs from the English one only by accents, the local one is used.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

import babel
from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location

from chatcal.schedule.tz import ABBREVIATIONS

ENGLISH = Locale("en")
BABEL_VERSION = babel.__version__  # its CLDR data names the cities
# Zones listed first in the picker, besides those the directory's chats use.
COMMON = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
          "Europe/London", "Europe/Paris", "Europe/Berlin", "Africa/Lagos", "Asia/Kolkata", "Asia/Singapore",
          "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC")


def zones_json(used: set[str]) -> dict:
    """The picker's zones (common first is the browser's job: each says if it is) and legacy links."""
    countries = zone_countries()
    zones = [_zone_row(name, countries.get(name), name in used or name in COMMON) for name in sorted(countries)]
    zones.append({"id": "UTC", "city": "UTC", "country": "", "common": True, "abbreviations": ["UTC", "GMT"]})
    return {"zones": zones, "links": legacy_links(set(countries) | {"UTC"})}


def _zone_row(name: str, country_code: str | None, common: bool) -> dict:
    return {
        "id": name,
        "city": city_name(name, country_code),
        "country": ENGLISH.territories.get(country_code, "") if country_code else "",
        "common": common,
        "abbreviations": sorted(a for a, zones in ABBREVIATIONS.items() if zones[0] == name),
    }


def zone_countries() -> dict[str, str]:
    """Zone -> ISO country code, from tzdata's `zone.tab` (one row per country and zone)."""
    table = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows}


def legacy_links(current: set[str]) -> dict[str, str]:
    """Legacy id -> current id, for links whose target is a zone of the picker (`Asia/Calcutta` -> `Asia/Kolkata`)."""
    text = resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text(encoding="utf-8")
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, link = line.split()
            if target in current and link not in current:
                links[link] = target
    return dict(sorted(links.items()))


@functools.lru_cache(maxsize=1024)
def city_name(zone: str, country_code: str | None = None) -> str:
    english = get_timezone_location(zone, locale="en", return_city=True)
    if not country_code:
        return english
    try:
        local = get_timezone_location(zone, locale=str(Locale.parse(f"und_{country_code}")), return_city=True)
    except (UnknownLocaleError, ValueError, LookupError):  # territories without a CLDR locale
        return english
    return local if local != english and _without_accents(local) == _without_accents(english) else english


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
