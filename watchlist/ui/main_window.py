"""The main window: the watchlist table with its detail pane, news, calendar and deals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from watchlist import APP_NAME, __version__
from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.detect.taxonomy import FilmStatus
from watchlist.core.errors import WatchlistError
from watchlist.core.feeds.registry import list_feeds, subscribe_default_feeds
from watchlist.core.films import FilmSpec
from watchlist.core.pipeline import PollOutcome, run_poll
from watchlist.core.readstate import current_user_key
from watchlist.core.team.watch import SQLITE_POLL_INTERVAL_S
from watchlist.core.transfer import export_csv, export_ics, write_export
from watchlist.paths import app_paths
from watchlist.ui import actions, queries
from watchlist.ui.detail_pane import FilmDetailPane
from watchlist.ui.dialogs.feeds_dialog import FeedsDialog
from watchlist.ui.dialogs.film_dialog import FilmDialog
from watchlist.ui.dialogs.import_preview import ImportPreviewDialog
from watchlist.ui.dialogs.settings_dialog import SettingsDialog
from watchlist.ui.event_listener import EventListener
from watchlist.ui.film_model import (
    Column,
    FilmFilterProxy,
    FilmTableModel,
    StatusBadgeDelegate,
)
from watchlist.ui.format import local_datetime_text
from watchlist.ui.icons import icon
from watchlist.ui.notify.history import NotificationHistoryDialog
from watchlist.ui.polling import PollController, PollRunner
from watchlist.ui.queries import FilmDetail, FilmRow
from watchlist.ui.recovery import restore_from_backup
from watchlist.ui.settings import AppSettings
from watchlist.ui.tasks import run_in_background
from watchlist.ui.widgets import PlaceholderTableView

log = logging.getLogger(__name__)

UNDO_SECONDS = 10
POLLING_OFF_TEXT = "Polling is off on this computer"
LISTEN_RETRY_S = 60.0
QUICK_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("In talks", frozenset({FilmStatus.IN_TALKS.value})),
    ("Acquired", frozenset({FilmStatus.ACQUIRED.value})),
    ("Dated", frozenset({FilmStatus.DATED.value})),
    ("Premiered", frozenset({FilmStatus.PREMIERED.value})),
    ("Available", frozenset({FilmStatus.AVAILABLE.value})),
    (
        "In the works",
        frozenset(
            {
                FilmStatus.IN_DEVELOPMENT.value,
                FilmStatus.IN_PRODUCTION.value,
                FilmStatus.WRAPPED.value,
            }
        ),
    ),
    ("Unannounced", frozenset({FilmStatus.UNANNOUNCED.value, FilmStatus.UNDATED.value})),
)
TAB_WATCHLIST, TAB_NEWS, TAB_CALENDAR, TAB_DEALS = range(4)
DEFAULT_COLUMN_WIDTHS = {
    Column.UNREAD: 26,
    Column.TITLE: 180,
    Column.YEAR: 52,
    Column.STATUS: 140,
    Column.RELEASE: 124,
    Column.DEAL: 136,
}


@dataclass(frozen=True)
class _Startup:
    feeds: int
    subscribed_defaults: int
    last_check: datetime | None


class MainWindow(QMainWindow):
    """The Watchlist window.

    Signals for the tray: ``changes_detected(list[StatusChange])`` after each poll, and
    whenever another computer's events arrive (see ``listening``), and
    ``poll_finished(PollOutcome)``. ``films_loaded`` and ``detail_shown`` say when background
    loads have reached the screen; ``quit_requested`` asks the application to quit (Ctrl+Q, or
    closing the window when it does not hide to the tray); ``read_state_changed`` says the
    user read or unfollowed something (the tray recounts its badge).
    """

    changes_detected = Signal(list)
    poll_finished = Signal(object)
    films_loaded = Signal()
    detail_shown = Signal(int)
    view_loaded = Signal(int)
    quit_requested = Signal()
    read_state_changed = Signal()

    def __init__(
        self,
        db: Database,
        settings: AppSettings,
        *,
        user_key: str | None = None,
        poll_runner: PollRunner = run_poll,
        subscribe_defaults: bool = True,
        title: str = APP_NAME,
        event_check_interval_s: float = SQLITE_POLL_INTERVAL_S,
        listen_retry_s: float = LISTEN_RETRY_S,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.user_key = user_key or current_user_key()
        self._subscribe_defaults = subscribe_defaults
        # Set by run_gui when a tray icon is showing: only then does closing hide the window.
        self.hides_to_tray = False
        self._films_generation = 0
        self._detail_generation = 0
        self._pending_removal: dict[int, FilmRow] = {}
        self._feed_count = 0
        self._loaded_once = False
        self._shut_down = False
        self.setWindowTitle(title)
        self.setObjectName("mainWindow")
        self.resize(1180, 720)

        self.poller = PollController(db, settings, runner=poll_runner, parent=self)
        self.poller.started.connect(self._poll_started)
        self.poller.progress.connect(self._poll_progress)
        self.poller.finished.connect(self._poll_done)
        self.poller.failed.connect(self._poll_failed)
        # Events stored by another process (a team's `watchlist serve`) reach the window here.
        self.listener = EventListener(
            db, sqlite_poll_interval_s=event_check_interval_s, parent=self
        )
        self.listener.changes_arrived.connect(self._changes_arrived)
        self.listener.failed.connect(self._listen_failed)
        self.listener.ready.connect(self._listening_again)
        # A listener that failed (database unreachable) tries again: a desktop that stopped
        # hearing the team's news for good would be silently useless.
        self._listen_retry = QTimer(self)
        self._listen_retry.setSingleShot(True)
        self._listen_retry.setInterval(round(listen_retry_s * 1000))
        self._listen_retry.timeout.connect(self._apply_poll_mode)
        self._listen_failure_text = ""
        self._announced: set[int] = set()
        self._started = False
        settings.changed.connect(self._apply_poll_mode)

        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_SECONDS * 1000)
        self._undo_timer.timeout.connect(self.commit_pending_removals)

        self._build_actions()
        self._build_menus()
        self._build_watchlist_page()
        self._build_tabs()
        self._build_status_bar()
        self._restore_state()

    # ----------------------------------------------------------------- building

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        *,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(
            "&Follow a film…",
            self.add_film,
            shortcut="Ctrl+N",
            icon_name="add",
            tip="Follow a new film (Ctrl+N)",
        )
        self.edit_action = self._action(
            "&Edit film…", self.edit_selected_film, shortcut="Ctrl+E", icon_name="edit"
        )
        self.delete_action = self._action(
            "&Unfollow",
            self.unfollow_selected_film,
            shortcut=QKeySequence.StandardKey.Delete,
            icon_name="remove",
        )
        self.mark_read_action = self._action(
            "&Mark read", self.mark_selected_read, shortcut="Ctrl+R", icon_name="read"
        )
        self.undo_action = self._action("&Undo unfollow", self.undo_unfollow, shortcut="Ctrl+Z")
        self.undo_action.setEnabled(False)
        self.find_action = self._action(
            "&Find", self.focus_search, shortcut=QKeySequence.StandardKey.Find, icon_name="search"
        )
        self.check_action = self._action(
            "&Check now",
            self.check_now,
            shortcut="F5",
            icon_name="refresh",
            tip="Check every feed now (F5)",
        )
        self.feeds_action = self._action("&Feeds…", self.open_feeds, icon_name="feeds")
        self.settings_action = self._action(
            "&Settings…", self.open_settings, shortcut="Ctrl+,", icon_name="settings"
        )
        self.import_action = self._action("&Import films…", self.import_films, icon_name="import")
        self.export_csv_action = self._action(
            "Export watchlist as &CSV…", self.export_watchlist_csv, icon_name="export"
        )
        self.export_ics_action = self._action(
            "Export release dates as &iCalendar…", self.export_calendar_ics, icon_name="calendar"
        )
        self.restore_action = self._action("&Restore from backup…", self.restore_backup)
        self.quit_action = self._action("&Quit", self.quit_app, shortcut="Ctrl+Q")
        self.about_action = self._action(f"&About {APP_NAME}", self.show_about)
        self.history_action = self._action(
            "Notification &history…",
            self.open_notification_history,
            tip="The notifications Watchlist has shown, and which you opened",
        )
        for action in (self.edit_action, self.delete_action, self.mark_read_action):
            action.setEnabled(False)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.add_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_csv_action)
        file_menu.addAction(self.export_ics_action)
        file_menu.addSeparator()
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_action)
        edit_menu.addAction(self.mark_read_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.settings_action)
        feeds_menu = menu.addMenu("F&eeds")
        feeds_menu.addAction(self.check_action)
        feeds_menu.addAction(self.feeds_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.history_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_watchlist_page(self) -> None:
        self.film_model = FilmTableModel(self)
        self.proxy = FilmFilterProxy(self)
        self.proxy.setSourceModel(self.film_model)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Filter by title, person or status  (Ctrl+F)")
        self.search_edit.setAccessibleName("Filter films")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.textChanged.connect(self.proxy.set_search_text)
        self.search_edit.textChanged.connect(self._update_empty_state)
        clear_search = QAction("Clear the filter", self.search_edit)
        clear_search.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.triggered.connect(self.search_edit.clear)
        self.search_edit.addAction(clear_search)

        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QToolButton] = {}
        chips = QHBoxLayout()
        chips.setSpacing(4)
        for label in ("All", "Unread", *(name for name, _ in QUICK_FILTERS)):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setAccessibleName(f"Show {label.lower()} films")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.filter_group.addButton(button)
            self.filter_buttons[label] = button
            chips.addWidget(button)
        self.filter_buttons["All"].setChecked(True)
        self.filter_group.buttonToggled.connect(self._quick_filter_toggled)
        chips.addStretch(1)

        add_button = QPushButton(icon("add"), "Follow a film…")
        add_button.setAccessibleName("Follow a film")
        add_button.clicked.connect(self.add_film)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(add_button)

        self.table = PlaceholderTableView()
        self.table.setObjectName("filmTable")
        self.table.setAccessibleName("Followed films")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self.table.setItemDelegateForColumn(Column.STATUS, StatusBadgeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for column, width in DEFAULT_COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(Column.UNREAD, QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._row_activated)
        # Delete only unfollows when the table has focus, not while typing in the filter box.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.removeAction(self.delete_action)

        self.detail_pane = FilmDetailPane()
        self.detail_pane.setMinimumWidth(300)
        self.detail_pane.edit_requested.connect(self.edit_film)
        self.detail_pane.mark_read_requested.connect(self.mark_events_read)
        self.detail_pane.mark_unread_requested.connect(self.mark_events_unread)
        self.detail_pane.mute_requested.connect(self.set_muted)
        self.detail_pane.unfollow_requested.connect(self.unfollow_film)
        self.detail_pane.follow_requested.connect(self.follow_discovered)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 420])
        self.splitter.setChildrenCollapsible(False)

        self.empty_state = QLabel()
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAccessibleName("Getting started")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_state.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.empty_state.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_state.setFont(font)
        self.empty_state.setMargin(40)

        self.content_stack = QStackedWidget()
        self.content_stack.addWidget(self.splitter)
        self.content_stack.addWidget(self.empty_state)

        self.watchlist_page = QWidget()
        layout = QVBoxLayout(self.watchlist_page)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addWidget(self.content_stack, 1)

    def _build_tabs(self) -> None:
        from watchlist.ui.views.calendar import CalendarView
        from watchlist.ui.views.deals import DealsView
        from watchlist.ui.views.news import NewsView

        self.news_view = NewsView()
        self.calendar_view = CalendarView()
        self.deals_view = DealsView()
        for view in (self.news_view, self.calendar_view, self.deals_view):
            view.film_activated.connect(self.show_film)
        self.deals_view.follow_requested.connect(self.follow_discovered)
        self.news_view.mark_read_requested.connect(lambda ids: self.mark_events_read(None, ids))
        self.news_view.mark_unread_requested.connect(lambda ids: self.mark_events_unread(None, ids))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("viewTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.watchlist_page, icon("read"), "&Watchlist")
        self.tabs.addTab(self._padded(self.news_view), icon("news"), "&News")
        self.tabs.addTab(self._padded(self.calendar_view), icon("calendar"), "&Calendar")
        self.tabs.addTab(self._padded(self.deals_view), icon("deals"), "&Deals")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

    @staticmethod
    def _padded(widget: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(widget)
        return page

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.poll_label = QLabel("")
        self.poll_label.setObjectName("pollStatus")
        self.poll_label.setAccessibleName("Feed check status")
        self.last_check_label = QLabel("Not checked yet")
        self.last_check_label.setContentsMargins(12, 0, 6, 0)
        self.last_check_label.setObjectName("lastCheck")
        self.last_check_label.setAccessibleName("Last check")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo unfollow")
        self.undo_button.clicked.connect(self.undo_unfollow)
        self.undo_button.hide()
        self.undo_label = QLabel("")
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_label.hide()
        bar.addWidget(self.undo_label)
        bar.addWidget(self.undo_button)
        bar.addPermanentWidget(self.poll_label)
        bar.addPermanentWidget(self.last_check_label)

    # ------------------------------------------------------------ saved state

    def _restore_state(self) -> None:
        store = self.settings.qsettings
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        state = store.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        splitter = store.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        header_state = store.value("window/film_columns")
        header = self.table.horizontalHeader()
        if isinstance(header_state, QByteArray | bytes):
            header.restoreState(QByteArray(header_state))
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self) -> None:
        """Remember geometry, splitter, column widths and order, and the sort."""
        store = self.settings.qsettings
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/splitter", self.splitter.saveState())
        store.setValue("window/film_columns", self.table.horizontalHeader().saveState())
        store.sync()

    # --------------------------------------------------------------- startup

    def start(self) -> None:
        """First-run feeds, the first load, then polling (at launch if the settings say so)."""
        db, subscribe = self.db, self._subscribe_defaults

        def prepare() -> _Startup:
            with db.session() as session:
                added = subscribe_default_feeds(session) if subscribe else 0
                feeds = list_feeds(session)
                checked = [feed.last_fetched_at for feed in feeds if feed.last_fetched_at]
                return _Startup(
                    feeds=len(feeds),
                    subscribed_defaults=added,
                    last_check=max(checked) if checked else None,
                )

        run_in_background(prepare, self._prepared, self._show_error, context=self)

    def _prepared(self, startup: _Startup) -> None:
        self._feed_count = startup.feeds
        if startup.last_check is not None:
            # The last check of an earlier session, until this one checks.
            self.poller.last_check = startup.last_check
            self._show_last_check()
        if startup.subscribed_defaults:
            self.statusBar().showMessage(
                f"Subscribed to {startup.subscribed_defaults} film news feeds.", 8000
            )
        self.reload_films()
        self._started = True
        self.poller.start()
        self._apply_poll_mode()

    # ------------------------------------------------------------- loading

    def reload_films(self) -> None:
        """Read the watchlist again, off the GUI thread; the newest request wins."""
        self._films_generation += 1
        generation, db, user = self._films_generation, self.db, self.user_key

        def done(rows: list[FilmRow]) -> None:
            if generation == self._films_generation:
                self._films_ready(rows)

        run_in_background(
            lambda: queries.load_watchlist(db, user), done, self._show_error, context=self
        )

    def _films_ready(self, rows: list[FilmRow]) -> None:
        selected = self.selected_film_id()
        self.film_model.set_rows(rows)
        self.proxy.set_hidden(frozenset(self._pending_removal))
        self._loaded_once = True
        self._update_filter_counts(rows)
        self._update_empty_state()
        if selected is not None and not self._select_film(selected):
            self.detail_pane.clear()
        self.tabs.setTabText(TAB_WATCHLIST, f"&Watchlist ({len(rows)})")
        self.films_loaded.emit()

    def _update_filter_counts(self, rows: list[FilmRow]) -> None:
        counts = {label: 0 for label, _ in QUICK_FILTERS}
        unread = 0
        for row in rows:
            unread += bool(row.unread)
            for label, statuses in QUICK_FILTERS:
                if row.status in statuses:
                    counts[label] += 1
        self.filter_buttons["All"].setText(f"All {len(rows)}")
        self.filter_buttons["Unread"].setText(f"Unread {unread}")
        for label, count in counts.items():
            button = self.filter_buttons[label]
            button.setText(f"{label} {count}")
            button.setVisible(count > 0 or button.isChecked())

    def _update_empty_state(self) -> None:
        if not self._loaded_once:
            return
        if self.film_model.rowCount() - len(self._pending_removal) <= 0:
            feeds = (
                f"Watchlist reads {self._feed_count} film news feeds"
                if self._feed_count
                else "Then add a news feed (Feeds > Feeds…): Watchlist reads it"
            )
            self.empty_state.setText(
                "You are not following any films yet.\n\n"
                "Press Ctrl+N (or Follow a film…) and type a title, a year and the people "
                f"attached. {feeds} and tells you when a deal, a release date, a premiere or "
                "a trailer is announced."
            )
            self.content_stack.setCurrentWidget(self.empty_state)
            return
        self.content_stack.setCurrentWidget(self.splitter)
        words = self.search_edit.text().strip()
        self.table.set_placeholder_text(
            f"No film matches “{words}”. Press Esc to clear the filter."
            if words
            else "No film in this group. Click All to see every film."
        )

    def _tab_changed(self, index: int) -> None:
        self.load_view(index)

    def load_view(self, index: int) -> None:
        """Load the news, calendar or deals view (off the GUI thread)."""
        db, user = self.db, self.user_key
        if index == TAB_NEWS:
            run_in_background(
                lambda: queries.load_news(db, user),
                lambda rows: self._view_ready(index, self.news_view.set_rows, rows),
                self._show_error,
                context=self,
            )
        elif index == TAB_CALENDAR:
            today = date.today()
            run_in_background(
                lambda: queries.load_calendar(db, today),
                lambda rows: self._view_ready(index, self.calendar_view.set_rows, rows),
                self._show_error,
                context=self,
            )
        elif index == TAB_DEALS:
            run_in_background(
                lambda: queries.load_deals(db),
                lambda rows: self._view_ready(index, self.deals_view.set_rows, rows),
                self._show_error,
                context=self,
            )

    def _view_ready(self, index: int, show: Callable[[Any], None], rows: Any) -> None:
        show(rows)
        self.view_loaded.emit(index)

    # ------------------------------------------------------------ selection

    def selected_film_id(self) -> int | None:
        """The id of the film selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.film_model.row_at(self.proxy.mapToSource(rows[0]).row()).id

    def _select_film(self, film_id: int) -> bool:
        source_row = self.film_model.row_of_film(film_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.film_model.index(source_row, Column.TITLE))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        film_id = self.selected_film_id()
        for action in (self.edit_action, self.delete_action, self.mark_read_action):
            action.setEnabled(film_id is not None)
        if film_id is None:
            self.detail_pane.clear()
        else:
            self.load_detail(film_id)

    def load_detail(self, film_id: int) -> None:
        """Show a film's details and timeline once read off the GUI thread."""
        self._detail_generation += 1
        generation, db, user = self._detail_generation, self.db, self.user_key

        def done(detail: FilmDetail) -> None:
            if generation == self._detail_generation:
                self.detail_pane.show_detail(detail)
                self.detail_shown.emit(detail.id)

        run_in_background(
            lambda: queries.load_film_detail(db, film_id, user),
            done,
            self._show_error,
            context=self,
        )

    def _row_activated(self, index: QModelIndex) -> None:
        film_id = self.film_model.row_at(self.proxy.mapToSource(index).row()).id
        sizes = self.splitter.sizes()
        if sizes[1] == 0:
            self.splitter.setSizes([sizes[0] // 2, sizes[0] // 2])
        self.load_detail(film_id)
        self.detail_pane.setFocus()

    # --------------------------------------------------------- filtering

    def focus_search(self) -> None:
        """Ctrl+F: go to the filter box on the watchlist."""
        self.tabs.setCurrentIndex(TAB_WATCHLIST)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _quick_filter_toggled(self, button: QToolButton, checked: bool) -> None:
        if not checked:
            return
        label = next(name for name, b in self.filter_buttons.items() if b is button)
        statuses = dict(QUICK_FILTERS).get(label, frozenset())
        self.proxy.set_unread_only(label == "Unread")
        self.proxy.set_statuses(statuses)
        self._update_empty_state()

    def set_quick_filter(self, label: str) -> None:
        """Show only one group of films ("Dated", "Unread", "All"...)."""
        button = self.filter_buttons[label]
        button.show()
        button.setChecked(True)

    def clear_filters(self) -> None:
        """Show every film."""
        self.search_edit.clear()
        self.set_quick_filter("All")

    # ------------------------------------------------------------- contract

    def show_film(self, film_id: int) -> None:
        """Raise the window, select the film and show its details (from a notification)."""
        self.bring_to_front()
        self.tabs.setCurrentIndex(TAB_WATCHLIST)
        if not self._select_film(film_id) and self.film_model.row_of_film(film_id) is not None:
            self.clear_filters()
            self._select_film(film_id)
        self.load_detail(film_id)

    def check_now(self) -> None:
        """Check every feed now (F5); also with polling off here, as the user asked for it."""
        if not self.poller.check_now():
            self.statusBar().showMessage("A check is already running.", 4000)

    def check_feeds(self, feed_ids: list[int]) -> None:
        """Check only these feeds now."""
        if not self.poller.check_now(feed_ids):
            self.statusBar().showMessage("A check is already running.", 4000)

    def toggle_visible(self) -> None:
        """Hide the window if it is showing, else bring it to the front (tray click)."""
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.bring_to_front()

    def bring_to_front(self) -> None:
        """Show, un-minimise and raise the window (a second launch, a notification)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------- polling

    @property
    def listening(self) -> bool:
        """True while the window listens for events stored by other processes."""
        return self.listener.running

    def _apply_poll_mode(self) -> None:
        # Listen whenever something else may store events: always on a team (PostgreSQL)
        # database, and on SQLite when this computer leaves the polling to another process.
        if not self._started or self._shut_down:
            return
        polling = self.settings.poll_enabled
        if not self.db.is_sqlite or not polling:
            self.listener.start()
        else:
            self.listener.stop()
        if polling:
            self.check_action.setStatusTip("Check every feed now (F5)")
            if self.poll_label.text() == POLLING_OFF_TEXT:
                self.poll_label.setText("")
        else:
            self.check_action.setStatusTip(
                "Polling is off on this computer; check every feed once now (F5)"
            )
            if not self.poller.running:
                self.poll_label.setText(POLLING_OFF_TEXT)
        self.check_action.setToolTip(self.check_action.statusTip())

    def _fresh_changes(self, changes: list[StatusChange]) -> list[StatusChange]:
        # With polling on and a listener too (PostgreSQL), this computer's own events come
        # both from its poll and from the database: the tray hears of each once.
        fresh = [change for change in changes if change.event_id not in self._announced]
        self._announced.update(change.event_id for change in fresh)
        return fresh

    def _changes_arrived(self, changes: list[StatusChange]) -> None:
        if self._shut_down:
            return
        fresh = self._fresh_changes(changes)
        if not fresh:
            return
        if not self.settings.poll_enabled and not self.poller.running:
            count = len(fresh)
            self.poll_label.setText(
                f"{count} new change{'s' if count != 1 else ''} from the shared database"
            )
        self.reload_films()
        self.load_view(self.tabs.currentIndex())
        selected = self.selected_film_id()
        if selected is not None:
            self.load_detail(selected)
        self.changes_detected.emit(fresh)

    def _listen_failed(self, message: str) -> None:
        self.listener.stop()
        seconds = round(self._listen_retry.interval() / 1000)
        retry = f"{seconds} s" if seconds < 60 else f"{round(seconds / 60)} min"
        # In the poll label, not a passing status message: it stays until listening resumes.
        self._listen_failure_text = f"{message.rstrip('.')}. Trying again in {retry}."
        self.poll_label.setText(self._listen_failure_text)
        self.poll_label.setToolTip(self._listen_failure_text)
        if not self._shut_down:
            self._listen_retry.start()

    def _listening_again(self) -> None:
        if self._listen_failure_text and self.poll_label.text() == self._listen_failure_text:
            self.poll_label.setText("" if self.settings.poll_enabled else POLLING_OFF_TEXT)
            self.poll_label.setToolTip("")
        self._listen_failure_text = ""

    def _poll_started(self) -> None:
        self.check_action.setEnabled(False)
        self.poll_label.setText("Checking feeds…")

    def _poll_progress(self, done: int, total: int) -> None:
        self.poll_label.setText(f"Checking feeds {done}/{total}")

    def _poll_done(self, outcome: PollOutcome) -> None:
        self.check_action.setEnabled(True)
        results = outcome.report.results
        failed = sum(1 for result in results if result.outcome == "error")
        new = outcome.report.new_articles
        parts = [f"{new} new article{'s' if new != 1 else ''}"]
        if outcome.changes:
            count = len(outcome.changes)
            parts.append(f"{count} change{'s' if count != 1 else ''}")
        if failed:
            parts.append(f"{failed} feed{'s' if failed != 1 else ''} failed")
        self.poll_label.setText(", ".join(parts) if results else "No feed was due")
        self._show_last_check()
        if new or outcome.changes:
            # Nothing new (every feed answered 304): the 10,000 rows need no second read.
            self.reload_films()
        self.load_view(self.tabs.currentIndex())
        selected = self.selected_film_id()
        if selected is not None:
            self.load_detail(selected)
        self.changes_detected.emit(self._fresh_changes(list(outcome.changes)))
        self.poll_finished.emit(outcome)

    def _poll_failed(self, message: str) -> None:
        self.check_action.setEnabled(True)
        self.poll_label.setText(message)
        self._show_last_check()

    def _show_last_check(self) -> None:
        self.last_check_label.setText(f"Last check {local_datetime_text(self.poller.last_check)}")

    # ------------------------------------------------------------ editing

    def add_film(self) -> None:
        """Ctrl+N: the Follow a film dialog."""
        db = self.db
        dialog = FilmDialog(lambda spec: actions.follow_film(db, spec), parent=self)
        dialog.setObjectName("filmDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._film_saved(dialog.saved_film_id))
        dialog.open()

    def edit_selected_film(self) -> None:
        """Edit the selected film."""
        film_id = self.selected_film_id()
        if film_id is not None:
            self.edit_film(film_id)

    def edit_film(self, film_id: int) -> None:
        """The edit dialog for a film, filled in from the database."""
        db = self.db

        def open_dialog(spec: FilmSpec) -> None:
            dialog = FilmDialog(
                lambda new: actions.edit_film(db, film_id, new), spec=spec, parent=self
            )
            dialog.setObjectName("filmDialog")
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self._film_saved(film_id))
            dialog.open()

        run_in_background(
            lambda: actions.load_film_spec(db, film_id), open_dialog, self._show_error, context=self
        )

    def _film_saved(self, film_id: int | None) -> None:
        if film_id is None:
            return
        if self.search_edit.text():
            self.clear_filters()

        def select_when_loaded() -> None:
            self.films_loaded.disconnect(select_when_loaded)
            if self._select_film(film_id):
                self.load_detail(film_id)

        self.films_loaded.connect(select_when_loaded)
        self.reload_films()

    def follow_discovered(self, film_id: int) -> None:
        """Follow a film found in the news (from the deals view or its detail pane)."""
        db = self.db

        def done(_: object) -> None:
            self.statusBar().showMessage("Following it now.", 5000)
            self.reload_films()
            self.load_view(self.tabs.currentIndex())
            self.load_detail(film_id)

        run_in_background(
            lambda: actions.follow_discovered_film(db, film_id),
            done,
            self._show_error,
            context=self,
        )

    def mark_selected_read(self) -> None:
        """Mark every event of the selected film read."""
        detail = self.detail_pane.detail
        if detail is not None and detail.id == self.selected_film_id():
            self.mark_events_read(detail.id, detail.unread_event_ids)

    def mark_events_read(self, film_id: int | None, event_ids: list[int]) -> None:
        """Mark these events read (of one film, or of several when ``film_id`` is None), then
        refresh what shows unread markers."""
        self._set_events_read(film_id, event_ids, read=True)

    def mark_events_unread(self, film_id: int | None, event_ids: list[int]) -> None:
        """Mark these events unread again, then refresh what shows unread markers."""
        self._set_events_read(film_id, event_ids, read=False)

    def _set_events_read(self, film_id: int | None, event_ids: list[int], *, read: bool) -> None:
        if not event_ids:
            return
        db, user = self.db, self.user_key
        mark = actions.mark_events_read if read else actions.mark_events_unread

        def done(_: object) -> None:
            self.reload_films()
            selected = self.selected_film_id() if film_id is None else film_id
            if selected is not None:
                self.load_detail(selected)
            self.load_view(self.tabs.currentIndex())
            self.read_state_changed.emit()

        run_in_background(
            lambda: mark(db, event_ids, user),
            done,
            self._show_error,
            context=self,
        )

    def set_muted(self, film_id: int, muted: bool) -> None:
        """Mute or unmute a film's notifications."""
        db = self.db

        def done(_: object) -> None:
            self.reload_films()
            self.load_detail(film_id)

        run_in_background(
            lambda: actions.set_film_muted(db, film_id, muted), done, self._show_error, context=self
        )

    # ------------------------------------------------------ unfollow + undo

    def unfollow_selected_film(self) -> None:
        """Delete: unfollow the selected film, after asking."""
        film_id = self.selected_film_id()
        if film_id is not None:
            self.unfollow_film(film_id)

    def confirm(self, title: str, text: str, yes_text: str) -> bool:
        """Ask a yes/no question; True for yes."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("confirmBox")
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def unfollow_film(self, film_id: int) -> None:
        """Unfollow a film after confirmation; it can be undone for a few seconds.

        The row is only hidden at first and deleted when the undo period ends (or at quit),
        so undo brings the film back with its whole timeline and read state.
        """
        source_row = self.film_model.row_of_film(film_id)
        if source_row is None:
            return
        row = self.film_model.row_at(source_row)
        if not self.confirm(
            "Unfollow film",
            f"Stop following {row.display_title}? Its timeline is deleted too.",
            "Unfollow",
        ):
            return
        self.commit_pending_removals()
        self._pending_removal[film_id] = row
        self.proxy.set_hidden(frozenset(self._pending_removal))
        self.detail_pane.clear()
        self.undo_label.setText(f"Unfollowed {row.display_title}.")
        self.undo_label.show()
        self.undo_button.show()
        self.undo_action.setEnabled(True)
        self._undo_timer.start()
        self._update_empty_state()

    def undo_unfollow(self) -> None:
        """Bring back the film just unfollowed."""
        if not self._pending_removal:
            return
        self._undo_timer.stop()
        restored = list(self._pending_removal)
        self._pending_removal.clear()
        self.proxy.set_hidden(frozenset())
        self._hide_undo()
        self._update_empty_state()
        self._select_film(restored[-1])

    def _hide_undo(self) -> None:
        self.undo_label.hide()
        self.undo_button.hide()
        self.undo_action.setEnabled(False)

    def commit_pending_removals(self, *, wait: bool = False) -> None:
        """Delete the films whose undo period has ended (``wait``: now, on this thread)."""
        self._undo_timer.stop()
        if not self._pending_removal:
            return
        film_ids = list(self._pending_removal)
        self._pending_removal.clear()
        self._hide_undo()
        db = self.db
        if wait:
            actions.delete_films(db, film_ids)
            return
        run_in_background(
            lambda: actions.delete_films(db, film_ids), self._removed, self._show_error
        )

    def _removed(self, _result: None) -> None:
        self.reload_films()
        self.read_state_changed.emit()

    # -------------------------------------------------------------- dialogs

    def open_feeds(self) -> FeedsDialog:
        """The feeds dialog."""
        dialog = FeedsDialog(self.db, self)
        dialog.setObjectName("feedsDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.check_requested.connect(self.check_feeds)
        self.poll_finished.connect(dialog.refresh_after_poll)
        dialog.feeds_changed.connect(self._count_feeds)
        dialog.open()
        return dialog

    def _count_feeds(self) -> None:
        db = self.db

        def count() -> int:
            with db.session() as session:
                return len(list_feeds(session))

        def done(feeds: int) -> None:
            self._feed_count = feeds
            self._update_empty_state()

        run_in_background(count, done, self._show_error, context=self)

    def open_settings(self) -> SettingsDialog:
        """The settings dialog."""
        titles = [row.title for row in self.film_model.rows()]
        dialog = SettingsDialog(self.settings, self, film_titles=titles)
        dialog.setObjectName("settingsDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_notification_history(self) -> NotificationHistoryDialog:
        """View > Notification history…, reachable with or without a tray."""
        dialog = NotificationHistoryDialog(self.db, self, user_key=self.user_key)
        dialog.setObjectName("notificationHistoryDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_films(self, path: Path | None = None) -> ImportPreviewDialog | None:
        """File > Import: pick a CSV (Watchlist, Letterboxd, IMDb) and preview it."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import films", "", "CSV files (*.csv);;All files (*)"
            )
            if not name:
                return None
            path = Path(name)
        dialog = ImportPreviewDialog(self.db, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: self.reload_films())
        dialog.open()
        return dialog

    def _export(
        self, caption: str, suggested: str, pattern: str, write: Callable[..., int]
    ) -> None:
        name, _ = QFileDialog.getSaveFileName(self, caption, suggested, pattern)
        if name:
            self.export_to(Path(name), write)

    def export_to(self, path: Path, write: Callable[..., int]) -> None:
        """Write an export to ``path`` off the GUI thread and say where it went."""
        db = self.db

        def work() -> int:
            with db.session() as session:

                def write_into(out: TextIO) -> int:
                    return write(session, out)

                return write_export(path, write_into)

        run_in_background(
            work,
            lambda count: self.statusBar().showMessage(f"Saved {count} rows to {path}.", 8000),
            self._show_error,
            context=self,
        )

    def export_watchlist_csv(self) -> None:
        """File > Export watchlist as CSV."""
        self._export("Export watchlist", "watchlist.csv", "CSV files (*.csv)", export_csv)

    def export_calendar_ics(self) -> None:
        """File > Export release dates as iCalendar."""
        self._export(
            "Export release dates", "watchlist-releases.ics", "iCalendar files (*.ics)", export_ics
        )

    def restore_backup(self) -> None:
        """File > Restore from backup…: pick a backup, confirm, restore, reload."""
        restore_from_backup(
            self, self.db, app_paths().backup_dir, on_restored=lambda _: self.reload_films()
        )

    def show_about(self) -> None:
        """Help > About."""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nFollow films and hear the moment a deal, a release "
            "date, a premiere or a trailer breaks.",
        )

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, WatchlistError):
            message = str(exc)
        else:
            log.error("Unexpected error in the window", exc_info=exc)
            message = f"Something went wrong ({type(exc).__name__}: {exc}). Details are in the log."
        self.statusBar().showMessage(message, 10000)
        QMessageBox.warning(self, APP_NAME, message)

    # ------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hides_to_tray and self.settings.close_to_tray and not self._shut_down:
            self.save_state()
            self.hide()
            event.ignore()
            return
        self.shutdown()
        event.accept()
        self.quit_requested.emit()

    def quit_app(self) -> None:
        """Ctrl+Q: save, finish pending work and ask the application to quit."""
        self.shutdown()
        self.quit_requested.emit()

    def shutdown(self) -> None:
        """Save the window state, stop polling and apply pending unfollows (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_state()
        self.poller.cancel()
        self._listen_retry.stop()
        self.listener.stop(wait=True)
        try:
            self.commit_pending_removals(wait=True)
        except WatchlistError as exc:
            log.warning("Could not apply a pending unfollow at quit: %s", exc)
