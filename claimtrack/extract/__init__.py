"""One document in, attributions out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Article, Attribution


class Extractor:
    """Loads the model once; turns articles into attributions. (stub: being written)"""

    def __init__(self, model: str | None = None, registry_files: Iterable[str] = ()):
        from .. import nlp as nlp_loader

        self.nlp = nlp_loader.load(model)
        self.registry_files = tuple(registry_files)

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Attribution]]]:
        for article in articles:
            yield article, []
