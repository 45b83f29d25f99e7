"""Pure renderers of a result: text, Markdown, HTML, JSON. Shared by every front end.

One renderer per format; the command line, the plain mode and the assistant all
call `render`, so a format is never built twice.
"""

from __future__ import annotations

from datetime import date

from assistant.models.common import Lang
from assistant.models.result import Result
from assistant.models.rules import RuleBase

FORMATS = ("text", "md", "html", "json")
SUFFIX = {"text": "txt", "md": "md", "html": "html", "json": "json"}


def render(rb: RuleBase, result: Result, fmt: str, lang: Lang, *, group: str | None = None,
           made: date | None = None, brief: bool = False) -> str:
    """The report in a format; `group` names a workshop group, `made` fixes the date (default today).

    Every layout opens with the summary; `brief` gives the summary page alone (`decide --brief`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "json":
        from assistant.render.json import render_json
        return render_json(rb, result, lang, group=group, made=made, brief=brief)
    from assistant.render.view import build_view
    from assistant.safetext import visible
    view = build_view(rb, result, lang, group=group, made=made)
    # every report shows what the rule base and the person wrote, and no character in it acts
    if fmt == "md":
        from assistant.render.markdown import render_markdown
        return visible(render_markdown(view, brief=brief))
    if fmt == "html":
        from assistant.render.html import render_html
        return visible(render_html(view, brief=brief))
    from assistant.render.text import render_text
    return visible(render_text(view, brief=brief))
