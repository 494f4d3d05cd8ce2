"""Plain data passed between the stages: text -> Attributions -> rows."""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE_TYPES = (
    "ngo",
    "news_agency",
    "government",
    "military",
    "armed_group",
    "un_agency",
    "official_media",
    "journalist",
    "witness",
    "person",
    "other",
)

KINDS = ("perception", "direct", "mixed", "according_to", "indirect")


@dataclass
class SourceRef:
    """A source as resolved inside one article: canonical name, type, parent."""

    name: str
    type: str = "other"
    parent: SourceRef | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Attribution:
    """One attributed claim; all offsets index the article text."""

    source: SourceRef | None
    source_text: str
    cue: str | None
    kind: str
    stance: str
    content: str
    sentence: str
    spans: dict[str, list[list[int]]]
    figures: list[dict] = field(default_factory=list)
    act: str = "asserts"  # the speech act: asserts, accuses, denies, condemns, demands, asks, promises, believes, intends
    frame: dict = field(default_factory=dict)  # what it asserts (extract/frames.py)
    relayed_by: SourceRef | None = None
    addressee: SourceRef | None = None


@dataclass
class Article:
    """One input record, text exactly as read."""

    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str = "en"
    origin: str = ""  # file (and line) it came from, for messages
