"""The reader scored on real report texts (tests/data/reports): recomputes the precision/recall
tables and checks docs/reader.md and the README carry them as they are now. After a change to
the reader, ``python tests/extract_scoring.py --write`` rewrites the blocks."""

from __future__ import annotations

from pathlib import Path

import extract_scoring as S

ROOT = Path(__file__).resolve().parents[1]


def test_docs_and_readme_carry_the_current_scores():
    b = S.blocks()
    for name in ("docs/reader.md", "README.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert S.render(text, b) == text, (
            f"{name} is stale: run python tests/extract_scoring.py --write"
        )


def test_no_target_lands_in_the_baseline_as_an_actual():
    """In every text of both sets: no review figure equals a target the truth has for that
    field unless the review has the same value too (a target read as last year's actual)."""
    import tomllib

    from sim.extract import extract_report

    for stem in S.split("tuning") + S.split("held_out"):
        text = (S.DATA / f"{stem}.txt").read_text(encoding="utf-8")
        truth = tomllib.loads((S.DATA / f"{stem}.toml").read_text(encoding="utf-8"))
        given = None if truth["year_stated"] else truth["report_year"]
        try:
            ex = extract_report(text, "x", given)
        except ValueError:
            continue
        targets = {(r["field"], r["value"]) for r in truth["figures"] if r["kind"] == "target"}
        review = {(r["field"], r["value"]) for r in truth["figures"] if r["kind"] != "target"}
        for f in ex.figures:
            key = (S.KEY_BY_VARIABLE[f.variable], f.value)
            assert key not in targets or key in review, (stem, key)


def test_split_is_disjoint_and_every_text_has_truth():
    tune, held = set(S.split("tuning")), set(S.split("held_out"))
    assert not tune & held and len(tune) >= 20 and len(held) >= 10
    for stem in tune | held:
        assert (S.DATA / f"{stem}.txt").exists() and (S.DATA / f"{stem}.toml").exists()
