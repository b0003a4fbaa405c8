"""Does an article state the fact of a sentence? The claim-level checker of bench/citations.py.

MRPC, which the cross-encoder learnt from, calls a pair one fact only when neither sentence
adds anything: a cited article that states the fact inside a longer sentence, or with less
detail, reads as "not the same". This checker asks whether the article *contains* the fact:

1. Units. The sentence is cut into its main claim (compare/atomic's parse, relative clauses
   and appositions left out), that claim without its attribution ("X said Y" -> "Y"), and
   that core's clauses (split at commas, semicolons, colons, dashes and brackets; four words
   or more). Each article sentence is cut the same way (its claims, their cores and
   clauses), so "He looks forward to being vindicated" can meet "I look forward to being
   vindicated, he added, then flashed V-signs".
2. Paraphrase route. The PARAPHRASE_PAIRS (sentence unit, article unit) pairs closest by
   MiniLM cosine are read by the cross-encoder in both orders; the fact holds when the
   higher probability reaches the cross-encoder's own threshold (chosen on MRPC train).
3. Containment route. Otherwise the fact holds when the core's MiniLM cosine to its closest
   article unit reaches CONTAINMENT_COSINE, so long as the sentence's quotation (if it quotes
   three words or more) has at least half its content words in two adjacent article
   sentences: a quote is a fact only its own words state.
4. Either route refuses a pair whose units differ in negation ("Not a one defended him" vs
   "Mr. McCain defended him"), which the cross-encoder misses.

CONTAINMENT_COSINE was chosen on the calibration half of the hand audit only
(`bench/citations.py --calibrate`: five BASIL stories); the other half and NeuS are held out.

What it shares with the brief it checks: compare/atomic's claim parse, compare/attribution's
split and the cross-encoder's weights (the brief's scorer asks that model about the pairs its
static classifier is unsure of). What it does not: the static vectors and classifier, the
inclusion score with its shared-fact bonus, the best-match rule and the groups the brief's
alignment forms; candidates here come from MiniLM sentence vectors, which the brief never
uses. So the two can still agree for one reason, the cross-encoder; the containment route
and the hand audit are what does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.compare.atomic import load_parser, may_split, split_sentence, whole_sentence
from newsweave.compare.attribution import split_attribution
from newsweave.compare.cross_encoder import CrossEncoder
from newsweave.compare.verdict import content_words
from newsweave.nlp.embeddings import SentenceEncoder

__all__ = ["CONTAINMENT_COSINE", "ClaimChecker", "Finding"]

# Chosen by `bench/citations.py --calibrate` on the audit's calibration half (see above).
CONTAINMENT_COSINE = 0.625
PARAPHRASE_PAIRS = 12
SAME_FACT_PAIRS = 4
_MIN_CLAUSE_WORDS = 4
_MIN_QUOTE_WORDS = 3
_QUOTE_COVER = 0.5
_CLAUSE = re.compile(r"\s*(?:[,;:()]|\s[—–―-]\s)\s*")
_QUOTE = re.compile(r"[“\"]([^”\"]{8,})[”\"]")
_NEGATION = re.compile(
    r"\b(?:not|no|never|nobody|none|nothing|neither|nor|without)\b|n[’']t\b", re.I
)


@dataclass(frozen=True, slots=True)
class Finding:
    """What the checker found for one sentence in one article.

    `paraphrase`: the cross-encoder's best probability over the pairs read (0 when refused);
    `containment`: the core's best MiniLM cosine (0 when the quote or negation test fails);
    `evidence`: the article unit behind the deciding score.
    """

    holds: bool
    paraphrase: float
    containment: float
    evidence: str | None


class ClaimChecker:
    """Judge whether articles (lists of sentences, in order) state a sentence's fact.

    Args:
        containment_cosine: least MiniLM cosine of the containment route.
        threads: ONNX Runtime threads for MiniLM and the cross-encoder.
    """

    def __init__(self, *, containment_cosine: float = CONTAINMENT_COSINE, threads: int = 2):
        self.containment_cosine = containment_cosine
        self.threads = threads
        self.vectors_: dict[str, np.ndarray] = {}
        self.units_: dict[str, list[str]] = {}
        self.spans_: dict[str, list[str]] = {}
        self.probabilities_: dict[tuple[str, str], float] = {}

    def check(self, sentence: str, article: Sequence[str]) -> Finding:
        return self.check_many([(sentence, article)])[0]

    def check_many(
        self, items: Sequence[tuple[str, Sequence[str]]], *, n_pairs: int = PARAPHRASE_PAIRS
    ) -> list[Finding]:
        """One Finding per (sentence, article); the cross-encoder reads all pairs in one run
        (the `n_pairs` closest of each item)."""
        prepared = [self._candidates(s, article, n_pairs=n_pairs) for s, article in items]
        self._read([pair for pairs, _, _ in prepared for pair in pairs])
        findings = []
        for pairs, containment, unit in prepared:
            scored = [(self.probabilities_[p], p[1]) for p in pairs]
            paraphrase, evidence = max(scored, default=(0.0, None))
            holds = paraphrase >= self._model().threshold
            if not holds and containment >= self.containment_cosine:
                holds, evidence = True, unit
            findings.append(Finding(holds, paraphrase, containment, evidence))
        return findings

    def same_fact(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        """For each (a, b), whether either sentence states the other's fact. Cheaper than two
        checks: the cross-encoder reads each pair's SAME_FACT_PAIRS closest units (it reads
        both orders anyway), then b's containment in a is tried where that fails."""
        found = self.check_many([(a, [b]) for a, b in pairs], n_pairs=SAME_FACT_PAIRS)
        return [
            f.holds or self._containment(b, [a])[0] >= self.containment_cosine
            for f, (a, b) in zip(found, pairs, strict=True)
        ]

    def encode(self, texts: Sequence[str]) -> None:
        missing = sorted({t for t in texts if t not in self.vectors_})
        if missing:
            encoder = SentenceEncoder(n_threads=self.threads, batch_size=16)
            self.vectors_.update(zip(missing, encoder.encode(missing), strict=True))

    def cosine(self, a: str, b: str) -> float:
        self.encode([a, b])
        return float(self.vectors_[a] @ self.vectors_[b])

    def fact_units(self, sentence: str) -> tuple[str, list[str]]:
        """The sentence's core claim and every unit it is compared by."""
        main = self._spans(sentence)[0]
        core = split_attribution(main).core
        return core, list(dict.fromkeys([sentence, main, core, *_clauses(core)]))

    def article_units(self, sentence: str) -> list[str]:
        if sentence not in self.units_:
            units = [sentence, *self._spans(sentence)]
            units += [split_attribution(u).core for u in list(units)]
            units += [c for u in list(units) for c in _clauses(u)]
            self.units_[sentence] = list(dict.fromkeys(units))
        return self.units_[sentence]

    def _spans(self, sentence: str) -> list[str]:
        if sentence not in self.spans_:
            if may_split(sentence):
                spans = split_sentence(load_parser()(sentence))
            else:
                spans = [whole_sentence(sentence)]
            self.spans_[sentence] = [span.statement for span in spans]
        return self.spans_[sentence]

    def _candidates(
        self, sentence: str, article: Sequence[str], *, n_pairs: int
    ) -> tuple[list[tuple[str, str]], float, str | None]:
        """The pairs for the cross-encoder, the containment cosine and its article unit."""
        _, mine = self.fact_units(sentence)
        theirs = self._article_units(article)
        if not theirs:
            return [], 0.0, None
        cosines = self._cosines(mine, theirs)
        pairs = []
        for k in np.argsort(-cosines, axis=None)[: n_pairs * 2]:
            a, b = mine[k // len(theirs)], theirs[k % len(theirs)]
            if not _negation_differs(a, b):
                pairs.append((a, b))
            if len(pairs) == n_pairs:
                break
        containment, unit = self._containment(sentence, article)
        return pairs, containment, unit

    def _containment(self, sentence: str, article: Sequence[str]) -> tuple[float, str | None]:
        """The core's best cosine to an article unit, 0 if the quote or negation test fails."""
        core, _ = self.fact_units(sentence)
        theirs = self._article_units(article)
        if not theirs:
            return 0.0, None
        row = self._cosines([core], theirs)[0]
        unit = theirs[int(np.argmax(row))]
        if not _quote_covered(sentence, article) or _negation_differs(core, unit):
            return 0.0, unit
        return float(row.max()), unit

    def _article_units(self, article: Sequence[str]) -> list[str]:
        return list(dict.fromkeys(u for s in article for u in self.article_units(s)))

    def _cosines(self, a: list[str], b: list[str]) -> np.ndarray:
        self.encode(a + b)
        rows = np.stack([self.vectors_[u] for u in a])
        cols = np.stack([self.vectors_[u] for u in b])
        result: np.ndarray = rows @ cols.T
        return result

    def _read(self, pairs: list[tuple[str, str]]) -> None:
        new = list(dict.fromkeys(p for p in pairs if p not in self.probabilities_))
        if not new:
            return
        model = self._model()
        forward = model.probability(new)
        backward = model.probability([(b, a) for a, b in new])
        self.probabilities_.update(zip(new, np.maximum(forward, backward).tolist(), strict=True))

    def _model(self) -> CrossEncoder:
        return CrossEncoder(n_threads=self.threads, batch_size=16)


def _clauses(text: str) -> list[str]:
    parts = (c.strip(" “”\"'‘’.") for c in _CLAUSE.split(text))
    return [c for c in parts if len(c.split()) >= _MIN_CLAUSE_WORDS]


def _negation_differs(a: str, b: str) -> bool:
    return bool(_NEGATION.search(a)) != bool(_NEGATION.search(b))


def _quote_covered(sentence: str, article: Sequence[str]) -> bool:
    """True unless the sentence quotes words that no two adjacent article sentences hold."""
    quotes = [q for q in _QUOTE.findall(sentence) if len(q.split()) >= _MIN_QUOTE_WORDS]
    words = content_words(" ".join(quotes))
    if not words:
        return True
    windows = [" ".join(article[i : i + 2]) for i in range(max(1, len(article) - 1))]
    return any(len(words & content_words(w)) >= _QUOTE_COVER * len(words) for w in windows)
