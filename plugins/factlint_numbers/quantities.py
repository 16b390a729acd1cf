"""Quantities: every number of the prose that states an amount, with its span, interval and unit.

:func:`extract` scans ``Document.prose`` (or any text) once with one precompiled pattern and
reads the context of each match with small anchored patterns:

* the number itself: Arabic digits with separators and decimals, full-width digits, Chinese
  numerals and scale words (``1.4万亿``, ``7500 亿``, ``十多``, ``三分之一``), English scales
  (``$1.3B``, ``10 billion``, ``5k``) and number words (``two``, ``a dozen``), all read by
  :mod:`factlint_numbers.numerals`;
* a unit: currency (normalised to an ISO code), percent, percentage points, multiples,
  durations and other units, or the counted noun (``400 models``, ``200 万开发者``);
* a rate's denominator (``7.99美元/月`` → per month);
* approximations and bounds (约, 超过, 不到, about, more than, ``+``, ``多``) and ranges
  (``7500 亿至 8300 亿``, ``$50-60B``), which become the interval of the :class:`Quantity`.

Numbers that are not amounts are skipped and reported separately by :func:`scan` (dates,
times, years, versions and model names, list ordinals, section numbers, phone numbers, IDs
and hashes). Offsets always refer to the text given, which has the same length as the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple

import regex

from factlint.model import Quantity
from factlint_numbers.numerals import CJK_NUMBER, CJK_NUMERAL_CHARS, EN_NUMBER_WORD, parse_number
from factlint_numbers.words import COMMON_CAPITALISED

__all__ = ["APPROX", "Mention", "Skipped", "extract", "normalize", "scan"]

APPROX = Decimal("0.1")  # "about 200" covers 180–220

# Full-width digits and the signs around numbers to ASCII, one character for one character.
# (The Chinese comma stays: it separates clauses, not thousands.)
_NORMALIZE = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "％": "%",
        "＋": "+",
        "－": "-",
        "＄": "$",
        "～": "~",
        "￥": "¥",
        "\u2212": "-",
        "\u00a0": " ",
        "\u3000": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


# Each character _NORMALIZE maps, with its replacement. No replacement is one of the characters
# replaced (the tests check), so replacing them one after the other is translating.
_NORMALIZE_PAIRS = tuple((chr(k), v) for k, v in _NORMALIZE.items())


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII; same length as ``text``."""
    # (``in`` finds a character in a text several times as fast as a pattern's class, and most
    # texts hold none of these characters: faster than text.translate or a substitution.)
    for ch, ascii_ch in _NORMALIZE_PAIRS:
        if ch in text:
            text = text.replace(ch, ascii_ch)
    return text


# -- the pattern ---------------------------------------------------------------------------------

_CUR_PREFIX = r"(?:US\s?\$|USD\s?\$?|HK\$|NT\$|A\$|AU\$|C\$|CA\$|S\$|R\$|\$|¥|€|£|₹|₩|(?:RMB|CNY|EUR|GBP|JPY|HKD)\s?)"
_EN_SCALE = r"(?:\s?(?i:thousand|million|billion|trillion)\b|(?:bn|mn|mln|tn|[kKMBT])(?![A-Za-z0-9])|\s(?:bn|mn)\b)"
_NUMBER = regex.compile(
    rf"""
    (?P<cur>{_CUR_PREFIX}\s?)?
    (?P<sign>-(?=\d))?
    (?P<num>{CJK_NUMBER}|{EN_NUMBER_WORD})
    (?P<scale>{_EN_SCALE})?
    """,
    regex.VERBOSE,
)
# The same without English number words, for numbers that start with a digit or a sign (faster).
_NUMBER_DIGITS = regex.compile(
    rf"""
    (?P<cur>{_CUR_PREFIX}\s?)?
    (?P<sign>-(?=\d))?
    (?P<num>{CJK_NUMBER})
    (?P<scale>{_EN_SCALE})?
    """,
    regex.VERBOSE,
)

_CURRENCY_PREFIX_CODES = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "HK$": "HKD",
    "NT$": "TWD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "S$": "SGD",
    "R$": "BRL",
    "¥": "CNY",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
    "RMB": "CNY",
    "CNY": "CNY",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "HKD": "HKD",
}
_CURRENCY_SUFFIX_CODES = {
    "美元": "USD",
    "美金": "USD",
    "人民币": "CNY",
    "元人民币": "CNY",
    "元": "CNY",
    "块钱": "CNY",
    "块": "CNY",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "韩元": "KRW",
    "澳元": "AUD",
    "加元": "CAD",
    "新台币": "TWD",
    "卢布": "RUB",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "hkd": "HKD",
}

_RANGE_TAIL = regex.compile(
    rf"""
    \s?(?P<sep>-|–|—|~|至|到|\bto\b)\s?
    (?P<cur>{_CUR_PREFIX})?
    (?P<num>{CJK_NUMBER}|{EN_NUMBER_WORD})
    (?P<scale>{_EN_SCALE})?
    """,
    regex.VERBOSE,
)

_UNIT = regex.compile(
    r"""
    (?P<plus>\+(?![\d]))?
    \s?
    (?:
        (?P<pct>%|‰|percent(?:age)?\b(?!\s?points?)|per\s?cent\b|pct\b)
      | (?P<pp>个?百分点|percentage[- ]points?\b|pp\b|p\.p\.|basis\s+points?\b|bps\b)
      | (?P<mult>倍|times\b|x\b|×|-?fold\b)
      | (?P<cur>元人民币|美元|美金|人民币|欧元|英镑|日元|港元|港币|韩元|澳元|加元|新台币|卢布|块钱
             |元(?!素|旦|宇宙|年|月|数据|老)
             |(?i:us\s+dollars|dollars?|usd|euros?|eur|pounds?|gbp|yuan|rmb|cny|yen|jpy|hkd)\b)
      | (?P<size>(?:GiB|MiB|KiB|TiB|GB|MB|KB|TB|PB|Gb|Mb|GHz|MHz|kWh|kW|MW|GW|ms|km|kg|nm|mm|cm|px|fps|rpm|Hz|W|V
                  |mAh)(?![A-Za-z])
             |(?i:gigabytes?|megabytes?|terabytes?|kilometers?|kilometres?|miles?|meters?|metres?|seconds?|minutes?
                 |hours?|days?|weeks?|months?|years?|dpi)\b
             |小时|分钟|秒钟|秒|个月|天|周|年(?!代|前|后|底|初|中|度|级|份)|岁|公里|千米|米|公斤|千克|吨|平方米|亩|瓦|度电)
      | (?P<clf>个|位|名|家|款|种|类|项|条|次|场|轮|座|台|部|本|篇|张|件|户|辆|架|颗|枚|只|份|支|套|所|间|批|行
             |字|页|章|节|点|步|层|人|国|城|笔|起|例|成|块)
    )?
    """,
    regex.VERBOSE,
)
# _UNIT for the standard library's engine (several times as fast), which _unit_at runs only where the
# first character after the blank or plus is one of _UNIT_STD_FIRST: every alternative that starts with
# an ASCII letter or "-" then fails at its first character, before any \b or case-insensitive letter
# (where the engines differ), and the plus's (?![\d]) and the \s? before the alternatives see only a
# blank, "+" or that character (none a digit for either engine). The tests compare the two patterns there.
_UNIT_STD = re.compile(_UNIT.pattern, re.VERBOSE)
_PER = regex.compile(
    r"\s?(?:/\s?|每|(?i:per|a|an)\s)(?P<per>(?i:month|mo|year|yr|day|week|hour|user|seat|person|token|query|request)"
    r"|月|年|天|日|周|小时|人|次|用户|席位|token|千\s?tokens?|百万\s?tokens?)(?![a-z])"
    r"(?!\s+(?:earlier|ago|later|before|after|prior|from|on|in|or\s+so)\b)(?!前|后|以来|多)"
)
_PER_CANON = {
    "month": "month", "mo": "month", "月": "month",
    "year": "year", "yr": "year", "年": "year",
    "day": "day", "天": "day", "日": "day",
    "week": "week", "周": "week",
    "hour": "hour", "小时": "hour",
    "user": "user", "用户": "user", "person": "user", "人": "user", "seat": "seat", "席位": "seat",
    "次": "use", "query": "request", "request": "request", "token": "token",
}  # fmt: skip

# English counted noun: up to three words after the number, the head is the first plural.
# (_EN_NOUN, _ZH_NOUN, _ZH_NOUN_STOP and _CJK_BAD_BEFORE run on the standard library's engine, faster
# here: they need nothing of the regex module's but its \s, spelt out (the standard library's also takes
# \x1c-\x1f); the tests compare them with the regex module's.)
_EN_NOUN = re.compile(r"[ -](?P<words>(?:[A-Za-z][A-Za-z-]{0,24}[^\S\x1c-\x1f]?){1,3})")
_EN_STOP = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "and",
        "or",
        "the",
        "a",
        "an",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "with",
        "as",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "which",
        "who",
        "per",
        "each",
        "every",
        "more",
        "less",
        "over",
        "under",
        "about",
        "up",
        "down",
        "into",
        "out",
        "off",
        "so",
        "if",
        "but",
        "not",
        "no",
        "yet",
        "also",
        "just",
        "only",
    ]
)
_EN_PLURALS = frozenset(["people", "staff", "children", "men", "women", "persons", "employees", "personnel"])
# Chinese counted noun after the classifier: a short run of characters before a particle.
_ZH_NOUN = re.compile(r"[^\S\x1c-\x1f]?(?P<noun>[\u4e00-\u9fffA-Za-z]{1,6})")
_ZH_NOUN_STOP = re.compile(
    r"[的了和与及或在是为把被将从到至对向给于以并而也都还就又再等中后前时里上下这那其之所已翻涨升降跌减达超约近逾有]"
)

# The digits (and their separators) that lead a range's second number: "8300亿" → "亿".
_LEADING_DIGITS = regex.compile(r"^[\d.,\s]+")
_RIGHT_APPROX = regex.compile(r"\s?(?P<w>左右|上下|以上|以下|以内|之多|(?i:or\s+more|or\s+so|plus|or\s+less)\b)")

# The numbers of the named groups _read looks at: the regex module finds a group by its number
# several times faster than by its name (which it first tries to read as a number). _NUMBER and
# _NUMBER_DIGITS number their groups alike, and _PER, _RIGHT_APPROX, _EN_NOUN and _ZH_NOUN have
# one group each (the tests check both).
_N_CUR, _N_SIGN, _N_NUM, _N_SCALE = (_NUMBER.groupindex[g] for g in ("cur", "sign", "num", "scale"))
_R_SEP, _R_CUR, _R_NUM, _R_SCALE = (_RANGE_TAIL.groupindex[g] for g in ("sep", "cur", "num", "scale"))
_U_PLUS, _U_PCT, _U_PP, _U_MULT, _U_CUR, _U_SIZE, _U_CLF = (
    _UNIT.groupindex[g] for g in ("plus", "pct", "pp", "mult", "cur", "size", "clf")
)

# -- non-quantities ------------------------------------------------------------------------------

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# The month names _MONTHS matches (each a prefix of a full name, three letters or more), their
# last letters, last three letters and first letters.
_MONTH_NAMES = frozenset(
    name[:n]
    for name in ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")
    for n in range(1, len(name) + 1)
    if regex.fullmatch(_MONTHS, name[:n])
)  # fmt: skip
_MONTH_LAST = frozenset(name[-1] for name in _MONTH_NAMES)
_MONTH_TAILS = frozenset(name[-3:] for name in _MONTH_NAMES)
_MONTH_FIRST = frozenset(name[0] for name in _MONTH_NAMES)
_UNIT_SUFFIX = (
    r"(?:bn|mn|mln|tn|[kKMBTx]|GB|MB|KB|TB|PB|Gb|Mb|GHz|MHz|kWh|kW|MW|GW|ms|km|kg|nm|mm|cm|px|fps|rpm|Hz|W|V|mAh"
    r"|pp|bps|st|nd|rd|th|am|pm|a\.m|p\.m)"
)


def _anything(_ch: str) -> bool:
    return True


def _blank(ch: str) -> bool:
    return ch.isspace()  # every character regex's \s takes (checked over every code point), and \x1c-\x1f


def _ascii_word(ch: str) -> bool:
    r"""Whether ``ch`` is an ASCII letter, digit or _ (a word character for \b and \w)."""
    return ch != "" and ch.isascii() and (ch.isalnum() or ch == "_")


def _then(chars: str, *, blank: bool = True) -> Callable[[str], bool]:
    r"""The test "one of ``chars`` (or a blank, for a pattern's \s?) follows the digits"."""
    return lambda ch: (ch != "" and ch in chars) or (blank and ch.isspace())


def _no_word_after(ch: str) -> bool:
    return not _ascii_word(ch)  # \b or (?![\w]) after the digits: not a word character (ASCII ones for sure)


def _month_end(ch: str) -> bool:
    """Whether ``ch`` may stand before the blank after a month name: its last letter, "." or "," or a blank."""
    return ch in _MONTH_LAST or ch in ".," or ch.isspace()


# A test of the text around a number: (norm, start of its digits, end of its digits, end of the text).
_Near = Callable[[str, int, int, int], bool]


def _next_is(chars: str, *, year: bool = False) -> _Near:
    r"""The test "one of ``chars`` follows the digits, after at most one blank" (a pattern's \s?, for
    which str.isspace stands), and with ``year`` also "the digits start with 19 or 20"."""

    def test(norm: str, c: int, run_end: int, end: int) -> bool:
        if year and not norm.startswith(("19", "20"), c):
            return False
        if run_end < end and norm[run_end].isspace():
            run_end += 1
        return run_end < end and norm[run_end] in chars

    return test


def _month_before(norm: str, c: int, _run_end: int, _end: int) -> bool:
    """Whether the last three letters of a month name end one to four characters before ``c``: the
    blanks, "." and "," that the month lookbehinds take between the month and the number."""
    w = norm[max(0, c - 7) : c]  # (near the start, a slice with fewer than three letters is no tail)
    return w[-4:-1] in _MONTH_TAILS or w[-5:-2] in _MONTH_TAILS or w[-6:-3] in _MONTH_TAILS or w[-7:-4] in _MONTH_TAILS


def _month_after(norm: str, _c: int, run_end: int, end: int) -> bool:
    r"""Whether the digits may be followed by st, nd, rd or th, or by blanks and a month name (\s+ and
    its capital letter)."""
    if run_end < end and norm[run_end] in "snrt":
        return True
    j = run_end
    while j < end and norm[j].isspace():
        j += 1
    return run_end < j < end and norm[j] in _MONTH_FIRST


_ORDINAL_MARKS = ("第", "No.", "№", "#")


def _mark_before(norm: str, c: int, _run_end: int, _end: int) -> bool:
    """Whether 第, No., № or # ends right before ``c`` or one character (a blank) before."""
    return norm.endswith(_ORDINAL_MARKS, 0, c) or (c > 0 and norm.endswith(_ORDINAL_MARKS, 0, c - 1))


def _digit_after_next(norm: str, _c: int, run_end: int, end: int) -> bool:
    r"""Whether a digit (str.isdigit takes every \d) follows the one character after the digits."""
    return run_end + 1 < end and norm[run_end + 1].isdigit()


def _two_dots(norm: str, _c: int, run_end: int, end: int) -> bool:
    r"""Whether "." digits "." follow the digits (the start of (?:\.\d+){2,})."""
    j = run_end + 1
    while j < end and norm[j].isdigit():
        j += 1
    return j > run_end + 1 and j < end and norm[j] == "."


def _hex7(norm: str, c: int, _run_end: int, end: int) -> bool:
    """Whether seven characters of [0-9a-f] start at ``c``."""
    return c + 7 <= end and not norm[c : c + 7].strip("0123456789abcdef")


@dataclass(frozen=True)
class _SkipForm:
    """One form of a number that is not an amount, and what a number must have to be read as it:
    the lengths of its run of digits (12 stands for 12 or more), a test of the character before
    it, of the one before that, and of the character right after its digits ("" for none), and
    a test of the text around it, run last (before the pattern) for the forms the others leave."""

    group: str
    pattern: str
    lengths: range = range(1, 13)
    before: Callable[[str], bool] = _anything
    before2: Callable[[str], bool] = _anything
    after: Callable[[str], bool] = _anything
    near: _Near | None = None


_SHORT = range(1, 3)  # \d{1,2} followed by something that is not a digit
_YEAR = range(4, 5)  # (?:19|20)\d{2} followed by something that is not a digit
# Numbers that are not amounts, in order: the first form that matches decides. Matched at the
# first digit of a number only (lookbehinds see what precedes it), so never run over plain words.
# The tests of each form follow from its pattern: a run of digits longer than the digits a form
# takes before a character that is not a digit (\s, a separator, a letter, \b) cannot match it.
_SKIP_FORMS = (
    _SkipForm(
        "date",
        r"(?:19|20)\d{2}\s?[-/.]\s?\d{1,2}(?:\s?[-/.]\s?\d{1,2})?(?![\d])",
        _YEAR,
        after=_then("-/."),
        near=_next_is("-/.", year=True),
    ),
    _SkipForm(
        "date",
        r"(?:19|20)\d{2}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?",
        _YEAR,
        after=_then("年"),
        near=_next_is("年", year=True),
    ),
    _SkipForm("date", r"\d{1,2}\s?月\s?\d{1,2}\s?[日号]", _SHORT, after=_then("月"), near=_next_is("月")),
    _SkipForm("date", r"\d{1,2}\s?月(?!\s?份?\d)", _SHORT, after=_then("月"), near=_next_is("月")),
    _SkipForm("date", r"\d{1,2}\s?[日号](?![活均元本])", _SHORT, after=_then("日号"), near=_next_is("日号")),
    _SkipForm(
        "date",
        rf"(?<=\b{_MONTHS}\.?\s{{1,2}})\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}})?\b",
        _SHORT,
        before=_blank,
        before2=_month_end,
        after=lambda ch: ch in ("s", "n", "r", "t") or not _ascii_word(ch),  # st|nd|rd|th, or \b
        near=_month_before,
    ),
    _SkipForm(
        "date",
        rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b(?:,?\s+(?:19|20)\d{{2}})?",
        _SHORT,
        after=_then("snrt"),
        near=_month_after,
    ),
    _SkipForm(
        "date",
        rf"(?<=\b{_MONTHS}\.?,?\s{{1,2}})(?:19|20)\d{{2}}\b",
        _YEAR,
        before=_blank,
        before2=_month_end,
        after=_no_word_after,
        near=_month_before,
    ),
    _SkipForm("date", r"(?:19|20)\d{2}\s?年(?:代|度)?", _YEAR, after=_then("年"), near=_next_is("年", year=True)),
    _SkipForm("date", r"\d{1,2}/\d{1,2}/(?:19|20)?\d{2}(?!\d)", _SHORT, after=_then("/", blank=False)),
    _SkipForm(
        "time",
        r"(?<![:])\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?i:[ap]\.?m\.?))?(?![\d:])",
        _SHORT,
        after=_then(":", blank=False),
    ),
    _SkipForm("time", r"\d{1,2}\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)", _SHORT, after=_then("aApP"), near=_next_is("aApP")),
    _SkipForm(
        "time", r"\d{1,2}\s?[点时](?:\s?\d{1,2}\s?分|半|钟|整)", _SHORT, after=_then("点时"), near=_next_is("点时")
    ),
    _SkipForm("phone", r"0\d{2,3}-\d{7,8}(?![\d])", range(3, 5), after=_then("-", blank=False)),
    _SkipForm(
        "phone",
        r"(?<=\+)\d{1,3}[\s-]?\(?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d])",
        before=lambda ch: ch == "+",
    ),
    _SkipForm(
        "phone",
        r"(?<=\()\d{2,4}\)\s?\d{3,4}[\s-]\d{3,4}(?![\d])",
        range(2, 5),
        before=lambda ch: ch == "(",
        after=_then(")", blank=False),
    ),
    _SkipForm("phone", r"\d{2,4}[\s-]\d{3,4}[\s-]\d{4}(?![\d])", range(2, 5), after=_then("-"), near=_digit_after_next),
    _SkipForm("phone", r"1[3-9]\d{9}(?![\d])", range(11, 12)),
    _SkipForm("version", r"(?<![\w.])\d+(?:\.\d+){2,}(?![\d])", after=lambda ch: ch == ".", near=_two_dots),
    _SkipForm(
        "version",
        r"(?<=(?<![\w])[vV])\d+(?:\.\d+)*\b",
        before=lambda ch: ch in ("v", "V"),
        after=lambda ch: ch == "." or not _ascii_word(ch),
    ),
    # [0-9a-f]* from the digits reaches a letter a-f only right after them (ASCII digits)
    _SkipForm(
        "hash",
        r"(?<![\w])(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}(?![\w])",
        after=lambda ch: ch != "" and ch in "abcdef",
        near=_hex7,
    ),
    _SkipForm(
        "hash",
        r"(?<![\w,.])\d{9,}(?![\w,.])",
        range(9, 13),
        after=lambda ch: ch not in (",", ".") and not _ascii_word(ch),
    ),
    _SkipForm(
        "label",
        r"(?<=[A-Za-z]|[A-Za-z][-_])\d+(?:\.\d+)*(?:[-.][A-Za-z0-9]+)*",
        before=lambda ch: ch in ("-", "_") or (ch.isascii() and ch.isalpha()),
    ),
    _SkipForm(
        "label",
        rf"(?<![\w.,])\d+(?!{_UNIT_SUFFIX}(?![A-Za-z0-9]))[A-Za-z_][\w-]*",
        after=lambda ch: ch == "_" or (ch.isascii() and ch.isalpha()),
    ),
    _SkipForm("ordinal", r"\d+(?:st|nd|rd|th)\b", after=lambda ch: ch != "" and ch in "snrt"),
    _SkipForm(
        "ordinal",
        r"(?<=(?:第|No\.|№|\#)\s?)\d+",
        before=lambda ch: ch in ("第", ".", "№", "#") or ch.isspace(),
        near=_mark_before,
    ),
    _SkipForm(
        "ordinal",
        r"(?<=^[ \t>*|-]{0,8}\(?)\d{1,3}\s?[.、)）．:：](?!\d)",  # ^: at the start or after \n
        range(1, 4),
        before=lambda ch: ch == "" or ch in "\n \t>*|-(",
        after=_then(".、)）．:："),
        near=_next_is(".、)）．:："),
    ),
    _SkipForm(
        "ordinal",
        r"(?<=[（(]\s?)\d{1,2}\s?[)）]",
        _SHORT,
        before=lambda ch: ch in ("（", "(") or ch.isspace(),
        after=_then(")）"),
        near=_next_is(")）"),
    ),
)


def skip_alternation() -> regex.Pattern[str]:
    """All the forms as one alternation, each group holding its forms in order: what _skip_at
    stands for (compiled only when asked, by the tests that compare the two)."""
    return regex.compile(
        "|".join(
            f"(?P<{group}>{'|'.join(form.pattern for form in forms)})"
            for group, forms in groupby(_SKIP_FORMS, key=lambda form: form.group)
        ),
        regex.MULTILINE,
    )


# Each form alone in its group.
_SKIP_FORM_PATTERNS = tuple(regex.compile(f"(?P<{f.group}>{f.pattern})", regex.MULTILINE) for f in _SKIP_FORMS)


def _form_mask(test: Callable[[_SkipForm], bool]) -> int:
    return sum(1 << i for i, form in enumerate(_SKIP_FORMS) if test(form))


_LENGTH_MASKS = [_form_mask(lambda f, n=n: n in f.lengths) for n in range(13)]


def _before_mask(ch: str) -> int:
    return _form_mask(lambda f: f.before(ch))


def _before2_mask(ch: str) -> int:
    return _form_mask(lambda f: f.before2(ch))


def _after_mask(ch: str) -> int:
    return _form_mask(lambda f: f.after(ch))


class _Memo(dict[Any, Any]):
    """``compute(key)`` for each key asked, kept (a dict hit costs a fifth of an lru_cache call);
    emptied when it holds _MEMO_KEPT entries."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: Any) -> Any:
        if len(self) >= _MEMO_KEPT:
            self.clear()
        value = self[key] = self.compute(key)
        return value


_MEMO_KEPT = 4096
# The masks of the characters met so far, by test (a mask depends on its character only).
_BEFORE_MASKS = _Memo(_before_mask)
_BEFORE2_MASKS = _Memo(_before2_mask)
_AFTER_MASKS = _Memo(_after_mask)


def _skip_at(norm: str, c: int, run_end: int, end: int) -> regex.Match[str] | None:
    r"""``skip_alternation().match(norm, c, end)`` for a number whose digits (\d) run from ``c`` to ``run_end``.

    The regex engine spends on each form of the alternation about what a short search costs,
    and most forms cannot match a given number (four digits are no day of a month, "3、" no
    version): only the forms whose tests the number passes are tried, one by one in the same
    order, so the first that matches is the one the alternation takes (the forms share no
    group, and each is in its group of the alternation)."""
    end = min(end, len(norm))  # (as the pattern takes an end past the text)
    forms = (
        _LENGTH_MASKS[run_end - c if run_end - c < 12 else 12]
        & _BEFORE_MASKS[norm[c - 1] if c > 0 else ""]
        & _BEFORE2_MASKS[norm[c - 2] if c > 1 else ""]
        & _AFTER_MASKS[norm[run_end] if run_end < end else ""]
    )
    patterns = _PATTERNS_OF[forms]
    for pattern, near in patterns:
        if near is not None and not near(norm, c, run_end, end):
            continue
        m = pattern.match(norm, c, end)
        if m is not None:
            return m
    return None


def _patterns_of(forms: int) -> tuple[tuple[regex.Pattern[str], _Near | None], ...]:
    """The patterns of the forms in the bit set ``forms``, in order, each with its test of the text around."""
    return tuple((pattern, _SKIP_FORMS[i].near) for i, pattern in enumerate(_SKIP_FORM_PATTERNS) if forms >> i & 1)


_PATTERNS_OF = _Memo(_patterns_of)  # by set of forms


_CJK_RUN = "零〇一二两三四五六七八九十百千万亿几数多余来点"  # what a numeral's characters before its unit are
_CJK_UNIT_CHARS = (
    "个位名家款种类项条次场轮座台部本篇张件户辆架颗枚只份支套所间批行"
    "字页章节点步层人国城笔起例成年月天周岁小分秒美元欧英日港韩澳加卢块"
)
_CJK_UNIT_AHEAD = rf"(?=[{_CJK_RUN}]{{0,8}}?(?:分之|\s?(?:[万亿倍%]|百分点|[{_CJK_UNIT_CHARS}])))"
# The characters that may stand right after the first character of a _CJK_CAND_STD match, but for
# the blanks (\s): one of the numeral, 分 (of 分之), or one that starts a unit (the tests check).
_CJK_AHEAD_FIRST = frozenset(_CJK_RUN + "分万亿倍%百" + _CJK_UNIT_CHARS)
# Where a number may start: three cheap passes (digits, Chinese numerals before a unit, English
# number words), merged, instead of one slow alternation over every character.
_DIGITS = regex.compile(r"\d+")
# The same where the text holds no digit but 0-9: the engine tests [0-9] several times as fast as
# \d, which it looks up in the Unicode tables. Every other character regex's \d takes is a
# full-width digit or starts, in UTF-8, with one of _OTHER_DIGIT_LEADS (the tests check every
# code point), bytes that start no other character's UTF-8 (a continuation byte is 80-BF): found
# with memchr in the text's UTF-8, which takes less time than \d over the text.
_ASCII_DIGITS = regex.compile(r"[0-9]+")
_OTHER_DIGIT_LEADS = (b"\xd9", b"\xdb", b"\xdf", b"\xe0", b"\xe1", b"\xea", b"\xf0")
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"


def _may_hold_other_digits(text: str) -> bool:
    r"""Whether ``text`` may hold a digit (\d for regex) other than 0-9."""
    if text.isascii():
        return False
    if any(ch in text for ch in _FULL_WIDTH_DIGITS):
        return True
    utf8 = text.encode("utf-8", "surrogatepass")
    return any(lead in utf8 for lead in _OTHER_DIGIT_LEADS)


# Chinese numerals before a unit, as first written for the regex module (the tests compare the
# pattern scan runs with it).
CJK_CANDIDATE_REFERENCE = (
    rf"百分之|千分之|(?<![第之周初统唯期拜])[零〇一二两三四五六七八九十百千万亿几数]{_CJK_UNIT_AHEAD}"
)
# What scan runs (see _cjk_starts): the reference for the standard library's engine, led by the set of
# characters a match starts with (where the regex module tries the reference at every character),
# then 分之 after 百 or 千, or the lookbehind and the unit ahead. regex's \s is
# spelt out: the standard library's also takes \x1c-\x1f.
_CJK_FIRST = "零〇一二两三四五六七八九十百千万亿几数"  # the characters a match starts with
_CJK_CAND_STD = re.compile(
    f"[{_CJK_FIRST}](?:(?<=[百千])分之|(?<![第之周初统唯期拜].)"
    + _CJK_UNIT_AHEAD.replace(r"\s", r"[^\S\x1c-\x1f]")
    + ")"
)


def _cjk_starts(norm: str, start: int, end: int, *, lone_yi: bool = True) -> list[int]:
    """The starts of the _CJK_CAND_STD matches in ``norm[start:end]``, in order: what finditer finds
    (without ``lone_yi``, but those of a lone 一 before a Chinese character outside _YI_MAY_READ).

    The engine tests each character of the text against the class in turn, slower than str.find
    looks for each character of the class over the text: the pattern is tried only where one
    stands. Its matches overlap none of those places but their own (the only longer ones are 百分之
    and 千分之, and 分 and 之 are not in the class), so finditer finds a match at each of them.
    Where the character after is neither a blank nor in _CJK_AHEAD_FIRST (after 一, mostly), the
    unit ahead cannot match: the pattern is not tried."""
    end = min(end, len(norm))
    match = _CJK_CAND_STD.match
    found: list[int] = []
    for ch in _CJK_FIRST:
        yi = ch == "一" and not lone_yi
        at = norm.find(ch, start, end)
        while at >= 0:
            nxt = norm[at + 1] if at + 1 < end else ""
            if (
                (nxt in _CJK_AHEAD_FIRST or nxt.isspace())
                and not (yi and "\u4e00" <= nxt <= "\u9fff" and nxt not in _YI_MAY_READ)
                and match(norm, at, end)
            ):
                found.append(at)
            at = norm.find(ch, at + 1, end)
    found.sort()
    return found


# English number words, by first letter (either case): what follows it. "a", "one" and "half"
# count only before a scale word ("half a dozen", "one hundred"): ``scale`` is that lookahead.
_EN_SCALE_WORDS = r"\s+(?:a\s+)?(?:dozen|couple|pair|hundred|thousand|million|billion|trillion)"


def _en_word_rests(scale: str) -> dict[str, str]:
    return {
        "t": r"(?:wo|hree|en|welve|hirt(?:een|y)|wenty)",
        "f": r"(?:our(?:teen)?|ive|ifteen|ifty|orty)",
        "s": r"(?:ix(?:teen|ty)?|even(?:teen|ty)?)",
        "e": r"(?:ight(?:een|y)?|leven)",
        "n": r"(?:ine(?:teen|ty)?)",
        "h": rf"(?:undred|alf{scale})",
        "d": r"ozen",
        "c": r"ouple",
        "a": scale,
        "o": rf"ne{scale}",
    }


_EN_CAND = regex.compile(
    r"\b(?:"
    + "|".join(f"[{f.upper()}{f}]{rest}" for f, rest in _en_word_rests(rf"(?={_EN_SCALE_WORDS}\b)").items())
    + r")\b"
)


def _en_hint_pattern() -> re.Pattern[str]:
    """Where an _EN_CAND match may start, for the standard library's engine (twice as fast here).

    The same words, each branch led by its first letter so that the engine skips to those
    letters; \\b around a word becomes "no ASCII letter, digit or _" (all word characters for
    regex, so every _EN_CAND match is found, and a few more next to other letters: scan checks
    each start with _EN_CAND); the scale words' \\s is the standard library's, which takes every
    character regex's \\s takes."""
    rests = _en_word_rests(f"(?={_EN_SCALE_WORDS})")  # no \b: the engines' word characters differ
    branches = [f"{ch}(?<![A-Za-z0-9_]{ch}){rest}" for first, rest in rests.items() for ch in (first.upper(), first)]
    return re.compile(f"(?:{'|'.join(branches)})(?![A-Za-z0-9_])")


_EN_HINT = _en_hint_pattern()
# What scan runs instead of _EN_HINT.finditer, which tries the pattern at most letters of an English
# text: the places where an _EN_HINT match may start, found with bytes.find in the text with its
# ASCII letters lowered and each character outside Latin-1 as "?" (one byte for one character).
# Each number word _EN_HINT takes holds one of _EN_WORD_NEEDLES where it starts; "a" and "one" count
# only before a scale word, which holds one of _EN_SCALE_NEEDLES that many characters after its
# start (million, billion, trillion).
# (b"tw" stands for two, twelve and twenty; the scale words that are number words too, dozen,
# couple and hundred, are looked for once, as scale words.)
_EN_WORD_NEEDLES = (
    b"tw", b"three", b"ten", b"thirt", b"four", b"five", b"fift", b"forty", b"six", b"seven", b"eight", b"eleven",
    b"nine", b"half",
)  # fmt: skip
_EN_SCALE_NEEDLES = ((b"dozen", (0,)), (b"couple", (0,)), (b"pair", (0,)), (b"hundred", (0,)), (b"thousand", (0,)),
                     (b"illion", (1, 2)))  # fmt: skip
_EN_SCALE_NUMBER_WORDS = frozenset([b"dozen", b"couple", b"hundred"])
_ASCII_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _en_starts(norm: str, start: int, end: int) -> list[int]:
    """The starts of the _EN_CAND matches in ``norm[start:end]`` that _EN_HINT finds, in order."""
    low = norm[start:end].encode("latin-1", "replace").lower()  # low[i] is norm[start + i]
    found: set[int] = set()
    for needle in _EN_WORD_NEEDLES:
        at = low.find(needle)
        while at >= 0:
            found.add(start + at)
            at = low.find(needle, at + 1)
    for needle, backs in _EN_SCALE_NEEDLES:
        word = needle in _EN_SCALE_NUMBER_WORDS
        at = low.find(needle)
        while at >= 0:
            if word:
                found.add(start + at)
            for back in backs:
                _add_before_scale(norm, start, start + at - back, found)
            at = low.find(needle, at + 1)
    starts: list[int] = []
    for p in sorted(found):
        # (_EN_HINT needs no ASCII word character before: most places found inside a word end there)
        if (
            start <= p
            and (p == start or low[p - start - 1] not in _ASCII_WORD_BYTES)
            and _EN_HINT.match(norm, p, end)
            and _EN_CAND.match(norm, p, end)
        ):
            starts.append(p)
    return starts


def _add_before_scale(norm: str, start: int, scale: int, found: set[int]) -> None:
    r"""Add where "a" or "one" may start before a scale word at ``scale``: before the blanks that
    precede it (\s+, which str.isspace stands for), or before "a" and the blanks before those."""
    j = scale
    while j > start and norm[j - 1].isspace():
        j -= 1
    if j == scale:
        return
    found.update((j - 1, j - 3))
    if j - 2 > start and norm[j - 1] == "a" and norm[j - 2].isspace():
        k = j - 1
        while k > start and norm[k - 1].isspace():
            k -= 1
        found.update((k - 1, k - 3))


# A lone 一 is an amount only before 倍, a currency or a percentage sign; before any other unit or
# classifier _read skips it as a word ("一个", "一种", "一次": most Chinese candidates). 一 followed by
# a Chinese character outside this set is exactly that case: the character neither continues the
# numeral (CJK_NUMBER: digits, units, 点, the vague suffixes, 分之) nor starts an English scale, nor a
# multiple or currency unit (_UNIT: 倍, 元…, 美元, 人民币, 欧元 …), so scan skips it without reading it.
_YI_MAY_READ = frozenset(CJK_NUMERAL_CHARS + "点多余餘来來几幾分" + "倍元美人欧英日港韩澳加新卢块")
_CUR_LAST = frozenset("$¥€£₹₩DBYRP-")  # the last character of a currency prefix, or a minus sign
_CUR_BEFORE = regex.compile(rf"(?:{_CUR_PREFIX})\s?-?$|-$")


# A capitalised word before a bare number makes it a label, version or section (Python 3.11,
# GPT 4, Figure 2, Section 3) unless the word is an ordinary one.
_CAP_OK = COMMON_CAPITALISED | frozenset(
    [
        "Another",
        "Approximately",
        "Between",
        "Down",
        "Estimated",
        "Exactly",
        "Fewer",
        "Minus",
        "Past",
        "Plus",
        "Roughly",
        "Top",
        "Up",
    ]
)
_CJK_BAD_BEFORE = re.compile(r"(?:第|之|周|星期|礼拜|初|统|唯|万|千|百)$")


class Mention(NamedTuple):
    """One quantity of the text."""

    start: int  # offsets into the text: the whole mention, bounds and unit included
    end: int
    number_start: int  # the number (with its currency sign and scale)
    number_end: int
    text: str
    quantity: Quantity
    kind: str  # currency | percent | pp | multiple | count | unit | number
    noun: str = ""  # the counted noun: "models", "开发者"
    bound: str = ""  # about | nearly | over | atleast | under | upto | range | many | ""
    lead: str = ""  # "from" / "between" when the number follows one of those words

    @property
    def value(self) -> Decimal | None:
        return self.quantity.value

    @property
    def dimension(self) -> str:
        """What the number measures, for comparisons: an ISO code, %, pp, x, a unit or "count"."""
        q = self.quantity
        if self.kind in ("currency", "percent", "pp", "multiple", "unit"):
            return q.unit + ("/" + q.per if q.per else "")
        noun = ":" + q.unit if q.unit else ""
        return "count" + noun + ("/" + q.per if q.per else "")


class Skipped(NamedTuple):
    """A number that is not a quantity, and why."""

    start: int
    end: int
    kind: str  # date | time | phone | version | label | ordinal | hash | year | word


# -- scanning ------------------------------------------------------------------------------------


def extract(text: str, start: int = 0, end: int | None = None, *, norm: str | None = None) -> list[Mention]:
    """The quantities of ``text[start:end]`` (offsets into ``text``).

    ``norm`` is ``normalize(text)`` when the caller already has it (scanning sentence by
    sentence, normalise the document once).
    """
    end = len(text) if end is None else end
    return _scan(text, start, end, normalize(text) if norm is None else norm, None)


def scan(
    text: str, start: int = 0, end: int | None = None, *, norm: str | None = None
) -> tuple[list[Mention], list[Skipped]]:
    """The quantities of ``text[start:end]`` and the numbers skipped as non-quantities."""
    end = len(text) if end is None else end
    skips: list[Skipped] = []
    mentions = _scan(text, start, end, normalize(text) if norm is None else norm, skips)
    return mentions, skips


def _scan(text: str, start: int, end: int, norm: str, skips: list[Skipped] | None) -> list[Mention]:
    """The quantities of ``text[start:end]``; the numbers skipped go to ``skips`` unless it is
    ``None`` (extract does not keep them: most numbers read are skipped, dates and list markers)."""
    mentions: list[Mention] = []
    digits = _DIGITS if _may_hold_other_digits(norm[start:end]) else _ASCII_DIGITS
    digit_starts = {m.start(): m.end() for m in digits.finditer(norm, start, end)}  # run start → end
    # (The three kinds start with different characters: no place is found twice.)
    # (Without skips, a lone 一 before most Chinese characters is no candidate: scan only skips it.)
    candidates = [*digit_starts, *_cjk_starts(norm, start, end, lone_yi=skips is not None)]
    candidates += _en_starts(norm, start, end)
    candidates.sort()
    pos = start
    for c in candidates:
        if c < pos:
            continue
        if c in digit_starts:
            if c > start and norm[c - 1] in ".,":
                continue  # the decimals of a number already read or skipped
            sk = _skip_at(norm, c, digit_starts[c], end) if _may_skip(norm, c, start, end) else None
            if sk is not None:
                if skips is not None:
                    skips.append(Skipped(sk.start(), sk.end(), sk.lastgroup or "label"))
                pos = sk.end()
                continue
            num_start = _currency_start(norm, c, start, pos)
            run_end = digit_starts[c]
            if num_start == c and _digits_only(norm, run_end, end):
                # (what _NUMBER_DIGITS matches there: the digits, without currency, sign or scale)
                num_end = run_end
                mention, skip = _read_number(
                    norm, text, start, end, c, after_start=run_end, cur=None, sign=False, num_s=c, num_e=run_end,
                    scale_text=None,
                )  # fmt: skip
            else:
                m = _NUMBER_DIGITS.match(norm, num_start, end)
                if m is None:
                    continue
                num_end = m.end()
                mention, skip = _read(norm, text, m, start, end)
        elif (
            norm[c] == "一" and c + 1 < end and "\u4e00" <= norm[c + 1] <= "\u9fff" and norm[c + 1] not in _YI_MAY_READ
        ):
            if skips is not None:
                skips.append(Skipped(c, c + 1, "word"))  # what _read decides (see _YI_MAY_READ)
            pos = c + 1
            continue
        else:
            m = _NUMBER.match(norm, c, end)
            if m is None:
                continue
            num_end = m.end()
            mention, skip = _read(norm, text, m, start, end)
        if mention is not None:
            mentions.append(mention)
            pos = mention.end
        else:
            pos = num_end
            if skip is not None and skips is not None:
                skips.append(skip)
    return _merge_between(norm, mentions)


# What may follow a number's digits in _NUMBER_DIGITS's group num (CJK_NUMBER: separators, decimals,
# Chinese units, vague suffixes, 分之) or start its group scale (_EN_SCALE: thousand, million, billion,
# trillion in either case, bn, mn, mln, tn, k, K, M, B, T). The tests check _digits_only after every
# character, and that no character outside ASCII is t, m or b to the engine when it ignores case.
_DIGITS_GO_ON = frozenset(",，.．多余餘来來几幾分" + CJK_NUMERAL_CHARS + "bmtBMTkK")
_AFTER_BLANK_GO_ON = frozenset(CJK_NUMERAL_CHARS + "bmtBMT")  # after one blank: Chinese units, scale words


def _digits_only(norm: str, run_end: int, end: int) -> bool:
    """Whether _NUMBER_DIGITS, matched at the first of the digits that end at ``run_end``, takes
    these digits only (no currency or sign before them, which the caller checks, and nothing after)."""
    if run_end >= end:
        return True
    ch = norm[run_end]
    if ch in _DIGITS_GO_ON:
        return False
    if ch.isspace():
        return run_end + 1 >= end or norm[run_end + 1] not in _AFTER_BLANK_GO_ON
    return True


def _currency_start(norm: str, c: int, lo: int, pos: int) -> int:
    """Where the number whose digits start at ``c`` starts: at its currency sign or minus sign
    if one stands right before (not before ``pos``, the end of what was read last)."""
    if c > lo:
        prev = norm[c - 1]
        if prev == " " and c - 2 >= lo:
            prev = norm[c - 2]
        if prev in _CUR_LAST:
            before = _CUR_BEFORE.search(norm, max(pos, c - 6), c)
            if before is not None:
                return before.start()
    return c


def _scale_of(scale: str | None) -> str:
    return (scale or "").strip()


def _value(num: str, scale: str) -> tuple[Decimal, Decimal | None, bool, bool, bool] | None:
    """low, high, approximate, percent, fraction of a number with its English scale."""
    parsed = parse_number(num.replace(",", "") if "," in num and "," in num.strip(",") else num)
    if parsed is None:
        return None
    low, high = parsed.low, parsed.high
    if scale:
        factor = parse_number("1" + scale.strip()) if scale.strip()[0].isalpha() else None
        if factor is None or factor.high is None:
            return None
        low = low * factor.low
        high = None if high is None else high * factor.low
    return low, high, parsed.approximate, parsed.percent, parsed.fraction


def _read(norm: str, text: str, m: regex.Match[str], lo: int, hi: int) -> tuple[Mention | None, Skipped | None]:
    """The mention of the number ``m`` (a match of _NUMBER or _NUMBER_DIGITS), or why it is none."""
    return _read_number(
        norm, text, lo, hi, m.start(), after_start=m.end(), cur=m[_N_CUR], sign=m[_N_SIGN] is not None,
        num_s=m.start(_N_NUM), num_e=m.end(_N_NUM), scale_text=m[_N_SCALE],
    )  # fmt: skip


def _read_number(
    norm: str,
    text: str,
    lo: int,
    hi: int,
    m_start: int,
    *,
    after_start: int,
    cur: str | None,
    sign: bool,
    num_s: int,
    num_e: int,
    scale_text: str | None,
) -> tuple[Mention | None, Skipped | None]:
    """What _read reads, from the parts of the match: its span, its groups cur and scale, whether
    it has the group sign, and the span of its group num."""
    num = norm[num_s:num_e]
    scale = _scale_of(scale_text)
    first = num[0]
    is_word = first.isascii() and first.isalpha()
    has_digit = first.isdigit() or any(ch.isdigit() for ch in num)
    # The unit right after the number, which most of the tests below look at.
    unit_first = _unit_at(norm, after_start, hi)

    # Chinese numerals without digits: only before a scale, unit, classifier or currency.
    if not has_digit and not is_word:
        if _CJK_BAD_BEFORE.search(norm[max(lo, m_start - 12) : m_start]) or num in ("分之", "零", "〇"):
            return None, Skipped(num_s, num_e, "word")
        if "分之" not in num:
            nxt = unit_first
            big = "万" in num or "亿" in num
            if (
                nxt is None
                or not (nxt[_U_PCT] or nxt[_U_PP] or nxt[_U_MULT] or nxt[_U_CUR] or nxt[_U_SIZE] or nxt[_U_CLF])
            ) and not big:
                return None, Skipped(num_s, num_e, "word")
            if num == "一" and not (nxt and (nxt[_U_MULT] or nxt[_U_CUR] or nxt[_U_PCT])):
                return None, Skipped(num_s, num_e, "word")
    if is_word:
        low_num = num.lower().strip()
        if low_num in ("one", "a", "zero") and not scale:
            return None, Skipped(num_s, num_e, "word")
    if has_digit and not cur and not scale:
        # a label or version right before: "Python 3.11", "GPT 4 Turbo", "Figure 2"
        cap = _word_before(norm, m_start, lo)
        # (cap is ASCII letters only: not islower() means one of them is upper case)
        if cap and not cap.islower() and cap not in _CAP_OK:
            unit_probe = unit_first
            if not (
                unit_probe and (unit_probe[_U_PCT] or unit_probe[_U_CUR] or unit_probe[_U_MULT] or unit_probe[_U_PP])
            ):
                return None, Skipped(num_s, num_e, "label")
        if not sign and num_s > lo and norm[num_s - 1] == "-" and num_s - 2 >= lo and norm[num_s - 2].isalpha():
            return None, Skipped(num_s, num_e, "label")

    parsed = _value(num, scale)
    if parsed is None:
        return None, None
    low, high, approximate, is_pct, _is_fraction = parsed
    if sign:
        low, high = -low, (None if high is None else -high)

    # range: "7500 亿至 8300 亿", "$50-60B", "250-600%"
    bound = "many" if approximate else ""
    end_pos = after_start
    left = _left_cue(norm, m_start, lo)
    lead = ""
    if left is not None:
        lead = "from" if left[0] == "from" else ("between" if left[0] == "between" else "")
    has_own_unit = bool(
        unit_first and (unit_first[_U_PCT] or unit_first[_U_PP] or unit_first[_U_CUR] or unit_first[_U_MULT])
    )
    rng = None
    if not has_own_unit and high is not None and lead != "from":
        rng = _RANGE_TAIL.match(norm, end_pos, hi) if _next_in(norm, end_pos, hi, _RANGE_FIRST) else None
        if rng is not None and (
            (rng[_R_SEP] in ("到", "to") and lead != "between")
            or (rng[_R_SEP] == "-" and (not has_digit or not any(ch.isdigit() for ch in rng[_R_NUM])))
        ):
            rng = None
    second_cur = None
    if rng is not None:
        scale2 = _scale_of(rng[_R_SCALE])
        parsed2 = _value(rng[_R_NUM], scale2)
        if parsed2 is not None:
            low2, high2 = parsed2[0], parsed2[1]
            if not scale and scale2 and not any(ch in "万亿千百" for ch in num):
                # "$50-60B": the second number's scale applies to the first
                rescaled = _value(num, scale2)
                if rescaled is not None:
                    low = rescaled[0]
            elif not ("万" in num or "亿" in num) and ("万" in rng[_R_NUM] or "亿" in rng[_R_NUM]) and has_digit:
                rescaled = parse_number(num + _LEADING_DIGITS.sub("", rng[_R_NUM]))
                if rescaled is not None:
                    low = rescaled.low
            if high2 is not None and low2 is not None and low2 > low:
                high = high2
                bound = "range"
                end_pos = rng.end()
                second_cur = rng[_R_CUR]
                if _is_year_range(num, rng[_R_NUM]):
                    return None, Skipped(m_start, rng.end(), "date")
    if has_digit and not cur and not scale and bound != "range" and _is_bare_year(num):
        unit_probe = unit_first  # (end_pos is after_start: no range)
        if not (unit_probe and (unit_probe[_U_PCT] or unit_probe[_U_CUR] or unit_probe[_U_MULT] or unit_probe[_U_CLF])):
            return None, Skipped(num_s, num_e, "year")

    unit_m = unit_first if end_pos == after_start else _unit_at(norm, end_pos, hi)
    kind, unit, noun = "number", "", ""
    plus = False
    if unit_m is not None and unit_m.end() > end_pos:
        plus = bool(unit_m[_U_PLUS])
        if unit_m[_U_PCT]:
            kind, unit = "percent", "%"
        elif unit_m[_U_PP]:
            kind, unit = "pp", "pp" if "basis" not in unit_m[_U_PP] and "bp" not in unit_m[_U_PP] else "bp"
        elif unit_m[_U_MULT]:
            kind, unit = "multiple", "x"
        elif unit_m[_U_CUR]:
            kind, unit = "currency", _CURRENCY_SUFFIX_CODES.get(unit_m[_U_CUR].lower(), "CNY")
        elif unit_m[_U_SIZE]:
            kind, unit = "unit", _canon_unit(unit_m[_U_SIZE])
        elif unit_m[_U_CLF]:
            kind = "count"
            noun_m = _zh_noun(norm, unit_m.end(), hi)
            noun = noun_m or unit_m[_U_CLF]
        if kind != "number" or plus:
            end_pos = unit_m.end() if kind != "number" else end_pos + (1 if plus else 0)
    if is_pct:
        kind, unit = "percent", "%"
    if cur:
        key = cur.replace(" ", "")
        code = _CURRENCY_PREFIX_CODES.get(key) or _CURRENCY_PREFIX_CODES.get(key.rstrip("$"), "USD")
        if kind in ("number", "count", "unit") or kind == "currency":
            kind, unit = "currency", code
    elif second_cur and kind == "number":
        kind, unit = "currency", _CURRENCY_PREFIX_CODES.get(second_cur.strip(), "USD")
    if kind == "number":
        noun = _en_noun(norm, end_pos, hi) if (has_digit or is_word) else ""
        if not noun:
            both = num + (rng[_R_NUM] if rng else "")
            noun = _zh_noun(norm, end_pos, hi) if ("万" in both or "亿" in both) else ""
        if noun:
            kind = "count"
        elif is_word and not scale:
            return None, Skipped(num_s, num_e, "word")
    per = ""
    per_m = _PER.match(norm, end_pos, hi) if _next_in(norm, end_pos, hi, _PER_FIRST) else None
    if per_m is not None and kind in ("currency", "count", "unit", "number"):
        per = _PER_CANON.get(per_m[1].lower(), per_m[1].lower())  # the group "per"
        end_pos = per_m.end()

    # bounds
    approx = approximate
    if plus:
        bound = "over"
    right = _RIGHT_APPROX.match(norm, end_pos, hi) if _next_in(norm, end_pos, hi, _RIGHT_FIRST) else None
    if left is not None and bound != "range" and not lead:
        bound = left[0]
    if right is not None and bound in ("", "many"):
        w = right[1].lower()  # the group "w"
        bound = _RIGHT_BOUNDS.get(w, bound)
        end_pos = right.end()
    if bound in ("about", "nearly"):
        approx = True
    q_low: Decimal | None = low
    q_high: Decimal | None = high
    if bound == "about":
        q_low, q_high = low * (1 - APPROX), (high if high is not None else low) * (1 + APPROX)
    elif bound == "nearly":
        q_low, q_high = low * (1 - APPROX), high
    elif bound in ("over", "atleast"):
        q_high = None
    elif bound in ("under", "upto"):
        q_low = None
    start_pos = m_start
    if left is not None and not lead and bound not in ("", "many", "range"):
        start_pos = left[1]
    quantity = Quantity(
        low=_tidy(q_low), high=_tidy(q_high), unit=unit or _canon_noun(noun), approximate=approx, per=per
    )
    mention = Mention(
        start=start_pos,
        end=end_pos,
        number_start=m_start,
        number_end=rng.end() if bound == "range" and rng is not None else after_start,
        text=text[start_pos:end_pos],
        quantity=quantity,
        kind=kind,
        noun=noun,
        bound=bound,
        lead=lead,
    )
    return mention, None


def _unit_at(norm: str, pos: int, hi: int) -> re.Match[str] | regex.Match[str] | None:
    """_UNIT at ``pos``, tried only when the first character after a space or plus may start a unit."""
    probe = pos
    while probe < hi and probe < pos + 2 and norm[probe] in " +":
        probe += 1
    ch = norm[probe] if probe < hi else ""
    if ch in _UNIT_STD_FIRST:
        return _UNIT_STD.match(norm, pos, hi)
    return _UNIT.match(norm, pos, hi) if ch and (ch in _UNIT_FIRST or (ch.isascii() and ch.isalpha())) else None


_LEFT_CUES: dict[str, str] = {
    cue: group
    for group, cues in (
        ("about", "约|约为|大约|大概|将近|约莫|估计|about|around|approximately|approx.|approx|roughly|some|an estimated"
                  "|estimated|circa|ca.|~|≈"),
        ("nearly", "近|接近|逼近|nearly|almost|close to|just under|just shy of"),
        ("over", "超过|超|逾|多于|高于|大于|突破|over|more than|above|upwards of|in excess of|exceeding|north of|>"),
        ("atleast", "至少|最少|最低|不少于|不低于|起码|at least|no less than|a minimum of|≥"),
        ("under", "不到|不足|少于|低于|小于|less than|fewer than|under|below|<"),
        ("upto", "最多|至多|多达|高达|up to|as much as|as many as|as high as|at most|a maximum of|≤"),
        ("between", "between|介于"),
        ("from", "从|由|from"),
    )
    for cue in cues.split("|")
}  # fmt: skip
_LEFT_ORDER = sorted(_LEFT_CUES, key=len, reverse=True)
# The cues by their last character, each group in _LEFT_ORDER's order: a text can end only with
# the cues that end with its last character.
_LEFT_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(cue for cue in _LEFT_ORDER if cue[-1] == last) for last in {cue[-1] for cue in _LEFT_ORDER}
}
# What a number with a cue before it follows at once: the blank or 了 after the cue, or the cue's
# last character in either case (the only characters that lower to one; checked over every code point).
_LEFT_LAST = frozenset(cue[-1] for cue in _LEFT_CUES)
_CUE_END = _LEFT_LAST | {ch.upper() for ch in _LEFT_LAST} | {" ", "了"}


def _left_cue(norm: str, pos: int, lo: int) -> tuple[str, int] | None:
    """The approximation or bound word right before ``pos`` (约, more than …) and where it starts."""
    if pos <= lo:
        return None
    last = norm[pos - 1]
    if last == " " and pos - 2 >= lo:
        last = norm[pos - 2]  # the character before the usual one blank
    if last not in _CUE_END:
        return None  # most numbers: no cue can end right before
    window = norm[max(lo, pos - 24) : pos]
    tail = window.rstrip(" ")
    if tail.endswith("了"):
        tail = tail[:-1].rstrip(" ")
    if not tail:
        return None
    low = tail.lower()
    if len(low) != len(tail):
        low = tail.translate(_LOWER)
    cues = _LEFT_BY_LAST.get(low[-1])
    if cues is None or not low.endswith(cues):
        return None
    for cue in cues:
        if low.endswith(cue):
            begin = len(low) - len(cue)
            if cue[0].isascii() and cue[0].isalpha() and begin > 0 and low[begin - 1].isalnum():
                continue  # "tomorrow" does not end with the word "or"
            return _LEFT_CUES[cue], max(lo, pos - 24) + begin
    return None


def _word_before(norm: str, pos: int, lo: int) -> str:
    """The ASCII word separated from ``pos`` by one space ("Python" in "Python 3.11")."""
    if pos - 2 < lo or norm[pos - 1] != " " or not norm[pos - 2].isascii() or not norm[pos - 2].isalpha():
        return ""
    j = pos - 2
    while j > lo and j > pos - 30 and norm[j - 1].isascii() and norm[j - 1].isalpha():
        j -= 1
    return norm[j : pos - 1]


_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})


_UNIT_FIRST = frozenset(
    "%‰×-个百倍元美人欧英日港韩澳加新卢块小分秒天周年岁公千米吨平亩瓦度位名家款种类项条次场轮座台部本篇张件户辆架颗枚只份支套所间批行"
    "字页章节点步层国城笔起例成"
)
_UNIT_STD_FIRST = _UNIT_FIRST - {"-"}  # where _unit_at runs _UNIT_STD: no ASCII letter, and not the "-" of -fold
_SKIP_NEXT = frozenset("年月日号:/-.点时)）、．：_")
_SKIP_PREV = frozenset("-_(（#№+第vV")


def _may_skip(norm: str, pos: int, lo: int, hi: int) -> bool:
    """Whether a number at ``pos`` may be a date, time, label, phone number … (cheap test first)."""
    end = pos
    while end < hi and norm[end].isdigit():
        end += 1
    if end - pos >= 7:
        return True
    prev = norm[pos - 1] if pos > lo else "\n"
    if prev in _SKIP_PREV or prev == "\n" or (prev.isascii() and prev.isalpha()):
        return True
    if prev in " \t>*|":
        window = max(lo, pos - 10)
        newline = norm.rfind("\n", window, pos)
        line_start = newline + 1 if newline >= 0 else (lo if window == lo else -1)
        if line_start >= 0 and not norm[line_start:pos].strip(" \t>*|-("):
            return True
        prev2 = norm[pos - 2] if pos - 2 >= lo else ""
        if prev2 and ((prev2.isascii() and prev2.isalpha()) or prev2 in _SKIP_PREV or prev2 == "."):
            return True
    nxt = norm[end] if end < hi else ""
    if not nxt:
        return False
    if nxt in _SKIP_NEXT or (nxt.isascii() and nxt.isalpha()):
        return True
    if nxt == " " and end + 1 < hi:
        nxt2 = norm[end + 1]
        return (nxt2.isascii() and nxt2.isalnum()) or nxt2 in _SKIP_NEXT
    if nxt == ",":
        return end + 1 < hi and norm[end + 1] == " "
    return False


_RANGE_FIRST = frozenset("-–—~至到tT")
_RIGHT_FIRST = frozenset("左上以之oOpP")
_PER_FIRST = frozenset("/每pPaA月年天日周小人次用席t千百")


def _next_in(norm: str, pos: int, hi: int, first: frozenset[str]) -> bool:
    """Whether the first non-space character at ``pos`` may start the pattern tried next."""
    if pos < hi and norm[pos] == " ":
        pos += 1
    return pos < hi and norm[pos] in first


_RIGHT_BOUNDS = {
    "左右": "about", "上下": "about", "or so": "about", "以上": "atleast", "or more": "atleast", "plus": "atleast",
    "以下": "upto", "以内": "upto", "or less": "upto", "之多": "upto",
}  # fmt: skip


def _tidy(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _is_bare_year(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2099


def _is_year_range(a: str, b: str) -> bool:
    return _is_bare_year(a) and (_is_bare_year(b) or (len(b) == 2 and b.isdigit()))


_UNIT_CANON = {
    "gigabyte": "GB", "gigabytes": "GB", "megabyte": "MB", "megabytes": "MB", "terabyte": "TB", "terabytes": "TB",
    "second": "second", "seconds": "second", "秒": "second", "秒钟": "second",
    "minute": "minute", "minutes": "minute", "分钟": "minute",
    "hour": "hour", "hours": "hour", "小时": "hour",
    "day": "day", "days": "day", "天": "day",
    "week": "week", "weeks": "week", "周": "week",
    "month": "month", "months": "month", "个月": "month",
    "year": "year", "years": "year", "年": "year", "岁": "year-of-age",
    "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km", "公里": "km", "千米": "km",
    "meter": "m", "meters": "m", "metre": "m", "metres": "m", "米": "m",
    "mile": "mile", "miles": "mile", "公斤": "kg", "千克": "kg", "吨": "t",
}  # fmt: skip


def _canon_unit(unit: str) -> str:
    return _UNIT_CANON.get(unit.lower(), _UNIT_CANON.get(unit, unit))


def _canon_noun(noun: str) -> str:
    if not noun:
        return ""
    if noun.isascii():
        low = noun.lower()
        if low.endswith("ies") and len(low) > 4:
            return low[:-3] + "y"
        if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            return low[:-1]
        return low
    return noun


def _en_noun(norm: str, pos: int, hi: int) -> str:
    m = _EN_NOUN.match(norm, pos, min(hi, pos + 80))
    if m is None:
        return ""
    words = m[1].split()  # the group "words"
    for w in words:
        lw = w.lower()
        if lw in _EN_STOP:
            return ""
        if (lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 2) or lw in _EN_PLURALS:
            return w
        if lw.endswith(("ly", "ed", "ing")):
            return ""
    return ""


def _zh_noun(norm: str, pos: int, hi: int) -> str:
    m = _ZH_NOUN.match(norm, pos, min(hi, pos + 8))
    if m is None:
        return ""
    noun = m[1]  # the group "noun"
    if noun.startswith(("左右", "上下", "以上", "以下", "以内", "之多", "多")):
        return ""
    stop = _ZH_NOUN_STOP.search(noun)
    if stop is not None:
        noun = noun[: stop.start()]
    return noun[:4] if not noun.isascii() else ""


_BETWEEN_AND = regex.compile(r"\s?(?:and|与|和|至|到)\s?")  # what joins "between 5 and 10"


def _merge_between(norm: str, mentions: list[Mention]) -> list[Mention]:
    """ "between 5 and 10 users": one range instead of two numbers."""
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if a.lead == "between" and i + 1 < len(mentions):
            b = mentions[i + 1]
            gap = norm[a.end : b.start]
            if _BETWEEN_AND.fullmatch(gap) and a.quantity.low is not None and b.quantity.high:
                unit = b.quantity.unit or a.quantity.unit
                q = Quantity(a.quantity.low, b.quantity.high, unit, a.quantity.approximate, b.quantity.per)
                kind = b.kind if a.kind in ("number", b.kind) else a.kind
                out.append(
                    Mention(
                        a.start,
                        b.end,
                        a.number_start,
                        b.number_end,
                        a.text + gap + b.text,
                        q,
                        kind,
                        b.noun or a.noun,
                        "range",
                        "between",
                    )
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out
