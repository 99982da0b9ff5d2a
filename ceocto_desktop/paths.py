"""Where things live: the default journal and the resources shipped with the app."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "ceocto"
JOURNAL_FILE = "journal.db"
DEMO_FILE = "demo-journal.db"


def data_dir() -> Path:
    """The platform's user data folder for ceocto (not created here)."""
    import platformdirs  # (here: a shell command given --db starts without it)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_journal_path() -> Path:
    """The journal a plain `ceocto` opens."""
    return data_dir() / JOURNAL_FILE


def default_demo_path() -> Path:
    """Where the first-run dialog writes the demo journal."""
    return data_dir() / DEMO_FILE


def shown_path(path: Path) -> str:
    """A path as the window shows it: under the home folder written from "~"."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of one shipped resource file."""
    return resources_dir().joinpath(*parts)
