"""Every hook factlint calls, in pipeline order: configure → read/parse → extract → check → report.

Implement any of these in a plugin module or class with ``@factlint.hookimpl``. Hook names
all start with ``factlint_``; an implementation of an unknown hook is an error at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from factlint.config import Config, OptionRegistry
    from factlint.document import Document
    from factlint.formatters import Formatter
    from factlint.model import Claim, Diagnostic, DocumentSummary, MetaValue
    from factlint.rules import Rule, RuleContext

hookspec = pluggy.HookspecMarker("factlint")
hookimpl = pluggy.HookimplMarker("factlint")


# -- registration ---------------------------------------------------------------------------


@hookspec(historic=True)
def factlint_addoption(options: OptionRegistry) -> None:
    """Declare command-line options and configuration keys.

    ``options.add_argument(...)`` takes ``argparse`` arguments for ``factlint check``;
    ``options.add_config_key(name, type, default, help)`` declares a top-level config key
    (validated, and shown with its default in ``factlint rules --options``). Historic: a
    plugin registered late still gets the call.
    """


@hookspec(historic=True)
def factlint_configure(config: Config) -> None:
    """Read the validated configuration once, before any document is read."""


@hookspec
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    """Register rule classes by calling ``register(RuleClass)`` once per rule.

    The core rejects duplicate codes, codes outside ``FL[0-9]{3}`` (or a plugin's own
    ``[A-Z]{2,4}[0-9]{3}`` prefix) and names that are not kebab-case.
    """


@hookspec
def factlint_register_formatters(register: Callable[[str, type[Formatter]], None]) -> None:
    """Register output formats by calling ``register(name, FormatterClass)``."""


# -- parse ----------------------------------------------------------------------------------


@hookspec(firstresult=True)
def factlint_parse_document(path: str, text: str, encoding: str, config: Config) -> Document | None:
    """Turn decoded text into a :class:`~factlint.document.Document`; the first non-None wins.

    The built-in implementation handles Markdown and plain text with YAML or TOML front
    matter. Return None to leave a file to the next implementation.
    """


@hookspec
def factlint_document_metadata(document: Document, config: Config) -> dict[str, MetaValue] | None:
    """Contribute document metadata (``title``, ``published``, ``updated``, ``saved``, ``draft``,
    ``url``, ``author`` or a plugin's own keys), each as a :class:`MetaValue` that says where
    it came from. Earlier plugins win on a key; ``tryfirst=True`` takes precedence.
    """


@hookspec(firstresult=True)
def factlint_source_segments(document: Document) -> Sequence[int] | None:
    """Split a document that holds several sources (a scraped page with "Related Reads" items,
    each from its own outlet) into segments: return the sorted character offsets where
    segments 1, 2, … start (segment 0 starts at 0). Every claim gets the index of the segment
    it lies in (``Claim.segment``), so rules compare sources, not just files.
    """


# -- extract --------------------------------------------------------------------------------


@hookspec
def factlint_extract_claims(document: Document, config: Config) -> Sequence[Claim] | None:
    """Return the claims found in a document. Every implementation contributes."""


# -- check ----------------------------------------------------------------------------------


@hookspec
def factlint_check_document(
    document: Document, claims: Sequence[Claim], ctx: RuleContext
) -> Sequence[Diagnostic] | None:
    """Check one document. The built-in rules plugin runs every enabled document rule here;
    implement this hook directly only for checks that are not rules."""


@hookspec
def factlint_check_corpus(corpus: Sequence[DocumentSummary], ctx: RuleContext) -> Sequence[Diagnostic] | None:
    """Check the whole corpus after every document was checked (cross-document rules).

    Runs once, in the main process, over the compact summaries of every checked document.
    """
