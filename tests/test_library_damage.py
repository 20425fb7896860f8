"""A damaged library file: a corrupted page, rows that make no sense, impossible schema versions.

Every call refuses with one InputError that says what to do (never sqlite3.DatabaseError,
ValueError or KeyError, which used to reach the command line and the app as tracebacks), the
app's library tab shows it as a message, and ``library recover`` gets back every readable row
(and, from the automatic backup, what the damaged pages held) while the damaged file is kept.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import library_schema
from sim.errors import InputError
from sim.library import Library
from sim.library_recover import recover
from tests.fuzz_util import assert_refusal, examples, run_cli, tally

N_SCENARIOS, N_VERSIONS = 30, 4
NOTES = "x" * 1200  # long notes: the version table spans many pages


def build(path: Path) -> dict[str, list[str]]:
    """A library with 30 scenarios x 4 versions, written to the main file (WAL checkpointed).
    Returns {name: [notes of each version]}."""
    lib = Library(path)
    want = {}
    for i in range(N_SCENARIOS):
        name = f"scenario {i:02d}"
        want[name] = []
        for k in range(N_VERSIONS):
            note = f"{name} v{k + 1} {NOTES}"
            lib.save(name, {"growth.primary": (i + k) % 10}, notes=note)
            want[name].append(note)
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return want


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("pristine") / "library.sqlite3"
    want = build(path)
    Path(f"{path}.bak").unlink(missing_ok=True)  # tests that want a backup make a fresh one
    return path, want


def copy_of(pristine, tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    shutil.copyfile(pristine[0], path)
    return path


def page_count(path: Path) -> int:
    with sqlite3.connect(path) as c:
        return c.execute("PRAGMA page_count").fetchone()[0]


def corrupt_page(path: Path, page: int, pattern: bytes = b"\xde\xad\xbe\xef") -> None:
    """Overwrite page ``page`` (1-based) of the file with ``pattern`` repeated."""
    size = 4096
    with open(path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write((pattern * (size // len(pattern) + 1))[:size])


def every_call(lib: Library) -> list[str]:
    """Run every library call; return how each ended ('ok' or 'refused'); nothing else may
    escape."""
    ends = []
    calls = [
        lambda: lib.list(),
        lambda: lib.list(deleted=True),
        lambda: [lib.history(e.name) for e in lib.list()],
        lambda: lib.history("scenario 05"),
        lambda: lib.open("scenario 17"),
        lambda: lib.open("scenario 29", 2),
        lambda: lib.save("new one", {"growth.primary": 3}),
        lambda: lib.rename("scenario 01", "renamed"),
        lambda: lib.duplicate("scenario 02", "copy"),
        lambda: lib.delete("scenario 03"),
        lambda: lib.check(),
    ]
    for call in calls:
        try:
            call()
            ends.append("ok")
        except InputError as e:
            assert e.text("zh") and e.text("en") and "\n" not in e.text("en")
            ends.append("refused")
    return ends


# ---------------------------------------------------------------------------- corrupted pages
def test_one_corrupted_page_is_a_clear_refusal_not_a_traceback(pristine, tmp_path):
    path = copy_of(pristine, tmp_path)
    corrupt_page(path, page_count(path) // 2)
    with pytest.raises(InputError) as e:
        Library(path).list()
    assert "library recover" in e.value.text("en") and "library recover" in e.value.text("zh")
    code, _, err = run_cli(["library", "list", "--library", str(path)])
    assert_refusal(code, err, "damaged", "recover")


@examples(40)
@given(page=st.integers(1, 10_000), pattern=st.binary(min_size=1, max_size=64))
def test_any_corrupted_page_only_ever_gives_input_errors(pristine, tmp_path_factory, page, pattern):
    path = copy_of(pristine, tmp_path_factory.mktemp("fuzz"))
    corrupt_page(path, 1 + page % page_count(path), pattern)
    for end in every_call(Library(path)):
        tally("library: corrupted page", end)


def test_recover_keeps_the_damaged_file_and_every_readable_row(pristine, tmp_path):
    path = copy_of(pristine, tmp_path)
    corrupt_page(path, page_count(path) // 2)
    damaged = path.read_bytes()
    rep = recover(path)
    assert rep.damaged_copy is not None and rep.damaged_copy.read_bytes() == damaged
    lib = Library(path)
    assert lib.check()
    want = pristine[1]
    got = {e.name: [v.notes for v in lib.history(e.name)] for e in lib.list()}
    for name, notes in got.items():  # nothing recovered is wrong
        assert notes == [n for n in want[name] if n in notes]
    kept = sum(len(v) for v in got.values())
    lost = N_SCENARIOS * N_VERSIONS - kept
    assert lost <= 4  # one 4 kB page holds about three 1.2 kB versions
    assert rep.kept["version"] == kept
    lib.save("after recovery", {})  # and the library is usable again


def test_recover_takes_what_the_damaged_page_held_from_the_backup(pristine, tmp_path):
    path = copy_of(pristine, tmp_path)
    with sqlite3.connect(path) as conn:
        assert library_schema.refresh_backup(conn, path, every_s=0)
    corrupt_page(path, page_count(path) // 2)
    rep = recover(path)
    lib = Library(path)
    got = {e.name: [v.notes for v in lib.history(e.name)] for e in lib.list()}
    assert got == pristine[1]  # nothing the user saved is lost
    assert rep.from_backup["version"] >= 1


def test_page_one_destroyed_recovers_from_the_backup(pristine, tmp_path):
    path = copy_of(pristine, tmp_path)
    with sqlite3.connect(path) as conn:
        library_schema.refresh_backup(conn, path, every_s=0)
    corrupt_page(path, 1)
    with pytest.raises(InputError):
        Library(path).list()
    recover(path)
    got = {e.name: [v.notes for v in Library(path).history(e.name)] for e in Library(path).list()}
    assert got == pristine[1]


def test_the_automatic_backup_is_made_after_a_write_and_never_from_a_damaged_file(tmp_path):
    path = tmp_path / "l.sqlite3"
    lib = Library(path)
    lib.save("a", {})
    bak = Path(f"{path}.bak")
    assert bak.exists() and Library(bak).entry("a").versions == 1
    first = bak.stat().st_mtime_ns
    lib.save("a", {"growth.primary": 4})
    assert bak.stat().st_mtime_ns == first  # at most once a day
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    corrupt_page(path, 2)
    with sqlite3.connect(path) as conn:
        assert not library_schema.refresh_backup(conn, path, every_s=0)
    assert Library(bak).entry("a").versions == 1


# ---------------------------------------------------------------------------- bad rows
@pytest.mark.parametrize(
    ("sql", "lost"),
    [
        ("UPDATE baseline SET base_year = 'abc'", 0),  # the label is read again from the CSV
        ("UPDATE baseline SET base_year = 2023.5", 0),
        ("UPDATE version SET inputs = 'not json' WHERE number = 2 AND scenario_id = 1", 1),
        ("UPDATE version SET inputs = '[1, 2]' WHERE number = 3 AND scenario_id = 2", 1),
        ("UPDATE version SET number = 'two' WHERE number = 2 AND scenario_id = 3", 1),
        ("UPDATE scenario SET name = x'ff00' WHERE id = 4", N_VERSIONS + 1),
        ("UPDATE version SET notes = x'00ff' WHERE number = 1 AND scenario_id = 5", 1),
    ],
)
def test_a_row_that_makes_no_sense_is_refused_and_recovered_around(pristine, tmp_path, sql, lost):
    path = copy_of(pristine, tmp_path)
    with sqlite3.connect(path) as c:
        c.execute(sql)
        c.commit()
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    trial = tmp_path / "trial.sqlite3"
    shutil.copyfile(path, trial)
    assert "refused" in every_call(Library(trial))
    code, _, err = run_cli(["library", "list", "--library", str(path)])
    assert code == 0 or "damaged" in err
    rep = recover(path)
    lib = Library(path)
    assert lib.check() and lib.list()
    kept = rep.kept["version"] + rep.kept["scenario"]
    assert kept == N_SCENARIOS * (N_VERSIONS + 1) - lost
    tally("library: bad row", "refused, then recovered")


@pytest.mark.parametrize("version", [-1, -(2**31), 0])
def test_impossible_schema_versions_are_refused_in_one_line(tmp_path, version):
    path = tmp_path / "l.sqlite3"
    Library(path).save("a", {})
    with sqlite3.connect(path) as c:
        c.execute(f"PRAGMA user_version = {version}")
    with pytest.raises(InputError) as e:
        Library(path).list()
    assert str(version) in str(e.value) or "usable" in str(e.value)
    code, _, err = run_cli(["library", "list", "--library", str(path)])
    assert_refusal(code, err)


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_a_file_that_is_not_a_library_is_refused(tmp_path, content):
    path = tmp_path / "l.sqlite3"
    path.write_bytes(content)
    ends = every_call(Library(path))
    if content:  # refused, and the file is left as it was
        assert set(ends) == {"refused"} and path.read_bytes() == content
    else:  # an empty file is a new, empty library ("no scenario named …" for the rest)
        assert ends.count("ok") >= 3 and Library(path).check()


def test_check_command_reports_ok_and_damage(pristine, tmp_path):
    path = copy_of(pristine, tmp_path)
    code, out, _ = run_cli(["library", "check", "--library", str(path)])
    assert code == 0 and "ok (30 scenario(s), 120 live version(s))" in out
    corrupt_page(path, page_count(path) // 2)
    code, _, err = run_cli(["library", "check", "--library", str(path)])
    assert_refusal(code, err, "recover")
    code, out, _ = run_cli(["library", "recover", "--library", str(path)])
    assert code == 0 and "damaged file is kept" in out
    assert run_cli(["library", "check", "--library", str(path)])[0] == 0


# ---------------------------------------------------------------------------- the app
def _library_tab():
    import streamlit as st

    from sim import io, model
    from sim.baseline import build_baseline
    from sim.metadata import load_parameters, validate_adjustment
    from sim.targets import load_targets
    from ui.context import Ctx
    from ui.library import render

    base = build_baseline(io.read_baseline_frame())
    values = validate_adjustment({}).values
    lang = st.session_state.get("test_lang", "zh")
    render(Ctx(lang, values, base, load_parameters(), load_targets(), model.run(values, base), "x"))


@pytest.mark.parametrize(
    "damage",
    ["page", "PRAGMA user_version = -1", "UPDATE baseline SET base_year = 'abc'",
     "UPDATE version SET inputs = 'x'"],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_apps_library_tab_shows_damage_as_a_message(
    pristine, tmp_path, monkeypatch, damage, lang
):
    from streamlit.testing.v1 import AppTest

    path = copy_of(pristine, tmp_path)
    if damage == "page":
        corrupt_page(path, page_count(path) // 2)
    else:
        with sqlite3.connect(path) as c:
            c.execute(damage)
    monkeypatch.setenv(library_schema.ENV_VAR, str(path))
    at = AppTest.from_function(_library_tab, default_timeout=60)
    at.session_state["test_lang"] = lang
    at.run()
    assert not at.exception, at.exception
    assert at.error, "the damage is said"
    assert "recover" in at.error[0].value
    assert ("损坏" in at.error[0].value or "结构版本" in at.error[0].value) == (lang == "zh")
