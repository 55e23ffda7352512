"""The vocabulary of trade news: dates, prices, buyers, festivals, platforms and retailers.

Every regular expression here is linear-time: no quantifier contains another unbounded one
(``tests/core/detect/test_safety.py`` checks each compiled pattern), and detection caps the
length of its input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
SEASONS = {
    "spring": "spring",
    "summer": "summer",
    "fall": "fall",
    "autumn": "fall",
    "winter": "winter",
    "holiday": "holiday",
    "holidays": "holiday",
}
# Release weekends named after holidays: (month, day or None for the month).
HOLIDAYS = {
    "mlk": (1, None),
    "martin luther king": (1, None),
    "presidents day": (2, None),
    "presidents' day": (2, None),
    "valentine's day": (2, 14),
    "easter": (4, None),
    "mother's day": (5, None),
    "memorial day": (5, None),
    "father's day": (6, None),
    "fourth of july": (7, 4),
    "independence day": (7, 4),
    "labor day": (9, None),
    "halloween": (10, 31),
    "thanksgiving": (11, None),
    "black friday": (11, None),
    "christmas": (12, 25),
}

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_HOLIDAY = (
    r"(?P<holiday>MLK|Martin Luther King|Presidents'? Day|Valentine's Day|Easter|Mother's Day|"
    r"Memorial Day|Father's Day|Fourth of July|Independence Day|Labor Day|Halloween|"
    r"Thanksgiving|Black Friday|Christmas)"
)
DATE_PATTERN = re.compile(
    "|".join(
        [
            # March 5, 2027 / March 5th / Dec. 30
            rf"\b{_MONTH},?\s(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s?\d\d?\b)"
            r"(?:,?\s(?P<year>(?:19|20)\d\d)\b)?",
            # 5 March 2027
            r"\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s(?P<month2>Jan(?:uary)?|Feb(?:ruary)?|"
            r"Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
            r"Nov(?:ember)?|Dec(?:ember)?)\b(?:,?\s(?P<year2>(?:19|20)\d\d)\b)?",
            # June 2026 / June of 2019
            r"\b(?P<month3>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
            r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
            r",?\s(?:of\s)?(?P<year3>(?:19|20)\d\d)\b",
            # summer 2019 / the summer of 2019 / fall 2026
            r"\b(?P<season>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|[Hh]olidays?)"
            r"\s(?:season\s)?(?:of\s)?(?P<year4>(?:19|20)\d\d)\b",
            # this fall / this summer (the coming one)
            r"\b(?i:this|next)\s(?P<season9>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|"
            r"[Hh]oliday(?=\s[Ss]eason\b))\b(?!\s(?:of\s)?\d)",
            # in the fall / for spring / during the summer (the coming one; not "the fall of")
            r"(?<!back\s)(?<!earlier\s)(?<!early\s)(?<!late\s)(?<!Back\s)"
            r"\b(?i:in|for|during)\s(?:(?i:the)\s(?P<season13>[Ff]all)|(?:(?i:the)\s)?"
            r"(?P<season14>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter))\b(?!\s(?:of|from)\b)"
            r"(?!\s(?:of\s)?\d)(?!\s(?i:calendar|slate|schedule|line-?up|festivals?|movies?|"
            r"films?|box office|season|tentpoles?|releases?|frame|months?))",
            # from summer to fall (a bare season after a preposition: the coming one; the
            # verb "to fall" is lower case, the season in a headline is not)
            r"\b(?i:from|to|into|until)\s(?:the\s)?(?P<season11>Spring|Summer|Fall|Autumn|Winter|"
            r"spring|summer|autumn|winter)\b(?!\s(?:of\s)?\d)(?!\s(?i:calendar|slate|schedule|"
            r"line-?up|festivals?|movies?|films?|box office|season|tentpoles?|releases?|frame))",
            # sets fall release / a summer opening (the coming one)
            r"\b(?P<season12>Spring|Summer|Fall|Autumn|Winter|spring|summer|fall|autumn|winter)"
            r"(?=\s(?i:release|opening|debut|bow)\b(?!\s(?i:calendar|slate|schedule|line-?up|"
            r"season|frame|corridor|window)s?\b))",
            # MLK weekend 2021 / MLK 2021 weekend / Thanksgiving
            rf"\b{_HOLIDAY}(?:\s(?i:weekend|day|eve))?(?:,?\s(?P<year5>(?:19|20)\d\d)\b)?",
            # 8/20/2021, 3/14, 4/2 (month first, as US trade copy writes it; "13/8" is read
            # day first; not "9/11" the attacks, nor a score "4/5 stars")
            r"(?<![\d/.])(?P<num1>[01]?\d)/(?P<num2>[0-3]?\d)(?:/(?P<numyear>(?:19|20)?\d\d))?"
            r"(?![\d/])(?<!\b9/11)(?!\s(?i:stars?|of|out of)\b)",
            # next month / this month
            r"\b(?i:(?P<relmonth>next|this)\smonth)\b",
            # tomorrow (the day after publication)
            r"\b(?P<tomorrow>(?i:tomorrow))\b",
            # on Friday / next Tuesday / opens Friday: the coming weekday (not "Friday, March 5")
            r"\b(?P<wkpre>(?i:on|this|next|starting|from|by|to|for|opens|bows|debuts|arrives|lands|"
            r"premieres|hits|theaters|theatres|cinemas|digital|streaming|out))\s(?P<weekday>Monday|Tuesday|Wednesday|"
            r"Thursday|Friday|Saturday|Sunday)\b(?!,?\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
            r"Nov|Dec|the\s|[0-3]?\d\b))",
            # in June / for December / into June (a month on its own needs a preposition)
            r"\b(?i:in|for|to|into|this|next|until|on|sets|dates)\s"
            r"(?P<month6>January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b(?!,?\s?\d)(?!\s(?:of\s)?(?:19|20)\d\d)",
            # a 2026 release / its 2027 debut / early 2027 / mid-2027 (not "the 2025 release
            # calendar")
            r"\b(?P<year8>(?:19|20)\d\d)\s(?i:release|debut|bow|opening)\b"
            r"(?!\s(?i:calendar|slate|schedule|line-?up|season|frame|corridor|window)s?\b)",
            # (November release, ASC Distribution)
            r"\b(?P<month12>January|February|March|April|May|June|July|August|September|October|"
            r"November|December)(?=\s(?i:release|opening|debut|bow)\b(?!\s(?i:calendar|slate|"
            r"schedule|line-?up)))",
            r"\b(?i:early|late|mid)[- ](?P<year10>(?:19|20)\d\d)\b(?!\s?[-/]\d)",
            # in 2026 / for 2027 / to 2019 (a bare year needs a preposition)
            r"\b(?i:in|for|to|into|until)\s(?i:early\s|late\s|mid-)?(?P<year7>(?:19|20)\d\d)\b"
            r"(?!\s?[-/]\d)",
        ]
    )
)


# "its Wonder Woman 1984 release": a capitalised word before the year makes it a title's.
_TITLE_WORD_BEFORE = re.compile(
    r"\b(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter|"
    r"Christmas|Thanksgiving|Easter|Halloween|Early|Late|Mid|The|Its|Their|His|Her|This|Next|A|"
    r"An|In|For)[a-z]*\s$)[A-Z][a-z]+\s$"
)
_YEAR_IN_WORDS = re.compile(r",?\s(?:of\s)?(this|next)\syear\b", re.IGNORECASE)
# "Christmas Day release in 2026": the year after the release noun.
_RELEASE_IN_YEAR = re.compile(
    r"(?=\s(?i:day\s|weekend\s)?(?i:release|opening|debut|bow)\s(?i:in|of)\s((?:19|20)\d\d)\b)"
)
_YEAR_IN_WORDS_BEFORE = re.compile(r"\b(this|next)\syear,?\s(?:on\s)?$", re.IGNORECASE)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HOLIDAY_AS_DATE = re.compile(
    r"\b(?i:on|for|over|to|into|at|by|until|from|its|this|next)\s(?:the\s)?$"
)


@dataclass(frozen=True)
class DateMention:
    """A release date found in text, as ISO at its precision."""

    start: int
    end: int
    iso: str
    precision: str
    season: str | None = None
    year_stated: bool = True
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def shifted(self, offset: int) -> DateMention:
        """The same date, its position counted from ``offset`` characters earlier."""
        return replace(self, start=self.start + offset, end=self.end + offset)

    def with_year(self, year: int) -> DateMention:
        """The same date with an inferred year."""
        return DateMention(
            self.start,
            self.end,
            _iso(year, self.month, self.day),
            self.precision,
            self.season,
            False,
            self.month,
            self.day,
            year,
        )


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").casefold()]


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every release-like date in ``text``; a missing year is inferred from ``published``."""
    found: list[DateMention] = []
    for match in DATE_PATTERN.finditer(text):
        groups = match.groupdict()
        month: int | None = None
        day: int | None = None
        year: int | None = None
        season: str | None = None
        precision = "day"
        if groups["month"]:
            month, day = _month_number(groups["month"]), int(groups["day"])
            year = int(groups["year"]) if groups["year"] else None
        elif groups["month2"]:
            month, day = _month_number(groups["month2"]), int(groups["day2"])
            year = int(groups["year2"]) if groups["year2"] else None
        elif groups["month3"]:
            month, year, precision = _month_number(groups["month3"]), int(groups["year3"]), "month"
        elif groups["season"]:
            season = SEASONS[groups["season"].casefold()]
            year, precision = int(groups["year4"]), "season"
        elif groups["holiday"]:
            if (
                not groups["year5"]
                and not _HOLIDAY_AS_DATE.search(text[max(0, match.start() - 12) : match.start()])
                and (
                    not re.match(
                        r"\s?(?:\d{4}\s)?(?i:weekend|day|release|date|corridor|frame)",
                        text[match.end("holiday") : match.end("holiday") + 20],
                    )
                )
            ):
                continue  # "a Christmas movie" names a genre, not a date
            month, day = HOLIDAYS[groups["holiday"].casefold()]
            precision = "day" if day else "month"
            year = int(groups["year5"]) if groups["year5"] else None
        elif groups["relmonth"]:
            if published is None:
                continue
            ahead = 1 if groups["relmonth"].casefold() == "next" else 0
            year = published.year + (published.month + ahead - 1) // 12
            month, precision = (published.month + ahead - 1) % 12 + 1, "month"
        elif groups["tomorrow"]:
            if published is None:
                continue
            coming = published + timedelta(days=1)
            year, month, day = coming.year, coming.month, coming.day
        elif groups["weekday"]:
            if published is None:
                continue
            ahead = (_WEEKDAYS.index(groups["weekday"]) - published.weekday() - 1) % 7 + 1
            coming = published + timedelta(days=ahead)
            year, month, day = coming.year, coming.month, coming.day
        elif groups["num1"]:
            first, second = int(groups["num1"]), int(groups["num2"])
            # "8/6/2021" is August 6: the trade press this reads writes the month first.
            month, day = (first, second) if first <= 12 else (second, first)
            if groups["numyear"]:
                year = int(groups["numyear"])
                year = year + 2000 if year < 100 else year
        elif groups["month6"] or groups["month12"]:
            month, precision = _month_number(groups["month6"] or groups["month12"]), "month"
        elif groups["year8"]:
            if _TITLE_WORD_BEFORE.search(text, 0, match.start()):
                continue  # "its Wonder Woman 1984 release": the number ends a title
            year, precision = int(groups["year8"]), "year"
        elif groups["year10"]:
            year, precision = int(groups["year10"]), "year"
        elif groups["season11"] or groups["season12"] or groups["season13"] or groups["season14"]:
            named = (
                groups["season11"] or groups["season12"] or groups["season13"] or groups["season14"]
            )
            season, precision = SEASONS[named.casefold()], "season"
            if published is None:
                continue
            year = _season_year(season, published, next_one=False)
        elif groups["season9"]:
            season, precision = SEASONS[groups["season9"].casefold()], "season"
            if published is None:
                continue
            year = _season_year(season, published, next_one=match.group(0)[:4].casefold() == "next")
        else:
            year, precision = int(groups["year7"]), "year"
        if day is not None and not 1 <= day <= 31:
            continue
        start = match.start("month6") if groups["month6"] else match.start()
        if groups["year7"]:
            start = match.start("year7")
        if groups["year8"]:
            start = match.start("year8")
        if groups["year10"]:
            start = match.start("year10")
        if groups["weekday"]:
            start = match.start("weekday")
        for name in ("season11", "season13", "season14"):
            if groups[name]:
                start = match.start(name)
        mention = DateMention(
            start,
            match.end(),
            _iso(year, month, day) if year else "",
            precision,
            season,
            year is not None,
            month,
            day,
            year,
        )
        if year is None:
            if published is None:
                continue
            # "October 1 next year", "on March 5 this year": the year is said in words.
            after = _YEAR_IN_WORDS.match(text, match.end()) or _RELEASE_IN_YEAR.match(
                text, match.end()
            )
            said = after or _YEAR_IN_WORDS_BEFORE.search(text, max(0, start - 16), start)
            if said and month is not None:
                word = said.group(1).casefold()
                offset = 1 if word == "next" else 0
                stated = int(word) if word.isdigit() else published.year + offset
                mention = replace(
                    mention.with_year(stated),
                    end=after.end() if after else mention.end,
                    year_stated=True,
                )
            else:
                mention = mention.with_year(infer_year(month or 1, day or 1, published))
        if groups["holiday"]:
            mention = _holiday_date(mention, groups["holiday"], text[match.end("holiday") :])
        found.append(mention)
    # "MLK weekend Jan. 14, 2022": the explicit date stands for the holiday before it.
    return [
        m
        for i, m in enumerate(found)
        if not (
            i + 1 < len(found)
            and (
                m.precision == "month"
                or m.iso == found[i + 1].iso
                or (not m.year_stated and found[i + 1].year_stated)
            )
            and 0 <= found[i + 1].start - m.end <= 2
        )
    ]


# Holidays that fall on a weekday of a month: (month, weekday, nth; -1 for the last).
_FLOATING = {
    "mlk": (1, 0, 3),
    "martin luther king": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3),
    "mother's day": (5, 6, 2),
    "memorial day": (5, 0, -1),
    "father's day": (6, 6, 3),
    "labor day": (9, 0, 1),
    "thanksgiving": (11, 3, 4),
}
_HOLIDAY_SUFFIX = re.compile(r"\s(?i:(weekend|eve|day))\b")


def _holiday_date(mention: DateMention, name: str, after: str) -> DateMention:
    """The day a holiday release falls on, once its year is known.

    "Father's Day weekend 2023" opens on Friday, June 16; "Thanksgiving Eve" is the Wednesday
    before Thanksgiving; "Christmas Eve" is December 24. A bare floating holiday ("for
    Thanksgiving", "Memorial Day") stays a month: the release could be any day around it.
    """
    if mention.year is None:
        return mention
    suffix = _HOLIDAY_SUFFIX.match(after)
    word = suffix.group(1).casefold() if suffix else ""
    key = name.casefold()
    if key == "black friday":
        # The day after Thanksgiving: one day, whatever word follows.
        day = _nth_weekday(mention.year, *_FLOATING["thanksgiving"]) + timedelta(days=1)
        word = "day"
    elif key == "easter":
        day = _easter(mention.year)
    elif key in _FLOATING:
        month, weekday, nth = _FLOATING[key]
        day = _nth_weekday(mention.year, month, weekday, nth)
    elif mention.day is not None and word == "eve":
        day = date(mention.year, mention.month or 1, mention.day)
    else:
        return mention
    if word == "weekend" and key != "thanksgiving":
        day -= timedelta(days=(day.weekday() - 4) % 7)  # the Friday the weekend opens
    elif word == "eve":
        day -= timedelta(days=1)
    elif not (word == "day" and key in ("thanksgiving", "black friday")):
        return mention
    return replace(
        mention,
        iso=_iso(day.year, day.month, day.day),
        precision="day",
        month=day.month,
        day=day.day,
    )


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


_SEASON_END_MONTH = {"spring": 5, "summer": 8, "fall": 11, "winter": 2, "holiday": 12}


def _season_year(season: str, published: date, *, next_one: bool) -> int:
    """The year of "this fall" (the coming or current one) or "next summer"."""
    year = published.year
    if published.month > _SEASON_END_MONTH[season]:
        year += 1
    return year + 1 if next_one and year == published.year else year


def infer_year(month: int, day: int, published: date, *, near: date | None = None) -> int:
    """The year of a date written without one: the next such date around publication.

    A date more than two months before publication is taken to be next year's. With ``near``
    (another date in the same sentence, e.g. the old date of a move), the closest year wins.
    """
    if near is not None:
        # ... but never a year that had passed when the article was written.
        candidates = [
            y
            for y in (near.year - 1, near.year, near.year + 1)
            if (published - _safe_date(y, month, day)).days <= 60
        ]
        if candidates:
            return min(candidates, key=lambda y: abs((_safe_date(y, month, day) - near).days))
    candidate = _safe_date(published.year, month, day)
    if (published - candidate).days > 60:
        return published.year + 1
    return published.year


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, 28))


MONEY_PATTERN = re.compile(
    r"(?P<qualifier>\b(?:north of|more than|over|upwards of|nearly|around|about|roughly|"
    r"close to|under|almost|at least|in excess of)\s)?"
    r"(?:(?P<currency>[$£€])\s?(?P<amount>\d{1,4}(?:[.,]\d{1,3})?)\s?"
    r"(?:-|\s)?(?P<unit>million|mil|mln|billion|bn|m|b|k)?\b(?P<plus>-plus|\+|\splus)?"
    r"(?:\s(?:USD|dollars))?"
    r"|(?P<amount2>\d{1,4}(?:\.\d{1,3})?)\s(?P<unit2>million|billion)\s(?:USD|dollars)\b)",
    re.IGNORECASE,
)
FIGURES_PATTERN = re.compile(
    r"\b(?P<level>(?:low|mid|high|solid|healthy)[- ])?(?P<size>six|seven|eight|nine|[6-9])[- ]"
    r"figures?\b(?:[- ]deal)?",
    re.IGNORECASE,
)
_UNITS = {"k": 1_000, "m": 1_000_000, "mil": 1_000_000, "mln": 1_000_000, "million": 1_000_000}
_UNITS |= {"b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
_FIGURE_WORDS = {"6": "six", "7": "seven", "8": "eight", "9": "nine"}


@dataclass(frozen=True)
class Money:
    """An amount as written, and in whole US dollars when it is an exact dollar figure."""

    start: int
    end: int
    text: str
    usd: int | None
    retail: float | None = None


def find_money(text: str) -> list[Money]:
    """Dollar figures ("$55M", "55 million USD", "north of $1 million") and "eight figures"."""
    found: list[Money] = []
    for match in MONEY_PATTERN.finditer(text):
        amount_text = match.group("amount") or match.group("amount2")
        unit = (match.group("unit") or match.group("unit2") or "").casefold()
        currency = match.group("currency") or "$"
        amount = float(amount_text.replace(",", "")) if amount_text else 0.0
        usd: int | None = None
        retail: float | None = None
        if currency == "$" and not match.group("qualifier") and not match.group("plus"):
            if unit:
                usd = round(amount * _UNITS[unit])
            else:
                retail = amount
        found.append(Money(match.start(), match.end(), match.group(0).strip(), usd, retail))
    for match in FIGURES_PATTERN.finditer(text):
        size = match.group("size").casefold()
        level = (match.group("level") or "").strip(" -").casefold()
        level = f"{level}-" if level == "mid" else f"{level} " if level else ""
        written = f"{level}{_FIGURE_WORDS.get(size, size)} figures"
        found.append(Money(match.start(), match.end(), written, None))
    found.sort(key=lambda m: m.start)
    return found


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _data_lines(name: str) -> list[str]:
    """The non-comment lines of a shipped data file."""
    text = resources.files("watchlist.core.detect").joinpath(f"data/{name}")
    lines = (line.strip() for line in text.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _load_buyers() -> dict[str, str]:
    """Every spelling (casefolded) -> canonical name, from ``data/buyers.txt``."""
    buyers: dict[str, str] = {}
    for line in _data_lines("buyers.txt"):
        names = [name.strip() for name in line.split("|")]
        for name in names:
            buyers.setdefault(name.casefold(), names[0])
    return buyers


# Canonical names of buyers and distributors (a gazetteer of majors, streamers, US
# independents and international distributors), with the spellings seen in trade copy.
BUYERS: dict[str, str] = _load_buyers()
# Sales agents sell rights to distributors; they never count as the buyer of a film.
SALES_AGENTS: frozenset[str] = frozenset(n.casefold() for n in _data_lines("sales_agents.txt"))
# Matching ignores case ("NEON", "Mubi") but a name must start with a capital letter, a
# digit or a camel-case pair ("eOne"), so everyday words ("signature", "focus") in running
# text are not companies.
BUYER_PATTERN = re.compile(
    rf"(?-i:(?=[A-Z0-9]|[a-z]{{1,6}}[A-Z]))\b(?:{_alternation(list(BUYERS))})(?![\w+])",
    re.IGNORECASE,
)
SALES_AGENT_PATTERN = re.compile(
    rf"(?-i:(?=[A-Z0-9]))\b(?:{_alternation(list(SALES_AGENTS))})(?![\w+])", re.IGNORECASE
)
COMPANY_PATTERN = re.compile(
    r"\b(?:[A-Z0-9][\w&.'-]*\s(?:&\s)?){1,3}(?:Films|Pictures|Entertainment|Media|Releasing|Studios|"
    r"Distribution|Ventures|Attractions|Classics|Features|Productions|Film Group|Group|"
    r"Cinema|Film)\b"
)


def company_at(text: str, position: int = 0) -> re.Match[str] | None:
    """A company's name starting at ``position``: a known buyer, else a name that looks like
    a company ("Adopt Films")."""
    return BUYER_PATTERN.match(text, position) or COMPANY_PATTERN.match(text, position)


PLATFORMS: dict[str, str] = {
    "netflix": "Netflix",
    "hulu": "Hulu",
    "prime video": "Prime Video",
    "amazon prime video": "Prime Video",
    "amazon prime": "Prime Video",
    "disney+": "Disney+",
    "disney plus": "Disney+",
    "hbo max": "Max",
    "max": "Max",
    "apple tv+": "Apple TV+",
    "apple tv plus": "Apple TV+",
    "peacock": "Peacock",
    "paramount+": "Paramount+",
    "starz": "Starz",
    "showtime": "Showtime",
    "mubi": "MUBI",
    "shudder": "Shudder",
    "tubi": "Tubi",
    "criterion channel": "Criterion Channel",
    "youtube": "YouTube",
    "kanopy": "Kanopy",
    "crunchyroll": "Crunchyroll",
}
# "Max" and "Starz" are also ordinary words or names; only a capitalised spelling counts.
PLATFORM_PATTERN = re.compile(
    rf"(?<![\w])(?:{_alternation([p.title() for p in PLATFORMS] + list(PLATFORMS.values()))})"
    r"(?![\w+])"
)

RETAILERS: dict[str, str] = {
    "amazon": "Amazon",
    "walmart": "Walmart",
    "best buy": "Best Buy",
    "target": "Target",
    "apple tv": "Apple TV",
    "apple": "Apple TV",
    "itunes": "iTunes",
    "vudu": "Vudu",
    "fandango at home": "Fandango at Home",
    "google play": "Google Play",
    "microsoft store": "Microsoft Store",
    "prime video": "Prime Video",
    "zavvi": "Zavvi",
    "barnes & noble": "Barnes & Noble",
    "costco": "Costco",
    "hmv": "HMV",
    "criterion": "Criterion",
}
RETAILER_PATTERN_CI = re.compile(
    rf"(?<![\w])(?:{_alternation([r.title() for r in RETAILERS] + list(RETAILERS.values()))})"
    r"(?![\w])"
)

# Festivals and markets, most specific spelling first; the value is the canonical name.
FESTIVALS: list[tuple[str, str]] = [
    (r"European Film Market|EFM", "EFM"),
    (r"Berlin(?:ale| International Film Festival| Film Festival)?", "Berlin"),
    (r"Marche du Film|Marché du Film|Cannes(?: Film Festival)?", "Cannes"),
    (r"Sundance(?: Film Festival)?", "Sundance"),
    (r"TIFF|Toronto(?: International)?(?: Film Festival)?", "TIFF"),
    (r"Venice(?: International)?(?: Film Festival)?|Lido", "Venice"),
    (r"American Film Market|AFM", "AFM"),
    (r"SXSW|South by Southwest", "SXSW"),
    (r"Telluride(?: Film Festival)?", "Telluride"),
    (r"Tribeca(?: Film Festival)?", "Tribeca"),
    (r"Locarno(?: Film Festival)?", "Locarno"),
    (r"San Sebasti[aá]n(?: Film Festival)?", "San Sebastian"),
    (r"Karlovy Vary", "Karlovy Vary"),
    (r"Busan(?: International Film Festival)?", "Busan"),
    (r"Rotterdam|IFFR", "Rotterdam"),
    (r"Fantastic Fest", "Fantastic Fest"),
    (r"New York Film Festival|NYFF", "NYFF"),
    (r"Hong Kong FilMart|FilMart", "FilMart"),
    (r"Annecy", "Annecy"),
    (r"Sitges", "Sitges"),
    (r"Tallinn Black Nights", "Tallinn Black Nights"),
]
# Markets among FESTIVALS: films are sold there, not premiered.
MARKETS: frozenset[str] = frozenset({"EFM", "AFM", "FilMart"})
# Every name starts with a capital letter: the lookahead skips every other position at once
# (ten times faster on article text than trying each name everywhere).
FESTIVAL_PATTERN = re.compile(
    "(?=[A-Z])(?:"
    + "|".join(f"(?P<f{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(FESTIVALS))
    + r"|(?P<generic>\b(?:[A-Z][\w'.-]*\s){1,4}Film Festival\b))"
)


def festival_name(match: re.Match[str]) -> str:
    """The canonical name for a FESTIVAL_PATTERN match."""
    for index, (_pattern, name) in enumerate(FESTIVALS):
        if match.group(f"f{index}"):
            return name
    generic = match.group("generic").rpartition("'s ")[2]
    # A title-case headline runs into the name: "'Dead Europe' To Premiere At Sydney Film
    # Festival" names the Sydney Film Festival.
    generic = _HEADLINE_LEAD.sub("", generic)
    return re.sub(r"^(?:The|the)\s", "", generic).strip()


_HEADLINE_LEAD = re.compile(
    r"^(?:(?:.*\s)?(?:At|In|To|For|From|On|Into)|.+\s(?:Premieres?|Debuts?|Bows?|Heads|Opens?|"
    r"Closes?|Joins?))\s(?=\S+\s)"
)


def find_festivals(text: str) -> list[tuple[int, str]]:
    """(position, canonical name) of each festival or market named in ``text``."""
    found = []
    for match in FESTIVAL_PATTERN.finditer(text):
        name = festival_name(match)
        if match.group("generic"):
            # "Blues' To Open Venice Film Festival": a known festival inside a generic match.
            known = FESTIVAL_PATTERN.search(match.group("generic")[: -len("Film Festival")])
            if known is not None and not known.group("generic"):
                name = festival_name(known)
        found.append((match.start(), name))
    return found


# Sections named by a common word ("Platform", "Premieres") only count capitalised: "world
# premieres" and "on the platform" are not sections.
SECTIONS: list[tuple[str, str]] = [
    (r"U\.?S\.? Dramatic Competition", "U.S. Dramatic Competition"),
    (r"U\.?S\.? Documentary Competition", "U.S. Documentary Competition"),
    (r"World Cinema Dramatic Competition", "World Cinema Dramatic Competition"),
    (r"World Cinema Documentary Competition", "World Cinema Documentary Competition"),
    (r"Out of Competition", "Out of Competition"),
    (r"Un Certain Regard", "Un Certain Regard"),
    (r"Directors' Fortnight|Directors Fortnight", "Directors' Fortnight"),
    (r"Critics' Week|Critics Week", "Critics' Week"),
    (r"Special Screenings?", "Special Screenings"),
    (r"Midnight Screenings?", "Midnight Screenings"),
    (r"Cannes Premiere", "Cannes Premiere"),
    (r"Orizzonti|Horizons", "Orizzonti"),
    (r"Giornate degli Autori", "Giornate degli Autori"),
    (r"(?-i:Panorama)", "Panorama"),
    (r"(?-i:Encounters)", "Encounters"),
    (r"(?-i:Forum)", "Forum"),
    (r"Gala Presentations?|Galas?", "Galas"),
    (r"Special Presentations?", "Special Presentations"),
    (r"Midnight Madness", "Midnight Madness"),
    # Sundance's "Midnight" section, only when named as one ("at midnight" is a time).
    (r"Midnight(?= [Ss]ection|:)", "Midnight"),
    # "Wavelengths Productions" is a company.
    (r"Wavelengths(?!\s(?:Productions|Pictures|Films|Entertainment|Media))", "Wavelengths"),
    (r"Contemporary World Cinema", "Contemporary World Cinema"),
    (r"(?-i:Discovery)", "Discovery"),
    (r"(?-i:Platform)", "Platform"),
    (r"(?-i:Premieres)", "Premieres"),
    (r"(?-i:Spotlight)", "Spotlight"),
    # Sundance's NEXT, not "next month".
    (r"(?-i:NEXT)", "NEXT"),
    (r"Main Competition|Main Slate|[Cc]ompetition", "Competition"),
]
SECTION_PATTERN = re.compile(
    "|".join(f"(?P<s{i}>\\b(?:{pattern}))" for i, (pattern, _) in enumerate(SECTIONS)),
    re.IGNORECASE,
)


def section_name(match: re.Match[str]) -> str:
    """The canonical name for a SECTION_PATTERN match."""
    for index, (_pattern, name) in enumerate(SECTIONS):
        if match.group(f"s{index}"):
            return name
    return match.group(0)


def canonical_buyer(name: str) -> str:
    """ "NEON" -> "Neon", "Searchlight" -> "Searchlight Pictures"; unknown names unchanged."""
    cleaned = re.sub(r"\s+", " ", name.strip(" ,.'\"")).strip()
    # "The UK's Optimum Releasing", "Disney's Onyx Collective": the owner is not the name.
    owner = re.match(
        r"(?:[Tt]he\s)?(?:[\w.&+-]+\s)?[\w.&+-]+(?:['’]s|s['’])\s(?=[A-Z0-9])", cleaned
    )
    if owner is not None:
        cleaned = cleaned[owner.end() :]
    # "Distributor FilmRise", "streamer Quibi": the role is not the name.
    cleaned = _ROLE_BEFORE_NAME.sub("", cleaned)
    return BUYERS.get(cleaned.casefold(), cleaned)


# ... also after a nationality: "Dutch Broadcaster VPRO", "French distributor Le Pacte".
_ROLE_BEFORE_NAME = re.compile(
    r"^(?:[Tt]he\s)?(?:[A-Z][a-z]+\s)?(?:[Pp]ublic\s)?(?:[Dd]istribut[eo]rs?|[Ss]treamers?|"
    r"[Bb]roadcasters?|[Oo]utfits?|[Bb]anners?)\s(?=[A-Z0-9])"
)


def canonical_platform(name: str) -> str:
    """ "Disney Plus" -> "Disney+"."""
    return PLATFORMS.get(name.casefold(), name)


def canonical_retailer(name: str) -> str:
    """ "best buy" -> "Best Buy"."""
    return RETAILERS.get(name.casefold(), name)


TERRITORY_PATTERN = re.compile(
    r"\b(?P<name>worldwide|world|global|international|North American|North America|"
    r"U\.S\.|US|domestic|U\.K\.|UK|Canadian|Canada|Latin American|Latin America|Australian|"
    r"Australia|New Zealand|German|Germany|French|France|Italian|Italy|Spanish|Spain|Japanese|"
    r"Japan|Chinese|China|Korean|Korea|Scandinavian|Scandinavia|Benelux|Nordic|Brazil|Mexico|"
    r"Argentina|Russia|Greece|Switzerland|Austria|Netherlands|Belgium|Portugal|Turkey|Poland|"
    r"Sweden|Norway|Denmark|Finland|Ireland|Israel|India|Taiwan|Hong Kong|Singapore|"
    r"South Africa)(?!\w)"
)
_TERRITORY_CANON = {
    "worldwide": "worldwide",
    "world": "worldwide",
    "global": "worldwide",
    "international": "international",
    "north american": "North America",
    "north america": "North America",
    "u.s.": "US",
    "us": "US",
    "domestic": "US",
    "u.k.": "UK",
    "uk": "UK",
    "canadian": "Canada",
    "latin american": "Latin America",
    "australian": "Australia",
    "german": "Germany",
    "french": "France",
    "italian": "Italy",
    "spanish": "Spain",
    "japanese": "Japan",
    "chinese": "China",
    "korean": "Korea",
}


def canonical_territory(name: str) -> str:
    """ "North American" -> "North America", "world" -> "worldwide"."""
    return _TERRITORY_CANON.get(name.casefold(), name)
