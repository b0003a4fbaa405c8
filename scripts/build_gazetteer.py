"""Rebuild newsweave/data/gazetteer/countries.tsv from the `countryinfo` package's data.

Source: countryinfo 1.0.1 (PyPI, MIT licence, (c) 2018 Porimol Chandro), one JSON file per
country with its ISO 3166-1 codes, capital, demonym and alternative spellings. Run it in
any environment where that package is installed (it is not a newsweave dependency):

    python -m venv /tmp/gz && /tmp/gz/bin/pip install countryinfo==1.0.1
    /tmp/gz/bin/python scripts/build_gazetteer.py

Only Latin-script names are kept (newsweave reads English news); codes and full official
names are kept as aliases. Hand-made additions live in extra.tsv next to the output.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "newsweave" / "data" / "gazetteer" / "countries.tsv"
HEADER = "code\tname\tcapital\tdemonyms\taliases\n"


def _data_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or spec.origin is None:
        sys.exit("install countryinfo==1.0.1 first, or pass its data folder")
    return Path(spec.origin).parent / "data"


def _latin(text: str) -> bool:
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in text)


def _clean(values: list[str]) -> list[str]:
    kept: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and _latin(value) and "," not in value and "\t" not in value:
            kept[value] = None
    return list(kept)


def main() -> None:
    rows: dict[str, list[str]] = {}
    for path in sorted(_data_dir().glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        code = (item.get("ISO") or {}).get("alpha3")
        capital = item.get("capital")
        if not code or not isinstance(capital, str) or not capital:
            continue  # territories without a capital (or with a list) are not governments
        if code in rows:
            continue  # a second file for the same state ("Palestine, State of")
        demonym = item.get("demonym") or ""
        aliases = _clean([*item.get("altSpellings", []), item.get("nativeName") or ""])
        # Two-letter codes ("IN", "IT", "BY") are words in running text.
        aliases = [a for a in aliases if a != item["name"] and len(a) > 2]
        rows[code] = [code, item["name"], capital, demonym, "|".join(aliases)]
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for code in sorted(rows):
            out.write("\t".join(rows[code]) + "\n")
    print(f"wrote {len(rows)} countries to {OUT}")  # noqa: T201 - a build script reports


if __name__ == "__main__":
    main()
