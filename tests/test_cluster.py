"""Where extraction runs. `claimtrack ingest --scheduler` on a real Dask cluster
(distributed.LocalCluster, two worker processes on loopback) stores what a
local run stores, also when a worker or the client is killed mid-run; a
`--jobs N` process killed stops the run with one line."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import dask
import psutil
import pytest
import sqlite_utils
from distributed import Client, LocalCluster

from claimtrack.ingest import load_extractor

from .ingest_helpers import (
    REPO,
    claims_per_article,
    run_ingest,
    run_ingest_killed,
    stored_articles,
    summary,
    write_articles,
)

FIXTURES = REPO / "fixtures"
ARTICLES = 64  # four batches


@pytest.fixture(scope="module")
def cluster():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local_cluster,
        Client(local_cluster) as client,
    ):
        yield local_cluster, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """64 short articles and the database a local `--jobs 1` run makes of them."""
    directory = tmp_path_factory.mktemp("corpus")
    write_articles(directory, ARTICLES)
    local = directory.parent / "local.db"
    assert run_ingest(local, directory, "--jobs", "1").exit_code == 0
    return directory, local


def stored(db) -> dict[str, list[tuple]]:
    """What ingest writes, but the time of writing (rows sorted: each process
    writes a source's registry aliases in its own set order)."""
    database = sqlite_utils.Database(db)
    queries = {
        "articles": "select id, url, outlet, title, published, lang, text, sha256 from articles",
        "claims": "select * from claims",
        "sources": "select * from sources",
        "source_aliases": "select * from source_aliases",
        "claim_groups": "select * from claim_groups",
    }
    return {table: sorted(database.execute(query).fetchall(), key=repr) for table, query in queries.items()}


# First on the module's cluster: its workers have not loaded a model yet, so
# the worker killed on its first task is killed with that task unfinished.
def test_worker_killed_mid_run_has_its_task_retried_and_the_run_completes(tmp_path, cluster, corpus):
    local_cluster, client = cluster
    articles, local = corpus
    clustered = tmp_path / "cluster.db"
    pids = client.run(os.getpid)
    lost_tasks: list[str] = []

    def kill_the_first_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = {address: keys for address, keys in client.processing().items() if keys}
            if busy:
                address, keys = next(iter(busy.items()))
                os.kill(pids[address], signal.SIGKILL)
                lost_tasks.extend(keys)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_the_first_busy_worker)
    killer.start()
    result = run_ingest(clustered, articles, "--scheduler", local_cluster.scheduler_address)
    killer.join()

    assert result.exit_code == 0, result.output
    assert lost_tasks, "no worker was seen working"
    # the scheduler sent the killed worker's task out again, and it finished
    for key in lost_tasks:
        sent = [event for event in local_cluster.scheduler.story(key) if event[2] == "processing"]
        assert len(sent) >= 2, local_cluster.scheduler.story(key)
    assert summary(result)["articles"] == ARTICLES
    assert stored(clustered) == stored(local)


def test_cluster_stores_what_a_local_run_stores_on_the_fixtures(tmp_path, cluster):
    local_cluster, client = cluster
    local, clustered = tmp_path / "local.db", tmp_path / "cluster.db"
    local_run = run_ingest(local, FIXTURES, "--jobs", "1")
    assert local_run.exit_code == 0, local_run.output

    result = run_ingest(clustered, FIXTURES, "--scheduler", local_cluster.scheduler_address)

    assert result.exit_code == 0, result.output
    assert summary(result) == summary(local_run)
    assert stored(clustered)["claims"], "the fixtures have claims"
    assert stored(clustered) == stored(local)
    # extraction ran on the workers: each that worked loaded one model, once
    loaded = [info.currsize for info in client.run(load_extractor.cache_info).values()]
    assert sum(loaded) >= 1 and max(loaded) == 1

    again = run_ingest(clustered, FIXTURES, "--scheduler", local_cluster.scheduler_address)
    assert (summary(again)["articles"], summary(again)["claims"]) == (0, 0)
    assert stored(clustered) == stored(local)


def test_client_killed_mid_run_then_run_again_completes_without_duplicates(tmp_path, cluster, corpus):
    local_cluster, _ = cluster
    articles, local = corpus
    clustered = tmp_path / "cluster.db"

    run_ingest_killed(clustered, articles, "--scheduler", local_cluster.scheduler_address, once_stored=1)
    partial = claims_per_article(clustered)
    assert 1 <= len(partial) < ARTICLES

    rerun = run_ingest(clustered, articles, "--scheduler", local_cluster.scheduler_address)
    assert rerun.exit_code == 0, rerun.output
    assert summary(rerun)["skipped"] == len(partial)
    assert stored(clustered) == stored(local)


def test_unreachable_scheduler_is_one_line_and_stores_nothing(tmp_path):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    db = tmp_path / "claims.db"

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run_ingest(db, FIXTURES / "seed", "--scheduler", address)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address}: ")
    assert result.stderr.count("\n") == 1
    assert sqlite_utils.Database(db)["articles"].count == 0


def test_local_worker_process_killed_stops_the_run_with_one_line_and_a_rerun_completes(tmp_path, corpus):
    articles, local = corpus
    db = tmp_path / "claims.db"
    this_process = psutil.Process()
    before = {child.pid for child in this_process.children()}  # the cluster's, the tests'
    killed: list[int] = []

    def kill_a_new_extraction_process():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for child in this_process.children():
                if child.pid not in before and "spawn_main" in " ".join(child.cmdline()):
                    child.kill()  # while it loads its model: its first batch is lost with it
                    killed.append(child.pid)
                    return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_a_new_extraction_process)
    killer.start()
    result = run_ingest(db, articles, "--jobs", "2")
    killer.join()

    assert killed, "no extraction process was seen"
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: an extraction process died (killed, or out of memory); run again to complete the set\n"
    )
    assert stored_articles(db) < ARTICLES
    rerun = run_ingest(db, articles, "--jobs", "1")
    assert rerun.exit_code == 0, rerun.output
    assert claims_per_article(db) == claims_per_article(local)
