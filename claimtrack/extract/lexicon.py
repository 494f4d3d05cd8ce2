"""The cue lexicon, loaded once from lexicon.yml (plus textacy's reporting verbs)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from importlib import resources

from ..datafiles import parse_yaml
from .textacy_data import reporting_verbs


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    perception_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    document_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    publishing_verbs: frozenset[str]
    document_verbs: frozenset[str]
    citing_verbs: frozenset[str]
    anaphoric_contents: frozenset[str]
    reporter_nouns: frozenset[str]
    witness_nouns: frozenset[str]
    title_nouns: frozenset[str]
    title_modifiers: frozenset[str]
    place_nouns: frozenset[str]
    type_nouns: tuple[tuple[str, str], ...]
    furniture_prefixes: tuple[str, ...]
    places: frozenset[str]
    # pronouns for the speaker of the claim before, a person or a body alike
    # (French "il", "elle"), and for many ("ils"); English has its own rules
    speaker_pronouns: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    # speech acts: cue lemma -> act, and (lemma, act) for a cue with an infinitive
    acts: tuple[tuple[str, str], ...] = ()
    infinitive_acts: tuple[tuple[str, str], ...] = ()
    clause_only_cues: frozenset[str] = frozenset()
    particle_cues: tuple[tuple[str, str], ...] = ()  # (lemma, particle)
    passive_cues: frozenset[str] = frozenset()
    anonymity_verbs: frozenset[str] = frozenset()
    negated_cues: frozenset[str] = frozenset()
    human_subject_cues: frozenset[str] = frozenset()
    quote_only_cues: frozenset[str] = frozenset()
    noun_acts: tuple[tuple[str, str], ...] = ()  # (noun lemma, act)
    relayed_verbs: frozenset[str] = frozenset()
    sourceless_passive_cues: frozenset[str] = frozenset()
    adverb_cues: frozenset[str] = frozenset()
    not_cues: frozenset[str] = frozenset()
    label_rubrics: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    inverted_cues: tuple[tuple[str, str], ...] = ()  # (form, lemma): 'Said Ellis:'
    poll_nouns: frozenset[str] = frozenset()  # "leads in the latest poll": the poll is the source
    headline_function_words: frozenset[str] = frozenset()  # lower-cased in a Title Case headline
    evidential_verbs: frozenset[str] = frozenset()  # "the donors appear to have ties": nobody named holds it
    figure_verbs: frozenset[str] = frozenset()  # "put the toll at 471": a figure stated
    figure_nouns: frozenset[str] = frozenset()
    object_deed_cues: frozenset[str] = frozenset()  # "added its voice to": a deed
    blame_verbs: frozenset[str] = frozenset()  # "held X responsible": blame laid
    blame_predicates: frozenset[str] = frozenset()

    # derived once per lexicon: these are asked for every token of every parsed sentence
    @cached_property
    def cue_verbs(self) -> frozenset[str]:
        return self.speech_verbs | self.perception_verbs | self.denial_verbs

    @cached_property
    def _act_table(self) -> dict[str, str]:
        return dict(self.acts)

    @cached_property
    def _infinitive_act_table(self) -> dict[str, str]:
        return dict(self.infinitive_acts)

    @cached_property
    def _noun_act_table(self) -> dict[str, str]:
        return dict(self.noun_acts)

    def act_of(self, lemma: str, infinitive: bool = False) -> str:
        """The speech act a cue performs; "asserts" unless the lexicon says otherwise."""
        if lemma in self.denial_verbs:
            return "denies"
        table = self._infinitive_act_table if infinitive else {}
        return table.get(lemma) or self._act_table.get(lemma, "asserts")

    def noun_act(self, lemma: str) -> str | None:
        """The act of a noun that names a claim ("accusation"), else None."""
        return self._noun_act_table.get(lemma)

    @cached_property
    def inverted_cue_lemmas(self) -> dict[str, str]:
        return dict(self.inverted_cues)

    def particles_of(self, lemma: str) -> frozenset[str]:
        return frozenset(p for key, p in self.particle_cues if key == lemma)

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        return self.reporter_nouns | self.witness_nouns | self.title_nouns

    def type_of(self, words: list[str]) -> str | None:
        """Source type named by a noun phrase's lower-cased words, if any."""
        phrase = " ".join(words)
        for key, kind in self.type_nouns:
            if f" {key} " in f" {phrase} ":
                return kind
        return None


@lru_cache(maxsize=None)
def load_lexicon(lang: str = "en") -> Lexicon:
    """The cue lexicon of one language: lexicon.yml (English), lexicon_LANG.yml."""
    folder = resources.files(__package__)
    data = parse_yaml(folder.joinpath("lexicon.yml" if lang == "en" else f"lexicon_{lang}.yml").read_text("utf-8"))
    places = parse_yaml(folder.joinpath("places.yml").read_text("utf-8"))["places"]
    acts = data.get("acts", {})
    # every word an act, a subject or a quote restricts is a cue too
    restricted = [lemma for lemmas in acts.values() for lemma in lemmas]
    restricted += data.get("human_subject_cues", []) + data.get("quote_only_cues", [])
    speech = (reporting_verbs(lang) - {"according"} - set(data["not_cues"])) | set(data["speech_verbs"]) | set(restricted)
    sets = {f.name: frozenset(data[f.name]) for f in fields(Lexicon) if f.type == "frozenset[str]" and f.name in data}
    sets["speech_verbs"] = frozenset(speech)
    sets["places"] = frozenset(p.casefold() for p in places + data.get("places", []))  # and the language's own names
    return Lexicon(
        **sets,
        type_nouns=tuple((key, kind) for key, kind in data["type_nouns"]),
        furniture_prefixes=tuple(data["furniture_prefixes"]),
        acts=tuple((lemma, act) for act, lemmas in acts.items() for lemma in lemmas),
        infinitive_acts=tuple(data.get("infinitive_acts", {}).items()),
        noun_acts=tuple((noun, act) for act, nouns in data.get("noun_acts", {}).items() for noun in nouns),
        particle_cues=tuple((lemma, p) for lemma, ps in data.get("particle_cues", {}).items() for p in ps),
        inverted_cues=tuple(data.get("inverted_cues", {}).items()),
    )
