"""The claim store: incremental indexing, checking against it, interruption, readers, schema versions."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factlint import store as store_mod
from factlint.cli import main
from factlint.runner import Session
from factlint.store import ClaimStore, StoreError
from factlint.testing import make_config, plugin_manager
from tests.conftest import ROOT

SCENARIO = ROOT / "fixtures" / "corpus" / "cross-source"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in ("a.md", "c.md", "e.md", "f.md", "g.md"):
        shutil.copy(SCENARIO / name, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def _session() -> Session:
    return Session(plugin_manager(), make_config({"select": ["FL4"]}))


def test_index_is_incremental(archive: Path) -> None:
    with ClaimStore("claims.db") as db:
        first = _session().index([str(archive)], db)
        assert (first.added, first.updated, first.unchanged, first.removed) == (5, 0, 0, 0)
        assert first.claims > 0
        again = _session().index([str(archive)], db)
        assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 5, 0)
        (archive / "c.md").write_text(
            (archive / "c.md").read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8"
        )
        (archive / "f.md").unlink()
        shutil.copy(SCENARIO / "b.md", archive / "b.md")
        third = _session().index([str(archive)], db)
        assert (third.added, third.updated, third.unchanged, third.removed) == (1, 1, 3, 1)
        assert db.counts()[0] == 5


def test_config_change_reindexes(archive: Path) -> None:
    with ClaimStore("claims.db") as db:
        _session().index([str(archive)], db)
        other = Session(plugin_manager(), make_config({"select": ["FL4"], "ignore": ["FL402"]}))
        stats = other.index([str(archive)], db)
        assert stats.updated == 5


def test_check_new_article_against_store(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--no-config", "--db", "claims.db", "-q", str(archive)]) == 0
    new = archive.parent / "new.md"
    shutil.copy(SCENARIO / "b.md", new)
    code = main(["check", "--no-config", "--select", "FL4", "--db", "claims.db", "new.md"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0  # FL401 is a warning; the default --fail-on is error
    assert out[0].startswith(
        'new.md:6:197: FL401 [warning] OpenRouter valuation is "$1.3B" ($1.3 billion) here, but $10 billion in'
    )
    assert "archive/a.md:6" in out[0]
    assert out[-1] == "Found 1 finding (1 warning) in 1 file."


def test_interrupted_index_leaves_a_usable_store(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with ClaimStore("claims.db") as db:
        _session().index([str(archive)], db)
        before = db.counts()
    for name in ("a.md", "c.md", "e.md"):
        path = archive / name
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    monkeypatch.setattr(store_mod, "BATCH", 1)
    real_write = ClaimStore.write
    calls = {"n": 0}

    def dying_write(self: ClaimStore, entries):  # the process "dies" in its second batch
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_write(self, entries)

    monkeypatch.setattr(ClaimStore, "write", dying_write)
    with pytest.raises(KeyboardInterrupt), ClaimStore("claims.db") as db:
        _session().index([str(archive)], db)
    monkeypatch.setattr(ClaimStore, "write", real_write)
    with ClaimStore("claims.db", readonly=True) as db:
        assert db.counts()[0] == before[0]
        assert db.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with ClaimStore("claims.db") as db:  # the next run finishes the job
        stats = _session().index([str(archive)], db)
        assert stats.updated == 2 and stats.unchanged == 3


def test_readers_are_not_blocked_by_a_writer(archive: Path) -> None:
    with ClaimStore("claims.db") as db:
        _session().index([str(archive)], db)
    reader = sqlite3.connect("claims.db", timeout=1)
    reader.execute("BEGIN")
    seen = reader.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    (archive / "a.md").unlink()
    with ClaimStore("claims.db") as db:
        assert _session().index([str(archive)], db).removed == 1
    assert reader.execute("SELECT COUNT(*) FROM files").fetchone()[0] == seen  # its snapshot
    reader.rollback()
    assert reader.execute("SELECT COUNT(*) FROM files").fetchone()[0] == seen - 1
    reader.close()


def test_newer_schema_is_refused_clearly(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ClaimStore("claims.db"):
        pass
    db = sqlite3.connect("claims.db")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="written by a newer factlint"):
        ClaimStore("claims.db", readonly=True)
    code = main(["check", "--no-config", "--db", "claims.db", str(archive)])
    assert code == 2
    assert "schema version 99" in capsys.readouterr().err


def test_missing_store_is_a_usage_error(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "--db", "nowhere.db", str(archive)]) == 2
    assert "factlint index" in capsys.readouterr().err
