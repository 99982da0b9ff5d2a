"""Writing a demo journal to a new file: complete under its name, or not there at all."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ceocto_desktop.services.demo.journal import (
    DemoOptions,
    DemoSummary,
    Progress,
    write_demo_journal,
)
from ceocto_desktop.services.partners import mark_demo_journal
from ceocto_desktop.store import JournalError, open_journal


def _exists_message(target: Path) -> str:
    return f"{target} already exists; the demo never overwrites a file."


def _write_failed(target: Path, exc: OSError) -> JournalError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return JournalError(f"the disk is full; {target} was not written. Free some space first.")
    return JournalError(f"Could not write {target}: {exc.strerror or exc}.")


def _claim(partial: Path, target: Path) -> None:
    """Give the finished file the target's name only if nothing has taken it meanwhile."""
    # A rename would replace a file created while the demo was generating; a hard link
    # fails instead when the name is taken, in one step (no check-then-act).
    try:
        os.link(partial, target)
        return
    except FileExistsError:
        raise JournalError(_exists_message(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
    # A file system without hard links: take the name exclusively, then fill it.
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise JournalError(_exists_message(target)) from None
    os.close(descriptor)
    os.replace(partial, target)


def write_demo_file(
    target: Path, options: DemoOptions, progress: Progress | None = None
) -> DemoSummary:
    """Generate the demo journal beside target, then give it target's name exclusively."""
    if target.exists() or target.is_symlink():
        raise JournalError(_exists_message(target))
    folder = target.parent
    if not folder.is_dir():
        raise JournalError(f"Cannot create a journal at {target}: the folder does not exist.")
    try:
        # A private folder of our own beside the target: the WAL and shared-memory files
        # live there too, and removing the folder clears everything a failure leaves.
        workspace = tempfile.TemporaryDirectory(
            prefix=f".{target.name}.demo-{os.getpid()}-", dir=folder
        )
    except OSError as exc:
        raise _write_failed(target, exc) from exc
    with workspace as scratch:
        partial = Path(scratch) / target.name
        try:
            journal = open_journal(partial, create=True)
        except JournalError as exc:
            raise JournalError(str(exc).replace(str(partial), str(target))) from None
        try:
            with journal.transaction() as session:
                summary = write_demo_journal(session, options, progress)
                mark_demo_journal(session)
        except OSError as exc:
            raise _write_failed(target, exc) from exc
        finally:
            journal.close()
        try:
            _claim(partial, target)
        except OSError as exc:
            raise _write_failed(target, exc) from exc
    return summary
