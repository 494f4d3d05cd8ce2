"""`claimtrack serve`: Datasette over a claims database with the bundled metadata."""

from __future__ import annotations

import asyncio
import copy
import webbrowser
from pathlib import Path

import click

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# Facet suggestions try a GROUP BY on every column of every page (each up to
# 50 ms): over a second per page at a million claims (benchmarks/README.md).
# The default facets come from the metadata; "Facet by this" still works.
SETTINGS = {"suggest_facets": False}


def make_datasette(db_path: str | Path, settings: dict | None = None):
    """A Datasette instance serving `db_path` with claimtrack's metadata and
    plugins (datasette-search-all, datasette-pretty-json and claimtrack's own
    are loaded from their entry points)."""
    from datasette.app import Datasette

    from .datasette_plugin import load_metadata

    # The bundled metadata is written for a database called "claims"; the
    # plugin gives its settings to a claimtrack database of any other name.
    metadata = copy.deepcopy(load_metadata())
    drop_missing_columns(metadata, db_path)
    return Datasette(
        files=[str(db_path)], metadata=metadata, settings={**SETTINGS, **(settings or {})}
    )


def drop_missing_columns(metadata: dict, db_path: str | Path) -> None:
    """Leave out the default facets and sort on columns the database lacks
    (one made before claims had an `act`, or sources their `n_claims`):
    looking never migrates, and Datasette fails a page whose facet or sort
    names no column."""
    import sqlite3

    from .datasette_plugin import TEMPLATE_DATABASE

    tables = metadata["databases"][TEMPLATE_DATABASE]["tables"]
    conn = sqlite3.connect(f"file:{Path(db_path).absolute()}?mode=ro", uri=True)
    try:
        for name, table in tables.items():
            columns = {row[1] for row in conn.execute("select * from pragma_table_info(?)", [name])}
            if columns and "facets" in table:
                table["facets"] = [facet for facet in table["facets"] if facet in columns]
            if columns and table.get("sort_desc") and table["sort_desc"] not in columns:
                del table["sort_desc"]
    finally:
        conn.close()


def home_url(ds, host: str, port: int) -> str:
    """The home page (who said what) as the browser reaches it."""
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{ds.urls.path('/')}"


def serve(db_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False) -> None:
    import uvicorn
    from datasette.cli import check_databases

    from .store import DatabaseProblem, check_database

    if not Path(db_path).is_file():
        raise click.ClickException(f"{db_path}: no such database (create it with `claimtrack ingest`)")
    try:
        check_database(db_path)
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from None
    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())
    asyncio.run(check_databases(ds))
    url = home_url(ds, host, port)
    click.echo(f"Serving {db_path} at {url}  (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
