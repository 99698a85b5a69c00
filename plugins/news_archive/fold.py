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


def remove_and_map(text: str) -> str:
    return text.translate(_table())


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


def _strip(token: str, rules: list[dict], at_start: bool) -> str:
    for rule in rules:  # the spec lists longer affixes first
        affix, rest = rule["affix"], len(token) - len(rule["affix"])
        hit = token.startswith(affix) if at_start else token.endswith(affix)
        if hit and rest >= rule["min_rest"]:
            return token[len(affix) :] if at_start else token[:rest]
    return token


def stem(token: str) -> str:
    """Light stem of a folded token: one proclitic, then one suffix (data/fold_spec.json)."""
    affixes = spec()["affixes"]
    return _strip(_strip(token, affixes["prefixes"], True), affixes["suffixes"], False)


def terms(token: str) -> list[str]:
    """What one folded token is indexed and searched as: itself, then its stem if different."""
    light = stem(token)
    return [token] if light == token else [token, light]
