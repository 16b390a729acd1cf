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
:func:`may_open_block` lets those through and stops at any line a rule may claim. So a run of
non-blank lines that pass, the first not indented by four columns, is a paragraph whatever the
other rules say. The rule leaves every other block to the rules that know it, and for the
paragraph it emits the one token the document stage reads: markdown-it's inline token, with the
same line map and level, without its text (the inline rules that would read it are off). The
paragraph's open and close tokens, a third of all tokens, are not made. A test checks that both
parsers give the same tokens, those aside, on the corpus and on generated text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

# First characters with which a line may start something other than a paragraph (or end one).
BLOCK_MARKS = frozenset("#>-*+_=`~<[|:0123456789")
# A line of nothing but these (and white space) may be a thematic break, a setext underline or a
# table's delimiter row.
_MARKS_ONLY = re.compile(r"[-*_=+|:\s]*")


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
        if indents[next_line] < 0 or (
            src[first] in BLOCK_MARKS and may_open_block(src, first, ends[next_line], first=False)
        ):
            return False  # a line another rule may claim (or a blockquote's lazy line)
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
        md.block.ruler.before("table", "plain_paragraph", plain_paragraph)
    return md
