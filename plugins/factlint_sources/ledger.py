"""The facts ledger: the team's record of established figures, one YAML entry per fact.

```yaml
facts:
  - subject: OpenRouter          # an entity, as the claims name it (aliases resolve to it)
    metric: valuation            # a metric of the numbers plugin's lexicon
    value: 1.3e9                 # a number, "1.3B" / "1.3 billion", or [low, high]
    unit: USD                    # ISO currency code, %, or a counted noun
    as_of: 2025-06-25            # when the figure was established
    period: ""                   # optional: "2024", "2024-Q3", "FY2026"
    source: https://example.com/openrouter-series-a
    tolerance: 0.02              # optional relative tolerance (default: the rule's)
```

Entries are validated with a JSON schema; a bad entry is an error naming the file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jsonschema
import regex
import yaml

from factlint.model import Quantity

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["subject", "metric", "value", "unit", "as_of", "source"],
    "additionalProperties": False,
    "properties": {
        "subject": {"type": "string", "minLength": 1},
        "metric": {"type": "string", "minLength": 1},
        "value": {
            "oneOf": [
                {"type": "number"},
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            ]
        },
        "unit": {"type": "string", "minLength": 1},
        "as_of": {"type": "string", "format": "date"},
        "period": {"type": "string"},
        "source": {"type": "string", "minLength": 1},
        "tolerance": {"type": "number", "minimum": 0, "maximum": 1},
        "note": {"type": "string"},
    },
}
_SCALED = regex.compile(
    r"\s*(?P<num>-?\d+(?:\.\d+)?)\s*(?P<scale>k|thousand|m|mn|million|b|bn|billion|t|tn|trillion|万|亿|万亿)?\s*",
    regex.IGNORECASE,
)
_SCALE = {
    "k": 3, "thousand": 3, "m": 6, "mn": 6, "million": 6, "b": 9, "bn": 9, "billion": 9,
    "t": 12, "tn": 12, "trillion": 12, "万": 4, "亿": 8, "万亿": 12,
}  # fmt: skip


class LedgerError(Exception):
    pass


@dataclass(frozen=True)
class Fact:
    subject: str
    metric: str
    value: Quantity
    as_of: dt.date
    period: str
    source: str
    tolerance: float | None
    path: str
    line: int


def _value(raw: Any, unit: str) -> Quantity:
    if isinstance(raw, list):
        low, high = (Decimal(str(v)) for v in raw)
        if low > high:
            raise ValueError(f"interval {raw} has its low end above its high end")
        return Quantity(low, high, unit)
    if isinstance(raw, int | float):
        number = Decimal(str(raw))
        return Quantity(number, number, unit)
    try:  # "1.0e10": YAML 1.1 reads an exponent without a sign as a string
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        pass
    else:
        return Quantity(number, number, unit)
    m = _SCALED.fullmatch(str(raw))
    if m is None:
        raise ValueError(f"value {raw!r} is not a number such as 1.3e9, '1.3B' or '13亿'")
    try:
        number = Decimal(m["num"]) * (Decimal(10) ** _SCALE.get((m["scale"] or "").lower(), 0))
    except InvalidOperation:
        raise ValueError(f"value {raw!r} is not a number") from None
    return Quantity(number, number, unit)


def _display(file: Path) -> str:
    """The path as findings show it: relative to the current folder when it is inside it."""
    try:
        return file.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(file)


def load(path: str | Path) -> list[Fact]:
    """Read and validate a ledger; raises :class:`LedgerError` naming the file and line."""
    file = Path(path)
    shown = _display(file)
    try:
        text = file.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{file}: cannot read the facts ledger: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise LedgerError(f"{file}:{line}: invalid YAML: {exc.problem}") from None
    if data is None:
        return []
    items, nodes = data, node
    if isinstance(data, dict):
        if set(data) != {"facts"}:
            raise LedgerError(f"{file}:1: the ledger must be a list of facts or a mapping with one key, 'facts'")
        items = data["facts"]
        nodes = next(v for k, v in node.value if k.value == "facts")
    if not isinstance(items, list):
        raise LedgerError(f"{file}:1: 'facts' must be a list of entries")
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    facts = []
    for index, raw in enumerate(items):
        line = nodes.value[index].start_mark.line + 1
        # YAML reads 2025-06-25 as a date; the schema checks strings
        item = (
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in raw.items()}
            if isinstance(raw, dict)
            else raw
        )
        errors = sorted(validator.iter_errors(item), key=lambda e: list(e.path))
        if errors:
            err = errors[0]
            where = ".".join(str(p) for p in err.path) or "entry"
            raise LedgerError(f"{file}:{line}: fact {index + 1}: {where}: {err.message}")
        try:
            value = _value(item["value"], item["unit"])
        except ValueError as exc:
            raise LedgerError(f"{file}:{line}: fact {index + 1}: {exc}") from None
        facts.append(
            Fact(
                subject=item["subject"],
                metric=item["metric"],
                value=value,
                as_of=dt.date.fromisoformat(item["as_of"]),
                period=item.get("period", ""),
                source=item["source"],
                tolerance=item.get("tolerance"),
                path=shown,
                line=line,
            )
        )
    return facts
