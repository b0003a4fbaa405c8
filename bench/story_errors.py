"""The wrong joins and wrong splits of the online index on ECB+ train, with what scored them.

Streams the train topics in shuffled orders (seeds 0..N-1) through the shipped index and,
for each article, records the candidates it scored, per channel. A *wrong join* is an
article that joined a story whose articles are mostly of another subtopic; a *wrong split*
is one that opened a story while a story mostly of its own subtopic was live. Prints the
counts by subtopic pair, how large the story was at the first wrong join, then examples
(both leads, the channels, the names, years and quantities that scored them).

    .venv/bin/python bench/story_errors.py [--orders 5] [--threshold 0.30] [--examples 12]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass, field

from story_data import annotated

from newsweave.stories import ArticleFeatures, StoryIndex, extract_features
from newsweave.stories.profile import ArticleVectors, StoryState
from newsweave.stories.scoring import day_agreement, sparse_dot, story_score, year_agreement


@dataclass(frozen=True, slots=True)
class Candidate:
    story: str
    score: float
    channels: dict[str, float]
    size: int
    majority: str
    shared_names: tuple[str, ...]
    story_years: tuple[str, ...]
    story_numbers: tuple[str, ...]
    story_days: tuple[str, ...]
    story_lead: str


@dataclass(slots=True)
class TracedIndex(StoryIndex):
    """The shipped index, remembering each article's scored candidates."""

    gold: dict[str, str] = field(default_factory=dict)
    scored_: list[Candidate] = field(default_factory=list)
    story_gold_: dict[str, Counter[str]] = field(default_factory=dict)

    def score(self, state: StoryState, features: ArticleFeatures, vectors: ArticleVectors) -> float:
        value = story_score(state, features, vectors, self.weights, window_days=self.window_days)
        n = max(state.n_articles, 1)
        stating = min(state.dated, n) / n
        undated = features.published is None and bool(vectors.days)
        channels = {
            "dense": self.weights.dense * float(state.centroid @ features.vector),
            "lexical": self.weights.lexical * sparse_dot(vectors.terms, state.terms) / n,
            "names": self.weights.entities * sparse_dot(vectors.entities, state.entity_sums) / n,
            "numbers": self.weights.numbers * sparse_dot(vectors.numbers, state.number_sums) / n,
            "years": self.weights.years * stating * year_agreement(state.dates, features.dates),
            "days": self.weights.days * day_agreement(state, vectors.days) if undated else 0.0,
        }
        self.scored_.append(
            Candidate(
                story=state.id,
                score=value,
                channels=channels,
                size=state.n_articles,
                majority=self.story_gold_[state.id].most_common(1)[0][0],
                shared_names=tuple(sorted(k for k in features.entities if k in state.entities)),
                story_years=tuple(sorted({d[:4] for d in state.dates})),
                story_numbers=tuple(sorted(state.numbers)),
                story_days=tuple(sorted(state.day_sums)),
                story_lead=state.lead[:140],
            )
        )
        return value

    def place(self, f: ArticleFeatures) -> tuple[str, bool, list[Candidate]]:
        self.scored_ = []
        assignment = self.assign_features(f)
        self.story_gold_.setdefault(assignment.story_id, Counter())[self.gold[f.id]] += 1
        return assignment.story_id, assignment.is_new_story, self.scored_


def describe(f: ArticleFeatures, gold: str, c: Candidate) -> str:
    channels = " ".join(f"{k} {v:+.3f}" for k, v in c.channels.items())
    return (
        f"  {gold} -> story of {c.size} ({c.majority}), score {c.score:.3f}: {channels}\n"
        f"    article: {f.lead[:140]!r}\n"
        f"    story:   {c.story_lead!r}\n"
        f"    shared names {list(c.shared_names)[:8]}; years article "
        f"{sorted({d[:4] for d in f.dates})} story {list(c.story_years)}; days article "
        f"{sorted(f.days)[:5]} story {list(c.story_days)[:5]}; numbers article "
        f"{sorted(f.numbers)[:5]} story {list(c.story_numbers)[:5]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.30)
    parser.add_argument("--examples", type=int, default=12)
    parser.add_argument("--split", default="train", choices=("train",))
    args = parser.parse_args()
    items = [(extract_features(a), g.gold) for a, g in annotated("ecbplus") if g.split == "train"]
    gold = {f.id: g for f, g in items}
    joins: Counter[tuple[str, str]] = Counter()
    first_join_size: Counter[int] = Counter()
    splits: Counter[str] = Counter()
    examples: list[str] = []
    split_examples: list[str] = []
    for seed in range(args.orders):
        order = list(items)
        random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible order
        index = TracedIndex(threshold=args.threshold, window_days=10.0, gold=gold)
        polluted: set[str] = set()
        for f, g in order:
            story, is_new, scored = index.place(f)
            if is_new:
                own = [c for c in scored if c.majority == g]
                if own:
                    best = max(own, key=lambda c: c.score)
                    splits[g] += 1
                    if len(split_examples) < args.examples:
                        split_examples.append(describe(f, g, best))
                continue
            chosen = max(scored, key=lambda c: c.score)
            if chosen.majority != g:
                joins[(g, chosen.majority)] += 1
                if story not in polluted:
                    polluted.add(story)
                    first_join_size[chosen.size] += 1
                    if len(examples) < args.examples:
                        runner = sorted(scored, key=lambda c: -c.score)[1:2]
                        own = [c for c in runner if c.majority == g]
                        text = describe(f, g, chosen)
                        if own:
                            text += f"\n    runner-up is its own subtopic at {own[0].score:.3f}"
                        examples.append(text)
    print(f"ECB+ train, {args.orders} orders, threshold {args.threshold}")
    print(f"wrong joins: {sum(joins.values())} (per order {sum(joins.values()) / args.orders:.1f})")
    for (a, b), n in joins.most_common(15):
        print(f"  {a} into {b}: {n}")
    print("story size at its first wrong join:", dict(sorted(first_join_size.items())))
    print(f"wrong splits: {sum(splits.values())}; most: {splits.most_common(10)}")
    print("\nfirst wrong joins:")
    print("\n".join(examples))
    print("\nwrong splits (the own-subtopic story that scored best):")
    print("\n".join(split_examples))


if __name__ == "__main__":
    main()
