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


def summary(claims) -> list[tuple]:
    return [(c.source.name if c.source else None, c.cue, c.kind, c.stance, c.content) for c in claims]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The army, which said it was responding to rocket fire, did not comment further.\n",
            [("army", "said", "indirect", "asserts", "it was responding to rocket fire")],
        ),
        ("No group has claimed responsibility for the attack.\n", []),
        ("Neither the army nor the militia responded to requests for comment.\n", []),
        # the first clause is the writer's, not what the army did not say
        ("The figures could not be verified, and the army did not immediately comment.\n", []),
        ("No casualties were reported. Several people were reported killed near the border.\n", []),
        (
            'The minister, speaking in parliament, warned of "severe consequences".\n',
            [("minister", "warned", "direct", "asserts", "severe consequences")],
        ),
        (
            # a side clause holds a claim of its own, not one relayed by the first speaker
            "At least 12 people were killed in the strikes, the health ministry said, as Hezbollah said it had fired rockets at a base.\n",
            [
                ("health ministry", "said", "indirect", "asserts", "At least 12 people were killed in the strikes"),
                ("Hezbollah", "said", "indirect", "asserts", "it had fired rockets at a base"),
            ],
        ),
        (
            "Kenya's police chief was quoted as saying that 12 officers had been wounded.\n",
            [("Kenya's police chief", "saying", "indirect", "asserts", "12 officers had been wounded")],
        ),
        (
            # the cited body speaks; the agency citing it carried the claim
            "Russian state news agency RIA, citing the defence ministry, said Russian forces had captured the village.\n",
            [("defence ministry", "said", "indirect", "asserts", "Russian forces had captured the village")],
        ),
        (
            # a denial of "this" denies the claim just reported
            "According to witnesses, police fired tear gas at the crowd. Police denied this.\n",
            [
                ("witnesses", "According to", "according_to", "asserts", "police fired tear gas at the crowd"),
                ("police", "denied", "indirect", "denies", "police fired tear gas at the crowd"),
            ],
        ),
    ],
)
def test_attribution_forms(extractor, text, expected):
    claims = extractor.extract(Article(text=text))
    assert summary(claims) == expected
    if "citing" in text:
        assert claims[0].relayed_by.name == "RIA Novosti"


def test_she_is_the_person_named_in_the_narration_before(extractor):
    text = (
        "Officials say the death toll is likely to rise.\n"
        "Amina Yusuf, 34, fled Aleppo with her three children last week.\n"
        "She said she had not seen her husband since March.\n"
    )
    claims = extractor.extract(Article(text=text))
    assert [(c.source.name, c.source.type) for c in claims] == [("officials", "person"), ("Amina Yusuf", "witness")]


def test_a_quoted_passage_split_into_sentences_is_one_continuation(extractor):
    text = '"We are running out of everything," said Dr Ahmed Saleh, the hospital director. "Fuel, medicine, food. Everything."\n'
    claims = extractor.extract(Article(text=text))
    assert summary(claims) == [
        ("Ahmed Saleh", "said", "direct", "asserts", "We are running out of everything"),
        ("Ahmed Saleh", None, "direct", "asserts", "Fuel, medicine, food. Everything."),
    ]
    assert claims[1].sentence == '"Fuel, medicine, food. Everything."'


def test_multi_paragraph_quote_with_blank_lines_between_paragraphs(extractor):
    text = (
        "Families return to ruined town\n\n"
        '"We have lost everything," said Ahmed Nasser, 40. "Our house, our shop.\n\n'
        '"Now we live in a tent."\n\n'
        "The town was shelled for weeks.\n"
    )
    assert summary(extractor.extract(Article(text=text))) == [
        ("Ahmed Nasser", "said", "direct", "asserts", "We have lost everything"),
        ("Ahmed Nasser", None, "direct", "asserts", "Our house, our shop."),
        ("Ahmed Nasser", None, "direct", "asserts", "Now we live in a tent."),
    ]
