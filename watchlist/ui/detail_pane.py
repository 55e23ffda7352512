"""The detail pane: a film's facts, its actions and its status timeline with evidence."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.detect.taxonomy import describe_event
from watchlist.ui.format import STATUS_HUES, kind_label, local_datetime_text, status_label
from watchlist.ui.icons import icon
from watchlist.ui.links import link_html, open_web_link
from watchlist.ui.queries import FilmDetail, TimelineEvent


def plain_label(text: str, *, wrap: bool = True) -> QLabel:
    """A label that shows feed text literally (no markup, no remote images)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def badge_label(status: str) -> QLabel:
    """A status as a small coloured badge."""
    label = QLabel(status_label(status))
    red, green, blue = STATUS_HUES.get(status, (110, 117, 128))
    label.setStyleSheet(
        f"QLabel {{ background: rgb({red},{green},{blue}); color: white; "
        "border-radius: 9px; padding: 1px 10px; font-weight: 600; }"
    )
    label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    label.setAccessibleName(f"Status: {status_label(status)}")
    return label


def _event_text(title: str, event: TimelineEvent) -> tuple[str, str]:
    summary, body = describe_event(title, event.kind, event.fields)
    prefix = f"{title}: "
    return (summary[len(prefix) :] if summary.startswith(prefix) else summary), body


class EventCard(QFrame):
    """One event: kind, date, what changed, the evidence sentence and who reported it."""

    def __init__(
        self, film_title: str, event: TimelineEvent, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.timeline_event = event
        self.setObjectName("eventCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)

        header = QHBoxLayout()
        kind = QLabel(kind_label(event.kind))
        font = kind.font()
        font.setBold(True)
        kind.setFont(font)
        header.addWidget(kind)
        if not event.read:
            unread = QLabel("● new")
            unread.setForegroundRole(QPalette.ColorRole.Highlight)
            unread.setAccessibleName("Unread")
            header.addWidget(unread)
        header.addStretch(1)
        when = QLabel(local_datetime_text(event.occurred_at))
        when.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        header.addWidget(when)
        # Marks this one event: "Mark unread" brings a read event back as news.
        self.read_button = QToolButton()
        self.read_button.setText("Mark read" if not event.read else "Mark unread")
        self.read_button.setAccessibleName(self.read_button.text())
        self.read_button.setAutoRaise(True)
        header.addWidget(self.read_button)
        layout.addLayout(header)

        summary, body = _event_text(film_title, event)
        headline = plain_label(summary[:1].upper() + summary[1:])
        layout.addWidget(headline)
        if body:
            details = plain_label(body)
            details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(details)
        if event.evidence:
            evidence = plain_label(f"“{event.evidence}”")
            italic = evidence.font()
            italic.setItalic(True)
            evidence.setFont(italic)
            evidence.setAccessibleName("Evidence")
            layout.addWidget(evidence)
        if event.sources:
            # Rich text made only of escaped outlet names and http(s) links we open ourselves.
            links = ", ".join(link_html(source.outlet, source.link) for source in event.sources)
            reported = QLabel(f"Reported by {links}")
            reported.setTextFormat(Qt.TextFormat.RichText)
            reported.setWordWrap(True)
            reported.setOpenExternalLinks(False)
            reported.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            reported.linkActivated.connect(open_web_link)
            # Escaped inside <p> so a headline is shown as text even if it looks like markup.
            titles = "<br>".join(html.escape(source.title) for source in event.sources)
            reported.setToolTip(f"<p>{titles}</p>")
            layout.addWidget(reported)


class FilmDetailPane(QWidget):
    """Shows one film; its buttons ask the window to act (the window does the work)."""

    edit_requested = Signal(int)
    mark_read_requested = Signal(int, list)
    mark_unread_requested = Signal(int, list)
    mute_requested = Signal(int, bool)
    unfollow_requested = Signal(int)
    follow_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: FilmDetail | None = None
        self.setAccessibleName("Film details")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self._scroll)
        self._placeholder = QLabel("Select a film to see its timeline.")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._placeholder.setWordWrap(True)
        self._scroll.setWidget(self._placeholder)
        self.timeline_cards: list[EventCard] = []

        self.edit_button = self._button("Edit…", "edit", "Edit this film's title, year and people")
        self.read_button = self._button("Mark read", "read", "Mark every event of this film read")
        self.unread_button = self._button(
            "Mark unread", "read", "Mark every event of this film unread again"
        )
        self.mute_button = self._button("Mute", "mute", "No notifications for this film")
        self.mute_button.setCheckable(True)
        self.unfollow_button = self._button("Unfollow", "remove", "Stop following this film")
        self.follow_button = self._button("Follow", "add", "Follow this discovered film")
        self.edit_button.clicked.connect(self._emit_edit)
        self.read_button.clicked.connect(self._emit_mark_read)
        self.unread_button.clicked.connect(self._emit_mark_unread)
        self.mute_button.clicked.connect(self._emit_mute)
        self.unfollow_button.clicked.connect(self._emit_unfollow)
        self.follow_button.clicked.connect(self._emit_follow)

    def _button(self, text: str, icon_name: str, tip: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        return button

    def clear(self) -> None:
        """Show the "select a film" placeholder."""
        self.detail = None
        self.timeline_cards = []
        self._placeholder = QLabel("Select a film to see its timeline.")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._take_buttons()
        self._scroll.setWidget(self._placeholder)

    def _take_buttons(self) -> None:
        # The buttons outlive the page they sit on, so a rebuilt page can reuse them.
        for button in (
            self.edit_button,
            self.read_button,
            self.unread_button,
            self.mute_button,
            self.unfollow_button,
            self.follow_button,
        ):
            button.setParent(self)
            button.hide()

    def show_detail(self, detail: FilmDetail) -> None:
        """Show a film with its timeline, newest event first."""
        self.detail = detail
        self._take_buttons()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)

        title = plain_label(detail.display_title)
        title.setObjectName("detailTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName("Film title")
        layout.addWidget(title)

        status_row = QHBoxLayout()
        status_row.addWidget(badge_label(detail.status))
        if detail.muted:
            muted = QLabel("Muted")
            muted.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            status_row.addWidget(muted)
        if not detail.followed:
            discovered = QLabel("Discovered in the news; not followed")
            discovered.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            status_row.addWidget(discovered)
        status_row.addStretch(1)
        layout.addLayout(status_row)

        if detail.people:
            layout.addWidget(plain_label(detail.people))
        if detail.aliases:
            aliases = plain_label("Also known as " + "; ".join(detail.aliases))
            aliases.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(aliases)
        if detail.notes:
            layout.addWidget(plain_label(detail.notes))

        buttons = QHBoxLayout()
        if detail.followed:
            self.mute_button.setChecked(detail.muted)
            self.mute_button.setText("Muted" if detail.muted else "Mute")
            self.read_button.setEnabled(bool(detail.unread_event_ids))
            self.unread_button.setEnabled(any(event.read for event in detail.events))
            for button in (
                self.edit_button,
                self.read_button,
                self.unread_button,
                self.mute_button,
            ):
                buttons.addWidget(button)
                button.show()
            buttons.addStretch(1)
            buttons.addWidget(self.unfollow_button)
            self.unfollow_button.show()
        else:
            buttons.addWidget(self.follow_button)
            self.follow_button.show()
            buttons.addStretch(1)
        layout.addLayout(buttons)

        heading = QLabel("Timeline")
        heading_font = heading.font()
        heading_font.setBold(True)
        heading.setFont(heading_font)
        layout.addSpacing(6)
        layout.addWidget(heading)
        self.timeline_cards = []
        if not detail.events:
            empty = QLabel(
                "No news yet. Watchlist checks the feeds regularly and lists each deal, date, "
                "premiere or trailer here with the sentence that reported it."
            )
            empty.setWordWrap(True)
            empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(empty)
        for event in detail.events:
            card = EventCard(detail.title, event)
            card.read_button.clicked.connect(
                lambda _checked=False, e=event: self._emit_event_read(e)
            )
            self.timeline_cards.append(card)
            layout.addWidget(card)
        layout.addStretch(1)
        self._scroll.setWidget(page)

    def _emit_edit(self) -> None:
        if self.detail:
            self.edit_requested.emit(self.detail.id)

    def _emit_mark_read(self) -> None:
        if self.detail:
            self.mark_read_requested.emit(self.detail.id, self.detail.unread_event_ids)

    def _emit_mark_unread(self) -> None:
        if self.detail:
            read = [event.id for event in self.detail.events if event.read]
            self.mark_unread_requested.emit(self.detail.id, read)

    def _emit_event_read(self, event: TimelineEvent) -> None:
        if self.detail:
            signal = self.mark_unread_requested if event.read else self.mark_read_requested
            signal.emit(self.detail.id, [event.id])

    def _emit_mute(self) -> None:
        if self.detail:
            self.mute_requested.emit(self.detail.id, not self.detail.muted)

    def _emit_unfollow(self) -> None:
        if self.detail:
            self.unfollow_requested.emit(self.detail.id)

    def _emit_follow(self) -> None:
        if self.detail:
            self.follow_requested.emit(self.detail.id)
