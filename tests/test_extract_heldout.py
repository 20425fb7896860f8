"""The reader scored on real report texts (tests/data/reports): recomputes the precision/recall
tables and checks docs/reader.md and the README carry them as they are now. After a change to
the reader, ``python tests/extract_scoring.py --write`` rewrites the blocks."""

from __future__ import annotations

import sys
from pathlib import Path

import extract_scoring as S

SPLITS = (
    "tuning",
    "held_out",
    "tuning3",
    "tuning4",
    "tuning5",
    "tuning6",
    "tuning7",
    "round3_held_out",
    "round4_held_out",
    "round4_seen",
    "round5_held_out",
    "round5_seen",
    "round6_held_out",
    "round6_seen",
    "round7_held_out",
    "round7_seen",
    "round8_held_out",
    "round8_seen",
    "round9_held_out",
    "round9_seen",
    "round10_held_out",
    "round10_seen",
    "round11_held_out",
    "round11_seen",
    "round12_held_out",
    "round12_seen",
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
    import tomllib

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
    on_disk = {p.stem for p in S.DATA.glob("*.toml")} - {
        "SPLIT",
        "ROUND3_A",
        "ROUND3_B",
        "ROUND4_C",
        "ROUND4_D",
        "ROUND5_E",
        "ROUND5_F",
        "ROUND6_G",
        "ROUND6_H",
        "ROUND6_I",
        "ROUND7_J",
        "ROUND7_K",
        "ROUND7_L",
        "ROUND8_M",
        "ROUND8_N",
        "ROUND8_O",
        "ROUND9_P",
        "ROUND9_Q",
        "ROUND9_S",
        "ROUND10_T",
        "ROUND10_U",
        "ROUND10_V",
        "ROUND11_W",
        "ROUND11_X",
        "ROUND11_Y",
        "ROUND12_A",
        "ROUND12_B",
        "ROUND12_C",
    }
    on_disk -= {"TUNING3", "TUNING4", "TUNING5", "TUNING6", "TUNING7"}
    assert on_disk == set(stems), "a text in tests/data/reports is in no set"


def test_round3_and_tuning_truth_quotes_are_in_their_texts():
    """Rows of round 3 and tuning3-6 carry the exact quote; each is in its text and holds a
    number (the check the gatherers ran, kept as a test)."""
    sys.path.insert(0, str(S.DATA))
    import check_round3_quotes as Q

    assert (
        Q.problems(
            (
                "r3_*.toml",
                "t3_*.toml",
                "t4_*.toml",
                "t5_*.toml",
                "t6_*.toml",
                "t7_*.toml",
                "r4_*.toml",
                "r5_*.toml",
                "r6_*.toml",
                "r7_*.toml",
                "r8_*.toml",
                "r9_*.toml",
                "r10_*.toml",
                "r11_*.toml",
                "r12_*.toml",
            )
        )
        == []
    )
