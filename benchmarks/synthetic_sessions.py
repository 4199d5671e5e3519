"""Session files for a synthetic directory: topics, small moves and cancellations on real session dates.

    .venv/bin/python benchmarks/synthetic_sessions.py CONTENT_DIR COUNT [SEED]

Reads the chats of CONTENT_DIR/chats, and writes COUNT valid session files
into CONTENT_DIR/sessions: dates are sessions of their entries around the
synthetic clock, so every file passes the validator. The same seed gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.synthetic import CLOCK  # noqa: E402
from chatcal.chatfile.catalog import load_catalog  # noqa: E402
from chatcal.schedule import rules  # noqa: E402

WINDOW = dt.timedelta(days=70)
TOPIC_WORDS = ("planning", "tools", "habits", "community", "burnout", "audiences", "metrics", "mentors",
               "rituals", "feedback", "writing", "careers", "café", "naïve questions", "日本語", "open source")


def generate_sessions(content: Path, count: int, seed: int = 1) -> int:
    """Write up to `count` session files; returns how many were written."""
    rng = random.Random(seed)
    catalog = load_catalog(content / "chats", content)
    candidates = []
    for chat in catalog.chats:
        if not chat.active:
            continue
        found = rules.sessions(chat, CLOCK - WINDOW, CLOCK + WINDOW)
        # Dates two entries meet on need the entry in the name; count over a wider window, for the edges.
        shared = Counter(s.local.date() for s in rules.sessions(chat, CLOCK - 2 * WINDOW, CLOCK + 2 * WINDOW))
        candidates += [(chat, s, shared[s.local.date()] > 1 or len(chat.schedule) > 1) for s in found]
    rng.shuffle(candidates)
    written = 0
    for chat, session, named in candidates[:count]:
        name = session.local.date().isoformat() + (f"-{session.entry}" if named else "")
        path = content / "sessions" / chat.slug / f"{name}.md"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_session_text(rng, session, may_move=len(chat.schedule) == 1), encoding="utf-8")
        written += 1
    return written


def _session_text(rng: random.Random, session, may_move: bool) -> str:
    kind = rng.random()
    if kind < 0.08:
        return "---\nstatus: cancelled\nnote: Holiday break\n---\n"
    topic = f"{rng.choice(TOPIC_WORDS).capitalize()} and {rng.choice(TOPIC_WORDS)}"
    lines = ["---", f"topic: \"{topic}\""]
    local = session.local
    if kind < 0.16 and local.hour < 22 and may_move:  # a small move: half an hour later, the same evening
        moved = local.replace(tzinfo=None) + dt.timedelta(minutes=30)
        lines.append(f"start: \"{moved:%Y-%m-%d %H:%M}\"")
        lines.append("note: A little later this week")
    if rng.random() < 0.2:
        lines.append(f"recap: https://example.org/recaps/{session.chat}/{local:%Y-%m-%d}")
    lines.append("---")
    questions = "\n".join(f"Q{i}. What about {rng.choice(TOPIC_WORDS)}?" for i in range(1, rng.randint(2, 5)))
    return "\n".join(lines) + "\n" + questions + "\n"


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    print(f"{generate_sessions(target, count, seed)} session files in {target / 'sessions'}")
