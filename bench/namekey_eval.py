"""Precision and recall of the name key (plugins/news_archive/namekey.py) on spelling pairs.

    .venv/bin/python -m bench.namekey_eval

Pairs come from the name authority's real spellings (data/entities.json, built from GeoNames,
CLDR, pycountry, rigour and the hand-made entries): two different one-word Arabic-script
spellings of the same entity (طهران / تهران, ترامب / ترمب, بيسكوف / پسکوف) are a variant pair;
one-word Arabic-script spellings of two different entities are a non-variant pair (all of them,
not a sample). Only one-word spellings are paired, so a shared word (جمهورية) never makes a
pair. A pair is joined when both spellings have the same key; the fold alone (what matching used
before) is the baseline. Recall = variant pairs joined / variant pairs; precision = variant pairs
joined / all pairs joined.

Then the same key on spellings from real reports (bench/data/name_pairs.json, judged by reading,
SaudiNewsNet 2015): 54 pairs that spell one name two ways (long vowels, ة/ه, hamza seats, the
article, the foreign g as ج or غ …) and 78 look-alike pairs of different names or words.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.fold import tokens  # noqa: E402
from news_archive.namekey import is_arabic_script, name_key  # noqa: E402

GAZETTEER = REPO / "plugins" / "news_archive" / "data" / "entities.json"
REAL_PAIRS = REPO / "bench" / "data" / "name_pairs.json"


def spellings() -> dict[str, set[str]]:
    """One-word Arabic-script spellings (folded) by entity id."""
    by_entity: dict[str, set[str]] = defaultdict(set)
    for entity in json.loads(GAZETTEER.read_text(encoding="utf-8")):
        for text in (*entity["names"].values(), *entity["variants"]):
            words = tokens(text)
            if len(words) == 1 and is_arabic_script(words[0]):
                by_entity[entity["id"]].add(words[0])
    return by_entity


def evaluate(key, by_entity: dict[str, set[str]]) -> dict[str, float | int]:
    variant_pairs = [pair for words in by_entity.values() for pair in combinations(sorted(words), 2)]
    variant_joined = sum(1 for a, b in variant_pairs if key(a) == key(b))
    owners: dict[str, set[str]] = defaultdict(set)  # key -> entities
    words_by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity_id, words in by_entity.items():
        for word in words:
            words_by_key[key(word)][entity_id].add(word)
            owners[key(word)].add(entity_id)
    false_joined = 0
    for per_entity in words_by_key.values():
        ids = sorted(per_entity)
        for a, b in combinations(ids, 2):
            # spellings of two entities that are the same word are not a "different names" pair
            pairs = [(x, y) for x in per_entity[a] for y in per_entity[b] if x != y]
            false_joined += len(pairs)
    joined = variant_joined + false_joined
    return {
        "variant pairs": len(variant_pairs),
        "variant pairs joined": variant_joined,
        "recall": round(variant_joined / len(variant_pairs), 3),
        "non-variant pairs joined": false_joined,
        "precision": round(variant_joined / joined, 3) if joined else 1.0,
    }


def real_pairs(key, path: Path = REAL_PAIRS) -> dict[str, float | int]:
    """Precision and recall of `key` on the hand-judged pairs of spellings from real reports
    (bench/data/name_pairs.json): variant pairs should be joined, look-alike pairs kept apart."""
    data = json.loads(path.read_text(encoding="utf-8"))

    def joined(pair: dict) -> bool:
        (a,), (b,) = tokens(pair["a"]), tokens(pair["b"])
        return key(a) == key(b)

    hits = [p for p in data["variant"] if joined(p)]
    false = [p for p in data["different"] if joined(p)]
    return {
        "variant pairs": len(data["variant"]),
        "joined": len(hits),
        "recall": round(len(hits) / len(data["variant"]), 3),
        "different pairs": len(data["different"]),
        "different joined": len(false),
        "precision": round(len(hits) / (len(hits) + len(false)), 3) if hits or false else 1.0,
        "missed": [f"{p['a']}/{p['b']}" for p in data["variant"] if not joined(p)],
        "false": [f"{p['a']}/{p['b']}" for p in false],
    }


def main() -> None:
    by_entity = spellings()
    words = sum(len(w) for w in by_entity.values())
    different = words * (words - 1) // 2 - sum(len(w) * (len(w) - 1) // 2 for w in by_entity.values())
    print(f"{len(by_entity)} entities, {words} one-word spellings, {different} pairs of different entities")
    print("| key | variant pairs | joined | recall | non-variant pairs joined | precision |")
    print("|---|---|---|---|---|---|")
    for label, key in (("fold only (before)", lambda w: w), ("name key", name_key)):
        r = evaluate(key, by_entity)
        print(
            f"| {label} | {r['variant pairs']} | {r['variant pairs joined']} | {r['recall']} | "
            f"{r['non-variant pairs joined']} | {r['precision']} |"
        )

    print()
    print("Real spellings (bench/data/name_pairs.json):")
    print("| key | variant pairs | joined | recall | look-alike pairs | joined | precision |")
    print("|---|---|---|---|---|---|---|")
    for label, key in (("fold only (before)", lambda w: w), ("name key", name_key)):
        r = real_pairs(key)
        print(
            f"| {label} | {r['variant pairs']} | {r['joined']} | {r['recall']} | {r['different pairs']} | "
            f"{r['different joined']} | {r['precision']} |"
        )
    r = real_pairs(name_key)
    print("missed:", ", ".join(r["missed"]) or "-")
    print("look-alikes joined:", ", ".join(r["false"]) or "-")


if __name__ == "__main__":
    main()
