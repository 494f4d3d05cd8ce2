"""Claims of stories in different countries never share a group, however
alike their words: each claim's frame stores the countries its article's
story happens in (title, dateline and the places of its claims)."""

from __future__ import annotations

import json

import sqlite_utils

from claimtrack.extract.story import story_countries
from claimtrack.model import Article, Attribution

from .conftest import ingest_with_cli

ARTICLES = [
    {
        "id": "haiti-raid", "outlet": "AP", "published": "2025-03-03T10:00:00Z",
        "title": "Gang raid on market town leaves 15 dead",
        "text": "MIREBALAIS, Haiti (AP) - Gunmen stormed the market on Monday and set fire to dozens of stalls, witnesses said.\n"
                "At least 15 people were killed in the raid, a police spokesman said.",
    },
    {
        "id": "myanmar-strike", "outlet": "Reuters", "published": "2025-03-03T12:00:00Z",
        "title": "Air strike on monastery leaves 15 dead",
        "text": "YANGON, Myanmar (Reuters) - Military jets bombed a monastery where villagers had taken shelter on Monday, residents said.\n"
                "At least 15 people were killed in the strike, a local rescue worker said.",
    },
    {
        "id": "haiti-toll", "outlet": "AFP", "published": "2025-03-04T09:00:00Z",
        "title": "Toll from gang raid on market rises to 18",
        "text": "PORT-AU-PRINCE, Haiti (AFP) - The number of people killed in Monday's gang raid on the market has risen to 18, police said on Tuesday.",
    },
]


def test_tolls_of_two_countries_stay_apart_and_one_countrys_toll_is_updated(tmp_path):
    for article in ARTICLES:
        record = {**article, "url": f"https://example.org/{article['id']}", "lang": "en"}
        (tmp_path / f"{article['id']}.json").write_text(json.dumps(record), "utf-8")
    ingest_with_cli(tmp_path / "claims.db", *sorted(str(p) for p in tmp_path.glob("*.json")), "--jobs", "1")
    db = sqlite_utils.Database(tmp_path / "claims.db")
    tolls = {row["article"]: (row["claim_group"], json.loads(row["frame"])["scope"]) for row in db.query(
        "select article, claim_group, frame from claims where content like '%killed%'")}
    assert tolls["haiti-raid"][1] == tolls["haiti-toll"][1] == ["Haiti"]
    assert tolls["myanmar-strike"][1] == ["Myanmar"]
    assert tolls["haiti-raid"][0] == tolls["haiti-toll"][0]  # 15, then 18: one toll updated
    assert tolls["myanmar-strike"][0] != tolls["haiti-raid"][0]


def frame_claim(*places: str) -> Attribution:
    return Attribution(source=None, source_text="", cue="said", kind="indirect", stance="asserts",
                       content="", sentence="", spans={}, frame={"places": list(places)})


def test_a_story_spanning_a_border_keeps_both_countries_and_drops_a_passing_mention():
    claims = [frame_claim("Kherson"), frame_claim("Nova Kakhovka"), frame_claim("Kherson", "Moscow"),
              frame_claim("Oleshky"), frame_claim("Gaza City")]
    article = Article(text="KYIV, Ukraine (AP) - The dam burst.", title="Flood waters rise on both banks of the Dnipro")
    assert story_countries(claims, article) == ["Ukraine"]
    both = Article(text="The strike hit the border.", title="Strike on Gaza as Israel mobilises")
    assert story_countries([frame_claim("Gaza Strip")], both) == ["Israel", "Palestinian territories"]
