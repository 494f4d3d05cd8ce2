"""The language of an article: the record's `lang`, else `--lang`, else
detected from its text, offline, with py3langid (its model ships inside the
package), among the languages claimtrack has a pipeline for."""

from __future__ import annotations

from functools import lru_cache

from .nlp import DEFAULT_MODELS

SAMPLE_CHARS = 5000  # the start of an article tells its language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(DEFAULT_MODELS))
    return identifier


def detect_language(text: str) -> str:
    """"en" or "fr" (whichever of the supported languages fits best)."""
    language, _score = _identifier().classify(text[:SAMPLE_CHARS])
    return language
