"""textacy's data, without textacy's start-up cost.

`import textacy` loads most of the package (about 0.8 s, paid again by every
ingest worker). What extraction uses from it is plain data in two modules
that import nothing of textacy, so they are loaded from the installed
package on their own."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def _module(relative_path: str):
    package = importlib.util.find_spec("textacy")  # finds, does not import
    path = Path(package.submodule_search_locations[0]) / relative_path
    spec = importlib.util.spec_from_file_location(f"claimtrack._textacy_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reporting_verbs(lang: str = "en") -> set[str]:
    """textacy's reporting verbs (textacy.constants.REPORTING_VERBS)."""
    return set(_module("constants.py").REPORTING_VERBS[lang])


def normalize_quotation_marks(text: str) -> str:
    """textacy.preprocessing.normalize.quotation_marks: fancy quotes to ASCII."""
    return text.translate(_module("preprocessing/resources.py").QUOTE_TRANSLATION_TABLE)
