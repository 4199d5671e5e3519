"""Lighthouse scores of the home, chat, calendar, search and my-chats pages.

    .venv/bin/python benchmarks/lighthouse.py [--chats 1000] [--site DIR]

Builds a site of N synthetic chats (or takes a built one), serves it on
127.0.0.1, and runs the pinned Lighthouse (benchmarks/lighthouse, installed
with `npm ci` on first use) in Debian's chromium. Targets: performance >= 98;
accessibility, best practices and SEO 100. Exits 1 when a page misses one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatcal.tools.chromium import BROWSER, BROWSER_ARGS  # noqa: E402
from chatcal.tools.serve import serving  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks/lighthouse"
CHROMIUM_FLAGS = " ".join(["--headless=new", *BROWSER_ARGS])
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# The metrics behind the performance score, in milliseconds (CLS has no unit).
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "SI": "speed-index", "CLS": "cumulative-layout-shift"}


def built_site(chats: int, workdir: Path) -> Path:
    from benchmarks.synthetic import CLOCK, generate_chats
    from chatcal.build import build_site

    generate_chats(workdir / "content/chats", chats)
    if build_site(ROOT, "pelicanconf.py", workdir / "output", CLOCK, content=workdir / "content",
                  overrides={"CHATCAL_CACHE_DIR": None}):
        raise SystemExit("the synthetic site did not build")
    return workdir / "output"


def scores(url: str, report: Path) -> tuple[dict[str, float], dict[str, float]]:
    if not (LIGHTHOUSE / "node_modules/.bin/lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True)
    subprocess.run(
        [str(LIGHTHOUSE / "node_modules/.bin/lighthouse"), url, "--quiet", "--output=json",
         f"--output-path={report}", f"--chrome-flags={CHROMIUM_FLAGS}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        check=True, env={**os.environ, "CHROME_PATH": BROWSER},
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    metrics = {short: result["audits"][audit]["numericValue"] for short, audit in METRICS.items()}
    return {name: category["score"] for name, category in result["categories"].items()}, metrics


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or built_site(args.chats, Path(tmp))
        first_chat = sorted((site / "chats").glob("*/index.html"))[0].parent.name
        pages = {"home": "/", "chat": f"/chats/{first_chat}/", "calendar": "/calendar/", "search": "/search/?q=blog",
                 "my": "/my/"}
        failed = False
        print(f"{'page':10} " + " ".join(f"{name:>15}" for name in TARGETS) + "   " + " ".join(f"{m:>6}" for m in METRICS))
        with serving(site) as base:
            for name, path in pages.items():
                found, metrics = scores(base + path, (args.keep or Path(tmp)) / f"{name}.json")
                failed |= any(found[k] < target for k, target in TARGETS.items())
                print(f"{name:10} " + " ".join(f"{round(found[k] * 100):>15}" for k in TARGETS) + "   "
                      + " ".join(f"{metrics[m]:>6.2f}" if m == "CLS" else f"{metrics[m]:>6.0f}" for m in METRICS))
    print("Targets: performance >= 98; accessibility, best practices and SEO 100.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
