"""Grouping and verdicts on news no rule was tuned on: our own articles on two
events outside the corroboration dev set (a camp shelled near Goma, told in
English and French; an offensive on Aleppo whose toll one monitor updates
daily), with gold origins, claim keys and verdicts in `probe/gold.json`.

    .venv/bin/python benchmarks/corroboration_probe.py [--db PATH]

Scored as the dev set's `score.py` scores: a gold claim is found by a stored
claim of its article whose source mention and cue contain (or are contained
in) the gold ones; origin and group B-cubed over the found claims; a
multi-article claim key is right when the group holding most of its found
claims holds at least half of them and has the gold verdict."""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent / "probe"
BIN = Path(sys.executable).parent


QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def norm(text: str | None) -> str:
    return " ".join((text or "").translate(QUOTES).lower().split())


def b_cubed(pairs: list[tuple]) -> float:
    """B-cubed F1 of predicted labels (second) against gold labels (first); an
    item with no predicted label counts as precision 0."""
    if not pairs:
        return 0.0
    precision = recall = 0.0
    for gold, predicted in pairs:
        same_predicted = [g for g, p in pairs if p == predicted and predicted is not None]
        same_gold = [p for g, p in pairs if g == gold]
        both = sum(g == gold for g in same_predicted)
        precision += both / len(same_predicted) if same_predicted else 0.0
        recall += both / len(same_gold)
    precision, recall = precision / len(pairs), recall / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(db_path: Path, gold: dict) -> dict:
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    parent = {r["id"]: r["parent"] for r in db.execute("select id, parent from sources")}
    verdict_of_group = {r["id"]: r["verdict"] for r in db.execute("select id, verdict from claim_groups")}
    stored: dict[str, list[dict]] = {}
    for row in db.execute("select claims.*, articles.url from claims join articles on articles.id = claims.article"):
        stored.setdefault(row["url"].rsplit("/", 1)[-1], []).append(dict(row))

    def top(source):
        seen = set()
        while source is not None and parent.get(source) is not None and source not in seen:
            seen.add(source)
            source = parent[source]
        return source

    found = total = kept = 0
    origins, groups, keyed = [], [], []
    for article in gold["articles"]:
        predicted = stored.get(article["id"], [])
        kept += len(predicted)
        used = set()
        for claim in article["claims"]:
            total += 1
            mention, cue = norm(claim["source_mention"]), norm(claim["cue"])
            for n, p in enumerate(predicted):
                p_mention, p_cue = norm(p["source_text"]), norm(p["cue"])
                if n in used or not p_mention or not p_cue:
                    continue
                if (mention in p_mention or p_mention in mention) and (cue in p_cue or p_cue in cue):
                    used.add(n)
                    found += 1
                    canonical = claim["canonical_source"]
                    origins.append((gold["origin_groups"].get(canonical, canonical), top(p["source"])))
                    if claim["claim_key"]:
                        groups.append((claim["claim_key"], p["claim_group"]))
                        keyed.append((claim["claim_key"], article["id"]))
                    break
    multi = sorted({k for k, _ in keyed if len({a for kk, a in keyed if kk == k}) >= 2})
    right, lines = 0, []
    for key in multi:
        held = [g for k, g in groups if k == key]
        best, count = Counter(g for g in held if g is not None).most_common(1)[0] if any(held) else (None, 0)
        want = gold["claim_keys"][key]["verdict"]
        good = best is not None and 2 * count >= len(held) and verdict_of_group.get(best) == want
        right += good
        lines.append(f"{key:26} want {want:14} got {verdict_of_group.get(best)!s:14} ({count} of {len(held)} found claims in that group)")
    return {"lines": lines, "recall": found / total, "precision": len(origins) / kept if kept else 0.0,
            "origin_b3": b_cubed(origins), "group_b3": b_cubed(groups), "right": right, "keys": len(multi)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="ingest into this new database, kept (default: a temporary one)")
    args = parser.parse_args()
    if args.db is not None and args.db.exists():
        parser.error(f"{args.db} exists: ingest would skip the articles already in it and score stale groups")
    gold = json.loads((HERE / "gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "probe.db"
        subprocess.run([str(BIN / "claimtrack"), "ingest", str(db_path), str(HERE / "articles")], check=True, stdout=subprocess.DEVNULL)
        result = score(db_path, gold)
    print("\n".join(result["lines"]))
    print(f"corroboration probe: claims recall {result['recall']:.2f} precision {result['precision']:.2f}, "
          f"origin B3 {result['origin_b3']:.2f}, group B3 {result['group_b3']:.2f}, verdicts {result['right']}/{result['keys']}")


if __name__ == "__main__":
    main()
