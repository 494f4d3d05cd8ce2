"""One document in, attributions out: `Extractor` and its document pass
(extractor.py), the attribution patterns of each language, source
resolution and claim frames.

Grouping reads this package's data too (frames.py: event classes, places,
actor keys) and must not load spaCy for it: extractor.py, which does, is
imported when one of its names is first asked for."""

import importlib


def __getattr__(name: str):
    return getattr(importlib.import_module(".extractor", __name__), name)
