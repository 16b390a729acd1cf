"""The last stage of the pipeline: reporting. Output formats are plugins too.

Built in: ``text`` (``path:line:col: CODE [severity] message``), ``json`` (the stable shape
documented in the README), ``sarif`` (SARIF 2.1.0) and ``github`` (Actions workflow commands).
A plugin adds a format by registering a :class:`Formatter` subclass.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TextIO
from urllib.parse import quote

from factlint.hookspecs import hookimpl
from factlint.model import Diagnostic, Severity

if TYPE_CHECKING:
    from factlint.runner import RunResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/factlint/factlint"


@dataclass
class FormatOptions:
    color: bool = False
    show_source: bool = False
    statistics: bool = False
    quiet: bool = False
    source_lines: Callable[[str, int], str | None] | None = None  # (path, line) → text


class Formatter:
    """Base class: ``render`` writes the whole report of a run to ``stream``."""

    def __init__(self, stream: TextIO, options: FormatOptions | None = None) -> None:
        self.stream = stream
        self.options = options or FormatOptions()

    def render(self, result: RunResult) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextFormatter(Formatter):
    """``path:line:col: CODE [severity] message``, then a summary line."""

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def render(self, result: RunResult) -> None:
        write = self.stream.write
        for d in result.diagnostics:
            loc = self._c(_BOLD, f"{d.path}:{d.line}:{d.column}:")
            sev = self._c(_COLORS[d.severity], f"[{d.severity}]")
            fixable = " [*]" if d.fix is not None and d.fix.safe else ""
            write(f"{loc} {self._c(_BOLD, d.code)}{fixable} {sev} {d.message}\n")
            if self.options.show_source and self.options.source_lines is not None:
                self._source(d)
        if self.options.statistics:
            counts = Counter((d.code, d.name) for d in result.diagnostics)
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                write(f"{n:>6}  {code}  {name}\n")
        if not self.options.quiet:
            write(self._summary(result) + "\n")

    def _source(self, d: Diagnostic) -> None:
        assert self.options.source_lines is not None
        line = self.options.source_lines(d.path, d.line)
        if line is None:
            return
        width = (d.end_column - d.column) if d.end_line == d.line else len(line) - d.column + 1
        self.stream.write(
            f"    {line}\n    {' ' * (d.column - 1)}{self._c(_COLORS[d.severity], '^' * max(1, width))}\n"
        )

    @staticmethod
    def _summary(result: RunResult) -> str:
        counts = Counter(d.severity for d in result.diagnostics)
        files = f"{result.files} file{'s' if result.files != 1 else ''}"
        fixed = f" Fixed {result.fixed}." if result.fixed else ""
        if not result.diagnostics:
            return f"All clear: no findings in {files}.{fixed}"
        parts = [
            f"{counts[s]} {s}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}" for s in Severity if counts[s]
        ]
        parts.reverse()
        n = len(result.diagnostics)
        return f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)}) in {files}.{fixed}"


class JsonFormatter(Formatter):
    """One JSON object: version, number of files and the sorted diagnostics."""

    def render(self, result: RunResult) -> None:
        from factlint import __version__

        payload = {
            "version": __version__,
            "files": result.files,
            "diagnostics": [d.to_dict() for d in result.diagnostics],
        }
        json.dump(payload, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return quote(Path(path).as_posix(), safe="/:@-._~")


def _region(line: int, column: int, end_line: int | None, end_column: int | None) -> dict[str, int]:
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end_line is not None and end_column is not None and (end_line, end_column) >= (line, column):
        region.update(endLine=max(1, end_line), endColumn=max(1, end_column))
    return region


class SarifFormatter(Formatter):
    """SARIF 2.1.0: the rules that ran, and results with locations and related locations."""

    def render(self, result: RunResult) -> None:
        from factlint import __version__

        rules = sorted(result.rules, key=lambda r: r.code)
        index = {r.code: i for i, r in enumerate(rules)}
        driver: dict[str, Any] = {
            "name": "factlint",
            "version": __version__,
            "informationUri": INFO_URI,
            "rules": [
                {
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.explanation()},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity], "enabled": bool(r.enabled)},
                    "properties": {"family": r.family, "plugin": r.plugin},
                }
                for r in rules
            ],
        }
        results = []
        for d in result.diagnostics:
            item: dict[str, Any] = {
                "ruleId": d.code,
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [self._location(d.path, _region(d.line, d.column, d.end_line, d.end_column))],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.related:
                item["relatedLocations"] = [
                    {
                        "id": i,
                        **self._location(r.path, _region(r.line, r.column, r.end_line, r.end_column)),
                        "message": {"text": r.message},
                    }
                    for i, r in enumerate(d.related)
                ]
            results.append(item)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

    @staticmethod
    def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
        return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""

    _COMMAND: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error",
        Severity.WARNING: "warning",
        Severity.INFO: "notice",
    }

    def render(self, result: RunResult) -> None:
        for d in result.diagnostics:
            props = [
                f"file={_gh_escape(d.path, prop=True)}",
                f"line={d.line}",
                f"col={d.column}",
                f"endLine={d.end_line}",
                f"endColumn={d.end_column}",
                f"title={_gh_escape(f'{d.code} {d.name}', prop=True)}",
            ]
            self.stream.write(f"::{self._COMMAND[d.severity]} {','.join(props)}::{_gh_escape(d.message)}\n")


BUILTIN_FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
}


@hookimpl
def factlint_register_formatters(register: Callable[[str, type[Formatter]], None]) -> None:
    for name, formatter in BUILTIN_FORMATTERS.items():
        register(name, formatter)
