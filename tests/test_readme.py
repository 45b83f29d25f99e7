"""README.md and docs/: short, every link and picture real, every command runnable as written, and the
guides in the words the product shows (issue 20, point 3).

- The README has at most 150 lines.
- Every relative link in README.md and docs/*.md points at a file or folder in the repository (and an
  `#anchor` at a heading of the target, as GitHub makes its anchors); no link leaves the repository,
  and no page names a file that is not in it (DESIGN.md, FRAMEWORK.md, DOMAIN-NOTES.md, shared/).
- Every picture is one that tests/docs/ makes (tests/docs/images.py), and every picture there is shown.
- Every line of every ```sh block runs as written, in a folder of its own that has the examples and a
  workshop's unpacked zip: the line is split as the shell splits it; `./samarbeid ARGS` and
  `samarbeid ARGS` run the program's main() on ARGS (in this process, for speed: the wrapper and the
  installed command themselves are run by tests/test_invocation.py and tests/test_packaging.py), and
  `make ARGS` runs what this repository's Makefile says it runs (`make -n`, the install steps taken as
  done). A line in INTERACTIVE (the assistant, the server, the test run) is not run: its make target
  must exist, and the program's arguments must parse. Every other line must exit 0 and put something
  out (on standard output, or in the file it names with `-o` or `>`).
- Every «label» docs/workshop.md quotes is on a bokmål page of the workshop room, rendered here; every
  «label» docs/guide.md quotes is in the program's bokmål (its words, the browser's, the rule base's).
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from markdown_it import MarkdownIt
from starlette.testclient import TestClient

from tests.conftest import ROOT
from tests.docs.images import FOLDER as IMAGES_FOLDER
from tests.docs.images import IMAGES

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
MAX_LINES = 150
NOT_HERE = ("DESIGN.md", "FRAMEWORK.md", "DOMAIN-NOTES.md", "shared/")
"""Files the pages once named that are not in the repository."""

INTERACTIVE = {
    # the assistant, the line mode and the server wait for a person; the test run and the gate are long
    "make run", "make test", "make plain", "make serve", "make lint", "make serve HOST=0.0.0.0",
    "./samarbeid --resume examples/grant.yaml",
    "samarbeid serve --host 0.0.0.0",
}
"""The sh lines that are not run, each named as the page writes it (comments left out)."""

ROOM = "samarbeid-room-K7M3QX"
"""The folder a workshop's zip unpacks to, as the pages name it; the test makes it with three groups."""


def page_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def tokens(path: Path):
    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def inline_children(path: Path):
    for token in tokens(path):
        if token.type == "inline":
            yield from token.children or []


def links(path: Path) -> list[str]:
    return [unquote(str(child.attrs["href"])) for child in inline_children(path) if child.type == "link_open"]


def images(path: Path) -> list[tuple[str, str]]:
    return [(unquote(str(child.attrs["src"])), child.content)
            for child in inline_children(path) if child.type == "image"]


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, no punctuation but - and _, spaces to -."""
    text = heading.strip().lower()
    kept = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found = set()
    parts = tokens(path)
    for i, token in enumerate(parts):
        if token.type == "heading_open":
            words = [c.content for c in parts[i + 1].children or [] if c.type in ("text", "code_inline")]
            found.add(anchor("".join(words)))
    return found


# ------------------------------------------------------------------ length, links, names, pictures
def test_the_readme_takes_five_minutes():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_LINES, f"README.md has {len(lines)} lines; at most {MAX_LINES}: move the rest to docs/"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_link_is_in_the_repository(page):
    wrong = []
    for href in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", href):
            if not href.startswith("http://127.0.0.1:"):
                wrong.append(f"{href}: a link out of the repository, which no test can follow")
            continue
        where, _, fragment = href.partition("#")
        target = (page.parent / where).resolve() if where else page
        if not target.is_relative_to(ROOT):
            wrong.append(f"{href}: outside the repository")
        elif not target.exists():
            wrong.append(f"{href}: no such file")
        elif fragment:
            if target.suffix != ".md":
                wrong.append(f"{href}: an anchor in a file that is not Markdown")
            elif fragment not in anchors(target):
                wrong.append(f"{href}: {target.name} has no heading with the anchor #{fragment}")
    assert not wrong, f"{page_id(page)}: " + "; ".join(wrong)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_page_names_a_file_that_is_not_here(page):
    text = page.read_text(encoding="utf-8")
    named = [name for name in NOT_HERE if name in text]
    assert not named, f"{page_id(page)} names {named}: say what is meant instead"


def test_every_picture_is_made_by_a_test_and_every_picture_made_is_shown():
    shown = set()
    for page in PAGES:
        for src, alt in images(page):
            path = (page.parent / src).resolve()
            assert path.parent == IMAGES_FOLDER, f"{page_id(page)}: {src} is not in docs/images/"
            assert path.name in IMAGES, f"{page_id(page)}: {src} is made by no test (tests/docs/images.py)"
            assert alt.strip(), f"{page_id(page)}: {src} has no alternative text"
            shown.add(path.name)
    assert set(IMAGES) - shown == set(), f"made but shown on no page: {sorted(set(IMAGES) - shown)}"
    there = {p.name for p in IMAGES_FOLDER.iterdir() if not p.name.startswith(".")} if IMAGES_FOLDER.is_dir() else set()
    assert there <= set(IMAGES), f"in docs/images/ but made by no test: {sorted(there - set(IMAGES))}"


# ------------------------------------------------------------------ the commands, as written
def sh_blocks(path: Path) -> list[list[str]]:
    """The command lines of each ```sh block, comments left out."""
    blocks = []
    for token in tokens(path):
        if token.type == "fence" and token.info.strip() == "sh":
            lines = [without_comment(line) for line in token.content.splitlines()]
            blocks.append([line for line in lines if line])
    return blocks


def without_comment(line: str) -> str:
    """The line up to the `#` that starts its comment (one the shell reads as a comment, not a quoted one)."""
    words = shlex.split(line, comments=True)
    if not words:
        return ""
    for cut in [found.start() for found in re.finditer(r"\s#", line)]:
        if shlex.split(line[:cut]) == words:
            return line[:cut].strip()
    return line.strip()


BLOCKS = [pytest.param(page, number, block, id=f"{page_id(page)}-{number}")
          for page in PAGES for number, block in enumerate(sh_blocks(page), 1)]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder of one's own, as after the README's set-up: the examples, and a workshop's unpacked zip."""
    here = tmp_path / "clone"
    here.mkdir()
    (here / "examples").symlink_to(ROOT / "examples")
    groups = here / ROOM / "groups"
    groups.mkdir(parents=True)
    for number, name in enumerate(("grant", "supplier", "development"), 1):
        shutil.copy(ROOT / "examples" / f"{name}.yaml", groups / f"{number:02d}-{name}.yaml")
    return here


def make_recipe(words: list[str], here: Path) -> list[str]:
    """What `make ARGS` runs, as make prints it (`make -n`), with the install steps taken as done."""
    shown = subprocess.run(["make", "-n", "-s", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed-run",
                            "-o", ".venv/.installed-dev", *words[1:]], cwd=here, capture_output=True, text=True,
                           timeout=60, env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")})
    assert shown.returncode == 0, f"`{' '.join(words)}`: {shown.stderr}"
    return [line for line in shown.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize(("page", "number", "block"), BLOCKS)
def test_the_commands_run_as_written(page, number, block, folder, tmp_path, monkeypatch):
    from assistant.cli import build_parser
    from tests.conftest import run_cli

    monkeypatch.setenv("SAMARBEID_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SAMARBEID_WRAPPER", raising=False)
    for line in block:
        words = shlex.split(line)
        where = f"{page_id(page)}: `{line}`"
        if words[0] == "make":
            recipe = make_recipe(words, folder)  # a make target that does not exist fails here
            if line in INTERACTIVE:
                continue
            runs = []
            for step in recipe:
                program, _, rest = step.partition(" ")
                assert program == ".venv/bin/samarbeid", f"{where}: make runs {step!r}, not the program"
                runs.append(shlex.split(rest))
        else:
            assert words[0] in ("./samarbeid", "samarbeid"), f"{where}: not a command of this repository"
            if line in INTERACTIVE:
                try:
                    build_parser().parse_args(words[1:])
                except SystemExit:
                    pytest.fail(f"{where}: the arguments do not parse")
                continue
            runs = [words[1:]]
        for args in runs:
            redirect = args[args.index(">") + 1] if ">" in args else None
            args = args[: args.index(">")] if redirect else args
            done = run_cli(*args, cwd=folder)
            assert done.returncode == 0, (f"{where} exited {done.returncode}: {done.stderr[-1500:]} "
                                          "(a command that waits for a person goes in INTERACTIVE)")
            assert "Traceback" not in done.stderr, done.stderr
            if redirect:
                (folder / redirect).write_text(done.stdout, encoding="utf-8")
            written = [args[i + 1] for i, word in enumerate(args[:-1]) if word == "-o"]
            for output in written:
                assert (folder / output).is_file() and (folder / output).stat().st_size, f"{where} wrote no {output}"
            assert written or done.stdout.strip(), f"{where} put nothing out"


def test_the_guides_answers_file_gives_a_result(tmp_path):
    """The answers file docs/guide.md shows is one: `decide` reads it and gives the summary."""
    from tests.conftest import run_cli

    blocks = [t.content for t in tokens(ROOT / "docs" / "guide.md") if t.type == "fence" and t.info.strip() == "yaml"]
    assert blocks, "docs/guide.md shows an answers file"
    for number, content in enumerate(blocks):
        path = tmp_path / f"mine-{number}.yaml"
        path.write_text(content, encoding="utf-8")
        done = run_cli("decide", str(path), "--brief")
        assert done.returncode == 0, done.stderr
        assert "Kort fortalt" in done.stdout


# ------------------------------------------------------------------ the labels the guides quote
QUOTED = re.compile(r"«([^«»]+)»")


def quoted(path: Path) -> set[str]:
    """The «labels» a page quotes, outside code (a code block or `code` quotes a file, not a page)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return {re.sub(r"\s+", " ", label).strip() for label in QUOTED.findall(text)}


def plain(page_html: str) -> str:
    """What a page says: its text, without tags, scripts or styles, spaces made one."""
    page_html = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    page_html = re.sub(r"<[^>]+>", " ", page_html)
    return re.sub(r"\s+", " ", html.unescape(page_html)).replace(" :", ":")


@pytest.fixture
def room_pages(rule_base, engine, tmp_path) -> str:
    """Every bokmål page of a workshop room, as a trainer and two groups see it from the start to the end."""
    from assistant.store import SqliteStore
    from assistant.web.app import create_app
    from tests.web.conftest import Browser

    store = SqliteStore(tmp_path / "web.sqlite3")
    app = create_app(rule_base, engine, store)
    seen: list[str] = []
    clients: list[TestClient] = []

    def browser() -> Browser:
        client = TestClient(app, raise_server_exceptions=True)
        client.__enter__()
        clients.append(client)
        return Browser(client)

    def look(person: Browser, path: str) -> str:
        page = person.get(path)
        for _ in range(3):
            if page.status_code != 303:
                break
            page = person.get(page.headers["location"])
        assert page.status_code in (200, 403, 404), (path, page.status_code)
        seen.append(plain(page.text))
        return page.text

    try:
        trainer, north, south, stranger = browser(), browser(), browser(), browser()
        look(trainer, "/")
        look(trainer, "/workshop")
        made = trainer.post("/workshop", {"lang": "nb"})
        assert made.status_code == 303
        code = made.headers["location"].split("/")[2]
        app.state.bound = ("127.0.0.1", 8000)  # `make serve`: the trainer is told the groups cannot reach it
        look(trainer, f"/room/{code}/trainer")
        app.state.bound = ("0.0.0.0", 8000)  # `make serve HOST=0.0.0.0`
        look(trainer, f"/room/{code}/trainer")
        look(trainer, f"/room/{code}/screen")
        for person, name in ((north, "Nord"), (south, "Sør")):
            look(person, f"/join?code={code}")
            assert person.post("/join", {"code": code, "name": name}).status_code == 303
            look(person, "/")
            assert person.post("/start", {"role": "entrepreneur"}).status_code == 303
        look(north, "/group")
        look(trainer, f"/room/{code}/trainer")
        assert trainer.post(f"/room/{code}/quiz", {"relation": "moving_mamas/hverdagsvikar"}).status_code == 303
        look(trainer, f"/room/{code}/trainer")
        look(trainer, f"/room/{code}/screen")
        look(south, "/")  # a question page, with the call to the round at its top
        place = re.findall(r'name="place" value="([^"]+)"', look(north, "/group"))
        assert place, "the group's page offers the quadrants"
        assert north.post("/group/place", {"round": "1", "place": place[1]}).status_code == 303
        look(north, "/group")
        look(trainer, f"/room/{code}/trainer")
        assert trainer.post(f"/room/{code}/reveal", {"round": "1"}).status_code == 303
        look(trainer, f"/room/{code}/screen")
        look(north, "/group")
        for view in ("compare", "discuss"):
            assert trainer.post(f"/room/{code}/show", {"show": view}).status_code == 303
            look(trainer, f"/room/{code}/screen")
        for n in range(1, 30):
            if trainer.get(f"/tour/{n}?room={code}").status_code != 200:
                break
            look(trainer, f"/tour/{n}?room={code}")
        look(stranger, f"/room/{code}/trainer")  # not the trainer: 403
        look(stranger, "/join?code=ZZZZZZ")
        stranger.post("/join", {"code": "ZZZZZZ", "name": "Vest"})
        seen.append(plain(stranger.client.post("/join", data={"csrf": stranger.token, "code": "ZZZZZZ",
                                                                "name": "Vest"}).text))
        assert trainer.post(f"/room/{code}/remove", {"name": "Sør"}).status_code == 303
        look(south, "/group")
        asked = trainer.post(f"/room/{code}/close", {})  # the page that asks first
        assert asked.status_code == 200
        seen.append(plain(asked.text))
        assert trainer.post(f"/room/{code}/close", {"confirm": "yes"}).status_code == 303
        look(trainer, f"/room/{code}/trainer")
        look(stranger, f"/join?code={code}")
        seen.append(plain(stranger.client.post("/join", data={"csrf": stranger.token, "code": code,
                                                                "name": "Vest"}).text))
    finally:
        for client in clients:
            client.__exit__(None, None, None)
        store.close()
    return "\n".join(seen)


def test_the_workshop_guide_quotes_the_rooms_bokmal_pages(room_pages):
    labels = quoted(ROOT / "docs" / "workshop.md")
    assert len(labels) > 30, "the workshop guide quotes the pages' labels in «»"
    missing = sorted(label for label in labels if label not in room_pages)
    assert not missing, f"docs/workshop.md quotes labels no bokmål page of the room shows: {missing}"


def _nb_texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in ([v] if k == "nb" and isinstance(v, str) else _nb_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _nb_texts(v)]
    return []


def test_the_users_guide_quotes_the_programs_bokmal():
    from tests.catalogues import program_words

    said = program_words("nb")
    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it: the same data, sooner
    for path in [ROOT / "questions.yaml", *sorted((ROOT / "rules").glob("*.yaml"))]:
        said += _nb_texts(yaml.load(path.read_text(encoding="utf-8"), Loader=safe))
    everything = re.sub(r"\s+", " ", "\n".join(said))
    sentences = [re.compile(".+".join(re.escape(part) for part in re.split(r"\{\w*\}", nb)))
                 for nb in said if "{" in nb]
    labels = quoted(ROOT / "docs" / "guide.md")
    assert len(labels) > 30, "the guide quotes the program's labels in «»"
    missing = sorted(label for label in labels
                     if label not in everything and not any(s.fullmatch(label) for s in sentences))
    assert not missing, f"docs/guide.md quotes labels the program does not say in bokmål: {missing}"
