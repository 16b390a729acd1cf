"""Numerals: Chinese numerals, full-width digits and English number words."""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex
from factlint_numbers.numerals import (
    CJK_NUMBER,
    EN_NUMBER_WORD,
    find_numbers,
    normalize_digits,
    parse_cjk_number,
    parse_english_number,
    parse_number,
)

CJK_EXACT = [
    ("一", "1"),
    ("两", "2"),
    ("零", "0"),
    ("十", "10"),
    ("十五", "15"),
    ("二十", "20"),
    ("二十一", "21"),
    ("一百", "100"),
    ("三百二十五", "325"),
    ("一千零五", "1005"),
    ("两千", "2000"),
    ("一万", "10000"),
    ("十万", "100000"),
    ("百万", "1000000"),
    ("千万", "10000000"),
    ("一千二百万", "12000000"),
    ("一亿二千万", "120000000"),
    ("千亿", "100000000000"),
    ("五万亿", "5000000000000"),
    ("十万亿", "10000000000000"),
    ("两百五", "250"),
    ("三万五", "35000"),
    ("二〇二六", "2026"),
    ("壹佰贰拾", "120"),
    ("三点五", "3.5"),
    ("1.4万亿", "1400000000000"),
    ("7500亿", "750000000000"),
    ("7500 亿", "750000000000"),
    ("8300 亿", "830000000000"),
    ("200万", "2000000"),
    ("1300亿", "130000000000"),
    ("3千万", "30000000"),
    ("１２３", "123"),
    ("１．５万", "15000"),
    ("1,234.5", "1234.5"),
    ("百分之五", "5"),
    ("百分之三点五", "3.5"),
    ("百分之二十五", "25"),
    ("千分之三", "0.003"),
    ("万分之三", "0.0003"),
    ("1万2千", "12000"),
    ("1亿2000万", "120000000"),
    ("十万八千", "108000"),
    ("一万零五百", "10500"),
    ("百分之百", "100"),
]


@pytest.mark.parametrize(("text", "expected"), CJK_EXACT)
def test_cjk_exact(text: str, expected: str) -> None:
    assert parse_cjk_number(text) == Decimal(expected)


def test_fraction_and_percent_flags() -> None:
    third = parse_number("三分之一")
    assert third is not None and third.fraction and not third.percent
    assert abs(third.low - Decimal(1) / 3) < Decimal("1e-20")
    two_thirds = parse_number("三分之二")
    assert two_thirds is not None and abs(two_thirds.low - Decimal(2) / 3) < Decimal("1e-20")
    pct = parse_number("百分之五")
    assert pct is not None and pct.percent and pct.exact == 5


CJK_VAGUE = [
    ("十多", "10", "20"),
    ("二十多", "20", "30"),
    ("一百多", "100", "200"),
    ("200多", "200", "300"),
    ("200多万", "2000000", "3000000"),
    ("十多万", "100000", "200000"),
    ("十几", "11", "19"),
    ("二十几", "21", "29"),
    ("二十几亿", "2100000000", "2900000000"),
    ("几十", "20", "90"),
    ("几百", "200", "900"),
    ("几十万", "200000", "900000"),
    ("数百万", "2000000", "9000000"),
    ("数十亿", "2000000000", "9000000000"),
    ("三千余", "3000", "4000"),
]


@pytest.mark.parametrize(("text", "low", "high"), CJK_VAGUE)
def test_cjk_vague_intervals(text: str, low: str, high: str) -> None:
    num = parse_number(text)
    assert num is not None and num.approximate
    assert (num.low, num.high) == (Decimal(low), Decimal(high))
    assert parse_cjk_number(text) is None  # not one exact value


@pytest.mark.parametrize("text", ["万", "亿", "", "分之", "一二三四五两", "abc", "十百", "一几", "1万2", "近百"])
def test_cjk_not_numbers(text: str) -> None:
    assert parse_cjk_number(text) is None


EN_EXACT = [
    ("one", "1"),
    ("Two", "2"),
    ("eleven", "11"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("twenty-one", "21"),
    ("twenty one", "21"),
    ("ninety-nine", "99"),
    ("Forty two", "42"),
    ("a hundred", "100"),
    ("one hundred", "100"),
    ("two hundred and five", "205"),
    ("three thousand", "3000"),
    ("five thousand and one", "5001"),
    ("a million", "1000000"),
    ("three million two hundred thousand", "3200000"),
    ("two billion", "2000000000"),
    ("a dozen", "12"),
    ("dozen", "12"),
    ("half a dozen", "6"),
    ("two dozen", "24"),
    ("a couple", "2"),
    ("a couple of", "2"),
    ("a pair of", "2"),
    ("1.5 million", "1500000"),
    ("2bn", "2000000000"),
    ("400", "400"),
    ("12K", "12000"),
]


@pytest.mark.parametrize(("text", "expected"), EN_EXACT)
def test_english_exact(text: str, expected: str) -> None:
    assert parse_english_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "a",
        "",
        "the",
        "one two",
        "one and two",
        "twenty twenty",
        "hundred",
        "thousand",
        "nine ten",
        "twenty-eleven",
        "tennis",
        "a one",
    ],
)
def test_english_not_numbers(text: str) -> None:
    assert parse_english_number(text) is None


@pytest.mark.parametrize(("text", "low", "high"), [("a few", 3, 5), ("several", 3, 9), ("dozens", 24, 99)])
def test_english_vague(text: str, low: int, high: int) -> None:
    num = parse_number(text)
    assert num is not None and num.approximate and (num.low, num.high) == (low, high)


def test_normalize_digits_keeps_length() -> None:
    text = "营收１２３．５亿，增长１５％"
    out = normalize_digits(text)
    assert out == "营收123.5亿,增长15%"
    assert len(out) == len(text)


CJK_RE = regex.compile(CJK_NUMBER)
EN_RE = regex.compile(EN_NUMBER_WORD)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("以下五点关键突破", ["五"]),
        ("7500 亿至 8300 亿", ["7500 亿", "8300 亿"]),
        ("估值达到1.4万亿美元", ["1.4万亿"]),
        ("十多个国家", ["十多"]),
        ("三分之一的用户", ["三分之一"]),
        ("增长百分之五", ["百分之五"]),
        ("超过200多万开发者", ["200多万"]),
        ("几十家公司", ["几十"]),
        ("营收１２３亿", ["１２３亿"]),
        ("共1万2千人", ["1万2千"]),
        ("1亿2000万美元", ["1亿2000万"]),
    ],
)
def test_cjk_pattern(text: str, found: list[str]) -> None:
    assert [m[0] for m in CJK_RE.finditer(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("These three reasons", ["three"]),
        ("one, two, three", ["one", "two", "three"]),
        ("a million users", ["a million"]),
        ("The Following Five steps", ["Five"]),
        ("a man with tennis balls", []),
        ("twenty-five models and a dozen labs", ["twenty-five", "a dozen"]),
        ("someone has none", []),
        ("one and two", ["one", "two"]),
        ("two hundred and five people", ["two hundred and five"]),
        ("half a dozen eggs and a couple of apples", ["half a dozen", "a couple of"]),
        ("a one-time fee of a hundred dollars", ["one", "a hundred"]),
        ("one million, two hundred thousand", ["one million", "two hundred thousand"]),
    ],
)
def test_english_pattern(text: str, found: list[str]) -> None:
    assert [m[0] for m in EN_RE.finditer(text)] == found


def test_patterns_embed_without_groups() -> None:
    combined = regex.compile(rf"(?P<n>{CJK_NUMBER})个|(?P<e>{EN_NUMBER_WORD}) reasons")
    assert combined.search("三个原因")["n"] == "三"
    assert combined.search("Three reasons")["e"] == "Three"
    assert regex.compile(CJK_NUMBER).groups == 0
    assert regex.compile(EN_NUMBER_WORD).groups == 0


def test_find_numbers_offsets() -> None:
    text = "以下五点 and three reasons"
    found = [(text[a:b], n.exact) for a, b, n in find_numbers(text)]
    assert found == [("五", 5), ("three", 3)]
