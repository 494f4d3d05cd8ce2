"""Attribution extraction scored against a PolNeAR-format file.

    .venv/bin/python benchmarks/attribution_eval.py PATH.jsonl [--pred OUT.jsonl] [--db DB]

Ingests the texts with `claimtrack ingest` into a temporary database (the
real pipeline, as a user runs it), turns the stored claims into predictions
and scores them with the linked-overlap metric of PolNeAR's `score.py`:
predicted and gold attributions are paired one to one by shared cue tokens;
attribution F1 counts pairs, each role's F1 counts pairs whose spans of that
role share a token. When `score.py` lies beside the gold file it is used
itself (and prints its full table); otherwise the same metric is computed
here. The last line is always

    attribution F1 NN.N (P NN.N, R NN.N); source NN.N cue NN.N content NN.N

A claim that only continues an earlier quote of the same source (no cue of its
own), or shares its cue with the one before ("said A, and that B"), is, in
PolNeAR, more content of that attribution: it is merged into it.
A relayed claim is scored as the relay's attribution: PolNeAR marks the outer
report of nested ones, with the inner source, cue and content as its content.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import sqlite_utils

BIN = Path(sys.executable).parent
ROLES = ("source", "cue", "content")
TOKEN = re.compile(r"\w+|[^\w\s]")


def predictions(db_path: str) -> dict[str, list[dict]]:
    """Stored claims as PolNeAR attributions, continuations merged."""
    db = sqlite_utils.Database(db_path)
    by_article: dict[str, list[dict]] = defaultdict(list)
    last_of_source: dict[tuple[str, int | None], dict] = {}
    of_cue: dict[tuple[str, str], dict] = {}
    for row in db.query("select article, source, cue, spans from claims order by article, id"):
        spans = json.loads(row["spans"])
        key = (row["article"], row["source"])
        if row["cue"] is None and key in last_of_source:
            last_of_source[key]["content"] += spans["content"]
            continue
        attribution = {role: list(spans.get(role, [])) for role in ROLES}
        if spans.get("relay_cue"):
            # PolNeAR annotates no nested attribution: "X said Y reported Z" and
            # "according to X, Y said Z" are X's, holding Y's whole report
            attribution = {
                "source": spans.get("relay_source", []),
                "cue": spans["relay_cue"],
                "content": attribution["source"] + attribution["cue"] + attribution["content"],
            }
        cue_key = (row["article"], json.dumps(attribution["cue"]))
        if attribution["cue"] and cue_key in of_cue:
            # "said A, and that B": two claims of one cue, one attribution in PolNeAR
            same_cue = of_cue[cue_key]
            same_cue["content"] += [s for s in attribution["content"] if s not in same_cue["content"]]
            continue
        by_article[row["article"]].append(attribution)
        last_of_source[key] = of_cue[cue_key] = attribution
    return by_article


def _tokens(text: str, spans) -> set[int]:
    ids = set()
    for start, end in spans:
        for n, match in enumerate(TOKEN.finditer(text)):
            if match.start() < end and match.end() > start:
                ids.add(n)
    return ids


def linked_overlap(gold: list[dict], predicted: dict[str, list[dict]]) -> dict:
    """The linked-overlap figures of PolNeAR's score.py, for when it is absent."""
    counts: dict[str, float] = defaultdict(float)
    for doc in gold:
        text = doc["text"]
        gold_sets = [{r: _tokens(text, a.get(r, [])) for r in ROLES} for a in doc["attributions"]]
        pred_sets = [{r: _tokens(text, a.get(r, [])) for r in ROLES} for a in predicted.get(doc["id"], [])]
        candidates = sorted(
            (-len(p["cue"] & g["cue"]), -len(p["content"] & g["content"]), i, j)
            for i, p in enumerate(pred_sets)
            for j, g in enumerate(gold_sets)
            if p["cue"] & g["cue"]
        )
        used_p, used_g, pairs = set(), set(), []
        for _, _, i, j in candidates:
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                pairs.append((i, j))
        counts["attr_pred"] += len(pred_sets)
        counts["attr_gold"] += len(gold_sets)
        counts["attr_tp"] += len(pairs)
        for r in ROLES:
            counts[r + "_pred"] += sum(1 for a in pred_sets if a[r])
            counts[r + "_gold"] += sum(1 for a in gold_sets if a[r])
            counts[r + "_tp"] += sum(1 for i, j in pairs if pred_sets[i][r] & gold_sets[j][r])
    result = {"attribution": _prf(counts["attr_tp"], counts["attr_pred"], counts["attr_gold"])}
    result["linked_overlap"] = {r: _prf(counts[r + "_tp"], counts[r + "_pred"], counts[r + "_gold"]) for r in ROLES}
    return result


def _prf(tp: float, n_pred: float, n_gold: float) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(gold_path: Path, gold: list[dict], predicted: dict[str, list[dict]]) -> dict:
    scorer = gold_path.parent / "score.py"
    if not scorer.exists():
        return linked_overlap(gold, predicted)
    spec = importlib.util.spec_from_file_location("polnear_score", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.score(gold, {k: {"id": k, "attributions": v} for k, v in predicted.items()})
    print(module.table(result))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="PolNeAR-format JSONL (id, text, attributions)")
    parser.add_argument("--pred", type=Path, help="also write the predictions here (PolNeAR format)")
    parser.add_argument("--db", help="ingest into this database instead of a temporary one")
    args = parser.parse_args()
    gold = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or str(Path(tmp) / "eval.db")
        subprocess.run([str(BIN / "claimtrack"), "ingest", db_path, str(args.gold)], check=True, stdout=subprocess.DEVNULL)
        predicted = predictions(db_path)
    if args.pred:
        with args.pred.open("w", encoding="utf-8") as out:
            for doc in gold:
                out.write(json.dumps({"id": doc["id"], "attributions": predicted.get(doc["id"], [])}) + "\n")
    result = score(args.gold, gold, predicted)
    attribution, roles = result["attribution"], result["linked_overlap"]
    print(
        "attribution F1 %.1f (P %.1f, R %.1f); source %.1f cue %.1f content %.1f"
        % (
            100 * attribution["f1"],
            100 * attribution["p"],
            100 * attribution["r"],
            *(100 * roles[r]["f1"] for r in ROLES),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
