"""Quote pairing that survives real input: curly, straight, guillemets, mixed
and unbalanced marks. Pairs what can be paired; never gives up on a document."""

from __future__ import annotations

import bisect
import re

OPENERS = "“«„‟"
CLOSERS = "”»"
STRAIGHT = '"'
QUOTE_CHARS = OPENERS + CLOSERS + STRAIGHT
# two apostrophes stand for a straight double quote in some wire copy ("''We will,'' he said")
DOUBLE_APOSTROPHE = "''"
# ("'I'm sorry,''' said X": a single quote closes, then the double one)
DOUBLE_APOSTROPHES = re.compile(f"{DOUBLE_APOSTROPHE}(?!')")
QUOTE_MARK = re.compile(f"{DOUBLE_APOSTROPHES.pattern}|[{QUOTE_CHARS}]")


def has_quote_mark(line: str) -> bool:
    return QUOTE_MARK.search(line) is not None


def _role(text: str, i: int, j: int) -> str:
    """'open' or 'close' for the mark text[i:j]; straight quotes by their neighbours."""
    mark = text[i:j]
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if mark in OPENERS:
        # '“It's unusual,“ said X': an opening mark typed for a closing one, after
        # the end of what was said and before a space
        return "close" if before in ",.!?" and (after.isspace() or j == len(text)) else "open"
    if mark in CLOSERS:
        return "close"
    if before.isspace() or before in "([{—–-/":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "open" if not before.isalnum() else "close"


# where a never-closed quote plainly gives way to its attribution
ATTRIBUTION_AFTER = re.compile(
    r",\s+(?:according\s+to\b|(?:he|she|they|it|we)\s+(?:said|says|told|added)\b|(?:said|says|told|added)\s)",
    re.I,
)


def _paragraph_end(text: str, i: int) -> int:
    """Where an unclosed quote opened at i ends: its paragraph's end, or
    before a trailing ", according to ..." / ", he said"."""
    end = text.find("\n", i)
    end = len(text) if end == -1 else end
    attribution = ATTRIBUTION_AFTER.search(text, i, end)
    return attribution.start() if attribution else end


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted material (inside the marks).

    An unclosed quote ends with its paragraph, unless the next paragraph opens
    with a quote mark: that is how multi-paragraph quotes are written, and the
    quote then runs on. A closer with nothing open closes a quote whose
    opening mark was lost at the start of the paragraph."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for match in QUOTE_MARK.finditer(text):
        i, j = match.span()
        if start is not None and text.rfind("\n", start, i) != -1:
            # the open quote crossed a paragraph break
            line_start = text.rfind("\n", start, i) + 1
            # the mark opens its line (only spaces before it); not a strip of
            # the rest of the text, which made long articles quadratic
            if not text[line_start:i].strip() and _role(text, i, j) == "open":
                # multi-paragraph quote: close the previous paragraph's part here
                spans.append((start, line_start - 1))
                start = j
                continue
            spans.append((start, _paragraph_end(text, start)))
            start = None
        role = _role(text, i, j)
        if role == "open":
            if start is not None:
                # an opener inside an open quote: the first was never closed
                spans.append((start, i))
            start = j
        elif start is not None:
            spans.append((start, i))
            start = None
        else:
            # a closer with no opener: the opening mark was lost, and the
            # quote ran from the start of the paragraph (or the last quote)
            line_start = text.rfind("\n", 0, i) + 1
            previous_end = spans[-1][1] + 1 if spans and spans[-1][1] >= line_start else line_start
            spans.append((previous_end, i))
    if start is not None:
        spans.append((start, _paragraph_end(text, start)))
    # a pair of marks around no word ('"The ","') quotes nothing
    return [(s, _trim_end(text, s, e)) for s, e in spans if any(c.isalnum() for c in text[s:e])]


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class QuoteIndex:
    """A document's quote spans, sorted, answering "is this quoted?" by
    bisection: a token or a sentence costs O(log quotes), not O(quotes)."""

    def __init__(self, text: str):
        self.spans = sorted(quote_spans(text))
        self.starts = [s for s, _ in self.spans]

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote holding all of [start, end), if one does."""
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.spans[i][1] >= end:
            return self.spans[i]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotes sharing a character with [start, end), in order."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        found = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                found.append(self.spans[i])
            i += 1
        return found
