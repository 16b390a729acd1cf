"""The quote finder's shortcuts must not change a result: each agrees with the slow way."""

from __future__ import annotations

import sys

import pytest
from factlint_quotes import quotes

from factlint.document import parse


def test_is_letter_agrees_with_the_letter_pattern_on_every_character() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert quotes._is_letter(ch) == bool(quotes._LETTER_RE.match(ch)), hex(code)
    assert not quotes._is_letter("")


def _url_tail_marks_by_scan(text: str, prose: str) -> list[int]:
    """Every URL run looked at, with no prefilter."""
    found: list[int] = []
    for run in quotes._URL_RUN_RE.finditer(text):
        m = quotes._URL_TAIL_RE.match(text, run.start())
        if m is not None:
            found.extend(i for i in range(m.start("marks"), m.end("marks")) if prose[i] == " ")
    return found


@pytest.mark.parametrize(
    "text",
    [
        "No link here, “just quotes” and the users’ data.\n",
        "See https://example.com/a” for more.\n",
        "“Read www.example.org/x’.” she said, and http://a.b/c」。\n",
        "Two: https://x.y/z”», then https://x.y/w.\n",
        "```\nhttps://x.y/code”\n```\nand “prose”\n",
        "Link [t](https://x.y/p”) and <https://x.y/q”> and https://x.y/r”*.\n",
        "『见 https://x.y/z』 和 «www.a.b/c» 以及 https://x.y/w』』.\n",
    ],
)
def test_url_tail_marks_agree_with_a_scan_of_every_url(text: str) -> None:
    doc = parse("a.md", text)
    assert quotes._url_tail_marks(doc.text, doc.prose) == _url_tail_marks_by_scan(doc.text, doc.prose)
