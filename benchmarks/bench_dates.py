"""Benchmark of the dates plugin: extraction and the FL2xx rules over the corpus.

Usage: python benchmarks/bench_dates.py [CORPUS_DIR]   (default: <repo>/../shared/corpus)

Prints articles/s and MB/s for the plugin's own work (date extraction, claims, rules) with
the core's parsing (front matter, Markdown blocks, prose masking, sentences) timed apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from factlint_dates import extract
from factlint_dates.hooks import factlint_document_metadata, factlint_extract_claims
from factlint_dates.rules import ALL_RULES

from factlint.document import parse
from factlint.metadata import resolve
from factlint.rules import RuleContext

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    paths = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".md", ".markdown", ".txt"))
    texts = [(str(p), p.read_text("utf-8", errors="replace")) for p in paths]
    size_mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6

    start = time.perf_counter()
    docs = []
    for path, text in texts:
        doc = parse(path, text)
        doc.metadata = resolve(doc)
        _ = doc.prose, doc.sentences
        docs.append(doc)
    core = time.perf_counter() - start

    rules = [rule() for rule in ALL_RULES]
    start = time.perf_counter()
    mentions = findings = 0
    for doc in docs:
        for key, value in (factlint_document_metadata(doc, None) or {}).items():
            doc.metadata.setdefault(key, value)
        claims = factlint_extract_claims(doc, None)
        mentions += len(extract.extract_dates(doc))
        ctx = RuleContext(config=None, claims=claims)  # type: ignore[arg-type]
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    plugin = time.perf_counter() - start

    start = time.perf_counter()
    for doc in docs:
        extract._scan(doc.prose)
    scan = time.perf_counter() - start

    n = len(docs)
    print(f"corpus: {n} articles, {size_mb:.1f} MB, {mentions} date mentions, {findings} findings")
    print(f"core parse (not the plugin): {core:6.2f} s  {n / core:8.0f} articles/s  {size_mb / core:6.2f} MB/s")
    print(f"dates pattern scan only:     {scan:6.2f} s  {n / scan:8.0f} articles/s  {size_mb / scan:6.2f} MB/s")
    print(f"dates plugin (all of it):    {plugin:6.2f} s  {n / plugin:8.0f} articles/s  {size_mb / plugin:6.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
