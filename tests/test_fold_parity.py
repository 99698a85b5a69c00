"""Folding parity: Python's fold.py against the hand-checked vectors in tests/fold_vectors.json.

tests/js/fold.test.js checks theme/static/js/fold.js against the same file, so the index
(Python) and the query (browser) fold every case the same way.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from news_archive import fold as fold_module
from news_archive.fold import fold, spec, terms, tokens

VECTORS = json.loads((Path(__file__).parent / "fold_vectors.json").read_text(encoding="utf-8"))


def test_enough_vectors_with_unique_names():
    assert len(VECTORS) >= 80
    names = [case["name"] for case in VECTORS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_vector(case):
    assert tokens(case["input"]) == case["tokens"]
    assert [t for tok in case["tokens"] for t in terms(tok)] == case["terms"]


# --- properties -------------------------------------------------------------------------------
def _spec_chars() -> list[str]:
    """Every code point the spec removes or maps (and each map target), plus affix letters."""
    s = spec()
    chars = {chr(cp) for span in s["remove"] for cp in range(int(span["first"], 16), int(span["last"], 16) + 1)}
    chars |= {chr(int(row[k], 16)) for row in s["map"] for k in ("from", "to")}
    chars |= {ch for side in ("prefixes", "suffixes") for rule in s["affixes"][side] for ch in rule["affix"]}
    return sorted(chars)


# Arbitrary text, with the characters folding cares about (and Latin with combining marks) made common.
TEXT = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from(_spec_chars()),
        st.sampled_from("aeioHJTkK \u0301\u0308\u0331-_\u060c\ufefb\ufdfa\ufe7c"),
    )
)


@given(TEXT)
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once
    assert tokens(once) == tokens(text)


@given(TEXT)
def test_tokens_are_the_runs_of_letters_and_digits_of_the_folded_text(text):
    assert tokens(text) == re.findall(r"[^\W_]+", fold(text))


@given(st.text(st.characters(exclude_categories=())))  # any code point, lone surrogates included
def test_tokens_never_raise(text):
    for token in tokens(text):
        assert token and "_" not in token
        forms = terms(token)
        assert forms[0] == token and 1 <= len(forms) <= 2


@pytest.mark.parametrize("text", ["A\u200b\u0301", "e\u0640\u0301", "J\u030c", "H\u0331"])
def test_fold_output_is_renormalized(text):
    """Removing a control between a letter and its mark, or lowercasing, leaves text to compose."""
    assert fold(fold(text)) == fold(text)


# --- remove and map: the fast paths give str.translate's result, whatever the spec -----------------
SAMPLE = "أَحْمَدُ إلى مُسْتَشْفَى الـمَدِينَةِ ١٢ ک ی \u200c\u00ad 中文字 \U00020000 ABC"
# short and long texts (the long ones take the chain of replacements when the table allows it)
REMOVE_AND_MAP_CASES = ["", "x", SAMPLE, SAMPLE * 40, "中" * 2000, "\u4e00\u9fff" * 600 + "أ"]


def test_remove_and_map_is_translate_on_long_and_short_text():
    for text in REMOVE_AND_MAP_CASES:
        assert fold_module.remove_and_map(text) == text.translate(fold_module._table())


@pytest.fixture
def changed_spec(monkeypatch):
    """Make fold.py read a changed copy of the spec; its caches are emptied before and after."""

    def clear() -> None:
        for cached in (fold_module._table, fold_module._changes, fold_module._steps):
            cached.cache_clear()

    def change(edit) -> None:
        changed = copy.deepcopy(spec())
        edit(changed)
        monkeypatch.setattr(fold_module, "spec", lambda: changed)
        clear()

    yield change
    monkeypatch.undo()
    clear()


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda s: s["remove"].append({"first": "3400", "last": "9FFF", "name": "CJK"}), id="large-range"),
        pytest.param(lambda s: s["map"].append({"from": "0627", "to": "0671", "name": "ALEF->WASLA"}), id="map-chain"),
    ],
)
def test_remove_and_map_is_translate_for_any_spec(changed_spec, edit):
    """A spec removing a range of 27k code points, or mapping to a character the table changes
    again (alef wasla -> alef, alef -> wasla): the fast paths still give str.translate's result."""
    changed_spec(edit)
    for text in REMOVE_AND_MAP_CASES:
        assert fold_module.remove_and_map(text) == text.translate(fold_module._table())


def _stem_by_the_rules(token: str) -> str:
    """The light stem as the spec words it: the first prefix rule that fits, then the first suffix."""
    prefixes, suffixes = fold_module._affix_rules()
    for affix, min_rest in prefixes:
        if len(token) - len(affix) >= min_rest and token.startswith(affix):
            token = token[len(affix) :]
            break
    for affix, min_rest in suffixes:
        if len(token) - len(affix) >= min_rest and token.endswith(affix):
            return token[: len(token) - len(affix)]
    return token


@given(TEXT)
def test_stem_applies_the_first_rules_that_fit(text):
    for token in [*tokens(text), text]:
        assert fold_module.stem(token) == _stem_by_the_rules(token)
