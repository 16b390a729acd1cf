"""Property tests (hypothesis): for any text or bytes, with or without front matter, the whole
pipeline never raises, every diagnostic lies inside the file, no plugin crashes (a crash would
surface as FL002), and a sequential and a parallel run give the same result.

Profiles: ``factlint`` (the default here), ``ci`` (chosen when ``CI`` is set) and ``thorough``;
pick one with ``HYPOTHESIS_PROFILE``. The file stays well under a minute on two cores.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.model import Diagnostic
from factlint.read import DecodeError, decode
from factlint.runner import PARALLEL_THRESHOLD, Session
from factlint.testing import lint_documents, lint_text, make_config, plugin_manager

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("factlint", max_examples=40, **_COMMON)
settings.register_profile("ci", max_examples=30, derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "factlint"))

# -- strategies ---------------------------------------------------------------------------------

# Pieces that the extractors and the Markdown parser react to, mixed with arbitrary text.
PIECES = [
    *"0123456789,.%$¥€£+-−–—/:年月日号周星期第万亿元美元上涨下降增长倍约近逾",
    *"“”‘’\"'「」『』《》（）()[]<>#*_`|~>!?。，、；：！？…",
    "\n", "\r\n", "\r", "\x00", "\t", "  ", "\u3000", "\ufeff", "\u200b",
    "- ", "> ", "# ", "## ", "1. ", "2) ", "* ", "    ", "```", "~~~", "<!--", "-->", "<br>", "<div>",
    "http://", "https://example.com/a_(b)", "www.", "a@b.co", "](", "![x](", "[^1]", "{{", "}}", "{%",
    "Monday", "Sunday, March 21, 2016", "March 21", "2016-03-21", "21/03/2016", "Feb 29, 2023",
    "2026年2月3日（星期三）", "周三", "星期二", "2月30日", "13月", "Copyright © 2010",
    "1,234.5", "1,1,1,1", "3.5 million", "20%", "two thirds", "half", "三倍", "百分之五十", "一半",
    "said", "says", "according to", "说", "表示", "据悉", "an official said", "消息人士",
    " sources say ", "以下五点", "three reasons:", "draft", "Published: ", "Updated on ",
    "factlint: disable", "<!-- factlint: disable-next-line FL202 -->", "<!-- factlint: enable -->",
]  # fmt: skip
piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=6))
prose = st.lists(piece, max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), prose)

KEYS = ["title", "date", "draft", "published", "updated", "lastmod", "tags", "author", "source", "url", "x"]
YAML_VALUES = [
    "true", "false", "yes", "2016-03-21", "2016-03-21T10:00:00Z", "'2016-02-30'", "[a, b]", "",
    "~", "&a [1]", "*a", "!!python/object:os.system x", "{a: 1}", "|\n  block\n", "'unclosed", '"\\x"',
    "2026年2月3日", "- item", "12:30", "0x1F", "1e400", ".nan",
]  # fmt: skip
yaml_value = st.one_of(st.sampled_from(YAML_VALUES), st.text(max_size=20))
yaml_front_matter = st.lists(st.tuples(st.sampled_from(KEYS), yaml_value), max_size=6).map(
    lambda items: "---\n" + "".join(f"{k}: {v}\n" for k, v in items) + "---\n"
)
TOML_VALUES = [
    '"A title"', "true", "2016-03-21", "2016-03-21T10:00:00Z", "[1, 2]", '"unclosed', "1979-05-27 07:32:00",
    "{ a = 1 }", "nan", '"""\nmulti\n"""', "2016-02-30", "0o17",
]  # fmt: skip
toml_value = st.one_of(
    st.sampled_from(TOML_VALUES),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
)
toml_front_matter = st.lists(st.tuples(st.sampled_from(KEYS), toml_value), max_size=6).map(
    lambda items: "+++\n" + "".join(f"{k} = {v}\n" for k, v in items) + "+++\n"
)
front_matter = st.one_of(
    st.just(""),
    yaml_front_matter,
    toml_front_matter,
    st.sampled_from(["---\n", "---\ntitle: x\n", "+++\n", "---\n---\n", "---\n- a\n- b\n---\n", "---\nscalar\n---\n"]),
)
article = st.builds(lambda fm, body, crlf: (fm + body).replace("\n", "\r\n") if crlf else fm + body,
                    front_matter, any_text, st.booleans())  # fmt: skip
file_name = st.sampled_from(["article.md", "notes.txt", "2016-03-21-post.md", "page.markdown"])


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def damaged(data: bytes, junk: bytes, at: int) -> bytes:
    at %= len(data) + 1
    return data[:at] + junk + data[at:]


raw_bytes = st.one_of(
    st.binary(max_size=600),
    st.builds(encoded, article, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"])),
    # a valid article with some bytes damaged in the middle
    st.builds(damaged, article.map(str.encode), st.binary(min_size=1, max_size=8), st.integers(0, 10_000)),
)

# -- checks -------------------------------------------------------------------------------------


def decoded_text(source: str | bytes) -> str | None:
    """The text the pipeline sees, or None when the bytes are refused (FL001 only)."""
    data = source.encode("utf-8") if isinstance(source, str) else source
    try:
        return decode(data).text
    except DecodeError:
        return None


def assert_inside(source: str | bytes, diagnostics: list[Diagnostic], path: str = "article.md") -> None:
    assert not [d for d in diagnostics if d.code == "FL002"], [d.message for d in diagnostics if d.code == "FL002"]
    text = decoded_text(source)
    if text is None:
        assert {d.code for d in diagnostics} <= {"FL001"}
        return
    lines = text.split("\n")  # the pipeline's lines: a lone \r is not a line break
    for d in diagnostics:
        assert d.path == path, d
        where = f"{d.code} at {d.line}:{d.column}-{d.end_line}:{d.end_column} in {len(lines)} lines"
        assert 1 <= d.line <= len(lines), where
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, where
        assert 1 <= d.end_line <= len(lines), where
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, where
        assert (d.end_line, d.end_column) >= (d.line, d.column), where


@PROFILE
@given(text=st.text())
def test_arbitrary_text(text: str) -> None:
    assert_inside(text, lint_text(text))


@PROFILE
@given(text=article, path=file_name)
def test_articles_with_and_without_front_matter(text: str, path: str) -> None:
    assert_inside(text, lint_text(text, path=path), path)


@PROFILE
@given(data=raw_bytes, path=file_name)
def test_arbitrary_bytes(data: bytes, path: str) -> None:
    assert_inside(data, lint_text(data, path=path), path)


@PROFILE
@given(texts=st.lists(article, min_size=2, max_size=4))
def test_several_documents_together(texts: list[str]) -> None:
    """Corpus rules see every document at once: their findings also stay inside each file."""
    docs = {f"a{i}.md": text for i, text in enumerate(texts)}
    result = lint_documents(docs)
    for name, text in docs.items():
        assert_inside(text, [d for d in result.diagnostics if d.path == name], name)
    assert not [d for d in result.diagnostics if d.path not in docs]


@settings(PROFILE, max_examples=max(5, PROFILE.max_examples // 6))
@given(texts=st.lists(article, min_size=PARALLEL_THRESHOLD, max_size=PARALLEL_THRESHOLD + 4))
def test_sequential_and_parallel_runs_agree(texts: list[str]) -> None:
    session = Session(plugin_manager(), make_config({}))
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(texts):
            Path(tmp, f"{i:02}-article.md").write_bytes(text.encode("utf-8"))
        sequential = session.run([tmp], jobs=1)
        parallel = session.run([tmp], jobs=2)
    assert sequential.files == parallel.files == len(texts)
    assert sequential.diagnostics == parallel.diagnostics
    assert not [d for d in sequential.diagnostics if d.code == "FL002"]
