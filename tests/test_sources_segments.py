"""The sources plugin's segments: the related-items header is found where a search finds it."""

from __future__ import annotations

import regex
from factlint_sources import segments
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS, ROOT, SEEDS
from tests.test_properties import PROFILE

# The header searched the plain way: after a newline, at every line of the text.
_HEADER_AFTER_NEWLINE = regex.compile(r"\n" + segments._HEADER_LINE, regex.MULTILINE | regex.IGNORECASE)


def _find_header_by_search(text: str, pos: int) -> tuple[int, int] | None:
    if pos == 0 or text[pos - 1] == "\n":
        m = segments._HEADER_AT.match(text, pos)
        if m is not None:
            return m.start(), m.end()
    m = _HEADER_AFTER_NEWLINE.search(text, pos)
    return (m.start() + 1, m.end()) if m is not None else None


def test_headers_are_those_a_search_finds_on_real_articles() -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "fixtures").rglob("*.md"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))
    assert len(paths) > 100
    found = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for pos in (0, text.find("\n") + 1, len(text) // 2):
            expected = _find_header_by_search(text, pos)
            assert segments._find_header(text, pos) == expected, (path, pos)
            found += expected is not None
    assert found or not CORPUS.is_dir()


_HEADERS = [
    "Related Reads", "Related articles", "RELATED POSTS", "related News", "Related Stories",
    "Read More", "read next", "More from Reuters", "More stories", "You May Also Like",
    "You might also like", "Recommended", "Recommended for you", "Latest News",
    "相关新闻", "相关阅读", "相关文章", "相关推荐", "相关报道", "推荐阅读", "延伸阅读",
    "猜你喜欢", "热门文章", "热门推荐", "更多新闻", "更多文章",
]  # fmt: skip


def _case_variant(header: str, data: st.DataObject) -> str:
    """The header with each letter in either case, or a character the regex module's
    IGNORECASE matches with it (Kelvin sign, long s, dotted capital I)."""
    others = {"k": "\u212a", "s": "\u017f", "i": "\u0130"}
    out = []
    for ch in header:
        choices = [ch, ch.lower(), ch.upper()]
        if ch.lower() in others:
            choices.append(others[ch.lower()])
        out.append(data.draw(st.sampled_from(choices)))
    return "".join(out)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 300))
@given(st.data())
def test_headers_are_those_a_search_finds_on_generated_text(data: st.DataObject) -> None:
    pieces = st.one_of(
        st.sampled_from(["\n", "\r\n", " ", "\t", "#", "*", "**", ":", "：", "x", "Re", "Mo", "相关", "ago"]),
        st.sampled_from(_HEADERS).map(lambda header: _case_variant(header, data)),
    )
    text = "".join(data.draw(st.lists(pieces, max_size=30)))
    for pos in range(len(text) + 1):
        assert segments._find_header(text, pos) == _find_header_by_search(text, pos), pos


def test_the_candidate_pattern_finds_every_header_whatever_its_case() -> None:
    """Every character IGNORECASE matches with one of a header's first three letters may stand
    there for the candidate pattern."""
    prefixes = sorted({header[:3] for header in _HEADERS})
    letters = sorted({ch.lower() for prefix in prefixes for ch in prefix})
    alphabet = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in letters:
        for ch in regex.findall(f"(?i:{regex.escape(letter)})", alphabet):
            for prefix in prefixes:
                for place in range(3):
                    if prefix[place].lower() == letter:
                        line = "\n" + prefix[:place] + ch + prefix[place + 1 :]
                        assert segments._HEADER_CANDIDATE.match(line), (prefix, place, ch)
