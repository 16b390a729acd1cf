"""The dates plugin's extractor: every form in both languages, spans, values, precision."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from factlint_dates import extract
from factlint_dates.extract import extract_text

from factlint.document import parse
from factlint.metadata import resolve

PUB = dt.date(2026, 2, 3)  # seed 002's publication date

# (text, publication date, [(span text, normalised value, precision), ...])
FORMS = [
    # numeric, with times and zones, glued to the next word
    ("发布于 2024-07-31。", PUB, [("2024-07-31", "2024-07-31", "day")]),
    ("Saved 2024/07/31.", PUB, [("2024/07/31", "2024-07-31", "day")]),
    ("Saved 2024.07.31.", PUB, [("2024.07.31", "2024-07-31", "day")]),
    ("date_published: 2024-02-16 11:30:00", PUB, [("2024-02-16 11:30:00", "2024-02-16", "day")]),
    ("深潮Published on 2024-07-31Last updated on 2024-07-31", PUB,
     [("2024-07-31", "2024-07-31", "day"), ("2024-07-31", "2024-07-31", "day")]),
    ("2026年1月12日 北京时间 00:30，苹果公司宣布。", PUB, [("2026年1月12日 北京时间 00:30", "2026-01-12", "day")]),
    ("On June 25, 2026, 10am PT, Micron reported.", PUB, [("June 25, 2026, 10am PT", "2026-06-25", "day")]),
    ("The call is at 2024-03-05 09:00 UTC+8.", PUB, [("2024-03-05 09:00 UTC+8", "2024-03-05", "day")]),
    # Chinese
    ("2026年1月12日,苹果公司宣布。", PUB, [("2026年1月12日", "2026-01-12", "day")]),
    ("更致命的一击来自库比蒂诺。2026 年1 月 12 日,苹果公司宣布。", PUB, [("2026 年1 月 12 日", "2026-01-12", "day")]),
    ("1 月 27 日,OpenAI CEO 山姆·奥尔特曼在 OpenAI Town Hall 交流。", PUB, [("1 月 27 日", "2026-01-27", "day")]),
    ("根据 Similarweb 于2024 年 3 月发布的数据。", PUB, [("2024 年 3 月", "2024-03", "month")]),
    ("而2025年OpenAI的收入约200亿美元。", PUB, [("2025年", "2025", "year")]),
    ("计划于今年第四季度正式启动 IPO。", PUB, [("今年第四季度", "2026-Q4", "quarter")]),
    ("去年的收入翻了一番。", PUB, [("去年", "2025", "year")]),
    ("明年再说。", PUB, [("明年", "2027", "year")]),
    ("上个月的数据。", PUB, [("上个月", "2026-01", "month")]),
    ("本周发布。", PUB, [("本周", "2026-02-02/2026-02-08", "day")]),
    ("2024年第三季度营收增长。", PUB, [("2024年第三季度", "2024-Q3", "quarter")]),
    ("2025年底上线。", PUB, [("2025年底", "2025", "year")]),
    ("今年1月16日是它的生日。", PUB, [("今年1月16日", "2026-01-16", "day")]),
    ("去年3月发布。", PUB, [("去年3月", "2025-03", "month")]),
    ("安全维护阶段，直至 2018 年三月。", PUB, [("2018 年三月", "2018-03", "month")]),
    ("2019年十二月上线。", PUB, [("2019年十二月", "2019-12", "month")]),
    ("星期二, 3 2 月, 2026", PUB, [("星期二, 3 2 月, 2026", "2026-02-03", "day")]),
    ("1999年到2001年之间。", PUB, [("1999年", "1999", "year"), ("2001年", "2001", "year")]),
    # English
    ("On June 25, 2026, Micron released results.", PUB, [("June 25, 2026", "2026-06-25", "day")]),
    ("It opened on 25 June 2026 in Paris.", PUB, [("25 June 2026", "2026-06-25", "day")]),
    ("Doors open Jun. 25 at noon.", PUB, [("Jun. 25", "2025-06-25", "day")]),
    ("It dates back to October 2024.", PUB, [("October 2024", "2024-10", "month")]),
    ("It began in the March of 2018.", PUB, [("March of 2018", "2018-03", "month")]),
    ("into late 2026 or early 2027", PUB, [("late 2026", "2026", "year"), ("early 2027", "2027", "year")]),
    ("the bottom by mid-2026", PUB, [("mid-2026", "2026", "year")]),
    ("until the end of 2025", PUB, [("the end of 2025", "2025", "year")]),
    ("its blockbuster Q3 FY2026 results", PUB, [("Q3 FY2026", "2026-Q3", "quarter")]),
    ("results for Q3 2024 were strong", PUB, [("Q3 2024", "2024-Q3", "quarter")]),
    ("in the third quarter of 2024", PUB, [("third quarter of 2024", "2024-Q3", "quarter")]),
    ("Microsoft invested in 2019.", PUB, [("2019", "2019", "year")]),
    ("since 2015, we have grown", PUB, [("2015", "2015", "year")]),
    ("Revenue doubled last year.", PUB, [("last year", "2025", "year")]),
    ("Next month we ship.", PUB, [("Next month", "2026-03", "month")]),
    ("It shipped yesterday.", PUB, [("yesterday", "2026-02-02", "day")]),
    ("Tuesday, March 5, 2024 was busy.", PUB, [("March 5, 2024", "2024-03-05", "day")]),
    ("(c) 2023 – 2025 All Right Reserved.", PUB, [("2023 – 2025", "2023/2025", "year")]),
    ("from 2010 to 2015", PUB, [("2010 to 2015", "2010/2015", "year")]),
    ("It was filed on 5-Mar-16.", PUB, [("5-Mar-16", "2016-03-05", "day")]),
    # numeric with the year last: month first (US), day first when it must be or with dots
    ("**Deadline:** 12/31/2018 or until position filled", PUB, [("12/31/2018", "2018-12-31", "day")]),
    ("  * 20/01/2015 &#8211; Rewrite &#8211; London", PUB, [("20/01/2015", "2015-01-20", "day")]),
    ("Erschienen am 31.07.2024.", PUB, [("31.07.2024", "2024-07-31", "day")]),
    ("dated 4/7/2010:", PUB, [("4/7/2010", "2010-04-07", "day")]),
    # a weekday on its own, resolved against the publication date (2026-02-03, a Tuesday)
    ("周二发布了新版本。", PUB, [("周二", "2026-02-03", "day")]),
    ("星期一，苹果公司宣布选择谷歌的 Gemini 模型。", PUB, [("星期一", "2026-02-02", "day")]),
    ("上周四（3月2日）晚上，香港尖沙咀一座42层摩天大楼起火。", dt.date(2023, 3, 3), [("3月2日", "2023-03-02", "day")]),
    ("上个星期天，巴黎举办了无车日。", PUB, [("上个星期天", "2026-02-01", "day")]),
    ("本周二发布。", PUB, [("本周二", "2026-02-03", "day")]),
    ("1月14日（下周日）是 Android 专场。", dt.date(2024, 1, 5), [("1月14日", "2024-01-14", "day")]),
    ("下周三将发布新版本。", PUB, [("下周三", "2026-02-11", "day")]),
    ("礼拜五我们去了公园。", PUB, [("礼拜五", "2026-01-30", "day")]),
    ("On Friday, he gave a talk at 18F.", PUB, [("Friday", "2026-01-30", "day")]),
    ("The next set of auctions will launch on Friday.", PUB, [("Friday", "2026-02-06", "day")]),
    ("It shipped last Friday.", PUB, [("last Friday", "2026-01-30", "day")]),
    ("a report on support vector machines (next Tuesday morning)", PUB, [("next Tuesday", "2026-02-10", "day")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expected"), FORMS, ids=[f[0][:40] for f in FORMS])
def test_forms(text: str, published: dt.date, expected: list[tuple[str, str, str]]) -> None:
    found = [(m.text, m.iso, m.precision) for m in extract_text(text, published)]
    assert found == expected


NOT_DATES = [
    "Upgrade to v1.2023.10.5 now.",
    "Call 2019-123-45 for help.",
    "共有2019个项目参与。",
    "2020年代的互联网。",
    "in 2019 people asked.",
    "The price rose 20% of $60 in 3 months.",
    "May I ask a question?",
    "Guidance for Q4 was even more striking.",
    "每周二更新一次。",
    "一周三次，每次一小时。",
    "营业时间：周一至周五。",
    "工作日周一至五上班。",
    "Black Friday sales were strong.",
    "we deploy a new release every other Tuesday",
    "Mondays are hard.",
    "Open Monday through Friday.",
    "CentOS Linux release 7.3.1611",
    "Upgrade to v1.2.2024 now.",
    "I am 5 years old.",
    "OpenAI 在 2023 年 11 月 6 日的开发者大会",  # has a date: checked below to be the only one
]


@pytest.mark.parametrize("text", NOT_DATES[:-1])
def test_not_dates(text: str) -> None:
    assert extract_text(text, PUB) == []


def test_spans_point_into_the_original_text() -> None:
    text = "---\ndate: 2024-07-31\n---\n\n# 标题\n\n`2020-01-01` 代码里的不算。On June 25, 2026, Micron released.\n"
    found = extract_text(text, dt.date(2024, 7, 31))
    assert [text[m.start : m.end] for m in found] == ["June 25, 2026"]


# U+10D41, U+10D42: digits of a newer Unicode than Python's. The regex engine's \\d matches them,
# ``int`` cannot read them: they are no part of a date, and the dates beside them are still read.
_UNREADABLE = "\U00010d41\U00010d42"


@pytest.mark.parametrize(
    "text",
    [
        f"It happened on March 3, 20{_UNREADABLE} and on 2024-01-02.",
        f"20{_UNREADABLE}-01-02, 1{_UNREADABLE[0]}:30 pm, then 2024-01-02 😀.",
        f"20{_UNREADABLE}年3月5日，2024-01-02。",
    ],
)
def test_digits_python_cannot_read_are_no_part_of_a_date(text: str) -> None:
    found = extract_text(text, PUB)
    assert ("2024-01-02", dt.date(2024, 1, 2)) in [(m.text, m.value) for m in found]
    assert all(_UNREADABLE[0] not in m.text and _UNREADABLE[1] not in m.text for m in found)


def test_a_header_date_of_unreadable_digits_is_no_publication_date() -> None:
    doc = parse("a.md", f"# Title\n\nMarch 3, 20{_UNREADABLE}\n\nBody.\n")
    assert extract.publication(doc) is None


@pytest.mark.parametrize(
    ("text", "published", "weekday", "value"),
    [
        ("2016-12-29 (Friday)", None, 4, "2016-12-29"),
        ("Friday, December 30, 2016", None, 4, "2016-12-30"),
        ("2026年2月3日（星期三）", None, 2, "2026-02-03"),
        ("2月3日 周三", PUB, 2, "2026-02-03"),
        ("礼拜二, 2026年2月3日", None, 1, "2026-02-03"),
        ("星期二, 3 2 月, 2026", None, 1, "2026-02-03"),
        ("Tue, 5 Mar 2024", None, 1, "2024-03-05"),
    ],
)
def test_weekdays(text: str, published: dt.date | None, weekday: int, value: str) -> None:
    (mention,) = extract_text(text, published)
    assert mention.weekday == weekday
    assert mention.iso == value
    assert mention.weekday_span is not None


@pytest.mark.parametrize(
    ("text", "span", "time", "tz"),
    [
        ("这个时刻就是7月8日格林尼治标准时11:15，相当于北京时间19:15。", "北京时间19:15", "19:15", "北京时间"),
        ("北京时间 00:30，发布会开始。", "北京时间 00:30", "00:30", "北京时间"),
        ("OpenAI 在北京时间凌晨2点召开大会。", "北京时间凌晨2点", "02:00", "北京时间"),
        ("直播在北京时间下午3点半开始。", "北京时间下午3点半", "15:30", "北京时间"),
        ("The keynote starts at 10am PT.", "10am PT", "10:00", "PT"),
        ("(around 11:30 a.m. ET and 6:45 p.m. ET)", "11:30 a.m. ET", "11:30", "ET"),
        ("Bids for this issue close at 12 p.m. EST on Thursday.", "12 p.m. EST", "12:00", "EST"),
        ("The window opens at 14:00 UTC.", "14:00 UTC", "14:00", "UTC"),
        ("At 11:29am, we had working code up and running.", "11:29am", "11:29", ""),
    ],
)
def test_times_without_a_date(text: str, span: str, time: str, tz: str) -> None:
    mention = next(m for m in extract_text(text, PUB) if m.precision == "time")
    assert (mention.text, mention.form, mention.value) == (span, "time", None)
    assert mention.time is not None and mention.time.isoformat(timespec="minutes") == time
    assert mention.tz == tz


def test_a_zone_on_its_own() -> None:
    found = extract_text("if you publish a post at 10am on 2021/11/10 in the timezone GMT+8, the server", PUB)
    assert [(m.text, m.form) for m in found] == [("10am", "time"), ("2021/11/10", "numeric"), ("GMT+8", "zone")]
    assert found[2].tz == "GMT+8"


def test_times_are_not_ranges_or_scores() -> None:
    found = extract_text("**主论坛（9:30-12:30）**，比分 3:2。", PUB)
    assert found == []


def test_a_time_after_a_date_belongs_to_it() -> None:
    (mention,) = extract_text("date_published: 2024-02-16 11:30:00 UTC+8", PUB)
    assert mention.tz == "UTC+8"


def test_a_numeric_date_that_reads_both_ways_keeps_the_other_reading() -> None:
    (mention,) = extract_text("03/07/2014 &#8211; UAT &#8211; SQLMidlands user group", PUB)
    assert mention.iso == "2014-03-07"
    assert mention.alternative == dt.date(2014, 7, 3)
    (certain,) = extract_text("25/08/2014 &#8211; Minor update", PUB)
    assert certain.alternative is None
    (impossible,) = extract_text("31/04/2024")
    assert not impossible.valid


def test_a_lone_weekday_next_to_a_date_belongs_to_the_date() -> None:
    for text in ("本周一（2月23日），Anthropic 公司突然在官网发布文章。", "Tuesday, March 5, 2024 was busy."):
        (mention,) = extract_text(text, dt.date(2026, 2, 27))
        assert mention.weekday is not None
        assert not mention.form.endswith("weekday")


def test_no_weekday_from_a_company_or_a_range() -> None:
    (mention,) = extract_text("1995年5月23日，Sun 公司正式发布了这种语言。")
    assert mention.weekday is None
    mentions = extract_text("* When: Sep 18 - Sep 20 (Thu - Sat)", dt.date(2014, 7, 26))
    assert all(m.weekday is None for m in mentions)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # closest before the publication date …
        ("1 月 27 日,奥尔特曼在 Town Hall 交流。", dt.date(2026, 2, 3), "2026-01-27"),
        ("12 月 27 日,奥尔特曼在 Town Hall 交流。", dt.date(2026, 2, 3), "2025-12-27"),
        ("On March 21 we shipped.", dt.date(2016, 2, 24), "2015-03-21"),
        # … after it when the sentence is about the future
        ("We will be accepting applications until midnight PST on Sunday, March 21.", dt.date(2016, 2, 24),
         "2016-03-21"),
        ("活动将于 3 月 5 日举行。", dt.date(2026, 2, 3), "2026-03-05"),
    ],
)  # fmt: skip
def test_yearless_resolution(text: str, published: dt.date, value: str) -> None:
    (mention,) = extract_text(text, published)
    assert not mention.year_explicit
    assert mention.iso == value


def test_yearless_without_publication_date_stays_unresolved() -> None:
    (mention,) = extract_text("1 月 27 日,奥尔特曼在 Town Hall 交流。")
    assert mention.value is None
    assert mention.ymd == (None, 1, 27)


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("February 30", (None, 2, 30)),
        ("2023-13-01", (2023, 13, 1)),
        ("31 April", (None, 4, 31)),
        ("2023年2月29日", (2023, 2, 29)),
        ("2月30日", (None, 2, 30)),
    ],
)
def test_impossible_dates_are_kept_invalid(text: str, ymd: tuple[int | None, ...]) -> None:
    (mention,) = extract_text(text)
    assert not mention.valid
    assert mention.ymd == ymd


def test_glued_scraped_date_is_read_but_marked() -> None:
    (mention,) = extract_text("关注2023-11-100 评论 4576 浏览")
    assert mention.iso == "2023-11-10"
    assert mention.glued


def test_future_sentences_are_marked() -> None:
    (plan,) = extract_text("并计划于今年第四季度正式启动 IPO。", PUB)
    assert plan.future
    (fact,) = extract_text("2026 年1 月 12 日,苹果公司宣布选择谷歌。", PUB)
    assert not fact.future


def test_dateparser_is_memoised_and_only_for_rare_spans() -> None:
    extract._dateparser.cache_clear()
    extract_text("It was filed on 5-Mar-16 and again on 5-Mar-16.")
    info = extract._dateparser.cache_info()
    assert info.misses == 1
    assert info.hits >= 1
    extract._dateparser.cache_clear()
    extract_text("On June 25, 2026, Micron released results; 2024-07-31 too.")
    assert extract._dateparser.cache_info().misses == 0


def test_seed_002_header_is_the_publication_date(seeds: Path) -> None:
    text = (seeds / "002_46dc9279736b5db8.txt").read_text("utf-8")
    doc = parse("002.txt", text)
    assert "published" not in resolve(doc)
    assert extract.publication(doc) == dt.date(2026, 2, 3)
    from factlint_dates.hooks import factlint_document_metadata

    meta = factlint_document_metadata(doc, None)
    assert meta is not None
    assert meta["published"].value == dt.date(2026, 2, 3)
    assert meta["published"].span is not None and meta["published"].span.line == 2


def test_header_date_is_not_taken_when_the_core_has_one(seeds: Path) -> None:
    from factlint_dates.hooks import factlint_document_metadata

    text = (seeds / "004_b625d6200ca549e7.txt").read_text("utf-8")
    doc = parse("004.txt", text)
    meta = factlint_document_metadata(doc, None) or {}
    assert "published" not in meta


def test_claims_carry_value_precision_and_modality(seeds: Path) -> None:
    from factlint_dates.hooks import factlint_extract_claims

    text = (seeds / "002_46dc9279736b5db8.txt").read_text("utf-8")
    doc = parse("002.txt", text)
    doc.metadata = resolve(doc)
    claims = factlint_extract_claims(doc, None)
    assert all(c.kind == "date" and c.extractor == "factlint_dates" for c in claims)
    by_value = {c.value: c for c in claims}
    assert by_value["2026-01-27"].get("precision") == "day"
    assert by_value["2026-01-27"].get("year_explicit") is False
    assert by_value["2026-Q4"].modality == "expected"
    assert by_value["2026-01-12"].span.line == 61


def test_a_data_dump_is_read_only_up_to_the_guard() -> None:
    text = "factlint checks 5 MB lines in 1 piece, 2023-11-10; " * (extract.MAX_MENTIONS + 500)
    assert len(extract._scan(text)) == extract.MAX_MENTIONS


_NEEDLE_TEXTS = ["", "Mondayear", "Sundayesterday", "GMThursday", "tomorroweek", "Mayear", "周三", "星期二 礼拜",
                 "FY2024 Q3 quarter", "no dates here", "北京时间上午", "UTC+8 GMT", "一季度", "Todayear Mon",
                 "Octoday", "Sunday.19", "Q1/2019", "1.20-19", "toMorrow tomorrow", "-2019/20.1", "Tomorroweek"]  # fmt: skip


@pytest.mark.parametrize("text", _NEEDLE_TEXTS)
def test_needles_in_finds_every_needle_a_substring_test_finds(text: str) -> None:
    """The one-scan prefilter of the date forms agrees with a substring test per needle, also
    where one needle's match covers the start of another."""
    expected = {n for n in extract._ALL_NEEDLES if n in text}
    assert extract.needles_in(text) == expected


def test_needles_in_knows_every_needle_of_the_forms_and_their_parts() -> None:
    """A gate needle missing from the one scan would gate its form or part off for good."""
    gates = {n for needles in extract._NEEDLES.values() for n in needles}
    gates |= {n for *_, parts in extract._SCANS for part in parts for n in part.needles}
    assert gates <= set(extract._ALL_NEEDLES)


def test_needles_in_agrees_with_a_substring_test_on_the_seeds(seeds: Path) -> None:
    for path in sorted(seeds.iterdir()):
        if path.is_file():
            text = path.read_text("utf-8", errors="replace")
            assert extract.needles_in(text) == {n for n in extract._ALL_NEEDLES if n in text}, path.name


@pytest.mark.parametrize(
    "needles", [extract._SCANNED_NEEDLES, ("abc", "ab", "ba", "a", "b"), ("Mon", "Monday", "M", "day", "ay")]
)
def test_the_grouped_alternation_matches_the_flat_one_at_every_position(needles: tuple[str, ...]) -> None:
    flat = re.compile("|".join(map(re.escape, needles)))
    grouped = re.compile(extract._alternation(needles))
    for text in [*_NEEDLE_TEXTS, "abcab ba aab", "Monday Mon Mday ay", "GMThursday.19-20/19 Sept Mayear"]:
        for i in range(len(text) + 1):
            expected, got = flat.match(text, i), grouped.match(text, i)
            assert (got and got[0]) == (expected and expected[0]), (text, i)
