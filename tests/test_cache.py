"""The result cache (per file, and per run over a list of files) and the per-document time limit."""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import shutil
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from factlint import hookimpl
from factlint.cache import CACHEDIR_SIGNATURE, DATABASE, KEEP, ResultCache
from factlint.model import DocumentSummary
from factlint.runner import PARALLEL_THRESHOLD, Session
from factlint.testing import make_config, plugin_manager
from tests.conftest import ROOT

DRAFT = "---\ntitle: x\ndraft: true\n---\n正文。\n"
CROSS_SOURCE = ROOT / "fixtures" / "corpus" / "cross-source"
CORPUS_RULES = {"select": ["FL4"]}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for i in range(3):
        (tmp_path / f"post{i}.md").write_text(DRAFT.replace("x", f"post {i}"), encoding="utf-8")
    return tmp_path


def _session(values: dict | None = None, cache_dir: Path | None = None, root: Path | None = None) -> Session:
    session = Session(plugin_manager(), make_config(values or {"select": ["FL5"]}, root=root))
    if cache_dir is not None:
        session.cache = ResultCache(cache_dir, session.fingerprint())
    return session


def _run(site: Path, cache_dir: Path, values: dict | None = None) -> tuple[list, ResultCache]:
    session = _session(values, cache_dir)
    assert session.cache is not None
    return session.run([str(site)]).diagnostics, session.cache


def _database(cache_dir: Path) -> Path:
    [database] = cache_dir.rglob(DATABASE)  # one fingerprint, one database
    return database


def _sql(cache_dir: Path, statement: str, *args: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(_database(cache_dir))) as db, db:
        return db.execute(statement, args).fetchall()


def _entries(cache_dir: Path) -> list[bytes]:
    """The stored entries' data, in key order."""
    return [row[0] for row in _sql(cache_dir, "SELECT data FROM entries ORDER BY key")]


def _set_entry(cache_dir: Path, index: int, data: bytes, table: str = "entries") -> None:
    [(key,)] = _sql(cache_dir, f"SELECT key FROM {table} ORDER BY key LIMIT 1 OFFSET ?", index)
    _sql(cache_dir, f"UPDATE {table} SET data = ? WHERE key = ?", data, key)


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


@pytest.mark.parametrize("named", [True, False], ids=["named-ledger", "default-ledger"])
def test_editing_a_file_a_plugin_setting_names_invalidates(tmp_path: Path, named: bool) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "fixtures" / "corpus" / "facts-ledger", folder)
    # the facts ledger named in the config, or found as facts.yaml beside it
    values: dict[str, object] = {"select": ["FL402"], "facts": "facts.yaml"} if named else {"select": ["FL402"]}

    def run() -> list[tuple[str, int]]:
        session = _session(values, tmp_path / "cache", root=folder)
        return sorted((Path(d.path).name, d.line) for d in session.run([str(folder)]).diagnostics)

    assert run() == [("a.md", 6), ("h.md", 6)]
    ledger = folder / "facts.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("value: 1.3B", "value: 10B"), encoding="utf-8")
    assert run() == [("b.md", 6), ("h.md", 6)]  # the ledger now agrees with a.md, not b.md


def test_corrupt_entries_are_discarded(site: Path, tmp_path: Path) -> None:
    cold, _ = _run(site, tmp_path / "cache")
    entries = _entries(tmp_path / "cache")
    [(record,)] = _sql(tmp_path / "cache", "SELECT data FROM runs")
    assert len(entries) == 3
    _set_entry(tmp_path / "cache", 0, b"garbage")
    _set_entry(tmp_path / "cache", 1, entries[1][:40])
    _set_entry(tmp_path / "cache", 0, record[:-1] + bytes([record[-1] ^ 1]), "runs")  # only the payload hash sees it
    warm, cache = _run(site, tmp_path / "cache")
    assert warm == cold
    assert cache.hits == 1
    assert len(_entries(tmp_path / "cache")) == 3  # the two discarded were written again


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_corrupt_database_is_started_afresh(site: Path, tmp_path: Path, damage: str) -> None:
    cold, cache = _run(site, tmp_path / "cache")
    cache.close()  # as at the end of a process: the damage is found by the next one
    database = _database(tmp_path / "cache")
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    data = database.read_bytes()
    database.write_bytes(
        {"garbage": b"not a database" * 500, "truncated": data[: len(data) // 2], "empty": b""}[damage]
    )
    again, cache = _run(site, tmp_path / "cache")
    assert again == cold
    warm, cache = _run(site, tmp_path / "cache")
    assert (warm, cache.hits, cache.misses) == (cold, 3, 0)


def test_a_cache_folder_it_creates_is_marked_as_a_cache(site: Path, tmp_path: Path) -> None:
    _run(site, tmp_path / "new" / "cache")
    assert (tmp_path / "new" / "cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (tmp_path / "new" / "cache" / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(CACHEDIR_SIGNATURE)
    _run(site, site)  # a folder that exists already (here the articles' own) is not marked
    assert not (site / ".gitignore").exists()
    assert not (site / "CACHEDIR.TAG").exists()


def test_only_the_most_recently_used_fingerprints_are_kept(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    _run(site, root)  # creates and marks the cache folder
    [current] = [p for p in root.iterdir() if p.is_dir()]
    stale = [root / f"{i:016x}" for i in range(6)]  # folders of fingerprints used before, oldest first
    for age, folder in enumerate(reversed(stale)):
        folder.mkdir()
        (folder / DATABASE).write_bytes(b"")
        os.utime(folder, (1_000_000 - age, 1_000_000 - age))
    (root / "notes").mkdir()  # not a fingerprint's folder
    _run(site, root)
    kept = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert kept == sorted([current.name, "notes", *(f.name for f in stale[-(KEEP - 1) :])])


def test_a_cache_folder_it_did_not_create_is_never_pruned(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "shared"
    stale = [root / f"{i:016x}" for i in range(KEEP + 2)]
    for folder in stale:
        folder.mkdir(parents=True)
    _run(site, root)
    assert all(folder.is_dir() for folder in stale)


def test_an_unusable_cache_folder_costs_the_cache_only(site: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    diags, cache = _run(site, blocked / "cache")
    assert diags == _session().run([str(site)]).diagnostics
    assert cache.misses == 3


def _run_in_child(site: str, cache_dir: str, out: multiprocessing.Queue) -> None:
    out.put(_session(cache_dir=Path(cache_dir)).run([site]).diagnostics)


def test_two_runs_at_once_share_the_cache(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for i in range(300):  # more entries than one write batch
        (site / f"post{i}.md").write_text(DRAFT.replace("x", f"post {i}"), encoding="utf-8")
    expected = _session().run([str(site)]).diagnostics
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    runs = [ctx.Process(target=_run_in_child, args=(str(site), str(tmp_path / "cache"), out)) for _ in range(2)]
    for run in runs:
        run.start()
    results = [out.get(timeout=120) for _ in runs]
    for run in runs:
        run.join(timeout=60)
    assert results == [expected, expected]
    warm, cache = _run(site, tmp_path / "cache")
    assert (warm, cache.hits, cache.misses) == (expected, 300, 0)


def test_without_its_run_record_a_run_reads_each_entry(site: Path, tmp_path: Path) -> None:
    cold, _ = _run(site, tmp_path / "cache")
    _sql(tmp_path / "cache", "DELETE FROM runs")
    warm, cache = _run(site, tmp_path / "cache")
    assert (warm, cache.hits, cache.misses) == (cold, 3, 0)


def test_one_cache_read_by_several_runs(site: Path, tmp_path: Path) -> None:
    (site / "post0.md").write_text(DRAFT + "<!-- factlint: disable-next-line FL501 -->\nText.\n", encoding="utf-8")
    session = _session({"select": ["FL003", "FL5"]}, tmp_path / "cache")
    runs = [session.run([str(site)]).diagnostics for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert [d.code for d in runs[0]].count("FL003") == 1  # the directive is unused every time


def test_a_warm_run_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(PARALLEL_THRESHOLD + 4):
        (tmp_path / f"post{i}.md").write_text(DRAFT.replace("x", f"post {i}"), encoding="utf-8")
    cold = _session(cache_dir=tmp_path / ".cache").run([str(tmp_path)], jobs=2).diagnostics

    def no_pool(self: Session, files: list[str], jobs: int) -> None:
        raise AssertionError(f"worker processes started for {len(files)} cached files")

    monkeypatch.setattr(Session, "_parallel", no_pool)
    assert _session(cache_dir=tmp_path / ".cache").run([str(tmp_path)], jobs=2).diagnostics == cold


def test_a_first_run_does_not_look_each_file_up(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str] = []
    cached = Session._cached

    def counted(self: Session, path: str) -> object:
        looked_up.append(path)
        return cached(self, path)

    monkeypatch.setattr(Session, "_cached", counted)
    cold, cache = _run(site, tmp_path / "cache")
    assert (looked_up, cache.misses) == ([], 3)  # an empty cache: nothing to look up
    (site / "post3.md").write_text(DRAFT, encoding="utf-8")
    warm, cache = _run(site, tmp_path / "cache")
    assert (len(looked_up), cache.hits, cache.misses) == (4, 3, 1)
    assert len(warm) == len(cold) + 1


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three articles; a.md and b.md give OpenRouter two valuations (FL401 on both)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        shutil.copy(CROSS_SOURCE / name, folder / name)
    return folder


@pytest.fixture
def corpus_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of summaries each run of the corpus rules saw."""
    runs: list[int] = []
    check_corpus = Session.check_corpus

    def counted(self: Session, summaries: Sequence[DocumentSummary]) -> list:
        runs.append(len(summaries))
        return check_corpus(self, summaries)

    monkeypatch.setattr(Session, "check_corpus", counted)
    return runs


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_corpus_findings_are_reused_until_a_file_changes(corpus: Path, tmp_path: Path, corpus_runs: list[int]) -> None:
    cold, _ = _run(corpus, tmp_path / "cache", CORPUS_RULES)
    assert sorted((Path(d.path).name, d.code) for d in cold) == [("a.md", "FL401"), ("b.md", "FL401")]
    warm, _ = _run(corpus, tmp_path / "cache", CORPUS_RULES)
    assert (warm, corpus_runs) == (cold, [3])  # nothing changed: the recorded findings
    _append(corpus / "c.md", "\nOpenRouter was valued at $2 billion in 2026.\n")
    edited, cache = _run(corpus, tmp_path / "cache", CORPUS_RULES)
    assert (cache.hits, cache.misses, corpus_runs) == (2, 1, [3, 3])  # two summaries from the cache
    assert edited == _session(CORPUS_RULES).run([str(corpus)]).diagnostics
    assert edited != cold


def test_a_missing_entry_is_checked_again_when_its_summary_is_needed(
    corpus: Path, tmp_path: Path, corpus_runs: list[int]
) -> None:
    _run(corpus, tmp_path / "cache", CORPUS_RULES)
    _sql(tmp_path / "cache", "DELETE FROM entries")  # the run record still holds every file's findings, not its summary
    _append(corpus / "c.md", "\nA new paragraph.\n")
    diags, cache = _run(corpus, tmp_path / "cache", CORPUS_RULES)
    assert (cache.hits, corpus_runs) == (2, [3, 3])
    assert diags == _session(CORPUS_RULES).run([str(corpus)]).diagnostics
    assert len(_entries(tmp_path / "cache")) == 3  # and its entries written again


def test_standard_input_is_read_from_the_cache_too(corpus: Path, tmp_path: Path, corpus_runs: list[int]) -> None:
    stdin = [("new.md", (CROSS_SOURCE / "old.md").read_bytes())]  # a third valuation
    (corpus / "b.md").unlink()
    runs = [_session(CORPUS_RULES, tmp_path / "cache").run([str(corpus)], sources=stdin) for _ in range(2)]
    assert runs[0].diagnostics == runs[1].diagnostics
    assert sorted((Path(d.path).name, d.code) for d in runs[1].diagnostics) == [("a.md", "FL401"), ("new.md", "FL401")]
    assert corpus_runs == [3]
    assert runs[1].summaries == runs[0].summaries


def test_summaries_read_from_the_cache_are_the_documents(corpus: Path, tmp_path: Path) -> None:
    cold = _session(CORPUS_RULES, tmp_path / "cache").run([str(corpus)])
    warm = _session(CORPUS_RULES, tmp_path / "cache").run([str(corpus)])
    assert warm.summaries == cold.summaries
    assert sum(len(s.claims) for s in warm.summaries) > 0


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


def test_entries_stored_outside_a_run_are_written_when_the_cache_closes(site: Path, tmp_path: Path) -> None:
    session = _session()
    with ResultCache(tmp_path / "cache", session.fingerprint()) as cache:
        session.cache = cache
        for path in sorted(site.glob("*.md")):
            session.check_path(str(path))
        assert cache.misses == 3
    fresh = _session(cache_dir=tmp_path / "cache")
    assert fresh.cache is not None
    for path in sorted(site.glob("*.md")):
        assert fresh.cache.get(str(path), hashlib.sha256(path.read_bytes()).hexdigest()) is not None
    assert fresh.cache.hits == 3
