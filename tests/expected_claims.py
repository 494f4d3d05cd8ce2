"""Compare extracted attributions with an `*.expected.yml` fixture.

The expected format is the seed's (fixtures/seed/aleppo-afp.expected.yml):
one entry per attribution, in text order."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from claimtrack.sources.registry import normalize

CONTINUATION_CUE = "(quote continuation)"


def load_expected(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    data.setdefault("sources", [])
    data["claims"] = data.get("claims") or []
    return data


def flat(text: str | None) -> str:
    """Whitespace and quote marks ignored, as a reader compares text."""
    text = (text or "").translate(str.maketrans({c: '"' for c in "“”«»„"}))
    text = text.replace("’", "'")
    return " ".join(text.split()).strip(" ,.;:").casefold()


def names_for(expected: dict, name: str) -> set[str]:
    """A source's canonical name and every alias the fixture lists for it."""
    names = {name}
    for source in expected["sources"]:
        if source["name"] == name or name in (source.get("aliases") or []):
            names |= {source["name"], *(source.get("aliases") or [])}
    return {normalize(n) for n in names}


def matches_source(expected: dict, want: str, ref) -> bool:
    if ref is None:
        return False
    return normalize(ref.name) in names_for(expected, want) or any(
        normalize(alias) in names_for(expected, want) for alias in ref.aliases
    )


def member_matches(expected: dict, member_of: str, parent) -> bool:
    """member_of may name the parent with a gloss: 'HTS "government" (Syrian Salvation Government)'."""
    if parent is None:
        return False
    wanted = names_for(expected, member_of) | {
        normalize(part) for part in re.split(r"[()]", member_of) if part.strip()
    }
    return normalize(parent.name) in wanted or any(normalize(a) in wanted for a in parent.aliases)


def source_type(expected: dict, name: str) -> str | None:
    for source in expected["sources"]:
        if source["name"] == name:
            return source.get("type")
    return None


def differences(expected: dict, claims: list) -> list[str]:
    """Every way the extracted claims differ from the fixture, as messages."""
    problems = []
    wanted = expected["claims"]
    if len(claims) != len(wanted):
        problems.append(
            f"expected {len(wanted)} claims, got {len(claims)}: "
            + "; ".join(f"{c.source_text or c.cue!r}: {c.content[:50]!r}" for c in claims)
        )
    for n, (want, got) in enumerate(zip(wanted, claims), 1):
        label = f"claim {n} ({want.get('mention') or want['source']!r})"
        if not matches_source(expected, want["source"], got.source):
            problems.append(f"{label}: source {got.source.name if got.source else None!r}")
        elif source_type(expected, want["source"]) and got.source.type != source_type(expected, want["source"]):
            problems.append(f"{label}: type {got.source.type!r}")
        if want.get("member_of") and not member_matches(expected, want["member_of"], got.source and got.source.parent):
            parent = got.source.parent.name if got.source and got.source.parent else None
            problems.append(f"{label}: member of {parent!r}, expected {want['member_of']!r}")
        if "mention" in want and flat(want["mention"]) != flat(got.source_text):
            problems.append(f"{label}: mention {got.source_text!r}")
        cue = None if want["cue"] == CONTINUATION_CUE else want["cue"]
        if flat(cue) != flat(got.cue):
            problems.append(f"{label}: cue {got.cue!r}, expected {cue!r}")
        if got.kind != want["kind"]:
            problems.append(f"{label}: kind {got.kind!r}, expected {want['kind']!r}")
        if got.stance != want.get("stance", "asserts"):
            problems.append(f"{label}: stance {got.stance!r}")
        if got.act != want.get("act", want.get("stance", "asserts")):
            problems.append(f"{label}: act {got.act!r}")
        if flat(want["content"]) not in flat(got.content):
            problems.append(f"{label}: content {got.content!r} lacks {want['content']!r}")
        for role, ref in (("relayed_by", got.relayed_by), ("addressee", got.addressee)):
            if want.get(role) and not matches_source(expected, want[role], ref):
                problems.append(f"{label}: {role} {ref.name if ref else None!r}, expected {want[role]!r}")
            if not want.get(role) and ref is not None and role == "relayed_by":
                problems.append(f"{label}: unexpected {role} {ref.name!r}")
        texts = [flat(f["text"]) for f in got.figures]
        for figure in want.get("figures") or []:
            if flat(str(figure)) not in texts:
                problems.append(f"{label}: figure {figure!r} not in {texts}")
    return problems
