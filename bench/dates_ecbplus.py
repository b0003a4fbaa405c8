"""Date expressions on ECB+ dev topics: how many gold TIME_DATE mentions newsweave finds.

ECB+ marks time expressions (TIME_DATE) but gives them no normalised value and its
documents no publication date, so this measures detection only, in the validated sentences
of the dev topics (2 5 12 18 21 23 34 35): recall = gold TIME_DATE mentions overlapped by a
newsweave date mention; precision = newsweave date mentions overlapping a gold TIME_*
markable (dates, times, durations, repetitions all count as time). It also reports how many
found dates resolve: absolute ones ("August 2, 2013", "2007"), and relative ones when the
document has a dateline (nlp.dates.infer_reference_date; such values are marked inferred);
and, of those whose gold text holds a four-digit year, how many got that year.

Usage: .venv/bin/python bench/dates_ecbplus.py
"""

from __future__ import annotations

import csv
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from newsweave.nlp.dates import extract_dates, infer_reference_date

DATA = Path(
    os.environ.get("NEWSWEAVE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def main() -> None:
    path = DATA / "ecbplus" / "ECBplus_coreference_sentences.train_dev.csv"
    with path.open(encoding="utf-8") as handle:
        validated = {(r["File"], int(r["Sentence Number"])) for r in csv.DictReader(handle)}
    n_gold = n_found_gold = n_pred = n_pred_ok = n_resolved = 0
    n_year = n_year_ok = n_docs_dated = n_docs = 0
    for topic in DEV_TOPICS:
        for xml in sorted((DATA / "ecbplus" / "ECB+" / str(topic)).glob("*.xml")):
            root = ET.parse(xml).getroot()  # noqa: S314 - a local research corpus
            n_docs += 1
            name = xml.stem.split("_", 1)[1]
            sentences: dict[int, list[str]] = defaultdict(list)
            where: dict[str, tuple[int, int]] = {}
            for token in root.iter("token"):
                s = int(token.attrib["sentence"])
                where[token.attrib["t_id"]] = (s, len(sentences[s]))
                sentences[s].append(token.text or "")
            gold: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
            markables = root.find("Markables")
            for m in markables if markables is not None else []:
                anchors = [where[a.attrib["t_id"]] for a in m.findall("token_anchor")]
                if not m.tag.startswith("TIME_") or not anchors:
                    continue
                s = anchors[0][0]
                starts = _starts(sentences[s])
                first, last = anchors[0][1], anchors[-1][1]
                text = " ".join(sentences[s][first : last + 1])
                end = starts[last] + len(sentences[s][last])
                gold[s].append((starts[first], end, m.tag, text))
            texts = [" ".join(sentences[s]) for s in sorted(sentences)]
            reference = infer_reference_date(texts)
            n_docs_dated += reference is not None
            for s, words in sentences.items():
                if (name, s) not in validated:
                    continue
                found = extract_dates(" ".join(words), published=reference)
                n_pred += len(found)
                spans = gold.get(s, [])
                n_pred_ok += sum(
                    any(d.start < e and b < d.end for b, e, _, _ in spans) for d in found
                )
                for b, e, tag, text in spans:
                    if tag != "TIME_DATE":
                        continue
                    n_gold += 1
                    hits = [d for d in found if d.start < e and b < d.end]
                    n_found_gold += bool(hits)
                    n_resolved += any(d.value is not None for d in hits)
                    year = _YEAR.search(text)
                    if year and hits:
                        n_year += 1
                        n_year_ok += any(d.value and d.value.year == int(year[1]) for d in hits)
    recall, precision = n_found_gold / n_gold, n_pred_ok / n_pred
    print(
        f"ECB+ dev topics, validated sentences: {n_gold} gold TIME_DATE mentions; "
        f"{datetime.now(UTC):%Y-%m-%d}"
    )
    print(
        f"detection  recall {100 * recall:.1f}  precision {100 * precision:.1f}  "
        f"F1 {200 * recall * precision / (recall + precision):.1f}"
    )
    print(f"documents with a dateline (reference date, marked inferred): {n_docs_dated}/{n_docs}")
    print(
        f"found and resolved (absolute, or relative to the dateline): {n_resolved}/{n_found_gold}"
    )
    print(f"explicit years read correctly: {n_year_ok}/{n_year}")


def _starts(words: list[str]) -> list[int]:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    return starts


if __name__ == "__main__":
    main()
