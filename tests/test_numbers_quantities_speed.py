"""The candidate passes of the quantity scan find exactly the places the patterns they stand for
find: _CJK_CAND_STD (the standard library's engine) and _cjk_starts (str.find, then the pattern) those of
CJK_CANDIDATE_REFERENCE (the regex module's), and _en_starts (bytes.find on the lowered text) the _EN_HINT
starts that _EN_CAND confirms. The other shortcuts of the scan give what they stand for: normalize
(str.replace) the translation, _skip_at (its tests of the text around a number) the whole alternation,
_read's group numbers the groups it names, and the [0-9] pass the \\d pass wherever _may_hold_other_digits
(the lead bytes of the other digits' UTF-8) lets scan take it."""

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
