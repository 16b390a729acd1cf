"""Inline suppression: ``<!-- factlint: disable|enable|disable-next-line|disable-line [CODES] -->``.

``disable`` … ``enable`` covers a range of lines (to the end of the file when not re-enabled),
``disable-next-line`` the next non-blank line, ``disable-line`` its own line; no codes means
every code; codes may be prefixes (``FL3``). A front-matter key ``factlint: {ignore: [FL501]}``
covers the whole file. In plain-text files the same comments work on a line of their own.
A directive that suppresses nothing is reported as FL003.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from factlint.model import Diagnostic, Span

_DIRECTIVE = regex.compile(
    r"<!--\s*factlint\s*:\s*(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^>\n]*?)\s*-->",
    regex.IGNORECASE,
)
_CODE = regex.compile(r"[A-Za-z]{2,5}[0-9]{0,3}")


@dataclass
class Directive:
    kind: str
    codes: tuple[str, ...]  # empty: every code
    span: Span
    first_line: int = 0  # the lines it covers
    last_line: int = 0
    used: bool = False

    def covers(self, diag: Diagnostic) -> bool:
        if not self.first_line <= diag.line <= self.last_line:
            return False
        return not self.codes or any(diag.code.startswith(code) for code in self.codes)

    @property
    def label(self) -> str:
        codes = " ".join(self.codes)
        return f"factlint: {self.kind}{' ' + codes if codes else ''}"


@dataclass
class Suppressions:
    """The directives of one document, picklable, applied after every rule has run."""

    directives: list[Directive] = field(default_factory=list)


def parse(text: str, lines: Sequence[int], span_of: callable, front_matter: dict | None) -> Suppressions:  # type: ignore[valid-type]
    """Find the directives of a document. ``span_of(start, end)`` makes spans; ``lines`` are line starts."""
    out: list[Directive] = []
    open_ranges: dict[tuple[str, ...], Directive] = {}
    n_lines = len(lines)
    if "factlint" in text:
        for m in _DIRECTIVE.finditer(text):
            kind = m["kind"].lower()
            codes = tuple(c.upper() for c in _CODE.findall(m["codes"]))
            span = span_of(m.start(), m.end())
            directive = Directive(kind, codes, span)
            if kind == "disable-line":
                directive.first_line = directive.last_line = span.line
            elif kind == "disable-next-line":
                target = _next_nonblank_line(text, lines, span.end_line)
                directive.first_line = directive.last_line = target
            elif kind == "disable-file":
                directive.first_line, directive.last_line = 1, n_lines
            elif kind == "disable":
                directive.first_line, directive.last_line = span.line, n_lines
                open_ranges[codes] = directive
            else:  # enable closes the matching disable (same codes, or the bare one)
                opened = open_ranges.pop(codes, None) or (open_ranges.pop((), None) if not codes else None)
                if opened is not None:
                    opened.last_line = span.line
                continue
            out.append(directive)
    ignore = (front_matter or {}).get("factlint", {})
    if isinstance(ignore, dict):
        codes_value = ignore.get("ignore", [])
        if isinstance(codes_value, str):
            codes_value = [codes_value]
        if isinstance(codes_value, list) and codes_value:
            codes = tuple(str(c).strip().upper() for c in codes_value if str(c).strip())
            out.append(Directive("front-matter ignore", codes, span_of(0, 3), 1, n_lines))
    return Suppressions(out)


def _next_nonblank_line(text: str, lines: Sequence[int], after_line: int) -> int:
    for index in range(after_line, len(lines)):  # after_line is 1-based, so index is the next line
        end = lines[index + 1] if index + 1 < len(lines) else len(text)
        if text[lines[index] : end].strip():
            return index + 1
    return after_line + 1


def apply(diagnostics: Iterable[Diagnostic], suppressions: Suppressions) -> list[Diagnostic]:
    """Drop suppressed diagnostics and mark the directives that were used."""
    kept: list[Diagnostic] = []
    for diag in diagnostics:
        hit = False
        for directive in suppressions.directives:
            if directive.covers(diag):
                directive.used = True
                hit = True
        if not hit:
            kept.append(diag)
    return kept


def unused(suppressions: Suppressions) -> list[Directive]:
    return [d for d in suppressions.directives if not d.used]
