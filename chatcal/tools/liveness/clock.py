"""The run's clock, and times written as the data file writes them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

UTC = dt.timezone.utc


def iso(moment: dt.datetime) -> str:
    """`2026-11-23T02:00:00Z`: UTC, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_now(text: str | None, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """`--now` (ISO 8601 UTC), else SOURCE_DATE_EPOCH, else the real time; ValueError if malformed."""
    if text:
        moment = dt.datetime.fromisoformat(text.strip())
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        if moment.utcoffset() != dt.timedelta(0):
            raise ValueError(f"--now must be in UTC (end it with Z), found {text!r}")
        return moment.astimezone(UTC)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), UTC)
    return dt.datetime.now(UTC).replace(microsecond=0)
