"""The registry of known sources, loaded from YAML data files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..datafiles import parse_yaml
from ..model import SOURCE_TYPES, SourceRef

# English and French articles ("UN" is no article)
_ARTICLE = re.compile(r"^(?:(?i:the|a|an|this|that)\s+|(?:[Ll]es?|[Ll]a|[Uu]ne?)\s+|[Ll]')")
_QUOTES = str.maketrans({c: '"' for c in "“”«»„‟″"})


@lru_cache(maxsize=100_000)
def normalize(text: str) -> str:
    """Key for alias lookup: case, quotes, spacing and leading article
    ignored; a place, its demonym and its possessive one word ("Russia's",
    "Russian", "russe": russia); spelling variants one spelling (defense:
    defence)."""
    text = " ".join(text.translate(_QUOTES).replace("’", "'").split())
    words = _ARTICLE.sub("", text).strip(" ,.;:").split(" ")
    if len(words) == 1:  # "Russian" alone is no Russia, "Moscou" no Moscow: a word is itself
        return _fold_spelling(words[0].casefold())
    return " ".join(_fold_word(word) for word in words)


def _fold_word(word: str) -> str:
    from ..extract.frames import gazetteer  # late: the extractor imports this module

    places = gazetteer()
    base = word.removesuffix("'s")
    lower = base.casefold()
    # any case ("ministère russe", "moscou" opening a sentence), but "us" is no US
    if base[:1].isupper() or len(lower) > 3:
        place = places.lookup(base)
        if place is not None:
            return place.casefold()
    return _fold_spelling(word.casefold())


def _fold_spelling(word: str) -> str:
    return _spellings().get(word, word)


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    return parse_yaml(resources.files(__package__).joinpath("spellings.yml").read_text("utf-8"))


@dataclass
class Entry:
    name: str
    type: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    origin: str = ""  # the file it was read from, for messages


class RegistryError(ValueError):
    pass


class Registry:
    """Canonical sources by alias and descriptor."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.name: e for e in entries}
        check_parents(self.entries)
        self._by_key: dict[str, str] = {}
        # Later entries win a shared key: user files come after the bundled one.
        for entry in entries:
            for surface in (entry.name, *entry.aliases, *entry.descriptors):
                self._by_key[normalize(surface)] = entry.name

    @classmethod
    def load(cls, extra_files=()) -> Registry:
        """The bundled registry, extended (and overridden) by user files.

        A user entry whose name is already known replaces that entry whole;
        parents must name a known source and may not loop."""
        bundled = resources.files(__package__).joinpath("registry.yml").read_text("utf-8")
        entries = parse_entries(bundled, "registry.yml")
        for path in extra_files:
            try:
                text = Path(path).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise RegistryError(f"{path}: cannot read registry file: {error}") from None
            entries += parse_entries(text, str(path))
        merged: dict[str, Entry] = {}
        for entry in entries:
            merged.pop(entry.name, None)  # re-insert so the override's keys win
            merged[entry.name] = entry
        return cls(list(merged.values()))

    def lookup(self, surface: str) -> SourceRef | None:
        """The canonical source a surface form names, with its parent chain."""
        name = self._by_key.get(normalize(surface))
        return self.ref(name) if name else None

    def ref(self, name: str) -> SourceRef:
        entry = self.entries[name]
        parent = self.ref(entry.parent) if entry.parent else None
        return SourceRef(entry.name, entry.type, parent, list(entry.aliases))


def parse_entries(text: str, origin: str) -> list[Entry]:
    """Entries of one registry file; RegistryError names the file and entry."""
    try:
        data = parse_yaml(text) or {}
    except yaml.YAMLError as error:
        raise RegistryError(f"{origin}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources") or [], list):
        raise RegistryError(f"{origin}: expected a mapping with a 'sources:' list")
    entries, keys = [], {}
    for number, item in enumerate(data.get("sources") or [], 1):
        if not isinstance(item, dict) or not item.get("name"):
            raise RegistryError(f"{origin}: source #{number} has no name")
        name = str(item["name"])
        kind = item.get("type", "other")
        if kind not in SOURCE_TYPES:
            raise RegistryError(
                f"{origin}: source {name!r} has unknown type {kind!r}"
                f" (one of: {', '.join(SOURCE_TYPES)})"
            )
        lists = {}
        for key in ("aliases", "descriptors"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RegistryError(f"{origin}: source {name!r}: {key} must be a list of strings")
            lists[key] = value
        entry = Entry(name, kind, item.get("parent"), lists["aliases"], lists["descriptors"], origin)
        # Within one file a key naming two sources is a mistake, not an override.
        for surface in (name, *entry.aliases, *entry.descriptors):
            other = keys.setdefault(normalize(surface), name)
            if other != name:
                raise RegistryError(f"{origin}: {surface!r} names both {other!r} and {name!r}")
        entries.append(entry)
    return entries


def check_parents(entries: dict[str, Entry]) -> None:
    for entry in entries.values():
        seen, current = [entry.name], entry
        while current.parent:
            if current.parent not in entries:
                raise RegistryError(
                    f"{current.origin}: source {current.name!r} has unknown parent {current.parent!r}"
                )
            if current.parent in seen:
                raise RegistryError(f"{entry.origin}: parents loop: {' > '.join([*seen, current.parent])}")
            seen.append(current.parent)
            current = entries[current.parent]


@lru_cache(maxsize=8)
def default_registry(extra_files: tuple[str, ...] = ()) -> Registry:
    return Registry.load(extra_files)
