"""A hybrid logical clock: wall time in milliseconds, a counter, and the device.

Stamps are text that sorts in time order ("0001764990000000.00000.<device>"), so a
comparison of two stamps is a comparison of strings, the same on both laptops. A stamp
from the other laptop moves this clock forward only up to a few minutes past this
laptop's own time: a laptop whose clock is hours ahead does not drag the other's along.
How far ahead the other laptop's clock runs is measured too (`lead`), so that its edits
do not win every simultaneous edit while it is wrong (sync/apply.py compares them fairly).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

# How far past our own wall time another laptop's stamp may move our clock.
MAX_SKEW_MS = 5 * 60 * 1000


@dataclass(frozen=True, order=True)
class Stamp:
    """One point of the clock."""

    wall: int
    counter: int
    device: str

    def text(self) -> str:
        """The sortable text form kept in the journal and in change files."""
        return f"{self.wall:016d}.{self.counter:05d}.{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """The stamp a text form stands for (ValueError when it is not one)."""
        wall, counter, device = text.split(".", 2)
        return cls(int(wall), int(counter), device)


def wall_ms() -> int:
    """Now, in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class Clock:
    """The clock of one laptop; its last stamp is kept by the caller between uses."""

    def __init__(self, device: str, last: str = "", now: Callable[[], int] | None = None) -> None:
        self.device = device
        self._now = now or (lambda: wall_ms())  # looked up at each call: tests move it
        if last:
            stamp = Stamp.parse(last)
            self.wall, self.counter = stamp.wall, stamp.counter
        else:
            self.wall, self.counter = 0, 0

    def tick(self) -> str:
        """A new stamp, later than every stamp this clock has given or seen."""
        now = self._now()
        if now > self.wall:
            self.wall, self.counter = now, 0
        else:
            self.counter += 1
        return Stamp(self.wall, self.counter, self.device).text()

    def after(self, other: str) -> str:
        """A new stamp later than other too (an edit of a field always beats what it replaced)."""
        stamp = Stamp.parse(self.tick())
        seen = Stamp.parse(other)
        if (seen.wall, seen.counter) < (stamp.wall, stamp.counter):
            return stamp.text()
        return Stamp(seen.wall, seen.counter + 1, self.device).text()

    def observe(self, remote: str) -> None:
        """Move forward past a stamp from the other laptop, clamped to now plus a few minutes."""
        seen = Stamp.parse(remote)
        limit = self._now() + MAX_SKEW_MS
        wall = min(seen.wall, limit)
        if wall > self.wall:
            self.wall, self.counter = wall, seen.counter if wall == seen.wall else 0
        elif wall == self.wall:
            self.counter = max(self.counter, seen.counter)

    def now(self) -> int:
        """This laptop's wall time, in milliseconds."""
        return self._now()

    def last(self) -> str:
        """The clock's state as text, to keep between uses."""
        return Stamp(self.wall, self.counter, self.device).text()


def lead(newest: str, now: int) -> int | None:
    """How far ahead of now a laptop's newest stamp is (ms), when past the skew allowed;
    0 when it is within it (that laptop's clock is right); None when it is older (a file
    that waited tells nothing of the clock that wrote it).

    A change is written before it arrives, so this is never more than the true lead."""
    ahead = Stamp.parse(newest).wall - now
    if ahead > MAX_SKEW_MS:
        return ahead
    if ahead >= -MAX_SKEW_MS:
        return 0
    return None
