"""The program's own words (headings, labels, prompts) in every language the program speaks.

The words are gettext catalogues, one per language (assistant/locale/<lang>/LC_MESSAGES/samarbeid.po,
read by assistant/i18n.py); the keys here are their message ids. Rule-base content lives in rules/; this
is only the frame around it. Values passed to `say` and `both` are inserted as plain text: nothing here
is markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.i18n import known, message
from assistant.ids import LANGS, VOICE_FALLBACK, Lang

if TYPE_CHECKING:
    from datetime import date

    from assistant.models.common import Text


def say(key: str, lang: Lang, /, voice: str | None = None, **values: Any) -> str:
    """The text `key` in `lang` (bokmål where `lang`'s catalogue lacks it); values that are texts in
    several languages are picked in `lang` too. An unknown key raises KeyError.

    With a reader's `voice`, the words under `key@voice` are taken where there are some (a Nav leader's
    falling back on the Nav words), like the rule base's texts (models/common.py `Text`)."""
    if voice is not None:
        for v in VOICE_FALLBACK.get(voice, ()):
            if known(f"{key}@{v}"):
                key = f"{key}@{v}"
                break
    template = message(key, lang)
    picked = {k: ((v(lang, voice) if voice is not None else v(lang)) if callable(v) else v) for k, v in values.items()}
    if not picked:
        return template
    # a name that is itself a quote («Prosjektenes evige forbannelse») is not quoted twice
    return template.format(**picked).replace("««", "«").replace("»»", "»")


def both(key: str, /, **values: Any) -> Text:
    """The text `key` in every language the program speaks, as a rule-base text is."""
    from assistant.models.common import Text

    return Text.model_validate({lang: say(key, lang, **values) for lang in LANGS})


def saved_when(saved: object, lang: Lang) -> str:
    """A saved-at time (ISO, UTC) as local time a person reads: `22.11.2026 kl. 07:16` (the catalogue's
    `format.saved_when`); anything else in a file's `saved:` is shown as written (and never obeyed)."""
    from datetime import datetime

    from assistant.safetext import visible

    text = saved if isinstance(saved, str) else ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone()
    except (ValueError, OverflowError):
        return visible(text)[:40] or "?"
    return moment.strftime(message("format.saved_when", lang))


def listing(items: list[str], lang: Lang) -> str:
    """Names as a sentence lists them: `A, B og C` / `A, B and C` (the catalogue's `summary.and`)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {message('summary.and', lang)} {items[-1]}"


def date_text(day: date, lang: Lang) -> str:
    """A date in figures as a reader of the language writes it (`format.date`): 22.11.2026, 2026-11-22."""
    return message("format.date", lang).format(day=day.day, month=day.month, year=day.year)


def as_of_text(as_of: str, lang: Lang) -> str:
    """A year, year-month or year-month-day in words (`format.months`, `format.month_year`,
    `format.day_month_year`): 2024, mars 2024, 14. mars 2024, 14 March 2024."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = message("format.months", lang).split()[parts[1] - 1]
    if len(parts) == 2:
        return message("format.month_year", lang).format(month=month, year=parts[0])
    return message("format.day_month_year", lang).format(day=parts[2], month=month, year=parts[0])
