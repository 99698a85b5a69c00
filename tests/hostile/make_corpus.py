"""Write the hostile-input corpus (one file per case) and expected.json: `make hostile`.

Each case is named after what it tests; expected.json says what the build must do with it:
built, warning (built, with a message naming the problem) or refused (with the reason).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
HEAD = "عنوان الخبر عن الحوار\n\n"
BODY = "قال المتحدث باسم الكرملين إن الحوار مستمر مع أرمينيا وأذربيجان في هذه الأيام الصعبة.\n"
TEXT = HEAD + BODY

CASES: dict[str, tuple[bytes, str, str]] = {
    # name: (bytes, expected status, fragment of the message)
    "windows_1256_arabic.txt": (TEXT.encode("cp1256"), "warning", "cp1256"),
    "iso_8859_6_arabic.txt": (TEXT.encode("iso-8859-6"), "warning", "iso-8859-6"),
    "utf16_le_bom.txt": (("\ufeff" + TEXT).encode("utf-16-le"), "built", ""),
    "utf16_be_bom.txt": (("\ufeff" + TEXT).encode("utf-16-be"), "built", ""),
    "utf8_bom.txt": (("\ufeff" + TEXT).encode(), "built", ""),
    "crlf_line_endings.txt": (TEXT.replace("\n", "\r\n").encode(), "built", ""),
    "truncated_utf8_last_character.txt": (TEXT.encode()[:-3], "warning", "middle of a character"),
    "empty.txt": (b"", "refused", "empty"),
    "whitespace_only.txt": (b" \n\t\n\xc2\xa0\n", "refused", "empty"),
    "binary_png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "refused", "binary"),
    "nul_byte_in_text.txt": (TEXT.encode() + b"\x00" + BODY.encode(), "refused", "binary"),
    "latin1_french.txt": ("Le café est très bon.\n\nÀ bientôt, chère amie.\n".encode("latin-1"), "refused", "UTF-8"),
    "english_only.txt": (
        b"Kremlin says talks go on\n\nThe spokesman said the dialogue continues.\n",
        "refused",
        "no Arabic or Persian",
    ),
    "headline_only.txt": ("عنوان بلا نص\n".encode(), "refused", "no article text"),
    "navigation_only.txt": (b"Ru En\n\nEN | AR\n", "refused", "no article text"),
    "large_5mb.txt": ((HEAD + BODY * 33000).encode(), "warning", "truncated"),
    "duplicate_a.txt": (("نسخة مكررة من الخبر\n\n" + BODY).encode(), "built", ""),
    "duplicate_b.txt": (("نسخة مكررة من الخبر\n\n" + BODY).encode(), "warning", "identical to"),
    "bidi_override_in_headline.txt": (("عنوان \u202eمعكوس\u202c الاتجاه\n\n" + BODY).encode(), "built", ""),
    "bidi_isolates_in_body.txt": (
        (HEAD + "قال \u2067المتحدث\u2069 إن \u202dالحوار\u202c مستمر.\n").encode(),
        "built",
        "",
    ),
    "c0_controls.txt": ((HEAD + "قال\x07 المتحدث\x1b إن الحوار\x0b مستمر.\n").encode(), "built", ""),
    "stray_bom_inside.txt": ((HEAD + "قال المتحدث\ufeff إن الحوار مستمر.\n").encode(), "built", ""),
    "script_tag_in_headline.txt": (("<script>alert('headline')</script> عنوان خطير\n\n" + BODY).encode(), "built", ""),
    "onerror_payload_in_body.txt": (
        (
            HEAD
            + '<img src=x onerror="alert(1)"> قال المتحدث إن الحوار مستمر.\n'
            + '<a href="javascript:alert(2)">رابط</a> نص آخر هنا.\n'
        ).encode(),
        "built",
        "",
    ),
    "html_markup_everywhere.txt": (
        (
            "<h1>عنوان</h1>\nتاريخ النشر: <b>25 سبتمبر 2023</b>\n\n<p>" + BODY + "</p>\n"
            "المصدر: <i>وكالة</i>\nكلمات دلالية: <script>x</script>، روسيا\n"
        ).encode(),
        "built",
        "",
    ),
    "json_ld_breakout.txt": (("عنوان </script><script>alert(3)</script>\n\n" + BODY).encode(), "built", ""),
}


def write() -> None:
    SEEDS.mkdir(exist_ok=True)
    for old in SEEDS.iterdir():
        old.unlink()
    expected = {}
    for name, (data, status, message) in sorted(CASES.items()):
        (SEEDS / name).write_bytes(data)
        expected[name] = {"status": status, "message": message}
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {len(CASES)} cases to {SEEDS}")
