"""Editor Markdown to safe HTML: Markdown, then nh3 sanitising (keeps `dir` and `lang`)."""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "ul",
    "bdi",
}
GLOBAL_ATTRIBUTES = {"dir", "lang", "title"}
ALLOWED_ATTRIBUTES = {"*": GLOBAL_ATTRIBUTES, "a": GLOBAL_ATTRIBUTES | {"href"}}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
