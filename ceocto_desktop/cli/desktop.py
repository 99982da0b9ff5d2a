"""`ceocto --install-desktop-entry`: the application menu's entry and icon for a pip install.

The Debian package and the AppImage bring their own entry; someone who installed with pip
gets one under ~/.local/share (or $XDG_DATA_HOME) that runs the `ceocto` they installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NamedTuple

from ceocto_desktop.cli.common import EXIT_OK, EXIT_USAGE, fail
from ceocto_desktop.paths import resource_path

ENTRY_NAME = "ceocto.desktop"
ICON_NAME = "ceocto.svg"
# Written into the entry so --remove-desktop-entry never deletes one it did not write.
MARKER = "X-Ceocto-Installed-By=ceocto --install-desktop-entry"


class DesktopEntryError(Exception):
    """A desktop entry could not be installed or removed; the message says why."""


class DesktopFiles(NamedTuple):  # not a dataclass: every command imports this module
    """Where the entry and its icon go under one data folder."""

    entry: Path
    icon: Path

    @classmethod
    def under(cls, data_home: Path) -> DesktopFiles:
        """The entry and icon paths under a data folder such as ~/.local/share."""
        return cls(
            entry=data_home / "applications" / ENTRY_NAME,
            icon=data_home / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME,
        )


def add_desktop_options(parser: argparse.ArgumentParser) -> None:
    """The two top-level options, beside --version."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add ceocto to the desktop's application menu (for a pip install)",
    )
    group.add_argument(
        "--remove-desktop-entry",
        action="store_true",
        help="remove the menu entry that --install-desktop-entry added",
    )


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path, else ~/.local/share (XDG base dirs)."""
    given = os.environ.get("XDG_DATA_HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    return Path.home() / ".local" / "share"


def installed_command(argv0: str | None = None) -> Path:
    """The `ceocto` command this process was started as, or the one on PATH."""
    started_as = Path(argv0 if argv0 is not None else sys.argv[0])
    if started_as.name == "ceocto" and started_as.is_file() and os.access(started_as, os.X_OK):
        return started_as.absolute()
    import shutil  # here: every command imports this module

    found = shutil.which("ceocto")
    if found is None:
        raise DesktopEntryError(
            "cannot find the installed `ceocto` command on PATH; run this option through it "
            "(for example ~/.local/bin/ceocto --install-desktop-entry)."
        )
    return Path(found).absolute()


def _exec_argument(command: Path) -> str:
    """The command as one Exec argument, quoted as the Desktop Entry spec asks."""
    text = str(command)
    if not any(char in text for char in " \t\n\"'\\><~|&;$*?#()`"):
        quoted = text
    else:
        escaped = "".join("\\" + char if char in '"`$\\' else char for char in text)
        quoted = f'"{escaped}"'
    # The whole value is then a string value, where a backslash is itself escaped, and a
    # percent sign would start a field code (%f, %u).
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry_text(command: Path) -> str:
    """The shipped desktop entry with Exec and TryExec pointing at command."""
    lines = []
    for line in resource_path(ENTRY_NAME).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            # TryExec is a plain string (a path, no quoting): only a backslash is escaped.
            lines.append("TryExec=" + str(command).replace("\\", "\\\\"))
            lines.append(f"Exec={_exec_argument(command)}")
        else:
            lines.append(line)
    lines.append(MARKER)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o644)
    temporary.replace(path)


def install_desktop_entry(home: Path, command: Path) -> DesktopFiles:
    """Write the entry and the icon under home; an entry of ours is replaced in place."""
    files = DesktopFiles.under(home)
    if files.entry.exists() and MARKER not in files.entry.read_text("utf-8", "replace"):
        raise DesktopEntryError(
            f"{files.entry} exists and was not written by ceocto; it was left as it is."
        )
    icon_was_there = files.icon.exists()
    try:
        _write(files.icon, resource_path("icons", ICON_NAME).read_bytes())
        _write(files.entry, desktop_entry_text(command).encode("utf-8"))
    except OSError as exc:
        if not icon_was_there:  # no icon left behind without its entry
            files.icon.unlink(missing_ok=True)
        raise DesktopEntryError(f"cannot write under {home}: {exc.strerror}.") from None
    return files


def remove_desktop_entry(home: Path) -> list[Path]:
    """Delete the entry and icon that install_desktop_entry wrote; return what was removed."""
    files = DesktopFiles.under(home)
    removed: list[Path] = []
    if files.entry.exists():
        if MARKER not in files.entry.read_text("utf-8", "replace"):
            raise DesktopEntryError(
                f"{files.entry} was not written by ceocto; it was left as it is."
            )
        files.entry.unlink()
        removed.append(files.entry)
    shipped = resource_path("icons", ICON_NAME).read_bytes()
    if files.icon.exists() and files.icon.read_bytes() == shipped:
        files.icon.unlink()
        removed.append(files.icon)
    return removed


def run_desktop_option(args: argparse.Namespace) -> int | None:
    """Carry out --install-desktop-entry or --remove-desktop-entry; None when neither."""
    if not (args.install_desktop_entry or args.remove_desktop_entry):
        return None
    if args.command is not None:
        option = "--install" if args.install_desktop_entry else "--remove"
        return fail(f"{option}-desktop-entry takes no command.", EXIT_USAGE)
    if not sys.platform.startswith("linux"):
        return fail(
            "desktop entries are for Linux desktops; "
            "on macOS and Windows use the installer (docs/PACKAGING.md).",
            EXIT_USAGE,
        )
    home = data_home()
    try:
        if args.install_desktop_entry:
            command = installed_command()
            files = install_desktop_entry(home, command)
            print(f"Added {files.entry} (runs {command}) and its icon {files.icon}.")
        else:
            removed = remove_desktop_entry(home)
            if removed:
                print("Removed " + " and ".join(str(path) for path in removed) + ".")
            else:
                print(f"No ceocto desktop entry under {home}; nothing to remove.")
    except DesktopEntryError as exc:
        return fail(str(exc))
    return EXIT_OK
