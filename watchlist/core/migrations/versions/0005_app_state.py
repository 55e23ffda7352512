"""app_state: facts about the database itself (replaces the default-feeds marker feed row)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import watchlist.core.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_MARKER_URL = "watchlist:default-feeds-subscribed"


def upgrade() -> None:
    app_state = op.create_table(
        "app_state",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_state")),
    )
    feeds = sa.table(
        "feeds",
        sa.column("url", sa.String),
        sa.column("created_at", watchlist.core.models.UTCDateTime()),
    )
    bind = op.get_bind()
    marker = bind.execute(
        sa.select(feeds.c.created_at).where(feeds.c.url == OLD_MARKER_URL)
    ).first()
    if marker is not None:
        op.bulk_insert(
            app_state,
            [{"key": "default_feeds_subscribed", "value": {"done": True}, "updated_at": marker[0]}],
        )
        bind.execute(sa.delete(feeds).where(feeds.c.url == OLD_MARKER_URL))


def downgrade() -> None:
    op.drop_table("app_state")
