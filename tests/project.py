"""A project folder's settings file for tests and benchmarks: the repository's pelicanconf.py,
theme, plugin and npm assets, with PATH set to the folder (standard library only)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_settings(root: Path, extra: str = "") -> Path:
    """Write root/sitecfg.py and return its path; `extra` is Python appended to it."""
    conf = REPO / "pelicanconf.py"
    path = root / "sitecfg.py"
    path.write_text(
        f"_main = {{'__file__': {str(conf)!r}}}\n"
        f"exec(compile(open({str(conf)!r}, encoding='utf-8').read(), {str(conf)!r}, 'exec'), _main)\n"
        "globals().update({k: v for k, v in _main.items() if k.isupper()})\n"
        f"PATH = {str(root)!r}\nTHEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"NEWS_ARCHIVE = {{**NEWS_ARCHIVE, 'assets_path': {str(REPO / 'node_modules')!r}}}\n" + extra,
        encoding="utf-8",
    )
    return path
