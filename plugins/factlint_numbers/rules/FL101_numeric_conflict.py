"""FL101 numeric-conflict: one article states the same figure with incompatible values."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from factlint.model import Claim, Diagnostic, Quantity, Related, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_numbers.claims import EXTRACTOR, analyse

if TYPE_CHECKING:
    from factlint.document import Document


class NumericConflict(Rule):
    """What it does
    Finds the same subject, metric, period and modality stated with incompatible values in
    one article: "a $10 Billion valuation" of OpenRouter in the headline and "a $1.3B
    valuation" in the body. Values conflict when their intervals do not overlap once the
    stated approximations (约, about, over, 不到 …) and the relative ``tolerance`` are applied.
    When the two values differ by a factor of exactly 10 or 1000, the message says so: it
    looks like a unit slip (万 for 亿, million for billion).

    The rule is deliberately conservative: both statements need a known subject (named in
    the sentence, or the entity the paragraph is about), a metric from the lexicon that takes
    one value per period (valuation, revenue, debt, market share, users …), the same period
    (an explicit year or quarter, or none) and the same modality (actual, expected, planned).
    Two figures in one sentence are never compared: "from 5.4% to 18.2%" or "revenue of
    $41.5B (vs. ~$35.4B expected)" state a change or a contrast on purpose.

    Why is this bad?
    A reader cannot tell which figure is right, and a conflicting number is the first thing a
    fact-checker or a critic spots. Often one of them is a typo or a unit slip.

    Example
    ```text
    OpenRouter: How Did This 'AI Model Relay Station' Achieve a $10 Billion Valuation?
    ...
    It has grown into a unicorn with a $1.3B valuation by 2026.
    ```
    is reported on the headline: ``"$10 Billion" valuation of OpenRouter conflicts with
    "$1.3B" at line 40``. "2019 年的 10 亿美元投资" and "2023 年的 100 亿美元投资" are
    different periods and are not reported.
    """

    code = "FL101"
    name = "numeric-conflict"
    family = "numbers"
    severity = Severity.ERROR
    summary = "The same subject, metric and period are stated with incompatible values."
    options = (
        Option("tolerance", float, 0.05, "relative difference allowed beyond the stated approximation"),
        Option("min_confidence", float, 0.8, "ignore claims whose subject was resolved with less confidence"),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        claims = [c for c in ctx.claims if c.extractor == EXTRACTOR]
        if not claims:
            claims = analyse(doc).claims
        tolerance = Decimal(str(self.settings["tolerance"]))
        min_conf = float(self.settings["min_confidence"])
        pub = doc.meta("published")
        pub_year = getattr(pub, "year", None)
        groups: dict[tuple[str, ...], list[Claim]] = {}
        for c in claims:
            if not (
                c.kind == "quantity" and c.subject and c.metric and c.get("single") and isinstance(c.value, Quantity)
            ):
                continue
            if c.confidence < min_conf or c.value.value is None or c.get("past"):
                continue  # "当时", "at the time": a past moment the sentence does not name
            # One source per key: the items of a scraped page's "Related Reads" are other
            # sources (segments), compared by FL401, not FL101.
            key = (c.subject, c.metric, _period_key(c, pub_year), str(c.modality), str(c.get("dimension", "")))
            key += (str(c.segment),)
            groups.setdefault(key, []).append(c)
        for group in groups.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda c: c.span.start)
            clusters: list[list[Claim]] = []
            for c in group:
                for cluster in clusters:
                    if all(_compatible(c, other, tolerance) for other in cluster):
                        cluster.append(c)
                        break
                else:
                    clusters.append([c])
            if len(clusters) < 2:
                continue
            anchor = clusters[0][0]
            for cluster in clusters[1:]:
                other = cluster[0]
                yield self._finding(doc, anchor, other, cluster)

    def _finding(self, doc: Document, anchor: Claim, other: Claim, cluster: list[Claim]) -> Diagnostic:
        a_text = str(anchor.get("number", "")).strip()
        b_text = str(other.get("number", "")).strip()
        period = f" ({anchor.period})" if anchor.period else ""
        what = f'"{a_text}" {anchor.metric} of {anchor.subject}{period}'
        message = f'{what} conflicts with "{b_text}" at line {other.span.line}'
        hint = _unit_slip(anchor.value, other.value)  # type: ignore[arg-type]
        if hint:
            message += f"; they differ by a factor of exactly {hint}: this looks like a unit slip"
        related = [
            Related(
                doc.path,
                c.span.line,
                c.span.column,
                f'"{c.get("number", "").strip()}" stated here',
                c.span.end_line,
                c.span.end_column,
            )
            for c in cluster
        ]
        return self.report(doc, anchor.span.start, anchor.span.end, message, related=related)


def _period_key(c: Claim, pub_year: int | None) -> str:
    """``by 2026`` / ``截至2026年`` describe the state as of then: the same as no period when
    that year is not before the article's own year."""
    if c.get("as_of") and c.period[:4].isdigit() and (pub_year is None or int(c.period[:4]) >= pub_year):
        return ""
    return c.period


def _compatible(a: Claim, b: Claim, tolerance: Decimal) -> bool:
    if a.get("sentence") == b.get("sentence"):
        return True  # a deliberate contrast or change inside one sentence
    qa, qb = a.value, b.value
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    half = tolerance / 2  # each side moves half way: two values may be ``tolerance`` apart
    a_low, a_high = _widen(qa, half)
    b_low, b_high = _widen(qb, half)
    if a_high is not None and b_low is not None and a_high < b_low:
        return False
    return not (b_high is not None and a_low is not None and b_high < a_low)


def _widen(q: Quantity, tolerance: Decimal) -> tuple[Decimal | None, Decimal | None]:
    low = None if q.low is None else q.low * (1 - tolerance) if q.low >= 0 else q.low * (1 + tolerance)
    high = None if q.high is None else q.high * (1 + tolerance) if q.high >= 0 else q.high * (1 - tolerance)
    return low, high


def _unit_slip(a: Quantity, b: Quantity) -> int | None:
    va, vb = a.value, b.value
    if va is None or vb is None or va <= 0 or vb <= 0:
        return None
    big, small = max(va, vb), min(va, vb)
    for factor in (10, 1000):
        if big == small * factor:
            return factor
    return None
