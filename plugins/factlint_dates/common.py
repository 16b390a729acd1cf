"""Helpers the date rules share: the document's own dates and how to quote them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import regex

from factlint.metadata import resolve
from factlint.model import MetaValue, Related
from factlint_dates.extract import header_date

if TYPE_CHECKING:
    from factlint.document import Document

FAMILY = "dates"
_DIGIT = regex.compile(r"\d")


def metadata(doc: Document) -> dict[str, MetaValue]:
    """The resolved metadata; when a rule runs outside the pipeline, the core's plus the header date."""
    if doc.metadata:
        return doc.metadata
    out = dict(resolve(doc))
    found = header_date(doc)
    if found is not None:
        meta = MetaValue(found[0], "text:header-date", doc.span(found[1], found[2]), doc.text[found[1] : found[2]])
        out["header_date"] = meta
        out.setdefault("published", meta)
    return out


def quote(meta: MetaValue) -> str:
    """How a metadata value is quoted in a message: as written when known (without its label)."""
    raw = meta.raw.strip()
    if raw and meta.source.startswith("text:"):
        digit = _DIGIT.search(raw)
        raw = raw[digit.start() :].strip(" *_") if digit else raw
    return f'"{raw or show(meta.value)}"'


def show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
        if value.second:
            text += value.strftime(":%S")
        if value.tzinfo is not None:
            text += value.strftime("%z")
        return text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def describe(meta: MetaValue) -> str:
    """Where a metadata value comes from, for a message: "front matter date_published (line 8)"."""
    source = meta.source
    if source.startswith("front-matter:"):
        name = f"front matter {source.split(':', 1)[1]}"
    elif source == "filename":
        return "the file name"
    elif source == "text:byline":
        name = "the byline"
    elif source == "text:header-date":
        name = "the page header"
    elif source.startswith("text:"):
        name = f'the "{source.split(":", 1)[1]}" line'
    else:
        name = source
    if meta.span is not None:
        return f"{name} (line {meta.span.line})"
    return name


def related(doc: Document, meta: MetaValue, message: str) -> list[Related]:
    if meta.span is None:
        return []
    return [Related(doc.path, meta.span.line, meta.span.column, message, meta.span.end_line, meta.span.end_column)]
