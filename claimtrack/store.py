"""SQLite schema and writes (sqlite-utils). One article = one transaction."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote
from datetime import datetime, timezone

import sqlite_utils

from .model import Article, Attribution, SourceRef
from .normalise import iso_published, outlet_name
from .sources import identity

CLAIMS_DETAIL_SQL = """
select
  claims.id,
  claims.claim_group,
  sources.name as source_name,
  sources.type as source_type,
  parents.name as source_parent,
  claims.source_text,
  claims.cue,
  claims.kind,
  claims.stance,
  claims.act,
  claims.content,
  relays.name as relayed_by_name,
  addressees.name as addressee_name,
  articles.outlet,
  articles.title,
  articles.published,
  articles.url,
  claims.article,
  claims.source,
  claims.sentence,
  claims.figures,
  claims.spans
from claims
join articles on articles.id = claims.article
left join sources on sources.id = claims.source
left join sources as parents on parents.id = sources.parent
left join sources as relays on relays.id = claims.relayed_by
left join sources as addressees on addressees.id = claims.addressee
"""


# claims.source_type, .outlet and .published copy the source's type and the
# article's outlet and date: Datasette can facet only on a table's own
# columns, and faceting a million claims through the claims_detail joins
# takes seconds where an indexed column takes milliseconds. save_article
# writes them; these triggers keep them current.
FACET_TRIGGERS = [
    """create trigger if not exists claims_facets_source after update of source on claims begin
      update claims set source_type = (select type from sources where id = new.source) where id = new.id;
    end""",
    """create trigger if not exists sources_facets_type after update of type on sources begin
      update claims set source_type = new.type where source = new.id;
    end""",
    """create trigger if not exists articles_facets after update of outlet, published on articles begin
      update claims set outlet = new.outlet, published = new.published where article = new.id;
    end""",
]
# sources.n_claims counts the claims a source made, so that the home page and
# the sources table rank a million claims' sources without counting them.
CLAIM_COUNT_TRIGGERS = [
    """create trigger if not exists sources_count_insert after insert on claims when new.source is not null begin
      update sources set n_claims = n_claims + 1 where id = new.source;
    end""",
    """create trigger if not exists sources_count_delete after delete on claims when old.source is not null begin
      update sources set n_claims = n_claims - 1 where id = old.source;
    end""",
    """create trigger if not exists sources_count_update after update of source on claims
      when old.source is not new.source begin
      update sources set n_claims = n_claims - 1 where id = old.source;
      update sources set n_claims = n_claims + 1 where id = new.source;
    end""",
]


SQLITE_HEADER = b"SQLite format 3\x00"
# How long a writer waits for another to finish its transaction (two ingests at once).
BUSY_TIMEOUT_SECONDS = 120
WAL_RETRY_SECONDS = 0.05
# Columns each claimtrack table has had from the start: a table of one of these
# names without them belongs to someone else.
CORE_COLUMNS = {
    "articles": {"id", "url", "outlet", "title", "published", "lang", "text", "sha256", "ingested_at"},
    "sources": {"id", "name", "type", "parent"},
    "source_aliases": {"alias", "source"},
    "claim_groups": {"id", "label", "verdict", "n_claims", "n_articles", "n_outlets", "first_seen", "last_seen"},
    "claims": {"id", "article", "source", "source_text", "cue", "kind", "stance", "content", "sentence", "spans"},
}

ALIAS_KEY_COLUMNS = {"org_key": str, "org_initials": str, "acronym": str, "person_first": str, "surname_length": int}


class DatabaseProblem(Exception):
    """The database path cannot be used; nothing was written to it."""


def check_database(path: str) -> None:
    """Refuse, leaving it byte for byte untouched, a file that is not an
    intact claimtrack database: not SQLite, damaged, or someone else's
    tables. A missing or empty file is fine (it becomes a new database)."""
    db_file = Path(path)
    if db_file.is_dir():
        raise DatabaseProblem(f"{path}: is a directory, not a database file")
    if not db_file.exists():
        return
    if not db_file.is_file():
        raise DatabaseProblem(f"{path}: not a regular file (a FIFO, socket or device)")
    try:
        with db_file.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseProblem(f"{path}: cannot read: {exc.strerror}") from None
    if not header:
        return
    if header != SQLITE_HEADER:
        raise DatabaseProblem(f"{path}: not a SQLite database (left untouched)")
    try:
        with contextlib.closing(_read_only(path)) as conn:
            damage = [row[0] for row in conn.execute("pragma quick_check")]
            if damage != ["ok"]:
                first = " ".join(damage[0].replace("*** in database main ***", "").split())
                raise DatabaseProblem(f"{path}: database is damaged ({first}); left untouched")
            tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
            for table in sorted(tables & CORE_COLUMNS.keys()):
                missing = CORE_COLUMNS[table] - {row[1] for row in conn.execute(f"pragma table_info([{table}])")}
                if missing:
                    raise DatabaseProblem(
                        f"{path}: not a claimtrack database: its table {table!r} has no {', '.join(sorted(missing))}"
                        " (left untouched)"
                    )
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"{path}: {exc} (left untouched)") from None
    if tables and "articles" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise DatabaseProblem(f"{path}: not a claimtrack database: it holds other tables ({shown}); left untouched")


def _read_only(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(Path(path).absolute()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def open_for_reading(path: str) -> sqlite_utils.Database:
    """An existing claimtrack database, checked and opened read-only: looking
    never writes, and works on a read-only file."""
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise DatabaseProblem(f"{path}: no such database")
    check_database(path)
    try:
        return sqlite_utils.Database(_read_only(path))
    except sqlite3.Error as exc:
        raise DatabaseProblem(f"{path}: {exc}") from None


def open_db(path: str) -> sqlite_utils.Database:
    """Open (or create) a claimtrack database in WAL mode with its schema."""
    db = sqlite_utils.Database(sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS))
    _enable_wal(db)
    # In WAL mode a commit then writes the log without waiting on the disk (a
    # quarter of an ingest's time went to it): a killed process still loses
    # nothing committed, a power cut at worst the last articles, never the file.
    db.execute("pragma synchronous = normal")
    db.execute("pragma foreign_keys = on")  # a no-op inside the transaction below
    with writing(db):  # two processes opening a new database create it once
        ensure_schema(db)
    return db


def _enable_wal(db: sqlite_utils.Database) -> None:
    """WAL mode. Switching a new database to it needs the file to itself, and
    SQLite answers "locked" at once, without its busy wait, while another
    process opening the same new file holds it: wait for that as for a lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


@contextlib.contextmanager
def writing(db: sqlite_utils.Database):
    """A transaction that takes the write lock first (BEGIN IMMEDIATE): a
    second writer then waits on the busy timeout, where a transaction begun
    by a read would fail at once once another writer has moved on. Inside
    an open transaction, a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create tables, foreign keys, indexes, FTS and views if missing."""
    db.execute("pragma foreign_keys = on")
    if "articles" not in db.table_names():
        db["articles"].create(
            {
                "id": str,
                "url": str,
                "outlet": str,
                "outlet_as_written": str,
                "title": str,
                "published": str,
                "lang": str,
                "text": str,
                "sha256": str,
                "ingested_at": str,
            },
            pk="id",
        )
        db["articles"].create_index(["sha256"], unique=True)
        db["articles"].create_index(["url"])
        db["articles"].create_index(["outlet"])
        db["articles"].create_index(["published"])
        db["articles"].enable_fts(["title", "text"], create_triggers=True)
    if "outlet_as_written" not in db["articles"].columns_dict:  # a database made before outlets were normalised
        db["articles"].add_column("outlet_as_written", str)
    if "sources" not in db.table_names():
        db["sources"].create(
            {"id": int, "name": str, "type": str, "parent": int},
            pk="id",
            foreign_keys=[("parent", "sources", "id")],
        )
        db["sources"].create_index(["name"], unique=True)
        db["sources"].create_index(["type"])
    if "sources_fts" not in db.table_names():  # the sources table's search box (aliases: find_source)
        db["sources"].enable_fts(["name"], create_triggers=True)
    if "source_aliases" not in db.table_names():
        db["source_aliases"].create(
            {"alias": str, "source": int},
            pk=("alias", "source"),
            foreign_keys=[("source", "sources", "id")],
        )
        db.execute(
            "create index if not exists idx_source_aliases_alias_nocase"
            " on source_aliases (alias collate nocase)"
        )
    # identity's look-up keys (identity.alias_keys), filled in on the next
    # look-up for aliases stored without them (a database made before them)
    for column, kind in ALIAS_KEY_COLUMNS.items():
        if column not in db["source_aliases"].columns_dict:
            db["source_aliases"].add_column(column, kind)
    for columns in (["org_key"], ["org_initials"], ["acronym"], ["person_first", "surname_length"]):
        db["source_aliases"].create_index(columns, if_not_exists=True)
    # keys made by another version's folds or gazetteer are made again
    db["alias_keys_made_with"].create({"digest": str}, if_not_exists=True)
    made_with = identity.alias_keys_digest()
    if db.execute("select digest from alias_keys_made_with").fetchall() != [(made_with,)]:
        db.execute("update source_aliases set org_key = null")
        db.execute("delete from alias_keys_made_with")
        db["alias_keys_made_with"].insert({"digest": made_with})
    if "claim_groups" not in db.table_names():
        db["claim_groups"].create(
            {
                "id": int,
                "label": str,
                "verdict": str,
                "why": str,
                "n_claims": int,
                "n_articles": int,
                "n_outlets": int,
                "n_origins": int,
                "origins": str,
                "first_seen": str,
                "last_seen": str,
            },
            pk="id",
        )
        db["claim_groups"].create_index(["verdict"])
    if "why" not in db["claim_groups"].columns_dict:  # a database made before verdicts kept their reason
        db["claim_groups"].add_column("why", str)
    if "claims" not in db.table_names():
        db["claims"].create(
            {
                "id": int,
                "article": str,
                "source": int,
                "source_text": str,
                "cue": str,
                "kind": str,
                "stance": str,
                "act": str,
                "content": str,
                "relayed_by": int,
                "addressee": int,
                "sentence": str,
                "spans": str,
                "figures": str,
                "frame": str,
                "claim_group": int,
                "source_type": str,
                "outlet": str,
                "published": str,
            },
            pk="id",
            foreign_keys=[
                ("article", "articles", "id"),
                ("source", "sources", "id"),
                ("relayed_by", "sources", "id"),
                ("addressee", "sources", "id"),
                ("claim_group", "claim_groups", "id"),
            ],
        )
        for column in ("kind", "stance", "act", "cue"):
            db["claims"].create_index([column])
        db["claims"].enable_fts(["content"], create_triggers=True)
    if "source_type" not in db["claims"].columns_dict:
        # a database made before the facet copies existed
        for column in ("source_type", "outlet", "published"):
            db["claims"].add_column(column, str)
        db.execute(
            "update claims set source_type = (select type from sources where id = claims.source),"
            " outlet = (select outlet from articles where id = claims.article),"
            " published = (select published from articles where id = claims.article)"
        )
    if "frame" not in db["claims"].columns_dict:
        db["claims"].add_column("frame", str)  # a database made before claim frames
    if "act" not in db["claims"].columns_dict:  # a database made before speech acts
        db["claims"].add_column("act", str)
        db.execute("update claims set act = case stance when 'denies' then 'denies' else 'asserts' end")
    for column in ("source_type", "outlet", "published", "act"):
        db["claims"].create_index([column], if_not_exists=True)
    if "n_claims" not in db["sources"].columns_dict:  # a database made before sources kept their count
        db["sources"].add_column("n_claims", int, not_null_default=0)
        db.execute("update sources set n_claims = (select count(*) from claims where claims.source = sources.id)")
    db["sources"].create_index(["n_claims"], if_not_exists=True)
    for trigger in FACET_TRIGGERS + CLAIM_COUNT_TRIGGERS:
        db.execute(trigger)
    _reindex_text_only_when_it_changes(db)
    db.index_foreign_keys()
    # Facets in Datasette (datasette-metadata.yml) within one source from an
    # index alone, and claims_detail's joins from a covering index.
    for column in ("kind", "stance", "act", "source_type", "outlet", "published"):
        db.execute(f"create index if not exists idx_claims_by_source_{column} on claims (source, {column})")
    db.execute(
        "create index if not exists idx_claims_article_joins"
        " on claims (article, source, relayed_by, addressee, kind, stance)"
    )
    db.create_view("claims_detail", CLAIMS_DETAIL_SQL, replace=True)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(article: Article) -> str:
    """The record's own id, else a hash of its text."""
    return article.id or text_sha256(article.text)[:16]


def find_existing_article(db: sqlite_utils.Database, article: Article) -> str | None:
    """Id of a stored article with the same id, url or text, if any."""
    row = db.execute(
        "select id from articles where id = ? or sha256 = ? or (url is not null and url = ?)",
        [article_id(article), text_sha256(article.text), article.url],
    ).fetchone()
    return row[0] if row else None


def source_id(db: sqlite_utils.Database, ref: SourceRef | None) -> int | None:
    """Id of the stored source for `ref`, created (with its parents) when new."""
    if ref is None:
        return None
    found = None
    for ancestor in reversed(lineage(ref)):
        found = _stored_source(db, ancestor, parent_id=found)
    return found


def lineage(ref: SourceRef) -> list[SourceRef]:
    """`ref` and its parents, nearest first. A parent that is no resolved
    source, or a source that is its own ancestor, is refused (ValueError)."""
    chain, seen = [], set()
    while ref is not None:
        if not isinstance(ref, SourceRef):
            raise ValueError(f"a parent of {chain[-1].name!r} is no resolved source ({type(ref).__name__})")
        if id(ref) in seen:
            raise ValueError(f"source {ref.name!r} is its own ancestor")
        seen.add(id(ref))
        chain.append(ref)
        ref = ref.parent
    return chain


# The parent a stored source gets later, unless it is the source or one of
# its descendants: stored parents never loop either.
SET_PARENT_UNLESS_LOOP = """
update sources set parent = :parent where id = :id and parent is null and :id not in (
  with recursive up(id) as (
    select :parent union select sources.parent from sources join up on sources.id = up.id
  ) select id from up where id is not null
)"""


def _stored_source(db: sqlite_utils.Database, ref: SourceRef, parent_id: int | None) -> int:
    row = db.execute(
        "select source from source_aliases where alias = ? collate nocase"
        " union all select id from sources where name = ? collate nocase limit 1",
        [ref.name, ref.name],
    ).fetchone()
    # Other spellings of a stored source (acronym, transliteration, ...).
    found = row[0] if row else identity.match_existing(db, ref)
    if found is not None:
        if parent_id is not None:
            db.execute(SET_PARENT_UNLESS_LOOP, {"parent": parent_id, "id": found})
    else:
        found = db["sources"].insert(
            {"name": ref.name, "type": ref.type, "parent": parent_id}
        ).last_pk
    # most mentions are of a source already stored with all its aliases:
    # only new ones are keyed and written
    stored = {row[0] for row in db.execute("select alias from source_aliases where source = ?", [found])}
    new_aliases = {alias for alias in (ref.name, *ref.aliases) if alias} - stored
    if new_aliases:
        db["source_aliases"].insert_all(
            ({"alias": alias, "source": found, **identity.alias_keys(alias)} for alias in new_aliases),
            ignore=True,
        )
    return found


def save_article(
    db: sqlite_utils.Database, article: Article, attributions: list[Attribution]
) -> int:
    """Store one article and its claims in a single transaction.

    Returns the number of claims written, or -1 when the article was already
    stored (same id, url or text): re-ingesting changes nothing."""
    with writing(db):
        if find_existing_article(db, article):
            return -1
        record_id = article_id(article)
        # one name per outlet (the registry's) and one date format, for facets and grouping
        outlet, published = outlet_name(article.outlet), iso_published(article.published)
        db["articles"].insert(
            {
                "id": record_id,
                "url": article.url,
                "outlet": outlet,
                "outlet_as_written": article.outlet,
                "title": article.title,
                "published": published,
                "lang": article.lang,
                "text": article.text,
                "sha256": text_sha256(article.text),
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            }
        )
        # an article's claims share their SourceRefs: each is looked up once
        source_ids: dict[int, int | None] = {}
        stored_type = functools.cache(functools.partial(_source_type, db))

        def stored(ref: SourceRef | None) -> int | None:
            # by identity: a SourceRef holds lists and is not hashable
            if id(ref) not in source_ids:
                source_ids[id(ref)] = source_id(db, ref)
            return source_ids[id(ref)]

        db["claims"].insert_all(
            (
                {
                    "article": record_id,
                    "source": (speaker := stored(a.source)),
                    "source_type": stored_type(speaker),
                    "outlet": outlet,
                    "published": published,
                    "source_text": a.source_text,
                    "cue": a.cue,
                    "kind": a.kind,
                    "stance": a.stance,
                    "act": a.act,
                    "content": a.content,
                    "relayed_by": stored(a.relayed_by),
                    "addressee": stored(a.addressee),
                    "sentence": a.sentence,
                    "spans": json.dumps(a.spans),
                    "figures": json.dumps(a.figures),
                    "frame": json.dumps(a.frame),
                }
                for a in attributions
            )
        )
    return len(attributions)


def _source_type(db: sqlite_utils.Database, source: int | None) -> str | None:
    row = db.execute("select type from sources where id = ?", [source]).fetchone()
    return row[0] if row else None


def _reindex_text_only_when_it_changes(db: sqlite_utils.Database) -> None:
    """sqlite-utils' full-text triggers re-index a row on any update; grouping
    rewrites claims.claim_group a million times, and the text never changes."""
    for table, columns in (("claims", ["content"]), ("articles", ["title", "text"])):
        trigger = f"{table}_au"
        sql = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [trigger]).fetchone()
        if sql is None or " UPDATE OF " in sql[0].upper():
            continue
        quoted = ", ".join(f'"{c}"' for c in columns)
        old_values = ", ".join(f'old."{c}"' for c in columns)
        new_values = ", ".join(f'new."{c}"' for c in columns)
        db.execute(f'drop trigger "{trigger}"')
        db.execute(
            f'create trigger "{trigger}" after update of {quoted} on "{table}" begin'
            f' insert into "{table}_fts" ("{table}_fts", rowid, {quoted}) values (\'delete\', old.rowid, {old_values});'
            f' insert into "{table}_fts" (rowid, {quoted}) values (new.rowid, {new_values});'
            " end"
        )
