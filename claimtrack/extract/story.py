"""Where an article's story happens: the countries its title, its dateline
and its claims' places lie in, as the gazetteer knows them.

Stored with each claim's frame (`scope`), so that grouping never joins the
claims of stories in different countries: "more than 300 dead" of an Aleppo
offensive and "35 dead" of a camp shelled near Goma are two tolls, also where
a claim names no place or only places the gazetteer does not know
("Mirebalais", "the Mbuzi camp").

And what a claim is about when it names nothing of its own: "We knew where
the hazards were. Now we don't know", said right after its speaker's "the
floodwaters shifted landmines", tells of the same mines."""

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


# what an elaborating claim takes from the claim it elaborates: what happened,
# who did it, where, and whether it did (its own words stay its terms)
ELABORATED = ("events", "agent", "with", "places", "neg")
OWN_MATTER = ("events", "places", "counts", "agent", "actors", "shows")


def add_elaborated_frames(attributions: list[Attribution]) -> list[Attribution]:
    """A claim naming no event, doer, place or count elaborates the claim of
    the same side said just before it (else just after it): it takes that
    claim's event, doer, places and polarity, so that it joins that claim's
    group rather than standing alone ("Now we don't know", "Je suis choqué")."""
    frames = [attribution.frame for attribution in attributions]
    for n, frame in enumerate(frames):
        if frame is None or not frame.get("by") or any(frame.get(key) for key in OWN_MATTER):
            continue
        for other in (frames[n - 1] if n else None, frames[n + 1] if n + 1 < len(frames) else None):
            if other is not None and other.get("by") == frame["by"] and other.get("events"):
                attributions[n].frame = {**frame, **{key: other[key] for key in ELABORATED}}
                break
    return attributions
