"""Schema and writes, on in-memory databases, comparing literal rows."""

import pytest
import sqlite_utils

from claimtrack.model import Article, Attribution, SourceRef
from claimtrack.store import ensure_schema, save_article

AGENCY = SourceRef("Russian agencies", "news_agency", SourceRef("Russian government", "government"))


def claim(source, content):
    return Attribution(
        source=source, source_text=source.name, cue="said", kind="indirect", stance="asserts",
        content=content, sentence=content + ".", spans={"source": [], "cue": [], "content": []},
    )


def test_facet_copies_follow_sources_and_articles():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    army = SourceRef("Russian army", "military", SourceRef("Russian government", "government"))
    article = Article(text="The army said jets struck.", id="a1", outlet="AFP", published="2024-11-30")
    assert save_article(db, article, [claim(army, "jets struck")]) == 1
    rows = lambda: list(db.query("select source_type, outlet, published from claims"))
    assert rows() == [{"source_type": "military", "outlet": "AFP", "published": "2024-11-30"}]
    db.execute("update sources set type = 'government' where name = 'Russian army'")
    db.execute("update articles set outlet = 'Reuters', published = '2024-12-01' where id = 'a1'")
    assert rows() == [{"source_type": "government", "outlet": "Reuters", "published": "2024-12-01"}]


def test_sources_parents_and_aliases():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    save_article(db, Article(text="x", id="a1"), [claim(AGENCY, "x")])
    assert list(db.query("select s.name, s.type, p.name as parent from sources s left join sources p on p.id = s.parent order by s.id")) == [
        {"name": "Russian government", "type": "government", "parent": None},
        {"name": "Russian agencies", "type": "news_agency", "parent": "Russian government"},
    ]


def test_the_same_article_is_stored_once():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    article = Article(text="Same text.", url="https://example.org/a")
    assert save_article(db, article, [claim(AGENCY, "x")]) == 1
    assert save_article(db, Article(text="Same text."), []) == -1
    assert save_article(db, Article(text="Other text.", url="https://example.org/a"), []) == -1
    assert (db["articles"].count, db["claims"].count) == (1, 1)


def test_a_database_from_before_the_facet_copies_is_upgraded():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    save_article(db, Article(text="x", id="a1", outlet="AFP"), [claim(AGENCY, "x")])
    for trigger in ("claims_facets_source", "sources_facets_type", "articles_facets"):
        db.execute(f"drop trigger {trigger}")
    for column in ("source_type", "outlet", "published"):
        db.execute(f"drop index idx_claims_{column}")
        db.execute(f"drop index idx_claims_by_source_{column}")
    db["claims"].transform(drop={"source_type", "outlet", "published"})
    ensure_schema(db)
    assert list(db.query("select source_type, outlet from claims")) == [{"source_type": "news_agency", "outlet": "AFP"}]
    save_article(db, Article(text="y", id="a2", outlet="Reuters"), [claim(AGENCY, "y")])
    assert [r["outlet"] for r in db.query("select outlet from claims order by id")] == ["AFP", "Reuters"]


def test_full_text_index_follows_content_but_not_grouping():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    save_article(db, Article(text="x", id="a1"), [claim(AGENCY, "jets struck the market")])
    search = lambda q: [r["rowid"] for r in db.query("select rowid from claims_fts where claims_fts match ?", [q])]
    assert search("market") == [1]
    db.execute("update claims set content = 'jets struck the bridge' where id = 1")
    assert (search("market"), search("bridge")) == ([], [1])
    trigger = db.execute("select sql from sqlite_master where name = 'claims_au'").fetchone()[0]
    assert 'update of "content"' in trigger


def parents(db):
    return dict(db.execute("select s.name, p.name from sources s left join sources p on p.id = s.parent"))


def test_a_source_that_is_its_own_ancestor_is_refused_and_nothing_is_stored():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    ministry = SourceRef("Health Ministry", "government")
    office = SourceRef("Press Office", "government", ministry)
    ministry.parent = office
    with pytest.raises(ValueError, match="its own ancestor"):
        save_article(db, Article(text="The office said so.", id="a1"), [claim(office, "so")])
    assert (db["articles"].count, db["sources"].count, db["claims"].count) == (0, 0, 0)


def test_a_parent_that_is_no_resolved_source_is_refused():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    spokesman = SourceRef("Ahmed Salem", "person", parent="an aid group")
    with pytest.raises(ValueError, match="no resolved source"):
        save_article(db, Article(text="Salem said so.", id="a1"), [claim(spokesman, "so")])
    assert (db["articles"].count, db["sources"].count) == (0, 0)


def test_stored_parents_never_loop_across_articles():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    council = SourceRef("Town Council", "government", SourceRef("Regional Authority", "government"))
    save_article(db, Article(text="The council said so.", id="a1"), [claim(council, "so")])
    # a later article has it the other way round: the authority under the council
    authority = SourceRef("Regional Authority", "government", SourceRef("Town Council", "government"))
    save_article(db, Article(text="The authority said so.", id="a2"), [claim(authority, "so")])
    # and a deeper loop: the council's parent under a new body under the council
    board = SourceRef("Water Board", "government", SourceRef("Town Council", "government"))
    above = SourceRef("Regional Authority", "government", board)
    save_article(db, Article(text="The board said so.", id="a3"), [claim(above, "so")])
    assert parents(db) == {"Regional Authority": None, "Town Council": "Regional Authority", "Water Board": "Town Council"}


def test_sources_are_found_again_through_alias_keys_on_old_databases_and_new_aliases():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    monitor = SourceRef("Northern Water Relief Agency", "ngo")
    spokesman = SourceRef("Ahmad Salem", "person")
    save_article(db, Article(text="They said so.", id="a1"), [claim(monitor, "so"), claim(spokesman, "so")])
    # a database from before the keys: its aliases have none
    for index in ("org_key", "org_initials", "acronym", "person_first_surname_length"):
        db.execute(f"drop index idx_source_aliases_{index}")
    db["source_aliases"].transform(drop={"org_key", "org_initials", "acronym", "person_first", "surname_length"})
    ensure_schema(db)
    # an alias added by hand (`claimtrack sources alias`) has none either
    db.execute("insert into source_aliases (alias, source) values ('Salem Hadi Mansour', 2)")
    later = [claim(SourceRef("NWRA", "ngo"), "so"), claim(SourceRef("S. Hadi Mansur", "person"), "so")]
    save_article(db, Article(text="They said so again.", id="a2"), later)
    assert [r[0] for r in db.execute("select source from claims order by id")] == [1, 2, 1, 2]
    assert db.execute("select count(*) from source_aliases where org_key is null").fetchone()[0] == 0
    # keys made by another version's folds are made again
    db.execute("update source_aliases set org_key = 'older', org_initials = null, acronym = null, person_first = null")
    db.execute("update alias_keys_made_with set digest = 'older'")
    ensure_schema(db)
    save_article(db, Article(text="The agency said so.", id="a3"), [claim(SourceRef("the Northern Water Relief Agency", "ngo"), "so")])
    assert db.execute("select source from claims where article = 'a3'").fetchone() == (1,)


def _open_when_released(path, barrier, results):
    from claimtrack.store import open_db

    barrier.wait()  # every process opens the same new file at once
    try:
        open_db(path).conn.close()
        results.put("opened")
    except Exception as exc:  # the failure to report, whatever it is
        results.put(repr(exc))


def test_processes_opening_one_new_database_at_once_all_open_it(tmp_path):
    # switching a new file to WAL mode answered "database is locked" at once,
    # without SQLite's busy wait, to whichever process came second
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    for attempt in range(8):
        path = str(tmp_path / f"claims-{attempt}.db")
        barrier, results = context.Barrier(3), context.Queue()
        processes = [context.Process(target=_open_when_released, args=(path, barrier, results)) for _ in range(3)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        assert [results.get(timeout=5) for _ in processes] == ["opened"] * 3
