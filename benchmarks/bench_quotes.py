"""Benchmark of the quotes plugin alone: quote claims and the rules FL301–FL303.

Usage: python benchmarks/bench_quotes.py [CORPUS_DIR]   (default: ../shared/corpus)

Parsing (the core's Markdown pass) is timed apart; the analysis is shared between the claims
and the three rules as in a real run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load, token_pass
from factlint_quotes import AnonymousSource, UnattributedQuote, UnbalancedQuote, quote_claims

from factlint.rules import RuleContext


def main() -> None:
    corpus = load(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
    rules = [UnattributedQuote(), AnonymousSource(), UnbalancedQuote()]
    ctx = RuleContext(config=None)  # type: ignore[arg-type]
    findings = claims = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for doc in corpus.docs:
        claims += len(quote_claims(doc))
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    base = token_pass(corpus)
    print(f"{len(corpus.docs)} articles, {corpus.megabytes:.1f} MB, {claims} quote claims, {findings} findings")
    print(corpus.line("core parse (not the plugin):", corpus.parse_seconds))
    print(corpus.line("quotes plugin (wall):", wall))
    print(corpus.line("quotes plugin (CPU):", cpu))
    print(f"one tokenising regex pass: {base:.2f} s CPU; the plugin takes {cpu / base:.1f}x that")


if __name__ == "__main__":
    main()
