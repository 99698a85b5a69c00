"""Add the citable paths of a built site to the URL register: `make register`.

python -m news_archive.register_cli urls.txt output
"""

from __future__ import annotations

import sys
from pathlib import Path

from .permanence import read_register, unregistered


def add_to_register(register_path: Path, output: Path) -> list[str]:
    """Append the citable paths of a built site that the register does not hold yet."""
    published = [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    new = unregistered(read_register(register_path), published)
    if new:
        with register_path.open("a", encoding="utf-8") as handle:
            handle.writelines(f"{url}\n" for url in new)
    return new


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m news_archive.register_cli urls.txt output", file=sys.stderr)
        return 2
    new = add_to_register(Path(argv[0]), Path(argv[1]))
    print(f"{len(new)} path(s) added to {argv[0]}" + "".join(f"\n  {u}" for u in new))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
