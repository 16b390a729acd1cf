"""The cheap tests and standard-library patterns that stand in for slower ones in the numbers plugin
give exactly the same results: the facts about the two regex engines they rely on, and each
prefilter against the pattern it guards."""

from __future__ import annotations

import re

import pytest
import regex
from factlint_numbers import claims, enumeration, quantities
from factlint_numbers.rules import FL104_count_mismatch as fl104

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def _chars(pattern: re.Pattern[str] | regex.Pattern[str]) -> set[str]:
    return set(pattern.findall(ALL_CHARS))


def test_white_space_is_regex_s() -> None:
    assert _chars(re.compile(claims.WHITE_SPACE)) == _chars(regex.compile(r"\s"))


def test_re_s_takes_every_regex_s() -> None:
    assert _chars(regex.compile(r"\s")) <= _chars(re.compile(r"\s"))


def test_case_insensitive_letters() -> None:
    # The prefilters spell (?i) letters out: only i, k and s match a character outside ASCII.
    extra = {
        letter: _chars(regex.compile(f"(?i:{letter})")) - {letter, letter.upper()}
        for letter in "abcdefghijklmnopqrstuvwxyz"
    }
    assert {k: v for k, v in extra.items() if v} == {"i": {"\u0130"}, "k": {"\u212a"}, "s": {"\u017f"}}


PERIOD_TEXTS = [
    "营收在 2024 年第三季度达到 5 亿元，去年同期为 3 亿元。",
    "Revenue for FY2024 Q3 rose; in Q4 2023 it fell, as of 2022 and by the end of 2025.",
    "FY٢٣ and fy'24, fiscal year 2023, ſecond quarter 2024, FİRST QUARTER, AS OF\u20032021.",
    "Last year, a year ago, the previous year, prior year, this year and next year; 今年、明年、本年度。",
    "March 2024, Sept. 2023, mar 2019, marketing 2020, 截至2023年, 到 2019, 上半年, 下半年, 第二季度",
    "1920 2019.5 $2020 2020年代 120 200 20 19 1999亿 2025年3月 2025 年 12 月",
    "nearby 2024 and bass of 2020 through\u00a02021",
]


@pytest.mark.parametrize("text", PERIOD_TEXTS)
def test_find_periods_is_finditer(text: str) -> None:
    norm = quantities.normalize(text)
    lower = claims.ascii_lower(norm)
    want = [(m.span(), m.groups()) for m in claims._PERIOD.finditer(norm, 0, len(norm))]
    assert [(m.span(), m.groups()) for m in claims._find_periods(norm, lower, 0, len(norm))] == want
    for start in range(0, len(norm), 7):
        want = [(m.span(), m.groups()) for m in claims._PERIOD.finditer(norm, start, len(norm) - 3)]
        got = claims._find_periods(norm, lower, start, len(norm) - 3)
        assert [(m.span(), m.groups()) for m in got] == want


EN_TEXTS = [
    "Two hundred and five, twenty-one, a dozen, a\u00a0couple, half a dozen, one million, A  thousand",
    "often written content, network weight seven-fold, 二two, two中, x_two, 2two, two_, ſix, SIX, Ten.",
    "One\u2003hundred, one billion, an hour, a pair, a\tdozen eggs, alone hundred, half\nmillion",
]


@pytest.mark.parametrize("text", EN_TEXTS)
def test_en_hint_finds_every_en_candidate(text: str) -> None:
    want = [m.start() for m in quantities._EN_CAND.finditer(text)]
    hints = {m.start() for m in quantities._EN_HINT.finditer(text)}
    assert set(want) <= hints
    assert [p for p in sorted(hints) if quantities._EN_CAND.match(text, p)] == want


@pytest.mark.parametrize("after", ["", "个百分点", "元", "倍", "%", " 元", "人民币"])
def test_lone_yi_is_skipped_as_read_would(after: str) -> None:
    # Every Chinese character the shortcut in scan skips: _read skips 一 there as a word too.
    for code in range(0x4E00, 0xA000):
        ch = chr(code)
        if ch in quantities._YI_MAY_READ:
            continue
        norm = "约" + "一" + ch + after
        m = quantities._NUMBER.match(norm, 1, len(norm))
        assert m is not None and m.end() == 2, ch
        assert quantities._read(norm, norm, m, 0, len(norm)) == (None, quantities.Skipped(1, 2, "word")), ch


def test_word_pattern_engines_agree() -> None:
    words = ["revenue", "net revenue", "rev", "GPU", "营收", "营业收入", "收入", "a", "ab", "abc"]
    pattern = claims.WordPattern(words)
    ascii_words = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    other_words = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
    ascii_part = "|".join(regex.escape(w) for w in ascii_words)
    flat = regex.compile(
        "|".join([rf"(?<![A-Za-z0-9])(?:{ascii_part})(?![A-Za-z0-9])", *(regex.escape(w) for w in other_words)])
    )
    text = "net revenue营业收入 revenues rev. abc ab a xab GPU1 GPU 营收入 收入a a营收 abcd"
    for pos in range(len(text)):
        assert [m.span() for m in pattern.finditer(text, pos)] == [m.span() for m in flat.finditer(text, pos)]
    assert pattern.fullmatch("net revenue") is not None and pattern.fullmatch("net") is None


def test_an_empty_alias_names_nothing() -> None:
    """An empty or blank alias in a user's file is dropped: it once made the search loop forever."""
    pattern = claims.WordPattern(["", " ", "OpenAI", "营收"])
    assert [m[0] for m in pattern.finditer("OpenAI 的营收")] == ["OpenAI", "营收"]


def test_marker_word_second_letters() -> None:
    words = ["step", "part", "chapter", "tip", "rule", "lesson", "reason", "phase", "stage"]
    for first, seconds in enumerate_word_seconds(words).items():
        assert seconds <= set(enumeration._WORD_SECOND[first])


def enumerate_word_seconds(words: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for w in words:
        out.setdefault(w[0], set()).update(_chars(regex.compile(f"(?i:{w[1]})")))
    return out


def test_has_forward_is_search() -> None:
    for text in ["以下三点。", "The FOLLOWING five.", "the folİowing", "fOlLoWiNg:", "below.", "下文", "swallow"]:
        assert fl104._has_forward(text) == (fl104._FORWARD_ANY.search(text) is not None)


# -- the engine facts the reader's shortcuts rely on ---------------------------------------------


def test_isspace_takes_every_regex_s() -> None:
    # _blank stands for a lookbehind's \s: it may take more characters, never fewer
    assert {ch for ch in _chars(regex.compile(r"\s")) if not ch.isspace()} == set()


def test_maybe_digit_takes_every_regex_d() -> None:
    assert _chars(regex.compile(r"\d")) <= _chars(re.compile(f"[{enumeration._MAYBE_DIGIT}]"))


def test_sep_run_is_white_space_and_dashes() -> None:
    assert _chars(re.compile(claims.WHITE_SPACE)) | set("-–—") == claims._SEP_RUN


def test_cue_end_takes_every_character_that_lowers_to_a_cues_last() -> None:
    lowered_to = {ch for ch in ALL_CHARS if ch.lower() in quantities._LEFT_LAST or ch in quantities._LEFT_LAST}
    assert lowered_to <= quantities._CUE_END


SKIP_TEXTS = [
    "Python 3.11 shipped on 2024-05-01 at 7:54 p.m.; call 010-12345678 or +86 138 1234 5678.",
    "第 3 名，No. 7, #12, v2.1.0, abc1234ef, 123456789012, 1st, 22nd, (3) and （4）。",
    "2026 年1 月 12 日，3月5日，5 月份 12 号，12 点半，9am, 10 PM, March 5, 2024 and 5 March 2024.",
    "  1. item\n> 2) quote\n- 3、中文\n(4) paren\n1970s, 1999年代, 2019年度, 12/31/2024, 4/5/24.",
    "GPT-4 and A-1, x_2, 3D, 4K, 5G, 10x, 20bn, 30MB, 40GHz, 50kWh, 60th, 7e8 and 0.5.",
]


@pytest.mark.parametrize("text", SKIP_TEXTS)
def test_skip_at_is_the_whole_alternation(text: str) -> None:
    norm = quantities.normalize(text)
    whole = quantities.skip_alternation()
    for m in quantities._DIGITS.finditer(norm):
        for end in (len(norm), m.end() + 3, m.end()):
            want = whole.match(norm, m.start(), end)
            got = quantities._skip_at(norm, m.start(), min(m.end(), end), end)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), (text, m)


@pytest.mark.parametrize("text", SKIP_TEXTS + PERIOD_TEXTS)
def test_last_separator_end_is_the_scan_from_the_window_start(text: str) -> None:
    norm = quantities.normalize(text + " a - b -- c — d ， e ; f")
    for lo in range(len(norm)):
        for pos in range(lo, len(norm) + 1, 3):
            want = lo
            for m in claims._CLAUSE_SEP.finditer(norm, lo, pos):
                want = m.end()
            assert claims._last_separator_end(norm, lo, pos) == want, (norm, lo, pos)


# -- the hints of the cue patterns ----------------------------------------------------------------


def test_lowered_letters_take_every_case_insensitive_variant() -> None:
    # Each letter's variants, lowered alone (str.lower) and in a text holding İ (translated).
    for letter in "abcdefghijklmnopqrstuvwxyz":
        pattern = re.compile(claims._lowered(letter))
        for ch in _chars(regex.compile(f"(?i:{letter})")):
            for text in (ch, ch + "\u0130"):
                assert pattern.match(claims.ascii_lower(text)), (letter, ch, text)
    assert {ch for ch in _chars(regex.compile(r"\s")) if not re.fullmatch(claims._lowered(" "), ch)} == set()


CUE_TEXTS = [
    "当时营收 5 亿；那时 3 亿，曾经 2 亿，曾 1 亿，此前、之前、以前、早期、最初、起初 4 亿，上市时，收购时,成立时 7 亿",
    "At The\u00a0Time it made $5m; PREVIOUSLY $4m, back\tthen 3%, formerly 2, used  to 1, originally 9, initially 8",
    "at launch 7, When\u3000it, when\nthey, wheN 5, İnitially 6, orİgİnally 4, ba\u212a then 3, uſed to 2, previouſly 1",
    "如果营收达 5 亿，若 3 亿，假如 2 亿，假设 1 亿; If it hits $5m, IF 3, İf 2, if9, gif 4, iff 1, assuming 7, SUPPOSE 8",
    "ASSUMİNG 3, aſſuming 4, ſuppoſe 5; 预计 1、预期 2、预测 3、估计 4、预估 5、有望 6、将达 7、或将 8、可能 9、未来 10、指引 11、展望 12",
    "Guidance 1, guided 2, GUIDING 3, expected 4, expects 5, expectations 6, expect 7, forecasts 8, projected 9",
    "projection 1, projections 2, projects 3, estimates 4, estimated 5, anticipated 6, consensus 7, outlook 8",
    "predicted 1, likely 2, future 3, potentially 4, potential 5, will reach 6, Will  Hit 7, will\tbe 8, could 9",
    "may 1, might 2, would 3, Could 4, dismay 5, mayor 6, couldn't 7, woulda 8, conſenſus 9, outloo\u212a 10, lİkely 11",
    "计划 1、目标 2、打算 3、拟 4、寻求 5、争取 6、希望 7; plans 8, planned 9, planning 10, plan 11, targets 12",
    "targeted 1, targeting 2, GOAL 3, aims 4, aiming 5, aim 6, seeks 7, seeking 8, seek 9, hopes 10, hope 11, intends 12",
    "intend 1, wants to 2, want\u2003to 3, wants 4, aİm 5, ſee\u212a 6, İntends 7, dismantle 8, trip 9, nothing 10 here",
]
CUES = [
    (claims._PAST, claims._PAST_HINT),
    (claims._HYPOTHETICAL, claims._HYPOTHETICAL_HINT),
    (claims._EXPECTED, claims._EXPECTED_HINT),
    (claims._PLANNED, claims._PLANNED_HINT),
]


@pytest.mark.parametrize("text", CUE_TEXTS)
@pytest.mark.parametrize(("pattern", "hint"), CUES)
def test_cue_hint_finds_every_match(text: str, pattern: regex.Pattern[str], hint: re.Pattern[str]) -> None:
    # Wherever the pattern matches in a window (searched in place or in the sliced window), the
    # hint finds a place in the same window of the lowered text; the texts hold every alternative.
    norm = quantities.normalize(text)
    for lower in (claims.ascii_lower(norm), claims.ascii_lower(norm + "\u0130")[: len(norm)]):
        assert len(lower) == len(norm)
        for pos in range(len(norm)):
            for endpos in range(pos, len(norm) + 1):
                found = pattern.search(norm, pos, endpos) or pattern.search(norm[pos:endpos])
                if found:
                    assert claims._hinted(hint, lower, pos, endpos), (text, pos, endpos, found)


@pytest.mark.parametrize(
    "text", ["intro:\n\n> ## 1. a\n\n  * _2_ b\u3000\u2028#", "", "  \n\n", "a\u00a0\t>b#*_\n\nc", *SKIP_TEXTS]
)
def test_gap_start_is_fullmatch(text: str) -> None:
    # _blocks_before_items' test of a block's end against the gap start is _GAP.fullmatch up to the item
    for end in range(len(text) + 1):
        gap_start = fl104._gap_start(text, end)
        for pos in range(end + 1):
            assert (fl104._GAP.fullmatch(text, pos, end) is not None) == (pos >= gap_start), (text, pos, end)


SUBGROUP_TEXTS = [
    "分为两类：一是 3 类产品，二是三\t类服务，十类",
    "第 2  个问题 and 5 steps, 五 steps，٣个问题",
    "类类 2类类 aa aaa 3aa",
]


@pytest.mark.parametrize("text", SUBGROUP_TEXTS)
@pytest.mark.parametrize("word", ["类", "个问题", "steps", "aa", "类类"])
def test_counted_is_search(text: str, word: str) -> None:
    pattern = regex.compile(rf"[二两三四五六七八九十\d][ \t]*{regex.escape(word)}")
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            want = pattern.search(text, start, end) is not None
            assert fl104._counted(text, word, start, end) == want, (text, word, start, end)
