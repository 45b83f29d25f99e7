"""The browser's own words (page titles, buttons, messages), and the templates' way of saying them.

The browser's words are in the same gettext catalogues as those every front end shares (assistant/i18n.py,
assistant/locale/), under keys that begin with `web.` and `room.`. Values are inserted as plain text: the
templates escape everything, so nothing in a catalogue or in a value is ever markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import pass_context

# the browser's own words and those every front end shares are one lookup: these names are texts.say and
# i18n.known, re-exported for the pages (as X as X)
from assistant.i18n import known as known
from assistant.texts import say as say

if TYPE_CHECKING:
    import jinja2
    from jinja2.runtime import Context


def install(env: jinja2.Environment) -> None:
    """Jinja2's i18n extension on `env`, its gettext the catalogues' lookup: `{{ _("web.next") }}` or
    `{{ _("web.continue_text", n=3) }}` in a template says the words in the language the page is rendered
    in (its `lang`). The extension's "old style" gettext: what `_` gives is a plain string, escaped like
    every other value, so a catalogue's words are never markup. (Its `{% trans %}` blocks would mark them
    safe: the templates do not use them, tests/test_catalogues.py.)"""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=False)  # type: ignore[attr-defined]


@pass_context
def _gettext(context: Context, key: str, /, **values: Any) -> str:
    return say(key, context["lang"], **values)


@pass_context
def _ngettext(context: Context, one: str, many: str, n: int, /, **values: Any) -> str:
    """`_n("room.points_one", "room.points", n)`: the first key's words for one, the second's (with n) else."""
    return say(one, context["lang"], **values) if n == 1 else say(many, context["lang"], n=n, **values)
