"""The shortcuts of the numbers plugin's claim analysis and of FL102/FL103 give what the slow way
gives: over the seeds, a sample of the corpus and texts that hold every case variant. Among them,
Title Case lines counted without a match per word, and figures skipped before their clause is read
when no metric can be found for them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import regex
import yaml
from factlint_numbers import claims, quantities
from factlint_numbers.compare import template
from factlint_numbers.rules import FL102_comparison_mismatch as fl102
from factlint_numbers.rules import FL103_change_mismatch as fl103
from factlint_numbers.rules import FL104_count_mismatch as fl104
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.document import Document, parse
from factlint.metadata import resolve

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@cache
def _texts() -> list[tuple[str, str]]:
    """The seeds and every 20th article of the corpus, as (path, text)."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    corpus = sorted((SHARED / "corpus").rglob("*.md"))[::20]
    return [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in [*seeds, *corpus]]


@cache
def _analyses() -> list[claims.Analysis]:
    out = []
    for path, text in _texts():
        doc = parse(path, text)
        doc.metadata = resolve(doc)
        out.append(claims.analyse(doc))
    return out


def test_the_sample_has_figures() -> None:
    assert len(_texts()) > 100
    assert sum(len(s.mentions) for a in _analyses() for s in a.sentences) > 1000


# -- the period hint -------------------------------------------------------------------------------

# _PERIOD_START as it was written before its alternatives were spelled one by one.
_PERIOD_START_GROUPED = re.compile(
    r"19|20|截至|截止|到|第[一二三四]季度|[上下]半年|一年前|去年|上一年|前一年|今年|本年度|明年"
    r"|q[1-4]|fy|f[iİ][sſ]cal\s+(?:year\s+)?(?:19|20)|(?:f[iİ]r[sſ]t|[sſ]econd|th[iİ]rd|fourth)\s+quarter"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|[sſ]ep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)"
    r"|(?:by|a[sſ]\s+of|through)\s+(?:(?:the\s+)?end\s+of\s+)?(?:19|20)"
    r"|(?:a|la[sſ]t|the\s+prev[iİ]ou[sſ]|pr[iİ]or|th[iİ][sſ]|next)\s+year"
)
PERIOD_TEXTS = [
    "FY2024 Q3, fiscal year 2023, fİſcal  2022, ſecond quarter, SECOND QUARTER, third quarter, fourth quarter",
    "jan 2020 February. 2019 mar. 2021 apr 1999 may 2000 june 2020 july 2020 aug 2020 sept 2020 ſep 2020",
    "oct 2020 nov\u00a02020 dec 2020, by 2020, by the end of 2021, as of 2022, aſ of end of 2019, through 2020",
    "a year ago, last year, laſt year, the previous year, the  prevİouſ year, prior year, this year, next year",
    "上半年 下半年 第一季度 第五季度 一年前 去年 上一年 前一年 今年 本年度 明年 截至 截止 到 19 20 q1 q5 fy",
]


@pytest.mark.parametrize("text", PERIOD_TEXTS + [text for _, text in _texts()[:12]])
def test_period_start_spelled_out_is_the_grouped_pattern(text: str) -> None:
    lower = claims.ascii_lower(quantities.normalize(text))
    for end in (len(lower), len(lower) - 5):
        for pos in range(max(end, 0)):
            want = _PERIOD_START_GROUPED.match(lower, pos, end)
            got = claims._PERIOD_START.match(lower, pos, end)
            assert (want is None) == (got is None), (text[pos : pos + 20], pos, end)


def test_find_periods_is_finditer_in_every_sentence() -> None:
    for a in _analyses():
        for s in a.sentences:
            want = [(m.span(), m.groups()) for m in claims._PERIOD.finditer(a.norm, s.start, s.end)]
            got = [(m.span(), m.groups()) for m in claims._find_periods(a.norm, a.lower, s.start, s.end)]
            assert got == want


# -- lowering only where the text is read ----------------------------------------------------------


def test_only_dotted_capital_i_lowers_to_more_than_one_character() -> None:
    assert [c for c in ALL_CHARS if len(c.lower()) != 1] == ["\u0130"]


def test_a_line_break_stops_what_lowering_reads_around_a_letter() -> None:
    # Final sigma, the one letter str.lower reads around, sees no further than a line break.
    for before in ("A", "A'", "", " "):
        for after in ("", "b", "'b", " "):
            text = f"x{before}Σ{after}\ny\n{before}Σ{after}"
            assert "\n".join(line.lower() for line in text.split("\n")) == text.lower(), text


LOWER_ALPHABET = "aZ Σσς'.:\u0301\u00ad\nİıK\u212aſ年A1-"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=LOWER_ALPHABET, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
)
def test_ascii_lower_in_is_ascii_lower_in_the_ranges(text: str, cuts: list[tuple[int, int]]) -> None:
    ranges: list[tuple[int, int]] = []
    for lo, hi in sorted((min(a, b, len(text)), min(max(a, b), len(text))) for a, b in cuts):
        if ranges and lo <= ranges[-1][1]:
            continue  # the ranges are apart, as _windows makes them
        ranges.append((lo, hi))
    got = claims._ascii_lower_in(text, ranges)
    want = claims.ascii_lower(text)
    assert len(got) == len(text)
    for lo, hi in ranges:
        assert got[max(lo - 1, 0) : hi] == want[max(lo - 1, 0) : hi], (text, ranges)


def test_analysis_lower_is_ascii_lower_in_every_sentence() -> None:
    for a in _analyses():
        want = claims.ascii_lower(a.norm)
        for s in a.sentences:
            assert a.lower[max(s.start - 1, 0) : s.end] == want[max(s.start - 1, 0) : s.end]


# -- FL102 and FL103 -------------------------------------------------------------------------------

CASE_TEXTS = [
    "half HALF Half hALF times TIMES tİmes TİMEſ timeſ double DOUBLE twice TWİCE twİce than THAN tHan",
    "from FROM From fRoM up UP Up down DOWN Down; 一半 倍 比 从 由 较 增 涨 升 降 跌 减 翻",
    "over OVER Over compared COMPARED versus VERSUS verſus VERſUS vs VS Vs vſ; ov er, compare, vers us, v s",
    "hal f, tımes, twıce, tıme, thаn (Cyrillic a), ｆｒｏｍ, fro m, ｕp, dоwn (Cyrillic o), nothing at all",
]
REF_FL102_PREFILTER = regex.compile(r"一半|倍|比|half|times|double|twice|than", regex.IGNORECASE)
REF_FL103_PREFILTER = regex.compile(
    r"从|由|较|比|(?i:from|over|compared|versus|vs)|增|涨|升|降|跌|减|翻", regex.IGNORECASE
)


@pytest.mark.parametrize("text", CASE_TEXTS)
@pytest.mark.parametrize(
    ("reference", "new"), [(REF_FL102_PREFILTER, fl102._CUE_PREFILTER), (REF_FL103_PREFILTER, fl103._PREFILTER)]
)
def test_prefilter_in_the_lowered_text_is_the_reference(
    text: str, reference: regex.Pattern[str], new: re.Pattern[str]
) -> None:
    norm = quantities.normalize(text)
    for lower in (claims.ascii_lower(norm), claims.ascii_lower(norm + "\u0130")[: len(norm)]):
        for pos in range(len(norm)):
            for endpos in range(pos, len(norm) + 1):
                want = reference.search(norm, pos, endpos) is not None
                assert (new.search(lower, pos, endpos) is not None) == want, (text, pos, endpos)


def test_prefilters_in_every_sentence() -> None:
    for a in _analyses():
        for s in a.sentences:
            for reference, new in (
                (REF_FL102_PREFILTER, fl102._CUE_PREFILTER),
                (REF_FL103_PREFILTER, fl103._PREFILTER),
            ):
                assert (new.search(a.lower, s.start, s.end) is None) == (
                    reference.search(a.norm, s.start, s.end) is None
                )


def test_fl102_patterns_match_only_where_its_prefilter_passes() -> None:
    # Over the sample and FL102's own fixtures: a sentence a pattern of the rule matches is one the
    # prefilter lets through (a prefilter that did not would hide a finding, as "5x as much as" was).
    cases = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "fixtures" / "rules" / "FL102.yml").read_text("utf-8")
    )
    docs = [case.get("fail_doc") or case.get("pass_doc") for case in cases["cases"]]
    analyses = [*_analyses()]
    for text in docs:
        doc = parse("article.md", text)
        doc.metadata = resolve(doc)
        analyses.append(claims.analyse(doc))
    patterns = [value for name, value in vars(fl102).items() if isinstance(value, regex.Pattern) and name.isupper()]
    assert len(patterns) == 8
    matched = 0
    for a in analyses:
        for s in a.sentences:
            if len(s.mentions) < 2:
                continue
            text = template(a.norm, s.start, s.end, s.mentions).text
            if any(p.search(text) for p in patterns):
                matched += 1
                assert fl102.may_compare(a, s), text
    assert matched >= 10


def test_lowering_gives_the_needed_letters_for_their_cases_only() -> None:
    # What (?i) takes for these letters lowers to them, and nothing else does.
    for letter in "fromupdwnvecap":
        assert {c for c in ALL_CHARS if c.lower() == letter} == {letter, letter.upper()}
        assert set(regex.compile(f"(?i:{letter})").findall(ALL_CHARS)) == {letter, letter.upper()}


NEED_TEXTS = [
    "营收从 10 亿美元增长 50% 至 12 亿美元，由 3 亿增至 4 亿。营收从 10 亿美元增长至 12 亿美元，增幅 20%。",
    "Revenue went from $10 million to $12 million, an increase of 20%, and from $5 million to $4 million (a 20% decline).",
    "提升了 5%，由 10 亿提升到 20 亿；较 3 亿下降 10%，比 4 亿增长 5%。",
    "Revenue rose 20% from $10 million to $12 million; it fell to $5 million from $6 million.",
    "Sales were $5 million, up 10% from $4.5 million; costs rose by 5% to $3 million from $2 million.",
]


def _templates() -> list[str]:
    out = [
        template(a.norm, s.start, s.end, s.mentions).text
        for a in _analyses()
        for s in a.sentences
        if len(s.mentions) >= 2
    ]
    for text in NEED_TEXTS:
        doc = parse("article.md", text)
        doc.metadata = resolve(doc)
        a = claims.analyse(doc)
        out += [template(a.norm, s.start, s.end, s.mentions).text for s in a.sentences]
    return out


def test_fl103_patterns_need_their_words() -> None:
    matched = [0] * len(fl103._PATTERNS)
    for text in _templates():
        lowered = text.lower()
        for i, (pattern, needs) in enumerate(zip(fl103._PATTERNS, fl103._NEEDS, strict=True)):
            if pattern.search(text) is not None:
                matched[i] += 1
                assert any(word in lowered for word in needs), (i, text)
    assert all(matched), matched  # every pattern was tried on a text it matches


def test_the_shipped_lexicons_read_alike_with_either_yaml_loader() -> None:
    for name in ("entities.yaml", "metrics.yaml"):
        text = (claims.DATA_DIR / name).read_text(encoding="utf-8")
        assert claims._read_yaml(name) == yaml.safe_load(text)


# -- the pronoun pattern ---------------------------------------------------------------------------

# _PRONOUN as it was written for the regex module, before its lookbehind was moved after the first
# character for the standard library's engine.
OLD_PRONOUN = regex.compile(
    r"(?<![A-Za-z])(?:[Ii]ts?|[Tt]hey|[Tt]heir|[Tt]he (?:company|firm|startup|group|business|platform|chipmaker))"
    r"(?![A-Za-z])|该公司|该企业|这家公司|该平台|其|它"
)
PRONOUN_ALPHABET = "ItsThey irhcompanyfgulatkd 该公司企业这家平台其它aZ-\n"


def _same_pronoun(text: str, pos: int, endpos: int) -> None:
    want = OLD_PRONOUN.search(text, pos, endpos)
    got = claims._PRONOUN.search(text, pos, endpos)
    assert (want and want.span()) == (got and got.span()), (text, pos, endpos)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=PRONOUN_ALPHABET, max_size=30))
def test_pronoun_is_the_regex_modules_pattern(text: str) -> None:
    for pos in range(len(text) + 1):
        for endpos in range(pos, len(text) + 1):
            _same_pronoun(text, pos, endpos)


def test_pronoun_is_the_regex_modules_pattern_in_every_sentence() -> None:
    texts = ["Its revenue, it said; They and their firm. The company's the firm, itself, Italy, 其它该公司"]
    for text in texts:
        for pos in range(len(text)):
            _same_pronoun(text, pos, len(text))
    for a in _analyses():
        for s in a.sentences:
            for end in [s.end, *(m.start for m in s.mentions)]:
                _same_pronoun(a.norm, s.start, end)


# -- FL104's count tests ---------------------------------------------------------------------------


COUNT_TEXTS = [
    "以下五点关键突破：", "分为两类：", "三个原因：", "这 4 个步骤：", "二十个问题：", "十一条建议：", "12 项：",
    "three reasons:", "these 4 steps:", "the following five:", "TWELVE Tips:", "SİX things:", "ſeven ways:",
    "here are 21 things:", "There are two main reasons:", "nothing counted here:", "没有数字：", "the 2 ways:",
    "3 tips:", "our 1\u0663 rules:", "in 2024 three steps:", "the 9 steps", "1 2 3 things:", "x12 rules:",
]  # fmt: skip


def test_fl104_count_starts_are_found_where_the_patterns_match() -> None:
    lines = COUNT_TEXTS + [line for _, text in _texts() for line in text.splitlines()]
    matched = [0, 0]
    for line in lines:
        for m in fl104._ZH_ANNOUNCE.finditer(line):
            matched[0] += 1
            assert fl104._ZH_NUM_START.match(line, m.start()) is not None, line  # so it is found from m.start()
        for tail in (line, line[line.find(",") + 1 :], line[line.find(":") + 1 :]):
            if fl104._EN_ANNOUNCE.search(tail) is not None:
                matched[1] += 1
                assert fl104._may_count_en(tail), tail
    assert all(matched), matched


# -- the sentences of the paragraphs with a figure ---------------------------------------------------


def _sentences_the_slow_way(doc: Document, blocks: set[int] | None) -> list[tuple[int, int, int]]:
    """claims._sentences as it was: every sentence of the document tested in Python."""
    out: list[tuple[int, int, int]] = []
    prose = doc.prose
    for sent in doc.sentences:
        if blocks is not None and sent.block not in blocks:
            continue
        if (
            out
            and out[-1][2] == sent.block
            and prose[out[-1][1] - 2 : out[-1][1]].rstrip()[-1:] == "."
            and claims._ABBREVIATION_END.search(prose, max(out[-1][0], out[-1][1] - 12), out[-1][1])
        ):
            out[-1] = (out[-1][0], sent.end, sent.block)
        else:
            out.append((sent.start, sent.end, sent.block))
    return [piece for sent in out for piece in claims._split_long(claims._Sentence(*sent), prose)]


def test_sentences_of_the_blocks_with_a_figure_are_picked_alike() -> None:
    for path, text in [*_texts(), ("long.md", "a U.S. b, " * 400 + "\n\nx 5%. Mr. Y 6%.\n")]:
        doc = parse(path, text)
        blocks = claims._Analyser(doc)._windows()[1]
        for wanted in (blocks, None, set()):
            got = claims._sentences(doc, wanted)
            assert got == _sentences_the_slow_way(doc, wanted), path
            assert all(type(sent) is claims._Sentence for sent in got)


# -- Title Case lines -------------------------------------------------------------------------------


_TITLE_CASE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")  # the words _title_case_counts counts


def _counts_by_words(text: str) -> tuple[int, int]:
    words = _TITLE_CASE_WORD.findall(text)
    return len(words), sum(1 for w in words if w[0].isupper())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="AaZz09 -'’\t\n?é\u0130\u017f中\ud800", max_size=40))
def test_title_case_counts_are_the_words(text: str) -> None:
    assert claims._title_case_counts(text) == _counts_by_words(text)


def test_title_case_counts_on_the_sample() -> None:
    for _, text in _texts():
        for line in text.splitlines():
            assert claims._title_case_counts(line[:300]) == _counts_by_words(line[:300])


# -- figures that cannot make a claim ------------------------------------------------------------------


# Bare numbers that take the metric of the claim before them ("8000 万" the users of "1 亿的客户").
INHERITED = [
    ("inherit-1.md", "OpenAI 有 1 亿的客户（此前 8000 万）。"),
    ("inherit-2.md", "OpenAI 有 1 亿的客户，相比 8000 万。"),
    ("inherit-3.md", "The plant makes 5 GW (3 GW), and OpenAI has 1 亿的客户 (8000 万)."),
]


def _claims(may_find_metric: object, monkeypatch: pytest.MonkeyPatch) -> list[list[object]]:
    monkeypatch.setattr(claims._Analyser, "_may_find_metric", may_find_metric)
    out = []
    for path, text in [*INHERITED, *_texts()]:
        doc = parse(path, text)
        doc.metadata = resolve(doc)
        out.append(list(claims._Analyser(doc).run().claims))
    return out


def test_skipped_figures_make_no_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    skipped = []

    def may_find_metric(self: claims._Analyser, mention: object, previous: object) -> bool:
        found = may_find_metric.original(self, mention, previous)  # type: ignore[attr-defined]
        skipped.append(not found)
        return found

    may_find_metric.original = claims._Analyser._may_find_metric  # type: ignore[attr-defined]
    fast = _claims(may_find_metric, monkeypatch)
    # The slow way: every figure is read in full, as if a metric could always be found.
    slow = _claims(lambda self, mention, previous: True, monkeypatch)
    assert sum(map(len, fast)) > 500
    assert [c.get("number") for c in fast[0] if c.metric == "users"] == ["1 亿", "8000 万"]  # type: ignore[attr-defined]
    assert sum(skipped) > 500
    assert fast == slow


# -- entities in subject position ------------------------------------------------------------------

# Texts before an entity that _NOT_SUBJECT_BEFORE takes, in every case it allows.
NOT_SUBJECT_TEXTS = [
    "根据", "数据据", "依据 ", "来自", "比如", "例如", "如", "包括", "像", "According  to ", "VIA", "like", "such as",
    "ſuch aſ ", "INCLUDING", "per", "From", "by\n", "vs", "Vs. ", "versus", "VerſuS", "than\u3000", "by \n",
]  # fmt: skip
NOT_SUBJECT_ALPHABET = "accordingtoviaksuhfmpbyvsernlACVIS.ſ 根据来自如包括像例比 \n\t\u3000x1"


def _same_subject_gate(before: str) -> None:
    if claims._NOT_SUBJECT_BEFORE.search(before) is not None:
        assert before.rstrip()[-1:] in claims._NOT_SUBJECT_LAST, before


def test_not_subject_words_end_with_a_listed_character() -> None:
    for text in NOT_SUBJECT_TEXTS:
        assert claims._NOT_SUBJECT_BEFORE.search(text) is not None, text
        _same_subject_gate(text)
    for a in _analyses():
        for s in a.sentences:
            for pos in range(s.start, min(s.end, s.start + 400)):
                _same_subject_gate(a.norm[max(s.start, pos - 16) : pos])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=NOT_SUBJECT_ALPHABET, max_size=16))
def test_not_subject_gate_is_the_pattern(text: str) -> None:
    _same_subject_gate(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NOT_SUBJECT_TEXTS), st.characters())
def test_not_subject_gate_holds_for_any_last_character(text: str, last: str) -> None:
    _same_subject_gate(text.rstrip()[:-1] + last)
    _same_subject_gate(text + last)


def test_subjects_of_sentences_without_a_figure_are_read_as_far_as_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    def first_subjects(self: claims._Analyser, ents: list[claims._Ent], sent_start: int) -> list[claims._Ent]:
        return [e for e in ents if self._is_subject_position(e, sent_start)]  # the slow way: all of them

    fast = [a.claims for a in _analyses()]
    monkeypatch.setattr(claims._Analyser, "_first_subjects", first_subjects)
    slow = []
    for path, text in _texts():
        doc = parse(path, text)
        doc.metadata = resolve(doc)
        slow.append(claims._Analyser(doc).run().claims)
    assert sum(c.get("subject_source") in ("paragraph", "previous") for cs in fast for c in cs) > 50  # type: ignore[attr-defined]
    assert fast == slow
