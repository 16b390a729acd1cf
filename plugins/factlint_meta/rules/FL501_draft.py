from __future__ import annotations

from collections.abc import Iterator

from factlint import Diagnostic, Document, Rule, RuleContext, Severity


class Draft(Rule):
    """What it does
    Reports an article marked as a draft: ``draft: true`` (or ``yes``), ``published: false``
    (or ``no``), or ``status: draft`` in its front matter. The finding sits on the line of the
    key that says so.

    Why is this bad?
    A draft that reaches the published archive is the most common publishing accident: it is
    unfinished, unreviewed, and often not meant to be public yet (funding news before the
    announcement, for instance). Keeping drafts out is a CI gate's first job.

    Example
    ```yaml
    ---
    title: PingCAP 完成 D 轮融资
    date: 2020-11-17
    draft: true        # FL501: the article is marked as a draft (draft: true)
    ---
    ```
    Not a finding: ``draft: false``, ``published: true``, ``status: evergreen``.
    """

    code = "FL501"
    name = "draft"
    family = "metadata"
    severity = Severity.ERROR
    summary = "The article is marked as a draft in its front matter."

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        draft = doc.metadata.get("draft")
        if draft is None or draft.value is not True or not draft.source.startswith("front-matter:"):
            return
        key = draft.source.split(":", 1)[1]
        span = doc.key_span(key)
        stated = doc.line_text(span.line).strip() if key in doc.front_matter_keys else key
        yield self.diagnostic(doc.path, span, f"the article is marked as a draft ({stated})")
