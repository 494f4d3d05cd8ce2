"""Claim frames: what a claim asserts, read from the parse of its content
while the document is parsed, and stored with the claim so that grouping
never parses again.

A frame holds the predicate (lemma of the content's head, with negation and
modality), the event classes its words name (events.yml), the agent and
patient, the actors and places it names (places through gazetteer.yml, which
knows containment and other-language names), the dates it names anchored to
the publication date, what each of its figures counts, and its content words
(lemmas) for term weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, wraps
from importlib import resources

from wordfreq import zipf_frequency

from ..datafiles import parse_yaml
from ..model import SourceRef
from ..sources.registry import default_registry

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
HEDGES = frozenset("likely probably possibly perhaps apparently allegedly reportedly unlikely".split())
NEGATIVE_DETERMINERS = frozenset("no neither nor aucun aucune nul nulle".split())
NEGATIVE_ADVERBS = frozenset("pas jamais guère nullement aucunement".split())  # French "ne ... pas" has no "neg" arc
NEGATIVE_PRONOUNS = frozenset("nothing none rien".split())  # "had nothing to do with the attack"
SELF_WORDS = frozenset("its our we us their they son sa ses notre nos leur leurs".split())  # the speaker's own side ("its forces")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl", "nsubj:pass")  # English, then UD (French)
SIDE_CLAUSES = frozenset(("relcl", "advcl", "appos", "parataxis", "npadvmod"))
LIKENING_ASIDES = SIDE_CLAUSES | {"acl", "acl:relcl", "mark", "cop", "punct", "cc", "conj"}  # around what is likened
NUMBER_DEPS = frozenset(("nummod", "quantmod", "conj", "compound", "cc"))  # from a number up to what it counts
ACTOR_DEPS = frozenset(("nsubj", "nsubjpass", "poss", "compound", "amod", "npadvmod"))
PLACE_WORDS = frozenset("al el the of city town village hospital camp district region province".split())  # shared, they say nothing
ARGUMENT_DEPS = frozenset("nsubj nsubjpass dobj attr conj appos pobj prep acomp oprd obj nsubj:pass".split())
NOT_PLACES = frozenset("DATE TIME CARDINAL ORDINAL QUANTITY MONEY PERCENT EVENT LAW LANGUAGE".split())
CLOCK = re.compile(r"\d{1,2}[:h]\d{2}")  # "02:54", "02h54": a time of day names its event as a rare word would
PARTNER_PREPOSITIONS = frozenset("between with among entre avec parmi".split())  # who takes part, not who does
COMMON_WORD = 3.0  # zipf frequency of a word every reader knows
KNOWN_VERB = 2.5  # zipf frequency above which a participle's stem is taken for its verb ("displace" 2.97)
REGION_WORDS = frozenset("region province oblast governorate district".split())  # "Kherson region" is not Kherson
NAME_TYPES = frozenset(("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"))
STEM_MARGIN = 1.0  # zipf: a lemma ten times rarer than its "-er" infinitive is the lemmatizer's stem
IMPUTING = frozenset(("blame", "attribute"))  # verbs laying a deed on someone, read in English
UNDETERMINED = "undetermined"  # the class of a claim that what happened is not known yet
MOTIVE = "motive"  # the class of a claim that tells what a deed was for


@dataclass(frozen=True)
class Gazetteer:
    parent: dict  # canonical place -> canonical parent (None at the top)
    by_name: dict  # casefolded name, other name or demonym -> canonical place
    demonyms: frozenset  # casefolded demonyms: they name a state's side, not a place
    governed_by: dict  # place -> the registry name of who governs it, when not its state
    demonym_of: dict  # state -> its first demonym ("Canada" -> "Canadian")
    occupied_by: dict  # place -> the registry name of the state holding land of it under occupation

    def lookup(self, name: str) -> str | None:
        return self.by_name.get(_key(name))

    def chain(self, place: str) -> tuple:
        """The place and what contains it, innermost first."""
        found = []
        while place is not None and place not in found:
            found.append(place)
            place = self.parent.get(place)
        return tuple(found)

    def compatible(self, a: str, b: str) -> bool:
        """Same place, or one contains the other; two places the gazetteer
        does not know when the words of one are all in the other ("al-Ahli
        hospital", "al-Ahli Arab Hospital"; not "Maar Lata" and "Maar
        Hamiyeh"); a known and an unknown one may be one inside the other."""
        known_a, known_b = a in self.parent, b in self.parent
        if known_a and known_b:
            return a in self.chain(b) or b in self.chain(a)
        if known_a or known_b:
            return True
        words_a, words_b = (set(x.replace("-", " ").split()) - PLACE_WORDS for x in (a, b))
        return bool(words_a and words_b and (words_a <= words_b or words_b <= words_a))


def _key(name: str) -> str:
    name = name.replace("’", "'").removesuffix("'s").strip(" .,;:")
    return name.removeprefix("the ").removeprefix("The ").casefold()



def per_token(function):
    """A pure function of a token, cached with its Doc: a claim's frame reads
    each word several times, and nested claims read the same words again."""
    key = f"frames.{function.__name__}"

    @wraps(function)
    def cached(token):
        memo = token.doc.user_data.get(key)
        if memo is None:
            memo = token.doc.user_data[key] = {}
        i = token.i
        if i not in memo:
            memo[i] = function(token)
        return memo[i]

    return cached

@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = parse_yaml(resources.files(__package__).joinpath("gazetteer.yml").read_text("utf-8"))
    parent, by_name, demonyms, governed_by, demonym_of, occupied_by = {}, {}, set(), {}, {}, {}
    for entry in data["places"]:
        name = entry["name"]
        parent[name] = entry.get("parent")
        if entry.get("governed_by"):
            governed_by[name] = entry["governed_by"]
        if entry.get("occupied_by"):
            occupied_by[name] = entry["occupied_by"]
        if entry.get("demonyms"):
            demonym_of[name] = entry["demonyms"][0]
        for other in (name, *entry.get("names", ())):
            by_name[_key(other)] = name
        for demonym in entry.get("demonyms", ()):
            by_name[_key(demonym)] = name
            demonyms.add(_key(demonym))
    return Gazetteer(parent, by_name, frozenset(demonyms), governed_by, demonym_of, occupied_by)


@dataclass(frozen=True)
class EventLexicon:
    classes: dict  # lemma -> event classes
    implies: dict  # event class -> classes it implies
    sides: dict  # lemma -> side ("jihadist" -> rebels)
    state_sides: frozenset  # side words that stand for a state ("occupiers", "the army")
    foreign_sides: frozenset  # of those, the ones that stand for a state where it does not rule ("occupiers")
    negative: frozenset  # predicates that deny their event ("scrap", "cancel")
    wildcards: frozenset  # classes that go with any event ("responsible" for it)
    background: frozenset  # prepositions of background phrases
    kinds: frozenset  # every class
    related: dict  # class -> classes that can tell the same event
    participants: frozenset  # nouns of who takes part or suffers, not of a deed
    blame: str  # the class of who is to blame
    accusations: frozenset  # words for what others say of the speaker
    evidence: frozenset  # nouns of what shows rather than says ("signals", "evidence")
    holding: frozenset  # verbs and nouns of holding an area ("held", "control")
    governments: frozenset  # words for a state's own government ("government-held", "regime-held")
    occupation: frozenset  # words whose bare adjective says someone else holds it ("the occupied bank")
    obligations: frozenset  # modals that prescribe ("must", "should"): negated, they deny nothing
    abilities: frozenset  # modals of what can be ("cannot be restored"): negated, they state what is
    fighters: frozenset  # nouns of fighters: "300 terrorists killed" is no toll of "300 people"
    showing: frozenset  # classes that show an event without being a deed ("video", "radar")
    undetermined: dict  # words saying what happened is not known yet: kind -> frozenset of lemmas
    combined: dict  # class -> the two sets of words that name it together ("shifted landmines")
    insurgents: frozenset  # side words of those who rise against a state ("rebels"): a demonym says where
    place_nouns: frozenset  # nouns of a place ("city", "camp"): a name modifying one says where
    entering: str  # the class of moving into a named place ("swept into Aleppo")
    self_nouns: dict  # speaker type -> nouns by which it names itself ("the group", of an armed group)
    object_senses: dict  # verb lemma -> {object lemma: the word they say together} ("lose" -> {"life": "die"})
    likening: frozenset  # verbs likening their subject to their complement ("constitute", "represent")
    motive: dict  # words telling what a deed was for: kind -> frozenset of lemmas


@lru_cache(maxsize=1)
def events_file() -> dict:
    """events.yml as written: frames read its classes (event_lexicon), grouping its wording lists."""
    return parse_yaml(resources.files(__package__).joinpath("events.yml").read_text("utf-8"))


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    data = events_file()
    classes: dict[str, tuple] = {}
    for event, lemmas in data["classes"].items():
        for lemma in lemmas:
            classes[lemma] = (*classes.get(lemma, ()), event)
    sides = {lemma: side for side, lemmas in data["sides"].items() for lemma in lemmas}
    return EventLexicon(classes, data["implies"], sides, frozenset(data["state_sides"]), frozenset(data["foreign_sides"]),
                        frozenset(data["negative"]),
                        frozenset(data["wildcards"]), frozenset(data["background"]), frozenset(data["classes"]),
                        {kind: frozenset(family) for family in data["related"] for kind in family},
                        frozenset(data["participants"]), data["blame"], frozenset(data["accusations"]),
                        frozenset(data["evidence"]), frozenset(data["holding"]), frozenset(data["governments"]),
                        frozenset(data["occupation"]), frozenset(data["obligations"]), frozenset(data["abilities"]),
                        frozenset(data["fighters"]), frozenset(data["showing"]),
                        {kind: frozenset(words) for kind, words in data["undetermined"].items()},
                        {kind: tuple(map(frozenset, pair)) for kind, pair in data["combined"].items()},
                        frozenset(data["insurgents"]), frozenset(data["place_nouns"]), data["entering"],
                        {kind: frozenset(words) for kind, words in data["self_nouns"].items()},
                        _object_senses(data["object_senses"]), frozenset(data["likening"]),
                        {kind: frozenset(words) for kind, words in data["motive"].items()})


def _object_senses(data: dict) -> dict:
    senses: dict = {}
    for sense, pairs in data.items():
        for verb, thing in pairs:
            senses.setdefault(verb, {})[thing] = sense
    return senses


@lru_cache(maxsize=1)
def glossaries() -> dict:
    """Per language, its lemmas -> the English words frames store (glossary_fr.yml)."""
    return {"fr": _glossary_file("fr")["terms"]}


@lru_cache(maxsize=1)
def possessed_senses() -> dict:
    """Per language, lemmas read otherwise after a possessive ("son
    déplacement" is a trip) -> that English word (glossary_fr.yml)."""
    return {"fr": _glossary_file("fr")["possessed"]}


@lru_cache(maxsize=None)
def _glossary_file(lang: str) -> dict:
    return parse_yaml(resources.files(__package__).joinpath(f"glossary_{lang}.yml").read_text("utf-8"))


@per_token
def _classes_of(token) -> tuple:
    """The event classes a word names (read in English)."""
    classes = event_lexicon().classes
    by_form = () if _possessed_sense(token) else classes.get(in_english(token.lower_, token.lang_), ())
    return classes.get(_english_lemma(token), ()) + by_form


@per_token
def _english_lemma(token) -> str:
    """A token's lemma as frames compare it: in English."""
    lemma = _lemma(token)
    return _possessed_sense(token) or _object_sense(token, lemma) or in_english(lemma, token.lang_)


def _object_sense(token, lemma: str) -> str | None:
    """A verb read with its object as one word ("lost their lives": die; events.yml `object_senses`)."""
    senses = event_lexicon().object_senses.get(lemma)
    return next((senses[_lemma(c)] for c in token.children if c.dep_ in ("dobj", "obj") and _lemma(c) in senses),
                None) if senses else None


def _possessed_sense(token) -> str | None:
    sense = possessed_senses().get(token.lang_, {}).get(_lemma(token))
    return sense if sense and any("Yes" in c.morph.get("Poss") for c in token.children if c.dep_ == "det") else None


@lru_cache(maxsize=10_000)
def _stem_verb(lemma: str, lang: str) -> str:
    """The French lemmatizer leaves some first-group verbs as their stem
    ("pilonne" -> "pilonn", "piétine" -> "piétin"): the infinitive, when the
    stem is no word, or a much rarer one than the infinitive."""
    if (lang == "fr" and lemma not in glossaries()[lang]
            and zipf_frequency(lemma + "er", lang) > zipf_frequency(lemma, lang) + STEM_MARGIN):
        return lemma + "er"
    return lemma


@per_token
def _lemma(token) -> str:
    lemma = token.lemma_.lower()
    return _stem_verb(lemma, token.lang_) if token.pos_ != "PROPN" else lemma  # (tagged VERB or ADJ)


def in_english(word: str, lang: str) -> str:
    """A lower-case word as frames compare it: in English ("frappe" -> "strike");
    a hyphenated word the glossary lacks, part by part ("croix-rouge" -> "cross-red")."""
    glossary = glossaries().get(lang, {})
    if word in glossary or "-" not in word:
        return glossary.get(word, word)
    return "-".join(glossary.get(part, part) for part in word.split("-"))


@lru_cache(maxsize=100_000)
def actor_key(name: str) -> str | None:
    """The side a name stands for: a demonym or a state is that state's
    government when the registry knows it ("Israeli", "Israel" -> Israeli
    government), a known source is the top of its parent chain ("IDF" ->
    Israeli government)."""
    ref = default_registry().lookup(name)
    places = gazetteer()
    place = places.lookup(name)
    if ref is None and place is not None:
        place = places.chain(place)[-1]  # a town stands for its state only through the registry
        if place != places.lookup(name) and not _key(name) in places.demonyms:
            return None
        ref = default_registry().lookup(place)
    while ref is not None and ref.parent is not None:
        ref = ref.parent
    return ref.name if ref is not None else place


def frame_of(tokens, source=None, figures=()) -> dict:
    """The frame of a claim whose content is `tokens` (spaCy tokens of one
    sentence, in order) said by `source` (a SourceRef: "its forces" are the
    side of the top of its parent chain), stating `figures`."""
    tokens = list(tokens)
    if not tokens:
        return {}
    if not isinstance(source, SourceRef):  # a source named only later: its organisation, if known
        source = getattr(source, "org", None)
    while source is not None and source.parent is not None:
        source = source.parent
    speaker = source.name if source is not None else None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    pred = next((t for t in heads if t.pos_ in ("VERB", "AUX", "ADJ", "NOUN", "PROPN")), heads[0])
    lexicon = event_lexicon()
    events = lexicon.classes
    # a person's "his town", "sa ville" names no side; an organisation's "its forces" does
    side_speaker = speaker if source is None or source.type not in ("person", "witness", "journalist") else None
    names = _names(tokens, side_speaker, {t.i for t in heads}, source.type if source is not None else None)
    actors = sorted({actor for actor, _t in names if actor})
    motive = _purpose(tokens, pred)
    elsewhere = motive | _where_seen_from(tokens)
    places = sorted(set(_places([t for t in tokens if t.i not in elsewhere], {t.i for t in heads})))
    speaker_side = speaker and (actor_key(speaker) or speaker)
    held_tokens = set()  # "under Kyiv's control" says where, not that anyone took anything
    held = _held(tokens, names, speaker_side, held_tokens)
    background_tokens = _background(tokens, pred, lexicon.background) | held_tokens | motive | _likened(pred)
    side_words = {t.i for _actor, t in names if t.lemma_.lower() in lexicon.sides}  # "the occupation" did something
    combined, paired = _combined(tokens, background_tokens)
    classes = {event for t in tokens if t.i not in background_tokens | side_words | paired for event in _classes_of(t)}
    classes |= combined
    if tokens[0].lang_ == "en" and any(_moves_into(t) for t in tokens if t.i not in background_tokens):
        classes.add(lexicon.entering)
    classes |= {implied for event in list(classes) for implied in lexicon.implies.get(event, ())}
    if _english_lemma(pred) in lexicon.accusations:
        classes.add(lexicon.blame)
    event_words = [t for t in tokens if t.i not in background_tokens and t.pos_ in ("VERB", "NOUN", "ADJ")
                   and _classes_of(t) and _in_core(t, inside)
                   and _english_lemma(t) not in lexicon.participants]
    # "We cannot say what happened" asserts that it is not known: no deed, no doer, no denial
    undetermined = _undetermined(pred)
    agent = None if undetermined else _agent(
        pred, [(a, t) for a, t in names if t.i not in background_tokens], inside, event_words, speaker_side)
    return {
        "pred": pred.lemma_.lower(),
        "neg": not undetermined and (_negated(pred) or _negated(_deed_clause(pred, event_words, inside))
                                     or _deeds_only_denied(tokens, background_tokens)),
        "modal": _modality(pred),
        "events": [UNDETERMINED] if undetermined else [MOTIVE] if _motive(pred) else sorted(classes),
        "agent": agent,
        "with": _conjoined_sides(agent, names) if agent else [],
        "patient": _patient(pred),
        "actors": actors,
        "places": places,
        "days": sorted(_days([t for t in tokens if t.i not in background_tokens])),
        "counts": [_counts(tokens, figure, events) for figure in figures],
        "terms": sorted({part for t in tokens if _content_word(t) for part in _term(t).split("-")}),  # "Croix-Rouge": red, cross
        "held": sorted(held),
        "by": speaker_side,
        "shows": _shows(pred),
    }


@per_token
def _term(token) -> str:
    if CLOCK.fullmatch(token.text):
        return token.text.replace("h", ":")
    if token.pos_ == "PROPN" and token.lang_ != "en":  # "Alep" is Aleppo
        place = gazetteer().lookup(token.text)
        return in_english((place if place and " " not in place else token.text).lower(), token.lang_)
    if token.pos_ == "ADJ" and token.lang_ == "en" and token.lemma_.lower().endswith("ed"):
        return _participle_verb(token.lemma_.lower())  # "an intercepted call" says what "intercepted a call" says
    if token.pos_ == "PROPN":
        return in_english(token.text.lower(), token.lang_)
    word = _english_lemma(token)
    # a participle another language's word is read as ("déplacés": displaced) is its verb, as in English
    return _participle_verb(word) if token.lang_ != "en" and word.endswith("ed") and " " not in word else word


@lru_cache(maxsize=10_000)
def _participle_verb(word: str) -> str:
    """The verb of an English participle used as an adjective ("intercepted":
    intercept, "displaced": displace, "occupied": occupy, "planned": plan),
    when wordfreq knows it; else the word."""
    stems = [word[:-3] + "y"] if word.endswith("ied") else []
    stems += [word[:-1], word[:-2]] + ([word[:-3]] if len(word) > 4 and word[-3] == word[-4] else [])
    return next((stem for stem in stems if len(stem) > 2 and zipf_frequency(stem, "en") >= KNOWN_VERB), word)


@per_token
def _content_word(token) -> bool:
    if token.lang_ != "en" and token.pos_ != "PROPN":
        lemma = _lemma(token)
        if lemma not in glossaries().get(token.lang_, {}) and zipf_frequency(lemma, token.lang_) >= COMMON_WORD:
            return False  # a common word no glossary reads into English: it would weigh as a rare name
    return len(token) > 1 and not token.is_stop and (token.text[:1].isalpha() or bool(CLOCK.fullmatch(token.text)))


def _names(tokens, speaker, heads=frozenset(), speaker_type=None):
    """(actor, token) for each name of a side in the content; a state is a
    side when it is the subject or the whole content ("blamed Ukraine for
    the disaster"), else a place."""
    found = []
    lexicon = event_lexicon()
    sides = lexicon.sides
    own_nouns = lexicon.self_nouns.get(speaker_type, ()) if speaker else ()
    for t in tokens:
        side_word = _side_word(t)
        if side_word and not _deed_of(t) and not _describes_deed(t):
            # "l'armée rwandaise": a French demonym by its lemma too
            named = next((c for c in t.children if c.dep_ in ("amod", "compound", "poss")
                          and (actor_key(c.text) or actor_key(c.lemma_))), None)
            if speaker and any((c.dep_ == "poss" or "Yes" in c.morph.get("Poss")) and c.lower_ in SELF_WORDS for c in t.children):
                found.append((actor_key(speaker) or speaker, t))  # "its fighters" are the speaker's
                continue
            # "Russian terrorists", "Rwanda's army" are that state's side; "Syrian rebels" rise against Syria's
            rising = named is None or side_word in lexicon.insurgents and bool(
                gazetteer().lookup(named.text) or gazetteer().lookup(named.lemma_))
            found.append((sides[side_word] if rising else actor_key(named.text) or actor_key(named.lemma_), t))
        elif own_nouns and _lemma(t) in own_nouns and _bare(t):
            found.append((actor_key(speaker) or speaker, t))  # an armed group's "the group had not fired": itself
        elif (t.lower_ in SELF_WORDS and (t.dep_ == "poss" or "Yes" in t.morph.get("Poss")) and speaker
              and not any(x.dep_ in SUBJECTS and x.pos_ in ("NOUN", "PROPN") for x in tokens if x.i < t.i)):
            # "its" after a subject of its own is that subject's ("Israel would share ... with its allies")
            found.append((actor_key(speaker) or speaker, t))
        elif t.ent_iob_ == "B" and t.ent_type_ in NAME_TYPES and not _names_where(t):
            span = _entity(t)
            actor = actor_key(span.text)
            if actor is None and t.ent_type_ in ("NORP", "ORG"):
                actor = _key(span.text)
            as_side = (_as_actor(span.root) or span.root.i in heads
                       or (span.root.dep_ == "pobj" and span.root.head.lower_ == "by")
                       or _by_in_french(span.root) or _by_in_french(span.root.head) or _lost_subject(span))
            origin = _fired_from(span)
            if origin:
                found.append((origin, span.root))
            elif actor and (t.ent_type_ != "GPE" or as_side):
                found.append((actor, span.root))
        elif (t.ent_type_ == "" and t.pos_ == "ADJ" and (_key(t.text) in gazetteer().demonyms or _key(t.lemma_) in gazetteer().demonyms)
              and not _names_where(t)):
            found.append((actor_key(t.text) or actor_key(t.lemma_), t))  # "russes" is "russe"
        elif (t.ent_type_ == "" and t.pos_ == "PROPN" and (t.dep_ in ACTOR_DEPS or t.i in heads)
              and gazetteer().lookup(t.text) is not None and actor_key(t.text) and not _names_where(t)):
            found.append((actor_key(t.text), t))  # a state's name the tagger missed ("accuses Kyiv of ...")
    return found


def _bare(token) -> bool:
    """A noun with nothing to tell which one but a definite article ("the group", "du mouvement")."""
    return token.pos_ == "NOUN" and not any(
        c.dep_ not in ("det", "case") or (c.dep_ == "det" and c.lower_ not in ("the", "le", "la", "l'", "l’"))
        for c in token.children)


def _as_actor(token) -> bool:
    """Where a name is a side: a subject or modifier, or joined to one ("Russia and Belarus fired")."""
    return token.dep_ in ACTOR_DEPS or (token.dep_ == "conj" and token.head.dep_ in ACTOR_DEPS)


def _side_word(token) -> str | None:
    """The side word a token is, its plural read as its lemma ("Jihadists", tagged as a name)."""
    return _side_lemma(token.lemma_)


@lru_cache(maxsize=10_000)
def _side_lemma(lemma: str) -> str | None:
    sides = event_lexicon().sides
    word = lemma.lower()
    return word if word in sides else word[:-1] if word.endswith("s") and word[:-1] in sides else None


def _names_where(token) -> bool:
    """A name or demonym modifying a noun of a place ("the Congolese city of Goma", "the Mbuzi camp")
    or of those who rise against a state ("Syrian rebels"): it says where, not who."""
    lexicon = event_lexicon()
    return token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN" and (
        _english_lemma(token.head) in lexicon.place_nouns
        or (_side_word(token.head) in lexicon.insurgents
            and (gazetteer().lookup(token.text) or gazetteer().lookup(token.lemma_)) is not None))


def _deed_of(token) -> bool:
    """A noun of a deed with what it was done to ("the occupation of the town", "l'occupation de la ville"):
    no side."""
    return any((c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "nmod" and any(g.lower_ in ("de", "du", "des", "d'") for g in c.children))
               for c in token.children)


def _describes_deed(token) -> bool:
    """A side word telling what kind of deed a noun names ("another terrorist crime by the Kiev
    regime", "a terrorist attack"): who did it is named elsewhere."""
    return token.dep_ in ("amod", "compound") and bool(_classes_of(token.head)) and token.head.pos_ == "NOUN"


def _lost_subject(span) -> bool:
    """A French name right before a verb group, the parser having hung it
    elsewhere ("qu'Israël n'a pas frappé l'hôpital", Israël taken for a
    modifier of an earlier noun): the verb's subject."""
    if span.root.lang_ == "en" or span.root.dep_ in SUBJECTS or any(c.dep_ == "case" for c in span.root.children):
        return False
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].lower_ in ("ne", "n'", "n’"):
        i += 1
    return i < len(doc) and doc[i].pos_ in ("AUX", "VERB") and doc[i].dep_ != "amod"


def _fired_from(span) -> str | None:
    """The side of the state a deed came from ("a rocket fired from Gaza",
    "a Gaza rocket": the Palestinian side, as "a Palestinian rocket")."""
    root = span.root
    place = gazetteer().lookup(span.text)
    if place is None:
        return None
    head = root.head.head if root.head.lower_ in ("within", "inside") and root.head.head.lower_ == "from" else root.head
    if root.dep_ == "pobj" and head.lower_ == "from":
        deed = head.head
    elif root.dep_ == "compound":
        deed = root.head
    else:
        return None
    if not _classes_of(deed):
        return None
    state = gazetteer().chain(place)[-1]
    return actor_key(state) or state


def _entity(token):
    """The entity a B token begins, read off the IOB tags: doc.ents builds
    every entity of the doc, once per name asked for (quadratic)."""
    from spacy.tokens import Span  # here: grouping imports this module, and needs no spaCy

    doc, end = token.doc, token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, token.i, end, label=token.ent_type_, kb_id=token.ent_kb_id_)


def _places(tokens, heads=frozenset()):
    """Places named in the content: gazetteer names, else the words of a
    place entity or of a name something happens in or to ("raids hit
    Kafr Nabl"; the tagger may call a town a person), lower-cased; but not a
    state named as a side ("Israel denied", "Russia's army")."""
    places = gazetteer()
    seen = set()
    for span in _name_spans(tokens):
        doc = span.doc
        region = doc[span.start : span.end + 1] if span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS else None
        if span.start >= 2 and doc[span.start - 1].lower_ in ("de", "d'", "d’") and in_english(doc[span.start - 2].lower_, doc.lang_) in REGION_WORDS:
            region = doc[span.start - 2 : span.end]  # "région de Kherson"
        place = (region is not None and places.lookup(region.text)) or places.lookup(span.text)
        # a name the registry knows and the gazetteer does not is a side ("held by the M23"), not a place
        if place is None and actor_key(span.text) is None and (span.root.ent_type_ in ("GPE", "LOC", "FAC") or (
                _name_like(span.root) and (span.root.ent_type_ not in NOT_PLACES or _unknown_word(span.root))
                and span.root.dep_ not in ACTOR_DEPS and span.root.head.lower_ not in ("by", "of"))):
            place = in_english(_key(span.text), span.root.lang_)  # "Dniepr" is the Dnipro
            if any(place in p or p in place for p in seen):
                continue
        if place is None or place in seen or not place[:1].isalpha():  # "02h50" is a time
            continue
        if span.start > 0 and CLOCK.fullmatch(doc[span.start - 1].text):
            continue  # "23:54 GMT": a time zone
        if (_as_actor(span.root) or span.root.i in heads or _by_in_french(span.root) or _lost_subject(span)) and actor_key(span.text) is not None:
            continue  # "Moscow denied", "Israel's army", "blamed Ukraine", "occupée par la Russie": a side, not where it happened
        seen.add(place)
        yield place


def _name_spans(tokens):
    doc = tokens[0].doc
    run = []
    for t in [*tokens, None]:
        if t is not None and t.ent_iob_ == "B":
            yield _entity(t)
        if t is not None and _name_like(t) and (not run or run[-1].i == t.i - 1):
            run.append(t)
            continue
        if run:
            yield doc[run[0].i : run[-1].i + 1]
            yield from (doc[x.i : x.i + 1] for x in run if len(run) > 1)
        run = [t] if t is not None and _name_like(t) else []


def _name_like(token) -> bool:
    """A proper noun, or a capitalised word inside a sentence (the tagger
    misses names it has never seen)."""
    return token.pos_ == "PROPN" or (
        token.text[:1].isupper() and not token.is_sent_start and not token.is_stop
        and token.pos_ not in ("PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART")
        and not (token.pos_ == "ADV" and zipf_frequency(token.lower_, token.lang_) > COMMON_WORD)  # "Unfortunately, ..."
    )


def _unknown_word(token) -> bool:
    """A word no dictionary knows ("Kafr218"): a name, whatever type the
    tagger guessed for it (a number, a date)."""
    return zipf_frequency(token.lower_, token.lang_) == 0 and not token.like_num


def _background(tokens, pred, background) -> set[int]:
    """Tokens inside a background phrase ("after a lightning offensive"), or
    a clause one opens wherever it hangs ("the worst damage since Russia's
    invasion began")."""
    found = set()
    for t in tokens:
        if t.lower_ in background and t.dep_ in ("prep", "mark") and t.head.i == pred.i:
            found.update(x.i for x in t.subtree)
        elif t.lower_ in background and t.dep_ == "mark" and t.head.dep_ == "advcl":
            found.update(x.i for x in t.head.subtree)
        elif _aside_on_subject(t, pred):
            found.update(x.i for x in t.subtree)
    return found


def _shows(pred) -> str | None:
    """What shows the event a claim tells of, when the claim is about it:
    its head shows ("radar tracked a barrage": track) or is what shows ("(it
    says) is an intercepted call discussing a misfire": call); not what it
    shows ("the images show a small hole" tells of the hole)."""
    showing = event_lexicon().showing
    return next((_english_lemma(t) for t in (pred, *(c for c in pred.children if c.dep_ == "attr"))
                 if set(_classes_of(t)) & showing), None)


def _moves_into(token) -> bool:
    """A side's verb of no class moving into a named place ("rebels swept into Aleppo", "Russian
    forces pushed into Kherson"): entering it (not "floodwaters poured into Kherson")."""
    if token.pos_ != "VERB" or not any(c.lower_ == "into" and c.dep_ == "prep" and any(
            g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or _name_like(g)) for g in c.children)
            for c in token.children):
        return False
    fighters = event_lexicon().fighters
    return not _classes_of(token) and any(
        c.dep_ in SUBJECTS and any(t.ent_type_ in ("NORP", "ORG", "GPE") or _english_lemma(t) in fighters
                                   or _side_word(t) for t in c.subtree) for c in token.children)


def _combined(tokens, background_tokens) -> tuple[set, set]:
    """The classes two of the claim's words name together (events.yml
    `combined`: "floodwaters had shifted landmines"), and those words: they
    name no class of their own ("landmines" is no explosion there)."""
    words = [(t.i, _english_lemma(t)) for t in tokens if t.i not in background_tokens]
    found, paired = set(), set()
    for kind, (first, second) in event_lexicon().combined.items():
        one, other = ({i for i, w in words if w in group} for group in (first, second))
        if one and other:
            found.add(kind)
            paired |= one | other
    return found, paired


def _where_seen_from(tokens) -> set[int]:
    """Tokens of where what shows an event stands ("data from a station in
    Romania showed an explosion at the dam"): not where the event happened."""
    evidence = event_lexicon().evidence
    return {x.i for t in tokens if t.dep_ == "prep" and t.lower_ == "in" and _english_lemma(t.head) in evidence
            for x in t.subtree}


def _purpose(tokens, pred) -> set[int]:
    """Tokens of an infinitive clause telling what a deed was done for
    ("destroyed the dam deliberately to halt the counteroffensive and to
    divert attention from events in Belgorod"), or of a participle after a
    deed saying so ("sabotage meant to starve Crimea", "aimed at cutting",
    "visant à priver"): its motive, not its event, doer, day or place.
    ("tried to blow up the dam" tells no deed before it.)"""
    purposive = event_lexicon().motive["purposive"]
    meant = {x.i for t in tokens if t.dep_ == "acl" and _lemma(t) in purposive and _classes_of(t.head)
             for x in t.subtree}
    if not _classes_of(pred):
        return meant
    return meant | {x.i for t in tokens if t.head.i == pred.i and t.dep_ in ("advcl", "xcomp")
                    and any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "pour", "afin") for c in t.children)
                    for x in t.subtree}


def _likened(pred) -> set[int]:
    """Tokens of a deed a claim likens to another kind of thing ("the
    destruction of the dam was another consequence of the Russian invasion",
    "la destruction du barrage constituait une conséquence de l'invasion"):
    the claim characterises it, and tells of what it is likened to, its
    event and doer. Not when both are one kind of event ("the blast was the
    result of a strike"), nor a side likened ("Israel was responsible")."""
    lexicon = event_lexicon()
    if any(c.dep_ == "cop" for c in pred.children):  # UD: "la destruction est une conséquence de ..."
        likened_to = [pred] if pred.pos_ == "NOUN" else []
    elif _english_lemma(pred) in lexicon.likening:
        likened_to = [c for c in pred.children if c.dep_ in ("attr", "obj", "dobj", "oprd") and c.pos_ == "NOUN"]
    else:
        return set()
    subjects = [c for c in pred.children if c.dep_ in SUBJECTS]
    if not subjects or not likened_to:
        return set()

    def kinds(tokens) -> set:
        return {k for t in tokens for c in _classes_of(t) if c not in lexicon.wildcards for k in lexicon.related.get(c, (c,))}

    # what it is likened to, without the clauses around it ("a barbaric act that led to a humanitarian catastrophe")
    subject = {x.i for s in subjects for x in s.subtree}
    complement = {t for c in likened_to for t in _clause_core(c) if t.i not in subject}
    subject_kinds = kinds(t for s in subjects for t in _clause_core(s))
    return subject if subject_kinds and kinds(complement) - subject_kinds else set()


def _clause_core(token) -> set:
    """A phrase without the clauses hanging on it."""
    core = {token}
    for child in token.children:
        if child.dep_ not in LIKENING_ASIDES:
            core |= _clause_core(child)
    return core


def _aside_on_subject(token, pred) -> bool:
    """A participle set off by commas after the head's subject ("The plant,
    blown up by X on June 6, cannot be restored") recalls what the subject
    is; the claim is what follows. Without commas it tells which one ("a
    rocket fired by X hit it") and stays."""
    subject = token.head
    return (token.dep_ == "acl" and token.tag_ == "VBN" and subject.head.i == pred.i
            and subject.dep_ in ("nsubj", "nsubjpass") and token.i > 0
            and token.doc[token.i - 1].text == "," and subject.i < token.i)


def _negated(pred) -> bool:
    """Said in the negative: the head is negated ("did not strike"), a
    negative predicate ("was scrapped"), or an argument of the head has "no"
    ("no Israeli fire hit it", "saw light damage and no craters")."""
    if pred is None:
        return False
    if {pred.lemma_.lower(), _english_lemma(pred)} & event_lexicon().negative or any(
            c.dep_ == "neg" or c.lower_ in NEGATIVE_ADVERBS for c in pred.children):
        return True
    for token in pred.subtree:
        word = token.lower_
        if word in NEGATIVE_DETERMINERS and token.dep_ == "det" and _argument_of(token.head, pred):
            return True
        if word in NEGATIVE_PRONOUNS and token.i != pred.i and _argument_of(token, pred):
            return True
    return False


def _motive(pred) -> bool:
    """Tells what a deed was for (events.yml `motive`): a verb of seeking
    with an infinitive ("Kyiv sought to deprive Crimea of water", "Kiev
    cherchait à priver la Crimée d'eau"), a goal as the head or its subject
    with one ("one goal of the sabotage had been to cut off water", "le but
    était de priver")."""
    lexicon = event_lexicon()
    subject = [t for c in pred.children if c.dep_ in SUBJECTS for t in c.subtree]  # "one of the aims of X"
    # UD hangs "le but était de priver" on the infinitive
    infinitives = [t for t in pred.subtree if t.pos_ == "VERB" and (
        t.dep_ == "xcomp" and pred in (t.head, t.head.head)
        or t == pred and "Inf" in t.morph.get("VerbForm") and any(c.dep_ == "mark" for c in t.children))]
    told = {t for v in infinitives for t in v.subtree} - set(subject)
    # seeking to evade responsibility is about blame ("Israel was trying to escape responsibility")
    if not infinitives or any(set(_classes_of(t)) & lexicon.wildcards for t in told):
        return False
    return _lemma(pred) in lexicon.motive["seeking"] or any(_english_lemma(t) in lexicon.motive["goals"] for t in (pred, *subject))


def _undetermined(pred) -> bool:
    """Says that what happened is not known yet (events.yml `undetermined`):
    a word of knowing in the negative, the head or its object ("have not
    determined what caused it", "had no information on", "could not reach a
    conclusion", "it was not clear who"), telling that one cannot ("We cannot
    say conclusively", "ne pouvait pas encore dire", "were unable to say"),
    "too early to say", "unclear who fired"."""
    words = event_lexicon().undetermined
    said = [pred, *(c for c in pred.children if c.dep_ in ("dobj", "obj", "acomp", "attr"))]
    lemmas = {_english_lemma(t) for t in said}
    # French "ne" marks the negative where the parser hangs "pas" elsewhere
    negated = _negated(pred) or any(c.lower_ in ("ne", "n'", "n’") for c in pred.children)

    def of_knowing(word) -> bool:  # "to say", "pour dire", "de dire"
        return any(c.dep_ in ("xcomp", "advcl", "dep") and _english_lemma(c) in words["knowing"] | words["telling"]
                   for c in word.children)

    if lemmas & words["unknown"] or any(
            _english_lemma(t) in words["premature"] | words["unable"] and of_knowing(t) for t in said):
        return True
    if not negated:
        return False
    evident = {_english_lemma(t) for t in said if t.pos_ == "ADJ"} & words["evident"]
    unable = (_english_lemma(pred) in words["telling"] and _modality(pred) in words["able"]
              or _english_lemma(pred) in words["able"] and of_knowing(pred))
    return bool(lemmas & words["knowing"] or evident or unable)


def _deeds_only_denied(tokens, background_tokens) -> bool:
    """Every deed the claim names comes after a contrastive "not" ("the
    images show a small hole, and not the crater a bomb would have left",
    "un trou, et non le cratère"): it says there was none. ("a rocket, and
    not an Israeli strike, caused it" names a deed before and stays.)"""
    lexicon = event_lexicon()
    start = next((t.i for t in tokens[1:] if t.lower_ in ("not", "non") and t.doc[t.i - 1].lower_ in ("and", "et", ",")), None)
    if start is None:
        return False
    deeds = [t for t in tokens if t.i not in background_tokens and t.pos_ in ("VERB", "NOUN", "ADJ")
             and set(_classes_of(t)) - lexicon.showing - lexicon.wildcards]
    return bool(deeds) and all(t.i > start for t in deeds)


def _deed_clause(pred, event_words, inside):
    """The clause of the word naming what the claim tells, when it is not the
    head: "the assessment is that Israel did not cause it" denies that Israel
    caused it; "judged that Israel was not responsible" that it was."""
    deed = pred if pred in event_words else next(iter(event_words), pred)
    if deed is not pred and deed.pos_ != "VERB" and deed.head.i in inside and deed.head is not pred:
        return deed.head
    return deed if deed is not pred else None


def _argument_of(token, pred) -> bool:
    """Whether a noun is an argument of the head, through nouns,
    prepositions and conjunctions only (not a clause of its own)."""
    while token.i != pred.i:
        if token.dep_ not in ARGUMENT_DEPS or (token.dep_ == "conj" and token.pos_ == "VERB"):  # "and no X collapsed"
            return False
        token = token.head
    return True


def _modality(pred) -> str | None:
    for child in pred.children:
        if child.tag_ == "MD":
            return child.lemma_.lower()
        if child.lower_ in HEDGES:
            return "likely"
    return "likely" if pred.lower_ in HEDGES else None


def _agent(pred, names, inside, event_words=(), speaker_side=None) -> str | None:
    """Who did it: the side named in the subject (or "by" phrase, when
    passive) of the head if it names an event, else of the first word that
    names one ("Washington's assessment is that Israel did not cause it":
    Israel), else of the head; in a noun, its own modifiers ("Russian air
    raids on Aleppo"). A deed with no doer of its own ("denied firing the
    rocket", "denied any responsibility") is the speaker's."""
    lexicon = event_lexicon()
    if speaker_side and _english_lemma(pred) in lexicon.accusations:
        return speaker_side  # "rejected Kyiv's accusations": of the speaker's deed
    by_token = {}
    for actor, token in names:
        by_token.setdefault(token.i, actor)
    if pred not in event_words:
        for t in _accused(pred, event_words):
            if t.i in by_token:
                return by_token[t.i]
    words = [pred] if pred in event_words else []
    words += [t for t in event_words if t.i != pred.i] + ([] if words else [pred])
    for word in words:
        for t in _doer_tokens(word, inside):
            if t.i in by_token:
                return by_token[t.i]
    no_subject = pred.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in pred.children)
    # "denied any responsibility"; not "was caused by an errant rocket", whose doer is named, if by no side
    only_blame = (pred in event_words and set(_classes_of(pred)) == {lexicon.blame}
                  and not any(c.dep_ in (*SUBJECTS, "agent", "obl:agent") and c.i in inside for c in pred.children))
    named_inside = any(t.i in by_token for t in pred.subtree)
    return speaker_side if speaker_side and not named_inside and (no_subject or only_blame) else None


def _conjoined_sides(agent, names) -> list[str]:
    """Other sides named beside the doer ("the M23 rebels and Rwandan troops carried out the attack": Rwanda)."""
    by_token = {t.i: actor for actor, t in names if actor}
    found = set()
    for actor, token in names:
        if actor == agent:
            found.update(by_token[t.i] for c in token.conjuncts for t in c.subtree if t.i in by_token)
    return sorted(found - {agent})


def _accused(pred, event_words):
    """What an accusation names before "of" the deed ("accused] Kyiv of
    sabotage aimed at cutting Crimea's water supply"): the doer, before any
    name inside the deed's own phrase."""
    deeds = {t.i for t in event_words}
    # "of" hangs on the accused, or beside it on the verb of accusing; its object is the deed, not
    # what the accused knew of one ("Hamas of realising that a rocket had misfired")
    around = [*pred.children, *(pred.head.children if pred.dep_ in ("dobj", "obj") else ())]
    # "(blamed) the army for the attack" as "(accused) Kyiv of sabotage"
    of = next((c for c in around if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > pred.i), None)
    if of is not None and any(c.dep_ in ("pobj", "pcomp") and c.i in deeds for c in of.children):
        yield pred
        yield from (t for left in pred.lefts for t in left.subtree)


def _in_core(token, inside) -> bool:
    """Not inside a clause that only describes something else ("families
    who had fled Israeli bombardment")."""
    while token.head.i != token.i and token.head.i in inside:
        if token.dep_ in SIDE_CLAUSES and not (token.dep_ == "relcl" and any(c.dep_ == "mark" for c in token.children)):
            return False  # (a "relative clause" with "that" as its mark is what was said: "confidence that X did it")
        if _opened_by_relative(token):
            return False
        token = token.head
    return True


def _verbs_between(token, top) -> int:
    """How many verbs stand between a token and one of its heads."""
    count, token = 0, token.head
    while token.i != top.i and token.head.i != token.i:
        count += token.pos_ in ("VERB", "AUX")
        token = token.head
    return count


def _in_relative(token, inside) -> bool:
    """Inside a relative clause of the content, even one the parser hung
    outside it (on the cue verb), unless the content opens with it."""
    while not (_opened_by_relative(token) and token.left_edge.i > min(inside)):
        if token.head.i == token.i or token.head.i not in inside:
            return False
        token = token.head
    return True


def _opened_by_relative(token) -> bool:
    """A French clause opened by a relative pronoun, however the parser hung
    it ("l'hôpital, où une explosion a fait des centaines de morts", "le
    cratère qu'aurait laissé une bombe"): it describes what it hangs on. Not
    a cleft ("ce sont les forces russes qui ont fait sauter le barrage"):
    that one is the claim."""
    if token.lang_ == "en" or token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PRON", "NUM"):
        return False
    # its relative pronoun: before it, below it through no other verb ("où une explosion a fait",
    # "et non le cratère qu'aurait laissé"); a "que" marking what is said is none
    # ("la certitude qu'Israël n'a pas frappé")
    if not any(t.pos_ == "PRON" and "Rel" in t.morph.get("PronType") and not (t.dep_ == "mark" and t.lower_ in ("que", "qu'", "qu’"))
               and _verbs_between(t, token) == 0 for t in token.subtree if t.i < token.i):
        return False
    antecedent = token.head
    cleft = any(c.dep_ == "cop" for c in antecedent.children) and any(
        c.lower_ in ("ce", "c'", "c’") for c in antecedent.children if c.dep_ in SUBJECTS)
    return not cleft


def _doer_tokens(word, inside):
    """Tokens where the doer of a word is named, nearest first."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "nsubj:pass", "aux:pass") for c in word.children)  # English, UD
    if word.pos_ in ("NOUN", "PROPN"):
        yield word
        for c in word.children:
            if c.dep_ in ACTOR_DEPS:  # a participle's phrase ("planned in Amman between X and Y") names no doer
                yield from (c.subtree if c.pos_ != "VERB" else (c,))
            elif (c.dep_ == "prep" and c.lower_ == "by") or c.dep_ == "acl" or _by_in_french(c):  # "a rocket fired by X"
                yield from (t for t in c.subtree if t.dep_ != "relcl")
        if word.head.i not in inside:  # "par X", or "imputé le drame à X", the parser hung on the cue verb
            yield from (t for s in word.head.children if s.i in inside and s.i != word.i
                        and ((_by_in_french(s) and s.i > word.i) or _imputed_to(s)) for t in s.subtree)
    clause = word.head if word.dep_ in ("acomp", "attr", "dobj") and word.pos_ != "VERB" and word.head.i in inside else word
    if word.dep_ == "pobj" and word.head.lower_ == "behind" and word.head.head.i in inside:
        clause = word.head.head  # "Russia was behind the destruction": who is behind a deed did it
    if clause is not word:
        passive = False
    for child in clause.children:
        if (child.dep_ in ("agent", "obl:agent")) if passive else child.dep_ in ("nsubj", "csubj"):
            if {_english_lemma(child), child.lower_} & event_lexicon().evidence:
                continue  # "its data show an explosion": what shows it did not do it
            yield from _doer_phrase(child)
    for child in word.children:  # where it came from: "fired from Gaza", "caused by X, launched from Gaza"
        if child.dep_ == "prep" and child.lower_ == "from":
            yield from child.subtree
        elif child.dep_ == "advcl" and child.tag_ == "VBN":
            yield from (t for c in child.children if c.dep_ == "prep" and c.lower_ == "from" for t in c.subtree)
    if word.lang_ == "fr" and word.pos_ == "VERB" and not passive and not any(c.dep_ in SUBJECTS for c in word.children):
        yield from _unparsed_french_subject(word, inside)


def _doer_phrase(token):
    """The words of a subject that can name its doer: not those of what it
    is between or with ("the summit between Biden and Egypt's Sisi", "talks
    with Hamas"), which take part but do not do it."""
    yield token
    for child in token.children:
        if not (child.dep_ == "prep" and child.lower_ in PARTNER_PREPOSITIONS):
            yield from _doer_phrase(child)


def _by_in_french(child) -> bool:
    """"un sabotage par l'Ukraine", "de la part de l'Ukraine": who did the deed a noun names."""
    cases = {c.lower_ for c in child.children if c.dep_ == "case"}
    return child.dep_ in ("nmod", "obl", "obl:agent", "obl:arg", "obl:mod") and ("par" in cases or (child.lemma_ == "part" and bool(cases & {"de", "d'"})))


def _imputed_to(child) -> bool:
    """"(imputer, attribuer) le drame à Israël": who a deed is laid on."""
    return (in_english(child.head.lemma_.lower(), child.lang_) in IMPUTING
            and any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in child.children))


def _unparsed_french_subject(verb, inside):
    """French names the doer of every verb; where the parser lost it: the
    noun an infinitive hangs on or the object of the verb it completes ("a
    permis aux rebelles de conquérir", "accuse le Hamas d'avoir tiré"), else
    the words just before the verb group ("« HTS et les factions ont pris »",
    HTS hung on another verb)."""
    doc = verb.doc
    if "Inf" in verb.morph.get("VerbForm") or any(c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children):
        if verb.dep_ == "acl":
            yield verb.head
        elif verb.dep_ == "xcomp":
            yield from (t for c in verb.head.children if c.dep_ in ("obj", "obl:arg", "iobj") for t in c.subtree)
        return
    i = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux")]) - 1
    while i in inside and doc[i].text not in "«“\",;:" and doc[i].pos_ != "SCONJ" and (doc[i].pos_ not in ("VERB", "AUX") or doc[i].dep_ == "amod"):
        yield doc[i]
        i -= 1


def _held(tokens, names, speaker_side, used: set | None = None) -> set[str]:
    """Who holds the area the claim is about, as written: "government-held
    areas", "rebel-held Idlib", "under Kyiv's control", "territory held by
    Russian forces", "the side they control" (they: the last side named,
    else the speaker), "the occupied part" ("occupied"). A side's name is
    its key ("Kyiv" -> Ukrainian government), a government or regime is
    "government"; what a frame compares with the state of its places. The
    holding words read go into `used`: they tell where, not what happened."""
    lexicon = event_lexicon()
    used = set() if used is None else used
    doc = tokens[0].doc
    found = set()
    for t in tokens:
        word = _english_lemma(t)
        if word not in lexicon.holding:
            continue
        holder = None
        if t.i >= 2 and doc[t.i - 1].text in ("-", "‑"):  # "government-held"
            holder = doc[t.i - 2]
        elif t.dep_ == "amod" and word in lexicon.occupation:
            found.add("occupied")  # "the occupied part": held by someone else than its state
            used.add(t.i)
        elif t.dep_ == "pobj" and t.head.lower_ in ("under", "sous"):  # "under Kyiv's control"
            holder = next((c for c in t.children if c.dep_ == "poss"), None) or next(
                (g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
        elif t.pos_ == "VERB":  # "held by Russian forces", "contrôlé par la Russie", "the side they control"
            holder = next(_by_nouns(t), None) or next((c for c in t.children if c.dep_ in SUBJECTS), None)
        if holder is None:
            continue
        used.add(t.i)
        word = _english_lemma(holder)
        if word in lexicon.governments:
            found.add("government")
        elif word in lexicon.sides:
            found.add(lexicon.sides[word])
        elif holder.pos_ == "PRON":
            before = [actor for actor, name in names if actor and name.i < t.i]
            side = before[-1] if before else speaker_side
            if side:
                found.add(side)
        else:
            side = actor_key(holder.text) or next(
                (actor_key(c.text) for c in holder.children if c.dep_ in ("amod", "compound") and actor_key(c.text)), None)
            if side:
                found.add(side)
    return found


def _by_nouns(verb):
    """The nouns of a passive verb's "by" phrase: English hangs them on
    "by", UD hangs the noun itself ("contrôlé par la Russie")."""
    for child in verb.children:
        if child.dep_ == "obl:agent":
            yield child
        elif child.dep_ == "agent":
            yield from (g for g in child.children if g.dep_ == "pobj")


def _patient(pred) -> str | None:
    for child in pred.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return _term(child)
    return None


def _counts(tokens, figure, events: dict) -> str | None:
    """The event class a figure counts: of the word it counts ("500
    deaths"), else of the verb it is the subject of ("500 were killed")."""
    words = (figure.get("text") or "").split(" ")
    number = next((t for t in tokens if t.text in words and (t.like_num or t.text == words[-1])), None)
    if number is not None and _in_relative(number, {t.i for t in tokens}):
        return None  # "l'hôpital, où une explosion a fait des centaines de morts": recalled, not counted
    counted = (figure.get("counted") or "").lower()
    counted = glossaries().get(tokens[0].lang_, {}).get(counted.rstrip("s"), counted)  # "localités": locality
    if counted in units() or counted.rstrip("s") in units():
        return counted  # "150 tonnes of oil spilled" measures oil, it counts no event
    participants = event_lexicon().participants
    for word in (counted, counted.rstrip("s")):
        if word in events and word not in participants:  # "dozens of soldiers were killed" counts deaths
            return events[word][0]
    if number is not None:
        noun = number
        while noun.dep_ in NUMBER_DEPS and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at"):  # "the toll rose to 35", "put the toll at 471"
            verb = noun.head.head
            noun = next((c for c in verb.children if c.dep_ in (*SUBJECTS, "dobj", "obj")), verb)
        else:
            verb = noun.head if noun.dep_ in (*SUBJECTS, "dobj", "obj") else noun  # "500 were killed", "killed 500"
        # "500 dead": the number heads what it counts; "left 300 dead": the verb's complement says it
        # "the number of people killed has passed 412": what the count's words say it counts
        counter = next((c for c in verb.children if c.dep_ in SUBJECTS and _english_lemma(c) in count_words()), None)
        # "25 wounded people": the adjective says what is counted
        for t in (noun, *(c for c in noun.children if c.dep_ == "amod"), verb, *number.children,
                  *(c for c in verb.children if c.dep_ in ("oprd", "acomp")),
                  *(t for t in (counter.subtree if counter is not None else ()) if _english_lemma(t) not in participants)):
            classes = events.get(_english_lemma(t))
            if classes:
                return classes[0]
    return counted or None


@lru_cache(maxsize=1)
def units() -> frozenset:
    """Units of measure (events.yml `units`): "tonnes", "square kilometres"."""
    return frozenset(events_file()["units"])


@lru_cache(maxsize=1)
def count_words() -> frozenset:
    """Nouns naming a count (events.yml `count_words`): "the number of deaths", "the figure"."""
    return frozenset(events_file()["count_words"])


def _days(tokens) -> set[str]:
    """Days named in the content, as the publication date will anchor them:
    a weekday, "yesterday", "today" or a month-day ("10-14")."""
    found = set()
    for i, t in enumerate(tokens):
        word = in_english(t.lower_.strip("."), t.lang_)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        following_word = following is not None and in_english(following.lower_.strip("."), t.lang_)
        if word in WEEKDAYS or word in ("yesterday", "today"):
            found.add(word)
        elif following is not None and following.text.isdigit() and int(following.text) <= 31 and _month(word):
            found.add(f"{_month(word):02d}-{int(following.text):02d}")
        elif t.text.isdigit() and int(t.text) <= 31 and following is not None and _month(following_word):
            found.add(f"{_month(following_word):02d}-{int(t.text):02d}")
    return found


def _month(word: str) -> int | None:
    return next((n for n, m in enumerate(MONTHS, 1) if len(word) >= 3 and m.startswith(word)), None)


def anchor_days(days, published: str | None) -> frozenset:
    """The dates a frame's days name, seen from the publication date
    ("Friday" in a Saturday dispatch is the day before); without a date,
    the days as written."""
    try:
        anchor = date.fromisoformat((published or "")[:10])
    except ValueError:
        return frozenset(days)
    found = set()
    for day in days:
        if day in WEEKDAYS:
            found.add(anchor - timedelta(days=(anchor.weekday() - WEEKDAYS.index(day)) % 7))
        elif day == "yesterday":
            found.add(anchor - timedelta(days=1))
        elif day == "today":
            found.add(anchor)
        else:
            month, number = map(int, day.split("-"))
            try:
                when = date(anchor.year, month, number)
            except ValueError:
                continue
            found.add(when if when <= anchor + timedelta(days=1) else when.replace(year=anchor.year - 1))
    return frozenset(d.isoformat() for d in found)


WORD = re.compile(r"[^\W\d_][\w'’.\-]*[^\W_]|[^\W\d_]")


def places_in_text(text: str) -> frozenset:
    """Gazetteer places a plain string names (a title, a question), by
    looking up its runs of up to four words; demonyms are sides, not places."""
    places = gazetteer()
    words = WORD.findall(text or "")
    found, i = set(), 0
    while i < len(words):
        for width in (4, 3, 2, 1):
            name = _key(" ".join(words[i : i + width]))
            if len(words) - i >= width and name in places.by_name and name not in places.demonyms:
                found.add(places.by_name[name])
                i += width - 1
                break
        i += 1
    return frozenset(found)
