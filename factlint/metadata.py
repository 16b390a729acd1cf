"""Document metadata the checks share, resolved once per document, each value with its source.

Keys: ``title``, ``published``, ``updated``, ``saved``, ``draft``, ``url``, ``author``, plus
the separate statements that the date rules compare: ``published_line`` (a "Published: …"
line in the text), ``byline_date`` (a dated byline) and ``filename_date``. ``published`` is
the best of them: front matter, then a Published line, then the byline, then the file name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from factlint.hookspecs import hookimpl
from factlint.model import MetaValue

if TYPE_CHECKING:
    from factlint.config import Config
    from factlint.document import Document

PUBLISHED_KEYS = (
    "date_published", "published_date", "publishDate", "publish_date", "pubDate", "pubdate",
    "datePublished", "published_at", "date", "published", "created", "created_at",
)  # fmt: skip
UPDATED_KEYS = ("updated", "lastmod", "last_modified", "lastModified", "modified", "date_updated",
                "updated_at", "dateModified", "last_updated")  # fmt: skip
SAVED_KEYS = ("date_saved", "saved", "saved_at", "archived", "date_archived", "archived_at")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "source_url", "original_url", "canonical_url", "canonical", "link", "source", "original")
AUTHOR_KEYS = ("author", "authors", "byline", "by", "speaker")
TRUE_WORDS = frozenset({"true", "yes", "on", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "n", "0"})

_ISO = regex.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_CN_DATE = regex.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_DIGIT = regex.compile(r"\d")  # a date in another form holds a digit
_URL_START = regex.compile(r"https?://")
_FILENAME_DATE = regex.compile(r"^(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")

# "Published: 2023-11-10", "**Published:** 2023-11-10", "Published on 2024-07-31",
# "Last updated on 2024-07-31", "date_published: …", "发布时间：…", "更新于 …".
_LABEL = r"""
    (?P<label>
        (?i:date[_ ]published|published(?:\s+(?:on|at))?|posted(?:\s+on)?|pub(?:lication)?\s+date)
      | (?P<upd>(?i:(?:last\s+)?updated(?:\s+(?:on|at))?|last\s+modified|date[_ ]updated))
      | (?P<sav>(?i:date[_ ]saved|saved(?:\s+on)?|archived(?:\s+on)?))
      | 发布(?:时间|日期|于)|发表(?:时间|于)|(?P<upd2>更新(?:时间|日期|于))
    )
    [*_\s]*[:：]?[*_\s]*
"""
_LABEL_LINE = regex.compile(
    _LABEL
    + r"""
    (?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)
    (?:[ \t]*\(?(?P<zone>UTC|GMT|Z|[+-]\d{2}:?\d{2})\)?)?
    """,
    regex.VERBOSE,
)
_LABEL_HEAD = regex.compile(_LABEL, regex.VERBOSE)  # a label and the separators after it
# A byline with a date: WeChat's "原创 作者 公众号 _2024-02-17 00:30_", "By Jane Doe | 2024-03-01".
_BYLINE = regex.compile(
    r"^(?:原创|作者|文\s*[/|｜]|by\s)[^\n]{0,80}?[_*]?(?P<date>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)[_*]?",
    regex.IGNORECASE | regex.MULTILINE,
)
_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)", regex.DOTALL)
# Every Published line and dated byline holds a full date of this form: where the head of the
# body has none, neither of their (much slower) patterns can match there.
_DATE_HINT = regex.compile(r"\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
HEAD_LINES = 60  # metadata lines are looked for in the first lines of the body only
_LABEL_REACH = 120  # a label and what separates it from its date fit in this many characters
# The last characters of the labels (published, on, at, pub date, 时间, 日期, 于 …), in either case
# (no other character matches these letters ignoring case).
_LABEL_LAST = frozenset("dDnNtTeE间期于")


def parse_date(value: Any) -> dt.date | dt.datetime | None:
    """A date or datetime from a front-matter value or a date string; None if it is not one."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    return _parse_date_text(str(value).strip())


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> dt.date | dt.datetime | None:
    if not text or len(text) > 64:
        return None
    m = _ISO.match(text) or _CN_DATE.match(text)
    if m is not None:
        return _from_match(m)
    if _DIGIT.search(text) is None:
        return None
    import dateparser  # slow to import; only rare formats get here

    try:
        parsed = dateparser.parse(
            text,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["year", "month", "day"], "PARSERS": ["absolute-time"]},
        )
    except Exception:
        return None
    return parsed


def _from_match(m: regex.Match[str]) -> dt.date | dt.datetime | None:
    groups = m.groupdict()
    try:
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        if groups.get("H") is None:
            return dt.date(year, month, day)
        tz = _tzinfo(groups.get("tz"))
        return dt.datetime(year, month, day, int(groups["H"]), int(groups["M"]), int(groups.get("S") or 0), tzinfo=tz)
    except ValueError:
        return None


def _tzinfo(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return dt.UTC
    digits = text[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return dt.timezone(-delta if text[0] == "-" else delta)


def _truthy(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    return None


def _front_matter(doc: Document) -> dict[str, MetaValue]:
    fm = doc.front_matter or {}
    out: dict[str, MetaValue] = {}

    def put(meta_key: str, key: str, value: Any) -> None:
        if meta_key not in out:
            out[meta_key] = MetaValue(value, f"front-matter:{key}", doc.key_span(key), str(fm.get(key, "")))

    for key in PUBLISHED_KEYS:
        if key in fm and (date := parse_date(fm[key])) is not None:
            put("published", key, date)
    for key in UPDATED_KEYS:
        if key in fm and (date := parse_date(fm[key])) is not None:
            put("updated", key, date)
    for key in SAVED_KEYS:
        if key in fm and (date := parse_date(fm[key])) is not None:
            put("saved", key, date)
    for key in TITLE_KEYS:
        if isinstance(fm.get(key), str) and fm[key].strip():
            put("title", key, fm[key].strip())
    for key in URL_KEYS:
        if isinstance(fm.get(key), str) and _URL_START.match(fm[key].strip()):
            put("url", key, fm[key].strip())
    for key in AUTHOR_KEYS:
        value = fm.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, str) and value.strip():
            put("author", key, value.strip())
    # Draft status: draft: true/yes; published: false/no; status: draft.
    if "draft" in fm and (flag := _truthy(fm["draft"])) is not None:
        put("draft", "draft", flag)
    if "published" in fm and (flag := _truthy(fm["published"])) is not None:
        put("draft", "published", not flag)
    status = fm.get("status")
    if isinstance(status, str) and status.strip().lower() in ("draft", "drafts", "unpublished", "草稿"):
        put("draft", "status", True)
    return out


def _label_lines(text: str, start: int, end: int, hints: list[int]) -> Iterator[regex.Match[str]]:
    """The matches of _LABEL_LINE in text[start:end], as its finditer gives them, looked for
    only just before each full date (``hints``: where _DATE_HINT matched), since a label line's
    date is one of them: the label alternation over the whole head cost more than the rest of
    the metadata. Most full dates have no label before them: the label's last character, the
    first one before the date that no separator can be, tells that at once."""
    taken = start
    for hint in hints:
        if hint < taken:
            continue
        reach = max(taken, hint - _LABEL_REACH)
        end_of_label = hint
        while end_of_label > reach and (text[end_of_label - 1] in "*_:：" or text[end_of_label - 1].isspace()):
            end_of_label -= 1  # str.isspace holds for every character \s matches
        if end_of_label == reach or text[end_of_label - 1] not in _LABEL_LAST:
            continue
        for head in _LABEL_HEAD.finditer(text, reach, hint):
            if head.end() == hint and (m := _LABEL_LINE.match(text, head.start(), end)) and m.start("date") == hint:
                yield m
                taken = m.end()
                break


def _byline(text: str, start: int, end: int, hints: list[tuple[int, int]]) -> regex.Match[str] | None:
    """_BYLINE's first match in text[start:end], tried only at the starts of the lines that
    ``hints`` (the spans of _DATE_HINT's matches there) touch: a byline's date is of a hint's
    form, so its line holds a hint or part of one. Searching the whole head cost more than
    the rest of the metadata. Each line is looked at once: the search for a hint's lines goes on
    from the end of the last line looked at (with many hints on one long line, searching it for
    each hint was quadratic)."""
    reached = 0  # the start of the line after the last one looked at
    for lo, hi in hints:
        # The hint's first line starts after the last newline before it, if one is after reached;
        # if not, that line has been looked at (or starts at reached): on from reached.
        line = text.rfind("\n", reached, lo) + 1 or reached
        while line < hi and line < end:
            if line >= start and (m := _BYLINE.match(text, line, end)) is not None:
                return m
            line = text.find("\n", line, end) + 1
            if line == 0:
                return None  # the last line of the head has been looked at
            reached = line
    return None


def _from_text(doc: Document) -> dict[str, MetaValue]:
    """Published/updated lines and a dated byline in the first lines of the body."""
    out: dict[str, MetaValue] = {}
    start = doc.front_matter_end
    first_line = doc.position(start)[0]
    end = doc.line_starts[min(first_line - 1 + HEAD_LINES, len(doc.line_starts) - 1)]
    if end <= start:
        end = len(doc.text)
    found = [h.span() for h in _DATE_HINT.finditer(doc.text, start, end)]
    if not found:
        return out
    hints = [a for a, _ in found]
    comments = [(c.start(), c.end()) for c in _COMMENT.finditer(doc.text, start, end)] if "<!--" in doc.text else []
    for m in _label_lines(doc.text, start, end, hints):
        if any(a <= m.start() < b for a, b in comments):
            continue  # "published on …" inside an HTML comment is not a statement of the page
        date = parse_date(f"{m['date']} {m['zone']}" if m["zone"] and ":" in m["date"] else m["date"])
        if date is None:
            continue
        if m["upd"] or m["upd2"]:
            key = "updated"
        elif m["sav"]:
            key = "saved"
        else:
            key = "published_line"
        if key not in out:
            out[key] = MetaValue(date, f"text:{m['label'].strip()}", doc.span(m.start(), m.end()), m[0].strip())
    if (b := _byline(doc.text, start, end, found)) is not None and (date := parse_date(b["date"])) is not None:
        out["byline_date"] = MetaValue(date, "text:byline", doc.span(b.start("date"), b.end("date")), b["date"])
    return out


_HEADING = regex.compile(r"\A\s*#[ \t]+(?P<title>[^\n]*?)[ \t#]*\r?$", regex.MULTILINE)
_FIRST_LINE = regex.compile(r"\s*(?P<title>[^\n]*\S)")  # a plain-text article's title


def _title_from_body(doc: Document) -> MetaValue | None:
    """A leading ``# Heading``, or for plain text the first non-empty line."""
    body_start = doc.front_matter_end
    if doc.markdown:
        m = _HEADING.match(doc.text, body_start)
        if m is None or not m["title"]:
            return None
        return MetaValue(m["title"], "text:heading", doc.span(m.start("title"), m.end("title")), m["title"])
    m = _FIRST_LINE.match(doc.text, body_start)
    if m is None:
        return None
    return MetaValue(m["title"], "text:first-line", doc.span(m.start("title"), m.end("title")), m["title"])


def resolve(doc: Document) -> dict[str, MetaValue]:
    """All metadata the core can read: front matter, then the text, then the file name.

    Read once per document (the core's metadata hook asks, and so do plugins that need the
    publication date before the merged metadata is there); each call gets its own dict."""
    return dict(doc.memo(_resolve))


def _resolve(doc: Document) -> dict[str, MetaValue]:
    out = _front_matter(doc)
    for key, value in _from_text(doc).items():
        out.setdefault(key, value)
    if (m := _FILENAME_DATE.match(doc.filename)) is not None and (date := _from_match(m)) is not None:
        out["filename_date"] = MetaValue(date, "filename", None, m[0])
    if "published" not in out:
        for fallback in ("published_line", "byline_date", "filename_date"):
            if fallback in out:
                out["published"] = out[fallback]
                break
    if "title" not in out and (title := _title_from_body(doc)) is not None:
        out["title"] = title
    return out


@hookimpl(trylast=True)
def factlint_document_metadata(document: Document, config: Config) -> dict[str, MetaValue]:
    return resolve(document)
