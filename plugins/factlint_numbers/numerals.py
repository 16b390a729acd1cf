"""Numerals: Chinese numerals, full-width digits and English number words as ``Decimal`` values.

The small API the numbers plugin builds on:

``normalize_digits(text)``
    Full-width digits and number punctuation (``１２３``, ``．``, ``，``, ``％``) to ASCII,
    character for character, so offsets into the result are offsets into the input.
``parse_cjk_number(text)``
    A Chinese or mixed numeral to its exact ``Decimal`` value (``三百二十五`` → 325,
    ``1.4万亿`` → 1400000000000, ``三分之一`` → 1/3, ``百分之五`` → 5), or ``None`` when the
    text is not one exact number (vague forms such as ``十多`` return ``None`` here).
``parse_english_number(text)``
    English number words (``ninety-nine``, ``two hundred and five``, ``a dozen``, ``a couple``,
    ``1.5 million``) to a ``Decimal``, or ``None``.
``parse_number(text)``
    Either language, as a :class:`Numeral`: an interval ``[low, high]`` (``high`` is ``None``
    when open-ended), with ``approximate``, ``percent`` and ``fraction`` flags. Vague forms
    become intervals: ``十多`` → [10, 20], ``几十`` → [20, 90], ``a few`` → [3, 5].
``find_numbers(text)``
    Every numeral of ``text`` with its offsets and value.
``CJK_NUMBER`` / ``EN_NUMBER_WORD``
    Pattern strings (no capturing groups, flags scoped inside) that other patterns embed to
    match a Chinese numeral or a phrase of English number words.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

import regex

__all__ = [
    "CJK_NUMBER",
    "EN_NUMBER_WORD",
    "Numeral",
    "find_numbers",
    "normalize_digits",
    "parse_cjk_number",
    "parse_english_number",
    "parse_number",
]

# -- digits -----------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ",", "％": "%", "＋": "+", "－": "-"}
)


def normalize_digits(text: str) -> str:
    """Full-width digits (and ``．，％＋－``) to ASCII; the result has the same length."""
    return text.translate(_FULLWIDTH)


_ARABIC_DIGIT_TRANS = {chr(c): str(int(chr(c))) for c in range(0x660, 0x66A)}
_ASCII_DIGITS = str.maketrans(_ARABIC_DIGIT_TRANS)

# -- Chinese numerals --------------------------------------------------------------------------

_CJK_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "贰": 2,
    "貳": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CJK_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CJK_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_D = "".join(_CJK_DIGITS)
_S = "".join(_CJK_SMALL_UNITS)
_B = "".join(_CJK_BIG_UNITS)
CJK_NUMERAL_CHARS = _D + _S + _B
"""The Chinese digits and units a Chinese numeral is written with (not the vague 几, 多 …)."""
_ARABIC = r"\d+(?:[,，]\d{3})*(?:[.．]\d+)?"
# A Chinese integer: starts with a digit, 十, or 百/千 directly before 万/亿 (百万, 千亿).
_CJK_INT = rf"(?:[{_D}十拾]|[百佰千仟](?=[{_B}]))[{_D}{_S}{_B}]*"
# An exact or vague numeral without fraction: Arabic with scale (1.4万亿, 7500 亿), Chinese
# (三百二十五, 两), Chinese decimals (三点五), vague (十多, 二十几, 几十, 数百万, 200多万).
_CJK_SIMPLE = (
    rf"(?:[几幾数數](?:[{_S}{_B}]+)(?:[多余餘来來][{_B}]*)?"
    rf"|(?:{_ARABIC}|{_CJK_INT}(?:点[{_D}]+)?)"
    rf"(?:[多余餘来來几幾][{_S}{_B}]*|[ \u00a0]?[{_S}{_B}]+(?:\d+[{_S}{_B}]+)*(?:[多余餘来來][{_B}]*)?)?)"
)
CJK_NUMBER = rf"(?=[\d{_D}{_S}{_B}几幾数數])(?:{_CJK_SIMPLE}(?:分之{_CJK_SIMPLE})?|[百佰千仟万萬]分之{_CJK_SIMPLE})"
"""A Chinese, mixed or vague numeral, a fraction (三分之一) or a percentage (百分之五)."""

_CJK_NUMBER_RE = regex.compile(CJK_NUMBER)
_ARABIC_RE = regex.compile(_ARABIC)


def _arabic(text: str) -> Decimal | None:
    cleaned = normalize_digits(text).translate(_ASCII_DIGITS).replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _cjk_integer(text: str) -> Decimal | None:
    """An integer written with Chinese digits and units, possibly starting with Arabic digits."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    # Digits only (二〇二六, 一二): read digit by digit.
    if all(ch in _CJK_DIGITS for ch in text):
        if len(text) == 1 or all(ch not in "两兩" for ch in text):
            return Decimal("".join(str(_CJK_DIGITS[ch]) for ch in text))
        return None
    total = Decimal(0)  # everything above the current 万/亿 section, already scaled
    section = Decimal(0)  # the part of the current section already closed by a unit
    current: Decimal | None = None  # a digit waiting for its unit
    last_unit = 0  # the last unit applied, for colloquial 两百五 (250) and 三万五 (35000)
    zero_seen = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit():
            # Arabic digits, at the start (1.4万亿) or after a unit (1万2千, 1亿2000万)
            if current is not None:
                return None
            m = _ARABIC_RE.match(text, i)
            current = _arabic(m[0]) if m else None
            if current is None:
                return None
            last_unit = 0  # an explicit Arabic figure is never colloquial shorthand
            i = m.end()
            if i == n and (total or section):
                return None  # 1万2: 12000 in speech, 10002 on paper; do not guess
            continue
        if ch in _CJK_DIGITS:
            if current is not None and not zero_seen and _CJK_DIGITS[ch] != 0:
                return None  # two digits in a row with units around: malformed
            value = _CJK_DIGITS[ch]
            if value == 0:
                zero_seen = True
                current = None
            else:
                current = Decimal(value)
        elif ch in _CJK_SMALL_UNITS:
            unit = _CJK_SMALL_UNITS[ch]
            if current is None and section == 0 and total == 0 and unit == 10:
                current = Decimal(1)  # 十五 = 15
            elif current is None and unit == 10 and zero_seen:
                current = Decimal(1)  # 一百零十 is rare; treat 零十 as 十
            elif current is None:
                if section == 0 and total == 0 and unit in (100, 1000):
                    current = Decimal(1)  # 百万, 千亿
                else:
                    return None
            section += current * unit
            current = None
            last_unit = unit
            zero_seen = False
        elif ch in _CJK_BIG_UNITS:
            unit = _CJK_BIG_UNITS[ch]
            value = section + (current or 0)
            if value == 0:
                if total == 0:
                    return None
                # 万亿: the 万 already scaled the total; apply 亿 on top of it
                total *= unit
            elif unit == 10**8:
                total = (total + value) * unit
            else:
                total += value * unit
            section = Decimal(0)
            current = None
            last_unit = unit
            zero_seen = False
        else:
            return None
        i += 1
    if current is not None:
        if last_unit >= 100 and not zero_seen and text[-1] in _CJK_DIGITS:
            current *= last_unit // 10  # 两百五 = 250, 三万五 = 35000
        section += current
    return total + section


def _tidy(value: Decimal) -> Decimal:
    """Drop a trailing ``.0`` left by scaling a decimal (1.4万亿 → 1400000000000)."""
    return value.to_integral_value() if value == value.to_integral_value() else value


def _cjk_decimal(text: str) -> Decimal | None:
    """An exact Chinese or mixed number, with an optional Chinese decimal point (三点五)."""
    text = normalize_digits(text).strip()
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(ch not in _CJK_DIGITS for ch in frac):
            return None
        base = _cjk_integer(whole)
        if base is None:
            return None
        return base + Decimal("0." + "".join(str(_CJK_DIGITS[ch]) for ch in frac))
    return _cjk_integer(text)


_VAGUE_SUFFIX = "多余餘来來几幾"
_VAGUE_SUFFIX_RE = regex.compile(f"[{_VAGUE_SUFFIX}]")


def _place(value: Decimal) -> Decimal:
    """The place value of the last non-zero digit of an integer (200 → 100, 250 → 10, 12 → 1)."""
    if value <= 0 or value != value.to_integral_value():
        return Decimal(1)
    place = Decimal(1)
    v = int(value)
    while v % 10 == 0:
        v //= 10
        place *= 10
    return place


def _cjk_numeral(text: str) -> Numeral | None:
    """Parse one Chinese/mixed numeral (not a fraction) to a Numeral."""
    text = normalize_digits(text).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    # 几十, 数百万, 几十万: 2–9 times the unit
    if text[0] in "几幾数數":
        scale = _cjk_integer("一" + text[1:].rstrip("多余餘来來"))
        if scale is None:
            return None
        return Numeral(2 * scale, 9 * scale, approximate=True)
    # A vague suffix followed by big units: 十多万 = [10, 20] 万, 200多万, 二十几亿
    m = _VAGUE_SUFFIX_RE.search(text)
    if m:
        head, suffix, tail = text[: m.start()], m[0], text[m.end() :]
        if any(ch not in _B for ch in tail):
            # 十几 followed by small units is not a form we read (二十多百)
            return None
        base = _cjk_decimal(head)
        if base is None:
            return None
        scale = Decimal(1)
        for ch in tail:
            scale *= _CJK_BIG_UNITS[ch]
        place = _place(base)
        if suffix in "来來":
            # 十来个: about ten
            return Numeral(base * scale - place * scale / 5, base * scale + place * scale / 5, approximate=True)
        if suffix in "几幾":
            if base < 10:
                return None  # 一几 is not a numeral
            # 十几 = 11–19, 二十几 = 21–29
            step = place / 10 if place >= 10 else Decimal(1)
            return Numeral((base + step) * scale, (base + 9 * step) * scale, approximate=True)
        # 多/余: more than base, below the next step of its last digit's place
        return Numeral(base * scale, (base + place) * scale, approximate=True)
    value = _cjk_decimal(text)
    if value is None:
        return None
    value = _tidy(value)
    return Numeral(value, value)


def parse_cjk_number(text: str) -> Decimal | None:
    """The exact value of a Chinese or mixed numeral; ``None`` if not an exact number.

    ``百分之五`` returns 5 (the caller owns the percent sign; :func:`parse_number` flags it),
    ``三分之一`` returns 1/3 as a 28-digit ``Decimal``.
    """
    num = parse_number(text)
    if num is None or num.approximate or num.high is None or num.low != num.high:
        return None
    return num.low


# -- English number words ----------------------------------------------------------------------

_EN_SMALL: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mm": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "t": 10**12,
    "tn": 10**12,
}
_EN_VAGUE: dict[str, tuple[int, int]] = {
    "a few": (3, 5),
    "few": (3, 5),
    "several": (3, 9),
    "dozens": (24, 99),
    "dozens of": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2 * 10**6, 9999 * 10**6),
    "billions": (2 * 10**9, 9999 * 10**9),
}

_EN_START = "(?:" + "|".join(sorted([*_EN_SMALL, *_EN_TENS, "dozen"], key=len, reverse=True)) + ")"
_EN_SCALE = "(?:hundred|thousand|million|billion|trillion)"
_EN_WORD = (
    "(?:"
    + "|".join(
        sorted(
            [*_EN_SMALL, *_EN_TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen"],
            key=len,
            reverse=True,
        )
    )
    + ")"
)
# One pass over a run of number words, starting with a literal so the engine scans fast; the
# parser validates the combination. "and" only joins after a scale word (two hundred and
# five), so "one and two" stays two numbers.
EN_NUMBER_WORD = (
    rf"(?i:\b(?:{_EN_START}|half[ \t]+a[ \t]+dozen"
    rf"|a[ \t]+(?:couple(?:[ \t]+of)?|pair[ \t]+of|{_EN_SCALE}|dozen))"
    rf"(?:(?:[ \t]+|-|(?<={_EN_SCALE}),?[ \t]+and[ \t]+){_EN_WORD})*\b)"
)
"""A phrase of English number words: ``three``, ``ninety-nine``, ``two hundred and five``,
``a dozen``, ``a couple``, ``three million``."""

_EN_NUMBER_WORD_RE = regex.compile(EN_NUMBER_WORD)
_EN_DIGIT_SCALE_RE = regex.compile(
    r"(?i)\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(thousand|million|billion|trillion|k|mn|mm|bn|tn|m|b|t)?\s*"
)
_WORDS_RE = regex.compile(r"[a-z]+")


def parse_english_number(text: str) -> Decimal | None:
    """English number words (or digits with a scale word) to an exact ``Decimal``; else ``None``.

    ``"ninety-nine"`` → 99, ``"two hundred and five"`` → 205, ``"a dozen"`` → 12,
    ``"a couple"`` → 2, ``"three million"`` → 3000000, ``"1.5 billion"`` → 1500000000.
    """
    text = normalize_digits(text).strip()
    if not text:
        return None
    m = _EN_DIGIT_SCALE_RE.fullmatch(text)
    if m:
        value = _arabic(m[1])
        if value is None:
            return None
        return _tidy(value * _EN_SCALES[m[2].lower()]) if m[2] else value
    return _english_words(text.lower())


def _english_words(lowered: str) -> Decimal | None:
    words = _WORDS_RE.findall(lowered.replace("-", " "))
    if not words or _WORDS_RE.sub("", lowered).strip(" -,") != "":
        return None
    phrase = " ".join(words)
    if phrase in ("a couple", "a couple of", "a pair of", "couple"):
        return Decimal(2)
    if words[-1] == "dozen":
        head = words[:-1]
        if not head or head == ["a"]:
            return Decimal(12)
        if head == ["half", "a"]:
            return Decimal(6)
        if len(head) == 1 and head[0] in _EN_SMALL:
            return Decimal(12 * _EN_SMALL[head[0]])
        return None
    total = 0
    group = 0  # below one thousand
    seen = False
    prev = ""
    for index, w in enumerate(words):
        if w == "and":
            if prev not in ("hundred", "thousand", "million", "billion", "trillion"):
                return None  # "one and two" is two numbers, not three
            prev = w
            continue
        if w == "a":
            following = words[index + 1] if index + 1 < len(words) else ""
            if group or prev not in ("", "and") or following not in (*_EN_SCALES, "hundred"):
                return None  # "a" only counts before hundred/thousand/…: "a hundred"
            group = 1
            seen = True
        elif w in _EN_SMALL:
            if prev in _EN_SMALL or (prev in _EN_TENS and _EN_SMALL[w] >= 10):
                return None
            group += _EN_SMALL[w]
            seen = True
        elif w in _EN_TENS:
            if prev in _EN_SMALL or prev in _EN_TENS or group % 100:
                return None
            group += _EN_TENS[w]
            seen = True
        elif w == "hundred":
            if group == 0 or group >= 100:
                return None
            group *= 100
        elif w in ("thousand", "million", "billion", "trillion"):
            if group == 0:
                return None
            total += group * _EN_SCALES[w]
            group = 0
        else:
            return None
        prev = w
    if not seen or words == ["a"]:
        return None
    return Decimal(total + group)


# -- both languages ----------------------------------------------------------------------------


class Numeral(NamedTuple):
    """A parsed numeral: ``[low, high]`` (equal when exact; ``high`` ``None`` when open-ended)."""

    low: Decimal
    high: Decimal | None
    approximate: bool = False
    percent: bool = False  # 百分之五: the value is in percent
    fraction: bool = False  # 三分之一, 千分之三: the value is the fraction itself

    @property
    def exact(self) -> Decimal | None:
        """The value when the numeral is exact, else ``None``."""
        return self.low if not self.approximate and self.high is not None and self.low == self.high else None


_FRACTION_SPLIT = "分之"
_HAS_CJK_NUM = regex.compile(rf"[{_D}{_S}{_B}{_VAGUE_SUFFIX}数數点]")


@lru_cache(maxsize=4096)
def parse_number(text: str) -> Numeral | None:
    """A Chinese, mixed or English numeral as a :class:`Numeral`, or ``None``.

    Exact forms give ``low == high``; vague ones an interval with ``approximate`` set
    (``十多`` → [10, 20], ``几十`` → [20, 90], ``二十几`` → [21, 29], ``a few`` → [3, 5]).
    ``百分之五`` → 5 with ``percent``; ``三分之一`` → 1/3 with ``fraction``.
    """
    text = normalize_digits(text).strip()
    if not text:
        return None
    if _FRACTION_SPLIT in text:
        denom_text, _, numer_text = text.partition(_FRACTION_SPLIT)
        numer = _cjk_numeral(numer_text)
        if denom_text in ("百", "一百"):
            if numer is None:
                return None
            return Numeral(numer.low, numer.high, numer.approximate, percent=True)
        if denom_text[:1] in _CJK_SMALL_UNITS or denom_text[:1] in _CJK_BIG_UNITS:
            denom_text = "一" + denom_text  # 千分之三, 万分之三
        denom = _cjk_decimal(denom_text)
        if numer is None or denom is None or denom == 0:
            return None
        high = None if numer.high is None else numer.high / denom
        return Numeral(numer.low / denom, high, numer.approximate, fraction=True)
    if _HAS_CJK_NUM.search(text):
        return _cjk_numeral(text)
    lowered = text.lower()
    if lowered in _EN_VAGUE:
        low, high = _EN_VAGUE[lowered]
        return Numeral(Decimal(low), Decimal(high), approximate=True)
    value = parse_english_number(text)
    return None if value is None else Numeral(value, value)


_FIND_CJK_RE = regex.compile(CJK_NUMBER)
_FIND_EN_RE = _EN_NUMBER_WORD_RE


def find_numbers(text: str) -> list[tuple[int, int, Numeral]]:
    """Every numeral of ``text`` (Arabic, Chinese, mixed, English words) with offsets and value.

    No context is applied: ``一`` in ``统一`` is found too. Callers decide what counts.
    """
    out: list[tuple[int, int, Numeral]] = []
    # Two separate scans are much faster than one alternation of both patterns.
    matches = sorted([*_FIND_CJK_RE.finditer(text), *_FIND_EN_RE.finditer(text)], key=lambda m: m.start())
    end = -1
    for m in matches:
        if m.start() < end:
            continue
        num = parse_number(m[0])
        if num is not None:
            out.append((m.start(), m.end(), num))
            end = m.end()
    return out
