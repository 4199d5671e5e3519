"""Synthetic chat directories for the performance benchmark.

`generate_chats(directory, n, seed)` writes `n` chat files that pass the
validator, deterministic for a seed: every schedule kind of the format
(weekly on one or several days, every N weeks with `from`, monthly on one or
several ordinals, several entries with ids and labels), 76 IANA zones
(half-hour and 45-minute offsets, southern-hemisphere DST, UTC), Markdown
descriptions of 80-300 words (paragraphs, lists, emphasis, links, the odd
heading, quote and code span), 1-5 topics per chat from a Zipf-like
distribution over 150 topics, hosts, websites, archives, chats on hiatus or
ended (with `until`), skipped dates that are real sessions, and unique
hashtags, so the catalog has no cross-file errors.

Run it as a script to write a directory and check it:

    .venv/bin/python benchmarks/synthetic.py /tmp/chats 1000
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

# The build clock the benchmark uses; ended and paused chats stop before it.
CLOCK = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.timezone.utc)

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}

# (zone, weight): the common ones more often, but every zone shows up.
ZONES = [
    ("America/New_York", 12), ("America/Chicago", 6), ("America/Denver", 3), ("America/Phoenix", 2),
    ("America/Los_Angeles", 8), ("America/Anchorage", 1), ("Pacific/Honolulu", 1), ("America/Toronto", 3),
    ("America/Vancouver", 2), ("America/Halifax", 1), ("America/St_Johns", 1), ("America/Mexico_City", 2),
    ("America/Bogota", 1), ("America/Lima", 1), ("America/Caracas", 1), ("America/Havana", 1),
    ("America/Sao_Paulo", 3), ("America/Argentina/Buenos_Aires", 2), ("America/Santiago", 1),
    ("America/Asuncion", 1), ("America/Montevideo", 1), ("Atlantic/Reykjavik", 1), ("Atlantic/Azores", 1),
    ("Europe/London", 8), ("Europe/Dublin", 2), ("Europe/Lisbon", 1), ("Europe/Paris", 4), ("Europe/Berlin", 5),
    ("Europe/Madrid", 3), ("Europe/Rome", 2), ("Europe/Amsterdam", 2), ("Europe/Stockholm", 1),
    ("Europe/Warsaw", 1), ("Europe/Athens", 1), ("Europe/Helsinki", 1), ("Europe/Kyiv", 1),
    ("Europe/Istanbul", 1), ("Europe/Moscow", 1), ("Africa/Lagos", 2), ("Africa/Cairo", 1),
    ("Africa/Nairobi", 1), ("Africa/Johannesburg", 1), ("Africa/Casablanca", 1), ("Asia/Dubai", 1),
    ("Asia/Tehran", 1), ("Asia/Kabul", 1), ("Asia/Karachi", 1), ("Asia/Kolkata", 5), ("Asia/Colombo", 1),
    ("Asia/Kathmandu", 1), ("Asia/Dhaka", 1), ("Asia/Yangon", 1), ("Asia/Bangkok", 1), ("Asia/Jakarta", 1),
    ("Asia/Singapore", 2), ("Asia/Manila", 2), ("Asia/Shanghai", 1), ("Asia/Hong_Kong", 1), ("Asia/Seoul", 1),
    ("Asia/Tokyo", 3), ("Australia/Perth", 1), ("Australia/Eucla", 1), ("Australia/Darwin", 1),
    ("Australia/Adelaide", 1), ("Australia/Brisbane", 1), ("Australia/Sydney", 4), ("Australia/Melbourne", 2),
    ("Australia/Hobart", 1), ("Australia/Lord_Howe", 1), ("Pacific/Auckland", 2), ("Pacific/Chatham", 1),
    ("Pacific/Fiji", 1), ("Pacific/Tongatapu", 1), ("Pacific/Marquesas", 1), ("Pacific/Apia", 1), ("UTC", 3),
]

# 150 topics; rank 1 is the most common (weights follow 1 / rank ** ZIPF_S).
TOPICS = """
marketing; writing; blogging; social media; content marketing; design; programming; python;
javascript; project management; startups; education; books; photography; mental health; careers;
leadership; ux; data science; machine learning; remote work; customer support; seo; podcasting;
health; fitness; travel; food; parenting; science; history; gaming; music; film; art; sustainability;
climate; gardening; personal finance; investing; small business; ecommerce; nonprofits; public relations;
journalism; poetry; fiction; screenwriting; libraries; teaching; edtech; higher education; research;
open source; devops; cloud; security; accessibility; web development; mobile apps; product management;
agile; hr; recruiting; diversity; community management; events; real estate; law; healthcare; nursing;
pharmacy; public health; neuroscience; astronomy; space; physics; chemistry; biology; ecology; birding;
hiking; running; cycling; yoga; cooking; baking; coffee; wine; crafts; knitting; woodworking; diy;
home improvement; architecture; urban planning; transit; electric vehicles; energy; agriculture;
veterinary; pets; dogs; cats; language learning; spanish; french; linguistics; philosophy; religion;
ethics; politics; policy; economics; sociology; psychology; anthropology; archaeology; genealogy;
museums; theatre; dance; comics; anime; tabletop games; chess; esports; sports; football; baseball;
basketball; cricket; tennis; golf; motorsport; sailing; aviation; drones; robotics;
3d printing; hardware; linux; rust; go; java; databases; analytics; sales;
freelancing; translation
"""
TOPIC_LIST = [t.strip() for t in TOPICS.split(";") if t.strip()]
ZIPF_S = 1.1

WORDS = """
the a community chat weekly session people ideas share learn question answer topic host guest
everyone welcome join hour evening morning together practice tips tools experience stories project
work team writers readers builders beginners experts newcomers friendly open honest small big new
old simple useful practical thoughtful quick deep conversation thread reply follow tag hashtag
online meet talk discuss explore review plan grow support help build write read test ship design
measure improve start finish celebrate wins lessons mistakes goals habits routine feedback prompt
prompts round format moderator schedule time zone calendar reminder recap archive notes links
resources list favourite best first last next every each month week year season today
local global remote distributed international regional city country world region across between
during before after while about around through with without from into over under
and or but so because if when then also often usually sometimes always never rarely
we you they our your their its this that these those here there what how why which who
clear kind generous curious careful bold bright calm busy quiet lively warm relaxed focused
craft skill career job role field industry market audience customer reader listener viewer
story chapter draft edit publish post article essay newsletter podcast video stream episode
data code bug fix release version library framework platform service product feature launch
garden kitchen studio classroom office library lab workshop trail field stage
""".split()

LINK_TEXTS = ["the archive", "our guidelines", "last week's recap", "the reading list", "this thread",
              "the sign-up form", "the code of conduct", "a short video", "the starter guide", "the notes"]
HEADINGS = ["How it works", "Who should join", "Format", "Before you join", "Past topics", "Etiquette"]
FIRST_NAMES = ["Ada", "Bea", "Carlos", "Dana", "Eli", "Femi", "Grace", "Hiro", "Ines", "Jae", "Kofi", "Lena",
               "Mina", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen", "Yara"]
LAST_NAMES = ["Adams", "Bauer", "Chen", "Diaz", "Eze", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim",
              "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber"]
PLATFORMS = ["x", "mastodon", "bluesky", "threads", "linkedin", "instagram", "facebook", "youtube",
             "twitch", "discord", "slack", "other"]
PLATFORM_WEIGHTS = [10, 6, 6, 3, 4, 2, 2, 1, 1, 2, 1, 1]
LANGUAGES = [("en", 70), ("es", 6), ("pt-BR", 4), ("fr", 4), ("de", 3), ("ja", 2), ("hi", 2), ("nl", 1),
             ("it", 1), ("no", 1), ("sv", 1), ("id", 1), ("ko", 1), ("sw", 1)]
ENTRY_IDS = [("americas", "Americas edition"), ("emea", "EMEA edition"), ("apac", "APAC edition"),
             ("morning", "Morning session"), ("evening", "Evening session"), ("weekend", "Weekend edition"),
             ("late", "Late edition"), ("sprint", "Sprint day")]
# Schedule kinds and how often they occur.
KINDS = [("weekly", 40), ("weekly-days", 15), ("n-weeks", 12), ("monthly", 15), ("monthly-ordinals", 8),
         ("multi", 10)]
# A topic phrase is at most 40 characters; these are all short.
assert len(TOPIC_LIST) == 150 and len(set(TOPIC_LIST)) == 150, len(TOPIC_LIST)


@dataclass
class EntrySpec:
    kind: str  # "weekly" or "monthly"
    interval: int  # weeks between "on" weeks; 1 for monthly
    days: list  # weekday numbers, or (ordinal, weekday) pairs for monthly
    at: str
    timezone: str
    duration: int
    start: dt.date | None = None  # `from`
    until: dt.date | None = None
    skip: list = field(default_factory=list)
    id: str | None = None
    label: str | None = None


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def monthly_date(year: int, month: int, ordinal: int, weekday: int) -> dt.date:
    if ordinal == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (ordinal - 1))


def session_dates(entry: EntrySpec, begin: dt.date, limit: dt.date):
    """Dates the entry meets on from `begin` (its `from`, or the chat's `added`) to `limit`."""
    if entry.kind == "monthly":
        year, month = begin.year, begin.month
        while dt.date(year, month, 1) <= limit:
            for date in sorted(monthly_date(year, month, o, w) for o, w in entry.days):
                if begin <= date <= limit:
                    yield date
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    week = monday_of(begin)  # `begin` is in an "on" week: it is `from` for N weeks
    while week <= limit:
        for weekday in sorted(entry.days):
            date = week + dt.timedelta(days=weekday)
            if begin <= date <= limit:
                yield date
        week += dt.timedelta(weeks=entry.interval)


class Writer:
    """Deterministic pseudo-text and chat fields from one seeded RNG."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.topic_weights = [1 / (rank ** ZIPF_S) for rank in range(1, len(TOPIC_LIST) + 1)]

    # ---- text
    def words(self, count: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(count)]

    def sentence(self, count: int, link_chance: float = 0.15) -> str:
        words = self.words(count)
        rng = self.rng
        if count >= 4 and rng.random() < 0.3:  # emphasis
            i = rng.randrange(count - 1)
            mark = rng.choice(["**", "*", "_"])
            words[i] = f"{mark}{words[i]} {words[i + 1]}{mark}"
            del words[i + 1]
        if count >= 5 and rng.random() < link_chance:
            i = rng.randrange(len(words))
            text = rng.choice(LINK_TEXTS)
            words[i] = f"[{text}](https://example.org/{rng.choice(WORDS)}/{rng.randrange(1000)})"
        if count >= 6 and rng.random() < 0.05:
            words[-1] = f"`{words[-1]}`"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "!", "?"])

    def paragraph(self, budget: int) -> tuple[str, int]:
        sentences, used = [], 0
        while used < budget:
            count = min(self.rng.randint(6, 18), budget - used)
            count = max(count, 3)
            sentences.append(self.sentence(count))
            used += count
        return " ".join(sentences), used

    def bullet_list(self, budget: int) -> tuple[str, int]:
        ordered = self.rng.random() < 0.3
        lines, used = [], 0
        for i in range(self.rng.randint(3, 6)):
            if used >= budget:
                break
            count = min(self.rng.randint(3, 9), max(budget - used, 3))
            item = self.sentence(count, link_chance=0.25).rstrip(".!?")
            lines.append(f"{i + 1}. {item}" if ordered else f"- {item}")
            used += count
        return "\n".join(lines), used

    def description(self) -> str:
        target = self.rng.randint(80, 290)  # link texts add a few words
        contact = self.rng.random() < 0.3
        target -= 10 if contact else 0  # the contact line's words
        blocks, used = [], 0
        first, n = self.paragraph(min(target, self.rng.randint(25, 60)))
        blocks.append(first)
        used += n
        previous = "paragraph"
        while used < target:
            left = target - used
            choice = self.rng.random()
            if previous == "paragraph" and choice < 0.25 and left >= 10:
                kind, (text, n) = "list", self.bullet_list(min(left, 40))
            elif previous != "heading" and choice < 0.33 and left >= 15:
                kind, text, n = "heading", "### " + self.rng.choice(HEADINGS), 2
            elif previous == "paragraph" and choice < 0.38 and left >= 10:
                kind, (text, n) = "quote", self.paragraph(min(left, 20))
                text = "> " + text
            else:
                kind, (text, n) = "paragraph", self.paragraph(min(left, self.rng.randint(20, 70)))
            blocks.append(text)
            used += n
            previous = kind
        if contact:
            blocks.append("Questions? [Email the hosts](mailto:hosts@example.org) or read <https://example.org/faq>.")
        return "\n\n".join(blocks) + "\n"

    # ---- fields
    def title(self) -> str:
        words = [w.capitalize() for w in self.rng.sample(WORDS[:200], self.rng.randint(1, 3))]
        return " ".join(words) + " " + self.rng.choice(["Chat", "Hour", "Talk", "Circle", "Club", "Meetup", "Live"])

    def topics(self) -> list[str]:
        count = self.rng.choices([1, 2, 3, 4, 5], weights=[25, 30, 25, 12, 8])[0]
        chosen: list[str] = []
        while len(chosen) < count:
            topic = self.rng.choices(TOPIC_LIST, weights=self.topic_weights)[0]
            if topic not in chosen:
                chosen.append(topic)
        return chosen

    def host(self) -> str | dict:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        handle = f"{first}_{last}{self.rng.randrange(100)}".lower()
        style = self.rng.random()
        if style < 0.2:
            return f"@{handle}"
        host = {"name": f"{first} {last}"}
        if style < 0.8:
            platform = self.rng.choices(PLATFORMS, weights=PLATFORM_WEIGHTS)[0]
            if platform == "mastodon":
                host["handle"] = f"@{handle}@example.social"
                host["url"] = f"https://example.social/@{handle}"
            else:
                host["handle"] = f"@{handle}"
            host["platform"] = platform
        return host

    def time(self) -> str:
        hour = self.rng.choices(range(24), weights=[1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5,
                                                    6, 6, 5, 5, 5, 5, 6, 7, 8, 7, 4, 2])[0]
        minute = self.rng.choice(["00", "00", "00", "30", "15", "45"])
        return f"{hour}:{minute}" if hour < 10 and self.rng.random() < 0.5 else f"{hour:02d}:{minute}"

    def entry(self, kind: str, added: dt.date) -> EntrySpec:
        rng = self.rng
        zone = rng.choices([z for z, _ in ZONES], weights=[w for _, w in ZONES])[0]
        duration = rng.choice([15, 30, 30, 45, 60, 60, 60, 60, 90, 120, 180])
        if kind == "weekly":
            entry = EntrySpec("weekly", 1, [rng.randrange(7)], self.time(), zone, duration)
        elif kind == "weekly-days":
            days = rng.choice([[1, 3], [0, 2, 4], [0, 1, 2, 3, 4], [5, 6], sorted(rng.sample(range(7), 2))])
            entry = EntrySpec("weekly", 1, days, self.time(), zone, duration)
        elif kind == "n-weeks":
            interval = rng.choices(range(2, 9), weights=[20, 4, 6, 1, 2, 1, 2])[0]
            days = [rng.randrange(7)] if rng.random() < 0.8 else sorted(rng.sample(range(7), 2))
            entry = EntrySpec("weekly", interval, days, self.time(), zone, duration)
        elif kind == "monthly":
            ordinal = rng.choice(list(ORDINALS.values()))
            entry = EntrySpec("monthly", 1, [(ordinal, rng.randrange(7))], self.time(), zone, duration)
        else:  # monthly-ordinals
            weekday = rng.randrange(7)
            pairs = rng.choice([[(1, weekday), (3, weekday)], [(2, weekday), (4, weekday)],
                                [(1, weekday), (-1, weekday)], [(1, weekday), (3, (weekday + 2) % 7)]])
            entry = EntrySpec("monthly", 1, sorted(set(pairs)), self.time(), zone, duration)
        # `from`: required every N weeks, sometimes given for the others. It must be a session date.
        if entry.interval > 1 or rng.random() < 0.1:
            begin = added + dt.timedelta(days=rng.randrange(0, 60))
            entry.start = next(session_dates(_every_week(entry), begin, begin + dt.timedelta(days=400)))
        return entry

    def schedule(self, added: dt.date) -> list[EntrySpec]:
        kind = self.rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        if kind != "multi":
            return [self.entry(kind, added)]
        count = self.rng.choice([2, 2, 3])
        entries = []
        for (entry_id, label) in self.rng.sample(ENTRY_IDS, count):
            sub = self.rng.choices([k for k, _ in KINDS[:-1]], weights=[w for _, w in KINDS[:-1]])[0]
            entry = self.entry(sub, added)
            entry.id = entry_id
            if self.rng.random() < 0.8:
                entry.label = label
            entries.append(entry)
        return entries


def _every_week(entry: EntrySpec) -> EntrySpec:
    """The same entry meeting every week: to find a `from` on one of its days."""
    return replace(entry, interval=1)


@dataclass
class ChatSpec:
    slug: str
    title: str
    hashtag: str
    entries: list[EntrySpec]
    added: dt.date
    description: str
    platforms: list[str]
    topics: list[str]
    language: str
    hosts: list
    website: str | None
    archive: str | None
    status: str
    verified: dt.date | None


def chat_spec(writer: Writer, index: int) -> ChatSpec:
    rng = writer.rng
    status = rng.choices(["active", "hiatus", "ended"], weights=[85, 7, 8])[0]
    if status == "active":
        added = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1030))  # to late Oct 2026
    else:
        added = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 900))
    title = writer.title()
    tag_words = "".join(w.capitalize() for w in rng.sample(WORDS[:200], rng.randint(1, 2)))
    hashtag = f"{tag_words}{index}"  # the index keeps every hashtag unique, ignoring case too
    slug = f"{title.lower().replace(' ', '-')}-{index}"
    entries = writer.schedule(added)
    last_allowed = CLOCK.date() - dt.timedelta(days=2)
    for entry in entries:
        begin = entry.start or added
        dates = list(session_dates(entry, begin, begin + dt.timedelta(days=3 * 366)))
        if status != "active":
            past = [d for d in dates if d <= last_allowed]
            entry.until = rng.choice(past[1:40] or past[:1])
        elif rng.random() < 0.04:
            entry.until = dates[0] + dt.timedelta(days=rng.randrange(30, 900))
        if rng.random() < 0.25:
            usable = [d for d in dates[1:40] if entry.until is None or d <= entry.until]
            entry.skip = sorted(rng.sample(usable, min(len(usable), rng.choice([1, 1, 2, 3]))))
    platforms = sorted(set(rng.choices(PLATFORMS, weights=PLATFORM_WEIGHTS, k=rng.choice([1, 1, 2, 3]))),
                       key=PLATFORMS.index)
    verified = None
    if rng.random() < 0.5:
        verified = added + dt.timedelta(days=rng.randrange(0, max(1, (CLOCK.date() - added).days)))
    return ChatSpec(
        slug=slug,
        title=title,
        hashtag=hashtag,
        entries=entries,
        added=added,
        description=writer.description(),
        platforms=platforms,
        topics=writer.topics() if rng.random() < 0.95 else [],
        language=rng.choices([lang for lang, _ in LANGUAGES], weights=[w for _, w in LANGUAGES])[0],
        hosts=[writer.host() for _ in range(rng.choice([0, 1, 1, 2, 3]))],
        website=f"https://{slug}.example.org/" if rng.random() < 0.6 else None,
        archive=f"https://example.org/archive/{slug}" if rng.random() < 0.25 else None,
        status=status,
        verified=verified,
    )


def _day_text(entry: EntrySpec, rng: random.Random) -> str:
    if entry.kind == "monthly":
        names = [f"{next(k for k, v in ORDINALS.items() if v == o)} {WEEKDAYS[w]}" for o, w in entry.days]
    else:
        names = [WEEKDAYS[d] for d in entry.days]
        if rng.random() < 0.1:
            names = [n[:3] for n in names]  # `sun` is accepted
        if rng.random() < 0.1:
            names = [n.capitalize() for n in names]  # keywords are case-insensitive
    return names[0] if len(names) == 1 and rng.random() < 0.5 else "[" + ", ".join(names) + "]"


def render(spec: ChatSpec, rng: random.Random) -> str:
    """The chat file, in the format's YAML front matter and Markdown."""
    lines = ["---", f"title: {spec.title}"]
    lines.append(f'hashtag: "#{spec.hashtag}"' if rng.random() < 0.1 else f"hashtag: {spec.hashtag}")
    if spec.platforms != ["x"] or rng.random() < 0.5:
        lines.append(f"platforms: [{', '.join(spec.platforms)}]")
    single = len(spec.entries) == 1 and rng.random() < 0.1  # `schedule:` as one mapping
    lines.append("schedule:")
    for entry in spec.entries:
        fields = []
        if entry.id:
            fields.append(f"id: {entry.id}")
        if entry.label:
            fields.append(f"label: {entry.label}")
        every = "month" if entry.kind == "monthly" else ("week" if entry.interval == 1 else f"{entry.interval} weeks")
        fields += [f"every: {every}", f"on: {_day_text(entry, rng)}", f'at: "{entry.at}"',
                   f"timezone: {entry.timezone}"]
        if entry.duration != 60 or rng.random() < 0.3:
            fields.append(f"duration: {entry.duration}")
        if entry.start:
            fields.append(f"from: {entry.start.isoformat()}")
        if entry.until:
            fields.append(f"until: {entry.until.isoformat()}")
        if entry.skip:
            fields.append(f"skip: [{', '.join(d.isoformat() for d in entry.skip)}]")
        indent = "  " if single else "    "
        lines.append((indent if single else "  - ") + fields[0])
        lines += [indent + f for f in fields[1:]]
    if spec.topics:
        lines.append(f"topics: [{', '.join(spec.topics)}]")
    if spec.language != "en" or rng.random() < 0.3:
        lines.append(f"language: {spec.language}")
    if spec.hosts:
        lines.append("hosts:")
        for host in spec.hosts:
            if isinstance(host, str):
                lines.append(f'  - "{host}"')
                continue
            items = list(host.items())
            for i, (key, value) in enumerate(items):
                value = f'"{value}"' if value.startswith("@") else value
                lines.append(("  - " if i == 0 else "    ") + f"{key}: {value}")
    if spec.website:
        lines.append(f"website: {spec.website}")
    if spec.archive:
        lines.append(f"archive: {spec.archive}")
    if spec.status != "active" or rng.random() < 0.1:
        lines.append(f"status: {spec.status}")
    lines.append(f"added: {spec.added.isoformat()}")
    if spec.verified:
        lines.append(f"verified: {spec.verified.isoformat()}")
    lines.append("---")
    return "\n".join(lines) + "\n" + spec.description


def chat_specs(n: int, seed: int = 1) -> list[ChatSpec]:
    writer = Writer(random.Random(seed))
    return [chat_spec(writer, i) for i in range(n)]


def generate_chats(directory: Path, n: int, seed: int = 1) -> list[Path]:
    """Write `n` valid chat files into `directory`; the same seed gives the same bytes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    writer = Writer(random.Random(seed))
    style = random.Random(seed + 1_000_003)  # formatting choices, apart from the content's stream
    paths = []
    for i in range(n):
        spec = chat_spec(writer, i)
        path = directory / f"{spec.slug}.md"
        path.write_text(render(spec, style), encoding="utf-8")
        paths.append(path)
    return paths


def check_chats(directory: Path):
    """The catalog of `directory`; raises unless chatcal reads every file with no error and no warning."""
    from chatcal.chatfile.catalog import load_catalog

    catalog = load_catalog(Path(directory), Path(directory).parent)
    if catalog.problems:
        shown = "\n".join(str(p) for p in catalog.problems[:20])
        raise AssertionError(f"{len(catalog.problems)} problems in the synthetic chats:\n{shown}")
    count = len(list(Path(directory).glob("*.md")))
    assert len(catalog.chats) == count, (len(catalog.chats), count)
    return catalog


if __name__ == "__main__":
    target, count = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    generate_chats(target, count, seed)
    check_chats(target)
    print(f"{count} valid chats in {target}")
