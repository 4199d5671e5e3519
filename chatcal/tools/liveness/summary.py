"""The few lines a run prints at its end: verdicts, requests, and what could not be checked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from chatcal.tools.liveness.clock import iso
from chatcal.tools.liveness.evidence import VERDICTS
from chatcal.tools.liveness.http import PoliteClient


@dataclass
class Tally:
    """What one run did, counted as it goes."""

    client: PoliteClient
    note: str | None = None  # why the previous data file was set aside
    judged: list[str] = field(default_factory=list)  # slugs
    asked: int = 0  # sessions asked about this run, per platform
    reused: int = 0  # sessions judged by an earlier run, per platform
    unchecked: Counter[str] = field(default_factory=Counter)  # reason -> chats


def summary_text(data: dict, tally: Tally, now: dt.datetime) -> str:
    records = [data["chats"][slug] for slug in tally.judged]
    verdicts = Counter(record["verdict"] for record in records)
    lines = [f"liveness at {iso(now)}: {len(records)} chats judged",
             "  " + ", ".join(f"{verdict.replace('_', ' ')} {verdicts[verdict]}" for verdict in VERDICTS),
             f"  sessions: {tally.asked} asked now, {tally.reused} judged by earlier runs",
             "  " + requests_line(tally.client)]
    silent = sorted(slug for slug in tally.judged if data["chats"][slug]["verdict"] == "silent")
    if silent:
        lines.append("  silent: " + ", ".join(silent))
    lines += [f"  unchecked: {reason} ({count} chat{'s' if count != 1 else ''})"
              for reason, count in sorted(tally.unchecked.items())]
    if tally.note:
        lines.append(f"  note: {tally.note}")
    return "\n".join(lines) + "\n"


def requests_line(client: PoliteClient) -> str:
    if not client.requests:
        return "requests: none"
    counts = ", ".join(f"{server} {count}" for server, count in sorted(client.requests.items()))
    return f"requests: {counts}; {client.waited:.0f} s waited for limits and retries"
