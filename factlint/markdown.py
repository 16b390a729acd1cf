"""The markdown-it block parser as the document stage uses it: block structure only.

Most blocks of an article are paragraphs of ordinary text, and markdown-it tries every block
rule at the start of each one (and every terminator rule on each of its further lines) before
its paragraph rule takes it. :func:`plain_paragraph` is a block rule, tried first, that takes a
paragraph none of those rules could claim, in one pass over its lines:

A block rule other than the paragraph's claims a line only when the line's first non-space
character is one of :data:`BLOCK_MARKS` (heading ``#``, quote ``>``, list ``-*+`` or digit,
rule ``-*_``, fence ````` ``~``, HTML ``<``, reference ``[``, table ``|-:``, setext underline
``=-``), or when the line is indented into a code block. Even then most such lines of real
articles are text ("**Bold** lead", "1、第一条", "2004: founded", "#hashtag", "<{{ shortcode }}>"):
:func:`may_open_block` lets those through. So a run of non-blank lines that pass, the first not
indented by four columns, is a paragraph whatever the other rules say. At a further line a rule
may claim (most often the next item of a list whose items are one line each), the rule asks the
rules that may interrupt a paragraph, as markdown-it's paragraph rule does, and the paragraph
ends there if one claims it; a line that may underline a setext heading is left to the rules.
The rule leaves every other block to the rules that know it, and for the paragraph it emits the
one token the document stage reads: markdown-it's inline token, with the same line map and
level, without its text (the inline rules that would read it are off). The paragraph's open and
close tokens, a third of all tokens, are not made. A test checks that both parsers give the
same tokens, those aside, on the corpus and on generated text.

Likewise :func:`plain_list` takes a list whose items are one line of such text each, with the
tokens markdown-it's list rule makes of it (without the item's paragraph, as above), and leaves
every other list to that rule.

At the start of any other block, :func:`first_mark_rule` tries only the rules that may claim a
line starting with its first character, and the parser's state (:class:`_StateBlock`) finds
its line marks with string methods and makes its tokens without the dataclass's ``__init__``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate, repeat
from operator import add, sub
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

# First characters with which a line may start something other than a paragraph (or end one).
BLOCK_MARKS = frozenset("#>-*+_=`~<[|:0123456789")
# A line of nothing but these (and white space) may be a thematic break, a setext underline or a
# table's delimiter row.
_MARKS_ONLY = re.compile(r"[-*_=+|:\s]*")
# First characters of a list item's line.
_LIST_FIRSTS = frozenset("*+-0123456789")


def may_open_block(src: str, pos: int, end: int, *, first: bool) -> bool:
    """Whether a block rule other than the paragraph's may claim the line ``src[pos:end]``,
    whose first character is one of :data:`BLOCK_MARKS`: at the start of a paragraph
    (``first``) or as a line that would interrupt one. Errs towards yes: a line it lets
    through is text to every rule (CommonMark's list markers need white space or the line's
    end after them, a heading's ``#`` run likewise, a fence three marks)."""
    ch = src[pos]
    after = src[pos + 1] if pos + 1 < end else ""
    if ch in "*+-_=":  # list item, thematic break, setext underline, delimiter row
        return (ch in "*+-" and (not after or after.isspace())) or _MARKS_ONLY.fullmatch(src, pos, end) is not None
    if ch == "#":  # ATX heading: one to six, then white space or the end
        run = pos
        while run < end and src[run] == "#":
            run += 1
        return run - pos <= 6 and (run == end or src[run].isspace())
    if ch.isdigit():  # ordered list item: digits, "." or ")", then white space or the end
        run = pos
        while run < end and "0" <= src[run] <= "9":
            run += 1
        return run < end and src[run] in ".)" and (run + 1 == end or src[run + 1].isspace())
    if ch in "`~":  # fence
        return src.startswith(ch * 3, pos)
    if ch == "<":  # an HTML block starts with a tag name, "/", "!" or "?"
        return not after or (after.isascii() and after.isalpha()) or after in "/!?"
    if ch == "[":  # a link reference definition starts a block but never interrupts a paragraph
        return first and _may_define_reference(src, pos, end)
    return True  # ">" quote; "|" and ":" table rows


def _may_define_reference(src: str, pos: int, end: int) -> bool:
    """Whether the line ``src[pos:end]`` (at ``[``) may open a link reference definition: its
    label ends at the first ``]``, holds no ``[`` and is followed by ``:``. A label that goes
    on past the line, or a backslash escape, is left to the reference rule."""
    close = src.find("]", pos + 1, end)
    if close < 0 or src.find("\\", pos, end) >= 0:
        return True
    return src.find("[", pos + 1, close) < 0 and close + 1 < end and src[close + 1] == ":"


def plain_paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if silent:  # never a terminator of another block
        return False
    src, begins, ends, shifts, indents = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    first = begins[start_line] + shifts[start_line]
    if indents[start_line] - state.blkIndent >= 4 or (
        src[first] in BLOCK_MARKS and may_open_block(src, first, ends[start_line], first=True)
    ):
        return False
    next_line = start_line + 1
    last = state.lineMax  # as the paragraph rule: a paragraph runs on past its container's end
    while next_line < last:
        first = begins[next_line] + shifts[next_line]
        if first >= ends[next_line]:
            break  # a blank line ends the paragraph
        if indents[next_line] < 0:
            return False  # a blockquote's lazy line
        if src[first] in BLOCK_MARKS and may_open_block(src, first, ends[next_line], first=False):
            # A line another rule may claim. Left to the setext heading and paragraph rules when
            # it may underline a heading (or be a table's delimiter row under the first line),
            # is indented into a lazy continuation, or the paragraph is in a container that ends
            # before the text does (the setext heading rule asks the other rules with the
            # container's end, the paragraph rule with the text's). Otherwise the paragraph
            # ends there if a rule that may interrupt a paragraph claims it, as both ask them.
            if (
                end_line != last
                or indents[next_line] - state.blkIndent > 3
                or _MARKS_ONLY.fullmatch(src, first, ends[next_line]) is not None
            ):
                return False
            if _interrupts(state, next_line):
                break
        next_line += 1

    state.line = next_line
    # The paragraph's inline token alone, at the level markdown-it's paragraph rule gives it
    # (inside the paragraph), with its lines but not its text: the document stage reads a
    # paragraph's lines only, and the inline rules that would read the text are off.
    state.level += 1
    token = state.push("inline", "", 0)
    state.level -= 1
    token.map = [start_line, next_line]
    token.children = []
    return True


def _after_list_marker(src: str, pos: int, end: int) -> int:
    """Where markdown-it's list marker at ``src[pos]`` (a line's first non-space character)
    ends: a bullet ``*+-`` or one to nine digits and ``.`` or ``)``, then a space, a tab or the
    line's end ``end``; -1 if there is none."""
    ch = src[pos]
    if ch in "*+-":
        pos += 1
    elif "0" <= ch <= "9":
        run = pos + 1
        while run < end and "0" <= src[run] <= "9":
            run += 1
        if run - pos > 9 or run >= end or src[run] not in ".)":
            return -1
        pos = run + 1
    else:
        return -1
    return pos if pos == end or src[pos] in " \t" else -1


def plain_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule, tried after :func:`plain_paragraph`, that takes a list whose items are one
    line of plain text each (what :func:`plain_paragraph` would take inside the item), with the
    tokens markdown-it's list rule makes of it. It leaves any other list to that rule: one
    with an empty item, a tab or more than four spaces after a marker, an item that goes on
    past its line (a continuation, a nested block) or starts with a line another rule may
    claim, or a line indented four columns past the list's.

    markdown-it tries the table, code and thematic break rules before the list's; none of them
    claims such a list (the line after its first is blank, another item or absent, and an
    item's plain text is no break), nor claims the next item, as the rules that end a list
    (fence, blockquote, thematic break) are asked. An item's paragraph ends at its line when
    the next line is blank (the item then runs on to the next line that is not) or a list
    item's (which interrupts a paragraph when not indented into the item)."""
    if silent or state.level + 2 >= state.md.options.maxNesting:
        return False
    src, begins, ends, indents = state.src, state.bMarks, state.eMarks, state.sCount
    shifts = state.tShift
    first = begins[start_line] + shifts[start_line]
    if src[first] not in _LIST_FIRSTS or state.md.options.get("tasklists", False):
        return False
    outer, last = state.blkIndent, state.lineMax
    ordered = src[first] >= "0"  # a digit, not one of "*+-"
    mark = ""
    items: list[tuple[int, int, int, int]] = []  # (line, marker start, marker end, item end)
    line = start_line
    while True:
        end, indent = ends[line], indents[line]
        after = _after_list_marker(src, first, end)
        if after < 0 or indent - outer >= 4:
            return False
        mark = src[after - 1]
        content = after
        while content < end and src[content] == " ":
            content += 1
        if content >= end or content - after > 4 or src[content] == "\t":
            return False
        if src[content] in BLOCK_MARKS and may_open_block(src, content, end, first=True):
            return False
        inner = indent + content - first  # the item's content indent
        next_line = line + 1
        start = begins[next_line] + shifts[next_line] if next_line < last else 0
        if next_line < last and start < ends[next_line]:
            # A list item's line, not indented into this item (in a container that ends before
            # the text does, left to the rules, as plain_paragraph leaves it).
            next_indent = indents[next_line]
            if (
                end_line != last
                or next_indent < 0
                or next_indent >= inner
                or next_indent - outer >= 4
                or _after_list_marker(src, start, ends[next_line]) < 0
                or _MARKS_ONLY.fullmatch(src, start, ends[next_line]) is not None
            ):
                return False
        elif next_line < end_line:
            # A blank line: the item goes on past it and the blank lines after (which markdown-it
            # skips up to the text's end, not the container's), to a line not indented into it.
            next_line += 1
            if next_line < end_line:
                while next_line < last and begins[next_line] + shifts[next_line] >= ends[next_line]:
                    next_line += 1
                if next_line < end_line and indents[next_line] >= inner:
                    return False
        items.append((line, first, after, next_line))
        # The list goes on at the next line if it is an item of the same kind.
        if next_line >= end_line or indents[next_line] < outer:
            break
        if indents[next_line] - outer >= 4:
            return False
        first = begins[next_line] + shifts[next_line]
        after = _after_list_marker(src, first, ends[next_line])
        if after < 0 or (after - first > 1) is not ordered or src[after - 1] != mark:
            break
        line = next_line

    _line, first, after, _end = items[0]
    if ordered:
        token = state.push("ordered_list_open", "ol", 1)
        if (value := int(src[first : after - 1])) != 1:
            token.attrs = {"start": value}
    else:
        token = state.push("bullet_list_open", "ul", 1)
    token.map = [start_line, next_line]
    token.markup = mark
    for line, first, after, item_end in items:
        token = state.push("list_item_open", "li", 1)
        token.markup = mark
        token.map = [line, item_end]
        if ordered:
            token.info = src[first : after - 1]
        state.level += 1  # the paragraph's
        token = state.push("inline", "", 0)
        state.level -= 1
        token.map = [line, line + 1]
        token.children = []
        state.push("list_item_close", "li", -1).markup = mark
    state.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1).markup = mark
    state.line = next_line
    return True


BlockRule = Callable[[StateBlock, int, int, bool], bool]  # (state, start line, end line, silent)

# The characters with which a line must start (after its indent) for each of these block rules
# of markdown-it to claim it: the first thing each checks, and it returns False at once if not.
# The other rules (table, code, setext heading, paragraph) may claim any line.
_RULE_MARKS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*+-0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}


def first_mark_rule(rules: list[tuple[str, BlockRule]]) -> BlockRule:
    """A block rule that tries ``rules`` (named markdown-it block rules, in their order) at the
    start of a block, but only those that may claim a line starting with the block's first
    character (:data:`_RULE_MARKS`): the others would only return False."""
    anywhere = [rule for name, rule in rules if name not in _RULE_MARKS]
    by_mark = {
        mark: [rule for name, rule in rules if mark in _RULE_MARKS.get(name, mark)]
        for mark in "".join(_RULE_MARKS.values())
    }

    def claim(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent:  # never a terminator of another block
            return False
        for rule in by_mark.get(state.src[state.bMarks[start_line] + state.tShift[start_line]], anywhere):
            if rule(state, start_line, end_line, False):
                return True
        return False

    return claim


def line_marks(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """markdown-it's line marks of ``src`` (which is not empty): where each line begins and
    ends, how many spaces and tabs lead it and its indent with tabs expanded, then the sentinel
    line at the end. markdown-it makes no line of what follows the last newline, nor of a last
    line of nothing but spaces and tabs without a newline."""
    lines = src.split("\n")
    if not lines[-1].strip(" \t"):
        lines.pop()
    lengths = list(map(len, lines))
    begins = list(accumulate(map(add, lengths, repeat(1)), initial=0))  # each line's, and the "\n"
    ends = [*map(add, begins, lengths), len(src)]
    begins[-1] = len(src)
    shifts = [*map(sub, lengths, map(len, map(str.lstrip, lines, [" \t"] * len(lines)))), 0]
    indents = shifts.copy()
    if "\t" in src:  # a tab goes on to the next multiple of four columns
        for i, line in enumerate(lines):
            if "\t" in line[: shifts[i]]:
                column = 0
                for ch in line[: shifts[i]]:
                    column += 4 - column % 4 if ch == "\t" else 1
                indents[i] = column
    return begins, ends, shifts, indents


class _StateBlock(StateBlock):
    """markdown-it's block state, with its line marks made by :func:`line_marks` from the
    text's lines rather than by a Python loop over every line, and tokens made without the
    dataclass's ``__init__`` (the same fields, the same values)."""

    def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)  # all but the marks, which are the sentinel's
        self.src = src
        self.bMarks, self.eMarks, self.tShift, self.sCount = line_marks(src)
        self.bsCount = [0] * len(self.bMarks)
        self.lineMax = len(self.bMarks) - 1

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        token = _new_token(Token)
        token.type, token.tag, token.nesting = ttype, tag, nesting
        token.attrs, token.map, token.children, token.meta = {}, None, None, {}
        token.content = token.markup = token.info = ""
        token.block, token.hidden = True, False
        if nesting < 0:
            self.level -= 1  # closing tag
        token.level = self.level
        if nesting > 0:
            self.level += 1  # opening tag
        self.tokens.append(token)
        return token


_new_token = Token.__new__


class _ParserBlock(ParserBlock):
    """markdown-it's block parser, with :class:`_StateBlock` for its state."""

    def parse(self, src: str, md: MarkdownIt, env: Any, outTokens: list[Token]) -> list[Token] | None:
        if not src:
            return None
        state = _StateBlock(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


def _interrupts(state: StateBlock, line: int) -> bool:
    """Whether a block rule claims ``line`` as the end of a paragraph, as markdown-it's
    paragraph rule asks them."""
    parent = state.parentType
    state.parentType = "paragraph"
    try:
        return any(rule(state, line, state.lineMax, True) for rule in state.md.block.ruler.getRules("paragraph"))
    finally:
        state.parentType = parent


def block_parser(*, plain: bool, normalize: bool, fast: bool = True) -> MarkdownIt:
    """CommonMark with tables and raw HTML, block rules only.

    ``plain``: the text is not Markdown (scraped text is indented at random, and ``---`` under a
    line is not a heading). ``normalize``: the text has ``\\r`` or NUL, which markdown-it's
    normalisation replaces; without them it changes nothing and costs a substitution per line.
    ``fast``: with :func:`plain_paragraph` (the same tokens, sooner).
    """
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    if plain:
        md.disable(["code", "lheading"])
    if not normalize:
        md.disable("normalize")
    if fast:
        # The rules first_mark_rule tries are those active now: the parser is not changed later.
        ruler = md.block.ruler
        rules = list(zip(ruler.get_active_rules(), ruler.getRules(""), strict=True))
        ruler.before("table", "first_mark", first_mark_rule(rules))
        ruler.before("first_mark", "plain_paragraph", plain_paragraph)
        ruler.before("first_mark", "plain_list", plain_list)
        block = _ParserBlock()
        block.ruler = md.block.ruler
        md.block = block
    return md
