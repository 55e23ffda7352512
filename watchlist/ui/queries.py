"""What the window shows, read from the database as plain immutable rows.

These functions run on a worker thread (through ``watchlist.ui.tasks``); they return frozen
dataclasses, never ORM objects, so the models on the GUI thread hold no session state.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select

from watchlist.core.db import Database
from watchlist.core.errors import NotFoundError
from watchlist.core.feeds.registry import list_feeds
from watchlist.core.films import format_people
from watchlist.core.models import (
    Article,
    Event,
    EventArticle,
    EventState,
    Feed,
    Film,
    FilmAlias,
    FilmPerson,
)
from watchlist.core.readstate import unread_counts
from watchlist.ui.format import release_sort_key

DEAL_KIND = "deal.acquisition"
NEWS_LIMIT = 500
DEALS_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class FilmRow:
    """One followed film as the watchlist table shows it."""

    id: int
    title: str
    year: int | None
    status: str
    release_date: str | None
    release_precision: str | None
    release_medium: str | None
    release_platform: str | None
    deal_buyer: str | None
    deal_price_text: str | None
    deal_price_usd: int | None
    last_event_at: datetime | None
    unread: int
    muted: bool
    people: str
    aliases: str

    @property
    def display_title(self) -> str:
        """ "Good Sex (2026)", or the bare title when the year is unknown."""
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True, slots=True)
class SourceRow:
    """An outlet that reported an event."""

    outlet: str
    title: str
    link: str | None
    evidence: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One event on a film's timeline."""

    id: int
    kind: str
    fields: dict[str, Any]
    evidence: str
    occurred_at: datetime
    first_seen_at: datetime
    read: bool
    sources: tuple[SourceRow, ...]


@dataclass(frozen=True, slots=True)
class FilmDetail:
    """Everything the detail pane shows about one film."""

    id: int
    title: str
    year: int | None
    followed: bool
    muted: bool
    status: str
    notes: str
    people: str
    aliases: tuple[str, ...]
    events: tuple[TimelineEvent, ...]

    @property
    def display_title(self) -> str:
        """ "Good Sex (2026)", or the bare title when the year is unknown."""
        return f"{self.title} ({self.year})" if self.year else self.title

    @property
    def unread_event_ids(self) -> list[int]:
        """Events of this film the user has not read."""
        return [event.id for event in self.events if not event.read]


@dataclass(frozen=True, slots=True)
class NewsRow:
    """A matched article, for one film, with the events it reported about that film."""

    article_id: int
    event_ids: tuple[int, ...]
    film_id: int
    film_title: str
    kinds: tuple[str, ...]
    headline: str
    outlet: str
    link: str | None
    published_at: datetime
    unread: bool


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """A followed film's announced release."""

    film_id: int
    film_title: str
    release_date: str
    precision: str | None
    medium: str | None
    platform: str | None


@dataclass(frozen=True, slots=True)
class DealRow:
    """An acquisition, for a followed or a discovered film."""

    event_id: int
    film_id: int
    film_title: str
    followed: bool
    buyer: str
    price: str
    territory: str
    market: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscribed feed and its health."""

    id: int
    url: str
    title: str
    enabled: bool
    disabled_reason: str | None
    last_success_at: datetime | None
    last_fetched_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    articles: int


def _display(title: str, year: int | None) -> str:
    return f"{title} ({year})" if year else title


def load_watchlist(db: Database, user_key: str) -> list[FilmRow]:
    """Every followed film with its cached status and unread count (three scans, no N+1)."""
    with db.session() as session:
        films = session.execute(
            select(
                Film.id,
                Film.title,
                Film.year,
                Film.status,
                Film.release_date,
                Film.release_precision,
                Film.release_medium,
                Film.release_platform,
                Film.deal_buyer,
                Film.deal_price_text,
                Film.deal_price_usd,
                Film.last_event_at,
                Film.muted,
            )
            .where(Film.followed.is_(True))
            .order_by(Film.title, Film.year)
        ).all()
        people: dict[int, list[str]] = defaultdict(list)
        for film_id, name in session.execute(
            select(FilmPerson.film_id, FilmPerson.name)
            .join(Film, Film.id == FilmPerson.film_id)
            .where(Film.followed.is_(True))
            .order_by(FilmPerson.film_id, FilmPerson.position)
        ):
            people[film_id].append(name)
        aliases: dict[int, list[str]] = defaultdict(list)
        for film_id, alias in session.execute(
            select(FilmAlias.film_id, FilmAlias.title)
            .join(Film, Film.id == FilmAlias.film_id)
            .where(Film.followed.is_(True))
        ):
            aliases[film_id].append(alias)
        unread = unread_counts(session, user_key)
    # Positional unpacking: reading 14 columns by name from 10,000 rows costs more than the query.
    return [
        FilmRow(
            id=film_id,
            title=title,
            year=year,
            status=status,
            release_date=release_date,
            release_precision=release_precision,
            release_medium=release_medium,
            release_platform=release_platform,
            deal_buyer=deal_buyer,
            deal_price_text=deal_price_text,
            deal_price_usd=deal_price_usd,
            last_event_at=last_event_at,
            unread=unread.get(film_id, 0),
            muted=muted,
            people="; ".join(people.get(film_id, ())),
            aliases="; ".join(aliases.get(film_id, ())),
        )
        for (
            film_id,
            title,
            year,
            status,
            release_date,
            release_precision,
            release_medium,
            release_platform,
            deal_buyer,
            deal_price_text,
            deal_price_usd,
            last_event_at,
            muted,
        ) in films
    ]


def load_film_detail(db: Database, film_id: int, user_key: str) -> FilmDetail:
    """A film with its whole timeline, newest event first, and the outlets behind each."""
    with db.session() as session:
        film = session.get(Film, film_id)
        if film is None:
            raise NotFoundError("This film is no longer in the database.")
        read_ids = set(
            session.scalars(
                select(EventState.event_id)
                .join(Event, Event.id == EventState.event_id)
                .where(
                    Event.film_id == film_id,
                    EventState.user_key == user_key,
                    EventState.read_at.is_not(None),
                )
            )
        )
        sources: dict[int, list[SourceRow]] = defaultdict(list)
        for link, article, feed_title in session.execute(
            select(EventArticle, Article, Feed.title)
            .join(Article, Article.id == EventArticle.article_id)
            .join(Event, Event.id == EventArticle.event_id)
            .outerjoin(Feed, Feed.id == Article.feed_id)
            .where(Event.film_id == film_id)
            .order_by(Article.published_at)
        ):
            sources[link.event_id].append(
                SourceRow(
                    outlet=feed_title or article.source or "Unknown outlet",
                    title=article.title,
                    link=article.link,
                    evidence=link.evidence,
                    published_at=article.published_at,
                )
            )
        events = session.scalars(
            select(Event)
            .where(Event.film_id == film_id)
            .order_by(Event.occurred_at.desc(), Event.id.desc())
        ).all()
        return FilmDetail(
            id=film.id,
            title=film.title,
            year=film.year,
            followed=film.followed,
            muted=film.muted,
            status=film.status,
            notes=film.notes,
            people=format_people(film.people),
            aliases=tuple(alias.title for alias in film.aliases),
            events=tuple(
                TimelineEvent(
                    id=event.id,
                    kind=event.kind,
                    fields=dict(event.fields),
                    evidence=event.evidence,
                    occurred_at=event.occurred_at,
                    first_seen_at=event.first_seen_at,
                    read=event.id in read_ids,
                    sources=tuple(sources.get(event.id, ())),
                )
                for event in events
            ),
        )


def load_news(db: Database, user_key: str, *, limit: int = NEWS_LIMIT) -> list[NewsRow]:
    """Recent articles that reported an event on a followed film, unread first, newest first."""
    read = EventState.read_at.is_not(None)
    with db.session() as session:
        rows = session.execute(
            select(
                Article.id,
                Event.id,
                Film.id,
                Film.title,
                Film.year,
                Event.kind,
                Article.title,
                func.coalesce(Feed.title, Article.source),
                Article.link,
                Article.published_at,
                read,
            )
            .join(EventArticle, EventArticle.article_id == Article.id)
            .join(Event, Event.id == EventArticle.event_id)
            .join(Film, Film.id == Event.film_id)
            .outerjoin(Feed, Feed.id == Article.feed_id)
            .outerjoin(
                EventState, and_(EventState.event_id == Event.id, EventState.user_key == user_key)
            )
            .where(Film.followed.is_(True))
            .order_by(read.is_(True), Article.published_at.desc())
            .limit(limit)
        ).all()
    # One row per article and film: an article reporting a deal and a date is one line.
    grouped: dict[tuple[int, int], NewsRow] = {}
    for (
        article_id,
        event_id,
        film_id,
        title,
        year,
        kind,
        headline,
        outlet,
        link,
        published_at,
        is_read,
    ) in rows:
        row = grouped.get((article_id, film_id))
        if row is None:
            grouped[(article_id, film_id)] = NewsRow(
                article_id=article_id,
                event_ids=(event_id,),
                film_id=film_id,
                film_title=_display(title, year),
                kinds=(kind,),
                headline=headline,
                outlet=outlet or "",
                link=link,
                published_at=published_at,
                unread=not is_read,
            )
        else:
            grouped[(article_id, film_id)] = replace(
                row,
                event_ids=(*row.event_ids, event_id),
                kinds=row.kinds if kind in row.kinds else (*row.kinds, kind),
                unread=row.unread or not is_read,
            )
    return sorted(grouped.values(), key=lambda r: (not r.unread, -r.published_at.timestamp()))


def load_calendar(db: Database, today: date) -> list[CalendarRow]:
    """Followed films whose announced release is this month or later, soonest first."""
    this_month = today.strftime("%Y-%m")
    with db.session() as session:
        rows = session.execute(
            select(
                Film.id,
                Film.title,
                Film.year,
                Film.release_date,
                Film.release_precision,
                Film.release_medium,
                Film.release_platform,
            ).where(Film.followed.is_(True), Film.release_date.is_not(None))
        ).all()
    # Dates are ISO strings of varying precision ("2027", "2027-03", "2027-03-12"): a
    # year-only date is upcoming while its year is not over.
    upcoming = [
        CalendarRow(
            film_id=row.id,
            film_title=_display(row.title, row.year),
            release_date=row.release_date,
            precision=row.release_precision,
            medium=row.release_medium,
            platform=row.release_platform,
        )
        for row in rows
        if row.release_date and row.release_date[:7] >= this_month[: len(row.release_date[:7])]
    ]
    return sorted(
        upcoming,
        key=lambda r: (release_sort_key(r.release_date, r.precision), r.film_title),
    )


def _field_text(fields: dict[str, Any], *names: str) -> str:
    for name in names:
        value = fields.get(name)
        if value:
            if isinstance(value, list | tuple):
                return ", ".join(str(item) for item in value)
            return str(value)
    return ""


def load_deals(db: Database, *, limit: int = DEALS_LIMIT) -> list[DealRow]:
    """Recent acquisitions, of followed and discovered films, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(Event.id, Event.fields, Event.occurred_at, Film.id, Film.title, Film.year)
            .join(Film, Film.id == Event.film_id)
            .add_columns(Film.followed)
            .where(Event.kind == DEAL_KIND)
            .order_by(Event.occurred_at.desc())
            .limit(limit)
        ).all()
    return [
        DealRow(
            event_id=event_id,
            film_id=film_id,
            film_title=_display(title, year),
            followed=followed,
            buyer=_field_text(fields, "buyer", "buyers"),
            price=_field_text(fields, "price_text", "price"),
            territory=_field_text(fields, "territory", "territories", "rights"),
            market=_field_text(fields, "market", "festival", "market_or_festival"),
            occurred_at=occurred_at,
        )
        for event_id, fields, occurred_at, film_id, title, year, followed in rows
    ]


def load_feeds(db: Database) -> list[FeedRow]:
    """Every subscribed feed with its health and how many articles it has given."""
    with db.session() as session:
        counts = dict(
            session.execute(
                select(Article.feed_id, func.count(Article.id)).group_by(Article.feed_id)
            ).all()
        )
        feeds = list_feeds(session)
        return [
            FeedRow(
                id=feed.id,
                url=feed.url,
                title=feed.title,
                enabled=feed.enabled,
                disabled_reason=feed.disabled_reason,
                last_success_at=feed.last_success_at,
                last_fetched_at=feed.last_fetched_at,
                last_error=feed.last_error,
                consecutive_failures=feed.consecutive_failures,
                articles=counts.get(feed.id, 0),
            )
            for feed in feeds
        ]
