"""NER on CoNLL-2003 dev (eng.testa): entity-level F1 for PER/ORG/LOC, newsweave vs plain spaCy.

Both systems share one spaCy pass (en_core_web_sm, NER + sentence recogniser) over the
gold sentences (tokens joined by spaces), in one run:

- plain spaCy: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC (other labels not scored);
- newsweave: the same spans tidied (nlp.entities), then resolved into actors over the whole
  document (nlp.actors: label agreement, surnames found again, gazetteer types). Actor
  types map person -> PER, organisation -> ORG, country/place -> LOC; a mention that the
  gazetteer reads as a demonym ("German") is MISC in CoNLL and is not scored.

A predicted entity counts when its character span and type equal a gold entity's.
Usage: .venv/bin/python bench/ner_conll.py [--limit N_DOCS]
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tokenized import annotate_sentences

from newsweave.nlp.actors import resolve_actors
from newsweave.nlp.gazetteer import load_gazetteer
from newsweave.nlp.spacy_pipeline import load_spacy

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
TYPES = ("PER", "ORG", "LOC")
_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_ACTOR = {"person": "PER", "organisation": "ORG", "country": "LOC", "place": "LOC"}

Span = tuple[int, int, int, str]  # (doc, start, end, type)


@dataclass
class Doc:
    sentences: list[str]
    gold: list[tuple[int, int, str]]  # char spans in the joined text


def read_conll(path: Path) -> list[Doc]:
    """Documents of a CoNLL file: sentences as space-joined tokens, gold spans (IOB1)."""
    docs: list[Doc] = []
    current = Doc([], [])
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if tokens:
            offset = sum(len(s) + 1 for s in current.sentences)
            text, spans = _sentence(tokens, offset)
            current.sentences.append(text)
            current.gold.extend(spans)
            tokens.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            if current.sentences:
                docs.append(current)
            current = Doc([], [])
        elif not line.strip():
            flush()
        else:
            parts = line.split()
            tokens.append((parts[0], parts[-1]))
    flush()
    if current.sentences:
        docs.append(current)
    return docs


def _sentence(tokens: list[tuple[str, str]], offset: int) -> tuple[str, list[tuple[int, int, str]]]:
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    pos = end = 0
    for word, tag in tokens:
        begins = tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind)
        if start is not None and (tag == "O" or begins):
            spans.append((start, end, kind))
            start, kind = None, ""
        if tag != "O" and start is None:
            start, kind = offset + pos, tag[2:]
        end = offset + pos + len(word)
        pos += len(word) + 1
    if start is not None:
        spans.append((start, end, kind))
    return " ".join(w for w, _ in tokens), spans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args()
    docs = read_conll(DATA / "conll2003" / "eng.testa")[: args.limit]
    gold = {(d, s, e, k) for d, doc in enumerate(docs) for s, e, k in doc.gold if k in TYPES}
    nlp = load_spacy()
    gazetteer = load_gazetteer()
    plain: set[Span] = set()
    ours: set[Span] = set()
    started = time.perf_counter()
    texts = [(d, i, s) for d, doc in enumerate(docs) for i, s in enumerate(doc.sentences)]
    parsed = nlp.pipe([s for _, _, s in texts], batch_size=256)
    per_doc: dict[int, list[tuple[int, object]]] = {}
    for (d, i, _), sdoc in zip(texts, parsed, strict=True):
        per_doc.setdefault(d, []).append((i, sdoc))
    n_words = sum(len(s.split()) for _, _, s in texts)
    for d, doc in enumerate(docs):
        parsed_doc = [x for _, x in sorted(per_doc[d], key=lambda item: item[0])]

        def keep_plain(start: int, end: int, label: str, d: int = d) -> None:
            if label in _SPACY:
                plain.add((d, start, end, _SPACY[label]))

        article = annotate_sentences(f"d{d}", doc.sentences, parsed_doc, keep_plain)
        index = resolve_actors([article], gazetteer=gazetteer)
        types = {a.id: a.type for a in index.actors}
        for m in index.mentions:
            kind = _ACTOR.get(types[m.actor_id])
            found = gazetteer.lookup(m.text)
            if kind and not (found is not None and found.kind == "demonym"):
                ours.add((d, m.start, m.end, kind))
    elapsed = time.perf_counter() - started
    print(
        f"CoNLL-2003 eng.testa: {len(docs)} documents, {n_words} tokens, "
        f"{len(gold)} gold PER/ORG/LOC"
    )
    print(
        f"{'system':<22}" + "".join(f"{t:>8}" for t in (*TYPES, "micro")) + "   (entity-level F1)"
    )
    for name, predicted in (("plain spaCy (sm)", plain), ("newsweave", ours)):
        scores = [_f1(predicted, gold, t) for t in TYPES] + [_f1(predicted, gold, None)]
        print(f"{name:<22}" + "".join(f"{100 * s:8.1f}" for s in scores))
    print(
        f"both systems in {elapsed:.1f} s ({n_words / elapsed:.0f} tokens/s), "
        f"{datetime.now(UTC):%Y-%m-%d}"
    )


def _f1(predicted: set[Span], gold: set[Span], kind: str | None) -> float:
    p = {x for x in predicted if kind is None or x[3] == kind}
    g = {x for x in gold if kind is None or x[3] == kind}
    tp = len(p & g)
    if not p or not g or not tp:
        return 0.0
    precision, recall = tp / len(p), tp / len(g)
    return 2 * precision * recall / (precision + recall)


if __name__ == "__main__":
    main()
