"""Build the site atomically: Pelican writes into a scratch folder next to the output folder,
which replaces the previous site only when the build succeeded. A failed or interrupted build
leaves the previous site untouched.

    python -m news_archive.build_atomic -s pelicanconf.py -o output [--strict] [--keep-going]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def build(settings: Path, output: Path, strict: bool = False, keep_going: bool = False) -> int:
    output = output.resolve()
    staging = output.with_name(f".{output.name}.building")
    retired = output.with_name(f".{output.name}.previous")
    for scratch in (staging, retired):
        shutil.rmtree(scratch, ignore_errors=True)
    env = dict(os.environ)
    if strict:
        env["SIJILL_STRICT"] = "1"
    if keep_going:
        env["SIJILL_KEEP_GOING"] = "1"
    code = subprocess.call([sys.executable, "-m", "pelican", "-s", str(settings), "-o", str(staging)], env=env)
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "the previous site is untouched" if output.exists() else "no site was written"
        print(f"Sijill: build failed (exit {code}); {kept} in {output}.", file=sys.stderr)
        return code
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("-o", "--output", type=Path, default=Path("output"))
    parser.add_argument("--strict", action="store_true", help="fail when any seed is built with warnings")
    parser.add_argument("--keep-going", action="store_true", help="build the rest when a seed is refused")
    args = parser.parse_args(argv)
    return build(args.settings, args.output, args.strict, args.keep_going)


if __name__ == "__main__":
    sys.exit(main())
