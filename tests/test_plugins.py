"""The plugin system, through the real ``factlint`` command in subprocesses.

A third-party distribution (examples/factlint-example) is pip-installed into a temporary
folder and found through its entry point with ``PYTHONPATH``; local plugin modules come from
``--plugins-dir`` or the config's ``plugins-dir``. The other built-in families are blocked
(``-p no:…``) so these tests see only the core, FL5xx and the plugins under test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from factlint.pluginmanager import BUILTIN_PLUGINS, ESSENTIAL_PLUGINS
from factlint.testing import plugin_manager

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "factlint-example"
FACTLINT_SCRIPT = Path(sys.executable).with_name("factlint")
FACTLINT = [str(FACTLINT_SCRIPT)] if FACTLINT_SCRIPT.is_file() else [sys.executable, "-m", "factlint.cli"]
OTHER_FAMILIES = [  # the built-in families but FL5xx, blocked: these tests are about loading plugins
    f"-pno:{name}" for name in BUILTIN_PLUGINS if name not in ESSENTIAL_PLUGINS and name != "factlint_meta"
]

DRAFT = "---\ntitle: Draft\ndraft: true\n---\n# A calm headline\n\nBody.\n"
SHOUTING = "---\ntitle: News\n---\n# We raised $10 billion!\n\nBody.\n"


def factlint(
    *args: str, cwd: Path, pythonpath: Path | None = None, env: dict[str, str] | None = None, block: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the installed command with autoload on (conftest turns it off for in-process tests)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("FACTLINT_")}
    full_env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        full_env["PYTHONPATH"] = str(pythonpath)
    full_env.update(env or {})
    command = [*FACTLINT, *args]
    if block and args and args[0] in ("check", "rules", "plugins", "explain"):
        command += OTHER_FAMILIES
    if args and args[0] == "check":
        command.append("--no-cache")  # every run sees the plugins as they are now
    done = subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def diagnostics(done: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert done.stdout, done.stderr
    return json.loads(done.stdout)["diagnostics"]


def codes(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(Path(d["path"]).name, d["code"]) for d in diagnostics(done)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(folder / "draft.md", DRAFT)
    write(folder / "shouting.md", SHOUTING)
    return folder


# -- (1) a third-party distribution, through its entry point ------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/factlint-example pip-installed into a folder of its own (built from a copy, so
    no build/ or *.egg-info lands in the source tree)."""
    base = tmp_path_factory.mktemp("example-plugin")
    source = shutil.copytree(EXAMPLE, base / "src", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    target = base / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert (target / "factlint_example.py").is_file()
    return target


def test_example_plugin_is_listed_with_its_version_and_rule(site: Path, tmp_path: Path) -> None:
    done = factlint("plugins", cwd=tmp_path, pythonpath=site)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^example 0\.1\.0$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^example 0\.1\.0\n  hooks: register_rules\n  rules: EX001$", done.stdout, re.MULTILINE)


def test_example_rule_is_listed_and_explained(site: Path, tmp_path: Path) -> None:
    rules = factlint("rules", cwd=tmp_path, pythonpath=site)
    assert rules.returncode == 0, rules.stderr
    assert re.search(r"^EX001\s+exclamation-headline\s+warning\s+on\s+A headline ends", rules.stdout, re.MULTILINE)
    as_json = {
        r["code"]: r for r in json.loads(factlint("rules", "--format", "json", cwd=tmp_path, pythonpath=site).stdout)
    }
    assert as_json["EX001"]["plugin"] == "example"
    explained = factlint("explain", "exclamation-headline", cwd=tmp_path, pythonpath=site)
    assert explained.returncode == 0, explained.stderr
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in explained.stdout


def test_example_rule_reports_through_check(site: Path, articles: Path) -> None:
    done = factlint("check", "--format", "json", ".", cwd=articles, pythonpath=site)
    assert done.returncode == 1, done.stderr  # FL501 on the draft is an error; EX001 only a warning
    found = [d for d in diagnostics(done) if d["code"] == "EX001"]
    assert [(d["path"], d["line"], d["column"], d["plugin"]) for d in found] == [("shouting.md", 4, 24, "example")]
    assert ("draft.md", "FL501") in codes(done)


@pytest.mark.parametrize(
    ("env", "args", "loaded"),
    [
        ({}, [], True),
        ({"FACTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}, [], False),
        ({"FACTLINT_LOAD_PLUGINS": "factlint-example"}, [], True),
        ({"FACTLINT_LOAD_PLUGINS": "factlint_example"}, [], True),  # names compare as PEP 503 says
        ({"FACTLINT_LOAD_PLUGINS": "some-other-plugin"}, [], False),
        ({"FACTLINT_LOAD_PLUGINS": ""}, [], False),
        ({}, ["-p", "no:example"], False),
    ],
    ids=["autoload", "autoload-off", "load-dist", "load-dist-underscore", "load-other", "load-none", "blocked"],
)
def test_entry_point_loading_is_controlled(
    site: Path, articles: Path, env: dict[str, str], args: list[str], loaded: bool
) -> None:
    plugins = factlint("plugins", *args, cwd=articles, pythonpath=site, env=env)
    assert plugins.returncode == 0, plugins.stderr
    assert ("example 0.1.0" in plugins.stdout) is loaded, plugins.stdout
    assert "factlint_meta" in plugins.stdout  # built-ins load whatever the environment says
    check = factlint("check", "--format", "json", *args, cwd=articles, pythonpath=site, env=env)
    assert check.returncode == 1, check.stderr
    assert (("shouting.md", "EX001") in codes(check)) is loaded
    assert ("draft.md", "FL501") in codes(check)


def test_readme_quotes_the_example_plugin() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.partition("## Writing a plugin")[2]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    if not blocks:
        pytest.skip("the README has no plugin example yet")
    module = (EXAMPLE / "factlint_example.py").read_text(encoding="utf-8")
    assert blocks[0].strip() in module, "the README's plugin example differs from examples/factlint-example"


# -- (2) a plugin that fails to import ------------------------------------------------------------


def fake_distribution(site: Path, dist: str, ep_name: str, module: str, source: str) -> None:
    """A distribution as pip would leave it, without building one: a module and its dist-info."""
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[factlint]\n{ep_name} = {module}\n", encoding="utf-8")


def test_plugin_that_fails_to_import_is_reported_and_the_run_goes_on(articles: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    baseline = factlint("check", "--format", "json", ".", cwd=articles, pythonpath=site)
    fake_distribution(site, "factlint-broken", "broken", "factlint_broken", "raise RuntimeError('broken on purpose')\n")

    done = factlint("check", "--format", "json", ".", cwd=articles, pythonpath=site)
    assert "broken" in done.stderr and "RuntimeError: broken on purpose" in done.stderr, done.stderr
    assert done.returncode == baseline.returncode == 1
    assert diagnostics(done) == diagnostics(baseline)  # every file still checked, nothing else changed
    assert done.stdout.count('"code": "FL501"') == 1

    plugins = factlint("plugins", cwd=articles, pythonpath=site)
    assert plugins.returncode == 0
    assert "broken (factlint-broken) FAILED TO LOAD: RuntimeError: broken on purpose" in plugins.stdout


def test_local_plugin_that_fails_to_import_is_reported_and_the_run_goes_on(articles: Path, tmp_path: Path) -> None:
    write(tmp_path / "local" / "broken_local.py", "import no_such_module_for_factlint\n")
    done = factlint("check", "--format", "json", "--plugins-dir", str(tmp_path / "local"), ".", cwd=articles)
    assert "broken_local.py" in done.stderr and "no_such_module_for_factlint" in done.stderr, done.stderr
    assert done.returncode == 1
    assert ("draft.md", "FL501") in codes(done)


# -- (3) a hook implementation with a typo ------------------------------------------------------


@pytest.mark.parametrize("marked", [True, False], ids=["hookimpl", "unmarked"])
def test_misspelled_hook_is_an_error_naming_the_plugin(marked: bool, articles: Path, tmp_path: Path) -> None:
    decorator = "@hookimpl\n" if marked else ""
    write(
        tmp_path / "local" / "typo_plugin.py",
        f"from factlint import hookimpl\n\n\n{decorator}def factlint_chek_document(document, claims, ctx):\n"
        "    return []\n",
    )
    done = factlint("check", "--plugins-dir", str(tmp_path / "local"), ".", cwd=articles)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "typo_plugin.py" in done.stderr and "factlint_chek_document" in done.stderr, done.stderr
    assert "factlint_check_document" in done.stderr  # the suggestion


# -- (4) local plugin folders: --plugins-dir and the config's plugins-dir -------------------------

LOCAL_RULE = """\
from factlint import Rule, Severity, hookimpl


class NoLoremIpsum(Rule):
    \"\"\"What it does
    Reports placeholder text.

    Why is this bad?
    It was never meant to be published.

    Example
    ``Lorem ipsum dolor sit amet.``
    \"\"\"

    code = "LOC001"
    name = "lorem-ipsum"
    severity = Severity.ERROR
    summary = "Placeholder text."

    def check(self, doc, ctx):
        start = doc.text.find("Lorem ipsum")
        if start >= 0:
            yield self.report(doc, start, start + 11, "placeholder text 'Lorem ipsum'")


@hookimpl
def factlint_register_rules(register):
    register(NoLoremIpsum)
"""


@pytest.mark.parametrize("how", ["cli", "factlint.yaml", "pyproject.toml"])
def test_local_plugin_folder_adds_a_rule(how: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    write(project / "team_plugins" / "lorem.py", LOCAL_RULE)
    write(project / "content" / "post.md", "# Title\n\nIntro.\n\nLorem ipsum dolor sit amet.\n")
    if how == "cli":
        cwd, load = project, ["--plugins-dir", "team_plugins"]
    else:  # the config is found walking up from the current folder; its plugins-dir is relative to it
        cwd, load = project / "content", []
        if how == "factlint.yaml":
            write(project / ".factlint.yaml", "plugins-dir: [team_plugins]\n")
        else:
            write(project / "pyproject.toml", '[tool.factlint]\nplugins-dir = ["team_plugins"]\n')
    done = factlint("check", "--format", "json", *load, cwd=cwd)
    assert done.returncode == 1, done.stderr
    found = [(Path(d["path"]).name, d["code"], d["line"], d["column"], d["plugin"]) for d in diagnostics(done)]
    assert found == [("post.md", "LOC001", 5, 1, "team_plugins/lorem.py")]
    listed = factlint("rules", *load, cwd=cwd)
    assert re.search(r"^LOC001\s+lorem-ipsum\s+error\s+on\s+Placeholder text\.$", listed.stdout, re.MULTILINE)


def test_missing_plugins_dir_is_a_usage_error(articles: Path) -> None:
    done = factlint("check", "--plugins-dir", "no-such-folder", ".", cwd=articles)
    assert done.returncode == 2
    assert "no-such-folder" in done.stderr


# -- (5) a rule that raises on one document ------------------------------------------------------

RAISING_RULE = """\
from factlint import Rule, hookimpl


class Fragile(Rule):
    \"\"\"What it does
    Fails on purpose on documents that mention 'kaboom'.

    Why is this bad?
    It is a test.

    Example
    ``kaboom``
    \"\"\"

    code = "LOC002"
    name = "fragile"
    summary = "Fails on purpose."

    def check(self, doc, ctx):
        if "kaboom" in doc.text:
            raise ValueError("kaboom on purpose")
        return ()


@hookimpl
def factlint_register_rules(register):
    register(Fragile)
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_rule_raising_on_one_document_is_fl002_and_the_rest_is_reported(jobs: str, tmp_path: Path) -> None:
    write(tmp_path / "local" / "fragile.py", RAISING_RULE)
    folder = tmp_path / "articles"
    for i in range(20):  # enough for a process pool with -j 2
        write(folder / f"post-{i:02}.md", DRAFT if i % 5 == 0 else "# Calm\n\nNothing to see.\n")
    write(folder / "post-07.md", DRAFT + "\nkaboom\n")
    done = factlint("check", "--format", "json", "-j", jobs, "--plugins-dir", str(tmp_path / "local"), ".", cwd=folder)
    assert done.returncode == 2  # an internal error in a plugin fails the run, as documented
    found = diagnostics(done)
    internal = [d for d in found if d["code"] == "FL002"]
    assert len(internal) == 1
    assert internal[0]["path"] == "post-07.md"
    assert internal[0]["plugin"] == "local/fragile.py"
    assert "local/fragile.py" in internal[0]["message"] and "kaboom on purpose" in internal[0]["message"]
    drafts = sorted(d["path"] for d in found if d["code"] == "FL501")
    assert drafts == ["post-00.md", "post-05.md", "post-07.md", "post-10.md", "post-15.md"]


def test_check_document_hook_raising_is_fl002(articles: Path, tmp_path: Path) -> None:
    write(
        tmp_path / "local" / "hook_raises.py",
        "from factlint import hookimpl\n\n\n@hookimpl\ndef factlint_check_document(document, claims, ctx):\n"
        "    if document.path.endswith('shouting.md'):\n        raise KeyError('missing')\n    return []\n",
    )
    done = factlint("check", "--format", "json", "--plugins-dir", str(tmp_path / "local"), ".", cwd=articles)
    assert done.returncode == 2
    assert ("shouting.md", "FL002") in codes(done)
    assert ("draft.md", "FL501") in codes(done)


# -- (6) a duplicate rule code -------------------------------------------------------------------


def test_duplicate_rule_code_is_a_clear_error(articles: Path, tmp_path: Path) -> None:
    write(
        tmp_path / "local" / "dup.py",
        LOCAL_RULE.replace('"LOC001"', '"FL501"').replace('"lorem-ipsum"', '"second-draft-rule"'),
    )
    done = factlint("check", "--plugins-dir", str(tmp_path / "local"), ".", cwd=articles)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "FL501" in done.stderr and "registered twice" in done.stderr
    assert "factlint_meta" in done.stderr and "dup.py" in done.stderr


def test_duplicate_rule_name_is_a_clear_error(articles: Path, tmp_path: Path) -> None:
    write(tmp_path / "local" / "dup.py", LOCAL_RULE.replace('"lorem-ipsum"', '"draft"'))
    done = factlint("rules", "--plugins-dir", str(tmp_path / "local"), cwd=articles)
    assert done.returncode == 2
    assert "'draft'" in done.stderr and "registered twice" in done.stderr


# -- (7) the built-ins' hook implementations are all valid ---------------------------------------


def test_builtin_plugins_implement_only_known_hooks() -> None:
    pm = plugin_manager()
    pm.check_pending()  # raises on an implementation of an unknown hook
    names = {name for name, _plugin in pm.list_name_plugin()}
    assert {"factlint.builtin", "factlint.formatters", "factlint.metadata", "factlint_meta"} <= names
