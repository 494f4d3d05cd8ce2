"""Numbers as intervals: "more than 300" -> (300, inf), "at least 311" -> [311, inf)."""

from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5, "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals as the ranges a reader would accept for them.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
LOWER_INCLUSIVE = ("at least", "no fewer than", "no less than", "a minimum of", "as many as")
LOWER_EXCLUSIVE = ("more than", "over", "upwards of", "in excess of", "above")
UPPER_INCLUSIVE = ("up to", "at most", "a maximum of", "no more than")
UPPER_EXCLUSIVE = ("fewer than", "less than", "under", "below", "nearly", "almost", "just under")
APPROXIMATE = ("around", "about", "approximately", "roughly", "some", "an estimated", "estimated", "nearly", "almost", "close to")
QUALIFIERS = sorted(
    set(LOWER_INCLUSIVE + LOWER_EXCLUSIVE + UPPER_INCLUSIVE + UPPER_EXCLUSIVE + APPROXIMATE),
    key=len,
    reverse=True,
)
QUALIFIER_RE = re.compile(r"^(%s)\s+" % "|".join(re.escape(q) for q in QUALIFIERS), re.I)
RANGE_RE = re.compile(r"^(?:between\s+)?(.+?)\s+(?:and|to|-|–)\s+(.+)$", re.I)


def number_value(words: str) -> float | None:
    """Value of "2,000", "1.5 million", "half a million", "twenty-five"."""
    words = words.lower().replace(",", "").replace("-", " ").strip()
    if not words:
        return None
    total, current = 0.0, None
    for word in words.split():
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current = (current or 0) + float(word)
        elif word in UNITS:
            current = (current or 0) + UNITS[word] if word not in ("half", "a", "an") else (
                UNITS[word] if current is None else current * UNITS[word]
            )
        elif word in SCALES:
            current = (current if current is not None else 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, None
        elif word in ("and", "of"):
            continue
        else:
            return None
    value = total + (current or 0)
    return value if value or words.startswith("0") else None


def parse_figure(text: str, counted: str | None = None) -> dict | None:
    """An interval for a number as written, or None if it is not a number."""
    written = " ".join(text.split())
    rest = re.sub(r"\s*(percent|per cent|%)$", "", written.lower())
    qualifier = None
    match = QUALIFIER_RE.match(rest)
    if match:
        qualifier, rest = match.group(1).lower(), rest[match.end():]
    figure = {
        "text": written, "low": None, "high": None,
        "low_inclusive": True, "high_inclusive": True, "approx": False, "counted": counted,
    }
    if rest in VAGUE:
        figure["low"], figure["high"] = VAGUE[rest]
        return figure
    ranged = RANGE_RE.match(rest)
    if ranged and number_value(ranged.group(1)) is not None and number_value(ranged.group(2)) is not None:
        figure["low"], figure["high"] = number_value(ranged.group(1)), number_value(ranged.group(2))
        return _tidy(figure)
    value = number_value(rest)
    if value is None:
        return None
    figure["low"] = figure["high"] = value
    if qualifier in LOWER_INCLUSIVE:
        figure["high"] = None
    elif qualifier in LOWER_EXCLUSIVE:
        figure["high"], figure["low_inclusive"] = None, False
    elif qualifier in UPPER_INCLUSIVE:
        figure["low"] = None
    if qualifier in UPPER_EXCLUSIVE:
        figure["low"], figure["high_inclusive"] = None, False
    if qualifier in APPROXIMATE:
        figure["approx"] = True
    return _tidy(figure)


def _tidy(figure: dict) -> dict:
    for key in ("low", "high"):
        if isinstance(figure[key], float) and figure[key].is_integer():
            figure[key] = int(figure[key])
    return figure


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr",
          "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _calendar(token) -> bool:
    """A year, a day of the month or a clock time: not a figure."""
    text = token.text
    if re.fullmatch(r"(1[89]|20)\d\d", text) or ":" in text:
        return True
    neighbours = [token.nbor(d) for d in (-1, 1) if 0 <= token.i + d < len(token.doc)]
    return any(n.lower_.rstrip(".") in MONTHS or n.lower_ in ("a.m.", "p.m.", "am", "pm", "gmt") for n in neighbours)


JOINERS = ("of", "and", "a", "to")


def figures_in(tokens, skip_labels=("ORDINAL", "MONEY")) -> list[dict]:
    """Figures stated in a run of spaCy tokens, with what is counted where the
    parse says so ("28 civilians" -> counted: civilians)."""
    figures = []
    tokens = list(tokens)
    used: set[int] = set()
    for i, token in enumerate(tokens):
        if i in used or token.ent_type_ in skip_labels or not _numeric(token) or _calendar(token):
            continue
        if token.lower_ == "one" and token.dep_ != "nummod":
            continue  # "no one", "one of them"
        start = end = i
        # "tens of thousands", "between 10 and 15", "1.5 million"
        while end + 1 < len(tokens) and (
            _numeric(tokens[end + 1])
            or (tokens[end + 1].lower_ in JOINERS and end + 2 < len(tokens) and _numeric(tokens[end + 2]))
        ):
            end += 1
        # pull in a qualifier the entity recogniser left out ("around 70")
        for width in (2, 1):
            before = " ".join(t.lower_ for t in tokens[max(start - width, 0) : start])
            if start >= width and before in QUALIFIERS:
                start -= width
                break
        if start > 0 and tokens[start - 1].lower_ == "between":
            start -= 1
        counted = _counted(tokens[end])
        if end + 1 < len(tokens) and tokens[end + 1].lower_ in ("percent", "%"):
            end, counted = end + 1, "percent"
        text = "".join(t.text_with_ws for t in tokens[start : end + 1]).strip()
        figure = parse_figure(text, counted)
        if figure:
            figures.append(figure)
            used.update(range(start, end + 1))
    return figures


def _numeric(token) -> bool:
    lower = token.lower_
    if lower == "tens":  # only as in "tens of thousands"
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "of"
    return token.like_num or lower in SCALES or lower in VAGUE or lower in ("dozen", "scores", "half")


def _counted(token) -> str | None:
    """The noun a number counts: its head when it modifies one."""
    head = token.head
    if token.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "ADJ", "PROPN") and head.i > token.i:
        return head.lemma_.lower() if head.pos_ != "ADJ" else head.lower_
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0].lemma_.lower()
    return None
