"""The per-file result cache: phase 1's result for a file, keyed by what it depends on.

The key is the file's path and content hash plus the run's fingerprint (factlint and plugin
versions, effective config), so a change in any of them misses exactly the entries it should.
Entries are written to a temporary file and renamed into place, so parallel workers and two
factlint runs at once never see a half-written entry; an entry that cannot be read is
discarded, never fatal. The cache folder (``.factlint/cache`` by default) holds pickles: trust
it as you trust the project's own files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_VERSION = b"factlint-cache-1\n"
DEFAULT_CACHE_DIR = ".factlint/cache"


class ResultCache:
    def __init__(self, folder: str | os.PathLike[str], fingerprint: str) -> None:
        self.folder = Path(folder) / fingerprint[:16]
        self.hits = 0
        self.misses = 0

    def _file(self, path: str, digest: str) -> Path:
        key = hashlib.sha256(f"{path}\0{digest}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, path: str, digest: str) -> Any | None:
        file = self._file(path, digest)
        try:
            data = file.read_bytes()
        except OSError:
            self.misses += 1
            return None
        if not data.startswith(CACHE_VERSION):
            self._discard(file)
            return None
        try:
            value = pickle.loads(data[len(CACHE_VERSION) :])
        except Exception:  # a corrupt or foreign entry: drop it and recompute
            self._discard(file)
            return None
        self.hits += 1
        return value

    def put(self, path: str, digest: str, value: Any) -> None:
        file = self._file(path, digest)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(CACHE_VERSION)
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, file)
        except OSError:
            return  # a read-only or full disk costs the cache, never the run

    def _discard(self, file: Path) -> None:
        self.misses += 1
        with contextlib.suppress(OSError):
            file.unlink()
