"""Stage 2 of the pipeline: parse decoded text into a :class:`Document`.

A document keeps the exact text of the file. Every position is a character offset into that
text, turned into a 1-based line and column only when a diagnostic is made, so findings in
the body and in the front matter point at the same lines the editor shows.

``Document.prose`` is the text with everything that is not prose blanked out (front matter,
code, HTML tags and comments, URLs, link targets, images), character for character, so
extractors run their patterns over it and keep exact offsets.
"""

from __future__ import annotations

import bisect
import heapq
import os
import re
import string
import tomllib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import regex
import yaml

from factlint.markdown import block_parser
from factlint.model import MetaValue, Span, new_named_tuple

if TYPE_CHECKING:
    from factlint.config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

# -- front matter ---------------------------------------------------------------------------

_FM_OPEN = regex.compile(r"(?:---|\+\+\+)[ \t]*\r?\n")
_YAML_CLOSE = regex.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", regex.MULTILINE)
_TOML_CLOSE = regex.compile(r"^\+\+\+[ \t]*\r?$", regex.MULTILINE)
_TOML_ERR_POS = regex.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True, slots=True)
class FrontMatterError:
    message: str
    line: int  # 1-based line in the file
    column: int


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: much faster
MAX_YAML_NODES = 50_000  # nodes after expanding aliases; more means an alias bomb
_TRAILING_TABS = regex.compile(r"[ \t]+$", regex.MULTILINE)


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many nodes the YAML graph has with aliases expanded, counting up to ``limit``.

    An alias is the same node object as its anchor, so a "billion laughs" document is tiny as
    a graph and huge when expanded: this walk stops as soon as it passes the limit.
    """
    count = 0
    stack = [node]
    while stack:
        current = stack.pop()
        count += 1
        if count > limit:
            break
        value = current.value
        if isinstance(current, yaml.MappingNode):
            for key, item in value:
                stack.append(key)
                stack.append(item)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(value)
    return count


def _load_yaml(source: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    """Load YAML safely (no Python tags, no alias bombs); also return the 0-based (line, column)
    of each top-level key."""
    try:
        return _load_yaml_strict(source)
    except yaml.scanner.ScannerError as exc:
        # PyYAML refuses tabs after a value ("- melody\t\t"), which YAML 1.2 and Hugo accept.
        if "'\\t'" not in str(exc) or not _TRAILING_TABS.search(source):
            raise
        return _load_yaml_strict(_TRAILING_TABS.sub(lambda m: " " * len(m[0]), source))


def _load_yaml_strict(source: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        if _expanded_size(node, MAX_YAML_NODES) > MAX_YAML_NODES:
            raise yaml.YAMLError(f"front matter expands to more than {MAX_YAML_NODES} values (an alias bomb?)")
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    keys: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                keys.setdefault(str(key_node.value), (key_node.start_mark.line, key_node.start_mark.column))
    return data, keys


# -- Markdown structure ---------------------------------------------------------------------


class Block(NamedTuple):
    """A leaf block of the body: heading, paragraph, list item text, table cell row, …

    ``start``/``end`` are offsets into the document text covering the block's lines.
    ``number`` is an ordered list item's number; ``level`` a heading's level or a list's depth.

    Blocks and sentences are named tuples, not frozen dataclasses: a run makes hundreds of
    thousands of them, and a named tuple is built about three times faster (a frozen
    dataclass sets each field through ``object.__setattr__``).
    """

    kind: str  # heading | paragraph | list_item | table_row | html | code | hr
    start: int
    end: int
    line: int
    level: int = 0
    number: int | None = None
    marker: str = ""  # the list marker: "." or ")" for ordered lists, "-", "*" or "+"
    list_id: int = -1  # items of one list share it
    in_blockquote: bool = False

    @property
    def is_prose(self) -> bool:
        return self.kind in _PROSE_KINDS


class Sentence(NamedTuple):
    start: int
    end: int
    block: int  # index into Document.blocks


_PROSE_KINDS = frozenset(("heading", "paragraph", "list_item", "table_row"))  # Block.is_prose
# The kind of block each markdown-it token of a leaf block other than a paragraph's text makes.
_LEAF_KINDS = {"fence": "code", "code_block": "code", "html_block": "html", "hr": "hr"}


# By (plain text, has "\r" or "\0").
_MD = {
    (plain, normalize): block_parser(plain=plain, normalize=normalize)
    for plain in (False, True)
    for normalize in (False, True)
}

# The strings one of which every bare URL starts with (see below).
_URL_FIRSTS = ("http", "ftp://", "www.")

# Inline things that are never prose, one pattern per family, in priority order: where two
# families match at the same offset the earlier one wins, as in one alternation of them all.
# Searched apart, each pattern's literal start lets the regex engine skip ahead; the single
# alternation (whose e-mail branch is tried at every word character) cost five times more.
# With each family, the strings one of which its matches contain (without them, no search), and
# for a pattern led by an alternation, which the regex engine tries at every character (a bare
# URL's scheme), the strings one of which every match starts with: the pattern is tried only
# where str.find finds one of them, and only if no match taken before covers the place (a link
# target's first string too: the target of an image is taken with the image). Last, whether the
# pattern is the standard library's: one without \s or \w (whose classes differ between the two
# engines) matches the same there, with less work per call and per character; but an HTML
# comment's, whose failures scan to the text's end, stays with the regex module, which knows
# that a match needs a "-->" ahead (many unclosed comments would take quadratic time).
_NON_PROSE_FAMILIES: tuple[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str] | regex.Pattern[str]], ...] = tuple(
    (
        triggers,
        firsts,
        re.compile(pattern, re.VERBOSE | re.MULTILINE | re.DOTALL)
        if standard
        else regex.compile(pattern, regex.VERBOSE | regex.MULTILINE | regex.DOTALL),
    )
    for triggers, firsts, pattern, standard in (
        # image
        (("![",), (), r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)", True),
        # link target after [text]: runs of plain characters and (balanced) parenthesised parts,
        # possessive (giving back a part never leaves a ")" next), so one step per run, not
        # per character
        (("](",), ("](",), r"\]\((?:[^()\n]{1,2000}|\([^()\n]{0,200}\)){0,2000}+\)", True),
        # reference definition
        (("]:",), (), r"^[ ]{0,3}\[[^\]\n]{1,200}\]:[^\n]*", True),
        # inline code
        (("`",), (), r"(?P<ticks>`{1,8})(?!`)[^\n]{0,2000}?(?<!`)(?P=ticks)(?!`)", True),
        # HTML comment
        (("<!--",), (), r"<!--.*?-->", False),
        # autolink
        (("<",), (), r"<(?:https?|ftp|mailto):[^>\s]{1,2000}>", False),
        # bare URL
        (
            ("://", "www."),
            _URL_FIRSTS,
            r"""(?:https?://|ftp://|www\.)[^\s<>"'（）()，。、\]“”‘’「」*]{1,2000}""",
            False,
        ),
        # e-mail address
        (("@",), (), r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}", False),
        # HTML tag (an attribute's quoted value may be long: the alt text of an image)
        (
            ("<",),
            (),
            r"""</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s(?:[^<>"'\n]|"[^"\n]{0,2000}"|'[^'\n]{0,2000}'){0,1000})?/?>""",
            False,
        ),
        # template tags
        (("{%", "{{"), (), r"\{%[^\n]{0,500}?%\}|\{\{[^\n]{0,500}?\}\}", True),
    )
)
# HTML blocks whose content is never prose; other HTML blocks keep their text, minus the tags.
_RAW_HTML = regex.compile(r"\s*<(?:script|style|pre|textarea|svg|math)\b", regex.IGNORECASE)

# Words a "." after which ends no sentence (with a capital letter alone: "J. Smith").
_ABBREVIATIONS = (
    "vs", "e.g", "i.e", "etc", "cf", "approx", "Inc", "Ltd", "Corp", "Co", "Mr", "Mrs", "Ms", "Dr", "Prof",
    "St", "No", "U.S", "U.K", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
_SENTENCE_END = regex.compile(
    r"""
    [。！？!?…]+[」』”’"')）]*        # CJK and exclamation/question ends, with closing quotes
  | (?<!\b(?:ABBREVIATIONS|[A-Z]))
    \.(?:[”’"')）]*)(?=\s|$)          # an English full stop followed by space (not after "vs", "Inc", "U.S")
  | [；;](?=\s*\n)
    """.replace("ABBREVIATIONS", "|".join(map(re.escape, _ABBREVIATIONS))),
    regex.VERBOSE,
)
# Every character a _SENTENCE_END match starts with (its lookbehind is zero-width).
_SENTENCE_END_FIRST = "。！？!?…;.；"
# At these characters only the first branch of _SENTENCE_END can match, and always does: a run
# of them, then a run of _CLOSERS. sentence_ends takes the two runs itself, without the call of a
# pattern (most of the cost of a sentence end).
_CJK_END_FIRST = "。！？!?…"
_CLOSERS = "」』”’\"')）"
# A "." or ";" ends a sentence only before white space (or the end), after closing quotes for
# a ".": after any other character, _SENTENCE_END is not tried.
_AFTER_FULL_STOP = "”’\"')）"
# What may stand just before a "." for _SENTENCE_END's lookbehind to hold: its abbreviations
# and capital letters, by their last character (one dictionary look-up instead of a test of
# each). Before anything else, its second branch takes a run of _AFTER_FULL_STOP, then needs white
# space or the end, which sentence_ends checks itself. (The white space is the regex module's:
# str.isspace and the standard library's \s also take U+001C to U+001F, _NOT_REGEX_SPACE.)
_ABBREVIATED = (*_ABBREVIATIONS, *string.ascii_uppercase)
_ABBREVIATED_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(word for word in _ABBREVIATED if word[-1] == last) for last in {word[-1] for word in _ABBREVIATED}
}
_NOT_REGEX_SPACE = "\x1c\x1d\x1e\x1f"


def find_all(text: str, firsts: Iterable[str]) -> list[int]:
    """Where each of ``firsts`` stands in ``text``, in order: ``str.find`` goes at C speed, where
    the regex engine steps through a text at a hundred instructions a character or more looking
    for the first character of a pattern that does not start with one literal."""
    places: list[int] = []
    for first in firsts:
        at = text.find(first)
        while at >= 0:
            places.append(at)
            at = text.find(first, at + 1)
    places.sort()
    return places


def sentence_ends(prose: str) -> list[tuple[int, int]]:
    """The (start, end) of the _SENTENCE_END matches in ``prose``, as its finditer gives them:
    the pattern is tried only where one of its first characters stands, and only after an
    abbreviation or a capital letter (elsewhere the runs of its first two branches are taken
    here, character by character: they are one or two characters long)."""
    ends: list[tuple[int, int]] = []
    pos = 0
    size = len(prose)
    match = _SENTENCE_END.match
    for start in find_all(prose, _SENTENCE_END_FIRST):
        if start < pos:
            continue
        first = prose[start]
        end = start + 1
        if first in _CJK_END_FIRST:
            while end < size and prose[end] in _CJK_END_FIRST:
                end += 1
            while end < size and prose[end] in _CLOSERS:
                end += 1
        else:
            after = prose[end : end + 1]
            if after and not after.isspace() and (first != "." or after not in _AFTER_FULL_STOP):
                continue
            words = _ABBREVIATED_BY_LAST.get(prose[start - 1 : start]) if first == "." else None
            if first == "." and not (words and prose.endswith(words, 0, start)):
                while end < size and prose[end] in _AFTER_FULL_STOP:
                    end += 1
                if end < size and (not prose[end].isspace() or prose[end] in _NOT_REGEX_SPACE):
                    continue
            elif (m := match(prose, start)) is not None:
                end = m.end()
            else:
                continue
        ends.append((start, end))
        pos = end
    return ends


def blank(text: str) -> str:
    """The same text with every character but newlines replaced by a space."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


# A match of the e-mail family starts where a run of the characters of its local part that ends
# at an "@" starts (its lookbehind allows no earlier start), if the run is 64 long at most: this
# pattern, matching backwards from the "@", takes the run (and one character more when it is too
# long).
_EMAIL_LOCAL_PART = regex.compile(r"(?r)[\w.+-]{1,65}")


def _first_strings(*firsts: str) -> Callable[[str], list[int]]:
    return lambda text: find_all(text, firsts)


def _reference_starts(text: str) -> list[int]:
    """Where the lines that hold a "]:" start: a reference definition starts a line, and its
    label ends at the line's first "]". The search for a line's start goes back no further
    than the "]:" before (with no newline between, it is on that one's line): searching back
    to the text's start for each was quadratic on one long line."""
    starts: list[int] = []
    searched = 0
    for at in find_all(text, ("]:",)):
        newline = text.rfind("\n", searched, at)
        if newline >= 0 or not starts:
            starts.append(newline + 1)
        searched = at
    return starts


def _email_starts(text: str) -> list[int]:
    """Where the e-mail addresses of ``text`` may start: before each "@", the start of the run
    of local-part characters that ends there."""
    starts: list[int] = []
    for at in find_all(text, ("@",)):
        local = _EMAIL_LOCAL_PART.match(text, max(0, at - 65), at)
        if local is not None and at - local.start() <= 64:
            starts.append(local.start())
    return starts


def _template_starts(text: str) -> list[int]:
    """Where the template tags of ``text`` may start. Most texts hold no "{": one search for it
    (a single character, found at memchr's speed) saves the two for "{%" and "{{"."""
    if "{" not in text:
        return []
    return find_all(text, ("{%", "{{"))


def _url_starts(text: str) -> list[int]:
    if "://" not in text and "www." not in text:
        return []
    return find_all(text, _URL_FIRSTS)


# By family (as _NON_PROSE_FAMILIES), for those whose matches start only at places that str.find
# locates: those places, in order (a match may start at each, or not). A family whose pattern
# does not start with one literal (a line start, a lookbehind, an alternation or a group) makes
# the regex engine try it at every character of a search; these are tried at their places only.
# A family without them is searched (its pattern starts with one literal, found at C speed).
_NON_PROSE_STARTS: tuple[Callable[[str], list[int]] | None, ...] = (
    None,  # image
    _first_strings("]("),  # link target
    _reference_starts,
    _first_strings("`"),  # inline code
    None,  # HTML comment
    None,  # autolink
    _url_starts,
    _email_starts,
    None,  # HTML tag
    _template_starts,
)


def _non_prose_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-prose match, as one left-to-right scan finds them: at each
    offset the first family that matches there wins, and the scan goes on from its end."""
    # (start, family rank, match): the smallest start, then the earliest family, comes first.
    # For a family with places, an entry with no match is one of them, not tried yet: it is
    # tried only when it comes first and no taken match covers it. Most URLs stand inside a
    # link target, which is taken first, and are never tried.
    heap: list[tuple[int, int, re.Match[str] | regex.Match[str] | None]] = []
    places: list[list[int]] = []  # a family's places, from its next one on
    # Every trigger of three families holds a "<": one search for that single character (found
    # at memchr's speed) stands for the search of each of their longer triggers where it fails.
    has_tag = "<" in text
    for rank, (triggers, _firsts, pattern) in enumerate(_NON_PROSE_FAMILIES):
        starts = _NON_PROSE_STARTS[rank]
        if starts is not None:
            places.append(found := starts(text))
            if found:
                found.reverse()  # popped from the end
                heap.append((found.pop(), rank, None))
            continue
        places.append([])
        if triggers[0].startswith("<") and not has_tag:
            continue
        if triggers != ("<",) and not any(trigger in text for trigger in triggers):
            continue
        if (m := pattern.search(text, 0)) is not None:
            heap.append((m.start(), rank, m))
    heapq.heapify(heap)
    spans: list[tuple[int, int]] = []
    pos = 0
    while heap:
        start, rank, m = heap[0]
        if m is None:  # a place of a family with places
            if start >= pos and (m := _NON_PROSE_FAMILIES[rank][2].match(text, start)) is not None:
                spans.append((start, m.end()))
                pos = m.end()
            rest = places[rank]
            while rest and rest[-1] < pos:
                rest.pop()
            if rest:
                heapq.heapreplace(heap, (rest.pop(), rank, None))
            else:
                heapq.heappop(heap)
            continue
        if start >= pos:
            spans.append((start, m.end()))
            pos = m.end()
        # The family's next match after the one just taken, or after the text that a taken
        # match of another family covered (which may hide a match that starts inside it).
        following = _NON_PROSE_FAMILIES[rank][2].search(text, pos)
        if following is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (following.start(), rank, following))
    return spans


_T = TypeVar("_T")
_MISSING = object()


class Document:
    """A parsed article: its text, front matter, Markdown blocks, sentences and metadata."""

    def __init__(self, path: str, text: str, encoding: str = "utf-8", *, markdown: bool = True) -> None:
        self.path = path
        self.text = text
        self.encoding = encoding
        self.markdown = markdown  # False for plain-text articles
        self.line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))
        self.front_matter: dict[str, Any] | None = None
        self.front_matter_kind = ""  # "yaml" | "toml" | ""
        self.front_matter_error: FrontMatterError | None = None
        self.front_matter_keys: dict[str, int] = {}  # top-level key → offset in text
        self.front_matter_end = 0  # offset where the body starts
        self.front_matter_lines = (0, 0)  # 1-based first and last line of the block
        self.metadata: dict[str, MetaValue] = {}
        self._memo: dict[Hashable, Any] = {}
        self._split_front_matter()

    def memo(self, compute: Callable[..., _T], *args: Hashable) -> _T:
        """``compute(self, *args)``, computed once per document and arguments.

        For what several hooks and rules derive from the same document (a plugin's analysis, the
        resolved metadata): the first caller computes it, the others get the same object, and it
        goes with the document. The function is part of the key, so two callers share an entry
        only when they ask for the same thing. An exception is not kept: the next call tries again.
        """
        key = (compute, *args) if args else compute
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            value = self._memo[key] = compute(self, *args)
        return value  # type: ignore[no-any-return]

    # -- positions -----------------------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based line and column."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.text))

    def span(self, start: int, end: int | None = None) -> Span:
        end = start if end is None else max(start, end)
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col, start, end)

    def line_text(self, line: int) -> str:
        start = self.offset(line)
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    @property
    def body(self) -> str:
        return self.text[self.front_matter_end :]

    @property
    def filename(self) -> str:
        return os.path.basename(self.path)

    # -- front matter --------------------------------------------------------------------------

    def _split_front_matter(self) -> None:
        opening = _FM_OPEN.match(self.text)
        if not opening:
            return
        toml = self.text.startswith("+")
        closer = (_TOML_CLOSE if toml else _YAML_CLOSE).search(self.text, opening.end())
        if closer is None:
            if not toml and regex.match(r"[A-Za-z_][\w-]*:[ \t\n]", self.text[opening.end() :]):
                line, _ = self.position(opening.start())
                self.front_matter_kind = "yaml"
                self.front_matter_error = FrontMatterError("front matter is opened with --- but never closed", line, 1)
            return
        source = self.text[opening.end() : closer.start()]
        first_line = self.position(opening.end())[0]  # 1-based line of the first key
        end = closer.end()
        if end < len(self.text) and self.text[end] == "\n":
            end += 1
        self.front_matter_end = end
        self.front_matter_lines = (1, self.position(closer.start())[0])
        self.front_matter_kind = "toml" if toml else "yaml"
        if toml:
            self._load_toml(source, first_line)
        else:
            self._load_yaml(source, first_line)

    def _load_yaml(self, source: str, first_line: int) -> None:
        try:
            data, keys = _load_yaml(source)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if exc.context_mark is not None and (mark is None or mark.index >= len(source.rstrip())):
                mark = exc.context_mark  # "end of stream": point at what was left open
            line = first_line + (mark.line if mark else 0)
            col = (mark.column + 1) if mark else 1
            problem = " ".join(filter(None, [exc.context, exc.problem])) or str(exc)
            self.front_matter_error = FrontMatterError(f"invalid YAML: {problem}", line, col)
            return
        except (yaml.YAMLError, RecursionError, ValueError) as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.front_matter_error = FrontMatterError(f"invalid YAML: {message}", first_line, 1)
            return
        self._accept_front_matter(data, keys, first_line)

    def _load_toml(self, source: str, first_line: int) -> None:
        try:
            data = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            pos = _TOML_ERR_POS.search(str(exc))
            line, col = (int(pos[1]), int(pos[2])) if pos else (1, 1)
            message = _TOML_ERR_POS.sub("", str(exc)).strip()
            self.front_matter_error = FrontMatterError(f"invalid TOML: {message}", first_line + line - 1, col)
            return
        keys: dict[str, tuple[int, int]] = {}
        for i, raw in enumerate(source.splitlines()):
            m = regex.match(r"\s*([A-Za-z0-9_-]+)\s*=", raw)
            if m and m[1] in data:
                keys.setdefault(m[1], (i, m.start(1)))
        self._accept_front_matter(data, keys, first_line)

    def _accept_front_matter(self, data: Any, keys: dict[str, tuple[int, int]], first_line: int) -> None:
        if data is None:
            self.front_matter = {}
            return
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
            self.front_matter_error = FrontMatterError(
                f"front matter is {kind}, not a mapping of keys to values", first_line, 1
            )
            return
        self.front_matter = {str(k): v for k, v in data.items()}
        self.front_matter_keys = {k: self.offset(first_line + ln, col + 1) for k, (ln, col) in keys.items()}

    def key_span(self, key: str) -> Span:
        """The span of a top-level front-matter key (its whole line), or of line 1."""
        offset = self.front_matter_keys.get(key)
        if offset is None:
            return self.span(0, 0)
        line_end = self.text.find("\n", offset)
        return self.span(offset, line_end if line_end >= 0 else len(self.text))

    # -- body structure ------------------------------------------------------------------------

    @cached_property
    def blocks(self) -> list[Block]:
        """Leaf blocks of the body in source order, from markdown-it's block parser."""
        body_line0 = self.position(self.front_matter_end)[0] - 1  # 0-based line where the body starts
        body = self.body
        tokens = _MD[not self.markdown, "\r" in body or "\0" in body].parse(body)
        blocks: list[Block] = []
        quote_depth = 0
        lists: list[tuple[int, int]] = []  # (list id, depth) stack
        list_counter = 0
        pending_item: tuple[int | None, str] | None = None
        heading_level = 0
        line_starts, text_length = self.line_starts, len(self.text)
        last_line = len(line_starts) - 1

        for tok in tokens:
            t = tok.type
            if t == "inline" or t in _LEAF_KINDS:
                # The block's lines: offsets where its first line starts and the line after
                # its last starts (or the text's end), and its 1-based line.
                first, last = tok.map or (0, 0)
                a, b = body_line0 + first, body_line0 + last
                start = line_starts[a if a < last_line else last_line]
                end = line_starts[b] if b <= last_line else text_length
                if t != "inline":
                    block = (_LEAF_KINDS[t], start, end, a + 1, 0, None, "", -1, quote_depth > 0)
                elif heading_level:
                    block = ("heading", start, end, a + 1, heading_level, None, "", -1, quote_depth > 0)
                    heading_level = 0
                elif pending_item is not None:
                    number, marker = pending_item
                    list_id = lists[-1][0] if lists else -1
                    block = ("list_item", start, end, a + 1, len(lists), number, marker, list_id, quote_depth > 0)
                    pending_item = None
                else:
                    block = ("paragraph", start, end, a + 1, 0, None, "", -1, quote_depth > 0)
                blocks.append(new_named_tuple(Block, block))
            elif t == "list_item_open":
                number = int(tok.info) if tok.info.isdigit() else None
                pending_item = (number, tok.markup)
            elif t == "list_item_close":
                pending_item = None
            elif t == "heading_open":
                heading_level = int(tok.tag[1:])
            elif t == "blockquote_open":
                quote_depth += 1
            elif t == "blockquote_close":
                quote_depth -= 1
            elif t in ("bullet_list_open", "ordered_list_open"):
                list_counter += 1
                lists.append((list_counter, len(lists) + 1))
            elif t in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
        return self._merge_table_rows(blocks)

    @staticmethod
    def _merge_table_rows(blocks: list[Block]) -> list[Block]:
        """markdown-it gives one inline token per cell; keep one block per table row."""
        merged: list[Block] = []
        for block in blocks:
            if merged and block.kind == "paragraph" and merged[-1].start == block.start and merged[-1].end == block.end:
                if merged[-1].kind != "table_row":
                    merged[-1] = Block("table_row", block.start, block.end, block.line)
                continue
            merged.append(block)
        return merged

    @cached_property
    def prose(self) -> str:
        """The text with non-prose blanked: same length, same offsets, same newlines."""
        parts: list[str] = [blank(self.text[: self.front_matter_end])]
        pos = self.front_matter_end
        for block in self.blocks:
            hidden = block.kind in ("code", "hr") or (
                block.kind == "html" and _RAW_HTML.match(self.text, block.start, block.end) is not None
            )
            if hidden and block.start >= pos:
                parts.append(self.text[pos : block.start])
                parts.append(blank(self.text[block.start : block.end]))
                pos = block.end
        parts.append(self.text[pos:])
        masked = "".join(parts)
        parts = []
        pos = 0
        for start, end in _non_prose_spans(masked):
            parts.append(masked[pos:start])
            parts.append(blank(masked[start:end]))
            pos = end
        parts.append(masked[pos:])
        return "".join(parts)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the prose blocks (Chinese 。！？ and English sentence ends)."""
        out: list[Sentence] = []
        prose = self.prose
        # One scan of the whole prose rather than one per block (the per-call cost of the regex
        # engine dominated). No sentence end spans a newline and blocks start at line starts, so
        # the ends inside a block are the same as a scan of the block alone would find.
        ends = sentence_ends(prose)
        end_starts = [start for start, _ in ends]
        n_ends = len(ends)
        for index, block in enumerate(self.blocks):
            if block[0] not in _PROSE_KINDS:
                continue
            start, block_end = block[1], block[2]
            i = bisect.bisect_left(end_starts, start)
            # A sentence that ends at a sentence end holds text: every end starts with a
            # character that is not space.
            while i < n_ends and end_starts[i] < block_end:
                end = ends[i][1]
                out.append(new_named_tuple(Sentence, (start, end, index)))
                start = end
                i += 1
            if prose[start:block_end].strip():
                out.append(new_named_tuple(Sentence, (start, block_end, index)))
        return out

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block that holds a character offset, if any."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    # -- metadata ------------------------------------------------------------------------------

    def meta(self, key: str) -> Any:
        """The resolved value of a metadata key (``published``, ``draft`` …), or None."""
        item = self.metadata.get(key)
        return item.value if item is not None else None


def parse(path: str, text: str, encoding: str = "utf-8", config: Config | None = None) -> Document:
    """The built-in parser: Markdown for Markdown files, plain text otherwise.

    A ``.txt`` file is read as Markdown when it shows Markdown structure (front matter,
    ``#`` headings or ``[links](…)``), as scraped pages saved as text often do.
    """
    lowered = path.lower()
    markdown = lowered.endswith(MARKDOWN_SUFFIXES) or bool(_MARKDOWN_SIGNS.search(text, 0, 20000))
    return Document(path, text, encoding, markdown=markdown)


_MARKDOWN_SIGNS = regex.compile(r"\A(?:---|\+\+\+)\s*\n|^#{1,6}\s\S|\]\([^)\s]+\)|^```", regex.MULTILINE)
