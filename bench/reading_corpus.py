"""Rebuild the development corpus of real news pages (issue 11): `.venv/bin/python -m bench.reading_corpus`.

The texts are real articles from public datasets; they are never committed. This recipe names
each source (repository, commit, files), selects records deterministically and writes, outside
the repository, one text file per article plus `truth.jsonl` with the dataset's own columns:

    .venv/bin/python -m bench.reading_corpus --sources DIR --out /work/corpus-real/corpus

`DIR` holds a git clone (bare or not) of each repository below, as `owner+name`, `owner+name/repo`
or `name` (e.g. `git clone --bare https://github.com/parallelfold/SaudiNewsNet DIR/parallelfold+SaudiNewsNet`).
Files are read with `git show COMMIT:path`, so the working tree does not matter.

Sources (truth columns used):

- parallelfold/SaudiNewsNet (CC BY-NC-SA 4.0): 12 Saudi papers and the Saudi Press Agency,
  records extracted from 1 August 2015 on (the README says their `date_extracted` is then the
  publication date): `title`, `date_extracted` (date and time), `source`, `url`, `author`,
  `content`. Tails the papers glue after the text (`سمات` tags, `مقالات أخرى للكاتب`,
  `رابط الخبر بصحيفة الوئام:`, `// انتهى //` and the agency's time line), glued to the last line
  or on a line of their own, are split off as appended material; the text before them is the
  truth body. Fars and Varzesh3 lose closing sign-offs (`انتهای پیام/…`) and back-links the same way.
- language-ml/course-nlp-ir-1-text-exploring (Apache-2.0): Fars News (`fars-news-2.json`, many
  older items in Arabic ي/ك) and Varzesh3 (`varzesh3-1.json`): `title`, `abstract`,
  `paragraphs`, `tags`, `link`. Fars news numbers are the Solar Hijri date and a serial
  (`8707060255` = 1387/07/06), so the date comes from the link; Varzesh3 has no date.
- sci2lab/Farsi-datasets (no licence stated): Hamshahri Online and Radio Farda RSS items
  (`title`, `summary`, `link`, `tags`; no date): short texts.
- motazsaad/bbc-crawler (GPL-3.0): BBC Arabic pages as that crawler wrote them (headline with
  `- BBC Arabic`, the HTTP date of the crawl, paragraphs): kept exactly as crawled; the crawl
  date is not a publication date, so dates are not scored there.
- shessam/IR-News-Dataset (GPL-3.0), fourth round: Asr-e Iran, Tabnak, Roozno and Mashregh News
  reports of 2019–2020, one file each: a `###` header (agency, `title`, `link`, category, date and
  time, id, `tags`) and the text one sentence a line (three sentences make a paragraph here).
  Sobhaneh Online is left out (its titles are `nan`). With SaudiNewsNet's Al-Riyadiyah, these
  are the fresh held-out outlets of `bench/reading_eval.py`.
- Fifth round, fresh held-out outlets (chosen, and their layouts fixed, before any was scored):
  Sobhaneh Online (IR-News-Dataset `sobhane1`/`sobhane2`: the header's title is `nan`, so the
  title is the link's slug, `…/news/203367/دلیل-افزایش-…`, hyphens read as spaces; date and
  time from the header), Namnak (course-nlp-ir-1-text-exploring `health/namnak-5.json`, an
  online magazine: `title`, `abstract`, `paragraphs`, `tags`; no date) and SaudiNewsNet's
  Arreyadi (`arreyadi`, a Saudi sports paper, mostly extracted 21 July 2015: the extraction
  date is the date the layout shows, scored as shown, not as the paper's publication date).

Layout: where a dataset gives clean text, each file is laid out the ways real scrapes do (issue
11's list), choosing per file from a generator seeded with the SHA-256 of its URL: a navigation
menu line, a masthead, a date line above or below the headline (Gregorian, Hijri and Gregorian,
Levantine months, Arabic-Indic digits, numeric, Solar Hijri, with or without a time, sometimes a
second `آخر تحديث` date), a site suffix on the headline (`… | Outlet`, `… - Outlet`), a
two-line headline, no blank line after the headline, a byline line, share/print words, a
`المصدر:` line, "read also" blocks under many labels (other real headlines of the same
outlet) or unlabelled, hashtag lines, app/newsletter/comment/copyright footers, and Persian
with Arabic ي/ك. Each outlet has a profile (its menu, masthead, labels, date styles); the
held-out outlets of `bench/reading_eval.py` use labels and styles the tuned ones do not.
`truth.jsonl` records, per file, the layout chosen and the truth: headline, date (and whether
the file shows it), time (where shown), outlet (and whether shown), language, the last body
line and the appended lines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import random
import re
import subprocess
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from persiantools.jdatetime import JalaliDate

# --- sources ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    repo: str
    commit: str
    licence: str


SAUDI = Source("parallelfold/SaudiNewsNet", "4e39239966c2ae8a3faa591201acb9cd1f51199d", "CC BY-NC-SA 4.0")
IR_COURSE = Source(
    "language-ml/course-nlp-ir-1-text-exploring", "48c7d56a33a6f75709e90b001529bf7705420674", "Apache-2.0"
)
FARSI = Source("sci2lab/Farsi-datasets", "711848ccf478e974b4b53890e2727435e6d56309", "none stated")
BBC = Source("motazsaad/bbc-crawler", "e91a541c706636d0756197c93c5113dfa003cf73", "GPL-3.0")
IR_NEWS = Source("shessam/IR-News-Dataset", "583562d326b0693ffc5faf8b65cdae85263e9979", "GPL-3.0")
SOURCES = (SAUDI, IR_COURSE, FARSI, BBC, IR_NEWS)

PER_OUTLET = {
    **dict.fromkeys(("alriyadh", "aljazirah", "alyaum", "aleqtisadiya", "aawsat", "okaz", "alwatan", "almadina"), 35),
    **dict.fromkeys(("alweeam", "3alyoum", "sabq", "was"), 35),
    "fars": 60,
    "varzesh3": 40,
    "hamshahri": 50,
    "radiofarda": 40,
    "bbc_arabic": 50,
    # The fourth round's fresh held-out outlets (never seen while changing the reader).
    "arriyadiyah": 35,
    "asriran": 40,
    "tabnak": 40,
    "roozno": 40,
    "mashregh": 16,  # all the dataset has
    # The fifth round's fresh held-out outlets.
    "arreyadi": 35,
    "sobhaneh": 40,
    "namnak": 40,
}


@dataclass
class Article:
    outlet: str
    lang: str
    title: str
    body: list[str]  # the truth body, one paragraph a line
    url: str
    source: str  # repo:path
    date: dt.date | None = None
    time: str | None = None  # HH:MM
    author: str = ""
    tail: list[str] = field(default_factory=list)  # appended lines the dataset itself carries
    tags: list[str] = field(default_factory=list)
    raw: str | None = None  # a page kept exactly as crawled
    date_scored: bool = True


class Sources:
    """Reads files of the pinned commits from local git clones."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def git_dir(self, repo: str) -> Path:
        owner, name = repo.split("/")
        for candidate in (f"{owner}+{name}/repo", f"{owner}+{name}", name):
            path = self.root / candidate
            if path.is_dir():
                return path
        raise SystemExit(f"no clone of {repo} under {self.root} (expected {owner}+{name})")

    def show(self, source: Source, path: str) -> bytes:
        command = ["git", f"--git-dir={self._dot_git(source)}", "show", f"{source.commit}:{path}"]
        return subprocess.run(command, capture_output=True, check=True).stdout

    def ls(self, source: Source, folder: str) -> list[str]:
        command = ["git", f"--git-dir={self._dot_git(source)}", "ls-tree", "--name-only", source.commit, folder + "/"]
        return sorted(subprocess.run(command, capture_output=True, check=True, text=True).stdout.split())

    def _dot_git(self, source: Source) -> Path:
        path = self.git_dir(source.repo)
        return path / ".git" if (path / ".git").is_dir() else path


# --- loaders ---------------------------------------------------------------------------------

_SAUDI = "alriyadh aljazirah alyaum aleqtisadiya aawsat okaz alwatan almadina alweeam 3alyoum sabq was"
SAUDI_OUTLETS = tuple(_SAUDI.split())
FRESH_SAUDI = ("arriyadiyah",)  # fourth round; not in the default (bench/story_corpus.py reads that)
FRESH5_SAUDI = ("arreyadi",)  # fifth round: extracted before 1 August 2015 (the date shown is that date)
SPACES = re.compile(r"[\s\u00a0]+")
NBSP_BREAK = re.compile(r"\n|\u00a0\s*\u00a0")  # Sabq separates paragraphs with no-break spaces
TAIL_MARKERS = [
    re.compile(r"\s(?=سمات\s)"),  # 3alyoum: tags glued to the last line
    re.compile(r"(?=مقالات أخرى للكاتب)"),  # aljazirah: the writer's other articles
    re.compile(r"(?=رابط الخبر بصحيفة الوئام)"),  # alweeam: link line
]
WAS_END = re.compile(r"^(?://\s*(?:انتهى|يتبع)\s*//|\d{1,2}:\d{2}\s*ت\s*م)$")
# The same tails on a line of their own (`مقالات أخرى للكاتب…`, `سمات …`, the link line), and
# sign-offs and back-links the Iranian agencies end a text with (`انتهای پیام/غ20`).
TAIL_LINES = re.compile(
    r"^(?:سمات\s|مقالات أخرى للكاتب|رابط الخبر بصحيفة الوئام|انتها[یي]\s+پ?[یي]ام|بازگشت\s+به\s+صفحه\s+نخست)"
)
WAS_TIME = re.compile(r"^(\d{1,2}):(\d{2})\s*ت\s*م$")
DATELINE = re.compile(r"الموافق\s+(\d{1,2})\s+(\S+)\s+(\d{4})")
_MONTHS_AR = "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر"
MONTHS_AR = dict(zip(_MONTHS_AR.split(), range(1, 13), strict=True))


def _clean(line: str) -> str:
    return SPACES.sub(" ", line).strip()


def _split_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body and the tail the outlet glued after it (tags, other articles, link line, sign-off)."""
    tail: list[str] = []
    while lines and (WAS_END.match(lines[-1]) or TAIL_LINES.match(lines[-1])):
        tail.insert(0, lines.pop())
    if lines:
        for marker in TAIL_MARKERS:
            parts = marker.split(lines[-1], maxsplit=1)
            if len(parts) == 2 and parts[0].strip():
                lines[-1] = parts[0].strip()
                tail.insert(0, parts[1].strip())
                break
    return lines, tail


def _was_date(body: list[str], fallback: dt.date) -> dt.date:
    found = DATELINE.search(body[0].replace("أ", "ا").replace("إ", "ا")) if body else None
    if found and found[2] in MONTHS_AR:
        return dt.date(int(found[3]), MONTHS_AR[found[2]], int(found[1]))
    return fallback


def saudi_articles(src: Sources, outlets: tuple[str, ...] = SAUDI_OUTLETS) -> Iterator[Article]:
    for name in src.ls(SAUDI, "dataset"):
        archive = zipfile.ZipFile(io.BytesIO(src.show(SAUDI, name)))
        for member in archive.namelist():
            for item in json.loads(archive.read(member)):
                article = _saudi_article(item, f"{SAUDI.repo}:{name}", outlets)
                if article:
                    yield article


def _saudi_article(item: dict, where: str, outlets: tuple[str, ...] = SAUDI_OUTLETS) -> Article | None:
    if item["source"] not in outlets:
        return None
    if item["date_extracted"] < "2015-08-01" and item["source"] not in FRESH5_SAUDI:
        return None
    lines = [_clean(line) for line in NBSP_BREAK.split(item["content"])]
    body, tail = _split_tail([line for line in lines if line])
    title = _clean(item["title"])
    if not title or len(body) < 2 or sum(len(line.split()) for line in body) < 60 or "إضافة" in title:
        return None
    stamp = dt.datetime.strptime(item["date_extracted"], "%Y-%m-%d %H:%M:%S")
    date, time = stamp.date(), stamp.strftime("%H:%M")
    if item["source"] == "was":
        date = _was_date(body, date)
        found = next((WAS_TIME.match(line) for line in tail if WAS_TIME.match(line)), None)
        time = f"{int(found[1]):02d}:{found[2]}" if found else None
        title = re.sub(r"^\S+\s*/\s*", "", title)  # "عام / …": the agency's section
    return Article(item["source"], "ar", title, body, item["url"], where, date, time, _clean(item["author"]), tail)


def fars_articles(src: Sources) -> Iterator[Article]:
    path = "exploring-datasets/news/fars-news-2.json"
    for item in json.loads(src.show(IR_COURSE, path)):
        body, tail = _split_tail([_clean(p) for p in [item["abstract"], *item["paragraphs"]] if _clean(p)])
        date = _fars_date(item["link"])
        if _clean(item["title"]) and len(body) >= 2 and date:
            yield Article(
                "fars", "fa", _clean(item["title"]), body, item["link"], f"{IR_COURSE.repo}:{path}", date,
                tags=item.get("tags") or [], tail=tail,
            )  # fmt: skip


def _fars_date(link: str) -> dt.date | None:
    """Fars news numbers start with the Solar Hijri date: 8707060255 (1387/07/06), 13911222000122."""
    number = re.search(r"/news/(\d+)", link)
    if not number:
        return None
    digits = number[1]
    year, rest = (1300 + int(digits[:2]), digits[2:]) if len(digits) == 10 else (int(digits[:4]), digits[4:])
    try:
        return JalaliDate(year, int(rest[:2]), int(rest[2:4])).to_gregorian()
    except ValueError:
        return None


def varzesh3_articles(src: Sources) -> Iterator[Article]:
    path = "exploring-datasets/sports/varzesh3-1.json"
    for item in json.loads(src.show(IR_COURSE, path)):
        body, tail = _split_tail([_clean(p) for p in [item["abstract"], *item["paragraphs"]] if _clean(p)])
        if _clean(item["title"]) and len(body) >= 2:
            yield Article(
                "varzesh3", "fa", _clean(item["title"]), body, item["link"], f"{IR_COURSE.repo}:{path}",
                tags=item.get("tags") or [], tail=tail,
            )  # fmt: skip


def namnak_articles(src: Sources) -> Iterator[Article]:
    """Fifth round: Namnak, an Iranian online magazine (no dates)."""
    path = "exploring-datasets/health/namnak-5.json"
    for item in json.loads(src.show(IR_COURSE, path)):
        body, tail = _split_tail([_clean(p) for p in [item["abstract"], *item["paragraphs"]] if _clean(p)])
        if _clean(item["title"]) and len(body) >= 2 and sum(len(p.split()) for p in body) >= 60:
            yield Article(
                "namnak", "fa", _clean(item["title"]), body, item["link"], f"{IR_COURSE.repo}:{path}",
                tags=item.get("tags") or [], tail=tail,
            )  # fmt: skip


def farsi_news_articles(src: Sources, outlet: str) -> Iterator[Article]:
    path = f"farsi_news/{outlet}.json"
    for item in json.loads(src.show(FARSI, path)):
        body = [_clean(p) for p in item["summary"].split("\n") if _clean(p)]
        if _clean(item["title"]) and body:
            tags = [t for t in item.get("tags") or [] if ">" not in t and t != "بایگانی"]
            yield Article(outlet, "fa", _clean(item["title"]), body, item["link"], f"{FARSI.repo}:{path}", tags=tags)


def bbc_articles(src: Sources) -> Iterator[Article]:
    for path in src.ls(BBC, "out_Aug2017"):
        if not re.search(r"-\d+\.txt$", path):
            continue  # section pages, not articles
        raw = src.show(BBC, path).decode("utf-8")
        lines = [line.strip() for line in raw.split("\n")]
        body = [line for line in lines[2:] if line and line != "None"]
        if lines[0].endswith(" - BBC Arabic") and len(body) >= 3:
            title = lines[0].removesuffix(" - BBC Arabic").strip()
            url = "http://www.bbc.com/arabic/" + Path(path).stem
            yield Article("bbc_arabic", "ar", title, body, url, f"{BBC.repo}:{path}", raw=raw, date_scored=False)


IR_NEWS_OUTLETS = {"asriran_1_data": "asriran", "asriran_2_data": "asriran", "tabnak_data": "tabnak"}
IR_NEWS_OUTLETS |= {"roozno_data": "roozno", "mashregh": "mashregh"}
IR_NEWS_OUTLETS |= {"sobhane1": "sobhaneh", "sobhane2": "sobhaneh"}  # fifth round: titles from the link


def _slug_title(link: str) -> str:
    """Sobhaneh's titles are `nan`; its links end with the title, hyphens for spaces."""
    slug = urllib.parse.unquote(link.rstrip("/").rsplit("/", 1)[-1])
    return _clean(slug.replace("-", " "))


SENTENCES_PER_PARAGRAPH = 3


def ir_news_articles(src: Sources) -> Iterator[Article]:
    """IR-News-Dataset: one file per report, a `###` header line (agency, title, link, category,
    date, id, tags), a summary line, then one numbered sentence a line (paragraphs are not kept:
    every three sentences make one)."""
    for path in src.ls(IR_NEWS, "Dataset"):
        lines = src.show(IR_NEWS, path).decode("utf-8").split("\n")
        head = lines[0].split("###")
        outlet = IR_NEWS_OUTLETS.get(head[0].strip())
        if outlet is None or len(head) < 7:
            continue
        title = _slug_title(head[2]) if outlet == "sobhaneh" else _clean(head[1])
        if title in ("", "nan") or re.fullmatch(r"[\d\s]+", title):
            continue
        sentences = [_clean(line.split("\t", 1)[-1]) for line in lines[2:] if "\t" in line]
        sentences, tail = _split_tail([s for s in sentences if s])
        if len(sentences) < 4 or sum(len(s.split()) for s in sentences) < 60:
            continue
        step = SENTENCES_PER_PARAGRAPH
        body = [" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step)]
        stamp = dt.datetime.strptime(head[4].strip(), "%Y-%m-%d %H:%M:%S")
        tags = re.findall(r"'([^']+)'", head[6])
        yield Article(
            outlet, "fa", title, body, head[2].strip(), f"{IR_NEWS.repo}:{path}", stamp.date(),
            stamp.strftime("%H:%M"), tail=tail, tags=tags,
        )  # fmt: skip


def all_articles(src: Sources) -> dict[str, list[Article]]:
    found: dict[str, list[Article]] = {}
    loaders: list[Callable[[], Iterator[Article]]] = [
        lambda: saudi_articles(src, (*SAUDI_OUTLETS, *FRESH_SAUDI, *FRESH5_SAUDI)),
        lambda: fars_articles(src),
        lambda: varzesh3_articles(src),
        lambda: farsi_news_articles(src, "hamshahri"),
        lambda: farsi_news_articles(src, "radiofarda"),
        lambda: bbc_articles(src),
        lambda: ir_news_articles(src),
        lambda: namnak_articles(src),
    ]
    for load in loaders:
        for article in load():
            found.setdefault(article.outlet, []).append(article)
    return found


def _key(article: Article) -> str:
    return hashlib.sha256(article.url.encode("utf-8")).hexdigest()


def select(found: dict[str, list[Article]]) -> dict[str, list[Article]]:
    """The first PER_OUTLET articles of each outlet in SHA-256-of-URL order, one per URL and title."""
    chosen: dict[str, list[Article]] = {}
    for outlet, count in PER_OUTLET.items():
        seen: set[str] = set()
        for article in sorted(found.get(outlet, []), key=_key):
            if article.url in seen or article.title in seen:
                continue
            seen.update((article.url, article.title))
            chosen.setdefault(outlet, []).append(article)
            if len(chosen[outlet]) == count:
                break
    return chosen


# --- outlet profiles -------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    name: str  # as the outlet writes it
    country: str
    masthead: tuple[str, ...]
    menu: str
    suffix: tuple[str, ...]  # " | ", " - "
    dates: tuple[str, ...]  # date styles (DATE_STYLES)
    read_also: tuple[str, ...]
    footers: tuple[str, ...]
    lang: str = "ar"


AR_FOOTERS = (
    "حمّل تطبيق {name} على أندرويد وآيفون",
    "اشترك في النشرة البريدية لتصلك أهم الأخبار يومياً",
    "أضف تعليقك",
    "جميع الحقوق محفوظة © 2015 {masthead}",
    "تابعونا على تويتر وفيسبوك",
    "شارك الخبر: فيسبوك تويتر واتساب",
)
FA_FOOTERS = (
    "اپلیکیشن {name} را دانلود کنید",
    "عضویت در خبرنامه",
    "نظر شما",
    "کلیه حقوق این سایت متعلق به {masthead} است",
    "ما را در تلگرام دنبال کنید",
)
AR_MENU = "الرئيسية محليات سياسة اقتصاد رياضة ثقافة دوليات منوعات كتاب الرأي"
PROFILES: dict[str, Profile] = {
    "alriyadh": Profile(
        "الرياض", "Saudi Arabia", ("جريدة الرياض", "جريدة الرياض | يومية تصدر عن مؤسسة اليمامة الصحفية"),
        "الرئيسية | محليات | اقتصاد | دوليات | رياضة | ثقافة اليوم | حروف وأفكار", (" | ",),
        ("hijri_greg", "greg"), ("اقرأ أيضاً:", "أخبار ذات صلة"), AR_FOOTERS[2:5],
    ),
    "okaz": Profile(
        "عكاظ", "Saudi Arabia", ("صحيفة عكاظ", "عكاظ"), AR_MENU, (" - ", " | "),
        ("greg_time", "numeric"), ("اقرأ المزيد", "الأكثر قراءة"), AR_FOOTERS[:4],
    ),
    "sabq": Profile(
        "سبق", "Saudi Arabia", ("صحيفة سبق الإلكترونية",), "الرئيسية محليات سياسة اقتصاد رياضة تقنية سبق TV",
        (" - ",), ("hijri_greg_indic", "greg_time"), ("اقرأ أيضاً:", "مواضيع ذات صلة"), AR_FOOTERS[:3],
    ),
    "3alyoum": Profile(
        "عين اليوم", "Saudi Arabia", ("عين اليوم",), "الرئيسية أخبار محلية دولية اقتصاد رياضة منوعات",
        (" | ",), ("greg", "numeric"), ("إقرأ أيضاً:",), AR_FOOTERS[2:],
    ),
    "aljazirah": Profile(
        "الجزيرة", "Saudi Arabia", ("صحيفة الجزيرة", "الجزيرة | صحيفة يومية تصدر عن مؤسسة الجزيرة للصحافة"),
        AR_MENU, (" - ",), ("hijri_greg", "greg"), ("أخبار ذات صلة", "اقرأ المزيد"), AR_FOOTERS[3:],
    ),
    "alyaum": Profile(
        "اليوم", "Saudi Arabia", ("صحيفة اليوم",), "الرئيسية الوطن الاقتصاد الرياضة الرأي متابعات",
        (" | ",), ("greg_time", "hijri_greg"), ("الأكثر قراءة", "اقرأ أيضاً:"), AR_FOOTERS[:2],
    ),
    "aawsat": Profile(
        "الشرق الأوسط", "Saudi Arabia (London)", ("الشرق الأوسط", "الشرق الأوسط | صحيفة العرب الأولى"),
        "الرئيسية أخبار العالم العربي دوليات الاقتصاد الرياضة الثقافة يوميات الشرق", (" - ",),
        ("levant", "updated"), ("قد يعجبك أيضاً", "المزيد من الأخبار"), AR_FOOTERS[1:4],
    ),
    "aleqtisadiya": Profile(
        "الاقتصادية", "Saudi Arabia", ("الاقتصادية",), "الرئيسية الأسواق الطاقة عقارات مقالات الاقتصادية TV",
        (" | ",), ("numeric", "updated"), ("أخبار متعلقة", "قد يعجبك أيضاً"), AR_FOOTERS[3:],
    ),
    "alwatan": Profile(
        "الوطن", "Saudi Arabia", ("صحيفة الوطن", "الوطن أون لاين"), "الرئيسية محليات سياسة اقتصاد رياضة الرأي",
        (" - ",), ("hijri_greg_indic", "greg"), ("المزيد من الأخبار", "أخبار متعلقة"), AR_FOOTERS[:3],
    ),
    "almadina": Profile(
        "المدينة", "Saudi Arabia", ("صحيفة المدينة",), "الرئيسية محليات اقتصاد رياضة الرسالة الأربعاء",
        (" | ",), ("updated", "hijri_greg"), ("مواضيع ذات صلة", "المزيد من الأخبار"), AR_FOOTERS[2:5],
    ),
    "alweeam": Profile(
        "الوئام", "Saudi Arabia", ("صحيفة الوئام الإلكترونية",), "الرئيسية محليات دوليات اقتصاد رياضة منوعات",
        (" - ",), ("greg_time", "numeric"), ("قد يعجبك أيضاً",), AR_FOOTERS[:4],
    ),
    "was": Profile(
        "واس", "Saudi Arabia", ("وكالة الأنباء السعودية",), "الرئيسية عام اقتصادي رياضي ثقافي",
        (" - ",), ("none",), ("أخبار متعلقة",), (),
    ),
    "bbc_arabic": Profile("BBC Arabic", "United Kingdom", (), "", (), ("none",), (), ()),
    "fars": Profile(
        "خبرگزاری فارس", "Iran", ("خبرگزاری فارس", "خبرگزاری فارس | Fars News Agency"),
        "صفحه نخست سیاسی اقتصادی اجتماعی ورزشی فرهنگی بین‌الملل استان‌ها", (" | ", " - "),
        ("solar", "solar_numeric"), ("بیشتر بخوانید:", "اخبار مرتبط"), FA_FOOTERS[:4], "fa",
    ),
    "hamshahri": Profile(
        "همشهری آنلاین", "Iran", ("همشهری آنلاین",), "صفحه نخست سیاست اقتصاد جامعه شهر ورزش فرهنگ دانش",
        (" - ",), ("none",), ("مطالب مرتبط", "بیشتر بخوانید:"), FA_FOOTERS[1:], "fa",
    ),
    "varzesh3": Profile(
        "ورزش سه", "Iran", ("ورزش سه", "ورزش۳ | Varzesh3"), "فوتبال ایران فوتبال جهان کشتی والیبال بسکتبال ویدیو",
        (" - ",), ("none",), ("پربازدیدترین‌ها", "اخبار پیشنهادی"), FA_FOOTERS[:3], "fa",
    ),
    "radiofarda": Profile(
        "رادیو فردا", "Czech Republic (Prague)", ("رادیو فردا",), "ایران جهان اقتصاد فرهنگ و هنر ویدیو پادکست",
        (" | ",), ("none",), ("اخبار پیشنهادی", "پربازدیدترین‌ها"), FA_FOOTERS[2:], "fa",
    ),
    # Fourth round, fresh held-out outlets: the same vocabulary (menus, mastheads, labels,
    # date styles, footers), mixed differently; chosen before any of these files was read.
    "arriyadiyah": Profile(
        "الرياضية", "Saudi Arabia", ("صحيفة الرياضية", "الرياضية | أول صحيفة رياضية سعودية يومية"),
        "الرئيسية كرة القدم دوري المحترفين المنتخبات ألعاب أخرى رياضة عالمية", (" | ", " - "),
        ("levant", "greg_time", "hijri_greg_indic"), ("الأكثر قراءة", "أخبار متعلقة", "إقرأ أيضاً:"),
        (AR_FOOTERS[0], AR_FOOTERS[3], AR_FOOTERS[5]),
    ),
    "asriran": Profile(
        "عصر ایران", "Iran", ("عصر ایران", "عصر ایران | Asriran"),
        "صفحه نخست سیاسی اقتصادی اجتماعی بین‌الملل ورزشی فرهنگی", (" - ",),
        ("solar_time", "solar_numeric"), ("مطالب مرتبط", "پربازدیدترین‌ها"), FA_FOOTERS[:2], "fa",
    ),
    "tabnak": Profile(
        "تابناک", "Iran", ("تابناک", "تابناک | Tabnak"), "صفحه نخست سیاسی اقتصادی اجتماعی ورزشی فرهنگی استان‌ها",
        (" | ", " - "), ("solar_numeric", "solar"), ("بیشتر بخوانید:", "اخبار پیشنهادی"), FA_FOOTERS[1:4], "fa",
    ),
    "roozno": Profile(
        "روزنو", "Iran", ("روزنو",), "صفحه نخست سیاست اقتصاد جامعه ورزش فرهنگ", (" | ",),
        ("solar", "solar_time"), ("اخبار مرتبط", "پربازدیدترین‌ها"), FA_FOOTERS[2:], "fa",
    ),
    "mashregh": Profile(
        "مشرق نیوز", "Iran", ("مشرق نیوز", "مشرق نیوز | Mashregh News"), "صفحه نخست سیاسی جهان اقتصادی اجتماعی",
        (" - ",), ("solar_time", "solar"), ("اخبار پیشنهادی", "مطالب مرتبط"), (FA_FOOTERS[0], FA_FOOTERS[4]), "fa",
    ),
    # Fifth round, fresh held-out outlets: the recipe's vocabulary again, fixed before any of
    # these files was scored.
    "arreyadi": Profile(
        "الرياضي", "Saudi Arabia", ("صحيفة الرياضي", "الرياضي | صحيفة رياضية سعودية"),
        "الرئيسية الدوري السعودي المنتخب الأندية رياضة عالمية فيديو", (" - ", " | "),
        ("greg_time", "hijri_greg", "levant"), ("اقرأ المزيد", "مواضيع ذات صلة", "قد يعجبك أيضاً"),
        (AR_FOOTERS[1], AR_FOOTERS[2], AR_FOOTERS[4]),
    ),
    "sobhaneh": Profile(
        "صبحانه آنلاین", "Iran", ("صبحانه آنلاین", "صبحانه آنلاین | Sobhaneh Online"),
        "صفحه نخست نبض بازار اقتصادی سیاسی اجتماعی گوناگون", (" - ", " | "),
        ("solar_time", "solar_numeric"), ("پربازدیدترین‌ها", "بیشتر بخوانید:"), FA_FOOTERS[1:4], "fa",
    ),
    "namnak": Profile(
        "نمناک", "Iran", ("نمناک", "نمناک | مجله اینترنتی"), "صفحه نخست سلامت زیبایی آشپزی سرگرمی روانشناسی",
        (" | ",), ("none",), ("مطالب مرتبط", "اخبار پیشنهادی"), (FA_FOOTERS[0], FA_FOOTERS[2], FA_FOOTERS[4]), "fa",
    ),
}  # fmt: skip

# --- dates -----------------------------------------------------------------------------------

WEEKDAYS_AR = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
WEEKDAYS_FA = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
_GREG_AR = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
_LEVANT = "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
_HIJRI = "محرم|صفر|ربيع الأول|ربيع الثاني|جمادى الأولى|جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة"
_SOLAR = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند"
GREG_AR, LEVANT, HIJRI, SOLAR = _GREG_AR.split(), _LEVANT.split("|"), _HIJRI.split("|"), _SOLAR.split()
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def hijri(date: dt.date) -> tuple[int, int, int]:
    """The tabular Islamic calendar date (it can differ from Umm al-Qura by a day: context only)."""
    jd = date.toordinal() + 1721425
    days = jd - 1948440 + 10632
    cycle = (days - 1) // 10631
    days = days - 10631 * cycle + 354
    j = ((10985 - days) // 5316) * ((50 * days) // 17719) + (days // 5670) * ((43 * days) // 15238)
    days = days - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    month = (24 * days) // 709
    return 30 * cycle + j - 30, month, days - (709 * month) // 24


def _greg(date: dt.date) -> str:
    return f"{date.day} {GREG_AR[date.month - 1]} {date.year}"


def _hijri_text(date: dt.date) -> str:
    year, month, day = hijri(date)
    return f"{day} {HIJRI[month - 1]} {year} هـ"


def date_lines(style: str, date: dt.date, time: str | None, rng: random.Random) -> tuple[list[str], bool]:
    """The date line(s) of a style, and whether the time is shown."""
    weekday = WEEKDAYS_AR[date.weekday()]
    if style == "greg":
        return [f"{weekday} {_greg(date)}"], False
    if style == "greg_time" and time:
        return [f"نشر في: {weekday} {_greg(date)}، الساعة {time}"], True
    if style == "hijri_greg":
        return [f"{weekday} {_hijri_text(date)} - {_greg(date)} م"], False
    if style == "hijri_greg_indic":
        return [f"نُشر بتاريخ {_hijri_text(date)} الموافق {_greg(date)} م".translate(INDIC)], False
    if style == "levant":
        return [f"{weekday} - {date.day} {LEVANT[date.month - 1]} {date.year}"], False
    if style == "numeric":
        shown = f" {time}" if time and rng.random() < 0.5 else ""
        return [f"{date:%Y/%m/%d}{shown}"], bool(shown)
    if style == "updated":
        later = date + dt.timedelta(days=rng.randint(0, 2))
        return [f"تاريخ النشر: {_greg(date)}", f"آخر تحديث: {_greg(later)} 10:15"], False
    if style in ("solar", "solar_numeric", "solar_time"):
        jalali = JalaliDate(date)
        shown = style == "solar_time" and bool(time)
        if style == "solar_numeric":
            text = f"تاریخ انتشار: {jalali.year}/{jalali.month:02d}/{jalali.day:02d}"
        else:
            text = f"{WEEKDAYS_FA[date.weekday()]} {jalali.day} {SOLAR[jalali.month - 1]} {jalali.year}"
        if shown:
            text += f" - ساعت {time}"
        return [text.translate(PERSIAN)], shown
    return [], False


# --- layout ----------------------------------------------------------------------------------


@dataclass
class Page:
    before: list[str] = field(default_factory=list)  # chrome above the headline
    headline: list[str] = field(default_factory=list)
    after_headline: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    appended: list[str] = field(default_factory=list)
    layout: dict[str, object] = field(default_factory=dict)
    outlet_shown: bool = False
    time_shown: bool = False
    date_shown: bool = False


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _chrome(page: Page, profile: Profile, rng: random.Random) -> None:
    if profile.menu and _chance(rng, 0.5):
        page.before.append(profile.menu)
        page.layout["menu"] = True
    if profile.masthead and _chance(rng, 0.4):
        page.before.append(rng.choice(profile.masthead))
        page.layout["masthead"] = True
        page.outlet_shown = True


def _dates(page: Page, article: Article, profile: Profile, rng: random.Random) -> None:
    style = rng.choice(profile.dates) if article.date else "none"
    position = rng.choice(("above", "below", "below", "none")) if style != "none" else "none"
    if position == "none":
        return
    lines, page.time_shown = date_lines(style, article.date, article.time, rng)
    page.layout["date"] = f"{style}:{position}"
    page.date_shown = bool(lines)
    (page.before if position == "above" else page.after_headline).extend(lines)


def _headline(page: Page, article: Article, profile: Profile, rng: random.Random) -> None:
    title = article.title
    words = title.split()
    if profile.suffix and _chance(rng, 0.4):
        title = f"{title}{rng.choice(profile.suffix)}{profile.name}"
        page.layout["suffix"] = True
        page.outlet_shown = True
        page.headline = [title]
    elif len(words) >= 8 and _chance(rng, 0.08):
        cut = len(words) // 2
        page.headline = [" ".join(words[:cut]), " ".join(words[cut:])]
        page.layout["two_line_headline"] = True
    else:
        page.headline = [title]


def _byline(page: Page, article: Article, profile: Profile, rng: random.Random) -> None:
    author = article.author
    if author and profile.lang == "ar" and not article.body[0].startswith(author) and _chance(rng, 0.3):
        page.after_headline.append(rng.choice((author, f"بقلم: {author}")))
        page.layout["byline"] = True
    if _chance(rng, 0.15):
        words = "مشاركة طباعة حجم الخط" if profile.lang == "ar" else "اشتراک گذاری چاپ اندازه متن"
        page.after_headline.append(words)
        page.layout["share_words"] = True


def _appended(page: Page, article: Article, profile: Profile, rng: random.Random, others: list[str]) -> None:
    page.appended.extend(article.tail)
    if others and profile.read_also and _chance(rng, 0.55):
        titles = rng.sample(others, k=min(len(others), rng.randint(2, 5)))
        if _chance(rng, 0.8):
            label = rng.choice(profile.read_also)
            page.appended.append(label)
            page.layout["read_also"] = label
        else:
            page.layout["read_also"] = "unlabelled"
        page.appended.extend(titles)
    tags = article.tags or [w for w in re.findall(r"[^\W\d_]{5,}", article.title)][:3]
    if tags and _chance(rng, 0.25):
        page.appended.append(" ".join("#" + t.replace(" ", "_") for t in tags[:4]))
        page.layout["hashtags"] = True
    if profile.footers and _chance(rng, 0.4):
        for footer in rng.sample(profile.footers, k=min(2, len(profile.footers))):
            masthead = profile.masthead[0] if profile.masthead else profile.name
            page.appended.append(footer.format(name=profile.name, masthead=masthead))
            page.outlet_shown = page.outlet_shown or "{" in footer
        page.layout["footer"] = True


def _source_line(page: Page, profile: Profile, rng: random.Random) -> None:
    if _chance(rng, 0.1):
        page.appended.insert(0, f"{'المصدر' if profile.lang == 'ar' else 'منبع'}: {profile.name}")
        page.layout["source_line"] = True
        page.outlet_shown = True


def to_arabic_letters(text: str) -> str:
    """Persian typed with Arabic yeh and kaf, as older Iranian archives are."""
    return text.replace("ی", "ي").replace("ک", "ك")


def lay_out(article: Article, others: list[str]) -> tuple[str, Page]:
    profile = PROFILES[article.outlet]
    rng = random.Random(int(_key(article)[:16], 16))
    page = Page(body=list(article.body))
    _chrome(page, profile, rng)
    _dates(page, article, profile, rng)
    _headline(page, article, profile, rng)
    _byline(page, article, profile, rng)
    _appended(page, article, profile, rng, others)
    _source_line(page, profile, rng)
    blank = _chance(rng, 0.7)
    page.layout["blank_after_headline"] = blank
    parts = [*page.before, *page.headline, *page.after_headline]
    head = "\n".join(parts) + ("\n\n" if blank else "\n")
    separator = "\n\n" if _chance(rng, 0.6) else "\n"
    text = head + separator.join(page.body) + "\n\n" + "\n".join(page.appended) + "\n"
    if profile.lang == "fa" and article.outlet != "fars" and _chance(rng, 0.3):
        text = to_arabic_letters(text)
        page.layout["arabic_yeh_kaf"] = True
    return text, page


def _in_text(article: Article) -> bool:
    """The outlet named by the text itself (byline lead, attribution, link line)."""
    names = {"fars": "فارس", "varzesh3": "ورزش سه", "3alyoum": "عين اليوم", "sabq": "سبق", "was": "واس"}
    names |= {"asriran": "عصر ایران", "tabnak": "تابناک", "roozno": "روزنو", "mashregh": "مشرق"}
    names |= {"sobhaneh": "صبحانه", "namnak": "نمناک"}
    name = names.get(article.outlet)
    lead = " ".join(article.body[:2])
    return bool(name and name in lead) or any("الوئام" in line for line in article.tail)


def truth_record(name: str, article: Article, page: Page, text: str) -> dict:
    profile = PROFILES[article.outlet]
    raw = article.raw is not None
    body_last = article.body[-1]
    if page.layout.get("arabic_yeh_kaf"):
        body_last = to_arabic_letters(body_last)
    return {
        "file": name,
        "outlet": article.outlet,
        "outlet_name": profile.name,
        "country": profile.country,
        "lang": article.lang,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "date_shown": page.date_shown or (article.outlet == "was"),
        "date_scored": article.date_scored,
        "time": article.time if (page.time_shown or article.outlet == "was") else None,
        "outlet_shown": raw or page.outlet_shown or _in_text(article),
        "body_last": body_last,
        "appended": page.appended,
        "layout": {"as_crawled": True} if raw else page.layout,
        "url": article.url,
        "source": article.source,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }


def build(src: Sources, out: Path) -> list[dict]:
    chosen = select(all_articles(src))
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for outlet, articles in chosen.items():
        titles = [a.title for a in articles]
        for index, article in enumerate(articles):
            others = [t for t in titles if t != article.title][index % 7 :: 7]
            text, page = (article.raw, Page(outlet_shown=True)) if article.raw else lay_out(article, others)
            name = f"{outlet}/{index:03d}_{_key(article)[:16]}.txt"
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(text, encoding="utf-8")
            records.append(truth_record(name, article, page, text))
    with (out / "truth.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    (out / "SOURCES.json").write_text(
        json.dumps([asdict(s) for s in SOURCES], indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, required=True, help="folder with a git clone of each source repo")
    parser.add_argument("--out", type=Path, default=Path("/work/corpus-real/corpus"))
    args = parser.parse_args()
    records = build(Sources(args.sources), args.out)
    counts: dict[str, int] = {}
    for record in records:
        counts[record["outlet"]] = counts.get(record["outlet"], 0) + 1
    print(f"{len(records)} files in {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
