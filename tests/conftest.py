"""Shared test setup: third-party plugins are not auto-loaded, the shared folder is found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"

# Tests see only the built-in plugins unless a test installs one on purpose.
os.environ.setdefault("FACTLINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("the shared seeds are not beside the repository")
    return SEEDS


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    return CORPUS
