"""Near-duplicate articles: wire copies and republications, found with MinHash LSH.

A copy is linked to its origin, never dropped: a wire story republished by five outlets is
one origin with five copies, each keeping the paragraphs it added or cut. Candidates come
from MinHash LSH over word shingles; each candidate is then confirmed on the exact shingle
sets by containment (shared shingles over the smaller article's), which stays high when a
copy adds a lede or trims the tail, and low for distinct reports of the same event.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsweave.model import Article, CopyOf

__all__ = [
    "NearDuplicateIndex",
    "compare_paragraphs",
    "link_copy",
    "origin_key",
    "shingles",
    "wire_origin",
]

_WORD = re.compile(r"\w+")
# datasketch's 32-bit hashing scheme: stored sketches are 4 bytes per permutation.
_SCHEME = "affine32"


def shingles(text: str, *, size: int) -> set[str]:
    """Overlapping runs of `size` case-folded words (the whole text when shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An online index of article sketches that answers "which stored article is this a copy of?".

    Args:
        threshold: least containment for two articles to be one origin and its copy.
        shingle_size: words per shingle.
        num_perm: MinHash permutations.
        seed: MinHash seed (sketches of another seed are not comparable).

    Attributes:
        lsh_: the LSH index over every article added.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        shingle_size: int = 5,
        num_perm: int = 128,
        seed: int = 1,
    ) -> None:
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.num_perm = num_perm
        self.seed = seed
        # LSH recall must hold down to the containment threshold; Jaccard of such pairs is
        # lower, so candidates are taken generously and confirmed exactly.
        self.lsh_ = MinHashLSH(threshold=max(0.1, threshold * 0.5), num_perm=num_perm)
        self.n_items_ = 0

    def sketch(self, text: str) -> MinHash:
        sketch = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=_SCHEME)
        sketch.update_batch([s.encode("utf-8") for s in shingles(text, size=self.shingle_size)])
        return sketch

    def to_bytes(self, sketch: MinHash) -> bytes:
        return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()

    def from_bytes(self, blob: bytes) -> MinHash:
        values = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=values, scheme=_SCHEME)

    def add(self, article_id: str, sketch: MinHash) -> None:
        if article_id not in self.lsh_:
            self.lsh_.insert(article_id, sketch)
            self.n_items_ += 1

    def add_all(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Load stored sketches (article id, bytes from `to_bytes`)."""
        with self.lsh_.insertion_session() as session:
            for article_id, blob in items:
                session.insert(article_id, self.from_bytes(blob))
                self.n_items_ += 1

    def candidates(self, sketch: MinHash) -> list[str]:
        return sorted(self.lsh_.query(sketch)) if self.n_items_ else []

    def confirm(self, text: str, other: str) -> float:
        """Containment of the two texts' shingle sets: shared over the smaller set."""
        a = shingles(text, size=self.shingle_size)
        b = shingles(other, size=self.shingle_size)
        if not a or not b:
            return 0.0
        return len(a & b) / min(len(a), len(b))


def compare_paragraphs(copy: str, origin: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Paragraphs the copy added, and paragraphs of the origin it cut (blank-line separated)."""
    copy_paragraphs = [p for p in copy.split("\n\n") if p.strip()]
    origin_paragraphs = [p for p in origin.split("\n\n") if p.strip()]
    copy_keys = {_key(p) for p in copy_paragraphs}
    origin_keys = {_key(p) for p in origin_paragraphs}
    added = tuple(p for p in copy_paragraphs if _key(p) not in origin_keys)
    cut = tuple(p for p in origin_paragraphs if _key(p) not in copy_keys)
    return added, cut


def _key(paragraph: str) -> str:
    return " ".join(_WORD.findall(paragraph.casefold()))


def origin_key(article: Article) -> str:
    """The independent source an article counts as: its recorded origin (what it copies, or
    the wire agency it credits), else its outlet, else the article itself."""
    if article.origin:
        return article.origin
    return article.outlet.casefold() if article.outlet else f"article:{article.id}"


def wire_origin(wire: Sequence[str]) -> str | None:
    """The origin of a story credited to wire agencies ("wire:reuters"), if any."""
    return "wire:" + "+".join(sorted(w.casefold() for w in wire)) if wire else None


def link_copy(
    article: Article,
    *,
    index: NearDuplicateIndex,
    sketch: MinHash,
    lookup: Callable[[str], Article],
    exact_id: str | None = None,
) -> Article:
    """`article` linked to the earlier article it copies, if any (exact copy first).

    Args:
        article: a new article (not yet in `index`).
        index: the index of earlier articles.
        sketch: the article's sketch (`index.sketch(article.text)`).
        lookup: an earlier article by id.
        exact_id: an earlier article with the same content hash.
    """
    origin, containment = None, 0.0
    if exact_id is not None:
        origin, containment = lookup(exact_id), 1.0
    else:
        for candidate_id in index.candidates(sketch):
            candidate = lookup(candidate_id)
            score = index.confirm(article.text, candidate.text)
            if score >= index.threshold and score > containment:
                origin, containment = candidate, score
    if origin is None:
        return article
    added, cut = compare_paragraphs(article.text, origin.text)
    root = origin.copy.origin_id if origin.copy else origin.id
    return dataclasses.replace(
        article,
        origin=origin_key(origin),
        copy=CopyOf(origin_id=root, containment=round(containment, 4), added=added, cut=cut),
    )
