"""Row 3: which followed films each article names, the matcher against a naive regex loop.

The articles are real feed items (``tests/data/feeds``) with headlines or sentences naming
followed films put into half of them. The subject is what detection runs on every article:
``FilmMatcher.might_match`` (one Aho-Corasick pass) and, when it fires, ``mentions`` over the
article's sentences. The baseline tests each film's compiled word-boundary regex against
each article. The naive loop would take hours at full size, so it runs on a sample of the
articles and its time is extrapolated (the table says so); on that sample the two must find
exactly the same (article, film) pairs.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Sequence

from benchmarks import corpus
from benchmarks.harness import Row, timed
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.textspan import split_sentences

TARGET_SPEEDUP = 300
Article = tuple[str, str]


def make_articles(count: int, films: Sequence[corpus.FilmSeed], *, seed: int = 5) -> list[Article]:
    """``count`` real items; one in four gets a deal headline and one in four a summary
    sentence naming a film of ``films``."""
    rng = random.Random(seed)
    texts = corpus.real_texts()
    articles: list[Article] = []
    for i in range(count):
        title, summary = texts[i % len(texts)]
        if i % 4 == 0:
            title = corpus.deal_headline(rng.choice(films), rng)
        elif i % 4 == 1:
            film = rng.choice(films)
            summary = f"{summary} The film '{film.title}' premieres at Sundance in January."
        articles.append((title, summary))
    return articles


def matched_by_matcher(matcher: FilmMatcher, articles: Sequence[Article]) -> set[tuple[int, int]]:
    """(article index, film key) pairs the production matcher accepts."""
    found: set[tuple[int, int]] = set()
    for number, (title, summary) in enumerate(articles):
        if not matcher.might_match(f"{title} {summary}"):
            continue
        for mention in matcher.mentions(split_sentences(title, summary)):
            found.add((number, mention.film.key))
    return found


def matched_naively(
    patterns: Sequence[re.Pattern[str]], articles: Sequence[Article]
) -> set[tuple[int, int]]:
    """(article index, film index) pairs where the film's regex finds its title."""
    found: set[tuple[int, int]] = set()
    for number, (title, summary) in enumerate(articles):
        text = f"{title}\n{summary}"
        for key, pattern in enumerate(patterns):
            if pattern.search(text):
                found.add((number, key))
    return found


def run(*, quick: bool, tiny: bool = False) -> list[Row]:
    """Measure the matching row (``tiny``: the smoke test's size)."""
    n_films, n_articles, n_sample = (1_000, 2_000, 100) if quick else (10_000, 20_000, 200)
    if tiny:
        n_films, n_articles, n_sample = 100, 200, 40
    films = corpus.synthetic_films(n_films)
    articles = make_articles(n_articles, films)
    start = time.perf_counter()
    matcher = FilmMatcher(
        FilmProfile(key=i, title=film.title, year=film.year) for i, film in enumerate(films)
    )
    build_s = time.perf_counter() - start
    subject_s, found = timed(lambda: matched_by_matcher(matcher, articles))

    patterns = [re.compile(rf"\b{re.escape(film.title)}\b", re.IGNORECASE) for film in films]
    sample = articles[:n_sample]
    sample_s, naive = timed(lambda: matched_naively(patterns, sample))
    on_sample = {pair for pair in found if pair[0] < n_sample}
    if naive != on_sample:
        raise RuntimeError(
            "the matcher and the naive loop disagree on the sample: "
            f"{sorted(naive - on_sample)[:5]} only naive, "
            f"{sorted(on_sample - naive)[:5]} only matcher"
        )
    naive_s = sample_s * n_articles / n_sample
    speedup = naive_s / subject_s
    return [
        Row(
            f"matching: {n_films:,} films x {n_articles:,} articles",
            subject_s,
            f"naive regex loop (extrapolated from {n_sample} articles)",
            naive_s,
            detail=(
                f"{speedup:,.0f}x faster; {len(found):,} matches, identical on the sample "
                f"({len(naive)}); automaton built in {build_s * 1000:.0f} ms"
            ),
            target=f">= {TARGET_SPEEDUP}x faster",
            met=speedup >= TARGET_SPEEDUP,
        )
    ]
