"""The session's run as a whole: what it changes in the process while it runs, and sets back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from factlint import runner
from factlint.model import DocumentSummary
from factlint.rules import Rule
from factlint.runner import GC_YOUNG_THRESHOLD, Session
from factlint.testing import make_config, plugin_manager
from tests.conftest import ROOT

ARTICLE = "---\ntitle: A\ndate: 2024-05-01\n---\n\nThe fund raised $5 million in 2023.\n"


def test_a_run_tunes_the_collector_and_sets_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    session = Session(plugin_manager(), make_config({"select": ["FL5"]}))
    seen: list[tuple[tuple[int, int, int], int]] = []
    check_files = session._check_files

    def spy(*args: object, **kwargs: object) -> object:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return check_files(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "_check_files", spy)
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    result = session.run([str(tmp_path)])
    assert result.files == 1
    ((threshold, frozen_during),) = seen
    assert threshold == (GC_YOUNG_THRESHOLD, *before[1:])
    assert frozen_during > frozen  # what existed before the run was frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_a_run_leaves_a_disabled_collector_alone(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    session = Session(plugin_manager(), make_config({"select": ["FL5"]}))
    before = gc.get_threshold()
    gc.disable()
    try:
        with runner._batch_collector():
            assert gc.get_threshold() == before
            assert gc.get_freeze_count() == 0
        session.run([str(tmp_path)])
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- what the summaries keep for phase 2 ----------------------------------------------------------


class _ReadsEveryClaim(Rule):
    """A corpus rule that does not say which claims it reads."""

    code = "LOC900"
    name = "reads-every-claim"
    scope = "corpus"


def _summaries(session: Session, paths: list[Path]) -> list[DocumentSummary]:
    results = [session.check_path(str(path), lookup=False, remember=False) for path in paths]
    return [r.summary for r in results if r.summary is not None]


CROSS_SOURCE = ROOT / "fixtures" / "corpus" / "cross-source"


def test_summaries_keep_the_claims_the_corpus_rules_read_and_find_the_same(seeds: Path, corpus: Path) -> None:
    paths = [*sorted(CROSS_SOURCE.glob("*.md")), *sorted(seeds.glob("*.txt")), *sorted(corpus.rglob("*.md"))[::15]]
    session = Session(plugin_manager(), make_config())
    kept = _summaries(session, paths)
    session.keep_claims = True  # as the claim store asks: every claim
    every = _summaries(session, paths)
    assert 0 < sum(len(s.claims) for s in kept) < sum(len(s.claims) for s in every) / 10
    found = session.check_corpus(kept)
    assert {d.code for d in found} == {"FL401"}
    assert found == session.check_corpus(every)


def test_a_corpus_rule_that_does_not_say_what_it_reads_is_given_every_claim(seeds: Path) -> None:
    paths = sorted(seeds.glob("*.txt"))
    session = Session(plugin_manager(), make_config())
    session.rules.append(_ReadsEveryClaim())
    kept = _summaries(session, paths)
    session.keep_claims = True
    assert kept == _summaries(session, paths)
    assert sum(len(s.claims) for s in kept) > 0


def test_summaries_keep_no_claims_when_no_corpus_rule_runs(seeds: Path) -> None:
    session = Session(plugin_manager(), make_config({"select": ["FL1", "FL2", "FL3", "FL5"]}))
    assert all(not s.claims for s in _summaries(session, sorted(seeds.glob("*.txt"))))
