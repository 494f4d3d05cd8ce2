"""What the home page, a claim group's page and a source's page show: plain
functions over a sqlite3 connection (Datasette's `execute_fn`), returning
dicts for the templates in `templates/`."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date

import markupsafe
import sqlite_utils

from .. import corroborate
from .render import SENTENCE_SQL, describe_figure, parse_spans, sentence_markup, sentence_window

VERDICTS = ("contested", "corroborated", "single_origin")
TOP_SOURCES = 25
GROUPS_PER_VERDICT = 8
SOURCE_CLAIMS_SHOWN = 30
# A source's outlets, relays and groups are read from its latest claims, so that a
# source with a million claims opens as fast as one with ten.
SOURCE_CLAIMS_SCANNED = 2000
# A group carried by hundreds of articles shows its largest origins with
# their first claims (the rest are one click away in claims_detail) and a
# diagram of this many boxes a column.
CLAIMS_PER_ORIGIN = 10
ORIGINS_SHOWN = 12
DIAGRAM_ROWS = 25
TIMELINE_STEPS = 8
REASON_CHARS = 400

CLAIMS_SQL = """
select claims_detail.id, claims_detail.source, claims_detail.source_name, claims_detail.cue,
  claims_detail.stance, claims_detail.relayed_by_name, claims_detail.outlet, claims_detail.published,
  claims_detail.title, claims_detail.url, claims_detail.article, claims_detail.sentence,
  claims_detail.spans, claims_detail.figures, claims_detail.claim_group
from claims_detail
"""
# Every claim of a group, narrow: what its origin, stance (said in the
# negative, it denies; only frames that mention "neg" are parsed) and figures
# need. Names come from corroborate.Origins; sentences and titles are read
# for the claims and articles shown only.
GROUP_CLAIMS_SQL = """
select id, source, relayed_by, outlet, published, article, figures, stance,
  case when instr(frame, '"neg"') and json_valid(frame) then json_extract(frame, '$.neg') end as negated
from claims where claim_group = ?
"""
# When a group's label is its first claim cut short (labels are cut at
# corroborate.LABEL_LENGTH characters), the character after the cut.
LABEL_CUT_SQL = """(select case when length(claims.content) > length(claim_groups.label)
    and substr(claims.content, 1, length(claim_groups.label)) = claim_groups.label
    then substr(claims.content, length(claim_groups.label) + 1, 1) end
  from claims where claims.claim_group = claim_groups.id order by claims.id limit 1) as label_cut"""
GROUP_SOURCES_SQL = """
select id, name, type, parent from sources where id in (
  select source from claims where claim_group = :group union select relayed_by from claims where claim_group = :group)
"""


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _claim_count(conn: sqlite3.Connection) -> str:
    """SQL for a source's number of claims: its stored count, or a count in a
    database made before sources kept one (looking never migrates)."""
    stored = any(row[1] == "n_claims" for row in conn.execute("pragma table_info(sources)"))
    return "sources.n_claims" if stored else "(select count(*) from claims where claims.source = sources.id)"


def short_date(published, with_year: bool = False) -> str:
    """"29 Nov" (or "29 Nov 2024") from "2024-11-29T10:00:00Z"; the text as given if it is no date."""
    try:
        day = date.fromisoformat(str(published)[:10])
    except ValueError:
        return str(published or "")
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


def highlighted(conn: sqlite3.Connection, claim: dict) -> markupsafe.Markup:
    """A claim's sentence with source, cue and content marked (or plain, when
    its spans are unusable)."""
    sentence = claim.get("sentence") or ""
    spans = parse_spans(claim.get("spans"))
    if spans and sentence:
        window = sentence_window(sentence, spans)
        found = conn.execute(SENTENCE_SQL, {**window, "id": claim["article"]}).fetchone()
        if found and isinstance(found[0], str):
            return sentence_markup(found[0], window["lo"], sentence, spans)
    return markupsafe.Markup('<div class="ct-sentence">{}</div>').format(sentence or claim.get("content") or "")


def _primary_figure(figures_json) -> dict | None:
    try:
        figures = json.loads(figures_json or "[]")
    except ValueError:
        return None
    if not isinstance(figures, list):
        return None
    return next((f for f in figures if isinstance(f, dict) and corroborate.interval(f)), None)


def figure_timeline(claims: list[dict]) -> str:
    """One origin's figures in time order: "at least 311 dead (29 Nov) → 514 (2 Dec)".
    A figure repeated unchanged is shown once; what is counted is named when it changes."""
    steps, last_text, last_counted = [], None, None
    for claim in claims:
        figure = _primary_figure(claim.get("figures"))
        if figure is None:
            continue
        text = str(figure.get("text") or "").strip()
        counted = str(figure.get("counted") or "").strip()
        if text == last_text and counted in ("", last_counted):
            continue
        words = describe_figure(figure if counted != last_counted else {**figure, "counted": None})[0]
        when = short_date(claim.get("published"))
        steps.append(f"{words} ({when})" if when else words)
        last_text, last_counted = text, counted or last_counted
    if len(steps) > TIMELINE_STEPS:
        steps = steps[:3] + ["…"] + steps[-(TIMELINE_STEPS - 4):]
    return " → ".join(steps)


# -- a claim group -------------------------------------------------------------


def group_page(conn: sqlite3.Connection, group_id) -> dict | None:
    """A claim group as a reader wants it: verdict and why, then each origin
    with its sources, relays, outlets and claims in time order."""
    row = _rows(conn, f"select *, {LABEL_CUT_SQL} from claim_groups where id = ?", [group_id])
    if not row:
        return None
    group = row[0]
    db = sqlite_utils.Database(conn)
    resolve = corroborate.Origins(db)

    def name(source):
        return resolve.source(source)[0] if source is not None else None

    claims = _rows(conn, GROUP_CLAIMS_SQL, [group["id"]])
    claims.sort(key=lambda c: (c["published"] or "", c["id"]))
    # the group's sources in one read, and each (source, relay, outlet) resolved once
    resolve.sources.update((row[0], tuple(row[1:])) for row in conn.execute(GROUP_SOURCES_SQL, {"group": group["id"]}))
    origin_of_path = {}
    by_origin = defaultdict(list)
    for claim in claims:
        path = (claim["source"], claim["relayed_by"], claim["outlet"])
        if path not in origin_of_path:
            origin_of_path[path] = resolve.of(*path)
        claim["origin"] = origin_of_path[path]
        claim["source_name"], claim["relayed_by_name"] = name(claim["source"]), name(claim["relayed_by"])
        claim["stance"] = corroborate.stance_of(claim["stance"], {"neg": claim["negated"]})
        by_origin[claim["origin"]].append(claim)
    # the origins with most claims first, at most ORIGINS_SHOWN of them in full
    ranked = sorted(by_origin.items(), key=lambda item: -len(item[1]))
    shown = {c["id"]: c for _name, members in ranked[:ORIGINS_SHOWN] for c in members[:CLAIMS_PER_ORIGIN]}
    details = _rows(conn, CLAIMS_SQL + " where claims_detail.id in (select value from json_each(?))", [json.dumps(list(shown))])
    for detail in details:
        claim = shown[detail["id"]]
        claim.update({**detail, "stance": claim["stance"], "date": short_date(detail["published"])})
        claim["html"] = highlighted(conn, claim)
    origins = [
        {
            "name": origin,
            "sources": _distinct(c["source_name"] for c in members),
            "relays": _distinct(c["relayed_by_name"] for c in members),
            "outlets": _distinct(c["outlet"] for c in members),
            "stances": _distinct(c["stance"] for c in members),
            "figures": figure_timeline(members),
            "claims": members[:CLAIMS_PER_ORIGIN],
            "more": max(0, len(members) - CLAIMS_PER_ORIGIN),
        }
        for origin, members in ranked[:ORIGINS_SHOWN]
    ]
    # the diagram draws the largest origins first (those listed below it), each
    # with its articles in time order, labelled with their titles
    rank = {origin: i for i, (origin, _members) in enumerate(ranked)}
    drawn = sorted(claims, key=lambda c: rank[c["origin"]])
    first_articles = list(dict.fromkeys(c["article"] for c in drawn))[:DIAGRAM_ROWS]
    titles = dict(conn.execute("select id, title from articles where id in (select value from json_each(?))", [json.dumps(first_articles)]))
    for claim in drawn:
        claim.setdefault("title", titles.get(claim["article"]))
    return {
        "group": group,
        "more_origins": [origin for origin, _members in ranked[ORIGINS_SHOWN:]],
        "first_seen": short_date(group["first_seen"], with_year=True),
        "last_seen": short_date(group["last_seen"], with_year=True),
        "verdict": group["verdict"],
        # a database grouped before verdicts kept their reason: judge the group again
        "why": clip_reason(group["why"] if group.get("why") is not None else corroborate.describe_group(db, group["id"])["why"]),
        "origins": origins,
        "diagram": provenance_svg(drawn, {c["id"]: c["origin"] for c in claims}),
    }


def group_label(label, next_character: str | None = None) -> str:
    """A group's label is its first claim cut at a number of characters,
    often inside a word (LABEL_CUT_SQL gives the character after the cut):
    a label cut short is cut after its last whole word, and marked."""
    text = str(label or "")
    if not next_character:
        return text.strip()
    if next_character.isalnum() and " " in text:
        text = text[: text.rfind(" ")]
    return text.rstrip(" ,;:") + "…"


def clip_reason(why: str) -> str:
    """The reason a verdict was given, cut after REASON_CHARS at a list's comma:
    a group denied by hundreds of origins names the first ones."""
    if len(why) <= REASON_CHARS:
        return why
    cut = why.rfind(", ", 0, REASON_CHARS)
    return why[: cut if cut > 0 else REASON_CHARS] + ", …"


def _distinct(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# -- the provenance diagram ------------------------------------------------------

COLUMNS = ("origin", "relay", "outlet", "article")
COLUMN_TITLES = ("Origins", "Relayed by", "Outlets", "Articles")
DIRECT = "(no relay)"  # the relay column's node for claims the outlet had first-hand
COLUMN_WIDTH, BOX_WIDTH, ROW_HEIGHT, BOX_HEIGHT, TOP = 260, 210, 30, 22, 28
ARTICLE_WIDTH = 420
LABEL_CHARS = {"article": 62}


def _clip(text: str, column: str) -> str:
    limit = LABEL_CHARS.get(column, 31)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def provenance_svg(claims: list[dict], origin_of: dict) -> markupsafe.Markup:
    """origins → relays → outlets → articles, drawn as an SVG: each claim is a
    path from who it comes from to the article that printed it, through its
    relay or its origin's own "(no relay)" node, so that no line crosses a
    relay it does not pass through and each outlet's lines lead back to the
    origins it carries."""
    nodes = {column: {} for column in COLUMNS}  # column -> {key: label}
    edges = set()
    for claim in claims:
        origin = origin_of.get(claim["id"]) or claim["source_name"] or "unknown"
        path = [
            ("origin", origin),
            ("relay", claim["relayed_by_name"] or (DIRECT, origin)),
            ("outlet", claim["outlet"] or "no outlet"),
            ("article", claim["article"]),
        ]
        path = [(column, key) for column, key in path if key]
        for column, key in path:
            if key in nodes[column]:
                continue
            label = DIRECT if isinstance(key, tuple) else key
            if column == "article":
                label = " ".join(x for x in (short_date(claim["published"]), claim["title"] or key) if x)
            nodes[column][key] = label
        edges.update(zip(path, path[1:]))
    position = {
        (column, key): (i * COLUMN_WIDTH, TOP + j * ROW_HEIGHT)
        for i, column in enumerate(COLUMNS)
        for j, key in enumerate(list(nodes[column])[:DIAGRAM_ROWS])
    }
    rows = min(DIAGRAM_ROWS, max(len(n) for n in nodes.values()))
    height = TOP + rows * ROW_HEIGHT + (ROW_HEIGHT if rows == DIAGRAM_ROWS else 0)
    width = (len(COLUMNS) - 1) * COLUMN_WIDTH + ARTICLE_WIDTH
    parts = [
        markupsafe.Markup('<text class="ct-diagram-title" x="{}" y="14">{}</text>').format(i * COLUMN_WIDTH, title)
        for i, title in enumerate(COLUMN_TITLES)
    ]
    for i, column in enumerate(COLUMNS):
        if len(nodes[column]) > DIAGRAM_ROWS:
            parts.append(markupsafe.Markup('<text class="ct-diagram-title" x="{}" y="{}">and {} more</text>').format(
                i * COLUMN_WIDTH, height - 8, len(nodes[column]) - DIAGRAM_ROWS))
    drawn = [e for e in edges if e[0] in position and e[1] in position]
    for (a, b) in sorted(drawn, key=lambda e: (position[e[0]], position[e[1]])):
        (x1, y1), (x2, y2) = position[a], position[b]
        x1, y1, y2 = x1 + BOX_WIDTH, y1 + BOX_HEIGHT / 2, y2 + BOX_HEIGHT / 2
        middle = (x1 + x2) / 2
        # numbers only, and below escaped labels: f-strings (Markup.format is slow with hundreds of boxes)
        parts.append(markupsafe.Markup(f'<path d="M{x1} {y1} C{middle} {y1} {middle} {y2} {x2} {y2}"/>'))
    for (column, key), (x, y) in position.items():
        label = nodes[column][key]
        box_width = ARTICLE_WIDTH if column == "article" else BOX_WIDTH
        parts.append(markupsafe.Markup(
            f'<g class="ct-node ct-node-{column}"><title>{markupsafe.escape(label)}</title>'
            f'<rect x="{x}" y="{y}" width="{box_width}" height="{BOX_HEIGHT}" rx="4"/>'
            f'<text x="{x + 6}" y="{y + 15}">{markupsafe.escape(_clip(label, column))}</text></g>'
        ))
    return markupsafe.Markup(
        '<svg class="ct-diagram" role="img" aria-label="Provenance: origins, relays, outlets, articles"'
        ' width="{}" height="{}" viewBox="0 0 {} {}">{}</svg>'
    ).format(width, height, width, height, markupsafe.Markup("").join(parts))


# -- a source --------------------------------------------------------------------


def source_page(conn: sqlite3.Connection, source_id) -> dict | None:
    """A source's profile: its parent and people, its latest claims, the
    groups it takes part in, who relays it and which outlets cite it."""
    found = _rows(
        conn,
        "select sources.id, sources.name, sources.type, parents.id as parent_id, parents.name as parent_name"
        " from sources left join sources as parents on parents.id = sources.parent where sources.id = ?",
        [source_id],
    )
    if not found:
        return None
    source = found[0]
    sid = source["id"]
    latest = (
        f"(select outlet, relayed_by, claim_group from claims where source = {int(sid)}"
        f" order by id desc limit {SOURCE_CLAIMS_SCANNED})"
    )
    claims = _rows(
        conn,
        CLAIMS_SQL + " where claims_detail.id in (select id from claims where source = ?"
        " order by published desc, id desc limit ?) order by published desc, id desc",
        [sid, SOURCE_CLAIMS_SHOWN],
    )
    for claim in claims:
        claim["html"] = highlighted(conn, claim)
        claim["date"] = short_date(claim["published"])
    verdicts = dict(conn.execute(
        "select id, verdict from claim_groups where id in ({})".format(
            ",".join(str(int(c["claim_group"])) for c in claims if c["claim_group"] is not None) or "null"
        )
    ).fetchall())
    for claim in claims:
        claim["verdict"] = verdicts.get(claim["claim_group"])
    return {
        "source": source,
        "n_claims": conn.execute(f"select {_claim_count(conn)} from sources where id = ?", [sid]).fetchone()[0],
        "scanned": SOURCE_CLAIMS_SCANNED,
        "aliases": [r[0] for r in conn.execute(
            "select alias from source_aliases where source = ? and alias != ? order by alias limit 40",
            [sid, source["name"]])],
        "members": _rows(
            conn,
            f"select id, name, type, {_claim_count(conn)} as n_claims from sources where parent = ?"
            " order by n_claims desc, name limit 50",
            [sid],
        ),
        "claims": claims,
        "outlets": _rows(
            conn,
            f"select outlet, count(*) as n from {latest} group by outlet order by n desc, outlet limit 20",
        ),
        "relays": _rows(
            conn,
            f"select sources.id, sources.name, count(*) as n from {latest} as latest"
            " join sources on sources.id = latest.relayed_by group by sources.id order by n desc, sources.name limit 20",
        ),
        "relays_for": _rows(
            conn,
            "select sources.id, sources.name, count(*) as n from (select source from claims where relayed_by = ?"
            " order by id desc limit ?) as relayed join sources on sources.id = relayed.source"
            " group by sources.id order by n desc, sources.name limit 20",
            [sid, SOURCE_CLAIMS_SCANNED],
        ),
        "groups": _rows(
            conn,
            f"select claim_groups.id, claim_groups.label, claim_groups.verdict, claim_groups.n_origins, {LABEL_CUT_SQL},"
            f" count(*) as n from {latest} as latest join claim_groups on claim_groups.id = latest.claim_group"
            " group by claim_groups.id order by n desc, claim_groups.id limit 20",
        ),
    }


# -- the home page -----------------------------------------------------------------


def home_page(conn: sqlite3.Connection) -> dict:
    """Who said what: the sources with most claims, and the claim groups by verdict."""
    count = _claim_count(conn)
    sources = _rows(
        conn,
        f"select sources.id, sources.name, sources.type, parents.name as parent_name, {count} as n"
        " from sources left join sources as parents on parents.id = sources.parent"
        f" where {count} > 0 order by {count} desc, sources.name limit {TOP_SOURCES}",
    )
    verdicts = dict(conn.execute("select verdict, count(*) from claim_groups group by verdict").fetchall())
    groups = {
        verdict: _rows(
            conn,
            f"select id, label, n_origins, n_outlets, n_claims, last_seen, {LABEL_CUT_SQL} from claim_groups"
            " where verdict = ? order by id desc limit ?",
            [verdict, GROUPS_PER_VERDICT],
        )
        for verdict in VERDICTS
        if verdicts.get(verdict)
    }
    return {
        "n_claims": conn.execute("select count(*) from claims").fetchone()[0],
        "sources": sources,
        "verdict_counts": verdicts,
        "groups": groups,
    }
