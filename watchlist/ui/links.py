"""Opening links from feeds: only web addresses, only in the system browser."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_link(url: str | None) -> bool:
    """True for an http or https address (the only links the window ever opens)."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def open_web_link(url: str) -> bool:
    """Open an http(s) link in the system browser; anything else is refused."""
    if not is_web_link(url):
        return False
    return QDesktopServices.openUrl(QUrl(url.strip()))


def link_html(text: str, url: str | None) -> str:
    """Escaped rich text for a label: a link for a web address, plain text otherwise."""
    escaped = html.escape(text)
    if not is_web_link(url):
        return escaped
    assert url is not None
    return f'<a href="{html.escape(url.strip(), quote=True)}">{escaped}</a>'
