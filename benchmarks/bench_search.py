"""Search: what the browser downloads, and how fast it indexes and answers.

    .venv/bin/python benchmarks/bench_search.py [--chats 1000 5000 10000]

For each N: generates N synthetic chats, writes the search page's data as the
build does, and prints its gzip size (with and without the MiniSearch library,
both minified as published) and, measured in Node, the time to index and the
median time per query.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rjsmin  # noqa: E402

from benchmarks.synthetic import CLOCK, generate_chats  # noqa: E402
from chatcal.catalog import load_catalog  # noqa: E402
from chatcal.export import dumps, search_json  # noqa: E402

LIBRARY = ROOT / "theme/static/js/vendor/minisearch.js"
SEARCH_SCRIPT = ROOT / "theme/static/js/search.js"


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def measure(n: int, workdir: Path) -> dict:
    chats_dir = workdir / f"chats-{n}"
    generate_chats(chats_dir, n)
    catalog = load_catalog(chats_dir)
    data = dumps(search_json(catalog.chats, CLOCK)).encode()
    path = workdir / f"search-{n}.json"
    path.write_bytes(data)
    code = sum(gzip_size(rjsmin.jsmin(p.read_text(encoding="utf-8")).encode()) for p in (LIBRARY, SEARCH_SCRIPT))
    timing = json.loads(subprocess.run(["node", str(ROOT / "benchmarks/bench_search.mjs"), str(path)],
                                       capture_output=True, text=True, check=True).stdout)
    return {"chats": n, "data_gzip": gzip_size(data), "code_gzip": code, **timing}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, nargs="+", default=[1000, 5000, 10000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp)) for n in args.chats]
    print(f"{'chats':>6} {'data gzip':>10} {'per 1,000':>10} {'+ code':>8} {'index ms':>9}  median query ms")
    for row in rows:
        per_thousand = row["data_gzip"] * 1000 // row["chats"]
        queries = ", ".join(f"{q!r} {ms}" for q, ms in row["query_ms"].items())
        print(f"{row['chats']:>6} {row['data_gzip']:>10,} {per_thousand:>10,} {row['code_gzip']:>8,} "
              f"{row['index_ms']:>9}  {queries}")
    print("Budget: what the browser downloads for search <= 50 KB gzip per 1,000 chats.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
