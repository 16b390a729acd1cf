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

Entries and records are written to a temporary file and renamed into place, so parallel
workers and two factlint runs at once never see a half-written one; two runs over the same
list may each write the record, and the last one stays. Each file carries a hash of its
payload: one that is truncated, overwritten or not ours is discarded, never fatal. The cache
folder (``.factlint/cache`` by default) holds pickles: trust it as you trust the project's own
files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CACHE_VERSION = b"factlint-cache-2\n"
DEFAULT_CACHE_DIR = ".factlint/cache"
_CHECK = hashlib.sha256().digest_size
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass
class RunRecord:
    """A run over a list of files: per file, its content hash and its entry's head (None: not
    to be reused), and what else the run may reuse while no hash changes (None: nothing)."""

    digests: list[str]
    heads: list[Any | None]
    extra: Any | None = None


class ResultCache:
    def __init__(self, folder: str | os.PathLike[str], fingerprint: str) -> None:
        # Plain strings: building a Path costs more than the rest of a lookup.
        self.folder = os.path.join(folder, fingerprint[:16])
        self.hits = 0
        self.misses = 0
        self._heads: dict[str, tuple[str, Any]] = {}  # path -> (digest, head), from the run record
        self._folders: set[str] = set()  # made by this process already

    # -- one file ---------------------------------------------------------------------------------

    def _file(self, path: str, digest: str) -> str:
        key = hashlib.sha256(f"{path}\0{digest}".encode()).hexdigest()
        return os.path.join(self.folder, key[:2], f"{key}.pickle")

    def get(self, path: str, digest: str) -> Any | None:
        """The head of the file's entry, None on a miss."""
        known = self._heads.get(path)
        if known is not None and known[0] == digest:
            self.hits += 1
            return known[1]
        entry = self._read(self._file(path, digest))
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry[0]

    def get_tail(self, path: str, digest: str) -> Any:
        """The tail of the file's entry, decoded now; KeyError when the entry is gone."""
        file = self._file(path, digest)
        entry = self._read(file)
        if entry is None:
            raise KeyError(path)
        try:
            return pickle.loads(entry[1])
        except Exception:  # intact but unreadable (a class that is gone): as if it were gone
            self._discard(file)
            raise KeyError(path) from None

    def put(self, path: str, digest: str, head: Any, tail: Any) -> None:
        self._write(self._file(path, digest), (head, pickle.dumps(tail, protocol=pickle.HIGHEST_PROTOCOL)))

    # -- runs -------------------------------------------------------------------------------------

    def _run_file(self, names: Sequence[str]) -> str:
        # One record per list of files, so records do not pile up as the files change.
        slot = hashlib.sha256("\0".join(names).encode()).hexdigest()
        return os.path.join(self.folder, "runs", f"{slot}.pickle")

    def load_run(self, names: Sequence[str]) -> RunRecord | None:
        """The record of the last run over ``names`` (the files, in order); :meth:`get` serves
        the heads it holds from now on."""
        self._heads = {}
        record = self._read(self._run_file(names))
        if not isinstance(record, RunRecord) or not len(record.digests) == len(record.heads) == len(names):
            return None
        self._heads = {
            name: (digest, head)
            for name, digest, head in zip(names, record.digests, record.heads, strict=True)
            if head is not None
        }
        return record

    def save_run(self, names: Sequence[str], record: RunRecord) -> None:
        self._write(self._run_file(names), record)

    # -- files ------------------------------------------------------------------------------------

    def _read(self, file: str) -> Any | None:
        try:
            with open(file, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        start = len(CACHE_VERSION) + _CHECK
        payload = memoryview(data)[start:]
        if not data.startswith(CACHE_VERSION) or hashlib.sha256(payload).digest() != data[start - _CHECK : start]:
            self._discard(file)
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # intact but unreadable (a class that is gone): drop it and recompute
            self._discard(file)
            return None

    def _write(self, file: str, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder = os.path.dirname(file)
        # A name of this process's own (no other live process has its pid), so no random name
        # and no exclusive create: a stale one left by a crash is overwritten.
        tmp = os.path.join(folder, f".tmp-{os.getpid()}-{os.path.basename(file)}")
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_NOFOLLOW, 0o600)
        except OSError:
            return  # a read-only disk costs the cache, never the run
        try:
            try:
                data = memoryview(b"".join((CACHE_VERSION, hashlib.sha256(payload).digest(), payload)))
                while data:
                    data = data[os.write(fd, data) :]
            finally:
                os.close(fd)
            os.replace(tmp, file)
        except OSError:  # a full disk: the same
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    @staticmethod
    def _discard(file: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(file)
