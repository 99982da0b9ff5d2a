"""Alembic environment: runs on the connection the store hands over, in batch mode."""

from alembic import context

from ceocto_desktop.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes a connection
    raise RuntimeError("ceocto migrations run through ceocto_desktop.store, not the alembic CLI")


def include_object(obj, name, type_, reflected, compare_to):
    # The full-text tables are virtual tables made by hand in revision 0002; the models
    # do not describe them, and autogenerate must not offer to drop them.
    return not (type_ == "table" and name.startswith("search_"))


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
