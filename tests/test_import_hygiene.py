"""The core never imports textual: `decide` and the engine run without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORE = ["assistant.models", "assistant.loading", "assistant.engine", "assistant.render",
        "assistant.render.view", "assistant.render.text", "assistant.render.markdown",
        "assistant.render.json", "assistant.render.html", "assistant.answers", "assistant.yamlsource", "assistant.cli",
        "assistant.plain", "assistant.files", "assistant.sessions"]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_textual_is_installed_so_the_check_means_something():
    proc = _run("import textual")
    assert proc.returncode == 0, proc.stderr


def test_core_modules_do_not_import_textual():
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in CORE) + \
        "print('textual' in sys.modules)"
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


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
    import ast
    forbidden_modules = {"assistant.engine.conditions", "assistant.engine.axes", "assistant.engine.counterfactual"}
    forbidden_names = {"holds", "reasons", "applies_when", "elements", "indicators", "what_would_change"}
    for path in sorted((ROOT / "assistant" / "tui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in forbidden_modules, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in forbidden_names, f"{path.name} uses .{node.attr}"
            if isinstance(node, ast.Name):
                assert node.id not in forbidden_names, f"{path.name} uses {node.id}"


def test_the_first_frame_waits_for_no_parser_and_no_pydantic(tmp_path):
    """What the assistant imports before its first frame, once it has remembered the roles:
    the rule base (yaml, pydantic, the models) is loaded after that frame, in a thread."""
    env_code = f"import os; os.environ['SAMARBEID_DATA_DIR'] = {str(tmp_path)!r}\n"
    remember = ("from assistant import paths\nfrom assistant.firstlook import remember, role_choices\n"
                "remember(paths.default_questions(), role_choices(paths.default_questions()))\n")
    assert _run(env_code + remember).returncode == 0
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
