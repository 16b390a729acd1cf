"""Benchmark of the dates plugin alone: extraction, claims and the rules FL201–FL207.

Usage: python benchmarks/bench_dates.py [CORPUS_DIR]   (default: ../shared/corpus)

The core's parsing (front matter, Markdown blocks, prose masking, sentences) is timed apart,
and so is the pattern scan alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load, token_pass
from factlint_dates import extract
from factlint_dates.hooks import factlint_document_metadata, factlint_extract_claims
from factlint_dates.rules import ALL_RULES

from factlint.rules import RuleContext


def main() -> None:
    corpus = load(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
    rules = [rule() for rule in ALL_RULES]
    mentions = findings = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in corpus.docs:
        for key, value in (factlint_document_metadata(doc, None) or {}).items():
            doc.metadata.setdefault(key, value)
        claims = factlint_extract_claims(doc, None)
        mentions += len(extract.extract_dates(doc))
        ctx = RuleContext(config=None, claims=claims)  # type: ignore[arg-type]
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    scan0 = time.process_time()
    for doc in corpus.docs:
        extract._scan(doc.prose)
    scan = time.process_time() - scan0
    base = token_pass(corpus)
    print(f"{len(corpus.docs)} articles, {corpus.megabytes:.1f} MB, {mentions} date mentions, {findings} findings")
    print(corpus.line("core parse (not the plugin):", corpus.parse_seconds))
    print(corpus.line("dates pattern scan (CPU):", scan))
    print(corpus.line("dates plugin (wall):", wall))
    print(corpus.line("dates plugin (CPU):", cpu))
    print(f"one tokenising regex pass: {base:.2f} s CPU; the plugin takes {cpu / base:.1f}x that")


if __name__ == "__main__":
    main()
