"""A claim naming nothing of its own (no event, doer, place or count) elaborates
the claim its side made beside it: it tells of the same thing, and joins that
claim's group rather than standing alone."""

from __future__ import annotations

import pytest

from claimtrack.extract import Extractor
from claimtrack.model import Article

WARNING = {
    "en": "The Red Cross warned on Monday that the floodwaters had shifted landmines across the valley.\n",
    "fr": "Selon la Croix-Rouge, les eaux de crue ont déplacé des mines dans toute la vallée.\n",
}
CHIEF = {
    "en": '"We knew where the dangers were. Now we do not," said Anna Berg, the head of the Red Cross demining unit.\n',
    "fr": "« Avant, nous savions où étaient les dangers. Aujourd'hui, nous ne savons plus », a déclaré Anna Berg, "
          "responsable du déminage à la Croix-Rouge.\n",
}
FARMER = {
    "en": '"We knew where the dangers were. Now we do not," said Omar Haddad, a farmer in the valley.\n',
    "fr": "« Avant, nous savions où étaient les dangers. Aujourd'hui, nous ne savons plus », a déclaré Omar Haddad, "
          "un agriculteur de la vallée.\n",
}


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_claim_naming_nothing_tells_of_its_sides_claim_beside_it(extractor, lang):
    warning, chief = extractor.extract(Article(text=WARNING[lang] + CHIEF[lang], lang=lang))
    assert chief.frame["by"] == warning.frame["by"] == "ICRC"
    assert chief.frame["events"] == warning.frame["events"] and "loose_mines" in chief.frame["events"]
    assert "danger" in chief.frame["terms"] and "landmine" not in chief.frame["terms"]  # its own words stay its own


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_another_sides_claim_is_not_elaborated(extractor, lang):
    warning, farmer = extractor.extract(Article(text=WARNING[lang] + FARMER[lang], lang=lang))
    assert farmer.frame["by"] != warning.frame["by"]
    assert farmer.frame["events"] == []


def test_the_claim_after_is_elaborated_when_none_comes_before(extractor):
    chief, warning = extractor.extract(Article(text=CHIEF["en"] + WARNING["en"], lang="en"))
    assert chief.frame["events"] == warning.frame["events"] != []
