"""Generic sources scoped to a state: "the army" of a Sudan dispatch is the
Sudanese army, of the Sudanese government; "the Office of the Prosecutor
General" in a Kyiv dispatch belongs to the Ukrainian government; with no
state to go by, such a source is the article's own (never one global "Army"
whose claims would share an origin across unrelated wars)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..datafiles import parse_yaml
from ..model import Article, Attribution, SourceRef
from .registry import default_registry


def gazetteer():
    # imported late: the extractor, which the frames module lives in, imports this module
    from ..extract.frames import gazetteer as load

    return load()


def places_in_text(text: str) -> frozenset:
    from ..extract.frames import places_in_text as find

    return find(text)


def side_of(name: str) -> str:
    """The side a frame says a source of this top-level name speaks for."""
    from ..extract.frames import actor_key

    return actor_key(name) or name

WORD = re.compile(r"[^\W\d_](?:[\w'’]|\.(?=\w))*\.?")  # "U.S." is one word
ELISION = re.compile(r"^(?:[dlDL]|qu|Qu)['’](?=\w)")  # French "d'occupation", "l'Intérieur": the word after it
RULED = re.compile(r"^(?P<ruler>.+?)-(?:run|installed|backed|appointed|led|controlled)$", re.I)
DATELINE = re.compile(r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|[ .'’-]){1,40}?)\s*(?:,|\(|[-–—/])")  # "MONTRÉAL —" too
# "PORT-AU-PRINCE, Haiti": a hyphen inside the name, read first
HYPHENATED_DATELINE = re.compile(r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|[ .'’-]){1,40}?)\s*(?:,|\(|[–—/]|-(?!\w))")
STATE_TYPES = ("government", "military", "official_media", "other")


@lru_cache(maxsize=1)
def _generic() -> dict:
    return parse_yaml(resources.files(__package__).joinpath("generic.yml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset, frozenset]:
    return frozenset(_generic()["bodies"]), frozenset(_generic()["qualifiers"]) | _occupation_words()


@lru_cache(maxsize=1)
def _occupation_words() -> frozenset:
    return frozenset(_generic()["occupation"])


def names_occupation(name: str) -> bool:
    """"the occupation authorities", "les autorités d'occupation": a body the occupier runs."""
    return any(ELISION.sub("", w).lower() in _occupation_words() for w in WORD.findall(name))


def body_words() -> frozenset:
    """Nouns naming a body of a state ("army", "police", "ministry", "armée")."""
    return _vocabulary()[0]


def is_state_title(lemma: str) -> bool:
    return lemma in _state_titles()


@lru_cache(maxsize=1)
def _state_titles() -> frozenset:
    return frozenset(_generic()["state_titles"])


@lru_cache(maxsize=1)
def anaphor_kinds() -> dict[str, frozenset]:
    """The source types a bare descriptor ("the group") can point back to."""
    return {noun: frozenset(kinds) for noun, kinds in _generic()["anaphors"].items()}


@lru_cache(maxsize=1)
def ruling_verbs() -> frozenset:
    """Lemmas of participles naming who rules a body ("installed by Moscow")."""
    return frozenset(_generic()["ruling_verbs"])


@lru_cache(maxsize=1)
def organisation_words() -> frozenset:
    """Last words of organisations' names, never of a person's."""
    return frozenset(_generic()["organisation_words"])


def is_state_service(name: str) -> bool:
    """A rescue service every state has ("the civil defence"), though typed like an NGO."""
    lowered = " ".join(WORD.findall(name.lower()))
    return any(service in lowered for service in _generic()["state_services"])


@lru_cache(maxsize=1)
def document_nouns() -> frozenset:
    """Nouns of documents, which say what their author says."""
    return frozenset(_generic()["documents"])


def article_place(article: Article) -> str | None:
    """The place an article is about: the one its title names (the innermost,
    when all it names lies in one state), else its dateline's (where the
    reporter is: often, not always, the story's)."""
    places = gazetteer()
    named = places_in_text(article.title or "")
    if len({places.chain(p)[-1] for p in named}) == 1:
        return max(sorted(named), key=lambda p: len(places.chain(p)))
    return dateline_place(article)


def dateline_place(article: Article) -> str | None:
    """The article's dateline place ("AMMAN —", "GAZA/JERUSALEM, Oct 17"),
    on its first line or, after a headline, its second."""
    lines = [line for line in (article.text or "").splitlines() if line.strip()][:2]
    for line in lines:
        for dateline in (HYPHENATED_DATELINE, DATELINE):
            match = dateline.match(line)
            place = gazetteer().lookup(match.group("place").title()) if match else None
            if place is not None:
                return place
    return None


def ruler_of(place: str | None) -> SourceRef | None:
    """Who governs a place: the body holding it when not its state (Gaza:
    Hamas), else its state's government."""
    places, registry = gazetteer(), default_registry()
    if place is None:
        return None
    for inside in places.chain(place):
        if inside in places.governed_by:
            return registry.lookup(places.governed_by[inside])
    return state_government(places.chain(place)[-1])


def ruler_named(name: str) -> SourceRef | None:
    """Who governs the body a generic name names, if it names one: "Canada's
    defence department", "the Russian-installed administration", "the health
    ministry in the Hamas-run enclave", "the Ministry of Health in Gaza"."""
    places, registry = gazetteer(), default_registry()
    for word in name.replace("’", "'").split():
        match = RULED.match(word.strip(",.;:"))
        if match:
            ruler = match.group("ruler")
            # "Houthi-run": the group named by its members' adjective (the Houthis)
            found = registry.lookup(ruler) or registry.lookup(f"{ruler}s") or state_government(places.lookup(ruler))
            if found is not None:
                return found
    for place in sorted(places_in_text(name)) + sorted(p for w in WORD.findall(name) if (p := places.lookup(w))):
        for inside in places.chain(place):
            if inside in places.governed_by:
                return registry.lookup(places.governed_by[inside])
        return state_government(places.chain(place)[-1])
    return None


def state_government(state: str | None) -> SourceRef | None:
    """The registry's government of a state, else a new "<demonym> government"."""
    if state is None:
        return None
    places, registry = gazetteer(), default_registry()
    demonym = places.demonym_of.get(state, state)
    for candidate in (state, f"{demonym} government"):
        ref = registry.lookup(candidate)
        if ref is not None and ref.type == "government":
            return ref
    return SourceRef(f"{demonym} government", "government")


def is_generic(name: str) -> bool:
    """Named only by the words every state's bodies share (and the state)."""
    bodies, qualifiers = _vocabulary()
    unruled = " ".join(w for w in name.split() if not RULED.match(w.strip(",.;:")))
    words = [ELISION.sub("", w.removesuffix("'s").removesuffix("’s")) for w in WORD.findall(unruled)]
    rest = [w.lower() for w in _without_places(words)]
    return bool(rest) and any(w in bodies for w in rest) and all(w in bodies or w in qualifiers for w in rest)


def _without_places(words: list[str]) -> list[str]:
    """The words that are no part of a gazetteer place's name ("Nova Kakhovka",
    "bande de Gaza", "Nord-Kivu": up to four words)."""
    places, kept, i = gazetteer(), [], 0

    def place(run: list[str]) -> bool:
        return places.lookup(" ".join(run)) is not None or places.lookup("-".join(run)) is not None

    while i < len(words):
        width = next((n for n in (4, 3, 2, 1) if i + n <= len(words) and place(words[i : i + n])), 0)
        if not width:
            kept.append(words[i])
        i += width or 1
    return kept


def _top(ref: SourceRef) -> SourceRef:
    while ref.parent is not None:
        ref = ref.parent
    return ref


def scope_generic_sources(attributions: list[Attribution], article: Article) -> list[Attribution]:
    """Give each generic source of an article the state it belongs to (see
    the module docstring). Sources are shared between an article's
    attributions, so each is scoped once."""
    place = article_place(article)
    dateline = dateline_place(article)  # once: it splits the whole text into lines
    seen: set[int] = set()
    for attribution in attributions:
        if attribution.relayed_by is attribution.source:
            attribution.relayed_by = None  # "X estimate ..., according to an assessment" (X's own)
        _scope_titled_official(attribution, article, dateline)
        for ref in (attribution.source, attribution.relayed_by):
            if not isinstance(ref, SourceRef):
                continue
            ref = _top(ref)  # "X, head of the Russian-installed administration": the body X heads
            if id(ref) in seen:
                continue
            seen.add(id(ref))
            # a registry body is who the registry says ("the Palestinian Authority")
            # as is a generic body a place names, whatever its type ("Gaza's civil defence service")
            if (
                is_generic(ref.name)
                and default_registry().lookup(ref.name) is None
                and (ref.type in STATE_TYPES or is_state_service(ref.name) or ruler_named(ref.name) is not None)
            ):
                if names_occupation(ref.name) and ruler_named(ref.name) is None:
                    _scope_occupation_body(ref, [*sorted(places_in_text(attribution.sentence)), place, dateline], article)
                else:
                    _scope_body(ref, place, article)
    for attribution in attributions:
        if attribution.frame and isinstance(attribution.source, SourceRef):
            # the frame was read before the source was scoped: the side it speaks for is its new top's
            attribution.frame["by"] = side_of(_top(attribution.source).name)
    return attributions


def _scope_titled_official(attribution: Attribution, article: Article, dateline: str | None) -> None:
    """"AMMAN — Foreign Minister X said": a minister named by title alone
    in a datelined dispatch is the dateline state's."""
    ref = attribution.source
    if not isinstance(ref, SourceRef) or ref.type != "person" or ref.parent is not None:
        return
    # capitalised in English ("Foreign Minister X"), not in French ("le ministre de l'Intérieur, X")
    titled = any(
        (w[:1].isupper() or article.lang == "fr") and w.lower() in _state_titles() for w in WORD.findall(attribution.source_text or "")
    )
    if titled:
        ref.parent = ruler_of(dateline)


def _scope_body(ref: SourceRef, place: str | None, article: Article) -> None:
    local = ruler_of(place)
    national = state_government(gazetteer().chain(place)[-1]) if place else None
    ruler = ruler_named(ref.name)
    if ruler is not None and national is not None and ruler.name == national.name:
        ruler = local  # "Palestinian health officials" in a Gaza dispatch: Gaza's rulers
    if ruler is not None:
        if ref.name == getattr(national, "name", None) and ruler.name != ref.name:
            _become(ref, ruler)  # the state's government, where another body rules
        else:
            ref.parent = ruler if _top(ruler).name != ref.name else None
        return
    if local is not None and local.name == national.name:
        country = gazetteer().chain(place)[-1]
        registered = _registered_body(ref.name, country, national)
        if registered is not None:
            _become(ref, registered)  # "the army" of a Bamako dispatch is the Malian army
            return
        scope = gazetteer().demonym_of.get(country)
    else:
        scope = local.name if local is not None else article.outlet or article.id
    _name_for(ref, scope, local)


# a French adjective agreeing with the noun it follows: "malien", "armée
# malienne", "autorités maliennes", "soudanaise"
FRENCH_AGREEMENT = ("", "e", "ne", "s", "es", "nes")


def _registered_body(name: str, country: str, government: SourceRef) -> SourceRef | None:
    """The registry's body of a state that a generic name of it is, found by
    its name with each of the state's demonyms ("Malian army"; "armée
    malienne", "autorités maliennes": the Malian government)."""
    places = gazetteer()
    for demonym in sorted(d for d in places.demonyms if places.by_name[d] == country):
        for candidate in (f"{demonym} {name}", *(f"{name} {demonym}{ending}" for ending in FRENCH_AGREEMENT)):
            found = default_registry().lookup(candidate)
            if found is not None and _top(found).name == government.name:
                return found
    return None


def _name_for(ref: SourceRef, scope: str | None, parent: SourceRef | None) -> None:
    """Name a generic body after whose it is ("army (Sudanese)"), under that body."""
    if scope is None:
        return
    ref.aliases = [a for a in ref.aliases if a != ref.name]
    ref.name = f"{ref.name} ({scope})"
    ref.parent = parent


def occupier_of(places_named) -> SourceRef | None:
    """The state the gazetteer says occupies the first of the places (or
    what contains it) under occupation: whom an occupation authority there
    belongs to (Kherson region: the Russian government)."""
    for place in places_named:
        for inside in gazetteer().chain(place):
            if inside in gazetteer().occupied_by:
                return default_registry().lookup(gazetteer().occupied_by[inside])
    return None


def _scope_occupation_body(ref: SourceRef, places_named: list, article: Article) -> None:
    """"Les autorités d'occupation" are the occupier's, found from the places
    of their sentence, else of the article; named after it, since another
    war's occupation authorities are another body."""
    occupier = occupier_of(p for p in places_named if p is not None)
    _name_for(ref, occupier.name if occupier is not None else article.outlet or article.id, occupier)


def _become(ref: SourceRef, other: SourceRef) -> None:
    """Make `ref` (shared by the article's attributions) stand for `other`."""
    ref.name, ref.type, ref.parent, ref.aliases = other.name, other.type, other.parent, list(other.aliases)
