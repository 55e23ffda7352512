"""The app icon and the action icons, read from the SVG/PNG files shipped inside the package.

The files live in the top-level ``resources/`` folder of the repository, which pyproject maps
to the ``watchlist.resources`` package, so they are always read through ``importlib.resources``
from the installed package (wheel, editable install or PyInstaller bundle), never from a
source-tree path.

Action icons are monochrome SVGs drawn in ``currentColor``; ``icon(name)`` paints them in the
application palette's text colour so they suit light and dark themes alike.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from watchlist import APP_ID

RESOURCE_PACKAGE = "watchlist.resources"
APP_ICON_PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ACTION_ICON_NAMES = frozenset(
    {
        "add",
        "edit",
        "remove",
        "refresh",
        "search",
        "feeds",
        "settings",
        "calendar",
        "deals",
        "news",
        "read",
        "mute",
        "open-link",
        "export",
        "import",
    }
)
TRAY_ICON_NAME = "tray"
# Pixel sizes rendered for each action icon: toolbar/menu sizes and their 2x variants.
_ACTION_PIXEL_SIZES = (16, 20, 22, 24, 32, 40, 44, 48, 64)


def resources() -> Traversable:
    """The root of the shipped resources (a folder inside the installed package)."""
    return files(RESOURCE_PACKAGE)


def app_icon_svg() -> Traversable:
    """The scalable app icon."""
    return resources().joinpath("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")


def app_icon_png(size: int) -> Traversable:
    """The app icon rendered at ``size`` x ``size`` pixels (one of APP_ICON_PNG_SIZES)."""
    return resources().joinpath("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def tray_icon_svg() -> Traversable:
    """The monochrome (symbolic) app icon used in the system tray."""
    return resources().joinpath("icons", "hicolor", "symbolic", "apps", f"{APP_ID}-symbolic.svg")


def action_icon_svg(name: str) -> Traversable:
    """The SVG of the action icon ``name`` (one of ACTION_ICON_NAMES)."""
    return resources().joinpath("actions", f"{name}.svg")


def app_icon() -> QIcon:
    """The full-colour app icon for windows, dialogs and notifications.

    Needs a QGuiApplication. The pre-rendered PNGs give crisp small sizes; Qt scales the
    nearest one for any other size.
    """
    icon = QIcon()
    for size in APP_ICON_PNG_SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(app_icon_png(size).read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def icon(name: str) -> QIcon:
    """The icon called ``name``: an action icon in the palette's text colour, or the tray icon.

    ``name`` is one of ACTION_ICON_NAMES or "tray"; another name is a programming error and
    raises ValueError. Needs a QGuiApplication.
    """
    if name != TRAY_ICON_NAME and name not in ACTION_ICON_NAMES:
        known = ", ".join(sorted([*ACTION_ICON_NAMES, TRAY_ICON_NAME]))
        raise ValueError(f"There is no icon called {name!r}; the icons are: {known}.")
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    # SVG takes #rrggbb only; palette text colours are opaque in practice. A copy, so a caller
    # that adds pixmaps (a badge) does not change the cached icon.
    return QIcon(_tinted_icon(name, normal.name(), disabled.name()))


@cache
def _tinted_icon(name: str, normal_color: str, disabled_color: str) -> QIcon:
    # Cached per colour pair, so a palette change (dark mode) yields freshly tinted icons.
    source = tray_icon_svg() if name == TRAY_ICON_NAME else action_icon_svg(name)
    svg = source.read_text(encoding="utf-8")
    result = QIcon()
    for mode, color in ((QIcon.Mode.Normal, normal_color), (QIcon.Mode.Disabled, disabled_color)):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode()))
        for size in _ACTION_PIXEL_SIZES:
            result.addPixmap(_render(renderer, size), mode)
    # A mask icon lets platforms that recolour tray icons (macOS templates) do so.
    result.setIsMask(name == TRAY_ICON_NAME)
    return result


def _render(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return pixmap
