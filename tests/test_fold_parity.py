"""Folding parity: Python's fold.py against the hand-checked vectors in tests/fold_vectors.json.

tests/js/fold.test.js checks theme/static/js/fold.js against the same file, so the index
(Python) and the query (browser) fold every case the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
