"""The dates plugin's speed-ups must not change a result: a form scanned in parts finds what the
form's own pattern finds, and FL205's cheap test agrees with lowering the text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex
import yaml
from factlint_dates import extract
from factlint_dates.rules.FL205_copyright_year import _may_hold_notice

from factlint.document import parse

# Texts where parts of a form meet: overlapping matches, a match hiding another's start,
# windows cut in the middle of a form.
_TEXTS = [
    "1850-2005年 then 1999-2005年，2019年第四季度 and 2020年下半年, 1700 to 2005 in 2019",
    "3.4.2019-5-6-2020 07/31/2024 31.07.2024 1/2/1999/2/3/2020 12-1-19 1.2.2000.1",
    "上个星期二 下周三 本周五 这礼拜一 周一至周五 每周二 星期三 礼拜天 上个周日",
    "This Thursday, last Tuesday, next Monday, Black Friday, Mondays, Monday–Friday, This Sunday",
    "today Today tomorrow Tomorrow yesterday Yesterday todays toDay Yesterdays",
    "UTC+8 GMT-5 GMTUTC+3 UTC GMT+10:30 10am PT 9:30 a.m. ET 14:00 UTC",
    "January 5, 2024, Jan. 5 Sept 3 Sep. 3, 2020 September 2021 May 2020 Mayday Marching Junes",
    "last year, this month, next week, last years, this weekend, next monthly",
    "今年第四季度 去年3月 上个月 本月 这个月 下个月 昨天 明天 前天 后天 今天 今年8月16日",
    "星期二, 3 1月, 2024 周三，5 2 月，2026 礼拜天 , 1 12月 , 2025",
    "Mondayear Sundayesterday tomorroweek Todayear 2024-2025 -19 /20 .20",
]


@pytest.fixture
def texts(request: pytest.FixtureRequest) -> list[str]:
    """The texts above, and the seed articles when they are beside the repository."""
    out = list(_TEXTS)
    try:
        seeds: Path = request.getfixturevalue("seeds")
    except pytest.skip.Exception:
        return out
    return out + [p.read_text("utf-8", errors="replace") for p in sorted(seeds.iterdir()) if p.is_file()]


def _key(m: object) -> tuple[object, ...]:
    groups = m.groupdict()  # type: ignore[attr-defined]
    return m.span(), tuple(sorted((k, v) for k, v in groups.items() if v is not None))  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(extract._CUTS))
def test_a_form_in_parts_finds_what_the_form_finds(name: str, texts: list[str]) -> None:
    whole = dict(extract.FORM_RES)[name]
    parts = next(parts for form, *_, parts in extract._SCANS if form == name)
    patterns = [part.pattern for part in parts]
    for text in texts:
        for pos, endpos in ((0, len(text)), (3, len(text) - 2), (len(text) // 3, 2 * len(text) // 3)):
            expected = [_key(m) for m in whole.finditer(text, pos, endpos)]
            assert [_key(m) for m in extract._finditer(patterns, text, pos, endpos)] == expected


# Where a located form's match may start before its literal: a prefix, spaces of every kind
# (also characters str.isspace takes and \\s does not), the window's edges.
_LOCATED_TEXTS = [
    "last Friday, Last  Monday, this\n\nTuesday, next\u3000Sunday, last\x1c Friday, last\x1cFriday, every last "
    "Friday, Black Friday, lastFriday, blast Friday, This Thursday, Monday–Friday, Mon - Friday, Fri to Sunday",
    "上个星期二 下个周三 上周二 下周四 本周五 这礼拜一 上个礼拜天 每周二 一周三次 周一至周五 上上周二 本本周一 个周六",
    "星期二, 3 1月, 2024 周三，5 2 月，2026 礼拜天 , 1 12月 , 2025 周二,1 1月,2020",
    "last year, this month, next week, Last year, lastyear, last  year, next\tmonth, yearly week",
    "UTC+8 GMT-5 GMTUTC+3 xUTC+1 UTC GMT+10:30 UTC −8",
    "January 5, 2024, Jan. 5 Sept 3 Sep. 3, 2020 September 2021 May 2020 Mayday Marching Junes Dec 1st Decem 3",
    "今年去年明年前年后年 上个月上月本月这个月下个月下月 本周这周上周下周 今天昨天明天前天后天 上上个月 上个上月 下个下月",
    "前年第一季度 后年上半年 去年底 明年3月 今年 12 月 3 日 上个月5日 本周四 上个\n月 今 年 上月初 下月末",
    # the month's digits before 月: spaces of every kind, full-width digits, three digits, a year before
    "1 月 27 日 12月3号 123月4日 2026年1月12日 年1月2日 x1\u3000月 2 日 1\x1c月3日 １２月３日 5 月 日 月 3 日 "
    "²3月4日 3²月4日 9\n\n月1日 上个月1日",
]
# Digits beyond the BMP, which \d knows and str.isdecimal does not (nor int(), so these texts are
# only matched here, not read as dates)
_ASTRAL_DIGIT_TEXTS = [
    "\U0001e5f1月2日 1\U0001e5f2月3日 \U00010d40\U00010d41 月 9 日 \U0001e5f1 \U0001e5f1月",
    "10:\U0001e5f1\U0001e5f2 GMT 10:\U0001e5f1 :\U0001e5f1\U0001e5f2 UTC",
]


@pytest.mark.parametrize("name", sorted(extract._LOCATED))
def test_a_located_form_finds_what_the_form_finds(name: str, texts: list[str]) -> None:
    """Trying a form's pattern only where its literals (or a prefix before one) are finds what a
    scan of the whole window finds, in every window of a short text."""
    whole = dict(extract.FORM_RES)[name]
    starts = extract._LOCATED[name]
    for text in _LOCATED_TEXTS + _ASTRAL_DIGIT_TEXTS + texts:
        n = len(text)
        if n <= 120:
            windows = [(pos, endpos) for pos in range(n + 1) for endpos in range(pos, n + 1)]
        else:
            windows = [(0, n), (3, n - 2), (n // 3, 2 * n // 3), *((i, i + 40) for i in range(0, n, 37))]
        for pos, endpos in windows:
            present = extract.needles_in(text[pos:endpos])
            expected = [_key(m) for m in whole.finditer(text, pos, endpos)]
            found = [_key(m) for m in extract._located(whole, starts, text, pos, endpos, present=present)]
            assert found == expected, (text[pos:endpos], pos, endpos)


def test_the_words_of_a_located_form_end_with_a_needle() -> None:
    """``_located`` looks for a word only where ``needles_in`` reports its last character."""
    for starts in extract._LOCATED.values():
        for last, words in starts.words:
            assert last in extract._ALL_NEEDLES
            assert all(word.endswith(last) for word in words)


def test_is_digit_is_what_the_engine_calls_a_digit() -> None:
    digit = regex.compile(r"\d")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert extract._is_digit(char) == (digit.fullmatch(char) is not None), hex(code)


def test_every_month_name_starts_with_a_month_needle() -> None:
    names = extract._MONTH_FULL.split("|") + extract._MONTH_ABBR.split("|")
    for name in names:
        assert name[:3] in extract._MONTH_NEEDLES, name


def test_the_scan_with_parts_matches_the_forms_one_by_one(texts: list[str]) -> None:
    """What _scan finds, from the whole forms' patterns (the way it was scanned before parts)."""
    for text in texts:
        found = []
        for priority, (_, pattern) in enumerate(extract.FORM_RES):
            found.extend((m.start(), -m.end(), priority, m) for m in pattern.finditer(text))
        found.sort(key=lambda item: item[:3])
        starts = [(m.start(), m.end()) for *_, m in found]
        scanned = [(m.start(), m.end()) for *_, m in _all_matches(text)]
        assert scanned == starts


def _all_matches(text: str) -> list[tuple[int, int, int, object]]:
    found = []
    for _, priority, _, parts in extract._SCANS:
        patterns = [part.pattern for part in parts]
        found.extend((m.start(), -m.end(), priority, m) for m in extract._finditer(patterns, text, 0, len(text)))
    found.sort(key=lambda item: item[:3])  # type: ignore[index]
    return found


@pytest.mark.parametrize(
    "text",
    ["", "© 2020", "&copy; 2020", "(c) 2020", "(C) 2020", "( c) 2020", "CoPyRiGhT 2020", "COPYRİGHT 2020",
     "copyrİght", "copy right", "版权所有", "版 权", "Byrne and Kyrgyz", "İ", "ⓒ 2020", "copyrightcopyright"],
)  # fmt: skip
def test_copyright_prefilter_agrees_with_lowering_the_text(text: str) -> None:
    lowered = text.lower()
    expected = "©" in text or "(c)" in lowered or "copyright" in lowered or "版权" in text
    assert _may_hold_notice(text) == expected


def test_the_cues_load_the_same_with_the_faster_yaml_loader() -> None:
    text = (extract.DATA_DIR / "cues.yml").read_text("utf-8")
    assert yaml.load(text, Loader=extract._YAML_LOADER) == yaml.safe_load(text)


def test_a_cue_phrase_is_found_where_its_pattern_finds_it(texts: list[str]) -> None:
    """Cues find a phrase with ``str.find`` and tests of the characters either side: the same
    places as the phrase's pattern between lookarounds."""
    phrases = [phrase for cue_list in extract.cues().values() for phrase in cue_list.phrases]
    for phrase in [*phrases, "a b a", "to to"]:  # and two that may overlap themselves
        pattern = regex.compile(rf"(?<![a-z'\-]){regex.escape(phrase)}(?![a-z'\-])")
        samples = [phrase, f"x {phrase} y", f"{phrase}s", f"-{phrase}", f"'{phrase}", f"{phrase}-", f"{phrase}é",
                   f"é{phrase}", f"{phrase}{phrase}", f"{phrase} {phrase}", f"x{phrase} {phrase}", f"{phrase}\n{phrase}",
                   f"{phrase[:-1]}{phrase}", f"{phrase}{phrase[1:]}", f"3{phrase}_", "", *texts]  # fmt: skip
        for text in samples:
            lowered = text.lower()
            expected = [m.start() for m in pattern.finditer(lowered)]
            assert list(extract._phrase_starts(lowered, phrase)) == expected, (phrase, text[:80])


def _any_the_slow_way(cues: extract.Cues, text: str) -> bool:
    """``Cues.any`` as it read before its shortcuts: each test in full, with the regex module."""
    lowered = text.lower()
    if not cues.words.isdisjoint(regex.findall(r"[a-z]+(?:'[a-z]+)?", lowered)):
        return True
    if any(next(extract._phrase_starts(lowered, phrase), -1) >= 0 for phrase in cues.phrases):
        return True
    cleaned = regex.sub(extract._ZH_FALSE_CUES.pattern, lambda m: " " * len(m[0]), text)
    return not text.isascii() and regex.search(cues.zh.pattern, cleaned) is not None


def test_a_cue_list_finds_a_cue_where_the_slow_way_does(texts: list[str]) -> None:
    """``Cues.any`` looks for a Chinese cue in the text before blanking the false cues, and for a
    phrase with a substring test first: the same answers as the tests in full, for every
    sentence and window of a text."""
    for cue_list in extract.cues().values():
        zh_cues = cue_list.zh.pattern.split("|")
        assert not any(char.isspace() for cue in zh_cues for char in cue)
        samples = [*zh_cues, *cue_list.phrases, *cue_list.words, "社会会议", "为了将来", "重要", "需要将要"]
        for text in texts:
            samples += regex.split(r"(?<=[。！？.!?\n])", text)
            samples += [text[i : i + 64] for i in range(0, len(text), 37)]
        for sample in samples:
            assert cue_list.any(sample) == _any_the_slow_way(cue_list, sample), sample[:80]
            # the standard library's engine finds what the regex module found (``Cues.first``)
            slow = regex.sub(extract._ZH_FALSE_CUES.pattern, lambda m: " " * len(m[0]), sample)
            assert extract._ZH_FALSE_CUES.sub(extract._spaces, sample) == slow
            found = [(m.start(), m[0]) for m in cue_list.zh.finditer(slow)]
            assert found == [(m.start(), m[0]) for m in regex.finditer(cue_list.zh.pattern, slow)]


_GATE_TEXTS = [
    "10am PT, 9:30 a.m. ET, 14:00 UTC, 3 PM, 12:30pm, 7 P.M. CEST, 9:30-12:30, 11:00 GMT+8, 8 Am",
    "M .M aM 1aM 2 pM 3\tP.M 4 a.M5 P.m :12 UTC :1 UTC 3 点 pm：30 AM 海M9am",
    "1 月 27 日 12月3号 2026年1月12日 5 月 日 月 3 日",
    "5-Mar-16 12-Sept-2020 1-Jan-99 -Mar-16 3-Mar- 07-Dec-2024",
    "25 June 2026, 21 March, 3rd of May 2020, 1 Sept. 2020, 12 Dec, 9th  of\nJuly, 5 Mayday, 7 Marching, 4 of",
]


@pytest.mark.parametrize("name", sorted(extract._GATES))
def test_a_form_matches_only_where_a_gate_matches(name: str, texts: list[str]) -> None:
    """A gated form is skipped on a window where no gate matches: it must have no match there."""
    whole = dict(extract.FORM_RES)[name]
    for text in _GATE_TEXTS + texts:
        n = len(text)
        if n <= 120:  # every window of a short text
            windows = [(pos, endpos) for pos in range(n + 1) for endpos in range(pos, n + 1)]
        else:
            windows = [(0, n), (3, n - 2), (n // 3, 2 * n // 3)]
        for pos, endpos in windows:
            if whole.search(text, pos, endpos) is not None:
                assert extract._gates_pass(name, text, pos, endpos), (text[pos:endpos], pos, endpos)


def _windows(text: str) -> list[tuple[int, int]]:
    """Every (pos, endpos) of a short text; a few of a long one."""
    n = len(text)
    if n <= 120:
        return [(pos, endpos) for pos in range(n + 1) for endpos in range(pos, n + 1)]
    return [(0, n), (3, n - 2), (n // 3, 2 * n // 3)]


def test_a_char_gate_finds_what_its_pattern_finds(texts: list[str]) -> None:
    """A gate that tries its pattern only where ``str.find`` finds its character and a test of the
    characters next to it passes says what a scan for the pattern says."""
    gates = [gate for gates in extract._GATES.values() for gate in gates if isinstance(gate, extract._CharGate)]
    assert gates
    for text in _GATE_TEXTS + _ASTRAL_DIGIT_TEXTS + texts:
        windows = _windows(text)
        for gate in gates:
            for pos, endpos in windows:
                expected = gate.pattern.search(text, pos, endpos) is not None
                assert gate.passes(text, pos, endpos, set()) == expected, (text[pos:endpos], pos, endpos)


def test_the_time_gates_are_the_gates_they_stand_for(texts: list[str]) -> None:
    """The time form's gates, the "M" and the "m" of "PM" and "pm" looked for apart, pass where
    an "am" / "p.m." after a digit in any case, or minutes and a zone, is."""
    before = (regex.compile(r"(?i)m(?<=\d\s*[ap]\.?m)"), regex.compile(rf":\d{{2}}\s*{extract._ZONE}"))
    for text in _GATE_TEXTS + _ASTRAL_DIGIT_TEXTS + texts:
        windows = _windows(text)
        for pos, endpos in windows:
            expected = any(gate.search(text, pos, endpos) is not None for gate in before)
            assert extract._gates_pass("etime", text, pos, endpos) == expected, (text[pos:endpos], pos, endpos)


def test_the_gate_texts_hold_every_gated_form() -> None:
    for name in extract._GATES:
        assert any(dict(extract.FORM_RES)[name].search(text) for text in _GATE_TEXTS), name


def test_located_forms_are_not_cut() -> None:
    """A located form is scanned with its one part, which must be its whole pattern."""
    assert not set(extract._LOCATED) & set(extract._CUTS)


def test_the_scan_finds_what_the_forms_own_patterns_find(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut of ``_scan`` at once (needles, gates, parts, located literals), on whole
    texts and on short windows (header lines), against scanning each form's own pattern."""
    long_text = "\n".join(_TEXTS + _LOCATED_TEXTS + _GATE_TEXTS)  # the texts above in one long window
    windows = {
        text: [(0, len(text)), *((m.start(), m.end()) for m in regex.finditer(r"[^\n]+", text[:3000]))]
        for text in [*texts, long_text]
    }
    fast = {text: [extract._scan(text, pos, endpos) for pos, endpos in spans] for text, spans in windows.items()}
    wholes = dict(extract.FORM_RES)
    slow_scans = tuple(
        (name, priority, None, (extract._Part(wholes[name], frozenset(), gated=False),))
        for name, priority, _, _ in extract._SCANS
    )
    monkeypatch.setattr(extract, "_SCANS", slow_scans)
    monkeypatch.setattr(extract, "_LOCATED", {})
    monkeypatch.setattr(extract, "_GATES", {})
    for text, spans in windows.items():
        assert [extract._scan(text, pos, endpos) for pos, endpos in spans] == fast[text]


# Every form of a full date with its year, alone on a line as in a page header, and near misses.
_HEADER_TEXTS = [
    "2024-07-31", "2026年1月12日", "June 25, 2026", "25 June 2026", "5-Mar-16", "07/31/2024", "31.07.2024",
    "星期二, 3 1月, 2024", "Tuesday, March 5, 2024 10:30 am", "2024.07.31 (Friday)", "2024/7/3 周三", "12-Sept-20",
    "1-Jan-99", "**Jan. 5th, 1999**", "> 2 Feb 2020", "2026 年 2 月 3 日 星期二", "３月４日, ２０２４年", "1-Jan-9",
    "March 5, 15", "5 Mar 2100", "1599-01-02", "5-Mar-1", "2023-02-30", "Mon, 2024-01-01 上午",
]  # fmt: skip


def test_a_full_date_on_a_line_holds_what_header_date_looks_for(texts: list[str]) -> None:
    """``header_date`` scans only a line where ``_HEADER_NEED`` matches: every full date with its
    year, the one mention a header line may hold, is such a line's."""
    for text in [*_HEADER_TEXTS, *_TEXTS, *_LOCATED_TEXTS, *_GATE_TEXTS, *texts]:
        for line in regex.finditer(r"[^\n]+", text):
            for mention in extract._scan(text, line.start(), line.end()):
                if mention.precision == "day" and mention.year_explicit and mention.valid and mention.value:
                    assert extract._HEADER_NEED.search(line[0]), (line[0], mention)


def test_header_date_finds_what_it_found_scanning_every_line(
    texts: list[str], request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same header dates with the test of a line before its scan, and without."""
    sources = [f"{header}\n\nSome text 2024 and more.\n" for header in _HEADER_TEXTS]
    sources += [f"---\ntitle: x\n---\n\n{header}\n" for header in _HEADER_TEXTS] + texts
    try:
        corpus: Path = request.getfixturevalue("corpus")
        sources += [p.read_text("utf-8", errors="replace") for p in sorted(corpus.rglob("*.md"))[::10]]
    except pytest.skip.Exception:
        pass
    docs = [parse(f"{i}.md", source) for i, source in enumerate(sources)]
    fast = [extract.header_date(doc) for doc in docs]
    assert sum(found is not None for found in fast) >= 12
    monkeypatch.setattr(extract, "_HEADER_NEED", regex.compile(""))
    assert [extract._header_date(doc) for doc in docs] == fast
