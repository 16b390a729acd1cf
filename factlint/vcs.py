"""Which files changed since a git ref: the CI gate on new and edited articles."""

from __future__ import annotations

import subprocess
from pathlib import Path


class VcsError(Exception):
    pass


def _git(args: list[str], cwd: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise VcsError(f"cannot run git: {exc}") from None
    if proc.returncode != 0:
        raise VcsError(f"git {' '.join(args)}: {proc.stderr.strip() or 'failed'}")
    return proc.stdout


def changed_since(ref: str, cwd: str = ".") -> list[str]:
    """Files added, copied, modified or renamed since ``ref`` (committed or not), plus untracked ones."""
    root = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", ref, "--"], cwd).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    return sorted({str(Path(root) / name) for name in names if name})
