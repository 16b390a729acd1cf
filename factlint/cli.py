"""The command line: ``factlint check|rules|explain|plugins|claims``.

Exit codes (yamllint's): 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 a usage, configuration or internal error (a plugin that failed on a document, FL002).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, TextIO

from factlint import __version__, baseline
from factlint.cache import DEFAULT_CACHE_DIR, ResultCache
from factlint.config import Config, ConfigError, OptionRegistry, as_list, load, raw_plugin_dirs
from factlint.formatters import FormatOptions
from factlint.pluginmanager import PluginError, PluginManager
from factlint.read import DecodeError, decode
from factlint.rules import Rule, RuleError
from factlint.runner import STDIN, Session
from factlint.store import DEFAULT_DB, ClaimStore, StoreError
from factlint.vcs import VcsError, changed_since

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 200


class UsageError(Exception):
    pass


def _bootstrap_parser() -> argparse.ArgumentParser:
    """Options that must be known before plugins load (they decide which plugins load)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    pre.add_argument("--no-config", action="store_true")
    pre.add_argument("-p", dest="plugin_opts", action="append", default=[])
    pre.add_argument("--plugins-dir", action="append", default=[])
    return pre


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("configuration and plugins")
    group.add_argument(
        "--config", metavar="FILE", help="config file (default: nearest .factlint.yaml or pyproject.toml)"
    )
    group.add_argument("--no-config", action="store_true", help="ignore config files")
    group.add_argument(
        "-p", dest="plugin_opts", action="append", default=[], metavar="no:NAME", help="block a plugin (-p no:NAME)"
    )
    group.add_argument("--plugins-dir", action="append", default=[], metavar="DIR", help="load *.py plugins from DIR")


def build_parser(options: OptionRegistry | None = None) -> tuple[argparse.ArgumentParser, OptionRegistry]:
    parser = argparse.ArgumentParser(
        prog="factlint", description="Fact-check and consistency linter for articles (Markdown and text, zh and en)."
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check articles (default: the current folder)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    out = check.add_argument_group("output")
    out.add_argument("--format", default="text", help="text (default), json, sarif, github, or a plugin's format")
    out.add_argument("--show-source", action="store_true", help="print the offending line under each finding")
    out.add_argument("--statistics", action="store_true", help="print the number of findings per code")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary or progress")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    sel = check.add_argument_group("rule selection")
    sel.add_argument("--select", action="append", metavar="CODES", help="run only these (codes, prefixes, names)")
    sel.add_argument("--ignore", action="append", metavar="CODES", help="do not run these")
    sel.add_argument("--extend-select", action="append", metavar="CODES", help="run these besides the default set")
    run = check.add_argument_group("run")
    run.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails (error)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    run.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: all cores)")
    run.add_argument("--include", action="append", metavar="GLOB", help="file globs to check in folders")
    run.add_argument("--exclude", action="append", metavar="GLOB", help="files or folders to skip")
    run.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input")
    run.add_argument("--fix", action="store_true", help="apply safe fixes to the files checked")
    run.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    run.add_argument("--cache-dir", metavar="DIR", help="the result cache (default .factlint/cache)")
    gate = check.add_argument_group("CI gates")
    gate.add_argument("--db", metavar="FILE", help="also compare with the claims of this store (factlint index)")
    gate.add_argument("--changed-since", metavar="REF", help="report only files changed since this git ref")
    gate.add_argument("--baseline", metavar="FILE", help="findings recorded in FILE do not fail the run")
    gate.add_argument("--write-baseline", metavar="FILE", help="record every finding in FILE and exit 0")
    _common(check)
    registry = options or OptionRegistry()
    registry._group = check.add_argument_group("plugin options")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    _common(rules)
    explain = sub.add_parser("explain", help="explain a rule, with an example")
    explain.add_argument("rule", metavar="CODE", help="a code (FL501) or name (draft)")
    _common(explain)
    plugins = sub.add_parser("plugins", help="list the loaded plugins, their versions, hooks and rules")
    _common(plugins)
    index = sub.add_parser("index", help="extract an archive's claims into the claim store (incremental)")
    index.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: config paths or .)")
    index.add_argument("--db", metavar="FILE", help=f"the store (default: {DEFAULT_DB})")
    index.add_argument("--rebuild", action="store_true", help="start the store afresh")
    index.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: all cores)")
    index.add_argument("-q", "--quiet", action="store_true")
    _common(index)
    claims = sub.add_parser("claims", help="print the claims extracted from articles")
    claims.add_argument("paths", nargs="+", metavar="PATH")
    claims.add_argument("--format", choices=["table", "json"], default="table")
    claims.add_argument("--kind", help="only claims of this kind (quantity, date, quote)")
    _common(claims)
    return parser, registry


def _load_plugins(argv: Sequence[str]) -> PluginManager:
    known, _ = _bootstrap_parser().parse_known_args(argv)
    blocked = tuple(p[3:] for p in known.plugin_opts if p.startswith("no:"))
    config_dirs, _found = raw_plugin_dirs(known.config, known.no_config)
    pm = PluginManager()
    pm.load_all(blocked=blocked, plugin_dirs=(*known.plugins_dir, *config_dirs))
    for failure in pm.failures:
        print(f"factlint: warning: plugin {failure.name} failed to load: {failure.error}", file=sys.stderr)
    return pm


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except (ConfigError, PluginError, RuleError, UsageError, baseline.BaselineError) as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("factlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _main(argv: list[str]) -> int:
    if argv and argv[0] in ("--version", "-V"):
        print(f"factlint {__version__}")
        return EXIT_OK
    pm = _load_plugins(argv)
    parser, options = build_parser()
    pm.hook.factlint_addoption.call_historic(kwargs={"options": options})
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    loaded_failures = len(pm.failures)
    registry = pm.collect_rules()
    for failure in pm.failures[loaded_failures:]:
        print(f"factlint: warning: plugin {failure.name}: {failure.error}", file=sys.stderr)
    if args.command == "rules":
        return _cmd_rules(pm, args.format, sys.stdout)
    if args.command == "explain":
        return _cmd_explain(registry.get(args.rule), sys.stdout)
    if args.command == "plugins":
        return _cmd_plugins(pm, sys.stdout)
    overrides: dict[str, Any] = {}
    if args.command == "check":
        overrides = {
            "select": as_list(args.select) or None,
            "ignore": as_list(args.ignore) or None,
            "extend-select": as_list(args.extend_select) or None,
            "fail-on": args.fail_on,
            "include": as_list(args.include) or None,
            "exclude": as_list(args.exclude) or None,
        }
    config = load(path=args.config, no_config=args.no_config, keys=options.keys, registry=registry, overrides=overrides)
    config.cli = args
    pm.hook.factlint_configure.call_historic(kwargs={"config": config})
    if args.command == "claims":
        return _cmd_claims(pm, config, args)
    if args.command == "index":
        return _cmd_index(pm, config, args)
    return _cmd_check(pm, config, args)


# -- check --------------------------------------------------------------------------------------


def _cmd_check(pm: PluginManager, config: Config, args: argparse.Namespace) -> int:
    formatters = pm.collect_formatters()
    if args.format not in formatters:
        raise UsageError(f"unknown format {args.format!r} (available: {', '.join(sorted(formatters))})")
    paths = args.paths or config.get("paths") or ["."]
    stdin_bytes = sys.stdin.buffer.read() if STDIN in paths else None
    session = Session(pm, config)
    if not args.no_cache and not args.fix:
        folder = args.cache_dir or str(config.root / (config.get("cache-dir") or DEFAULT_CACHE_DIR))
        session.cache = ResultCache(folder, session.fingerprint())
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    report_only = None
    if args.changed_since:
        try:
            report_only = changed_since(args.changed_since)
        except VcsError as exc:
            raise UsageError(f"--changed-since: {exc}") from None
    store = _open_store(args.db, readonly=True) if args.db else None
    entries = baseline.load(args.baseline) if args.baseline else None
    out: TextIO = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout  # noqa: SIM115
    progress = None
    if not args.quiet and sys.stderr.isatty() and args.format == "text":
        progress = _progress_bar()
    try:
        result = session.run(
            paths,
            jobs=jobs,
            sources=[(args.stdin_filename or STDIN, stdin_bytes)] if stdin_bytes is not None else [],
            fix=args.fix,
            progress=progress,
            store=store,
            report_only=report_only,
        )
        if progress is not None:
            sys.stderr.write("\r\033[K")
        lines = _source_reader(stdin_bytes, args.stdin_filename or STDIN)
        if args.write_baseline:
            count = baseline.write(args.write_baseline, result.diagnostics, lines)
            print(f"factlint: wrote {count} findings to {args.write_baseline}", file=sys.stderr)
            return EXIT_OK
        if entries is not None:
            result.diagnostics = baseline.apply(result.diagnostics, entries, lines, args.baseline)
        color = out.isatty() and not os.environ.get("NO_COLOR")
        fmt = FormatOptions(
            color=color,
            show_source=args.show_source,
            statistics=args.statistics,
            quiet=args.quiet,
            source_lines=lines,
        )
        formatters[args.format](out, fmt).render(result)
    finally:
        if out is not sys.stdout:
            out.close()
        if store is not None:
            store.close()
    if any(d.code == "FL002" for d in result.diagnostics):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if result.count(config.fail_on) else EXIT_OK


def _progress_bar() -> Any:
    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES or (done % 25 and done != total):
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()

    return show


def _source_reader(stdin_bytes: bytes | None, stdin_name: str) -> Any:
    @lru_cache(maxsize=64)
    def lines(path: str) -> list[str]:
        try:
            data = stdin_bytes if (path == stdin_name and stdin_bytes is not None) else open(path, "rb").read()  # noqa: SIM115
            return decode(data or b"").text.split("\n")
        except (OSError, DecodeError):
            return []

    def line(path: str, number: int) -> str | None:
        text = lines(path)
        return text[number - 1].rstrip("\r") if 0 < number <= len(text) else None

    return line


# -- rules, explain, plugins, claims ------------------------------------------------------------


def rules_table(rules: Sequence[type[Rule]]) -> str:
    """The rule table in Markdown (the README's copy is checked against this)."""
    rows = ["| Code | Name | Severity | Default | Summary |", "| --- | --- | --- | --- | --- |"]
    for r in rules:
        rows.append(f"| {r.code} | `{r.name}` | {r.severity} | {'on' if r.enabled else 'off'} | {r.summary} |")
    return "\n".join(rows) + "\n"


def _cmd_rules(pm: PluginManager, fmt: str, out: TextIO) -> int:
    rules = list(pm.collect_rules())
    if fmt == "markdown":
        out.write(rules_table(rules))
    elif fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": str(r.severity),
                "enabled": r.enabled,
                "scope": r.scope,
                "plugin": r.plugin,
                "summary": r.summary,
                "options": [
                    {"name": o.name, "type": o.type.__name__, "default": o.default, "help": o.help} for o in r.options
                ],
            }
            for r in rules
        ]
        json.dump(data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    else:
        for r in rules:
            state = "on " if r.enabled else "off"
            out.write(f"{r.code}  {r.name:<28} {r.severity!s:<8} {state}  {r.summary}\n")
    return EXIT_OK


def _cmd_explain(rule: type[Rule], out: TextIO) -> int:
    out.write(f"{rule.code} {rule.name} ({rule.family or 'general'}, {rule.severity}, ")
    out.write(f"{'on' if rule.enabled else 'off'} by default; plugin {rule.plugin})\n\n{rule.summary}\n\n")
    out.write(rule.explanation() + "\n")
    if rule.options:
        out.write("\nOptions:\n")
        for o in rule.options:
            out.write(f"  {o.name} ({o.type.__name__}, default {o.default!r}): {o.help}\n")
    return EXIT_OK


def _cmd_plugins(pm: PluginManager, out: TextIO) -> int:
    for info in pm.plugin_infos():
        version = f" {info.version}" if info.version else ""
        out.write(f"{info.name}{version}\n")
        out.write(f"  hooks: {', '.join(h.removeprefix('factlint_') for h in info.hooks)}\n")
        if info.rules:
            out.write(f"  rules: {', '.join(info.rules)}\n")
    for failure in pm.failures:
        out.write(f"{failure.name} FAILED TO LOAD: {failure.error}\n")
    return EXIT_OK


def _open_store(path: str, *, readonly: bool) -> ClaimStore:
    try:
        return ClaimStore(path, readonly=readonly)
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def _cmd_index(pm: PluginManager, config: Config, args: argparse.Namespace) -> int:
    db = args.db or config.get("db") or DEFAULT_DB
    if args.rebuild and os.path.exists(db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    session = Session(pm, config)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    paths = args.paths or config.get("paths") or ["."]
    progress = _progress_bar() if not args.quiet and sys.stderr.isatty() else None
    with _open_store(db, readonly=False) as store:
        stats = session.index(paths, store, jobs=jobs, progress=progress)
        files, claims = store.counts()
    if progress is not None:
        sys.stderr.write("\r\033[K")
    if not args.quiet:
        print(f"{db}: {stats}; the store holds {files} files and {claims} claims")
    return EXIT_OK


def _cmd_claims(pm: PluginManager, config: Config, args: argparse.Namespace) -> int:
    session = Session(pm, config)
    session.rules, session.keep_claims = [], True
    from factlint.runner import collect_files

    files, missing = collect_files(args.paths, config)
    for path in missing:
        print(f"factlint: {path}: no such file or folder", file=sys.stderr)
    rows: list[dict[str, Any]] = []
    for path in files:
        result = session.check_path(path)
        if result.summary is None:
            continue
        for c in result.summary.claims:
            if args.kind and c.kind != args.kind:
                continue
            value = c.value
            if hasattr(value, "low"):
                lo, hi = value.low, value.high
                shown = f"{lo}" if lo == hi else f"[{lo if lo is not None else ''}, {hi if hi is not None else ''}]"
                value = f"{shown} {value.unit}".strip() + (f"/{value.per}" if value.per else "")
            rows.append(
                {
                    "path": path,
                    "line": c.span.line,
                    "column": c.span.column,
                    "kind": c.kind,
                    "subject": c.subject,
                    "metric": c.metric,
                    "value": str(value) if value is not None else "",
                    "period": c.period,
                    "modality": str(c.modality),
                    "text": c.text,
                    "extractor": c.extractor,
                }
            )
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in rows:
            text = r["text"].replace("\n", " ")
            text = text if len(text) <= 60 else text[:57] + "…"
            sys.stdout.write(
                f"{r['path']}:{r['line']}:{r['column']}: {r['kind']:<8} {r['subject'] or '?'} | {r['metric'] or '-'}"
                f" | {r['value']} | {r['period'] or '-'} | {r['modality']} | {text}\n"
            )
    return EXIT_OK if not missing else EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
