"""Text folding for search and similarity: one spec (data/fold_spec.json), shared with the browser.

Folding is never used for display. `fold` takes the steps in the order the spec gives
(normalize, remove and map, lowercase, renormalize). `tokens` splits folded text into runs of
letters and digits. Both run on every line and text of the archive, several times: each step
is done with as few scans of the text as it takes (tests/test_fold_parity.py holds them to the
plain definitions).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

SPEC_PATH = Path(__file__).parent / "data" / "fold_spec.json"

# Python's \w also matches "_" (and JS's \w only ASCII): [^\W_] is exactly letters + numbers,
# the same set as JS /[\p{L}\p{N}]+/u.
_TOKEN = re.compile(r"[^\W_]+")


@cache
def spec() -> dict:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for span in spec()["remove"]:
        for cp in range(int(span["first"], 16), int(span["last"], 16) + 1):
            table[cp] = None
    for row in spec()["map"]:
        table[int(row["from"], 16)] = chr(int(row["to"], 16))
    return table


# A text this long is rewritten with one str.replace per character the table changes (a C
# scan each, the same result as str.translate when no character becomes another the table
# changes); a shorter one with a replace per character it holds, found by one regex scan.
CHAIN_MIN_CHARS = 1000
CHAIN_MAX_ENTRIES = 256  # a larger table (a long removal range) is never chained: too many scans


@cache
def _changes() -> tuple[re.Pattern[str], dict[str, str], tuple[tuple[str, str], ...] | None]:
    """The characters the table removes or maps, as one character class; what each becomes; and
    the table as a chain of replacements, None when replacing one character after another would
    not give str.translate's result (a character becomes one the table changes again)."""
    table = _table()
    pattern = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table)) + "]")
    changes = {chr(cp): to or "" for cp, to in table.items()}
    chain = None if any(to in changes for to in changes.values()) else tuple(sorted(changes.items()))
    return pattern, changes, chain


def remove_and_map(text: str) -> str:
    """text.translate(_table()), several times faster on Arabic and Persian text, where only a few
    characters in ten change (str.translate looks up every character)."""
    pattern, changes, chain = _changes()
    if chain is not None and len(chain) <= CHAIN_MAX_ENTRIES and len(text) >= CHAIN_MIN_CHARS:
        for char, to in chain:
            if char in text:
                text = text.replace(char, to)
        return text
    found = pattern.findall(text)
    if not found:
        return text
    if chain is None:
        return pattern.sub(lambda match: changes[match.group()], text)
    for char in set(found):
        text = text.replace(char, changes[char])
    return text


@cache
def _steps() -> tuple[str, bool, str]:
    """The spec's normalization form, whether it lowercases, and its renormalization form."""
    return spec()["normalize"], spec()["lowercase"], spec()["renormalize"]


def fold(text: str) -> str:
    """Fold text for matching: NFKC, drop marks and controls, unify letter forms and digits."""
    form, lower, reform = _steps()
    text = remove_and_map(unicodedata.normalize(form, text))
    return unicodedata.normalize(reform, text.lower() if lower else text)


def tokens(text: str) -> list[str]:
    """Folded tokens: runs of letters and digits after folding."""
    return _split(fold(text))


def line_tokens(lines: list[str]) -> list[list[str]]:
    """[tokens(line) for line in lines] (lines without line breaks), folded in one call: each
    step of folding changes a line the same way whether a line break comes before or after it
    (no character combines with a line break, none becomes one)."""
    folded = fold("\n".join(lines)).split("\n")
    if len(folded) != len(lines):  # a line break in a line: one line at a time
        return [tokens(line) for line in lines]
    return [_split(line) for line in folded]


def _split(folded: str) -> list[str]:
    # The same as _TOKEN.findall(folded), faster: no token spans a space, and most words
    # between spaces are whole tokens (str.isalnum is exactly [^\W_]).
    found: list[str] = []
    for word in folded.split():
        if word.isalnum():
            found.append(word)
        else:
            found += _TOKEN.findall(word)
    return found


@cache
def _affix_rules() -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """(affix, shortest rest) pairs, prefixes then suffixes, longer affixes first as listed."""
    affixes = spec()["affixes"]
    return tuple(
        tuple((rule["affix"], rule["min_rest"]) for rule in affixes[side]) for side in ("prefixes", "suffixes")
    )


@cache
def _affix_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """_affix_rules as two regexes, each an alternation in the rules' order (the first that
    matches wins, as the rules do): a prefix followed by its shortest rest; a lookahead per suffix,
    its rest before it, the suffix in its group."""
    prefixes, suffixes = _affix_rules()
    first = "|".join(f"{re.escape(affix)}(?=.{{{max(rest, 0)},}})" for affix, rest in prefixes)
    last = "|".join(f"(?=.{{{max(rest, 0)},}}({re.escape(affix)})\\Z)" for affix, rest in suffixes)
    return re.compile(f"(?s:{first or '(?!)'})"), re.compile(f"(?s:{last or '(?!)'})")


def stem(token: str) -> str:
    """Light stem of a folded token: one proclitic, then one suffix (data/fold_spec.json). It runs
    on every new word the tagger meets: two regex matches, not a loop over the rules."""
    prefix, suffix = _affix_patterns()
    found = prefix.match(token)
    if found:
        token = token[found.end() :]
    found = suffix.match(token)
    return token[: len(token) - len(found[found.lastindex])] if found else token


def terms(token: str) -> list[str]:
    """What one folded token is indexed and searched as: itself, then its stem if different."""
    light = stem(token)
    return [token] if light == token else [token, light]
