"""The 2×2 matrix of the report (4.1, Figur 4) as a widget, with the axis leaning."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Static

from assistant.render.view import Matrix

MARK_CLASS = {"X": "-primary", "?": "-candidate", "+": "-secondary", "": ""}
MARK_SIGN = {"X": "■ ", "?": "? ", "+": "+ ", "": "  "}


def axis_bar(left: str, right: str, score: int, span: int = 8, width: int = 21) -> Content:
    """A line like `Existing ─────●────┼───────── New`: the dot sits where the score leans."""
    half = width // 2
    clipped = max(-span, min(span, score))
    position = half - round(clipped * half / span)  # positive scores lean left (the first pole)
    cells = ["─"] * width
    cells[half] = "┼"
    cells[position] = "●"
    return Content.assemble((left, "bold"), " ", "".join(cells), " ", (right, "bold"))


class MatrixView(Vertical):
    """The four forms on the two axes; primary, candidate and secondary forms marked."""

    def __init__(self, matrix: Matrix, legend: str, bars: list[Content], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.matrix = matrix
        self.legend = legend
        self.bars = bars

    def compose(self) -> ComposeResult:
        m = self.matrix
        with Grid(classes="matrix-grid"):
            yield Static("", classes="corner")
            for name in m.column_names:
                yield Static(Content(name), classes="column-head")
            for row_name, row in zip(m.row_names, m.cells, strict=True):
                yield Static(Content(row_name), classes="row-head")
                for mark, form in row:
                    yield Static(Content(MARK_SIGN[mark] + form), classes=f"cell {MARK_CLASS[mark]}".strip())
        for bar in self.bars:
            yield Static(bar, classes="axis-bar")
        yield Static(Content(self.legend), classes="legend")
