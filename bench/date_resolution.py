"""Date resolution accuracy against hand-annotated gold values (ECB+ TIME mentions, BASIL).

The gold files (`bench/data/dates_eval.tsv`, `bench/data/dates_tune.tsv`; how they were made
is in `bench/data/README.md`) give, for ECB+ TIME_DATE / TIME_OF_THE_DAY markables, the ISO
8601 value a careful reader gives them from the document ("-" when the document does not
anchor them). Each gold document goes through newsweave's annotator as the pipeline runs
it (no publication date: ECB+ has none; the date relative expressions resolve against is
`nlp.reference_date`, as in the pipeline). A gold expression is found when a newsweave date
mention overlaps it, and right when one such mention's value equals the gold value ("-":
right when none has a value). A Monday-Sunday span reads as an ISO week (2012-W15).
`--set basil` runs the BASIL set instead: dated articles, so the reference date is the
publication date.

Printed, for newsweave and for baselines measured in the same run on the same sentences:
accuracy over all gold expressions, accuracy over the found ones, coverage, and accuracy
by kind (absolute, weekday, offset, partial, range).
- literal: the same extractor with no reference date (only what the text itself says).
- weekday in its week: newsweave, but a weekday is that day of the reference date's week.

Usage: .venv/bin/python bench/date_resolution.py [--set eval|tune|basil] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from story_data import (
    basil_article,
    basil_sentences,
    detokenize,
    ecbplus_article,
    ecbplus_sentence_words,
)

from newsweave.model import AnnotatedArticle, Article, DateMention
from newsweave.nlp import Annotator
from newsweave.nlp.assemble import reference_date
from newsweave.nlp.dates import extract_dates

GOLD = Path(__file__).resolve().parent / "data"
KINDS = ("absolute", "weekday", "offset", "partial", "range")
_WEEKDAY = re.compile(r"\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b", re.I)


@dataclass(frozen=True, slots=True)
class GoldDate:
    document: str
    sentence: int
    text: str
    gold: str
    kind: str
    span: tuple[int, int] | None  # in the article text; None when it could not be located


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("eval", "tune", "basil"), default="eval")
    parser.add_argument("--errors", action="store_true", help="list newsweave's wrong values")
    args = parser.parse_args()
    rows = _read_gold(GOLD / f"dates_{args.set}.tsv")
    excluded = Counter(r["kind"] for r in rows if r["gold"] == "x")
    rows = [r for r in rows if r["gold"] != "x"]
    names = sorted({r["document"] for r in rows}, key=_doc_order)
    articles = (_article(r["corpus"], n) for n in names for r in rows if r["document"] == n)
    unique = {a.id: a for a in articles}.values()
    notes = dict(zip(names, Annotator().pipe(unique), strict=True))
    items = [_locate(r, notes[r["document"]]) for r in rows]
    systems: dict[str, Callable[[AnnotatedArticle], list[DateMention]]] = {
        "newsweave (pipeline)": lambda note: list(note.dates),
        "literal only (no reference date)": _literal,
        "weekday in its week": _weekday_in_week,
    }
    print(
        f"{args.set} gold: {len(items)} expressions in {len(names)} documents "
        f"({sum(excluded.values())} markables excluded: {dict(sorted(excluded.items()))}); "
        f"{sum(i.span is None for i in items)} not located; {datetime.now(UTC):%Y-%m-%d}"
    )
    print(
        f"{'system':34} {'acc':>5} {'acc|found':>9} {'cover':>5}  "
        + " ".join(f"{k:>8}" for k in KINDS)
    )
    errors: list[str] = []
    for name, system in systems.items():
        mentions = {doc: system(note) for doc, note in notes.items()}
        results = [(item, _judge(item, mentions[item.document])) for item in items]
        print(_row(name, results))
        if name.startswith("newsweave"):
            errors = [
                f"  {i.document} s{i.sentence} «{i.text}» gold {i.gold} got {got or 'nothing'}"
                for i, (found, right, got) in results
                if not right
            ]
    counts = Counter(i.kind for i in items)
    print("gold by kind: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
    if args.errors:
        print("newsweave's misses:", *errors, sep="\n")


def _read_gold(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _doc_order(name: str) -> tuple[int, str]:
    return int(name.split("_", 1)[0].split("/")[0]), name


def _article(corpus: str, name: str) -> Article:
    return basil_article(f"articles/{name}") if corpus == "basil" else ecbplus_article(name)


def _locate(row: dict[str, str], note: AnnotatedArticle) -> GoldDate:
    """Find the gold expression in the article text the pipeline saw."""
    if row["corpus"] == "basil":
        return _locate_basil(row, note)
    words = ecbplus_sentence_words(row["document"])[int(row["sentence"])]
    first, last = int(row["first_token"]), int(row["last_token"])
    sentence = detokenize(" ".join(words))
    phrase = detokenize(" ".join(words[first : last + 1]))
    text = note.article.text
    span = None
    at = text.find(sentence) if sentence else -1
    if at < 0:  # the URL sentence, or one the cleaner changed: look near its tail
        at = max(0, text.find(detokenize(" ".join(words[first:]))))
    hint = at + len(detokenize(" ".join(words[:first]))) - 3 if first else at
    where = text.find(phrase, max(at, hint))
    if where < 0:
        where = text.find(phrase, at)
    if where >= 0:
        span = (where, where + len(phrase))
    return GoldDate(
        row["document"], int(row["sentence"]), row["text"], row["gold"], row["kind"], span
    )


def _locate_basil(row: dict[str, str], note: AnnotatedArticle) -> GoldDate:
    """BASIL rows give the sentence (in corpus order) and character offsets within it."""
    sentence = basil_sentences(f"articles/{row['document']}")[int(row["sentence"])]
    first, last = int(row["first_token"]), int(row["last_token"])
    at = note.article.text.find(sentence)
    span = (at + first, at + last) if at >= 0 else None
    return GoldDate(
        row["document"], int(row["sentence"]), row["text"], row["gold"], row["kind"], span
    )


def _render(mention: DateMention) -> str | None:
    value, until = mention.value, mention.until
    if value is None:
        return None
    if until is None:
        return value.iso()
    if value.n_fields == until.n_fields == 3:
        start = date.fromisoformat(value.iso())
        if start.weekday() == 0 and date.fromisoformat(until.iso()) == start + timedelta(6):
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
    return f"{value.iso()}/{until.iso()}"


def _judge(item: GoldDate, mentions: list[DateMention]) -> tuple[bool, bool, str]:
    """(found, right, what newsweave said)."""
    if item.span is None:
        return False, item.gold == "-", ""
    start, end = item.span
    hits = [m for m in mentions if m.start < end and start < m.end]
    values = [v for v in (_render(m) for m in hits) if v]
    said = ", ".join(values) if values else ("unresolved" if hits else "")
    right = item.gold in values if item.gold != "-" else not values
    return bool(hits), right, said


def _row(name: str, results: list[tuple[GoldDate, tuple[bool, bool, str]]]) -> str:
    n = len(results)
    found = [r for _, r in results if r[0]]
    n_right = sum(r[1] for _, r in results)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for item, (_, right, _) in results:
        by_kind[item.kind].append(right)
    cells = " ".join(
        f"{100 * sum(by_kind[k]) / len(by_kind[k]):8.1f}" if by_kind[k] else f"{'-':>8}"
        for k in KINDS
    )
    acc_found = 100 * sum(r[1] for r in found) / max(1, len(found))
    return (
        f"{name:34} {100 * n_right / n:5.1f} {acc_found:9.1f} {100 * len(found) / n:5.1f}  " + cells
    )


def _literal(note: AnnotatedArticle) -> list[DateMention]:
    return [
        m
        for s in note.sentences
        for m in extract_dates(s.text, offset=s.start, index=s.index, published=None)
    ]


def _weekday_in_week(note: AnnotatedArticle) -> list[DateMention]:
    """newsweave's mentions, but a lone weekday is that day of the reference date's week."""
    anchor = reference_date(note.article, note.sentences)
    out = []
    for m in note.dates:
        name = _WEEKDAY.search(m.text)
        is_lone = name and m.value is not None and not re.search(r"\d", m.text)
        if anchor is not None and is_lone and m.value is not None:
            day = date(m.value.year or 1, m.value.month or 1, m.value.day or 1)
            monday = anchor - timedelta(days=anchor.weekday())
            day = monday + timedelta(days=day.weekday())
            m = _with_day(m, day)
        out.append(m)
    return out


def _with_day(m: DateMention, day: date) -> DateMention:
    value = extract_dates(day.isoformat())[0].value
    return DateMention(m.text, m.start, m.end, m.sentence, value, m.until)


if __name__ == "__main__":
    main()
