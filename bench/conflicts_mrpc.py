"""Typed conflicts on real sentences: MRPC dev paraphrases with one value changed.

    .venv/bin/python bench/conflicts_mrpc.py [--limit N]

For each paraphrase pair of the GLUE dev split (label 1), sentence b is altered in one slot
when it has one: a quantity (its first number scaled by 1.5 and rounded), a date (the day
moved by 5, else the year by 3), a person (replaced by a name of another pair) or a place
after "in"/"at" (replaced by another pair's place). Each altered pair should come out
`conflicting` with that kind; the untouched pairs should not be conflicting at all.
Figures per type: recall of the conflict (any kind / right kind), and the false-conflict
rate on the untouched pairs.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
from collections import Counter
from pathlib import Path

from newsweave.compare import compare_sentences
from newsweave.nlp.dates import extract_dates
from newsweave.nlp.entities import tidy_entity
from newsweave.nlp.quantities import extract_quantities
from newsweave.nlp.spacy_pipeline import load_spacy

KINDS = ("quantity", "date", "name", "place")


def data_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("NEWSWEAVE_DATA", default))


def paraphrases(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        return [(row[3], row[4]) for row in rows if row[0] == "1"]


def change_quantity(text: str) -> str | None:
    dates = [(d.start, d.end) for d in extract_dates(text)]
    for q in extract_quantities(text, skip=dates):
        number = re.search(r"\d+(?:[.,]\d+)*", q.text)
        if number is None:
            continue
        value = float(number.group(0).replace(",", ""))
        changed = f"{round(value * 1.5 + 2):,}"
        at = q.start + number.start()
        return text[:at] + changed + text[at + len(number.group(0)) :]
    return None


def change_date(text: str) -> str | None:
    for d in extract_dates(text):
        if d.value is None:
            continue
        if d.value.day is not None:
            day = re.search(r"\b\d{1,2}\b", d.text)
            if day:
                moved = str(int(day.group(0)) % 23 + 5)
                at = d.start + day.start()
                return text[:at] + moved + text[at + len(day.group(0)) :]
        if d.value.year is not None and d.value.month is None:
            year = re.search(r"\d{4}", d.text)
            if year:
                at = d.start + year.start()
                return text[:at] + str(int(year.group(0)) - 3) + text[at + 4 :]
    return None


def entities(text: str, labels: set[str]) -> list[tuple[int, int, str]]:
    found = []
    for ent in load_spacy()(text).ents:
        mention = tidy_entity(ent.text, ent.label_, ent.start_char, ent.end_char, 0)
        if mention is not None and mention.label in labels:
            found.append((mention.start, mention.end, mention.text))
    return found


def change_entity(text: str, labels: set[str], pool: list[str], *, after_in: bool) -> str | None:
    for start, end, name in entities(text, labels):
        if after_in and not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[:start]):
            continue
        other = next((p for p in pool if p.split()[-1] not in text and p != name), None)
        if other is not None:
            return text[:start] + other + text[end:]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="pairs to use (0 = all)")
    args = parser.parse_args()
    pairs = paraphrases(data_dir() / "mrpc" / "glue_dev.tsv")
    if args.limit:
        pairs = pairs[: args.limit]
    people = [n for _, b in pairs for _, _, n in entities(b, {"PERSON"}) if len(n.split()) > 1]
    places = [n for _, b in pairs for _, _, n in entities(b, {"GPE"})]
    altered: dict[str, list[tuple[str, str]]] = {k: [] for k in KINDS}
    for a, b in pairs:
        changes = {
            "quantity": change_quantity(b),
            "date": change_date(b),
            "name": change_entity(b, {"PERSON"}, people[::-1], after_in=False),
            "place": change_entity(b, {"GPE"}, places[::-1], after_in=True),
        }
        for kind, changed in changes.items():
            if changed is not None and changed != b:
                altered[kind].append((a, changed))
    print(f"MRPC GLUE dev paraphrases: {len(pairs)}")
    print(f"{'type':<10} {'pairs':>5} {'conflict found':>15} {'right type':>11}")
    for kind in KINDS:
        verdicts = [compare_sentences(a, b) for a, b in altered[kind]]
        n = max(1, len(verdicts))
        found = sum(v.relation == "conflicting" for v in verdicts)
        right = sum(v.relation == "conflicting" and v.kind == kind for v in verdicts)
        print(f"{kind:<10} {len(verdicts):>5} {found / n:>15.3f} {right / n:>11.3f}")
    untouched = [compare_sentences(a, b) for a, b in pairs]
    false = Counter(v.kind for v in untouched if v.relation == "conflicting")
    rate = sum(false.values()) / max(1, len(untouched))
    print(f"untouched paraphrases called conflicting: {rate:.3f} ({dict(false)})")


if __name__ == "__main__":
    main()
