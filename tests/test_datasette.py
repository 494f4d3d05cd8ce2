"""Browsing claims through Datasette: metadata, facets, search, canned
queries and claimtrack's plugin, on databases built by the real ingest."""

from __future__ import annotations

import asyncio
import json
import re
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
from claimtrack.datasette_plugin import describe_figure, fts_query, highlight

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
        "source_name", "source_type", "kind", "stance", "outlet", "published"
    ]
    assert tables["claims"]["facets"] == ["source", "source_type", "kind", "stance", "outlet", "published"]
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
    assert set(data["facet_results"]) == {"source", "source_type", "kind", "stance", "outlet", "published"}
    assert facet(data, "source_type")["ngo"]["count"] == 7
    sources = facet(data, "source")
    assert sources[OSDH]["count"] == 7
    # Labels are names, not ids.
    assert all(not str(label).isdigit() for label in sources)
    assert "timed out" not in client.get("/claims/claims").text


def test_claims_detail_has_the_default_facets(client):
    data = client.json("/claims/claims_detail.json?_size=0")
    assert set(data["facet_results"]) == {
        "source_name", "source_type", "kind", "stance", "outlet", "published"
    }
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
    pages = [
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
    for page in pages:
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
