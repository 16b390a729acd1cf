from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.rules import Rule, RuleContext
from factlint_dates.common import FAMILY, describe, metadata, quote, related

if TYPE_CHECKING:
    from factlint.document import Document

MAX_ZONE_SPREAD = dt.timedelta(hours=26)


class TimelineOrder(Rule):
    """An updated or saved date is earlier than the publication date.

    ## What it does
    Compares the document's "updated" date (``updated``, ``lastmod``, a "Last updated on"
    line) and "saved" date (``date_saved``, ``archived``) with its publication date, and
    reports either one that comes before it. Times a time-zone difference can explain
    (under a day, when the zones are not both stated) are not reported.

    ## Why is this bad?
    An article cannot be updated or saved before it was published: one of the two dates is
    wrong, often a template default or a copy-paste slip, and the reader cannot tell which.

    ## Example
    ```markdown
    ---
    date: 2024-03-10
    lastmod: 2024-02-01
    ---
    ```
    ``lastmod`` 2024-02-01 is five weeks before the publication date 2024-03-10.
    """

    code = "FL204"
    name = "timeline-order"
    family = FAMILY
    severity = Severity.WARNING
    summary = "The updated or saved date is earlier than the publication date"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        meta = metadata(doc)
        published = meta.get("published")
        if published is None or not isinstance(published.value, dt.date):
            return
        for key, label in (("updated", "updated"), ("saved", "saved")):
            item = meta.get(key)
            if item is None or not isinstance(item.value, dt.date):
                continue
            gap = before(item.value, published.value)
            if gap is None:
                continue
            message = (
                f"{label} date {quote(item)} in {describe(item)} is {gap} before the publication date "
                f"{quote(published)} in {describe(published)}"
            )
            start, end = (item.span.start, item.span.end) if item.span else (0, 0)
            yield self.report(doc, start, end, message, related=related(doc, published, "publication date"))


def before(later: dt.date, earlier: dt.date) -> str | None:
    """How much ``later`` precedes ``earlier`` in words, or None when it does not (beyond zones)."""
    a_time, b_time = isinstance(later, dt.datetime), isinstance(earlier, dt.datetime)
    if a_time and b_time:
        assert isinstance(later, dt.datetime) and isinstance(earlier, dt.datetime)
        if later.tzinfo is not None and earlier.tzinfo is not None:
            gap = earlier - later
            threshold = dt.timedelta(minutes=1)
        else:
            gap = earlier.replace(tzinfo=None) - later.replace(tzinfo=None)
            threshold = MAX_ZONE_SPREAD
        if gap <= threshold:
            return None
        return _words(gap)
    a_day = later.date() if a_time else later
    b_day = earlier.date() if b_time else earlier
    days = (b_day - a_day).days
    if days <= (1 if a_time or b_time else 0):
        return None
    return _words(dt.timedelta(days=days))


def _words(gap: dt.timedelta) -> str:
    if gap.days >= 2:
        return f"{gap.days} days"
    if gap.days == 1:
        return "1 day"
    hours = gap.total_seconds() / 3600
    return f"{hours:.0f} hours" if hours >= 1 else f"{gap.total_seconds() / 60:.0f} minutes"
