"""Baselines: accept today's findings, fail only on new ones.

``--write-baseline FILE`` records every finding as (code, path, quoted text); ``--baseline FILE``
drops the findings that match an entry. Entries match by code, path and the text the finding
points at, never by line number, so they survive edits elsewhere in the file. An entry that
matches nothing any more is reported as FL004 (info), so the baseline shrinks as issues are
fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from factlint.model import Diagnostic, Severity

BASELINE_VERSION = 1

SourceLines = Callable[[str, int], str | None]


class BaselineError(Exception):
    pass


def quoted_text(diag: Diagnostic, lines: SourceLines) -> str:
    """The text a finding points at (its first line when it spans several), stripped."""
    line = lines(diag.path, diag.line)
    if line is None:
        return ""
    end = diag.end_column - 1 if diag.end_line == diag.line else len(line)
    text = line[diag.column - 1 : max(end, diag.column)].strip()
    return text or line.strip()


def _key(path: str) -> str:
    return Path(path).as_posix()


def write(path: str, diagnostics: Sequence[Diagnostic], lines: SourceLines) -> int:
    entries = [
        {"code": d.code, "path": _key(d.path), "text": quoted_text(d, lines), "message": d.message} for d in diagnostics
    ]
    payload = {"version": BASELINE_VERSION, "tool": "factlint", "entries": entries}
    Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def load(path: str) -> list[dict[str, str]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a factlint baseline (no 'entries' list)")
    if data.get("version", 0) > BASELINE_VERSION:
        raise BaselineError(f"{path}: baseline version {data['version']} is newer than this factlint reads")
    entries = []
    for i, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict) or not {"code", "path", "text"} <= set(entry):
            raise BaselineError(f"{path}: entry {i} lacks code, path or text")
        entries.append({k: str(entry[k]) for k in ("code", "path", "text")})
    return entries


def apply(
    diagnostics: Sequence[Diagnostic], entries: Sequence[dict[str, str]], lines: SourceLines, baseline_path: str
) -> list[Diagnostic]:
    """Drop the findings the baseline accepts; add FL004 for entries that matched nothing."""
    budget = Counter((e["code"], e["path"], e["text"]) for e in entries)
    kept = []
    for diag in diagnostics:
        key = (diag.code, _key(diag.path), quoted_text(diag, lines))
        if budget[key] > 0:
            budget[key] -= 1
        else:
            kept.append(diag)
    for (code, path, text), left in sorted(budget.items()):
        for _ in range(left):
            kept.append(
                Diagnostic(
                    baseline_path,
                    1,
                    1,
                    1,
                    1,
                    "FL004",
                    "unused-baseline-entry",
                    Severity.INFO,
                    f"baseline entry {code} in {path} ({text!r}) matches no finding any more; remove it",
                    "factlint.builtin",
                )
            )
    return sorted(kept)
