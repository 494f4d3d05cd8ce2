"""claimtrack's Datasette plugin (registered through the `datasette` entry point).

- renders a claim's `sentence` with its source, cue and content highlighted
  (from `spans`, character offsets into `articles.text`) and its `figures`
  readably ("at least 311 dead [311, ∞)");
- links claim ids in `claims_detail` to the claim's page and source names to
  their `source_profile`;
- registers `claimtrack_fts_query(text)`, which turns words typed by a person
  into a safe FTS query (every word must match), for the canned queries;
- applies the bundled metadata's "claims" database settings (facets, sort,
  search, labels, canned queries) to any attached database with the claimtrack
  schema, whatever its file is called.

Everything that comes from an article is escaped with markupsafe.
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import lru_cache
from importlib import resources

import markupsafe
import yaml
from datasette import hookimpl

METADATA_FILE = "datasette-metadata.yml"
TEMPLATE_DATABASE = "claims"  # the database name the bundled metadata is written for
CLAIM_TABLES = ("claims", "claims_detail")
ROLES = ("source", "cue", "content")
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
    return yaml.safe_load(metadata_text())


@lru_cache(maxsize=256)
def _has_claimtrack_schema(path: str, mtime_key: float) -> bool:
    try:
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
    except sqlite3.Error:
        return False
    return names == {"claims", "claims_detail", "sources"}


def _is_claimtrack_database(db) -> bool:
    path = getattr(db, "path", None)
    if not path or getattr(db, "is_memory", False):
        return False
    import os

    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return False
    # A database that did not have the schema yet may get it: re-check on change.
    return _has_claimtrack_schema(path, mtime)


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


def parse_spans(value) -> dict[str, list[tuple[int, int]]]:
    """`spans` JSON as {role: [(start, end), ...]}, ignoring anything malformed."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    spans = {}
    if not isinstance(data, dict):
        return spans
    for role in ROLES:
        pairs = []
        for pair in data.get(role) or []:
            if (
                isinstance(pair, (list, tuple))
                and len(pair) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
                and 0 <= pair[0] < pair[1]
            ):
                pairs.append((pair[0], pair[1]))
        if pairs:
            spans[role] = pairs
    return spans


def locate_sentence(window: str, window_start: int, sentence: str, spans) -> int | None:
    """Offset in the article of the occurrence of `sentence` inside `window`
    (which starts at `window_start`) that covers most of the spans."""
    best, best_cover = None, -1
    i = window.find(sentence)
    while i >= 0:
        start = window_start + i
        end = start + len(sentence)
        cover = sum(
            max(0, min(e, end) - max(s, start))
            for pairs in spans.values()
            for s, e in pairs
        )
        if cover > best_cover:
            best, best_cover = start, cover
        i = window.find(sentence, i + 1)
    return best


def highlight(text: str, offset: int, spans) -> markupsafe.Markup:
    """`text` (which starts at article offset `offset`) as HTML with every span
    wrapped in <mark class="ct-ROLE">; overlapping spans combine classes."""
    roles_at = [set() for _ in text]
    for role, pairs in spans.items():
        for s, e in pairs:
            for i in range(max(s - offset, 0), min(e - offset, len(text))):
                roles_at[i].add(role)
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and roles_at[j] == roles_at[i]:
            j += 1
        chunk = markupsafe.escape(text[i:j])
        if roles_at[i]:
            classes = " ".join(f"ct-{r}" for r in ROLES if r in roles_at[i])
            titles = ", ".join(r for r in ROLES if r in roles_at[i])
            out.append(
                markupsafe.Markup('<mark class="{}" title="{}">{}</mark>').format(
                    classes, titles, chunk
                )
            )
        else:
            out.append(chunk)
        i = j
    return markupsafe.Markup("").join(out)


LEGEND = markupsafe.Markup(
    '<span class="ct-legend"><mark class="ct-source">source</mark> '
    '<mark class="ct-cue">cue</mark> <mark class="ct-content">content</mark></span>'
)


async def render_sentence(row, value, database, datasette):
    spans = parse_spans(_row_get(row, "spans"))
    article = _row_get(row, "article")
    if not spans or article is None or not isinstance(value, str):
        return None
    starts = [s for pairs in spans.values() for s, _ in pairs]
    ends = [e for pairs in spans.values() for _, e in pairs]
    lo = max(0, min(starts) - len(value))
    hi = max(ends) + len(value)
    db = datasette.get_database(database)
    result = await db.execute(
        "select substr(text, :lo + 1, :n) from articles where id = :id",
        {"lo": lo, "n": hi - lo, "id": article},
    )
    row0 = result.first()
    window = row0[0] if row0 and isinstance(row0[0], str) else None
    if window is None:
        return None
    start = locate_sentence(window, lo, value, spans)
    if start is not None:
        body = highlight(value, start, spans)
    else:
        # The stored sentence is not verbatim in the article: show the
        # article text the spans cover instead, marked as such.
        s, e = min(starts), max(ends)
        body = highlight(window[s - lo : e - lo], s, spans)
        body = markupsafe.Markup('<span class="ct-outside">…</span>{}<span class="ct-outside">…</span>').format(body)
    return markupsafe.Markup('<div class="ct-sentence">{}{}</div>').format(body, LEGEND)


def _number(n) -> str:
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    if isinstance(n, int):
        return f"{n:,}"
    return str(n)


def describe_figure(figure: dict) -> tuple[str, str]:
    """("at least 311 dead", "[311, ∞)") for one figure object."""
    text = str(figure.get("text") or "").strip()
    counted = str(figure.get("counted") or "").strip()
    words = " ".join(w for w in (text, counted) if w)
    low, high = figure.get("low"), figure.get("high")
    approx = bool(figure.get("approx"))
    if low is None and high is None:
        return words, ""
    if low is not None and high is not None and low == high:
        interval = ("≈ " if approx else "= ") + _number(low)
        return words, interval
    low_inclusive = figure.get("low_inclusive", True)
    high_inclusive = figure.get("high_inclusive", True)
    # Counts are never negative: "fewer than 50" is [0, 50).
    left = ("[" if low_inclusive else "(") + _number(low) if low is not None else "[0"
    right = _number(high) + ("]" if high_inclusive else ")") if high is not None else "∞)"
    interval = f"{left}, {right}"
    if approx:
        interval = "≈ " + interval
    return words, interval


def render_figures(value):
    try:
        figures = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
        return None
    if not figures:
        return markupsafe.Markup('<span class="ct-outside">none</span>')
    items = []
    for figure in figures:
        words, interval = describe_figure(figure)
        items.append(
            markupsafe.Markup('<li>{} <span class="ct-interval">{}</span></li>').format(
                words, interval
            )
        )
    return markupsafe.Markup('<ul class="ct-figures">{}</ul>').format(
        markupsafe.Markup("").join(items)
    )


def render_spans(value):
    spans = parse_spans(value)
    if not spans:
        return None
    parts = [
        markupsafe.Markup('<mark class="ct-{}">{}</mark> {}').format(
            role, role, ", ".join(f"{s}–{e}" for s, e in spans[role])
        )
        for role in ROLES
        if role in spans
    ]
    return markupsafe.Markup('<span class="ct-spans">{}</span>').format(
        markupsafe.Markup("<br>").join(parts)
    )


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
        href = datasette.urls.database(database) + "/source_profile?" + _urlencode(
            {"source": value}
        )
        return markupsafe.Markup('{} <a href="{}" title="source profile">(profile)</a>').format(
            value, href
        )
    return None


def _urlencode(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


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


@hookimpl
def extra_body_script(template):
    if template.startswith("table") or template.startswith("row"):
        return FOLD_DESCRIPTIONS_JS
    return None


# -- CSS -----------------------------------------------------------------------


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(CSS_PATH)]


@hookimpl
def register_routes():
    from datasette.utils.asgi import Response

    async def css(request):
        return Response(CSS, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})

    return [(r"^/-/claimtrack\.css$", css)]
