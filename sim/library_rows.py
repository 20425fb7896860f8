"""Rows of the scenario library as Python values, and the checks on text and rows.

Every column read from the file is checked before it is used: a row that makes no sense (a
damaged page, or a file edited by another program) is refused by name with ``damaged``, which
says how to get back everything readable (``python -m sim library recover``), never shown wrong.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import io
from .errors import InputError
from .library_schema import ENV_VAR
from .limits import MAX_NAME

MAX_AUTHOR = MAX_NAME
ORIGINS = ("app", "cli", "import", "duplicate")


@dataclass(frozen=True)
class Version:
    """One save of a scenario."""

    number: int
    saved_at: str
    author: str
    notes: str
    inputs: dict  # sparse diff against the parameter defaults
    baseline_hash: str
    region: str
    base_year: int
    model_version: str
    origin: str
    custom_baseline: bool  # the baseline CSV is stored (not the embedded one)


@dataclass(frozen=True)
class Entry:
    """A scenario as listed: its name and dates with its latest version."""

    name: str
    author: str
    created_at: str
    changed_at: str
    deleted_at: str | None
    versions: int
    latest: Version


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clean_text(value: object, field: str, max_len: int, *, required=False, lines=False) -> str:
    """Normalise user text (NFC, trimmed) and refuse what cannot be stored or shown safely."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(key="err_must_be_text", field=field)
    if len(value) > 4 * max_len:  # before normalising: NFC of a huge string costs time
        raise InputError(key="err_too_long", field=field, n=len(value), limit=max_len)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InputError(key="err_empty", field=field)
    if len(text) > max_len:
        raise InputError(key="err_too_long", field=field, n=len(text), limit=max_len)
    allowed = "\n\t" if lines else ""
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in allowed]
    if bad:
        raise InputError(key="err_control_char", field=field, code=f"U+{ord(bad[0]):04X}")
    return text.replace("\r\n", "\n")


def version_from_row(row: sqlite3.Row | None) -> Version:
    """A stored version, every column checked: a row that makes no sense (damaged or written by
    another program) is refused by name, never shown wrong (see library_recover)."""
    if row is None:
        raise ValueError("a scenario without versions")
    try:
        inputs = json.loads(row["inputs"]) if isinstance(row["inputs"], str) else None
    except (ValueError, RecursionError):
        inputs = None
    where = f"version {row['number']!s:.12} of scenario {row['scenario_id']!s:.12}"
    if not isinstance(inputs, dict):
        raise ValueError(f"{where}: inputs is not a JSON object")
    for col in ("number", "base_year"):
        if not isinstance(row[col], int):
            raise ValueError(f"{where}: {col} {row[col]!r:.24} is not a whole number")
    for col in (
        "saved_at",
        "author",
        "notes",
        "baseline_hash",
        "region",
        "model_version",
        "origin",
    ):
        if not isinstance(row[col], str):
            raise ValueError(f"{where}: {col} is not text")
    return Version(
        number=row["number"],
        saved_at=row["saved_at"],
        author=row["author"],
        notes=row["notes"],
        inputs=inputs,
        baseline_hash=row["baseline_hash"],
        region=row["region"],
        base_year=row["base_year"],
        model_version=row["model_version"],
        origin=row["origin"],
        custom_baseline=row["csv"] is not None,
    )


def shown(name: object, n: int = 80) -> str:
    text = str(name)
    return text if len(text) <= n else text[: n - 1] + "…"


def damaged(path: Path, e: BaseException) -> InputError:
    """The refusal for a library file that cannot be read as it should: what is wrong and how
    to get everything readable back (python -m sim library recover), in both languages."""
    return InputError(
        key="err_lib_damaged",
        field=ENV_VAR,
        path=io.shown_path(path),
        reason=str(e)[:160] or type(e).__name__,
    )
