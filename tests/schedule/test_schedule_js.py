"""The browser's schedule expansion (theme/static/js/schedule.js) against ours.

The site's pages compute sessions in the viewer's zone from /chats.json with
the platform's Intl API; they must give exactly the instants of
chatcal.schedule, chat by chat, over two years of clock changes. Node runs the
module here, and its unit tests (tests/js/) run as part of `make test`.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from chatcal.schedule import rules
from chatcal.schedule.tz import TZDATA_VERSION, zone
from chatcal.site.export import BROWSER_HISTORY
from tests.support import FIXTURE_NOW, ROOT

UTC = dt.timezone.utc
START = dt.datetime(2026, 1, 1, tzinfo=UTC)
END = dt.datetime(2028, 1, 1, tzinfo=UTC)
SCRIPT = ROOT / "tests" / "js" / "expand_fixture.mjs"
# The module is plain ES module `.js` served to browsers; package.json has no
# "type", so Node detects the syntax and warns: that warning is noise here.
NODE = ["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON"]


def node(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*NODE, *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def node_expansion(chats_json: Path, start: dt.datetime = START) -> dict:
    result = node(str(SCRIPT), str(chats_json), iso(start), iso(END))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def changed_in_2026_vancouver(session: rules.Session) -> bool:
    """Whether tzdata 2026f gives this session another offset than the older rules.

    In 2026f (pinned for Python) America/Vancouver stays on UTC-7 all year
    from 2026-11-01; before, it had Los Angeles's rules (PST, UTC-8, from the
    first Sunday of November to the second Sunday of March). Node's ICU may
    carry the older data (Node 20.20 has tz 2025c): for those winter sessions
    it is right by its data and an hour late by ours.
    """
    if session.local.tzinfo.key != "America/Vancouver":
        return False
    old_rules = session.local.replace(tzinfo=zone("America/Los_Angeles"))
    return old_rules.utcoffset() != session.local.utcoffset()


def as_json(session: rules.Session, shift: dt.timedelta = dt.timedelta(0)) -> dict:
    return {"entry": session.entry, "start": iso(session.start + shift), "end": iso(session.end + shift)}


# /chats.json, and the compact file of the same rules the week page reads.
@pytest.mark.parametrize("data", ["chats.json", "data/schedules.json"])
def test_js_expansion_matches_python(built_site, fixture_catalog, data):
    if not (built_site / data).exists():
        pytest.skip(f"the site has no {data}")
    compact = data == "data/schedules.json"
    # The compact file holds active chats only, with full detail (skips, the
    # date listed) from 8 weeks before the build: compare from there on.
    start = FIXTURE_NOW - BROWSER_HISTORY if compact else START
    expanded = node_expansion(built_site / data, start)
    node_tz_older = expanded["tz"] < TZDATA_VERSION  # e.g. "2025c" < "2026f"
    chats = expanded["chats"]
    assert sorted(chats) == sorted(c.slug for c in fixture_catalog.chats if c.active or not compact)
    total = 0
    for slug, found in chats.items():
        ours = rules.sessions(fixture_catalog.by_slug(slug), start, END)
        assert len(found) == len(ours), slug
        kept_found, kept_ours = [], []
        for session, theirs in zip(ours, found):
            if node_tz_older and changed_in_2026_vancouver(session):
                # Left out of the exact comparison for the tz version
                # difference alone: Node must read it with the pre-2026f
                # offset (UTC-8, an hour later) or, if its ICU already has
                # the change, exactly as we do. Anything else fails.
                assert theirs in (as_json(session), as_json(session, dt.timedelta(hours=1))), (slug, theirs)
                continue
            kept_ours.append(as_json(session))
            kept_found.append(theirs)
        assert kept_found == kept_ours, slug
        total += len(ours)
    assert total > 1000  # two years of 15 chats: the comparison is not vacuous


def test_js_unit_tests_pass():
    result = node("--test", str(ROOT / "tests" / "js"))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
