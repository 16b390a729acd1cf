from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from factlint.model import Diagnostic, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_dates.common import FAMILY, describe, metadata, related
from factlint_dates.extract import as_date, extract_dates, is_future, past_cue

if TYPE_CHECKING:
    from factlint.document import Document

# Sentences that are notes added later, quotes of schedules, or questions: not reports.
_SKIP_SENTENCE = regex.compile(
    r"(?i:\bupdate[sd]?\b|\bedit(?:ed)?\b|\bP\.?S\.?\b|\bnote\b|\?)|更新|补充|注[:：]|编者按|？"
)


class DateAfterPublication(Rule):
    """An event told as past or present is dated after the article's publication date.

    ## What it does
    Finds dates with a stated year (``June 25, 2026``, ``October 2024``, ``2026年1月12日``)
    that begin after the publication date, in a sentence that reports something done:
    past tense and report verbs (released, announced, reached, fell, dating back to …; 了,
    已, 宣布, 发布 …). A sentence about the future (will, expected, plans, potentially,
    into, until; 将, 计划, 预计, 可能, 才 …) is never reported, nor a note that says it
    was added later (Update:, 更新). Relative dates (去年, next year) and dates without
    a year are read from the publication date and so cannot be after it.

    ## Why is this bad?
    An article cannot report what had not yet happened when it was published. Either the
    date is a typo (2026 for 2024), the publication date is wrong, or the text was pasted
    from a later source, as scraped pages with "related reads" often are.

    ## Example
    ```markdown
    Published on 2024-07-31

    On June 25, 2026, Micron Technology released its Q3 FY2026 results.
    ```
    June 25, 2026 is almost two years after the publication date.
    """

    code = "FL203"
    name = "date-after-publication"
    family = FAMILY
    severity = Severity.WARNING
    summary = "An event told as past is dated after the article's publication date"
    options = (Option("grace-days", int, 1, "ignore dates at most this many days after publication"),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        meta = metadata(doc)
        published = meta.get("published")
        pub = as_date(published.value) if published is not None else None
        if pub is None or published is None:
            return
        grace = self.settings["grace-days"]
        text = doc.prose
        for mention in extract_dates(doc):
            if mention.value is None or not mention.year_explicit or mention.relative or mention.fiscal:
                continue
            if mention.future or (mention.value - pub).days <= grace:
                continue
            if mention.alternative is not None and (mention.alternative - pub).days <= grace:
                continue  # 03/04/2024 read the other way round is not after the publication
            s_start, s_end = mention.sentence
            sentence = text[s_start:s_end]
            if _SKIP_SENTENCE.search(sentence) or _in_update_note(doc, mention.start):
                continue
            # the clause around the date: the cue must be near it, and no future cue there either
            clause, at = _clause(text, mention.start, mention.end, s_start, s_end)
            if is_future(clause):
                continue
            cue = past_cue(clause, at)
            if not cue:
                continue
            written = doc.text[mention.start : mention.end].strip()
            message = (
                f'"{written}" is told as past ("{cue}") but is after the publication date '
                f"{pub.isoformat()} in {describe(published)}"
            )
            yield self.report(
                doc, mention.start, mention.end, message, related=related(doc, published, "publication date")
            )


_UPDATE_MARK = regex.compile(
    r"(?i:^[\s>*_#]*(?:update[sd]?|edit(?:ed)?|addendum|correction)\b)|^[\s>*_#]*(?:更新|补充|编者按)", regex.M
)


def _in_update_note(doc: Document, offset: int) -> bool:
    """True when the date sits in a note added later: its block or one of the two before starts with "Update"."""
    block = doc.block_at(offset)
    if block is None:
        return False
    index = doc.blocks.index(block)
    for i in range(index, max(-1, index - 3), -1):
        candidate = doc.blocks[i]
        if i < index and candidate.end - candidate.start > 300:
            break
        if _UPDATE_MARK.search(doc.text, candidate.start, candidate.end):
            return True
    return False


_CLAUSE_BREAK = regex.compile(r"[;；。!?！？]|,\s+(?:but|while|and|whereas)\b|，(?:但|而|并)")


def _clause(text: str, start: int, end: int, s_start: int, s_end: int) -> tuple[str, int]:
    """The clause around ``start:end`` (between clause breaks, at most 160 characters each side) and
    the date's offset in it."""
    left = max(s_start, start - 160)
    right = min(s_end, end + 160)
    before = text[left:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        left += breaks[-1].end()
    after = _CLAUSE_BREAK.search(text, end, right)
    if after is not None:
        right = after.start()
    return text[left:right], start - left
