"""The event store: one event per piece of news, and each film's status derived from its events.

The same deal reported by five outlets is one event (``events`` is unique on film, kind and
a fingerprint of the news) with five ``event_articles`` links, and only the first report is
a StatusChange. A release date that differs from the date already known becomes a
``release.date_changed`` that says from what. Inserts are conflict-safe on SQLite and
PostgreSQL: an event is inserted with ON CONFLICT DO NOTHING and a concurrent duplicate is
read back instead; a batch's article links are inserted in one statement that skips links
already stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from watchlist.core.changes import StatusChange
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.taxonomy import EventKind, FilmStatus
from watchlist.core.models import Article, Event, EventArticle, Film, film_identity_key, utcnow
from watchlist.core.text import normalize_title

MAX_FINGERPRINT = 200
_DATE_KINDS = (EventKind.RELEASE_DATE_ANNOUNCED.value, EventKind.RELEASE_DATE_CHANGED.value)
_STATUS_ORDER = list(FilmStatus)


def _week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def fingerprint(kind: str, fields: dict[str, Any], occurred_at: datetime) -> str:
    """What makes two reports the same news: the kind's key fields (buyer, date...).

    News without a natural key (a trailer, a casting) is keyed by its ISO week, so five
    outlets covering it the same week make one event and a new trailer months later another.
    """
    if "keyword" in fields:
        parts = ["kw", normalize_title(str(fields["keyword"])), _week(occurred_at)]
    else:
        match kind:
            case EventKind.DEAL_ACQUISITION | EventKind.DEAL_TALKS:
                parts = [normalize_title(str(fields.get("buyer") or "unknown buyer"))]
            case EventKind.DEAL_PRICE:
                parts = [
                    normalize_title(str(fields.get("retailer") or "")),
                    str(fields.get("price_text") or ""),
                    str(fields.get("format") or ""),
                    _week(occurred_at),
                ]
            case EventKind.RELEASE_DATE_ANNOUNCED:
                parts = [str(fields.get("date") or ""), str(fields.get("medium") or "")]
            case EventKind.RELEASE_DATE_CHANGED:
                new = fields.get("new_date")
                parts = [f"new {new}"] if new else [f"pulled {fields.get('old_date') or ''}"]
                parts.append(str(fields.get("medium") or ""))
            case EventKind.RELEASE_PREMIERE:
                parts = [normalize_title(str(fields.get("festival") or "festival"))]
            case EventKind.RELEASE_AVAILABLE:
                parts = [str(fields.get("medium") or ""), str(fields.get("platform") or "")]
            case EventKind.TRAILER:
                parts = [str(fields.get("type") or "trailer"), _week(occurred_at)]
            case _:
                parts = [str(fields.get("stage") or ""), _week(occurred_at)]
    text = "|".join(parts)
    if len(text) > MAX_FINGERPRINT:
        return hashlib.sha256(text.encode()).hexdigest()
    return text


def change_direction(old: str, new: str) -> str:
    """ "delayed" or "moved_up", from the dates themselves (never from the wording)."""
    length = min(len(old), len(new))
    return "delayed" if new[:length] >= old[:length] else "moved_up"


def _is_refinement(old: str, new: str) -> bool:
    """ "2026-03" -> "2026-03-05" is the same date made precise, not a change."""
    return new.startswith(old) or old.startswith(new)


@dataclass
class _FilmState:
    film: Film
    events: list[Event] = field(default_factory=list)
    touched: bool = False


class EventStore:
    """Records detections for a batch of articles in one session.

    Call ``prepare`` with the batch's detections (three queries), then ``record`` for each,
    then ``finish`` to write the article links and the films' cached status columns.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._films: dict[int, _FilmState] = {}
        self._discovered: dict[str, _FilmState] = {}
        self._links: set[tuple[int, int]] = set()
        self._new_links: list[dict[str, Any]] = []
        self.changes: list[StatusChange] = []

    def prepare(
        self, film_ids: Iterable[int], discovered_titles: Iterable[str], article_ids: Iterable[int]
    ) -> None:
        """Load the films, their events and the existing article links the batch needs."""
        ids = sorted(set(film_ids))
        keys = sorted({film_identity_key(t, None) for t in discovered_titles})
        films: list[Film] = []
        if ids:
            films.extend(self.session.scalars(select(Film).where(Film.id.in_(ids))))
        if keys:
            films.extend(self.session.scalars(select(Film).where(Film.identity_key.in_(keys))))
        for film in films:
            state = self._films.setdefault(film.id, _FilmState(film))
            if not film.followed:
                self._discovered[film.identity_key] = state
        if self._films:
            for event in self.session.scalars(
                select(Event)
                .where(Event.film_id.in_(list(self._films)))
                .order_by(Event.occurred_at, Event.id)
            ):
                self._films[event.film_id].events.append(event)
        article_list = sorted(set(article_ids))
        if article_list:
            rows = self.session.execute(
                select(EventArticle.event_id, EventArticle.article_id).where(
                    EventArticle.article_id.in_(article_list)
                )
            )
            self._links = {(event_id, article_id) for event_id, article_id in rows}

    def _state_for(self, detection: Detection) -> _FilmState | None:
        if detection.film.followed or detection.film.key >= 0:
            return self._films.get(detection.film.key)
        key = film_identity_key(detection.film.title, None)
        state = self._discovered.get(key)
        if state is not None:
            return state
        film = Film(
            title=detection.film.title,
            identity_key=key,
            followed=False,
            followed_at=None,
            discovered_at=utcnow(),
        )
        try:
            with self.session.begin_nested():
                self.session.add(film)
                self.session.flush()
        except IntegrityError:
            existing = self.session.scalars(select(Film).where(Film.identity_key == key)).first()
            if existing is None:
                return None
            film = existing
        state = _FilmState(film)
        self._films[film.id] = state
        self._discovered[key] = state
        return state

    def record(self, detection: Detection, article: Article) -> StatusChange | None:
        """Store one detection from ``article``; the StatusChange when the news is new."""
        state = self._state_for(detection)
        if state is None:
            return None
        occurred_at = article.published_at
        kind = str(detection.kind)
        fields = dict(detection.fields)
        previous = self._previous_date(state, fields) if kind in _DATE_KINDS else None
        if kind == EventKind.RELEASE_DATE_ANNOUNCED and previous is not None:
            old = str(previous.get("date") or previous.get("new_date") or "")
            new = str(fields.get("date") or "")
            existing = self._find(state, kind, fingerprint(kind, fields, occurred_at))
            if old and new and existing is None and not _is_refinement(old, new):
                kind = EventKind.RELEASE_DATE_CHANGED.value
                fields = {
                    "old_date": old,
                    "new_date": new,
                    "direction": change_direction(old, new),
                    **{k: v for k, v in fields.items() if k not in ("date",)},
                }
        elif kind == EventKind.RELEASE_DATE_CHANGED and previous is not None:
            earlier = previous.get("date") or previous.get("new_date")
            if earlier and not fields.get("old_date"):
                fields["old_date"] = earlier
            if (
                fields.get("old_date")
                and fields.get("new_date")
                and fields.get("direction") != "pulled"
            ):
                fields["direction"] = change_direction(
                    str(fields["old_date"]), str(fields["new_date"])
                )
        key = fingerprint(kind, fields, occurred_at)
        event = self._find(state, kind, key)
        created = False
        if event is None:
            event, created = self._insert(state, kind, key, fields, detection, occurred_at)
        elif detection.confidence > event.confidence:
            event.confidence = detection.confidence
        self._link(event, article, detection.evidence)
        if not created:
            return None
        state.touched = True
        film = state.film
        change = StatusChange(
            event_id=event.id,
            film_id=film.id,
            film_title=film.title,
            kind=kind,
            fields=dict(fields),
            occurred_at=occurred_at,
            followed=film.followed,
            muted=film.muted,
            confidence=event.confidence,
            evidence=event.evidence,
            link=article.link,
            previous=previous,
        )
        self.changes.append(change)
        return change

    def _previous_date(self, state: _FilmState, fields: dict[str, Any]) -> dict[str, Any] | None:
        medium = fields.get("medium")
        for event in reversed(state.events):
            if event.kind not in _DATE_KINDS:
                continue
            if event.fields.get("direction") == "pulled":
                return None
            if medium and event.fields.get("medium") and event.fields.get("medium") != medium:
                continue
            return dict(event.fields)
        return None

    @staticmethod
    def _find(state: _FilmState, kind: str, key: str) -> Event | None:
        return next((e for e in state.events if e.kind == kind and e.fingerprint == key), None)

    def _insert(
        self,
        state: _FilmState,
        kind: str,
        key: str,
        fields: dict[str, Any],
        detection: Detection,
        occurred_at: datetime,
    ) -> tuple[Event, bool]:
        # A conflict-ignoring insert rather than a savepoint and a flush per event: the
        # same news stored a moment ago by another poller returns no row.
        statement = (
            self._insert_statement(Event)
            .values(
                film_id=state.film.id,
                kind=kind,
                fingerprint=key,
                fields=fields,
                evidence=detection.evidence,
                confidence=detection.confidence,
                occurred_at=occurred_at,
                first_seen_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["film_id", "kind", "fingerprint"])
            .returning(Event)
        )
        event = self.session.scalars(statement).first()
        if event is not None:
            state.events.append(event)
            return event, True
        # Another poller stored the same news a moment ago: link to theirs.
        existing = self.session.scalars(
            select(Event).where(
                Event.film_id == state.film.id, Event.kind == kind, Event.fingerprint == key
            )
        ).one()
        state.events.append(existing)
        return existing, False

    def _insert_statement(self, entity: type[Event] | type[EventArticle]) -> Any:
        dialect = self.session.get_bind().dialect.name
        module = postgresql if dialect == "postgresql" else sqlite
        return module.insert(entity)

    def _link(self, event: Event, article: Article, evidence: str) -> None:
        pair = (event.id, article.id)
        if pair in self._links:
            return
        self._links.add(pair)
        self._new_links.append(
            {"event_id": event.id, "article_id": article.id, "evidence": evidence}
        )

    def finish(self) -> None:
        """Write the batch's article links, then the status of every film that gained one."""
        if self._new_links:
            # One statement for the batch; a link another poller stored meanwhile is skipped.
            now = utcnow()
            statement = self._insert_statement(EventArticle).on_conflict_do_nothing(
                index_elements=["event_id", "article_id"]
            )
            self.session.execute(statement, [{**row, "linked_at": now} for row in self._new_links])
            self._new_links = []
        for state in self._films.values():
            if state.touched:
                apply_status(state.film, state.events)


def _status_for(event: Event) -> FilmStatus | None:
    fields = event.fields
    match event.kind:
        case EventKind.PRODUCTION:
            stage = fields.get("stage")
            if stage == "filming":
                return FilmStatus.IN_PRODUCTION
            if stage == "wrap":
                return FilmStatus.WRAPPED
            return FilmStatus.IN_DEVELOPMENT
        case EventKind.RELEASE_PREMIERE:
            return FilmStatus.PREMIERED
        case EventKind.DEAL_TALKS:
            return FilmStatus.IN_TALKS
        case EventKind.DEAL_ACQUISITION:
            return FilmStatus.ACQUIRED
        case EventKind.RELEASE_DATE_ANNOUNCED:
            return FilmStatus.DATED
        case EventKind.RELEASE_DATE_CHANGED:
            return FilmStatus.UNDATED if fields.get("direction") == "pulled" else FilmStatus.DATED
        case EventKind.RELEASE_AVAILABLE | EventKind.DEAL_PRICE:
            return FilmStatus.AVAILABLE
        case _:
            return None


def derive_status(events: Sequence[Event]) -> tuple[FilmStatus, datetime | None]:
    """The status a timeline adds up to, and since when.

    A film only moves forward (a trailer or late talks do not undo "Acquired"), except that
    being pulled from the schedule makes a dated film undated until a new date is set.
    """
    status, since = FilmStatus.UNANNOUNCED, None
    for event in sorted(events, key=lambda e: (e.occurred_at, e.id or 0)):
        proposed = _status_for(event)
        if proposed is None:
            continue
        rank = _STATUS_ORDER.index
        if proposed is FilmStatus.UNDATED:
            if rank(status) <= rank(FilmStatus.DATED):
                status, since = proposed, event.occurred_at
        elif rank(proposed) >= rank(status) and proposed is not status:
            status, since = proposed, event.occurred_at
        elif proposed is status is FilmStatus.DATED:
            since = event.occurred_at
    return status, since


def _cached_release_date(release: dict[str, Any] | None) -> str | None:
    """The release date as the films row keeps it; a season keeps its name ("2027-fall")."""
    if not release or not release.get("date"):
        return None
    value = str(release["date"])
    season = release.get("season")
    if release.get("precision") == "season" and season and "-" not in value:
        value = f"{value}-{str(season).lower()}"
    return value[:20]


def apply_status(film: Film, events: Sequence[Event]) -> None:
    """Write ``film``'s cached status, release, deal and last-event columns from its events."""
    ordered = sorted(events, key=lambda e: (e.occurred_at, e.id or 0))
    status, since = derive_status(ordered)
    film.status, film.status_since = status.value, since
    release: dict[str, Any] | None = None
    deal: dict[str, Any] | None = None
    for event in ordered:
        if event.kind == EventKind.RELEASE_DATE_ANNOUNCED:
            release = {"date": event.fields.get("date"), **event.fields}
        elif event.kind == EventKind.RELEASE_DATE_CHANGED:
            if event.fields.get("direction") == "pulled":
                release = None
            else:
                release = {**event.fields, "date": event.fields.get("new_date")}
        elif event.kind == EventKind.DEAL_ACQUISITION:
            deal = dict(event.fields)
    film.release_date = _cached_release_date(release)
    film.release_precision = (release or {}).get("precision")
    film.release_medium = (release or {}).get("medium")
    film.release_platform = (release or {}).get("platform")
    film.deal_buyer = str(deal["buyer"])[:200] if deal and deal.get("buyer") else None
    film.deal_price_text = (
        str(deal["price_text"])[:100] if deal and deal.get("price_text") else None
    )
    price = (deal or {}).get("price_usd")
    film.deal_price_usd = price if isinstance(price, int) else None
    film.deal_territory = str(deal["territory"])[:200] if deal and deal.get("territory") else None
    last = ordered[-1] if ordered else None
    film.last_event_kind = last.kind if last else None
    film.last_event_at = last.occurred_at if last else None
