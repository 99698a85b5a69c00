"""Parse a scraped news article (plain text) into a record. Pure: no Pelican, no I/O.

The input has no header block. Lines are classified one by one, in file order:

    navigation crumbs, sign-offs  -> removed (kept in `removed`, never in the body)
    labelled metadata             -> date, time / update / outlet / keywords (`تاريخ النشر:`,
                                     `آخر تحديث:`, `المصدر:` ...)
    date and time lines           -> the date, the time and its zone (`16:14 ت م`)
    "read also" markers           -> everything after them is appended material, shown apart
    the first lines               -> the headline, when they look like one: scored on evidence
                                     (what is under it, a dangling word, a masthead above it)
    anything else                 -> body lines, joined into paragraphs where a line break
                                     falls inside a sentence

With the lines the archive repeats in many files (boilerplate.py), a repeated line above the
text is never the headline, and one after it starts material set apart.

The outlet is who the page says published it (masthead, site suffix, copyright, its app, a
byline); wire services and sources it credits are recorded apart, in `via` (issue 11).

Nothing is invented: an unknown date stays None; a missing headline is replaced by the
opening words of the body, flagged `title_derived`; fields read from weak evidence are listed
in `low_confidence`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .boilerplate import Boilerplate, is_text, line_key
from .dates import ParsedDate, ParsedTime, date_problem, parse_date, parse_time
from .fold import fold, line_tokens, tokens
from .lang import detect_language


class SeedError(ValueError):
    """The text cannot become an article (the message says why)."""


@dataclass(frozen=True)
class Appended:
    """Material glued after a "read also" marker: a list of links or another whole story."""

    kind: str  # "links" | "story"
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Removed:
    kind: str  # "navigation" | "sign-off" | "signature"
    text: str
    line: int  # 1-based line number in the source


@dataclass(frozen=True)
class SeedRecord:
    title: str
    title_derived: bool
    date: ParsedDate | None
    outlet: str | None
    keywords: tuple[str, ...]
    lang: str
    paragraphs: tuple[str, ...]
    appended: tuple[Appended, ...] = ()
    removed: tuple[Removed, ...] = ()
    body_end_line: int = 0  # 1-based source line of the last body line
    words: int = 0
    reading_minutes: int = 1
    warnings: tuple[str, ...] = ()  # what was read with doubt or not at all (the build report lists them)
    time: dt.time | None = None  # publication time as the page wrote it (not converted)
    timezone: str | None = None  # IANA zone (`Asia/Riyadh`), `UTC` or an offset (`+03:00`), when written
    updated: dt.date | None = None  # last update (`آخر تحديث`, `به‌روزرسانی`), when the page gives one
    via: tuple[str, ...] = ()  # wire services and sources credited, apart from the publishing outlet
    low_confidence: tuple[str, ...] = ()  # fields read from weak evidence: "title", "outlet"

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def __reduce__(self):
        """Pickled (the records cache) with its paragraphs as one UTF-16 string and their lengths:
        a +1 rebuild unpickles 10,000 cached records in 0.29-0.36 s instead of 0.46-0.54 s (UTF-8
        decoding, and a string object a paragraph). A text holding a surrogate keeps its tuple
        (UTF-16 would join a high and a low one into a single character)."""
        state = dict(self.__dict__)
        joined = "".join(state["paragraphs"])
        if _SURROGATE.search(joined):
            return (_record, (state,))
        lengths = [len(p) for p in state.pop("paragraphs")]
        return (_record, (state, joined.encode("utf-16-le"), lengths))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _record(state: dict, text: bytes | None = None, lengths: list[int] | None = None) -> SeedRecord:
    """A SeedRecord from its pickle (SeedRecord.__reduce__)."""
    record = object.__new__(SeedRecord)
    if text is not None and lengths is not None:
        joined, ends = text.decode("utf-16-le"), itertools.accumulate(lengths, initial=0)
        state["paragraphs"] = tuple(joined[a:b] for a, b in itertools.pairwise(ends))
    record.__dict__.update(state)
    return record


# --- line tables -------------------------------------------------------------------------

_HAMZA_ALEF = "[اأإآ]"
_ALSO = f"{_HAMZA_ALEF}يض(?:اً|ًا|ا)"  # أيضاً / ايضا, tanween on either side of the alef
_UPDATED = (
    r"(?:آخر|اخر)\s+(?:تحديث|تعديل)|تاريخ\s+التحديث|تم\s+التحديث|حُ?دِّ?ث\s+(?:في|بتاريخ)"
    r"|(?:آخرین\s+|تاریخ\s+)?(?:به[\u200c\s]?روز\s?رسانی|بروز\s?رسانی|به[\u200c\s]?روز\s?شده)"
    r"|Last\s+updated|Updated|Modified"
)
LABELS: dict[str, str] = {
    # label (regex) -> field
    _UPDATED: "updated",
    r"تاريخ\s+النشر|نشر\s+(?:في|بتاريخ)|التاريخ|تاریخ\s+انتشار|تاریخ\s+نشر|تاریخ|Published|Date": "date",
    r"المصدر|مصدر|منبع|Source": "outlet",
    (
        r"كلمات\s+دلالية|(?:ال)?كلمات\s+(?:ال)?مفتاحية|(?:ال)?وسوم|برچسب\u200c?\s?ها|"
        r"کلیدواژه\u200c?\s?ها|کلیدواژه|کلمات\s+کلیدی|Tags|Keywords"
    ): "keywords",
}
_LABEL_RE = [
    (re.compile(rf"^\s*(?:{label})\s*[:：]\s*(?P<value>.*?)\s*$", re.IGNORECASE), name)
    for label, name in LABELS.items()
]

# A line giving both dates: `نشر في: 7 أغسطس 2015 | آخر تحديث: 9 أغسطس 2015`.
UPDATED_INLINE = re.compile(rf"[\s|،,\-–—(]*(?:{_UPDATED})\s*[:：]?\s*", re.IGNORECASE)
# What may stand around a time on a line that is only a time: `الساعة 14:46`, `16:14 ت م`.
TIME_LINE_WORDS = frozenset(("الساعة", "الساعه", "ساعت", "ساعة", "at", "time", "-", "|", "،", ","))
TIME_LINE_MAX_WORDS = 8
READ_ALSO = re.compile(
    rf"^\s*(?:{_HAMZA_ALEF}?قر[أا]\s+(?:{_ALSO}|كذلك|المزيد)|شاهد\s+{_ALSO}"
    r"|(?:مواضيع|أخبار|اخبار|مقالات)\s+ذات\s+صلة|الأكثر\s+(?:قراءة|مشاهدة)|مقالات\s+أخرى\s+للكاتب|سمات(?=\s)"
    r"|ب[یي]شتر\s+بخوان[یي]د|مطالب\s+مرتبط|اخبار\s+مرتبط|Read\s+(?:also|more))[\u064b\u064c\u064d]*\s*[:：]?\s*",
    re.IGNORECASE,
)
# Page furniture after the text: app and newsletter promotions, comment prompts, copyright and
# follow-us lines (issue 11). Removed from the text, listed apart. Each alternative starts with a
# plain character (not a class): the regex engine then skips to the lines' candidate characters.
FOOTER = re.compile(
    r"©|جميع\s+الحقوق\s+محفوظة|حقوق\s+(?:النشر|الطبع)|حم[ّ]?ل\s+تطبيق|النشرة\s+(?:البريدية|الإخبارية)"
    r"|أضف\s+تعليق|اترك\s+تعليق|تابعونا\s+على|شارك\s+(?:الخبر|المقال)"
    r"|کلیه\s+حقوق|كلیه\s+حقوق|کليه\s+حقوق|كليه\s+حقوق|اپلی[کك]یشن|اپلي[كک]يشن|خبرنامه|نظر\s+شما|دنبال\s+[کك]نید",
)
HASHTAGS = re.compile(r"^(?:#\S+\s*){1,12}$")
# A line that points to the story's address (`رابط الخبر بصحيفة الوئام: http://…`): never the text.
URL_LINE = re.compile(r"https?://|www\.[\w-]+\.", re.IGNORECASE)
PERMALINK = re.compile(
    r"^\s*(?:رابط\s+(?:الخبر|المقال|المادة|مختصر|دائم)|الرابط\s+(?:المختصر|الدائم)"
    r"|لینک\s+(?:کوتاه|خبر|مطلب)|نشانی\s+(?:خبر|مطلب)|short\s*link|permalink)",
    re.IGNORECASE,
)
URL_LINE_MAX_WORDS = 10
# A writer's contact box after the text (`للتواصل أرسل sms إلى 88548 …`, `تويتر` / `@handle`, an
# e-mail): the writer's, not other stories' headlines; the lines that continue it (the line
# before ends with a number or a comma) belong to it.
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.\w|(?<![\w@])@\w{3,}|(?<![^\W\d_])sms(?![^\W\d_])|للتواصل"
    r"|^(?:تويتر|twitter|فيسبوك|facebook|[TE]|البريد\s+الإلكتروني|ایمیل|ايميل|إيميل)\s*[:：]?\s*\S*$",
    re.IGNORECASE,
)
CONTACT_GOES_ON = re.compile(
    r"(?:[\d,،:]|(?<![^\W\d_])(?:إلى|الى|على|في|من|عن|عبر|به|از|در|با|برای|to|at))\s*$", re.IGNORECASE
)  # the line before ends with a number, a comma or colon, or a word that needs what follows
# An instruction to write (`للتواصل مع الكاتب ارسل رسالة SMS`) goes on until it gives an address
# (a number of four digits or more, an e-mail, a handle, a link), for at most this many lines.
CONTACT_ASKS = re.compile(r"(?<![^\W\d_])sms(?![^\W\d_])|للتواصل|[اأإ]رسل|راسل", re.IGNORECASE)
CONTACT_ADDRESS = re.compile(r"\d{4,}|[\w.+-]+@[\w-]+\.\w|(?<![\w@])@\w{3,}|https?://|www\.", re.IGNORECASE)
CONTACT_WAIT_LINES = 2
# A number to write or call in such a box, with the network or office it belongs to: `88591 - Stc`.
PHONE_LINE = re.compile(r"^\+?\d[\d\s()+-]{2,}\d(?:\s*[-–:]?\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)?$")
# `بصحيفة الوئام`, `لموقع …` in such a line or a footer: the outlet the page belongs to.
PAPER_OUTLET = re.compile(
    r"(?<![^\W\d_])[بل]?(?P<outlet>(?:صحيفة|جريدة|موقع|مجلة)\s+[^\s:،,|/]+(?:\s+(?:ال)?[^\s:،,|/]+)?)"
)
LINK_MAX_WORDS = 16  # a trailing line longer than this is text, not another story's headline
LIST_INTRO_WORDS = 4  # a line this long ending with a colon introduces a list (a label is shorter)
ENUMERATED = re.compile(r"^\s*(\d{1,2})\s*[-.)–]\s*\S")
# The page's own app in a footer: `حمّل تطبيق عكاظ على أندرويد`, `اپلیکیشن همشهری را دانلود کنید`.
APP_OUTLET = re.compile(
    r"تطبيق\s+(?P<outlet>[^\d©|.،,]{2,40}?)\s+(?:على|لـ?\s*(?:أندرويد|آيفون))|"
    r"اپلی[کك]یشن\s+(?P<fa>.{2,40}?)\s+را\s|اپلي[كک]يشن\s+(?P<fa2>.{2,40}?)\s+را\s"
)
COPYRIGHT_OUTLET = re.compile(
    r"(?:©\s*\d{4}\s*|محفوظة\s+ل)(?P<outlet>[^\d©|.،,]{2,40}?)\s*$|متعلق\s+به\s+(?P<fa>.{2,40}?)\s+است"
)
NAVIGATION = [
    re.compile(r"^(?:[A-Z][a-z]|[A-Z]{2})(?:\s*[|/·•]?\s*(?:[A-Z][a-z]|[A-Z]{2}))*$"),  # "Ru En"
    # "الرئيسية > أخبار" ("|" separates menus, see _is_menu, and site suffixes: "خبر | عكاظ")
    re.compile(r"^[^\s<>]+(?:\s[^\s<>]+){0,3}(?:\s[>»›/]\s[^\s<>]+(?:\s[^\s<>]+){0,3}){1,5}$"),
]
CRUMB_MARKS = ">»›/"  # one of them stands between the crumbs
# Section names of site menus and the words of share/print bars (issue 11: real pages start with
# them). A line most of whose words are these is chrome, not a headline.
NAVIGATION_WORDS = frozenset(
    tokens(
        "الرئيسية الرئيسيه محليات محلية سياسة سياسه اقتصاد الاقتصاد رياضة الرياضة ثقافة الثقافة دوليات دولية "
        "منوعات كتاب الرأي مقالات أخبار اخبار العالم العربي تقنية فن فيديو الأسواق الطاقة عقارات متابعات "
        "الوطن صحة تعليم مجتمع حوادث برلمان عاجل المزيد "
        "صفحه نخست سیاسی سیاست اقتصادی اجتماعی جامعه ورزشی ورزش فرهنگی فرهنگ بین‌الملل بین الملل "
        "استان‌ها استانها شهر دانش ویدیو پادکست فوتبال جهان ایران کشتی والیبال بسکتبال عکس هنر"
    )
)
SHARE_WORDS = frozenset(
    tokens("مشاركة شارك طباعة اطبع حجم الخط تكبير تصغير حفظ إرسال اشتراک گذاری چاپ اندازه متن ذخیره ارسال")
)
MENU_SHARE = 0.5  # share of navigation words that makes a line of three or more words a menu
HOME_WORDS = frozenset((*tokens("الرئيسية الرئيسيه home"), *(" ".join(tokens(h)) for h in ("صفحه نخست", "صفحه اصلی"))))
MENU_MAX_WORDS = 16
MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
MENU_MARKS = "|•·"  # what MENU_SEPARATORS splits at
MASTHEAD_WORDS = frozenset(tokens("صحيفة جريدة وكالة موقع مجلة خبرگزاری روزنامه پایگاه سایت"))
MASTHEAD_MAX_WORDS = 8
MASTHEAD_NAME_WORDS = 5  # `صحيفة سبق الإلكترونية`; a longer line opening with `وكالة` is a headline
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]{1,40}$")
FOOTER_LINES = 8  # last lines of a page looked at for the outlet's name (copyright, source)
HEADER_MAX_LINES = 8  # chrome, date and masthead lines looked at before the headline
# "… | عكاظ", "… - الوطن": a site suffix after the headline
SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|\-–—]\s+(?P<site>[^|\-–—]+?)\s*$")
SUFFIX_MAX_WORDS = 4
SUFFIX_BARE_WORDS = 2  # a suffix this short needs no other evidence
PARAGRAPH_LINES = 0.75  # share of long lines ending a sentence that makes each line a paragraph
SIGN_OFF = re.compile(
    r"^[\s/()\-–—*]*(?:انتها[یي]\s+پ?[یي]ام|پا[یي]ان\s+پ?[یي]ام|انتهى(?:\s+الخبر)?)(?:\s*/\s*[^\s/]{1,12})?[\s/()\-–—*.]*$"
)  # `انتهای پیام/غ20`: the agency's desk code may follow
# Sentence ends: terminal punctuation, maybe closing quotes/brackets, maybe one stray letter
# left by the scraper (seed 002: `…". و`, seed 004: `… است. ا`).
SENTENCE_END = re.compile(r"[.!?؟…:;؛][\"»”’)\]]*(?:\s+\S)?\s*$")
HEADLINE_END_BAD = re.compile(r"(?:(?<!\.)\.|[:،,])[\"»”’)\]]*\s*$")  # `..` and `...` may end a headline
LEAD_MIN_WORDS = 12  # a lead right under a headline with no blank line: this long, a paragraph
LEAD_RATIO = 1.5  # and this many times as long as the headline
TWO_LINE_MIN_WORDS = 3  # each line of a headline broken in two has at least this many words
TWO_LINE_WEAK_WORDS = 4  # with this many on each line, no dangling word is needed
TWO_LINE_MAX_WORDS = 12  # and at most this many (a longer line is a sentence of the text)
OPENING_LINES = 3  # a date line may come after this many short lines of bylines and captions
LEAD_PARAGRAPHS = 3  # paragraphs read for attributions and wire credits
DATELINE_CHARS = 120
DATELINE_PLACE_WORDS = 3
HEADLINE_MAX_WORDS = 25
# A headline may be a chain of short claims joined by `/` or ` | ` (`خراسان رضوی در وضعیت قرمز /
# معاون استاندار: … / …`): longer than HEADLINE_MAX_WORDS, each claim within it.
CHAIN_SPLIT = re.compile(r"(?<!\d)\s*/\s*(?!\d)|\s+\|\s+")
CHAIN_MAX_WORDS = 60
CHAIN_PART_MIN_WORDS = 2
SIGNATURE_MAX_WORDS = 8
SIGNATURE_MAX_CHARS = 120
DERIVED_TITLE_WORDS = 12
CLAUSE_BREAK = re.compile(r"[:.،,؛;!?؟\"«»]")
ATTRIBUTION_LEAD = [
    re.compile(r"^به\s+گزارش\s*[\"«“](?P<outlet>[^\"»”]{2,60})[\"»”]"),
    re.compile(r"^به\s+گزارش\s+(?P<outlet>[^،,.:]{2,60}?)\s*[،,]\s*"),
    re.compile(r"^به\s+نقل\s+از\s+(?P<outlet>[^،,.:]{2,60}?)\s*[،,]\s*"),
]
# The outlet opening the lead, before the text: `خبرگزاری فارس: …`, `خبرگزاري فارس- …`.
LEAD_OUTLET = re.compile(r"^(?P<outlet>\S+\s+\S+(?:\s+\S+)?)\s*(?::|\s?[-–—])\s*\S")
# An attribution after the lead's first sentence: `… خبر داد. به گزارش خبرگزاری فارس از شیراز، …`
ATTRIBUTION_INSIDE = re.compile(r"[.!?؟]\s+به\s+گزارش\s+(?P<outlet>[^،,.:]{2,60}?)\s*[،,]\s*")
_WORD = r"[^\s،,.:؛()]+"
INLINE_OUTLET = [
    re.compile(
        rf"نقل[اًا]*\s+عن\s+(?P<outlet>(?:وكالة\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}?)(?=\s*[،,.:؛]|\s+(?:أن|إن|قوله|قولها))"
    ),
    re.compile(rf"(?P<outlet>وكالة\s+(?!الأنباء\b){_WORD}(?:\s+{_WORD})?)(?=\s*[،,.:؛(]|\s+(?:أن|إن|عن|في|للأنباء))"),
]
# Wire services and agencies credited in bylines, datelines and leads (issue 11): recorded apart
# from the publisher, in `via`, when the page shows who published it; when it shows nothing else,
# an agency's own copy (`به گزارش ایسنا،`, the Saudi agency's `واس` dateline) names its publisher.
WIRE_NAMES = (
    "واس", "وكالة الأنباء السعودية", "أ ف ب", "ا ف ب", "فرانس برس", "فرانس پرس", "رويترز", "رویترز",
    "د ب أ", "أسوشيتد برس", "آسوشیتدپرس", "الأناضول", "وام", "كونا", "ایرنا", "إرنا", "ایسنا", "إسنا",
    "ایلنا", "شينخوا", "سبوتنيك", "يونهاب", "وكالات", "خبرگزاری‌ها",
)  # fmt: skip
WIRES: dict[str, str] = {}  # folded name -> the name as first listed
for _name in WIRE_NAMES:
    WIRES.setdefault(" ".join(tokens(_name)), _name)
WIRE_MAX_TOKENS = 4
DATELINE_END = re.compile(r"\s*[-–—]\s+|\s+[-–—]\s*|:\s")
PARENTHESISED = re.compile(r"\(([^()]{1,30})\)")
QUOTED_NAME = re.compile(r"(?<![^\W\d_])لـ?\s*[\"«“]([^\"»”]{2,30})[\"»”]")  # told `لـ"سبق"`: the outlet
NAME_QUOTES = " .،,\"'«»“”‘’()"
PUBLISHER_KEYS = ("masthead", "site", "copyright", "app", "link", "lead")
GENERIC_OUTLET_WORDS = frozenset(
    tokens("صحيفة جريدة وكالة موقع مجلة خبرگزاری روزنامه پایگاه سایت الإلكترونية الالكترونية آنلاین اون أون لاين")
)
REPORTER_WORDS = frozenset(tokens("خبرنگار خبرنگاران گروه سرویس"))
DATELINE_BLOCKERS = frozenset(tokens("يوم اليوم أمس منذ حتى وفي ففي وفى وذلك أن إن قال قالت أعلن أعلنت"))
# Bylines: `محمد عطيف- سبق:`, `سلطان السلمي- سبق- جدة:`, `بقلم: الخرج - سليمان الظفيري`,
# `عمر إبراهيم – عين اليوم`, `القاهرة - د ب أ`; parts are apart by dashes.
BYLINE_ROLES = frozenset(
    tokens(
        "بقلم كتب كتبت إعداد اعداد تقرير متابعة متابعات تصوير ترجمة حوار خاص مكتب محرر المحرر مراسل مراسلنا "
        "استطلاع تحرير كتابة عدسة "
        "نويسنده گزارش گزارشگر خبرنگار عکاس ترجمه"
    )
)
BYLINE_START = re.compile(
    r"^\s*(?:بقلم\s*[:：]?|(?:كتب|كتبت|إعداد|اعداد|تقرير|متابعة|تصوير|ترجمة|حوار|نويسنده|گزارش|خبرنگار)\s*[:：\-–])\s*"
)
BYLINE_DASH = re.compile(r"\s*[-–—]\s*")
BYLINE_LEAD = re.compile(r"^(?P<byline>[^:.،,!?؟«»\"]{2,70}?[-–—][^:.،,!?؟«»\"]{1,60}?)\s*:\s*\S")
BYLINE_MAX_WORDS = 9
BYLINE_PART_WORDS = 4
PERSON_TITLES = frozenset(tokens("د. أ. م. الدكتور دكتور الأستاذ الشيخ المهندس"))
NAME_MAX_WORDS = 3  # a writer's name alone on a line (one more after a title: `د. عبدالله صادق دحلان`)
# A section name before the headline: `عام / سمو ولي العهد يستقبل …` (the agency's sections).
SECTION_PREFIX = re.compile(r"^(?P<section>[^\s/|\d]+(?:\s[^\s/|\d]+)?)\s*/\s+(?P<title>\S.*)$")
# Words a headline broken over two lines leaves dangling at the end of its first line, or starts
# its second line with (prepositions and conjunctions).
DANGLING = frozenset(
    tokens(
        "في من على إلى الى عن مع بين أو او ثم حول بعد قبل خلال عبر لدى ضد نحو منذ حتى دون تحت فوق إثر اثر رغم "
        "وسط لـ بـ و "
        "از به در با برای تا و که را بر یا بی پس پیش"
    )
)
END_DANGLING = DANGLING - frozenset(tokens("بعد قبل پس پیش"))  # `دو سال پیش` may end a headline
# Translated pieces: `المصدر:` then names the foreign paper translated, not the publisher.
TRANSLATION = re.compile(r"(?:^|\s)(?:ترجمة|ترجمه|مترجم|مترجمة|المترجم|ترجمة خاصة)\s*[:：\-–]|^\s*(?:ترجمة|ترجمه)\s+\S")
FOREIGN_SOURCE = re.compile(
    r"(?:ال)?(?:أمريكية|أميركية|امريكية|بريطانية|فرنسية|ألمانية|المانية|إسرائيلية|اسرائيلية|روسية|تركية|إيطالية|"
    r"إسبانية|صينية|يابانية|هندية|كندية|أسترالية|سويسرية|نمساوية|البريطانية)(?![^\W\d_])"
    r"|(?:آمریکایی|امریکایی|انگلیسی|بریتانیایی|فرانسوی|آلمانی|روسی|اسرائیلی|ترکیه‌ای|ژاپنی|چینی)(?![^\W\d_])"
)
KEYWORD_SEPARATORS = re.compile(r"\s*[،,؛;|/#]\s*")
WORDS_PER_MINUTE = 180
# A Hijri date beside the Gregorian one (`21 شوال 1436 هـ - 7 أغسطس 2015 م`), and the words
# that join them, do not make a date line a sentence.
_HIJRI_MONTHS = (
    "محرم|صفر|ربيع الأول|ربيع الثاني|ربيع الآخر|جمادى الأولى|جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة"
)
HIJRI_DATE = re.compile(rf"[\d٠-٩]{{1,2}}\s+(?:{_HIJRI_MONTHS})\s+[\d٠-٩]{{4}}\s*هـ?")
DATE_LINE_WORDS = frozenset(("الموافق", "م", "هـ", "نشر", "نُشر", "بتاريخ", "في:"))
DATE_LINE_MAX_WORDS = 8  # a longer line is a sentence that may mention a date, not a date line
DATE_LINE_MAX_CHARS = 200  # longer: text, never a date line (a cheap first test)
YEAR_DIGITS = re.compile(r"\d{4}")  # any script's digits: a date line has a year
LINE_CACHE = 4096  # lines tested more than once (headline, set-apart and body passes) are tested once
# A paragraph longer than this (a seed without line breaks) is cut at sentence ends, else at
# spaces, else anywhere, into pieces of about PARAGRAPH_PIECE characters: one paragraph of a
# megabyte blocks a browser tab for a minute.
PARAGRAPH_MAX = 4000
PARAGRAPH_PIECE = 1500
SENTENCE_BREAK = re.compile(r"[.!?؟…؛][\"»”’)\]]*(\s+)")
SPACES = re.compile(r"(\s+)")


def _label(line: str) -> tuple[str, str] | None:
    if ":" not in line and "：" not in line:
        return None  # every label ends with a colon
    for regex, name in _LABEL_RE:
        match = regex.match(line)
        if match:
            return name, match["value"]
    return None


# The folded tokens of the lines tested lately (_is_menu) and the lines of the paragraphs made
# lately (_paragraphs), at most LINE_CACHE of each, then they start over: text_tokens takes a
# report's tokens for the tagger from them instead of folding its text again.
_TOKENS: dict[str, list[str]] = {}
_JOINED: dict[str, list[str]] = {}


def _line_tokens(line: str) -> list[str]:
    """tokens(line), kept for text_tokens (never to be changed by the caller)."""
    found = _TOKENS.get(line)
    if found is None:
        if len(_TOKENS) >= LINE_CACHE:
            _TOKENS.clear()
        found = _TOKENS[line] = tokens(line)
    return found


def _fold_lines(lines: list[str]) -> None:
    """Keep the tokens of the text's lines not kept yet for _line_tokens, folded in one call
    (fold.line_tokens): most lines are tested, one fold a line costs more."""
    todo = [line for line in dict.fromkeys(line.strip() for line in lines) if line and line not in _TOKENS]
    if len(todo) > LINE_CACHE:
        return
    if len(_TOKENS) + len(todo) > LINE_CACHE:
        _TOKENS.clear()
    _TOKENS.update(zip(todo, line_tokens(todo), strict=True))


def text_tokens(text: str) -> list[str]:
    """tokens(text), from the tokens of the lines parse_seed or parse_body has just tested where
    `text` is made of them (a report's title and paragraphs, joined by line breaks): a paragraph
    is its lines joined by spaces, and no token spans a space or a line break."""
    found: list[str] = []
    for part in filter(None, text.split("\n")):  # paragraphs are set apart by an empty line
        for line in _JOINED.get(part) or (part,):
            words = _TOKENS.get(line)
            found += tokens(line) if words is None else words
    return found


@lru_cache(maxsize=LINE_CACHE)
def _is_navigation(line: str) -> bool:
    # the crumbs pattern needs a separator mark: most lines are let off without running it
    crumbs = any(mark in line for mark in CRUMB_MARKS) and NAVIGATION[1].match(line)
    return bool(NAVIGATION[0].match(line) or crumbs) or _is_menu(line)


def _is_menu(line: str) -> bool:
    """A site menu or share bar: mostly section names (or share words), a line of section names
    that starts with the home link (`الرئيسية …`, `صفحه نخست …`), or a run of short items."""
    words = _line_tokens(line)
    # (most lines have no navigation word: isdisjoint says so in one C loop)
    if (
        len(words) >= 3
        and not NAVIGATION_WORDS.isdisjoint(words)
        and sum(map(NAVIGATION_WORDS.__contains__, words)) >= MENU_SHARE * len(words)
    ):
        return True
    home = words[:1] and (words[0] in HOME_WORDS or " ".join(words[:2]) in HOME_WORDS)
    if home and 3 <= len(words) <= MENU_MAX_WORDS and not any(map(DANGLING.__contains__, words)):
        return not _ends_sentence(line)
    if words and all(map(SHARE_WORDS.__contains__, words)):
        return True
    if not any(mark in line for mark in MENU_MARKS):
        return False  # one item
    items = [item for item in MENU_SEPARATORS.split(line) if item]
    return len(items) >= 4 and all(len(item.split()) <= 3 for item in items)


def _masthead(line: str, later: list[str], footer: list[str]) -> str | None:
    """The outlet a masthead line names: `صحيفة عكاظ`, `خبرگزاری فارس | Fars News Agency`,
    `الجزيرة | صحيفة يومية …`, or a short name the page repeats as a headline suffix (in the
    `later` header lines) or in its `footer` lines (copyright, source)."""
    parts = [part for part in MENU_SEPARATORS.split(line) if part.strip()]
    name = parts[0].strip() if parts else ""
    words = tokens(name)
    if not words or len(words) > MASTHEAD_MAX_WORDS or _ends_sentence(name):
        return None
    if words[0] in MASTHEAD_WORDS and 2 <= len(words) <= MASTHEAD_NAME_WORDS:
        return name
    short = len(words) <= SUFFIX_BARE_WORDS + 1  # a longer first part is a headline: `خبر | خبرگزاری فارس`
    if short and any(tokens(part)[:1] and tokens(part)[0] in MASTHEAD_WORDS for part in parts[1:]):
        return name
    if len(parts) == 2 and LATIN_NAME.match(parts[1].strip()) and len(words) <= SUFFIX_BARE_WORDS + 1:
        return name  # a bilingual masthead: "خبرگزاری فارس | Fars News Agency"
    if len(words) <= SUFFIX_BARE_WORDS + 1 and _named_again(words, later, footer):
        return name
    return None


def _named_again(words: list[str], later: list[str], footer: list[str]) -> bool:
    """Is a short name repeated as a headline suffix or a byline part in the `later` header lines,
    or in a footer line (copyright, app, `المصدر:`)?"""
    key = " ".join(words)
    for line in later:
        suffix = SITE_SUFFIX.match(line.strip())
        if suffix and " ".join(tokens(suffix["site"])) == key:
            return True
        if _is_byline(line) and any(" ".join(tokens(p)) == key for p in BYLINE_DASH.split(line.strip(" :："))):
            return True
    footer = [x for x in footer if FOOTER.search(x) or (_label(x) or ("",))[0] == "outlet"]
    return any(f" {key} " in f" {' '.join(tokens(x))} " for x in footer)


def _ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # the characters of str.isalnum


def _word_count(text: str) -> int:
    """The words of a text: runs of non-space characters (str.split) holding a letter or digit."""
    runs = text.split()  # most runs are all letters (str.isalnum): only the others are searched
    return len(runs) - sum(1 for run in itertools.filterfalse(str.isalnum, runs) if not LETTER_OR_DIGIT.search(run))


@lru_cache(maxsize=LINE_CACHE)
def _date_line(line: str) -> ParsedDate | None:
    """A line that is nothing but a date (seed 003: `٠٩ نوفمبر ٢٠٢١`), perhaps with a weekday,
    a time or a time zone around it — not a sentence that mentions a date."""
    if len(line) > DATE_LINE_MAX_CHARS or not YEAR_DIGITS.search(line):
        return None
    found = parse_date(line)
    if not found:
        return None
    rest_text = HIJRI_DATE.sub(" ", line.replace(found.text, " "))
    when = parse_time(rest_text) if ":" in rest_text or any(c.isalpha() for c in rest_text) else None
    if when and when.text:
        rest_text = rest_text.replace(when.text, " ")
    rest = [w for w in rest_text.split() if w.strip("-–،,:|") and w not in DATE_LINE_WORDS and w not in TIME_LINE_WORDS]
    return found if len(rest) <= 3 and sum(any(c.isalpha() for c in w) for w in rest) <= 2 else None


def _split_updated(line: str) -> tuple[str, str | None]:
    """`نشر في: 7 أغسطس 2015 | آخر تحديث: 9 أغسطس 2015` -> the first publication and the update."""
    found = UPDATED_INLINE.search(line)
    if not found or found.start() == 0:
        return line, None
    return line[: found.start()], line[found.end() :]


@lru_cache(maxsize=LINE_CACHE)
def _time_line(line: str) -> ParsedTime | None:
    """A line that is only a time: `الساعة 14:46`, `16:14 ت م`, `ساعت ۱۴:۴۶`."""
    if ":" not in line or len(line.split()) > TIME_LINE_MAX_WORDS:
        return None
    when = parse_time(line)
    if not when or when.time is None:
        return None
    rest = [w for w in line.replace(when.text, " ").split() if w.strip("-–،,:|()") and w.lower() not in TIME_LINE_WORDS]
    return None if rest else when


def _dateline(line: str) -> ParsedDate | None:
    """The date of a dateline opening the text: a place, the date, maybe the agency, then the
    text (`الرياض 22 شوال 1436 هـ الموافق 07 أغسطس 2015 م واس - …`); not a date a sentence
    mentions (`بدأت العملية يوم الثلاثاء 19 سبتمبر 2023 …`)."""
    head = line[:DATELINE_CHARS]
    found = parse_date(head)
    if not found:
        return None
    at = head.find(found.text)
    before = [w for w in HIJRI_DATE.sub(" ", head[:at]).split() if w.strip("-–،,:") and w not in DATE_LINE_WORDS]
    if len(before) > DATELINE_PLACE_WORDS or any(c.isdigit() for w in before for c in w):
        return None
    if any(t in DATELINE_BLOCKERS for w in before for t in tokens(w)):
        return None
    after = line[at + len(found.text) :].split()
    after = [w for w in after[:4] if w not in DATE_LINE_WORDS]
    if not after or re.match(r"^[-–—:]", after[0]):
        return found
    for size in (3, 2, 1):
        if _is_wire(" ".join(after[:size]).strip("-–—:()")):
            return found
    return None


def clean_lines(text: str) -> list[str]:
    """Lines with no-break and other odd spaces made plain and trailing space removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]", " ", text)
    return [line.rstrip() for line in text.split("\n")]


# --- the parse ---------------------------------------------------------------------------


@dataclass
class _State:
    meta: dict[str, str] = field(default_factory=dict)
    date: ParsedDate | None = None
    time: ParsedTime | None = None  # the time written with the publication date (or alone)
    zone: str | None = None  # a time zone written with the date when no time is
    updated: ParsedDate | None = None
    body: list[tuple[int, str]] = field(default_factory=list)  # (line no, text); "" = break
    appended: list[list[str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    weak: set[str] = field(default_factory=set)  # fields read from weak evidence
    bylines: list[str] = field(default_factory=list)
    wires: list[str] = field(default_factory=list)  # wires credited in date lines
    boilerplate: Boilerplate = field(default_factory=Boilerplate)  # this file's lines the archive repeats


def _take_date(state: _State, text: str, lineno: int, found: ParsedDate | None = None) -> bool:
    """The publication date (and the time and zone beside it) of a date line or a `تاريخ النشر:`
    value, and the update date when the same line gives one; a wire closing a dateline
    (`الرياض 7 أغسطس 2015 م واس`) is a credit. False when no date is in it."""
    state.wires += _wire_credits((text,))
    published, updated = _split_updated(text)
    found = found if found and updated is None else parse_date(published)
    if found and state.date is None:
        state.date = found
        _take_time(state, published)
    if updated is not None:
        _take_metadata(state, "updated", updated, lineno)
    return found is not None


def _take_time(state: _State, text: str) -> None:
    when = parse_time(text)
    if when is None:
        return
    if when.time is not None and state.time is None:
        state.time = when
    elif when.time is None and state.zone is None:
        state.zone = when.timezone


@lru_cache(maxsize=LINE_CACHE)
def _claim_chain(line: str) -> bool:
    """Short claims joined by `/` or ` | `, none of them a sentence ending with a full stop or a
    colon (`روحانی: … تنگ شده!/ … / … خطرناک است`): a headline's shape however long, up to
    CHAIN_MAX_WORDS words. A slash between digits (`1398/12/21`) joins nothing."""
    if len(line.split()) > CHAIN_MAX_WORDS or ("/" not in line and " | " not in line):
        return False
    parts = [part.strip() for part in CHAIN_SPLIT.split(line.strip())]
    if len(parts) > 2 and len(parts[-1].split()) <= SUFFIX_MAX_WORDS and " | " in line:
        parts = parts[:-1]  # a site suffix after the chain: `… / … | روزنو`
    if len(parts) < 2 or any(_word_count(part) < CHAIN_PART_MIN_WORDS for part in parts):
        return False
    if any(len(part.split()) > HEADLINE_MAX_WORDS for part in parts):
        return False
    return not any(_ends_statement(part) or HEADLINE_END_BAD.search(part) or INNER_STOP.search(part) for part in parts)


@lru_cache(maxsize=LINE_CACHE)
def _headline_like(line: str) -> bool:
    """Short, not a sentence, a label or a lead: a line that may be (part of) a headline (or a
    chain of short claims, `… / … / …`)."""
    chain = line.count(" ") > HEADLINE_MAX_WORDS and _claim_chain(line)
    if not line or (line.count(" ") > HEADLINE_MAX_WORDS + 5 and not chain) or HEADLINE_END_BAD.search(line):
        return False
    if _label(line) or READ_ALSO.match(line):
        return False
    if any(c.isdigit() for c in line) and _dateline(line):
        return False  # a dateline (`إسلام آباد 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس`) opens the text
    if len(line.split()) > HEADLINE_MAX_WORDS and _word_count(line) > HEADLINE_MAX_WORDS and not chain:
        return False
    return not any(r.match(line) for r in ATTRIBUTION_LEAD)


@lru_cache(maxsize=LINE_CACHE)
def _is_byline(line: str) -> bool:
    """A byline: `بقلم: …`, or two or three short parts apart by dashes (`محمد عطيف- سبق- جدة:`,
    `عمر إبراهيم – عين اليوم`, `القاهرة - د ب أ`), no digits, no sentence; or such a byline with
    the page's date after a bar (`لندن - الرياضية | Tuesday, 11 August 2015 - 15:52 pm`)."""
    text = _byline_text(line.strip())
    if not text or len(text.split()) > BYLINE_MAX_WORDS or any(c.isdigit() for c in text):
        return False
    if re.search(r"[.!?؟]$", text):
        return False
    if BYLINE_START.match(text) or _is_wire(text.strip(" :：-–")):
        return True  # `بقلم: …`, or a wire's name alone under the headline
    role, colon, name = text.partition(":")
    if colon and name.strip() and 0 < len(name.split()) <= BYLINE_PART_WORDS:
        roles = [t[1:] if t.startswith("و") and t[1:] in BYLINE_ROLES else t for t in tokens(role)]
        if roles and all(t in BYLINE_ROLES for t in roles):
            return True  # `استطلاع وتصوير: أحمد المقدام`
    parts = [p for p in BYLINE_DASH.split(text.rstrip(":： ")) if p.strip()]
    return 2 <= len(parts) <= 3 and all(len(p.split()) <= BYLINE_PART_WORDS for p in parts)


BYLINE_DATE_MAX_WORDS = 8


def _byline_text(line: str) -> str:
    """A byline without the date a page sets after it behind a bar (`… | Mon, 2015-08-10 22:22`)."""
    name, bar, rest = line.partition(" | ")
    dated = bar and YEAR_DIGITS.search(rest) and len(rest.split()) <= BYLINE_DATE_MAX_WORDS and "|" not in rest
    if dated and not any(c.isdigit() for c in name):
        return name.strip()
    return line


def _is_name_line(lines: list[str], index: int) -> bool:
    """A writer's name alone under the headline (`رقية الهويريني`, `د. عبدالله صادق دحلان`),
    before a blank line or a long line of text."""
    words = lines[index].split()
    titled = bool(tokens(words[0])[:1]) and tokens(words[0])[0] in PERSON_TITLES if words else False
    if not words or len(words) > NAME_MAX_WORDS + titled:
        return False
    if any(c.isdigit() for c in lines[index]) or re.search(r"[.!?؟:،,]$", lines[index].strip()):
        return False
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return not following or len(following.split()) >= LEAD_MIN_WORDS or bool(_label(following) or _date_line(following))


def _set_apart(lines: list[str], end: int, title_words: int) -> bool:
    """Is the headline that ends before lines[end] set apart from the text: a blank line, a date,
    dateline or labelled line, a byline or share bar and then one of those, a text of one paragraph per
    line, or a lead much longer than the headline that is a paragraph by itself?"""
    after = end
    while after < len(lines) and lines[after].strip():
        line = lines[after].strip()
        if after == end and (words := tokens(line)) and all(w in SHARE_WORDS for w in words):
            return True  # a share bar sits right under a headline
        if _is_navigation(line) or _time_line(line) or _is_byline(line) or _is_name_line(lines, after):
            after += 1  # a byline, share bar or menu under the headline does not join it to the text
            continue
        break
    following = lines[after].strip() if after < len(lines) else ""
    if not following or _label(following) or _date_line(following) or _one_paragraph_per_line(lines, after):
        return True
    if any(c.isdigit() for c in following[:DATELINE_CHARS]) and _dateline(following):
        return True  # the text opens with a dateline (`إسلام آباد 26 شوال … واس`) right under the headline
    size = len(following.split())
    if not _ends_sentence(following) or size < LEAD_MIN_WORDS or size < LEAD_RATIO * title_words:
        return False
    if after > end:
        return True  # a byline or caption stands between them
    # not a sentence broken over two lines: the headline ends on no preposition, the lead starts on none
    starts = tokens(following)[:1]
    return not (starts and starts[0] in DANGLING)


def _joins(first: str, second: str) -> bool:
    """Are two short lines one headline broken in two (`مقتل 51 داعشياً في` / `سوريا جراء …`)?"""
    if not (_headline_like(first) and _headline_like(second)):
        return False
    if _ends_sentence(first) and not first.rstrip().endswith("..") and not second.startswith("|"):
        return False
    a, b = first.split(), second.split()
    if not TWO_LINE_MIN_WORDS <= min(len(a), len(b)) <= max(len(a), len(b)) <= TWO_LINE_MAX_WORDS:
        return False
    if _is_byline(second) or _label(second) or _date_line(second) or _time_line(second) or _is_navigation(second):
        return False
    a_last, b_first = tokens(a[-1])[-1:], tokens(b[0])[:1]
    dangling = bool(a_last and a_last[0] in DANGLING) or bool(b_first and b_first[0] in DANGLING)
    connector = bool(b_first) and b_first[0].startswith("و") and len(b_first[0]) >= 7  # `وبولوني`
    glued = first.rstrip().endswith(("..", "|", "؛")) or second.startswith("|")
    return dangling or connector or glued or (len(a) >= TWO_LINE_WEAK_WORDS and len(b) >= TWO_LINE_WEAK_WORDS)


def _headline_block(lines: list[str], first: int, state: _State) -> tuple[int, str] | None:
    """Where the headline ends and what it says, starting at lines[first]; None when there is
    none. A short name line right above a headline (maybe with date lines between) is a
    masthead (kept as a weak outlet); two short lines that read as one are a headline broken in
    two; a line with a site suffix (`… - همشهری آنلاین`) is a headline."""
    if first >= len(lines):
        return None
    line = lines[first].strip()
    after = first + 1
    while after < len(lines) and (meta := lines[after].strip()) and (_date_line(meta) or _time_line(meta)):
        after += 1
    nxt = lines[after].strip() if after < len(lines) else ""
    if (
        nxt
        and "masthead" not in state.meta  # a page has one masthead: a short line under it is no second one
        and len(line.split()) <= 2 * (SUFFIX_BARE_WORDS + 1)
        and _word_count(line) <= SUFFIX_BARE_WORDS + 1
        and _headline_like(line)
        and not any(c.isdigit() for c in line)
        and not _ends_sentence(line)
        and (len(nxt.split()) > SUFFIX_BARE_WORDS + 1 or _name_in_text(line, lines[after + 1 :]))
        and not (_is_byline(nxt) or _is_navigation(nxt) or _label(nxt))
        and (block := _headline_block_at(lines, after, state.boilerplate.head))
    ):
        state.meta.setdefault("masthead_line", line)
        state.removed.append(Removed("navigation", line, first + 1))
        for index in range(first + 1, after):
            if found := _date_line(lines[index]):
                if state.date is None:
                    _take_date(state, lines[index], index + 1, found)
            elif when := _time_line(lines[index]):
                state.time = state.time or when
        state.weak.add("title")
        return block
    return _headline_block_at(lines, first, state.boilerplate.head)


def _name_in_text(name: str, rest: list[str]) -> bool:
    """The short line above a short headline is the outlet's name when the page names it again
    below (`منبع: روزنو`, `به گزارش روزنو،`, `کلیه حقوق … روزنو`)."""
    key = " ".join(tokens(name))
    return bool(key) and any(f" {key} " in f" {' '.join(tokens(line))} " for line in rest)


def _headline_block_at(lines: list[str], first: int, repeated: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    line = lines[first].strip()
    nxt = lines[first + 1].strip() if first + 1 < len(lines) else ""
    if repeated and nxt and line_key(nxt) in repeated:
        nxt = ""  # a line the archive repeats is not the second line of a headline
    if nxt and _joins(line, nxt) and _set_apart(lines, first + 2, len(line.split()) + len(nxt.split())):
        return first + 2, f"{line} {nxt}"
    last = [] if line.endswith(("..", "…")) else tokens(line)[-1:]
    if not _headline_like(line) or (last and last[0] in END_DANGLING):
        return None  # a line ending on a preposition runs on into the next one
    # "الكرملين: نرفض …" — a speaker-and-claim headline even when nothing separates it.
    speaker = re.match(r"^\S+(?:\s+\S+){0,2}\s*:\s+\S", line) is not None
    title, site = split_site_suffix(line, "\n".join(lines))
    if speaker or site or _set_apart(lines, first + 1, len(title.split())):
        return first + 1, line
    return None


def _strip_section(title: str, state: _State) -> str:
    """`عام / سمو ولي العهد يستقبل …` -> the headline without the agency's section name."""
    found = SECTION_PREFIX.match(title)
    if found and len(tokens(found["title"])) >= TWO_LINE_MIN_WORDS and not SITE_SUFFIX.match(found["section"]):
        state.meta.setdefault("section", found["section"])
        return found["title"].strip()
    return title


def _one_paragraph_per_line(lines: list[str], start: int, sample: int = 12) -> bool:
    """Do the lines from `start` on hold one paragraph each (most long lines end a sentence)?
    Then a short line without a full stop before them is set apart, even with no blank line;
    a file wrapped inside sentences (seed 000) is not."""
    long_lines = [line.strip() for line in lines[start:] if len(line.split()) >= 8][:sample]
    if not long_lines:
        return False
    return sum(_ends_sentence(line) for line in long_lines) >= PARAGRAPH_LINES * len(long_lines)


def split_site_suffix(headline: str, text: str) -> tuple[str, str | None]:
    """`title | Outlet` -> (title, Outlet) when the last part is a site name: short, and named
    elsewhere in the file too, or a masthead-like name, or very short; else (headline, None)."""
    match = SITE_SUFFIX.match(headline)
    if not match:
        return headline, None
    title, site = match["title"].strip(), match["site"].strip()
    site_words, title_words = tokens(site), len(tokens(title))
    if not site_words or len(site_words) > SUFFIX_MAX_WORDS or title_words < 2:
        return headline, None
    named = site_words[0] in MASTHEAD_WORDS or not any("\u0600" <= c <= "\u06ff" for c in site)
    if title_words >= 3 and (named or len(site_words) <= SUFFIX_BARE_WORDS):
        return title, site
    # else only when the file names the site again (the whole text tokenised: the last test)
    elsewhere = f" {' '.join(site_words)} " in f" {' '.join(tokens(text.replace(headline, ' ')))} "
    return (title, site) if elsewhere else (headline, None)


def _take_metadata(state: _State, name: str, value: str, lineno: int) -> None:
    if name == "date":
        if not _take_date(state, value, lineno) and _split_updated(value)[0].strip():
            why = date_problem(value) or "no day, month and year in it"
            state.warnings.append(f"line {lineno}: cannot read the date {value!r} ({why})")
        return
    if name == "updated":
        found = parse_date(value)
        if found and state.updated is None:
            state.updated = found
        elif not found:
            why = date_problem(value) or "no day, month and year in it"
            state.warnings.append(f"line {lineno}: cannot read the update date {value!r} ({why})")
        return
    if name == "outlet" and not any(c.isalpha() for c in value):
        state.warnings.append(f"line {lineno}: the outlet line names no outlet ({value!r}): ignored")
        return
    state.meta.setdefault(name, value)


def _header(lines: list[str], first: int, state: _State) -> int:
    """Skip the chrome above the headline: blank lines, menus, mastheads (kept as the outlet),
    date and time lines (kept as the date and time) and labelled lines; the index of the first
    other line."""
    tail = range(max(0, len(lines) - FOOTER_LINES), len(lines))
    for index in range(first, min(len(lines), first + HEADER_MAX_LINES)):
        line = lines[index].strip()
        if not line:
            continue
        if _is_navigation(line):
            state.removed.append(Removed("navigation", line, index + 1))
        elif masthead := _masthead(line, lines[index + 1 : index + 4], [lines[j] for j in tail if j > index + 3]):
            state.meta.setdefault("masthead", masthead)
            state.removed.append(Removed("navigation", line, index + 1))  # the theme labels these kinds
        elif found := _date_line(_split_updated(line)[0]):
            if state.date is None:
                _take_date(state, line, index + 1, found)
        elif when := _time_line(line):
            state.time = state.time or when
        elif _label(line):
            _take_metadata(state, *_label(line), index + 1)
        elif state.boilerplate.head and line_key(line) in state.boilerplate.head:
            # repeated above the text of many files: the outlet's template, never the headline
            state.removed.append(Removed("navigation", line, index + 1))
            if len(line.split()) <= MASTHEAD_NAME_WORDS and not any(c.isdigit() for c in line):
                state.meta.setdefault("masthead_line", line)  # a repeated short line: the masthead (weak)
        else:
            return index
    return min(len(lines), first + HEADER_MAX_LINES)


def _opening(state: _State) -> bool:
    """Is the text still at its opening: no line that ends a sentence yet, and few lines?"""
    texts = [t for _, t in state.body if t]
    return len(texts) <= OPENING_LINES and not any(_ends_sentence(t) for t in texts)


def _classify(lines: list[str], start: int, state: _State) -> None:
    in_appended = False
    inline_link = False  # the appended block is one `اقرأ أيضاً: <headline>` line so far
    for index in range(start, len(lines)):
        lineno, line = index + 1, lines[index].strip()
        if not line:
            if in_appended:
                continue
            state.body.append((lineno, ""))
            continue
        if _is_navigation(line):
            state.removed.append(Removed("navigation", line, lineno))
            continue
        if SIGN_OFF.match(line):
            state.removed.append(Removed("sign-off", line, lineno))
            continue
        if len(line.split()) <= LINK_MAX_WORDS and FOOTER.search(line):
            _take_footer(state, line, lineno)
            continue
        if HASHTAGS.match(line) and not _text_follows(lines, index):
            state.appended.append([line])
            in_appended = True
            continue
        if ":" in line and (when := _time_line(line)):
            state.time = state.time or when  # `16:14 ت م` after the agency's sign-off
            continue
        linked = ("http" in line or "www." in line) and len(line.split()) <= URL_LINE_MAX_WORDS
        if not in_appended and (PERMALINK.match(line) or (linked and URL_LINE.search(line))):
            state.appended.append([line])  # a link line, wherever it is; the text may go on after it
            if paper := PAPER_OUTLET.search(URL_LINE.split(line)[0].split(":")[0]):
                state.meta.setdefault("link", paper["outlet"].strip())
            continue
        marker = READ_ALSO.match(line)
        if marker:
            in_appended = True
            state.appended.append([])
            line = line[marker.end() :].strip()
            inline_link = bool(line)
            if not line:
                continue
        elif in_appended and inline_link and len(state.appended[-1]) == 1 and is_text(line):
            in_appended = inline_link = False  # a link set inside the text (`اقرأ أيضاً: …`): the text goes on
        else:
            inline_link = False
        labelled = _label(line)
        # Footer metadata may follow a sidebar list of "read also" links (seed 001), but
        # once a whole appended story has begun, its lines belong to that story.
        story_started = in_appended and any(_ends_sentence(x) for x in state.appended[-1])
        if labelled and not story_started and not (in_appended and labelled[0] in ("date", "updated")):
            _take_metadata(state, *labelled, lineno)
            continue
        if not in_appended and len(state.body) <= 3 * OPENING_LINES and _opening(state):
            if state.date is None and (found := _date_line(_split_updated(line)[0])):
                _take_date(state, line, lineno, found)
                continue
            if state.date is None and not any(t for _, t in state.body):
                problem = date_problem(line) if len(line.split()) <= DATE_LINE_MAX_WORDS else None
                if problem:
                    state.warnings.append(f"line {lineno}: {line!r} looks like a date but is not one ({problem})")
            if state.date is None and not any(t for _, t in state.body) and (found := _dateline(line)):
                state.date = found  # the agency's dateline: `الرياض 22 شوال 1436 هـ الموافق 07 أغسطس 2015 م واس`
                state.weak.add("date")
            if (_is_byline(line) or _is_name_line(lines, index)) and len(state.bylines) < 2:
                state.bylines.append(line)
                state.body += [(lineno, line), (lineno, "")]  # a byline is a paragraph of its own
                continue
        if in_appended:
            state.appended[-1].append(line)
        else:
            state.body.append((lineno, line))


def _text_follows(lines: list[str], index: int) -> bool:
    """A line of text (a sentence of some length) comes after this one, before any "read also"
    label: the text goes on, so this line is part of it."""
    for later in lines[index + 1 :]:
        later = later.strip()
        if READ_ALSO.match(later):
            return False
        if is_text(later) and not HASHTAGS.match(later):
            return True
    return False


def _take_footer(state: _State, line: str, lineno: int) -> None:
    """A footer line is page furniture; a copyright line or the page's own app names the outlet."""
    state.removed.append(Removed("navigation", line, lineno))
    found = COPYRIGHT_OUTLET.search(line)
    if found:
        state.meta.setdefault("copyright", (found["outlet"] or found["fa"]).strip())
    app = APP_OUTLET.search(line)
    if app:
        state.meta.setdefault("app", (app["outlet"] or app["fa"] or app["fa2"]).strip())


def _is_link_line(line: str) -> bool:
    """Shaped like another story's headline in a list: short, no full stop at the end (a question
    or exclamation mark may end a headline)."""
    size = len(line.split())
    # a long headline has no end mark, nor a full stop inside (`… خبر داده بود. نواندیش` is text)
    long_bare = size <= HEADLINE_MAX_WORDS and not _ends_sentence(line) and not INNER_STOP.search(line)
    if not (
        0 < size <= LINK_MAX_WORDS or (size <= HEADLINE_MAX_WORDS and " | " in line) or long_bare or _claim_chain(line)
    ):
        return False  # a longer line is text, unless it is a headline in parts: `… | …`, `… / … / …`
    return not _ends_statement(line) and not _date_line(line) and not SIGNED_STOP.search(line)


SIGNED_STOP = re.compile(r"(?<![.\d])\.\s+\S+(?:\s+\S+)?\s*$")  # a full stop, then a source's name: text
INNER_STOP = re.compile(r"(?<![.\d])\.(?![.\d])")  # a single full stop (not `..`, not `1.5`)
SIGNED_END = re.compile(r"[.!?؟]\s+\S+(?:\s+\S+)?\s*$")  # `… خبر داده بود. نواندیش`: a source's name after


def _signed_end(line: str) -> bool:
    """A sentence of the text ending with the name of the paper it was taken from (one or two
    words after the full stop): the text's end, as much as a full stop."""
    return len(line.split()) >= LIST_INTRO_WORDS * 2 and bool(SIGNED_END.search(line))


def is_long_text(line: str) -> bool:
    """A line longer than any headline, chain of claims or link: a paragraph of the text."""
    return len(line.split()) > CHAIN_MAX_WORDS


def _ends_statement(line: str) -> bool:
    """Ends a sentence with a full stop, colon or semicolon (not ?, ! or an ellipsis `..`)."""
    text = line.rstrip()
    return _ends_sentence(text) and not re.search(r"(?:[?!؟]+|\.\.+|…)[\"»”’)\]]*(?:\s+\S)?$", text)


def _split_trailing_links(state: _State) -> None:
    """Headlines of other stories listed after the text with no "read also" label (or under a
    label not known): a run of two or more short lines at the end, at least half of them without
    any end punctuation, after a line that ends a sentence, is appended material, not the report.
    The text's own last short sentences (ending with a full stop) are never taken."""
    lines = [(i, text) for i, (_, text) in enumerate(state.body) if text]
    box = _contact_box(lines)  # a writer's contact box ends the text: links only come after it
    room = len(lines) - 1 - box if box is not None else len(lines)
    run = 0
    while run < room and (_is_link_line(lines[-1 - run][1]) or _cut_teaser(lines, len(lines) - 1 - run)):
        run += 1
    while run >= 2:
        bare = sum(not _ends_sentence(text) or _claim_chain(text) for _, text in lines[-run:])
        before = lines[-1 - run][1] if run < len(lines) else ""
        # after the text: a sentence's end, a whole paragraph (signed `… خبر داده بود. نواندیش`) or a box
        after_text = run < len(lines) and (_ends_sentence(before) or _signed_end(before) or is_long_text(before))
        after_text = after_text or len(lines) - 1 - run == box
        if after_text and 2 * bare >= run:
            break
        run -= 1  # the earliest lines of the run may be the text's own (a question that ends it)
    run -= _text_list(state, lines, run)
    if run < 2:
        return
    start = lines[-run][0]
    state.appended.insert(0, [text for _, text in state.body[start:] if text])
    del state.body[start:]


def _text_list(state: _State, lines: list[tuple[int, str]], run: int) -> int:
    """How many lines at the start of the run of short lines are a list of the text, not other
    stories' headlines: all of them up to items numbered in order from 1 (`1- آمریکا`,
    `2- برزیل`) ending the run; or, right after a sentence that introduces them (ends with a
    colon, LIST_INTRO_WORDS words or more), the items shaped like the first one (digits, a
    ` - ` pair or a `:` in each)."""
    numbers = [ENUMERATED.match(text) for _, text in lines[-run:]]
    tail = list(itertools.takewhile(bool, reversed(numbers)))[::-1]
    if len(tail) >= 2 and [int(m[1]) for m in tail] == list(range(1, len(tail) + 1)):
        return run
    if run >= len(lines):
        return 0
    (before_at, before), (first_at, _) = lines[-1 - run], lines[-run]
    gap = state.body[first_at][0] - state.body[before_at][0]  # line numbers: nothing set aside between
    if not before.rstrip().endswith((":", "：")) or len(before.split()) < LIST_INTRO_WORDS or gap > 2:
        return 0
    shape = _item_shape(lines[-run][1])
    items = itertools.takewhile(lambda item: not shape or shape & _item_shape(item[1]), lines[-run:])
    return sum(1 for _ in items)


def _item_shape(line: str) -> set[str]:
    """What items of one list share: numbers, a `X - Y` pair, a `label: value`."""
    found = {"number"} if re.search(r"\d", line) else set()
    if re.search(r"\s[-–]\s", line):
        found.add("pair")
    if ":" in line:
        found.add("label")
    return found


def _cut_teaser(lines: list[tuple[int, str]], j: int) -> bool:
    """A longer headline cut short (`… ادرار شتر و ...`) in a list: it follows a short headline
    line (the text's own last line may end with an ellipsis too, but it follows the text)."""
    text = lines[j][1].rstrip()
    if not text.endswith(("...", "…")) or len(text.split()) > HEADLINE_MAX_WORDS or j == 0:
        return False
    before = lines[j - 1][1]
    return len(before.split()) <= LINK_MAX_WORDS and _is_link_line(before)


def _last_text(lines: list[tuple[int, str]]) -> int | None:
    return next((j for j in range(len(lines) - 1, -1, -1) if is_text(lines[j][1])), None)


def _contact_box(lines: list[tuple[int, str]]) -> int | None:
    """The index (in `lines`) of the last line of a writer's contact box right after the text,
    None when there is none: contact lines (sms, `للتواصل`, e-mail, @handle, a `تويتر` / `T:`
    line) and the lines that continue them. A number alone is no evidence: headlines have them."""
    start = _last_text(lines)
    start = -1 if start is None else start
    end, waiting = None, 0
    for j in range(start + 1, len(lines)):
        text = lines[j][1]
        goes_on = end == j - 1 and (waiting > 0 or CONTACT_GOES_ON.search(lines[j - 1][1]) or PHONE_LINE.match(text))
        if CONTACT.search(text) or goes_on:
            end = j
            if CONTACT_ADDRESS.search(text):
                waiting = 0
            elif CONTACT_ASKS.search(text):
                waiting = CONTACT_WAIT_LINES  # asked to write, not yet told where
            else:
                waiting = max(0, waiting - 1)
        elif end is None and j > start + 2:
            break  # a contact box starts right after the text
    return end


def _split_repeated_tail(state: _State) -> None:
    """Lines the archive repeats after the text of many files (labels of "read also" blocks,
    footers): the first one after the text and everything after it are set apart; repeated lines
    are page furniture (a copyright or app line names the outlet), the others an appended block.
    The short lines above it stay (a caption, the writer's name: the signature rule decides)."""
    lines = [(i, text) for i, (_, text) in enumerate(state.body) if text]
    last = _last_text(lines)
    if last is None:
        return
    box = _contact_box(lines)
    start = (box if box is not None else last) + 1
    for j in range(start, len(lines)):
        index, text = lines[j]
        if line_key(text) not in state.boilerplate.tail or _ends_statement(text):
            continue
        block = []
        for lineno, rest in state.body[index:]:
            if not rest:
                continue
            if line_key(rest) in state.boilerplate.tail:
                _take_footer(state, rest, lineno)
            else:
                block.append(rest)
        if block:
            state.appended.insert(0, block)
        del state.body[index:]
        return


def _paragraphs(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join lines broken inside a sentence; a blank line or a sentence end closes a paragraph."""
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    last = 0
    for lineno, line in [*body, (0, "")]:
        if line:
            current.append(line)
            last = lineno
            if not _ends_sentence(line):
                continue
        if current:
            paragraphs.append((last, " ".join(current)))
            if len(_JOINED) >= LINE_CACHE:
                _JOINED.clear()
            _JOINED[paragraphs[-1][1]] = current
            current = []
    return paragraphs


def _pieces(text: str, breaks: re.Pattern[str]) -> list[str]:
    """`text` cut at the first group of `breaks` into pieces of at least PARAGRAPH_PIECE characters."""
    pieces, start = [], 0
    for match in breaks.finditer(text):
        if match.start(1) - start >= PARAGRAPH_PIECE:
            pieces.append(text[start : match.start(1)])
            start = match.end(1)
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def split_long(text: str) -> list[str]:
    """A paragraph as readable pieces: itself when short, else cut at sentence ends, then at
    spaces, then (an unbroken run of letters) every PARAGRAPH_PIECE characters."""
    if len(text) <= PARAGRAPH_MAX:
        return [text]
    result = []
    for sentences in _pieces(text, SENTENCE_BREAK):
        for run in _pieces(sentences, SPACES) if len(sentences) > PARAGRAPH_MAX else [sentences]:
            if len(run) <= PARAGRAPH_MAX:
                result.append(run)
            else:
                result += [run[i : i + PARAGRAPH_PIECE] for i in range(0, len(run), PARAGRAPH_PIECE)]
    return result


def _split_long_paragraphs(paragraphs: list[tuple[int, str]], state: _State) -> list[tuple[int, str]]:
    result = []
    for lineno, text in paragraphs:
        pieces = split_long(text)
        if len(pieces) > 1:
            state.warnings.append(
                f"line {lineno}: a paragraph of {len(text):,} characters without breaks was split "
                f"into {len(pieces)} paragraphs"
            )
        result += [(lineno, piece) for piece in pieces]
    return result


def _split_signatures(paragraphs: list[tuple[int, str]], state: _State) -> None:
    """Short unpunctuated trailing lines (an agency's signature) are not the report's text, unless
    the paragraph before introduces them (ends with a colon: they are what it announces)."""
    while len(paragraphs) > 1:
        lineno, text = paragraphs[-1]
        if _word_count(text) > SIGNATURE_MAX_WORDS or len(text) > SIGNATURE_MAX_CHARS or _ends_sentence(text):
            break
        if paragraphs[-2][1].rstrip().endswith((":", "：")):
            break
        state.removed.append(Removed("signature", text, lineno))
        paragraphs.pop()


def derive_title(first_paragraph: str) -> str:
    """Opening words of the body, up to the first clause break after four words, with '…'."""
    text = first_paragraph
    for regex in ATTRIBUTION_LEAD:
        text = regex.sub("", text, count=1)
    words: list[str] = []
    for word in text.split():
        piece = CLAUSE_BREAK.split(word, maxsplit=1)
        if piece[0]:
            words.append(piece[0])
        if (len(piece) > 1 and len(words) >= 4) or len(words) >= DERIVED_TITLE_WORDS:
            break
    return " ".join(words) + "…"


def _key(name: str) -> str:
    return " ".join(t for t in tokens(name) if t not in GENERIC_OUTLET_WORDS)


def _same_outlet(a: str, b: str) -> bool:
    """`صحيفة سبق الإلكترونية` and `سبق`: the same name once generic words are left out."""
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka == kb or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} ")


WROTE_WORDS = frozenset(tokens("نوشت نوشته می‌نویسد كتبت كتبت: تكتب"))


def _press_review(credit: str) -> tuple[str, bool]:
    """`روزنامه اعتماد نوشت` opening a lead: a press review quoting that paper (the name, True);
    else (the credit, False)."""
    words = credit.split()
    if len(words) >= 2 and tokens(words[-1])[:1] and tokens(words[-1])[0] in WROTE_WORDS:
        return " ".join(words[:-1]), True
    return credit, False


def _wire_key(name: str) -> str | None:
    """The folded key of a wire service's name, None when `name` is not one."""
    key = " ".join(tokens(name))
    return key if key in WIRES else None


def _is_wire(name: str) -> bool:
    return _wire_key(name) is not None


def _attribution(paragraphs: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """`به گزارش همشهری آنلاین،` opening one of the first paragraphs: the outlet it names (from
    the outlet word on, without `از <city>`), and the source it quotes (`به نقل از رویترز`)."""
    for paragraph in paragraphs[:LEAD_PARAGRAPHS]:
        for regex in (*ATTRIBUTION_LEAD, ATTRIBUTION_INSIDE):
            found = regex.match(paragraph) if regex is not ATTRIBUTION_INSIDE else regex.search(paragraph)
            if not found:
                continue
            name, *quoted = re.split(r"\s+به\s+نقل\s+از(?:\s+|$)", found["outlet"], maxsplit=1)
            name = re.split(r"\s+(?:از|در)\s+", name, maxsplit=1)[0].strip()
            words = name.split()
            starts = [i for i, w in enumerate(words) if tokens(w)[:1] and tokens(w)[0] in MASTHEAD_WORDS]
            if starts:
                name = " ".join(words[starts[0] :])
            elif words and tokens(words[0])[:1] and tokens(words[0])[0] in REPORTER_WORDS:
                name = ""  # `به گزارش خبرنگار ما،`: the page's own reporter, no name
            return (name or None), [q.strip() for q in quoted if q.strip()]
    return None, []


def _byline_evidence(bylines: list[str], named: str) -> tuple[str | None, list[str]]:
    """The outlet a byline names and the wires it credits. `سلطان السلمي- سبق- جدة:` names
    the outlet between the writer and the place; a part is the outlet too when the page names
    it again in quotes (`لـ"سبق"`) or in its masthead, suffix or footer (`named`); `بريدة - مكتب
    الجزيرة` names the outlet's office. Wires (`القاهرة - د ب أ`) are credits, not the outlet."""
    outlet, wires = None, []
    for byline in bylines:
        text = BYLINE_START.sub("", _byline_text(byline.strip())).rstrip(":： ")
        parts = [p.strip() for p in BYLINE_DASH.split(text) if p.strip()]
        if len(parts) == 1 and (key := _wire_key(parts[0])):
            wires.append(WIRES[key])
        if len(parts) < 2:
            continue
        candidates = []
        for part in parts:
            words = tokens(part)
            if key := _wire_key(part):
                wires.append(WIRES[key])
            elif words and words[0] == "مكتب" and len(words) > 1:
                outlet = outlet or part.split(maxsplit=1)[1]
            elif words and not all(w in BYLINE_ROLES for w in words):
                candidates.append(part)
        for part in candidates:
            if f" {' '.join(tokens(part))} " in named:
                outlet = outlet or part
        if outlet is None and len(parts) == 3 and parts[1] in candidates and len(parts[1].split()) <= 2:
            outlet = parts[1]
    return outlet, wires


def _wire_credits(paragraphs: tuple[str, ...]) -> list[str]:
    """Wires credited in the opening: `(واس)`, `الرياض … واس` closing a dateline, `واس -`."""
    found = []
    for paragraph in paragraphs[:LEAD_PARAGRAPHS]:
        found += [WIRES[key] for m in PARENTHESISED.finditer(paragraph, 0, DATELINE_CHARS) if (key := _wire_key(m[1]))]
        head = DATELINE_END.split(paragraph[:DATELINE_CHARS], maxsplit=1)[0].split()
        words = tokens(" ".join([*head[:WIRE_MAX_TOKENS], *head[WIRE_MAX_TOKENS:][-WIRE_MAX_TOKENS:]]))
        for size in range(min(WIRE_MAX_TOKENS, len(words)), 0, -1):
            key = next((k for k in (" ".join(words[-size:]), " ".join(words[:size])) if k in WIRES), None)
            if key:
                found.append(WIRES[key])
                break
    return found


def _translated(text: str, source: str) -> bool:
    """Is `المصدر:` naming the foreign paper a piece was translated from?"""
    return bool(FOREIGN_SOURCE.search(source)) or ("ترجم" in text and bool(TRANSLATION.search(text)))


def resolve_outlet(
    meta: dict[str, str],
    paragraphs: tuple[str, ...],
    bylines: Iterable[str] = (),
    text: str = "",
    wires: Iterable[str] = (),
) -> tuple[str | None, tuple[str, ...], bool]:
    """(outlet, via, weak): the publishing outlet, the wires and sources credited apart from it,
    and whether the outlet rests on weak evidence.

    The publisher is named by the page itself: a masthead, a site suffix, a copyright line, its
    own app, a byline. A labelled source (`المصدر:`), an attribution lead (`به گزارش X،`) or an
    inline credit (`نقلاً عن X`) names the outlet only when the page names no publisher; else it
    is a source, recorded in `via`. Wire services are always `via` when a publisher is known;
    when nothing else is, an agency's own copy names its publisher (`به گزارش ایسنا،`)."""
    lead = paragraphs[0] if paragraphs else ""
    bylines = list(bylines)
    named = ""
    if bylines:
        named = " " + " ".join(tokens(" ".join(meta.get(k, "") for k in PUBLISHER_KEYS))) + " "
        named += " ".join(" ".join(tokens(q)) for q in QUOTED_NAME.findall(text)) + " "
    by_outlet, by_wires = _byline_evidence(bylines, named)
    publisher = next((meta[k].strip(" .،,") for k in PUBLISHER_KEYS if meta.get(k)), None)
    weak = False
    if publisher is None and by_outlet:
        publisher, weak = by_outlet, " ".join(tokens(by_outlet)) not in named
    if publisher is None and meta.get("masthead_line"):
        publisher, weak = meta["masthead_line"], True
    sources: list[str] = []
    source = meta.get("outlet", "").strip(" .،,")
    if source and _translated(text, source):
        sources.append(source)
        source = ""
    attributed, quoted = _attribution(paragraphs)
    inline = next((m["outlet"].strip() for r in INLINE_OUTLET if (m := r.search(lead))), None)
    credits = [*wires, *by_wires, *_wire_credits(paragraphs), *quoted]
    outlet = publisher
    for candidate, is_weak in ((source, False), (attributed, False), (inline, True)):
        if not candidate:
            continue
        if outlet is None:
            outlet, weak = candidate, is_weak or _is_wire(candidate)
        else:
            sources.append(candidate)
    if outlet is None and credits:
        outlet, weak = credits[0], True  # an agency's own copy: the only name the page gives
    outlet = outlet.strip(NAME_QUOTES) if outlet else outlet
    via: list[str] = []
    for name in (n.strip(NAME_QUOTES) for n in [*credits, *sources]):
        if (outlet and _same_outlet(name, outlet)) or any(_same_outlet(name, v) for v in via):
            continue
        via.append(name)
    return outlet, tuple(via), weak


def find_outlet(meta: dict[str, str], lead: str) -> str | None:
    """The publishing outlet of `resolve_outlet` from metadata lines and the lead paragraph."""
    return resolve_outlet(meta, (lead,))[0]


def split_keywords(value: str, context: str) -> tuple[str, ...]:
    """Keywords from a `كلمات دلالية:` line.

    With separators (، , | …) they are split there. Scrapers often flatten the list to plain
    spaces (seeds 001, 002); then consecutive words are grouped into the longest phrase
    (up to five words) that also occurs in the article, so `دميتري بيسكوف` stays one keyword.
    Keywords that fold to the same text are kept once, in first-seen order.
    """
    if KEYWORD_SEPARATORS.search(value):
        parts = [p.strip() for p in KEYWORD_SEPARATORS.split(value)]
    else:
        parts = _group_phrases(value.split(), _phrase_context(context))
    seen: set[str] = set()
    result = []
    for part in parts:
        key = fold(part)
        if part and key not in seen:
            seen.add(key)
            result.append(part)
    return tuple(result)


def _phrase_context(text: str) -> str:
    """Folded text with a `|` wherever punctuation or brackets (not quotes) break a phrase."""
    clauses = re.split(r"[^\w\s\"«»“”]|_", text)  # quotes do not break a phrase
    return " | " + " | ".join(" ".join(tokens(c)) for c in clauses if c.strip()) + " | "


def _group_phrases(words: list[str], folded_context: str) -> list[str]:
    phrases = []
    i = 0
    while i < len(words):
        size = 1
        for n in range(min(5, len(words) - i), 1, -1):
            if f" {' '.join(tokens(' '.join(words[i : i + n])))} " in folded_context:
                size = n
                break
        phrases.append(" ".join(words[i : i + size]))
        i += size
    return phrases


def _appended_blocks(blocks: Iterable[list[str]]) -> tuple[Appended, ...]:
    return tuple(
        Appended("story" if any(_ends_sentence(x) for x in block) else "links", tuple(block))
        for block in blocks
        if block
    )


def _body(lines: list[str], first: int, state: _State, nothing: str) -> list:
    """The article's paragraphs from line `first` on: lines classified, trailing links,
    signatures and appended material set apart, long paragraphs split."""
    _fold_lines(lines[first:])
    _classify(lines, first, state)
    if state.boilerplate.tail:
        _split_repeated_tail(state)
    _split_trailing_links(state)
    paragraphs = _paragraphs(state.body)
    _split_signatures(paragraphs, state)
    paragraphs = _split_long_paragraphs(paragraphs, state)
    if not paragraphs:
        raise SeedError(f"no article text: {nothing}")
    return paragraphs


def parse_seed(text: str, boilerplate: Boilerplate | None = None) -> SeedRecord:
    """Parse the decoded text of one seed. Raises SeedError when no article can be made.

    `boilerplate`: this file's lines the archive repeats in many files (boilerplate.py); a
    repeated line above the text is never the headline, one after it (and what follows it) is
    set apart. Without it the file is read on its own evidence."""
    lines = clean_lines(text)
    state = _State(boilerplate=boilerplate or Boilerplate())
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise SeedError("the file is empty (no text at all)")
    first = _header(lines, first, state)
    headline = None
    block = _headline_block(lines, first, state)
    if block:
        first, title = block
        headline, site = split_site_suffix(_strip_section(title, state), text)
        if site:
            state.meta.setdefault("site", site)
    else:
        state.weak.discard("title")
    paragraphs = _body(lines, first, state, "only a headline, navigation or metadata lines were found")
    texts = tuple(text for _, text in paragraphs)
    body = "\n".join(texts)
    lang = detect_language(f"{headline or ''}\n{body}")
    if lang is None:
        raise SeedError("no Arabic or Persian text found in the article body")
    words = _word_count(body)
    keywords = state.meta.get("keywords", "")
    bylines = [*state.bylines, *(m["byline"] for t in texts[:1] if (m := BYLINE_LEAD.match(t)))]
    credit = LEAD_OUTLET.match(texts[0])
    if credit and tokens(credit["outlet"])[:1] and tokens(credit["outlet"])[0] in MASTHEAD_WORDS:
        paper, wrote = _press_review(credit["outlet"])
        if wrote:
            state.wires.append(paper)  # `روزنامه اعتماد نوشت: …`: a press review quotes that paper
        else:
            state.meta.setdefault("lead", credit["outlet"])  # `خبرگزاری فارس: …` opening the lead
    outlet, via, weak_outlet = resolve_outlet(state.meta, texts, bylines, text, state.wires)
    if weak_outlet:
        state.weak.add("outlet")
    return SeedRecord(
        title=headline or derive_title(texts[0]),
        title_derived=headline is None,
        date=state.date,
        outlet=outlet,
        keywords=split_keywords(keywords, f"{headline or ''}\n{body}") if keywords else (),
        lang=lang,
        paragraphs=texts,
        appended=_appended_blocks(state.appended),
        removed=tuple(sorted(state.removed, key=lambda r: r.line)),
        body_end_line=paragraphs[-1][0],
        words=words,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        warnings=tuple(state.warnings),
        time=state.time.time if state.time else None,
        timezone=(state.time.timezone if state.time else None) or state.zone,
        updated=state.updated.date if state.updated else None,
        via=via,
        low_confidence=tuple(sorted(state.weak)),
    )


# --- a body alone (structured seeds) -----------------------------------------------------


@dataclass(frozen=True)
class Body:
    """A text that is only an article's body, cleaned as parse_seed cleans the lines after a
    headline: what a structured record's `maintext` becomes (records.py)."""

    paragraphs: tuple[str, ...]
    appended: tuple[Appended, ...]
    removed: tuple[Removed, ...]
    body_end_line: int
    words: int
    warnings: tuple[str, ...]


def parse_body(text: str) -> Body:
    """Clean the text of a record whose headline, date and outlet are given apart (a scraper's
    `maintext`): navigation, sign-offs, footers, hashtags, "read also" material, trailing link
    lists and signatures are kept out of the paragraphs, lines broken inside a sentence joined,
    long paragraphs split. No headline, date or outlet is looked for; labelled metadata lines
    (`المصدر: …`) and date lines at the opening are dropped from the text, never read. Raises
    SeedError when no text is left."""
    state = _State()
    paragraphs = _body(clean_lines(text), 0, state, "only navigation or page furniture was found")
    texts = tuple(text for _, text in paragraphs)
    return Body(
        paragraphs=texts,
        appended=_appended_blocks(state.appended),
        removed=tuple(sorted(state.removed, key=lambda r: r.line)),
        body_end_line=paragraphs[-1][0],
        words=_word_count("\n".join(texts)),
        warnings=tuple(state.warnings),
    )
