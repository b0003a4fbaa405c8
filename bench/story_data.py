"""Story-grouping benchmark data: ECB+, BASIL and NeuS/AllSides as dated articles with gold.

Shared by the `stories_*` benchmarks. Articles are annotated once by newsweave's own
annotator and cached (pickle, keyed by corpus and annotator version) under
NEWSWEAVE_BENCH_CACHE (default: the system temp folder), so tuning runs do not re-annotate.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import os
import pickle
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.model import AnnotatedArticle, Article, RawDocument
from newsweave.nlp import Annotator
from newsweave.nlp.assemble import lead_text
from newsweave.nlp.static_embeddings import StaticEncoder
from newsweave.registry import COMPONENTS

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One benchmark article, its gold story, and the split it belongs to."""

    article: Article
    gold: str
    split: str = "all"


def _article(doc_id: str, text: str, **meta: object) -> Article:
    raw = RawDocument(
        id=doc_id,
        source=doc_id,
        format="bench",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        **meta,  # type: ignore[arg-type]
    )
    return clean_document(raw, min_chars=1)


def ecbplus() -> list[GoldArticle]:
    """ECB+ train and dev documents; gold story = subtopic. No dates (the corpus has none)."""
    root = DATA / "ecbplus"
    out = []
    with (root / "doc_index.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            path = root / "ECB+" / row["topic"] / row["doc_name"]
            url, text = _ecb_text(path)
            article = _article(row["doc_name"], text, url=url)
            out.append(GoldArticle(article, row["subtopic"], row["split"]))
    return out


def ecbplus_article(doc_name: str) -> Article:
    """One ECB+ document ("6_4ecbplus") as the pipeline gets it: text, URL, no date."""
    path = DATA / "ecbplus" / "ECB+" / doc_name.split("_", 1)[0] / f"{doc_name}.xml"
    url, text = _ecb_text(path)
    return _article(f"{doc_name}.xml", text, url=url)


def ecbplus_sentence_words(doc_name: str) -> dict[int, list[str]]:
    """An ECB+ document's tokens by sentence number, as in its XML."""
    return _sentence_words(
        DATA / "ecbplus" / "ECB+" / doc_name.split("_", 1)[0] / f"{doc_name}.xml"
    )


def _sentence_words(path: Path) -> dict[int, list[str]]:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):  # noqa: S314 - a local research corpus
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return sentences


def detokenize(text: str) -> str:
    """ECB+ tokens re-joined as `ecbplus()` joins them."""
    return _detokenize(text)


def _ecb_text(path: Path) -> tuple[str | None, str]:
    """(source URL, text): ECB+ documents open with their URL as tokens; it is metadata."""
    sentences = _sentence_words(path)
    ordered = [words for _, words in sorted(sentences.items())]
    url = None
    if ordered and ordered[0][:1] == ["http"]:
        url, ordered[0] = _split_url(ordered[0])
    lines = [_detokenize(" ".join(words)) for words in ordered]
    return url, "\n\n".join(line for line in lines if line)


_URL_GLUE = {"/", ".", "-", "_", ":", "?", "=", "&", "%", "#", "+", ","}


def _split_url(words: list[str]) -> tuple[str, list[str]]:
    """A URL runs while tokens alternate with separators ("lohan - rehab - 2013")."""
    end = 1
    while end < len(words) and (words[end] in _URL_GLUE or words[end - 1] in _URL_GLUE):
        end += 1
    return "".join(words[:end]), words[end:]


def _detokenize(text: str) -> str:
    text = re.sub(r" ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return text.replace("`` ", "“").replace(" ''", "”")


def basil() -> list[GoldArticle]:
    """BASIL's 300 articles (100 events x 3 outlets), dated; gold story = triplet."""
    root = DATA / "basil"
    out = []
    with (root / "article_index.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.append(GoldArticle(basil_article(row["path"]), row["triplet_uuid"]))
    return out


def basil_article(path: str) -> Article:
    """One BASIL article ("articles/2016/<uuid>_2.json"), dated, as the pipeline gets it."""
    doc = json.loads((DATA / "basil" / path).read_text(encoding="utf-8"))
    body = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
    return _article(
        Path(path).stem,
        body,
        title=doc["title"],
        outlet=doc["source"].lower(),
        url=doc["url"],
        published=datetime.fromisoformat(doc["date"]).replace(tzinfo=UTC),
    )


def basil_sentences(path: str) -> list[str]:
    """A BASIL article's sentences, as the corpus splits them, in order."""
    doc = json.loads((DATA / "basil" / path).read_text(encoding="utf-8"))
    return [s for paragraph in doc["body-paragraphs"] for s in paragraph]


def neus() -> list[GoldArticle]:
    """NeuS/AllSides raw crawl: each story's outlet excerpts, dated by the AllSides story date."""
    path = next((DATA / "neus-allsides" / "raw_crawled").glob("*.jsonl"))
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            when = datetime.fromisoformat(story["date"]).astimezone(UTC)
            for side, news in sorted(story.get("news", {}).items()):
                body = news.get("newBody") or ""
                if isinstance(body, list):
                    body = "\n\n".join(body)
                if len(body) < 40:
                    continue
                article = _article(
                    f"neus-{story['id']}-{side}",
                    body,
                    title=news.get("newsTitle") or None,
                    outlet=news.get("newsSource") or None,
                    published=when,
                )
                out.append(GoldArticle(article, str(story["id"])))
    return out


def fnc_bodies() -> Iterator[Article]:
    """FNC-1 article bodies (undated): extra text for the throughput stream."""
    for name in ("train_bodies.csv", "competition_test_bodies.csv"):
        with (DATA / "fnc-1" / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if len(row["articleBody"]) >= 200:
                    yield _article(f"fnc-{name[:5]}-{row['Body ID']}", row["articleBody"])


# Bump when the text a loader makes changes, so cached annotations are redone.
_TEXT_VERSION = "2"

CORPORA: dict[str, Callable[[], list[GoldArticle]]] = {
    "ecbplus": ecbplus,
    "basil": basil,
    "neus": neus,
}


def annotated(corpus: str) -> list[tuple[AnnotatedArticle, GoldArticle]]:
    """A corpus, annotated by newsweave (cached across runs)."""
    cache = Path(os.environ.get("NEWSWEAVE_BENCH_CACHE", tempfile.gettempdir()))
    key = hashlib.sha1(  # noqa: S324 - a cache key
        (corpus + COMPONENTS["annotate"] + COMPONENTS["encoder"] + _TEXT_VERSION).encode()
    ).hexdigest()[:10]
    path = cache / f"newsweave-bench-{corpus}-{key}.pickle"
    if path.exists():
        with path.open("rb") as f:
            cached: list[tuple[AnnotatedArticle, GoldArticle]] = pickle.load(f)  # noqa: S301
        return cached
    gold = CORPORA[corpus]()
    notes = list(Annotator(batch_size=32).pipe(g.article for g in gold))
    result = list(zip(notes, gold, strict=True))
    with path.open("wb") as f:
        pickle.dump(result, f)
    return result


def static_leads(
    items: list[tuple[AnnotatedArticle, GoldArticle]],
) -> list[tuple[AnnotatedArticle, GoldArticle]]:
    """The same articles with their lead vector made by the static encoder instead of MiniLM
    (the same lead text: headline and first sentences), to compare the two for stories."""
    leads = [lead_text(a.article, list(a.sentences)) for a, _ in items]
    vectors = StaticEncoder().encode(leads)
    return [(dataclasses.replace(a, vector=v), g) for (a, g), v in zip(items, vectors, strict=True)]


def lead_vector_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """`--static-leads` and `--dense` (the lead vector's weight), shared by the story benches."""
    parser.add_argument(
        "--static-leads", action="store_true", help="lead vectors from the static encoder"
    )
    parser.add_argument("--dense", type=float, help="weight of the lead-vector channel")
    return parser
