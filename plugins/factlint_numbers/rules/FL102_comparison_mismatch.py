"""FL102 comparison-mismatch: a stated comparison that the stated values contradict."""

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
from factlint_numbers.compare import NOT_SLOT, SLOT, Template, fmt, same_dimension, template
from factlint_numbers.quantities import Mention

if TYPE_CHECKING:
    from factlint.document import Document
    from factlint_numbers.claims import Analysis, SentenceInfo

_G = rf"{NOT_SLOT}"  # any character but a quantity slot
_STOP = "。；;！？!?"

# "A …, 不到 B … 一半" / "A, less than half of B" / "A is half of B"
_HALF_ZH = regex.compile(
    rf"(?P<a>{SLOT})[^{_STOP}\ue000-\ue0ff]{{0,24}}?(?P<cue>不到|不足|低于|少于|不及|超过|高于|多于|仅为|只有|是|为|相当于|约为)"
    rf"[^{_STOP}\ue000-\ue0ff，,]{{0,24}}?(?P<b>{SLOT})[^{_STOP}\ue000-\ue0ff，,]{{0,10}}?的?\s?(?P<half>一半)"
)
_HALF_EN = regex.compile(
    rf"(?P<a>{SLOT})[^.;!?\ue000-\ue0ff]{{0,40}}?(?P<cue>(?i:less\s+than|under|more\s+than|over|about|roughly|nearly|almost|"
    rf"exactly|just|is|was|only))?\s(?P<half>half)\s(?:of\s(?:the\s|that\sof\s|its\s)?|the\s|that\sof\s|as\s(?:much|many|large|high)\sas\s)"
    rf"[^.;!?\ue000-\ue0ff]{{0,30}}?(?P<b>{SLOT})"
)
# "A 是 B 的 N 倍" / "A is N times B" / "N times as much as B" / "超过 B 两倍" / "more than double B"
_TIMES_ZH = regex.compile(
    rf"(?P<a>{SLOT})[^{_STOP}\ue000-\ue0ff]{{0,20}}?(?P<cue>是|为|相当于|达到?|约为)\s?[^{_STOP}\ue000-\ue0ff]{{0,16}}?(?P<b>{SLOT})"
    rf"[^{_STOP}\ue000-\ue0ff，,]{{0,8}}?的\s?(?P<n>{SLOT})"
)
_MORE_TIMES_ZH = regex.compile(
    rf"(?P<a>{SLOT})[^{_STOP}\ue000-\ue0ff]{{0,20}}?(?P<cue>比|超过|超出|高于|高出)\s?[^{_STOP}\ue000-\ue0ff]{{0,16}}?(?P<b>{SLOT})"
    rf"[^{_STOP}\ue000-\ue0ff，,]{{0,8}}?(?:高|多|大|贵|快)?(?:出|了)?\s?(?P<n>{SLOT})"
)
_TIMES_EN = regex.compile(
    rf"(?P<a>{SLOT})[^.;!?\ue000-\ue0ff]{{0,50}}?(?P<n>{SLOT})\s(?P<cue>(?i:as\s+(?:much|many|large|high|big|expensive|fast)\s+as"
    rf"|more\s+than|higher\s+than|larger\s+than|bigger\s+than|greater\s+than|the\s+(?:size|price|level|value)\s+of))\s"
    rf"(?:the\s|that\sof\s|its\s)?[^.;!?\ue000-\ue0ff]{{0,25}}?(?P<b>{SLOT})"
)
_DOUBLE_EN = regex.compile(
    rf"(?P<a>{SLOT})[^.;!?\ue000-\ue0ff]{{0,40}}?(?P<cue>(?i:more\s+than\s+(?:double|twice)|(?:roughly\s+|about\s+|nearly\s+)?"
    rf"(?:double|twice)))\s(?:that\sof\s|the\s|its\s)?[^.;!?\ue000-\ue0ff]{{0,25}}?(?P<b>{SLOT})"
)
# "A 比 B 高/低", "A, higher/cheaper than B"
_CMP_ZH = regex.compile(
    rf"(?P<a>{SLOT})[^{_STOP}\ue000-\ue0ff，,]{{0,16}}?[，,]?\s?(?P<cue>比(?!如|较|例|赛|特|重|率|分|喻|方|对|拟))\s?"
    rf"[^{_STOP}\ue000-\ue0ff，,]{{0,16}}?(?P<b>{SLOT})\s?(?:还|更|要)?"
    rf"(?P<dir>高|低|多|少|贵|便宜|大|小)"
)
_CMP_EN = regex.compile(
    rf"(?P<a>{SLOT})[^.;!?\ue000-\ue0ff]{{0,40}}?(?P<cue>(?i:higher|lower|cheaper|more\s+expensive|greater|larger|smaller|"
    rf"bigger))\sthan\s(?:the\s|that\sof\s|its\s)?[^.;!?\ue000-\ue0ff]{{0,25}}?(?P<b>{SLOT})"
)
_UP = frozenset(["高", "多", "贵", "大", "higher", "greater", "larger", "bigger", "more", "expensive"])
# A sentence holds a comparison only where one of these stands, or where one of its figures is a
# multiple ("5 倍", "5 times", "5x", "5×": the "N times" forms need one, and "5x as much as" holds
# no other cue). The same as regex.compile(r"一半|倍|比|half|times|double|twice|than", regex.IGNORECASE),
# searched in the lowered text: several times faster.
_CUE_PREFILTER = re.compile(
    "|".join(["一半", "倍", "比", *(f for w in ["half", "times", "double", "twice", "than"] for f in lowered_forms(w))])
)


def may_compare(analysis: Analysis, sent: SentenceInfo) -> bool:
    """Whether the sentence is worth templating: two figures, and a cue or a multiple among them."""
    if len(sent.mentions) < 2:
        return False
    return _CUE_PREFILTER.search(analysis.lower, sent.start, sent.end) is not None or any(
        m.kind == "multiple" for m in sent.mentions
    )


@dataclass(frozen=True)
class _Finding:
    start: int
    end: int
    message: str


class ComparisonMismatch(Rule):
    """What it does
    Checks comparisons stated between two figures of one sentence against the figures
    themselves: 不到…一半 / less than half, 是…的 N 倍 / N times, 超过…两倍 / more than double,
    比…高/低 / higher/lower than. Both figures must measure the same thing (the same currency
    and rate, both percentages, both counts). Approximate figures count in their favour.

    Why is this bad?
    A comparison the numbers contradict is either a wrong figure or a wrong claim, and
    readers who do the arithmetic stop trusting the article.

    Example
    ```text
    Google AI Plus,美国定价12.99美元/月,不到 ChatGPT PLus 会员(20 美元/月)一半的价格。
    ```
    is reported: ``12.99 is not less than half of 20 (10.00)``. With 7.99 美元/月 the sentence
    is true and nothing is reported.
    """

    code = "FL102"
    name = "comparison-mismatch"
    family = "numbers"
    severity = Severity.ERROR
    summary = "A stated comparison (less than half, N times, higher than) contradicts the stated values."
    options = (Option("tolerance", float, 0.1, "relative slack for 'N times' and 'half' stated as equalities"),)

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        analysis = analyse(doc)
        norm = analysis.norm
        tol = Decimal(str(self.settings["tolerance"]))
        for sent in analysis.sentences:
            if not may_compare(analysis, sent):
                continue
            t = template(norm, sent.start, sent.end, sent.mentions)
            seen: set[int] = set()
            for f in self._findings(t, tol):
                if f.start in seen:
                    continue
                seen.add(f.start)
                yield self.report(doc, f.start, f.end, f.message)

    def _findings(self, t: Template, tol: Decimal) -> Iterator[_Finding]:
        for pattern in (_HALF_ZH, _HALF_EN):
            for m in pattern.finditer(t.text):
                a, b = t.mention(m["a"]), t.mention(m["b"])
                if not _same(a, b):
                    continue
                cue = (m["cue"] or "").lower()
                half_b = (b.quantity.low or Decimal(0)) / 2, (b.quantity.high or b.quantity.low or Decimal(0)) / 2
                a_low, a_high = a.quantity.low, a.quantity.high
                bad = ""
                if cue in ("不到", "不足", "低于", "少于", "不及") or cue.startswith(("less", "under")):
                    if a_low is not None and a_low >= half_b[1]:
                        bad = (
                            f"{fmt(a_low)} is not less than half of {fmt(b.value)} ({fmt(b.value / 2, computed=True)})"  # type: ignore[operator]
                        )
                elif cue in ("超过", "高于", "多于") or cue.startswith(("more", "over")):
                    if a_high is not None and a_high <= half_b[0]:
                        bad = (
                            f"{fmt(a_high)} is not more than half of {fmt(b.value)} ({fmt(b.value / 2, computed=True)})"  # type: ignore[operator]
                        )
                elif a.value is not None and b.value is not None and not _close(a, b.value / 2, tol + _slack(cue)):
                    bad = f"{fmt(a.value)} is not half of {fmt(b.value)} ({fmt(b.value / 2, computed=True)})"
                if bad:
                    yield _Finding(
                        t.offset(m.start("cue") if m["cue"] else m.start("half")), t.offset(m.end("half")), bad
                    )
        for pattern in (_TIMES_ZH, _TIMES_EN):
            for m in pattern.finditer(t.text):
                a, b, n = t.mention(m["a"]), t.mention(m["b"]), t.mention(m["n"])
                if n.kind != "multiple" or not _same(a, b) or n.value is None or b.value is None or a.value is None:
                    continue
                cue = m["cue"].lower()
                if n.bound in ("over", "atleast"):
                    if a.quantity.high is not None and a.quantity.high <= n.value * (b.quantity.low or b.value):
                        yield _Finding(
                            n.start,
                            n.end,
                            f"{fmt(a.value)} is not more than {fmt(n.value)} times {fmt(b.value)}"
                            f" ({fmt(n.value * b.value, computed=True)})",
                        )
                    continue
                factors = [n.value] + (
                    [n.value + 1] if cue.startswith(("more", "higher", "larger", "bigger", "greater")) else []
                )
                if not any(
                    _close(a, f * b.value, tol + _slack("about" if n.quantity.approximate else "")) for f in factors
                ):
                    yield _Finding(
                        n.start,
                        n.end,
                        f"{fmt(a.value)} is not {fmt(n.value)} times {fmt(b.value)}"
                        f" ({fmt(n.value * b.value, computed=True)})",
                    )
        for m in _MORE_TIMES_ZH.finditer(t.text):
            a, b, n = t.mention(m["a"]), t.mention(m["b"]), t.mention(m["n"])
            if n.kind != "multiple" or not _same(a, b) or n.value is None or b.value is None or a.value is None:
                continue
            need = n.value * (b.quantity.low or b.value)  # 超过 B 两倍: at least twice B (some read three times)
            if a.quantity.high is not None and a.quantity.high < need * (1 - tol):
                yield _Finding(
                    t.offset(m.start("cue")),
                    n.end,
                    f"{fmt(a.value)} is not {fmt(n.value)} times more than {fmt(b.value)}"
                    f" ({fmt(n.value * b.value, computed=True)})",
                )
        for m in _DOUBLE_EN.finditer(t.text):
            a, b = t.mention(m["a"]), t.mention(m["b"])
            if not _same(a, b) or a.value is None or b.value is None:
                continue
            cue = m["cue"].lower()
            if cue.startswith("more"):
                if a.quantity.high is not None and a.quantity.high <= 2 * (b.quantity.low or b.value):
                    yield _Finding(
                        t.offset(m.start("cue")),
                        t.offset(m.end("cue")),
                        f"{fmt(a.value)} is not more than double {fmt(b.value)} ({fmt(2 * b.value, computed=True)})",
                    )
            elif not _close(a, 2 * b.value, tol + _slack(cue)):
                yield _Finding(
                    t.offset(m.start("cue")),
                    t.offset(m.end("cue")),
                    f"{fmt(a.value)} is not double {fmt(b.value)} ({fmt(2 * b.value, computed=True)})",
                )
        for pattern in (_CMP_ZH, _CMP_EN):
            for m in pattern.finditer(t.text):
                a, b = t.mention(m["a"]), t.mention(m["b"])
                if not _same(a, b) or a.value is None or b.value is None:
                    continue
                word = (m["dir"] if "dir" in m.groupdict() and m["dir"] else m["cue"]).lower()
                word = " ".join(word.split())
                up = word in _UP or word.split()[0] in _UP
                if (
                    up
                    and a.quantity.high is not None
                    and b.quantity.low is not None
                    and a.quantity.high <= b.quantity.low
                ):
                    yield _Finding(
                        t.offset(m.start("cue")),
                        t.offset(m.end("cue")),
                        f"{fmt(a.value)} is not higher than {fmt(b.value)}",
                    )
                elif (
                    not up
                    and a.quantity.low is not None
                    and b.quantity.high is not None
                    and a.quantity.low >= b.quantity.high
                ):
                    yield _Finding(
                        t.offset(m.start("cue")),
                        t.offset(m.end("cue")),
                        f"{fmt(a.value)} is not lower than {fmt(b.value)}",
                    )


def _same(a: Mention, b: Mention) -> bool:
    return a is not b and same_dimension(a, b) and a.kind in ("currency", "percent", "count", "unit", "pp")


def _slack(cue: str) -> Decimal:
    return Decimal("0.1") if any(w in cue for w in ("about", "roughly", "nearly", "almost", "约")) else Decimal(0)


def _close(a: Mention, target: Decimal, tol: Decimal) -> bool:
    low = a.quantity.low if a.quantity.low is not None else Decimal("-Infinity")
    high = a.quantity.high if a.quantity.high is not None else Decimal("Infinity")
    return low * (1 - tol) <= abs(target) * (1 + tol) and high * (1 + tol) >= abs(target) * (1 - tol)
