"""Project tasks: `invoke --list` shows them all."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"


def _settings(settings_file: str) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / settings_file))


@task(iterable=["paths"], help={"paths": "a chat file to check, repeatable (default: all of content/chats/)"})
def check(c, paths=None):
    """Validate chat files and report every problem in one run."""
    from chatcal.build import check as check_chats
    from chatcal.build import print_problems

    files = [Path(p) for p in paths or []]
    catalog = check_chats(ROOT, _settings(SETTINGS), files or None)
    print_problems(catalog)
    if not catalog.ok:
        sys.exit(1)
    print(f"{len(catalog.chats)} chats checked: no errors")


@task(help={"publish": "use publishconf.py (absolute SITEURL)", "output": "where to write the site"})
def build(c, publish=False, output=str(OUTPUT)):
    """Check the chats and build the site into output/ (unchanged if anything fails)."""
    from chatcal.build import build_clock, build_site, skip_collection_at_exit

    status = build_site(ROOT, PUBLISH_SETTINGS if publish else SETTINGS, Path(output), build_clock())
    skip_collection_at_exit()
    if status:
        sys.exit(status)


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Build, then serve output/ on http://127.0.0.1:PORT."""
    build(c)
    _serve(OUTPUT, int(port), f"Serving {OUTPUT} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")


def _serve(directory: Path, port: int, message: str) -> None:
    """Serve a built site on 127.0.0.1 until Ctrl-C."""
    from chatcal.tools.serve import make_server

    server = make_server(directory, port=port)
    print(message)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@task(help={"chats": "how many sample chats (default 150)", "port": "port to listen on (default 8000)"})
def demo(c, chats=150, port=8000):
    """Build a site of sample chats, marked as examples on every page, and serve it: a full week to look at."""
    from benchmarks.synthetic import generate_chats
    from chatcal.build import build_clock, build_site

    content, output = ROOT / ".cache/demo/content", ROOT / ".cache/demo/output"
    shutil.rmtree(content, ignore_errors=True)
    generate_chats(content / "chats", int(chats))
    if build_site(ROOT, SETTINGS, output, build_clock(), content=content, overrides={"CHATCAL_DEMO": True}):
        sys.exit(1)
    _serve(output, int(port), f"Serving {chats} sample chats on http://127.0.0.1:{port}/ (Ctrl-C to stop)")


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=8000):
    """Serve the site and rebuild and reload the browser when a file changes."""
    from livereload import Server

    from chatcal.build import WarmCache, build_clock, build_site

    warm = WarmCache()  # the build cache stays in memory from one rebuild to the next

    def rebuild():
        build_site(ROOT, SETTINGS, OUTPUT, build_clock(), warm=warm)

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "chatcal/**/*.py", "*.py"):
        server.watch(pattern, rebuild)
    server.serve(host="127.0.0.1", port=int(port), root=str(OUTPUT))


NEW_OPTIONS = {
    "title": "the chat's name", "hashtag": "its hashtag, without #", "every": "week, N weeks or month",
    "on": "day(s): sunday; 'tuesday, thursday'; 'first tuesday'", "at": "start time, 24-hour (21:00)",
    "timezone": "IANA zone (America/New_York)", "duration": "minutes (default 60)",
    "from_": "date of the first session, YYYY-MM-DD (needed for N weeks)", "platforms": "comma-separated",
    "topics": "comma-separated", "language": "a tag such as en", "hosts": "names or @handles, comma-separated",
    "website": "an http(s) URL", "archive": "an http(s) URL", "description": "a sentence or two (Markdown)",
    "slug": "file name without .md (default: from the hashtag)",
    "yes": "do not ask: take every field from the options",
}


def _write_draft(draft) -> None:
    """Write a scaffolded chat file, or say why not (exit 1)."""
    from chatcal.tools import scaffold

    for notice in draft.notices:
        print(notice)
    if draft.errors:
        sys.exit("Not written:\n" + "\n".join(f"  {e}" for e in draft.errors))
    scaffold.write(draft)
    print(f"Wrote {draft.path.relative_to(ROOT)}: edit its description if needed, then run `invoke check`.")


@task(help=NEW_OPTIONS)
def new(c, title=None, hashtag=None, every=None, on=None, at=None, timezone=None, duration=None, from_=None,
        platforms=None, topics=None, language=None, hosts=None, website=None, archive=None, description=None,
        slug=None, yes=False):
    """Scaffold a chat file: asks for each field, or takes them all as options (--yes)."""
    from chatcal.build import build_clock
    from chatcal.build import check as check_chats
    from chatcal.tools import scaffold

    given = {k.rstrip("_"): v for k, v in locals().items() if k not in ("c", "yes", "slug") and v is not None}
    today = build_clock().date()
    settings = _settings(SETTINGS)
    chats_dir = ROOT / settings["PATH"] / settings["CHATCAL_CHATS_DIR"]
    if yes:
        problems = scaffold.missing_or_invalid(given)
        if problems:
            sys.exit("Cannot write the chat:\n" + "\n".join(f"  {p}" for p in problems))
        answers = given
    else:
        others = check_chats(ROOT, settings).chats
        answers = scaffold.interview(input, print, given, today, others)
    if slug:
        answers["slug"] = slug
    _write_draft(scaffold.draft(answers, chats_dir, today, ROOT))


@task(help={
    "slug": "the chat: its slug, or its hashtag", "date": "the session's scheduled date, YYYY-MM-DD",
    "topic": "what the session is about", "hosts": "guest hosts: names or @handles, comma-separated",
    "link": "an http(s) URL: the announcement or the questions", "note": "one line shown with the session",
    "entry": "the schedule entry's id, in a chat with several", "cancel": "the session is cancelled",
    "move": "the session moves to this local start, 'YYYY-MM-DD HH:MM'",
    "extra": "a one-off session on a date the schedule does not meet",
    "yes": "do not ask: take every field from the options",
})
def session(c, slug, date=None, topic=None, hosts=None, link=None, note=None, entry=None, cancel=False, move=None,
            extra=False, yes=False):
    """Scaffold a session file: asks for the date, topic, hosts and link, or takes them as options (--yes)."""
    given = {k: v for k, v in locals().items() if k not in ("c", "slug", "yes") and v not in (None, False)}
    from chatcal.build import build_clock
    from chatcal.build import check as check_chats
    from chatcal.tools import session_scaffold

    settings = _settings(SETTINGS)
    catalog = check_chats(ROOT, settings)
    chat, problem = session_scaffold.find_chat(catalog.chats, slug)
    problems = [problem] if problem else session_scaffold.given_problems(given)
    if yes and not problems:
        problems = session_scaffold.missing_or_invalid(given, chat)
    if problems:
        sys.exit("Cannot write the session:\n" + "\n".join(f"  {p}" for p in problems))
    answers = given if yes else session_scaffold.interview(input, print, chat, given, build_clock())
    sessions_dir = (ROOT / settings["PATH"] / settings["CHATCAL_CHATS_DIR"]).parent / "sessions"
    failure = session_scaffold.finish(session_scaffold.draft(answers, chat, catalog, sessions_dir, ROOT), print)
    if failure:
        sys.exit(failure)


@task(help={"file": "a text file holding the issue's body (`gh issue view N --json body -q .body`)",
            "slug": "file name without .md (default: from the hashtag)"})
def from_issue(c, file, slug=None):
    """Turn the body of a "Suggest a chat" issue into a chat file, or of an "Announce a session" issue into a session file."""
    from chatcal.build import build_clock
    from chatcal.build import check as check_chats
    from chatcal.tools import scaffold, session_scaffold
    from chatcal.tools.issueform import convert_issue, convert_session_issue, form_labels, form_of

    labels = form_labels(ROOT / ".github/ISSUE_TEMPLATE/suggest-a-chat.yml")
    session_labels = form_labels(ROOT / ".github/ISSUE_TEMPLATE/announce-a-session.yml")
    body = Path(file).read_text(encoding="utf-8")
    settings = _settings(SETTINGS)
    if form_of(body, [labels, session_labels]) == 1:
        conversion = convert_session_issue(body, session_labels)
        for note in conversion.notes:
            print(f"note: {note}")
        sessions_dir = (ROOT / settings["PATH"] / settings["CHATCAL_CHATS_DIR"]).parent / "sessions"
        failure = session_scaffold.from_issue(conversion.answers, check_chats(ROOT, settings), sessions_dir, ROOT, print)
        if failure:
            sys.exit(failure)
        return
    conversion = convert_issue(body, labels)
    for note in conversion.notes:
        print(f"note: {note}")
    if slug:
        conversion.answers["slug"] = slug
    missing = scaffold.missing_or_invalid(conversion.answers)
    if missing:
        sys.exit("Could not convert the issue into a valid chat:\n" + "\n".join(f"  {m}" for m in missing))
    chats_dir = ROOT / settings["PATH"] / settings["CHATCAL_CHATS_DIR"]
    _write_draft(scaffold.draft(conversion.answers, chats_dir, build_clock().date(), ROOT))


@task(help={"source": "a CSV file or an http(s) URL of one",
            "mapping": "columns to fields, e.g. 'title=Chat Name,schedule=Day+Time'",
            "dry_run": "show what would be written, write nothing"})
def import_csv(c, source, mapping=None, dry_run=False):
    """Import a spreadsheet of chats into chat files, reporting every row it cannot convert."""
    from chatcal.build import build_clock
    from chatcal.tools.importer import ImportFailure, format_report, run_import

    settings = _settings(SETTINGS)
    try:
        result = run_import(source, ROOT / settings["PATH"] / settings["CHATCAL_CHATS_DIR"], build_clock().date(),
                            mapping=mapping, dry_run=dry_run)
    except ImportFailure as failure:
        sys.exit(str(failure))
    print(format_report(result, ROOT))


@task(help={"months": "how long a confirmation lasts (default 12)",
            "session_months": "how far session files may lag behind the sessions, once a chat has had 3 (default 3)"})
def stale(c, months=12, session_months=3):
    """List chats whose `verified` date is older than MONTHS months, or missing; and chats whose session files stopped."""
    from chatcal.build import build_clock
    from chatcal.build import check as check_chats
    from chatcal.site.stale import quiet_report, quiet_sessions, stale_chats, stale_report

    catalog = check_chats(ROOT, _settings(SETTINGS))
    print(stale_report(stale_chats(catalog.chats, build_clock().date(), int(months)), int(months)))
    print(quiet_report(quiet_sessions(catalog.chats, build_clock(), int(session_months)), int(session_months)))


@task(help={"markdown": "write the report as Markdown to this file",
            "json": "write the report as JSON to this file",
            "workers": "requests at once (default 8)"})
def check_links(c, markdown=None, json=None, workers=8):
    """Check every website, archive and host link; report broken and redirected ones.

    Exits 0 whatever it finds: the reports say what is broken, and the link
    check never fails a build.
    """
    import datetime as dt
    import json as json_module

    from chatcal.build import check as check_chats
    from chatcal.tools.linkcheck import (
        ProgressBar,
        Settings,
        json_report,
        markdown_report,
    )
    from chatcal.tools.linkcheck import check_links as run_checks

    catalog = check_chats(ROOT, _settings(SETTINGS))
    results = run_checks(catalog.chats, now=lambda: dt.datetime.now(dt.timezone.utc),
                         cache_path=ROOT / ".cache/linkcheck.json", settings=Settings(workers=int(workers)),
                         progress=ProgressBar())
    report = markdown_report(results)
    if markdown:
        Path(markdown).write_text(report, encoding="utf-8")
    if json:
        Path(json).write_text(json_module.dumps(json_report(results), indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    summary = next((line for line in report.splitlines() if " links in " in line), "")
    print(report if not markdown else summary)


@task(iterable=["mastodon", "only"], help={
    "mastodon": "a Mastodon-compatible server whose hashtag timelines are read, repeatable "
                "(default https://mastodon.social)",
    "host_servers": "also read the servers of the hosts' Mastodon handles, local posts (default on)",
    "bluesky": "the Bluesky service, read when CHATCAL_BLUESKY_HANDLE and CHATCAL_BLUESKY_APP_PASSWORD are set",
    "now": "the run's clock, ISO 8601 UTC (default SOURCE_DATE_EPOCH, else now)",
    "sessions": "how many past sessions per chat are judged (default 4)",
    "data": "the data file (default content/liveness.json)",
    "only": "judge only this chat, repeatable",
})
def liveness(c, mastodon=None, host_servers=True, bluesky="https://bsky.social", now=None, sessions=4,
             data="content/liveness.json", only=None):
    """Look for activity at each chat's recent sessions on public hashtag timelines; write the data file."""
    import requests

    from chatcal.build import check as check_chats
    from chatcal.build import print_problems
    from chatcal.tools.liveness import Options, bluesky_login_from, parse_now, run_liveness
    from chatcal.tools.liveness.sessions import past_sessions

    settings = _settings(SETTINGS)
    catalog = check_chats(ROOT, settings)
    if not catalog.ok:
        print_problems(catalog)
        sys.exit(1)
    try:
        clock = parse_now(now)
    except ValueError as error:
        sys.exit(f"--now: {error}")
    options = Options(mastodon=tuple(mastodon or ("https://mastodon.social",)), host_servers=host_servers,
                      bluesky=bluesky, bluesky_login=bluesky_login_from(), sessions=int(sessions),
                      data=ROOT / data, only=tuple(only or ()),
                      site_url=_settings(PUBLISH_SETTINGS).get("CHATCAL_PUBLIC_URL", "https://chatcal.org"))
    chats = catalog.chats
    judged = [chat for chat in chats if not options.only or chat.slug in options.only]
    sessions_by_slug = {chat.slug: past_sessions(chat, clock, options.sessions) for chat in judged}
    try:
        _, summary = run_liveness(chats, sessions_by_slug, options, clock, requests.Session(), sys.stderr)
    except ValueError as error:
        sys.exit(str(error))
    print(summary)


@task(help={"data": "the data file (default content/liveness.json)", "output": "write the issue's body here"})
def liveness_issue(c, data="content/liveness.json", output="liveness-issue.md"):
    """The body of the issue listing chats silent on two runs in a row; exits 3 when there are none."""
    from chatcal.build import build_clock
    from chatcal.build import check as check_chats
    from chatcal.tools.liveness import chats_for_issue, issue_body, read_data

    catalog = check_chats(ROOT, _settings(SETTINGS))
    records, _ = read_data(ROOT / data)
    today = build_clock().date()
    chats = chats_for_issue(catalog.chats, records, today)
    public = _settings(PUBLISH_SETTINGS).get("CHATCAL_PUBLIC_URL", "").rstrip("/")
    Path(output).write_text(issue_body(chats, records, today, lambda chat: f"{public}/chats/{chat.slug}/"),
                            encoding="utf-8")
    print(f"{len(chats)} chats silent on two runs in a row: {output}")
    if not chats:
        sys.exit(3)


@task(help={"output": "where the pictures go (default screenshots/)",
            "site": "a built site to photograph (default: the fixture site, built with its clock)"})
def screenshots(c, output="screenshots", site=None):
    """Screenshots of each page type, light and dark, desktop and phone, for review."""
    import tempfile

    from chatcal.build import build_site
    from chatcal.tools.screenshots import take_screenshots
    from tests.support import FIXTURE_CONTENT, FIXTURE_NOW

    with tempfile.TemporaryDirectory(prefix="chatcal-screenshots-") as workdir:
        if site is None:
            site = Path(workdir) / "output"
            if build_site(ROOT, SETTINGS, site, FIXTURE_NOW, content=FIXTURE_CONTENT):
                sys.exit(1)
        saved = take_screenshots(Path(site), ROOT / output, FIXTURE_NOW)
    print(f"{len(saved)} screenshots in {output}/")


@task(iterable=["chats"], help={"chats": "directory size, repeatable (default 1000 5000 10000)",
                                "runs": "runs per figure; medians are shown (default 3)",
                                "json": "also write the figures to this file"})
def bench(c, chats=None, runs=3, json=None):
    """Build benchmark: cold, warm and one-edit builds, memory, feeds, and Hugo on the same pages."""
    from benchmarks.bench_build import main

    argv = ["--chats", *(chats or ["1000", "5000", "10000"]), "--runs", str(runs)]
    sys.exit(main(argv + (["--json", json] if json else [])))


@task(help={"chats": "how many synthetic chats to build the site with (default 1000)",
            "site": "measure this built site instead of generating one"})
def budgets(c, chats=1000, site=None):
    """Page weight budgets (gzip bytes, requests) over a built site; exits 1 if one is over."""
    import tempfile

    from chatcal.build import build_clock
    from chatcal.tools.budgets import Budget, budget_table, check_budgets

    with tempfile.TemporaryDirectory(prefix="chatcal-budgets-") as workdir:
        if site is None:
            from benchmarks.synthetic import CLOCK, generate_chats
            from chatcal.build import build_site

            generate_chats(Path(workdir) / "content/chats", int(chats))
            if build_site(ROOT, SETTINGS, Path(workdir) / "output", CLOCK, content=Path(workdir) / "content",
                          overrides={"CHATCAL_CACHE_DIR": None}):
                sys.exit(1)
            print(f"Site: {chats} synthetic chats")
            site = Path(workdir) / "output"
        site = Path(site)
        first_chat = sorted((site / "chats").glob("*/index.html"))[0].relative_to(site)
        results = check_budgets(site, [
            Budget(str(first_chat), 15_000, 4),
            Budget("calendar/index.html", 60_000),
            Budget("index.html", 60_000),
        ], build_clock())
    print(budget_table(results))
    if not all(within for _, _, within in results):
        sys.exit(1)


@task
def docs(c):
    """Regenerate the field tables of CONTRIBUTING.md from the format description."""
    from chatcal.tools.docs import with_tables

    path = ROOT / "CONTRIBUTING.md"
    path.write_text(with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Updated the field tables of {path.name}")


@task
def clean(c):
    """Remove the built site and the build cache: the next build starts from scratch."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    for leftover in ROOT.glob(".output.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    cache_dir = _settings(SETTINGS)["CHATCAL_CACHE_DIR"]
    if cache_dir:
        shutil.rmtree(ROOT / cache_dir, ignore_errors=True)
