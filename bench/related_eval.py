"""Quality of related-report links on a labelled set: `.venv/bin/python -m bench.related_eval`.

The set is built from the five seeds and from variants that imitate what outlets do, each
labelled with its story:

- the seeds: 000, 001, 002 and 004 report the Kremlin's statements of September 2023 (one
  story); 003 is the 2021 anniversary statement (its links to that story are neither right
  nor wrong: the issue says they "may" exist, and they are left out of the scores);
- "copy": a seed with every fourth sentence dropped and a few words changed (same story,
  and a near-duplicate of its source);
- "rewrite": a seed's sentences in reverse order, cut to those that name an entity, with
  every third word replaced (same story);
- "names": a seed with every entity name written the other language's way (same story);
- "unrelated": the two real stories that seeds 001 and 002 carry after "read also" (sanctions
  on Russia, arson in Russia), dated the same day, and synthetic stories that mention
  Russia, Moscow and Putin but nothing of the story (each its own story).

Reports: precision and recall of the pairs `related.relate` links (all of them, and as the
pages show them, at most 8 per report), and of its near-duplicate flags.
"""

from __future__ import annotations

import random
import re
import sys
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.entities import load_gazetteer  # noqa: E402
from news_archive.related import Report, Weights, relate  # noqa: E402
from news_archive.seedparse import parse_seed  # noqa: E402

STORY, EITHER = "kremlin-2023", "anniversary-2021"
FAMILY = {"000": STORY, "001": STORY, "002": STORY, "004": STORY, "003": EITHER}
FILLER = [
    "قال",
    "مسؤول",
    "إن",
    "الوضع",
    "يتطلب",
    "مزيداً",
    "من",
    "الوقت",
    "لدراسة",
    "الخيارات",
    "المطروحة",
    "أمام",
    "الأطراف",
    "المعنية",
]


def sentences(paragraphs: tuple[str, ...]) -> list[str]:
    return [s.strip() for p in paragraphs for s in re.split(r"(?<=[.!؟?])\s+", p) if s.strip()]


def build_set(rng: random.Random) -> tuple[list[Report], dict[str, str], set[tuple[str, str]]]:
    gazetteer = load_gazetteer()
    reports, family, duplicates = [], {}, set()

    def add(ident: str, lang: str, date, title: str, paragraphs: tuple[str, ...], story: str) -> None:
        text = title + "\n" + "\n".join(paragraphs)
        entities = tuple(i for i, _ in gazetteer.find(text))
        reports.append(Report(ident, lang, date, None, title, paragraphs, entities))
        family[ident] = story

    for path in sorted((REPO / "seeds").glob("*.txt")):
        key = path.name[:3]
        record = parse_seed(path.read_text("utf-8"))
        date = record.date.date if record.date else None
        add(key, record.lang, date, record.title, record.paragraphs, FAMILY[key])
        parts = sentences(record.paragraphs)
        copy = [s for n, s in enumerate(parts) if n % 4 != 3]
        copy = [" ".join(w if rng.random() > 0.05 else rng.choice(FILLER) for w in s.split()) for s in copy]
        add(f"{key}-copy", record.lang, date, record.title, tuple(copy), FAMILY[key])
        duplicates.add((key, f"{key}-copy"))
        named = [s for s in reversed(parts) if gazetteer.find(s)]
        rewrite = [" ".join(rng.choice(FILLER) if n % 3 == 2 else w for n, w in enumerate(s.split())) for s in named]
        add(f"{key}-rewrite", record.lang, date, "", tuple(rewrite), FAMILY[key])
        other = "fa" if record.lang == "ar" else "ar"
        swapped = "\n".join(record.paragraphs)
        for entity in gazetteer.entities.values():
            for variant in sorted(entity.variants, key=len, reverse=True):
                if len(variant) > 3:
                    swapped = swapped.replace(variant, entity.names.get(other, variant))
        add(f"{key}-names", record.lang, date, "", tuple(swapped.split("\n")), FAMILY[key])
        for n, block in enumerate(b for b in record.appended if b.kind == "story"):
            add(f"{key}-unrelated{n}", "ar", date, block.lines[0], tuple(block.lines[1:]), f"{key}-unrelated{n}")
    # same day, Russia everywhere, nothing of the story: words of the real unrelated stories
    vocabulary = sorted({w for r in reports if "unrelated" in r.id for p in r.paragraphs for w in p.split()})
    for n in range(6):
        words = [rng.choice(vocabulary) for _ in range(120)]
        text = "روسيا وموسكو وبوتين " + " ".join(words) + " وقال الكرملين إن روسيا ستواصل."
        add(f"russia-{n}", "ar", reports[1].date, f"خبر عن روسيا {n}", (text,), f"russia-{n}")
    return reports, family, duplicates


def evaluate(seed: int = 11, max_links: int = 1000) -> dict:
    reports, family, duplicates = build_set(random.Random(seed))
    result = relate(reports, Weights(max_links=max_links))
    predicted = {tuple(sorted((a, link.target))) for a, links in result.links.items() for link in links}
    flagged = {tuple(sorted((a, link.target))) for a, links in result.links.items() for link in links if link.duplicate}

    def judged(pair: tuple[str, str]) -> bool:
        return EITHER not in (family[pair[0]], family[pair[1]]) or family[pair[0]] == family[pair[1]]

    pairs = [tuple(sorted(p)) for p in combinations(family, 2)]
    positives = {p for p in pairs if judged(p) and family[p[0]] == family[p[1]]}
    scored = {p for p in predicted if judged(p)}
    true = scored & positives
    dup_true = flagged & {tuple(sorted(p)) for p in duplicates}
    return {
        "reports": len(reports),
        "pairs judged": sum(judged(p) for p in pairs),
        "related pairs (truth)": len(positives),
        "links returned": len(scored),
        "precision": round(len(true) / len(scored), 3) if scored else 1.0,
        "recall": round(len(true) / len(positives), 3) if positives else 1.0,
        "near-duplicates (truth)": len(duplicates),
        "near-duplicate flags": len(flagged),
        "near-duplicate precision": round(len(dup_true) / len(flagged), 3) if flagged else 1.0,
        "near-duplicate recall": round(len(dup_true) / len(duplicates), 3),
        "false links": sorted(scored - positives),
        "missed": sorted(positives - scored),
    }


if __name__ == "__main__":
    for cap in (1000, 8):
        print(f"## links per report: {'all' if cap == 1000 else cap}")
        for key, value in evaluate(max_links=cap).items():
            print(f"{key}: {value}")
