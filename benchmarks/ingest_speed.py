"""How long `claimtrack ingest` takes against a bare spaCy run over the same texts.

Both are timed as whole processes (start-up and model load included), in
interleaved rounds, each ingest into a fresh database:

    .venv/bin/python benchmarks/ingest_speed.py [--articles 300] [--rounds 3] [--lang fr]
    .venv/bin/python benchmarks/ingest_speed.py --corpus ../shared/polnear/dev.jsonl

The texts are every fixture article of the language (English: fixtures/**/*.txt,
.md, and the texts of .json/.jsonl records, fixtures/fr/ aside; French: those of
fixtures/fr/), or the `text` of each record of --corpus (real news, in
PolNeAR's JSON Lines), repeated until there are --articles of them (a corpus:
each record once by default), each copy given a distinct closing sentence so
that no two are the same article. An English run also reports which language
pipelines an extractor loaded for its texts (English only: no French model).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BARE_SCRIPT = """
import sys
from pathlib import Path
import spacy
texts = [p.read_text("utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
nlp = spacy.load(sys.argv[1])
list(nlp.pipe(texts))
"""


def fixture_texts(lang: str) -> list[str]:
    texts = []
    french = ROOT / "fixtures" / "fr"
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if (lang == "fr") != path.is_relative_to(french):
            continue
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text("utf-8"))
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            texts += [record["text"] for record in (data if isinstance(data, list) else [data])]
        elif path.suffix == ".jsonl":
            lines = path.read_text("utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def corpus_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]


CLOSING = {"en": "This is copy {n} of the benchmark corpus.", "fr": "Ceci est la copie {n} du corpus de mesure."}


def write_corpus(directory: Path, texts: list[str], count: int, lang: str) -> None:
    for n in range(count):
        text = texts[n % len(texts)].rstrip("\n")
        variant = f"{text}\n{CLOSING[lang].format(n=n)}\n"
        (directory / f"article-{n:04d}.txt").write_text(variant, "utf-8")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command's worker processes
    included) of a command: on a machine other jobs share, CPU time is the fair one."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, help="default: 300 from the fixtures, or each --corpus record once")
    parser.add_argument("--corpus", type=Path, help="a JSON Lines file whose records' `text` are the articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", choices=("en", "fr"), default="en", help="the articles' language")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from claimtrack import nlp

    model = nlp.choose_model(None, args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        texts = corpus_texts(args.corpus) if args.corpus else fixture_texts(args.lang)
        count = args.articles or (len(texts) if args.corpus else 300)
        write_corpus(corpus, texts, count, args.lang)
        ingest = [str(BIN / "claimtrack"), "ingest", "--lang", args.lang]
        runs = {
            "bare spaCy": lambda db: [str(BIN / "python"), "-c", BARE_SCRIPT, model, str(corpus)],
            "ingest --jobs 1": lambda db: [*ingest, db, str(corpus), "--jobs", "1"],
            "ingest (default jobs)": lambda db: [*ingest, db, str(corpus)],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for round_number in range(args.rounds):
            for name, command in runs.items():
                db = str(Path(tmp) / f"{round_number}-{len(times[name])}-{name.split()[-1]}.db")
                times[name].append(timed(command(db)))
                wall, cpu = times[name][-1]
                print(f"round {round_number + 1}: {name}: {wall:.2f}s wall, {cpu:.2f}s CPU", file=sys.stderr)

    walls = {name: statistics.median(wall for wall, _ in values) for name, values in times.items()}
    cpus = {name: statistics.median(cpu for _, cpu in values) for name, values in times.items()}
    print(f"{count} articles ({args.corpus or 'fixtures'}), model {model}, {os.cpu_count()} cores, {args.rounds} rounds")
    for name in runs:
        print(f"  {name:<22} median {walls[name]:6.2f}s wall, {cpus[name]:6.2f}s CPU")
    for name in ("ingest --jobs 1", "ingest (default jobs)"):
        print(f"  ratio bare / {name:<22} {walls['bare spaCy'] / walls[name]:.2f} wall, {cpus['bare spaCy'] / cpus[name]:.2f} CPU")
    if args.lang == "en":
        print(f"  language pipelines loaded for these texts: {loaded_pipelines(texts[:20])}")


def loaded_pipelines(texts: list[str]) -> list[str]:
    """The languages whose model an extractor loaded for `texts` (detected)."""
    from claimtrack.extract import Extractor
    from claimtrack.language import detect_language
    from claimtrack.model import Article

    extractor = Extractor()
    list(extractor.extract_many(Article(text=text, lang=detect_language(text)) for text in texts))
    return sorted(extractor.pipelines)


if __name__ == "__main__":
    main()
