"""Benchmark of the numbers plugin alone: quantity and claim extraction plus FL101–FL103.

Usage: python benchmarks/bench_numbers.py [CORPUS_DIR]   (default: ../shared/corpus)

Parsing (markdown-it, front matter) is timed apart: it is the core's, not this plugin's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load, token_pass
from factlint_numbers.claims import analyse
from factlint_numbers.rules.FL101_numeric_conflict import NumericConflict
from factlint_numbers.rules.FL102_comparison_mismatch import ComparisonMismatch
from factlint_numbers.rules.FL103_change_mismatch import ChangeMismatch

from factlint.rules import RuleContext


def main() -> None:
    corpus = load(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
    rules = [NumericConflict(), ComparisonMismatch(), ChangeMismatch()]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    claims = mentions = findings = 0
    for doc in corpus.docs:
        analysis = analyse(doc)
        claims += len(analysis.claims)
        mentions += sum(len(s.mentions) for s in analysis.sentences)
        ctx = RuleContext(config=None, claims=analysis.claims)  # type: ignore[arg-type]
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    base = token_pass(corpus)
    print(
        f"{len(corpus.docs)} articles, {corpus.megabytes:.1f} MB, {mentions} quantities, {claims} claims, "
        f"{findings} findings"
    )
    print(corpus.line("core parse (not the plugin):", corpus.parse_seconds))
    print(corpus.line("numbers plugin (wall):", wall))
    print(corpus.line("numbers plugin (CPU):", cpu))
    print(f"one tokenising regex pass: {base:.2f} s CPU; the plugin takes {cpu / base:.1f}x that")


if __name__ == "__main__":
    main()
