from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from factlint.model import Diagnostic, Severity
from factlint.rules import Rule, RuleContext
from factlint_dates.common import FAMILY, describe, metadata, related
from factlint_dates.extract import as_date

if TYPE_CHECKING:
    from factlint.document import Document

COPYRIGHT = regex.compile(
    r"""
    (?P<mark>©|&copy;|\([cC]\)|(?i:copyright)(?:\s*(?:©|\([cC]\)))?|版权所有(?:\s*©)?)
    \s*(?P<first>(?:19|20)\d{2})(?:\s*[-–—~～,]\s*(?P<last>(?:19|20)\d{2}))?(?!\d)
    """,
    regex.VERBOSE,
)
_NOTICE = regex.compile(r"(?i:all\s+rights?\s+reserved)|版权所有|保留所有权利")
FOOTER_SHARE = 0.25  # a notice without "All rights reserved" must sit in the last quarter of the text
MAX_LINE = 160


# The cheap tests of ``_may_hold_notice``: substring and literal searches, not a lowered copy of
# the whole text.
_PAREN_C = re.compile(r"\([cC]\)")
_COPYRIGHT_ANY_CASE = regex.compile(r"(?i)copyright")


def _may_hold_notice(prose: str) -> bool:
    """True when the text holds © or 版权, or "(c)" or "copyright" once lowered.

    Only ASCII characters lower-case to "(", "c", ")" or a letter of "copyright" (İ becomes "i"
    and a combining dot, never followed by "g"), so "(c)" once lowered is "(c)" or "(C)", and
    "copyright" once lowered is the word in any mix of ASCII cases, which a case-blind search
    finds (the text is lowered only then, to be exact).
    """
    if "©" in prose or "版权" in prose or _PAREN_C.search(prose):
        return True
    return _COPYRIGHT_ANY_CASE.search(prose) is not None and "copyright" in prose.lower()


class CopyrightYear(Rule):
    """A copyright notice ends before the year the article was published.

    ## What it does
    Reads copyright notices in the prose, "© 2023", "(c) 2023 – 2025 All Right Reserved.",
    "Copyright 2019-2021", "版权所有 © 2020", and reports one whose last year is before the
    publication year. Only notices on a short line of their own that say "All rights
    reserved" or sit near the end of the text are read, so a licence quoted in the body
    is not taken for the page's footer.

    ## Why is this bad?
    A footer that stops years before the page's date suggests a stale template or a page
    copied from an older site; readers take it as a sign the date is wrong.

    ## Example
    ```markdown
    Published 2026-02-03 …

    (c) 2023 – 2025 All Right Reserved.
    ```
    The notice ends in 2025; the page is dated 2026.
    """

    code = "FL205"
    name = "copyright-year"
    family = FAMILY
    severity = Severity.WARNING
    summary = "A copyright notice ends before the publication year"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        prose = doc.prose
        if not _may_hold_notice(prose):
            return
        published = metadata(doc).get("published")
        pub = as_date(published.value) if published is not None else None
        if pub is None or published is None:
            return
        footer = int(len(prose) * (1 - FOOTER_SHARE))
        for m in COPYRIGHT.finditer(prose, doc.front_matter_end):
            line_start = prose.rfind("\n", 0, m.start()) + 1
            line_end = prose.find("\n", m.end())
            line = prose[line_start : line_end if line_end >= 0 else len(prose)]
            if len(line.strip()) > MAX_LINE:
                continue
            if not (_NOTICE.search(line) or m.start() >= footer):
                continue
            last = int(m["last"] or m["first"])
            if last >= pub.year or (m["last"] and int(m["last"]) < int(m["first"])):
                continue
            year_span = (m.start("last"), m.end("last")) if m["last"] else (m.start("first"), m.end("first"))
            message = (
                f'copyright notice "{m[0].strip()}" ends in {last}, before the publication year {pub.year} '
                f"({pub.isoformat()} in {describe(published)})"
            )
            yield self.report(doc, *year_span, message, related=related(doc, published, "publication date"))
