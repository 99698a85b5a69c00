"""Paths an editor writes (aliases, redirects): relative paths that stay inside the site.

A site path is relative, normalised (no empty, `.` or `..` segments), not hidden, free of
characters that would make it a URL with a scheme, a query or a fragment (`:`, `?`, `#`, `\\`,
spaces and controls), and ends with one of the suffixes the caller allows. Pure.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r"[\s\\:?#%\x00-\x1f\x7f]")


def path_problem(path: str, suffixes: tuple[str, ...]) -> str | None:
    """Why `path` is not a site path ending in one of `suffixes`, or None when it is one."""
    if not path:
        return "an empty path"
    if path.startswith("/"):
        return f"{path!r} is absolute: write it relative to the site's folder"
    bad = _FORBIDDEN.search(path)
    if bad:
        return f"{path!r} is not a site path (it holds {bad.group()!r}; addresses with a scheme are not paths)"
    segments = path.split("/")
    if any(s in ("", ".", "..") for s in segments):
        return f"{path!r} is not a normalised path inside the site (no empty, '.' or '..' parts)"
    if any(s.startswith(".") for s in segments):
        return f"{path!r} names a hidden file or folder"
    if not path.endswith(suffixes):
        return f"{path!r} must end with {' or '.join(suffixes)}"
    return None
