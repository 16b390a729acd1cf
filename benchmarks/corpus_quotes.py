"""Run the quotes rules over the corpus and the seeds and print every finding (a script, not a test).

Usage: python benchmarks/corpus_quotes.py [FOLDER …] [--rule FL301] [--quotes]
Default folders: <repo>/../shared/corpus and <repo>/../shared/seeds.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from factlint_quotes import AnonymousSource, UnattributedQuote, UnbalancedQuote, list_quotes

from factlint.document import parse
from factlint.rules import RuleContext

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def files(folders: list[Path]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        out.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt", ".markdown") and p.is_file()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--rule", action="append", default=[])
    parser.add_argument("--quotes", action="store_true", help="list the speech quotes instead of findings")
    args = parser.parse_args()
    folders = args.folders or [SHARED / "corpus", SHARED / "seeds"]
    rules = [UnattributedQuote(), AnonymousSource(), UnbalancedQuote()]
    if args.rule:
        rules = [r for r in rules if r.code in args.rule]
    counts: collections.Counter[str] = collections.Counter()
    for path in files(folders):
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = parse(str(path), text)
        if args.quotes:
            for record in list_quotes(doc):
                print(record.format())
            continue
        ctx = RuleContext(config=None)  # type: ignore[arg-type]
        for rule in rules:
            for d in rule.check(doc, ctx):
                counts[d.code] += 1
                line = doc.line_text(d.line)
                lo = max(0, d.column - 60)
                print(
                    f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}\n    | {line[lo : d.column + 60]}"
                )
    for code, n in sorted(counts.items()):
        print(f"# {code}: {n}")


if __name__ == "__main__":
    main()
