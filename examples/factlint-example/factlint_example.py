"""A minimal third-party factlint plugin: one rule, EX001 exclamation-headline.

Installed, it is found through the ``factlint`` entry-point group declared in pyproject.toml;
``factlint plugins`` shows the distribution's version.
"""

from factlint import Rule, Severity, hookimpl


class ExclamationHeadline(Rule):
    """What it does
    Reports a headline that ends in an exclamation mark.

    Why is this bad?
    News headlines state; they do not shout.

    Example
    ``# We raised $10 billion!``
    """

    code = "EX001"
    name = "exclamation-headline"
    family = "style"
    severity = Severity.WARNING
    summary = "A headline ends in an exclamation mark."

    def check(self, doc, ctx):
        for block in doc.blocks:
            text = doc.text[block.start : block.end].rstrip()
            if block.kind == "heading" and text.endswith(("!", "！")):
                yield self.report(doc, block.start + len(text) - 1, block.start + len(text), "headline ends in '!'")


@hookimpl
def factlint_register_rules(register):
    register(ExclamationHeadline)
