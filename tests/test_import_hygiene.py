"""The core never imports a front end's toolkit: `decide` and the engine run without Textual.

import-linter (`make lint`, contracts in pyproject.toml) checks the imports as written;
the tests here check what a fresh interpreter actually loads, and that the contracts
name every module of the package, so a new module cannot slip past them.
"""

from __future__ import annotations

import ast
import importlib.util
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


def test_the_layers_contract_is_exhaustive():
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["exhaustive"] is True
    assert layers["containers"] == ["assistant"]


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


def test_screens_hold_no_decision_logic():
    """assistant/tui/ may call the engine and the renderers, but not evaluate rules itself."""
    forbidden_modules = {"assistant.engine.conditions", "assistant.engine.axes", "assistant.engine.counterfactual"}
    forbidden_names = {"holds", "reasons", "applies_when", "elements", "indicators", "what_would_change"}
    screens = sorted((ROOT / "assistant" / "tui").glob("*.py"))
    assert len(screens) > 5
    for path in screens:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in forbidden_modules, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in forbidden_names, f"{path.name} uses .{node.attr}"
            if isinstance(node, ast.Name):
                assert node.id not in forbidden_names, f"{path.name} uses {node.id}"


def test_the_first_frame_waits_for_no_parser_and_no_pydantic(tmp_path, monkeypatch):
    """What the assistant imports before its first frame, once it has remembered the roles:
    the rule base (yaml, pydantic, the models) is loaded after that frame, in a thread."""
    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path))
    remember(paths.default_questions(), role_choices(paths.default_questions()))
    assert list(tmp_path.iterdir()), "the roles were not remembered"
    env_code = f"import os; os.environ['SAMARBEID_DATA_DIR'] = {str(tmp_path)!r}\n"
    start = ("import sys\nimport assistant.cli\nfrom assistant.tui.app import SamarbeidApp\n"
             "app = SamarbeidApp('nb')\nprint([r.id for r in app.roles][:1])\n"
             "print(sorted(m for m in ('json', 'yaml', 'pydantic', 'assistant.models', 'assistant.errors', "
             "'assistant.engine', 'argparse') if m in sys.modules))\n")
    proc = _run(env_code + start)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["['nav_leader_state']", "[]"]


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
