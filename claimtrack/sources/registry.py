"""The registry of known sources, loaded from YAML data files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..model import SOURCE_TYPES, SourceRef

_ARTICLE = re.compile(r"^(the|a|an|this|that)\s+", re.I)
_QUOTES = str.maketrans({c: '"' for c in "“”«»„‟″"})


def normalize(text: str) -> str:
    """Key for alias lookup: case, quotes, spacing and leading article ignored."""
    text = " ".join(text.translate(_QUOTES).replace("’", "'").split())
    return _ARTICLE.sub("", text).casefold().strip(" ,.;:")


@dataclass
class Entry:
    name: str
    type: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)


class RegistryError(ValueError):
    pass


class Registry:
    """Canonical sources by alias and descriptor."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.name: e for e in entries}
        self._by_key: dict[str, str] = {}
        for entry in entries:
            for surface in (entry.name, *entry.aliases, *entry.descriptors):
                self._by_key.setdefault(normalize(surface), entry.name)

    @classmethod
    def load(cls, extra_files=()) -> Registry:
        """The bundled registry, extended (and overridden) by user files."""
        bundled = resources.files(__package__).joinpath("registry.yml").read_text("utf-8")
        entries = parse_entries(bundled, "registry.yml")
        for path in extra_files:
            entries += parse_entries(Path(path).read_text("utf-8"), str(path))
        merged: dict[str, Entry] = {}
        for entry in entries:
            merged[entry.name] = entry
        return cls(list(merged.values()))

    def lookup(self, surface: str) -> SourceRef | None:
        """The canonical source a surface form names, with its parent chain."""
        name = self._by_key.get(normalize(surface))
        return self.ref(name) if name else None

    def ref(self, name: str, _seen=()) -> SourceRef:
        entry = self.entries[name]
        parent = None
        if entry.parent and entry.parent in self.entries and entry.parent not in _seen:
            parent = self.ref(entry.parent, (*_seen, name))
        elif entry.parent:
            parent = SourceRef(entry.parent)
        return SourceRef(entry.name, entry.type, parent, list(entry.aliases))


def parse_entries(text: str, origin: str) -> list[Entry]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise RegistryError(f"{origin}: not valid YAML: {error}") from None
    entries = []
    for number, item in enumerate(data.get("sources") or [], 1):
        if not isinstance(item, dict) or not item.get("name"):
            raise RegistryError(f"{origin}: source #{number} has no name")
        kind = item.get("type", "other")
        if kind not in SOURCE_TYPES:
            raise RegistryError(f"{origin}: source {item['name']!r} has unknown type {kind!r}")
        entries.append(
            Entry(
                name=item["name"],
                type=kind,
                parent=item.get("parent"),
                aliases=list(item.get("aliases") or []),
                descriptors=list(item.get("descriptors") or []),
            )
        )
    return entries


@lru_cache(maxsize=8)
def default_registry(extra_files: tuple[str, ...] = ()) -> Registry:
    return Registry.load(extra_files)
