"""Checks the round-3 truth files without the reader: every figure row's quote is in its text.

Usage: python tests/data/reports/check_round3_quotes.py  (exit 1 and a line per problem)
"""

import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBER = re.compile(r"[0-9０-９]|[〇一二两三四五六七八九十百千万亿点]")


def problems(globs: tuple[str, ...] = ("r3_*.toml",)) -> list[str]:
    out = []
    for path in sorted(p for g in globs for p in HERE.glob(g)):
        truth = tomllib.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        for i, row in enumerate(truth.get("figures", [])):
            quote = row.get("quote", "")
            where = f"{path.name} row {i} ({row.get('field')})"
            if not quote:
                out.append(f"{where}: no quote")
            elif quote not in text:
                out.append(f"{where}: quote not in the text: {quote!r}")
            elif not NUMBER.search(quote):
                out.append(f"{where}: quote holds no number: {quote!r}")
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "all quotes found")
    sys.exit(1 if found else 0)
