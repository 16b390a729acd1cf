"""FL302 anonymous-source."""

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


class AnonymousSource(Rule):
    """A speech quote whose only source is anonymous.

    What it does
    ------------
    Reports a quotation attributed to someone the article does not name: 一位…人士, 某分析师,
    业内人士, 知情人士, 消息人士, 有分析师, "a source", "an insider", "people familiar with the
    matter", "a person who asked not to be named". A name or pseudonym right after the role
    (一位业内人士柳芳, 某云厂商的内部人士李睿) makes the source named. A quote that continues an
    anonymous speaker's earlier quote is not reported again.

    Why is this bad?
    ----------------
    An anonymous quote cannot be verified by the reader; editors usually want the reason for
    anonymity stated, or a named source.

    Example
    -------
    ```markdown
    某分析师抱持积极态度：「OpenAI为整个生态中的基座模型公司与上层应用开发者划定了一个新的边界。」
    ```
    Name the analyst, or say why the source is anonymous. More patterns (regular expressions)
    can be added with the ``anonymous-sources`` option.
    """

    code = "FL302"
    name = "anonymous-source"
    family = "quotes"
    severity = Severity.INFO
    summary = "A speech quote attributed only to an anonymous source"
    options = (Option("anonymous-sources", list, [], "extra patterns (regular expressions) of anonymous speakers"),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        lex = lexicon_for(ctx.config, extra_anonymous=self.settings.get("anonymous-sources", []))
        for q in analyse(doc, lex).speech:
            if not q.anonymous or q.how == "continuation" or q.anonymous_start < 0:
                continue
            who = doc.text[q.anonymous_start : q.anonymous_end]
            text = excerpt(doc.text[q.content_start : q.content_end])
            yield self.report(
                doc,
                q.anonymous_start,
                q.anonymous_end,
                f'quote {q.open_char}{text}{q.close_char} is attributed only to an anonymous source "{who}"',
            )
