"""The one module that reads (and writes) user files: parameter metadata, targets, scenarios,
baselines, report texts, library imports, text; and every output file the command line writes.

Every user file goes through ``read_user_bytes``: regular files only (a device such as
/dev/zero, a FIFO, a socket or a directory is refused before anything is read), opened without
blocking, at most ``limits.MAX_FILE_BYTES`` read. Outputs go through ``write_user_bytes``, which
refuses the same special files. Bytes become text in ``sim.encoding``.

Everything returned is plain Python data or a pandas DataFrame; the model never touches disk.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys
import tomllib
from pathlib import Path

import pandas as pd

from . import limits
from .encoding import decode_text
from .errors import InputError

ROOT = Path(__file__).resolve().parents[1]
PARAMS_DIR = ROOT / "params"
SCENARIO_DIR = PARAMS_DIR / "scenarios"
DATA_DIR = ROOT / "data"
DEFAULT_BASELINE = DATA_DIR / "baseline_2023.csv"
PROFILE_DIR = PARAMS_DIR / "profiles"
REGIONS_DIR = DATA_DIR / "regions"

MAX_UPLOAD_BYTES = limits.MAX_FILE_BYTES  # the name the app and older tests use
PRESET_RE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def shown_path(path: str | Path, n: int = 120) -> str:
    text = str(path)
    return text if len(text) <= n else text[: n // 2] + "…" + text[-(n // 2) :]


def _os_error(e: OSError, path, field: str, writing: bool = False) -> InputError:
    shown = shown_path(path)
    if isinstance(e, FileNotFoundError) and not writing:
        return InputError(key="err_file_not_found", field=field, path=shown)
    if isinstance(e, IsADirectoryError):
        return _special(path, field, "directory")
    reason = e.strerror or type(e).__name__
    key = "err_file_unwritable" if writing else "err_file_unreadable"
    return InputError(key=key, field=field, path=shown, reason=reason)


def _kind(mode: int) -> str | None:
    """None for a regular file, else what it is (a text key's suffix, for the message)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "chardevice"),
        (stat.S_ISBLK, "blockdevice"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special"


def _special(path, field: str, kind: str) -> InputError:
    from .i18n import t

    kinds = {f"kind_{lang}": t(f"file_kind_{kind}", lang) for lang in ("zh", "en")}
    return InputError(key="err_file_special", field=field, path=shown_path(path), **kinds)


def _refuse_special(mode: int, path, field: str) -> None:
    kind = _kind(mode)
    if kind is not None:
        raise _special(path, field, kind)


def read_user_bytes(path: str | Path, field: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a user's file, refusing before reading anything that is not a regular file
    or is larger than ``limit`` (default limits.MAX_FILE_BYTES). Never blocks: the file type is
    checked with os.stat first, the file is opened non-blocking and checked again (fstat), and
    at most limit + 1 bytes are read, so a file that grows while it is read is refused too."""
    limit = limits.MAX_FILE_BYTES if limit is None else limit
    field = field or shown_path(Path(path).name, 60)
    try:
        st = os.stat(path)
        _refuse_special(st.st_mode, path, field)
        limits.check_file_size(st.st_size, field, limit)
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError as e:
        raise _os_error(e, path, field) from e
    except ValueError as e:  # a NUL in the path
        raise InputError(
            key="err_file_unreadable", field=field, path=shown_path(path), reason=str(e)
        ) from e
    try:
        st = os.fstat(fd)
        _refuse_special(st.st_mode, path, field)  # replaced between stat and open
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except BlockingIOError as e:
        raise _special(path, field, "fifo") from e
    except OSError as e:
        raise _os_error(e, path, field) from e
    finally:
        os.close(fd)
    data = b"".join(chunks)
    limits.check_file_size(len(data), field, limit)
    return data


def read_user_input(name: str | Path, field: str) -> bytes:
    """A file as ``read_user_bytes`` reads it, or standard input for ``-`` (bounded alike)."""
    if str(name) == "-":
        data = sys.stdin.buffer.read(limits.MAX_FILE_BYTES + 1)
        limits.check_file_size(len(data), field)
        return data
    return read_user_bytes(name, field)


def check_output_path(path: str | Path, field: str = "--out") -> Path:
    """Refuse an output that is a device, FIFO, socket or directory before writing to it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Path(path)
    except OSError as e:
        raise _os_error(e, path, field, writing=True) from e
    except ValueError as e:  # a NUL in the path
        raise InputError(
            key="err_file_unwritable", field=field, path=shown_path(path), reason=str(e)
        ) from e
    _refuse_special(st.st_mode, path, field)
    return Path(path)


def write_user_bytes(path: str | Path, data: bytes, field: str = "--out") -> None:
    """Write an output file (created or replaced), refusing special files: the path is checked
    with os.stat, opened non-blocking without truncating, checked again and only then emptied."""
    check_output_path(path, field)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | _NONBLOCK, 0o666)
    except OSError as e:
        raise _os_error(e, path, field, writing=True) from e
    try:
        _refuse_special(os.fstat(fd).st_mode, path, field)
        os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        raise _os_error(e, path, field, writing=True) from e
    finally:
        os.close(fd)


def read_toml(path: Path, field: str | None = None) -> dict:
    """Read a TOML file (any encoding ``decode_text`` reads, within the size limit); a syntax
    error becomes an InputError naming the file and line."""
    name = field or shown_path(Path(path).name, 60)
    return _parse_toml(decode_text(read_user_bytes(path, name), name), name)


def parse_toml_bytes(data: bytes, name: str = "scenario file") -> dict:
    """Parse uploaded TOML bytes (UTF-8 with or without BOM, UTF-16 with BOM, GBK, …)."""
    return _parse_toml(decode_text(data, name), name)


def _parse_toml(text: str, name: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(key="err_toml", field=name, reason=str(e)[:200]) from e
    except RecursionError as e:
        raise InputError(key="err_toml", field=name, reason="nested too deeply") from e


def parameters_doc() -> dict:
    return read_toml(PARAMS_DIR / "parameters.toml")


def targets_doc(path: Path | None = None) -> dict:
    return read_toml(path or PARAMS_DIR / "targets.toml", "--targets" if path else None)


def profile_docs() -> list[tuple[Path, dict]]:
    """Every assumption profile: params/profiles/*.toml, then data/regions/<region>/profile.toml."""
    paths = sorted(PROFILE_DIR.glob("*.toml")) + sorted(REGIONS_DIR.glob("*/profile.toml"))
    return [(p, read_toml(p)) for p in paths]


def profile_doc(path: Path) -> dict:
    """A profile file given by the user (``--profile``)."""
    return read_toml(path, "--profile")


def variables_doc() -> dict:
    return read_toml(PARAMS_DIR / "variables.toml")


def text_docs() -> list[dict]:
    """params/text.toml plus any params/text_*.toml (one per part of the app), in name order."""
    return [read_toml(p) for p in sorted(PARAMS_DIR.glob("text*.toml"))]


def scenario_paths() -> list[Path]:
    """The preset scenario files, official first."""
    paths = sorted(SCENARIO_DIR.glob("*.toml"))
    return sorted(paths, key=lambda p: (p.stem != "official_2024", p.stem))


def scenario_doc(name_or_path: str | Path) -> dict:
    """A preset scenario by id (file stem) or a path to a scenario TOML file."""
    text = str(name_or_path)
    if not text.lower().endswith(".toml"):
        presets = {p.stem: p for p in scenario_paths()}
        if PRESET_RE.fullmatch(text) and text in presets:
            return read_toml(presets[text], "scenario")
        known = ", ".join(presets)
        raise InputError(
            key="err_unknown_scenario", field="scenario", name=shown_path(text, 60), known=known
        )
    return read_toml(Path(name_or_path), "scenario")


def _refuse_wide_first_row(text: str, sep: str) -> None:
    """pandas reads the extra fields of a first row longer than the header as index columns
    (100,000 of them cost seconds); such a row is refused instead. Later rows that are too
    long make pandas itself stop at once ('Expected 5 fields in line 3')."""
    try:
        rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep)
        header, row = next(rows, []), next(rows, [])
    except csv.Error:
        return  # a field longer than csv's limit: pandas judges it
    if len(row) > len(header):
        raise InputError(key="err_csv_row_wide", field="baseline CSV", n=len(row), m=len(header))


def read_baseline_frame(source: str | Path | bytes | None = None) -> pd.DataFrame:
    """Read a baseline CSV (path, bytes of an upload, or the embedded default) as a DataFrame.
    Comma-separated as Excel writes it; a tab- or semicolon-separated file is read too. The
    header's columns and the rows are bounded (sim.limits) before pandas parses anything."""
    if source is None:
        source = DEFAULT_BASELINE
    if isinstance(source, bytes):
        text = decode_text(source, "baseline CSV")
    else:
        text = decode_text(read_user_bytes(source, "--baseline"), "--baseline")
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    sep = max((",", "\t", ";"), key=first.count) if first.count(",") == 0 else ","
    limits.check_csv_shape(first.count(sep) + 1, 0)
    _refuse_wide_first_row(text, sep)
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype={"quote": str, "source": str},
            engine="c",
            nrows=limits.MAX_CSV_ROWS + 1,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError) as e:
        msg = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        raise InputError(key="err_csv_unreadable", field="baseline CSV", reason=msg) from e
    limits.check_csv_shape(len(df.columns), len(df))
    return df


def record_rows(name: str = "targets_outcomes.csv") -> list[dict[str, str]]:
    """Rows of a file in data/record/ (the record of targets and outcomes, issue 12), as text."""
    text = decode_text(read_user_bytes(DATA_DIR / "record" / name), f"data/record/{name}")
    return list(csv.DictReader(io.StringIO(text)))
