"""A real browser on `claimtrack serve`: facet by source, open a claim, see
the highlighted sentence; the home page, a claim group, a source and the
claims view as a reader sees them at 1400 x 1000. Headless Debian chromium
driven by Playwright.

Screenshots go to a temporary directory, or to $CLAIMTRACK_SCREENSHOTS
(`CLAIMTRACK_SCREENSHOTS=docs pytest tests/test_browser.py` refreshes the
README's pictures)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from .conftest import REPO, SEED_ARTICLE, ingest_with_cli

CHROMIUM = "/usr/bin/chromium"
OSDH = "Syrian Observatory for Human Rights"
WIDTH, HEIGHT = 1400, 1000

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db_path: Path):
    """`claimtrack serve DB` on a free port; yields its base URL."""
    port = free_port()
    command = [
        sys.executable, "-c", "from claimtrack.cli import cli; cli()",
        "serve", str(db_path), "--port", str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"claimtrack serve exited: {process.stdout.read()}")
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("claimtrack serve did not answer within 60 seconds")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        printed = process.stdout.read()
        assert f"at {base}/ " in printed  # it printed the home page's URL


@pytest.fixture(scope="module")
def server(seed_claims_db):
    with serving(seed_claims_db) as base:
        yield base


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """The Tell Safra scenario (five outlets) and the seed (AFP) in one database."""
    db_path = tmp_path_factory.mktemp("newsroom") / "claims.db"
    ingest_with_cli(db_path, str(REPO / "fixtures" / "scenario"), "--jobs", "1")
    ingest_with_cli(db_path, str(SEED_ARTICLE), "--jobs", "1", "--outlet", "AFP", "--published", "2024-11-29")
    with serving(db_path) as base:
        yield base


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("CLAIMTRACK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        yield page
        browser.close()


def test_facet_by_the_observatory_and_open_a_claim(server, page, tmp_path):
    page.goto(f"{server}/claims/claims_detail")
    assert "claims_detail" in page.title()

    page.locator("details.ct-facets summary").click()  # the facets are folded under one line
    facet = page.locator("#facet-source_name")
    link = facet.get_by_role("link", name=OSDH, exact=True)
    link.click()
    page.wait_for_load_state()
    assert "source_name=" in page.url

    # Only the Observatory's claims are left.
    names = page.locator("table.rows-and-columns tbody td.col-source_name").all_inner_texts()
    assert len(names) == 7
    assert {name.strip() for name in names} == {OSDH}
    assert "7 rows" in page.locator("h3").first.inner_text()

    page.screenshot(path=str(tmp_path / "claims-page.png"))

    # Open one claim: its page shows the sentence with source, cue and content marked.
    page.locator("table.rows-and-columns tbody td.col-id a").first.click()
    page.wait_for_load_state()
    assert "/claims/claims/" in page.url
    sentence = page.locator("td.col-sentence .ct-sentence")
    assert sentence.count() == 1
    for role in ("source", "cue", "content"):
        mark = sentence.locator(f"mark.ct-{role}")
        assert mark.count() >= 1, role
        assert mark.first.is_visible()
    background = sentence.locator("mark.ct-content").first.evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the plugin's CSS loaded
    assert page.locator("td.col-source a").first.inner_text() == OSDH
    page.screenshot(path=str(tmp_path / "claim.png"), full_page=True)
    assert (tmp_path / "claim.png").stat().st_size > 0


def on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] + box["height"] <= HEIGHT and box["x"] + box["width"] <= WIDTH


def assert_reads_without_json(page):
    text = page.inner_text("body")
    assert '{"' not in text and "[{" not in text
    # no horizontal scrolling at 1400 px
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_home_page_answers_who_said_what(newsroom, page, screenshots):
    page.goto(newsroom + "/")
    first = page.locator("table.ct-ranked tbody tr").first
    assert first.locator("td").first.inner_text() == OSDH
    assert on_first_screen(first)
    for verdict in ("corroborated", "contested", "single origin"):
        assert page.locator("h3 a.ct-badge", has_text=verdict).is_visible()
    assert_reads_without_json(page)
    page.screenshot(path=str(screenshots / "home-page.png"))
    first.locator("td a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1.ct-title").inner_text().startswith(OSDH)


def test_claim_group_page_reads_as_a_story(newsroom, page, screenshots):
    (row,) = get_json(f"{newsroom}/claims/claims.json?_search={quote_plus('killed 27 people')}&_shape=array")
    page.goto(f"{newsroom}/claims/claim_groups/{row['claim_group']}")
    badge = page.locator(".ct-verdict .ct-badge")
    assert badge.inner_text() == "corroborated" and on_first_screen(badge)
    assert "asserted by 2 independent origins" in page.locator(".ct-why").inner_text()
    assert set(page.locator("section.ct-origin h3").all_inner_texts()) == {OSDH, "White Helmets"}
    observatory = page.locator("section.ct-origin", has=page.locator("h3", has_text=OSDH))
    assert observatory.locator("dd.ct-timeline").inner_text() == "27 people (10 Mar) → 31 (11 Mar)"
    assert on_first_screen(page.locator("svg.ct-diagram"))
    assert on_first_screen(page.locator("section.ct-origin mark.ct-content").first)
    assert_reads_without_json(page)
    page.screenshot(path=str(screenshots / "claim-group-page.png"))


def test_source_page_lists_its_claims(newsroom, page, screenshots):
    (source,) = get_json(f"{newsroom}/claims/sources.json?name={quote_plus(OSDH)}&_shape=array")
    page.goto(f"{newsroom}/claims/sources/{source['id']}")
    assert page.locator("h1.ct-title").inner_text().startswith(OSDH)
    rows = page.locator("table.ct-claims tbody tr")
    assert rows.count() > 7  # the seed's seven and the scenario's
    assert on_first_screen(page.locator("table.ct-claims mark.ct-content").first)
    assert page.locator("ul.ct-groups li .ct-badge").count() > 0
    assert_reads_without_json(page)
    page.screenshot(path=str(screenshots / "source-page.png"))


def test_claims_view_fits_1400_pixels(newsroom, page, screenshots):
    page.goto(f"{newsroom}/claims/claims_detail")
    headers = page.locator("table.rows-and-columns thead th").all_inner_texts()
    # who, the cue, what was said and whether it is corroborated come first
    assert [h.strip() for h in headers[:6]] == ["id", "source_name", "cue", "act", "sentence", "claim_group"]
    assert on_first_screen(page.locator("td.col-sentence mark.ct-content").first)
    assert not page.locator("#facet-source_name").is_visible()  # facets folded
    assert_reads_without_json(page)
    # a clamped sentence opens on a click
    sentence = page.locator("td.col-sentence .ct-sentence").first
    sentence.click()
    assert "ct-open" in sentence.get_attribute("class")
    page.screenshot(path=str(screenshots / "claims-page.png"))
