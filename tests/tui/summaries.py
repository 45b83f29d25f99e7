"""A summary filled by hand, in both languages, for the result screen until the engine and the
report view fill `ReportView.summary` themselves (issue 12). Plain words, as the real one will have."""

from __future__ import annotations

from assistant.render.view import Item, Line, SummaryView

HAND_SUMMARY = {
    "nb": SummaryView(
        title="Kort fortalt",
        form="Samarbeidet er først og fremst et leverandørsamarbeid: Nav kjøper en tjeneste som finnes fra før.",
        reasons=["Nav har skrevet en kravspesifikasjon, og entreprenøren leverer etter den.",
                 "Partene møtes jevnlig og justerer tjenesten sammen."],
        first_steps=[
            Item("Avklar hvordan reglene for offentlige anskaffelser gjelder kjøpet",
                 [Line("Møter risikoen «Anbudsregler og konkurranse»")]),
            Item("Forankre samarbeidet hos lederen og veilederne på kontoret",
                 [Line("Betingelsen «Forankring» er bare delvis oppfylt")]),
            Item("Skriv ned hvem som eier det dere utvikler sammen",
                 [Line("Møter risikoen «Eierskap til resultatene»")]),
        ],
        top_risks=[
            Item("Anbudsregler og konkurranse",
                 [Line("Nav kjøper tjenesten, så kjøpet må følge anskaffelsesreglene.")]),
            Item("Sårbart med få nøkkelpersoner", [Line("Samarbeidet hviler på noen få personer.")]),
        ],
        open="To spørsmål er ikke besvart. Svarene på dem kan endre risikoene, men ikke formen.",
        to_find_out=["Har entreprenøren gitt anbud til det offentlige før?",
                     "Hvem skal eie det dere utvikler sammen?"],
    ),
    "en": SummaryView(
        title="In short",
        form="The collaboration is mainly a supplier collaboration: Nav buys a service that exists already.",
        reasons=["Nav has written a specification, and the entrepreneur delivers to it.",
                 "The parties meet regularly and adjust the service together."],
        first_steps=[
            Item("Settle how the public procurement rules apply to the purchase",
                 [Line("Meets the risk 'Tender rules and competition'")]),
            Item("Anchor the collaboration with the office's leader and caseworkers",
                 [Line("The condition 'Anchoring' is only partly met")]),
            Item("Write down who owns what you develop together",
                 [Line("Meets the risk 'Ownership of the results'")]),
        ],
        top_risks=[
            Item("Tender rules and competition", [Line("Nav buys the service, so the purchase must follow the "
                                                       "procurement rules.")]),
            Item("Vulnerable with few key people", [Line("The collaboration rests on a few people.")]),
        ],
        open="Two questions are not answered. Their answers could change the risks, but not the form.",
        to_find_out=["Has the entrepreneur tendered to the public sector before?",
                     "Who will own what you develop together?"],
    ),
}
