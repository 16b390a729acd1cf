"""The data every stage of the pipeline passes on: spans, claims, fixes and diagnostics.

Everything here is frozen and picklable: documents are checked in worker processes and
their results come back to the main process, where the corpus-wide rules run.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, TypeVar

_T = TypeVar("_T")

# ``new_named_tuple(cls, values)`` builds the named tuple ``cls`` from a tuple of all its fields in
# their order, without the call of its ``__new__`` (a few times cheaper, for the blocks, sentences
# and items a document makes by the thousand).
new_named_tuple = tuple.__new__


def _tuple_state(cls: type[_T]) -> type[_T]:
    """Pickle a frozen slots dataclass as the tuple of its field values.

    Results cross from the worker processes by the hundred thousand objects, and the state
    functions dataclasses adds look the fields up again for every object (a third of the
    main process's time went there). The state is the same sequence of values in field
    order, only read and written through precomputed accessors.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    assert len(names) > 1, cls  # attrgetter gives a tuple for two names or more
    values = operator.attrgetter(*names)
    setters: tuple[Callable[[Any, Any], None], ...] = tuple(getattr(cls, name).__set__ for name in names)

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return values(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for set_value, value in zip(setters, state, strict=True):
            set_value(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


class Severity(enum.IntEnum):
    """How serious a finding is; compares by rank (``INFO < WARNING < ERROR``)."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@_tuple_state
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range of the original file: 1-based lines and columns (columns in characters).

    ``start``/``end`` are 0-based character offsets into the decoded text; ``end_line`` and
    ``end_column`` point one past the last character, as in SARIF and LSP.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


@_tuple_state
@dataclass(frozen=True, slots=True)
class Related:
    """The other side of an inconsistency: a place in this or another file."""

    path: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@_tuple_state
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters ``start:end`` of the decoded text with ``replacement``."""

    start: int
    end: int
    replacement: str


@_tuple_state
@dataclass(frozen=True, slots=True)
class Fix:
    """A proposed change. Only ``safe`` fixes are applied by ``factlint check --fix``."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@_tuple_state
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. Sorts on (path, line, column, code) like yamllint's ``LintProblem``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    plugin: str = ""
    related: tuple[Related, ...] = ()
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def __lt__(self, other: Diagnostic) -> bool:
        return self.sort_key < other.sort_key

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "plugin": self.plugin,
            "related": [r.to_dict() for r in self.related],
            "fix": None if self.fix is None else {"description": self.fix.description, "safe": self.fix.safe},
        }


class Modality(enum.StrEnum):
    """Whether a figure is stated as fact or as an expectation."""

    ACTUAL = "actual"
    EXPECTED = "expected"  # forecast, guidance, projection, estimate
    PLANNED = "planned"  # target, plan
    HYPOTHETICAL = "hypothetical"


@_tuple_state
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as stated: an interval ``[low, high]`` with a unit.

    An exact figure has ``low == high``; "about 200" widens by the plugin's approximation
    tolerance, "more than 800" has ``high=None``. ``unit`` is normalised: an ISO currency code
    (``USD``), ``%``, ``pp`` (percentage points), ``x`` (a multiple), or a counted noun.
    """

    low: Decimal | None
    high: Decimal | None
    unit: str = ""
    approximate: bool = False
    per: str = ""  # a rate's denominator: "month" in 7.99美元/月

    @property
    def value(self) -> Decimal | None:
        """A single representative value (the midpoint of a closed interval)."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@_tuple_state
@dataclass(frozen=True, slots=True)
class Claim:
    """A statement of fact extracted from a document.

    The numbers, dates and cross-source plugins share this type. Corpus rules group claims on
    ``key`` (subject, metric, period) and compare ``value``s; they never compare raw text.
    """

    kind: str  # "quantity", "date", "quote", …
    subject: str  # canonical entity name, "" when unknown
    metric: str  # canonical metric name: "valuation", "revenue", …
    value: Quantity | str | None
    span: Span
    text: str  # the sentence or phrase the claim was read from
    extractor: str  # plugin name
    period: str = ""  # "2023", "2024-Q3", "FY2026"; "" when the article's date stands for it
    modality: Modality = Modality.ACTUAL
    confidence: float = 1.0
    segment: int = 0  # source segment inside a file that holds several sources
    subject_span: Span | None = None
    metric_span: Span | None = None
    period_span: Span | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.metric, self.period)

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.extra).get(name, default)


@_tuple_state
@dataclass(frozen=True, slots=True)
class MetaValue:
    """One piece of document metadata and where it came from."""

    value: Any
    source: str  # "front-matter:date", "text:published-line", "filename", …
    span: Span | None = None
    raw: str = ""


@_tuple_state
@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the corpus-wide rules see of a document after phase 1 (picklable, compact)."""

    path: str
    metadata: dict[str, MetaValue] = field(default_factory=dict)
    claims: tuple[Claim, ...] = ()
    lang: str = ""
