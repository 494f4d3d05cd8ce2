"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "fixtures" / "seed" / "aleppo-afp.txt"


# -- Datasette / browse (tests/test_datasette.py, tests/test_browser.py) -------


def ingest_with_cli(db_path: Path, *args: str) -> None:
    """Run the real `claimtrack ingest` command; fail the test if it fails."""
    from click.testing import CliRunner

    from claimtrack.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(db_path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def ingest_text(tmp_path: Path, text: str):
    """The database the real `claimtrack ingest --jobs 1` makes of one plain-text article."""
    import sqlite_utils

    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    db_path = tmp_path / "claims.db"
    ingest_with_cli(db_path, str(article), "--jobs", "1")
    return sqlite_utils.Database(db_path)


@pytest.fixture(scope="session")
def seed_claims_db(tmp_path_factory) -> Path:
    """claims.db holding the seed article, built by the real ingest pipeline."""
    db_path = tmp_path_factory.mktemp("seed") / "claims.db"
    ingest_with_cli(db_path, str(SEED_ARTICLE), "--jobs", "1")
    return db_path
