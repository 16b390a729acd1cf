"""Claims: a quantity tied to a subject, a metric, a period and a modality.

One :class:`Analysis` per document holds every sentence's quantities, the entities and
metrics found, and the claims; the rules of this plugin reuse it (it is cached per document).

* Subject: the gazetteer in ``data/entities.yaml`` (Chinese and English aliases), the names
  in the article's front matter (``companies_orgs``, ``people``, ``products_models``, ``tags`` …)
  and capitalised names of English text. A sentence without one (``It``, ``its``, ``该公司``,
  ``其``, or no subject at all) takes the entity the paragraph is about: the last entity that
  stood as the subject of a sentence of the paragraph (else the previous paragraph's).
* Metric: the lexicon in ``data/metrics.yaml``, nearest to the quantity in its clause, and of
  a compatible unit (a valuation is money, a market share a percentage).
* Period: a year, month, quarter or fiscal period in the clause or sentence, or ``""``.
* Modality: expected/forecast/guidance, plan/target, or hypothetical, from cue words.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import regex
import yaml

from factlint.model import Claim, Modality, new_named_tuple
from factlint_numbers.quantities import Mention, extract, normalize
from factlint_numbers.words import COMMON_CAPITALISED

if TYPE_CHECKING:
    from factlint.document import Document, Sentence

WINDOW = 400  # characters around a figure that its clause and period may span
EXTRACTOR = "factlint_numbers"
DATA_DIR = Path(__file__).resolve().parent / "data"
FRONT_MATTER_NAME_KEYS = (
    "companies_orgs", "companies", "organizations", "organisations", "orgs", "people", "persons",
    "products_models", "products", "models", "entities", "tags", "brands",
)  # fmt: skip

# -- lexicons --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricInfo:
    name: str
    unit: str  # currency | percent | count
    single: bool


@dataclass(eq=False)  # the same by identity: an analysis is kept per document and lexicon
class Lexicon:
    """The gazetteer and the metric lexicon, with their compiled patterns."""

    entities: dict[str, str] = field(default_factory=dict)  # alias → canonical
    metrics: dict[str, MetricInfo] = field(default_factory=dict)  # alias (lowercase) → metric
    entity_re: WordPattern | None = None
    metric_re: WordPattern | None = None
    extra_re: WordPattern | None = None  # the article's own names (front matter)

    def compile(self) -> None:
        self.entity_re = _alternation(self.entities)
        self.metric_re = _alternation(self.metrics)


class WordPattern:
    """A word list as a pattern: ASCII words match whole words only, the longest word first.

    It behaves as the alternation ``ascii words | other words`` but searches the two halves
    apart, each shaped as a trie (one branch per first character, then per next character …):
    the regex engine tries a flat alternation of a hundred words at every character, which
    made the lexicon lookups the slowest part of claim extraction.

    The halves are compiled with the standard library's engine, two to three times faster here
    than the regex module: they hold only literal characters, groups, alternation, ``?`` and
    ASCII lookarounds, which both engines match alike. The ASCII half checks its word start
    after the first character (``a(?<![A-Za-z0-9]a)…``, the same test as ``(?<![A-Za-z0-9])a…``)
    so that the pattern starts with its first characters, which that engine skips to quickly.
    """

    def __init__(self, words: Iterable[str]) -> None:
        unique = {w for w in words if w.strip()}  # an empty alias in a user's file names nothing
        ascii_words = {w for w in unique if w.isascii()}
        other = unique - ascii_words
        ascii_pattern = rf"{_trie(ascii_words, '[A-Za-z0-9]')}(?![A-Za-z0-9])" if ascii_words else ""
        self._patterns = [re.compile(pattern) for pattern in (ascii_pattern, _trie(other) if other else "") if pattern]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of the alternation, left to right; at one offset an ASCII word wins."""
        endpos = len(text) if endpos is None else endpos
        if len(self._patterns) == 1:
            yield from self._patterns[0].finditer(text, pos, endpos)
            return
        first, second = self._patterns
        a = first.search(text, pos, endpos)
        b = second.search(text, pos, endpos)
        while a is not None and b is not None:
            taken = b if b.start() < a.start() else a  # the leftmost; on a tie the ASCII half
            yield taken
            pos = taken.end()
            # the match taken, or one of the other half it covers, is replaced by the next one
            if a.start() < pos:
                a = first.search(text, pos, endpos)
            if b.start() < pos:
                b = second.search(text, pos, endpos)
        # One half has no match left: the rest are the other half's own successive matches
        # (a search from the end of each is what finditer does, as no match is empty: there is
        # no empty word).
        last, pattern = (a, first) if a is not None else (b, second)
        if last is not None:
            yield last
            yield from pattern.finditer(text, last.end(), endpos)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return next((m for p in self._patterns if (m := p.fullmatch(text)) is not None), None)


def _trie(words: Iterable[str], not_after: str = "") -> str:
    """A pattern matching the longest of ``words`` that fits, as a trie: ``ab|abc|b`` → ``(?:ab(?:c)?|b)``.

    At each node the longer continuations are tried before the word that ends there, so the
    result is the one a longest-first alternation gives, backtracking included. With
    ``not_after`` (a character class), a word must not follow such a character: each first
    character is followed by the lookbehind ``(?<!{not_after}a)``."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, dict[str, Any]], guard: str = "") -> str:
        branches = [
            re.escape(ch) + (f"(?<!{guard}{re.escape(ch)})" if guard else "") + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root, not_after)


@lru_cache(maxsize=1024)
def _alternation_of(words: frozenset[str]) -> WordPattern:
    return WordPattern(words)


def _alternation(words: Iterable[str]) -> WordPattern:
    """The pattern of a word list, compiled once per distinct list (articles of one site
    share their front-matter tags)."""
    return _alternation_of(frozenset(words))


# libyaml's loader when PyYAML has it: the shipped lexicons take it a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(name: str) -> Any:
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=_YAML_LOADER)


def _add_entities(lex: Lexicon, data: Any, where: str) -> None:
    items = data.get("entities") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"{where}: expected a mapping with an 'entities' list")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: every entity needs a 'name'")
        lex.entities[item["name"]] = item["name"]
        for alias in item.get("aliases") or ():
            lex.entities[str(alias)] = item["name"]


def _add_metrics(lex: Lexicon, data: Any, where: str) -> None:
    items = data.get("metrics") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f"{where}: expected a mapping with a 'metrics' list")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: every metric needs a 'name'")
        unit = item.get("unit", "currency")
        if unit not in ("currency", "percent", "count"):
            raise ValueError(f"{where}: metric {item['name']!r}: unit must be currency, percent or count")
        info = MetricInfo(item["name"], unit, bool(item.get("single", False)))
        for alias in [item["name"], *(item.get("en") or ()), *(item.get("zh") or ()), *(item.get("aliases") or ())]:
            lex.metrics[str(alias).lower()] = info


@lru_cache(maxsize=1)
def _builtin() -> Lexicon:
    lex = Lexicon()
    _add_entities(lex, _read_yaml("entities.yaml"), "entities.yaml")
    _add_metrics(lex, _read_yaml("metrics.yaml"), "metrics.yaml")
    lex.compile()
    return lex


_ACTIVE: list[Lexicon] = []  # the lexicon extended by the files named in config, if any


def builtin_lexicon() -> Lexicon:
    """The gazetteer and metric lexicon in use: the shipped data plus configured files."""
    return _ACTIVE[0] if _ACTIVE else _builtin()


def configure_lexicon(entity_files: Iterable[Path], metric_files: Iterable[Path]) -> None:
    """Extend the shipped lexicon with users' YAML files (same layout as ``data/*.yaml``)."""
    entity_files, metric_files = list(entity_files), list(metric_files)
    _ACTIVE.clear()
    if not entity_files and not metric_files:
        return
    base = _builtin()
    lex = Lexicon(dict(base.entities), dict(base.metrics))
    for path in entity_files:
        _add_entities(lex, yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    for path in metric_files:
        _add_metrics(lex, yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    lex.compile()
    _ACTIVE.append(lex)


def _doc_lexicon(doc: Document) -> Lexicon:
    """The built-in lexicon plus the names the article's front matter lists."""
    base = builtin_lexicon()
    names = _front_matter_names(doc)
    extra = {n: base.entities.get(n, n) for n in names if n not in base.entities}
    if not extra:
        return base
    lex = Lexicon(dict(base.entities), base.metrics)
    lex.entities.update(extra)
    lex.metric_re = base.metric_re
    lex.entity_re = base.entity_re
    lex.extra_re = _alternation(extra)
    return lex


_GENERIC_TAGS = frozenset(
    [
        "LLM",
        "LLMs",
        "AGI",
        "GPU",
        "GPUs",
        "API",
        "APIs",
        "SaaS",
        "Tech",
        "News",
        "Business",
        "Startup",
        "Startups",
        "Finance",
        "Crypto",
        "China",
        "USA",
        "Policy",
        "Research",
        "Opinion",
        "Markets",
        "Economy",
        "Funding",
        "Earnings",
        "Cloud",
        "Security",
        "Data",
        "Science",
        "Open",
        "Source",
        "人工智能",
        "科技",
        "新闻",
        "融资",
        "财报",
        "创业",
        "大模型",
        "芯片",
    ]
)


def _front_matter_names(doc: Document) -> list[str]:
    fm = doc.front_matter or {}
    out: list[str] = []
    for key in FRONT_MATTER_NAME_KEYS:
        value = fm.get(key)
        items = value if isinstance(value, list) else ([value] if isinstance(value, str) else [])
        for item in items:
            if isinstance(item, str):
                name = item.strip()
                if 2 < len(name) <= 40 and not name.isdigit() and not name.islower() and name not in _GENERIC_TAGS:
                    out.append(name)
    return out


# -- patterns ------------------------------------------------------------------------------------

# A capitalised English name: "OpenRouter", "Micron Technology", "Sam Altman".
_CAP_NAME = regex.compile(
    r"(?<![A-Za-z0-9'’-])[A-Z][A-Za-z0-9&.-]*[a-zA-Z0-9](?:\s[A-Z][A-Za-z0-9&-]*[a-zA-Z0-9]){0,3}"
)
_CAP_STOP = COMMON_CAPITALISED | frozenset(
    [
        "AI",
        "API",
        "After",
        "Also",
        "Apr",
        "April",
        "As",
        "Aug",
        "August",
        "Before",
        "But",
        "CEO",
        "CFO",
        "COO",
        "CTO",
        "Chapter",
        "Dec",
        "December",
        "EU",
        "EUR",
        "Either",
        "FY",
        "Feb",
        "February",
        "Figure",
        "Friday",
        "GAAP",
        "GBP",
        "Gross",
        "Growth",
        "Guidance",
        "HKD",
        "He",
        "Here",
        "How",
        "However",
        "I",
        "IPO",
        "If",
        "Image",
        "It",
        "JPY",
        "Jan",
        "January",
        "Jul",
        "July",
        "Jun",
        "June",
        "Key",
        "Many",
        "Mar",
        "March",
        "Market",
        "May",
        "Me",
        "Meanwhile",
        "Monday",
        "Moreover",
        "Most",
        "My",
        "Neither",
        "Net",
        "New",
        "No",
        "Not",
        "Note",
        "Nov",
        "November",
        "Oct",
        "October",
        "Part",
        "Photo",
        "Please",
        "Price",
        "Published",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "RMB",
        "Read",
        "Related",
        "Saturday",
        "Second",
        "Section",
        "Sep",
        "Sept",
        "September",
        "Share",
        "She",
        "So",
        "Source",
        "Step",
        "Such",
        "Summary",
        "Sunday",
        "Table",
        "Thanks",
        "Them",
        "There",
        "They",
        "Third",
        "Thursday",
        "Today",
        "Tuesday",
        "UK",
        "US",
        "USA",
        "USD",
        "Update",
        "Updated",
        "Us",
        "Valuation",
        "Version",
        "We",
        "Wednesday",
        "What",
        "When",
        "Where",
        "Which",
        "While",
        "Who",
        "Why",
        "Without",
        "Yes",
        "Yet",
        "You",
        "Your",
    ]
)
# "it", "its", "they", "their", "the company" … or 该公司, 其 …: the pattern
# (?<![A-Za-z])(?:[Ii]ts?|[Tt]hey|[Tt]heir|[Tt]he (?:company|…))(?![A-Za-z])|该公司|…, spelled for
# the standard library's engine with one alternative per first letter and its lookbehind checked
# after that letter (the same test): with every alternative beginning with a literal character,
# the engine skips to those characters instead of trying the pattern at each one. It holds only
# literals, ASCII classes and lookarounds, which both engines match alike. It is searched from
# each sentence's start to each figure.
_THE_NOUNS = "company|firm|startup|group|business|platform|chipmaker"
_PRONOUN = re.compile(
    "|".join(
        [
            *(f"{c}(?<![A-Za-z]{c})ts?(?![A-Za-z])" for c in "Ii"),
            *(f"{c}(?<![A-Za-z]{c})(?:hey|heir|he (?:{_THE_NOUNS}))(?![A-Za-z])" for c in "Tt"),
            "该公司", "该企业", "这家公司", "该平台", "其", "它",
        ]
    )
)  # fmt: skip
_NOT_SUBJECT_BEFORE = regex.compile(
    r"(?:根据|据|依据|来自|比如|例如|如|包括|像|(?i:according\s+to|via|like|such\s+as|including|per|from|by|vs\.?|versus|than))\s?$"
)
# The last characters of _NOT_SUBJECT_BEFORE's words (ſ is an s to (?i)): where the text before an
# entity, blanks stripped, ends with none of them, the pattern cannot match there.
_NOT_SUBJECT_LAST = frozenset("据自如括像oOaAeEgGsSſrRmMyYnN.")
# regex's \s (the Unicode White_Space characters) spelled out for the standard library's engine,
# whose own \s takes a few more (\x1c-\x1f).
WHITE_SPACE = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# The standard library's engine: more than twice as fast here, and with \s spelled out the same pattern.
_CLAUSE_SEP = re.compile(rf"[，,;；:：()（）\[\]【】]|{WHITE_SPACE}[-–—]{WHITE_SPACE}|—")
# The last place _CLAUSE_SEP matches: the greedy .* is given back one character at a time from the end.
_LAST_SEP = re.compile(rf"(?s:.*)({_CLAUSE_SEP.pattern})")
_SEP_RUN = frozenset("-–—" + "".join(re.findall(WHITE_SPACE, "".join(map(chr, range(0x3001))))))


def _last_separator_end(norm: str, lo: int, pos: int) -> int:
    """The end of the last separator ``_CLAUSE_SEP.finditer(norm, lo, pos)`` finds, else ``lo``.

    That scan is not run from ``lo``: only from before the last place a separator matches. The
    scan from ``lo`` tries every place not inside one of its matches; only a three-character
    match (blank, dash, blank) can cover a place, whose character before is then a blank or a
    dash. So after backing over blanks and dashes, the scan from there is in step with the
    scan from ``lo``, and it meets a separator (at the last place, or one covering it)."""
    last = _LAST_SEP.match(norm, lo, pos)
    if last is None:
        return lo
    p = last.start(1)
    while p > lo and norm[p - 1] in _SEP_RUN:
        p -= 1
    end = lo
    for m in _CLAUSE_SEP.finditer(norm, p, pos):
        end = m.end()
    return end


# An amount between a metric and a figure (_metric): precompiled, as the module-level
# regex.search spends more in its pattern cache and flags than in the search.
_AMOUNT_IN = regex.compile(r"[0-9].*(?:美元|元|\$|%)")
_CONTRAST = regex.compile(
    r"\s*(?:(?i:vs\.?|versus|compared\s+(?:with|to)|against|up\s+from|down\s+from)|相比|较|对比|高于|低于)"
)
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})


def ascii_lower(text: str) -> str:
    """Lower case with the same length (``str.lower`` is fast but may lengthen rare letters)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _ascii_lower_in(text: str, ranges: list[tuple[int, int]]) -> str:
    """``ascii_lower(text)`` in the given ranges (sorted, apart) and the character before each;
    elsewhere the text as it is, of the same length: lowering a whole article cost more than
    all that is read from it, its paragraphs that hold a figure.

    ``str.lower`` lengthens only İ (:func:`ascii_lower` then translates the whole text), and
    reads around one letter only, a Σ (final or not), as far as the nearest character that is
    neither cased nor case-ignorable: a line break is neither, so each range, widened to the line
    breaks around it, lowers as it does in the whole text."""
    if "\u0130" in text:
        return text.translate(_ASCII_LOWER)
    parts: list[str] = []
    done = 0  # text[:done] is in parts
    for lo, hi in ranges:
        start = max(text.rfind("\n", done, max(lo - 1, 0)), done)
        end = text.find("\n", max(hi, start))
        end = len(text) if end < 0 else end + 1
        parts.append(text[done:start])
        parts.append(text[start:end].lower())
        done = end
    parts.append(text[done:])
    return "".join(parts)


_CJK = regex.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# For _title_case_counts: ASCII capitals to A, small letters to a, every other byte to a blank.
_LETTER_CLASSES = bytes(65 if 65 <= c <= 90 else 97 if 97 <= c <= 122 else 32 for c in range(256))


def _title_case_counts(text: str) -> tuple[int, int]:
    """The number of words of ``text`` (``[A-Za-z][A-Za-z'’-]*``, as found by ``findall``) and of
    those that begin with a capital, counted without a match per word (the regex engine made
    this the costliest part of finding names).

    A word begins at the first letter of a run of its characters ([A-Za-z'’-]) and takes the
    rest of the run: each run that holds a letter is one word. Once ', ’ and - are
    deleted, every other character but a letter is made a blank and a blank is put before the
    text, each word is a run of letters after a blank: one " A" or " a" each."""
    classes = b" " + text.replace("’", "'").encode("ascii", "replace").translate(_LETTER_CLASSES, b"'-")
    caps = classes.count(b" A")
    return caps + classes.count(b" a"), caps


_ZH_DE_ENTITY = regex.compile(r"[\u4e00-\u9fff\s]{0,6}的\s?$")

_PERIOD = regex.compile(
    r"""
    (?P<fyq>(?i:Q(?P<q1>[1-4])\s?(?:of\s)?FY\s?'?(?P<fy1>(?:19|20)?\d{2}))
           |(?i:FY\s?'?(?P<fy2>(?:19|20)?\d{2})\s?Q(?P<q2>[1-4])))
  | (?P<yq>(?P<y3>(?:19|20)\d{2})\s?(?:年\s?)?
             (?:第(?P<zq3>[一二三四1-4])季度|Q(?P<q3>[1-4])|(?P<h3>上|下)半年|H(?P<hh3>[12]))
          |(?i:Q(?P<q4>[1-4])|(?P<h4>first|second|third|fourth)\s+quarter(?:\s+of)?)
             \s?,?\s?(?P<y4>(?:19|20)\d{2}))
  | (?P<fy>(?i:FY\s?'?(?P<fy5>(?:19|20)?\d{2})|fiscal\s+(?:year\s+)?(?P<fy6>(?:19|20)\d{2})))
  | (?P<ym>(?P<y7>(?:19|20)\d{2})\s?年\s?(?P<m7>\d{1,2})\s?月
          |(?P<mon8>(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\s+(?P<y8>(?:19|20)\d{2}))
  | (?P<asof>(?:截至|截止|到)\s?(?P<y9>(?:19|20)\d{2})\s?年?
          |(?i:by|as\s+of|through)\s+(?:(?:the\s+)?end\s+of\s+)?(?P<y10>(?:19|20)\d{2})(?![\d-]))
  | (?P<year>(?<![\d.$])(?P<y11>(?:19|20)\d{2})(?:\s?年(?!代))?(?![\d%.,]|\s?(?:亿|万|美元|元)))
  | (?P<q>(?i:Q(?P<q12>[1-4])(?![\d])|(?P<h12>first|second|third|fourth)\s+quarter)
          |第(?P<zq12>[一二三四])季度|(?P<half>[上下])半年)
  | (?P<prev>一年前|去年|上一年|前一年
          |(?i:a\s+year\s+(?:earlier|ago|before)|last\s+year|the\s+previous\s+year|prior\s+year))
  | (?P<this>今年|本年度|(?i:this\s+year))
  | (?P<next>明年|(?i:next\s+year))
    """,
    regex.VERBOSE,
)
# Where a _PERIOD match may begin: the start of each of its alternatives, up to a year digit or a
# word that alternative needs, searched in the ASCII-lowercased text. Every place _PERIOD matches,
# this matches too: its letters stand for _PERIOD's case-insensitive ones (which also match ſ for
# s and İ for i), its \s is the standard library's, which takes every character regex's \s takes,
# and [a-z] after a month name is read lowercased. The standard library's engine skips to these
# literals fast, while _PERIOD costs about as much at each character of a sentence.
#
# Every alternative begins with a literal character (ſecond apart from second, each month on its
# own): only then does the engine scan for the set of those first characters and try the
# alternatives only there; an alternative that begins with a class or a group makes it try them
# all at every character, four times slower.
_AT_YEAR = r"(?:19|20)"
_PERIOD_START = re.compile(
    "|".join(
        [
            "19", "20", "截至", "截止", "到", "第[一二三四]季度", "上半年", "下半年", "一年前", "去年", "上一年",
            "前一年", "今年", "本年度", "明年", "q[1-4]", "fy", rf"f[iİ][sſ]cal\s+(?:year\s+)?{_AT_YEAR}",
            *(rf"{first}\s+quarter" for first in ("f[iİ]r[sſ]t", "second", "ſecond", "th[iİ]rd", "fourth")),
            *(rf"{month}[a-z]*\.?\s+{_AT_YEAR}" for month in (
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "ſep", "oct", "nov", "dec"
            )),
            *(rf"{word}\s+(?:(?:the\s+)?end\s+of\s+)?{_AT_YEAR}" for word in ("by", r"a[sſ]\s+of", "through")),
            *(rf"{word}\s+year" for word in (
                "a", "la[sſ]t", r"the\s+prev[iİ]ou[sſ]", "pr[iİ]or", "th[iİ][sſ]", "next"
            )),
        ]
    )
)  # fmt: skip


def _find_periods(norm: str, lower: str, start: int, end: int) -> list[regex.Match[str]]:
    """``list(_PERIOD.finditer(norm, start, end))``, trying _PERIOD only where _PERIOD_START
    finds a possible beginning (``lower`` is ``norm`` ASCII-lowercased, of the same length)."""
    found: list[regex.Match[str]] = []
    pos = start
    while (hint := _PERIOD_START.search(lower, pos, end)) is not None:
        m = _PERIOD.match(norm, hint.start(), end)
        if m is None:
            pos = hint.start() + 1
        else:
            found.append(m)  # never empty: the search goes on after it, as finditer does
            pos = m.end()
    return found


_ZH_Q = {"一": "1", "二": "2", "三": "3", "四": "4"}
_EN_Q = {"first": "1", "second": "2", "third": "3", "fourth": "4"}

# Each cue pattern below has a hint (_PAST_HINT …, after them) that must find every word it
# takes: a word added to a pattern goes into its hint too, and into CUE_TEXTS of the hints' test.
_EXPECTED = regex.compile(
    r"预计|预期|预测|估计|预估|有望|将达|或将|可能|未来|指引|展望|"
    r"(?i:guidance|guided|guiding|expect(?:ed|s|ations?)?|forecast\w*|project(?:ed|ion|ions|s)|estimate[sd]?|"
    r"anticipat\w+|consensus|outlook|predict\w*|likely|future|potential(?:ly)?|will\s+(?:reach|hit|be))|"
    r"(?<![A-Za-z])(?:could|may|might|would)(?![A-Za-z])"
)
_PLANNED = regex.compile(
    r"计划|目标|打算|拟|寻求|争取|希望|(?i:plans?|planned|planning|target(?:s|ed|ing)?|goal|aims?|aiming|"
    r"seek(?:s|ing)?|hopes?|intends?|wants?\s+to)"
)
# A figure told as history ("当时", "收购 Instagram 时，", "at the time", "back then"): its period is
# some past moment the sentence does not name.
_PAST = regex.compile(
    r"当时|那时|曾经|曾|此前|之前|以前|早期|最初|起初|[\u4e00-\u9fff]时[，,]|"
    r"(?i:at\s+the\s+time|previously|back\s+then|formerly|used\s+to|originally|initially|at\s+launch|when\s)"
)
_HYPOTHETICAL = regex.compile(r"如果|若|假如|假设|(?i:(?<![A-Za-z])if(?![A-Za-z])|assuming|suppose)")


# What the lowered text may hold where (?i) of the regex module takes a letter for another
# character too (see _lowered).
_VARIANTS = {"i": "i\u0130", "k": "k\u212a", "s": "s\u017f"}


def _lowered(word: str) -> str:
    """A lowercase ASCII word as a standard-library pattern that finds, in the lowered text
    (:func:`ascii_lower`), every place where ``(?i:word)`` (a blank standing for ``\\s+``)
    matches the original text.

    Lowering maps every ASCII letter to its lowercase one. Of the other characters that regex's
    (?i) takes for an ASCII letter (only İ for i, the Kelvin sign K for k and ſ for s, as
    test_case_insensitive_letters checks), ``str.lower`` keeps ſ, maps K to k, and is not used
    at all when İ is in the text (it lengthens it): so each of those three letters becomes a
    class that also holds its variant. The standard library's \\s takes every character regex's
    \\s takes, and lowering changes no blank."""
    spelled = {letter: f"[{both}]" for letter, both in _VARIANTS.items()} | {" ": r"\s+"}
    return "".join(spelled.get(ch, re.escape(ch)) for ch in word)


def lowered_forms(word: str) -> list[str]:
    """Every spelling, in the lowered text, of what ``(?i:word)`` matches in the text (``word``
    being lowercase ASCII letters; see :func:`_lowered`): a search of these literals there
    finds what that pattern finds, and compiles and runs several times faster with the
    standard library's engine."""
    return ["".join(letters) for letters in itertools.product(*(_VARIANTS.get(ch, ch) for ch in word))]


def _hint(literals: str, words: Iterable[str]) -> re.Pattern[str]:
    """A cheap search, on the lowered text, of the places where a cue pattern may match: its
    Chinese ``literals`` (an alternation, as in the pattern) or a prefix of one of its
    case-insensitive ``words`` (a lowercase word the pattern takes in that case only is found in
    any case: the hint may take more). Where the hint finds nothing, the pattern cannot match.

    A word whose first letter has a variant (``if``) is spelled as one alternative per variant
    (``if|İf``): with every alternative beginning with a literal character, the engine looks for
    those characters only, instead of trying every alternative at every character."""
    first_letters = [
        re.escape(first) + _lowered(word[1:]) for word in words for first in _VARIANTS.get(word[0], word[0])
    ]
    return re.compile("|".join([literals, *first_letters]))


# The hints of the cue patterns above, searched in the same window before them: each finds
# every place its pattern matches (a prefix of each alternative, without the lookarounds, which
# only narrow the pattern; 曾 for 曾经|曾; 时， for the 时， of [\u4e00-\u9fff]时，, which lies in
# the same window), so where a hint finds nothing its pattern is not run.
# The regex module tries those alternations of case-insensitive words at every character (_PAST
# costs seven times what its hint does), and few clauses hold one of their words.
_PAST_HINT = _hint(
    r"当时|那时|曾|此前|之前|以前|早期|最初|起初|时[，,]",
    ["at the time", "previously", "back then", "formerly", "used to", "originally", "initially", "at launch",
     "when "],
)  # fmt: skip
_HYPOTHETICAL_HINT = _hint(r"如果|若|假如|假设", ["if", "assuming", "suppose"])
_EXPECTED_HINT = _hint(
    r"预计|预期|预测|估计|预估|有望|将达|或将|可能|未来|指引|展望",
    ["guid", "expect", "forecast", "project", "estimate", "anticipat", "consensus", "outlook", "predict", "likely",
     "future", "potential", "will reach", "will hit", "will be", "could", "may", "might", "would"],
)  # fmt: skip
_PLANNED_HINT = _hint(
    r"计划|目标|打算|拟|寻求|争取|希望",
    ["plan", "target", "goal", "aim", "seek", "hope", "intend", "want"],
)


def _hinted(hint: re.Pattern[str], lower: str, pos: int, endpos: int) -> bool:
    """Whether ``hint`` finds a place in ``lower[pos:endpos]`` where its pattern may match."""
    return hint.search(lower, pos, endpos) is not None


# -- analysis ------------------------------------------------------------------------------------


@dataclass
class SentenceInfo:
    index: int
    start: int
    end: int
    block: int
    mentions: list[Mention]


@dataclass
class Analysis:
    """Everything the numbers plugin read from one document."""

    sentences: list[SentenceInfo]
    claims: list[Claim]
    mention_claims: dict[int, Claim]  # mention start → its claim
    norm: str = ""  # the prose with full-width digits normalised
    lower: str = ""  # norm ASCII-lowercased (ascii_lower) in the sentences above, elsewhere norm as it is


def analyse(doc: Document) -> Analysis:
    """The analysis of a document (made once per document and lexicon in use)."""
    return doc.memo(_analyse, builtin_lexicon())


def _analyse(doc: Document, _lexicon: Lexicon) -> Analysis:
    return _Analyser(doc).run()  # (the lexicon, builtin_lexicon(), is the key's: the analyser reads it)


@dataclass
class _Ent:
    start: int
    end: int
    name: str
    known: bool = True  # from the gazetteer or the front matter, not a capitalised guess


_METRIC_KINDS = frozenset(["currency", "percent", "number"])  # the figures whose metric is looked for around them
_SUBJECT_KINDS = frozenset(["currency", "percent", "count"])  # the figures that make a claim with a subject alone


class _Analyser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.prose = doc.prose
        self.norm = normalize(self.prose)
        self.mentions = extract(doc.text, 0, len(doc.text), norm=self.norm)

        self.lex = _doc_lexicon(doc)
        self._title_cache: dict[int, bool] = {}
        pub = doc.meta("published")
        self.pub_year: int | None = getattr(pub, "year", None)
        windows, blocks = self._windows()
        self.lower = _ascii_lower_in(self.norm, windows)  # read only in those paragraphs' sentences
        self.sents = _sentences(doc, blocks)
        self._period_cache: dict[tuple[int, int], list[regex.Match[str]]] = {}
        self.entities = self._find_entities(windows)
        self.ent_starts = [e.start for e in self.entities]
        self.metrics: list[tuple[int, int, MetricInfo]] = []  # filled sentence by sentence
        self.metric_starts: list[int] = []

    # entities -------------------------------------------------------------------------------

    def _windows(self) -> tuple[list[tuple[int, int]], set[int]]:
        """The paragraphs (blocks) that hold a quantity, as ranges and indices: only their
        sentences and entities are read."""
        starts = [m.start for m in self.mentions]
        out: list[tuple[int, int]] = []
        indices: set[int] = set()
        if not starts:
            return out, indices
        for index, block in enumerate(self.doc.blocks):
            i = bisect.bisect_left(starts, block.start)
            if i < len(starts) and starts[i] < block.end:
                indices.add(index)
                if out and out[-1][1] >= block.start:
                    out[-1] = (out[-1][0], block.end)
                else:
                    out.append((block.start, block.end))
        return out, indices

    def _find_entities(self, windows: list[tuple[int, int]]) -> list[_Ent]:
        found: list[_Ent] = []
        taken = bytearray(len(self.norm))
        for pattern in (self.lex.extra_re, self.lex.entity_re):
            if pattern is None:
                continue
            for lo, hi in windows:
                for m in pattern.finditer(self.norm, lo, hi):
                    if taken.find(1, m.start(), m.end()) >= 0:
                        continue
                    found.append(_Ent(m.start(), m.end(), self.lex.entities[m[0]]))
                    taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        mid_caps: set[str] = set()
        caps: list[regex.Match[str]] = []
        for m in (m for lo, hi in windows for m in _CAP_NAME.finditer(self.norm, lo, hi)):
            if taken.find(1, m.start(), m.end()) >= 0 or self._title_case_line(m.start()):
                continue
            caps.append(m)
            prev = self.norm[max(0, m.start() - 2) : m.start()]
            last = prev.strip()[-1:]
            if (last and (last not in ".!?\"“'‘:：" or _CJK.match(last))) or (
                prev == " " * len(prev) and m.start() > 2 and self.norm[m.start() - 3] not in ".!?\n"
            ):
                mid_caps.add(m[0].split()[0])
        for m in caps:
            words = [w for w in m[0].split() if w not in _CAP_STOP]
            if not words:
                continue
            # drop leading stop words ("The Model Router" → "Model Router")
            text = m[0]
            offset = 0
            for w in m[0].split():
                if w in _CAP_STOP:
                    offset += len(w) + 1
                else:
                    break
            name = text[offset:].rstrip(".")
            if name.endswith(("'s", "’s")):
                name = name[:-2]
            if not name or name in _CAP_STOP or len(name) < 2:
                continue
            if (
                " " not in name
                and name not in mid_caps
                and not self.norm[m.end() : m.end() + 2].startswith(("'s", "’s", ":"))
            ):
                continue
            if self.lex.metric_re is not None and self.lex.metric_re.fullmatch(name):
                continue
            found.append(
                _Ent(m.start() + offset, m.start() + offset + len(name), self.lex.entities.get(name, name), False)
            )
        found.sort(key=lambda e: e.start)
        return found

    def _title_case_line(self, pos: int) -> bool:
        """Headlines in Title Case capitalise every word: no names can be guessed there."""
        # The prose keeps the text's newlines; a search for them cost the length of the line
        # for each name, which on a one-line 1 MB text was quadratic.
        line_starts = self.doc.line_starts
        i = bisect.bisect_right(line_starts, pos) - 1
        line_start = line_starts[i]
        cached = self._title_cache.get(line_start)
        if cached is None:
            line_end = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(self.norm)
            words, caps = _title_case_counts(self.norm[line_start : min(line_end, line_start + 300)])
            cached = words >= 4 and caps / words >= 0.6
            self._title_cache[line_start] = cached
        return cached

    def _entities_in(self, start: int, end: int) -> list[_Ent]:
        i = bisect.bisect_left(self.ent_starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            out.append(self.entities[i])
            i += 1
        return out

    def _is_subject_position(self, ent: _Ent, sent_start: int) -> bool:
        before = self.norm[max(sent_start, ent.start - 16) : ent.start]
        if before.rstrip()[-1:] in _NOT_SUBJECT_LAST and _NOT_SUBJECT_BEFORE.search(before):
            return False
        opened = self.norm.count("(", sent_start, ent.start) + self.norm.count("（", sent_start, ent.start)
        closed = self.norm.count(")", sent_start, ent.start) + self.norm.count("）", sent_start, ent.start)
        return opened <= closed

    def _first_subjects(self, ents: list[_Ent], sent_start: int) -> list[_Ent]:
        """The first entities in subject position up to the first known one (all if none is)."""
        out: list[_Ent] = []
        for e in ents:
            if self._is_subject_position(e, sent_start):
                out.append(e)
                if e.known:
                    break
        return out

    # run -----------------------------------------------------------------------------------------

    def run(self) -> Analysis:
        sentences: list[SentenceInfo] = []
        claims: list[Claim] = []
        by_start: dict[int, Claim] = {}
        topic: dict[int, tuple[str, float]] = {}  # block → (entity, confidence)
        last_topic: tuple[str, int] | None = None  # (entity, block)
        article_counts: Counter[str] = Counter(e.name for e in self.entities)
        article_topic = article_counts.most_common(1)[0][0] if article_counts else ""
        if article_topic and article_counts[article_topic] < 3:
            article_topic = ""
        all_mentions = self.mentions
        mention_starts = [m.start for m in all_mentions]
        for index, sent in enumerate(self.sents):
            lo = bisect.bisect_left(mention_starts, sent.start)
            hi = bisect.bisect_left(mention_starts, sent.end)
            mentions = [m for m in all_mentions[lo:hi] if m.end <= sent.end]
            sentences.append(SentenceInfo(index, sent.start, sent.end, sent.block, mentions))
            ents = self._entities_in(sent.start, sent.end)
            if not ents and not mentions:
                continue
            if mentions:
                subj_ents = [e for e in ents if self._is_subject_position(e, sent.start)]
            else:
                # No figure reads them: only the first entity in subject position, and the first
                # known one after it, can make the paragraph's topic below.
                subj_ents = self._first_subjects(ents, sent.start)
            prior_topic = topic.get(sent.block)
            if prior_topic is None and last_topic is not None and last_topic[1] != sent.block:
                prior = (last_topic[0], 0.6)
            else:
                prior = prior_topic
            found: list[tuple[int, int, Any]] = []
            # The sentence's metrics are read by _metric for an amount, a percentage or a bare number
            # only; for other figures, only whether there is one, when nothing else gives a claim.
            if (
                mentions
                and self.lex.metric_re is not None
                and (not (ents or prior is not None or article_topic) or any(m.kind in _METRIC_KINDS for m in mentions))
            ):
                found = [
                    (m.start(), m.end(), self.lex.metrics[m[0]])
                    for m in self.lex.metric_re.finditer(self.lower, sent.start, sent.end)
                ]
            self.metrics = found
            self.metric_starts = [m[0] for m in found]
            previous: Claim | None = None
            if not (ents or found or prior is not None or article_topic):
                mentions = []  # no subject and no metric can be found for any figure here: skip them
            for mention in mentions:
                claim = self._claim(mention, sent, index, ents, subj_ents, prior, article_topic, previous, mentions)
                if claim is not None:
                    previous = claim
                    claims.append(claim)
                    by_start[mention.start] = claim
            pronoun = (
                _PRONOUN.search(self.norm, sent.start, subj_ents[0].start) if subj_ents and prior is not None else None
            )
            if subj_ents and not (pronoun and prior is not None and pronoun.start() < subj_ents[0].start):
                head = self.norm[sent.start : subj_ents[0].start].strip(" \t\n#>*-_\"“'‘「")
                lead = subj_ents[0] if not head else next((e for e in subj_ents if e.known), subj_ents[0])
                topic[sent.block] = (lead.name, 0.8)
                last_topic = (lead.name, sent.block)
        return Analysis(sentences, claims, by_start, self.norm, self.lower)

    # one claim -------------------------------------------------------------------------------------

    def _clause(self, pos: int, lo: int, hi: int) -> tuple[int, int]:
        # A clause never reaches further than WINDOW characters from the figure: keeps run-on
        # "sentences" (a 5 MB line with no full stop) linear.
        lo, hi = max(lo, pos - WINDOW), min(hi, pos + WINDOW)
        nxt = _CLAUSE_SEP.search(self.norm, pos, hi)
        return _last_separator_end(self.norm, lo, pos), (nxt.start() if nxt else hi)

    def _claim(  # noqa: PLR0917
        self,
        mention: Mention,
        sent: Any,
        index: int,
        ents: list[_Ent],
        subj_ents: list[_Ent],
        prior: tuple[str, float] | None,
        article_topic: str,
        previous: Claim | None,
        sent_mentions: list[Mention],
    ) -> Claim | None:
        doc = self.doc
        # A figure of another kind than _SUBJECT_KINDS makes a claim only with a metric: skip it
        # at once when none can be found (most bare numbers, units and multiples).
        subject_kind = mention.kind in _SUBJECT_KINDS
        if not subject_kind and not self._may_find_metric(mention, previous):
            return None
        c_start, c_end = self._clause(mention.start, sent.start, sent.end)
        # metric
        metric, metric_span = self._metric(mention, c_start, c_end, sent)
        if (
            not metric
            and previous is not None
            and previous.metric
            and previous.get("dimension") == mention.dimension
            and (
                self.norm[c_start - 1 : c_start] in ("(", "（")
                or _CONTRAST.match(self.norm, c_start, mention.start) is not None
            )
        ):
            metric = previous.metric
            metric_span = (previous.metric_span.start, previous.metric_span.end) if previous.metric_span else None
        if not metric and not subject_kind:
            return None  # (the subject below would not make it a claim)
        # subject
        subject, subject_span, confidence, source = "", None, 0.0, ""
        after = [e for e in ents if mention.end <= e.start < c_end]
        if after and _ZH_DE_ENTITY.match(self.norm[mention.end : after[0].start] + " ", 0) is not None:
            gap = self.norm[mention.end : after[0].start]
            if gap.rstrip().endswith("的") and len(gap) <= 12:
                subject, subject_span, confidence, source = (
                    after[0].name,
                    (after[0].start, after[0].end),
                    0.9,
                    "explicit",
                )
        if not subject and self.norm[c_start - 1 : c_start] in ("(", "（"):
            # "ChatGPT Plus 会员(20 美元/月)": the entity right before the parenthesis
            near = [e for e in ents if c_start - 6 <= e.end <= c_start]
            if near:
                e = near[-1]
                subject, subject_span, confidence, source = e.name, (e.start, e.end), 0.9, "explicit"
        # "it", "its", "该公司" …: read only with a paragraph subject to fall back on (prior)
        pronoun = _PRONOUN.search(self.norm, sent.start, mention.start) if prior is not None and not subject else None
        if not subject:
            for known in (True, False):
                in_clause = [e for e in subj_ents if c_start <= e.start < mention.start and e.known == known]
                if in_clause:
                    e = in_clause[0]
                    subject, subject_span, confidence, source = e.name, (e.start, e.end), 1.0, "explicit"
                    break
                before = [e for e in subj_ents if e.start < mention.start and e.known == known]
                if before and not (pronoun and pronoun.start() < before[0].start and prior is not None):
                    e = before[0]
                    subject, subject_span, confidence, source = e.name, (e.start, e.end), 0.9, "sentence"
                    break
        if not subject and prior is not None:
            subject, confidence, source = prior[0], prior[1], "paragraph" if prior[1] >= 0.8 else "previous"
            if pronoun is None:
                # no "it", "its", "该公司" …: the subject is only implied, and often another one
                confidence, source = min(confidence, 0.6), "implied"
        if not subject and article_topic:
            subject, confidence, source = article_topic, 0.4, "article"
        if not metric and not (subject and subject_kind):
            return None
        period, period_span, as_of = self._period(mention, c_start, c_end, sent, sent_mentions)
        modality = self._modality(c_start, c_end, mention, sent.start)
        extra: list[tuple[str, Any]] = [
            ("kind", mention.kind),
            ("bound", mention.bound),
            ("number", self.doc.text[mention.start : mention.end]),
            ("sentence", index),
            ("block", sent.block),
            ("subject_source", source),
            ("dimension", mention.dimension),
        ]
        if as_of:
            extra.append(("as_of", True))
        if (
            not period
            and _hinted(_PAST_HINT, self.lower, sent.start, mention.start)
            and _PAST.search(self.norm, sent.start, mention.start)
        ):
            extra.append(("past", True))
        if metric:
            info = self.lex.metrics.get(self.lower[metric_span[0] : metric_span[1]]) if metric_span else None
            extra.append(("single", bool(info and info.single)))
        return Claim(
            kind="quantity",
            subject=subject,
            metric=metric,
            value=mention.quantity,
            span=doc.span(mention.start, mention.end),
            text=doc.text[sent.start : sent.end].strip(),
            extractor=EXTRACTOR,
            period=period,
            modality=modality,
            confidence=confidence if subject else 0.5,
            subject_span=doc.span(*subject_span) if subject_span else None,
            metric_span=doc.span(*metric_span) if metric_span else None,
            period_span=doc.span(*period_span) if period_span else None,
            extra=tuple(extra),
        )

    def _may_find_metric(self, mention: Mention, previous: Claim | None) -> bool:
        """Whether _claim may find a metric for a figure of another kind than _SUBJECT_KINDS:
        the previous claim's, or for a bare number the sentence's one that starts at most two
        characters after it (the only one _metric takes for it; other kinds take none)."""
        if previous is not None and previous.metric and previous.get("dimension") == mention.dimension:
            return True
        if mention.kind != "number":
            return False
        i = bisect.bisect_left(self.metric_starts, mention.end)
        return i < len(self.metric_starts) and self.metric_starts[i] <= mention.end + 2

    def _metric(self, mention: Mention, c_start: int, c_end: int, sent: Any) -> tuple[str, tuple[int, int] | None]:
        # Only the kinds of _METRIC_KINDS read the sentence's metrics (self.metrics).
        want = {"currency": "currency", "percent": "percent", "count": "count", "number": "count"}.get(mention.kind)
        if want is None:
            return "", None
        if mention.kind == "count" and mention.noun:
            noun = mention.noun.translate(_ASCII_LOWER)
            m = self.lex.metric_re.search(noun) if self.lex.metric_re is not None else None
            if m is not None and self.lex.metrics[m[0]].unit == "count":
                pos = self.norm.find(mention.noun, mention.number_end, mention.end + 2)
                span = (pos + m.start(), pos + m.end()) if pos >= 0 else None
                return self.lex.metrics[m[0]].name, span
            return "", None
        if mention.kind == "count":
            return "", None
        # a bare number counts users or employees only when the word follows it at once ("1 亿的客户")
        max_gap = 2 if mention.kind == "number" else 40
        best: tuple[int, str, tuple[int, int]] | None = None
        i = bisect.bisect_left(self.metric_starts, c_start)
        while i < len(self.metrics) and self.metrics[i][0] < c_end:
            ms, me, info = self.metrics[i]
            i += 1
            if info.unit != want or (mention.start <= ms < mention.end):
                continue
            gap = mention.start - me if me <= mention.start else ms - mention.end
            if gap < 0 or gap > max_gap or (mention.kind == "number" and me <= mention.start):
                continue
            if me <= mention.start:
                between = self.norm[me : mention.start]
                if _AMOUNT_IN.search(between):
                    continue  # another amount stands between the metric and this one
            if best is None or gap < best[0]:
                best = (gap, info.name, (ms, me))
        if best is None:
            return "", None
        return best[1], best[2]

    def _period(
        self, mention: Mention, c_start: int, c_end: int, sent: Any, sent_mentions: list[Mention]
    ) -> tuple[str, tuple[int, int] | None, bool]:
        candidates = []
        window = max(sent.start, mention.start - WINDOW), min(sent.end, mention.end + WINDOW)
        for m in self._periods_in(sent.start, sent.end):
            if not window[0] <= m.start() < window[1]:
                continue
            if mention.number_start <= m.start() < mention.number_end:
                continue
            candidates.append(m)
        if not candidates:
            return "", None, False
        in_clause = [m for m in candidates if c_start <= m.start() < c_end]
        pool = in_clause
        if not pool:
            # a period in another clause belongs to that clause's own figure, if it has one
            others = [(o.start, o.end) for o in sent_mentions if o is not mention and window[0] <= o.start < window[1]]
            candidates = [m for m in candidates if not self._clause_has(m.start(), others, sent)]
            if not candidates:
                return "", None, False
            kinds = {self._period_value(m)[0] for m in candidates}
            pool = candidates if len(kinds) == 1 else [m for m in candidates if m.end() <= mention.start][-1:]
        if not pool:
            return "", None, False
        best = min(pool, key=lambda m: abs(m.start() - mention.start))
        value, as_of = self._period_value(best)
        return value, (best.start(), best.end()), as_of

    def _periods_in(self, start: int, end: int) -> list[regex.Match[str]]:
        """Period expressions of a sentence, found once per sentence (not once per figure)."""
        key = (start, end)
        found = self._period_cache.get(key)
        if found is None:
            found = self._period_cache[key] = _find_periods(self.norm, self.lower, start, end)
        return found

    def _clause_has(self, pos: int, spans: list[tuple[int, int]], sent: Any) -> bool:
        start, end = self._clause(pos, sent.start, sent.end)
        return any(start <= s < end for s, _ in spans)

    def _period_value(self, m: regex.Match[str]) -> tuple[str, bool]:
        def year(text: str | None) -> str:
            if text is None:
                return ""
            return text if len(text) == 4 else "20" + text

        if m["fyq"]:
            return f"FY{year(m['fy1'] or m['fy2'])}-Q{m['q1'] or m['q2']}", False
        if m["yq"]:
            y = m["y3"] or m["y4"]
            if m["zq3"]:
                return f"{y}-Q{_ZH_Q.get(m['zq3'], m['zq3'])}", False
            if m["q3"] or m["q4"]:
                return f"{y}-Q{m['q3'] or m['q4']}", False
            if m["h4"]:
                return f"{y}-Q{_EN_Q[m['h4'].lower()]}", False
            half = "1" if (m["h3"] == "上" or m["hh3"] == "1") else "2"
            return f"{y}-H{half}", False
        if m["fy"]:
            return f"FY{year(m['fy5'] or m['fy6'])}", False
        if m["ym"]:
            if m["y7"]:
                return f"{m['y7']}-{int(m['m7']):02d}", False
            months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            mon = months.index(m["mon8"][:3].lower()) + 1
            return f"{m['y8']}-{mon:02d}", False
        if m["asof"]:
            return m["y9"] or m["y10"], True
        if m["year"]:
            return m["y11"], False
        if m["q"]:
            q = m["q12"] or _ZH_Q.get(m["zq12"] or "", "") or _EN_Q.get((m["h12"] or "").lower(), "")
            if m["half"]:
                return ("H1" if m["half"] == "上" else "H2"), False
            return f"Q{q}", False
        if m["prev"]:
            return (str(self.pub_year - 1) if self.pub_year else "prev-year"), False
        if m["this"]:
            return (str(self.pub_year) if self.pub_year else ""), False
        if m["next"]:
            return (str(self.pub_year + 1) if self.pub_year else "next-year"), False
        return "", False

    def _modality(self, c_start: int, c_end: int, mention: Mention, sent_start: int) -> Modality:
        lower = self.lower
        if _hinted(_HYPOTHETICAL_HINT, lower, sent_start, c_end) and _HYPOTHETICAL.search(self.norm, sent_start, c_end):
            return Modality.HYPOTHETICAL
        if _hinted(_EXPECTED_HINT, lower, c_start, c_end) and _EXPECTED.search(self.norm[c_start:c_end]):
            return Modality.EXPECTED
        if _hinted(_PLANNED_HINT, lower, c_start, c_end) and _PLANNED.search(self.norm[c_start:c_end]):
            return Modality.PLANNED
        return Modality.ACTUAL


_ABBREVIATION_END = regex.compile(
    r"(?<![A-Za-z])(?:vs|e\.g|i\.e|etc|approx|est|Inc|Corp|Co|Ltd|Mr|Mrs|Ms|Dr|St|No|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Fig|cf|al)\.\s*$"
)


class _Sentence(NamedTuple):
    start: int
    end: int
    block: int


def _sentences(doc: Document, blocks: set[int] | None = None) -> list[_Sentence]:
    """The document's sentences (of the given blocks), joined again where a split followed an
    abbreviation (vs., U.S.)."""
    out: list[_Sentence] = []
    prose = doc.prose
    sentences: Iterable[Sentence] = doc.sentences
    if blocks is not None:
        # The sentences of those blocks, picked out in C: most sentences hold no figure.
        sentences = itertools.compress(sentences, map(blocks.__contains__, map(_SENTENCE_BLOCK, sentences)))
    for sent in sentences:
        if (
            out
            and out[-1].block == sent.block
            and prose[out[-1].end - 2 : out[-1].end].rstrip()[-1:] == "."
            and _ABBREVIATION_END.search(prose, max(out[-1].start, out[-1].end - 12), out[-1].end)
        ):
            out[-1] = new_named_tuple(_Sentence, (out[-1].start, sent.end, sent.block))
        else:
            out.append(new_named_tuple(_Sentence, sent))  # a document's Sentence has the same fields
    if all(sent.end - sent.start <= MAX_SENTENCE for sent in out):
        return out
    return [piece for sent in out for piece in _split_long(sent, prose)]


_SENTENCE_BLOCK = operator.attrgetter("block")

MAX_SENTENCE = 1500  # a longer "sentence" (a run-on line with no full stop) is read in pieces


def _split_long(sent: _Sentence, prose: str) -> list[_Sentence]:
    """Cut a run-on sentence at a space or comma about every MAX_SENTENCE characters, so the
    per-figure work (subject, clause, period) stays linear in the length of the text."""
    if sent.end - sent.start <= MAX_SENTENCE:
        return [sent]
    pieces = []
    start = sent.start
    while sent.end - start > MAX_SENTENCE:
        hi = start + MAX_SENTENCE
        cut = max(prose.rfind(sep, start + MAX_SENTENCE // 2, hi) for sep in (" ", ",", "，", ";", "；", "、"))
        cut = cut + 1 if cut > start else hi
        pieces.append(_Sentence(start, cut, sent.block))
        start = cut
    pieces.append(_Sentence(start, sent.end, sent.block))
    return pieces


def extract_claims(doc: Document) -> list[Claim]:
    return list(analyse(doc).claims)
