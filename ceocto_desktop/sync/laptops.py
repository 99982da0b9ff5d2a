"""The laptops of a sync folder, and forgetting a lost one.

A laptop compacts its own change files only once every other laptop has acknowledged them,
so a laptop lost for good would hold compaction back forever. "Forget a laptop" stops
waiting for its acknowledgement, on this laptop and (through this laptop's acknowledgement)
on the pair's others. Nothing is deleted for it: its change files and snapshots stay in the
folder for whoever still needs them, and what it wrote is still applied if it ever arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ceocto_desktop.store.journal import Journal
from ceocto_desktop.store.travel.changelog import current_device, get_state
from ceocto_desktop.sync import snapshots
from ceocto_desktop.sync.folder import SyncFolder
from ceocto_desktop.sync.service import SyncError, _seat_in

SHORTEST_PREFIX = 6  # characters of a device id a person must type to name it


class UnknownLaptop(SyncError):
    """What was typed names no laptop of the folder, or several, or this one."""


@dataclass(frozen=True)
class Laptop:
    """One device of the sync folder as this laptop sees it."""

    device: str
    seat: str  # "A", "B" or "" when none of its files says
    name: str  # whose laptop ("" when not known)
    last_change: int  # the last change file number it wrote into the folder (0: none)
    acknowledged: bool  # it said which change files it has
    this_laptop: bool
    forgotten: bool

    def describe(self) -> str:
        """One line: which laptop, whose, and how it stands."""
        whose = f"{self.name}'s" if self.name else "whose is not known"
        if self.this_laptop:
            state = "this laptop"
        elif self.forgotten:
            state = "forgotten: no laptop waits for it; its files stay in the folder"
        elif self.acknowledged:
            state = "has acknowledged what it applied"
        else:
            state = "has never acknowledged: this laptop keeps all its change files for it"
        return f"Laptop {self.device[:8]} ({whose}), last change file {self.last_change}: {state}"


def _channel(journal: Journal) -> tuple[SyncFolder, str, set[str], dict[str, str]]:
    with journal.transaction() as session:
        connection = session.connection()
        folder = get_state(connection, "folder")
        if not folder:
            raise SyncError(
                "This journal does not sync; nothing was changed. "
                "Set it up with 'ceocto sync setup FOLDER --as A|B'."
            )
        channel = SyncFolder(Path(folder))
        if not channel.exists():
            raise SyncError(
                f"The sync folder {folder} is not there; nothing was changed. "
                "Plug in or mount the folder, then try again."
            )
        me = current_device(connection)
        gone = snapshots.forgotten(connection, channel)
        names = {
            str(seat): str(name)
            for seat, name in connection.exec_driver_sql("SELECT seat, name FROM partners")
        }
    return channel, me, gone, names


def laptops(journal: Journal) -> list[Laptop]:
    """Every laptop the sync folder knows (its change files, snapshots or acknowledgement)."""
    channel, me, gone, names = _channel(journal)
    scan = channel.scan()
    acks = channel.acks()
    snapshot_seats = {d: str(h.get("seat", "")) for d, _, h in channel.snapshots()}
    devices = set(scan.devices) | set(acks) | set(snapshot_seats) | {me}
    found = []
    for device in sorted(devices):
        numbers = scan.devices.get(device, [])
        seat = _seat_in(channel, device, numbers[-1]) if numbers else ""
        seat = seat or snapshot_seats.get(device, "")
        found.append(
            Laptop(
                device=device,
                seat=seat,
                name=names.get(seat, ""),
                last_change=numbers[-1] if numbers else 0,
                acknowledged=device in acks,
                this_laptop=device == me,
                forgotten=device in gone and device != me,
            )
        )
    return found


def _named(found: list[Laptop], text: str) -> Laptop:
    given = text.strip().lower()
    if len(given) < SHORTEST_PREFIX:
        raise UnknownLaptop(
            f"'{text}' is too short to name a laptop; nothing was changed. Give at least "
            f"{SHORTEST_PREFIX} characters of its id, as 'ceocto sync --status' shows it."
        )
    matching = [laptop for laptop in found if laptop.device.startswith(given)]
    if not matching:
        raise UnknownLaptop(
            f"No laptop of this sync folder has an id beginning '{text}'; nothing was "
            "changed. 'ceocto sync --status' lists them."
        )
    if len(matching) > 1:
        raise UnknownLaptop(
            f"'{text}' names several laptops; nothing was changed. Give more of it."
        )
    return matching[0]


def find_laptop(journal: Journal, text: str) -> Laptop:
    """The one laptop whose device id begins with text (SyncError naming what is wrong)."""
    return _named(laptops(journal), text)


def forget(journal: Journal, device: str) -> Laptop:
    """Stop waiting for that laptop's acknowledgement (after the person confirmed it)."""
    laptop = find_laptop(journal, device)
    if laptop.this_laptop:
        raise UnknownLaptop(
            "That is this laptop; nothing was changed. Forget a lost laptop from another one."
        )
    with journal.transaction() as session:
        connection = session.connection()
        here = set(get_state(connection, "forgotten_devices").split())
        snapshots.remember_forgotten(connection, here | {laptop.device})
        channel = SyncFolder(Path(get_state(connection, "folder")))
        me = current_device(connection)
        gone = snapshots.forgotten(connection, channel) - {me}
        channel.write_ack(me, snapshots.covered(connection, me), gone)
    return laptop
