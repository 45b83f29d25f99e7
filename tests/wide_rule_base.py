"""A hostile rule base for the decision proof: the shipped one plus many
multiple-choice questions that all move both axes (issue 11).

Used by tests/test_check_scaling.py and by `make bench` (bench/run.py), so the
test and the bench time the same rule base.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLES = {"service": ("existing", "new"), "relation": ("one_way", "two_way")}


def _question(i: int, options: int, show_if: str | None) -> str:
    lines = [
        f"  - id: wide_{i}",
        "    topic: relation",
        "    kind: multi",
        *([f"    show_if: {show_if}"] if show_if else []),
        f"    text: {{nb: \"Breispørsmål {i}?\", nn: \"Breispørsmål {i}?\", en: \"Wide question {i}?\"}}",
        f"    help: {{nb: \"Et ekstra aksespørsmål nummer {i}.\", nn: \"Eit ekstra aksespørsmål nummer {i}.\", "
        f"en: \"An extra axis question number {i}.\"}}",
        f"    find_out: {{nb: \"Hva er svaret på breispørsmål {i}?\", nn: \"Kva er svaret på breispørsmål {i}?\", "
        f"en: \"Answer to wide question {i}?\"}}",
        "    source: [\"4.1\"]",
        "    options:",
    ]
    for k in range(options):
        lines.append(f"      - {{id: o{k}, label: {{nb: \"Valg {i}.{k}\", nn: \"Val {i}.{k}\", "
                     f"en: \"Option {i}.{k}\"}}, "
                     f"explain: {{nb: \"Forklaring {i}.{k}\", nn: \"Forklaring {i}.{k}\", "
                     f"en: \"Explanation {i}.{k}\"}}, "
                     f"situation: {{nb: \"svaret er valg {i}.{k}\", nn: \"svaret er val {i}.{k}\", "
                     f"en: \"the answer is option {i}.{k}\"}}}}")
    return "\n".join(lines) + "\n"


def _indicators(i: int, options: int, weights: int) -> str:
    """Every option moves both axes, towards either pole, with weights 1 to `weights`: the sums spread widely."""
    lines = []
    for k in range(options):
        for n, axis in enumerate(("service", "relation")):
            pole = POLES[axis][(i + k + n) % 2]
            weight = 1 + (i + 2 * k + n) % weights
            lines += [
                f"  - question: wide_{i}",
                f"    option: o{k}",
                f"    axis: {axis}",
                f"    pole: {pole}",
                f"    weight: {weight}",
                "    source: [\"4.1\"]",
                f"    effect: {{nb: \"Valg {i}.{k} peker mot {pole}.\", nn: \"Val {i}.{k} peikar mot {pole}.\", "
                f"en: \"Option {i}.{k} points to {pole}.\"}}",
            ]
    return "\n".join(lines) + "\n"


def build(target: Path, questions: int = 10, options: int = 6, *, weights: int = 3, show_if: str | None = None,
          drop_row: str | None = None) -> Path:
    """Copy the shipped rule base to `target`, add `questions` multiple-choice axis questions of
    `options` options each (weights 1 to `weights`, each asked only when `show_if` holds, if given),
    and optionally remove the decision row of one form. Returns `target`."""
    shutil.copytree(ROOT / "rules", target / "rules")
    shutil.copy(ROOT / "questions.yaml", target / "questions.yaml")
    with (target / "questions.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + "".join(_question(i, options, show_if) for i in range(questions)))
    axes = target / "rules" / "axes.yaml"
    text = axes.read_text(encoding="utf-8")
    at = text.index("\nconflicts:")  # the indicators' list ends where the conflicts begin
    wide = "".join(_indicators(i, options, weights) for i in range(questions))
    axes.write_text(text[:at].rstrip("\n") + "\n" + wide + text[at:], encoding="utf-8")
    if drop_row is not None:
        decision = target / "rules" / "decision.yaml"
        text = decision.read_text(encoding="utf-8")
        start = text.index(f"  - form: {drop_row}\n")
        end = text.find("  - form:", start + 1)
        decision.write_text(text[:start] + (text[end:] if end >= 0 else ""), encoding="utf-8")
    return target
