"""The candidate passes of the quantity scan find exactly the places the patterns they stand for
find: _CJK_CAND_STD (the standard library's engine) and _cjk_starts (str.find, then the pattern) those of
CJK_CANDIDATE_REFERENCE (the regex module's), and _en_starts (bytes.find on the lowered text) the _EN_HINT
starts that _EN_CAND confirms. The other shortcuts of the scan give what they stand for: normalize
(str.replace) the translation, _skip_at (its tests of the text around a number) the whole alternation,
_read's group numbers the groups it names, and the [0-9] pass the \\d pass wherever _may_hold_other_digits
(the lead bytes of the other digits' UTF-8) lets scan take it. extract's own shortcuts: _cjk_starts tries
_CJK_CAND_STD only where the character after the first one is in _CJK_AHEAD_FIRST or a blank, and leaves out
the lone 一 that scan only skips; _digits_only tells where _NUMBER_DIGITS takes the digits alone, so that
scan reads them without the pattern. The patterns that run on the standard library's engine find what the
regex module's find: _UNIT_STD where _unit_at runs it, and the noun and bad-before patterns everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from factlint_numbers import quantities
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import parse

ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
CJK_REFERENCE = regex.compile(quantities.CJK_CANDIDATE_REFERENCE)


def _cjk_by_regex(norm: str, start: int, end: int) -> list[int]:
    return [m.start() for m in CJK_REFERENCE.finditer(norm, start, end)]


def _cjk_by_std(norm: str, start: int, end: int) -> list[int]:
    return [m.start() for m in quantities._CJK_CAND_STD.finditer(norm, start, end)]


def _en_by_hint(norm: str, start: int, end: int) -> list[int]:
    """What scan took before: every _EN_HINT start that _EN_CAND matches at."""
    hints = {m.start() for m in quantities._EN_HINT.finditer(norm, start, end)}
    return sorted(p for p in hints if quantities._EN_CAND.match(norm, p, end))


def _check(norm: str, start: int, end: int) -> None:
    assert _cjk_by_std(norm, start, end) == _cjk_by_regex(norm, start, end)
    assert quantities._cjk_starts(norm, start, end) == _cjk_by_regex(norm, start, end)
    assert quantities._en_starts(norm, start, end) == _en_by_hint(norm, start, end)


def test_spelt_out_s_is_regex_s() -> None:
    spelt = re.compile(r"[^\S\x1c-\x1f]")
    assert set(spelt.findall(ALL_CHARS)) == set(regex.compile(r"\s").findall(ALL_CHARS))


def test_str_isspace_is_the_standard_librarys_s() -> None:
    # _add_before_scale walks back over the blanks of _EN_HINT's \s+ with str.isspace.
    assert {ch for ch in ALL_CHARS if ch.isspace()} == set(re.compile(r"\s").findall(ALL_CHARS))


def test_latin1_replace_keeps_one_byte_per_character() -> None:
    assert len(ALL_CHARS.encode("latin-1", "replace")) == len(ALL_CHARS)
    assert len("a\ud800b".encode("latin-1", "replace")) == 3


TEXTS = [
    "Two hundred and five, twenty-one, a dozen, a\u00a0couple, half a dozen, one million, A  thousand",
    "often written content, network weight seven-fold, 二two, two中, x_two, 2two, two_, ſix, SIX, Ten.",
    "One\u2003hundred, one billion, an hour, a pair, a\tdozen eggs, alone hundred, half\nmillion",
    "a a dozen, one a hundred, a\x1cdozen, one\x1d hundred, a  \n  trillion, One Billion, ONE hundred",
    "éten, ñtwo, Étwo, ìone hundred, 一two, two一, (two), 'three', [Four], twelve\ttwenty thirteen thirty",
    "Forty fifty Fifteen sixty Seventeen eighty eleven nineteen ninety Dozen Couple hundreds twos",
    "a" + " " * 300 + "dozen, one" + "\n" * 50 + "million, billion trillion illion, pair, one pair",
    "约三十个百分点，百分之五十，千分之三，第三，之一，周一，初二，统一，唯一，星期五，一个，三 万，三\u3000亿，三\x1c万",
    "十几万人，数百家，几十倍，两千美元，一万亿，零点五，〇，百分点，三\u00a0倍，三\u2003元，五\t个，七\n人",
    "第百分之五，之千分之三，三千分之一，九十九点九%，一百二十三 万，一二三四五六七八九十一",
]


@pytest.mark.parametrize("text", TEXTS)
def test_candidates_on_hard_texts(text: str) -> None:
    norm = quantities.normalize(text)
    for start in range(0, len(norm), 3):
        for end in (len(norm), max(start, len(norm) - 5), min(len(norm), start + 9)):
            _check(norm, start, end)


_FRAGMENTS = st.sampled_from(
    [
        "a", "A", "one", "One", "half", "Half", "two", "Two", "ten", "thirteen", "twenty", "seven", "eight", "x",
        "é", "ſ", "_", "1", "dozen", "Dozen", "couple", "pair", "hundred", "thousand", "million", "billion",
        "trillion", "illion", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", ",", ".", "-",
        "一", "二", "三", "十", "百", "千", "万", "亿", "几", "数", "〇", "零", "两", "分之", "百分点", "个", "倍", "%",
        "元", "美元", "年", "月", "第", "之", "周", "初", "统", "唯", "期", "拜", "多", "余", "来", "点", "的", "人",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=24), st.integers(0, 40), st.integers(0, 40))
def test_candidates_on_generated_texts(parts: list[str], cut_start: int, cut_end: int) -> None:
    norm = quantities.normalize("".join(parts))
    start = min(cut_start, len(norm))
    end = max(start, len(norm) - cut_end)
    _check(norm, 0, len(norm))
    _check(norm, start, end)


def _sample(folder: Path, step: int) -> list[Path]:
    return sorted(folder.rglob("*.md"))[::step]


def test_candidates_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    for path in [*_sample(seeds, 1), *_sample(corpus, 10), *_sample(fixtures, 1)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        norm = quantities.normalize(doc.prose)
        _check(norm, 0, len(norm))
        _check(norm, len(norm) // 3, len(norm) - len(norm) // 4)


# -- normalize, _skip_at and the group numbers ---------------------------------------------------------


def test_no_replacement_is_replaced() -> None:
    replaced = {ch for ch, _ in quantities._NORMALIZE_PAIRS}
    assert all(len(ascii_ch) == 1 and ascii_ch not in replaced for _, ascii_ch in quantities._NORMALIZE_PAIRS)


def test_normalize_is_translate() -> None:
    assert quantities.normalize(ALL_CHARS) == ALL_CHARS.translate(quantities._NORMALIZE)
    for text in TEXTS:
        mixed = text + "".join(ch for ch, _ in quantities._NORMALIZE_PAIRS) + text
        assert quantities.normalize(mixed) == mixed.translate(quantities._NORMALIZE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("".join(ch for ch, _ in quantities._NORMALIZE_PAIRS) + "a1.¥ 中")))
def test_normalize_is_translate_on_generated_texts(text: str) -> None:
    assert quantities.normalize(text) == text.translate(quantities._NORMALIZE)


def test_month_names_have_three_letters_or_more() -> None:
    # _month_before looks for the last three letters of a month name.
    assert min(len(name) for name in quantities._MONTH_NAMES) >= 3


def test_group_numbers() -> None:
    assert quantities._NUMBER_DIGITS.groupindex == quantities._NUMBER.groupindex
    for pattern, name in [
        (quantities._PER, "per"),
        (quantities._RIGHT_APPROX, "w"),
        (quantities._EN_NOUN, "words"),
        (quantities._ZH_NOUN, "noun"),
    ]:
        assert pattern.groups == 1 and pattern.groupindex == {name: 1}


_WHOLE_SKIP = quantities.skip_alternation()


def _check_skips(norm: str) -> None:
    for m in quantities._DIGITS.finditer(norm):
        for end in {len(norm), min(len(norm), m.end() + 1), min(len(norm), m.end() + 4)}:
            want = _WHOLE_SKIP.match(norm, m.start(), end)
            got = quantities._skip_at(norm, m.start(), min(m.end(), end), end)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), (norm, m)


SKIP_TEXTS = [
    "Jan 5, Sept. 12th, May  3, 2024, Dec.\u00a07 2019, March, 2020, Augusta 5, Jan\t\t12, Sep 1\x1c2024, Junes 5",
    "5 May, 12th\u2003September, 3 may, 1st  Jan 2024, 4 Ma, 7th Oct, 2 Décembre, 9 Sept.",
    "第 3 名，第3，No. 7, No.12, № 4, #5, # 6, No 8, 第\t9, 第二 10, №\x1c11",
    "2024 年 3 月 5 日，2024年，2019 年代，1999-12-31，2020 / 01，2020.1.2，3 月份 5 日，5 号，12 点半，7 时整",
    "1.2.3, 10.0.1.4, 1.25, 0.5.x, v1.2, V3, 12:30 p.m., 9 am, 10 PM, 3 a.m., 1.2.",
    "abcdef1, 1234567abc, 0a1b2c3d, 1234567, 123456789012, 010-12345678, 138 1234 5678, 12 345 6789",
    "\n1. a\n 2) b\n> 3、 c\n(4) d\n- 5 ．e\n(6 ) f\n（7）g\n  8 : h\n999. i\n10 、",
]


@pytest.mark.parametrize("text", SKIP_TEXTS + TEXTS)
def test_skip_at_on_hard_texts(text: str) -> None:
    _check_skips(quantities.normalize(text))


_SKIP_FRAGMENTS = st.sampled_from(
    [
        "1", "2", "12", "19", "20", "2024", "123", "0", "9", ".", ",", ":", "-", "/", " ", "  ", "\t", "\n", "\u3000",
        "\x1c", "(", ")", "（", "）", "、", "+", "#", "No.", "№", "第", "v", "V", "a", "f", "st", "th", "am", "p.m.",
        "Jan", "May", "Sept", "December", "Ma", "年", "月", "日", "号", "点", "时", "半", "份", "代", "x", "_", "GB",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_SKIP_FRAGMENTS, max_size=20))
def test_skip_at_on_generated_texts(parts: list[str]) -> None:
    _check_skips(quantities.normalize("".join(parts)))


def test_skip_at_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    for path in [*_sample(seeds, 1), *_sample(corpus, 10), *_sample(fixtures, 1)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        _check_skips(quantities.normalize(doc.prose))


# -- the digit runs ------------------------------------------------------------------------------------

_REGEX_DIGIT = regex.compile(r"\d")


def test_other_digits_are_found_by_their_utf8_leads() -> None:
    # _may_hold_other_digits: every digit but 0-9 is a full-width digit or starts with a lead byte
    # _OTHER_DIGIT_LEADS names, and no lead byte continues a character.
    others = [ch for ch in ALL_CHARS if _REGEX_DIGIT.match(ch) and ch not in "0123456789"]
    assert others
    for ch in others:
        assert ch in quantities._FULL_WIDTH_DIGITS or ch.encode("utf-8")[:1] in quantities._OTHER_DIGIT_LEADS, ch
        assert quantities._may_hold_other_digits("a中" + ch + "\ud800 1")
    assert all(lead[0] >= 0xC0 for lead in quantities._OTHER_DIGIT_LEADS)
    assert not quantities._may_hold_other_digits("2024 年，3 ~ é ，\ud800 —")


def _digit_runs(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    digits = quantities._DIGITS if quantities._may_hold_other_digits(norm[start:end]) else quantities._ASCII_DIGITS
    return [m.span() for m in digits.finditer(norm, start, end)]


def _check_digit_runs(norm: str) -> None:
    for start, end in [(0, len(norm)), (len(norm) // 3, len(norm) - len(norm) // 4)]:
        assert _digit_runs(norm, start, end) == [m.span() for m in quantities._DIGITS.finditer(norm, start, end)]


@pytest.mark.parametrize("text", [*SKIP_TEXTS, *TEXTS, "٣٤ 12", "1٢3 x", "১২ ০", "𝟙𝟚3", "1２3", "꘠1", "é1"])
def test_digit_runs_on_hard_texts(text: str) -> None:
    _check_digit_runs(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣১𝟚２꘠é中 a\n😀\ud800")))
def test_digit_runs_on_generated_texts(text: str) -> None:
    _check_digit_runs(text)


def test_digit_runs_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    for path in [*_sample(seeds, 1), *_sample(corpus, 10)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        _check_digit_runs(quantities.normalize(doc.prose))


# -- extract's shortcuts --------------------------------------------------------------------------------


def test_cjk_ahead_first_holds_every_character_the_unit_ahead_may_start_with() -> None:
    # Whatever the character after 三 is, 个 or 之 after it completes the unit ahead if anything does
    # (it continues the numeral, is a blank before 个, 分 before 之, or a unit itself).
    match = quantities._CJK_CAND_STD.match
    may_follow = {ch for ch in ALL_CHARS if match("三" + ch + "个") or match("三" + ch + "之")}
    assert may_follow <= quantities._CJK_AHEAD_FIRST | {ch for ch in ALL_CHARS if ch.isspace()}


def _lone_yi(norm: str, p: int, end: int) -> bool:
    return (
        norm[p] == "一"
        and p + 1 < end
        and "\u4e00" <= norm[p + 1] <= "\u9fff"
        and norm[p + 1] not in quantities._YI_MAY_READ
    )


def _check_extract(text: str) -> None:
    norm = quantities.normalize(text)
    for start, end in ((0, len(norm)), (len(norm) // 3, len(norm) - len(norm) // 4)):
        all_starts = quantities._cjk_starts(norm, start, end)
        assert quantities._cjk_starts(norm, start, end, lone_yi=False) == [
            p for p in all_starts if not _lone_yi(norm, p, end)
        ]
        # extract (without the lone 一, and reading plain digits without _NUMBER_DIGITS) finds what scan finds
        assert quantities.extract(text, start, end, norm=norm) == quantities.scan(text, start, end, norm=norm)[0]
        for m in quantities._DIGITS.finditer(norm, start, end):
            if quantities._digits_only(norm, m.end(), end):
                _check_digits_only(norm, m.start(), m.end(), end)


def _check_digits_only(norm: str, c: int, run_end: int, end: int) -> None:
    m = quantities._NUMBER_DIGITS.match(norm, c, end)
    assert m is not None and m.span() == (c, run_end), norm[c : run_end + 3]
    assert m.span("num") == (c, run_end) and m["cur"] is None and m["sign"] is None and m["scale"] is None


_TAILS = ["", "illion", "housand", "rillion", "n", "ln", "万", "亿", "十", "3", ",000", ".5", "之"]


def _check_after(before: str, chars: str) -> None:
    for ch in chars:
        if _REGEX_DIGIT.match(ch):
            continue  # (a run of digits is followed by no digit)
        # What follows ch matters only where the pattern may take ch (a blank, or an ASCII letter that
        # starts a scale word)
        for tail in _TAILS if ch.isascii() or ch.isspace() else [""]:
            norm = "12" + before + ch + tail
            if quantities._digits_only(norm, 2, len(norm)):
                _check_digits_only(norm, 0, 2, len(norm))


def test_digits_only_after_every_character() -> None:
    digits = set(_REGEX_DIGIT.findall(ALL_CHARS))
    _check_after("", "".join(ch for ch in ALL_CHARS if ch.isascii() or ch.isspace()))
    # The others at once: "12", the character and a "|" each, matched by finditer in a row.
    others = [ch for ch in ALL_CHARS if not (ch.isascii() or ch.isspace() or ch in digits)]
    others = [ch for ch in others if quantities._digits_only("12" + ch, 2, 3)]
    text = "".join(f"12{ch}|" for ch in others)
    spans = [m.span() for m in quantities._NUMBER_DIGITS.finditer(text)]
    assert spans == [(4 * i, 4 * i + 2) for i in range(len(others))]


@pytest.mark.parametrize("blank", [" ", "\t", "\u00a0", "\u2003", "\x1c", "\n"])
def test_digits_only_after_a_blank(blank: str) -> None:
    # After a blank the pattern may take a Chinese unit or a scale word: every character its text
    # names, every ASCII one and a sample of the others are tried after the blank.
    named = "".join(ch for ch in quantities._NUMBER_DIGITS.pattern if not ch.isascii())
    _check_after(blank, "".join(chr(c) for c in range(128)) + named + ALL_CHARS[::101])


def test_no_other_character_starts_a_scale_word() -> None:
    # The scale words that ignore case start with t, m or b: no other character is one of those for
    # the engine, so _digits_only looks at ASCII letters only.
    assert set(regex.compile(r"(?i:[tmb])").findall(ALL_CHARS)) == set("tmbTMB")


EXTRACT_TEXTS = [
    "一个人，一种，一次，一倍，一元，一美元，一%，一 个，一\u3000个，统一，唯一，一一，一万，一十",
    "第一，一年，一月，一天，一百分点，一百分之五，一分之，一來，一分钟，一\n个，一",
    "12 万，12万，12.5亿，12,000，12，000，1.2 million，12M，12 m，12 mn，12 bn，12k，12x，12 x，12-15",
    "$12，US$ 12，-12，12 thousand，12 Thousand，12 TRILLION，12tn，12 t，12 users，12个，12 个，12年，12多",
    "约12个百分点，超过 12%，12倍，12 倍，12\u00a0万，12\t万，12\x1c万，12\u2003million，12分之一，12分钟",
]


@pytest.mark.parametrize("text", EXTRACT_TEXTS)
def test_extract_shortcuts_on_hard_texts(text: str) -> None:
    _check_extract(text)


_EXTRACT_FRAGMENTS = st.sampled_from(
    [
        "一", "二", "三", "十", "百", "千", "万", "亿", "几", "数", "〇", "零", "两", "分之", "百分点", "个", "倍", "%",
        "元", "美元", "年", "月", "第", "之", "周", "初", "统", "唯", "多", "余", "来", "点", "的", "人", "种", "次",
        "1", "12", "2024", "3.5", "1,000", "$", "-", "+", " ", "\t", "\n", "\u00a0", "\u2003", "\x1c", ",", ".",
        "million", "Million", "bn", "mn", "k", "K", "M", "x", "users", "models", "from", "about", "between", "and",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_EXTRACT_FRAGMENTS, max_size=24))
def test_extract_shortcuts_on_generated_texts(parts: list[str]) -> None:
    _check_extract("".join(parts))


def test_extract_shortcuts_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    paths = [*sorted(seeds.glob("*.txt")), *sorted(corpus.rglob("*.md"))[::10], *sorted(fixtures.rglob("*.md"))]
    for path in paths:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        _check_extract(doc.prose)


# -- the cue before a number ----------------------------------------------------------------------------


def _left_cue_slow(norm: str, pos: int, lo: int) -> tuple[str, int] | None:
    """_left_cue as first written: every cue tried, longest first."""
    if pos <= lo:
        return None
    window = norm[max(lo, pos - 24) : pos]
    tail = window.rstrip(" ")
    if tail.endswith("了"):
        tail = tail[:-1].rstrip(" ")
    low = tail.lower() if len(tail.lower()) == len(tail) else tail.translate(quantities._LOWER)
    for cue in quantities._LEFT_ORDER:
        if low.endswith(cue):
            begin = len(low) - len(cue)
            if cue[0].isascii() and cue[0].isalpha() and begin > 0 and low[begin - 1].isalnum():
                continue
            return quantities._LEFT_CUES[cue], max(lo, pos - 24) + begin
    return None


def _check_left_cues(norm: str) -> None:
    # (_left_cue tests only the one or two characters before a number; where they let no cue end,
    # the slow way finds none either.)
    for lo in (0, len(norm) // 3):
        for pos in range(lo, len(norm) + 1):
            assert quantities._left_cue(norm, pos, lo) == _left_cue_slow(norm, pos, lo), (
                norm[max(0, pos - 24) : pos],
                lo,
            )


LEFT_CUE_TEXTS = [
    " ".join(quantities._LEFT_CUES) + " 5",
    "".join(cue + " 了" + cue.upper() + "  5，" for cue in quantities._LEFT_CUES),
    "tomorrow 5, MORE THAN 5, More Than5, ca. 5, approx.5, İover 5, Kover 5, ≈5, ~ 5, 超过了 5, 约了5, 多达  7",
]


@pytest.mark.parametrize("text", LEFT_CUE_TEXTS + TEXTS + EXTRACT_TEXTS)
def test_left_cue_on_hard_texts(text: str) -> None:
    _check_left_cues(quantities.normalize(text))


_CUE_FRAGMENTS = st.sampled_from(
    [*quantities._LEFT_CUES, "A", "O", "İ", "K", "ſ", "x", "了", " ", "  ", "5", "中", ".", "\n", "-", "tomorrow"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_FRAGMENTS, max_size=12))
def test_left_cue_on_generated_texts(parts: list[str]) -> None:
    _check_left_cues(quantities.normalize("".join(parts)))


def test_left_cue_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    for path in [*_sample(seeds, 1), *_sample(corpus, 40)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        norm = quantities.normalize(doc.prose)
        for m in quantities._DIGITS.finditer(norm):
            for lo in (0, max(0, m.start() - 5)):
                assert quantities._left_cue(norm, m.start(), lo) == _left_cue_slow(norm, m.start(), lo)


# -- the unit after a number on the standard library's engine ------------------------------------------


def _unit_std_first(norm: str, pos: int, hi: int) -> bool:
    probe = pos
    while probe < hi and probe < pos + 2 and norm[probe] in " +":
        probe += 1
    return probe < hi and norm[probe] in quantities._UNIT_STD_FIRST


def _check_units(norm: str) -> None:
    for pos in range(len(norm)):
        for hi in {len(norm), min(len(norm), pos + 1), min(len(norm), pos + 3)}:
            if _unit_std_first(norm, pos, hi):
                got = quantities._UNIT_STD.match(norm, pos, hi)
                want = quantities._UNIT.match(norm, pos, hi)
                assert got is not None and want is not None
                assert (got.span(), got.groups()) == (want.span(), want.groups()), (norm[pos:hi], got, want)


def test_unit_std_first_holds_no_ascii_letter_and_no_digit() -> None:
    assert not any(ch.isascii() and ch.isalpha() for ch in quantities._UNIT_STD_FIRST)
    assert "-" not in quantities._UNIT_STD_FIRST and len(quantities._UNIT_STD_FIRST) == len(quantities._UNIT_FIRST) - 1
    assert not any(_REGEX_DIGIT.match(ch) or re.match(r"\d", ch) for ch in quantities._UNIT_STD_FIRST)


def test_unit_std_after_every_character() -> None:
    # Each first character, then every character of a sample of the code points (all those the patterns
    # name, blanks and ASCII ones), after nothing, a blank, a plus or both.
    named = {ch for ch in quantities._UNIT.pattern if not ch.isascii()}
    after = sorted(named | {ch for ch in ALL_CHARS if ch.isascii() or ch.isspace()} | set(ALL_CHARS[::4999]))
    for first in sorted(quantities._UNIT_STD_FIRST):
        for lead in ("", "+ ", " +", "\x1c", "++"):
            text = "".join(f"{lead}{first}{ch}|" for ch in after)
            step = len(lead) + 3
            for k in range(len(after)):
                pos = k * step
                for hi in (pos + step - 1, pos + step - 2):
                    if _unit_std_first(text, pos, hi):
                        got = quantities._UNIT_STD.match(text, pos, hi)
                        want = quantities._UNIT.match(text, pos, hi)
                        assert (got.span(), got.groups()) == (want.span(), want.groups()), (text[pos:hi], got, want)


UNIT_TEXTS = [
    "5个百分点，5 百分点，5%，5 ‰，5倍，5 ×，5元素，5元旦，5元宇宙，5元，5 美元，5块钱，5块，5 年代，5年底，5年，5 岁",
    "5+个，5+ 倍，5 +元，5++元，5+\u3000%，5\u3000个，5\x1c个，5 新台币，5 新，5加元，5 卢布，5 度电，5度，5平方米",
    "5个人，5 人民币，5 元人民币，5 公里，5千米，5千克，5 平，5 ×3，5×，5‰，5 %points，5 倍数",
    "5 -fold²，5-fold\u0301，5 -fold，5+-fold，5 - fold，5 ×fold²，5 %ı",
]


@pytest.mark.parametrize("text", UNIT_TEXTS + EXTRACT_TEXTS + TEXTS)
def test_unit_std_on_hard_texts(text: str) -> None:
    _check_units(quantities.normalize(text))


_UNIT_FRAGMENTS = st.sampled_from(
    [
        *quantities._UNIT_STD_FIRST, "个百分点", "百分点", "元素", "元旦", "宇宙", "数据", "人民币", "美元", "块钱",
        "平方米", "度电", "千米", "千克", "新台币", "代", "前", "份", " ", "+", "\u3000", "\x1c", "\t", "\n", "5", "a",
        "percent", "x", "fold", "-", "K", "ſ", "ı", "²",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_UNIT_FRAGMENTS, max_size=12))
def test_unit_std_on_generated_texts(parts: list[str]) -> None:
    _check_units(quantities.normalize("".join(parts)))


def test_unit_std_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    # Every place scan asks for a unit at: after each number's digits (and a blank).
    for path in [*_sample(seeds, 1), *_sample(corpus, 10)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        norm = quantities.normalize(doc.prose)
        for m in quantities._DIGITS.finditer(norm):
            for pos in (m.end(), m.end() + 1):
                for hi in {len(norm), min(len(norm), pos + 2)}:
                    if pos <= hi and _unit_std_first(norm, pos, hi):
                        got = quantities._UNIT_STD.match(norm, pos, hi)
                        want = quantities._UNIT.match(norm, pos, hi)
                        assert (got.span(), got.groups()) == (want.span(), want.groups()), norm[pos:hi]


# -- the noun and bad-before patterns on the standard library's engine -----------------------------------

_SPELT_S = r"[^\S\x1c-\x1f]"
# Each pattern as first written, for the regex module (with its \s), and how it is run.
_STD_PATTERNS = [
    (quantities._EN_NOUN, "match"),
    (quantities._ZH_NOUN, "match"),
    (quantities._ZH_NOUN_STOP, "search"),
    (quantities._CJK_BAD_BEFORE, "search"),
]
_REGEX_PATTERNS = [regex.compile(p.pattern.replace(_SPELT_S, r"\s")) for p, _ in _STD_PATTERNS]


def _check_std_patterns(text: str) -> None:
    for (std, how), slow in zip(_STD_PATTERNS, _REGEX_PATTERNS, strict=True):
        assert isinstance(std, re.Pattern) and std.groupindex == slow.groupindex
        for pos in range(len(text) + 1):
            for end in {len(text), min(len(text), pos + 3)}:
                got, want = getattr(std, how)(text, pos, end), getattr(slow, how)(text, pos, end)
                assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (std, text)


NOUN_TEXTS = [
    "5 users, 5 AI-driven GPU clusters of, 5-fold\x1cusers, 5 users\u3000and\x1c\x1dmore, 5\tusers ſix K²",
    "5 个开发者，5\u3000名用户，5\x1c名，5 家公司的，ab中文的了和，第\n三，星期\n五，礼拜\n\n四，统一，万\r千，唯\u2028百",
]


@pytest.mark.parametrize("text", NOUN_TEXTS + TEXTS + EXTRACT_TEXTS + UNIT_TEXTS)
def test_std_patterns_on_hard_texts(text: str) -> None:
    _check_std_patterns(quantities.normalize(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ-_ 5\t\n\x1c\x1f\u3000\u2003个名中的了第之周星期礼拜初统唯万千百ſK²\u0301")))
def test_std_patterns_on_generated_texts(text: str) -> None:
    _check_std_patterns(text)


def test_std_patterns_on_seeds_and_corpus(seeds: Path, corpus: Path) -> None:
    # Where scan runs them: after each number's digits (the nouns) and the text before it (the bad word).
    for path in [*_sample(seeds, 1), *_sample(corpus, 10)]:
        doc = parse(str(path), path.read_text(encoding="utf-8"))
        norm = quantities.normalize(doc.prose)
        for m in quantities._DIGITS.finditer(norm):
            for (std, how), slow in zip(_STD_PATTERNS, _REGEX_PATTERNS, strict=True):
                for pos, end in ((m.end(), min(len(norm), m.end() + 80)), (max(0, m.start() - 12), m.start())):
                    got, want = getattr(std, how)(norm, pos, end), getattr(slow, how)(norm, pos, end)
                    assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
