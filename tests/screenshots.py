"""Screenshots of every page type at 1280 px and 390 px, for review: `make screenshots`.

    python -m tests.screenshots output screenshots/

Full-page PNGs named <page type>-<width>.png, taken in the system Chromium from file://.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.pagetypes import page_types

WIDTHS = {1280: 900, 390: 844}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    pages = page_types(args.site)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for kind, path in pages.items():
                page.goto(path.as_uri())
                page.wait_for_load_state("networkidle")
                page.screenshot(path=args.folder / f"{kind}-{width}.png", full_page=True)
            page.close()
        browser.close()
    print(f"{len(pages) * len(WIDTHS)} screenshots of {len(pages)} page types in {args.folder}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
