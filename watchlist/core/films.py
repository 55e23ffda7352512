"""Following, editing and unfollowing films: the watchlist itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from watchlist.core.errors import DuplicateError, NotFoundError, UsageError
from watchlist.core.models import Film, FilmAlias, FilmPerson, PersonRole, film_identity_key, utcnow
from watchlist.core.text import fold_whitespace, normalize_title, strip_unsafe_chars

MIN_YEAR = 1878  # The Horse in Motion
MAX_YEAR = 2100
MAX_TITLE_LENGTH = 500


@dataclass(frozen=True)
class PersonSpec:
    """A person to attach to a film."""

    name: str
    role: str = PersonRole.OTHER.value


@dataclass
class FilmSpec:
    """What the user typed about a film, before it is stored."""

    title: str
    year: int | None = None
    people: list[PersonSpec] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    notes: str = ""
    original_title: str | None = None


def parse_people(text: str) -> list[PersonSpec]:
    """Parse "Lena Dunham (director); Natalie Portman" into people.

    A role may follow a name in parentheses or precede it with a colon ("director: Lena
    Dunham"). Parentheses that hold no known role stay part of the name ("Sam Smith (II)").
    """
    people: list[PersonSpec] = []
    for raw in text.split(";"):
        item = fold_whitespace(raw)
        if not item:
            continue
        role: PersonRole | None = None
        if item.endswith(")") and "(" in item:
            name, _, role_text = item[:-1].rpartition("(")
            role = _role_or_none(role_text)
            if role is not None:
                item = fold_whitespace(name)
        elif ":" in item:
            role_text, _, name = item.partition(":")
            role = _role_or_none(role_text)
            if role is not None:
                item = fold_whitespace(name)
        if item:
            people.append(PersonSpec(item, (role or PersonRole.OTHER).value))
    return people


def format_people(people: Iterable[PersonSpec | FilmPerson]) -> str:
    """The inverse of parse_people: "Lena Dunham (director); Natalie Portman (cast)"."""
    parts = []
    for person in people:
        role = person.role
        # A role-less name that would read back as having a role keeps an explicit "(other)".
        ambiguous = role == PersonRole.OTHER.value and parse_people(person.name) != [
            PersonSpec(person.name)
        ]
        parts.append(
            person.name
            if role == PersonRole.OTHER.value and not ambiguous
            else f"{person.name} ({role})"
        )
    return "; ".join(parts)


_ROLE_WORDS = {
    "director": PersonRole.DIRECTOR,
    "dir": PersonRole.DIRECTOR,
    "directed by": PersonRole.DIRECTOR,
    "cast": PersonRole.CAST,
    "star": PersonRole.CAST,
    "starring": PersonRole.CAST,
    "actor": PersonRole.CAST,
    "actress": PersonRole.CAST,
    "writer": PersonRole.WRITER,
    "screenwriter": PersonRole.WRITER,
    "producer": PersonRole.PRODUCER,
    "other": PersonRole.OTHER,
}


def _role_or_none(text: str) -> PersonRole | None:
    return _ROLE_WORDS.get(fold_whitespace(text).casefold().rstrip("."))


def validate_spec(spec: FilmSpec) -> FilmSpec:
    """Clean a FilmSpec, raising UsageError with a sentence for the user when it is invalid."""
    spec = FilmSpec(
        title=strip_unsafe_chars(spec.title),
        year=spec.year,
        people=[PersonSpec(strip_unsafe_chars(p.name), p.role) for p in spec.people],
        aliases=[strip_unsafe_chars(a) for a in spec.aliases],
        notes=strip_unsafe_chars(spec.notes),
        original_title=strip_unsafe_chars(spec.original_title or "") or None,
    )
    title = fold_whitespace(spec.title)
    if not title or not normalize_title(title):
        raise UsageError("A film needs a title with at least one letter or digit.")
    if len(title) > MAX_TITLE_LENGTH:
        raise UsageError(f"The title is longer than {MAX_TITLE_LENGTH} characters.")
    if spec.year is not None and not MIN_YEAR <= spec.year <= MAX_YEAR:
        raise UsageError(f"The year {spec.year} is not between {MIN_YEAR} and {MAX_YEAR}.")
    aliases: list[str] = []
    seen = {normalize_title(title)}
    for alias in spec.aliases:
        cleaned = fold_whitespace(alias)
        key = normalize_title(cleaned)
        if key and key not in seen:
            seen.add(key)
            aliases.append(cleaned)
    people: list[PersonSpec] = []
    seen_people: set[tuple[str, str]] = set()
    for person in spec.people:
        name = fold_whitespace(person.name)
        if name and (name.casefold(), person.role) not in seen_people:
            seen_people.add((name.casefold(), person.role))
            people.append(PersonSpec(name, person.role))
    return FilmSpec(
        title=title,
        year=spec.year,
        people=people,
        aliases=aliases,
        notes=spec.notes.strip(),
        original_title=fold_whitespace(spec.original_title or "") or None,
    )


def _films_query() -> Select[Film]:
    return select(Film).options(selectinload(Film.people), selectinload(Film.aliases))


def find_film(session: Session, title: str, year: int | None = None) -> Film | None:
    """The film with this title (and year, when given), followed or discovered."""
    if year is not None:
        return session.scalars(
            _films_query().where(Film.identity_key == film_identity_key(title, year))
        ).first()
    key = normalize_title(title)
    matches = [
        film
        for film in session.scalars(
            _films_query().where(Film.identity_key.startswith(f"{key}|", autoescape=True))
        )
    ]
    if len(matches) > 1:
        years = ", ".join(str(f.year) if f.year else "no year" for f in matches)
        raise UsageError(
            f"More than one film is called '{title}' ({years}); say which with --year."
        )
    return matches[0] if matches else None


def add_film(session: Session, spec: FilmSpec) -> Film:
    """Follow a film. A discovered film with the same identity becomes followed.

    Raises DuplicateError ("already following Good Sex (2026)") for a film already followed.
    """
    spec = validate_spec(spec)
    existing = session.scalars(
        _films_query().where(Film.identity_key == film_identity_key(spec.title, spec.year))
    ).first()
    if existing is not None and existing.followed:
        raise DuplicateError(f"You are already following {existing.display_title}.")
    film = existing or Film(
        title=spec.title, year=spec.year, identity_key=film_identity_key(spec.title, spec.year)
    )
    film.followed = True
    film.followed_at = utcnow()
    _apply_spec(film, spec)
    session.add(film)
    session.flush()
    return film


def update_film(session: Session, film: Film, spec: FilmSpec) -> Film:
    """Change a film's title, year, people, aliases or notes."""
    spec = validate_spec(spec)
    key = film_identity_key(spec.title, spec.year)
    if key != film.identity_key:
        clash = session.scalars(select(Film).where(Film.identity_key == key)).first()
        if clash is not None and clash.id != film.id:
            raise DuplicateError(f"You are already following {clash.display_title}.")
    film.title, film.year, film.identity_key = spec.title, spec.year, key
    _apply_spec(film, spec)
    session.flush()
    return film


def _apply_spec(film: Film, spec: FilmSpec) -> None:
    film.notes = spec.notes
    film.original_title = spec.original_title
    film.people = [
        FilmPerson(name=p.name, role=p.role, position=i) for i, p in enumerate(spec.people)
    ]
    film.aliases = [FilmAlias(title=a) for a in spec.aliases]


def list_films(session: Session, *, include_discovered: bool = False) -> Sequence[Film]:
    """Followed films (and discovered ones on request), ordered by title."""
    query = _films_query().order_by(Film.title, Film.year)
    if not include_discovered:
        query = query.where(Film.followed.is_(True))
    return session.scalars(query).all()


def remove_film(session: Session, title: str, year: int | None = None) -> Film:
    """Unfollow and delete a followed film with its timeline; returns the deleted film."""
    film = find_film(session, title, year)
    if film is None or not film.followed:
        shown = f"{title} ({year})" if year else title
        raise NotFoundError(f"You are not following a film called '{shown}'.")
    session.delete(film)
    session.flush()
    return film


def film_to_spec(film: Film) -> FilmSpec:
    """A FilmSpec holding a stored film's editable fields (for edit dialogs and undo)."""
    return FilmSpec(
        title=film.title,
        year=film.year,
        people=[PersonSpec(p.name, p.role) for p in film.people],
        aliases=[a.title for a in film.aliases],
        notes=film.notes,
        original_title=film.original_title,
    )
