"""One spelling for what articles say about themselves: the outlet's
registry name ("Associated Press" and "AP" are one outlet) and the
publication date as ISO 8601 (a date, with a UTC time when the time zone is
known)."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from .sources.registry import default_registry

# Registry types that publish news: an outlet named like one of these is it.
OUTLET_TYPES = frozenset({"news_agency", "official_media"})
# Written dates besides ISO 8601 and RFC 2822 ("Tue, 10 Mar 2025 14:00:00 GMT").
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%Y/%m/%d", "%d/%m/%Y")


def outlet_name(outlet: str | None) -> str | None:
    """The registry's name for an outlet ("Associated Press" -> "AP"), else
    the name as written, trimmed."""
    if outlet is None or not outlet.strip():
        return None
    written = " ".join(outlet.split())
    entry = default_registry().lookup(written)
    return entry.name if entry is not None and entry.type in OUTLET_TYPES else written


def iso_published(published: str | None) -> str | None:
    """ "2025-03-10T14:00:00Z" for any spelling of a moment whose time zone is
    known, "2025-03-10" for a date or a time without zone; anything that is no
    date is kept as written."""
    if published is None or not str(published).strip():
        return None
    text = " ".join(str(published).split())
    moment = _parse(text)
    if moment is None:
        return text
    if moment.tzinfo is None:  # a date, or a local time of unknown zone
        return moment.date().isoformat()
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None
