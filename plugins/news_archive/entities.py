"""Named entities (people, places, organisations) from a gazetteer (data/entities.json). Pure: no Pelican.

Each entity has display `names` (ar / fa / en) and `variants`: the spellings that count as a
mention in a text. Only variants are matched; names are labels (a name such as the outlet
"الأسبوع", "the week", would tag every text). Matching works on folded tokens (`fold.tokens`):
a variant of one or more tokens matches a run of consecutive text tokens where each text token

    equals the variant token                          بيسكوف   ~ بيسكوف
    or its light stem equals it                        لبوتين   ~ بوتين,  قرهباغي ~ قرهباغ
    or is the variant token behind one proclitic       وقره     ~ قره     (the stem keeps 3-letter words)

so a word that merely contains a variant (بيسكوفيتش) is not a mention. Overlapping matches of one
entity count once, the longest variant winning ("ناجورنو كاراباخ" is one mention of Karabakh);
matches of different entities may overlap ("ارتش روسیه" mentions the Russian army and Russia).

Matching knows no language. Arabic feminine adjectives fold to Persian country names
(روسية, and الروسية by its stem, = روسیه; تركية = ترکیه), so "قوات حفظ السلام الروسية" also
counts as a mention of Russia. Demonyms and adjectives are otherwise not variants.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .fold import spec, stem, tokens

GAZETTEER_PATH = Path(__file__).parent / "data" / "entities.json"
TYPES = ("person", "place", "organisation")
NAME_LANGS = ("ar", "fa", "en")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class GazetteerError(ValueError):
    """The gazetteer is malformed (the message names the entity and the problem)."""


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    names: dict[str, str]
    variants: tuple[str, ...]


# --- matching keys -------------------------------------------------------------------------


@cache
def _proclitics() -> tuple[str, ...]:
    return tuple(rule["affix"] for rule in spec()["affixes"]["prefixes"])


@lru_cache(maxsize=1 << 17)
def token_keys(token: str) -> frozenset[str]:
    """The variant tokens a folded text token can stand for: itself, its stem, itself minus a proclitic."""
    keys = {token, stem(token)}
    keys.update(token[len(p) :] for p in _proclitics() if token.startswith(p) and len(token) > len(p))
    return frozenset(keys)


def variant_tokens(variant: str) -> tuple[str, ...]:
    return tuple(tokens(variant))


# --- validation ----------------------------------------------------------------------------


def _label(index: int, raw: object) -> str:
    entity_id = raw.get("id") if isinstance(raw, dict) else None
    return f"entity {entity_id!r}" if isinstance(entity_id, str) and entity_id else f"entry #{index}"


def entity_from_json(index: int, raw: object) -> Entity:
    """One gazetteer entry, checked for shape; `index` (0-based) names entries without an id."""
    where = _label(index, raw)
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: not an object")
    missing = [key for key in ("id", "type", "names", "variants") if key not in raw]
    if missing:
        raise GazetteerError(f"{where}: missing {', '.join(missing)}")
    if not isinstance(raw["id"], str) or not ID_PATTERN.match(raw["id"]):
        raise GazetteerError(f"{where}: id must be lowercase ASCII letters, digits and '_'")
    names = raw["names"]
    if not isinstance(names, dict) or not all(isinstance(v, str) and v.strip() for v in names.values()):
        raise GazetteerError(f"{where}: names must map languages to non-empty strings")
    if absent := [lang for lang in NAME_LANGS if lang not in names]:
        raise GazetteerError(f"{where}: names lack {', '.join(absent)}")
    variants = raw["variants"]
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise GazetteerError(f"{where}: variants must be a list of strings")
    return Entity(raw["id"], raw["type"], dict(names), tuple(variants))


def check_entity(entity: Entity) -> list[tuple[str, ...]]:
    """An entity's folded variants (token tuples), after checking its type and variants."""
    where = f"entity {entity.id!r}"
    if entity.type not in TYPES:
        raise GazetteerError(f"{where}: unknown type {entity.type!r} (expected one of {', '.join(TYPES)})")
    if not entity.variants:
        raise GazetteerError(f"{where}: no variants")
    seen: dict[tuple[str, ...], str] = {}
    for variant in entity.variants:
        folded = variant_tokens(variant)
        if not folded:
            raise GazetteerError(f"{where}: variant {variant!r} has no letters")
        if folded in seen:
            raise GazetteerError(f"{where}: variant {variant!r} repeats {seen[folded]!r} after folding")
        seen[folded] = variant
    return list(seen)


# --- the gazetteer -------------------------------------------------------------------------


class Gazetteer:
    """Entities by id, with an index from each variant's first token to (variant tokens, entity id)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        self._owner: dict[tuple[str, ...], str] = {}
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entity in entities:
            self._add(entity)
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))  # longest first

    def _add(self, entity: Entity) -> None:
        if entity.id in self.entities:
            raise GazetteerError(f"entity {entity.id!r}: duplicate id")
        folded_variants = check_entity(entity)
        for folded in folded_variants:
            owner = self._owner.get(folded)
            if owner is not None:
                raise GazetteerError(
                    f"entity {entity.id!r}: variant {' '.join(folded)!r} (folded) is also a variant of {owner!r}"
                )
        self.entities[entity.id] = entity
        for folded in folded_variants:
            self._owner[folded] = entity.id
            self._index.setdefault(folded[0], []).append((folded, entity.id))

    def __len__(self) -> int:
        return len(self.entities)

    def mentions(self, text: str) -> Counter[str]:
        """Mention counts by entity id (see the module docstring for the matching rules)."""
        keys = [token_keys(token) for token in tokens(text)]
        counts: Counter[str] = Counter()
        covered: dict[str, int] = {}  # entity id -> end (exclusive) of its last counted run
        index = self._index
        for start, start_keys in enumerate(keys):
            if not any(key in index for key in start_keys):  # most tokens start no name
                continue
            longest = self._longest_at(keys, start, start_keys)
            for entity_id, end in longest.items():
                if start >= covered.get(entity_id, 0):
                    counts[entity_id] += 1
                covered[entity_id] = max(covered.get(entity_id, 0), end)
        return counts

    def _longest_at(self, keys: list[frozenset[str]], start: int, start_keys: frozenset[str]) -> dict[str, int]:
        """For each entity with a variant matching at `start`: the end of its longest such match."""
        longest: dict[str, int] = {}
        for key in start_keys:
            for folded, entity_id in self._index.get(key, ()):
                end = start + len(folded)
                if end <= longest.get(entity_id, 0) or end > len(keys):
                    continue
                if all(folded[offset] in keys[start + offset] for offset in range(1, len(folded))):
                    longest[entity_id] = end
        return longest

    def find(self, text: str) -> list[tuple[str, int]]:
        """Entity ids mentioned in `text` with their mention counts, by count (descending) then id."""
        return sorted(self.mentions(text).items(), key=lambda item: (-item[1], item[0]))

    def variant_terms(self, entity_id: str) -> list[str]:
        """Every folded token of the entity's names and variants, deduplicated and sorted (for the search index)."""
        entity = self.entities[entity_id]
        return sorted({token for text in (*entity.names.values(), *entity.variants) for token in tokens(text)})


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read and validate a gazetteer file (default: data/entities.json next to this module)."""
    path = path or GAZETTEER_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GazetteerError(f"{path.name}: not valid JSON ({error})") from error
    if not isinstance(raw, list):
        raise GazetteerError(f"{path.name}: expected a list of entities")
    return Gazetteer(entity_from_json(index, entry) for index, entry in enumerate(raw))
