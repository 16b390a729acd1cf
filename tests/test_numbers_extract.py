"""Quantity extraction: values, units, intervals and the numbers that are not quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factlint_numbers.quantities import Mention, extract, scan

D = Decimal
NONE = None


def _find(text: str, needle: str) -> Mention:
    """The quantity whose text contains ``needle`` (the number part of it)."""
    mentions = extract(text)
    for m in mentions:
        if needle in text[m.start : m.end]:
            return m
    raise AssertionError(f"no quantity with {needle!r} in {text!r}: {[text[m.start : m.end] for m in mentions]}")


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= abs(b) * D("0.0001")


# text, needle, low, high, unit
ZH_CASES = [
    ("Google AI Plus,美国定价7.99美元/月,不到一半", "7.99", D("7.99"), D("7.99"), "USD"),
    ("ChatGPT PLus 会员(20 美元/月)一半的价格", "20", D(20), D(20), "USD"),
    ("累计形成约1.4万亿美元负债", "1.4", D("1.26e12"), D("1.54e12"), "USD"),
    ("而2025年OpenAI的收入约200亿美元", "200", D("1.8e10"), D("2.2e10"), "USD"),
    ("收入仅约 200 亿美元的公司", "200", D("1.8e10"), D("2.2e10"), "USD"),
    ("估值 7500 亿至 8300 亿美元", "7500", D("7.5e11"), D("8.3e11"), "USD"),
    ("寻求 500 亿美元融资", "500", D("5e10"), D("5e10"), "USD"),
    ("资金缺口可能增长至约1300亿美元", "1300", D("1.17e11"), D("1.43e11"), "USD"),
    ("仅今年就有超过800亿美元的递延承诺将到期", "800", D("8e10"), NONE, "USD"),
    ("拥有 20 亿日活用户的谷歌搜索", "20", D("2e9"), D("2e9"), "日活用户"),
    ("平台已有 200 万开发者", "200", D("2e6"), D("2e6"), "开发者"),
    ("覆盖到35个新增国家和地区", "35", D(35), D(35), "新增国家"),
    ("占据了 68% 的市场份额", "68", D(68), D(68), "%"),
    ("较一年前的 87.2% 大幅下降", "87.2", D("87.2"), D("87.2"), "%"),
    ("包括 2019 年的 10 亿美元投资", "10", D("1e9"), D("1e9"), "USD"),
    ("以及 2023 年的 100 亿美元投资", "100", D("1e10"), D("1e10"), "USD"),
    ("运营成本预计接近 40 亿美元", "40", D("3.6e9"), D("4e9"), "USD"),
    ("公司每年至少需要 50 亿美元的新资本", "50", D("5e9"), D("5e9"), "USD"),
    ("（最低 20 亿美元）", "20", D("2e9"), NONE, "USD"),
    ("把Gemini做得比 GPT-5 聪明十倍", "十倍", D(10), D(10), "x"),
    ("净利润增长了 15 倍", "15", D(15), D(15), "x"),
    ("三分之一的用户", "三分之一", D(1) / D(3), D(1) / D(3), ""),
    ("失业率上升百分之五", "百分之五", D(5), D(5), "%"),
    ("有十多家公司。", "十多", D(10), D(20), "公司"),
    ("分为两类", "两类", D(2), D(2), "类"),
    ("营收达到1300多亿元", "1300多", D("1.3e11"), D("1.4e11"), "CNY"),
    ("毛利率提高了 3 个百分点", "3", D(3), D(3), "pp"),
    ("售价 ２９９ 元", "２９９", D(299), D(299), "CNY"),
    ("增长了 ５０％", "５０", D(50), D(50), "%"),
    ("市场规模约 300 亿元人民币", "300", D("2.7e10"), D("3.3e10"), "CNY"),
    ("融资 5000 万美元", "5000", D("5e7"), D("5e7"), "USD"),
    ("用户超过 1 亿", "1", D("1e8"), NONE, ""),
    ("大约 30 万名员工", "30", D("2.7e5"), D("3.3e5"), "员工"),
    ("票价 100 欧元", "100", D(100), D(100), "EUR"),
    ("身价 20 亿港元", "20", D("2e9"), D("2e9"), "HKD"),
    ("不到 10 万用户", "10", NONE, D("1e5"), "用户"),
    ("约 5000 人左右", "5000", D(4500), D(5500), "人"),
    ("营收 100 亿元以上", "100", D("1e10"), NONE, "CNY"),
    ("近 3 成", "3", D("2.7"), D(3), "成"),
    ("逾 200 家企业", "200", D(200), NONE, "企业"),
    ("定价 ¥68/月", "68", D(68), D(68), "CNY"),
    ("价格从 20 元涨到 30 元", "30", D(30), D(30), "CNY"),
]

EN_CASES = [
    ("Revenue soared to $41.456 billion this quarter", "41.456", D("41.456e9"), D("41.456e9"), "USD"),
    ("(vs. ~$35.4B expected)", "35.4", D("31.86e9"), D("38.94e9"), "USD"),
    ("up 346% year-over-year", "346", D(346), D(346), "%"),
    ("net profit surged nearly 15 times", "15", D("13.5"), D(15), "x"),
    ("projected revenue of approximately $50 billion", "50", D("45e9"), D("55e9"), "USD"),
    ("a unicorn with a $1.3B valuation", "1.3", D("1.3e9"), D("1.3e9"), "USD"),
    ("Achieve a $10 Billion Valuation?", "10", D("1e10"), D("1e10"), "USD"),
    ("Building a $10B+ Company", "10", D("1e10"), NONE, "USD"),
    ("access to over 400 AI models", "400", D(400), NONE, "model"),
    ("from 70+ providers", "70", D(70), NONE, "provider"),
    ("reaching 100 trillion tokens monthly", "100", D("1e14"), D("1e14"), "token"),
    ("a small platform fee (5.5%) on purchased credits", "5.5", D("5.5"), D("5.5"), "%"),
    ("revenue growth exceeding 250-600%", "250", D(250), D(600), "%"),
    ("with margins hovering around 80%", "80", D(72), D(88), "%"),
    ("laying off 20% of its staff", "20", D(20), D(20), "%"),
    ("a $50-60B round", "50", D("50e9"), D("60e9"), "USD"),
    ("between 5 and 10 users", "5", D(5), D(10), "user"),
    ("Bitcoin fell below $60,000 again", "60,000", NONE, D(60000), "USD"),
    ("a low of $59,023", "59,023", D(59023), D(59023), "USD"),
    ("nearly $5.94 billion withdrawn", "5.94", D("5.346e9"), D("5.94e9"), "USD"),
    ("at least 3 million users", "3", D("3e6"), NONE, "user"),
    ("up to 1,000 requests", "1,000", NONE, D(1000), "request"),
    ("two reasons", "two", D(2), D(2), "reason"),
    ("a dozen eggs", "dozen", D(12), D(12), "egg"),
    ("three million users", "three", D("3e6"), D("3e6"), "user"),
    ("It costs US$20 per month", "20", D(20), D(20), "USD"),
    ("sold for €5 million", "5", D("5e6"), D("5e6"), "EUR"),
    ("a £2bn deal", "2", D("2e9"), D("2e9"), "GBP"),
    ("raised HK$300 million", "300", D("3e8"), D("3e8"), "HKD"),
    ("costs 5 dollars", "5", D(5), D(5), "USD"),
    ("revenue of 12 million euros", "12", D("12e6"), D("12e6"), "EUR"),
    ("rates rose 25 basis points", "25", D(25), D(25), "bp"),
    ("up 3 percentage points", "3", D(3), D(3), "pp"),
    ("grew 20 percent", "20", D(20), D(20), "%"),
    ("about 1,234.5 kg of waste", "1,234.5", D("1111.05"), D("1357.95"), "kg"),
    ("more than 5,000 employees", "5,000", D(5000), NONE, "employee"),
    ("fewer than 10 people", "10", NONE, D(10), "people"),
    ("a 15x return", "15", D(15), D(15), "x"),
    ("5k stars on GitHub", "5", D(5000), D(5000), "star"),
    ("$3.5M seed round", "3.5", D("3.5e6"), D("3.5e6"), "USD"),
    ("roughly $100 billion in guaranteed future revenue", "100", D("90e9"), D("110e9"), "USD"),
    ("The Pro plan costs $200/month", "200", D(200), D(200), "USD"),
]


@pytest.mark.parametrize(("text", "needle", "low", "high", "unit"), ZH_CASES, ids=[c[0][:24] for c in ZH_CASES])
def test_zh_quantities(text: str, needle: str, low: Decimal | None, high: Decimal | None, unit: str) -> None:
    m = _find(text, needle)
    assert _close(m.quantity.low, low), (m.quantity, low)
    assert _close(m.quantity.high, high), (m.quantity, high)
    assert m.quantity.unit == unit


@pytest.mark.parametrize(("text", "needle", "low", "high", "unit"), EN_CASES, ids=[c[0][:24] for c in EN_CASES])
def test_en_quantities(text: str, needle: str, low: Decimal | None, high: Decimal | None, unit: str) -> None:
    m = _find(text, needle)
    assert _close(m.quantity.low, low), (m.quantity, low)
    assert _close(m.quantity.high, high), (m.quantity, high)
    assert m.quantity.unit == unit


# text, a number in it that must not be read as a quantity
NOT_QUANTITIES = [
    ("2026 年1 月 12 日,苹果公司宣布", "12"),
    ("2026 年1 月 12 日,苹果公司宣布", "2026"),
    ("1 月 27 日,OpenAI CEO 山姆·奥尔特曼", "27"),
    ("他在 2022 年建立的巨大优势", "2022"),
    ("直到2029年才可能盈利", "2029"),
    ("Published on 2024-07-31", "2024"),
    ("On June 25, 2026, Micron released", "25"),
    ("On June 25, 2026, Micron released", "2026"),
    ("released its Q3 FY2026 results", "3"),
    ("released its Q3 FY2026 results", "2026"),
    ("the meeting starts at 7:54", "7"),
    ("at 9 a.m. sharp", "9"),
    ("比 GPT-5 聪明", "5"),
    ("GPT-4 and GPT 4 Turbo", "4"),
    ("Qwen2.5 is open", "2.5"),
    ("Install Python 3.11 first", "3.11"),
    ("Ruby 3.3.0 Released", "3.3.0"),
    ("run v1.2 of the tool", "1.2"),
    ("1.谷歌的生态霸权:无处不在的窒息感", "1"),
    ("4、人才出走:当组织进入兑现期", "4"),
    ("2. 苹果的背刺:被切断的输血管道", "2"),
    ("See Figure 2 and Section 4", "2"),
    ("See Figure 2 and Section 4", "4"),
    ("第 3 章讲的是", "3"),
    ("the 3rd edition", "3"),
    ("Call 010-12345678 today", "010"),
    ("手机 13912345678", "13912345678"),
    ("commit 3f2a9c1d fixed it", "3f2a9c1d"),
    ("order 123456789012 shipped", "123456789012"),
    ("issue #42 was closed", "42"),
    ("COVID-19 spread", "19"),
    ("from 2019-2023 we grew", "2019"),
    ("in 2019 we moved", "2019"),
    ("H100 and A100 GPUs", "100"),
    ("5G networks", "5"),
    ("统一的标准", "一"),
    ("这是最大的公司之一", "一"),
    ("第一家公司", "一"),
    ("一些用户", "一"),
    ("No. 5 on the list", "5"),
]


@pytest.mark.parametrize(("text", "needle"), NOT_QUANTITIES, ids=[f"{c[0][:20]}|{c[1]}" for c in NOT_QUANTITIES])
def test_not_quantities(text: str, needle: str) -> None:
    at = text.index(needle)
    for m in extract(text):
        assert not (m.number_start <= at < m.number_end), f"{text[m.start : m.end]!r} read as a quantity"


def test_offsets_are_exact() -> None:
    text = "营收  约1.4万亿美元，而 $1.3B valuation"
    for m in extract(text):
        assert text[m.start : m.end].strip() == text[m.start : m.end]
    assert [text[m.start : m.end] for m in extract(text)] == ["约1.4万亿美元", "$1.3B"]


def test_rate_denominator() -> None:
    m = _find("美国定价7.99美元/月", "7.99")
    assert m.quantity.per == "month"
    m = _find("It costs $20 per month", "20")
    assert m.quantity.per == "month"


def test_kinds() -> None:
    assert _find("ChatGPT 占据了 68% 的份额", "68").kind == "percent"
    assert _find("增长 3 个百分点", "3").kind == "pp"
    assert _find("聪明十倍", "十").kind == "multiple"
    assert _find("200 万开发者", "200").kind == "count"
    assert _find("$5B", "5").kind == "currency"


def test_skipped_reports_why() -> None:
    _, skipped = scan("2026 年1 月 12 日 at 7:54, Python 3.11")
    kinds = {s.kind for s in skipped}
    assert {"date", "time", "label"} <= kinds
