"""Pure functions over plain values giving series and figures of merit. No I/O, no ORM."""
