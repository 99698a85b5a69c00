"""Stories, related links and tagging on labelled real reports (issue 12).

    .venv/bin/python -m bench.story_corpus --out /work/corpus-story     # the texts (never committed)
    .venv/bin/python -m bench.story_eval /work/corpus-story

Reads `reports.jsonl` as the site build reads a structured seed (`records.read_records`), tags
each report with the base name authority (`entities.load_gazetteer`, title and body, as the
plugin does), runs `related.relate` on all of them and scores against `bench/data/events.json`:

- **stories**: B-cubed precision and recall over the labelled reports (a report's story is its
  cluster, a report in no story is alone; distractors and hard negatives are each their own
  event, so one pulled into an event's story costs that story's precision), for all events and
  for the tuning and held-out events apart; and how many distractors sit in a labelled story;
- **related links** as pages show them (at most `max_links` per report): pairwise precision over
  the links that touch a labelled report (right when both report one event; a link between two
  unlabelled reports is not scored) and recall over the pairs of one event, also against what
  the cap allows (per report, min(max_links, event size - 1));
- **tagging** (`bench/data/tagging.json`, written by reading): for a sample of reports, the
  entities of the base authority each names (in its title and text); the share of those
  (report, entity) pairs tagged, and the share of tags on those reports that are right; on the
  sample the rules were written with, and on a second to fifth one read afterwards
  (`held_out`, `held_out_3` to `held_out_6`), with and without the entities a report names only by an
  adjective, and pooled over the held-out samples 2 to 6.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from news_archive.dates import aware  # noqa: E402
from news_archive.entities import load_gazetteer  # noqa: E402
from news_archive.records import RecordArticle, read_records  # noqa: E402
from news_archive.related import Related, Report, Weights, relate  # noqa: E402

DATA = REPO / "bench" / "data"


def load_reports(corpus: Path) -> list[Report]:
    """The corpus' reports as the build makes them (id = URL), tagged with the base authority.
    Each line is read as a one-record structured seed; should the reader fail on one (it raised
    IndexError on a poem of short lines, 27 Nov 2026), that record's text is split at blank lines."""
    gazetteer = load_gazetteer()
    path = corpus / "reports.jsonl"
    reports = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            (item,) = read_records(".jsonl", line.encode("utf-8"), 10**7)
        except Exception as error:  # a reader bug must not stop the measure
            raw = json.loads(line)
            print(f"{path} record {number}: reader failed ({type(error).__name__}); text split at blank lines")
            when = dt.datetime.fromisoformat(raw["date_publish"])
            paragraphs = tuple(p.strip() for p in raw["maintext"].split("\n\n") if p.strip())
            text = raw["title"] + "\n" + "\n".join(paragraphs)
            tagged = tuple(i for i, _ in gazetteer.find(text, "ar"))
            moment = when if when.tzinfo else None
            reports.append(
                Report(raw["url"], "ar", when.date(), raw["source_domain"], raw["title"], paragraphs, tagged, moment)
            )
            continue
        if not isinstance(item, RecordArticle):
            raise SystemExit(f"{path} record {number}: {item.reason}")
        r = item.record
        tagged = tuple(i for i, _ in gazetteer.find(f"{r.title}\n{r.body_text}", r.lang))
        day = r.date.date if r.date else None
        moment = aware(day, r.time, r.timezone) if day and r.time else None
        reports.append(Report(item.url, r.lang, day, r.outlet, r.title, r.paragraphs, tagged, moment))
    return reports


def gold(data: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Each labelled report's event, and each event's split."""
    event_of = {url: e["id"] for e in data["events"] for url in e["reports"]}
    return event_of, {e["id"]: e["split"] for e in data["events"]}


def bcubed(items: list[str], event_of: dict[str, str], story_of: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `items` (labelled reports); a report in no story is alone."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for ident, story in story_of.items():
        clusters[story].add(ident)
    events: dict[str, set[str]] = defaultdict(set)
    for ident, event in event_of.items():
        events[event].add(ident)
    p = r = 0.0
    for ident in items:
        cluster = clusters.get(story_of.get(ident, ""), {ident})
        event = events[event_of[ident]]
        same = sum(1 for other in cluster if event_of.get(other) == event_of[ident])
        p += same / len(cluster)
        r += same / len(event)
    p, r = p / len(items), r / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def threads(data: dict) -> dict[str, set[str]]:
    """Each labelled or hard-negative report's threads: its event's, and those naming it in `also`."""
    of_event = defaultdict(set)
    for t in data.get("threads", ()):
        for event in t["events"]:
            of_event[event].add(t["id"])
    found: dict[str, set[str]] = defaultdict(set)
    for e in data["events"]:
        for url in e["reports"]:
            found[url] |= of_event[e["id"]]
    for t in data.get("threads", ()):
        for url in t["also"]:
            found[url].add(t["id"])
    return found


def link_scores(
    related: Related,
    event_of: dict[str, str],
    max_links: int,
    thread_of: dict[str, set[str]] | None = None,
    every_event: dict[str, str] | None = None,
) -> dict[str, float]:
    """Link precision and recall for the events of `event_of` (a link is scored when it touches one
    of their reports; `every_event`, all labels, tells whether the other end is of the same event)."""
    linked = {tuple(sorted((a, link.target))) for a, links in related.links.items() for link in links}
    scored = [pair for pair in linked if pair[0] in event_of or pair[1] in event_of]
    label = every_event or event_of
    right = [pair for pair in scored if label.get(pair[0]) and label.get(pair[0]) == label.get(pair[1])]
    thread_of = thread_of or {}
    threaded = [p for p in scored if p in set(right) or thread_of.get(p[0], set()) & thread_of.get(p[1], set())]
    events: dict[str, list[str]] = defaultdict(list)
    for ident, event in event_of.items():
        events[event].append(ident)
    pairs = {tuple(sorted(p)) for members in events.values() for p in combinations(members, 2)}
    capped = []
    for ident, event in event_of.items():
        found = sum(1 for link in related.links.get(ident, []) if event_of.get(link.target) == event)
        capped.append(found / min(max_links, len(events[event]) - 1))
    return {
        "links scored": len(scored),
        "precision": len(right) / len(scored) if scored else 1.0,
        "precision, same thread": len(threaded) / len(scored) if scored else 1.0,
        "same-event pairs": len(pairs),
        "recall": len(pairs & set(right)) / len(pairs),
        "recall within the cap": sum(capped) / len(capped),
    }


def tagging_scores(reports: list[Report], truth: dict[str, list[str]]) -> dict[str, float]:
    tags = {r.id: set(r.entities) for r in reports}
    named = [(url, e) for url, ids in truth.items() for e in ids]
    tagged = [(url, e) for url, e in named if e in tags[url]]
    given = [(url, e) for url in truth for e in tags[url]]
    right = [(url, e) for url, e in given if e in truth[url]]
    return {
        "reports": len(truth),
        "named (report, entity)": len(named),
        "tagged": len(tagged),
        "recall": len(tagged) / len(named) if named else 1.0,
        "tags": len(given),
        "precision": len(right) / len(given) if given else 1.0,
        "missed": sorted({e for url, e in named if e not in tags[url]}),
        "wrong": sorted({e for url, e in given if e not in truth[url]}),
    }


def evaluate(reports: list[Report], weights: Weights, data: dict) -> dict:
    event_of, split = gold(data)
    related = relate(reports, weights, processes=2)
    ids = {r.id for r in reports}
    missing = sorted(set(event_of) - ids)
    if missing:
        raise SystemExit(f"{len(missing)} labelled reports are not in the corpus: {missing[:3]}")
    result: dict = {}
    thread_of_event = {e: t["id"] for t in data.get("threads", ()) for e in t["events"]}
    story_level = {i: thread_of_event.get(e, e) for i, e in event_of.items()}
    for name, keep in (("all events", None), ("tuning", "tuning"), ("held out", "held-out")):
        items = sorted(i for i, e in event_of.items() if keep is None or split[e] == keep)
        result[name] = bcubed(items, event_of, related.story_of)
        result[name + ", events of a thread as one"] = bcubed(items, story_level, related.story_of)
    in_stories = {m for s in related.stories for m in s.members}
    labelled_stories = {related.story_of[i] for i in event_of if i in related.story_of}
    strays = [i for i in ids - set(event_of) if related.story_of.get(i) in labelled_stories]
    result["stories"] = len(related.stories)
    result["largest story"] = max((len(s.members) for s in related.stories), default=0)
    result["labelled reports in no story"] = sum(1 for i in event_of if i not in in_stories)
    result["unlabelled reports in a labelled story"] = len(strays)
    result["strays"] = sorted(strays)
    result["links"] = link_scores(related, event_of, weights.max_links, threads(data))
    for name, keep in (("tuning", "tuning"), ("held out", "held-out")):
        in_split = {i: e for i, e in event_of.items() if split[e] == keep}
        result["links, " + name] = link_scores(related, in_split, weights.max_links, threads(data), event_of)
    result["related"] = related
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("/work/corpus-story"))
    parser.add_argument("--strays", action="store_true", help="list unlabelled reports put in a labelled story")
    args = parser.parse_args()
    data = json.loads((DATA / "events.json").read_text(encoding="utf-8"))
    reports = load_reports(args.corpus)
    weights = Weights()
    result = evaluate(reports, weights, data)
    labelled = sum(len(e["reports"]) for e in data["events"])
    print(f"{len(reports)} reports, {len(data['events'])} events ({labelled} labelled reports)")
    print("| events | B-cubed precision | B-cubed recall | F1 |")
    print("|---|---|---|---|")
    for level in ("", ", events of a thread as one"):
        for name in ("all events", "tuning", "held out"):
            p, r, f = result[name + level]
            print(f"| {name}{level} | {p:.3f} | {r:.3f} | {f:.3f} |")
    for key in ("stories", "largest story", "labelled reports in no story", "unlabelled reports in a labelled story"):
        print(f"{key}: {result[key]}")
    links = result["links"]
    print(
        f"related links (at most {weights.max_links} per report): {links['links scored']} scored, precision "
        f"{links['precision']:.3f} (same event), {links['precision, same thread']:.3f} (same thread); "
        f"recall {links['recall']:.3f} of {links['same-event pairs']} same-event pairs, "
        f"{links['recall within the cap']:.3f} within the cap"
    )
    for name in ("tuning", "held out"):
        part = result["links, " + name]
        print(
            f"  {name} events: {part['links scored']} scored, precision {part['precision']:.3f} (same event), "
            f"{part['precision, same thread']:.3f} (same thread); recall {part['recall']:.3f} of "
            f"{part['same-event pairs']} pairs, {part['recall within the cap']:.3f} within the cap"
        )
    truth_path = DATA / "tagging.json"
    if truth_path.exists():
        tagging = json.loads(truth_path.read_text(encoding="utf-8"))
        held_out = ("held_out", "held_out_3", "held_out_4", "held_out_5", "held_out_6")
        held, third, fourth, fifth, sixth = (tagging.get(k, {}) for k in held_out)

        def with_adjectives(sample: dict) -> dict[str, list[str]]:
            extra = sample.get("by_adjective", {})
            return {u: [*ids, *extra.get(u, ())] for u, ids in sample.get("reports", {}).items()}

        for label, truth in (
            ("tagging (sample 1, used for the rules)", tagging["reports"]),
            ("tagging (sample 2, held out)", held.get("reports")),
            ("tagging (sample 2, adjectives count)", with_adjectives(held)),
            ("tagging (sample 3, held out)", third.get("reports")),
            ("tagging (sample 3, adjectives count)", with_adjectives(third)),
            ("tagging (sample 4, held out)", fourth.get("reports")),
            ("tagging (sample 4, adjectives count)", with_adjectives(fourth)),
            ("tagging (sample 5, held out)", fifth.get("reports")),
            ("tagging (sample 5, adjectives count)", with_adjectives(fifth)),
            ("tagging (sample 6, held out)", sixth.get("reports")),
            ("tagging (sample 6, adjectives count)", with_adjectives(sixth)),
            ("tagging (samples 2-6 pooled)", {u: v for k in held_out for u, v in tagging[k]["reports"].items()}),
            (
                "tagging (samples 2-6 pooled, adjectives count)",
                {u: v for k in held_out for u, v in with_adjectives(tagging[k]).items()},
            ),
        ):
            if not truth:
                continue
            t = tagging_scores(reports, truth)
            print(
                f"{label}: {t['reports']} reports, {t['named (report, entity)']} (report, entity) named, "
                f"{t['tagged']} tagged: recall {t['recall']:.3f}; {t['tags']} tags, precision {t['precision']:.3f}"
            )
            print(f"  missed: {', '.join(t['missed']) or '-'}; wrong: {', '.join(t['wrong']) or '-'}")
    if args.strays:
        by_id = {r.id: r for r in reports}
        story_of = result["related"].story_of
        event_of, _ = gold(data)
        for ident in result["strays"]:
            story = story_of[ident]
            events = Counter(event_of.get(m) for m, s in story_of.items() if s == story and m in event_of)
            print(f"  {by_id[ident].date} {by_id[ident].outlet}: {by_id[ident].title[:70]} -> {dict(events)}")


if __name__ == "__main__":
    main()
