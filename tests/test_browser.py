"""A real browser on `claimtrack serve`: facet by source, open a claim, see
the highlighted sentence. Headless Debian chromium driven by Playwright."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
OSDH = "Syrian Observatory for Human Rights"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_claims_db):
    port = free_port()
    command = [
        sys.executable, "-c", "from claimtrack.cli import cli; cli()",
        "serve", str(seed_claims_db), "--port", str(port),
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
        assert f"{base}/claims" in printed  # it printed its URL


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield page
        browser.close()


def test_facet_by_the_observatory_and_open_a_claim(server, page, tmp_path):
    page.goto(f"{server}/claims/claims_detail")
    assert "claims_detail" in page.title()

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
