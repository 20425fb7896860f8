"""``python -m sim library …``: the scenario library on the command line.

list, save, show, history, export, import, duplicate, rename, delete, restore, check, recover.
The library file
is ``$LPS_LIBRARY`` (or ``--library FILE``). Bad input ends with one line and exit status 2;
an import that skipped some versions lists each problem and exits 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from . import io
from .cli_common import Parser, add_scenario_args, resolve_inputs
from .errors import InputError
from .library import Library, Version
from .library_files import export_json, export_toml, import_bytes
from .library_recover import recover
from .library_schema import ENV_VAR, default_path
from .metadata import load_parameters
from .sanitize import toml_file_bytes


def add_parsers(sub) -> None:
    top = sub.add_parser("library", help="the scenario library: save, list, open, share")
    lib = top.add_subparsers(dest="library_command", required=True, parser_class=Parser)

    def cmd(name: str, func, help_: str) -> Parser:
        p = lib.add_parser(name, help=help_)
        p.add_argument("--library", type=Path, help=f"library file (default: ${ENV_VAR})")
        p.set_defaults(func=func)
        return p

    p = cmd("list", cmd_list, "list saved scenarios (latest version of each)")
    p.add_argument("--deleted", action="store_true", help="list the trash instead")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = cmd("save", cmd_save, "save a scenario (preset or .toml) plus --set overrides by name")
    add_scenario_args(p)
    p.add_argument("--name", required=True, help="name in the library (a new version if it exists)")
    p.add_argument(
        "--author",
        default=os.environ.get("USER") or os.environ.get("USERNAME", ""),
        help="default: $USER",
    )
    p.add_argument("--notes", default="", help="what this version is about")

    p = cmd("show", cmd_show, "show one version: who, when, baseline, inputs changed")
    p.add_argument("name")
    p.add_argument("--version", type=int, help="version number (default: the latest)")
    p.add_argument("--toml", action="store_true", help="print it as a scenario TOML file")

    p = cmd("history", cmd_history, "every version of a scenario")
    p.add_argument("name")

    p = cmd("export", cmd_export, "write scenarios to a file (.json: full history; .toml: one)")
    p.add_argument("names", nargs="*", help="scenario names (default: the whole library)")
    p.add_argument("--out", type=Path, help="output file (.json or .toml); stdout when omitted")
    p.add_argument("--version", type=int, help="with .toml: which version (default: latest)")

    p = cmd("import", cmd_import, "import .json exports or scenario .toml files")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument(
        "--author",
        default=os.environ.get("USER") or os.environ.get("USERNAME", ""),
        help="author for .toml files",
    )

    p = cmd("duplicate", cmd_duplicate, "copy a scenario's latest version under a new name")
    p.add_argument("name")
    p.add_argument("new_name")
    p.add_argument("--author", default="", help="default: the original author")

    p = cmd("rename", cmd_rename, "rename a scenario (its history is kept)")
    p.add_argument("name")
    p.add_argument("new_name")

    p = cmd("delete", cmd_delete, "move a scenario to the trash (--purge: remove for good)")
    p.add_argument("name")
    p.add_argument("--purge", action="store_true", help="remove it and all its versions")

    p = cmd("restore", cmd_restore, "bring a deleted scenario back from the trash")
    p.add_argument("name")

    cmd("check", cmd_check, "check the library file (SQLite integrity and every row)")
    cmd("recover", cmd_recover, "rebuild a damaged library from every readable row and its backup")


def _lib(args) -> Library:
    return Library(args.library)


def _line(v: Version) -> str:
    base = f"{v.region} {v.base_year}" + (" (uploaded)" if v.custom_baseline else "")
    return f"v{v.number}  {v.saved_at}  {v.author or '-'}  {base}  model {v.model_version}"


def cmd_list(args) -> int:
    entries = _lib(args).list(deleted=args.deleted)
    if args.json:
        rows = [
            {
                "name": e.name,
                "author": e.author,
                "created_at": e.created_at,
                "changed_at": e.changed_at,
                "deleted_at": e.deleted_at,
                "versions": e.versions,
                "latest_notes": e.latest.notes,
            }
            for e in entries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for e in entries:
        gone = f"  deleted {e.deleted_at}" if e.deleted_at else ""
        print(f"{e.name}\t{e.versions} version(s)\tchanged {e.changed_at}\t{e.author}{gone}")
    if not entries:
        print("(empty)" if not args.deleted else "(trash is empty)", file=sys.stderr)
    return 0


def cmd_save(args) -> int:
    r = resolve_inputs(args)
    v = _lib(args).save(
        args.name, r.values, r.base, author=args.author, notes=args.notes, origin="cli",
        pset=r.pset,
    )  # fmt: skip
    print(f"saved '{args.name}' {_line(v)}")
    return 0


def cmd_show(args) -> int:
    lib = _lib(args)
    if args.toml:
        sys.stdout.write(export_toml(lib, args.name, args.version))
        return 0
    op = lib.open(args.name, args.version)
    print(f"{op.entry.name}  ({op.entry.versions} version(s), created {op.entry.created_at})")
    print(_line(op.version))
    if op.version.notes:
        print("notes: " + op.version.notes.replace("\n", "\n       "))
    ps = load_parameters()
    print("inputs changed from the defaults:" if op.version.inputs else "inputs: all defaults")
    for pid, value in op.version.inputs.items():
        p = ps.by_id.get(pid)
        label = f"{p.label_en} ({p.unit})" if p else ""
        print(f"  {pid:28s} {value!s:>10}  {label}")
    for i in op.issues:
        print(f"  [warn] {i.en}")
    if op.baseline_changed:
        print("  [warn] saved on an earlier embedded baseline; the current one is used")
    return 0


def cmd_history(args) -> int:
    for v in _lib(args).history(args.name):
        notes = f"  {v.notes.splitlines()[0][:60]}" if v.notes else ""
        print(f"{_line(v)}  [{v.origin}]  {len(v.inputs)} change(s){notes}")
    return 0


def cmd_export(args) -> int:
    lib = _lib(args)
    if args.out is not None:
        io.check_output_path(args.out, "--out")
    if args.out is not None and args.out.suffix.lower() == ".toml":
        if len(args.names) != 1:
            raise InputError(key="err_lib_toml_one", field="--out")
        text = export_toml(lib, args.names[0], args.version)
    elif args.out is not None and args.out.suffix.lower() != ".json":
        raise InputError(key="err_lib_out_suffix", field="--out")
    else:
        text = export_json(lib, args.names or None)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    toml = args.out.suffix.lower() == ".toml"  # with a BOM: a short title reads back as written
    io.write_user_bytes(args.out, toml_file_bytes(text) if toml else text.encode("utf-8"), "--out")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    lib = _lib(args)
    status = 0
    datas = [io.read_user_bytes(path, io.shown_path(path, 60)) for path in args.files]
    for path, data in zip(args.files, datas, strict=True):
        rep = import_bytes(lib, data, path.name, author=args.author)
        added = ", ".join(f"{n} v{k}" for n, k in rep.added) or "nothing new"
        print(f"{path.name}: imported {added}; {rep.already_present} already present")
        for prob in rep.problems:
            print(f"{path.name}: skipped {prob}", file=sys.stderr)
            status = 1
    return status


def cmd_duplicate(args) -> int:
    v = _lib(args).duplicate(args.name, args.new_name, author=args.author)
    print(f"'{args.name}' copied to '{args.new_name}' {_line(v)}")
    return 0


def cmd_rename(args) -> int:
    _lib(args).rename(args.name, args.new_name)
    print(f"'{args.name}' renamed to '{args.new_name}'")
    return 0


def cmd_delete(args) -> int:
    n = _lib(args).delete(args.name, purge=args.purge)
    if args.purge:
        print(f"'{args.name}' removed for good ({n} scenario(s) with every version)")
    else:
        print(f"'{args.name}' moved to the trash (python -m sim library restore to undo)")
    return 0


def cmd_restore(args) -> int:
    _lib(args).restore(args.name)
    print(f"'{args.name}' restored")
    return 0


def cmd_check(args) -> int:
    """0 when SQLite's checks pass and every scenario and version reads; else one line, 2."""
    lib = _lib(args)
    if not lib.check():
        raise InputError(key="err_lib_check_failed", field=ENV_VAR, path=io.shown_path(lib.path))
    entries = lib.list() + lib.list(deleted=True)
    versions = sum(len(lib.history(e.name)) for e in entries if e.deleted_at is None)
    print(f"{lib.path}: ok ({len(entries)} scenario(s), {versions} live version(s))")
    return 0


def cmd_recover(args) -> int:
    path = args.library or default_path()
    rep = recover(path)
    print(f"{path}: recovered")
    for line in rep.lines():
        print(f"  {line}")
    return 0
