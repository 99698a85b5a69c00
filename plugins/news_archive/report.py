"""The build report: every entry of the seeds folder accounted for as built, built with
warnings, refused, or skipped (not a seed: a note, a hidden file, a link to another seed). A
structured seed is accounted for record by record (`seeds/x.jsonl#7`), or as a whole when it
cannot be read at all. A built article whose fields were read from weak evidence lists them
(`low_confidence`), for an editor to check and, where wrong, correct in an annotation."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("built", "warning", "refused", "skipped")


@dataclass
class FileOutcome:
    file: str  # `seeds/x.txt`; `seeds/x.jsonl#7` for record 7 of a structured seed
    status: str = "built"  # "built" | "warning" | "refused" | "skipped"
    id: str | None = None
    messages: list[str] = field(default_factory=list)
    low_confidence: list[str] = field(default_factory=list)  # fields read from weak evidence

    def as_json(self) -> dict:
        """Its entry in build-report.json (`low_confidence` only when there is any)."""
        found = {"file": self.file, "status": self.status, "id": self.id, "messages": self.messages}
        return found | ({"low_confidence": self.low_confidence} if self.low_confidence else {})

    def warn(self, message: str) -> None:
        self.status = "warning" if self.status == "built" else self.status
        self.messages.append(message)

    def refuse(self, message: str) -> None:
        self.status = "refused"
        self.messages.append(message)

    def skip(self, message: str) -> None:
        self.status = "skipped"
        self.messages.append(message)


def _order(outcome: FileOutcome) -> tuple[str, int]:
    """By file, then a structured seed's records by number (`x.jsonl#2` before `x.jsonl#10`)."""
    name, _, number = outcome.file.rpartition("#")
    return (name, int(number)) if name and number.isdigit() else (outcome.file, 0)


def summary(outcomes: list[FileOutcome], notices: list[str] | None = None) -> dict:
    """The build report: per seeds entry its outcome; `notices` about the archive as a whole;
    how many built articles have fields read from weak evidence, and how many per field."""
    counts = {status: sum(o.status == status for o in outcomes) for status in STATUSES}
    weak = [o for o in outcomes if o.low_confidence and o.status in ("built", "warning")]
    fields = sorted({name for o in weak for name in o.low_confidence})
    return {
        "files": len(outcomes),  # outcomes: a seed file each, or a record each of a structured seed
        "seed_files": len({o.file.split("#")[0] for o in outcomes}),
        "counts": counts,
        "outcomes": [o.as_json() for o in sorted(outcomes, key=_order)],
        "notices": list(notices or []),
        "low_confidence": {
            "articles": len(weak),
            "fields": {name: sum(name in o.low_confidence for o in weak) for name in fields},
        },
    }


def summary_line(report: dict) -> str:
    c = report["counts"]
    records = report["files"] - report["seed_files"]  # a structured seed's records are entries of their own
    held = f" holding {report['files']} entries" if records else ""
    return (
        f"Sijill: {report['seed_files']} seed file(s){held}: {c['built'] + c['warning']} built "
        f"({c['warning']} with warnings), {c['refused']} refused"
        + (f", {c['skipped']} skipped (see build-report.json)." if c["skipped"] else ".")
        + (
            f" {weak} with fields read from weak evidence: check them (low_confidence in build-report.json)."
            if (weak := report.get("low_confidence", {}).get("articles"))
            else ""
        )
    )


def _listing(outcomes: list[FileOutcome]) -> str:
    return "; ".join(f"{o.file}: {' '.join(o.messages)}" for o in outcomes)


def stop_reason(outcomes: list[FileOutcome], strict: bool, keep_going: bool) -> str | None:
    """Why the build must stop (refused seeds, or warnings under --strict), or None."""
    warned = [o for o in outcomes if o.status == "warning"]
    if warned and strict:
        return f"{len(warned)} seed file(s) built with warnings and --strict was asked: {_listing(warned)}"
    refused = [o for o in outcomes if o.status == "refused"]
    if refused and not keep_going:
        return (
            f"{len(refused)} seed file(s) refused: {_listing(refused)}"
            " (set SIJILL_KEEP_GOING=1 to build the rest anyway)"
        )
    return None
