"""The reader scored on real report texts (tests/data/reports): recomputes the precision/recall
tables and checks docs/reader.md and the README carry them as they are now. After a change to
the reader, ``python tests/extract_scoring.py --write`` rewrites the blocks."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import extract_scoring as S

# every set of SPLIT.toml; round1_held_out is the part of "tuning" once held out (a record)
SPLITS = tuple(
    k for k in tomllib.loads((S.DATA / "SPLIT.toml").read_text("utf-8")) if k != "round1_held_out"
)

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

    from sim.extract import extract_report

    for stem in [stem for name in SPLITS for stem in S.split(name)]:
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
    sets = {name: set(S.split(name)) for name in SPLITS}
    stems = [stem for name in SPLITS for stem in sets[name]]
    assert len(stems) == len(set(stems)), "a text is in two sets"
    assert len(sets["tuning"]) >= 20 and len(sets["held_out"]) >= 10
    for stem in stems:
        assert (S.DATA / f"{stem}.txt").exists() and (S.DATA / f"{stem}.toml").exists()
    logs = re.compile(r"SPLIT|ROUND\d+_[A-Z]|TUNING\d+")  # the split and the gatherers' logs
    on_disk = {p.stem for p in S.DATA.glob("*.toml") if not logs.fullmatch(p.stem)}
    assert on_disk == set(stems), "a text in tests/data/reports is in no set"


def test_round3_and_tuning_truth_quotes_are_in_their_texts():
    """Rows of round 3 on and tuning3 on carry the exact quote; each is in its text and holds a
    number (the check the gatherers ran, kept as a test)."""
    sys.path.insert(0, str(S.DATA))
    import check_round3_quotes as Q

    assert (
        Q.problems(("r[0-9]*_*.toml", "t[0-9]*_*.toml"))  # rounds 3 on, tuning3 on
        == []
    )
