"""FL104 count-mismatch: an announced number of items that differs from the items that follow."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factlint.model import Diagnostic, Related, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_numbers.claims import WordPattern, ascii_lower, lowered_forms
from factlint_numbers.enumeration import Enumerations, Item, enumerations
from factlint_numbers.numerals import parse_cjk_number, parse_english_number

if TYPE_CHECKING:
    from factlint.document import Document

# -- announcements ------------------------------------------------------------------------------

_ZH_NUM = r"(?:十[一二三四五六七八九]?|二十|[二两三四五六七八九]|[1-9]\d?)"
_ZH_CLASSIFIER = (
    r"(?:个方面|个部分|个阶段|个步骤|个原因|个问题|个建议|个趋势|个特点|个要点|个维度|个方向|个领域|个原则|个理由"
    r"|个|点|类|种|条|项|步|大|方面|部分|阶段|层|段|招|件|款|家|名|组|句|要点|要素|原则|原因|理由|问题|建议"
    r"|趋势|特点|方法|步骤|技巧|维度|方向|领域|板块|条件|误区|习惯|阶段)"
)
# The announcement proper: a count and its classifier (以下五点, 两类, 三个原因, 这 4 个步骤).
_ZH_ANNOUNCE = regex.compile(
    rf"""
    (?<![第\d.．前后近约超逾多余一二两三四五六七八九十百千万几数])(?<!每)
    (?P<num>{_ZH_NUM})[ \t]*
    (?P<clf>{_ZH_CLASSIFIER})
    (?!月|小时|分钟|百分点|星期|礼拜|工作日|季度|多|余|来|年|字|钟|半|倍|亿|万|千|百|元|块|人次)
    (?P<noun>[^\n，,。；;:：！？!?（）()“”"「」]{{0,16}}?)
    [ \t]*(?:[（(][^\n)）]{{0,20}}[)）][ \t]*)?
    (?P<end>[:：]|[ \t]*$)
    """,
    regex.VERBOSE,
)
_LEAD_BEFORE = regex.compile(r"(?:以下|如下|下面|下列|下述|这些|这|共有|共|总共|一共)[ \t]*$")
_ZH_TIME_BEFORE = regex.compile(r"(?:下午|上午|晚上|凌晨|早上|中午|早晨|傍晚|夜里|今天|明天|昨天)[ \t]*$")

_EN_NUM_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
_EN_NUM = rf"(?:{'|'.join(_EN_NUM_WORDS)}|[2-9]|[1-3]\d)"
_EN_TIME = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|times|percent|points|"
    r"dollars|cents|miles|kilometers|meters|feet|inches|pounds|kg|mb|gb|tb|lines|bytes|characters|words|"
    r"pages|chapters|am|pm|o'clock|ago|later|earlier|more|less|fewer|of|or|and|to|in|at|by|per|million|"
    r"billion|thousand|hundred)"
)
_EN_LEAD = (
    r"following|these|those|the|here\ are|there\ are|are|of|with|has|have|into|in|top|my|our|your|its|their"
    r"|all|include|includes"
)
_EN_ADJ = (
    r"main|key|major|basic|simple|important|following|different|core|big|great|other|more|primary|biggest"
    r"|most|best|useful|general"
)
_EN_ANNOUNCE = regex.compile(
    rf"""
    (?i:
      (?<![\w.,$£€¥#-])
      (?:
        (?P<lead>{_EN_LEAD})[ \t]+
        (?:(?:{_EN_ADJ})[ \t]+){{0,2}}
      )?
      (?P<num>{_EN_NUM})
      (?![\w.,%$-])
      (?:
        [ \t]+(?!{_EN_TIME}\b)(?P<noun>(?:[a-z][\w-]*[ \t]+){{0,2}}?(?:[a-z][\w'-]*s|people|criteria|children)\b)
      )?
    )
    (?P<tail>[^\n.;!?:,()]{{0,40}}?)
    [ \t]*:?[ \t]*$
    """,
    regex.VERBOSE,
)
# Cheap tests before the two patterns above, which cost about a microsecond per character of
# the clause (most clauses that end with a colon count nothing): a count of _ZH_ANNOUNCE begins
# with one of _ZH_NUM's first characters, and _EN_ANNOUNCE's count is a number of one or two
# digits (no ASCII digit before or after it; the second one may be any of regex's \d) or one of
# _EN_NUM's words (a whole word), found in any case the pattern reads by their lowered forms in
# the lowered clause.
_ZH_NUM_START = re.compile("[十二两三四五六七八九1-9]")
_EN_DIGIT = re.compile("[1-9](?<![0-9][1-9])(?:(?<=[2-9])(?![0-9])|(?<=[1-3])(?:[^0-9]|[0-9](?![0-9])))")
_EN_NUM_WORD = WordPattern(form for word in _EN_NUM_WORDS for form in lowered_forms(word))


def _may_count_en(tail: str) -> bool:
    """Whether _EN_ANNOUNCE may find a count in ``tail``."""
    return _EN_DIGIT.search(tail) is not None or _EN_NUM_WORD.search(ascii_lower(tail)) is not None


_FORWARD_ZH = regex.compile(r"以下|如下|下面|下列|下述|接下来")
_ZH_COUNT_BEFORE = regex.compile(rf"{_ZH_NUM}[ \t]*{_ZH_CLASSIFIER}")
_JOIN = regex.compile(r"和|与|及|、|以及|and")
_NOT_NOUN = regex.compile(r"[\d零一二两三四五六七八九十百千万]|和|与|及|或|跟")


@dataclass(frozen=True, slots=True)
class Announcement:
    start: int  # offset of the phrase (number and classifier) in the text
    end: int
    count: int
    phrase: str
    clf: str


def _zh_count(text: str) -> int | None:
    value = parse_cjk_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def find_announcement(prose: str, start: int, end: int, *, heading: bool) -> Announcement | None:
    """The count announced at the end of ``prose[start:end]`` (a block), or None.

    The block must end with a colon (or be a heading), and the count phrase must be the last
    one before that end, close to it: "以下五点关键突破:", "分为两类：", "three reasons:".
    """
    text = prose[start:end].rstrip()
    if not text:
        return None
    last_char = text[-1]
    # A sentence ending with a full stop only announces with a forward pointer (以下三点需要注意。).
    forward_only = not heading and last_char in "。.！!"
    if forward_only:
        text = text[:-1].rstrip()
    elif last_char not in ":：" and not heading:
        return None
    # The last sentence (or clause) only.
    cut = max(text.rfind(ch) for ch in "。！？!?；;\n")
    offset = start + cut + 1
    tail = text[cut + 1 :]
    found: Announcement | None = None
    clause_start = max(tail.rfind(ch) for ch in "，,") + 1
    matches = (
        [m for m in _ZH_ANNOUNCE.finditer(tail) if m.start() >= clause_start]
        if _ZH_NUM_START.search(tail, clause_start) is not None
        else []
    )
    if len(matches) > 1:
        return None  # 三个事务和三个事件: more than one count in the clause
    for m in matches:
        prefix = tail[clause_start : m.start()]
        if _ZH_COUNT_BEFORE.search(prefix) and _JOIN.search(prefix):
            continue  # 三个事务和三个事件: two counts joined, the list holds both
        if _NOT_NOUN.search(m["noun"]):
            continue  # the count belongs to something else (64 位的 bigint 分为 3 段)
        if m["clf"] == "大" and not m["noun"]:
            continue
        if m["clf"] == "点" and _ZH_TIME_BEFORE.search(tail, 0, m.start()):
            continue
        count = _zh_count(m["num"])
        if count is None or count < 2:
            continue
        if forward_only and not _FORWARD_ZH.search(tail, clause_start, m.start()):
            continue
        # 三大 says little without its noun: quote 三大问题.
        phrase_end = m.end("noun") if m["clf"] == "大" else m.end("clf")
        found = Announcement(offset + m.start(), offset + phrase_end, count, tail[m.start() : phrase_end], m["clf"])
    if found is not None:
        # Widen the quoted phrase with a forward pointer (以下/这) just before the number.
        before = prose[max(start, found.start - 4) : found.start]
        lead = _LEAD_BEFORE.search(before)
        if lead and lead[0].startswith("这") and not _FORWARD_ZH.search(tail):
            return None  # 这两个结论: points back to what was said, not to what follows
        if lead:
            s = found.start - len(lead[0])
            return Announcement(s, found.end, found.count, prose[s : found.end], found.clf)
        return found
    if last_char not in ":：" and not forward_only and not heading:
        return None
    m = _EN_ANNOUNCE.search(tail) if _may_count_en(tail) else None
    if m is None:
        return None
    if forward_only and "following" not in tail[: m.start("num")].lower():
        return None
    before = tail[: m.start()]
    if m["lead"] is None and before.strip() and not before.rstrip().endswith(("are", "is")):
        return None  # a bare "3 things:" is only trusted at the start of the clause
    following = "following" in tail[m.start() : m.start("num")].lower()
    if not m["noun"] and not following:
        return None
    count = _en_count(m["num"])
    if count is None or count < 2:
        return None
    lead = (m["lead"] or "").lower()
    phrase_start = m.start("lead") if lead in ("following", "these", "those") or following else m.start("num")
    phrase_end = m.end("noun") if m["noun"] else m.end("num")
    noun = (m["noun"] or "").split()[-1].lower() if m["noun"] else ""
    return Announcement(offset + phrase_start, offset + phrase_end, count, tail[phrase_start:phrase_end], noun)


def _en_count(text: str) -> int | None:
    value = parse_english_number(text)
    if value is None:
        return None
    return int(value)


# -- the rule -------------------------------------------------------------------------------------


class CountMismatch(Rule):
    """A stated number of items that differs from the items enumerated right after it.

    ## What it does
    Finds a sentence that announces a count ("以下五点关键突破:", "分为两类：",
    "三个原因：", "three reasons:", "these 4 steps:", "the following five:") and is directly
    followed by an enumeration: a Markdown list, numbered headings, or numbered paragraphs
    ("1. 重塑与微软的复杂关系", "2、…"). It counts the items of that enumeration (top-level
    items only; nested lists are not counted) and reports when the count differs from the
    announced number. A title that announces the same count ("必须做到这五点") is reported
    with it. It stays silent when the enumeration does not start right after the
    announcement, does not start at 1, or is not clearly a list.

    ## Why is this bad?
    Items get added and removed while an article is edited, and the sentence that counts
    them is easily forgotten: readers looking for the fifth point never find it, or find a
    sixth one and doubt the rest.

    ## Example
    ```markdown
    它必须实现以下五点关键突破:

    1. 重塑与微软的复杂关系
    2. 筹集前所未有的资金
    3. 实现技术突破以降低成本
    4. 开拓新的应用领域
    ```
    is reported: "'以下五点' announces 5 items but 4 follow (lines 3–6)". Update the count or
    restore the missing item.
    """

    code = "FL104"
    name = "count-mismatch"
    family = "numbers"
    severity = Severity.ERROR
    summary = "A stated number of items ('以下五点', 'three reasons') differs from the items that follow."
    options = (Option("check-title", bool, True, "Also report a title that announces the same count."),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        enum = enumerations(doc)
        if not enum.items:
            return
        prose = doc.prose
        starts = [i.start for i in enum.items]
        announced: list[tuple[Announcement, list[Item]]] = []
        for index in _blocks_before_items(doc, enum.items):
            block = doc.blocks[index]
            for seg_start, seg_end in _segments(prose, block.start, block.end, block.kind == "heading"):
                first = _item_right_after(doc, enum.items, starts, seg_end, index)
                if first is None:
                    continue
                if first.kind == "heading" and block.kind == "heading" and first.level <= block.level:
                    continue  # the next heading is a sibling, not the announced content
                ann = find_announcement(prose, seg_start, seg_end, heading=block.kind == "heading")
                if ann is None:
                    continue
                items = _enumeration(doc, enum, first)
                if len(items) < 2 or _subgrouped(doc, items, ann):
                    continue
                announced.append((ann, items))
                if len(items) == ann.count:
                    continue
                if first.kind == "heading" and len(items) > ann.count:
                    continue  # later numbered sections may be a summary or an appendix, not announced items
                yield self._finding(doc, ann, items)
        if announced and self.settings["check-title"]:
            yield from self._check_title(doc, announced)

    def _finding(self, doc: Document, ann: Announcement, items: list[Item], where: str = "") -> Diagnostic:
        first, last = items[0], items[-1]
        lines = f"line {first.line}" if first is last else f"lines {first.line}–{last.line}"
        numbers = [i.number for i in items if i.number is not None]
        numbered = ""
        if numbers and numbers != list(range(1, len(numbers) + 1)):
            numbered = f", numbered {', '.join(str(n) for n in numbers)}"
        verb = "follows" if len(items) == 1 else "follow"
        message = f"'{ann.phrase}'{where} announces {ann.count} items but {len(items)} {verb} ({lines}{numbered})"
        related = [
            Related(doc.path, first.line, doc.position(first.start)[1], "the enumeration starts here"),
            Related(doc.path, last.line, doc.position(last.start)[1], f"last item ({len(items)} in all)"),
        ]
        return self.report(doc, ann.start, ann.end, message, related=related)

    def _check_title(self, doc: Document, announced: list[tuple[Announcement, list[Item]]]) -> Iterator[Diagnostic]:
        """A title that announces a count ("必须做到这五点") against the body's enumeration of the same things."""
        title = doc.metadata.get("title")
        if title is None or not isinstance(title.value, str):
            return
        text = title.value
        found = list(_ZH_ANNOUNCE_ANY.finditer(text))
        if not found:
            return
        m = found[-1]
        count = _zh_count(m["num"])
        if count is None or count < 2:
            return
        span = title.span
        base = doc.text.find(text, span.start) if span is not None else -1
        if base < 0:
            return
        start, end = base + m.start(), base + m.end()
        if any(ann.start <= start < ann.end for ann, _ in announced):
            return  # the title heading is itself the announcement, already checked
        for ann, items in announced:
            if ann.clf == m["clf"] and start < ann.start:
                if len(items) != count and not (items[0].kind == "heading" and len(items) > count):
                    title_ann = Announcement(start, end, count, m[0], m["clf"])
                    yield self._finding(doc, title_ann, items, " in the title")
                return  # only the first enumeration of the same things


# A count in a title: "必须做到这五点", "三个原因" (no colon needed, demonstrative or end).
_ZH_ANNOUNCE_ANY = regex.compile(
    rf"(?:这|以下|这些)[ \t]*(?P<num>{_ZH_NUM})[ \t]*(?P<clf>{_ZH_CLASSIFIER})"
    rf"(?!月|小时|分钟|百分点|星期|工作日|季度|多|余|年|字|钟|半|倍)"
)


def _segments(prose: str, start: int, end: int, heading: bool) -> Iterator[tuple[int, int]]:
    """The parts of a block that may end with an announcement: a heading, or lines ending with a colon."""
    if heading:
        yield start, end
        return
    pos = start
    while pos < end:
        newline = prose.find("\n", pos, end)
        line_end = end if newline < 0 else newline
        # The line without its trailing blanks is prose[pos:last]; its last character decides.
        last = line_end
        if last > pos and prose[last - 1].isspace():
            last = pos + len(prose[pos:line_end].rstrip())
        ch = prose[last - 1] if last > pos else ""
        if ch in _ANNOUNCE_END or (ch in _STOP_END and _has_forward(prose[pos:last])):
            yield pos, line_end
        if newline < 0:
            break
        pos = newline + 1


_ANNOUNCE_END = frozenset(":：")
_STOP_END = frozenset("。.！!")
_FORWARD_ANY = regex.compile(r"以下|如下|下面|下列|下述|(?i:\bfollowing\b)")


def _has_forward(text: str) -> bool:
    """``_FORWARD_ANY.search(text)``, with a cheap test first: most sentences end with a full stop.

    Each Chinese word holds 下; "following" in any case holds "ollow" once lowered (no other
    character matches o, l or w under (?i))."""
    return ("下" in text or "ollow" in text.lower()) and _FORWARD_ANY.search(text) is not None


_GAP_CHAR = r"[\s>#*_]"
_GAP = regex.compile(f"{_GAP_CHAR}*")
_GAP_BEFORE = regex.compile(f"(?r){_GAP_CHAR}*")  # read backwards: the run of them that ends at endpos


def _gap_start(prose: str, pos: int) -> int:
    """Where the run of blanks and markup that ends at ``pos`` begins.

    ``_GAP.fullmatch(prose, start, pos)`` (a class repeated) holds exactly when every character
    of ``prose[start:pos]`` is of that class, that is when ``start`` is at or after that place."""
    return _GAP_BEFORE.match(prose, 0, pos).start()


def _blocks_before_items(doc: Document, items: list[Item]) -> Iterator[int]:
    """The indices of the paragraphs and headings after a line of which _item_right_after may
    find an item, in order: those that hold the start of an item, and those that end before the
    first item after them with only blanks or markup between (they end inside or after the run of
    them before that item, :func:`_gap_start`).

    Each block is read once, with the first item that starts in or after it (``items`` are in
    order, and so are the blocks, which do not overlap): the item's own block and the blocks
    before it back to the block of the item before, as far back as they end in that run."""
    blocks = doc.blocks
    after = 0  # the first block after the block of the item before
    for item in items:
        if item.block < after:
            continue  # a second item in one block
        first = item.block
        if first > after:
            gap = _gap_start(doc.prose, item.start)
            while first > after and blocks[first - 1].end >= gap:
                first -= 1
        for index in range(first, item.block + 1):
            if blocks[index].kind in ("paragraph", "heading"):
                yield index
        after = item.block + 1


def _item_right_after(doc: Document, items: list[Item], starts: list[int], pos: int, block: int) -> Item | None:
    """The item that starts right after ``pos`` (only blanks, images or markup between), or None."""
    k = bisect.bisect_left(starts, pos)
    if k == len(items):
        return None
    item = items[k]
    if _GAP.fullmatch(doc.prose, pos, item.start) is None:
        return None
    if any(b.kind in ("code", "html") for b in doc.blocks[block + 1 : item.block]):
        return None  # a code sample or an HTML table sits between: unsure
    return item


def _enumeration(doc: Document, enum: Enumerations, first: Item) -> list[Item]:
    """The items of the enumeration that starts with ``first``; empty when unsure."""
    if first.kind == "list" and doc.blocks[first.block].number is None:
        # A bullet list (its items may carry their own 第一, 其次 …): its items at this level.
        items = enum.list_items(first)
        return [] if _continued(doc, enum, items[-1]) else items
    if first.number != 1:
        return []  # a continuation, not the start of an enumeration
    if first.kind == "list":
        same = enum.list_items(first)
        if len(same) > 1 and all(i.number == first.number for i in same):
            return [] if _continued(doc, enum, same[-1]) else same  # lazy numbering: 1. 1. 1.
    chain = enum.chain_of.get(id(first))
    if chain is None:
        return []
    items = chain.items
    return items[items.index(first) :]


def _continued(doc: Document, enum: Enumerations, last: Item) -> bool:
    """Whether a list seems to go on after ``last`` past an image, HTML or code (so unsure)."""
    blocks = doc.blocks
    prose = doc.prose
    for index in range(last.block + 1, len(blocks)):
        block = blocks[index]
        if block.kind == "list_item" and block.level > last.level:
            continue
        if block.kind in ("html", "code") or not prose[block.start : block.end].strip():
            continue  # an image, a figure, a code sample: look past it
        following = enum.by_block.get(index)
        return following is not None and following.kind == "list" and following.level == last.level
    return False


def _subgrouped(doc: Document, items: list[Item], ann: Announcement) -> bool:
    """Whether an item itself groups several of the announced things (对于 TiKV 的两类)."""
    if not ann.clf:
        return False
    for item in items:
        end = min(item.end + 60, doc.blocks[item.block].end)
        if _counted(doc.prose, ann.clf, item.end, end):
            return True
    return False


_COUNT_CHAR = regex.compile(r"[二两三四五六七八九十\d]")


def _counted(text: str, word: str, start: int, end: int) -> bool:
    """``regex.search(rf"[二两…十\\d][ \\t]*{regex.escape(word)}", text, start, end)``, without a
    pattern compiled for each word: at each place ``word`` occurs, the count character can only
    stand right before the blanks (spaces and tabs) that precede it, none of which is one."""
    at = text.find(word, start, end)
    while at >= 0:
        before = at
        while before > start and text[before - 1] in " \t":
            before -= 1
        if before > start and _COUNT_CHAR.match(text, before - 1) is not None:
            return True
        at = text.find(word, at + 1, end)
    return False
