from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factlint import Claim, Diagnostic, DocumentSummary, Option, Quantity, Related, Rule, RuleContext, Severity
from factlint_sources.values import comparable, compatible, ratio, show


@dataclass(frozen=True)
class _Stated:
    claim: Claim
    value: Quantity
    doc: DocumentSummary

    @property
    def source(self) -> tuple[str, int]:
        return (self.doc.path, self.claim.segment)

    @property
    def date(self) -> dt.date | None:
        meta = self.doc.metadata.get("published")
        value = meta.value if meta is not None else None
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None

    def describe(self) -> str:
        title = self.doc.metadata.get("title")
        name = f"“{title.value}”" if title is not None and isinstance(title.value, str) else self.doc.path
        if len(name) > 60:
            name = name[:57] + "…”"
        when = f", {self.date.isoformat()}" if self.date else ""
        segment = f", item {self.claim.segment}" if self.claim.segment else ""
        return f"{name}{when}{segment}, {self.doc.path}:{self.claim.span.line}"


class CrossSourceConflict(Rule):
    """What it does
    Compares the figures different sources give for the same subject, metric and period —
    two articles of the corpus (or of the claim store, with ``--db``), or two items of one
    scraped page (its "Related Reads" list) — and reports a figure that contradicts what the
    other sources say. Only metrics that take one value per subject and period are compared
    (valuation, revenue, employees …; not price or funding, which have many). Claims are
    grouped by key (entity, metric, period, modality and unit),
    never compared pair by pair across the corpus; within a group a figure is compared with
    the median of the other sources (one value each), so one outlier is reported once, not
    every agreeing source against it.

    When no period is stated, a figure stands for its article's date: it is compared only with
    dated sources, the closest in time. A newer figure may simply be newer, so the finding is
    then info and says which dated figure it differs from, unless the two figures are an order
    of magnitude apart within a year (a likely error: warning). An undated article with no
    period stated is never compared.

    Why is this bad?
    An archive that gives three valuations for one company, or a new article that contradicts
    what the newsroom already published, undermines every figure in it. This is the check that
    catches a new article contradicting the record before it is published.

    Example
    ``posts/openrouter.md`` says "OpenRouter … achieved a $10 billion valuation" while
    ``posts/openrouter-profile.md`` says "a unicorn with a $1.3B valuation": FL401 on each, with
    the other file as a related location.
    """

    code = "FL401"
    name = "cross-source-conflict"
    family = "cross-source"
    severity = Severity.WARNING
    summary = "Two sources state the same subject, metric and period with incompatible values."
    scope = "corpus"
    options = (
        Option("tolerance", float, 0.05, "relative difference allowed beyond each stated interval"),
        Option("min-confidence", float, 0.8, "ignore claims extracted with less confidence"),
    )

    def reads_claim(self, claim: Claim) -> bool:
        value = claim.value
        return (
            claim.kind == "quantity"
            and bool(claim.subject)
            and bool(claim.metric)
            and isinstance(value, Quantity)
            and comparable(value)
            and claim.confidence >= self.settings["min-confidence"]
            and bool(claim.get("single"))  # only metrics with one value per subject and period (not price, funding)
        )

    def check_corpus(self, corpus: Sequence[DocumentSummary], ctx: RuleContext) -> Iterator[Diagnostic]:
        groups: dict[tuple[str, ...], list[_Stated]] = defaultdict(list)
        for doc in corpus:
            for claim in doc.claims:
                if not self.reads_claim(claim):
                    continue
                value = claim.value
                assert isinstance(value, Quantity)  # reads_claim took only quantities
                key = (claim.subject, claim.metric, claim.period, str(claim.modality), value.unit, value.per)
                groups[key].append(_Stated(claim, value, doc))
        for items in groups.values():
            if len({s.source for s in items}) > 1:
                yield from self._group(items)

    def _group(self, items: list[_Stated]) -> Iterator[Diagnostic]:
        by_source: dict[tuple[str, int], list[_Stated]] = defaultdict(list)
        for item in items:
            by_source[item.source].append(item)
        for source, mine in by_source.items():
            others = [s for src, group in by_source.items() if src != source for s in group]
            for item in mine:
                other = self._partner(item, others)
                if other is None or compatible(item.value, other.value, self.settings["tolerance"]):
                    continue
                yield self._finding(item, other)

    @staticmethod
    def _partner(item: _Stated, others: list[_Stated]) -> _Stated | None:
        """The statement to compare with: with no period stated, the dated source closest in
        time (an undated figure with no period cannot be placed, so it is not compared); with a
        period, the median of the other sources' values."""
        if not item.claim.period:
            if item.date is None:
                return None
            dated = [o for o in others if o.date is not None]
            if not dated:
                return None
            when = item.date
            return min(dated, key=lambda o: (abs((o.date - when).days), o.doc.path, o.claim.span.line))  # type: ignore[operator]
        if not others:
            return None
        ranked = sorted(others, key=lambda o: (o.value.value or 0, o.doc.path, o.claim.span.line))
        return ranked[(len(ranked) - 1) // 2]

    def _finding(self, item: _Stated, other: _Stated) -> Diagnostic:
        c = item.claim
        severity = self.level
        note = ""
        if not c.period and item.date and other.date and item.date != other.date:
            factor = ratio(item.value, other.value)
            days = abs((item.date - other.date).days)
            if factor is None or factor < 10 or days > 365:
                severity = Severity.INFO
                unit = "day" if days == 1 else "days"
                note = f"; the figures are {days} {unit} apart, so the newer one may simply be newer"
        period = f" ({c.period})" if c.period else ""
        message = (
            f"{c.subject} {c.metric}{period} is {_quoted(item)} here, but {_quoted(other)} in {other.describe()}{note}"
        )
        related = Related(
            other.doc.path,
            other.claim.span.line,
            other.claim.span.column,
            f"{c.subject} {c.metric}: {_quoted(other)}",
            other.claim.span.end_line,
            other.claim.span.end_column,
        )
        return self.diagnostic(item.doc.path, c.span, message, related=[related], severity=severity)


def _quoted(stated: _Stated) -> str:
    """The figure as written ("$1.3B"), with its reading when the text differs."""
    raw = str(stated.claim.get("number", "") or "").strip()
    value = show(stated.value)
    return f'"{raw}" ({value})' if raw and raw.casefold() != value.casefold() else value
