"""Re-group every article in batch, keeping the story ids users have seen where possible.

A rebuild runs a fresh index over all articles in arrival order, so with unchanged
settings it reproduces the online result exactly. With new settings, or new evidence,
stories split or merge: each new story then takes the old id most of its articles had
(each old id going to one story, largest overlap first); an old id no story took becomes an
alias of the story that holds most of its articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from newsweave.model import AnnotatedArticle, StoryAssignment
from newsweave.stories.index import IndexSnapshot, StoryIndex
from newsweave.stories.profile import story_id_for
from newsweave.stories.scoring import StoryWeights

__all__ = ["RebuildResult", "rebuild_stories"]


@dataclass(frozen=True, slots=True)
class RebuildResult:
    """A rebuilt index: its state, every article's story, and old ids that now point elsewhere."""

    snapshot: IndexSnapshot
    assignments: tuple[StoryAssignment, ...]
    aliases: Mapping[str, str]

    @property
    def n_changed(self) -> int:
        return len(self.aliases)


def rebuild_stories(
    articles: Iterable[AnnotatedArticle],
    *,
    previous: Mapping[str, str],
    threshold: float,
    window_days: float,
    weights: StoryWeights | None = None,
) -> RebuildResult:
    """Group `articles` (in arrival order) afresh; ids follow `previous` (article -> story).

    Example:
        >>> result = rebuild_stories(stream, previous={}, threshold=0.5, window_days=10)
    """
    index = StoryIndex(
        threshold=threshold, window_days=window_days, weights=weights or StoryWeights()
    )
    assignments = [index.assign(a) for a in articles]
    # Stories merged on the way hand their articles to the story that absorbed them.
    assignments = [
        replace(a, story_id=index.merged_.get(a.story_id, a.story_id)) for a in assignments
    ]
    rename = _stable_ids(assignments, previous)
    # Nothing was taken yet, so the changes hold every story, evicted ones too, in order.
    changes = index.take_changes()
    states = tuple(replace(s, id=rename[s.id]) for s in changes.states)
    renamed = tuple(replace(a, story_id=rename[a.story_id]) for a in assignments)
    return RebuildResult(
        snapshot=IndexSnapshot(states, dict(index.doc_freq_), index.n_docs_),
        assignments=renamed,
        aliases=_aliases(renamed, previous),
    )


def _stable_ids(assignments: list[StoryAssignment], previous: Mapping[str, str]) -> dict[str, str]:
    """New story id -> the id it keeps: the old id of most of its articles, else a fresh one.

    `previous` must be in arrival order (the store reads it so).
    """
    overlap = Counter(
        (a.story_id, previous[a.article_id]) for a in assignments if a.article_id in previous
    )
    # On a tie the older story's id wins, so merged stories keep the id seen first.
    age: dict[str, int] = {}
    for n, old in enumerate(previous.values()):
        age.setdefault(old, n)
    rename: dict[str, str] = {}
    taken: set[str] = set()
    ranked = sorted(overlap.items(), key=lambda kv: (-kv[1], age[kv[0][1]], kv[0][0]))
    for (new, old), _ in ranked:
        if new not in rename and old not in taken:
            rename[new] = old
            taken.add(old)
    members: dict[str, list[str]] = {}
    for a in assignments:
        members.setdefault(a.story_id, []).append(a.article_id)
    taken |= set(previous.values())
    for new, ids in members.items():
        if new in rename:
            continue
        # A story split off an old one must not take that story's id: derive from a member.
        fresh = next((story_id_for(i) for i in ids if story_id_for(i) not in taken), None)
        rename[new] = fresh or story_id_for(ids[0] + "#" + new)
        taken.add(rename[new])
    return rename


def _aliases(
    assignments: tuple[StoryAssignment, ...], previous: Mapping[str, str]
) -> dict[str, str]:
    """Old ids that no longer name a story -> the story holding most of their articles."""
    kept = {a.story_id for a in assignments}
    where: dict[str, Counter[str]] = {}
    for a in assignments:
        old = previous.get(a.article_id)
        if old is not None and old not in kept:
            where.setdefault(old, Counter())[a.story_id] += 1
    return {old: counts.most_common(1)[0][0] for old, counts in sorted(where.items())}
