"""The result cache and the per-document time limit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factlint import hookimpl
from factlint.cache import ResultCache
from factlint.runner import Session
from factlint.testing import make_config, plugin_manager

DRAFT = "---\ntitle: x\ndraft: true\n---\n正文。\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for i in range(3):
        (tmp_path / f"post{i}.md").write_text(DRAFT.replace("x", f"post {i}"), encoding="utf-8")
    return tmp_path


def _run(site: Path, cache_dir: Path, values: dict | None = None) -> tuple[list, ResultCache]:
    session = Session(plugin_manager(), make_config(values or {"select": ["FL5"]}))
    cache = ResultCache(cache_dir, session.fingerprint())
    session.cache = cache
    return session.run([str(site)]).diagnostics, cache


def test_warm_run_reads_the_cache_and_gives_the_same_result(site: Path, tmp_path: Path) -> None:
    cold, cache = _run(site, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (0, 3)
    warm, cache = _run(site, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (3, 0)
    assert warm == cold


def test_content_and_config_changes_invalidate(site: Path, tmp_path: Path) -> None:
    _run(site, tmp_path / "cache")
    (site / "post1.md").write_text(DRAFT.replace("draft: true", "draft: false"), encoding="utf-8")
    diags, cache = _run(site, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (2, 1)
    assert len(diags) == 2
    _, cache = _run(site, tmp_path / "cache", {"select": ["FL5"], "ignore": ["FL502"]})
    assert cache.hits == 0


def test_corrupt_entries_are_discarded(site: Path, tmp_path: Path) -> None:
    cold, _ = _run(site, tmp_path / "cache")
    entries = list((tmp_path / "cache").rglob("*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"garbage")
    entries[1].write_bytes(entries[1].read_bytes()[:40])
    warm, cache = _run(site, tmp_path / "cache")
    assert warm == cold
    assert cache.hits == 1


class _Slow:
    @hookimpl
    def factlint_check_document(self, document, claims, ctx):
        if "slow" in document.path:
            time.sleep(30)
        return []


@pytest.fixture
def slow_plugin():
    pm = plugin_manager()
    pm.register(_Slow(), name="slow-test-plugin")
    yield
    pm.unregister(name="slow-test-plugin")


def test_a_document_over_the_time_limit_is_abandoned(site: Path, slow_plugin: None) -> None:
    (site / "slow.md").write_text(DRAFT, encoding="utf-8")
    session = Session(plugin_manager(), make_config({"select": ["FL5"], "timeout": 2.0}))
    start = time.perf_counter()
    diags = session.run([str(site)]).diagnostics
    assert time.perf_counter() - start < 15
    codes = sorted((Path(d.path).name, d.code) for d in diags)
    assert codes == [("post0.md", "FL501"), ("post1.md", "FL501"), ("post2.md", "FL501"), ("slow.md", "FL002")]
    message = next(d.message for d in diags if d.code == "FL002")
    assert message.startswith("plugin 'slow-test-plugin' ran past the per-document time limit (2 s)")
