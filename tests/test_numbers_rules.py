"""FL101–FL103 through the whole pipeline: messages, options and the cases around the edges."""

from __future__ import annotations

import pytest

from factlint.model import Diagnostic
from factlint.testing import lint_text


def _lint(text: str, code: str, config: dict | None = None) -> list[Diagnostic]:
    return [d for d in lint_text(text, select=[code], config=config) if d.code == code]


def test_fl101_unit_slip_factor_1000() -> None:
    text = (
        "Acme Robotics has a valuation of $2 billion.\n\nInvestors say Acme Robotics has a valuation of $2 million.\n"
    )
    [d] = _lint(text, "FL101")
    assert "factor of exactly 1000" in d.message and "unit slip" in d.message
    assert (d.line, d.column) == (1, 34)
    assert [(r.line, r.column) for r in d.related] == [(3, 48)]


def test_fl101_tolerance_option() -> None:
    text = "OpenAI's revenue in 2025 was $20 billion.\n\nOpenAI's revenue in 2025 was $21.5 billion.\n"
    assert len(_lint(text, "FL101")) == 1  # 7.5% apart: beyond the default 5%
    assert _lint(text, "FL101", {"rules": {"FL101": {"tolerance": 0.1}}}) == []


def test_fl101_approximation_widens() -> None:
    text = "OpenAI's revenue in 2025 was about $20 billion.\n\nOpenAI's revenue in 2025 was $21.5 billion.\n"
    assert _lint(text, "FL101") == []


def test_fl101_open_bound_is_compatible() -> None:
    text = "OpenAI's revenue in 2025 was more than $20 billion.\n\nOpenAI's revenue in 2025 was $35 billion.\n"
    assert _lint(text, "FL101") == []


def test_fl101_different_modality() -> None:
    text = "Nvidia's revenue for Q3 was $35 billion.\n\nAnalysts expected Nvidia's revenue for Q3 of $33 billion.\n"
    assert _lint(text, "FL101") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("The Pro plan costs $30 per month, more than double the $20 per month Plus plan.\n", "not more than double"),
        ("公司 2025 年的收入为 40 亿元，是 2024 年 10 亿元的 3 倍。\n", "is not 3 times"),
        ("The new chip costs $5, higher than the old chip at $7.\n", "5 is not higher than 7"),
        ("新款售价 80 元，比旧款 100 元还贵。\n", "80 is not higher than 100"),
    ],
)
def test_fl102_messages(text: str, message: str) -> None:
    [d] = _lint(text, "FL102")
    assert message in d.message


@pytest.mark.parametrize(
    "text",
    [
        "Google AI Plus 定价 7.99 美元/月，不到 ChatGPT Plus(20 美元/月)一半的价格。\n",
        "The Pro plan costs $200 per month, ten times the $20 per month Plus plan.\n",
        "房屋中位数价值为529,000美元，是全国中位数239,800美元的两倍多。\n",
        "Storage costs $3 per month, half the $6 per month it cost last year.\n",
    ],
)
def test_fl102_true_comparisons(text: str) -> None:
    assert _lint(text, "FL102") == []


def test_fl103_percentage_points() -> None:
    text = "市场份额从 10% 上升 5 个百分点至 12%。\n"
    [d] = _lint(text, "FL103")
    assert "percentage points" in d.message
    assert _lint("市场份额从 10% 上升 2 个百分点至 12%。\n", "FL103") == []


def test_fl103_rounding_option() -> None:
    text = "Revenue rose 30% from $3 billion to $4 billion.\n"  # +33.3%
    assert len(_lint(text, "FL103")) == 1
    assert _lint(text, "FL103", {"rules": {"FL103": {"rounding": 4.0}}}) == []


def test_fl103_multiples() -> None:
    assert _lint("用户数从 100 万翻番至 200 万。\n", "FL103") == []
    assert _lint("Sales doubled from $2 million to $4.1 million.\n", "FL103") == []
    assert len(_lint("Sales doubled from $2 million to $6 million.\n", "FL103")) == 1
