"""factlint_numbers: quantities, quantity claims and the FL1xx numeric-consistency rules.

Hooks: ``factlint_extract_claims`` returns one ``Claim(kind="quantity")`` per quantity that has
a subject or a metric (see :mod:`factlint_numbers.claims`); ``factlint_register_rules``
registers FL101–FL105.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint import hookimpl

if TYPE_CHECKING:
    from factlint.config import Config, OptionRegistry
    from factlint.document import Document
    from factlint.model import Claim
    from factlint.rules import Rule


@hookimpl
def factlint_addoption(options: OptionRegistry) -> None:
    options.add_config_key(
        "entity-aliases", list, [], "YAML files of extra entities and aliases for the numbers plugin (entities: …)"
    )
    options.add_config_key(
        "metric-lexicons", list, [], "YAML files of extra metrics for the numbers plugin (metrics: …)"
    )


@hookimpl
def factlint_configure(config: Config) -> None:
    import yaml

    from factlint.config import ConfigError
    from factlint_numbers.claims import configure_lexicon

    root = Path(getattr(config, "root", Path.cwd()))
    entity_files = [root / p for p in config.get("entity-aliases", []) or []]
    metric_files = [root / p for p in config.get("metric-lexicons", []) or []]
    try:
        configure_lexicon(entity_files, metric_files)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"numbers plugin: {exc}") from None


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    from factlint_numbers.rules.FL101_numeric_conflict import NumericConflict
    from factlint_numbers.rules.FL102_comparison_mismatch import ComparisonMismatch
    from factlint_numbers.rules.FL103_change_mismatch import ChangeMismatch
    from factlint_numbers.rules.FL104_count_mismatch import CountMismatch
    from factlint_numbers.rules.FL105_enumeration_sequence import EnumerationSequence

    register(NumericConflict)
    register(ComparisonMismatch)
    register(ChangeMismatch)
    register(CountMismatch)
    register(EnumerationSequence)


@hookimpl
def factlint_extract_claims(document: Document, config: Any) -> Sequence[Claim] | None:
    from factlint_numbers.claims import extract_claims

    return extract_claims(document)
