"""Where an article's story happens: the countries its title, its dateline
and its claims' places lie in, as the gazetteer knows them.

Stored with each claim's frame (`scope`), so that grouping never joins the
claims of stories in different countries: "more than 300 dead" of an Aleppo
offensive and "35 dead" of a camp shelled near Goma are two tolls, also where
a claim names no place or only places the gazetteer does not know
("Mirebalais", "the Mbuzi camp")."""

from __future__ import annotations

from collections import Counter

from ..model import Article, Attribution
from ..sources.scope import dateline_place
from .frames import gazetteer, places_in_text

TITLE_WEIGHT = 2  # a place the title names is the story's more surely than one a claim names


def story_countries(attributions: list[Attribution], article: Article) -> list[str]:
    """The countries most of the article's places lie in (its title's, its
    dateline's, its claims'): each named at least half as often as the most
    named one (a story may span a border: Kherson's two banks, Gaza and Israel)."""
    places = gazetteer()
    named = Counter()
    for place in places_in_text(article.title or ""):
        named[places.chain(place)[-1]] += TITLE_WEIGHT
    dateline = dateline_place(article)
    if dateline is not None:
        named[places.chain(dateline)[-1]] += 1
    for attribution in attributions:
        for place in (attribution.frame or {}).get("places") or ():
            if place in places.parent:
                named[places.chain(place)[-1]] += 1
    most = max(named.values(), default=0)
    return sorted(country for country, count in named.items() if 2 * count >= most)


def add_story_scope(attributions: list[Attribution], article: Article) -> list[Attribution]:
    """The article's claims, each frame holding its story's countries (`scope`)."""
    countries = story_countries(attributions, article)
    for attribution in attributions:
        if attribution.frame is not None:
            attribution.frame["scope"] = countries
    return attributions
