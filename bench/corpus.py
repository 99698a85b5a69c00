"""Deterministic synthetic corpora for benchmarks: seed-like Arabic and Persian articles.

Vocabulary: the words of the bundled seeds (the frequent head) plus generated words (the long
tail), drawn with a Zipf law, so term statistics look like news text. Article bodies are
about 9 KB of UTF-8, as in the issue's measurements. Nothing here is real news text.
"""

from __future__ import annotations

import random
import re
from itertools import accumulate
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوية"
FA_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
OUTLETS = [f"وكالة {w}" for w in ("الأنباء", "سبوتنيك", "تاس", "الأناضول", "رويترز")] + [
    "البوابة نيوز",
    "الأسبوع",
    "ایسنا",
    "ایرنا",
    "فارس",
    "تسنیم",
    "الجزيرة",
    "العربية",
    "سكاي نيوز عربية",
    "روسيا اليوم",
    "الشرق الأوسط",
    "همشهری",
    "مهر",
    "اليوم السابع",
    "المصري اليوم",
]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


def _seed_words(lang: str) -> list[str]:
    words: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        text = path.read_text("utf-8")
        is_fa = "پ" in text or "گ" in text
        if is_fa == (lang == "fa"):
            words += re.findall(r"[\u0600-\u06ff\u200c]+", text)
    return sorted(set(words))


def _vocabulary(rng: random.Random, lang: str, tail: int) -> list[str]:
    letters = FA_LETTERS if lang == "fa" else AR_LETTERS
    head = _seed_words(lang)
    rng.shuffle(head)
    generated = {"".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(tail)}
    return head + sorted(generated)


class Corpus:
    def __init__(self, seed: int = 7, tail: int = 120_000):
        self.rng = random.Random(seed)
        self.vocab = {lang: _vocabulary(self.rng, lang, tail) for lang in ("ar", "fa")}
        self.cumulative = {
            lang: list(accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(v)))) for lang, v in self.vocab.items()
        }

    def words(self, lang: str, n: int) -> list[str]:
        return self.rng.choices(self.vocab[lang], cum_weights=self.cumulative[lang], k=n)

    def article(self, number: int, body_bytes: int = 9000) -> str:
        rng = self.rng
        lang = "fa" if number % 5 == 4 else "ar"
        title = " ".join(self.words(lang, rng.randint(6, 11)))
        paragraphs, size = [], 0
        while size < body_bytes:
            sentence = " ".join(self.words(lang, rng.randint(12, 40))) + "."
            paragraphs.append(sentence)
            size += len(sentence.encode())
        head = [title]
        if number % 7:  # some articles have no date, as in the seeds
            head.append(f"تاريخ النشر: {rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {rng.randint(2019, 2024)}")
        foot = [f"المصدر: {OUTLETS[number % len(OUTLETS)]}"]
        return "\n".join([*head, "", *paragraphs, *foot]) + "\n"

    def write(self, folder: Path, count: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for number in range(count):
            path = folder / f"{number:06d}_{number:016x}.txt"
            path.write_text(self.article(number), encoding="utf-8")
            paths.append(path)
        return paths
