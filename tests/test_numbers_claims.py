"""Quantity claims: subject, metric, period and modality, and the seed behaviour of FL101–FL103."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factlint_numbers.claims import EXTRACTOR, analyse

from factlint.document import parse
from factlint.metadata import resolve
from factlint.model import Claim, Modality

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def _claims(text: str, path: str = "article.md") -> list[Claim]:
    doc = parse(path, text)
    doc.metadata = resolve(doc)
    return analyse(doc).claims


def _claim(text: str, number: str, path: str = "article.md") -> Claim:
    for c in _claims(text, path):
        if number in str(c.get("number")):
            return c
    raise AssertionError(f"no claim for {number!r}: {[c.get('number') for c in _claims(text, path)]}")


CASES = [
    # text, number, subject, metric, period, modality
    ("一个已经公开的事实:OpenAI 累计形成约1.4万亿美元负债,而2025年OpenAI的收入约200亿美元。", "200亿", "OpenAI", "revenue", "2025", Modality.ACTUAL),
    ("一个已经公开的事实:OpenAI 累计形成约1.4万亿美元负债,而2025年OpenAI的收入约200亿美元。", "1.4万亿", "OpenAI", "debt", "", Modality.ACTUAL),
    ("微软对 OpenAI 进行了重大投资,包括 2019 年的 10 亿美元投资,以及 2023 年的 100 亿美元投资。", "10 亿", "Microsoft", "investment", "2019", Modality.ACTUAL),
    ("微软对 OpenAI 进行了重大投资,包括 2019 年的 10 亿美元投资,以及 2023 年的 100 亿美元投资。", "100 亿", "Microsoft", "investment", "2023", Modality.ACTUAL),
    ("ChatGPT 占据了 68% 的 AI 聊天机器人市场份额,较一年前的 87.2% 大幅下降。", "68%", "ChatGPT", "market share", "", Modality.ACTUAL),
    ("奥尔特曼正在中东寻求 500 亿美元融资、估值 7500 亿至 8300 亿美元。", "7500", "Sam Altman", "valuation", "", Modality.PLANNED),
    ("奥尔特曼正在中东寻求 500 亿美元融资、估值 7500 亿至 8300 亿美元。", "500", "Sam Altman", "funding", "", Modality.PLANNED),
    ("现在的 Gemini 渗透进了 Chrome 浏览器 、以及拥有 20 亿日活用户的谷歌搜索 。", "20 亿", "Google Search", "daily active users", "", Modality.ACTUAL),
    ("Google AI Plus,美国定价7.99美元/月,不到 ChatGPT PLus 会员(20 美元/月)一半的价格。", "20 美元", "ChatGPT Plus", "price", "", Modality.ACTUAL),
    ("OpenAI 在 2024 年 3 月的运营成本预计接近 40 亿美元。", "40", "OpenAI", "operating costs", "2024-03", Modality.EXPECTED),
    ("Micron Technology released its results. Revenue soared to $41.456 billion (vs. ~$35.4B expected).", "41.456", "Micron", "revenue", "", Modality.ACTUAL),
    ("Micron Technology released its results. Revenue soared to $41.456 billion (vs. ~$35.4B expected).", "35.4", "Micron", "revenue", "", Modality.EXPECTED),
    ("Micron Technology reported. Guidance for Q4 was striking, with projected revenue of approximately $50 billion.", "50", "Micron", "revenue", "Q4", Modality.EXPECTED),
    ("Micron Technology reported results for Q3 FY2026: revenue of $41.5 billion.", "41.5", "Micron", "revenue", "FY2026-Q3", Modality.ACTUAL),
    ("OpenRouter: How Did This 'AI Model Relay Station' Achieve a $10 Billion Valuation?", "10 Billion", "OpenRouter", "valuation", "", Modality.ACTUAL),
    ("This article explores OpenRouter, a platform (like OpenAI, Claude, Gemini). It has grown into a unicorn with a $1.3B valuation by 2026.", "1.3B", "OpenRouter", "valuation", "2026", Modality.ACTUAL),
    ("Nvidia's revenue in fiscal 2025 was $130.5 billion.", "130.5", "Nvidia", "revenue", "FY2025", Modality.ACTUAL),
    ("英伟达 2024 年第三季度营收为 351 亿美元。", "351", "Nvidia", "revenue", "2024-Q3", Modality.ACTUAL),
    ("If Tesla sold 2 million cars, its revenue would reach $100 billion.", "100", "Tesla", "revenue", "", Modality.HYPOTHETICAL),
]  # fmt: skip


@pytest.mark.parametrize(("text", "number", "subject", "metric", "period", "modality"), CASES)
def test_claims(  # noqa: PLR0917
    text: str, number: str, subject: str, metric: str, period: str, modality: Modality
) -> None:
    c = _claim(text, number)
    assert (c.subject, c.metric, c.period, c.modality) == (subject, metric, period, modality)
    assert c.extractor == EXTRACTOR
    assert c.kind == "quantity"


def test_claim_spans_point_at_the_text() -> None:
    text = "---\ntitle: x\n---\n\n谷歌的营收为 3000 亿美元。\n"
    c = _claim(text, "3000")
    assert (c.span.line, c.span.column) == (5, 8)
    assert c.subject == "Google"
    assert c.subject_span is not None and c.subject_span.line == 5
    assert c.metric_span is not None and text[c.metric_span.start : c.metric_span.end] == "营收"


def test_front_matter_names_are_subjects() -> None:
    text = "---\ncompanies_orgs: [Zhipu AI]\n---\n\nZhipu AI 的估值为 400 亿元。\n"
    c = _claim(text, "400")
    assert c.subject == "Zhipu AI" and c.metric == "valuation"
    assert c.value.unit == "CNY" and c.value.low == Decimal("4e10")  # type: ignore[union-attr]


def test_pronoun_resolves_to_paragraph_subject() -> None:
    text = "Acme Robotics builds warehouse robots for Amazon. The company said its revenue reached $2 billion.\n"
    c = _claim(text, "$2 billion")
    assert c.subject == "Acme Robotics"


# -- seeds through the whole pipeline ----------------------------------------------------------


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder not available")
    found = sorted(SEEDS.glob(prefix + "_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not available")
    return found[0]


def _lint(text: str, path: str, codes: list[str]):  # type: ignore[no-untyped-def]
    from factlint.testing import lint_text

    return [d for d in lint_text(text, path=path, select=codes) if d.code in codes]


def test_seed_004_valuation_conflict() -> None:
    path = _seed("004")
    text = path.read_text(encoding="utf-8")
    diags = _lint(text, path.name, ["FL101"])
    assert len(diags) == 1
    d = diags[0]
    assert '"$10 Billion" valuation of OpenRouter conflicts with "$1.3B"' in d.message
    assert "unit slip" not in d.message  # 10 / 1.3 is not exactly 10 or 1000
    assert d.related and "$1.3B" in d.related[0].message
    line = text.splitlines()[d.line - 1]
    assert line[d.column - 1 :].startswith("$10 Billion")


def test_seed_002_clean() -> None:
    path = _seed("002")
    text = path.read_text(encoding="utf-8")
    assert _lint(text, path.name, ["FL101", "FL102", "FL103"]) == []


def test_seed_002_price_changed_is_flagged() -> None:
    path = _seed("002")
    text = path.read_text(encoding="utf-8").replace("美国定价7.99美元/月", "美国定价12.99美元/月")
    diags = _lint(text, path.name, ["FL102"])
    assert [d.message for d in diags] == ["12.99 is not less than half of 20 (10.00)"]


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_other_seeds_quiet(prefix: str) -> None:
    path = _seed(prefix)
    assert _lint(path.read_text(encoding="utf-8"), path.name, ["FL101", "FL102", "FL103"]) == []


def test_aliases_and_metrics_files_from_config(tmp_path: Path) -> None:
    from factlint.testing import lint_text

    (tmp_path / "aliases.yaml").write_text(
        "entities:\n  - {name: Zhipu AI, aliases: [智谱, 智谱AI]}\n", encoding="utf-8"
    )
    (tmp_path / "metrics.yaml").write_text(
        "metrics:\n  - {name: bookings, unit: currency, single: true, en: [bookings], zh: [订单额]}\n", encoding="utf-8"
    )
    text = "智谱的订单额为 30 亿元。\n\n据另一份报道，智谱的订单额为 3 亿元。\n"
    config = {"entity-aliases": ["aliases.yaml"], "metric-lexicons": ["metrics.yaml"]}
    try:
        diags = lint_text(text, select=["FL101"], config=config, root=tmp_path)
        assert [d.code for d in diags] == ["FL101"]
        assert "bookings of Zhipu AI" in diags[0].message and "unit slip" in diags[0].message
    finally:
        from factlint_numbers.claims import configure_lexicon

        configure_lexicon([], [])
