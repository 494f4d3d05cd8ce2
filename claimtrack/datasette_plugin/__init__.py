"""claimtrack's Datasette plugin (registered through the `datasette` entry point).

- renders a claim's `sentence` with its source, cue and content highlighted
  (from `spans`, character offsets into `articles.text`) and its `figures`
  readably ("at least 311 dead [311, ∞)");
- links claim ids in `claims_detail` to the claim's page, source names to the
  source's page and claim groups (shown as their verdict) to the group's page;
- serves the home page (`/`: who said what) and gives the row pages of
  `claim_groups` and `sources` their own content (pages.py, templates/);
- shows the claims tables' readable columns first, folds their facets, and
  lists claim groups' origins instead of printing their JSON;
- registers `claimtrack_fts_query(text)`, which turns words typed by a person
  into a safe FTS query (every word must match), for the canned queries;
- applies the bundled metadata's "claims" database settings (facets, sort,
  search, labels, canned queries) to any attached database with the claimtrack
  schema, whatever its file is called.

Everything that comes from an article is escaped with markupsafe.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from functools import lru_cache
from importlib import resources

import markupsafe
from datasette import hookimpl

from ..datafiles import parse_yaml
from . import pages
from .render import (
    SENTENCE_SQL,
    parse_spans,
    render_figures,
    render_origins,
    render_spans,
    sentence_markup,
    sentence_window,
)

METADATA_FILE = "datasette-metadata.yml"
TEMPLATE_DATABASE = "claims"  # the database name the bundled metadata is written for
CLAIM_TABLES = ("claims", "claims_detail")
CSS_PATH = "/-/claimtrack.css"

CSS = """
.ct-sentence { line-height: 1.6; max-width: 60em; }
.ct-sentence mark { padding: 0 2px; border-radius: 3px; }
mark.ct-source { background: #cfe2ff; border-bottom: 2px solid #3d7be0; }
mark.ct-cue { background: #ffe08a; border-bottom: 2px solid #c99a00; font-weight: bold; }
mark.ct-content { background: #d4f5d4; border-bottom: 2px solid #3a9a3a; }
mark.ct-source.ct-content, mark.ct-cue.ct-content { background: #e6f0c8; }
.ct-outside { color: #777; }
.ct-legend { font-size: 0.8em; color: #555; margin-left: 0.5em; white-space: nowrap; }
ul.ct-figures { margin: 0; padding-left: 1.1em; }
ul.ct-figures li { list-style: disc; margin: 0; }
.ct-interval { font-family: monospace; color: #555; white-space: nowrap; }
td.col-sentence { min-width: 22em; }
td.col-figures { min-width: 12em; }
.ct-spans { font-family: monospace; font-size: 0.85em; white-space: nowrap; }
details.ct-column-descriptions { margin: 0.5em 0 1em 0; }
details.ct-column-descriptions summary { cursor: pointer; color: #555; }

/* badges: verdicts, source types */
.ct-badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 0.85em; white-space: nowrap;
  text-decoration: none; background: #e4e4e4; color: #333; border: 1px solid #ccc; }
a.ct-badge:hover { text-decoration: underline; }
.ct-badge.ct-corroborated { background: #d9f2d9; color: #1d5e1d; border-color: #7cc47c; }
.ct-badge.ct-contested { background: #fde0dc; color: #8a1f11; border-color: #e58a7c; }
.ct-badge.ct-single_origin { background: #fff1c7; color: #6b5200; border-color: #e0c060; }
.ct-badge.ct-big { font-size: 1.1em; padding: 3px 12px; font-weight: bold; }
.ct-hint { color: #666; font-size: 0.9em; }

/* the claim group and source pages */
.ct-kicker { color: #666; margin: 0.5em 0 0 0; text-transform: uppercase; font-size: 0.8em; letter-spacing: 0.05em; }
h1.ct-title { margin-top: 0.2em; font-size: 1.6em; }
.ct-verdict { font-size: 1.1em; }
.ct-why { margin-left: 0.4em; }
dl.ct-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.5em 0 1em 0; }
dl.ct-facts dt { font-weight: bold; color: #444; }
dl.ct-facts dd { margin: 0; }
.ct-timeline { font-weight: bold; }
section.ct-origin { border-left: 4px solid #bbb; padding-left: 1em; margin: 1.2em 0; }
section.ct-origin h3 { margin-bottom: 0.2em; }
table.ct-claims { border-collapse: collapse; width: 100%; }
table.ct-claims th { text-align: left; font-size: 0.85em; color: #555; border-bottom: 1px solid #ccc; }
table.ct-claims td { vertical-align: top; padding: 4px 8px 4px 0; border-bottom: 1px solid #eee; }
table.ct-claims td.ct-date { white-space: nowrap; }
table.ct-claims .ct-sentence-cell { width: 60%; }
table.ct-claims .ct-legend { display: none; }
figure.ct-provenance { margin: 0.5em 0 1em 0; overflow-x: auto; }
svg.ct-diagram path { fill: none; stroke: #8aa4c8; stroke-width: 1.5; }
svg.ct-diagram rect { fill: #eef3fa; stroke: #8aa4c8; }
svg.ct-diagram .ct-node-origin rect { fill: #dce9ff; stroke: #3d7be0; }
svg.ct-diagram .ct-node-outlet rect { fill: #f4f4f4; stroke: #999; }
svg.ct-diagram text { font: 12px sans-serif; fill: #222; }
svg.ct-diagram text.ct-diagram-title { font-weight: bold; fill: #555; }
details.ct-stored { margin-top: 2em; }
details.ct-stored summary, details.ct-facets summary { cursor: pointer; color: #555; }

/* the home page */
.ct-lede { font-size: 1.1em; }
.ct-forms { display: flex; flex-wrap: wrap; gap: 0.5em 2.5em; margin-bottom: 1em; }
.ct-forms form label { display: block; width: auto; margin-bottom: 0.2em; }
.ct-forms form input[type=search] { width: 16em; }
.ct-home { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2em; }
table.ct-ranked { border-collapse: collapse; width: 100%; }
table.ct-ranked td, table.ct-ranked th { padding: 3px 8px 3px 0; border-bottom: 1px solid #eee; text-align: left; }
.ct-num { text-align: right !important; }
ul.ct-groups { padding-left: 1.1em; }
ul.ct-groups li { margin-bottom: 0.3em; }

/* the claims tables: readable at 1,400 px, long sentences clamped (click to expand) */
.ct-readable table.rows-and-columns { table-layout: auto; width: 100%; }
.ct-readable td.col-sentence { min-width: 30em; }
.ct-readable td.col-sentence .ct-sentence { display: -webkit-box; -webkit-line-clamp: 4; -webkit-box-orient: vertical;
  overflow: hidden; cursor: zoom-in; }
.ct-readable td.col-sentence .ct-sentence.ct-open { display: block; cursor: zoom-out; }
.ct-readable td.col-sentence .ct-legend { display: none; }
.ct-readable td.col-published { white-space: nowrap; }
.ct-readable td.col-figures { min-width: 9em; }
.ct-readable .ct-interval { display: none; }
ul.ct-origins { margin: 0; padding-left: 1.1em; }
.ct-columns-note { font-size: 0.85em; color: #666; margin: 0.3em 0; }
"""


# -- Datasette 0.65 + rich workaround -----------------------------------------

def _guard_rich_tracebacks() -> None:
    """Datasette 0.65's default error handler calls rich's print_exception()
    for every error page when rich is installed (spaCy's typer pulls it in).
    For a 404 there is no exception being handled, rich raises ValueError and
    the 404 turns into a 500. Print only when there is an exception."""
    try:
        from datasette import handle_exception as module
    except ImportError:  # pragma: no cover
        return
    real = getattr(module, "rich", None)
    if real is None or getattr(real, "_claimtrack_guard", False):
        return

    class _Console:
        def print_exception(self, **kwargs):
            import sys

            if sys.exc_info()[1] is not None:
                real.get_console().print_exception(**kwargs)

    class _Rich:
        _claimtrack_guard = True

        @staticmethod
        def get_console():
            return _Console()

    module.rich = _Rich()


_guard_rich_tracebacks()


# -- metadata ---------------------------------------------------------------


def metadata_text() -> str:
    """The bundled datasette-metadata.yml (the repository root file)."""
    return resources.files("claimtrack").joinpath(METADATA_FILE).read_text("utf-8")


@lru_cache(maxsize=1)
def load_metadata() -> dict:
    """The bundled metadata, parsed. Callers must not mutate it."""
    return parse_yaml(metadata_text())


CLAIMTRACK_NAMES = {"claims", "claims_detail", "sources"}


@lru_cache(maxsize=256)
def _has_claimtrack_schema(path: str, mtime_key: float) -> bool:
    """Raises sqlite3.Error when the file cannot be read now (a WAL database
    whose -shm file is missing, say): lru_cache keeps only answers."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {
            row[0]
            for row in conn.execute(
                "select name from sqlite_master where name in ('claims', 'claims_detail', 'sources')"
            )
        }
    finally:
        conn.close()
    return names == CLAIMTRACK_NAMES


def _is_claimtrack_database(db) -> bool:
    path = getattr(db, "path", None)
    if not path or getattr(db, "is_memory", False):
        return False
    import os

    try:
        mtime = os.stat(path).st_mtime
        # A database that did not have the schema yet may get it: re-check on change.
        return _has_claimtrack_schema(path, mtime)
    except (OSError, sqlite3.Error):
        return False


async def _is_claimtrack_database_async(db) -> bool:
    """The same, read through Datasette's own connection."""
    if getattr(db, "is_memory", False):
        return False
    return CLAIMTRACK_NAMES <= {*await db.table_names(), *await db.view_names()}


@hookimpl
def get_metadata(datasette, key, database, table):
    """Give every claimtrack database the "claims" settings, unless the
    metadata in use configures that database by name."""
    local = getattr(datasette, "_metadata_local", None) or {}
    local_databases = local.get("databases") or {}
    template = local_databases.get(TEMPLATE_DATABASE)
    if template is None:
        template = (load_metadata().get("databases") or {}).get(TEMPLATE_DATABASE)
    if not template:
        return None
    names = [database] if database else list(datasette.databases)
    databases = {}
    for name in names:
        if name in local_databases or name == TEMPLATE_DATABASE:
            continue
        db = datasette.databases.get(name)
        if db is not None and _is_claimtrack_database(db):
            databases[name] = template
    return {"databases": databases} if databases else None


# -- SQL function ------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text) -> str:
    """Words typed by a person as an FTS query that cannot fail to parse:
    each word quoted, all required. Empty input matches nothing."""
    words = _WORD.findall(text or "")
    if not words:
        return '""'
    return " ".join('"{}"'.format(word.replace('"', '""')) for word in words)


@hookimpl
def prepare_connection(conn):
    conn.create_function("claimtrack_fts_query", 1, fts_query, deterministic=True)


# -- rendering ---------------------------------------------------------------


def _row_get(row, key):
    """row[key], or None when the row has no such column. Foreign keys the
    table page has expanded ({"value": ..., "label": ...}) give their value."""
    try:
        value = row[key]
    except (IndexError, KeyError, TypeError):
        return None
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


async def render_sentence(row, value, database, datasette):
    spans = parse_spans(_row_get(row, "spans"))
    article = _row_get(row, "article")
    if not spans or article is None or not isinstance(value, str):
        return None
    window = sentence_window(value, spans)
    result = await datasette.get_database(database).execute(SENTENCE_SQL, {**window, "id": article})
    found = result.first()
    if not found or not isinstance(found[0], str):
        return None
    return sentence_markup(found[0], window["lo"], value, spans)


# Foreign keys of the claims table and the column that names the row they
# point to. The table page expands them itself; the row page does not.
CLAIM_FOREIGN_KEYS = {
    "source": ("sources", "name"),
    "relayed_by": ("sources", "name"),
    "addressee": ("sources", "name"),
    "article": ("articles", "title"),
    "claim_group": ("claim_groups", "label"),
}


async def render_foreign_key(value, column, database, datasette):
    other_table, label_column = CLAIM_FOREIGN_KEYS[column]
    db = datasette.get_database(database)
    result = await db.execute(
        f"select {label_column} from {other_table} where id = :id", {"id": value}
    )
    row = result.first()
    label = row[0] if row and row[0] not in (None, "") else value
    return markupsafe.Markup('<a href="{}">{}</a>&nbsp;<em>{}</em>').format(
        datasette.urls.row(database, other_table, str(value)), label, value
    )


async def _claim_row(row, database, datasette):
    """`row` if it has the claim's article and spans, else those fetched by id."""
    if _row_get(row, "spans") is not None and _row_get(row, "article") is not None:
        return row
    claim_id = _row_get(row, "id")
    if claim_id is None:
        return None
    result = await datasette.get_database(database).execute(
        "select article, spans from claims where id = :id", {"id": claim_id}
    )
    return result.first()


@hookimpl(tryfirst=True)
def render_cell(row, value, column, table, database, datasette):
    if column == "sentence" and (table in CLAIM_TABLES or table is None):
        if table is None and _row_get(row, "spans") is None:
            return None

        async def inner():
            claim = await _claim_row(row, database, datasette)
            if claim is None:
                return None
            return await render_sentence(claim, value, database, datasette)

        return inner()
    if column == "figures" and (table in CLAIM_TABLES or table is None):
        return render_figures(value)
    if column == "spans" and (table in CLAIM_TABLES or table is None):
        return render_spans(value)
    if (
        table == "claims"
        and column in CLAIM_FOREIGN_KEYS
        and isinstance(value, (int, str))
        and not isinstance(value, bool)
    ):
        # Only reached with a raw id (the row page): the table page hands
        # over {"value": ..., "label": ...} dicts for expanded foreign keys.
        return render_foreign_key(value, column, database, datasette)
    if table == "claims_detail" and column == "id" and isinstance(value, int):
        return markupsafe.Markup('<a href="{}">{}</a>').format(
            datasette.urls.row(database, "claims", str(value)), value
        )
    if table == "sources" and column == "name" and isinstance(value, str):
        return markupsafe.Markup('<a href="{}" title="source profile">{}</a>').format(
            datasette.urls.row(database, "sources", str(_row_get(row, "id"))), value
        )
    if table == "claims_detail" and column == "source_name" and isinstance(value, str):
        return markupsafe.Markup('<a href="{}">{}</a>').format(
            datasette.urls.row(database, "sources", str(_row_get(row, "source"))), value
        )
    if table in CLAIM_TABLES and column == "published" and isinstance(value, str) and len(value) > 10:
        # the date is what a reader scans; the time is in the tooltip
        return markupsafe.Markup('<span title="{}">{}</span>').format(value, value[:10])
    if table in CLAIM_TABLES and column == "claim_group" and _row_get(row, "claim_group") is not None:
        return render_group_badge(_row_get(row, "claim_group"), database, datasette)
    if table in (None, "claim_groups") and column == "origins":
        return render_origins(value)
    if table in (None, "claim_groups") and column == "verdict" and isinstance(value, str):
        return markupsafe.Markup('<span class="ct-badge ct-{}">{}</span>').format(value, value.replace("_", " "))
    if table is None and column == "name" and isinstance(value, str) and _is_source_row(row):
        # find_source, source_profile: a source's name opens its page
        return markupsafe.Markup('<a href="{}">{}</a>').format(
            datasette.urls.row(database, "sources", str(_row_get(row, "id"))), value
        )
    if table is None and column == "claim_group" and isinstance(value, int):
        # a canned query's group id opens the group's page
        return markupsafe.Markup('<a href="{}">{}</a>').format(
            datasette.urls.row(database, "claim_groups", str(value)), value
        )
    return None


def _is_source_row(row) -> bool:
    """A canned query's row that is a source: its id, name and type."""
    return isinstance(_row_get(row, "id"), int) and _row_get(row, "type") is not None


async def render_group_badge(group, database, datasette):
    result = await datasette.get_database(database).execute(
        "select verdict from claim_groups where id = :id", {"id": group}
    )
    found = result.first()
    verdict = found[0] if found and found[0] else "ungrouped"
    return markupsafe.Markup('<a class="ct-badge ct-{}" href="{}" title="claim group {}">{}</a>').format(
        verdict, datasette.urls.row(database, "claim_groups", str(group)), group, verdict.replace("_", " ")
    )


# -- pages: the home page, a claim group, a source -----------------------------

# Columns of the claims tables in the order a reader scans them; the others
# are one click away (?_ct_columns=all) and in every JSON export.
READABLE_COLUMNS = {
    "claims_detail": ("id", "source_name", "cue", "act", "stance", "sentence", "claim_group", "figures", "outlet", "published"),
    "claims": ("id", "source", "cue", "act", "stance", "sentence", "claim_group", "figures", "outlet", "published"),
}


def readable_columns(table: str, columns) -> list[str]:
    """The columns to show, of those the table has; a claim's speech act
    (asserts, accuses, denies...) says all its stance does."""
    present = set(columns or ())
    return [c for c in READABLE_COLUMNS[table] if c in present and not (c == "stance" and "act" in present)]


@hookimpl
def extra_template_vars(template, database, table, columns, view_name, request, datasette):
    async def inner():
        if database is None or not await _is_claimtrack_database_async(datasette.get_database(database)):
            return {}
        if view_name == "table" and table in READABLE_COLUMNS and request.args.get("_ct_columns") != "all":
            return {"claimtrack_columns": readable_columns(table, columns)}
        page = {"claim_groups": pages.group_page, "sources": pages.source_page}.get(table)
        if view_name == "row" and page is not None:
            pk = request.url_vars.get("pks")
            data = await datasette.get_database(database).execute_fn(lambda conn: page(conn, pk))
            return {"claimtrack_" + table: data} if data else {}
        return {}

    return inner


# -- CSS and a little JavaScript ----------------------------------------------

# Datasette 0.65 lists every column description above the table; fold the
# list into a <details> so the claims are on screen first.
FOLD_DESCRIPTIONS_JS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
  var details = document.createElement("details");
  details.className = "ct-column-descriptions";
  var summary = document.createElement("summary");
  summary.textContent = "Column descriptions";
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(summary);
  details.appendChild(dl);
});
"""


# A clamped sentence in the claims tables opens (and closes) on a click.
EXPAND_SENTENCES_JS = """
document.querySelectorAll(".ct-readable td.col-sentence .ct-sentence").forEach(function (el) {
  el.addEventListener("click", function () { el.classList.toggle("ct-open"); });
});
"""


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["ct_label"] = pages.group_label


@hookimpl
def startup(datasette):
    """Read the source registry (a group page resolves outlets through it)
    in the background: the first reader to open a group page need not wait
    the seconds its loading takes."""
    async def inner():
        for db in datasette.databases.values():
            if await _is_claimtrack_database_async(db):
                from ..sources.registry import default_registry

                threading.Thread(target=default_registry, name="claimtrack-registry", daemon=True).start()
                return

    return inner


@hookimpl
def extra_body_script(template):
    if template.startswith("table") or template.startswith("row"):
        return FOLD_DESCRIPTIONS_JS + EXPAND_SENTENCES_JS
    return None


# -- CSS -----------------------------------------------------------------------


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(CSS_PATH)]


@hookimpl
def asgi_wrapper(datasette):
    """Every page is read-only: a POST (PUT, DELETE...) outside Datasette's
    own /-/ pages answers 405, where Datasette answers one to a table or a
    read-only canned query with a 500 and a traceback in the log."""
    from datasette.utils.asgi import Response

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS") and not scope["path"].startswith("/-/"):
                await Response.text("Method not allowed", status=405, headers={"Allow": "GET, HEAD"}).asgi_send(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes():
    from datasette.utils.asgi import Response

    async def css(request):
        return Response(CSS, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})

    async def home(datasette, request):
        """The home page of the first claimtrack database; Datasette's own
        index when there is none. (A route, because datasette-search-all also
        ships an index.html and plugin templates have no fixed order.)"""
        from datasette.views.index import IndexView

        for db in datasette.databases.values():
            if await _is_claimtrack_database_async(db):
                raw_tables = {
                    other.name: [*await other.table_names(), *await other.view_names()]
                    for other in datasette.databases.values()
                    if not other.is_memory
                }
                hidden = {name: set(await datasette.get_database(name).hidden_table_names()) for name in raw_tables}
                context = {
                    "metadata": datasette.metadata(),
                    "claimtrack_home": await db.execute_fn(pages.home_page),
                    "claimtrack_database": db.name,
                    # the view to start from first, hidden (full-text) tables left out
                    "raw_tables": {
                        name: sorted((t for t in tables if t not in hidden[name]), key=lambda t: t != "claims_detail")
                        for name, tables in raw_tables.items()
                    },
                }
                html = await datasette.render_template("claimtrack_home.html", context, request=request, view_name="index")
                return Response.html(html)
        return await IndexView.as_view(datasette)(request, None)

    return [(r"^/-/claimtrack\.css$", css), (r"^/$", home)]


def _register_whole_when_imported_first() -> None:
    """Imported before Datasette (a script that starts with `from
    claimtrack.datasette_plugin import pages`), this module is loaded from
    Datasette's entry points while half-initialised and registered without
    its hooks, and every page falls back to Datasette's own: register it again."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    if pm.is_registered(module) and not pm.get_hookcallers(module):
        name = pm.get_name(module)
        pm.unregister(module)
        pm.register(module, name)


_register_whole_when_imported_first()
