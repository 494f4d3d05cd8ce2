"""Corroboration: which claims say the same thing, and from how many origins.

A claim's ORIGIN is who it ultimately comes from: the top of its speaker's
parent chain (a ministry -> its government, a person -> their organisation, a
reporter -> their outlet). Relays and outlets only carry a claim, so the
Russian army quoted by Russian agencies in an AFP dispatch has one origin, the
Russian government.

Claims are grouped by leader clustering: taking claims in id order, each joins
the best-matching group among the recent groups sharing a block key with it
(judged against the group's first claim, its leader) or starts a new one.
Because the order is fixed and only leaders matter, `update_groups` on each new
batch and a full `compute_groups` produce the same groups, and the work per
claim is bounded by WINDOW whatever the size of the database.
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

from .figures import UNITS
from .sources.registry import default_registry

VERDICTS = ("corroborated", "single_origin", "contested")
WINDOW = 16  # candidate groups per block key: the most recent ones
CHUNK = 20_000  # claims read and written per round trip
APPROX = 0.1  # "around 70" accepts 63..77
LABEL_LENGTH = 120

# --- text features: a cheap normaliser, no parsing (it runs on every claim) ---

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according reported report added still since
    had has have been least most many much several would could may might well including""".split()
)
# Event words -> the kind of event they name; matching groups must share one.
CONCEPTS = {
    "strike": """strike airstrike raid bomb bombing bombard bombardment shell shelling missile
        rocket drone artillery mortar warplane warplanes hit pound""",
    "kill": "kill dead death die toll slain massacre fatality casualty bodies body",
    "wound": "wound wounded injure injured injury",
    "attack": "attack assault offensive fighting fight clash battle ambush storm",
    "capture": "capture seize control overrun conquer recapture retake advance",
    "presence": "celebrate cheer patrol deploy parade",
    "withdraw": "withdraw retreat",
    "displace": "flee fled displace displacement exodus evacuate refugee",
    "arrest": "arrest detain abduct kidnap",
    "ceasefire": "ceasefire truce armistice",
    "aid": "aid convoy humanitarian",
    "destroy": "destroy damage raze demolish flatten",
}
IMPLIES = {"capture": "presence"}  # taking a place means being there
BIGRAMS = {("in", "front"): "presence"}
# A concept word this close after these is background ("after a lightning
# offensive", "since Monday's strike"), not what the claim asserts.
CONTEXT_WORDS = frozenset("after following since amid despite before".split())
CONTEXT_SPAN = 4
REBEL_WORDS = frozenset(
    "rebel rebels fighter fighters jihadist jihadists insurgent insurgents militant militants faction factions opposition".split()
)
REGIME_WORDS = frozenset("regime loyalist loyalists pro-government pro-regime".split())
# A demonym before these names a place or the other side, not the state.
NOT_STATE = REBEL_WORDS | frozenset("border city town village capital province territory side coast soil".split())
SELF_WORDS = frozenset("its our we us".split())  # the speaker's own side
DEMONYMS = {
    "syrian": "Syria", "russian": "Russia", "israeli": "Israel", "ukrainian": "Ukraine",
    "iranian": "Iran", "turkish": "Turkey", "american": "United States", "us": "United States",
    "u.s": "United States", "sudanese": "Sudan", "lebanese": "Lebanon", "iraqi": "Iraq",
    "yemeni": "Yemen", "egyptian": "Egypt", "saudi": "Saudi Arabia", "french": "France",
    "british": "United Kingdom", "chinese": "China", "jordanian": "Jordan", "kurdish": "Kurds",
    "palestinian": "Palestinians", "emirati": "United Arab Emirates", "qatari": "Qatar",
}
COUNTRIES = frozenset(
    c.casefold() for c in [*DEMONYMS.values(), "Britain", "UK", "US", "USA", "Gaza", "West Bank", "Türkiye"]
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
NEGATION = re.compile(r"\b(?:not|never)\b|n't\b", re.I)
# Words, and punctuation that ends a proper name ("Aleppo, Syria's second city").
TOKEN = re.compile(r"[^\W\d_](?:[\w'’.\-]*\w)?|\d[\d,.]*|[,;:()\"“”«»—–!?]")
IRREGULAR = {
    "struck": "strike", "fled": "flee", "died": "die", "dying": "die", "shot": "shoot",
    "took": "take", "taken": "take", "children": "child", "bodies": "body",
    "withdrawn": "withdraw", "withdrew": "withdraw",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude but consistent stem: the same for "raids"/"raid", "bombed"/"bombing"."""
    if word in IRREGULAR:
        return stem(IRREGULAR[word])
    for suffixes in ((("ies", "y"), ("es", ""), ("s", "")), (("ing", ""), ("ed", ""))):
        for suffix, replacement in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
                word = word[: len(word) - len(suffix)] + replacement
                break
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


CONCEPT_OF = {stem(w): concept for concept, words in CONCEPTS.items() for w in words.split()}
NUMBER_WORDS = frozenset(UNITS) | {"hundred", "thousand", "million", "dozen", "dozens", "hundreds", "thousands"}
# Capitalised, these still are not names (mid-sentence: "We are afraid").
NOT_NAMES = frozenset(
    """the a an we it he she they i you this that these those his her its our their in on at
    of for and but or as by with from to after before since while when if""".split()
) | frozenset(WEEKDAYS) | frozenset(MONTHS)
LEXICON = STOPWORDS | REBEL_WORDS | REGIME_WORDS | NUMBER_WORDS | frozenset(WEEKDAYS) | frozenset(MONTHS)


class Features(NamedTuple):
    concepts: frozenset
    actors: frozenset
    places: frozenset
    dates: frozenset
    keywords: frozenset
    figure: tuple | None
    article: str | None = None  # the article a claim comes from, for the stricter cross-article test


@lru_cache(maxsize=100_000)
def actor_key(name: str) -> str | None:
    """The top of what a proper name denotes in the registry ("HTS" ->
    Hayat Tahrir al-Sham, "Russia" -> Russian government), if it knows it."""
    ref = default_registry().lookup(name)
    while ref is not None and ref.parent is not None:
        ref = ref.parent
    return ref.name if ref else None


def features(content: str, speaker: str | None = None, published: str | None = None,
             figures=()) -> Features:
    """What a claim is about, from its words alone.

    `speaker` is the claim's origin name ("its air force" is then the
    speaker's), `published` anchors weekdays to dates."""
    tokens = [t.removesuffix("'s").removesuffix("’s") for t in TOKEN.findall(content or "")]
    concepts, actors, places, dates, keywords = set(), set(), set(), set(), set()
    agents = None  # the actors named before the first event word: who did it
    anchor = _date(published)
    context_left = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        lower = token.lower()
        if not token[0].isalnum():  # punctuation only ends names
            i += 1
            continue
        context_left = CONTEXT_SPAN if lower in CONTEXT_WORDS else max(context_left - 1, 0)
        # A capitalised run is a proper name, except a lone sentence-initial word.
        if _name_word(token) and (i > 0 or lower not in LEXICON):
            j = i + 1
            while j < len(tokens) and (_name_word(tokens[j]) or tokens[j][:3].lower() in ("al-", "el-")):
                j += 1
            run = " ".join(tokens[i:j])
            if i > 0 or j - i > 1 or _known(run):
                _name(run, tokens[j].lower() if j < len(tokens) else "", actors, places)
                keywords.add(run.lower())
                i = j
                continue
        if lower in WEEKDAYS or lower in ("today", "yesterday"):
            dates.add(_resolve_day(lower, anchor))
        elif lower in REBEL_WORDS:
            actors.add("rebels")
        elif lower in REGIME_WORDS or lower.startswith("anti-regime"):
            actors.add("rebels" if lower.startswith("anti-") else "regime")
        elif lower in SELF_WORDS and speaker:
            actors.add(speaker)
        elif lower not in LEXICON and lower[0].isalpha():
            word = stem(lower)
            concept = CONCEPT_OF.get(word) or BIGRAMS.get((tokens[i - 1].lower(), lower))
            if concept and not context_left:
                if not concepts:
                    agents = set(actors)
                concepts.add(concept)
            keywords.add(word)
        i += 1
    for concept, implied in IMPLIES.items():
        if concept in concepts:
            concepts.add(implied)
    return Features(
        frozenset(concepts), frozenset(agents or actors), frozenset(places), frozenset(dates), frozenset(keywords), primary_interval(figures),
    )


@lru_cache(maxsize=4096)
def _title_places(title: str) -> frozenset:
    return features(title).places


def _name_word(token: str) -> bool:
    return token[0].isupper() and (token.lower() not in NOT_NAMES or (len(token) > 1 and token.isupper()))


def _known(run: str) -> bool:
    return run.lower() in DEMONYMS or run.casefold() in COUNTRIES or actor_key(run) is not None


def _name(run, following, actors, places):
    lower = run.lower()
    if lower in DEMONYMS:
        if following not in NOT_STATE:
            actors.add(actor_key(DEMONYMS[lower]) or DEMONYMS[lower])
    elif run.casefold() in COUNTRIES:
        pass  # "in Syria" is too wide to tell events apart; it stays a keyword
    elif actor_key(run):
        actors.add(actor_key(run))
    else:
        places.add(lower)


def _date(published: str | None) -> date | None:
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def _resolve_day(word: str, anchor: date | None) -> str:
    """"Friday" in a Saturday dispatch is the day before; without a date it stays a word."""
    if anchor is None:
        return word
    if word == "today":
        return anchor.isoformat()
    if word == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    back = (anchor.weekday() - WEEKDAYS.index(word)) % 7
    return (anchor - timedelta(days=back)).isoformat()


# --- figures as intervals ---

COUNTED = {"dead": "dead", "death": "dead", "kill": "dead", "fatality": "dead", "body": "dead",
           "person": "people", "wound": "wounded", "injure": "wounded", "injured": "wounded"}


def interval(figure: dict) -> tuple | None:
    """(low, high, low_inclusive, high_inclusive, counted) of a figure dict;
    approximate figures are widened by APPROX."""
    low, high = figure.get("low"), figure.get("high")
    if low is None and high is None:
        return None
    low = -math.inf if low is None else float(low)
    high = math.inf if high is None else float(high)
    low_inc, high_inc = figure.get("low_inclusive", True), figure.get("high_inclusive", True)
    if figure.get("approx"):
        low, high, low_inc, high_inc = low * (1 - APPROX), high * (1 + APPROX), True, True
    counted = figure.get("counted")
    counted = counted and COUNTED.get(stem(counted.lower()), stem(counted.lower()))
    return (low, high, low_inc, high_inc, counted)


def primary_interval(figures) -> tuple | None:
    """The first figure a claim states: the one its sentence is about."""
    for figure in figures or ():
        found = interval(figure)
        if found:
            return found
    return None


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


# --- matching ---


def score(leader: Features, claim: Features) -> float | None:
    """How well a claim matches a group's leader; None when they cannot be
    the same assertion (different event, side, place or day)."""
    if (leader.concepts or claim.concepts) and not leader.concepts & claim.concepts:
        return None
    for a, b in ((leader.actors, claim.actors), (leader.places, claim.places), (leader.dates, claim.dates)):
        if a and b and not a & b:
            return None
    # Saying who did it is a different assertion from one that does not.
    if bool(leader.actors) != bool(claim.actors):
        return None
    shared_actors = len(leader.actors & claim.actors)
    shared_places = len(leader.places & claim.places)
    union = len(leader.keywords | claim.keywords)
    overlap = len(leader.keywords & claim.keywords) / union if union else 0.0
    if not (shared_actors or shared_places or overlap >= 0.3):
        return None
    # Across articles the same kind of event is often another event: without
    # a shared place, ask for much the same words (and the same actor, if named).
    if leader.article != claim.article and not shared_places and overlap < (0.3 if shared_actors else 0.5):
        return None
    figure_bonus = comparable(leader.figure, claim.figure) and intervals_overlap(leader.figure, claim.figure)
    return (2 * len(leader.concepts & claim.concepts) + 1.5 * shared_actors + 2 * shared_places
            + 3 * overlap + bool(leader.dates & claim.dates) + figure_bonus)


def block_keys(f: Features) -> list[str]:
    """Keys under which a leader is found: (event, side) and (event, place),
    plus its longest words, which stand in for its rarest ones."""
    anchors = [f"a:{a}" for a in f.actors] + [f"p:{p}" for p in f.places]
    rare = sorted((w for w in f.keywords if w not in CONCEPT_OF), key=lambda w: (-len(w), w))[:3]
    anchors += [f"w:{w}" for w in rare]
    return [f"{c}|{a}" for c in sorted(f.concepts) or ["-"] for a in anchors]


def best_group(claim: Features, candidates: dict[int, Features]) -> int | None:
    best, best_score = None, 0.0
    for group in sorted(candidates):
        found = score(candidates[group], claim)
        if found is not None and found > best_score:
            best, best_score = group, found
    return best


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

    def speaker(self, source: int | None) -> str | None:
        return self.top(source)[0] if source is not None else None


# --- verdicts ---


class Member(NamedTuple):
    claim: int
    origin: str
    stance: str
    figure: tuple | None
    figure_text: str | None
    published: str | None
    outlet: str | None
    article: str
    negated: bool = False  # denies only by its wording ("had not struck")


def stance_of(stance: str, content: str) -> str:
    """A claim said in the negative ("X had not struck Y") denies the positive."""
    if NEGATION.search(content or ""):
        return "asserts" if stance == "denies" else "denies"
    return stance or "asserts"


def judge(members: list[Member]) -> tuple[str, str, list[dict]]:
    """(verdict, why, origins) of one group's claims.

    contested: an origin denies it, or two independent origins' latest
    comparable figures cannot both be true; corroborated: asserted by at least
    two independent origins; otherwise single_origin. An origin's later figure
    replaces its earlier one (an update, not a contradiction)."""
    # "We will not abandon the town" denies nothing unless another origin
    # says the positive; an explicit denial always contests
    positive = {m.origin for m in members if m.stance == "asserts"}
    members = [
        m._replace(stance="asserts", negated=False) if m.negated and not positive - {m.origin} else m
        for m in members
    ]
    by_origin: dict[str, list[Member]] = defaultdict(list)
    for member in sorted(members, key=lambda m: (m.published or "", m.claim)):
        by_origin[member.origin].append(member)
    origins, latest = [], {}
    for key, claims in by_origin.items():
        figured = [m for m in claims if m.figure is not None]
        if figured:
            latest[key] = figured[-1]
        origins.append({
            "name": key,
            "claims": len(claims),
            "asserts": sum(m.stance == "asserts" for m in claims),
            "denies": sum(m.stance == "denies" for m in claims),
            "outlets": sorted({m.outlet for m in claims if m.outlet}),
            "figures": [m.figure_text for m in figured],
        })
    deniers = [o["name"] for o in origins if o["denies"]]
    asserters = [o["name"] for o in origins if o["asserts"]]
    conflicts = [
        (a, b) for i, a in enumerate(latest) for b in list(latest)[i + 1:]
        if comparable(latest[a].figure, latest[b].figure)
        and not intervals_overlap(latest[a].figure, latest[b].figure)
    ]
    updates = "".join(
        f"; {o['name']} updated its figure ({' -> '.join(o['figures'])})"
        for o in origins if len(set(o["figures"])) > 1
    )
    if deniers:
        verdict = "contested"
        why = f"denied by {', '.join(deniers)}"
        if asserters:
            why += f"; asserted by {', '.join(asserters)}"
    elif conflicts:
        verdict = "contested"
        why = "; ".join(
            f"{a} says {latest[a].figure_text} but {b} says {latest[b].figure_text}"
            for a, b in conflicts
        )
    elif len(asserters) >= 2:
        verdict = "corroborated"
        why = f"asserted by {len(asserters)} independent origins ({', '.join(asserters)}), denied by none"
    else:
        outlets = {m.outlet for m in members if m.outlet}
        articles = {m.article for m in members}
        why = (f"one origin ({', '.join(asserters) or 'unknown'}), carried by {len(outlets)}"
               f" outlet{'s' * (len(outlets) != 1)} in {len(articles)} article{'s' * (len(articles) != 1)}")
        verdict = "single_origin"
    return verdict, why + updates, origins


# --- database ---

MEMBERS_SQL = """
select claims.claim_group, claims.id, claims.source, claims.relayed_by, claims.stance,
  claims.content, claims.figures, articles.published, articles.outlet, claims.article
from claims join articles on articles.id = claims.article
"""
LEADER_SQL = """
select claims.claim_group, claims.content, claims.source, claims.figures, articles.published, articles.title,
  claims.article
from claims join articles on articles.id = claims.article
where claims.id in (select min(id) from claims where claim_group in ({}) group by claim_group)
"""


def ensure_tables(db) -> None:
    """The block-key index of group leaders, kept for incremental updates."""
    if "claim_group_keys" not in db.table_names():
        db["claim_group_keys"].create(
            {"key": str, "claim_group": int},
            pk=("key", "claim_group"),
            foreign_keys=[("claim_group", "claim_groups", "id")],
        )
        db["claim_group_keys"].create_index(["claim_group"])


def _member(origins: Origins, row) -> Member:
    _group, claim, source, relayed_by, stance, content, figures, published, outlet, article = row
    figures = json.loads(figures or "[]")
    first = next((f for f in figures if interval(f)), None)
    effective = stance_of(stance, content)
    return Member(claim, origins.of(source, relayed_by, outlet), effective, primary_interval(figures),
                  first and first.get("text"), published, outlet, article,
                  negated=stance == "asserts" and effective == "denies")


def compute_verdicts(db, group_ids=None, origins: Origins | None = None) -> int:
    """Recompute counts, origins and verdicts of the given groups (all when
    None). Returns how many groups were written."""
    origins = origins or Origins(db, preload=group_ids is None)
    if group_ids is None:
        rows = db.execute(f"{MEMBERS_SQL} where claims.claim_group is not null order by claims.claim_group, claims.id")
    else:
        group_ids = sorted(set(group_ids))
        if not group_ids:
            return 0
        db.execute("create temp table if not exists _groups (id integer primary key)")
        db.execute("delete from _groups")
        db.conn.executemany("insert into _groups values (?)", [(g,) for g in group_ids])
        rows = db.execute(
            f"{MEMBERS_SQL} where claims.claim_group in (select id from _groups)"
            " order by claims.claim_group, claims.id"
        )
    written, batch = 0, []
    for group, group_rows in groupby(rows, key=lambda row: row[0]):
        members = [_member(origins, row) for row in group_rows]
        verdict, _why, origin_list = judge(members)
        published = [m.published for m in members if m.published]
        batch.append({
            "id": group,
            "verdict": verdict,
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
        db.execute(f"delete from claim_groups where id in ({empty})")
    return written


def _write_verdicts(db, batch: list[dict]) -> int:
    db.conn.executemany(
        "update claim_groups set verdict = :verdict, n_claims = :n_claims, n_articles = :n_articles,"
        " n_outlets = :n_outlets, n_origins = :n_origins, origins = :origins,"
        " first_seen = :first_seen, last_seen = :last_seen where id = :id",
        batch,
    )
    count = len(batch)
    batch.clear()
    return count


class _Clusterer:
    """Leader clustering over claims taken in id order; keeps leaders and the
    block-key windows in memory (compute_groups) or reads them from the
    database (update_groups)."""

    def __init__(self, db, origins: Origins, in_memory: bool):
        self.db, self.origins, self.in_memory = db, origins, in_memory
        self.leaders: dict[int, Features] = {}
        self.windows: dict[str, list[int]] = defaultdict(list)
        self.next_id = (db.execute("select max(id) from claim_groups").fetchone()[0] or 0) + 1
        self.new_groups: list[tuple] = []
        self.new_keys: list[tuple] = []

    def claim_features(self, content, source, figures, published, title, article) -> Features:
        """A claim's features; a claim that names no place ("the strike killed
        19 people") takes the places of its article's title, so that it does
        not join the same kind of event somewhere else."""
        f = features(content, self.origins.speaker(source), published, json.loads(figures or "[]"))
        f = f._replace(article=article)
        if not f.places and title:
            f = f._replace(places=_title_places(title))
        return f

    def assign(self, content, source, figures, published, title, article) -> int:
        f = self.claim_features(content, source, figures, published, title, article)
        keys = block_keys(f)
        group = best_group(f, self._candidates(keys))
        if group is None:
            group, self.next_id = self.next_id, self.next_id + 1
            self.leaders[group] = f
            self.new_groups.append((group, (content or "")[:LABEL_LENGTH]))
            for key in keys:
                window = self.windows[key]
                window.append(group)
                if len(window) > 2 * WINDOW:
                    del window[:-WINDOW]
                self.new_keys.append((key, group))
        return group

    def _candidates(self, keys) -> dict[int, Features]:
        groups = set()
        for key in keys:
            if self.in_memory or key in self.windows:
                groups.update(self.windows[key][-WINDOW:])
            else:
                stored = [row[0] for row in self.db.execute(
                    "select claim_group from claim_group_keys where key = ?"
                    " order by claim_group desc limit ?", [key, WINDOW])]
                self.windows[key] = sorted(stored)
                groups.update(stored)
        missing = [g for g in groups if g not in self.leaders]
        if missing:
            for group, *row in self.db.execute(LEADER_SQL.format(",".join("?" * len(missing))), missing):
                self.leaders[group] = self.claim_features(*row)
        # A group whose claims all left (nulled by hand) has no leader to match.
        return {g: self.leaders[g] for g in groups if g in self.leaders}

    def flush(self, assignments: list[tuple[int, int]]) -> None:
        self.db.conn.executemany("insert into claim_groups (id, label) values (?, ?)", self.new_groups)
        self.db.conn.executemany("insert or ignore into claim_group_keys (key, claim_group) values (?, ?)", self.new_keys)
        self.db.conn.executemany("update claims set claim_group = ? where id = ?", assignments)
        self.new_groups, self.new_keys = [], []


CLAIMS_SQL = """
select claims.id, claims.content, claims.source, claims.figures, articles.published, articles.title,
  claims.article
from claims join articles on articles.id = claims.article
"""


def compute_groups(db) -> dict:
    """Regroup every claim and recompute every verdict from scratch."""
    ensure_tables(db)
    origins = Origins(db, preload=True)
    with db.atomic():
        db.execute("update claims set claim_group = null where claim_group is not null")
        db.execute("delete from claim_group_keys")
        db.execute("delete from claim_groups")
        clusterer = _Clusterer(db, origins, in_memory=True)
        last = 0
        while True:  # keyset pages: no read cursor stays open across the writes
            rows = db.execute(f"{CLAIMS_SQL} where claims.id > ? order by claims.id limit ?", [last, CHUNK]).fetchall()
            if not rows:
                break
            clusterer.flush([(clusterer.assign(*row[1:]), row[0]) for row in rows])
            last = rows[-1][0]
        compute_verdicts(db, None, origins)
    return summary(db)


def update_groups(db, claim_ids) -> set[int]:
    """Group the given claims that are not grouped yet and refresh the
    verdicts of the groups they joined. Idempotent; cost grows with the number
    of claims given, not with the database. Returns the touched group ids."""
    ensure_tables(db)
    ids = sorted(set(claim_ids))
    if not ids:
        return set()
    origins = Origins(db)
    touched = set()
    with db.atomic():
        clusterer = _Clusterer(db, origins, in_memory=False)
        for start in range(0, len(ids), 500):
            page = ids[start:start + 500]
            rows = db.execute(
                f"{CLAIMS_SQL} where claims.id in ({','.join('?' * len(page))})"
                " and claims.claim_group is null order by claims.id", page
            ).fetchall()
            assignments = [(clusterer.assign(*row[1:]), row[0]) for row in rows]
            clusterer.flush(assignments)
            touched.update(group for group, _claim in assignments)
        compute_verdicts(db, touched, origins)
    return touched


def summary(db) -> dict:
    counts = dict(db.execute("select verdict, count(*) from claim_groups group by verdict").fetchall())
    return {
        "claims": db.execute("select count(*) from claims where claim_group is not null").fetchone()[0],
        "groups": sum(counts.values()),
        **{verdict: counts.get(verdict, 0) for verdict in VERDICTS},
    }


# --- check: which groups does a piece of text match? ---


def _fts_query(text: str) -> str | None:
    words = [w for w in TOKEN.findall(text) if w.lower() not in STOPWORDS and not w[0].isdigit()]
    return " OR ".join('"{}"'.format(w.replace('"', "")) for w in words) or None


def find_groups(db, text: str, limit: int = 5) -> list[dict]:
    """Claim groups matching `text`, best first, each with its verdict, why,
    origins and claims."""
    ensure_tables(db)
    query = features(text)
    scores: dict[int, float] = defaultdict(float)
    fts = _fts_query(text)
    if fts:
        for group, content in db.execute(
            "select claims.claim_group, claims.content from claims_fts"
            " join claims on claims.rowid = claims_fts.rowid"
            " where claims_fts match ? and claims.claim_group is not null"
            " order by claims_fts.rank limit 200", [fts]
        ):
            words = features(content).keywords
            share = len(query.keywords & words) / len(query.keywords) if query.keywords else 0
            scores[group] = max(scores[group], 3 * share)
    clusterer = _Clusterer(db, Origins(db), in_memory=False)
    for group, leader in clusterer._candidates(block_keys(query)).items():
        found = score(leader, query)
        if found:
            scores[group] += found
    ranked = sorted((g for g, s in scores.items() if s >= 1.5), key=lambda g: (-scores[g], g))
    return [describe_group(db, group) for group in ranked[:limit]]


def describe_group(db, group: int) -> dict:
    """A group with its claims (as claims_detail rows), origins and why."""
    origins = Origins(db)
    label = db.execute("select label from claim_groups where id = ?", [group]).fetchone()[0]
    rows = db.execute(f"{MEMBERS_SQL} where claims.claim_group = ? order by claims.id", [group]).fetchall()
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
        "claims": claims,
    }
