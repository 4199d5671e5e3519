"""Time zones from the pinned `tzdata` package, never from the machine.

The operating system's zone database can be years old, and the same chat
would then be an hour apart depending on where the site was built. Every
zone the project uses (schedule expansion, feeds, pages, JSON) comes from
here, so all of them agree.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from importlib import resources
from zoneinfo import ZoneInfo

import tzdata

TZDATA_VERSION = tzdata.IANA_VERSION

# Abbreviations people write in chat lists, with the zones they usually mean.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ET": ("America/New_York", "America/Toronto"),
    "EASTERN": ("America/New_York", "America/Toronto"),
    "CENTRAL": ("America/Chicago", "America/Mexico_City"),
    "MOUNTAIN": ("America/Denver", "America/Phoenix"),
    "PACIFIC": ("America/Los_Angeles", "America/Vancouver"),
    "EST5EDT": ("America/New_York", "America/Toronto"),
    "CST6CDT": ("America/Chicago", "America/Winnipeg"),
    "MST7MDT": ("America/Denver", "America/Edmonton"),
    "PST8PDT": ("America/Los_Angeles", "America/Vancouver"),
    "EST": ("America/New_York", "America/Toronto"),
    "EDT": ("America/New_York", "America/Toronto"),
    "CT": ("America/Chicago", "America/Mexico_City"),
    "CST": ("America/Chicago", "America/Mexico_City"),
    "CDT": ("America/Chicago", "America/Winnipeg"),
    "MT": ("America/Denver", "America/Phoenix"),
    "MST": ("America/Denver", "America/Phoenix"),
    "MDT": ("America/Denver", "America/Edmonton"),
    "PT": ("America/Los_Angeles", "America/Vancouver"),
    "PST": ("America/Los_Angeles", "America/Vancouver"),
    "PDT": ("America/Los_Angeles", "America/Vancouver"),
    "AKST": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "AT": ("America/Halifax",),
    "AST": ("America/Halifax", "America/Puerto_Rico"),
    "NST": ("America/St_Johns",),
    "GMT": ("Europe/London", "UTC"),
    "BST": ("Europe/London",),
    "WET": ("Europe/Lisbon",),
    "CET": ("Europe/Paris", "Europe/Berlin"),
    "CEST": ("Europe/Paris", "Europe/Berlin"),
    "EET": ("Europe/Athens", "Europe/Helsinki"),
    "EEST": ("Europe/Athens", "Europe/Helsinki"),
    "MSK": ("Europe/Moscow",),
    "IST": ("Asia/Kolkata", "Europe/Dublin"),
    "PKT": ("Asia/Karachi",),
    "SGT": ("Asia/Singapore",),
    "HKT": ("Asia/Hong_Kong",),
    "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",),
    "AEST": ("Australia/Sydney", "Australia/Brisbane"),
    "AEDT": ("Australia/Sydney", "Australia/Melbourne"),
    "ACST": ("Australia/Adelaide", "Australia/Darwin"),
    "AWST": ("Australia/Perth",),
    "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
    "BRT": ("America/Sao_Paulo",),
    "ART": ("America/Argentina/Buenos_Aires",),
    "WAT": ("Africa/Lagos",),
    "CAT": ("Africa/Maputo", "Africa/Johannesburg"),
    "EAT": ("Africa/Nairobi",),
    "SAST": ("Africa/Johannesburg",),
}


@dataclass(frozen=True)
class ZoneDatabase:
    """Names in the pinned tz database: zones, and links to them."""

    zones: frozenset[str]
    links: dict[str, str]  # alias -> target
    listed: frozenset[str]  # zones named in zone.tab (per country)

    def is_canonical(self, name: str) -> bool:
        return name == "UTC" or (
            "/" in name
            and not name.startswith("Etc/")
            and (name in self.zones or name in self.listed)
        )

    def alias_target(self, name: str) -> str | None:
        """The canonical zone for a deprecated alias such as US/Eastern."""
        if "/" not in name or name.startswith("Etc/") or name in self.listed:
            return None
        target = self.links.get(name)
        while target in self.links and target not in self.listed:
            target = self.links[target]
        return target

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """Zones a mistyped or abbreviated name most likely meant."""
        upper = text.strip().upper()
        if upper in ABBREVIATIONS:
            return list(ABBREVIATIONS[upper])
        candidates = sorted(n for n in self.zones | self.listed if self.is_canonical(n))
        key = text.strip().replace(" ", "_").lower()
        by_lower = {n.lower(): n for n in candidates}
        if key in by_lower:
            return [by_lower[key]]
        by_city = {}
        for name in candidates:
            by_city.setdefault(name.rsplit("/", 1)[-1].lower(), name)
        found = [by_city[c] for c in difflib.get_close_matches(key, by_city, limit, 0.75)]
        found += [
            by_lower[c]
            for c in difflib.get_close_matches(key, by_lower, limit, 0.75)
            if by_lower[c] not in found
        ]
        return found[:limit]


@functools.cache
def zones_by_country() -> dict[str, list[str]]:
    """Country name and ISO code (lowercase) -> its zones, from zone.tab."""
    folder = resources.files("tzdata.zoneinfo")
    names = {}
    for line in folder.joinpath("iso3166.tab").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            names[code] = name
    found: dict[str, list[str]] = {}
    for line in folder.joinpath("zone.tab").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, zone_name = line.split("\t")[:3]
            for key in (code.lower(), names.get(code, code).lower()):
                found.setdefault(key, []).append(zone_name)
    return found


def zone_choices(text: str) -> list[str]:
    """Zones a person may mean by a zone name, city, country or abbreviation."""
    text = text.strip()
    zones = database()
    if zones.is_canonical(text):
        return [text]
    if zones.alias_target(text):
        return [zones.alias_target(text)]
    if text.upper() in ABBREVIATIONS:
        return list(ABBREVIATIONS[text.upper()])
    by_country = zones_by_country().get(text.lower())
    if by_country:
        return by_country
    return zones.suggestions(text, limit=5)


@functools.cache
def database() -> ZoneDatabase:
    text = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    zones, links = set(), {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == "Z":
            zones.add(parts[1])
        elif parts and parts[0] == "L":
            links[parts[2]] = parts[1]
    tab = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    listed = {
        line.split("\t")[2]
        for line in tab.splitlines()
        if line and not line.startswith("#")
    }
    return ZoneDatabase(frozenset(zones), links, frozenset(listed))


@functools.cache
def zone(name: str) -> ZoneInfo:
    """The zone `name`, read from the pinned tzdata package."""
    path = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as data:
        return ZoneInfo.from_file(data, key=name)
