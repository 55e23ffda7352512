"""Round 5 of film recognition and of the premiere, availability, trailer and production rules."""

from __future__ import annotations

from tests.core.detect.helpers import kinds, make_detect
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.textspan import split_sentences

FILMS = [
    FilmProfile(1, "Gilded Orchard: A Harrow Tale", 2026, (), ("Ines Calder",)),
    FilmProfile(2, "Ferrous: A Wasteland Saga", 2026, (), ("Odo Brandt",)),
    FilmProfile(3, "Night Shift: Chapter 3", 2026, (), ("Lia Moretz",)),
    FilmProfile(4, "Starling Hollow: Across the Dark", 2026, (), ("Kai Ober",)),
    FilmProfile(5, "Paper Kingdom 2", 2026, (), ("Rhea Stone",)),
    FilmProfile(6, "Breathe", 2017, (), ("Andy Serkis",)),
    FilmProfile(7, "Us", 2019, (), ("Jordan Peele",)),
    FilmProfile(8, "Escape Room", 2019, (), ("Adam Robitel",)),
    FilmProfile(9, "Heat", 1995, (), ("Michael Mann",)),
    FilmProfile(10, "Kings", 2017, (), ("Deniz Gamze Ergüven",)),
    FilmProfile(11, "Love at First Sight", 2023, (), ("Vanessa Caswill",)),
    FilmProfile(12, "Ema", 2019, (), ("Pablo Larraín",)),
]
MATCHER = FilmMatcher(FILMS)


def found(title: str, summary: str = "") -> list[str]:
    """Titles of the films accepted in an article."""
    return sorted({m.film.title for m in MATCHER.mentions(split_sentences(title, summary))})


def test_a_film_is_named_by_its_title_before_a_franchise_subtitle() -> None:
    assert found("'Gilded Orchard' Trailer Arrives") == ["Gilded Orchard: A Harrow Tale"]
    assert found("", "Neon dates Ferrous for May 2026.") == ["Ferrous: A Wasteland Saga"]
    # An everyday short form still needs marks: "gilded orchard" as words is not the film.
    assert found("", "We walked through a Gilded Orchard near the village.") == []
    # A subtitle without "A" is the film's own name; its first part is the franchise.
    assert found("'Starling Hollow' Sets Date") == []


def test_a_numbered_chapter_or_roman_numeral_names_the_sequel() -> None:
    assert found("'Night Shift 3' Moves To March") == ["Night Shift: Chapter 3"]
    assert found("'Paper Kingdom II' Lands At Neon") == ["Paper Kingdom 2"]
    assert found("'Night Shift' Moves To March") == []


def test_a_line_up_entry_credits_the_films_own_director_after_the_title() -> None:
    lineup = (
        "GALAS: Breathe Andy Serkis, United Kingdom - World Premiere; "
        "Kings Deniz Gamze Ergüven, France - World Premiere."
    )
    assert found("TIFF Unveils Galas", lineup) == ["Breathe", "Kings"]
    # Another person after an everyday word is still part of a name.
    assert found("", "Breathe Andy Morton, the coach told the swimmers.") == []


def test_a_grammar_word_title_is_marked_by_its_own_credit_in_a_list() -> None:
    column = "New on disc: Us – Jordan Peele returns with a home-invasion horror."
    assert found("Disc Highlights", column) == ["Us"]
    assert found("Disc Highlights", "New on disc: Us – a family drama returns.") == []


def test_a_distributor_in_parentheses_or_a_listed_date_marks_an_everyday_title() -> None:
    column = "DVD and Blu-ray: April 23, Escape Room (Sony Pictures) – standard edition."
    assert found("Eye on Disc", column) == ["Escape Room"]
    assert found("", "The escape room (a new craze) is popular.") == []
    schedule = "Fall slate: Heat — September 15. Love At First Sight — September 22."
    assert found("Release Dates", schedule) == ["Heat", "Love at First Sight"]
    assert found("", "Love at first sight — it happens.") == []


def test_a_which_clause_about_its_release_marks_a_short_title() -> None:
    assert found("", "Remember Ema, which was released on MUBI last year?") == ["Ema"]
    assert found("", "Remember Ema, which was her grandmother's name?") == []


def test_a_pronoun_next_to_the_trigger_is_the_film_named_before() -> None:
    films = [
        FilmProfile(1, "Marrowby Lane", 2025, (), ("Mara Quint",)),
        FilmProfile(2, "Velmora Station", 2025, (), ("Theo Lark",)),
    ]
    detect = make_detect(films)
    body = (
        "Audiences loved Marrowby Lane at test screenings. Neon is moving it up a week to "
        "June 13, where Focus has the Theo Lark comedy Velmora Station."
    )
    found_events = kinds(detect("Neon Shuffles Its Summer", body))
    assert found_events == [("Marrowby Lane", "release.date_changed")]
    # The film the sentence names itself is still the one that moves.
    other = "Audiences loved Marrowby Lane. Focus is moving Velmora Station up a week to June 13."
    assert kinds(detect("Focus Shuffles Its Summer", other)) == [
        ("Velmora Station", "release.date_changed")
    ]


PREMIERE_FILMS = [
    FilmProfile(1, "Marrowby Lane", 2025, (), ("Mara Quint",)),
    FilmProfile(2, "Velmora Station", 2025, (), ("Theo Lark",)),
]


def test_a_festival_named_in_a_deal_article_describes_the_film() -> None:
    detect = make_detect(PREMIERE_FILMS)
    talks = "Neon is nearing a deal for Cannes competition entry Marrowby Lane."
    found_events = kinds(
        detect("Neon Nears Deal For Cannes Competition Film 'Marrowby Lane'", talks)
    )
    assert ("Marrowby Lane", "release.premiere") not in found_events
    tracker = "'Marrowby Lane' Section: Premieres Buyer: Neon Director: Mara Quint."
    assert kinds(detect("Sundance Sales So Far: Neon Takes 'Marrowby Lane'", tracker)) == [
        ("Marrowby Lane", "deal.acquisition")
    ]
    # A premiere still to come is news, deal or not.
    ahead = "Neon bought Marrowby Lane, which will world premiere at Venice next week."
    assert ("Marrowby Lane", "release.premiere") in kinds(
        detect("Neon Buys 'Marrowby Lane'", ahead)
    )


def test_a_past_debut_at_a_festival_is_background() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Marrowby Lane had its debut at Sundance in the documentary competition."
    assert kinds(detect("Marrowby Lane Heads Home", body)) == []


def test_a_canadian_premiere_in_the_body_overrides_the_headline_list() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = (
        "Galas: Marrowby Lane | Mara Quint | UK Canadian Premiere. "
        "Velmora Station | Theo Lark | USA World Premiere."
    )
    headline = "TIFF Announces Lineup: 'Velmora Station' World Premiere, 'Marrowby Lane' And More"
    assert kinds(detect(headline, body)) == [("Velmora Station", "release.premiere")]


def test_a_relative_clause_belongs_to_the_film_before_it() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = (
        "Returning titles include Mara Quint's Marrowby Lane, starring Ida Brook, which will "
        "open Venice on Sept. 1 and Theo Lark's Velmora Station."
    )
    assert kinds(detect("Notes From The Lido", body)) == [("Marrowby Lane", "release.premiere")]


def test_casting_told_in_the_present_tense_is_production() -> None:
    detect = make_detect(PREMIERE_FILMS)
    roundup = "Ida Brook headlines the dark comedy Marrowby Lane, and Teo Vance leads a remake."
    assert kinds(detect("Production Roundup", roundup)) == [("Marrowby Lane", "production")]
    stars = "Ida Brook and Teo Vance star in new thriller Marrowby Lane."
    assert kinds(detect("Production Roundup", stars)) == [("Marrowby Lane", "production")]
    # A disc column's synopsis is no casting news; nor is a front-page headline.
    synopsis = "Marrowby Lane - Ida Brook and Teo Vance star in a fractured neo-noir."
    assert kinds(detect("Disc Highlights", synopsis)) == []
    assert kinds(detect("", "Marrowby Lane made the headlines of every trade.")) == []


def test_a_title_joining_a_catalogue_or_a_state_that_goes_on_is_not_production() -> None:
    detect = make_detect(PREMIERE_FILMS)
    catalogue = "Marrowby Lane joined the collection in March, written and directed by Mara Quint."
    assert kinds(detect("Criterion Picks", catalogue)) == []
    still = "Mara Quint confirmed Marrowby Lane is still in development at Neon."
    assert kinds(detect("An Update On A Stalled Project", still)) == []
    recalled = "It's been two months since news came that Ida Brook joined Marrowby Lane."
    assert kinds(detect("Where Things Stand", recalled)) == []
    wrapped = (
        "Ida Brook will topline Marrowby Lane, a new film that has recently wrapped production."
    )
    assert kinds(detect("Film Briefs", wrapped)) == [("Marrowby Lane", "production")]


def test_the_sequel_to_a_film_is_not_that_film() -> None:
    detect = make_detect(PREMIERE_FILMS)
    sequel = (
        "Production has begun in Halifax on the sequel to Neon's Sundance horror Marrowby Lane."
    )
    assert kinds(detect("Cameras Roll In Nova Scotia", sequel)) == []
    own = "Production has begun in Halifax on Neon's Sundance horror Marrowby Lane."
    assert kinds(detect("Cameras Roll In Nova Scotia", own)) == [("Marrowby Lane", "production")]


def test_a_film_that_gets_a_trailer_has_trailer_news() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Mara Quint's Marrowby Lane finally has a trailer."
    assert kinds(detect("This Week In Film", body)) == [("Marrowby Lane", "trailer")]
    assert kinds(detect("This Week In Film", "Marrowby Lane has a catering problem.")) == []


def test_a_question_headline_states_nothing() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(detect("Is 'Marrowby Lane' On Netflix? Where To Stream It")) == []
    assert kinds(detect("Ida Brook Confirmed For 'Marrowby Lane'?")) == []
    assert kinds(detect("Ida Brook Joins 'Marrowby Lane'")) == [("Marrowby Lane", "production")]


def test_a_long_title_without_its_article_and_a_deals_list_entry() -> None:
    films = [
        FilmProfile(1, "The Harbour Glass Affair", 2026, (), ("Ida Brook",)),
        FilmProfile(2, "Small Mercies", 2026, (), ("Teo Vance",)),
        FilmProfile(3, "The Croods: A New Age", 2020, (), ("Joel Crawford",)),
        FilmProfile(4, "The Croods", 2013, (), ("Chris Sanders",)),
    ]
    matcher = FilmMatcher(films)

    def names(title: str, summary: str = "") -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title, summary))})

    assert names("Teo Vance Joins Ida Brook's 'Harbour Glass Affair'") == [
        "The Harbour Glass Affair"
    ]
    sales = "WME's sales so far: Small Mercies to Sony Pictures Classics; and more to come."
    assert names("Sundance Deals", sales) == ["Small Mercies"]
    assert names("", "Small mercies to Sony staff were few.") == []
    # "A New Age" continues the film before the colon: "The Croods" is the 2013 film.
    assert names("'The Croods' Returns To Theaters") == ["The Croods"]


def test_a_credit_after_a_list_of_titles_is_a_credit() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Marrowby Lane and Velmora Station director Mara Quint is now going to direct a western."
    assert kinds(detect("Director News", body)) == []


def test_a_premiere_as_a_reference_point_or_a_tip_is_no_announcement() -> None:
    detect = make_detect(PREMIERE_FILMS)
    ahead = "Marrowby Lane still has North American rights available ahead of its Venice premiere."
    assert kinds(detect("Fall Festival Notes", ahead)) == []
    assert kinds(
        detect("First Look: Mara Quint's 'Marrowby Lane' - Tipped For Cannes Premiere")
    ) == [("Marrowby Lane", "trailer")]
    hitting = "First Look: Mara Quint's 'Marrowby Lane' - Hitting Venice And TIFF In 70mm"
    assert ("Marrowby Lane", "release.premiere") in kinds(detect(hitting))
    theaters = kinds(detect("'Marrowby Lane' Hits Theaters In Style"))
    assert ("Marrowby Lane", "release.premiere") not in theaters


def test_casting_nouns_reboots_and_returns() -> None:
    detect = make_detect(PREMIERE_FILMS)
    teaser = "Marrowby Lane teaser shows off new footage and cast interviews"
    assert kinds(detect(teaser)) == [("Marrowby Lane", "trailer")]
    assert kinds(detect("Neon Casts Ida Brook In 'Marrowby Lane'")) == [
        ("Marrowby Lane", "production")
    ]
    assert kinds(detect("Sony To Reboot 'Marrowby Lane'")) == [("Marrowby Lane", "production")]
    returning = "Ida Brook And Teo Vance To Return For Mara Quint's 'Marrowby Lane'"
    assert kinds(detect(returning)) == [("Marrowby Lane", "production")]


def test_an_outlets_own_piece_is_not_a_film_of_that_name() -> None:
    matcher = FilmMatcher([FilmProfile(1, "Deadline", 2012, (), ("Curt Hahn",))])
    column = "In a Deadline guest column, the director writes about the opening night film."
    assert matcher.mentions(split_sentences("Director Pens Deadline Guest Column", column)) == []


def test_an_everyday_title_inside_a_longer_capitalised_name_is_not_the_film() -> None:
    matcher = FilmMatcher([FilmProfile(1, "Hope", 2025, (), ("Na Hong-jin",))])

    def names(summary: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences("", summary))})

    assert names("Sony is in talks for rights to Great Hope Springs, starring Meryl Streep.") == []
    assert names("Sony is in talks for rights to the drama Hope, from Na Hong-jin.") == ["Hope"]


def test_a_sales_company_boarding_and_a_teaser_poster_are_no_news() -> None:
    detect = make_detect(PREMIERE_FILMS)
    boards = "Picture Tree International Boards Mara Quint's 'Marrowby Lane' For EFM Launch"
    assert kinds(detect(boards)) == []
    assert kinds(detect("Ida Brook Boards Mara Quint's 'Marrowby Lane'")) == [
        ("Marrowby Lane", "production")
    ]
    assert kinds(detect("Teaser Poster For 'Marrowby Lane' Unveiled")) == []
    assert kinds(detect("Teaser For 'Marrowby Lane' Unveiled")) == [("Marrowby Lane", "trailer")]


def test_ahead_of_a_world_premiere_still_announces_it() -> None:
    detect = make_detect(PREMIERE_FILMS)
    world = "Neon boarded sales on Marrowby Lane ahead of its world premiere at Berlin this month."
    assert ("Marrowby Lane", "release.premiere") in kinds(detect("Sales Agents At Work", world))
    plain = "Neon boarded sales on Marrowby Lane ahead of its Berlin premiere this month."
    assert ("Marrowby Lane", "release.premiere") not in kinds(detect("Sales Agents At Work", plain))


def test_a_reviews_column_reports_no_events() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Mara Quint's Marrowby Lane, now playing in limited release, follows two sisters."
    assert kinds(detect("Reviews: 'Marrowby Lane' Is A Quiet Triumph", body)) == []
    assert kinds(detect("Marrowby Lane Now Playing In Theaters", body)) != []


def test_a_title_in_parentheses_after_a_persons_name_is_a_credit() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Joining the cast of Gilded Road are Ida Brookfield (Marrowby Lane) and Teo Vance."
    assert kinds(detect("Casting Roundup", body)) == []
    listing = "Special Presentations (Marrowby Lane) will screen at TIFF."
    assert ("Marrowby Lane", "release.premiere") in kinds(detect("TIFF Adds Titles", listing))


def test_an_expected_director_is_not_attached_yet() -> None:
    detect = make_detect(PREMIERE_FILMS)
    expected = "Marrowby Lane is a sequel, and Mara Quint is expected to direct."
    assert kinds(detect("Studio Notes", expected)) == []
    assert kinds(detect("Studio Notes", "Mara Quint will direct Marrowby Lane.")) == [
        ("Marrowby Lane", "production")
    ]


def test_a_generic_festival_name_leaves_the_headline_words_out() -> None:
    from watchlist.core.detect.patterns import find_festivals

    named = find_festivals("'Marrowby Lane' To Premiere At Sydney Film Festival")
    assert [name for _position, name in named] == ["Sydney Film Festival"]
    assert find_festivals("Open Roads Film Festival") == [(0, "Open Roads Film Festival")]
    detect = make_detect(PREMIERE_FILMS)
    body = "Next month's Sydney Film Festival will feature the world premiere of Marrowby Lane."
    found_events = detect("Sydney Film Festival Unveils Line-up", body)
    assert [d.fields for d in found_events] == [{"festival": "Sydney Film Festival"}]


LIST_FILMS = [
    FilmProfile(1, "Spiral", 2021, (), ("Darren Lynn Bousman",)),
    FilmProfile(2, "Antebellum", 2020, (), ("Gerard Bush",)),
    FilmProfile(3, "Run", 2020, (), ("Aneesh Chaganty",)),
    FilmProfile(4, "Hush", 2016, (), ("Mike Flanagan",)),
    FilmProfile(5, "The Dead Room", 2016, (), ("Jason Stutter",)),
    FilmProfile(6, "Stars of the Quiet Harbor", 2026, (), ("Ida Brook",)),
    FilmProfile(7, "Nope", 2022, (), ("Jordan Peele",)),
    FilmProfile(8, "Super", 2010, (), ("James Gunn",)),
]


def test_everyday_titles_listed_with_a_film_or_under_a_film_header() -> None:
    matcher = FilmMatcher(LIST_FILMS)

    def names(title: str, summary: str = "") -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title, summary))})

    assert names("Lionsgate Removes Spiral, Antebellum & Run From Release Calendar") == [
        "Antebellum",
        "Run",
        "Spiral",
    ]
    assert names("Today On VOD: Hush And The Dead Room") == ["Hush", "The Dead Room"]
    # No film vouches for them, and a header that is not about films marks nothing.
    assert names("Run, Hide, Fight: Safety Tips For The Office") == []
    assert names("Weekend Plans: Hush And The Dead Room") == []
    # Two quoted words side by side are not a list.
    assert names("'Nope' Super Bowl Spot Reveals New Footage") == ["Nope"]
    detect = make_detect(LIST_FILMS)
    removed = kinds(detect("Lionsgate Removes Spiral, Antebellum & Run From Release Calendar"))
    assert sorted(removed) == [
        ("Antebellum", "release.date_changed"),
        ("Run", "release.date_changed"),
        ("Spiral", "release.date_changed"),
    ]


def test_a_long_title_written_as_a_title_in_prose_needs_no_other_mark() -> None:
    detect = make_detect(LIST_FILMS)
    body = "The first trailer is for the highly-anticipated Stars of the Quiet Harbor."
    assert kinds(detect("A Week Of Trailers", body)) == [("Stars of the Quiet Harbor", "trailer")]
    prose = "The sailors counted the stars of the quiet harbor and slept."
    assert kinds(detect("A Week Of Trailers", prose)) == []


def test_premiering_at_a_festival_is_a_premiere() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "IMAX has debuted a trailer for Marrowby Lane, which is premiering at Venice next week."
    assert ("Marrowby Lane", "release.premiere") in kinds(detect("New IMAX Trailer", body))


def test_the_film_is_the_headlines_film_not_one_named_in_passing() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = (
        "The drama reunites Mara Quint with the team behind Velmora Station. "
        "Neon will release the film on May 5."
    )
    found_events = detect("Neon Acquires 'Marrowby Lane'", body)
    dated = [d.film.title for d in found_events if str(d.kind) == "release.date_announced"]
    assert dated == ["Marrowby Lane"]
    # With no film in the headline, "the film" is still the one named just before.
    other = detect("Neon's Spring", "Neon also picked up Velmora Station. The film opens May 5.")
    assert [d.film.title for d in other if str(d.kind) == "release.date_announced"] == [
        "Velmora Station"
    ]


def test_a_first_name_title_inside_a_persons_name_is_not_the_film() -> None:
    films = [
        FilmProfile(1, "Michael", 2026, (), ("Antoine Fuqua",)),
        FilmProfile(2, "Heat", 1995, (), ("Michael Mann",)),
    ]
    matcher = FilmMatcher(films)

    def names(title: str, summary: str = "") -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title, summary))})

    assert names("Stephen Graham Joins Michael Mann's 'Heat 2'") == []
    assert names("Adria Arjona Replaces Taylor Russell In Michael B. Jordan's New Film") == []
    assert names("Hot Trailer: Michael Apted's Last Documentary") == []
    assert names("Antoine Fuqua's 'Michael' Sets Release Date") == ["Michael"]
    assert names("", "Lionsgate dated Michael for April 2026.") == ["Michael"]


def test_more_production_wording() -> None:
    films = [*PREMIERE_FILMS, FilmProfile(3, "Harbor Lights: The Next Tide", 2026, (), ())]
    detect = make_detect(films)
    assert kinds(detect("Ida Brook In Talks To Return For 'Marrowby Lane'")) == [
        ("Marrowby Lane", "production")
    ]
    filming = "Filming is underway on Marrowby Lane in Halifax."
    assert kinds(detect("Studio Notes", filming)) == [("Marrowby Lane", "production")]
    entered = "Harbor Lights: The Next Tide has officially entered pre-production."
    found_events = detect("Studio Notes", entered)
    assert [(d.film.title, d.fields.get("stage")) for d in found_events] == [
        ("Harbor Lights: The Next Tide", "development")
    ]
    # A state is no step, and a directing debut is a credit.
    state = "'Marrowby Lane' (currently in pre-production) is based on the novel."
    assert kinds(detect("Studio Notes", state)) == []
    assert kinds(detect("Ida Brook's Directing Debut 'Marrowby Lane' Gets A Poster")) == []


def test_first_still_images_are_a_first_look() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(detect("Still Images And Release Date For Movie 'Marrowby Lane'")) == [
        ("Marrowby Lane", "trailer")
    ]


def test_a_festival_after_a_listed_pair_and_a_premiere_given_last_month() -> None:
    detect = make_detect(PREMIERE_FILMS)
    pair = kinds(
        detect("'Marrowby Lane' And 'Velmora Station' To Premiere At Fantasia Film Festival")
    )
    assert sorted(pair) == [
        ("Marrowby Lane", "release.premiere"),
        ("Velmora Station", "release.premiere"),
    ]
    given = "Neon picked up the movie and gave it a world premiere at Cannes last month."
    assert kinds(detect("Marrowby Lane Notes", "Marrowby Lane is a drama. " + given)) == []


def test_a_spec_script_bought_is_a_film_in_development() -> None:
    detect = make_detect(PREMIERE_FILMS)
    spec = "Lionsgate has acquired the Ida Brook spec Marrowby Lane as a starring vehicle."
    found_events = detect("Lionsgate Buys A Spec", spec)
    assert [(str(d.kind), d.fields.get("stage")) for d in found_events if d.film.followed] == [
        ("production", "development")
    ]
    award = "Marrowby Lane, which won the Best Screenplay prize, is a drama."
    assert kinds(detect("Cannes Awards", award)) == []


def test_volume_and_part_numbers_are_written_either_way() -> None:
    matcher = FilmMatcher(
        [
            FilmProfile(1, "Night Harbor: Vol. 1", 2026, (), ()),
            FilmProfile(2, "Glass Reckoning Part One", 2026, (), ()),
            FilmProfile(3, "Rogue One", 2026, (), ()),
        ]
    )

    def names(title: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title))})

    assert names("'Night Harbor Volume 1' Moves To May") == ["Night Harbor: Vol. 1"]
    assert names("'Glass Reckoning Part 1' Sets July Date") == ["Glass Reckoning Part One"]
    assert names("'Rogue 1' Sets July Date") == []


def test_a_film_taking_anothers_date_is_no_casting_and_a_latest_collaboration_refers_back() -> None:
    detect = make_detect(PREMIERE_FILMS)
    slot = "Replacing 'Marrowby Lane' on October 1, Neon will release Velmora Station."
    assert ("Marrowby Lane", "production") not in kinds(detect("Neon Shuffles Dates", slot))
    cast = "Ida Brook is replacing Teo Vance in Marrowby Lane."
    assert kinds(detect("Casting News", cast)) == [("Marrowby Lane", "production")]
    roundup = (
        "Marrowby Lane. The release date: Neon has moved Mara Quint's latest collaboration "
        "to November 16."
    )
    assert kinds(detect("Release Date Round-Up", roundup)) == [
        ("Marrowby Lane", "release.date_changed")
    ]


def test_a_reboot_named_with_its_own_people_is_the_followed_film() -> None:
    detect = make_detect([FilmProfile(1, "Marrowby Lane", None, (), ("Ida Brook",))])
    assert kinds(detect("Roundup", "Ida Brook headlines a Marrowby Lane reboot.")) == [
        ("Marrowby Lane", "production")
    ]
    assert kinds(detect("Roundup", "Teo Vance headlines a Marrowby Lane reboot.")) == []


def test_words_of_longer_names_are_not_everyday_titles() -> None:
    films = [
        FilmProfile(1, "Official Competition", 2021, ("Competencia oficial",), ("Mariano Cohn",)),
        FilmProfile(2, "Kings", 2017, (), ("Halle Berry",)),
        FilmProfile(3, "Entertainment", 2015, (), ("Rick Alverson",)),
        FilmProfile(4, "Superman", 2025, (), ("James Gunn",)),
        FilmProfile(5, "Michael", 2026, (), ("Antoine Fuqua",)),
    ]
    matcher = FilmMatcher(films)

    def names(summary: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences("", summary))})

    assert names("It will also play in the official competition at the London festival.") == []
    assert names("He directed Cordero in The Kings of Summer, a comedy.") == []
    assert names("The psychological thriller novel adaptation is at Cargo Entertainment.") == []
    assert names("The sequel Batman v. Superman: Dawn of Justice released its first trailer.") == []
    assert names("The production snagged Michael Stuhlbarg for a role.") == []
    # The same words as the film's title still count where they name it.
    assert names("Neon dated Michael for April 2026.") == ["Michael"]
    assert names("Competencia oficial, known in English as Official Competition, opens.") == [
        "Official Competition"
    ]


def test_a_deals_list_entry_and_a_film_reached_through_its_person() -> None:
    films = [
        FilmProfile(1, "The Lantern", 2015, (), ("Ida Brook",)),
        FilmProfile(2, "The Harbor", 2022, (), ("Baz Quint",)),
        FilmProfile(3, "Velmora Station", 2022, (), ("Teo Vance",)),
    ]
    detect = make_detect(films)
    entry = "The Lantern – A24 has secured North American rights to this horror period piece."
    assert kinds(detect("All The Sundance Acquisitions", entry)) == [
        ("The Lantern", "deal.acquisition")
    ]
    body = (
        "Originally set for June, Velmora Station is now pushed to October 1. Warner Bros "
        "started work on a harbor drama directed by Baz Quint; the movie has been pushed "
        "from October 1 to November 5."
    )
    moved = detect("'Velmora Station' And 'The Harbor' Delayed", body)
    assert ("The Harbor", "release.date_changed") in kinds(moved)
    harbor = [d for d in moved if d.film.title == "The Harbor"]
    assert harbor[0].fields.get("new_date", "").endswith("11-05")


def test_title_case_opening_and_closing_slots_and_photography_beginning() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(detect("'Marrowby Lane' To Open Venice Film Festival")) == [
        ("Marrowby Lane", "release.premiere")
    ]
    assert kinds(detect("'Marrowby Lane' Will Close Sundance")) == [
        ("Marrowby Lane", "release.premiere")
    ]
    assert kinds(detect("'Marrowby Lane' Distributor To Open Road Offices")) == []
    assert kinds(detect("Principal Photography Begins On 'Marrowby Lane'")) == [
        ("Marrowby Lane", "production")
    ]


def test_an_everyday_word_opening_a_longer_name_in_a_title_case_headline() -> None:
    films = [
        FilmProfile(1, "Kings", 2017, (), ("Halle Berry",)),
        FilmProfile(2, "Spiral", 2021, (), ("Chris Rock",)),
        FilmProfile(3, "Hope", 2025, (), ("Na Hong-jin",)),
    ]
    detect = make_detect(films)
    assert kinds(detect("Kings Of Leon Doc Lands At Netflix")) == []
    assert kinds(detect("Spiral Staircase Thriller Heads To Netflix")) == []
    assert kinds(detect("Hope Floats Sequel Lands At Netflix")) == []
    assert kinds(detect("Kings Trailer: Halle Berry In The 1992 Riots")) == [("Kings", "trailer")]
    assert kinds(detect("Horror Film Spiral Heads To Netflix")) != []


def test_directed_and_starring_describes_the_film_rather_than_crediting_it() -> None:
    matcher = FilmMatcher(PREMIERE_FILMS)
    described = "The Quint directed and starring Marrowby Lane will now go on Nov. 3."
    found_mentions = matcher.mentions(split_sentences("", described))
    assert [(m.film.title, m.credit) for m in found_mentions] == [("Marrowby Lane", False)]
    credited = "Mara Quint, who directed Marrowby Lane, has a new project."
    found_mentions = matcher.mentions(split_sentences("", credited))
    assert [(m.film.title, m.credit) for m in found_mentions] == [("Marrowby Lane", True)]


def test_a_count_of_films_announces_the_films_the_next_sentence_lists() -> None:
    films = [*PREMIERE_FILMS, FilmProfile(3, "Quarry Bells", 2025, (), ())]
    detect = make_detect(films)
    body = (
        "Neon has picked up the North American rights to three popular Danish films. "
        "'Marrowby Lane,' 'Velmora Station' and 'Quarry Bells' are based on bestselling books."
    )
    deals = [
        d for d in detect("Neon Buys A Danish Trilogy", body) if str(d.kind) == "deal.acquisition"
    ]
    assert sorted((d.film.title, d.fields.get("buyer")) for d in deals) == [
        ("Marrowby Lane", "Neon"),
        ("Quarry Bells", "Neon"),
        ("Velmora Station", "Neon"),
    ]
    # A count that does not match the list announces nothing.
    two = body.replace("three popular", "two popular")
    assert [
        d for d in detect("Neon Buys A Danish Pair", two) if str(d.kind) == "deal.acquisition"
    ] == []


def test_a_possessive_film_at_the_start_of_a_sentence_refers_back() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Marrowby Lane won big at the festival. Quint's film opens in theaters on May 5."
    assert ("Marrowby Lane", "release.date_announced") in kinds(detect("Festival Wrap", body))


def test_a_trailer_after_a_longer_work_named_after_the_film_is_that_works() -> None:
    detect = make_detect(PREMIERE_FILMS)
    game = "'Marrowby Lane' Comes To Roblox In 'Marrowby Lane: Escape' [Trailer]"
    assert kinds(detect(game)) == []
    assert kinds(detect("'Marrowby Lane' Comes To Theaters In May [Trailer]")) == [
        ("Marrowby Lane", "trailer")
    ]


def test_wraps_and_a_persons_earlier_films_after_from() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(
        detect("Production Wraps In Costa Rica On Supernatural Drama 'Marrowby Lane'")
    ) == [("Marrowby Lane", "production")]
    assert kinds(detect("Mara Quint's 'Marrowby Lane' Wraps In London For Neon")) == [
        ("Marrowby Lane", "production")
    ]
    assert kinds(detect("Sundance Wraps In Park City As 'Marrowby Lane' Wins")) == []
    cast = "Cast announced includes Ida Rendon from Marrowby Lane, Velmora Station."
    assert kinds(detect("A New Horror Film Wraps", cast)) == []


def test_quotes_around_a_subtitle_mark_the_whole_title() -> None:
    matcher = FilmMatcher([FilmProfile(1, "Night Harbor: Across the Dark Water", 2026, (), ())])

    def names(title: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title))})

    assert names("Night Harbor: 'Across The Dark Water' Dated") == [
        "Night Harbor: Across the Dark Water"
    ]
    assert names("Night Harbor: Across The Dark Water Dated") == []


def test_release_wording_right_after_an_everyday_title_marks_it() -> None:
    matcher = FilmMatcher([FilmProfile(1, "Good Sex", 2026, (), ("Lena Dunham",))])

    def names(title: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title))})

    assert names("Good Sex Gets March 2027 Release Date") == ["Good Sex"]
    assert names("Good Sex Pushed To 2027") == ["Good Sex"]
    assert names("Good Sex Release Date Set For March 2027") == ["Good Sex"]
    assert names("Good Sex Gets Better With Age, Study Says") == []
    assert names("Good Sex Release Date Change Moves Expected") == []


def test_a_film_joining_a_festival_section_is_not_casting() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "Velmora Station, which premiered at Berlin, joins the Spotlight section."
    assert kinds(detect("Sundance Adds Titles", body)) == []
    assert kinds(detect("Casting", "Ida Brook joins the cast of Velmora Station.")) == [
        ("Velmora Station", "production")
    ]


def test_from_the_director_of_and_follows_up_credit_the_earlier_film() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = "The film, from the director of Velmora Station, opens May 5."
    assert kinds(detect("A24 Dates 'Marrowby Lane' For May 5", body)) == [
        ("Marrowby Lane", "release.date_announced")
    ]
    follow = "Mara Quint follows up Velmora Station with Marrowby Lane."
    found_mentions = FilmMatcher(PREMIERE_FILMS).mentions(split_sentences("", follow))
    assert [(m.film.title, m.credit) for m in found_mentions] == [
        ("Velmora Station", True),
        ("Marrowby Lane", False),
    ]


def test_numbers_six_to_ten_are_written_either_way() -> None:
    matcher = FilmMatcher(
        [FilmProfile(1, "Harbor's Eight", 2026, (), ()), FilmProfile(2, "Malcolm X", 1992, (), ())]
    )

    def names(title: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title))})

    assert names("'Harbor's 8' Sets Summer Date") == ["Harbor's Eight"]
    assert names("'Malcolm 10' Sets Summer Date") == []


def test_festival_bound_is_a_premiere_to_come() -> None:
    detect = make_detect(PREMIERE_FILMS)
    found_events = kinds(detect("Cannes-Bound 'Marrowby Lane' Gets First Trailer"))
    assert sorted(found_events) == [
        ("Marrowby Lane", "release.premiere"),
        ("Marrowby Lane", "trailer"),
    ]
    assert kinds(detect("Oscar-Bound 'Marrowby Lane' Gets First Trailer")) == [
        ("Marrowby Lane", "trailer")
    ]


def test_commentary_on_a_trailer_already_out_is_no_trailer_news() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(detect("'Marrowby Lane' Trailer Breakdown: 10 Details You Missed")) == []
    assert kinds(detect("'Marrowby Lane' Trailer Sets Record With 200M Views")) == []
    recalled = "The trailer for Marrowby Lane, released last month, has 40 million views."
    assert kinds(detect("Trailer Watch", recalled)) == []
    assert kinds(detect("'Marrowby Lane' Trailer: Ida Brook Returns")) == [
        ("Marrowby Lane", "trailer")
    ]


def test_bullet_items_are_sentences_and_read_more_links_are_not_news() -> None:
    detect = make_detect(PREMIERE_FILMS)
    body = (
        "Marrowby Lane will premiere in theaters on May 12. -Neon is partnering on the "
        "release of Velmora Station. READ MORE: Rundown: A24 Picks Up 'Marrowby Lane' and "
        "More -Neon has acquired Velmora Station."
    )
    found_events = detect("Film Acquisition Rundown", body)
    dated = [d.film.title for d in found_events if str(d.kind) == "release.date_announced"]
    assert dated == ["Marrowby Lane"]
    deals = [
        (d.film.title, d.fields.get("buyer"))
        for d in found_events
        if str(d.kind) == "deal.acquisition"
    ]
    assert deals == [("Velmora Station", "Neon")]


def test_a_verb_about_films_in_general_is_about_no_film_named_before_it() -> None:
    detect = make_detect(PREMIERE_FILMS)
    assert kinds(detect("'Marrowby Lane' Effect: Studios Move Films To Summer")) == []
    assert kinds(detect("'Marrowby Lane' Sells To IFC Films")) == [
        ("Marrowby Lane", "deal.acquisition")
    ]
    listed = kinds(detect("Neon Buys Two Films: 'Marrowby Lane' And 'Velmora Station'"))
    assert sorted(listed) == [
        ("Marrowby Lane", "deal.acquisition"),
        ("Velmora Station", "deal.acquisition"),
    ]


def test_a_capitalised_short_title_after_its_own_persons_possessive_is_the_film() -> None:
    matcher = FilmMatcher([FilmProfile(7, "Us", 2019, (), ("Jordan Peele",))])

    def names(summary: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences("", summary))})

    assert names("Jordan Peele's US is now on Blu-ray.") == ["Us"]
    assert names("The president's US tour begins in May.") == []
    assert names("US bases are closing.") == []


def test_a_possessive_marks_a_title_only_when_its_owner_is_a_name() -> None:
    matcher = FilmMatcher(
        [FilmProfile(1, "Super", 2010, (), ("James Gunn",)), FilmProfile(2, "Heat", 1995, (), ())]
    )

    def names(title: str) -> list[str]:
        return sorted({m.film.title for m in matcher.mentions(split_sentences(title))})

    assert names("More From The Weekend's Super Bowl Ads") == []
    assert names("This Year's Heat Wave Hits Theaters") == []
    assert names("Neon's Heat Sets Summer Date") == ["Heat"]
    assert names("20th Century's Heat Leaves The Calendar") == ["Heat"]
