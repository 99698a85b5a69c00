"""Hostile projects and faults (issue 15): each case is a small project that a careless user or
an attacker could hand the build, with what the build must do with it. `tests/test_faults.py`
builds each on its own copy with `news_archive.build_atomic` (as `make site` does), under a
timeout, and checks the exit status, the message, the build report and that nothing outside
the output folder was written or deleted.

A case starts from a project with one good seed (`seeds/good.txt`) and no annotations; `files`
adds or replaces files (path relative to the project -> bytes or text), `entries` adds what
cannot be committed as a file (a FIFO, a folder, a symbolic link).
"""

from __future__ import annotations

from dataclasses import dataclass, field

GOOD_ID = "0123456789abcdef"
GOOD_NAME = f"001_{GOOD_ID}.txt"
HEAD = "عنوان الخبر عن الحوار\n\n"
BODY = "قال المتحدث باسم الكرملين إن الحوار مستمر مع أرمينيا وأذربيجان في هذه الأيام الصعبة.\n"
GOOD = HEAD + BODY
OTHER_ID = "fedcba9876543210"
OTHER_NAME = f"002_{OTHER_ID}.txt"
OTHER = "تقرير آخر عن الاقتصاد\n\nارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار المنتجين خفض الإنتاج.\n"
NOTE = f"content/annotations/{GOOD_ID}.md"
REDIRECTS = "content/redirects.txt"
KEEP_GOING = ("--keep-going",)


@dataclass(frozen=True)
class Fault:
    files: dict[str, bytes | str] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)  # path -> fifo|dir|symlink:<target>|absent|empty
    output: str = "output"  # the build's -o argument, relative to the project
    flags: tuple[str, ...] = ()  # e.g. ("--keep-going",)
    exit: int = 0  # 0: the build succeeds; 1: it stops with `message`
    message: str = ""  # a fragment of what the build prints (stdout + stderr)
    outcomes: dict[str, str] = field(default_factory=dict)  # seeds entry -> status in build-report.json
    present: tuple[str, ...] = ()  # files the built site must have
    absent: tuple[str, ...] = ()  # text no file of the built site may contain


def note(header: str, body: str = "") -> str:
    """An annotation: its header lines, a blank line, the note."""
    return f"{header}\n\n{body}\n"


def dated(date: str) -> str:
    """The good seed with a labelled date line."""
    return f"{HEAD.strip()}\nتاريخ النشر: {date}\n\n{BODY}"


FAULTS: dict[str, Fault] = {
    # --- the output folder (build_atomic) ----------------------------------------------------
    "output_is_the_project": Fault(output=".", exit=1, message="it is the project folder"),
    "output_holds_the_project": Fault(output="..", exit=1, message="it holds the project folder"),
    "output_is_seeds": Fault(output="seeds", exit=1, message="it is the project's seeds/ folder"),
    "output_inside_seeds": Fault(output="seeds/out", exit=1, message="it is the project's seeds/ folder or inside it"),
    "output_is_content": Fault(output="content", exit=1, message="it is the project's content/ folder"),
    "output_is_annotations": Fault(output="content/annotations", exit=1, message="the project's content/ folder"),
    "output_is_theme": Fault(output="theme", exit=1, message="it is the project's theme/ folder"),
    "output_is_git": Fault(entries={".git": "dir"}, output=".git", exit=1, message="the project's .git/ folder"),
    "output_links_to_seeds": Fault(
        entries={"site": "symlink:seeds"}, output="site", exit=1, message="it is the project's seeds/ folder"
    ),
    "output_is_a_foreign_folder": Fault(
        files={"site/notes.txt": "mine"}, output="site", exit=1, message="not a previous Sijill build"
    ),
    "output_is_a_file": Fault(files={"site.html": "mine"}, output="site.html", exit=1, message="is not a folder"),
    "output_is_the_filesystem_root": Fault(output="/", exit=1, message="it is the filesystem root"),
    "output_is_an_empty_folder": Fault(entries={"site": "dir"}, output="site"),
    "output_leftover_scratch_folder": Fault(files={".output.previous/index.html": "old", ".output.building": "x"}),
    "output_stale_lock": Fault(files={".output.lock": "999999999\n"}),
    # --- seeds/ entries -------------------------------------------------------------------------
    "seeds_fifo_refused_without_blocking": Fault(
        entries={"seeds/pipe.txt": "fifo"}, flags=KEEP_GOING, message="FIFO", outcomes={"pipe.txt": "refused"}
    ),
    "seeds_fifo_stops_the_build": Fault(entries={"seeds/pipe.txt": "fifo"}, exit=1, message="seeds/pipe.txt"),
    "seeds_fifo_without_suffix_skipped": Fault(entries={"seeds/pipe": "fifo"}, outcomes={"pipe": "skipped"}),
    "seeds_folder_named_like_a_seed": Fault(
        entries={"seeds/x.txt": "dir"}, message="empty folder", outcomes={"x.txt": "skipped"}
    ),
    "seeds_symlink_loop": Fault(
        entries={"seeds/loop.txt": "symlink:loop.txt"},
        flags=KEEP_GOING,
        message="loop",
        outcomes={"loop.txt": "refused"},
    ),
    "seeds_dangling_symlink": Fault(
        entries={"seeds/gone.txt": "symlink:nowhere.txt"},
        flags=KEEP_GOING,
        message="broken symbolic link",
        outcomes={"gone.txt": "refused"},
    ),
    "seeds_symlink_out_of_the_folder_not_published": Fault(
        files={"private.txt": "سر لا يُنشر أبداً\n\n" + BODY},
        entries={"seeds/leak.txt": "symlink:../private.txt"},
        flags=KEEP_GOING,
        message="outside the seeds folder",
        outcomes={"leak.txt": "refused"},
        absent=("سر لا يُنشر",),
    ),
    "seeds_symlink_to_another_seed_skipped": Fault(
        entries={"seeds/again.txt": f"symlink:{GOOD_NAME}"},
        message="built under its own name",
        outcomes={"again.txt": "skipped", GOOD_NAME: "built"},
    ),
    "seeds_upper_case_suffix_built": Fault(files={"seeds/SHOUT.TXT": OTHER}, outcomes={"SHOUT.TXT": "built"}),
    "seeds_file_without_suffix_skipped": Fault(
        files={"seeds/README": "ملاحظات"}, message="not a .txt file", outcomes={"README": "skipped"}
    ),
    "seeds_hidden_file_skipped": Fault(files={"seeds/.DS_Store": b"\x00\x01"}, outcomes={".DS_Store": "skipped"}),
    "seeds_sub_folder_read": Fault(files={"seeds/2023/other.txt": OTHER}, outcomes={"2023/other.txt": "built"}),
    "seeds_folder_missing": Fault(entries={"seeds": "absent"}, exit=1, message="seeds folder"),
    "seeds_folder_empty": Fault(entries={"seeds": "empty"}, exit=1, message="is empty"),
    "seeds_none_buildable_even_when_keeping_going": Fault(
        files={f"seeds/{GOOD_NAME}": b""}, flags=KEEP_GOING, exit=1, message="no article could be built"
    ),
    # --- annotations, aliases and redirects -----------------------------------------------------
    "annotation_fifo": Fault(entries={f"content/annotations/{GOOD_ID}.md": "fifo"}, exit=1, message="FIFO"),
    "annotation_not_utf8": Fault(
        files={NOTE: b"Editor: x\nTitle: \xe1\xed\xd3\n\nnote\n"}, exit=1, message=f"{GOOD_ID}.md:2: not UTF-8"
    ),
    "annotation_too_large": Fault(files={NOTE: note("Editor: x", "كلمة " * 1_000_000)}, exit=1, message="larger than"),
    "annotation_quotes_nested_3000_deep": Fault(
        files={NOTE: note("Editor: x", "> " * 3000 + "x")}, exit=1, message=f"{GOOD_ID}.md:3: the note nests"
    ),
    "annotation_lists_nested_300_deep": Fault(
        files={NOTE: note("Editor: x", "".join("  " * i + "* x\n" for i in range(300)))}, exit=1, message="nests"
    ),
    "annotation_brackets_nested_8000_deep": Fault(
        files={NOTE: note("Editor: x", "[" * 8000 + "x" + "]" * 8000)}, exit=1, message="nests"
    ),
    "annotation_controls_and_bidi_cleaned": Fault(
        files={
            NOTE: note(
                "Title: عنوان \u202eمعكوس\x1b\x0b\x00\nTags: وسم\u202e، آخر\x1b\nEditor: محرر\u202e\x00",
                "ملاحظة \u202eمعكوسة\x1b\x0b\x00 هنا.",
            )
        }
    ),
    "annotation_outlet_without_a_name": Fault(files={NOTE: note("Outlet: !!!")}, exit=1, message="names no outlet"),
    "annotation_impossible_date": Fault(files={NOTE: note("Date: 30 February 2023")}, exit=1, message="has no day 30"),
    "alias_over_another_articles_original": Fault(
        files={f"seeds/{OTHER_NAME}": OTHER, NOTE: note(f"Aliases: articles/{OTHER_ID}.txt")},
        exit=1,
        message=f"{GOOD_ID}.md:1: articles/{OTHER_ID}.txt is a file the site publishes",
    ),
    "alias_over_the_home_page": Fault(files={NOTE: note("Aliases: index.html")}, exit=1, message="the site publishes"),
    "alias_over_a_listing": Fault(files={NOTE: note("Aliases: languages/ar.html")}, exit=1, message="site publishes"),
    "alias_not_normalised": Fault(
        files={NOTE: note(f"Aliases: articles/./{GOOD_ID}.html")}, exit=1, message="not a normalised path"
    ),
    "alias_claimed_by_two_annotations": Fault(
        files={
            f"seeds/{OTHER_NAME}": OTHER,
            NOTE: note("Aliases: old/story.html"),
            f"content/annotations/{OTHER_ID}.md": note("Aliases: old/story.html"),
        },
        exit=1,
        message="is already redirected by",
    ),
    "alias_old_txt_path_kept": Fault(files={NOTE: note("Aliases: old/original.txt")}, present=("old/original.txt",)),
    "redirect_escaping_the_output": Fault(
        files={REDIRECTS: "../.output.building-evil/pwn.html index.html\n"}, exit=1, message="redirects.txt:1"
    ),
    "redirect_absolute_path": Fault(files={REDIRECTS: "/tmp/pwn.html index.html\n"}, exit=1, message="absolute"),
    "redirect_over_generated_data": Fault(files={REDIRECTS: "archive.json index.html\n"}, exit=1, message="end with"),
    "redirect_over_a_script": Fault(files={REDIRECTS: "theme/js/search.js index.html\n"}, exit=1, message="end with"),
    "redirect_over_a_page": Fault(files={REDIRECTS: "browse.html index.html\n"}, exit=1, message="site publishes"),
    "redirect_to_javascript": Fault(files={REDIRECTS: "old.html javascript:alert(1)\n"}, exit=1, message="scheme"),
    "redirect_to_another_host": Fault(
        files={REDIRECTS: "old.html https://example.org/x.html\n"}, exit=1, message="scheme"
    ),
    "redirect_to_nothing": Fault(files={REDIRECTS: "old.html nowhere.html\n"}, exit=1, message="not a page"),
    "redirect_loop": Fault(files={REDIRECTS: "a.html b.html\nb.html a.html\n"}, exit=1, message="redirect loop"),
    "redirect_chain_resolved": Fault(
        files={REDIRECTS: "old/a.html old/b.html\nold/b.html index.html\n"}, present=("old/a.html", "old/b.html")
    ),
    # --- listings and dates -----------------------------------------------------------------------
    "outlets_without_a_name_not_listed": Fault(
        files={f"seeds/{GOOD_NAME}": HEAD + "المصدر: !!!\n\n" + BODY, "seeds/b.txt": OTHER + "المصدر: ..\n"},
        message="names no outlet",
        outcomes={GOOD_NAME: "warning", "b.txt": "warning"},
    ),
    "outlets_spelled_alike_merged_with_a_notice": Fault(
        files={f"seeds/{GOOD_NAME}": GOOD + "المصدر: CNN\n", "seeds/b.txt": OTHER + "المصدر: cnn\n"},
        message="are listed together",
    ),
    "date_30_february": Fault(files={f"seeds/{GOOD_NAME}": dated("30 فبراير 2023")}, message="has no day 30"),
    "date_year_0001": Fault(files={f"seeds/{GOOD_NAME}": dated("0001-01-01")}, message="year 0001"),
    "date_year_9999": Fault(files={f"seeds/{GOOD_NAME}": dated("1 يناير 9999")}, message="year 9999"),
    "date_month_13": Fault(files={f"seeds/{GOOD_NAME}": dated("2023-13-01")}, message="no month 13"),
    "date_solar_hijri_1500": Fault(files={f"seeds/{GOOD_NAME}": dated("۳ مهر ۱۵۰۰")}, message="year 1500"),
    "giant_paragraph_split": Fault(
        files={f"seeds/{GOOD_NAME}": HEAD + BODY.strip() * 10_000},
        message="split into",
        outcomes={GOOD_NAME: "warning"},
    ),
}
