"""The scenario library: named scenarios with their full history, in one SQLite file.

Every save appends a version (inputs as a sparse diff, the baseline it ran on, the model
version, author and notes) in one ``BEGIN IMMEDIATE`` transaction; versions are never updated.
Inputs are checked by ``sim.metadata.validate_adjustment`` before they are stored, and again
(clamping to today's ranges) when they are opened. Delete is soft by default: the scenario goes
to the trash, keeps its history, can be restored, and its name is free again; ``purge=True``
removes it and its versions for good. The file lives at ``$LPS_LIBRARY`` (see library_schema).

What a version stores (the inputs' sparse diff, the baseline's hash) and ``Opened`` are in
``sim.library_stored``; import and export (whole library or one scenario, JSON with full
history) are in ``sim.library_files``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from . import __version__, io
from .baseline import Baseline
from .errors import InputError
from .library_rows import (
    MAX_AUTHOR,
    ORIGINS,
    Entry,
    Version,
    clean_text,
    damaged,
    now,
    shown,
    version_from_row,
)
from .library_schema import (
    ENV_VAR,
    connect,
    default_path,
    integrity_ok,
    refresh_backup,
    transaction,
)
from .library_stored import (
    Opened,
    baseline_hash,
    checked_inputs,
    embedded_baseline,
    inputs_json,
    stored_params,
)
from .limits import MAX_NAME, MAX_NOTES
from .metadata import ParamSet, validate_adjustment


class Library:
    """The library file. Each call opens its own connection (safe across Streamlit's threads
    and across processes) and closes it again."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call. A lock held past the busy timeout, a full disk or a
        read-only file becomes an InputError saying so (the transaction is rolled back)."""
        conn = connect(self.path)
        try:
            yield conn
            if conn.total_changes:
                refresh_backup(conn, self.path)
        except sqlite3.OperationalError as e:  # locked past the timeout, disk full, read-only
            raise InputError(
                key="err_lib_busy", field=ENV_VAR, path=io.shown_path(self.path), reason=str(e)
            ) from e
        except sqlite3.DatabaseError as e:  # a damaged page ("database disk image is malformed")
            raise damaged(self.path, e) from e
        except InputError:
            raise
        except (OverflowError, ValueError, TypeError, KeyError, IndexError) as e:  # a bad row
            raise damaged(self.path, e) from e
        finally:
            conn.close()

    # ------------------------------------------------------------------ writes
    def save(
        self,
        name: str,
        values: Mapping,
        base: Baseline | None = None,
        *,
        author: str = "",
        notes: str = "",
        origin: str = "app",
        pset: ParamSet | None = None,
    ) -> Version:
        """Save ``values`` (all inputs or a sparse adjustment) as the next version of ``name``,
        creating the scenario if no live one has that name. One transaction."""
        name = clean_text(name, "name", MAX_NAME, required=True)
        author = clean_text(author, "author", MAX_AUTHOR)
        notes = clean_text(notes, "notes", MAX_NOTES, lines=True)
        inputs = checked_inputs(values, pset)
        baseline = self._baseline_row(base)
        with self._conn() as conn, transaction(conn):
            sid = self._live_id(conn, name, create_author=author)
            number = self._append(
                conn, sid, inputs, baseline, author=author, notes=notes, origin=origin
            )
        return self.version(name, number)

    def _append(
        self,
        conn: sqlite3.Connection,
        sid: int,
        inputs: Mapping,
        baseline: tuple[str, str, int, str | None],
        *,
        author: str,
        notes: str,
        origin: str,
        saved_at: str | None = None,
        model_version: str = __version__,
    ) -> int:
        """Insert the next version of scenario ``sid`` (inside the caller's transaction)."""
        conn.execute(
            "INSERT OR IGNORE INTO baseline (hash, region, base_year, csv) VALUES (?, ?, ?, ?)",
            baseline,
        )
        number = conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM version WHERE scenario_id = ?", (sid,)
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO version (scenario_id, number, saved_at, author, notes, inputs,"
            " baseline_hash, model_version, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                number,
                saved_at or now(),
                author,
                notes,
                inputs_json(inputs),
                baseline[0],
                model_version,
                origin,
            ),
        )
        conn.execute("UPDATE scenario SET changed_at = ? WHERE id = ?", (now(), sid))
        return int(number)

    def _baseline_row(self, base: Baseline | None) -> tuple[str, str, int, str | None]:
        default, default_hash = embedded_baseline()
        if base is None:
            base = default
        h = baseline_hash(base.frame)
        csv = None if h == default_hash else base.frame.to_csv(index=False, lineterminator="\n")
        return h, base.region, int(base.year), csv

    def _live_id(
        self, conn, name: str, create_author: str | None = None, created_at: str | None = None
    ) -> int:
        """The live scenario called ``name``; created when ``create_author`` is given."""
        row = conn.execute(
            "SELECT id FROM scenario WHERE name = ? AND deleted_at IS NULL", (name,)
        ).fetchone()
        if row:
            return int(row[0])
        if create_author is None:
            raise InputError(key="err_lib_no_scenario", field="name", name=shown(name))
        stamp = created_at or now()
        cur = conn.execute(
            "INSERT INTO scenario (name, author, created_at, changed_at) VALUES (?, ?, ?, ?)",
            (name, create_author, stamp, stamp),
        )
        return int(cur.lastrowid)

    def duplicate(self, name: str, new_name: str, *, author: str = "") -> Version:
        """A new scenario whose version 1 is a copy of the latest version of ``name``."""
        new_name = clean_text(new_name, "new name", MAX_NAME, required=True)
        author = clean_text(author, "author", MAX_AUTHOR)
        with self._conn() as conn, transaction(conn):
            src = self._latest_row(conn, self._live_id(conn, name))
            self._refuse_taken(conn, new_name)
            sid = self._live_id(conn, new_name, create_author=author or src["author"])
            baseline = (src["baseline_hash"], src["region"], src["base_year"], src["csv"])
            self._append(
                conn,
                sid,
                json.loads(src["inputs"]),
                baseline,
                author=author or src["author"],
                notes=src["notes"],
                origin="duplicate",
                model_version=src["model_version"],
            )
        return self.version(new_name)

    def rename(self, name: str, new_name: str) -> None:
        new_name = clean_text(new_name, "new name", MAX_NAME, required=True)
        with self._conn() as conn, transaction(conn):
            sid = self._live_id(conn, name)
            if new_name != name:
                self._refuse_taken(conn, new_name)
            conn.execute(
                "UPDATE scenario SET name = ?, changed_at = ? WHERE id = ?", (new_name, now(), sid)
            )

    def delete(self, name: str, *, purge: bool = False) -> int:
        """Soft delete (to the trash) the live scenario ``name``; with ``purge``, remove every
        scenario of that name, live or trashed, with all versions. Returns how many."""
        with self._conn() as conn, transaction(conn):
            if not purge:
                sid = self._live_id(conn, name)
                conn.execute("UPDATE scenario SET deleted_at = ? WHERE id = ?", (now(), sid))
                return 1
            n = conn.execute("DELETE FROM scenario WHERE name = ?", (name,)).rowcount
            if not n:
                raise InputError(key="err_lib_no_scenario_any", field="name", name=shown(name))
            conn.execute(
                "DELETE FROM baseline WHERE hash NOT IN (SELECT baseline_hash FROM version)"
            )
            return n

    def restore(self, name: str) -> None:
        """Bring back the most recently deleted scenario called ``name``."""
        with self._conn() as conn, transaction(conn):
            row = conn.execute(
                "SELECT id FROM scenario WHERE name = ? AND deleted_at IS NOT NULL"
                " ORDER BY deleted_at DESC LIMIT 1",
                (name,),
            ).fetchone()
            if not row:
                raise InputError(key="err_lib_no_deleted", field="name", name=shown(name))
            self._refuse_taken(conn, name)
            conn.execute(
                "UPDATE scenario SET deleted_at = NULL, changed_at = ? WHERE id = ?",
                (now(), row[0]),
            )

    def _refuse_taken(self, conn, name: str) -> None:
        row = conn.execute(
            "SELECT 1 FROM scenario WHERE name = ? AND deleted_at IS NULL", (name,)
        ).fetchone()
        if row:
            raise InputError(key="err_lib_taken", field="name", name=shown(name))

    # ------------------------------------------------------------------ reads
    _VERSION_SQL = (
        "SELECT v.*, b.region, b.base_year, b.csv FROM version v"
        " JOIN baseline b ON b.hash = v.baseline_hash"
    )

    def _latest_row(self, conn, sid: int) -> sqlite3.Row:
        return conn.execute(
            f"{self._VERSION_SQL} WHERE v.scenario_id = ? ORDER BY v.number DESC LIMIT 1", (sid,)
        ).fetchone()

    def list(self, *, deleted: bool = False) -> list[Entry]:
        """Live scenarios (or, with ``deleted``, the trash), most recently changed first."""
        cond = "IS NOT NULL" if deleted else "IS NULL"
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT * FROM scenario WHERE deleted_at {cond} ORDER BY changed_at DESC, name"
            ).fetchall()
            return [self._entry(conn, r) for r in rows]

    def _entry(self, conn, row: sqlite3.Row) -> Entry:
        n = conn.execute("SELECT COUNT(*) FROM version WHERE scenario_id = ?", (row["id"],))
        for col in ("name", "author", "created_at", "changed_at"):
            if not isinstance(row[col], str):
                raise ValueError(f"scenario {row['id']!s:.12}: {col} is not text")
        return Entry(
            row["name"],
            row["author"],
            row["created_at"],
            row["changed_at"],
            row["deleted_at"],
            int(n.fetchone()[0]),
            version_from_row(self._latest_row(conn, row["id"])),
        )

    def entry(self, name: str) -> Entry:
        with self._conn() as conn:
            return self._entry(conn, self._scenario_row(conn, name))

    def _scenario_row(self, conn, name: str) -> sqlite3.Row:
        sid = self._live_id(conn, name)
        return conn.execute("SELECT * FROM scenario WHERE id = ?", (sid,)).fetchone()

    def history(self, name: str) -> list[Version]:
        """Every version of the live scenario ``name``, oldest first."""
        with self._conn() as conn:
            sid = self._live_id(conn, name)
            rows = conn.execute(
                f"{self._VERSION_SQL} WHERE v.scenario_id = ? ORDER BY v.number", (sid,)
            ).fetchall()
            return [version_from_row(r) for r in rows]

    def _version_row(self, conn, sid: int, name: str, number: int | None) -> sqlite3.Row:
        if number is None:
            return self._latest_row(conn, sid)
        ok = isinstance(number, int) and not isinstance(number, bool) and 0 < number < 2**63
        row = None
        if ok:
            row = conn.execute(
                f"{self._VERSION_SQL} WHERE v.scenario_id = ? AND v.number = ?", (sid, number)
            ).fetchone()
        if row is None:
            raise InputError(
                key="err_lib_no_version", field="version", name=shown(name), n=str(number)[:24]
            )
        return row

    def version(self, name: str, number: int | None = None) -> Version:
        with self._conn() as conn:
            return version_from_row(
                self._version_row(conn, self._live_id(conn, name), name, number)
            )

    def baseline_csv(self, baseline_hash: str) -> str | None:
        """The stored CSV of an uploaded baseline (None for the embedded one)."""
        with self._conn() as conn:
            row = conn.execute("SELECT csv FROM baseline WHERE hash = ?", (baseline_hash,))
            found = row.fetchone()
            return None if found is None else found[0]

    def open(self, name: str, number: int | None = None) -> Opened:
        """The latest (or a given) version, its inputs re-checked against today's parameters
        (values now out of range are clamped, with a warning)."""
        with self._conn() as conn:
            srow = self._scenario_row(conn, name)
            row = self._version_row(conn, srow["id"], name, number)
            entry = self._entry(conn, srow)
            ver = version_from_row(row)
        v = validate_adjustment(ver.inputs, stored_params(row["csv"]), clamp=True)
        changed = row["csv"] is None and ver.baseline_hash != embedded_baseline()[1]
        return Opened(entry, ver, v.values, v.issues, row["csv"], changed)

    def check(self) -> bool:
        """SQLite's integrity and foreign-key checks both pass."""
        with self._conn() as conn:
            return integrity_ok(conn)


__all__ = [
    "MAX_AUTHOR",
    "MAX_NAME",
    "MAX_NOTES",
    "ORIGINS",
    "Entry",
    "Library",
    "Opened",
    "Version",
    "baseline_hash",
    "clean_text",
    "embedded_baseline",
    "inputs_json",
    "now",
]
