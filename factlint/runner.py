"""The pipeline: read → parse → extract → check (per document, in parallel) → check corpus → report.

Phase 1 runs one task per document, in a process pool when there are many, and each task
returns plain picklable results. Phase 2 runs in the main process: the corpus-wide rules over
every document's summary, then suppression, severity overrides and sorting, so the output is
the same byte for byte whatever ``--jobs`` is.

With the result cache (:mod:`factlint.cache`), the main process first reads it for every file
(unless it is empty: a first run), and only the files that missed it go to phase 1; when no
file changed since the last run over the same files, phase 2 reuses that run's corpus findings,
and no summary is read at all. Workers never touch the cache: they return each result with its
summary encoded, and the main process stores those bytes as they are.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import fnmatch
import gc
import hashlib
import json
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import regex

from factlint import store as store_module
from factlint import suppress
from factlint.builtin import internal_error
from factlint.cache import ResultCache, RunRecord, encode_tail
from factlint.config import CORE_KEYS, Config
from factlint.document import Document
from factlint.model import Claim, Diagnostic, DocumentSummary, MetaValue, Severity
from factlint.pluginmanager import DocumentTimeout, PluginManager
from factlint.read import DecodeError, decode, read_bytes
from factlint.rules import Rule, RuleContext
from factlint.store import ClaimStore, IndexStats, fingerprint

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
PARALLEL_THRESHOLD = 16  # fewer documents than this are checked in the main process
# Container allocations (net) between young-generation collections during a run; Python's
# default is 700. A run makes millions of short-lived containers and almost no cycles (about a
# thousand objects over the 2,886-article corpus), so frequent collections only cost time.
GC_YOUNG_THRESHOLD = 10_000
STDIN = "-"
_CJK = regex.compile(r"[\u4e00-\u9fff]")


@contextlib.contextmanager
def _batch_collector() -> Iterator[None]:
    """The cyclic garbage collector set for a batch run, and set back afterwards.

    What exists when the run starts (modules, compiled patterns, the plugins' tables) lives
    as long as the process: frozen, it is no longer traversed by every full collection, and
    forked workers share its memory pages instead of copying them when the collector would
    have written to them. Young collections run less often (``GC_YOUNG_THRESHOLD``).
    """
    if not gc.isenabled():
        yield
        return
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@dataclass
class FileResult:
    """What phase 1 returns for one document (picklable)."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: DocumentSummary | None = None
    suppressions: suppress.Suppressions = field(default_factory=suppress.Suppressions)
    digest: str = ""
    # Read from the cache: the summary (mostly claims, most of the entry) is left there until
    # the corpus rules need it, which a run with nothing changed does not.
    summary_in_cache: bool = False


@dataclass
class RunResult:
    files: int
    diagnostics: list[Diagnostic]
    rules: list[type[Rule]]
    fixed: int = 0
    load_summaries: Callable[[], list[DocumentSummary]] = field(default=list, repr=False)

    @property
    def summaries(self) -> list[DocumentSummary]:
        """Every checked document's summary, as the corpus rules see it (decoded on first use)."""
        return self.load_summaries()

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
        # Claims go into the summaries only when something reads them after phase 1: the claims
        # some enabled corpus rule reads (Rule.reads_claim), or every claim with keep_claims (the
        # claim store, `factlint claims`). The cache needs no key of its own for this choice: the
        # enabled rules and their settings follow from the config and plugins it is keyed by.
        self.keep_claims = False

    # -- phase 1: one document -------------------------------------------------------------------

    def check_path(self, path: str, *, lookup: bool = True, remember: bool = True) -> FileResult:
        """Phase 1 for one file; ``lookup=False`` skips reading the cache, ``remember=False``
        writing to it (a worker: the main process stores what the workers return)."""
        try:
            data = read_bytes(path)
        except OSError as exc:
            return self._unreadable(path, f"cannot read file: {exc.strerror or exc}")
        except DecodeError as exc:
            return self._unreadable(path, str(exc))
        return self.check_bytes(path, data, lookup=lookup, remember=remember)

    def check_bytes(self, path: str, data: bytes, *, lookup: bool = True, remember: bool = True) -> FileResult:
        digest = hashlib.sha256(data).hexdigest()
        if lookup and self.cache is not None and (head := self.cache.get(path, digest)) is not None:
            with contextlib.suppress(KeyError):  # the entry went away since: check the text
                result = self._from_cache(path, digest, head)
                result.summary, result.summary_in_cache = self.cache.get_tail(path, digest), False
                return result
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
        if remember:
            self._remember(result)
        return result

    def _remember(self, result: FileResult, tail: bytes | None = None) -> None:
        """Put a checked file's result in the cache (``tail``: its summary, encoded already)."""
        if self.cache is not None and result.digest and not _failed(result):
            encoded = tail if tail is not None else encode_tail(result.summary)
            self.cache.put(result.path, result.digest, _head(result), encoded)

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
        kept = self._kept(claims)
        summary = DocumentSummary(path, dict(doc.metadata), kept, lang)
        return FileResult(path, [d for d in diags if self._wanted(d)], summary, sup)

    def _kept(self, claims: Iterable[Claim]) -> tuple[Claim, ...]:
        """The claims of a document that its summary keeps for phase 2."""
        if self.keep_claims:
            return tuple(claims)
        readers = [r for r in self.rules if r.scope == "corpus"]
        if not readers:
            return ()
        return tuple(c for c in claims if any(_reads(r, c) for r in readers))

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

    # -- the cache ---------------------------------------------------------------------------------

    def _cached(self, path: str) -> FileResult | None:
        """The cached result for the file as it is now, its summary left in the cache; None for
        a miss and for a file that cannot be read, which checking the file reports."""
        assert self.cache is not None
        try:
            data = read_bytes(path)
        except (OSError, DecodeError):
            return None
        digest = hashlib.sha256(data).hexdigest()
        head = self.cache.get(path, digest)
        return None if head is None else self._from_cache(path, digest, head)

    @staticmethod
    def _from_cache(path: str, digest: str, head: _Head) -> FileResult:
        diagnostics, directives = head
        sup = suppress.Suppressions(list(directives))
        return FileResult(path, list(diagnostics), None, sup, digest, summary_in_cache=True)

    def _load_summaries(self, results: list[FileResult]) -> list[DocumentSummary]:
        """Every document's summary, decoding those left in the cache (in place)."""
        for index, result in enumerate(results):
            if result.summary_in_cache:
                assert self.cache is not None
                try:
                    summary = self.cache.get_tail(result.path, result.digest)
                except KeyError:  # the entry is gone (or was corrupt): check the file again
                    results[index] = self.check_path(result.path, lookup=False)
                else:
                    results[index] = dataclasses.replace(result, summary=summary, summary_in_cache=False)
        if self.cache is not None:
            self.cache.flush()  # the entries of files checked again
        return [r.summary for r in results if r.summary is not None]

    def _save_run(
        self, names: list[str], results: list[FileResult], record: RunRecord | None, corpus: list[Diagnostic] | None
    ) -> None:
        """Record this run for the next one over the same files, unless it would learn nothing.
        Called before phase 2 marks directives used and adds the corpus findings to results."""
        assert self.cache is not None
        digests = [r.digest for r in results]
        heads = [_head(r) if r.digest and not _failed(r) else None for r in results]
        if record is not None and record.digests == digests:
            if corpus is None:
                corpus = record.extra  # e.g. with --db: the recorded findings still hold for these files
            same_heads = [h is None for h in record.heads] == [h is None for h in heads]
            if same_heads and (record.extra is None) == (corpus is None):
                return
        self.cache.save_run(names, RunRecord(digests, heads, corpus))

    # -- the whole run -----------------------------------------------------------------------------

    @_batch_collector()
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
        names = [*missing, *(name for name, _ in sources), *files]
        record = self.cache.load_run(names) if self.cache is not None else None
        results: list[FileResult] = [self._unreadable(p, "no such file or folder") for p in missing]
        results.extend(self.check_bytes(name, data) for name, data in sources)
        results.extend(self._check_files(files, jobs, progress))
        corpus: list[Diagnostic] = []
        reusable: list[Diagnostic] | None = None
        if any(r.scope == "corpus" for r in self.rules):
            corpus, reusable = self._corpus_findings(results, record, files, store)
        if self.cache is not None:
            self._save_run(names, results, record, reusable)
            self.cache.flush()
            self.cache.prune()
        diagnostics = self._finish(results, corpus)
        if report_only is not None:
            wanted = {os.path.realpath(p) for p in report_only}
            diagnostics = [d for d in diagnostics if os.path.realpath(d.path) in wanted]
        fixed = 0
        if fix:
            on_disk = set(files)
            diagnostics, fixed = apply_fixes(diagnostics, {r.path: r.digest for r in results if r.path in on_disk})
        return RunResult(
            len(results), diagnostics, [type(r) for r in self.rules], fixed, lambda: self._load_summaries(results)
        )

    def _corpus_findings(
        self, results: list[FileResult], record: RunRecord | None, files: list[str], store: ClaimStore | None
    ) -> tuple[list[Diagnostic], list[Diagnostic] | None]:
        """The corpus rules' findings, and the same if a later run may reuse them (else None).

        They are the record's when every file is as recorded: each summary is fixed by its
        file's path and content hash (and the fingerprint) unless a plugin failed on the file
        (FL002 results are never cached). Otherwise the rules run over the summaries, with a
        ``store`` also over the stored claims related to them (which no record covers).
        """
        reusable = store is None and not any(_failed(r) for r in results)
        if (
            reusable
            and record is not None
            and record.extra is not None
            and record.digests == [r.digest for r in results]
        ):
            recorded: list[Diagnostic] = record.extra
            return recorded, recorded
        context = self._load_summaries(results)
        if store is not None:
            keys = {(c.subject, c.metric) for s in context for c in s.claims if c.subject and c.metric}
            context.extend(store.related(keys, exclude={str(Path(f).resolve()) for f in files}))
        found = self.check_corpus(context)
        # Loading the summaries may have checked a file again, which may have failed this time.
        reusable = reusable and not any(_failed(r) for r in results) and not any(d.code == "FL002" for d in found)
        return found, found if reusable else None

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
        """What the stored results depend on besides the file: versions and the effective config,
        with the content of the files plugin settings name."""
        from factlint import __version__

        plugins = sorted(f"{i.name}={i.version}" for i in self.pm.plugin_infos())
        config = json.dumps(self.config.values, sort_keys=True, default=str)
        return fingerprint([__version__, *plugins, config, *_named_files(self.config), *_source_stamps(self.pm)])

    def _check_files(
        self, files: list[str], jobs: int, progress: Callable[[int, int], None] | None
    ) -> Iterator[FileResult]:
        """Phase 1 for ``files``, streamed in order. The main process reads the cache first, so
        only the files that missed it go to the workers: a run with nothing changed starts none."""
        cached: list[FileResult | None] = [None] * len(files)
        if self.cache is not None and self.cache.is_empty():
            self.cache.misses += len(files)  # a first run: the workers start without a pass over the files
        elif self.cache is not None:
            cached = [self._cached(path) for path in files]
        computed = self._compute([path for path, hit in zip(files, cached, strict=True) if hit is None], jobs)
        for done, hit in enumerate(cached, 1):
            result = hit if hit is not None else next(computed)
            if progress:
                progress(done, len(files))
            yield result

    def _compute(self, files: list[str], jobs: int) -> Iterator[FileResult]:
        import multiprocessing  # here: a run with nothing to check does not need it

        done = 0
        if jobs > 1 and len(files) >= PARALLEL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods():
            try:
                for result in self._parallel(files, jobs):
                    done += 1
                    yield result
                return
            except (OSError, RuntimeError) as exc:  # no pool, or a worker died: go on serially
                print(f"factlint: parallel run failed ({exc}); checking the rest serially", file=sys.stderr)
        for path in files[done:]:
            yield self.check_path(path, lookup=False)  # _check_files read the cache

    def _parallel(self, files: list[str], jobs: int) -> Iterator[FileResult]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_SESSION  # noqa: PLW0603 - forked workers inherit the session through it
        _WORKER_SESSION = self  # inherited by the forked workers
        chunk = max(1, min(32, len(files) // (jobs * 8)))
        ctx = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                # streamed: an archive's results are never all in memory at once
                for result, tail in pool.map(_worker_check, files, chunksize=chunk):
                    if tail is not None:
                        result.summary = pickle.loads(tail)
                    self._remember(result, tail)
                    yield result
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

    def _finish(self, results: list[FileResult], corpus: list[Diagnostic]) -> list[Diagnostic]:
        by_path: dict[str, FileResult] = {r.path: r for r in results}
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

# What every cache hit reads of a file's entry: its findings and its suppression directives.
_Head = tuple[list[Diagnostic], list[suppress.Directive]]


def _head(result: FileResult) -> _Head:
    return (result.diagnostics, result.suppressions.directives)


def _reads(rule: Rule, claim: Claim) -> bool:
    """``rule.reads_claim(claim)``; a rule that fails to say is given the claim (its failure, if
    it is one, shows when its check_corpus runs)."""
    try:
        return rule.reads_claim(claim)
    except Exception:
        return True


def _failed(result: FileResult) -> bool:
    """A plugin failed on the document: such a result is never cached (it may not fail again)."""
    return any(d.code == "FL002" for d in result.diagnostics)


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


def _named_files(config: Config) -> list[str]:
    """The content hash of every file a plugin setting names (a facts ledger, a list of entity
    aliases): the results depend on those files as on the settings. Core settings are left out:
    no check reads them, and ``db`` names a file that every ``factlint index`` changes."""
    core = {key.name for key in CORE_KEYS}
    stamps: list[str] = []
    for key, value in sorted(config.values.items()):
        if key in core:
            continue
        for name in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            if not isinstance(name, str) or not name:
                continue
            path = config.root / name
            try:
                data = path.read_bytes() if path.is_file() else None
            except (OSError, ValueError):  # a name the system refuses: no file either
                data = None
            if data is not None:
                stamps.append(f"{key}={name}:{hashlib.sha256(data).hexdigest()}")
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


def _worker_check(path: str) -> tuple[FileResult, bytes | None]:
    """One file's result, its summary encoded apart: the main process stores those bytes in the
    cache as they are and decodes them once, so a worker encodes a summary once, not twice."""
    assert _WORKER_SESSION is not None
    try:
        # the main process read the cache, and writes to it
        result = _WORKER_SESSION.check_path(path, lookup=False, remember=False)
    except Exception as exc:  # never lose the rest of the run to one document
        return FileResult(path, [internal_error(path, "factlint", exc, "runner")]), None
    tail = encode_tail(result.summary)
    result.summary = None
    return result, tail


def _language(doc: Document) -> str:
    """ "zh" when the first 4,000 characters of the body hold more than 20 Chinese characters."""
    start = doc.front_matter_end
    return "zh" if sum(1 for _ in islice(_CJK.finditer(doc.text, start, start + 4000), 21)) > 20 else "en"


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
        if not exclude:
            return False  # without resolving the path, which costs more than the rest of the walk
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
