from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_dates.common import FAMILY, metadata, quote

if TYPE_CHECKING:
    from factlint.document import Document


class FilenameDateMismatch(Rule):
    """The date in the file name differs from the front-matter date.

    ## What it does
    Compares a file name that starts with a date (``2014-12-22-protosketch.md``, as Jekyll
    and Hugo name posts) with the front-matter publication date. A difference of one day
    is not reported, nor a file name that gives the UTC day of a date written with a zone
    (``2007-05-15-…`` for ``2007-05-16T02:35:39+08:00``): a time zone explains those.

    ## Why is this bad?
    Static site generators build the URL from one date and show the other; a post named
    for one day and dated another ends up with a permalink and a displayed date that
    disagree, and readers and feeds sort it in the wrong place.

    ## Example
    ```markdown
    <!-- 2014-12-22-protosketch.md -->
    ---
    date: 2015-01-06
    ---
    ```
    The file name says 2014-12-22, the front matter 2015-01-06: 15 days apart.
    """

    code = "FL206"
    name = "filename-date-mismatch"
    family = FAMILY
    severity = Severity.WARNING
    summary = "The date in the file name differs from the front-matter date"
    options = (Option("max-days", int, 1, "file name and front matter may differ by this many days"),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        meta = metadata(doc)
        named = meta.get("filename_date")
        published = meta.get("published")
        if named is None or published is None or not published.source.startswith("front-matter:"):
            return
        if not isinstance(named.value, dt.date) or not isinstance(published.value, dt.date):
            return
        name_day = named.value.date() if isinstance(named.value, dt.datetime) else named.value
        days = sorted(_days_of(published.value), key=lambda d: abs((d - name_day).days))
        gap = (days[0] - name_day).days
        if abs(gap) <= self.settings["max-days"]:
            return
        when = "later" if gap > 0 else "earlier"
        message = (
            f'file name "{doc.filename}" is dated {name_day.isoformat()}, but front matter '
            f"{published.source.split(':', 1)[1]} is {quote(published)}, {abs(gap)} days {when}"
        )
        start, end = (published.span.start, published.span.end) if published.span else (0, 0)
        yield self.report(doc, start, end, message)


def _days_of(value: dt.date) -> list[dt.date]:
    """The local day of a date, and its UTC day when it has a zone."""
    if isinstance(value, dt.datetime):
        out = [value.date()]
        if value.tzinfo is not None:
            out.append(value.astimezone(dt.UTC).date())
        return out
    return [value]
