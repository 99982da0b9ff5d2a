"""Shared fixtures: an isolated home for settings and data, and a migrated template journal."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs: no display, and no touching the real
# user's settings or journal.
_HOME = Path(tempfile.mkdtemp(prefix="ceocto-tests-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from ceocto_desktop.services.partners import PartnerInput, create_partners  # noqa: E402
from ceocto_desktop.store import Journal, open_journal  # noqa: E402
from tests.clock import on_fixed_day  # noqa: E402

SAM = PartnerInput("Sam Rivera", "CEO")
PRIYA = PartnerInput("Priya Natarajan", "CTO")


@pytest.fixture
def today() -> Iterator[date]:
    """One fixed day, for the test and the app it drives alike: the clock starts at its noon
    and runs on, so nothing depends on the wall clock (midnight, a week's or quarter's end).

    Ask for it before the window or journal fixtures, so they too start on that day."""
    with on_fixed_day() as day:
        yield day


@pytest.fixture(scope="session")
def template_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One journal migrated to head with its pair, built once per test session."""
    path = tmp_path_factory.mktemp("template") / "journal.db"
    journal = open_journal(path, create=True)
    with journal.transaction() as session:
        create_partners(session, SAM, PRIYA)
    journal.close()
    return path


@pytest.fixture
def journal_path(template_journal: Path, tmp_path: Path) -> Path:
    """A private copy of the template journal for one test."""
    path = tmp_path / "journal.db"
    shutil.copyfile(template_journal, path)
    return path


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    opened = open_journal(journal_path)
    yield opened
    opened.close()


@pytest.fixture
def session(journal: Journal) -> Iterator[Session]:
    """A session whose work is committed at the end of the test body."""
    with journal.sessions() as open_session:
        yield open_session
        open_session.commit()


@pytest.fixture
def home() -> Path:
    """The isolated folder that stands in for the user's home in this test run."""
    return _HOME
