"""Loading plugins: the built-ins, the ``factlint`` entry-point group, and local plugin folders.

Built-in checks are ordinary plugins listed in :data:`BUILTIN_PLUGINS`; any of them but the
essential ones can be blocked with ``-p no:NAME``. Third-party plugins come from the entry-point
group ``factlint`` (turned off by ``FACTLINT_DISABLE_PLUGIN_AUTOLOAD``, narrowed to some
distributions or plugin names by ``FACTLINT_LOAD_PLUGINS=dist,name``). A plugin that fails to load is reported
by name and the run goes on without it. An implementation of an unknown hook is an error.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from factlint import hookspecs
from factlint.rules import RuleError, RuleRegistry

ESSENTIAL_PLUGINS = ("factlint.builtin", "factlint.formatters", "factlint.metadata")
BUILTIN_PLUGINS = (
    *ESSENTIAL_PLUGINS,
    "factlint_meta",
    "factlint_numbers",
    "factlint_dates",
    "factlint_quotes",
    "factlint_sources",
)
ENTRY_POINT_GROUP = "factlint"


class DocumentTimeout(BaseException):
    """A document took longer than the per-document time limit (raised from a SIGALRM handler).

    A BaseException, so that a plugin's ``except Exception`` does not swallow it.
    """

    plugin: str = ""


class PluginError(Exception):
    """A plugin problem that stops the run (exit 2): a hook typo, a duplicate rule code."""


@dataclass
class LoadFailure:
    name: str
    error: str
    detail: str = ""


@dataclass
class PluginInfo:
    name: str
    version: str
    hooks: list[str]
    rules: list[str] = field(default_factory=list)


class PluginManager(pluggy.PluginManager):
    """pluggy's manager with factlint's hookspecs, loading order and error handling."""

    def __init__(self) -> None:
        super().__init__("factlint")
        self.add_hookspecs(hookspecs)
        self.failures: list[LoadFailure] = []
        self.rules = RuleRegistry()
        self.formatters: dict[str, type[Any]] = {}
        self._dists: dict[str, tuple[str, str]] = {}  # plugin name -> (distribution, version)
        if os.environ.get("FACTLINT_TRACE_PLUGINS"):
            self.trace.root.setwriter(sys.stderr.write)
            self.enable_tracing()

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> pluggy.HookimplOpts | None:
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None and name.startswith("factlint_") and callable(getattr(plugin, name, None)):
            return {}  # type: ignore[typeddict-item]  # an unmarked factlint_* function is a hookimpl too
        return opts

    # -- loading -------------------------------------------------------------------------------

    def load_all(self, *, blocked: tuple[str, ...] = (), plugin_dirs: tuple[str, ...] = ()) -> None:
        for name in blocked:
            if name in ESSENTIAL_PLUGINS:
                raise PluginError(f"plugin {name!r} is essential and cannot be blocked")
            self.set_blocked(name)
        for name in BUILTIN_PLUGINS:
            if not self.is_blocked(name):
                self._import_and_register(name, builtin=name in ESSENTIAL_PLUGINS)
        if not os.environ.get("FACTLINT_DISABLE_PLUGIN_AUTOLOAD"):
            self.load_entry_points()
        for folder in plugin_dirs:
            self.load_plugin_dir(folder)
        self.verify()

    def _import_and_register(self, modname: str, *, builtin: bool = False) -> None:
        if modname not in ESSENTIAL_PLUGINS and importlib.util.find_spec(modname) is None:
            return  # a built-in family that is not installed in this build
        try:
            module = importlib.import_module(modname)
        except Exception as exc:
            if builtin:
                raise
            self._fail(modname, exc)
            return
        self.register(module, name=modname)

    def load_entry_points(self) -> None:
        wanted = os.environ.get("FACTLINT_LOAD_PLUGINS")
        allowed = {_canonical(d) for d in wanted.split(",") if d.strip()} if wanted is not None else None
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            dist = ep.dist.name if ep.dist is not None else ""
            if allowed is not None and not allowed & {_canonical(dist), _canonical(ep.name)}:
                continue  # neither the distribution (factlint-example) nor the plugin name (example)
            if self.is_blocked(ep.name) or self.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                self._fail(f"{ep.name} ({dist or ep.value})", exc)
                continue
            self.register(plugin, name=ep.name)
            self._dists[ep.name] = (dist, ep.dist.version if ep.dist is not None else "")

    def load_plugin_dir(self, folder: str) -> None:
        path = Path(folder)
        if not path.is_dir():
            raise PluginError(f"plugins-dir {folder!r} is not a folder")
        for file in sorted(path.glob("*.py")):
            name = f"{path.name}/{file.name}"
            if self.is_blocked(file.stem) or self.has_plugin(name):
                continue
            try:
                module = _import_path(file)
            except Exception as exc:
                self._fail(name, exc)
                continue
            self.register(module, name=name)

    def _fail(self, name: str, exc: BaseException) -> None:
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        self.failures.append(LoadFailure(name, detail, traceback.format_exc()))

    def verify(self) -> None:
        """Refuse implementations of hooks that do not exist (typos), naming the plugin."""
        try:
            self.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self.get_name(exc.plugin) or repr(exc.plugin)
            message = f"plugin {name!r}: {exc}"
            unknown = re.search(r"unknown hook '(\w+)'", str(exc))
            if unknown:
                import difflib  # only for this message

                hooks = [h for h in dir(hookspecs) if h.startswith("factlint_")]
                close = difflib.get_close_matches(unknown[1], hooks, n=1)
                message = f"plugin {name!r} implements an unknown hook {unknown[1]!r}"
                message += f" (did you mean {close[0]!r}?)" if close else ""
            raise PluginError(message) from None

    # -- registries ----------------------------------------------------------------------------

    def call_each(self, hook_name: str, **kwargs: Any) -> Iterator[tuple[str, Any, BaseException | None]]:
        """Call every implementation of a hook separately: (plugin name, result, error).

        Unlike a plain hook call, one plugin raising does not stop the others, and the caller
        learns which plugin failed.
        """
        hook = getattr(self.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # pluggy's own call order: last registered first
            args = [kwargs[name] for name in impl.argnames]
            try:
                yield impl.plugin_name, impl.function(*args), None
            except DocumentTimeout as exc:
                exc.plugin = exc.plugin or impl.plugin_name
                raise
            except Exception as exc:
                yield impl.plugin_name, None, exc

    def collect_rules(self) -> RuleRegistry:
        if len(self.rules):
            return self.rules
        for plugin_name, _result, error in self._each_register("factlint_register_rules", self.rules.register):
            if error is not None:
                if isinstance(error, RuleError):
                    raise PluginError(str(error)) from None
                self.failures.append(LoadFailure(plugin_name, f"register_rules failed: {error!r}"))
        return self.rules

    def collect_formatters(self) -> dict[str, type[Any]]:
        if self.formatters:
            return self.formatters

        def register(name: str, formatter: type[Any], plugin: str) -> None:
            if name in self.formatters:
                raise PluginError(f"output format {name!r} registered twice (again by {plugin!r})")
            self.formatters[name] = formatter

        for plugin_name, _result, error in self._each_register("factlint_register_formatters", register):
            if error is not None:
                if isinstance(error, PluginError):
                    raise error
                self.failures.append(LoadFailure(plugin_name, f"register_formatters failed: {error!r}"))
        return self.formatters

    def _each_register(
        self, hook_name: str, sink: Callable[..., None]
    ) -> Iterator[tuple[str, Any, BaseException | None]]:
        hook = getattr(self.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            plugin_name = impl.plugin_name

            def register(*args: Any, _plugin: str = plugin_name) -> None:
                sink(*args, _plugin)

            try:
                yield plugin_name, impl.function(register), None
            except (RuleError, PluginError) as exc:
                yield plugin_name, None, exc
            except Exception as exc:
                yield plugin_name, None, exc

    def plugin_infos(self) -> list[PluginInfo]:
        rules_by_plugin: dict[str, list[str]] = {}
        for rule in self.collect_rules():
            rules_by_plugin.setdefault(rule.plugin, []).append(rule.code)
        infos = []
        for name, plugin in self.list_name_plugin():
            if plugin is None:
                continue
            hooks = sorted(caller.name for caller in self.get_hookcallers(plugin) or [])
            infos.append(PluginInfo(name, self._version_of(name, plugin), hooks, rules_by_plugin.get(name, [])))
        return sorted(infos, key=lambda i: (i.name not in BUILTIN_PLUGINS, i.name))

    def _version_of(self, name: str, plugin: Any) -> str:
        if name in self._dists:
            return self._dists[name][1]
        version = getattr(plugin, "__version__", None)
        if isinstance(version, str):
            return version
        from factlint import __version__

        top = name.split(".", maxsplit=1)[0]
        return __version__ if top in ("factlint", *BUILTIN_PLUGINS) else ""


def _canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them: factlint_Example == factlint-example."""
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


def _import_path(file: Path) -> ModuleType:
    modname = f"factlint_local_{file.stem}"
    spec = importlib.util.spec_from_file_location(modname, file)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module
    spec.loader.exec_module(module)
    return module
