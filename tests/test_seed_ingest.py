"""Acceptance 1 through the whole pipeline: `claimtrack ingest` on the seed
article stores exactly its 15 claims (tests/test_extraction.py checks each
claim's content against the expected file)."""

from __future__ import annotations

import json

import sqlite_utils

OSDH = "Syrian Observatory for Human Rights"


def test_seed_rows(seed_claims_db):
    db = sqlite_utils.Database(seed_claims_db)
    rows = [
        tuple(row.values())
        for row in db.query(
            "select source_name, source_type, source_parent, cue, kind, stance, act,"
            " relayed_by_name, addressee_name from claims_detail order by id"
        )
    ]
    assert rows == [
        (OSDH, "ngo", None, "said", "indirect", "asserts", "asserts", None, None),
        (OSDH, "ngo", None, "said", "direct", "asserts", "asserts", None, None),
        (OSDH, "ngo", None, "reported", "indirect", "asserts", "asserts", None, None),
        ("AFP correspondent", "journalist", "AFP", "saw", "perception", "asserts", "asserts", None, None),
        ("AFP correspondent", "journalist", "AFP", "saw", "perception", "asserts", "asserts", None, None),
        ("Sarmad", "witness", None, "described", "direct", "asserts", "asserts", None, None),
        ("Sarmad", "witness", None, None, "direct", "asserts", "asserts", None, None),
        ("Rami Abdel Rahmane", "person", OSDH, "According to", "mixed", "asserts", "asserts", None, None),
        ("Rami Abdel Rahmane", "person", OSDH, "told", "mixed", "asserts", "asserts", None, "AFP"),
        (OSDH, "ngo", None, "according to", "according_to", "asserts", "asserts", None, None),
        ("Mohammad al-Bashir", "person", "Syrian Salvation Government", "affirmed", "mixed", "asserts", "asserts", None, None),
        (OSDH, "ngo", None, "according to", "according_to", "asserts", "asserts", None, None),
        (OSDH, "ngo", None, "According to", "mixed", "asserts", "asserts", None, None),
        ("Russian army", "military", "Russian government", "announced", "mixed", "asserts", "asserts", "Russian agencies", None),
        (OSDH, "ngo", None, "said", "indirect", "asserts", "asserts", None, None),
    ]


def test_seed_offsets_and_figures(seed_claims_db):
    db = sqlite_utils.Database(seed_claims_db)
    (text,) = [row["text"] for row in db["articles"].rows]
    toll = next(db.query("select * from claims where content like '%at least 311 dead%'"))
    spans = json.loads(toll["spans"])
    assert [text[start:end] for start, end in spans["source"]] == ["a new report from OSDH"]
    assert [text[start:end] for start, end in spans["cue"]] == ["according", "to"]
    figures = json.loads(toll["figures"])
    assert figures[0] == {
        "text": "at least 311", "low": 311, "high": None, "low_inclusive": True,
        "high_inclusive": True, "approx": False, "counted": "dead", "label": "at least 311 dead",
    }
    assert [f["text"] for f in figures] == ["at least 311", "183", "100", "28"]


def test_seed_aliases_are_stored(seed_claims_db):
    db = sqlite_utils.Database(seed_claims_db)
    aliases = {
        row["alias"]
        for row in db.query(
            "select alias from source_aliases join sources on sources.id = source_aliases.source where sources.name = ?",
            [OSDH],
        )
    }
    assert "OSDH" in aliases
    # descriptors resolve in their article only; they are not names
    assert not aliases & {"NGO", "This NGO", "an NGO"}
