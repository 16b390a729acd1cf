"""The speech lexicon: speech verbs, back references, passive speech and anonymous sources.

The words live in ``data/speech.yaml``; :func:`load` compiles them once into the patterns the
quote finder uses. Projects extend the lists through rule options (``speech-verbs`` of FL301,
``anonymous-sources`` of FL302), which give a second, cached lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

_ZH_NOT_AFTER_SINGLE = "(?![题明法服为作号之呼谓])"


@dataclass(frozen=True, eq=False)  # one object per configuration (load is cached): the same by identity
class Lexicon:
    zh_verbs: tuple[str, ...]
    en_verbs: tuple[str, ...]
    zh_verb_re: regex.Pattern[str]  # a Chinese speech verb, longest first
    en_verb_re: regex.Pattern[str]  # an English speech verb as a whole word
    zh_back_re: regex.Pattern[str]
    en_back_re: regex.Pattern[str]
    passive_re: regex.Pattern[str]  # a passive speech construction right before a quote
    anonymous_re: regex.Pattern[str]


def _alternation(words: list[str], *, english: bool) -> str:
    ordered = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    # a one-character Chinese verb must not start a longer word: 问题, 说明, 称为, 说法
    body = "|".join(
        regex.escape(w).replace(r"\ ", r"\s+") + (_ZH_NOT_AFTER_SINGLE if len(w) == 1 and not english else "")
        for w in ordered
    )
    return rf"\b(?:{body})\b" if english else f"(?:{body})"


# libyaml's safe loader when PyYAML has it: many times faster than the pure-Python one.
_YAML_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_data() -> dict[str, Any]:
    text = (Path(__file__).resolve().parent / "data" / "speech.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_YAML_LOADER)
    if not isinstance(data, dict):
        raise ValueError("factlint_quotes/data/speech.yaml: expected a mapping")
    return data


@lru_cache(maxsize=16)
def load(extra_verbs: tuple[str, ...] = (), extra_anonymous: tuple[str, ...] = ()) -> Lexicon:
    """The compiled lexicon, with a project's extra speech verbs and anonymous-source patterns.

    An extra verb made only of ASCII letters counts as English, any other as Chinese. Extra
    anonymous-source entries are regular expressions (``regex`` syntax).
    """
    data = _read_data()
    zh, en = data.get("zh", {}), data.get("en", {})
    zh_verbs = list(zh.get("speech_verbs", []))
    en_verbs = list(en.get("speech_verbs", []))
    for verb in extra_verbs:
        (en_verbs if regex.fullmatch(r"[A-Za-z][A-Za-z '-]*", verb) else zh_verbs).append(verb)
    anonymous = list(zh.get("anonymous", [])) + list(en.get("anonymous", [])) + list(extra_anonymous)
    return Lexicon(
        zh_verbs=tuple(zh_verbs),
        en_verbs=tuple(en_verbs),
        zh_verb_re=regex.compile(_alternation(zh_verbs, english=False)),
        en_verb_re=regex.compile(_alternation(en_verbs, english=True), regex.IGNORECASE),
        zh_back_re=regex.compile(_alternation(list(zh.get("back_references", [])), english=False)),
        en_back_re=regex.compile(_alternation(list(en.get("back_references", [])), english=True), regex.IGNORECASE),
        passive_re=regex.compile(
            "(?:"
            + _alternation(list(zh.get("passive", [])), english=False)
            + "|"
            + _alternation(list(en.get("passive", [])), english=True)
            + r")\s*$",
            regex.IGNORECASE,
        ),
        anonymous_re=regex.compile("|".join(f"(?:{p})" for p in anonymous), regex.IGNORECASE),
    )


def _rule_settings(config: Any) -> dict[Any, Any] | None:
    """The ``rules`` table of the run's configuration, None when there is none to read.

    An empty table is None too: no rule has options, so every option list is empty (the loops of
    :func:`_rule_option` find nothing in it), and :func:`lexicon_for` need not look further.
    """
    getter = getattr(config, "get", None)
    if getter is None:
        return None
    try:
        rules = getter("rules", {}) or {}
    except Exception:  # a foreign config object: ignore it
        return None
    return rules if isinstance(rules, dict) and rules else None


def _rule_option(rules: dict[Any, Any] | None, keys: tuple[str, ...], option: str) -> list[str]:
    """A list option of a quotes rule as set in the run's ``rules`` table (empty when absent)."""
    values: list[str] = []
    if rules is not None:
        for key in keys:
            settings = rules.get(key) or {}
            if isinstance(settings, dict):
                for name in (option, option.replace("-", "_")):
                    found = settings.get(name)
                    if isinstance(found, list):
                        values.extend(str(v) for v in found)
    return values


def lexicon_for(config: Any, *, extra_verbs: Any = (), extra_anonymous: Any = ()) -> Lexicon:
    """The lexicon of a run: the built-in words plus the options of FL301 and FL302.

    Every quotes rule and the claim extractor see the same words, so the speech analysis of a
    document is made once. The configuration is read on every call (it is not remembered); with
    no extra words and no ``rules`` table to read, the lexicon is the plain one, the same object
    the general path returns (``load((), ())``: no words, so two empty sorted tuples).
    """
    rules = _rule_settings(config)
    if rules is None and not extra_verbs and not extra_anonymous:
        return load((), ())
    verbs = set(extra_verbs or ()) | set(_rule_option(rules, ("FL301", "unattributed-quote"), "speech-verbs"))
    anonymous = set(extra_anonymous or ()) | set(
        _rule_option(rules, ("FL302", "anonymous-source"), "anonymous-sources")
    )
    return load(tuple(sorted(verbs)), tuple(sorted(anonymous)))
