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
    r"|بیشتر\s+بخوانید|مطالب\s+مرتبط|اخبار\s+مرتبط|Read\s+(?:also|more))[\u064b\u064c\u064d]*\s*[:：]?\s*",
    re.IGNORECASE,
)
NAVIGATION = [
    re.compile(r"^(?:[A-Z][a-z]|[A-Z]{2})(?:\s*[|/·•]?\s*(?:[A-Z][a-z]|[A-Z]{2}))*$"),  # "Ru En"
    re.compile(r"^[^\s<>]+(?:\s[^\s<>]+){0,3}(?:\s[>»›/|]\s[^\s<>]+(?:\s[^\s<>]+){0,3}){1,5}$"),  # "الرئيسية > أخبار"
]
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
    return any(regex.match(line) for regex in NAVIGATION)


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
    rest = line.replace(found.text, " ").split()
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
    following = lines[first + 1] if first + 1 < len(lines) else ""
    set_apart = not following.strip() or bool(_label(following)) or bool(_date_line(following))
    # "الكرملين: نرفض …" — a speaker-and-claim headline even when nothing separates it.
    speaker = re.match(r"^\S+(?:\s+\S+){0,2}\s*:\s+\S", line) is not None
    return set_apart or speaker


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
    while first < len(lines) and (not lines[first].strip() or _is_navigation(lines[first].strip())):
        if lines[first].strip():
            state.removed.append(Removed("navigation", lines[first].strip(), first + 1))
        first += 1
    headline = None
    if first < len(lines) and _headline_index(lines, first):
        headline = lines[first].strip()
        first += 1
    _classify(lines, first, state)
    paragraphs = _paragraphs(state.body)
    _split_signatures(paragraphs, state)
    paragraphs = _split_long_paragraphs(paragraphs, state)
    if not paragraphs:
        raise SeedError("no article text: only a headline, navigation or metadata lines were found")
    texts = tuple(text for _, text in paragraphs)
    body = "\n".join(texts)
    lang = detect_language(body)
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
