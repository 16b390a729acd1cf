"""Date extraction: every date and date range of a document's prose, with its exact span.

Some fifteen precompiled patterns, one per family of forms and each starting with a literal or
a small character class, scan ``Document.prose`` once each and find the common forms in Chinese
and English (numeric dates with times and zones, ``07/31/2024``, ``2026年1月12日``,
``1 月 27 日``, ``June 25, 2026``, ``25 June 2026``, ``October 2024``, ``late 2026``,
``Q3 FY2026``, ``in 2019``, relative words such as 去年 / last year, weekdays next to a date or
on their own such as 上周二 / last Friday, and times with no date such as 北京时间 00:30 or
10am PT). Each mention gets a normalised value (its first and last day), a precision (day,
month, quarter, year; "time" for a time with no date) and, when the text gives no year, the
year that puts it closest before the article's publication date (after it when the sentence
speaks of the future, in the week named when a weekday says 本周 / 下周).

``dateparser`` is used only to normalise a rare candidate span that a pattern found (such as
``5-Mar-16``), with strict settings and memoised; it never searches free text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
import yaml

from factlint.metadata import resolve

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from factlint.document import Document

DATA_DIR = Path(__file__).resolve().parent / "data"

# -- vocabulary ------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

EN_WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    EN_WEEKDAYS[_name.lower()] = _i
    EN_WEEKDAYS[_name[:3].lower()] = _i
EN_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
ZH_WEEKDAY_CHARS = "一二三四五六日"
ZH_MONTH_NUMERALS = {name: i for i, name in enumerate("一二三四五六七八九十", 1)} | {"十一": 11, "十二": 12}
ZH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# A month name: full, or an abbreviation (optionally with a dot). "May" only in full.
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)(?![a-z])"
_EN_WD = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Weds|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)"
)
_ZH_WD = r"(?:星期|礼拜|周)[一二三四五六日天]"
ORD = r"(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]|20)\d{2}"

# A time (and zone) right after a date: "2024-02-16 11:30:00", "00:30", "10am PT", "北京时间 00:30".
_TIME_AFTER = regex.compile(
    r"""
    (?:[T\s]|,\s*|\s+at\s+)?\s*(?:(?P<zpre>北京时间|UTC|GMT)\s*)?
    (?:
        (?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?(?:\s*(?P<ap>[ap]\.?m\.?))?
      | (?P<h2>\d{1,2})\s*(?P<ap2>[ap]\.?m\.?)
    )
    (?:\s*(?P<tz>Z(?![A-Za-z])|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}
       |[PMCE][SD]?T(?![A-Za-z])|BST|CET|CEST|JST|KST|HKT|SGT|IST))?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# Before a date: "Tuesday, March 5", "礼拜二, 2026年2月3日", "周二（2月3日）".
_WD_BEFORE = regex.compile(
    rf"(?P<wq>本|这|上个?|下个?|(?:[Tt]his|[Ll]ast|[Nn]ext)\s+)?(?P<wd>{_EN_WD}|{_ZH_WD})\.?\s*[,，]?\s*[（(]?\s*$"
)
# A match's groups are fetched by number (see ``_groups``): the numbers of these patterns' groups.
_TIME_GROUPS = tuple(_TIME_AFTER.groupindex[name] for name in ("h", "h2", "mi", "s", "ap", "ap2", "tz", "zpre"))
_WD_BEFORE_GROUPS = (_WD_BEFORE.groupindex["wq"], _WD_BEFORE.groupindex["wd"])
_EN_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# After a date: a Chinese weekday (2月3日 周三, 2026年2月3日（星期三）), an English one in brackets
# (2016-12-29 (Friday), Sep 20 (Sat)) or a full English name after a comma. Not the first
# of a weekday range ("Sep 18 - Sep 20 (Thu - Sat)").
_WD_AFTER = regex.compile(
    rf"""(?:\s*[,，]?\s*[（(]?\s*(?P<wq>本|这|上个?|下个?)?(?P<wd>{_ZH_WD})
      | \s*[（(]\s*(?P<wd>{_EN_WD})\.?\s*[）)]
      | \s*,\s*(?P<wd>{_EN_WD_FULL})(?![A-Za-z]))(?!\s*[-–—~～至到])""",
    regex.VERBOSE,
)
_WD_AFTER_GROUPS = (_WD_AFTER.groupindex["wq"], _WD_AFTER.groupindex["wd"])
# A range mark (and blanks) right before a weekday: "周一至周五" names no date's weekday.
_RANGE_BEFORE = regex.compile(r"[-–—~～至到]\s*$")

# A time zone written after a time with no date: UTC+8, GMT, PT / PST / EDT, BST … (not a bare
# offset: "9:30-12:30" is a range of times)
_ZONE = (
    r"(?:(?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?"
    r"|(?:[PMCE][SD]?T|BST|CET|CEST|JST|KST|HKT|SGT|IST)(?![A-Za-z]))"
)

# The forms, one pattern each, in order of priority. Each starts with a literal or a small
# character class so the engine can skip ahead quickly; one big alternation is many times slower.
_ZH_RELATIVE_WORDS = "今年|去年|明年|前年|后年|上个?月|本月|这个月|下个?月|本周|这周|上周|下周|今天|昨天|明天|前天|后天"
_PREPOSITION = (
    r"(?:in|In|since|Since|by|until|till|from|From|during|During|before|after|around|circa|of|through|throughout|year)"
)
_QUALIFIER = (
    r"(?:[Ee]arly|[Mm]id|[Ll]ate"
    r"|(?:[Tt]he\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|spring|fall)\s+of)"
)
_FORMS: tuple[tuple[str, str], ...] = (
    # seed 002's scraped header: weekday, day, month 月, year
    (
        "hdr",
        rf"(?P<hdr>(?P<hwd>{_ZH_WD})\s*[,，]\s*(?P<hd>\d{{1,2}})\s+(?P<hm>\d{{1,2}})\s*月\s*[,，]\s*(?P<hy>{YEAR}))",
    ),
    # Everything that starts with a four-digit year, in one pattern (one scan over the digits):
    (
        "year",
        rf"""(?<!\d)(?P<Y>{YEAR})(?:
        # numeric: 2024-07-31, 2024/07/31, 2024.07.31 (also glued to the next word)
        (?<![.:/\-vV]\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?P<iglue>\d)?(?![.:/\-]?\d)
        # Chinese year [month [day] | quarter | half | qualifier]
      | (?P<zyr>\s*年)(?!代)
        (?:\s*(?P<zm>\d{{1,2}}|十[一二]|[一二三四五六七八九十])\s*月(?:\s*(?P<zd>\d{{1,2}})\s*[日号])?
          |\s*(?P<zq>第?[一二三四1-4]\s*季度?|[Qq][1-4])
          |(?P<zh>[上下]半年)
          |(?P<zqual>初|底|末|中)
        )?
        # year range: 2023 – 2025, 2019-2021年, 2010 to 2015
      | (?<![.\-/]\d{{4}})\s*(?:[-–—~～]|\s(?:to|至|到)\s)\s*(?P<ry2>{YEAR})(?![\d\-/.]\d)
        # late 2026, mid-2026, the end of 2025
      | (?<={_QUALIFIER}[\s-]+\d{{4}})(?P<eqm>)(?!\d)
        # a year after a preposition: in 2019, since 2015
      | (?<=(?<![A-Za-z]){_PREPOSITION}\s+\d{{4}})(?P<yym>)(?![\d,.]\d|\s*%|[\-–]\d|\s*(?:年|[A-Za-z]))
    )""",
    ),
    # Chinese month and day without a year: 1 月 27 日
    ("cmd", r"(?<![\d年])(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*[日号]"),
    # Chinese relative: 今年 (第四季度), 去年, 上个月, 本周, 昨天 …
    (
        "zrel",
        rf"""(?P<zrel>{_ZH_RELATIVE_WORDS})
      (?:(?P<zrq>\s*第?[一二三四1-4]\s*季度|[上下]半年|初|底|末)
        |(?<=[年])\s*(?P<zrm>\d{{1,2}})\s*月(?:\s*(?P<zrd>\d{{1,2}})\s*[日号])?)?""",
    ),
    # Chinese quarter without a year: 第四季度
    ("zqo", r"(?<![年\d]\s?)(?P<zqo>第[一二三四]季度)"),
    # English, starting with the month: June 25, 2026 / Jun. 25 / June 25th / October 2024 / October of 2024
    (
        "emonth",
        rf"""(?P<em1>{MONTH})(?:
        \s*(?P<ed1>\d{{1,2}}){ORD}(?![\d:])(?:(?:\s*,\s*|\s+)(?P<ey1>{YEAR})(?!\d))?
      | ,?\s+(?:of\s+)?(?P<ey3>{YEAR})(?!\d))""",
    ),
    # English: 25 June 2026 / 21 March
    (
        "edmy",
        rf"(?<![\d.])(?P<edmy>(?P<ed2>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<em2>{MONTH})(?:,?\s+(?P<ey2>{YEAR})(?!\d))?)",
    ),
    # English quarters: Q3 FY2026, Q3 2024, the third quarter of 2024, FY2026
    (
        "qq",
        rf"""(?<![A-Za-z])(?P<qq>Q[1-4])\s*(?:of\s+)?(?P<qfy>FY\s*|fiscal\s+(?:year\s+)?)?'?(?P<qy>{YEAR}|\d{{2}})(?!\d)""",
    ),
    (
        "qord",
        rf"""(?<=(?P<qord>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)\s+)quarter\s+of\s+(?P<qfy2>fiscal\s+(?:year\s+)?)?
        (?P<qy2>{YEAR})(?!\d)""",
    ),
    ("fy", rf"(?<![A-Za-z])(?P<fy>FY)\s*'?(?P<fyy>{YEAR}|\d{{2}})(?!\d)"),
    # a rarer form with a month name, 5-Mar-16, normalised by dateparser
    ("rare", rf"(?<!\d)(?P<rare>\d{{1,2}}-(?:{_MONTH_ABBR})-(?:{YEAR}|\d{{2}})(?!\d))"),
    # English relative
    ("erel", r"(?<=(?<![A-Za-z])(?P<erw>[Ll]ast|[Tt]his|[Nn]ext)\s+)(?P<erel>year|month|week)(?![A-Za-z])"),
    ("erday", r"(?<![A-Za-z])(?P<erd>[Yy]esterday|[Tt]o(?:day|morrow))(?![A-Za-z])"),
    # numeric with the year last: 07/31/2024 (US), 31.07.2024, 03/04/2024 (either way round)
    (
        "yearlast",
        r"(?<![\w/.\-:])(?P<na>\d{1,2})(?P<nsep>[/.\-])(?P<nb>\d{1,2})(?P=nsep)(?P<ny>(?:19|20)\d{2})(?!\d|[/.\-]\d)",
    ),
    # a weekday on its own: 周二, 上周二, 星期二, 礼拜二; not 每周二, 一周三次, 周一至周五
    (
        "zwd",
        r"""(?<![一二三四五六七八九十两几每数\d]\s?|(?:星期|礼拜|周)[一二三四五六日天]\s*[至到~～\-–—]\s*)
        (?P<zwp>本|这|上个?|下个?)?(?P<zwd>(?:星期|礼拜|周)[一二三四五六日天])
        (?![十次天个遍回倍份年]|\s*[至到~～\-–—]\s*(?:星期|礼拜|周)?[一二三四五六日天])""",
    ),
    # Last Friday, on Tuesday, next Monday; not Black Friday, every Tuesday, Mondays, Monday–Friday
    (
        "ewd",
        rf"""(?<![A-Za-z]|(?:Black|Cyber|Good|Super|Ash|Easter|Palm|Fat|Giving|Holy|Maundy|Shrove|Bloody|Blue|Girl|Man
            |[Ee]very(?:\s+other|\s+second)?|[Ee]ach)\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s*(?:-|–|—|to|through|thru)\s*)
        (?:(?P<ewp>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<ewd>{_EN_WD_FULL})
        (?![A-Za-z'’]|\s*(?:-|–|—|to|through|thru)\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))""",
    ),
    # a time (and zone) with no date: 北京时间 00:30, 10am PT, 9:30 a.m. ET, 14:00 UTC; a zone: UTC+8
    (
        "ztime",
        r"""(?P<zt>北京时间)\s*(?P<ztp>凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*(?P<zth>\d{1,2})
            (?:\s*[:：]\s*(?P<ztm>\d{2})|\s*[点時时](?:\s*(?P<ztm2>\d{1,2})\s*分|(?P<zthalf>半))?)""",
    ),
    (
        "etime",
        rf"""(?<![\w.:/])(?P<et>(?P<eth>\d{{1,2}})(?::(?P<etm>\d{{2}}))?\s*(?P<etap>[AaPp]\.[Mm]\.|[AaPp][Mm](?![A-Za-z]))
            (?:\s*(?P<etz>{_ZONE}))?
          | (?P<eth2>\d{{1,2}}):(?P<etm2>\d{{2}})\s*(?P<etz2>{_ZONE}))""",
    ),
    ("zone", r"(?<![A-Za-z])(?P<zone>(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)(?!\d)"),
)
# For each form, literals of which at least one must be in the text for the form to match at
# all: a substring test is far cheaper than a pattern scan, and most articles hold few forms
# (a Chinese article has no month names, most articles no weekday).
_MONTH_NEEDLES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NEEDLES: dict[str, tuple[str, ...]] = {
    "hdr": ("月",),
    "cmd": ("月",),
    "zrel": ("年", "月", "周", "天"),
    "zqo": ("季度",),
    "emonth": _MONTH_NEEDLES,
    "edmy": _MONTH_NEEDLES,
    "qq": ("Q",),
    "qord": ("quarter",),
    "fy": ("FY",),
    "rare": _MONTH_NEEDLES,
    "erel": ("year", "month", "week"),
    "zwd": ("星期", "礼拜", "周"),
    "ewd": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ztime": ("北京时间",),
    "zone": ("UTC", "GMT"),
    # No needles for "erday": its needles (esterday, oday …) start with e and o, the commonest
    # letters, and cost the one scan for needles more than scanning for the form's four parts
    # (each starts with a literal, see _CUTS) costs.
}

_QUALIFIER_BEFORE = regex.compile(rf"(?P<q>{_QUALIFIER})[\s-]+$")


def __getattr__(name: str) -> Any:
    """``FORM_RES``, every form's own compiled pattern, is compiled when first asked for (by
    tests): the scan compiles only the parts of a form cut in parts (see ``_SCANS``), and
    compiling the year-first form's own pattern costs as much as scanning a dozen articles for
    dates."""
    if name == "FORM_RES":
        value = tuple((form, regex.compile(pattern, regex.VERBOSE)) for form, pattern in _FORMS)
        globals()["FORM_RES"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- scanning a form in parts ----------------------------------------------------------------
# The engine finds a pattern fast when it starts with one literal (or holds one a bounded
# distance from its start); an alternation or a character class up front makes it test every
# character of the text. So a form whose pattern holds such an alternation is scanned in parts:
# the same pattern with the alternation cut down to the branches that share a literal, kept in
# their order. The parts together match what the form matches; at any position at most one part
# can match (their literals differ there, and what comes before them in the pattern fixes where
# they are), so a part's match at a position is the form's, groups included, and merging the
# parts' matches as one scan would take them (``_finditer``) gives the form's matches exactly.
# A part with needles is scanned only when the text holds one of them, as ``needles_in`` tells.


_Cut = tuple[str, tuple[tuple[str, tuple[str, ...] | None], ...]]
# form: (the text cut in the form's pattern, [(what replaces it in a part, the part's needles)])
_CUTS: dict[str, _Cut] = {
    "year": (f"(?P<Y>{YEAR})", ((r"(?P<Y>1[6-9]\d{2})", None), (r"(?P<Y>20\d{2})", None))),
    # "to" starts words everywhere: a substring test spares scanning for it
    "erday": (
        "(?P<erd>[Yy]esterday|[Tt]o(?:day|morrow))",
        (
            ("(?P<erd>Yesterday)", None),
            ("(?P<erd>yesterday)", None),
            ("(?P<erd>To(?:day|morrow))", ("Today", "Tomorrow")),
            ("(?P<erd>to(?:day|morrow))", ("today", "tomorrow")),
        ),
    ),
    # The separator sits one or two digits after the start: the digits before it fix which. The
    # second separator is followed by 19 or 20, which few texts hold ("-20" in 2024-2025).
    "yearlast": (
        r"(?P<nsep>[/.\-])",
        tuple((rf"(?P<nsep>{regex.escape(sep)})", (f"{sep}19", f"{sep}20")) for sep in "/.-"),
    ),
}


# -- scanning a form where its literals are --------------------------------------------------
# A form whose every match starts at one of a few literals (a month's or a weekday's name, UTC
# …), or right before one at a short prefix, needs no scan at all: its pattern is tried only
# where ``str.find`` finds those literals, as one scan of the pattern would take the matches
# (``_located``). One compiled pattern serves where parts would need one each, and compiling
# a pattern of this module costs as much as scanning a few articles for every form.


def _en_week_prefix(text: str, pos: int, i: int) -> int | None:
    """Where "last " / "This " … before the weekday at ``i`` starts (the words are four letters long)."""
    j = i
    while j > pos and text[j - 1].isspace():  # str.isspace holds for every character \s matches
        j -= 1
    return j - 4 if j < i and j - 4 >= pos and text[j - 4 : j] in _EN_WEEK_WORDS else None


def _zh_week_prefix(text: str, pos: int, i: int) -> int | None:
    """Where 本 / 这 / 上个 … right before the weekday at ``i`` starts."""
    if i - 2 >= pos and text[i - 2 : i] in ("上个", "下个"):
        return i - 2
    return i - 1 if i - 1 >= pos and text[i - 1] in "本这上下" else None


_EN_WEEK_WORDS = frozenset({"Last", "last", "This", "this", "Next", "next"})


def _zh_month_day_prefix(text: str, pos: int, i: int) -> int | None:
    """Where the month's one or two digits before the 月 at ``i`` (and spaces) start, as in 1 月 27 日."""
    j = i
    while j > pos and text[j - 1].isspace():
        j -= 1
    if j - 1 < pos or not _is_digit(text[j - 1]):
        return None
    # two digits: the match cannot start at the second, which has a digit before it
    return j - 2 if j - 2 >= pos and _is_digit(text[j - 2]) else j - 1


_DIGIT_CHAR = regex.compile(r"\d")


def _is_digit(char: str) -> bool:
    """Does \\d match ``char``? Where str.isdecimal does not say (beyond the BMP, the engine knows
    the digits of a newer Unicode than Python's), the engine is asked."""
    return char.isdecimal() or (char > "\uffff" and _DIGIT_CHAR.fullmatch(char) is not None)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _readable_prose(doc: Document) -> str:
    """The document's prose as ``_readable`` gives it, once per document (the header date and
    the dates each read it)."""
    return _readable(doc.prose)


def _readable(prose: str) -> str:
    """``prose`` with every digit Python cannot read (\\d matches it, ``int`` does not: digits of a
    newer Unicode than Python's, all beyond the BMP) replaced by U+FFFD, one character for one, so
    offsets hold. Such a digit is no part of a date; left in, a pattern would match it and the
    conversion fail. Most texts hold no character beyond the BMP and are returned as they are."""
    # a character beyond the BMP is two code units in UTF-16: a length test, far cheaper than a search
    if prose.isascii() or len(prose.encode("utf-16-le", "surrogatepass")) == 2 * len(prose):
        return prose
    return _ASTRAL.sub(lambda m: "\ufffd" if _is_digit(m[0]) and not m[0].isdecimal() else m[0], prose)


class _Starts(NamedTuple):
    """Where a match of a form can start: at one of ``needles`` (unless ``at_needle`` is False),
    or where ``prefix`` says a prefix before one of them starts (None when there is none).

    ``words``: more places a match can start, words of a few Chinese characters grouped by their
    last character (last character, words), looked for by that character (``str.find`` of one
    character is several times cheaper than of a word, and the last characters, 年, 月, 周 and
    天, are rarer than the first ones and are needles, which ``needles_in`` reports).
    """

    needles: tuple[str, ...]
    prefix: Callable[[str, int, int], int | None] | None = None
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    at_needle: bool = True


def _by_last_char(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[-1], []).append(word)
    return tuple((last, tuple(group)) for last, group in groups.items())


_ZH_WD_NEEDLES = ("星期", "礼拜", "周")
_LOCATED: dict[str, _Starts] = {
    "hdr": _Starts(_ZH_WD_NEEDLES),
    # the month's digits before 月 (and spaces)
    "cmd": _Starts(("月",), _zh_month_day_prefix, at_needle=False),
    "emonth": _Starts(_MONTH_NEEDLES),  # every month's name and abbreviation starts with one
    "erel": _Starts(("year", "month", "week")),
    # 今年, 上个月, 上月 …
    "zrel": _Starts(
        (),
        words=_by_last_char(
            tuple(
                w
                for word in _ZH_RELATIVE_WORDS.split("|")
                for w in dict.fromkeys((word.replace("个?", "个"), word.replace("个?", "")))
            )
        ),
    ),
    # 本/这/上个/下个 right before the weekday, or "last" and spaces
    "zwd": _Starts(_ZH_WD_NEEDLES, _zh_week_prefix),
    "ewd": _Starts(tuple(_EN_WD_FULL.strip("(?:)").split("|")), _en_week_prefix),
    "zone": _Starts(("UTC", "GMT")),
}


def _located(
    pattern: regex.Pattern[str], starts: _Starts, text: str, pos: int, endpos: int, *, present: set[str]
) -> Iterator[regex.Match[str]]:
    """The matches ``pattern.finditer(text, pos, endpos)`` finds, for a form whose matches start
    where ``starts`` says: that scan tries every position from the end of its last match, and
    only these can start one. ``present``: the needles ``text[pos:endpos]`` holds."""
    found: set[int] = set()
    prefix = starts.prefix
    for last, words in starts.words:
        if last not in present:
            continue
        i = text.find(last, pos, endpos)
        while i >= 0:
            end = i + 1
            if text.endswith(words, pos, end):
                found.update(end - len(word) for word in words if text.endswith(word, pos, end))
            i = text.find(last, end, endpos)
    at_needle = starts.at_needle
    for needle in starts.needles:
        if needle not in present:
            continue
        i = text.find(needle, pos, endpos)
        while i >= 0:
            if at_needle:
                found.add(i)
            if prefix is not None:
                j = prefix(text, pos, i)
                if j is not None:
                    found.add(j)
            i = text.find(needle, i + 1, endpos)
    cursor = pos
    for start in sorted(found):
        if start >= cursor:
            m = pattern.match(text, start, endpos)
            if m is not None:
                yield m
                cursor = m.end()


# One scan finds which needles a text holds, those of the forms and those of their parts (the
# standard library's engine runs an alternation of literals several times faster than a
# substring test per needle). It tries a match wherever a needle's first character is, so a
# needle that starts with a lowercase letter, common in any text, is looked for with a substring
# test instead, and the scan's pattern gives each first character one branch (see
# ``_alternation``). A needle the scan may miss, because a match of another one covers its start
# ("GMT" in "GMThursday" hides "Thursday"), is looked for apart whenever such another one is there.
_ALL_NEEDLES = tuple(
    sorted(
        {n for needles in _NEEDLES.values() for n in needles}
        | {n for _, branches in _CUTS.values() for _, needles in branches for n in needles or ()}
        | {n for starts in _LOCATED.values() for n in starts.needles},
        key=lambda n: (-len(n), n),  # longest first
    )
)
_TESTED_NEEDLES = tuple(n for n in _ALL_NEEDLES if n[0].islower())
_SCANNED_NEEDLES = tuple(n for n in _ALL_NEEDLES if not n[0].islower())


def _alternation(needles: tuple[str, ...]) -> str:
    """A pattern that matches what ``"|".join(needles)`` matches, at each position the same needle.

    The needles are grouped by their first character, in their order within a group: at one
    position only needles with the same first character can match, and the group tries them in
    the order the flat alternation would, so the match is the same. The engine tries one branch
    per first character instead of one per needle.
    """
    groups: dict[str, list[str]] = {}
    for needle in needles:
        groups.setdefault(needle[0], []).append(needle)
    branches = []
    for first, group in groups.items():
        tails = "|".join(re.escape(n[1:]) for n in group)
        branches.append(re.escape(group[0]) if len(group) == 1 else f"{re.escape(first)}(?:{tails})")
    return "|".join(branches)


_ANY_NEEDLE = re.compile(_alternation(_SCANNED_NEEDLES))


def _may_hide(a: str, b: str) -> bool:
    """May a match of the needle ``a`` cover the start of an occurrence of ``b``? Only when ``b``
    is in ``a`` or a tail of ``a`` is a head of ``b``."""
    return a != b and (b in a or any(a[i:] == b[: len(a) - i] for i in range(1, len(a))))


# scanned needle: the scanned needles a match of it may hide
_HIDES = {a: tuple(b for b in _SCANNED_NEEDLES if _may_hide(a, b)) for a in _SCANNED_NEEDLES}


def needles_in(text: str) -> set[str]:
    """The needles of ``_ALL_NEEDLES`` that occur in ``text``.

    A scanned needle the scan did not report was hidden by a match it did report (the scan takes
    the leftmost, then longest, match, so a match that starts at or before the needle's start and
    reaches past it is there): only the needles those matches may hide need a substring test.
    """
    found = set(_ANY_NEEDLE.findall(text))
    hidden = {b for a in found for b in _HIDES[a] if b not in found}
    found.update(b for b in hidden if b in text)
    found.update(n for n in _TESTED_NEEDLES if n in text)
    return found


class _Part(NamedTuple):
    pattern: regex.Pattern[str]
    needles: frozenset[str]  # one of them is in any text the part matches in
    gated: bool  # False: always scanned

    def wanted(self, present: set[str]) -> bool:
        """May the part match in a text that holds the needles ``present`` (see ``needles_in``)?"""
        return not self.gated or not self.needles.isdisjoint(present)


def _parts(name: str, pattern: str) -> tuple[_Part, ...]:
    """The parts of the form ``name`` with the pattern ``pattern`` (one, the whole, when it is not cut)."""
    cut = _CUTS.get(name)
    if cut is None:
        return (_Part(regex.compile(pattern, regex.VERBOSE), frozenset(), gated=False),)
    text, branches = cut
    if pattern.count(text) != 1:
        raise ValueError(f"the form {name} must hold {text!r} once")
    out = []
    for branch, needles in branches:
        compiled = regex.compile(pattern.replace(text, branch), regex.VERBOSE)
        out.append(_Part(compiled, frozenset(needles or ()), gated=needles is not None))
    return tuple(out)


# name, priority, needles of the form, the parts
_SCANS: tuple[tuple[str, int, tuple[str, ...] | None, tuple[_Part, ...]], ...] = tuple(
    (name, i, _NEEDLES.get(name), _parts(name, pattern)) for i, (name, pattern) in enumerate(_FORMS)
)


def _group_names(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    """The names of the pattern's groups (all named) in the order of their numbers."""
    names = [""] * pattern.groups
    for name, number in pattern.groupindex.items():
        names[number - 1] = name
    return tuple(names)


# part: the names of its groups (see ``_groups``)
_GROUP_NAMES = {id(part.pattern): _group_names(part.pattern) for *_, parts in _SCANS for part in parts}
# What ``_from_match`` asks of a match: the groups of every form, and the names it gives the
# year-first and month-first forms' matches once it knows which branch matched.
_NO_GROUPS: dict[str, str | None] = dict.fromkeys(
    [*(name for names in _GROUP_NAMES.values() for name in names), "iy", "zy", "ry1", "eqy", "yy", "emdy", "emy", "em3"]
)


def _finditer(patterns: list[regex.Pattern[str]], text: str, pos: int, endpos: int) -> Iterator[regex.Match[str]]:
    """The matches of a form scanned in parts, left to right and not overlapping, as one scan of
    the whole form finds them: the leftmost next match of any part (no form matches the empty
    string). A part's next match that starts inside the last match taken is one that scan would
    not have seen: the part is searched again from the end of that match."""
    if len(patterns) <= 1:
        yield from (patterns[0].finditer(text, pos, endpos) if patterns else ())
        return
    heads = [pattern.search(text, pos, endpos) for pattern in patterns]
    cursor = pos
    while True:
        best: regex.Match[str] | None = None
        index = 0
        for i, head in enumerate(heads):
            m = head
            if m is not None and m.start() < cursor:
                m = heads[i] = patterns[i].search(text, cursor, endpos)
            if m is not None and (best is None or m.start() < best.start()):
                best, index = m, i
        if best is None:
            return
        yield best
        cursor = best.end()
        heads[index] = patterns[index].search(text, cursor, endpos)


# -- gates: a cheap scan that a form's match implies -----------------------------------------
# A form led by digits makes the engine test every character of the text. Its gates are
# patterns led by a literal, each matching a piece that every match of the form holds: when no
# gate matches in a window, the form has no match there and is not scanned. (A gate may match
# where the form does not; then the form is scanned as before.) Every gate answers
# ``passes(text, pos, endpos, present)``; they differ in how they find the places to try.


class _PatternGate:
    """A gate whose pattern is searched for: the engine finds its leading literal itself."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self.pattern = pattern

    def passes(self, text: str, pos: int, endpos: int, present: set[str]) -> bool:
        return self.pattern.search(text, pos, endpos) is not None


class _NeedleGate:
    """A gate whose piece starts with one of the form's needles: the pattern is tried only where
    a needle the text holds is (few places), not at every occurrence of its first letter."""

    __slots__ = ("needles", "pattern")

    def __init__(self, needles: tuple[str, ...], pattern: regex.Pattern[str]) -> None:
        self.needles = needles
        self.pattern = pattern  # matched where a needle starts; it looks back with a lookbehind

    def passes(self, text: str, pos: int, endpos: int, present: set[str]) -> bool:
        for needle in self.needles:
            if needle not in present:
                continue
            i = text.find(needle, pos, endpos)
            while i >= 0:
                if self.pattern.match(text, i, endpos) is not None:
                    return True
                i = text.find(needle, i + 1, endpos)
        return False


class _CharGate:
    """A gate whose piece starts at a character: the pattern is tried only where ``str.find``
    finds it and ``near``, a cheap test of the characters next to it that holds wherever the
    pattern matches, says it may match.

    ``str.find`` looks for one character with ``memchr`` of its low byte, faster than
    the engine scans, unless that byte is common in the text: "M" and ":" are cheap to look for,
    "m" is not (0x6D is the high byte of many common Chinese characters, in a text stored with
    two bytes a character).
    """

    __slots__ = ("char", "near", "pattern")

    def __init__(self, char: str, near: Callable[[str, int], bool], pattern: regex.Pattern[str]) -> None:
        self.char = char
        self.near = near
        self.pattern = pattern

    def passes(self, text: str, pos: int, endpos: int, present: set[str]) -> bool:
        char, near, pattern = self.char, self.near, self.pattern
        i = text.find(char, pos, endpos)
        while i >= 0:
            if near(text, i) and pattern.match(text, i, endpos) is not None:
                return True
            i = text.find(char, i + 1, endpos)
        return False


def _after_a_or_p(text: str, i: int) -> bool:
    """Is the M at ``i`` that of "PM", "A.M" …?"""
    j = i - 2 if i >= 2 and text[i - 1] == "." else i - 1
    return j >= 0 and text[j] in "aApP"


def _before_a_digit(text: str, i: int) -> bool:
    return i + 1 < len(text) and _is_digit(text[i + 1])


_GATES: dict[str, tuple[_PatternGate | _NeedleGate | _CharGate, ...]] = {
    # the minutes then a zone, or an "am" / "p.m." right after a digit (the hour's or the
    # minutes'): the "M" of "PM" and the "m" of "pm" apart, each looked for the cheaper way
    "etime": (
        _CharGate(":", _before_a_digit, regex.compile(rf":\d{{2}}\s*{_ZONE}")),
        _CharGate("M", _after_a_or_p, regex.compile(r"M(?<=\d\s*[apAP]\.?M)")),
        _PatternGate(regex.compile(r"m(?<=\d\s*[apAP]\.?m)")),
    ),
    # the month of 5-Mar-16 between its hyphens
    "rare": (_PatternGate(regex.compile(rf"-(?<=\d-)(?:{_MONTH_ABBR})-\d")),),
    # the day and spaces before the month of 25 June 2026 (every month name starts with a needle)
    "edmy": (_NeedleGate(_MONTH_NEEDLES, regex.compile(rf"(?<=\d{ORD}\s+(?:of\s+)?)")),),
}


def _gates_pass(name: str, text: str, pos: int, endpos: int, present: set[str] | None = None) -> bool:
    """May the form ``name`` match in ``text[pos:endpos]``? False only when none of its gates does.

    ``present``: the needles the window holds (``needles_in``), when known.
    """
    gates = _GATES.get(name)
    if gates is None:
        return True
    if present is None:
        present = needles_in(text[pos:endpos])
    return any(gate.passes(text, pos, endpos, present) for gate in gates)


_QUAL = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "end of": (10, 12), "beginning of": (1, 3),
    "start of": (1, 3), "first half of": (1, 6), "second half of": (7, 12), "middle of": (5, 8),
    "spring of": (3, 5), "fall of": (9, 11),
    "初": (1, 3), "底": (10, 12), "末": (10, 12), "中": (5, 8), "上半年": (1, 6), "下半年": (7, 12),
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


# -- the mention -----------------------------------------------------------------------------


class DateMention(NamedTuple):
    """One date or date range in the text.

    ``start``/``end`` are offsets into ``Document.text``; ``value``/``end_value`` the first
    and last day the mention covers (None when it cannot be resolved, e.g. a year-less date
    in a document without a publication date). ``ymd`` keeps the numbers as written so
    impossible dates (``2023-02-30``) are still reported.
    """

    start: int
    end: int
    text: str
    form: str
    precision: str  # day | month | quarter | year; "time" for a time or zone with no date
    value: dt.date | None
    end_value: dt.date | None
    ymd: tuple[int | None, int | None, int | None] = (None, None, None)
    valid: bool = True
    year_explicit: bool = True
    relative: bool = False
    fiscal: bool = False
    glued: bool = False
    future: bool = False  # the sentence speaks of the future (forecast, plan)
    weekday: int | None = None  # the weekday the text states next to the date, 0 = Monday
    weekday_span: tuple[int, int] | None = None
    week: int | None = None  # the week the weekday names, from the publication's: 上周 -1, 本周 0, 下周 1
    time: dt.time | None = None
    tz: str = ""
    qualifier: str = ""
    alternative: dt.date | None = None  # the other reading of 03/04/2024 (day first or month first)
    sentence: tuple[int, int] = (0, 0)  # the sentence around the date, cut to CONTEXT characters each side

    @property
    def iso(self) -> str:
        """The normalised value: ``2024-07-31``, ``2024-07``, ``2024-Q3``, ``2024``; ranges ``a/b``."""
        if self.value is None:
            return ""
        first = _iso(self.value, self.precision)
        if self.end_value is not None and _iso(self.end_value, self.precision) != first:
            natural = _natural_end(self.value, self.precision)
            if self.end_value != natural:
                return f"{first}/{_iso(self.end_value, self.precision)}"
        return first


_FIELD_INDEX = {name: i for i, name in enumerate(DateMention._fields)}


def _iso(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _natural_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "quarter":
        last = (day.month - 1) // 3 * 3 + 3
        return dt.date(day.year, last, calendar.monthrange(day.year, last)[1])
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def _month_range(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# -- cues: does a sentence report the past or speak of the future? ---------------------------


@dataclass(frozen=True)
class Cues:
    """One cue list: English single words (a set), English phrases, Chinese words (one pattern).

    A phrase counts where it stands as whole words (``_phrase_starts``).
    """

    words: frozenset[str]
    phrases: tuple[str, ...]  # lowered
    zh: re.Pattern[str]  # the standard library's engine: it costs less a call, and the texts are short

    def first(self, text: str, near: int | None = None) -> str:
        """The cue in ``text`` nearest ``near`` (or the first one), or ""."""
        found: list[tuple[int, str]] = []
        lowered = text.lower()
        found.extend((m.start(), m[0]) for m in _WORD.finditer(lowered) if m[0] in self.words)
        found.extend((i, phrase) for phrase in self.phrases for i in _phrase_starts(lowered, phrase))
        if not text.isascii():
            cleaned = _ZH_FALSE_CUES.sub(_spaces, text)
            found.extend((m.start(), m[0]) for m in self.zh.finditer(cleaned))
        if not found:
            return ""
        if near is None:
            return min(found)[1]
        return min(found, key=lambda item: abs(item[0] - near))[1]

    def any(self, text: str) -> bool:
        # The Chinese cues first, the cheapest test. Blanking the false cues only turns characters
        # into spaces, and no Chinese cue holds a space: a text with no cue before the blanking
        # has none after it, and most have none.
        if (
            not text.isascii()
            and self.zh.search(text) is not None
            and self.zh.search(_ZH_FALSE_CUES.sub(_spaces, text)) is not None
        ):
            return True
        lowered = text.lower()
        if not self.words.isdisjoint(_WORD.findall(lowered)):
            return True
        return any(phrase in lowered and next(_phrase_starts(lowered, phrase), -1) >= 0 for phrase in self.phrases)


_WORD = regex.compile(r"[a-z]+(?:'[a-z]+)?")
_NOT_AT_A_PHRASE_EDGE = frozenset("abcdefghijklmnopqrstuvwxyz'-")


def _phrase_starts(lowered: str, phrase: str) -> Iterator[int]:
    r"""Where ``phrase`` stands in ``lowered`` as whole words, left to right and not overlapping:
    what ``(?<![a-z'\-])phrase(?![a-z'\-])`` finds, with ``str.find`` and two character tests
    (compiling a pattern per phrase costs more than all a run's tests of the phrases)."""
    size = len(phrase)
    i = lowered.find(phrase)
    while i >= 0:
        end = i + size
        if (i == 0 or lowered[i - 1] not in _NOT_AT_A_PHRASE_EDGE) and (
            end == len(lowered) or lowered[end] not in _NOT_AT_A_PHRASE_EDGE
        ):
            yield i
            i = lowered.find(phrase, end)
        else:
            i = lowered.find(phrase, i + 1)


def _spaces(m: re.Match[str]) -> str:
    return " " * len(m[0])


# libyaml's safe loader when PyYAML has it: it reads cues.yml (plain lists of words) into the
# same data as the pure-Python one, about ten times faster
_YAML_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def cues() -> dict[str, Cues]:
    data = yaml.load((DATA_DIR / "cues.yml").read_text("utf-8"), Loader=_YAML_LOADER)

    def load(en: str, zh: str) -> Cues:
        words = frozenset(w.lower() for w in data[en] if " " not in w)
        phrases = tuple(w.lower() for w in data[en] if " " in w)
        alts = "|".join(sorted((re.escape(w) for w in data[zh]), key=len, reverse=True))
        return Cues(words, phrases, re.compile(alts))

    return {"past": load("en_past", "zh_past"), "future": load("en_future", "zh_future")}


# Chinese words in which 了 / 已 / 会 … are not the particle or adverb we look for.
_ZH_FALSE_CUES = re.compile(
    r"为了|除了|了解|不了|得了|了不起|而已|已知|社会|会议|机会|协会|学会|大会|会员|委员会|公会|只要|需要|重要|主要|要求|想要|将军|才能|人才|可能性"
)


def is_future(text: str) -> bool:
    """True when the text speaks of the future (will, expected, plans …; 将, 计划, 预计 …)."""
    return cues()["future"].any(text)


def past_cue(text: str, near: int | None = None) -> str:
    """The cue that the text reports a past event (the one nearest ``near``), or ""."""
    return cues()["past"].first(text, near)


# -- publication date ------------------------------------------------------------------------


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def publication(doc: Document) -> dt.date | None:
    """The article's publication day: resolved metadata, else the core's reading, else a header date."""
    meta = doc.metadata or {}
    if "published" in meta:
        return as_date(meta["published"].value)
    return doc.memo(_unmerged_publication)


def _unmerged_publication(doc: Document) -> dt.date | None:
    """The publication day before the metadata is merged: the core's reading, else a header date."""
    core = resolve(doc)
    value = as_date(core["published"].value) if "published" in core else None
    if value is None:
        header = header_date(doc)
        value = header[0] if header else None
    return value


_HEADER_LINES = 12
_HEADER_WEEKDAY = regex.compile(rf"^[ \t*_#>]*(?:{_EN_WD}|{_ZH_WD})?\.?[\s,，]*")
_HEADER_MAX = 48
# A full date with its year holds a year of four digits (1600 to 2099), or, in the rare form 5-Mar-16,
# a hyphen and the year's two digits: a line without one needs no scan.
_HEADER_NEED = regex.compile(rf"{YEAR}|-\d\d")


def header_date(doc: Document) -> tuple[dt.date, int, int] | None:
    """A short line near the top of the body holding nothing but a full date (a scraped page header).

    Read once per document: the metadata hook asks, and so does ``publication`` when the core
    knows no publication date."""
    return doc.memo(_header_date)


def _header_date(doc: Document) -> tuple[dt.date, int, int] | None:
    prose = doc.memo(_readable_prose)
    first = doc.position(doc.front_matter_end)[0] - 1
    starts = doc.line_starts
    for index in range(first, min(first + _HEADER_LINES, len(starts))):
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(prose)
        line = prose[start:end]
        size = len(line.strip())
        if size > _HEADER_MAX or size < 6 or _HEADER_NEED.search(line) is None or not any(map(str.isdigit, line)):
            continue
        found = _scan(prose, start, end)
        if len(found) != 1:
            continue
        mention = found[0]
        if mention.precision != "day" or not mention.year_explicit or not mention.valid or mention.value is None:
            continue
        lead = _HEADER_WEEKDAY.match(prose, start, mention.start)
        if (lead is None or lead.end() != mention.start) and mention.form != "zh-header":
            continue
        if prose[mention.end : end].strip(" \t*_\r"):
            continue
        return mention.value, mention.start, mention.end
    return None


# -- the scan --------------------------------------------------------------------------------


_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["year", "month", "day"], "PARSERS": ["absolute-time"]}


@lru_cache(maxsize=2048)
def _dateparser(text: str) -> dt.date | None:
    """Normalise a rare candidate span the patterns found (never a search over free text)."""
    import dateparser

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception:
        return None
    return parsed.date() if parsed is not None else None


def _two_digit_year(text: str) -> int:
    y = int(text)
    return y if len(text) == 4 else 2000 + y if y < 70 else 1900 + y


def _weekday_of(text: str) -> int | None:
    text = text.strip().rstrip(".")
    if text[-1:] in ZH_WEEKDAYS and not text.isascii():
        return ZH_WEEKDAYS[text[-1]]
    return EN_WEEKDAYS.get(text.lower())


# A guard, not a tuning knob: real articles hold tens or hundreds of dates; a file with more
# than this is a data dump, and reading the rest would only cost time.
MAX_MENTIONS = 10_000


_SHORT = 512  # characters: a shorter window is scanned without gates or literals located


def _scan(prose: str, pos: int = 0, endpos: int | None = None) -> list[DateMention]:
    """Raw mentions (year-less dates and relative words left unresolved)."""
    out: list[DateMention] = []
    endpos = len(prose) if endpos is None else endpos
    found: list[tuple[int, int, int, regex.Match[str]]] = []
    window = prose if pos == 0 and endpos == len(prose) else prose[pos:endpos]
    present = needles_in(window)
    # gates and located literals pay off on long texts; on a short window (a header line) the
    # calls they take cost more than the scans they spare (the same matches either way)
    short = endpos - pos < _SHORT
    for name, priority, needles, parts in _SCANS:
        if needles is not None and present.isdisjoint(needles):
            continue
        if not short and not _gates_pass(name, prose, pos, endpos, present):
            continue
        if not short and name in _LOCATED:  # a located form is not cut: its one part is its pattern
            matches = _located(parts[0].pattern, _LOCATED[name], prose, pos, endpos, present=present)
        else:
            patterns = [part.pattern for part in parts if part.wanted(present)]
            matches = _finditer(patterns, prose, pos, endpos)
        found.extend((m.start(), -m.end(), priority, m) for m in matches)
    found.sort(key=lambda item: item[:3])
    taken_end = -1
    for start, _neg_end, _priority, m in found:
        if start < taken_end:
            continue
        mention = _from_match(m, prose)
        if mention is not None:
            out.append(mention)
            taken_end = max(m.end(), mention.end)  # a time read after a date belongs to it
            if len(out) >= MAX_MENTIONS:
                break
    # a weekday written next to a date belongs to that date ("Tuesday, March 5", "2月3日 周三")
    attached = {m.weekday_span for m in out if m.weekday_span is not None and not m.form.endswith("weekday")}
    if attached:
        out = [m for m in out if not (m.form.endswith("weekday") and m.weekday_span in attached)]
    return out


def _mention(m: regex.Match[str], form: str, precision: str, **kw: Any) -> DateMention:
    start, end = kw.pop("span", (m.start(), m.end()))
    return DateMention(start=start, end=end, text=m.string[start:end], form=form, precision=precision, **kw)


_Groups = dict[str, str | None]


def _groups(m: regex.Match[str]) -> _Groups:
    """A match's groups by name, None for a group the pattern does not have: ``_NO_GROUPS``
    updated with the match's groups, all fetched at once. Cheaper than groupdict, and than asking
    the match for each group by name (the regex module looks a name up only after failing to read
    it as a number, and the exception it raises and clears costs several times the lookup)."""
    g = _NO_GROUPS.copy()
    g.update(zip(_GROUP_NAMES.get(id(m.re)) or _group_names(m.re), m.groups(), strict=True))
    return g


def _span(m: regex.Match[str], name: str) -> tuple[int, int]:
    """The span of a group the match's pattern has (asked for by number, see ``_groups``)."""
    return m.span(m.re.groupindex[name])


def _from_match(m: regex.Match[str], prose: str) -> DateMention | None:
    g = _groups(m)
    if g["Y"]:  # the year-first pattern: say which form matched
        if g["isep"]:
            g["iy"] = g["Y"]
        elif g["zyr"] is not None:
            g["zy"] = g["Y"]
        elif g["ry2"]:
            g["ry1"] = g["Y"]
        elif g["eqm"] is not None:
            g["eqy"] = g["Y"]
        elif g["yym"] is not None:
            g["yy"] = g["Y"]
    if g["em1"]:
        if g["ed1"]:
            g["emdy"] = m[0]
        elif g["ey3"]:
            g["emy"], g["em3"] = m[0], g["em1"]
    if g["hdr"]:
        y, mo, d = int(g["hy"]), int(g["hm"]), int(g["hd"])
        day = _safe_date(y, mo, d)
        return _mention(
            m, "zh-header", "day", value=day, end_value=day, ymd=(y, mo, d), valid=day is not None,
            weekday=_weekday_of(g["hwd"]), weekday_span=_span(m, "hwd"),
        )  # fmt: skip
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        glued = g["iglue"] is not None
        end = _span(m, "id")[1]
        if glued and len(g["id"]) == 1:  # 2023-11-1 then a digit: not a date we can read
            return None
        day = _safe_date(y, mo, d)
        mention = _mention(
            m, "numeric", "day", value=day, end_value=day, ymd=(y, mo, d), valid=day is not None, glued=glued,
            span=(m.start(), end),
        )  # fmt: skip
        return _with_time(_with_weekday(mention, prose), prose)
    if g["zy"]:
        y = int(g["zy"])
        if g["zm"]:
            mo = int(g["zm"]) if g["zm"].isdigit() else ZH_MONTH_NUMERALS[g["zm"]]
            if g["zd"]:
                d = int(g["zd"])
                day = _safe_date(y, mo, d)
                mention = _mention(m, "zh-ymd", "day", value=day, end_value=day, ymd=(y, mo, d), valid=day is not None)
                return _with_time(_with_weekday(mention, prose), prose)
            if not 1 <= mo <= 12:
                return _mention(m, "zh-ym", "month", value=None, end_value=None, ymd=(y, mo, None), valid=False)
            first, last = _month_range(y, mo, mo)
            return _mention(m, "zh-ym", "month", value=first, end_value=last, ymd=(y, mo, None))
        if g["zq"]:
            q = ZH_NUMERALS.get(g["zq"].strip("第季度 Qq")[-1:], 0)
            if not q:
                return None
            first, last = _month_range(y, 3 * q - 2, 3 * q)
            return _mention(m, "zh-quarter", "quarter", value=first, end_value=last, ymd=(y, None, None))
        if g["zh"] or g["zqual"]:
            qual = g["zh"] or g["zqual"]
            first, last = _month_range(y, *_QUAL[qual])
            return _mention(m, "zh-year", "year", value=first, end_value=last, ymd=(y, None, None), qualifier=qual)
        return _mention(
            m, "zh-year", "year", value=dt.date(y, 1, 1), end_value=dt.date(y, 12, 31), ymd=(y, None, None),
            span=(m.start(), m.end()),
        )  # fmt: skip
    if g["ry1"]:
        y1, y2 = int(g["ry1"]), int(g["ry2"])
        if not y1 < y2 <= y1 + 100:
            return None
        return _mention(
            m, "year-range", "year", value=dt.date(y1, 1, 1), end_value=dt.date(y2, 12, 31), ymd=(y2, None, None)
        )
    if g["cm"]:
        mo, d = int(g["cm"]), int(g["cd"])
        valid = 1 <= mo <= 12 and 1 <= d <= (29 if mo == 2 else calendar.monthrange(2001, mo)[1])
        mention = _mention(
            m, "zh-md", "day", value=None, end_value=None, ymd=(None, mo, d), valid=valid, year_explicit=False
        )
        return _with_time(_with_weekday(mention, prose), prose)
    if g["zrel"]:
        if g["zrm"]:  # 今年8月16日, 去年3月
            mo, d = int(g["zrm"]), int(g["zrd"]) if g["zrd"] else None
            valid = 1 <= mo <= 12 and (d is None or 1 <= d <= (29 if mo == 2 else calendar.monthrange(2001, mo)[1]))
            mention = _mention(
                m, "zh-relative", "day" if d else "month", value=None, end_value=None, relative=True,
                ymd=(None, mo, d), valid=valid,
            )  # fmt: skip
            return _with_weekday(mention, prose) if d else mention
        return _mention(
            m, "zh-relative", "", value=None, end_value=None, relative=True, qualifier=(g["zrq"] or "").strip()
        )
    if g["zqo"]:
        return _mention(m, "zh-quarter", "quarter", value=None, end_value=None, year_explicit=False, qualifier=g["zqo"])
    if g["emdy"] or g["edmy"]:
        name, d_text, y_text = (g["em1"], g["ed1"], g["ey1"]) if g["emdy"] else (g["em2"], g["ed2"], g["ey2"])
        mo, d = MONTHS[name.rstrip(".").lower()], int(d_text)
        if d == 0:
            return None
        form = "en-mdy" if g["emdy"] else "en-dmy"
        if y_text:
            y = int(y_text)
            day = _safe_date(y, mo, d)
            mention = _mention(m, form, "day", value=day, end_value=day, ymd=(y, mo, d), valid=day is not None)
        else:
            if d > 31:
                return None
            valid = d <= (29 if mo == 2 else calendar.monthrange(2001, mo)[1])
            mention = _mention(
                m, form[:-1], "day", value=None, end_value=None, ymd=(None, mo, d), valid=valid, year_explicit=False
            )
        return _with_time(_with_weekday(mention, prose), prose)
    if g["emy"]:
        y, mo = int(g["ey3"]), MONTHS[g["em3"].rstrip(".").lower()]
        first, last = _month_range(y, mo, mo)
        return _mention(m, "en-my", "month", value=first, end_value=last, ymd=(y, mo, None))
    if g["eqy"]:
        y = int(g["eqy"])
        before = _QUALIFIER_BEFORE.search(prose, max(0, m.start() - 40), m.start())
        if before is None:
            return None
        qual = " ".join(before["q"].lower().split()).removeprefix("the ")
        first, last = _month_range(y, *_QUAL[qual])
        return _mention(
            m, "en-qualified", "year", value=first, end_value=last, ymd=(y, None, None), qualifier=qual,
            span=(before.start(), m.end()),
        )  # fmt: skip
    if g["qq"] or g["qord"]:
        q = int(g["qq"].strip("Q")) if g["qq"] else _ORDINALS[g["qord"].lower()]
        y = _two_digit_year(g["qy"] or g["qy2"])
        fiscal = bool(g["qfy"] or g["qfy2"])
        first, last = _month_range(y, 3 * q - 2, 3 * q)
        span = (_span(m, "qord")[0] if g["qord"] else m.start(), m.end())
        return _mention(
            m, "quarter", "quarter", value=first, end_value=last, ymd=(y, None, None), fiscal=fiscal, span=span
        )
    if g["fy"]:
        y = _two_digit_year(g["fyy"])
        return _mention(
            m, "fiscal-year", "year", value=dt.date(y, 1, 1), end_value=dt.date(y, 12, 31), ymd=(y, None, None),
            fiscal=True,
        )  # fmt: skip
    if g["rare"]:
        day = _dateparser(g["rare"])
        if day is None:
            return None
        return _with_weekday(
            _mention(
                m, "rare", "day", value=day, end_value=day, ymd=(day.year, day.month, day.day), span=_span(m, "rare")
            ),
            prose,
        )
    if g["erel"] or g["erd"]:
        span = (_span(m, "erw")[0], m.end()) if g["erel"] else m.span()
        return _mention(m, "en-relative", "", value=None, end_value=None, relative=True, span=span)
    if g["ny"]:
        return _year_last(m, g, prose)
    if g["zwd"] or g["ewd"]:
        wd = g["zwd"] or g["ewd"]
        return _mention(
            m, "zh-weekday" if g["zwd"] else "en-weekday", "day", value=None, end_value=None, relative=True,
            year_explicit=False, weekday=_weekday_of(wd), weekday_span=_span(m, "zwd" if g["zwd"] else "ewd"),
            week=_WEEK_OFFSET.get((g["zwp"] or g["ewp"] or "").lower()),
        )  # fmt: skip
    if g["zt"] or g["et"] or g["zone"]:
        return _time_only(m, g)
    if g["yy"]:
        y = int(g["yy"])
        return _mention(
            m, "year", "year", value=dt.date(y, 1, 1), end_value=dt.date(y, 12, 31), ymd=(y, None, None),
            span=_span(m, "Y"),
        )  # fmt: skip
    return None


def _year_last(m: regex.Match[str], g: _Groups, prose: str) -> DateMention | None:
    """07/31/2024, 31.07.2024, 03/04/2024: month first unless it cannot be (or the dots say day first).

    When both numbers could be the month, the other reading is kept as ``alternative`` so that a
    rule only reports what is wrong under both readings.
    """
    a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])  # type: ignore[arg-type]
    if (a > 12 and b > 12) or a == 0 or b == 0:
        return None
    day_first = a > 12 or (b <= 12 and g["nsep"] == ".")
    mo, d = (b, a) if day_first else (a, b)
    day = _safe_date(y, mo, d)
    alternative = _safe_date(y, d, mo) if a <= 12 and b <= 12 and a != b else None
    mention = _mention(
        m, "numeric-dmy" if day_first else "numeric-mdy", "day", value=day, end_value=day, ymd=(y, mo, d),
        valid=day is not None, alternative=alternative,
    )  # fmt: skip
    return _with_time(_with_weekday(mention, prose), prose)


def _time_only(m: regex.Match[str], g: _Groups) -> DateMention | None:
    """A time (北京时间 00:30, 10am PT) or a zone (UTC+8) with no date: kept, with no date value."""
    if g["zone"]:
        return _mention(m, "zone", "time", value=None, end_value=None, tz=" ".join(g["zone"].split()))
    if g["zt"]:
        hour, minute = int(g["zth"]), int(g["ztm"] or g["ztm2"] or (30 if g["zthalf"] else 0))
        if g["ztp"] in ("下午", "傍晚", "晚上") and hour < 12:
            hour += 12
        tz = "北京时间"
    else:
        hour, minute = int(g["eth"] or g["eth2"]), int(g["etm"] or g["etm2"] or 0)
        ap = (g["etap"] or "").lower().replace(".", "")
        if ap and not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "pm" else 0) if ap else hour
        tz = g["etz"] or g["etz2"] or ""
    if hour > 23 or minute > 59:
        return None
    return _mention(m, "time", "time", value=None, end_value=None, time=dt.time(hour, minute), tz=tz)


def _with_weekday(mention: DateMention, prose: str) -> DateMention:
    """Attach a weekday written right before or after a day: "Tuesday, March 5", "2月3日 周三"."""
    if mention.precision != "day" or mention.weekday is not None:
        return mention
    before = _WD_BEFORE.search(prose, max(0, mention.start - 14), mention.start)
    wq, wd = before.group(*_WD_BEFORE_GROUPS) if before is not None else (None, "")
    if (
        before is not None
        and (before.start() == 0 or not (wd.isascii() and prose[before.start() - 1].isalpha()))
        and _same_script(mention, wd)
        and not _RANGE_BEFORE.search(prose, max(0, before.start() - 3), before.start())
    ):
        span = before.span(_WD_BEFORE_GROUPS[1])
    else:
        after = _WD_AFTER.match(prose, mention.end, min(len(prose), mention.end + 16))
        if after is None:
            return mention
        wq, wd = after.group(*_WD_AFTER_GROUPS)
        if not _same_script(mention, wd):
            return mention
        span = after.span(_WD_AFTER_GROUPS[1])
    # "1月14日（下周日）": the weekday names its week, which pins the year of a year-less date
    week = _WEEK_OFFSET.get(wq.strip().lower()) if wq else None
    return _replace(mention, weekday=_weekday_of(wd), weekday_span=span, week=week, future=week == 1)


def _same_script(mention: DateMention, weekday: str) -> bool:
    """A Chinese weekday goes with a Chinese or numeric date, an English one with an English or numeric date."""
    if mention.form.startswith("numeric") or mention.form == "rare":
        return True
    return mention.form.startswith("zh") != weekday.isascii()


def _with_time(mention: DateMention, prose: str) -> DateMention:
    """Extend a day with the time and zone written right after it."""
    t = _TIME_AFTER.match(prose, mention.end, min(len(prose), mention.end + 40))
    if t is None:
        return mention
    h, h2, mi, s, ap, ap2, tz, zpre = t.group(*_TIME_GROUPS)
    if h is None and h2 is None:
        return mention
    hour = int(h or h2)
    minute = int(mi or 0)
    ap = (ap or ap2 or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return mention
    second = int(s or 0) if s and int(s) < 60 else 0
    tz = (tz or zpre or "").strip()
    end = t.end()
    return _replace(mention, end=end, text=prose[mention.start : end], time=dt.time(hour, minute, second), tz=tz)


def _replace(mention: DateMention, **changes: Any) -> DateMention:
    values = list(mention)
    for name, value in changes.items():
        index = _FIELD_INDEX.get(name)
        if index is not None:  # a name that is no field is ignored
            values[index] = value
    return DateMention._make(values)


# -- resolution against the publication date ------------------------------------------------


def closest_year(month: int, day: int, pub: dt.date, *, after: bool) -> dt.date | None:
    """The month/day in the year that puts it closest before (or after) ``pub``."""
    years = (pub.year + 1, pub.year, pub.year - 1) if not after else (pub.year - 1, pub.year, pub.year + 1)
    for y in years:
        day_value = _safe_date(y, month, day)
        if day_value is None:
            continue
        if (not after and day_value <= pub) or (after and day_value >= pub):
            return day_value
    # Feb 29 and the like: the nearest leap year on the chosen side
    step = 1 if after else -1
    for k in range(1, 9):
        day_value = _safe_date(pub.year + step * k, month, day)
        if day_value is not None:
            return day_value
    return None


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _resolve(mention: DateMention, pub: dt.date | None, future: bool, bounds: tuple[int, int]) -> DateMention:
    future = future or mention.future
    if mention.value is not None or (not mention.valid and not mention.relative) or pub is None:
        return _replace(mention, future=future, sentence=bounds)
    if mention.relative:
        mention = _replace(mention, future=future, sentence=bounds)
        return _replace(mention, **_relative(mention, pub))
    if mention.form == "zh-quarter":  # 第四季度 without a year: the publication year's
        q = ZH_NUMERALS[mention.qualifier[1]]
        first, last = _month_range(pub.year, 3 * q - 2, 3 * q)
        return _replace(mention, value=first, end_value=last, future=future, sentence=bounds)
    _, month, day = mention.ymd
    if month is None or day is None:
        return _replace(mention, future=future, sentence=bounds)
    if (
        mention.week is not None and mention.weekday is not None
    ):  # 本周一（2月23日）: the year that puts it in that week
        named = _weekday_day(mention.weekday, mention.week, pub)
        candidates = (_safe_date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1))
        value = min((c for c in candidates if c is not None), key=lambda c: abs((c - named).days), default=None)
    else:
        value = closest_year(month, day, pub, after=future)
    return _replace(mention, value=value, end_value=value, future=future, sentence=bounds)


_ZH_RELATIVE_WORD = regex.compile(_ZH_RELATIVE_WORDS)


def _relative(mention: DateMention, pub: dt.date) -> dict[str, Any]:
    word = " ".join(mention.text.lower().split())
    if mention.form == "zh-relative":
        found = _ZH_RELATIVE_WORD.match(word)
        word = found[0] if found else word
    years = {"今年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2, "this year": 0, "last year": -1, "next year": 1}
    months = {"上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "下个月": 1, "下月": 1,
              "last month": -1, "this month": 0, "next month": 1}  # fmt: skip
    weeks = {"本周": 0, "这周": 0, "上周": -1, "下周": 1, "this week": 0, "last week": -1, "next week": 1}
    days = {"今天": 0, "昨天": -1, "明天": 1, "前天": -2, "后天": 2, "today": 0, "yesterday": -1, "tomorrow": 1}
    if word in years:
        y = pub.year + years[word]
        _, month, day = mention.ymd
        if month is not None:
            if not mention.valid:
                return {}
            if day is None:
                first, last = _month_range(y, month, month)
                return {"value": first, "end_value": last, "precision": "month"}
            value = _safe_date(y, month, day)
            return {"value": value, "end_value": value, "precision": "day", "valid": value is not None}
        qual = mention.qualifier
        if qual:
            if "季" in qual:
                q = ZH_NUMERALS.get(qual.strip("第季度 ")[-1:], 1)
                first, last = _month_range(y, 3 * q - 2, 3 * q)
                return {"value": first, "end_value": last, "precision": "quarter"}
            first, last = _month_range(y, *_QUAL[qual])
            return {"value": first, "end_value": last, "precision": "year"}
        return {"value": dt.date(y, 1, 1), "end_value": dt.date(y, 12, 31), "precision": "year"}
    if word in months:
        first = _shift_month(pub, months[word])
        return {"value": first, "end_value": _natural_end(first, "month"), "precision": "month"}
    if word in weeks:
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=weeks[word])
        return {"value": monday, "end_value": monday + dt.timedelta(days=6), "precision": "day"}
    if word in days:
        day = pub + dt.timedelta(days=days[word])
        return {"value": day, "end_value": day, "precision": "day"}
    if mention.form.endswith("weekday") and mention.weekday is not None:
        day = _weekday_day(mention.weekday, mention.week, pub, future=mention.future)
        return {"value": day, "end_value": day}
    return {}


_WEEK_OFFSET = {"本": 0, "这": 0, "this": 0, "上": -1, "上个": -1, "last": -1, "下": 1, "下个": 1, "next": 1}


def _weekday_day(weekday: int, week: int | None, pub: dt.date, *, future: bool = False) -> dt.date:
    """The day a weekday names: 上周二 / "last Tuesday" in the (Monday-first) week before the
    publication date's, 本周二 in its week; a bare "Tuesday" the nearest one on or before the
    publication date (on or after it when the sentence speaks of the future)."""
    if week is not None:
        monday = pub - dt.timedelta(days=pub.weekday())
        return monday + dt.timedelta(weeks=week, days=weekday)
    if future:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


# -- the document-level entry point ----------------------------------------------------------

CONTEXT = 240


def sentence_bounds(doc: Document, offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (or its line when it is outside the prose blocks)."""
    sentences = doc.sentences
    starts = doc.memo(_sentence_starts)
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return sentences[i].start, sentences[i].end
    line = doc.position(offset)[0]
    start = doc.line_starts[line - 1]
    end = doc.text.find("\n", start)
    return start, end if end >= 0 else len(doc.text)


def _sentence_starts(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def extract_dates(doc: Document) -> list[DateMention]:
    """Every date mention of the document, resolved against its publication date (memoised)."""
    return doc.memo(_extract_dates, publication(doc))


def _extract_dates(doc: Document, pub: dt.date | None) -> list[DateMention]:
    prose = doc.memo(_readable_prose)
    out: list[DateMention] = []
    for mention in _scan(prose):
        first, last = sentence_bounds(doc, mention.start)
        # at most CONTEXT characters each side: a 5 MB line with no full stop is one "sentence"
        bounds = (max(first, mention.start - CONTEXT), min(last, mention.end + CONTEXT))
        sentence = prose[bounds[0] : bounds[1]]
        future = is_future(sentence)
        out.append(_resolve(mention, pub, future, bounds))
    return out


def extract_text(text: str, published: dt.date | None = None, path: str = "article.md") -> list[DateMention]:
    """Convenience for tests and scripts: parse ``text`` and extract its dates."""
    from factlint.document import parse
    from factlint.model import MetaValue

    doc = parse(path, text)
    doc.metadata = resolve(doc)
    if published is not None:
        doc.metadata["published"] = MetaValue(published, "test")
    return extract_dates(doc)
