"""In-document source resolution (no offline coreference model exists: ours).

Mentions are resolved in text order against the registry and against what
the document has already named; indefinite descriptors ("an NGO" in a lede)
wait for the first matching source named later."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ..datafiles import parse_yaml
from ..model import SourceRef
from ..sources.registry import Registry, normalize
from ..sources.scope import (
    anaphor_kinds,
    body_words,
    document_nouns,
    gazetteer,
    is_state_title,
    organisation_words,
    ruler_named,
    ruling_verbs,
    state_government,
)
from .lexicon import Lexicon

PERSON_TYPES = ("person", "witness", "journalist")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
FRENCH_DETERMINERS = {"le", "la", "les", "l'", "l’", "un", "une", "des", "ce", "cet", "cette", "ces"}
STATE_NOUNS = {"government", "authorities", "authority", "administration", "state"}  # "the Sudan government" is the state
DEFINITE = {"the", "this", "that", "these", "those", "le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces"}
INDEFINITE = {"a", "an", "un", "une"}
FRENCH_OF = {"de", "du", "des", "d'", "d’", "auprès"}
POSSESSIVE_PRONOUNS = {"its", "their", "son", "sa", "ses", "leur", "leurs"}
LEADING_VERBS = {"head", "lead", "run", "chair", "direct", "command", "diriger", "présider", "commander"}  # "who heads X"
SAME = {"même", "same"}  # "de même source": the source just cited


def determiner(token: Token) -> str | None:
    """The determiner a token is, lower-cased: an English one, or a French
    one where tagged as such ("UN" is no "un")."""
    lower = token.lower_
    if lower in DETERMINERS or (lower in FRENCH_DETERMINERS and (token.pos_ == "DET" or lower == "des")):
        return lower
    return None
MEDIA_WORDS = {"media", "television", "tv", "radio", "broadcaster", "agency", "news", "newspaper"}
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z0-9&\-]{1,9}$")  # OSDH, FAMa, M23


class Forward:
    """A source only named later in the text ("an NGO said" in a lede,
    "Nasser Hospital chief:" in a headline)."""

    def __init__(self, type_: str, text: str, org: SourceRef | None = None):
        self.type = type_
        self.text = text
        self.org = org
        self.ref: SourceRef | None = None
        self.named_before = 0  # remember() calls made before it was met

    def accepts(self, ref: SourceRef) -> bool:
        if self.ref is not None or ref.type != self.type:
            return False
        return self.org is None or (ref.parent is not None and ref.parent.name == self.org.name)


def words(tokens: list[Token]) -> str:
    """Surface text of tokens, as written, without a leading determiner
    (and a common noun not capitalised for opening its sentence: "Police")."""
    tokens = [t for t in tokens if not t.is_space]
    while tokens and determiner(tokens[0]):
        tokens = tokens[1:]
    # a word left out ("France's military intelligence" without "'s") leaves a space, not "Francemilitary"
    text = "".join(
        t.text + " " if not t.whitespace_ and n + 1 < len(tokens) and tokens[n + 1].i != t.i + 1 else t.text_with_ws
        for n, t in enumerate(tokens)
    ).strip().rstrip(",")
    if tokens and tokens[0].is_sent_start and tokens[0].pos_ == "NOUN" and tokens[0].is_title:
        text = text[0].lower() + text[1:]
    return text


def checked_parent(ref: SourceRef, parent) -> SourceRef | None:
    """`parent`, unless it is a placeholder or `ref` is among its ancestors:
    a source is never its own ancestor, and only a resolved source is a parent."""
    seen = {id(ref)}
    ancestor = parent
    while ancestor is not None:
        if not isinstance(ancestor, SourceRef) or id(ancestor) in seen:
            return None
        seen.add(id(ancestor))
        ancestor = ancestor.parent
    return parent


class DocumentSources:
    """What one article has named so far, most recent last."""

    def __init__(self, registry: Registry, lexicon: Lexicon):
        self.registry = registry
        self.lexicon = lexicon
        self.known: dict[int, SourceRef] = {}  # by id(), most recent last
        self.remembered = 0  # remember() calls so far
        self.recency: dict[int, int] = {}  # id() -> the remember() call that last named it
        self.by_last_word: dict[str, dict[int, SourceRef]] = {}  # people by surname, without a walk over all
        self.aliases: dict[str, SourceRef] = {}
        self.forwards: list[Forward] = []
        self.plural: set[str] = set()  # names of sources that are many people
        self.gender: dict[int, str] = {}  # id() -> "male"/"female", from an honorific
        self.document_author: SourceRef | None = None  # who last reported, posted or issued a document
        self.last_paragraph: int | None = None  # id() of the doc (a paragraph) of the last mention resolved
        self.previous_here: SourceRef | None = None

    # -- bookkeeping ------------------------------------------------------
    def remember(self, ref: SourceRef, *surfaces: str) -> SourceRef:
        """Make `ref` the most recent source; `surfaces` are names for it
        (never descriptors like "the agency": those would leak to other
        articles through the alias table)."""
        existing = self.aliases.get(normalize(ref.name))
        if existing is not None and existing is not ref:
            ref = existing
        ref.parent = checked_parent(ref, ref.parent)
        for surface in (ref.name, *surfaces):
            if surface:
                self.aliases.setdefault(normalize(surface), ref)
                if surface not in ref.aliases and surface != ref.name:
                    ref.aliases.append(surface)
        self.known.pop(id(ref), None)  # not `ref in list`: comparing dataclasses is quadratic
        self.known[id(ref)] = ref
        self.remembered += 1
        self.recency[id(ref)] = self.remembered
        if ref.name.split():
            self.by_last_word.setdefault(ref.name.split()[-1], {})[id(ref)] = ref
        for forward in self.forwards:
            if forward.accepts(ref):
                forward.ref = ref
        return ref

    def finish(self) -> None:
        """Forward mentions never matched become sources of their own."""
        for forward in self.forwards:
            if forward.ref is None and forward.org is not None:
                forward.ref = SourceRef(forward.text, forward.type, forward.org)
            elif forward.ref is None:
                forward.ref = SourceRef(f"unidentified {forward.text}", forward.type)

    def last(self, types: tuple[str, ...] | None = None, exclude_types=()) -> SourceRef | None:
        for ref in reversed(self.known.values()):
            if (types is None or ref.type in types) and ref.type not in exclude_types:
                return ref
        return None

    # -- resolution -------------------------------------------------------
    def resolve(self, head: Token | None, mention: list[Token], previous: SourceRef | None):
        """A SourceRef (or a Forward) for a mention whose syntactic head is
        `head`; None when the mention has no head (a pattern found no speaker)."""
        if head is None:
            return None
        # the claim before, when told in this paragraph: whose "une responsable" an unattached one is
        self.previous_here = previous if self.last_paragraph == id(head.doc) else None
        self.last_paragraph = id(head.doc)
        lower = head.lower_.lstrip("-")  # "a-t-il dit": the inverted pronoun
        if lower in self.lexicon.speaker_pronouns:
            return previous or self._pending_person() or self.last()
        if lower in ("he", "she", "him", "her", "his"):  # "his claim that": his as he
            if self._pending_person() is not None:
                return self._pending_person()
            # one person: not "Officials" or "residents" met before, nor one
            # an honorific gave the other gender ("Mr Sunak" is no "she")
            other = "male" if lower in ("she", "her") else "female"
            people = [r for r in reversed(self.known.values()) if r.type in PERSON_TYPES and r.name not in self.plural]
            return next((r for r in people if self.gender.get(id(r)) != other), people[0] if people else None)
        if lower in ("they", "it", "their", "its") or lower in self.lexicon.plural_pronouns:
            # the last body that spoke, rather than one it merely cited
            if previous is not None and previous.type not in PERSON_TYPES:
                return previous
            return self.last(exclude_types=PERSON_TYPES) or self.last()
        if lower == "another" or (head.lemma_.lower() in self.lexicon.document_nouns and any(c.lower_ in SAME for c in head.children)):
            return previous  # "de même source", "the same source": whoever was cited just before
        if lower in ("i", "we", "you", "who", "which", "that"):
            return None
        mention = _from_first_word(mention)
        if head.pos_ == "NOUN" and "Plur" in head.morph.get("Number"):
            ref = self._named(head, mention)
            if isinstance(ref, SourceRef):
                self.plural.add(ref.name)
            return ref
        return self._named(head, mention)

    def _defined_acronym(self, mention: list[Token]) -> SourceRef | None:
        """"(Hayat Tahrir al-)Sham (HTS)": a known body's acronym in brackets right after
        words of its name, however much of the name the parser kept in the mention."""
        named = [t for t in mention if t.is_alpha and not determiner(t)]
        if not named:
            return None
        doc, last = named[0].doc, named[-1].i
        if last + 3 >= len(doc) or doc[last + 1].text != "(" or doc[last + 3].text != ")":
            return None
        ref = self.registry.lookup(doc[last + 2].text)
        words_of = {w for name in (ref.name, *ref.aliases) for w in re.split(r"[\s-]+", name.lower())} if ref is not None else set()
        return ref if any(t.lower_ in words_of for t in named) else None

    def _pending_person(self) -> Forward | None:
        """"Le Premier ministre libanais a condamné ... Il a demandé": a titled person
        still to be named, met after every source named so far, is who "il" is."""
        last = self.forwards[-1] if self.forwards else None
        if last is not None and last.ref is None and last.type in PERSON_TYPES and last.named_before == self.remembered:
            return last
        return None

    def _named(self, head: Token, mention: list[Token]):
        # "Hayat Tahrir al-Sham", which the recogniser took for a person
        known = self._lookup(words([t for t in mention if t.text == "-" or not t.is_punct])) if head.ent_type_ == "PERSON" else None
        known = known or self._defined_acronym(mention)
        if known is not None and known.type not in PERSON_TYPES:
            return self.remember(known)
        person = self._person(head, mention)
        if person is not None:
            return person
        if head.lemma_.lower() in self.lexicon.title_nouns and head.pos_ == "NOUN":
            return self._titled(head, mention)
        reporter = self._reporter(head, mention)
        if reporter is not None:
            return reporter
        return self._organisation(head, mention)

    def _lookup(self, surface: str) -> SourceRef | None:
        key = normalize(surface)
        if not key:
            return None
        if key in self.aliases:
            return self.aliases[key]
        return self.registry.lookup(surface)

    def _person(self, head: Token, mention: list[Token]) -> SourceRef | None:
        ids = {t.i for t in mention}
        names = _person_names(head, ids) or _honorific_names(head, ids)
        if not names and head.pos_ == "PROPN" and self._has_person_noun(mention, head):
            # "Sarmad, a resident of Aleppo": an appositive says it is a person
            start, doc = head.i, head.doc
            # "Al-Basha Tibaig": a hyphen between name parts is part of the name
            while start - 1 in ids and (
                doc[start - 1].pos_ == "PROPN"
                or (doc[start - 1].text == "-" and start - 2 in ids and doc[start - 2].pos_ == "PROPN" and not doc[start - 2].whitespace_)
            ):
                start -= 1
            names = [head.doc[start : head.i + 1]]
        if not names and head.lemma_.lower() in self.lexicon.title_nouns:
            names = self._trailing_name(mention)
        if not names and head.pos_ == "PROPN" and all(t.pos_ == "PROPN" for t in mention):
            # "Syrota said" after "Ihor Syrota", however the recogniser tags it
            known = self._known_person(" ".join(t.text for t in mention))
            if known is not None:
                return self.remember(known)
        if not names:
            return None
        span = _from_first_word(names[0])
        if len(span) > 1 and span[0].lower_ in _all_honorifics():
            span = span[1:]  # "Ms Whitfield" is Whitfield, and a woman
        name = re.sub(r"(['’]s)$", "", span.text).strip()
        known = self.registry.lookup(name)
        if known is not None:
            if known.type not in PERSON_TYPES:
                return None  # an organisation the recogniser took for a person
            return self.remember(known, name)
        if self.lexicon.type_of(name.lower().split()) not in (None, *PERSON_TYPES):
            return None  # "Nasser Hospital": its head noun names an organisation
        if name.split()[-1].lower() in organisation_words():
            return None  # "Maxar Technologies", however the recogniser tags it
        rest = [t for t in mention if not (span.start <= t.i < span.end)] or self._title_before(span)
        # "X, porte-parole de l'armée, aux journalistes": whom it was said to says nothing of X
        told = {x.i for t in rest if t.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux") for c in t.children) for x in t.subtree}
        rest = [t for t in rest if t.i not in told]
        rest_lemmas = {t.lemma_.lower() for t in rest} | {t.lower_ for t in rest}
        kind = "person"
        if rest_lemmas & self.lexicon.witness_nouns:
            kind = "witness"
        elif rest_lemmas & self.lexicon.reporter_nouns:
            kind = "journalist"
        parent = self._affiliation(rest) or self._body_headed(span.root)
        if kind == "person" and parent is None and _civilian(span.root):
            kind = "witness"
        known = self._known_person(name)
        if known is not None:
            # met before without a title: what this mention says completes it
            known.parent = known.parent or checked_parent(known, parent)
            known.type = kind if known.type == "person" else known.type
            return self._gendered(self.remember(known), rest_lemmas)
        return self._gendered(self.remember(SourceRef(name, kind, parent)), rest_lemmas)

    def _body_headed(self, name: Token) -> SourceRef | None:
        """"X, who heads Human Rights Watch's Middle East division", "X, qui dirige
        l'ONG Handicap International au Liban": a known body the relative clause says
        the person leads (no new body is made of what the parser may have cut)."""
        for clause in name.children:
            if clause.dep_ in ("relcl", "acl:relcl") and clause.lemma_.lower() in LEADING_VERBS:
                led = [t for t in clause.subtree if t.i > clause.i]
                for named in _entity_names(led, "ORG") + _proper_runs(led):
                    ref = self._lookup(named)
                    if ref is not None and ref.type not in PERSON_TYPES:
                        return self.remember(ref)
        return None

    def _title_before(self, span) -> list[Token]:
        """"Ministry spokesman Ashraf al-Qidra said", parsed with the name
        alone as the subject: the title just before it is still its own."""
        if span.start == 0:
            return []
        title = span.doc[span.start - 1]
        if title.lemma_.lower() not in self.lexicon.title_nouns or title.pos_ != "NOUN":
            return []
        return [t for t in title.subtree if t.i < span.start]

    def _trailing_name(self, mention: list[Token]) -> list:
        """"the head of Ukrhydroenergo, Ihor Syrota": proper nouns set off by
        a comma after a title name its holder, wherever the parser hung them
        (unless the recogniser or the registry calls them a body or place)."""
        tokens = _strip_commas(list(mention))
        end = len(tokens)
        start = end
        while start > 0 and tokens[start - 1].pos_ == "PROPN" and tokens[start - 1].is_title:
            start -= 1
        run = tokens[start:end]
        if len(run) < 2 or start == 0 or tokens[start - 1].text != ",":
            return []
        known = self._lookup(" ".join(t.text for t in run))
        if any(t.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC") for t in run) or (known is not None and known.type not in PERSON_TYPES):
            return []
        return [run[0].doc[run[0].i : run[-1].i + 1]]

    def _gendered(self, ref: SourceRef, words: set[str]) -> SourceRef:
        for gender, honorifics in _honorifics().items():
            if gender != "either" and words & honorifics:
                self.gender[id(ref)] = gender
        return ref

    def _titled(self, head: Token, mention: list[Token]):
        """A title without a name: "the official", "Nasser Hospital chief",
        "an army spokesman". Named later, named before, or anonymous."""
        org = self._affiliation(mention)
        article = determiner(mention[0]) if mention else None
        # an apposition, and the brackets round one ("le porte-parole de l'Alliance fleuve Congo (AFC)")
        apposed = {t.i for c in head.children if c.dep_ == "appos" for t in (*c.subtree, *_brackets_round(c))}
        text = words(_strip_commas([t for t in mention if t.i not in apposed]))
        alias = _nom_de_guerre(head)
        if alias is not None:
            return self.remember(SourceRef(alias, "person", org), text)
        # "Israeli officials" are no one official of the body named before
        singular = "Plur" not in head.morph.get("Number")
        for ref in reversed(self.known.values()) if singular else ():
            if ref.type in PERSON_TYPES and (
                (article in DEFINITE and any(head.lower_ in n.lower().split() for n in (ref.name, *ref.aliases)))
                or (org is not None and ref.parent is not None and ref.parent.name == org.name)
            ):
                return self.remember(ref)
        if article in INDEFINITE and org is None and len(mention) == 2 and isinstance(self.previous_here, SourceRef):
            # "L'ONG X affirme ... ses champs de mines sont sous l'eau, a indiqué une responsable": X's
            body = self.previous_here if self.previous_here.type not in PERSON_TYPES else self.previous_here.parent
            if body is not None:
                return self.remember(SourceRef(f"{text} ({body.name})", "person", body), text)
        if article in INDEFINITE or org is None:
            return self.remember(SourceRef(text, "person", org))
        forward = Forward("person", text, org)
        forward.named_before = self.remembered
        self.forwards.append(forward)
        return forward

    def _has_person_noun(self, mention: list[Token], head: Token) -> bool:
        """An appositive or a title says the name is a person's."""
        described = {t.lemma_.lower() for c in head.children if c.dep_ == "appos" for t in (c, *c.children)}
        titles = {c.lemma_.lower() for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        return bool(described & self.lexicon.people_nouns or titles & (self.lexicon.title_nouns | self.lexicon.reporter_nouns))

    def _known_person(self, name: str) -> SourceRef | None:
        """The most recent person of the same surname and first name (or
        named by the surname alone)."""
        parts = name.split()
        if not parts:
            return None
        same = [
            ref
            for ref in self.by_last_word.get(parts[-1], {}).values()
            if ref.type in PERSON_TYPES and (len(parts) == 1 or parts[0] == ref.name.split()[0])
        ]
        return max(same, key=lambda ref: self.recency[id(ref)], default=None)

    def _affiliation(self, rest: list[Token]) -> SourceRef | None:
        """The body a titled person belongs to, once resolved: a body named
        only later ("a spokesman for a local NGO") is no parent."""
        body = self._body_of_title(rest)
        return body if isinstance(body, SourceRef) else None

    def _body_of_title(self, rest: list[Token]):
        """A SourceRef or Forward for the body of a title: "OSDH leader X", "the head of
        the HTS "government", X", "X, a spokesman for the army", "the group's
        governor", "the Russian-installed governor" (the Russian state)."""
        titles = [t for t in rest if t.lemma_.lower() in self.lexicon.title_nouns | self.lexicon.reporter_nouns]
        for title in titles:
            if any(c.lower_ in POSSESSIVE_PRONOUNS and c.pos_ in ("PRON", "DET") for c in title.lefts):
                # "its spokesman", "son chef de programme": the body that spoke last
                return self.last(exclude_types=PERSON_TYPES)
            for child in title.lefts:
                if child.dep_ == "poss" and child.ent_type_ == "GPE":
                    return self._government_of(child.text)  # "Kenya's police chief"
                if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
                    return self._organisation(child, [t for t in child.subtree if t.dep_ != "case"])
                if child.dep_ == "amod" and child.lower_ in ("installed", "appointed", "backed", "named"):
                    nation = next((t for t in child.subtree if t.ent_type_ in ("NORP", "GPE")), None)
                    if nation is not None:
                        return self._government_of(nation.text)
            for child in title.children:
                if child.dep_ == "acl" and child.lemma_.lower() in ruling_verbs():  # "le maire installé par Moscou"
                    ruler = next((c for c in child.children if c.dep_ == "obl:agent" and c.ent_type_ in ("GPE", "LOC")), None)
                    if ruler is not None:
                        return self._government_of(ruler.text)
                # "conseiller de la présidence": UD hangs the body on the title, its preposition on the body
                french = child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in FRENCH_OF for c in child.children)
                if (child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with")) or french:
                    # "the governor of North Kivu province", "the mayor of Kherson": an official of the place's ruler
                    place = words([t for t in child.subtree if t.i != child.i or french]) if is_state_title(title.lemma_.lower()) else ""
                    ruler = ruler_named(place) if place and self._lookup(place) is None else None
                    if ruler is not None:
                        return self._lookup(ruler.name) or self.remember(ruler)
                    # "Secretary of State", "Chief of Staff" are titles, not bodies
                    objects = [
                        c
                        for c in ([child] if french else child.children)
                        if (c.dep_ == "pobj" or french)
                        # ("le chef de l'Etat": a state's body, tagged as a place)
                        and (c.ent_type_ not in ("GPE", "LOC") or self._body_named_like_place(c) or c.lemma_.lower() in body_words())
                        and not (c.lower_ in self.lexicon.title_modifiers and all(x.dep_ in ("case", "det") for x in c.children))
                        and c.lemma_.lower() not in self.lexicon.place_nouns  # "le gouverneur de la région"
                    ]
                    if objects:
                        housing = self._body_housing(objects[0], title)
                        if housing is not None:
                            return housing
                        body = [t for t in _org_tokens(objects[0]) if not (t.dep_ == "case" and t.head == objects[0])]
                        return self._organisation(objects[0], body)
            # "Ukrainian officials": the tagger may call the adjective a GPE; "un haut responsable
            # américain": a demonym after the title, the French model leaves untagged
            nations = [
                t
                for t in title.children
                if t.dep_ == "amod"
                and (t.i < title.i or t.pos_ == "ADJ")
                and (t.ent_type_ == "NORP" or (t.ent_type_ == "GPE" and t.pos_ == "ADJ") or (t.pos_ == "ADJ" and gazetteer().lookup(t.lemma_) is not None))
            ]
            modifiers = [
                t
                for t in title.lefts
                if t.dep_ in ("compound", "poss", "nmod", "amod", "det")
                and (
                    t.pos_ in ("PROPN", "NOUN")
                    or ACRONYM.match(t.text)
                    # "military spokesman": the adjective names the body
                    or (t.pos_ == "ADJ" and self.lexicon.type_of([t.lower_]) is not None)
                )
                # "Hiran governor": a place is no body, unless known as one ("US envoy")
                and (t.ent_type_ not in ("GPE", "LOC") or self._lookup(t.text) is not None)
                and t.lower_ not in self.lexicon.title_modifiers
                and not self._rank_word(t, title)
            ]
            places = [m for m in title.lefts if m.dep_ in ("compound", "amod", "nmod") and m.is_title and gazetteer().lookup(m.text)]
            if is_state_title(title.lemma_.lower()) and places and self._lookup(places[-1].text) is None:
                # "Kherson governor": an official of the state the place is in
                ruler = ruler_named(places[-1].text)
                if ruler is not None:
                    return self._lookup(ruler.name) or self.remember(ruler)
            if modifiers:
                org_head = modifiers[-1]
                org = [t for m in modifiers for t in m.subtree if t.lemma_.lower() not in self.lexicon.title_nouns]
                # "Rwandan government spokeswoman": the parser may hang the demonym on the
                # title; it still says whose government
                org = sorted({t.i: t for t in org + [n for n in nations if n.i < org_head.i]}.values(), key=lambda t: t.i)
                return self._organisation(org_head, org)
            if nations:
                return self._government_of(nations[0].text)  # "a senior Egyptian official"
        return None

    def _body_housing(self, unit: Token, title: Token) -> SourceRef | None:
        """"head of operations at the ICRC", "chef de l'unité de déminage de HALO Trust":
        a unit or a function, which no word of the lexicon calls a body, named with a body
        the registry or the article knows: the official is that body's."""
        lemma = unit.lemma_.lower()
        if unit.pos_ != "NOUN" or self.lexicon.type_of([lemma]) is not None or lemma in body_words():
            return None
        clauses = {t.i for c in title.subtree if c.dep_ == "relcl" for t in c.subtree}
        after = [t for t in title.subtree if t.i > unit.i and t.i not in clauses]
        for name in _entity_names(after, "ORG") + _proper_runs(after):
            ref = self._lookup(name)
            if ref is not None and ref.type not in PERSON_TYPES:
                return self.remember(ref)
        return None

    def _body_named_like_place(self, token: Token) -> bool:
        """"the head of Ukrhydroenergo", "un responsable de la Maison Blanche": a body
        the recogniser took for a place, known by its whole name and no gazetteer
        place ("the mayor of Kherson" names no body)."""
        name = words([t for t in _org_tokens(token) if not (t.dep_ == "case" and t.head == token)])
        ref = self._lookup(name) or self._lookup(token.text)
        return ref is not None and (ref.type != "government" or gazetteer().lookup(name) is None)

    def _rank_word(self, token: Token, title: Token) -> bool:
        """"Rear Admiral", "Staff Sergeant": an unknown capitalised word just
        before a capitalised title is part of the rank, not a body."""
        return (
            token.i == title.i - 1
            and token.pos_ == "PROPN"
            and token.is_title
            and title.is_title
            and not list(token.children)
            and self._lookup(token.text) is None
            and not any(token.text in (ref.name, *ref.aliases) for ref in self.known.values())
        )

    def _reporter(self, head: Token, mention: list[Token]) -> SourceRef | None:
        """"An AFP correspondent", "a Reuters witness": the outlet's own eyes."""
        lemma = head.lemma_.lower()
        if lemma not in self.lexicon.reporter_nouns and lemma not in self.lexicon.witness_nouns:
            return None
        outlets = [
            t
            for t in head.lefts
            if t.dep_ in ("compound", "poss", "nmod", "amod")
            and (t.pos_ in ("PROPN", "NOUN") or self._lookup(t.text) is not None)
        ]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "with"):
                outlets += [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children):
                outlets.append(child)  # UD: "un correspondant de l'AFP"
        # an outlet has a name: "a team of international legal experts" is no newsroom
        outlets = [t for t in outlets if t.pos_ == "PROPN" or t.ent_type_ == "ORG" or self._lookup(t.text) is not None]
        if not outlets:
            return None
        if lemma not in self.lexicon.reporter_nouns:
            known = self._lookup(words(list(outlets[0].subtree)))
            if known is None or known.type not in ("news_agency", "official_media"):
                return None
        outlet = self._organisation(outlets[0], list(outlets[0].subtree), default_type="news_agency")
        if not isinstance(outlet, SourceRef):
            return None
        return self.remember(SourceRef(f"{outlet.name} {head.lemma_.lower()}", "journalist", outlet))

    def _organisation(self, head: Token, mention: list[Token], default_type: str | None = None):
        # (not the hyphen of "Croix-Rouge", which the parser may call one)
        appositives = [c for c in head.children if c.dep_ == "appos" and not _parenthesised(c) and c.text != "-"]
        if head.pos_ == "NOUN":
            # "the state news agency Tass": the descriptor's own name
            for appositive in appositives:
                if appositive.pos_ == "PROPN":
                    named = [t for t in appositive.subtree if t.text not in ",()"]
                    return self._organisation(appositive, named, default_type=self.lexicon.type_of([t.lower_ for t in mention]))
        described = {t.i for c in appositives for t in c.subtree}
        mention = _strip_commas([t for t in mention if t.i not in described])
        # "the town's civil protection committee": the place is not the name
        owner = [t for t in mention if t.dep_ == "poss" and t.lemma_.lower() in self.lexicon.place_nouns]
        if owner:
            mention = [t for t in mention if t.i not in {o.i for o in owner} and not (t.dep_ == "case" and t.head in owner)]
            mention = [t for t in mention if not (determiner(t) and t.head in owner)]
        text = words(mention)
        acronym = None
        inner = [t for t in mention if t.text not in "()"]
        for i, token in enumerate(mention):
            # French copy writes acronyms said as words with one capital: "(Ocha)", "(Iswap)"
            if token.text == "(" and i + 1 < len(mention) and (
                ACRONYM.match(mention[i + 1].text) or (mention[i + 1].is_title and self._lookup(mention[i + 1].text) is not None)
            ):
                acronym = mention[i + 1].text
                text = words(mention[:i])
                inner = mention[:i]
                break
        first = mention[0].lower_ if mention else ""
        article = determiner(mention[0]) if mention else None
        kind = self.lexicon.type_of([t.lower_ for t in inner]) or self.lexicon.type_of([head.lemma_.lower()])
        if _state_run(inner) and kind in ("news_agency", None):
            kind = "official_media"
        # a defined acronym belongs to the name it defines, whatever else it means
        # the whole mention, its proper name, a scare-quoted name, the compound
        # chunk, and the name ending a descriptor ("state news agency RIA")
        candidates = [text, _proper_name(inner), _scare_named(head), words(_compound_chunk(head))]
        if head.pos_ == "PROPN":
            candidates += [run for run in _proper_runs(inner)[-1:] if run.endswith(head.text)]
        candidates.append(acronym)  # last: a known acronym of a name the registry lacks
        if head.lemma_.lower() in document_nouns() and head.pos_ == "NOUN":
            author = self._author(head)
            if author is not None:
                return author
        antecedent = self._antecedent(head, inner)
        if antecedent is not None:
            return self.remember(antecedent)
        for candidate in candidates:
            ref = self._lookup(candidate) if candidate else None
            if ref is not None:
                return self.remember(ref, text, acronym or "")
        # a common noun, however tagged ("Norway's NORSAR seismic institute")
        if (head.pos_ == "NOUN" or not head.ent_type_) and acronym is None:
            # "the state news agency Tass", "ICRC delegation": a name inside a descriptor
            # (not where it is: "the diocese in Jerusalem" is no Israeli government)
            named = [t for t in inner if not _located(t, head)]
            # "US intelligence agencies": a body of the state named, not the state
            states = set(_entity_names(named, "GPE")) if head.lemma_.lower() not in STATE_NOUNS else set()
            for name in _proper_runs(named) + _entity_names(named, "ORG"):
                if name in states:
                    continue
                ref = self._lookup(name)
                if ref is not None and (kind is None or _compatible(kind, ref.type)):
                    # "The UN agency" after IOM is IOM, not the whole UN
                    member = next(
                        (k for k in reversed(self.known.values()) if k.parent is not None and k.parent.name == ref.name and k.type == ref.type),
                        None,
                    )
                    return self.remember(member if article in DEFINITE and member is not None else ref)
        # "le parquet général ukrainien" names its state: no descriptor of a body named before
        national = any(t.pos_ == "ADJ" and gazetteer().lookup(t.lemma_) is not None for t in inner)
        descriptor = not national and all(t.i == head.i or determiner(t) or t.pos_ in ("NOUN", "ADJ", "PUNCT") for t in inner)
        if descriptor and (article in DEFINITE or first == head.lower_ or len(inner) == 1):
            # "the Observatory", "This NGO", "the ministry": something named before
            for ref in reversed(self.known.values()):
                if any(head.lower_ in name.lower().split() for name in (ref.name, *ref.aliases)):
                    return self.remember(ref)
            if kind is not None and article in DEFINITE:
                # "the ministry" is the last ministry named; "the regional
                # administration" no ministry that is not regional
                modifiers = {normalize(t.text) for t in inner if t.i != head.i and not determiner(t) and t.is_alpha}
                earlier = self.last((kind,))
                earlier_words = set(normalize(" ".join((earlier.name, *earlier.aliases))).split()) if earlier else set()
                # "the police" after "the health ministry" is another body of the state
                other_body = head.lower_ in body_words() and bool(earlier_words & body_words())
                if earlier is not None and modifiers <= earlier_words and not other_body:
                    return self.remember(earlier)
            namesake = self._namesake_before(head, inner) if article in DEFINITE and len(inner) == 2 else None
            if namesake is not None:
                return namesake
        if article in INDEFINITE and kind in PERSON_TYPES:
            # "a resident said": an anonymous voice, not someone named later
            anonymous = words(_strip_commas([t for t in mention if t.dep_ != "appos"]))
            return self.remember(SourceRef(anonymous, kind, self._affiliation(mention)))
        if article in INDEFINITE and kind is not None and head.pos_ in ("NOUN", "PROPN"):
            forward = Forward(kind, text)
            self.forwards.append(forward)
            return forward
        if kind is None and head.lower_ in organisation_words():
            kind = "other"  # "Maxar Technologies": no person
        kind = kind or _type_from_entity(head) or default_type or "other"
        if head.lower_ in ("army", "front", "brigade", "brigades", "militia") and head.pos_ == "PROPN" and not any(
            t.ent_type_ in ("NORP", "GPE") for t in inner
        ):
            kind = "armed_group"  # "the Arakan Army": an army of no state
        proper = _proper_name(inner)
        if proper is not None and gazetteer().lookup(proper) is not None:
            proper = None  # "le bureau du gouverneur du Nord-Kivu" is no body named "Nord-Kivu"
        name = _scare_named(head) or proper or text
        parent = self._state_parent(head, kind) or self._owner(head)
        return self.remember(SourceRef(name, kind, parent), text, acronym or "")

    def _namesake_before(self, head: Token, mention: list[Token]):
        """"The diocese said" after "the hospital is run by the Episcopal Diocese of
        Jerusalem" in its paragraph, "the ministry lowered it" after "Gaza's Hamas-run
        health ministry": the last phrase before it with the same head noun and more
        words names the body, though it said nothing."""
        for token in reversed(head.doc[: mention[0].i]):
            if token.lemma_.lower() != head.lemma_.lower() or token.pos_ not in ("NOUN", "PROPN"):
                continue
            # its words up to its head and its prepositions' objects ("of Jerusalem"), not what follows them
            named = [t for t in _org_tokens(token) if t.i <= token.i or t.dep_ == "prep" or t.head.dep_ == "prep"]
            if len([t for t in named if not determiner(t) and t.dep_ != "case"]) > 1:
                return self._organisation(token, named)
            return None
        return None

    def _author(self, head: Token):
        """"A report from US intelligence agencies", "NBC's report", "a UN
        report": a document says what its author says. One of unnamed
        authorship ("the assessment said") is the last body named before
        it, never a source of its own shared by every article's "report";
        "the document" is the one named before, whoever spoke since."""
        for child in head.children:
            author = [t for t in child.subtree if t.dep_ != "case"]
            # "a UN report", "a US intelligence assessment"; not "the casualty report"
            named = any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in author) or self.lexicon.type_of([t.lower_ for t in author])
            if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN") and child.i < head.i and named:
                return self._organisation(child, author)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return self._organisation(objects[0], _org_tokens(objects[0]))
            # "un communiqué de l'armée", "le rapport de l'ONU": UD hangs the author on the document
            if child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in FRENCH_OF for c in child.children) and named:
                return self._organisation(child, [t for t in _org_tokens(child) if not (t.dep_ == "case" and t.head == child)])
            # "le bilan communiqué par les autorités", "the report released by the ministry"
            agents = [a for c in child.children if c.dep_ in ("obl:agent", "agent") or _by_phrase(c) for a in ([c] if c.dep_ != "agent" else c.children)]
            if child.dep_ == "acl" and agents and agents[0].pos_ in ("NOUN", "PROPN"):
                return self._organisation(agents[0], [t for t in _org_tokens(agents[0]) if not (t.dep_ == "case" and t.head == agents[0])])
        if self.document_author is not None and any(c.dep_ == "det" and determiner(c) in DEFINITE for c in head.children):
            return self.document_author
        return self.last(exclude_types=PERSON_TYPES)

    def _antecedent(self, head: Token, mention: list[Token]) -> SourceRef | None:
        """"The group denied it" after "a rocket fired by Islamic Jihad", "the
        monitor" after NORSAR: a bare definite descriptor names the last
        source of a kind it can name, met in the paragraph's text, else among
        the document's speakers (before any registry body it may describe)."""
        kinds = anaphor_kinds().get(head.lemma_.lower())
        if kinds is None or head.pos_ != "NOUN" or len(mention) != 2 or determiner(mention[0]) not in DEFINITE:
            return None
        doc = head.doc
        for start in range(mention[0].i - 1, -1, -1):
            if doc[start].ent_iob_ == "B" and doc[start].ent_type_ in ("ORG", "NORP", "PERSON"):
                end = start + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                ref = self._lookup(doc[start:end].text)
                if ref is not None and ref.type in kinds:
                    return ref
        return next((ref for ref in reversed(self.known.values()) if ref.type in kinds), None)

    def _owner(self, head: Token) -> SourceRef | None:
        """"Zelensky's office", "le bureau du président Zelensky": the office
        of a known person is theirs."""
        owners = [t.text for t in head.lefts if t.dep_ == "poss" and t.pos_ == "PROPN"]
        for child in head.children:
            if child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in FRENCH_OF for c in child.children):
                owners += [span.text for span in person_spans(child.subtree)]
        for name in owners:
            person = self._lookup(name) or self._known_person(name)
            if person is not None and person.type in PERSON_TYPES:
                return person
        return None

    def _state_parent(self, head: Token, kind: str) -> SourceRef | None:
        """"the Sudanese army" belongs to the Sudanese government."""
        if kind not in ("military", "official_media") and not (kind == "government" and head.lemma_.lower() != "government"):
            return None
        for token in head.children:
            # "the Sudanese army", "la présidence ukrainienne" (a demonym the French model leaves untagged)
            demonym = token.pos_ == "ADJ" and gazetteer().lookup(token.lemma_) is not None
            if (token.ent_type_ in ("NORP", "GPE") or demonym) and token.dep_ in ("amod", "compound", "poss") and (token.i < head.i or token.pos_ == "ADJ"):
                # "Gaza's health ministry": whoever governs the place, when the gazetteer says another than its state
                ruler = ruler_named(token.text) if token.ent_type_ == "GPE" and not demonym else None
                if ruler is not None and ruler.type not in ("government",):
                    return self._lookup(ruler.name) or self.remember(ruler)
                return self._government_of(token.lemma_ if demonym else token.text)
        return None

    def _government_of(self, nationality: str) -> SourceRef:
        """'Russian' / 'Sudan's' -> the registry's government, else a new one."""
        nationality = re.sub(r"['’]s$", "", nationality)
        for candidate in (nationality, f"{nationality} government"):
            ref = self._lookup(candidate)
            if ref is not None and ref.type == "government":
                return ref
        place = gazetteer().lookup(nationality)
        state = state_government(gazetteer().chain(place)[-1]) if place else None  # "ukrainien": Ukraine's
        return self.remember(state or SourceRef(f"{nationality} government", "government"))


def _nom_de_guerre(head: Token) -> str | None:
    """"the self-styled governor, who uses the name Abu Yusuf", "a commander
    known as Abu Yusuf": the name the person goes by."""
    for clause in head.subtree:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        tokens = list(clause.subtree)
        for i, token in enumerate(tokens):
            if token.lower_ in ("name", "as", "alias", "nicknamed", "dubbed"):
                run = []
                for follower in tokens[i + 1 :]:
                    if follower.pos_ != "PROPN":
                        break
                    run.append(follower)
                if run:
                    return "".join(t.text_with_ws for t in run).strip()
    return None


def person_spans(tokens) -> list:
    """The PERSON entities starting among `tokens`, found from the tokens'
    entity tags: doc.ents (and span.ents) walk the whole document, which for
    every mention or sentence is quadratic in a paragraph of many speakers."""
    people = []
    for token in tokens:
        if token.ent_iob_ == "B" and token.ent_type_ == "PERSON":
            doc, end = token.doc, token.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            people.append(doc[token.i : end])
    return people


@lru_cache(maxsize=1)
def _honorifics() -> dict[str, frozenset]:
    data = parse_yaml(resources.files("claimtrack.sources").joinpath("honorifics.yml").read_text("utf-8"))
    return {gender: frozenset(words) for gender, words in data.items()}


def _all_honorifics() -> frozenset:
    return frozenset().union(*_honorifics().values())


def _honorific_names(head: Token, ids: set[int]) -> list:
    """"the Rev Clare Whitfield", "The vicar, the Rev Clare Whitfield": an
    honorific and the proper nouns after it name a person, whatever the
    recogniser says (the speaker, or the speaker's appositive)."""
    doc = head.doc
    for i in sorted(ids):
        if doc[i].lower_ in _all_honorifics() and doc[i].is_title and i + 1 in ids and doc[i + 1].pos_ == "PROPN":
            end = i + 1
            while end in ids and (doc[end].pos_ == "PROPN" or doc[end].text == "-" or doc[end].lower_ in ("al", "el", "bin", "abu")):
                end += 1
            name = doc[i:end]
            if name.root == head or (name.root.dep_ == "appos" and name.root.head == head):
                return [name]
    return []


def _from_first_word(tokens):
    """Tokens (or a span) from the first one with a letter: a live blog's
    "14:20 - Zelensky's office" is named from "Zelensky"."""
    start = next((i for i, t in enumerate(tokens) if any(c.isalpha() for c in t.text)), 0)
    return tokens[start:]


def _person_names(head: Token, ids: set[int]) -> list:
    """The person a mention names: the head itself, or an appositive
    ("The head of the ..., Mohammad al-Bashir"). A name that only modifies
    a title ("Nasser Hospital chief") is not the speaker."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start].ent_type_ == "PERSON":
        start -= 1  # "Ashraf al-Qidra" when the parser's subject is "Qidra"
    people = [e for e in person_spans(doc[i] for i in sorted(ids | {start})) if e.end - 1 in ids]
    own = [e for e in people if e.start <= head.i < e.end]
    if own:
        return own
    # "le président Zelensky": UD hangs the name on the title as its flat:name
    return [e for e in people if e.root.dep_ == "appos" or (e.root.dep_ == "flat:name" and e.root.head == head)][-1:]


def _proper_runs(tokens: list[Token]) -> list[str]:
    """Runs of proper nouns or acronyms inside a descriptor."""
    runs, current = [], []
    for token in tokens:
        if token.pos_ == "PROPN" or ACRONYM.match(token.text):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return ["".join(t.text_with_ws for t in run).strip() for run in runs]


def _proper_name(tokens: list[Token]) -> str | None:
    """"the official National News Agency" is named "National News Agency",
    "the group's Al Masirah TV" "Al Masirah TV", "the state-run Global New
    Light of Myanmar newspaper" "Global New Light of Myanmar": descriptor
    words and an owner before the name, and a media noun after it, are none
    of it."""
    tokens = [t for t in tokens if not t.is_space]
    start, end = 0, len(tokens)
    while start < end and (
        determiner(tokens[start])
        or (tokens[start].is_lower and tokens[start].pos_ in ("ADJ", "NOUN", "VERB", "PUNCT"))
        or tokens[start].text == "-"
        # an owner ("the group's"), not a state ("Russia's Defense Ministry" is Russia's)
        or (tokens[start].dep_ == "poss" and tokens[start].ent_type_ not in ("GPE", "NORP") and start + 1 < end and tokens[start + 1].dep_ == "case")
        or (tokens[start].dep_ == "case" and start > 0 and tokens[start - 1].ent_type_ not in ("GPE", "NORP"))
    ):
        start += 1
    while end - start > 2 and tokens[end - 1].is_lower and tokens[end - 1].lower_ in MEDIA_WORDS:
        end -= 1
    if 0 < start < end and tokens[start].pos_ == "PROPN" and tokens[start].text[:1].isupper() and tokens[end - 1].pos_ == "PROPN":
        return "".join(t.text_with_ws for t in tokens[start:end]).strip()
    return None


def _compatible(kind: str, other: str) -> bool:
    media = {"news_agency", "official_media"}
    return kind == other or (kind in media and other in media)


def _state_run(tokens: list[Token]) -> bool:
    """"state-run", "Houthi-run", "government-controlled": an official outlet."""
    for i, token in enumerate(tokens):
        if token.lower_ in ("run", "controlled", "owned", "operated") and i > 0 and tokens[i - 1].text == "-":
            return True
    lowered = {t.lower_ for t in tokens}
    return bool(lowered & {"state", "official", "government"} and lowered & MEDIA_WORDS)


def _parenthesised(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "("


def _by_phrase(token: Token) -> bool:
    """"par les autorités" however UD labels it (the model often says obl:mod)."""
    return token.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ == "par" for c in token.children)


def _brackets_round(token: Token) -> list[Token]:
    """The brackets just round a phrase ("(AFC)"), if any."""
    doc, before, after = token.doc, token.left_edge.i - 1, token.right_edge.i + 1
    if before >= 0 and after < len(doc) and doc[before].text == "(" and doc[after].text == ")":
        return [doc[before], doc[after]]
    return []


def _strip_commas(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].text in ",;:-–—":
        tokens = tokens[:-1]
    return tokens


def _civilian(name: Token) -> bool:
    """"Nataliia Kovalenko, 64, who lives on the second floor": a named person
    given an age or a home, not a title, speaks as a witness."""
    for child in name.children:
        if child.dep_ in ("appos", "amod", "npadvmod") and child.like_num:
            return True
        if child.dep_ == "relcl" and child.lemma_ in ("live", "flee", "survive", "escape", "stay", "shelter"):
            return True
    return False


def _entity_names(tokens: list[Token], label: str) -> list[str]:
    """Entities of a label among tokens ("NORSAR" in "NORSAR seismic institute")."""
    names, current = [], []
    for token in tokens:
        if token.ent_type_ == label and (token.ent_iob_ == "I" and current):
            current.append(token)
            continue
        if current:
            names.append("".join(t.text_with_ws for t in current).strip())
        current = [token] if token.ent_type_ == label and token.ent_iob_ == "B" else []
    if current:
        names.append("".join(t.text_with_ws for t in current).strip())
    return names


def _located(token: Token, head: Token) -> bool:
    """Whether a token lies in a place phrase of `head` ("in Jerusalem") or
    a clause about it ("experts assisting Ukraine's prosecutors"), unless the
    clause says who rules it ("les autorités ... occupée par Moscou")."""
    while token.i != head.i and token.head.i != token.i:
        clause = token.dep_ in ("acl", "relcl") and token.lemma_.lower() not in ruling_verbs()
        if (token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "from")) or clause:
            return True
        token = token.head
    return False


def _compound_chunk(head: Token) -> list[Token]:
    return [t for t in head.lefts if t.dep_ in ("compound", "amod")] + [head]


def _org_tokens(head: Token) -> list[Token]:
    dropped = {t.i for c in head.children if c.dep_ in ("relcl", "appos") for t in c.subtree}
    return [t for t in head.subtree if t.i not in dropped and t.text != ","]


def _scare_named(head: Token) -> str | None:
    """'the “government” proclaimed by the HTS' -> 'HTS "government"', 'the
    administration installed by Moscow' -> 'Moscow administration'; not 'doctors
    contacted by AFP', whom AFP does not rule."""
    doc = head.doc
    quoted = head.i > 0 and head.i + 1 < len(doc) and doc[head.i - 1].text in "“\"«" and doc[head.i + 1].text in "”\"»"
    for child in head.children:
        # (the small model's lemma of "installed" is "instal")
        if child.dep_ == "acl" and (quoted or {child.lemma_.lower(), child.lower_.removesuffix("ed")} & ruling_verbs()):
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        word = f'"{head.text}"' if quoted else head.text
                        return f"{words(_compound_chunk(objects[0]))} {word}"
    return None


def _type_from_entity(head: Token) -> str | None:
    return {"PERSON": "person", "GPE": "government", "ORG": "other", "NORP": "other"}.get(head.ent_type_)
