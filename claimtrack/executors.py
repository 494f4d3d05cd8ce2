"""Where extraction runs: in this process, in local worker processes (--jobs N)
or on a Dask cluster (--scheduler ADDRESS).

All three are a `concurrent.futures.Executor` (an inline one, the standard
library's ProcessPoolExecutor, Dask's ClientExecutor) driven by one loop,
`mapped_in_order`, so ingest has one code path whatever runs the work."""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# Calls in flight per worker thread: enough that a worker never waits for the
# client, few enough that a million articles are not all held by the scheduler.
CALLS_PER_SLOT = 2


class WorkerProblem(Exception):
    """The workers cannot be reached (Dask scheduler) or were lost with the work."""


class InlineExecutor(Executor):
    """Runs each call at once in this process: for one job there is nothing to start."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def mapped_in_order(
    fn: Callable[[Item], Result], items: Iterable[Item], *, processes: int = 1, scheduler: str | None = None
) -> Iterator[Iterator[Result]]:
    """fn(item) for every item, yielded in input order as results arrive,
    computed on the Dask cluster at `scheduler`, else in `processes` local
    processes (this one when 1). Input order keeps a run's database the same
    whoever computed it: the same ids, the same first-seen sources."""
    if scheduler:
        opened = dask_executor(scheduler)
    elif processes > 1:
        opened = process_pool(processes)
    else:
        opened = contextlib.nullcontext((InlineExecutor(), 1))
    with opened as (executor, slots):
        yield _in_order(executor, fn, items, CALLS_PER_SLOT * slots)


def _in_order(executor: Executor, fn: Callable, items: Iterable, window: int) -> Iterator:
    pending: collections.deque[Future] = collections.deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextlib.contextmanager
def process_pool(processes: int) -> Iterator[tuple[Executor, int]]:
    # spawn: workers must not inherit the parent's open SQLite connection.
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            yield pool, processes
        except BrokenProcessPool:
            raise WorkerProblem(
                "an extraction process died (killed, or out of memory); run again to complete the set"
            ) from None


@contextlib.contextmanager
def dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """A Dask client's executor and the cluster's worker threads. Only
    arguments and results travel: the database stays with the caller."""
    from distributed import Client, KilledWorker
    from distributed.comm import resolve_address

    try:
        # Checked first: a Client given a malformed address hangs at exit.
        client = Client(resolve_address(address), set_as_default=False)
    except (OSError, ValueError) as exc:  # malformed, unknown host, refused, timed out
        raise WorkerProblem(f"cannot reach the Dask scheduler at {address}: {_one_line(exc)}") from None
    with client:
        # pure=False: batches are not hashed to find identical ones (they never are).
        executor = client.get_executor(pure=False)
        try:
            yield executor, max(sum(client.nthreads().values()), 1)
        except KilledWorker as exc:
            raise WorkerProblem(f"Dask gave up on a task after its workers died: {_one_line(exc)}") from None
        except CancelledError:
            raise WorkerProblem(f"the Dask scheduler at {address} went away during the run") from None
        finally:
            executor.shutdown(wait=False)  # cancels what an error left in flight


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
