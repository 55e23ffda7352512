"""What happened: turn the sentences of an article into events for the films it names.

Each sentence is read on its own: a trigger ("acquired", "sets ... for March 5", "trailer")
is attached to the film it governs in that sentence (the object of "Neon acquires X", the
subject of "X sells to IFC"), and the fields (buyer, price, date...) are read from the part of
the sentence that belongs to that film, so a sentence about another film never counts for
this one. Negated and hedged statements ("has yet to announce a date", "could land") and
background ("which premiered at Sundance", "last summer") give no event.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from watchlist.core.detect.matcher import FilmMatcher, FilmProfile, Mention, common_words
from watchlist.core.detect.patterns import (
    BUYER_PATTERN,
    BUYERS,
    COMPANY_PATTERN,
    MARKETS,
    PLATFORM_PATTERN,
    RETAILER_PATTERN_CI,
    SALES_AGENT_PATTERN,
    SALES_AGENTS,
    SECTION_PATTERN,
    TERRITORY_PATTERN,
    DateMention,
    Money,
    canonical_buyer,
    canonical_platform,
    canonical_retailer,
    canonical_territory,
    company_at,
    find_dates,
    find_festivals,
    find_money,
    infer_year,
    section_name,
)
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.detect.textspan import Sentence, split_sentences, words
from watchlist.core.text import normalize_title

_I = re.IGNORECASE
# Trade sentences hold a handful of triggers; a cap bounds the work on pathological text.
MAX_TRIGGERS = 12
T = TypeVar("T")


@dataclass(frozen=True)
class ArticleText:
    """The text detection reads: a feed item's headline and summary, with its provenance."""

    id: str
    title: str
    summary: str = ""
    link: str | None = None
    published: datetime | None = None
    source: str = ""


@dataclass(frozen=True)
class KeywordRule:
    """A user phrase that counts as an event kind, for one film (by title) or for all."""

    phrase: str
    kind: EventKind
    film: str | None = None


@dataclass
class Detection:
    """One event found in one article for one film (followed or discovered)."""

    article_id: str
    film: FilmProfile
    kind: EventKind
    fields: dict[str, Any]
    confidence: float
    evidence: str
    headline: bool = False


@dataclass(frozen=True)
class _Ref:
    film: FilmProfile
    start: int
    end: int
    virtual: bool = False


@dataclass
class _Context:
    published: date | None
    headline: str
    change_article: bool
    lineup_festival: str | None
    bidding_war: bool
    festivals: list[str]
    headline_buyer: str | None
    headline_platform: str | None
    distributor: str | None = None
    past_premiere: set[int] = field(default_factory=set)
    # (film key, ISO date) the body tells as already known ("ahead of its June 12 release")
    # or only as a report ("sources say ... on 5/7"): the headline's date is no firmer.
    restated: set[tuple[int, str]] = field(default_factory=set)


@dataclass(frozen=True)
class _Trigger:
    kind: EventKind
    pattern: re.Pattern[str]
    direction: str  # "after": the film follows ("Neon acquires X"); "before"; "either"
    weak: bool = False
    # Where a deal's buyer is named: "subject" (before an active verb, after a passive one),
    # "with" ("a deal with Netflix for X") or "to" ("sold rights to X to Amazon").
    buyer_slot: str = "subject"


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_ACQ_PASSIVE = _rx(
    r"\b(?:(?:has been|have been|was|were|is being|been)\s)?(?:acquired|bought|picked up|"
    r"snapped up|snatched up|nabbed|scooped up|taken)\sby\b|"
    r"\b(?:sells?|sold|has sold|goes|heads|went|going)\sto\b|(?<=rights\s)go\sto\b|"
    r"\b(?:sells?|sold|has sold),?\s(?:\S+\s){1,8}?to(?=\s[A-Z])|"
    # "went for a vague eight figures to A24": the price, then the buyer.
    r"\b(?:went|goes|going)\sfor\s(?:[\w-]+\s){0,3}?(?:[$£€]\d[\w.,]*(?:\s(?:million|billion))?|"
    r"figures|\d[\d.,]*\s(?:million|billion))\sto(?=\s[A-Z0-9])|"
    r"\b(?:lands?|landed|landing)\s(?:at|with)\b"
)
_ACQ_ACTIVE = _rx(
    r"\b(?:pre-?buys|pre-?bought|pre-?buy|acquires|acquired|has acquired|have acquired|"
    r"is acquiring|are acquiring|buys|bought|pre-acquired|pre-acquires|scores|scored|picking up|"
    r"swoop(?:s|ed|ing)? (?:in )?(?:on|for)|"
    r"(?<=['’]s )(?:[$\w.-]+ ){0,3}?(?:grab|snag|nab|buy) (?:of|for)|"
    r"(?:took|takes|taking|take|taken) (?:[\w.]+ ){0,3}rights|"
    r"(?:pick-?ups?|acquisitions?) of|(?:gets|got|getting|wins|won|winning|secures|secured|"
    r"obtains|obtained|nets|netted|adds|added|adding|lands|landed|grabs|grabbed|nabs|nabbed|"
    r"snags|snagged|bags|bagged) (?:the )?(?:[\w.-]+ ){0,3}rights (?:to|for|on)|"
    r"(?:team|teams|teamed|teaming|partner|partners|partnered|join forces|joined forces) (?:up )?"
    r"(?:to|on) (?:release|distribute|acquire|buy|secure|take|pick up)|"
    r"(?:(?:has been|have been|was|were|is|are|will be|is now) )?(?:set|named|tapped|confirmed|"
    r"chosen|announced|signed on|come aboard|coming aboard) as (?:the |its |their )?"
    r"(?:[\w.-]+ ){0,3}distributors? (?:of|for|on)|will be (?:the |its )?(?:[\w.-]+ ){0,2}"
    r"distributors? (?:of|for|on)|"
    r"has bought|picks up|picked up|picks-up|has picked up|snaps up|snapped up|scoops up|"
    r"snatch(?:es|ed)? up|"
    r"scooped up|by buying|finalized a deal to acquire|clos(?:es|ed) (?:a |an )?(?:[$\w.-]+ ){0,3}"
    r"deal (?:for|to acquire)|snags|snagged|bags|bagged|scoops|clinches|clinched|"
    r"inks deal for|(?:won|wins|winning) (?:the |an |a )?(?:[\w-]+ ){0,2}(?:auction|bidding war|"
    r"bidding) for|"
    r"outmaneuvered|outbid|acquiring|"
    # "beat out several bidders for X", not "beat out 'A' and 'B'" (for an award).
    r"beat out (?:\w+ )?(?:competitors|rivals|bidders|buyers|suitors|distributors|streamers) "
    r"(?:for|to land|to acquire|to buy)|"
    r"beat out (?:[\w&.-]+,? ){1,6}?to (?:land|acquire|buy|take|nab|grab|secure|win)|"
    r"(?:secured|completed|finalized|clinched|sealed|closed|struck) (?:a |an )?(?:[$\w.-]+ ){0,3}"
    r"deal (?:for|to acquire|to buy|on)|"
    r"(?<!deal )(?<!talks )(?<!negotiations )(?<!discussions )(?<!eyeing )to (?:acquire|buy)|"
    r"purchase of|purchased|purchases|has purchased|have purchased|"
    r"(?:is|was|emerged as|has emerged as|emerges as) the (?:[\w-]+ ){0,2}buyer (?:of|for)|"
    # The plain form after a plural subject ("Janus and Sideshow buy"), never after a
    # modal, "to" or a negation ("to acquire", "could buy", "did not pick up").
    r"(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcould )(?<!\bmay )(?<!\bmight )(?<!\bnot )"
    r"(?<!n't )(?<!\bdid )(?<!\bdo )(?:buy|acquire|pick up|snap up|scoop up))\b"
)
_ACQ_WEAK = _rx(
    r"\b(?:lands|landed|takes|took|nabs|nabbed|grabs|grabbed|secures|secured|pays|paid|pay|"
    r"drops (?=[$£€]\d)|paying|(?:spent|spends|spending) (?:[$\w.-]+ ){0,4}(?:for|on)|"
    r"(?:plunk\w*|fork\w*|shell\w*) (?:down|over|out) (?:[$\w.-]+ ){0,4}(?:for|on)|"
    r"sealed the deal|struck gold|boards|boarded|(?:to|will) distribute|"
    r"(?:has )?come aboard|comes aboard|(?:in|strikes?|struck|inks?|inked|signs?|signed|seals?|"
    r"sealed|made|makes|cut|cuts|closes|closed) (?:a |an )?(?:[$\w.-]+ ){0,3}deals? (?:for|on)|"
    r"wins|won|gets|got|(?:takes|took|taking) home|"
    r"(?:emerged|emerges|walked away|walks away|came away|comes away) (?:victorious |on top )?with|"
    r"(?:paycheck|payday|check|cheque) for|"
    r"(?:will |to )?handl(?:e|es|ing) (?:the )?(?:[\w.]+ ){0,2}(?:distribution|release)|"
    r"adds (?:\S+ ){1,6}?to (?:its|their) (?:[\w-]+ )?(?:slate|line-?up|library))\b"
)
# "'X' sets Magnolia as U.S. distributor", "taps Neon to distribute": the buyer follows.
_ACQ_ASSIGN = _rx(
    r"\b(?:sets?|taps?|tapped|names?|named|enlists?|enlisted|picks?|picked|finds?|found|lands?)"
    r"(?=\s(?:(?-i:[A-Z0-9])[\w&+.'!-]*\s){1,4}(?:as\s(?:its\s|the\s|their\s)?(?:[\w.-]+\s){0,3}"
    r"distributor|to\s(?:distribute|release|handle))\b)"
)
# The seller's side: "WME sold domestic rights to X to Amazon", "CAA negotiated a $5 million
# deal with Netflix for X". The seller is never the buyer.
_ACQ_SOLD = _rx(
    r"\b(?:sells?|sold|selling|licensed|licenses?)\s(?:[\w.-]+\s){0,5}?rights\s(?:to|for|on)\b"
)
# A sales agent's territory deals: "Films Distribution sold X for Canada, Greece (Word of
# Mouth)" or "the feature was bought for the UK (Momentum)". The buyer is the distributor in
# parentheses after the first territory.
_ACQ_TERRITORIES = _rx(r"\b(?:sold|sells|has sold|pre-?sold|pre-?sells)\b(?!\s(?:out|to)\b)")
# The film's side without "by": "X has been acquired for distribution in several territories,
# including Magnolia in North America"; "X has secured deals for Spain, Italy and Taiwan".
_ACQ_FILM_SIDE = _rx(
    r"\b(?:has|have) been (?:acquired|bought|picked up|snapped up|pre-?sold|sold)\b"
    r"(?!\s(?:by|to|out)\b)|"
    r"\b(?:has |have )?(?:secured|clinched|closed|inked|clocked|clocks|racked up|scored|landed)\s"
    r"(?:new\s|further\s|more\s|several\s|multiple\s|a\sstring\sof\s|a\sraft\sof\s)?(?:sales|deals)\s"
    r"(?:for|in|with|across)\b|"
    # The film as the seller's subject: "X has sold in France and Italy", "X pre-sold rights
    # to Germany", "X pre-sells Spain"; the territories are needed (see _acquisition).
    r"\b(?:has\s|have\s)?(?:also\s)?(?:sold|pre-?sold)\s(?:(?:\w+\s){0,2}rights\s)?(?:in|to|into)"
    r"(?=\s(?:the\s)?(?-i:[A-Z]))|"
    r"\bpre-?(?:sells?|sold)(?=\s(?:the\s)?(?-i:[A-Z]))|"
    # "X scores more sales": further territory deals, the buyers unnamed.
    r"\b(?:secure[sd]|clinche[sd]|close[sd]|clock(?:s|ed)|rack(?:s|ed) up|score[sd]|land(?:s|ed))\s"
    r"(?:more|further|new|several|multiple)\s(?:sales|deals)\b(?!\s(?:for|in|with|across|agents?|"
    r"compan(?:y|ies)|rights)\b)"
)
# "The Match Factory has closed deals on X with Neon for the U.S.": the buyer after the film.
_ACQ_DEALS_ON = _rx(
    r"\b(?:closed|closes|struck|strikes|inked|inks|signed|signs|sealed|seals)\s(?:a\s|an\s|new\s|"
    r"several\s|further\s)?deals?\s(?:on|for)\b"
)
_ACQ_DEAL_WITH = _rx(
    r"\b(?:negotiated|negotiates|struck|strikes|striking|closed|closes|inked|inks|signed|signs|"
    r"cut|made|makes)\s(?:a\s|an\s)?(?:[$\w.-]+\s){0,4}?deal\swith\b"
)
# The film's side: "finds a home at Neon", "gets U.S. distribution via Neon", "lands a
# distributor in Magnolia".
# "X Inks Distribution Deal With Vertical", "X lands a U.S. deal with Neon".
_ACQ_DEAL_FOR_FILM = _rx(
    r"\b(?:lands?|landed|inks?|inked|signs?|signed|secures?|secured|strikes?|struck|scores?|"
    r"scored|seals?|sealed|gets|got|closes?|closed)\s(?:a\s|an\s)?(?:[\w.$-]+\s){0,3}?"
    r"(?:deal|pact|agreement)\swith\b"
)
_ACQ_HOME = _rx(
    r"\b(?:finds?|found|gets|got|lands?|landed|secures?|secured|scores?|scored)\s(?:a\s|an\s)?"
    r"(?:[\w.]+\s){0,2}(?:home|distributor|buyer|distribution|release)\s(?:at|with|in|via|through)\b"
)
_TALKS = _rx(
    r"\b(?:(?:in|entered|enters|entering|opened|opens|in the final stages of)\s(?:early\s|"
    r"final\s|advanced\s|late\s|exclusive\s|serious\s)?(?:talks|negotiations|discussions)|"
    r"closing (?:a |an )?(?:[$\w.-]+ ){0,2}deal|nearing\s(?:a\s)?(?:[$\w.-]+\s){0,2}deals?|"
    r"nears?\s(?:a\s)?(?:[$\w.-]+\s){0,2}"
    r"deals?|closing in on|circling|eyeing|close to (?:a )?deal|"
    r"front-?runner|frontrunner|in pole position|in the lead|vying|bidding for|"
    r"in (?:a |the )?(?:[\w-]+ )?bidding war (?:for|over)|circles|"
    r"(?:battl(?:e|es|ing)|jockey(?:s|ing)?|compet(?:e|es|ing)) (?:it out )?(?:for|over)|"
    r"in the (?:hunt|race|running|mix|chase) for|(?:leads?|leading) the (?:race|pack) for|"
    r"chasing|kick(?:s|ing)? the tires on|"
    r"(?:makes?|made|making|submitted|submits|put in|puts in|tabled|tables) (?:an? )?"
    r"(?:[$\w.-]+ ){0,3}"
    r"(?:offer|bid)s? (?:for|on)|"
    r"eyes|negotiating|deal (?:is |was )?imminent|imminent deal|"
    r"(?:working on|hammering out|thrashing out|finali[sz]ing) (?:a |an )?(?:[$\w.-]+ ){0,4}"
    r"(?:deal|pact|agreement))\b"
)
_PRICE = _rx(
    r"\b(?:drops? to|down to|on sale|sale price|price drop|price cut|cuts? (?:the )?(?:\w+ ){0,3}"
    r"price|slash(?:es|ed)? (?:the )?price|reduced pricing|reduced to|\d{1,2}% off|half[- ]price|"
    r"half off|lowest price|discount(?:ed)?|deal of the day|black friday|cyber monday|"
    r"(?:\w+ )?sale\b)"
)
# "9/26 Press Release For X": a press release is no film's release.
_DATE_ANNOUNCED = _rx(
    r"(?<!press )"
    r"\b(?:sets?|setting|dates?|dated|dating|has dated|slates?|slated|schedules?|scheduled|"
    r"will (?:be )?released?|(?:being|be|is|are) released|to release|releases|releasing|"
    r"will open|opens?|opening|will hit|"
    r"(?:will |to )?becomes? available|"
    r"hits?|hitting|will arrive|arrives?|arriving|will debut|debuts?|debuting|will premiere|"
    r"premieres?|premiere date|launch(?:es)?|will launch|bows?|will bow|bowing|release date|"
    r"release|releases|comes? out|coming (?:to|out)|lands? on|will land|will stream|"
    r"in theaters|in cinemas|(?:its way )?into (?:theaters|theatres|cinemas)|"
    r"theatrical(?:ly)?|day-and-date|will go|big screen|return(?:s|ing)? "
    r"to theaters|re-release|will now|able to see it|heads? to theaters|headed to theaters|"
    r"(?:goes|going|went|heads|heading|headed) (?:straight |directly )to|"
    r"(?:is|are|will be) going (?:the |on )(?=(?:[\w,]+ ){0,6}?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*\.?\s\d)|"
    # "Severin Bringing X to Blu-ray on Black Friday"
    r"bring(?:s|ing)?(?=\s(?:\S+\s){1,8}?to\s(?:Blu-?ray|DVD|4K|UHD|digital|VOD|home video|"
    r"theaters|theatres|cinemas)\b)|"
    r"look for|(?:will )?drops? (?:on )?"
    r"(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d)|"
    r"streams? on|starting|beginning|due (?:in|out|on|(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)))|slot|berth|available|"
    r"(?:begins?|starts?|will (?:begin|start)) streaming|heads? to|headed to|heading to|"
    r"(?:be )?streaming (?:on|from|via)|(?:can|will) be (?:streamed|watched|seen)|"
    r"(?:theatrical|cinematic|limited) (?:run|engagement)|"
    r"(?:is|are|will be) out\b(?!\s(?:now|today)\b)|out (?:on |in theaters |everywhere )?"
    r"(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))\b"
)
_DATE_CHANGED = _rx(
    r"\b(?:moves?|moved|moving|shifts?|shifted|shifting|push(?:es|ed|ing)?|delays?|delayed|"
    r"delaying|postpones?|postponed|postponing|postponement|"
    r"(?:a \w+ |\w+ days? |\w+ weeks? )?(?:earlier|later) "
    r"than (?:previously |originally |first )?(?:announced|planned|scheduled|expected)|"
    # "on May 31, one week earlier than its original June 7 date"
    r"(?:earlier|later) than (?:its|the|their) (?:original|previous|planned|scheduled) "
    r"(?:[\w.,]+ ){0,3}?(?:release )?date|"
    r"bumps?|bumped|jump(?:s|ed|ing)|pulls?|pulled|taken off|"
    r"takes? off|(?:has )?taken (?:\S+ ){1,6}?off|swims|zooms? up|rescheduled?|re-dated|"
    r"redated|slides?|vacates?|will now|taking over|(?:new|earlier|later) (?:[\w.,]+ ){0,3}?"
    r"(?:release )?date|swaps?|"
    r"swapped|"
    r"relocat\w+|departs? (?:its|the)|no longer (?:open|be released|arrive|bow|debut|release)s?|"
    r"los(?:es|t|ing) (?:its|their|the) (?:\S+ ){0,3}(?:date|slot|release)|"
    r"trades? (?:release )?dates?|remov\w* (?:\S+ ){0,6}?from|scrub\w* (?:\S+ ){0,6}?from|"
    r"drops? off|falls? off|unset|undated|undates?|undating|(?:goes|going|went|jumps|jumped) from|"
    r"paus(?:es|ed|ing) (?:the |its )?(?:\w+ )?release|shelv(?:es|ed|ing)|"
    r"cancel(?:s|ed|led|ing|ling)? (?:the |its )?(?:\w+ )?release|"
    # UK copy: "brought forward to 6 March", "put back to 2026"
    r"(?:brought|brings?|bringing) forward|(?:put|puts|putting) back|"
    # Deadline's verbs of motion: "dodged from Sept. 8 to Dec. 8", "hops to May 5"
    r"dodg(?:es|ed|ing)|hop(?:s|ped|ping)|leap(?:s|t|ed|ing)|scoot(?:s|ed|ing)|"
    # "is going to Wednesday Nov. 24", "goes a week earlier"
    r"(?:goes|going|went|heads|heading|headed) to (?=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|"
    r"Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s)|"
    r"(?:goes|going|went) (?:a |one |two |three |\d{1,2} )(?:days?|weeks?|months?) "
    r"(?:earlier|later)|"
    r"(?:doesn't|does not|no longer) ha(?:ve|s) a "
    r"(?:release )?date|now (?:opens|open|opening|arrives|arriving|bows|"
    r"bowing|debuts|debuting|lands|hits|hitting|releases|be released|"
    r"set for|dated for|scheduled for)|"
    r"off (?:its |the |their )?(?:\w+ ){0,2}(?:calendar|schedule|slate))\b"
)
_PREMIERE = _rx(
    r"\b(?:(?:will|to|set to) (?:world )?debut at|debuts? at|heads? to|bound for|"
    # "'X' To Open Venice", "Will Close Sundance" (not "to Open Road", a distributor).
    r"(?:to|will) (?-i:[Oo]pen|[Cc]lose) (?:the )?(?=(?-i:[A-Z]))(?!Road)|world premiere|"
    # "X will open this year's festival", "the festival will open with X".
    r"(?:to|will) (?:open|close) (?:this year's |the )(?:\d+\w* )?(?:edition of the )?"
    r"(?:[\w'-]+ ){0,3}?(?:film )?(?:festival|fest|edition)|(?:to|will) (?:open|close) with|"
    r"to premiere|will premiere|premieres|"
    r"(?:is |are )?premiering (?:at|in)|"
    # "Cannes-Bound 'X'": a festival run to come.
    r"(?-i:[A-Z])[a-z]+-(?:[Bb]ound)|"
    # "Hitting Venice and TIFF in 70mm": a festival run.
    r"hit(?:s|ting)? (?=(?-i:[A-Z]))|"
    r"(?:set to |will |to )?bow(?:s|ing)? (?:at|in)|debuts? in the (?=[A-Z])|"
    r"premiere|opening night film|"
    r"opening film|closing night film|closing film|opener|will open the|will close the|"
    r"to screen|will screen|in competition|selected|selection)\b"
)
_AVAILABLE = _rx(
    r"\b(?:now streaming|is streaming|now available|is now available|available (?:now|today|"
    r"to (?:stream|rent|buy|own))|out now|now playing|now showing|in theaters now|now on|"
    r"arrives? on (?:premium )?digital|comes? to|hits|lands on|on digital today|streaming now|"
    r"(?:is|are) (?:also |now )?available (?:on|for|to)|available for (?:rent|purchase)|"
    r"(?:came|arrived) (?:to|on) (?:digital|vod|pvod|blu-ray|dvd|4k)|debuts? on|"
    r"playing in theaters|"
    r"arrives? on|new on|"
    # "arrives in theaters and on Max this weekend", "drops on Netflix today": a release verb,
    # the outlet it reaches, and a day that is this one.
    r"(?:opens|arrives|debuts|lands|is out|premieres|streams|drops|dropped|goes|went) "
    r"(?:in (?:theaters|cinemas) (?:and )?)?(?:on (?:[\w+]+ ){1,2})?"
    r"(?:(?:starting|beginning|as of) )?"
    r"(?:today|tonight|this weekend|now)(?!['\u2019]s)|"
    # "premieres this weekend on Netflix"
    r"(?:opens|arrives|debuts|lands|premieres|premiers|streams|drops) (?:today|tonight|now|"
    r"this (?:weekend|week)) (?:on|in)|"
    # "'X' Unleashes Its Fury Online Today", "streams on Peacock starting today".
    r"online (?:today|tonight|now)|(?:starting|beginning|as of) (?:today|tonight))\b"
)
_AVAILABLE_LIST = _rx(
    r"\b(?:where to (?:watch|stream)|can now (?:watch|stream)|you can (?:now )?(?:watch|stream)|"
    # A weekly list's heading: "New on Blu-ray this week: A, B", "New Releases (Blu-ray): A".
    r"new (?:vod|digital|streaming|blu-ray|dvd|4k|disc) releases?|"
    r"new (?:releases? )?(?:on|to) (?:streaming|digital|vod|blu-ray|dvd|4k)|"
    r"new releases \((?:vod|digital|streaming|blu-ray|dvd|4k)(?=\))|"
    r"how to (?:watch|stream)|"
    # "Stream 'X' On Peacock Now"
    r"^(?:stream|watch|rent)(?=\s.{0,60}\bnow\b)(?!.{0,120}\b(?:trailer|teaser|clip|video)s?\b)|"
    # "8 more new movies to watch at home", "Today on VOD: A, B and C"
    r"(?:movies|films) to (?:watch|stream) at home|(?:today|this week|tonight) on (?:vod|digital|"
    r"demand|blu-ray|dvd|4k|streaming)|"
    r"new releases (?:now )?available)\b"
)
_TRAILER = _rx(
    r"\b(?:trailers?|teasers?|first[- ]look|tv spots?|super bowl spot|spot|new footage|"
    r"(?:first |new |official )?still images|first (?:stills|images|photos)|"
    r"sneak peek)\b"
)
_PRODUCTION = _rx(
    r"\b(?:in development|(?:is|are) developing|developing (?:a|an|the)|greenlit|green-lit|"
    r"greenlights?|green light|go-ahead|has optioned|to write|will write|to pen|will pen|"
    r"penning|to script|to adapt|will adapt|signed on to write|to direct|will direct|directing|"
    r"to helm|will helm|helming|going to direct|exits?|exited|steps? away|stepped away|"
    r"steps? down|departs?|drops? out|dropped out|parts ways|no longer on board|"
    r"is off the (?:film|movie|project)|joins?|joined|joining|has joined|to star|will star|"
    r"set to star|to lead|will lead|cast as|cast in|has cast|rounds? out (?:the )?cast|"
    # "casts X as Y", not the noun: "cast interviews", "the cast members".
    r"(?<!the )(?<!its )(?<!and )casts?(?! (?:interviews?|members?|list|photos?|and crew|of|"
    r"includes?|is|are|was|were)\b)|"
    r"(?:to|will) return (?:for|in)|(?:is|are) returning (?:for|in)|"
    r"(?:to|will) (?:reboot|remake)|(?:is|are) (?:rebooting|remaking)|"
    r"(?:talks|negotiations) to (?:return|join|reprise|lead)|"
    # "Lionsgate has acquired the Tom Melia spec X": a script bought is a film in development.
    r"(?:acquired|acquires|bought|buys|picked up|picks up|landed|lands|nabbed|nabs) "
    r"(?:the |a |an )?(?:[\w'-]+ ){0,4}(?:spec(?: script)?|pitch|screenplay)|"
    r"(?:entered|enters|entering|(?:moves?|moved|heads?|headed|goes|went) into) pre-?production|"
    r"(?:production|filming|shooting|principal photography) (?:is|are) (?:now )?underway|"
    r"(?:production|filming|shooting|principal photography) (?:begins|starts|commences|"
    r"gets underway|wraps)|"
    # "'Last Swim' wraps in London" (the film right before it: see _production).
    r"wraps(?= (?:in|on)\s)|"
    r"begins? (?:the )?shoot|"
    r"boards|negotiations to star|talks to star|takes (?:\w+ ){0,3}role|replac(?:es|ed|ing)|"
    r"to play|will play|begins? (?:production|filming|shooting|principal photography)|"
    r"began (?:production|filming|shooting)|start(?:s|ed)? (?:production|filming|shooting)|"
    r"start of (?:production|filming|principal photography)|"
    r"(?:now|is|are) in production|(?:goes|went|heads|headed) into production|enters production|"
    r"cameras roll(?:ing)? on|taps|tapped|enlists|recruits|"
    r"(?:production|filming|shooting|principal photography) (?:has |have )?(?:begun|began|"
    r"started|underway|kicked off|kicks off)|cameras (?:are )?rolling|now filming|"
    r"(?:is|are) (?:currently )?(?:filming|shooting)|wrap(?:s|ped)? (?:production|filming|"
    r"shooting)|(?:production|filming|shooting) (?:has |have )?wrapped|has wrapped|"
    # Casting told in the present: "Henry Cavill headlines a Highlander reboot", "Paul Dano
    # leads an adaptation of ...", "Olsen and Roberts star in new thriller X".
    r"(?<!the )(?<!top )(?:headlines?|toplines?|fronts)(?=\s(?:an?\s|the\s|(?-i:[A-Z])|[\"']))|"
    r"(?:to|will) (?:headline|topline|front)|"
    r"stars? in (?:an? |the )?(?:new|upcoming|untitled|next)|"
    r"leads? (?:an? |the )?(?:new |upcoming )?(?:[\w-]+ ){0,2}(?:adaptation|remake|reboot|"
    r"cast|ensemble))\b"
)

TRIGGERS: tuple[_Trigger, ...] = (
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_PASSIVE, "before"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_ACTIVE, "after"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_WEAK, "after", weak=True),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_HOME, "before"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_DEAL_FOR_FILM, "before"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_ASSIGN, "before"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_SOLD, "after", buyer_slot="to"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_DEAL_WITH, "after", buyer_slot="with"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_TERRITORIES, "after", buyer_slot="territory"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_FILM_SIDE, "before", buyer_slot="including"),
    _Trigger(EventKind.DEAL_ACQUISITION, _ACQ_DEALS_ON, "after", buyer_slot="with_after"),
    _Trigger(EventKind.DEAL_TALKS, _TALKS, "either"),
    _Trigger(EventKind.DEAL_PRICE, _PRICE, "either"),
    _Trigger(EventKind.RELEASE_DATE_CHANGED, _DATE_CHANGED, "either"),
    _Trigger(EventKind.RELEASE_DATE_ANNOUNCED, _DATE_ANNOUNCED, "either"),
    _Trigger(EventKind.RELEASE_PREMIERE, _PREMIERE, "either"),
    _Trigger(EventKind.RELEASE_AVAILABLE, _AVAILABLE, "before"),
    _Trigger(EventKind.RELEASE_AVAILABLE, _AVAILABLE_LIST, "either"),
    _Trigger(EventKind.TRAILER, _TRAILER, "either"),
    _Trigger(EventKind.PRODUCTION, _PRODUCTION, "either"),
    _Trigger(EventKind.PRODUCTION, _rx(r"\badds\b(?=\s[A-Z])"), "before"),
)

# Statements that are not news: negations, hedges, restatements and background.
_NEGATION = _rx(
    r"\b(?:no (?:official |firm |new |exact )?(?:release )?date|(?:has|have|had)n't (?:yet )?"
    r"(?:announced|set|revealed|been)|(?:has|have) (?:not|yet to) (?:yet )?(?:announced|set|"
    r"revealed|been (?:set|announced|dated)|confirmed)|yet to (?:announce|set|reveal|be (?:dated|"
    r"announced|set))|not yet (?:announced|set|dated|been)|no word on|undated|not (?:yet )?"
    r"(?:theatrically )?dated|without a (?:release )?date|nothing has been confirmed|no deal|"
    r"has not been|isn't|is not|aren't|won't|not)\b"
)
_HEDGE = _rx(
    r"\b(?:rumou?red|rumou?rs?|reportedly|could|might|possibly|potential(?:ly)?|possible|"
    r"speculat\w*|hop(?:es|ing|eful)|would|likely|tentative(?:ly)?|if|whether|should|"
    r"considering|mulling|in the works|coming soon|wish ?list)\b|"
    # "may" the modal, not "May" the month (a headline's "May Be" is caught by "Be").
    r"\b(?-i:may|May(?= [Bb]e\b| [Hh]ave\b| [Nn]ot\b| [Gg]et\b| [Ll]and\b))\b"
)
_SOFT_HEDGE = _rx(
    r"\b(?:eyeing|eyes|targeting|aiming|expected|expects|expecting|plans?|planned|planning|"
    r"intends?|hoping|on track)\b"
)
_FUTURE = _rx(r"\b(?:will|set to|next (?:year|month|week|spring|summer|fall|winter)|later)\b")
_RESTATEMENT = _rx(
    r"\b(?:which|that|who) (?:just |also |already |recently )?(?:bows|opens|arrives|hits|debuts|"
    r"premieres|releases|comes out|is set|is dated|lands|opened)\b|"
    # "X, which Neon releases March 6": the same, with the distributor as subject.
    r"\b(?:which|that) (?:(?-i:[A-Z][\w&.'-]*)\s){1,3}(?:releases|released|opens|dated|set|"
    r"is releasing|will release|will open|has dated|has set)\b|"
    # "a run from November 1 until the end of the month": the end of a run, not a restatement.
    r"(?<!\d\s)\buntil\b|\bas (?:previously|already|first) (?:announced|reported)\b|"
    r"\bgets closer\b|\bsince (?:its|their|the film's|the movie's)\b|"
    r"\bstay(?:s|ing)? put\b|\b(?:stay|keep)(?:s|ing)? (?:on )?(?:its|their)\b|"
    r"\bkept (?:its|their)\b|\brecently\b|\bholds?\b|\bremains?\b|"
    r"\bstill (?:set|dated|slated|on|opening|opens|due|coming|arriving|releasing|scheduled|"
    r"planned|bowing|debuting|hitting)\b|"
    # "already headed to VOD next Tuesday" says how soon, not that the date is known.
    r"\balready\b(?!\s(?:headed|heading|coming|arriving|hitting|going)\b)|\bisn't out\b|"
    r"\bjust (?:a )?(?:few )?(?:more )?(?:weeks|days) away\b|"
    r"\bslated to debut in theaters\b"
)
_BACKGROUND = _rx(
    r"\b(?:last (?:year|month|week|summer|fall|spring|winter|season)|earlier this (?:year|month)"
    r"|\d+ (?:years|months|weeks) ago|ago|had been|formerly|"
    r"was (?:pushed|delayed|moved|set|slated|originally)|previously|"
    r"(?:it|which|that|who) (?:acquired|bought|picked up|released)|"
    r"(?:which|that) followed|the \$\S+ (?:(?:million|m|billion|bn) )?(?:that|which)|"
    r"in the wake of|recently)\b"
)
_PAST_PREMIERE = _rx(
    # "IMAX has debuted a trailer": the trailer's debut, not the film's.
    r"\b(?:(?:premiered|debuted|bowed)(?!\s(?:(?:a|an|the|its|their|new|first|official)\s){0,2}"
    r"(?:[\w-]+\s)?(?:trailers?|teasers?|clips?|footage|posters?|images?|look|spots?))|"
    r"gave (?:it|the film|the movie) (?:a|its) (?:world )?premiere|"
    r"(?:had|made) its (?:world |north american |festival )?"
    r"(?:debut|premiere)|"
    r"opened the|world premiered|screened)\b|\b(?:cannes|venice|berlin|berlinale|sundance|"
    r"tiff|toronto|sxsw|telluride|tribeca|locarno|sitges|rotterdam|busan|karlovy vary|"
    r"san sebastian|fantastic fest|nyff|annecy) (?:(?:best|top|grand|jury|audience) [\w-]+ )?"
    r"(?:winner|prize-winner|hit|breakout|"
    r"favou?rite|darling|sensation|standout|title|entry|selection|competition title)\b|"
    r"\b(?:hot off|fresh off|coming off|straight from|direct from|after|following|since) "
    r"(?:the |its |"
    # ... but "after the 8pm world premiere of X" is a screening schedule: X premieres then.
    r"his |her |their )?(?:(?!\d{1,2}(?:[.:]\d\d)?\s?[ap]\.?m\b)[\w'-]+ ){0,3}(?:premiere|debut)\b|"
    r"\bsection (?:comedy|drama|thriller|horror|documentary|doc|title|entry|film|pic|feature)\b"
)
_PREMIERE_QUALIFIER = _rx(
    r"\b(?:north american|international|canadian|u\.?s\.?|european|uk|u\.k\.|asian|"
    r"east coast|west coast|new york|los angeles|la|latin american|australian|french|german|"
    r"italian|spanish|world cinema)\s(?:theatrical\s)?premiere\b"
)
_NON_NEWS_HEADLINE = _rx(
    r"^(?:reviews?|box office|obituary|interview|q&a|opinion|watched)\b|\breviews?:|\breview$|"
    # ... but "Heads To Disney+ On March 6 After $500M Box Office Run" is release news.
    r"\bbox office\b(?!\s(?:run|haul|success|smash|hit)\b)|"
    r"\bdies at\b|\bdead at\b|\bobituary\b|\b(?:opens|opened|debuts) to \$|\btops (?:the )?"
    r"(?:weekend|box office)\b|\bcrosses \$|\$[\d.,]+\s?[mkb]?\s(?:opening|weekend|start|debut)"
    r"\b|\b(?:eyes|eyeing) \$[\d.,]+\s?[mkb]?\s.{0,40}\b(?:start|opening|weekend|debut)\b|"
    r"\beverything we know\b|\bwhat we know\b|\bfeaturettes?\b|"
    # An interview: "Prey Director Explains Why The Movie Is Skipping Theaters".
    r"\b(?:director|star|writer|filmmaker|producer|actor|actress)s?\s(?:explains?|discusses|"
    r"reflects|opens up|talks about|breaks down|reveals why)\b"
)
_BOX_OFFICE = _rx(
    r"\b(?:box office|grossed|grosses|opened to|opening weekend|global total|"
    r"weekend (?:box office|gross|haul|total|estimates)|(?:tops|topped|wins|won) the weekend|"
    r"cume)\b"
)
_DEAL_CONTEXT = _rx(
    r"\b(?:rights|deals?|acquisitions?|acquires|acquired|distribution|distributor|bidding|"
    r"figures?|pacts?|sale|sold|buyers?|bidders?|suitors?|for north america|for the u\.?s\.?|"
    r"worldwide|pickup)\b|[$£€]\d"
)
_ACQ_OBJECT = _rx(
    r"\b(?:acquire|acquiring|buy|buying|pick up|picking up|rights|distribution|distribute|"
    r"deal for|a deal|deal to|pickup|land)\b"
)
_CASTING_OBJECT = _rx(
    r"\b(?:to|about) (?:star|direct|directing|join|play|write|helm|return|lead|produce|co-star)\b"
)
_CHANGE_HEADLINE = _rx(
    r"\b(?:moves?|moving|shifts?|shifting|push(?:es|ed)?|delays?|delayed|postpones?|postponed|"
    r"bumps?|pulls?|pulled|changes?|shakes up|swaps?|jumps?|zooms?|slides?|vacates?|new date|"
    r"redates?|re-dates?)\b"
)
_LINEUP = _rx(
    r"\b(?:line-?up|slate|adds|roster|program(?:me)?|selection|unveils?|reveals?|sets|"
    r"competition|titles|films? for)\b"
)
_RELEASE_WORDS = _rx(
    r"\b(?:releases?|released|theaters|theatres|theatrically|cinemas|streaming|streamer|"
    r"digital|vod)\b"
)
_SHOOT_WORDS = _rx(
    r"\b(?:production|filming|shooting|shoot|cameras|principal photography|star|direct)\b"
)
_NOT_IN_LINEUP = _rx(
    r"\b(?:snub\w*|absent|missing|left out|not selected|passed on|no-show|last year's|"
    r"previous(?:ly)?|winner of|won the|jury|juror|retrospective|restoration|classics?)\b"
)
_STRONG_CHANGE = _rx(
    r"\b(?:push(?:es|ed|ing)?|delay(?:s|ed|ing)?|postpon\w+|moves?|moved|moving|shift(?:s|ed|ing)?|"
    r"bump(?:s|ed)?|pulls?|pulled|los(?:es|t|ing) (?:its|their|the)|no longer)\b"
)
_LINEUP_BODY = _rx(
    r"\b(?:unveil\w*|announc\w*|reveal\w*|round\w* out) (?:its|the|their) (?:[\w-]+ ){0,2}"
    r"(?:line-?up|programme|program|slate|selection)\b"
)
# "has not only scored distribution ... but", "didn't just acquire" affirm the deal.
_DEAL_NEGATION = _rx(
    r"\b(?:not(?! only| just)|never|no|n't(?! just)|denied|denies|deny|refused|declined|passed|"
    r"yet to)\b"
)
_EXPANSION = _rx(
    r"\b(?:expand\w*|nationwide|goes wide|going wide|wider|more (?:cities|markets|theaters)|"
    r"in (?:los angeles|la|new york|other cities|additional markets))\b"
)
# "previously slated for Oct. 2, will now open Oct. 9": the sentence states the old plan.
_EARLIER_PLAN = _rx(
    r"\b(?:previously|originally|was (?:set|slated|dated|scheduled)|had been|instead of)\b"
)
_PAST_RELEASE = _rx(
    r"\b(?:opened|debuted|bowed|arrived|launched|hit|was released|were released|streamed|"
    r"dropped|landed)\b"
)
# "from" an old date, not "from Scott Cooper" or "from Searchlight Pictures" (a credit).
_FROM_OLD_DATE = _rx(
    r"\bfrom\b(?!\s(?-i:(?!Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Christmas|"
    r"Thanksgiving|Memorial|Labor|Independence|Easter|Presidents)[A-Z][a-z]+\s[A-Z]))"
)
# "from" the plan a move leaves: a date, or a word for a date, shortly after it.
_PLAN_WORD = _rx(r"\b(?:date|slot|release|opening|debut|bow|window|spot|berth|schedule|calendar)")


def _from_a_plan(region: str, published: date | None) -> bool:
    """Whether a "from" in the region names what a move leaves, not a credit or an origin.

    "moved from March 6", "from its summer slot" leave a plan; "The project, hailing from two
    brothers, is now set for" only says where the film comes from.
    """
    for match in _FROM_OLD_DATE.finditer(region):
        after = region[match.end() : match.end() + 40]
        if _PLAN_WORD.search(after) or find_dates(after, published or _ANY_DAY):
            return True
    return False


_AS_ANNOUNCED = _rx(r"\bas (?:previously|already|first|earlier) (?:announced|reported)\b")
# A series' season premiere is television news, not the film's release.
_TV_WORDS = _rx(r"\b(?:season \w+|\w+ season|series|episodes?|tv show)\b")
_BIDDING = _rx(
    r"\b(?:bidding war|competitive situation|heated bidding|outbid|beat out (?:several|other|"
    r"multiple|rival)|outmaneuvered|multiple (?:bidders|suitors)|several competitors)\b"
)
_ANAPHOR = _rx(
    r"\b(?:(?:the|this) (?:[\w'-]+ ){0,2}(?:film|pic|movie|drama|comedy|documentary|doc|thriller|"
    r"feature|project|sequel|title|romance|rom-com|adaptation|debut|horror|western|biopic|cast|"
    r"ensemble)|it|its|"
    # "Joe Wright and Keira Knightley's latest collaboration", "his new feature".
    r"(?:[\w'-]+(?:'s|s')|his|her|their) (?:latest|new|next|upcoming) (?:collaboration|"
    r"effort|outing|offering|feature|film|movie|project|pic)|"
    # "Heder's film was part of a heated bidding war".
    r"^(?-i:[A-Z])[\w'-]+(?:'s|s') (?:film|movie|pic|documentary|drama|comedy|thriller|doc)|"
    # "Available April 9 via Movies Anywhere." after a sentence naming the film
    r"^(?:Also )?(?:Available|Out|Streaming|Arriving|Hitting|Landing)\b|"
    # "Music Box has finally scheduled a general release for 8/6/2021."
    r"(?:set|sets|scheduled|schedules|dated|dates|slated|slates) (?:a|an|its) "
    r"(?:[\w.'-]+ ){0,3}(?:release|opening|debut|bow)|"
    # "The UK DVD arrives March 23rd": the film's home edition.
    r"(?:the|its) (?:[\w.-]+ )?(?:dvd|blu-ray|4k|steelbook|disc)|"
    # "Sony is moving their fourthquel to Oct. 1"
    r"(?:the|this|their|its|his|her) (?:[\w'-]+ )?(?:\w+quel|reboot|remake|spinoff|spin-off|"
    r"installment|instalment)|"
    # "That's scheduled for release on Netflix in March 2016."
    r"^(?:That|This)(?:'s|\sis|\swill|\shas|\sgets)|"
    # "An Oct. 4 theatrical release has been set."
    r"(?:the|an?) (?:[\w.'-]+ ){0,4}release (?:has been|is|was|will be) (?:set|dated|scheduled))\b"
)
_MEDIUM_WORDS = _rx(
    r"\b(?P<theatrical>theaters|theatres|theatrical(?:ly)?|cinemas|box office|wide release|"
    r"exclusive|limited)\b|\b(?P<digital>digital(?:ly)?|vod|on demand|pvod|"
    r"(?:to |for )(?:rent|purchase|buy|own)|premium vod|movies anywhere|vudu|itunes|google play|"
    r"fandango at home)\b|"
    r"(?P<disc>\b4k\b|blu-ray|\bdvd\b|ultra hd|\bdisc\b|steelbook)|\b(?P<streaming>streaming|"
    r"stream|streamer|streams)\b"
)
_FORMAT = _rx(
    r"(?P<k4>\b4k\b|\buhd\b|ultra hd)|(?P<bluray>blu-ray)|(?P<dvd>\bdvd\b)|"
    r"(?P<digital>\bdigital\b|\bhd\b|\bvod\b|\bpurchase\b|\brent\b|\brental\b|\bbuy\b)"
)
_TRAILER_VERB = _rx(
    r"\b(?:new|first|latest|official|final|released|releases|unveiled|unveils|debuted|debuts|"
    r"dropped|drops|reveals?|revealed|here's|check out|watch|launched|shared|premiered|"
    r"international|images|footage|(?:has|have|gets|got|getting) (?:(?:only|finally|its|their|a|"
    r"an|the|brief|first|official) ){0,3}(?:trailer|teaser))\b"
)
_TRAILER_EXCLUDE = _rx(
    r"\b(?:featurettes?|commercial|trailer awards?|golden trailer|(?:debuted|appeared|seen|"
    r"featured|glimpsed) in the (?:first |latest |new |final )?(?:trailer|teaser)|first look at "
    r"(?:what|how|who|why|the (?:golden|oscar|emmy))|season \d|series|"
    # Commentary on a trailer already out: "Trailer Breakdown", "Trailer Sets Record".
    r"(?:trailer|teaser)s? (?:breakdown|reaction|recap|review|analysis|explained|easter eggs?|"
    r"details|parody|remix|sets (?:a )?record|views)|(?:million|billion|\d+m) views)\b"
)
_OLD_DATE_CUE = _rx(
    r"\bfrom (?:its |the |a |an |his |her |their )?(?:[\w'-]+ ){0,2}$|"
    # "from its scheduled opening date of October 1 to October 22"
    r"\bfrom (?:its |the |their )?(?:[\w'-]+ ){0,3}(?:date|slot|release|opening|debut|bow) "
    r"(?:of|on) $|"
    r"\b(?:originally|previously|original|was set|was slated|had been|off its|off the|"
    r"vacat\w*|leav(?:es|ing)|los(?:es|t|ing)|old|formerly|instead of|supposed to|initially|"
    r"intended|no longer)\b"
    r"[^.;,]{0,50}$|"
    r"(?<!be )(?<!been )(?<!is )(?<!are )(?:acquired|premiered|"
    r"debuted|bought|opened|released) (?:it )?(?:in|on|at)\s$"
)
_PULLED = _rx(
    r"\b(?:no longer (?:open|be released|arrive|bow|debut|release)s?|pull(?:s|ed)?|taken off|"
    r"takes? off|los(?:es|t|ing) (?:its|their|the) (?:\S+ ){0,3}(?:date|slot|release)|"
    r"taken (?:\S+ ){1,6}?off|remov\w* (?:\S+ ){0,6}?from|scrub\w* (?:\S+ ){0,6}?from|"
    r"off (?:its |the |their )?(?:\w+ ){0,3}(?:calendar|schedule|slate|date)|indefinitely|unset|"
    r"undated?s?|"
    r"paus(?:es|ed|ing) (?:the |its )?(?:\w+ )?release|shelv(?:es|ed|ing)|no new date|"
    r"cancel(?:s|ed|led|ing|ling)? (?:the |its )?(?:\w+ )?release|"
    r"(?:now|no longer) (?:doesn't|does not|has no|have no|has|have)\s?(?:a )?"
    r"(?:release )?date|(?:as of now|now)[\w ,]{0,40}(?:doesn't|does not) have a "
    r"(?:release )?date)\b"
)
_MOVED_UP = _rx(
    r"\b(?:moves? up|moved up|bump(?:s|ed)? up|moving (?:\w+ ){0,2}up|zooms? up|"
    r"earlier(?! (?:this|last|in|that)\b)|sooner|(?:brought|brings?|bringing) forward)\b"
)
_DELAYED = _rx(
    r"\b(?:delay\w*|push(?:es|ed|ing)? (?:\w+ ){0,3}back|pushed|postpon\w*|later|back|bumped)\b"
)
_AUX_TAIL = re.compile(
    r"(?:\s|,|\b(?:has|have|had|is|are|was|were|now|just|also|officially|reportedly|quickly|"
    r"finally|already|currently|still|then|will|has now|said to be|which|that|the|a|an|set)\b)+$",
    _I,
)
# A first verb before the deal verb: "Lionsgate swooped in and paid $3M for X".
_COORDINATED = re.compile(
    r"\s(?:swoop\w*|stepp?\w*|came|comes|moved|moves|jump\w*|rush\w*|rac\w*|pounc\w*)\s"
    r"(?:in|up|quickly|fast|early)(?:\sand)?$",
    _I,
)
# A company named by what it is: "the streamer", "Jeff Bezos' company" (not a production or
# sales company, which sells).
_GENERIC_BUYER = _rx(
    r"\b(?<!production\s)(?<!sales\s)(?:company|studio|streamer|platform|distributor|outfit|banner|"
    r"shingle|label|mini-major)$"
)
_REPORTED_IT_TAIL = re.compile(
    r"\s(?:announced|announces|revealed|reveals|said|says|confirmed|confirms)\s(?:that\s)?"
    r"(?:it|they)(?:\s(?:has|have|had))?$",
    _I,
)
# A label named with its parent in apposition: "Doppelganger, the genre arm of Music Box".
_LABEL_OF = re.compile(
    r"((?:[A-Z0-9][\w&+.'-]*\s?){1,4}),\s(?:the|a|an|its)\s(?:[\w-]+\s){0,3}(?:arm|label|division|"
    r"unit|banner|subsidiary|offshoot|imprint|outfit|shingle)\sof\s[^,]{1,40},?$"
)
_BUYER_NAMES = frozenset(BUYERS.values())
_SALES = _rx(
    r"\b(?:international|worldwide|world|foreign|global|overseas) sales\b|\bsales (?:rights|on|"
    r"duties|agent|company|outfit|banner)\b|\b(?:launch\w*|handl\w*|boards?|boarded|boarding|"
    r"takes?|took|taking|picks? up|picked up) (?:\w+ ){0,2}sales\b"
)
_PLAIN_FORMS = frozenset({"buy", "acquire", "pick up", "snap up", "scoop up"})
_PLURAL_SUBJECT = re.compile(r"\s(?:(?i:and)|&)\s(?:[A-Z0-9][\w&+.'!-]*\s){1,4}$")
_CONNECTIVE = re.compile(
    r"\s*(?:[A-Z][A-Z .]{1,30}:\s)?"  # a dateline: "NEW YORK: "
    r"(?:(?:Meanwhile|Separately|Also|And|But|Elsewhere|Likewise|Finally|Then),?\s)?"
)
_CAPITALISED_TAIL = re.compile(r"(?:[A-Z0-9][\w&+.'-]*\s?){1,5}$")
_NOT_BUYERS = words(
    """monday tuesday wednesday thursday friday saturday sunday exclusive update the it he
    she they deadline variety sources source report reports according meanwhile plus also"""
)
_SPLIT_PARTS = re.compile(r";")
_CLAUSE_BREAK = re.compile(r",\s(?!\d)|\sbut\s|\swhile\s|\swhereas\s")
_LIST_PUNCTUATION = re.compile(r"[\s,'\"&]")


# "paid $12.5M for A, $8M for the drama B": the next item of a list of purchases.
# "took A and TIFF market title B", "picked up A, and Sam Levinson's quarantine film 'B'".
_DESCRIBED_ITEM = re.compile(
    r"[\"'”’]?,?[\"'”’]?(?:\sfrom\s(?:[A-Z][\w&.'-]*\s?){1,4})?\s(?:and|as well as|plus)\s"
    r"(?:the\s)?(?:[\w'’.-]+\s){0,6}?"
    r"(?i:title|film|drama|comedy|documentary|doc|thriller|pic|feature|horror|debut|entry|winner|"
    r"pick)\s[\"'“‘]?"
)
# "acquired Imogene, a comedy starring Kristen Wiig about ..., and Stuart Blumberg's B": a
# described first item, then the next one (with no company in between).
_APPOSITIVE_ITEM = re.compile(
    r"[\"'”’]?,\s(?:a|an|the)\s[^;]{3,140}?,\s(?:and|as well as|plus)\s"
    r"(?:(?:[A-Z][\w.'-]*\s){0,2}[A-Z][\w.-]*['’]s\s)?[\"'“‘]?"
)
# "nabbed Ana Ruiz's A and Teo Vance's B": the next item named with its director.
_CREDITED_ITEM = re.compile(
    r"[\"'”’]?,?\s(?:and|as well as|plus)\s(?:[A-Z][\w.'-]*\s){0,2}[A-Z][\w.-]*['’]s\s[\"'“‘]?"
)
_PRICED_ITEM = re.compile(
    r"[^,;$]{0,60},\s(?:and\s)?(?:[$£€][\d.,]{1,8}\s?(?:million|m|k)?|(?:low|mid|high)?-?\s?"
    r"(?:six|seven|eight)[- ]figures)\s(?:for|on)\s(?:[\w'’.-]+\s){0,8}[\"'“‘]?$",
    re.IGNORECASE,
)


def _is_list_separator(gap: str) -> bool:
    """Only commas, quotes and "and" between two titles: "'A,' 'B' and 'C'"."""
    return len(gap) <= 12 and _LIST_PUNCTUATION.sub("", gap).casefold() in ("", "and")


_DISTRIBUTING_COMPANY = re.compile(
    rf"(?:{COMPANY_PATTERN.pattern})(?=\s(?i:will|is set to|is to|is going to)\s"
    r"(?i:distribute|release|handle)\s(?i:it|the\s(?:film|movie|picture|documentary|doc|"
    r"feature|title))\b)"
)


def _article_context(article: ArticleText, sentences: Sequence[Sentence]) -> _Context:
    headline = sentences[0].text if sentences and sentences[0].headline else ""
    all_text = " ".join(s.text for s in sentences)
    # The markets a deal may be made at; "Sundance Channel" is a buyer, not the festival.
    festivals = [name for _pos, name in find_festivals(BUYER_PATTERN.sub(_blank, all_text))]
    headline_festivals = [name for _pos, name in find_festivals(headline)]
    lineup = None
    premiere_festivals = [name for name in headline_festivals if name not in MARKETS]
    if premiere_festivals and (_LINEUP.search(headline) or _LINEUP_BODY.search(all_text)):
        lineup = premiere_festivals[0]
    # The buyer a pronoun ("the company", "it") stands for: the headline's, else the first
    # one the article names.
    buyer_match = BUYER_PATTERN.search(headline) or BUYER_PATTERN.search(all_text)
    # "X has been picked up ... Quill Films will distribute the film": the company named as
    # the distributor, for a deal told on the film's side without its buyer.
    distributing = _DISTRIBUTING_COMPANY.search(all_text)
    platform_match = PLATFORM_PATTERN.search(headline)
    return _Context(
        published=article.published.date() if article.published else None,
        headline=headline,
        change_article=bool(_CHANGE_HEADLINE.search(_MOVING_AS_ADJECTIVE.sub("", headline))),
        lineup_festival=lineup,
        bidding_war=bool(_BIDDING.search(all_text)),
        festivals=festivals,
        headline_buyer=canonical_buyer(buyer_match.group(0)) if buyer_match else None,
        headline_platform=canonical_platform(platform_match.group(0)) if platform_match else None,
        distributor=canonical_buyer(distributing.group(0)) if distributing else None,
    )


@dataclass
class _Found:
    film: FilmProfile
    kind: EventKind
    fields: dict[str, Any]
    confidence: float
    sentence: Sentence
    from_headline: bool = False
    from_body: bool = False

    def __post_init__(self) -> None:
        self.from_headline = self.from_headline or self.sentence.headline
        self.from_body = self.from_body or not self.sentence.headline


Extractor = Callable[["_Site"], "list[tuple[dict[str, Any], float]] | None"]


@dataclass(frozen=True)
class _Site:
    """One trigger attached to one film: where to read the fields from."""

    ctx: _Context
    sentence: Sentence
    trigger: re.Match[str]
    spec: _Trigger
    target: _Ref
    region_start: int
    region_end: int

    @property
    def text(self) -> str:
        """The whole sentence."""
        return self.sentence.text

    @property
    def region(self) -> str:
        """The part of the sentence that belongs to the target film."""
        return self.sentence.text[self.region_start : self.region_end]

    @property
    def clause_start(self) -> int:
        """Where the trigger's clause starts (after the last comma or "but" before it)."""
        head = self.text[self.region_start : self.trigger.start()]
        cuts = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
        return self.region_start + cuts[-1] if cuts else self.region_start

    @property
    def clause(self) -> str:
        """From the start of the trigger's clause to the end of the film's region."""
        return self.text[self.clause_start : self.region_end]

    @property
    def own_clause(self) -> str:
        """Only the trigger's own clause: up to the next comma or "but" after it."""
        tail = self.text[self.trigger.end() : self.region_end]
        cut = _CLAUSE_BREAK.search(tail)
        end = self.trigger.end() + cut.start() if cut else self.region_end
        return self.text[self.clause_start : max(end, self.target.end)]

    def before_trigger(self, tokens: int) -> str:
        """The last ``tokens`` words before the trigger, within the film's region."""
        words = self.text[self.region_start : self.trigger.start()].split()
        return " ".join(words[-tokens:]) if tokens else ""


class Detector:
    """Runs the rules over articles for a set of films (build once, call ``detect`` often)."""

    def __init__(
        self,
        matcher: FilmMatcher,
        *,
        keywords: Iterable[KeywordRule] = (),
        discover: bool = False,
    ) -> None:
        self.matcher = matcher
        self.keywords = tuple(keywords)
        self.discover = discover

    def detect(self, article: ArticleText) -> list[Detection]:
        """Every event in ``article``: one per film and kind (two release dates stay two)."""
        quick_text = f"{article.title[:1000]} {article.summary[:20000]}"
        wants_discovery = self.discover and any(q in article.title for q in "'\"‘’“”")
        if not self.matcher.might_match(quick_text) and not wants_discovery:
            return []
        sentences = split_sentences(article.title, article.summary)
        if not sentences:
            return []
        ctx = _article_context(article, sentences)
        if ctx.headline and _NON_NEWS_HEADLINE.search(ctx.headline):
            return []
        if any(s.text.startswith("Watched on") for s in sentences if not s.headline):
            return []
        # "READ MORE: ..." links to another article: its titles are not this one's news.
        mentions = [
            m for m in self.matcher.mentions(sentences) if not _LINK_LINE.match(m.sentence.text)
        ]
        if self.discover:
            mentions = mentions + _discovered_mentions(sentences, mentions)
        found = self._extract(ctx, sentences, mentions)
        return _merge(article, found)

    def _extract(
        self, ctx: _Context, sentences: Sequence[Sentence], mentions: Sequence[Mention]
    ) -> list[_Found]:
        by_sentence: dict[int, list[_Ref]] = {}
        # A title that is also a country and stands in a territory list once is the country
        # throughout the article ("Madman Takes Australia" over "took Australia and NZ").
        countries = {
            m.film.key for m in mentions if _territory_slot(m.sentence.text, m.start, m.end, 1)
        }
        for mention in mentions:
            if mention.credit or mention.film.key in countries:
                continue
            if _territory_slot(mention.sentence.text, mention.start, mention.end):
                continue
            by_sentence.setdefault(mention.sentence.index, []).append(
                _Ref(mention.film, mention.start, mention.end)
            )
        found: list[_Found] = []
        last_refs: list[_Ref] = []
        person_films = _films_by_person(self.matcher, sentences, mentions)
        resolved: list[tuple[Sentence, list[_Ref]]] = []
        headline_films = {r.film.key: r.film for r in by_sentence.get(0, [])}
        mentioned_films = list({m.film.key: m.film for m in mentions if not m.credit}.values())
        topic = next(iter(headline_films.values())) if len(headline_films) == 1 else None
        for sentence in sentences:
            refs = by_sentence.get(sentence.index, [])
            if not refs:
                refs = _counted_films(sentence, by_sentence.get(sentence.index + 1, []))
            if not refs:
                people = person_films.get(sentence.index, set())
                refs = _anaphora(
                    sentence, last_refs, people, topic=topic, mentioned=mentioned_films
                )
            else:
                refs = refs + _pronoun_refs(sentence.text, refs, last_refs)
                last_refs = refs
                questions = _question_spans(sentence)
                refs = [r for r in refs if not any(s <= r.start < e for s, e in questions)]
            if not refs:
                continue
            single = len({r.film.key for r in refs}) == 1
            for ref in refs:
                scope = sentence.text if single else _part_of(sentence.text, ref.start)
                if _PAST_PREMIERE.search(scope):
                    ctx.past_premiere.add(ref.film.key)
            resolved.append((sentence, refs))
        for sentence, refs in resolved:
            found.extend(self._sentence_events(ctx, sentence, refs))
            found.extend(_listed_dates(ctx, sentence, refs))
            found.extend(_listed_deals(ctx, sentence, refs))
        found.extend(_labelled_deals(ctx, sentences, by_sentence))
        if ctx.lineup_festival:
            found.extend(_lineup_premieres(ctx, mentions))
        found.extend(_caption_premieres(ctx, sentences, mentions))
        _moved_over_two_sentences(ctx, resolved, found)
        return _drop_restated(ctx, _completed_moves(found))

    def _sentence_events(self, ctx: _Context, sentence: Sentence, refs: list[_Ref]) -> list[_Found]:
        found: list[_Found] = []
        # Deals in the order the sentence tells them: the first buyer named wins a merge
        # ("Optimum acquired A and B from Wild Bunch, who also sold it to Paramount").
        deals: list[tuple[int, _Found]] = []
        parts = _parts(sentence.text)
        questions = _question_spans(sentence)
        for spec in TRIGGERS:
            for match in itertools.islice(spec.pattern.finditer(sentence.text), MAX_TRIGGERS):
                if any(s <= match.start() < e for s, e in questions):
                    continue
                part_start, part_end = next(
                    (s, e) for s, e in parts if s <= match.start() < max(e, s + 1)
                )
                candidates = [r for r in refs if r.virtual or part_start <= r.start < part_end]
                if not candidates:
                    candidates = _carried_over(sentence.text, refs, part_start, part_end)
                deal = spec.kind is EventKind.DEAL_ACQUISITION
                dated = spec.kind in (
                    EventKind.RELEASE_DATE_ANNOUNCED,
                    EventKind.RELEASE_DATE_CHANGED,
                )
                targets = _targets(
                    candidates, match, spec.direction, sentence.text, deal=deal, dated=dated
                )
                for target in targets:
                    if spec.kind not in DISCOVERY_KINDS and not target.film.followed:
                        continue
                    if target.start <= match.start() and match.end() <= target.end:
                        continue  # a word of the title ("Exit" in "French Exit")
                    start, end = _region(target, candidates, part_start, part_end, match)
                    site = _Site(ctx, sentence, match, spec, target, start, end)
                    results = EXTRACTORS[spec.kind](site)
                    for fields, confidence in results or []:
                        item = _Found(target.film, spec.kind, fields, confidence, sentence)
                        if deal:
                            deals.append((match.start(), item))
                        else:
                            found.append(item)
        found.extend(item for _start, item in sorted(deals, key=lambda pair: pair[0]))
        found.extend(self._keyword_events(ctx, sentence, refs))
        return found

    def _keyword_events(self, ctx: _Context, sentence: Sentence, refs: list[_Ref]) -> list[_Found]:
        found: list[_Found] = []
        lowered = sentence.text.casefold()
        for rule in self.keywords:
            index = _find_phrase(lowered, rule.phrase.casefold())
            if index < 0:
                continue
            for ref in refs:
                if not ref.film.followed:
                    continue
                if rule.film is not None and normalize_title(rule.film) not in {
                    normalize_title(n) for n in ref.film.names
                }:
                    continue
                fields: dict[str, Any] = {"keyword": rule.phrase}
                if rule.kind in (EventKind.RELEASE_DATE_ANNOUNCED, EventKind.RELEASE_DATE_CHANGED):
                    dates = find_dates(sentence.text, ctx.published)
                    if dates:
                        key = (
                            "date" if rule.kind is EventKind.RELEASE_DATE_ANNOUNCED else "new_date"
                        )
                        fields |= {key: dates[0].iso, "precision": dates[0].precision}
                found.append(_Found(ref.film, rule.kind, fields, 0.7, sentence))
        return found


DISCOVERY_KINDS = frozenset(
    {
        EventKind.DEAL_ACQUISITION,
        EventKind.DEAL_TALKS,
        EventKind.RELEASE_DATE_ANNOUNCED,
        EventKind.RELEASE_DATE_CHANGED,
        EventKind.RELEASE_PREMIERE,
    }
)


_LINK_LINE = re.compile(
    r"^(?:read more|related|see also|also read|more from|recommended|related stories)\s?:", _I
)


def _find_phrase(text: str, phrase: str) -> int:
    if not phrase:
        return -1
    for match in re.finditer(re.escape(phrase), text):
        start, end = match.start(), match.end()
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return start
    return -1


def _part_of(text: str, position: int) -> str:
    for start, end in _parts(text):
        if start <= position < max(end, start + 1):
            return text[start:end]
    return text


def _parts(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in _SPLIT_PARTS.finditer(text)] + [len(text) + 1]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def _targets(
    candidates: list[_Ref],
    match: re.Match[str],
    direction: str,
    text: str,
    *,
    deal: bool = False,
    dated: bool = False,
) -> list[_Ref]:
    virtual = [r for r in candidates if r.virtual]
    if virtual:
        return virtual
    # "'Barbie' Effect: Studios Move Films To Summer": a verb whose object is films in general
    # is about no film named before it (a list may follow: "Buys Three Films: 'A', 'B'").
    generic = _GENERIC_OBJECT.match(text, match.end())
    if generic and not (company_at(text, generic.start() + 1)):
        candidates = [r for r in candidates if r.start >= match.end()]
    after = sorted((r for r in candidates if r.start >= match.end()), key=lambda r: r.start)
    before = sorted((r for r in candidates if r.end <= match.start()), key=lambda r: -r.end)
    inside = [r for r in candidates if r.start < match.end() and r.end > match.start()]
    if inside:
        # "Removes Spiral, Antebellum & Run From Release Calendar": every film the trigger's
        # own words enclose; a title holding the trigger word is one film.
        enclosed = [r for r in inside if match.start() < r.start and r.end < match.end()]
        return enclosed or inside[:1]
    chosen: list[_Ref]
    if (
        deal
        and direction == "after"
        and _object_refers_back(text, match, after, before[0] if before else None)
    ):
        chosen = before[:1]
    elif direction == "after":
        chosen = after[:1]
    elif direction == "before":
        chosen = before[:1]
    else:
        nearest_after = after[0] if after else None
        nearest_before = before[0] if before else None
        if nearest_before and _RELATIVE_LEAD.search(text, nearest_before.end, match.start()):
            # "X, starring Y, which will open the event": the relative clause is X's.
            chosen = [nearest_before]
        elif nearest_after and nearest_before:
            gap_after = nearest_after.start - match.end()
            gap_before = match.start() - nearest_before.end
            # The film in the trigger's own clause wins over a nearer one across a clause
            # break: "A ... will open on May 5, B ..." is about A.
            broken_after = bool(_CLAUSE_BREAK.search(text[match.end() : nearest_after.start]))
            broken_before = bool(_CLAUSE_BREAK.search(text[nearest_before.end : match.start()]))
            if broken_after != broken_before:
                chosen = [nearest_before if broken_after else nearest_after]
            else:
                chosen = [nearest_after if gap_after < gap_before else nearest_before]
        else:
            chosen = [r for r in (nearest_after, nearest_before) if r is not None][:1]
    if not chosen:
        return []
    # A list of films governed by one trigger: "Trailers: 'A,' 'B' and 'C'".
    group = [chosen[0]]
    ordered = sorted(candidates, key=lambda r: r.start)
    index = ordered.index(chosen[0])
    # Walk away from the trigger: backwards from a film before it, forwards from one after.
    step = -1 if chosen[0].end <= match.start() else 1
    cursor = index
    while 0 <= cursor + step < len(ordered):
        left, right = sorted((ordered[cursor], ordered[cursor + step]), key=lambda r: r.start)
        gap = text[left.end : right.start]
        listed = (
            _PRICED_ITEM.match(gap)
            or _DESCRIBED_ITEM.fullmatch(gap)
            or (
                (_APPOSITIVE_ITEM.fullmatch(gap) or _CREDITED_ITEM.fullmatch(gap))
                and not BUYER_PATTERN.search(gap)
                and not COMPANY_PATTERN.search(gap)
            )
        )
        # "has dated A for March 6 and B for April 10": one verb, a date for each film.
        gapped = dated and step > 0 and _gapped_date(gap)
        if not (_is_list_separator(gap) or (deal and step > 0 and listed) or gapped):
            break
        group.append(ordered[cursor + step])
        cursor += step
    return group


# "Neon picked up this coming-of-age drama", "acquired it": an object that points back.
_BACK_OBJECT = _rx(
    r"\s(?:(?:this|that|the)\s(?:[\w'-]+\s){0,3}(?:film|pic|movie|drama|comedy|documentary|doc|"
    r"thriller|feature|title|project|horror|western|romance|biopic|tale|debut|sequel|entry|"
    r"character study|period piece)|it)\b(?!['’]s)"
)
_OTHER_OBJECT = _rx(
    r"\b(?:rights|remake|option)\s(?:to|of|on)\b|\b(?:novel|book|memoir|play|series|show|script|"
    r"screenplay|article|podcast|game|format|comic|catalog(?:ue)?|library|company|stake)s?\b"
)
_RIGHTS_ALONE = _rx(r"\s(?:the\s)?(?:[\w.-]+\s){0,3}rights\b(?!\s(?:to|of|on)\b)")
# A round-up caption: the film opens the sentence and a colon or dash follows it.
_CAPTION_TAIL = re.compile(r"[\"'”’]?\s?(?::|\s[-–—])\s")


def _object_refers_back(
    text: str, match: re.Match[str], after: list[_Ref], film: _Ref | None
) -> bool:
    """Whether an active deal verb's object is the film named before it (or none named).

    "Beach Rats: Neon picked up this coming-of-age drama" (the object points back: never
    the film named after it) or "Brigsby Bear: ... after SPC acquired worldwide rights" (a
    caption and no film after).
    """
    pointer = _BACK_OBJECT.match(text, match.end())
    if pointer is not None:
        # "acquired the drama Marrowby Lane" or "the documentary 'Long Strange Trip'": a
        # title right after is the object.
        titled = pointer.group(0).strip().casefold() != "it" and re.match(
            r"\s?[\"'“‘]|\s(?-i:[A-Z])", text[pointer.end() :]
        )
        return not (titled or (after and after[0].start - pointer.end() <= 3))
    # "Neon will release X in theaters after acquiring North American rights", "Neon Boards
    # 'X', Bags US Rights": the rights are to the film the clause is about.
    if (
        film is not None
        and not after
        and re.search(
            r"(?:\b(?:after|upon|since|when|by|and)\s|,\s)$",
            text[max(0, match.start() - 7) : match.start()],
            _I,
        )
        and _RIGHTS_ALONE.match(text, match.end())
    ):
        return True
    caption = (
        film is not None
        and not after
        and re.fullmatch(r"[\W\d]{0,3}", text[: film.start]) is not None
        and _CAPTION_TAIL.match(text, film.end) is not None
    )
    # "X: Neon picked up the rights to a novel": the verb names an object of its own.
    return caption and not _OTHER_OBJECT.search(text, match.end(), match.end() + 60)


# "..., which will open", "that will have its world premiere": the trigger in a relative
# clause belongs to the film before it.
_RELATIVE_LEAD = re.compile(
    r"[\s,](?:which|that|who)\s(?:(?:will|would|is|was|has|had|now|also|then|set to|to|"
    r"have|be)\s){0,3}$"
)


_GENERIC_OBJECT = _rx(
    r"\s(?:(?:its|their|several|some|two|three|four|five|six|\d+|more|other|new|all|the) )?"
    r"(?:[\w-]+ )?(?:films|movies|titles|releases|projects|pictures)\b"
)


_GAPPED_ITEM = re.compile(
    r"[\"'’”]?\s(?i:for|on|to|into)\s([^,;()]{3,30}?)(?:,\s(?i:and\s)?|\s(?i:and)\s)[\"'‘“]?"
)


def _gapped_date(gap: str) -> bool:
    """Whether the words between two films are the first one's date and "and"."""
    item = _GAPPED_ITEM.fullmatch(gap)
    if item is None:
        return False
    return bool(find_dates(f"on {item.group(1)}", _ANY_DAY))


# Only whether a date is there matters, not its year.
_ANY_DAY = date(2000, 1, 1)


def _carried_over(text: str, refs: list[_Ref], part_start: int, part_end: int) -> list[_Ref]:
    """The film of the part before a semicolon, for a part that refers back to it.

    "X will open on February 26; on March 26 it will become available on PVoD".
    """
    before = {r.film.key: r.film for r in refs if not r.virtual and r.start < part_start}
    if len(before) != 1 or not _ANAPHOR.search(text[part_start:part_end]):
        return []
    return [_Ref(next(iter(before.values())), 0, 0, virtual=True)]


def _region(
    target: _Ref, candidates: list[_Ref], part_start: int, part_end: int, match: re.Match[str]
) -> tuple[int, int]:
    if target.virtual:
        return part_start, part_end
    start, end = part_start, part_end
    for other in candidates:
        if other.film.key == target.film.key or other.virtual:
            continue
        if other.end <= target.start:
            start = max(start, other.end)
        elif other.start >= target.end:
            end = min(end, other.start)
    return min(start, match.start()), max(end, match.end())


# "The pic", "the drama": the film the article is about, which the headline names.
_TOPIC_NOUN = _rx(
    r"\b(?:the|this) (?:[\w'-]+ ){0,2}(?:film|pic|movie|drama|comedy|documentary|doc|thriller|"
    r"feature|project|title|romance|rom-com|adaptation|horror|western|biopic)\b"
)


# "picked up the North American rights to three popular Danish films": the films the next
# sentence lists, when it lists that many.
_COUNTED = _rx(
    r"\b(?P<count>two|three|four|five|six|[2-6]) (?:[\w'-]+ ){0,4}?(?:films|movies|titles|"
    r"features|pics|documentaries|docs)\b"
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _counted_films(sentence: Sentence, following: list[_Ref]) -> list[_Ref]:
    """Virtual references to the films a count in this sentence announces."""
    counted = _COUNTED.search(sentence.text)
    if counted is None or sentence.headline:
        return []
    word = counted.group("count").casefold()
    number = _COUNTS.get(word) or int(word)
    films = {r.film.key: r.film for r in following}
    if len(films) != number:
        return []
    return [_Ref(film, 0, 0, virtual=True) for film in films.values()]


def _anaphora(
    sentence: Sentence,
    last_refs: list[_Ref],
    person_films: set[int],
    *,
    topic: FilmProfile | None = None,
    mentioned: Sequence[FilmProfile] = (),
) -> list[_Ref]:
    """A sentence that names no film may still be about the one named just before, or, for
    "the film" or "the pic", about the one the headline names."""
    if not last_refs:
        return []
    films = {r.film.key: r.film for r in last_refs}
    candidates = [r.film for r in last_refs if r.film.key in person_films]
    named = [f for f in mentioned if f.key in person_films and f.key not in films]
    if not candidates and len(person_films) == 1 and len(named) == 1:
        # "... an Elvis Presley drama directed by Baz Luhrmann; the movie has been pushed":
        # the film whose person the sentence names, though another was named just before.
        return [_Ref(named[0], 0, 0, virtual=True)]
    named_topic = topic is not None and _TOPIC_NOUN.search(sentence.text) is not None
    if len(films) != 1 and len(candidates) != 1:
        return [_Ref(topic, 0, 0, virtual=True)] if topic and named_topic else []
    film = candidates[0] if len(films) != 1 else next(iter(films.values()))
    if topic is not None and named_topic and film.key != topic.key and film.key not in person_films:
        # "The drama reunites Quint with the team behind Velmora Station. Neon will release
        # the film on May 5": the film is the headline's, not the one named in passing.
        film = topic
    if film.key in person_films or _ANAPHOR.search(sentence.text):
        return [_Ref(film, 0, 0, virtual=True)]
    return []


# A pronoun right next to a trigger stands for the film named before: "Warners is moving it
# up a week to June 16, where Sony has No Hard Feelings" moves the earlier film.
_PRONOUN_OBJECT = re.compile(r"\s(?:it|them)\b(?!')")
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;]\s|\b(?:and|but|so|then)\s)(?:[Ii]t|[Tt]hey)\s(?:(?:will|would|has|have|is|are|"
    r"was|had|now|also|just|then|officially|been)\s){0,3}$"
)


_HEADLINE_PIECE = re.compile(r"[?!.:;|]\s|\s[-–—]\s|[?]$")


def _question_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """The questions of a headline ("Is 'X' On Netflix?", "Pascal Confirmed For 'X'?"): a
    question states nothing, whatever its words."""
    if not sentence.headline or "?" not in sentence.text:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for piece in _HEADLINE_PIECE.finditer(sentence.text):
        if piece.group(0).startswith("?"):
            spans.append((start, piece.end()))
        start = piece.end()
    return spans


def _pronoun_refs(text: str, refs: list[_Ref], last_refs: list[_Ref]) -> list[_Ref]:
    """The earlier film where a pronoun is a trigger's object or subject, before any film the
    sentence names itself."""
    earlier = {r.film.key: r.film for r in last_refs}
    if len(earlier) != 1:
        return []
    film = next(iter(earlier.values()))
    if any(r.film.key == film.key for r in refs):
        return []
    first_named = min(r.start for r in refs)
    found: dict[int, _Ref] = {}
    for spec in TRIGGERS:
        for match in itertools.islice(spec.pattern.finditer(text), MAX_TRIGGERS):
            after = _PRONOUN_OBJECT.match(text, match.end())
            if after:
                found.setdefault(after.start() + 1, _Ref(film, after.start() + 1, after.end()))
                continue
            before = _PRONOUN_SUBJECT.search(text, 0, match.start())
            if before:
                start = before.start() + len(before.group(0)) - len(before.group(0).lstrip(",; "))
                pronoun = re.match(r"(?:and |but |so |then )?(\w+)", text[start:])
                if pronoun:
                    begin = start + pronoun.start(1)
                    found.setdefault(begin, _Ref(film, begin, start + pronoun.end(1)))
    return [ref for position, ref in sorted(found.items()) if position < first_named]


def _films_by_person(
    matcher: FilmMatcher, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> dict[int, set[int]]:
    """Per sentence, the mentioned films whose people it names ("Lars von Trier's flick")."""
    mentioned = {m.film.key: m.film for m in mentions}
    result: dict[int, set[int]] = {}
    for sentence in sentences:
        lowered = normalize_title(sentence.text)
        padded = f" {lowered} "
        for key, film in mentioned.items():
            if any(
                f" {normalize_title(p)} " in padded or f" {normalize_title(p)}s " in padded
                for p in film.people
            ):
                result.setdefault(sentence.index, set()).add(key)
    return result


_QUOTED_TITLE = re.compile(r"(?:^|(?<=[\s(:,]))(['\"])([A-Z0-9][^'\"]{0,80}?)\1(?=[\s,:;.!?)]|$)")


def _discovered_mentions(
    sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[Mention]:
    """Films nobody follows, named in quotes in the headline ("Lands 'Good Sex'")."""
    if not sentences or not sentences[0].headline:
        return []
    headline = sentences[0]
    taken = [(m.start, m.end) for m in mentions if m.sentence.index == 0]
    found: list[Mention] = []
    for number, match in enumerate(_QUOTED_TITLE.finditer(headline.text), start=1):
        title = match.group(2).strip().rstrip(",.")
        start, end = match.start(2), match.start(2) + len(title)
        if any(s < end and start < e for s, e in taken) or not _looks_like_title(title):
            continue
        film = FilmProfile(key=-number, title=title, followed=False)
        found.append(Mention(film, headline, start, end, quoted=True))
        pattern = re.compile(r"(?<!\w)" + re.escape(title) + r"(?!\w)")
        for sentence in sentences[1:]:
            found.extend(
                Mention(film, sentence, m.start(), m.end()) for m in pattern.finditer(sentence.text)
            )
    return found


def _looks_like_title(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if not words or len(words) > 10:
        return False
    if text.casefold() in BUYERS:
        return False
    return all(w[0].isupper() for w in words if len(w) > 3)


_SUBTITLE_BEFORE_DATE = re.compile(r"(?:[A-Z][\w'’-]*\s){1,6}(?=[01]?\d/[0-3]?\d/)")
_LISTED_DATE = re.compile(r"^[\"']?\s?(?:[-:(]|\s-)\s?(?=\S)")
# "Production Roundup" lists films with their studios: only a deals round-up lists buyers.
_DEALS_HEADLINE = _rx(
    r"\b(?:deals?|acquisitions?|acquired|bought|sales|sold|buys|pickups?|scorecard|market)\b"
)
_SCHEDULE_HEADLINE = _rx(
    r"\b(?:release dates?|dates|slate|schedule|calendar|line-?up|premiere dates|coming to|"
    r"coming soon to|upcoming (?:[\w-]+ ){0,2}releases|new (?:to|on) (?:[\w+]+ )?(?:this|next) "
    r"(?:week|month)|(?:headed|heading|coming) (?:to|for) (?:4k|blu-ray|dvd|digital|disc|"
    r"streaming|vod))\b"
)
_LEAVING_HEADLINE = _rx(r"\b(?:leaving|expiring|last chance)\b")
# "March 6 - Nightjar", "March 4: Nightjar (4K)": the date first, then the title.
_DATE_THEN_TITLE = re.compile(r"(?:^|[;:•|]\s?)([^;•|:,]{3,24}?)\s?(?:-|:|,)\s?[\"'“‘]?$")


def _listed_dates(ctx: _Context, sentence: Sentence, refs: list[_Ref]) -> list[_Found]:
    """A release schedule written as a list: "Love at First Sight - September 15"."""
    # A festival line-up's "X - March 7" or "March 7 - X" is a screening, not a release.
    if _LEAVING_HEADLINE.search(ctx.headline) or ctx.lineup_festival is not None:
        return []
    if not _SCHEDULE_HEADLINE.search(ctx.headline):
        return _dated_credits(ctx, sentence, refs)
    found: list[_Found] = []
    for ref in refs:
        if ref.virtual or not ref.film.followed:
            continue
        fronted = _date_before_title(ctx, sentence.text[max(0, ref.start - 40) : ref.start])
        if fronted is not None and not find_festivals(ctx.headline):
            fields = _date_fields(fronted) | _listed_medium(ctx)
            found.append(_Found(ref.film, EventKind.RELEASE_DATE_ANNOUNCED, fields, 0.75, sentence))
            continue
        rest = sentence.text[ref.end : ref.end + 160]
        # "Title - September 15", "Title: Sept. 15", or "Title 9/15/2017" (a list of dates)
        lead = _LISTED_DATE.match(rest) or re.match(r"\s(?=[01]?\d/[0-3]?\d)", rest)
        if lead is None:
            continue
        listed = rest[lead.end() :]
        # "Winchester: The House That Ghosts Built 2/2/2018": the rest of the title first.
        subtitle = _SUBTITLE_BEFORE_DATE.match(listed) if rest.startswith(":") else None
        listed = listed[subtitle.end() :] if subtitle else listed
        dates = find_dates(listed, ctx.published)
        if not dates or dates[0].start != 0 or dates[0].precision not in ("day", "month"):
            continue
        medium = _listed_medium(ctx)
        # "Winchester 2/2/2018 (from 2/23/2018)": a move, with the old date when readable.
        moved = re.match(r"\s?\((?:from|was|previously|originally)\s", listed[dates[0].end :], _I)
        if moved:
            fields = _date_fields(dates[0], "new_date") | medium
            old_text = listed[dates[0].end + moved.end() : dates[0].end + moved.end() + 30]
            old = find_dates(old_text, ctx.published)
            if old and old[0].start == 0:
                fields["old_date"] = old[0].iso
                later = _date_key(dates[0]) > _date_key(old[0])
                fields["direction"] = "delayed" if later else "moved_up"
            found.append(_Found(ref.film, EventKind.RELEASE_DATE_CHANGED, fields, 0.75, sentence))
            continue
        fields = _date_fields(dates[0]) | medium
        found.append(_Found(ref.film, EventKind.RELEASE_DATE_ANNOUNCED, fields, 0.75, sentence))
    return found


# "The Edge of Heaven (November 14, Pyramide)": a slate's date and distributor after a title;
# "A (March 6), B (April 10) and C (May 1)": a list of titles with their dates.
_DATE_AND_DISTRIBUTOR = re.compile(r"\s?\(([^(),]{3,24}),\s(?:[A-Z][\w&.'-]*\s?){1,4}\)")
_DATE_ALONE = re.compile(r"['’\"]?\s?\(([^(),]{3,24})\)")


def _dated_credits(ctx: _Context, sentence: Sentence, refs: list[_Ref]) -> list[_Found]:
    """Titles followed by "(date, Distributor)" in any article: a release slate."""
    found: list[_Found] = []
    alone = [r for r in refs if not r.virtual and _DATE_ALONE.match(sentence.text, r.end)]
    for ref in refs:
        if ref.virtual or not ref.film.followed:
            continue
        credit = _DATE_AND_DISTRIBUTOR.match(sentence.text, ref.end)
        if credit is None and len(alone) >= 2 and ref in alone:
            credit = _DATE_ALONE.match(sentence.text, ref.end)
        if credit is None:
            continue
        text = credit.group(1)
        dates = find_dates(text, ctx.published)
        if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(text):
            continue
        if dates[0].precision not in ("day", "month"):
            continue
        fields = _date_fields(dates[0]) | {"medium": "theatrical"}
        found.append(_Found(ref.film, EventKind.RELEASE_DATE_ANNOUNCED, fields, 0.7, sentence))
    return found


def _date_before_title(ctx: _Context, before: str) -> DateMention | None:
    """The date that opens a list item right before its title ("March 6 - Nightjar")."""
    item = _DATE_THEN_TITLE.search(before)
    if item is None:
        return None
    text = item.group(1).strip()
    dates = find_dates(text, ctx.published)
    if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(text):
        return None
    return dates[0] if dates[0].precision in ("day", "month") else None


def _listed_medium(ctx: _Context) -> dict[str, Any]:
    """The medium of a schedule list: its headline's platform or home format, else theaters."""
    if ctx.headline_platform:
        return {"medium": "streaming", "platform": ctx.headline_platform}
    named = {m.lastgroup for m in _MEDIUM_WORDS.finditer(ctx.headline)}
    for medium in ("disc", "digital", "streaming"):
        if medium in named:
            return {"medium": medium}
    return {"medium": "theatrical"}


def _listed_deals(ctx: _Context, sentence: Sentence, refs: list[_Ref]) -> list[_Found]:
    """A deals round-up written as a list: "'Patti Cake$' (Fox Searchlight, $9.5M)".

    A headline alone may say it the same way: "Cannes: 'Marrowby Lane' To Neon".
    """
    listing = bool(_DEALS_HEADLINE.search(ctx.headline))
    if not listing and not sentence.headline:
        return []
    found: list[_Found] = []
    for ref in refs:
        if ref.virtual or not ref.film.followed:
            continue
        if _TV_BEFORE.search(sentence.text, max(0, ref.start - 20), ref.start):
            continue  # "TV Series 'X' Goes to Mubi"
        rest = sentence.text[ref.end : ref.end + 120]
        if not listing:
            sold = _SOLD_TO.match(rest)
            buyer = BUYER_PATTERN.match(rest, sold.end()) if sold else None
            if buyer is None or not _HEADLINE_SALE_END.match(rest, buyer.end()):
                continue  # only "'X' To Neon" and "'X' To Neon In $5M Deal"
            if find_dates(rest[buyer.end() :], ctx.published):
                continue  # "'X' To Netflix In March" is a release
        lead = _LISTED_DATE.match(rest)
        # "A24: The End of the Tour – The latest from ...": the buyer heads the entry.
        heading = _BUYER_HEADING.fullmatch(sentence.text[: ref.start])
        if heading is not None and _CAPTION_TAIL.match(sentence.text, ref.end):
            buyer = BUYER_PATTERN.fullmatch(heading.group(1)) or COMPANY_PATTERN.fullmatch(
                heading.group(1)
            )
            tail = ""
        elif lead is not None:
            tail = rest[lead.end() :]
            buyer = company_at(tail)
        elif (sold := _SOLD_TO.match(rest)) is not None:
            # "Theater Camp to Searchlight for $8 million; Passages to Mubi": a seller's list.
            tail = rest[sold.end() :]
            buyer = BUYER_PATTERN.match(tail)
            if buyer is not None and find_dates(tail[: tail.find(";")], ctx.published):
                continue  # "X to Netflix on March 5" is a release
        else:
            continue
        item = tail[: tail.find(")")] if ")" in tail else tail[:60]
        deal = _listed_deal(ctx, ref, buyer, sentence, find_money(item))
        if deal is not None:
            found.append(deal)
    return found


def _listed_deal(
    ctx: _Context,
    ref: _Ref,
    buyer: re.Match[str] | None,
    sentence: Sentence,
    money: Sequence[Money] = (),
) -> _Found | None:
    """The deal of one entry of a deals list or tracker; None when no buyer (or only a sales
    agent) is named."""
    if buyer is None or buyer.group(0).casefold() in SALES_AGENTS:
        return None
    fields: dict[str, Any] = {"buyer": canonical_buyer(buyer.group(0))}
    if money:
        fields["price_text"] = money[0].text
        if money[0].usd is not None:
            fields["price_usd"] = money[0].usd
    market = _market_of(ctx.festivals)
    if market:
        fields["market"] = market
    return _Found(ref.film, EventKind.DEAL_ACQUISITION, fields, 0.75, sentence)


_HEADLINE_SALE_END = _rx(
    r"\s*(?:$|[;:|–—-]|\s(?:in|for|after|ahead of|following|as|amid|out of)\s"
    r"(?![A-Z][a-z]+\.?\s\d))"
)
_SOLD_TO = re.compile(r"[\"'”’]?,?\s(?i:to|goes to|went to|sold to|sells to)\s(?=[A-Z0-9])")
_BUYER_HEADING = re.compile(r"\s*([A-Z0-9][\w&+.' -]{0,40}?)\s?:\s[\"'“‘]?")
# A tracker's fields: "Title: Utama. Buyer: Kino Lorber." or "Utama (Buyer: Kino Lorber)".
# Other fields may come first: "Title: 'X' Section: Premieres Buyer: IFC Films".
_BUYER_LABEL = re.compile(
    r"[\s.,;:()\"'”’–—-]{0,4}(?:(?:Section|Director|Directors|Festival|Sales|Sales agent|"
    r"Date Acquired|Premiere|Category)\s?:\s?[^:;]{1,60}?[\s.,;]{1,3}){0,2}"
    r"(?:Buyers?|Distributors?|Acquired by|Sold to)\s?:\s?"
)
# A line holding one field of a tracker entry: "Section: Venice/Telluride".
_FIELD_LINE = re.compile(r"[A-Z][\w/ ]{1,20}:\s")


def _labelled_deals(
    ctx: _Context, sentences: Sequence[Sentence], by_sentence: dict[int, list[_Ref]]
) -> list[_Found]:
    """A deals tracker that labels its fields: "Title: Utama. Buyer: Kino Lorber."."""
    found: list[_Found] = []
    for sentence in sentences:
        refs = by_sentence.get(sentence.index, [])
        if len({r.film.key for r in refs}) != 1:
            continue
        ref = max(refs, key=lambda r: r.end)
        text = sentence.text
        label = _BUYER_LABEL.match(text, ref.end)
        if label is None and re.fullmatch(r"[\s.\"'”’)]*", text[ref.end :]):
            # The next lines, skipping up to two other fields ("Section: Premieres."), or, in
            # a deals round-up, the entry's blurb ("A drama about ... Distributor: Neon.").
            roundup = bool(_DEALS_HEADLINE.search(ctx.headline))
            for following in sentences[sentence.index + 1 :][:3]:
                if by_sentence.get(following.index):
                    break
                label = _BUYER_LABEL.match(following.text)
                if label is not None:
                    text = following.text
                    break
                if not (_FIELD_LINE.match(following.text) or roundup):
                    break
        if label is None:
            continue
        if "istributor" in label.group(0) and not _DEALS_HEADLINE.search(ctx.headline):
            continue  # a line-up's "Distributor: Neon" is a deal made before, not news
        if _TV_OBJECT.search(label.group(0)) or re.search(r"\bepisodic", label.group(0), _I):
            continue  # "Section: Indie Episodics": a series
        deal = _listed_deal(ctx, ref, company_at(text, label.end()), sentence)
        if deal is not None:
            found.append(deal)
    return found


# A deals article ("Neon Nears Deal For Cannes Competition Movie X", "Sundance Sales: A24
# Takes X"): the festival and its section describe the film, they announce nothing.
_DEAL_HEADLINE = _rx(
    r"\b(?:acquisitions?|sales|sold|deals?|buyers?|nabs|nabbed|snags|snagged|grabs|grabbed|"
    r"scoops|scooped)\b"
)
# ... unless the premiere is still to come: "Neon buys X ahead of its Venice world premiere".
_COMING_PREMIERE = _rx(
    r"\b(?:(?:will|set to|is to) (?:have its |make its )?(?:world |international )?"
    r"(?:premiere|debut|bow)|to (?:world )?(?:premiere|debut|bow)|world premieres?)\b"
)
# "ahead of its Venice premiere": the premiere is a reference point, known before.
_PREMIERE_AHEAD = _rx(
    r"\bahead of (?:(?:its|the film's|the movie's|their|the) )?(?:[\w'-]+ ){0,3}$"
)
_PREMIERE_AT_FESTIVAL = _rx(r"\s(?:at|in) (?:the )?(?:\d+\w* )?(?-i:[A-Z])")
# "Tipped for Cannes Premiere", "has been submitted for Cannes": not selected yet.
_PREMIERE_HEDGE = _rx(
    r"\b(?:tipped|submitted|angling|eyed|eyeing|contender|in contention|in the running|"
    r"hopes?|hoping|aims?|aiming)\b"
)


def _deal_article(headline: str) -> bool:
    """Whether the headline reports a deal or a sales round-up."""
    return bool(
        _DEAL_HEADLINE.search(headline) or _ACQ_ACTIVE.search(headline) or _TALKS.search(headline)
    )


def _lineup_premieres(ctx: _Context, mentions: Sequence[Mention]) -> list[_Found]:
    """A festival line-up: every film it lists gets a premiere, unless it premiered before."""
    found: list[_Found] = []
    if _deal_article(ctx.headline) or _REVIEWS_IN.search(ctx.headline):
        return found
    # "Hamnet | Chloé Zhao | Canadian Premiere": a qualified premiere anywhere in the article
    # is not the world premiere a headline list implies.
    qualified = {
        m.film.key
        for m in mentions
        if _PREMIERE_QUALIFIER.search(_part_of(m.sentence.text, m.start))
    }
    for mention in mentions:
        if mention.credit or mention.film.key in ctx.past_premiere | qualified:
            continue
        part = _part_of(mention.sentence.text, mention.start)
        if _HEDGE.search(part) and mention.sentence.headline:
            continue
        if _NOT_IN_LINEUP.search(part) or not mention.film.followed:
            continue
        fields: dict[str, Any] = {"festival": ctx.lineup_festival}
        section = _section_before(mention.sentence.text, mention.start, part)
        if section:
            fields["section"] = section
        found.append(
            _Found(mention.film, EventKind.RELEASE_PREMIERE, fields, 0.8, mention.sentence)
        )
    return found


# A festival preview written as captions: "Port Authority: Fionn Whitehead stars in this love
# story. (Un Certain Regard)". A caption opens with the title and a colon (after the previous
# caption's section, if any); a section alone in parentheses closes it.
_CAPTION_LEAD = re.compile(r"^(?:\([^()]{1,40}\)\s?)?[\"'“‘]?$")
_PARENTHESIS = re.compile(r"\(([^()]{3,40})\)")


def _caption_premieres(
    ctx: _Context, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[_Found]:
    """Films captioned with a section of the festival the headline names."""
    festivals = [name for _pos, name in find_festivals(ctx.headline) if name not in MARKETS]
    if not festivals:
        return []
    marks: list[tuple[int, int, Mention | str]] = []
    for mention in mentions:
        text = mention.sentence.text
        if mention.sentence.headline or mention.credit or not mention.film.followed:
            continue
        colon = re.match(r"[\"'”’]?:", text[mention.end : mention.end + 2])
        if colon and _CAPTION_LEAD.match(text[: mention.start]):
            marks.append((mention.sentence.index, mention.start, mention))
    if not marks:
        return []
    for sentence in sentences:
        for match in _PARENTHESIS.finditer(sentence.text):
            section = SECTION_PATTERN.fullmatch(match.group(1).strip())
            if section is not None:
                marks.append((sentence.index, match.start(), section_name(section)))
    found: list[_Found] = []
    caption: Mention | None = None
    for _index, _start, mark in sorted(marks, key=lambda m: (m[0], m[1])):
        if isinstance(mark, Mention):
            caption = mark
            continue
        if caption is not None and caption.film.key not in ctx.past_premiere:
            fields: dict[str, Any] = {"festival": festivals[0], "section": mark}
            found.append(
                _Found(caption.film, EventKind.RELEASE_PREMIERE, fields, 0.75, caption.sentence)
            )
        caption = None
    return found


def _section_before(text: str, position: int, part: str) -> str | None:
    best: str | None = None
    for match in SECTION_PATTERN.finditer(text):
        if match.start() < position:
            best = section_name(match)
    if best is None:
        in_part = SECTION_PATTERN.search(part)
        best = section_name(in_part) if in_part else None
    return best


# ---- field readers -------------------------------------------------------------------------


def _buyer_before(site: _Site) -> str | None:
    # Only the words just before the verb can be its subject; the cap keeps this linear. A
    # region that starts at the verb (a later film of a list it governs) shares its subject.
    floor = site.region_start if site.region_start < site.trigger.start() else 0
    head = site.text[max(floor, site.trigger.start() - 200) : site.trigger.start()]
    head = _AUX_TAIL.sub("", head)
    head = _COORDINATED.sub("", head)  # "Lionsgate swooped in and paid"
    head = _AUX_TAIL.sub("", _REPORTED_IT_TAIL.sub("", head))  # "Magnolia revealed it has"
    # "Mubi's $24m swoop on", "Netflix's acquisition of"
    head = re.sub(r"\s?(?:an? )?[$£€][\d.,]+\s?(?:million|m|mln|bn|k)?\s?$", "", head, flags=_I)
    if re.search(r"\b(?:grab|snag|nab|buy|swoop) (?:of|for|on)$", site.trigger.group(0), _I):
        # "Apple's global $15M grab for": the owner of a described purchase.
        head = re.sub(r"(?:'s|s'|’s)(?:\s(?-i:[a-z][\w.-]*)){0,2}$", "", head)
    head = re.sub(r"(?:'s|s'|’s)$", "", head)
    label = _LABEL_OF.search(head)
    if label is not None:
        return canonical_buyer(label.group(1))  # "Doppelganger, the genre arm of Music Box,"
    for match in reversed(list(BUYER_PATTERN.finditer(head))):
        if match.end() >= len(head) - 1:
            return _first_of_pair(head, match.start(), match.group(0))
    company = [m for m in COMPANY_PATTERN.finditer(head) if m.end() >= len(head) - 1]
    if company:
        return _first_of_pair(head, company[-1].start(), company[-1].group(0))
    if _GENERIC_BUYER.search(head):
        return site.ctx.headline_buyer  # "the streamer also picked up X": the article's buyer
    # "Neon was another buyer, taking home X": the one company opening the clause.
    whole = site.text[max(0, site.trigger.start() - 200) : site.trigger.start()].rpartition(";")[2]
    opening = _CONNECTIVE.match(whole)
    at = opening.end() if opening else 0
    subject = company_at(whole, at)
    participle = site.trigger.group(0).casefold().startswith(("acquiring", "picking up"))
    if _SUBJECT_ELSEWHERE.search(head) or participle:
        # "Troma said that they've acquired X", "Sundance Channel got into the action by
        # acquiring X", "Neon swooped in for the kill, acquiring X": the verb's subject is
        # the company opening the sentence.
        named = subject or _UNKNOWN_OPENER.match(whole, at)
        return canonical_buyer(named.group(1 if named is not subject else 0)) if named else None
    if (
        subject is not None
        and len(BUYER_PATTERN.findall(whole)) <= 1
        and len(COMPANY_PATTERN.findall(whole)) <= 1
        and re.search(r", | [-–—] ", whole)
    ):
        return canonical_buyer(subject.group(0))
    tail = _CAPITALISED_TAIL.search(head)
    if tail:
        names = [w for w in tail.group(0).split() if w.casefold().strip(":,") not in _NOT_BUYERS]
        name = " ".join(names).strip(" ,:")
        # A name of everyday words ("Entertainment Squad") is a company when it opens the
        # clause as the subject of the deal verb.
        opens = len(names) >= 2 and _CONNECTIVE.fullmatch(head[: tail.start()]) is not None
        if name and ":" not in name and (opens or _could_be_a_company(name)):
            return _first_of_pair(head, tail.start(), name)
    return None


# The deal verb's own subject is a pronoun or it is a gerund of means ("by acquiring").
_SUBJECT_ELSEWHERE = re.compile(
    r"(?:^|\s)(?:(?i:it|they)(?:\s(?:has|have|had)|['’](?:ve|s|d))?|(?i:by)|"
    # "FilmRise has announced that is has acquired X" (the pronoun lost to a typo)
    r"(?i:announced|announces|revealed|reveals|confirmed|confirms))$"
)
# A capitalised name of two to four words opening a sentence, before its lower-case verb.
_UNKNOWN_OPENER = re.compile(r"((?:[A-Z][\w&+.'’-]*\s){1,3}[A-Z][\w&+.'’-]*)\s(?-i:[a-z])")


def _could_be_a_company(name: str) -> bool:
    """An unknown capitalised name is a company only if it is not everyday words ("Streaming")."""
    vocabulary = common_words()
    return any(
        w.strip(".,'").casefold() not in vocabulary and not w.isdigit() for w in name.split()
    )


def _first_of_pair(head: str, start: int, name: str) -> str:
    """ "New Line and Warner Bros pay": the first partner named is the buyer."""
    earlier = head[:start]
    pair = re.search(r"((?:[A-Z][\w&+.'-]*\s){1,3})(?:(?i:and)|&)\s$", earlier)
    partner = pair.group(1).strip() if pair else ""
    # Only a company can be the partner: "HBO acquired 3 Minutes and Netflix nabbed X".
    if pair and (BUYER_PATTERN.fullmatch(partner) or COMPANY_PATTERN.fullmatch(partner)):
        return canonical_buyer(partner)
    return canonical_buyer(name)


# The film's side names its distributor after these: "secured distribution with X".
_PARTNER_PREPOSITIONS = frozenset({"with", "via", "through"})
_HOME_NOUN = _rx(r"\b(?:home|distributor|distribution)\b")
_FILLER_BEFORE_NAME = re.compile(r"^\s*the\s(?:[a-z]+\s){1,4}(?:at|of)\s(?=[A-Z])")


def _buyer_after(site: _Site) -> str | None:
    tail = site.text[site.trigger.end() : site.trigger.end() + 80]
    # "has sold to the US (Magnolia Pictures), Germany (Plaion)": the buyer in parentheses.
    territory = re.match(r"\s*(?:the\s)?([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s\(", tail)
    if territory and TERRITORY_PATTERN.fullmatch(territory.group(1)):
        tail = tail[territory.end() :]
        # "to Italy (iWonder)": whatever the parentheses name is that territory's distributor.
        named = re.match(r"([A-Za-z0-9][\w&+.' -]{1,40}?)\s?[/)]", tail)
        if named and not BUYER_PATTERN.match(tail):
            return canonical_buyer(named.group(1))
    match = BUYER_PATTERN.match(tail.lstrip())
    if match:
        return canonical_buyer(match.group(0))
    company = COMPANY_PATTERN.match(tail.lstrip())
    if company:
        return canonical_buyer(company.group(0))
    # Only "acquired by X" names a buyer for sure, and the film's side "has secured
    # distribution with/via X"; "heads to X" may name a place or a date.
    trigger = site.trigger.group(0).casefold()
    if trigger.rpartition(" ")[2] in _PARTNER_PREPOSITIONS and _HOME_NOUN.search(trigger):
        tail = _FILLER_BEFORE_NAME.sub("", tail, count=1)  # "via the fine folks over at X"
    elif not trigger.endswith(" by"):
        return None
    words = re.match(r"\s*((?:[A-Z][\w&+.'-]*\s?){1,4})", tail)
    if words and (TERRITORY_PATTERN.match(words.group(1)) or find_festivals(words.group(1))):
        return None  # "distribution with Canada's ...", "a home at Cannes"
    if words and _could_be_a_company(words.group(1)):
        return canonical_buyer(words.group(1))
    return None


def _buyer_in_slot(site: _Site) -> str | None:
    """The buyer a seller names: "deal with <buyer> for X", "rights to X to <buyer>"."""
    if site.spec.buyer_slot == "territory":
        return _territory_buyer(site.text[site.target.end : site.region_end])
    if site.spec.buyer_slot == "with_after":
        if site.target.virtual:
            return None
        rest = site.text[site.target.end : min(site.region_end, site.target.end + 60)]
        named = re.match(r"[^;]{0,30}?\bwith\s(?:the\s)?", rest)
        found = named and (company_at(rest, named.end()))
        # "closed deals on X for France (Le Pacte)": the territory's distributor.
        return canonical_buyer(found.group(0)) if found else _territory_buyer(rest)
    if site.spec.buyer_slot == "including":
        rest = site.text[site.trigger.end() : site.region_end]
        named = re.search(r"\b(?:including|with|to|by)\s(?:the\s)?", rest)
        found = named and (company_at(rest, named.end()))
        return canonical_buyer(found.group(0)) if found else _territory_buyer(rest)
    if site.spec.buyer_slot == "with":
        tail = site.text[site.trigger.end() : site.trigger.end() + 80].lstrip()
    elif site.target.virtual:
        return None
    else:
        after = site.text[site.target.end : min(site.region_end, site.target.end + 60)]
        slot = re.match(r"[\s\"'”’,]{0,3}(?:\([^)]{0,40}\)\s?)?to\s", after)
        if slot is None:
            return None
        tail = after[slot.end() :]
    match = company_at(tail)
    return canonical_buyer(match.group(0)) if match else None


# "for Canada, Russia, Greece (Word of Mouth)": a territory, then its distributor.
_TERRITORY_BUYER = re.compile(
    r"\b(?:for|to|in)\s(?:the\s)?(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?,?\s(?:and\s)?){0,6}?"
    r"\((?P<buyer>[A-Z0-9][\w&+.' -]{1,40})\)"
)


def _territory_buyer(text: str) -> str | None:
    """The first distributor named in parentheses after a territory."""
    match = _TERRITORY_BUYER.search(text)
    if match is None or not TERRITORY_PATTERN.search(match.group(0)):
        return None
    return canonical_buyer(match.group("buyer"))


def _nearest(items: Sequence[tuple[int, T]], position: int) -> T | None:
    if not items:
        return None
    return min(items, key=lambda item: abs(item[0] - position))[1]


def _deal_price(site: _Site) -> Money | None:
    region_start = site.region_start
    candidates = []
    for money in find_money(site.region):
        following = site.region[money.end : money.end + 30].casefold()
        if re.match(
            r"\s?(?:p&a|in p&a|marketing|commitment|budget|opening|gross|domestic|"
            r"worldwide gross|box|global|weekend|start)",
            following,
        ):
            continue
        candidates.append((region_start + money.start, money))
    # A later film of a list ("$12M for A, $8M for B"): its own price is the one before it.
    if site.region_start == site.trigger.start() and site.target.start > site.trigger.end():
        before = [c for c in candidates if c[0] < site.target.start]
        if before:
            return max(before, key=lambda c: c[0])[1]
    return _nearest(candidates, site.trigger.start())


# What puts a territory in a deal: "for the UK", "in Spain", "rights to Germany", "pre-sells
# Spain".
_TERRITORY_LEAD = _rx(r"\b(?:for|in|rights to|pre-?sells?|pre-?sold)\s(?:the\s)?$")
_LIST_GAP = _rx(r",?\s(?:and\s)?|,")


_TERRITORY_SLOT = re.compile(r"\b(?i:for|in)\s(?:the\s)?$")
_LISTED_BEFORE = re.compile(TERRITORY_PATTERN.pattern + r"(?:\s\([^()]{1,40}\))?,?\s(?:and\s)?$")
_LISTED_AFTER = re.compile(
    r"(?:\s\([^()]{1,40}\)|,?\s(?:and\s)?" + TERRITORY_PATTERN.pattern + r")"
)


def _territory_slot(text: str, start: int, end: int, listed: int = 0) -> bool:
    """Whether a title that is also a country ("Australia") names the country here.

    "for US, UK, France, Australia", "bought for Italy (Fandango), Australia (Madman)": in a
    territory list the name is a territory, not the film; with ``listed`` 0, also after "for"
    or "in" ("opens in Australia").
    """
    if not TERRITORY_PATTERN.fullmatch(text, start, end):
        return False
    before = text[max(0, start - 60) : start]
    return bool(
        _LISTED_BEFORE.search(before)
        or _LISTED_AFTER.match(text, end)
        or (not listed and _TERRITORY_SLOT.search(before))
    )


def _territory(site: _Site) -> str | None:
    region = site.region
    names: list[str] = []
    listed_to = -1  # where the last territory taken ends: "in France, Italy and Spain"
    for match in TERRITORY_PATTERN.finditer(region):
        following = region[match.end() : match.end() + 60]
        preceding = region[max(0, match.start() - 12) : match.start()]
        if (
            re.match(r"[\s,a-zA-Z.]{0,40}\b(?:rights|distribution)\b", following)
            or _TERRITORY_LEAD.search(preceding)
            or (listed_to >= 0 and _LIST_GAP.fullmatch(region, listed_to, match.start()))
        ):
            listed_to = match.end()
            name = canonical_territory(match.group("name"))
            if name not in names:
                names.append(name)
    if not names:
        return None
    return "; ".join(names)


def _market(site: _Site) -> str | None:
    # A festival inside a buyer's name ("Sundance Channel", "Sundance Selects") is no market.
    region_festivals = find_festivals(BUYER_PATTERN.sub(_blank, site.region))
    return _market_of([n for _p, n in region_festivals]) or _market_of(site.ctx.festivals)


def _market_of(festivals: Sequence[str]) -> str | None:
    """The market of a deal among the festivals named: the EFM over Berlin, else the first."""
    if not festivals:
        return None
    return "EFM" if "EFM" in festivals else festivals[0]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _hedged(site: _Site, tokens: int = 4) -> bool:
    return bool(_HEDGE.search(site.before_trigger(tokens)))


# News of another kind about the film: a trailer, a review, a date, an interview.
_OTHER_NEWS_HEADLINE = _rx(
    r"\b(?:trailers?|teasers?|first[- ]look|clip|posters?|reviews?|box office|opens|opening|"
    r"release date|sets? (?:\w+ ){0,4}(?:release|date|premiere)|dates|premiere date|interview|"
    r"(?<!in )(?<!final )(?<!early )(?<!advanced )talks(?= (?:about )?[\"'‘“A-Z])|stars? in|joins|"
    r"featurette|sneak peek|now playing|in theaters|streaming|watch)\b"
)
# A deal told in the simple past or as a participle: "Neon bought the film at Sundance".
_PAST_DEAL = _rx(
    r"^(?:acquired|bought|picked up|snapped up|scooped up|nabbed|landed|took|paid|grabbed|"
    r"pre-bought|secured)\b"
)
# ", acquired by Neon at Sundance, opens Friday": a participle clause before the news.
_PARTICIPLE_THEN_NEWS = _rx(
    r"[^,;]{0,80},\s(?:[\w'’-]+\s){0,2}?(?:opens|open|is|was|will|has|hits|arrives|debuts|"
    r"premieres|stars|follows|tells|comes|lands|gets|sets|releases|bows|screens|won|plays|"
    r"stands|marks|remains|heads|(?-i:[a-z])\w*['’](?:s|ll))\b"
)
# "The film, which Neon acquired out of Sundance, ...": a relative clause with its subject.
_WHICH_SUBJECT = _rx(r"\b(?:which|whom)\s(?:[A-Z][\w&.'-]*\s?){1,4}\s?(?:has\s|had\s|also\s)?$")


_REPORTED_BEFORE = _rx(
    r"\bas (?:we|\w+) (?:had |has |have )?(?:reported|announced|revealed) (?:earlier|previously|"
    r"before|last (?:week|month))\b"
)


def _recalled_deal(site: _Site) -> bool:
    """A deal told as background to other news.

    "X, acquired by Neon at Sundance, opens Friday"; "The film, which Neon acquired, ...";
    and, in an article whose headline brings other news of the film (a trailer, a review, a
    date) and no deal, a deal told in the simple past ("Neon bought the film at Sundance").
    """
    text, trigger = site.text, site.trigger
    before = text[max(0, trigger.start() - 60) : trigger.start()]
    # Mid-sentence, or opening it: "Picked up by Neon, the film opens Friday".
    opening = not text[: trigger.start()].strip(" \"'“‘")
    participle = (re.search(r"(?:,|\()\s$", before) or opening) and _PAST_DEAL.match(
        trigger.group(0)
    )
    if participle and _PARTICIPLE_THEN_NEWS.match(text, trigger.end()):
        return True
    if _WHICH_SUBJECT.search(before):
        return True
    if _REPORTED_BEFORE.search(site.text, trigger.end()):
        return True  # "bought X, as we reported earlier": the deal was news before
    headline = site.ctx.headline
    return bool(
        not site.sentence.headline
        and _OTHER_NEWS_HEADLINE.search(headline)
        and not _deal_article(headline)
        and _PAST_DEAL.match(trigger.group(0))
        and not re.search(r"\b(?:has|have|had|is|are|just|now)\s$", before, _I)
    )


# "acquired it in 2019", "bought back in 2021": the year the deal was made.
_PAST_YEAR = _rx(r"\b(?:in|back in|during|since)\s((?:19|20)\d\d)\b(?!\s?[-/]\d)")
# "is expected to land at Neon", "is poised to buy X": a forecast, not a closed deal.
_DEAL_FORECAST = _rx(r"\b(?:expected|poised|tipped|likely|looking|hoping|aiming|planning) to$")


# What a company "picks up" or "nabs" for a film that is not the film: prizes and nominations.
# The verb's object is a release slot for the film: "lands a March 6 release date for X".
_SLOT_OBJECT = _rx(
    r"\s(?:an?|its|the|their)\s(?:[\w,-]+\s){0,3}(?:release|opening|debut|premiere|slot|"
    r"date|bow)s?\s(?:date\s|slot\s)?for\s"
)
_AWARD_OBJECT = _rx(
    r"\b(?:awards?|prizes?|nominations?|nods?|noms?|emmys?|oscars?|baftas?|golden globes?|"
    r"trophy|trophies|honou?rs?|accolades?|statuettes?|kudos)\b"
    # ... but "Cannes prize winner X", "the Oscar-nominated X" describe the film.
    r"(?![\s-](?:winn\w*|nominated|nominee|contender|hopeful|darling|favou?rite))"
)
_TV_OBJECT = _rx(
    r"\b(?:series|miniseries|docuseries|docu-series|show|sitcom|season|episodes?|telenovela)\b"
)
# What a studio buys before there is a film: a script, a pitch, a book, someone's life story.
_PROJECT_OBJECT = _rx(
    r"\b(?:spec|spec script|script|screenplay|pitch|treatment|novel|book|memoir|manuscript|"
    r"play|podcast|comic|graphic novel|article|life rights|remake rights|format|"
    r"(?:video )?game rights|series rights|stage rights|soundtrack|sequel rights)\b"
)
# A shopper's purchase: "on sale for $4.99 to buy in digital HD", "available to buy on".
_CONSUMER_BUY = _rx(r"\bto (?:buy|rent|own)\s(?:it\s)?(?:in|on|via|at|from|for|digitally)\b")


# "in the hunt for the tale that sold to A24", "in talks before Neon bought it": the talks
# came first, then the deal.
_TALKS_THEN_DEAL = _rx(
    r"\b(?:that|which|who|before|after|but|until|then|eventually|ultimately|finally|instead)\b"
)


_CASTING_GAP = _rx(
    r"\bto (?:star|direct|write|pen|produce|lead|play|helm|join|topline|headline|co-star)\b"
)
# "Teo Vance For": a name (words that are not everyday English) before "for" or "as".
_NAME_FOR = re.compile(r"\s((?:[A-Z][a-z'’-]+\s){2,3})(?i:for|as)\s(?:the\s)?[\"'‘“]?$")


def _cast_for(gap: str) -> bool:
    """Whether the words between a deal verb and the film name a person hired for it.

    "Mara Quint's X" is a credit of the film; "Teo Vance for X" is someone cast in it.
    """
    if _CASTING_GAP.search(gap):
        return True
    name = _NAME_FOR.match(gap)
    return bool(
        name and not BUYER_PATTERN.search(name.group(1)) and _could_be_a_company(name.group(1))
    )


def _not_a_deal(site: _Site) -> bool:
    """Wording around an acquisition verb that shows it is about something else."""
    text, trigger = site.text, site.trigger
    # "Netflix Closing In On Deal For X", "nearing a deal to buy": still talks.
    talks = _TALKS.search(text, max(site.clause_start, trigger.start() - 60), trigger.end())
    if talks and not _TALKS_THEN_DEAL.search(text, talks.end(), trigger.start()):
        return True
    passive = site.spec.direction == "before"
    if site.target.virtual:
        between = site.own_clause
    elif site.target.start >= trigger.end():
        between = text[trigger.end() : site.target.start]
    else:
        # "X wins an award, Neon buys it": only a passive's subject says what was sold.
        between = text[site.target.end : trigger.start()] if passive else ""
    after_verb = not site.target.virtual and site.target.start >= trigger.end()
    if after_verb and _CONTEXT_BEFORE.search(
        text, max(0, site.target.start - 40), site.target.start
    ):
        return True  # "signs a deal with Netflix after X": the film is a credit
    if not site.target.virtual and _OTHER_WORK_AFTER.match(text, site.target.end):
        return True  # "lands the X TV series", "takes over the X Oscar campaign"
    if after_verb and _cast_for(text[trigger.end() : site.target.start]):
        return True  # "Neon Lands Teo Vance For X", "nabs Mara Quint to direct X": casting
    if not site.target.virtual and _TV_BEFORE.search(
        text, max(0, site.target.start - 20), site.target.start
    ):
        return True  # "TV Series 'X' Goes to Mubi"
    if _OTHER_DEAL.search(text, trigger.start(), trigger.end() + 30):
        return True  # "inks an overall deal with Neon", "signs a first-look pact"
    if _AWARD_OBJECT.search(between):
        return True  # "nabs Emmy nominations for X", "picks up an award for X"
    if after_verb and _SLOT_OBJECT.match(between):
        return True  # "Neon Nabs An August Release For X": a date or a slot, not the film
    if _TV_OBJECT.search(between):
        return True  # "Hulu Closes U.S. Deal For StudioCanal Series 'X'": television
    if _PROJECT_OBJECT.search(f"{trigger.group(0)} {between}"):
        return True  # "acquired the spec X", "bought the novel X": a project, not a film
    if re.match(r"(?:took|takes|taking|take|gets|got)\b", trigger.group(0), _I) and re.match(
        r"[\"'”’]?\s(?:(?:back\s)?(?:to|into|onto)\s(?!distribute)|(?:wide|nationwide|out|"
        r"on tour|global|worldwide\s(?:release|rollout))\b)",
        text[site.target.end :],
        _I,
    ):
        return True  # "Neon takes X to Cannes", "takes X wide": a release, not a purchase
    word = trigger.group(0).casefold()
    if word in ("pay", "pays", "paid") and not (
        find_money(between) or re.match(r"\s(?:\w+\s){0,2}for\b", text[trigger.end() :])
    ):
        return True  # "paid tribute to X"
    if word.startswith(("goes", "heads", "went", "going", "land")):
        # Only its own clause: "lands at Neon, which sets a March 5 release" is still a deal.
        rest = re.split(
            r"[,;(]|\s(?:which|who|and|after|before)\s", text[trigger.end() : site.region_end]
        )[0]
        # ... "lands at Neon for a March release" is the buyer's plan, still a deal.
        dates = [
            d
            for d in find_dates(rest, site.ctx.published)
            if not re.search(r"\bfor (?:an? )?$", rest[: d.start], _I)
        ]
        if dates or _WHEN.search(rest) or _WINDOW.search(rest):
            return True  # "X heads to Netflix on March 5", "after its theatrical run": a release
    retail = any(m.retail is not None and m.retail < 100 for m in find_money(site.own_clause))
    return retail or bool(_CONSUMER_BUY.search(text, trigger.start(), trigger.end() + 24))


# A streaming window after a release: "heads to Netflix after its theatrical run".
_WINDOW = _rx(
    r"\b(?:after|following) (?:its |a |the )?(?:theatrical|cinema|limited|box[- ]office) "
    r"(?:run|release|window|debut)|\bstream\w*|\bwindow\b"
)
# "after X", "following X's success", "from the director of X": the film is context for
# another deal.
_CONTEXT_BEFORE = _rx(
    r"(?:\b(?:after|following|on the heels of|off the back of|since|post-|thanks to)\s"
    r"(?:the\s)?(?:(?:success|release|hit|breakout|flop|premiere|making|directing)\s(?:of\s)?)?|"
    r"\b(?:directors?|writers?|producers?|makers?|creators?|team|stars?|filmmakers?|helmers?)\s"
    r"(?:of|behind)\s)[\"'“‘]?$"
)
# "Indie TV Series 'Hal & Harper' Goes to MUBI": the work is named as television.
_TV_BEFORE = _rx(r"\b(?:tv|television|series|docuseries|miniseries|show)\s[\"'“‘]?$")
# Another work or a person named through the film: "the X TV series", "X star Teo Vance".
_OTHER_WORK_AFTER = _rx(
    r"[\"'”’]?(?:['’]s)?\s(?:tv\s|television\s|stage\s|video\s)?(?:series|show|adaptation|remake|"
    r"sequel|prequel|spinoff|spin-off|musical|game|novel|book|podcast|soundtrack|franchise|"
    r"follow-up|director|star|writer|producers?|creator|team|cast|campaign|oscar campaign|"
    r"season|audiobooks?|comics?|merchandise|toys?|theme park|ride|universe|"
    r"for (?:a |its )?(?:\w+ )?season)\b"
)
# Deals that are not for one film: talent, overall, first-look, output and financing deals.
_OTHER_DEAL = _rx(
    r"\b(?:first-look|overall|output|talent|producing|development|multi-?year|multi-?picture|"
    r"housekeeping|co-?production|financing|publishing|recording|record|endorsement|"
    r"sponsorship|merchandising|book|representation|management|podcast|tv|television|series|"
    r"sequel|prequel|remake|spinoff|spin-off|franchise|game|toy|brand|partnership)"
    r"\s(?:deal|pact|agreement)s?\b"
)
_WHEN = _rx(
    r"\b(?:next|this|later this|coming)\s(?:week|weekend|month|year|spring|summer|fall|winter|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:today|tomorrow|tonight)\b"
)
_SELLER_SUBJECT = _rx(
    r"\b(?:(?:production|sales) (?:company|companies|outfit|banner|arm)|agency|agents?|"
    r"producers?)$"
)
_REPORTED_IT = _rx(
    r"\b(?:announced|announces|revealed|reveals|said|says|confirmed|confirms|when|as)\s(?:that\s)?"
    r"(?:it|they)\b"
)
# "Troma recently told fans that they've acquired X": "recently" dates the telling.
_TOLD_THAT = _rx(r"^.*\bthat\s(?:it|they)(?=\s(?:has|have|had)\b|['’](?:ve|s|d)\b)")
# "acquired X from sales agent HanWay": the seller, named after the deal.
_FROM_AGENT = _rx(r"\bfrom\s(?:the\s)?(?:[\w-]+\s){0,2}sales\s(?:agent|company|outfit|banner)\b")


def _territory_lead(site: _Site) -> str:
    """The words before the first territory after the film ("for the " in "X for the UK")."""
    rest = site.text[site.target.end : site.region_end] if not site.target.virtual else ""
    match = TERRITORY_PATTERN.search(rest)
    return rest[: match.start()] if match and match.start() <= 12 else ""


_RIGHTS_PURPOSE = _rx(r"\brights\sto\s(?:distribute|release|handle)\b")


_DASH_ASIDE = re.compile(r"\s[-—–]\s.{1,200}?\s[-—–]\s")


_COUNTED_SALES = _rx(r"\b(?:more|further|new|several|multiple) (?:sales|deals)$")


def _headline_deal_of(site: _Site) -> bool:
    """Whether the headline reports a deal for the site's film."""
    headline = site.ctx.headline
    if site.sentence.headline or not _deal_article(headline):
        return False
    folded = headline.casefold()
    return any(name.casefold() in folded for name in site.target.film.names)


def _acquisition(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    # "announced it acquired X", "when it bought X" report the deal; "which it acquired" does
    # not.
    at = max(0, site.trigger.start() - site.clause_start)
    clause = _TOLD_THAT.sub(" ", site.own_clause[:at]) + site.own_clause[at:]
    # An aside between dashes ("— hours before it was set to premiere —") is another clause.
    clause = _DASH_ASIDE.sub(" ", clause)
    if _headline_deal_of(site):
        # "Netflix Lands X" over "X had been sold to Netflix": the headline makes it news.
        clause = re.sub(r"\bhad been\b", " ", clause, flags=_I)
    if _BACKGROUND.search(_REPORTED_IT.sub(" ", clause)) or _hedged(site):
        return None
    if _DEAL_NEGATION.search(site.before_trigger(4)):
        return None  # "has not acquired", "never bought", "denied it had bought"
    if _BOX_OFFICE.search(site.region) or _not_a_deal(site):
        return None
    if _DEAL_FORECAST.search(site.before_trigger(3)):
        return None
    if re.search(r"\balready\b", site.before_trigger(3), _I):
        return None  # "Neon is already set to distribute X": known before
    if _recalled_deal(site):
        return None
    published = site.ctx.published
    if published is not None and any(
        int(year) < published.year for year in _PAST_YEAR.findall(site.own_clause)
    ):
        return None  # "Neon acquired it in 2019": an old deal recalled
    if re.search(r"\bback in\b", site.own_clause, _I):
        return None  # "was snatched up way back in December": recalled
    passive = site.spec.direction == "before"
    buyer = _buyer_after(site) if passive else _buyer_before(site)
    if not passive and not site.target.virtual and site.target.start > site.trigger.end():
        # "acquired the rights to distribute X": the purpose, not a second buyer's verb.
        gap = _RIGHTS_PURPOSE.sub(" ", site.text[site.trigger.end() : site.target.start])
        if _ACQ_ACTIVE.search(gap) or _ACQ_WEAK.search(gap):
            return None  # "HBO acquired A and Netflix nabbed B": B is Netflix's
        if re.search(r"\s(?:while|whereas|but|although|though)\s", gap):
            return None  # "Lionsgate pre-acquired A, while B went to Bleecker": another clause
    unnamed = False
    if site.spec.buyer_slot != "subject":
        buyer = _buyer_in_slot(site)
        # "has secured deals for Spain, Italy and Taiwan": the distributors go unnamed.
        unnamed = site.spec.buyer_slot == "including" and (
            _territory(site) is not None or _COUNTED_SALES.search(site.trigger.group(0)) is not None
        )
        if buyer is None and not unnamed:
            return None
    elif buyer is not None and buyer.casefold() in SALES_AGENTS and not passive:
        return None  # "WME landed a big one when it sold...": agents and reps sell
    from_subject = not passive and site.spec.buyer_slot == "subject"
    if _SALES.search(_FROM_AGENT.sub("", site.own_clause)) and (buyer is None or from_subject):
        # "boards international sales on", "launches sales at the AFM"; but "sales agent
        # HanWay has pre-sold X to Le Pacte" names its buyer after the verb.
        return None
    if site.trigger.group(0).casefold().startswith(
        ("board", "come aboard", "comes aboard")
    ) and not (
        re.search(r"\b(?:distribut\w*|rights)\b", site.own_clause, _I)
        # "Curzon has boarded X for the UK": a distributor boarding for a territory.
        or (buyer in _BUYER_NAMES and re.search(r"\bfor\s(?:the\s)?$", _territory_lead(site)))
    ):
        return None
    if (
        passive
        and buyer is None
        and not unnamed
        and not site.trigger.group(0).casefold().endswith(" by")
    ):
        return None  # "heads to theaters", "goes to Cannes": no buyer, no deal
    lead = site.text[max(0, site.trigger.start() - 80) : site.trigger.start()]
    # "didn't just acquire X, but also ...": the negation is rhetorical, the deal affirmed.
    if (
        site.trigger.group(0).casefold() in _PLAIN_FORMS
        and not _PLURAL_SUBJECT.search(lead)
        and not re.search(r"(?:n't|\bnot)\s(?:just|only)\s$", lead, _I)
    ):
        return None  # "Best Buy slashes", "a buy": the plain form needs "A and B" before it
    subject = _AUX_TAIL.sub("", site.text[: site.trigger.start()])
    if not passive and _SELLER_SUBJECT.search(subject):
        return None  # "Mara Quint's production company took the rights": a seller or maker
    agent = [m for m in SALES_AGENT_PATTERN.finditer(subject) if m.end() == len(subject)]
    agent_buys = buyer is None or buyer.casefold() in SALES_AGENTS
    if not passive and site.spec.buyer_slot == "subject" and agent and agent_buys:
        return None  # "Memento International picks up X": a sales agent takes it on
    nominal = re.search(r"\b(?:grab|snag|nab|buy) (?:of|for)$", site.trigger.group(0), _I)
    if nominal and not (
        buyer in _BUYER_NAMES or (buyer is not None and COMPANY_PATTERN.fullmatch(buyer))
    ):
        return None  # "Mara Quint's late grab for the lead": only a company's grab is a deal
    if buyer is not None and buyer.casefold() in {p.casefold() for p in site.target.film.people}:
        return None  # the film's own people do not buy it
    if buyer is not None and (
        buyer.casefold() in {n.casefold() for n in site.target.film.names}
        or (find_festivals(buyer) and buyer not in _BUYER_NAMES)  # "Sundance Selects" buys
    ):
        buyer = None
    if site.spec.weak:
        # "A24 Wins 'X'" and "IFC Gets 'X'" are deals, "Netflix Wins Emmy For 'X'" is not.
        if site.trigger.group(0).casefold() in ("wins", "won", "gets", "got") and (
            site.target.virtual or site.target.start - site.trigger.end() > 3
        ):
            return None
        # A deal word, or a territory the film is taken for ("boarded X for the UK").
        # "Sideshow took X" under "Every Movie Bought at Cannes": the round-up's headline
        # says what the weak verb means, but only for a known distributor.
        roundup = buyer in _BUYER_NAMES and _ROUNDUP_HEADLINE.search(site.ctx.headline)
        context = bool(_DEAL_CONTEXT.search(site.text) or _territory(site) or roundup)
        if buyer is None or not (context or buyer in BUYERS.values()):
            return None
        if not context and not site.sentence.headline:
            return None
    if buyer is None:
        # "the feature was bought for the UK (Momentum)": the territory's distributor.
        buyer = _territory_buyer(site.text[site.trigger.end() : site.region_end])
    if buyer is None and passive:
        buyer = site.ctx.distributor  # "X has been picked up. Quill Films will release it."
    if buyer is None and not unnamed:
        buyer = site.ctx.headline_buyer
    if buyer is None and passive and not unnamed:
        return None
    if buyer is None and re.match(
        r"(?:pick-?ups?|acquisitions?|purchase) of", site.trigger.group(0)
    ):
        return None  # "including a $4 million pickup of X" by nobody named: a recap
    fields: dict[str, Any] = {}
    if buyer:
        fields["buyer"] = buyer
    price = _deal_price(site)
    if price is not None:
        fields["price_text"] = price.text
        if price.usd is not None:
            fields["price_usd"] = price.usd
    territory = _territory(site)
    if territory:
        fields["territory"] = territory
    market = _market(site)
    if market:
        fields["market"] = market
    if site.ctx.bidding_war:
        fields["bidding_war"] = True
    confidence = 0.75 if site.spec.weak else 0.9
    if buyer and price is not None:
        confidence += 0.05
    return [(fields, confidence)]


# A deals round-up's headline: "Every Film Bought at Sundance So Far", "Cannes Sales Wrap".
_ROUNDUP_HEADLINE = _rx(
    r"\b(?:deals?|acquisitions?|sales|sold|bought|acquired|pickups?|scorecard)\b"
)


# Talks are uncertain already: "reportedly in talks" is still talks, "could be" is not.
_TALKS_HEDGE = _rx(
    r"\b(?:could|might|would|should|possibly|potential(?:ly)?|possible|if|whether|hop(?:es|ing)|"
    r"rumou?red|(?-i:may))\b"
)


_TALKS_TERRITORY = _rx(
    r"\b(?:for|on) (?:(?:most|much|all|the rest) of )?(?:the )?(?:world|north america|"
    r"(?-i:US)|u\.s\.|the u\.k\.|(?-i:UK)|international territories|(?:key |several |multiple )?"
    r"territories)\b"
    # ... where the territory ends the phrase: not "for the world tour".
    r"(?=\s*(?:[,.;:)]|$|\s(?:and|or|as|with|from|at|in|after|ahead|before|excluding|except|"
    r"but)\b))"
)


# Talks a named source reports ("as Variety reports", "according to") are news.
_ATTRIBUTED = _rx(r"\baccording to\b|\breport(?:s|ed)?\b|\bsources?\b|\btold\b|\bper\b")
# Talks reported as nearly closed are talks even when only "reportedly" so.
_CLOSE_TALKS = _rx(r"\b(?:final|advanced|late|near\w*|clos\w*)\b")
_RUMOUR = _rx(r"\brumou?r(?:s|ed)?\b")
_OFFERS = _rx(r"\b(?:offers?|bids|bidders|suitors)\b")


def _talks(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    if re.match(r"\s(?:a\s)?(?:record\s)?[$£€]\d", site.text[site.trigger.end() :]):
        return None  # "eyes $2 billion run": a box-office projection
    if _TALKS_HEDGE.search(site.before_trigger(4)) or _RUMOUR.search(
        site.text, 0, site.trigger.start()
    ):
        return None  # "could be nearing a deal", "there are rumors that"
    if (
        re.search(r"\breportedly\b", site.before_trigger(4), _I)
        and not _ATTRIBUTED.search(site.text)
        and not _CLOSE_TALKS.search(site.trigger.group(0))
    ):
        return None  # "X is reportedly in negotiations": talks nobody vouches for
    if not site.target.virtual and _OTHER_WORK_AFTER.match(site.text, site.target.end):
        return None  # "in talks with the X star", "for the X sequel"
    if not site.target.virtual and site.target.start > site.trigger.end():
        object_words = site.text[site.trigger.end() : site.target.start]
        if _TV_OBJECT.search(object_words):
            return None  # "in talks for the BBC series X": television
        corporate = re.search(r"\b(?:acquire|buy|merge with|take over)\s(?:the\s)?", object_words)
        if corporate and (company_at(object_words, corporate.end())):
            return None  # "in talks to acquire Neon, owner of X": a corporate deal
    after = site.text[site.trigger.end() : site.region_end + 1]
    if _CASTING_OBJECT.search(site.text[site.trigger.end() : site.trigger.end() + 60]):
        return None
    about_a_deal = _ACQ_OBJECT.search(after) or site.trigger.group(0).casefold().startswith("near")
    buyer = _buyer_before(site)
    # "Neon in talks for 'X'", "A24 circling 'X'": a distributor talking about a film is a deal.
    gap = site.text[site.trigger.end() : site.target.start] if not site.target.virtual else "x"
    known_buyer = (
        buyer is not None
        and buyer in _BUYER_NAMES
        and len(gap) <= 60
        and not re.search(r"\b(?:release|date|role|part|director|star|remake|rights to)", gap, _I)
    )
    # "in negotiations for most of the world", "negotiating on X, which has several offers"
    for_deal = _TALKS_TERRITORY.search(after) or _OFFERS.search(site.region)
    if not (about_a_deal or for_deal or known_buyer or _DEAL_CONTEXT.search(site.region)):
        return None
    if re.search(r"\bno deal\b", site.region, _I) or _BACKGROUND.search(site.region):
        return None
    # Else the headline's buyer, or one named earlier in the sentence ("Focus' pursuit of X,
    # on which the studio remains in negotiations"); other sentences may name rival bidders.
    named = BUYER_PATTERN.search(site.ctx.headline) or BUYER_PATTERN.search(
        site.text, 0, site.trigger.start()
    )
    if buyer is None and named is not None:
        buyer = canonical_buyer(named.group(0))
    if buyer is not None and buyer.casefold() in SALES_AGENTS:
        buyer = None  # "Cinetic is negotiating the sale of X": the seller is no buyer
    fields: dict[str, Any] = {}
    if buyer:
        fields["buyer"] = buyer
    territory = _territory(site)
    if territory:
        fields["territory"] = territory
    market = _market(site)
    if market:
        fields["market"] = market
    return [(fields, 0.6)]


_SALE_WORDS = _rx(r"\b(?:sale|deals?|discount\w*|off|price[sd]?|save|savings|cheap\w*)\b")


def _deal_price_event(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    text = site.text
    retail = [
        (site.region_start + m.start, m) for m in find_money(site.region) if m.retail is not None
    ]
    format_match = _FORMAT.search(text) or _FORMAT.search(site.ctx.headline)
    retailer_match = RETAILER_PATTERN_CI.search(site.region) or RETAILER_PATTERN_CI.search(
        site.ctx.headline
    )
    trigger = site.trigger.group(0).casefold()
    weak = trigger.endswith("sale") and "on sale" not in trigger
    if weak and not (format_match and retail):
        return None
    # "bringing X to Blu-ray on Black Friday" names a day, not a price.
    if trigger in ("black friday", "cyber monday") and not (
        retail or _SALE_WORDS.search(site.region)
    ):
        return None
    if not (format_match or retailer_match or retail):
        return None
    if _BOX_OFFICE.search(site.region):
        return None
    fields: dict[str, Any] = {}
    if retailer_match:
        fields["retailer"] = canonical_retailer(retailer_match.group(0))
    after_trigger = [item for item in retail if item[0] >= site.trigger.start()]
    price = _nearest(after_trigger or retail, site.trigger.end())
    if price is not None:
        fields["price_text"] = price.text
    formats = f"{text} {site.ctx.headline}"
    for name, label in (
        ("k4", "4K"),
        ("bluray", "Blu-ray"),
        ("dvd", "DVD"),
        ("digital", "digital"),
    ):
        if any(m.group(name) for m in _FORMAT.finditer(formats)):
            fields["format"] = label
            break
    return [(fields, 0.8)]


def _medium_near(site: _Site, position: int) -> tuple[str | None, str | None]:
    text = site.text
    mediums = []
    for match in _MEDIUM_WORDS.finditer(text):
        name = match.lastgroup
        if name:
            mediums.append((match.start(), name))
    platforms = [
        (m.start(), canonical_platform(m.group(0))) for m in PLATFORM_PATTERN.finditer(text)
    ]
    medium = _nearest(mediums, position)
    platform = _nearest(platforms, position)
    # "hits cinemas on Sept. 27 before arriving on Netflix Oct. 18": the nearer word decides.
    if mediums and platforms:
        medium_gap = min(abs(p - position) for p, _m in mediums)
        platform_gap = min(abs(p - position) for p, _m in platforms)
        if platform_gap < medium_gap:
            medium = "streaming"
    if platform is None and medium in (None, "streaming"):
        platform = site.ctx.headline_platform
    if medium is None and platform is None:
        # "Discover X on UK DVD in March": the headline's medium.
        headline_medium = next(
            (m.lastgroup for m in _MEDIUM_WORDS.finditer(site.ctx.headline) if m.lastgroup), None
        )
        medium = headline_medium if headline_medium in ("disc", "digital") else None
    if medium is None:
        medium = "streaming" if platform else "theatrical"
    if medium != "streaming":
        platform = None if medium in ("theatrical", "disc") else platform
    return medium, platform


def _dates_in_region(site: _Site) -> list[DateMention]:
    dates = find_dates(site.region, site.ctx.published)
    # "A moves from May 1 to May 8, B now opens June 5": B's dates start after the clause
    # break in front of B (or of its trigger, whichever comes first).
    floor = site.region_start
    if not site.target.virtual:
        head = site.text[site.region_start : min(site.target.start, site.trigger.start())]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
        floor = site.region_start + breaks[-1] if breaks else floor
        # "Neon moved A to March 6 and pushed B to 2026": B's region starts after A, and its
        # verb comes before it: the dates before the verb are A's.
        after_a_film = site.region_start > 0 and site.text[site.region_start - 1] != ";"
        if after_a_film and site.trigger.start() < site.target.start:
            floor = max(floor, site.trigger.start())
        # "has dated A for March 6 and B for April 10": B's dates come after B.
        between = site.text[site.trigger.end() : site.target.start]
        if re.search(r"(?:,|\band)\s[\"'‘“]?$", between) and find_dates(between, _ANY_DAY):
            floor = max(floor, site.target.start)
        # "A (March 6), B (April 10) and C": a parenthesis right after A is A's.
        aside = re.match(r"['’\"]?\s?\([^()]{0,40}\)", site.text[site.region_start :])
        if after_a_film and aside:
            floor = max(floor, site.region_start + aside.end())
    # "Netflix will release 22 July on October 10": a title that reads as a date is no date.
    title = (site.target.start, site.target.end) if not site.target.virtual else (-1, -1)
    return [
        d.shifted(site.region_start)
        for d in dates
        if d.start + site.region_start >= floor
        and not (d.start + site.region_start < title[1] and d.end + site.region_start > title[0])
    ]


def _is_old(site: _Site, mention: DateMention, *, starting: bool = False) -> bool:
    """Whether a date is the one a move leaves ("from March 5", "originally set for").

    With ``starting`` (a new date, not a move), "streams on Netflix from December 4" is
    when it starts, unless a "to <date>" follows.
    """
    before = site.text[max(site.region_start, mention.start - 60) : mention.start]
    before = re.split(
        r"(?<!supposed )(?<!intended )(?<!scheduled )(?<!slated )(?<!expected )(?<!planned )"
        r"\b(?:to|into|now|landing on|landing|will now)\b",
        before,
        flags=_I,
    )[-1]
    # "6/18/2021 (from 7/2/2021)": a parenthesis names the date it moved from.
    if starting and re.search(r"\bfrom (?:\w+ )?$", before) and not before.endswith("(from "):
        after = site.text[mention.end : mention.end + 25]
        return bool(re.match(r"\s(?:to|until)\s(?!the end\b)", after))
    return bool(_OLD_DATE_CUE.search(before))


def _in_the_past(mention: DateMention, published: date | None) -> bool:
    """Whether a date without a year was over before the article was written.

    "opening the film wide across Canada on May 24" in a June article tells of a past
    release: a release date is news before it comes (a few days' grace covers a weekend
    report). A date with its year stated is taken as written.
    """
    if published is None or mention.year is None:
        return False
    if mention.precision not in ("year", "season") and (mention.year_stated or not mention.month):
        return False
    return _over_by(mention, published)


def _over_by(mention: DateMention, published: date) -> bool:
    """Whether the date (its year known) was over on ``published``, a few days' grace for a
    day; a year or season only once its year is gone ("a 2019 release" in a 2025 article)."""
    assert mention.year is not None
    if mention.precision in ("year", "season") or not mention.month:
        return mention.year < published.year
    if mention.precision == "day" and mention.day:
        return (published - date(mention.year, mention.month, min(mention.day, 28))).days > 3
    return (mention.year, mention.month) < (published.year, published.month)


def _in_quotes(text: str, mention: DateMention) -> bool:
    before = text[max(0, mention.start - 7) : mention.start]
    after = text[mention.end : mention.end + 1]
    quoted = bool(re.search(r"[\"“‘']\s?(?:(?i:early|late|mid)[- ])?$", before))
    return quoted and after != "" and after in "\"”’'"


def _long_gone(mention: DateMention, published: date | None) -> bool:
    """A day with its year, half a year before the article: "released on March 6, 2020"."""
    if published is None or mention.precision != "day" or not mention.year_stated:
        return False
    day = date(mention.year or 1, mention.month or 1, min(mention.day or 1, 28))
    return (published - day).days > 180


def _stated_in_the_past(mention: DateMention, published: date | None) -> bool:
    """Whether a date written with its year was over before the article was written."""
    if published is None or mention.year is None or not mention.year_stated:
        return False
    return _over_by(mention, published)


# "premieres at TIFF on Sept. 8 before opening Oct. 3": the first date is the festival's.
_FESTIVAL_LEAD = _rx(r"\b(?:festival|fest|world premiere)\b")
# Between a festival and its date: "at TIFF on Sept. 8", "Venice Film Festival, Aug. 30".
_FESTIVAL_TO_DATE = _rx(
    r"(?:\s|,|\b(?:on|in|this|next|the|from|starting|through|until|film|festival|fest|"
    r"international|intl|annual|\d{4}|\d{1,2}(?:st|nd|rd|th))\b)*"
)


# "The X trailer debuts March 6", "X's red carpet premiere is set for": another thing's date.
_THING_AFTER_TITLE = _rx(
    r"['’\"]?(?:['’]s)?\s(?:(?:new|first|official|final|main|full|original)\s)?(?:trailer|teaser|"
    r"soundtrack|score|album|book|novel|video ?game|game|poster|podcast|tour|musical|series|show|"
    r"season|red carpet|gala|screening|q&a|panel|tickets?|pre-?sales?|cast|sequel|prequel|"
    r"spinoff|spin-off|remake|reboot)\b(?!:)"  # "X Trailer: <news of X>" labels the post
)
# "X follows Y's March 6 release": Y's date, said to place X.
_PLACING_LEAD = _rx(
    r"\b(?:follows|following|after|before|against|opposite|alongside|than|behind|versus|vs\.?|"
    r"ahead of|near|trailing|preceding|like)\s(?:the\s)?[\"'‘“]?$"
)


def _not_the_films_release(site: _Site) -> bool:
    """Whether the release the trigger states is another thing's or another film's."""
    if site.target.virtual or site.target.end > site.trigger.start():
        return False
    if _THING_AFTER_TITLE.match(site.text, site.target.end):
        return True
    possessive = re.match(r"['’\"]?['’]s\s", site.text[site.target.end : site.target.end + 4])
    lead = site.text[max(0, site.target.start - 24) : site.target.start]
    return bool(possessive) and bool(_PLACING_LEAD.search(lead))


def _box_office_date(site: _Site, mention: DateMention) -> bool:
    """ "Debuts to $40M on Friday", "grossed $12M on Friday": a takings date.

    The takings must lie between the verb and the date, or just before the date; "heads to
    Disney+ on March 6 after a $500M box office run" still sets a date.
    """
    start = min(site.trigger.start(), mention.start)
    end = max(site.trigger.end(), mention.end)
    between = site.text[start:end]
    near = site.text[max(site.region_start, mention.start - 30) : mention.start]
    return bool(_BOX_OFFICE.search(between) or _TAKINGS.search(between + " " + near))


# The verb right before a date governs it: "Variety reported on Thursday", "died in July",
# "will make its North American debut at Hot Docs on Monday" date a report, a death or a
# screening, not the film's release.
_OTHER_EVENT_DATE = _rx(
    r"\b(?:reported|reports|said|says|told|announced|confirmed|revealed|noted|wrote|"
    r"died|dies|passed away|was born|born|(?:makes?|making|made) (?:its|their) (?:[\w-]+ ){0,3}"
    r"(?:debut|premiere|bow) at (?:the )?(?:[\w'&-]+\s){0,4}[\w'&-]+)\s(?:on|in|this|last)\s$"
)
# "It opens on August 27 with the premiere of X": the festival opens; X is what it opens with.
_OPENS_ON = _rx(r"\b(?:opens?|opening|closes?|closing|kicks? off|starts?|begins?)\s(?:on\s)?$")


def _other_event_date(site: _Site, mention: DateMention) -> bool:
    """Whether the verb governing a date is a report's, a death's or a screening's."""
    lead = site.text[max(0, mention.start - 70) : mention.start]
    if _OTHER_EVENT_DATE.search(lead):
        return True
    # "this summer's box-office hits", "March's slate": a possessive date qualifies a noun.
    if re.match(r"['’]s\b", site.text[mention.end : mention.end + 3]):
        return True
    if site.target.virtual or site.target.start < mention.end:
        return False
    after = site.text[mention.end : site.target.start]
    return bool(_OPENS_ON.search(lead)) and bool(re.match(r",?\swith\s", after))


def _festival_date(site: _Site, mention: DateMention) -> bool:
    """Whether the words just before a date tie it to a festival rather than a release."""
    lead = site.text[max(site.region_start, mention.start - 50) : mention.start]
    named = [m.end() for m in _FESTIVAL_LEAD.finditer(lead)]
    named += [_name_end(lead, position) for position, _name in find_festivals(lead)]
    return any(_FESTIVAL_TO_DATE.fullmatch(lead, end) for end in named)


def _name_end(text: str, position: int) -> int:
    """Where the first word of the festival name starting at ``position`` ends."""
    match = re.match(r"[\w'&-]+", text[position:])
    return position + (match.end() if match else 0)


_TAKINGS = _rx(r"\b(?:to|with|of|grossed|grosses|made|earned|took in|scored)\s[$£€]\d")
_APPOSITIVE_PARTICIPLE = _rx(
    r"dated|set|slated|scheduled|due (?:in|out|on)|opening|arriving|bowing|debuting|hitting"
)
_AHEAD_OF = _rx(
    r"\bahead of (?:its|the film's|the movie's|the|their)\b|"
    r"\bahead of (?:[\w.,]+ ){1,4}(?:release|opening|premiere|debut|bow)\b"
)


def _ahead_of_known(site: _Site, clause: str) -> bool:
    """ "The trailer arrives ahead of its March 6 release": a date told as known.

    Not when the sentence itself states a release before it ("hits theaters March 6 ahead of
    its Netflix launch April 3", "is available on Digital ahead of its April 7 DVD release").
    """
    ahead = _AHEAD_OF.search(clause)
    if ahead is None:
        return False
    before = clause[: ahead.start()]
    if _SHOOT_WORDS.search(before):
        return True
    stated = find_dates(before, site.ctx.published) and _DATE_ANNOUNCED.search(before)
    return not (stated or _AVAILABLE.search(before))


def _appositive(site: _Site) -> bool:
    """A date told in passing, between commas after the title.

    "Boateng talks about X, in theaters Friday." and "X, dated for March 6, is the first of
    three Neon releases" restate a known date.
    """
    if site.target.virtual or site.trigger.start() < site.target.end:
        return False
    gap = site.text[site.target.end : site.trigger.start()]
    if not re.fullmatch(r"[\"'’”]?,\s", gap):
        return False
    trigger = site.trigger.group(0)
    if re.match(r"(?i:in theaters|in cinemas|in theatres|out|streaming|now streaming)\b", trigger):
        return True
    # A participle closes with a comma: "X, dated for March 6, is ...".
    closing = re.match(r"[^,;.]{0,40},\s", site.text[site.trigger.end() :])
    return bool(closing) and bool(_APPOSITIVE_PARTICIPLE.fullmatch(trigger))


# "..., which was originally scheduled for September 24.": the plan a later date replaces.
_OLD_PLAN_BEFORE = _rx(
    r"\b(?:originally|previously|initially|formerly|first|had been|was|were)\s(?:\w+\s)?"
    r"(?:scheduled|set|slated|dated|planned|due)\s(?:to\s(?:open|bow|debut|be released|release|"
    r"hit\s\w+|arrive)\s)?(?:for|on|in)\s(?:a\s|an\s|the\s)?$"
)


def _moved_over_two_sentences(
    ctx: _Context, resolved: Sequence[tuple[Sentence, list[_Ref]]], found: list[_Found]
) -> None:
    """A new date right after a sentence with the film's old plan is a move, not a first date.

    "Sony will release X, which was originally scheduled for September 24. On the October 1
    date, X will go up against Y." Only the sentence just before counts, and only when it
    gives the film no date event of its own.
    """
    films_in = {sentence.index: {r.film.key for r in refs} for sentence, refs in resolved}
    body = {sentence.index: sentence for sentence, _refs in resolved if not sentence.headline}
    dated = {
        (item.sentence.index, item.film.key)
        for item in found
        if item.kind in (EventKind.RELEASE_DATE_ANNOUNCED, EventKind.RELEASE_DATE_CHANGED)
    }
    for item in found:
        index = item.sentence.index
        previous = body.get(index - 1)
        if (
            item.kind is not EventKind.RELEASE_DATE_ANNOUNCED
            or item.sentence.headline
            or previous is None
            or item.film.key not in films_in.get(index - 1, set())
            or (index - 1, item.film.key) in dated
        ):
            continue
        plans = [
            mention
            for mention in find_dates(previous.text, ctx.published)
            if _OLD_PLAN_BEFORE.search(previous.text[max(0, mention.start - 50) : mention.start])
        ]
        new_iso = str(item.fields.get("date", ""))
        if len(plans) != 1 or _same_date(plans[0].iso, new_iso):
            continue
        old = plans[0]
        item.kind = EventKind.RELEASE_DATE_CHANGED
        item.fields = {
            "old_date": old.iso,
            "new_date": new_iso,
            "precision": item.fields.get("precision"),
            "medium": item.fields.get("medium"),
            # ISO strings order as dates do ("2025-10-01" after "2025-09-24").
            "direction": "delayed" if new_iso > old.iso else "moved_up",
        } | ({"platform": item.fields["platform"]} if item.fields.get("platform") else {})


def _completed_moves(found: list[_Found]) -> list[_Found]:
    """A move that names only the date left, then the film's date in the next sentence.

    "X has been moved from April 3. It will now premiere on Netflix on May 22." is one
    move from April 3 to May 22, not a move with no destination plus a first date.
    """
    open_moves = {
        (item.sentence.index, item.film.key): item
        for item in found
        if item.kind is EventKind.RELEASE_DATE_CHANGED
        and not item.sentence.headline
        and item.fields.get("old_date")
        and not item.fields.get("new_date")
        and item.fields.get("direction") != "pulled"
    }
    kept = []
    for item in found:
        move = open_moves.get((item.sentence.index - 1, item.film.key))
        if move is None or item.kind is not EventKind.RELEASE_DATE_ANNOUNCED:
            kept.append(item)
            continue
        old_iso, new_iso = str(move.fields["old_date"]), str(item.fields.get("date", ""))
        if _same_date(old_iso, new_iso):
            kept.append(item)
            continue
        move.fields |= {
            "new_date": new_iso,
            # ISO strings order as dates do.
            "direction": "delayed" if new_iso > old_iso else "moved_up",
        }
        move.fields |= {
            key: item.fields[key] for key in ("medium", "platform") if item.fields.get(key)
        }
        del open_moves[(item.sentence.index - 1, item.film.key)]
    return kept


def _drop_restated(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """A headline's date that the body tells as already known, or only hedged, is no news.

    "Stars to Return for 'X' - June 2026 Release Date" over "... ahead of its theatrical
    release on June 12, 2026".
    """
    if not ctx.restated:
        return found
    return [
        item
        for item in found
        if not (
            item.kind is EventKind.RELEASE_DATE_ANNOUNCED
            and item.sentence.headline
            and any(
                key == item.film.key and _same_date(iso, str(item.fields.get("date", "")))
                for key, iso in ctx.restated
            )
        )
    ]


def _same_date(one: str, other: str) -> bool:
    return bool(one and other) and (one.startswith(other) or other.startswith(one))


def _date_fields(mention: DateMention, key: str = "date") -> dict[str, Any]:
    fields: dict[str, Any] = {key: mention.iso, "precision": mention.precision}
    if mention.season:
        fields["season"] = mention.season
    return fields


# "later this summer", "sometime in 2026": a window, not a date (a day is still a date).
_VAGUE_DATE = _rx(
    r"\b(?:later|earlier|sometime|some time|at some point|by the end of|before the end of|"
    r"(?:as )?(?:early|soon) as)\s(?:in\s|during\s|of\s)?(?:the\s)?$"
)
# Hedges of a reported date only ("Retail sources say ... on 5/7 (or maybe a week to either
# side)"); deals keep their own hedges.
_DATE_HEDGE = _rx(
    r"\b(?:sources? (?:say|said|tell|told|claim)|according to (?:retail |industry )?sources|"
    r"or (?:maybe|perhaps|so)|either side|give or take|unconfirmed|it appears|appears to|"
    r"seems to|looks (?:to be|like|set to)|on either)\b"
)
# "it looks like they kept their word, as it was just announced that the film will open on
# June 16": an announcement before the trigger makes what follows a firm statement; a hedge
# in front of it is about something else.
_FIRM_REPORT = _rx(
    r"\b(?:was|has been|have been|is|were) (?:just |now |officially |finally )?"
    r"(?:announced|confirmed|revealed)(?: that)?\b"
)


def _reported_statement(site: _Site) -> str:
    """The part of the film's region a hedge can qualify: after a firm announcement, if any."""
    head = site.text[site.region_start : site.trigger.start()]
    firm = [m.end() for m in _FIRM_REPORT.finditer(head)]
    return site.text[site.region_start + firm[-1] : site.region_end] if firm else site.region


# "Funny and Moving X Opens ...", "a deeply moving drama": the feeling, not a date move.
_MOVING_AS_ADJECTIVE = _rx(
    r"\b(?:(?:funny|sweet|powerful|beautiful|heartfelt|tender|touching|hilarious|smart|charming|"
    r"warm|gorgeous) and|so|very|deeply|truly|most|quite|genuinely|incredibly|profoundly|a|an) "
    r"moving\b(?!\s(?:up|back|forward|to|from|off|into|its|the|it|a|one|two|three|\w+ weeks?)\b)"
)
# "first hit theaters in 2019 and streams on Netflix from March 6": a later verb of its own.
_PRESENT_VERB = _rx(
    r"(?:streams?|hits|opens|arrives|debuts|bows|lands|premieres|will|starting|drops|heads?|"
    r"comes|becomes)\b"
)
_INFINITIVE = _rx(
    r"\bto (?:hit|land|launch|drop|arrive|debut|bow|open)\b|"
    r"\b(?:can|will|to|would) be (?:streamed|released|launched|dropped)\b"
)
_LANDED_A_DATE = _rx(r"\b(?:landed|scored|nabbed|grabbed|got) (?:a|an|its|the)\b")
_ASIDE = re.compile(r"\([^()]{0,80}\)")
# "in 21 theaters and on Netflix", "in theaters + on digital": a day-and-date release.
_DAY_AND_DATE = re.compile(
    r"\b(?i:in (?:\d+ |select |limited |domestic |(?:both )?(?:American |U\.?S\.? |UK )?)?"
    r"(?:theaters|theatres|cinemas)|theatrically)\s?"
    r"(?i:and|\+|&|as well as)\s(?i:on\s|via\s)?(?P<home>"
    + PLATFORM_PATTERN.pattern
    + r"|(?i:digital|vod|on demand|streaming))"
)
# A marker on the second release of a day-and-date pair, so that it stays its own event.
_SECOND_MEDIUM = "_second_medium"
# "was scheduled to open on Oct. 13": a plan told in the past.
_PAST_PLAN = _rx(
    r"\b(?:was|were|had been) (?:originally |initially |first |once )?(?:scheduled|dated|"
    r"expected|supposed|planned|due)\b|"
    # "Paramount, who went on to set its release date for September 25": narrated history.
    r"\b(?:went|had gone) on to\b"
)
# "a Halloween 2024 release was a bit too ambitious"
_RELEASE_WAS = _rx(
    r"\brelease (?:date |plan )?(?:for (?:[\w'-]+ ){1,5})?(?:was|were)\s"
    r"(?!(?:just |officially |finally )?(?:announced|revealed|confirmed|unveiled|set|moved|pushed|"
    r"shifted|dated|scheduled)\b)"
)
_NOW_AGAIN = _rx(r"\b(?:now|will|is being|are being|instead|has been|have been)\b")


def _told_in_the_past(lead: str) -> bool:
    """Whether the plan a date belongs to is told as past ("was scheduled ... on Oct. 13").

    "... that was supposed to come out from TWC is now being released on May 31": the "now"
    after the old plan starts the new one.
    """
    plans = list(_PAST_PLAN.finditer(lead))
    return bool(plans) and not _NOW_AGAIN.search(lead, plans[-1].end())


# "will go up against X on October 1": X is the rival on that date, not the one released.
_AGAINST = _rx(
    r"\b(?:against|opposite|versus|vs\.?|rivals?|competing with|counter-?programming)"
    r"\s(?:the\s)?[\"'‘“]?$"
)
# "And so with X opening in June, we get ...": a "with" phrase fronted before the sentence's
# subject sets the scene; its participle states no news.
_WITH_LEAD = _rx(r"^[\"'‘“]?(?:(?:and|but|so|now|yet)\s){0,2}with\s")
_PARTICIPLE_TAIL = _rx(r"^[\"'’”]?\s(?:(?:now|already|finally|also)\s)?$")


# "debut as the opening night film at <event> on May 31", "at a special screening on May 31":
# one screening, not the release.
_SCREENING_EVENT = _rx(
    r"\b(?:(?:special|advance|preview|gala|premiere|benefit|one-night|sneak|fan) screenings?|"
    r"screenings?\s(?:at|in|during)|(?:opening|closing)[- ]night|centerpiece|film society|"
    r"retrospective)\b"
)


_ACQUIRED_FOR = _rx(
    r"\b(?:acquires|acquired|buys|bought|picks up|picked up|snaps up|snapped up|nabs|nabbed)\s"
)


def _competitor(site: _Site) -> bool:
    if site.target.virtual or site.target.start < site.trigger.end():
        return False
    return bool(_AGAINST.search(site.text[site.trigger.end() : site.target.start]))


def _absolute_with(site: _Site) -> bool:
    """Whether the film and its verb sit in a fronted "with X <verb>ing ..., <main clause>"."""
    if site.target.virtual or site.target.end > site.trigger.start():
        return False
    head = site.text[: site.target.start]
    statement = head[max(head.rfind(";"), head.rfind(":")) + 1 :].lstrip()
    if not _WITH_LEAD.match(statement):
        return False
    verb = site.trigger.group(0).casefold()
    participle = verb.endswith("ing") or verb in ("set", "slated", "dated", "scheduled", "due")
    if not participle or not _PARTICIPLE_TAIL.match(
        site.text[site.target.end : site.trigger.start()]
    ):
        return False
    # The sentence's own subject and verb come after the phrase, past a comma.
    return "," in site.text[site.trigger.end() :]


# "The Batman is set in 1985": a story's setting, not its release.
_SETTING = _rx(r"\s(?:in|during|around|against)\s(?!theaters|theatres|cinemas)")


# "based on the popular 1970s TV show": the film's source, not a series' season.
_SOURCE_OF = _rx(
    r"\b(?:based on|adapted from|adaptation of|inspired by|remake of|reboot of|version of|"
    r"spinoff of|spin-off of|follow-up to|sequel to)\s(?:the\s|a\s)?(?:[\w'-]+\s){0,3}$"
)


# "Buyer: MUBI Date Acquired: May 26", "the deal closed on May 3": the deal's date.
_DEAL_DATE = _rx(
    r"\b(?:acquired|bought|sold|signed|closed|struck|announced|deal|pickup)\b:?\s(?:on\s)?$"
)


# "undated since, now gets a July 16 release": the film had no date, and now has one.
_WAS_UNDATED = _rx(
    r"\b(?:undated|unset|without a (?:release )?date),?\s(?:since|until now|so far|for (?:months|"
    r"years|a while))\b|\bhad no (?:release )?date\b"
)


# "awards season", "the holiday season": a time of year, not a series' season.
_TIME_OF_YEAR = words(
    """awards award oscar oscars holiday holidays festival summer fall winter spring autumn
    movie moviegoing release box office the this next last busy crowded"""
)


def _about_a_series(region: str) -> bool:
    for match in _TV_WORDS.finditer(region):
        words = match.group(0).casefold().split()
        # "an awards-season run": the hyphen joins the time word to "season".
        before = re.split(r"[\s-]+", region[: match.start()].rstrip("-"))[-1:] or [""]
        # "awards season", "Awards Season Run": the word before "season" names a time.
        time_word = words[0] if words[-1] == "season" else before[0].casefold()
        if "season" in words and time_word in _TIME_OF_YEAR:
            continue
        if not _SOURCE_OF.search(region[max(0, match.start() - 50) : match.start()]):
            return True
    return False


# "A and B will both open on March 6": the first of two subjects shares the verb's date.
_SUBJECT_LIST = re.compile(r"['’\"”]?\s?(?:,|(?i:and)|&)\s")
_SHARED_VERB = _rx(r"\b(?:both|all|each|will|open|hit|arrive|debut|bow|land|premiere|release)\b")


# "pushed A, B and C to 2026", "Postpones ... Including A, B, and C, Until 2024": the other
# titles of the verb's object list, then the date they share.
_LIST_THEN_DATE = re.compile(
    r"(?:[\"'’”]?,?\s(?:(?i:and|&)\s)?[\"'‘“]?(?:[A-Z0-9][\w'’:.-]*\s?){1,6}){1,8}[\"'’”]?,?\s"
    r"(?i:to|until|till|into|for|on|in)\s$"
)


def _list_dates(site: _Site) -> list[DateMention]:
    """The date after the last title of a list of objects that the trigger governs."""
    if site.target.virtual or site.target.start < site.trigger.end():
        return []
    tail = site.text[site.target.end :]
    dates = find_dates(tail, site.ctx.published)
    if not dates or not _LIST_THEN_DATE.fullmatch(tail[: dates[0].start]):
        return []
    return [dates[0].shifted(site.target.end)]


def _shared_dates(site: _Site) -> list[DateMention]:
    if site.target.virtual or site.target.end > site.trigger.start():
        return []
    between = site.text[site.target.end : site.trigger.start()]
    if not _SUBJECT_LIST.match(between) or _OTHER_CLAUSE.search(between) or "," in between[2:]:
        return []
    if not _SHARED_VERB.search(site.text[max(0, site.trigger.start() - 12) : site.trigger.end()]):
        return []
    tail = site.text[site.trigger.end() :]
    cut = _CLAUSE_BREAK.search(tail)
    tail = tail[: cut.start()] if cut else tail
    return [d.shifted(site.trigger.end()) for d in find_dates(tail, site.ctx.published)]


# "The trailer for X, which will open on June 20, ...": in a trailer story, a date told in a
# relative clause or an aside is the standing plan, repeated to place the trailer.
_TRAILER_HEADLINE = _rx(r"\b(?:trailers?|teasers?)\b")
_STANDING_PLAN = _rx(
    r"(?:\b(?:which|that) (?:will|is (?:set|scheduled|slated|due) to)|,\s(?:set|scheduled|slated|"
    r"due) to) (?:open|bow|hit|arrive|debut|land|be released)\b"
)


def _standing_plan_in_trailer_story(site: _Site) -> bool:
    headline = site.ctx.headline
    if not _TRAILER_HEADLINE.search(headline) or find_dates(headline, site.ctx.published):
        return False
    return bool(_STANDING_PLAN.search(site.region))


def _date_announced(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    region = site.region
    clause = site.text[site.clause_start : min(site.region_end, site.trigger.end() + 60)]
    if (
        _RESTATEMENT.search(clause)
        or _standing_plan_in_trailer_story(site)
        or _BACKGROUND.search(clause)
        or _appositive(site)
        or _ahead_of_known(site, clause)
    ):
        if not site.sentence.headline:
            site.ctx.restated.update((site.target.film.key, d.iso) for d in _dates_in_region(site))
        return None
    if _NEGATION.search(clause):
        return None
    # "has landed a Jan. 9 release date" got a date; "landed in theaters" is past.
    # "'X' To Hit Theaters March 6": a headline's infinitive is the future.
    untensed = _INFINITIVE.sub("", _LANDED_A_DATE.sub("", clause))
    past = _PAST_RELEASE.search(untensed)
    later_verb = (
        past is not None
        and site.trigger.start() >= site.clause_start + past.end()
        and bool(_PRESENT_VERB.match(site.trigger.group(0)))
    )
    if past and not later_verb and not _FUTURE.search(clause):
        return None  # "X opened in theaters on May 1": not an announcement
    # "As previously announced, X opens Feb. 26; on March 26 it will become available on
    # PVoD": a semicolon starts a new statement, which is news.
    statement = site.text[: site.trigger.start()]
    if _AS_ANNOUNCED.search(statement[statement.rfind(";") + 1 :]):
        return None  # "As previously announced, X will open on ...": not news
    if _about_a_series(region) or _RELEASE_WAS.search(clause):
        return None
    if _HEDGE.search(clause) or _DATE_HEDGE.search(_reported_statement(site)):
        # "Retail sources say ... on 5/7": the headline's "due in May" is the same report.
        if not site.sentence.headline:
            site.ctx.restated.update((site.target.film.key, d.iso) for d in _dates_in_region(site))
        return None
    # "Next spring will see the release of <another film>, but first he made X": the film
    # named after a clause break is not the trigger's.
    if not site.target.virtual and _OTHER_CLAUSE.search(
        site.text[site.trigger.end() : max(site.trigger.end(), site.target.start)]
    ):
        return None
    if _not_the_films_release(site) or _competitor(site) or _absolute_with(site):
        return None
    if site.trigger.group(0).casefold() in ("set", "sets") and _SETTING.match(
        site.text, site.trigger.end()
    ):
        return None
    if (
        site.ctx.change_article
        and re.search(r"\b(?:will now|now)\b", region, _I)
        and not _WAS_UNDATED.search(region)
    ):
        return None
    plain = _DESCRIBED_CHANGES.sub("", _MOVING_AS_ADJECTIVE.sub("", clause))
    if _STRONG_CHANGE.search(plain) or (
        _DATE_CHANGED.search(region) and _from_a_plan(region, site.ctx.published)
    ):
        return None
    soft = bool(_SOFT_HEDGE.search(clause))
    # A festival named after the trigger ("will premiere at Venice on Sept. 1"); one that
    # only describes the film ("the Sitges winner X will stream in 2027") does not count.
    festival_here = (
        bool(
            find_festivals(
                site.text[site.trigger.start() : min(site.region_end, site.trigger.end() + 60)]
            )
        )
        or "world premiere" in clause.casefold()
        or site.ctx.lineup_festival is not None
        or bool(
            _SCREENING_EVENT.search(
                site.text[site.trigger.start() : min(site.region_end, site.trigger.end() + 60)]
            )
        )
    )
    results = []
    region_dates = _dates_in_region(site) or _shared_dates(site)
    for mention in region_dates:
        if mention.start < site.clause_start:
            continue
        if _is_old(site, mention, starting=True) or (soft and mention.precision != "day"):
            continue
        if _in_the_past(mention, site.ctx.published) or _long_gone(mention, site.ctx.published):
            continue
        if _DEAL_DATE.search(site.text[max(site.region_start, mention.start - 24) : mention.start]):
            continue
        lead = site.text[max(site.region_start, mention.start - 30) : mention.start]
        if mention.precision != "day" and _VAGUE_DATE.search(lead):
            continue
        # "acquires X for 2018 release": the buyer's plan, told with the deal, is no date.
        if (
            mention.precision in ("year", "season")
            and re.search(r"\bfor (?:an? )?$", lead)
            and _ACQUIRED_FOR.search(site.text[site.clause_start : mention.start])
        ):
            continue
        # 'Being Released in "Late 2024"': a window in scare quotes is someone's guess.
        if mention.precision != "day" and _in_quotes(site.text, mention):
            continue
        if _told_in_the_past(site.text[site.clause_start : mention.start]):
            continue
        # "opens in New York on Feb. 12 and will open nationwide on April 2": the release
        # date is the first one; the expansion is not a new date.
        earlier = [d for d in region_dates if d.end <= mention.start and d.precision == "day"]
        if earlier and _EXPANSION.search(site.text[earlier[-1].end : mention.start]):
            continue
        # A festival in the clause: its dates are the festival's or the premiere's; a
        # production word: the dates are the shoot's.
        if (festival_here or _SHOOT_WORDS.search(clause)) and not _RELEASE_WORDS.search(clause):
            continue
        if _festival_date(site, mention) or _box_office_date(site, mention):
            continue
        if _other_event_date(site, mention):
            continue
        distance = min(
            abs(mention.start - site.trigger.end()), abs(site.trigger.start() - mention.end)
        )
        # "will release <a long description of> X in theaters on October 28": the date
        # belongs to the verb through its object.
        if not site.target.virtual and site.trigger.end() <= site.target.start < mention.start:
            distance = min(distance, mention.start - site.target.end)
        # "will open in New York (Village East) and Los Angeles (Arena) on Friday, November 9":
        # asides in parentheses are no distance.
        if site.trigger.end() <= mention.start:
            between = site.text[site.trigger.end() : mention.start]
            distance = min(distance, len(_ASIDE.sub("", between)))
        if distance > 80:
            continue
        medium, platform = _medium_near(site, mention.start)
        fields = _date_fields(mention)
        fields["medium"] = medium
        if platform:
            fields["platform"] = platform
        confidence = 0.85 if mention.year_stated else 0.8
        both = _DAY_AND_DATE.search(site.region)
        if both:
            # "in theaters and on Netflix on October 5": one date, two releases.
            home = both.group("home")
            fields = _date_fields(mention) | {"medium": "theatrical"}
            second = _date_fields(mention) | {_SECOND_MEDIUM: True}
            if PLATFORM_PATTERN.fullmatch(home):
                second |= {"medium": "streaming", "platform": canonical_platform(home)}
            else:
                second["medium"] = "streaming" if home.casefold() == "streaming" else "digital"
            results.append((second, confidence))
        results.append((fields, confidence))
    fronted = None if results or festival_here else _fronted_date(site)
    if fronted is not None:
        medium, platform = _medium_near(site, site.trigger.start())
        fields = _date_fields(fronted) | {"medium": medium}
        if platform:
            fields["platform"] = platform
        results.append((fields, 0.75))
    return results


# "Universal announced that on Friday, current releases A, B and C will be available to rent":
# a date opening the clause, before its subject, belongs to the clause's verb.
_FRONTED_LEAD = _rx(
    r"(?:^|\b(?:that|and)\s|[;:]\s?)(?:(?:on|this|next|starting|from|by|in)\s)?$|"
    # "The following month, on August 15, Netflix will release X"
    r",\s(?:on|starting|beginning)\s$"
)
# "On August 15, Netflix will release X": a company subject between the date and its verb.
_COMPANY_SUBJECT = re.compile(
    r"\s(?:[A-Z][\w&.'’-]*\s){1,4}(?:(?i:will|is|has|also|officially|then|now)\s)*$"
)
_OTHER_CLAUSE = re.compile(r";|\sbut\s|\swhile\s|\swhereas\s")


def _fronted_date(site: _Site) -> DateMention | None:
    head = site.text[: site.trigger.start()]
    if site.target.virtual:
        return None
    for mention in find_dates(head, site.ctx.published):
        if head[mention.end : mention.end + 1] != ",":
            continue
        # "On March 14th, look for X in 4K": the verb right after the date, its object after.
        verb_first = head[mention.end :].strip() == ","
        subject_first = bool(_COMPANY_SUBJECT.fullmatch(head[mention.end + 1 :]))
        if mention.end > site.target.start or not (
            verb_first or subject_first or site.target.start < site.trigger.start()
        ):
            continue
        if not _FRONTED_LEAD.search(head[max(0, mention.start - 30) : mention.start]):
            continue
        between = head[mention.end + 1 :]
        if _OTHER_CLAUSE.search(between) or find_dates(between, site.ctx.published):
            continue
        return mention
    return None


# "The oft-delayed X hits theaters March 6": the delay describes the film.
_DESCRIBED_CHANGES = _rx(
    r"\b(?:[\w]+-|(?:long|much|oft|often|twice|repeatedly)\s)(?:delayed|postponed|pushed)\b"
)
# "the strike-delayed X", "the long-delayed X": an old delay describing the film.
_DESCRIBED_CHANGE = _rx(r"(?:-|\b(?:long|much|oft|often|twice|repeatedly)\s)$")
# "... To August 14 After 'Tenet' Shift", "now that X has moved": another film's move, given
# as the reason for this one.
_CAUSE_LEAD = _rx(
    r"\b(?:after|amid|following|since|given|because of|due to|in the wake of|now that|with)\s"
    r"(?:the\s|a\s)?[\"']?$"
)


_AUXILIARY_BEFORE = _rx(r"\b(?:has|have|had|is|are|was|were|been|will)\s(?:\w+\s)?$")


_NOT_A_MOVE_LEAD = _rx(
    r"\b(?:(?:after|despite|since) (?:being|having been)|(?:set|expected|likely|poised|tipped|"
    r"said|rumou?red) to be)\s?$"
)
_PAST_CHANGES_LEAD = _rx(r"\b(?:after|despite|following|amid|since) (?:[\w'-]+ ){0,4}$")
# "After multiple delays", "after a solid decade of delays, X finally hits theaters": the
# delays are the film's past.
_CHANGE_NOUN = _rx(r"(?:delays|postponements|pushes|shifts|moves|reschedulings)")


_NOT_A_RELEASE_MOVE = re.compile(
    r"\s(?:(?:to|into)\s(?!(?:the\s)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Spring|"
    r"Summer|Fall|Autumn|Winter|Christmas|Thanksgiving|Memorial|Labor|Easter|Halloween|Presidents|"
    r"MLK|Father|Mother|Independence|Valentine|Netflix|Hulu|Max|HBO|Disney|Prime|Apple|Peacock|"
    r"Paramount|Amazon|Showtime|Starz|Digital|VOD|Streaming|Theaters|IMAX|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|New Year|Next|Later|Early|Late|Mid)[a-z'+]*\b)"
    r"[A-Z][a-z]|"
    r"(?i:the\s)?(?i:boundaries|envelope|limits|buttons)\b)"
)


def _not_this_films_move(site: _Site) -> bool:
    """Whether the change the trigger states belongs to another film or to the past."""
    text = site.text
    if _DESCRIBED_CHANGE.search(text[max(0, site.trigger.start() - 10) : site.trigger.start()]):
        return True
    # "After being postponed thrice", "set to be postponed again", "Funny and Moving X".
    lead = text[max(0, site.trigger.start() - 30) : site.trigger.start()]
    if _NOT_A_MOVE_LEAD.search(lead):
        return True
    if _CHANGE_NOUN.fullmatch(site.trigger.group(0)) and _PAST_CHANGES_LEAD.search(lead):
        return True
    # "X, delayed twice by the pandemic, opens March 6": a description between commas.
    if not site.target.virtual and re.fullmatch(
        r"[\"'’”]?,\s", text[site.target.end : site.trigger.start()]
    ):
        aside = re.match(r"[^,;.]{0,40},\s", text[site.trigger.end() :])
        if aside and not find_dates(aside.group(0), site.ctx.published):
            return True
    # "moved to Los Angeles in May", "pushes boundaries": not a release.
    if _NOT_A_RELEASE_MOVE.match(text, site.trigger.end()):
        return True
    if any(
        m.start() <= site.trigger.start() < m.end() for m in _MOVING_AS_ADJECTIVE.finditer(text)
    ):
        return True
    # Speculation anywhere in the clause: "a lot of speculation about the reasons for its delay".
    if _HEDGE.search(text[site.clause_start : site.trigger.start()]):
        return True
    if site.target.virtual:
        return False
    # "A will open May 31, earlier than its original date, while B ...": a verb before a
    # "while"/"but" belongs to the film of that earlier clause.
    if site.trigger.end() <= site.target.start and _OTHER_CLAUSE.search(
        text, site.trigger.end(), site.target.start
    ):
        return True
    lead = text[max(site.region_start, site.target.start - 24) : site.target.start]
    if site.target.end <= site.trigger.start() and _CAUSE_LEAD.search(lead):
        return True
    # "X has moved up one week to April 27 his new movie Y": the verb's date comes before Y,
    # so the move is the subject's, not Y's.
    between = text[site.trigger.end() : site.target.start]
    own_subject = _AUXILIARY_BEFORE.search(text[site.clause_start : site.trigger.start()])
    return (
        site.trigger.end() <= site.target.start
        and own_subject is not None
        and bool(find_dates(between, site.ctx.published))
    )


def _date_changed(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    region = site.region
    trigger = site.trigger.group(0).casefold()
    if _not_this_films_move(site):
        return None
    if _HEDGE.search(site.before_trigger(4)) or re.search(
        r"\b(?:was|had been) (?:pushed|moved|delayed|postponed)\b",
        region,
        _I,
    ):
        return None
    if (
        trigger.startswith(("will now", "now "))
        and not site.ctx.change_article
        and not site.sentence.headline
        and not _EARLIER_PLAN.search(region)
    ):
        return None
    if trigger in ("undated", "unset") and _WAS_UNDATED.match(site.text, site.trigger.start()):
        return None  # "undated since, now gets a July 16 release": a first date
    if trigger.startswith(("doesn't", "does not", "no longer ha")) and not _PULLED.search(region):
        return None  # "has no release date" is only news when it says "now" or "no longer"
    # A bare "moves" or "jumps" is only a date change when a date or a pull is stated.
    vague = {"jumps", "jump", "jumped", "jumping", "moves", "moved", "moving"}
    vague |= {"taking over", "slides", "slide", "dodges", "dodged", "dodging", "hops", "hopped"}
    vague |= {"hopping", "leaps", "leapt", "leaped", "leaping", "scoots", "scooted", "scooting"}
    # "moved back two weeks", "swaps dates with": a change even without the new date.
    directed = re.match(
        r"\s(?:\w+\s){0,2}(?:back|up|earlier|later)\b|\s(?:release\s)?dates?\b|"
        r"\s(?:by\s)?(?:a|one|two|three|four|five|six|several|a few|\d{1,2})\s"
        r"(?:days?|weeks?|months?)\b",
        site.text[site.trigger.end() : site.trigger.end() + 30],
        _I,
    )
    if (
        directed
        and not site.target.virtual
        and site.trigger.end() <= site.target.start < site.trigger.end() + directed.end()
    ):
        directed = None  # "'Weapons' Moves Up": the word after the verb is a title
    if (
        trigger in vague
        and not directed
        and not find_dates(region, site.ctx.published)
        and not _PULLED.search(region)
    ):
        return None
    if trigger.startswith("pull") and re.match(
        r"\s(?:out|up|in|back|together|ahead|focus)\b(?!\sof\s(?:its|the|their)\s(?:\w+\s)?"
        r"(?:release|date|slot|calendar|schedule)\b)",
        site.text[site.trigger.end() :],
        _I,
    ):
        return None  # "prompted Netflix to pull out the checkbook"
    if re.search(
        r"\b(?:pushed for|push for|pushes for|mov(?:e|es|ed|ing) (?:past|on|forward with|into "
        r"(?:tv|television|streaming))|pulls? (?:in|off)? ?\$)\b",
        region,
        _I,
    ):
        return None
    dates = _dates_in_region(site) or _list_dates(site)
    old = [d for d in dates if _is_old(site, d)] or _fronted_old_date(site)
    # "reshoots having occurred in early 2023" in a 2024 article: no new date.
    published = site.ctx.published
    new = [d for d in dates if not _is_old(site, d) and not _stated_in_the_past(d, published)]
    # "X, a film originally planned for a December 2023 release, has been pulled": a date in
    # a description between the film and its verb is the film's state before the news.
    described = _described_dates(site, new)
    new = [d for d in new if d not in described]
    old = old or described
    # "X pushed back to 2026 but teaser at Christmas": a date past a "but" after the verb
    # is another statement's, unless the film itself comes after it.
    ceiling = _OTHER_CLAUSE.search(site.text, site.trigger.end(), site.region_end)
    if ceiling and (site.target.virtual or site.target.start < ceiling.start()):
        new = [d for d in new if d.start < ceiling.start()]
    pulled = bool(_PULLED.search(region)) and not new and not _FROM_A_FESTIVAL.search(region)
    explicit_delay = (
        re.search(r"\b(?:delay|postpon)", trigger)
        or re.search(r"\b(?:push|mov|bump|shift)\w* (?:\w+ ){0,3}(?:back|up)\b", region, _I)
        or re.search(r"\b(?:push|mov|bump)\w* out of\b", region, _I)
        or re.search(r"\b(?:swap|trade)", trigger)
    )
    if not dates and not pulled and not explicit_delay:
        return None
    if re.search(r"\bin the wake of\b", site.text[: site.trigger.start()], _I):
        return None  # "in the wake of WW84 postponing to Christmas": background to the news
    if _BOX_OFFICE.search(region) or _NEGATION.search(site.before_trigger(3)):
        return None
    fields: dict[str, Any] = {}
    new, passed = _marked_new(site, new)
    old = old or passed
    old_date = old[0] if old else None
    new_date = max(new, key=lambda d: _PRECISION_RANK[d.precision], default=None)
    if new_date is not None and old_date is not None and not new_date.year_stated:
        year = infer_year(
            new_date.month or 1,
            new_date.day or 1,
            site.ctx.published or date.today(),
            near=date(old_date.year or 2000, old_date.month or 1, old_date.day or 1),
        )
        new_date = new_date.with_year(year)
    if old_date is not None:
        fields["old_date"] = old_date.iso
    if new_date is not None:
        fields |= _date_fields(new_date, "new_date")
        medium, platform = _medium_near(site, new_date.start)
        fields["medium"] = medium
        if platform:
            fields["platform"] = platform
    if pulled:
        fields["direction"] = "pulled"
    elif old_date is not None and new_date is not None and old_date.iso != new_date.iso:
        fields["direction"] = "delayed" if _date_key(new_date) > _date_key(old_date) else "moved_up"
    elif _MOVED_UP.search(region) or _MOVED_UP.search(site.ctx.headline):
        fields["direction"] = "moved_up"
    elif _DELAYED.search(region) or _DELAYED.search(site.ctx.headline):
        fields["direction"] = "delayed"
    return [(fields, 0.85 if new_date or pulled else 0.7)]


_DESCRIPTION = re.compile(r"[\"'’”]?,\s(?:a|an|the|which|who)\s[^,;]{3,120}?,\s")


def _described_dates(site: _Site, dates: list[DateMention]) -> list[DateMention]:
    if site.target.virtual or site.target.end > site.trigger.start():
        return []
    aside = _DESCRIPTION.match(site.text, site.target.end)
    if not aside or aside.end() > site.trigger.start():
        return []
    return [d for d in dates if aside.start() <= d.start < aside.end()]


# "Originally set for a June 25, 2021 release, The Batman is now being pushed to ...": the
# clause before the film states its old plan.
_FRONTED_PLAN = _rx(
    r"^\s*(?:(?:it\s|the film\s)?was\s)?(?:originally|previously|formerly|once|first|initially)\s"
    r"(?:set|slated|dated|scheduled|planned|due)\b[^;]{0,60}?$"
)


def _fronted_old_date(site: _Site) -> list[DateMention]:
    if site.target.virtual or site.target.start <= site.region_start:
        return []
    head = site.text[site.region_start : site.target.start]
    cut = head.rfind(",")
    if cut < 0 or not _FRONTED_PLAN.match(head[:cut]):
        return []
    dates = find_dates(head[:cut], site.ctx.published)
    return [d.shifted(site.region_start) for d in dates[:1]]


# "scheduled for February 19 before being pulled ..., will now drop on October 29": of two
# candidate new dates, the one said to be "now" is new, and the planned one is old.
_NEW_MARK = _rx(r"\b(?:now|instead)\b[^.;]{0,24}$")
_PLAN_MARK = _rx(r"\b(?:scheduled|set|slated|dated|planned|due)\s(?:for|to|on)\b[^.;]{0,20}$")


# "pulled from this year's Venice Film Festival": a festival slot, not the release.
_FROM_A_FESTIVAL = _rx(
    r"\b(?:pull\w*|withdr[ae]w\w*|remov\w*)\s(?:\w+\s){0,2}from\s(?:the\s|this year's\s|"
    r"next month's\s)?(?:[\w'-]+\s){0,3}(?:film\s)?(?:festival|fest|line-?up|competition)\b"
)


def _marked_new(site: _Site, new: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    """The new dates of a move, and the planned dates among them that are the old ones."""
    if len(new) < 2:
        return new, []
    lead = [site.text[max(site.region_start, d.start - 40) : d.start] for d in new]
    marked = [d for d, text in zip(new, lead, strict=True) if _NEW_MARK.search(text)]
    if not marked or len(marked) == len(new):
        return new, []
    planned = [
        d for d, text in zip(new, lead, strict=True) if d not in marked and _PLAN_MARK.search(text)
    ]
    return marked, planned


def _date_key(mention: DateMention) -> tuple[int, int, int]:
    return (mention.year or 0, mention.month or 6, mention.day or 15)


_ON_SERVICE = re.compile(
    r"\s(?:it\s|them\s)?(?:exclusively\s)?(?:on|via)\s(?:the\s)?(?:service|streamer|platform|"
    + PLATFORM_PATTERN.pattern
    + r")",
    re.IGNORECASE,
)
# "available on Digital ahead of its April 7 DVD release": that date is another release's.
_OTHER_RELEASE_DATE = _rx(r"\bahead of (?:its |the |their )?$")


# "received a standing ovation at its Venice world premiere", "photos from the premiere":
# the premiere is an event that took place, told for what happened there.
_PREMIERE_HAPPENED = _rx(
    r"\b(?:standing ovation|red carpet|arrivals|after-?party|photos?|pictures|attended|"
    r"attendees|walked|skipped|drew|garnered|brought|greeted|"
    r"(?:was|were) met with|reactions?|"
    # "selected by critics as the best film of Cannes": a verdict, not a programme.
    r"selected (?:by (?:[\w'-]+ ){1,3})?as)\b"
)
_REVIEWS_IN = _rx(r"\b(?:first reviews|reviews? (?:are|is) in|reviews? round-?up)\b")
# ... unless the premiere is still to come: "will get a standing ovation" is no one's news,
# but "set to world premiere at Venice, where the red carpet ..." is.
_PREMIERE_TO_COME = _rx(
    r"\b(?:will|set to|is to|are to|to|upcoming|ahead of)\s(?:[\w'-]+\s){0,3}?"
    r"(?:world\s)?(?:premiere|debut|bow|open|close)"
)


def _premiere(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    region = site.region
    trigger = site.trigger.group(0).casefold()
    if site.target.film.key in site.ctx.past_premiere or _PAST_PREMIERE.search(region):
        return None
    if _PREMIERE_QUALIFIER.search(region) or _HEDGE.search(site.before_trigger(4)):
        return None
    if re.search(r"\balready\b", site.text, _I):
        return None
    if _PREMIERE_HAPPENED.search(site.clause) and not _PREMIERE_TO_COME.search(site.clause):
        return None
    # "X in competition at Cannes: first reviews are in": the screening is over.
    if _REVIEWS_IN.search(site.ctx.headline) or _REVIEWS_IN.search(site.text):
        return None
    if _deal_article(site.ctx.headline) and not _COMING_PREMIERE.search(site.region):
        return None
    # ... though "ahead of its world premiere at Berlin later this month" tells the news.
    ahead = _PREMIERE_AHEAD.search(site.text, 0, site.trigger.start())
    # "ahead of its premiere at Karlovy Vary" names the festival to come, as a world premiere
    # would; "ahead of its Venice premiere" recalls one already known.
    named_after = _PREMIERE_AT_FESTIVAL.match(site.text, site.trigger.end())
    if (ahead and trigger != "world premiere" and not named_after) or _PREMIERE_HEDGE.search(
        site.before_trigger(4)
    ):
        return None
    # "will premiere it on the service": a streaming release, not a festival screening.
    if _ON_SERVICE.match(site.text, site.trigger.end(), site.region_end):
        return None
    festivals = [f for f in find_festivals(region) if f[1] not in MARKETS]
    if not festivals and site.trigger.end() >= site.region_end:
        # "'A' and 'B' To Premiere At Fantasia": B's part ends at the trigger, the festival
        # follows it in the clause they share.
        following = _part_of(site.text, site.trigger.start())
        offset = site.text.find(following)
        tail = site.text[site.trigger.end() : offset + len(following)]
        festivals = [f for f in find_festivals(tail) if f[1] not in MARKETS]
    listing = ("selected", "selection", "in competition", "to screen", "will screen")
    if trigger in listing and not festivals:
        return None
    festival = festivals[0][1] if festivals else None
    if festival is None and site.ctx.lineup_festival:
        festival = site.ctx.lineup_festival
    if festival is None and site.sentence.headline is False:
        headline_festivals = [f for f in find_festivals(site.ctx.headline) if f[1] not in MARKETS]
        festival = headline_festivals[0][1] if headline_festivals else None
    if festival is None:
        if "world premiere" not in region.casefold() or PLATFORM_PATTERN.search(region):
            return None
    elif PLATFORM_PATTERN.search(site.own_clause) and not festivals:
        return None
    fields: dict[str, Any] = {}
    if festival:
        fields["festival"] = festival
    section = SECTION_PATTERN.search(region)
    if section:
        fields["section"] = section_name(section)
    return [(fields, 0.85)]


# "opens this weekend with a projected $20 million": a box-office sum, not a price to rent.
_BOX_OFFICE_SUM = _rx(r"[$£€]\s?[\d.,]+\s?(?:million|mn|m|billion|bn|b)\b")


def _available(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    region = site.region
    trigger = site.trigger.group(0).casefold()
    if re.search(r"\b(?:leav(?:e|es|ing)|expir\w*|removed)\b", region, _I) or _hedged(site):
        return None
    # "X, the flop that recently swept the Razzies, is also available on Digital": the
    # background is the description's, not the availability's.
    if (
        _BOX_OFFICE.search(region)
        or _BOX_OFFICE_SUM.search(region)
        or _BACKGROUND.search(site.clause)
    ):
        return None
    # "X Digital Release Date Revealed: How to Watch X at Home": a date to come.
    if site.spec.pattern is _AVAILABLE_LIST and _DATE_TO_COME.search(site.text):
        return None
    # "will be available to rent on Friday" announces a date; it is not available yet.
    if re.search(
        r"\b(?:will|to|going to)\s(?:also\s)?(?:be\s)?$", site.before_trigger(3) + " ", _I
    ):
        return None
    dates = [
        d
        for d in _dates_in_region(site)
        if not re.search(r"today", region, _I)
        and not _OTHER_RELEASE_DATE.search(site.text[max(0, d.start - 24) : d.start])
    ]
    if dates:
        return None
    platform_match = PLATFORM_PATTERN.search(region)
    if trigger in (
        "comes to",
        "come to",
        "hits",
        "lands on",
        "now on",
        "debuts on",
        "debut on",
    ) and not (
        platform_match
        or re.search(r"\b(?:digital|theaters|vod|pvod|streaming|blu-ray|dvd|4k)\b", region, _I)
    ):
        return None
    medium, platform = _medium_near(site, site.trigger.start())
    if platform_match is None and medium == "streaming" and platform is None:
        medium = "digital" if re.search(r"digital|vod", region, _I) else medium
    fields: dict[str, Any] = {"medium": medium}
    if platform:
        fields["platform"] = platform
    return [(fields, 0.75)]


_DATE_TO_COME = _rx(r"\b(?:release date|date|dated|coming|will|upcoming|soon|tomorrow)\b")
_POSTER_AFTER = _rx(r"\s(?:posters?|one-sheets?|art(?:work)?|websites?|billboards?)\b")


_QUOTED_LOOSE = re.compile(r"['\"]\s?([A-Z0-9][^'\"]{0,80}?)['\"]")


def _trailer(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    text = site.text
    trigger = site.trigger.group(0).casefold()
    # "Teaser poster and release date": a poster is no footage.
    if _POSTER_AFTER.match(text, site.trigger.end()):
        return None
    # "'Monster Summer' Has Come to 'Roblox' in 'Monster Summer: Escape' [Trailer]": the
    # trailer is the longer work's, named after the film, between them.
    if not site.target.virtual and site.target.end <= site.trigger.start():
        title = normalize_title(site.text[site.target.start : site.target.end])
        between = site.text[site.target.end : site.trigger.start()]
        for quoted in _QUOTED_LOOSE.finditer(between):
            inner = normalize_title(quoted.group(1))
            if inner != title and inner.startswith(title + " "):
                return None
    if _TRAILER_EXCLUDE.search(text):
        return None
    if trigger == "spot" and not re.search(r"\b(?:tv|super bowl|new)\s(?:\w+\s)?spot\b", text, _I):
        return None
    if not site.sentence.headline and not _TRAILER_VERB.search(text):
        return None
    if _hedged(site) or _BACKGROUND.search(site.region):
        return None
    if "teaser" in trigger:
        kind = "teaser"
    elif "look" in trigger:
        kind = "first_look"
    elif "spot" in trigger:
        kind = "spot"
    else:
        kind = "trailer"
    return [({"type": kind}, 0.85)]


_STAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"wrap"), "wrap"),
    (_rx(r"pre-?production|\bspec\b|\bpitch\b|screenplay"), "development"),
    (_rx(r"production|filming|shooting|shoot|photography|cameras"), "filming"),
    (_rx(r"develop|greenl|green-l|green light|go-ahead|optioned|reboot|remak"), "development"),
    (_rx(r"write|pen|script|adapt"), "writer attached"),
    (_rx(r"exit|step|depart|drop|parts ways|no longer|off the"), "exit"),
    (_rx(r"direct|helm"), "director attached"),
)


# "Johnson confirmed it's still in development", "two months since news came that ...":
# a state that goes on, or production news recalled, is not a new step.
_RECALLED_PRODUCTION = _rx(r"\b(?:since news|since word|news came|word came)\b")
# "Dave Franco's Directing Debut 'The Rental' Lands At IFC": a credit, not an attachment.
_DIRECTING_DEBUT = _rx(r"\s(?:feature\s)?debut\b")
# A film joining a catalogue or a service is not casting: "This title joined the collection".
_JOINS_A_CATALOGUE = _rx(
    r"\b(?:joins?|joined|joining) (?:(?:the|its|their|a) )?(?:[\w'-]+ ){0,2}(?:collection|"
    r"catalog(?:ue)?|library|vault|line-?up|slate|service|roster|section|sidebar|strand|"
    r"competition|program(?:me)?|selection|festival|race|club)\b|\bjoins? (?:netflix|disney|"
    r"hulu|max)\b"
)


_SALES_BOARDING = _rx(
    r"\b(?:international|sales|launch|market|efm|afm|mipcom|filmart|marché|marche)\b"
)


def _production(site: _Site) -> list[tuple[dict[str, Any], float]] | None:
    region = site.region
    trigger = site.trigger.group(0).casefold()
    stage = next((name for pattern, name in _STAGES if pattern.search(trigger)), "casting")
    if stage == "exit":
        # "Carnahan Still Directing X, Bruce Willis No Longer on Board": the words around the
        # exit say who leaves.
        around = site.before_trigger(3) + site.text[site.trigger.end() : site.trigger.end() + 30]
        stage = "director exit" if re.search(r"direct|helm", around, _I) else "casting"
    if _HEDGE.search(site.own_clause) or _RECALLED_PRODUCTION.search(site.own_clause):
        return None
    if re.search(r"\bstill\b", site.before_trigger(2), _I):
        return None
    # A bare "wraps in London" is the film's wrap only with the film as its subject.
    if trigger == "wraps" and (
        site.target.virtual
        or site.target.end > site.trigger.start()
        or not re.fullmatch(r"[\"'’”]?\s?", site.text[site.target.end : site.trigger.start()])
    ):
        return None
    # "Replacing 'Dune' on October 1, WB will release X": a film takes another's date.
    if trigger.startswith("replac") and re.match(
        r"[\s\"'‘“]*$", site.text[site.trigger.end() : site.target.start]
    ):
        return None
    if trigger.startswith(("directing", "helming")) and _DIRECTING_DEBUT.match(
        site.text, site.trigger.end()
    ):
        return None
    background = _BACKGROUND.search(site.own_clause)
    # "a new film ... that has recently wrapped production" is the news of the wrap.
    if background and not (stage == "wrap" and background.group(0).casefold() == "recently"):
        return None
    # The film's own title is no hedge: "The Next Generation has entered pre-production".
    untitled = region
    if not site.target.virtual:
        title_start = site.target.start - site.region_start
        title_end = site.target.end - site.region_start
        untitled = region[: max(0, title_start)] + region[max(0, title_end) :]
    if stage in ("filming", "wrap", "development") and (
        _FUTURE.search(site.before_trigger(3)) or re.search(r"\bnext\b|\blater\b", untitled, _I)
    ):
        return None
    if stage in ("filming", "wrap") and _SOFT_HEDGE.search(untitled):
        return None
    # "Mike Flanagan is expected to direct": not attached yet.
    if re.search(
        r"\b(?:expected|expects|hopes|hoping|eyeing|eyes|aims|aiming|likely)\b",
        site.before_trigger(2),
        _I,
    ):
        return None
    if trigger.startswith(("boards", "taps", "tapped")) and site.trigger.start() > 0:
        subject = _buyer_before(site)
        if subject is not None and subject in BUYERS.values() and trigger.startswith("boards"):
            return None
    # "Picture Tree International Boards 'Butchers' For EFM Launch": a sales company.
    if trigger.startswith("board") and _SALES_BOARDING.search(site.text):
        return None
    if stage == "casting" and _JOINS_A_CATALOGUE.search(region):
        return None
    # "Cast: A, B" is a credits list; "boards international sales" is a sales agent.
    if site.text.startswith(":", site.trigger.end()) or re.match(
        r"\s(?:international |worldwide |world |foreign )?sales\b",
        site.text[site.trigger.end() :],
        _I,
    ):
        return None
    return [({"stage": stage}, 0.7)]


EXTRACTORS: dict[EventKind, Callable[[_Site], list[tuple[dict[str, Any], float]] | None]] = {
    EventKind.DEAL_ACQUISITION: _acquisition,
    EventKind.DEAL_TALKS: _talks,
    EventKind.DEAL_PRICE: _deal_price_event,
    EventKind.RELEASE_DATE_ANNOUNCED: _date_announced,
    EventKind.RELEASE_DATE_CHANGED: _date_changed,
    EventKind.RELEASE_PREMIERE: _premiere,
    EventKind.RELEASE_AVAILABLE: _available,
    EventKind.TRAILER: _trailer,
    EventKind.PRODUCTION: _production,
}

_PRECISION_RANK = {"year": 0, "season": 1, "month": 2, "day": 3}


def _merge(article: ArticleText, found: list[_Found]) -> list[Detection]:
    """One detection per film and kind (per date for release dates); fields are combined."""
    merged: dict[tuple[int, EventKind, str], _Found] = {}
    order: list[tuple[int, EventKind, str]] = []
    for item in found:
        slot = ""
        if item.kind is EventKind.RELEASE_DATE_ANNOUNCED:
            slot = str(item.fields.get("date", ""))
            if item.fields.pop(_SECOND_MEDIUM, False):
                slot += f"|{item.fields.get('medium')}"
        key = (item.film.key, item.kind, slot)
        if item.kind is EventKind.RELEASE_DATE_ANNOUNCED:
            key = _same_date_key(merged, key, slot)
        if key not in merged:
            merged[key] = _Found(
                item.film,
                item.kind,
                dict(item.fields),
                item.confidence,
                item.sentence,
                item.from_headline,
                item.from_body,
            )
            order.append(key)
            continue
        current = merged[key]
        _combine(current, item)
    results = [merged[k] for k in order]
    for result in results:
        _day_from_the_body(article, result)
    results = _resolve_conflicts(results)
    return [
        Detection(
            article_id=article.id,
            film=r.film,
            kind=r.kind,
            fields=r.fields,
            confidence=round(min(r.confidence, 0.99), 2),
            evidence=r.sentence.text,
            headline=r.sentence.headline,
        )
        for r in results
    ]


def _day_from_the_body(article: ArticleText, item: _Found) -> None:
    """A headline's month made a day by the body ("Blu-ray In January" / "On January 2, ...").

    Only when one body sentence that names the film states exactly one day in that month.
    """
    month = str(item.fields.get("date", ""))
    if (
        item.kind is not EventKind.RELEASE_DATE_ANNOUNCED
        or item.fields.get("precision") != "month"
        or item.from_body
    ):
        return
    published = article.published.date() if article.published else None
    title = item.film.title.casefold()
    days = {
        mention.iso
        for sentence in split_sentences("", article.summary)
        if title in sentence.text.casefold()
        # "screens at SXSW on March 10": a festival day is not the release day.
        and not find_festivals(sentence.text)
        and not _SCREENING_EVENT.search(sentence.text)
        for mention in find_dates(sentence.text, published)
        if mention.precision == "day" and mention.iso.startswith(f"{month}-")
    }
    if len(days) == 1:
        item.fields["date"] = days.pop()
        item.fields["precision"] = "day"


def _same_date_key(
    merged: dict[tuple[int, EventKind, str], _Found], key: tuple[int, EventKind, str], slot: str
) -> tuple[int, EventKind, str]:
    for existing in merged:
        if existing[:2] != key[:2]:
            continue
        other, _bar, other_medium = existing[2].partition("|")
        day, _bar, medium = slot.partition("|")
        if other_medium != medium:
            continue  # the second release of a day-and-date pair is its own event
        if other and day and (other.startswith(day) or day.startswith(other)):
            return existing
    return key


def _combine(current: _Found, item: _Found) -> None:
    for date_key in ("date", "new_date"):
        new_value = item.fields.get(date_key)
        old_value = current.fields.get(date_key)
        if new_value and old_value and new_value != old_value:
            new_rank = _PRECISION_RANK.get(str(item.fields.get("precision")), 0)
            old_rank = _PRECISION_RANK.get(str(current.fields.get("precision")), 0)
            if new_rank > old_rank:
                current.fields[date_key] = new_value
                current.fields["precision"] = item.fields.get("precision")
                if item.fields.get("season"):
                    current.fields["season"] = item.fields["season"]
                else:
                    current.fields.pop("season", None)
                current.sentence = item.sentence
    for name, value in item.fields.items():
        current.fields.setdefault(name, value)
    # "X Moves Up" over a body "moved from March 8 to June 28": the direction comes from the
    # dates, not from whichever wording was read first (ISO strings order as dates do).
    old_iso, new_iso = (
        str(current.fields.get("old_date") or ""),
        str(current.fields.get("new_date") or ""),
    )
    if old_iso and new_iso and not (old_iso.startswith(new_iso) or new_iso.startswith(old_iso)):
        current.fields["direction"] = "delayed" if new_iso > old_iso else "moved_up"
    current.confidence = max(current.confidence, item.confidence)
    current.from_headline = current.from_headline or item.from_headline
    current.from_body = current.from_body or item.from_body
    if (
        current.sentence.headline
        and not item.sentence.headline
        and current.kind
        in (
            EventKind.DEAL_ACQUISITION,
            EventKind.RELEASE_DATE_CHANGED,
        )
    ):
        current.sentence = item.sentence if _richer(item, current) else current.sentence


def _richer(item: _Found, current: _Found) -> bool:
    return len(item.fields) > len(current.fields) - 1


def _resolve_conflicts(results: list[_Found]) -> list[_Found]:
    """Talks and a closed deal for one film: the body's word wins over the headline's."""
    by_film: dict[int, dict[EventKind, _Found]] = {}
    for item in results:
        by_film.setdefault(item.film.key, {})[item.kind] = item
    dropped: set[int] = set()
    for kinds in by_film.values():
        deal = kinds.get(EventKind.DEAL_ACQUISITION)
        talks = kinds.get(EventKind.DEAL_TALKS)
        if deal and talks:
            loser = deal if talks.from_body and not deal.from_body else talks
            dropped.add(id(loser))
        headline_news = any(
            k is not EventKind.PRODUCTION and item.from_headline for k, item in kinds.items()
        )
        production = kinds.get(EventKind.PRODUCTION)
        if production and headline_news and not production.from_headline:
            dropped.add(id(production))
        announced = [
            item
            for item in results
            if item.film.key in {f.film.key for f in kinds.values()}
            and item.kind is EventKind.RELEASE_DATE_ANNOUNCED
        ]
        changed = kinds.get(EventKind.RELEASE_DATE_CHANGED)
        if changed:
            new_date = changed.fields.get("new_date")
            for item in announced:
                announced_date = str(item.fields.get("date", ""))
                if new_date and (
                    announced_date.startswith(str(new_date))
                    or str(new_date).startswith(announced_date)
                ):
                    dropped.add(id(item))
                    # "Moves into 2025" over "will open on January 17, 2025": the day.
                    if len(announced_date) > len(str(new_date)):
                        changed.fields["new_date"] = announced_date
                        changed.fields["precision"] = item.fields.get("precision")
                        changed.fields.pop("season", None)
    return [item for item in results if id(item) not in dropped]
