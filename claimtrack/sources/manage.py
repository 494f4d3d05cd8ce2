"""The `claimtrack sources` commands' logic: list, alias, merge, parent, type, undo.

Every change applies to the stored claims at once (they point at source
rows, so no re-parsing), re-judges the claim groups whose origins it can
change and is recorded (journal.py), so that `undo` can revert it."""

from __future__ import annotations

import unicodedata

from .. import corroborate
from ..model import SOURCE_TYPES
from ..store import source_id
from . import journal
from .registry import default_registry

LIST_SQL = """
select sources.id, sources.name, sources.type, parents.name as parent,
  (select count(*) from claims where claims.source = sources.id) as claims,
  (select count(*) from claims where claims.relayed_by = sources.id) as relayed,
  (select group_concat(alias, '; ') from (
     select alias from source_aliases
     where source_aliases.source = sources.id and alias != sources.name order by alias
  )) as aliases
from sources left join sources as parents on parents.id = sources.parent
order by claims desc, sources.name collate nocase
"""
SUBTREE_SQL = """
with recursive subtree(id) as (
  select ? union select sources.id from sources join subtree on sources.parent = subtree.id
) select id from subtree
"""


MAX_ALIAS_CHARS = 200  # the longest registry name is under 80


class SourceError(ValueError):
    pass


def checked_alias(alias: str) -> str:
    """The alias without surrounding spaces; refused when it shows nothing,
    hides characters (control, zero-width) or is longer than any name."""
    alias = alias.strip()
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in alias):
        raise SourceError("an alias may not hold control or invisible (zero-width) characters")
    if not alias:
        raise SourceError("an alias cannot be empty")
    if len(alias) > MAX_ALIAS_CHARS:
        raise SourceError(f"an alias is at most {MAX_ALIAS_CHARS} characters (this one has {len(alias):,})")
    return alias


def list_sources(db) -> list[dict]:
    """Every source with its type, parent, aliases and claim counts."""
    return list(db.query(LIST_SQL))


def find_source(db, name: str) -> int:
    """Id of the source with this name or alias (any case)."""
    row = db.execute(
        "select id from sources where name = ? collate nocase"
        " union all select source from source_aliases where alias = ? collate nocase limit 1",
        [name, name],
    ).fetchone()
    if row is None:
        raise SourceError(f"no source named {name!r}")
    return row[0]


def subtree(db, source: int) -> list[int]:
    """The source and every source under it."""
    return [row[0] for row in db.execute(SUBTREE_SQL, [source])]


def affected_groups(db, sources: list[int]) -> set[int]:
    """Groups with a claim whose origin may go through these sources: spoken
    or relayed by them, or in an article of an outlet they are."""
    marks = ",".join("?" * len(sources))
    rows = db.execute(
        f"""select distinct claim_group from claims where claim_group is not null and (
          source in ({marks}) or relayed_by in ({marks}) or article in (
            select articles.id from articles join source_aliases
            on source_aliases.alias = articles.outlet collate nocase
            where source_aliases.source in ({marks})))""",
        [*sources, *sources, *sources],
    )
    return {row[0] for row in rows}


def _rejudge(db, sources: list[int]) -> None:
    corroborate.compute_verdicts(db, affected_groups(db, sources))


def save_alias(db, alias: str, name: str, merge: bool = False) -> str | None:
    """Make ALIAS name NAME. If ALIAS already names another source, that source
    is merged into NAME (only with `merge`); returns its name then."""
    alias = checked_alias(alias)
    target = find_source(db, name)
    try:
        other = find_source(db, alias)
    except SourceError:
        other = None
    if other is not None and other != target:
        merged = db.execute("select name from sources where id = ?", [other]).fetchone()[0]
        if not merge:
            raise SourceError(f"{alias!r} already names the source {merged!r}: " + _merge_refusal(db, other, target))
        merge_sources(db, merged, name, merge=True)
        return merged
    with db.atomic():
        before = journal.snapshot(db, [target])
        db.execute("insert or ignore into source_aliases (alias, source) values (?, ?)", [alias, target])
        journal.save(db, f"alias {alias!r} {name!r}", [target], before)
    return None


def _merge_refusal(db, old: int, new: int) -> str:
    """What merging source `old` into `new` would do, and how to do it."""
    names = dict(db.execute("select id, name from sources where id in (?, ?)", [old, new]).fetchall())
    moved = db.execute(
        "select count(*) from claims where source = ? or relayed_by = ? or addressee = ?", [old] * 3
    ).fetchone()[0]
    return (
        f"this would merge {names[old]!r} into {names[new]!r} and move {moved:,} claim{'s' * (moved != 1)};"
        " add --merge to do it (`undo` reverts it)"
    )


def merge_sources(db, a: str, b: str, merge: bool = False) -> None:
    """Merge source A into B: A's claims, relays, addressees, aliases and
    children move to B, and A is deleted. Refused unless `merge`: the error
    says how many claims would move."""
    old, new = find_source(db, a), find_source(db, b)
    if old == new:
        raise SourceError(f"{a!r} and {b!r} are the same source")
    if not merge:
        raise SourceError(_merge_refusal(db, old, new))
    names = dict(db.execute("select id, name from sources where id in (?, ?)", [old, new]).fetchall())
    with db.atomic():
        before = journal.snapshot(db, [old, new])
        old_parent, new_parent = db.execute(
            "select (select parent from sources where id = ?), (select parent from sources where id = ?)",
            [old, new],
        ).fetchone()
        if new in subtree(db, old):
            # Lift B out from under A first, or repointing A's children would loop.
            db.execute("update sources set parent = ? where id = ?", [old_parent, new])
        elif new_parent is None and old_parent not in (None, new):
            db.execute("update sources set parent = ? where id = ?", [old_parent, new])
        for column in ("source", "relayed_by", "addressee"):
            db.execute(f"update claims set {column} = ? where {column} = ?", [new, old])
        db.execute(
            "insert or ignore into source_aliases (alias, source)"
            " select alias, ? from source_aliases where source = ?"
            " union all select name, ? from sources where id = ?",
            [new, old, new, old],
        )
        db.execute("delete from source_aliases where source = ?", [old])
        db.execute("update sources set parent = ? where parent = ?", [new, old])
        db.execute("delete from sources where id = ?", [old])
        journal.save(db, f"merge {names[old]!r} {names[new]!r}", [old, new], before)
        _rejudge(db, subtree(db, new))


def save_parent(db, name: str, parent: str) -> None:
    """Put NAME under PARENT (a stored source, or one the registry knows)."""
    child = find_source(db, name)
    before = journal.snapshot(db, [child])
    try:
        above = find_source(db, parent)
    except SourceError:
        known = default_registry().lookup(parent)
        if known is None:
            raise SourceError(f"no source named {parent!r}, stored or in the registry") from None
        above = source_id(db, known)
    if above in subtree(db, child):
        raise SourceError(f"{parent!r} is {name!r} or under it: parents cannot loop")
    with db.atomic():
        db.execute("update sources set parent = ? where id = ?", [above, child])
        journal.save(db, f"parent {name!r} {parent!r}", [child], before)
        _rejudge(db, subtree(db, child))


def save_type(db, name: str, kind: str) -> None:
    if kind not in SOURCE_TYPES:
        raise SourceError(f"unknown type {kind!r} (one of: {', '.join(SOURCE_TYPES)})")
    source = find_source(db, name)
    with db.atomic():
        before = journal.snapshot(db, [source])
        db.execute("update sources set type = ? where id = ?", [kind, source])
        journal.save(db, f"type {name!r} {kind}", [source], before)
        _rejudge(db, subtree(db, source))


def undo(db) -> str:
    """Revert the last recorded change; returns its command."""
    with db.atomic():
        undone = journal.undo_last(db)
        if undone is None:
            raise SourceError("no change to undo")
        command, ids = undone
        present = [row[0] for row in db.execute(
            f"select id from sources where id in ({','.join('?' * len(ids))})", ids)]
        _rejudge(db, [i for top in present for i in subtree(db, top)])
    return command
