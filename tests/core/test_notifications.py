"""Which status changes notify: dedup, kinds, muted and discovered films, quiet hours, pause,
grouping, and the history of what was sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import pytest

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Event, EventState, Film, NotificationRecord
from watchlist.core.notifications import (
    PAUSED_UNTIL_RESUMED,
    NotificationPolicy,
    PauseChoice,
    in_quiet_hours,
    issue_notifications,
    mark_notification_clicked,
    notification_history,
    pause_end,
    plan_notifications,
    unread_followed_events,
)
from watchlist.core.readstate import mark_read

NOON = datetime(2026, 2, 15, 12, 0, tzinfo=UTC)
DEAL = {"buyer": "Netflix", "price_text": "$55M", "territory": "worldwide", "market": "EFM"}
ALL = NotificationPolicy(timezone=UTC)


def change(event_id: int = 1, film_id: int = 1, **overrides: Any) -> StatusChange:
    values: dict[str, Any] = {
        "event_id": event_id,
        "film_id": film_id,
        "film_title": "Good Sex",
        "kind": "deal.acquisition",
        "fields": DEAL,
        "occurred_at": NOON - timedelta(minutes=event_id),
    }
    values.update(overrides)
    return StatusChange(**values)


def films_changed(count: int) -> list[StatusChange]:
    return [
        change(event_id=i, film_id=i, film_title=f"Film {i}", kind="trailer", fields={})
        for i in range(1, count + 1)
    ]


# --- plan_notifications: pure policy ---------------------------------------------------------


def test_one_change_gives_one_notification_in_the_taxonomy_words() -> None:
    [note] = plan_notifications([change()], ALL, NOON)
    assert note.summary == "Good Sex: acquired by Netflix"
    assert "$55M" in note.body and "worldwide" in note.body and "EFM" in note.body
    assert (note.film_id, note.event_ids, note.kind) == (1, (1,), "deal.acquisition")
    assert not note.grouped


def test_each_change_of_a_small_poll_is_its_own_notification() -> None:
    notes = plan_notifications(films_changed(3), ALL, NOON, group_threshold=3)
    assert [n.summary for n in notes] == [
        "Film 3: new trailer",
        "Film 2: new trailer",
        "Film 1: new trailer",
    ]


def test_a_poll_with_many_changes_is_grouped_into_one_notification() -> None:
    [note] = plan_notifications(films_changed(5), ALL, NOON, group_threshold=3)
    assert note.grouped
    assert note.summary == "5 films changed status"
    assert note.film_id is None
    assert sorted(note.event_ids) == [1, 2, 3, 4, 5]
    assert note.body.splitlines()[-1] == "and 2 more"


def test_the_group_threshold_is_configurable() -> None:
    assert len(plan_notifications(films_changed(5), ALL, NOON, group_threshold=10)) == 5
    assert len(plan_notifications(films_changed(2), ALL, NOON, group_threshold=1)) == 1


def test_many_changes_on_one_film_group_under_its_title() -> None:
    changes = [
        change(event_id=i, kind="trailer", fields={"type": t})
        for i, t in enumerate(["trailer", "teaser", "clip", "featurette"], 1)
    ]
    [note] = plan_notifications(changes, ALL, NOON, group_threshold=3)
    assert note.summary == "Good Sex: 4 changes"
    assert note.film_id == 1


def test_an_event_already_notified_is_not_notified_again() -> None:
    assert plan_notifications([change(event_id=7)], ALL, NOON, already_notified={7}) == []


def test_the_same_event_twice_in_one_poll_is_one_notification() -> None:
    assert len(plan_notifications([change(event_id=1), change(event_id=1)], ALL, NOON)) == 1


def test_the_same_news_from_two_outlets_is_one_notification_covering_both_events() -> None:
    [note] = plan_notifications([change(event_id=1), change(event_id=2)], ALL, NOON)
    assert sorted(note.event_ids) == [1, 2]


def test_discovered_films_never_notify() -> None:
    assert plan_notifications([change(followed=False)], ALL, NOON) == []


def test_muted_films_never_notify() -> None:
    assert plan_notifications([change(muted=True)], ALL, NOON) == []


def test_kinds_switched_off_do_not_notify() -> None:
    policy = NotificationPolicy(enabled_kinds=frozenset({"trailer"}), timezone=UTC)
    notes = plan_notifications(
        [change(event_id=1), change(event_id=2, kind="trailer")], policy, NOON
    )
    assert [n.kind for n in notes] == ["trailer"]
    nothing = NotificationPolicy(enabled_kinds=frozenset(), timezone=UTC)
    assert plan_notifications([change()], nothing, NOON) == []


def test_a_kind_family_switch_covers_its_kinds() -> None:
    policy = NotificationPolicy(enabled_kinds=frozenset({"deal"}), timezone=UTC)
    assert len(plan_notifications([change()], policy, NOON)) == 1


def test_nothing_is_shown_while_paused_and_everything_after() -> None:
    policy = NotificationPolicy(paused_until=NOON + timedelta(minutes=30), timezone=UTC)
    assert plan_notifications([change()], policy, NOON) == []
    assert len(plan_notifications([change()], policy, NOON + timedelta(minutes=31))) == 1


@pytest.mark.parametrize(
    ("start", "end", "moment", "quiet"),
    [
        (time(22), time(7), time(23, 30), True),
        (time(22), time(7), time(3), True),
        (time(22), time(7), time(7), False),
        (time(22), time(7), time(12), False),
        (time(22), time(7), time(22), True),
        (time(13), time(14), time(13, 30), True),
        (time(13), time(14), time(14, 30), False),
        (time(9), time(9), time(9), False),
        (None, time(7), time(3), False),
    ],
)
def test_quiet_hours_including_ranges_crossing_midnight(
    start: time | None, end: time | None, moment: time, quiet: bool
) -> None:
    assert in_quiet_hours(moment, start, end) is quiet


def test_quiet_hours_are_read_in_the_users_time_zone() -> None:
    paris = timezone(timedelta(hours=1))
    policy = NotificationPolicy(quiet_hours_start=time(22), quiet_hours_end=time(7), timezone=paris)
    # 21:30 UTC is 22:30 in Paris: quiet there.
    assert plan_notifications([change()], policy, datetime(2026, 2, 15, 21, 30, tzinfo=UTC)) == []
    assert len(plan_notifications([change()], policy, datetime(2026, 2, 15, 6, 0, tzinfo=UTC))) == 1


def test_pause_choices_end_when_the_menu_says() -> None:
    paris = timezone(timedelta(hours=1))
    evening = datetime(2026, 2, 15, 22, 30, tzinfo=paris)
    assert pause_end(PauseChoice.ONE_HOUR, evening) == evening + timedelta(hours=1)
    assert pause_end(PauseChoice.UNTIL_TOMORROW, evening, timezone=paris) == datetime(
        2026, 2, 16, 8, 0, tzinfo=paris
    )
    assert pause_end(PauseChoice.UNTIL_RESUMED, evening) == PAUSED_UNTIL_RESUMED
    policy = NotificationPolicy(paused_until=PAUSED_UNTIL_RESUMED)
    assert policy.is_paused(evening + timedelta(days=3650))


# --- issue_notifications: dedup across polls, history ----------------------------------------


def store_event(db: Database, title: str = "Good Sex", **film_values: Any) -> StatusChange:
    with db.session() as session:
        film = session.query(Film).filter_by(title=title).one_or_none()
        if film is None:
            film = add_film(session, FilmSpec(title=title, year=2026))
        for key, value in film_values.items():
            setattr(film, key, value)
        count = session.query(Event).filter_by(film_id=film.id).count()
        event = Event(
            film=film,
            kind="deal.acquisition",
            fingerprint=f"fp{count}",
            fields=DEAL,
            occurred_at=NOON,
        )
        session.add(event)
        session.flush()
        return change(
            event_id=event.id,
            film_id=film.id,
            film_title=title,
            followed=film.followed,
            muted=film.muted,
        )


def issue(db: Database, changes: list[StatusChange], policy: NotificationPolicy = ALL) -> list[str]:
    issued = issue_notifications(db, changes, policy, NOON, channel="test", user_key="ann")
    return [n.planned.summary for n in issued]


def test_issued_notifications_are_recorded_and_their_events_marked_notified(db: Database) -> None:
    good_sex = store_event(db)
    assert issue(db, [good_sex]) == ["Good Sex: acquired by Netflix"]
    with db.session() as session:
        [record] = notification_history(session, "ann")
        assert (record.summary, record.channel, record.film_id) == (
            "Good Sex: acquired by Netflix",
            "test",
            good_sex.film_id,
        )
        assert record.event_ids == [good_sex.event_id]
        assert record.clicked_at is None
        state = session.get(EventState, (good_sex.event_id, "ann"))
        assert state is not None and state.notified_at is not None


def test_an_event_notified_in_one_poll_is_not_notified_in_the_next(db: Database) -> None:
    good_sex = store_event(db)
    assert len(issue(db, [good_sex])) == 1
    assert issue(db, [good_sex]) == []


def test_notified_state_is_per_user(db: Database) -> None:
    good_sex = store_event(db)
    assert len(issue(db, [good_sex])) == 1
    other = issue_notifications(db, [good_sex], ALL, NOON, channel="test", user_key="bob")
    assert len(other) == 1


def test_the_same_news_from_another_outlet_in_a_later_poll_is_not_shown_again(
    db: Database,
) -> None:
    first = store_event(db)
    assert len(issue(db, [first])) == 1
    second_outlet = store_event(db)  # same words, stored as a second event
    assert issue(db, [second_outlet]) == []
    with db.session() as session:
        state = session.get(EventState, (second_outlet.event_id, "ann"))
        assert state is not None and state.notified_at is not None


def test_changes_held_while_paused_are_not_marked_notified_and_stay_unread(db: Database) -> None:
    good_sex = store_event(db)
    paused = NotificationPolicy(paused_until=PAUSED_UNTIL_RESUMED, timezone=UTC)
    assert issue(db, [good_sex], paused) == []
    with db.session() as session:
        assert session.get(EventState, (good_sex.event_id, "ann")) is None
        assert notification_history(session, "ann") == []
        assert unread_followed_events(session, "ann") == 1


def test_changes_held_in_quiet_hours_are_not_marked_notified(db: Database) -> None:
    good_sex = store_event(db)
    quiet = NotificationPolicy(quiet_hours_start=time(11), quiet_hours_end=time(13), timezone=UTC)
    assert issue(db, [good_sex], quiet) == []
    with db.session() as session:
        assert session.get(EventState, (good_sex.event_id, "ann")) is None


def test_muted_and_discovered_films_are_not_issued(db: Database) -> None:
    muted = store_event(db, "Muted Film", muted=True)
    discovered = store_event(db, "Somebody Else's Film", followed=False)
    assert issue(db, [muted, discovered]) == []


def test_a_change_whose_event_was_deleted_meanwhile_is_skipped(db: Database) -> None:
    good_sex = store_event(db)
    assert issue(db, [replace(good_sex, event_id=good_sex.event_id + 100)]) == []


def test_clicks_are_recorded_in_the_history(db: Database) -> None:
    [issued] = issue_notifications(db, [store_event(db)], ALL, NOON, channel="t", user_key="ann")
    clicked = NOON + timedelta(minutes=2)
    with db.session() as session:
        mark_notification_clicked(session, issued.record_id, clicked)
        mark_notification_clicked(session, issued.record_id, clicked + timedelta(hours=1))
    with db.session() as session:
        record = session.get(NotificationRecord, issued.record_id)
        assert record is not None and record.clicked_at == clicked


def test_history_is_newest_first_and_per_user(db: Database) -> None:
    with db.session() as session:
        for minute, user in ((1, "ann"), (2, "ann"), (3, "bob")):
            session.add(
                NotificationRecord(
                    user_key=user, summary=f"n{minute}", sent_at=NOON + timedelta(minutes=minute)
                )
            )
    with db.session() as session:
        assert [r.summary for r in notification_history(session, "ann")] == ["n2", "n1"]


def test_the_badge_counts_unread_events_on_followed_unmuted_films(db: Database) -> None:
    read = store_event(db)
    store_event(db)
    store_event(db, "Muted Film", muted=True)
    store_event(db, "Somebody Else's Film", followed=False)
    with db.session() as session:
        mark_read(session, [read.event_id], "ann")
    with db.session() as session:
        assert unread_followed_events(session, "ann") == 1
        assert unread_followed_events(session, "bob") == 2


def test_the_same_words_weeks_later_are_new_news(db: Database) -> None:
    first = store_event(db)
    assert len(issue(db, [first])) == 1
    later = store_event(db)  # e.g. a second "new trailer", a month on
    month_later = NOON + timedelta(days=30)
    issued = issue_notifications(db, [later], ALL, month_later, channel="test", user_key="ann")
    assert [n.planned.summary for n in issued] == ["Good Sex: acquired by Netflix"]
