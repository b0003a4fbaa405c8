"""Citations of the story brief on BASIL triplets and NeuS/AllSides stories.

    .venv/bin/python bench/citations.py [--corpus basil|neus] [--stories 20] [--seed 3]

For each story (a seeded sample of --stories; BASIL: Fox, NYT, HuffPost on one event;
NeuS: left, center and right outlets' excerpts) `compare_story` writes the brief. An
independent checker, the MRPC cross-encoder (compare/cross_encoder.py; the brief's own
alignment uses the static classifier, and since issue 5 the same cross-encoder for the pairs
that classifier is unsure of, so each story's brief is written twice, with and without it),
then reads the articles:
  citation precision  a brief sentence quotes one article and cites others: does each
                      other cited article hold a sentence stating the same fact? (the
                      checker's probability >= its threshold, against the article's three
                      sentences closest by MiniLM cosine)
  sentences supported share of brief sentences whose every cited article holds the fact
  multi-outlet recall facts found in two or more outlets (sentence pairs from different
                      outlets the checker calls one fact, among pairs at cosine >= 0.5),
                      share of them the brief states (a brief sentence is one of the
                      fact's sentences, or the checker matches it to one). The brief has at
                      most 8 sentences, so on long articles this is bounded well below 1.
Only the sampled stories are annotated (newsweave's annotator; articles from bench/story_data.py).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

import numpy as np
from story_data import CORPORA

from newsweave.compare import compare_story
from newsweave.compare.cross_encoder import CrossEncoder
from newsweave.compare.scoring import PairScorer
from newsweave.model import AnnotatedArticle, Article, Story
from newsweave.nlp import Annotator
from newsweave.nlp.embeddings import SentenceEncoder

_CANDIDATES = 3
_MIN_COSINE = 0.5


class Checker:
    """Does a text state the fact of a sentence? Cross-encoder over cosine-pruned candidates."""

    def __init__(self) -> None:
        self.encoder = SentenceEncoder(n_threads=2, batch_size=16)
        self.model = CrossEncoder(n_threads=2)
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> None:
        missing = sorted({t for t in texts if t not in self.vectors})
        if missing:
            self.vectors.update(zip(missing, self.encoder.encode(missing), strict=True))

    def supported(self, sentence: str, candidates: list[str]) -> bool:
        self.encode([sentence, *candidates])
        cosines = [float(self.vectors[sentence] @ self.vectors[c]) for c in candidates]
        best = [candidates[i] for i in np.argsort(cosines)[::-1][:_CANDIDATES]]
        if sentence in best:
            return True
        probability = self.model.probability([(sentence, c) for c in best])
        return bool(len(best) and probability.max() >= self.model.threshold)


def sentences(article: AnnotatedArticle) -> list[str]:
    return [s.text for s in article.sentences if len(s.text.split()) >= 4]


def multi_outlet_facts(articles: list[AnnotatedArticle], checker: Checker) -> list[set[str]]:
    """Groups of sentences from at least two outlets that the checker calls one fact."""
    texts = {a.article.id: sentences(a) for a in articles}
    checker.encode([t for ts in texts.values() for t in ts])
    pairs = []
    ids = list(texts)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            for a in texts[first]:
                for b in texts[second]:
                    if float(checker.vectors[a] @ checker.vectors[b]) >= _MIN_COSINE:
                        pairs.append((a, b))
    probability = checker.model.probability(pairs)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for (a, b), p in zip(pairs, probability, strict=True):
        if p >= checker.model.threshold:
            parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return [g for g in groups.values() if len(g) >= 2]


def story_figures(
    articles: list[AnnotatedArticle],
    checker: Checker,
    facts: list[set[str]],
    *,
    cross_encoder: bool,
) -> tuple[int, ...]:
    """(citations checked, supported, brief sentences, fully supported, facts, covered)."""
    story = Story(id="s", title="bench", article_ids=tuple(a.article.id for a in articles))
    scorer = PairScorer(cross_encoder=cross_encoder)
    brief = compare_story(story, articles, scorer=scorer).brief
    by_id = {a.article.id: a for a in articles}
    n_cited = n_supported = n_whole = 0
    for line in brief:
        others = [i for i in line.article_ids if line.text not in by_id[i].article.text]
        results = [checker.supported(line.text, sentences(by_id[i])) for i in others]
        n_cited += len(results)
        n_supported += sum(results)
        n_whole += all(results)
    stated = [line.text for line in brief]
    covered = sum(
        1 for fact in facts if any(s in fact or checker.supported(s, sorted(fact)) for s in stated)
    )
    return n_cited, n_supported, len(brief), n_whole, len(facts), covered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("basil", "neus"), default="basil")
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    stories: dict[str, list[Article]] = defaultdict(list)
    for gold in CORPORA[args.corpus]():
        stories[gold.gold].append(gold.article)
    multi = sorted(k for k, v in stories.items() if len({a.outlet for a in v}) >= 3)
    rng = random.Random(args.seed)  # noqa: S311 - a seeded sample, not a secret
    chosen = rng.sample(multi, min(args.stories, len(multi)))
    annotator = Annotator(batch_size=16)
    checker = Checker()
    totals = {True: np.zeros(6, dtype=int), False: np.zeros(6, dtype=int)}
    for key in chosen:
        articles = list(annotator.pipe(stories[key]))
        facts = multi_outlet_facts(articles, checker)
        for cross_encoder, total in totals.items():
            total += np.array(story_figures(articles, checker, facts, cross_encoder=cross_encoder))
    for cross_encoder, total in totals.items():
        report(args.corpus, len(chosen), args.seed, total, cross_encoder=cross_encoder)


def report(corpus: str, n: int, seed: int, totals: np.ndarray, *, cross_encoder: bool) -> None:
    cited, supported, lines, whole, facts, covered = (int(x) for x in totals)
    scorer = "with" if cross_encoder else "without"
    print(f"{corpus}: {n} 3-outlet stories (seed {seed}), briefs {scorer} the cross-encoder")
    print(f"brief sentences     {lines}")
    print(
        f"citation precision  {supported / max(1, cited):.3f}  "
        f"({supported}/{cited} other cited articles hold the fact)"
    )
    print(
        f"sentences supported {whole / max(1, lines):.3f}  "
        f"({whole}/{lines} with every citation holding)"
    )
    print(
        f"multi-outlet recall {covered / max(1, facts):.3f}  "
        f"({covered}/{facts} facts in 2+ outlets stated)"
    )


if __name__ == "__main__":
    main()
