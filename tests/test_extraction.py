"""Extraction on real spaCy parses of the fixture articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrack.extract import Extractor
from claimtrack.model import Article

from .expected_claims import differences, load_expected

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPECTED = sorted(FIXTURES.glob("seed/*.expected.yml")) + sorted(FIXTURES.glob("articles/*.expected.yml"))


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def article_for(expected_path: Path) -> Article:
    stem = expected_path.name.removesuffix(".expected.yml")
    for suffix in (".txt", ".json"):
        path = expected_path.with_name(stem + suffix)
        if path.exists():
            break
    if path.suffix == ".json":
        record = json.loads(path.read_text("utf-8"))
        return Article(text=record["text"], title=record.get("title"))
    return Article(text=path.read_text("utf-8"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.yml"))
def test_fixture_claims(extractor, expected_path):
    claims = extractor.extract(article_for(expected_path))
    assert differences(load_expected(expected_path), claims) == []


def test_there_are_enough_fixture_articles():
    assert len(EXPECTED) >= 13


def test_spans_point_into_the_article_text(extractor):
    text = (FIXTURES / "seed" / "aleppo-afp.txt").read_text("utf-8")
    for claim in extractor.extract(Article(text=text)):
        pieces = [text[start:end] for start, end in claim.spans["content"]]
        assert " ".join(pieces) == claim.content
        if claim.source_text:
            start, end = claim.spans["source"][0][0], claim.spans["source"][-1][1]
            assert text[start:end] == claim.source_text
        for start, end in claim.spans["cue"]:
            assert text[start:end].lower() in (claim.cue or "").lower()
        assert claim.sentence in text


def test_narration_and_agentless_passive_yield_nothing(extractor):
    text = (
        "A ceasefire was announced on Tuesday after weeks of shelling.\n"
        "Shops reopened in the old market and buses ran again between the two towns.\n"
    )
    assert extractor.extract(Article(text=text)) == []


def test_cue_inside_a_quote_is_not_a_new_source(extractor):
    text = '"They told us to leave before dawn," said Amal Haddad, a teacher in the town.\n'
    claims = extractor.extract(Article(text=text))
    assert [(c.source.name, c.kind, c.cue) for c in claims] == [("Amal Haddad", "direct", "said")]
    assert claims[0].source.type == "witness"


def test_denial_sets_the_stance(extractor):
    text = "The defence ministry denied that its jets had struck the hospital in Kherson.\n"
    (claim,) = extractor.extract(Article(text=text))
    assert claim.stance == "denies"
    assert claim.content == "its jets had struck the hospital in Kherson"
