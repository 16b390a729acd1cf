"""The quote finder's shortcuts must not change a result: each agrees with the slow way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex
import yaml
from factlint_quotes import attribution, lexicon, quotes

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


def _blanked_by_count(text: str, prose: str) -> bool:
    """The slow way: a mark was blanked when the prose holds fewer of it than the text."""
    return not all(text.count(mark) == prose.count(mark) for mark in quotes._URL_TAIL_MARKS)


def _blanked_by_scan(text: str, prose: str) -> list[int]:
    """Every offset looked at."""
    return [i for i, ch in enumerate(text) if ch in quotes._URL_TAIL_MARKS and prose[i] != ch]


URL_TEXTS = [
    "",
    "No link here, “just quotes” and the users’ data.\n",
    "See https://example.com/a” for more.\n",
    "“Read www.example.org/x’.” she said, and http://a.b/c」。\n",
    "Two: https://x.y/z”», then https://x.y/w.\n",
    "```\nhttps://x.y/code”\n```\nand “prose”\n",
    "Link [t](https://x.y/p”) and <https://x.y/q”> and https://x.y/r”*.\n",
    "『见 https://x.y/z』 和 «www.a.b/c» 以及 https://x.y/w』』.\n",
    "No marks, no link.\n",
    "“Quotes” in prose, ‘single’ too, 「corner」 『white』 «guillemets».\n",
    "`code ”’」』»` and then “prose”.\n",
    "```\n”’」』»\n```\n",
    '<span title="a”b">x</span> and «y»\n',
    "---\ntitle: “front” matter’s\n---\nBody “text”.\n",
    "https://a.b/c” at the start, and x”https://d.e/f” glued, and www.g.h”」.\n",
    'Stops: <https://a.b/c”> "https://d.e/f”" a”<www.g.h/i”> https://j.k/l”\n',
    "他说“见 https://a.b/c”。然后「www.d.e/f」\t和 https://g.h/i』』*. 完，x』https://j.k/l』』 再见\n",
    "Twice in one stretch: https://a.b/c”https://d.e/f” and www.x.y”www.z.w”.\n",
    "A tab\thttps://a.b/c”\tand a no-break\u00a0https://d.e/f”\u00a0and\u3000https://g.h/i」\u3000.\n",
]


def _url_tail_marks_now(text: str, prose: str) -> list[int]:
    return quotes._url_tail_marks(text, prose, quotes._mark_offsets(text, prose)[1])


@pytest.mark.parametrize("text", URL_TEXTS)
def test_url_tail_marks_agree_with_a_scan_of_every_url(text: str) -> None:
    doc = parse("a.md", text)
    assert _url_tail_marks_now(doc.text, doc.prose) == _url_tail_marks_by_scan(doc.text, doc.prose)
    for cut in range(len(doc.text) + 1):
        head, prose_head = doc.text[:cut], doc.prose[:cut]
        assert _url_tail_marks_now(head, prose_head) == _url_tail_marks_by_scan(head, prose_head)


@pytest.mark.parametrize("text", URL_TEXTS)
def test_mark_offsets_agree_with_a_scan_of_every_character(text: str) -> None:
    doc = parse("a.md", text)
    # and on every cut of the pair (the check must hold for any text and its blanking)
    for cut in range(len(doc.text) + 1):
        head, prose_head = doc.text[:cut], doc.prose[:cut]
        found, blanked = quotes._mark_offsets(head, prose_head)
        assert found == [i for i, ch in enumerate(prose_head) if ch in quotes._MARKS]
        assert blanked == _blanked_by_scan(head, prose_head)
        assert bool(blanked) == _blanked_by_count(head, prose_head)


def _stops(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if quotes._URL_STOP_RE.fullmatch(ch)]


@pytest.mark.parametrize("text", URL_TEXTS)
def test_url_runs_near_are_the_runs_of_a_full_scan(text: str) -> None:
    """Near every offset: every run; near one offset: the run of that offset's stretch."""
    runs = [m.span() for m in quotes._URL_RUN_RE.finditer(text)]
    stops = set(_stops(text))
    offsets = [i for i in range(len(text)) if i not in stops]
    assert [m.span() for m in quotes._url_runs_near(text, offsets)] == runs
    for offset in offsets:
        lo = max([s + 1 for s in stops if s < offset], default=0)
        hi = min([s for s in stops if s > offset], default=len(text))
        assert [m.span() for m in quotes._url_runs_near(text, [offset])] == [r for r in runs if lo <= r[0] < hi]


def test_url_stop_patterns_are_one_class_both_ways() -> None:
    """The backward search finds the last stop before an offset, as a forward scan does."""
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert bool(quotes._URL_STOP_RE.fullmatch(ch)) == bool(quotes._URL_STOP_BACK_RE.fullmatch(ch))
        # a stop is exactly what ends a run's body
        assert bool(quotes._URL_STOP_RE.fullmatch(ch)) == (quotes._URL_RUN_RE.fullmatch("www." + ch) is None)
    text = 'a b<c>d"e\u3000f\ng'
    for offset in range(len(text) + 1):
        found = quotes._URL_STOP_BACK_RE.search(text, 0, offset)
        assert (found.start() if found else -1) == max([s for s in _stops(text) if s < offset], default=-1)


QUOTED = [
    "",
    "   ",
    "**",
    " *_加粗的话，很重要_* ",
    "**“我们不会放弃。”**",
    "这是一个很长的句子，我们在这里说话。",
    "围猎",
    "toll fee",
    " *We don't know*, she said. ",
    "__rock 'n' roll__",
    "U.S. v. Smith-Jones’ case ",
    "** 1,000 人 **",
    "Ruby 3x3 与 GPT-4o_",
    "_*_ a _*_",
]


@pytest.mark.parametrize("content", QUOTED)
def test_quote_text_counts_agree_with_counts_of_the_unstripped_text(content: str) -> None:
    """QuoteText counts the stripped text once; the speech tests used to count the raw one."""
    for cut in range(len(content) + 1):
        for piece in (content[:cut], content[cut:]):
            quoted = attribution.QuoteText(piece)
            counts = (len(attribution.HAN_RE.findall(piece)), len(attribution._WORD_RE.findall(piece)))
            assert (quoted.han, quoted.words) == counts
            assert (quoted.han, quoted.words) == counts  # read again: the remembered counts


def test_stripped_characters_are_never_part_of_a_count() -> None:
    """Why the counts agree: the stripped characters are not Han and in no class of _WORD_RE."""
    for ch in " *_":
        assert not attribution.HAN_RE.search(ch)
        assert not regex.search(r"[\p{L}\p{N}’'.-]", ch)


@pytest.mark.parametrize("text", [*QUOTED, *URL_TEXTS, "ab中c", "中"])
def test_one_han_search_of_two_adjacent_ranges_is_two_searches(text: str) -> None:
    """lang_of searches the 8 characters before a quote and the quote in one go."""
    for lo in range(len(text) + 1):
        for mid in range(lo, len(text) + 1):
            for hi in range(mid, min(len(text), mid + 12) + 1):
                two = attribution.HAN_RE.search(text, mid, hi) or attribution.HAN_RE.search(text, lo, mid)
                assert bool(attribution.HAN_RE.search(text, lo, hi)) == bool(two)


def test_han_count_is_the_number_of_han_matches() -> None:
    """han_count deletes the runs of \\P{Han}: the exact complement of \\p{Han}, on every character."""
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert bool(attribution.HAN_RE.match(ch)) != bool(attribution._NON_HAN_RUN_RE.match(ch)), hex(code)
    for text in [*QUOTED, *URL_TEXTS, "中文，English 混合：𠀀𪜀〇々〆\u3007\U00020000 end"]:
        for cut in range(len(text) + 1):
            for piece in (text[:cut], text[cut:]):
                assert attribution.han_count(piece) == len(attribution.HAN_RE.findall(piece))


def test_the_speech_lexicon_reads_alike_with_either_yaml_loader() -> None:
    path = Path(lexicon.__file__).resolve().parent / "data" / "speech.yaml"
    assert lexicon._read_data() == yaml.safe_load(path.read_text(encoding="utf-8"))


def _span(m: regex.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m is not None else None


@pytest.mark.parametrize("prefix", ["", "张三", "2024年3月", "下午", "  ", "3\n", "ab 12 "])
def test_time_tail_is_the_search_it_spares(prefix: str) -> None:
    """``_time_tail`` returns no match without a search only where the search finds none: every
    character it decides on, after texts that end in a time or not."""
    decided = [chr(c) for c in [*range(0x80), *range(0x4E00, 0xA000)]]
    others = ["", "年", "午", "上", "晨", "\n", "\u3000", "\u00a0", "\u0660", "\U0001d7d9", "é", "Ａ", "１"]
    for last in [*decided, *attribution._NOT_A_TIME_TAIL_END, *others]:
        text = prefix + last
        assert _span(attribution._time_tail(text)) == _span(attribution._ZH_TIME_TAIL.search(text)), repr(text)
