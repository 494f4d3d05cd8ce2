"""Articles read from the inputs -> attributions, in batches and optionally in worker processes -> SQLite.

Only the calling process writes to SQLite: workers return (Article,
attributions) and each batch of articles is saved in one transaction (each
article in a savepoint), so a killed run leaves whole articles only and a
re-run completes the set."""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from .corroborate import update_groups  # reads stored frames: no spaCy for a parent whose workers parse
from .executors import mapped_in_order
from .model import Article, Attribution
from .nlp import chosen_models
from .readers import Problem, Skipped
from .store import DatabaseProblem, check_database, find_existing_article, open_db, save_article, writing

if TYPE_CHECKING:
    from .extract import Extractor

BATCH_SIZE = 16  # articles per nlp.pipe batch, and per task sent to a worker


class ExtractorUnavailable(Exception):
    """The extractor could not be built (model, registry files)."""


@dataclass
class Summary:
    articles: int = 0
    claims: int = 0
    sources: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.articles} articles, {self.claims} claims, {self.sources} sources,"
            f" {self.skipped} skipped, {self.failed} failed in {self.seconds:.1f} seconds"
        )


def open_checked_db(path: str) -> sqlite_utils.Database:
    """open_db, refusing (and leaving byte for byte untouched) anything but a
    writable, intact claimtrack database; a missing or empty file becomes a new one."""
    db_file = Path(path)
    check_database(path)
    if db_file.exists():
        if not os.access(db_file, os.W_OK):
            raise DatabaseProblem(f"{path}: database is not writable")
    directory = db_file.parent
    if not directory.is_dir():
        raise DatabaseProblem(f"{path}: {str(directory)!r} is not an existing directory")
    if not os.access(directory, os.W_OK):
        # SQLite creates its -wal and -shm files beside the database.
        raise DatabaseProblem(f"{path}: directory {str(directory)!r} is not writable")
    try:
        return open_db(path)
    except sqlite3.Error as exc:
        raise DatabaseProblem(f"{path}: {exc}") from None


@functools.cache
def load_extractor(model: str | None, registry_files: tuple[str, ...]) -> Extractor:
    """One Extractor (one loaded model) per process and settings."""
    # Imported here: spaCy takes a while to import and a parent that only
    # hands work to a pool, or has nothing new to extract, never needs it.
    from .extract import Extractor

    try:
        return Extractor(model=model, registry_files=registry_files)
    except Exception as exc:
        one_line = " ".join(str(exc).split())
        raise ExtractorUnavailable(f"cannot start the extractor: {one_line}") from exc


Outcome = tuple[Article, "list[Attribution] | Problem"]


def extract_batch(extractor: Extractor, batch: list[Article]) -> list[Outcome]:
    """Attributions for each article; an article the extractor fails on becomes
    a Problem without losing the rest of its batch."""
    try:
        return list(extractor.extract_many(batch, BATCH_SIZE))
    except Exception as exc:
        if len(batch) > 1:
            return [outcome for article in batch for outcome in extract_batch(extractor, [article])]
        return [(batch[0], failure(batch[0].origin, "extraction", exc))]


def failure(origin: str, step: str, exc: Exception) -> Problem:
    """One line naming the input (or step) and the error class, never a traceback."""
    message = " ".join(str(exc).split())[:200]
    return Problem(origin, f"{step} failed: {type(exc).__name__}" + (f": {message}" if message else ""))


_extraction_lock = threading.Lock()


def extract_with(model: str | None, registry_files: tuple[str, ...], batch: list[Article]) -> list[Outcome]:
    """The task a worker runs: the first call in a process loads its extractor.
    One batch at a time per process: a Dask worker may run tasks in threads,
    and a spaCy pipeline is not made to be shared by threads (nor faster so)."""
    with _extraction_lock:
        return extract_batch(load_extractor(model, registry_files), batch)


def _batches(articles: list[Article], processes: int) -> Iterator[list[Article]]:
    """Tasks of at most BATCH_SIZE articles. With several processes each task
    holds at most a 1/(2 x processes) share of the text still left (guided
    self-scheduling): tasks shrink towards the end, so the processes finish
    together instead of one parsing a last full batch while the others wait."""
    if processes == 1:
        for start in range(0, len(articles), BATCH_SIZE):
            yield articles[start : start + BATCH_SIZE]
        return
    left = sum(len(article.text) for article in articles)
    batch: list[Article] = []
    size = 0
    for article in articles:
        if batch and (len(batch) >= BATCH_SIZE or size >= left / (2 * processes)):
            yield batch
            left -= size
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def _processes(jobs: int, articles: list[Article]) -> int:
    return min(jobs, -(-len(articles) // BATCH_SIZE))


def extracted(
    articles: list[Article], model: str | None, registry_files: tuple[str, ...], jobs: int, scheduler: str | None
) -> contextlib.AbstractContextManager[Iterator[list[Outcome]]]:
    """Outcomes batch by batch, in input order, from the Dask cluster at
    `scheduler`, else from `jobs` local processes."""
    if scheduler:
        model = chosen_models(model)  # the client's choice, not each machine's default
    processes = _processes(jobs, articles)
    return mapped_in_order(
        functools.partial(extract_with, model, registry_files),
        _batches(articles, processes),
        processes=processes,
        scheduler=scheduler,
    )


def ingest(
    db: sqlite_utils.Database,
    items: Iterable[Article | Problem | Skipped],
    *,
    model: str | None = None,
    registry_files: Iterable[str] = (),
    jobs: int = 1,
    scheduler: str | None = None,
    report: Callable[[Problem], None] = lambda problem: None,
    progress: Callable[[int], contextlib.AbstractContextManager] | None = None,
) -> Summary:
    """Store every new article in `items` with its attributions.

    `report` is told about each input that fails; `progress(length=n)` may
    give a progress bar (anything with update(n)) over the articles to extract."""
    started = time.perf_counter()
    summary = Summary()
    articles = []
    for item in items:
        if isinstance(item, Problem):
            summary.failed += 1
            report(item)
        elif isinstance(item, Skipped) or find_existing_article(db, item):
            summary.skipped += 1
        else:
            articles.append(item)
    if articles:
        bar_context = progress(length=len(articles)) if progress else contextlib.nullcontext()
        with bar_context as bar, extracted(articles, model, tuple(registry_files), jobs, scheduler) as batches:
            for outcomes in batches:
                # one transaction per batch, each article in a savepoint of
                # its own: an article that fails to store leaves the others,
                # and the log is written once per batch, not per article
                with writing(db):
                    for article, result in outcomes:
                        _store(db, article, result, summary, report)
                if bar is not None:
                    bar.update(len(outcomes))
    # claims of this run, or of an interrupted one, join their claim groups
    try:
        with writing(db):  # the write lock first: another ingest writing is waited for
            update_groups(db, [row[0] for row in db.execute("select id from claims where claim_group is null")])
    except sqlite3.OperationalError:
        raise
    except Exception as exc:
        # the articles stay stored, their claims ungrouped: the next run groups them
        summary.failed += 1
        report(failure("claim groups", "grouping", exc))
    summary.sources = db["sources"].count
    summary.seconds = time.perf_counter() - started
    return summary


def _store(
    db: sqlite_utils.Database,
    article: Article,
    result: list[Attribution] | Problem,
    summary: Summary,
    report: Callable[[Problem], None],
) -> None:
    if isinstance(result, Problem):
        summary.failed += 1
        report(result)
        return
    try:
        written = save_article(db, article, result)
    except sqlite3.OperationalError:
        raise  # the database itself (locked, full, unreadable): every article would fail
    except Exception as exc:
        # save_article's transaction is rolled back: nothing of the article stays
        summary.failed += 1
        report(failure(article.origin, "storing", exc))
        return
    if written < 0:
        summary.skipped += 1  # the same text twice in one run
    else:
        summary.articles += 1
        summary.claims += written
