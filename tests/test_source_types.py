"""A place named like a person ("Nasser Hospital") is no person: the head
noun of a name decides, through lexicon.yml's type_nouns."""

from __future__ import annotations

from .conftest import ingest_text

ARTICLE = """Strikes hit southern Gaza overnight, killing at least 12 people, according to Nasser Hospital.

The hospital's director, Atef al-Hout, said the generators had run out of fuel.

Al-Aqsa Martyrs Hospital said it had received 30 wounded people.
"""


def test_a_hospital_is_an_organisation_and_its_director_a_person(tmp_path):
    rows = ingest_text(tmp_path, ARTICLE).query(
        "select sources.name, sources.type, parents.name as parent from sources"
        " left join sources as parents on parents.id = sources.parent"
    )
    sources = {row["name"]: (row["type"], row["parent"]) for row in rows}
    assert sources["Nasser Hospital"] == ("other", None)
    assert sources["Al-Aqsa Martyrs Hospital"] == ("other", None)
    assert sources["Atef al-Hout"] == ("person", "Nasser Hospital")


def test_a_company_the_recogniser_calls_a_person_is_no_person(tmp_path):
    db = ingest_text(tmp_path, "Satellite images showed damage to the roof, according to Maxar Technologies.\n")
    assert [(row["name"], row["type"]) for row in db["sources"].rows] == [("Maxar Technologies", "other")]


def test_a_demonym_before_a_body_and_title_says_whose_body_it_is(tmp_path):
    # a Congo dateline: the article's state must not take a Rwandan spokeswoman
    text = (
        "GOMA, Congo (AP) - The army said rebels had shelled a camp near the city.\n"
        "Rwandan government spokeswoman Yolande Makolo said Rwanda's troops had nothing to do with the shelling.\n"
    )
    rows = ingest_text(tmp_path, text).query(
        "select sources.name, parents.name as parent from sources"
        " join sources as parents on parents.id = sources.parent where sources.name = 'Yolande Makolo'"
    )
    assert [(row["name"], row["parent"]) for row in rows] == [("Yolande Makolo", "Rwandan government")]


def test_people_reached_by_an_outlet_are_not_named_after_it(tmp_path):
    text = (
        "Doctors contacted by AFP said the hospital had run out of fuel.\n"
        "Residents reached by telephone said the shelling had not stopped.\n"
    )
    names = {row["name"] for row in ingest_text(tmp_path, text)["sources"].rows}
    assert names == {"doctors", "residents"}


def test_a_registry_name_the_parser_split_and_took_for_a_person_is_the_registry_body(tmp_path):
    # the small model splits the name into subjects of "said" and calls part of it a person
    db = ingest_text(tmp_path, "Hayat Tahrir al-Sham (HTS) said its fighters had taken the airport.\n")
    assert [(row["name"], row["type"]) for row in db["sources"].rows] == [("Hayat Tahrir al-Sham", "armed_group")]
    assert [row["source_text"] for row in db["claims"].rows] == ["Hayat Tahrir al-Sham (HTS)"]
