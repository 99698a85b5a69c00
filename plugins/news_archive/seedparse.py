"""Parse a scraped news article (plain text) into a record. Pure: no Pelican, no I/O.

The input has no header block. Lines are classified one by one, in file order:

    navigation crumbs, sign-offs  -> removed (kept in `removed`, never in the body)
    labelled metadata             -> date / outlet / keywords (`تاريخ النشر:`, `المصدر:` ...)
    "read also" markers           -> everything after them is appended material, shown apart
    the first line                -> the headline, when it looks like one
    anything else                 -> body lines, joined into paragraphs where a line break
                                     falls inside a sentence

Nothing is invented: an unknown date stays None; a missing headline is replaced by the
opening words of the body, flagged `title_derived`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import ParsedDate, date_problem, parse_date
from .fold import fold, tokens
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

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)


# --- line tables -------------------------------------------------------------------------

_HAMZA_ALEF = "[اأإآ]"
_ALSO = f"{_HAMZA_ALEF}يض(?:اً|ًا|ا)"  # أيضاً / ايضا, tanween on either side of the alef
LABELS: dict[str, str] = {
    # label (regex) -> field
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

READ_ALSO = re.compile(
    rf"^\s*(?:{_HAMZA_ALEF}?قر[أا]\s+(?:{_ALSO}|كذلك|المزيد)|شاهد\s+{_ALSO}"
    r"|(?:مواضيع|أخبار|اخبار|مقالات)\s+ذات\s+صلة|الأكثر\s+(?:قراءة|مشاهدة)|مقالات\s+أخرى\s+للكاتب|سمات(?=\s)"
    r"|بیشتر\s+بخوانید|مطالب\s+مرتبط|اخبار\s+مرتبط|Read\s+(?:also|more))[\u064b\u064c\u064d]*\s*[:：]?\s*",
    re.IGNORECASE,
)
# Page furniture after the text: app and newsletter promotions, comment prompts, copyright and
# follow-us lines (issue 11). Removed from the text, listed apart.
FOOTER = re.compile(
    r"©|جميع\s+الحقوق\s+محفوظة|حقوق\s+(?:النشر|الطبع)|حم[ّ]?ل\s+تطبيق|النشرة\s+(?:البريدية|الإخبارية)"
    r"|أضف\s+تعليق|اترك\s+تعليق|تابعونا\s+على|شارك\s+(?:الخبر|المقال)"
    r"|[کك]لیه\s+حقوق|[کك]ليه\s+حقوق|اپلی[کك]یشن|اپلي[كک]يشن|خبرنامه|نظر\s+شما|دنبال\s+[کك]نید",
)
HASHTAGS = re.compile(r"^(?:#\S+\s*){1,12}$")
LINK_MAX_WORDS = 16  # a trailing line longer than this is text, not another story's headline
COPYRIGHT_OUTLET = re.compile(
    r"(?:©\s*\d{4}\s*|محفوظة\s+ل)(?P<outlet>[^\d©|.،,]{2,40}?)\s*$|متعلق\s+به\s+(?P<fa>.{2,40}?)\s+است"
)
NAVIGATION = [
    re.compile(r"^(?:[A-Z][a-z]|[A-Z]{2})(?:\s*[|/·•]?\s*(?:[A-Z][a-z]|[A-Z]{2}))*$"),  # "Ru En"
    # "الرئيسية > أخبار" ("|" separates menus, see _is_menu, and site suffixes: "خبر | عكاظ")
    re.compile(r"^[^\s<>]+(?:\s[^\s<>]+){0,3}(?:\s[>»›/]\s[^\s<>]+(?:\s[^\s<>]+){0,3}){1,5}$"),
]
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
MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
MASTHEAD_WORDS = frozenset(tokens("صحيفة جريدة وكالة موقع مجلة خبرگزاری روزنامه پایگاه سایت"))
MASTHEAD_MAX_WORDS = 8
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]{1,40}$")
FOOTER_LINES = 8  # last lines of a page looked at for the outlet's name (copyright, source)
HEADER_MAX_LINES = 8  # chrome, date and masthead lines looked at before the headline
# "… | عكاظ", "… - الوطن": a site suffix after the headline
SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|\-–—]\s+(?P<site>[^|\-–—]+?)\s*$")
SUFFIX_MAX_WORDS = 4
SUFFIX_BARE_WORDS = 2  # a suffix this short needs no other evidence
PARAGRAPH_LINES = 0.75  # share of long lines ending a sentence that makes each line a paragraph
SIGN_OFF = re.compile(r"^[\s/()\-–—*]*(?:انتهای\s+پیام|پایان\s+پیام|انتهى(?:\s+الخبر)?)[\s/()\-–—*.]*$")
# Sentence ends: terminal punctuation, maybe closing quotes/brackets, maybe one stray letter
# left by the scraper (seed 002: `…". و`, seed 004: `… است. ا`).
SENTENCE_END = re.compile(r"[.!?؟…:;؛][\"»”’)\]]*(?:\s+\S)?\s*$")
HEADLINE_END_BAD = re.compile(r"[.:،,][\"»”’)\]]*\s*$")
HEADLINE_MAX_WORDS = 25
SIGNATURE_MAX_WORDS = 8
SIGNATURE_MAX_CHARS = 120
DERIVED_TITLE_WORDS = 12
CLAUSE_BREAK = re.compile(r"[:.،,؛;!?؟\"«»]")
ATTRIBUTION_LEAD = [
    re.compile(r"^به\s+گزارش\s+(?P<outlet>[^،,.:]{2,60}?)\s*[،,]\s*"),
    re.compile(r"^به\s+نقل\s+از\s+(?P<outlet>[^،,.:]{2,60}?)\s*[،,]\s*"),
]
_WORD = r"[^\s،,.:؛()]+"
INLINE_OUTLET = [
    re.compile(
        rf"نقل[اًا]*\s+عن\s+(?P<outlet>(?:وكالة\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}?)(?=\s*[،,.:؛]|\s+(?:أن|إن|قوله|قولها))"
    ),
    re.compile(rf"(?P<outlet>وكالة\s+(?!الأنباء\b){_WORD}(?:\s+{_WORD})?)(?=\s*[،,.:؛(]|\s+(?:أن|إن|عن|في|للأنباء))"),
]
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
# A paragraph longer than this (a seed without line breaks) is cut at sentence ends, else at
# spaces, else anywhere, into pieces of about PARAGRAPH_PIECE characters: one paragraph of a
# megabyte blocks a browser tab for a minute.
PARAGRAPH_MAX = 4000
PARAGRAPH_PIECE = 1500
SENTENCE_BREAK = re.compile(r"[.!?؟…؛][\"»”’)\]]*(\s+)")
SPACES = re.compile(r"(\s+)")


def _label(line: str) -> tuple[str, str] | None:
    for regex, name in _LABEL_RE:
        match = regex.match(line)
        if match:
            return name, match["value"]
    return None


def _is_navigation(line: str) -> bool:
    return any(regex.match(line) for regex in NAVIGATION) or _is_menu(line)


def _is_menu(line: str) -> bool:
    """A site menu or share bar: mostly section names (or share words), or a run of short items."""
    words = tokens(line)
    if len(words) >= 3 and sum(w in NAVIGATION_WORDS for w in words) >= MENU_SHARE * len(words):
        return True
    if words and all(w in SHARE_WORDS for w in words):
        return True
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
    if words[0] in MASTHEAD_WORDS and len(words) >= 2:
        return name
    if any(tokens(part)[:1] and tokens(part)[0] in MASTHEAD_WORDS for part in parts[1:]):
        return name
    if len(parts) == 2 and LATIN_NAME.match(parts[1].strip()) and len(words) <= SUFFIX_BARE_WORDS + 1:
        return name  # a bilingual masthead: "خبرگزاری فارس | Fars News Agency"
    if len(words) <= SUFFIX_BARE_WORDS + 1 and _named_again(words, later, footer):
        return name
    return None


def _named_again(words: list[str], later: list[str], footer: list[str]) -> bool:
    key = " ".join(words)
    suffixes = [tokens(site) for line in later if (site := split_site_suffix(line, "")[1])]
    return any(" ".join(s) == key for s in suffixes) or any(f" {key} " in f" {' '.join(tokens(x))} " for x in footer)


def _ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _date_line(line: str) -> ParsedDate | None:
    """A line that is nothing but a date (seed 003: `٠٩ نوفمبر ٢٠٢١`), perhaps with a weekday,
    a time or a time zone around it — not a sentence that mentions a date."""
    found = parse_date(line)
    if not found:
        return None
    rest = HIJRI_DATE.sub(" ", line.replace(found.text, " ")).split()
    rest = [w for w in rest if w.strip("-–،,:") and w not in DATE_LINE_WORDS]
    return found if len(rest) <= 3 and sum(any(c.isalpha() for c in w) for w in rest) <= 2 else None


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
    body: list[tuple[int, str]] = field(default_factory=list)  # (line no, text); "" = break
    appended: list[list[str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _headline_index(lines: list[str], first: int) -> bool:
    """Is lines[first] a headline? Short, not a sentence, and set apart from what follows."""
    line = lines[first].strip()
    if not line or _label(line) or READ_ALSO.match(line) or HEADLINE_END_BAD.search(line):
        return False
    if len(_words(line)) > HEADLINE_MAX_WORDS or any(r.match(line) for r in ATTRIBUTION_LEAD):
        return False
    after = first + 1
    while after < len(lines) and lines[after].strip() and _is_navigation(lines[after].strip()):
        after += 1  # a share bar or menu under the headline does not join it to the text
    following = lines[after] if after < len(lines) else ""
    set_apart = not following.strip() or bool(_label(following)) or bool(_date_line(following))
    set_apart = set_apart or _one_paragraph_per_line(lines, after)
    # "الكرملين: نرفض …" — a speaker-and-claim headline even when nothing separates it.
    speaker = re.match(r"^\S+(?:\s+\S+){0,2}\s*:\s+\S", line) is not None
    return set_apart or speaker


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
    site_words = tokens(site)
    if not site_words or len(site_words) > SUFFIX_MAX_WORDS or len(tokens(title)) < 3:
        return headline, None
    elsewhere = f" {' '.join(site_words)} " in f" {' '.join(tokens(text.replace(headline, ' ')))} "
    named = site_words[0] in MASTHEAD_WORDS or not any("\u0600" <= c <= "\u06ff" for c in site)
    if elsewhere or named or len(site_words) <= SUFFIX_BARE_WORDS:
        return title, site
    return headline, None


def _take_metadata(state: _State, name: str, value: str, lineno: int) -> None:
    if name == "date":
        found = parse_date(value)
        if found and state.date is None:
            state.date = found
        elif not found:
            why = date_problem(value) or "no day, month and year in it"
            state.warnings.append(f"line {lineno}: cannot read the date {value!r} ({why})")
        return
    if name == "outlet" and not any(c.isalpha() for c in value):
        state.warnings.append(f"line {lineno}: the outlet line names no outlet ({value!r}): ignored")
        return
    state.meta.setdefault(name, value)


def _header(lines: list[str], first: int, state: _State) -> int:
    """Skip the chrome above the headline: blank lines, menus, mastheads (kept as the outlet),
    date lines (kept as the date) and labelled lines; the index of the first other line."""
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
        elif state.date is None and _date_line(line):
            state.date = _date_line(line)
        elif _label(line):
            _take_metadata(state, *_label(line), index + 1)
        else:
            return index
    return min(len(lines), first + HEADER_MAX_LINES)


def _classify(lines: list[str], start: int, state: _State) -> None:
    in_appended = False
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
        if FOOTER.search(line) and len(line.split()) <= LINK_MAX_WORDS:
            _take_footer(state, line, lineno)
            continue
        if HASHTAGS.match(line):
            state.appended.append([line])
            in_appended = True
            continue
        marker = READ_ALSO.match(line)
        if marker:
            in_appended = True
            state.appended.append([])
            line = line[marker.end() :].strip()
            if not line:
                continue
        labelled = _label(line)
        # Footer metadata may follow a sidebar list of "read also" links (seed 001), but
        # once a whole appended story has begun, its lines belong to that story.
        story_started = in_appended and any(_ends_sentence(x) for x in state.appended[-1])
        if labelled and not story_started and not (in_appended and labelled[0] == "date"):
            _take_metadata(state, *labelled, lineno)
            continue
        if not in_appended and state.date is None and not any(t for _, t in state.body):
            if _date_line(line):
                state.date = _date_line(line)
                continue
            problem = date_problem(line) if len(line.split()) <= DATE_LINE_MAX_WORDS else None
            if problem:
                state.warnings.append(f"line {lineno}: {line!r} looks like a date but is not one ({problem})")
        if in_appended:
            state.appended[-1].append(line)
        else:
            state.body.append((lineno, line))


def _take_footer(state: _State, line: str, lineno: int) -> None:
    """A footer line is page furniture; a copyright line also names the outlet."""
    state.removed.append(Removed("navigation", line, lineno))
    found = COPYRIGHT_OUTLET.search(line)
    if found:
        state.meta.setdefault("copyright", (found["outlet"] or found["fa"]).strip())


def _is_link_line(line: str) -> bool:
    """Shaped like another story's headline in a list: short, no full stop at the end."""
    return 0 < len(line.split()) <= LINK_MAX_WORDS and not _ends_sentence(line) and not _date_line(line)


def _split_trailing_links(state: _State) -> None:
    """Headlines of other stories listed after the text with no "read also" label (or under a
    label not known): a run of two or more short unpunctuated lines at the end, after a line
    that ends a sentence, is appended material, not the report."""
    lines = [(i, text) for i, (_, text) in enumerate(state.body) if text]
    run = 0
    while run < len(lines) and _is_link_line(lines[-1 - run][1]):
        run += 1
    if run < 2 or run == len(lines) or not _ends_sentence(lines[-1 - run][1]):
        return
    start = lines[-run][0]
    state.appended.insert(0, [text for _, text in state.body[start:] if text])
    del state.body[start:]


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
    """Short unpunctuated trailing lines (an agency's signature) are not the report's text."""
    while len(paragraphs) > 1:
        lineno, text = paragraphs[-1]
        if len(_words(text)) > SIGNATURE_MAX_WORDS or len(text) > SIGNATURE_MAX_CHARS or _ends_sentence(text):
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


def find_outlet(meta: dict[str, str], lead: str) -> str | None:
    """`المصدر: X` wins; else an attribution in the lead paragraph (`به گزارش X،`, `نقلاً عن X`)."""
    if meta.get("outlet"):
        return meta["outlet"].strip(" .،,")
    for key in ("masthead", "site", "copyright"):
        if meta.get(key):
            return meta[key]
    for regex in ATTRIBUTION_LEAD + INLINE_OUTLET:
        match = regex.search(lead)
        if match:
            return match["outlet"].strip()
    return None


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


def parse_seed(text: str) -> SeedRecord:
    """Parse the decoded text of one seed. Raises SeedError when no article can be made."""
    lines = clean_lines(text)
    state = _State()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise SeedError("the file is empty (no text at all)")
    first = _header(lines, first, state)
    headline = None
    if first < len(lines) and _headline_index(lines, first):
        headline, site = split_site_suffix(lines[first].strip(), text)
        if site:
            state.meta.setdefault("site", site)
        first += 1
    _classify(lines, first, state)
    _split_trailing_links(state)
    paragraphs = _paragraphs(state.body)
    _split_signatures(paragraphs, state)
    paragraphs = _split_long_paragraphs(paragraphs, state)
    if not paragraphs:
        raise SeedError("no article text: only a headline, navigation or metadata lines were found")
    texts = tuple(text for _, text in paragraphs)
    body = "\n".join(texts)
    lang = detect_language(f"{headline or ''}\n{body}")
    if lang is None:
        raise SeedError("no Arabic or Persian text found in the article body")
    words = len(_words(body))
    keywords = state.meta.get("keywords", "")
    return SeedRecord(
        title=headline or derive_title(texts[0]),
        title_derived=headline is None,
        date=state.date,
        outlet=find_outlet(state.meta, texts[0]),
        keywords=split_keywords(keywords, f"{headline or ''}\n{body}") if keywords else (),
        lang=lang,
        paragraphs=texts,
        appended=_appended_blocks(state.appended),
        removed=tuple(sorted(state.removed, key=lambda r: r.line)),
        body_end_line=paragraphs[-1][0],
        words=words,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        warnings=tuple(state.warnings),
    )
