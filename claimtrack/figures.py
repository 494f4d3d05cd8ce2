"""Numbers as intervals: "more than 300" -> (300, inf), "at least 311" -> [311, inf).

The words of numbers (units, qualifiers, vague plurals) are data, one section
per language in figures.yml; a run of tokens is read in its document's language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .datafiles import parse_yaml

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, float]
    multipliers: frozenset[str]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    lower_inclusive: tuple[str, ...]
    lower_exclusive: tuple[str, ...]
    upper_inclusive: tuple[str, ...]
    upper_exclusive: tuple[str, ...]
    approximate: tuple[str, ...]
    between: frozenset[str]
    joiners: frozenset[str]
    filler: frozenset[str]
    percent: tuple[str, ...]
    counting_words: frozenset[str]
    lone_one: frozenset[str]
    run_only: frozenset[str]
    months: frozenset[str]
    clock: frozenset[str]
    decimal_comma: bool
    qualifier_width: int
    qualifier_re: re.Pattern
    range_re: re.Pattern
    percent_re: re.Pattern

    @property
    def qualifiers(self) -> frozenset[str]:
        return frozenset(self.lower_inclusive + self.lower_exclusive + self.upper_inclusive + self.upper_exclusive + self.approximate)


@lru_cache(maxsize=None)
def number_words(lang: str = DEFAULT_LANGUAGE) -> NumberWords:
    """The words of one language (English for a language figures.yml lacks)."""
    data = _data()
    words = data.get(lang) or data[DEFAULT_LANGUAGE]
    qualifiers = sorted(
        set(words["lower_inclusive"] + words["lower_exclusive"] + words["upper_inclusive"] + words["upper_exclusive"] + words["approximate"]),
        key=len,
        reverse=True,
    )
    between = "|".join(map(re.escape, words["between"]))
    ranges = "|".join(map(re.escape, words["range_words"]))
    return NumberWords(
        units=words["units"],
        multipliers=frozenset(words["multipliers"]),
        scales=words["scales"],
        vague={key: tuple(value) for key, value in words["vague"].items()},
        **{key: tuple(words[key]) for key in ("lower_inclusive", "lower_exclusive", "upper_inclusive", "upper_exclusive", "approximate", "percent")},
        **{key: frozenset(words[key]) for key in ("between", "joiners", "filler", "counting_words", "lone_one", "run_only", "months", "clock")},
        decimal_comma=words["decimal_comma"],
        qualifier_width=words["qualifier_width"],
        qualifier_re=re.compile(r"^(%s)\s+" % "|".join(re.escape(q) for q in qualifiers), re.I),
        range_re=re.compile(r"^(?:(?:%s)\s+)?(.+?)\s+(?:%s|-|–)\s+(.+)$" % (between, ranges), re.I),
        percent_re=re.compile(r"\s*(%s)$" % "|".join(re.escape(p) for p in words["percent"])),
    )


@lru_cache(maxsize=1)
def _data() -> dict:
    return parse_yaml(resources.files(__package__).joinpath("figures.yml").read_text("utf-8"))


def _digits(words: str, decimal_comma: bool) -> str:
    """"2,000" / "40.000", "50 000", "1,5" (French) as plain digits."""
    if decimal_comma:
        words = re.sub(r"(?<=\d)[.\s](?=\d{3}(?!\d))", "", words)
        return words.replace(",", ".")
    return words.replace(",", "")


def number_value(words: str, lang: str = DEFAULT_LANGUAGE) -> float | None:
    """Value of "2,000", "1.5 million", "half a million", "twenty-five", "40.000", "1,5 million"."""
    vocabulary = number_words(lang)
    words = _digits(words.lower(), vocabulary.decimal_comma).replace("-", " ").strip()
    if not words:
        return None
    total, current = 0.0, None
    for word in words.split():
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current = (current or 0) + float(word)
        elif word in vocabulary.units:
            value = vocabulary.units[word]
            current = (current or 0) + value if word not in vocabulary.multipliers else (value if current is None else current * value)
        elif word in vocabulary.scales:
            current = (current if current is not None else 1) * vocabulary.scales[word]
            if vocabulary.scales[word] >= 1000:
                total, current = total + current, None
        elif word in vocabulary.filler:
            continue
        else:
            return None
    value = total + (current or 0)
    return value if value or words.startswith("0") else None


def parse_figure(text: str, counted: str | None = None, lang: str = DEFAULT_LANGUAGE) -> dict | None:
    """An interval for a number as written, or None if it is not a number."""
    vocabulary = number_words(lang)
    written = " ".join(text.split())
    rest = vocabulary.percent_re.sub("", written.lower())
    qualifier = None
    match = vocabulary.qualifier_re.match(rest)
    if match:
        qualifier, rest = match.group(1).lower(), rest[match.end():]
    figure = {
        "text": written, "low": None, "high": None,
        "low_inclusive": True, "high_inclusive": True, "approx": False, "counted": counted,
    }
    if rest in vocabulary.vague:
        figure["low"], figure["high"] = vocabulary.vague[rest]
        return figure
    ranged = vocabulary.range_re.match(rest)
    if ranged and number_value(ranged.group(1), lang) is not None and number_value(ranged.group(2), lang) is not None:
        figure["low"], figure["high"] = number_value(ranged.group(1), lang), number_value(ranged.group(2), lang)
        return _tidy(figure)
    value = number_value(rest, lang)
    if value is None:
        return None
    figure["low"] = figure["high"] = value
    if qualifier in vocabulary.lower_inclusive:
        figure["high"] = None
    elif qualifier in vocabulary.lower_exclusive:
        figure["high"], figure["low_inclusive"] = None, False
    elif qualifier in vocabulary.upper_inclusive:
        figure["low"] = None
    if qualifier in vocabulary.upper_exclusive:
        figure["low"], figure["high_inclusive"] = None, False
    if qualifier in vocabulary.approximate:
        figure["approx"] = True
    return _tidy(figure)


def _tidy(figure: dict) -> dict:
    for key in ("low", "high"):
        if isinstance(figure[key], float) and figure[key].is_integer():
            figure[key] = int(figure[key])
    return figure


def _calendar(token, vocabulary: NumberWords) -> bool:
    """A year, a day of the month or a clock time: not a figure."""
    text = token.text
    if re.fullmatch(r"(1[89]|20)\d\d", text) or ":" in text or re.fullmatch(r"\d{1,2}h\d\d", text):
        return True
    neighbours = [token.nbor(d) for d in (-1, 1) if 0 <= token.i + d < len(token.doc)]
    return any(n.lower_.rstrip(".") in vocabulary.months or n.lower_ in vocabulary.months or n.lower_ in vocabulary.clock for n in neighbours)


def figures_in(tokens, skip_labels=("ORDINAL", "MONEY")) -> list[dict]:
    """Figures stated in a run of spaCy tokens, with what is counted where the
    parse says so ("28 civilians" -> counted: civilians)."""
    figures = []
    tokens = list(tokens)
    if not tokens:
        return figures
    lang = tokens[0].doc.lang_
    vocabulary = number_words(lang)
    used: set[int] = set()
    for i, token in enumerate(tokens):
        if i in used or token.ent_type_ in skip_labels or not _numeric(token, vocabulary) or _calendar(token, vocabulary):
            continue
        if token.lower_ in vocabulary.lone_one and token.dep_ != "nummod":
            continue  # "no one", "one of them", "un responsable"
        start = end = i
        # "tens of thousands", "between 10 and 15", "1.5 million", "50 000"
        while end + 1 < len(tokens) and (
            _numeric(tokens[end + 1], vocabulary)
            or (tokens[end + 1].lower_ in vocabulary.joiners and end + 2 < len(tokens) and _numeric(tokens[end + 2], vocabulary))
        ):
            end += 1
        # pull in a qualifier the entity recogniser left out ("around 70", "au moins 311")
        for width in range(vocabulary.qualifier_width, 0, -1):
            before = " ".join(t.lower_ for t in tokens[max(start - width, 0) : start])
            if start >= width and before.replace(" - ", "-").replace("' ", "'").replace("’", "'") in vocabulary.qualifiers:
                start -= width
                break
        if start > 0 and tokens[start - 1].lower_ in vocabulary.between:
            start -= 1
        if _hyphenated_adjective(tokens[end], vocabulary):
            continue
        noun = _counted(tokens[end])
        counted = _counted_word(noun)
        if end + 1 < len(tokens) and tokens[end + 1].lower_ in vocabulary.percent:
            end, counted, noun = end + 1, "percent", None
        text = "".join(t.text_with_ws for t in tokens[start : end + 1]).strip()
        figure = parse_figure(text, counted, lang)
        if figure:
            figure["label"] = _label(tokens[start : end + 1], noun)
            figures.append(figure)
            used.update(range(start, end + 1))
    return figures


def _hyphenated_adjective(token, vocabulary: NumberWords) -> bool:
    """"a nine-story building", "a 24-hour truce": a number hyphened to a
    word describes a thing; it counts nothing ("50-60 people" does)."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc):
        return False
    hyphen, word = doc[token.i + 1], doc[token.i + 2]
    return hyphen.text in ("-", "‑") and not hyphen.whitespace_ and word.is_alpha and not _numeric(word, vocabulary)


def _numeric(token, vocabulary: NumberWords) -> bool:
    lower = token.lower_
    if lower in vocabulary.run_only:  # only as in "tens of thousands"
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ in vocabulary.joiners
    return token.like_num or lower in vocabulary.scales or lower in vocabulary.vague or lower in vocabulary.counting_words


def _counted(token):
    """The noun a number counts: its head when it modifies one, or the
    object of its "of" ("hundreds of families")."""
    head = token.head
    if token.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "ADJ", "PROPN") and head.i > token.i:
        return head
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        # UD: "centaines de familles" hangs the noun on the number, "de" on the noun
        if child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("de", "d'", "d’") for c in child.children):
            return child
    return None


def _counted_word(noun) -> str | None:
    """What is counted, as one word to compare: the lemma ("children":
    child), an adjective as written ("dead")."""
    if noun is None:
        return None
    return noun.lemma_.lower() if noun.pos_ != "ADJ" else noun.lower_


def _label(number, noun) -> str:
    """The figure as a reader says it, in the words the article wrote:
    "nine children", "hundreds of displaced families", "at least 311 dead"
    (a number word capitalised only for opening its sentence is not)."""
    first, last = number[0], number[-1]
    text = "".join(t.text_with_ws for t in number).strip()
    if first.is_sent_start and first.is_title and first.is_alpha:
        text = first.lower_ + text[len(first.text) :]
    if noun is None or noun.i <= last.i:
        return text
    return text + last.whitespace_ + "".join(t.text_with_ws for t in noun.doc[last.i + 1 : noun.i]) + noun.text
