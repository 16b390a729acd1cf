"""FL103 change-mismatch: a stated change that the stated before and after values contradict."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import regex

from factlint.model import Diagnostic, Severity
from factlint.rules import Option, Rule, RuleContext
from factlint_numbers.claims import analyse, lowered_forms
from factlint_numbers.compare import SLOT, Template, fmt, same_dimension, template
from factlint_numbers.quantities import Mention

if TYPE_CHECKING:
    from factlint.document import Document

_UP_ZH = r"增长|增加|上涨|上升|提升|提高|跃升|攀升|飙升|暴涨|大涨|猛增|激增|增至|升至|涨至|翻番|翻了一番|翻倍|翻了一倍"
_DOWN_ZH = r"下降|下滑|下跌|减少|降低|降至|跌至|缩水|暴跌|大跌|骤降|锐减|萎缩|回落"
_UP_EN = (
    r"rose|rise[sn]?|rising|increased?|increasing|grew|grow(?:s|n|ing)?|jump(?:ed|s)?|climb(?:ed|s)?|surg(?:ed|es)|"
    r"soar(?:ed|s)|spik(?:ed|es)|doubled|tripled|quadrupled|gained|went\s+up|up"
)
_DOWN_EN = (
    r"fell|fall(?:s|en)?|dropped|drops?|declined?|declining|decreased?|slid|slump(?:ed|s)|plunged?|shrank|halved"
    r"|went\s+down|down|cut"
)
_VERB = rf"(?P<verb>{_UP_ZH}|{_DOWN_ZH}|(?i:(?<![A-Za-z])(?:{_UP_EN}|{_DOWN_EN})(?![A-Za-z])))"
_X = r"[^。；;！？!?\ue000-\ue0ff]"  # any character of the sentence but a quantity
_XE = r"[^.;!?\ue000-\ue0ff]"

_PATTERNS = (
    # 从 A 增长到 B，增幅 P
    regex.compile(
        rf"(?:从|由)\s?{_X}{{0,16}}?(?P<a>{SLOT}){_X}{{0,10}}?(?:{_UP_ZH}|{_DOWN_ZH})\s?了?\s?(?:至|到)\s?(?:了\s?)?"
        rf"(?P<b>{SLOT})\s?[,，]\s?(?P<verb>增幅|涨幅|降幅|跌幅|增长了?|下降了?|上涨了?|下跌了?|提升了?|减少了?)"
        rf"\s?(?:为|达|约)?\s?(?P<p>{SLOT})"
    ),
    # from A to B, an increase of P / a P increase
    regex.compile(
        rf"(?i:from)\s{_XE}{{0,15}}?(?P<a>{SLOT}){_XE}{{0,20}}?\s(?i:to)\s(?P<b>{SLOT})\s?[,;(]\s?(?:(?i:an?|or)\s)?"
        rf"(?:(?P<p>{SLOT})\s(?P<verb>(?i:increase|rise|gain|jump|growth|decline|drop|decrease|fall|reduction))"
        rf"|(?P<verb2>(?i:increase|rise|gain|jump|growth|decline|drop|decrease|fall|reduction))\s(?i:of)\s(?P<p2>{SLOT}))"
    ),
    # 提升了 P，由 A 提升到 B
    regex.compile(
        rf"{_VERB}\s?了?\s?(?P<p>{SLOT})\s?[,，]\s?(?:由|从)\s?{_X}{{0,8}}?(?P<a>{SLOT}){_X}{{0,10}}?(?:{_UP_ZH}|{_DOWN_ZH})?"
        rf"\s?(?:至|到)\s?(?:了\s?)?(?P<b>{SLOT})"
    ),
    # 从/由 A (大幅) 增长 (P) 至/到 B
    regex.compile(
        rf"(?:从|由)\s?{_X}{{0,16}}?(?P<a>{SLOT})\s?{_X}{{0,8}}?{_VERB}\s?了?\s?(?:(?P<p>{SLOT})\s?[,，]?\s?)?(?:至|到)\s?(?:了\s?)?(?P<b>{SLOT})"
    ),
    # B …，较 A (大幅) 下降 (P)
    regex.compile(
        rf"(?P<b>{SLOT}){_X}{{0,22}}?(?:较|比|相比|相较于?)\s?{_X}{{0,14}}?(?P<a>{SLOT})\s?(?:的)?\s?{_X}{{0,6}}?{_VERB}\s?了?\s?(?P<p>{SLOT})?"
    ),
    # rose (by P) from A to B
    regex.compile(
        rf"{_VERB}\s(?:(?i:by)\s)?(?:(?P<p>{SLOT})[,\s]\s?)?{_XE}{{0,20}}?(?i:from)\s{_XE}{{0,15}}?(?P<a>{SLOT}){_XE}{{0,20}}?\s(?i:to)\s(?:(?i:a|an|the)\s)?(?:{_XE}{{0,6}}\s)?(?P<b>{SLOT})"
    ),
    # rose (by P) to B from A
    regex.compile(
        rf"{_VERB}\s(?:(?i:by)\s)?(?:(?P<p>{SLOT})\s)?(?i:to)\s(?P<b>{SLOT})\s?{_XE}{{0,15}}?(?i:from)\s{_XE}{{0,15}}?(?P<a>{SLOT})"
    ),
    # B, up P from A / B, down from A
    regex.compile(
        rf"(?P<b>{SLOT})\s?[,(]?\s?(?P<verb>(?i:up|down))\s(?:(?P<p>{SLOT})\s)?(?i:from|over|compared\s+(?:with|to)|versus|vs\.?)\s{_XE}{{0,15}}?(?P<a>{SLOT})"
    ),
)
_MULT_VERBS = {
    "翻番": 2,
    "翻了一番": 2,
    "翻倍": 2,
    "翻了一倍": 2,
    "doubled": 2,
    "tripled": 3,
    "quadrupled": 4,
    "halved": Decimal("0.5"),
}
_DOWN_WORDS = regex.compile(rf"^(?:{_DOWN_ZH}|{_DOWN_EN}|降幅|跌幅|reduction)$", regex.IGNORECASE)
_RISE = regex.compile(r"增|涨|升|(?i:increase|grew|rose|up)")  # a rise: "N times" may or may not count the base
# A sentence holds a change only where one of these stands: each of _PATTERNS needs one (the
# last takes "up 5% from", "over", "compared with", "versus" or "vs"). The same as
# regex.compile(r"从|由|较|比|(?i:from|over|compared|versus|vs)|增|涨|升|降|跌|减|翻"), searched in
# the lowered text: several times faster.
_ANCHORS = ("from", "over", "compared", "versus", "vs")
_PREFILTER = re.compile(
    "|".join(["从", "由", "较", "比", *(f for w in _ANCHORS for f in lowered_forms(w)), *"增涨升降跌减翻"])
)
# The words one of which each of _PATTERNS needs (from: any case), looked for in the lowered template
# before the pattern is tried there: a sentence states its change in one language, and few hold
# "from" or 从. (str.lower gives these letters only for their own two cases.)
_NEEDS = (("从", "由"), ("from",), ("从", "由"), ("从", "由"), ("较", "比"), ("from",), ("from",), ("up", "down"))


@dataclass(frozen=True)
class _Finding:
    start: int
    end: int
    message: str


class ChangeMismatch(Rule):
    """What it does
    Checks a stated change against the before and after values stated with it:
    增长/下降/上涨/下跌 P%, up/down P%, rose/fell by P%, 翻番, doubled, "N 个百分点". The
    direction must agree (a rise to a lower value is reported), and the size must agree
    within rounding: a percentage change within ``rounding`` percentage points (or 5% of
    the stated change, whichever is larger), a change in percentage points exactly as the
    difference, a multiple within 10% (增长 N 倍 may mean ×N or ×(N+1); both are accepted).
    Approximate values count in the article's favour.

    Why is this bad?
    A change that does not match its own before and after figures means one of the three
    numbers is wrong, and the reader cannot tell which.

    Example
    ```text
    营收从 10 亿美元增长 50% 至 12 亿美元。
    ```
    is reported: ``stated change of +50% does not match 10 亿美元 → 12 亿美元 (+20.0%)``.
    "Google Gemini市场份额从 2025 年 1 月的 5.4% 跃升至 18.2%" states no size and rises:
    nothing is reported.
    """

    code = "FL103"
    name = "change-mismatch"
    family = "numbers"
    severity = Severity.WARNING
    summary = "A stated change (up 20%, 下降, doubled) contradicts the stated before and after values."
    options = (
        Option("rounding", float, 1.0, "percentage points a stated percentage change may be off by rounding"),
        Option("multiple_tolerance", float, 0.1, "relative slack for stated multiples (doubled, 翻番, 3倍)"),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        analysis = analyse(doc)
        norm = analysis.norm
        for sent in analysis.sentences:
            if len(sent.mentions) < 2 or not _PREFILTER.search(analysis.lower, sent.start, sent.end):
                continue
            t = template(norm, sent.start, sent.end, sent.mentions)
            seen: set[int] = set()
            for f in self._findings(t):
                if f.start not in seen:
                    seen.add(f.start)
                    yield self.report(doc, f.start, f.end, f.message)

    def _findings(self, t: Template) -> Iterator[_Finding]:
        rounding = Decimal(str(self.settings["rounding"]))
        mult_tol = Decimal(str(self.settings["multiple_tolerance"]))
        done: set[tuple[int, int]] = set()
        lowered = t.text.lower()
        for pattern, needs in zip(_PATTERNS, _NEEDS, strict=True):
            if not any(word in lowered for word in needs):
                continue
            for m in pattern.finditer(t.text):
                a, b = t.mention(m["a"]), t.mention(m["b"])
                if (a.start, b.start) in done:
                    continue
                done.add((a.start, b.start))
                groups = m.groupdict()
                p_slot = groups.get("p") or groups.get("p2")
                p = t.mention(p_slot) if p_slot else None
                # durations and sizes ("构建速度从 29.6 秒提高到 1.3 秒") often measure the opposite of the
                # verb's subject (speed up = less time): only money, percentages and counts are judged
                if not same_dimension(a, b) or a.kind not in ("currency", "percent", "count", "number", "unit"):
                    continue
                if a.bound == "range" or b.bound == "range":
                    continue
                verb_group = "verb" if groups.get("verb") else "verb2"
                verb = " ".join(m[verb_group].split()).lower().rstrip("了")
                verb_span = (t.offset(m.start(verb_group)), t.offset(m.end(verb_group)))
                yield from self._judge(a, b, p, verb, verb_span, rounding, mult_tol)

    def _judge(  # noqa: PLR0917
        self,
        a: Mention,
        b: Mention,
        p: Mention | None,
        verb: str,
        verb_span: tuple[int, int],
        rounding: Decimal,
        mult_tol: Decimal,
    ) -> Iterator[_Finding]:
        a_low, a_high = a.quantity.low, a.quantity.high
        b_low, b_high = b.quantity.low, b.quantity.high
        down = bool(_DOWN_WORDS.match(verb))
        before, after = _quote(a), _quote(b)
        # direction (not for durations and sizes: 速度从 29.6 秒提高到 1.3 秒 is a speed-up)
        if a.kind == "unit":
            if p is None or a.value is None or b.value is None:
                return
            down = b.value < a.value  # only the size is judged
        elif not down and b_high is not None and a_low is not None and b_high < a_low:
            yield _Finding(*verb_span, f'"{verb}" but the value falls from {before} to {after}')
            return
        elif down and b_low is not None and a_high is not None and b_low > a_high:
            yield _Finding(*verb_span, f'"{verb}" but the value rises from {before} to {after}')
            return
        if a_low is None or a_high is None or b_low is None or b_high is None or a_low <= 0:
            return
        multiple = _MULT_VERBS.get(verb)
        if multiple is not None:
            factor = Decimal(multiple)
            lo_ratio, hi_ratio = b_low / a_high, b_high / a_low
            if hi_ratio < factor * (1 - mult_tol) or lo_ratio > factor * (1 + mult_tol):
                ratio = b.value / a.value  # type: ignore[operator]
                yield _Finding(*verb_span, f'"{verb}" means ×{fmt(factor)} but {before} → {after} is ×{ratio:.2f}')
            return
        if p is None or p.value is None:
            return
        p_low = p.quantity.low if p.quantity.low is not None else p.value
        p_high = p.quantity.high if p.quantity.high is not None else None
        if p.kind == "percent":
            lo_change = (b_low / a_high - 1) * 100
            hi_change = (b_high / a_low - 1) * 100
            if down:
                lo_change, hi_change = -hi_change, -lo_change
            candidates = [(lo_change, hi_change)]
            if a.kind == "percent":  # "from 5% to 6%, up 1%" may mean one point
                diff_lo, diff_hi = b_low - a_high, b_high - a_low
                candidates.append((-diff_hi, -diff_lo) if down else (diff_lo, diff_hi))
            slack = max(rounding, p_low * Decimal("0.05"))
            if not any(_overlaps(p_low, p_high, lo - slack, hi + slack) for lo, hi in candidates):
                actual = (b.value / a.value - 1) * 100  # type: ignore[operator]
                sign = "-" if down else "+"
                yield _Finding(
                    p.start,
                    p.end,
                    f"stated change of {sign}{fmt(p.value)}% does not match {before} → {after} ({actual:+.1f}%)",
                )
        elif p.kind == "pp" and a.kind == "percent":
            lo_diff, hi_diff = b_low - a_high, b_high - a_low
            if down:
                lo_diff, hi_diff = -hi_diff, -lo_diff
            slack = max(rounding / 10, Decimal("0.05"))
            if not _overlaps(p_low, p_high, lo_diff - slack, hi_diff + slack):
                actual = b.value - a.value  # type: ignore[operator]
                yield _Finding(
                    p.start,
                    p.end,
                    f"stated change of {fmt(p.value)} percentage points does not match {before} → {after}"
                    f" ({actual:+.1f} points)",
                )
        elif p.kind == "multiple":
            lo_ratio, hi_ratio = b_low / a_high, b_high / a_low
            factors = [p_low, p_low + 1] if _RISE.search(verb) else [p_low]
            if down:
                factors = [1 / f for f in factors if f]
            if not any(_overlaps(f * (1 - mult_tol), f * (1 + mult_tol), lo_ratio, hi_ratio) for f in factors):
                ratio = b.value / a.value  # type: ignore[operator]
                yield _Finding(
                    p.start, p.end, f"stated change of ×{fmt(p.value)} does not match {before} → {after} (×{ratio:.2f})"
                )


def _overlaps(p_low: Decimal, p_high: Decimal | None, lo: Decimal, hi: Decimal) -> bool:
    if p_high is None:
        return p_low <= hi
    return p_low <= hi and p_high >= lo


def _quote(m: Mention) -> str:
    return " ".join(m.text.split())
