"""Benchmark of the quotes plugin over the corpus (a script, not a test).

Usage: python benchmarks/bench_quotes.py [CORPUS_FOLDER]   (default: <repo>/../shared/corpus)

Parsing (the core's Markdown pass) is timed apart from the plugin: the claim extraction and
the three rules FL301–FL303 over every article, with the analysis shared between them as in a
real run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import regex
from factlint_quotes import AnonymousSource, UnattributedQuote, UnbalancedQuote, quote_claims

from factlint.document import parse
from factlint.rules import RuleContext

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "corpus"
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file())
    texts = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    size_mb = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6

    t0 = time.perf_counter()
    docs = [parse(path, text) for path, text in texts]
    for doc in docs:
        _ = doc.prose, doc.blocks
    parse_s = time.perf_counter() - t0

    rules = [UnattributedQuote(), AnonymousSource(), UnbalancedQuote()]
    ctx = RuleContext(config=None)  # type: ignore[arg-type]
    findings = claims = 0
    t1 = time.perf_counter()
    for doc in docs:
        claims += len(quote_claims(doc))
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    plugin_s = time.perf_counter() - t1

    t2 = time.perf_counter()
    tokens = regex.compile(r"\w+|[^\w\s]")
    for _, text in texts:
        tokens.findall(text)
    token_s = time.perf_counter() - t2

    n = len(docs)
    print(f"corpus: {n} articles, {size_mb:.1f} MB")
    print(f"reference, one tokenising regex pass: {token_s:.2f} s")
    print(f"parse (core, for reference): {parse_s:.2f} s")
    print(f"quotes plugin: {plugin_s:.2f} s  ({n / plugin_s:.0f} articles/s, {size_mb / plugin_s:.1f} MB/s)")
    print(f"plugin / tokenising pass: {plugin_s / token_s:.1f}x")
    print(f"quote claims: {claims}, findings: {findings}")


if __name__ == "__main__":
    main()
