"""Enumerations: numbered items of a document and the sequences they form.

An *item* is an ordered Markdown list item (``1.``), a bullet list item, or a heading or
paragraph that starts with a number marker (``1、``, ``一、``, ``（二）``, ``第三章``,
``Step 4:``, ``**5. Title**``). Items that number the same kind of thing share a *channel*:
the numbering style (Arabic, Chinese, parenthesised, circled, ``第N章`` …) and the place
(heading level, or list depth for list items and paragraphs). The separator is not part of
the channel: ``1.`` followed by ``4、`` is the same sequence.

Walking the document in order, each channel keeps a *chain*: the run of items numbered
upwards. A number that goes back (a restart at 1, or lower than the last) starts a new
chain; an unnumbered heading, or a numbered heading of a higher rank, ends the chains below
it; an item of an outer channel ends the chains opened inside it (nested numbering
``一、`` › ``1.`` › ``(1)``). FL105 reads the chains for skipped and repeated numbers; FL104
reads them to count the items that follow an announcement ("以下五点").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

import regex

from factlint.model import new_named_tuple
from factlint_numbers.numerals import parse_cjk_number

if TYPE_CHECKING:
    from factlint.document import Block, Document

__all__ = ["Chain", "Enumerations", "Item", "enumerations"]

_CJK_DIGIT = "一二三四五六七八九十两〇零"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# A number marker at the start of a heading or paragraph (after heading hashes and emphasis).
_MARKER = regex.compile(
    rf"""
    [ \t\u00a0\u3000>]*(?:\#{{1,6}}[ \t]+)?(?:[*_]{{1,3}}[ \t]*)?
    (?:
        [(（](?P<pnum>\d{{1,3}}|[{_CJK_DIGIT}]{{1,3}})[)）]
      | (?P<circ>[{_CIRCLED}])
      | 第(?P<onum>\d{{1,3}}|[{_CJK_DIGIT}]{{1,3}})个?(?P<oword>章|节|部分|步|条|点|课|讲|回|篇|阶段|[，,、:：])
      | (?P<anum>\d{{1,3}})(?:\\?(?P<asep>[.．、，)）:：])(?![\d.．])|[ \t]+(?=[-–—][ \t]))
      | (?P<bare>\d{{1,3}})(?=[ \t]*(?:\n|$))
      | (?P<cnum>[{_CJK_DIGIT}]{{1,3}})(?P<csep>[、.．:：])
      | (?i:(?P<word>step|part|chapter|tip|rule|lesson|reason|phase|stage)[ \t]+(?P<wnum>\d{{1,3}}))
        (?=[ \t]*[:.)：—–-]|[ \t]*$)
    )
    """,
    regex.VERBOSE,
)


class Item(NamedTuple):
    """One enumerated item."""

    block: int  # index into Document.blocks
    start: int  # offset of the number marker (or of the block for bullets)
    end: int
    line: int
    number: int | None  # None for a bullet item
    style: str  # arabic | paren | circled | cjk | ordinal:<word> | word:<word> | bullet
    kind: str  # list | heading | paragraph
    level: int  # heading level; list depth (paragraphs count as depth 1)
    list_id: int = -1
    in_blockquote: bool = False
    marker: str = ""
    sep: str = ""  # the separator class: "." "、" ")" ":" or ""

    @property
    def channel(self) -> tuple[str, str, int, bool, str]:
        place = "heading" if self.kind == "heading" else "body"
        return (self.style, place, self.level, self.in_blockquote, self.sep)


@dataclass
class Chain:
    """Items of one channel numbered upwards without a restart."""

    items: list[Item] = field(default_factory=list)

    @property
    def numbers(self) -> list[int]:
        return [i.number for i in self.items if i.number is not None]


@dataclass
class Enumerations:
    """Every item of a document and the chains they form."""

    items: list[Item]
    chains: list[Chain]
    by_block: dict[int, Item]
    chain_of: dict[int, Chain]  # id(item) → its chain

    def list_items(self, item: Item) -> list[Item]:
        """The items of the Markdown list ``item`` belongs to, at its level."""
        if item.list_id < 0:
            return [item]
        return [i for i in self.items if i.list_id == item.list_id and i.level == item.level and i.kind == "list"]


_FIRST_CHARS = frozenset(f"(（第{_CIRCLED}{_CJK_DIGIT}SsPpCcTtRrLl")
_LEAD_CHARS = " \t\u00a0\u3000>#*_"  # skipped before a marker
# A marker that starts with a letter is one of _MARKER's words (step, stage, part, phase, chapter,
# tip, rule, reason, lesson; the marker starts right after the _LEAD_CHARS): the second letters
# that may follow each first letter, in either case (and İ, which (?i) matches as i).
_WORD_SECOND = {"s": "tT", "p": "aAhH", "c": "hH", "t": "iIİ", "r": "uUeE", "l": "eE"}
_MAYBE_DIGIT = "0-9\u0080-\u4dff\ua000-\U0010ffff"  # a class: every character regex's \d takes
_SEPARATORS = {".": ".", "．": ".", "、": "、", "，": "、", ")": ")", "）": ")", ":": ":", "：": ":"}


# The start of a line that _marker_number may read a marker at: after the lead characters
# (taken whole: none starts a marker), one of _FIRST_CHARS that is not a letter, a letter of
# _WORD_SECOND followed by one of its second letters, or what may be a digit: [0-9] or any
# character but a CJK ideograph. (That class stands for regex's \d, all of whose characters it
# holds, checked over every code point: the standard library's engine, which skips to each
# newline fast, has an older Unicode's \d.)
_MARK_START_SRC = (
    f"[{re.escape(_LEAD_CHARS)}]*+(?:"
    f"[{re.escape(''.join(sorted(ch for ch in _FIRST_CHARS if not (ch.isascii() and ch.isalpha()))))}"
    f"{_MAYBE_DIGIT}]" + "".join(f"|[{first.upper()}{first}][{second}]" for first, second in _WORD_SECOND.items()) + ")"
)
_MARK_START = re.compile(_MARK_START_SRC)
_LINE_MARK = re.compile("\n" + _MARK_START_SRC)


def _may_open_marker(ch: str) -> bool:
    """May a marker start at the character ``ch`` (or after it, ``ch`` being a lead character)?"""
    return ch in _FIRST_CHARS or ch.isdigit() or ch in _LEAD_CHARS


def _marker_number(text: str) -> tuple[int, str, str, int, int, str] | None:
    """(number, style, marker text, start, end, separator) of a number marker at the start of ``text``."""
    stripped = text.lstrip(_LEAD_CHARS)
    first = stripped[:1]
    if not first or not _may_open_marker(first):
        return None  # cheap prefilter: most paragraphs do not start with a number
    if first.isascii() and first.isalpha() and stripped[1:2] not in _WORD_SECOND[first.lower()]:
        return None  # a word that is none of step, part, chapter … ("The", "Since", "Copyright")
    m = _MARKER.match(text)
    if m is None:
        return None
    groups = m.groups()
    result = _marker_parts(m, groups)
    sep = _SEPARATORS.get(groups[_ASEP] or groups[_CSEP] or "", "")
    return (*result, sep) if result[0] is not None else None


# The numbers of _MARKER's groups: the regex module looks a group up by name about ten times
# slower than by number, and _marker_parts reads them all from one tuple (Match.groups()).
_GROUP = {name: number - 1 for name, number in _MARKER.groupindex.items()}  # index into Match.groups()
_PNUM, _CIRC, _ONUM, _OWORD = _GROUP["pnum"], _GROUP["circ"], _GROUP["onum"], _GROUP["oword"]
_ANUM, _ASEP, _BARE, _CNUM = _GROUP["anum"], _GROUP["asep"], _GROUP["bare"], _GROUP["cnum"]
_CSEP, _WORD, _WNUM = _GROUP["csep"], _GROUP["word"], _GROUP["wnum"]


def _marker_parts(m: regex.Match[str], groups: tuple[str | None, ...]) -> tuple[int | None, str, str, int, int]:
    """(number, style, marker text, start, end) of a _MARKER match whose groups are ``groups``."""
    if anum := groups[_ANUM]:
        return int(anum), "arabic", m[0].strip(), m.start(_ANUM + 1), m.end()
    if bare := groups[_BARE]:
        return int(bare), "arabic", m[0].strip(), m.start(_BARE + 1), m.end()
    if pnum := groups[_PNUM]:
        style = "paren" if pnum.isdigit() else "paren-cjk"
        return _number(pnum), style, m[0].strip(), m.start(), m.end()
    if circ := groups[_CIRC]:
        return _CIRCLED.index(circ) + 1, "circled", circ, m.start(_CIRC + 1), m.end()
    if onum := groups[_ONUM]:
        oword = groups[_OWORD]
        word = oword if oword not in "，,、:：" else "、"
        return _number(onum), f"ordinal:{word}", m[0].strip(), m.start(), m.end()
    if cnum := groups[_CNUM]:
        return _number(cnum), "cjk", m[0].strip(), m.start(_CNUM + 1), m.end()
    return int(groups[_WNUM]), f"word:{groups[_WORD].lower()}", m[0].strip(), m.start(_WORD + 1), m.end()


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = parse_cjk_number(text)
    if value is None or value != value.to_integral_value() or not 0 < value < 1000:
        return None
    return int(value)


def _collect(doc: Document) -> list[Item]:
    items: list[Item] = []
    prose = doc.prose
    blocks = doc.blocks
    for index in _indices(blocks, "list_item"):
        block = blocks[index]
        # The text after the lead ([ \t>]*) and, for a bullet, after the bullet and its blanks
        # ([-*+][ \t]+), read with str.lstrip: cheaper than a call of a regex.
        rest = prose[block.start : block.end].lstrip(" \t>")
        start = block.end - len(rest)
        level, list_id, in_blockquote = block.level, block.list_id, block.in_blockquote
        if block.number is not None:
            end = start + len(str(block.number)) + 1
            sep = _SEPARATORS.get(block.marker, block.marker)
            items.append(
                new_named_tuple(Item, (index, start, end, block.line, block.number, "arabic", "list",
                                       level, list_id, in_blockquote, f"{block.number}{block.marker}", sep))
            )  # fmt: skip
            continue
        # A bullet item: it may still carry a number marker in its text ("- 1、…").
        text = rest[1:].lstrip(" \t")
        found = _marker_number(text) if rest[:1] in _BULLETS and len(text) < len(rest) - 1 else None
        if found is not None:
            number, style, marker, a, b, sep = found
            after = block.end - len(text)
            items.append(
                new_named_tuple(Item, (index, after + a, after + b, block.line, number, style, "list",
                                       level, list_id, in_blockquote, marker, sep))
            )  # fmt: skip
        else:
            items.append(
                new_named_tuple(Item, (index, start, start + 1, block.line, None, "bullet", "list",
                                       level, list_id, in_blockquote, "", ""))
            )  # fmt: skip
    # Each line of a paragraph may start an item ("原因如下：\n1、…\n2、…" is one paragraph), a
    # heading only its first line. Most lines cannot: only those found by _LINE_MARK are read,
    # each in the block that holds it (the blocks are in order and do not overlap).
    marks = _line_marks(prose)
    if not marks:
        return items
    starts = list(map(_START, blocks))
    listed = len(items)
    counted = (-1, 0, 0)  # (block, offset, line there): a block's lines are counted on from its last item
    for line_start in marks:
        index = bisect.bisect_right(starts, line_start) - 1
        if index < 0:
            continue
        block = blocks[index]
        kind = block.kind
        if line_start >= block.end or (kind != "paragraph" and (kind != "heading" or line_start != block.start)):
            continue
        newline = prose.find("\n", line_start, block.end)
        line_end = block.end if newline < 0 else newline
        found = (
            _marker_number(prose[line_start : min(line_end, line_start + 80)])
            if line_start < line_end and _may_open_marker(prose[line_start])
            else None
        )
        if found is not None:
            number, style, marker, a, b, sep = found
            level = block.level if kind == "heading" else 1
            at_block, at, line = counted
            if at_block != index:
                at, line = block.start, block.line
            line += prose.count("\n", at, line_start)
            counted = (index, line_start, line)
            items.append(
                new_named_tuple(Item, (index, line_start + a, line_start + b, line, number, style, kind,
                                       level, -1, block.in_blockquote, marker, sep))
            )  # fmt: skip
    if listed and len(items) > listed:
        items.sort()  # in document order: by block, then by start (no two items share both)
    return items


_START = attrgetter("start")


def _indices(blocks: list[Block], kind: str) -> list[int]:
    """The indices of the blocks of ``kind``."""
    return [index for index, block in enumerate(blocks) if block.kind == kind]


def _line_marks(prose: str) -> list[int]:
    """The starts of the lines of ``prose`` that may begin with a number marker."""
    marks = [m.start() + 1 for m in _LINE_MARK.finditer(prose)]
    if _MARK_START.match(prose):
        marks.insert(0, 0)
    return marks


_BULLETS = ("-", "*", "+")

Channel = tuple[str, str, int, bool, str]


def _build(doc: Document) -> Enumerations:
    items = _collect(doc)
    by_block: dict[int, Item] = {}
    for i in items:
        by_block.setdefault(i.block, i)
    chains: list[Chain] = []
    chain_of: dict[int, Chain] = {}
    # Only numbered items make chains, and only they and the unnumbered headings (the heading
    # blocks without an item: a heading's item is a heading item) change them.
    numbered = [i for i in items if i.number is not None]
    if not numbered:
        return Enumerations(items, chains, by_block, chain_of)
    headings = [index for index in _indices(doc.blocks, "heading") if index not in by_block]
    blocks = doc.blocks
    open_chains: dict[Channel, Chain] = {}
    order: list[Channel] = []  # open channels in the order they were opened

    def close(channel: Channel) -> None:
        open_chains.pop(channel, None)
        if channel in order:
            order.remove(channel)

    def continues(chain: Chain | None, number: int) -> bool:
        if chain is None:
            return False
        last = chain.items[-1].number or 0
        if number < last or (number <= 1 and last >= 1 and number != last):
            return False  # a restart
        if number == last and last <= 1:
            return False  # lazy numbering (1. 1. 1.) or a new list at 1
        return number - last <= 10  # a larger jump is a year or an unrelated number

    h = 0
    for item in numbered:
        while h < len(headings) and headings[h] < item.block:
            # An unnumbered heading ends body chains and heading chains at its level or deeper.
            level = blocks[headings[h]].level
            h += 1
            for ch in list(order):
                if ch[1] == "body" or ch[2] >= level:
                    close(ch)
        channel = item.channel
        if item.kind == "heading":
            for ch in list(order):
                if ch[:4] != channel[:4] and (ch[1] == "body" or ch[2] > item.level):
                    close(ch)
        if channel in order:
            # Channels opened after this one were nested inside its previous item.
            for ch in order[order.index(channel) + 1 :]:
                if ch[:4] != channel[:4]:
                    close(ch)
        chain = open_chains.get(channel)
        if not continues(chain, item.number):
            chain = None
            # The same numbering with another separator (1. 2. 3. then 4、) continues it exactly.
            for ch in reversed(order):
                other = open_chains.get(ch)
                if ch != channel and ch[:4] == channel[:4] and other and other.items[-1].number == item.number - 1:
                    chain = other
                    break
        if chain is None:
            chain = Chain()
            chains.append(chain)
        open_chains[channel] = chain
        if channel in order:
            order.remove(channel)
        order.append(channel)
        chain.items.append(item)
        chain_of[id(item)] = chain
    return Enumerations(items, chains, by_block, chain_of)


def enumerations(doc: Document) -> Enumerations:
    """The items and chains of ``doc`` (computed once per document)."""
    return doc.memo(_build)
