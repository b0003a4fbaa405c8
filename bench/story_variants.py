"""Evidence tried on top of the shipped article-to-story score (issue 4), on ECB+ train/dev,
BASIL and NeuS.

Each variant adds weighted features to `story_score` (the shipped channels stay as they
are; a negative weight on a channel's name takes from it): place or person names shared or
not (anywhere, or in the first three sentences), the story's own cohesion (an adaptive
threshold), its size, the similarity to its first article, day-precision dates stated,
quantities that clash (3 boats against 2; anywhere, or in both leads), calendar days and
weekdays named (the `when_*` rows were measured before the shipped days channel existed,
which they would now double), the leads' names as a channel, days shared counted per
article rather than by cosine. The threshold is tuned on ECB+ train only, over `--orders`
shuffled orders; BASIL and NeuS stream by date at that threshold. `logistic` instead fits
a logistic regression of "the story is the article's gold story" on the channels and all
features, from candidates the shipped index scored on ECB+ train (other orders), and uses
its log-odds as the score; `logistic (decisions)` fits only each article's best-scored
candidate (the decision the index makes) and keeps the time penalty by hand.

    .venv/bin/python bench/story_variants.py [--orders 6] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
from story_data import annotated
from story_metrics import Scores, score

from newsweave.model import AnnotatedArticle
from newsweave.stories import ArticleFeatures, StoryIndex, extract_features
from newsweave.stories.features import ACTOR_LABELS
from newsweave.stories.profile import ArticleVectors, StoryState
from newsweave.stories.scoring import (
    date_agreement,
    day_agreement,
    gap_days,
    sparse_dot,
    story_score,
    unit_vector,
    year_agreement,
)

FEATURES = (
    "place_hit",
    "place_miss",
    "person_hit",
    "person_miss",
    "cohesion",
    "singleton",
    "log_size",
    "first_article",
    "day_dates",
    "day_dates_hit",
    "lead_place_miss",
    "lead_person_miss",
    "lead_name_miss",
    "number_clash",
    "when_all",
    "when_lead",
    "days_only",
    "when_weekdays",
    "lead_number_clash",
    "lead_names",
    "lead_name_miss_idf",
    "days_any",
    "days_max",
    "days_dot",
    "days_timed",
    "no_when",
)
# Kinds of "when" keys (see `when_sets`), in the order of the when_* features above.
_WHEN_KINDS = 4
VARIANTS: dict[str, dict[str, float]] = {
    "shipped": {},
    "place mismatch -0.05": {"place_miss": -0.05},
    "place mismatch -0.1": {"place_miss": -0.1},
    "place shared +0.05": {"place_hit": 0.05},
    "person mismatch -0.05": {"person_miss": -0.05},
    "person mismatch -0.1": {"person_miss": -0.1},
    "person shared +0.05": {"person_hit": 0.05},
    "cohesion -0.3 (adaptive threshold)": {"cohesion": -0.3},
    "cohesion -0.5": {"cohesion": -0.5},
    "singleton -0.05": {"singleton": -0.05},
    "log size +0.02": {"log_size": 0.02},
    "first article 0.3": {"first_article": 0.3},
    "first article 0.5": {"first_article": 0.5},
    "day dates +-0.05": {"day_dates": 0.05},
    "day dates +0.05 if shared": {"day_dates_hit": 0.05},
    "lead places, none shared -0.05": {"lead_place_miss": -0.05},
    "lead places, none shared -0.1": {"lead_place_miss": -0.1},
    "lead persons, none shared -0.05": {"lead_person_miss": -0.05},
    "lead persons, none shared -0.1": {"lead_person_miss": -0.1},
    "lead names, none shared -0.05": {"lead_name_miss": -0.05},
    "lead names, none shared -0.1": {"lead_name_miss": -0.1},
    "number clash -0.05": {"number_clash": -0.05},
    "number clash -0.1": {"number_clash": -0.1},
    "when (days, weekdays in text) 0.05": {"when_all": 0.05},
    "when (days, weekdays in text) 0.1": {"when_all": 0.1},
    "when (days, weekdays in text) 0.15": {"when_all": 0.15},
    "when (days, weekdays in text) 0.2": {"when_all": 0.2},
    "when (days, weekdays in lead) 0.05": {"when_lead": 0.05},
    "when (days, weekdays in lead) 0.1": {"when_lead": 0.1},
    "when, full dates' weekdays too, 0.1": {"when_weekdays": 0.1},
    "quantities in both leads, same unit, no value shared -0.05": {"lead_number_clash": -0.05},
    "quantities in both leads, same unit, no value shared -0.1": {"lead_number_clash": -0.1},
    "quantities in both leads, same unit, no value shared -0.2": {"lead_number_clash": -0.2},
    "lead names, mean cosine 0.1": {"lead_names": 0.1},
    "lead names, mean cosine 0.2": {"lead_names": 0.2},
    "lead names, mean cosine 0.2, whole-text names 0.3": {"lead_names": 0.2, "entities": -0.1},
    "days named, +1 when any shared (sum clipped), 0.1": {"days": -0.1, "days_any": 0.1},
    "days named, +1 when any shared (most shared key), 0.1": {"days": -0.1, "days_max": 0.1},
    "days named, mean cosine only (no -1 side), 0.1": {"days_timed": 0.05, "days": -0.05},
    "days named, the agreement's -1 side halved": {"days_timed": 0.05},
    "undated, neither years nor days agree or clash, -0.025": {"no_when": -0.025},
    "undated, neither years nor days agree or clash, -0.05": {"no_when": -0.05},
    "days stated 0.05": {"days_only": 0.05},
    "days stated 0.1": {"days_only": 0.1},
}

THRESHOLDS = (0.275, 0.3, 0.325, 0.35)
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CHANNELS = ("dense", "lexical", "entities", "numbers", "years", "days")

_LEAD = 3  # sentences: the lead names the event's own actors and place

Featured = list[tuple[ArticleFeatures, str]]
NameSets = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
Names = Mapping[str, NameSets]
_NO_NAMES: NameSets = (frozenset(), frozenset(), frozenset(), frozenset())


def _names(note: AnnotatedArticle, labels: frozenset[str], lead: bool = False) -> frozenset[str]:
    """Case-folded names with these labels (persons by surname in the lead, so "Jackson"
    meets "Vincent Jackson"); only the first `_LEAD` sentences' when `lead`."""
    return frozenset(
        m.text.casefold().rsplit(" ", 1)[-1] if lead and m.label == "PERSON" else m.text.casefold()
        for m in note.entities
        if m.label in labels and (not lead or m.sentence < _LEAD)
    )


def name_sets(note: AnnotatedArticle) -> NameSets:
    """Places and persons named anywhere, then in the lead."""
    people = frozenset({"PERSON"})
    return (
        _names(note, _PLACES),
        _names(note, people),
        _names(note, _PLACES, lead=True),
        _names(note, people, lead=True),
    )


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
WhenSets = tuple[frozenset[str], ...]


def when_sets(note: AnnotatedArticle) -> WhenSets:
    """Calendar days stated (month-day, with or without a year) with the weekdays named in
    the text, then in the lead, then the days alone, then as the first with the weekday of
    each full date added (2 May 2013 is a Thursday)."""
    days = frozenset(
        f"{d.value.month:02d}-{d.value.day:02d}"
        for d in note.dates
        if d.value is not None and d.value.month and d.value.day
    )
    text = note.article.text.lower()
    lead = " ".join(s.text for s in note.sentences[:_LEAD]).lower()
    weekdays = frozenset(
        date(d.value.year, d.value.month, d.value.day).strftime("%A").lower()
        for d in note.dates
        if d.value is not None and d.value.year and d.value.month and d.value.day
    )
    return (
        days | frozenset(_WEEKDAY.findall(text)),
        days | frozenset(_WEEKDAY.findall(lead)),
        days,
        days | frozenset(_WEEKDAY.findall(text)) | weekdays,
    )


LeadSets = tuple[frozenset[str], frozenset[str]]


def lead_sets(note: AnnotatedArticle) -> LeadSets:
    """The exact quantities with a word unit ("6.1 quake", "4 robbers") and the names
    (persons by surname) of the first `_LEAD` sentences: the event's own figures and actors."""
    numbers = frozenset(
        f"{q.low:g} {q.unit}"
        for q in note.quantities
        if q.sentence < _LEAD
        and q.unit
        and not q.is_approximate
        and q.low == q.high
        and len(q.unit) >= 3
        and q.unit.replace(" ", "").isalpha()
    )
    names = frozenset(
        m.text.casefold().rsplit(" ", 1)[-1] if m.label == "PERSON" else m.text.casefold()
        for m in note.entities
        if m.sentence < _LEAD and m.label in ACTOR_LABELS and len(m.text) >= 2
    )
    return numbers, names


def _miss(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """1 when both name some and none is shared, else 0."""
    return float(bool(mine and theirs and not mine & theirs))


@dataclass(slots=True)
class ProbedIndex(StoryIndex):
    """The shipped index, its score plus `extra` (features -> added score) or replaced by
    `replace_score`; `seen` collects (channels + features, is gold story) when given."""

    names: Names = field(default_factory=dict)
    when: Mapping[str, WhenSets] = field(default_factory=dict)
    leads: Mapping[str, LeadSets] = field(default_factory=dict)
    extra: Mapping[str, float] = field(default_factory=dict)
    replace_score: Callable[[list[float]], float] | None = None
    gold: Mapping[str, str] = field(default_factory=dict)
    seen: list[tuple[list[float], float]] | None = None
    # Collect only the best-scored candidate of each article (the join decision) into `seen`.
    seen_top: bool = False
    pending_: list[tuple[float, list[float], float]] = field(default_factory=list)
    story_names_: dict[str, NameSets] = field(default_factory=dict)
    first_: dict[str, StoryState] = field(default_factory=dict)
    story_gold_: dict[str, Counter[str]] = field(default_factory=dict)
    # Per "when" kind: story -> (sum of its articles' unit key vectors, articles stating any).
    story_when_: dict[str, list[tuple[Counter[str], int]]] = field(default_factory=dict)
    # Story -> counts of its articles' lead quantities; sum of their unit lead-name vectors.
    story_lead_numbers_: dict[str, Counter[str]] = field(default_factory=dict)
    story_lead_names_: dict[str, Counter[str]] = field(default_factory=dict)
    # Story -> how many of its articles name each day or weekday (the shipped `days`).
    story_days_: dict[str, Counter[str]] = field(default_factory=dict)

    def score(self, state: StoryState, features: ArticleFeatures, vectors: ArticleVectors) -> float:
        base = story_score(state, features, vectors, self.weights, window_days=self.window_days)
        row = self.features(state, features, vectors, base)
        if self.seen is not None:
            majority = self.story_gold_[state.id].most_common(1)[0][0]
            label = float(majority == self.gold[features.id])
            if self.seen_top:
                self.pending_.append((base, row, label))
            else:
                self.seen.append((row, label))
        if self.replace_score is not None:
            # ECB+ has no publication dates to learn the time weight from: it stays by hand.
            gap = gap_days(state, features.published) / self.window_days
            return self.replace_score(row) - self.weights.time * gap
        named = dict(zip(_CHANNELS + FEATURES, row, strict=True))
        return base + sum(w * named[name] for name, w in self.extra.items())

    def features(
        self, state: StoryState, f: ArticleFeatures, vectors: ArticleVectors, base: float
    ) -> list[float]:
        n = max(state.n_articles, 1)
        channels = [
            float(state.centroid @ f.vector),
            sparse_dot(vectors.terms, state.terms) / n,
            sparse_dot(vectors.entities, state.entity_sums) / n,
            sparse_dot(vectors.numbers, state.number_sums) / n,
            year_agreement(state.dates, f.dates) if f.published is None else 0.0,
            day_agreement(state, vectors.days) if f.published is None and vectors.days else 0.0,
        ]
        places, people, lead_places, lead_people = self.names[f.id]
        story_places, story_people, story_lead_places, story_lead_people = self.story_names_.get(
            state.id, _NO_NAMES
        )
        first = self.first_.get(state.id)
        days = frozenset(d for d in f.dates if len(d) == 10)
        day = date_agreement({d: k for d, k in state.dates.items() if len(d) == 10}, days)
        return [
            *channels,
            float(bool(places & story_places)),
            float(bool(places and story_places and not places & story_places)),
            float(bool(people & story_people)),
            float(bool(people and story_people and not people & story_people)),
            _cohesion(state) - 0.5 if n >= 2 else 0.0,
            float(n == 1),
            math.log(n),
            0.0 if first is None else self._base(first, f, vectors) - base,
            day,
            max(day, 0.0),
            _miss(lead_places, story_lead_places),
            _miss(lead_people, story_lead_people),
            _miss(lead_places | lead_people, story_lead_places | story_lead_people),
            number_clash(state.numbers, f.numbers),
            *self._when(state.id, f, n),
            *self._leads(state.id, f, n),
            *self._days_shared(state, f, n),
        ]

    def _days_shared(self, state: StoryState, f: ArticleFeatures, n: int) -> list[float]:
        """The days channel with +1 for a story article sharing any day rather than by cosine
        (an article naming five days, one of them the story's, scores -0.1 by cosine): the
        number sharing one taken as the clipped sum of the shared keys' counts, or the count
        of the most shared key."""
        if f.published is not None:
            return [0.0, 0.0, 0.0, 0.0, 0.0]
        years = year_agreement(state.dates, f.dates) if state.dated else 0.0
        no_when = float(not years and not (f.days and state.timed))
        if not f.days:
            return [0.0, 0.0, 0.0, 0.0, no_when]
        counts = self.story_days_.get(state.id, Counter())
        shared = [counts[k] for k in f.days if k in counts]
        timed = state.timed
        dot = sparse_dot(unit_vector(dict.fromkeys(f.days, 1.0)), state.day_sums)
        return [
            (2 * min(sum(shared), timed) - timed) / n,
            (2 * max(shared, default=0) - timed) / n,
            dot / n,
            timed / n,
            no_when,
        ]

    def _leads(self, story: str, f: ArticleFeatures, n: int) -> list[float]:
        """Lead quantity clash, lead names' mean cosine, lead names none shared (IDF-weighted
        share of the article's lead names the story's leads lack, when both name some)."""
        if not self.leads:
            return [0.0, 0.0, 0.0]
        numbers, names = self.leads[f.id]
        story_names = self.story_lead_names_.get(story, Counter())
        cosine = sum(story_names[k] for k in names) / math.sqrt(len(names)) / n if names else 0.0
        weight = {k: self.idf("e:" + k) for k in names}
        missing = sum(w for k, w in weight.items() if k not in story_names)
        miss = missing / sum(weight.values()) if names and story_names else 0.0
        clash = number_clash(self.story_lead_numbers_.get(story, Counter()), numbers)
        return [clash, cosine, miss]

    def _when(self, story: str, f: ArticleFeatures, n: int) -> list[float]:
        """Per kind, for an undated article stating some: the mean over the story's articles
        of +1 (a key shared) or -1 (keys stated, none shared), 0 for those stating none."""
        if f.published is not None or not self.when:
            return [0.0] * _WHEN_KINDS
        sums = self.story_when_.get(story, [(Counter(), 0)] * _WHEN_KINDS)
        out = []
        for keys, (summed, timed) in zip(self.when[f.id], sums, strict=True):
            if not keys:
                out.append(0.0)
                continue
            dot = sum(summed[k] for k in keys) / math.sqrt(len(keys))
            out.append((2 * dot - timed) / n)
        return out

    def _base(self, state: StoryState, f: ArticleFeatures, vectors: ArticleVectors) -> float:
        return story_score(state, f, vectors, self.weights, window_days=self.window_days)

    def place(self, f: ArticleFeatures) -> str:
        self.pending_ = []
        assignment = self.assign_features(f)
        if self.seen is not None and self.pending_:
            _, row, label = max(self.pending_, key=lambda x: x[0])
            self.seen.append((row, label))
        story = assignment.story_id
        if assignment.is_new_story:
            self.first_[story] = self.stories_[story]
        theirs = self.story_names_.get(story, _NO_NAMES)
        mine = self.names[f.id]
        self.story_names_[story] = tuple(a | b for a, b in zip(theirs, mine, strict=True))  # type: ignore[assignment]
        self.story_gold_.setdefault(story, Counter())[self.gold[f.id]] += 1
        self.story_days_.setdefault(story, Counter()).update(f.days)
        if self.leads:
            numbers, names = self.leads[f.id]
            self.story_lead_numbers_.setdefault(story, Counter()).update(numbers)
            if names:
                self.story_lead_names_.setdefault(story, Counter()).update(
                    dict.fromkeys(names, 1 / math.sqrt(len(names)))
                )
        if self.when:
            sums = self.story_when_.setdefault(story, [(Counter(), 0)] * _WHEN_KINDS)
            for kind, keys in enumerate(self.when[f.id]):
                if keys:
                    summed, timed = sums[kind]
                    summed = summed + Counter(dict.fromkeys(keys, 1 / math.sqrt(len(keys))))
                    sums[kind] = (summed, timed + 1)
        return story


def _cohesion(state: StoryState) -> float:
    """The story's mean pairwise similarity in the shipped mix: from its sums of unit vectors."""
    n = state.n_articles
    pairs = n * (n - 1)
    centroid = state.centroid * n
    dense = (float(centroid @ centroid) - n) / pairs
    terms = (sum(v * v for v in state.terms.values()) - n) / pairs
    names = (sum(v * v for v in state.entity_sums.values()) - n) / pairs
    return 0.3 * dense + 0.4 * terms + 0.4 * names


def number_clash(story: Mapping[str, int], article: frozenset[str]) -> float:
    """The share of units both state ("boats", "usd") for which no value is stated by both
    (3 boats against 2): 0 when they share none."""
    mine, theirs = _values_by_unit(article), _values_by_unit(story)
    shared = [unit for unit in mine if unit in theirs]
    if not shared:
        return 0.0
    return sum(1 for unit in shared if not mine[unit] & theirs[unit]) / len(shared)


def _values_by_unit(keys: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in keys:
        value, _, unit = key.partition(" ")
        if len(unit) >= 3 and unit.replace(" ", "").isalpha():  # not "25 am", "1 it"
            out.setdefault(unit, set()).add(value)
    return out


WHEN: dict[str, WhenSets] = {}
LEADS: dict[str, LeadSets] = {}


def run(items: Featured, names: Names, threshold: float, order: int | None, **kw: object) -> Scores:
    """One pass: `order` seeds a shuffle; None streams by publication date."""
    ordered = list(items)
    if order is None:
        ordered.sort(key=lambda x: (x[0].published or _EPOCH, x[0].id))
    else:
        random.Random(order).shuffle(ordered)  # noqa: S311 - a reproducible order
    gold = {f.id: g for f, g in items}
    index = ProbedIndex(
        threshold=threshold,
        window_days=10.0,
        names=names,
        when=WHEN,
        leads=LEADS,
        gold=gold,
        **kw,  # type: ignore[arg-type]
    )
    predicted = {f.id: index.place(f) for f, _ in ordered}
    return score(predicted, gold)


def mean_run(items: Featured, names: Names, threshold: float, orders: int, **kw: object) -> Scores:
    runs = [run(items, names, threshold, o, **kw) for o in range(orders)]
    return Scores(*(float(np.mean([getattr(r, k) for r in runs])) for k in Scores.__slots__))


def fit_logistic(rows: np.ndarray, labels: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Weights (last: bias) by Newton steps on the L2-regularised log-loss."""
    x = np.hstack([rows, np.ones((len(rows), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, x.T @ (p - labels) + l2 * w)
    return w


def decision_scorer(
    train: Featured, names: Names, columns: int | None = None
) -> tuple[dict[str, object], tuple[float, ...]]:
    """A logistic regression of "the best-scored story is the article's gold story" on that
    story's channels and features (one row per article: the decision the index makes), from
    5 train orders other than the evaluated ones; `columns` keeps the first that many (the
    channels alone: 6). Its weights, rescaled so the four similarity channels weigh as much
    in all as the shipped ones (1.2), replace the hand weights; the time penalty stays as
    shipped and the threshold is tuned as usual."""
    seen: list[tuple[list[float], float]] = []
    for order in range(100, 105):
        run(train, names, 0.3, order, seen=seen, seen_top=True)
    keep = columns or len(seen[0][0])
    rows = np.array([r[:keep] for r, _ in seen])
    w = fit_logistic(rows, np.array([y for _, y in seen]))
    scale = 1.2 / float(np.sum(w[:4]))
    print("  decision rows", len(seen), "positive share", round(np.mean([y for _, y in seen]), 3))
    named = zip(_CHANNELS + FEATURES, w[:keep], strict=False)
    print("  weights (rescaled):", {k: round(float(scale * x), 3) for k, x in named})
    kw: dict[str, object] = {"replace_score": lambda row: scale * float(np.dot(row[:keep], w[:-1]))}
    return kw, (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=6)
    parser.add_argument("--only", nargs="*", help="variant names (default: all, and logistic)")
    args = parser.parse_args()
    names: dict[str, NameSets] = {}
    corpora: dict[str, Featured] = {}
    for corpus in ("ecbplus", "basil", "neus"):
        items = annotated(corpus)
        for note, _ in items:
            names[note.article.id] = name_sets(note)
            WHEN[note.article.id] = when_sets(note)
            LEADS[note.article.id] = lead_sets(note)
        if corpus == "ecbplus":
            for split in ("train", "dev"):
                corpora[split] = [
                    (extract_features(a), g.gold) for a, g in items if g.split == split
                ]
        else:
            corpora[corpus] = [(extract_features(a), g.gold) for a, g in items]
    print(f"train B3 F1 by threshold (mean of {args.orders} orders); dev at the best; BASIL, NeuS")
    chosen = args.only or [
        *VARIANTS,
        "logistic",
        "logistic (decisions)",
        "logistic (decisions, channels)",
    ]
    for name in chosen:
        kw: dict[str, object]
        grid: tuple[float, ...] = THRESHOLDS
        if name == "logistic":
            seen: list[tuple[list[float], float]] = []
            for order in range(100, 105):
                run(corpora["train"], names, 0.3, order, seen=seen)
            w = fit_logistic(np.array([r for r, _ in seen]), np.array([y for _, y in seen]))
            kw = {"replace_score": lambda row, w=w: float(np.dot(row, w[:-1]) + w[-1])}
            grid = (-2.5, -2.0, -1.5, -1.0, -0.5, 0.0)
        elif name == "logistic (decisions)":
            kw, grid = decision_scorer(corpora["train"], names)
        elif name == "logistic (decisions, channels)":
            kw, grid = decision_scorer(corpora["train"], names, columns=len(_CHANNELS))
        else:
            kw = {"extra": VARIANTS[name]}
        tuned = [(t, mean_run(corpora["train"], names, t, args.orders, **kw)) for t in grid]
        best, train = max(tuned, key=lambda ts: ts[1].b3_f1)
        dev = mean_run(corpora["dev"], names, best, args.orders, **kw)
        basil = run(corpora["basil"], names, best, None, **kw)
        neus = run(corpora["neus"], names, best, None, **kw)
        curve = " ".join(f"{t:g}:{s.b3_f1:.3f}" for t, s in tuned)
        print(
            f"{name:36} train {curve} | t {best:g}: train {train.b3_f1:.3f}, dev {dev.b3_f1:.3f} "
            f"(P {dev.b3_p:.3f} R {dev.b3_r:.3f}), BASIL {basil.b3_f1:.3f}, NeuS {neus.b3_f1:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
