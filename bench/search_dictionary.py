"""The preset dictionaries of the search result files (search_index.DICTIONARIES): how they are
made, and what they save.

    .venv/bin/python -m bench.search_dictionary --write
    .venv/bin/python -m bench.search_dictionary /work/corpus-story /work/corpus-real/corpus SITE/search

`--write` regenerates plugins/news_archive/data/search_dictionary.json from wordfreq (pinned
in requirements.txt): per language, its most frequent words, least frequent first (deflate
reaches the last ones with the shortest distances), as many as fit in deflate's 32 KiB window
once joined with spaces and swapped (search_index.SWAP) as the build does.

Given folders, prints the bytes of the bodies as result files store them (raw deflate in
base64, as before, and in base85, as now) without and with the dictionary of their language,
and the CPU time of deflating without and with it (the encoding left out): a
story corpus (reports.jsonl, Arabic), a reading corpus (site folders of .txt; the Persian
sites are listed in PERSIAN) or a built site's search/ folder (bodies read back with read_doc).
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
import zlib
from pathlib import Path

from news_archive import search_index
from news_archive.search_index import MAX_ENTRY_CHARS, WINDOW, dictionary_bytes, read_doc, swap

TOP = 8000  # words asked of wordfreq per language (more than fit)
PERSIAN = {"asriran", "fars", "hamshahri", "mashregh", "namnak", "radiofarda"}
PERSIAN |= {"roozno", "sobhaneh", "tabnak", "varzesh3"}


def write() -> None:
    from importlib.metadata import version

    from wordfreq import top_n_list

    data: dict = {
        "description": f"wordfreq {version('wordfreq')}: the top words of each language, least frequent first, "
        f"as many as fit in {WINDOW} bytes swapped (bench/search_dictionary.py --write)"
    }
    for lang in ("ar", "fa"):
        words, size = [], 1  # the text is " word word … word "
        for word in top_n_list(lang, TOP):
            size += len(swap(word).encode("utf-8")) + 1
            if size > WINDOW:
                break
            words.append(word)
        data[lang] = words[::-1]
    path = search_index.DICTIONARY_PATH
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(path, {lang: len(data[lang]) for lang in ("ar", "fa")})


def bodies(folder: Path) -> list[tuple[str, str]]:
    """(language, body) of every document in a corpus or built search folder."""
    if (folder / "reports.jsonl").exists():
        lines = (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines()
        return [("ar", json.loads(line)["maintext"]) for line in lines]
    if (folder / "manifest.js").exists():
        manifest = search_index._arguments(folder / "manifest.js")[0]
        langs = [manifest["langs"][f[0]] for f in manifest["facets"]]
        return [(lang, read_doc(folder / "docs" / f"{n}.js")["text"]) for n, lang in enumerate(langs)]
    return [
        ("fa" if path.parent.name in PERSIAN else "ar", path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*/*.txt"))
    ]


def deflated(lang: str | None, body: str) -> bytes:
    """The body in raw deflate, with the dictionary of `lang` (None: none)."""
    data = swap(body[:MAX_ENTRY_CHARS]).encode("utf-8")
    if lang is None:
        squeezer = zlib.compressobj(6, zlib.DEFLATED, -15)
    else:
        squeezer = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=dictionary_bytes(lang))
    return squeezer.compress(data) + squeezer.flush()


def measure(folder: Path) -> None:
    docs = bodies(folder)
    figures = {}
    for name, pick in (("none", lambda lang: None), ("dictionary", lambda lang: lang)):
        start = time.process_time()
        data = [deflated(pick(lang), body) for lang, body in docs]
        figures[name] = (data, time.process_time() - start)
    (plain, t0), (preset, t1) = figures["none"], figures["dictionary"]
    before = sum(len(base64.b64encode(d)) for d in plain)
    preset64, preset85 = sum(len(base64.b64encode(d)) for d in preset), sum(len(base64.b85encode(d)) for d in preset)
    print(
        f"{folder}: {len(docs)} bodies, base64 {before:,} -> with the dictionaries {preset64:,} "
        f"({preset64 / before:.3f}), and in base85 {preset85:,} ({preset85 / before:.3f}); "
        f"deflate CPU {t0 * 1000 / len(docs):.3f} -> {t1 * 1000 / len(docs):.3f} ms per body"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="regenerate the dictionary data from wordfreq")
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.write:
        write()
    for folder in args.folders:
        measure(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
