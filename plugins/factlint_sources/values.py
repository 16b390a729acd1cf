"""Comparing quantities from different sources: interval overlap with a relative tolerance."""

from __future__ import annotations

from decimal import Decimal

from factlint.model import Quantity

_SCALES = ((Decimal(10) ** 12, " trillion"), (Decimal(10) ** 9, " billion"), (Decimal(10) ** 6, " million"))
_CURRENCY_SIGN = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥", "HKD": "HK$"}


def bounds(q: Quantity, tolerance: float) -> tuple[Decimal | None, Decimal | None]:
    """The interval a stated value admits, widened by ``tolerance`` (relative) on both sides."""
    tol = Decimal(str(tolerance))
    low = None if q.low is None else q.low - abs(q.low) * tol
    high = None if q.high is None else q.high + abs(q.high) * tol
    return low, high


def compatible(a: Quantity, b: Quantity, tolerance: float) -> bool:
    """True when the two statements can both be true (their widened intervals overlap)."""
    a_low, a_high = bounds(a, tolerance)
    b_low, b_high = bounds(b, tolerance)
    if a_high is not None and b_low is not None and a_high < b_low:
        return False
    return not (b_high is not None and a_low is not None and b_high < a_low)


def comparable(q: Quantity) -> bool:
    return q.low is not None or q.high is not None


def ratio(a: Quantity, b: Quantity) -> Decimal | None:
    va, vb = a.value, b.value
    if va is None or vb is None or va == 0 or vb == 0:
        return None
    return max(abs(va), abs(vb)) / min(abs(va), abs(vb))


def _number(value: Decimal) -> str:
    v = abs(value)
    sign = "-" if value < 0 else ""
    for size, word in _SCALES:
        if v >= size:
            return sign + f"{v / size:.3f}".rstrip("0").rstrip(".") + word
    if v == v.to_integral_value():
        return sign + f"{v:,.0f}"
    return sign + f"{v:,.4f}".rstrip("0").rstrip(".")


def show(q: Quantity) -> str:
    """A readable value: "$1.3 billion", "about 200 billion CNY", "at least $2 billion", "68%"."""
    if q.low is not None and q.high is not None and q.low != q.high:
        core = f"{_number(q.low)}–{_number(q.high)}"
        prefix = ""
    elif q.low is not None and q.high is not None:
        core, prefix = _number(q.low), "about " if q.approximate else ""
    elif q.low is not None:
        core, prefix = _number(q.low), "at least "
    elif q.high is not None:
        core, prefix = _number(q.high), "at most "
    else:
        return "?"
    unit = q.unit
    if unit in _CURRENCY_SIGN and unit != "CNY":
        text = f"{_CURRENCY_SIGN[unit]}{core}"
    elif unit == "%":
        text = f"{core}%"
    elif unit:
        text = f"{core} {unit}"
    else:
        text = core
    return prefix + text + (f"/{q.per}" if q.per else "")
