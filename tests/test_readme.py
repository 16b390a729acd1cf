"""The README stays true: its rule table is current and its Quickstart has two commands."""

from __future__ import annotations

import re

from factlint.cli import rules_table
from factlint.testing import plugin_manager
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _between(begin: str, end: str) -> str:
    match = re.search(rf"<!-- {begin} -->\n(.*?)<!-- {end} -->", README, re.DOTALL)
    assert match, f"README lacks the {begin} marker"
    return match[1]


def test_rule_table_is_current() -> None:
    expected = rules_table(list(plugin_manager().collect_rules()))
    assert _between("rules:begin", "rules:end").strip() == expected.strip(), (
        "README rule table is stale: regenerate it with `factlint rules --format markdown`"
    )


def test_quickstart_has_exactly_two_commands() -> None:
    block = _between("quickstart:begin", "quickstart:end")
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("```")]
    assert len(commands) == 2
    assert "factlint check fixtures/articles" in commands[0]
    assert commands[1].startswith("pytest")
