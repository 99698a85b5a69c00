"""UI strings translated when templates compile (i18n.ConstantMessages) read exactly as the
run-time gettext gives them, for every message of every catalog."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment
from news_archive import i18n

from tests.conftest import REPO

CATALOGS = i18n.compile_catalogs(REPO / "theme" / "translations")


def environment(template: str) -> tuple[Environment, list[str]]:
    calls: list[str] = []
    gettext, ngettext = i18n.page_gettext(CATALOGS, "ar")

    def counting(context, message: str) -> str:
        calls.append(message)
        return gettext(context, message)

    counting.jinja_pass_arg = gettext.jinja_pass_arg  # keep pass_context
    env = Environment(loader=DictLoader({"t.html": template}), autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(counting, ngettext, newstyle=True)
    return env, calls


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_reads_the_same_folded_and_at_run_time(lang):
    messages = sorted({m for m in CATALOGS[lang]._catalog if isinstance(m, str) and m and "\x00" not in m})
    template = "\n".join(f'<p title="{{{{ _({m!r}) }}}}">{{{{ _({m!r}) }}}}</p>' for m in messages if "%" not in m)
    env, calls = environment(template)
    at_run_time = env.get_template("t.html").render(page_lang=lang)
    assert calls, "the plain environment calls gettext"
    calls.clear()
    folded = i18n.for_language(env, CATALOGS, lang).get_template("t.html").render(page_lang=lang)
    assert folded == at_run_time
    assert not calls, "constant messages are not looked up while rendering"


def test_messages_with_arguments_are_left_to_gettext():
    env, calls = environment("{{ _('%(num)s KB', num='٣') }}")
    assert i18n.for_language(env, CATALOGS, "ar").get_template("t.html").render(page_lang="ar") == "٣ كيلوبايت"
    assert calls == ["%(num)s KB"]
