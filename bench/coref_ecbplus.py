"""Cross-document entity coreference on ECB+: MUC, B3, CEAF-e and CoNLL F1.

Setting: gold entity mentions (HUMAN_PART*, NON_HUMAN_PART*, LOC_* markables) in the
validated sentences of the topics (dev: 2 5 12 18 21 23 34 35), clustered within each gold
topic; gold clusters are the CROSS_DOC_COREF instances (mentions in no relation are
singletons). Systems, measured in the same run:

- same-head-lemma baseline: mentions whose head (last token, lower-cased, a plural "s"
  dropped) is the same corefer;
- newsweave actors: every document of a topic goes through spaCy + newsweave's actor
  resolution as one story (nlp.resolve_actors: aliases, honorifics, roles, gazetteer,
  spelling variants); a gold mention takes the actor of the newsweave mention that covers
  its last token, and falls back to the baseline's head cluster when no actor covers it;
- actors + heads: the same, also joining mentions that share a head;
- + pronouns, stories: pronouns take the actor they stand for (nlp.resolve_pronouns), and
  head clusters stay within the story newsweave's online index puts the document in
  (`ecbplus_stories`), a possessive dropped from the head.

The pronoun rule (window, "it" for organisations, the most-named fallback) and the story
and possessive changes were chosen on the train topics (`--split train`); dev was run once
after. Usage: .venv/bin/python bench/coref_ecbplus.py [--split dev|train]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ecbplus_stories import predicted_stories
from tokenized import annotate_sentences

from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.pronouns import resolve_pronouns
from newsweave.nlp.spacy_pipeline import load_spacy

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS = tuple(t for t in range(1, 36) if t not in {*DEV_TOPICS, 15, 17})
_ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")

Clusters = list[set[str]]


@dataclass
class Mention:
    id: str  # doc/m_id
    doc: str
    sentence: int
    tokens: list[int]  # token positions within the sentence
    text: str


@dataclass
class EcbDoc:
    name: str
    sentences: list[str]
    token_offsets: list[list[int]]  # per sentence, the start of each token in the doc text


def read_topic(
    topic: int, validated: set[tuple[str, int]], tags: tuple[str, ...] = _ENTITY_TAGS
) -> tuple[list[EcbDoc], list[Mention], dict[str, str]]:
    """A topic's documents, its gold mentions of the given markable kinds, and gold keys."""
    docs, mentions, gold = [], [], {}
    for path in sorted((DATA / "ecbplus" / "ECB+" / str(topic)).glob("*.xml")):
        root = ET.parse(path).getroot()  # noqa: S314 - a local research corpus
        name = path.stem
        words: dict[str, tuple[int, int]] = {}
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in root.iter("token"):
            s, n = int(token.attrib["sentence"]), int(token.attrib["number"])
            sentences[s].append(token.text or "")
            words[token.attrib["t_id"]] = (s, n)
        order = sorted(sentences)
        texts = [" ".join(sentences[s]) for s in order]
        offsets, base = [], 0
        for s in order:
            starts, pos = [], base
            for w in sentences[s]:
                starts.append(pos)
                pos += len(w) + 1
            offsets.append(starts)
            base = pos
        docs.append(EcbDoc(name, texts, offsets))
        index_of = {s: i for i, s in enumerate(order)}
        markables = root.find("Markables")
        for m in markables if markables is not None else []:
            anchors = [a.attrib["t_id"] for a in m.findall("token_anchor")]
            if not m.tag.startswith(tags) or not anchors:
                continue
            s = words[anchors[0]][0]
            ecb_name = name.split("_", 1)[1]
            if (ecb_name, s) not in validated:
                continue
            positions = [words[a][1] for a in anchors]
            text = " ".join(sentences[s][p] for p in positions)
            mentions.append(
                Mention(f"{name}/{m.attrib['m_id']}", name, index_of[s], positions, text)
            )
        relations = root.find("Relations")
        for r in relations if relations is not None else []:
            key = r.attrib.get("note") or f"{name}/{r.attrib.get('r_id')}"
            for source in r.findall("source"):
                gold.setdefault(f"{name}/{source.attrib['m_id']}", key)
    return docs, mentions, gold


def read_validated() -> set[tuple[str, int]]:
    path = DATA / "ecbplus" / "ECBplus_coreference_sentences.train_dev.csv"
    with path.open(encoding="utf-8") as handle:
        return {(row["File"], int(row["Sentence Number"])) for row in csv.DictReader(handle)}


def head(mention: Mention) -> str:
    word = mention.text.split()[-1].lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def resolve_topic(
    docs: list[EcbDoc], mentions: list[Mention], nlp: object
) -> tuple[dict[str, str], dict[str, str]]:
    """newsweave's actor for each gold mention: named ones (the actor mention covering the
    gold mention's last token), and pronouns (`nlp.resolve_pronouns`)."""
    articles = []
    for doc in docs:
        parsed = list(nlp.pipe(doc.sentences))  # type: ignore[attr-defined]
        articles.append(annotate_sentences(doc.name, doc.sentences, parsed))
    index = resolve_actors(articles)
    names: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in index.mentions:
        names[m.article_id].append((m.start, m.end, m.actor_id))
    pronouns: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article in articles:
        for m in resolve_pronouns(article, index):
            pronouns[m.article_id].append((m.start, m.end, m.actor_id))
    by_doc = {d.name: d for d in docs}
    named, pronoun = {}, {}
    for mention in mentions:
        last = by_doc[mention.doc].token_offsets[mention.sentence][mention.tokens[-1]]
        for spans, out in ((names, named), (pronouns, pronoun)):
            actor = next((a for s, e, a in spans[mention.doc] if s <= last < e), None)
            if actor is not None:
                out[mention.id] = actor
    return named, pronoun


def actors_or_heads(mentions: list[Mention], named: dict[str, str]) -> dict[str, str]:
    """A mention's actor, else its head cluster."""
    return {m.id: f"actor:{named[m.id]}" if m.id in named else f"head:{head(m)}" for m in mentions}


def joined(mentions: list[Mention], keys: dict[str, list[str]]) -> dict[str, str]:
    """Mentions sharing any key are one cluster (union-find)."""
    parent = {m.id: m.id for m in mentions}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for m in mentions:
        for key in keys[m.id]:
            if key in first:
                parent[find(m.id)] = find(first[key])
            else:
                first[key] = m.id
    return {m.id: find(m.id) for m in mentions}


def actors_pronouns_story_heads(
    mentions: list[Mention],
    resolved: tuple[dict[str, str], dict[str, str]],
    stories: dict[str, str],
) -> dict[str, str]:
    """Named actors, pronouns by their antecedent, and head clusters within newsweave's
    story of the document (the head of a name joins its actor too)."""
    named, pronoun = resolved
    keys: dict[str, list[str]] = {}
    for m in mentions:
        if m.id in named:
            keys[m.id] = [f"actor:{named[m.id]}", f"head:{stories[m.doc]}:{story_head(m)}"]
        elif _PRONOUN.match(m.text):
            keys[m.id] = [f"actor:{pronoun[m.id]}" if m.id in pronoun else f"single:{m.id}"]
        else:
            keys[m.id] = [f"head:{stories[m.doc]}:{story_head(m)}"]
    return joined(mentions, keys)


_PRONOUN = re.compile(r"^(?:he|him|his|himself|she|her|hers|herself|it|its|itself)$", re.I)


def story_head(mention: Mention) -> str:
    """`head`, with a possessive dropped ("Lohan 's" and "Lohan" share "lohan")."""
    word = re.sub(r"['’]s?$", "", mention.text.split()[-1].lower()) or mention.text.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    args = parser.parse_args()
    topics = DEV_TOPICS if args.split == "dev" else TRAIN_TOPICS
    validated = read_validated()
    nlp = load_spacy()
    stories = predicted_stories(topics)
    gold_all: Clusters = []
    systems: dict[str, Clusters] = {
        "same head lemma": [],
        "newsweave actors": [],
        "actors + heads": [],
        "+ pronouns, stories": [],
    }
    n_mentions = 0
    links = [0, 0, 0]  # gold pronouns, linked to an actor, linked right
    started = time.perf_counter()
    for topic in topics:
        docs, mentions, gold = read_topic(topic, validated)
        n_mentions += len(mentions)
        gold_all += _group({m.id: gold.get(m.id, "single:" + m.id) for m in mentions})
        resolved = resolve_topic(docs, mentions, nlp)
        _count_pronoun_links(mentions, resolved, gold, links)
        named = actors_or_heads(mentions, resolved[0])
        union = joined(mentions, {m.id: [named[m.id], f"head:{head(m)}"] for m in mentions})
        for name, assignment in (
            ("same head lemma", {m.id: head(m) for m in mentions}),
            ("newsweave actors", named),
            ("actors + heads", union),
            ("+ pronouns, stories", actors_pronouns_story_heads(mentions, resolved, stories)),
        ):
            systems[name] += _group(assignment)
    elapsed = time.perf_counter() - started
    print(
        f"ECB+ {args.split} topics {' '.join(map(str, topics))}: {n_mentions} entity mentions "
        f"(validated sentences), {len(gold_all)} gold clusters; {datetime.now(UTC):%Y-%m-%d}"
    )
    print_scores(gold_all, systems)
    print(
        f"pronouns: {links[0]} gold he/she/it-type mentions, {links[1]} linked to an actor, "
        f"{links[2]} of them to an actor named in their gold cluster "
        f"({100 * links[2] / max(1, links[1]):.1f}%)"
    )
    print(f"newsweave and baseline in {elapsed:.1f} s")


def _count_pronoun_links(
    mentions: list[Mention],
    resolved: tuple[dict[str, str], dict[str, str]],
    gold: dict[str, str],
    links: list[int],
) -> None:
    """Tally gold pronouns, those resolved, and those whose actor is named in their cluster."""
    named, pronoun = resolved
    for m in mentions:
        if not _PRONOUN.match(m.text):
            continue
        links[0] += 1
        if m.id in pronoun:
            links[1] += 1
            links[2] += m.id in gold and any(
                named.get(n.id) == pronoun[m.id] and gold.get(n.id) == gold[m.id] for n in mentions
            )


def print_scores(gold: Clusters, systems: dict[str, Clusters]) -> None:
    """A table of MUC, B3, CEAF-e and CoNLL F1, one row per system."""
    print(f"{'system':<20}{'MUC':>8}{'B3':>8}{'CEAF-e':>8}{'CoNLL':>8}   (F1)")
    for name, predicted in systems.items():
        scores = [muc(gold, predicted), b_cubed(gold, predicted), ceaf_e(gold, predicted)]
        print(f"{name:<20}" + "".join(f"{100 * s:8.1f}" for s in scores), end="")
        print(f"{100 * sum(scores) / 3:8.1f}")


def _group(assignment: dict[str, str]) -> Clusters:
    clusters: dict[str, set[str]] = defaultdict(set)
    for mention, key in assignment.items():
        clusters[key].add(mention)
    return list(clusters.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> float:
    return _f1(_muc_recall(response, key), _muc_recall(key, response))


def b_cubed(key: Clusters, response: Clusters) -> float:
    key_of = {m: c for c in key for m in c}
    resp_of = {m: c for c in response for m in c}
    mentions = list(key_of)
    recall = sum(len(key_of[m] & resp_of[m]) / len(key_of[m]) for m in mentions) / len(mentions)
    precision = sum(len(key_of[m] & resp_of[m]) / len(resp_of[m]) for m in mentions) / len(mentions)
    return _f1(precision, recall)


def ceaf_e(key: Clusters, response: Clusters) -> float:
    """Entity-based CEAF: the best one-to-one alignment of clusters (Kuhn-Munkres), solved
    separately on each group of clusters that share mentions (the rest score 0)."""
    where = {m: j for j, c in enumerate(response) for m in c}
    links: dict[int, set[int]] = defaultdict(set)
    for i, cluster in enumerate(key):
        links[i] = {where[m] for m in cluster}
    total, seen = 0.0, set()
    for i in range(len(key)):
        if i in seen:
            continue
        rows, cols, todo = {i}, set(), [i]
        while todo:  # the connected group of key and response clusters
            r = todo.pop()
            for j in links[r] - cols:
                cols.add(j)
                for r2 in {x for x, js in links.items() if j in js} - rows:
                    rows.add(r2)
                    todo.append(r2)
        seen |= rows
        row_list, col_list = sorted(rows), sorted(cols)
        sim = [
            [2 * len(key[r] & response[c]) / (len(key[r]) + len(response[c])) for c in col_list]
            for r in row_list
        ]
        total += _best_alignment(sim)
    return _f1(total / len(response), total / len(key))


def _best_alignment(sim: list[list[float]]) -> float:
    """Maximum total similarity of a one-to-one row/column matching (Hungarian method)."""
    if len(sim) > len(sim[0]):
        sim = [list(col) for col in zip(*sim, strict=True)]
    n, m = len(sim), len(sim[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -sim[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(sim[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


if __name__ == "__main__":
    main()
