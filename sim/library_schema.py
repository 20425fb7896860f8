"""The scenario library's SQLite file: where it lives, how it is opened, its schema and migrations.

The schema version is SQLite's ``PRAGMA user_version``. A new file is created at version 1 and
then migrated like any old file, so the migration path runs every time a library is created.

- v1: ``scenario`` (one row per name), ``version`` (one row per save, never updated), ``baseline``
  (region, base year, content hash and, for uploaded baselines, the CSV itself).
- v2: soft delete (``scenario.deleted_at``; a deleted name can be reused, so the unique index on
  the name becomes a partial one over live scenarios) and ``version.origin`` (app, cli, import).

A file whose schema is newer than this tool knows is refused (with what to do); an older one is
copied to ``<file>.schema<N>.bak`` and migrated in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

ENV_VAR = "LPS_LIBRARY"
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000  # a writer waits this long for another one to finish
BACKUP_EVERY_S = 24 * 3600  # after a write, <file>.bak is refreshed when older than this

V1 = """
CREATE TABLE scenario (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scenario_name ON scenario(name);
CREATE TABLE baseline (
    hash TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    base_year INTEGER NOT NULL,
    csv TEXT
);
CREATE TABLE version (
    id INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    inputs TEXT NOT NULL,
    baseline_hash TEXT NOT NULL REFERENCES baseline(hash),
    model_version TEXT NOT NULL,
    UNIQUE (scenario_id, number)
);
"""

V2 = """
ALTER TABLE scenario ADD COLUMN deleted_at TEXT;
ALTER TABLE version ADD COLUMN origin TEXT NOT NULL DEFAULT '';
DROP INDEX scenario_name;
CREATE UNIQUE INDEX scenario_live_name ON scenario(name) WHERE deleted_at IS NULL;
CREATE INDEX version_by_scenario ON version(scenario_id, number);
"""

# MIGRATIONS[n] takes a file from version n to n + 1 (0 is an empty file).
MIGRATIONS: dict[int, str] = {0: V1, 1: V2}

# Tests set this to pause a writer just before COMMIT (to kill it mid-save); None in normal use.
before_commit: Callable[[sqlite3.Connection], None] | None = None


def default_path() -> Path:
    """``$LPS_LIBRARY`` if set, else ``$XDG_DATA_HOME/lps-sim/library.sqlite3``
    (``~/.local/share/lps-sim/library.sqlite3`` when XDG_DATA_HOME is unset)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share"
    return Path(data_home) / "lps-sim" / "library.sqlite3"


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the library file; autocommit mode, so every write
    goes through ``transaction`` and is exactly one ``BEGIN IMMEDIATE`` … ``COMMIT``."""
    from . import io

    p = Path(path) if path is not None else default_path()
    io.check_output_path(p, ENV_VAR)  # a device, FIFO or directory is refused before opening
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(p, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as e:
        raise InputError(
            key="err_lib_open", field=ENV_VAR, path=io.shown_path(p), reason=str(e)[:160]
        ) from e
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise InputError(key="err_lib_wal", field=ENV_VAR, path=io.shown_path(p), mode=mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, p)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise InputError(
            key="err_lib_unusable", field=ENV_VAR, path=io.shown_path(p), reason=str(e)[:160]
        ) from e
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: ``BEGIN IMMEDIATE`` takes the write lock up front (waiting up to
    the busy timeout for another writer), so a save never fails half-way on a lock upgrade."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        if before_commit is not None:
            before_commit(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path | None = None) -> int:
    """Bring the file to SCHEMA_VERSION; returns the version found before migrating."""
    from .io import shown_path

    found = schema_version(conn)
    if found == SCHEMA_VERSION:
        return found
    if found < 0:  # no version of this tool writes that: damaged, or another program's file
        raise InputError(
            key="err_lib_schema_bad", field=ENV_VAR, path=shown_path(path or ""), found=found
        )
    if found > SCHEMA_VERSION:
        raise InputError(
            key="err_lib_schema_new",
            field=ENV_VAR,
            path=shown_path(path or ""),
            found=found,
            ours=SCHEMA_VERSION,
        )
    with transaction(conn):
        found = schema_version(conn)  # another process may have migrated while we waited
        if found and found < SCHEMA_VERSION and path is not None:
            _backup(path, Path(f"{path}.schema{found}.bak"))
        for v in range(found, SCHEMA_VERSION):
            for stmt in _statements(MIGRATIONS[v]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {v + 1}")
    return found


def create_v1(path: Path | str) -> None:
    """Write an empty version-1 file (as an older tool did); used by the migration tests."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for stmt in _statements(V1):
            conn.execute(stmt)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("COMMIT")
    finally:
        conn.close()


def integrity_ok(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [tuple(r) for r in rows] == [("ok",)] and not fk


def refresh_backup(conn: sqlite3.Connection, path: Path, every_s: float | None = None) -> bool:
    """After a write: copy the library to ``<file>.bak`` when that copy is missing or older than
    ``every_s`` (BACKUP_EVERY_S), and only when the library passes SQLite's quick check, so a
    damaged file never replaces a good copy. Written to a temporary file, then renamed (a kill
    midway leaves the previous copy). Returns whether a copy was made."""
    target = Path(f"{path}.bak")
    every = BACKUP_EVERY_S if every_s is None else every_s
    try:
        if target.exists() and time.time() - target.stat().st_mtime < every:
            return False
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return False
        tmp = Path(f"{path}.bak.tmp")
        dst = sqlite3.connect(tmp)
        try:
            conn.backup(dst)
        finally:
            dst.close()
        os.replace(tmp, target)
        return True
    except (OSError, sqlite3.Error):
        return False  # a backup that cannot be written never fails the save it follows


def _backup(path: Path, target: Path) -> None:
    """Copy the file as it is before a migration. Called while our connection holds the write
    lock but has written nothing: a second, read-only connection sees exactly that state."""
    if target.exists():
        return
    src, dst = sqlite3.connect(path), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
