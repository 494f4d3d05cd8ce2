"""What extraction needs for one language: its spaCy model, cue lexicon and
patterns. Each is loaded once, and only when a run holds an article in it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..sources.registry import Registry
from . import patterns, patterns_fr
from .lexicon import Lexicon, load_lexicon


@dataclass
class LanguagePipeline:
    lang: str
    nlp: object
    lexicon: Lexicon
    registry: Registry
    find: Callable  # (sentence, lexicon, quoted token ids) -> [Found]
    candidate: re.Pattern  # a cheap superset test for any inflection of a cue word
    pronoun_speaker: re.Pattern  # "he said": its speaker was named in the paragraph before


# forms of cue verbs that no regular ending makes ("a report found", "he thought")
IRREGULAR_FORMS = (
    "said|says|told|tells|saw|seen|heard|wrote|written|denied|denies|according|per|found|sought|spoke|spoken"
    "|thought|knew|felt|understood|laid|swore|sworn|forgot|forgotten|foresaw|foreseen"
)
PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:\w+\s+)?(?:said|says|told|added|explained)\b", re.I)
# "il a déclaré", "a-t-elle ajouté", "selon lui"
FRENCH_PRONOUN_SPEAKER = re.compile(r"\b(?:(?:il|elle|ils|elles)\s+(?:a|ont|avait|avaient)\b|-t-(?:il|elle)\b|selon\s+(?:lui|elle|eux))", re.I)


# what regular English inflection adds to a stem: "add-s", "announc-ed", "den-ies",
# "admit-t-ed" (one letter for a doubled consonant or the lemma's own final e/y)
ENGLISH_ENDINGS = r"[a-z]?(?:s|es|d|ed|ing|ies|ied|n|en)?"


def english_candidate(lexicon: Lexicon) -> re.Pattern:
    """A cheap superset test: any whole inflected form of a cue word (a stem
    alone would also match every word it starts: "ad" in "administration")."""
    cues = (
        lexicon.cue_verbs
        | lexicon.document_nouns
        | lexicon.adverb_cues
        | lexicon.clause_only_cues
        | lexicon.passive_cues
        | lexicon.sourceless_passive_cues
        | lexicon.human_subject_cues
        | lexicon.quote_only_cues
        | lexicon.negated_cues
        | {lemma for lemma, _ in lexicon.acts + lexicon.noun_acts + lexicon.particle_cues}
    )
    words = {w for phrase in cues for w in phrase.split()}
    stems = {w[:-1] if w.endswith(("e", "y")) and len(w) > 3 else w for w in words}
    return re.compile(
        r"\b(?:%s|(?:%s)%s)\b" % (IRREGULAR_FORMS, "|".join(sorted(map(re.escape, stems))), ENGLISH_ENDINGS), re.I
    )


# what regular French inflection adds to a stem: "déclar-é", "affirm-aient", "appel-le",
# "rejet-te", "exig-eant", "communiqué-s" (irregular forms are listed in lexicon_fr.yml)
FRENCH_ENDINGS = (
    r"(?:e|es|ent|er|ez|ons|ions|iez|é|ée|és|ées|ai|a|as|ait|ais|aient|ant|eant|èrent|era|erons|eront|erait|eraient"
    r"|i|ie|is|it|ir|issant|issent|issait|issaient|u|ue|us|re|s|le|les|lent|te|tes|tent)?"
)


def french_candidate(lexicon: Lexicon) -> re.Pattern:
    """A cheap superset test: any whole inflected form of a French cue lemma ("déclar" +
    "é") and the irregular forms lexicon_fr.yml lists (a stem alone would also match every
    word it starts: "dis" in "disparus")."""
    stems = {re.sub(r"(?:er|ir|re)$", "", w) if len(w) > 4 else w for w in lexicon.cue_verbs | lexicon.document_nouns}
    irregular = sorted(map(re.escape, patterns_fr.french_cues().irregular_forms))
    return re.compile(
        r"\b(?:%s|(?:%s)%s)\b" % ("|".join(irregular), "|".join(sorted(map(re.escape, stems))), FRENCH_ENDINGS), re.I
    )


# per language: its patterns, the cheap test for its cue words, its pronoun speakers
GRAMMARS = {
    "en": (patterns.find_in_sentence, english_candidate, PRONOUN_SPEAKER),
    "fr": (patterns_fr.find_in_sentence, french_candidate, FRENCH_PRONOUN_SPEAKER),
}


def load_pipeline(lang: str, models, registry: Registry) -> LanguagePipeline:
    """`lang` as an article carries it ("fr", "fr-FR", "EN")."""
    from .. import nlp as nlp_loader

    code = (lang or "en").lower()[:2]
    if code not in GRAMMARS:
        raise ValueError(f"no pipeline for language {lang!r} (claimtrack extracts {', '.join(GRAMMARS)})")
    find, candidate, pronoun = GRAMMARS[code]
    lexicon = load_lexicon(code)
    return LanguagePipeline(code, nlp_loader.load(models, code), lexicon, registry, find, candidate(lexicon), pronoun)
