"""spaCy on thinc's blis against numpy's BLAS (what newsweave runs): CPU seconds per
article for NER + sentences and for the claims' parse, and every output checked identical.

    .venv/bin/python bench/spacy_blas.py [--n 300] [--rounds 2]

Reads the first `--n` BASIL articles (bench/understand_speed.py), splits them into
paragraphs as annotation does, and runs, in alternating rounds of one process under one
BLAS thread: the NER + sentence pipeline on the paragraphs, and the claims' parser
(tagger + parser) on every sentence the claims parse (`compare.atomic.may_split`). The
blis side is the same pipelines loaded the stock way. Entities, sentence starts, tags,
heads, dependency labels and claim spans must be equal both ways (the run stops
otherwise). The load average is printed beside the figures, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict
from typing import Any

from understand_speed import read_basil

from newsweave.compare.atomic import load_parser, may_split, split_sentence
from newsweave.nlp.assemble import _paragraphs
from newsweave.nlp.blas import one_blas_thread
from newsweave.nlp.spacy_pipeline import english_model, load_spacy


def stock_pipelines() -> tuple[Any, Any]:
    """The same two pipelines on thinc's default ops (blis)."""
    ner = english_model().load(
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    ner.enable_pipe("senter")
    parser = english_model().load(exclude=["ner", "lemmatizer"])
    parser.disable_pipe("attribute_ruler")
    return ner, parser


def outputs(ner_docs: list[Any], parsed: list[Any]) -> tuple[list[Any], list[Any]]:
    entities = [
        ([(e.start_char, e.end_char, e.label_) for e in d.ents], [s.start_char for s in d.sents])
        for d in ner_docs
    ]
    parses = [[(t.tag_, t.dep_, t.head.i) for t in d] for d in parsed]
    parses += [[(c.start, c.end, c.statement) for c in split_sentence(d)] for d in parsed]
    return entities, parses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    paragraphs = [text for a in read_basil(args.n) for _, text in _paragraphs(a.text)]
    sides = {"blis": stock_pipelines(), "numpy BLAS": (load_spacy(), load_parser())}
    sentences = [
        s.text for d in load_spacy().pipe(paragraphs) for s in d.sents if may_split(s.text)
    ]
    cpu: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    reference: tuple[list[Any], list[Any]] | None = None
    load = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        for name, (ner, claims_parser) in sides.items():
            with one_blas_thread():
                started = time.process_time()
                ner_docs = list(ner.pipe(paragraphs, batch_size=256))
                middle = time.process_time()
                parsed = list(claims_parser.pipe(sentences))
                ended = time.process_time()
            cpu[name]["NER + sentences"].append((middle - started) / args.n)
            cpu[name]["claims' parse"].append((ended - middle) / args.n)
            found = outputs(ner_docs, parsed)
            if reference is None:
                reference = found
            elif found != reference:
                raise SystemExit(f"{name}: outputs differ from blis's")
            load.append(os.getloadavg()[0])
    print(
        f"{args.n} articles, {len(paragraphs)} paragraphs, {len(sentences)} sentences parsed; "
        f"load average {min(load):.1f}-{max(load):.1f}"
    )
    print(f"| median CPU-s per article ({args.rounds} rounds) | blis | numpy BLAS | ratio |")
    print("|---|---|---|---|")
    for label in ("NER + sentences", "claims' parse"):
        before, after = (statistics.median(cpu[name][label]) for name in sides)
        print(f"| {label} | {before:.4f} | {after:.4f} | {after / before:.2f} |")
    print("entities, sentences, tags, parses and claim spans identical both ways")


if __name__ == "__main__":
    main()
