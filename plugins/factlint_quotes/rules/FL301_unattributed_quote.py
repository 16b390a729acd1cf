"""FL301 unattributed-quote."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_quotes.attribution import analyse
from factlint_quotes.lexicon import lexicon_for
from factlint_quotes.quotes import excerpt

if TYPE_CHECKING:
    from factlint.document import Document


class UnattributedQuote(Rule):
    """A speech quote with no speaker.

    What it does
    ------------
    Finds quotations that carry what someone said — a sentence standing as a paragraph of its
    own, or a quote introduced by a speech verb in the passive — and reports those for which no
    speaker is found: not before the quote (``张涛也坦言到：「…」``), not after it
    (``「…」周健分析。``, ``"…," said Maria Lopez``), not in the paragraph before (ending with a
    colon) or after ("贾扬清在朋友圈发出了这一感慨"), and not carried over from the quote before.
    A passive with no agent ("奥尔特曼被评价为“出色的推销员”", "was described as "…"") is
    reported at info level. Scare quotes, terms and titles are never reported, nor are quotes in
    Markdown block quotes.

    Why is this bad?
    ----------------
    The first question a fact-checker asks of a quotation is who said it. A quote with no
    speaker cannot be checked, and a passive "was described as" hides who did the describing.

    Example
    -------
    ```markdown
    「以 OpenAI 的方式追赶 OpenAI 是一件极其困难的事情。」

    从本次开发者大会中可以见得，OpenAI 所走的路线是先基于很强的基座模型。
    ```
    Name the speaker: ``「…」衔远科技创始人周伯文如是说。``

    Extra speech verbs (either language) can be added with the ``speech-verbs`` option.
    """

    code = "FL301"
    name = "unattributed-quote"
    family = "quotes"
    severity = Severity.WARNING
    summary = "A speech quote with no speaker found"
    options = (
        Option("speech-verbs", list, [], "extra speech verbs (Chinese or English) that link a speaker to a quote"),
        Option("passive", bool, True, "report passive speech with no agent (被评价为“…”) at info level"),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        lex = lexicon_for(ctx.config, extra_verbs=self.settings.get("speech-verbs", []))
        blocks = doc.blocks
        for q in analyse(doc, lex).speech:
            if q.speaker or q.quiet or q.how not in ("standalone", "passive") or blocks[q.block].in_blockquote:
                continue
            text = excerpt(doc.text[q.content_start : q.content_end])
            if q.how == "passive":
                if self.settings.get("passive", True):
                    yield self.report(
                        doc,
                        q.start,
                        q.end,
                        f"quote {q.open_char}{text}{q.close_char} is given in the passive with no speaker:"
                        " say who said it",
                        severity=Severity.INFO,
                    )
                continue
            yield self.report(
                doc,
                q.start,
                q.end,
                f"quote {q.open_char}{text}{q.close_char} has no speaker in this paragraph or the ones around it",
            )
