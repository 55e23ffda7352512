"""watchlist.ui.icons: the app icon and every action icon load from the package resources."""

from __future__ import annotations

from importlib.resources import files

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from watchlist import APP_ID
from watchlist.ui.icons import (
    ACTION_ICON_NAMES,
    APP_ICON_PNG_SIZES,
    action_icon_svg,
    app_icon,
    app_icon_png,
    app_icon_svg,
    icon,
    tray_icon_svg,
)

CONTRACT_NAMES = {
    *("add", "edit", "remove", "refresh", "search", "feeds", "settings", "calendar"),
    *("deals", "news", "read", "mute", "open-link", "export", "import", "tray"),
}


def test_resources_are_a_package_next_to_the_code() -> None:
    root = files("watchlist.resources")
    assert root.joinpath("applications", f"{APP_ID}.desktop").is_file()
    assert app_icon_svg().is_file()


def test_app_icon_has_every_png_size_and_is_drawn(qapp: QApplication) -> None:
    result = app_icon()
    assert not result.isNull()
    sizes = {(size.width(), size.height()) for size in result.availableSizes()}
    assert sizes == {(size, size) for size in APP_ICON_PNG_SIZES}
    image = result.pixmap(QSize(64, 64)).toImage()
    centre = image.pixelColor(32, 32)
    assert centre.alpha() == 255  # opaque artwork, not an empty or broken file


@pytest.mark.parametrize("size", APP_ICON_PNG_SIZES)
def test_each_png_has_its_nominal_size(qapp: QApplication, size: int) -> None:
    image = QImage.fromData(app_icon_png(size).read_bytes(), "PNG")
    assert (image.width(), image.height()) == (size, size)


def test_every_contract_icon_exists(qapp: QApplication) -> None:
    assert {*ACTION_ICON_NAMES, "tray"} == CONTRACT_NAMES
    for name in sorted(CONTRACT_NAMES):
        assert not icon(name).isNull(), name
        assert painted_colours(name), f"{name} paints nothing"


@pytest.mark.parametrize("name", sorted(ACTION_ICON_NAMES))
def test_action_svgs_are_valid_and_drawn_in_current_color(name: str) -> None:
    svg = action_icon_svg(name).read_bytes()
    assert QSvgRenderer(svg).isValid()
    assert b"currentColor" in svg


def test_tray_svg_is_monochrome() -> None:
    svg = tray_icon_svg().read_text()
    assert QSvgRenderer(svg.encode()).isValid()
    assert "#" not in svg.replace("currentColor", "")


def painted_colours(name: str) -> set[str]:
    image = icon(name).pixmap(QSize(48, 48)).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(48)
        for y in range(48)
        if image.pixelColor(x, y).alpha() == 255
    }


def test_action_icons_follow_the_palette_text_colour(qapp: QApplication) -> None:
    original = QGuiApplication.palette()
    try:
        for colour in ("#102030", "#f0e0d0"):
            palette = QPalette(original)
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            QGuiApplication.setPalette(palette)
            assert painted_colours("add") == {colour}
    finally:
        QGuiApplication.setPalette(original)


def test_unknown_icon_name_is_refused_with_the_known_names(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="open-link"):
        icon("opne-link")


def test_changing_a_returned_icon_leaves_the_next_one_alone(qapp: QApplication) -> None:
    first = icon("tray")
    first.addPixmap(first.pixmap(QSize(16, 16)).scaled(QSize(100, 100)))
    assert QSize(100, 100) not in icon("tray").availableSizes()
