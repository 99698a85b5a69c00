"""The golden table of the five bundled seeds (tests/golden/seeds.json, `make golden`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import regen

GOLDEN = json.loads(regen.GOLDEN.read_text("utf-8"))
SEEDS = sorted(p.name for p in (regen.REPO / "seeds").glob("*.txt"))


def test_every_seed_is_in_the_golden_table():
    assert sorted(GOLDEN) == SEEDS


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("field", sorted(next(iter(GOLDEN.values()))))
def test_seed_matches_golden(name, field):
    actual = regen.describe(regen.REPO / "seeds" / name)
    assert actual[field] == GOLDEN[name][field], f"{name}: {field}"


def test_golden_states_the_facts_of_the_issue():
    """The facts the archive must get right, independent of how the table was regenerated."""
    by_id = {row["id"]: row for row in GOLDEN.values()}
    assert by_id["df451209fdc08719"]["title_derived"]  # 000 starts mid-story
    assert by_id["df451209fdc08719"]["date"] is None
    assert by_id["c61355213998c85b"]["date"] == by_id["6a78640d8eb2f584"]["date"] == "2023-09-25"
    assert by_id["8ba45a798628e0c2"]["date"] == "2021-11-09"  # ٠٩ نوفمبر ٢٠٢١
    assert by_id["3f15938f3087b2b9"]["date"] is None  # the Persian seed gives no date
    assert by_id["3f15938f3087b2b9"]["lang"] == "fa"
    assert {r["lang"] for i, r in by_id.items() if i != "3f15938f3087b2b9"} == {"ar"}
    assert by_id["3f15938f3087b2b9"]["outlet"] == "ایسنا"
    assert by_id["8ba45a798628e0c2"]["outlet"] == "تاس"
    assert [a["kind"] for a in by_id["c61355213998c85b"]["appended"]] == ["links", "story"]
    assert [a["kind"] for a in by_id["6a78640d8eb2f584"]["appended"]] == ["story"]
    assert "دميتري بيسكوف" in by_id["6a78640d8eb2f584"]["keywords"]
    assert {r["kind"] for r in by_id["8ba45a798628e0c2"]["removed"]} == {"navigation", "signature"}
    assert by_id["3f15938f3087b2b9"]["removed"][0]["text"] == "انتهای پیام"


def test_golden_file_is_what_regen_writes(tmp_path: Path):
    assert regen.table() == GOLDEN, "run `make golden` and review the diff"
