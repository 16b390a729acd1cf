from __future__ import annotations

from collections.abc import Iterator

from factlint import Diagnostic, Document, Rule, RuleContext, Severity


class FrontMatterInvalid(Rule):
    """What it does
    Reports front matter that cannot be read: YAML (between ``---`` lines) or TOML (between
    ``+++`` lines) that does not parse, a block opened but never closed, front matter that is
    a list or a single value instead of a mapping, or YAML that asks for a Python object
    (never constructed) or repeats aliases like an alias bomb. The finding points at the line
    and column the parser stopped at; the body is still checked.

    Why is this bad?
    Site generators fail on it or, worse, silently render the article without its title,
    date or draft flag, and every check that relies on the front matter is blind.

    Example
    ```yaml
    ---
    title: "Let's Encrypt: 1 billion certificates
    date: 2020-02-27
    ---
    ```
    FL502 at line 2: the quoted title is never closed.
    """

    code = "FL502"
    name = "front-matter-invalid"
    family = "metadata"
    severity = Severity.ERROR
    summary = "The front matter is not valid YAML or TOML, or is not a mapping."

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        error = doc.front_matter_error
        if error is None:
            return
        start = doc.offset(error.line, error.column)
        end = doc.text.find("\n", start)
        yield self.report(doc, start, end if end >= 0 else len(doc.text), error.message)
