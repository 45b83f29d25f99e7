"""Pure renderers of a result: text, Markdown, JSON. Shared by every front end."""

from __future__ import annotations

from assistant.models.common import Lang
from assistant.models.result import Result
from assistant.models.rules import RuleBase

def render(rb: RuleBase, result: Result, fmt: str, lang: Lang) -> str:
    if fmt == "json":
        from assistant.render.json import render_json
        return render_json(result, lang)
    from assistant.render.view import build_view
    view = build_view(rb, result, lang)
    if fmt == "md":
        from assistant.render.markdown import render_markdown
        return render_markdown(view)
    from assistant.render.text import render_text
    return render_text(view)
