"""Enumerations (numbered items and their chains) and FL104's count announcements."""

from __future__ import annotations

import bisect
import itertools
from pathlib import Path

import pytest
import regex
from factlint_numbers import enumeration
from factlint_numbers.enumeration import enumerations
from factlint_numbers.rules import FL104_count_mismatch as fl104
from factlint_numbers.rules.FL104_count_mismatch import CountMismatch, find_announcement
from factlint_numbers.rules.FL105_enumeration_sequence import EnumerationSequence
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import Document, parse
from factlint.metadata import resolve
from factlint.rules import RuleContext

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"


def chains(text: str, path: str = "a.md") -> list[list[int | None]]:
    doc = parse(path, text)
    return [[i.number for i in chain.items] for chain in enumerations(doc).chains]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. a\n2. b\n3. c\n", [[1, 2, 3]]),
        ("1. a\n1. b\n1. c\n", [[1], [1], [1]]),  # lazy numbering: every item restarts
        ("1. a\n2. b\n\ntext\n\n1. c\n2. d\n", [[1, 2], [1, 2]]),
        ("1. a\n   1. x\n   2. y\n2. b\n", [[1, 2], [1, 2]]),  # nested list is its own chain
        ("1、甲\n\n2、乙\n\n4、丁\n", [[1, 2, 4]]),
        ("1. a\n2. b\n3. c\n\n4、d\n", [[1, 2, 3, 4]]),  # a separator change continues the chain
        ("一、背景\n\n1. 数据\n\n2. 方法\n\n二、方案\n\n1. 成本\n", [[1, 2], [1, 2], [1]]),
        ("## 1. Intro\n\ntext\n\n## 2. Body\n\n## 4. End\n", [[1, 2, 4]]),
        ("## 1. A\n\n## Notes\n\n## 3. C\n", [[1], [3]]),  # an unnumbered heading ends the chain
        ("**Step 1:** a\n\n**Step 2:** b\n", [[1, 2]]),
        ("（一）甲\n\n（二）乙\n", [[1, 2]]),
        ("第一章 总则\n\n第二章 细则\n", [[1, 2]]),
        ("① 甲\n\n② 乙\n\n③ 丙\n", [[1, 2, 3]]),
        ("1、\n\n正文\n\n2、\n\n正文\n\n3\n\n正文\n", [[1, 2, 3]]),  # marker-only paragraphs
        ("原因如下：\n1、甲\n2、乙\n3、丙\n", [[1, 2, 3]]),  # lines of one paragraph
        ("> 动力来自三点：\n>\n> 1、孩子；\n> 2、女人；\n> 3、技术。\n", [[1, 2, 3]]),  # in a quote
        ("1\\. 信息收集\n\n2\\. 生成调度\n", [[1, 2]]),  # escaped Markdown markers
        ("**1，系统默认支持**\n\n**2，使用方便**\n", [[1, 2]]),
    ],
)
def test_chains(text: str, expected: list[list[int | None]]) -> None:
    assert chains(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2019 年，公司成立。\n\n2020 年，公司上市。\n",
        "1.5 倍的增长。\n\n3.2 版本发布。\n",
        "v1.2 released\n\n3.14 is pi\n",
        "第一周：数组\n\n第二周：哈希表\n",  # a schedule, not an enumeration
    ],
)
def test_not_items(text: str) -> None:
    assert chains(text) == []


def test_bullets_are_items_without_numbers() -> None:
    doc = parse("a.md", "- a\n- b\n  - c\n- d\n")
    items = enumerations(doc).items
    assert [i.number for i in items] == [None, None, None, None]
    top = enumerations(doc).list_items(items[0])
    assert len(top) == 3


def test_marker_offsets_point_at_the_number() -> None:
    text = "intro\n\n## 3. Results\n\n**4、结论**\n"
    doc = parse("a.md", text)
    items = enumerations(doc).items
    assert [text[i.start : i.end].strip() for i in items] == ["3.", "4、"]


@pytest.mark.parametrize(
    ("sentence", "phrase", "count"),
    [
        ("Zitron 表示,若 OpenAI 想要存活超过两年,它必须实现以下五点关键突破:", "以下五点", 5),
        ("主要有三个原因：", "三个原因", 3),
        ("可以分为两类：", "两类", 2),
        ("我们总结了 3 个要点：", "3 个要点", 3),
        ("There are three reasons:", "three reasons", 3),
        ("Follow these 4 steps:", "these 4 steps", 4),
        ("The team promotes the following four values:", "the following four values", 4),
        ("We did the following five:", "the following five", 5),
        ("Here are the five most important steps you need to take:", "five most important steps", 5),
        ("我发现自己不喜欢大城市，主要有下面三个原因。", "下面三个原因", 3),
        ("求职时，大多数前端程序员都会遇到以下三大问题。", "以下三大问题", 3),
        ("Please do the following three things.", "the following three things", 3),
    ],
)
def test_announcements(sentence: str, phrase: str, count: int) -> None:
    ann = find_announcement(sentence, 0, len(sentence), heading=False)
    assert ann is not None
    assert (sentence[ann.start : ann.end], ann.count) == (phrase, count)


@pytest.mark.parametrize(
    "sentence",
    [
        "会议定在明天下午两点：",  # a time of day
        "这三个月：",  # a duration
        "例子中有三个事务和三个 resolved ts 事件：",  # two counts: the list holds both
        "它将 64 位的 bigint 分为 3 段",  # no colon: not an announcement
        "我们按照老师的眼光来审视这两个结论：",  # 这 points back
        "摘二三句如下是以为念：",  # 二三 is "a few"
        "Over the next three months we will focus on:",
        "In 2019 we did:",
        "This is the first one:",
        "主要有三个原因。",  # ends with a full stop, no forward pointer
        "These three reasons matter.",
    ],
)
def test_not_announcements(sentence: str) -> None:
    assert find_announcement(sentence, 0, len(sentence), heading=False) is None


def test_seed_004_has_one_chain_of_five() -> None:
    path = SEEDS / "004_b625d6200ca549e7.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    doc = parse(path.name, path.read_text(encoding="utf-8"))
    assert [[i.number for i in c.items] for c in enumerations(doc).chains] == [[1, 2, 3, 4, 5]]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1.",
        "1.\n",
        "以下五点：",
        "以下五点：\n",
        "# 以下五点\n",
        "three reasons:\n\n- a\n",
        "> 1、\n> 2、\n",
        "1. a\n\n   1. b\n\n      1. c\n\n2. d\n",
        "---\ntitle: 必须做到这五点\n---\n\n以下五点：\n\n1. a\n2. b\n",
        "| 1. | a |\n|---|---|\n| 2. | b |\n",
        "```\n1. a\n3. b\n```\n",
        "1、a\n\n" * 300,
    ],
)
def test_rules_do_not_crash_on_odd_input(text: str) -> None:
    for path in ("a.md", "a.txt"):
        doc = parse(path, text)
        doc.metadata = resolve(doc)
        ctx = RuleContext(config=None, claims=[])  # type: ignore[arg-type]
        list(CountMismatch().check(doc, ctx))
        list(EnumerationSequence().check(doc, ctx))


def test_code_blocks_are_not_enumerations() -> None:
    assert chains("```\n1. a\n3. b\n```\n") == []


# -- the shortcuts of _collect ----------------------------------------------------------------------

CORPUS = ROOT / ".." / "shared" / "corpus"
_LEAD = regex.compile(r"[ \t>]*")
_BULLET = regex.compile(r"[ \t>]*[-*+][ \t]+")


def _sample_docs() -> list[Document]:
    paths = [*sorted(SEEDS.glob("*")), *sorted(CORPUS.rglob("*.md"))[::10]]
    return [parse(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths if p.is_file()]


def _list_item_starts_the_slow_way(doc: Document) -> dict[int, int]:
    """Where each list item's marker starts, found with the patterns _collect reads with str.lstrip."""
    prose, out = doc.prose, {}
    for index, block in enumerate(doc.blocks):
        if block.kind != "list_item":
            continue
        out[index] = _LEAD.match(prose, block.start, block.end).end()
        if block.number is None and (after := _BULLET.match(prose, block.start, block.end)) is not None:
            found = enumeration._marker_number(prose[after.end() : block.end])
            if found is not None:
                out[index] = after.end() + found[3]
    return out


def _named_marker_parts(m: regex.Match[str]) -> tuple[int | None, str, str, int, int, str]:
    """_marker_number's result read from _MARKER's groups by name, as it was before."""
    sep = enumeration._SEPARATORS.get(m["asep"] or m["csep"] or "", "")
    if m["anum"]:
        return int(m["anum"]), "arabic", m[0].strip(), m.start("anum"), m.end(), sep
    if m["bare"]:
        return int(m["bare"]), "arabic", m[0].strip(), m.start("bare"), m.end(), sep
    if m["pnum"]:
        style = "paren" if m["pnum"].isdigit() else "paren-cjk"
        return enumeration._number(m["pnum"]), style, m[0].strip(), m.start(), m.end(), sep
    if m["circ"]:
        return enumeration._CIRCLED.index(m["circ"]) + 1, "circled", m["circ"], m.start("circ"), m.end(), sep
    if m["onum"]:
        word = m["oword"] if m["oword"] not in "，,、:：" else "、"
        return enumeration._number(m["onum"]), f"ordinal:{word}", m[0].strip(), m.start(), m.end(), sep
    if m["cnum"]:
        return enumeration._number(m["cnum"]), "cjk", m[0].strip(), m.start("cnum"), m.end(), sep
    return int(m["wnum"]), f"word:{m['word'].lower()}", m[0].strip(), m.start("word"), m.end(), sep


def _same_marker(text: str) -> None:
    m = enumeration._MARKER.match(text)
    if m is None or not enumeration._may_open_marker(text.lstrip(enumeration._LEAD_CHARS)[:1]):
        return
    want = _named_marker_parts(m)
    got = enumeration._marker_number(text)
    assert got == (want if want[0] is not None else None), text


@pytest.mark.parametrize(
    "text",
    ["1. a", "2、b", "## 3) c", "**4.** d", "（五）e", "(6) f", "⑦ g", "第八章 h", "第9步", "十、i", "三. j", "12",
     "Step 3: k", "PART 2 — l", "7 - m", "二十一： n", "第一个，o"],
)  # fmt: skip
def test_marker_groups_by_number_are_the_named_groups(text: str) -> None:
    assert enumeration._MARKER.match(text) is not None
    _same_marker(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t>#*_(（)）第个章步、，,.．:：-—0123一二十⑤Steppart\n", max_size=14))
def test_marker_groups_by_number_on_generated_text(text: str) -> None:
    _same_marker(text)


def test_list_item_starts_are_the_patterns_on_articles() -> None:
    docs = _sample_docs()
    assert sum(b.kind == "list_item" for d in docs for b in d.blocks) > 1000
    for doc in docs:
        got = {i.block: i.start for i in enumeration._collect(doc) if i.kind == "list"}
        assert got == _list_item_starts_the_slow_way(doc), doc.path


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" \t>-*+1、a.", max_size=8), min_size=1, max_size=5))
def test_list_item_starts_are_the_patterns_on_generated_lists(lines: list[str]) -> None:
    doc = parse("a.md", "".join(f"- {line}\n" for line in lines) + "\n" + "".join(f"1. {line}\n" for line in lines))
    got = {i.block: i.start for i in enumeration._collect(doc) if i.kind == "list"}
    assert got == _list_item_starts_the_slow_way(doc)
    assert all(type(i) is enumeration.Item and i == enumeration.Item(*i) for i in enumeration._collect(doc))


# -- the shortcuts of _collect, _build and FL104 that read only the blocks near items -------------


def _line_items_the_slow_way(doc: Document) -> list[tuple[int, int, int, int | None, str]]:
    """(block, start, line, number, style) of the items read at each line of each paragraph and at
    the first line of each heading, every line read with _marker_number (no _LINE_MARK gate)."""
    prose, out = doc.prose, []
    for index, block in enumerate(doc.blocks):
        if block.kind not in ("paragraph", "heading"):
            continue
        line_start = block.start
        while line_start < block.end:
            newline = prose.find("\n", line_start, block.end)
            line_end = block.end if newline < 0 else newline
            if line_start < line_end and (found := enumeration._marker_number(prose[line_start:line_end][:80])):
                line = block.line + prose.count("\n", block.start, line_start)
                out.append((index, line_start + found[3], line, found[0], found[1]))
            if newline < 0 or block.kind == "heading":
                break
            line_start = newline + 1
    return out


def _blocks_before_items_the_slow_way(doc: Document, starts: list[int]) -> list[int]:
    """The paragraphs and headings that hold an item's start or end before the first item after
    them with only blanks or markup (_GAP) between."""
    out = []
    for index, block in enumerate(doc.blocks):
        k = bisect.bisect_left(starts, block.start)
        if block.kind not in ("paragraph", "heading") or k == len(starts):
            continue
        if block.end >= starts[k] or fl104._GAP.fullmatch(doc.prose, block.end, starts[k]) is not None:
            out.append(index)
    return out


def _check_block_shortcuts(doc: Document) -> None:
    blocks = doc.blocks
    # _collect, _build and _blocks_before_items read the blocks as in order and not overlapping.
    assert all(a.start <= a.end <= b.start for a, b in itertools.pairwise(blocks)), doc.path
    items = enumeration._collect(doc)
    assert items == sorted(items, key=lambda i: (i.block, i.start)), doc.path
    got = [(i.block, i.start, i.line, i.number, i.style) for i in items if i.kind != "list"]
    assert got == _line_items_the_slow_way(doc), doc.path
    # _build: a heading block's items are numbered heading items, so a heading block without an
    # item is an unnumbered heading; the other blocks without a numbered item change no chain.
    assert all(i.kind == "heading" and i.number is not None for i in items if blocks[i.block].kind == "heading")
    starts = [i.start for i in items]
    assert list(fl104._blocks_before_items(doc, items)) == _blocks_before_items_the_slow_way(doc, starts), doc.path


def test_block_shortcuts_on_articles() -> None:
    docs = _sample_docs()
    for doc in docs:
        _check_block_shortcuts(doc)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1. a", "- b", "2、c", "## 3. d", "## e", "text:", "> 4、f", "***", "```\n5. g\n```", "* _", ""]
        ),
        max_size=12,
    ),
    st.lists(st.sampled_from(["\n", "\n\n", "\n  \n", "\n\u3000\n"]), min_size=12, max_size=12),
)
def test_block_shortcuts_on_generated_documents(lines: list[str], seps: list[str]) -> None:
    text = "".join(line + sep for line, sep in zip(lines, seps, strict=False))
    for path in ("a.md", "a.txt"):
        _check_block_shortcuts(parse(path, text))
