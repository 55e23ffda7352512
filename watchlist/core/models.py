"""The database schema as typed SQLAlchemy 2.0 models.

Every change to these classes needs an Alembic migration in ``watchlist/core/migrations``;
``tests/core/test_db.py`` fails when the models and the migrations disagree.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from watchlist.core.text import normalize_title

# Explicit constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores no zone, so we add it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with the shared naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


class PersonRole(enum.StrEnum):
    """What a person does on a film; stored as its value."""

    DIRECTOR = "director"
    CAST = "cast"
    WRITER = "writer"
    PRODUCER = "producer"
    OTHER = "other"


def film_identity_key(title: str, year: int | None) -> str:
    """The key that makes "Good Sex (2026)" one film however its title is typed."""
    return f"{normalize_title(title)}|{year or ''}"


class Film(Base):
    """A film the user follows, or one detection discovered (``followed`` false)."""

    __tablename__ = "films"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    original_title: Mapped[str | None] = mapped_column(String(500))
    year: Mapped[int | None] = mapped_column(Integer)
    identity_key: Mapped[str] = mapped_column(String(520), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    followed: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    followed_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    discovered_at: Mapped[datetime | None] = mapped_column()
    muted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # The current status, kept up to date by the event store so that reading the status of
    # 10,000 films is one table scan rather than a walk over every timeline.
    status: Mapped[str] = mapped_column(String(40), default="unannounced", index=True)
    status_since: Mapped[datetime | None] = mapped_column()
    release_date: Mapped[str | None] = mapped_column(String(20))
    release_precision: Mapped[str | None] = mapped_column(String(10))
    release_medium: Mapped[str | None] = mapped_column(String(20))
    release_platform: Mapped[str | None] = mapped_column(String(100))
    deal_buyer: Mapped[str | None] = mapped_column(String(200))
    deal_price_text: Mapped[str | None] = mapped_column(String(100))
    deal_price_usd: Mapped[int | None] = mapped_column(Integer)
    deal_territory: Mapped[str | None] = mapped_column(String(200))
    last_event_kind: Mapped[str | None] = mapped_column(String(40))
    last_event_at: Mapped[datetime | None] = mapped_column(index=True)

    people: Mapped[list[FilmPerson]] = relationship(
        back_populates="film", cascade="all, delete-orphan", order_by="FilmPerson.position"
    )
    aliases: Mapped[list[FilmAlias]] = relationship(
        back_populates="film", cascade="all, delete-orphan", order_by="FilmAlias.id"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="film", cascade="all, delete-orphan", order_by="Event.first_seen_at"
    )

    @property
    def display_title(self) -> str:
        """ "Good Sex (2026)", or the bare title when the year is unknown."""
        return f"{self.title} ({self.year})" if self.year else self.title


class FilmPerson(Base):
    """A director, cast member or other person attached to a film."""

    __tablename__ = "film_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default=PersonRole.OTHER.value)
    position: Mapped[int] = mapped_column(Integer, default=0)

    film: Mapped[Film] = relationship(back_populates="people")


class FilmAlias(Base):
    """Another title a film is known by: a working title, an original or translated title."""

    __tablename__ = "film_aliases"
    __table_args__ = (UniqueConstraint("film_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))

    film: Mapped[Film] = relationship(back_populates="aliases")


class Feed(Base):
    """A subscribed RSS/Atom feed and what the poller knows about its health."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    site_link: Mapped[str | None] = mapped_column(String(2000))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    poll_interval_s: Mapped[int] = mapped_column(Integer, default=1800)
    # Minimum wait asked by the server (<ttl>, Cache-Control max-age, Retry-After).
    server_min_interval_s: Mapped[int | None] = mapped_column(Integer)
    next_poll_at: Mapped[datetime | None] = mapped_column(index=True)
    last_fetched_at: Mapped[datetime | None] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column()
    last_status: Mapped[int | None] = mapped_column(Integer)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="feed")


class Article(Base):
    """One news item from a feed, normalised to plain text."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("feed_id", "guid"),
        Index("ix_articles_published_at", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept when its feed is removed, since it may be the evidence of an event.
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    guid: Mapped[str] = mapped_column(String(2000))
    link: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column()
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Source name shown to the user ("Deadline") when the feed has gone.
    source: Mapped[str] = mapped_column(String(500), default="")
    # Set when detection has run over the article, in the transaction that stored its events,
    # so a poll interrupted between storing and detecting is completed at the next start.
    processed_at: Mapped[datetime | None] = mapped_column(index=True)

    feed: Mapped[Feed | None] = relationship(back_populates="articles")


class Event(Base):
    """A status change of a film, with the evidence that supports it.

    One event stands for one piece of news however many outlets repeat it: ``fingerprint``
    identifies the news (kind plus its key fields) and each reporting article is linked.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("film_id", "kind", "fingerprint"),
        Index("ix_events_first_seen_at", "first_seen_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    film_id: Mapped[int] = mapped_column(ForeignKey("films.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    fingerprint: Mapped[str] = mapped_column(String(200))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    evidence: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    occurred_at: Mapped[datetime] = mapped_column()
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    film: Mapped[Film] = relationship(back_populates="events")
    sources: Mapped[list[EventArticle]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventArticle.linked_at"
    )


class EventArticle(Base):
    """An article that reported an event, with its own evidence sentence."""

    __tablename__ = "event_articles"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    evidence: Mapped[str] = mapped_column(Text, default="")
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="sources")
    article: Mapped[Article] = relationship()


class EventState(Base):
    """One user's read / notified state of an event (each desktop keeps its own)."""

    __tablename__ = "event_states"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    user_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    read_at: Mapped[datetime | None] = mapped_column()
    notified_at: Mapped[datetime | None] = mapped_column()


class NotificationRecord(Base):
    """A desktop notification that was shown: what, when, and whether it was clicked."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_key: Mapped[str] = mapped_column(String(200), index=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    film_id: Mapped[int | None] = mapped_column(ForeignKey("films.id", ondelete="SET NULL"))
    event_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    channel: Mapped[str] = mapped_column(String(40), default="")
    clicked_at: Mapped[datetime | None] = mapped_column()


class AppState(Base):
    """Small facts about the database itself, such as "the default feeds were subscribed"."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
