"""Every rule's fixture cases (fixtures/rules/<CODE>.yml), each run with only its rule enabled."""

from __future__ import annotations

import pytest

from factlint.testing import RuleCase, load_rule_cases, plugin_manager
from tests.conftest import ROOT

FIXTURES = ROOT / "fixtures" / "rules"
CASES = load_rule_cases(FIXTURES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: RuleCase) -> None:
    case.check()


def test_every_rule_has_fixtures_with_more_passes_than_fails() -> None:
    by_rule: dict[str, list[RuleCase]] = {}
    for case in CASES:
        by_rule.setdefault(case.rule, []).append(case)
    missing = []
    for rule in plugin_manager().collect_rules():
        if rule.code in {"FL001", "FL002", "FL004"}:
            continue  # run errors and baselines: tests/test_bad_input.py, test_plugins.py, test_gates.py
        cases = by_rule.get(rule.code, [])
        fails = sum(c.must_flag for c in cases)
        passes = len(cases) - fails
        if not fails or passes < fails:
            missing.append(f"{rule.code}: {fails} must-flag, {passes} must-not-flag")
    assert not missing, "rules without enough fixtures: " + "; ".join(missing)


def test_case_names_are_unique() -> None:
    seen = [c.id for c in CASES]
    assert len(seen) == len(set(seen))


def test_every_rule_documents_what_why_example() -> None:
    for rule in plugin_manager().collect_rules():
        text = rule.explanation()
        for section in ("What it does", "Why is this bad?", "Example"):
            assert section in text, f"{rule.code} docstring lacks {section!r}"
