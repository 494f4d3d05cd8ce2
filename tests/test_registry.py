"""The source registry (bundled data, user files) and cross-article identity."""

from __future__ import annotations

import pytest
import sqlite_utils

from claimtrack.model import SourceRef
from claimtrack.sources.identity import fold_person, match_existing, same_person
from claimtrack.sources.registry import Registry, RegistryError, normalize
from claimtrack.store import ensure_schema, source_id


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def chain(ref: SourceRef | None) -> list[str]:
    return [ref.name] + chain(ref.parent) if ref else []


@pytest.mark.parametrize(
    "surface,expected",
    [
        ("OSDH", ["Syrian Observatory for Human Rights"]),
        ("the Britain-based monitor", ["Syrian Observatory for Human Rights"]),
        ("a war monitor", ["Syrian Observatory for Human Rights"]),
        ("Observatoire syrien des droits de l’homme", ["Syrian Observatory for Human Rights"]),
        ("Rami Abdulrahman", ["Rami Abdel Rahmane", "Syrian Observatory for Human Rights"]),
        ("AFP", ["AFP"]),
        ("Agence France-Presse", ["AFP"]),
        ("Russian military", ["Russian army", "Russian government"]),
        ("Russian media", ["Russian agencies", "Russian government"]),
        ("the Kremlin", ["Russian government"]),
        ("Russian Defence Ministry", ["Russian defence ministry", "Russian government"]),
        ("ministère russe de la Défense", ["Russian defence ministry", "Russian government"]),
        ("TASS", ["TASS", "Russian government"]),
        ("Ria Novosti", ["RIA Novosti", "Russian government"]),
        ("SANA", ["SANA", "Syrian government"]),
        ("armée syrienne", ["Syrian army", "Syrian government"]),
        ("HTS “government”", ["Syrian Salvation Government", "Hayat Tahrir al-Sham"]),
        ("Syrian Civil Defence", ["White Helmets"]),
        ("Casques blancs", ["White Helmets"]),
        ("Médecins Sans Frontières", ["MSF"]),
        ("CICR", ["ICRC"]),
        ("the UN refugee agency", ["UNHCR", "United Nations"]),
        ("OMS", ["WHO"]),  # a specialised agency, not a body of the Secretariat
        ("France's military intelligence service", ["Direction du renseignement militaire", "French government"]),
        ("IDF", ["Israeli army", "Israeli government"]),
        ("Pentagon", ["US defense department", "US government"]),
        ("Sudanese Armed Forces", ["Sudanese army", "Sudanese government"]),
        ("Kremlin spokesman", ["Dmitry Peskov", "Russian government"]),
        ("Anadolu Agency", ["Anadolu", "Turkish government"]),
        ("The US", ["US government"]),
    ],
)
def test_lookup(registry, surface, expected):
    assert chain(registry.lookup(surface)) == expected


def test_bundled_types_and_no_unknown_surface(registry):
    assert registry.lookup("a man in a café") is None
    assert {registry.entries[n].type for n in ("AFP", "Reuters", "Interfax")} == {"news_agency"}
    assert {registry.entries[n].type for n in ("TASS", "SANA", "IRNA", "Xinhua", "WAM", "KUNA")} == {"official_media"}
    assert registry.entries["OCHA"].parent == "United Nations"


def write(tmp_path, text, name="mine.yml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_user_file_extends_and_overrides(tmp_path):
    registry = Registry.load([write(tmp_path, """
sources:
  - name: Tell Safra local council
    type: government
    parent: Syrian Salvation Government
    aliases: [the local council]
  - name: AFP
    type: news_agency
    aliases: [Agence France-Presse, the French agency]
""")])
    assert chain(registry.lookup("the local council")) == [
        "Tell Safra local council", "Syrian Salvation Government", "Hayat Tahrir al-Sham"]
    assert registry.lookup("the French agency").name == "AFP"
    assert registry.lookup("AFP news agency") is None  # the user's entry replaced the bundled one


@pytest.mark.parametrize(
    "text,message",
    [
        ("sources: [", "mine.yml: not valid YAML"),
        ("- just a list", "mine.yml: expected a mapping with a 'sources:' list"),
        ("sources:\n  - type: ngo", "mine.yml: source #1 has no name"),
        ("sources:\n  - {name: X, type: militia}", "mine.yml: source 'X' has unknown type 'militia'"),
        ("sources:\n  - {name: X, aliases: Y}", "mine.yml: source 'X': aliases must be a list of strings"),
        ("sources:\n  - {name: X, parent: Nobody}", "mine.yml: source 'X' has unknown parent 'Nobody'"),
        ("sources:\n  - {name: X, parent: Y}\n  - {name: Y, parent: X}", "mine.yml: parents loop: X > Y > X"),
        ("sources:\n  - {name: X, aliases: [Z]}\n  - {name: Y, aliases: [z]}", "mine.yml: 'z' names both 'X' and 'Y'"),
    ],
)
def test_bad_user_file_names_the_file(tmp_path, text, message):
    with pytest.raises(RegistryError) as error:
        Registry.load([write(tmp_path, text)])
    assert str(error.value).startswith(str(tmp_path / message.split(":")[0]) + message[len("mine.yml"):])


def test_missing_user_file(tmp_path):
    with pytest.raises(RegistryError, match="nope.yml: cannot read registry file"):
        Registry.load([str(tmp_path / "nope.yml")])


def test_normalize():
    assert normalize("  The  “Britain-based” monitor, ") == '"britain-based" monitor'


# -- cross-article identity -------------------------------------------------------


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Rami Abdel Rahmane", "Rami Abdel Rahman", True),
        ("Rami Abdel Rahmane", "Rami Abdulrahman", True),
        ("Rami Abdel Rahmane", "Rami Abd al-Rahman", True),
        ("R. Abdel Rahman", "Rami Abdulrahman", True),
        ("Mohammad al-Bashir", "Mohammed al-Bashir", True),
        ("Ahmad Yassin", "Ahmed Yassine", True),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", True),
        ("Hussein al-Sharaa", "Ahmed al-Sharaa", False),  # a shared surname is not enough
        ("Rami Abdel Rahmane", "Rami Makhlouf", False),
        ("Abdel Rahmane", "Rami Abdel Rahmane", False),  # a bare surname needs more (below)
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same


def test_fold_person():
    assert fold_person("Rami Abd al-Rahman") == ("rami", "abdrahman")
    assert fold_person("Abdel Rahmane") == (None, "abdrahman")


@pytest.fixture
def db():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    return db


SOHR = SourceRef("Syrian Observatory for Human Rights", "ngo")


def test_source_id_joins_other_spellings(db):
    rami = source_id(db, SourceRef("Rami Abdel Rahmane", "person", SOHR))
    assert source_id(db, SourceRef("Rami Abdulrahman", "person")) == rami
    assert source_id(db, SourceRef("Abdel Rahman", "person", SourceRef("SOHR", "ngo"))) == rami  # same organisation
    assert source_id(db, SourceRef("Syrian Observatory of Human Rights", "ngo")) == 1
    assert source_id(db, SourceRef("the war monitor", "ngo")) == 1
    hrw = source_id(db, SourceRef("Human Rights Watch", "ngo"))
    assert source_id(db, SourceRef("HRW", "ngo")) == hrw
    assert list(db.query("select id, name, type, parent from sources")) == [
        {"id": 1, "name": "Syrian Observatory for Human Rights", "type": "ngo", "parent": None},
        {"id": 2, "name": "Rami Abdel Rahmane", "type": "person", "parent": 1},
        {"id": 3, "name": "Human Rights Watch", "type": "ngo", "parent": None},
    ]
    assert [r[0] for r in db.execute("select alias from source_aliases where source = 2 order by alias")] == [
        "Abdel Rahman", "Rami Abdel Rahmane", "Rami Abdulrahman"]


def test_identity_is_conservative(db):
    hussein = source_id(db, SourceRef("Hussein al-Sharaa", "person"))
    assert source_id(db, SourceRef("Ahmed al-Sharaa", "person")) != hussein
    assert match_existing(db, SourceRef("al-Sharaa", "person")) is None  # whose?
    army = source_id(db, SourceRef("Syrian army", "military"))
    assert match_existing(db, SourceRef("Syrian army", "person")) is None  # another family
    assert match_existing(db, SourceRef("SA", "military")) is None  # too short for an acronym
    assert army == 3


def test_a_group_of_officials_is_no_person_with_an_initial(db):
    us = source_id(db, SourceRef("U.S. officials", "person", SourceRef("US government", "government")))
    assert source_id(db, SourceRef("Ukrainian officials", "person")) != us
    assert not same_person("U.S. officials", "Ukrainian officials")
    assert same_person("J. Smith", "John Smith")


def test_a_state_however_written_and_one_spelling_are_one_key(registry, db):
    assert normalize("Russia's Defense Ministry") == normalize("the Russian defence ministry")
    assert registry.lookup("Russia's Defense Ministry").name == "Russian defence ministry"
    assert normalize("ministère russe de la Défense") == normalize("Ministère russe de la défense") == "ministère russia de la défense"
    sudan = source_id(db, SourceRef("Sudan's Interior Ministry", "government"))
    assert source_id(db, SourceRef("Sudanese interior ministry", "government")) == sudan
    assert source_id(db, SourceRef("Chad's interior ministry", "government")) != sudan
    assert normalize("US officials") != normalize("us officials")  # "us" is no place


def test_intelligence_services_belong_to_their_state(registry):
    assert chain(registry.lookup("la DRM")) == ["Direction du renseignement militaire", "French government"]
    assert chain(registry.lookup("Commandement du renseignement des Forces canadiennes"))[-1] == "Canadian government"
