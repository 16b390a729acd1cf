"""factlint: a fact-check and consistency linter for articles.

The public API for plugins: :data:`hookimpl` marks hook implementations; :class:`Rule` and
:class:`Option` define rules; :class:`Document`, :class:`Claim`, :class:`Quantity`,
:class:`Span`, :class:`Diagnostic` are the data the pipeline passes on.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factlint")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

from factlint.document import Block, Document, Sentence
from factlint.hookspecs import hookimpl
from factlint.model import (
    Claim,
    Diagnostic,
    DocumentSummary,
    Edit,
    Fix,
    MetaValue,
    Modality,
    Quantity,
    Related,
    Severity,
    Span,
)
from factlint.rules import Option, Rule, RuleContext

__all__ = [
    "Block",
    "Claim",
    "Diagnostic",
    "Document",
    "DocumentSummary",
    "Edit",
    "Fix",
    "MetaValue",
    "Modality",
    "Option",
    "Quantity",
    "Related",
    "Rule",
    "RuleContext",
    "Sentence",
    "Severity",
    "Span",
    "__version__",
    "hookimpl",
]
