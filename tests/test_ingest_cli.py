"""`claimtrack ingest` end to end: formats, options, idempotence, jobs, kill -9."""

from __future__ import annotations

import json
import subprocess
import sys

import sqlite_utils

from claimtrack.ingest import BATCH_SIZE, _batches
from claimtrack.model import Article

from .ingest_helpers import (
    SEED_ARTICLE,
    claims_per_article,
    run_ingest,
    run_ingest_killed,
    snapshot,
    summary,
    write_articles,
)


def test_ingest_seed_then_reingest_changes_nothing(tmp_path):
    db = tmp_path / "claims.db"
    first = run_ingest(db, SEED_ARTICLE, "--jobs", "1", "--outlet", "AFP", "--published", "2024-11-30")
    assert first.exit_code == 0, first.output
    assert first.stderr == ""  # no progress bar when stderr is not a terminal
    counts = summary(first)
    assert (counts["articles"], counts["skipped"], counts["failed"]) == (1, 0, 0)
    [row] = sqlite_utils.Database(db)["articles"].rows
    assert row["text"] == SEED_ARTICLE.read_text("utf-8")
    assert (row["outlet"], row["published"], row["lang"]) == ("AFP", "2024-11-30", "en")
    assert counts["claims"] == sqlite_utils.Database(db)["claims"].count
    assert counts["sources"] == sqlite_utils.Database(db)["sources"].count
    before = snapshot(db)

    again = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert summary(again) == {**counts, "articles": 0, "claims": 0, "skipped": 1}
    assert snapshot(db) == before


def test_same_id_or_url_is_not_stored_twice(tmp_path):
    db = tmp_path / "claims.db"
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "a1", "text": "The army said it withdrew."})
        + "\n"
        + json.dumps({"url": "https://x.example/2", "text": "Rebels said they advanced."})
        + "\n"
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "a1", "text": "A new text under an old id."})
        + "\n"
        + json.dumps({"url": "https://x.example/2", "text": "A new text under an old url."})
        + "\n"
    )
    assert summary(run_ingest(db, tmp_path / "a.jsonl", "--jobs", "1"))["articles"] == 2
    before = snapshot(db)
    result = run_ingest(db, tmp_path / "b.jsonl", "--jobs", "1")
    assert (summary(result)["articles"], summary(result)["skipped"]) == (0, 2)
    assert snapshot(db) == before


def test_directory_stdin_and_formats(tmp_path):
    db = tmp_path / "claims.db"
    corpus = tmp_path / "corpus"
    write_articles(corpus / "txt", 2)
    (corpus / "one.json").write_text(json.dumps({"text": "The UN said aid was blocked.", "title": "Aid"}))
    (corpus / "seed.expected.yml").write_text("claims: []\n")
    result = run_ingest(
        db, corpus, "-", "--jobs", "1", "--outlet", "Wire", input="Officials said the road was closed.\n"
    )
    assert result.exit_code == 0, result.output
    assert (summary(result)["articles"], summary(result)["skipped"]) == (4, 1)
    rows = list(sqlite_utils.Database(db).query("select title, outlet, text from articles order by rowid"))
    assert [(r["title"], r["outlet"]) for r in rows] == [("Aid", "Wire")] + [(None, "Wire")] * 3
    assert rows[-1]["text"] == "Officials said the road was closed.\n"


def test_two_jobs_store_what_one_job_stores(tmp_path):
    corpus = write_articles(tmp_path / "corpus", 40)[0].parent
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run_ingest(one, corpus, "--jobs", "1").exit_code == 0
    result = run_ingest(two, corpus, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert summary(result)["articles"] == 40
    without_time = "select id, url, outlet, title, published, lang, text, sha256 from articles"
    for query in (without_time, "select * from claims", "select * from sources"):
        assert list(sqlite_utils.Database(two).query(query)) == list(sqlite_utils.Database(one).query(query))


def test_tasks_for_workers_shrink_towards_the_end_and_keep_the_order():
    # 80 articles of one length, 2 processes: full tasks first, then ever
    # smaller ones, so that no worker is left parsing a full batch alone
    articles = [Article(f"The army said bridge {n} fell on Monday.\n") for n in range(80)]
    tasks = list(_batches(articles, processes=2))
    assert [article for task in tasks for article in task] == articles
    sizes = [len(task) for task in tasks]
    assert sizes[0] == BATCH_SIZE and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert [len(task) for task in _batches(articles, processes=1)] == [BATCH_SIZE] * 5


def test_kill_9_mid_run_leaves_whole_articles_and_rerun_completes(tmp_path):
    corpus = write_articles(tmp_path / "corpus", 150)[0].parent
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert run_ingest(clean, corpus, "--jobs", "1").exit_code == 0

    run_ingest_killed(killed, corpus, "--jobs", "1", once_stored=5)
    partial = claims_per_article(killed)
    assert 5 <= len(partial) < 150
    expected = claims_per_article(clean)
    assert partial == {article: expected[article] for article in partial}

    rerun = run_ingest(killed, corpus, "--jobs", "1")
    assert rerun.exit_code == 0, rerun.output
    assert summary(rerun)["skipped"] == len(partial)
    assert claims_per_article(killed) == expected


def test_storing_and_grouping_load_no_spacy():
    """A parent whose workers parse stores and groups from stored frames only:
    it never pays spaCy's import (a second, before and after the workers)."""
    script = (
        "import sys, claimtrack.cli, claimtrack.ingest, claimtrack.corroborate, claimtrack.extract.frames;"
        " print('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
