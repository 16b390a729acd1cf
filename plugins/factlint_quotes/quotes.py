"""The quote finder: quotation marks paired into quotes, per paragraph, with nesting.

Marks: 「」 『』 “” ‘’ straight double and single quotes (paired by position and by the
characters around them), « » and ‹ › (either direction). 《》 are book titles and never quotes.
Apostrophes (don't, the company's, 90's, ’90s, rock 'n' roll, the users’ data) are never
quote marks.

:func:`pair_marks` returns the quotes of a document and the marks left unpaired; the
speech/attribution analysis in :mod:`factlint_quotes.attribution` builds on it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from operator import attrgetter, sub
from typing import TYPE_CHECKING

import regex

from factlint.document import find_all

if TYPE_CHECKING:
    from collections.abc import Iterator

    from factlint.document import Block, Document

MAX_OPEN = 64  # more quotations open at once than this is not prose
# A bare URL's run of characters. Where _URL_TAIL_RE matches, its match ends where the run
# does, in closing marks then only punctuation: the runs that do not are not worth matching.
_URL_RUN_RE = regex.compile(r"(?:https?://|www\.)[^\s<>\"]*")
_URL_TAIL_MARKS = "”’」』»"
_URL_TAIL_PUNCTUATION = "*_.,;:)"
_URL_TAIL_RE = regex.compile(
    rf"{_URL_RUN_RE.pattern}?(?P<marks>[{_URL_TAIL_MARKS}]+)[{regex.escape(_URL_TAIL_PUNCTUATION)}]*(?=\s|$)"
)

# family of each mark and whether it opens (True), closes (False) or depends on context (None)
_MARKS: dict[str, tuple[str, bool | None]] = {
    "「": ("corner", True),
    "」": ("corner", False),
    "『": ("white-corner", True),
    "』": ("white-corner", False),
    "“": ("double", True),
    "”": ("double", False),
    '"': ("double", None),
    "‘": ("single", True),
    "’": ("single", False),
    "'": ("single", None),
    "«": ("guillemet", True),
    "»": ("guillemet", False),
    "‹": ("single-guillemet", True),
    "›": ("single-guillemet", False),
}
CLOSER = {"「": "」", "『": "』", "“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "‹": "›", "»": "«", "›": "‹"}

# sort keys (a C getter is cheaper to call than a lambda)
BY_START = attrgetter("start")
_BY_OFFSET = attrgetter("offset")

_GUILLEMET_PARTNER = {"»": "«", "›": "‹"}
_OPEN_BEFORE = set(" \t\n\r([{<（【「『“‘—–-：，、；")
_CLOSE_AFTER = set(" \t\n\r)]}>）】」』”’.,;:!?。，；：！？、…—–-/*_（(")
_VALUE_END_RE = regex.compile(r"[\"'”“’]")
_HAN_RE = regex.compile(r"\p{Han}")
_LETTER_RE = regex.compile(r"[\p{L}\p{N}]")
_SINGLE_EXCEPTIONS = regex.compile(r"['‘’](?:n['‘’]|em\b|tis\b|twas\b|cause\b|til\b|round\b)", regex.IGNORECASE)


@dataclass(slots=True)
class Quote:
    """A paired quote: ``start`` is the opening mark, ``end`` one past the closing mark."""

    start: int
    end: int
    family: str
    depth: int  # 0 for a top-level quote, 1 for a quote inside it, …
    block: int  # index into Document.blocks of the block holding the opening mark
    open_char: str
    close_char: str
    # filled in by the attribution analysis
    speech: bool = False
    how: str = ""  # colon | verb | tail | standalone | continuation | partial | passive
    speaker: str = ""  # the speaker phrase as written
    canonical: str = ""  # the speaker's name when one was found, else the phrase
    speaker_start: int = -1
    speaker_end: int = -1
    anonymous: bool = False
    anonymous_start: int = -1
    anonymous_end: int = -1
    lang: str = ""
    quiet: str = ""  # why an unattributed speech quote is not worth a finding (dialogue, after a heading, …)

    @property
    def content_start(self) -> int:
        return self.start + 1

    @property
    def content_end(self) -> int:
        return self.end - 1

    @property
    def attributed(self) -> bool:
        return bool(self.speaker)


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A quotation mark with no partner in its paragraph."""

    offset: int
    char: str
    family: str
    problem: str  # "unclosed" | "unopened" | "reversed" | "swapped" | "run" (of three or more identical marks)
    straight: bool = False
    block: int = -1
    turned: bool = False  # a closing mark that opens a quotation (”…): reported as reversed once paired
    length: int = 1  # marks in a run


@dataclass(slots=True)
class _BlockResult:
    quotes: list[Quote] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)


def _is_letter(ch: str) -> bool:
    # str.isalnum() is a subset of [\p{L}\p{N}] (the pattern's Unicode tables may be newer) and
    # the same on ASCII: only a non-ASCII character it rejects needs the pattern.
    if not ch:
        return False
    if ch.isalnum():
        return True
    return not ch.isascii() and _LETTER_RE.match(ch) is not None


def _reversed_guillemets(text: str, start: int, end: int) -> bool:
    """Are the guillemets of a paragraph German style (»…«): does a » come before the first «?"""
    left_g, right_g = text.find("«", start, end), text.find("»", start, end)
    return right_g >= 0 and left_g > right_g


# The curly and corner marks that pair as they come: an opening one and its closing one.
_PLAIN_PAIRS = {"“": "”", "「": "」", "『": "』"}


def _pair_block(text: str, block: Block, index: int, marks: list[int]) -> _BlockResult:
    """The quotes and unpaired marks of a block, given the offsets of its marks, in order (none
    of them an apostrophe between letters or digits: see _without_apostrophes)."""
    # Most blocks hold only “…” or 「…」 pairs one after the other: _pair_block_marks pushes each
    # opening mark on an empty stack and pops it at its closing mark, making a top-level quote.
    # Only a mark after "=" (an attribute value, skipped there) is read differently.
    if len(marks) % 2 == 0:
        quotes: list[Quote] = []
        for k in range(0, len(marks), 2):
            a, b = marks[k], marks[k + 1]
            opening = text[a]
            if _PLAIN_PAIRS.get(opening) != text[b] or text[a - 1] == "=" or text[b - 1] == "=":
                break
            quotes.append(Quote(a, b + 1, _MARKS[opening][0], 0, index, opening, text[b]))
        else:
            return _BlockResult(quotes, [])
    return _pair_block_marks(text, block, index, marks)


def _pair_block_marks(text: str, block: Block, index: int, marks: list[int]) -> _BlockResult:
    """_pair_block's pairing, mark by mark."""
    start, end = block.start, block.end
    result = _BlockResult([], [])
    stack: list[tuple[str, int, str]] = []  # (family, offset, char)
    turned: set[int] = set()  # closing marks used as opening ones (”software that …”)
    skip: set[int] = set()
    spaced: list[int] = []
    reversed_guillemets: bool | None = None  # German style, »…«: worked out at the first guillemet

    def close(family: str, offset: int, char: str) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] != family:
                continue
            for fam, off, ch in stack[depth + 1 :]:
                if fam != "single" and ch != '"':
                    problem = "unopened" if off in turned else "unclosed"
                    result.unpaired.append(Unpaired(off, ch, fam, problem, block=index))
            opened = stack[depth]
            del stack[depth:]
            if opened[1] in turned and result.unpaired and result.unpaired[-1].offset == offset:
                # ”…“: both marks the wrong way round, one finding for the pair
                result.unpaired.pop()
                turned.discard(opened[1])
                result.unpaired = [u for u in result.unpaired if u.offset != opened[1]]
                result.unpaired.append(Unpaired(opened[1], opened[2], family, "swapped", block=index))
            result.quotes.append(Quote(opened[1], offset + 1, family, depth, index, opened[2], char))
            return True
        return False

    for i in marks:
        ch = text[i]
        family, role = _MARKS[ch]
        prev = text[i - 1] if i > start else "\n"
        nxt = text[i + 1] if i + 1 < end else "\n"
        if i in skip:
            continue
        if prev == "\\" and ch in "\"'":
            continue  # an escaped quote
        if prev == "=" and i >= start + 2 and (_is_letter(text[i - 2]) or text[i - 2] in "_-]$"):
            # an attribute value or a formula: alt="…", zone=”dc-1”, =$E3="a": skip it and its closing mark
            closing = _VALUE_END_RE.search(text, i + 1, min(end, i + 200))
            if closing:
                skip.add(closing.start())
            continue
        if family in ("guillemet", "single-guillemet"):
            if reversed_guillemets is None:
                reversed_guillemets = _reversed_guillemets(text, start, end)
            if reversed_guillemets:
                role = not role
            partner = CLOSER[ch] if ch in "«‹" else _GUILLEMET_PARTNER[ch]
            if role and (nxt.isspace() or _is_letter(prev)) and text.find(partner, i + 1, end) < 0:
                continue  # n « p, n«p: a math sign, not a quote
            if not role and (prev.isspace() or _is_letter(nxt)) and not any(f == family for f, _, _ in stack):
                continue
        if ch in "'’‘":
            if _is_letter(prev) and _is_letter(nxt):
                continue  # don't, company's, 90's, o‘clock
            if _SINGLE_EXCEPTIONS.match(text, i) or (ch != "’" and nxt.isdigit()):
                continue  # rock 'n' roll, 'em, ’90s
            has_open = any(f == "single" for f, _, _ in stack)
            if ch == "’" or (ch == "'" and prev not in _OPEN_BEFORE):
                if has_open and not _is_letter(nxt):
                    close("single", i, ch)
                continue  # otherwise an apostrophe: the users’ data, students'
            if ch == "'" and nxt.isspace():
                continue
            stack.append(("single", i, ch))
            if len(stack) > MAX_OPEN:
                return _BlockResult(result.quotes, [])
            continue
        # flanking, looking through emphasis markers (**“…”**)
        j = i - 1
        while j >= start and text[j] in "*_":
            j -= 1
        k = i + 1
        while k < end and text[k] in "*_":
            k += 1
        prev_e = text[j] if j >= start else "\n"
        next_e = text[k] if k < end else "\n"
        left = (prev_e.isspace() or prev_e in _OPEN_BEFORE) and not next_e.isspace()
        right = not prev_e.isspace() and prev_e not in _OPEN_BEFORE and (next_e.isspace() or next_e in _CLOSE_AFTER)
        if ch == '"' and (_HAN_RE.match(prev_e) or _HAN_RE.match(next_e)):
            left = right = False  # no spaces around quotes in Chinese: pair by position
        has_open = bool(stack) and any(f == family for f, _, _ in stack)
        if role is None:  # straight double quote
            if prev_e.isspace() and next_e.isspace() and not has_open:
                spaced.append(i)  # a lone " between spaces: nothing, unless a closing mark follows (" An Agency")
                continue
            if left and not right and has_open and prev_e.isspace() and next_e in _CLOSE_AFTER and next_e != " ":
                right, left = True, False  # " C Sharp "）: a spaced closing mark
            if right and not left:
                role = False
            elif left and not right:
                role = True
            else:
                role = not has_open
            if role is False and not has_open:
                if prev.isdigit():
                    continue  # 12" screen, 5'10"
                if right and not left:
                    if spaced:
                        opened_at = spaced.pop()
                        result.quotes.append(Quote(opened_at, i + 1, family, len(stack), index, ch, ch))
                        continue
                    result.unpaired.append(Unpaired(i, ch, family, "unopened", straight=True, block=index))
                    continue
                role = True
        elif ch == "“" and right and not left and has_open:
            role = False  # “ typed for ”: close the quote, report the mark
            result.unpaired.append(Unpaired(i, ch, family, "reversed", block=index))
        elif (
            ch == "”"
            and not has_open
            and not nxt.isspace()
            and (
                (left and not right)
                or ((_HAN_RE.match(prev) or prev in "）)》」』") and nxt not in "，。；：！？、）」』.,;:!?)\n")
            )
        ):
            role = True  # ” typed for “
            turned.add(i)
            result.unpaired.append(Unpaired(i, ch, family, "reversed", block=index))
        if role:
            stack.append((family, i, ch))
            if len(stack) > MAX_OPEN:  # not prose: a wall of marks; give up on this paragraph
                return _BlockResult(result.quotes, [])
        elif not close(family, i, ch):
            result.unpaired.append(Unpaired(i, ch, family, "unopened", block=index))
    # “…“ or ”…“ left open: with no ” between them, the second “ was meant to close
    i = len(stack) - 1
    while i >= 1:
        (_, off_a, ch_a), (_, off_b, ch_b) = stack[i - 1], stack[i]
        if ch_b == "“" and (ch_a == "“" or off_a in turned) and "”" not in text[off_a + 1 : off_b]:
            result.quotes.append(Quote(off_a, off_b + 1, "double", i - 1, index, ch_a, ch_b))
            if off_a in turned:
                turned.discard(off_a)
                result.unpaired = [u for u in result.unpaired if u.offset != off_a]
                result.unpaired.append(Unpaired(off_a, ch_a, "double", "swapped", block=index))
            else:
                result.unpaired.append(Unpaired(off_b, ch_b, "double", "reversed", block=index))
            del stack[i - 1 : i + 1]
            i -= 2
        else:
            i -= 1
    for fam, off, ch in stack:
        if fam == "single":
            continue
        if off in turned:  # a turned mark not closed here: it may open a quotation that goes on
            result.unpaired = [u for u in result.unpaired if u.offset != off]
            result.unpaired.append(Unpaired(off, ch, fam, "unclosed", block=index, turned=True))
        else:
            result.unpaired.append(Unpaired(off, ch, fam, "unclosed", straight=ch == '"', block=index))
    return result


_LEAD_RE = regex.compile(r"[ \t>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?[ \t*_]*")


def block_lead(prose: str, block: Block) -> int:
    """Offset of the first character of a block's text after list markers, ``>`` and emphasis."""
    m = _LEAD_RE.match(prose, block.start, block.end)
    return m.end() if m else block.start


@dataclass(slots=True)
class QuoteScan:
    quotes: list[Quote]
    unpaired: list[Unpaired]


_OTHER_MARKS = "".join(mark for mark in _MARKS if mark not in _URL_TAIL_MARKS)


def _mark_offsets(text: str, prose: str) -> tuple[list[int], list[int]]:
    """The offsets of every quotation mark of the prose, in order, and of the marks of
    _URL_TAIL_MARKS that the text holds and the prose blanked, in order.

    A search per mark is several times faster than a regex scan with a class of them all. The
    prose is the text with characters blanked to spaces, so at every offset it holds the text's
    character or a space: the marks of _URL_TAIL_MARKS in the text are those in the prose and
    those blanked, told apart by the prose, and one search of the text finds both.
    """
    found: list[int] = []
    blanked: list[int] = []
    for mark in _URL_TAIL_MARKS:
        i = text.find(mark)
        while i >= 0:
            (found if prose[i] == mark else blanked).append(i)
            i = text.find(mark, i + 1)
    found += find_all(prose, _OTHER_MARKS)
    found.sort()
    blanked.sort()
    return found, blanked


# What ends a URL run: the characters _URL_RUN_RE's run may not hold.
_URL_STOP_RE = regex.compile(r"[\s<>\"]")
_URL_STOP_BACK_RE = regex.compile(_URL_STOP_RE.pattern, regex.REVERSE)


def _url_runs_near(text: str, offsets: list[int]) -> Iterator[regex.Match[str]]:
    """The URL runs _URL_RUN_RE.finditer(text) finds in the stretches between stops (_URL_STOP_RE)
    that hold one of the offsets (sorted, none of them at a stop), in text order.

    Neither a run's opening ("http://", "www.") nor its body holds a stop, and the body runs on
    to the next stop: so each stretch holds at most one run, from the first opening in it to the
    stretch's end, and a search of the stretch alone finds that run.
    """
    stretch_end = -1
    for offset in offsets:
        if offset < stretch_end:
            continue  # in the stretch searched already
        before = _URL_STOP_BACK_RE.search(text, 0, offset)
        after = _URL_STOP_RE.search(text, offset)
        stretch_end = after.start() if after else len(text)
        run = _URL_RUN_RE.search(text, before.end() if before else 0, stretch_end)
        if run is not None:
            yield run


def _url_tail_marks(text: str, prose: str, blanked: list[int]) -> list[int]:
    """The closing marks glued to the end of a bare URL that the prose blanked with it, given
    the offsets of the blanked marks of _URL_TAIL_MARKS (see _mark_offsets)."""
    found: list[int] = []
    # Only a mark the prose blanked is taken back, and a run's taken marks are in its stretch
    # (_URL_TAIL_RE holds no stop before its end): only the runs near a blanked mark are looked at.
    for run in _url_runs_near(text, blanked):
        last = run.end() - 1
        while text[last] in _URL_TAIL_PUNCTUATION:  # never past the run's start: "http", "www"
            last -= 1
        if text[last] not in _URL_TAIL_MARKS or (m := _URL_TAIL_RE.match(text, run.start())) is None:
            continue
        found.extend(i for i in range(m.start("marks"), m.end("marks")) if prose[i] == " ")
    return found


def pair_marks(doc: Document) -> QuoteScan:
    """Every quote of a document's prose blocks and every unpaired mark, in text order."""
    prose, text = doc.prose, doc.text
    blocks = doc.blocks
    results: list[tuple[int, _BlockResult]] = []
    # a run of three or more identical marks (“““, """"…) is a typo or not prose: one finding, no pairing
    runs: list[Unpaired] = []
    marks, blanked = _mark_offsets(text, prose)
    # The offsets are distinct and in order: three in a row (a run's least) are two apart, and
    # where no two are, the marks are the offsets to pair.
    offsets = _without_runs(prose, marks, runs) if 2 in map(sub, marks[2:], marks) else marks
    # a closing mark right after a bare URL is blanked with the URL in prose: take it back
    tail_marks = _url_tail_marks(text, prose, blanked)
    if tail_marks:
        offsets.extend(tail_marks)
        offsets.sort()
    offsets = _without_apostrophes(text, offsets)
    if not offsets and not runs:
        return QuoteScan([], [])
    # The offsets of a block are a slice of the sorted offsets: one search for each block that
    # holds any (the last one starting at or before its first offset, as a search of the blocks'
    # starts finds for every offset) and one for where its offsets end.
    i, n_offsets, n_blocks = 0, len(offsets), len(blocks)
    while i < n_offsets:
        offset = offsets[i]
        index = bisect.bisect_right(blocks, offset, key=BY_START) - 1
        if index < 0:
            i += 1
            continue
        block = blocks[index]
        end = block.end
        if index + 1 < n_blocks and blocks[index + 1].start < end:
            end = blocks[index + 1].start
        j = bisect.bisect_left(offsets, end, i)
        if j == i:  # after the block's end, before the next block
            i += 1
            continue
        if block.is_prose:
            results.append((index, _pair_block(text, block, index, offsets[i:j])))
        i = j
    # Only a block's unpaired marks are paired across blocks: with none, _join_blocks changes nothing.
    if any(r.unpaired for _, r in results):
        _join_blocks(prose, blocks, results)
    quotes = sorted((q for _, r in results for q in r.quotes), key=BY_START)
    unpaired = sorted([*runs, *(u for _, r in results for u in r.unpaired)], key=_BY_OFFSET)
    return QuoteScan(quotes, unpaired)


def _without_apostrophes(text: str, offsets: list[int]) -> list[int]:
    """The offsets but those of apostrophes between two letters or digits (don't, o‘clock).

    _pair_block_marks passes over such a mark and changes nothing (str.isalnum() implies
    _is_letter). About half the marks of English text, and most of its blocks hold no other:
    dropped here, before the marks are grouped by block. Whether its neighbours are in its
    block need not be asked: a block starts at a line's start and ends at the next one's (or the
    text's end), so a mark with a letter or digit on each side is neither a block's first nor
    its last character.
    """
    last = len(text) - 1
    return [
        i
        for i in offsets
        if not (text[i] in "'’‘" and 0 < i < last and text[i - 1].isalnum() and text[i + 1].isalnum())
    ]


def _without_runs(prose: str, marks: list[int], runs: list[Unpaired]) -> list[int]:
    """The marks not in a run of three or more identical ones; each run is added to ``runs``."""
    offsets: list[int] = []
    i = 0
    while i < len(marks):
        start, char = marks[i], prose[marks[i]]
        j = i + 1
        while j < len(marks) and marks[j] == start + j - i and prose[marks[j]] == char:
            j += 1
        if j - i >= 3:
            runs.append(Unpaired(start, char, _MARKS[char][0], "run", length=j - i))
        else:
            offsets.extend(marks[i:j])
        i = j
    return offsets


MAX_BLOCKS_APART = 20


def _join_blocks(prose: str, blocks: list[Block], results: list[tuple[int, _BlockResult]]) -> None:
    """Pair marks across paragraph breaks.

    A quotation may run over several paragraphs: an opening mark left at the end of one block
    pairs with the first closing mark left in a later block (no heading in between); an
    opening mark of the same kind at the start of the next block is the multi-paragraph
    convention; marks next to an HTML block belong to a quotation the HTML holds.
    """
    pending: dict[str, tuple[int, _BlockResult, Unpaired]] = {}
    _join_pending(prose, blocks, results, pending)
    for _, current in results:  # a turned mark that closed nothing is a stray closing mark
        for item in [u for u in current.unpaired if u.turned]:
            current.unpaired.remove(item)
            current.unpaired.append(Unpaired(item.offset, item.char, item.family, "unopened", block=item.block))


def _join_pending(
    prose: str,
    blocks: list[Block],
    results: list[tuple[int, _BlockResult]],
    pending: dict[str, tuple[int, _BlockResult, Unpaired]],
) -> None:
    for index, current in results:
        before_html = index + 1 < len(blocks) and blocks[index + 1].kind == "html"
        for family in list(pending):
            first = pending[family][0]
            if index - first > MAX_BLOCKS_APART or any(b.kind == "heading" for b in blocks[first + 1 : index]):
                del pending[family]
        after_html: bool | None = None  # worked out when first needed
        for item in sorted(current.unpaired, key=_BY_OFFSET):
            if item.problem != "unopened":
                continue
            if after_html is None and item.family not in pending:
                after_html = any(b.kind == "html" for b in blocks[max(0, index - 4) : index]) and not any(
                    b.kind == "heading" for b in blocks[max(0, index - 4) : index]
                )
            if item.family in pending:
                first, origin, opener = pending.pop(item.family)
                origin.unpaired.remove(opener)
                if opener.turned:
                    origin.unpaired.append(Unpaired(opener.offset, opener.char, opener.family, "reversed", block=first))
                current.unpaired.remove(item)
                origin.quotes.append(
                    Quote(opener.offset, item.offset + 1, item.family, 0, first, opener.char, item.char)
                )
            elif after_html:
                current.unpaired.remove(item)
        lead = block_lead(prose, blocks[index]) if pending else -1
        for family, (_, origin, opener) in list(pending.items()):
            if prose[lead : lead + 1] == opener.char:  # the multi-paragraph convention
                origin.unpaired.remove(opener)
                if opener.turned:
                    origin.unpaired.append(
                        Unpaired(opener.offset, opener.char, opener.family, "reversed", block=opener.block)
                    )
                del pending[family]
        for item in current.unpaired:
            if item.problem == "unclosed":
                pending[item.family] = (index, current, item)
        if before_html:
            for item in [u for u in current.unpaired if u.problem == "unclosed"]:
                current.unpaired.remove(item)
                pending.pop(item.family, None)


def excerpt(text: str, limit: int = 40) -> str:
    """A quote's text for a message: one line, cut in the middle when long."""
    flat = regex.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    half = limit // 2
    return flat[:half].rstrip() + "…" + flat[-half:].lstrip()


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One speech quote as a ``factlint quotes`` view lists it: where, what, and who said it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    quote: str  # the quoted text, marks excluded
    speaker: str  # the speaker phrase as written ("" when none was found)
    canonical: str  # the speaker's name when found, else the phrase
    how: str  # colon | verb | tail | continuation | standalone | partial | passive
    anonymous: bool
    lang: str

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "quote": self.quote,
            "speaker": self.speaker,
            "canonical": self.canonical,
            "how": self.how,
            "anonymous": self.anonymous,
            "lang": self.lang,
        }

    def format(self) -> str:
        """``path:line:col: speaker: 「quote」`` — one line for a terminal."""
        who = self.canonical or "(no speaker)"
        if self.anonymous:
            who += " [anonymous]"
        return f"{self.path}:{self.line}:{self.column}: {who}: {excerpt(self.quote, 80)}"


def list_quotes(doc: Document, config: object = None) -> list[QuoteRecord]:
    """Every speech quote of a document with its speaker, in text order."""
    from factlint_quotes.attribution import analyse
    from factlint_quotes.lexicon import lexicon_for

    records = []
    for q in analyse(doc, lexicon_for(config)).speech:
        span = doc.span(q.start, q.end)
        records.append(
            QuoteRecord(
                path=doc.path,
                line=span.line,
                column=span.column,
                end_line=span.end_line,
                end_column=span.end_column,
                quote=doc.text[q.content_start : q.content_end],
                speaker=q.speaker,
                canonical=q.canonical,
                how=q.how,
                anonymous=q.anonymous,
                lang=q.lang,
            )
        )
    return records
