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
    "web.carried_over": ("Noen svar i fila er fra en eldre versjon av spørsmålene. De er lest som dagens "
                         "svaralternativer; se over svarene nedenfor.",
                         "Some answers in the file are from an older version of the questions. They are read as "
                         "today's options; look over the answers below."),
    "web.review_intro": ("Her er spørsmålene du har fått, med svarene dine. Velg «Endre» for å endre et svar.",
                         "These are the questions you were asked, with your answers. Choose \"Change\" to change "
                         "an answer."),
    "web.change": ("Endre", "Change"),
    "web.see_result": ("Se resultatet", "See the result"),
    "web.carry_on": ("Fortsett med spørsmålene", "Go on with the questions"),
    "web.review_empty": ("Du har ikke svart på noe ennå.", "You have not answered anything yet."),
    # --- result
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
    # --- the start's way to the workshop rooms
    "room.start_title": ("Workshop", "Workshop"),
    "room.start_text": ("I et kurs eller en workshop svarer gruppene på hver sin enhet, og lerretet viser dem i "
                        "firefeltstabellen mens de svarer.",
                        "In a course or workshop, each group answers on its own device, and the projector shows them "
                        "on the four-field matrix as they answer."),
    "room.start_join": ("Bli med i en workshop (gruppe)", "Join a workshop (group)"),
    "room.start_run": ("Lag et workshoprom (kursholder)", "Run a workshop (trainer)"),
    "room.start_tour": ("Rammeverket som lysbilder", "The framework as slides"),
    "room.kicker": ("workshop", "workshop"),
    # --- every page of a group in a room
    "room.banner": ("Gruppe «{group}» i rom {code}.", "Group “{group}” in room {code}."),
    "room.banner_link": ("Gruppens side", "Your group's page"),
    "room.banner_waiting": ("Quizrunde {n} venter på dere: plasser caset", "Quiz round {n} is waiting for you: place "
                            "the case"),
    # --- making a room
    "room.new_title": ("Lag et workshoprom", "Run a workshop"),
    "room.new_lead": ("Gruppene svarer på spørsmålene på hver sin enhet, og lerretet viser hvor hver gruppe havner i "
                      "firefeltstabellen mens de svarer.",
                      "The groups answer the questions on their own devices, and the projector shows where each "
                      "group lands on the four-field matrix as they answer."),
    "room.new_step1": ("Du får en kode, en adresse og en QR-kode til lerretet, og en kursholderlenke som bare du "
                       "skal ha.",
                       "You get a code, an address and a QR code for the projector, and a trainer link that is for you "
                       "alone."),
    "room.new_step2": ("Gruppene blir med med koden og et gruppenavn, høyst {max} grupper.",
                       "The groups join with the code and a group name, at most {max} groups."),
    "room.new_step3": ("Lerretet viser gruppene i tabellen mens de svarer; du styrer casequizen og sammenligningen.",
                       "The projector shows the groups on the matrix as they answer; you run the case quiz and the "
                       "comparison."),
    "room.new_step4": ("Til slutt stenger du rommet og laster ned alt: hver gruppes svar og sammenligningen.",
                       "At the end you close the room and download everything: each group's answers and the "
                       "comparison."),
    "room.lang_legend": ("Språket gruppene begynner på (hver kan bytte)",
                         "The language groups begin in (each can switch)"),
    "room.create": ("Lag rommet", "Create the room"),
    "room.new_keep": ("Rommet og svarene lagres på serveren som kjører samarbeid, og slettes etter 30 dager uten "
                      "endringer.",
                      "The room and the answers are kept on the server that runs samarbeid, and deleted after 30 days "
                      "without changes."),
    # --- joining
    "room.join_page_title": ("Bli med i en workshop", "Join a workshop"),
    "room.join_lead": ("Skriv koden som står på lerretet, og navnet gruppen skal ha.",
                       "Type the code shown on the projector, and the name your group will go by."),
    "room.already": ("Denne nettleseren er med i rom {code} som gruppe «{group}».",
                     "This browser is in room {code} as group “{group}”."),
    "room.code_label": ("Kode", "Code"),
    "room.code_hint": ("Seks tegn, bokstaver og tall, som på lerretet.", "Six characters, letters and digits, as on "
                       "the projector."),
    "room.name_label": ("Gruppenavn", "Group name"),
    "room.name_hint": ("Slik vises gruppen på lerretet, høyst {max} tegn. Bruk gjerne et navn, ikke personnavn.",
                       "How your group is shown on the projector, at most {max} characters. A name for the group, "
                       "not people's names."),
    "room.join_button": ("Bli med", "Join"),
    "room.refused.no_such_room": ("Det finnes ikke noe rom med koden «{code}». Sjekk koden på lerretet.",
                                  "There is no room with the code “{code}”. Check the code on the projector."),
    "room.refused.room_closed": ("Rommet er stengt: kursholderen har avsluttet workshopen.",
                                 "The room is closed: the trainer has ended the workshop."),
    "room.refused.room_full": ("Rommet er fullt. Bli med i en av gruppene som er der.",
                               "The room is full. Join one of the groups already there."),
    "room.refused.name_taken": ("En annen gruppe har allerede det navnet. Velg et annet.",
                                "Another group already has that name. Choose another."),
    "room.refused.name_empty": ("Skriv et navn på gruppen.", "Type a name for your group."),
    "room.refused.name_invisible": ("Navnet har ingen bokstav, sifre eller tegn som kan ses. Skriv et navn som "
                                    "vises på lerretet.",
                                    "The name has no letter, digit or sign that can be seen. Type a name that "
                                    "shows on the projector."),
    # --- a group's page and the quiz
    "room.group_title": ("Gruppe «{group}»", "Group “{group}”"),
    "room.to_interview": ("Til spørsmålene", "To the questions"),
    "room.look_again": ("Se etter en ny runde", "Look for a new round"),
    "room.removed_title": ("Ikke lenger i rommet", "No longer in the room"),
    "room.removed": ("Kursholderen har tatt gruppen ut av rommet. Svarene deres er fortsatt her i nettleseren.",
                     "The trainer has taken your group out of the room. Your answers are still here in this browser."),
    "room.no_round_title": ("Casequiz", "Case quiz"),
    "room.no_round": ("Ingen quizrunde ennå. Når kursholderen starter en, kommer caset her.",
                      "No quiz round yet. When the trainer starts one, the case shows here."),
    "room.quiz_title": ("Quizrunde {n}", "Quiz round {n}"),
    "room.place_quadrant": ("Hvor i tabellen hører samarbeidet hjemme?",
                            "Where on the matrix does this relation belong?"),
    "room.place_questions": ("Eller svar på de to spørsmålene", "Or answer the two questions"),
    "room.place_button": ("Plasser", "Place it"),
    "room.place_missing": ("Velg et felt, eller svar på begge spørsmålene.",
                           "Choose a quadrant, or answer both questions."),
    "room.place_revealed": ("Denne runden er stengt: rapportens svar er vist. Plasseringen deres ble ikke endret.",
                            "This round is closed: the report's answer has been revealed. Your placement was not "
                            "changed."),
    "room.you_placed": ("Dere plasserte det som {form}. Dere kan endre til kursholderen viser svaret.",
                        "You placed it as {form}. You can change it until the trainer reveals the answer."),
    "room.reading_title": ("Rapporten: {form}", "The report: {form}"),
    "room.your_points": ("Dere plasserte det som {placed}: {points}.", "You placed it as {placed}: {points}."),
    "room.not_placed": ("Dere plasserte det ikke: 0 poeng.", "You did not place it: 0 points."),
    "room.mixed": ("Blandet: relasjonen har også trekk av {forms}.",
                   "Mixed: the relation also has elements of {forms}."),
    "room.mixed_short": ("blandet", "mixed"),
    "room.closed_text": ("Rommet er stengt.", "The room is closed."),
    # --- the projector
    "room.screen_title": ("Gruppene i firefeltstabellen", "The groups on the matrix"),
    "room.screen_nav": ("Workshop", "Workshop"),
    "room.matrix_figure": ("Firefeltstabellen med {n} grupper plassert etter svarene sine",
                           "The four-field matrix with {n} groups placed by their answers"),
    "room.unplaced": ("Ikke plassert ennå: {names}", "Not placed yet: {names}"),
    "room.join_title": ("Bli med", "Join"),
    "room.join_go": ("Gå til", "Go to"),
    "room.join_code": ("og skriv koden", "and type the code"),
    "room.join_strip": ("Bli med: {url} · kode", "Join: {url} · code"),
    "room.closed_title": ("Rommet er stengt", "The room is closed"),
    "room.groups_title": ("Grupper ({n} av høyst {max})", "Groups ({n} of at most {max})"),
    "room.nobody": ("Ingen grupper ennå.", "No groups yet."),
    "room.progress": ("{answered} av {reachable}", "{answered} of {reachable}"),
    "room.progress_short": ("{answered}/{reachable}", "{answered}/{reachable}"),
    "room.done": ("ferdig", "done"),
    "room.quiz_figure": ("Firefeltstabellen med gruppene som har plassert caset: {placed} av {total}",
                         "The four-field matrix with the groups that placed the case: {placed} of {total}"),
    "room.placed": ("{placed} av {total} grupper har plassert caset.",
                    "{placed} of {total} groups have placed the case."),
    "room.more": ("og {n} til", "and {n} more"),
    "room.scores_title": ("Poeng etter {n} runder", "Points after {n} rounds"),
    "room.scores_title_one": ("Poeng etter 1 runde", "Points after 1 round"),
    "room.points": ("{n} poeng", "{n} points"),
    "room.points_one": ("1 poeng", "1 point"),
    "room.tour_link": ("Rammeverket som lysbilder", "The framework as slides"),
    "room.trainer_page": ("Kursholdersiden", "The trainer's page"),
    # --- the trainer's page
    "room.trainer_title": ("Workshoprom {code}", "Workshop room {code}"),
    "room.closed_note": ("Rommet er stengt: ingen nye grupper kan bli med, og ingen ny quizrunde kan startes. Du kan "
                         "fortsatt vise og laste ned alt.",
                         "The room is closed: no new group can join, and no new quiz round can start. You can still "
                         "show and download everything."),
    "room.local_only_title": ("Gruppene kan ikke nå denne serveren", "The groups cannot reach this server"),
    "room.local_only_text": ("Den lytter bare på denne datamaskinen (127.0.0.1). Stopp den (Ctrl-C) og start den for "
                             "rommets nettverk:",
                             "It listens on this computer only (127.0.0.1). Stop it (Ctrl-C) and start it for the "
                             "room's network:"),
    "room.join_info_title": ("Slik blir gruppene med", "How the groups join"),
    "room.address_label": ("Adresse", "Address"),
    "room.open_screen": ("Åpne lerretsvisningen", "Open the projector view"),
    "room.trainer_link_title": ("Kursholderlenken (hold den for deg selv)", "The trainer link (keep it to yourself)"),
    "room.trainer_link_text": ("Bare denne lenken styrer rommet. Åpne den på en annen enhet for å styre derfra. Den "
                               "lagres ikke på serveren, så ta vare på den.",
                               "Only this link controls the room. Open it on another device to control the room from "
                               "there. The server does not keep it, so keep it safe."),
    "room.show_title": ("Lerretet", "The projector"),
    "room.show_now": ("Lerretet viser nå: {what}.", "The projector now shows: {what}."),
    "room.show.matrix": ("gruppene i tabellen", "the groups on the matrix"),
    "room.show.quiz": ("casequizen", "the case quiz"),
    "room.show.compare": ("sammenligningen", "the comparison"),
    "room.show.discuss": ("eksemplene til diskusjon", "the examples to discuss"),
    "room.show_button.matrix": ("Gruppene i tabellen", "The groups on the matrix"),
    "room.show_button.quiz": ("Casequizen", "The case quiz"),
    "room.show_button.compare": ("Sammenligningen", "The comparison"),
    "room.show_button.discuss": ("Eksempler til diskusjon", "Examples to discuss"),
    "room.quiz_controls": ("Casequiz", "Case quiz"),
    "room.quiz_intro": ("Velg en relasjon fra rapportens caser. Gruppene leser en nøytral beskrivelse og plasserer den "
                        "i tabellen; deretter viser du rapportens lesning. Riktig form gir 2 poeng, én riktig akse 1.",
                        "Pick a relation from the report's cases. The groups read a neutral description and place it "
                        "on the matrix; then you reveal the report's reading. The report's form scores 2 points, one "
                        "axis right 1."),
    "room.pick_relation": ("Relasjon (rapportens form i parentes)", "Relation (the report's form in brackets)"),
    "room.ask": ("Start runden", "Start the round"),
    "room.relation_missing": ("Velg en relasjon fra listen.", "Choose a relation from the list."),
    "room.reveal": ("Vis rapportens svar", "Reveal the report's answer"),
    "room.placing": ("Ikke plassert ennå: {names}.", "Not placed yet: {names}."),
    "room.quiz_closed": ("Rommet er stengt: ingen ny runde kan startes.",
                         "The room is closed: no new round can start."),
    "room.revealed": ("Vist: rapporten leser den som {form}.", "Revealed: the report reads it as {form}."),
    "room.group_col": ("Gruppe", "Group"),
    "room.progress_col": ("Svart", "Answered"),
    "room.remove_col": ("Fjern", "Remove"),
    "room.remove": ("Fjern", "Remove"),
    "room.end_title": ("Avslutt", "At the end"),
    "room.end_text": ("Last ned alt: hver gruppes svar som en fil «samarbeid decide» og «samarbeid compare» leser, "
                      "sammenligningen som nettside, og quizens poeng. Stenger du rommet, kan ingen nye grupper bli "
                      "med.",
                      "Download everything: each group's answers as a file that “samarbeid decide” and “samarbeid "
                      "compare” read, the comparison as a web page, and the quiz's points. Closing the room lets no "
                      "new group join."),
    "room.download": ("Last ned alt (zip)", "Download everything (zip)"),
    "room.close": ("Steng rommet …", "Close the room …"),
    "room.close_title": ("Stenge rom {code}?", "Close room {code}?"),
    "room.close_lead": ("Når du stenger rommet:", "When you close the room:"),
    "room.close_join": ("kan ingen nye grupper bli med: koden og QR-koden virker ikke lenger",
                        "no new group can join it: the code and the QR code stop working"),
    "room.close_quiz": ("kan ingen ny quizrunde startes, og gruppene kan ikke plassere flere caser",
                        "no new quiz round can start, and the groups can place no more cases"),
    "room.close_keep": ("beholder gruppene svarene sine ({n}), og du kan fortsatt vise tabellen, quizen og "
                        "sammenligningen og laste ned alt",
                        "the groups keep their answers ({n}), and you can still show the matrix, the quiz and the "
                        "comparison, and download everything"),
    "room.close_groups_one": ("1 gruppe", "1 group"),
    "room.close_groups": ("{n} grupper", "{n} groups"),
    "room.close_final": ("Et stengt rom kan ikke åpnes igjen.", "A closed room cannot be opened again."),
    "room.close_yes": ("Ja, steng rommet", "Yes, close the room"),
    "room.close_no": ("Nei, la det være åpent", "No, keep it open"),
    "room.zip_readme": (
        "samarbeid: workshoprom {code}\n\n"
        "groups/          hver gruppes svar (YAML): samarbeid decide FIL, samarbeid --resume FIL\n"
        "comparison.html  sammenligningen av gruppene\n"
        "quiz.csv         casequizens runder: hvor hver gruppe plasserte relasjonen, og poengene\n\n"
        "Sammenlign på nytt uten serveren: samarbeid compare {folder}/groups\n"
        "(«samarbeid» der programmet er installert med pipx; i en kopi av kildekoden: ./samarbeid i mappen\n"
        "der kopien ligger, eller make compare DIR={folder}/groups.)\n",
        "samarbeid: workshop room {code}\n\n"
        "groups/          each group's answers (YAML): samarbeid decide FILE, samarbeid --resume FILE\n"
        "comparison.html  the comparison of the groups\n"
        "quiz.csv         the case quiz's rounds: where each group placed the relation, and the points\n\n"
        "Compare again without the server: samarbeid compare {folder}/groups\n"
        "(\"samarbeid\" where the program is installed with pipx; in a copy of the source: ./samarbeid in the\n"
        "copy's folder, or make compare DIR={folder}/groups.)\n"),
    # --- the tour
    "room.slide_count": ("{n} av {total}", "{n} of {total}"),
    "room.slide_nav": ("Lysbildene", "The slides"),
    "room.previous": ("Forrige", "Previous"),
    "room.next": ("Neste", "Next"),
    "room.back_to_room": ("Tilbake til rommet", "Back to the room"),
    "room.slide_keys": ("Piltastene blar.", "The arrow keys step."),
    "room.tour.title": ("Fire former for samarbeid mellom Nav og sosiale entreprenører",
                        "Four forms of collaboration between Nav and social entrepreneurs"),
    "room.tour.lead": ("Rapporten plasserer samarbeidene på to akser: om tjenesten finnes fra før eller skapes, og om "
                       "relasjonen går én vei eller begge veier. Det gir fire former, hver med sine betingelser og "
                       "risikoer.",
                       "The report places collaborations on two axes: whether the service exists already or is "
                       "created, and whether the relation runs one way or both ways. That gives four forms, each "
                       "with its conditions and risks."),
    "room.tour.axes": ("De to aksene", "The two axes"),
    "room.tour.matrix": ("Firefeltstabellen", "The four-field matrix"),
    "room.tour.matrix_lead": ("De to aksene gir fire felt, ett for hver samarbeidsform. Et virkelig samarbeid har ofte "
                              "én hovedform med trekk av andre.",
                              "The two axes give four fields, one for each form of collaboration. A real collaboration "
                              "often has one main form with elements of others."),
    "room.tour.benefits": ("Gevinster", "Benefits"),
    "room.tour.challenges": ("Utfordringer", "Challenges"),
    "room.tour.example": ("Et eksempel fra rapporten", "An example from the report"),
    "room.tour.conditions": ("Seks betingelser for samarbeid", "Six conditions for collaboration"),
    "room.tour.conditions_lead": ("Rapporten fant seks forhold som avgjør om samarbeidet får til noe.",
                                  "The report found six things that decide whether a collaboration gets anywhere."),
    "room.tour.phases": ("Formene i entreprenørens faser", "The forms in the entrepreneur's phases"),
    "room.tour.phases_lead": ("Hvilken form som passer, skifter med hvor langt entreprenøren har kommet.",
                              "Which form fits changes with how far the entrepreneur has come."),
    # --- a room's own problems
    "room.404.room.title": ("Rommet finnes ikke", "No such room"),
    "room.404.room.text": ("Det finnes ikke noe workshoprom med koden «{code}». Sjekk koden på lerretet, eller spør "
                           "kursholderen.",
                           "There is no workshop room with the code “{code}”. Check the code on the projector, or ask "
                           "the trainer."),
    "room.403.trainer.title": ("Bare kursholderen kan styre rommet", "Only the trainer can control the room"),
    "room.403.trainer.text": ("Dette krever kursholderlenken til rommet. Ingenting er endret.",
                              "This needs the room's trainer link. Nothing was changed."),
    # the server answers only to its own names (assistant/web/hosts.py); the key is the problem page's
    # for a status with something to say about it, as the room's are
    "room.400.host.title": ("Serveren svarer ikke på den adressen", "This server does not answer to that address"),
    "room.400.host.text": ("samarbeid svarer bare på adressene den er startet for. Åpne adressen serveren skrev ut "
                           "da den startet, eller start den med --allowed-host NAVN.",
                           "samarbeid answers only to the addresses it was started for. Open the address the server "
                           "printed when it started, or start it with --allowed-host NAME."),
    "room.stream_busy": ("Serveren har for mange åpne direktesider nå. Siden lastes inn på nytt av og til i stedet.",
                         "The server has too many live pages open now. This page reloads now and then instead."),
    # --- when something is wrong
    "web.409.title": ("Det går ikke nå", "That cannot be done now"),
    "web.409.text": ("Rommet er stengt, eller det har endret seg. Ingenting er endret.",
                     "The room is closed, or it has changed. Nothing was changed."),
    "web.429.title": ("For mange forsøk", "Too many tries"),
    "web.429.text": ("Vent et minutt og prøv igjen.", "Wait a minute and try again."),
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
    "web.429.sessions.title": ("For mange nye økter", "Too many new sessions"),
    "web.429.sessions.text": ("Det er begynt for mange nye økter fra denne adressen i dag. Fortsett i en økt du "
                              "allerede har, eller prøv igjen i morgen.",
                              "Too many new sessions have been begun from this address today. Go on in a session "
                              "you already have, or try again tomorrow."),
    # --- the database could not keep what was sent (issue 19, F29)
    "web.503.title": ("Kunne ikke lagre", "Could not save"),
    "web.503.text": ("Serveren fikk ikke skrevet til databasen sin, så det du nettopp sendte, ble ikke lagret. "
                     "Svarene du har fått bekreftet før, er lagret. Feilen er skrevet i serverens logg.",
                     "The server could not write to its database, so what you just sent was not saved. The answers "
                     "confirmed before are kept. The error is written to the server's log."),
    "web.503.full.title": ("Kunne ikke lagre: disken er full", "Could not save: the disk is full"),
    "web.503.full.text": ("Serverens disk er full, så svaret ditt ble ikke lagret. Svarene du har fått bekreftet før, "
                          "er lagret. Si fra til den som driver serveren, og prøv igjen når det er plass.",
                          "The server's disk is full, so your answer was not saved. The answers confirmed before "
                          "are kept. Tell whoever runs the server, and try again when there is room."),
    "web.503.read_only.title": ("Kunne ikke lagre", "Could not save"),
    "web.503.read_only.text": ("Serverens database kan bare leses nå, så svaret ditt ble ikke lagret. Si fra til den "
                               "som driver serveren.",
                               "The server's database can only be read now, so your answer was not saved. Tell "
                               "whoever runs the server."),
    "web.503.busy.title": ("Kunne ikke lagre ennå", "Could not save yet"),
    "web.503.busy.text": ("Serverens database er opptatt av et annet program, så svaret ditt ble ikke lagret. Prøv "
                          "igjen om litt.",
                          "The server's database is held by another program, so your answer was not saved. Try "
                          "again in a moment."),
}


def say(key: str, lang: Lang, /, **values: Any) -> str:
    """The words `key` in `lang`: the browser's own, else those every front end shares (texts.py)."""
    pair = WORDS.get(key)
    if pair is None:
        return texts.say(key, lang, **values)
    template = pair[1] if lang == "en" else pair[0]  # until the catalogues (issue 22): nynorsk falls back to bokmål
    return template.format(**values) if values else template


def known(key: str) -> bool:
    return key in WORDS or key in texts.TEXTS
