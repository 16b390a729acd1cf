"""Helpers the FL1xx rules share: sentence templates and interval arithmetic.

A *template* is a sentence with every quantity replaced by one private-use character
(U+E000 + its index), so a rule writes its construction as a plain pattern over words and
quantity slots (``从 Q … 增长 Q 至 Q``) and maps each slot back to its :class:`Mention`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from factlint_numbers.quantities import Mention

SLOT = "[\ue000-\ue0ff]"
NOT_SLOT = "[^\ue000-\ue0ff]"
MAX_SLOTS = 256


@dataclass(frozen=True)
class Template:
    text: str
    mentions: list[Mention]
    start: int  # offset of the sentence in the document
    positions: list[int]  # template index of each slot

    def mention(self, slot: str) -> Mention:
        return self.mentions[ord(slot) - 0xE000]

    def offset(self, index: int) -> int:
        """Document offset of a template index that lies outside every slot."""
        shift = 0
        for pos, m in zip(self.positions, self.mentions, strict=True):
            if pos < index:
                shift += (m.end - m.start) - 1
        return self.start + index + shift


def template(norm: str, start: int, end: int, mentions: list[Mention]) -> Template:
    parts: list[str] = []
    positions: list[int] = []
    pos = start
    length = 0
    for i, m in enumerate(mentions[:MAX_SLOTS]):
        if m.start < pos:
            continue
        chunk = norm[pos : m.start]
        parts.append(chunk)
        length += len(chunk)
        positions.append(length)
        parts.append(chr(0xE000 + i))
        length += 1
        pos = m.end
    parts.append(norm[pos:end])
    return Template("".join(parts), mentions[:MAX_SLOTS], start, positions)


def same_dimension(a: Mention, b: Mention) -> bool:
    """Both measure the same thing; a count without its noun matches a count with one."""
    if a.dimension == b.dimension:
        return True
    if a.kind in ("count", "number") and b.kind in ("count", "number") and a.quantity.per == b.quantity.per:
        return not a.noun or not b.noun
    return False


def fmt(value: Decimal | None, computed: bool = False) -> str:
    """A value for a message: 1.3 billion, 87.2, 20; a ``computed`` one with two decimals (10.00)."""
    if value is None:
        return "?"
    if computed and abs(value) < 10**6:
        return f"{value:,.2f}"
    v = abs(value)
    sign = "-" if value < 0 else ""
    for size, word in (
        (Decimal(10) ** 12, " trillion"),
        (Decimal(10) ** 9, " billion"),
        (Decimal(10) ** 6, " million"),
    ):
        if v >= size:
            return sign + _trim(v / size) + word
    if v == v.to_integral_value():
        return sign + f"{v:,.0f}"
    return sign + _trim(v)


def _trim(v: Decimal) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return text
