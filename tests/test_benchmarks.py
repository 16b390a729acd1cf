"""The benchmark script runs end to end on a small corpus (its figures are not checked: timing
belongs to the benchmark, not to the tests)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CROSS_SOURCE = ROOT / "fixtures" / "corpus" / "cross-source"


def test_benchmark_reports_the_median_of_its_rounds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CROSS_SOURCE, corpus)
    articles = len(list(corpus.glob("*.md")))
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), str(corpus), "--repeat", "3", "--no-families", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["files"] == articles
    assert len(report["rounds"]) == 3
    colds = sorted(one["cold"]["wall"] for one in report["rounds"])
    assert report["runs"]["cold"]["wall"] == colds[1]  # the median round
    for one in report["rounds"]:
        assert one["cold"]["findings"] == one["warm"]["findings"] == report["runs"]["cold"]["findings"] > 0
    ratios = sorted(one["cold"]["wall"] / one["regex"]["wall"] for one in report["rounds"])
    [factor] = [t for t in report["targets"] if "regex pass" in t["target"]]
    assert factor["value"].startswith(f"{ratios[1]:.1f}x")
