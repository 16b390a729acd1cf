"""Benchmark of the numbers plugin alone: quantity and claim extraction plus FL101–FL103.

Usage: python benchmarks/bench_numbers.py [CORPUS_DIR]   (default: ../shared/corpus)

Parsing (markdown-it, front matter) is timed separately: it is the core's, not this plugin's.
Reports articles/s and MB/s of wall-clock and CPU time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import regex
from factlint_numbers.claims import analyse
from factlint_numbers.rules.FL101_numeric_conflict import NumericConflict
from factlint_numbers.rules.FL102_comparison_mismatch import ComparisonMismatch
from factlint_numbers.rules.FL103_change_mismatch import ChangeMismatch

from factlint.document import parse
from factlint.metadata import resolve
from factlint.rules import RuleContext

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    paths = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown", ".txt"))
    if not paths:
        sys.exit(f"no articles under {root}")
    docs = []
    size = 0
    t0 = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        doc = parse(str(path), data.decode("utf-8", errors="replace"))
        doc.metadata = resolve(doc)
        _ = doc.prose, doc.sentences  # the core's work, done before timing the plugin
        docs.append(doc)
    parse_s = time.perf_counter() - t0
    rules = [NumericConflict(), ComparisonMismatch(), ChangeMismatch()]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    claims = mentions = findings = 0
    for doc in docs:
        analysis = analyse(doc)
        claims += len(analysis.claims)
        mentions += sum(len(s.mentions) for s in analysis.sentences)
        ctx = RuleContext(config=None, claims=analysis.claims)  # type: ignore[arg-type]
        for rule in rules:
            findings += sum(1 for _ in rule.check(doc, ctx))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    # the yardstick: one pass of a single tokenising regex over the same texts, timed alike
    token = regex.compile(r"\w+|[^\w\s]")
    base0 = time.process_time()
    for doc in docs:
        for _ in token.finditer(doc.text):
            pass
    base = time.process_time() - base0
    mb = size / 1e6
    print(f"{len(docs)} articles, {mb:.1f} MB (parsing by the core: {parse_s:.2f} s, not counted)")
    print(f"numbers plugin: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  {len(docs) / wall:.0f} articles/s, {mb / wall:.2f} MB/s (wall); {mb / cpu:.2f} MB/s (CPU)")
    print(f"  {mentions} quantities, {claims} claims, {findings} findings")
    print(f"one tokenising regex pass: {base:.2f} s CPU; the plugin takes {cpu / base:.1f}× that")


if __name__ == "__main__":
    main()
