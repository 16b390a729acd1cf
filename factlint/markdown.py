"""The markdown-it block parser as the document stage uses it: block structure only.

Most blocks of an article are paragraphs of ordinary text, and markdown-it tries every block
rule at the start of each one (and every terminator rule on each of its further lines) before
its paragraph rule takes it. :func:`plain_paragraph` is a block rule, tried first, that takes a
paragraph none of those rules could claim, in one pass over its lines:

A block rule other than the paragraph's claims a line only when the line's first non-space
character is one of :data:`BLOCK_MARKS` (heading ``#``, quote ``>``, list ``-*+`` or digit,
rule ``-*_``, fence ````` ``~``, HTML ``<``, reference ``[``, table ``|-:``, setext underline
``=-``), or when the line is indented into a code block. So a run of non-blank lines, none
starting with one of those characters and the first not indented by four columns, is a
paragraph whatever the other rules say: the rule emits exactly the tokens markdown-it's
paragraph rule would, and leaves every other block to the rules that know it. A test checks
that both parsers give the same tokens on the corpus and on generated text.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock

# First characters with which a line may start something other than a paragraph (or end one).
BLOCK_MARKS = frozenset("#>-*+_=`~<[|:0123456789")


def plain_paragraph(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if silent:  # never a terminator of another block
        return False
    src, begins, ends, shifts, indents = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    if indents[start_line] - state.blkIndent >= 4 or src[begins[start_line] + shifts[start_line]] in BLOCK_MARKS:
        return False
    next_line = start_line + 1
    last = state.lineMax  # as the paragraph rule: a paragraph runs on past its container's end
    while next_line < last:
        first = begins[next_line] + shifts[next_line]
        if first >= ends[next_line]:
            break  # a blank line ends the paragraph
        if indents[next_line] < 0 or src[first] in BLOCK_MARKS:
            return False  # a line another rule may claim (or a blockquote's lazy line)
        next_line += 1

    old_parent = state.parentType
    state.parentType = "paragraph"
    content = mdTrim(state.getLines(start_line, next_line, state.blkIndent, False))
    state.line = next_line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, next_line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start_line, next_line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent
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
