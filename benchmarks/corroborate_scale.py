"""How `claimtrack corroborate` scales: 10k, 100k and 1M synthetic claims.

    python benchmarks/corroborate_scale.py [--sizes 10000,100000,1000000] [--dir DIR]

Claims are written straight into SQLite (no parsing): events (a strike, a
toll, a capture, a displacement... on a place and a day) are each reported by
several sources in several outlets' articles, with figures that agree, get
updated or conflict, and with denials. Each size then runs compute_groups and
then update_groups on its last 1,000 claims (as ingest would), in a fresh subprocess, so peak
memory (ru_maxrss) is that run's alone. Target at 1M: under 10 minutes and
4 GB on 2 cores, and 100k -> 1M no worse than 12x."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtrack import corroborate  # noqa: E402
from claimtrack.store import open_db  # noqa: E402

OUTLETS = ["AFP", "Reuters", "AP", "DPA", "EFE", "ANSA", "Anadolu", "Xinhua", "BBC", "Al Jazeera",
           *(f"Daily {n}" for n in range(20))]
SIDES = ["Russian", "Syrian", "Israeli", "Ukrainian", "Turkish", "Sudanese", "Iranian", "US"]
SYLLABLES = ["kafr", "tell", "deir", "ain", "jisr", "maar", "ras", "beit", "umm", "khan",
             "saf", "nab", "zor", "qad", "ham", "rab", "sal", "dar", "mal", "bar", "sur", "lat"]
PLACES = [f"{a.title()} {b.title()}{c}" for a in SYLLABLES[:10] for b in SYLLABLES[10:] for c in ("a", "un", "iyeh")]
EVENTS = [  # (template, has a figure, event classes of its frame)
    ("{side} warplanes struck the market in {place} on {day}", False, ["strike"]),
    ("an air strike on {place} killed {n} people on {day}", True, ["kill", "strike"]),
    ("the death toll from the strike on {place} has risen to {n} people", True, ["kill", "strike"]),
    ("rebels captured {place} on {day} after heavy fighting", False, ["capture", "presence"]),
    ("hundreds of families fled {place} on {day}", False, ["displace"]),
    ("{side} artillery shelled {place}, wounding {n} civilians", True, ["strike", "wound"]),
    ("aid convoys reached {place} on {day}", False, ["aid"]),
    ("{side} forces withdrew from {place} on {day}", False, ["withdraw"]),
]
FUNCTION_WORDS = {"the", "an", "on", "from", "has", "to", "after", "of", "in"}


def frame(template: str, classes: list, side: str, place: str, day: str, counted: bool) -> str:
    """The frame extraction would store (written directly: no parsing here)."""
    words = {w.strip(",").lower() for w in template.split() if w.isalpha() and w not in FUNCTION_WORDS}
    return json.dumps({
        "events": classes, "agent": f"{side} government" if "{side}" in template else None,
        "places": [place.lower()], "days": [day.lower()] if "{day}" in template else [],
        "counts": [classes[0]] if counted else [],
        "terms": sorted(words | {w.lower() for w in place.split()} | ({side.lower()} if "{side}" in template else set())),
    })
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sources(rng):
    """Named organisations (some under a government), people under them, anonymous ones."""
    rows = [(f"{side} government", "government", None) for side in SIDES]
    rows += [(f"{side} {body}", "government", n) for n, side in enumerate(SIDES, 1)
             for body in ("army", "defence ministry", "state media")]
    rows += [(f"Monitor {n}", "ngo", None) for n in range(60)]
    organisations = range(1, len(rows) + 1)
    rows += [(f"Person {n} Spokesman", "person", rng.choice(organisations)) for n in range(400)]
    rows += [(f"a security source {n}", "other", None) for n in range(20)]
    return [(i, *row) for i, row in enumerate(rows, 1)]


def generate(path: Path, size: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = open_db(str(path))
    source_rows = sources(rng)
    db["sources"].insert_all(({"id": i, "name": n, "type": t, "parent": p} for i, n, t, p in source_rows), batch_size=1000)
    db["source_aliases"].insert_all(({"alias": n, "source": i} for i, n, _t, _p in source_rows), batch_size=1000)
    speakers = [row[0] for row in source_rows]
    start, claims, articles, written, event = date(2023, 1, 1), [], [], 0, 0
    while written < size:
        template, counted, classes = rng.choice(EVENTS)
        day = start + timedelta(days=event * 730 // max(size // 8, 1))
        place, side = rng.choice(PLACES), rng.choice(SIDES)
        toll = rng.randint(3, 200)
        origins = rng.sample(speakers, rng.randint(1, 4))
        for outlet in rng.sample(OUTLETS, rng.randint(1, 5)):
            published = day + timedelta(days=rng.choice((0, 0, 1)))
            article_id = f"e{event}-{outlet}"
            articles.append({"id": article_id, "outlet": outlet, "published": published.isoformat(), "lang": "en",
                             "text": article_id, "sha256": article_id, "title": None, "url": None, "ingested_at": None})
            for speaker in rng.sample(origins, rng.randint(1, len(origins))):
                n = toll + rng.choice((0, 0, 0, 4, 30))  # mostly agreeing, some updates, some conflicts
                figures = [{"text": str(n), "low": n, "high": n, "low_inclusive": True, "high_inclusive": True,
                            "approx": False, "counted": "people"}] if counted else []
                content = template.format(side=side, place=place, day=DAYS[day.weekday()], n=n)
                claims.append({"article": article_id, "source": speaker, "source_text": "", "cue": "said",
                               "kind": "indirect", "stance": "denies" if rng.random() < 0.03 else "asserts",
                               "content": content, "relayed_by": None, "addressee": None, "sentence": content,
                               "spans": "{}", "figures": json.dumps(figures),
                               "frame": frame(template, classes, side, place, DAYS[day.weekday()], counted)})
                written += 1
        event += 1
        if len(claims) >= 50_000 or written >= size:
            with db.atomic():
                db["articles"].insert_all(articles, batch_size=5000)
                db["claims"].insert_all(claims[: size - (written - len(claims))], batch_size=5000)
            claims, articles = [], []
    db.close()


def run(path: str) -> None:
    """In the child: recompute everything, then the incremental path, and report."""
    db = open_db(path)
    began, cpu = time.perf_counter(), time.process_time()
    counts = corroborate.compute_groups(db)
    full, cpu = time.perf_counter() - began, time.process_time() - cpu  # CPU time: the machine may be shared
    # The ingest path: the last 1,000 claims arrive ungrouped.
    last = [row[0] for row in db.execute("select id from claims order by id desc limit 1000")]
    with db.atomic():
        db.execute("update claims set claim_group = null where id >= ?", [min(last)])
    began = time.perf_counter()
    corroborate.update_groups(db, last)
    update = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(full, 1), "cpu_seconds": round(cpu, 1), "peak_mb": round(peak_mb),
                      "update_1000_seconds": round(update, 2), **counts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dir", help="where to write the databases (default: a temporary directory)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run(args.run)
        return
    directory = Path(args.dir or tempfile.mkdtemp(prefix="claimtrack-bench-"))
    results = {}
    for size in map(int, args.sizes.split(",")):
        path = directory / f"corroborate-{size}.db"
        if not path.exists():
            began = time.perf_counter()
            generate(path, size)
            print(f"{size:>9,} claims generated in {time.perf_counter() - began:.0f}s", flush=True)
        output = subprocess.run([sys.executable, __file__, "--run", str(path)], check=True,
                                stdout=subprocess.PIPE, text=True).stdout
        results[size] = json.loads(output)
        r = results[size]
        print(f"{size:>9,} claims: {r['seconds']:>7.1f}s ({r['cpu_seconds']:.1f}s CPU), peak {r['peak_mb']:>5} MB, {r['groups']:,} groups"
              f" ({r['corroborated']:,} corroborated, {r['single_origin']:,} single_origin,"
              f" {r['contested']:,} contested); update_groups(1,000 new) {r['update_1000_seconds']}s",
              flush=True)
    sizes = sorted(results)
    for small, big in zip(sizes, sizes[1:]):
        print(f"{small:,} -> {big:,}: x{results[big]['seconds'] / max(results[small]['seconds'], 0.1):.1f} time"
              f" (x{results[big]['cpu_seconds'] / max(results[small]['cpu_seconds'], 0.1):.1f} CPU) for x{big // small} claims")


if __name__ == "__main__":
    main()
