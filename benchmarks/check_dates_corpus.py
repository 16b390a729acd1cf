"""Run the date rules over the corpus and the seeds and print every finding (for reading).

Usage: python benchmarks/check_dates_corpus.py [CORPUS_DIR ...] [--select FL203]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from factlint_dates import hooks as factlint_dates
from factlint_dates.rules import ALL_RULES

from factlint.document import parse
from factlint.metadata import resolve
from factlint.rules import RuleContext

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def lint(path: Path, rules: list) -> list:
    text = path.read_text("utf-8", errors="replace")
    doc = parse(str(path), text)
    meta = dict(resolve(doc))
    for key, value in (factlint_dates.factlint_document_metadata(doc, None) or {}).items():
        meta.setdefault(key, value)
    doc.metadata = meta
    claims = factlint_dates.factlint_extract_claims(doc, None)
    ctx = RuleContext(config=None, claims=claims)  # type: ignore[arg-type]
    return [d for rule in rules for d in rule.check(doc, ctx)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="*", type=Path, default=[SHARED / "corpus", SHARED / "seeds"])
    parser.add_argument("--select", default="FL2")
    args = parser.parse_args(argv)
    rules = [r() for r in ALL_RULES if r.code.startswith(args.select) or r.name == args.select]
    counts: collections.Counter[str] = collections.Counter()
    for folder in args.dirs:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".txt")):
            for d in lint(path, rules):
                counts[d.code] += 1
                rel = path.relative_to(folder.parent) if folder.parent in path.parents else path
                print(f"{rel}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")
    print("\n" + ", ".join(f"{code}: {n}" for code, n in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
