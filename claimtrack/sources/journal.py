"""Every `claimtrack sources` change, recorded with the rows it replaced, so
that `claimtrack sources DB undo` can put the last one back.

A change touches a few sources: their rows (and their children's parent),
their aliases and the claims that name them as speaker, relay or addressee.
Those are copied into `source_changes` before the change, with the highest
source id, so that sources it created (a parent known only to the registry)
can be removed again."""

from __future__ import annotations

import json
from datetime import datetime, timezone

CHANGES = "source_changes"


def ensure_table(db) -> None:
    if CHANGES not in db.table_names():
        db[CHANGES].create(
            {"id": int, "at": str, "command": str, "sources": str, "before": str}, pk="id"
        )


def snapshot(db, ids: list[int]) -> dict:
    """The rows a change of these sources can alter."""
    ids = sorted(set(ids))
    marks = ",".join("?" * len(ids))
    return {
        "max_source": db.execute("select coalesce(max(id), 0) from sources").fetchone()[0],
        "sources": [list(row) for row in db.execute(
            f"select id, name, type, parent from sources where id in ({marks}) or parent in ({marks})", [*ids, *ids]
        )],
        "aliases": [list(row) for row in db.execute(
            f"select alias, source from source_aliases where source in ({marks})", ids
        )],
        "claims": [list(row) for row in db.execute(
            f"select id, source, relayed_by, addressee from claims where source in ({marks})"
            f" or relayed_by in ({marks}) or addressee in ({marks})", [*ids, *ids, *ids]
        )],
    }


def save(db, command: str, ids: list[int], before: dict) -> None:
    """Record a change made to sources `ids`, with their rows `before` it."""
    ensure_table(db)
    db[CHANGES].insert({
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "sources": json.dumps(sorted(set(ids))),
        "before": json.dumps(before),
    })


def undo_last(db) -> tuple[str, list[int]] | None:
    """Put back the rows the last recorded change replaced and forget it.
    Returns (its command, the sources it touched), or None when nothing is
    recorded. Call inside a transaction."""
    ensure_table(db)
    row = db.execute(f"select id, command, sources, before from {CHANGES} order by id desc limit 1").fetchone()
    if row is None:
        return None
    change, command, ids, before = row[0], row[1], json.loads(row[2]), json.loads(row[3])
    created = [r[0] for r in db.execute("select id from sources where id > ?", [before["max_source"]])]
    touched = sorted({*ids, *created})
    marks = ",".join("?" * len(touched))
    db.execute("pragma defer_foreign_keys = on")  # rows come back in any order
    db.conn.executemany(
        "insert into sources (id, name, type, parent) values (?, ?, ?, ?)"
        " on conflict(id) do update set name = excluded.name, type = excluded.type, parent = excluded.parent",
        before["sources"],
    )
    db.execute(f"delete from source_aliases where source in ({marks})", touched)
    db.conn.executemany("insert or ignore into source_aliases (alias, source) values (?, ?)", before["aliases"])
    db.conn.executemany(
        "update claims set source = ?, relayed_by = ?, addressee = ? where id = ?",
        [(source, relayed_by, addressee, claim) for claim, source, relayed_by, addressee in before["claims"]],
    )
    if created:
        marks = ",".join("?" * len(created))
        db.execute(f"delete from sources where id in ({marks})", created)
    db.execute(f"delete from {CHANGES} where id = ?", [change])
    return command, ids
