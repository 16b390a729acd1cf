"""The command line: every output format, exit codes, config, selection and suppression."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from factlint.cli import main
from tests.conftest import SHARED

DRAFT = "---\ntitle: PingCAP 完成 D 轮融资\ndate: 2020-11-23\ndraft: true\n---\n\n正文。\n"
CLEAN = "---\ntitle: Cosmos DB for Data Science\ndraft: false\n---\n\nCosmos DB is a snazzy new(ish) product.\n"
CORE = ["--select", "FL0,FL5"]  # keep these tests about the core, whatever other plugins report


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "posts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "posts" / "notes.rst").write_text(DRAFT, encoding="utf-8")  # not an article type
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "draft.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_and_exit_code(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", *CORE)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "posts/draft.md:4:1: FL501 [error] the article is marked as a draft (draft: true)"
    assert lines[-1] == "Found 1 finding (1 error) in 2 files."


def test_clean_run_exits_zero(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", *CORE, "posts/clean.md")
    assert code == 0
    assert out.strip() == "All clear: no findings in 1 file."


def test_json_shape(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", *CORE, "--format", "json", "posts")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"version", "files", "diagnostics"}
    assert data["files"] == 2
    (diag,) = data["diagnostics"]
    assert diag == {
        "path": str(Path("posts") / "draft.md"),
        "line": 4,
        "column": 1,
        "end_line": 4,
        "end_column": 12,
        "code": "FL501",
        "name": "draft",
        "severity": "error",
        "message": "the article is marked as a draft (draft: true)",
        "plugin": "factlint_meta",
        "related": [],
        "fix": None,
    }


def test_sarif_validates_against_the_schema(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip("the shared SARIF schema is not beside the repository")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    (site / "posts" / "bad.md").write_text("---\ntitle: 'unclosed\n---\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "sarif", "posts")
    log = json.loads(out)
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    ids = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert {"FL501", "FL502"} <= ids
    results = {r["ruleId"]: r for r in run_["results"]}
    loc = results["FL501"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "posts/draft.md"
    assert loc["region"]["startLine"] == 4
    assert results["FL501"]["level"] == "error"


def test_sarif_of_seeds_validates(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    _, out, _ = run(capsys, "check", "--format", "sarif", str(seeds))
    jsonschema.validate(json.loads(out), schema)


def test_github_annotations(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", *CORE, "--format", "github", "posts")
    assert out.splitlines() == [
        "::error file=posts/draft.md,line=4,col=1,endLine=4,endColumn=12,title=FL501 draft::"
        "the article is marked as a draft (draft: true)"
    ]


def test_show_source_and_statistics(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", *CORE, "--show-source", "--statistics", "posts")
    lines = out.splitlines()
    assert lines[1] == "    draft: true"
    assert lines[2] == "    ^^^^^^^^^^^"
    assert "     1  FL501  draft" in lines


def test_fail_on_and_exit_zero(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = "severity:\n  FL501: warning\n"
    (site / ".factlint.yaml").write_text(config, encoding="utf-8")
    assert run(capsys, "check", *CORE)[0] == 0
    assert run(capsys, "check", *CORE, "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", *CORE, "--fail-on", "warning", "--exit-zero")[0] == 0


def test_select_ignore_and_per_file_ignores(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--select", "FL5", "--ignore", "FL501")[0] == 0
    assert run(capsys, "check", "--select", "draft")[0] == 1
    (site / ".factlint.yaml").write_text("per-file-ignores:\n  'posts/draft.md': [FL501]\n", encoding="utf-8")
    assert run(capsys, "check", *CORE)[0] == 0


def test_include_exclude_and_hidden_folders(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", *CORE, "--format", "json", ".")
    assert json.loads(out)["files"] == 2  # .hidden and notes.rst skipped
    _, out, _ = run(capsys, "check", *CORE, "--format", "json", "--include", "*.rst", ".")
    assert json.loads(out)["files"] == 1
    _, out, _ = run(capsys, "check", *CORE, "--format", "json", "--exclude", "draft.md", ".")
    assert json.loads(out)["diagnostics"] == []


def test_stdin(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = type("B", (), {"read": staticmethod(DRAFT.encode)})()

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    code, out, _ = run(capsys, "check", *CORE, "--stdin-filename", "new-post.md", "-")
    assert code == 1
    assert out.startswith("new-post.md:4:1: FL501")


def test_suppression_and_unused_suppression(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = site / "posts" / "draft.md"
    post.write_text(DRAFT.replace("draft: true", "draft: true\nfactlint: {ignore: [FL501]}"), encoding="utf-8")
    (site / "posts" / "clean.md").write_text(CLEAN + "\n<!-- factlint: disable-next-line FL501 -->\nText.\n")
    code, out, _ = run(capsys, "check", "--select", "FL003,FL5", "posts")
    assert code == 0
    assert out.splitlines()[0] == (
        "posts/clean.md:8:1: FL003 [info] suppression 'factlint: disable-next-line FL501' suppresses nothing"
    )


def test_a_warm_run_reports_the_same(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = site / "posts" / "draft.md"
    post.write_text(DRAFT.replace("draft: true", "draft: true\nfactlint: {ignore: [FL501]}"), encoding="utf-8")
    (site / "posts" / "clean.md").write_text(CLEAN + "\n<!-- factlint: disable-next-line FL501 -->\nText.\n")
    args = ("check", "--select", "FL003,FL5", "--format", "json", "posts")
    cold = run(capsys, *args)
    assert json.loads(cold[1])["diagnostics"][0]["code"] == "FL003"
    assert any((site / ".factlint" / "cache").iterdir())
    assert run(capsys, *args) == cold  # every result from the cache, suppressions included
    assert run(capsys, *args, "--no-cache") == cold
    assert run(capsys, *args, "--cache-dir", str(site / "elsewhere")) == cold
    assert any((site / "elsewhere").iterdir())


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("selct: [FL5]\n", "unknown key 'selct'"),
        ("fail-on: fatal\n", "unknown severity 'fatal'"),
        ("select: [FL9]\n", "selector 'FL9' matches no rule"),
        ("rules:\n  FL503:\n    requir: [title]\n", "rule FL503 has no option 'requir'"),
        ("rules:\n  FL503:\n    require: title\n", "expected list"),
        ("severity:\n  FL501: loud\n", "unknown severity 'loud'"),
        ("- not a mapping\n", "must be a mapping"),
    ],
)
def test_config_errors_name_the_key_and_file(
    site: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (site / ".factlint.yaml").write_text(config, encoding="utf-8")
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert message in err
    assert ".factlint.yaml" in err
    assert "Traceback" not in err


def test_pyproject_config_found_walking_up(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    (site / "pyproject.toml").write_text('[tool.factlint]\nignore = ["FL501"]\n', encoding="utf-8")
    monkeypatch.chdir(site / "posts")
    assert run(capsys, "check", *CORE, ".")[0] == 0
    assert run(capsys, "check", *CORE, "--no-config", ".")[0] == 1


def test_rule_options_from_config(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / ".factlint.yaml").write_text("rules:\n  missing-field:\n    require: [author]\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "FL503", "posts")
    assert code == 1
    assert "lacks required field(s): author" in out


def test_rules_explain_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "FL501  draft" in out
    code, out, _ = run(capsys, "rules", "--format", "markdown")
    assert out.startswith("| Code | Name | Severity | Default | Summary |")
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert any(r["code"] == "FL503" and r["options"][0]["name"] == "require" for r in json.loads(out))
    code, out, _ = run(capsys, "explain", "draft")
    assert code == 0 and out.startswith("FL501 draft") and "Why is this bad?" in out
    code, _, err = run(capsys, "explain", "FL999")
    assert code == 2 and "unknown rule 'FL999'" in err
    code, out, _ = run(capsys, "plugins")
    assert "factlint_meta" in out and "rules: FL501, FL502, FL503" in out


def test_unknown_format_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err


def test_fix_changes_nothing_without_fixes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in site.rglob("*.md")}
    run(capsys, "check", "--fix", *CORE)
    assert before == {p: p.read_bytes() for p in site.rglob("*.md")}


def test_real_executable_on_seeds(seeds: Path) -> None:
    exe = shutil.which("factlint", path=os.path.dirname(sys.executable)) or shutil.which("factlint")
    assert exe, "factlint is not installed"
    proc = subprocess.run([exe, "check", "--select", "FL5", str(seeds)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    found = [line.split(": FL501")[0] for line in proc.stdout.splitlines() if ": FL501 " in line]
    assert [Path(f.rsplit(":", 2)[0]).name + ":" + f.rsplit(":", 2)[1] for f in found] == [
        "000_be0d471a1a232246.txt:9",
        "003_c2c291889c2cf321.txt:12",
    ]
    assert proc.stderr == ""
