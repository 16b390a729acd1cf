"""The shortcuts the core's document stage takes checked against the slow way."""

from __future__ import annotations

import regex

from factlint import document


def test_the_white_space_sentence_ends_take_is_the_regex_modules() -> None:
    """sentence_ends takes str.isspace less U+001C to U+001F for the regex module's \\s."""
    space = regex.compile(r"\s")
    for ch in map(chr, range(0x110000)):
        by_str = ch.isspace() and ch not in document._NOT_REGEX_SPACE
        assert by_str == (space.match(ch) is not None), hex(ord(ch))


def test_the_runs_sentence_ends_takes_are_those_of_the_patterns() -> None:
    """_CLOSERS is what _CJK_END takes after its run of ends, _AFTER_FULL_STOP what _FULL_STOP
    takes after its ".", and nothing else is."""
    ends = {ch for ch in map(chr, range(0x10000)) if document._CJK_END.match(f"{ch}x")}
    assert ends == set(document._CJK_END_FIRST)
    taken = {ch for ch in map(chr, range(0x10000)) if document._CJK_END.match(f"。{ch}x").end() == 2}
    assert taken - ends == set(document._CLOSERS)
    assert all(document._CJK_END.match(f"。{ch}{ch}x").end() == 3 for ch in document._CLOSERS)
    assert all(document._CJK_END.match(f"。」{ch}x").end() == 2 for ch in document._CJK_END_FIRST)
    after = {ch for ch in map(chr, range(0x10000)) if document._FULL_STOP.match(f".{ch} ")}
    assert after == set(document._AFTER_FULL_STOP) | {ch for ch in map(chr, range(0x10000)) if regex.match(r"\s", ch)}


def test_abbreviations_by_last_character_are_all_of_them() -> None:
    by_last = document._ABBREVIATED_BY_LAST
    assert sorted(word for words in by_last.values() for word in words) == sorted(document._ABBREVIATED)
    assert all(word[-1] == last for last, words in by_last.items() for word in words)


def test_sentence_ends_at_every_character() -> None:
    """Each character after a sentence end, and after its closing quote."""
    for ch in map(chr, range(0x3100)):
        for text in (f"a.{ch}", f"a.”{ch} ", f"中。{ch}", f"中。」{ch}", f"a;{ch}\n", f"Inc.{ch} "):
            assert document.sentence_ends(text) == [m.span() for m in document._SENTENCE_END.finditer(text)], text
