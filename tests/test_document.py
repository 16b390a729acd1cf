"""The document model: exact positions, front matter, Markdown structure, the prose mask."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint import document
from factlint.document import Document, parse
from factlint.metadata import resolve
from factlint.read import DecodeError, decode
from tests.conftest import CORPUS, ROOT, SEEDS
from tests.test_properties import PROFILE


def test_positions_count_characters_and_include_front_matter() -> None:
    text = "---\ntitle: 标题\n---\n第一行\n中文 OpenAI 估值 100 亿美元\n"
    doc = parse("a.md", text)
    offset = text.index("100")
    assert doc.position(offset) == (5, 14)
    span = doc.span(offset, offset + 3)
    assert (span.line, span.column, span.end_line, span.end_column) == (5, 14, 5, 17)
    assert doc.offset(5, 14) == offset


def test_crlf_front_matter_and_lines() -> None:
    doc = parse("a.md", "---\r\ntitle: x\r\ndraft: true\r\n---\r\nbody\r\n")
    assert doc.front_matter == {"title": "x", "draft": True}
    assert doc.key_span("draft").line == 3
    assert doc.line_text(3) == "draft: true"


def test_toml_front_matter() -> None:
    doc = parse("a.md", '+++\ntitle = "x"\ndraft = true\n+++\nbody\n')
    assert doc.front_matter_kind == "toml"
    assert doc.front_matter == {"title": "x", "draft": True}
    assert doc.key_span("draft").line == 3


@pytest.mark.parametrize(
    ("source", "fragment", "line"),
    [
        ("---\ntitle: x\n  date: 1\n---\n", "mapping values are not allowed", 3),
        ("---\nrun: !!python/object/apply:os.system [x]\n---\n", "could not determine a constructor", 2),
        ("---\n- a\n- b\n---\n", "is a list", 2),
        ("---\nplain\n---\n", "is a str", 2),
        ("---\ntitle: x\n\nbody never closed\n", "never closed", 1),
    ],
)
def test_front_matter_errors_have_a_line(source: str, fragment: str, line: int) -> None:
    doc = parse("a.md", source)
    assert doc.front_matter_error is not None
    assert fragment in doc.front_matter_error.message
    assert doc.front_matter_error.line == line


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    doc = parse("a.md", "---\n" + "\n".join(lines) + "\n---\nbody\n")
    assert doc.front_matter_error is not None
    assert "alias bomb" in doc.front_matter_error.message


def test_blocks_from_markdown() -> None:
    text = "# Title\n\nPara one.\n\n1. first\n2. second\n\n> quoted\n\n```\ncode 100\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    doc = parse("a.md", text)
    kinds = [(b.kind, b.line) for b in doc.blocks]
    assert kinds == [
        ("heading", 1),
        ("paragraph", 3),
        ("list_item", 5),
        ("list_item", 6),
        ("paragraph", 8),
        ("code", 10),
        ("table_row", 14),
        ("table_row", 16),
    ]
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [i.number for i in items] == [1, 2]
    assert items[0].list_id == items[1].list_id
    assert doc.blocks[4].in_blockquote


def test_prose_masks_code_urls_and_link_targets_keeping_offsets() -> None:
    text = (
        "See [the report](https://example.com/2024/10/report?x=1) and `GPT-4 costs $20`.\n"
        "![chart 2023](img/2023.png) Visit www.example.com/2019 or mail a@b.org.\n"
        "<!-- factlint: disable FL101 --> <span>Revenue</span> {% hint %}\n"
        "```\n$1.3B\n```\n"
    )
    doc = parse("a.md", text)
    prose = doc.prose
    assert len(prose) == len(text)
    assert prose.count("\n") == text.count("\n")
    for hidden in (
        "https://",
        "2024/10",
        "GPT-4",
        "$20",
        "img/2023",
        "www.example",
        "a@b.org",
        "factlint",
        "span",
        "$1.3B",
        "hint",
    ):
        assert hidden not in prose, hidden
    assert "the report" in prose
    assert "Revenue" in prose


def test_a_long_link_target_is_masked_whole() -> None:
    """A data URI or a certificate dump as a link target is not prose, however long."""
    text = "See [the dump](https://lapo.it/asn1js/#" + "3082062F" * 400 + ") here.\n"
    prose = parse("a.md", text).prose
    assert "3082" not in prose
    assert "the dump" in prose and "here." in prose


def test_a_tag_with_a_long_attribute_is_masked_whole() -> None:
    """An image's alt text of several hundred characters, and a template value inside an
    attribute (from a real post): the whole tag is markup, its quote marks and dates too."""
    alt = "Animation: describing the scale of the challenge, " * 12 + 'as of 2016-02-11. "Quoted" well.'
    text = f'<img src="{{{{ "/assets/rules.gif" | url }}}}" alt="{alt}" /> The rules changed.\n'
    prose = parse("a.md", text).prose
    assert prose.strip() == "The rules changed."
    assert len(prose) == len(text)


def test_sentences_split_chinese_and_english() -> None:
    text = "OpenAI 估值上涨。它说：“很好！”然后呢？\n\nThe company raised $10 billion. It is a unicorn.\n"
    doc = parse("a.md", text)
    sentences = [text[s.start : s.end].strip() for s in doc.sentences]
    assert sentences == [
        "OpenAI 估值上涨。",
        "它说：“很好！”",
        "然后呢？",
        "The company raised $10 billion.",
        "It is a unicorn.",
    ]


def _sentence_ends_by_scan(prose: str) -> list[tuple[int, int]]:
    return [m.span() for m in document._SENTENCE_END.finditer(prose)]


def test_sentence_ends_are_those_a_scan_finds_on_real_articles() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))[::7]
    assert len(paths) > 100
    for path in paths:
        prose = parse(str(path), path.read_bytes().decode("utf-8", errors="replace")).prose
        assert document.sentence_ends(prose) == _sentence_ends_by_scan(prose), path


# Sentence-end characters, the closers and abbreviations around them, and white space (with the
# separators U+001C to U+001F, which str.isspace takes and the regex module's \s does not).
_END_PIECES = [
    *"。！？!?…;.；」』”’\"')）",
    " ",
    "\n",
    "\t",
    "\x1c",
    "\x1f",
    "\u3000",
    "\u00a0",
    "\x85",
    "Inc",
    "Z",
    "z",
    "😀",
    "U.S",
    "e.g",
    "vs",
    "Mr",
    "A",
    "a",
    "中",
    "3",
    "etc",
    "Sept",
]


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 500))
@given(st.lists(st.sampled_from(_END_PIECES), max_size=40).map("".join))
def test_sentence_ends_are_those_a_scan_finds_on_generated_text(prose: str) -> None:
    assert document.sentence_ends(prose) == _sentence_ends_by_scan(prose)


def test_every_first_character_of_a_sentence_end_is_looked_for() -> None:
    firsts = {ch for ch in map(chr, range(0x110000)) if document._SENTENCE_END.match(ch + "\n")}
    assert firsts == set(document._SENTENCE_END_FIRST)


def test_a_full_stop_or_semicolon_ends_a_sentence_only_before_what_sentence_ends_lets_through() -> None:
    """sentence_ends does not try _SENTENCE_END at a "." or ";" followed by anything else."""
    for end in ".;；":
        ended = {ch for ch in map(chr, range(0x10000)) if document._SENTENCE_END.match(f"x{end}{ch} \n", 1)}
        assert all(ch.isspace() or (end == "." and ch in document._AFTER_FULL_STOP) for ch in ended), end
    # and the runs it takes at the other ends are the first branch's matches
    for text in ("。", "。」x", "！？」』”’\"')）.", "…\n", "?!x", " .)）\n", " .”", "Inc. ", "U.S.” "):
        assert document.sentence_ends(text) == _sentence_ends_by_scan(text), text


def test_every_sentence_end_starts_with_text() -> None:
    """Document.sentences keeps a sentence that ends at a sentence end without looking at it."""
    assert not any(ch.isspace() for ch in document._SENTENCE_END_FIRST)


def _non_prose_spans_by_search(text: str) -> list[tuple[int, int]]:
    """The non-prose spans as a scan with each family's plain search finds them."""
    spans: list[tuple[int, int]] = []
    pos = 0
    families = document._NON_PROSE_FAMILIES
    while True:
        found = [(m.start(), rank, m) for rank, (_t, _f, p) in enumerate(families) if (m := p.search(text, pos))]
        if not found:
            return spans
        start, _rank, m = min(found, key=lambda f: f[:2])
        spans.append((start, m.end()))
        pos = m.end()


def test_families_with_first_strings_find_what_their_patterns_find() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))[::7]
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert document._non_prose_spans(text) == _non_prose_spans_by_search(text), path
    for _triggers, firsts, pattern in document._NON_PROSE_FAMILIES:
        for first in firsts:  # each first string starts a match
            assert any(pattern.match(first + tail) for tail in ("://x.org", "x.org", "s://x.org", "x)")), first


_URL_PIECES = [
    "http",
    "https",
    "://",
    "ftp",
    "www.",
    ".",
    "x",
    "/",
    " ",
    "(",
    ")",
    "](",
    "[a",
    "![",
    "`",
    "@",
    "<",
    "中",
    "\n",
]


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=40).map("".join))
def test_non_prose_spans_are_those_plain_searches_find_on_generated_text(text: str) -> None:
    assert document._non_prose_spans(text) == _non_prose_spans_by_search(text)


def test_plain_text_is_not_read_as_indented_code() -> None:
    text = "登录\n星期二, 3 2 月, 2026\n\n    缩进的段落里有 800 亿美元。\n"
    doc = parse("page.txt", text)
    assert not doc.markdown
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert "800" in doc.prose


def test_metadata_sources() -> None:
    text = "# 关于 OpenAI\n**Published:** 2023-11-10  \n\n原创 飞总本尊  飞总聊IT _2024-02-17 00:30_ _美国_\n"
    doc = parse("2023-11-09-slug.md", text)
    meta = resolve(doc)
    assert meta["published"].value == dt.date(2023, 11, 10)
    assert meta["published"].source == "text:Published"
    assert meta["byline_date"].value == dt.datetime(2024, 2, 17, 0, 30)
    assert meta["filename_date"].value == dt.date(2023, 11, 9)
    assert meta["title"].value == "关于 OpenAI"


@pytest.mark.parametrize(
    "text",
    [
        "Published: 2024-01-01 and Last updated on 2024-02-03 (UTC)\n",
        "posted updated: 2024-01-01\n",
        "发布时间：2024年1月2日 更新于 2024-03-04\n",
        "**Published:** 2023-11-10 12:30 +08:00 Saved 2023-11-11\n",
        "Released 2024-01-01, published  on\n2024-02-02\n",
    ],
)
def test_label_lines_are_those_a_scan_of_the_whole_head_finds(text: str) -> None:
    """Label lines are looked for only just before each full date: the same matches as a scan
    of the whole head with the label pattern."""
    from factlint import metadata

    hints = [h.start() for h in metadata._DATE_HINT.finditer(text)]
    found = [m.span() for m in metadata._label_lines(text, 0, len(text), hints)]
    assert found == [m.span() for m in metadata._LABEL_LINE.finditer(text)]
    assert found


def test_metadata_front_matter_draft_variants() -> None:
    for fm, expected in [
        ("draft: yes", True),
        ("draft: false", False),
        ("published: false", True),
        ("status: draft", True),
    ]:
        doc = parse("a.md", f"---\n{fm}\n---\n")
        assert resolve(doc)["draft"].value is expected, fm


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("中文 ok".encode(), "中文 ok", "utf-8"),
        (b"\xef\xbb\xbf" + "中文".encode(), "中文", "utf-8-sig"),
        ("中文".encode("utf-16"), "中文", "utf-16"),
        ("简体中文文章".encode("gb18030"), "简体中文文章", "gb18030"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.warning) == (text, encoding, "")


def test_decode_repairs_broken_utf8_and_nul() -> None:
    decoded = decode("中文\n".encode() + b"bad \xff byte\x00\n")
    assert "invalid UTF-8 from line 2" in decoded.warning
    assert "NUL" in decoded.warning
    assert len(decoded.text.splitlines()) == 2


def test_decode_refuses_binary() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 20)


def test_memo_computes_once_per_document_and_arguments() -> None:
    calls: list[tuple[str, tuple[object, ...]]] = []

    def words(doc: Document, *args: object) -> list[str]:
        calls.append((doc.path, args))
        return doc.text.split()

    a, b = parse("a.md", "one two\n"), parse("b.md", "three\n")
    assert a.memo(words) is a.memo(words)
    assert a.memo(words, 1) == ["one", "two"] and a.memo(words, 1) is a.memo(words, 1)
    assert b.memo(words) == ["three"]
    assert calls == [("a.md", ()), ("a.md", (1,)), ("b.md", ())]


def test_memo_keeps_no_failure() -> None:
    attempts = []

    def flaky(doc: Document) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first time")
        return len(attempts)

    doc = parse("a.md", "text\n")
    with pytest.raises(ValueError, match="first time"):
        doc.memo(flaky)
    assert doc.memo(flaky) == 2 and doc.memo(flaky) == 2
