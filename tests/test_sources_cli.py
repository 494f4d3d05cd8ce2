"""`claimtrack sources DB [alias|merge|parent|type]`: stored claims change at once."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from claimtrack import corroborate
from claimtrack.cli import cli
from claimtrack.store import save_article
from tests.test_corroborate import article, claim, new_db


@pytest.fixture
def db_path(tmp_path):
    """Two origins say the same thing; a third speaker is loose."""
    path = tmp_path / "claims.db"
    db = new_db(str(path))
    save_article(db, article("a", "AFP"), [
        claim("Syrian Observatory for Human Rights", "Russian warplanes struck the market in Tell Safra"),
        claim("the Observatory's spokesman", "Russian warplanes struck the market in Tell Safra", type="person"),
    ])
    save_article(db, article("b", "Reuters"), [
        claim("White Helmets", "Russian warplanes struck the market in Tell Safra"),
    ])
    corroborate.compute_groups(db)
    db.close()
    return path


def run(db_path, *args):
    return CliRunner().invoke(cli, ["sources", str(db_path), *args])


def verdict(db_path) -> tuple[str, int]:
    row = sqlite_utils.Database(db_path)["claim_groups"].get(1)
    return row["verdict"], row["n_origins"]


def test_list(db_path):
    result = run(db_path)
    assert (result.exit_code, result.output) == (0, (
        "claims relayed  source\n"
        "     1       0  Syrian Observatory for Human Rights (ngo)\n"
        "     1       0  the Observatory's spokesman (person)\n"
        "     1       0  White Helmets (ngo)\n"
    ))


def test_list_json(db_path):
    rows = json.loads(run(db_path, "--json").output)
    assert rows[1] == {"id": 2, "name": "the Observatory's spokesman", "type": "person", "parent": None,
                       "claims": 1, "relayed": 0, "aliases": None}


def test_parent_makes_one_origin_and_rejudges(db_path):
    assert verdict(db_path) == ("corroborated", 3)
    result = run(db_path, "parent", "the Observatory's spokesman", "OSDH")
    assert (result.exit_code, result.output) == (0, "\"the Observatory's spokesman\" is now under 'OSDH'\n")
    assert verdict(db_path) == ("corroborated", 2)


def test_parent_from_the_registry_and_loops(db_path):
    assert run(db_path, "parent", "White Helmets", "Syrian Civil Defence").exit_code == 1  # itself
    result = run(db_path, "parent", "Syrian Observatory for Human Rights", "the Observatory's spokesman")
    assert run(db_path, "parent", "the Observatory's spokesman", "Syrian Observatory for Human Rights").output.startswith("Error: ")
    assert result.exit_code == 0
    result = run(db_path, "parent", "White Helmets", "United Nations")  # known to the registry only
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(db_path).execute(
        "select parents.type from sources join sources as parents on parents.id = sources.parent"
        " where sources.name = 'White Helmets'").fetchone() == ("un_agency",)


def test_merge_moves_everything_and_rejudges(db_path):
    result = run(db_path, "merge", "the Observatory's spokesman", "Syrian Observatory for Human Rights", "--merge")
    assert (result.exit_code, result.output) == (
        0, "merged \"the Observatory's spokesman\" into 'Syrian Observatory for Human Rights'\n")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select source, count(*) from claims group by source").fetchall() == [(1, 2), (3, 1)]
    assert db.execute("select source from source_aliases where alias = ?", ["the Observatory's spokesman"]).fetchall() == [(1,)]
    assert db.execute("select count(*) from source_aliases where source = 2").fetchone() == (0,)
    assert db.execute("select count(*) from sources").fetchone() == (2,)
    assert verdict(db_path) == ("corroborated", 2)


def test_alias_of_an_existing_source_merges_it(db_path):
    result = run(db_path, "alias", "the Observatory's spokesman", "OSDH", "--merge")
    assert result.exit_code == 0, result.output
    assert verdict(db_path) == ("corroborated", 2)
    assert run(db_path, "alias", "SCD", "White Helmets").exit_code == 0
    aliases = {row["name"]: row["aliases"] for row in json.loads(run(db_path, "--json").output)}
    assert "SCD" in aliases["White Helmets"].split("; ")


def test_type(db_path):
    result = run(db_path, "type", "the Observatory's spokesman", "journalist")
    assert (result.exit_code, result.output) == (0, "\"the Observatory's spokesman\" is now of type journalist\n")
    # a reporter with no known outlet belongs to the article's: AFP
    origins = json.loads(sqlite_utils.Database(db_path)["claim_groups"].get(1)["origins"])
    assert [o["name"] for o in origins] == ["Syrian Observatory for Human Rights", "AFP", "White Helmets"]
    assert run(db_path, "type", "White Helmets", "charity").exit_code == 2


def test_unknown_source(db_path):
    result = run(db_path, "merge", "Nobody", "White Helmets")
    assert (result.exit_code, result.output) == (1, "Error: no source named 'Nobody'\n")


def state(db_path) -> tuple:
    db = sqlite_utils.Database(db_path)
    return (
        db.execute("select id, name, type, parent from sources order by id").fetchall(),
        db.execute("select alias, source from source_aliases order by alias, source").fetchall(),
        db.execute("select id, source, relayed_by, addressee, source_type from claims order by id").fetchall(),
        db.execute("select id, verdict, n_origins, origins from claim_groups order by id").fetchall(),
    )


def test_folding_a_source_into_another_needs_merge_and_says_what_moves(db_path):
    before = state(db_path)
    result = run(db_path, "alias", "OSDH", "White Helmets")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'OSDH' already names the source 'Syrian Observatory for Human Rights': this would merge"
        " 'Syrian Observatory for Human Rights' into 'White Helmets' and move 1 claim; add --merge to do it"
        " (`undo` reverts it)\n"
    )
    result = run(db_path, "merge", "White Helmets", "OSDH")
    assert (result.exit_code, result.output) == (1, (
        "Error: this would merge 'White Helmets' into 'Syrian Observatory for Human Rights' and move 1 claim;"
        " add --merge to do it (`undo` reverts it)\n"
    ))
    assert state(db_path) == before  # nothing changed


def test_undo_reverts_a_merge_then_the_change_before(db_path):
    initial = state(db_path)
    assert run(db_path, "type", "White Helmets", "other").exit_code == 0
    typed = state(db_path)
    result = run(db_path, "alias", "OSDH", "White Helmets", "--merge")
    assert result.exit_code == 0, result.output
    assert verdict(db_path) == ("corroborated", 2)  # the Observatory is gone into the White Helmets
    result = run(db_path, "undo")
    assert (result.exit_code, result.output) == (
        0, "undid: merge 'Syrian Observatory for Human Rights' 'White Helmets'\n")
    assert state(db_path) == typed
    assert verdict(db_path) == ("corroborated", 3)
    assert run(db_path, "undo").output == "undid: type 'White Helmets' other\n"
    assert state(db_path) == initial
    assert run(db_path, "undo").output == "Error: no change to undo\n"


def test_undo_removes_a_parent_made_from_the_registry(db_path):
    initial = state(db_path)
    assert run(db_path, "parent", "White Helmets", "United Nations").exit_code == 0
    assert run(db_path, "alias", "SCD", "White Helmets").exit_code == 0
    assert run(db_path, "undo").output == "undid: alias 'SCD' 'White Helmets'\n"
    assert run(db_path, "undo").output == "undid: parent 'White Helmets' 'United Nations'\n"
    assert state(db_path) == initial
