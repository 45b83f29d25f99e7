"""Files the person asks for from the assistant: the answers saved as, the result exported,
and the workshop group's name that heads both.

Every dialog proposes a name with the group (or the role) and the date, and asks before it writes
over a file that is there already. A plain name lands in the data folder, beside the sessions (not in
whatever folder the assistant was started from), and the dialog names that folder; a path goes where
it says.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.tui.app import SamarbeidApp


def ask_and_write(app: SamarbeidApp, fmt: str | None, *, brief: bool = False) -> None:
    """Ask where to write the answers (fmt None), the result in `fmt` (the summary alone if `brief`),
    or ("choose") what to export and the format too."""
    from assistant.render import SUFFIX
    from assistant.sessions import suggested_name
    from assistant.tui.dialogs import ExportDialog, PathDialog

    dialogue = app.dialogue
    if dialogue is None:
        return
    where = files_folder(app)
    folder = app.t("tui.folder", folder=shown(where))
    name = suggested_name(dialogue, "yaml" if fmt is None else SUFFIX.get(fmt, "html"))
    if brief:
        name = f"{Path(name).stem}-{app.t('tui.brief_stem')}{Path(name).suffix}"
    if fmt == "choose":
        def exported(choice: tuple[str, Path, bool] | None) -> None:
            if choice is not None:
                write_unless_refused(app, choice[1], choice[0], brief=choice[2])

        kinds = (app.t("tui.export_full"), app.t("tui.export_brief"))
        prompt = app.t("tui.export_prompt_brief")
        app.push_screen(ExportDialog(f"{prompt}\n{folder}", Path(name).stem, app.t("tui.ok"),
                                     app.t("tui.cancel"), kinds=kinds, brief_stem=app.t("tui.brief_stem"),
                                     chosen=app.t("tui.chosen"), folder=where),
                        exported)
        return

    def chosen(path: Path | None) -> None:
        if path is not None:
            write_unless_refused(app, path, fmt, brief=brief)

    app.push_screen(PathDialog(f"{app.t('tui.path_prompt')}\n{folder}", name, app.t("tui.ok"), app.t("tui.cancel"),
                               folder=where),
                    chosen)


def files_folder(app: SamarbeidApp) -> Path:
    """The data folder the sessions are kept in: where a file named without a folder is written."""
    if app.store is not None:
        return app.store.folder
    from assistant.firstlook import SESSIONS
    from assistant.places import data_dir
    return data_dir() / SESSIONS


def shown(folder: Path) -> str:
    """A folder as a person reads it: under the home folder as ~/…"""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under the home folder, or no home folder
        return str(folder)


def write_unless_refused(app: SamarbeidApp, path: Path, fmt: str | None, *, brief: bool = False) -> None:
    """Write, asking first when the file is there already (no is no: nothing is written)."""
    from assistant.tui.dialogs import ConfirmDialog

    if not path.exists():
        write(app, path, fmt, brief=brief)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            write(app, path, fmt, brief=brief)
        else:
            app.notify(app.t("tui.not_written", path=str(path)), markup=False)

    app.push_screen(ConfirmDialog(app.t("tui.overwrite", path=str(path.resolve())), app.t("tui.overwrite_yes"),
                                  app.t("tui.cancel")), answered)


def write(app: SamarbeidApp, path: Path, fmt: str | None, *, brief: bool = False) -> None:
    """Write the answers (fmt None) or the result in a format, the full report or (brief) the summary
    alone; say where, or why not."""
    from assistant.files import write_atomic
    from assistant.render import render
    from assistant.sessions import session_text

    dialogue = app.dialogue
    if dialogue is None:
        return
    text = session_text(dialogue.rb, dialogue.answers, dialogue.lang, dialogue.group) if fmt is None else \
        render(dialogue.rb, dialogue.result(), fmt, dialogue.lang, group=dialogue.group, brief=brief)
    try:
        if path.parent == files_folder(app):
            path.parent.mkdir(parents=True, exist_ok=True)  # the data folder, made on first use
        write_atomic(path, text)
    except OSError as err:
        app.notify(app.t("tui.write_failed", path=str(path), reason=err.strerror or str(err)),
                   severity="error", markup=False)
        return
    app.notify(app.t("tui.saved_to" if fmt is None else "tui.exported", path=str(path.resolve())), markup=False)


def ask_group(app: SamarbeidApp) -> None:
    """Ask for the group's name (workshops); it is saved with the answers and heads the report."""
    from assistant.tui.dialogs import NameDialog
    from assistant.tui.result import ResultScreen

    dialogue = app.dialogue
    if dialogue is None:
        return

    def named(name: str | None) -> None:
        if name is None:
            return
        dialogue.set_group(name)
        if dialogue.group:
            app.notify(app.t("tui.group_set", name=dialogue.group), markup=False)
        else:
            app.notify(app.t("tui.group_cleared"), markup=False)
        if isinstance(app.screen, ResultScreen):
            app.action_result()  # the report's header shows the name

    app.push_screen(NameDialog(app.t("tui.group_prompt"), dialogue.group or "", app.t("tui.ok"),
                               app.t("tui.cancel")), named)
