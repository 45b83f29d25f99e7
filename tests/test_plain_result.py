"""Plain mode's result: the summary first, then the whole report unless the person skips it."""

from __future__ import annotations

from assistant.dialogue import Dialogue
from assistant.loading import load_answers
from assistant.plain import run_plain
from tests.conftest import ROOT


class Typist:
    """Types the given replies (answering "don't know" to any question left), then reaches the end of input."""

    def __init__(self, replies: list[str]):
        self.replies = list(replies)
        self.prompts: list[str] = []
        self.lines: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if prompt.startswith("Svar"):  # a question still open: the last option is "Vet ikke"
            numbers = [line.strip().split(")")[0] for line in self.lines if line.strip()[:1].isdigit()]
            return numbers[-1]
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def tell(self, line: str = "") -> None:
        self.lines.extend(line.split("\n"))


def finish(rule_base, engine, replies: list[str]) -> tuple[bool, Typist]:
    answers, _, _ = load_answers(ROOT / "examples" / "supplier.yaml", rule_base)
    typist = Typist(replies)
    dialogue = Dialogue(rule_base, engine, answers=answers, lang="nb")
    return run_plain(dialogue, ask=typist.ask, tell=typist.tell), typist


def test_the_result_opens_with_the_summary_and_the_rest_can_be_skipped(rule_base, engine):
    finished, typist = finish(rule_base, engine, ["q"])
    assert finished
    screen = "\n".join(typist.lines)
    at = typist.lines.index("Samarbeid mellom Nav og sosial entreprenør")
    assert typist.lines[at + 3:at + 6] == ["Kort fortalt", "------------",
                                           "Samarbeidet er mest et leverandørsamarbeid."]
    assert "Trykk Enter for hele rapporten, eller q for å hoppe over den: " in typist.prompts
    assert "Betingelser for godt samarbeid" not in screen and "Vedlegg: hvordan svarene ble vektet" not in screen
    assert screen.rstrip().endswith("Tips: start med --save FIL for å ta vare på svarene.")


def test_enter_or_the_end_of_input_shows_the_whole_report_after_the_summary(rule_base, engine):
    for replies in ([""], []):
        finished, typist = finish(rule_base, engine, replies)
        assert finished
        screen = "\n".join(typist.lines)
        assert screen.index("Kort fortalt") < screen.index("Resultatet i detalj") < \
            screen.index("Betingelser for godt samarbeid") < screen.index("Vedlegg: hvordan svarene ble vektet")
        assert screen.count("Kort fortalt") == 1 and screen.count("samarbeid 0.1.0, regelverk") == 1
