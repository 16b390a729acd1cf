"""Built-in plugin: cross-source conflicts and the facts ledger (FL4xx).

It compares the quantity claims of the numbers plugin across sources: files of the corpus,
files of the claim store (``--db``), and the items of a scraped page that lists other outlets'
articles (source segments). The facts ledger is read and validated once, at configure time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factlint import Rule, hookimpl
from factlint.config import ConfigError

if TYPE_CHECKING:
    from factlint.config import Config, OptionRegistry
    from factlint.document import Document
    from factlint_sources.ledger import Fact

DEFAULT_LEDGER = "facts.yaml"
_LEDGERS: dict[str, list[Fact]] = {}


@hookimpl
def factlint_addoption(options: OptionRegistry) -> None:
    options.add_config_key("facts", str, "", f"the facts ledger (default: {DEFAULT_LEDGER} beside the config, if any)")


@hookimpl
def factlint_configure(config: Config) -> None:
    path = _ledger_path(config)
    if path is not None and not config.get("facts", ""):
        # the default ledger, found beside the config: name it, so that the result cache keys
        # on its content as on a ledger named in the config
        config.values["facts"] = DEFAULT_LEDGER
    if path is not None:
        from factlint_sources.ledger import LedgerError, load

        try:
            _LEDGERS[str(path)] = load(path)
        except LedgerError as exc:
            raise ConfigError(str(exc)) from None


def _ledger_path(config: Config | None) -> Path | None:
    if config is None:
        return None
    named = config.get("facts", "")
    if named:
        path = Path(named) if Path(named).is_absolute() else config.root / named
        if not path.is_file():
            where = config.source or "configuration"
            raise ConfigError(f"{where}: 'facts': the facts ledger {named!r} does not exist")
        return path
    default = config.root / DEFAULT_LEDGER
    return default if default.is_file() else None


def ledger_facts(config: Config | None) -> list[Fact]:
    """The validated facts of the run's ledger (loaded at configure time, or now)."""
    path = _ledger_path(config)
    if path is None:
        return []
    if str(path) not in _LEDGERS:
        factlint_configure(config)  # type: ignore[arg-type]
    return _LEDGERS.get(str(path), [])


@hookimpl
def factlint_register_rules(register: Callable[[type[Rule]], None]) -> None:
    from factlint_sources.rules.FL401_cross_source_conflict import CrossSourceConflict
    from factlint_sources.rules.FL402_facts_ledger_conflict import FactsLedgerConflict

    register(CrossSourceConflict)
    register(FactsLedgerConflict)


@hookimpl
def factlint_source_segments(document: Document) -> Sequence[int] | None:
    from factlint_sources.segments import segment_starts

    return segment_starts(document) or None
