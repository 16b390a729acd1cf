"""Speech quotes and who said them.

A top-level quote is *speech* when it carries what someone said: it is introduced by a colon or
a speech verb (``张涛也坦言到：「…」``, ``Hartley said, "…"``), followed by an attribution
(``「…」周健分析。``, ``"…," said Maria Lopez.``), continues a speech quote just before it
(``「…」徐利说。「…」``), or stands as a paragraph of its own with a sentence inside. Scare
quotes, terms and titles (“围猎”, "toll fee", 「更多机会」) are none of these and are left alone.

The speaker is searched before the quote (same sentence, or a previous paragraph ending with a
colon), after it (same paragraph, a dash line, or the next paragraph: "贾扬清在朋友圈发出了这一
感慨"), and carried over from the previous speech quote. A speaker phrase that names no one
(某分析师, 一位…投资家, a source, people familiar with the matter) is *anonymous* unless a name
follows the role (一位业内人士柳芳).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from factlint_quotes import lexicon as lexicon_mod
from factlint_quotes.quotes import BY_START, Quote, QuoteScan, Unpaired, block_lead, pair_marks

if TYPE_CHECKING:
    from factlint.document import Block, Document
    from factlint_quotes.lexicon import Lexicon

HAN_RE = regex.compile(r"\p{Han}")
_NON_HAN_RUN_RE = regex.compile(r"\P{Han}+")
_ZH_PUNCT_RE = regex.compile(r"[，。！？!?；;…,、：:]")
_ZH_SENTENCE_PUNCT_RE = regex.compile(r"[。！？!?；;]")
_ZH_END_RE = regex.compile(r"[。！？!?…]\s*[*_]*\s*$")
_EN_END_RE = regex.compile(r"[.!?…]\s*[*_]*\s*$")
_FIRST_PERSON_ZH = regex.compile(r"[我咱]")
_FIRST_PERSON_EN = regex.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|me|us)\b")
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}’'.-]*")

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛"
    "曲翁冉骆蓝游辛靳柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封匡鞠惠荆冀郁胥储栗燕楚鄢谌奚"
    "皮粟冼蔺楼阚帅屠朴练廉禹井祖漆巴丰狄晋芮阙戈伏鹿邸雍辜裘亓邰赫杭况逯茹诸慕嵇湛戎茅尉冶檀昝"
)
_HONORIFICS = ("博士", "先生", "女士", "教授", "老师", "同学", "本人", "总")
_ZH_ADVERBS = (
    "也",
    "则",
    "还",
    "就",
    "更",
    "都",
    "甚至",
    "曾",
    "曾经",
    "又",
    "便",
    "却",
    "亦",
    "均",
    "同样",
    "特别",
    "直接",
    "再次",
    "公开",
    "随后",
    "当即",
    "已",
    "已经",
    "一再",
    "早就",
    "此前",
    "近日",
    "日前",
    "最近",
    "后来",
    "当时",
    "如此",
    "这样",
    "发出了",
    "发出",
    "写下了",
    "写下",
    "说出了",
    "留下了",
    "是",
)
_ZH_PREPOSITIONS = ("在", "对", "向", "跟", "和", "与", "于", "从", "当", "接受", "面对", "针对", "通过")
_ZH_LEADERS = regex.compile(
    r"^(?:但是|但|而且|而|对此|此外|同时|另外|不过|然而|因此|所以|其中|后来|当时|随后|最后|首先|其次|诚然|并且|"
    r"就连|于是|接着|比如|例如|如|正如|像|据|其实|只是|可是|那么|当然|另一方面|与此同时|除此之外)[，, ]*"
)
_EN_LEADERS = regex.compile(
    r"^(?:and|but|so|as|then|also|however|later|now|in fact|indeed|instead|meanwhile|still|yet)\b[, ]*",
    regex.IGNORECASE,
)
_ZH_NOT_SPEECH_SHUO = regex.compile(
    r"(?:如果|假如|所|可以|应该|不用|换句话|比如|就是|或者|虽|再|听|小|据|俗话|常言|古话|老话|这么|那么|怎么|"
    r"也就是|不是|好|难|来|总的来|一般来|严格来|具体来|简单来|相对来|整体来|通常来|坦白|老实|实话|话)$"
)
# How far from the end a match of _ZH_NOT_SPEECH_SHUO can start: its longest word, and the
# newline before which "$" also matches.
_NOT_SPEECH_SHUO_REACH = 3 + 1


def _not_speech_shuo(text: str, lo: int, hi: int) -> bool:
    """Does ``text[lo:hi]`` end with a word that makes a following 说 no speech verb (如果说,
    所说)? Only its last characters can hold a match: they alone are searched."""
    return _ZH_NOT_SPEECH_SHUO.search(text[max(lo, hi - _NOT_SPEECH_SHUO_REACH) : hi]) is not None


# One character per repetition: with a nested "[…]+" the engine tried every way of splitting a
# run of digits and spaces between the repetitions before it could fail.
_ZH_TIME_TAIL = regex.compile(r"(?:[\d\s年月日号]|[上下]午|早上|晚上|凌晨)+$")
# The last characters of _ZH_TIME_TAIL's pieces that are Chinese (its other pieces are a digit
# or a white space character), and punctuation that is neither.
_ZH_TIME_TAIL_LAST = frozenset("年月日号午上晨")
_NOT_A_TIME_TAIL_END = frozenset("，。！？；：、“”‘’（）《》「」『』【】…—")


def _time_tail(text: str) -> regex.Match[str] | None:
    """``_ZH_TIME_TAIL.search(text)``, spared where it cannot match.

    A match ends at the end of the text (or before a newline there, itself a white space
    piece), so its last character ends a piece. A text that ends in a Chinese character of the
    basic block that ends none, in ASCII other than a digit or white space, or in Chinese
    punctuation holds no match; the search would try every start, and on a run of spaces (the
    prose blanks what is not prose) take time quadratic in its length.
    """
    last = text[-1:]
    if (
        ("\u4e00" <= last <= "\u9fff" and last not in _ZH_TIME_TAIL_LAST)
        or (last.isascii() and not last.isdigit() and not last.isspace())
        or last in _NOT_A_TIME_TAIL_END
    ):
        return None
    return _ZH_TIME_TAIL.search(text)


_LATIN_NAME_RE = regex.compile(r"(?:[A-Z][\p{L}’'.-]*\.?)(?:\s+(?:[A-Z][\p{L}’'.-]*|de|van|von|da|di|le|la))*")
_DOT_NAME_RE = regex.compile(r"\p{Han}{1,6}[·・.．]\p{Han}{1,8}")
_ACRONYM_RE = regex.compile(r"^(?:[A-Z]{2,6}|[A-Z][a-z]?[A-Z]+s?)$")
_ROLE_ENDINGS = "裁长师人者官员家手理监席授士表总的、"
_LATIN_WORD_RE = regex.compile(r"[A-Za-z0-9]+")
_ADVERB_DI_RE = regex.compile(r"\p{Han}{1,3}地$")
_CLOSED_END_RE = regex.compile(r"[》」』”)）]$")
_LATIN_END_RE = regex.compile(r"[A-Za-z)）]$")
_DOT_RE = regex.compile(r"[·・.．]")
_PAREN_END_RE = regex.compile(r"\s*[(（][^)）]*[)）]\s*$")
_DE_SPLIT_RE = regex.compile(r"[的、]")
_EN_ADVERB_END_RE = regex.compile(r"(?:\s+(?:also|later|then|once|simply|recently|famously|\w+ly))+\s*$")
_REST_LEAD_RE = regex.compile(r"^[\s,，]*(?:也|则|还|就|都|甚至|同样)?")
_EN_FULL_NAME_RE = regex.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
_NOT_WHO_RE = regex.compile(r"\s*(?:的|这|那|等|之|是|和|与|及|或|一词|二字|中|里|上)")
_EN_SENTENCE_END_RE = regex.compile(
    r"(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|e\.g|i\.e|U\.S|D\.C))[.!?;]+[\"”’)]*\s+(?=[\"“‘(\[]?[A-Z0-9])"
)
_BARE_NAME_RE = regex.compile(r"(?:[A-Z][\p{L}.'’-]*\s+){0,3}[A-Z][\p{L}.'’-]*|\p{Han}{1,6}[·・]\p{Han}{1,8}")
_ZH_PRONOUN_SUBJECT_RE = regex.compile(r"(?:^|[，。！？；])\s*(?:[^，。！？；]{0,6})?(?:他|她)(?!们)")
_ZH_NAMED_SUBJECT_RE = regex.compile(
    r"(?:^|[，。！？；、\s师家人者长官员总])["
    + "".join(sorted(SURNAMES))
    + r"]\p{Han}{1,2}(?=希望|认为|表示|说|也|曾|还|则|就|在|对|是|的|指出|介绍|透露|称|觉得|相信|坦言|回忆)"
)
_EN_PRONOUN_SUBJECT_RE = regex.compile(r"(?:He|She)\b")
_POSSESSIVE_RE = regex.compile(r"(?:’s|'s)$")
_KEY_RE = regex.compile(r"[a-z][a-z0-9_-]*")
_SPACES_RE = regex.compile(r"\s+")
_PRONOUNS_EN = {"he", "she", "they", "i", "we", "you", "it"}
_PRONOUNS_ZH = {"他", "她", "他们", "她们", "我", "我们", "你", "您", "它", "对方", "后者", "前者", "此人", "其"}

# The speaker of an English tail attribution; only ever a part of en_tail, so kept as text (a
# compiled pattern of its own was never used and cost a compile in every process).
_EN_WHO = (
    r"(?:(?i:he|she|they|I|we|you|it)"
    r"|(?:the|a|an|one|his|her|their|our|my|its|The|A|An|One|His|Her|Their|Our|My|Its)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}"
    r"|\[?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|da|di))*(?:’s|'s)?(?:\s+[\w’'-]+){0,3}\]?)"
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Every quote of a document with its speech/speaker fields filled, and the unpaired marks."""

    quotes: list[Quote]
    unpaired: list[Unpaired]

    @property
    def speech(self) -> list[Quote]:
        return [q for q in self.quotes if q.speech]


def analyse(doc: Document, lex: Lexicon | None = None) -> Analysis:
    """The quotes of a document, classified and attributed (cached per document and lexicon)."""
    return doc.memo(_analyse, lex or lexicon_mod.load())


def _analyse(doc: Document, lex: Lexicon) -> Analysis:
    scan = pair_marks(doc)
    _Attributor(doc, lex, scan).run()
    return Analysis(scan.quotes, scan.unpaired)


def han_count(text: str) -> int:
    """How many Han characters the text holds (as ``len(HAN_RE.findall(text))`` counts them).

    \\P{Han} is the complement of \\p{Han}: deleting every run of other characters leaves the
    Han ones, which is faster than building a list of one-character matches.
    """
    return len(_NON_HAN_RUN_RE.sub("", text))


class QuoteText:
    """A quote's text as the speech tests read it (spaces and emphasis stripped from its ends),
    with its counts of Chinese characters and of words each made once: classify asks up to four
    tests of the same quote.

    The counts are the same as those of the unstripped text: " ", "*" and "_" are neither Han
    nor in a character class of _WORD_RE, and _WORD_RE looks at nothing around a match, so
    stripping them from the ends changes no match.
    """

    __slots__ = ("_han", "_words", "text")

    def __init__(self, content: str) -> None:
        self.text = content.strip(" *_")
        self._han = -1
        self._words = -1

    @property
    def han(self) -> int:
        if self._han < 0:
            self._han = han_count(self.text)
        return self._han

    @property
    def words(self) -> int:
        if self._words < 0:
            self._words = len(_WORD_RE.findall(self.text))
        return self._words

    def speech_like(self, lang: str) -> bool:
        """Does the quoted text read like something said (a clause), not a term or a title?"""
        text = self.text
        if lang == "zh":
            n = self.han
            return n >= 10 or (n >= 4 and bool(_ZH_PUNCT_RE.search(text) or _FIRST_PERSON_ZH.search(text)))
        words = self.words
        ends = text[-1:] in ".,!?…—"
        return words >= 5 or (words >= 3 and ends) or (words >= 2 and bool(_FIRST_PERSON_EN.search(text)))

    def intro_ok(self, lang: str) -> bool:
        """Weaker test for a quote right after a speech verb or a colon."""
        text = self.text
        if lang == "zh":
            n = self.han
            if n >= 6 or (n >= 2 and _ZH_PUNCT_RE.search(text)):
                return True
            return n + len(_LATIN_WORD_RE.findall(text)) >= 6
        words = self.words
        return words >= 3 or (words >= 1 and text[-1:] in ".,!?…")

    def sentence_like(self, lang: str) -> bool:
        """A quote standing alone must hold a sentence: long enough and ending like one."""
        text = self.text
        if lang == "zh":
            return self.han >= 8 and bool(_ZH_END_RE.search(text) or _ZH_SENTENCE_PUNCT_RE.search(text))
        return self.words >= 5 and bool(_EN_END_RE.search(text))


def zh_name_at_end(phrase: str) -> tuple[int, int] | None:
    """Span of a Chinese personal name (surname + 1–2 characters) ending the phrase."""
    text = phrase
    for honorific in _HONORIFICS:
        if text.endswith(honorific) and len(text) > len(honorific) + 1:
            text = text[: -len(honorific)]
            break
    for size in (3, 2):
        if len(text) < size:
            continue
        cand = text[-size:]
        if cand[0] in SURNAMES and all(HAN_RE.match(c) for c in cand):
            before = text[-size - 1] if len(text) > size else ""
            # a 3-character candidate must not swallow the end of a role word (…者张涛 → 张涛)
            if size == 3 and before and HAN_RE.match(before) and cand[1] in SURNAMES and before not in "的、":
                continue
            return len(text) - size, len(text)
    return None


def zh_name_at_start(text: str) -> bool:
    """Does the text start with a personal name (a pseudonym after a role: 人士柳芳评价)?"""
    text = text.lstrip(" \t")
    m = _LATIN_NAME_RE.match(text)
    if m and not _ACRONYM_RE.match(m[0].split()[0]):
        return True
    if _DOT_NAME_RE.match(text):
        return True
    if len(text) >= 2 and text[0] in SURNAMES and HAN_RE.match(text[1]):
        rest2 = text[2:]
        rest3 = text[3:] if len(text) >= 3 else ""
        if not rest2 or not HAN_RE.match(rest2[0]) or _is_after_name(rest2) or _is_after_name(rest3):
            return True
    return False


_AFTER_NAME_RE = regex.compile(
    r"^(?:也|则|还|就|更|都|甚至|曾|又|便|却|亦|同样|特别|在|对|向|跟|说|表|认|称|评|透|告|坦|感|指|写|回|补|强|直|提|分|如是|先生|女士|博士|教授)"
)


def _is_after_name(text: str) -> bool:
    return not text or bool(_AFTER_NAME_RE.match(text))


def trim_zh_speaker(phrase: str) -> str:
    """Strip adverbs, prepositional phrases and time expressions from the end of a speaker phrase."""
    text = phrase.strip(" \t*_，,")
    # The patterns below end in "$" and match a few characters at most: each is searched from
    # where its longest match (and a newline "$" may stand before) would start, not from the
    # start of the text. A text that ends with no adverb is not compared with each of them.
    for _ in range(8):
        before = text
        if text.endswith(_ZH_ADVERBS):
            for adverb in _ZH_ADVERBS:
                if text.endswith(adverb) and len(text) > len(adverb):
                    text = text[: -len(adverb)].rstrip(" \t*_，,")
                    break
        m = _ADVERB_DI_RE.search(text, max(0, len(text) - 5))
        if m and m.start() > 0:
            text = text[: m.start()].rstrip()
        if text.endswith(("时", "后", "中", "上", "里", "前", "之际")) or _CLOSED_END_RE.search(
            text, max(0, len(text) - 2)
        ):
            window = text[-30:]
            base = len(text) - len(window)
            best = -1
            for prep in _ZH_PREPOSITIONS:
                pos = window.rfind(prep)
                best = max(best, pos)
            if best > 0 or (best == 0 and base > 0):
                text = text[: base + best].rstrip(" \t*_，,")
        elif text.endswith(("对", "向", "跟", "在", "从", "当", "于")) and len(text) > 1:
            text = text[:-1].rstrip()
        else:
            for prep in ("对", "向", "跟", "在"):
                pos = text.rfind(prep, max(0, len(text) - 16))
                if pos > 0 and "，" not in text[pos:] and not zh_name_at_end(text[pos:]):
                    tail = text[pos + 1 :]
                    if tail and (_CLOSED_END_RE.search(tail, max(0, len(tail) - 2)) or len(tail) <= 8):
                        candidate = text[:pos].rstrip()
                        if candidate and (
                            zh_name_at_end(candidate) or _LATIN_END_RE.search(candidate, max(0, len(candidate) - 2))
                        ):
                            text = candidate
                    break
        m = _time_tail(text)
        if m and m.start() > 0 and m[0].strip():
            text = text[: m.start()].rstrip()
        if text == before:
            break
    return text


def canonical_speaker(phrase: str, lang: str) -> str:
    """A short name for the speaker: a personal name when one is found, else the phrase."""
    text = _SPACES_RE.sub(" ", phrase.strip(" \t*_[]，,"))
    if not text:
        return ""
    if lang == "zh" or HAN_RE.search(text):
        m = _DOT_NAME_RE.search(text)
        if m:
            name = m[0]
            dot = _DOT_RE.search(name)
            first = name[: dot.start()] if dot else name
            role = max(first.rfind(c) for c in _ROLE_ENDINGS)
            return name[role + 1 :] if role >= 0 else name
        span = zh_name_at_end(text)
        stripped = _PAREN_END_RE.sub("", text)
        latin = [n for n in _LATIN_NAME_RE.findall(stripped) if not _ACRONYM_RE.match(n.split()[0])]
        if latin and stripped.endswith(latin[-1]) and len(latin[-1].split()) >= 2:
            return latin[-1]
        if span and (span[0] == 0 or not HAN_RE.match(text[span[0] - 1]) or text[span[0] - 1] in _ROLE_ENDINGS):
            return text[span[0] : span[1]]
        if len(text) > 24:
            piece = _DE_SPLIT_RE.split(text)[-1].strip()
            return piece or text[-24:]
        return text
    words = text.split()
    if text.lower() in _PRONOUNS_EN:
        return text
    names = [n for n in _LATIN_NAME_RE.findall(text) if not _ACRONYM_RE.match(n.split()[0])]
    names = [_strip_sentence_word(n) for n in names]
    names = [n for n in names if n]
    if names:
        return _POSSESSIVE_RE.sub("", max(names, key=lambda n: len(n.split()))).rstrip(".")
    return " ".join(words[:8])


_NOT_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "one",
        "his",
        "her",
        "their",
        "our",
        "my",
        "its",
        "at",
        "if",
        "this",
        "that",
        "these",
        "those",
        "it",
        "in",
        "on",
        "when",
        "as",
        "but",
        "and",
        "so",
        "there",
        "then",
        "for",
        "what",
        "how",
        "why",
        "we",
        "they",
        "another",
        "after",
        "before",
        "during",
        "while",
        "here",
        "now",
        "today",
        "yesterday",
        "also",
        "even",
        "still",
        "myth",
        "people",
        "some",
        "many",
        "most",
        "every",
        "each",
        "all",
        "no",
        "not",
        "according",
    ]
)


def _strip_sentence_word(name: str) -> str:
    """Drop capitalised function words from the front of a name candidate (At, If, This …)."""
    words = name.split()
    while words and words[0].lower() in _NOT_NAME_WORDS:
        words.pop(0)
    return " ".join(words)


def is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in _PRONOUNS_EN or phrase.strip() in _PRONOUNS_ZH


@dataclass(frozen=True, slots=True)
class _Patterns:
    zh_tail: regex.Pattern[str]
    zh_intro: regex.Pattern[str]
    zh_verb_object: regex.Pattern[str]
    en_tail: regex.Pattern[str]
    en_intro: regex.Pattern[str]
    dash_re: regex.Pattern[str]
    # the longest Chinese speech verb, None when one holds a space (its length has no bound)
    zh_verb_max: int | None
    # words one of which every English speech verb holds, case folded (see _en_verb_keys)
    en_verb_keys: tuple[str, ...]


_PATTERNS: dict[int, tuple[Lexicon, _Patterns]] = {}
_ZH_TAIL_WHO = 40  # characters of a speaker phrase between a quote and the speech verb after it
_ZH_TAIL_LEAD = regex.compile(r"\s*[，,]?\s*")  # what zh_tail allows before the speaker phrase
# The white space and commas that end a text (matched backwards from its end: REVERSE).
_ZH_TRAILING_RE = regex.compile(r"[\s，,]*", regex.REVERSE)


def _patterns(lex: Lexicon) -> _Patterns:
    """The attribution patterns of a lexicon, compiled once."""
    found = _PATTERNS.get(id(lex))
    if found is not None and found[0] is lex:
        return found[1]
    zh_verbs = lex.zh_verb_re.pattern
    en_verbs = "(?i:" + lex.en_verb_re.pattern + ")"
    built = _Patterns(
        zh_tail=regex.compile(
            r"\s*[，,]?\s*(?P<who>[^。！？!?；;「」“”『』\"\n]{0,"
            + str(_ZH_TAIL_WHO)
            + r"}?)(?P<verb>"
            + zh_verbs
            + r")(?:道|到|着|了)?(?P<obj>[^。！？!?；;「」“”『』\n，,]{0,12}?)\s*(?=[。！？!?；;，,.：:]|$)",
        ),
        zh_intro=regex.compile(r"(?P<verb>" + zh_verbs + r")(?:道|到|着|了)?\s*[，,]?\s*$"),
        zh_verb_object=regex.compile(r"(?P<verb>" + zh_verbs + r")(?:道|到|着|了)?[^，,。！？；;：:]{1,8}$"),
        en_tail=regex.compile(
            r"\s*[,—–-]?\s*(?:(?P<verb>"
            + en_verbs
            + r")\s+(?P<who>[^.!?;:\"“”\n]{1,80}?)(?=\s*[.,;:!?—]|\s*$)"
            + r"|(?P<who2>(?:"
            + _EN_WHO
            + r")(?:,\s[^,.;:\"“”\n]{1,60},)?)\s+(?:(?:also|later|then|once|simply|recently|previously)\s+)?(?P<verb2>"
            + en_verbs
            + r"))",
        ),
        en_intro=regex.compile(
            r"(?:(?P<verb>" + en_verbs + r")(?:\s+(?:me|us|him|her|them|reporters|[A-Z][\w’'.-]*))?"
            r"|(?P<acc>(?i:according\s+to)\s+(?P<who>[^,.;:\"“”\n]{1,60})))\s*[,:—]?\s*$",
        ),
        dash_re=regex.compile(r"\s*(?:——|—|–|--|-)\s*(?P<who>[^\n。;；]{1,60})"),
        zh_verb_max=None
        if any(" " in w.strip() for w in lex.zh_verbs)
        else max((len(w.strip()) for w in lex.zh_verbs), default=0),
        en_verb_keys=_en_verb_keys(lex.en_verbs),
    )
    _PATTERNS[id(lex)] = (lex, built)
    return built


def _en_verb_keys(verbs: tuple[str, ...]) -> tuple[str, ...]:
    """Case-folded words one of which is in the first word of each English speech verb.

    An English verb is ASCII letters, spaces, "'" and "-" (lexicon.load), and lex.en_verb_re
    matches its first word literally, ignoring case. Ignoring case, the regex engine takes a
    letter for itself in the other case and for three other characters: K (Kelvin sign) for k,
    ſ for s and İ for i, which str.casefold() turns into k, s and "i" followed by a combining
    dot. So where en_verb_re (or a pattern holding it) matches, the case-folded text with its
    combining dots dropped holds one of these words; a word holding another is left out.
    "according" is always one: en_intro also matches "according to" of its own.
    """
    firsts = {verb.strip().split(" ")[0].casefold() for verb in verbs if verb.strip()} | {"according"}
    return tuple(sorted(w for w in firsts if not any(o != w and o in w for o in firsts)))


def _folded(text: str) -> str:
    """The text as _en_verb_keys are looked for in it."""
    return text.casefold().replace("\u0307", "")


class _Attributor:
    def __init__(self, doc: Document, lex: Lexicon, scan: QuoteScan) -> None:
        self.doc = doc
        self.lex = lex
        self.scan = scan
        self.prose = doc.prose
        self.blocks = doc.blocks
        self.last_named = ""
        self.known_names: set[str] = set()
        p = _patterns(lex)
        self.zh_verb_max = p.zh_verb_max
        self.en_verb_keys = p.en_verb_keys
        self.zh_tail, self.zh_intro, self.zh_verb_object = p.zh_tail, p.zh_intro, p.zh_verb_object
        self.en_tail, self.en_intro, self.dash_re = p.en_tail, p.en_intro, p.dash_re

    # -- helpers -------------------------------------------------------------------------------

    def lang_of(self, q: Quote, block: Block) -> str:
        """Chinese when a Han character is in the quote or in the 8 characters before it (in the
        block). One search of both: a character class finds a match in one of two adjacent
        ranges exactly when it finds one in their union."""
        lo = max(block.start, q.start - 8)
        return "zh" if HAN_RE.search(self.prose, lo, q.end) else "en"

    def neighbour(self, index: int, step: int) -> int | None:
        """Index of the nearest non-blank prose block before (-1) or after (+1) a block."""
        i = index + step
        while 0 <= i < len(self.blocks):
            block = self.blocks[i]
            if block.kind in ("code", "hr", "heading", "table_row"):
                return i if block.kind == "heading" else None
            if block.is_prose and self.prose[block.start : block.end].strip():
                return i
            i += step
        return None

    def names_someone(self, lo: int, hi: int, lang: str) -> bool:
        """Does the text name a person: a full name, a speaker already met, or a he/she subject?"""
        text = self.prose[lo:hi]
        if _EN_FULL_NAME_RE.search(text) or _DOT_NAME_RE.search(text):
            return True
        if any(name in text for name in self.known_names):
            return True
        if lang == "zh":
            return bool(_ZH_PRONOUN_SUBJECT_RE.search(text) or _ZH_NAMED_SUBJECT_RE.search(text))
        return bool(_EN_PRONOUN_SUBJECT_RE.match(text.lstrip()))

    def may_hold_en_verb(self, lo: int, hi: int) -> bool:
        """False when no English speech verb can stand in ``prose[lo:hi]`` (see _en_verb_keys):
        a quick test before a scan with en_verb_re, whose many words, each tried ignoring case
        at every offset, make it hundreds of times slower than a search for a word."""
        text = _folded(self.prose[lo:hi])
        return any(key in text for key in self.en_verb_keys)

    def last_sentence(self, lo: int, hi: int, lang: str) -> int:
        """Where the sentence holding offset ``hi`` starts (paragraph text wraps: newlines are not stops)."""
        if lang == "zh":
            text = self.prose[lo:hi]
            cut = max(text.rfind(c) for c in "。！？!?；;")
            return lo + cut + 1 if cut >= 0 else lo
        start = lo
        for m in _EN_SENTENCE_END_RE.finditer(self.prose, lo, hi):
            start = m.end()
        return start

    def clause(self, lo: int, hi: int, lang: str) -> tuple[int, int]:
        """The clause ending at ``hi``: from the last sentence end (and for Chinese comma)."""
        start = self.last_sentence(lo, hi, lang)
        piece = self.prose[start:hi]
        commas = "，," if lang == "zh" else ","
        cut = max(piece.rfind(c) for c in commas)
        if cut >= 0 and piece[cut + 1 :].strip(" \t*_"):
            start = start + cut + 1
        return start, hi

    def speaker_before(self, lo: int, hi: int, lang: str) -> tuple[str, int, int]:
        """The speaker phrase of the clause ``lo:hi`` (the text before a verb or colon)."""
        start, end = self.clause(lo, hi, lang)
        text = self.prose[start:end]
        if lang == "zh":
            stripped = _ZH_LEADERS.sub("", text.lstrip(" \t*_>"))
            start = end - len(text.lstrip(" \t*_>")) + (len(text.lstrip(" \t*_>")) - len(stripped))
            phrase = trim_zh_speaker(stripped)
        else:
            lead = text.lstrip(" \t*_>")
            stripped = _EN_LEADERS.sub("", lead)
            start = end - len(lead) + (len(lead) - len(stripped))
            phrase = _EN_ADVERB_END_RE.sub("", stripped)
            phrase = phrase.strip(" \t*_,")
        phrase = phrase.strip()
        return phrase, start, start + len(phrase)

    def set_speaker(self, q: Quote, phrase: str, start: int, end: int, lang: str) -> None:
        stripped = phrase.lstrip(' \t*_[]”」』’"')
        start += len(phrase) - len(stripped)
        phrase = stripped.rstrip(' \t*_[]“「『‘",，')
        end = start + len(phrase)
        if not phrase or (q.how == "colon" and _KEY_RE.fullmatch(phrase)):
            return  # alt: "…", image: …: a key and its value, not a speaker
        q.speaker = phrase
        q.speaker_start, q.speaker_end = start, end
        if is_pronoun(phrase) and self.last_named:
            q.canonical = self.last_named
        else:
            q.canonical = canonical_speaker(phrase, lang)
            if q.canonical and not is_pronoun(q.canonical):
                self.last_named = q.canonical
                if len(q.canonical) >= 2:
                    self.known_names.add(q.canonical)
        self.check_anonymous(q)

    def check_anonymous(self, q: Quote) -> None:
        phrase = q.speaker
        for m in self.lex.anonymous_re.finditer(phrase):
            rest = trim_rest = phrase[m.end() :]
            trim_rest = _REST_LEAD_RE.sub("", rest)
            if HAN_RE.search(m[0]):
                name = zh_name_at_end(trim_zh_speaker(phrase))
                if zh_name_at_start(trim_rest) or (name is not None and name[0] >= m.end()):
                    continue  # 一位业内人士柳芳, 某医疗人工智能公司 CTO郭旭: a (pseudo)name follows the role
            if not HAN_RE.search(m[0]) and _EN_FULL_NAME_RE.search(phrase):
                continue  # an English phrase that also names someone
            q.anonymous = True
            q.anonymous_start = q.speaker_start + m.start()
            q.anonymous_end = q.speaker_start + m.end()
            if HAN_RE.search(m[0]) and not zh_name_at_end(phrase):
                q.canonical = m[0]  # 某分析师, not 某分析师抱持积极态度
            return

    # -- the classification --------------------------------------------------------------------

    def run(self) -> None:
        by_block: dict[int, list[Quote]] = defaultdict(list)
        for q in self.scan.quotes:
            if q.depth == 0:
                by_block[q.block].append(q)
        last_block_speech: tuple[int, Quote] | None = None  # block whose text ends with attributed speech
        for index in sorted(by_block):
            block = self.blocks[index]
            if block.kind not in ("paragraph", "list_item"):
                continue
            quotes = sorted(by_block[index], key=BY_START)
            prev: Quote | None = None
            prev_end = -1
            for q in quotes:
                q.lang = self.lang_of(q, block)
                end_of_attr = self.classify(
                    q, block, index, prev=prev, prev_end=prev_end, last_block_speech=last_block_speech
                )
                if q.speech and q.how != "partial":
                    prev, prev_end = q, end_of_attr
            if prev is not None and prev.speaker and not self.prose[prev_end : block.end].strip(" \t\n*_。.，,"):
                last_block_speech = (index, prev)
            elif last_block_speech is not None and last_block_speech[0] != index:
                last_block_speech = None

    def classify(
        self,
        q: Quote,
        block: Block,
        index: int,
        *,
        prev: Quote | None,
        prev_end: int,
        last_block_speech: tuple[int, Quote] | None,
    ) -> int:
        """Decide whether ``q`` is speech and find its speaker; return where its attribution ends."""
        prose, lang = self.prose, q.lang
        if q.end > block.end:
            return q.end  # a quotation over several paragraphs: a block quotation, not classified here
        quoted = QuoteText(prose[q.content_start : q.content_end])
        before = prose[block.start : q.start].rstrip(" \t*_")
        after_end = q.end
        # passive speech with no agent: 奥尔特曼被评价为“出色的推销员”
        if self.lex.passive_re.search(before[-20:]):
            q.speech, q.how = True, "passive"
            return after_end
        # introduced by a colon or a speech verb
        intro = self.intro(q, block, before, quoted)
        if intro:
            q.speech = True
        tail_end = self.tail(q, block, quoted) if not q.speaker else -1
        if tail_end >= 0:
            after_end = tail_end
        if q.speech:
            return after_end
        # a continuation: 「…」徐利说。「…」
        if prev is not None and quoted.speech_like(lang):
            gap = prose[prev_end : q.start]
            if not gap.strip(" \t\n*_。.，,！!？?；;—–-"):
                q.speech, q.how = True, "continuation"
                q.speaker, q.canonical = prev.speaker, prev.canonical
                q.speaker_start, q.speaker_end = prev.speaker_start, prev.speaker_end
                q.anonymous, q.anonymous_start, q.anonymous_end = (
                    prev.anonymous,
                    prev.anonymous_start,
                    prev.anonymous_end,
                )
                return after_end
        # a quote standing as a paragraph of its own
        if block_lead(prose, block) >= q.start and quoted.sentence_like(lang):
            rest = prose[q.end : block.end]
            dash = self.dash_re.match(rest)
            if not rest.strip(" \t\n*_。.") or dash:
                q.speech, q.how = True, "standalone"
                lead = prose[block.start : q.start].strip(" \t>-+")
                if lead.startswith(("**", "__")) and rest.strip(" \t\n。.").startswith(("**", "__")):
                    q.quiet = "bold"  # a question set in bold as a heading: 「为何说…？」
                self.attribute_standalone(q, index, dash, last_block_speech)
                return block.end
        # a partial quote inside reported speech: X 在介绍时说，这个服务的目的是“…”
        self.partial(q, block, quoted)
        return after_end

    def intro(self, q: Quote, block: Block, before: str, quoted: QuoteText) -> bool:
        lang = q.lang
        if not quoted.intro_ok(lang):
            return False
        hi = block.start + len(before)
        if before.endswith(("：", ":")):
            pre_hi = hi - 1
            q.how = "colon"
            verb = self.verb_at_end(block.start, pre_hi, lang)
            if verb is not None:
                phrase, s, e = self.speaker_before(block.start, verb, lang)
            else:
                phrase, s, e = self.speaker_before(block.start, pre_hi, lang)
            self.set_speaker(q, phrase, s, e, lang)
            return True
        # Either test failing means no intro; the cheap one goes first (verb_at_end only reads).
        if self.inside_sentence(q, block):
            return False  # the quote is an object inside the sentence: 提到「Ruby 3x3」的时候
        verb = self.verb_at_end(block.start, hi, lang)
        if verb is None:
            return False
        q.how = "verb"
        acc = self.en_intro.search(self.prose, block.start, hi) if lang == "en" else None
        if acc is not None and acc.group("acc"):
            self.set_speaker(q, acc["who"], acc.start("who"), acc.end("who"), lang)
        else:
            phrase, s, e = self.speaker_before(block.start, verb, lang)
            self.set_speaker(q, phrase, s, e, lang)
        return True

    def inside_sentence(self, q: Quote, block: Block) -> bool:
        """Does the sentence go on after the quote (no punctuation or quote next), as it does
        after an object: 提到「Ruby 3x3」的时候? A pure test of the text, like verb_at_end."""
        after = self.prose[q.end : block.end].lstrip(" \t*_")
        return bool(after) and after[0] not in "，,。.！!？?；;：:—–-)）\n" and not after.startswith(tuple('「“"『‘'))

    def zh_search_starts(self, text: str) -> tuple[int, int]:
        """Where a search of the text with zh_intro and with zh_verb_object need start.

        Both patterns end at the end of the text ("$", which may also stand before a final
        newline), so a match cannot start more than the longest verb before what may follow its
        verb: for zh_intro an optional particle and then only white space and commas, for
        zh_verb_object a particle and one to eight characters. A search from there finds the
        match a search from the start finds, without trying every offset before.
        """
        longest = self.zh_verb_max
        if longest is None:  # a verb with a space in it: its length has no bound
            return 0, 0
        return max(0, _ZH_TRAILING_RE.match(text).start() - 1 - longest), max(0, len(text) - 10 - longest)

    def verb_at_end(self, lo: int, hi: int, lang: str) -> int | None:
        """Offset where a speech verb ending the text ``lo:hi`` starts, or None."""
        window_lo = max(lo, hi - 80)
        text = self.prose[window_lo:hi].rstrip(" \t*_")
        if lang == "zh":
            intro_from, object_from = self.zh_search_starts(text)
            m = self.zh_intro.search(text, intro_from)
            if m is None:
                # 宋震告诉雷峰网： / 告诉记者： – a verb and a short object before the colon
                m2 = self.zh_verb_object.search(text, object_from)
                if m2 is None or not m2.group("verb").startswith(("告诉", "回应", "透露", "表示", "评论", "写")):
                    return None
                m = m2
            if m["verb"].startswith("说") and _not_speech_shuo(text, 0, m.start("verb")):
                return None
            if not text[: m.start("verb")].strip():
                return None
            return window_lo + m.start("verb")
        # en_intro ends in a speech verb (en_verb_re's words) or "according to" (one of them)
        if not self.may_hold_en_verb(window_lo, hi):
            return None
        m = self.en_intro.search(text)
        if m is None:
            return None
        return window_lo + (m.start("verb") if m.group("verb") else m.start())

    def tail(self, q: Quote, block: Block, quoted: QuoteText) -> int:
        """Attribution right after the quote; sets speech and speaker; returns its end or -1."""
        lang = q.lang
        if lang == "zh":
            if not (quoted.speech_like(lang) or (q.speech and quoted.intro_ok(lang))):
                return -1
            if not self.zh_verb_near(q.end, block.end):
                return -1
            m = self.zh_tail.match(self.prose, q.end, block.end)
            if m is None:
                return -1
            who = m["who"]
            cut = max(who.rfind("，"), who.rfind(","))
            who_start = m.start("who") + cut + 1
            who = who[cut + 1 :]
            if _NOT_WHO_RE.match(who):
                return -1
            if not who.strip() and not m["verb"].startswith(("如是", "如此", "这样")):
                return -1
            phrase = trim_zh_speaker(who)
            lead = len(who) - len(who.lstrip(" \t*_"))
            q.speech, q.how = True, q.how or "tail"
            if phrase:
                self.set_speaker(q, phrase, who_start + lead, who_start + lead + len(phrase), lang)
            return m.end()
        after = self.prose[q.end : q.end + 2]
        # (the quote's last character but spaces and emphasis: quoted.text is stripped at both ends)
        if not (quoted.text[-1:] in ",.!?…—-" or after.startswith(",")):
            return -1
        if quoted.words < 2:
            return -1
        m = self.en_tail.match(self.prose, q.end, block.end)
        if m is None:
            return -1
        if m.group("verb"):
            who, s = m["who"], m.start("who")
            words = who.split()
            if not words or len(words) > 10:
                return -1
        else:
            who, s = m["who2"], m.start("who2")
            if m["verb2"].lower() == "according to":
                return -1
        if who.lower().startswith(("that ", "to ", "in ", "on ", "by ", "as ")):
            return -1
        q.speech, q.how = True, q.how or "tail"
        self.set_speaker(q, who.strip(" []"), s, s + len(who.strip(" []")), lang)
        return m.end()

    def zh_verb_near(self, start: int, end: int) -> bool:
        """Can a Chinese tail attribution (zh_tail) match at ``start``? Its verb starts at most
        _ZH_TAIL_WHO characters after the longest lead zh_tail allows, so a search for a verb in
        that window (cut after the longest verb) is a cheap test: with no verb there, none of the
        tail's many ways to place its speaker phrase can succeed. A verb that ends at the cut
        still matches (its lookahead sees the end), so the window finds every verb zh_tail finds.
        """
        if self.zh_verb_max is None:
            return True
        lead = _ZH_TAIL_LEAD.match(self.prose, start, end)
        window_end = (lead.end() if lead else start) + _ZH_TAIL_WHO + self.zh_verb_max
        return self.lex.zh_verb_re.search(self.prose, start, min(end, window_end)) is not None

    def attribute_standalone(
        self,
        q: Quote,
        index: int,
        dash: regex.Match[str] | None,
        last_block_speech: tuple[int, Quote] | None,
    ) -> None:
        lang = q.lang
        if dash is not None:
            who = dash["who"].strip(" \t*_[]")
            self.set_speaker(q, who, dash.start("who"), dash.start("who") + len(who), lang)
            if q.speaker:
                return
        prev_index = self.neighbour(index, -1)
        next_index = self.neighbour(index, +1)
        for other in (prev_index, next_index):
            if other is not None and self.blocks[other].kind == "heading" and other == prev_index:
                q.quiet = q.quiet or "after-heading"  # the heading frames the quote (an interview answer)
            elif other is not None and self.prose[block_lead(self.prose, self.blocks[other])] in '「“"『«‘':
                q.quiet = q.quiet or "dialogue"  # paragraphs of quotes in a row: a dialogue or an interview
        if prev_index is not None and self.blocks[prev_index].kind == "heading":
            prev_index = None
        if next_index is not None and self.blocks[next_index].kind == "heading":
            next_index = None
        if prev_index is not None:
            pb = self.blocks[prev_index]
            if last_block_speech is not None and last_block_speech[0] == prev_index:
                src = last_block_speech[1]
                q.how = "continuation"
                q.speaker, q.canonical = src.speaker, src.canonical
                q.speaker_start, q.speaker_end = src.speaker_start, src.speaker_end
                q.anonymous, q.anonymous_start, q.anonymous_end = src.anonymous, src.anonymous_start, src.anonymous_end
                return
            text = self.prose[pb.start : pb.end].rstrip(" \t\n*_")
            if text.endswith(("：", ":")):
                hi = pb.start + len(text) - 1
                verb = self.verb_at_end(pb.start, hi, lang)
                phrase, s, e = self.speaker_before(pb.start, verb if verb is not None else hi, lang)
                if phrase:
                    q.how = "standalone"
                    self.set_speaker(q, phrase, s, e, lang)
                    return
            if self.prose[pb.start : pb.end].strip() and self.blocks[prev_index].kind == "paragraph":
                body_end = pb.start + len(text.rstrip('。！？!?.…；;”」’"*_ '))
                last = self.last_sentence(pb.start, body_end, lang)
                verb_re = self.lex.zh_verb_re if lang == "zh" else self.lex.en_verb_re
                m = None
                for found in verb_re.finditer(self.prose, last, body_end):
                    m = found  # the last speech verb of the sentence
                if m is not None:
                    phrase, s, e = self.speaker_before(last, m.start(), lang)
                    if phrase:
                        q.how = "standalone"
                        self.set_speaker(q, phrase, s, e, lang)
                        return
                if self.names_someone(pb.start, body_end, lang):
                    q.quiet = "named-before"  # the paragraph before names the person: "Christine Cheung agreed."
            # a run of quotes by someone introduced a few paragraphs up ("他说，…" then two quotes)
            back = prev_index
            for _ in range(2):
                back = self.neighbour(back, -1) if back is not None else None
                if back is None or self.blocks[back].kind != "paragraph" or q.quiet:
                    break
                bb = self.blocks[back]
                if self.prose[block_lead(self.prose, bb)] in '「“"『«‘':
                    q.quiet = "run"  # quotes separated by captions: one speaker's run of quotes
                elif self.names_someone(bb.start, bb.end, lang):
                    q.quiet = "named-before"

        if next_index is not None:
            nb = self.blocks[next_index]
            lead = block_lead(self.prose, nb)
            line = self.prose[lead : nb.end].strip()
            if _BARE_NAME_RE.fullmatch(line):  # a line holding only the speaker's name: Jay Leno
                self.set_speaker(q, line, lead, lead + len(line), lang)
                return
            dash = self.dash_re.match(self.prose, lead, nb.end) if self.prose[lead : lead + 1] in "—–-" else None
            if dash is not None:
                who = dash["who"].strip(" \t*_[]")
                self.set_speaker(q, who, dash.start("who"), dash.start("who") + len(who), lang)
                return
            stops = "。！？!?\n" if lang == "zh" else "!?\n"
            first_end = nb.end
            for i in range(lead, nb.end):
                ch = self.prose[i]
                if ch in stops or (lang == "en" and ch == "." and self.prose[i + 1 : i + 2] in (" ", "\n")):
                    first_end = i
                    break
            if lang == "zh":
                m = self.lex.zh_back_re.search(self.prose, lead, first_end) or self.lex.zh_verb_re.search(
                    self.prose, lead, first_end
                )
            else:
                m = self.lex.en_back_re.search(self.prose, lead, first_end) or self.lex.en_verb_re.search(
                    self.prose, lead, first_end
                )
            if m is not None:
                phrase, s, e = self.speaker_before(lead, m.start(), lang)
                if phrase:
                    q.how = "standalone"
                    self.set_speaker(q, phrase, s, e, lang)

    def partial(self, q: Quote, block: Block, quoted: QuoteText) -> None:
        lang = q.lang
        if lang == "zh":
            if quoted.han < 6:
                return
        elif quoted.words < 4:
            return
        sent_start = self.last_sentence(block.start, q.start, lang)
        if lang == "en" and not self.may_hold_en_verb(sent_start, q.start):
            return
        verb_re = self.lex.zh_verb_re if lang == "zh" else self.lex.en_verb_re
        for m in verb_re.finditer(self.prose, sent_start, q.start):
            if lang == "zh" and m[0].startswith("说") and _not_speech_shuo(self.prose, sent_start, m.start()):
                continue
            phrase, s, e = self.speaker_before(sent_start, m.start(), lang)
            if phrase and (lang == "zh" or len(phrase.split()) <= 8):
                q.speech, q.how = True, "partial"
                self.set_speaker(q, phrase, s, e, lang)
                return
