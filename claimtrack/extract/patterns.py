"""Dependency patterns: where a parsed sentence attributes something, to whom.

Each finder returns `Found` records holding token indices; the document pass
(`extract/extractor.py`) turns them into resolved `Attribution`s."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon

ADJACENT_MODIFIERS = {"aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "punct"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd"}
FIRST_AND_SECOND_PERSON = {"i", "we", "you"}
PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its"}  # resolved as he, she, they, it
RELATIVE_PRONOUNS = {"who", "which", "that"}


@dataclass
class Found:
    """A cue and its source mention in one sentence, before resolution."""

    cue: list[Token]
    form: str  # "verb", "perception", "according_to", "noun"
    mention_head: Token | None
    mention: list[Token]
    clause: set[int]  # token indices that belong to the attribution itself
    content: list[Token] = field(default_factory=list)
    stance: str = "asserts"
    act: str = "asserts"
    addressee: Token | None = None
    relay: Found | None = None
    speaker: list[Token] | None = None  # the author inside a document mention

    @property
    def anchor(self) -> Token:
        """The cue word the others hang on: "finds" of "a poll finds", "say" of "did not say"."""
        ids = {t.i for t in self.cue}
        return next((t for t in self.cue if t.head.i not in ids or t.head == t), self.cue[0])


def subtree_ids(token: Token) -> set[int]:
    # a projective subtree is the range between its edges: no walk, no Token
    # per word (a walk down "X said Y said Z said ..." is quadratic in Python)
    left, right = token.left_edge.i, token.right_edge.i
    if right - left + 1 == _subtree_size(token):
        return set(range(left, right + 1))
    # a walk down the children: Token.subtree nests one generator per level,
    # so each token costs its depth
    ids, todo = {token.i}, [token]
    while todo:
        for child in todo.pop().children:
            ids.add(child.i)
            todo.append(child)
    return ids


# per parsed doc, how many tokens each token's subtree holds (0: not counted
# yet); each token is counted once, in 4 bytes
_SUBTREE_SIZES: WeakKeyDictionary[Doc, array] = WeakKeyDictionary()


def _subtree_size(token: Token) -> int:
    doc = token.doc
    sizes = _SUBTREE_SIZES.get(doc)
    if sizes is None:
        sizes = _SUBTREE_SIZES[doc] = array("i", bytes(4 * len(doc)))
    todo = [(token, False)]
    while todo:  # children first, without recursion (trees can be deep)
        node, children_done = todo.pop()
        if sizes[node.i]:
            continue
        if children_done:
            sizes[node.i] = 1 + sum(sizes[c.i] for c in node.children)
        else:
            todo.append((node, True))
            todo.extend((c, False) for c in node.children if not sizes[c.i])
    return sizes[token.i]


LOCATIVE = {"at", "in", "on", "near", "inside", "outside", "across", "around", "during"}
CLAUSE_DEPS = ("relcl", "acl", "advcl")


def mention_tokens(head: Token, people_nouns: frozenset[str] = frozenset()) -> list[Token]:
    """The words naming a source: the noun phrase without clauses hung on it,
    and for people without where they stand ("An AP reporter at the scene"
    names "An AP reporter"; "the Ministry of Health in Gaza" keeps Gaza)."""
    personal = head.ent_type_ == "PERSON" or head.lemma_.lower() in people_nouns
    dropped = {
        t.i
        for c in head.children
        if c.dep_ in CLAUSE_DEPS
        or (personal and c.dep_ == "prep" and c.lower_ in LOCATIVE)
        or (personal and c.dep_ == "appos" and not _describes_person(c, people_nouns))
        for t in c.subtree
    }
    tokens = [t for t in head.subtree if t.i not in dropped and not t.is_space]
    tokens = _name_split_before(head, tokens) + tokens
    tokens += _parenthetical_after(tokens)
    while tokens and tokens[0].dep_ == "case" and tokens[0].head == head:
        tokens.pop(0)  # UD: "à RFI" names RFI
    while tokens and tokens[0].is_punct and (
        tokens[0].text not in "“\"«(" or not any(t.text in "”\"»)" for t in tokens[1:])
    ):
        tokens.pop(0)
    # trailing commas, and a quote mark opening what follows the mention
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        opened = sum(t.text in "“\"«" for t in tokens[:-1]) % 2 == 1
        if tokens[-1].text in "”\"»" and opened:
            break
        tokens.pop()
    return tokens


def _name_split_before(head: Token, tokens: list[Token]) -> list[Token]:
    """The first words of a name the parser split into siblings of its last
    ("Hayat Tahrir al-Sham said": "Tahrir", "al", "-" each hung on "said"):
    proper nouns, and the hyphens between them, just before the mention and
    hung on what the mention's head hangs on (or on one another)."""
    if head.pos_ != "PROPN" or not tokens or head.head.i == head.i:
        return []
    doc, taken = head.doc, []
    i = tokens[0].i - 1
    while i >= 0 and (doc[i].pos_ == "PROPN" or (doc[i].text == "-" and taken)) and (
            doc[i].head.i in (head.head.i, head.i) or doc[i].head.i in {t.i for t in taken}):
        taken.insert(0, doc[i])
        i -= 1
    while taken and not (taken[0].pos_ == "PROPN" and taken[0].head.i != taken[0].i):
        taken.pop(0)
    return taken


def _describes_person(appos: Token, people_nouns: frozenset[str]) -> bool:
    """"a resident of Aleppo", "64" (an age) describe a person; "about 60 km
    west of El Fasher" only says where they are."""
    if appos.pos_ == "PROPN" and appos.ent_type_ not in ("GPE", "LOC") and all(t.pos_ == "PROPN" for t in appos.subtree):
        return True  # a name, whatever entity the recogniser took it for ("the ambassador, Vassily Nebenzia")
    return appos.like_num or appos.ent_type_ == "PERSON" or any(
        t.lemma_.lower() in people_nouns for t in appos.subtree
    )


def _parenthetical_after(tokens: list[Token]) -> list[Token]:
    """"(OCHA)" that the parser hung elsewhere still belongs to the name."""
    if not tokens:
        return []
    doc = tokens[-1].doc
    end = tokens[-1].i
    if tokens[-1].text == "(" and end + 2 < len(doc) and doc[end + 2].text == ")":
        return [doc[end + 1], doc[end + 2]] if doc[end + 1] not in tokens else [doc[end + 2]]
    if end + 3 < len(doc) and doc[end + 1].text == "(" and doc[end + 3].text == ")" and doc[end + 2].text.isupper():
        return [doc[end + 1], doc[end + 2], doc[end + 3]]
    if len(tokens) >= 2 and tokens[-2].text == "(" and end + 1 < len(doc) and doc[end + 1].text == ")":
        return [doc[end + 1]]
    return []


def subject_of(verb: Token, quoted: set[int] = frozenset(), cues: frozenset[str] = frozenset()) -> Token | None:
    """The speaker of a cue verb (an agent "by X" for a passive).

    Of several subjects the parser offers, the one outside quotes and nearest
    the verb speaks: in '"The enemy attacked," the air force said' it is not
    the enemy."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # a scare-quoted subject (the "governor") still speaks if nobody else does
    subjects = [c for c in subjects if c.i not in quoted] or subjects
    # "a photographer who visited al-Ahli saw": the parser broke the place's name after "al-"
    # and took its tail for a second subject
    subjects = [c for c in subjects if not _hyphen_tail(c, subjects)] or subjects
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    # "About 4 in 10 say ...": a poll's share, which the parser may hang on the verb as a number
    share = next((c for c in verb.children if c.dep_ == "nummod" and c.pos_ == "NUM" and c.i < verb.i), None)
    if share is not None:
        return share
    head = verb.head
    owner = _reporting_verb(head) if verb.dep_ == "conj" else None
    if owner is not None and (owner.lemma_ == verb.lemma_ or owner.lemma_ in cues):
        # "X said A and said B" / "X said A, and urged B" / "X said in a statement that A and
        # rejected B": B's cue hung on A, with nobody of its own
        return subject_of(owner, quoted, cues)
    root = verb.sent.root
    if verb.dep_ == "conj" and root.i < verb.i and root.lemma_ in cues and _after_comma_and(verb):
        # "X said Moscow knew who plans and authorizes it, and blamed Kyiv": hung deeper, still X's
        return subject_of(root, quoted, cues)
    if verb.dep_ == "conj" and verb.doc[verb.i - 1].text == ",":
        # "A blew up the dam, the Southern Command, which ..., said": no "and", a speaker the parser
        # took for another apposition
        apposed = next(
            (
                t
                for t in reversed(verb.doc[verb.sent.start : verb.i])
                if t.pos_ == "PROPN" and (t.dep_ == "appos" or (t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN")))
            ),
            None,
        )
        if apposed is not None:
            return apposed
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if head.dep_ == "relcl" and root.i < verb.i and root.lemma_ in cues:
            # "X described it as a crime that could not be tolerated and said ...": X says, not the crime
            return subject_of(root, quoted, cues)
        return subject_of(head, quoted)
    if _participle(verb) and head.pos_ in ("NOUN", "PROPN") and head.i < verb.i:
        return head  # "the super PACs supporting Kasich", "protesters calling for his release"
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and head.pos_ == "VERB":
        if head.dep_ == "ccomp" and head.head.lemma_ in cues and verb.doc[verb.i - 1].text == ",":
            # "X said A had happened, adding that B": the parser hung "adding" on A; X adds
            return subject_of(head.head, quoted, cues)
        return subject_of(head, quoted)  # "..., he told AFP, adding that ..."
    if _goes_on(verb):
        # "went on to say", "continued to call for"; "was quick to add": the subject of "was"
        return subject_of(head.head if head.pos_ == "ADJ" else head, quoted)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in ("by", "after", "before", "while", "for") and head.head.pos_ == "VERB":
        return subject_of(head.head, quoted)  # "responded by saying that ...", "apologised for saying"
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.pos_ == "VERB":
        # "X was quoted as saying that ..."
        quoted_verb = head.head
        for child in quoted_verb.children:
            if child.dep_ == "nsubjpass":
                return child
    apposed = _apposed_before(verb)
    if apposed is not None:
        return apposed
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if (
        before is not None
        and before.i not in quoted
        and before.ent_type_ in ("PERSON", "ORG")
        and (before.dep_ in ("appos", "conj", "npadvmod") or before.head.pos_ == "NOUN")
    ):
        # "..., his wife Hillary Clinton, former president Bill Clinton said", "..., town head
        # John Smith told reporters": a name the parser hung elsewhere
        return before
    if before is not None and before.is_punct and verb.i + 1 < verb.sent.end:
        named = _name_after(verb)
        if named is not None:
            return named
    return _phrase_before(verb, quoted)


def _after_comma_and(verb: Token) -> bool:
    """", and blamed", ", but denied": a verb coordinated after a comma."""
    doc = verb.doc
    return verb.i >= 2 and doc[verb.i - 1].dep_ == "cc" and doc[verb.i - 2].text == ","


def _apposed_before(verb: Token) -> Token | None:
    """"In Kherson, the mayor, Ivan Petrov, said", "A had fled, the head of
    the region, Ivan Petrov, said": the parser hung the speaker on the word
    before, as its apposition; it runs up to the cue."""
    doc = verb.doc
    for appos in doc[verb.sent.start : verb.i]:
        if appos.dep_ != "appos" or appos.like_num or not (appos.pos_ == "NOUN" or appos.ent_type_ in ("PERSON", "ORG", "NORP")):
            continue  # (a place in a list is not who speaks: "Kharkiv; Odesa; and Mykolaiv, the agency said")
        # up to the cue, only commas and what describes the speaker ("Ali Said, 52, said")
        described = {i for other in appos.head.children if other.dep_ == "appos" and other.i > appos.i for i in subtree_ids(other)}
        between = range(appos.right_edge.i + 1, verb.i)
        if all(doc[i].is_punct or i in described for i in between):
            return appos
    return None


def _hyphen_tail(subject: Token, subjects: list[Token]) -> bool:
    """Whether a subject is a piece of the name ending another subject's
    relative clause ("a photographer who visited al-Ahli"), which the parser
    cut at its hyphen."""
    doc = subject.doc
    start = subject.i
    while start > 0 and (doc[start - 1].text == "-" or not doc[start - 1].whitespace_):
        start -= 1  # back to the first piece of "al-Ahli"
    if start == 0 or not any(t.text == "-" for t in doc[start : subject.i + 2]):
        return False
    before = doc[start - 1]
    return any(
        other is not subject and before.i in subtree_ids(clause)
        for other in subjects
        for clause in other.children
        if clause.dep_ == "relcl"
    )


def _name_after(verb: Token) -> Token | None:
    """'"...," said ranking Democrat Elijah Cummings.': the name right
    after an inverted cue, where the parser made the title a verb."""
    for token in verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 8)]:
        if token.text in (",", ";", ":") or token.is_quote:
            return None
        last_of_name = token.i + 1 == len(token.doc) or token.doc[token.i + 1].pos_ != "PROPN"
        if token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG", "") and last_of_name:
            return token
    return None


def _participle(verb: Token) -> bool:
    """"the super PACs supporting Kasich": a participle after its noun."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG"


GOING_ON = {"go", "continue", "proceed", "begin", "start"}
# "was quick to point out", "is right to note": said, and how
READY = {"quick", "right", "correct", "careful", "keen", "eager", "first", "swift", "fast", "happy", "wrong"}


def _goes_on(verb: Token) -> bool:
    """"went on to say", "continued to argue", "was quick to add": said, not only meant to be."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lower_ in READY and head.dep_ == "acomp":
        return True
    return head.lemma_.lower() in GOING_ON and head.pos_ == "VERB" and verb.dep_ in ("xcomp", "advcl")


def _phrase_before(verb: Token, quoted: set[int]) -> Token | None:
    """"..., the Syrian Observatory for Human Rights said." when the parser
    hung the speaker on the content: the noun phrase between the last comma
    and a sentence-final cue."""
    doc = verb.doc
    after = [t for t in doc[verb.i + 1 : verb.sent.end] if not t.is_punct and not t.is_space]
    if any(t.dep_ not in ("npadvmod", "prep", "pobj", "det", "compound", "amod") for t in after):
        return None
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text != "," and verb.i - start < 12:
        start -= 1
    phrase = [t for t in doc[start : verb.i] if t.i not in quoted]
    if not phrase or start == verb.sent.start or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
        return None
    ids = {t.i for t in phrase}
    roots = [t for t in phrase if t.head.i not in ids]
    return roots[0] if len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN") else None


def author_of(noun: Token, lexicon: Lexicon) -> Token | None:
    """The author of a document noun: "X's report", "a report from/by/of X",
    "an OSDH report", "a report published by X"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her"):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() not in lexicon.document_nouns:
                return objects[0]
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.publishing_verbs:
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [c for c in agent.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    for child in noun.children:
        if child.dep_ == "compound" and (child.ent_type_ in ("ORG", "PERSON") or child.pos_ == "PROPN"):
            return child
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    return None


def _author_mention(author: Token) -> list[Token]:
    """The author inside a document phrase, without "from"/"'s", nor what the
    document is of, which the parser may hang on the author ("an analysis by
    the AP of a dozen videos"; "the Ministry of Health" keeps its name)."""
    subject_matter = {
        t.i
        for c in author.children
        if c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in c.children)
        for t in c.subtree
    }
    return [t for t in mention_tokens(author) if t.dep_ != "case" and t.text not in ("'s", "’s") and t.i not in subject_matter]


def is_humanlike(head: Token, lexicon: Lexicon) -> bool:
    lower = head.lemma_.lower()
    return (
        head.ent_type_ in ("PERSON", "ORG", "NORP")
        or head.lower_ in PERSONAL_PRONOUNS
        or head.lower_ == "another"
        or lower in lexicon.reporter_nouns
        or head.lower_ in lexicon.witness_nouns
        or lower in lexicon.witness_nouns
        or lower in lexicon.title_nouns
        or head.pos_ == "PROPN"
    )


def _named_agent(head: Token, lexicon: Lexicon) -> bool:
    """A person or a body for sure: a named entity, a personal pronoun, a
    title or a witness ("Gunfire echoed" has none)."""
    return (
        head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or head.lower_ in PERSONAL_PRONOUNS
        or head.lemma_.lower() in lexicon.people_nouns
    )


def _content_child(verb: Token) -> Token | None:
    for dep in ("ccomp", "xcomp"):
        for child in verb.children:
            if child.dep_ == dep:
                return child
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd") and child.pos_ not in ("PRON",):
            return child
    clause = _clause_on_modifier(verb)
    if clause is not None:
        return clause
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "against") and child.i > verb.i:
            # "warned of severe consequences": what was warned of
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "after 55 percent said so": "so" stands for what was said
    return next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "so" and c.i == verb.i + 1), None)


def _reporting_verb(clause: Token) -> Token | None:
    """The verb whose content a clause is: its head for a ccomp, the cue of
    "said in a statement that ..." for a clause the parser hung on the modifier."""
    if clause.dep_ == "ccomp":
        return clause.head
    holder = clause.head
    verb = holder.head.head if holder.dep_ == "pobj" else holder.head
    if clause.dep_ in ("acl", "ccomp") and verb.pos_ == "VERB" and _clause_on_modifier(verb) == clause:
        return verb
    return None


def _clause_on_modifier(verb: Token) -> Token | None:
    """"said overnight that ...", "denied from the start that ...": the
    that-clause the parser hung on a modifier of the cue, right after it."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in ("advmod", "npadvmod", "prep"):
            continue
        holders = [child] + [c for c in child.children if c.dep_ == "pobj"]
        for clause in (c for holder in holders for c in holder.children):
            if clause.dep_ in ("ccomp", "acl") and _that_marked(clause):
                modifier = subtree_ids(child) - subtree_ids(clause)
                if max(modifier) + 1 == clause.left_edge.i:
                    return clause
    return None


def _clause_ids(verb: Token, subject: Token, exclude: set[int], addressee: Token | None, quoted: set[int] = frozenset()) -> set[int]:
    """The attribution clause: verb, subject phrase, adjacent modifiers.
    What follows the start of the content ("saw fire from the direction of
    Sake") is content, whatever the parser hung it on; so is a quoted
    modifier ('"Not yet," said X': the parser hung "yet" on "said")."""
    content_start = min(exclude) if exclude and min(exclude) > verb.i else None
    speaker = _speaker_ids(subject, verb)
    clause = {verb.i} | speaker
    if addressee is not None:
        clause |= subtree_ids(addressee)
    first = min(clause)  # (not moved by a quote mark hung on the verb: '"In some ways ...," said X')
    for child in verb.children:
        if child.i in exclude or child.dep_ in CONTENT_DEPS:
            continue
        if content_start is not None and child.i > content_start:
            continue
        if child.dep_ in ADJACENT_MODIFIERS or child.dep_ in ("prep", "dative", "nsubjpass"):
            # a quote mark the parser made head of the quote is only itself
            ids = {child.i} if child.is_punct else subtree_ids(child)
            if child.dep_ == "prep" and ids and (min(ids) > verb.i + 6 or max(ids) < first - 1):
                continue  # a far-off attachment belongs to the content
            if not child.is_punct and ids <= quoted:
                continue
            clause |= ids
    # the speaker stays in the clause even where the parser hung it on the content
    return (clause - exclude) | speaker


def _speaker_ids(subject: Token, verb: Token) -> set[int]:
    """The speaker's words: the agent phrase ("by X"), or the subject
    without the relative clause that holds the cue ("The army, which said")."""
    agent = subject.dep_ == "pobj" and subject.head.dep_ == "agent"
    ids = subtree_ids(subject.head if agent else subject)
    if verb.i in ids:  # (also "led by X, who said": the agent holds the cue)
        ids -= subtree_ids(verb)
        ids |= {c.i for c in verb.children if c.dep_ == "nsubj"}
    return ids


def _contiguous(ids: set[int], anchor: int) -> set[int]:
    """Keep the run of indices around the anchor (a clause is one stretch)."""
    run = {anchor}
    i = anchor - 1
    while i in ids:
        run.add(i)
        i -= 1
    i = anchor + 1
    while i in ids:
        run.add(i)
        i += 1
    return run


def find_verb_cues(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    found = []
    words = [t for t in sent if not t.is_space]
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = cue_lemma(token, lexicon)
        figure_set = _figure_set(token, lexicon)
        blamed = _held_responsible(token, lexicon)
        if (
            lemma not in lexicon.cue_verbs
            and figure_set is None
            and blamed is None
            and not _document_finding(token, lexicon)
            and not _that_clause(token, lexicon)
        ):
            continue
        particle = _cue_particle(token, lemma, lexicon)
        if (
            lemma in lexicon.clause_only_cues
            and particle is None
            and not _has_clause(token, lemma)
            and not _document_finding(token, lexicon)
            and not _publishes_document(token, lexicon)
        ):
            continue  # "the army attacked the base", "plans a visit": deeds, not claims
        if any(c.dep_ == "xcomp" and _anonymity_request(c, lexicon) for c in token.children):
            continue
        if lemma in lexicon.publishing_verbs and any(_what_it_says(c, lexicon) for c in token.children if c.dep_ == "ccomp"):
            continue  # "released what it said was a call": what it says is the claim, not the release
        if lemma in lexicon.quote_only_cues and not _next_to_quote(token, quoted):
            continue
        if (
            lemma in lexicon.object_deed_cues
            and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in token.children)
            and not _has_clause(token, lemma)
            and not _next_to_quote(token, quoted)
        ):
            continue  # "Canada added its voice to the calls": a deed
        if token.i not in quoted and _passive_without_agent(token, lemma, lexicon):
            found.extend(_passive_cue(sent, token, lemma, lexicon))
            continue
        if token.i in quoted or token.dep_ in ("amod", "compound") or _reduced_passive(token, lexicon):
            continue
        if _unrealised(token, quoted) and token.dep_ != "xcomp" and not _goes_on(token):
            continue  # "would consider", "may announce": not said (yet)
        if lemma in lexicon.citing_verbs and (
            (token.dep_ in ("advcl", "acl", "xcomp") and _said_by(token.head, lexicon)) or _cites_for_according_to(token)
        ):
            continue  # "RIA, citing the ministry, said", "according to RIA, which cited ...": whom a carrier cites
        if token.dep_ == "relcl" and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children):
            continue  # "a charge officials rejected": the noun is what was rejected
        if token.dep_ == "acl" and (token.head.lemma_.lower() in lexicon.document_nouns or token.tag_ == "VBN"):
            continue  # "a report published by X": the noun is the cue; "a plan backed by X" names a plan
        if _relative_subject(token) is not None and token.head.dep_ == "dobj" and _publishes_document(token.head.head, lexicon):
            continue  # "published a report that said ...": the publisher's claim, through its report
        # a "not" inside the quote ('"Probably not," she said') negates nothing said
        negated = any(c.dep_ == "neg" and c.i not in quoted for c in token.children) and lemma not in lexicon.denial_verbs
        if negated and lemma in lexicon.perception_verbs:
            continue  # "did not see": nothing witnessed
        subject = subject_of(token, quoted, lexicon.cue_verbs)
        if subject is None or any(c.lower_ in ("no", "neither") for c in subject.children if c.dep_ in ("det", "preconj")):
            continue  # "No group has claimed responsibility"
        if subject.lower_ in ("nobody", "none", "noone"):
            continue
        head = subject
        mention = mention_tokens(subject, lexicon.people_nouns)
        cue = [token]
        if subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() in lexicon.document_nouns and _relative_subject(token) is None:
            # (not "the party's top figures, who said": people)
            # "The agency's statement said", "a poll by X shows": the agency speaks through
            # the noun, and what the document does is cue too
            author = author_of(subject, lexicon)
            if author is not None:
                head, mention, cue = author, _author_mention(author), [subject, token]
        perception = lemma in lexicon.perception_verbs
        if perception and not is_humanlike(head, lexicon):
            continue
        if lemma in lexicon.human_subject_cues and not _named_agent(head, lexicon):
            if lemma in lexicon.evidential_verbs and head is subject:
                found.extend(_evidential(sent, token, subject))
            continue
        if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ") or head.lower_ in ("there",):
            continue
        if figure_set is not None and not (_named_agent(head, lexicon) or lexicon.type_of([head.lower_])):
            continue  # "the new deaths raised the toll to 40": narration
        addressee = None
        if lemma in ("tell", "inform", "brief", "assure"):
            for child in token.children:
                if child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN", "PRON"):
                    addressee = child
                    break
        content_child = _content_child(token)
        quoting = _quoted_as_saying(token, lexicon) if lemma in lexicon.citing_verbs else None
        if quoting is not None:
            content_child = _content_child(quoting[1])
        if particle is not None and any(c.dep_ == "dobj" and c.i < particle.i for c in token.children):
            particle = None  # "attacked the mayor for his budget": whom and why, both what was said
        if particle is not None:
            cue = [token, particle]
            objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
            if particle.dep_ == "prep" and objects and (content_child is None or content_child.dep_ != "ccomp"):
                # "called for a ceasefire"; "called on Israel to withdraw": from Israel on
                content_child = objects[0]
            elif particle.dep_ == "mark":
                content_child = particle.head
        if (
            content_child is not None
            and content_child.dep_ == "dobj"
            and content_child.lemma_.lower() in lexicon.document_nouns
            and lemma in lexicon.publishing_verbs
        ):
            # "X published a report (saying) that ...": the report speaks
            said = _clause_after(content_child)
            cue = [content_child]
            if said is not None:
                if cue_lemma(said, lexicon) in lexicon.cue_verbs:
                    cue.append(said)  # "a statement saying", "a report that said": cue with its noun
                content_child = next((c for c in said.children if c.dep_ == "ccomp"), said)
        if content_child is not None and content_child.dep_ == "xcomp":
            # "urged both sides to spare civilians": whom it asks is part of what it asks
            whom = next((c for c in token.children if c.dep_ == "dobj" and c.i < content_child.i), None)
            if whom is not None and whom is not addressee:
                content_child = whom
        if content_child is not None and addressee is not None and content_child == addressee:
            content_child = next(
                (c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None
            )
        if figure_set is not None:
            content_child = figure_set[0]
        if content_child is not None and content_child.lemma_ == "be" and content_child.left_edge.lower_ == "what":
            # "(released) what it said was a call": the call is what it said
            content_child = next((c for c in content_child.children if c.dep_ in ("attr", "acomp")), content_child)
        if blamed is not None:
            content_child = blamed
        exclude = subtree_ids(content_child) if content_child is not None else set()
        if figure_set is not None:
            exclude |= subtree_ids(figure_set[1])
        clause = _clause_ids(token, subject, exclude, addressee, quoted)
        if subject.dep_ in ("appos", "conj") and subject.head.pos_ in ("NOUN", "PROPN") and subject.i < token.i:
            # "..., Southern Command, which directs the forces, said": the parser hung the
            # speaker's clause elsewhere; name to cue is the attribution
            clause |= set(range(subject.left_edge.i, token.i))
        clause = _contiguous(clause, token.i)
        stance = "denies" if lemma in lexicon.denial_verbs else "asserts"
        infinitive = any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in token.children) or (
            content_child is not None and any(c.dep_ == "xcomp" for c in content_child.children) and particle is not None
        )
        act = "accuses" if blamed is not None else lexicon.act_of(lemma, infinitive)
        if act == "demands" and particle is None and _names(token):
            act = "asserts"  # "called the strikes a war crime": a name given, not a demand
        if negated and act == "believes":
            stance = "denies"  # "does not believe the dam was hit": held not to be so
        elif negated:
            act = "intends"  # "did not respond", "did not say when": a refusal, as "declined to comment"
        if negated:  # the cue says it: "did not say", "doesn't believe"
            cue = sorted(cue + [c for c in token.children if c.dep_ in ("aux", "neg") and c.i < token.i and c.i not in quoted], key=lambda t: t.i)
        if _goes_on(token) and token.head.i < token.i:
            # "continues to accuse", "went on to say": one cue, cut whole out of a claim it is joined to
            going = [token.head] + [c for c in token.head.children if c.dep_ == "prt"]
            cue = sorted(cue + going + [c for c in token.children if c.dep_ == "aux" and c.lower_ == "to"], key=lambda t: t.i)
        own = _own_act(token, content_child, lexicon) if not negated else None
        if own is not None:
            # "said it rejected the accusations", "said it condemned the shelling": what the
            # speaker did, of what
            cue = [t for t in sent.doc[token.i : own.i + 1]]
            clause |= {t.i for t in cue}
            act, content_child = lexicon.act_of(cue_lemma(own, lexicon)), _content_child(own)
            stance = "denies" if act == "denies" else stance
        if stance == "denies" and content_child is not None and content_child.dep_ == "dobj":
            claim_clause = _clause_after(content_child)
            if content_child.lemma_.lower() in lexicon.claim_nouns and claim_clause is not None:
                clause |= {content_child.i} | {t.i for t in content_child.subtree if t.i < claim_clause.left_edge.i}
                content_child = claim_clause
        citing = _cited(token, subject, lexicon)
        if citing is not None:
            clause |= subtree_ids(citing.head)
        cue_ids = {t.i for t in cue}
        content = [t for t in _content_tokens(words, token, content_child, clause) if t.i not in cue_ids]
        after_cue = [t for t in token.subtree if t.i > token.i and not t.is_space] if token.dep_ == "relcl" else []
        # (the parser may hang the relative clause as an adverbial one)
        pointer = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS), None) if token.dep_ in ("relcl", "advcl") else None
        if pointer is not None and token.right_edge.i >= _last_word(sent) and sent.doc[pointer.i - 1].text == ",":
            # "X accuses Y of A, which Y denies": a closing "which" stands for what the
            # sentence said before it: a claim, which the reply takes up, else the deed told
            # ("Rebels took the town, which the army denied")
            told = [t for t in words if t.i < pointer.i - 1]
            content = [pointer] if any(_said_by(t, lexicon) for t in told) else told
        if content_child is None and any(not t.is_punct for t in after_cue):
            # "the bombing, which he described as deliberate": what the clause says after its cue
            # ("the war, which he once supported": the "which" itself)
            content = after_cue
            clause = {i for i in clause if i <= token.i}
        if figure_set is not None:
            content = [t for t in content if t.i in exclude]  # the figure and its value, not how it changed
        if content_child is None and _own_clause(token):
            # "The claim could not be verified, and the army did not comment": the first
            # sentence is the writer's, not what the army said
            content = [t for t in content if t.i in subtree_ids(token)]
        content = _without_where_said(content, lexicon)
        if not content and not _last_word(sent) == token.i:
            continue  # (a cue closing its sentence, as in 'He added:', introduces what follows)
        speaker = Found(
            cue=cue,
            form="perception" if perception else "verb",
            mention_head=head,
            mention=mention,
            clause=clause,
            content=content,
            stance=stance,
            act=act,
            addressee=addressee,
        )
        relative = _relative_subject(token)
        if relative is not None and head is subject:
            # "Borges, who predicted ...": "who" names the speaker in the text, the antecedent says who it is
            speaker.speaker, speaker.mention = mention, [relative]
        antecedent = _subject_above(subject, token, lexicon) if head is subject and relative is None else None
        if antecedent is not None:
            # "Israel presented a recording that it says is ...": "it" is Israel, whoever spoke before
            speaker.mention_head, speaker.speaker = antecedent, mention_tokens(antecedent, lexicon.people_nouns)
        if citing is not None:
            # "RIA, citing the defence ministry, said ...": the ministry speaks, RIA carries
            mention = mention_tokens(citing, lexicon.people_nouns)
            speaker = replace(speaker, mention_head=citing, mention=mention, relay=speaker)
        if quoting is not None:
            # "SANA quoted a military source as saying ...": the source speaks, SANA carries
            whom, saying = quoting
            speaker = replace(speaker, cue=[token, saying.head, saying], mention_head=whom,
                              mention=mention_tokens(whom, lexicon.people_nouns), relay=speaker,
                              clause=speaker.clause | subtree_ids(whom) | {saying.head.i, saying.i})
        if head.lower_ in FIRST_AND_SECOND_PERSON:
            speaker.mention_head = None  # the writer's own voice ("I think", "we know"): nobody to resolve
        found.extend(_one_per_clause(speaker, content_child))
    return found


WHERE_SAID = {"in", "via", "during"}


def _without_where_said(content: list[Token], lexicon: Lexicon) -> list[Token]:
    """What was said without a closing "in a statement (on its website)", "in an
    interview", "in its daily update", which the parser may hang on the last noun
    of what was said ("errors in the statement" keeps its statement)."""
    words = [t for t in content if not t.is_punct]
    for n, token in enumerate(content):
        # (after a bare "so": "55 percent said so in a poll" keeps where they said it)
        if token.lower_ in WHERE_SAID and token.dep_ == "prep" and n > 1 and words:
            said_in = next((c for c in token.children if c.dep_ == "pobj"), None)
            if (said_in is not None and said_in.lemma_.lower() in lexicon.document_nouns
                    and any(c.lower_ in ("a", "an", "its", "his", "her", "their") for c in said_in.children)
                    and token.right_edge.i >= words[-1].i):
                return content[:n]
    return content


def _quoted_as_saying(verb: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """(whom, saying) of "Interfax quoted the minister as saying (that) ...",
    when what follows "as saying" is a clause."""
    whom = next((c for c in verb.children if c.dep_ == "dobj"), None)
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    saying = next((c for c in as_.children if c.dep_ == "pcomp" and cue_lemma(c, lexicon) in lexicon.cue_verbs), None) if as_ else None
    if whom is None or saying is None or _content_child(saying) is None:
        return None
    return whom, saying


def _one_per_clause(found: Found, content_child: Token | None) -> list[Found]:
    """"said A, and that B": one cue, two claims; each that-clause the
    parser joined to the first is a claim of its own (B may deny what A
    does not)."""
    if content_child is None or content_child.dep_ not in ("ccomp", "acl"):
        return [found]
    # (the parser may chain the conjuncts: "A and B, and that C" hangs C on B)
    conjuncts, todo = [], [content_child]
    while todo:
        todo = [c for t in todo for c in t.children if c.dep_ == "conj" and c.i > t.i]
        conjuncts += todo
    further = sorted((c for c in conjuncts if _that_marked(c)), key=lambda c: c.i)
    if not further:
        return [found]
    parts = [subtree_ids(c) for c in further]
    # each part stops where the next begins
    parts = [part - set().union(*parts[n + 1 :]) for n, part in enumerate(parts)]
    joined = set().union(*parts)
    first = replace(found, content=[t for t in found.content if t.i not in joined])
    return [first] + [replace(found, content=[t for t in found.content if t.i in part]) for part in parts]


def _that_marked(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _subject_above(pronoun: Token, verb: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the clause a cue's "it", "he" or "she" is embedded in,
    when it can be what the pronoun stands for: a body for "it", a person
    for "he" and "she"."""
    if pronoun.lower_ not in ("it", "he", "she"):
        return None
    token = verb
    while token.head.i != token.i and token.dep_ in ("relcl", "acl", "ccomp", "advcl", "conj", "dobj", "pobj", "prep", "xcomp"):
        token = token.head
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None) if token.pos_ in ("VERB", "AUX") else None
        if subject is None:
            continue
        if subject.i > pronoun.i or subject.pos_ == "PRON":
            return None
        person = subject.ent_type_ == "PERSON" or subject.lemma_.lower() in lexicon.people_nouns
        body = subject.ent_type_ in ("ORG", "GPE", "NORP") or (subject.pos_ == "NOUN" and lexicon.type_of([subject.lower_]) is not None)
        return subject if (person if pronoun.lower_ != "it" else body and not person) else None
    return None


def _relative_subject(verb: Token) -> Token | None:
    """The "who" of "Borges, who predicted ..." (the parser's subject of a relative clause)."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS), None)


def cue_lemma(token: Token, lexicon: Lexicon) -> str:
    """The token's lemma, mended where the small model's lemmatiser drops a
    final e of a cue verb ("hoped" -> "hop")."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.cue_verbs and lemma + "e" in lexicon.cue_verbs and token.lower_.startswith(lemma + "e"):
        return lemma + "e"
    return lemma


def _said_by(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is a cue of its own, so a "citing Y" on it names its source
    ("X said, citing Y"), while on a deed it is X's claim ("X sued, citing Y")."""
    return cue_lemma(verb, lexicon) in lexicon.cue_verbs


def _cue_particle(verb: Token, lemma: str, lexicon: Lexicon) -> Token | None:
    """The particle that makes a phrasal cue: "called for", "pointed to"."""
    particles = lexicon.particles_of(lemma)
    found = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in particles and c.i > verb.i), None)
    if found is None and verb.i + 1 < len(verb.doc):
        # "calling for the US to act": the parser made "for" the mark of the clause
        after = verb.doc[verb.i + 1]
        if after.dep_ == "mark" and after.lower_ in particles and after.head.head == verb:
            return after
    return found


def _has_clause(verb: Token, lemma: str) -> bool:
    """Whether a deed-like verb reports something: a clause, or a predicate
    ("called the strikes a war crime")."""
    complements = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "oprd", "dobj", "attr")]
    if lemma == "call":  # "called the strikes a war crime": an object and what it is called
        return len(complements) >= 2 or _names(verb)
    return any(c.dep_ in ("ccomp", "xcomp") for c in complements)


def _names(verb: Token) -> bool:
    """Whether a verb gives its object a name: "called the strikes a war crime"
    (a predicate), or "calls the plan 'a disaster'" (a quote after the object,
    however the parser hung it: an apposition, a modifier, a phrase)."""
    return any(
        c.dep_ == "oprd" or (c.dep_ == "dobj" and any(t.is_quote and t.i > c.i for t in c.subtree))
        for c in verb.children
    )


def _next_to_quote(verb: Token, quoted: set[int]) -> bool:
    """Whether a quote closes just before the verb's clause or opens just
    after it ('"...," he continued' / 'he continued: "..."')."""
    doc = verb.doc
    before = [t for t in doc[max(verb.sent.start, verb.left_edge.i - 3) : verb.i] if not t.is_space]
    after = [t for t in doc[verb.i + 1 : min(verb.sent.end, verb.i + 4)] if not t.is_space]
    return any(t.i in quoted for t in before if not t.is_punct) or any(t.i in quoted for t in after if not t.is_punct)


def _anonymity_request(complement: Token, lexicon: Lexicon) -> bool:
    """"(asked) not to be named": the speaker's terms, not a claim."""
    return complement.lemma_.lower() in lexicon.anonymity_verbs and any(c.dep_ == "auxpass" for c in complement.children)


def _passive_without_agent(verb: Token, lemma: str, lexicon: Lexicon) -> bool:
    """"X is expected to resign", "X was accused of fraud": a passive cue and
    nobody saying ("were reported killed" names no attribution: reports and
    beliefs need a to-infinitive); so is a participle clause ("Asked
    whether ..., he said", "when asked about ...": the question is asked by
    nobody named)."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    if _participle_clause(verb):
        return lemma in lexicon.sourceless_passive_cues
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return False
    if lemma in lexicon.sourceless_passive_cues:
        return True
    return lemma in lexicon.passive_cues and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux") for c in verb.children
    )


def _what_it_says(clause: Token, lexicon: Lexicon) -> bool:
    """"(released) what it said was an intercepted call", "(released audio)
    that it says is a call": the publisher's own word on what it released."""
    return clause.lemma_.lower() in lexicon.cue_verbs and (
        clause.left_edge.lower_ == "what" or any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "he", "she") for c in clause.children)
    )


def _held_responsible(verb: Token, lexicon: Lexicon) -> Token | None:
    """Whom "held ... responsible" blames (the parser hangs the predicate on
    the verb or on its object), or None."""
    if verb.lemma_.lower() not in lexicon.blame_verbs:
        return None
    small_clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.lemma_.lower() in lexicon.blame_predicates), None)
    if small_clause is not None:
        return small_clause  # "holds Moscow accountable": parsed as a clause of its own
    held = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if held is None:
        return None
    predicates = [c for c in (*verb.children, *held.children) if c.dep_ in ("oprd", "acomp", "amod") and c.i > held.i]
    return held if any(p.lemma_.lower() in lexicon.blame_predicates for p in predicates) else None


def _figure_set(verb: Token, lexicon: Lexicon) -> tuple[Token, Token] | None:
    """The figure and its new value ("the toll", "at 471") of "put the toll
    at 471" (a figure stated by setting it), or None when the verb sets none."""
    if verb.lemma_.lower() not in lexicon.figure_verbs:
        return None
    # ("lowered it to 471": the figure named before)
    figure = next((c for c in verb.children if c.dep_ == "dobj" and (c.lemma_.lower() in lexicon.figure_nouns or c.lower_ == "it")), None)
    if figure is None:
        return None
    value = next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("at", "to") and c.i > figure.i and any(t.like_num for t in c.subtree)
        ),
        None,
    )
    return None if value is None else (figure, value)


def _reduced_passive(verb: Token, lexicon: Lexicon) -> bool:
    """"residents reported missing", "soldiers reported dead": a participle
    (which the tagger may take for a past) with a predicate, and no auxiliary
    nor object, says what people were reported to be."""
    deps = {c.dep_ for c in verb.children if c.pos_ != "SCONJ"}  # (a "that" the parser took for an object)
    return (
        verb.lemma_.lower() in lexicon.passive_cues
        and any(c.dep_ == "oprd" and c.pos_ in ("ADJ", "VERB") for c in verb.children)
        and not deps & {"aux", "auxpass", "dobj", "ccomp"}
    )


def _asks_whether(clause: Token) -> bool:
    """"(asked) if he was ever bullied": the question, parsed as a side clause."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)


def _participle_clause(verb: Token) -> bool:
    """A past participle heading a side clause of its own ("Asked about X, he said")."""
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ccomp") and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children)


def _evidential(sent: Span, verb: Token, subject: Token) -> list[Found]:
    """"The donors appear to have ties to ...", "the closures seem to have
    helped": a claim of the text itself, whose source is not named; the
    subject and its infinitive are the content."""
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    if infinitive is None:
        return []
    cue = sorted([verb] + [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i], key=lambda t: t.i)
    held = subtree_ids(subject) | subtree_ids(infinitive)
    content = [t for t in sent if t.i in held and not t.is_space]
    return [Found(cue=cue, form="verb", mention_head=None, mention=[], clause={t.i for t in cue}, content=content, act="believes")]


def _passive_cue(sent: Span, verb: Token, lemma: str, lexicon: Lexicon) -> list[Found]:
    """An attribution without a source: the passive and its auxiliaries are
    the cue; the subject and what completes the verb ("was asked a question
    about ...") are the content."""
    cue = sorted([verb] + [c for c in verb.children if c.dep_ in ("auxpass", "aux", "neg") and c.i < verb.i], key=lambda t: t.i)
    parts = [
        c
        for c in verb.children
        if (c.dep_ in ("nsubjpass", "xcomp", "ccomp", "prep", "oprd", "dobj") or (c.dep_ == "advcl" and _asks_whether(c)))
        and not c.is_punct
    ]
    ids = {i for part in parts for i in subtree_ids(part)}
    content = [t for t in sent if t.i in ids and not t.is_space]
    clause = {t.i for t in cue}
    return [Found(cue=cue, form="verb", mention_head=None, mention=[], clause=clause, content=content, act=lexicon.act_of(lemma))]


def _clause_after(noun: Token) -> Token | None:
    """The clause a noun introduces: "a report (saying) that ...", "reports that ..."."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i), None)


def _cited(verb: Token, subject: Token, lexicon: Lexicon) -> Token | None:
    """Whom the speaker cites: "X, citing Y, said", "X said, quoting Y"."""
    for holder in (verb, subject):
        for child in holder.children:
            if child.lemma_.lower() in lexicon.citing_verbs and child.dep_ in ("advcl", "acl", "xcomp"):
                cited = next((c for c in child.children if c.dep_ == "dobj"), None)
                if cited is not None and cited.lemma_.lower() in lexicon.document_nouns:
                    cited = author_of(cited, lexicon)  # "citing a report by X"; "citing figures": nobody
                if cited is not None:
                    return cited
    return None


def _that_clause(verb: Token, lexicon: Lexicon) -> bool:
    """"The ministry stressed that ...": a person or body and a that-clause
    attribute, whatever the verb (bar those that never report)."""
    return (
        verb.lemma_.lower() not in lexicon.not_cues
        and any(c.dep_ == "nsubj" and _named_agent(c, lexicon) for c in verb.children)
        and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)
    )


def _publishes_document(verb: Token, lexicon: Lexicon) -> bool:
    """"issued a statement saying", "released a report that": the document
    speaks (not "released a video that it says shows ...": its publisher does)."""
    return verb.lemma_.lower() in lexicon.publishing_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.document_nouns and _documents_clause(c) for c in verb.children
    )


def _documents_clause(noun: Token) -> bool:
    clause = _clause_after(noun)
    return clause is not None and (clause.dep_ != "relcl" or _relative_subject(clause) is not None)


def _document_finding(verb: Token, lexicon: Lexicon) -> bool:
    """"A report by Amnesty found that ...", "The poll shows ...": documents
    find and show what they hold; "..., a poll finds" holds the clause it closes."""
    if verb.lemma_.lower() not in lexicon.document_verbs:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.document_nouns for c in verb.children) and (
        verb.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "dobj") for c in verb.children)
    )


def _content_tokens(words: list[Token], verb: Token, content_child: Token | None, clause: set[int]) -> list[Token]:
    """`words`: the sentence bar spaces, made once per sentence rather than
    once per cue (a Token made per word per cue is quadratic in "X said Y said ...")."""
    if content_child is not None and content_child.i > verb.i:
        start, end = content_child.left_edge.i, max(verb.right_edge.i, content_child.right_edge.i)
        words = words[bisect_left(words, start, key=_index) : bisect_right(words, end, key=_index)]
    # (without a content child after the verb, the content stands before and/or after the clause)
    return [t for t in words if t.i not in clause]


def _index(token: Token) -> int:
    return token.i


def find_according_to(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    found = []
    for token in sent:
        if token.lower_ != "according" or token.i in quoted or token.i + 1 >= sent.end:
            continue
        to = token.nbor(1)
        if to.lower_ != "to":
            continue
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        named = objects[0]
        head = named
        if named.lemma_.lower() in lexicon.document_nouns:
            head = author_of(named, lexicon) or named
        clause = {token.i, to.i} | subtree_ids(named)
        carried = _phrase_attribution(sent, token, clause, [token, to], "according_to", head, named, lexicon)
        citing = [c for c in named.children if c.dep_ in ("relcl", "acl")]
        after = max(clause) + 1
        after += after < sent.end and sent.doc[after].text == ","
        if after < sent.end and sent.doc[after].tag_ == "VBG":
            citing.append(sent.doc[after])
        cited = next(
            (o for c in citing if c.lemma_.lower() in lexicon.citing_verbs and _cites_for_according_to(c) for o in c.children if o.dep_ == "dobj"),
            None,
        )
        if cited is not None:
            # "according to NBC News, which cited two officials", "according to Reuters, citing
            # hospital sources": the officials speak, the outlet carries
            carried.clause |= subtree_ids(cited.head)
            carried.content = [t for t in carried.content if t.i not in carried.clause]
            carried = replace(carried, mention_head=cited, mention=mention_tokens(cited, lexicon.people_nouns), speaker=None, relay=carried)
        found.append(carried)
    return found


def _cites_for_according_to(verb: Token) -> bool:
    """The "cited" of "according to NBC, which cited two officials", and the
    "citing" of "according to Reuters, citing sources"."""
    return _according_object(verb.head) if verb.dep_ in ("relcl", "acl") else verb.tag_ == "VBG" and _according_object(
        verb.doc[verb.i - 2 if verb.i >= 2 and verb.doc[verb.i - 1].text == "," else verb.i - 1]
    )


def _according_object(token: Token) -> bool:
    """Whether a word lies in the object of an "according to" (up to its head)."""
    for _ in range(8):
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0 and token.doc[token.head.i - 1].lower_ == "according":
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _phrase_attribution(sent: Span, anchor: Token, clause: set[int], cue, form, head, named, lexicon) -> Found:
    """An attribution made by a phrase ("according to X", "in a report by
    X"): the phrase and its commas are the clause, the rest is content."""
    clause = _contiguous(clause, anchor.i)
    for neighbour in (min(clause) - 1, max(clause) + 1):
        if sent.start <= neighbour < sent.end and sent.doc[neighbour].text == ",":
            clause.add(neighbour)
    found = Found(
        cue=cue,
        form=form,
        mention_head=head,
        mention=mention_tokens(named, lexicon.people_nouns),
        clause=clause,
        content=[t for t in sent if t.i not in clause and not t.is_space],
    )
    if head is not named:
        # "data compiled by ACLED": the document phrase is the mention, its author speaks
        found.mention = [t for t in named.subtree if t.i in clause and t.text != ","]
        found.speaker = _author_mention(head)
    return found


def find_noun_cues(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """'..., in a report published by Amnesty' / 'In a statement, the group ...'"""
    found = []
    for token in sent:
        if token.lower_ not in ("in", "per") or token.i in quoted:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in lexicon.document_nouns]
        if not objects:
            continue
        noun = objects[0]
        author = author_of(noun, lexicon)
        if _standing_in_poll(token, noun, lexicon):
            # "she trails him in the latest Quinnipiac poll": the poll says so, "in" is the cue,
            # the clause it qualifies the content
            standing = _phrase_attribution(sent, token, {token.i} | subtree_ids(token), [token], "noun", author or noun, noun, lexicon)
            within = subtree_ids(_qualified_clause(token))
            standing.content = [t for t in standing.content if t.i in within]
            found.append(standing)
        elif author is not None:
            found.append(_phrase_attribution(sent, token, {token.i} | subtree_ids(token), [noun], "noun", author, author, lexicon))
    return found


def _standing_in_poll(preposition: Token, noun: Token, lexicon: Lexicon) -> bool:
    """"leads in polls", "in the latest poll", "in most surveys": a standing
    read in a poll; not "voted in the poll" (an election)."""
    return (
        preposition.lower_ == "in"
        and _qualified_clause(preposition).pos_ in ("VERB", "AUX")
        and noun.lemma_.lower() in lexicon.poll_nouns
        and (noun.tag_ == "NNS" or any(c.dep_ != "det" for c in noun.children))
    )


def _qualified_clause(preposition: Token) -> Token:
    """The verb a phrase qualifies, also where the parser hung it on the
    verb's object ("trails the senator in the latest poll")."""
    head = preposition.head
    return head.head if head.dep_ in ("dobj", "attr") else head


def find_in_sentence(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """All attributions of one sentence, nested ones folded into relays."""
    verbs = find_verb_cues(sent, lexicon, quoted)
    according = find_according_to(sent, lexicon, quoted)
    # "X announced ..., according to Y": an "according to" at the sentence
    # edge is the channel that carried X's statement, when X made one at the
    # edge; what X plans, wants or saw "according to Y" is Y's claim
    for acc in list(according):
        at_edge = min(acc.clause) <= sent.start + 1 or max(acc.clause) >= _last_word(sent)
        speakers = [v for v in verbs if v.relay is None and v.anchor.i not in acc.clause]
        if speakers and at_edge and _carried(speakers[0], lexicon):
            # every statement of the sentence came through it ("X described A and said B, according to Y")
            for speaker in speakers:
                if _carried(speaker, lexicon):
                    speaker.relay = acc
            according.remove(acc)
        elif speakers and at_edge:
            inside = {t.i for t in acc.content}
            verbs = [v for v in verbs if v.anchor.i not in inside]
    candidates = verbs + according
    reply = _closing_reply(sent, lexicon, quoted)
    if reply is not None:
        # what the others say ends before the reply, whatever the parser hung on what
        told = reply.clause | {t.i for t in reply.content}
        candidates = [replace(f, content=[t for t in f.content if t.i not in told])
                      for f in candidates if f.anchor.i not in told] + [reply]
    # "said it denied": the inner verb is a word of the outer cue, no claim of its own
    in_other_cues = {t.i for f in candidates for t in f.cue if t.i != f.anchor.i}
    candidates = [f for f in candidates if f.anchor.i not in in_other_cues]
    # a cue reported inside another's content is the inner claim, and the
    # outer speaker relayed it; a cue merely inside a side clause ("..., while
    # officials reported ...") is a claim of its own, cut out of the other
    # "Witnesses said they saw ...": the pronoun is the speaker again, so the
    # inner cue is part of the outer claim, not a claim relayed by it; and
    # "said Moscow saw no basis": seeing inside reported speech is a view held;
    # so are beliefs, intentions, demands and findings reported by another
    # ("said the army planned to withdraw": one claim, the speaker's; only
    # statements stay claims the speaker relays), and statements not made
    # yet ("said the ministry would announce the toll")
    # what each candidate holds and which cues report each cue, found once
    # per candidate, not once per pair ("X said Y said Z said ..." is not cubic)
    held = {id(f): {t.i for t in f.content} for f in candidates}
    reporters = {id(f): _reporters(f.anchor) for f in candidates}

    def reports(outer: Found, inner: Found) -> bool:
        if outer is inner or inner.anchor.i not in held[id(outer)] or outer.anchor.i not in reporters[id(inner)]:
            return False  # (the set look-ups first: this is asked of every pair)
        # "X said A and said B": the parser may hang the second "said" on A; X makes two claims;
        # so does "X said A, and Y said B": Y's statement is no part of X's
        return not (
            inner.anchor.dep_ == "conj"
            and None not in (outer.mention_head, inner.mention_head)
            and outer.mention_head.i == inner.mention_head.i
        ) and not (_own_clause(inner.anchor) and _states(inner, lexicon))

    # a participle inside what another says describes ("said it was a call
    # between two members discussing the blast"), it claims nothing
    candidates = [f for f in candidates if not (_participle(f.anchor) and any(f.anchor.i in held[id(o)] for o in candidates))]
    candidates = [
        f
        for f in candidates
        if not (
            (
                # (the pronoun as written: "X said he had informed ..." is X's, whoever "he" is)
                (f.mention_head is not None and (f.mention[:1] and f.mention[0].pos_ == "PRON" or f.form == "perception"))
                or _thing_speaks(f, lexicon)
                or not _states(f, lexicon)
                or f.mention_head is None
                or _unrealised(f.anchor)
            )
            and any(reports(o, f) for o in candidates)
        )
    ]
    # a view, wish or intention anywhere inside what another states ("said
    # ... the woman he hopes will succeed him", "because he liked the message")
    # is part of it; not the speaker's own next act ("said A and hoped B" hung
    # on A), nor a sentence of its own (", and Y hoped B"), nor a side clause
    # set against it ("..., although he refused to ...")
    def holds(outer: Found, inner: Found) -> bool:
        return (
            outer is not inner
            and inner.anchor.i in held[id(outer)]
            and _states(outer, lexicon)
            and inner.mention_head is not None  # ("Asked whether ..., X said": asked by nobody named)
            and not (None not in (outer.mention_head, inner.mention_head) and outer.mention_head.i == inner.mention_head.i)
            and not _own_clause(inner.anchor)
            and not _set_against(inner.anchor, held[id(outer)])
        )

    candidates = [f for f in candidates if _states(f, lexicon) or not any(holds(o, f) for o in candidates)]
    results = []
    for found in candidates:
        outer = [o for o in candidates if o is not found and found.anchor.i in held[id(o)]]
        reported = [o for o in outer if reports(o, found)]
        if reported and found.relay is None:
            found.relay = reported[0]
        side, relaying = subtree_ids(found.anchor), {id(o) for o in reported}
        for other in outer:
            if id(other) not in relaying and other.anchor.i not in side:  # (not the parenthetical it holds)
                other.content = [t for t in other.content if t.i not in side]
                held[id(other)] -= side
        if not any(reports(found, f) for f in candidates):
            results.append(found)
    for found in results:
        hidden = set(found.clause)
        if found.relay is not None:
            hidden |= found.relay.clause
        found.content = [t for t in found.content if t.i not in hidden]
    taken = {i for f in results for i in f.clause | {t.i for t in f.content}}
    results += [f for f in find_nominal_cues(sent, lexicon, quoted) + find_adverb_cues(sent, lexicon, quoted) if f.cue[0].i not in taken]
    if results:
        return results
    if sent.doc.user_data.get(TITLE):
        results = find_headline_verb(sent, lexicon)
    return results or find_noun_cues(sent, lexicon, quoted)


def _headline_verb_lemma(word: Token, before: Token, lexicon: Lexicon) -> str | None:
    """The cue verb a headline word is, however tagged: "blasts", "calls",
    and the plain form after a plural ("experts rebuke")."""
    if word.pos_ not in ("NOUN", "VERB", "AUX") or not word.is_alpha:
        return None
    lower = word.lower_
    plural_subject = before.tag_ in ("NNS", "NNPS")
    forms = [lower[:-2], lower[:-1]] if lower.endswith("s") and not plural_subject else [lower] if plural_subject else []
    return next((form for form in forms if form in lexicon.cue_verbs and form not in lexicon.not_cues), None)


# set on the Doc of an article's first line by the document pass
TITLE = "claimtrack_title"


def find_headline_verb(sent: Span, lexicon: Lexicon) -> list[Found]:
    """"Clinton blasts Trump over tax plan", "Governor seeks more aid": in
    headline English the small model takes the verb for a plural noun and
    deeds for narration. A name, a cue verb in the present and what follows
    it are an attribution."""
    words = [t for t in sent if not t.is_space]
    for n, verb in enumerate(words[1:-1], 1):
        lemma = _headline_verb_lemma(verb, words[n - 1], lexicon)
        if lemma is None:
            continue
        speaker = words[:n]
        # a name (the model may tag it anything in a headline) or people; not "New emails"
        if speaker[-1].pos_ not in ("PROPN", "NOUN") or not all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART", "NUM", "PUNCT") for t in speaker) or not any(
            t.pos_ == "PROPN" or t.text[:1].isupper() or t.lemma_.lower() in lexicon.people_nouns for t in speaker
        ):
            return []
        cue = [verb]
        after = words[n + 1]
        if after.lower_ in lexicon.particles_of(lemma):
            cue.append(after)
        content = [t for t in words[n + len(cue) :] if not (t.is_punct and t.i == words[-1].i)]
        if not content:
            return []
        return [
            Found(
                cue=cue,
                form="verb",
                mention_head=speaker[-1],
                mention=speaker,
                clause={t.i for t in speaker + cue},
                content=content,
                act=lexicon.act_of(lemma),
            )
        ]
    return []


def find_nominal_cues(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """A claim named by a noun with its author and its content: "Russia's
    claim that ...", "the accusation by Hamas that ...", "the ministry's
    call for a ceasefire", "the army's decision to withdraw"."""
    found = []
    for noun in sent:
        act = lexicon.noun_act(noun.lemma_.lower())
        if noun.pos_ != "NOUN" or act is None or noun.i in quoted or any(c.lower_ == "no" for c in noun.children if c.dep_ == "det"):
            continue  # "made no mention of": nothing claimed
        author = next((c for c in noun.children if c.dep_ == "poss"), None)
        cue = [noun]
        if author is None:
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            author = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if author is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon.light_verbs:
            # "raised questions about", "made a call for": the verb's subject makes the claim the noun names
            author = subject_of(noun.head, quoted)
            cue = [noun.head, noun]
            if author is not None and author.pos_ not in ("PROPN", "NOUN") and author.lower_ not in PERSONAL_PRONOUNS - {"who"}:
                continue
            if author is not None and not is_humanlike(author, lexicon):
                author = None  # "the remarks raised questions about": asked, by nobody named
        elif author is not None and author.pos_ not in ("PROPN", "NOUN") and author.lower_ not in POSSESSIVE_PRONOUNS:
            continue  # "my claim", "whose claim": the writer's own, or nobody to resolve
        content_head = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i and _introduced(c)), None
        ) or next(
            (p for p in noun.children if p.dep_ == "prep" and p.lower_ in ("for", "of", "on", "against", "about") and p.i > noun.i), None
        )
        if content_head is None:
            continue
        content = [t for t in content_head.subtree if not t.is_space and t.i > noun.i]
        if content and content[0].dep_ == "prep":
            content = content[1:]  # "call for a ceasefire": the ceasefire is called for
        if author is None and len(cue) == 1 and not _introduced_clause(noun):
            continue  # "allegations that ...": a claim nobody named makes, with what it holds
        mention = _author_mention(author) if author is not None else []
        clause = {t.i for t in cue} | {t.i for t in mention}
        found.append(Found(cue=cue, form="noun", mention_head=author, mention=mention, clause=clause, content=content, act=act))
    return found


def find_adverb_cues(sent: Span, lexicon: Lexicon, quoted: set[int]) -> list[Found]:
    """"The commander was reportedly killed": a claim whose source is not
    named; the clause the adverb modifies is the content."""
    found = []
    for adverb in sent:
        if adverb.lower_ not in lexicon.adverb_cues or adverb.i in quoted or adverb.head == adverb:
            continue
        content = [t for t in adverb.head.subtree if t.i != adverb.i and not t.is_space and sent.start <= t.i < sent.end]
        found.append(Found(cue=[adverb], form="verb", mention_head=None, mention=[], clause={adverb.i}, content=content))
    return found


# a speaker's own act reported by its own "said": "said it denied", "said they condemned"
SELF_PRONOUNS = {"it", "he", "she", "they", "we", "i"}
OWN_ACTS = {"denies", "condemns", "accuses", "demands"}


def _own_act(verb: Token, content: Token | None, lexicon: Lexicon) -> Token | None:
    """The act verb of "X said it denied Y": a clause right after the cue whose
    subject is a pronoun for the speaker and whose verb denies, condemns, accuses or
    demands, without a negation or a modal of its own."""
    if content is None or content.dep_ != "ccomp" or content.i <= verb.i:
        return None
    if lexicon.act_of(cue_lemma(content, lexicon)) not in OWN_ACTS:
        return None
    subjects = [c for c in content.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].lower_ not in SELF_PRONOUNS:
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in content.children):
        return None
    between = verb.doc[verb.i + 1 : content.i]  # only the pronoun, "that", auxiliaries and adverbs
    if all(t.i == subjects[0].i or (t.head.i == content.i and t.dep_ in ("mark", "aux", "advmod")) for t in between):
        return content
    return None


REPLY_DETERMINERS = {"a", "an", "the", "this", "that"}


def _closing_reply(sent: Span, lexicon: Lexicon, quoted: set[int]) -> Found | None:
    """", a charge Rwanda denies", ", an accusation Kyiv rejects": a noun for
    the claim the sentence made, taken up by another's denial at its end. The
    parser hangs it anywhere (an apposition, a clause on the last name, the
    root), so it is read off the words: comma, determiner, claim noun, the
    denier's name, the denial verb, and nothing after it but when."""
    words = [t for t in sent if not t.is_space]
    for n, comma in enumerate(words[:-4]):
        det, noun = words[n + 1], words[n + 2]
        if comma.text != "," or det.lower_ not in REPLY_DETERMINERS or noun.lemma_.lower() not in lexicon.claim_nouns:
            continue
        rest = words[n + 3 :]
        # (the tagger may take "rejects" for a plural noun)
        verb_at = next((k for k, t in enumerate(rest) if cue_lemma(t, lexicon) in lexicon.denial_verbs), None)
        if not verb_at or rest[verb_at].i in quoted:
            continue
        before, after = rest[:verb_at], [t for t in rest[verb_at + 1 :] if not t.is_punct]
        if any(t.pos_ == "VERB" for t in before + after):
            continue
        mention = [t for t in before if t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PRON", "PART")]
        head = next((t for t in reversed(mention) if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if head is None:
            continue
        return Found(cue=[rest[verb_at]], form="verb", mention_head=head, mention=mention,
                     clause={t.i for t in words[n:]} - {det.i, noun.i}, content=[det, noun], stance="denies", act="denies")
    return None


def _introduced_clause(noun: Token) -> bool:
    return any(c.dep_ in ("acl", "ccomp") and c.i > noun.i and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children) for c in noun.children)


def _introduced(clause: Token) -> bool:
    """A clause saying what a noun holds: "that ..." or "to ..."."""
    return any(c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in clause.children)


# acts made in public, which a channel carries ("X condemned A, according to Y")
PUBLIC_ACTS = {"accuses", "condemns", "demands", "denies", "asks", "promises"}


def _carried(found: Found, lexicon: Lexicon) -> bool:
    """Whether an "according to Y" at the sentence's edge only carries what a
    speaker said or did in public; a view, a plan or a sighting "according to
    Y" is Y's claim."""
    return found.form != "perception" and (_states(found, lexicon) or found.act in PUBLIC_ACTS)


def _thing_speaks(found: Found, lexicon: Lexicon) -> bool:
    """"intelligence indicated", "the signals show": no person nor body; inside
    another's report it is what the reporter read in them, the reporter's claim."""
    head = found.mention_head
    return (
        head is not None
        and head.pos_ == "NOUN"
        and not is_humanlike(head, lexicon)
        and lexicon.type_of([t.lower_ for t in found.mention]) is None
    )


def _states(found: Found, lexicon: Lexicon) -> bool:
    """Whether a cue is a statement that another can carry (said, announced),
    rather than a view, a wish or a finding."""
    return found.form != "verb" or cue_lemma(found.cue[0], lexicon) in lexicon.relayed_verbs


MODALS = {"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll", "’ll", "'d", "’d", "to"}


def _unrealised(verb: Token, quoted: set[int] = frozenset()) -> bool:
    """A cue under a modal or an infinitive marker: said, or asked, only as a
    possibility ("would announce", "to say"); a modal of the quote the parser
    hung on the cue ('"... it will," said X') is not the cue's."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS and c.i not in quoted for c in verb.children)


# the dependencies of what a cue reports ("said that ... had said ...")
COMPLEMENT_DEPS = ("ccomp", "xcomp", "conj", "parataxis", "pcomp", "pobj", "prep")


def _reported_by(inner: Token, outer: Token, complements: tuple[str, ...] = COMPLEMENT_DEPS) -> bool:
    """Whether `inner` sits in what `outer` reports: a chain of complements."""
    return outer.i in _reporters(inner, complements)


def _reporters(inner: Token, complements: tuple[str, ...] = COMPLEMENT_DEPS) -> set[int]:
    """The tokens `inner` sits in what they report, in one walk up its chain of complements."""
    found = {inner.i}
    token = inner
    # "X said ..., as Y said ...": a side clause is not what X reported
    coordinated = set()
    while token.dep_ in complements:
        head = token.head  # (one Token made per step: the walk is as long as the chain)
        if head.i == token.i:
            break
        if token.dep_ == "conj":
            # "X told reporters ..., but denied ...", "X denies A and continues to accuse B":
            # two claims, the second no part of the first
            coordinated.add(head.i)
        token = head
        found.add(token.i)
    found -= coordinated
    # "Back home, X said, he decided ...": a parenthetical cue reports the clause it interrupts
    found |= {c.i for c in inner.children if c.dep_ == "parataxis"}
    return found


# conjunctions of a side clause that says when or despite what, not why
SIDE_MARKS = {"although", "though", "while", "whereas", "when", "even", "after", "before", "as", "since", "until", "once"}


def _set_against(cue: Token, held: set[int]) -> bool:
    """Whether a cue sits in a side clause of what another says ("..., although
    he refused to", "after Clinton argued", "Clinton, whom he backs"): a claim
    beside it, not in it (unlike "the woman he hopes will win")."""
    token = cue
    doc = cue.doc
    while token.i in held and token.head.i != token.i:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SIDE_MARKS for c in token.children):
            return True
        if token.dep_ == "relcl" and token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ",":
            return True
        token = token.head
    return False


def _own_clause(conjunct: Token) -> bool:
    """A conjunct with its own subject after ", and": a sentence of its own."""
    if conjunct.dep_ != "conj" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children):
        return False
    start = conjunct.left_edge.i
    doc = conjunct.doc
    return start >= 2 and doc[start - 1].dep_ == "cc" and doc[start - 2].text in (",", ";")


def _last_word(sent: Span) -> int:
    i = sent.end - 1
    while i > sent.start and (sent.doc[i].is_punct or sent.doc[i].is_space):
        i -= 1
    return i
