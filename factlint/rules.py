"""Rules: the small unit every check is written as, and the registry that selects them.

A rule is a class with a code (``FL501``), a kebab-case name (``draft``), a family, a default
severity, a one-line summary, options, and a docstring with the sections *What it does*,
*Why is this bad?* and *Example*, which ``factlint explain`` prints. Document rules implement
:meth:`Rule.check`; corpus rules set ``scope = "corpus"`` and implement
:meth:`Rule.check_corpus`.
"""

from __future__ import annotations

import fnmatch
import inspect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import regex

from factlint.model import Claim, Diagnostic, DocumentSummary, Fix, Related, Severity, Span

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint.document import Document

CODE_RE = regex.compile(r"[A-Z]{2,5}[0-9]{3}")
NAME_RE = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleError(Exception):
    """A rule that cannot be registered or configured as asked."""


@dataclass(frozen=True)
class Option:
    """A rule option: its name, type, default and a line of help.

    ``type`` is one of ``bool``, ``int``, ``float``, ``str``, ``list`` (of strings) or
    ``dict``; ``choices`` restricts a string.
    """

    name: str
    type: type
    default: Any
    help: str = ""
    choices: tuple[str, ...] = ()

    def validate(self, value: Any, where: str) -> Any:
        expected = self.type
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is list and isinstance(value, tuple):
            value = list(value)
        if expected is bool and not isinstance(value, bool):
            raise RuleError(f"{where}: expected true or false, got {value!r}")
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise RuleError(f"{where}: expected {expected.__name__}, got {type(value).__name__} {value!r}")
        if expected is list and not all(isinstance(v, str) for v in value):
            raise RuleError(f"{where}: expected a list of strings, got {value!r}")
        if self.choices and value not in self.choices:
            raise RuleError(f"{where}: expected one of {', '.join(self.choices)}, got {value!r}")
        return value


class Rule:
    """Base class of every rule. Subclasses set the class attributes and one check method."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    enabled: ClassVar[bool] = True
    summary: ClassVar[str] = ""
    scope: ClassVar[Literal["document", "corpus"]] = "document"
    options: ClassVar[tuple[Option, ...]] = ()
    plugin: ClassVar[str] = ""  # set by the registry: the plugin that registered the rule

    def __init__(self, settings: dict[str, Any] | None = None, severity: Severity | None = None) -> None:
        self.settings: dict[str, Any] = {o.name: o.default for o in self.options}
        self.settings.update(settings or {})
        self.level: Severity = severity or self.severity

    # -- the check methods subclasses implement ----------------------------------------------

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Yield the findings of a document rule."""
        return ()

    def check_corpus(self, corpus: Sequence[DocumentSummary], ctx: RuleContext) -> Iterable[Diagnostic]:
        """Yield the findings of a corpus rule."""
        return ()

    def reads_claim(self, claim: Claim) -> bool:
        """Whether :meth:`check_corpus` reads ``claim``: the summaries of phase 2 keep only the
        claims some enabled corpus rule reads. Workers send the summaries to the main process
        and the cache stores them, so a rule that reads few of the claims says which ones; the
        default reads every claim."""
        return True

    # -- helpers -------------------------------------------------------------------------------

    @classmethod
    def explanation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    def diagnostic(
        self,
        path: str,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=self.code,
            name=self.name,
            severity=severity or self.level,
            message=message,
            plugin=self.plugin,
            related=tuple(related),
            fix=fix,
        )

    def report(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        related: Iterable[Related] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A finding at the characters ``start:end`` of ``doc.text``."""
        return self.diagnostic(doc.path, doc.span(start, end), message, related=related, fix=fix, severity=severity)


@dataclass
class RuleContext:
    """What a rule may consult besides the document: the run's config and the claims."""

    config: Config
    claims: Sequence[Claim] = ()
    extras: dict[str, Any] = field(default_factory=dict)


class RuleRegistry:
    """Every registered rule class, keyed by code; resolves select/ignore by code, prefix or name."""

    def __init__(self) -> None:
        self._rules: dict[str, type[Rule]] = {}
        self._names: dict[str, str] = {}

    def register(self, rule_cls: type[Rule], plugin: str) -> None:
        for attr in ("code", "name", "summary"):
            if not getattr(rule_cls, attr, ""):
                raise RuleError(f"rule {rule_cls.__qualname__} from plugin {plugin!r} has no {attr}")
        code, name = rule_cls.code, rule_cls.name
        if not CODE_RE.fullmatch(code):
            raise RuleError(f"rule {rule_cls.__qualname__} from plugin {plugin!r}: bad code {code!r}")
        if not NAME_RE.fullmatch(name):
            raise RuleError(f"rule {code} from plugin {plugin!r}: name {name!r} is not kebab-case")
        if code in self._rules:
            other = self._rules[code]
            raise RuleError(f"rule code {code} registered twice: by {other.plugin!r} and {plugin!r}")
        if name in self._names:
            raise RuleError(f"rule name {name!r} registered twice: {self._names[name]} and {code}")
        rule_cls.plugin = plugin
        self._rules[code] = rule_cls
        self._names[name] = code

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: str) -> bool:
        return code in self._rules

    def get(self, code_or_name: str) -> type[Rule]:
        key = code_or_name.strip()
        code = self._names.get(key, key.upper())
        try:
            return self._rules[code]
        except KeyError:
            raise RuleError(f"unknown rule {code_or_name!r}") from None

    def matches(self, selector: str, rule: type[Rule]) -> bool:
        """A selector is a code (``FL501``), a prefix (``FL5``), a name, a family, or ``ALL``."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return True
        if sel in (rule.name, rule.family):
            return True
        if any(ch in sel for ch in "*?["):
            return fnmatch.fnmatchcase(rule.code, sel.upper())
        return rule.code.startswith(sel.upper())

    def check_selector(self, selector: str) -> None:
        if not any(self.matches(selector, r) for r in self._rules.values()):
            raise RuleError(f"selector {selector!r} matches no rule")

    def is_enabled(
        self, rule: type[Rule], select: Sequence[str], ignore: Sequence[str], extend_select: Sequence[str]
    ) -> bool:
        """Longest, most specific selector wins (flake8's decision engine, simplified)."""

        def best(selectors: Sequence[str]) -> int:
            lengths = [len(s) if s.upper() != "ALL" else 0 for s in selectors if self.matches(s, rule)]
            return max(lengths, default=-1)

        chosen = best(list(select) + list(extend_select)) if select else best(extend_select)
        ignored = best(ignore)
        if chosen < 0 and ignored < 0:
            return rule.enabled if not select else False
        return chosen >= ignored if chosen >= 0 else False
