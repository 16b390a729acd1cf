from __future__ import annotations

from collections.abc import Iterator

from factlint import Diagnostic, Document, Option, Rule, RuleContext, Severity


class MissingField(Rule):
    """What it does
    Reports an article whose front matter lacks a field the project requires. No field is
    required by default: list them in the ``require`` option. A metadata name (``title``,
    ``published``, ``author``, ``url``) is satisfied by any of the keys in common use for it
    (``date``, ``pubDate``, ``date_published`` … for ``published``); any other name must be a
    front-matter key with a non-empty value.

    Why is this bad?
    An article without a date cannot be placed in time, so the date checks cannot judge it;
    one without a title or author breaks listings and attribution.

    Example
    With ``rules: {missing-field: {require: [title, published]}}``:
    ```yaml
    ---
    title: Welcome to 18F
    ---
    ```
    FL503 at line 1: the front matter has no publication date.
    """

    code = "FL503"
    name = "missing-field"
    family = "metadata"
    severity = Severity.ERROR
    summary = "The front matter lacks a field the configuration requires."
    options = (Option("require", list, [], "fields every article must have (metadata names or front-matter keys)"),)

    META_NAMES = frozenset({"title", "published", "updated", "author", "url"})

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        required: list[str] = self.settings["require"]
        if not required:
            return
        fm = doc.front_matter or {}
        missing = []
        for name in required:
            if name in self.META_NAMES:
                meta = doc.metadata.get(name)
                if meta is None or not meta.source.startswith("front-matter:"):
                    missing.append(name)
            elif fm.get(name) in (None, "", [], {}):
                missing.append(name)
        if not missing:
            return
        end = doc.text.find("\n")
        where = "the front matter" if doc.front_matter is not None else "the article (it has no front matter)"
        yield self.report(
            doc, 0, end if end >= 0 else len(doc.text), f"{where} lacks required field(s): {', '.join(missing)}"
        )
