"""Stretches of a normalised report that a reading rule covers as a whole (report.py): the
sentences about a zone inside the region, and the places a change is measured against a year
before the one under review (``比2016年``, a five-year review's)."""

from __future__ import annotations

from . import wording as W


def zone_spans(t: str, region: str) -> list[tuple[int, int]]:
    """[start, end) of every period-sentence of ``t`` that opens on a zone of the region
    (``天易经开区实现…；完成地区生产总值430亿元``), not on one the region's own name holds."""
    out, start = [], 0
    for m in [*W.PERIOD.finditer(t), None]:
        end = m.start() if m else len(t)
        z = W.SUB_AREA.match(t, start, end)
        if z and z.group("name")[:2] not in region:
            out.append((start, end))
        start = end + 1
    return out


def since_earlier_year(t: str, review_year: int) -> list[int]:
    """Positions of ``比2016年`` / ``较2015年末`` whose year is before ``review_year - 1``."""
    return [m.start() for m in W.SINCE_YEAR.finditer(t) if int(m.group(1)) < review_year - 1]
