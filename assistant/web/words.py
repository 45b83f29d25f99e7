"""The browser's own words (page titles, buttons, messages) in bokmål and English.

Same shape as assistant/texts.py's TEXTS, which holds the words every front end
shares (statuses, the report's headings, "Question n of N"); `say` looks here
first and then there. Values are inserted as plain text: the templates escape
everything, so nothing here or in a value is ever markup.
"""

from __future__ import annotations

from typing import Any

from assistant import texts
from assistant.ids import Lang

WORDS: dict[str, tuple[str, str]] = {
    # --- every page
    "web.skip": ("Hopp til innholdet", "Skip to the content"),
    "web.switch_to": ("English", "Norsk"),
    "web.switch_label": ("Language: English", "Språk: norsk"),
    "web.home": ("samarbeid – til startsiden", "samarbeid – to the start page"),
    "web.footer": ("samarbeid {version} · bygger på {series} (OsloMet)",
                   "samarbeid {version} · based on {series} (OsloMet)"),
    "web.error_summary": ("Det er et problem", "There is a problem"),
    "web.back": ("Tilbake", "Back"),
    # --- start
    "web.start_title": ("Hvilken samarbeidsform passer?", "Which form of collaboration fits?"),
    "web.how": ("Du svarer på ett spørsmål om gangen, oftest mellom 20 og 30 i alt, og kan gå tilbake og "
                "endre svar underveis. Til slutt får du samarbeidsformen, betingelsene, risikoene og rådene, hver "
                "med avsnittet i rapporten det bygger på.",
                "You answer one question at a time, usually between 20 and 30 in all, and can go back and change "
                "an answer on the way. At the end you get the form of collaboration, the conditions, the risks and "
                "the advice, each with the section of the report it rests on."),
    "web.kept": ("Svarene lagres på serveren som kjører samarbeid, knyttet til denne nettleseren, etter hvert svar. "
                 "De slettes når de ikke er endret på {days} dager. Du kan laste dem ned som fil når som helst.",
                 "Your answers are saved on the server that runs samarbeid, tied to this browser, after every "
                 "answer. They are deleted when they have not changed for {days} days. You can download them as "
                 "a file at any time."),
    "web.report": ("Rapporten", "The report"),
    "web.continue_title": ("Fortsett der du slapp", "Continue where you left off"),
    "web.continue_text": ("Du har {n} svar i denne nettleseren.", "You have {n} answers in this browser."),
    "web.continue": ("Fortsett", "Continue"),
    "web.begin_title": ("Begynn", "Begin"),
    "web.begin_again_title": ("Eller begynn på nytt", "Or begin again"),
    "web.begin_again_warning": ("Begynner du på nytt, erstattes de {n} svarene i denne nettleseren. Last dem ned "
                                "først hvis du vil ta vare på dem.",
                                "Beginning again replaces the {n} answers in this browser. Download them first if "
                                "you want to keep them."),
    "web.begin": ("Begynn", "Begin"),
    "web.begin_again": ("Begynn på nytt", "Begin again"),
    "web.role_hint": ("Rollen avgjør hvilke spørsmål du får og hvilke råd som gjelder deg.",
                      "Your role decides which questions you get and which advice applies to you."),
    "web.role_missing": ("Velg hvem du er.", "Choose who you are."),
    "web.upload_title": ("Fortsett fra en fil", "Continue from a file"),
    "web.upload_hint": ("En svarfil eller en lagret økt fra samarbeid (YAML eller JSON, høyst {limit}).",
                        "An answers file or a saved session from samarbeid (YAML or JSON, at most {limit})."),
    "web.upload_label": ("Fil med svar", "Answers file"),
    "web.upload_button": ("Last opp og fortsett", "Upload and continue"),
    "web.upload_none": ("Velg en fil å laste opp.", "Choose a file to upload."),
    "web.upload_failed": ("Filen kunne ikke brukes, og ingenting er lagret. Rett dette og prøv igjen:",
                          "The file could not be used, and nothing was stored. Correct this and try again:"),
    "web.hint": ("Tips", "Hint"),
    # --- a question
    "web.next": ("Neste", "Next"),
    "web.save_return": ("Lagre og gå til gjennomgangen", "Save and return to the review"),
    "web.multi_hint": ("Velg alle som passer.", "Choose all that apply."),
    "web.or": ("eller", "or"),
    "web.auto_hint": ("Velger du et svar med musen eller fingeren, går du videre med en gang.",
                      "Choosing an answer with the mouse or a finger takes you on at once."),
    "web.shortcuts": ("Snarveier", "Shortcuts"),
    "web.review_link": ("Se over alle svarene", "Review all your answers"),
    "web.result_link": ("Resultatet så langt", "The result so far"),
    # --- review
    "web.review_intro": ("Her er spørsmålene du har fått, med svarene dine. Velg «Endre» for å endre et svar.",
                         "These are the questions you were asked, with your answers. Choose \"Change\" to change "
                         "an answer."),
    "web.change": ("Endre", "Change"),
    "web.see_result": ("Se resultatet", "See the result"),
    "web.carry_on": ("Fortsett med spørsmålene", "Go on with the questions"),
    "web.review_empty": ("Du har ikke svart på noe ennå.", "You have not answered anything yet."),
    # --- result
    "web.unanswered": ("{n} av spørsmålene er ikke besvart; resultatet bygger på svarene så langt.",
                       "{n} of the questions are not answered; the result rests on the answers so far."),
    "web.summary.reasons": ("Hvorfor", "Why"),
    "web.summary.first_steps": ("Gjør dette først", "Do this first"),
    "web.summary.top_risks": ("Risikoer å ta tak i først", "Risks to deal with first"),
    "web.summary.to_find_out": ("Ta med til første møte", "Bring to the first meeting"),
    "web.downloads": ("Last ned", "Download"),
    "web.download.html": ("Rapporten som nettside (HTML), til å skrive ut eller sende",
                          "The report as a web page (HTML), to print or send"),
    "web.download.md": ("Rapporten som tekst (Markdown)", "The report as text (Markdown)"),
    "web.download.json": ("Resultatet som data (JSON)", "The result as data (JSON)"),
    "web.download.yaml": ("Svarene dine (YAML): last dem opp her igjen, eller bruk dem med «samarbeid decide» "
                          "og «samarbeid --resume»",
                          "Your answers (YAML): upload them here again, or use them with \"samarbeid decide\" "
                          "and \"samarbeid --resume\""),
    "web.change_answers": ("Endre svarene", "Change your answers"),
    "web.to_start": ("Til startsiden", "To the start page"),
    # --- when something is wrong
    "web.403.title": ("Skjemaet kunne ikke sendes", "The form could not be sent"),
    "web.403.text": ("Siden var for gammel, eller økten er slettet. Ingenting er endret. Gå til startsiden og prøv "
                     "igjen.",
                     "The page was too old, or the session has been deleted. Nothing was changed. Go to the start "
                     "page and try again."),
    "web.404.title": ("Siden finnes ikke", "Page not found"),
    "web.404.text": ("Denne adressen er ikke en side i samarbeid.", "This address is not a page of samarbeid."),
    "web.405.title": ("Det går ikke an her", "That cannot be done here"),
    "web.405.text": ("Siden tar ikke imot denne typen forespørsel.", "This page does not take this kind of request."),
    "web.413.title": ("Det du sendte, er for stort", "What you sent is too large"),
    "web.413.text": ("Grensen er {limit}. Ingenting er lagret.", "The limit is {limit}. Nothing was stored."),
    "web.400.title": ("Forespørselen kunne ikke leses", "The request could not be read"),
    "web.400.text": ("Ingenting er endret. Gå til startsiden og prøv igjen.",
                     "Nothing was changed. Go to the start page and try again."),
    "web.500.title": ("Noe gikk galt", "Something went wrong"),
    "web.500.text": ("Feilen er skrevet i serverens logg. Svarene du har gitt, er lagret til og med det siste du "
                     "fikk bekreftet.",
                     "The error is written to the server's log. Your answers are kept up to the last one that "
                     "was confirmed."),
}


def say(key: str, lang: Lang, /, **values: Any) -> str:
    """The words `key` in `lang`: the browser's own, else those every front end shares (texts.py)."""
    pair = WORDS.get(key)
    if pair is None:
        return texts.say(key, lang, **values)
    template = pair[0] if lang == "nb" else pair[1]
    return template.format(**values) if values else template


def known(key: str) -> bool:
    return key in WORDS or key in texts.TEXTS
