"""Built-in plugin: draft flags and front matter (FL5xx)."""

from __future__ import annotations

from collections.abc import Callable

from factlint import Rule, hookimpl
from factlint_meta.rules.FL501_draft import Draft
from factlint_meta.rules.FL502_front_matter_invalid import FrontMatterInvalid
from factlint_meta.rules.FL503_missing_field import MissingField

RULES: tuple[type[Rule], ...] = (Draft, FrontMatterInvalid, MissingField)


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    for rule in RULES:
        register(rule)
