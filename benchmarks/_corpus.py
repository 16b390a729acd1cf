"""What the per-plugin benchmarks share: where the corpus is and how its articles are loaded.

The core's work (decoding, front matter, Markdown blocks, prose mask, sentences) is done and
timed here, so a plugin benchmark times the plugin alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import regex

from factlint.document import Document, parse
from factlint.metadata import resolve

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DEFAULT_CORPUS = SHARED / "corpus"
SUFFIXES = (".md", ".markdown", ".txt")


@dataclass
class Corpus:
    docs: list[Document]
    megabytes: float
    parse_seconds: float

    def line(self, label: str, seconds: float) -> str:
        """``label``: seconds, articles/s and MB/s, aligned with the other lines."""
        n = len(self.docs)
        return f"{label:<28} {seconds:6.2f} s  {n / seconds:8.0f} articles/s  {self.megabytes / seconds:6.2f} MB/s"


def article_paths(folder: Path) -> list[Path]:
    paths = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    if not paths:
        raise SystemExit(f"no articles under {folder}")
    return paths


def load(folder: Path) -> Corpus:
    """Every article under ``folder``, parsed, with its metadata resolved and its prose ready."""
    paths = article_paths(folder)
    size = 0
    docs: list[Document] = []
    start = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        doc = parse(str(path), data.decode("utf-8", errors="replace"))
        doc.metadata = resolve(doc)
        _ = doc.prose, doc.sentences
        docs.append(doc)
    return Corpus(docs, size / 1e6, time.perf_counter() - start)


_TOKEN = regex.compile(r"\w+|[^\w\s]")


def token_pass(corpus: Corpus) -> float:
    """CPU seconds of one pass of a single tokenising regex over the texts: the yardstick."""
    start = time.process_time()
    for doc in corpus.docs:
        for _ in _TOKEN.finditer(doc.text):
            pass
    return time.process_time() - start
