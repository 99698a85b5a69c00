"""Regenerate tests/golden/seeds.json from the current parser: `make golden`.

Review the diff before committing it: the golden table is the statement of what each bundled
seed must yield (id, title, date, outlet, language, keywords, where the body ends).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.decode import decode  # noqa: E402
from news_archive.ids import article_id  # noqa: E402
from news_archive.seedparse import parse_seed  # noqa: E402

GOLDEN = Path(__file__).with_name("seeds.json")


def describe(path: Path) -> dict:
    data = path.read_bytes()
    record = parse_seed(decode(data).text)
    return {
        "id": article_id(path.name, data),
        "title": record.title,
        "title_derived": record.title_derived,
        "date": record.date.date.isoformat() if record.date else None,
        "outlet": record.outlet,
        "lang": record.lang,
        "keywords": list(record.keywords),
        "paragraphs": len(record.paragraphs),
        "body_end_line": record.body_end_line,
        "body_ends_with": record.paragraphs[-1][-40:],
        "appended": [{"kind": a.kind, "first_line": a.lines[0]} for a in record.appended],
        "removed": [{"kind": r.kind, "text": r.text, "line": r.line} for r in record.removed],
    }


def table() -> dict:
    return {p.name: describe(p) for p in sorted((REPO / "seeds").glob("*.txt"))}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(table(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(REPO)}")
