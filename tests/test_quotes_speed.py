"""The quotes plugin's shortcuts give what the slow way gives: the pairing by blocks and its
fast paths, the bounded searches of speech verbs at the end of a text, and the word test before
a scan for an English speech verb. Over the seeds, a sample of the corpus and generated texts."""

from __future__ import annotations

import bisect
from functools import cache
from pathlib import Path

import pytest
import regex
from factlint_quotes import attribution, lexicon, quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import Document, parse

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
LEXICONS = [lexicon.load(), lexicon.load(("chimed in", "Quipped", "开腔"), ())]


@cache
def _docs() -> list[Document]:
    """The seeds and every 10th article of the corpus, parsed."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    corpus = sorted((SHARED / "corpus").rglob("*.md"))[::10]
    return [parse(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in [*seeds, *corpus]]


def test_the_sample_has_quotes() -> None:
    assert len(_docs()) > 200
    assert sum(len(quotes.pair_marks(doc).quotes) for doc in _docs()) > 500


# -- pairing ---------------------------------------------------------------------------------------


def _pair_marks_slowly(doc: Document) -> quotes.QuoteScan:
    """pair_marks as it was: runs looked for in every text, each offset's block searched for,
    and every mark of a block paired by _pair_block_marks."""
    prose, text, blocks = doc.prose, doc.text, doc.blocks
    runs: list[quotes.Unpaired] = []
    marks, blanked = quotes._mark_offsets(text, prose)
    offsets = quotes._without_runs(prose, marks, runs)  # (whether or not three marks stand in a row)
    offsets.extend(quotes._url_tail_marks(text, prose, blanked))
    if not offsets and not runs:
        return quotes.QuoteScan([], [])
    offsets.sort()
    starts = [b.start for b in blocks]
    by_block: dict[int, list[int]] = {}
    for offset in offsets:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < blocks[index].end and blocks[index].is_prose:
            by_block.setdefault(index, []).append(offset)
    results = [
        (index, quotes._pair_block_marks(text, blocks[index], index, by_block[index])) for index in sorted(by_block)
    ]
    quotes._join_blocks(prose, blocks, results)
    found = sorted((q for _, r in results for q in r.quotes), key=quotes.BY_START)
    unpaired = sorted([*runs, *(u for _, r in results for u in r.unpaired)], key=quotes._BY_OFFSET)
    return quotes.QuoteScan(found, unpaired)


def _same_pairing(doc: Document) -> None:
    fast, slow = quotes.pair_marks(doc), _pair_marks_slowly(doc)
    assert fast.quotes == slow.quotes, doc.path
    assert fast.unpaired == slow.unpaired, doc.path


def test_pair_marks_is_the_pairing_mark_by_mark_on_the_sample() -> None:
    for doc in _docs():
        _same_pairing(doc)


PAIRING_TEXTS = [
    "he set k=“abc” here\n",
    "zone=”dc-1” x “a b”\n",
    "他说k=「好的」，又说「不」\n",
    "“a” “b” 「c」『d』\n\n“e”\n",
    "“a“ b” and ”c“\n",
    "don't “stop” o‘clock ’90s rock 'n' roll\n",
    "“““ and ”””\n\n- “item”\n- ‘item’\n",
]


@pytest.mark.parametrize("text", PAIRING_TEXTS)
def test_pair_marks_is_the_pairing_mark_by_mark_on_examples(text: str) -> None:
    for cut in range(len(text) + 1):
        _same_pairing(parse("t.md", text[:cut]))
        _same_pairing(parse("t.md", text[cut:]))


MARKDOWN_PIECES = [
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    '"',
    "'",
    "’",
    "‘",
    "«",
    "»",
    "“““",
    "a",
    "b",
    "中",
    "7",
    " ",
    "=",
    "\\",
    "*",
    "_",
    "\n",
    "\n\n",
    "\n# ",
    "\n- ",
    "\n> ",
    "\n```\n",
    "\n<div>\n",
    "\n| a | b |\n|---|---|\n| ",
    "don't",
    "o‘clock",
    " https://a.b/c”",
    'alt="',
    "k=“",
    "k=」",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40))
def test_pair_marks_is_the_pairing_mark_by_mark_on_generated_texts(pieces: list[str]) -> None:
    _same_pairing(parse("t.md", "".join(pieces)))


# -- speech verbs at the end of a text -------------------------------------------------------------


def _windows(doc: Document) -> list[str]:
    """The texts verb_at_end reads: up to 80 characters before each quotation mark or colon."""
    out = []
    for block in doc.blocks:
        for i in range(block.start, block.end):
            if doc.prose[i] in '「“『"：:':
                out.append(doc.prose[max(block.start, i - 80) : i].rstrip(" \t*_"))
                out.append(doc.prose[max(block.start, i - 81) : i - 1].rstrip(" \t*_"))
    return out


def _same_zh_searches(attributor: attribution._Attributor, text: str) -> None:
    intro_from, object_from = attributor.zh_search_starts(text)
    for pattern, pos in ((attributor.zh_intro, intro_from), (attributor.zh_verb_object, object_from)):
        bounded, full = pattern.search(text, pos), pattern.search(text)
        assert (bounded and bounded.span("verb")) == (full and full.span("verb")), (pattern.pattern[:20], text)
        assert (bounded and bounded.span()) == (full and full.span()), text


def _attributor(lex: lexicon.Lexicon, text: str = "") -> attribution._Attributor:
    doc = parse("t.md", text)
    return attribution._Attributor(doc, lex, quotes.QuoteScan([], []))


def test_zh_verb_searches_from_their_bound_find_what_full_searches_find() -> None:
    attributors = [_attributor(lex) for lex in LEXICONS]
    for doc in _docs():
        for text in _windows(doc):
            for attributor in attributors:
                _same_zh_searches(attributor, text)


ZH_PIECES = [
    "说",
    "表示",
    "告诉",
    "开玩笑说",
    "开腔",
    "道",
    "了",
    "记者",
    "他",
    "，",
    ",",
    " ",
    "\n",
    "\u3000",
    "。",
    "a",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ZH_PIECES), max_size=16))
def test_zh_verb_searches_from_their_bound_on_generated_texts(pieces: list[str]) -> None:
    for lex in LEXICONS:
        _same_zh_searches(_attributor(lex), "".join(pieces))


def test_a_verb_with_a_space_makes_the_zh_searches_start_at_the_start() -> None:
    lex = lexicon.load(("回 应",), ())
    assert _attributor(lex).zh_search_starts("他回 应，") == (0, 0)


def test_the_reach_of_not_speech_shuo_is_its_longest_word_and_a_newline() -> None:
    words = attribution._ZH_NOT_SPEECH_SHUO.pattern.removeprefix("(?:").removesuffix(")$").split("|")
    assert all(regex.escape(w) == w for w in words)  # plain words
    assert max(len(w) for w in words) + 1 == attribution._NOT_SPEECH_SHUO_REACH


# The "$"-ended patterns trim_zh_speaker searches from near the end, and how near.
_END_PATTERNS = [(attribution._ADVERB_DI_RE, 5), (attribution._CLOSED_END_RE, 2), (attribution._LATIN_END_RE, 2)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="快速地他们说」）)A z\n，的", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_searches_at_the_end_find_what_full_searches_find(text: str, lo: int, hi: int) -> None:
    for pattern, reach in _END_PATTERNS:
        bounded, full = pattern.search(text, max(0, len(text) - reach)), pattern.search(text)
        assert (bounded and bounded.span()) == (full and full.span()), (pattern.pattern, text)
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    full = attribution._ZH_NOT_SPEECH_SHUO.search(text[lo:hi]) is not None
    assert attribution._not_speech_shuo(text, lo, hi) == full


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="如果所说也就是总的来\n ，", max_size=10))
def test_not_speech_shuo_on_its_own_words(text: str) -> None:
    assert attribution._not_speech_shuo(text, 0, len(text)) == (
        attribution._ZH_NOT_SPEECH_SHUO.search(text) is not None
    )


def _trim_zh_speaker_as_it_was(phrase: str) -> str:
    """trim_zh_speaker before its searches were bounded and its adverbs tested at once."""
    text = phrase.strip(" \t*_，,")
    for _ in range(8):
        before = text
        for adverb in attribution._ZH_ADVERBS:
            if text.endswith(adverb) and len(text) > len(adverb):
                text = text[: -len(adverb)].rstrip(" \t*_，,")
                break
        m = attribution._ADVERB_DI_RE.search(text)
        if m and m.start() > 0:
            text = text[: m.start()].rstrip()
        if text.endswith(("时", "后", "中", "上", "里", "前", "之际")) or attribution._CLOSED_END_RE.search(text):
            window = text[-30:]
            base = len(text) - len(window)
            best = -1
            for prep in attribution._ZH_PREPOSITIONS:
                best = max(best, window.rfind(prep))
            if best > 0 or (best == 0 and base > 0):
                text = text[: base + best].rstrip(" \t*_，,")
        elif any(text.endswith(p) for p in ("对", "向", "跟", "在", "从", "当", "于")) and len(text) > 1:
            text = text[:-1].rstrip()
        else:
            for prep in ("对", "向", "跟", "在"):
                pos = text.rfind(prep, max(0, len(text) - 16))
                if pos > 0 and "，" not in text[pos:] and not attribution.zh_name_at_end(text[pos:]):
                    tail = text[pos + 1 :]
                    if tail and (attribution._CLOSED_END_RE.search(tail) or len(tail) <= 8):
                        candidate = text[:pos].rstrip()
                        if candidate and (
                            attribution.zh_name_at_end(candidate) or attribution._LATIN_END_RE.search(candidate)
                        ):
                            text = candidate
                    break
        m = attribution._time_tail(text)
        if m and m.start() > 0 and m[0].strip():
            text = text[: m.start()].rstrip()
        if text == before:
            break
    return text


TRIM_PIECES = [
    "张涛",
    "也",
    "早就",
    "曾经",
    "在",
    "对",
    "记者",
    "采访时",
    "」",
    "）",
    "快速地",
    "Sam",
    "，",
    " ",
    "\n",
    "3月",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TRIM_PIECES), max_size=10))
def test_trim_zh_speaker_is_what_it_was(pieces: list[str]) -> None:
    phrase = "".join(pieces)
    assert attribution.trim_zh_speaker(phrase) == _trim_zh_speaker_as_it_was(phrase)


def test_trim_zh_speaker_is_what_it_was_on_the_sample() -> None:
    for doc in _docs():
        for block in doc.blocks:
            text = doc.prose[block.start : block.end]
            for cut in range(0, len(text), 7):
                piece = text[max(0, cut - 24) : cut]
                assert attribution.trim_zh_speaker(piece) == _trim_zh_speaker_as_it_was(piece)


# -- the word test before an English speech verb ---------------------------------------------------


def test_letters_taken_for_ascii_letters_ignoring_case_fold_to_them() -> None:
    """What _en_verb_keys rests on: every character the regex engine takes for an ASCII letter
    when it ignores case turns into that letter in _folded."""
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in regex.compile(f"(?i){letter}").finditer(ALL_CHARS):
            assert attribution._folded(m[0]) == letter, hex(ord(m[0]))


def test_every_english_verb_holds_a_key() -> None:
    for lex in LEXICONS:
        keys = attribution._en_verb_keys(lex.en_verbs)
        assert keys
        for verb in lex.en_verbs:
            first = verb.strip().split(" ")[0].casefold()
            assert any(key in first for key in keys), verb
            assert regex.fullmatch(r"[A-Za-z][A-Za-z '-]*", verb.strip()), verb  # what the keys assume


def _check_no_verb_where_no_key(attributor: attribution._Attributor, lo: int, hi: int) -> None:
    if attributor.may_hold_en_verb(lo, hi):
        return
    prose = attributor.prose
    assert attributor.lex.en_verb_re.search(prose, lo, hi) is None, prose[lo:hi]
    assert attributor.en_intro.search(prose[lo:hi].rstrip(" \t*_")) is None, prose[lo:hi]


def test_no_english_verb_where_no_key_on_the_sample() -> None:
    for doc in _docs():
        for lex in LEXICONS:
            attributor = attribution._Attributor(doc, lex, quotes.QuoteScan([], []))
            for block in doc.blocks:
                for lo in range(block.start, block.end, 40):
                    _check_no_verb_where_no_key(attributor, lo, min(block.end, lo + 120))


EN_PIECES = ["said", "SAID", "ſaid", "saİd", "asKed", "according", " to", "Chimed in", "quipped", "pa", "id", " ", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(EN_PIECES), max_size=10))
def test_no_english_verb_where_no_key_on_generated_texts(pieces: list[str]) -> None:
    text = "".join(pieces)
    for lex in LEXICONS:
        attributor = _attributor(lex, text)
        for lo in range(len(attributor.prose) + 1):
            _check_no_verb_where_no_key(attributor, lo, len(attributor.prose))


# -- apostrophes dropped before the marks are grouped by block -------------------------------------


def _check_apostrophes_dropped_inside_blocks(doc: Document) -> None:
    """_without_apostrophes drops, for the whole text, the marks _pair_block used to drop in its
    block only (an apostrophe with a letter or digit on each side, neither the block's first
    nor its last character): every mark it drops that a block holds is inside that block."""
    marks, _ = quotes._mark_offsets(doc.text, doc.prose)
    kept = set(quotes._without_apostrophes(doc.text, marks))
    for i in marks:
        if i in kept:
            continue
        assert doc.text[i] in "'’‘" and doc.text[i - 1].isalnum() and doc.text[i + 1].isalnum(), (doc.path, i)
        for block in doc.blocks:
            if block.start <= i < block.end:
                assert block.start < i < block.end - 1, (doc.path, i, block)


def test_apostrophes_are_dropped_only_inside_blocks_on_the_sample() -> None:
    for doc in _docs():
        _check_apostrophes_dropped_inside_blocks(doc)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*MARKDOWN_PIECES, "\r\n", "\r", "\u2028", "x’", "’x", "9'"]), max_size=40))
def test_apostrophes_are_dropped_only_inside_blocks_on_generated_texts(pieces: list[str]) -> None:
    doc = parse("t.md", "".join(pieces))
    _check_apostrophes_dropped_inside_blocks(doc)
    _same_pairing(doc)
