"""The scenario library: versions, validation, delete/restore, export/import, migration, and the
"nothing is lost" guarantees tested for real with separate processes and SIGKILL.

Every test uses a library in tmp_path (LPS_LIBRARY is set per test), never the user's.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sim
from sim import io, library_schema
from sim.baseline import build_baseline
from sim.errors import InputError
from sim.library import MAX_NAME, MAX_NOTES, Library, baseline_hash

ROOT = Path(__file__).resolve().parents[1]
POSIX = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork-free subprocesses")


@pytest.fixture
def lib_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "lib" / "library.sqlite3"
    monkeypatch.setenv(library_schema.ENV_VAR, str(path))
    return path


@pytest.fixture
def lib(lib_path) -> Library:
    return Library()


def custom_baseline():
    """The embedded baseline with another region name and GDP: an 'uploaded' baseline."""
    df = io.read_baseline_frame()
    df["region"] = "Testville"
    df.loc[df.variable == "GDP", "value"] = 1600.0
    return build_baseline(df)


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


# ---------------------------------------------------------------------------- basics
def test_location_from_env_var_and_default(lib_path, tmp_path, monkeypatch):
    assert library_schema.default_path() == lib_path
    Library().list()
    assert lib_path.exists()  # the directory was created
    monkeypatch.delenv(library_schema.ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert library_schema.default_path() == tmp_path / "xdg" / "lps-sim" / "library.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "lps-sim" / "library.sqlite3"
    assert library_schema.default_path() == expected


def test_every_save_is_a_new_version_with_its_provenance(lib, lib_path):
    v1 = lib.save("煤价下行", {"price.coal": -20}, author="李工", notes="first try")
    v2 = lib.save("煤价下行", {"price.coal": -25, "industry.mode": "target"}, author="王工")
    assert (v1.number, v2.number) == (1, 2)
    hist = lib.history("煤价下行")
    assert [v.inputs for v in hist] == [
        {"price.coal": -20.0},
        {"industry.mode": "target", "price.coal": -25.0},
    ]
    assert [v.author for v in hist] == ["李工", "王工"]
    assert hist[0].notes == "first try" and hist[1].notes == ""
    for v in hist:
        assert v.model_version == sim.__version__
        assert (v.region, v.base_year, v.custom_baseline) == ("Liupanshui", 2023, False)
        assert v.baseline_hash == baseline_hash(build_baseline(io.read_baseline_frame()).frame)
        assert v.origin == "app"
    (entry,) = lib.list()
    assert (entry.name, entry.author, entry.versions, entry.latest.number) == (
        "煤价下行",
        "李工",
        2,
        2,
    )
    assert entry.created_at <= entry.changed_at
    with raw(lib_path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA user_version").fetchone()[0] == library_schema.SCHEMA_VERSION
    assert lib.check()


def test_open_latest_or_given_version(lib):
    lib.save("a", {"growth.primary": 4})
    lib.save("a", {"growth.primary": 5})
    assert lib.open("a").values["growth.primary"] == 5
    op = lib.open("a", 1)
    assert op.values["growth.primary"] == 4 and op.version.number == 1 and not op.issues
    assert op.values["growth.secondary"] == 6.5  # every input, defaults filled in
    with pytest.raises(InputError, match="no version 7"):
        lib.open("a", 7)
    with pytest.raises(InputError, match="no scenario named 'b'"):
        lib.open("b")


def test_uploaded_baseline_is_stored_and_comes_back(lib):
    base = custom_baseline()
    v = lib.save("elsewhere", {}, base)
    assert v.custom_baseline and v.region == "Testville"
    op = lib.open("elsewhere")
    again = op.baseline()
    assert again.region == "Testville" and again.gdp == 1600.0
    assert baseline_hash(again.frame) == v.baseline_hash
    assert lib.open("elsewhere").baseline_csv is not None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": {"growth.primary": 99}}, "growth.primary"),
        ({"values": {"growth.primary": "abc"}}, "growth.primary"),
        ({"values": {"no.such": 1}}, "no.such"),
        ({"values": {"struct.coal_share": 85, "struct.power_share": 50}}, "struct.power_share"),
        ({"name": ""}, "name"),
        ({"name": "x" * (MAX_NAME + 1)}, "name"),
        ({"name": "bell\x07"}, "name"),
        ({"notes": "n" * (MAX_NOTES + 1)}, "notes"),
        ({"author": 5}, "author"),
    ],
)
def test_invalid_input_is_refused_before_anything_is_stored(lib, kwargs, field):
    args = {"name": "ok", "values": {}, **kwargs}
    with pytest.raises(InputError) as e:
        lib.save(args.pop("name"), args.pop("values"), **args)
    assert e.value.field == field
    assert lib.list() == []


def test_values_out_of_todays_range_are_clamped_on_open_with_a_warning(lib, lib_path):
    lib.save("old", {"growth.primary": 10})
    with raw(lib_path) as c:  # as if an older tool had allowed 40
        c.execute("UPDATE version SET inputs = ?", (json.dumps({"growth.primary": 40}),))
    op = lib.open("old")
    assert op.values["growth.primary"] == 15.0
    assert [i.field for i in op.issues] == ["growth.primary"]


def test_duplicate_rename_delete_restore_purge(lib):
    lib.save("a", {"growth.primary": 4}, author="me", notes="n1")
    lib.save("a", {"growth.primary": 5}, author="me")
    lib.duplicate("a", "b")
    assert lib.open("b").values["growth.primary"] == 5
    assert [v.origin for v in lib.history("b")] == ["duplicate"]
    with pytest.raises(InputError, match="already exists"):
        lib.duplicate("a", "b")
    with pytest.raises(InputError, match="already exists"):
        lib.rename("b", "a")
    lib.rename("b", "c")
    assert sorted(e.name for e in lib.list()) == ["a", "c"]
    lib.delete("a")  # soft: to the trash, history kept, name free
    assert [e.name for e in lib.list()] == ["c"]
    assert [(e.name, e.versions) for e in lib.list(deleted=True)] == [("a", 2)]
    lib.save("a", {"growth.primary": 6})  # a new scenario under the freed name
    with pytest.raises(InputError, match="already exists"):
        lib.restore("a")
    lib.rename("a", "a-new")
    lib.restore("a")
    assert lib.entry("a").versions == 2 and lib.entry("a-new").versions == 1
    assert lib.delete("a", purge=True) == 1
    assert sorted(e.name for e in lib.list() + lib.list(deleted=True)) == ["a-new", "c"]
    with pytest.raises(InputError):
        lib.delete("a", purge=True)
    assert lib.check()


# ---------------------------------------------------------------------------- migration
def write_v1_library(path: Path) -> None:
    """A library as version 1 of the tool left it: one scenario with two versions."""
    library_schema.create_v1(path)
    h = baseline_hash(build_baseline(io.read_baseline_frame()).frame)
    with raw(path) as c:
        c.execute("INSERT INTO baseline VALUES (?, 'Liupanshui', 2023, NULL)", (h,))
        c.execute("INSERT INTO scenario VALUES (1, 'old plan', 'zhang', '2024-01-02T03:04:05Z',"
                  " '2024-01-03T00:00:00Z')")  # fmt: skip
        for n, g in ((1, 4.0), (2, 4.5)):
            c.execute(
                "INSERT INTO version (scenario_id, number, saved_at, author, notes, inputs,"
                " baseline_hash, model_version) VALUES (1, ?, ?, 'zhang', 'v1 note', ?, ?, '0.0.9')",
                (n, f"2024-01-0{n + 1}T00:00:00Z", json.dumps({"growth.primary": g}), h),
            )


def test_a_v1_library_is_migrated_not_refused(lib, lib_path):
    lib_path.parent.mkdir(parents=True)
    write_v1_library(lib_path)
    assert [v.inputs for v in lib.history("old plan")] == [
        {"growth.primary": 4.0},
        {"growth.primary": 4.5},
    ]
    with raw(lib_path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 2
        cols = {r[1] for r in c.execute("PRAGMA table_info(scenario)")}
        assert "deleted_at" in cols
    backup = Path(f"{lib_path}.schema1.bak")
    with raw(backup) as c:  # the file as it was, kept beside it
        assert c.execute("PRAGMA user_version").fetchone()[0] == 1
        assert c.execute("SELECT COUNT(*) FROM version").fetchone()[0] == 2
    assert [v.origin for v in lib.history("old plan")] == ["", ""]
    lib.save("old plan", {"growth.primary": 5})  # v2 features work on the migrated file
    lib.delete("old plan")
    lib.save("old plan", {})
    assert lib.entry("old plan").versions == 1
    assert lib.list(deleted=True)[0].versions == 3
    assert lib.check()


def test_newer_or_foreign_files_are_refused_with_what_to_do(lib, lib_path):
    lib_path.parent.mkdir(parents=True)
    with raw(lib_path) as c:
        c.execute("PRAGMA user_version = 99")
    with pytest.raises(InputError, match="update the tool"):
        lib.list()
    lib_path.unlink()
    lib_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="not a usable scenario library"):
        lib.list()


def test_a_writer_that_waits_too_long_gets_a_clear_refusal(lib, lib_path, monkeypatch):
    lib.save("a", {})
    monkeypatch.setattr(library_schema, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(lib_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(InputError, match="locked; nothing was changed"):
            lib.save("a", {"growth.primary": 4})
        assert lib.entry("a").versions == 1  # readers are not blocked (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    lib.save("a", {"growth.primary": 4})
    assert lib.entry("a").versions == 2


# ---------------------------------------------------------------------------- processes
def child(code: str, *args: str, lib_path: Path) -> subprocess.Popen:
    env = {**os.environ, library_schema.ENV_VAR: str(lib_path), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


WRITER = """
import sys, time
from pathlib import Path
from sim.library import Library
who, n_shared, n_own, tmp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
lib = Library()
(tmp / f"ready-{who}").touch()
while not (tmp / "go").exists():
    time.sleep(0.002)
t0 = time.time()
for k in range(max(n_shared, n_own)):
    if k < n_shared:
        lib.save("shared", {"growth.primary": k % 10}, author=who, notes=f"{who}-s{k}")
    if k < n_own:
        lib.save(f"own-{who}", {"growth.primary": k % 10}, author=who, notes=f"{who}-o{k}")
print(t0, time.time())
"""


@POSIX
def test_concurrent_writers_in_separate_processes_lose_nothing(lib, lib_path, tmp_path):
    """Four processes start together on a library that does not exist yet (so they also race
    to create and migrate it) and save 25 versions of one shared scenario and 10 of their own."""
    n_proc, n_shared, n_own = 4, 25, 10
    procs = [
        child(WRITER, f"w{i}", str(n_shared), str(n_own), str(tmp_path), lib_path=lib_path)
        for i in range(n_proc)
    ]
    deadline = time.time() + 60
    while len(list(tmp_path.glob("ready-*"))) < n_proc and time.time() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    spans = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        spans.append(tuple(map(float, out.split())))
    assert max(s[0] for s in spans) < min(s[1] for s in spans)  # they really overlapped
    shared = lib.history("shared")
    assert [v.number for v in shared] == list(range(1, n_proc * n_shared + 1))
    want = {f"w{i}-s{k}" for i in range(n_proc) for k in range(n_shared)}
    assert {v.notes for v in shared} == want
    for i in range(n_proc):
        assert [v.notes for v in lib.history(f"own-w{i}")] == [f"w{i}-o{k}" for k in range(n_own)]
    assert len(lib.list()) == n_proc + 1
    assert lib.check()


PAUSED_WRITER = """
import sys, time
import sim.library as L
from sim import library_schema
from sim.baseline import build_baseline
from sim.io import read_baseline_frame

def small_cache(path=None):  # force pages out to the WAL file before COMMIT
    conn = library_schema.connect(path)
    conn.execute("PRAGMA cache_size = 1")
    return conn

def pause(conn):
    print("in-transaction", flush=True)
    time.sleep(120)

L.connect = small_cache
df = read_baseline_frame()
extra = df[df.variable == "GDP|Real Growth"].copy()
rows = [extra.assign(variable=f"Extra|{i}", quote="x" * 400) for i in range(900)]
import pandas as pd
base = build_baseline(pd.concat([df, *rows], ignore_index=True))
library_schema.before_commit = pause
L.Library().save(sys.argv[1], {"growth.primary": 9}, base, notes="never committed")
"""


def wait_for(proc: subprocess.Popen, text: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if text in line:
            return
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read())
    raise AssertionError(f"child never printed {text!r}")


def snapshot(lib: Library) -> list:
    return [
        (e.name, [(v.number, v.inputs, v.notes) for v in lib.history(e.name)]) for e in lib.list()
    ]


@POSIX
@pytest.mark.parametrize("name", ["kept", "brand new"])
def test_writer_killed_mid_save_leaves_library_as_before(lib, lib_path, name):
    lib.save("kept", {"growth.primary": 4}, notes="v1")
    before = snapshot(lib)
    proc = child(PAUSED_WRITER, name, lib_path=lib_path)
    wait_for(proc, "in-transaction")
    wal = Path(f"{lib_path}-wal")
    assert wal.stat().st_size > 100_000  # uncommitted pages really were on disk
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(lib) == before
    assert lib.check()
    with raw(lib_path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("SELECT COUNT(*) FROM baseline").fetchone()[0] == 1
    lib.save("kept", {"growth.primary": 5})  # no stale lock: the next save goes through
    assert lib.entry("kept").versions == 2


LOOPING_WRITER = """
from sim.library import Library
lib = Library()
k = 0
while True:
    k += 1
    lib.save("loop", {"growth.primary": k % 10}, notes=str(k))
    print(k, flush=True)
"""


@POSIX
def test_writers_killed_at_random_moments_never_corrupt_or_half_save(lib, lib_path):
    import random

    rng = random.Random(5)
    printed = 0
    for _ in range(5):
        proc = child(LOOPING_WRITER, lib_path=lib_path)
        line = proc.stdout.readline()  # the first save of this child is committed
        assert line.strip(), proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        rest = proc.stdout.read().split()
        committed = int(rest[-1]) if rest else int(line)
        hist = lib.history("loop")
        # every save the child reported is there; at most one more (killed after COMMIT,
        # before printing); none is half there
        assert printed + committed <= len(hist) <= printed + committed + 1
        assert [v.number for v in hist] == list(range(1, len(hist) + 1))
        assert lib.check()
        printed = len(hist)


PAUSED_MIGRATION = """
import time
from sim import library_schema
def pause(conn):
    print("in-transaction", flush=True)
    time.sleep(120)
library_schema.before_commit = pause
library_schema.connect()
"""


@POSIX
def test_migration_killed_midway_leaves_the_v1_file_usable(lib, lib_path):
    lib_path.parent.mkdir(parents=True)
    write_v1_library(lib_path)
    proc = child(PAUSED_MIGRATION, lib_path=lib_path)
    wait_for(proc, "in-transaction")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with raw(lib_path) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == 1
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert lib.entry("old plan").versions == 2  # and now it migrates
    assert lib.check()
