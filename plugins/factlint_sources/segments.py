"""Source segments: a scraped page whose tail lists other outlets' items ("Related Reads",
"相关新闻"), each closed by an outlet line such as "marsbit1h ago" or "Odaily星球日报33m ago".

Segment 0 is the article itself; after the related-items header, each outlet line closes a
segment, so every item (headline and summary) is its own source.
"""

from __future__ import annotations

import regex

from factlint.document import Document

_HEADER_LINE = (
    r"[ \t#*]*(?:Related (?:Reads|Articles|Posts|News|Stories)|Read (?:More|Next)|More (?:from|stories)[^\n]{0,40}"
    r"|You (?:May|Might) Also Like|Recommended(?: for you)?|Latest News|相关(?:新闻|阅读|文章|推荐|报道)|推荐阅读"
    r"|延伸阅读|猜你喜欢|热门(?:文章|推荐)|更多(?:新闻|文章))[ \t*:：]*\r?$"
)
_HEADER_AT = regex.compile(_HEADER_LINE, regex.MULTILINE | regex.IGNORECASE)
# A line that may hold a header after its newline: the first three letters of every header are
# of these (under the same flag). The whole header's alternation, tried at every line, cost
# several times more than finding these lines; the header is tried only at them.
_HEADER_CANDIDATE = regex.compile(r"\n[ \t#*]*+(?i:[rmyl相推延猜热更][eoa关荐伸你门多][lacrut新阅文推报喜])")
# An outlet line: a short name glued to (or followed by) a relative time, alone on its line.
_OUTLET = regex.compile(
    r"^[^\n]{1,40}?\s*(?:\d{1,3}\s*(?:s|m|h|d|w|mo|min|mins|minutes?|hrs?|hours?|days?|weeks?)\s+ago"
    r"|\d{1,3}\s*(?:秒|分钟|小时|天|周)前|刚刚|昨天)[ \t]*\r?$",
    regex.MULTILINE | regex.IGNORECASE,
)


def segment_starts(doc: Document) -> list[int]:
    """Offsets where segments 1, 2, … start; empty when the page holds one source."""
    text = doc.text
    header = _find_header(text, doc.front_matter_end)
    if header is None:
        return []
    header_start, header_end = header
    starts = [header_start]
    for outlet in _OUTLET.finditer(text, header_end):
        nxt = outlet.end() + 1
        if nxt < len(text):
            starts.append(nxt)
    return starts if len(starts) > 1 else []


def _find_header(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the first related-items header line that starts at or after ``pos``."""
    if pos == 0 or text[pos - 1] == "\n":
        m = _HEADER_AT.match(text, pos)
        if m is not None:
            return m.start(), m.end()
    while (candidate := _HEADER_CANDIDATE.search(text, pos)) is not None:
        pos = candidate.start() + 1  # the line's start
        m = _HEADER_AT.match(text, pos)
        if m is not None:
            return m.start(), m.end()
    return None
