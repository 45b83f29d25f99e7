"""The command line: parse arguments, load input, route to a front end, set the exit code.

A user error prints the problems (file, line, what to do) and exits 2, never
with a traceback.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from assistant import __version__, paths

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator, Mapping

    from assistant.answers import Answers
    from assistant.dialogue import Dialogue, Keeper
    from assistant.engine import Engine
    from assistant.errors import ExitCode, Problem
    from assistant.ids import Lang
    from assistant.models.rules import RuleBase
    from assistant.sessions import SessionFile

    Args = argparse.Namespace | SimpleNamespace
    """The parsed command line (a namespace without a parser for plain `samarbeid`)."""


def _common(defaults: bool, lang: Lang) -> argparse.ArgumentParser:
    """Options every command takes; on subcommands they must not overwrite the top level's."""
    import argparse

    parent = _parser_class()(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    from assistant.ids import DEFAULT_LANG, LANGS

    said = _help_words(lang)
    choice = parent.add_argument("--lang", choices=LANGS, default=default,
                                 help=said("cli.lang.help", codes=", ".join(LANGS), default=DEFAULT_LANG,
                                           names="%(names)s"))
    choice.names = _LanguageNames()  # type: ignore[attr-defined]  # read by argparse only when the help is shown
    parent.add_argument("--questions", type=Path, metavar=said("cli.metavar.file"), default=default,
                        help=said("cli.questions_file.help"))
    parent.add_argument("--rules", type=Path, metavar=said("cli.metavar.dir"), default=default,
                        help=said("cli.rules_dir.help"))
    return parent


class _LanguageNames:
    """The languages' names, each in its own words (Bokmål, Nynorsk, English), for `--lang`'s help: said
    only when the help is shown (they are read from every catalogue, which a run that shows no help need
    not open)."""

    def __str__(self) -> str:
        from assistant.ids import LANGS, language_name

        return ", ".join(language_name(lang) for lang in LANGS)


@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser, its help as wide as the terminal, as argparse's own, but without importing shutil.

    argparse makes a help formatter for every argument added (to check the argument's metavar), and the
    formatter asks shutil for the terminal's width; importing shutil (zlib, bz2 and lzma behind it) was
    some 4 ms of every command's start, for a width only the help and the error lines use. The width is
    found here as shutil.get_terminal_size finds its columns. The sub-parsers are of the same class
    (argparse makes them of the parser's own)."""
    import argparse

    class Formatter(argparse.HelpFormatter):
        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

    return Parser


def _columns() -> int:
    """The terminal's width: COLUMNS when it is a positive number, else the width of the terminal standard
    output was started on, else 80 (shutil.get_terminal_size's columns)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]  # None: see below
        except (AttributeError, ValueError, OSError):  # no standard output, or not a terminal
            columns = 0
    return columns or 80


def _help_words(lang: Lang) -> Callable[..., str]:
    """The catalogue's words for the parser, in `lang`, made safe for argparse, which formats every help
    with `%` (a `%` of the words is kept as it is; `{name}` takes a value, as everywhere)."""
    from assistant.i18n import message

    def said(key: str, **values: str) -> str:
        return message(key, lang).replace("%", "%%").format(**values)

    return said


def build_parser(with_commands: bool = True, lang: Lang | None = None) -> argparse.ArgumentParser:
    """The parser, its help in `lang` (default bokmål); without the commands' sub-parsers when none is
    named (a faster start). argparse's own words ("usage:", "error:") are the reader's only inside
    `speaking(lang)`, as main() builds and runs it."""

    from assistant.ids import DEFAULT_LANG

    lang = lang or DEFAULT_LANG
    said = _help_words(lang)
    file = said("cli.metavar.file")
    parser = _parser_class()(prog="samarbeid", description=said("cli.description"), parents=[_common(True, lang)])
    parser.add_argument("--version", action="version", version=f"samarbeid {__version__}",
                        help=said("cli.version.help"))
    parser.add_argument("--plain", action="store_true", help=said("cli.plain.help"))
    parser.add_argument("--resume", type=Path, metavar=file, help=said("cli.resume.help"))
    parser.add_argument("--save", type=Path, metavar=file, help=said("cli.save.help"))
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar=said("cli.metavar.command"))
    common = _common(False, lang)

    decide = sub.add_parser("decide", parents=[common], help=said("cli.decide.help"))
    decide.add_argument("answers", type=Path, metavar=said("cli.metavar.answers"),
                        help=said("cli.decide.answers.help"))
    decide.add_argument("--format", choices=("text", "md", "html", "json"), default="text",
                        help=said("cli.decide.format.help"))
    decide.add_argument("-o", "--output", type=Path, metavar=file, help=said("cli.output.help"))
    decide.add_argument("--brief", action="store_true", help=said("cli.decide.brief.help"))

    questions = sub.add_parser("questions", parents=[common], help=said("cli.questions.help"))
    questions.add_argument("--role", metavar=said("cli.metavar.role"), help=said("cli.questions.role.help"))
    questions.add_argument("--format", choices=("text", "yaml"), default="text",
                           help=said("cli.questions.format.help"))

    cases = sub.add_parser("cases", parents=[common], help=said("cli.cases.help"))
    cases.add_argument("--format", choices=("text", "json"), default="text")

    check = sub.add_parser("check", parents=[common], help=said("cli.check.help"))
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help=said("cli.check.strict.help"))
    check.add_argument("--scenarios", type=Path, metavar=said("cli.metavar.dir"),
                       help=said("cli.check.scenarios.help"))

    # --- compare (workshop, issue 14)
    compare = sub.add_parser("compare", parents=[common], help=said("cli.compare.help"))
    compare.add_argument("sessions", type=Path, nargs="+", metavar=said("cli.metavar.session"),
                         help=said("cli.compare.sessions.help"))
    compare.add_argument("--format", choices=("text", "md", "html", "json"), default="text",
                         help=said("cli.compare.format.help"))
    compare.add_argument("-o", "--output", type=Path, metavar=file, help=said("cli.output.help"))

    # --- serve (web)
    serve = sub.add_parser("serve", parents=[common], help=said("cli.serve.help"),
                           description=said("cli.serve.description"))
    serve.add_argument("--host", default="127.0.0.1", metavar=said("cli.metavar.host"),
                       help=said("cli.serve.host.help"))
    serve.add_argument("--port", type=_port, default=8000, help=said("cli.serve.port.help"))
    serve.add_argument("--allowed-host", type=_allowed_host, action="append", default=[],
                       metavar=said("cli.metavar.name"), help=said("cli.serve.allowed_host.help"))
    serve.add_argument("--proxy", type=_proxy, action="append", default=[], metavar=said("cli.metavar.address"),
                       help=said("cli.serve.proxy.help"))
    serve.add_argument("--database", metavar=said("cli.metavar.url"), help=said("cli.serve.database.help"))
    serve.add_argument("--workers", type=_workers, default=None, metavar=said("cli.metavar.number"),
                       help=said("cli.serve.workers.help"))
    return parser


# argparse's own words a reader sees, by the catalogue key that says them (argparse asks the module-level
# `_` of its own module for each, as gettext would give it; `speaking` puts the catalogue's there)
ARGPARSE_WORDS = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "the following arguments are required: %s": "cli.argparse.required",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "ignored explicit argument %r": "cli.argparse.ignored_value",
}
_speaking_now: list[Lang] = []
"""The language `speaking` has put in (the innermost), for the options' own checks (_port, ...)."""


def argparse_word(text: str | None, lang: Lang) -> str | None:
    """argparse's `text` (its English, with `%` fields) in `lang`, fields and all, from the catalogue; a text
    it has no key for stays as argparse wrote it (a programming error's, never a user's)."""
    import re

    from assistant.i18n import message

    key = ARGPARSE_WORDS.get(text) if text else None
    if text is None or key is None:
        return text
    named = dict(re.findall(r"%\((\w+)\)([rs])", text))  # %(value)r -> {"value": "r"}
    plain = re.findall(r"%([rs])", text)  # a field without a name: "%s" (the catalogue names it)

    def field(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"%({name}){named[name]}" if name in named else f"%{plain[0] if plain else 's'}"

    words = re.sub(r"\{(\w+)\}", field, message(key, lang).replace("%", "%%"))
    return words + "\n" if text.endswith("\n") and not words.endswith("\n") else words


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """argparse in `lang` while the parser is built and run: "usage:", "options", its error lines. argparse
    takes them through gettext (its module's `_`); here that is the catalogue for the duration, and
    argparse's own again after (a test that runs main() in its process leaves argparse as it found it)."""
    import argparse

    own = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: argparse_word(text, lang)  # type: ignore[attr-defined]
    _speaking_now.append(lang)
    try:
        yield
    finally:
        argparse._ = own  # type: ignore[attr-defined]
        _speaking_now.pop()


def asked_lang(words: list[str]) -> Lang:
    """The language `--lang X` or `--lang=X` names (the last), before anything is parsed; else bokmål. The
    help and argparse's errors are said in it; one the program does not have is bokmål (the parser then
    says, in bokmål, which it has)."""
    from assistant.ids import DEFAULT_LANG, LANGS

    lang = DEFAULT_LANG
    for at, word in enumerate(words):
        if word == "--":
            break
        value = words[at + 1] if word == "--lang" and at + 1 < len(words) else word.partition("=")[2]
        if (word == "--lang" or word.startswith("--lang=")) and value in LANGS:
            lang = value
    return lang


def _error_words(key: str, **values: str) -> str:
    """An option's own error line, in the language argparse speaks now."""
    from assistant.i18n import message
    from assistant.ids import DEFAULT_LANG

    return message(key, _speaking_now[-1] if _speaking_now else DEFAULT_LANG).format(**values)


def _port(text: str) -> int:
    """A TCP port number, 0 to 65535 (0: any free port)."""
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_error_words("cli.error.port", text=text)) from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(_error_words("cli.error.port_range", port=str(port)))
    return port


def _allowed_host(text: str) -> str:
    """A host name or address for --allowed-host, as the Host header would give it."""
    import argparse

    from assistant.web.hosts import host_name

    if host_name(text) is None:
        raise argparse.ArgumentTypeError(_error_words("cli.error.allowed_host", text=text))
    return text


def _workers(text: str) -> int:
    """A number of server processes for --workers: 1 to the most the server takes."""
    import argparse

    from assistant.web.serve import WORKERS_MOST, workers_number

    number = workers_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(_error_words("cli.error.workers", text=text, most=str(WORKERS_MOST)))
    return number


def _proxy(text: str) -> str:
    """An address or network for --proxy."""
    import argparse
    import ipaddress

    try:
        return str(ipaddress.ip_network(text.strip("[]"), strict=False))
    except ValueError:
        raise argparse.ArgumentTypeError(_error_words("cli.error.proxy", text=text)) from None


def say_err(line: str) -> None:
    """A line on standard error; what it quotes from a file is shown, never obeyed (safetext)."""
    from assistant.safetext import visible

    print(visible(line), file=sys.stderr)


def _print_problems(problems: list[Problem]) -> None:
    from assistant.errors import count  # a capped list stands for more problems than it shows

    for problem in problems:
        say_err(f"samarbeid: {problem}")
    n = count(problems)
    if n > 1:
        say_err(f"samarbeid: {n:,} problems; nothing was done.".replace(",", " "))


def _print_left_out(problems: list[Problem]) -> None:
    """The answers a resumed file held that the rule base does not know (the file itself is left as it was),
    and those in an older form, carried over to today's options."""
    from assistant.answers import is_notice

    for problem in problems:
        if is_notice(problem):
            say_err(f"samarbeid: note: {problem}")
        else:
            say_err(f"samarbeid: warning: {problem} (this answer is left out)")


def no_arguments() -> SimpleNamespace:
    """What the parser gives for no arguments at all (a test keeps the two the same)."""
    return SimpleNamespace(command=None, plain=False, lang=None, questions=None, rules=None,
                           resume=None, save=None)


def _names_a_command(words: list[str]) -> bool:
    """Whether the words hold a command (or anything not an option, or a call for help)."""
    takes_value = {"--lang", "--questions", "--rules", "--resume", "--save"}
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in takes_value:
            skip = True
        elif word in ("-h", "--help") or not word.startswith("-"):
            return True
    return False


def run() -> NoReturn:
    """The program, as `samarbeid` and `python -m assistant` start it: main(), and the process ends."""
    raise SystemExit(main(exiting=True))


def main(argv: list[str] | None = None, *, exiting: bool = False) -> int:
    """Run the command the words name (sys.argv's without `argv`); the exit code. `exiting`: the process
    ends when this returns (run()), so what only a process that goes on needs can be left out."""
    words = sys.argv[1:] if argv is None else argv
    # plain `samarbeid`, the usual start, needs no parser (and imports none)
    if words:
        asked = asked_lang(words)  # the help and the parser's errors in the reader's language
        with speaking(asked):
            args: Args = build_parser(with_commands=_names_a_command(words), lang=asked).parse_args(words)
    else:
        args = no_arguments()
    from assistant.ids import DEFAULT_LANG, LANGS

    chosen = getattr(args, "lang", None)
    lang: Lang = chosen if chosen in LANGS else DEFAULT_LANG
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        print("samarbeid: standard output is closed; nothing can be shown", file=sys.stderr)
        return 2
    if sys.stdin is None and args.command is None:  # `<&-`: the assistant and --plain read every answer there
        from assistant.invocation import command
        from assistant.texts import say

        print(f"samarbeid: {say('cli.stdin_closed', lang, command=command())}", file=sys.stderr)
        return 2
    _fit_encoding()
    try:
        code = _run(args, lang, exiting)
        sys.stdout.flush()  # a full disk is found here, not in the interpreter's exit
        return code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): not an error
        _drop_stdout()
        return 0
    except OSError as err:
        if err.filename is not None:
            raise
        _drop_stdout()
        print(f"samarbeid: cannot write the output: {err.strerror or err}", file=sys.stderr)
        return 2


def _fit_encoding() -> None:
    """Standard output that cannot show ø (PYTHONIOENCODING=ascii, a C locale) shows a stand-in
    for what it cannot, and says once what to set, rather than stopping with a traceback."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "æøå«»–".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
            print(f"samarbeid: the output encoding ({encoding}) cannot show every letter; "
                  "set PYTHONIOENCODING=utf-8 or a UTF-8 locale", file=sys.stderr)


def _drop_stdout() -> None:
    """After standard output failed, send what is left nowhere, so the exit adds no second error."""
    import contextlib
    import os

    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the rest of the process)


def _run(args: Args, lang: Lang, exiting: bool = False) -> int:
    if args.command is None and not args.plain and not (args.save and args.save.exists()):
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return _no_terminal(lang)
        return _assistant(args, lang)  # imports nothing its first frame does not need: errors come later
    import gc

    # `decide` runs once and ends: Python's cycle collector is held back for it, as for the assistant's first
    # frame. Importing the models and the engine and reading the rule base's snapshot make tens of thousands
    # of objects and next to no cyclic garbage (what is dropped is freed by its count of references), and
    # the collector's passes over them were a tenth of `decide`'s time. It is turned back on after (a test
    # that runs main() in its own process goes on with the collector as it was). When the process ends
    # here (run()), what decide made is frozen instead (gc.freeze): Python's shutdown makes full passes
    # over every object left, which was another sixth of decide's time. decide leaves nothing for a
    # collection to finish: its output is flushed by main(), a file written with -o is closed.
    held = args.command == "decide" and gc.isenabled()
    if held:
        gc.disable()
    from assistant.errors import ExitCode, InputError

    try:
        if args.command is None:
            _refuse_existing_save(args.save, lang)
        return _command(args, lang)
    except InputError as err:
        _print_problems(err.problems)
        return ExitCode.BAD_INPUT
    finally:
        if held:
            gc.enable()
            if exiting:
                gc.freeze()


def _no_terminal(lang: Lang) -> int:
    """Started without a terminal (`samarbeid < /dev/null > log`): say what works there, at once."""
    from assistant.errors import ExitCode
    from assistant.invocation import command
    from assistant.texts import say

    print(f"samarbeid: {say('cli.no_terminal', lang, command=command())}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def _command(args: Args, lang: Lang) -> int:
    """A command, or the plain dialogue."""
    from assistant.engine import Engine
    from assistant.errors import ExitCode, InputError, Problem
    from assistant.loading import load_answers, load_questions, load_rule_base
    from assistant.safetext import visible

    if args.command == "questions":
        from assistant.render.questions import questions_for_role, questions_template, questions_text
        if args.role is not None:
            rb = load_rule_base(args.questions, args.rules)
            roles = [o.id for o in rb.role_options]
            if args.role not in roles:
                from assistant.errors import allowed, did_you_mean
                hint = did_you_mean(args.role, roles) or f"the roles are: {allowed(roles)}"
                raise InputError([Problem("--role", None, None, f"unknown role '{args.role}'", hint)])
            out = questions_for_role(rb, args.role, lang)
        else:
            qs = load_questions(args.questions)
            out = questions_template(qs, lang) if args.format == "yaml" else questions_text(qs, lang)
        sys.stdout.write(visible(out if out.endswith("\n") else out + "\n"))
        return ExitCode.OK

    if args.command == "check":
        from assistant.verify import check
        if args.scenarios is not None and not args.scenarios.is_dir():
            raise InputError([Problem(str(args.scenarios), None, None,
                                      "--scenarios must name a folder of scenario files; there is none here",
                                      "leave --scenarios out to use tests/scenarios beside the questions")])
        from assistant.verify.findings import report_json, report_text
        report = check(args.questions, args.rules, scenarios=args.scenarios, strict=args.strict)
        sys.stdout.write(report_json(report) if args.format == "json" else visible(report_text(report)))
        return report.exit_code()

    if args.command == "serve":  # --- serve (web)
        return _serve(args, lang)

    rb = load_rule_base(args.questions, args.rules)
    engine = Engine(rb)

    if args.command == "decide":
        from assistant.answers import group_of
        from assistant.render import render
        answers, meta, notices = load_answers(args.answers, rb)
        _print_left_out(notices)  # older options, carried over: said, never dropped
        lang = _session_lang(args, meta, lang)
        # a saved workshop session names its group; the report shows it
        text = render(rb, engine.evaluate(answers), args.format, lang, group=group_of(meta), brief=args.brief)
        return _put_out(args, text, [args.answers])

    if args.command == "compare":  # --- compare (workshop, issue 14)
        return _compare(args, rb, engine, lang)

    if args.command == "cases":
        from assistant.render.cases import cases_json, cases_text, check_cases
        checks = check_cases(engine, lang)
        sys.stdout.write(cases_json(checks) if args.format == "json" else visible(cases_text(checks, engine, lang)))
        return ExitCode.OK if all(c.match for c in checks) else ExitCode.FOUND_PROBLEMS

    return _plain(args, rb, engine, lang)


# --- compare (workshop, issue 14)
SESSION_SUFFIXES = (".yaml", ".yml", ".json")
MAX_SESSIONS = 500
"""The most sessions one `compare` takes. A workshop room holds 30 groups, so this is some fifteen rooms,
compared in about 4 s and 85 MB; 10 000 took a minute and half a gigabyte, for a page no one can read.
Past it the command stops before reading any file, and says how to compare fewer. (A streaming compare
would not help: every group is placed on the one matrix and in every table of the page.)"""


def _session_files(given: list[Path]) -> tuple[list[Path], list[Problem], set[Path]]:
    """The files named, a folder's session files (sorted by name) in its place, the entries of a folder that
    were skipped, each with why (a FIFO, a folder, a link that loops, ...), and which files came from a
    folder (one that is no session is skipped, not refused: a folder may hold other files). A name that
    leads to nothing, a folder that cannot be listed, a folder with no session file and more than
    MAX_SESSIONS files in all are problems (InputError), said before any file is read."""
    from assistant.errors import InputError, Problem
    from assistant.workshop import MAX_GROUPS
    from assistant.yamlsource import not_a_file, one_line

    named: list[tuple[Path, list[Path] | None]] = []  # each argument: a file (None), or a folder's entries
    problems: list[Problem] = []
    for path in given:
        what = not_a_file(path)
        if what == "a folder":
            try:
                entries = _listed(path)
            except OSError as err:
                problems.append(Problem(one_line(str(path)), None, None,
                                        f"cannot read the folder: {err.strerror or err}",
                                        "check that you may read it, or name the session files"))
                continue
            named.append((path, entries))
        elif what in ("no such file", "a link to a file that is not there", "too many levels of symbolic links"):
            problems.append(Problem(one_line(str(path)), None, None, what,
                                    "check the name; a folder of sessions works too"))
        else:  # a regular file; a FIFO or a device named outright is refused as `decide` refuses it
            named.append((path, None))
    total = sum(1 if entries is None else len(entries) for _, entries in named)
    if total > MAX_SESSIONS:
        where = one_line(str(given[0])) if len(given) == 1 else "compare"
        raise InputError([Problem(where, None, None, f"{total} session files; compare takes at most {MAX_SESSIONS} "
                                  "at once",
                                  f"compare one room's folder at a time (a room holds at most {MAX_GROUPS} groups), "
                                  "or name the files to compare")])
    files: list[Path] = []
    skipped: list[Problem] = []
    from_folder: set[Path] = set()
    for path, listed in named:
        if listed is None:
            files.append(path)
            continue
        found = []
        for entry in listed:
            what = not_a_file(entry)
            if what is None:
                found.append(entry)
            else:
                skipped.append(Problem(one_line(str(entry)), None, None, f"skipped: {what}"))
        if not found:
            problems.append(Problem(one_line(str(path)), None, None,
                                    "the folder holds no session files (.yaml, .yml, .json)",
                                    "name the session files, or a folder that holds them"))
        files += found
        from_folder.update(found)
    if problems:
        raise InputError(skipped + problems)
    return files, skipped, from_folder


def _listed(folder: Path) -> list[Path]:
    """A folder's entries with a session file's suffix, by name; only their names are read (OSError if the
    folder cannot be listed)."""
    with os.scandir(folder) as listing:
        return sorted(folder / e.name for e in listing if Path(e.name).suffix.lower() in SESSION_SUFFIXES)


def _compare(args: Args, rb: RuleBase, engine: Engine, lang: Lang) -> int:
    """Several groups' saved sessions side by side. Each file is read as `decide` reads one; every
    problem of every file named is said at once (exit 2). A file of a folder that is no session (the
    comparison's own output, notes) is skipped and said, unless none of them is one. A group is named by
    its session's meta block, else by its file name; a name two files share gets the file's name after it."""
    from assistant.answers import group_of
    from assistant.errors import InputError
    from assistant.ids import LANGS
    from assistant.loading import load_answers
    from assistant.render.compare import render_compare
    from assistant.safetext import visible
    from assistant.workshop import compare

    files, skipped, from_folder = _session_files(args.sessions)
    for entry in skipped:  # never silently: which entries, and why
        say_err(f"samarbeid: warning: {entry}")
    groups: list[tuple[str, Answers]] = []
    langs: set[object] = set()
    problems: list[Problem] = []
    unused: list[Problem] = []  # files of a folder that are no session (the comparison's own output, say)
    for path in files:
        try:
            answers, meta, _ = load_answers(path, rb)
        except InputError as err:
            if path in from_folder:
                first = err.problems[0]
                unused.append(first)
                say_err(f"samarbeid: warning: {first.location()}: skipped, not a session: {first.message}")
            else:
                problems += err.problems
            continue
        name = group_of(meta) or visible(path.stem)
        if any(name == taken for taken, _ in groups):
            name = f"{name} ({visible(path.name)})"
        groups.append((name, answers))
        langs.add(meta.get("lang"))
    if not groups and unused and not problems:  # a folder of files, none of them a session
        problems = unused
    if problems:
        raise InputError(problems)
    if args.lang is None and len(langs) == 1 and isinstance(saved := next(iter(langs)), str) and saved in LANGS:
        lang = saved  # the sessions' own language, unless --lang says otherwise
    text = render_compare(rb, compare(engine, groups), args.format, lang)
    return _put_out(args, text, files)


def _put_out(args: Args, text: str, inputs: list[Path]) -> ExitCode:
    """Write a command's output to `-o FILE` (atomically, never over one of its inputs), or to the screen
    (`-o -` is the screen too)."""
    from assistant.errors import ExitCode, InputError, Problem

    if args.output and str(args.output) != "-":
        from assistant.files import write_atomic
        try:
            write_atomic(args.output, text, inputs=[*inputs, args.questions or paths.default_questions()])
        except OSError as err:
            raise InputError([Problem(str(args.output), None, None,
                                      f"cannot write the file: {err.strerror}")]) from None
    else:
        sys.stdout.write(text)
    return ExitCode.OK


# --- serve (web)
def _serve(args: Args, lang: Lang) -> int:
    """The interview in a browser: the web stack is imported here only, never by the other commands."""
    import os

    from assistant.errors import ExitCode, InputError, Problem
    from assistant.texts import say
    from assistant.web.hosts import ENVIRONMENT, allowed_from_environment, host_name
    from assistant.web.serve import address, bind, build, is_loopback, port_of, serve, workers_from_environment

    extra = allowed_from_environment(os.environ.get(ENVIRONMENT))
    wrong = [name for name in extra if host_name(name) is None]
    if wrong:
        raise InputError([Problem(ENVIRONMENT, None, None, f"'{wrong[0]}' is not a host name or address",
                                  "separate the names with commas, such as samarbeid.example.org,10.0.0.5")])
    workers = args.workers or workers_from_environment()
    # with several workers each builds its own app: this one is built all the same, so that a data folder or
    # rule base that cannot be used is said here, once, and the workers find the rule base's snapshot made
    app, store = build(args.questions, args.rules, lang, database=args.database)
    try:
        sock = bind(args.host, args.port)
    except OSError as err:
        store.close()
        raise InputError([Problem(f"{args.host}:{args.port}", None, None,
                                  f"cannot listen there: {err.strerror or err}",
                                  "choose another --port (0 picks a free one), or stop the program that uses it")]
                         ) from None
    local = is_loopback(str(sock.getsockname()[0]))  # what it listens on: 127.1 and localhost are this computer
    if not local:
        say_err("samarbeid: " + say("serve.open_network", lang, host=args.host))
    where = address(sock)
    if not local:
        where = say("serve.here_and_network", lang, here=where, port=port_of(sock))

    def ready() -> None:  # said once the server runs and a Ctrl-C stops it (said earlier, one could be lost)
        print("samarbeid: " + say("serve.listening", lang, where=where), flush=True)

    try:
        if workers > 1:
            from assistant.web.workers import WorkerSetup, serve_workers

            setup = WorkerSetup(args.questions, args.rules, lang, args.host, (*args.allowed_host, *extra),
                                tuple(args.proxy), (str(sock.getsockname()[0]), port_of(sock)), args.database)
            del app  # each worker has its own
            serve_workers(setup, sock, workers, ready=ready)
        else:
            serve(app, sock, host=args.host, allowed=[*args.allowed_host, *extra], proxies=args.proxy, ready=ready)
    except KeyboardInterrupt:
        pass  # uvicorn has shut down cleanly and raises the signal again for us: stopping is what was asked
    finally:
        sock.close()
        store.close()
    print("samarbeid: " + say("serve.stopped", lang, path=store.where), flush=True)
    return ExitCode.OK


def _session_lang(args: Args, meta: Mapping[str, Any], lang: Lang) -> Lang:
    """A saved session keeps its language, unless --lang says otherwise."""
    from assistant.ids import LANGS

    saved = meta.get("lang")
    return saved if args.lang is None and isinstance(saved, str) and saved in LANGS else lang


def _plain(args: Args, rb: RuleBase, engine: Engine, lang: Lang) -> int:
    """The dialogue as numbered prompts: go on with a file (--resume) or a saved session, or begin anew."""
    from assistant.answers import group_of
    from assistant.dialogue import Dialogue
    from assistant.errors import ExitCode
    from assistant.plain import choose_session, run_plain
    from assistant.sessions import SessionFile, SessionStore, resume
    from assistant.texts import say

    store = SessionStore()
    answers: Answers = {}
    group = None
    resumed = None
    if args.resume:
        resumed = resume(args.resume, rb, store)
        _print_left_out(resumed.left_out)
        lang = _session_lang(args, resumed.meta, lang)
        answers, keeper, group = resumed.answers, resumed.keeper, group_of(resumed.meta)
        if args.save:
            keeper = SessionFile(None, args.save)
    elif args.save:
        keeper = SessionFile(None, args.save)
    else:
        sessions = store.recent(rb)
        for problem in store.unreadable:  # never dropped silently: said, and the file left as it is
            say_err(f"samarbeid: warning: a saved session cannot be read and is left as it is: {problem}")
        chosen = choose_session(sessions, rb, lang)
        keeper = store.new_file()
        if chosen is not None:  # as --resume: a file that holds answers no longer known goes on in a new one
            resumed = resume(chosen.path, rb, store)
            _print_left_out(resumed.left_out)
            answers, keeper, group = resumed.answers, resumed.keeper, group_of(resumed.meta)
            lang = _session_lang(args, resumed.meta, lang)
    dialogue = Dialogue(rb, engine, answers=answers, lang=lang, group=group,
                        keeper=_keep_or_stop(keeper))
    if resumed is not None and keeper.path != resumed.source:
        dialogue.keep()  # the answers are in their new file at once
        say_err(say("sessions.moved", lang, file=str(resumed.source), path=str(keeper.path)))
    run_plain(dialogue, saved_to=lambda: keeper.path)
    return ExitCode.OK


def _keep_or_stop(keeper: SessionFile) -> Keeper:
    """Plain mode's keeper: a session that cannot be saved stops with the file and the reason (exit 2)."""
    from assistant.errors import InputError, Problem

    def keep(dialogue: Dialogue) -> None:
        try:
            keeper(dialogue)
        except OSError as err:
            where = keeper.path or (keeper.store.folder if keeper.store else "?")
            raise InputError([Problem(str(where), None, None, f"cannot save the answers: {err.strerror}")]) from None
    return keep


def _refuse_existing_save(path: Path | None, lang: Lang) -> None:
    """--save names a new file: one that is there already is continued with --resume, never written over."""
    from assistant.errors import InputError, Problem
    from assistant.texts import say

    if path is not None and path.exists():
        raise InputError([Problem(str(path), None, None, say("plain.save_exists", lang, file=str(path)))])


def _assistant(args: Args, lang: Lang) -> int:
    """The Textual assistant. It loads the rule base itself, after its first frame.

    Python's cycle collector is held back until that frame is drawn (the app turns it
    back on): importing Textual and building the first screen make tens of thousands of
    objects and next to no garbage, and the collector's passes over them cost some 15 ms
    of a start of about 200.
    """
    import gc

    gc.disable()
    try:
        from assistant.tui.app import SamarbeidApp

        app = SamarbeidApp(lang, questions=args.questions, rules=args.rules, resume=args.resume,
                           session_path=args.save, lang_given=args.lang is not None)
        app.run()
    finally:
        gc.enable()  # also when the app ended before its first frame
    from assistant.errors import ExitCode

    if app.resumed is not None:
        _print_left_out(app.resumed.left_out)
    goodbye = app.goodbye()  # where the answers are, once the terminal is back
    if goodbye is not None:
        import contextlib

        with contextlib.suppress(OSError):  # a terminal that hung up hears nothing
            say_err(f"samarbeid: {goodbye}")
    if app.problems:
        _print_problems(app.problems)
        return ExitCode.BAD_INPUT
    return app.return_code or ExitCode.OK  # Textual sets 1 when the app itself failed
