"""The metadata stage's shortcuts give what the plain searches give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint import metadata
from factlint.document import parse
from tests.conftest import CORPUS, SEEDS
from tests.test_properties import PROFILE


def _bylines(text: str, start: int = 0) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(the shortcut's byline, a search of the whole range's) as spans."""
    hints = [h.span() for h in metadata._DATE_HINT.finditer(text, start)]
    fast = metadata._byline(text, start, len(text), hints)
    slow = metadata._BYLINE.search(text, start, len(text)) if hints else None
    return (fast.span() if fast else None), (slow.span() if slow else None)


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("# 标题\n\n原创 飞总本尊  飞总聊IT _2024-02-17 00:30_ _美国_\n", True),
        ("Some lead 2024-01-01.\nBy Jane Doe, 2024-03-05 12:00\n", True),
        ("By Jane\nDoe 2024-03-05\n", False),  # a byline does not go on past its line
        ("作者：张三 2024\n年 3 月 5 日\n文 / 李四 2024-3-5\n", True),  # a hint across lines
        ("by  2024-1-12024-1-1\nBy x 2024-1-1\n", True),  # overlapping dates: the first line wins
        ("text\n\nby someone, a long way before the date, " + "x" * 80 + ": 2024-01-01\n", False),
    ],
)
def test_byline_is_the_first_match_a_search_finds(text: str, byline: bool) -> None:
    fast, slow = _bylines(text)
    assert fast == slow
    assert (fast is not None) == byline


_PIECES = [
    "by ",
    "By ",
    "作者",
    "原创 ",
    "文 / ",
    "x",
    "  ",
    "\n",
    "2024-01-02",
    "2024-1-1",
    "2024",
    "-",
    "年",
    "3",
    "_",
    "*",
]


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.integers(0, 5))
def test_byline_is_the_first_match_on_generated_text(text: str, start: int) -> None:
    start = min(start, len(text))
    if start and text[start - 1] != "\n":
        start = 0  # the head starts at a line's start
    fast, slow = _bylines(text, start)
    assert fast == slow


def test_byline_on_the_corpus_and_seeds() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.rglob("*.md"))[::20]
    assert len(paths) > 100
    for path in paths:
        doc = parse(str(path), path.read_text(encoding="utf-8", errors="replace"))
        fast, slow = _bylines(doc.text, doc.front_matter_end)
        assert fast == slow, path
