"""The one module that reads files: parameter metadata, targets, scenarios, baselines, text.

Everything returned is plain Python data or a pandas DataFrame; the model never touches disk.
"""

from __future__ import annotations

import codecs
import io
import tomllib
from pathlib import Path

import pandas as pd

from .errors import InputError

ROOT = Path(__file__).resolve().parents[1]
PARAMS_DIR = ROOT / "params"
SCENARIO_DIR = PARAMS_DIR / "scenarios"
DATA_DIR = ROOT / "data"
DEFAULT_BASELINE = DATA_DIR / "baseline_2023.csv"

MAX_UPLOAD_BYTES = 2_000_000  # 2 MB: a baseline or scenario file is a few kB


def read_toml(path: Path) -> dict:
    """Read a TOML file (any encoding ``decode_text`` reads, within the size limit); a syntax
    error becomes an InputError naming the file and line."""
    name = Path(path).name
    try:
        data = Path(path).read_bytes() if _size_ok(path) else b""
    except FileNotFoundError as e:
        raise InputError(f"file not found: {path}", field=str(path)) from e
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}", field=str(path)) from e
    return _parse_toml(decode_text(data, name), name)


def parse_toml_bytes(data: bytes, name: str = "scenario file") -> dict:
    """Parse uploaded TOML bytes (UTF-8 with or without BOM, UTF-16 with BOM, or GBK)."""
    return _parse_toml(decode_text(data, name), name)


def _parse_toml(text: str, name: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", field=name) from e
    except RecursionError as e:
        raise InputError("not valid TOML (nested too deeply)", field=name) from e


def _size_ok(path: str | Path) -> bool:
    """Refuse a file over the size limit before reading it into memory."""
    size = Path(path).stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise InputError(
            f"file is {size / 1e6:.1f} MB; at most {MAX_UPLOAD_BYTES / 1e6:.0f} MB is accepted",
            field=Path(path).name,
        )
    return True


def decode_text(data: bytes, name: str = "file") -> str:
    """Decode uploaded bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (a superset of
    GBK, what Excel on Chinese Windows writes). Anything else is refused saying what to do."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"file is {len(data) / 1e6:.1f} MB; at most {MAX_UPLOAD_BYTES / 1e6:.0f} MB is accepted",
            field=name,
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # Excel's "Unicode text" and some editors write UTF-16 with a byte-order mark
            return _no_nul(data.decode("utf-16"), name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(
            "looks like a binary file (for example .xlsx); save it as CSV (UTF-8) and upload that",
            field=name,
        )
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(
        "cannot decode the text: save it as UTF-8 (Excel: 另存为 → CSV UTF-8) and upload again",
        field=name,
    )


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise InputError("contains NUL characters: save it as CSV (UTF-8) and upload again", name)
    return text


def parameters_doc() -> dict:
    return read_toml(PARAMS_DIR / "parameters.toml")


def targets_doc(path: Path | None = None) -> dict:
    return read_toml(path or PARAMS_DIR / "targets.toml")


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
    p = Path(name_or_path)
    if p.suffix != ".toml":
        p = SCENARIO_DIR / f"{name_or_path}.toml"
        if not p.exists():
            known = ", ".join(q.stem for q in scenario_paths())
            raise InputError(f"unknown scenario '{name_or_path}'; known: {known}", "scenario")
    return read_toml(p)


def read_baseline_frame(source: str | Path | bytes | None = None) -> pd.DataFrame:
    """Read a baseline CSV (path, bytes of an upload, or the embedded default) as a DataFrame.
    Comma-separated as Excel writes it; a tab- or semicolon-separated file is read too."""
    if source is None:
        source = DEFAULT_BASELINE
    if isinstance(source, bytes):
        text = decode_text(source, "baseline CSV")
    else:
        try:
            text = decode_text(
                Path(source).read_bytes() if _size_ok(source) else b"", Path(source).name
            )
        except FileNotFoundError as e:
            raise InputError(f"file not found: {source}", field="--baseline") from e
        except OSError as e:
            raise InputError(f"cannot read {source}: {e.strerror or e}", field="--baseline") from e
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    sep = max((",", "\t", ";"), key=first.count) if first.count(",") == 0 else ","
    try:
        return pd.read_csv(
            io.StringIO(text), sep=sep, dtype={"quote": str, "source": str}, engine="c"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError) as e:
        msg = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        raise InputError(f"not a readable CSV ({msg})", field="baseline CSV") from e
