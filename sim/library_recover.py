"""Getting a damaged scenario library back: every row that can still be read, checked, in a new
file; the damaged file kept beside it, untouched.

A library can be damaged by a failing disk, a copy taken while it was written, or another
program. SQLite then refuses queries that touch a bad page ("database disk image is malformed")
and the library refuses the call with what to do (``library_rows.damaged``). ``recover``:

1. copies the damaged file (and its WAL) and reads only the copy, table by table; where a whole
   table cannot be read it reads ranges of rowids, halving a range that fails down to single
   rows, so only the rows on a bad page are lost;
2. checks every row as the library would (a row that makes no sense is left out and counted);
3. adds what the automatic backup ``<file>.bak`` (library_schema.refresh_backup) holds and the
   damaged file lost: scenarios, versions and baselines it does not already have;
4. writes a new library with them, checks it (integrity and foreign keys), moves the damaged
   file to ``<file>.damaged-<time>`` and puts the new one in its place.

Stop the app before recovering: a writer that still has the old file open would write to the
moved copy.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import io
from .errors import InputError
from .library_schema import ENV_VAR, connect, integrity_ok, transaction

TABLES = ("scenario", "baseline", "version")
COLUMNS = {
    "scenario": ("id", "name", "author", "created_at", "changed_at", "deleted_at"),
    "baseline": ("hash", "region", "base_year", "csv"),
    "version": (
        "id", "scenario_id", "number", "saved_at", "author", "notes", "inputs",
        "baseline_hash", "model_version", "origin",
    ),
}  # fmt: skip
MAX_EMPTY = 64  # blocks of rowids found empty before a scan without max(rowid) stops
BLOCK = 256


@dataclass
class Recovery:
    """What ``recover`` did: rows kept per table (from the file, from the backup), rows that
    could not be read or made no sense, and where the damaged file now is."""

    kept: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    from_backup: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    unreadable: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    invalid: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    damaged_copy: Path | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for t in TABLES:
            out.append(
                f"{t}: {self.kept[t]} kept ({self.from_backup[t]} of them from the backup), "
                f"{self.unreadable[t]} unreadable, {self.invalid[t]} not valid"
            )
        if self.damaged_copy:
            out.append(f"the damaged file is kept as {self.damaged_copy}")
        return out + self.notes


# ---------------------------------------------------------------------- reading what is left
def _open_copy(path: Path, workdir: Path) -> sqlite3.Connection | None:
    """A connection to a copy of ``path`` (with its WAL), or None if nothing can be opened."""
    copy = workdir / "source.sqlite3"
    shutil.copyfile(path, copy)
    wal = Path(f"{path}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{copy}-wal"))
    try:
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError:
        return None


def _read_table(conn: sqlite3.Connection, table: str) -> tuple[list[dict], int]:
    """(rows readable, rowids that could not be read) of one table."""
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table}")], 0
    except sqlite3.DatabaseError:
        pass
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        top = None
    rows: list[dict] = []
    bad = 0

    def grab(lo: int, hi: int) -> int:
        """Read rowids lo..hi into rows; returns how many were found."""
        nonlocal bad
        try:
            found = conn.execute(
                f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ?", (lo, hi)
            ).fetchall()
            rows.extend(dict(r) for r in found)
            return len(found)
        except sqlite3.DatabaseError:
            if lo == hi:
                bad += 1
                return 1
            mid = (lo + hi) // 2
            return grab(lo, mid) + grab(mid + 1, hi)

    lo, empty = 1, 0
    while (top is not None and lo <= top) or (top is None and empty < MAX_EMPTY):
        n = grab(lo, lo + BLOCK - 1)
        empty = 0 if n else empty + 1
        lo += BLOCK
    return rows, bad


# ---------------------------------------------------------------------- checking rows
def _text(v, *, empty_ok: bool = True) -> bool:
    return isinstance(v, str) and (empty_ok or bool(v.strip()))


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _valid(table: str, r: dict) -> bool:
    if table == "scenario":
        return (
            _int(r.get("id"))
            and _text(r.get("name"), empty_ok=False)
            and all(_text(r.get(c)) for c in ("author", "created_at", "changed_at"))
            and (r.get("deleted_at") is None or _text(r.get("deleted_at")))
        )
    if table == "baseline":
        return (
            _text(r.get("hash"), empty_ok=False)
            and _text(r.get("region"))
            and _int(r.get("base_year"))
            and (r.get("csv") is None or _text(r.get("csv")))
        )
    try:
        inputs = json.loads(r.get("inputs"))
    except (TypeError, ValueError, RecursionError):
        return False
    return (
        isinstance(inputs, dict)
        and all(_int(r.get(c)) for c in ("id", "scenario_id", "number"))
        and all(_text(r.get(c)) for c in ("saved_at", "author", "notes", "model_version"))
        and _text(r.get("baseline_hash"), empty_ok=False)
        and (r.get("origin") is None or _text(r.get("origin")))
    )


def _repair_baseline(r: dict) -> dict:
    """A baseline row whose region or year is damaged but whose CSV (or hash) is good: the
    label is read again from the CSV, or from the embedded baseline when the hash is its."""
    from .baseline import build_baseline
    from .library_stored import embedded_baseline

    if _valid("baseline", r):
        return r
    try:
        if r.get("csv") is None:
            base, h = embedded_baseline()
            if r.get("hash") != h:
                return r
        else:
            base = build_baseline(io.read_baseline_frame(str(r["csv"]).encode("utf-8")))
    except (InputError, TypeError):
        return r
    return {**r, "region": base.region, "base_year": int(base.year)}


def _gather(conn: sqlite3.Connection | None, rep: Recovery, count: bool) -> dict[str, list]:
    """The valid rows of each table (row dicts with the v2 columns)."""
    out: dict[str, list] = {t: [] for t in TABLES}
    if conn is None:
        return out
    for table in TABLES:
        try:
            rows, bad = _read_table(conn, table)
        except sqlite3.DatabaseError:
            rows, bad = [], 1
        if count:
            rep.unreadable[table] += bad
        for r in rows:
            r = {c: r.get(c) for c in COLUMNS[table]}
            if table == "baseline":
                r = _repair_baseline(r)
            if _valid(table, r):
                out[table].append(r)
            elif count:
                rep.invalid[table] += 1
    return out


# ---------------------------------------------------------------------- writing the new file
def _merge(main: dict[str, list], extra: dict[str, list], rep: Recovery) -> dict[str, list]:
    """Rows of ``main`` plus those of ``extra`` (the backup) that ``main`` does not have."""
    have_s = {r["id"] for r in main["scenario"]}
    have_b = {r["hash"] for r in main["baseline"]}
    have_v = {(r["scenario_id"], r["number"]) for r in main["version"]}
    names = {r["id"]: r["name"] for r in main["scenario"]}
    for r in extra["scenario"]:
        if r["id"] not in have_s:
            main["scenario"].append(r)
            names[r["id"]] = r["name"]
            rep.from_backup["scenario"] += 1
    for r in extra["baseline"]:
        if r["hash"] not in have_b:
            main["baseline"].append(r)
            rep.from_backup["baseline"] += 1
    for r in extra["version"]:
        if (r["scenario_id"], r["number"]) not in have_v and r["scenario_id"] in names:
            main["version"].append(r)
            rep.from_backup["version"] += 1
    return main


def _write(target: Path, rows: dict[str, list], rep: Recovery) -> None:
    conn = connect(target)
    try:
        with transaction(conn):
            live: set[str] = set()
            for r in sorted(rows["scenario"], key=lambda r: r["id"]):
                if r["deleted_at"] is None and r["name"] in live:  # two live ones of one name
                    r = {**r, "deleted_at": datetime.now(UTC).isoformat()}
                    rep.notes.append(f"a second live scenario named {r['name']!r} is in the trash")
                if r["deleted_at"] is None:
                    live.add(r["name"])
                _insert(conn, "scenario", r, rep)
            for r in rows["baseline"]:
                _insert(conn, "baseline", r, rep)
            for r in sorted(rows["version"], key=lambda r: (r["scenario_id"], r["number"])):
                r = {**r, "origin": r["origin"] or ""}
                _insert(conn, "version", r, rep)
            empty = conn.execute(
                "SELECT id, name FROM scenario WHERE id NOT IN (SELECT scenario_id FROM version)"
            ).fetchall()
            for sid, name in empty:  # every version was on a bad page: nothing to open
                conn.execute("DELETE FROM scenario WHERE id = ?", (sid,))
                rep.kept["scenario"] -= 1
                rep.invalid["scenario"] += 1
                rep.notes.append(f"scenario {name!r} had no readable version and is left out")
        if not integrity_ok(conn):
            raise InputError(key="err_lib_recover_failed", field=ENV_VAR, path=str(target))
    finally:
        conn.close()


def _insert(conn: sqlite3.Connection, table: str, r: dict, rep: Recovery) -> None:
    cols = COLUMNS[table]
    marks = ", ".join("?" for _ in cols)
    try:
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", [r[c] for c in cols]
        )
        rep.kept[table] += 1
    except sqlite3.IntegrityError:  # a duplicate, or a version of a scenario that is gone
        rep.invalid[table] += 1


def recover(path: Path | str) -> Recovery:
    """Rebuild the library at ``path`` from every valid row it (and its backup) still holds."""
    path = Path(path)
    if not path.is_file():
        raise InputError(key="err_file_not_found", field=ENV_VAR, path=io.shown_path(path))
    rep = Recovery()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".recover-") as tmp:
        work = Path(tmp)
        conn = _open_copy(path, work)
        if conn is None:
            rep.notes.append("the damaged file could not be opened at all")
        rows = _gather(conn, rep, count=True)
        if conn is not None:
            conn.close()
        backup = Path(f"{path}.bak")
        if backup.is_file():
            (work / "b").mkdir()
            bconn = _open_copy(backup, work / "b")
            rows = _merge(rows, _gather(bconn, rep, count=False), rep)
            if bconn is not None:
                bconn.close()
        new = work / "recovered.sqlite3"
        _write(new, rows, rep)
        kept = Path(f"{path}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{path}{suffix}")
            if src.exists():
                os.replace(src, Path(f"{kept}{suffix}"))
        os.replace(new, path)
        rep.damaged_copy = kept
    return rep
