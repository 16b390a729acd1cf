"""The shortcuts the core's document stage takes checked against the slow way."""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.list import skipBulletListMarker, skipOrderedListMarker

from factlint import document, markdown
from tests.conftest import CORPUS, ROOT, SEEDS
from tests.test_document import _non_prose_spans_by_search
from tests.test_markdown import LINE_STARTS, SETUPS, TAILS, _same
from tests.test_properties import PROFILE


def test_the_white_space_sentence_ends_take_is_the_regex_modules() -> None:
    """sentence_ends takes str.isspace less U+001C to U+001F for the regex module's \\s."""
    space = regex.compile(r"\s")
    for ch in map(chr, range(0x110000)):
        by_str = ch.isspace() and ch not in document._NOT_REGEX_SPACE
        assert by_str == (space.match(ch) is not None), hex(ord(ch))


def test_the_runs_sentence_ends_takes_are_those_of_the_pattern() -> None:
    """_CJK_END_FIRST and _CLOSERS are what _SENTENCE_END's first branch takes, _AFTER_FULL_STOP
    what its second takes after a ".", and nothing else is."""
    match, bmp = document._SENTENCE_END.match, list(map(chr, range(0x10000)))
    ends = {ch for ch in bmp if match(f"{ch}x")}
    assert ends == set(document._CJK_END_FIRST)
    taken = {ch for ch in bmp if match(f"。{ch}x").end() == 2}
    assert taken - ends == set(document._CLOSERS)
    assert all(match(f"。{ch}{ch}x").end() == 3 for ch in document._CLOSERS)
    assert all(match(f"。」{ch}x").end() == 2 for ch in document._CJK_END_FIRST)
    after = {ch for ch in bmp if match(f"a.{ch} ", 1)}
    assert after == set(document._AFTER_FULL_STOP) | {ch for ch in bmp if regex.match(r"\s", ch)}


def test_sentence_ends_at_every_character() -> None:
    """Each character after a sentence end, and after its closing quote: every one below U+3100
    and every white space (where the end depends on the character after, it is white space for
    one engine or the other: test_the_white_space_sentence_ends_take_is_the_regex_modules)."""
    above = "".join(map(chr, range(0x3100, 0x110000)))
    spaces = sorted({ch for ch in above if ch.isspace()} | set(regex.findall(r"\s", above)))
    for ch in [*map(chr, range(0x3100)), *spaces]:
        for text in (f"a.{ch}", f"a.”{ch} ", f" .)）{ch}\n", f"中。{ch}", f"中。」{ch}", f"a;{ch}\n", f"Inc.{ch} "):
            assert document.sentence_ends(text) == [m.span() for m in document._SENTENCE_END.finditer(text)], text


def _match_starts(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> list[int]:
    """Every offset where ``pattern`` matches (a search from each offset of the text)."""
    starts: list[int] = []
    m = pattern.search(text)
    while m is not None:
        starts.append(m.start())
        m = pattern.search(text, m.start() + 1)
    return starts


def _as_regex(pattern: re.Pattern[str] | regex.Pattern[str]) -> regex.Pattern[str]:
    return regex.compile(pattern.pattern, regex.VERBOSE | regex.MULTILINE | regex.DOTALL)


def _non_prose_places_hold_every_match(text: str) -> None:
    """The places of each family hold every offset where it matches, and a family whose pattern
    is the standard library's matches as the regex module's does."""
    for _triggers, _firsts, pattern in document._NON_PROSE_FAMILIES:
        if isinstance(pattern, re.Pattern):
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in _as_regex(pattern).finditer(text)]
            assert _match_starts(pattern, text) == _match_starts(_as_regex(pattern), text)
    for starts, (_triggers, _firsts, pattern) in zip(
        document._NON_PROSE_STARTS, document._NON_PROSE_FAMILIES, strict=True
    ):
        if starts is not None:
            places = starts(text)
            assert places == sorted(set(places)), text
            assert set(_match_starts(pattern, text)) <= set(places), text


def test_non_prose_places_on_seeds_fixtures_and_corpus() -> None:
    """The families tried only at their places (_NON_PROSE_STARTS) find what their searches find."""
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))[::5]
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        _non_prose_places_hold_every_match(text)
        assert document._non_prose_spans(text) == _non_prose_spans_by_search(text), path


# Pieces of e-mail addresses (with local parts about as long as the 64 allowed), reference
# definitions, inline code and template tags, and of what may stand around them.
_NON_PROSE_PIECES = [
    "@",
    "a@b.c",
    "x" * 30,
    "中" * 31,
    ".",
    "+",
    "-",
    "_",
    "[a",
    "]",
    "]:",
    "[ref]: ",
    "   [a]:",
    "\n[a]:",
    "   ",
    "`",
    "``",
    "{",
    "{{",
    "{%",
    "%}",
    "}}",
    "}",
    "](",
    ")",
    "<",
    "http://",
    "中",
    " ",
    "\n",
    "\r",
    "\u2028",
    "x",
]


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 500))
@given(st.lists(st.sampled_from(_NON_PROSE_PIECES), max_size=40).map("".join))
def test_non_prose_places_on_generated_text(text: str) -> None:
    _non_prose_places_hold_every_match(text)
    assert document._non_prose_spans(text) == _non_prose_spans_by_search(text)


def test_an_e_mail_address_starts_where_its_local_part_does() -> None:
    for size in range(60, 70):
        for before in ("", " ", "中", ".", "\n"):
            for local in ("a" * size, "中" * size, "a." * (size // 2)):
                text = f"{before}{local}@example.com and {local[:3]}@x.org"
                _non_prose_places_hold_every_match(text)
                assert document._non_prose_spans(text) == _non_prose_spans_by_search(text), text


# -- the one-line list rule (factlint.markdown.plain_list) against markdown-it's list rule ------

_LIST_TEXTS = [
    "- one\n- two\n- three\n",
    "- one\n\n- two\n\n\n- three\n\nAfter\n",
    "1. one\n2. two\n10. ten\n",
    "3. three\n4. four\n",
    "01. zero one\n02) changes delimiter\n",
    "- one\n* changes marker\n+ again\n",
    "- one\n  - nested\n- two\n",
    "- one\n   continued\n- two\n",
    "- one\nlazy line\n",
    "- one\n# heading\n",
    "- one\n---\n",
    "- one\n- - -\n",
    "- **bold** lead\n- [link](/url) text\n- `code` first\n- 1、第一条\n",
    "- # heading in an item\n- > quote in an item\n",
    "-\n- empty first\n",
    "- one\n-\n",
    "-     five spaces\n- two\n",
    "-\ttab\n- two\n",
    "    - indented into code\n",
    "   - three spaces\n  - two\n - one\n- none\n",
    "1234567890. ten digits\n123456789. nine digits\n",
    "> - quoted\n> - list\n\nAfter\n",
    "> - quoted\n\n> - apart\n",
    "> - quoted\nlazy\n",
    "- one\n\n  indented paragraph\n",
    "- one\n\n    code in the item\n",
    "text\n- interrupts\n- the paragraph\n",
    "text\n2. does not interrupt\n",
    "| a | b |\n|---|---|\n- after a table\n",
    "- a | b\n- --|--\n",
    "- one\n  \n- blank-ish line between\n",
]


# What an item's text may start with: the line starts of the markdown layer's tests, and text.
_ITEM_STARTS = [*LINE_STARTS, "a", "中文", "**b**", "[x](y)"]


def _list_rule_takes(text: str) -> int:
    """How many lists the one-line list rule takes in ``text`` (with the document stage's set-up)."""
    taken = 0
    rule = markdown.plain_list

    def counting(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        nonlocal taken
        took = rule(state, start, end, silent)
        taken += took
        return took

    md = markdown.block_parser(plain=False, normalize=False)
    md.block.ruler.at("plain_list", counting)
    md.parse(text)
    return taken


def test_the_one_line_list_rule_gives_markdown_its_tokens() -> None:
    for text in _LIST_TEXTS:
        for setup in SETUPS:
            _same(text, setup)
    # and it takes the lists it is for
    assert _list_rule_takes("- one\n- two\n\n1. one\n2. two\n\n> - quoted\n") == 3
    assert _list_rule_takes("- one\n  continued\n") == 0


def test_the_rules_that_end_a_list_are_those_the_one_line_list_rule_knows() -> None:
    """plain_list's docstring: an item of plain text is claimed by none of these."""
    md = markdown.block_parser(plain=False, normalize=False, fast=False)
    named = dict(zip(md.block.ruler.get_active_rules(), md.block.ruler.getRules(""), strict=True))
    assert md.block.ruler.getRules("list") == [named["fence"], named["blockquote"], named["hr"]]


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(st.sampled_from(_ITEM_STARTS), st.sampled_from(TAILS))
def test_a_list_marker_ends_where_markdown_its_does(start: str, tail: str) -> None:
    for prefix in ("", "- ", "* ", "1. ", "1) ", "0", "123456789", "1234567890"):
        line = prefix + start + tail
        if not line or line[0] in " \t":
            continue
        state = StateBlock(line, MarkdownIt("commonmark"), {}, [])
        slow = skipOrderedListMarker(state, 0)
        if slow < 0:
            slow = skipBulletListMarker(state, 0)
        assert markdown._after_list_marker(line, 0, len(line)) == slow, line


# Lines of lists: markers (some wrong: no space, ten digits, a tab), indents and what items hold.
_LIST_PREFIXES = [
    "",
    " ",
    "  ",
    "   ",
    "    ",
    "\t",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "10. ",
    "  - ",
    "1.  ",
    "-     ",
    "- \t",
    "0. ",
    "1234567890. ",
    "-x",
]
_list_line = st.tuples(
    st.lists(st.sampled_from(_LIST_PREFIXES), max_size=3).map("".join),
    st.sampled_from(_ITEM_STARTS),
    st.sampled_from(TAILS),
).map("".join)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 500))
@given(st.lists(st.one_of(_list_line, st.just(""), st.just("  ")), max_size=20).map("\n".join), st.sampled_from(SETUPS))
def test_the_one_line_list_rule_on_generated_lists(text: str, setup: tuple[bool, bool]) -> None:
    _same(text, setup)


# -- the single-character gates of _non_prose_spans ----------------------------------------------


def test_the_single_character_gates_stand_for_the_triggers() -> None:
    """A family whose first trigger starts with "<" is skipped when the text has no "<": each of
    its triggers holds one; the template tags' places are those of "{%" and "{{", which hold a "{"."""
    for triggers, _firsts, _pattern in document._NON_PROSE_FAMILIES:
        if triggers[0].startswith("<"):
            assert all("<" in trigger for trigger in triggers), triggers
    template = document._NON_PROSE_FAMILIES[document._NON_PROSE_STARTS.index(document._template_starts)]
    assert template[0] == ("{%", "{{")
    for text in ("", "{", "{{x}} {%y%}", "a { b {% c %} {{", "no braces", "}}%}"):
        assert document._template_starts(text) == document.find_all(text, template[0]), text
        assert document._non_prose_spans(text) == _non_prose_spans_by_search(text), text
    for text in ("<!-- c --> <b>", "<https://x.y>", "a <!-- b", "no tags"):
        assert document._non_prose_spans(text) == _non_prose_spans_by_search(text), text
