"""The pre-commit hooks, run by the real pre-commit (``pre-commit try-repo``).

pre-commit pip-installs factlint into an environment of its own, which takes a minute or so.
The hooks repository it installs from is a committed snapshot of this working tree (tracked
and untracked files, minus what .gitignore ignores): ``try-repo`` on the repository itself
would use only committed and tracked changes, so the test gives the same result on a clean
clone and on a working tree with new files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache", ".hypothesis"
)

DRAFT = "---\ntitle: Hello\ndraft: true\n---\n# Hello\n\nA short article.\n"
PUBLISHED = "---\ntitle: Hello\n---\n# Hello\n\nA short article.\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet")
    git(path, "config", "user.name", "factlint tests")
    git(path, "config", "user.email", "tests@factlint.invalid")
    git(path, "config", "commit.gpgsign", "false")


def commit_all(path: Path, message: str) -> None:
    git(path, "add", "--all")
    git(path, "commit", "--quiet", "--allow-empty", "-m", message)


def snapshot_of_this_repo(dest: Path) -> Path:
    """Copy the working tree (what git would see, without ignored files) into a fresh repository."""
    listed: list[str] | None = None
    if (ROOT / ".git").exists() and shutil.which("git"):
        try:
            out = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
            listed = [p for p in out.split("\0") if p]
        except subprocess.CalledProcessError:
            listed = None
    if listed is None:  # not a git checkout (an unpacked archive): copy all but the usual clutter
        shutil.copytree(ROOT, dest, ignore=IGNORED)
    else:
        for rel in listed:
            source = ROOT / rel
            if source.is_file():  # deleted but still in the index: skip
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / rel)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    init_repo(dest)
    commit_all(dest, "snapshot of the factlint working tree")
    return dest


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot_of_this_repo(tmp_path_factory.mktemp("hooks") / "factlint")


@pytest.fixture(scope="module")
def pip_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pip cache for the module's environment builds, not the user's."""
    return tmp_path_factory.mktemp("pip-cache")


def try_repo(hooks: Path, articles: Path, hook: str, home: Path, pip_cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("FACTLINT_DISABLE_PLUGIN_AUTOLOAD", None)  # set by conftest for in-process tests
    env.pop("PRE_COMMIT", None)
    env["PRE_COMMIT_HOME"] = str(home / "pre-commit")  # never the user's cache
    env["PIP_CACHE_DIR"] = str(pip_cache)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--all-files", "--color", "never"],
        cwd=articles,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def hook_line(output: str, name: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(name + ".")]
    assert lines, f"no result line for hook {name!r} in:\n{output}"
    return lines[0]


@pytest.mark.parametrize(("hook", "title"), [("factlint", "factlint"), ("factlint-corpus", "factlint (whole corpus)")])
def test_hook_fails_on_a_draft_and_passes_once_published(
    hook: str, title: str, hooks_repo: Path, pip_cache: Path, tmp_path: Path
) -> None:
    articles = tmp_path / "articles"
    init_repo(articles)
    (articles / "posts").mkdir()
    (articles / "posts" / "hello.md").write_text(DRAFT, encoding="utf-8")
    (articles / "notes.txt").write_text("A plain-text note with nothing wrong in it.\n", encoding="utf-8")
    if hook == "factlint-corpus":  # it checks the configured folders, and only those
        (articles / ".factlint.yaml").write_text("paths: [posts]\n", encoding="utf-8")
        (articles / "attic").mkdir()
        (articles / "attic" / "old.md").write_text(DRAFT, encoding="utf-8")
    commit_all(articles, "a draft article")

    failed = try_repo(hooks_repo, articles, hook, tmp_path, pip_cache)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in hook_line(output, title), output
    assert "posts/hello.md:3:1: FL501" in output, output  # the line of "draft: true"
    assert "Traceback" not in output, output
    assert "attic" not in output, output

    (articles / "posts" / "hello.md").write_text(PUBLISHED, encoding="utf-8")
    commit_all(articles, "publish it")

    passed = try_repo(hooks_repo, articles, hook, tmp_path, pip_cache)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in hook_line(output, title), output
    assert "FL501" not in output, output
