"""FL303 unbalanced-quote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_quotes.attribution import analyse
from factlint_quotes.lexicon import lexicon_for
from factlint_quotes.quotes import CLOSER, excerpt

if TYPE_CHECKING:
    from factlint.document import Document

_OPENER = {v: k for k, v in CLOSER.items() if k not in "»›"}


class UnbalancedQuote(Rule):
    """A quotation mark with no partner in its paragraph.

    What it does
    ------------
    Pairs the quotation marks of each paragraph — 「」 『』 “” ‘’ « » ‹ › and straight double
    quotes — and reports an opening mark never closed, or a closing mark never opened.
    A curly mark typed the wrong way round (“…“, ”…”) is reported as such. Apostrophes are not
    quotation marks; 《》 are titles. A quotation running over several
    paragraphs with an opening mark at the start of each (the usual convention), or split by
    a paragraph break, is not reported.

    Why is this bad?
    ----------------
    A stray mark means the extent of a quotation is unknown: the reader cannot tell where the
    speaker's words end and the writer's begin. It is often the trace of an edit that cut the
    other half.

    Example
    -------
    ```markdown
    吴博特别说到，要更加用力追赶 OpenAI 、投入要更成规模才行，汰弱留强或者差异分化的局面会加速。」
    ```
    The closing 」 has no opening 「: add it where the quotation starts, or remove it.
    """

    code = "FL303"
    name = "unbalanced-quote"
    family = "quotes"
    severity = Severity.WARNING
    summary = "An opening quotation mark with no closing one in its paragraph, or the reverse"
    options = (Option("straight-quotes", bool, True, 'also report unpaired straight double quotes (")'),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        analysis = analyse(doc, lexicon_for(ctx.config))
        for mark in analysis.unpaired:
            if mark.straight and not self.settings.get("straight-quotes", True):
                continue
            if mark.problem == "run":
                message = f"{mark.length} quotation marks {mark.char} in a row"
            elif mark.problem == "swapped":
                end = doc.text.find("“", mark.offset + 1)
                shown = f"”{excerpt(doc.text[mark.offset + 1 : end])}“" if end > mark.offset else mark.char
                message = f"quotation marks are the wrong way round in {shown}: write “…”"
            elif mark.problem == "reversed":
                if mark.char in _OPENER:
                    message = f"closing {mark.char} is used as an opening mark: write {_OPENER[mark.char]}"
                else:
                    message = f"opening {mark.char} is used as a closing mark: write {CLOSER.get(mark.char, mark.char)}"
            elif mark.problem == "unopened":
                partner = _OPENER.get(mark.char, mark.char)
                message = f"closing {mark.char} has no opening {partner} before it in this paragraph"
            else:
                partner = CLOSER.get(mark.char, mark.char)
                message = f"opening {mark.char} is never closed with {partner} in this paragraph"
            yield self.report(doc, mark.offset, mark.offset + 1, message)
