"""Browsing claims through Datasette: metadata, facets, search, canned
queries and claimtrack's plugin, on databases built by the real ingest."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

import markupsafe
import pytest
import yaml
from datasette.app import Datasette

from claimtrack import datasette_plugin
from claimtrack.datasette_plugin import fts_query, pages
from claimtrack.datasette_plugin.render import describe_figure, highlight, render_origins

from .conftest import REPO, ingest_with_cli

METADATA_FILE = REPO / "datasette-metadata.yml"
OSDH = "Syrian Observatory for Human Rights"
CANNED = {
    "claims_by_source": {"source": "OSDH"},
    "is_this_corroborated": {"q": "citadel"},
    "relayed_through": {"relay": "Russian agencies"},
    "one_origin_many_outlets": {},
    "contested": {},
    "source_profile": {"source": "the Observatory"},
    "find_source": {"q": "Observatory"},
}


class Client:
    """Datasette's test client on one event loop, used synchronously."""

    def __init__(self, db_path: Path, metadata: dict | None = None):
        if metadata is None:
            metadata = yaml.safe_load(METADATA_FILE.read_text("utf-8"))
        self.ds = Datasette(files=[str(db_path)], metadata=metadata)
        self.db = Path(db_path).stem
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, path: str, status: int = 200):
        response = self.loop.run_until_complete(self.ds.client.get(path))
        assert response.status_code == status, (path, response.status_code, response.text[:2000])
        return response

    def json(self, path: str):
        return self.get(path).json()

    def close(self):
        self.loop.close()


@pytest.fixture(scope="module")
def client(seed_claims_db):
    client = Client(seed_claims_db)
    yield client
    client.close()


def facet(data: dict, name: str) -> dict:
    return {row["label"]: row for row in data["facet_results"][name]["results"]}


# -- metadata --------------------------------------------------------------


def test_package_metadata_is_the_repository_file():
    bundled = resources.files("claimtrack").joinpath("datasette-metadata.yml").read_bytes()
    assert bundled == METADATA_FILE.read_bytes()


def test_metadata_declares_what_the_browse_section_promises():
    metadata = yaml.safe_load(METADATA_FILE.read_text("utf-8"))
    for key in ("title", "description_html", "license", "source"):
        assert metadata.get(key)
    database = metadata["databases"]["claims"]
    tables = database["tables"]
    assert list(tables)[0] == "claims_detail"
    assert tables["claims_detail"]["facets"] == [
        "source_name", "source_type", "kind", "stance", "act", "outlet", "published"
    ]
    assert tables["claims"]["facets"] == ["source", "source_type", "kind", "stance", "act", "outlet", "published"]
    assert tables["sources"]["label_column"] == "name"
    assert tables["articles"]["label_column"] == "title"
    assert set(database["queries"]) == set(CANNED)
    for name, query in database["queries"].items():
        params = set(re.findall(r"(?<!:):(\w+)", query["sql"]))
        assert params == set(CANNED[name]), name
        assert query.get("title") and query.get("description"), name


# -- facets, labels, filters, search --------------------------------------------


def test_source_facet_lists_the_observatory_with_seven_claims(client):
    data = client.json("/claims/claims.json?_size=0")
    # Datasette 0.65 leaves a facet that timed out out of facet_results
    # (its JSON has no facets_timed_out key).
    assert set(data["facet_results"]) == {"source", "source_type", "kind", "stance", "act", "outlet", "published"}
    assert facet(data, "source_type")["ngo"]["count"] == 7
    sources = facet(data, "source")
    assert sources[OSDH]["count"] == 7
    # Labels are names, not ids.
    assert all(not str(label).isdigit() for label in sources)
    assert "timed out" not in client.get("/claims/claims").text


def test_claims_detail_has_the_default_facets(client):
    data = client.json("/claims/claims_detail.json?_size=0")
    assert set(data["facet_results"]) == {
        "source_name", "source_type", "kind", "stance", "act", "outlet", "published"
    }
    assert facet(data, "act")["asserts"]["count"] >= 7
    assert facet(data, "source_name")[OSDH]["count"] == 7
    assert facet(data, "source_type")["ngo"]["count"] >= 7


def test_filtering_by_the_observatory_returns_its_seven_claims(client):
    data = client.json("/claims/claims.json?_size=0")
    toggle = urlsplit(facet(data, "source")[OSDH]["toggle_url"])
    args = [(k, v) for k, v in parse_qsl(toggle.query) if k != "_size"]
    rows = client.json(f"{toggle.path}?{urlencode(args)}&_shape=array")
    assert len(rows) == 7
    source_id = {row["source"] for row in rows}
    assert len(source_id) == 1
    detail = client.json(f"/claims/claims_detail.json?source_name={quote_plus(OSDH)}&_shape=array")
    assert {row["id"] for row in detail} == {row["id"] for row in rows}


def test_claims_page_shows_source_names_not_ids(client):
    html = client.get("/claims/claims").text
    assert OSDH in html
    assert re.search(r'<a href="/claims/sources/\d+">Syrian Observatory for Human Rights</a>', html)


def test_claim_page_labels_its_foreign_keys(client):
    rows = client.json(f"/claims/claims_detail.json?source_name={quote_plus(OSDH)}&_shape=array")
    html = client.get(f"/claims/claims/{rows[0]['id']}").text
    assert re.search(r'<a href="/claims/sources/\d+">Syrian Observatory for Human Rights</a>', html)


def test_search_finds_citadel(client):
    for table in ("claims", "claims_detail"):
        rows = client.json(f"/claims/{table}.json?_search=citadel&_shape=array")
        assert rows and all("citadel" in row["content"].lower() for row in rows), table


def test_claims_detail_is_sorted_newest_first(client):
    data = client.json("/claims/claims_detail.json?_size=0")
    assert "sorted by published descending" in data["human_description_en"]
    rows = client.json("/claims/claims_detail.json?_shape=array&_size=max")
    dates = [row["published"] or "" for row in rows]
    assert dates == sorted(dates, reverse=True)


# -- canned queries ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_query_answers(client, name):
    params = "&".join(f"{key}={quote_plus(value)}" for key, value in CANNED[name].items())
    client.get(f"/claims/{name}?{params}")
    data = client.json(f"/claims/{name}.json?{params}&_shape=objects")
    assert "rows" in data


def test_claims_by_source_includes_its_people(client):
    rows = client.json("/claims/claims_by_source.json?source=OSDH&_shape=array")
    names = {row["source_name"] for row in rows}
    assert OSDH in names and "Rami Abdel Rahmane" in names
    assert sum(row["source_name"] == OSDH for row in rows) == 7


def test_is_this_corroborated_reports_the_group_columns(client):
    rows = client.json("/claims/is_this_corroborated.json?q=air+raids+Aleppo&_shape=array")
    assert {"group_label", "verdict", "n_origins", "origins"} <= set(rows[0])
    # OSDH's raids and the Russian army's strikes: two independent origins
    assert (rows[0]["verdict"], rows[0]["n_origins"]) == ("corroborated", 2)
    assert "Syrian Observatory for Human Rights" in rows[0]["sources"]
    # Punctuation typed by a person is not FTS syntax.
    client.json('/claims/is_this_corroborated.json?q=%22air+raids%28+OR&_shape=array')


def test_source_profile_summarises_the_observatory(client):
    (row,) = client.json("/claims/source_profile.json?source=SOHR&_shape=array")
    assert row["name"] == OSDH
    assert row["n_claims"] == 7
    assert "Rami Abdel Rahmane" in row["members"]
    assert row["n_claims_with_members"] > 7
    assert "OSDH" in row["aliases"]


def test_find_source_searches_names_and_aliases_most_claims_first(client):
    rows = client.json("/claims/find_source.json?q=OSDH&_shape=array")
    assert [row["name"] for row in rows] == [OSDH]  # found by its alias
    rows = client.json("/claims/find_source.json?q=&_shape=array")
    assert rows[0]["name"] == OSDH and rows[0]["claims"] == 7
    assert [row["claims"] for row in rows] == sorted((row["claims"] for row in rows), reverse=True)
    html = client.get("/claims/find_source?q=Observatory").text
    assert re.search(rf'<a href="/claims/sources/\d+">{OSDH}</a>', html)
    assert 'action="/claims/find_source"' in client.get("/").text


def test_relayed_through_finds_relayed_claims(client):
    rows = client.json("/claims/relayed_through.json?relay=Russian+agencies&_shape=array")
    assert all(row["relayed_by_name"] == "Russian agencies" for row in rows)


# -- the plugin's rendering ---------------------------------------------------------


def test_claim_sentence_is_highlighted(client):
    rows = client.json("/claims/claims_detail.json?_search=citadel&_shape=array")
    html = client.get(f"/claims/claims/{rows[0]['id']}").text
    cell = re.search(r'<div class="ct-sentence">(.*?)</div>', html, re.S).group(1)
    assert '<mark class="ct-source"' in cell
    assert '<mark class="ct-cue"' in cell
    assert re.search(r'<mark class="ct-content"[^>]*>[^<]*citadel', cell)
    # The highlighted text is the sentence, unchanged.
    text = re.sub(r"<span class=\"ct-legend\">.*", "", cell)
    assert markupsafe.Markup(re.sub(r"<[^>]+>", "", text)).unescape() == rows[0]["sentence"]
    assert '/-/claimtrack.css' in html
    css = client.get("/-/claimtrack.css")
    assert "ct-source" in css.text


def test_figures_are_readable(client):
    html = client.get("/claims/claims_detail?_search=311").text
    assert "at least 311 dead" in html
    assert "[311, ∞)" in html


def test_claims_detail_ids_link_to_claims(client):
    html = client.get("/claims/claims_detail").text
    assert re.search(r'<td class="col-id[^"]*"><a href="/claims/claims/\d+">\d+</a></td>', html)


def test_missing_page_is_a_404_not_a_500(client):
    client.get("/claims/claims/999999", status=404)
    client.get("/claims/no-such-table", status=404)


def test_describe_figure():
    assert describe_figure(
        {"text": "at least 311", "low": 311, "high": None, "low_inclusive": True, "approx": False, "counted": "dead"}
    ) == ("at least 311 dead", "[311, ∞)")
    assert describe_figure({"text": "more than 300", "low": 300, "high": None, "low_inclusive": False}) == (
        "more than 300", "(300, ∞)"
    )
    assert describe_figure({"text": "around 70", "low": 70, "high": 70, "approx": True}) == ("around 70", "≈ 70")
    assert describe_figure({"text": "fewer than 50", "low": None, "high": 50, "high_inclusive": False}) == (
        "fewer than 50", "[0, 50)"
    )
    assert describe_figure(
        {"text": "tens of thousands", "low": 20000, "high": 99999, "counted": "civilian"}
    ) == ("tens of thousands civilian", "[20,000, 99,999]")


def test_fts_query_never_passes_syntax_through():
    assert fts_query("air raids Aleppo") == '"air" "raids" "Aleppo"'
    assert fts_query('"unbalanced ( OR NEAR') == '"unbalanced" "OR" "NEAR"'
    assert fts_query("") == '""'


def test_highlight_escapes_and_marks():
    html = highlight("a <b>said</b> x", 10, {"cue": [(12, 23)]})
    assert html == 'a <mark class="ct-cue" title="cue">&lt;b&gt;said&lt;/b&gt;</mark> x'


# -- markup in articles never reaches a page unescaped -----------------------------

MARKUP_ARTICLE = (
    "Fighting continued in the north of the country on Sunday.\n"
    '"Rebels <b>took</b> the airport <script>alert(1)</script> at dawn," '
    "the Syrian Observatory for Human Rights said.\n"
)


@pytest.fixture(scope="module")
def markup_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    article = folder / "markup.txt"
    article.write_text(MARKUP_ARTICLE, encoding="utf-8")
    # Named markup.db: the plugin must give it the "claims" settings too.
    db_path = folder / "markup.db"
    ingest_with_cli(
        db_path,
        str(article),
        "--jobs", "1",
        "--outlet", "<i>Evil</i> Times",
        "--title", "<script>alert(2)</script> Airport",
        "--published", "2024-12-01",
    )
    client = Client(db_path)
    yield client
    client.close()


def test_markup_in_an_article_is_always_escaped(markup_client):
    c = markup_client
    rows = c.json("/markup/claims_detail.json?_shape=array")
    assert any("<script>alert(1)</script>" in row["content"] for row in rows), rows
    claim = next(row for row in rows if "<script>" in row["content"])
    group = c.json(f"/markup/claims/{claim['id']}.json?_shape=array")[0]["claim_group"]
    urls = [
        "/",
        f"/markup/sources/{claim['source']}",
        f"/markup/claim_groups/{group}",
        "/markup",
        "/markup/claims",
        "/markup/claims_detail",
        f"/markup/claims/{claim['id']}",
        "/markup/claims_detail?_search=airport",
        "/markup/claims?_search=airport",
        "/markup/articles",
        f"/markup/articles/{claim['article']}",
        "/markup/sources",
        "/markup/source_profile?source=OSDH",
        "/markup/claims_by_source?source=OSDH",
        "/markup/is_this_corroborated?q=airport",
        "/markup/one_origin_many_outlets",
        "/markup/contested",
        "/-/search?q=airport",
    ]
    for page in urls:
        html = c.get(page).text
        for raw in ("<script>alert(1)", "<script>alert(2)", "<b>took", "<i>Evil"):
            assert raw not in html, (page, raw)
    detail = c.get("/markup/claims_detail").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "&lt;i&gt;Evil&lt;/i&gt; Times" in detail
    claim_page = c.get(f"/markup/claims/{claim['id']}").text
    assert re.search(r'<mark class="ct-content"[^>]*>[^<]*&lt;b&gt;took&lt;/b&gt;', claim_page)


def test_a_claimtrack_database_of_any_name_gets_the_settings(markup_client):
    data = markup_client.json("/markup/claims_detail.json?_size=0")
    assert "source_name" in data["facet_results"]
    markup_client.get("/markup/source_profile.json?source=OSDH")


# -- pages a reader works in ---------------------------------------------------------

SCENARIO = REPO / "fixtures" / "scenario"


@pytest.fixture(scope="module")
def scenario_client(tmp_path_factory):
    """The Tell Safra scenario (six articles, five outlets) through the real ingest."""
    db_path = tmp_path_factory.mktemp("scenario") / "claims.db"
    ingest_with_cli(db_path, str(SCENARIO), "--jobs", "1")
    client = Client(db_path)
    yield client
    client.close()


def group_of(client, words: str) -> int:
    (row,) = client.json(
        f"/claims/claims.json?_search={quote_plus(words)}&_shape=array&_col=claim_group&_size=1"
    )
    return row["claim_group"]


def visible_text(html: str) -> str:
    """What a reader sees: the page without its head, tags, scripts, styles and folded <details>."""
    html = re.sub(r"<(head|script|style|details)\b.*?</\1>", " ", html, flags=re.S)
    return markupsafe.Markup(re.sub(r"<[^>]+>", " ", html)).unescape()


def test_home_page_ranks_sources_by_claims(client):
    html = client.get("/").text
    ranked = re.search(r'<table class="ct-ranked">(.*?)</table>', html, re.S)
    assert ranked, html
    ranked = ranked.group(1)
    first = re.search(r'<td><a href="/claims/sources/(\d+)">([^<]+)</a></td>', ranked)
    assert first.group(2) == OSDH
    assert re.search(rf'<a href="/claims/claims_detail\?source={first.group(1)}" title="its claims">7</a>', ranked)
    # claim groups by verdict, and the raw tables one click away
    assert re.search(r'<a class="ct-badge ct-corroborated" href="/claims/claim_groups\?verdict=corroborated">', html)
    assert re.search(r'href="/claims/claim_groups/\d+"', html)
    for table in ("claims_detail", "claims", "sources", "articles", "claim_groups"):
        assert f'href="/claims/{table}"' in html, table


def test_claim_group_page_reads_as_a_page(scenario_client):
    c = scenario_client
    html = c.get(f"/claims/claim_groups/{group_of(c, 'killed 27 people')}").text
    assert '<span class="ct-badge ct-big ct-corroborated">corroborated</span>' in html
    text = visible_text(html)
    assert "asserted by 2 independent origins" in text
    origins = re.findall(r'<section class="ct-origin">\s*<h3>([^<]+)</h3>', html)
    assert set(origins) == {OSDH, "White Helmets"}
    # the Observatory's toll, updated the next day, in time order
    assert "27 people (10 Mar) → 31 (11 Mar)" in text
    # each claim with its date and highlighted sentence
    assert text.count("10 Mar") >= 4
    assert len(re.findall(r'<td class="ct-sentence-cell"><div class="ct-sentence">.*?<mark class="ct-content"', html)) == 5
    svg = re.search(r'<svg class="ct-diagram".*?</svg>', html, re.S).group(0)
    # each origin has its own "(no relay)" box: an outlet's lines lead back to the origins it carries
    assert len(re.findall(r'<g class="ct-node ct-node-relay"><title>\(no relay\)</title>', svg)) == 2
    assert '{"' not in text and "[{" not in text


def test_a_group_page_reads_the_stored_reason_and_judges_a_group_stored_without_one(scenario_client, tmp_path):
    group = group_of(scenario_client, "killed 27 people")
    conn = sqlite3.connect(tmp_path / "claims.db")
    with sqlite3.connect(scenario_client.ds.get_database("claims").path) as served:
        served.backup(conn)
    (stored,) = conn.execute("select why from claim_groups where id = ?", [group]).fetchone()
    assert stored.startswith("asserted by 2 independent origins")
    conn.execute("update claim_groups set why = 'the reason as stored' where id = ?", [group])
    assert pages.group_page(conn, group)["why"] == "the reason as stored"
    conn.execute("update claim_groups set why = null")  # grouped by a claimtrack that kept no reasons
    assert pages.group_page(conn, group)["why"] == stored


def test_claim_group_page_shows_one_origin_carried_by_three_outlets(scenario_client):
    c = scenario_client
    html = c.get(f"/claims/claim_groups/{group_of(c, 'Nine children')}").text
    assert '<span class="ct-badge ct-big ct-single_origin">single origin</span>' in html
    svg = re.search(r'<svg class="ct-diagram".*?</svg>', html, re.S).group(0)
    assert re.findall(r'<g class="ct-node ct-node-origin"><title>([^<]+)</title>', svg) == [OSDH]
    outlets = re.findall(r'<g class="ct-node ct-node-outlet"><title>([^<]+)</title>', svg)
    assert sorted(outlets) == ["AFP", "AP", "DPA"]
    # three articles, each joined to its outlet
    assert len(re.findall(r'ct-node-article', svg)) == 3
    assert len(re.findall(r"<path ", svg)) == 1 + 3 + 3  # origin → (no relay) → 3 outlets → 3 articles


def test_a_denial_relayed_by_state_media_shows_its_relay(scenario_client):
    c = scenario_client
    html = c.get(f"/claims/claim_groups/{group_of(c, 'Russian warplanes')}").text
    assert '<span class="ct-badge ct-big ct-contested">contested</span>' in html
    section = re.search(r'<h3>Russian government</h3>(.*?)</section>', html, re.S).group(1)
    assert "<dt>Relayed by</dt><dd>TASS</dd>" in section
    assert '<span class="ct-badge ct-contested">denies</span>' in section
    assert re.search(r'<title>TASS</title>', html)


def test_source_page_lists_its_claims_people_and_groups(client):
    (row,) = client.json(f"/claims/sources.json?name={quote_plus(OSDH)}&_shape=array")
    html = client.get(f"/claims/sources/{row['id']}").text
    assert re.search(rf'<h1 class="ct-title">{OSDH} <span class="ct-badge ct-type">ngo</span>', html)
    claims = re.search(r'<table class="ct-claims">(.*?)</table>', html, re.S).group(1)
    assert claims.count("<tr class=") == 7
    assert claims.count('<mark class="ct-cue"') >= 7
    assert re.search(r'<a href="/claims/sources/\d+">Rami Abdel Rahmane</a> \(\d+\)', html)
    assert "<h2>Claim groups it takes part in</h2>" in html
    assert f'href="/claims/claims_detail?source={row["id"]}"' in html
    assert "OSDH" in re.search(r"<dt>Also named</dt><dd>(.*?)</dd>", html).group(1)


def test_the_sources_table_is_searchable_ranked_by_claims_with_its_facets_folded(client):
    found = client.json("/claims/sources.json?_search=Observatory&_shape=array")
    assert [row["name"] for row in found] == [OSDH]
    html = client.get("/claims/sources").text
    assert '<input id="_search" type="search" name="_search"' in html
    assert re.search(r'<details class="ct-facets">\s*<summary>Facets: type', html)
    assert "sorted by n_claims descending" in html


def test_sources_link_to_their_pages(client):
    html = client.get("/claims/sources?_sort=name").text
    assert re.search(rf'<a href="/claims/sources/\d+" title="source profile">{OSDH}</a>', html)
    html = client.get("/claims/claims_detail").text
    assert re.search(rf'<td class="col-source_name[^"]*"><a href="/claims/sources/\d+">{OSDH}</a>', html)


def test_claims_view_shows_the_columns_a_reader_scans(client):
    html = client.get("/claims/claims_detail").text
    header = re.findall(r'<th [^>]*data-column="([^"]+)"', html)
    columns = client.json("/claims/claims_detail.json?_size=0")["columns"]
    assert header == datasette_plugin.readable_columns("claims_detail", columns)
    assert header[:3] == ["id", "source_name", "cue"] and "sentence" in header and "claim_group" in header
    assert re.search(r'<details class="ct-facets">\s*<summary>Facets: ', html)
    assert re.search(r'<a class="ct-badge ct-\w+" href="/claims/claim_groups/\d+"', html)
    everything = client.get("/claims/claims_detail?_ct_columns=all").text
    assert len(re.findall(r'<th [^>]*data-column="', everything)) > 15
    claims = client.get("/claims/claims").text
    header = re.findall(r'<th [^>]*data-column="([^"]+)"', claims)
    assert header == datasette_plugin.readable_columns("claims", client.json("/claims/claims.json?_size=0")["columns"])


def test_is_this_corroborated_shows_answers_not_sql_or_json(scenario_client):
    html = scenario_client.get("/claims/is_this_corroborated?q=Tell+Safra+killed").text
    text = visible_text(html)
    assert "claimtrack_fts_query" not in text
    assert '{"' not in text
    assert '<span class="ct-badge ct-corroborated">corroborated</span>' in html
    assert re.search(rf"<li><strong>{OSDH}</strong> <span class=\"ct-hint\">\d claims; ", html)
    assert re.search(r'<a href="/claims/claim_groups/\d+">\d+</a>', html)


def test_readable_columns_show_the_act_instead_of_the_stance():
    base = ["id", "source", "cue", "stance", "sentence", "claim_group", "figures", "outlet", "published", "spans"]
    assert datasette_plugin.readable_columns("claims", base) == [c for c in base if c != "spans"]
    assert "stance" not in datasette_plugin.readable_columns("claims", [*base, "act"])
    assert datasette_plugin.readable_columns("claims", [*base, "act"])[3] == "act"


def test_figure_timeline():
    def claim(published, *figures):
        return {"published": published, "figures": json.dumps(list(figures))}

    at_least_311 = {"text": "at least 311", "low": 311, "high": None, "counted": "dead"}
    claims = [
        claim("2024-11-29T10:00:00Z", at_least_311),
        claim("2024-11-30", at_least_311),  # repeated unchanged: shown once
        claim("2024-12-01", {"text": "nine-storey", "low": None, "high": None}),  # no interval: no figure
        claim("2024-12-02T08:00:00+00:00", {"text": "514", "low": 514, "high": 514, "counted": "dead"}),
    ]
    assert pages.figure_timeline(claims) == "at least 311 dead (29 Nov) → 514 (2 Dec)"
    assert pages.figure_timeline([claim(None, {"text": "around 70", "low": 70, "high": 70, "approx": True})]) == "around 70"
    assert pages.figure_timeline([claim("2024-12-01", )]) == ""


def test_provenance_diagram_of_a_widely_carried_claim_stays_readable():
    claims = [
        {"id": i, "source_name": "OSDH", "relayed_by_name": None, "outlet": f"Outlet {i % 30}",
         "article": f"a{i}", "published": "2024-11-30", "title": f"Story {i}"}
        for i in range(40)
    ]
    svg = pages.provenance_svg(claims, {i: OSDH for i in range(40)})
    assert svg.count("ct-node-origin") == 1
    assert svg.count("ct-node-outlet") == svg.count("ct-node-article") == pages.DIAGRAM_ROWS
    assert "and 5 more</text>" in svg and "and 15 more</text>" in svg
    # every line joins two boxes that are drawn
    assert svg.count("<path ") == 1 + 2 * pages.DIAGRAM_ROWS


def test_render_origins_is_a_list_not_json():
    origins = [{"name": "A <b>", "claims": 2, "asserts": 2, "denies": 0, "outlets": ["AFP", "AP"], "figures": ["27", "31"]}]
    html = render_origins(json.dumps(origins))
    assert html == '<ul class="ct-origins"><li><strong>A &lt;b&gt;</strong> <span class="ct-hint">2 claims; AFP, AP; 27 → 31</span></li></ul>'
    assert render_origins("not json") is None


def test_a_group_label_cut_inside_a_word_is_cut_after_one():
    claim = ("the offensive had been launched after the regime (Assad) massed forces on the front lines"
             " and began bombing civilian areas")
    stored = claim[:120]  # as corroborate stores a label
    assert stored.endswith("bombing civilian are")
    assert pages.group_label(stored, claim[120]) == claim[:claim.index(" areas")] + "…"
    assert pages.group_label(stored + "s", " ") == stored + "s…"  # cut after a whole word: kept
    assert pages.group_label(stored) == stored  # a claim as long as a label, whole


def test_the_home_page_marks_labels_cut_short(client):
    labels = re.findall(r'/claims/claim_groups/\d+">([^<]*)</a>', client.get("/").text)
    # "... fighting and bombings have left at least 311 dead, 183 from HTS ...": cut after "dead"
    assert "Since the start of the offensive by jihadists and rebels on Wednesday, fighting and bombings" \
           " have left at least 311 dead…" in labels
    assert "The Syrian air force also launched intensive raids on the Idlib region" in labels  # whole


def test_a_group_of_hundreds_of_origins_lists_the_first_and_counts_the_rest():
    origins = [{"name": f"Source {n}", "claims": 1, "outlets": [f"Outlet {k}" for k in range(30)],
                "figures": ["311", "311", "400", "450", "470", "480", "490", "514"]} for n in range(700)]
    html = render_origins(json.dumps(origins))
    assert html.count("<li><strong>") == 12 and html.endswith('<li class="ct-hint">and 688 more</li></ul>')
    assert "Outlet 9 and 20 more; 311 → 400 → … → 480 → 490 → 514" in html
    why = "denied by " + ", ".join(f"Source {n} (Outlet 1)" for n in range(700))
    clipped = pages.clip_reason(why)
    assert len(clipped) <= pages.REASON_CHARS + 3 and clipped.endswith("(Outlet 1), …")
    assert pages.clip_reason("asserted by 2 independent origins (A, B)") == "asserted by 2 independent origins (A, B)"


# -- the commands -----------------------------------------------------------------


def test_plain_datasette_with_the_metadata_file(seed_claims_db):
    result = subprocess.run(
        [
            sys.executable, "-m", "datasette", str(seed_claims_db),
            "-m", str(METADATA_FILE),
            "--get", "/claims/claims.json?_size=0",
        ],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert facet(data, "source")[OSDH]["count"] == 7


def test_serve_leaves_out_facets_and_sorts_on_columns_an_older_database_lacks(seed_claims_db, tmp_path):
    import sqlite3

    from claimtrack.serve import make_datasette

    older = tmp_path / "claims.db"
    conn = sqlite3.connect(older)
    source = sqlite3.connect(seed_claims_db)
    source.backup(conn)
    source.close()
    (view,) = conn.execute("select sql from sqlite_master where name = 'claims_detail'").fetchone()
    conn.execute("drop view claims_detail")
    conn.execute(re.sub(r"\s*claims\.act,", "", view))
    conn.execute("drop index if exists idx_claims_by_source_act")
    conn.execute("drop index if exists idx_claims_act")
    conn.execute("alter table claims drop column act")
    for trigger in ("sources_count_insert", "sources_count_delete", "sources_count_update"):
        conn.execute(f"drop trigger {trigger}")
    conn.execute("drop index idx_sources_n_claims")
    conn.execute("alter table sources drop column n_claims")
    conn.commit()
    conn.close()
    ds = make_datasette(older)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
        for table, facets in (("claims", {"kind", "outlet", "source", "stance"}), ("claims_detail", {"kind", "source_name"})):
            response = loop.run_until_complete(ds.client.get(f"/claims/{table}.json?_size=0"))
            assert response.status_code == 200, response.text[:500]
            assert facets <= set(response.json()["facet_results"]) and "act" not in response.json()["facet_results"]
        # sources are counted where they kept no count
        assert loop.run_until_complete(ds.client.get("/claims/sources")).status_code == 200
        home = loop.run_until_complete(ds.client.get("/")).text
        assert re.search(rf'<td><a href="/claims/sources/1">{OSDH}</a></td>.*?title="its claims">7</a>', home, re.S)
        assert "7 — " in visible_text(loop.run_until_complete(ds.client.get("/claims/sources/1")).text)
    finally:
        loop.close()


def test_sources_are_ranked_by_a_claim_count_that_stays_true_through_merge_undo_and_migration(seed_claims_db, tmp_path):
    from click.testing import CliRunner

    from claimtrack.cli import cli
    from claimtrack.store import open_db

    path = tmp_path / "claims.db"
    with sqlite3.connect(seed_claims_db) as seed, sqlite3.connect(path) as conn:
        seed.backup(conn)

    def counts() -> dict:
        with sqlite3.connect(path) as conn:
            stored = dict(conn.execute("select name, n_claims from sources"))
            counted = dict(conn.execute(
                "select name, (select count(*) from claims where source = sources.id) from sources"))
        assert stored == counted
        return stored

    client = Client(path)
    ranked = client.json("/claims/sources.json?_shape=array")
    client.close()
    assert ranked[0]["name"] == OSDH and ranked[0]["n_claims"] == 7
    assert [r["n_claims"] for r in ranked] == sorted((r["n_claims"] for r in ranked), reverse=True)
    before = counts()
    other = ranked[1]["name"]
    merged = CliRunner().invoke(cli, ["sources", str(path), "merge", other, OSDH, "--merge"])
    assert merged.exit_code == 0, merged.output
    assert counts()[OSDH] == 7 + before[other] and other not in counts()
    assert CliRunner().invoke(cli, ["sources", str(path), "undo"]).exit_code == 0
    assert counts() == before
    with sqlite3.connect(path) as conn:  # a database made before sources kept their count
        for trigger in ("sources_count_insert", "sources_count_delete", "sources_count_update"):
            conn.execute(f"drop trigger {trigger}")
        conn.execute("drop index idx_sources_n_claims")
        conn.execute("alter table sources drop column n_claims")
    open_db(str(path)).close()
    assert counts() == before


def test_the_plugin_works_when_a_script_imports_it_before_datasette(seed_claims_db):
    script = (
        "import asyncio, sys\n"
        "from claimtrack.datasette_plugin import pages\n"
        "from claimtrack.serve import make_datasette\n"
        "ds = make_datasette(sys.argv[1])\n"
        "print(asyncio.run(ds.client.get('/')).text)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(seed_claims_db)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert '<table class="ct-ranked">' in result.stdout


def test_serve_refuses_a_missing_database(tmp_path):
    from click.testing import CliRunner

    from claimtrack.cli import cli

    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "nope.db")])
    assert result.exit_code != 0
    assert "no such database" in result.output
    assert not (tmp_path / "nope.db").exists()


def test_serve_binds_loopback_by_default():
    from claimtrack.cli import cli

    options = {p.name: p for p in cli.commands["serve"].params}
    assert options["host"].default == "127.0.0.1"
    assert options["port"].default == 8001
    assert datasette_plugin.TEMPLATE_DATABASE == "claims"
