"""Rebuild the labelled corpus of real events (issue 12): `.venv/bin/python -m bench.story_corpus`.

    .venv/bin/python -m bench.story_corpus --sources DIR --out /work/corpus-story

The texts are real reports of 12 Saudi papers and the Saudi Press Agency (SaudiNewsNet,
parallelfold/SaudiNewsNet at the commit in `bench/data/events.json`, CC BY-NC-SA 4.0), read
from a git clone under DIR exactly as `bench/reading_corpus.py` reads them (`git show
COMMIT:path`, records extracted from 1 August 2015 on, tails the papers glue after the text
split off). They are never committed: the repository holds only this recipe and the labels.

`bench/data/events.json` (written by reading the reports, not by any program's grouping):

- `events`: 44 events of 1-11 August 2015, each with a one-line English gist, the URLs of the
  reports that report it (3 or more outlets each; 366 reports) and whether it was used for
  tuning or held out (`split`, from a hash of the event id: 27 tuning, 17 held out);
- `threads`: events that continue one another (the MH370 debris found, analysed, searched for;
  GACA's new routes and Al-Jouf's first flight) and hard negatives on the same subject: a
  related link within a thread is scored apart from one across events;
- `hard_negatives`: reports read and judged *not* to belong to an event although they share its
  subject, people or days (the ministry's next announcement, a market report naming the
  company, a columnist's tribute, another Maliki story);
- `excluded`: reports read and left out because whether they belong is a matter of opinion
  (opinion columns on an event): never in the corpus.

The corpus is the labelled reports, the hard negatives and DISTRACTORS other reports of the same
days (the first by SHA-256 of their URL): unlabelled, each taken as its own event by the scorer.
Output: `reports.jsonl`, one record per report in the structured-seed shape the site reads
(`title`, `maintext`, `date_publish` with the time and +03:00 when the dataset gives a time,
`source_domain`, `url`, `language`), so the same file can be built as a site.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from bench.reading_corpus import SAUDI, Article, Sources, saudi_articles

EVENTS = Path(__file__).parent / "data" / "events.json"
DISTRACTORS = 400


def labels() -> dict:
    return json.loads(EVENTS.read_text(encoding="utf-8"))


def record(article: Article) -> dict:
    stamp = article.date.isoformat() + (f"T{article.time}:00+03:00" if article.time else "")
    return {
        "title": article.title,
        "maintext": "\n\n".join(article.body),
        "date_publish": stamp,
        "source_domain": article.outlet,
        "url": article.url,
        "language": "ar",
    }


def select(articles: list[Article], data: dict, distractors: int = DISTRACTORS) -> list[Article]:
    """The labelled reports, the hard negatives and `distractors` other reports of the same days."""
    labelled = {url for event in data["events"] for url in event["reports"]}
    wanted = labelled | set(data["hard_negatives"])
    by_url = {a.url: a for a in articles}
    missing = sorted(wanted - set(by_url))
    if missing:
        raise SystemExit(f"{len(missing)} labelled report(s) not in the dataset at {SAUDI.commit[:7]}: {missing[:3]}")
    days = {by_url[url].date for url in labelled}
    skip = wanted | set(data.get("excluded", ()))
    others = sorted(
        (a for a in by_url.values() if a.date in days and a.url not in skip),
        key=lambda a: hashlib.sha256(a.url.encode()).hexdigest(),
    )
    chosen = [by_url[url] for url in sorted(wanted)] + others[:distractors]
    return sorted(chosen, key=lambda a: (a.date, a.time or "", a.url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=Path("/work/.mirror"), help="folder of git clones")
    parser.add_argument("--out", type=Path, default=Path("/work/corpus-story"))
    parser.add_argument("--distractors", type=int, default=DISTRACTORS)
    args = parser.parse_args()
    data = labels()
    chosen = select(list(saudi_articles(Sources(args.sources))), data, args.distractors)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "reports.jsonl").open("w", encoding="utf-8") as out:
        for article in chosen:
            out.write(json.dumps(record(article), ensure_ascii=False) + "\n")
    print(f"{len(chosen)} reports ({sum(len(e['reports']) for e in data['events'])} labelled) -> {args.out}")


if __name__ == "__main__":
    main()
