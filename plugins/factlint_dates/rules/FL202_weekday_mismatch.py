from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Edit, Fix, Severity
from factlint.rules import Rule, RuleContext
from factlint_dates.common import FAMILY
from factlint_dates.extract import ZH_WEEKDAY_CHARS, DateMention, closest_year, extract_dates, publication

if TYPE_CHECKING:
    import datetime as dt

    from factlint.document import Document


class WeekdayMismatch(Rule):
    """A weekday is written next to a date that falls on another weekday.

    ## What it does
    Checks every weekday written right before or after a date: "Friday, December 30, 2016",
    "2016-12-29 (Friday)", "2026年2月3日（星期三）", "2月3日 周三", "星期二, 3 2 月, 2026".
    A date without a year takes the year closest before the publication date (after it when
    the sentence speaks of the future); it is only reported when the weekday fits neither
    the year before nor the year after. A numeric date that reads both ways (03/04/2024) is
    only reported when the weekday fits neither reading. The fix replaces the weekday with the
    right one, in the same language and form (``周三`` → ``周二``, ``Fri`` → ``Thu``).

    ## Why is this bad?
    A wrong weekday makes the reader doubt the date itself: an event announced for "Sunday,
    March 21" in a year where March 21 is a Monday leaves people guessing which day is meant.

    ## Example
    ```markdown
    We will be accepting applications until midnight PST on Sunday, March 21.
    ```
    In a post published 2016-02-24, March 21, 2016 is a Monday.
    """

    code = "FL202"
    name = "weekday-mismatch"
    family = FAMILY
    severity = Severity.WARNING
    summary = "A weekday written next to a date does not match the date"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        mentions = [m for m in extract_dates(doc) if m.weekday is not None and m.weekday_span is not None]
        if not mentions:
            return
        pub = publication(doc)
        for mention in mentions:
            day = self._day(mention, pub)
            if day is None or day.weekday() == mention.weekday:
                continue
            start, end = mention.weekday_span  # type: ignore[misc]
            written = doc.text[start:end]
            right = weekday_text(written, day.weekday())
            message = (
                f'"{written}" does not match "{doc.text[mention.start : mention.end].strip()}": '
                f"{day.isoformat()} is a {calendar.day_name[day.weekday()]}{_reading_note(mention, day)}"
            )
            fix = Fix(f'replace "{written}" with "{right}"', (Edit(start, end, right),), safe=True)
            yield self.report(doc, start, end, message, fix=fix)

    @staticmethod
    def _day(mention: DateMention, pub: dt.date | None) -> dt.date | None:
        if mention.precision != "day" or not mention.valid:
            return None
        if mention.relative:  # 明年 2 月 3 日: the year counted from the publication date
            return mention.value if mention.ymd[2] is not None else None
        if mention.alternative is not None and mention.alternative.weekday() == mention.weekday:
            return None  # 03/04/2024 read day first fits the weekday: no finding
        if mention.year_explicit:
            return mention.value
        if pub is None or mention.value is None:
            return None
        _, month, day = mention.ymd
        if month is None or day is None:
            return None
        if mention.week is not None:  # 本周二（2月23日）: the week named pins the year
            return mention.value
        other = closest_year(month, day, pub, after=not mention.future)
        if other is not None and other.weekday() == mention.weekday:
            return None  # the weekday fits the other plausible year: no finding
        return mention.value


def _reading_note(mention: DateMention, day: dt.date) -> str:
    """How the date was read, when the text leaves a choice: the year, or the order of 03/04/2024."""
    if mention.relative or not mention.year_explicit:
        return f" (year {day.year} counted from the publication date)"
    if mention.alternative is not None:
        first, other = ("day", "month") if mention.form == "numeric-dmy" else ("month", "day")
        alternative = mention.alternative
        return (
            f" (read {first} first; {alternative.isoformat()}, read {other} first, "
            f"is a {calendar.day_name[alternative.weekday()]})"
        )
    return ""


def weekday_text(written: str, weekday: int) -> str:
    """``weekday`` spelled like ``written``: 星期/周/礼拜 + 一…日, or English full/abbreviated, same case."""
    if not written.isascii():
        prefix = written[:-1]
        return prefix + ZH_WEEKDAY_CHARS[weekday]
    full = calendar.day_name[weekday]
    is_full = written.lower() in (name.lower() for name in calendar.day_name)
    name = full if is_full else full[:3]
    if written.isupper():
        return name.upper()
    if written.islower():
        return name.lower()
    return name
