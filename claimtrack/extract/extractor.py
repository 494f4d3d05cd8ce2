"""One document in, attributions out.

Paragraphs that cannot hold an attribution (narration without any cue word,
crossheads, related-link lines) are never parsed: that is where ingest wins
its speed over running the whole pipeline on everything."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..figures import figures_in
from ..model import Article, Attribution, SourceRef
from ..sources.registry import Registry
from .languages import LanguagePipeline, load_pipeline
from .lexicon import Lexicon
from .patterns import TITLE, Found, mention_tokens
from .quotes import DOUBLE_APOSTROPHE, DOUBLE_APOSTROPHES, QUOTE_CHARS, QuoteIndex, has_quote_mark
from ..sources.scope import scope_generic_sources
from .frames import frame_of
from .resolve import DocumentSources, Forward, person_spans, words
from .story import add_elaborated_frames, add_story_scope
from .textacy_data import normalize_quotation_marks

TERMINAL = re.compile(r"[.!?…:;][\s\"”»’')\]]*$")
# "Army chief: ..." / 'The governor: "..."' / '"PENCE: Well, ...' (a transcript line)
LABEL_COLON = re.compile(r"^[\"“]?(?P<source>[^:\"“«]{2,60}?)\s*(?P<cue>:)(?:\s+|(?=[\"“«]))(?P<content>\S.*)$", re.S)
HEADLINE_DASH = re.compile(r"^(?P<content>.+\S)\s+(?P<cue>[-–—])\s+(?P<source>[^-–—]{2,60})$")
# '"We have lost everything." ― Amal Haddad': a quote signed after a dash
QUOTE_DASH = re.compile(r"^[\"“](?P<content>.+)[\"”]\s*(?P<cue>[-–—―])\s*(?P<source>[^-–—―\"“”]{2,60}?)[.\s]*$", re.S)
# words that make a label a topic ("Little Relief for Refugees:", "Stealth Over
# Health:") unless it names someone ("Obama on Climate Change:")
TOPIC_PREPOSITIONS = {"for", "over", "to", "on", "with", "in", "against", "from", "after", "at", "about"}
DASHES = "-–—―"
QUOTE_ENDINGS = (*QUOTE_CHARS, DOUBLE_APOSTROPHE)
# what a noun pointing back at an earlier claim may carry: "the army's accusations"
ANAPHORIC_MODIFIERS = {"det", "poss", "case", "amod", "predet", "nummod"}
RECENT_CLAIMS = 12  # how far back a reply looks for the claim it answers
CROSSHEAD_MAX_WORDS = 12


@dataclass
class Paragraph:
    start: int
    end: int
    index: int
    headline: bool


# A first line longer than this is body text, punctuated or not.
MAX_HEADLINE_WORDS = 40
# Work and memory per parse grow with its length: a paragraph longer than this
# is parsed in pieces, cut at a sentence end where it has one, else between
# words (a sentence of more than about 1,000 words is cut).
MAX_PIECE_CHARS = 6000
# Pieces per nlp.pipe batch: up to 256 (the entity model reads its stretches
# in batches large enough to be cheaper), but no more text than 64 of the
# longest pieces hold (a batch's Docs are in memory together)
PIPE_BATCH = 256
PIPE_BATCH_CHARS = 64 * MAX_PIECE_CHARS


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines, numbered in order (blank lines between paragraphs,
    as in plain-text and Markdown copy, do not count); a long one in pieces
    that share its number."""
    found, offset, number = [], 0, 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            # a first line without final punctuation is a headline
            headline = not found and not TERMINAL.search(stripped) and len(stripped.split(None, MAX_HEADLINE_WORDS)) <= MAX_HEADLINE_WORDS
            found += [Paragraph(s, e, number, headline=headline) for s, e in _pieces(text, start, start + len(stripped))]
            number += 1
        offset += len(line) + 1
    return found


def _pipe_batch(plans: list[list[Paragraph]]) -> int:
    longest = max((p.end - p.start for plan in plans for p in plan), default=1)
    return min(PIPE_BATCH, PIPE_BATCH_CHARS // longest)  # pieces are at most MAX_PIECE_CHARS: 64 or more


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_PIECE_CHARS:
        window = text[start : start + MAX_PIECE_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 1
        if cut < MAX_PIECE_CHARS // 2:
            cut = window.rfind(" ") if window.rfind(" ") > 0 else MAX_PIECE_CHARS
        yield start, start + cut
        start += cut
        while start < end and text[start].isspace():
            start += 1
    yield start, end


class Extractor:
    """Loads each language's model once, when an article in it first comes;
    turns articles into attributions. `model`: see `nlp.model_names`."""

    def __init__(self, model: str | Iterable[str] | None = None, registry_files: Iterable[str] = ()):
        self.model = model
        self.registry = Registry.load(tuple(registry_files))
        self.pipelines: dict[str, LanguagePipeline] = {}

    def pipeline(self, lang: str) -> LanguagePipeline:
        if lang not in self.pipelines:
            self.pipelines[lang] = load_pipeline(lang, self.model, self.registry)
        return self.pipelines[lang]

    def extract(self, article: Article) -> list[Attribution]:
        return next(self.extract_many([article]))[1]

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[tuple[Article, list[Attribution]]]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Article]):
        pipelines = [self.pipeline(article.lang) for article in batch]
        plans = [self._plan(article.text, pipeline) for article, pipeline in zip(batch, pipelines)]
        found: dict[int, list[Attribution]] = {}
        for pipeline in {id(p): p for p in pipelines}.values():  # each language's articles through its model
            jobs = (
                (_parse_text(article.text[p.start : p.end], pipeline if p.index == 0 else None), (n, p))
                for n, (article, plan) in enumerate(zip(batch, plans))
                if pipelines[n] is pipeline
                for p in plan
            )
            # each article's pass takes its pieces as they are parsed and drops
            # them: memory holds one batch of Docs, however long the article
            parsed = pipeline.nlp.pipe(jobs, as_tuples=True, batch_size=_pipe_batch(plans))
            for n, docs in itertools.groupby(parsed, key=lambda parse: parse[1][0]):
                found[n] = DocumentPass(pipeline, batch[n].text).run((paragraph, doc) for doc, (_, paragraph) in docs)
        for n, (article, pipeline) in enumerate(zip(batch, pipelines)):
            attributions = found[n] if n in found else DocumentPass(pipeline, article.text).run([])
            yield article, add_elaborated_frames(add_story_scope(scope_generic_sources(attributions, article), article))

    def _plan(self, text: str, pipeline: LanguagePipeline) -> list[Paragraph]:
        """The paragraphs worth parsing: a headline in an attribution form,
        body paragraphs with a cue word or a quote mark, and the narration
        paragraph before one whose speaker is a pronoun ("she" was named there)."""
        plan: list[Paragraph] = []
        narration = None
        for paragraph in paragraphs(text):
            line = text[paragraph.start : paragraph.end]
            if paragraph.headline:
                if LABEL_COLON.match(line) or HEADLINE_DASH.match(line) or pipeline.candidate.search(line):
                    plan.append(paragraph)
                continue
            body = not _is_furniture(line, pipeline.lexicon) and (
                TERMINAL.search(line) or len(line.split()) > CROSSHEAD_MAX_WORDS
            )
            if not body:
                narration = None  # crossheads, related links
            elif pipeline.candidate.search(line) or has_quote_mark(line) or LABEL_COLON.match(line):
                if narration is not None and pipeline.pronoun_speaker.search(line):
                    plan.append(narration)
                plan.append(paragraph)
                narration = None
            else:
                narration = paragraph
        return plan


# "KHARKIV, Ukraine (AP) — ", "CAIRO, March 3 (Reuters) - ", "Beirut (AFP) - ";
# and a live blog's time stamp, "16:05 - ", "06:50 GMT — "
DATELINE = re.compile(
    r"^(?:[A-Z][\w .'’,-]{1,40}?\s*\([A-Za-z][\w .&/-]{1,25}\)|\d{1,2}[:.h]\d{2}(?:\s*[A-Z]{2,4})?)\s*[-–—]+\s*"
)


def dateline_length(line: str) -> int:
    match = DATELINE.match(line)
    return match.end() if match else 0


def _parse_text(text: str, title: LanguagePipeline | None = None) -> str:
    """What the parser sees: fancy quotes as ASCII, the dateline blanked,
    runs of marks shortened and long runs without a space cut, a first line
    in Title Case (`title`: its language) in sentence case where it can
    tell, all length-preserving so every offset still indexes the article text."""
    if title is not None:
        text = _sentence_case(text, title)
    normalized = normalize_quotation_marks(text)
    if len(normalized) != len(text):
        normalized = text
    if DOUBLE_APOSTROPHE in normalized:
        normalized = DOUBLE_APOSTROPHES.sub(_as_double_quote, normalized)
    cut = dateline_length(normalized)
    shortened = MARK_RUN.sub(lambda run: run.group()[:3].ljust(len(run.group())), normalized[cut:])
    return " " * cut + LONG_RUN.sub(_cut_run, shortened)


# "Obama Seeks More Refugees As He Marks Holiday": the small model takes every
# capitalised word for a name; cue words and function words are shown in
# lower case (names stay as written)
TITLE_WORD = re.compile(r"(?<=\s)[A-Z][a-z’']+\b")
TITLE_CASE_SHARE = 0.7


def _sentence_case(line: str, pipeline: LanguagePipeline) -> str:
    words = line.split()
    if len(words) < 4 or sum(w[:1].isupper() for w in words) < TITLE_CASE_SHARE * len(words):
        return line
    lexicon = pipeline.lexicon

    def lower(word: re.Match) -> str:
        lowered = word.group().lower()
        keep = lowered not in lexicon.headline_function_words and not pipeline.candidate.fullmatch(lowered)
        return word.group() if keep or len(lowered) != len(word.group()) else lowered

    return TITLE_WORD.sub(lower, line)


def _as_double_quote(mark: re.Match) -> str:
    """"''We will,'' he said": the parser reads two apostrophes as a closing
    quote only, and starts a sentence after an opening one, so an opening
    pair is shown as ' "'; a closing one stays (a space after it would be a
    token of its own)."""
    text, end = mark.string, mark.end()
    return ' "' if end < len(text) and text[end].isalnum() else mark.group()


# '!!!!!!', '““““““', '------': three marks say what a thousand do, and each
# mark would be a token to parse
MARK_RUN = re.compile(r"[^\w\s]{6,}")
# spaCy's tokenizer peels the marks off a run without spaces one at a time,
# searching the rest of the run each time: quadratic in the run (20 s for
# 6,000 '!'). A longer run is parsed as runs of this many characters, one
# character of it turned into a space at each cut.
MAX_RUN_CHARS = 64
LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


def _cut_run(match: re.Match) -> str:
    run = match.group()
    return " ".join(run[start : start + MAX_RUN_CHARS] for start in range(0, len(run) + 1, MAX_RUN_CHARS + 1))


def _is_furniture(line: str, lexicon: Lexicon) -> bool:
    lower = line.lower().strip()
    return any(lower == p or (lower.startswith(p) and len(lower.split()) <= len(p.split()) + 1) for p in lexicon.furniture_prefixes)


class DocumentPass:
    """Walks one article's parsed paragraphs in order, resolving sources."""

    def __init__(self, extractor: LanguagePipeline, text: str):
        self.text = text
        self.lexicon = extractor.lexicon
        self.find_in_sentence = extractor.find
        self.sources = DocumentSources(extractor.registry, extractor.lexicon)
        self.quotes = QuoteIndex(text)
        self.results: list[Attribution] = []
        self.quote_state: tuple[Attribution, int] | None = None
        # 'He added:' ending a paragraph: its claim is the next paragraph
        self.colon_cue: tuple[Paragraph, object, Found] | None = None

    def run(self, docs) -> list[Attribution]:
        for paragraph, doc in docs:
            if paragraph.index == 0:
                doc.user_data[TITLE] = True  # headline English: see find_headline_verb
            if self.quote_state and paragraph.index > self.quote_state[1] + 1:
                self.quote_state = None
            if self.colon_cue is not None:
                cue_paragraph, sent, found = self.colon_cue
                self.colon_cue = None
                if paragraph.index == cue_paragraph.index + 1 and not paragraph.headline:
                    self._emit(cue_paragraph, sent, found, following=(paragraph, doc))
            if paragraph.headline:
                self._headline_paragraph(paragraph, doc)
                continue
            for unit in self._units(paragraph, doc):
                self._sentence(paragraph, unit)
        self.sources.finish()
        for attribution in self.results:
            for field in ("source", "relayed_by", "addressee"):
                value = getattr(attribution, field)
                if isinstance(value, Forward):
                    setattr(attribution, field, value.ref)
        return self.results

    # -- helpers on offsets ---------------------------------------------------
    def _abs(self, paragraph: Paragraph, token) -> tuple[int, int]:
        start = paragraph.start + token.idx
        return start, start + len(token.text)

    def _in_quote(self, start: int, end: int) -> bool:
        return self.quotes.containing(start, end) is not None

    def _quoted(self, paragraph: Paragraph, span) -> set[int]:
        """The tokens of `span` inside a quote; most sentences touch none,
        and are then answered with one look-up instead of one per token."""
        if not self.quotes.overlapping(paragraph.start + span.start_char, paragraph.start + span.end_char):
            return set()
        return {t.i for t in span if self._in_quote(*self._abs(paragraph, t))}

    def _units(self, paragraph: Paragraph, doc):
        """The parser's sentences, joined where a quote runs on across them
        (a quoted passage of several sentences and its cue are one unit:
        '"A. B," X said' / 'X said: "A. B."' / '"A. B," X said, "C. D."')
        and after a colon; a transcript turn ("WALLACE: If I may. ...") and
        a quote signed after a dash ('"A. B." ― X') are one unit each."""
        transcript = LABEL_COLON.match(doc.text)
        first = paragraph.index == 0
        if transcript and transcript.group("content")[0] not in QUOTE_CHARS and self._labelled(doc[:], (LABEL_COLON,), first):
            yield doc[:]  # "PENCE: Well, look, ...": the speaker's whole turn
            return
        if QUOTE_DASH.match(doc.text) and self._labelled(doc[:], (QUOTE_DASH,)):
            yield doc[:]  # '"A. B."― X': however the parser split it
            return
        sents = list(doc.sents)
        start = 0
        for n, sent in enumerate(sents):
            following = sents[n + 1] if n + 1 < len(sents) else None
            if following is not None and (
                sent.text.rstrip().endswith(":")
                or self._quote_runs_on(paragraph.start + sent.end_char, paragraph.start + following.start_char)
                or (sent.text.rstrip().endswith(QUOTE_ENDINGS) and self._bare_cue(following))
            ):
                continue
            yield doc[sents[start].start : sent.end]
            start = n + 1

    def _bare_cue(self, sent) -> bool:
        """A sentence that only attributes ('Clinton said.' after '"...?"'):
        a cue verb with a subject and nothing said of its own."""
        root = sent.root
        return (
            root.lemma_.lower() in self.lexicon.cue_verbs
            and any(c.dep_ == "nsubj" for c in root.children)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in root.children)
            # whom it was said to ("asked me", "told reporters") is no content of its own
            and not any(c.dep_ == "dobj" and (c.n_lefts or c.n_rights) for c in root.children)
        )

    def _quote_runs_on(self, end: int, start: int) -> bool:
        """Whether one quote holds both sides of a sentence break."""
        quote = self.quotes.containing(end - 1, end)
        return quote is not None and quote[1] > start and any(c.isalnum() for c in self.text[start : quote[1]])

    def _headline_paragraph(self, paragraph: Paragraph, doc) -> None:
        """A headline is one unit, however the parser splits it."""
        whole = doc[:]
        quoted = self._quoted(paragraph, whole)
        found = self._labelled(whole, (LABEL_COLON, HEADLINE_DASH), True) or self.find_in_sentence(whole, self.lexicon, quoted)
        for item in found:
            self._emit(paragraph, whole, item)

    def _sentence(self, paragraph: Paragraph, sent) -> None:
        quoted = self._quoted(paragraph, sent)
        found = self._labelled(sent, (LABEL_COLON, QUOTE_DASH), paragraph.index == 0) or self.find_in_sentence(sent, self.lexicon, quoted)
        people = [
            e
            for e in person_spans(sent)
            if e.root.i not in quoted and len(e) > 1 and all(t.pos_ == "PROPN" for t in e)
        ]
        for item in sorted(found, key=lambda f: f.cue[0].i):
            self._meet(people, before=item.cue[0].i)
            self._emit(paragraph, sent, item)
        self._meet(people, before=sent.end)
        if not found:
            self._continuation(paragraph, sent, quoted)

    def _meet(self, people: list, before: int) -> None:
        """People named before a pronoun are what "he" and "she" refer to
        ("Mikati condemned the strikes, which he said were ...")."""
        while people and people[0].end <= before:
            person = people.pop(0)
            self.sources.resolve(person.root, mention_tokens(person.root, self.lexicon.people_nouns), previous=None)

    def _emit(self, paragraph: Paragraph, sent, found: Found, following=None) -> None:
        """One attribution; `following` (paragraph, doc) holds its content when
        the cue closed the paragraph before with a colon."""
        previous = self.results[-1].source if self.results else None
        if isinstance(previous, Forward):
            previous = previous.ref
        source = None
        if found.mention_head is not None:
            source = self.sources.resolve(found.mention_head, found.speaker or found.mention, previous)
        if found.mention_head is not None and source is None:
            return
        if isinstance(source, SourceRef) and any(t.lemma_.lower() in self.lexicon.document_nouns for t in (*found.cue, found.mention_head) if t is not None):
            # "NBC reported ...", "the assessment said ...": what "the report" refers to next
            self.sources.document_author = source
        relay = None
        if found.relay is not None:
            relay = self.sources.resolve(found.relay.mention_head, found.relay.speaker or found.relay.mention, previous)
        addressee = None
        if found.addressee is not None and found.addressee.pos_ != "PRON" and (
            found.addressee.pos_ == "PROPN" or self.sources.registry.lookup(found.addressee.text)
        ):
            # a known outlet whatever its tag ("à l'AFP" is often a common noun)
            addressee = self.sources.resolve(found.addressee, _name_of(found.addressee), previous)
        kind, pieces = self._content(paragraph, sent, found)
        passage_end = paragraph.start + sent.end_char
        if following is not None:
            next_paragraph, next_doc = following
            pieces = [_trim(self.text, next_paragraph.start, next_paragraph.end)]
            if not any(c.isalnum() for c in self.text[slice(*pieces[0])]):
                return
            kind = "direct" if self.quotes.containing(*pieces[0]) else "indirect"
            content_tokens = [t for t in next_doc if not t.is_space]
            passage_end = next_paragraph.end
        elif not pieces:
            if sent.text.rstrip().endswith(":") and sent.end == len(sent.doc) - (sent.doc[-1].is_space):
                self.colon_cue = (paragraph, sent, found)
            return
        else:
            # (offsets within the paragraph: no tuple made per word)
            inside = [(s - paragraph.start, e - paragraph.start) for s, e in pieces]
            content_tokens = [t for t in sent if any(s <= t.idx < e for s, e in inside)]
        figures = figures_in(content_tokens)
        frame = frame_of(content_tokens, source, figures)
        earlier = self._answered(content_tokens, source, frame.get("by"))
        if earlier is not None:
            # "Police denied this.", "rejected the accusation": the claim answered
            pieces, figures, kind, frame = [tuple(p) for p in earlier.spans["content"]], earlier.figures, "indirect", earlier.frame
        cue_tokens = sorted(found.cue, key=lambda t: t.i)  # in text order, however a pattern found them
        attribution = Attribution(
            source=source,
            source_text=self._text_of(paragraph, found.mention),
            # "D'après" is one cue; read off the article (the parser may have seen it in another case)
            cue="".join(self.text[slice(s, s + len(t.text_with_ws))] for t in cue_tokens for s in [paragraph.start + t.idx]).strip(),
            kind=kind,
            stance=found.stance,
            act=found.act,
            content=" ".join(self.text[s:e] for s, e in pieces),
            sentence=self.text[paragraph.start + sent.start_char : passage_end],
            spans={
                "source": _spans(self._abs(paragraph, t) for t in found.mention),
                "cue": [list(self._abs(paragraph, t)) for t in cue_tokens],
                "content": [list(p) for p in pieces],
                **_relay_spans(paragraph, found.relay, self._abs),
            },
            figures=figures,
            frame=frame,
            relayed_by=relay,
            addressee=addressee,
        )
        self.results.append(attribution)
        quoted = kind in ("direct", "mixed") and following is None  # the next paragraph is all of it
        self.quote_state = (attribution, paragraph.index) if quoted else None

    def _answered(self, content_tokens, source, side=None) -> Attribution | None:
        """The earlier claim a reply takes up when its content only points
        back at one ("denied this", "rejected the accusation", "dismissed the
        reports as propaganda"): the latest claim of another speaker, and of
        those first one whose cue the noun names ("accusation" answers
        "accused", "the claim" answers "claimed"), then one that lays a
        deed on the speaker's side."""
        # "as propaganda", "as baseless": how it was answered, not what
        verdict = {d.i for t in content_tokens if t.lower_ == "as" and t.dep_ == "prep" for d in t.subtree}
        words_ = [t for t in content_tokens if not (t.is_punct or t.is_space) and t.i not in verdict]
        ids = {t.i for t in words_}
        roots = [t for t in words_ if t.head.i not in ids]
        if len(roots) != 1 or any(t.pos_ in ("VERB", "AUX") for t in words_):
            return None
        noun = roots[0]
        pointer = " ".join(t.lower_ for t in words_) in self.lexicon.anaphoric_contents
        bare = noun.lemma_.lower() in self.lexicon.claim_nouns and all(
            c.dep_ in ANAPHORIC_MODIFIERS or c.i in verdict for c in noun.children
        )
        if not (pointer or bare):
            return None  # "denied reports of strikes on the hospital" says what it denies
        speaker = getattr(source, "name", source)
        others = [a for a in reversed(self.results[-RECENT_CLAIMS:]) if getattr(a.source, "name", a.source) not in (speaker, None)]
        stem = noun.lower_[:5]
        named = [a for a in others if len(stem) >= 4 and (a.cue or "").lower().startswith(stem)]
        against = [a for a in others if side and (a.frame or {}).get("agent") == side]  # a deed laid on the speaker's side
        return (named or against or others or [None])[0]

    def _text_of(self, paragraph: Paragraph, tokens) -> str:
        if not tokens:
            return ""
        start = self._abs(paragraph, tokens[0])[0]
        end = self._abs(paragraph, tokens[-1])[1]
        return self.text[start:end]

    # -- content and kind -----------------------------------------------------
    def _content(self, paragraph: Paragraph, sent, found: Found) -> tuple[str, list[tuple[int, int]]]:
        # a quoted word the parser hung on the cue ('"Probably not," she said') is said, not saying
        clause = [
            offsets
            for i in found.clause
            if sent.start <= i < sent.end and not sent.doc[i].is_punct
            and not self._in_quote(*(offsets := self._abs(paragraph, sent.doc[i])))
        ]
        sent_start = paragraph.start + sent.start_char
        sent_end = paragraph.start + sent.end_char
        if found.form == "perception":
            return "perception", self._token_pieces(paragraph, found.content)
        if clause:
            adjacent = self._adjacent_quotes(min(s for s, _ in clause), max(e for _, e in clause), sent_start, sent_end)
            if adjacent:
                return "direct", adjacent
        pieces = self._token_pieces(paragraph, found.content)
        inside = sum(self._quoted_chars(s, e) for s, e in pieces)
        total = sum(sum(c.isalnum() for c in self.text[s:e]) for s, e in pieces)
        if total and inside >= total:
            return "direct", pieces
        if inside:
            return "mixed", pieces
        return ("according_to" if found.form == "according_to" else "indirect"), pieces

    def _quoted_chars(self, start: int, end: int) -> int:
        return sum(
            sum(c.isalnum() for c in self.text[max(start, qs) : min(end, qe)])
            for qs, qe in self.quotes.overlapping(start, end)
        )

    def _adjacent_quotes(self, clause_start: int, clause_end: int, sent_start: int, sent_end: int):
        """Quotes the clause introduces or closes: '“...,” said X' / 'X said: “...”'."""
        pieces = []
        for qs, qe in self.quotes.overlapping(sent_start - 1, sent_end + 1):
            if qe <= clause_start and qs >= sent_start - 1:
                between = self.text[qe:clause_start]
                if re.fullmatch(r"[\s,“”\"»’'%s]*" % re.escape(DASHES), between) and re.search(r"[,.!?…-]\s*$", self.text[qs:qe]):
                    pieces.append((qs, qe))
            elif qs >= clause_end and qs <= sent_end:
                between = self.text[clause_end:qs]
                after = self.text[qe:sent_end]
                if re.fullmatch(r"[\s,:“\"«]*", between) and re.fullmatch(r"[\s.,!?…”\"»’')]*", after):
                    pieces.append((qs, qe))
        return [_trim(self.text, s, e) for s, e in pieces]

    def _token_pieces(self, paragraph: Paragraph, tokens) -> list[tuple[int, int]]:
        runs: list[list] = []
        for token in sorted(tokens, key=lambda t: t.i):
            if runs and token.i == runs[-1][-1].i + 1:
                runs[-1].append(token)
            else:
                runs.append([token])
        pieces = []
        for run in runs:
            while run and (
                (run[0].is_punct and run[0].text not in "“\"«(") or run[0].is_space or run[0].lower_ in ("that", "and", "but")
            ):
                run = run[1:]
            while run and (run[-1].is_space or run[-1].dep_ == "cc" or (run[-1].is_punct and run[-1].text not in "”\"»)")):
                run = run[:-1]
            if run and any(t.is_alpha or t.like_num for t in run):
                start = self._abs(paragraph, run[0])[0]
                end = self._abs(paragraph, run[-1])[1]
                pieces.append((start, end))
        return pieces

    # -- special forms ----------------------------------------------------------
    def _continuation(self, paragraph: Paragraph, sent, quoted: set[int]) -> None:
        """A wholly quoted sentence after an attributed quote keeps its source."""
        if self.quote_state is None:
            return
        words_ = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words_ or any(t.i not in quoted for t in words_):
            return
        previous, _ = self.quote_state
        start = paragraph.start + sent.start_char
        end = paragraph.start + sent.end_char
        trimmed = (_trim(self.text, max(s, start), min(e, end)) for s, e in self.quotes.overlapping(start, end))
        pieces = [(s, e) for s, e in trimmed if s < e]  # a quote's edge holding only marks or spaces is no piece
        if not pieces:
            return
        tokens = [t for t in sent if t.i in quoted]
        figures = figures_in(tokens)
        attribution = Attribution(
            source=previous.source,
            source_text="",
            cue=None,
            kind="direct",
            stance="asserts",
            # more of a quote does what its first sentence did; its stance (and so a denial) stays its own
            act="asserts" if previous.act == "denies" else previous.act,
            content=" ".join(self.text[s:e] for s, e in pieces),
            sentence=self.text[start:end],
            spans={"source": [], "cue": [], "content": [list(p) for p in pieces]},
            figures=figures,
            frame=frame_of(tokens, previous.source, figures),
            relayed_by=previous.relayed_by,
            addressee=previous.addressee,
        )
        self.results.append(attribution)
        self.quote_state = (attribution, paragraph.index)

    def _labelled(self, sent, patterns, headline: bool = False) -> list[Found]:
        """A speaker named by a label: 'Army chief: "We will retake the airport"',
        'Rebels take city - monitor', '"We stay." ― Amal Haddad'; in a
        headline, any capitalised name ("Poll: ...", "Sanders: ...")."""
        line = sent.text  # not sent.doc.text, built whole for each sentence
        for pattern in patterns:
            match = pattern.match(line)
            if not match:
                continue
            s_start, s_end = (sent.start_char + i for i in match.span("source"))
            source_tokens = [t for t in sent if s_start <= t.idx < s_end and not t.is_space]
            cue_at = sent.start_char + match.start("cue")
            cue = next((t for t in sent if t.idx <= cue_at < t.idx + len(t.text)), None)
            inverted = self.lexicon.inverted_cue_lemmas.get(source_tokens[0].lower_) if len(source_tokens) > 1 else None
            if inverted:
                cue = source_tokens.pop(0)  # 'Said Ellis: "..."': the verb before the name is the cue
            if cue is None or not source_tokens or len(source_tokens) > 8 or any(t.pos_ in ("VERB", "AUX") for t in source_tokens):
                continue  # a label is a name, not a clause ("The reason is simple: ...")
            ids = {t.i for t in source_tokens}
            head = next((t for t in source_tokens if t.head.i not in ids or t.head == t), source_tokens[-1])
            if not (self._sourcelike(head, source_tokens) or (headline and self._headline_label(head, source_tokens))):
                continue
            if any(t.lower_ in TOPIC_PREPOSITIONS for t in source_tokens[1:]) and not self._names_someone(head, source_tokens):
                continue  # a crosshead's topic ("Little Relief for Refugees: ..."), not a speaker
            c_start, c_end = (sent.start_char + i for i in match.span("content"))
            content = [t for t in sent if c_start <= t.idx < c_end and not t.is_space]
            act = self.lexicon.act_of(inverted) if inverted else "asserts"
            return [Found(cue=[cue], form="verb", mention_head=head, mention=source_tokens, clause=ids | {cue.i}, content=content, act=act)]
        return []

    def _sourcelike(self, head, tokens) -> bool:
        """Whether a label names a speaker ("Army chief:", "PENCE:") rather
        than a place or a topic ("Mali:", "Analysis:")."""
        if words(tokens).casefold() in self.lexicon.places:
            return False
        return bool(
            self.sources.registry.lookup(words(tokens))
            or head.ent_type_ in ("PERSON", "ORG", "NORP")
            or self.lexicon.type_of([t.lower_ for t in tokens])
            or head.lemma_.lower() in self.lexicon.title_nouns
            or (head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "LOC", "FAC"))
        )

    def _names_someone(self, head, tokens) -> bool:
        """Whether a phrase names a person or a known body ("A lesson from
        Loretta Lynch", "Army chief of staff"), for a label that could be a topic."""
        return (
            bool(self.sources.registry.lookup(words(tokens)))
            or head.lemma_.lower() in self.lexicon.people_nouns
            or any(t.ent_type_ == "PERSON" for t in tokens)
        )

    def _headline_label(self, head, tokens) -> bool:
        """A headline's label names its speaker when capitalised and no
        rubric ("Sanders: ...", "Poll: ...", but not "Analysis: ..."): the
        small model takes a title-case name for a common noun."""
        return (
            tokens[0].text[:1].isupper()
            and head.pos_ in ("NOUN", "PROPN")
            and head.lower_ not in self.lexicon.label_rubrics
            and words(tokens).casefold() not in self.lexicon.places
        )


def _name_of(addressee) -> list:
    """An addressee's words up to its own: the capitalised words right after
    it carry on a name the parser cut, not a speaker parsed inside its phrase
    ("a déclaré à L'Orient-Le Jour un responsable")."""
    name = [t for t in mention_tokens(addressee) if t.i <= addressee.i]
    end = addressee.i + 1
    while end < addressee.sent.end and addressee.doc[end].text[:1].isupper() and addressee.doc[end].pos_ in ("PROPN", "NOUN"):
        name.append(addressee.doc[end])
        end += 1
    return name


def _relay_spans(paragraph: Paragraph, relay: Found | None, absolute) -> dict:
    """Where the relay is named and cues ("according to Reuters", "X said Y
    reported"): kept beside the claim's own spans, as the benchmark's
    corpus counts the relay as an attribution of its own."""
    if relay is None:
        return {}
    return {
        "relay_source": _spans(absolute(paragraph, t) for t in relay.mention),
        "relay_cue": [list(absolute(paragraph, t)) for t in relay.cue],
    }


def _spans(offsets) -> list[list[int]]:
    """Adjacent token offsets merged into [start, end] runs."""
    merged: list[list[int]] = []
    for start, end in offsets:
        if merged and start - merged[-1][1] <= 1:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS or text[end - 1] in ",;:"):
        end -= 1
    return start, end
