"""The core's own plugin: parsing, the rule dispatcher, and the FL0xx rules about the run itself.

The dispatcher is an ordinary implementation of ``factlint_check_document`` and
``factlint_check_corpus``: it runs every enabled rule of the right scope, one at a time, so a
rule that raises costs only its own findings (reported as FL002) and never the others'.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from factlint.document import Document, parse
from factlint.hookspecs import hookimpl
from factlint.model import Claim, Diagnostic, DocumentSummary, Severity
from factlint.rules import Rule, RuleContext

if TYPE_CHECKING:
    from factlint.config import Config


class UnreadableFile(Rule):
    """What it does
    Reports a file factlint could not read or decode, or decoded only with repairs.

    Why is this bad?
    A file that is not valid text in UTF-8, UTF-16 (with a BOM) or GB18030 cannot be checked;
    bytes replaced while decoding (invalid UTF-8, NUL bytes) may hide text the checks needed.

    Example
    A Word document saved as ``article.md``, or an article with a broken byte sequence
    in the middle: ``article.md:12:1: FL001 [warning] invalid UTF-8 from line 12 …``.
    """

    code = "FL001"
    name = "unreadable-file"
    family = "run"
    severity = Severity.ERROR
    summary = "A file could not be read or decoded (or only with repairs)."


class InternalError(Rule):
    """What it does
    Reports a plugin that raised an exception (or ran out of time) on a document.

    Why is this bad?
    The checks of that plugin produced no findings for the document, so its results are
    incomplete. Every other plugin and file is still checked.

    Example
    ``article.md:1:1: FL002 [error] plugin 'factlint_numbers' failed on this document: KeyError('x')``
    """

    code = "FL002"
    name = "internal-error"
    family = "run"
    severity = Severity.ERROR
    summary = "A plugin failed on a document; the run went on without its findings."


class UnusedSuppression(Rule):
    """What it does
    Reports a ``<!-- factlint: disable … -->`` directive (or a front-matter ``factlint: ignore``
    entry) that suppressed nothing.

    Why is this bad?
    Stale suppressions hide future problems in the lines they cover and mislead readers into
    thinking there is something to ignore there.

    Example
    ``<!-- factlint: disable-next-line FL101 -->`` above a line with no FL101 finding.
    """

    code = "FL003"
    name = "unused-suppression"
    family = "run"
    severity = Severity.INFO
    summary = "A suppression directive suppressed nothing."


class UnusedBaselineEntry(Rule):
    """What it does
    Reports an entry of the ``--baseline`` file that matches no finding any more.

    Why is this bad?
    The finding it accepted was fixed (or its text changed); a stale entry would silently
    accept the same finding if it came back. Remove the entry, or rewrite the baseline with
    ``--write-baseline``.

    Example
    ``baseline.json:1:1: FL004 [info] baseline entry FL501 in posts/a.md ('draft: true') matches no finding``
    """

    code = "FL004"
    name = "unused-baseline-entry"
    family = "run"
    severity = Severity.INFO
    summary = "A baseline entry matches no finding any more."


RUN_RULES = (UnreadableFile, InternalError, UnusedSuppression, UnusedBaselineEntry)


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    for rule in RUN_RULES:
        register(rule)


@hookimpl(trylast=True)
def factlint_parse_document(path: str, text: str, encoding: str, config: Config) -> Document:
    return parse(path, text, encoding, config)


def internal_error(path: str, plugin: str, error: BaseException, where: str = "") -> Diagnostic:
    """An FL002 finding naming the plugin, the document and the error (with its last frame)."""
    frames = traceback.extract_tb(error.__traceback__)
    origin = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    what = f" ({where})" if where else ""
    return Diagnostic(
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=InternalError.code,
        name=InternalError.name,
        severity=Severity.ERROR,
        message=f"plugin {plugin!r}{what} failed on this document: {type(error).__name__}: {error}{origin}",
        plugin=plugin,
    )


def _run_rules(rules: Iterable[Rule], path: str, call: Callable[[Rule], Iterable[Diagnostic]]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in rules:
        try:
            out.extend(call(rule))
        except Exception as exc:  # a broken rule costs only its own findings
            out.append(internal_error(path, rule.plugin, exc, f"rule {rule.code}"))
    return out


@hookimpl
def factlint_check_document(document: Document, claims: Sequence[Claim], ctx: RuleContext) -> list[Diagnostic]:
    rules = [r for r in ctx.extras.get("rules", ()) if r.scope == "document"]
    return _run_rules(rules, document.path, lambda rule: rule.check(document, ctx))


@hookimpl
def factlint_check_corpus(corpus: Sequence[DocumentSummary], ctx: RuleContext) -> list[Diagnostic]:
    rules = [r for r in ctx.extras.get("rules", ()) if r.scope == "corpus"]
    return _run_rules(rules, "<corpus>", lambda rule: rule.check_corpus(corpus, ctx))
