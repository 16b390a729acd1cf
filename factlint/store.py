"""The claim store: an archive's claims in SQLite, so a new article is checked against the whole
archive without reading it again.

``factlint index PATHS`` fills it incrementally: a file whose content hash and fingerprint
(factlint and plugin versions, effective config) are unchanged is skipped, a deleted file leaves
the store. Each batch of files is one transaction, so a killed ``index`` leaves every file either
as it was or as it is now; the database runs in WAL mode, so readers never block on a writer.

``factlint check NEW.md --db STORE`` asks the store only for the claims that share a subject and
metric with the new article's claims (an indexed lookup), and hands them to the corpus rules as
extra document summaries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from factlint.model import Claim, DocumentSummary, MetaValue, Modality, Quantity, Span

SCHEMA_VERSION = 1
DEFAULT_DB = ".factlint/claims.db"
BATCH = 500
STORED_META = ("title", "published", "updated", "url", "author")


class StoreError(Exception):
    """The store cannot be used as asked (a newer schema, a corrupt file); exit 2."""


@dataclass
class IndexStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    claims: int = 0

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.removed} removed; {self.claims} claims written"
        )


_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute, resolved
    display TEXT NOT NULL,              -- as given when indexed
    digest TEXT NOT NULL,               -- sha256 of the bytes
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,          -- factlint + plugin versions + config
    lang TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}' -- JSON: title, published, url, author
);
CREATE TABLE IF NOT EXISTS claims (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    metric TEXT NOT NULL,
    period TEXT NOT NULL,
    modality TEXT NOT NULL,
    low TEXT, high TEXT, unit TEXT, approximate INTEGER, per TEXT, text_value TEXT,
    line INTEGER, col INTEGER, end_line INTEGER, end_col INTEGER, start INTEGER, "end" INTEGER,
    text TEXT NOT NULL,
    extractor TEXT NOT NULL,
    confidence REAL NOT NULL,
    segment INTEGER NOT NULL,
    raw TEXT NOT NULL DEFAULT '',       -- the figure as written ("$1.3B", "约 200 亿美元")
    single INTEGER NOT NULL DEFAULT 0   -- the metric takes one value per subject and period
);
CREATE INDEX IF NOT EXISTS claims_key ON claims(subject, metric);
CREATE INDEX IF NOT EXISTS claims_file ON claims(file_id);
"""


def fingerprint(parts: Iterable[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class ClaimStore:
    """A SQLite file of claims. Use as a context manager."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.is_file():
            raise StoreError(f"{self.path}: no claim store here (build one with `factlint index`)")
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._check_schema(readonly)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable claim store ({exc})") from None

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _check_schema(self, readonly: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the claim store has schema version {version}, written by a newer factlint; "
                f"this factlint reads version {SCHEMA_VERSION}. Upgrade factlint, or rebuild the store with "
                "`factlint index --rebuild`."
            )
        if readonly:
            if version < SCHEMA_VERSION:
                raise StoreError(f"{self.path}: the claim store is outdated (schema {version}); run `factlint index`")
            return
        self.db.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:  # derived data: an old layout is rebuilt, not migrated
            self.db.executescript("DROP TABLE IF EXISTS claims; DROP TABLE IF EXISTS files;")
        self.db.executescript(_SCHEMA)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- writing -------------------------------------------------------------------------------

    def known(self) -> dict[str, tuple[str, int, int, str]]:
        """path → (digest, size, mtime_ns, fingerprint) of every indexed file."""
        rows = self.db.execute("SELECT path, digest, size, mtime_ns, fingerprint FROM files")
        return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}

    def write(self, entries: Sequence[tuple[str, str, os.stat_result, str, DocumentSummary]]) -> int:
        """Replace the rows of these files, one transaction: (path, digest, stat, fingerprint, summary)."""
        count = 0
        with self._transaction():
            for path, digest, st, fp, summary in entries:
                self.db.execute("DELETE FROM files WHERE path = ?", (path,))
                cur = self.db.execute(
                    "INSERT INTO files (path, display, digest, size, mtime_ns, fingerprint, lang, metadata)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (path, summary.path, digest, st.st_size, st.st_mtime_ns, fp, summary.lang, _meta_json(summary)),
                )
                rows = [_claim_row(cur.lastrowid, c) for c in summary.claims if c.subject and c.metric]
                self.db.executemany(f"INSERT INTO claims VALUES ({', '.join('?' * 24)})", rows)
                count += len(rows)
        return count

    def touch(self, path: str, st: os.stat_result) -> None:
        """Record a new mtime for a file whose content did not change."""
        self.db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (st.st_size, st.st_mtime_ns, path))

    def remove(self, paths: Iterable[str]) -> int:
        removed = 0
        with self._transaction():
            for path in paths:
                removed += self.db.execute("DELETE FROM files WHERE path = ?", (path,)).rowcount
        return removed

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- reading -------------------------------------------------------------------------------

    def related(self, keys: Iterable[tuple[str, str]], exclude: Iterable[str] = ()) -> list[DocumentSummary]:
        """Summaries (with only the matching claims) of stored files that share a (subject, metric)."""
        wanted = sorted(set(keys))
        skip = set(exclude)
        by_file: dict[int, list[Claim]] = {}
        files: dict[int, tuple[str, str, str, str]] = {}
        for subject, metric in wanted:
            rows = self.db.execute(
                "SELECT c.*, f.path, f.display, f.lang, f.metadata FROM claims c JOIN files f ON f.id = c.file_id"
                " WHERE c.subject = ? AND c.metric = ?",
                (subject, metric),
            )
            for row in rows:
                file_id, path, display, lang, meta = row[0], row[24], row[25], row[26], row[27]
                if path in skip:
                    continue
                files[file_id] = (path, display, lang, meta)
                by_file.setdefault(file_id, []).append(_row_claim(row))
        return [
            DocumentSummary(files[fid][1], _meta_from_json(files[fid][3]), tuple(claims), files[fid][2])
            for fid, claims in sorted(by_file.items())
        ]

    def counts(self) -> tuple[int, int]:
        files = self.db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        claims = self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        return files, claims


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


# -- (de)serialisation ----------------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _claim_row(file_id: int | None, c: Claim) -> tuple[Any, ...]:
    q = c.value if isinstance(c.value, Quantity) else None
    text_value = None if q is not None or c.value is None else str(c.value)
    s = c.span
    return (
        file_id, c.kind, c.subject, c.metric, c.period, str(c.modality),
        _dec(q.low) if q else None, _dec(q.high) if q else None, q.unit if q else None,
        int(q.approximate) if q else None, q.per if q else None, text_value,
        s.line, s.column, s.end_line, s.end_column, s.start, s.end,
        c.text, c.extractor, c.confidence, c.segment, str(c.get("number", "") or ""),
        int(bool(c.get("single"))),
    )  # fmt: skip


def _row_claim(row: sqlite3.Row | tuple[Any, ...]) -> Claim:
    (_fid, kind, subject, metric, period, modality, low, high, unit, approx, per, text_value,
     line, col, end_line, end_col, start, end, text, extractor, confidence, segment,
     raw, single) = row[:24]  # fmt: skip
    value: Quantity | str | None
    value = Quantity(_undec(low), _undec(high), unit, bool(approx), per or "") if unit is not None else text_value
    try:
        mod = Modality(modality)
    except ValueError:
        mod = Modality.ACTUAL
    return Claim(
        kind=kind, subject=subject, metric=metric, value=value,
        span=Span(line, col, end_line, end_col, start, end), text=text, extractor=extractor,
        period=period, modality=mod, confidence=confidence, segment=segment,
        extra=(("number", raw), ("single", bool(single))),
    )  # fmt: skip


def _meta_json(summary: DocumentSummary) -> str:
    out = {}
    for key in STORED_META:
        meta = summary.metadata.get(key)
        if meta is None:
            continue
        value = meta.value
        if isinstance(value, dt.datetime | dt.date):
            value = {"date": value.isoformat()}
        elif not isinstance(value, str | int | float | bool):
            value = str(value)
        out[key] = {"value": value, "source": meta.source, "line": meta.span.line if meta.span else None}
    return json.dumps(out, ensure_ascii=False)


def _meta_from_json(text: str) -> dict[str, MetaValue]:
    out: dict[str, MetaValue] = {}
    for key, item in json.loads(text or "{}").items():
        value = item["value"]
        if isinstance(value, dict) and "date" in value:
            raw = value["date"]
            value = dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        line = item.get("line")
        span = Span(line, 1, line, 1) if line else None
        out[key] = MetaValue(value, f"store:{item['source']}", span)
    return out


def file_state(path: str) -> tuple[str, os.stat_result, bytes] | None:
    """(resolved path, stat, bytes) of a file, or None if it cannot be read."""
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return str(Path(path).resolve()), st, data
