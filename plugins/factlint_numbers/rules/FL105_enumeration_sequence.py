"""FL105 enumeration-sequence: numbered items or headings that skip or repeat a number."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from factlint.model import Diagnostic, Related, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_numbers.enumeration import Item, enumerations

if TYPE_CHECKING:
    from factlint.document import Document


class EnumerationSequence(Rule):
    """Numbered items or numbered headings that skip or repeat a number.

    ## What it does
    Follows every numbered sequence of the article: ordered Markdown lists, numbered
    headings (``## 3. Results``, ``第二章``), and numbered paragraphs of plain text
    (``1、…``, ``一、…``, ``（二）…``, ``Step 4:``). It reports a number that skips ahead
    (1, 2, 4) or repeats (1, 2, 2). Only the number counts: a change of separator alone
    (``1.`` then ``4、``) is not a finding. A list that restarts at 1, nested numbering
    (``一、`` › ``1.`` › ``(1)``), numbering that restarts after a heading, and "lazy"
    Markdown lists that number every item ``1.`` are not findings either. Inside one Markdown
    ordered list the reader sees the items renumbered from the first, so numbers there are
    only checked with the ``check-markdown-lists`` option (or in plain-text articles);
    numbered items separated by paragraphs, as in scraped articles, are always checked.

    ## Why is this bad?
    A skipped or repeated number usually means an item was deleted, moved or duplicated
    during editing: the reader is left looking for point 3, and a sentence that announces
    "five points" may no longer be true (see FL104).

    ## Example
    ```markdown
    1. 重塑与微软的复杂关系
    2. 筹集前所未有的资金
    4. 开拓新的应用领域
    ```
    is reported at ``4.``: "numbered items go from 2 (line 2) to 4: 3 is missing". Renumber
    the items, or restore the missing one.
    """

    code = "FL105"
    name = "enumeration-sequence"
    family = "numbers"
    severity = Severity.WARNING
    summary = "Numbered items or headings skip or repeat a number (1, 2, 4)."
    options = (
        Option("max-skip", int, 3, "Largest jump still read as skipped items; a larger one is a new sequence."),
        Option(
            "check-markdown-lists",
            bool,
            False,
            "Also check numbers inside one Markdown ordered list, which renders them renumbered from its first.",
        ),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        enum = enumerations(doc)
        max_skip = int(self.settings["max-skip"])
        for chain in enum.chains:
            items = chain.items
            for prev, item in itertools.pairwise(items):
                if prev.number is None or item.number is None:
                    continue
                if (
                    doc.markdown
                    and not self.settings["check-markdown-lists"]
                    and item.kind == "list"
                    and item.list_id == prev.list_id
                    and item.list_id >= 0
                    and item.style == "arabic"
                    and item.marker[:-1].isdigit()
                ):
                    continue  # Markdown renumbers the items of one list: the reader sees 1, 2, 3
                gap = item.number - prev.number
                if gap == 1:
                    continue
                if gap == 0 and item.style == "ordinal:、":
                    continue  # 第二，… 第二，… are discourse markers of different passages, not items
                if gap == 0:
                    message = (
                        f"numbered item '{_label(doc, item)}' repeats number {item.number} (also at line {prev.line})"
                    )
                elif 1 < gap <= max_skip + 1 and not _hidden(doc, prev, item):
                    missing = _missing(prev.number, item.number)
                    message = (
                        f"numbered items go from {prev.number} (line {prev.line}) to {item.number}:"
                        f" {missing} {'is' if gap == 2 else 'are'} missing"
                    )
                else:
                    continue
                yield self.report(
                    doc,
                    item.start,
                    item.end,
                    message,
                    related=[Related(doc.path, prev.line, _column(doc, prev), f"previous item {prev.number}")],
                )


def _hidden(doc: Document, prev: Item, item: Item) -> bool:
    """Whether a missing number sits in HTML or code between the two items (not in the prose)."""
    between = [b for b in doc.blocks[prev.block + 1 : item.block] if b.kind in ("html", "code")]
    if not between:
        return False
    numbers = "|".join(str(n) for n in range(prev.number + 1, item.number))  # type: ignore[operator]
    pattern = regex.compile(rf"(?:^|[\s>*#(（第])(?:{numbers})(?:[.、)）:：]|\s*$)", regex.MULTILINE)
    return any(pattern.search(doc.text, b.start, b.end) for b in between)


def _missing(a: int, b: int) -> str:
    numbers = [str(n) for n in range(a + 1, b)]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _label(doc: Document, item: Item) -> str:
    return doc.text[item.start : item.end].strip() or str(item.number)


def _column(doc: Document, item: Item) -> int:
    return doc.position(item.start)[1]
