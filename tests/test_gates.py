"""The CI gates: --changed-since (report only new and edited articles) and baselines."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factlint.cli import main
from tests.conftest import ROOT

SCENARIO = ROOT / "fixtures" / "corpus" / "cross-source"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("a.md", "c.md", "e.md", "g.md"):
        shutil.copy(SCENARIO / name, tmp_path / name)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "ci@example.com")
    _git(tmp_path, "config", "user.name", "CI")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["check", "--no-config", "--select", "FL4", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)["diagnostics"]


def test_changed_since_reports_only_new_files_but_compares_with_all(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SCENARIO / "b.md", repo / "b.md")  # new, untracked: contradicts a.md
    _, everything = _json(capsys, ".")
    assert sorted(d["path"] for d in everything) == ["a.md", "b.md"]
    _, gated = _json(capsys, "--changed-since", "HEAD", ".")
    assert [d["path"] for d in gated] == ["b.md"]
    assert gated[0]["related"][0]["path"] == "a.md"


def test_changed_since_sees_committed_and_edited_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SCENARIO / "b.md", repo / "b.md")
    _git(repo, "add", "b.md")
    _git(repo, "commit", "-q", "-m", "new article")
    _, gated = _json(capsys, "--changed-since", "HEAD~1", ".")
    assert [d["path"] for d in gated] == ["b.md"]
    _, none = _json(capsys, "--changed-since", "HEAD", ".")
    assert none == []


def test_changed_since_bad_ref(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "--changed-since", "no-such-ref", "."]) == 2
    assert "--changed-since" in capsys.readouterr().err


def test_baseline_accepts_old_findings_and_survives_edits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SCENARIO / "b.md", repo / "b.md")
    assert main(["check", "--no-config", "--select", "FL4", "--write-baseline", "baseline.json", "."]) == 0
    capsys.readouterr()
    entries = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {(e["code"], e["path"], e["text"]) for e in entries} == {
        ("FL401", "a.md", "$10 Billion"),
        ("FL401", "b.md", "$1.3B"),
    }
    # An edit above the finding moves its line: the baseline still matches it.
    b = repo / "b.md"
    b.write_text(
        b.read_text(encoding="utf-8").replace("---\n\n", "---\n\nA new first paragraph.\n\n", 1), encoding="utf-8"
    )
    code, found = _json(capsys, "--baseline", "baseline.json", "--fail-on", "warning", ".")
    assert (code, found) == (0, [])
    # A new conflict is reported; a fixed one leaves an unused entry (FL004, info).
    shutil.copy(SCENARIO / "old.md", repo / "old.md")
    b.unlink()
    code, found = _json(capsys, "--baseline", "baseline.json", "--fail-on", "info", ".")
    assert code == 1
    # a.md still conflicts (now with old.md), so its entry is used; b.md's entry is not.
    assert sorted((d["code"], d["path"]) for d in found) == [("FL004", "baseline.json"), ("FL401", "old.md")]


def test_bad_baseline_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "baseline.json").write_text("[]", encoding="utf-8")
    assert main(["check", "--no-config", "--baseline", "baseline.json", "."]) == 2
    assert "not a factlint baseline" in capsys.readouterr().err
