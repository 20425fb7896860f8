"""Writers killed with SIGKILL during every kind of library write, in real processes.

1. Mid-transaction, by operation: a child pauses just before COMMIT of a rename, delete, purge,
   restore, duplicate, import or save (its pages already in the WAL) and is killed there: the
   library is exactly as before, passes SQLite's checks, and the operation then goes through.
2. At random moments, under contention: three workers run random saves, duplicates, renames,
   deletes and restores (each in its own names) plus saves of one shared scenario, journaling
   each operation before and after it; one is killed every few tenths of a second and started
   again. After each kill the library must hold exactly what the journal says was done, with the
   one operation in flight either wholly there or wholly absent; at the end every check passes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from sim.library import Library
from tests.fuzz_util import SCALE, tally
from tests.test_library import child as _child
from tests.test_library import wait_for

POSIX = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def child(code: str, *args: str, lib: Path) -> subprocess.Popen:
    return _child(code, *args, lib_path=lib)


def state(lib: Path, prefix: str = "") -> dict:
    """Every scenario (live or in the trash) whose name starts with ``prefix``: live names with
    their versions' notes, and the trash as a sorted list of (name, notes)."""
    with sqlite3.connect(lib) as c:
        rows = c.execute(
            "SELECT s.id, s.name, s.deleted_at IS NOT NULL, v.notes FROM scenario s"
            " JOIN version v ON v.scenario_id = s.id WHERE s.name LIKE ? ORDER BY s.id, v.number",
            (prefix + "%",),
        ).fetchall()
    by_id: dict = {}
    for sid, name, gone, notes in rows:
        by_id.setdefault(sid, (name, gone, []))[2].append(notes)
    live = {n: tokens for n, gone, tokens in by_id.values() if not gone}
    trash = sorted([n, tokens] for n, gone, tokens in by_id.values() if gone)
    return {"live": live, "trash": trash}


# ---------------------------------------------------------------------------- 1. mid-transaction
PAUSED = """
import sys, time
from sim import library_schema
from sim.library import Library
from sim.library_files import import_bytes

def pause(conn):
    print("in-transaction", flush=True)
    time.sleep(120)

lib = Library()
op = sys.argv[1]
library_schema.before_commit = pause
if op == "rename":
    lib.rename("a", "renamed")
elif op == "delete":
    lib.delete("a")
elif op == "purge":
    lib.delete("gone", purge=True)
elif op == "restore":
    lib.restore("gone")
elif op == "duplicate":
    lib.duplicate("a", "copy")
elif op == "save":
    lib.save("a", {"growth.primary": 9}, notes="never")
elif op == "import":
    import_bytes(lib, open(sys.argv[2], "rb").read(), "x.json")
"""

OPS = ["rename", "delete", "purge", "restore", "duplicate", "save", "import"]


@POSIX
@pytest.mark.parametrize("op", OPS)
def test_writer_killed_inside_each_kind_of_write_leaves_the_library_as_before(tmp_path, op):
    lib_path = tmp_path / "library.sqlite3"
    lib = Library(lib_path)
    lib.save("a", {"growth.primary": 4}, notes="a1")
    lib.save("a", {"growth.primary": 5}, notes="a2")
    lib.save("gone", {}, notes="g1")
    lib.delete("gone")
    export = tmp_path / "x.json"
    other = Library(tmp_path / "other.sqlite3")
    other.save("imported", {"growth.primary": 6}, notes="i1")
    from sim.library_files import export_json

    export.write_text(export_json(other), encoding="utf-8")
    before = state(lib_path)
    proc = child(PAUSED, op, str(export), lib=lib_path)
    wait_for(proc, "in-transaction")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert state(lib_path) == before
    assert lib.check()
    # no lock is left behind: the same operation now goes through
    done = child(PAUSED.replace("library_schema.before_commit = pause", ""), op, str(export),
                 lib=lib_path)  # fmt: skip
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert state(lib_path) != before and lib.check()
    tally(f"library: SIGKILL inside {op}", "library as before")


# ---------------------------------------------------------------------------- 2. at random
WORKER = """
import json, os, random, sys
from pathlib import Path
from sim.library import Library

w, journal, model_file, seed = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
model = json.loads(model_file.read_text())
rng = random.Random(seed)
lib = Library()
log = open(journal, "a", buffering=1)

def note(line):
    log.write(line + "\\n")
    log.flush()
    os.fsync(log.fileno())

def fresh():
    model["next"] += 1
    return f"w{w}-{model['next']}"

def token():
    model["tok"] += 1
    return f"w{w}.t{model['tok']}"

while True:
    live, trash = model["live"], model["trash"]
    names = sorted(live)
    once = [n for n, _ in trash if sum(1 for m, _ in trash if m == n) == 1 and n not in live]
    r = rng.random()
    if r < 0.35 or not names:
        name = rng.choice(names) if names and rng.random() < 0.6 else fresh()
        op = ["save", name, token()]
    elif r < 0.5:
        op = ["duplicate", rng.choice(names), fresh()]
    elif r < 0.65:
        op = ["rename", rng.choice(names), fresh()]
    elif r < 0.8:
        op = ["delete", rng.choice(names)]
    elif r < 0.9 and once:
        op = ["restore", rng.choice(once)]
    else:
        op = ["shared", token()]
    note("B " + json.dumps(op))
    kind = op[0]
    if kind == "save":
        lib.save(op[1], {"growth.primary": rng.randint(0, 9)}, notes=op[2])
    elif kind == "duplicate":
        lib.duplicate(op[1], op[2])
    elif kind == "rename":
        lib.rename(op[1], op[2])
    elif kind == "delete":
        lib.delete(op[1])
    elif kind == "restore":
        lib.restore(op[1])
    elif kind == "shared":
        lib.save("shared", {}, notes=op[1])
    note("E")
    from tests.test_library_kill import apply  # the same model the parent checks against
    apply(model, op)
"""


def apply(model: dict, op: list) -> dict:
    """The effect of one operation on a worker's model (live names -> notes; the trash)."""
    kind, live, trash = op[0], model["live"], model["trash"]
    if kind == "save":
        live.setdefault(op[1], []).append(op[2])
        model["tok"] = max(model["tok"], int(op[2].split(".t")[1]))
        model["next"] = max(model["next"], int(op[1].split("-")[1]))
    elif kind == "duplicate":
        live[op[2]] = [live[op[1]][-1]]
        model["next"] = max(model["next"], int(op[2].split("-")[1]))
    elif kind == "rename":
        live[op[2]] = live.pop(op[1])
        model["next"] = max(model["next"], int(op[2].split("-")[1]))
    elif kind == "delete":
        trash.append([op[1], live.pop(op[1])])
        trash.sort()
    elif kind == "restore":
        i = next(i for i, (n, _) in enumerate(trash) if n == op[1])
        live[op[1]] = trash.pop(i)[1]
    elif kind == "shared":
        model["shared"].append(op[1])
        model["tok"] = max(model["tok"], int(op[1].split(".t")[1]))
    return model


def replay(model: dict, journal: Path) -> tuple[dict, list | None, int]:
    """The model after every completed operation in the journal, the operation in flight (its
    begin line written, its end line not) and how many operations completed."""
    ops, pending = [], None
    for line in journal.read_text().splitlines() if journal.exists() else []:
        if line.startswith("B "):
            pending = json.loads(line[2:])
        elif line == "E" and pending is not None:
            ops.append(pending)
            pending = None
    for op in ops:
        apply(model, op)
    return model, pending, len(ops)


def check_worker(lib: Path, w: int, model: dict, pending: list | None) -> dict:
    """The library holds this worker's model, with the operation in flight wholly done or not
    at all. Returns the model as the library has it."""
    got = state(lib, f"w{w}-")
    mine = [n for n in state(lib, "shared")["live"].get("shared", []) if n.startswith(f"w{w}.")]
    without = json.loads(json.dumps(model))
    options = [without]
    if pending is not None:
        options.append(apply(json.loads(json.dumps(model)), pending))
    for m in options:
        if got == {"live": m["live"], "trash": m["trash"]} and mine == m["shared"]:
            return m
    raise AssertionError(f"worker {w}: library {got} / shared {mine} matches neither {options}")


@POSIX
def test_workers_killed_at_random_during_every_kind_of_write_lose_nothing(tmp_path):
    lib = tmp_path / "library.sqlite3"
    Library(lib).list()
    rng = random.Random(2024)
    n_workers, kills = 3, 10 * SCALE
    models = {
        w: {"live": {}, "trash": [], "shared": [], "next": 0, "tok": 0} for w in range(n_workers)
    }
    procs: dict[int, subprocess.Popen] = {}
    starts = 0

    def start(w: int) -> None:
        nonlocal starts
        starts += 1
        mf = tmp_path / f"model-{w}.json"
        mf.write_text(json.dumps(models[w]))
        jf = tmp_path / f"journal-{w}.log"
        jf.write_text("")
        procs[w] = child(WORKER, str(w), str(jf), str(mf), str(starts), lib=lib)

    def settle(w: int) -> int:
        model, pending, done = replay(
            json.loads(json.dumps(models[w])), tmp_path / f"journal-{w}.log"
        )
        models[w] = check_worker(lib, w, model, pending)
        return done

    for w in range(n_workers):
        start(w)
    completed = 0
    for _ in range(kills):
        w = rng.randrange(n_workers)
        journal = tmp_path / f"journal-{w}.log"
        deadline = time.time() + 60
        while journal.read_text().count("\nE") < 3 and time.time() < deadline:  # it is running
            if procs[w].poll() is not None:
                raise AssertionError(procs[w].stderr.read())
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(procs[w].pid, signal.SIGKILL)
        procs[w].wait(timeout=30)
        completed += settle(w)
        start(w)
    for w, p in procs.items():
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
        completed += settle(w)
    assert Library(lib).check()
    with sqlite3.connect(lib) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert completed > 10 * kills  # the workers really worked between kills
    tally("library: random SIGKILL of concurrent writers", f"{kills + n_workers} kills")
    tally("library: operations under SIGKILL, all accounted for", f"{completed} operations")
