"""The session's run as a whole: what it changes in the process while it runs, and sets back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from factlint import runner
from factlint.runner import GC_YOUNG_THRESHOLD, Session
from factlint.testing import make_config, plugin_manager

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
