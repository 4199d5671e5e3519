"""Whether each chat still meets: its hashtag read on the platforms that can be read, at its recent sessions.

A maintainers' tool. It reads Mastodon tag timelines (and Bluesky's post
search, with an app password), writes `content/liveness.json`, and never
touches the site; the build reads that file. The caller supplies the chats
and, for each, its past sessions as (start, end) aware datetimes:

    data, summary = run_liveness(chats, sessions_by_slug, Options(...), now,
                                 requests.Session(), sys.stderr)

In parts: `evidence` (windows, what counts as activity, verdicts), `tags`,
`mastodon` and `bluesky` (reading one window), `http` (the polite client),
`datafile`, `run` (one run), `summary`, `progress`, `options`, `platforms`,
and `weekly_issue` (the chats a person should look at).
"""

from chatcal.tools.liveness.clock import parse_now
from chatcal.tools.liveness.datafile import dumps, read_data, write_data
from chatcal.tools.liveness.http import Settings
from chatcal.tools.liveness.options import Options, bluesky_login_from, option_problems
from chatcal.tools.liveness.run import run_liveness
from chatcal.tools.liveness.weekly_issue import chats_for_issue, issue_body

__all__ = ["Options", "Settings", "bluesky_login_from", "chats_for_issue", "dumps", "issue_body",
           "option_problems", "parse_now", "read_data", "run_liveness", "write_data"]
