"""The quote finder: marks paired into quotes, apostrophes ignored, unpaired marks found."""

from __future__ import annotations

import pytest
from factlint_quotes.quotes import excerpt, pair_marks

from factlint.document import parse


def quotes_of(text: str, path: str = "a.md") -> list[str]:
    doc = parse(path, text)
    return [doc.text[q.content_start : q.content_end] for q in pair_marks(doc).quotes]


def unpaired_of(text: str, path: str = "a.md") -> list[tuple[str, str]]:
    doc = parse(path, text)
    return [(u.char, u.problem) for u in pair_marks(doc).unpaired]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("贾扬清也在朋友圈中表示：「这点我充满信心。」\n", ["这点我充满信心。"]),
        (
            "周健则认为：「目前阶段更加像是一个“玩具”，是很难用起来的。」\n",
            ["目前阶段更加像是一个“玩具”，是很难用起来的。", "玩具"],
        ),
        ("「外层『内层』外层」\n", ["外层『内层』外层", "内层"]),
        ('He said "hello there" and left.\n', ["hello there"]),
        ("He said ‘hello there’ and left.\n", ["hello there"]),
        ('“Production data is the start," said ONRR’s Jon Swedin.\n', ["Production data is the start,"]),
        ("Il a dit « bonjour » et ‹ salut ›.\n", [" bonjour ", " salut "]),
        ("Er sagte »Hallo« und ging.\n", ["Hallo"]),
        ("the 'AI Model Relay Station' and the \"toll fee\"\n", ["AI Model Relay Station", "toll fee"]),
        ("对《经济学人》毒舌地评论道\n", []),
        ('called "[evidence based medicine](http://example.org/ebm)". The idea\n', ["[evidence based medicine]"]),
    ],
)
def test_quotes_are_paired(text: str, expected: list[str]) -> None:
    found = quotes_of(text)
    # the link target is blanked in prose; compare on what is left of the text
    assert [f.split("](")[0] + ("]" if "](" in f else "") for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't worry, it's the company's plan.\n",
        "The 90's and the ’90s, rock 'n' roll, 'em all.\n",
        "The users’ data and the students' work.\n",
        'A 12" screen and a 5\'10" person.\n',
        "n « p and n«p are math.\n",
        'zone=”dc-1” and alt="x" are attributes.\n',
        "《世界通史》是一本书。\n",
    ],
)
def test_apostrophes_and_signs_are_not_quotes(text: str) -> None:
    assert quotes_of(text) == []
    assert unpaired_of(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("汰弱留强或者差异分化的局面会加速。」\n", [("」", "unopened")]),
        ("due to “the black box of government) programs\n", [("“", "unclosed")]),
        ("那个人告诉他：“爱因斯坦只是问了洗手间怎么走。“\n", [("“", "reversed")]),
        ("这个圆就称为”康威圆“。\n", [("”", "swapped")]),
        ("defines open source software as ”software that can be shared by anyone.”\n", [("”", "reversed")]),
        ("常规的“应用实现“赛道\n", [("“", "reversed")]),
        ('If they say "This is my problem,"" it may be\n', [('"', "unopened")]),
        ('- Hellekson, Gunnar (2014) " An Agency that Learns", a post\n', []),
    ],
)
def test_unpaired_marks(text: str, expected: list[tuple[str, str]]) -> None:
    assert unpaired_of(text) == expected


def test_quote_over_two_paragraphs_is_paired() -> None:
    text = '"Lalitha led the charge for the product.\n\nShe was a critical partner in piloting it."\n'
    assert unpaired_of(text) == []
    assert len(quotes_of(text)) == 1


def test_turned_mark_opening_a_quotation_over_paragraphs_is_one_finding() -> None:
    text = "> ”值班室在仓库一角。小的，干净的，水泥色。\n>\n> 不久仓库里变得好安静。”\n"
    assert unpaired_of(text) == [("”", "reversed")]


def test_closing_mark_after_a_bare_url_is_kept() -> None:
    text = ">*“Learn how we protect your information at https://www.gsa.gov/privacy”*\n"
    assert unpaired_of(text) == []
    assert len(quotes_of(text)) == 1


def test_multi_paragraph_convention_is_not_unbalanced() -> None:
    text = "“My path to 18F was a circuitous one.\n\n“Every day is the best kind of challenge.” - Kate\n"
    assert unpaired_of(text) == []


def test_quote_after_html_block_is_not_unbalanced() -> None:
    text = (
        '<div class="pquote">\n  <blockquote>\n  “My path to 18F was a circuitous one.\n</div>\n\nEvery day is good.”\n'
    )
    assert unpaired_of(text) == []


def test_excerpt_cuts_long_quotes_in_the_middle() -> None:
    assert excerpt("short") == "short"
    cut = excerpt("a" * 30 + " " + "b" * 30, 20)
    assert cut.startswith("a" * 10) and cut.endswith("b" * 10) and "…" in cut


def test_run_of_marks_is_one_finding() -> None:
    assert unpaired_of('He wrote """"""" here.\n') == [('"', "run")]


def test_wall_of_unmatched_marks_is_fast() -> None:
    import time

    text = "“「‘'\"『" * 5000 + "\n"
    start = time.process_time()
    unpaired_of(text)
    assert time.process_time() - start < 5.0
