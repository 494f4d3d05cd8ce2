"""The pipelines nlp.load builds: what they change in spaCy's models, checked against the models themselves."""

from pathlib import Path

import pytest

from claimtrack import nlp as nlp_loader
from claimtrack.extract.extractor import _parse_text, paragraphs

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_TEXTS = {"en": sorted((FIXTURES / "articles").glob("*.txt")), "fr": sorted((FIXTURES / "fr").glob("*.txt"))}


@pytest.fixture(scope="module", params=["en", "fr"])
def pipeline(request):
    return request.param, nlp_loader.load(None, request.param)


def entities(docs, keep=lambda entity: True) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents if keep(e)] for doc in docs]


def test_windowed_entities_are_those_of_the_whole_text_run(pipeline):
    """Running the recogniser only near the words an entity can hold finds
    exactly the entities holding one that a run over every token finds, on
    every paragraph of the fixtures (the whole-text run also tags a few
    that hold none: "La guerre" opening a sentence)."""
    lang, nlp = pipeline
    paths = FIXTURE_TEXTS[lang]
    texts = [path.read_text("utf-8") for path in paths]
    pieces = [_parse_text(text[p.start : p.end]) for text in texts for p in paragraphs(text)]
    assert len(paths) >= 8 and len(pieces) > 50
    found = entities(nlp.pipe(pieces))
    nlp.disable_pipe("claimtrack_windowed_entities")
    nlp.enable_pipe("ner")
    try:
        anchored = nlp_loader.EntityAnchors(**nlp_loader.entity_words()[lang])
        expected = entities(nlp.pipe(pieces), keep=lambda entity: any(map(anchored, entity)))
    finally:
        nlp.disable_pipe("ner")
        nlp.enable_pipe("claimtrack_windowed_entities")
    assert found == expected
    assert sum(map(len, found)) > 100


@pytest.mark.parametrize(
    "lang, text, far, entity",
    [
        ("fr", "Selon un témoin joint par téléphone, les combats ont repris dans la nuit autour de la ville de Goma.", "combats", "Goma"),
        ("en", "A witness reached by phone said the fighting had resumed overnight around the town of Goma.", "fighting", "Goma"),
    ],
)
def test_words_far_from_any_entity_word_are_outside_entities(lang, text, far, entity):
    nlp = nlp_loader.load(None, lang)
    doc = nlp(text)
    assert next(t for t in doc if t.text == far).ent_iob_ == "O"
    assert any(e.text.endswith(entity) for e in doc.ents)
    assert "claimtrack_windowed_entities" in nlp.pipe_names and "ner" not in nlp.pipe_names


def test_english_dates_and_amounts_are_anchored_by_their_words():
    nlp = nlp_loader.load(None, "en")
    doc = nlp("The convoy was hit last week, and thousands of people fled the area tonight.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("last week", "DATE"), ("thousands", "CARDINAL"), ("tonight", "TIME")}
    # a stop word in capitals opening a sentence is a name ("us" is a stop word)
    assert [(e.text, e.label_) for e in nlp("US intelligence agencies said the convoy had been hit.").ents] == [("US", "GPE")]


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("L'état-major et la Croix-Rouge à El-Fasher", ["L'", "état-major", "et", "la", "Croix-Rouge", "à", "El-Fasher"]),
        ("« Non », a-t-il dit, « venez », dit-elle", ["«", "Non", "»", ",", "a", "-t", "-il", "dit", ",", "«", "venez", "»", ",", "dit", "-elle"]),
        ("dites-le à L'Orient-Le Jour", ["dites", "-", "le", "à", "L'", "Orient-Le", "Jour"]),
        ("De Rostov-sur-le-Don, va-t-en", ["De", "Rostov-sur-le-Don", ",", "va", "-t", "-en"]),  # clitics only at the end
    ],
)
def test_french_hyphenated_words_are_whole_but_clitics_are_not(text, tokens):
    assert [t.text for t in nlp_loader.load(None, "fr").tokenizer(text)] == tokens


def test_a_hyphenated_speaker_speaks():
    from claimtrack.extract import Extractor
    from claimtrack.model import Article

    (claim,) = Extractor().extract(Article(text="L'état-major ukrainien a affirmé jeudi que douze drones avaient été abattus.", lang="fr"))
    assert (claim.source_text, claim.cue, claim.content) == ("L'état-major ukrainien", "affirmé", "douze drones avaient été abattus")


def test_only_a_recogniser_with_its_own_encoder_runs_windowed():
    """A recogniser that reads a shared encoder (a listener, as in transformer
    models) needs that encoder run over the whole doc: it is left as it is."""
    import spacy

    own = spacy.blank("en")
    own.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                                          "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "width": 96, "depth": 3,
                                                      "embed_size": 2000, "window_size": 1, "maxout_pieces": 3,
                                                      "subword_features": True, "pretrained_vectors": None}}})
    listening = spacy.blank("en")
    listening.add_pipe("tok2vec")
    listening.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                                                "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}}})
    assert nlp_loader._recogniser_reach(own) == 3
    assert nlp_loader._recogniser_reach(listening) is None
    assert nlp_loader._recogniser_reach(spacy.blank("en")) is None
    assert nlp_loader.load(None, "fr").get_pipe("claimtrack_windowed_entities").window == 5  # its encoder sees 4 each side


def test_no_french_sentence_starts_at_a_closing_quote_mark():
    from claimtrack.extract import Extractor
    from claimtrack.model import Article

    text = ("Ahmed Saleh, un habitant du quartier, a perdu sa maison. « Qui va reconstruire nos maisons ? "
            "Pourquoi personne ne nous aide ? », s'est-il interrogé devant les ruines.")
    doc = nlp_loader.load(None, "fr")(text)
    assert not any(sent[0].text == "»" for sent in doc.sents)
    (claim,) = Extractor().extract(Article(text=text, lang="fr"))
    assert (claim.source.name, claim.cue, claim.act) == ("Ahmed Saleh", "interrogé", "asks")
    assert claim.content == "Qui va reconstruire nos maisons ? Pourquoi personne ne nous aide ?"
