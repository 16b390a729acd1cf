"""The candidate passes of the quantity scan find exactly the places the patterns they stand for
find: _CJK_CAND_STD (the standard library's engine) those of CJK_CANDIDATE_REFERENCE (the regex module's), and
_en_starts (bytes.find on the lowered text) the _EN_HINT starts that _EN_CAND confirms."""

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
