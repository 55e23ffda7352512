"""Which status changes become desktop notifications, and the history of those sent.

GUI-free: the window hands each poll's ``StatusChange`` list to ``issue_notifications`` (on a
worker thread), which decides what to show, records it and marks the events notified; the Qt
notifier then only displays the result. The rules, in order:

- a discovered film (``followed`` false) or a muted film never notifies;
- an event kind the user switched off never notifies;
- an event already notified to this user never notifies again, and neither does a second
  event whose words are the same as one shown for that film in the last week (the same news
  from another outlet);
- while paused or in quiet hours nothing is shown and nothing is marked notified, so the
  changes simply wait in the app as unread;
- a poll with more than ``group_threshold`` notifications shows one grouped notification
  ("5 films changed status") instead of a flood.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.detect.taxonomy import describe_change
from watchlist.core.models import Event, EventState, Film, NotificationRecord
from watchlist.core.readstate import mark_notified
from watchlist.core.team.claims import claim_notifications

DEFAULT_GROUP_THRESHOLD = 3
# Outlets repeat a story within days; the same words later ("new trailer") are new news.
REPEAT_WINDOW = timedelta(days=7)
# How many individual lines a grouped notification lists before "and N more".
GROUP_BODY_LINES = 3
# "Until resumed" is stored as a pause that ends in a year nobody will see.
PAUSED_UNTIL_RESUMED = datetime(9999, 1, 1, tzinfo=UTC)
# "Until tomorrow" ends at this local time on the next day: a pause at 23:30 should not end
# half an hour later, nor should one taken in the evening last into the afternoon.
TOMORROW_RESUME_TIME = time(8, 0)


class PauseChoice(enum.StrEnum):
    """How long the user pauses notifications from the tray menu."""

    ONE_HOUR = "one_hour"
    UNTIL_TOMORROW = "until_tomorrow"
    UNTIL_RESUMED = "until_resumed"


def pause_end(choice: PauseChoice, now: datetime, *, timezone: tzinfo | None = None) -> datetime:
    """When a pause chosen at ``now`` ends, as an aware UTC datetime.

    ``timezone`` is the user's zone for "until tomorrow" (default: the system's).
    """
    match choice:
        case PauseChoice.ONE_HOUR:
            return (now + timedelta(hours=1)).astimezone(UTC)
        case PauseChoice.UNTIL_TOMORROW:
            local = now.astimezone(timezone) if timezone else now.astimezone()
            tomorrow = local.date() + timedelta(days=1)
            resume = datetime.combine(tomorrow, TOMORROW_RESUME_TIME, tzinfo=local.tzinfo)
            return resume.astimezone(UTC)
        case PauseChoice.UNTIL_RESUMED:
            return PAUSED_UNTIL_RESUMED


def in_quiet_hours(moment: time, start: time | None, end: time | None) -> bool:
    """True when the local time ``moment`` falls in the quiet period [start, end).

    A period whose end is before its start crosses midnight (22:00-07:00); no start or end,
    or an empty period (start == end), means no quiet hours.
    """
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


@dataclass(frozen=True)
class NotificationPolicy:
    """The user's notification settings at one moment.

    ``enabled_kinds`` holds event kinds ("deal.acquisition") or whole families ("deal"); None
    means every kind. ``timezone`` is the zone quiet hours are read in (default: the
    system's). ``paused_until`` is an aware datetime; PAUSED_UNTIL_RESUMED pauses for good.
    """

    enabled_kinds: frozenset[str] | None = None
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    paused_until: datetime | None = None
    timezone: tzinfo | None = None

    def is_paused(self, now: datetime) -> bool:
        """Whether the user has paused notifications at ``now``."""
        return self.paused_until is not None and now < self.paused_until

    def is_quiet(self, now: datetime) -> bool:
        """Whether ``now`` falls in the user's quiet hours (in the policy's time zone)."""
        local = now.astimezone(self.timezone) if self.timezone else now.astimezone()
        return in_quiet_hours(local.time(), self.quiet_hours_start, self.quiet_hours_end)

    def allows_kind(self, kind: str) -> bool:
        """Whether the user wants notifications for events of ``kind``."""
        if self.enabled_kinds is None:
            return True
        return kind in self.enabled_kinds or kind.split(".", 1)[0] in self.enabled_kinds


@dataclass(frozen=True)
class PlannedNotification:
    """One notification to show: its words, the film it opens, and the events it covers.

    ``film_id`` is None for a group spanning several films (Open then just shows the
    window). ``replaces_key`` says which earlier bubble this one should replace.
    """

    summary: str
    body: str
    film_id: int | None
    event_ids: tuple[int, ...]
    kind: str | None = None
    grouped: bool = False

    @property
    def replaces_key(self) -> str:
        """Notifications with the same key replace each other on screen (one per film)."""
        return "group" if self.film_id is None else f"film:{self.film_id}"


@dataclass(frozen=True)
class IssuedNotification:
    """A planned notification after it was recorded in the history (``record_id``)."""

    record_id: int
    planned: PlannedNotification

    @property
    def film_id(self) -> int | None:
        """The film Open brings up, or None for a group of several films."""
        return self.planned.film_id


@dataclass
class _Candidate:
    summary: str
    body: str
    change: StatusChange
    event_ids: list[int]


def plan_notifications(
    changes: Sequence[StatusChange],
    policy: NotificationPolicy,
    now: datetime,
    *,
    group_threshold: int = DEFAULT_GROUP_THRESHOLD,
    already_notified: Collection[int] = frozenset(),
) -> list[PlannedNotification]:
    """The notifications one poll's ``changes`` should raise under ``policy`` at ``now``.

    ``already_notified`` holds event ids this user was already notified of. Returns an empty
    list while paused or in quiet hours: the caller must then leave the events unnotified.
    More than ``group_threshold`` notifications become one grouped notification.
    """
    if policy.is_paused(now) or policy.is_quiet(now):
        return []
    candidates: list[_Candidate] = []
    by_words: dict[tuple[int, str, str], _Candidate] = {}
    seen_events: set[int] = set(already_notified)
    for change in sorted(changes, key=lambda c: (c.occurred_at, c.event_id)):
        if change.event_id in seen_events:
            continue
        seen_events.add(change.event_id)
        if not change.followed or change.muted or not policy.allows_kind(change.kind):
            continue
        summary, body = describe_change(change)
        key = (change.film_id, summary, body)
        # The same news told by a second outlet may be stored as a second event; it is one
        # notification covering both.
        if key in by_words:
            by_words[key].event_ids.append(change.event_id)
            continue
        candidate = _Candidate(summary, body, change, [change.event_id])
        by_words[key] = candidate
        candidates.append(candidate)
    if len(candidates) > max(group_threshold, 1):
        return [_group(candidates)]
    return [
        PlannedNotification(
            summary=c.summary,
            body=c.body,
            film_id=c.change.film_id,
            event_ids=tuple(c.event_ids),
            kind=c.change.kind,
        )
        for c in candidates
    ]


def _group(candidates: list[_Candidate]) -> PlannedNotification:
    film_ids = list(dict.fromkeys(c.change.film_id for c in candidates))
    if len(film_ids) == 1:
        summary = f"{candidates[0].change.film_title}: {len(candidates)} changes"
    else:
        summary = f"{len(film_ids)} films changed status"
    lines = [c.summary for c in candidates[:GROUP_BODY_LINES]]
    if len(candidates) > GROUP_BODY_LINES:
        lines.append(f"and {len(candidates) - GROUP_BODY_LINES} more")
    return PlannedNotification(
        summary=summary,
        body="\n".join(lines),
        film_id=film_ids[0] if len(film_ids) == 1 else None,
        event_ids=tuple(event_id for c in candidates for event_id in c.event_ids),
        grouped=True,
    )


def _notified_event_ids(session: Session, event_ids: Collection[int], user_key: str) -> set[int]:
    query = select(EventState.event_id).where(
        EventState.user_key == user_key,
        EventState.event_id.in_(event_ids),
        EventState.notified_at.is_not(None),
    )
    return set(session.scalars(query))


def _shown_words(
    session: Session, film_ids: Collection[int], user_key: str, since: datetime
) -> set[tuple[int, str, str]]:
    query = select(NotificationRecord.film_id, NotificationRecord.summary, NotificationRecord.body)
    query = query.where(
        NotificationRecord.user_key == user_key,
        NotificationRecord.film_id.in_(film_ids),
        NotificationRecord.sent_at >= since,
    )
    rows = session.execute(query)
    return {(film_id, summary, body) for film_id, summary, body in rows if film_id is not None}


def issue_notifications(
    db: Database,
    changes: Sequence[StatusChange],
    policy: NotificationPolicy,
    now: datetime,
    *,
    channel: str,
    user_key: str,
    group_threshold: int = DEFAULT_GROUP_THRESHOLD,
) -> list[IssuedNotification]:
    """Plan the notifications for ``changes``, record them in the history and mark their
    events notified for ``user_key``, in one transaction; the caller then shows them.

    ``channel`` names the notifier that will show them ("freedesktop", "tray-message").
    Blocking (database work): call it off the GUI thread.
    """
    if not changes:
        return []
    with db.session() as session:
        wanted = {change.event_id for change in changes}
        # Events deleted since the poll (a film removed meanwhile) are not notified.
        existing = set(session.scalars(select(Event.id).where(Event.id.in_(wanted))))
        done = _notified_event_ids(session, existing, user_key)
        shown = _shown_words(session, {c.film_id for c in changes}, user_key, now - REPEAT_WINDOW)
        repeats = {
            change.event_id
            for change in changes
            if change.event_id in existing
            and change.event_id not in done
            and (change.film_id, *describe_change(change)) in shown
        }
        # A repeat of words already shown counts as notified, so it is never shown later.
        mark_notified(session, repeats, user_key)
        planned = plan_notifications(
            [change for change in changes if change.event_id in existing],
            policy,
            now,
            group_threshold=group_threshold,
            already_notified=done | repeats,
        )
        # Claimed atomically, so two desktops of one user on a team database cannot both
        # show the same change.
        claimed = set(
            claim_notifications(
                session, [i for note in planned for i in note.event_ids], user_key, now=now
            )
        )
        issued: list[IssuedNotification] = []
        for note in planned:
            if claimed.isdisjoint(note.event_ids):
                continue
            record = NotificationRecord(
                user_key=user_key,
                sent_at=now,
                summary=note.summary,
                body=note.body,
                film_id=note.film_id,
                event_ids=list(note.event_ids),
                channel=channel,
            )
            session.add(record)
            session.flush()
            issued.append(IssuedNotification(record_id=record.id, planned=note))
    return issued


def mark_notification_clicked(session: Session, record_id: int, when: datetime) -> None:
    """Record that the user clicked Open on the notification ``record_id`` (first click wins)."""
    record = session.get(NotificationRecord, record_id)
    if record is not None and record.clicked_at is None:
        record.clicked_at = when


def notification_history(
    session: Session, user_key: str, *, limit: int = 500
) -> list[NotificationRecord]:
    """The notifications shown to ``user_key``, newest first."""
    query = (
        select(NotificationRecord)
        .where(NotificationRecord.user_key == user_key)
        .order_by(NotificationRecord.sent_at.desc(), NotificationRecord.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def unread_followed_events(session: Session, user_key: str) -> int:
    """How many events on followed, unmuted films ``user_key`` has not read (the tray badge)."""
    query = (
        select(func.count(Event.id))
        .join(Film, Film.id == Event.film_id)
        .outerjoin(
            EventState, and_(EventState.event_id == Event.id, EventState.user_key == user_key)
        )
        .where(Film.followed.is_(True), Film.muted.is_(False), EventState.read_at.is_(None))
    )
    return int(session.scalar(query) or 0)
