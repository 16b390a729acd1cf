"""factlint's quotes plugin: speech quotes, who said them, anonymous sources, unpaired marks.

Rules FL301 unattributed-quote, FL302 anonymous-source and FL303 unbalanced-quote; every speech
quote is also a ``Claim(kind="quote")`` whose subject is the speaker, so ``factlint claims``
lists who said what. :func:`list_quotes` gives the same view for a CLI command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from factlint import hookimpl
from factlint.model import Claim
from factlint_quotes.attribution import Analysis, analyse
from factlint_quotes.lexicon import lexicon_for
from factlint_quotes.quotes import Quote, QuoteRecord, list_quotes
from factlint_quotes.rules.FL301_unattributed_quote import UnattributedQuote
from factlint_quotes.rules.FL302_anonymous_source import AnonymousSource
from factlint_quotes.rules.FL303_unbalanced_quote import UnbalancedQuote

if TYPE_CHECKING:
    from factlint.document import Document
    from factlint.rules import Rule

__all__ = [
    "Analysis",
    "AnonymousSource",
    "Quote",
    "QuoteRecord",
    "UnattributedQuote",
    "UnbalancedQuote",
    "analyse",
    "list_quotes",
    "quote_claims",
]

EXTRACTOR = "factlint_quotes"
_CONFIDENCE = {"colon": 0.9, "verb": 0.9, "tail": 0.9, "continuation": 0.8, "standalone": 0.7, "partial": 0.6}


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    register(UnattributedQuote)
    register(AnonymousSource)
    register(UnbalancedQuote)


def quote_claims(doc: Document, config: Any = None) -> list[Claim]:
    """One ``Claim(kind="quote")`` per speech quote: subject = speaker, value = the quoted text."""
    claims: list[Claim] = []
    for q in analyse(doc, lexicon_for(config)).speech:
        lo = min(q.start, q.speaker_start) if q.speaker_start >= 0 else q.start
        hi = max(q.end, q.speaker_end)
        claims.append(
            Claim(
                kind="quote",
                subject=q.canonical,
                metric="",
                value=doc.text[q.content_start : q.content_end],
                span=doc.span(q.start, q.end),
                text=doc.text[lo:hi] if hi - lo <= 600 else doc.text[q.start : q.end],
                extractor=EXTRACTOR,
                confidence=_CONFIDENCE.get(q.how, 0.5) if q.speaker else 0.5,
                subject_span=doc.span(q.speaker_start, q.speaker_end) if q.speaker_start >= 0 else None,
                extra=(
                    ("how", q.how),
                    ("speaker", q.speaker),
                    ("anonymous", q.anonymous),
                    ("lang", q.lang),
                ),
            )
        )
    return claims


@hookimpl
def factlint_extract_claims(document: Document, config: Any) -> list[Claim]:
    return quote_claims(document, config)
