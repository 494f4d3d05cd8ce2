"""The pipelines nlp.load builds: what they change in spaCy's models, checked against the models themselves."""

from pathlib import Path

import pytest

from claimtrack import nlp as nlp_loader
from claimtrack.extract.extractor import _parse_text, paragraphs

FRENCH_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fr"


@pytest.fixture(scope="module")
def french():
    return nlp_loader.load(None, "fr")


def entities(docs, keep=lambda entity: True) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents if keep(e)] for doc in docs]


def names_a_name(entity) -> bool:
    """Holds a name word (the whole-text run also tags "La guerre" at a sentence start)."""
    return any(map(nlp_loader.is_name_word, entity))


def test_french_entities_near_names_are_those_of_the_whole_text_run(french):
    """Running the recogniser only near capitalised words finds exactly the
    names a run over every token finds, on every paragraph of the French fixtures."""
    texts = [path.read_text("utf-8") for path in sorted(FRENCH_FIXTURES.glob("*.txt"))]
    pieces = [_parse_text(text[p.start : p.end]) for text in texts for p in paragraphs(text)]
    assert len(pieces) > 50
    found = entities(french.pipe(pieces))
    french.disable_pipe("claimtrack_entities_near_names")
    french.enable_pipe("ner")
    try:
        expected = entities(french.pipe(pieces), keep=names_a_name)
    finally:
        french.disable_pipe("ner")
        french.enable_pipe("claimtrack_entities_near_names")
    assert found == expected
    assert sum(map(len, found)) > 100


def test_words_far_from_any_name_are_outside_entities(french):
    doc = french("Selon un témoin joint par téléphone, les combats ont repris dans la nuit autour de la ville de Goma.")
    assert [e.label_ for e in doc.ents] == ["GPE"] and doc.ents[0].text.endswith("Goma")
    assert all(t.ent_iob_ == "O" for t in doc[: doc.ents[0].start])
    assert "claimtrack_entities_near_names" in french.pipe_names and "ner" not in french.pipe_names
