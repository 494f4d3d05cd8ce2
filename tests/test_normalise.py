"""Outlets and publication dates stored one way, whatever the input wrote."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from claimtrack.normalise import iso_published, outlet_name

from .conftest import ingest_with_cli


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2025-03-10T14:00:00Z", "2025-03-10T14:00:00Z"),
        ("2025-03-10T14:00:00+00:00", "2025-03-10T14:00:00Z"),
        ("2025-03-10T16:00:00+02:00", "2025-03-10T14:00:00Z"),  # as UTC
        ("Mon, 10 Mar 2025 14:00:00 GMT", "2025-03-10T14:00:00Z"),
        ("2024-11-30", "2024-11-30"),
        ("2024-11-30 10:00", "2024-11-30"),  # a time of unknown zone: the date only
        ("30 November 2024", "2024-11-30"),
        ("Nov. 30, 2024", "2024-11-30"),
        ("  2024-11-30\n", "2024-11-30"),
        ("last Friday", "last Friday"),  # no date: kept as written
        ("", None),
        (None, None),
    ],
)
def test_iso_published(written, stored):
    assert iso_published(written) == stored


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("AP", "AP"),
        ("Associated Press", "AP"),
        (" Associated  Press ", "AP"),
        ("Agence France-Presse", "AFP"),
        ("BBC News", "BBC"),
        ("The Kyiv Independent", "The Kyiv Independent"),  # not in the registry: as written
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),  # no outlet in the registry
        ("", None),
        (None, None),
    ],
)
def test_outlet_name(written, stored):
    assert outlet_name(written) == stored


def test_ingest_stores_one_outlet_and_one_date_format(tmp_path):
    records = [
        {"id": "a", "outlet": "AP", "published": "2025-03-10T14:00:00Z",
         "text": "Rescuers searched the rubble overnight, the fire service said on Monday.\n"},
        {"id": "b", "outlet": "Associated Press", "published": "2025-03-10T16:30:00+02:00",
         "text": "The bridge was closed to traffic, police said on Monday.\n"},
        {"id": "c", "outlet": "Associated Press", "published": "10 March 2025",
         "text": "Two schools will stay shut until Friday, the mayor said.\n"},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db_path = tmp_path / "claims.db"
    ingest_with_cli(db_path, str(feed), "--jobs", "1")
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select id, outlet, outlet_as_written, published from articles order by id"))
    assert rows == [
        {"id": "a", "outlet": "AP", "outlet_as_written": "AP", "published": "2025-03-10T14:00:00Z"},
        {"id": "b", "outlet": "AP", "outlet_as_written": "Associated Press", "published": "2025-03-10T14:30:00Z"},
        {"id": "c", "outlet": "AP", "outlet_as_written": "Associated Press", "published": "2025-03-10"},
    ]
    # the claims' copies, which Datasette facets on, agree
    claims = list(db.query("select distinct outlet from claims"))
    assert claims == [{"outlet": "AP"}]
