"""Cell rules: formula neutralising and alias lists are exactly reversible."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchlist.core.transfer.cells import (
    format_timestamp,
    join_aliases,
    neutralise_cell,
    parse_timestamp,
    restore_cell,
    split_aliases,
)

cell_text = st.text(alphabet=st.sampled_from("=+-@\t\r'ab ;\\,\"é\n"), max_size=12) | st.text()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already quoted", "''=already quoted"),
        ("'Salem's Lot", "'Salem's Lot"),
        ("Good Sex", "Good Sex"),
        ("", ""),
    ],
)
def test_formula_cells_get_one_quote(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


@given(cell_text)
def test_neutralising_is_reversible_for_every_string(value: str) -> None:
    written = neutralise_cell(value)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(written) == value


@given(st.lists(st.text(alphabet=st.sampled_from("ab ;\\é'"), min_size=1).map(str.strip)))
def test_alias_lists_round_trip(aliases: list[str]) -> None:
    aliases = [alias for alias in aliases if alias]
    assert split_aliases(join_aliases(aliases)) == aliases


def test_alias_cell_reads_hand_typed_lists() -> None:
    assert join_aliases(["Good; Sex", "AC\\DC"]) == "Good\\; Sex; AC\\\\DC"
    assert split_aliases("Working Title;Other ; ") == ["Working Title", "Other"]
    assert split_aliases("AC\\DC") == ["AC\\DC"]


def test_timestamps() -> None:
    moment = datetime(2026, 11, 25, 14, 41, 34, 999, tzinfo=UTC)
    assert format_timestamp(moment) == "2026-11-25T14:41:34Z"
    assert parse_timestamp("2026-11-25T14:41:34Z") == moment.replace(microsecond=0)
    assert parse_timestamp("2026-11-25") == datetime(2026, 11, 25, tzinfo=UTC)
    assert parse_timestamp("2026-11-25T15:41:34+01:00") == moment.replace(microsecond=0)
    assert parse_timestamp("Sat Jan 10 00:00:00 2015") == datetime(2015, 1, 10, tzinfo=UTC)
    assert parse_timestamp("25/11/2026") is None
