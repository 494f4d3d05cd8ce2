"""Articles per second of `claimtrack ingest` on a Dask cluster of 1 and 2
workers against `--jobs 1` and `--jobs 2`, and the ceiling of its client.

    .venv/bin/python benchmarks/cluster_scale.py [--articles 300] [--ceiling-articles 3000]
    .venv/bin/python benchmarks/cluster_scale.py --corpus ../shared/polnear/dev.jsonl --articles 84

The corpus is ingest_speed.py's: every fixture article, or the `text` of each
record of --corpus (real news), repeated, each copy with its own closing sentence. Every run ingests it into a fresh database and
is timed as a whole `claimtrack ingest` process. The cluster is started the
way the README says, as separate commands on 127.0.0.1: `dask scheduler`,
then `dask worker ADDRESS --nworkers N --nthreads 1`. Its first run includes
each worker loading the model ("cold"); a second run on the same cluster
does not ("warm"): a cluster outlives its runs.

The client's ceiling: `ingest()` in this process with extraction replaced by
attributions extracted beforehand (once per distinct text), so what is timed
is all the client does: reading the files, looking up what is stored, one
transaction per article, grouping the new claims at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPY_MARK = "\nThis is copy "  # the start of write_corpus's closing sentence


@contextmanager
def dask_cluster(workers: int, directory: Path) -> Iterator[str]:
    """`dask scheduler` and `dask worker` started as commands; yields the address."""
    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet
    )
    worker = subprocess.Popen(
        [BIN / "dask", "worker", address, "--nworkers", str(workers), "--nthreads", "1"]
        + ["--host", "127.0.0.1", "--no-dashboard", "--local-directory", str(directory)],
        **quiet,
    )
    try:
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait()


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, and CPU seconds of it and the processes it waited for
    (with --jobs N, its workers; with --scheduler, the client alone)."""
    cpu_before, started = cpu_seconds(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu_before


def precomputed_attributions(corpus: Path, distinct: int) -> dict[str, list]:
    """Attributions of the first `distinct` files (one per distinct text), by text without its copy mark."""
    from claimtrack.ingest import load_extractor
    from claimtrack.readers import read_inputs

    paths = sorted(corpus.glob("*.txt"))[:distinct]
    articles = list(read_inputs(map(str, paths)))
    extracted = load_extractor(None, ()).extract_many(articles)
    return {article.text.rsplit(COPY_MARK, 1)[0]: attributions for article, attributions in extracted}


class ReplayExtractor:
    """Extraction for free: hands back the attributions of each copy's original."""

    def __init__(self, by_text: dict[str, list]):
        self.by_text = by_text

    def extract_many(self, articles, batch_size=32):
        for article in articles:
            yield article, self.by_text[article.text.rsplit(COPY_MARK, 1)[0]]


def client_ceiling(corpus: Path, db_path: Path, replay: ReplayExtractor) -> tuple[float, float, float, int, int]:
    """Wall seconds of the whole ingest, CPU seconds of it, CPU seconds of it grouping
    claims (at the end of the run); articles and claims stored."""
    from claimtrack import ingest as ingest_module
    from claimtrack.readers import read_inputs
    from claimtrack.store import open_db

    grouping: list[float] = []
    update_groups = ingest_module.update_groups

    def timed_update_groups(db, claim_ids):
        cpu_before = cpu_seconds(resource.RUSAGE_SELF)
        update_groups(db, claim_ids)
        grouping.append(cpu_seconds(resource.RUSAGE_SELF) - cpu_before)

    ingest_module.load_extractor = lambda model, registry_files: replay
    ingest_module.update_groups = timed_update_groups
    started, cpu_before = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
    summary = ingest_module.ingest(open_db(str(db_path)), read_inputs([str(corpus)]), jobs=1)
    cpu = cpu_seconds(resource.RUSAGE_SELF) - cpu_before
    return time.perf_counter() - started, cpu, sum(grouping), summary.articles, summary.claims


def merge_seconds(shard: Path, merged: Path) -> tuple[float, int]:
    """Seconds to copy every row of `shard` into a new database with claimtrack's
    schema, indexes, triggers and full-text index, in one transaction: what merging
    a shard written elsewhere costs (the remapping of ids aside). Also the claims copied."""
    from claimtrack.store import open_db

    db = open_db(str(merged))
    db.execute("attach database ? as shard", [str(shard)])
    tables = ["sources", "source_aliases", "articles", "claim_groups", "claims"]
    started = time.perf_counter()
    with db.conn:
        for table in tables:
            columns = ", ".join(f"[{column.name}]" for column in db[table].columns)
            db.execute(f"insert into main.[{table}] ({columns}) select {columns} from shard.[{table}]")
    return time.perf_counter() - started, db["claims"].count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--ceiling-articles", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, help="JSON Lines of real articles (default: the fixtures)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ingest_speed import corpus_texts, fixture_texts, write_corpus

    texts = corpus_texts(args.corpus) if args.corpus else fixture_texts()
    rates: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, texts, args.articles)

        def measure(name: str, *options: str) -> None:
            db = Path(tmp) / f"{len(rates)}.db"
            seconds, cpu = timed([str(BIN / "claimtrack"), "ingest", str(db), str(corpus), *options])
            rates[name] = (args.articles / seconds, cpu / args.articles)
            print(f"{name}: {seconds:.2f} s, {cpu:.2f} CPU s", file=sys.stderr)

        measure("--jobs 1", "--jobs", "1")
        measure("--jobs 2", "--jobs", "2")
        for workers in (1, 2):
            with dask_cluster(workers, Path(tmp) / f"workers-{workers}") as address:
                measure(f"{workers} Dask worker(s), cold", "--scheduler", address)
                measure(f"{workers} Dask worker(s), warm", "--scheduler", address)

        ceiling_corpus = Path(tmp) / "ceiling"
        ceiling_corpus.mkdir()
        write_corpus(ceiling_corpus, texts, args.ceiling_articles)
        replay = ReplayExtractor(precomputed_attributions(ceiling_corpus, len(texts)))
        seconds, cpu, grouping, articles, claims = client_ceiling(ceiling_corpus, Path(tmp) / "ceiling.db", replay)
        merging, merged_claims = merge_seconds(Path(tmp) / "ceiling.db", Path(tmp) / "merged.db")

    print(f"{args.articles} articles ({len(texts)} distinct texts repeated), {os.cpu_count()} cores")
    print(f"  {'run':<26} articles/s  CPU ms per article (ingest process and its pool)")
    for name, (rate, cpu_per_article) in rates.items():
        print(f"  {name:<26} {rate:10.1f}  {cpu_per_article * 1000:6.1f}")
    print(
        f"client ceiling: {articles} articles, {claims} claims in {seconds:.1f} s ({articles / seconds:.0f}"
        f" articles/s); CPU {cpu:.1f} s: storing {cpu - grouping:.1f} s ({(cpu - grouping) / articles * 1000:.1f}"
        f" ms an article), grouping claims {grouping:.1f} s ({grouping / claims * 1000:.2f} ms a claim)"
    )
    print(
        f"merging them into another database: {merging:.2f} s,"
        f" {articles / merging:.0f} articles/s, {merged_claims / merging:.0f} claims/s"
    )


if __name__ == "__main__":
    main()
