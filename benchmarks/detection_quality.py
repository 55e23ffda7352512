"""Detection quality: precision and recall per event kind on the labelled news items.

Runs the detector over ``tests/data/detection/dev.jsonl`` (the items the rules were written
against) and ``holdout.jsonl`` (items they were not), with ``films.csv`` as the watchlist,
and prints one table per split. The holdout is reported as aggregate numbers only.

    python -m benchmarks.detection_quality            # both splits
    python -m benchmarks.detection_quality --errors   # also list the dev split's misses

A predicted event is correct when its film and kind match a labelled one and, for deals,
the buyer agrees; for release dates, the date and its precision agree; for date changes,
the new date agrees when one is labelled.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchlist.core.detect.archive import iter_articles_jsonl, load_films_csv
from watchlist.core.detect.extract import Detection, Detector
from watchlist.core.detect.matcher import FilmMatcher
from watchlist.core.detect.taxonomy import EventKind
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
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class SplitResult:
    """Per-kind scores of one split and the dev-only error list."""

    per_kind: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    items: int = 0

    def score(self, kind: str) -> Score:
        return self.per_kind.setdefault(kind, Score())


def _same_buyer(predicted: Any, expected: Any) -> bool:
    if not expected:
        return True
    if not predicted:
        return False
    p, e = normalize_title(str(predicted)), normalize_title(str(expected))
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
        return got.get("date") == fields.get("date") and got.get("precision") == fields.get(
            "precision"
        )
    if expected["kind"] == EventKind.RELEASE_DATE_CHANGED.value and fields.get("new_date"):
        return got.get("new_date") == fields.get("new_date")
    return True


def evaluate(split: str, detector: Detector, *, keep_errors: bool) -> SplitResult:
    """Score one split file."""
    result = SplitResult()
    path = DATA / f"{split}.jsonl"
    with path.open(encoding="utf-8") as stream:
        for article, raw in iter_articles_jsonl(stream, name=path.name):
            result.items += 1
            detections = [d for d in detector.detect(article) if d.film.followed]
            expected = list(raw.get("expected", []))
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
    lines = [f"== {split} ({result.items} items)", f"{'kind':28} {'P':>6} {'R':>6}  tp fp fn"]
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


def main(argv: list[str] | None = None) -> int:
    """Print the per-kind tables for dev and (separately) holdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.detection_quality")
    parser.add_argument("--errors", action="store_true", help="list the dev split's errors")
    parser.add_argument("--split", choices=["dev", "holdout"], action="append")
    args = parser.parse_args(argv)
    films = load_films_csv(DATA / "films.csv")
    detector = Detector(FilmMatcher(films))
    for split in args.split or ["dev", "holdout"]:
        if not (DATA / f"{split}.jsonl").exists():
            print(f"== {split}: no data file", file=sys.stderr)
            continue
        result = evaluate(split, detector, keep_errors=args.errors and split == "dev")
        print(format_result(split, result))
        for line in result.errors:
            print("   " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
