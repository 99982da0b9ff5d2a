"""What marks a file as a ceocto journal, with no imports: a shell command and the start of
the window read it before (or without) loading SQLAlchemy."""

# Written into the SQLite header (PRAGMA application_id) of every journal: "CEO8".
APPLICATION_ID = 0x43454F38
JOURNAL_FORMAT = "ceocto-journal"
