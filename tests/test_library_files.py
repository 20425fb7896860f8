"""Moving scenarios between machines: the library exported as JSON (full history) and imported
elsewhere, TOML scenario files, and an import that reports every problem by field while
keeping the rest. Every test uses a library in tmp_path."""

from __future__ import annotations

import pytest

from sim import io
from sim.baseline import build_baseline
from sim.errors import InputError
from sim.library import Library
from sim.library_files import export_doc, export_json, import_bytes, import_doc
from sim.library_schema import ENV_VAR


def custom_baseline():
    """The embedded baseline with another region name: an 'uploaded' baseline."""
    df = io.read_baseline_frame()
    df["region"] = "Testville"
    return build_baseline(df)


@pytest.fixture
def lib(tmp_path, monkeypatch) -> Library:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lib.sqlite3"))
    return Library()


def test_export_import_round_trip_keeps_history_and_is_idempotent(lib, tmp_path):
    lib.save("a", {"growth.primary": 4}, author="me", notes="line 1\nline 2")
    lib.save("a", {"growth.primary": 5})
    lib.save("up", {"price.coal": 10}, custom_baseline())
    data = export_json(lib).encode()
    other = Library(tmp_path / "other.sqlite3")
    rep = import_bytes(other, data, "x.json")
    assert rep.ok and sorted(rep.added) == [("a", 1), ("a", 2), ("up", 1)]
    for name in ("a", "up"):
        mine, theirs = lib.history(name), other.history(name)
        assert [(v.saved_at, v.inputs, v.notes, v.baseline_hash) for v in mine] == [
            (v.saved_at, v.inputs, v.notes, v.baseline_hash) for v in theirs
        ]
    assert other.open("up").baseline().region == "Testville"
    assert other.entry("a").created_at == lib.entry("a").created_at
    again = import_bytes(other, data, "x.json")
    assert again.added == [] and again.already_present == 3
    one = export_doc(lib, ["a"])
    assert [s["name"] for s in one["scenarios"]] == ["a"]
    with pytest.raises(InputError, match="no scenario named 'zz'"):
        export_doc(lib, ["zz"])


def test_import_reports_each_problem_by_field_and_keeps_the_rest(lib):
    doc = export_doc(Library(lib.path))  # empty library: a valid skeleton
    doc["scenarios"] = [
        {"name": "good", "versions": [{"inputs": {"growth.primary": 4}}]},
        {
            "name": "half",
            "versions": [
                {"inputs": {"growth.primary": 4}},
                {"inputs": {"growth.primary": 400, "price.coal": "cheap"}},
            ],
        },
        {"name": "unknown", "versions": [{"inputs": {"growth.nope": 1}}]},
        {"name": "x" * 500, "versions": [{"inputs": {}}]},
        {"name": "no versions", "versions": []},
        "not an object",
        {"name": "bad notes", "versions": [{"notes": 7, "inputs": {}}]},
        {"name": "bad inputs", "versions": [{"inputs": [1, 2]}]},
        {"name": "bad baseline", "versions": [{"inputs": {}, "baseline": "f" * 64}]},
    ]
    rep = import_doc(lib, doc)
    assert sorted(rep.added) == [("good", 1), ("half", 1)]
    got = {(p.where, p.field) for p in rep.problems}
    assert got == {
        ("half v2", "growth.primary"),
        ("half v2", "price.coal"),
        ("unknown v1", "growth.nope"),
        ("scenarios[3]", "name"),
        ("scenarios[4]", "versions"),
        ("scenarios[5]", "scenario"),
        ("bad notes v1", "notes"),
        ("bad inputs v1", "inputs"),
        ("bad baseline v1", "baseline"),
    }
    msg = {p.field: p.message for p in rep.problems}
    assert "-10 to 15" in msg["growth.primary"] and "no such parameter" in msg["growth.nope"]


def test_import_checks_baselines_and_file_shape(lib):
    doc = export_doc(lib)
    doc["baselines"] = {"abc": {"csv": "region,variable\nX,GDP\n"}}
    doc["scenarios"] = [{"name": "s", "versions": [{"inputs": {}, "baseline": "abc"}]}]
    rep = import_doc(lib, doc)
    assert not rep.added
    assert {p.field for p in rep.problems} >= {"baseline CSV", "baseline"}
    for bad in (b"\x00\x01binary", b"{not json", b'{"format": "other"}', b"[scenario]\nid='a b'"):
        with pytest.raises(InputError):
            import_bytes(lib, bad, "f")
    newer = dict(export_doc(lib), format_version=99)
    with pytest.raises(InputError, match="update the tool"):
        import_doc(lib, newer)


def test_every_preset_scenario_file_imports(lib):
    for path in io.scenario_paths():
        rep = import_bytes(lib, path.read_bytes(), path.name, author="preset")
        assert rep.ok and len(rep.added) == 1, rep.problems
    assert len(lib.list()) == len(io.scenario_paths())
