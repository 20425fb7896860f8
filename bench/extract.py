"""The report reader's time against the text's length: ``python -m bench.extract [--before REV]``.

Inputs are generated: the real report sentences of tests/data/reports repeated until the text
reaches each size, with and without line breaks (a paste with no punctuation but commas is the
worst case for sentence-level work). Beside each figure the floor: one pass of a simple regex
over the same text, measured in the same run (the machine is shared; compare ratios, not
seconds). ``--before REV`` times the reader of git revision REV the same way, in a subprocess.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES_KB = (26, 100, 400, 1300)


SHAPES = {
    "as written": None,
    "no sentence ends": (r"[。；！？\n]", "，"),
    "no punctuation": (r"[。；！？\n，、,:：]", ""),
    "bare predicates": None,
}
# one phrase repeated: each was quadratic in some version (a scan back or a list search per
# occurrence); ``python -m bench.extract`` times them at every size too
REPEATED = {
    "预计 before every figure": "预计地区生产总值增长5%",
    "two-series lists": "城镇和农村居民收入分别达到3元、4元，增长2%和6%，",
    "contents headings": "三、2026年工作安排\n",
    "structure ratios": "三次产业结构为9.8:52.7:37.5，",
    "预计 opening every item": "预计，地区生产总值增长5%；",
    "今年 in the review": "今年，地区生产总值增长5%，",
}
SHAPES.update(dict.fromkeys(REPEATED))


def sample(kb: int, shape: str = "as written") -> str:
    """A text of about ``kb`` kilobytes (UTF-8) made of the evaluation set's texts, or for
    ``bare predicates`` one subject followed by ``，增长1.5%`` repeated (the old reader walked
    back over every clause for each of them: cubic)."""
    if shape == "bare predicates":
        return "一、2023年工作回顾\n地区生产总值" + "，增长1.5%" * (kb * 1000 // 13)
    if shape in REPEATED:
        unit = REPEATED[shape]
        return "一、2023年工作回顾\n" + unit * (kb * 1000 // len(unit.encode("utf-8")))
    texts = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))
    one = "\n".join(p.read_text(encoding="utf-8") for p in texts)
    if SHAPES[shape]:
        one = re.sub(*SHAPES[shape], one)
    out, size = [], 0
    while size < kb * 1000:
        out.append(one)
        size += len(one.encode("utf-8"))
    text = "".join(out)
    cut = len(text) * kb * 1000 // size
    return text[:cut]


def floor(text: str) -> float:
    t0 = time.perf_counter()
    sum(1 for _ in re.finditer(r"\d+", text))
    return time.perf_counter() - t0


def time_reader(text: str) -> float:
    from sim.extract import extract_report

    t0 = time.perf_counter()
    with contextlib.suppress(ValueError):
        extract_report(text, "bench", 2024)
    return time.perf_counter() - t0


_CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from sim.extract import extract_report
text = open(sys.argv[2], encoding="utf-8").read()
t0 = time.perf_counter()
try:
    extract_report(text, "bench", 2024)
except ValueError:
    pass
print(time.perf_counter() - t0)
"""


def time_revision(rev: str, text: str, timeout: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", tmp, rev],
            check=True,
            capture_output=True,
        )
        try:
            src = Path(tmp) / "in.txt"
            src.write_text(text, encoding="utf-8")
            try:
                res = subprocess.run(
                    [sys.executable, "-c", _CHILD, tmp, str(src)],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                )
                return f"{float(res.stdout.strip()):.2f} s" if res.returncode == 0 else "error"
            except subprocess.TimeoutExpired:
                return f"> {timeout:.0f} s"
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", tmp], capture_output=True
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", metavar="REV", help="also time the reader of this revision")
    ap.add_argument("--timeout", type=float, default=90.0)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES_KB)))
    args = ap.parse_args()
    print(
        "| text | chars | reader now | floor (one regex pass) | ratio |"
        + (f" reader at {args.before} |" if args.before else "")
    )
    for kb in (int(s) for s in args.sizes.split(",")):
        for shape in SHAPES:
            text = sample(kb, shape)
            now, fl = time_reader(text), floor(text)
            row = (
                f"| {kb} KB, {shape} | {len(text):,} | "
                f"{now:.2f} s | {fl * 1000:.1f} ms | {now / fl:.0f}x |"
            )
            if args.before:
                row += f" {time_revision(args.before, text, args.timeout)} |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
