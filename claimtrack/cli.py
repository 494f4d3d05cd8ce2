"""claimtrack command line: thin click commands over plain functions."""

from __future__ import annotations

import click


@click.group()
@click.version_option()
def cli():
    """Source attribution and claim tracking for conflict news."""


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the claims database in a web browser.")
def serve(db, host, port, open_browser):
    """Browse DB in Datasette, with claimtrack's facets, canned queries and highlighting."""
    from .serve import serve as run

    run(db, host=host, port=port, open_browser=open_browser)


@cli.command("ingest")
@click.argument("db_path", metavar="DB")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True)
@click.option("--outlet", help="Outlet for records that name none")
@click.option("--url", help="URL for the (single) article that has none")
@click.option("--title", help="Title for records that have none")
@click.option("--published", metavar="DATE", help="Publication date for records that have none")
@click.option("--lang", default="en", show_default=True, help="Language for records that name none")
@click.option("--model", help="spaCy model name or path (default: $CLAIMTRACK_MODEL, en_core_web_sm)")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    show_default="all cores",
    help="Worker processes for extraction",
)
@click.option(
    "--registry",
    "registry_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra source registry YAML file (repeatable)",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="Refuse input files larger than this",
)
def ingest_command(
    db_path, paths, outlet, url, title, published, lang, model, jobs, registry_files, max_bytes
):
    """Extract attributed claims from articles in PATH... into DB.

    PATH is a .txt/.md, .json, .jsonl or .html file, a directory (walked
    recursively) or - for standard input."""
    import os
    import sqlite3
    import sys

    from . import nlp
    from .ingest import DatabaseProblem, ExtractorUnavailable, ingest, open_checked_db
    from .readers import Defaults, read_inputs

    defaults = Defaults(url=url, outlet=outlet, title=title, published=published, lang=lang)
    show_progress = sys.stderr.isatty()
    try:
        nlp.choose_model(model)
        db = open_checked_db(db_path)
        summary = ingest(
            db,
            read_inputs(paths, defaults, max_bytes),
            model=model,
            registry_files=registry_files,
            jobs=jobs or os.cpu_count() or 1,
            report=lambda problem: click.echo(f"{problem.origin}: {problem.message}", err=True),
            progress=(
                lambda length: click.progressbar(length=length, label="Extracting", file=sys.stderr)
            )
            if show_progress
            else None,
        )
    except (nlp.ModelNotFound, DatabaseProblem, ExtractorUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(f"{db_path}: {exc}") from None
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)
