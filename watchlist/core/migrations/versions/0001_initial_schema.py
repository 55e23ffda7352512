"""initial schema: films, people, aliases, feeds, articles, events

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import watchlist.core.models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("site_link", sa.String(length=2000), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("poll_interval_s", sa.Integer(), nullable=False),
        sa.Column("server_min_interval_s", sa.Integer(), nullable=True),
        sa.Column("next_poll_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "last_fetched_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "last_success_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feeds_next_poll_at"), ["next_poll_at"], unique=False)

    op.create_table(
        "films",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("original_title", sa.String(length=500), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("identity_key", sa.String(length=520), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("followed", sa.Boolean(), nullable=False),
        sa.Column("followed_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("discovered_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("muted", sa.Boolean(), nullable=False),
        sa.Column("created_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("status_since", watchlist.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("release_date", sa.String(length=20), nullable=True),
        sa.Column("release_precision", sa.String(length=10), nullable=True),
        sa.Column("release_medium", sa.String(length=20), nullable=True),
        sa.Column("release_platform", sa.String(length=100), nullable=True),
        sa.Column("deal_buyer", sa.String(length=200), nullable=True),
        sa.Column("deal_price_text", sa.String(length=100), nullable=True),
        sa.Column("deal_price_usd", sa.Integer(), nullable=True),
        sa.Column("deal_territory", sa.String(length=200), nullable=True),
        sa.Column("last_event_kind", sa.String(length=40), nullable=True),
        sa.Column("last_event_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_films")),
        sa.UniqueConstraint("identity_key", name=op.f("uq_films_identity_key")),
    )
    with op.batch_alter_table("films", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_films_followed"), ["followed"], unique=False)
        batch_op.create_index(batch_op.f("ix_films_last_event_at"), ["last_event_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_films_status"), ["status"], unique=False)

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("guid", sa.String(length=2000), nullable=False),
        sa.Column("link", sa.String(length=2000), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("published_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name=op.f("fk_articles_feed_id_feeds"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("feed_id", "guid", name=op.f("uq_articles_feed_id_guid")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_published_at", ["published_at"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("fingerprint", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("occurred_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "first_seen_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name=op.f("fk_events_film_id_films"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint(
            "film_id", "kind", "fingerprint", name=op.f("uq_events_film_id_kind_fingerprint")
        ),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_film_id"), ["film_id"], unique=False)
        batch_op.create_index("ix_events_first_seen_at", ["first_seen_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_kind"), ["kind"], unique=False)

    op.create_table(
        "film_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["film_id"],
            ["films.id"],
            name=op.f("fk_film_aliases_film_id_films"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_aliases")),
        sa.UniqueConstraint("film_id", "title", name=op.f("uq_film_aliases_film_id_title")),
    )
    with op.batch_alter_table("film_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_film_aliases_film_id"), ["film_id"], unique=False)

    op.create_table(
        "film_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name=op.f("fk_film_people_film_id_films"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_people")),
    )
    with op.batch_alter_table("film_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_film_people_film_id"), ["film_id"], unique=False)

    op.create_table(
        "event_articles",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("linked_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_event_articles_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_articles_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "article_id", name=op.f("pk_event_articles")),
    )
    with op.batch_alter_table("event_articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_articles_article_id"), ["article_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("event_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_articles_article_id"))

    op.drop_table("event_articles")
    with op.batch_alter_table("film_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_film_people_film_id"))

    op.drop_table("film_people")
    with op.batch_alter_table("film_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_film_aliases_film_id"))

    op.drop_table("film_aliases")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_kind"))
        batch_op.drop_index("ix_events_first_seen_at")
        batch_op.drop_index(batch_op.f("ix_events_film_id"))

    op.drop_table("events")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_published_at")

    op.drop_table("articles")
    with op.batch_alter_table("films", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_films_status"))
        batch_op.drop_index(batch_op.f("ix_films_last_event_at"))
        batch_op.drop_index(batch_op.f("ix_films_followed"))

    op.drop_table("films")
    with op.batch_alter_table("feeds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feeds_next_poll_at"))

    op.drop_table("feeds")
