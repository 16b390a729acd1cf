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
    lower = claims._ascii_lower(norm)
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
