"""Cross-article identity: is a source met in a new article one already stored?

Called by `store.source_id` only when no stored name or alias matches exactly,
so everything here is about forms that differ: acronyms, registry aliases and
descriptors, transliterations of people's names. It errs on the side of NOT
merging: a wrong merge silently fuses two origins, a missed one only shows up
as two rows that `claimtrack sources DB merge` can join."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..model import SOURCE_TYPES, SourceRef
from .registry import default_registry, normalize

# Sources only match within a family: a person never becomes a ministry.
FAMILIES = {
    "person": "people",
    "witness": "people",
    "journalist": "people",
    "government": "state",
    "military": "state",
    "official_media": "state",
}
PERSON_RATIO = 90
_TITLES = {
    "president", "prime", "minister", "general", "gen", "dr", "mr", "mrs", "ms", "sheikh",
    "colonel", "col", "major", "captain", "lieutenant", "brigadier", "commander", "spokesman",
    "spokeswoman", "king", "emir", "prince", "imam", "judge",
}
_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ibn", "bin", "ben", "abu"}
_ORG_STOPWORDS = {"the", "of", "for", "and", "in", "de", "la", "le", "les", "des", "du", "l", "d", "pour"}
# Transliteration variants of one Arabic/Cyrillic sound, folded to one spelling.
_FOLDS = [
    (re.compile(r"\babd(?:oul|el|ul|al|ol|u|e)?\s*"), "abd"),
    (re.compile(r"\bm[ou]h+[ae]m+[ae]d\b"), "muhamad"),
    (re.compile(r"\bahm[ae]d\b"), "ahmad"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ch"), "sh"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"(?<=[a-z])(?:y|i)y\b"), "y"),
    (re.compile(r"([a-z])\1"), r"\1"),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])e\b"), ""),
]


def family(kind: str | None) -> str:
    return FAMILIES.get(kind or "other", kind or "other")


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words: accents, hyphens and apostrophes dropped."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", text)


@lru_cache(maxsize=100_000)  # every stored name is folded again for each new person
def fold_person(name: str) -> tuple[str | None, str]:
    """(first name, surname) folded for comparison; first is None for one word.

    "Rami Abdel Rahmane", "Rami Abdulrahman" and "Rami Abd al-Rahman" all give
    ("rami", "abdrahman")."""
    words = [w for w in ascii_words(name) if w not in _TITLES]
    words = [w for i, w in enumerate(words) if i == 0 or w not in _PARTICLES] or words
    folded = " ".join(words)
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    words = folded.split()
    if len(words) < 2:
        return None, "".join(words)
    return words[0], "".join(words[1:])


def is_proper_name(name: str) -> bool:
    """Every word capitalised but particles: "U.S. officials" names no one
    (and its "U." is no initial)."""
    return all(w[0].isupper() or w.lower() in _PARTICLES | _ORG_STOPWORDS for w in re.findall(r"[^\W\d_]+", name))


def same_person(a: str, b: str) -> bool:
    """Same first name (or a matching initial) and near-identical surname."""
    if not (is_proper_name(a) and is_proper_name(b)):
        return False
    first_a, last_a = fold_person(a)
    first_b, last_b = fold_person(b)
    if not (first_a and first_b and last_a and last_b):
        return False
    if len(first_a) == 1 or len(first_b) == 1:
        firsts_agree = first_a[0] == first_b[0]
    else:
        firsts_agree = first_a == first_b
    return firsts_agree and fuzz.ratio(last_a, last_b) >= PERSON_RATIO


@lru_cache(maxsize=100_000)  # every stored organisation is folded again for each new one
def fold_org(name: str) -> str:
    """An organisation's name without case, accents, punctuation or stop
    words, its state however written ("Sudan's", "Sudanese") and one spelling."""
    return " ".join(w for w in ascii_words(normalize(name)) if w not in _ORG_STOPWORDS)


def initials(name: str) -> str:
    return "".join(w[0] for w in ascii_words(name) if w not in _ORG_STOPWORDS)


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z.]{1,7}", name))


def alias_keys(alias: str) -> dict:
    """The folded forms of a stored alias that look-ups compare, so that each
    is an indexed query instead of a fold of every stored alias. `org_key` is
    never null once keyed; people get the first letter of their folded first
    name and the length of their folded surname (a near-identical surname has
    a near length)."""
    first, surname = fold_person(alias)
    person = is_proper_name(alias) and first and surname
    return {
        "org_key": fold_org(alias),
        "org_initials": initials(alias).upper(),
        "acronym": alias.replace(".", "").lower() if _is_acronym(alias) else None,
        "person_first": first[0] if person else None,
        "surname_length": len(surname) if person else None,
    }


# What the stored keys are made with: when one of these changes, every
# stored alias is keyed again (store.ensure_schema).
# Paths inside the claimtrack package: resources.files("claimtrack.extract")
# would import that package, and with it spaCy, in a parent that only stores.
_KEY_MAKERS = ["sources/identity.py", "sources/registry.py", "sources/spellings.yml", "extract/gazetteer.yml"]


@lru_cache(maxsize=1)
def alias_keys_digest() -> str:
    digest = hashlib.sha256()
    for path in _KEY_MAKERS:
        digest.update(resources.files("claimtrack").joinpath(path).read_bytes())
    return digest.hexdigest()[:16]


def key_new_aliases(db) -> None:
    """Key the aliases stored without keys: by `claimtrack sources` commands,
    or before the keys existed (a database from an earlier version)."""
    rows = db.execute("select rowid, alias from source_aliases where org_key is null").fetchall()
    for rowid, alias in rows:
        keys = alias_keys(alias)
        assignments = ", ".join(f"{column} = :{column}" for column in keys)
        db.execute(f"update source_aliases set {assignments} where rowid = :rowid", {**keys, "rowid": rowid})


def match_existing(db, ref: SourceRef) -> int | None:
    """Id of a stored source that `ref` names in other words, if any."""
    key_new_aliases(db)
    for find in (_by_alias, _by_registry, _by_org_name, _by_person_name):
        found = find(db, ref)
        if found is not None:
            return found
    return None


def _candidates(db, ref: SourceRef, where: str = "", params=()):
    """(id, name, type, parent, alias) of stored sources in ref's family."""
    types = [t for t in SOURCE_TYPES if family(t) == family(ref.type)]
    marks = ",".join("?" * len(types))
    return db.execute(
        "select sources.id, sources.name, sources.type, sources.parent, source_aliases.alias"
        " from sources join source_aliases on source_aliases.source = sources.id"
        f" where sources.type in ({marks}) {where}",
        [*types, *params],
    ).fetchall()


def _unique(ids) -> int | None:
    ids = set(ids)
    return ids.pop() if len(ids) == 1 else None


def _by_alias(db, ref: SourceRef) -> int | None:
    """One of the ref's own aliases is already stored (same family only)."""
    if not ref.aliases:
        return None
    marks = ",".join("?" * len(ref.aliases))
    rows = _candidates(db, ref, f"and source_aliases.alias collate nocase in ({marks})", ref.aliases)
    return _unique(row[0] for row in rows)


def _by_registry(db, ref: SourceRef) -> int | None:
    """The registry knows the name as an alias or descriptor of a stored source."""
    known = default_registry().lookup(ref.name)
    if known is None or family(known.type) != family(ref.type):
        return None
    names = [known.name, *known.aliases]
    marks = ",".join("?" * len(names))
    rows = _candidates(db, ref, f"and source_aliases.alias collate nocase in ({marks})", names)
    return _unique(row[0] for row in rows)


def _by_org_name(db, ref: SourceRef) -> int | None:
    """Organisations: the same words ("Observatory of" / "for"), or an acronym
    that is exactly the initials of a stored name, or the reverse."""
    if family(ref.type) == "people":
        return None
    same_words = _candidates(db, ref, "and source_aliases.org_key = ? order by sources.id limit 1", [fold_org(ref.name)])
    if same_words:
        return same_words[0][0]
    mine = initials(ref.name)
    acronym = ref.name.replace(".", "").upper() if _is_acronym(ref.name) else None
    matches = []
    if acronym and len(acronym) >= 3:
        matches += _candidates(db, ref, "and source_aliases.org_initials = ?", [acronym])
    if len(mine) >= 3:
        matches += _candidates(db, ref, "and source_aliases.acronym = ?", [mine])
    return _unique(row[0] for row in matches)


def _by_person_name(db, ref: SourceRef) -> int | None:
    """People: same first name or initial and a near-identical surname; a bare
    surname only within the same organisation and when just one person fits."""
    if family(ref.type) != "people" or not is_proper_name(ref.name):
        return None
    first, surname = fold_person(ref.name)
    if not surname:
        return None
    if first is None:
        parent = ref.parent and _by_exact_name(db, ref.parent.name)
        if parent is None:
            return None
        rows = _candidates(db, ref, "and sources.parent = ?", [parent])
        return _unique(row[0] for row in rows if fold_person(row[4])[1] == surname and fold_person(row[4])[0])
    # The block: the first letter, which an initial keeps, and the surname
    # lengths a ratio of PERSON_RATIO allows (it is at most 1 - |a - b| / (a + b)).
    initial = next(w for w in ascii_words(ref.name) if w not in _TITLES)[0]
    shortest = len(surname) * PERSON_RATIO / (200 - PERSON_RATIO)
    longest = len(surname) * (200 - PERSON_RATIO) / PERSON_RATIO
    rows = _candidates(
        db,
        ref,
        "and source_aliases.person_first = ? and source_aliases.surname_length between ? and ?"
        " and source_aliases.alias like ?",
        [first[0], shortest, longest, initial + "%"],
    )
    return _unique(row[0] for row in rows if same_person(ref.name, row[4]))


def _by_exact_name(db, name: str) -> int | None:
    row = db.execute(
        "select source from source_aliases where alias = ? collate nocase limit 1", [name]
    ).fetchone()
    return row[0] if row else None
