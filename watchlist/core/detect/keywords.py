"""User keyword rules: phrases that count as an event kind, read from the settings file.

The settings file (``watchlist.paths.app_paths().settings_file``, TOML) may hold::

    [[detection.keywords]]
    phrase = "heads to streaming"
    kind = "release.available"

    [[detection.keywords]]
    phrase = "table read"
    kind = "production"
    film = "Good Sex"        # only for this film; leave out for every film

A file that cannot be read or parsed, or a rule that is malformed, is logged with a clear
message and ignored: keyword rules never stop detection. ``save_keyword_rules`` (the settings
dialog) rewrites only the ``[[detection.keywords]]`` tables, keeping the rest of the file and
its comments as the user wrote them.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from watchlist.core.detect.extract import KeywordRule
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.errors import WatchlistError
from watchlist.core.files import write_file_atomically
from watchlist.paths import app_paths

log = logging.getLogger(__name__)

MAX_PHRASE_LENGTH = 200


def default_settings_file() -> Path:
    """Where keyword rules live: the user's settings.toml."""
    return app_paths().settings_file


def load_keyword_rules(path: Path | None = None) -> list[KeywordRule]:
    """The keyword rules in ``path`` (default: the user's settings file); [] when none."""
    path = path or default_settings_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("Ignoring keyword rules: cannot read %s (%s).", path, exc.strerror or exc)
        return []
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        log.warning("Ignoring keyword rules: %s is not valid TOML (%s).", path, exc)
        return []
    return parse_keyword_rules(document, source=str(path))


def parse_keyword_rules(document: dict[str, Any], *, source: str = "settings") -> list[KeywordRule]:
    """Keyword rules from a parsed settings document; malformed rules are logged and skipped."""
    detection = document.get("detection", {})
    entries = detection.get("keywords", []) if isinstance(detection, dict) else None
    if not isinstance(entries, list):
        log.warning(
            "Ignoring keyword rules in %s: [[detection.keywords]] must be a list of tables.", source
        )
        return []
    known = ", ".join(kind.value for kind in EventKind)
    rules: list[KeywordRule] = []
    for number, entry in enumerate(entries, start=1):
        where = f"keyword rule {number} in {source}"
        if not isinstance(entry, dict):
            log.warning("Ignoring %s: it is not a table.", where)
            continue
        phrase, kind, film = entry.get("phrase"), entry.get("kind"), entry.get("film")
        if not isinstance(phrase, str) or not phrase.strip():
            log.warning("Ignoring %s: it has no phrase.", where)
            continue
        if len(phrase) > MAX_PHRASE_LENGTH:
            log.warning(
                "Ignoring %s: the phrase is longer than %d characters.", where, MAX_PHRASE_LENGTH
            )
            continue
        try:
            event_kind = EventKind(str(kind))
        except ValueError:
            log.warning("Ignoring %s: unknown kind %r (expected one of %s).", where, kind, known)
            continue
        if film is not None and (not isinstance(film, str) or not film.strip()):
            log.warning("Ignoring %s: 'film' must be a film title.", where)
            continue
        rules.append(KeywordRule(phrase.strip(), event_kind, film.strip() if film else None))
    return rules


# A [[detection.keywords]] table runs from its header to the next table header.
_KEYWORD_TABLE = re.compile(
    r"^[ \t]*\[\[[ \t]*detection[ \t]*\.[ \t]*keywords[ \t]*\]\][^\n]*\n?(?:(?![ \t]*\[).*\n?)*",
    re.MULTILINE,
)


def format_keyword_rules(rules: Sequence[KeywordRule]) -> str:
    """The TOML text of ``rules``: one ``[[detection.keywords]]`` table each."""
    tables = []
    for rule in rules:
        # A JSON string is a valid TOML basic string (same escapes).
        lines = [
            "[[detection.keywords]]",
            f"phrase = {json.dumps(rule.phrase, ensure_ascii=False)}",
            f"kind = {json.dumps(rule.kind.value)}",
        ]
        if rule.film:
            lines.append(f"film = {json.dumps(rule.film, ensure_ascii=False)}")
        tables.append("\n".join(lines) + "\n")
    return "\n".join(tables)


def save_keyword_rules(rules: Sequence[KeywordRule], path: Path | None = None) -> None:
    """Write ``rules`` to the settings file, replacing its keyword tables and nothing else.

    Raises WatchlistError (one sentence) when the file cannot be written, or when it is not
    valid TOML now: rewriting a file the user is in the middle of editing could lose work.
    """
    path = path or default_settings_file()
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchlistError(f"Cannot read the settings file {path}: {exc}.") from None
    try:
        tomllib.loads(existing)
    except tomllib.TOMLDecodeError as exc:
        raise WatchlistError(
            f"The settings file {path} is not valid TOML ({exc}); fix it by hand first."
        ) from None
    kept = _KEYWORD_TABLE.sub("", existing).rstrip("\n")
    text = "\n\n".join(part for part in (kept, format_keyword_rules(rules).rstrip("\n")) if part)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WatchlistError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    write_file_atomically(path, lambda out: out.write(text + "\n"))
