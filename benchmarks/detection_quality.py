"""Detection quality: precision and recall per event kind on the labelled news items.

Runs the detector over every ``tests/data/detection/dev*.jsonl`` (the items the rules were
written against) and every ``holdout*.jsonl`` (items they were not), with ``films.csv`` as the
watchlist, and prints one table per split, then one for all held-out items together. Held-out
splits are reported as aggregate numbers only: their errors are never printed.

    python -m benchmarks.detection_quality                             # every split
    python -m benchmarks.detection_quality --errors                    # also dev's misses
    python -m benchmarks.detection_quality --split dev2 --show-errors  # one dev split's errors

A predicted event is correct when its film and kind match a labelled one and, for deals,
the buyer agrees; for release dates, the date and its precision agree; for date changes,
the new date agrees when one is labelled.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.harness import Row, format_table, machine_line, timed
from watchlist.core.detect.archive import iter_articles_jsonl, load_films_csv
from watchlist.core.detect.extract import ArticleText, Detection, Detector
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.detect.textspan import split_sentences, words
from watchlist.core.text import normalize_title

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "detection"
DEAL_KINDS = {EventKind.DEAL_ACQUISITION.value, EventKind.DEAL_TALKS.value}
DATE_KINDS = {EventKind.RELEASE_DATE_ANNOUNCED.value, EventKind.RELEASE_DATE_CHANGED.value}


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when there are none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled events found (1.0 when there are none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class SplitResult:
    """Per-kind scores of one split and the dev-only error list."""

    per_kind: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    items: int = 0
    # Matching alone: labelled (item, film) pairs whose film the matcher recognised.
    films_expected: int = 0
    films_matched: int = 0

    def score(self, kind: str) -> Score:
        """The counts of one kind, created on first use."""
        return self.per_kind.setdefault(kind, Score())


def _same_buyer(predicted: Any, expected: Any) -> bool:
    if not expected:
        return True
    if not predicted:
        return False
    # "The Orchard" and "Orchard" are one buyer: a leading article is not part of the name.
    p, e = (
        re.sub(r"^(?:the|a|an) ", "", normalize_title(str(name))) for name in (predicted, expected)
    )
    return p == e or p.startswith(e) or e.startswith(p)


def matches(detection: Detection, expected: dict[str, Any]) -> bool:
    """Whether a detection is the labelled event (see the module docstring)."""
    if normalize_title(detection.film.title) != normalize_title(expected["film"]):
        return False
    if str(detection.kind) != expected["kind"]:
        return False
    fields = expected.get("fields", {})
    got = detection.fields
    if expected["kind"] in DEAL_KINDS:
        return _same_buyer(got.get("buyer"), fields.get("buyer"))
    if expected["kind"] == EventKind.RELEASE_DATE_ANNOUNCED.value:
        if got.get("precision") == "season" and fields.get("precision") == "season":
            # A season may be labelled "2027" + season "spring" (the taxonomy) or "2027-spring".
            forms = {str(got.get("date")), f"{got.get('date')}-{got.get('season')}"}
            return str(fields.get("date")) in forms
        return got.get("date") == fields.get("date") and got.get("precision") == fields.get(
            "precision"
        )
    if expected["kind"] == EventKind.RELEASE_DATE_CHANGED.value and fields.get("new_date"):
        return got.get("new_date") == fields.get("new_date")
    return True


def evaluate(
    split: str, detector: Detector, *, keep_errors: bool, into: SplitResult | None = None
) -> SplitResult:
    """Score one split file (adding to ``into`` when given)."""
    result = into if into is not None else SplitResult()
    path = DATA / f"{split}.jsonl"
    with path.open(encoding="utf-8") as stream:
        for article, raw in iter_articles_jsonl(stream, name=path.name):
            result.items += 1
            detections = [d for d in detector.detect(article) if d.film.followed]
            expected = list(raw.get("expected", []))
            sentences = split_sentences(article.title, article.summary)
            named = {normalize_title(m.film.title) for m in detector.matcher.mentions(sentences)}
            wanted = {normalize_title(e["film"]) for e in expected}
            result.films_expected += len(wanted)
            result.films_matched += len(wanted & named)
            unmatched = list(expected)
            for detection in detections:
                hit = next((e for e in unmatched if matches(detection, e)), None)
                if hit is not None:
                    unmatched.remove(hit)
                    result.score(str(detection.kind)).tp += 1
                    continue
                result.score(str(detection.kind)).fp += 1
                if keep_errors:
                    result.errors.append(
                        f"FP {article.id} {detection.film.title} {detection.kind} "
                        f"{detection.fields} <- {detection.evidence[:120]}"
                    )
            for missed in unmatched:
                result.score(missed["kind"]).fn += 1
                if keep_errors:
                    result.errors.append(
                        f"FN {article.id} {missed['film']} {missed['kind']} {missed.get('fields')}"
                    )
    return result


def _group(result: SplitResult, kinds: set[str]) -> Score:
    total = Score()
    for kind in kinds:
        score = result.per_kind.get(kind, Score())
        total.tp += score.tp
        total.fp += score.fp
        total.fn += score.fn
    return total


def format_result(split: str, result: SplitResult) -> str:
    """The table printed for one split."""
    matched = result.films_matched / result.films_expected if result.films_expected else 1.0
    lines = [
        f"== {split} ({result.items} items)",
        f"films recognised where an event is labelled: {matched:.2f} "
        f"({result.films_matched}/{result.films_expected})",
        f"{'kind':28} {'P':>6} {'R':>6}  tp fp fn",
    ]
    for kind in [k.value for k in EventKind]:
        score = result.per_kind.get(kind, Score())
        lines.append(
            f"{kind:28} {score.precision:6.2f} {score.recall:6.2f}  "
            f"{score.tp:2d} {score.fp:2d} {score.fn:2d}"
        )
    for name, kinds in (("deals (acquisition+talks)", DEAL_KINDS), ("release dates", DATE_KINDS)):
        score = _group(result, kinds)
        lines.append(
            f"{name:28} {score.precision:6.2f} {score.recall:6.2f}  "
            f"{score.tp:2d} {score.fp:2d} {score.fn:2d}   target P>=0.95 R>=0.90"
        )
    return "\n".join(lines)


_WORDS = sorted(
    words(
        """studio festival director summer quiet river harbor orchard lantern letter winter
        garden silver northern broken velvet paper glass ember hollow crimson distant"""
    )
)


def _synthetic(n_films: int, n_articles: int) -> tuple[list[FilmProfile], list[ArticleText]]:
    rng = random.Random(7)
    films = [
        FilmProfile(i, f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()} {i}", 2025)
        for i in range(n_films)
    ]
    articles = []
    for i in range(n_articles):
        # One article in ten names a followed film, as in a real poll.
        named = f"'{films[rng.randrange(n_films)].title}'" if i % 10 == 0 else "a new series"
        articles.append(
            ArticleText(
                str(i),
                f"Neon Acquires {named} At Sundance",
                "The distributor paid $5M for worldwide rights after a bidding war. "
                + " ".join(rng.choice(_WORDS) for _ in range(40)),
            )
        )
    return films, articles


def run(*, quick: bool) -> list[Row]:
    """Detection speed: the matcher and rules against a naive films x articles scan."""
    n_films, n_articles = 10_000, (2_000 if quick else 20_000)
    films, articles = _synthetic(n_films, n_articles)
    build_s, detector = timed(lambda: Detector(FilmMatcher(films)))
    subject_s, found = timed(lambda: sum(len(detector.detect(a)) for a in articles))
    sample = articles[: max(1, n_articles // 20)]
    keys = [normalize_title(f.title) for f in films]

    def naive() -> int:
        """Every film against every article: what the automaton avoids."""
        hits = 0
        for article in sample:
            text = f" {normalize_title(article.title + ' ' + article.summary)} "
            hits += sum(1 for key in keys if f" {key} " in text)
        return hits

    naive_s, _ = timed(naive)
    scale = n_articles / len(sample)
    return [
        Row(
            f"detect {n_films:,} films x {n_articles:,} articles",
            build_s + subject_s,
            f"naive scan (x{scale:g} from {len(sample):,})",
            naive_s * scale,
            detail=f"{found} events; matcher built in {build_s:.2f} s",
            target="faster than naive",
            met=build_s + subject_s < naive_s * scale,
        )
    ]


def splits(prefix: str) -> list[str]:
    """The split names of the data files whose name starts with ``prefix``, in order."""
    names = [path.stem for path in DATA.glob(f"{prefix}*.jsonl")]
    return sorted(names, key=lambda name: (len(name), name))


def main(argv: list[str] | None = None) -> int:
    """Print the per-kind tables for the dev splits and (separately) the held-out ones."""
    dev_splits, held_out = splits("dev"), splits("holdout")
    parser = argparse.ArgumentParser(prog="python -m benchmarks.detection_quality")
    parser.add_argument("--errors", action="store_true", help="list the dev split's errors")
    parser.add_argument("--split", choices=[*dev_splits, *held_out], action="append")
    parser.add_argument(
        "--show-errors", action="store_true", help="list the misses and false alarms of --split"
    )
    parser.add_argument("--speed", action="store_true", help="also time 10,000 films")
    parser.add_argument("--quick", action="store_true", help="with --speed: 2,000 articles")
    args = parser.parse_args(argv)
    if args.show_errors and (not args.split or set(held_out) & set(args.split)):
        parser.error("--show-errors needs --split with a dev split (held-out items stay unseen)")
    films = load_films_csv(DATA / "films.csv")
    detector = Detector(FilmMatcher(films))
    chosen = args.split or [*dev_splits, *held_out]
    for split in chosen:
        keep_errors = split not in held_out and (
            args.show_errors or (args.errors and split == "dev")
        )
        result = evaluate(split, detector, keep_errors=keep_errors)
        print(format_result(split, result))
        for line in result.errors:
            print("   " + line)
    chosen_held_out = [split for split in chosen if split in held_out]
    if len(chosen_held_out) > 1:
        combined = SplitResult()
        for split in chosen_held_out:
            evaluate(split, detector, keep_errors=False, into=combined)
        print(format_result("all held-out items", combined))
    if args.speed:
        print(machine_line())
        print(format_table(run(quick=args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
