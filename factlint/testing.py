"""Helpers for testing rules, for factlint's own tests and for third-party plugins.

``lint_text`` runs the whole pipeline on in-memory documents. Rule fixtures are YAML files
(``fixtures/rules/<CODE>.yml``) in sqlfluff's layout::

    rule: FL501
    cases:
      - name: draft-true
        fail_doc: |
          ---
          draft: true
          ---
        expected: [[2, 1]]        # [line, column] or [line, column, "CODE"]
      - name: draft-false
        pass_doc: "---\\ndraft: false\\n---\\n"
        config: {rules: {FL501: {}}}   # optional
        path: article.md               # optional file name

``load_rule_cases(folder)`` reads them; ``RuleCase.run()`` returns the findings of the case's
rule, and ``RuleCase.check()`` asserts them, with only that rule enabled (ruff's ``for_rule``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from factlint.config import Config, OptionRegistry, validate
from factlint.model import Diagnostic
from factlint.pluginmanager import PluginManager
from factlint.runner import RunResult, Session


@lru_cache(maxsize=1)
def plugin_manager() -> PluginManager:
    """The built-in plugins plus installed ones, loaded once per process."""
    pm = PluginManager()
    pm.load_all()
    pm.hook.factlint_addoption.call_historic(kwargs={"options": _OPTIONS})
    pm.collect_rules()
    return pm


_OPTIONS = OptionRegistry()


def make_config(
    values: Mapping[str, Any] | None = None, pm: PluginManager | None = None, root: Path | None = None
) -> Config:
    """A validated config; relative paths in it (a facts ledger, say) are relative to ``root``."""
    pm = pm or plugin_manager()
    checked = validate(dict(values or {}), _OPTIONS.keys, pm.collect_rules(), "test config")
    config = Config(source="test config", root=root or Path.cwd(), values=checked)
    pm.hook.factlint_configure.call_historic(kwargs={"config": config})
    return config


def lint_documents(
    documents: Mapping[str, str | bytes],
    *,
    select: Sequence[str] | None = None,
    config: Mapping[str, Any] | None = None,
    root: Path | None = None,
) -> RunResult:
    """Run the whole pipeline (document and corpus rules, suppression) on in-memory files."""
    values = dict(config or {})
    if select is not None:
        values["select"] = list(select)
    session = Session(plugin_manager(), make_config(values, root=root))
    sources = [(name, text.encode("utf-8") if isinstance(text, str) else text) for name, text in documents.items()]
    return session.run([], sources=sources)


def lint_text(
    text: str | bytes,
    *,
    path: str = "article.md",
    select: Sequence[str] | None = None,
    config: Mapping[str, Any] | None = None,
    root: Path | None = None,
) -> list[Diagnostic]:
    """The findings for one in-memory document."""
    return lint_documents({path: text}, select=select, config=config, root=root).diagnostics


@dataclass
class RuleCase:
    rule: str
    name: str
    doc: str
    must_flag: bool
    expected: list[tuple[int, int, str]] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    path: str = "article.md"
    source: str = ""
    file: str = ""
    base: Path | None = None  # the fixture file's folder: config paths are relative to it

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"

    def run(self) -> list[Diagnostic]:
        return [
            d
            for d in lint_text(self.doc, path=self.path, select=[self.rule], config=self.config, root=self.base)
            if d.code == self.rule
        ]

    def check(self) -> None:
        found = [(d.line, d.column, d.code) for d in self.run()]
        if self.must_flag:
            assert found == sorted(self.expected), (
                f"{self.file}: case {self.name!r}: expected {self.expected}, got {found}"
            )
        else:
            assert not found, f"{self.file}: case {self.name!r} must not be flagged, got {found}"


def load_rule_cases(folder: str | Path) -> list[RuleCase]:
    """Every case of every ``*.yml`` fixture file in ``folder``."""
    cases: list[RuleCase] = []
    for file in sorted(Path(folder).glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        rule = str(data.get("rule", file.stem))
        for raw in data.get("cases", []):
            must_flag = "fail_doc" in raw
            doc = raw["fail_doc"] if must_flag else raw["pass_doc"]
            expected = [(int(e[0]), int(e[1]), str(e[2]) if len(e) > 2 else rule) for e in raw.get("expected", [])]
            if must_flag and not expected:
                raise ValueError(f"{file}: case {raw.get('name')!r} has a fail_doc but no expected positions")
            cases.append(
                RuleCase(
                    rule=rule,
                    name=str(raw["name"]),
                    doc=doc,
                    must_flag=must_flag,
                    expected=expected,
                    config=raw.get("config") or {},
                    path=raw.get("path", "article.md"),
                    source=raw.get("source", ""),
                    file=file.name,
                    base=file.parent,
                )
            )
    return cases
