"""team mode: NOTIFY watchlist_events when events are stored (PostgreSQL only)

A statement-level trigger announces new events on the ``watchlist_events`` channel; PostgreSQL
delivers the notification when the inserting transaction commits, so desktops listening on a
team database learn of new events at once without polling. SQLite has no such mechanism and
its schema is unchanged (desktops there ask "changed since" instead).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# One notification per transaction: PostgreSQL folds identical payloads on one channel.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION watchlist_notify_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_events) THEN
        PERFORM pg_notify('watchlist_events', 'events');
    END IF;
    RETURN NULL;
END
$$
"""
CREATE_TRIGGER = """
CREATE TRIGGER events_notify_watchlist
AFTER INSERT ON events
REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION watchlist_notify_events()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(CREATE_FUNCTION)
    op.execute(CREATE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS events_notify_watchlist ON events")
    op.execute("DROP FUNCTION IF EXISTS watchlist_notify_events()")
