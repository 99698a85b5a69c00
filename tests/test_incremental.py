"""Incremental builds (`make site` again): nothing changed -> nothing rewritten; after adding,
editing or deleting a seed, editing an annotation, the editors' name authority or the theme, the
site is byte-identical to a clean build of the same inputs, and the unchanged pages were reused,
not rendered again."""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from news_archive import i18n, incremental

from tests.conftest import REPO, SEEDS
from tests.project import write_settings

UNRELATED = (  # a report of another story: it enters listings, not the other reports' pages
    "موسم الحصاد يبدأ مبكرا في السهول الشمالية\n\n"
    "بدأ المزارعون في السهول الشمالية حصاد القمح قبل موعده المعتاد بأسبوعين بسبب ارتفاع درجات الحرارة.\n\n"
    "وقال مهندسون زراعيون إن المحصول هذا العام جيد رغم قلة الأمطار في الشتاء الماضي.\n"
)


def make_project(root: Path, theme: Path | None = None) -> Path:
    (root / "seeds").mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copyfile(seed, root / "seeds" / seed.name)
    (root / "content" / "annotations").mkdir(parents=True)
    for note in (REPO / "content" / "annotations").glob("*.md"):
        shutil.copyfile(note, root / "content" / "annotations" / note.name)
    shutil.copyfile(REPO / "urls.txt", root / "urls.txt")
    return write_settings(root, f"THEME = {str(theme)!r}\n" if theme else "")


def make_site(settings: Path, output: Path, *flags: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "COLUMNS": "500", "TERM": "dumb"}
    env.pop("SITEURL", None)
    command = [sys.executable, "-m", "news_archive.build_atomic", "-s", str(settings), "-o", str(output), *flags]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=settings.parent, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def rendered(log: str) -> tuple[int, int]:
    """(pages rendered, pages reused) as the build logged them."""
    found = re.search(r"pages: (\d+) rendered, (\d+) unchanged", log)
    assert found, log
    return int(found[1]), int(found[2])


def files(folder: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(folder).as_posix(): p.stat() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(project: Path, settings: Path, tmp_path: Path) -> None:
    """The incremental site equals a build of the same inputs with an empty cache, byte for byte."""
    clean = tmp_path / "clean-output"
    env_cache = os.environ.get("SIJILL_CACHE")
    os.environ["SIJILL_CACHE"] = str(tmp_path / "clean-cache")
    try:
        shutil.rmtree(clean, ignore_errors=True)
        make_site(settings, clean)
    finally:
        if env_cache is None:
            os.environ.pop("SIJILL_CACHE")
        else:
            os.environ["SIJILL_CACHE"] = env_cache
    ours, theirs = files(project / "output"), files(clean)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if not filecmp.cmp(project / "output" / name, clean / name, shallow=False)]
    assert not different, different[:10]


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    settings = make_project(root)
    log = make_site(settings, root / "output")
    assert rendered(log)[1] == 0, "a first build reuses nothing"
    return root, settings


def test_nothing_changed_rewrites_nothing(project):
    root, settings = project
    before = files(root / "output")
    log = make_site(settings, root / "output")
    assert "nothing changed since the last build" in log
    after = files(root / "output")
    assert {k: (v.st_ino, v.st_mtime_ns) for k, v in before.items()} == {
        k: (v.st_ino, v.st_mtime_ns) for k, v in after.items()
    }


def test_a_changed_output_folder_is_built_again(project):
    root, settings = project
    (root / "output" / "index.html").write_text("edited by hand", encoding="utf-8")
    log = make_site(settings, root / "output")
    assert "nothing changed" not in log
    assert "edited by hand" not in (root / "output" / "index.html").read_text("utf-8")


def test_another_copy_of_the_plugin_builds_again(project, tmp_path):
    """The last build ran the plugin from one folder; one run from another copy, whose code
    differs, is not told that nothing changed (the check looked at the old copy's files)."""
    root, settings = project
    copy = tmp_path / "other" / "plugins"
    shutil.copytree(REPO / "plugins", copy, ignore=shutil.ignore_patterns("__pycache__"))
    reader = copy / "news_archive" / "reader.py"
    reader.write_text(reader.read_text("utf-8") + "\n# another copy\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy), "COLUMNS": "500", "TERM": "dumb"}
    env.pop("SITEURL", None)
    command = [sys.executable, "-m", "news_archive.build_atomic", "-s", str(settings), "-o", str(root / "output")]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "nothing changed" not in proc.stdout and "pages:" in proc.stdout
    assert "nothing changed" in make_site(settings, root / "output") + make_site(settings, root / "output")


def test_the_record_of_a_built_site_holds_every_file_at_every_depth(tmp_path):
    """output_files: each file by its path inside the site, with its size and time; a link to a
    file counts as that file, a link to a folder is not followed (as os.walk lists them)."""
    from news_archive.incremental import output_files

    site = tmp_path / "site"
    (site / "articles" / "deep").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "articles" / "a.html").write_text("article")
    (site / "articles" / "deep" / "b.txt").write_text("original text")
    (site / "alias.html").symlink_to(site / "articles" / "a.html")
    (site / "mirror").symlink_to(site / "articles", target_is_directory=True)
    found = output_files(site)
    expected = {"index.html": 4, "articles/a.html": 7, "articles/deep/b.txt": 13, "alias.html": 7}
    assert {name: size for name, (size, _time) in found.items()} == expected
    assert found["articles/deep/b.txt"][1] == (site / "articles" / "deep" / "b.txt").stat().st_mtime_ns


def test_adding_a_seed_renders_only_what_changes(project, tmp_path):
    root, settings = project
    search = {k: v.st_ino for k, v in files(root / "output").items() if k.startswith("search/docs/")}
    originals = {k: v.st_ino for k, v in files(root / "output").items() if re.fullmatch(r"articles/\w+\.txt", k)}
    (root / "seeds" / "006_0123456789abcdef.txt").write_text(UNRELATED, "utf-8")
    count, reused = rendered(make_site(settings, root / "output"))
    assert reused >= 5, (count, reused)  # at least the five other article pages
    assert (root / "output" / "articles" / "0123456789abcdef.html").is_file()
    # the other articles' originals are the same files, linked from the previous site
    assert {k: v.st_ino for k, v in files(root / "output").items() if k in originals} == originals
    # the search result files of the articles that kept their number are the same files, linked
    now = files(root / "output")
    assert [k for k, inode in search.items() if k in now and now[k].st_ino == inode], search
    assert len([k for k in now if k.startswith("search/docs/")]) == len(search) + 1
    assert_same_as_clean_build(root, settings, tmp_path)


def test_a_fresh_checkout_with_the_last_build_restored_builds_only_what_changed(project, tmp_path):
    """As the Pages workflow runs: every run is a fresh checkout (each file written anew, newer
    than the last build) into which actions/cache restores `.sijill-cache/` and `output/` from a
    `tar --posix` archive (which keeps times to the nanosecond). Nothing changed: nothing is built.
    A new article: only what it changes is rendered, the rest linked, and the site is a clean
    build's."""
    root, settings = project
    saved = tmp_path / "cache.tar"
    subprocess.run(["tar", "--posix", "-cf", saved, "-C", root, ".sijill-cache", "output"], check=True)
    built = {k: v.st_mtime_ns for k, v in files(root / "output").items()}
    shutil.rmtree(root)
    settings = make_project(root)  # the checkout
    subprocess.run(["tar", "-xf", saved, "-C", root], check=True)
    assert "nothing changed since the last build" in make_site(settings, root / "output")
    assert {k: v.st_mtime_ns for k, v in files(root / "output").items()} == built
    (root / "seeds" / "006_0123456789abcdef.txt").write_text(UNRELATED, "utf-8")
    count, reused = rendered(make_site(settings, root / "output"))
    assert reused >= 5 and reused > count, (count, reused)  # at least the five other article pages
    assert_same_as_clean_build(root, settings, tmp_path)


def test_editing_and_deleting_seeds_and_an_annotation(project, tmp_path):
    root, settings = project
    seed = root / "seeds" / "004_3f15938f3087b2b9.txt"
    seed.write_text(seed.read_text("utf-8") + "\nفقرة أضيفت إلى الخبر بعد نشره.\n", encoding="utf-8")
    (root / "seeds" / "002_6a78640d8eb2f584.txt").unlink()
    register = root / "urls.txt"  # the deleted article's URLs leave the register too
    register.write_text("".join(x for x in register.read_text("utf-8").splitlines(True) if "6a78640d" not in x))
    note = next((root / "content" / "annotations").glob("*.md"))
    note.write_text(note.read_text("utf-8") + "\nملاحظة إضافية من المحرر.\n", encoding="utf-8")
    make_site(settings, root / "output")
    assert not (root / "output" / "articles" / "6a78640d8eb2f584.html").exists()
    assert_same_as_clean_build(root, settings, tmp_path)


def test_another_name_for_a_seeds_bytes_added_on_a_rebuild(project, tmp_path):
    """An article's entry is made from its seed's reading and also from the other names of its
    bytes: a copy of a seed changes the article's page (`also collected as`) and nothing else."""
    root, settings = project
    seeds = root / "seeds"
    shutil.copyfile(seeds / "001_c61355213998c85b.txt", seeds / "copy-of-001.txt")
    make_site(settings, root / "output")
    assert "copy-of-001.txt" in (root / "output" / "articles" / "c61355213998c85b.html").read_text("utf-8")
    assert_same_as_clean_build(root, settings, tmp_path)


def test_an_editors_end_of_text_added_on_a_rebuild(project, tmp_path):
    """An annotation's Body_end changes the text the build relates and indexes, not only the page."""
    root, settings = project
    (root / "content" / "annotations" / "3f15938f3087b2b9.md").write_text(
        "Body_end: هنوز وجود دارد\n\nما بعد این جمله از صفحه‌ی دیگری است.\n", encoding="utf-8"
    )
    make_site(settings, root / "output")
    assert "body-end-edited" in (root / "output" / "articles" / "3f15938f3087b2b9.html").read_text("utf-8")
    assert_same_as_clean_build(root, settings, tmp_path)


def test_a_theme_change_renders_every_page_again(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    root = tmp_path / "project"
    settings = make_project(root, theme)
    first, _ = rendered(make_site(settings, root / "output"))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text("utf-8").replace("</footer>", "<p>changed</p></footer>"), encoding="utf-8")
    count, reused = rendered(make_site(settings, root / "output"))
    assert (count, reused) == (first, 0)
    assert "<p>changed</p>" in (root / "output" / "index.html").read_text("utf-8")
    assert_same_as_clean_build(root, settings, tmp_path)


def test_editing_the_name_authority_is_seen_by_cached_tags_and_pages(project, tmp_path):
    """content/entities/ is outside the code the cache keys cover: its digest is in both keys."""
    root, settings = project
    folder = root / "content" / "entities"
    folder.mkdir()
    editors = folder / "editors.md"
    editors.write_text("Hide: armenia\n\nRename: karabakh\nName-ar: قره باغ الجبلية\n", encoding="utf-8")
    make_site(settings, root / "output")
    tags = json.loads((root / "output" / "archive.json").read_text("utf-8"))["articles"]
    assert not any("armenia" in article["entities"] for article in tags)
    assert "قره باغ الجبلية" in (root / "output" / "articles" / "df451209fdc08719.html").read_text("utf-8")
    editors.write_text("Rename: karabakh\nName-ar: آرتساخ\n\nMerge: kremlin into peskov\n", encoding="utf-8")
    make_site(settings, root / "output")
    assert 'content="0; url=../entities/peskov.html"' in (root / "output" / "entities" / "kremlin.html").read_text()
    assert_same_as_clean_build(root, settings, tmp_path)


def test_a_store_keeps_one_table_per_use_and_drops_what_a_build_did_not_use(tmp_path):
    from news_archive.incremental import Store

    first, other = Store(tmp_path, "code"), Store(tmp_path, "code", "related")
    first.put("a", {"parsed": 1})
    first.put("b", (b"\x00", 2))
    other.put("a", "features")
    first.close()
    other.close()
    again, other = Store(tmp_path, "code"), Store(tmp_path, "code", "related")
    assert (again.get("a"), again.get("b"), other.get("a")) == ({"parsed": 1}, (b"\x00", 2), "features")
    assert Store(tmp_path, "other code").get("a") is None  # the code is part of every key
    again.close()  # "a" and "b" were used: kept
    other.put("c", 3)
    other.close()  # used "a" and "c"
    last, other = Store(tmp_path, "code"), Store(tmp_path, "code", "related")
    assert last.get("b") == (b"\x00", 2)
    last.close()  # "a" was not used this time: dropped
    assert Store(tmp_path, "code").get("a") is None and other.get("c") == 3
    with pytest.raises(ValueError):
        Store(tmp_path, "code", "records; DROP TABLE records")


def test_a_store_gives_many_values_at_once_and_keeps_those_it_gave(tmp_path):
    from news_archive import incremental
    from news_archive.incremental import Store

    store = Store(tmp_path, "code")
    for n in range(incremental.MANY + 10):  # more than one query's worth
        store.put(str(n), n)
    store.put_pickled("pickled", pickle.dumps({"as": "a worker gives it"}, protocol=incremental.PICKLE))
    store.close()
    again = Store(tmp_path, "code")
    asked = ["missing", *map(str, range(incremental.MANY + 10)), "pickled"]
    assert again.get_many(asked) == [None, *range(incremental.MANY + 10), {"as": "a worker gives it"}]
    again.close()  # every value given was used: none dropped
    assert Store(tmp_path, "code").get_many(["0", str(incremental.MANY + 9)]) == [0, incremental.MANY + 9]


def test_a_large_value_is_a_file_of_its_own_dropped_with_its_row(tmp_path):
    from news_archive import incremental
    from news_archive.incremental import Store

    large, small = b"x" * incremental.LARGE, {"small": 1}
    store = Store(tmp_path, "code", "search")
    store.put("large", large)
    store.put("small", small)
    store.close()
    assert len(list((tmp_path / "blobs").glob("search-*"))) == 1
    again = Store(tmp_path, "code", "search")
    assert again.get_many(["large", "small"]) == [large, small] and again.get("large") == large
    again.close()
    assert len(list((tmp_path / "blobs").glob("search-*"))) == 1  # used: kept
    last = Store(tmp_path, "code", "search")
    assert last.get("small") == small
    last.close()  # the large value was not used this time: its row and its file are dropped
    assert list((tmp_path / "blobs").glob("search-*")) == [] and Store(tmp_path, "code", "search").get("large") is None


def test_a_large_first_build_computes_its_page_keys_beside_the_pages(tmp_path, monkeypatch):
    """Over RENDER_IN_PROCESS articles the search index, the name candidates and (in a first
    build) the page keys are computed by forked processes: the next build finds the pages its
    keys say are unchanged, and the result is a clean build's."""
    from bench.related_bench import write_corpus

    monkeypatch.setenv("SIJILL_PROCESSES", "2")
    root = tmp_path / "project"
    settings = make_project(root)
    write_corpus(tmp_path / "corpus", 220)  # beside the bundled seeds
    for seed in (tmp_path / "corpus").glob("*.txt"):
        shutil.copyfile(seed, root / "seeds" / f"x{seed.name}")
    first = rendered(make_site(settings, root / "output"))
    (root / "seeds" / "999_0123456789abcdef.txt").write_text(UNRELATED, "utf-8")
    count, reused = rendered(make_site(settings, root / "output"))
    assert first[1] == 0 and reused > first[0] // 2, (first, count, reused)
    assert_same_as_clean_build(root, settings, tmp_path)


def test_an_export_keeps_the_pieces_of_the_articles_a_rebuild_did_not_change(tmp_path):
    made = []

    def pieces(keys: list[str], code: str = "code", cache: Path | None = tmp_path) -> list[str]:
        return incremental.pieces(cache, "archive.bib", code, keys, lambda i: made.append(keys[i]) or keys[i].upper())

    assert pieces(["a", "b", "c"]) == ["A", "B", "C"] and made == ["a", "b", "c"]
    made.clear()
    assert pieces(["c", "new", "a"]) == ["C", "NEW", "A"] and made == ["new"]  # b is gone, new is made
    made.clear()
    assert pieces(["a", "b"]) == ["A", "B"] and made == ["b"]  # only the last build's pieces are kept
    made.clear()
    assert pieces(["a", "b"], code="other theme") == ["A", "B"] and made == ["a", "b"]
    made.clear()
    (tmp_path / "exports" / "archive.bib.pickle").write_bytes(b"not a pickle")
    assert pieces(["a"]) == ["A"] and made == ["a"]
    made.clear()
    assert pieces(["a"], cache=None) == ["A"] and made == ["a"]


def test_compiled_templates_are_kept_per_language_and_dropped_with_their_key(tmp_path):
    class Catalog:  # what for_language reads of a compiled catalog
        def __init__(self, text: str):
            self.gettext = lambda message: text if message == "Search" else message

    catalogs = {"ar": Catalog("بحث"), "fa": Catalog("جستجو")}

    def build(key: str) -> dict[str, str]:  # one build: fresh environments, the cache folder kept
        env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<b>{{ _('Search') }}</b>"}))
        env.add_extension("jinja2.ext.i18n")
        env.install_null_translations(newstyle=True)
        pages = {}
        for lang in catalogs:
            overlay = i18n.for_language(env, catalogs, lang)
            overlay.bytecode_cache = incremental.TemplateCache(tmp_path, key, lang)
            pages[lang] = overlay.get_template("page.html").render()
        return pages

    expected = {"ar": "<b>بحث</b>", "fa": "<b>جستجو</b>"}
    assert build("one") == expected
    assert len(list((tmp_path / "templates" / "one").iterdir())) == 2  # one compiled template per language
    assert build("one") == expected  # read back: each language its own
    assert build("two") == expected
    assert [p.name for p in (tmp_path / "templates").iterdir()] == ["two"]


def test_a_template_cache_whose_folder_went_away_still_renders(tmp_path):
    # another build, of other code or settings, deletes the folders of keys other than its own
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<b>{{ 1 + 1 }}</b>"}))
    env.bytecode_cache = incremental.TemplateCache(tmp_path, "one", "ar")
    incremental.TemplateCache(tmp_path, "two", "ar")
    assert env.get_template("page.html").render() == "<b>2</b>"


def test_a_page_key_is_the_same_in_every_process_whatever_its_sets_order(tmp_path):
    """A page's key is compared with the one a previous build (another process, another string
    hash seed) computed: a set in a context is keyed in sorted order, not in its iteration order."""
    script = (
        "import sys; from news_archive.incremental import PageKeys\n"
        "names = {f'name {n}' for n in range(40)}\n"
        "print(list(names)[:3], PageKeys('code', ()).key('a.html', 'article', 'ar', {'names': names, 'n': 1}))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO / "plugins")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("] ")
        for seed in ("1", "2", "3")
    ]
    assert len({order for order, _ in runs}) > 1  # the sets' own order differed between the processes
    assert len({key for _, key in runs}) == 1


def test_a_seed_unchanged_since_build_atomic_took_its_digest_is_not_read_again(tmp_path):
    seed = tmp_path / "seeds" / "a.txt"
    seed.parent.mkdir()
    seed.write_text("خبر\n", encoding="utf-8")
    info = seed.stat()
    files = {"seeds/a.txt": [info.st_size, info.st_mtime_ns, "d" * 64]}  # as inputs() lists them
    assert incremental.save_digests(tmp_path, tmp_path / "output", files) is None  # no cache folder yet: a first build
    (tmp_path / incremental.CACHE_DIR / "builds").mkdir(parents=True)
    digests = incremental.load_digests(str(incremental.save_digests(tmp_path, tmp_path / "output", files)))
    assert incremental.seed_digest(seed, info.st_size, info.st_mtime_ns, digests) == "d" * 64  # taken, not read
    real = hashlib.sha256(seed.read_bytes()).hexdigest()
    assert incremental.seed_digest(seed, info.st_size, info.st_mtime_ns + 1, digests) == real  # touched since
    assert incremental.seed_digest(seed, info.st_size, info.st_mtime_ns, {}) == real  # no table: a build without one
