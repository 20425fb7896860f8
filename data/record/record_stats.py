"""Summary statistics of the targets-versus-outcomes record (targets_outcomes.csv).

For every region-year that has both a January target and an outcome it computes the
deviation (outcome minus target, in percentage points) and whether the target was met,
then summarises by year, by group and for Liupanshui alone.

Rules (stated again in README.md):
- the reference for a range target (e.g. 6%-6.5%) is its midpoint for the deviation and
  its lower bound for "met"; for every other qualifier it is target_value;
- "met" means outcome >= reference (so 左右 counts as missed when the outcome is below the
  number); a looser share "met or within 0.5 points" is printed beside it;
- a region-year counts once; estimates (预计) count as outcomes, and the statistics are
  also given for preliminary/final outcomes only.

Usage: python data/record/record_stats.py            print the Markdown block
       python data/record/record_stats.py --write    also refresh it in README.md
"""

import csv
import statistics
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "targets_outcomes.csv"
README = HERE / "README.md"
START, END = "<!-- stats:start -->", "<!-- stats:end -->"
GDP = "GDP|Real Growth"
TOLERANCE = 0.5  # percentage points, for the looser "met or nearly met" share


def load(path=CSV_PATH):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def reference(row):
    """(deviation reference, met threshold) of a row's target, or None without a target."""
    if row["target_qualifier"] == "range":
        low, high = float(row["target_low"]), float(row["target_high"])
        return (low + high) / 2, low
    if row["target_value"] == "":
        return None
    value = float(row["target_value"])
    return value, value


def pairs(rows, variable=GDP):
    """Rows of one variable with both sides, each with 'dev' and 'met' added."""
    out = []
    for row in rows:
        if row["variable"] != variable or row["outcome_value"] == "":
            continue
        ref = reference(row)
        if ref is None:
            continue
        outcome = float(row["outcome_value"])
        out.append(
            dict(
                row,
                dev=outcome - ref[0],
                met=outcome >= ref[1] - 1e-9,
                near=outcome >= ref[1] - TOLERANCE - 1e-9,
            )
        )
    return out


def summary(items):
    devs = [p["dev"] for p in items]
    n = len(devs)
    sd = statistics.stdev(devs) if n > 1 else float("nan")
    return dict(
        n=n,
        mean=statistics.fmean(devs) if n else float("nan"),
        median=statistics.median(devs) if n else float("nan"),
        sd=sd,
        met=sum(p["met"] for p in items) / n if n else float("nan"),
        near=sum(p["near"] for p in items) / n if n else float("nan"),
    )


def fmt(x, pct=False):
    if x != x:  # NaN
        return "–"
    return f"{100 * x:.0f}%" if pct else f"{x:+.2f}"


def table(groups):
    lines = [
        "| group | n | mean dev (pp) | median dev | sd | share met | met or within 0.5 pp |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, items in groups:
        s = summary(items)
        sd = "–" if s["sd"] != s["sd"] else f"{s['sd']:.2f}"
        lines.append(
            f"| {name.replace('|', chr(92) + '|')} | {s['n']} | {fmt(s['mean'])} | {fmt(s['median'])} | {sd} | "
            f"{fmt(s['met'], True)} | {fmt(s['near'], True)} |"
        )
    return lines


def coal_class(row):
    return row["coal_power_region"].split(":")[0].strip()


def report(rows):
    gdp = pairs(rows)
    out = [f"Region-years with both a GDP target and an outcome: **{len(gdp)}**.", ""]

    out += ["By group:", ""]
    groups = [
        ("all", gdp),
        ("prefecture or county", [p for p in gdp if p["region_level"] in ("prefecture", "county")]),
        ("province", [p for p in gdp if p["region_level"] == "province"]),
        ("coal-and-power (yes)", [p for p in gdp if coal_class(p) == "yes"]),
        ("coal yes or partly", [p for p in gdp if coal_class(p) in ("yes", "partly")]),
        ("not coal (no)", [p for p in gdp if coal_class(p) == "no"]),
        ("Guizhou (province and its prefectures)", [p for p in gdp if p["province"] == "贵州省"]),
        ("六盘水市 (Liupanshui)", [p for p in gdp if p["region"] == "六盘水市"]),
        (
            "outcome not an estimate (预计 excluded)",
            [p for p in gdp if p["outcome_status"] != "estimate"],
        ),
    ]
    out += table(groups)

    out += ["", "By year (all regions):", ""]
    by_year = defaultdict(list)
    for p in gdp:
        by_year[int(p["year"])].append(p)
    out += table([(str(y), by_year[y]) for y in sorted(by_year)])

    out += ["", "Other variables (all regions, same rules):", ""]
    variables = sorted({r["variable"] for r in rows} - {GDP})
    out += table([(v, pairs(rows, v)) for v in variables if pairs(rows, v)])

    out += ["", "Region-years with both GDP sides, by region:", ""]
    years = defaultdict(list)
    for p in gdp:
        years[(p["region_level"], p["province"], p["region"])].append(p["year"])
    out += ["| region | level | years |", "|---|---|---|"]
    for (level, _prov, region), ys in sorted(years.items()):
        out.append(f"| {region} | {level} | {', '.join(sorted(ys))} |")
    return "\n".join(out) + "\n"


def write_readme(text):
    body = README.read_text(encoding="utf-8")
    head, rest = body.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main(argv):
    text = report(load())
    print(text, end="")
    if "--write" in argv:
        write_readme(text)


if __name__ == "__main__":
    main(sys.argv[1:])
