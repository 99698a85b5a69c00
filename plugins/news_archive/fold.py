"""Text folding for search and similarity: one spec (data/fold_spec.json), shared with the browser.

Folding is never used for display. Each step is a small function; `fold` composes them in
the order the spec gives (normalize, remove and map, lowercase, renormalize).
`tokens` splits folded text into runs of letters and digits.
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


def normalize(text: str) -> str:
    return unicodedata.normalize(spec()["normalize"], text)


@cache
def _changes() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters the table removes or maps, as one character class, and what each becomes."""
    table = _table()
    pattern = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table)) + "]")
    return pattern, {chr(cp): to or "" for cp, to in table.items()}


def remove_and_map(text: str) -> str:
    # Same result as text.translate(_table()), several times faster on Arabic and Persian text,
    # where only a few characters in ten change (str.translate looks up every character).
    pattern, changes = _changes()
    return pattern.sub(lambda match: changes[match.group()], text)


def lowercase(text: str) -> str:
    return text.lower() if spec()["lowercase"] else text


def renormalize(text: str) -> str:
    return unicodedata.normalize(spec()["renormalize"], text)


def fold(text: str) -> str:
    """Fold text for matching: NFKC, drop marks and controls, unify letter forms and digits."""
    return renormalize(lowercase(remove_and_map(normalize(text))))


def tokens(text: str) -> list[str]:
    """Folded tokens: runs of letters and digits after folding."""
    return _TOKEN.findall(fold(text))


@cache
def _affix_rules() -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]:
    """(affix, shortest rest) pairs, prefixes then suffixes, longer affixes first as listed."""
    affixes = spec()["affixes"]
    return tuple(
        tuple((rule["affix"], rule["min_rest"]) for rule in affixes[side]) for side in ("prefixes", "suffixes")
    )


def stem(token: str) -> str:
    """Light stem of a folded token: one proclitic, then one suffix (data/fold_spec.json)."""
    prefixes, suffixes = _affix_rules()
    for affix, min_rest in prefixes:
        if len(token) - len(affix) >= min_rest and token.startswith(affix):
            token = token[len(affix) :]
            break
    for affix, min_rest in suffixes:
        if len(token) - len(affix) >= min_rest and token.endswith(affix):
            return token[: len(token) - len(affix)]
    return token


def terms(token: str) -> list[str]:
    """What one folded token is indexed and searched as: itself, then its stem if different."""
    light = stem(token)
    return [token] if light == token else [token, light]
