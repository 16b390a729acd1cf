"""The pipeline: read → parse → extract → check (per document, in parallel) → check corpus → report.

Phase 1 runs one task per document, in a process pool when there are many, and each task
returns plain picklable results. Phase 2 runs in the main process: the corpus-wide rules over
every document's summary, then suppression, severity overrides and sorting, so the output is
the same byte for byte whatever ``--jobs`` is.
"""

from __future__ import annotations

import bisect
import dataclasses
import fnmatch
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import regex

from factlint import store as store_module
from factlint import suppress
from factlint.builtin import internal_error
from factlint.cache import ResultCache
from factlint.config import Config
from factlint.document import Document
from factlint.model import Claim, Diagnostic, DocumentSummary, MetaValue, Severity
from factlint.pluginmanager import DocumentTimeout, PluginManager
from factlint.read import DecodeError, decode, read_bytes
from factlint.rules import Rule, RuleContext
from factlint.store import ClaimStore, IndexStats, fingerprint

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
PARALLEL_THRESHOLD = 16  # fewer documents than this are checked in the main process
STDIN = "-"
_CJK = regex.compile(r"[\u4e00-\u9fff]")


@dataclass
class FileResult:
    """What phase 1 returns for one document (picklable)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: DocumentSummary | None = None
    suppressions: suppress.Suppressions = field(default_factory=suppress.Suppressions)
    digest: str = ""


@dataclass
class RunResult:
    files: int
    diagnostics: list[Diagnostic]
    rules: list[type[Rule]]
    fixed: int = 0
    summaries: list[DocumentSummary] = field(default_factory=list)

    def count(self, at_least: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity >= at_least)


class Session:
    """A configured run: the plugin manager, the config and the enabled rule instances."""

    def __init__(self, pm: PluginManager, config: Config, *, cache: ResultCache | None = None) -> None:
        self.pm = pm
        self.config = config
        self.cache = cache
        self.timeout = float(config.get("timeout", 0) or 0)
        registry = pm.collect_rules()
        select = config.get("select", [])
        ignore = config.get("ignore", [])
        extend = config.get("extend-select", [])
        self.rules: list[Rule] = [
            rule(config.rule_settings(rule), config.rule_severity(rule))
            for rule in registry
            if registry.is_enabled(rule, select, ignore, extend)
        ]
        self.enabled_codes = frozenset(r.code for r in self.rules)
        self.narrowed = bool(select)
        # Claims go into the summaries only when something reads them after phase 1.
        self.keep_claims = any(r.scope == "corpus" for r in self.rules)

    # -- phase 1: one document -------------------------------------------------------------------

    def check_path(self, path: str) -> FileResult:
        try:
            data = read_bytes(path)
        except OSError as exc:
            return self._unreadable(path, f"cannot read file: {exc.strerror or exc}")
        except DecodeError as exc:
            return self._unreadable(path, str(exc))
        return self.check_bytes(path, data)

    def check_bytes(self, path: str, data: bytes) -> FileResult:
        digest = hashlib.sha256(data).hexdigest()
        if self.cache is not None and (cached := self.cache.get(path, digest)) is not None:
            return cached
        try:
            decoded = decode(data)
        except DecodeError as exc:
            return self._unreadable(path, str(exc))
        try:
            result = _with_deadline(self.timeout, lambda: self.check_text(path, decoded.text, decoded.encoding))
        except DocumentTimeout as exc:
            return FileResult(path, [_timeout_error(path, self.timeout, exc.plugin)], digest=digest)
        result.digest = digest
        if decoded.warning and "FL001" in self.enabled_codes:
            result.diagnostics.append(self._fl001(path, decoded.warning, Severity.WARNING))
        if self.cache is not None and not any(d.code == "FL002" for d in result.diagnostics):
            self.cache.put(path, digest, result)
        return result

    def _fl001(self, path: str, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
        return Diagnostic(path, 1, 1, 1, 1, "FL001", "unreadable-file", severity, message, "factlint.builtin")

    def _unreadable(self, path: str, message: str) -> FileResult:
        diags = [self._fl001(path, message)] if "FL001" in self.enabled_codes else []
        return FileResult(path, diags)

    def check_text(self, path: str, text: str, encoding: str = "utf-8") -> FileResult:
        """Parse, gather metadata, extract claims and run the document rules on one text."""
        diags: list[Diagnostic] = []
        doc = self._parse(path, text, encoding, diags)
        if doc is None:
            return FileResult(path, diags)
        self._metadata(doc, diags)
        # Extracted on first use: a run with no rule that reads claims never pays for them.
        claims = LazyClaims(lambda: self._claims(doc, diags))
        ctx = RuleContext(self.config, claims, {"rules": self.rules})
        for plugin, found, error in self.pm.call_each("factlint_check_document", document=doc, claims=claims, ctx=ctx):
            if error is not None:
                diags.append(internal_error(path, plugin, error, "check_document"))
            elif found:
                diags.extend(found)
        sup = suppress.parse(doc.text, doc.line_starts, doc.span, doc.front_matter)
        lang = _language(doc)
        kept = tuple(claims) if self.keep_claims else ()
        summary = DocumentSummary(path, dict(doc.metadata), kept, lang)
        return FileResult(path, [d for d in diags if self._wanted(d)], summary, sup)

    def _wanted(self, diag: Diagnostic) -> bool:
        return diag.code in self.enabled_codes or diag.code == "FL002"

    def _parse(self, path: str, text: str, encoding: str, diags: list[Diagnostic]) -> Document | None:
        for plugin, doc, error in self.pm.call_each(
            "factlint_parse_document", path=path, text=text, encoding=encoding, config=self.config
        ):
            if error is not None:
                diags.append(internal_error(path, plugin, error, "parse_document"))
            elif doc is not None:
                return doc
        return None

    def _metadata(self, doc: Document, diags: list[Diagnostic]) -> None:
        merged: dict[str, MetaValue] = {}
        for plugin, found, error in self.pm.call_each("factlint_document_metadata", document=doc, config=self.config):
            if error is not None:
                diags.append(internal_error(doc.path, plugin, error, "document_metadata"))
            elif found:
                for key, value in found.items():
                    merged.setdefault(key, value)
        doc.metadata = merged

    def _claims(self, doc: Document, diags: list[Diagnostic]) -> list[Claim]:
        claims: list[Claim] = []
        for plugin, found, error in self.pm.call_each("factlint_extract_claims", document=doc, config=self.config):
            if error is not None:
                diags.append(internal_error(doc.path, plugin, error, "extract_claims"))
            elif found:
                claims.extend(found)
        starts: Sequence[int] = ()
        for plugin, found, error in self.pm.call_each("factlint_source_segments", document=doc):
            if error is not None:
                diags.append(internal_error(doc.path, plugin, error, "source_segments"))
            elif found:
                starts = sorted(found)
                break
        if starts:
            claims = [dataclasses.replace(c, segment=bisect.bisect_right(starts, c.span.start)) for c in claims]
        return claims

    # -- the whole run -----------------------------------------------------------------------------

    def run(
        self,
        paths: Sequence[str],
        *,
        jobs: int = 1,
        sources: Sequence[tuple[str, bytes]] = (),
        fix: bool = False,
        progress: Callable[[int, int], None] | None = None,
        store: ClaimStore | None = None,
        report_only: Iterable[str] | None = None,
    ) -> RunResult:
        """Check the files under ``paths`` plus in-memory ``sources`` ((name, bytes): stdin).

        With a ``store``, the corpus rules also see the stored claims that share a subject and
        metric with the checked documents. With ``report_only``, findings are kept only for
        those files (the others are still read, so cross-document rules compare against them).
        """
        files, missing = collect_files(paths, self.config)
        results: list[FileResult] = [self._unreadable(p, "no such file or folder") for p in missing]
        results.extend(self.check_bytes(name, data) for name, data in sources)
        results.extend(self._check_files(files, jobs, progress))
        summaries = [r.summary for r in results if r.summary is not None]
        context = list(summaries)
        if store is not None:
            keys = {(c.subject, c.metric) for s in summaries for c in s.claims if c.subject and c.metric}
            context.extend(store.related(keys, exclude={str(Path(f).resolve()) for f in files}))
        diagnostics = self._finish(results, context)
        if report_only is not None:
            wanted = {os.path.realpath(p) for p in report_only}
            diagnostics = [d for d in diagnostics if os.path.realpath(d.path) in wanted]
        fixed = 0
        if fix:
            on_disk = set(files)
            diagnostics, fixed = apply_fixes(diagnostics, {r.path: r.digest for r in results if r.path in on_disk})
        return RunResult(len(results), diagnostics, [type(r) for r in self.rules], fixed, summaries)

    def index(
        self,
        paths: Sequence[str],
        store: ClaimStore,
        *,
        jobs: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> IndexStats:
        """Bring the store up to date with the files under ``paths`` (incremental)."""
        stats = IndexStats()
        files, _missing = collect_files(paths, self.config)
        known = store.known()
        fp = self.fingerprint()
        todo: list[tuple[str, str, os.stat_result]] = []  # (display path, resolved, stat)
        seen: set[str] = set()
        for path in files:
            resolved = str(Path(path).resolve())
            seen.add(resolved)
            try:
                st = os.stat(path)
            except OSError:
                continue
            old = known.get(resolved)
            if old is not None and old[3] == fp and (old[1], old[2]) == (st.st_size, st.st_mtime_ns):
                stats.unchanged += 1
            else:
                todo.append((path, resolved, st))
        saved = self.rules, self.cache, self.keep_claims
        # Indexing needs claims, not findings, and must not fill the cache with rule-less results.
        self.rules, self.cache, self.keep_claims = [], None, True
        entries: list[tuple[str, str, os.stat_result, str, DocumentSummary]] = []

        def queue(resolved: str, st: os.stat_result, result: FileResult) -> None:
            old = known.get(resolved)
            if old is not None and old[0] == result.digest and old[3] == fp:
                store.touch(resolved, st)  # touched, not changed
                stats.unchanged += 1
            elif result.summary is not None:
                stats.added += old is None
                stats.updated += old is not None
                entries.append((resolved, result.digest, st, fp, result.summary))
            if len(entries) >= store_module.BATCH:  # one transaction per batch; memory stays flat
                stats.claims += store.write(entries)
                entries.clear()

        try:
            checked = self._check_files([t[0] for t in todo], jobs, progress)
            for (_path, resolved, st), result in zip(todo, checked, strict=True):
                queue(resolved, st, result)
        finally:
            self.rules, self.cache, self.keep_claims = saved
        if entries:
            stats.claims += store.write(entries)
        roots = [str(Path(p).resolve()) for p in paths]
        gone = [
            p for p in known if p not in seen and any(p == r or p.startswith(r.rstrip(os.sep) + os.sep) for r in roots)
        ]
        stats.removed = store.remove(gone)
        return stats

    def fingerprint(self) -> str:
        """What the stored results depend on besides the file: versions and the effective config."""
        from factlint import __version__

        plugins = sorted(f"{i.name}={i.version}" for i in self.pm.plugin_infos())
        config = json.dumps(self.config.values, sort_keys=True, default=str)
        return fingerprint([__version__, *plugins, config, *_source_stamps(self.pm)])

    def _check_files(
        self, files: list[str], jobs: int, progress: Callable[[int, int], None] | None
    ) -> Iterator[FileResult]:
        total = len(files)
        done = 0
        if jobs > 1 and total >= PARALLEL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods():
            try:
                for result in self._parallel(files, jobs, progress):
                    done += 1
                    yield result
                return
            except (OSError, RuntimeError) as exc:  # no pool, or a worker died: go on serially
                print(f"factlint: parallel run failed ({exc}); checking the rest serially", file=sys.stderr)
        for path in files[done:]:
            done += 1
            yield self.check_path(path)
            if progress:
                progress(done, total)

    def _parallel(
        self, files: list[str], jobs: int, progress: Callable[[int, int], None] | None
    ) -> Iterator[FileResult]:
        global _WORKER_SESSION  # noqa: PLW0603 - forked workers inherit the session through it
        _WORKER_SESSION = self  # inherited by the forked workers
        chunk = max(1, min(32, len(files) // (jobs * 8)))
        ctx = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                for done, result in enumerate(pool.map(_worker_check, files, chunksize=chunk), 1):
                    if progress:
                        progress(done, len(files))
                    yield result  # streamed: an archive's results are never all in memory at once
        finally:
            _WORKER_SESSION = None

    # -- phase 2 -----------------------------------------------------------------------------------

    def check_corpus(self, summaries: Sequence[DocumentSummary]) -> list[Diagnostic]:
        ctx = RuleContext(self.config, (), {"rules": self.rules})
        out: list[Diagnostic] = []
        for plugin, found, error in self.pm.call_each("factlint_check_corpus", corpus=summaries, ctx=ctx):
            if error is not None:
                out.append(internal_error("<corpus>", plugin, error, "check_corpus"))
            elif found:
                out.extend(found)
        return [d for d in out if self._wanted(d)]

    def _finish(self, results: list[FileResult], summaries: list[DocumentSummary]) -> list[Diagnostic]:
        by_path: dict[str, FileResult] = {r.path: r for r in results}
        corpus = self.check_corpus(summaries) if any(r.scope == "corpus" for r in self.rules) else []
        for diag in corpus:
            target = by_path.get(diag.path)
            if target is None and diag.code == "FL002":  # a corpus rule that failed
                target = by_path.setdefault(diag.path, FileResult(diag.path))
            if target is not None:  # findings on stored documents (--db) are not this run's
                target.diagnostics.append(diag)
        configured = self.config.get("severity", {})
        overrides = {
            rule.code: self.config.rule_severity(rule)
            for rule in self.pm.collect_rules()
            if rule.code in configured or rule.name in configured
        }
        out: list[Diagnostic] = []
        for result in by_path.values():
            ignored = self.config.ignored_codes(result.path) if result.path != STDIN else []
            kept = [d for d in result.diagnostics if not any(d.code.startswith(c) for c in ignored)]
            kept = suppress.apply(kept, result.suppressions)
            kept.extend(self._unused_suppressions(result))
            for diag in kept:
                level = overrides.get(diag.code)
                out.append(diag if level is None else dataclasses.replace(diag, severity=level))
        return sorted(out)

    def _unused_suppressions(self, result: FileResult) -> list[Diagnostic]:
        if "FL003" not in self.enabled_codes:
            return []
        out = []
        for directive in suppress.unused(result.suppressions):
            if not directive.codes and self.narrowed:
                continue  # with --select, a bare directive may be meant for rules not run now
            if directive.codes and not all(
                any(code.startswith(c) for code in self.enabled_codes) for c in directive.codes
            ):
                continue  # it names a rule that did not run
            s = directive.span
            out.append(
                Diagnostic(
                    result.path,
                    s.line,
                    s.column,
                    s.end_line,
                    s.end_column,
                    "FL003",
                    "unused-suppression",
                    Severity.INFO,
                    f"suppression '{directive.label}' suppresses nothing",
                    "factlint.builtin",
                )
            )
        return out


_WORKER_SESSION: Session | None = None


class LazyClaims(Sequence[Claim]):
    """A document's claims, extracted by the plugins the first time anything reads them."""

    def __init__(self, extract: Callable[[], list[Claim]]) -> None:
        self._extract: Callable[[], list[Claim]] | None = extract
        self._claims: list[Claim] = []

    def _load(self) -> list[Claim]:
        if self._extract is not None:
            extract, self._extract = self._extract, None
            self._claims = extract()
        return self._claims

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._load()[index]

    def __len__(self) -> int:
        return len(self._load())

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._load())

    def __bool__(self) -> bool:
        return bool(self._load())


def _source_stamps(pm: PluginManager) -> list[str]:
    """Size and mtime of every source file of the loaded plugins' packages, so that editing a
    plugin (in a source checkout, where versions do not change) invalidates cached results."""
    stamps: list[str] = []
    folders: set[str] = set()
    for _name, plugin in pm.list_name_plugin():
        file = getattr(plugin, "__file__", None) or getattr(sys.modules.get(type(plugin).__module__), "__file__", None)
        if file:
            folders.add(os.path.dirname(os.path.abspath(file)))
    for folder in sorted(folders):
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".yaml", ".yml")):
                    st = os.stat(os.path.join(root, name))
                    stamps.append(f"{root}/{name}:{st.st_size}:{st.st_mtime_ns}")
    return stamps


def _with_deadline(seconds: float, func: Callable[[], FileResult]) -> FileResult:
    """Run ``func`` with a wall-clock limit (SIGALRM, in the main thread of a Unix process)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return func()

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return func()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout_error(path: str, seconds: float, plugin: str) -> Diagnostic:
    who = f"plugin {plugin!r}" if plugin else "checking this document"
    return Diagnostic(
        path, 1, 1, 1, 1, "FL002", "internal-error", Severity.ERROR,
        f"{who} ran past the per-document time limit ({seconds:g} s); the document's findings are incomplete."
        " Raise `timeout` in the config if the document is just large.",
        plugin or "factlint",
    )  # fmt: skip


def _worker_check(path: str) -> FileResult:
    assert _WORKER_SESSION is not None
    try:
        return _WORKER_SESSION.check_path(path)
    except Exception as exc:  # never lose the rest of the run to one document
        return FileResult(path, [internal_error(path, "factlint", exc, "runner")])


def _language(doc: Document) -> str:
    sample = doc.text[doc.front_matter_end : doc.front_matter_end + 4000]
    return "zh" if len(_CJK.findall(sample)) > 20 else "en"


# -- files ------------------------------------------------------------------------------------


def collect_files(paths: Sequence[str], config: Config) -> tuple[list[str], list[str]]:
    """Files to check, in a stable order, and the paths that do not exist.

    Folders are walked for the include globs (default *.md, *.markdown, *.txt); hidden
    folders and .git are skipped; symlinked folders are not followed (no loops).
    """
    include = tuple(config.get("include") or DEFAULT_INCLUDE)
    exclude = tuple(config.get("exclude") or ())
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()

    def excluded(path: str) -> bool:
        rel = config.relative(path)
        return any(_match(rel, pat) or _match(path, pat) for pat in exclude)

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen and not excluded(path):
            seen.add(key)
            files.append(path)

    for raw in paths:
        if raw == STDIN:
            continue
        if os.path.isdir(raw):
            for found in _walk(raw, include, excluded):
                add(found)
        elif os.path.lexists(raw):
            add(raw)
        else:
            missing.append(raw)
    return files, missing


def _walk(root: str, include: tuple[str, ...], excluded: Callable[[str], bool]) -> Iterator[str]:
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(folder, d)))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if any(fnmatch.fnmatch(name, pat) for pat in include):
                yield os.path.normpath(os.path.join(folder, name))


def _match(path: str, pattern: str) -> bool:
    from factlint.config import _glob_match

    return _glob_match(Path(path).as_posix(), pattern)


# -- fixes ------------------------------------------------------------------------------------


def apply_fixes(diagnostics: list[Diagnostic], digests: dict[str, str]) -> tuple[list[Diagnostic], int]:
    """Apply the safe fixes, atomically per file; return the diagnostics left and the count fixed.

    A file that changed since it was checked (another digest) is left alone.
    """
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        if diag.fix is not None and diag.fix.safe and diag.path in digests:
            by_path.setdefault(diag.path, []).append(diag)
    fixed_ids: set[int] = set()
    for path, diags in by_path.items():
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != digests.get(path):
            continue
        try:
            decoded = decode(data)
        except DecodeError:
            continue
        if decoded.warning:
            continue  # never rewrite a file that was decoded with repairs
        text, applied = _apply_edits(decoded.text, diags)
        if not applied:
            continue
        _atomic_write(path, text.encode(decoded.encoding))
        fixed_ids.update(id(d) for d in applied)
    remaining = [d for d in diagnostics if id(d) not in fixed_ids]
    return remaining, len(fixed_ids)


def _apply_edits(text: str, diags: Iterable[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    applied: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    edits = []
    for diag in diags:
        assert diag.fix is not None
        ranges = [(e.start, e.end) for e in diag.fix.edits]
        if any(a < e and s < b for a, b in ranges for s, e in taken):
            continue  # overlaps an edit already taken
        taken.extend(ranges)
        edits.extend(diag.fix.edits)
        applied.append(diag)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, applied


def _atomic_write(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".factlint-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
