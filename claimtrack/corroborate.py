"""Corroboration: which claims say the same thing, and from how many origins.

A claim's ORIGIN is who it ultimately comes from: the top of its speaker's
parent chain (a ministry -> its government, a person -> their organisation, a
reporter -> their outlet). Relays and outlets only carry a claim, so the
Russian army quoted by Russian agencies in an AFP dispatch has one origin, the
Russian government.

Claims are grouped by what they assert, read from the frame stored with each
claim (extract/frames.py): taking claims in id order, each joins the
best-matching group among the recent groups sharing a block key with it
(judged against the group's centroid, what all its members share) or starts
a new one. Because the order is fixed and centroids are stored,
`update_groups` on each new batch and a full `compute_groups` produce the
same groups, and the work per claim is bounded by WINDOW whatever the size
of the database.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from wordfreq import zipf_frequency

from .extract.frames import (
    CLOCK, MOTIVE, UNDETERMINED, WORD, actor_key, anchor_days, count_words, event_lexicon, events_file, frame_of, gazetteer,
    places_in_text, units,
)
from .figures import figures_in
from .sources.registry import default_registry

VERDICTS = ("corroborated", "single_origin", "contested")
WINDOW = 16  # candidate groups per block key: the most recent ones
SIDE_WINDOW = 6  # per side or counted thing alone: keys that many groups share
RARE_KEYS = 2  # a claim's rarest words that key it
PLACE_NAMED = 0.25  # `check`: a group in the place the question names ranks above one that names none
COUNT_ASKED = 0.5  # `check`: a question about a toll ranks the groups counting it first
CHUNK = 20_000  # claims read and written per round trip
APPROX = 0.1  # "around 70" accepts 63..77
LABEL_LENGTH = 120

# --- claim features: read from the frame stored with each claim ---

WEIGHT_CEILING = 7.0  # zipf frequency at which a word weighs nothing ("the" is 7.7)
CENTROID_TERMS = 64  # a group keeps its heaviest terms only: memory stays flat
SAME_ARTICLE_SIMILARITY = 0.5  # two claims of one article must say much the same
MIN_SIMILARITY = 0.3
CONTAINED = 0.5  # the shorter of two wordings wholly inside the other counts as half a match of the whole
PREDICATE_WEIGHT = 2.5  # a head as rare as "restore" or "misfire" tells the proposition; "say", "be", "hit" do not
FIGURE_TERM_WEIGHT = 6.0  # "12.7 metres", "1,364 people": as telling as a rare word, not a name
EVENT_TERM_WEIGHT = 2.5  # a class of event weighs as a word like "strike"
NAME_WEIGHT = WEIGHT_CEILING - 0.5  # a word almost never written: a name
MIN_SCORE = 0.5
STRONG_COUNT = 0.6  # a figure counting the group's kind of event: above a side, a toll is about the count
STRONG_SIDE = 0.5
NEWS_SPAN = timedelta(days=21)
SIZE_WEIGHT = 0.05  # of two groups telling the same, the larger (a toll every outlet reports) wins
FIGHTERS = " of fighters"  # a count of fighters: "kill of fighters"
STATE_KEY = "a:(a state)"  # the key of every state's deeds
FRONT_SIDES = ("state", "other")  # held by the state of the place, or by someone else
SAME_COUNTER = 0.2  # a figure joins the count its own side keeps (an update) before another's
HEADCOUNT = "people"  # what a head count counts: "22,000 people lived there", "25,000 others", "25.000 civils"


class Features(NamedTuple):
    events: frozenset
    agent: str | None  # the side that did it
    actors: frozenset
    places: frozenset  # gazetteer names
    days: frozenset  # ISO dates
    terms: dict  # lemma -> weight
    figure: tuple | None
    negated: bool = False
    article: str | None = None
    published: date | None = None
    kinds: frozenset = frozenset()  # its classes but those that go with any event, widened
    names: frozenset = frozenset()  # words no dictionary knows
    mass: float = 0.0  # total weight of its terms
    held: frozenset = frozenset()  # a count's side of the front: "state" (its own government's), "other"
    by: str | None = None  # the side of who says it
    telling: frozenset = frozenset()  # its telling figures, as terms ("n:12.7")
    predicate: str | None = None  # its head with negation and modality ("restore not can"), when telling
    titled: bool = False  # its places are its article title's: it names none
    shows: str | None = None  # what shows the event it tells of ("radar tracked a barrage": track), a proposition of its own
    scope: frozenset = frozenset()  # the countries its article's story happens in
    joint: frozenset = frozenset()  # other sides named beside its doer ("the M23 and Rwandan troops")


@lru_cache(maxsize=4096)
def _title_places(title: str | None) -> frozenset:
    """The regions a title names, a town as its region ("Flooded Kherson
    empties": Kherson region); a state it names is too wide to tell events
    apart, and is often a side ("Israel denies ..."), and so are the
    capitals of two states ("Kyiv and Moscow trade blame"; "missiles hit
    Kyiv" keeps its place)."""
    places = gazetteer()
    named = [p for p in places_in_text(title or "") if places.parent.get(p) is not None]
    if len({actor_key(p) for p in named} - {None}) >= 2:
        named = [p for p in named if actor_key(p) is None]
    # a town in a title stands for its region: the article's claims may tell of any town there
    return frozenset(places.parent[p] if places.parent.get(places.parent[p]) is not None else p for p in named)


@lru_cache(maxsize=10_000)
def _a_place(name: str) -> bool:
    """A place the gazetteer knows, or a name no common word is ("city",
    "west" or "states" read off "Gaza City", "West Bank", "United States" are none)."""
    return name in gazetteer().parent or " " in name or term_weight(name) >= 3.0


@lru_cache(maxsize=10_000)
def known_side(name: str) -> bool:
    """A side the registry, the gazetteer or the side words know: a name
    the tagger merely guessed ("al-Ahli hospital") takes no side."""
    place = gazetteer().lookup(name)
    return (default_registry().lookup(name) is not None or name in event_lexicon().sides.values()
            or (place is not None and gazetteer().parent.get(place) is None))  # a state, not a town


@lru_cache(maxsize=200_000)
def _class_term(word: str) -> str | None:
    """The term of the event class a word names, if any; none for a class
    that goes with any event ("the most likely cause"): it meets every group."""
    classes = event_lexicon().classes.get(word)
    return f"ev:{classes[0]}" if classes and classes[0] not in event_lexicon().wildcards else None


@lru_cache(maxsize=1)
def _phrase_classes() -> frozenset:
    """Classes a claim names by its structure or a pair of words, not by one word."""
    return frozenset((UNDETERMINED, MOTIVE, *event_lexicon().combined))


@lru_cache(maxsize=1)
def _synonym_classes() -> dict:
    """The term each class of synonyms shares -> its words."""
    return {f"syn:{words[0]}": tuple(words) for words in events_file()["synonyms"]}


@lru_cache(maxsize=1)
def _hedges() -> frozenset:
    """Words that say how sure a claim is, not what it asserts."""
    return frozenset(events_file()["hedges"])


@lru_cache(maxsize=1)
def _head_counts() -> frozenset:
    """Nouns of people a figure counting no event counts: one head count."""
    return frozenset(events_file()["head_counts"])


@lru_cache(maxsize=1)
def _counts() -> frozenset:
    """What a figure may count that makes its claim a count: a kind of event, or heads."""
    return event_lexicon().kinds | {HEADCOUNT}


@lru_cache(maxsize=1)
def _synonyms() -> dict:
    """A word -> the term of its class of synonyms ("landmine", "minefield": "syn:mine")."""
    return {word: term for term, words in _synonym_classes().items() for word in words}


@lru_cache(maxsize=200_000)
def term_weight(term: str) -> float:
    """Rare words weigh more ("misfire" 4.5, "hospital" 1.9, "say" 1.1); a
    class of event as little as a common word: frames already match classes;
    a class of synonyms as its commonest word."""
    if term.startswith("ev:"):
        return EVENT_TERM_WEIGHT
    if term.startswith("syn:"):
        return min(map(term_weight, _synonym_classes()[term]))
    if term.startswith("n:"):
        return FIGURE_TERM_WEIGHT
    return max(0.0, WEIGHT_CEILING - zipf_frequency(term, "en"))


def stated_figures(frame: dict, figures: list) -> tuple[list, tuple | None]:
    """A claim's figures as intervals of what they count, and the one that
    tells it: of a kind of event ("471 died") over one of people or things."""
    counts = frame.get("counts") or []
    sole = _sole_deed(frozenset(frame.get("events") or ()))

    def kind(n: int, found: dict) -> str | None:  # a figure counting no noun counts the claim's one kind of event
        return (counts[n] if n < len(counts) else None) or (None if found.get("counted") else sole)

    stated = [interval(found, _count_of(found, kind(n, found))) for n, found in enumerate(figures or ())]
    stated = [x for x in stated if x]
    told = next((x for x in stated if x[4] in event_lexicon().kinds), None)
    return stated, told or next((x for x in stated if x[4] == HEADCOUNT), stated[0] if stated else None)


@lru_cache(maxsize=1000)
def _sole_deed(events: frozenset) -> str | None:
    """The one kind of event a claim tells, which a bare figure counts: "the
    toll at 471", "the toll at between 100 and 300"; not when it also tells
    who is to blame ("X was not responsible and put the toll at 300")."""
    return next(iter(events)) if len(events) == 1 and not events & event_lexicon().wildcards else None


def claim_features(frame: dict, figures: list, published=None, title=None, article=None,
                   act=None, content=None, by=None) -> Features:
    """A claim's features from its stored frame. Its side is the frame's
    agent, when a known side. An accusation is about who is to
    blame. A claim that names no place ("the strike killed 19 people")
    takes the places of its article's title, so that it does not join the
    same kind of event elsewhere. A claim stored without a frame (by hand,
    by an older claimtrack) is read from the words of its content."""
    if not frame and content:
        frame = {"places": sorted(places_in_text(content)),
                 "terms": sorted({w.lower() for w in WORD.findall(content)})}
    stated, figure = stated_figures(frame, figures)
    sole = _sole_deed(frozenset(frame.get("events") or ()))
    if figure is None and sole and count_words() & set(frame.get("terms") or ()):
        figure = (-math.inf, math.inf, True, True, sole)  # "the number of deaths was at the low end": about the toll
    own_places = frozenset(p for p in frame.get("places") or () if _a_place(p))
    places = own_places or _title_places(title)
    # words of one class of event or of synonyms also share a term ("hit", "struck": strike); a telling figure is a term
    words = [w for w in frame.get("terms") or () if w not in _hedges()]
    telling = [term for found in figures or () for term in _figure_terms(found)]
    # a word's class is a term only when the claim tells of it ("the occupied bank" tells of no capture)
    told = {f"ev:{kind}" for kind in frame.get("events") or ()}
    classes = (*(t for t in map(_class_term, words) if t in told), *map(_synonyms().get, words))
    # "we cannot say what happened", "shifted landmines" name their class in no one word
    classes += tuple(f"ev:{kind}" for kind in frame.get("events") or () if kind in _phrase_classes())
    terms = {term: term_weight(term) for term in (*words, *filter(None, classes), *telling)}
    telling += [w for w in words if CLOCK.fullmatch(w)]  # "at 02:54" twice is one statement too
    actors = frozenset(frame.get("actors") or ())
    scope = frozenset(frame.get("scope") or ())
    side = _scoped(frame.get("agent"), scope)
    side = side if side and known_side(side) else None
    by = by or frame.get("by")
    if figure is not None and side in (frame.get("held") or ()):
        side = None  # "the toll in areas under Kyiv's control": who holds the area counted, not who did it
    # a frame stored before frames told what shows: its head alone
    pred = frame.get("pred")
    shows = frame.get("shows", pred if set(event_lexicon().classes.get(pred, ())) & event_lexicon().showing else None)
    if side and shows:
        side = None  # "radar tracked rockets launched from Gaza", "is an intercepted call": what was seen, not a deed
    # an accusation, or a claim that answers one ("dismissed the Israeli account"), is about who is to blame
    about_blame = act == "accuses" or frame.get("patient") in event_lexicon().accusations
    events = frozenset(frame.get("events") or ()) | ({event_lexicon().blame} if about_blame else frozenset())
    # the side's own name is matched as the side, not again as a word
    terms = {t: w for t, w in terms.items() if w > 0 and not (side and actor_key(t) == side)}
    counted = figure is not None and figure[4] in _counts()
    return Features(
        events, side, actors, places, anchor_days(frame.get("days") or (), published),
        terms, figure, said_in_the_negative(frame), article, _day(published),
        _widen(events - event_lexicon().wildcards), frozenset(t for t, w in terms.items() if w >= NAME_WEIGHT),
        sum(terms.values()), _held(frozenset(frame.get("held") or ()), places, by) if counted else frozenset(),
        by, frozenset(telling), _predicate(frame), not own_places and bool(places), shows,
        scope,
        frozenset(filter(known_side, (_scoped(s, scope) for s in frame.get("with") or ()))) if side else frozenset(),
    )


@lru_cache(maxsize=10_000)
def _scoped(side: str | None, scope: frozenset) -> str | None:
    """A side word standing for a state where it rules ("the army was shelling its own people") is
    the state of its article's story, when the story is in one; else any state's."""
    lexicon = event_lexicon()
    if side in lexicon.state_sides - lexicon.foreign_sides and len(scope) == 1:
        return actor_key(next(iter(scope))) or side
    return side


def _predicate(frame: dict) -> str | None:
    """A claim's head as it says it, with negation and modality ("cannot be
    restored": "restore not can"), when the head is rare enough to tell a
    proposition."""
    head = frame.get("pred")
    if not head or term_weight(head) < PREDICATE_WEIGHT:
        return None
    return " ".join(filter(None, (head, "not" if frame.get("neg") else None, frame.get("modal"))))


@lru_cache(maxsize=10_000)
def _held(written: frozenset, places: frozenset, by: str | None = None) -> frozenset:
    """Which side of a front a count is on, seen from the state of its
    places: "state" when its own government holds the area ("government-held
    areas", "under Kyiv's control" in Ukraine), "other" when someone else
    does ("the occupied bank", "rebel-held", a town the gazetteer says
    another body governs). A state's count that says nothing of it is of
    the area that state holds. Unknown when nothing says so."""
    gazetteer_ = gazetteer()
    chains = [gazetteer_.chain(p) for p in sorted(places) if p in gazetteer_.parent]
    state = actor_key(chains[0][-1]) if chains else None
    holders = set(written)
    for chain in chains:
        body = next((gazetteer_.governed_by[q] for q in chain if q in gazetteer_.governed_by), None)
        if body:
            holders.add(actor_key(body) or body)
    if not written and by and state and _is_state(by):
        holders.add(by)
    lexicon = event_lexicon()
    generic = {"government": "state", "occupied": "other", **dict.fromkeys(lexicon.sides.values(), "other"),
               **dict.fromkeys(lexicon.state_sides - lexicon.foreign_sides, "state")}  # "under army control"
    return frozenset(generic.get(h) or ("state" if h == state else "other" if state else h) for h in holders)


def _count_of(figure: dict, kind: str | None) -> str | None:
    """What a figure counts: its frame's class of event, told apart when it
    counts fighters ("killed 300 terrorists" is not the toll "300 people
    were killed")."""
    noun = (figure.get("counted") or "").lower()
    if kind in _head_counts():
        return HEADCOUNT  # "25,000 others", "22,000 people": one head count
    if kind in event_lexicon().kinds and (noun in event_lexicon().fighters or noun.rstrip("s") in event_lexicon().fighters):
        return kind + FIGHTERS
    return kind


def _written(figure: dict) -> set:
    """The bounds of a figure that its text writes in digits: "12.7 metres",
    "between 100 and 300"; not those read into words ("hundreds": 200-999)."""
    digits = re.sub(r"\D", "", figure.get("text") or "")
    return {float(v) for v in (figure.get("low"), figure.get("high"))
            if isinstance(v, (int, float)) and ("%f" % v).rstrip("0").rstrip(".").replace(".", "") in digits}


def _figure_terms(figure: dict) -> list[str]:
    """The terms a figure gives its claim: its telling values ("n:12.7",
    "n:2743"), and any value of a measure with its unit ("about 600 square
    kilometres": "n:600 kilometre", as "600 km²")."""
    unit = (figure.get("counted") or "").lower()
    unit = _synonyms().get(unit, unit).removeprefix("syn:") if unit in units() else None
    return [f"n:{v:g}" if _telling(v) else f"n:{v:g} {unit}" for v in _written(figure) if _telling(v) or unit]


def _telling(value: float) -> bool:
    """A figure only one statement would give: not round ("12.7", "471",
    "2,743", "22,000"; not "500", "three", "40,000", "150")."""
    return value != int(value) or (value >= 100 and value % 10 != 0) or (
        value >= 1000 and value % 10 ** int(math.log10(value)) != 0)


def _of_fighters(count: str) -> str:
    return count.removesuffix(FIGHTERS)


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


class Main(NamedTuple):
    events: frozenset
    agents: frozenset
    days: frozenset
    kinds: frozenset  # the events but those that go with any, widened
    mass: float  # total weight of the terms
    names: frozenset  # words no dictionary knows
    places: frozenset  # every member's


class Centroid:
    """What a group's claims have in common: how often each term, event
    class, agent, place and day occurs among its members."""

    __slots__ = ("n", "terms", "events", "agents", "places", "days", "articles", "counts", "seen", "held", "by", "speakers",
                 "predicates", "scopes", "_main")

    def __init__(self, n=0, terms=None, events=None, agents=None, places=(), days=(), articles=(), counts=(), seen=(),
                 held=(), by=(), speakers=(), predicates=None, scopes=()):
        self.n = n
        self.terms: dict = dict(terms or {})
        self.events: dict = dict(events or {})
        self.agents: dict = dict(agents or {})
        self.places, self.articles = set(places), set(articles)
        self.days: dict = days if isinstance(days, dict) else dict.fromkeys(days, 1)  # day -> members naming it
        self.counts = set(counts)  # what the members' figures count
        self.seen = [date.fromisoformat(d) for d in seen]  # first and last publication date
        self.held = set(held)  # the sides of the front its counts are on
        self.by = set(by)  # the sides of who says its counts
        self.speakers = set(speakers)  # the origins of who says its claims
        self.predicates: dict = dict(predicates or {})  # telling heads as said -> members saying them
        self.scopes = set(scopes)  # the countries of its members' stories
        self._main = None  # (events, agents, days) a third of the members name, until one more joins

    def add(self, f: Features) -> None:
        self.n += 1
        self._main = None
        # a side named beside the doer did it too: its denial answers the claim
        for counter, keys in ((self.terms, f.terms), (self.events, f.events),
                              (self.agents, [f.agent, *f.joint] if f.agent else [])):
            for key in keys:
                counter[key] = counter.get(key, 0) + 1
        if len(self.terms) > CENTROID_TERMS:
            kept = sorted(self.terms, key=lambda t: (-self.terms[t] * term_weight(t), t))[:CENTROID_TERMS]
            self.terms = {t: self.terms[t] for t in kept}
        self.places |= f.places
        self.scopes |= f.scope
        for day in f.days:
            self.days[day] = self.days.get(day, 0) + 1
        self.articles.add(f.article)
        if f.figure and f.figure[4]:
            self.counts.add(f.figure[4])
            self.by.update([f.by] if f.by else [])
        self.held |= f.held
        self.speakers.update([f.by] if f.by else [])
        if f.predicate:
            self.predicates[f.predicate] = self.predicates.get(f.predicate, 0) + 1
            if len(self.predicates) > CENTROID_TERMS:  # only one a third of the members say can match
                self.predicates = dict(sorted(self.predicates.items(), key=lambda p: (-p[1], p[0]))[:CENTROID_TERMS])
        if f.published:
            self.seen = [min(self.seen[0], f.published), max(self.seen[1], f.published)] if self.seen else [f.published] * 2

    def to_json(self) -> str:
        return json.dumps([self.n, self.terms, self.events, self.agents, sorted(self.places),
                           dict(sorted(self.days.items())), sorted(a for a in self.articles if a), sorted(self.counts),
                           [d.isoformat() for d in self.seen], sorted(self.held), sorted(self.by),
                           sorted(self.speakers), dict(sorted(self.predicates.items())), sorted(self.scopes)])

    @classmethod
    def from_json(cls, text: str) -> Centroid:
        return cls(*json.loads(text))

    def main(self) -> Main:
        """What the members share: classes and sides a third of them name,
        days most of them name (one member's "since 7 October" does not date
        the whole group); kept until one more joins."""
        if self._main is None:
            events, agents = (frozenset(k for k, count in counter.items() if 3 * count >= self.n)
                              for counter in (self.events, self.agents))
            days = frozenset(d for d, count in self.days.items() if 2 * count > self.n)  # most members' day
            self._main = Main(
                events, agents, days, _widen(events - event_lexicon().wildcards),
                sum(term_weight(t) * count / self.n for t, count in self.terms.items()),
                frozenset(t for t, count in self.terms.items() if 3 * count >= self.n and term_weight(t) >= NAME_WEIGHT),
                frozenset(self.places),
            )
        return self._main




def similarity(group: Centroid, claim: Features) -> float:
    """Weighted Dice of the claim's terms against the group's, each group
    term counting by the share of members that have it."""
    shared = sum(w * group.terms.get(t, 0) for t, w in claim.terms.items()) / group.n
    total = claim.mass + group.main().mass
    dice = 2 * shared / total if total else 0.0
    # a fragment ("three days of mourning") says part of what a longer account says: the shorter one's
    # words all in the longer one's, at least two of them words rather than classes
    words = [t for t in claim.terms if not t.startswith(("ev:", "syn:")) and t in group.terms]
    shorter = min(claim.mass, group.main().mass)
    if len(words) < 2 or not shorter:
        return dice
    return max(dice, CONTAINED * shared / shorter)


@lru_cache(maxsize=200_000)
def _places_agree(a: frozenset, b: frozenset) -> bool:
    return bool(a & b) or any(_compatible_places(x, y) for x in a for y in b)


@lru_cache(maxsize=200_000)
def _compatible_places(a: str, b: str) -> bool:
    return gazetteer().compatible(a, b)


@lru_cache(maxsize=200_000)
def _same_agent(agent: str, agents: frozenset) -> bool:
    """The same side: one name, one inside the other ("Islamic Jihad",
    "Palestinian Islamic Jihad"), or a side word that may be any of them
    ("militants", "rebels") may be any side but a state, one that stands for a state
    ("the occupiers") any state."""
    generic = set(event_lexicon().sides.values())
    states = event_lexicon().state_sides  # "the occupiers" may be any state, never rebels
    lower = agent.casefold()
    return any(agent == other or (agent in generic and _is_state(other) == (agent in states))
               or (other in generic and _is_state(agent) == (other in states))
               or lower in other.casefold() or other.casefold() in lower for other in agents)


@lru_cache(maxsize=10_000)
def _abroad(sides: frozenset, places: frozenset) -> bool:
    """Some place known to the gazetteer is ruled by another than these sides."""
    known = gazetteer()
    rulers = {actor_key(known.chain(p)[-1]) for p in places if p in known.parent}
    return bool(rulers - sides - {None})


@lru_cache(maxsize=10_000)
def _is_state(name: str) -> bool:
    """A state's side: its government, army or state media, or a state the gazetteer knows."""
    if name in event_lexicon().state_sides:
        return True
    ref = default_registry().lookup(name)
    return (ref.type in STATE_CARRIERS) if ref is not None else gazetteer().lookup(name) is not None


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day without its year ("09-14") only matches itself


@lru_cache(maxsize=200_000)
def _days_agree(a: frozenset, b: frozenset) -> bool:
    """Within a day of each other: "23:54 GMT on 5 June" is 6 June in Kyiv."""
    return any(abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 1
               for x in a for y in b if _FULL_DATE.fullmatch(x) and _FULL_DATE.fullmatch(y)) or bool(a & b)


def _widen(classes) -> frozenset:
    """The classes and those that can tell the same event (a strike, a blast)."""
    return _widened(frozenset(classes))


@lru_cache(maxsize=10_000)
def _widened(classes: frozenset) -> frozenset:
    related = event_lexicon().related
    return frozenset(kind for c in classes for kind in related.get(c, (c,)))


def _events_meet(claim: set, group: set) -> bool:
    """Same kind of event; a class that goes with any event (who is to
    blame) meets every other."""
    wildcards = event_lexicon().wildcards
    return bool(_widen(claim) & group or (claim & wildcards and group) or (group & wildcards and claim))


def score(group: Centroid, claim: Features) -> float | None:
    """How well a claim matches a group; None when they cannot be the same
    assertion (another kind of event, side, place or day).

    One side doing one kind of thing ("an Israeli air strike hit the
    hospital", "Israel was not responsible") or one kind of thing counted
    ("471 died", "the toll rose to 500") is the same assertion however few
    words the claims share; otherwise they must share rare words."""
    events, sides, days, group_kinds, _mass, group_names, places = group.main()
    if claim.kinds and group_kinds and not claim.kinds & group_kinds:
        return None
    if claim.scope and group.scopes and claim.scope.isdisjoint(group.scopes):
        return None  # a story in another country is another event, whatever words it shares
    if claim.agent and sides and not _same_agent(claim.agent, sides):
        return None
    if claim.agent in event_lexicon().foreign_sides and sides and not _abroad(sides, frozenset(places or claim.places)):
        return None  # "the occupiers" are a state where it does not rule: not the side whose land the group tells of
    elsewhere = bool(claim.places and places and not _places_agree(claim.places, places))
    if elsewhere and not claim.titled:
        return None
    another_day = bool(claim.days and days and not _days_agree(claim.days, days))
    if claim.published and group.seen and not (
            group.seen[0] - NEWS_SPAN <= claim.published <= group.seen[1] + NEWS_SPAN):
        return None  # news of one event comes within weeks: the same words a season later are another
    if claim.shows and not events & event_lexicon().showing:
        return None  # what radar, a recording or a seismic station shows is its own proposition, not the event alone
    events_meet = _events_meet(claim.events, events)
    # a side doing the group's kind of thing; what only shows something ("interpreted the video") does nothing
    same_side = bool(events_meet and claim.agent and sides and claim.events - event_lexicon().showing)
    counted = claim.figure and claim.figure[4]
    kinds = event_lexicon().kinds
    # a bare head count ("more than 25,000 others were in occupied territory") tells no event to meet
    same_count = bool(counted in _counts() and counted in group.counts
                      and (events_meet or counted == HEADCOUNT and not (claim.events and events)))
    if another_day and not same_count:
        return None  # a toll given each day is one toll updated; other deeds of another day are others
    if same_count and not _causes_meet(claim.events - {counted}, events - {counted}):
        return None  # the dead of air strikes on a town and those of the fighting elsewhere are two tolls
    if same_count and claim.agent and not sides and _deeds(claim.events - {counted}) and not _deeds(events - {counted}):
        return None  # "Russian forces fired on the boats, killing three" is a deed, not one more figure of a bare toll
    if counted in kinds and not group.counts:
        return None  # a toll is its own assertion, not one of the deeds or stories around it
    if counted and _of_fighters(counted) in kinds and counted not in group.counts and any(
            _of_fighters(c) in kinds for c in group.counts):
        return None  # fighters killed and people killed, the wounded and the dead: two counts
    if claim.held and group.held and not _held_meet(claim.held, frozenset(group.held)):
        return None  # a toll on one side of a front and one on the other are two tolls
    found = similarity(group, claim)
    said_alike = claim.predicate and 3 * group.predicates.get(claim.predicate, 0) >= group.n
    if events_meet and said_alike and found >= MIN_SIMILARITY / 2:
        found = max(found, MIN_SIMILARITY)  # the same rare head said the same way ("cannot be restored") is close enough
    same_figure = any(t in group.terms for t in claim.telling)  # "12.7 metres" twice: one statement
    narrow = bool(claim.events & events & event_lexicon().combined.keys())  # "shifted landmines": one story
    strong = (STRONG_COUNT * (same_count or same_figure or narrow)
              or STRONG_SIDE * same_side * (0.5 + 0.5 * _overlap(claim.kinds, group_kinds)))
    # the same body's count on the same side of the front is its count updated, whatever another article is titled
    same_counter = same_count and claim.by in group.by and bool(claim.held and group.held)
    if elsewhere and not (same_side or same_figure or same_counter):
        return None  # a title's place is only a guess: a side's deed, a telling figure or the same counter outweighs it
    if not strong:
        if claim.names and group_names and not claim.names & group_names:
            return None  # words no dictionary knows are names: these name other things
        # two claims of one article by one origin must assert the same thing; a group other articles
        # tell is the news, and so is what an article sets side by side from two origins
        alone = group.articles == {claim.article} and (not claim.by or claim.by in group.speakers)
        if found < (SAME_ARTICLE_SIMILARITY if alone else MIN_SIMILARITY):
            return None
    total = (found + strong + 0.15 * events_meet + SIZE_WEIGHT * math.log2(group.n)
             + 0.15 * bool(claim.places and group.places) + 0.1 * bool(claim.days and days and not another_day)
             + SAME_COUNTER * (same_count and claim.by in group.by))
    return total if total >= MIN_SCORE or strong else None


@lru_cache(maxsize=10_000)
def _held_meet(a: frozenset, b: frozenset) -> bool:
    """The same side of a front; a holder named where no state was known
    ("under Kyiv's control" with no place) may be either."""
    return any(x == y or (x in FRONT_SIDES) != (y in FRONT_SIDES) for x in a for y in b)


def _deeds(events: frozenset) -> frozenset:
    """The kinds of deed among event classes: not who is to blame or what shows it."""
    return events - event_lexicon().wildcards


@lru_cache(maxsize=10_000)
def _causes_meet(claim: frozenset, group: frozenset) -> bool:
    """What two counts are counts of ("killed in air strikes", "killed in the
    fighting") can be one: either says none, or their kinds of event meet."""
    claim, group = _deeds(claim), _deeds(group)
    return not claim or not group or bool(_widen(claim) & _widen(group))


def _overlap(claim: frozenset, group: frozenset) -> float:
    """How much of what the claim and the group tell is the same kind of
    event (Jaccard of their widened classes but those that go with any);
    a claim only about blame fits any group it meets."""
    return len(claim & group) / len(claim | group) if claim and group else 1.0


def block_keys(f: Features) -> list[str]:
    """Keys under which a group is found: its event classes crossed with
    its states and rarest words; alone, its side, what its figure counts,
    its telling figures and times, and what shows the event it tells of."""
    places = gazetteer()
    anchors = sorted({f"p:{places.chain(p)[-1]}" for p in f.places})
    # a word of a class of synonyms keys as its class ("crater" finds "hole"); kinds of event key already
    words = (t for t in f.terms if not t.startswith(("syn:", "ev:")) and t not in f.telling)
    rare = sorted(words, key=lambda t: (-f.terms[t], t))[:RARE_KEYS]
    anchors += sorted({f"w:{_synonyms().get(t, t)}" for t in rare} | {f"w:{t}" for t in f.terms if t.startswith("syn:")})
    kinds = sorted({min(_widen([e])) for e in f.events}) or ["-"]
    # one side's deeds meet whatever kind of deed each names (keys without "|": SIDE_WINDOW groups each)
    own = [f"a:{f.agent}"] if f.agent else []
    # a side word that stands for a state ("the occupiers") meets the groups of any state's deeds
    own += [STATE_KEY] if f.agent and (f.agent in event_lexicon().state_sides or _is_state(f.agent)) else []
    own += [f"c:{f.figure[4]}"] if f.figure and f.figure[4] in _counts() else []  # one thing counted
    own += sorted(f"w:{t}" for t in f.telling)  # "12.7 metres", "at 02:54", "600 km²" whatever kind of event tells them
    own += [f"s:{f.shows}"] if f.shows else []  # an intercepted call finds the group of the call, whatever it discusses
    return own + [f"{e}|{a}" for e in kinds for a in anchors]


def best_group(claim: Features, candidates: dict[int, Centroid]) -> int | None:
    best, best_score = None, 0.0
    for group in sorted(candidates):
        found = score(candidates[group], claim)
        if found is not None and found > best_score:
            best, best_score = group, found
    return best


# --- figures as intervals ---

def interval(figure: dict, counts: str | None = None) -> tuple | None:
    """(low, high, low_inclusive, high_inclusive, counted) of a figure dict;
    approximate figures are widened by APPROX. `counts` is the event class
    the claim's frame says the figure counts, else the counted word."""
    low, high = figure.get("low"), figure.get("high")
    if low is None and high is None:
        return None
    low = -math.inf if low is None else float(low)
    high = math.inf if high is None else float(high)
    low_inc, high_inc = figure.get("low_inclusive", True), figure.get("high_inclusive", True)
    if figure.get("approx"):
        low, high, low_inc, high_inc = low * (1 - APPROX), high * (1 + APPROX), True, True
    counted = counts or figure.get("counted")
    return (low, high, low_inc, high_inc, counted and counted.lower())


def _contains(span, point) -> bool:
    low, high, low_inc, high_inc = span[:4]
    return (low < point or (low == point and low_inc)) and (point < high or (point == high and high_inc))


def intervals_overlap(a: tuple, b: tuple) -> bool:
    low, high = max(a[0], b[0]), min(a[1], b[1])
    if low != high:
        return low < high
    return _contains(a, low) and _contains(b, low)


def comparable(a: tuple | None, b: tuple | None) -> bool:
    """Both count the same thing, so disagreeing figures contradict."""
    return a is not None and b is not None and a[4] is not None and a[4] == b[4]


def figures_compatible(a: dict, b: dict) -> bool:
    """Whether two figures can both be true: "more than 300" (300, inf) and
    "at least 311" [311, inf) can; "27" and "45" cannot. Figures that count
    different things never contradict."""
    ia, ib = interval(a), interval(b)
    return not comparable(ia, ib) or intervals_overlap(ia, ib)


# --- origins ---

ANONYMOUS = re.compile(
    r"^(?:an?|one|some|several|two|three|unnamed|anonymous)\s|\bsources?\b", re.I
)
STATE_CARRIERS = ("official_media", "government", "military")


class Origins:
    """Resolves claims to origins (named by their top source), reading
    sources lazily or all at once."""

    def __init__(self, db, preload: bool = False):
        self.db = db
        self.sources: dict[int, tuple] = {}
        self.outlets: dict[str, tuple | None] = {}
        if preload:
            for row in db.execute("select id, name, type, parent from sources"):
                self.sources[row[0]] = row[1:]

    def source(self, source_id: int) -> tuple:
        if source_id not in self.sources:
            row = self.db.execute("select name, type, parent from sources where id = ?", [source_id]).fetchone()
            self.sources[source_id] = tuple(row) if row else (str(source_id), "other", None)
        return self.sources[source_id]

    def top(self, source_id: int) -> tuple[str, str]:
        """(name, type) of the top of a source's parent chain."""
        seen = {source_id}
        parent = self.source(source_id)[2]
        while parent is not None and parent not in seen:
            seen.add(parent)
            source_id, parent = parent, self.source(parent)[2]
        return self.source(source_id)[:2]

    def outlet(self, outlet: str | None) -> tuple[str, str] | None:
        """Top (name, type) of what an article's outlet names: a stored
        source, else a registry entry ("Anadolu" -> Turkish government)."""
        if outlet and outlet not in self.outlets:
            row = self.db.execute(
                "select source from source_aliases where alias = ? collate nocase limit 1", [outlet]
            ).fetchone()
            ref = None if row else default_registry().lookup(outlet)
            while ref is not None and ref.parent is not None:
                ref = ref.parent
            self.outlets[outlet] = self.top(row[0]) if row else ref and (ref.name, ref.type)
        return self.outlets.get(outlet) if outlet else None

    def of(self, source: int | None, relayed_by: int | None, outlet: str | None) -> str:
        """The name of a claim's origin.

        No speaker: the outlet speaks for itself. A reporter with no known
        outlet belongs to the article's. An anonymous source ("a military
        source") carried by state media belongs to that state; elsewhere it
        is an origin of its own, one per outlet that vouches for it."""
        carrier = self.top(relayed_by) if relayed_by else self.outlet(outlet)
        if source is None:
            return carrier[0] if carrier else outlet or "unknown"
        name, kind, parent = self.source(source)
        if parent is None and kind == "journalist" and carrier:
            return carrier[0]
        if parent is None and ANONYMOUS.search(name):
            if carrier and carrier[1] in STATE_CARRIERS:
                return carrier[0]
            return f"{name} ({outlet or 'no outlet'})"
        return self.top(source)[0]

    def is_evidence(self, source: int | None) -> bool:
        """A source that shows rather than says ("signals", "most of the
        evidence", "a seismic station"): what it shows is the reading of
        whoever reports it, not an origin of its own."""
        if source is None:
            return False
        name, kind, _parent = self.source(source)
        return kind == "other" and any(w.rstrip("s") in event_lexicon().evidence for w in WORD.findall(name.lower()))


# --- verdicts ---

# Acts that say what happened, and so can corroborate or contest it; a
# demand, promise, intention, condemnation or belief ("thinks", "hopes") is
# shown with its group but decides nothing (unless the whole group is made
# of them: two origins making the same demand corroborate the demand). An
# assessment ("US intelligence assessed that ...") is a finding, stored as
# asserts by extraction (lexicon.yml), and so decides.
VERIFIABLE_ACTS = frozenset(("asserts", "accuses", "denies"))


class Member(NamedTuple):
    claim: int
    origin: str
    stance: str
    figure: tuple | None
    figure_text: str | None
    published: str | None
    outlet: str | None
    article: str
    negated: bool = False  # said in the negative ("had not struck"), its stance flipped
    act: str | None = None
    evidence: bool = False  # its source only shows it ("signals", "the evidence")
    stated: tuple = ()  # all its figures, (interval, text): "14 settlements with about 22,000 people" has two

    @property
    def all_figures(self) -> tuple:
        """(interval, text) of each of its figures; its one figure when only that is known."""
        return self.stated or (((self.figure, self.figure_text),) if self.figure else ())

    @property
    def verifiable(self) -> bool:
        return not self.evidence and (self.act is None or self.act in VERIFIABLE_ACTS)


def said_in_the_negative(frame: dict) -> bool:
    """Negated, but not an obligation or an inability: "hospitals must never
    be targets" prescribes, "the plant cannot pump" states; neither denies."""
    lexicon = event_lexicon()
    return bool(frame.get("neg")) and frame.get("modal") not in lexicon.obligations | lexicon.abilities


def stance_of(stance: str, frame: dict) -> str:
    """A claim said in the negative ("X had not struck Y", "no Israeli fire
    hit it", as its frame reads it) denies the positive."""
    if said_in_the_negative(frame) and stance in ("asserts", "denies"):
        return "asserts" if stance == "denies" else "denies"
    return stance or "asserts"


def judge(members: list[Member]) -> tuple[str, str, list[dict]]:
    """(verdict, why, origins) of one group's claims.

    What an origin says now is what most of its verifiable claims in the
    group say, its latest at a tie (a withdrawn denial no longer contests;
    one later claim on another point of the group does not undo three
    denials); its latest figure updates its earlier ones.
    contested: an origin denies it, or two independent origins' latest
    comparable figures cannot both be true; corroborated: asserted by at
    least two independent origins; otherwise single_origin."""
    deciding = [m for m in members if m.verifiable] or members
    # A group asserts what most of its claims say: when most say it in the
    # negative ("there was no crater"), saying so affirms it and the positive
    # denies it, unless its origin says it in the negative too ("the hole
    # measured a metre" beside its "no crater"); "We will not abandon the
    # town" alone denies nothing.
    if 2 * sum(m.negated for m in deciding) > len(deciding):
        negative = {m.origin for m in deciding if m.negated}
        deciding = [m._replace(stance=stance_of(m.stance, {"neg": True}), negated=not m.negated)
                    if m.negated or m.origin not in negative else m for m in deciding]
    by_origin: dict[str, list[Member]] = defaultdict(list)
    for member in sorted(deciding, key=lambda m: (m.published or "", m.claim)):
        by_origin[member.origin].append(member)
    origins, latest = [], {}
    for key, claims in by_origin.items():
        figured = [m for m in claims if m.figure is not None]
        if figured:
            latest[key] = figured[-1]
            figured = [m for m in figured if m.figure[4] == latest[key].figure[4]]  # an update counts the same thing
        origins.append({
            "name": key,
            "claims": len(claims),
            "asserts": sum(m.stance == "asserts" for m in claims),
            "denies": sum(m.stance == "denies" for m in claims),
            "outlets": sorted({m.outlet for m in claims if m.outlet}),
            "figures": [m.figure_text for m in figured],
        })
    now = {key: _said_now(claims) for key, claims in by_origin.items()}
    deniers = [key for key in by_origin if now[key] == "denies"]
    asserters = [key for key in by_origin if now[key] != "denies"]
    conflicts = [(a, b, found) for i, a in enumerate(latest) for b in list(latest)[i + 1:]
                 if (found := _contradiction(latest[a], latest[b]))]
    updates = "".join(
        f"; {o['name']} updated its figure ({' -> '.join(o['figures'])})"
        for o in origins if len(set(o["figures"])) > 1
    )
    withdrawn = "".join(
        f"; {key} withdrew its denial" for key, claims in by_origin.items()
        if now[key] != "denies" and any(m.stance == "denies" for m in claims)
    )
    if deniers:
        verdict = "contested"
        why = f"denied by {', '.join(deniers)}"
        if asserters:
            why += f"; asserted by {', '.join(asserters)}"
    elif conflicts:
        verdict = "contested"
        why = "; ".join(f"{a} says {a_text} but {b} says {b_text}" for a, b, (a_text, b_text) in conflicts)
    elif len(asserters) >= 2:
        verdict = "corroborated"
        why = f"asserted by {len(asserters)} independent origins ({', '.join(asserters)}), denied by none"
    else:
        outlets = {m.outlet for m in members if m.outlet}
        articles = {m.article for m in members}
        why = (f"one origin ({', '.join(asserters) or 'unknown'}), carried by {len(outlets)}"
               f" outlet{'s' * (len(outlets) != 1)} in {len(articles)} article{'s' * (len(articles) != 1)}")
        verdict = "single_origin"
    return verdict, why + withdrawn + updates, origins


def _contradiction(a: Member, b: Member) -> tuple[str, str] | None:
    """Figures of one count in two origins' latest figured claims that cannot
    both be true (any of each claim's figures: "14 settlements with about
    22,000 people" against "about 16,000 people"), as (a's text, b's text);
    a toll given on a later day above an earlier one has risen ("17 dead" on
    Monday, "25 dead" on Wednesday), a lower one still contradicts."""
    earlier, later = sorted((a, b), key=lambda m: m.published or "")
    rose_since = bool(earlier.published and later.published and earlier.published[:10] < later.published[:10])
    for x, x_text in earlier.all_figures:
        for y, y_text in later.all_figures:
            if comparable(x, y) and not intervals_overlap(x, y) and not (
                    rose_since and y[4] in event_lexicon().kinds and y[0] >= x[1]):
                return (x_text, y_text) if earlier is a else (y_text, x_text)
    return None


def _said_now(claims: list[Member]) -> str:
    """The stance most of an origin's claims (in date order) take; at a tie, the latest's."""
    denials = sum(m.stance == "denies" for m in claims)
    if 2 * denials == len(claims):
        return claims[-1].stance
    return "denies" if 2 * denials > len(claims) else "asserts"


def timeline(members: list[Member]) -> list[dict]:
    """Per origin, its claims in date order with their stance: how the
    verdict came about ("denied on 29 Nov; confirmed on 30 Nov")."""
    by_origin: dict[str, list[Member]] = defaultdict(list)
    for member in sorted(members, key=lambda m: (m.published or "", m.claim)):
        by_origin[member.origin].append(member)
    return [
        {"origin": origin, "claims": [
            {"id": m.claim, "published": m.published, "stance": m.stance, "act": m.act,
             "counts": m.verifiable, "figure": m.figure_text} for m in claims
        ]}
        for origin, claims in by_origin.items()
    ]


# --- database ---

MEMBERS_SQL = """
select claims.claim_group, claims.id, claims.source, claims.relayed_by, claims.stance,
  claims.frame, claims.figures, articles.published, articles.outlet, claims.article, {act}
from claims join articles on articles.id = claims.article
"""
CENTROIDS_SQL = "select claim_group, centroid from claim_group_centroids where claim_group in ({})"


def ensure_tables(db) -> None:
    """The block-key index and the centroids of groups, kept for
    incremental updates."""
    if "claim_group_keys" not in db.table_names():
        db["claim_group_keys"].create(
            {"key": str, "claim_group": int, "last": int},
            pk=("key", "claim_group"),
            foreign_keys=[("claim_group", "claim_groups", "id")],
        )
        db["claim_group_keys"].create_index(["claim_group"])
    if "last" not in db["claim_group_keys"].columns_dict:  # made before windows kept the last claim
        db["claim_group_keys"].add_column("last", int)
        db.execute("update claim_group_keys set last = claim_group")
    db["claim_group_keys"].create_index(["key", "last"], if_not_exists=True)  # a key's window: its latest groups
    if "claim_group_centroids" not in db.table_names():
        db["claim_group_centroids"].create(
            {"claim_group": int, "centroid": str}, pk="claim_group",
            foreign_keys=[("claim_group", "claim_groups", "id")],
        )


def _with_act(db, sql: str) -> str:
    """Claims carry an `act` once extraction stores one; before, every claim counts."""
    return sql.format(act="claims.act" if "act" in db["claims"].columns_dict else "null")


def _members_sql(db) -> str:
    return _with_act(db, MEMBERS_SQL)


def _claims_sql(db) -> str:
    return _with_act(db, CLAIMS_SQL)


def _member(origins: Origins, row) -> Member:
    _group, claim, source, relayed_by, stance, frame, figures, published, outlet, article, act = row
    frame, figures = json.loads(frame or "{}"), json.loads(figures or "[]")
    stated, figure = stated_figures(frame, figures)
    first = next((x for x in figures if interval(x)), None)
    return Member(claim, origins.of(source, relayed_by, outlet), stance_of(stance, frame), figure,
                  first and first.get("text"), published, outlet, article,
                  negated=said_in_the_negative(frame) and stance in ("asserts", "denies"), act=act,
                  evidence=origins.is_evidence(source),
                  stated=tuple(zip(stated, (x.get("text") for x in figures if interval(x)))))


def compute_verdicts(db, group_ids=None, origins: Origins | None = None) -> int:
    """Recompute counts, origins and verdicts of the given groups (all when
    None). Returns how many groups were written."""
    origins = origins or Origins(db, preload=group_ids is None)
    if group_ids is None:
        rows = db.execute(f"{_members_sql(db)} where claims.claim_group is not null order by claims.claim_group, claims.id")
    else:
        group_ids = sorted(set(group_ids))
        if not group_ids:
            return 0
        db.execute("create temp table if not exists _groups (id integer primary key)")
        db.execute("delete from _groups")
        db.conn.executemany("insert into _groups values (?)", [(g,) for g in group_ids])
        rows = db.execute(
            f"{_members_sql(db)} where claims.claim_group in (select id from _groups)"
            " order by claims.claim_group, claims.id"
        )
    written, batch = 0, []
    for group, group_rows in groupby(rows, key=lambda row: row[0]):
        members = [_member(origins, row) for row in group_rows]
        verdict, why, origin_list = judge(members)
        published = [m.published for m in members if m.published]
        batch.append({
            "id": group,
            "verdict": verdict,
            "why": why,  # stored so that a group's page need not re-judge it
            "n_claims": len(members),
            "n_articles": len({m.article for m in members}),
            "n_outlets": len({m.outlet for m in members if m.outlet}),
            "n_origins": len(origin_list),
            "origins": json.dumps(origin_list),
            "first_seen": min(published, default=None),
            "last_seen": max(published, default=None),
        })
        if len(batch) >= CHUNK:
            written += _write_verdicts(db, batch)
    written += _write_verdicts(db, batch)
    if group_ids is not None:  # groups left with no claims (after a merge, say)
        empty = "select id from _groups where not exists (select 1 from claims where claim_group = _groups.id)"
        db.execute(f"delete from claim_group_keys where claim_group in ({empty})")
        db.execute(f"delete from claim_group_centroids where claim_group in ({empty})")
        db.execute(f"delete from claim_groups where id in ({empty})")
    return written


def _write_verdicts(db, batch: list[dict]) -> int:
    db.conn.executemany(
        "update claim_groups set verdict = :verdict, why = :why, n_claims = :n_claims, n_articles = :n_articles,"
        " n_outlets = :n_outlets, n_origins = :n_origins, origins = :origins,"
        " first_seen = :first_seen, last_seen = :last_seen where id = :id",
        batch,
    )
    count = len(batch)
    batch.clear()
    return count


class _Clusterer:
    """Clustering over claims taken in id order: each joins the best group
    among the most recent ones sharing a block key with it (judged against
    the group's centroid, all its members at once) or starts a new one.
    Keeps centroids and key windows in memory (compute_groups) or reads them
    from the database (update_groups): both reach the same groups."""

    def __init__(self, db, in_memory: bool):
        self.db, self.in_memory = db, in_memory
        self.origins = Origins(db, preload=in_memory)
        self.centroids: dict[int, Centroid] = {}
        self.windows: dict[str, list[int]] = {}  # key -> groups, the one a claim joined last at the end
        self.next_id = (db.execute("select max(id) from claim_groups").fetchone()[0] or 0) + 1
        self.new_groups: list[tuple] = []
        self.new_keys: dict[tuple, int] = {}  # (key, group) -> the last claim that joined
        self.changed: set[int] = set()

    def assign(self, claim, content, frame, figures, published, title, article, act, source) -> int:
        by = self.origins.top(source)[0] if source is not None else None  # as sources stand now (scoped, merged)
        f = claim_features(json.loads(frame or "{}"), json.loads(figures or "[]"), published, title, article, act, content, by)
        keys = block_keys(f)
        group = best_group(f, self._candidates(keys))
        if group is None:
            group, self.next_id = self.next_id, self.next_id + 1
            self.centroids[group] = Centroid()
            self.new_groups.append((group, ""))
        self.centroids[group].add(f)
        self.changed.add(group)
        for key in keys:
            window = self.windows.setdefault(key, [])
            if group in window:
                window.remove(group)
            window.append(group)
            del window[:-2 * WINDOW]
            self.new_keys[key, group] = claim
        return group

    def _candidates(self, keys) -> dict[int, Centroid]:
        groups = set()
        for key in keys:
            if not self.in_memory and key not in self.windows:
                self.windows[key] = [row[0] for row in self.db.execute(
                    "select claim_group from claim_group_keys where key = ?"
                    " order by last desc limit ?", [key, 2 * WINDOW])][::-1]
            groups.update(self.windows.get(key, [])[-(WINDOW if "|" in key else SIDE_WINDOW):])
        missing = sorted(g for g in groups if g not in self.centroids)
        if missing:
            for group, centroid in self.db.execute(CENTROIDS_SQL.format(",".join("?" * len(missing))), missing):
                self.centroids[group] = Centroid.from_json(centroid)
        # A group whose claims all left (nulled by hand) has no centroid to match.
        return {g: self.centroids[g] for g in groups if g in self.centroids}

    def flush(self, assignments: list[tuple[int, int]], labels: dict[int, str]) -> None:
        self.db.conn.executemany("insert into claim_groups (id, label) values (?, ?)",
                                 [(g, labels.get(g, "")[:LABEL_LENGTH]) for g, _ in self.new_groups])
        self.db.conn.executemany("insert or replace into claim_group_keys (key, claim_group, last) values (?, ?, ?)",
                                 [(key, group, claim) for (key, group), claim in self.new_keys.items()])
        self.db.conn.executemany("insert or replace into claim_group_centroids (claim_group, centroid) values (?, ?)",
                                 [(g, self.centroids[g].to_json()) for g in sorted(self.changed)])
        self.db.conn.executemany("update claims set claim_group = ? where id = ?", assignments)
        self.new_groups, self.new_keys, self.changed = [], {}, set()


CLAIMS_SQL = """
select claims.id, claims.content, claims.frame, claims.figures, articles.published, articles.title, claims.article, {act},
  claims.source
from claims join articles on articles.id = claims.article
"""


@lru_cache(maxsize=1)
def _nlp():
    from .nlp import load

    return load()


def _assign_rows(clusterer: _Clusterer, rows) -> list[tuple[int, int]]:
    assignments = [(clusterer.assign(*row), row[0]) for row in rows]
    new = {g for g, _ in clusterer.new_groups}
    labels = {}
    for (group, _claim), row in zip(assignments, rows):
        if group in new:
            labels.setdefault(group, row[1] or "")
    clusterer.flush(assignments, labels)
    return assignments


def compute_groups(db) -> dict:
    """Regroup every claim and recompute every verdict from scratch."""
    ensure_tables(db)
    with db.atomic():
        db.execute("update claims set claim_group = null where claim_group is not null")
        for table in ("claim_group_keys", "claim_group_centroids", "claim_groups"):
            db.execute(f"delete from {table}")
        clusterer = _Clusterer(db, in_memory=True)
        last = 0
        while True:  # keyset pages: no read cursor stays open across the writes
            rows = db.execute(f"{_claims_sql(db)} where claims.id > ? order by claims.id limit ?", [last, CHUNK]).fetchall()
            if not rows:
                break
            _assign_rows(clusterer, rows)
            last = rows[-1][0]
        compute_verdicts(db, None, Origins(db, preload=True))
    return summary(db)


def update_groups(db, claim_ids) -> set[int]:
    """Group the given claims that are not grouped yet and refresh the
    verdicts of the groups they joined. Idempotent; cost grows with the number
    of claims given, not with the database. Returns the touched group ids."""
    ensure_tables(db)
    ids = sorted(set(claim_ids))
    if not ids:
        return set()
    touched = set()
    with db.atomic():
        clusterer = _Clusterer(db, in_memory=False)
        for start in range(0, len(ids), 500):
            page = ids[start:start + 500]
            rows = db.execute(
                f"{_claims_sql(db)} where claims.id in ({','.join('?' * len(page))})"
                " and claims.claim_group is null order by claims.id", page
            ).fetchall()
            touched.update(group for group, _claim in _assign_rows(clusterer, rows))
        compute_verdicts(db, touched, Origins(db))
    return touched


def summary(db) -> dict:
    counts = dict(db.execute("select verdict, count(*) from claim_groups group by verdict").fetchall())
    return {
        "claims": db.execute("select count(*) from claims where claim_group is not null").fetchone()[0],
        "groups": sum(counts.values()),
        **{verdict: counts.get(verdict, 0) for verdict in VERDICTS},
    }


# --- check: which groups does a piece of text match? ---


def _fts_query(terms) -> str | None:
    return " OR ".join('"{}"'.format(t.replace('"', "")) for t in sorted(terms)) or None


def find_groups(db, text: str, limit: int = 5) -> list[dict]:
    """Claim groups matching `text`, best first, each with its verdict, why,
    origins and claims. Groups are ranked by the whole question: full-text
    relevance of their claims and the likeness of their centroid; a place
    or side the question names must be the group's."""
    ensure_tables(db)
    doc = _nlp()(text)
    query = claim_features(frame_of(doc, None, figures_in(doc)), figures_in(doc))
    relevance: dict[int, float] = defaultdict(float)
    fts = _fts_query(query.terms)
    if fts:
        for group, rank in db.execute(
            "select claims.claim_group, claims_fts.rank from claims_fts"
            " join claims on claims.rowid = claims_fts.rowid"
            " where claims_fts match ? and claims.claim_group is not null"
            " order by claims_fts.rank limit 200", [fts]
        ):
            relevance[group] = max(relevance[group], -rank)  # bm25: lower is better
    top = max(relevance.values(), default=0) or 1
    clusterer = _Clusterer(db, in_memory=False)
    candidates = clusterer._candidates(block_keys(query))
    missing = sorted(g for g in relevance if g not in candidates)
    for start in range(0, len(missing), 500):
        page = missing[start:start + 500]
        for group, centroid in db.execute(CENTROIDS_SQL.format(",".join("?" * len(page))), page):
            candidates[group] = Centroid.from_json(centroid)
    scores = {}
    for group, centroid in candidates.items():
        named = query.places and centroid.places and _place_named(query.places, centroid.places)
        if query.places and centroid.places and not named:
            continue  # the question's place must be the group's, when the group names one
        if query.agent and query.agent not in centroid.agents:
            continue
        counted = bool(query.events & centroid.counts)  # "death toll": the group counts deaths
        found = (similarity(centroid, query) + relevance.get(group, 0) / top + PLACE_NAMED * bool(named)
                 + COUNT_ASKED * counted + 0.15 * _events_meet(query.events, centroid.main().events))
        if found >= 0.5:
            scores[group] = found
    ranked = sorted(scores, key=lambda g: (-scores[g], g))
    return [describe_group(db, group) for group in ranked[:limit]]


def _place_named(question, group) -> bool:
    """A place of the question is one of the group's, or one contains the
    other; a place the gazetteer does not know is only itself, and a group
    naming a town is not matched through the state it is in ("Sarmada,
    Syria" is not about Aleppo)."""
    places = gazetteer()
    towns = {y for y in group if places.parent.get(y) is not None or y not in places.parent}
    return any(x == y or (x in places.parent and y in places.parent and places.compatible(x, y))
               for x in question for y in towns or group)


def describe_group(db, group: int) -> dict:
    """A group with its claims (as claims_detail rows), origins and why."""
    origins = Origins(db)
    label = db.execute("select label from claim_groups where id = ?", [group]).fetchone()[0]
    rows = db.execute(f"{_members_sql(db)} where claims.claim_group = ? order by claims.id", [group]).fetchall()
    members = [_member(origins, row) for row in rows]
    verdict, why, _summary = judge(members)
    details = {
        row["id"]: row for row in db.query(
            "select id, source_name, relayed_by_name, outlet, published, cue, stance, content,"
            " figures from claims_detail where claim_group = ?", [group]
        )
    }
    claims, by_origin = [], defaultdict(list)
    for member in members:
        detail = details[member.claim]
        claims.append({
            "id": member.claim,
            "origin": member.origin,
            "source": detail["source_name"],
            "relayed_by": detail["relayed_by_name"],
            "outlet": detail["outlet"],
            "published": detail["published"],
            "cue": detail["cue"],
            "stance": member.stance,
            "content": detail["content"],
            "figures": [f.get("text") for f in json.loads(detail["figures"] or "[]")],
        })
        by_origin[member.origin].append(member.claim)
    return {
        "group": group,
        "label": label,
        "verdict": verdict,
        "why": why,
        "origins": [{"name": name, "claims": ids} for name, ids in by_origin.items()],
        "timeline": timeline(members),
        "claims": claims,
    }
