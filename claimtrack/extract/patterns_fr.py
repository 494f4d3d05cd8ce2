"""French attribution patterns, on the Universal Dependencies parse of the
French model (nsubj, ccomp, xcomp, obj, obl:arg, obl:agent, parataxis, case).

They return the same `Found` records as the English patterns, so the document
pass, quotes, figures and source resolution are shared. Words come from
lexicon_fr.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..datafiles import parse_yaml
from ..figures import figures_in
from ..sources.registry import default_registry
from .lexicon import Lexicon
from .patterns import Found, _contiguous, _last_word, _reported_by, subtree_ids

CONTENT_DEPS = ("ccomp", "xcomp", "obj", "obl:arg", "csubj")
# what stays with the cue verb when next to it: "a-t-il déclaré", "a également écarté"
NEAR_DEPS = ("aux", "aux:tense", "aux:pass", "aux:caus", "expl:subj", "expl:comp", "expl:pass", "advmod", "punct", "cc")
NEAR_OBLIQUES = ("obl:mod", "obl", "nmod")  # "a annoncé samedi", "a de son côté rejeté"
DROPPED_FROM_MENTION = ("acl", "acl:relcl", "advcl", "parataxis", "ccomp", "xcomp")
MANNER_CASES = ("avec", "sans")
WHERE_SAID = ("dans", "par", "lors", "sur", "via", "en")  # "dans un communiqué" (not "a appelé à une enquête")
INSTALLING = ("installer", "nommer")  # "le maire installé par Moscou": part of who he is
RELATIVE = ("qui", "que", "lequel", "laquelle", "lesquels", "lesquelles")
# the dependencies of what a French cue reports ("a affirmé que ... a dit ...")
FRENCH_COMPLEMENT_DEPS = ("ccomp", "xcomp", "obj", "obl:arg", "conj", "case", "obl:mod")


@dataclass(frozen=True)
class FrenchCues:
    """The keys of lexicon_fr.yml that only these patterns read."""

    according_to: frozenset[str]
    according_to_nouns: frozenset[str]
    light_verb_cues: frozenset[tuple[str, str]]
    no_source_subjects: frozenset[str]
    addressee_nouns: frozenset[str]
    quote_only_verbs: frozenset[str]
    time_nouns: frozenset[str]
    mistagged_cues: dict[str, str]
    irregular_forms: tuple[str, ...]
    aside_nouns: frozenset[str]
    imputing_verbs: frozenset[str]
    learning_verbs: frozenset[str]
    not_light_verb_phrases: tuple[str, ...]
    counting_verbs: frozenset[str]
    opinion_openers: frozenset[str]
    light_verb_words: frozenset[str]  # either word of a light verb cue ("faire" and "état"; "faire" and "savoir")


@lru_cache(maxsize=1)
def french_cues() -> FrenchCues:
    data = parse_yaml(resources.files(__package__).joinpath("lexicon_fr.yml").read_text("utf-8"))
    return FrenchCues(
        according_to=frozenset(data["according_to"]),
        according_to_nouns=frozenset(data["according_to_nouns"]),
        light_verb_cues=frozenset(tuple(pair) for pair in data["light_verb_cues"]),
        light_verb_words=frozenset(word for pair in data["light_verb_cues"] for word in pair),
        no_source_subjects=frozenset(data["no_source_subjects"]),
        addressee_nouns=frozenset(data["addressee_nouns"]),
        quote_only_verbs=frozenset(data["quote_only_verbs"]),
        time_nouns=frozenset(data["time_nouns"]),
        mistagged_cues=data["mistagged_cues"],
        irregular_forms=tuple(data["irregular_forms"]),
        aside_nouns=frozenset(data["aside_nouns"]),
        imputing_verbs=frozenset(data["imputing_verbs"]),
        learning_verbs=frozenset(data["learning_verbs"]),
        not_light_verb_phrases=tuple(data["not_light_verb_phrases"]),
        counting_verbs=frozenset(data["counting_verbs"]),
        opinion_openers=frozenset(data["opinion_openers"]),
    )


def bare(token: Token) -> str:
    """"-il" in "a-t-il dit" is "il"."""
    return token.lower_.lstrip("-")


def mention_tokens(head: Token) -> list[Token]:
    """The words naming a source: the noun phrase without the clauses hung on
    it ("Le Hamas, qui contrôle Gaza" names "Le Hamas") or how it spoke ("un
    responsable sous couvert d'anonymat", "les rebelles, de leur côté" name "un
    responsable", "les rebelles")."""
    asides = french_cues().aside_nouns
    dropped = {
        t.i
        for c in head.children
        # clauses, and appositions holding one ("la coalition dont fait partie le M23")
        # (but "installé par Moscou" says whose official it is: "le maire installé par Moscou")
        if (c.dep_ in DROPPED_FROM_MENTION and not (c.dep_ == "acl" and c.lemma_.lower() in INSTALLING))
        or (c.dep_ == "appos" and any(g.dep_ in DROPPED_FROM_MENTION for g in c.subtree))
        or (c.dep_ == "nmod" and any(g.lemma_.lower() in asides for g in c.subtree))
        # a phrase before the noun is the sentence's, hung on it ("Sur la rive gauche, les autorités")
        or (c.dep_.startswith(("obl", "nmod")) and c.i < head.i and head.pos_ in ("NOUN", "PROPN"))
        for t in c.subtree
    }
    # "X, porte-parole de l'armée, aux journalistes": whom it was said to, wherever the parser hung it
    dropped |= {t.i for c in head.subtree if c.dep_ == "nmod" and c.lower_ in french_cues().addressee_nouns
                and any(g.dep_ == "case" and g.lower_ in ("à", "au", "aux") for g in c.children) for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in dropped and not t.is_space]
    while tokens and ((tokens[0].is_punct and tokens[0].text != "(") or (tokens[0].dep_ in ("case", "mark") and tokens[0].lower_ != "des" and tokens[0].i < head.i)):
        tokens.pop(0)
    # one stretch of text: what follows a dropped clause is cut off with it
    tokens = [t for n, t in enumerate(tokens) if t.i - tokens[0].i == n]
    # (and the auxiliary of the verb the parser hung on the noun: "Le ministre a de son côté rejeté")
    while tokens and (tokens[-1].pos_ == "AUX" or (tokens[-1].is_punct and not (tokens[-1].text == ")" and any(t.text == "(" for t in tokens)))):
        tokens.pop()
    return _whole_name(head, tokens)


NAME_WORDS = ("PROPN", "NOUN", "ADJ", "X")


def _whole_name(head: Token, tokens: list[Token]) -> list[Token]:
    """The whole name the recogniser found around the head, where the parser
    split it ("Boko" and "Haram" both subjects of the verb, "Macron" an
    adverb after "Emmanuel"): its words, not the verb it may run into."""
    doc, start, end = head.doc, head.i, head.i + 1
    if head.ent_iob_ not in ("B", "I") or not tokens:
        return tokens
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].pos_ in NAME_WORDS:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ in NAME_WORDS:
        end += 1
    if start > tokens[-1].i + 1 or end < tokens[0].i:
        return tokens  # the name and the mention are not one stretch of text
    return list(doc[min(start, tokens[0].i) : max(end, tokens[-1].i + 1)])


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "advmod" and "Neg" in c.morph.get("Polarity") and c.lower_ != "ne" for c in verb.children)


CLAUSE_PARTS = ("nsubj", "nsubj:pass", "cop", "aux:pass", "aux:tense", "obj")  # what makes a word a clause's head


def speaker_of(verb: Token, quoted: set[int]) -> Token | None:
    """The subject of a cue verb, wherever French puts it: before, inverted
    after ("a déclaré son porte-parole", "a-t-il ajouté"), the agent of a
    passive ("annoncé par l'armée"), or the subject of the verb a participle
    or a coordinated verb hangs on ("..., dénonçant un massacre")."""
    # the parser sometimes hangs the subject on the auxiliary ("X a ... déploré")
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")] + [a for a in [_auxiliary_above(verb)] if a is not None]
    # a pronominal verb's subject may be parsed as a passive one ("l'ONU s'est interrogée")
    pronominal = any(c.dep_.startswith("expl") and bare(c) in ("se", "s'", "s’") for c in verb.children)
    inverted = inverted_pronoun(verb, auxiliaries)
    if inverted is not None:
        return inverted  # "explique-t-elle", "a-t-il dit": whatever the parser made of "-t"
    if _agentless_passive(verb):
        return None  # "Les miliciens sont accusés d'exactions": they are accused, by nobody named
    subjects = [c for h in (verb, *auxiliaries) for c in h.children if c.dep_ == "nsubj" or (pronominal and c.dep_ == "nsubj:pass")]
    # "« Les corps sont sous les décombres », a déclaré un secouriste", "Les champs sont sous l'eau,
    # a indiqué une responsable": the clause taken for the subject is what was said (not « Le Monde »,
    # a name in guillemets)
    said = [c for c in subjects if c.i < verb.i and any(g.dep_ in CLAUSE_PARTS for g in c.children)]
    if _after_content(verb) and _incise_on_clause(verb) and _noun_phrase_after(verb):
        said = [c for c in subjects if c.i < verb.i]  # "Des tirs ont visé les abords, ont indiqué les autorités"
    if said and _after_content(verb):
        subjects = [c for c in subjects if c not in said]
    subjects = [c for c in subjects if c.i not in quoted] or subjects
    # "Un médecin, l'un des derniers sur place, a constaté": the apposition is no second subject
    subjects = [c for c in subjects if not (c.pos_ == "PRON" and c.lower_ in ("un", "une"))] or subjects
    if subjects:
        subject = min(subjects, key=lambda c: abs(c.i - verb.i))
        if subject.lower_ in RELATIVE and verb.dep_ == "acl:relcl":
            return verb.head  # "Le Hamas, qui dément ..."
        return _antecedent_of_aside(subject, verb) or _speaker_before_apposition(subject, verb) or subject
    inverted = [c for c in verb.children if c.pos_ == "PRON" and c.text.startswith("-") and bare(c) != "t"]
    if inverted:
        return inverted[0]
    participle = present_participle(verb)
    if _after_content(verb) and not participle and not _titled_name_before(verb):
        # "« ... », a affirmé l'armée", "..., a annoncé samedi une ONG": the
        # parser often takes the inverted subject for an object or an oblique
        times = [c for c in verb.children if c.lemma_.lower() in french_cues().time_nouns]
        # "ont indiqué mercredi des sources locales", parsed as "mercredi des sources"
        nearby = list(verb.children) + [g for c in times for g in c.children if g.dep_ == "nmod"]
        # "a déclaré à l'AFP un responsable", parsed as an apposition to the addressee
        nearby += [g for c in verb.children if c.dep_.startswith("obl") for g in c.children if g.dep_ == "appos" and g.i > c.i]
        # "affirme un commandant joint par téléphone", parsed as the subject of the participle
        nearby += [g for c in verb.children if c.dep_ in CONTENT_DEPS and "Part" in c.morph.get("VerbForm") for g in c.children if g.dep_ == "nsubj"]
        after = [
            c
            for c in sorted(nearby, key=lambda t: t.i)
            if c.i > verb.i
            and c.dep_ in ("obj", "nsubj:pass", "obl:mod", "nmod", "appos", "nsubj", "dep")
            and c.pos_ in ("NOUN", "PROPN")
            and c.lemma_.lower() not in french_cues().time_nouns
            and (verb.lemma_.lower(), c.lower_) not in french_cues().light_verb_cues  # "fait état"
            # "des sources" is an article the parser may take for a preposition
            and not any(g.dep_ in ("case", "mark") and g.pos_ == "ADP" and g.lower_ != "des" for g in c.children)
        ]
        if after:
            return after[0]
        told = _addressee(verb, french_cues())
        if told is not None:
            # "a déclaré à L'Orient-Le Jour un responsable": the subject parsed inside the addressee's name
            doc, end = verb.doc, told.i + 1
            while end < verb.sent.end and doc[end].pos_ in ("PROPN", "NOUN") and doc[end].text[:1].isupper():
                end += 1
            if end < verb.sent.end and doc[end].pos_ == "DET":
                subject = next((t for t in doc[end + 1 : end + 4] if t.pos_ in ("NOUN", "PROPN")), None)
                if subject is not None:
                    return subject
    agents = [c for c in verb.children if c.dep_ == "obl:agent"]
    if agents and any(c.dep_ == "aux:pass" for c in verb.children):
        return agents[0]
    head = verb.head
    if _participle_aside(verb):
        return speaker_of(head.head, quoted)  # "ont démenti toute implication, accusant l'armée": who denied
    if participle and verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return head  # "Moscou ..., imputant la catastrophe à ...": the noun the participle describes
    if head == verb or head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return _phrase_just_before(verb)
    if participle:
        # "..., a-t-il précisé, qualifiant ...": the speaker of the verb just before
        before = [c for c in head.children if c.i < verb.i and c.dep_ in ("advcl", "parataxis", "conj") and c.pos_ == "VERB"]
        for sibling in reversed(before):
            speaker = speaker_of(sibling, quoted)
            if speaker is not None:
                return speaker
    if verb.dep_ == "advcl" and head.i < verb.i and any(c.dep_ == "aux:tense" for c in verb.children):
        # "Une journaliste de l'AFP présente sur place a vu": the adjective taken for the verb, the cue for its clause
        return speaker_of(head, quoted)
    said = _cue_coordinated_into_content(verb)
    if said is not None:
        return speaker_of(said, quoted)
    # (", affirmant que ...", a participle the parser may even take for punctuation)
    if verb.dep_ == "conj" or (verb.dep_ in ("advcl", "acl", "advmod", "punct") and participle) or verb.dep_ == "xcomp":
        return speaker_of(head, quoted)
    return _phrase_just_before(verb)


INVERTED_PRONOUNS = ("il", "elle", "ils", "elles", "on")


def inverted_pronoun(verb: Token, auxiliaries: list[Token] = ()) -> Token | None:
    """The subject pronoun joined to a verb or its auxiliary by hyphens, as
    French puts it after a quote: "dit-il", "explique-t-elle", "a-t-il ajouté"."""
    doc = verb.doc
    for head in (verb, *auxiliaries, *(c for c in verb.children if c.dep_.startswith("aux"))):
        after = head.i + 1
        if after < len(doc) and doc[after].lower_ == "-t":
            after += 1
        if after < len(doc) and doc[after].text.startswith("-") and bare(doc[after]) in INVERTED_PRONOUNS:
            return doc[after]
    return None


def _describes_noun(verb: Token) -> bool:
    """"Un rescapé, admis à l'hôpital, raconte": a past participle without an
    auxiliary or an agent describes a noun ("une attaque revendiquée par l'EI" has one)."""
    return (
        verb.dep_ in ("acl", "advcl") and "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
        and not any(c.dep_.startswith("aux") or c.dep_ == "obl:agent" for c in verb.children)
        and _auxiliary_above(verb) is None  # "a de son côté rejeté"
        and inverted_pronoun(verb) is None  # "dit-il", tagged a participle
    )


def _asks_anonymity(complement: Token, lexicon: Lexicon) -> bool:
    """"a demandé à ne pas être nommée": whom not to name, nothing said."""
    return (
        complement.dep_ in ("xcomp", "obl:arg", "ccomp")
        and complement.lemma_.lower() in lexicon.anonymity_verbs
        and any(c.dep_ == "aux:pass" for c in complement.children)
    )


def _incise_on_clause(verb: Token) -> bool:
    """Whether the parser hung the cue on the clause before it, which it reports."""
    head = verb.head
    return (head.i < verb.i and head.pos_ in ("VERB", "AUX") and head.dep_ != "acl:relcl"
            and verb.dep_ in ("advcl", "parataxis", "conj", "ccomp"))


def _noun_phrase_after(verb: Token) -> bool:
    """Whether a noun phrase hung on the verb follows it at once, its day aside
    ("ont indiqué (mardi) les autorités"): an inverted subject."""
    doc, after = verb.doc, verb.i + 1
    while after < verb.sent.end and doc[after].lemma_.lower() in french_cues().time_nouns:
        after += 1
    if after >= verb.sent.end or doc[after].pos_ not in ("DET", "PROPN"):
        return False
    head = doc[after] if doc[after].pos_ == "PROPN" else doc[after].head
    return head.head == verb and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("obj", "nsubj", "nsubj:pass", "appos", "obl:mod", "nmod")


def _speaker_before_apposition(subject: Token, verb: Token) -> Token | None:
    """"Interrogé par RFI, un responsable du FLA, la coalition rebelle, a dénoncé": the
    parser took the apposition for the subject and the speaker for the object of the
    opening participle."""
    doc, sent = verb.doc, verb.sent
    start = subject.left_edge.i
    if subject.i > verb.i or start - 2 < sent.start or doc[start - 1].text != ",":
        return None
    opener, named = doc[sent.start], doc[start - 2]
    if opener.dep_ != "advcl" or "Part" not in opener.morph.get("VerbForm"):
        return None
    while named.head not in (opener, named) and named.head.i < start:
        named = named.head
    return named if named.head == opener and named.dep_ != "obl:agent" and named.pos_ in ("NOUN", "PROPN") else None


def _agentless_passive(verb: Token) -> bool:
    """"sont accusés d'exactions", "a été annoncé": passive, and by nobody named."""
    return (any(c.dep_ == "aux:pass" and c.lemma_ == "être" for c in verb.children)
            and not any(c.dep_ == "obl:agent" or (c.dep_.startswith("expl") and bare(c) in ("se", "s'", "s’")) for c in verb.children))


def _antecedent_of_aside(subject: Token, verb: Token) -> Token | None:
    """"La coalition, qui contrôle la quasi-totalité de la province, a revendiqué":
    a noun of the relative clause set between commas before the verb, which the
    parser took for its subject: the noun the clause describes speaks."""
    doc, start = verb.doc, _incise_start(verb).i
    if subject.i > verb.i or start == 0 or doc[start - 1].text != ",":
        return None
    for t in reversed(doc[verb.sent.start : subject.i]):
        if t.text == ",":
            return None
        if t.lower_ in RELATIVE and t.head.dep_ == "acl:relcl" and t.head.head.pos_ in ("NOUN", "PROPN") and t.head.head.i < t.i:
            return t.head.head
    return None


def _participle_aside(verb: Token) -> bool:
    """", accusant l'armée de ...": a present participle set off by a comma after
    the object of a verb, which the parser hung on the object, is a second act of
    that verb's subject (not said of the object, nor part of what was said)."""
    head = verb.head
    return (
        verb.dep_ in ("acl", "amod")  # ", estimant qu'elles étaient infondées" may be taken for an adjective
        and present_participle(verb)
        and verb.i > 0 and verb.doc[verb.i - 1].text == ","
        and head.pos_ == "NOUN" and head.dep_ == "obj" and head.head.pos_ == "VERB"
    )


CLITICS = ("le", "la", "les", "l'", "l’", "lui", "leur", "se", "s'", "s’")


def present_participle(token: Token) -> bool:
    """"affirmant", and ", les qualifiant de ..." which the tagger may take for a noun."""
    if "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense"):
        return True
    doc, before = token.doc, token.i - 1
    before -= before > 0 and doc[before].lower_ in CLITICS
    return (token.pos_ in ("NOUN", "ADJ") and token.lower_.endswith("ant") and token.dep_ in ("advcl", "acl", "amod")
            and before >= 0 and doc[before].text == ",")


def _phrase_just_before(verb: Token) -> Token | None:
    """"Interrogé par l'AFP, un responsable de l'ONU a indiqué", "Washington et Londres ont
    condamné" (a "dep"): a tensed cue the parser left without a subject, right after a noun
    phrase it hung elsewhere (no "à X", no "de X")."""
    first = _group_start(verb)
    if not any(c.dep_.startswith("aux") for c in verb.children) and not verb.morph.get("Mood"):
        return None
    before = [
        t
        for t in verb.sent
        if t.right_edge.i == first.i - 1 and t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("obj", "appos", "nsubj:pass", "dep")
        and not any(c.dep_ in ("case", "mark") for c in t.children)
    ]
    return min(before, key=lambda t: t.left_edge.i, default=None)


def _auxiliary_above(verb: Token) -> Token | None:
    """The auxiliary of a participle the parser hung on the phrase set
    between them ("X a de son côté rejeté ...", "a pour sa part indiqué"),
    the auxiliary heading the clause."""
    phrase = verb.head
    if verb.dep_ == "fixed" and phrase.dep_ == "advmod" and phrase.head.lemma_ in ("avoir", "être") and phrase.head.i < phrase.i:
        return phrase.head  # "a quant à lui promis", parsed as one fixed phrase on "quant"
    # (or "a de son côté accusé", "côté" parsed as the object of "a")
    aside = phrase.dep_ in (*NEAR_OBLIQUES, "obl:arg") or (phrase.dep_ == "obj" and phrase.lemma_.lower() in french_cues().aside_nouns)
    if (verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and aside
            and phrase.head.lemma_ in ("avoir", "être") and phrase.head.i < phrase.i < verb.i):  # tagged AUX or VERB
        return phrase.head
    return None


def _cue_coordinated_into_content(verb: Token) -> Token | None:
    """"X a jugé qu'Israël n'était pas responsable et a évalué le bilan à ...":
    the parser hangs the second cue on the head of the first one's reported
    clause, but it has the first cue's tense ("a jugé ... et a évalué") where
    the reported clause has its own ("était"): it is X's second statement.
    Returns the first cue verb."""
    head = verb.head
    cue = head.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or cue.pos_ not in ("VERB", "AUX") or head.i > verb.i:
        return None
    tense = [c.lower_ for c in verb.children if c.dep_ == "aux:tense"]
    return cue if tense and tense == [c.lower_ for c in cue.children if c.dep_ == "aux:tense"] and not any(
        c.lower_ in tense for c in head.children if c.dep_ in ("aux:tense", "cop")) else None


def _titled_name_before(verb: Token) -> bool:
    """"Le président ukrainien, Volodymyr Zelensky, a réclamé": a name before the comma speaks."""
    found = phrase_before(verb)
    return found is not None and found[0].ent_type_ == "PERSON"


def phrase_before(verb: Token) -> tuple[Token, list[Token]] | None:
    """"Le chef du « gouvernement » proclamé par HTS, Mohammad al-Bachir, a
    affirmé que": where the parser lost the subject, the phrase opening the
    sentence up to the comma before the verb. Its head is the name that ends
    it, else its first noun (then the mention stops at the first comma)."""
    first = _group_start(verb)
    doc, start = verb.doc, verb.sent.start
    if first.i - start < 2 or doc[first.i - 1].text != ",":
        return None
    span = [t for t in doc[start : first.i - 1] if not t.is_space]
    relative = False
    for token in span:
        relative = relative or token.lower_ in RELATIVE or token.lower_ == "dont"
        # a clause of its own (a verb in a mood, or with an auxiliary) that no relative pronoun opened
        participle = token.lower_.endswith(("é", "ée", "és", "ées"))  # "proclamé par HTS", however tagged
        clause = token.pos_ in ("VERB", "AUX") and (
            (bool(token.morph.get("Mood")) and not participle) or any(c.dep_ in ("aux:tense", "aux:pass") for c in token.children)
        )
        if (token.i == start and token.text in ('"', "«", "“")) or (clause and not relative):
            return None
    if not span or span[0].pos_ not in ("DET", "PROPN", "NOUN"):
        return None
    people = [e for e in doc.ents if e.label_ == "PERSON" and start <= e.start and e.end == first.i - 1]
    if people:
        return people[-1].root, span
    head = next((t for t in span if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return None
    comma = next((t.i for t in span if t.text == ","), first.i - 1)
    return head, [t for t in span if t.i < comma]


def _after_content(verb: Token) -> bool:
    """Whether the verb opens an incise after what was said: '», a déclaré',
    ', a annoncé', ', affirme'."""
    first = _incise_start(verb)
    return first.i > verb.sent.start and first.doc[first.i - 1].text in (",", '"', "»", "”")


def _quoted_incise(verb: Token) -> bool:
    """A cue set inside the guillemets it reports, between commas: « Nous ne
    partirons pas, a déclaré le maire, la ville tiendra » (the subject after it)."""
    if not _after_content(verb) or any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return False
    doc = verb.doc
    end = verb.i + 1
    while end < verb.sent.end and doc[end].text not in (",", ".", "»", ";"):
        end += 1
    return end < len(doc) and end - verb.i <= 6 and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[verb.i + 1 : end])


def _group_start(verb: Token) -> Token:
    """The first word of the verb group: "a de nouveau réclamé", "a également dit"."""
    first = verb
    while first.i > verb.sent.start:
        previous = first.doc[first.i - 1]
        light = previous.head == verb and (previous.lemma_.lower(), verb.lemma_.lower()) in french_cues().light_verb_cues  # "a fait savoir"
        if not (light or previous.dep_.startswith("aux") or (previous.dep_ in ("advmod", "fixed") and previous.pos_ in ("ADV", "ADP", "ADJ"))):
            break
        first = previous
    return first


def cue_lemma(token: Token, lexicon: Lexicon) -> str:
    """The cue verb a token inflects: its lemma, or, where the lemmatiser
    missed ("estime" left as is), the infinitive of a present tense of -er."""
    lemma = token.lemma_.lower()
    if lemma in lexicon.cue_verbs:
        return lemma
    lower = token.lower_
    # "estime", "estiment"; "qualifiant" tagged a noun
    for infinitive in (lower + "r", lower[:-2] + "r" if lower.endswith("ent") else "", lower[:-3] + "er" if lower.endswith("ant") else ""):
        if infinitive in lexicon.cue_verbs:
            return infinitive
    return lemma


def _humanlike(head: Token, lexicon: Lexicon) -> bool:
    lemma = head.lemma_.lower()
    return (
        head.ent_type_ in ("PERSON", "ORG")
        or head.pos_ in ("PROPN", "PRON")
        or bare(head) in lexicon.speaker_pronouns
        or lemma in lexicon.people_nouns
        or head.lower_ in lexicon.witness_nouns
    )


def _can_speak(head: Token, lexicon: Lexicon) -> bool:
    """A common noun speaks when it names people, a body or a document; a name
    the tagger took for a common noun ("la Cédéao", "l'EIGS", "les talibans") too."""
    if head.pos_ != "NOUN" or head.ent_type_ or (head.text[:1].isupper() and not head.is_sent_start):
        return True
    lemma = head.lemma_.lower()
    return (
        default_registry().lookup(head.text) is not None
        or lemma in lexicon.people_nouns
        or lemma in lexicon.document_nouns
        or head.lower_ in lexicon.witness_nouns
        or lexicon.type_of([t.lower_ for t in head.lefts if t.dep_ == "amod"] + [head.lower_]) is not None
        or lexicon.type_of([lemma]) is not None
        # "les services de secours", "les agents de police": a noun whose bare complement names the body
        or any(lexicon.type_of([c.lower_]) is not None for c in head.children if c.dep_ == "nmod" and c.pos_ == "NOUN"
               and all(g.dep_ == "case" and g.lower_ in ("de", "d'", "d’") for g in c.lefts))
    )


def _addressee(verb: Token, cues: FrenchCues) -> Token | None:
    """"a déclaré à l'AFP", "a indiqué vendredi à la presse": the "à" phrase
    right after the verb, when it names an outlet or the press (however the
    parser attached it)."""
    if verb.lemma_.lower() in cues.imputing_verbs:
        return None  # "a imputé à Israël l'explosion": who is blamed, not who was told
    doc = verb.doc
    i = verb.i + 1
    while i < verb.sent.end and (doc[i].dep_ == "advmod" or doc[i].lemma_.lower() in cues.time_nouns):
        i += 1
    if i >= verb.sent.end or doc[i].lower_ not in ("à", "au", "aux") or doc[i].pos_ != "ADP":
        return None
    phrase = doc[i].head
    if phrase.i <= i or phrase.i > i + 3:
        return None
    named = [phrase] + [c for c in phrase.children if c.dep_ in ("nmod", "appos", "flat:name") and c.pos_ in ("PROPN", "NOUN")]
    if phrase.i + 1 < len(doc) and doc[phrase.i + 1].is_digit:
        return None  # "à France 24": a name the parser split would resolve wrong
    if _named(phrase) or phrase.lemma_.lower() in cues.addressee_nouns:
        return next((t for t in named if _named(t)), phrase)
    return None


def _named(token: Token) -> bool:
    """A name: "Reuters", "l'AFP" (however tagged)."""
    return token.pos_ == "PROPN" or token.ent_type_ == "ORG" or (token.text.isupper() and len(token.text) > 1)


def _light_verb_noun(verb: Token, cues: FrenchCues) -> Token | None:
    """"fait état de", "fait désormais état de" (parsed as an xcomp), "a mis en garde": the noun that makes the verb a cue."""
    lemma = verb.lemma_.lower()
    return next((c for c in verb.children if c.dep_ in ("obj", "xcomp", "obl:arg") and (lemma, c.lower_) in cues.light_verb_cues
                 and not c.doc[c.i : c.i + 3].text.lower().startswith(cues.not_light_verb_phrases)), None)


def _light_verb_before(verb: Token, cues: FrenchCues) -> Token | None:
    """"ont fait savoir que", parsed with "fait" hung on "savoir": the light verb just before."""
    lemma = verb.lemma_.lower()
    return next((c for c in verb.children if c.i == verb.i - 1 and (c.lemma_.lower(), lemma) in cues.light_verb_cues), None)


def _in_document(child: Token, lexicon: Lexicon) -> bool:
    """"dans un communiqué publié dans la nuit", "dans un entretien au quotidien Bild"."""
    return child.dep_ in NEAR_OBLIQUES and child.lemma_.lower() in lexicon.document_nouns and any(
        c.dep_ == "case" and c.lower_ in ("dans", "par", "lors", "sur") for c in child.children
    )


def _clause_ids(verb: Token, cue: list[Token], subject: Token, mention: list[Token], content_children: list[Token], addressee: Token | None, lexicon: Lexicon) -> set[int]:
    """Cue, speaker, auxiliaries and what sits next to the verb before its content."""
    content_start = min((c.left_edge.i for c in content_children if c.i > verb.i), default=None)
    excluded = {i for c in content_children for i in subtree_ids(c)}
    clause = {t.i for t in cue} | _speaker_ids(subject, mention, verb)
    if subject.i > verb.i:
        # inverted: what stands between the verb and its subject is neither ("a déclaré sur X le porte-parole")
        clause |= set(range(verb.i, min(t.i for t in mention))) - excluded
    if addressee is not None:
        # the addressee's phrase, without a clause the parser hung on it
        phrase = addressee if addressee.head == verb or addressee.head.pos_ not in ("NOUN", "PROPN") else addressee.head
        clause |= {t.i for t in mention_tokens(phrase)} | {c.i for c in phrase.children if c.dep_ == "case"}
    for child in verb.children:
        if child.i in excluded or child in cue or (content_start is not None and child.i > content_start):
            continue
        ids = subtree_ids(child)
        near = child.dep_ in NEAR_OBLIQUES and len(ids) <= 4 and abs(child.i - verb.i) <= 4
        if child.dep_ in NEAR_DEPS or near or _in_document(child, lexicon):
            clause |= ids
    return clause - excluded


def _speaker_ids(subject: Token, mention: list[Token], verb: Token) -> set[int]:
    """The mention, and what it describes its speaker with ("un commerçant
    joint par téléphone", "l'ONG, qui dispose de ..."): not content, unless
    the parser hung the cue itself there."""
    described = [c for c in subject.children if c.dep_ in ("acl", "acl:relcl", "appos") and verb not in c.subtree]
    # but not one quoting words of its own ("l'ONU, qui dit craindre « un bain de sang »"): the
    # cue's clause would seem to introduce that quote
    described = [c for c in described if not any(t.text in "«“" for t in c.subtree)]
    ids = {t.i for t in mention} | {t.i for c in described for t in c.subtree}
    if subject.dep_ == "obl:agent":
        ids |= {c.i for c in subject.children if c.dep_ == "case"}
    return ids


def find_verb_cues(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    cues = french_cues()
    found = []
    for verb in sent:
        lemma = cue_lemma(verb, lexicon)
        if lemma not in lexicon.cue_verbs and verb.lemma_.lower() not in cues.light_verb_words:
            continue  # no cue word (most words): nothing below can make it one
        # "raconte-t-il", ", les qualifiant de", which the tagger may take for an adjective or a noun
        if (verb.pos_ not in ("VERB", "AUX") and inverted_pronoun(verb) is None and not present_participle(verb)) or (
                verb.i in quoted and not _quoted_incise(verb)):
            continue
        noun = _light_verb_noun(verb, cues)
        light = _light_verb_before(verb, cues)
        if lemma not in lexicon.cue_verbs and noun is None and light is None:
            continue
        if (verb.dep_ == "amod" and not _participle_aside(verb)) or (_negated(verb) and lemma not in lexicon.denial_verbs) or _names_what(verb):
            continue
        if _describes_noun(verb) or any(_asks_anonymity(c, lexicon) for c in verb.children):
            continue
        gerund = _gerund_start(verb)
        said = _cue_above(verb, lexicon) if gerund is not None else None
        # "a estimé que A, tout en précisant que B": a gerund speaks for the cue it hangs under
        subject, mention, own_clause = speaker_of(said or verb, quoted), None, set()
        if subject is None and any(c.dep_ in CONTENT_DEPS and c.i > verb.i for c in verb.children) and not _agentless_passive(verb):
            subject, mention = phrase_before(verb) or (None, None)
        elif subject is not None and subject.i < verb.i and (
            subject.ent_type_ == "PERSON" or any(c.dep_ in ("flat:name", "appos") and c.ent_type_ == "PERSON" for c in subject.children)
        ):  # "Le chef de l'armée, le général X, a promis" ("le général X": the title, then the name)
            mention = _titled_name(subject, lexicon)
        if subject is None or bare(subject) in cues.no_source_subjects:
            continue
        described = _title_hung_on_the_cue(subject, verb, lexicon)
        name_after_title = _name_hung_after_title(subject, verb, lexicon)
        if name_after_title is not None:
            described = list(sent.doc[subject.right_edge.i + 1 : _entity_tokens(name_after_title)[-1].i + 1])
        # an inverted pronoun is its own mention, whatever the parser hung on it ("affirme-t-il")
        mention = mention or ([subject] if subject.text.startswith("-") else mention_tokens(subject) + described)
        if (subject.pos_ not in ("NOUN", "PROPN", "PRON", "X") and bare(subject) not in lexicon.speaker_pronouns) or any(
            c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle") for c in subject.children
        ):
            continue
        if not _can_speak(subject, lexicon):
            continue  # "des signaux sismiques indiquent": evidence, not a source
        perception = lemma in lexicon.perception_verbs
        if perception and not _humanlike(subject, lexicon):
            continue
        cue = [verb] if noun is None else list(sent.doc[verb.i : noun.i + 1])
        if light is not None:
            cue = [light, verb]
        if said is not None:
            cue = list(sent.doc[gerund.i : verb.i + 1])
        addressee = _addressee(verb, cues)
        skip = {noun.i} if noun is not None else set()
        skip |= {subject.i} | ({addressee.i, addressee.head.i} - {verb.i} if addressee is not None else set())
        skip |= {t.i for t in described}
        if subject.i > verb.i and subject.head.head == verb and subject.head.pos_ == "VERB":
            skip.add(subject.head.i)  # "joint par téléphone": the participle describes the speaker, it is not said
        skip |= {c.i for c in verb.children if c.lemma_.lower() in cues.time_nouns}  # "a affirmé jeudi que"
        stranded = _auxiliary_above(verb)  # "a de son côté rejeté toute responsabilité": the object hung on "a"
        content_children = [c for c in (*verb.children, *(stranded.children if stranded is not None else ()))
                            if c.dep_ in CONTENT_DEPS and c.i not in skip and (c.head == verb or c.i > verb.i)]
        # "a condamné avec fermeté l'attaque": how, when there is a what
        manner = [c for c in content_children if any(k.dep_ == "case" and k.lower_ in MANNER_CASES for k in c.children)]
        content_children = [c for c in content_children if c not in manner] or content_children
        in_document = _clause_on_document(verb, lexicon)
        if in_document is not None:
            # "a déclaré dans un communiqué que ...": what was said is the clause, not where
            document, said = in_document
            skip |= subtree_ids(document) - subtree_ids(said)
            content_children = [c for c in content_children if c.i != document.i] + [said]
        # "a revendiqué l'attaque dans un communiqué": where it was said, not what
        where_said = set() if in_document is not None else {
            t.i for c in verb.children if c.dep_.startswith("obl") and c.i > verb.i
            and c.lemma_.lower() in lexicon.document_nouns and any(k.dep_ == "case" and k.lower_ in WHERE_SAID for k in c.children)
            for t in (c, *(k for k in c.children if k.dep_ in ("case", "det", "amod")))}
        content_children = [c for k in content_children for c in ([k] if k.i not in where_said else
                            [g for g in k.children if g.i not in where_said])]
        own_inversion = subject.text.startswith("-") and subject.i > _incise_start(verb).i  # not a verb before's "-il"
        if own_inversion and (_after_content(verb) or not any(c.i > verb.i for c in content_children)):
            # "« ... », a-t-il déploré, joint par Le Monde", "ajoute-t-il au téléphone": what follows describes the speaker
            content_children = [c for c in content_children if c.i < verb.i]
            own_clause = set(range(verb.i + 1, sent.end))
        elif subject.i > verb.i:  # inverted: the content came before ("« ... », a déclaré sur X le porte-parole")
            content_children = [c for c in content_children if c.i > subject.right_edge.i
                                # after a quote, only a clause ("« ... », affirme X dans un communiqué lu à la radio")
                                and not (_after_content(verb) and c.dep_ not in ("ccomp", "xcomp", "csubj"))]
            if not content_children:  # and what ends the sentence after the subject describes it,
                # save a clause of its own ("a rapporté l'ONU, qui dit craindre ...": no adjacent quote)
                own_clause = {t.i for c in subject.children if c.dep_ in DROPPED_FROM_MENTION and c.i > subject.i for t in c.subtree}
                skip |= set(range(subject.i, sent.end)) - own_clause
        if noun is not None:
            content_children += [c for c in noun.children if c.dep_ not in ("det", "amod", "punct", "case")]
        # "a-t-il déclaré" wherever the parser hung the auxiliary and "-t"; "a fait savoir"
        first = verb.i
        while first > sent.start and (sent.doc[first - 1].pos_ == "AUX" or sent.doc[first - 1].text.startswith("-")
                                      or (light is not None and first - 1 == light.i)):
            first -= 1
        attached = set(range(first, verb.i))
        clause = attached | (skip - {verb.i} if subject.i > verb.i else set()) | _contiguous(_clause_ids(verb, cue, subject, mention, content_children, addressee, lexicon), verb.i) | _speaker_ids(subject, mention, verb)
        asides = {t.i for c in content_children for aside in c.subtree if _participle_aside(aside)
                  for t in (aside.doc[aside.i - 1], *aside.subtree)}  # with its comma
        content = _content_tokens(sent, verb, content_children, clause | own_clause | asides | where_said)
        lead = _quote_before(verb, content)
        if lead:
            clause -= {t.i for t in lead}
            content = lead + content
        if _cue_coordinated_into_content(verb) is not None:  # what hangs on the first cue's clause after it is said too
            content = [t for t in sent.doc[verb.i + 1 : verb.head.right_edge.i + 1] if t.i not in clause and not t.is_space]
        if verb.i in quoted:  # a quoted incise: what was said is the quote before it
            content = [t for t in content if t.i < first - 1 and t.text not in ("«", "“", '"')]
        if not content:
            continue
        # (but "Six morts, a écrit sur Telegram le gouverneur": an incise after what was said)
        if lemma in cues.quote_only_verbs and not all(t.i in quoted for t in content if t.is_alpha) and not (
                _after_content(verb) and subject.i > verb.i and all(t.i < verb.i for t in content)):
            continue
        if lemma in lexicon.clause_only_cues and all(c.dep_ == "obj" for c in content_children):
            continue  # "des groupes qui menacent la stabilité du pays": a deed
        if lemma in cues.counting_verbs and not figures_in(content):
            continue  # "une ONG qui recense les victimes du conflit": what it does, not a count it gives
        named = name_after_title or _name_after_descriptor(subject, lexicon)
        found.append(
            Found(
                cue=cue,
                form="perception" if perception else "verb",
                mention_head=named or subject,
                mention=mention,
                clause=clause,
                content=content,
                stance="denies" if lemma in lexicon.denial_verbs else "asserts",
                act=lexicon.act_of(lemma, infinitive=any(c.dep_ == "xcomp" for c in content_children)),
                addressee=addressee,
                # the name a descriptor introduces speaks: "l'ONG Human Rights Watch"
                speaker=named and _entity_tokens(named),
            )
        )
    return found


def _titled_name(name: Token, lexicon: Lexicon) -> list[Token] | None:
    """"(Sur la rive gauche,) le maire installé par Moscou, Vladimir Leontiev,
    a affirmé": the title between the commas before a name says who he is."""
    doc, tokens = name.doc, mention_tokens(name)
    start = min(t.i for t in tokens + [name])
    if start - 2 < name.sent.start or doc[start - 1].text != ",":
        return None
    first = start - 2
    while first > name.sent.start and doc[first - 1].text != ",":
        first -= 1
    title = doc[first : start - 1]
    if title[0].pos_ != "DET" or not any(t.lemma_.lower() in lexicon.title_nouns for t in title):
        return None
    return list(doc[first : max(t.i for t in tokens + [name]) + 1])


def _title_hung_on_the_cue(subject: Token, verb: Token, lexicon: Lexicon) -> list[Token]:
    """"« ... », a résumé Erik Tollefsen, responsable de l'unité ... au CICR", "raconte
    Olena, une habitante de Kherson": the title after an inverted subject, which the
    parser may hang on the cue (even as its object), is the subject's (its comma and
    words, to add to the mention; not what was said)."""
    doc, end = subject.doc, subject.right_edge.i
    if subject.i < verb.i or end + 2 >= subject.sent.end or doc[end + 1].text != ",":
        return []
    title = next((c for c in verb.children if c.dep_ in ("appos", "obj") and c.i > end + 1 and c.left_edge.i == end + 2), None)
    if title is None or title.lemma_.lower() not in lexicon.title_nouns | lexicon.people_nouns | lexicon.witness_nouns:
        return []
    return list(doc[end + 1 : title.right_edge.i + 1])


def _name_hung_after_title(subject: Token, verb: Token, lexicon: Lexicon) -> Token | None:
    """"a annoncé le gouverneur régional Oleg Kiper", "a averti le chef de la mission,
    Nicholas Haysom.": the name right after an inverted title, which the parser may
    hang on the cue (or on what it reports) as a second object or an oblique."""
    doc, start = subject.doc, subject.right_edge.i + 1
    start += start < subject.sent.end and doc[start].text == ","
    if subject.i < verb.i or start >= subject.sent.end or subject.lemma_.lower() not in lexicon.title_nouns:
        return None
    name = doc[start]
    if name.ent_type_ != "PERSON" or name.head not in (verb, verb.head) or name.ent_iob_ != "B":
        return None
    after = _entity_tokens(name)[-1].i + 1
    return name if after >= subject.sent.end or doc[after].is_punct else None


def _gerund_start(verb: Token) -> Token | None:
    """"en précisant", "tout en ajoutant": the first word of a gerund."""
    doc = verb.doc
    if verb.i < 1 or doc[verb.i - 1].lower_ != "en" or "Part" not in verb.morph.get("VerbForm") or "Pres" not in verb.morph.get("Tense"):
        return None
    return doc[verb.i - 2] if verb.i >= 2 and doc[verb.i - 2].lower_ == "tout" else doc[verb.i - 1]


def _cue_above(verb: Token, lexicon: Lexicon) -> Token | None:
    """The nearest cue verb a word hangs under, however deep the parser put it."""
    token = verb
    while token.head != token:
        token = token.head
        if token.pos_ == "VERB" and token.i < verb.i and cue_lemma(token, lexicon) in lexicon.cue_verbs:
            return token
    return None


def _name_after_descriptor(head: Token, lexicon: Lexicon) -> Token | None:
    """"l'ONG Human Rights Watch", "l'organisation américaine Amnesty
    International": the name an organisation's descriptor introduces (not a
    title's: "le porte-parole, X" is found by title)."""
    if head.pos_ != "NOUN" or head.lemma_.lower() in lexicon.title_nouns:
        return None
    for child in head.rights:
        if child.dep_ in ("appos", "nmod", "flat:name") and child.ent_type_ == "ORG" and not any(c.dep_ == "case" for c in child.children):
            if all(t.dep_ == "amod" for t in head.doc[head.i + 1 : child.i] if t.head == head):
                return child
    return None


def _entity_tokens(name: Token) -> list[Token]:
    """The words of the name an entity token is in, however the parser split it."""
    start, end = name.i, name.i + 1
    while start > 0 and name.doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(name.doc) and name.doc[end].ent_iob_ == "I":
        end += 1
    return list(name.doc[start:end])


def _quote_before(verb: Token, content: list[Token]) -> list[Token]:
    """"a jugé « crédibles » les informations", "a appelé « toutes les parties » à cesser":
    quoted words between the cue and its content are said, however the parser hung them."""
    doc = verb.doc
    if not content or content[0].i - 2 <= verb.i or doc[verb.i + 1].text not in ("«", "“") or doc[content[0].i - 1].text not in ("»", "”"):
        return []
    words = list(doc[verb.i + 1 : content[0].i])
    # (not how it was said: "a condamné « avec la plus grande fermeté » l'attaque")
    return words if sum(t.text in ("«", "“", "»", "”") for t in words) == 2 and words[1].pos_ != "ADP" else []


def _content_tokens(sent: Span, verb: Token, content_children: list[Token], clause: set[int]) -> list[Token]:
    after = [c for c in content_children if c.i > verb.i]
    if after:
        start = min(c.left_edge.i for c in after)
        # "estime que plus de six mille personnes ont fui", the number parsed off the clause: all after "que";
        # "a annoncé sur son compte Telegram que ...": where it was said comes before "que"
        clause_start = min((c.left_edge.i for c in after if c.dep_ == "ccomp"), default=start)
        that = next((t for t in sent.doc[verb.i + 1 : max(start, clause_start + 1)] if t.lower_ in THAT and t.pos_ == "SCONJ"), None)
        start = that.i + 1 if that is not None else start
        end = max(verb.right_edge.i, *(c.right_edge.i for c in after))
        content = [t for t in sent.doc[start : end + 1] if t.i not in clause and not t.is_space]
    else:
        # inverted: "« ... », a déclaré X" -- the content stands around the clause
        content = [t for t in sent if t.i not in clause and not t.is_space]
    while content and (
        (content[0].pos_ == "SCONJ" and content[0].lower_ in ("que", "qu'", "qu’"))
        or content[0].lemma_.lower() in french_cues().time_nouns
    ):
        content = content[1:]  # "a affirmé (dimanche) que ...": the day and the conjunction belong to the cue
    return content


def find_according_to(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """"selon X", "d'après X": the phrase and its commas are the clause."""
    cues = french_cues()
    found = []
    for token in sent:
        if token.dep_ != "case" or token.i in quoted:
            continue
        following = sent.doc[token.i + 1] if token.i + 1 < len(sent.doc) else None
        cue = [token]
        learned = _learned_from(token, cues)
        if _source_phrase(token, cues):
            cue = list(sent.doc[token.i : token.head.i + 1])  # "De source sécuritaire, ...", "De même source, ..."
        elif learned is not None and token.head.head.lower_ == "auprès":
            cue = [token.head.head, token]  # "a-t-on appris auprès de l'armée"
        elif token.lower_ not in cues.according_to and not _opinion_opener(token, cues, lexicon):
            if following is None or token.lower_ + following.lower_ not in cues.according_to:
                continue
            cue = [token, following]
        if learned is not None and cue != [token]:
            cue = [learned, *cue]  # the cue is the learning: "appris auprès de", "appris de source"
        named = token.head
        # "les accusations selon lesquelles ...": what the claim said, not who
        if named.pos_ not in ("NOUN", "PROPN", "PRON") or bare(named) in cues.no_source_subjects or named.lower_ in RELATIVE:
            continue
        mention = _phrase_after(token, named)
        author = _author(named, lexicon)
        if mention and author is not None and author.right_edge.i > mention[-1].i:
            mention = list(sent.doc[mention[0].i : author.right_edge.i + 1])  # "un décompte établi par une ONG"
        # "d'après des sources jointes par Jeune Afrique, ...": what describes them up to the comma
        described = set()
        for follower in sent.doc[mention[-1].i + 1 : sent.end] if mention else []:
            if follower.text == "," or follower not in list(named.subtree):
                break
            described.add(follower.i)
        # "D'après l'organisation Acled, qui recense les violences, ...": the aside on the source is no part of what it said
        for aside in (c for c in named.children if c.dep_ == "acl:relcl" and mention and c.i > mention[-1].i):
            described |= set(range(mention[-1].i + 1, aside.right_edge.i + 1))
        clause = _contiguous({t.i for t in cue} | {t.i for t in mention} | described, token.i)
        if learned is not None:
            clause |= set(range(_incise_start(learned).i, token.i))  # ", a-t-on appris", ", a appris l'AFP": the outlet's, not said
        for neighbour in (min(clause) - 1, max(clause) + 1):
            if sent.start <= neighbour < sent.end and sent.doc[neighbour].text == ",":
                clause.add(neighbour)
        clause |= _impersonal_relay(sent, max(clause) + 1, lexicon) | _impersonal_incise(sent, min(clause), lexicon)
        item = Found(
            cue=cue,
            form="according_to",
            mention_head=author or named,
            mention=mention,
            clause=clause,
            content=[t for t in sent if t.i not in clause and not t.is_space],
        )
        if author is not None:
            item.speaker = mention_tokens(author)  # "selon un communiqué de l'armée": the army speaks
        elif (name := _name_after_descriptor(named, lexicon)) is not None:
            item.mention_head, item.speaker = name, _entity_tokens(name)  # "selon l'ONG Human Rights Watch (HRW)"
        found.append(item)
    return found


def _opinion_opener(case: Token, cues: FrenchCues, lexicon: Lexicon) -> bool:
    """"Pour l'ONU, ...", "Pour lui, ...": a sentence opening on a speaker (a
    name, a body, a title; not "Pour les habitants", whom something is for) and a
    comma, before a clause of its own."""
    named, doc = case.head, case.doc
    if case.lower_ not in cues.opinion_openers or case.i != case.sent.start or named.i > case.i + 4:
        return False
    end = named.right_edge.i + 1
    if end >= case.sent.end or doc[end].text != "," or not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[end : case.sent.end]):
        return False
    speaker = named.ent_type_ in ("ORG", "PERSON") or named.pos_ == "PROPN" or bare(named) in lexicon.speaker_pronouns | {"eux", "elles"}
    return speaker or named.lemma_.lower() in lexicon.title_nouns or (named.lower_ not in lexicon.witness_nouns and _can_speak(named, lexicon) and named.pos_ == "NOUN" and lexicon.type_of([named.lemma_.lower()]) not in (None, "witness"))


def _impersonal_relay(sent: Span, start: int, lexicon: Lexicon) -> set[int]:
    """"De source sécuritaire, on indique que ...": the words by which nobody
    in particular passes on what the source said, not part of it."""
    doc = sent.doc
    if start + 2 < sent.end and doc[start].lower_ == "on" and cue_lemma(doc[start + 1], lexicon) in lexicon.cue_verbs and doc[start + 2].lower_ in THAT:
        return {start, start + 1, start + 2}
    return set()


def _impersonal_incise(sent: Span, end: int, lexicon: Lexicon) -> set[int]:
    """"Deux soldats ont été tués, indique-t-on de source militaire": the inverted
    "on" passing the source's words on, with its comma, is no part of them."""
    doc, start = sent.doc, end - 1
    if start <= sent.start or doc[start].lower_ != "-on":
        return set()
    start -= 1 + (doc[start - 1].lower_ == "-t")
    if start < sent.start or cue_lemma(doc[start], lexicon) not in lexicon.cue_verbs:
        return set()
    return set(range(start - (start > sent.start and doc[start - 1].text == ","), end))


def _learned_from(case: Token, cues: FrenchCues) -> Token | None:
    """The verb "apprendre" a source phrase hangs on ("..., a-t-on appris de source
    médicale", "a appris l'AFP auprès de l'armée"): the outlet learned it from the source."""
    verb = case.head.head
    if verb.lower_ == "auprès" or (verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "obj"):
        verb = verb.head  # "auprès de X"; "a appris l'AFP de source ...", parsed with the source on the outlet
    if verb.lemma_.lower() in cues.time_nouns and verb.dep_ == "obj":
        verb = verb.head  # "a-t-on appris lundi auprès de X", parsed with X on the day
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues.learning_verbs:
        return None
    # only the incise after what was learned ("L'AFP a appris auprès de X que ..." is the outlet's own report)
    start = _incise_start(verb)
    return verb if start.i > verb.sent.start and start.doc[start.i - 1].text == "," and verb.i < case.i else None


def _incise_start(verb: Token) -> Token:
    """The first word of a verb group, its inverted "-t-on" included ("a-t-on appris")."""
    first = _group_start(verb)
    while first.i > verb.sent.start and (first.doc[first.i - 1].pos_ == "AUX" or first.doc[first.i - 1].text.startswith("-")):
        first = first.doc[first.i - 1]
    return first


def _source_phrase(case: Token, cues: FrenchCues) -> bool:
    """"de source(s) X" without an article: an anonymous source named by its kind
    (not "vérifiée de source indépendante": checked by nobody named)."""
    noun = case.head
    return (
        case.lower_ in ("de", "d'")
        and (noun.i == case.i + 1 or (noun.i == case.i + 2 and case.doc[case.i + 1].lower_ == "même"))  # "de même source"
        and noun.lemma_.lower() in cues.according_to_nouns
        and any(c.dep_ == "amod" and not c.lower_.startswith("indépendant") for c in noun.children)
    )


def _phrase_after(case: Token, named: Token) -> list[Token]:
    """The noun phrase a preposition introduces, without the clause the
    parser may have hung on it ("Selon X, ce sont ..." parsed with X as the
    root): up to the first comma, a name in apposition included."""
    doc = case.doc
    ids = {t.i for t in mention_tokens(named)} - {case.i}
    end = case.i + 1
    names = {t.i for e in doc.ents if e.label_ == "PERSON" for t in e}
    depth = 0  # "selon l'Agence nationale d'information (ANI, officielle)"
    while end in ids or (end in names and end - 1 in names):
        depth += {"(": 1, ")": -1}.get(doc[end].text, 0)
        if doc[end].text == "," and end + 1 not in names and depth <= 0:
            break  # "selon le chef de l'OSDH, Rami Abdel Rahmane,": the name belongs to it
        end += 1
    return [t for t in doc[case.i + 1 : end] if not (t.dep_ == "fixed" and t.head == case)]


def _author(noun: Token, lexicon: Lexicon) -> Token | None:
    """The author of a document noun: "un communiqué de l'armée", "l'analyse
    menée par le commandement"."""
    if noun.lemma_.lower() not in lexicon.document_nouns:
        return None
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.publishing_verbs:
            agent = next((c for c in child.children if c.dep_ == "obl:agent"), None)
            # "un décompte établi par une ONG", the agent parsed on the document
            agent = agent or next((c for c in noun.children if c.dep_ == "nmod" and c.i > child.i
                                   and any(k.dep_ == "case" and k.lower_ == "par" for k in c.children)), None)
            if agent is not None:
                return agent
        if child.dep_ == "nmod" and any(c.lower_ in ("de", "du", "des", "d'") for c in child.children if c.dep_ == "case"):
            if child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON") or child.lemma_.lower() in lexicon.title_nouns:
                return child
    return None


def find_mistagged_cues(sent: Span, lexicon: Lexicon, quoted: set[int], verbs: list[Found]) -> list[Found]:
    """"Le Jihad islamique dément toute implication" with "dément" tagged as an
    adverb; "... estime que ..., et juge que ..." with "juge" as a noun: the
    speaker is the noun phrase just before (or the speaker of the cue this one
    is coordinated with), the content runs to the end of the clause."""
    cues = french_cues()
    found = []
    for token in sent:
        lemma = cues.mistagged_cues.get(token.lower_)
        if lemma is None or token.pos_ in ("VERB", "AUX") or token.i in quoted or token.i == sent.start:
            continue
        before = sent.doc[token.i - 1]
        if before.lower_ in ("et", "puis") and verbs:
            previous = verbs[-1]
            head, mention = previous.mention_head, previous.mention
        elif before.pos_ in ("NOUN", "PROPN", "ADJ") and not before.is_punct:
            head = before if before.pos_ != "ADJ" else before.head
            if head.pos_ not in ("NOUN", "PROPN") or head.i > before.i:
                continue
            mention = [t for t in sent.doc[head.left_edge.i : before.i + 1] if not t.is_punct and not (t.dep_ == "mark" and t.i < head.i)]
        elif before.text == "," and _described_before(before) is not None:
            # "David Lemieux, qui avait participé à un rassemblement, juge que ...": who the aside describes
            head, aside = _described_before(before)
            mention = [t for t in sent.doc[head.left_edge.i : aside.left_edge.i] if not t.is_punct]
        elif before.lower_ == "qui" and token.i - 2 > sent.start:
            # "Kigali, qui dément soutenir le M23": the noun the relative pronoun stands for
            head = sent.doc[token.i - 2]
            head = sent.doc[head.i - 1] if head.text == "," else head
            if head.pos_ not in ("NOUN", "PROPN"):
                continue
            mention = [t for t in sent.doc[head.left_edge.i : head.i + 1] if not t.is_punct]
        else:
            continue
        if not _can_speak(head, lexicon):
            continue
        end = token.i + 1
        while end < sent.end and sent.doc[end].text not in (",", ";", ".", "!", "?"):
            end += 1
        content = [t for t in sent.doc[token.i + 1 : end] if not t.is_space]
        while content and content[0].pos_ == "SCONJ":
            content = content[1:]
        said_before = [v for v in verbs if v.cue[0].i < mention[0].i]
        if not content and said_before and _what_before(mention[0]):
            # "Kiev accuse X d'avoir ..., ce que Moscou dément": what was said before "ce que"
            content = [t for t in said_before[-1].content if t.i < mention[0].i - 2]
            while content and content[-1].is_punct:
                content.pop()
            said_before[-1].content = content  # and the first claim ends there too: ", ce que X dément" is X's
        if not content:
            continue
        clause = {t.i for t in mention} | {token.i} | ({before.i} if before.lower_ in ("et", "puis", "qui") else set())
        found.append(
            Found(
                cue=[token],
                form="verb",
                mention_head=head,
                mention=mention,
                clause=clause,
                content=content,
                stance="denies" if lemma in lexicon.denial_verbs else "asserts",
                act=lexicon.act_of(lemma),
            )
        )
    return found


def _names_what(verb: Token) -> bool:
    """"dans ce qu'il a appelé un massacre": the verb's object is the relative
    pronoun and it gives that a name, inside someone's words; it says nothing
    of its own ("ce que Moscou dément" names nothing: a denial)."""
    relative = any(c.dep_ == "obj" and c.pos_ == "PRON" and "Rel" in c.morph.get("PronType") for c in verb.children)
    return relative and any(c.dep_ in ("obj", "xcomp", "obl:arg") and c.pos_ != "PRON" for c in verb.children)


def _described_before(comma: Token) -> tuple[Token, Token] | None:
    """The noun and the aside that a comma closes ("David Lemieux, qui avait
    participé à ...,"): a relative clause or apposition set after a name."""
    aside = comma.doc[comma.i - 1]
    while aside.dep_ not in ("acl:relcl", "appos") and aside.head.i != aside.i:
        aside = aside.head
    head = aside.head
    if aside.dep_ in ("acl:relcl", "appos") and head.pos_ in ("NOUN", "PROPN") and head.i < aside.i < comma.i:
        return head, aside
    return None


def _what_before(first: Token) -> bool:
    """"ce que" (or "ce qu'") just before a mention: it stands for what was said before."""
    doc = first.doc
    return first.i >= 2 and doc[first.i - 1].lower_ in ("que", "qu'", "qu’") and doc[first.i - 2].lower_ == "ce"


THAT = ("que", "qu'", "qu’")


def _clause_on_document(verb: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(document, clause) of "a déclaré (mardi) dans un communiqué que ...", where the
    parser hangs the que-clause on the document noun, not on the cue."""
    for child in verb.children:
        if child.dep_.startswith("obl") and child.lemma_.lower() in lexicon.document_nouns:
            for clause in child.children:
                if clause.dep_ in ("acl", "acl:relcl") and any(m.dep_ == "mark" and m.lower_ in THAT for m in clause.children):
                    return child, clause
    return None


def _closing_reply(sent: Span, lexicon: Lexicon, quoted: set[int]) -> Found | None:
    """", ce que le Rwanda dément", ", ce que dément Kigali", ", ce qu'a démenti
    Moscou", ", des accusations rejetées par le M23": another's denial, at the
    end of a sentence, of what the sentence said. Read off the words: the
    parser takes "dément" for an adverb, "Rwanda" for the head of the clause."""
    words = [t for t in sent if not t.is_space]
    mistagged = french_cues().mistagged_cues
    for n, comma in enumerate(words[:-3]):
        first, second = words[n + 1], words[n + 2]
        if comma.text != ",":
            continue
        if first.lower_ == "ce" and second.lower_ in THAT:
            pointer = [first]  # "ce" stands for what was said
        elif first.pos_ == "DET" and second.lemma_.lower() in lexicon.claim_nouns:
            pointer = [first, second]
        else:
            continue
        rest = words[n + 3 :]
        verb_at = next((k for k, t in enumerate(rest) if t.i not in quoted and
                        (cue_lemma(t, lexicon) in lexicon.denial_verbs or mistagged.get(t.lower_) in lexicon.denial_verbs)), None)
        if verb_at is None:
            continue
        before, after = rest[:verb_at], [t for t in rest[verb_at + 1 :] if not t.is_punct]
        if any(t.pos_ == "VERB" for t in before + after):
            continue
        # the denier before the verb ("ce que le Rwanda dément"), else after it ("ce que dément Kigali", "rejetées par le M23")
        named = [t for t in before if t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON")]
        mention = named if any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in named) else [t for t in after if t.pos_ in ("DET", "PROPN", "NOUN", "ADJ")]
        head = next((t for t in reversed(mention) if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if head is None:
            continue
        cue = [t for t in before if t.pos_ == "AUX"] + [rest[verb_at]]
        return Found(cue=cue, form="verb", mention_head=head, mention=mention,
                     clause={t.i for t in words[n:]} - {t.i for t in pointer}, content=pointer, stance="denies", act="denies")
    return None


def find_in_sentence(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """All attributions of one sentence, nested ones folded in: a cue inside
    another's content is its own claim, relayed by the outer speaker when
    reported by it, merely cut out of it otherwise ("..., dénonçant ...");
    "selon X" at the edge of a sentence with a speaker names the channel."""
    verbs = find_verb_cues(sent, lexicon, quoted)
    verbs += find_mistagged_cues(sent, lexicon, quoted, verbs)
    according = find_according_to(sent, lexicon, quoted)
    edge = _last_word(sent)
    for acc in list(according):
        inside = [v for v in verbs if acc.cue[0] in v.content]
        if inside and acc.mention_head.pos_ == "PRON":
            # "un écocide dont l'ampleur dépasse, selon lui, ...": the speaker again
            for verb in inside:
                verb.content = [t for t in verb.content if t.i not in acc.clause]
            according.remove(acc)
        # (not a cue of the aside on the source: "selon les autorités, qui évoquent ...")
        elif (outside := [v for v in verbs if v.cue[0].i not in acc.clause]) and (min(acc.clause) <= sent.start + 1 or max(acc.clause) >= edge):
            for verb in outside:
                verb.relay = verb.relay or acc
            according.remove(acc)
    candidates = verbs + according
    reply = _closing_reply(sent, lexicon, quoted)
    if reply is not None:
        # what the others say ends before the reply, whatever the parser hung on what
        told = reply.clause | {t.i for t in reply.content}
        candidates = [f for f in candidates if f.anchor.i not in told] + [reply]
        for found in candidates[:-1]:
            found.content = [t for t in found.content if t.i not in told]
    results = []
    for item in candidates:
        outer = [o for o in candidates if o is not item and item.cue[0] in o.content]
        # a cue coordinated with the outer one's content by the same speaker ("ont démenti viser des
        # civils et estimé que ...", the parser hanging "estimé" on "viser") is a claim of its own
        reported = [
            o for o in outer
            if _reported_by(item.cue[0], o.cue[0], FRENCH_COMPLEMENT_DEPS)
            and not (item.cue[0].dep_ == "conj" and o.mention_head == item.mention_head)
        ]
        if reported and item.relay is None and item.mention_head.pos_ != "PRON":
            item.relay = reported[0]
        for other in outer:
            if other not in reported or item.mention_head.pos_ == "PRON":
                side = subtree_ids(item.anchor) | {t.i for t in item.cue} if item.form != "according_to" else item.clause
                if _cue_coordinated_into_content(item.cue[0]) is not None:
                    side = side | {t.i for t in item.content}
                if item.cue[0].pos_ not in ("VERB", "AUX"):  # a mistagged cue: its words are its own
                    side = side | item.clause | {t.i for t in item.content}
                other.content = [t for t in other.content if t.i not in side]
        relays = any(c is not item and c.relay is item for c in candidates)
        # "Witnesses said they saw", "raconte avoir vu": the speaker again, one claim
        folded = reported and (item.mention_head.pos_ == "PRON" or any(o.mention_head == item.mention_head for o in reported))
        if not relays and not folded:
            results.append(item)
    for item in results:
        hidden = set(item.clause) | (item.relay.clause if item.relay is not None else set())
        item.content = [t for t in item.content if t.i not in hidden]
        item.content = _without_added_statement(_without_place_label(item.content, lexicon))
    return [item for item in results if any(t.is_alpha or t.like_num for t in item.content)]


def _without_added_statement(content: list[Token]) -> list[Token]:
    """", dont plus de 17.000 que les autorités s'employaient à évacuer": a
    "dont" clause with a subject and verb of its own adds another statement
    about part of what was counted; the claim ends before it (", dont sept
    enfants", ", dont 68 % sur la rive gauche", ", dont la plupart ont fui"
    break the count down and stay)."""
    for n, t in enumerate(content[1:], 1):
        if t.lower_ == "dont" and content[n - 1].text == "," and any(
                v.pos_ in ("VERB", "AUX") and "Fin" in v.morph.get("VerbForm")
                and any(c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ in ("NOUN", "PROPN") and t not in c.subtree for c in v.children)
                for v in content[n + 1:]):
            return content[: n - 1]
    return content


def _without_place_label(content: list[Token], lexicon: Lexicon) -> list[Token]:
    """A headline's place label is no part of what is said: "Gaza : au moins 19 morts, selon X"."""
    colon = next((n for n, t in enumerate(content[:6]) if t.text == ":"), None)
    if colon and " ".join(t.text for t in content[:colon]).casefold() in lexicon.places:
        return content[colon + 1 :]
    return content
