"""Paired browser comparison of two checkouts' apps: key press to the first card, both pages in
one Chromium, presses interleaved in a random order, so both see the same load.

    .venv/bin/python -m bench.ab /path/to/other/checkout/app.py [--presses 40]

Used for the README's before/after figures of the typed-number box (other = main's app.py).
Prints each page's median and quartiles; no goal, no assertion (a comparison, not a floor).
"""

from __future__ import annotations

import argparse
import random
import statistics

from .browser import open_page, press


def main() -> None:
    from tests.browser_util import CARDS, AppServer, chromium

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", help="app.py of the other checkout (before)")
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    scripts = [args.other, "app.py"]
    rng = random.Random(args.seed)
    samples: dict[str, list[float]] = {s: [] for s in scripts}
    servers = [AppServer(s) for s in scripts]
    try:
        for server in servers:
            server.start()
        with chromium() as browser:
            pages = {
                s: open_page(browser, sv.url, cards=CARDS)
                for s, sv in zip(scripts, servers, strict=True)
            }
            for i in range(3 + args.presses):
                order = list(pages.items())
                rng.shuffle(order)
                for name, (page, slider) in order:
                    lat = press(page, slider)
                    if i >= 3:  # three warm-up rounds
                        samples[name].append(lat)
    finally:
        for server in servers:
            server.stop()
    for name, v in samples.items():
        q = statistics.quantiles(v, n=4)
        print(
            f"{name}: median {statistics.median(v):.1f} ms (p25 {q[0]:.1f}, p75 {q[2]:.1f}, n={len(v)})"
        )


if __name__ == "__main__":
    main()
