"""Benchmark of the claim store at archive scale (issue: cross-source conflicts and the claim store).

Builds a synthetic archive by repeating the shared corpus with varied entities and values up
to N articles, then measures, each in a fresh process so peak memory is per step:

1. the full ``factlint index`` of the archive;
2. a re-index after 10 files change;
3. ``factlint check NEW.md --db`` of one new article against the store;
4. for scale, ``factlint check`` of the original corpus (indexing it should cost no more).

    python benchmarks/bench_store.py [--articles 100000] [--corpus ../shared/corpus] [--jobs 2]

Not a test: it prints figures; the targets are in the README.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
NUMBER = re.compile(r"(?<![\w.])(\d{2,4})(?=\s*(?:亿|万|million|billion|%|美元|元))")
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell"]


def build_archive(corpus: Path, target: Path, articles: int, seed: int = 7) -> int:
    """Copies of the corpus articles with figures scaled and a dated company sentence added."""
    rng = random.Random(seed)
    sources = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    written = 0
    while written < articles:
        for index, text in enumerate(texts):
            if written >= articles:
                break
            factor = rng.choice((1, 2, 3, 5))
            body = NUMBER.sub(lambda m, f=factor: str(int(m[1]) * f), text)
            company = f"{rng.choice(COMPANIES)} {written % 5000}"
            value = rng.choice((120, 150, 180, 200, 250))
            body += f"\n\n{company} raised ${value} million in its latest funding round.\n"
            folder = target / f"part{written // 1000:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{written:06d}-{sources[index].stem[:40]}.md").write_text(body, encoding="utf-8")
            written += 1
    return written


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB of the child, last line of output)."""
    wrapper = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr.strip()[-300:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        *cmd,
    ]
    start = time.perf_counter()
    out = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=True).stdout.splitlines()
    return time.perf_counter() - start, int(out[-1]) / 1024, out[0] if len(out) > 1 else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic archive")
    args = parser.parse_args()
    factlint = shutil.which("factlint", path=str(Path(sys.executable).parent)) or "factlint"
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    try:
        start = time.perf_counter()
        count = build_archive(args.corpus, work / "archive", args.articles)
        size = sum(p.stat().st_size for p in (work / "archive").rglob("*.md")) / 2**20
        print(f"archive: {count} articles, {size:.0f} MB, built in {time.perf_counter() - start:.1f}s")
        db = str(work / "claims.db")
        j = ["-j", str(args.jobs)]

        secs, mem, line = timed([factlint, "check", "--no-config", "-q", "--exit-zero", *j, str(args.corpus)], work)
        print(f"check of the corpus:           {secs:8.1f}s  peak {mem:6.0f} MB")
        secs, mem, line = timed([factlint, "index", "--no-config", "--db", db, *j, str(args.corpus)], work)
        print(f"index of the corpus:           {secs:8.1f}s  peak {mem:6.0f} MB  ({line})")
        full, mem, line = timed([factlint, "index", "--no-config", "--db", db, "--rebuild", *j, "archive"], work)
        print(f"full index of the archive:     {full:8.1f}s  peak {mem:6.0f} MB  ({count / full:.0f} articles/s)")
        print(f"  {line}")
        for path in sorted((work / "archive").rglob("*.md"))[:10]:
            path.write_text(path.read_text(encoding="utf-8") + "\nAcme 1 raised $999 million.\n", encoding="utf-8")
        secs, mem, line = timed([factlint, "index", "--no-config", "--db", db, *j, "archive"], work)
        print(f"re-index after 10 changes:     {secs:8.1f}s  peak {mem:6.0f} MB  ({100 * secs / full:.1f}% of full)")
        new = work / "new.md"
        new.write_text("---\ntitle: New\ndate: 2026-01-01\n---\n\nAcme 17 raised $900 million in its latest round.\n")
        secs, mem, line = timed(
            [factlint, "check", "--no-config", "--select", "FL4", "--db", db, "--exit-zero", str(new)], work
        )
        print(f"check one article against it:  {secs:8.2f}s  peak {mem:6.0f} MB  ({line})")
        db_size = sum(p.stat().st_size for p in work.glob("claims.db*")) / 2**20
        print(f"store size: {db_size:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
