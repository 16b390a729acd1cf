"""The dates plugin reads a match's groups by number, all at once: what it reads must be what
asking the match for each group by name gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint_dates import extract
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_dates_parts import _LOCATED_TEXTS, _TEXTS
from tests.test_properties import PROFILE

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


# -- metadata: label lines looked for only where a label can end -------------------------------

_LABEL_PIECES = [
    "Published", "PUBLISHED on", "posted", "POSTED ON", "PUB DATE", "Updated AT", "Pub date", "publication date", "updated at", "Last Modified",
    "date_saved", "archived on", "发布时间", "发表于", "更新日期", "Released", "x", " ", "\t", "\n", ":", "：", "**",
    "_", "(", "2024-01-02", "2024/1/2", "2024年1月2日", "2024 年 3 月 5 日", "12:30", "UTC", "+08:00",
]  # fmt: skip


def _label_lines_both_ways(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(the label lines ``_label_lines`` gives, those the label pattern finds before every full
    date, with no test of the character before it) as spans."""
    from factlint import metadata

    hints = [h.start() for h in metadata._DATE_HINT.finditer(text)]
    fast = [m.span() for m in metadata._label_lines(text, 0, len(text), hints)]
    slow = []
    taken = 0
    for hint in hints:
        if hint < taken:
            continue
        for head in metadata._LABEL_HEAD.finditer(text, max(taken, hint - metadata._LABEL_REACH), hint):
            m = metadata._LABEL_LINE.match(text, head.start(), len(text))
            if head.end() == hint and m and m.start("date") == hint:
                slow.append(m.span())
                taken = m.end()
                break
    return fast, slow


def test_label_lines_are_those_found_before_every_date(texts: list[str], request: pytest.FixtureRequest) -> None:
    """A full date is skipped when the character before it and its separators cannot end a label:
    the label lines found are still those found by trying the label pattern before every full
    date (the texts above, the seeds and a sample of the corpus)."""
    try:
        corpus: Path = request.getfixturevalue("corpus")
        texts = texts + [p.read_text("utf-8", errors="replace") for p in sorted(corpus.rglob("*.md"))[::20]]
    except pytest.skip.Exception:
        pass
    texts = [*texts, "\n".join(_LABEL_PIECES), " ".join(_LABEL_PIECES), "Published ** : ** 2024-01-02"]
    found = 0
    for text in texts:
        fast, slow = _label_lines_both_ways(text)
        assert fast == slow, text[:80]
        found += len(fast)
    assert found >= 3


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=24).map("".join))
def test_label_lines_are_those_found_before_every_date_on_generated_text(text: str) -> None:
    fast, slow = _label_lines_both_ways(text)
    assert fast == slow


def test_label_last_characters_are_those_that_match_ignoring_case() -> None:
    """No character but those in ``_LABEL_LAST`` matches the labels' last letters ignoring case."""
    from factlint import metadata

    letters = extract.regex.compile(r"(?i:[dnte])")
    assert {chr(c) for c in range(0x110000) if letters.fullmatch(chr(c))} <= metadata._LABEL_LAST
