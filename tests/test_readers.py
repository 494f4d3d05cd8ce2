"""Input files to Articles (no model needed)."""

from __future__ import annotations

import json

from claimtrack.model import Article
from claimtrack.readers import Defaults, Problem, Skipped, read_inputs

from .ingest_helpers import SEED_ARTICLE

HTML = """<html><head><title>Rebels take Aleppo | Example News</title>
<meta property="og:title" content="Rebels take Aleppo">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-11-30T10:00:00Z">
<link rel="canonical" href="https://news.example.org/aleppo">
</head><body><nav>Home | World | Sport</nav><article><h1>Rebels take Aleppo</h1>
<p>Jihadists and allied rebel factions have captured most of Aleppo, an NGO said on Saturday,
after a lightning offensive against the forces of the government.</p>
<p>"HTS and allied rebel factions took control of most of the city," said the Syrian
Observatory for Human Rights.</p></article><footer>Copyright Example News</footer></body></html>"""


def read(*paths, **defaults) -> list:
    return list(read_inputs([str(p) for p in paths], Defaults(**defaults)))


def test_seed_text_is_kept_exactly_and_has_no_headline():
    [article] = read(SEED_ARTICLE)
    assert article.text == SEED_ARTICLE.read_text("utf-8")
    assert article.title is None  # its first line is a full sentence
    assert article.origin == str(SEED_ARTICLE)


def test_short_unpunctuated_first_line_is_the_title(tmp_path):
    text = "Rebels take Aleppo\nRebels took the city, the Observatory said.\n"
    (tmp_path / "a.txt").write_text(text)
    [article] = read(tmp_path / "a.txt")
    assert article.title == "Rebels take Aleppo"
    assert article.text == text


def test_markdown_heading_is_the_title(tmp_path):
    (tmp_path / "a.md").write_text("# Rebels take Aleppo\n\nRebels took the city, an NGO said.\n")
    [article] = read(tmp_path / "a.md")
    assert article.title == "Rebels take Aleppo"


def test_one_line_or_punctuated_first_line_is_not_a_title(tmp_path):
    (tmp_path / "one.txt").write_text("Rebels took the city\n")
    (tmp_path / "two.txt").write_text('The army said: "We retreated."\nMore text here.\n')
    assert [a.title for a in read(tmp_path / "one.txt", tmp_path / "two.txt")] == [None, None]


def test_json_object_and_list_with_cli_defaults(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "A said B.", "id": 7, "outlet": "AFP"}))
    (tmp_path / "many.json").write_text(
        json.dumps([{"text": "C said D.", "published": "2024-12-01"}, {"text": "E said F.", "lang": "fr"}])
    )
    articles = read(tmp_path / "one.json", tmp_path / "many.json", outlet="Reuters", published="2024-11-30")
    assert [(a.id, a.outlet, a.published, a.lang) for a in articles] == [
        ("7", "AFP", "2024-11-30", "en"),
        (None, "Reuters", "2024-12-01", "en"),
        (None, "Reuters", "2024-11-30", "fr"),
    ]


def test_jsonl_problems_name_file_and_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "A said B."}\n\n{"text": \n{"title": "no text"}\n["not", "an object"]\n')
    good, malformed, no_text, not_object = read(path)
    assert isinstance(good, Article) and good.origin == f"{path}:1"
    assert malformed == Problem(f"{path}:3", malformed.message)
    assert "malformed JSON" in malformed.message
    assert no_text == Problem(f"{path}:4", 'record has no "text"')
    assert not_object.origin == f"{path}:5" and "JSON object" in not_object.message


def test_malformed_json_file_names_the_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{\n  "text": "A said B.",\n  oops\n}')
    [problem] = read(path)
    assert problem.origin == str(path) and "line 3" in problem.message


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(HTML)
    [article] = read(tmp_path / "page.html", outlet="Fallback")
    assert "captured most of Aleppo" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert (article.title, article.published, article.url, article.outlet) == (
        "Rebels take Aleppo",
        "2024-11-30",
        "https://news.example.org/aleppo",
        "Example News",
    )


def test_directory_is_walked_sorted_and_other_types_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z said so.")
    (tmp_path / "a.txt").write_text("A said so.")
    (tmp_path / "a.expected.yml").write_text("claims: []")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Skipped", "Article", "Article", "Skipped"]
    assert [i.text for i in items if isinstance(i, Article)] == ["A said so.", "Z said so."]
    assert items[0] == Skipped(str(tmp_path / "a.expected.yml"))


def test_other_encodings_are_detected_and_bom_dropped(tmp_path):
    text = "Le gouvernement a déclaré que la situation était très grave à Alep, selon l'AFP."
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    assert [a.text for a in read(tmp_path / "latin.txt", tmp_path / "bom.txt", tmp_path / "utf16.txt")] == [text] * 3


def test_unreadable_inputs_become_problems(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(128, 256)) * 3)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n")
    (tmp_path / "big.txt").write_text("x" * 1001)
    expected = {
        "binary.txt": "binary file (contains NUL bytes), not text",
        "garbage.txt": "cannot decode: not UTF-8 and no other text encoding fits",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "big.txt": "file is 1,001 bytes, over the limit of 1,000 (--max-bytes)",
        "missing.txt": "no such file or directory",
    }
    problems = list(read_inputs([str(tmp_path / name) for name in expected], max_bytes=1000))
    assert problems == [Problem(str(tmp_path / name), message) for name, message in expected.items()]


def test_url_default_labels_one_article_only(tmp_path):
    (tmp_path / "a.txt").write_text("A said so.")
    (tmp_path / "b.txt").write_text("B said so.")
    first, second = read(tmp_path / "a.txt", tmp_path / "b.txt", url="https://x.example/1")
    assert first.url == "https://x.example/1"
    assert second == Problem(str(tmp_path / "b.txt"), f"--url was already given to {tmp_path / 'a.txt'}")
