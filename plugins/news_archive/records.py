"""Structured seeds: `.json`, `.jsonl` and `.csv` files of records, as scrapers write them
(news-please, trafilatura, newspaper4k). Pure: no Pelican, no I/O.

Each record becomes one article. Its metadata is kept as given, never inferred from the text:

    title                                   -> the headline (none: derived from the opening words)
    date_publish, publish_date, date        -> the date (and the time and zone written with it);
                                               date_modify and date_download are not the date
    sitename, source_domain                 -> the outlet
    url                                     -> the original web address (http or https)
    authors, author                         -> the authors (a list, or names separated by ; or ,)
    language                                -> ar or fa when given so (ar-SA, fa_IR …); else detected
    keywords, tags                          -> keywords
    maintext, text                          -> the text, cleaned as a text seed's body is
                                               (seedparse.parse_body); served as articles/<id>.txt
    id                                      -> the id (ids.record_id); description and other
                                               fields are not read

A JSON file holds a list of records, an object with the list under "articles", "records" or
"items", or one record. A JSONL file holds one record per line; a CSV file a header row naming
the fields and one record per row. A record that cannot be an article (not an object, no text,
bad JSON on its line, a row of the wrong width, a date that is not one …) is refused with its
number, and the file's other records are still read; a file that cannot be read at all (not
JSON, no header, no record) raises RecordsError.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .clean import clean_text, truncate
from .dates import date_problem, parse_date, parse_time
from .decode import decode
from .ids import record_id, sha256
from .inputs import STRUCTURED_SUFFIXES as SUFFIXES
from .lang import detect_language
from .seedparse import WORDS_PER_MINUTE, SeedError, SeedRecord, derive_title, parse_body

LIST_KEYS = ("articles", "records", "items")
TEXT_FIELDS = ("maintext", "text")
TITLE_FIELDS = ("title",)
DATE_FIELDS = ("date_publish", "publish_date", "date")
OUTLET_FIELDS = ("sitename", "source_domain")
URL_FIELDS = ("url",)
AUTHOR_FIELDS = ("authors", "author")
KEYWORD_FIELDS = ("keywords", "tags")
LANGUAGES = {"ar": "ar", "ara": "ar", "arb": "ar", "fa": "fa", "fas": "fa", "per": "fa", "pes": "fa"}
FIELD_MAX = 2000  # characters of a metadata value (title, outlet, url, an author, id, date)
URL = re.compile(r"https?://\S+", re.IGNORECASE)
NAME_SEPARATORS = re.compile(r"\s*[;،,|]\s*")
CSV_DELIMITERS = ",;\t"
CSV_FIELD_LIMIT = 2**31 - 1  # the csv module's default (128 KiB) is shorter than many articles


class RecordsError(ValueError):
    """The file as a whole cannot be read as records (the message says why)."""


class RecordError(ValueError):
    """One record cannot become an article (the message says why)."""


@dataclass(frozen=True)
class RecordRefused:
    number: int  # 1-based: element of a JSON list, line of a JSONL file, row under a CSV header
    reason: str


@dataclass(frozen=True)
class RecordArticle:
    number: int
    article_id: str
    original: bytes  # the record's own text as UTF-8: served as articles/<id>.txt
    sha256: str  # of `original`
    record: SeedRecord
    url: str | None
    authors: tuple[str, ...]
    truncated: bool
    warnings: tuple[str, ...]


# --- splitting a file into records ---------------------------------------------------------


def _kind(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "number")


def _json_records(text: str) -> list[tuple[int, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        hint = ""
        if error.msg == "Extra data" and error.colno == 1:
            hint = " (one JSON value per line is a JSON Lines file: name it .jsonl)"
        raise RecordsError(f"not valid JSON: line {error.lineno} column {error.colno}: {error.msg}{hint}") from None
    except (ValueError, RecursionError) as error:  # a number of thousands of digits, nesting too deep
        raise RecordsError(f"not JSON that can be read: {str(error)[:120] or 'nested too deeply'}") from None
    if isinstance(data, dict):
        held = next((data[key] for key in LIST_KEYS if isinstance(data.get(key), list)), None)
        data = held if held is not None else [data]  # one record (news-please writes one file per article)
    if not isinstance(data, list):
        raise RecordsError(
            f"a JSON {_kind(data)}, not a list of records, an object with the list under "
            f"{', '.join(repr(k) for k in LIST_KEYS)}, or one record"
        )
    return list(enumerate(data, 1))


def _jsonl_records(text: str) -> Iterator[tuple[int, object]]:
    # only "\n" ends a line: U+2028 and other line separators may stand inside a JSON string
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, RecordError(f"not valid JSON (column {error.colno}: {error.msg})")
        except (ValueError, RecursionError) as error:
            yield number, RecordError(f"not JSON that can be read ({str(error)[:120] or 'nested too deeply'})")


def _csv_records(text: str) -> Iterator[tuple[int, object]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count) if any(d in first_line for d in CSV_DELIMITERS) else ","
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header: list[str] | None = None
        number = 0
        line = 1
        try:
            for row in rows:
                start, line = line, rows.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if header is None:
                    header = [cell.strip().lower() for cell in row]
                    if not any(name in header for name in TEXT_FIELDS):
                        raise RecordsError(
                            f"the header row ({', '.join(header)[:200]}) names no text column "
                            f"({' or '.join(TEXT_FIELDS)})"
                        )
                    continue
                number += 1
                if len(row) != len(header):
                    yield number, RecordError(f"line {start}: {len(row)} fields where the header has {len(header)}")
                    continue
                record: dict[str, str] = {}
                for name, cell in zip(header, row, strict=True):
                    if name:
                        record.setdefault(name, cell)  # a column named twice: the first
                yield number, record
        except csv.Error as error:
            yield number + 1, RecordError(f"line {line}: not valid CSV ({error}); the rest of the file is not read")
    finally:
        csv.field_size_limit(previous)


# --- one record ----------------------------------------------------------------------------


def _fields(raw: object) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise RecordError(f"not an object but a JSON {_kind(raw)}")
    fields: dict[str, object] = {}
    for key, value in raw.items():
        fields.setdefault(str(key).strip().lower(), value)
    return fields


def _unicode(name: str, value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise RecordError(f"{name} is not valid Unicode (a lone surrogate at character {error.start})") from None
    return value


def _first(fields: dict[str, object], names: tuple[str, ...]) -> tuple[str, str] | None:
    """(field name, value) of the first of `names` given as non-blank text; an error when one is
    given as something else (a number, a list …)."""
    for name in names:
        value = fields.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise RecordError(f"{name} is not text but a JSON {_kind(value)}")
        if value.strip():
            return name, _unicode(name, value)
    return None


def _line(name: str, value: str) -> str:
    """A metadata value on one line: cleaned like the text, spaces collapsed, not too long."""
    text = " ".join(clean_text(value).split())
    if len(text) > FIELD_MAX:
        raise RecordError(f"{name} is {len(text):,} characters long (at most {FIELD_MAX:,})")
    return text


def _names(name: str, value: object) -> tuple[str, ...]:
    """Names given as a list, as one string separated by ; , ، or |, or as a list written out
    in a CSV cell (`['a', 'b']`)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        inner = value.strip()
        if inner.startswith("[") and inner.endswith("]"):
            inner = inner[1:-1]
        items: list[object] = [x.strip().strip("'\"") for x in NAME_SEPARATORS.split(inner)]
    elif isinstance(value, list):
        items = value
    else:
        raise RecordError(f"{name} is not text or a list of text but a JSON {_kind(value)}")
    names: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise RecordError(f"{name} holds a JSON {_kind(item)}, not text")
        text = _line(name, _unicode(name, item))
        if text and text not in names:
            names.append(text)
    return tuple(names)


def _given_id(fields: dict[str, object]) -> str | None:
    value = fields.get("id")
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise RecordError(f"id is not text or a whole number but a JSON {_kind(value)}")
    return _line("id", _unicode("id", value)) or None


def _url(fields: dict[str, object]) -> str | None:
    found = _first(fields, URL_FIELDS)
    if found is None:
        return None
    url = _line(*found)
    if not URL.fullmatch(url):
        raise RecordError(f"url is not an http(s) address: {url[:80]!r}")
    return url


def _language(fields: dict[str, object]) -> tuple[str | None, str | None]:
    """(ar or fa when the record says so, the value given when it says something else)."""
    found = _first(fields, ("language",))
    if found is None:
        return None, None
    given = _line(*found)
    code = re.split(r"[-_\s]", given.lower(), maxsplit=1)[0]
    return LANGUAGES.get(code), (None if code in LANGUAGES else given)


def _article(number: int, raw: object, max_bytes: int, file_warnings: tuple[str, ...]) -> RecordArticle:
    fields = _fields(raw)
    found = _first(fields, TEXT_FIELDS)
    if found is None:
        raise RecordError(f"no text ({'/'.join(TEXT_FIELDS)})")
    original = found[1].encode("utf-8")
    warnings = list(file_warnings)
    text, truncated = truncate(clean_text(found[1]), max_bytes)
    if truncated:
        warnings.append(f"text larger than {max_bytes} bytes: only the first part is built, marked as truncated")
    try:
        body = parse_body(text)
    except SeedError as error:
        raise RecordError(str(error)) from None
    title_found = _first(fields, TITLE_FIELDS)
    title = _line(*title_found) if title_found else ""
    date = time = None
    if date_found := _first(fields, DATE_FIELDS):
        name, value = date_found
        written = _line(name, value)
        date = parse_date(written)
        if date is None:
            problem = date_problem(written)
            raise RecordError(f"{name} {written[:80]!r} is not a date" + (f" ({problem})" if problem else ""))
        time = parse_time(written)
    outlet_found = _first(fields, OUTLET_FIELDS)
    outlet = _line(*outlet_found) if outlet_found else None
    url = _url(fields)
    authors = next((_names(n, fields[n]) for n in AUTHOR_FIELDS if fields.get(n) not in (None, "")), ())
    keywords = next((_names(n, fields[n]) for n in KEYWORD_FIELDS if fields.get(n) not in (None, "")), ())
    given_lang, other_lang = _language(fields)
    detected = detect_language(f"{title}\n" + "\n".join(body.paragraphs))
    if detected is None:
        raise RecordError("no Arabic or Persian text found in the article body")
    if other_lang:
        warnings.append(f"language {other_lang!r} is neither ar nor fa: read from the text as {detected}")
    ident = record_id(_given_id(fields), url, original)
    record = SeedRecord(
        title=title or derive_title(body.paragraphs[0]),
        title_derived=not title,
        date=date,
        outlet=outlet or None,
        keywords=keywords,
        lang=given_lang or detected,
        paragraphs=body.paragraphs,
        appended=body.appended,
        removed=body.removed,
        body_end_line=body.body_end_line,
        words=body.words,
        reading_minutes=max(1, math.ceil(body.words / WORDS_PER_MINUTE)),
        warnings=body.warnings,
        time=time.time if time else None,
        timezone=time.timezone if time else None,
    )
    warnings += [f"text {w}" if w.startswith("line ") else w for w in body.warnings]  # a line of the text
    return RecordArticle(number, ident, original, sha256(original), record, url, authors, truncated, tuple(warnings))


def read_records(suffix: str, data: bytes, max_bytes: int) -> list[RecordArticle | RecordRefused]:
    """Every record of a structured seed (`suffix`: .json, .jsonl or .csv), in file order, as an
    article or as a refusal with its number. Raises RecordsError (or decode.DecodeError) when the
    file cannot be read at all, or holds no record."""
    decoded = decode(data)
    notes: list[str] = []
    if decoded.cut_at is not None:
        notes.append(f"ends in the middle of a character: bytes from offset {decoded.cut_at} dropped")
    if decoded.guessed:
        notes.append(f"not UTF-8: decoded as {decoded.encoding} (guessed from the letters it gives)")
    if not decoded.text.strip():
        raise RecordsError("the file is empty (no records)")
    split = {".json": _json_records, ".jsonl": _jsonl_records, ".csv": _csv_records}.get(suffix.lower())
    if split is None:
        raise RecordsError(f"not a structured seed ({', '.join(SUFFIXES)}): {suffix}")
    results: list[RecordArticle | RecordRefused] = []
    for number, raw in split(decoded.text):
        try:
            if isinstance(raw, RecordError):
                raise raw
            results.append(_article(number, raw, max_bytes, tuple(notes)))
        except RecordError as error:
            results.append(RecordRefused(number, str(error)))
    if not results:
        raise RecordsError("no records in the file")
    return results
