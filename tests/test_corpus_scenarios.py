"""Golden corpus scenarios (fixtures/corpus/<name>/): several articles, a config, the expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.cli import main
from tests.conftest import ROOT

SCENARIOS = sorted(p for p in (ROOT / "fixtures" / "corpus").iterdir() if (p / "expected.out").is_file())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario(scenario: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scenario)
    config = ["--config", "factlint.yaml"] if (scenario / "factlint.yaml").is_file() else ["--no-config"]
    main(["check", *config, "--no-cache", "-q", "."])
    expected = (scenario / "expected.out").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected
