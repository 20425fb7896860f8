"""``python -m sim library``: every subcommand, and one clear line with exit status 2 for bad
input. Each test uses its own library file (LPS_LIBRARY in tmp_path)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli import main
from sim.library import Library
from sim.library_schema import ENV_VAR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def lib_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(path))
    return path


def cli(capsys, *args):
    code = main(["library", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_save_list_show_history(capsys):
    code, out, err = cli(
        capsys, "save", "coal_shortfall", "--set", "price.coal=-20", "--name", "煤价", "--author",
        "李工", "--notes", "line one",
    )  # fmt: skip
    assert code == 0, err
    assert "saved '煤价' v1" in out
    assert cli(capsys, "save", "--name", "煤价", "--set", "growth.primary=4")[0] == 0
    code, out, _ = cli(capsys, "list")
    assert code == 0 and out.startswith("煤价\t2 version(s)")
    code, out, _ = cli(capsys, "list", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["versions"], r["author"]) for r in rows] == [("煤价", 2, "李工")]
    code, out, _ = cli(capsys, "show", "煤价", "--version", "1")
    assert "price.coal" in out and "-20.0" in out and "notes: line one" in out
    assert "coal.output" in out  # from the preset
    code, out, _ = cli(capsys, "show", "煤价")
    assert "growth.primary" in out and "price.coal" not in out
    code, out, _ = cli(capsys, "history", "煤价")
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("v1") and "[cli]" in lines[0]


def test_show_toml_runs_again(capsys, tmp_path):
    cli(capsys, "save", "--name", "plan", "--set", "services.other_growth=7")
    code, out, _ = cli(capsys, "show", "plan", "--toml")
    assert code == 0 and '"services.other_growth" = 7.0' in out
    f = tmp_path / "plan.toml"
    f.write_text(out, encoding="utf-8")
    assert main(["run", str(f)]) == 0


def test_export_import_between_libraries(capsys, tmp_path, monkeypatch):
    cli(capsys, "save", "--name", "a", "--set", "growth.primary=4")
    cli(capsys, "save", "--name", "b", "--set", "growth.primary=5")
    out_file = tmp_path / "all.json"
    assert cli(capsys, "export", "--out", str(out_file))[0] == 0
    assert {s["name"] for s in json.loads(out_file.read_text("utf-8"))["scenarios"]} == {"a", "b"}
    code, out, _ = cli(capsys, "export", "a")
    assert [s["name"] for s in json.loads(out)["scenarios"]] == ["a"]
    one = tmp_path / "a.toml"
    assert cli(capsys, "export", "a", "--out", str(one))[0] == 0
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "other.sqlite3"))
    code, out, err = cli(capsys, "import", str(out_file))
    assert code == 0 and "a v1" in out and "b v1" in out and err == ""
    code, out, _ = cli(capsys, "import", str(out_file))
    assert "nothing new; 2 already present" in out
    code, out, _ = cli(capsys, "import", str(one))
    assert code == 0 and "already present" in out
    assert sorted(e.name for e in Library().list()) == ["a", "b"]


def test_import_with_problems_lists_each_and_exits_1(capsys, tmp_path):
    doc = {
        "format": "lps-sim-library",
        "format_version": 1,
        "scenarios": [
            {"name": "ok", "versions": [{"inputs": {"growth.primary": 4}}]},
            {"name": "bad", "versions": [{"inputs": {"growth.primary": 99}}]},
        ],
    }
    f = tmp_path / "x.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = cli(capsys, "import", str(f))
    assert code == 1
    assert "imported ok v1" in out
    assert "x.json: skipped bad v1: growth.primary: " in err and "-10 to 15" in err


def test_duplicate_rename_delete_restore(capsys):
    cli(capsys, "save", "--name", "a")
    assert cli(capsys, "duplicate", "a", "b")[0] == 0
    assert cli(capsys, "rename", "b", "c")[0] == 0
    code, out, _ = cli(capsys, "delete", "a")
    assert code == 0 and "trash" in out
    code, out, _ = cli(capsys, "list", "--deleted")
    assert out.startswith("a\t") and "deleted" in out
    assert cli(capsys, "restore", "a")[0] == 0
    code, out, _ = cli(capsys, "delete", "c", "--purge")
    assert code == 0 and "for good" in out
    assert sorted(e.name for e in Library().list()) == ["a"]
    assert Library().list(deleted=True) == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["save", "--name", "x", "--set", "growth.primary=99"], "growth.primary"),
        (["save", "--name", "x", "--set", "nope=1"], "no such parameter"),
        (["save", "--name", "", "--set", "growth.primary=1"], "name: must not be empty"),
        (["save", "--name", "x" * 200], "at most 80"),
        (["save", "no_such_preset", "--name", "x"], "unknown scenario"),
        (["show", "missing"], "no scenario named 'missing'"),
        (["show", "a", "--version", "9"], "no version 9"),
        (["rename", "missing", "y"], "no scenario named"),
        (["duplicate", "a", "a"], "already exists"),
        (["restore", "a"], "no deleted scenario"),
        (["export", "a", "b", "--out", "x.toml"], "exactly one name"),
        (["export", "--out", "x.xlsx"], ".json or .toml"),
        (["import", "/no/such/file.json"], "cannot read"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, args, fragment):
    cli(capsys, "save", "--name", "a")
    code, _out, err = cli(capsys, *args)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert fragment in err


def test_garbage_import_file_is_one_line(capsys, tmp_path):
    f = tmp_path / "junk.json"
    f.write_bytes(b"\xff\xfe\x00garbage\x00")
    code, _, err = cli(capsys, "import", str(f))
    assert code == 2 and err.startswith("error: junk.json") and err.count("\n") == 1


def test_newer_library_file_is_refused_in_one_line(capsys, lib_path):
    import sqlite3

    with sqlite3.connect(lib_path) as c:
        c.execute("PRAGMA user_version = 7")
    code, _, err = cli(capsys, "list")
    assert code == 2 and "update the tool" in err and err.count("\n") == 1


def test_entry_point_and_library_flag(tmp_path):
    other = tmp_path / "flag.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), ENV_VAR: str(tmp_path / "env.sqlite3")}
    cmd = [sys.executable, "-m", "sim", "library"]
    r = subprocess.run(
        [*cmd, "save", "--name", "via flag", "--library", str(other)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    r = subprocess.run(
        [*cmd, "list", "--library", str(other)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0 and r.stdout.startswith("via flag")
    assert not (tmp_path / "env.sqlite3").exists()
