"""How fast are the claims pages and their default facets at 1,000,000 claims?

Builds a database of synthetic claims from the seed fixture: the seed article
is ingested once with the real pipeline (`claimtrack ingest`), then its
claims are multiplied with SQL over many articles (same text, varied ids,
outlets and dates) and sources (the seed's plus synthetic ones of every type
and some with parents). Then it requests the claims and claims_detail pages,
HTML and JSON, with their default facets (from datasette-metadata.yml)
through Datasette's own client, and prints the timings and any facet that
timed out under the default facet_time_limit_ms (200 ms).

    .venv/bin/python benchmarks/datasette_facets.py            # 1M claims
    .venv/bin/python benchmarks/datasette_facets.py --claims 100000
    .venv/bin/python benchmarks/datasette_facets.py --reuse     # keep the built DB

Datasette 0.65 leaves a facet that timed out out of the JSON's
facet_results (there is no facets_timed_out key in its JSON), and the HTML
page says "These facets timed out: ..."; both are checked.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "fixtures" / "seed" / "aleppo-afp.txt"
CLAIMS_PER_ARTICLE = 100
N_OUTLETS = 40
N_DAYS = 730
N_SYNTHETIC_SOURCES = 2000
TYPES = (
    "ngo", "news_agency", "government", "military", "armed_group", "un_agency",
    "official_media", "journalist", "witness", "person", "other",
)


def build(db_path: Path, n_claims: int) -> None:
    from click.testing import CliRunner

    from claimtrack.cli import cli

    db_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    result = CliRunner().invoke(
        cli,
        [
            "ingest", str(db_path), str(SEED), "--jobs", "1",
            "--outlet", "AFP", "--published", "2024-11-30",
            "--title", "Jihadists and rebels capture most of Aleppo",
        ],
        catch_exceptions=False,
    )
    if result.exit_code != 0:
        sys.exit(f"ingest failed: {result.output}")
    print(f"seed ingested with the real pipeline: {result.output.strip()}")

    conn = sqlite3.connect(db_path)
    conn.execute("pragma journal_mode = wal")
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -500000")
    (n_seed,) = conn.execute("select count(*) from claims").fetchone()
    (seed_article,) = conn.execute("select id from articles").fetchone()
    # Synthetic articles besides the seed one, CLAIMS_PER_ARTICLE claims each.
    n_synthetic = max(0, -(-(n_claims - n_seed) // CLAIMS_PER_ARTICLE))

    # FTS triggers off during the bulk load; the indexes are rebuilt after.
    triggers = conn.execute(
        "select name, sql from sqlite_master where type = 'trigger'"
    ).fetchall()
    with conn:
        for name, _ in triggers:
            conn.execute(f'drop trigger "{name}"')
        conn.execute("create temp table seed_claims as select * from claims")
        conn.execute(
            """
            insert into sources (name, type, parent)
            with recursive n(i) as (select 1 union all select i + 1 from n where i < :k)
            select 'Synthetic source ' || i, :types ->> ('$[' || (i % 11) || ']'), null from n
            """,
            {"k": N_SYNTHETIC_SOURCES, "types": _json(TYPES)},
        )
        # Every tenth synthetic source is a person belonging to another one.
        conn.execute(
            """
            update sources set parent = (
              select s2.id from sources s2 where s2.name = 'Synthetic source ' || (1 + (cast(substr(sources.name, 18) as int) * 7) % :k)
            ), type = 'person'
            where name like 'Synthetic source %' and cast(substr(name, 18) as int) % 10 = 0
            """,
            {"k": N_SYNTHETIC_SOURCES},
        )
        (first_synthetic,) = conn.execute(
            "select min(id) from sources where name like 'Synthetic source %'"
        ).fetchone()
        conn.execute(
            """
            insert into articles (id, url, outlet, title, published, lang, text, sha256, ingested_at)
            with recursive n(i) as (select 1 union all select i + 1 from n where i < :n)
            select
              'synthetic-' || i,
              'https://example.org/outlet-' || (i % :outlets) || '/' || i,
              'Outlet ' || printf('%02d', i % :outlets),
              a.title || ' (' || i || ')',
              date('2023-01-01', '+' || ((i * 7) % :days) || ' days'),
              a.lang, a.text, printf('%064x', i), a.ingested_at
            from n, articles as a where a.id = :seed
            """,
            {"n": n_synthetic, "outlets": N_OUTLETS, "days": N_DAYS, "seed": seed_article},
        )
        # Claim k of synthetic article i copies seed claim (i + k) % n_seed;
        # one in three gets a synthetic source, one in 50 is a denial.
        conn.execute(
            """
            insert into claims (article, source, source_text, cue, kind, stance, act, content,
                                relayed_by, addressee, sentence, spans, figures, frame, claim_group)
            with recursive
              n(i) as (select 1 union all select i + 1 from n where i < :articles),
              k(j) as (select 0 union all select j + 1 from k where j < :per - 1),
              seed as (select row_number() over (order by id) - 1 as r, * from seed_claims)
            select
              'synthetic-' || n.i,
              case when (n.i + k.j) % 3 = 0 then :first + (n.i * 31 + k.j * 17) % :k else seed.source end,
              seed.source_text, seed.cue, seed.kind,
              case when (n.i * :per + k.j) % 50 = 0 then 'denies' else seed.stance end,
              case when (n.i * :per + k.j) % 50 = 0 then 'denies' else seed.act end,
              seed.content, seed.relayed_by, seed.addressee, seed.sentence, seed.spans,
              seed.figures, seed.frame, null
            from n, k join seed on seed.r = (n.i + k.j) % :nseed
            """,
            {
                "articles": n_synthetic, "per": CLAIMS_PER_ARTICLE, "first": first_synthetic,
                "k": N_SYNTHETIC_SOURCES, "nseed": n_seed,
            },
        )
    conn.execute("delete from claims where id > :n", {"n": n_claims})
    # Claim groups for the group and home pages: groups of about ten claims
    # spread over articles, and one of 5,000 (a widely carried claim); their
    # verdicts and reasons are computed below, as `claimtrack corroborate` would.
    n_groups = max(1, n_claims // 10)
    conn.execute("delete from claim_group_keys")  # the seed's own groups, replaced
    conn.execute("delete from claim_groups")
    conn.execute(
        """
        insert into claim_groups (id, label)
        with recursive n(g) as (select 1 union all select g + 1 from n where g < :groups + 1)
        select g, 'Synthetic group ' || g from n
        """,
        {"groups": n_groups},
    )
    conn.execute(
        "update claims set claim_group = case when id <= 5000 then :groups + 1 else 1 + id % :groups end",
        {"groups": n_groups},
    )
    # what the store's facet and count triggers (dropped for the bulk load) would have written
    conn.execute(
        """update claims set
             source_type = (select type from sources where sources.id = claims.source),
             outlet = (select outlet from articles where articles.id = claims.article),
             published = (select published from articles where articles.id = claims.article)"""
    )
    conn.execute("update sources set n_claims = (select count(*) from claims where claims.source = sources.id)")
    conn.commit()
    print(f"multiplied: {time.perf_counter() - started:.0f} s so far; rebuilding full-text indexes")
    with conn:
        conn.execute("insert into claims_fts (claims_fts) values ('rebuild')")
        conn.execute("insert into articles_fts (articles_fts) values ('rebuild')")
        conn.execute("insert into sources_fts (sources_fts) values ('rebuild')")
        for _, sql in triggers:
            conn.execute(sql)
    # What `claimtrack ingest` would leave: the schema's own indexes, analysed.
    from claimtrack import corroborate
    from claimtrack.store import open_db

    db = open_db(str(db_path))
    with db.conn:
        corroborate.compute_verdicts(db)
    db.conn.close()
    conn.execute("analyze")
    conn.execute("pragma wal_checkpoint(truncate)")
    counts = conn.execute(
        "select (select count(*) from claims), (select count(*) from articles),"
        " (select count(*) from sources), (select count(distinct outlet) from articles)"
    ).fetchone()
    conn.close()
    size = db_path.stat().st_size / 1e6
    print(
        f"built {db_path} in {time.perf_counter() - started:.0f} s: {counts[0]:,} claims,"
        f" {counts[1]:,} articles, {counts[2]:,} sources, {counts[3]} outlets, {size:,.0f} MB"
    )


def _json(values) -> str:
    import json

    return json.dumps(list(values))


CLAIMS_FACETS = ("source", "source_type", "kind", "stance", "outlet", "published")
PAGES = [
    ("claims table, HTML", "/claims/claims", CLAIMS_FACETS),
    ("claims table, JSON", "/claims/claims.json", CLAIMS_FACETS),
    (
        "claims_detail view, HTML",
        "/claims/claims_detail",
        ("source_name", "source_type", "kind", "stance", "outlet", "published"),
    ),
    (
        "claims_detail view, JSON",
        "/claims/claims_detail.json",
        ("source_name", "source_type", "kind", "stance", "outlet", "published"),
    ),
    ("claims filtered to the Observatory, HTML", "/claims/claims?source=1", CLAIMS_FACETS),
    (
        "claims_detail filtered to the Observatory, HTML",
        "/claims/claims_detail?source_name=Syrian+Observatory+for+Human+Rights",
        ("source_name", "source_type", "kind", "stance", "outlet", "published"),
    ),
    (
        "claims_detail filtered to a small source, HTML",
        "/claims/claims_detail?source_name=Synthetic+source+42",
        ("source_name", "source_type", "kind", "stance", "outlet", "published"),
    ),
    (
        "claims_detail filtered to one day, HTML",
        "/claims/claims_detail?published=2024-06-01",
        ("source_name", "source_type", "kind", "stance", "outlet", "published"),
    ),
]


# The reader's pages (no facets): the home page, a group of ten claims, the
# group of 5,000, the Observatory (a third of the claims) and a small source.
READER_PAGES = [
    ("home page", "/", ()),
    ("claim group page, 10 claims", "/claims/claim_groups/77", ()),
    ("claim group page, 5,000 claims", "/claims/claim_groups/{big_group}", ()),
    ("source page, the Observatory", "/claims/sources/1", ()),
    ("source page, a small source", "/claims/sources/{small_source}", ()),
]


def timed_out(response, expected) -> list[str]:
    if response.headers.get("content-type", "").startswith("application/json"):
        present = set(response.json().get("facet_results", {}))
        return [name for name in expected if name not in present]
    found = re.search(r"These facets timed out: ([^<]*)</p>", response.text)
    return [name.strip() for name in found.group(1).split(",")] if found else []


async def measure(db_path: Path, repeat: int, as_served: bool, pages: list) -> list[dict]:
    from datasette.app import Datasette

    from claimtrack.datasette_plugin import load_metadata
    from claimtrack.serve import make_datasette

    if as_served:  # what `claimtrack serve` runs
        ds = make_datasette(db_path)
    else:  # `datasette claims.db -m datasette-metadata.yml`, default settings
        ds = Datasette(files=[str(db_path)], metadata=copy.deepcopy(load_metadata()))
    await ds.invoke_startup()
    await ds.client.get("/claims")  # warm up: schema introspection, page cache
    names = {
        "big_group": (await ds.get_database("claims").execute("select max(id) from claim_groups")).first()[0],
        "small_source": (await ds.get_database("claims").execute(
            "select id from sources where name = 'Synthetic source 42'")).first()[0],
    }
    results = []
    for label, path, facets in pages:
        url = path.format(**names)
        times, cpu, failures = [], [], set()
        status = None
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = await ds.client.get(url)
            times.append(time.perf_counter() - start)
            # CPU of all the process's threads: what the page costs when other work shares the cores
            cpu.append(time.process_time() - start_cpu)
            status = response.status_code
            failures.update(timed_out(response, facets))
        results.append(
            {
                "label": label,
                "url": url,
                "status": status,
                "first": times[0],
                "median": statistics.median(times),
                "cpu": statistics.median(cpu),
                "timed_out": sorted(failures),
            }
        )
    return results


def facet_queries(db_path: Path) -> list[tuple[str, float]]:
    """Each default facet's own GROUP BY, as Datasette runs it, timed in SQLite."""
    conn = sqlite3.connect(db_path)
    out = []
    for table, columns in (
        ("claims", CLAIMS_FACETS),
        ("claims_detail", ("source_name", "source_type", "kind", "stance", "outlet", "published")),
    ):
        for column in columns:
            sql = (
                f"select {column} as value, count(*) as count from (select * from {table})"
                f" where {column} is not null group by {column} order by count desc, value limit 31"
            )
            start = time.perf_counter()
            conn.execute(sql).fetchall()
            out.append((f"{table}.{column}", time.perf_counter() - start))
    start = time.perf_counter()
    conn.execute("select count(*) from claims_detail").fetchone()
    out.append(("count(*) claims_detail", time.perf_counter() - start))
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="where to build it (default: a temporary claims.db)")
    parser.add_argument("--reuse", action="store_true", help="use --db as it is if it exists")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reader-pages", action="store_true",
                        help="only the home, claim group and source pages, as `claimtrack serve` runs them")
    args = parser.parse_args()

    if args.db is None:
        args.db = Path(tempfile.mkdtemp(prefix="claimtrack-bench-")) / "claims.db"
    if args.db.stem != "claims":
        sys.exit("--db must be named claims.db (the pages below are under /claims)")
    if not (args.reuse and args.db.exists()):
        build(args.db, args.claims)

    runs = [
        (True, "claimtrack serve: suggest_facets off", PAGES + READER_PAGES),
        (False, "plain datasette -m datasette-metadata.yml: facet suggestions on", PAGES + READER_PAGES),
    ]
    if args.reader_pages:
        runs = [(True, "claimtrack serve", READER_PAGES)]
    else:
        print("\nDefault facets, each GROUP BY alone in SQLite (no time limit):")
        for name, seconds in facet_queries(args.db):
            print(f"  {name:<34} {seconds * 1000:8.0f} ms")

    for as_served, title, pages in runs:
        print(f"\nPages through datasette.client ({title}; facet_time_limit_ms=200;"
              f" first / median of {args.repeat}, and the median CPU time):")
        for row in asyncio.run(measure(args.db, args.repeat, as_served, pages)):
            flag = "timed out: " + ", ".join(row["timed_out"]) if row["timed_out"] else "no facet timed out"
            print(
                f"  {row['label']:<48} {row['status']}  {row['first'] * 1000:7.0f} ms"
                f" / {row['median'] * 1000:7.0f} ms  cpu {row['cpu'] * 1000:5.0f} ms   {flag}"
            )


if __name__ == "__main__":
    main()
