"""Bad input: one clear line on stderr, exit code 1, the rest ingested, stored data kept."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from claimtrack import ingest as ingest_module
from claimtrack.cli import cli
from claimtrack.extract.resolve import DocumentSources
from claimtrack.nlp import INSTALL_HINT
from claimtrack.sources import identity, scope
from claimtrack.sources.scope import dateline_place

from .ingest_helpers import SEED_ARTICLE, run_ingest, snapshot, summary, write_articles

GOOD_TEXT = "Rescuers said on Sunday that the bridge had reopened.\n"


@pytest.fixture
def stored_db(tmp_path):
    """A database holding the seed article, and a snapshot of its rows."""
    db = tmp_path / "claims.db"
    assert run_ingest(db, SEED_ARTICLE, "--jobs", "1").exit_code == 0
    return db, snapshot(db)


def assert_kept(db, before):
    after = snapshot(db)
    for table, rows in before.items():
        assert rows <= after[table], f"rows of {table} lost or altered"


def write(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


NOT_UTF8 = bytes(range(128, 256)) * 3  # no encoding makes text of this
HTML_WITHOUT_TEXT = "<html><head><title>Menu</title></head><body><script>var a = 1;</script></body></html>"
HTML_MENU_ONLY = (
    "<html><head><title>menu</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
    "<li><a href='/world'>World news</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
    "<div class='menu'><p>Opinion</p><p>Sign in to your account</p><p>Contact us</p></div></body></html>"
)
BAD_FILES = [
    # file name, content, ":line" in the message, message, good records in the file
    ("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "binary file (contains NUL bytes), not text", 0),
    ("bad.txt", NOT_UTF8, "", "cannot decode: not UTF-8 and no other text encoding fits", 0),
    ("bad.txt", b"", "", "empty file", 0),
    ("bad.jsonl", '{"text": "A said B."}\n{"text": "C said\n', ":2", "malformed JSON: Unterminated string", 1),
    ("bad.jsonl", '{"title": "No body"}\n', ":1", 'record has no "text"', 0),
    ("bad.json", '[{"text": "A said B."},\n oops]', "", "malformed JSON at line 2", 0),
    ("bad.html", HTML_WITHOUT_TEXT, "", "no article text found in the HTML", 0),
    ("menu.html", HTML_MENU_ONLY, "", "no article text found in the HTML", 0),
    ("bad.txt", "The minister said so. " * 25, "", "file is 550 bytes, over the limit of 500 (--max-bytes)", 0),
]
BAD_FILE_IDS = [
    "binary", "undecodable", "empty", "malformed json line", "record without text",
    "malformed json file", "html without text", "html menu only", "over-large",
]


def test_missing_path(stored_db, tmp_path):
    db, before = stored_db
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    result = run_ingest(db, tmp_path / "nowhere.txt", good, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'nowhere.txt'}: no such file or directory\n"
    assert summary(result)["articles"] == 1
    assert_kept(db, before)


def test_extractor_failure_on_one_article(stored_db, tmp_path, monkeypatch):
    class FailsOnBoom:
        def extract_many(self, articles, batch_size):
            for article in articles:
                if "BOOM" in article.text:
                    raise ValueError("cannot parse")
                yield article, []

    monkeypatch.setattr(ingest_module, "load_extractor", lambda model, registry_files: FailsOnBoom())
    db, before = stored_db
    bad = write(tmp_path / "bad.txt", "BOOM, the officials said.")
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    result = run_ingest(db, bad, good, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"{bad}: extraction failed: ValueError: cannot parse\n"
    assert summary(result)["articles"] == 1
    assert_kept(db, before)


def test_not_a_sqlite_database_is_left_untouched(tmp_path):
    db = write(tmp_path / "notes.db", "My notes, not a database.\n" * 100)
    original = db.read_bytes()
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db}: not a SQLite database (left untouched)\n"
    assert db.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, -shm or journal


def test_corrupt_sqlite_database_is_reported(tmp_path):
    db = write(tmp_path / "broken.db", b"SQLite format 3\x00" + b"\xff" * 4000)
    original = db.read_bytes()
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: ") and len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == original


@pytest.mark.parametrize("where", ["directory", "missing directory", "file as directory", "fifo"])
def test_unusable_database_path(tmp_path, where):
    write(tmp_path / "file", "x")
    os.mkfifo(tmp_path / "fifo.db")  # opened, it would block the run
    db = {
        "directory": tmp_path,
        "missing directory": tmp_path / "nowhere" / "claims.db",
        "file as directory": tmp_path / "file" / "claims.db",
        "fifo": tmp_path / "fifo.db",
    }[where]
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: ") and len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_database(stored_db):
    db, before = stored_db
    db.chmod(0o444)
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db}: database is not writable\n"
    assert_kept(db, before)


def test_database_where_nobody_can_write():
    # /proc takes no new files, not even from root (the test above needs a non-root user)
    db = Path("/proc/claimtrack-test.db")
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: ") and len(result.stderr.splitlines()) == 1
    assert not db.exists()


def test_empty_database_file_is_created(tmp_path):
    db = write(tmp_path / "claims.db", b"")
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone() == (1,)


@pytest.mark.parametrize("how", ["--model", "CLAIMTRACK_MODEL"])
def test_missing_spacy_model(stored_db, how, monkeypatch):
    db, before = stored_db
    args = ["--model", "xx_no_such_model"] if how == "--model" else []
    if how == "CLAIMTRACK_MODEL":
        monkeypatch.setenv("CLAIMTRACK_MODEL", "xx_no_such_model")
    result = run_ingest(db, SEED_ARTICLE, "--jobs", "1", *args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "xx_no_such_model" in result.stderr and INSTALL_HINT in result.stderr
    assert_kept(db, before)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_registry_file_stops_the_run_in_one_line(stored_db, tmp_path, jobs):
    db, before = stored_db
    registry = write(tmp_path / "registry.yml", "sources: [\n  - broken")
    corpus = write_articles(tmp_path / "corpus", 40)[0].parent  # enough batches for a pool
    result = run_ingest(db, corpus, "--registry", registry, "--jobs", jobs)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot start the extractor: {registry}: not valid YAML")
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(db) == before


# -- whatever goes wrong with one article fails that article alone -------------

BOOMTOWN_RECORDS = [
    "Rescuers said on Sunday that the bridge had reopened.",
    "The Boomtown council said the bridge had collapsed.",
    "Firefighters said on Monday that the blaze was out.",
]


def fail_for_boomtown(function, error):
    """`function`, raising `error` when any argument names Boomtown."""
    def failing(*args, **kwargs):
        if "Boomtown" in repr(args):
            raise error
        return function(*args, **kwargs)
    return failing


@pytest.mark.parametrize(
    ("owner", "attribute", "step", "error"),
    [
        (DocumentSources, "resolve", "extraction", RecursionError("maximum recursion depth exceeded")),
        (identity, "match_existing", "storing", ValueError("source 'Boomtown council'\nis its own ancestor")),
    ],
    ids=["extraction", "storing"],
)
def test_one_article_failing_fails_alone(stored_db, tmp_path, monkeypatch, owner, attribute, step, error):
    monkeypatch.setattr(owner, attribute, fail_for_boomtown(getattr(owner, attribute), error))
    db, before = stored_db
    records = tmp_path / "wire.jsonl"
    records.write_text("".join(json.dumps({"text": text}) + "\n" for text in BOOMTOWN_RECORDS), "utf-8")
    result = run_ingest(db, records, "--jobs", "1")
    assert result.exit_code == 1
    one_line = " ".join(str(error).split())
    assert result.stderr == f"{records}:2: {step} failed: {type(error).__name__}: {one_line}\n"
    assert (summary(result)["articles"], summary(result)["failed"]) == (2, 1)
    assert_kept(db, before)
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("select text from articles")}
        assert not any("Boomtown" in text for text in stored)  # its transaction rolled back
        assert {BOOMTOWN_RECORDS[0], BOOMTOWN_RECORDS[2]} <= stored
        assert conn.execute("select count(*) from sources where name like '%Boomtown%'").fetchone() == (0,)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("A spokesman for an aid group said the convoy was stopped at the border.", "the convoy was stopped at the border"),
        ("An official at a human rights group, Ahmed Salem, said the prisoners were beaten.", "the prisoners were beaten"),
    ],
)
def test_a_body_named_only_later_is_no_parent(tmp_path, text, content):
    # "a ... group" waits to be named later: it never became anyone's parent
    db = tmp_path / "claims.db"
    result = run_ingest(db, write(tmp_path / "a.txt", text + "\nThe group later said it would appeal.\n"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select sources.parent from claims join sources on sources.id = claims.source where content = ?", [content]
        ).fetchall()
    assert rows == [(None,)]


# -- hostile input: one line each, never a traceback, the rest still stored ----

GOOD_RECORD = json.dumps({"text": "Firefighters said on Monday that the blaze was out."}) + "\n"
HOSTILE_FILES = [
    # file name, content, ":line" in the message, message, good records in the file
    ("deep.json", "[" * 100_000 + "]" * 100_000, "", "JSON nested too deeply", 0),
    ("deep.jsonl", GOOD_RECORD + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", ":2", "JSON nested too deeply", 1),
    ("number.jsonl", '{"text": "The army said so.", "id": ' + "7" * 5000 + "}\n" + GOOD_RECORD, ":1",
     "a number of 5,000 digits (at most 4,300)", 1),
    ("number.json", '{"text": "The army said so.", "views": -' + "7" * 5000 + "}", "", "a number of 5,001 digits (at most 4,300)", 0),
    ("types.jsonl", GOOD_RECORD + '{"text": ["The army said so."]}\n', ":2", '"text" must be a non-empty string', 1),
    ("fields.jsonl", '{"text": "The army said so.", "published": {"year": 2024}}\n' + GOOD_RECORD, ":1",
     '"published" must be a string', 1),
    ("nul.jsonl", '{"text": "The army said\\u0000 so."}\n' + GOOD_RECORD, ":1", '"text" contains a NUL character', 1),
    ("surrogate.jsonl", GOOD_RECORD + '{"text": "The army said \\ud83d so."}\n', ":2",
     '"text" contains an invalid surrogate (\\ud83d)', 1),
    ("mixed.txt", "Syria’s army said the bridge fell.\n".encode() + "L'armée a déclaré que le pont était tombé.\n".encode("latin-1"),
     "", "line 2 is not UTF-8 but other lines are: save the file in one encoding", 0),
    ("long.txt", "The army said the bridge fell. " * 40, "", "article is 1,240 characters, over the limit of 1,000 (--max-chars)", 0),
]
HOSTILE_IDS = [
    "deep json", "deep json line", "5000 digits", "5000 digits negative", "text not a string", "field not a string",
    "NUL", "lone surrogate", "mixed encodings", "over max-chars",
]


@pytest.mark.parametrize(
    ("name", "content", "line", "message", "good_records", "limit"),
    [(*row, ("--max-bytes", "500")) for row in BAD_FILES] + [(*row, ("--max-chars", "1000")) for row in HOSTILE_FILES],
    ids=BAD_FILE_IDS + HOSTILE_IDS,
)
def test_bad_file_is_reported_and_the_rest_ingested(stored_db, tmp_path, name, content, line, message, good_records, limit):
    db, before = stored_db
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    result = run_ingest(db, bad, good, "--jobs", "1", *limit)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}{line}: {message}")
    assert len(result.stderr.splitlines()) == 1  # one line, no traceback
    assert (summary(result)["articles"], summary(result)["failed"]) == (1 + good_records, 1)
    assert_kept(db, before)


def test_a_fifo_is_refused_not_waited_on(stored_db, tmp_path):
    db, before = stored_db
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    for paths in ([fifo, good], [tmp_path]):  # named, or met inside a folder
        result = run_ingest(db, *paths, "--jobs", "1")
        assert result.exit_code == 1
        assert result.stderr == f"{fifo}: not a regular file (a FIFO, socket or device), not read\n"
    assert_kept(db, before)


def test_links_that_loop_are_named_and_never_followed(stored_db, tmp_path):
    db, before = stored_db
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "again").symlink_to(folder)  # a folder inside itself
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    write(folder / "good.txt", GOOD_TEXT)
    result = run_ingest(db, folder, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == f"{folder / 'loop.txt'}: no such file (a broken or looping symbolic link)\n"
    assert (summary(result)["articles"], summary(result)["skipped"], summary(result)["failed"]) == (1, 1, 1)
    result = run_ingest(db, folder / "loop.txt", "--jobs", "1")
    assert result.stderr == f"{folder / 'loop.txt'}: no such file or directory\n"
    assert_kept(db, before)


def test_control_characters_in_file_names_are_escaped(stored_db, tmp_path):
    db, _ = stored_db
    bad = write(tmp_path / "evil\n\x1b[31mname.txt", b"")
    result = run_ingest(db, bad, "--jobs", "1")
    assert result.stderr == f"{tmp_path}/evil\\n\\x1b[31mname.txt: empty file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named(stored_db, tmp_path):
    db, before = stored_db
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    write(tmp_path / "in" / "good.txt", GOOD_TEXT)
    locked.chmod(0)
    try:
        result = run_ingest(db, tmp_path / "in", "--jobs", "1")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"{locked}: cannot read directory: Permission denied\n"
    assert summary(result)["articles"] == 1
    assert_kept(db, before)


# -- databases that are not ours, or damaged: refused before anything is written --

COMMANDS = {
    "ingest": lambda db: ["ingest", str(db), str(SEED_ARTICLE), "--jobs", "1"],
    "check": lambda db: ["check", str(db), "rebels captured Aleppo"],
    "sources": lambda db: ["sources", str(db)],
    "sources alias": lambda db: ["sources", str(db), "alias", "OSDH", "Syrian Observatory for Human Rights"],
    "corroborate": lambda db: ["corroborate", str(db)],
}


def run(*args):
    return CliRunner().invoke(cli, list(args))


def foreign_database(path: Path, tables: dict) -> Path:
    db = sqlite_utils.Database(path)
    for name, rows in tables.items():
        db[name].insert_all(rows, pk="id")
    db.close()
    return path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"claims": [{"id": 1, "who": "me", "what": "a claim"}]},
         "its table 'claims' has no article, content, cue, kind, sentence, source, source_text, spans, stance"),
        ({"notes": [{"id": 1, "text": "buy milk"}]}, "it holds other tables (notes); left untouched"),
    ],
    ids=["same table name", "other tables"],
)
def test_a_foreign_database_is_left_byte_for_byte_untouched(tmp_path, command, tables, message):
    db = foreign_database(tmp_path / "other.db", tables)
    original = db.read_bytes()
    result = run(*COMMANDS[command](db))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: not a claimtrack database: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # not switched to WAL either


def damaged_copy(db: Path, tmp_path: Path, page: int) -> Path:
    """The database with one whole page overwritten, as a disk or a bad copy does."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
        page_size = conn.execute("pragma page_size").fetchone()[0]
    copy = tmp_path / f"damaged-{page}.db"
    data = bytearray(db.read_bytes())
    data[page_size * page : page_size * (page + 1)] = b"\xab" * page_size
    copy.write_bytes(bytes(data))
    return copy


@pytest.mark.parametrize("page", [3, 9, 20])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_damaged_database_is_refused_in_one_line(stored_db, tmp_path, page, command):
    db, _ = stored_db
    damaged = damaged_copy(db, tmp_path, page)
    original = damaged.read_bytes()
    result = run(*COMMANDS[command](damaged))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {damaged}: ") and len(result.stderr.splitlines()) == 1
    assert "damaged" in result.stderr or "malformed" in result.stderr
    assert damaged.read_bytes() == original


def test_a_truncated_database_is_refused_in_one_line(stored_db, tmp_path):
    db, _ = stored_db
    truncated = write(tmp_path / "truncated.db", damaged_copy(db, tmp_path, 0).read_bytes()[:8192])
    for command in COMMANDS:
        result = run(*COMMANDS[command](truncated))
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, (command, result.output)


BAD_DATABASES = {
    "not sqlite": lambda db, tmp_path: write(tmp_path / "junk.db", b"hello, not a database at all"),
    "foreign": lambda db, tmp_path: foreign_database(tmp_path / "other.db", {"claims": [{"id": 1, "who": "me"}]}),
    "damaged": lambda db, tmp_path: damaged_copy(db, tmp_path, 9),
    "truncated": lambda db, tmp_path: write(tmp_path / "truncated.db", damaged_copy(db, tmp_path, 0).read_bytes()[:8192]),
    "missing": lambda db, tmp_path: tmp_path / "missing.db",
}


@pytest.mark.parametrize("kind", BAD_DATABASES)
def test_serve_refuses_a_bad_database_in_one_line(stored_db, tmp_path, monkeypatch, kind):
    import uvicorn

    def serving(*args, **kwargs):
        raise AssertionError("served a database it should have refused")

    monkeypatch.setattr(uvicorn, "run", serving)
    bad = BAD_DATABASES[kind](stored_db[0], tmp_path)
    original = bad.read_bytes() if bad.exists() else None
    result = run("serve", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: ") and len(result.stderr.splitlines()) == 1, result.output
    assert (bad.read_bytes() if bad.exists() else None) == original


def test_looking_never_writes_and_works_on_a_read_only_database(stored_db):
    db, before = stored_db
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("pragma wal_checkpoint(truncate)")
    original = db.read_bytes()
    db.chmod(0o444)
    try:
        assert run("check", str(db), "rebels captured Aleppo").exit_code == 0
        listed = run("sources", str(db), "--json")
        assert listed.exit_code == 0 and "Syrian Observatory for Human Rights" in listed.stdout
    finally:
        db.chmod(0o644)
    assert db.read_bytes() == original
    assert snapshot(db) == before


# -- two writers at once ---------------------------------------------------------


def test_two_ingests_on_one_database_at_once_both_complete(tmp_path):
    db = tmp_path / "claims.db"
    first = write_articles(tmp_path / "first", 12, start=0)
    second = write_articles(tmp_path / "second", 12, start=6)  # 6 articles in common
    command = [sys.executable, "-c", "from claimtrack.cli import cli; cli()", "ingest", str(db)]
    runs = [
        subprocess.Popen([*command, str(paths[0].parent), "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for paths in (first, second)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("select count(*), count(distinct sha256) from articles").fetchone() == (18, 18)
        per_article = set(conn.execute("select count(*) from claims group by article").fetchall())
        ungrouped = conn.execute("select count(*) from claims where claim_group is null").fetchone()[0]
    assert len(per_article) == 1  # every article stored whole, once
    assert ungrouped == 0


# -- aliases that show nothing or hide something ---------------------------------


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("", "an alias cannot be empty"),
        ("   \t ", "an alias cannot be empty"),
        ("\u200b", "an alias may not hold control or invisible (zero-width) characters"),
        ("OS\u200dDH", "an alias may not hold control or invisible (zero-width) characters"),
        ("OSDH\x1b[2J", "an alias may not hold control or invisible (zero-width) characters"),
        ("O" * 100_000, "an alias is at most 200 characters (this one has 100,000)"),
    ],
    ids=["empty", "whitespace", "zero-width", "zero-width inside", "escape sequence", "100 KB"],
)
def test_an_alias_that_shows_nothing_or_hides_something_is_refused(stored_db, alias, message):
    db, before = stored_db
    result = run("sources", str(db), "alias", alias, "Syrian Observatory for Human Rights")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert snapshot(db) == before


def test_a_source_described_through_itself_is_stored(tmp_path):
    db = tmp_path / "claims.db"
    text = "The spokesman of " + "the ministry of " * 300 + "the ministry said the bridge was closed.\n"
    result = run_ingest(db, write(tmp_path / "a.txt", text), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert summary(result)["claims"] == 1


def test_serve_keeps_answering_while_an_ingest_writes(stored_db):
    import asyncio

    from claimtrack.serve import make_datasette

    db, _ = stored_db
    with closing(sqlite3.connect(db, timeout=1)) as writer:
        writer.execute("begin immediate")  # what each article's transaction does first
        writer.execute("insert into sources (name, type) values ('Port Authority', 'government')")
        ds = make_datasette(db)
        response = asyncio.run(ds.client.get("/claims/claims.json?_shape=array&_size=5"))
        assert response.status_code == 200 and len(response.json()) == 5
        writer.rollback()


@pytest.mark.parametrize("path", ["/claims/claims", "/claims/claims_detail", "/claims/find_source", "/claims/claims/1", "/"])
def test_a_post_to_a_page_is_refused_with_405_and_changes_nothing(stored_db, path):
    import asyncio

    from claimtrack.serve import make_datasette

    db, before = stored_db
    response = asyncio.run(make_datasette(db).client.post(path, data={"sql": "delete from claims"}))
    assert (response.status_code, response.headers["allow"]) == (405, "GET, HEAD")
    assert snapshot(db) == before


def test_a_grouping_failure_keeps_the_articles_and_the_next_run_groups_them(tmp_path, monkeypatch):
    db = tmp_path / "claims.db"
    folder = write_articles(tmp_path / "in", 3)[0].parent

    def failing(db, claims):
        raise ValueError("Invalid isoformat string: '09-14'")

    monkeypatch.setattr(ingest_module, "update_groups", failing)
    result = run_ingest(db, folder, "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr == "claim groups: grouping failed: ValueError: Invalid isoformat string: '09-14'\n"
    assert summary(result)["articles"] == 3
    monkeypatch.undo()
    again = run_ingest(db, folder, "--jobs", "1")
    assert again.exit_code == 0 and summary(again)["articles"] == 0
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("select count(*) from claims where claim_group is null").fetchone() == (0,)


def test_a_relay_without_a_speaker_fails_nothing(tmp_path):
    # "I think" relays the claim of "reveals", and names no speaker to resolve
    text = "But I think the minister's speech quietly reveals something important about the war.\n"
    result = run_ingest(tmp_path / "claims.db", write(tmp_path / "a.txt", text), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert summary(result)["articles"] == 1


def test_an_article_reads_its_dateline_once_however_many_officials_it_names(tmp_path, monkeypatch):
    # each titled official named by title alone is the dateline state's; reading
    # the dateline splits the whole text, so once per official was quadratic
    calls = []
    monkeypatch.setattr(scope, "dateline_place", lambda article: calls.append(article.id) or dateline_place(article))
    ministers = ["Mazen Faraya", "Tawfiq Krishan", "Yousef Shamali", "Nadia Rawabdeh", "Khaled Breizat"]
    text = "AMMAN — Foreign Minister Ayman Safadi said the border would reopen on Sunday.\n" + "".join(
        f"Interior Minister {name} said road {n} was open again.\n" for n, name in enumerate(ministers)
    )
    db = tmp_path / "claims.db"
    assert run_ingest(db, write(tmp_path / "a.txt", text), "--jobs", "1").exit_code == 0
    with closing(sqlite3.connect(db)) as conn:
        parents = conn.execute(
            "select distinct parent.name from claims join sources on sources.id = claims.source"
            " join sources parent on parent.id = sources.parent"
        ).fetchall()
    assert parents == [("Jordanian government",)]
    assert len(calls) <= 2  # the article's place, and the titled officials' dateline
