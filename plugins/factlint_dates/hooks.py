"""The hook implementations of the dates plugin (re-exported by the package)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from factlint import hookimpl
from factlint.metadata import resolve
from factlint.model import Claim, MetaValue, Modality
from factlint_dates.extract import extract_dates, header_date

if TYPE_CHECKING:
    from factlint.document import Document
    from factlint.rules import Rule

PLUGIN = "factlint_dates"


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    from factlint_dates.rules import ALL_RULES

    for rule in ALL_RULES:
        register(rule)


@hookimpl
def factlint_document_metadata(document: Document, config: Any) -> dict[str, MetaValue] | None:
    """``header_date`` (a lone full date near the top of the page), and ``published`` from it
    when nothing else states the publication date."""
    found = header_date(document)
    if found is None:
        return None
    value, start, end = found
    meta = MetaValue(value, "text:header-date", document.span(start, end), document.text[start:end])
    out = {"header_date": meta}
    if "published" not in resolve(document):
        out["published"] = meta
    return out


@hookimpl
def factlint_extract_claims(document: Document, config: Any) -> list[Claim]:
    claims: list[Claim] = []
    text = document.text
    for mention in extract_dates(document):
        if mention.value is None:
            continue
        extra: list[tuple[str, Any]] = [
            ("precision", mention.precision),
            ("start", mention.value.isoformat()),
            ("end", (mention.end_value or mention.value).isoformat()),
            ("form", mention.form),
            ("year_explicit", mention.year_explicit),
            ("relative", mention.relative),
        ]
        if mention.fiscal:
            extra.append(("fiscal", True))
        if mention.weekday is not None:
            extra.append(("weekday", mention.weekday))
        if mention.time is not None:
            extra.append(("time", mention.time.isoformat()))
        if mention.tz:
            extra.append(("tz", mention.tz))
        if mention.qualifier:
            extra.append(("qualifier", mention.qualifier))
        sentence = text[mention.sentence[0] : mention.sentence[1]].strip()
        claims.append(
            Claim(
                kind="date",
                subject="",
                metric="date",
                value=mention.iso,
                span=document.span(mention.start, mention.end),
                text=sentence,
                extractor=PLUGIN,
                period=mention.iso,
                modality=Modality.EXPECTED if mention.future else Modality.ACTUAL,
                confidence=1.0 if mention.year_explicit and not mention.relative else 0.8,
                extra=tuple(extra),
            )
        )
    return claims
