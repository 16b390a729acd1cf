"""Speech quotes, speakers, anonymous sources; the seeds' exact findings; claims and the quotes view."""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint_quotes import lexicon as lexicon_mod
from factlint_quotes import list_quotes, quote_claims
from factlint_quotes.attribution import analyse
from factlint_quotes.lexicon import lexicon_for

from factlint.document import parse
from factlint.testing import lint_text


def top_quotes(text: str, path: str = "a.md"):
    doc = parse(path, text)
    return [q for q in analyse(doc).quotes if q.depth == 0]


SPEECH = [
    # (text, how, canonical speaker, anonymous)
    ("贾扬清也在朋友圈中表示：「在 OpenAI 各种升级的背后，这点我充满信心。」\n", "colon", "贾扬清", False),
    ("「其实道理很简单，中间层太薄，没有机会的。」周健分析。\n", "tail", "周健", False),
    ("「之前还需要利用 LangChain 等工具链，现在看起来不远了。」投资人周蕊告诉雷峰网。\n", "tail", "周蕊", False),
    ("「但同时也需承认，有点像 Apple 做的事情。」Babel.cloud CEO 张海龙如是说到。\n", "tail", "张海龙", False),
    (
        "对此，OPPO 智能交互部部长万玉龙博士回应到：「要相信，这是会给更多创业者带来更多机会的。」\n",
        "colon",
        "万玉龙",
        False,
    ),
    ("德意志银行在报告中写道:“这一决定凸显了独立模型制造商面临的风险。”\n", "colon", "德意志银行", False),
    (
        "OpenAI 前研究副总裁杰瑞·特沃雷克(Jerry Tworek)1 月 5 日从 OpenAI 离职时说:“但我认为这是 OpenAI 自己搞砸了。”\n",
        "colon",
        "杰瑞·特沃雷克",
        False,
    ),
    (
        "一部分中间层创业者表示，「上半年好不容易搭起的戏台班子，下半年就被拆台了。」\n",
        "verb",
        "一部分中间层创业者",
        False,
    ),
    (
        "关于影响，某分析师抱持积极态度：「OpenAI为整个生态划定了一个新的边界。」\n",
        "colon",
        "某分析师",
        True,
    ),
    ("一位业内人士柳芳评价：「在 OpenAI 上的技术创新变得没有意义。」\n", "colon", "柳芳", False),
    ("「千万不要基于 OpenAI 做 PaaS。」看过大会后，某云厂商的内部人士李睿感叹到。\n", "tail", "李睿", False),
    ("“It’s quite a unique system we have,” said Liina Areng, the agency’s head.\n", "tail", "Liina Areng", False),
    ("“I was scared,” he said.\n", "tail", "he", False),
    ("Hartley said, “We’re together to revel in the stuff we shipped.”\n", "verb", "Hartley", False),
    (
        "“We will not ship it this year,” said a person familiar with the matter.\n",
        "tail",
        "a person familiar with the matter",
        True,
    ),
    ("“Nothing has been decided yet,” an insider told reporters.\n", "tail", "an insider", True),
    ("奥尔特曼被评价为“出色的推销员” 。\n", "passive", "", False),
    (
        "“We need more time,” one official, who asked not to be named, told reporters.\n",
        "tail",
        "one official, who asked not to be named",
        True,
    ),
    (
        "According to people familiar with the matter, “the launch will slip into next year.”\n",
        "verb",
        "people familiar with the matter",
        True,
    ),
    ("有分析师表示：“这轮融资的估值明显偏高，很难持续下去。”\n", "colon", "有分析师", True),
    ("据知情人士透露，“公司已经在和多家机构谈判新一轮融资。”\n", "verb", "知情人士", True),
]


@pytest.mark.parametrize(("text", "how", "speaker", "anonymous"), SPEECH)
def test_speech_and_speaker(text: str, how: str, speaker: str, anonymous: bool) -> None:
    q = top_quotes(text)[0]
    assert q.speech
    assert (q.how, q.canonical, q.anonymous) == (how, speaker, anonymous)


NOT_SPEECH = [
    "如果要用一个词来形容 OpenAI 此刻的竞争处境,“围猎”再恰当不过。\n",
    "“更少”和“更多”这两个词,几乎精准戳中了当下订阅疲劳时代的用户心理。\n",
    "大会结束后，大家纷纷将 OpenAI 比喻为苹果 OS，本质上都是「技术封闭，生态开放」。\n",
    "当我第一次在会议上提到「Ruby 3x3」的时候，大多数成员都觉得在吹牛。\n",
    "如果说“围猎”是外部战场，那么“祛魅”就是内部结构对神话的拆解。\n",
    'The toll is what the report calls a "toll fee" for every request.\n',
    "我们不会使用「Merge pull request」功能。\n",
    "杭州灵隐寺“智慧寺院管理系统”近期正式上线，一位僧人正在讲解该系统。\n",
]


@pytest.mark.parametrize("text", NOT_SPEECH)
def test_scare_quotes_terms_and_titles_are_not_speech(text: str) -> None:
    assert not any(q.speech for q in top_quotes(text))


def test_next_paragraph_attribution() -> None:
    text = (
        "「AI 领域的小公司有没有机会？还是说 OpenAI 的 dev day 会变成中小企业的 911？」\n\n"
        "11 月 7 日早上 7:54 ，前阿里VP、AI 科学家贾扬清在朋友圈发出了这一感慨。\n"
    )
    q = top_quotes(text)[0]
    assert (q.how, q.canonical) == ("standalone", "贾扬清")


def test_continuation_keeps_the_speaker() -> None:
    text = "「很简单，试着发布测试模型的能力，然后检验看看是否可行。」国内 AI 创业者徐利说。「就目前来看，这才是第一性的。」\n"
    first, second = top_quotes(text)
    assert (first.canonical, second.canonical, second.how) == ("徐利", "徐利", "continuation")


def test_continuation_in_the_next_paragraph() -> None:
    text = "“At that point, the research switched into real-time,” said Dave.\n\n“As soon as we built the tool, people used it.”\n"
    second = top_quotes(text)[1]
    assert (second.how, second.canonical) == ("continuation", "Dave")


class _Config:
    """A stand-in for the run's config: only ``get("rules")`` is read."""

    def __init__(self, rules: dict) -> None:
        self.rules = rules

    def get(self, key: str, default: object = None) -> object:
        return self.rules if key == "rules" else default


def test_extra_speech_verb_from_config() -> None:
    text = "「这套方案根本跑不起来，还是先回去看看文档吧。」老王吐槽。\n"
    assert list_quotes(parse("a.md", text)) == []
    config = _Config({"FL301": {"speech-verbs": ["吐槽"]}})
    records = list_quotes(parse("b.md", text), config)
    assert [(r.canonical, r.how) for r in records] == [("老王", "tail")]
    assert lexicon_for(config) is lexicon_for(config)  # cached: one analysis per run


class _Raising:
    """A foreign config object whose ``get`` fails: its options are ignored."""

    def get(self, key: str, default: object = None) -> object:
        raise KeyError(key)


@pytest.mark.parametrize(
    "config",
    [
        None,
        object(),
        _Raising(),
        _Config({}),
        _Config(None),  # type: ignore[arg-type]
        _Config(["FL301"]),  # type: ignore[arg-type]
        _Config({"FL301": {}}),
        _Config({"FL301": None, "unattributed-quote": {"speech-verbs": []}}),
        _Config({"FL302": {"anonymous_sources": []}, "FL303": {"x": ["y"]}}),
    ],
)
@pytest.mark.parametrize("extra", [(), [], None, ""])
def test_lexicon_shortcut_is_the_plain_lexicon_of_the_general_path(config: object, extra: object) -> None:
    """With no rules table and no extra words, lexicon_for returns load((), ()) at once: the
    same object the general path (reading every option) gives for a config with no words."""
    plain = lexicon_mod.load((), ())
    assert lexicon_for(config, extra_verbs=extra, extra_anonymous=extra) is plain
    assert lexicon_for(_Config({"FL301": {"speech-verbs": []}, "FL302": {}})) is plain
    assert lexicon_for(_Config({}), extra_verbs=["吐槽"]) is lexicon_mod.load(("吐槽",), ())
    assert lexicon_for(_Config({}), extra_anonymous=["x"]) is lexicon_mod.load((), ("x",))


def test_anonymous_source_option() -> None:
    text = "“The product is late,” said a little bird.\n"
    assert lint_text(text, select=["FL302"]) == []
    config = {"rules": {"FL302": {"anonymous-sources": [r"\ba little bird\b"]}}}
    assert [d.code for d in lint_text(text, select=["FL302"], config=config)] == ["FL302"]


# -- the seeds: exactly the findings the issue describes --------------------------------------

SEED_FINDINGS = {
    "001_e0d21f7d18c2ee20.txt": [(86, 18, "FL302", "info"), (158, 98, "FL303", "warning")],
    "002_46dc9279736b5db8.txt": [(105, 9, "FL301", "info"), (115, 1, "FL302", "info")],
}


@pytest.mark.parametrize("name", sorted(SEED_FINDINGS))
def test_seed_findings_are_exactly_the_issues(seeds: Path, name: str) -> None:
    text = (seeds / name).read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code, str(d.severity)) for d in lint_text(text, path=name, select=["FL3"])]
    assert found == SEED_FINDINGS[name]


@pytest.mark.parametrize("name", ["000_be0d471a1a232246.txt", "003_c2c291889c2cf321.txt", "004_b625d6200ca549e7.txt"])
def test_other_seeds_have_no_quote_findings(seeds: Path, name: str) -> None:
    text = (seeds / name).read_text(encoding="utf-8")
    assert lint_text(text, path=name, select=["FL3"]) == []


def test_seed_001_quotes_view_lists_who_said_what(seeds: Path) -> None:
    doc = parse("001.txt", (seeds / "001_e0d21f7d18c2ee20.txt").read_text(encoding="utf-8"))
    records = list_quotes(doc)
    speakers = {r.line: r.canonical for r in records}
    assert speakers[22] == "贾扬清"
    assert speakers[52] == "郭旭"
    assert speakers[64] == "张涛"
    assert speakers[86] == "某分析师"
    assert all(r.canonical for r in records if r.how != "partial")
    line = next(r for r in records if r.line == 90).format()
    assert line.startswith("001.txt:90:1: 周健: ")
    assert next(r for r in records if r.line == 86).to_dict()["anonymous"] is True


def test_claims_carry_speaker_and_quote(seeds: Path) -> None:
    doc = parse("002.txt", (seeds / "002_46dc9279736b5db8.txt").read_text(encoding="utf-8"))
    claims = quote_claims(doc)
    assert all(c.kind == "quote" and c.extractor == "factlint_quotes" and c.metric == "" for c in claims)
    by_subject = {c.subject: c for c in claims}
    assert by_subject["德意志银行"].value.startswith("这一决定凸显了")
    assert by_subject["德意志银行"].span.line == 63
    assert by_subject["德意志银行"].subject_span is not None
    assert "" in by_subject  # the passive quote has no speaker
