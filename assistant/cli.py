"""The command line: parse arguments, load input, route to a front end, set the exit code.

A user error prints the problems (file, line, what to do) and exits 2, never
with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from assistant import __version__

if TYPE_CHECKING:
    import argparse

    from assistant.errors import Problem

LANGS = ("nb", "en")


def _common(defaults: bool) -> argparse.ArgumentParser:
    """Options every command takes; on subcommands they must not overwrite the top level's."""
    import argparse

    parent = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parent.add_argument("--lang", choices=LANGS, default=default, help="language: nb (default) or en")
    parent.add_argument("--questions", type=Path, metavar="FILE", default=default,
                        help="use this questions.yaml instead of the shipped one")
    parent.add_argument("--rules", type=Path, metavar="DIR", default=default,
                        help="use this rules folder instead of the shipped one")
    return parent


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The parser; without the commands' sub-parsers when none is named (a faster start)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="samarbeid",
        description="Which form of collaboration between Nav and a social entrepreneur fits, "
                    "and what it takes (AFI-rapport 2020:10).",
        parents=[_common(True)],
    )
    parser.add_argument("--version", action="version", version=f"samarbeid {__version__}")
    parser.add_argument("--plain", action="store_true", help="the dialogue as numbered prompts on stdin/stdout")
    parser.add_argument("--resume", type=Path, metavar="FILE", help="start from the answers in a saved file")
    parser.add_argument("--save", type=Path, metavar="FILE",
                        help="keep the answers in FILE, saved after every answer")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common(False)

    decide = sub.add_parser("decide", parents=[common], help="the result for an answers file, no dialogue")
    decide.add_argument("answers", type=Path, metavar="ANSWERS", help="a YAML or JSON answers file")
    decide.add_argument("--format", choices=("text", "md", "html", "json"), default="text",
                        help="html is one self-contained page with the matrix, to send or print")
    decide.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen")

    questions = sub.add_parser("questions", parents=[common], help="list the questions and option ids")
    questions.add_argument("--format", choices=("text", "yaml"), default="text",
                           help="yaml prints a fill-in answers template")

    cases = sub.add_parser("cases", parents=[common], help="run the report's six cases through the engine")
    cases.add_argument("--format", choices=("text", "json"), default="text")

    check = sub.add_parser("check", parents=[common], help="validate a rule base and prove its decision")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true",
                       help="warnings (such as rules no scenario makes fire) count as errors")
    check.add_argument("--scenarios", type=Path, metavar="DIR",
                       help="the scenarios to measure coverage with (default: tests/scenarios beside the questions)")
    return parser


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"samarbeid: {problem}", file=sys.stderr)
    if len(problems) > 1:
        print(f"samarbeid: {len(problems)} problems; nothing was done.", file=sys.stderr)


def _print_left_out(problems: list[Problem], kept: Path | None) -> None:
    """The answers a resumed file held that the rule base does not know, and where the file is kept as it was."""
    for problem in problems:
        print(f"samarbeid: warning: {problem} (this answer is left out)", file=sys.stderr)
    if kept is not None:
        print(f"samarbeid: the file as it was is kept as {kept}", file=sys.stderr)


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


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words:
        args = build_parser(with_commands=_names_a_command(words)).parse_args(words)
    else:  # plain `samarbeid`, the usual start: no parser needed (and none to import)
        args = no_arguments()
    lang = getattr(args, "lang", None) or "nb"
    try:
        return _run(args, lang)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _run(args: argparse.Namespace, lang: str) -> int:
    if args.command is None and not args.plain:
        return _assistant(args, lang)  # imports nothing its first frame does not need: errors come later
    from assistant.errors import ExitCode, InputError

    try:
        return _command(args, lang)
    except InputError as err:
        _print_problems(err.problems)
        return ExitCode.BAD_INPUT


def _command(args: argparse.Namespace, lang: str) -> int:
    """A command, or the plain dialogue."""
    from assistant.engine import Engine
    from assistant.errors import ExitCode, InputError, Problem
    from assistant.loading import load_answers, load_questions, load_rule_base

    if args.command == "questions":
        from assistant.render.questions import questions_template, questions_text
        qs = load_questions(args.questions)
        out = questions_template(qs, lang) if args.format == "yaml" else questions_text(qs, lang)
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
        return ExitCode.OK

    if args.command == "check":
        from assistant.verify import check
        from assistant.verify.findings import report_json, report_text
        report = check(args.questions, args.rules, scenarios=args.scenarios, strict=args.strict)
        sys.stdout.write(report_json(report) if args.format == "json" else report_text(report))
        return report.exit_code()

    rb = load_rule_base(args.questions, args.rules)
    engine = Engine(rb)

    if args.command == "decide":
        from assistant.render import render
        from assistant.sessions import group_of
        answers, meta, _ = load_answers(args.answers, rb)
        lang = _session_lang(args, meta, lang)
        # a saved workshop session names its group; the report shows it
        text = render(rb, engine.evaluate(answers), args.format, lang, group=group_of(meta))
        if args.output:
            from assistant.files import write_atomic
            try:
                write_atomic(args.output, text)
            except OSError as err:
                raise InputError([Problem(str(args.output), None, None,
                                          f"cannot write the file: {err.strerror}")]) from None
        else:
            sys.stdout.write(text)
        return ExitCode.OK

    if args.command == "cases":
        from assistant.render.cases import cases_json, cases_text, check_cases
        checks = check_cases(engine, lang)
        sys.stdout.write(cases_json(checks) if args.format == "json" else cases_text(checks, engine, lang))
        return ExitCode.OK if all(c.match for c in checks) else ExitCode.FOUND_PROBLEMS

    return _plain(args, rb, engine, lang)


def _session_lang(args: argparse.Namespace, meta: dict, lang: str) -> str:
    """A saved session keeps its language, unless --lang says otherwise."""
    return meta["lang"] if args.lang is None and meta.get("lang") in LANGS else lang


def _plain(args: argparse.Namespace, rb, engine, lang: str) -> int:
    from assistant.errors import ExitCode, InputError, Problem
    from assistant.plain import run_plain
    from assistant.sessions import autosave_path, last_session, resume, save_session
    from assistant.texts import say, saved_when
    start = None
    if args.resume:
        start, meta, skipped, kept = resume(args.resume, rb)
        _print_left_out(skipped, kept)
        lang = _session_lang(args, meta, lang)
    # like the assistant, keep every answer in the data folder unless told where
    save_to = args.save or args.resume or autosave_path()
    if not (args.save or args.resume):
        previous, meta = last_session(rb)
        if previous:
            try:
                reply = input(say("plain.resume", lang, n=len(previous), saved=saved_when(meta.get("saved"), lang)))
            except EOFError:
                reply = ""
            if reply.strip().lower() in ("j", "ja", "y", "yes"):
                start = previous
                lang = _session_lang(args, meta, lang)
            else:
                print(say("plain.fresh", lang))

    def keep(answers) -> None:
        try:
            save_to.parent.mkdir(parents=True, exist_ok=True)
            save_session(save_to, rb, answers, lang)
        except OSError as err:
            raise InputError([Problem(str(save_to), None, None,
                                      f"cannot save the answers: {err.strerror}")]) from None

    run_plain(engine, lang, answers=start, on_answer=keep, saved_to=save_to)
    return ExitCode.OK


def _assistant(args: argparse.Namespace, lang: str) -> int:
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

    _print_left_out(app.warnings, app.kept)
    if app.problems:
        _print_problems(app.problems)
        return ExitCode.BAD_INPUT
    return app.return_code or ExitCode.OK  # Textual sets 1 when the app itself failed
