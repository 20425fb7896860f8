"""docs/model.md's assumptions table is the one sim.analysis.assumptions computes."""

from __future__ import annotations

from pathlib import Path

from sim.analysis import assumptions

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"
START, END = "<!-- assumptions:start -->", "<!-- assumptions:end -->"


def test_assumptions_table_is_current(base, defaults):
    text = DOC.read_text(encoding="utf-8")
    table = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == assumptions.markdown(defaults, base), "regenerate the table in docs/model.md"


def test_every_assumption_is_in_the_table(pset):
    text = DOC.read_text(encoding="utf-8")
    for p in pset.params:
        if p.kind in ("assumption", "derived"):
            assert f"`{p.id}`" in text, p.id
