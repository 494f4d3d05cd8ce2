"""Helpers shared by the ingest tests: running the command, looking at the db."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner, Result

from claimtrack.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "fixtures" / "seed" / "aleppo-afp.txt"
SUMMARY = re.compile(
    r"^(?P<articles>\d+) articles, (?P<claims>\d+) claims, (?P<sources>\d+) sources,"
    r" (?P<skipped>\d+) skipped, (?P<failed>\d+) failed in \d+\.\d seconds$",
    re.M,
)
# Short articles with attributions, each one distinct.
ARTICLE_TEMPLATE = (
    "Shelling hit the village of Kafr {n} on Tuesday, the Syrian Observatory for Human Rights said.\n"
    '"We are afraid," a resident of Kafr {n} told AFP.\n'
    "The army said it had repelled an attack near checkpoint {n}, killing {killed} fighters.\n"
)


def run_ingest(db: Path, *args: str, input: str | bytes | None = None) -> Result:
    """`claimtrack ingest DB ARGS...` in this process (the model stays loaded)."""
    return CliRunner().invoke(cli, ["ingest", str(db), *map(str, args)], input=input)


def run_ingest_killed(db: Path, *args: str, once_stored: int) -> None:
    """`claimtrack ingest DB ARGS...` in a process killed with SIGKILL once DB holds
    `once_stored` articles; fails if it finishes first."""
    command = [sys.executable, "-c", "from claimtrack.cli import cli; cli()", "ingest", str(db), *map(str, args)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if stored_articles(db) >= once_stored:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    assert process.wait() == -signal.SIGKILL, "ingest finished before it could be killed"


def stored_articles(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def summary(result: Result) -> dict[str, int]:
    match = SUMMARY.search(result.stdout)
    assert match, result.output
    return {name: int(value) for name, value in match.groupdict().items()}


def write_articles(directory: Path, count: int, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = directory / f"article-{n:03d}.txt"
        path.write_text(ARTICLE_TEMPLATE.format(n=n, killed=n % 7 + 2), "utf-8")
        paths.append(path)
    return paths


def snapshot(db: Path) -> dict[str, set[tuple]]:
    """Every row of every table (not the full-text index internals), read without writing."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        names = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
        tables = [name for name in names if "_fts_" not in name]
        return {table: set(conn.execute(f"select * from [{table}]")) for table in tables}


def claims_per_article(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return dict(
            conn.execute(
                "select articles.id, count(claims.id) from articles"
                " left join claims on claims.article = articles.id group by articles.id"
            )
        )
