"""The program's own words (headings, labels, prompts) in bokmål and English.

Rule-base content lives in rules/; this is only the frame around it. Values
passed to `say` and `both` are inserted as plain text: nothing here is markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.ids import VOICE_FALLBACK, Lang

if TYPE_CHECKING:
    from assistant.models.common import Text

TEXTS: dict[str, tuple[str, str]] = {
    # --- engine: trace effects
    "trace.role.nav": ("Du får anbefalingene rapporten gir til Nav.",
                       "You get the recommendations the report gives to Nav."),
    "trace.role.entrepreneur": ("Du får anbefalingene rapporten gir til entreprenørene.",
                                "You get the recommendations the report gives to entrepreneurs."),
    "trace.role.all": ("Du får alle anbefalingene, både til Nav og til entreprenørene.",
                       "You get every recommendation, to Nav and to the entrepreneurs."),
    "trace.axis": ("{effect} ({axis}: {pole} +{weight})", "{effect} ({axis}: {pole} +{weight})"),
    "trace.open": ("Ikke kjent: svaret kunne flyttet aksen «{axis}» mellom {low:+d} og {high:+d}.",
                   "Not known: the answer could have moved the axis '{axis}' between {low:+d} and {high:+d}."),
    "trace.condition": ("Betingelsen «{name}»: {status}.", "The condition '{name}': {status}."),
    "trace.risk": ("Gjør risikoen «{name}» aktuell.", "Makes the risk '{name}' apply."),
    "trace.recommendation": ("Gjør rådet «{name}» relevant.", "Makes the advice '{name}' relevant."),
    "trace.element": ("Viser trekk av {name}.", "Shows traits of {name}."),
    "trace.none": ("Registrert; endrer ikke formen, risikoene eller rådene.",
                   "Recorded; changes neither the form, the risks nor the advice."),
    "trace.not_asked": ("Ikke tatt med: spørsmålet stilles ikke med de andre svarene dine.",
                        "Not counted: this question is not asked with your other answers."),
    # --- statuses and confidence
    "status.met": ("oppfylt", "met"),
    "status.partly": ("delvis oppfylt", "partly met"),
    "status.not_met": ("ikke oppfylt", "not met"),
    "status.unknown": ("ukjent", "unknown"),
    "confidence.clear": ("tydelig", "clear"),
    "confidence.leaning": ("heller mot", "leaning"),
    "confidence.open": ("åpen", "open"),
    "to.nav": ("Til Nav", "To Nav"),
    "to.entrepreneur": ("Til entreprenøren", "To the entrepreneur"),
    "holder.nav": ("Nav", "Nav"),
    "holder.nav@nav": ("kontoret ditt", "your office"),
    "holder.entrepreneur": ("entreprenøren", "the entrepreneur"),
    "holder.entrepreneur@entrepreneur": ("du", "you"),
    "holder.both": ("begge parter", "both parties"),
    "holder.both@entrepreneur": ("du og Nav", "you and Nav"),
    "holder.both@nav": ("kontoret ditt og entreprenøren", "your office and the entrepreneur"),
    "dont_know": ("Vet ikke", "Don't know"),
    "unanswered": ("ikke besvart", "not answered"),
    # --- report headings
    "report.title": ("Samarbeid mellom Nav og sosial entreprenør",
                     "Collaboration between Nav and a social entrepreneur"),
    "report.form": ("Samarbeidsform", "Form of collaboration"),
    "report.form_is": ("Samarbeidet er først og fremst {name}.", "The collaboration is mainly {name}."),
    "report.form_with": ("Det har også trekk av {names}.", "It also has traits of {names}."),
    "report.form_open": ("Svarene avgjør ikke formen ennå. Mulige former: {names}.",
                         "The answers do not settle the form yet. Possible forms: {names}."),
    "report.candidates": ("Åpne svar («vet ikke») kan fortsatt gi: {names}.",
                          "Open answers (\"don't know\") could still give: {names}."),
    "report.axis_line": ("{axis}: {pole} (poeng {score}, {confidence})",
                         "{axis}: {pole} (score {score}, {confidence})"),
    "report.matrix": ("Firefeltstabellen", "The four-field matrix"),
    "report.matrix_legend": ("[X] denne formen   (?) mulig   (+) trekk av",
                             "[X] this form   (?) possible   (+) traits of"),
    "report.matrix_legend_md": ("✔ denne formen, (?) mulig, (+) trekk av",
                                "✔ this form, (?) possible, (+) traits of"),
    "report.conditions": ("Betingelser for godt samarbeid", "Conditions for good collaboration"),
    "report.why_matters": ("Hvorfor det betyr noe her", "Why it matters here"),
    "report.what_to_do": ("Hva du kan gjøre", "What you can do"),
    "report.risks": ("Risikoer og utfordringer", "Risks and challenges"),
    "report.no_risks": ("Svarene peker ikke ut noen særskilte risikoer.", "The answers point to no particular risks."),
    "report.reduce": ("Dette reduserer risikoen", "What reduces it"),
    "report.because": ("Fordi du svarte på", "Because of your answers to"),
    "report.recommendations": ("Anbefalinger", "Recommendations"),
    "report.no_recommendations": ("Ingen anbefalinger passer svarene dine.", "No recommendations fit your answers."),
    "report.competences": ("Kompetanse dere trenger", "Competence you need"),
    "report.holder": ("Hvem", "Who"),
    "report.what_would_change": ("Hva som ville endret resultatet", "What would change the result"),
    "report.change_to": ("{form}, hvis du svarte:", "{form}, if you answered:"),
    "report.no_change": ("Ingen endring av de aksesvarene gir denne formen.",
                         "No change of the axis answers gives this form."),
    "report.similar": ("Caser fra rapporten som ligner", "Cases from the report that are similar"),
    "report.similar_line": ("{case}: {form} ({percent} % like svar)",
                            "{case}: {form} ({percent}% same answers)"),
    "report.answers": ("Svarene dine", "Your answers"),
    "report.trace_quiet": ("{n} av svarene endret verken formen, risikoene eller rådene; de står bare under "
                           "«Svarene dine».",
                           "{n} of the answers changed neither the form, the risks nor the advice; they are listed "
                           "only under \"Your answers\"."),
    "report.sources": ("Kilder i rapporten", "Sources in the report"),
    "report.version": ("samarbeid {product}, regelverk {rules}, laget {made}",
                       "samarbeid {product}, rule base {rules}, made {made}"),
    "report.group": ("Gruppe: {name}", "Group: {name}"),
    "report.notes": ("Praktiske opplysninger utenfor rapporten", "Practical notes beyond the report"),
    "report.note_title": ("{title} (per {as_of})", "{title} (as of {as_of})"),
    "report.note_sources": ("Kilder", "Sources"),
    "report.source": ("Kilde", "Source"),
    "report.mark.primary": ("formen samarbeidet har", "the form of this collaboration"),
    "report.mark.candidate": ("mulig, avhengig av de åpne svarene", "possible, depending on the open answers"),
    "report.mark.secondary": ("samarbeidet har trekk av denne", "the collaboration has traits of this one"),
    "report.mark.position": ("samarbeidet ditt, plassert etter svarene dine",
                             "your collaboration, placed by your answers"),
    "report.mark.range": ("så langt kan svarene «vet ikke» flytte det",
                          "how far the \"don't know\" answers could move it"),
    "report.matrix_figure": ("Firefeltstabellen med samarbeidet ditt plassert: {where}",
                             "The four-field matrix with your collaboration placed: {where}"),
    "report.phase": ("I et faseperspektiv", "In a phase perspective"),
    "report.contents_hint": ("Hver del er lukket til du åpner den. Velg en del i lista eller overskriften dens.",
                             "Each part stays folded until you open it: choose it in the list or by its heading."),
    "report.appendix_print": ("skrives bare ut når den er åpnet", "printed only when opened"),
    # --- questions listing
    "questions.title": ("Spørsmålene", "The questions"),
    "questions.multi": ("flere svar mulig", "several answers allowed"),
    "questions.only_if": ("stilles bare når: {cond}", "asked only when: {cond}"),
    "questions.for_role": ("Spørsmålene slik de stilles til: {role}", "The questions as they are put to: {role}"),
    "questions.help": ("Hjelp: {help}", "Help: {help}"),
    "questions.others": ("Stilles bare den andre parten (den svarer på dem): {ids}",
                         "Put only to the other party (it answers them): {ids}"),
    "template.head": ("Svarfil for samarbeid (regelverk {version}). "
                      "Skriv en svar-id etter hvert spørsmål; la stå tomt for å hoppe over.",
                      "Answers file for samarbeid (rule base {version}). "
                      "Write an option id after each question; leave blank to skip."),
    "template.multi": ("flere svar: skriv en liste, for eksempel [a, b]", "several answers: write a list, e.g. [a, b]"),
    # --- cases
    "cases.title": ("Rapportens seks caser gjennom motoren", "The report's six cases through the engine"),
    "cases.match": ("ok", "ok"),
    "cases.mismatch": ("AVVIK", "MISMATCH"),
    "cases.report_says": ("rapporten", "report"),
    "cases.engine_says": ("motoren", "engine"),
    "cases.summary": ("{ok} av {total} relasjoner stemmer med rapportens lesning.",
                      "{ok} of {total} relations match the report's reading."),
    # --- plain mode
    "plain.intro": (
        "samarbeid hjelper deg å finne hvilken av de fire samarbeidsformene i AFI-rapport 2020:10 "
        "som passer et samarbeid mellom Nav og en sosial entreprenør, og hva rapporten sier skal til.",
        "samarbeid helps you find which of the four forms of collaboration in AFI-rapport 2020:10 "
        "fits a collaboration between Nav and a social entrepreneur, and what the report says it takes."),
    "plain.keys": ("Svar med nummeret. ? gir hjelp, b går tilbake, q avslutter.",
                   "Answer with the number. ? gives help, b goes back, q quits."),
    "plain.progress": ("Spørsmål {n} av {total}", "Question {n} of {total}"),
    "plain.prompt": ("Svar: ", "Answer: "),
    "plain.prompt_multi": ("Svar (ett eller flere nummer, skilt med komma): ",
                           "Answer (one or more numbers, separated by commas): "),
    "plain.current": ("nå: {answer}", "now: {answer}"),
    "plain.invalid": ("Skriv et nummer mellom 1 og {max}, ? for hjelp eller b for tilbake.",
                      "Type a number from 1 to {max}, ? for help or b to go back."),
    "plain.dont_know_alone": ("«Vet ikke» kan ikke kombineres med andre svar.",
                              "\"Don't know\" cannot be combined with other answers."),
    "plain.first": ("Dette er det første spørsmålet.", "This is the first question."),
    "plain.source": ("Kilde: {series}, {sections}", "Source: {series}, {sections}"),
    "plain.sessions": ("Du har lagrede økter. Fortsette med en av dem?",
                       "You have saved sessions. Continue one of them?"),
    "plain.sessions_prompt": ("Nummeret for å fortsette (1–{max}), eller Enter for en ny økt: ",
                              "The number to continue (1–{max}), or Enter for a new session: "),
    "plain.sessions_invalid": ("Skriv et nummer mellom 1 og {max}, eller trykk Enter for en ny økt.",
                               "Type a number from 1 to {max}, or press Enter for a new session."),
    "plain.fresh": ("Du begynner på en ny økt; de lagrede øktene blir stående som de er.",
                    "Starting a new session; the saved sessions stay as they are."),
    "plain.save_exists": ("{file} finnes fra før. Bruk --resume {file} for å fortsette i den, eller velg et "
                          "annet navn.",
                          "{file} exists already. Use --resume {file} to continue in it, or choose another name."),
    "plain.bye": ("Avsluttet. Svarene ble ikke lagret.", "Stopped. The answers were not saved."),
    "plain.saved": ("Svarene er lagret i {file}. Se resultatet igjen med: {command} decide {file}",
                    "The answers are saved in {file}. See the result again with: {command} decide {file}"),
    "plain.save_hint": ("Tips: start med --save FIL for å ta vare på svarene.",
                        "Tip: start with --save FILE to keep the answers."),
    # --- the terminal assistant
    "tui.matrix_legend": ("■ denne formen   ? mulig   + trekk av", "■ this form   ? possible   + traits of"),
    "tui.intro": (
        "samarbeid hjelper deg å finne hvilken av fire samarbeidsformer mellom Nav og en sosial "
        "entreprenør som passer. Du svarer på spørsmål og får vite hva som skal til, hva som kan gå galt, "
        "og hva rapporten anbefaler.",
        "samarbeid helps you find which of four forms of collaboration between Nav and a social "
        "entrepreneur fits. You answer questions and learn what it takes, what can go wrong, and what "
        "the report recommends."),
    "tui.based_on": ("Bygger på AFI-rapport 2020:10 (OsloMet): «Nye muligheter for sosialt entreprenørskap?»",
                     "Based on AFI-rapport 2020:10 (OsloMet): \"Nye muligheter for sosialt entreprenørskap?\""),
    "tui.role": ("Hvem er du?", "Who are you?"),
    "tui.role_hint": ("Velg med piltastene og Enter for å begynne.", "Choose with the arrow keys and Enter to begin."),
    "tui.resume_carried": ("{n} svar i {file} er fra en eldre versjon av spørsmålene og er lest som dagens "
                           "svaralternativer (linje {lines}). Se over dem med ctrl+r.",
                           "{n} answers in {file} are from an older version of the questions and are read as "
                           "today's options (line {lines}). Look them over with ctrl+r."),
    "tui.resume_skipped": ("{n} svar i {file} passer ikke med spørsmålene i dette regelverket og er utelatt "
                           "(linje {lines}). Resten er lest inn; når du avslutter, står det hva som var galt.",
                           "{n} answers in {file} do not fit the questions of this rule base and were left out "
                           "(line {lines}). The rest are read in; when you quit, you are told what was wrong."),
    "tui.sessions": ("Fortsett der du slapp", "Continue where you left off"),
    "tui.sessions_hint": ("Eller velg rollen din nedenfor for å begynne en ny økt.",
                          "Or choose your role below to begin a new session."),
    "tui.folder": ("Et navn uten mappe lagres i {folder}, der øktene dine ligger.",
                   "A name without a folder is saved in {folder}, with your sessions."),
    "tui.overwrite": ("Filen {path} finnes fra før. Vil du skrive over den?",
                      "The file {path} exists already. Do you want to write over it?"),
    "tui.overwrite_yes": ("Skriv over", "Write over it"),
    "tui.not_written": ("Ingenting er skrevet; {path} er som før.", "Nothing written; {path} is as it was."),
    "cli.no_terminal": ("assistenten trenger en terminal. Uten terminal: {command} --plain (nummererte "
                        "spørsmål) eller {command} decide SVARFIL.",
                        "the assistant needs a terminal. Without one: {command} --plain (numbered questions) "
                        "or {command} decide ANSWERS."),
    "cli.stdin_closed": ("standard input er lukket, og assistenten og --plain leser svarene derfra. Med svarene i "
                         "en fil: {command} decide SVARFIL.",
                         "standard input is closed, and the assistant and --plain read the answers from it. With "
                         "the answers in a file: {command} decide ANSWERS."),
    # --- sessions and the dialogue, in every front end
    "sessions.answers": ("{n} svar", "{n} answers"),
    "sessions.no_role": ("Uten rolle", "No role"),
    "sessions.moved": ("{file} blir ikke endret, så ingenting som står i den går tapt. Svarene lagres videre i "
                       "{path}.",
                       "{file} is left as it is, so nothing in it is lost. The answers are saved on in {path}."),
    "sessions.unreadable": ("Lagrede økter som ikke kan leses: {n}. De vises ikke, og filene er ikke endret. "
                            "{problem}",
                            "Saved sessions that cannot be read: {n}. They are not shown, and the files are left as "
                            "they are. {problem}"),
    "dialogue.not_asked": ("Det spørsmålet stilles ikke nå; svaret er ikke tatt med.",
                           "That question is not asked now; the answer was not taken."),
    "dialogue.not_an_option": ("Det er ikke et av svarene på dette spørsmålet.",
                               "That is not one of the answers to this question."),
    "dialogue.one_only": ("Velg bare ett svar på dette spørsmålet.", "Choose only one answer to this question."),
    "tui.progress": ("Spørsmål {n} av {total}", "Question {n} of {total}"),
    "tui.help_title": ("Hva rapporten sier", "What the report says"),
    "tui.help_source": ("Kilde: AFI-rapport 2020:10, avsnitt {sections}",
                        "Source: AFI-rapport 2020:10, section {sections}"),
    "tui.multi_hint": ("Mellomrom velger og fjerner, Enter går videre.", "Space selects and clears, Enter goes on."),
    "tui.single_hint": ("Piltaster og Enter velger.", "Arrow keys and Enter choose."),
    "tui.pick_one": ("Velg minst ett svar, eller «Vet ikke».", "Choose at least one answer, or \"Don't know\"."),
    "tui.review_title": ("Gjennomgang: alle svarene dine", "Review: all your answers"),
    "tui.review_hint": ("Velg et spørsmål og trykk Enter for å endre svaret.",
                        "Choose a question and press Enter to change the answer."),
    "tui.not_answered": ("ikke besvart", "not answered"),
    "tui.new_relevant": ("nytt spørsmål – ikke besvart", "new question – not answered"),
    "tui.not_relevant": ("ikke relevant lenger (teller ikke)", "no longer relevant (not counted)"),
    "tui.saved_to": ("Lagret i {path}", "Saved in {path}"),
    "tui.exported": ("Eksportert til {path}", "Exported to {path}"),
    "tui.write_failed": ("Kunne ikke skrive {path}: {reason}", "Could not write {path}: {reason}"),
    "tui.path_prompt": ("Hvor skal filen lagres?", "Where should the file be saved?"),
    "tui.group_prompt": ("Hva heter gruppen? (tomt fjerner navnet)",
                         "What is the group called? (empty removes the name)"),
    "tui.group_set": ("Gruppen heter nå {name}", "The group is now called {name}"),
    "tui.group_cleared": ("Gruppen har ikke noe navn lenger", "The group no longer has a name"),
    "tui.ok": ("OK", "OK"),
    "tui.cancel": ("Avbryt", "Cancel"),
    "tui.quit_hint": ("Trykk {key} for å avslutte. Svarene dine er lagret.",
                      "Press {key} to quit. Your answers are saved."),
    "tui.quit_title": ("Vil du avslutte?", "Do you want to quit?"),
    "tui.no_suspend": ("Ctrl+Z legger samarbeid til side bare når det er startet fra et skall som kan hente det "
                       "tilbake med fg. Trykk {key} for å avslutte; svarene dine er lagret.",
                       "Ctrl+Z puts samarbeid aside only when it was started from a shell that can bring it back "
                       "with fg. Press {key} to quit; your answers are saved."),
    "tui.palette_placeholder": ("Søk etter kommandoer…", "Search for commands…"),
    "tui.no_matches": ("Ingen treff", "No matches found"),
    # --- tui (issue 12)
    "tui.role_hint_numbers": ("Trykk nummeret, eller velg med piltastene og Enter.",
                              "Press the number, or choose with the arrow keys and Enter."),
    "tui.still_open": ("Det som er åpent", "What is still open"),
    "tui.to_find_out": ("Finn ut i første møte ({n})", "Find out at the first meeting ({n})"),
    "tui.details": ("Detaljer", "Details"),
    "tui.details_hint": ("Tab går til en del, Enter åpner og lukker den.",
                         "Tab goes to a part, Enter opens and closes it."),
    "tui.form_and_matrix": ("Samarbeidsformen og firefeltstabellen", "The form and the four-field matrix"),
    "tui.appendix_trace": ("Vedlegg: hvordan svarene ble vektet", "Appendix: how the answers were weighed"),
    "tui.single_hint_numbers": ("Trykk nummeret, eller velg med piltastene og Enter.",
                                "Press the number, or choose with the arrow keys and Enter."),
    "tui.multi_hint_numbers": ("Nummeret eller mellomrom velger og fjerner; Enter går videre.",
                               "The number or space selects and clears; Enter goes on."),
    "key.number": ("velg", "choose"),
    # --- tui (issue 20): said in words, not by colour alone; where the answers are when quitting
    "tui.chosen": ("valgt", "chosen"),
    "tui.goodbye": ("svarene dine er lagret i {path}", "your answers are saved in {path}"),
    "tui.goodbye_moved": ("{file} er som før; svarene dine er lagret i {path}",
                          "{file} is as it was; your answers are saved in {path}"),
    "tui.export_prompt_brief": ("Eksporter resultatet: velg hele rapporten eller bare sammendraget, formatet, "
                                "og hvor filen skal lagres.",
                                "Export the result: choose the full report or the summary only, the format, "
                                "and where to save the file."),
    "tui.export_full": ("Hele rapporten", "The full report"),
    "tui.export_brief": ("Bare sammendraget", "The summary only"),
    "tui.brief_stem": ("sammendrag", "summary"),
    "cmd.export_brief": ("Eksporter sammendraget til HTML", "Export the summary to HTML"),
    "cmd.export_brief.help": ("Skriv bare sammendraget som en .html-fil: formen, hva dere gjør først, risikoene",
                              "Write only the summary as an .html file: the form, what to do first, the risks"),
    "key.help": ("hjelp", "help"),
    "key.language": ("English", "norsk"),
    "key.back": ("tilbake", "back"),
    "key.review": ("gjennomgang", "review"),
    "key.result": ("resultat", "result"),
    "key.quit": ("avslutt", "quit"),
    "key.suspend": ("til skallet (fg kommer tilbake)", "to the shell (fg comes back)"),
    "key.palette": ("kommandoer", "commands"),
    "key.export": ("eksporter", "export"),
    "cmd.lang": ("Språk: English", "Language: norsk (bokmål)"),
    "cmd.lang.help": ("Bytt språk til engelsk", "Switch the language to Norwegian bokmål"),
    "cmd.restart": ("Ny økt", "New session"),
    "cmd.restart.help": ("Til startsiden: denne økten er lagret og kan fortsettes der",
                         "To the start: this session is kept and can be continued from there"),
    "cmd.save": ("Lagre svarene som …", "Save the answers as …"),
    "cmd.save.help": ("Lagre svarene i en fil du kan åpne igjen med --resume",
                      "Save the answers in a file you can open again with --resume"),
    "cmd.export_md": ("Eksporter resultatet til Markdown", "Export the result to Markdown"),
    "cmd.export_md.help": ("Skriv rapporten som en .md-fil", "Write the report as a .md file"),
    "cmd.export_html": ("Eksporter resultatet til HTML", "Export the result to HTML"),
    "cmd.export_html.help": ("Skriv rapporten med firefeltstabellen som en .html-fil du kan skrive ut eller sende",
                             "Write the report with the matrix as an .html file to print or send"),
    "cmd.export_json": ("Eksporter resultatet til JSON", "Export the result to JSON"),
    "cmd.export_json.help": ("Skriv resultatet som en .json-fil", "Write the result as a .json file"),
    "cmd.group": ("Gi gruppen et navn", "Name the group"),
    "cmd.group.help": ("Navnet lagres med svarene og står øverst i rapporten",
                       "The name is saved with the answers and shown at the top of the report"),
    "cmd.review": ("Gjennomgang av svarene", "Review the answers"),
    "cmd.review.help": ("Se alle svarene og endre dem", "See every answer and change it"),
    "cmd.result": ("Vis resultatet", "Show the result"),
    "cmd.result.help": ("Se resultatet med svarene så langt", "See the result with the answers so far"),
    "cmd.theme": ("Tema: {name}", "Theme: {name}"),
    "cmd.theme.help": ("Bytt fargetema", "Change the colour theme"),
    "cmd.keys": ("Taster", "Keys"),
    "cmd.keys.help": ("Vis eller skjul oversikten over taster", "Show or hide the summary of keys"),
    "cmd.quit": ("Avslutt", "Quit"),
    "cmd.quit.help": ("Avslutt samarbeid; svarene er lagret", "Quit samarbeid; the answers are saved"),
    "theme.light": ("lyst", "light"),
    "theme.dark": ("mørkt", "dark"),
    "theme.contrast": ("høy kontrast", "high contrast"),
    # --- summary (render)
    "summary.title": ("Kort fortalt", "In short"),
    "summary.form_is": ("Samarbeidet er mest {form}.", "The collaboration is mostly {form}."),
    "summary.form_with": ("Samarbeidet er mest {form}, med innslag av {others}.",
                          "The collaboration is mostly {form}, with elements of {others}."),
    "summary.form_could_turn": ("Ubesvarte spørsmål kan fortsatt gjøre det til {forms}.",
                                "Unanswered questions could still make it {forms}."),
    "summary.form_open": ("Svarene avgjør ikke formen ennå. Det kan bli {forms}.",
                          "The answers do not settle the form yet. It could become {forms}."),
    "summary.form_contradiction": ("To av svarene passer ikke sammen, så formen er ikke avgjort. Det kan bli {forms}.",
                                   "Two of the answers do not fit together, so the form is not settled. It may be "
                                   "{forms}."),
    "summary.form_open_with": ("Svarene avgjør ikke formen ennå. Det kan bli {forms}, med innslag av {others}.",
                               "The answers do not settle the form yet. It could become {forms}, with elements "
                               "of {others}."),
    "summary.and": ("og", "and"),
    "summary.or": ("eller", "or"),
    "summary.why": ("Hvorfor", "Why"),
    "summary.pole.existing": ("det dere skal samarbeide om, finnes allerede",
                              "what you will work on already exists"),
    "summary.pole.new": ("det dere skal samarbeide om, må skapes underveis",
                         "what you will work on has to be created along the way"),
    "summary.pole.one_way": ("den ene parten bestiller, finansierer eller henviser, og den andre leverer",
                             "one party orders, funds or refers, and the other delivers"),
    "summary.pole.two_way": ("partene påvirker hverandre og former arbeidet sammen",
                             "the parties influence each other and shape the work together"),
    "summary.pole.two_way@entrepreneur": ("du og Nav påvirker hverandre og former arbeidet sammen",
                                          "you and Nav influence each other and shape the work together"),
    "summary.pole.two_way@nav": ("kontoret ditt og entreprenøren påvirker hverandre og former arbeidet sammen",
                                 "your office and the entrepreneur influence each other and shape the work together"),
    "summary.leaning": ("Svarene heller mot at {clause}.", "The answers suggest that {clause}."),
    "summary.first_steps": ("Gjør dette først", "Do this first"),
    "summary.for.condition.not_met": ("Gjelder betingelsen «{name}», som ikke er oppfylt.",
                                      "Addresses the condition '{name}', which is not met."),
    "summary.for.condition.partly": ("Gjelder betingelsen «{name}», som bare delvis er oppfylt.",
                                     "Addresses the condition '{name}', which is only partly met."),
    "summary.for.condition.unknown": ("Gjelder betingelsen «{name}», som dere ikke vet om er oppfylt.",
                                      "Addresses the condition '{name}', which you do not know to be met."),
    "summary.for.condition.met": ("Gjelder betingelsen «{name}».", "Addresses the condition '{name}'."),
    "summary.for.risk.raised": ("Gjelder risikoen «{name}», som svarene peker på.",
                                "Addresses the risk '{name}', which your answers point to."),
    "summary.for.risk.typical": ("Gjelder risikoen «{name}», som er vanlig i denne samarbeidsformen.",
                                 "Addresses the risk '{name}', which is common in this form of collaboration."),
    "summary.for.risk.possible": ("Gjelder risikoen «{name}», som kan bli aktuell.",
                                  "Addresses the risk '{name}', which may apply."),
    "summary.for.risk.ruled_out": ("Gjelder risikoen «{name}».", "Addresses the risk '{name}'."),
    "summary.risk_status.raised": ("svarene peker på den", "your answers point to it"),
    "summary.risk_status.typical": ("vanlig i denne samarbeidsformen", "common in this form of collaboration"),
    "summary.risk_status.possible": ("kan bli aktuell", "may apply"),
    "summary.party.nav": ("Nav", "Nav"),
    "summary.party.entrepreneur": ("Entreprenøren", "The entrepreneur"),
    "summary.top_risks": ("Risikoer å ta tak i", "Risks to deal with"),
    "summary.unanswered.one": ("1 spørsmål er ubesvart eller besvart med «vet ikke».",
                               "1 question is unanswered or answered \"don't know\"."),
    "summary.unanswered.many": ("{n} spørsmål er ubesvart eller besvart med «vet ikke».",
                                "{n} questions are unanswered or answered \"don't know\"."),
    "summary.open_form": ("Svarene på dem avgjør om det blir {forms}.",
                          "Their answers decide whether it becomes {forms}."),
    "summary.open_settles": ("Svarene på dem kan avgjøre {things}.", "Their answers could settle {things}."),
    "summary.open_nothing": ("De endrer ikke formen, og ingen risiko eller betingelse avhenger av dem.",
                             "They do not change the form, and no risk or condition depends on them."),
    "summary.n_risks.one": ("1 risiko", "1 risk"),
    "summary.n_risks.many": ("{n} risikoer", "{n} risks"),
    "summary.n_conditions.one": ("1 betingelse for godt samarbeid", "1 condition for good collaboration"),
    "summary.n_conditions.many": ("{n} betingelser for godt samarbeid", "{n} conditions for good collaboration"),
    "summary.to_find_out": ("Finn ut av dette, gjerne i første møte", "Find this out, for example at a first meeting"),
    "summary.details": ("Detaljene følger nedenfor. Hvordan svarene ble vektet, står i vedlegget til slutt.",
                        "The details follow below. How the answers were weighed is in the appendix at the end."),
    "summary.provisional.one": ("1 spørsmål er ubesvart, så resultatet er foreløpig.",
                                "1 question is unanswered, so the result is provisional."),
    "summary.provisional.many": ("{n} spørsmål er ubesvart, så resultatet er foreløpig.",
                                 "{n} questions are unanswered, so the result is provisional."),
    "summary.risks.raised": ("Aktuelle nå – svarene deres peker på disse", "Apply now – your answers point to these"),
    "summary.risks.typical": ("Vanlige i denne samarbeidsformen – følg med på dem",
                              "Common in this form of collaboration – keep an eye on them"),
    "summary.risks.possible": ("Kan bli aktuelt – følg med på dem",
                               "May apply – keep an eye on them"),
    "summary.risk_settled_by": ("Avgjøres av", "Settled by"),
    "summary.risk_watch_because": ("Verdt å følge med på fordi du svarte på",
                                   "Worth watching because of your answers to"),
    "summary.risk_addressed_by": ("Tatt hånd om, ifølge svarene på", "Dealt with, by your answers to"),
    "summary.risk_remains": ("Det som gjenstår", "What remains"),
    "summary.risks.addressed": ("Tatt hånd om – men følg med på det som gjenstår",
                                "Dealt with – but keep an eye on what remains"),
    "summary.risk_status.addressed": ("tatt hånd om", "dealt with"),
    "summary.for.risk.addressed": ("Gjelder risikoen «{name}», som dere er i gang med å ta hånd om.",
                                   "Addresses the risk '{name}', which you are dealing with."),
    "summary.axes_placed": ("Svarene om hvordan dere arbeider, plasserer samarbeidet der rapporten har {form}, "
                            "men det er forholdet mellom partene som avgjør formen.",
                            "Your answers about how you work place it where the report has {form}, but it is "
                            "the relation between the parties that decides the form."),
    "summary.nearest": ("Svarene om hvordan dere arbeider, plasserer samarbeidet der rapporten har {form}. {denied} "
                        "Den nærmeste formen svarene passer med, er {nearest}.",
                        "Your answers about how you work place it where the report has {form}. {denied} "
                        "The nearest form your answers fit is {nearest}."),
    "summary.nearest_open": ("Svarene om hvordan dere arbeider, plasserer samarbeidet der rapporten har {form}. "
                             "{denied}",
                             "Your answers about how you work place it where the report has {form}. {denied}"),
    "summary.relation_open": ("Svarene om hvordan dere arbeider, peker mot {form}, men forholdet som kjennetegner "
                              "det, kommer ikke fram av svarene, mens forholdet i {others} gjør det.",
                              "Your answers about how you work point to {form}, but the relation that marks it "
                              "does not show in your answers, while that of {others} does."),
    "summary.contradiction": ("To av svarene passer ikke sammen: {text} Du svarte {answers}.",
                              "Two of your answers do not fit together: {text} You answered {answers}."),
    "summary.answered_to": ("«{answer}» på «{question}»", "'{answer}' to '{question}'"),
    "summary.quoted": ("«{answer}»", "'{answer}'"),
    "summary.reading_form": ("Stemmer {kept}, blir det {form}.", "If {kept} is right, it is {form}."),
    "summary.reading_open": ("Stemmer {kept}, er formen fortsatt åpen: {forms}.",
                             "If {kept} is right, the form is still open: {forms}."),
    "summary.mend": ("Gå tilbake og rett svaret som ikke stemmer.", "Go back and correct the answer that is wrong."),
    "summary.ask_other.nav": ("bare Nav kan svare", "only Nav can answer"),
    "summary.ask_other.entrepreneur": ("bare entreprenøren kan svare", "only the entrepreneur can answer"),
    "summary.risk_typical_for": ("Vanlig i", "Common in"),
    "summary.first_step": ("Første steg", "First step"),
    "summary.recs.do.entrepreneur": ("Dette kan du gjøre", "What you can do yourself"),
    "summary.recs.ask": ("Dette kan du be Nav om", "What you can ask Nav for"),
    "summary.recs.do.nav": ("Dette kan kontoret gjøre", "What the office can do"),
    "summary.recs.do.nav@nav": ("Dette kan kontoret ditt gjøre", "What your office can do"),
    "summary.recs.do.nav@nav_leader": ("Dette kan du og kontoret ditt gjøre", "What you and your office can do"),
    "summary.recs.to.nav": ("Anbefalinger til Nav", "Recommendations to Nav"),
    "summary.recs.to.entrepreneur": ("Anbefalinger til entreprenøren", "Recommendations to the entrepreneur"),
    "summary.change_if": ("Hvis {situations}, blir det {form}.", "If {situations}, it becomes {form}."),
    "summary.change_if_all": ("{form}, hvis alt dette gjelder:", "{form}, if all of this holds:"),
    "summary.appendix": ("Vedlegg: hvordan svarene ble vektet", "Appendix: how the answers were weighed"),
    "summary.details_title": ("Resultatet i detalj", "The result in detail"),
    "summary.more": ("Trykk Enter for hele rapporten, eller q for å hoppe over den: ",
                     "Press Enter for the whole report, or q to skip it: "),
    # --- compare (issue 14)
    "compare.title": ("Gruppene side om side", "The groups side by side"),
    "compare.groups.one": ("1 gruppe", "1 group"),
    "compare.groups.many": ("{n} grupper", "{n} groups"),
    "compare.groups_title": ("Gruppene", "The groups"),
    "compare.group": ("Gruppe", "Group"),
    "compare.form": ("Samarbeidsform", "Form of collaboration"),
    "compare.progress_title": ("Besvart", "Answered"),
    "compare.progress": ("{answered} av {reachable} spørsmål", "{answered} of {reachable} questions"),
    "compare.open": ("Ikke avgjort ennå", "Not settled yet"),
    "compare.matrix": ("Gruppene i firefeltstabellen", "The groups on the four-field matrix"),
    "compare.matrix_note": ("Hver gruppe står i feltet for formen svarene dens gir.",
                            "Each group stands in the field of the form its answers give."),
    "compare.bold_chosen": ("Uthevet: en form minst én gruppe kom fram til.",
                            "In bold: a form at least one group arrived at."),
    "compare.nobody": ("ingen gruppe", "no group"),
    "compare.unplaced": ("Ikke plassert ennå – svarene lar en akse stå åpen", "Not placed yet – an axis is still open"),
    "compare.matrix_figure": ("Firefeltstabellen med hver gruppe plassert etter poengene på de to aksene",
                              "The four-field matrix with each group placed by its scores on the two axes"),
    "compare.mark.group": ("en gruppe, plassert etter poengene på de to aksene",
                           "a group, placed by its scores on the two axes"),
    "compare.mark.chosen": ("en form minst én gruppe kom fram til", "a form at least one group arrived at"),
    "compare.axes": ("Der gruppene er enige og uenige", "Where the groups agree and differ"),
    "compare.agree": ("Alle gruppene heller mot «{pole}».", "Every group leans towards '{pole}'."),
    "compare.differ": ("Gruppene er uenige.", "The groups differ."),
    "compare.all_open": ("Ingen gruppe har plassert seg på denne aksen ennå.",
                         "No group has taken a place on this axis yet."),
    "compare.pole_open": ("Åpen", "Open"),
    "compare.forms": ("Formene gruppene kom fram til", "The forms the groups arrived at"),
    "compare.conditions": ("Betingelser som oftest ikke er oppfylt eller ukjent",
                           "Conditions most often not met or unknown"),
    "compare.not_met": ("ikke oppfylt hos {n}", "not met for {n}"),
    "compare.unknown": ("ukjent hos {n}", "unknown for {n}"),
    "compare.of_groups": ("{counts} av {total} grupper", "{counts} of {total} groups"),
    "compare.no_conditions": ("Hos alle gruppene er hver betingelse oppfylt eller delvis oppfylt.",
                              "For every group each condition is met or partly met."),
    "compare.risks": ("Risikoer som oftest er aktuelle", "Risks most often raised"),
    "compare.raised": ("aktuell hos {n} av {total} grupper", "raised for {n} of {total} groups"),
    "compare.no_risks": ("Svarene peker ikke ut noen aktuell risiko hos noen gruppe.",
                         "The answers raise no risk for any group."),
    "compare.prompts": ("Til diskusjon: eksempler fra rapporten", "For discussion: examples from the report"),
    "compare.prompt_title": ("{form}: {case}", "{form}: {case}"),
    "compare.prompt_question": ("Hva har samarbeidet deres felles med dette eksempelet, og hva skiller dem?",
                                "What does your collaboration share with this example, and what sets them apart?"),
    "compare.no_prompts": ("Ingen gruppe har kommet fram til en form ennå.", "No group has arrived at a form yet."),
    "compare.question": ("Spørsmål", "Question"),
}


def say(key: str, lang: Lang, /, voice: str | None = None, **values: Any) -> str:
    """The text `key` in `lang`; values that are two-language texts are picked in `lang` too.

    With a reader's `voice`, the words under `key@voice` are taken where there are some (a Nav leader's
    falling back on the Nav words), like the rule base's texts (models/common.py `Text`)."""
    if voice is not None:
        for v in VOICE_FALLBACK.get(voice, ()):
            if f"{key}@{v}" in TEXTS:
                key = f"{key}@{v}"
                break
    nb, en = TEXTS[key]
    template = en if lang == "en" else nb  # until the catalogues (issue 22): nynorsk falls back to bokmål
    picked = {k: ((v(lang, voice) if voice is not None else v(lang)) if callable(v) else v) for k, v in values.items()}
    if not picked:
        return template
    # a name that is itself a quote («Prosjektenes evige forbannelse») is not quoted twice
    return template.format(**picked).replace("««", "«").replace("»»", "»")


def both(key: str, /, **values: Any) -> Text:
    from assistant.ids import LANGS
    from assistant.models.common import Text

    return Text.model_validate({lang: say(key, lang, **values) for lang in LANGS})


def saved_when(saved: object, lang: Lang) -> str:
    """A saved-at time (ISO, UTC) as local time a person reads: `22.11.2026 kl. 07:16`; anything else
    in a file's `saved:` is shown as written (and never obeyed)."""
    from datetime import datetime

    from assistant.safetext import visible

    text = saved if isinstance(saved, str) else ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone()
    except (ValueError, OverflowError):
        return visible(text)[:40] or "?"
    return moment.strftime("%d %b %Y, %H:%M" if lang == "en" else "%d.%m.%Y kl. %H:%M")


def listing(items: list[str], lang: Lang) -> str:
    """Names as a sentence lists them: `A, B og C` / `A, B and C`."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'and' if lang == 'en' else 'og'} {items[-1]}"
