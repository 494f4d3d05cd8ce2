"""Ingest time and peak memory on pathological shapes, at 1x and 4x their size.

    .venv/bin/python benchmarks/pathological.py [--shapes a,b,...] [--news-mb 1]

Each measurement runs the real ingest (extraction, sources, storing, claim
groups) into a fresh database, in a fresh process: the model is loaded and
warmed up first, then the time and the growth of the peak resident memory
over that are what the shape costs. Work should grow linearly: the growth
ratio (4x time / 1x time) is at most 4.5, and no article takes over 60 s per MB.
Wall time on a machine shared with other work varies with their load, so
the process's CPU time is given too, and the ratio and s/MB are taken on it.

The shapes (issues 12 and 13): one endless sentence; quote marks in a row;
"according to" over and over in one paragraph; "X said Y said ..." nested;
one name repeated; ordinary news text of --news-mb MB (10 for the full
figure, slow); a first line without final punctuation (a headline?); many
quoted paragraphs; many speakers in one paragraph; many articles each with
a new spokesman (the many-people shape counts articles, not words).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "the army said fighters village bridge residents officials told market town night shelling convoy road "
    "hospital families water according to reporters minister spokesman attack killed wounded ceasefire talks"
).split()
SYLLABLES = "ka ri mo sa li na to ve du ha ze bo ni ra pe lu".split()


def _words(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title() for _ in range(2))


def _news(megabytes: float) -> str:
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))]
    text, n = [], 0
    while sum(map(len, text)) < megabytes * 1_000_000:
        text.append(texts[n % len(texts)].replace("\n\n", "\n"))
        n += 1
    return "".join(text)


def _names(count: int) -> list[str]:
    rng = random.Random(7)
    return [_name(rng) for _ in range(count)]


# shape -> (what 1x is, texts of one run for a factor of 1 or 4)
SHAPES = {
    "long sentence": ("one 20,000-word sentence", lambda k: [f"The ministry said {_words(20_000 * k)}.\n"]),
    "quote marks": ("300 quote marks in a row", lambda k: [f'The army said {"“" * 300 * k} the bridge fell.\n']),
    "according to": (
        '200 "according to" in one paragraph',
        lambda k: [" ".join(f"The road {n} was cut, according to {name}." for n, name in enumerate(_names(200 * k))) + "\n"],
    ),
    "nested said": (
        '40 nested "X said Y said"',
        lambda k: [" ".join(f"{name} said" for name in _names(40 * k)) + " the bridge fell.\n"],
    ),
    "repeated name": ("one name repeated 5,000 times", lambda k: ["Ahmed Salem said " + "Ahmed Salem " * 5000 * k + "was there.\n"]),
    "news text": ("ordinary news text of --news-mb MB", None),  # filled in from --news-mb
    "headline": (
        "an unpunctuated first line of 4,000 words",
        lambda k: [f"{_words(4000 * k, seed=3)}\nThe army said the bridge fell.\n"],
    ),
    "quoted paragraphs": (
        "200 quoted paragraphs",
        lambda k: ["The minister spoke on Tuesday.\n" + "".join(f'"We will rebuild road {n}," she said.\n' for n in range(200 * k))],
    ),
    "many speakers": (
        '500 "X said" sentences in one paragraph',
        lambda k: [" ".join(f"{name} said the road {n} was cut." for n, name in enumerate(_names(500 * k))) + "\n"],
    ),
    "many people": (
        "250 articles, each with a new spokesman",
        lambda k: [f"{name}, a spokesman for the Health Ministry, said clinic {n} had closed.\n" for n, name in enumerate(_names(250 * k))],
    ),
}


def measure(texts: list[str]) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak memory growth in MB) of ingesting `texts`, in this process."""
    from claimtrack.ingest import ingest, load_extractor
    from claimtrack.model import Article
    from claimtrack.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "warm.db"))
        ingest(db, [Article("The army said the bridge fell on Monday, officials told reporters.\n")])
        load_extractor(None, ())
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        db = open_db(str(Path(tmp) / "claims.db"))
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = ingest(db, [Article(text, id=f"a{n}") for n, text in enumerate(texts)])
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        assert summary.failed == 0, summary.line()
    return seconds, cpu_seconds, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


def in_fresh_process(texts: list[str]) -> tuple[float, float, float]:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(measure, texts).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    parser.add_argument("--news-mb", type=float, default=1.0, help="size of the news-text shape at 1x")
    args = parser.parse_args()
    SHAPES["news text"] = (f"ordinary news text, {args.news_mb:g} MB", lambda k: [_news(args.news_mb * k)])
    names = args.shapes.split(",") if args.shapes else list(SHAPES)
    unknown = [name for name in names if name not in SHAPES]
    if unknown:
        parser.error(f"unknown shape {', '.join(unknown)}; the shapes are: {', '.join(SHAPES)}")
    print("| shape (1x) | 1x s (CPU s) | 1x MB mem | 4x s (CPU s) | 4x MB mem | growth (CPU) | CPU s per MB of text |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        label, build = SHAPES[name]
        runs = [(k, build(k)) for k in (1, 4)]
        results = [in_fresh_process(texts) for _, texts in runs]
        (t1, c1, m1), (t4, c4, m4) = results
        megabytes = sum(len(t.encode("utf-8")) for t in runs[1][1]) / 1_000_000
        print(
            f"| {name}: {label} | {t1:.1f} ({c1:.1f}) | {m1:.0f} | {t4:.1f} ({c4:.1f}) | {m4:.0f}"
            f" | {t4 / t1:.1f}x ({c4 / c1:.1f}x) | {c4 / megabytes:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
