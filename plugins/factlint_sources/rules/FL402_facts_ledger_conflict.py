from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from factlint import Claim, Diagnostic, Document, Option, Quantity, Related, Rule, RuleContext, Severity
from factlint_sources import ledger_facts
from factlint_sources.values import comparable, compatible, show

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint_sources.ledger import Fact


class FactsLedgerConflict(Rule):
    """What it does
    Compares the article's figures with the team's facts ledger (``facts.yaml`` by default; the
    ``facts`` config key names another file) and reports a figure that contradicts an entry
    for the same subject, metric and period. An entry with a period (``2024``, ``2024-Q3``)
    applies to claims of that period; an entry without one is the standing figure as of its
    ``as_of`` date and applies to period-less claims in articles published on or after it.
    Only statements of fact are compared (not forecasts or plans), in the same unit, and a
    figure within the entry's tolerance (or the rule's) is not a finding.

    Why is this bad?
    The ledger holds what the newsroom has verified. An article that states another figure is
    either wrong or carries news the ledger lacks; either way an editor must look before it
    is published.

    Example
    With the entry ``{subject: OpenRouter, metric: valuation, value: 1.3e9, unit: USD,
    as_of: 2025-06-25, source: …}``, an article published in 2026 saying "OpenRouter … a $10
    billion valuation" is reported, with the ledger entry as the related location.
    """

    code = "FL402"
    name = "facts-ledger-conflict"
    family = "cross-source"
    severity = Severity.WARNING
    summary = "A figure contradicts the team's facts ledger."
    options = (Option("tolerance", float, 0.05, "relative difference allowed when the entry sets none"),)

    def __init__(self, settings: dict[str, Any] | None = None, severity: Severity | None = None) -> None:
        super().__init__(settings, severity)
        self._indexed: tuple[Config, dict[tuple[str, str], list[Fact]]] | None = None

    def _index(self, config: Config) -> dict[tuple[str, str], list[Fact]]:
        """The run's ledger entries by (subject, metric), casefolded. Looked up once per
        configuration: finding the ledger costs a file-system call, and the check runs per
        document."""
        if self._indexed is None or self._indexed[0] is not config:
            index: dict[tuple[str, str], list[Fact]] = {}
            for fact in ledger_facts(config):
                index.setdefault((fact.subject.casefold(), fact.metric.casefold()), []).append(fact)
            self._indexed = (config, index)
        return self._indexed[1]

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        index = self._index(ctx.config)
        if not index:
            return
        published = doc.meta("published")
        if isinstance(published, dt.datetime):
            published = published.date()
        for claim in ctx.claims:
            value = claim.value
            if claim.kind != "quantity" or str(claim.modality) != "actual" or not isinstance(value, Quantity):
                continue
            if not comparable(value):
                continue
            for fact in index.get((claim.subject.casefold(), claim.metric.casefold()), ()):
                if fact.value.unit != value.unit or fact.value.per != value.per:
                    continue
                if fact.period:
                    if claim.period != fact.period:
                        continue
                elif claim.period or (isinstance(published, dt.date) and published < fact.as_of):
                    continue
                tolerance = fact.tolerance if fact.tolerance is not None else self.settings["tolerance"]
                if compatible(value, fact.value, tolerance):
                    continue
                period = f" ({fact.period})" if fact.period else f" as of {fact.as_of.isoformat()}"
                yield self.diagnostic(
                    doc.path,
                    claim.span,
                    f"{claim.subject} {claim.metric} is {_stated(claim, value)} here, but the facts ledger records "
                    f"{show(fact.value)}{period} ({fact.path}:{fact.line}, source {fact.source})",
                    related=[
                        Related(fact.path, fact.line, 1, f"ledger: {claim.subject} {claim.metric} {show(fact.value)}")
                    ],
                )


def _stated(claim: Claim, value: Quantity) -> str:
    raw = str(claim.get("number", "") or "").strip()
    return f'"{raw}" ({show(value)})' if raw and raw.casefold() != show(value).casefold() else show(value)
