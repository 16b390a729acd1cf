"""The date rules FL201–FL207 on the seeds, the corpus cases the issue names, and --fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint_dates.rules.FL202_weekday_mismatch import weekday_text

from factlint.cli import main
from factlint.model import Severity
from factlint.testing import lint_text


def _lint(path: Path, select: str = "FL2", name: str | None = None) -> list:
    text = path.read_text("utf-8")
    return [d for d in lint_text(text, path=name or path.name, select=[select]) if d.code.startswith("FL2")]


def test_seed_000_byline_is_info_explained_by_time_zones(seeds: Path) -> None:
    (diag,) = _lint(seeds / "000_be0d471a1a232246.txt")
    assert (diag.code, diag.line, diag.column, diag.severity) == ("FL201", 27, 17, Severity.INFO)
    assert "13 hours" in diag.message
    assert "time-zone difference" in diag.message
    assert diag.related and diag.related[0].line == 8


def test_seed_001_and_003_are_clean(seeds: Path) -> None:
    assert _lint(seeds / "001_e0d21f7d18c2ee20.txt") == []
    assert _lint(seeds / "003_c2c291889c2cf321.txt") == []


def test_seed_002_only_the_copyright_footer(seeds: Path) -> None:
    diags = _lint(seeds / "002_46dc9279736b5db8.txt")
    assert [(d.code, d.line, d.severity) for d in diags] == [("FL205", 121, Severity.WARNING)]
    assert "2025" in diags[0].message and "2026" in diags[0].message


def test_seed_004_future_events_told_as_past(seeds: Path) -> None:
    diags = _lint(seeds / "004_b625d6200ca549e7.txt")
    found = {(d.code, d.line) for d in diags}
    assert found == {("FL203", 79), ("FL203", 109)}
    texts = " ".join(d.message for d in diags)
    assert '"June 25, 2026"' in texts and '"October 2024"' in texts
    assert "late 2026" not in texts


CORPUS_CASES = [
    ("en/18f-gsa-gov/2016-02-24-two-new-open-positions-to-guide-our-business-and-our-people.md", {"FL202"}),
    ("en/18f-gsa-gov/2014-12-22-protosketch.md", {"FL206"}),
    ("en/lockedata-blog/2019-09-21-speed-up-with-microsoft.md", {"FL206"}),
    ("zh/yihui-org-cn/2007-05-15-life-is-tough.md", set()),
]


@pytest.mark.parametrize(("name", "codes"), CORPUS_CASES, ids=[c[0].split("/")[-1][:40] for c in CORPUS_CASES])
def test_corpus_cases_named_in_the_issue(corpus: Path, name: str, codes: set[str]) -> None:
    assert {d.code for d in _lint(corpus / name)} == codes


def test_18f_sunday_march_21_fix(corpus: Path) -> None:
    path = corpus / CORPUS_CASES[0][0]
    (diag,) = _lint(path)
    assert diag.fix is not None and diag.fix.safe
    (edit,) = diag.fix.edits
    text = path.read_text("utf-8")
    assert text[edit.start : edit.end] == "Sunday"
    assert edit.replacement == "Monday"


def test_check_fix_rewrites_only_the_weekday(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = (
        "---\ndate: 2016-02-24\n---\n\nThe change went live on 2016-12-29 (Friday), a day before the holiday.\n"
        "2026年2月3日（星期三），苹果公司宣布选择谷歌的 Gemini 模型。\n"
        "Deadline: Fri, 30 Dec 2016 (fine) and 2016-12-30 (FRIDAY).\n"
    )
    path = tmp_path / "post.md"
    path.write_text(original, encoding="utf-8")
    main(["check", "--fix", "--no-cache", "--select", "FL202", str(path)])
    capsys.readouterr()
    fixed = path.read_text(encoding="utf-8")
    assert fixed == original.replace("2016-12-29 (Friday)", "2016-12-29 (Thursday)").replace("（星期三）", "（星期二）")
    assert lint_text(fixed, path="post.md", select=["FL202"]) == []


@pytest.mark.parametrize(
    ("written", "weekday", "expected"),
    [
        ("Friday", 3, "Thursday"),
        ("Fri", 3, "Thu"),
        ("FRI", 0, "MON"),
        ("Tues", 2, "Wed"),
        ("星期三", 1, "星期二"),
        ("周三", 6, "周日"),
        ("礼拜天", 0, "礼拜一"),
    ],
)
def test_weekday_text_keeps_the_form(written: str, weekday: int, expected: str) -> None:
    assert weekday_text(written, weekday) == expected


def test_fl201_days_apart_is_a_warning() -> None:
    text = "---\ndate: 2023-11-02\n---\n# 标题\n**Published:** 2023-11-10\n"
    (diag,) = lint_text(text, path="a.txt", select=["FL201"])
    assert diag.severity == Severity.WARNING
    assert "8 days apart" in diag.message


def test_fl201_one_day_without_times_is_info() -> None:
    text = "---\ndate: 2023-11-09\n---\n# 标题\n**Published:** 2023-11-10\n"
    (diag,) = lint_text(text, path="a.txt", select=["FL201"])
    assert diag.severity == Severity.INFO


def test_fl206_option_widens_the_tolerance() -> None:
    text = "---\ndate: 2024-05-30T00:00:00Z\n---\n"
    assert lint_text(text, path="2024-05-28-x.md", select=["FL206"])
    assert not lint_text(text, path="2024-05-28-x.md", select=["FL206"], config={"rules": {"FL206": {"max-days": 2}}})


@pytest.mark.slow
def test_corpus_findings_stay_few(corpus: Path) -> None:
    """Precision guard: the whole corpus gives a handful of findings per rule, not hundreds."""
    from factlint.testing import lint_documents

    files = {str(p): p.read_bytes() for p in sorted(corpus.rglob("*.md"))}
    result = lint_documents(files, select=["FL2"])
    counts: dict[str, int] = {}
    for d in result.diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
    assert counts.get("FL202", 0) <= 3
    assert counts.get("FL203", 0) <= 10
    assert counts.get("FL205", 0) <= 5
    assert counts.get("FL207", 0) <= 5
    assert 20 <= counts.get("FL206", 0) <= 40


def test_relative_year_with_month_and_day_is_checked() -> None:
    text = "---\ndate: 2016-09-01\n---\n\n明年 2 月 3 日（周二）发布。今年2月30日也不对。\n"
    found = {(d.code, d.column) for d in lint_text(text, select=["FL2"])}
    assert found == {("FL202", 12), ("FL207", 18)}


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Bids close on Friday, 03/04/2024.", "(read month first; 2024-04-03, read day first, is a Wednesday)"),
        ("Bids close on Friday, 03.04.2024.", "(read day first; 2024-03-04, read month first, is a Monday)"),
    ],
)
def test_fl202_says_how_a_date_that_reads_both_ways_was_read(text: str, note: str) -> None:
    (diag,) = lint_text(text, select=["FL202"])
    assert diag.message.endswith(note)
