"""Configuration: ``[tool.factlint]`` in pyproject.toml or a ``.factlint.yaml``, then the CLI.

The file is found by walking up from the current folder (or given with ``--config``). Keys
may be written with dashes or underscores. Unknown keys and bad values are errors that name
the key and the file.
"""

from __future__ import annotations

import argparse
import fnmatch
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from factlint.model import Severity
from factlint.rules import Option, Rule, RuleError, RuleRegistry

CONFIG_FILES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem: exit code 2, with a message naming the key and the file."""


@dataclass(frozen=True)
class ConfigKey:
    name: str
    type: type
    default: Any
    help: str = ""
    plugin: str = ""


CORE_KEYS: tuple[ConfigKey, ...] = (
    ConfigKey("select", list, [], "rules to run (codes, prefixes such as FL2, names or families); default: all"),
    ConfigKey("ignore", list, [], "rules not to run"),
    ConfigKey("extend-select", list, [], "rules to run besides the default set (off-by-default ones)"),
    ConfigKey("per-file-ignores", dict, {}, "glob → list of codes ignored in matching files"),
    ConfigKey("include", list, [], "globs of files to check (default *.md, *.markdown, *.txt)"),
    ConfigKey("exclude", list, [], "globs of files and folders to skip"),
    ConfigKey("fail-on", str, "error", "lowest severity that fails the run: error, warning or info"),
    ConfigKey("plugins-dir", list, [], "folders of local plugin modules (*.py) to load"),
    ConfigKey("severity", dict, {}, "code → error | warning | info"),
    ConfigKey("rules", dict, {}, "per-rule options: code or name → {option: value}"),
    ConfigKey("paths", list, [], "what `factlint check` checks when given no paths"),
    ConfigKey("db", str, "", "the claim store `factlint index` writes (default .factlint/claims.db)"),
    ConfigKey("cache-dir", str, ".factlint/cache", "where per-file results are cached"),
    ConfigKey("timeout", float, 60.0, "seconds one document may take before it is abandoned (FL002); 0: no limit"),
)


class OptionRegistry:
    """What the ``factlint_addoption`` hook receives: CLI arguments and config keys."""

    def __init__(self, group: argparse._ArgumentGroup | None = None) -> None:
        self._group = group
        self.keys: dict[str, ConfigKey] = {k.name: k for k in CORE_KEYS}

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        if self._group is not None:
            self._group.add_argument(*args, **kwargs)

    def add_config_key(self, name: str, type: type, default: Any, help: str = "", plugin: str = "") -> None:
        key = _norm(name)
        if key in self.keys:
            raise ConfigError(f"config key {key!r} declared twice")
        self.keys[key] = ConfigKey(key, type, default, help, plugin)


def _norm(key: str) -> str:
    return str(key).strip().replace("_", "-")


@dataclass
class Config:
    """The effective configuration of a run."""

    source: str = ""  # the file it came from, "" for defaults
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    values: dict[str, Any] = field(default_factory=dict)
    cli: argparse.Namespace | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(_norm(key), default)

    def __getitem__(self, key: str) -> Any:
        return self.values[_norm(key)]

    @property
    def fail_on(self) -> Severity:
        return Severity.parse(self.get("fail-on", "error"))

    def relative(self, path: str) -> str:
        try:
            return PurePosixPath(Path(path).resolve().relative_to(self.root.resolve())).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the root; or a symlink loop (RuntimeError before 3.13)
            return Path(path).as_posix()

    def ignored_codes(self, path: str) -> list[str]:
        """Codes ignored for ``path`` by per-file-ignores."""
        patterns = self.get("per-file-ignores", {})
        if not patterns:
            return []  # without resolving the path
        rel = self.relative(path)
        codes: list[str] = []
        for pattern, ignored in patterns.items():
            if _glob_match(rel, pattern) or _glob_match(Path(path).as_posix(), pattern):
                codes.extend(ignored)
        return codes

    def rule_settings(self, rule: type[Rule]) -> dict[str, Any]:
        rules = self.get("rules", {})
        return {**rules.get(rule.name, {}), **rules.get(rule.code, {})}

    def rule_severity(self, rule: type[Rule]) -> Severity:
        overrides = self.get("severity", {})
        value = overrides.get(rule.code) or overrides.get(rule.name)
        return Severity.parse(value) if value else rule.severity


def _glob_match(path: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, f"{pattern}/*"):
        return True
    if "/" not in pattern:  # a bare name matches any path component or the file name
        return any(fnmatch.fnmatchcase(part, pattern) for part in PurePosixPath(path).parts)
    return fnmatch.fnmatchcase(path, f"*/{pattern}") or fnmatch.fnmatchcase(path, f"*/{pattern}/*")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` upwards; a pyproject.toml counts only with [tool.factlint]."""
    folder = (start or Path.cwd()).resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    data = tomllib.loads(candidate.read_text(encoding="utf-8"))
                except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                    continue
                if "factlint" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw mapping of a config file; errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("factlint", {})
    else:
        try:
            section = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        section = section or {}
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: the factlint configuration must be a mapping of keys to values")
    return {_norm(k): v for k, v in section.items()}


def _check_type(key: ConfigKey, value: Any, where: str) -> Any:
    if key.type is list and isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if key.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, key.type) or (key.type is not bool and isinstance(value, bool)):
        raise ConfigError(f"{where}: {key.name!r} must be a {key.type.__name__}, not {type(value).__name__} {value!r}")
    if key.type is list and not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key.name!r} must be a list of strings, got {value!r}")
    return value


def validate(raw: dict[str, Any], keys: dict[str, ConfigKey], registry: RuleRegistry, where: str) -> dict[str, Any]:
    """Check every key and value of a config mapping; fill in defaults."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        key = keys.get(_norm(name))
        if key is None:
            known = ", ".join(sorted(keys))
            raise ConfigError(f"{where}: unknown key {name!r} (known keys: {known})")
        values[key.name] = _check_type(key, value, where)
    for key in keys.values():
        values.setdefault(key.name, key.default)
    _validate_rules_section(values, registry, where)
    return values


def _validate_rules_section(values: dict[str, Any], registry: RuleRegistry, where: str) -> None:
    try:
        Severity.parse(values["fail-on"])
    except ValueError as exc:
        raise ConfigError(f"{where}: 'fail-on': {exc}") from None
    for field_name in ("select", "ignore", "extend-select"):
        for selector in values[field_name]:
            try:
                registry.check_selector(selector)
            except RuleError as exc:
                raise ConfigError(f"{where}: {field_name!r}: {exc}") from None
    for pattern, codes in values["per-file-ignores"].items():
        listed = [c.strip() for c in codes.split(",") if c.strip()] if isinstance(codes, str) else codes
        if not isinstance(listed, list):
            raise ConfigError(f"{where}: 'per-file-ignores' {pattern!r} must list codes, got {codes!r}")
        values["per-file-ignores"][pattern] = listed
    for code, level in values["severity"].items():
        _rule_or_error(registry, code, where, "severity")
        try:
            Severity.parse(level)
        except ValueError as exc:
            raise ConfigError(f"{where}: 'severity' {code}: {exc}") from None
    checked: dict[str, dict[str, Any]] = {}
    for ident, options in values["rules"].items():
        rule = _rule_or_error(registry, ident, where, "rules")
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: 'rules' {ident}: expected a mapping of options, got {options!r}")
        declared: dict[str, Option] = {o.name: o for o in rule.options}
        out: dict[str, Any] = {}
        for opt_name, opt_value in options.items():
            opt = declared.get(str(opt_name)) or declared.get(str(opt_name).replace("-", "_"))
            if opt is None:
                known = ", ".join(declared) or "none"
                raise ConfigError(f"{where}: rule {rule.code} has no option {opt_name!r} (options: {known})")
            try:
                out[opt.name] = opt.validate(opt_value, f"{where}: rule {rule.code} option {opt.name!r}")
            except RuleError as exc:
                raise ConfigError(str(exc)) from None
        checked[rule.code] = {**checked.get(rule.code, {}), **out}
    values["rules"] = checked


def _rule_or_error(registry: RuleRegistry, ident: str, where: str, section: str) -> type[Rule]:
    try:
        return registry.get(str(ident))
    except RuleError as exc:
        raise ConfigError(f"{where}: {section!r}: {exc}") from None


def load(
    *,
    path: str | None,
    no_config: bool,
    keys: dict[str, ConfigKey],
    registry: RuleRegistry,
    overrides: dict[str, Any],
    cwd: Path | None = None,
) -> Config:
    """Build the effective config: defaults ← file ← command line."""
    raw: dict[str, Any] = {}
    source = ""
    root = (cwd or Path.cwd()).resolve()
    if not no_config:
        found = Path(path) if path else find_config(cwd)
        if path and not found.is_file():
            raise ConfigError(f"{path}: config file not found")
        if found is not None:
            raw = read_config_file(found)
            source = str(found)
            root = found.resolve().parent
    values = validate(raw, keys, registry, source or "configuration")
    for key, given in overrides.items():
        value = given
        if value is None:
            continue
        if key in {"extend-select", "select", "ignore"}:
            for selector in value:
                try:
                    registry.check_selector(selector)
                except RuleError as exc:
                    raise ConfigError(f"--{key}: {exc}") from None
        if key in ("ignore", "extend-select", "plugins-dir", "exclude") and values.get(key):
            value = [*values[key], *value]
        values[key] = value
    try:
        Severity.parse(values["fail-on"])
    except ValueError as exc:
        raise ConfigError(f"--fail-on: {exc}") from None
    return Config(source=source, root=root, values=values)


def raw_plugin_dirs(path: str | None, no_config: bool) -> tuple[list[str], Path | None]:
    """The plugins-dir entries of the config file, resolved against its folder (read before
    plugins load, since plugins declare the other keys)."""
    if no_config:
        return [], None
    found = Path(path) if path else find_config()
    if found is None or not found.is_file():
        return [], None
    raw = read_config_file(found)
    dirs = raw.get("plugins-dir", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list):
        raise ConfigError(f"{found}: 'plugins-dir' must be a list of folders")
    base = found.resolve().parent
    return [str((base / d).resolve()) for d in dirs], found


def as_list(values: Sequence[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out
