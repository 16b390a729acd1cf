from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.rules import Rule, RuleContext
from factlint_dates.common import FAMILY
from factlint_dates.extract import extract_dates

if TYPE_CHECKING:
    from factlint.document import Document


class ImpossibleDate(Rule):
    """A date that does not exist on the calendar.

    ## What it does
    Reports dates whose month or day is out of range: "February 30", "2023-13-01",
    "31 April", "2023年2月29日" (2023 is not a leap year), "2月30日". Numbers glued to the
    next digits in scraped text ("2023-11-100 评论") are not read as dates.

    ## Why is this bad?
    An impossible date is always a typo: a wrong month, a day from another month, a leap
    day in a common year. Whatever was meant, the reader cannot know it.

    ## Example
    ```markdown
    The contract was signed on February 30, 2023.
    ```
    February 2023 has 28 days.
    """

    code = "FL207"
    name = "impossible-date"
    family = FAMILY
    severity = Severity.ERROR
    summary = "A date that does not exist (February 30, month 13, 31 April, Feb 29 in a common year)"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for mention in extract_dates(doc):
            if mention.valid or mention.glued or (mention.relative and mention.ymd[1] is None):
                continue
            year, month, day = mention.ymd
            if month is None:
                continue
            written = doc.text[mention.start : mention.end].strip()
            if not 1 <= month <= 12:
                why = f"there is no month {month}"
            elif day is not None:
                if year is None:
                    most = 29 if month == 2 else calendar.monthrange(2001, month)[1]
                    why = f"{calendar.month_name[month]} has at most {most} days"
                else:
                    most = calendar.monthrange(year, month)[1]
                    leap = " (not a leap year)" if month == 2 and day == 29 else ""
                    why = f"{calendar.month_name[month]} {year} has {most} days{leap}"
            else:
                continue
            yield self.report(doc, mention.start, mention.end, f'"{written}" is not a real date: {why}')
