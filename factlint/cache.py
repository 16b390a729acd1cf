"""The result cache: each file's phase 1 result, and a record of each run over a list of files.

A file's entry is keyed by the file's path and content hash plus the run's fingerprint (factlint
and plugin versions and sources, the effective config and the files it names), so a change in
any of them misses exactly the entries it should. An entry has a head, read on every hit (the
findings), and a tail, decoded only when asked for (the document's summary: mostly claims, most
of the entry's size and decoding time).

A run record is kept per list of files checked together: each file's content hash and head, and
whatever else the run could reuse (the corpus rules' findings). A run over the same list reads
the heads of its unchanged files from that one record instead of one entry each; the entries
stay the reference (the tails are read from there), so a stale, missing or corrupt record
costs time, never correctness.

Everything of one fingerprint lives in one SQLite database (``results.sqlite`` in a folder named
after the fingerprint): an archive's thousands of entries cost a few transactions, not a file
each. Only the process that opened the cache writes to it; entries wait in memory and are
written in batches, each batch one short transaction. The database runs in WAL mode, so two
factlint runs at once share it safely (readers never wait; a writer waits for the other's batch
and, if the wait is too long, skips its own). Each entry carries a hash of its payload: one that
is truncated, altered or not ours is discarded, never fatal, and a database file that SQLite
finds corrupt is deleted and started afresh. The cache folder (``.factlint/cache`` by default)
holds pickles: trust it as you trust the project's own files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CACHE_VERSION = b"factlint-cache-3\n"
DEFAULT_CACHE_DIR = ".factlint/cache"
DATABASE = "results.sqlite"
BATCH = 256  # entries written per transaction
KEEP = 4  # fingerprints whose databases are kept: this run's and the most recently used others
BUSY_TIMEOUT = 5.0  # seconds a write waits for another run's transaction before it is skipped
CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"  # https://bford.info/cachedir/
_CHECK = hashlib.sha256().digest_size
_CORRUPT = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ"})  # the last: truncated
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS runs (key BLOB PRIMARY KEY, data BLOB NOT NULL);
"""


@dataclass
class RunRecord:
    """A run over a list of files: per file, its content hash and its entry's head (None: not
    to be reused), and what else the run may reuse while no hash changes (None: nothing)."""

    digests: list[str]
    heads: list[Any | None]
    extra: Any | None = None


def encode_tail(tail: Any) -> bytes:
    """A tail as :meth:`ResultCache.put` stores it (workers encode it, the main process stores it)."""
    return pickle.dumps(tail, protocol=pickle.HIGHEST_PROTOCOL)


class ResultCache:
    """The cache of one fingerprint under ``folder``; opened on first use, by each process apart."""

    def __init__(self, folder: str | os.PathLike[str], fingerprint: str) -> None:
        # Plain strings: building a Path costs more than the rest of a lookup.
        self.root = os.fspath(folder)
        self.folder = os.path.join(folder, fingerprint[:16])
        self.file = os.path.join(self.folder, DATABASE)
        self.hits = 0
        self.misses = 0
        self._heads: dict[str, tuple[str, Any]] = {}  # path -> (digest, head), from the run record
        self._pending: dict[bytes, bytes] = {}  # entries not written yet: key -> data
        self._db: sqlite3.Connection | None = None
        self._owner: int | None = None  # the process that opened self._db

    # -- one file ---------------------------------------------------------------------------------

    @staticmethod
    def _key(path: str, digest: str) -> bytes:
        return hashlib.sha256(f"{path}\0{digest}".encode()).digest()

    def get(self, path: str, digest: str) -> Any | None:
        """The head of the file's entry, None on a miss."""
        known = self._heads.get(path)
        if known is not None and known[0] == digest:
            self.hits += 1
            return known[1]
        entry = self._entry(self._key(path, digest))
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry[0]

    def get_tail(self, path: str, digest: str) -> Any:
        """The tail of the file's entry, decoded now; KeyError when the entry is gone."""
        key = self._key(path, digest)
        entry = self._entry(key)
        if entry is None:
            raise KeyError(path)
        try:
            return pickle.loads(entry[1])
        except Exception:  # intact but unreadable (a class that is gone): as if it were gone
            self._discard("entries", key)
            raise KeyError(path) from None

    def put(self, path: str, digest: str, head: Any, tail: bytes) -> None:
        """Store a file's entry: its head and its tail as :func:`encode_tail` gave it. Written
        with the next batch, at the latest by :meth:`flush` or :meth:`close` (``Session.run``
        flushes at its end; code that calls ``Session.check_path`` itself closes the cache,
        or uses it in a ``with`` block)."""
        self._pending[self._key(path, digest)] = _encode((head, tail))
        if len(self._pending) >= BATCH:
            self.flush()

    def _entry(self, key: bytes) -> tuple[Any, bytes] | None:
        data = self._pending.get(key)
        entry = _decode(data) if data is not None else self._read("entries", key)
        return entry if isinstance(entry, tuple) and len(entry) == 2 else None

    def is_empty(self) -> bool:
        """Does the cache hold no entry at all (a first run, a CI runner without a kept cache)?
        Then every file misses, and no file needs reading to find that out."""
        if self._pending or self._heads:
            return False
        cursor = self._execute("SELECT 1 FROM entries LIMIT 1")
        return cursor is None or cursor.fetchone() is None

    # -- runs -------------------------------------------------------------------------------------

    @staticmethod
    def _run_key(names: Sequence[str]) -> bytes:
        # One record per list of files, so records do not pile up as the files change.
        return hashlib.sha256("\0".join(names).encode()).digest()

    def load_run(self, names: Sequence[str]) -> RunRecord | None:
        """The record of the last run over ``names`` (the files, in order); :meth:`get` serves
        the heads it holds from now on."""
        self._heads = {}
        record = self._read("runs", self._run_key(names))
        if not isinstance(record, RunRecord) or not len(record.digests) == len(record.heads) == len(names):
            return None
        self._heads = {
            name: (digest, head)
            for name, digest, head in zip(names, record.digests, record.heads, strict=True)
            if head is not None
        }
        return record

    def save_run(self, names: Sequence[str], record: RunRecord) -> None:
        """Store the run record, with the entries not written yet, in one transaction."""
        self._write([("runs", self._run_key(names), _encode(record))])

    # -- the database -----------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the entries kept in memory."""
        self._write([])

    def prune(self) -> None:
        """Delete the folders of all but the :data:`KEEP` most recently used fingerprints (an
        upgrade or a config change leaves the old one behind). Only in a cache folder factlint
        created, which CACHEDIR.TAG marks: in a folder given that held other things, nothing
        is deleted. This run's folder is marked as just used and always kept."""
        here = os.path.basename(self.folder)
        with contextlib.suppress(OSError):
            os.utime(self.folder)
        try:
            with open(os.path.join(self.root, "CACHEDIR.TAG"), encoding="utf-8") as fh:
                ours = fh.read(len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE
            names = os.listdir(self.root) if ours else []
        except (OSError, ValueError):
            return
        others: list[tuple[float, str]] = []
        for name in names:
            path = os.path.join(self.root, name)
            if name != here and len(name) == len(here) and all(c in "0123456789abcdef" for c in name):
                with contextlib.suppress(OSError):
                    if os.path.isdir(path) and not os.path.islink(path):
                        others.append((os.stat(path).st_mtime, path))
        for _used, path in sorted(others, reverse=True)[KEEP - 1 :]:
            shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Write what is pending and close this process's connection (opened again if used)."""
        self.flush()
        if self._db is not None and self._owner == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = self._owner = None

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connect(self) -> sqlite3.Connection | None:
        """This process's connection; None when the cache cannot be used (a read-only disk)."""
        if self._owner == os.getpid():
            return self._db
        if self._owner is not None:  # a forked child: never the parent's connection, nor its entries
            self._pending = {}
        self._owner, self._db = os.getpid(), None
        for _attempt in range(2):
            try:
                if not os.path.isdir(self.root):
                    _make_root(self.root)
                os.makedirs(self.folder, exist_ok=True)
                db = sqlite3.connect(self.file, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
                try:
                    db.execute("PRAGMA journal_mode=WAL")  # kept by the file: cheap after the first time
                    db.execute("PRAGMA synchronous=NORMAL")  # a cache may lose its last batch in a power cut
                    db.executescript(_SCHEMA)
                except BaseException:
                    db.close()
                    raise
            except OSError:
                return None
            except sqlite3.Error as exc:
                if not self._reset(exc):
                    return None
                continue
            self._db = db
            return db
        return None

    def _reset(self, exc: sqlite3.Error) -> bool:
        """After an error: for a corrupt database file, delete it (the next use starts afresh)."""
        if getattr(exc, "sqlite_errorname", None) not in _CORRUPT:
            return False
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._owner = self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(self.file + suffix)
        return True

    def _execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor | None:
        """One statement on this process's connection; None when the cache cannot be used or
        the statement failed (a corrupt database is deleted on the way, see :meth:`_reset`)."""
        db = self._connect()
        if db is None:
            return None
        try:
            return db.execute(sql, parameters)
        except sqlite3.Error as exc:
            self._reset(exc)
            return None

    def _read(self, table: str, key: bytes) -> Any | None:
        cursor = self._execute(f"SELECT data FROM {table} WHERE key = ?", (key,))
        row = cursor.fetchone() if cursor is not None else None
        if row is None:
            return None
        value = _decode(row[0])
        if value is None:
            self._discard(table, key)
        return value

    def _write(self, rows: list[tuple[str, bytes, bytes]]) -> None:
        db = self._connect()
        pending, self._pending = self._pending, {}
        if db is None or not (rows or pending):
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", pending.items())
                for table, key, data in rows:
                    db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, data))
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):  # the error that stopped it is the one to judge
                    db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:  # busy past the timeout, a full disk: the cache's loss only
            self._reset(exc)

    def _discard(self, table: str, key: bytes) -> None:
        self._pending.pop(key, None)
        self._execute(f"DELETE FROM {table} WHERE key = ?", (key,))


def _make_root(root: str) -> None:
    """Create the cache folder, marked as one: ignored by git, skipped by backup tools that honour
    CACHEDIR.TAG. Only a folder the cache creates is marked (not one given that exists already)."""
    os.makedirs(root, exist_ok=True)
    for name, text in (
        (".gitignore", "# Created by factlint automatically.\n*\n"),
        ("CACHEDIR.TAG", f"{CACHEDIR_SIGNATURE}\n# This file is a cache directory tag created by factlint.\n"),
    ):
        with contextlib.suppress(OSError), open(os.path.join(root, name), "x", encoding="utf-8") as fh:
            fh.write(text)


def _encode(value: Any) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join((CACHE_VERSION, hashlib.sha256(payload).digest(), payload))


def _decode(data: bytes) -> Any | None:
    """The value of an entry or record; None when it is not one of ours, or damaged."""
    if not isinstance(data, bytes):
        return None
    start = len(CACHE_VERSION) + _CHECK
    payload = memoryview(data)[start:]
    if not data.startswith(CACHE_VERSION) or hashlib.sha256(payload).digest() != data[start - _CHECK : start]:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # intact but unreadable (a class that is gone): recomputed
        return None
