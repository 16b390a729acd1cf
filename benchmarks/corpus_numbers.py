"""Run the FL101–FL103 rules over the corpus and the seeds and print every finding.

Usage: python benchmarks/corpus_numbers.py [PATHS...]   (default: ../shared/corpus and ../shared/seeds)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from factlint_numbers.claims import extract_claims
from factlint_numbers.rules.FL101_numeric_conflict import NumericConflict
from factlint_numbers.rules.FL102_comparison_mismatch import ComparisonMismatch
from factlint_numbers.rules.FL103_change_mismatch import ChangeMismatch

from factlint.document import parse
from factlint.metadata import resolve
from factlint.rules import RuleContext

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def files(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [SHARED / "corpus", SHARED / "seeds"]
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        else:
            out.extend(sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt", ".markdown") and p.is_file()))
    return out


def main() -> None:
    rules = [NumericConflict(), ComparisonMismatch(), ChangeMismatch()]
    counts: Counter[str] = Counter()
    for path in files(sys.argv[1:]):
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = parse(str(path), text)
        doc.metadata = resolve(doc)
        ctx = RuleContext(config=None, claims=extract_claims(doc))  # type: ignore[arg-type]
        for rule in rules:
            for d in rule.check(doc, ctx):
                counts[d.code] += 1
                print(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")
                print(f"    | {doc.line_text(d.line).strip()[:300]}")
    print(dict(counts))


if __name__ == "__main__":
    main()
