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
from chatcal.chatfile.catalog import load_catalog  # noqa: E402
from chatcal.site.export import (  # noqa: E402
    dumps,
    search_json,
    search_shards,
    shard_key,
)

LIBRARY = ROOT / "theme/static/js/vendor/minisearch.js"
SEARCH_SCRIPT = ROOT / "theme/static/js/search.js"
QUERIES = ["blog", "marketing", "projct managment", "python", "design systems"]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def measure(n: int, workdir: Path) -> dict:
    chats_dir = workdir / f"chats-{n}"
    generate_chats(chats_dir, n)
    catalog = load_catalog(chats_dir)
    data = dumps(search_json(catalog.chats, CLOCK)).encode()
    shards = {key: gzip_size(dumps(shard).encode()) for key, shard in search_shards(catalog.chats).items()}
    # A query downloads the shards of its words' first characters.
    per_query = {q: sum(shards.get(k, 0) for k in {shard_key(w) for w in q.lower().split()}) for q in QUERIES}
    path = workdir / f"search-{n}.json"
    path.write_bytes(data)
    code = sum(gzip_size(rjsmin.jsmin(p.read_text(encoding="utf-8")).encode()) for p in (LIBRARY, SEARCH_SCRIPT))
    slugs = sorted(chat.slug for chat in catalog.chats)
    words = {}
    for shard in search_shards(catalog.chats).values():
        for position, text in shard:
            words[slugs[position]] = f"{words.get(slugs[position], '')} {text}".strip()
    words_path = workdir / f"words-{n}.json"
    words_path.write_text(json.dumps(words), encoding="utf-8")
    timing = json.loads(subprocess.run(["node", str(ROOT / "benchmarks/bench_search.mjs"), str(path), str(words_path)],
                                       capture_output=True, text=True, check=True).stdout)
    return {"chats": n, "data_gzip": gzip_size(data), "code_gzip": code, "shards_gzip": sum(shards.values()),
            "query_shards_gzip": max(per_query.values()), **timing}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, nargs="+", default=[1000, 5000, 10000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp)) for n in args.chats]
    print(f"{'chats':>6} {'data gzip':>10} {'+ shards':>9} {'(all)':>8} {'download':>9} {'per 1,000':>10} "
          f"{'+ code':>8} {'index ms':>9}  median query ms (whole text indexed)")
    for row in rows:
        download = row["data_gzip"] + row["query_shards_gzip"]
        queries = ", ".join(f"{q!r} {ms}" for q, ms in row["query_ms"].items())
        print(f"{row['chats']:>6} {row['data_gzip']:>10,} {row['query_shards_gzip']:>9,} {row['shards_gzip']:>8,} "
              f"{download:>9,} {download * 1000 // row['chats']:>10,} {row['code_gzip']:>8,} {row['index_ms']:>9}  {queries}")
    print("download: the data plus the text shards of the heaviest query above; code: MiniSearch and search.js, minified.")
    print("Budget: what the browser downloads for search <= 50 KB gzip per 1,000 chats.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
