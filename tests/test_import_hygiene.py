"""The core never imports a front end's toolkit: `decide` and the engine run without Textual.

import-linter (`make lint`, contracts in pyproject.toml) checks the imports as written;
the tests here check what a fresh interpreter actually loads, and that the contracts
name every module of the package, so a new module cannot slip past them.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import assistant
from assistant import paths
from assistant.firstlook import remember, role_choices

ROOT = Path(__file__).resolve().parent.parent

# the front ends and the entry points that route to them; everything else in the package is the core
FRONT_ENDS = {"tui", "plain", "web"}
ENTRY_POINTS = {"cli", "__main__"}
TOOLKITS = ("textual", "rich", "starlette", "uvicorn")


def _top_level_modules() -> set[str]:
    return {info.name for info in pkgutil.iter_modules(assistant.__path__)}


def _core() -> list[str]:
    """Every module of the core, packages with all their submodules, found in the package itself."""
    names = []
    for info in pkgutil.walk_packages(assistant.__path__, "assistant."):
        top = info.name.split(".")[1]
        if top not in FRONT_ENDS | ENTRY_POINTS:
            names.append(info.name)
    return sorted(names)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def _contracts() -> list[dict]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["importlinter"]["contracts"]


def test_the_toolkit_is_installed_so_the_checks_mean_something():
    assert importlib.util.find_spec("textual") is not None


def test_the_core_is_found_and_holds_what_the_design_names():
    core = _core()
    for name in ("assistant.models.rules", "assistant.loading", "assistant.engine.flow", "assistant.verify.decision",
                 "assistant.render.html", "assistant.sessions", "assistant.answers", "assistant.yamlsource"):
        assert name in core
    assert not [name for name in core if name.startswith(("assistant.tui", "assistant.plain", "assistant.cli"))]


def test_the_toolkit_contract_names_every_core_module():
    """The forbidden contract lists its modules by hand: it must list exactly the core's top-level modules."""
    (forbidden,) = [c for c in _contracts() if c["type"] == "forbidden" and c["name"].startswith("The core")]
    core_top = _top_level_modules() - FRONT_ENDS - ENTRY_POINTS
    assert set(forbidden["source_modules"]) == {f"assistant.{name}" for name in core_top}
    assert set(forbidden["forbidden_modules"]) >= set(TOOLKITS)


def test_the_layers_contract_is_exhaustive_and_places_every_module_once():
    """exhaustive = true makes lint-imports fail on a module the layers do not name; and the layers name
    exactly the package's top-level modules, each in one layer, so none is placed twice or left out."""
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["exhaustive"] is True
    assert layers["containers"] == ["assistant"]
    placed = [name for layer in layers["layers"] for name in layer.replace("\\", " ").replace("|", " ")
              .replace(":", " ").split()]
    assert sorted(placed) == sorted(_top_level_modules())
    assert len(placed) == len(set(placed))
    # the core layer, below the front ends, is the first contract's core: the same modules
    (forbidden,) = [c for c in _contracts() if c["type"] == "forbidden" and c["name"].startswith("The core")]
    core_layer = layers["layers"][-1].replace("\\", " ").replace(":", " ").split()
    assert {f"assistant.{name}" for name in core_layer} == set(forbidden["source_modules"])


def test_importing_the_core_plain_mode_and_the_cli_loads_no_toolkit():
    """Plain mode and the CLI too: both load Textual only when the assistant is started."""
    modules = [*_core(), "assistant.plain", "assistant.cli"]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {TOOLKITS!r}))\n")
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_browser_front_end_loads_no_terminal_toolkit():
    """`samarbeid serve` imports the web stack and the core, never Textual or Rich."""
    proc = _run("import sys\nimport assistant.web.app, assistant.web.serve\n"
                "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_decide_runs_without_importing_textual():
    code = (
        "import sys, io, contextlib\n"
        "from assistant.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main(['decide', 'examples/supplier.yaml', '--format', 'json'])\n"
        "assert code == 0, code\n"
        "assert '\"form\": \"supplier\"' in out.getvalue()\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_decide_loads_only_what_it_uses(tmp_path):
    """`decide` is timed against the floor of importing pydantic and yaml (DESIGN.md, issue 21): once the
    rule base's snapshot is made, it reads an answers file and writes a report, so the store of saved
    sessions and the writing of files (with tempfile behind it) stay out of it unless `-o` names a file;
    argparse's help formatter is given the terminal's width, so it does not import shutil for it; and
    the rule base read from its snapshot is made of plain records, so pydantic, which validates the YAML,
    is not imported at all (models/schema.py)."""
    code = (
        "import sys, io, contextlib\n"
        "from assistant.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['decide', 'examples/supplier.yaml', '--format', 'json'])\n"
        "assert code == 0, code\n"
        "left_out = ('assistant.sessions', 'assistant.files', 'tempfile', 'shutil', 'pydantic',\n"
        "            'assistant.models.schema', 'assistant.models.constraints')\n"
        "print(sorted(m for m in left_out if m in sys.modules))\n"
    )
    env = {**os.environ, "SAMARBEID_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
            for _ in range(2)]  # the first makes the snapshot (written as any file is); the second reads it
    assert list(tmp_path.iterdir()), "no snapshot was made"
    assert runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stdout.strip() == "[]"


def _view_fields() -> dict[str, set[str]]:
    """The report view's types (render/view.py) and their fields: what a screen shows, already decided."""
    import dataclasses

    from assistant.render import view

    return {name: {f.name for f in dataclasses.fields(obj)} for name, obj in vars(view).items()
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == view.__name__}


def _views_named(tree: ast.AST, views: dict[str, set[str]]) -> dict[str, str]:
    """The names a module declares to hold a report view's type (`summary: SummaryView = ...`, an argument
    `item: Item`): the type each holds."""
    named = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, annotation = node.target.id, node.annotation
        elif isinstance(node, ast.arg) and node.annotation is not None:
            target, annotation = node.arg, node.annotation
        else:
            continue
        if isinstance(annotation, ast.Name) and annotation.id in views:
            named[target] = annotation.id
    return named


FORBIDDEN_IN_SCREENS = {"assistant.engine.conditions", "assistant.engine.axes", "assistant.engine.counterfactual"}
"""The engine's modules that weigh answers: a screen that imports them is deciding."""
DECIDING_NAMES = {"holds", "reasons", "applies_when", "elements", "indicators", "what_would_change"}
"""The rule base's and the engine's names for how a result is reached."""


def _decision_logic(source: str, name: str) -> list[str]:
    """Where a screen's source imports the engine's weighing or reads its reasoning by name."""
    views = _view_fields()
    tree = ast.parse(source)
    named = _views_named(tree, views)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_IN_SCREENS:
            found.append(f"{name}:{node.lineno} imports {node.module}")
        if isinstance(node, ast.Attribute) and node.attr in DECIDING_NAMES:
            held = named.get(node.value.id) if isinstance(node.value, ast.Name) else None
            if held is None or node.attr not in views[held]:  # a report view's field is there to be shown
                found.append(f"{name}:{node.lineno} uses .{node.attr}")
        if isinstance(node, ast.Name) and node.id in DECIDING_NAMES:
            found.append(f"{name}:{node.lineno} uses {node.id}")
    return found


def test_screens_hold_no_decision_logic():
    """assistant/tui/ may call the engine and the renderers, but not evaluate rules itself.

    A screen may read the fields of the report view (render/view.py), which the renderers have filled
    from the result (a SummaryView's `reasons` are sentences to show); it may not reach into the rule
    base's or the engine's (a Result's reasons, a risk's applies_when) under those names."""
    screens = sorted((ROOT / "assistant" / "tui").glob("*.py"))
    assert len(screens) > 5
    found = [problem for path in screens for problem in _decision_logic(path.read_text(encoding="utf-8"), path.name)]
    assert found == []


def test_the_screens_check_tells_a_view_s_field_from_the_engine_s():
    """The summary's reasons may be read; a result's, or a name not declared as a view, may not."""
    assert "reasons" in _view_fields()["SummaryView"]
    assert _decision_logic("summary: SummaryView = view.summary\nsummary.reasons\n", "ok.py") == []
    assert _decision_logic("def f(summary: SummaryView):\n    return summary.reasons\n", "ok.py") == []
    assert _decision_logic("result = app.result()\nresult.summary.reasons\n", "r.py") == ["r.py:2 uses .reasons"]
    assert _decision_logic("summary = view.summary\nsummary.reasons\n", "s.py") == ["s.py:2 uses .reasons"]
    assert _decision_logic("item: Item = x\nitem.applies_when\n", "i.py") == ["i.py:2 uses .applies_when"]
    assert _decision_logic("from assistant.engine.axes import score\n", "a.py") == \
        ["a.py:1 imports assistant.engine.axes"]


def test_the_first_frame_waits_for_no_parser_and_no_pydantic(tmp_path, monkeypatch):
    """What the assistant imports before its first frame, once it has remembered the roles:
    the rule base (yaml, pydantic, the models) is loaded after that frame, in a thread."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    remember(paths.default_questions(), role_choices(paths.default_questions()))
    assert list(tmp_path.iterdir()), "the roles were not remembered"
    env_code = f"import os; os.environ['SAMARBEID_DATA_DIR'] = {str(tmp_path)!r}\n"
    start = ("import sys\nimport assistant.cli\nfrom assistant.tui.app import SamarbeidApp\n"
             "app = SamarbeidApp('nb')\nprint([r.id for r in app.roles][:1])\n"
             "app.get_default_screen()\n"  # the start screen the first frame shows (once imported sessions)
             "print(sorted(m for m in ('json', 'yaml', 'pydantic', 'assistant.models', 'assistant.errors', "
             "'assistant.engine', 'argparse') if m in sys.modules))\n")
    proc = _run(env_code + start)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["['nav_leader']", "[]"]


def test_the_engine_returns_data_and_leaves_the_words_to_the_renderers():
    """No engine module imports the program's words (assistant.texts), a renderer or a front end,
    not even inside a function; and importing the engine does not pull them in on the way."""
    import ast
    words = ("assistant.texts", "assistant.render", "assistant.tui", "assistant.plain")
    engine = sorted((ROOT / "assistant" / "engine").glob("*.py"))
    assert len(engine) >= 5
    for path in engine:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names] if node.module else []
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(words), f"assistant/engine/{path.name}:{node.lineno} imports {name}"
    proc = _run("import sys\nimport assistant.engine\n"
                f"print(sorted(m for m in sys.modules if m.startswith({words!r})))")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
