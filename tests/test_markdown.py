"""The fast paragraph rule gives the tokens of markdown-it's own block rules: on real articles
(seeds, bundled fixtures, a sample of the corpus) and on generated Markdown-like text, in each of
the four parser set-ups the document stage uses. It leaves out what the document stage never
reads: the paragraph's open and close tokens, and the text of the paragraph's inline token."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from factlint.document import parse
from factlint.markdown import BLOCK_MARKS, block_parser, line_marks, may_open_block
from tests.conftest import CORPUS, ROOT, SEEDS
from tests.test_properties import PROFILE

SETUPS = list(itertools.product((False, True), (False, True)))  # (plain, normalize)
PARSERS = {
    (plain, normalize): (
        block_parser(plain=plain, normalize=normalize, fast=False),
        block_parser(plain=plain, normalize=normalize),
    )
    for plain, normalize in SETUPS
}


def _tokens(tokens: list[Token]) -> list[tuple[object, ...]]:
    fields = (
        "type",
        "tag",
        "nesting",
        "attrs",
        "map",
        "level",
        "children",
        "markup",
        "info",
        "meta",
        "block",
        "hidden",
    )
    return [
        (*(getattr(t, name) for name in fields), t.content if t.type != "inline" else "")
        for t in tokens
        if t.type not in ("paragraph_open", "paragraph_close")
    ]


def _same(text: str, setup: tuple[bool, bool]) -> None:
    slow, fast = PARSERS[setup]
    assert _tokens(fast.parse(text)) == _tokens(slow.parse(text))


def _bodies() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))[::15]
    return [parse(str(p), p.read_bytes().decode("utf-8", errors="replace")).body for p in paths]


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: f"plain={s[0]},normalize={s[1]}")
def test_same_tokens_on_real_articles(setup: tuple[bool, bool]) -> None:
    bodies = _bodies()
    assert len(bodies) > 100
    for body in bodies:
        _same(body, setup)


def test_the_rule_takes_plain_paragraphs_and_leaves_the_rest() -> None:
    fast = block_parser(plain=False, normalize=False)
    taken = fast.parse("第一段，没有标记。\n\nA wrapped\nparagraph of two lines.\n")
    assert [t.type for t in taken] == ["inline"] * 2
    assert [t.map for t in taken if t.type == "inline"] == [[0, 1], [2, 4]]
    # A setext underline, a list and a table row after the first line are left to their rules.
    for text in ("Title\n=====\n", "Intro\n- item\n", "a | b\n--|--\n1 | 2\n", "a | b\n:-|-:\n", "    code\n"):
        _same(text, (False, False))
    assert "-" in BLOCK_MARKS and "a" not in BLOCK_MARKS


@pytest.mark.parametrize(
    ("line", "first", "claimable"),
    [
        ("**Bold** lead", True, False),
        ("* item", True, True),
        ("***", False, True),
        ("-5% on the year", False, False),
        ("- item", False, True),
        ("---", False, True),
        ("|--|:-:|", False, True),
        ("=====", False, True),
        ("= x", False, False),
        ("#hashtag", False, False),
        ("## Heading", False, True),
        ("#######", False, False),
        ("1、第一条", False, False),
        ("2004: founded", False, False),
        ("1.5 billion", False, False),
        ("1. item", False, True),
        ("2)", False, True),
        ("`code` first", False, False),
        ("```python", False, True),
        ("<{{ shortcode }}>", False, False),
        ("<div>", False, True),
        ("<!-- note -->", False, True),
        ("[a]: /url", True, True),
        ("[a]:", True, True),
        ("[a\\]]: /url", True, True),
        ("[a long label", True, True),
        ("[link](/url) later", True, False),
        ("[link](/url) later", False, False),
        ("[a [b]]: /url", True, False),
        ("[a]", True, False),
        ("> quote", False, True),
        ("| a | b |", False, True),
    ],
)
def test_which_marked_lines_another_rule_may_claim(line: str, first: bool, claimable: bool) -> None:
    assert may_open_block(line, 0, len(line), first=first) is claimable
    # and the parsers agree on the line after a paragraph's first line and as its first line
    for text in (f"Some text\n{line}\nmore text\n", f"{line}\nmore text\n"):
        for setup in SETUPS:
            _same(text, setup)


# Line starts that open blocks, and look-alikes that may_open_block lets through as text.
LINE_STARTS = [
    *["", " ", "  ", "    ", "\t", *sorted(BLOCK_MARKS), "1. ", "2) ", "- ", "> ", "```", "<div>", "[a]: /u"],
    *["**", "*x", "+x", "-5", "--", "-- ", "_x", "=x", "= ", "#x", "###### ", "####### ", "1、", "2004:", "1.5"],
    *[
        "1.",
        "1)",
        "1234567890. ",
        "<{",
        "< ",
        "<a",
        "</",
        "<!",
        "<?",
        "`x",
        "``",
        "~~",
        "[x](y)",
        "[x]:",
        "[x",
        "[x]",
        "[\\]]:",
        "*\u3000",
        "#\u00a0",
    ],
]
TAILS = ["", "text", "中文 段落", "a | b", "--|--", "==", "x", " ", "**", "1.", "---", "|", ":", "\t-"]
line = st.tuples(st.sampled_from(LINE_STARTS), st.sampled_from(TAILS))
markdownish = st.lists(line.map("".join), max_size=30).map("\n".join)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 200))
@given(markdownish, st.sampled_from(SETUPS))
def test_same_tokens_on_generated_text(text: str, setup: tuple[bool, bool]) -> None:
    _same(text, setup)


# Lines in containers: up to three quote, list item or indent prefixes before each line.
PREFIXES = ["", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. "]
nested_line = st.tuples(
    st.lists(st.sampled_from(PREFIXES), max_size=3).map("".join), st.sampled_from(LINE_STARTS), st.sampled_from(TAILS)
).map("".join)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 200))
@given(st.lists(nested_line, max_size=25).map("\n".join), st.sampled_from(SETUPS))
def test_same_tokens_on_generated_nested_text(text: str, setup: tuple[bool, bool]) -> None:
    _same(text, setup)


def test_a_paragraph_ends_where_another_rule_interrupts_it() -> None:
    fast = block_parser(plain=False, normalize=False)
    for text in ("- one\n- two\n", "Intro\n# Heading\n", "Intro\n> quote\n", "Intro\n```\ncode\n```\n"):
        assert "paragraph_open" not in [t.type for t in fast.parse(text)], text
        _same(text, (False, False))
    # Lines the other rules leave to the paragraph go on with it: "2." does not interrupt one.
    assert [(t.type, t.map) for t in fast.parse("Intro\n2. not a list\n")] == [("inline", [0, 2])]


def _markdown_it_marks(src: str) -> tuple[list[int], ...]:
    state = StateBlock(src, MarkdownIt("commonmark"), {}, [])
    assert state.bsCount == [0] * len(state.bMarks)
    return state.bMarks, state.eMarks, state.tShift, state.sCount


def test_line_marks_are_markdown_its_on_real_articles() -> None:
    for body in _bodies():
        if body:
            assert line_marks(body) == _markdown_it_marks(body)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(
    st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\n\n", "a", "中", "- x", "\u3000", "\r", "\v"]), min_size=1).map(
        "".join
    )
)
def test_line_marks_are_markdown_its_on_generated_text(src: str) -> None:
    assert line_marks(src) == _markdown_it_marks(src)
