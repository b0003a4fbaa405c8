"""Cross-document event coreference on ECB+: MUC, B3, CEAF-e and CoNLL F1.

Setting: gold event mentions (ACTION_* and NEG_ACTION_* markables) in the validated
sentences of the topics, clustered within each gold topic; gold clusters are the
CROSS_DOC_COREF instances (mentions in no relation are singletons). Systems, in one run:

- same head lemma (baseline): mentions whose head word (spaCy's parse of the sentence; the
  token of the mention governed from outside it) has the same lemma corefer;
- newsweave: every document of a topic goes through newsweave's annotator and online story
  index (`ecbplus_stories`), and `connect.corefer_events` clusters the mentions by story,
  event key (lemma, inflections, synonyms, frame type), reporting verbs kept to their
  sentence and the year written in the sentence;
- the same with the gold subtopic in place of newsweave's stories (what better story
  grouping would give; not a system).

The reporting and year rules, inflection joins and synonyms were chosen on the train topics
(`--split train`); dev was run after. Usage: .venv/bin/python bench/event_coref_ecbplus.py
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime

from coref_ecbplus import (
    DEV_TOPICS,
    TRAIN_TOPICS,
    Clusters,
    EcbDoc,
    Mention,
    _group,
    print_scores,
    read_topic,
    read_validated,
)
from ecbplus_stories import gold_stories, predicted_stories

from newsweave.connect.events import EventMention, corefer_events
from newsweave.nlp.dates import extract_dates
from newsweave.nlp.events import head_token
from newsweave.nlp.spacy_pipeline import load_spacy_parser

EVENT_TAGS = ("ACTION_", "NEG_ACTION_")


def event_mentions(
    docs: list[EcbDoc], mentions: list[Mention], parser: Callable[..., object]
) -> dict[str, tuple[str, frozenset[int]]]:
    """For each gold mention: the lemma of its head word and the years of its sentence."""
    parsed = {d.name: list(parser.pipe(d.sentences)) for d in docs}  # type: ignore[attr-defined]
    by_name = {d.name: d for d in docs}
    out = {}
    for m in mentions:
        doc = by_name[m.doc]
        offsets = doc.token_offsets[m.sentence]
        starts = {offsets[p] - offsets[0] for p in m.tokens}
        tokens = [t for t in parsed[m.doc][m.sentence] if t.idx in starts]
        lemma = head_token(tokens).lemma_.lower() if tokens else m.text.split()[-1].lower()
        text = doc.sentences[m.sentence]
        years = frozenset(
            d.value.year for d in extract_dates(text) if d.value and d.value.year is not None
        )
        out[m.id] = (lemma, years)
    return out


def main() -> None:
    parser_ = argparse.ArgumentParser()
    parser_.add_argument("--split", choices=["dev", "train"], default="dev")
    args = parser_.parse_args()
    topics = DEV_TOPICS if args.split == "dev" else TRAIN_TOPICS
    validated = read_validated()
    parser = load_spacy_parser()
    started = time.process_time()
    stories = predicted_stories(topics)
    gold_all: Clusters = []
    systems: dict[str, Clusters] = {"same head lemma": [], "newsweave": [], "gold subtopics": []}
    n_mentions = n_docs = 0
    for topic in topics:
        docs, mentions, gold = read_topic(topic, validated, EVENT_TAGS)
        n_mentions, n_docs = n_mentions + len(mentions), n_docs + len(docs)
        gold_all += _group({m.id: gold.get(m.id, "single:" + m.id) for m in mentions})
        found = event_mentions(docs, mentions, parser)
        systems["same head lemma"] += _group({m.id: found[m.id][0] for m in mentions})
        oracle = gold_stories([d.name for d in docs])
        for name, story_of in (("newsweave", stories), ("gold subtopics", oracle)):
            events = [
                EventMention(m.id, m.doc, story_of[m.doc], m.sentence, *found[m.id])
                for m in mentions
            ]
            systems[name] += _group(corefer_events(events))
    print(
        f"ECB+ {args.split} topics {' '.join(map(str, topics))}: {n_docs} documents, "
        f"{n_mentions} gold event mentions (validated sentences), {len(gold_all)} gold "
        f"clusters; {datetime.now(UTC):%Y-%m-%d}"
    )
    n_stories = len(set(stories.values()))
    print(f"newsweave stories: {n_stories} (gold subtopics: {2 * len(topics)})")
    print_scores(gold_all, systems)
    print(f"{time.process_time() - started:.0f} CPU-seconds (parsing, stories, clustering)")


if __name__ == "__main__":
    main()
