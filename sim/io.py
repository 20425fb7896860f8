"""The one module that reads files: parameter metadata, targets, scenarios, baselines, text.

Everything returned is plain Python data or a pandas DataFrame; the model never touches disk.
"""

from __future__ import annotations

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
    """Read a TOML file; a syntax error becomes an InputError naming the file and line."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as e:
        raise InputError(f"file not found: {path}", field=str(path)) from e
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", field=Path(path).name) from e


def parse_toml_bytes(data: bytes, name: str = "scenario file") -> dict:
    """Parse uploaded TOML bytes (UTF-8 with or without BOM, or GBK)."""
    text = decode_text(data, name)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", field=name) from e


def decode_text(data: bytes, name: str = "file") -> str:
    """Decode uploaded bytes: UTF-8 (BOM or not), else GB18030 (GBK files from Excel on Chinese
    Windows). Anything else is refused with a message saying what to do."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"file is {len(data) / 1e6:.1f} MB; at most {MAX_UPLOAD_BYTES / 1e6:.0f} MB is accepted",
            field=name,
        )
    if b"\x00" in data[:4096]:
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
    """Read a baseline CSV (path, bytes of an upload, or the embedded default) as a DataFrame."""
    if source is None:
        source = DEFAULT_BASELINE
    if isinstance(source, bytes):
        text = decode_text(source, "baseline CSV")
    else:
        try:
            text = decode_text(Path(source).read_bytes(), Path(source).name)
        except FileNotFoundError as e:
            raise InputError(f"file not found: {source}", field="--baseline") from e
    try:
        return pd.read_csv(io.StringIO(text), dtype={"quote": str, "source": str})
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise InputError(f"not a readable CSV ({e})", field="baseline CSV") from e
