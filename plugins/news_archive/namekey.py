"""One matching key for Arabic-script names, so transliteration variants meet. Pure: no Pelican.

Input is a *folded* token (`fold.tokens`: alef, yeh, kaf and teh-marbuta forms are already one
letter each). `name_key` then, in this order:

1. unifies the letters that Arabic and Persian spell foreign sounds with (پ→ب, چ→تش, ژ→ج, گ→غ,
   ڤ→ف, ڨ→ق) and the hamza seats (ؤ→و, ئ→ي, ء dropped): پاشینیان ~ باشينيان, لاچین ~ لاتشين;
2. drops the article ال when at least three letters remain: الكرملين ~ كرملين;
3. for a name of four letters or more, drops the long vowels ا و ي *inside* it (the first and
   the last letter stay) when three letters or more remain: ترامب ~ ترمب, بيسكوف ~ بسكوف,
   يريفان ~ ييريفان (but السويد stays سويد, not "سد"). Such a key carries a
   leading "~", so it never equals a short word left as it is: سوريا gives "~سرا", and the
   adverb سرا stays "سرا".

   A name of four letters whose only inner long vowel makes three letters of a root is compared
   as it is: Arabic names of one root differ by their vowels (خالد, خلود; سعيد, سعود; طارق,
   طريق), foreign names lose two vowels or more (جيزان ~ جازان, ميونيخ ~ ميونخ);
4. writes the foreign g as ج: غ and ج are one letter in a name of four letters or more, and at a
   name's end (بوينغ ~ بوينج, سالزبورغ ~ سالزبورج, غانا ~ جانا, غوغل ~ جوجل, هونغ ~ هونج).

A word of five letters or more ending in يين or يون, the plural of an adjective in ي (ليبيين
"Libyans", الحوثيين ~ الحوثيون), ends its key with "+" in place of ين/ون, and step 3 works on the
rest: dropping the ي of the ending would make another name of it (ليبيين, and يبيين behind the
proclitic ل, would be اليابان). Foreign names ending so (انچيون, Incheon) lose their shorter spellings.

Keeping the first and last letters keeps the endings that tell a country from its adjective
(روسيا "~رسا", الروسي "~رسي"; أرمينيا "~ارمنا", الأرمن "~ارمن"). Names under four letters (مصر,
قطر, غزه) are compared as they are. Latin-script tokens are returned unchanged.

`bench/namekey_eval.py` measures how often the key joins spellings of one name (recall) and keeps
different names apart (precision).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

LETTERS: dict[str, str] = {
    "\u067e": "\u0628",  # PEH -> BEH
    "\u0686": "\u062a\u0634",  # TCHEH -> TEH + SHEEN (Arabic writes ch as تش)
    "\u0698": "\u062c",  # JEH -> JEEM (Arabic writes the French j as ج)
    "\u06af": "\u063a",  # GAF -> GHAIN
    "\u06a4": "\u0641",  # VEH -> FEH
    "\u06a8": "\u0642",  # QAF WITH THREE DOTS ABOVE (Maghrebi g) -> QAF
    "\u0624": "\u0648",  # WAW WITH HAMZA ABOVE -> WAW
    "\u0626": "\u064a",  # YEH WITH HAMZA ABOVE -> YEH
    "\u0621": "",  # HAMZA (on the line) -> dropped
}
LONG_VOWELS = frozenset("\u0627\u0648\u064a")  # ALEF, WAW, YEH
ARTICLE = "\u0627\u0644"  # ال
MIN_REDUCED = 4  # letters a name needs before its inner long vowels are dropped
MIN_KEPT = 3  # letters the key must keep, else the name is compared as it is (سويد, not "~سد")
G_LETTERS = 4  # letters of a name whose غ and ج are one letter (the foreign g) wherever they are
GHAIN, JEEM = "\u063a", "\u062c"
REDUCED_MARK = "~"
NISBA_PLURALS = ("\u064a\u064a\u0646", "\u064a\u0648\u0646")  # يين يون: ليبيين, الحوثيون
NISBA_MIN = 5  # letters a word needs for its يين/يون to be a plural ending (ليون, عيون are names)
NISBA_MARK = "+"  # ends the key of a plural in يين/يون, whose ين/ون (the case) is dropped

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER_MAP = str.maketrans(LETTERS)
_DROP_LONG_VOWELS = str.maketrans(dict.fromkeys(LONG_VOWELS))


def is_arabic_script(token: str) -> bool:
    return bool(_ARABIC.search(token))


def unify_letters(token: str) -> str:
    """Step 1: Persian letters and hamza seats as Arabic spells them in names."""
    return token.translate(_LETTER_MAP)


def strip_article(token: str) -> str:
    """Step 2: the article ال, when at least three letters remain."""
    return token[len(ARTICLE) :] if token.startswith(ARTICLE) and len(token) - len(ARTICLE) >= 3 else token


def drop_inner_long_vowels(token: str) -> str:
    """Step 3: ا و ي inside the name (never its first or last letter)."""
    return token[0] + token[1:-1].translate(_DROP_LONG_VOWELS) + token[-1]


def unify_g(token: str) -> str:
    """Step 4: the foreign g, written غ or ج, as ج in a name of four letters or more and at a
    name's end: بوينغ ~ بوينج, كبتاغون ~ كبتاجون, غانا ~ جانا, هونغ ~ هونج (غزة, three letters,
    stays apart from جزة)."""
    if len(token) >= G_LETTERS:
        return token.replace(GHAIN, JEEM)
    return token[:-1] + JEEM if token.endswith(GHAIN) else token


# name_key's letters as it unifies them (the foreign g as ج everywhere), without the long vowels
# it may drop and the marks of a key
_SKELETON = str.maketrans(
    {
        **{
            letter: "".join(c for c in to.replace(GHAIN, JEEM) if c not in LONG_VOWELS)
            for letter, to in LETTERS.items()
        },
        **dict.fromkeys([*LONG_VOWELS, REDUCED_MARK, NISBA_MARK], ""),
        GHAIN: JEEM,
    }
)
LAM, NOON = "\u0644", "\u0646"  # what the article (ال) and a plural's ending (ين, ون) leave of it


def skeleton(token: str) -> str:
    """A token's letters as name_key unifies them, its long vowels and a key's marks dropped: a
    token's skeleton is its key's, behind the article's ل and, when the key ends in "+", before
    the ending's ن (`key_skeletons`). One str.translate: a quick test that a token has none of
    many keys, without computing its key."""
    return token.translate(_SKELETON)


def key_skeletons(keys: Iterable[str]) -> frozenset[str]:
    """Every skeleton a token whose name key is one of `keys` can have."""
    found: set[str] = set()
    for key in keys:
        bare = skeleton(key)
        if key.endswith(NISBA_MARK):
            bare += NOON
        found.update((bare, LAM + bare))
    return frozenset(found)


@lru_cache(maxsize=1 << 17)
def name_key(token: str) -> str:
    """The matching key of one folded token (see the module docstring)."""
    if not is_arabic_script(token):
        return token
    base = unify_g(strip_article(unify_letters(token)))
    if len(base) >= NISBA_MIN and base.endswith(NISBA_PLURALS):
        return _reduce(base[:-2]) + NISBA_MARK  # ليبيين: ليبي+, not ~لبن
    return _reduce(base)


def _reduce(base: str) -> str:
    """Step 3 on a name with its letters unified and its article dropped."""
    if len(base) < MIN_REDUCED:
        return base
    reduced = drop_inner_long_vowels(base)
    dropped = len(base) - len(reduced)
    if len(reduced) < MIN_KEPT or (dropped == 1 and len(reduced) == MIN_KEPT):
        return base  # an Arabic pattern of a three-letter root: خالد, خلود; سعيد, سعود
    return REDUCED_MARK + reduced
