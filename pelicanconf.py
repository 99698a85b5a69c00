"""Sijill site settings. Works untouched on the bundled seeds; see README.md for each setting."""

import os

SITENAME = "سجل"  # shown in every page header
SITESUBTITLE = "أرشيف مشروح لتغطية الأخبار"
PATH = os.path.dirname(os.path.abspath(__file__))  # project root; seeds/ and content/ below it
THEME = os.path.join(PATH, "theme")
TIMEZONE = "UTC"
DEFAULT_LANG = "ar"

# The plugin does all the work; Pelican's own article/page pipeline stays idle.
PLUGIN_PATHS = [os.path.join(PATH, "plugins")]
PLUGINS = ["news_archive"]
NEWS_ARCHIVE = {
    "seeds_path": "seeds",
    "annotations_path": "content/annotations",
    "ui_language": "ar",  # ar, fa or en: language of the site's own chrome
    "site_url": "",  # public address, e.g. https://user.github.io/archive (or env SITEURL)
    "words_per_minute": 180,
    "keep_going": False,  # True (or env SIJILL_KEEP_GOING=1): build even if a seed is refused
}

ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
RELATIVE_URLS = True  # every internal link relative: works from disk and under any sub-path
SITEURL = ""
for _kind in (
    "ARTICLE",
    "PAGE",
    "CATEGORY",
    "TAG",
    "AUTHOR",
    "DRAFT",
    "DRAFT_PAGE",
    "ARCHIVES",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
    "AUTHORS",
    "CATEGORIES",
    "TAGS",
    "ARTICLE_LANG",
    "PAGE_LANG",
    "DRAFT_LANG",
    "DRAFT_PAGE_LANG",
):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = False
