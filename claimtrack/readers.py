"""Input files to Articles: text, Markdown, JSON, JSON Lines, HTML, directories, stdin.

Readers never raise on bad input: they yield a Problem naming the file (and
line) and carry on, so one bad file does not stop the rest of a run."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from .language import detect_language
from .model import Article

STDIN = "-"
DEFAULT_MAX_BYTES = 20_000_000
# Work per article grows with its length: one article of a million characters
# (some 150,000 words, thirty times a long feature) is ingested in minutes.
DEFAULT_MAX_CHARS = 1_000_000
# Python refuses to make an int of more digits than this (sys.get_int_max_str_digits)
MAX_NUMBER_DIGITS = 4300
SENTENCE_ENDS = ".!?\"”’»"
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
READABLE_SUFFIXES = (*TEXT_SUFFIXES, ".json", ".jsonl", *HTML_SUFFIXES)
# A first line this short without final punctuation is a headline, not a sentence.
MAX_HEADLINE_CHARS = 150
FINAL_PUNCTUATION = ".!?…:;,"
CLOSING_MARKS = "\"'”’»)]"
RECORD_FIELDS = ("id", "url", "outlet", "title", "published", "lang")
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff")  # also prefixes of the UTF-32 BOMs


@dataclass
class Problem:
    """An input that could not be read; origin is "path" or "path:line"."""

    origin: str
    message: str


@dataclass
class Skipped:
    """A file in a directory that is not of a type claimtrack reads."""

    origin: str


@dataclass
class Defaults:
    """Field values (from CLI options) for records that lack them."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    lang: str | None = None  # None: detected from each text

    def article(self, text: str, origin: str, **found) -> Article:
        """An Article with the fields found in the input, these defaults for the rest."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update((name, value) for name, value in found.items() if value is not None)
        values["lang"] = values["lang"] or detect_language(text)
        return Article(text=text, origin=origin, **values)


class BadInput(Exception):
    """Raised inside a reader, turned into a Problem for the file."""


def read_inputs(
    paths: Iterable[str],
    defaults: Defaults = Defaults(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Problem | Skipped]:
    """Everything in `paths`, in order; directories walked recursively, sorted."""
    url_given_to = None
    for item in _read_paths(paths, defaults, max_bytes):
        if isinstance(item, Article) and len(item.text) > max_chars:
            item = Problem(
                item.origin, f"article is {len(item.text):,} characters, over the limit of {max_chars:,} (--max-chars)"
            )
        if isinstance(item, Article) and defaults.url and item.url == defaults.url:
            # Articles are deduplicated by url: one --url on two articles would drop the second.
            if url_given_to:
                item = Problem(item.origin, f"--url was already given to {url_given_to}")
            else:
                url_given_to = item.origin
        yield item


def _read_paths(
    paths: Iterable[str], defaults: Defaults, max_bytes: int
) -> Iterator[Article | Problem | Skipped]:
    for name in paths:
        if name == STDIN:
            yield from _guarded("<stdin>", lambda: _read_stdin(defaults, max_bytes))
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_directory(path, defaults, max_bytes)
        elif path.exists():
            yield from read_file(path, defaults, max_bytes)
        else:
            yield Problem(shown(name), "no such file or directory")


def _read_directory(directory: Path, defaults: Defaults, max_bytes: int) -> Iterator[Article | Problem | Skipped]:
    """Files under `directory`, sorted; symbolic links to folders are not
    followed (no loops), and what cannot be read is named, not dropped."""
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        problems.append(Problem(shown(error.filename), f"cannot read directory: {error.strerror}"))

    for folder, folders, files in os.walk(directory, onerror=unreadable):
        linked = [name for name in folders if Path(folder, name).is_symlink()]
        found += [Path(folder, name) for name in (*files, *linked)]
    yield from problems
    for child in sorted(found):
        if child.suffix.lower() not in READABLE_SUFFIXES or child.is_dir():
            yield Skipped(shown(child))
        elif not child.exists():
            yield Problem(shown(child), "no such file (a broken or looping symbolic link)")
        else:
            yield from read_file(child, defaults, max_bytes)


def shown(path) -> str:
    """A file name fit for a one-line message: control characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(path))


def read_file(
    path: Path, defaults: Defaults = Defaults(), max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Problem]:
    """The articles in one file, chosen by suffix (unknown suffixes read as text)."""
    return _guarded(shown(path), lambda: _read_file(path, defaults, max_bytes))


def _guarded(origin: str, read) -> Iterator[Article | Problem]:
    try:
        yield from read()
    except BadInput as exc:
        yield Problem(origin, str(exc))
    except OSError as exc:
        yield Problem(origin, exc.strerror or str(exc))


def _read_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Article | Problem]:
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        # a FIFO or a terminal would block the run until someone writes to it
        raise BadInput("not a regular file (a FIFO, socket or device), not read")
    if status.st_size > max_bytes:
        raise BadInput(f"file is {status.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    text = decode(path.read_bytes())
    suffix = path.suffix.lower()
    origin = shown(path)
    if suffix == ".json":
        yield from read_json(text, origin, defaults)
    elif suffix == ".jsonl":
        yield from read_jsonl(text, origin, defaults)
    elif suffix in HTML_SUFFIXES:
        yield read_html(text, origin, defaults)
    else:
        yield read_text(text, origin, defaults)


def _read_stdin(defaults: Defaults, max_bytes: int) -> Iterator[Article]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BadInput(f"standard input is over the limit of {max_bytes:,} bytes (--max-bytes)")
    yield read_text(decode(data), "<stdin>", defaults)


def decode(data: bytes) -> str:
    """UTF-8 (BOM dropped), else the encoding charset-normalizer finds."""
    if not data.strip():
        raise BadInput("empty file")
    if b"\x00" in data and not data.startswith(UTF16_32_BOMS):
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        _refuse_mixed_encodings(data, error)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("cannot decode: not UTF-8 and no other text encoding fits")
    return str(best)


def _refuse_mixed_encodings(data: bytes, error: UnicodeDecodeError) -> None:
    """A UTF-8 file with a line in another encoding has no one encoding:
    decoded whole as another, its UTF-8 lines would become mojibake."""
    bad_line = data.count(b"\n", 0, error.start) + 1
    for line in data.splitlines():
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            raise BadInput(f"line {bad_line} is not UTF-8 but other lines are: save the file in one encoding")


def read_text(text: str, origin: str, defaults: Defaults = Defaults()) -> Article:
    """Plain text or Markdown; a short unpunctuated first line is the title."""
    first_line, _, rest = text.lstrip().partition("\n")
    headline = first_line.strip().lstrip("#").strip()
    is_headline = (
        rest.strip()
        and 0 < len(headline) <= MAX_HEADLINE_CHARS
        and not headline.rstrip(CLOSING_MARKS).endswith(tuple(FINAL_PUNCTUATION))
    )
    return defaults.article(text, origin, title=headline if is_headline else None)


def read_json(
    text: str, origin: str, defaults: Defaults = Defaults()
) -> Iterator[Article | Problem]:
    """One JSON object, or a list of them."""
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON at line {exc.lineno}: {exc.msg}") from None
    if isinstance(data, list):
        for number, record in enumerate(data, 1):
            yield _record_or_problem(record, origin, defaults, f"record {number}: ")
    else:
        yield _record_or_problem(data, origin, defaults)


def read_jsonl(
    text: str, origin: str, defaults: Defaults = Defaults()
) -> Iterator[Article | Problem]:
    """One JSON object a line; blank lines ignored; problems name the line."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        line_origin = f"{origin}:{number}"
        try:
            record = parse_json(line)
        except json.JSONDecodeError as exc:
            yield Problem(line_origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except BadInput as exc:
            yield Problem(line_origin, str(exc))
            continue
        yield _record_or_problem(record, line_origin, defaults)


def parse_json(text: str):
    """json.loads, with nesting too deep and numbers too long as BadInput."""
    try:
        return json.loads(text, parse_int=_json_int)
    except RecursionError:
        raise BadInput("JSON nested too deeply") from None


def _json_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise BadInput(f"a number of {len(digits):,} digits (at most {MAX_NUMBER_DIGITS:,})")
    return int(digits)


def _record_or_problem(
    record, origin: str, defaults: Defaults, prefix: str = ""
) -> Article | Problem:
    try:
        return article_from_record(record, origin, defaults)
    except BadInput as exc:
        return Problem(origin, prefix + str(exc))


def article_from_record(record, origin: str, defaults: Defaults = Defaults()) -> Article:
    """A JSON record: `text` required; id, url, outlet, title, published, lang optional."""
    if not isinstance(record, dict):
        raise BadInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput('record has no "text"' if text is None else '"text" must be a non-empty string')
    _check_string("text", text)
    found = {}
    for name in RECORD_FIELDS:
        value = record.get(name)
        if isinstance(value, (dict, list, bool)):
            raise BadInput(f'"{name}" must be a string')
        if value is not None and str(value).strip():
            found[name] = _check_string(name, str(value))
    return defaults.article(text, origin, **found)


def _check_string(name: str, value: str) -> str:
    """Text SQLite and every reader can hold: no NUL, no lone surrogate."""
    if "\x00" in value:
        raise BadInput(f'"{name}" contains a NUL character')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f'"{name}" contains an invalid surrogate (\\u{ord(value[exc.start]):04x})') from None
    return value


def read_html(html: str, origin: str, defaults: Defaults = Defaults()) -> Article:
    """Main text and metadata (title, date, url, site name as outlet) via trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None or not _has_sentence(document.text or ""):
        raise BadInput("no article text found in the HTML")
    return defaults.article(
        document.text,
        origin,
        url=document.url,
        outlet=document.sitename,
        title=document.title,
        published=document.date,
    )


def _has_sentence(text: str) -> bool:
    """Menus, navigation and cookie notices are short lines without a full
    stop: a page with no line of four words ending a sentence holds no article."""
    return any(
        len(line.split()) >= 4 and line.rstrip()[-1] in SENTENCE_ENDS for line in text.splitlines() if line.strip()
    )
