from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, MetaValue, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_dates.common import FAMILY, describe, metadata, quote, related

if TYPE_CHECKING:
    from factlint.document import Document

STATEMENTS = ("published", "published_line", "byline_date", "header_date")
MAX_ZONE_SPREAD = dt.timedelta(hours=26)  # UTC-12 to UTC+14


class MetadataDateMismatch(Rule):
    """Two statements of the publication date disagree.

    ## What it does
    Compares every statement of when the article was published: the front-matter date
    (``date``, ``date_published`` …), a "Published: …" line, a dated byline and a dated page
    header. When they differ it reports the later statement and points at the first.

    Statements hours apart that both give a time are reported as info, since a time-zone
    difference explains them (a page saved in UTC, a byline in Beijing time). A day apart
    with no times is info for the same reason; days apart is a warning.

    ## Why is this bad?
    Readers, feeds and the other date rules need one publication date. When the statements
    disagree by days, one of them is wrong, and every "after publication" judgement built on
    it may be too.

    ## Example
    ```markdown
    ---
    date_published: 2024-02-16
    ---
    原创 飞总本尊 飞总聊IT _2024-02-20 00:30_
    ```
    The byline says 2024-02-20, four days after the front matter's 2024-02-16.
    """

    code = "FL201"
    name = "metadata-date-mismatch"
    family = FAMILY
    severity = Severity.WARNING
    summary = "The front matter, byline, header or Published line state different publication dates"
    options = (Option("max-days", int, 0, "ignore statements at most this many days apart"),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        meta = metadata(doc)
        statements: list[tuple[str, MetaValue]] = []
        seen: set[tuple[str, object]] = set()
        for key in STATEMENTS:
            item = meta.get(key)
            if item is None or not isinstance(item.value, dt.date):
                continue
            if key == "published" and not item.source.startswith("front-matter:"):
                continue  # the core's fallback copy of another statement
            if item.source.startswith("text:") and item.span is not None and not _in_prose(doc, item.span.start):
                continue  # inside an HTML comment or a code block: not shown to readers
            ident = (item.source, item.span.start if item.span else None)
            if ident in seen:
                continue
            seen.add(ident)
            statements.append((key, item))
        if len(statements) < 2:
            return
        _ref_key, ref = statements[0]
        for _key, other in statements[1:]:
            verdict = compare(ref.value, other.value)
            if verdict is None:
                continue
            gap, severity, why = verdict
            if gap.days <= self.settings["max-days"] and severity is Severity.WARNING and gap.days > 0:
                continue
            message = (
                f"publication date {quote(other)} in {describe(other)} differs from {quote(ref)} in "
                f"{describe(ref)}: {why}"
            )
            start, end = (other.span.start, other.span.end) if other.span else (0, 0)
            yield self.report(
                doc, start, end, message, related=related(doc, ref, f"publication date {quote(ref)}"),
                severity=severity if severity is Severity.INFO else None,
            )  # fmt: skip


def _in_prose(doc: Document, offset: int) -> bool:
    return offset < len(doc.prose) and not doc.prose[offset].isspace()


def _hours(delta: dt.timedelta) -> str:
    hours = abs(delta.total_seconds()) / 3600
    return f"{hours:.0f} hours" if hours >= 1.5 else f"{hours * 60:.0f} minutes"


def compare(a: dt.date, b: dt.date) -> tuple[dt.timedelta, Severity, str] | None:
    """None when the two statements agree; else the gap, a severity and the reason."""
    a_time, b_time = isinstance(a, dt.datetime), isinstance(b, dt.datetime)
    if a_time and b_time:
        assert isinstance(a, dt.datetime) and isinstance(b, dt.datetime)
        aware = a.tzinfo is not None and b.tzinfo is not None
        if aware:
            gap = abs(a - b)
            if gap < dt.timedelta(minutes=60):
                return None
            return gap, Severity.WARNING, f"{_hours(gap)} apart, both with time zones"
        gap = abs(a.replace(tzinfo=None) - b.replace(tzinfo=None))
        if gap < dt.timedelta(minutes=1):
            return None
        if gap <= MAX_ZONE_SPREAD:
            return gap, Severity.INFO, f"{_hours(gap)} apart, which a time-zone difference explains"
        return gap, Severity.WARNING, f"{gap.days} days apart"
    a_day = a.date() if a_time else a
    b_day = b.date() if b_time else b
    days = abs((a_day - b_day).days)
    if days == 0:
        return None
    if days == 1:
        return dt.timedelta(days=1), Severity.INFO, "one day apart, which a time-zone difference can explain"
    return dt.timedelta(days=days), Severity.WARNING, f"{days} days apart"
