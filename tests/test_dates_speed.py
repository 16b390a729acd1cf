"""The dates plugin reads a match's groups by number, all at once: what it reads must be what
asking the match for each group by name gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint_dates import extract

from tests.test_dates_parts import _LOCATED_TEXTS, _TEXTS

_MORE_TEXTS = [
    "2024-02-16 11:30:00 UTC, 2024/7/3 10am PT, 2026年2月3日（星期三）, Tuesday, March 5, 2024 9:30 a.m. ET",
    "周二（2月3日） 1月14日（下周日） 2016-12-29 (Friday), Sep 20 (Sat), 07/31/2024 14:00 GMT+8, 北京时间 00:30",
    "late 2026, mid-2026, the end of 2025, Q3 FY2026, the third quarter of 2024, FY2026, 5-Mar-16, 今年第四季度",
]


@pytest.fixture
def texts(request: pytest.FixtureRequest) -> list[str]:
    """The texts above and the dates tests', and the seed articles when they are beside the repository."""
    out = [*_TEXTS, *_LOCATED_TEXTS, *_MORE_TEXTS]
    try:
        seeds: Path = request.getfixturevalue("seeds")
    except pytest.skip.Exception:
        return out
    return out + [p.read_text("utf-8", errors="replace") for p in sorted(seeds.iterdir()) if p.is_file()]


def test_groups_are_what_the_match_gives_by_name(texts: list[str]) -> None:
    """Every name ``_from_match`` may ask for: the group of that name when the pattern has it,
    else None; the scan's parts and the forms' own patterns alike."""
    patterns = [part.pattern for *_, parts in extract._SCANS for part in parts]
    patterns += [pattern for _, pattern in extract.FORM_RES]
    seen = 0
    for text in texts:
        for pattern in patterns:
            for m in pattern.finditer(text):
                seen += 1
                groups = extract._groups(m)
                assert set(groups) == set(extract._NO_GROUPS)
                for name in extract._NO_GROUPS:
                    expected = m.group(name) if name in pattern.groupindex else None
                    assert groups[name] == expected, (m, name)
                for name in pattern.groupindex:
                    assert extract._span(m, name) == m.span(name)
    assert seen > 100


def test_every_group_a_form_has_is_asked_for_by_name() -> None:
    """``_NO_GROUPS`` holds the groups of every form (and the scan's parts of it)."""
    for _, pattern in extract.FORM_RES:
        assert set(pattern.groupindex) <= set(extract._NO_GROUPS), pattern.pattern[:40]
        assert extract._group_names(pattern) == tuple(sorted(pattern.groupindex, key=pattern.groupindex.__getitem__))


@pytest.mark.parametrize(
    ("pattern", "numbers", "names"),
    [
        (extract._TIME_AFTER, extract._TIME_GROUPS, ("h", "h2", "mi", "s", "ap", "ap2", "tz", "zpre")),
        (extract._WD_BEFORE, extract._WD_BEFORE_GROUPS, ("wq", "wd")),
        (extract._WD_AFTER, extract._WD_AFTER_GROUPS, ("wq", "wd")),
    ],
)
def test_group_numbers_read_what_the_names_read(
    pattern: extract.regex.Pattern[str], numbers: tuple[int, ...], names: tuple[str, ...], texts: list[str]
) -> None:
    """The weekday and time read next to a date, by number, are the groups of those names (the
    weekday after a date has three groups named wd: one number)."""
    seen = 0
    for text in texts:
        for start in range(0, len(text), 7):
            m = pattern.match(text, start, start + 40) or pattern.search(text, max(0, start - 14), start)
            if m is None:
                continue
            seen += 1
            assert m.group(*numbers) == m.group(*names)
            assert [m.span(n) for n in numbers] == [m.span(name) for name in names]
    assert seen > 20
