"""Rendering claims as HTML: highlighted sentences, readable figures and
spans. Everything that comes from an article is escaped with markupsafe."""

from __future__ import annotations

import json

import markupsafe

ROLES = ("source", "cue", "content")


def parse_spans(value) -> dict[str, list[tuple[int, int]]]:
    """`spans` JSON as {role: [(start, end), ...]}, ignoring anything malformed."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return {}
    spans = {}
    if not isinstance(data, dict):
        return spans
    for role in ROLES:
        pairs = []
        for pair in data.get(role) or []:
            if (
                isinstance(pair, (list, tuple))
                and len(pair) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) for n in pair)
                and 0 <= pair[0] < pair[1]
            ):
                pairs.append((pair[0], pair[1]))
        if pairs:
            spans[role] = pairs
    return spans


def locate_sentence(window: str, window_start: int, sentence: str, spans) -> int | None:
    """Offset in the article of the occurrence of `sentence` inside `window`
    (which starts at `window_start`) that covers most of the spans."""
    best, best_cover = None, -1
    i = window.find(sentence)
    while i >= 0:
        start = window_start + i
        end = start + len(sentence)
        cover = sum(
            max(0, min(e, end) - max(s, start))
            for pairs in spans.values()
            for s, e in pairs
        )
        if cover > best_cover:
            best, best_cover = start, cover
        i = window.find(sentence, i + 1)
    return best


def highlight(text: str, offset: int, spans) -> markupsafe.Markup:
    """`text` (which starts at article offset `offset`) as HTML with every span
    wrapped in <mark class="ct-ROLE">; overlapping spans combine classes."""
    # cut the text at every span edge; each piece is covered by the same roles throughout
    cuts = {0, len(text)}
    for pairs in spans.values():
        for s, e in pairs:
            cuts.update(min(max(edge - offset, 0), len(text)) for edge in (s, e))
    runs = []  # (start, end, roles), neighbours with the same roles joined
    for a, b in zip(sorted(cuts), sorted(cuts)[1:]):
        roles = tuple(r for r in ROLES if any(s - offset <= a and b <= e - offset for s, e in spans.get(r, ())))
        if runs and runs[-1][2] == roles:
            runs[-1] = (runs[-1][0], b, roles)
        else:
            runs.append((a, b, roles))
    out = []
    for a, b, roles in runs:
        chunk = markupsafe.escape(text[a:b])
        if roles:
            # role names are ours, the chunk is escaped: an f-string is safe (and Markup.format is slow)
            classes = " ".join(f"ct-{r}" for r in roles)
            out.append(markupsafe.Markup(f'<mark class="{classes}" title="{", ".join(roles)}">{chunk}</mark>'))
        else:
            out.append(chunk)
    return markupsafe.Markup("").join(out)


LEGEND = markupsafe.Markup(
    '<span class="ct-legend"><mark class="ct-source">source</mark> '
    '<mark class="ct-cue">cue</mark> <mark class="ct-content">content</mark></span>'
)


SENTENCE_SQL = "select substr(text, :lo + 1, :n) from articles where id = :id"


def sentence_window(sentence: str, spans) -> dict:
    """Parameters of SENTENCE_SQL: the stretch of article text around the spans
    that must hold the sentence."""
    starts = [s for pairs in spans.values() for s, _ in pairs]
    ends = [e for pairs in spans.values() for _, e in pairs]
    lo = max(0, min(starts) - len(sentence))
    return {"lo": lo, "n": max(ends) + len(sentence) - lo}


def sentence_markup(window: str, lo: int, sentence: str, spans) -> markupsafe.Markup:
    """The sentence with its spans highlighted, found in `window` (article text
    from offset `lo`)."""
    start = locate_sentence(window, lo, sentence, spans)
    if start is not None:
        body = highlight(sentence, start, spans)
    else:
        # The stored sentence is not verbatim in the article: show the
        # article text the spans cover instead, marked as such.
        s = min(s for pairs in spans.values() for s, _ in pairs)
        e = max(e for pairs in spans.values() for _, e in pairs)
        body = highlight(window[s - lo : e - lo], s, spans)
        body = markupsafe.Markup('<span class="ct-outside">…</span>{}<span class="ct-outside">…</span>').format(body)
    return markupsafe.Markup('<div class="ct-sentence">{}{}</div>').format(body, LEGEND)


def _number(n) -> str:
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    if isinstance(n, int):
        return f"{n:,}"
    return str(n)


def describe_figure(figure: dict) -> tuple[str, str]:
    """("at least 311 dead", "[311, ∞)") for one figure object."""
    text = str(figure.get("text") or "").strip()
    counted = str(figure.get("counted") or "").strip()
    # the label says it as the article did ("nine children"); older rows have none
    words = (figure.get("label") if counted else None) or " ".join(w for w in (text, counted) if w)
    low, high = figure.get("low"), figure.get("high")
    approx = bool(figure.get("approx"))
    if low is None and high is None:
        return words, ""
    if low is not None and high is not None and low == high:
        interval = ("≈ " if approx else "= ") + _number(low)
        return words, interval
    low_inclusive = figure.get("low_inclusive", True)
    high_inclusive = figure.get("high_inclusive", True)
    # Counts are never negative: "fewer than 50" is [0, 50).
    left = ("[" if low_inclusive else "(") + _number(low) if low is not None else "[0"
    right = _number(high) + ("]" if high_inclusive else ")") if high is not None else "∞)"
    interval = f"{left}, {right}"
    if approx:
        interval = "≈ " + interval
    return words, interval


def render_figures(value):
    try:
        figures = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
        return None
    if not figures:
        return markupsafe.Markup('<span class="ct-outside">none</span>')
    items = []
    for figure in figures:
        words, interval = describe_figure(figure)
        items.append(
            markupsafe.Markup('<li>{} <span class="ct-interval">{}</span></li>').format(
                words, interval
            )
        )
    return markupsafe.Markup('<ul class="ct-figures">{}</ul>').format(
        markupsafe.Markup("").join(items)
    )


def render_spans(value):
    spans = parse_spans(value)
    if not spans:
        return None
    parts = [
        markupsafe.Markup('<mark class="ct-{}">{}</mark> {}').format(
            role, role, ", ".join(f"{s}–{e}" for s, e in spans[role])
        )
        for role in ROLES
        if role in spans
    ]
    return markupsafe.Markup('<span class="ct-spans">{}</span>').format(
        markupsafe.Markup("<br>").join(parts)
    )


# a group carried by hundreds of origins (or an origin by dozens of outlets)
# lists the first ones and counts the rest
ORIGINS_LISTED = 12
OUTLETS_LISTED = 10
FIGURES_LISTED = 6


def render_origins(value):
    """A claim group's `origins` JSON as a list a reader can scan: each origin
    with its claims, outlets and figures."""
    try:
        origins = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(origins, list) or not all(isinstance(o, dict) and "name" in o for o in origins):
        return None
    items = []
    for origin in origins[:ORIGINS_LISTED]:
        claims = origin.get("claims")
        details = [f"{claims} claim{'s' * (claims != 1)}" if isinstance(claims, int) else ""]
        if origin.get("denies"):
            details.append(f"denies {origin['denies']}")
        outlets = [str(o) for o in origin.get("outlets") or ()]
        if outlets:
            more = f" and {len(outlets) - OUTLETS_LISTED} more" if len(outlets) > OUTLETS_LISTED else ""
            details.append(", ".join(outlets[:OUTLETS_LISTED]) + more)
        figures = [str(f) for f in origin.get("figures") or ()]
        changes = [f for i, f in enumerate(figures) if i == 0 or f != figures[i - 1]]  # a figure repeated is said once
        if changes:
            details.append(" → ".join(changes if len(changes) <= FIGURES_LISTED else [*changes[:2], "…", *changes[-3:]]))
        items.append(markupsafe.Markup('<li><strong>{}</strong> <span class="ct-hint">{}</span></li>').format(
            origin["name"], "; ".join(d for d in details if d)
        ))
    if len(origins) > ORIGINS_LISTED:
        items.append(markupsafe.Markup('<li class="ct-hint">and {:,} more</li>').format(len(origins) - ORIGINS_LISTED))
    return markupsafe.Markup('<ul class="ct-origins">{}</ul>').format(markupsafe.Markup("").join(items))
