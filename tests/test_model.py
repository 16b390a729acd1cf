"""The pipeline's data pickles as itself: worker results and cache entries depend on it."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from datetime import date
from decimal import Decimal

from factlint import model
from factlint.model import Claim, Diagnostic, DocumentSummary, Edit, Fix, MetaValue, Quantity, Related, Severity, Span
from factlint.runner import Session
from factlint.testing import make_config, plugin_manager
from tests.conftest import SEEDS


def _roundtrip(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def test_every_frozen_model_class_round_trips() -> None:
    span = Span(3, 5, 3, 9, 40, 44)
    samples = [
        span,
        Related("other.md", 7, 1, "the other figure", 7, 9),
        Edit(1, 2, "x"),
        Fix("swap", (Edit(1, 2, "x"),), safe=False),
        Diagnostic("a.md", 1, 2, 1, 5, "FL101", "numeric-conflict", Severity.ERROR, "m", "p", (), None),
        Quantity(Decimal("1.3E9"), None, "USD", True, "month"),
        Claim("quantity", "OpenAI", "valuation", Quantity(Decimal(10), Decimal(10)), span, "text", "numbers",
              "2024", model.Modality.EXPECTED, 0.6, 2, span, None, span, (("bound", "over"),)),
        MetaValue(date(2024, 5, 1), "front-matter:date", span, "2024-05-01"),
        DocumentSummary("a.md", {"published": MetaValue(date(2024, 5, 1), "x")}, (), "zh"),
    ]  # fmt: skip
    frozen = {
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
    }
    assert {type(s) for s in samples} == frozen  # a new model class needs a sample here
    for sample in samples:
        back = _roundtrip(sample)
        assert back == sample and type(back) is type(sample)
        assert [getattr(back, f.name) for f in dataclasses.fields(back)] == [  # type: ignore[arg-type]
            getattr(sample, f.name)
            for f in dataclasses.fields(sample)  # type: ignore[arg-type]
        ]


def test_a_seed_articles_results_round_trip() -> None:
    session = Session(plugin_manager(), make_config())
    session.keep_claims = True
    for path in sorted(SEEDS.glob("*.txt")):
        result = session.check_path(str(path), lookup=False)
        back = _roundtrip(result)
        assert back.diagnostics == result.diagnostics
        assert back.summary == result.summary and back.summary is not None and back.summary.claims
