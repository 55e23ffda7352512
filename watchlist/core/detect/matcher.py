"""Which films an article is about: one Aho-Corasick pass over titles, aliases and people.

Every title, alias and person name is normalised with ``normalize_title`` and put in one
automaton, so an article is scanned once whatever the number of films. A hit only counts on
word boundaries, and titles that are everyday phrases ("Good Sex", "Heat", "Us") must be
corroborated (quoted, a person of the film, its year, or film words next to it) before the
article is taken to be about the film. Evidence that the text means another work (another
year, a TV season, a novel) rules the film out.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from watchlist.core.detect.patterns import BUYER_PATTERN, COMPANY_PATTERN
from watchlist.core.detect.textspan import (
    NormalisedText,
    Sentence,
    normalise_with_offsets,
    words,
)
from watchlist.core.text import fold_quotes, normalize_title

# Closed-class English words (pronouns, determiners, prepositions, conjunctions, auxiliaries).
# A title made only of these ("Her", "Us", "It", "Up") reads as grammar far more often than as
# a film, so it must be marked as a title in the sentence itself.
FUNCTION_WORDS = words(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under
    until up upon very was we were what when where which while who whom why will with
    would you your yours yourself yourselves us"""
)

# Words that say a nearby title is a film ("Lena Dunham's rom-com Good Sex").
FILM_CONTEXT_WORDS = words(
    """film films movie movies pic pics feature rom com romcom comedy drama dramedy thriller
    horror doc documentary docu biopic animated animation western sequel prequel remake
    reboot trailer teaser director directed directing helmer helmed filmmaker starring
    stars star starred screenplay premiere premieres festival sundance cannes venice
    berlinale tiff actioner sci fi indie flick adaptation rights distributor distribution
    theatrical theaters theatres screening"""
)

# Words that say a nearby title is another kind of work.
OTHER_WORK_WORDS = words(
    """season seasons series episode episodes show sitcom novel novels book books memoir play
    broadway musical album song game videogame podcast miniseries docuseries"""
)

# Reporting phrases around an outlet name ("Deadline reports", "according to Deadline").
_ATTRIBUTION_AFTER = re.compile(
    r"^[\s,]*(?:reports?|reported|hears|has learned|learned|first reported|confirmed|said|says|"
    r"understands|revealed)\b",
    re.IGNORECASE,
)
# An outlet's own pieces: "In a Deadline guest column", "Deadline's podcast".
_OUTLET_PIECE_AFTER = re.compile(
    r"^(?:'s)?\s(?:guest\s)?(?:column|columnist|op-ed|podcast|newsletter|reporter|editor|"
    r"critic|staff|survey|poll|exclusive|interview|analysis)s?\b",
    re.IGNORECASE,
)
_ATTRIBUTION_BEFORE = re.compile(
    r"\b(?:according to|per|told|tells|via|reported by|sources? told|(?:said|confirmed|"
    r"revealed|explained|spoke) to)\s*$",
    re.IGNORECASE,
)
# "Heat 2" is a sequel; "Heat 6/18/2021" is a date after the title.
_SEQUEL_AFTER = re.compile(
    r"^\s?(?:[2-9]|1[0-9]|ii|iii|iv|part\s+(?:two|three|ii|2|3))\b(?![/.]\d)", re.I
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PAREN_YEAR_AFTER = re.compile(r"^[\"']?\s*\((1[89]\d\d|20\d\d)\)")
_FILM_WORD_BEFORE = re.compile(
    r"\b(?:film|movie|pic|feature|documentary|doc|acquires|acquired|buys|bought|dates|delays|"
    r"moves|pushes|shifts|sets|releases|lands|takes|nabs|nabbed|snags|snagged|grabs|boards|"
    r"picks up|picked up|snaps up|scoops up|rights to|rights for|deal for|deal on|"
    r"trailer for|teaser for)\s+[\"']?$",
    re.I,
)
# A trade verb right after a title says it is a film: "The King's Man moves from ... to ...".
_FILM_VERB_AFTER = re.compile(
    r"^[\"',]?\s(?:(?:now|also|both|all|will|is|has been|was)\s)?(?:moves?|moving|shifts?|slides?|"
    r"jumps?|opens?|open|bows?|be released|is set for|set for|is dated|dated for|sold to|sells to|"
    r"(?:previously|originally) (?:dated|set|slated)|"
    r"(?:doesn't|does not|no longer) ha(?:ve|s) (?:a |its )?(?:release )?date|"
    r"(?:has|have) no (?:release )?date|(?:has )?lost its (?:release )?date|is undated|"
    r"lands? at|went to|goes to|heads to|"
    r"which (?:was |is |will be |has been |just )?(?:released|premiered|opened|debuted|bowed)|"
    # Headline wording: "X Gets March 2027 Release Date", "X Pushed To 2027", "X Release
    # Date Set".
    r"(?:gets|sets|lands|scores|nabs) (?:a |an |its )?(?:[\w-]+ ){0,3}?(?:release|premiere|"
    r"trailer|teaser|debut|opening)|(?:pushed|delayed|postponed|bumped|dated|undated|moved) "
    r"(?:to|from|back|up|off|for|out|again|indefinitely)|(?:release|premiere|opening) date "
    r"(?:set|is set|revealed|announced|confirmed|moved|pushed|shifted|delayed))\b",
    re.I,
)
# A schedule line: "Love At First Sight — September 15", "Heat - Sept. 15".
_DATE_AFTER = re.compile(
    r"^[\"']?\s?[—–-]\s?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}\b"
)
# A deals list: "A Little Prayer to Sony Pictures Classics; and Passages to Mubi".
_SOLD_TO_AFTER = re.compile(rf"^[\"']?,?\s(?:to|at)\s(?i:{BUYER_PATTERN.pattern})")
# A deals list entry: "The Witch – A24 has secured North American rights to ...".
_BUYER_AFTER_DASH = re.compile(rf"^[\"']?\s[—–-]\s(?i:{BUYER_PATTERN.pattern})\s(?:has|have)\s")
# The distributor in parentheses after a title: "Escape Room (Sony Pictures)".
_STUDIO_AFTER = re.compile(
    rf"^[\"']?\s?\((?:(?i:{BUYER_PATTERN.pattern})|{COMPANY_PATTERN.pattern})"
)
# Separators between a title and the credit that follows it in a line-up or a list:
# "Breathe Andy Serkis, United Kingdom", "Us – Jordan Peele follows ...", "Kings (Deniz ...)".
_CREDIT_LEAD = re.compile(r"^[\"']?[\s,:(–—-]{1,4}")
# Two title words then a sequel number 2-9: "Peter Rabbit 2", "Toy Story 5" ("Top 5" is not).
_SEQUEL_NAME = re.compile(r"\b[^\W\d_][\w'-]*\s+[^\W\d_][\w'-]*:?\s+(?:[2-9]|II|III|IV)$")
# ... unless the number counts something: "Garden Party 2 Days Later".
_COUNTED_AFTER = re.compile(
    r"^\s+(?:days?|weeks?|months?|years?|hours?|minutes?|times?|percent|million|billion|"
    r"people|men|women|of)\b",
    re.I,
)
# "musical" as a genre word in front of film wording: "the musical flop", "musical drama".
_GENRE_MUSICAL = re.compile(
    r"^[\s,\"']*(?:the\s+|a\s+)?musical\s+(?:flop|bomb|hit|film|movie|feature|comedy|drama|"
    r"adaptation|remake|version)\b",
    re.I,
)
# Where-to-watch wording after a title: "The High Note — Where to watch it: Rent on digital".
_WATCH_AFTER = re.compile(
    r"^[\"']?[\s,:]*[—–-]?\s*(?:where to (?:watch|stream|rent)|"
    r"(?:is )?(?:now )?streaming (?:on|now)|(?:is )?(?:now )?available "
    r"(?:to (?:rent|buy|stream)|on (?:digital|demand|dvd|blu-ray|vod)))\b",
    re.I,
)
_OTHER_QUOTED_TITLE = re.compile(
    r"(?:^|(?<=[\s(:,]))['\"“‘][A-Z0-9][^'\"“”‘’]{0,80}?['\"”’](?=[\s,:;.!?)]|$)"
)
_QUOTE_CHARS = "'\""
_TOKEN = re.compile(r"[\w'-]+")

MIN_KEY_LENGTH = 2
ARTICLE_LESS_MIN_WORDS = 3
LONG_TITLE_WORDS = 3
SHORT_TITLE_LETTERS = 4
CONTEXT_WINDOW = 4
# Judging a hit reads a window around it; the caps keep a pathological sentence linear.
JUDGE_WINDOW = 240
MAX_HITS_PER_SENTENCE = 20


class TitleClass(enum.Enum):
    """How much corroboration a title needs before a hit counts."""

    DISTINCTIVE = "distinctive"
    COMMON = "common"
    FUNCTION = "function"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The shipped list of common English words (SCOWL sizes 10-35)."""
    text = resources.files("watchlist.core.detect").joinpath("data/common_words.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line and not line.startswith("#"))


def classify_title(title: str) -> TitleClass:
    """DISTINCTIVE ("Oppenheimer"), COMMON ("Good Sex", "Nope") or FUNCTION ("Her", "Us").

    A title is common when every word is a common English word or a number, or when it is a
    single short word; it is a function-word title when every word is closed-class grammar.
    """
    words = normalize_title(title).split()
    if not words:
        return TitleClass.COMMON
    if all(w in FUNCTION_WORDS for w in words):
        return TitleClass.FUNCTION
    vocabulary = common_words()
    if all(w in vocabulary or w in FUNCTION_WORDS or w.isdigit() for w in words):
        return TitleClass.COMMON
    if len(words) == 1 and len(words[0]) <= SHORT_TITLE_LETTERS:
        return TitleClass.COMMON
    return TitleClass.DISTINCTIVE


@dataclass(frozen=True)
class FilmProfile:
    """What detection knows about one film: how it is named and who made it."""

    key: int
    title: str
    year: int | None = None
    aliases: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    followed: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """The title and every alias."""
        return (self.title, *self.aliases)


@dataclass(frozen=True)
class Mention:
    """A place in a sentence that names a film (source character range in the sentence)."""

    film: FilmProfile
    sentence: Sentence
    start: int
    end: int
    quoted: bool = False
    credit: bool = False


@dataclass
class _Hit:
    sentence: Sentence
    start: int
    end: int
    quoted: bool = False
    strong: bool = False
    context: bool = False
    contradicted: bool = False
    year_match: bool = False
    credit: bool = False
    function_name: bool = False
    title_class: TitleClass = TitleClass.DISTINCTIVE


@dataclass
class _FilmEvidence:
    hits: list[_Hit] = field(default_factory=list)
    person: bool = False


_CREDIT_AFTER = re.compile(
    # "A Prophet and Dheepan director Jacques Audiard": the credit of a list of titles.
    r"^[\"',]*\s(?:and|&)\s(?:[\"']?(?-i:[A-Z0-9])[\w'.:-]*[\"',]?\s){1,5}"
    r"(?:star|director|helmer|filmmaker|scribe|writer|actor|actress|creator|producer)\s"
    r"(?-i:[A-Z])|"
    r"^[\"',]*\s*(?:star|director(?!'s cut)|directors|helmer|filmmaker|scribe|writer|actor|actress|"
    r"alum|creator|producer|breakout|co-star|sequel|remake|pitch|follow-up|spinoff|spin-off|"
    r"reboot|team|franchise|universe|author|novel|book|series|season)\b",
    re.IGNORECASE,
)
_NEW_VERSION_AFTER = re.compile(r"^[\"',]*\s*(?:reboot|remake)\b", re.IGNORECASE)
_CREDIT_BEFORE = re.compile(
    r"\b(?:starred in|directed|who made|wrote|known for|best known for|version of|"
    r"follow-up to|sequel to|remake of|"
    # "The film, from the director of Velmora Station, opens May 5".
    r"from (?:the )?(?:[\w-]+ )?(?:director|helmer|filmmaker|creator|writer|makers?|team|"
    r"producers?|studio|people)s? (?:of|behind))\s+(?:[\w.-]+\s+){0,2}(?:[\w.-]+(?:'s|s')\s+)?"
    r"(?:[\w.-]+\s+){0,2}[\"']?$|\bfollow(?:s|ing)? up\s+[\"']?$",
    re.IGNORECASE,
)


class FilmMatcher:
    """Finds films in articles: build once per set of films, then call ``mentions``."""

    def __init__(self, films: Iterable[FilmProfile]) -> None:
        self.films: tuple[FilmProfile, ...] = tuple(films)
        self._classes: dict[int, TitleClass] = {}
        # Short forms of a title ("Glass Onion" of "Glass Onion: A Knives Out Mystery") are
        # judged as the words they are, however distinctive the full title.
        self._short: dict[int, set[str]] = {}
        automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, int]]] = {}
        # A short form that is another film's own title ("The Croods" of "The Croods: A New
        # Age") is that film's only.
        full_names = {normalize_title(name) for film in self.films for name in film.names}
        for index, film in enumerate(self.films):
            classes = [classify_title(name) for name in film.names]
            # A film is as easy to recognise as its most distinctive name.
            order = [TitleClass.DISTINCTIVE, TitleClass.COMMON, TitleClass.FUNCTION]
            self._classes[index] = min(classes, key=order.index)
            self._short[index] = {
                k for name in film.names for k in short_forms(name) if k not in full_names
            }
            for name in film.names:
                for key in title_keys(name):
                    if key in full_names and key != normalize_title(name):
                        continue
                    if len(key) >= MIN_KEY_LENGTH:
                        entries.setdefault(key, []).append(("title", index))
                        # Normalising drops the apostrophe: "Marrowby Lane's" reads "lanes".
                        entries.setdefault(key + "s", []).append(("possessive", index))
            for person in film.people:
                key = normalize_title(person)
                if len(key.replace(" ", "")) < MIN_KEY_LENGTH + 2:
                    continue
                for variant in (key, key + "s"):
                    entries.setdefault(variant, []).append(("person", index))
        self._empty = not entries
        for key, values in entries.items():
            automaton.add_word(f" {key} ", (len(key), tuple(values)))
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def might_match(self, text: str) -> bool:
        """A fast test on raw article text: does any title or alias occur at all?"""
        if self._empty:
            return False
        padded = f" {normalize_title(text)} "
        for _end, (_length, values) in self._automaton.iter(padded):
            if any(kind != "person" for kind, _ in values):
                return True
        return False

    def _scan(self, normalised: NormalisedText) -> Iterable[tuple[str, int, int, int]]:
        padded = f" {normalised.text} "
        for end, (length, values) in self._automaton.iter(padded):
            # ``end`` is the index of the trailing space in ``padded``; the key starts one
            # character after the leading space.
            start_norm = end - length - 1
            end_norm = end - 1
            src_start, src_end = normalised.source_span(start_norm, end_norm)
            for kind, index in values:
                yield kind, index, src_start, src_end

    def mentions(self, sentences: Sequence[Sentence]) -> list[Mention]:
        """The accepted film mentions in an article, in reading order."""
        if self._empty:
            return []
        evidence: dict[int, _FilmEvidence] = {}
        for sentence in sentences:
            normalised = normalise_with_offsets(sentence.text)
            if not normalised.text:
                continue
            title_hits: dict[int, list[tuple[int, int]]] = {}
            people: list[tuple[int, int]] = []
            for kind, index, start, end in self._scan(normalised):
                if kind == "person":
                    evidence.setdefault(index, _FilmEvidence()).person = True
                    people.append((start, end))
                elif kind == "title":
                    title_hits.setdefault(index, []).append((start, end))
                elif (
                    sentence.text[end - 2 : end] in ("'s", "’s")
                    and not sentence.text[start].islower()
                ):
                    # Written as a title ("Marrowby Lane's"), not a word ("the maestro's").
                    title_hits.setdefault(index, []).append((start, end - 2))
            # "Michael Mann's 'Heat'": a title inside the name of a person the watchlist knows
            # is part of that name.
            kept = {
                i: [
                    (start, end)
                    for start, end in _longest_only(spans)
                    if not any(
                        p_start <= start and end <= p_end and (p_start, p_end) != (start, end)
                        for p_start, p_end in people
                    )
                ][:MAX_HITS_PER_SENTENCE]
                for i, spans in title_hits.items()
            }
            for index, spans in kept.items():
                film_evidence = evidence.setdefault(index, _FilmEvidence())
                masked = self._mask_other_titles(sentence.text, index, kept)
                for start, end in spans:
                    hit = self._judge(self.films[index], index, sentence, start, end, masked)
                    if hit is not None:
                        film_evidence.hits.append(hit)
        accepted: list[Mention] = []
        # Everyday titles with no mark of their own, kept in case a film listed next to them
        # vouches for them ("Removes Spiral, Antebellum & Run From Release Calendar").
        pending: list[Mention] = []
        for index, film_evidence in evidence.items():
            film = self.films[index]
            if not film_evidence.hits:
                continue
            # A distinctive name of the film elsewhere in the article vouches for its
            # everyday one ("Competencia oficial ... Official Competition").
            corroborated = film_evidence.person or any(
                h.quoted
                or h.strong
                or h.context
                or h.year_match
                or h.title_class is TitleClass.DISTINCTIVE
                for h in film_evidence.hits
            )
            if any(h.contradicted for h in film_evidence.hits) and not film_evidence.person:
                continue
            for hit in film_evidence.hits:
                if hit.contradicted:
                    continue
                if (hit.title_class is TitleClass.FUNCTION or hit.function_name) and not (
                    hit.quoted or hit.strong
                ):
                    continue
                mention = Mention(film, hit.sentence, hit.start, hit.end, hit.quoted, hit.credit)
                if hit.title_class is TitleClass.COMMON and not corroborated:
                    pending.append(mention)
                    continue
                accepted.append(mention)
        accepted.extend(_listed_with(accepted, pending))
        accepted.sort(key=lambda m: (m.sentence.index, m.start))
        return _drop_overlaps(accepted)

    def _mask_other_titles(
        self, text: str, index: int, kept: dict[int, list[tuple[int, int]]]
    ) -> str:
        """The sentence with other films' titles blanked, so "Starling Season" next to a film
        is not read as a TV season around it."""
        chars = list(text)
        for other, spans in kept.items():
            if other == index:
                continue
            for start, end in spans:
                span = text[start:end]
                if not _capitalised_like(span, ()):
                    continue
                if self._classes[other] is not TitleClass.DISTINCTIVE and len(span.split()) < 2:
                    continue
                chars[start:end] = " " * (end - start)
        return "".join(chars)

    def _judge(
        self,
        film: FilmProfile,
        index: int,
        sentence: Sentence,
        start: int,
        end: int,
        masked: str,
    ) -> _Hit | None:
        text = sentence.text
        span = text[start:end]
        before, after = text[max(0, start - JUDGE_WINDOW) : start], text[end : end + JUDGE_WINDOW]
        # Glued to a neighbouring word by a hyphen or apostrophe: "Re-Up", "Spider-Man".
        if (before.endswith("-") and len(before) > 1 and before[-2].isalnum()) or (
            after.startswith("-") and len(after) > 1 and after[1].isalnum()
        ):
            return None
        quoted_open = before.endswith(tuple(_QUOTE_CHARS))
        closing = re.match(r"^[,.!?:;]{0,2}[\"']", after)
        quoted = quoted_open and closing is not None
        # "Spider-Man: 'Across The Spider-Verse' Dated": quotes around the subtitle mark the
        # whole title.
        if not quoted and closing is not None and re.search(r"[:\s]\s?['\"]\w", span):
            quoted = True
        if not quoted and _inside_longer_quote(before, after):
            return None
        title_class = self._classes[index]
        order = [TitleClass.DISTINCTIVE, TitleClass.COMMON, TitleClass.FUNCTION]
        # "the official competition" is everyday words, even for a film also known by a
        # distinctive alias ("Competencia oficial"): written in lower case it is no title.
        if (
            classify_title(span) is not TitleClass.DISTINCTIVE
            and not sentence.title_case
            and not _capitalised_like(span, film.names)
        ):
            return None
        if normalize_title(span) in self._short[index]:
            # A short form always needs corroboration, like an everyday title.
            title_class = max(title_class, classify_title(span), TitleClass.COMMON, key=order.index)
        # "It" of a film also called "It Chapter One" still reads as a pronoun.
        function_name = classify_title(span) is TitleClass.FUNCTION
        if function_name:
            title_class = TitleClass.FUNCTION
        if title_class is not TitleClass.DISTINCTIVE:
            if not sentence.title_case and not _capitalised_like(span, film.names):
                return None
            # "US bases" is the country; "Jordan Peele's US" (its own person's) is the film.
            if (
                span.isupper()
                and len(span) <= SHORT_TITLE_LETTERS
                and not any(n.isupper() for n in film.names)
                and not _own_person_before(before, film.people)
            ):
                return None
        # "Deadline reports", "according to Variety": an outlet, not a film called that.
        if not quoted and (
            _ATTRIBUTION_AFTER.match(after)
            or (
                title_class is not TitleClass.DISTINCTIVE
                and (_ATTRIBUTION_BEFORE.search(before) or _OUTLET_PIECE_AFTER.match(after))
            )
        ):
            return None
        # "Breathe Andy Serkis, United Kingdom": the film's own director credited after it.
        credited = _own_person_after(after, film.people)
        if (
            not quoted
            and not credited
            and len(normalize_title(span).split()) == 1
            and _part_of_a_name(before, after, both_sides=title_class is not TitleClass.DISTINCTIVE)
        ):
            return None
        surname = _SURNAME_AFTER.match(after)
        if (
            not quoted
            and not credited
            and surname is not None
            and len(normalize_title(span).split()) == 1
            and (surname.group("surname") or "").casefold() not in common_words()
        ):
            return None
        one_word = len(normalize_title(span).split()) == 1
        # "Great Hope Springs", "The Kings of Summer": an everyday word inside a longer
        # capitalised name.
        if (
            not quoted
            and not credited
            and not sentence.headline
            and title_class is not TitleClass.DISTINCTIVE
            and one_word
            and _NAME_BEFORE.search(before)
            and (_NAME_AFTER.match(after) or _TITLE_CONTINUES.match(after))
        ):
            return None
        # "Cargo Entertainment" is a company; "Batman v. Superman" another film; "snagged
        # Michael Stuhlbarg for" a person (in running prose a capitalised uncommon word after
        # a one-word title continues a name).
        if (
            not quoted
            and not credited
            and one_word
            and (
                (_COMPANY_WORD.fullmatch(span) and _CAPITALISED_BEFORE.search(before))
                or _VERSUS_BEFORE.search(before)
                or _COMPANY_ROLE_BEFORE.search(before)
                or (
                    not sentence.title_case
                    and (prose_name := _SURNAME_IN_PROSE.match(after)) is not None
                    and prose_name.group(1).casefold() not in common_words()
                )
            )
        ):
            return None
        if _SEQUEL_AFTER.match(after) and not any(
            normalize_title(n).startswith(normalize_title(span) + " ") for n in film.names
        ):
            return None
        hit = _Hit(
            sentence,
            start,
            end,
            quoted=quoted,
            function_name=function_name,
            title_class=title_class,
        )
        # Another quoted title nearby is not context: "'A' And 'Starling Season' Swap Dates";
        # nor is another known film's title: "Midnight Semaphore and Starling Season".
        masked_before = masked[max(0, start - JUDGE_WINDOW) : start]
        masked_after = masked[end : end + JUDGE_WINDOW]
        before_words = _OTHER_QUOTED_TITLE.sub(" ", masked_before)
        after_words = _OTHER_QUOTED_TITLE.sub(" ", masked_after[1:] if quoted else masked_after)
        before_tokens = [t.casefold() for t in _TOKEN.findall(before_words)][-CONTEXT_WINDOW:]
        after_tokens = [t.casefold() for t in _TOKEN.findall(after_words)][:CONTEXT_WINDOW]
        near = set(_split_tokens(before_tokens + after_tokens))
        # "the highly-anticipated Star Wars: The Force Awakens": a long name written as a
        # title in running prose is a title, whatever its words.
        long_name = (
            not sentence.title_case
            and len(
                [
                    w
                    for w in normalize_title(span).split()
                    if w.isalpha() and w not in FUNCTION_WORDS
                ]
            )
            >= LONG_TITLE_WORDS
            and _capitalised_like(span, film.names)
        )
        # In a title-case headline an everyday word may open a longer name ("Kings Of Leon
        # Doc", "Spiral Staircase Thriller"): only a film word right next to it counts.
        context_near = near
        if (
            sentence.title_case
            and not quoted
            and one_word
            and title_class is not TitleClass.DISTINCTIVE
        ):
            context_near = set(_split_tokens(before_tokens[-1:] + after_tokens[:1]))
        hit.context = (
            bool(context_near & FILM_CONTEXT_WORDS) or long_name or _in_headed_list(text, start)
        )
        other_work = near & OTHER_WORK_WORDS
        # "the musical flop": a film musical, not a stage show.
        if _GENRE_MUSICAL.match(after_words[:40]):
            other_work = other_work - {"musical"}
        if other_work and not hit.context:
            hit.contradicted = True
        paren_year = _PAREN_YEAR_AFTER.match(after)
        years_before = _years_naming_a_work(before_tokens)
        nearby_years = years_before + ([int(paren_year.group(1))] if paren_year else [])
        if film.year is not None and nearby_years:
            if any(abs(y - film.year) <= 1 for y in nearby_years):
                hit.year_match = True
            else:
                hit.contradicted = True
        # A grammar-word title after a verb is its particle ("Moves Up", "Takes It"), so
        # only a common title is marked by the verb around it.
        by_verb = title_class is not TitleClass.FUNCTION and bool(
            _FILM_WORD_BEFORE.search(before)
            or _FILM_VERB_AFTER.match(after)
            or _WATCH_AFTER.match(after)
        )
        # "Peter Rabbit 2": an everyday name with a sequel number, written as a title.
        sequel = (
            bool(_SEQUEL_NAME.search(span))
            and _capitalised_like(span, film.names)
            and not _COUNTED_AFTER.match(after)
        )
        # Written as an entry of a list: its credit, its distributor or its date after it.
        listed = bool(
            credited
            or _STUDIO_AFTER.match(after)
            or _DATE_AFTER.match(after)
            # ... a one-word title ("Heat to Neon") is too often a word for that.
            or (len(span.split()) > 1 and _SOLD_TO_AFTER.match(after))
            or _BUYER_AFTER_DASH.match(after)
        )
        hit.strong = bool(paren_year or _owner_marks(before) or by_verb or sequel or listed)
        # "the Ryan directed and starring What Happens Later": a description, not a credit.
        credit_before = _CREDIT_BEFORE.search(before)
        if credit_before and re.search(r"\s(?:and|by|&)\s", credit_before.group(0)):
            credit_before = None
        hit.credit = bool(
            _CREDIT_AFTER.match(after) or credit_before or _credit_in_parentheses(before, after)
        )
        # "Henry Cavill headlines a Highlander reboot": when the sentence names the followed
        # film's own people, the reboot or remake is that film.
        if hit.credit and _NEW_VERSION_AFTER.match(after) and film.people:
            padded = f" {normalize_title(text)} "
            if any(f" {normalize_title(p)} " in padded for p in film.people):
                hit.credit = False
        # "Heat with Val Kilmer's son": other people point to another work of an everyday
        # name. It only counts when the article names none of the film's own people.
        cast = _OTHER_PEOPLE_AFTER.match(after)
        if cast and film.people and title_class is not TitleClass.DISTINCTIVE:
            named = normalize_title(cast.group(1))
            if not any(
                normalize_title(p) in named or named in normalize_title(p) for p in film.people
            ):
                hit.contradicted = True
        return hit


_OTHER_PEOPLE_AFTER = re.compile(
    r"^[\"',]*\s(?:\([^)]{0,20}\)\s)?(?:starring|with|directed by|from director|from filmmaker)"
    r"\s((?:[A-Z][\w'.-]+\s){1,2}[A-Z][\w'-]+)"
)
_TITLE_CONTINUES = re.compile(r"^\s(?:of|and|&|in|on|at|for|from|to|with)\s(?:the\s|a\s)?[A-Z]")
_COMPANY_WORD = re.compile(
    r"Entertainment|Pictures|Films|Media|Studios|Productions|Releasing|Distribution|Classics|"
    r"Features|Group"
)
_CAPITALISED_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w&.'-]*\s$")
# "sales agency Blue Finch", "distributor Red Arrow": a company's name that ends in the title.
_COMPANY_ROLE_BEFORE = re.compile(
    r"\b(?:sales (?:agency|agent|company|outfit)|distributor|studio|banner|label|shingle|"
    r"production (?:company|house)|outfit)\s(?:[A-Z][\w&'-]*\s){1,2}$"
)
_VERSUS_BEFORE = re.compile(r"[A-Z][\w'-]*\s(?:v\.?|vs\.?|versus)\s$")
_SURNAME_IN_PROSE = re.compile(r"^\s([A-Z][a-z]+)(?=[\s,.;:)]|$)")
_NAME_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][a-z]+\.?)\s$")
_NAME_AFTER = re.compile(r"^\s([A-Z][a-z]+)\b(?!')")
# "Michael B. Jordan's", "Michael Apted's": a first name before an initial or a possessive
# surname.
_SURNAME_AFTER = re.compile(
    r"^\s(?:[A-Z]\.\s(?:[A-Z][\w'-]+)?|(?P<surname>[A-Z][a-z]+)(?:'s|s')\s)"
)


# "Bérénice Marlohe (Skyfall)", "Sam Trammell (The Fault in Our Stars, Jane)": a person's
# earlier work in parentheses after the name.
_PAREN_AFTER_NAME = re.compile(
    r"(?:^|\s)(?-i:[A-Z])[\w'.-]*\s(?P<surname>(?-i:[A-Z])[\w'.-]+)\s\((?:[^()]{0,60}[,;]\s)?"
    r"[\"']?$"
)
_PAREN_CLOSE = re.compile(r"^[\"']?(?:[,;][^()]{0,60})?\)")


# "Marianne Rendón from Mapplethorpe, Charlie Says": a person's earlier films after "from".
_FROM_AFTER_NAME = re.compile(
    r"(?:^|\s)(?-i:[A-Z])[\w'.-]*\s(?P<surname>(?-i:[A-Z])[\w'.-]+)\s(?:from|of)\s"
    r"(?:[\"']?(?-i:[A-Z])[^,;()]{0,40}?[\"']?,\s(?:and\s)?)?[\"']?$"
)


def _credit_in_parentheses(before: str, after: str) -> bool:
    """Whether the title is a credit after a person's name: in parentheses, or "from"."""
    name = _PAREN_AFTER_NAME.search(before)
    if name is None or not _PAREN_CLOSE.match(after):
        name = _FROM_AFTER_NAME.search(before)
        if name is None:
            return False
    return name.group("surname").casefold().rstrip(".") not in common_words()


# Between two titles of one list: "Spiral, Antebellum & Run", "'A,' 'B' and 'C'".
_LIST_GAP = re.compile(
    r"[\"']?,[\"']?\s(?:(?:and|&)\s)?[\"']?|[\"']?\s(?:and|&)\s[\"']?", re.IGNORECASE
)


# Headers of a list of films: "Today on VOD: A, B and C", "New on Netflix: ...".
LIST_HEADER_WORDS = FILM_CONTEXT_WORDS | words(
    """vod dvd blu ray bluray 4k digital netflix hulu streaming theaters cinemas releases release
    calendar schedule lineup slate dates trailers teasers premieres"""
)
_LIST_HEADER = re.compile(r"^(?P<header>[^:]{2,60}):\s")
_LIST_ITEM = re.compile(r"[\"']?(?-i:[A-Z0-9])[^,&]{0,60}?[\"']?")
_LIST_SEPARATOR = re.compile(r",\s(?:and\s)?|\s&\s|\sand\s", re.IGNORECASE)


def _in_headed_list(text: str, start: int) -> bool:
    """Whether ``start`` opens an item of a list that a film header introduces."""
    header = _LIST_HEADER.match(text)
    if header is None or start < header.end():
        return False
    tokens = _split_tokens([t.casefold() for t in _TOKEN.findall(header.group("header"))])
    if not set(tokens) & LIST_HEADER_WORDS:
        return False
    items = _LIST_SEPARATOR.split(text[header.end() : start])
    # Every item before this one is a capitalised name, and this one starts right here.
    return items[-1].strip("\"' ") == "" and all(_LIST_ITEM.fullmatch(i) for i in items[:-1])


def _listed_with(accepted: list[Mention], pending: list[Mention]) -> list[Mention]:
    """Pending everyday titles that stand in one list with an accepted film."""
    vouched: list[Mention] = []
    anchors = list(accepted)
    waiting = list(pending)
    changed = True
    while changed and waiting:
        changed = False
        for mention in list(waiting):
            text = mention.sentence.text
            for anchor in anchors:
                if anchor.sentence.index != mention.sentence.index or anchor.film == mention.film:
                    continue
                left, right = sorted((anchor, mention), key=lambda m: m.start)
                if left.end <= right.start and _LIST_GAP.fullmatch(text[left.end : right.start]):
                    vouched.append(mention)
                    anchors.append(mention)
                    waiting.remove(mention)
                    changed = True
                    break
    return vouched


_POSSESSOR_BEFORE = re.compile(r"((?:[\w.'-]+\s){0,3}[\w.-]+)(?:'s|s')\s[\"']?$")


_OWNER_WORDS = re.compile(r"((?:[\w.&+-]+\s){0,3}([\w.&+-]+))(?:'s|s')\s+[\"']?$")


def _owner_marks(before: str) -> bool:
    """A possessive before a title marks it when the owner is a name ("Jordan Peele's Us",
    "Neon's Heat", "20th Century's X"), not an everyday word ("The Weekend's Super Bowl")."""
    owner = _OWNER_WORDS.search(before[-60:])
    if owner is None:
        return False
    phrase = owner.group(1)
    # The capitalised run that ends at the possessive: "20th Century", "Sony Pictures Classics".
    run: list[str] = []
    for token in reversed(phrase.split()):
        if not token[:1].isupper() and not token[:1].isdigit():
            break
        run.append(token)
    if any(t.casefold().strip(".") not in common_words() for t in run or [owner.group(2)]):
        return True
    return any(m.end() == len(phrase) for m in BUYER_PATTERN.finditer(phrase))


def _own_person_before(before: str, people: Sequence[str]) -> bool:
    """A person of the film in the possessive right before the title ("Jordan Peele's")."""
    possessive = _POSSESSOR_BEFORE.search(before[-80:])
    if possessive is None or not people:
        return False
    owner = f" {normalize_title(possessive.group(1))}"
    return any(owner.endswith(f" {normalize_title(p)}") for p in people)


def _own_person_after(after: str, people: Sequence[str]) -> bool:
    """A person of the film right after the title, as in a line-up or a list entry."""
    lead = _CREDIT_LEAD.match(after)
    if lead is None or not people:
        return False
    following = f"{normalize_title(after[lead.end() : lead.end() + 60])} "
    return any(following.startswith(f"{normalize_title(p)} ") for p in people)


def _part_of_a_name(before: str, after: str, *, both_sides: bool) -> bool:
    """A one-word title next to an uncommon capitalised word is part of a name ("Ang Lee")."""
    vocabulary = common_words()
    neighbours = [_NAME_BEFORE.search(before)]
    if both_sides:
        neighbours.append(_NAME_AFTER.match(after))
    for match in neighbours:
        if match and match.group(1).rstrip(".").casefold() not in vocabulary:
            return True
    return False


_NOT_A_WORK_YEAR_AFTER = words("release releases debut bow opening premiere date slot season")
_NOT_A_WORK_YEAR_BEFORE = words(
    """in for to until by from since of into on january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec spring summer fall autumn winter holiday early late mid"""
)


def _years_naming_a_work(before_tokens: list[str]) -> list[int]:
    """Years just before a title that date the work ("the 1931 Frankenstein"), not a release."""
    years = []
    window = before_tokens[-3:]
    for index, token in enumerate(window):
        if not _YEAR.fullmatch(token):
            continue
        following = window[index + 1] if index + 1 < len(window) else ""
        preceding = window[index - 1] if index > 0 else ""
        if following in _NOT_A_WORK_YEAR_AFTER or preceding in _NOT_A_WORK_YEAR_BEFORE:
            continue
        years.append(int(token))
    return years


_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "ii": "2", "iii": "3"}
_NUMBER_WORDS |= {"iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
# "Ocean's Eight" is "Ocean's 8" (never a roman "x": "Malcolm X" is no "Malcolm 10").
_NUMBER_WORDS |= {"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
_DIGIT_WORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven"}
_DIGIT_WORDS |= {"8": "eight", "9": "nine", "10": "ten"}
_PART_WORDS = {"vol": "volume", "volume": "vol", "pt": "part"}
_PART_WORD_FORMS = frozenset({"part", "pt", "chapter", "volume", "vol"})
_PART_NUMBERS = {"one": "1", "1": "one"}
_ROMAN = {"2": "ii", "3": "iii", "4": "iv", "5": "v", "two": "ii", "three": "iii", "four": "iv"}
# "John Wick: Chapter 4" is "John Wick 4"; "Dune: Part Two" is "Dune 2".
_NUMBERED_PART = re.compile(
    r"^(?P<main>[^:]+?)\s*:\s*(?:part|chapter|vol\.?|volume|episode)\s+"
    r"(?P<number>[2-9]|two|three|four|five|ii|iii|iv|v)$",
    re.IGNORECASE,
)
# "Glass Onion: A Knives Out Mystery", "Rogue One: A Star Wars Story": the part before the
# colon is the film's own name (a subtitle without "A" is the film's: "Spider-Man: Across the
# Spider-Verse" is not "Spider-Man").
# "The Croods: A New Age" and "Downton Abbey: A New Era" continue the film before the colon.
_FRANCHISE_SUBTITLE = re.compile(r"^(?P<main>[^:]+?)\s*:\s*an?\s+(?!new\s)\S.*$", re.IGNORECASE)


# A subtitle this long is a name of its own ("Star Wars: The Rise of Skywalker"); a shorter
# one is often everyday words or another film ("Mufasa: The Lion King").
OWN_SUBTITLE_MIN_WORDS = 4


def _own_subtitle(name: str) -> str | None:
    """The subtitle after the one colon of ``name``, when it can name the film alone."""
    main, colon, subtitle = name.partition(":")
    words_ = subtitle.split()
    if not colon or ":" in subtitle or not main.strip() or len(words_) < OWN_SUBTITLE_MIN_WORDS:
        return None
    # "The Croods: A New Age" continues the film before the colon.
    if words_[0].casefold() in ("a", "an"):
        return None
    return " ".join(words_)


def title_keys(name: str) -> set[str]:
    """The matching keys of a title: "Dune: Part Two" is also written "Dune Part 2",
    "Dune Part II" and "Dune 2"; "Glass Onion: A Knives Out Mystery" is also "Glass Onion"."""
    key = normalize_title(name)
    tokens = key.split()
    # Only sequel numbers after the first word are rewritten ("Two Days" stays as it is).
    as_digits = tokens[:1] + [_NUMBER_WORDS.get(t, t) for t in tokens[1:]]
    as_words = tokens[:1] + [_DIGIT_WORDS.get(t, t) for t in tokens[1:]]
    keys = {key, " ".join(as_digits), " ".join(as_words)}
    # "Kill Bill: Vol. 1" is "Kill Bill Volume 1"; "Part One" is "Part 1" (only after a
    # part word: "Rogue One" stays as it is).
    for variant in list(keys):
        words_ = variant.split()
        spelled = [_PART_WORDS.get(w, w) for w in words_]
        counted = [
            _PART_NUMBERS.get(w, w) if i and words_[i - 1] in _PART_WORD_FORMS else w
            for i, w in enumerate(spelled)
        ]
        keys.update({" ".join(spelled), " ".join(counted)})
    if len(tokens) > 1 and as_digits[-1] in _ROMAN:
        keys.add(" ".join([*as_digits[:-1], _ROMAN[as_digits[-1]]]))
    numbered = _NUMBERED_PART.match(fold_quotes(name).strip())
    if numbered:
        number = _NUMBER_WORDS.get(numbered["number"].casefold(), numbered["number"])
        keys.add(f"{normalize_title(numbered['main'])} {number}")
    franchise = _FRANCHISE_SUBTITLE.match(fold_quotes(name).strip())
    if franchise:
        keys.add(normalize_title(franchise["main"]))
    # "The third Conjuring movie, The Devil Made Me Do It": a sequel named by its subtitle
    # alone (a short form, so it needs corroboration like an everyday title).
    subtitle = _own_subtitle(fold_quotes(name).strip())
    if subtitle and not numbered:
        keys.add(normalize_title(subtitle))
    # "Michael B. Jordan's 'Thomas Crown Affair'": a long title loses its article ("The
    # Batman" does not: "Batman" is the character).
    if tokens[:1] == ["the"] and len(tokens) >= ARTICLE_LESS_MIN_WORDS + 1:
        keys.add(" ".join(tokens[1:]))
    return {k for k in keys if k}


def short_forms(name: str) -> set[str]:
    """The keys of ``name`` that are shorter than the title itself ("Glass Onion")."""
    full = normalize_title(name)
    return {key for key in title_keys(name) if len(key.split()) < len(full.split())}


def _split_tokens(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(part for part in re.split(r"[-']", token) if part)
        out.append(token.replace("-", ""))
    return out


def _inside_longer_quote(before: str, after: str) -> bool:
    """True when the hit sits inside a longer quoted title: 'It Ends With Us'."""
    open_index = max(before.rfind("'"), before.rfind('"'))
    if open_index < 0:
        return False
    opener = before[open_index]
    if open_index > 0 and before[open_index - 1].isalnum():
        return False  # an apostrophe inside a word: "Dunham's"
    inner_before = before[open_index + 1 :]
    if len(inner_before) > 60:
        return False
    close = re.search(re.escape(opener) + r"(?!\w)", after[:80])
    return close is not None and (inner_before.strip() != "" or close.start() > 2)


def _capitalised_like(span: str, names: Sequence[str]) -> bool:
    """In running text an everyday-word title counts only when written as a title."""
    words = re.findall(r"[^\W\d_][\w'-]*", span)
    if not words:
        return True
    if not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.casefold() in FUNCTION_WORDS for w in words)


def _longest_only(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where two films' names overlap ("Dune" inside "Dune: Part Two"), the longer wins."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.sentence.index, m.start, m.start - m.end)):
        if (
            kept
            and kept[-1].sentence.index == mention.sentence.index
            and mention.start < kept[-1].end
        ):
            continue
        kept.append(mention)
    return kept
