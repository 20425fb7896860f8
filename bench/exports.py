"""The hand-over files: the workbook (sim.workbook), the briefing without its charts and one
chart drawn for it (sim.briefing), each beside a floor measured in the same run.

Floors: openpyxl writing the IAMC rows of the same run as one plain sheet (what any workbook of
these numbers costs); python-docx saving a document with one table of the same size as the
scoreboard; vl-convert drawing a one-mark chart (its start-up per call). No goals: the files
are built only when a download button is clicked, never on the slider-to-card path.
"""

from __future__ import annotations

import io

from . import common
from .figures import Figure, repeat, scaled


def _plain_sheet(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _one_table(n_rows: int, n_cols: int) -> bytes:
    from docx import Document

    doc = Document()
    tbl = doc.add_table(rows=n_rows, cols=n_cols)
    for row in tbl.rows:
        for cell in row.cells:
            cell.text = "1.00"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def measure(quick: bool = False) -> list[Figure]:
    from sim import model, workbook
    from sim.briefing import briefing_bytes, charts
    from sim.export_tables import Case, targets_table
    from sim.iamc import to_iamc
    from sim.targets import load_targets

    base, pset = common.base(), common.pset()
    vals = common.values(common.max_years())
    proj = model.run(vals, base, pset)
    case = Case("煤炭减产方案", vals, proj, base, load_targets(), pset)
    iamc_rows = to_iamc(proj, "x").itertuples(index=False)
    iamc_rows = list(iamc_rows)
    score = targets_table(case, "zh")
    spec = dict(charts.specs(proj, case.targets, "zh"))["balance"]
    tiny = {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}}
    n = 2 if quick else 10
    parts = [
        (
            "exports.workbook",
            f"workbook (.xlsx), {len(proj.years) - 1}-year run",
            lambda: workbook.workbook_bytes(case, "zh"),
            "openpyxl, IAMC rows as one sheet",
            lambda: _plain_sheet(iamc_rows),
        ),
        (
            "exports.briefing_text",
            "briefing (.docx) without charts",
            lambda: briefing_bytes(case, "zh", chart_names=()),
            "python-docx, one table of the scoreboard's size",
            lambda: _one_table(len(score.rows) + 1, len(score.columns)),
        ),
        (
            "exports.chart_png",
            "one briefing chart as PNG (energy balance)",
            lambda: charts.png(spec),
            "vl-convert, a one-mark chart",
            lambda: charts.png(tiny),
        ),
    ]
    out = []
    for fid, label, fn, floor_label, floor in parts:
        samples = scaled(repeat(fn, n), "ms")
        floors = scaled(repeat(floor, n), "ms")
        out.append(
            Figure(
                id=fid,
                label=label,
                unit="ms",
                samples=samples,
                floor_label=floor_label,
                floor_samples=floors,
            )
        )
    return out
