"""Citations of the story brief on BASIL triplets and NeuS/AllSides stories.

    .venv/bin/python bench/citations.py [--corpus basil|neus] [--stories 10] [--seed 3]
    .venv/bin/python bench/citations.py --calibrate      # chooses CONTAINMENT_COSINE
    .venv/bin/python bench/citations.py --corpus basil --dump citations.tsv   # to audit

For each story (a seeded sample of --stories; BASIL: Fox, NYT, HuffPost on one event;
NeuS: left, center and right outlets' excerpts) `compare_story` writes the brief twice, with
and without the cross-encoder in its scorer. A brief sentence quotes one article and cites
others; each citation of another article is checked three ways:
  strict checker  the MRPC cross-encoder on the sentence against the cited article's three
                  sentences closest by MiniLM cosine (probability >= its MRPC threshold).
                  MRPC calls a pair one fact only when nothing is added or left out, so a
                  cited article that states the fact inside a longer sentence fails.
  claim checker   does the cited article contain the fact? (bench/claim_checker.py: claim
                  and clause units, the cross-encoder in both orders, or a MiniLM
                  containment cosine; a quote must be the article's own words.)
  hand audit      bench/data/citations_audit.tsv: every citation of the seed-3, 10-story
                  briefs of each corpus, judged by reading the cited article.
Figures:
  citation precision  share of citations whose article holds the fact
  sentences supported share of brief sentences whose every citation holds
  multi-outlet recall facts stated in two or more outlets (sentence pairs from different
                      outlets, cosine >= 0.5, that the claim checker calls one fact, joined),
                      share of them the brief states. The brief has at most 8 sentences, so
                      on long articles this is bounded well below 1.
  audit agreement     each checker against the hand labels: accuracy, and precision/recall
                      of "holds"; on the held-out part (not the calibration half) and on all.
Only the sampled stories are annotated (newsweave's annotator; articles from bench/story_data.py).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from claim_checker import ClaimChecker, Finding
from story_data import CORPORA

from newsweave.compare import compare_story
from newsweave.compare.cross_encoder import CrossEncoder
from newsweave.compare.scoring import PairScorer
from newsweave.model import AnnotatedArticle, Article, Story, StoryReport
from newsweave.nlp import Annotator

AUDIT = Path(__file__).parent / "data" / "citations_audit.tsv"
_AUDIT_COLUMNS = (
    "corpus\tsplit\tstory\tline\tquoted_outlet\tcited\tcited_outlet\tbrief_sentence\t"
    "aligned_sentence\tlabel\treason"
)
_CANDIDATES = 3
_MIN_COSINE = 0.5


class StrictChecker:
    """The MRPC cross-encoder on the whole sentence, against three cosine-nearest sentences."""

    def __init__(self, claims: ClaimChecker) -> None:
        self.claims = claims  # shares its MiniLM vectors
        self.model = CrossEncoder(n_threads=2)

    def supported(self, sentence: str, candidates: list[str]) -> bool:
        cosines = [self.claims.cosine(sentence, c) for c in candidates]
        best = [candidates[i] for i in np.argsort(cosines)[::-1][:_CANDIDATES]]
        if sentence in best:
            return True
        probability = self.model.probability([(sentence, c) for c in best])
        return bool(len(best) and probability.max() >= self.model.threshold)


@dataclass(frozen=True, slots=True)
class Citation:
    """One brief sentence citing one other article, as each checker judged it."""

    corpus: str
    story: str
    line: int
    sentence: str
    cited: str
    quoted: str  # the outlets whose text holds the sentence
    aligned: str  # the cited article's sentences the brief aligned it with
    strict: bool
    claim: Finding
    human: bool | None  # None: not in the audit


def sentences(article: AnnotatedArticle) -> list[str]:
    return [s.text for s in article.sentences if len(s.text.split()) >= 4]


def read_audit() -> dict[tuple[str, str, str], tuple[bool, str]]:
    """(corpus, cited article id, brief sentence) -> (holds, split)."""
    with AUDIT.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            (r["corpus"], r["cited"], r["brief_sentence"]): (r["label"] == "holds", r["split"])
            for r in rows
        }


def multi_outlet_facts(articles: list[AnnotatedArticle], checker: ClaimChecker) -> list[set[str]]:
    """Groups of sentences from at least two outlets that the claim checker calls one fact."""
    texts = {a.article.id: sentences(a) for a in articles}
    checker.encode([t for ts in texts.values() for t in ts])
    pairs = []
    ids = list(texts)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            for a in texts[first]:
                for b in texts[second]:
                    if checker.cosine(a, b) >= _MIN_COSINE:
                        pairs.append((a, b))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for (a, b), same in zip(pairs, checker.same_fact(pairs), strict=True):
        if same:
            parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return [g for g in groups.values() if len(g) >= 2]


def brief_of(articles: list[AnnotatedArticle], *, cross_encoder: bool) -> StoryReport:
    story = Story(id="s", title="bench", article_ids=tuple(a.article.id for a in articles))
    return compare_story(story, articles, scorer=PairScorer(cross_encoder=cross_encoder))


def citations_of(
    report: StoryReport,
    articles: list[AnnotatedArticle],
    checkers: tuple[StrictChecker, ClaimChecker],
    *,
    corpus: str,
    story: str,
) -> list[Citation]:
    strict, claims = checkers
    by_id = {a.article.id: a for a in articles}
    claim_of = {c.id: c for c in report.claims}
    audit = read_audit()
    cited = [
        (k, line, i)
        for k, line in enumerate(report.brief)
        for i in line.article_ids
        if line.text not in by_id[i].article.text
    ]
    found = claims.check_many([(line.text, sentences(by_id[i])) for _, line, i in cited])
    out = []
    for (k, line, i), finding in zip(cited, found, strict=True):
        label = audit.get((corpus, i, line.text))
        quoted = [
            by_id[j].article.outlet or j
            for j in line.article_ids
            if line.text in by_id[j].article.text
        ]
        mentions = [m.text for m in claim_of[line.claim_id].mentions if m.article_id == i]
        out.append(
            Citation(
                corpus=corpus,
                story=story,
                line=k,
                sentence=line.text,
                cited=i,
                quoted=",".join(quoted),
                aligned=" | ".join(mentions),
                strict=strict.supported(line.text, sentences(by_id[i])),
                claim=finding,
                human=None if label is None else label[0],
            )
        )
    return out


def covered(report: StoryReport, facts: list[set[str]], checker: ClaimChecker) -> int:
    """How many facts the brief states: a brief sentence is one of the fact's sentences, or
    one of them and the brief sentence state each other's fact."""
    stated = [line.text for line in report.brief]
    count = 0
    for fact in facts:
        if any(s in fact for s in stated):
            count += 1
            continue
        pairs = [
            (s, f) for s in stated for f in sorted(fact) if checker.cosine(s, f) >= _MIN_COSINE
        ]
        count += any(checker.same_fact(pairs))
    return count


def sample(corpus: str, n: int, seed: int) -> dict[str, list[Article]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    for gold in CORPORA[corpus]():
        stories[gold.gold].append(gold.article)
    multi = sorted(k for k, v in stories.items() if len({a.outlet for a in v}) >= 3)
    rng = random.Random(seed)  # noqa: S311 - a seeded sample, not a secret
    return {k: stories[k] for k in rng.sample(multi, min(n, len(multi)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("basil", "neus"), default="basil")
    parser.add_argument("--stories", type=int, default=10)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--calibrate", action="store_true", help="choose the containment cosine")
    parser.add_argument("--dump", type=Path, help="write the citations to audit to this TSV")
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.calibrate:
        calibrate()
        return
    chosen = sample(args.corpus, args.stories, args.seed)
    annotator = Annotator(batch_size=16)
    claims = ClaimChecker()
    checkers = (StrictChecker(claims), claims)
    results: dict[bool, list[Citation]] = {True: [], False: []}
    # brief sentences, with every citation holding (strict, claim), facts stated
    totals = {True: np.zeros(4, dtype=int), False: np.zeros(4, dtype=int)}
    n_facts = n_fact_sentences = 0
    for key, story_articles in chosen.items():
        articles = list(annotator.pipe(story_articles))
        facts = multi_outlet_facts(articles, claims)
        n_facts += len(facts)
        n_fact_sentences += sum(len(f) for f in facts)
        for cross_encoder in (True, False):
            report = brief_of(articles, cross_encoder=cross_encoder)
            found = citations_of(report, articles, checkers, corpus=args.corpus, story=key)
            results[cross_encoder] += found
            lines = len(report.brief)
            totals[cross_encoder] += (
                lines,
                lines - len({c.line for c in found if not c.strict}),
                lines - len({c.line for c in found if not c.claim.holds}),
                covered(report, facts, claims),
            )
            if args.dump and cross_encoder:
                dump(args.dump, found, articles)
        print(f"  story {key}: {len(facts)} multi-outlet facts", flush=True)
    for cross_encoder in (True, False):
        print()
        print(
            f"{args.corpus}: {len(chosen)} 3-outlet stories (seed {args.seed}), briefs "
            f"{'with' if cross_encoder else 'without'} the cross-encoder"
        )
        report_figures(results[cross_encoder], totals[cross_encoder], n_facts)
    print(
        f"\n{n_facts} multi-outlet facts, {n_fact_sentences / max(1, n_facts):.1f} sentences each"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def report_figures(found: list[Citation], totals: np.ndarray, n_facts: int) -> None:
    lines, strict_whole, claim_whole, stated = (int(x) for x in totals)
    strict = sum(c.strict for c in found)
    claim = sum(c.claim.holds for c in found)
    n = len(found)
    print(f"brief sentences       {lines}, citing {n} other articles")
    print(f"citation precision    claim {_share(claim, n)}   strict {_share(strict, n)}")
    print(
        f"sentences supported   claim {_share(claim_whole, lines)}   "
        f"strict {_share(strict_whole, lines)}"
    )
    print(f"multi-outlet recall   {_share(stated, n_facts)} facts in 2+ outlets stated (claim)")
    audited = [c for c in found if c.human is not None]
    held_out = [c for c in audited if _split(c) == "test"]
    holds = sum(bool(c.human) for c in audited)
    print(
        f"hand audit            {len(audited)} of {n} citations audited: human-judged "
        f"precision {_share(holds, len(audited))}"
    )
    for name, part in (("held out", held_out), ("all audited", audited)):
        for checker in ("claim", "strict"):
            print(f"  {name:<12} {checker:<6} {_agreement(part, checker)}")


def _split(citation: Citation) -> str:
    return read_audit()[(citation.corpus, citation.cited, citation.sentence)][1]


def _says(citation: Citation, checker: str) -> bool:
    return citation.claim.holds if checker == "claim" else citation.strict


def _agreement(part: list[Citation], checker: str) -> str:
    """Accuracy against the hand labels, and precision/recall of "holds"."""
    said = [_says(c, checker) for c in part]
    truth = [bool(c.human) for c in part]
    hits = sum(s and t for s, t in zip(said, truth, strict=True))
    right = sum(s == t for s, t in zip(said, truth, strict=True))
    return (
        f"accuracy {_share(right, len(part))}  precision {_share(hits, sum(said))}  "
        f"recall {_share(hits, sum(truth))}"
    )


def _share(k: int, n: int) -> str:
    return f"{k / n:.3f} ({k}/{n})" if n else "- (0/0)"


def dump(path: Path, found: list[Citation], articles: list[AnnotatedArticle]) -> None:
    """Append the citations to a TSV in the audit file's columns (split, label and reason
    left to the reader), then what each checker said and the claim checker's evidence."""
    by_id = {a.article.id: a for a in articles}
    new = not path.exists()
    with path.open("a", encoding="utf-8") as f:
        if new:
            f.write(f"{_AUDIT_COLUMNS}\tstrict\tclaim\tevidence\n")
        for c in found:
            fields = [
                c.corpus,
                "",
                c.story,
                str(c.line),
                c.quoted,
                c.cited,
                by_id[c.cited].article.outlet or "",
                c.sentence,
                c.aligned,
                "",
                "",
                str(c.strict),
                str(c.claim.holds),
                c.claim.evidence or "",
            ]
            f.write("\t".join(" ".join(x.split()) for x in fields) + "\n")


def calibrate() -> None:
    """Choose the containment cosine on the audit's calibration half: the findings of every
    calibration citation, then the accuracy of each threshold (ties: the stricter)."""
    audit = {k: v for k, v in read_audit().items() if v[1] == "cal"}
    corpora = {corpus for corpus, _, _ in audit}
    claims = ClaimChecker(containment_cosine=2.0)  # the paraphrase route alone
    findings: list[tuple[Finding, bool]] = []
    annotator = Annotator(batch_size=16)
    for corpus in sorted(corpora):
        for story_articles in sample(corpus, 10, 3).values():
            ids = {a.id for a in story_articles}
            wanted = [(s, i) for c, i, s in audit if c == corpus and i in ids]
            if not wanted:
                continue
            by_id = {a.article.id: a for a in annotator.pipe(story_articles)}
            found = claims.check_many([(s, sentences(by_id[i])) for s, i in wanted])
            findings += [
                (f, audit[(corpus, i, s)][0]) for f, (s, i) in zip(found, wanted, strict=True)
            ]
    print(f"calibration citations: {len(findings)}, {sum(h for _, h in findings)} hold")
    threshold = CrossEncoder().threshold
    best = (-1.0, 0.0)
    for cosine in np.arange(0.50, 0.951, 0.025):
        said = [f.paraphrase >= threshold or f.containment >= cosine for f, _ in findings]
        right = sum(s == h for s, (_, h) in zip(said, findings, strict=True))
        print(f"  containment cosine {cosine:.3f}: accuracy {right / len(findings):.3f}")
        if right / len(findings) >= best[0]:
            best = (right / len(findings), float(cosine))
    print(f"chosen: {best[1]:.3f} (accuracy {best[0]:.3f} on the calibration half)")


if __name__ == "__main__":
    main()
