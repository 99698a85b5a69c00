"""Name candidates for editors: recurring multi-word names the authority lacks."""

from __future__ import annotations

from news_archive.candidates import Source, name_candidates
from news_archive.entities import common_words, load_gazetteer
from news_archive.related import stopwords

GAZETTEER = load_gazetteer()


def candidates(sources: list[Source]) -> dict[str, object]:
    found = name_candidates(sources, lambda t: bool(GAZETTEER.mentions(t)), stopwords(), common_words())
    return {c.name: c for c in found}


def report(n: int, outlet: str, lead: str) -> Source:
    return Source(f"{n:016x}", outlet, f"خبر رقم {n}", lead)


def test_a_name_in_several_outlets_is_listed_with_counts_spellings_and_examples():
    leads = [
        ("الشرق", "أعلن مركز زايتوني للأبحاث البحرية عن دراسة جديدة."),
        ("الرياض", "قال مركز زايتوني للأبحاث إن النتائج مشجعة."),
        ("عكاظ", "وأوضح مركز زيتوني للأبحاث أن العمل مستمر."),
        ("عكاظ", "ونشر مركز زايتوني بيانا قصيرا."),
    ]
    found = candidates([report(n, outlet, lead) for n, (outlet, lead) in enumerate(leads)])
    name = found["مركز زايتوني"]
    assert name.reports == 3 and name.outlets == ("الرياض", "الشرق", "عكاظ")
    assert name.examples[0] == ("0000000000000000", "خبر رقم 0")
    assert "مركز زيتوني للأبحاث" not in found  # twice, in two outlets: below the threshold of three reports


def test_one_outlet_function_words_and_known_entities_are_not_candidates():
    same_outlet = [report(n, "الشرق", "قال مركز زايتوني إن العمل مستمر.") for n in range(5)]
    assert "مركز زايتوني" not in candidates(same_outlet)
    known = [report(n, f"outlet {n}", "زار دميتري بيسكوف العاصمة في هذا اليوم.") for n in range(5)]
    found = candidates(known)
    assert "دميتري بيسكوف" not in found  # the authority names him
    assert not any(word in name.split() for name in found for word in ("في", "هذا"))


def test_runs_counted_by_crc_from_a_cache_give_the_same_names_even_when_crcs_collide(tmp_path, monkeypatch):
    import zlib

    from news_archive import candidates as module
    from news_archive.incremental import Store

    leads = ["أعلن مركز زايتوني للأبحاث البحرية عن دراسة.", "قال مركز زايتوني للأبحاث إن النتائج مشجعة."]
    leads += ["وأوضح مركز زيتوني للأبحاث أن العمل مستمر.", "ونشر مركز زايتوني بيانا عن هيئة بلقاسمي للمياه."]
    leads += ["زارت هيئة بلقاسمي للمياه المدينة.", "قالت هيئة بلقاسمي إن المياه تكفي."]
    leads += ["وقالت هيئة بلقاسمي إنها مستعدة."]
    sources = [report(n, ("الشرق", "الرياض", "عكاظ")[n % 3], lead) for n, lead in enumerate(leads)]
    expected = candidates(sources)
    assert {"مركز زايتوني", "هيئة بلقاسمي"} <= set(expected)
    for _build in range(2):  # the runs computed and kept, then read from the cache
        store = Store(tmp_path, "code")
        found = name_candidates(sources, lambda t: False, stopwords(), common_words(), cache=store)
        store.close()
        assert {c.name: c for c in found} == expected
    # every run given one CRC: all may recur, and counting their words keeps apart what the CRC joins
    monkeypatch.setattr(module.zlib, "crc32", lambda data: 7)
    assert zlib.crc32(b"x") == 7
    assert candidates(sources) == expected


def test_the_authority_is_asked_only_of_the_candidates_kept_and_of_what_may_hide_them():
    names = ["مركز زايتوني", "شركة فلانتو", "معهد كرموني", "مرفأ بلتوني"]
    sources = [
        report(n * 10 + k, f"outlet {k}", f"قال {name} إن العمل مستمر.")
        for n, name in enumerate(names)
        for k in range(3 + len(names) - n)  # the first name in most reports: listed first
    ]
    asked: list[str] = []

    def known(text: str) -> bool:
        asked.append(text)
        return text == "مركز زايتوني"  # as if the authority named it: the next one is listed

    found = name_candidates(sources, known, stopwords(), common_words(), limit=1)
    assert [c.name for c in found] == ["شركة فلانتو"]
    assert asked == ["مركز زايتوني", "شركة فلانتو"]  # not every recurring name (9,939 at 10,000 reports)
