"""The real corpus: no plugin fails on any of its articles, and exactly its drafts are drafts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from factlint.cli import main


@pytest.mark.slow
def test_corpus_run_has_no_internal_errors_and_finds_every_draft(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--format", "json", "--no-config", "--no-cache", str(corpus)])
    report = json.loads(capsys.readouterr().out)
    articles = sum(1 for p in corpus.rglob("*") if p.suffix in (".md", ".markdown", ".txt"))
    assert report["files"] == articles
    errors = [d for d in report["diagnostics"] if d["code"] in ("FL001", "FL002")]
    assert errors == []
    assert code == 1  # the drafts
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        drafts = {row["file"] for row in csv.DictReader(fh, delimiter="\t") if row["is_draft"] == "yes"}
    flagged = {Path(d["path"]).relative_to(corpus).as_posix() for d in report["diagnostics"] if d["code"] == "FL501"}
    assert len(drafts) == 20
    assert flagged == drafts
