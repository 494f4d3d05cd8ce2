"""Held-out estimate of French extraction: articles in benchmarks/probe_fr/ written
in the style of French wire and newspaper copy, each with the attributions a
reader finds in it (written before running the extractor on it).

A gold attribution is found at three levels, like the corroboration score
matches claims: its source mention and a stored claim's mention contain one
another (after normalising case, spaces and quote marks); and its cue and the
claim's cue do too; and its content's start is in the claim's content.
Gold entries marked `optional: true` are not counted as missed, and a claim
matching one is not counted as spurious. Quote continuations (claims without a
cue) are left out of precision: they carry on a claim already counted.

    .venv/bin/python benchmarks/french_probe.py [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from claimtrack.extract import Extractor
from claimtrack.model import Article

PROBE = Path(__file__).parent / "probe_fr"
LEVELS = ("source", "cue", "content")
QUOTE_MARKS = str.maketrans({c: " " for c in "\"“”«»„"} | {"’": "'", "\u00a0": " ", "\u202f": " "})


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").translate(QUOTE_MARKS)).strip(" ,.;:").casefold()


def matches(level: str, gold: dict, claim) -> bool:
    mention, got_mention = norm(gold["mention"]), norm(claim.source_text)
    if not got_mention or not (mention in got_mention or got_mention in mention):
        return False
    if level == "source":
        return True
    cue, got_cue = norm(gold["cue"]), norm(claim.cue)
    if not (cue in got_cue or got_cue in cue):
        return False
    return level == "cue" or norm(gold["content"]) in norm(claim.content)


def pair(level: str, golds: list[dict], claims: list) -> dict[int, int]:
    """Gold index -> claim index, each claim used once, in text order."""
    used: dict[int, int] = {}
    for g, gold in enumerate(golds):
        for c, claim in enumerate(claims):
            if c not in used.values() and matches(level, gold, claim):
                used[g] = c
                break
    return used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and spurious claims")
    parser.add_argument("--only", default="", help="score only the articles whose name starts with this")
    args = parser.parse_args()
    extractor = Extractor()
    totals = {level: [0, 0, 0] for level in LEVELS}  # found, gold, predicted
    for text_path in sorted(PROBE.glob(f"{args.only}*.txt")):
        golds = yaml.safe_load(text_path.with_suffix(".expected.yml").read_text("utf-8"))["claims"]
        claims = [c for c in extractor.extract(Article(text=text_path.read_text("utf-8"), lang="fr")) if c.cue]
        for level in LEVELS:
            used = pair(level, golds, claims)
            optional_hits = {c for g, c in used.items() if golds[g].get("optional")}
            totals[level][0] += sum(1 for g in used if not golds[g].get("optional"))
            totals[level][1] += sum(1 for gold in golds if not gold.get("optional"))
            totals[level][2] += len(claims) - len(optional_hits)
            if args.verbose and level == "content":
                print(f"== {text_path.stem}")
                for g, gold in enumerate(golds):
                    if g not in used and not gold.get("optional"):
                        print(f"  missed   {gold['mention']!r} {gold['cue']!r}: {gold['content']!r}")
                for c, claim in enumerate(claims):
                    if c not in used.values():
                        print(f"  spurious {claim.source_text!r} {claim.cue!r}: {claim.content[:70]!r}")
    for level in LEVELS:
        found, gold, predicted = totals[level]
        recall, precision = found / gold, found / predicted if predicted else 0.0
        print(f"{level:8} recall {recall:.3f} ({found}/{gold})  precision {precision:.3f} ({found}/{predicted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
