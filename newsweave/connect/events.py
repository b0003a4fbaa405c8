"""Cross-document event coreference: which mentions in a story's articles name one event.

Articles of one story tell one seminal event, so within a story two mentions whose words
share an event key (`nlp.events.event_key`: lemma, inflections, frame type) are taken as
the same event; across stories, never. Two exceptions, both learnt on ECB+ train topics:
a reporting verb ("said") names its own act of telling, so it joins only mentions of its own
sentence; and a mention whose sentence names exactly one year keeps to mentions of that year
("the 2008 check-in" is not "the 2013 one"; undated mentions keep together too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.nlp.events import event_key, is_reporting

__all__ = ["EventMention", "corefer_events"]


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of an event: its id, where it is, and what is known of it.

    `lemma` is the lemma of its head word; `years` the years written in its sentence.
    """

    id: str
    article_id: str
    story_id: str
    sentence: int
    lemma: str
    years: frozenset[int] = frozenset()


def corefer_events(mentions: Sequence[EventMention]) -> dict[str, str]:
    """Cluster event mentions across articles.

    Returns:
        For each mention id, the id of its event (mentions of one event share it): the
        story id, the event key and, where they apply, its sentence or year.
    """
    lemmas = {m.lemma.lower() for m in mentions}
    events: dict[str, str] = {}
    for m in mentions:
        key: list[object] = [m.story_id, event_key(m.lemma, lemmas)]
        if is_reporting(m.lemma):
            key += [m.article_id, m.sentence]
        if len(m.years) == 1:
            key += list(m.years)
        events[m.id] = "/".join(map(str, key))
    return events
