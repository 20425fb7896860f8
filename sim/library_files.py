"""Moving scenarios between machines: export the library (or one scenario) as a JSON file with
full history, import such a file or a scenario TOML file.

Import checks everything before it writes: the file's shape, every name and note, every
baseline CSV (through ``sim.baseline.build_baseline``) and every version's inputs (through
``sim.metadata.validate_adjustment``). A version with a problem is skipped and each problem is
reported with the scenario, version and field; the rest are imported, all in one transaction.
Importing the same file twice adds nothing: a version already present (same time, inputs and
baseline) is skipped. Versions of a scenario whose name already exists are appended to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import __version__, io, limits
from .baseline import build_baseline
from .errors import InputError
from .library import MAX_AUTHOR, MAX_NAME, MAX_NOTES, Library, clean_text, now
from .library_schema import transaction
from .library_stored import baseline_hash, embedded_baseline, inputs_json
from .metadata import validate_adjustment
from .scenarios import Scenario, parse_scenario_bytes, scenario_to_toml, sparse_diff

FORMAT = "lps-sim-library"
FORMAT_VERSION = 1
STAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?$")


@dataclass
class Problem:
    where: str  # scenario name and version, or a position in the file
    field: str
    message: str  # English
    zh: str = ""  # Chinese (the English one when empty)

    def text(self, lang: str = "en") -> str:
        msg = (self.zh or self.message) if lang == "zh" else self.message
        return f"{self.where}: {self.field}: {msg}"

    def __str__(self) -> str:
        return self.text("en")


def _problem(where: str, e: InputError) -> Problem:
    return Problem(where, e.field or "", _msg(e), _msg(e, "zh"))


@dataclass
class ImportReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (name, new version number)
    already_present: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# ---------------------------------------------------------------------- export
def export_doc(lib: Library, names: list[str] | None = None) -> dict:
    """The whole library (live scenarios) or the named ones, every version, as one document.
    Uploaded baselines travel with it (once each); the embedded one is named by its hash."""
    entries = [e for e in lib.list() if names is None or e.name in names]
    missing = set(names or ()) - {e.name for e in entries}
    if missing:
        raise InputError(key="err_lib_no_scenario", field="name", name=sorted(missing)[0][:80])
    baselines: dict[str, dict] = {}
    scenarios = []
    for e in entries:
        versions = []
        for v in lib.history(e.name):
            if v.baseline_hash not in baselines:
                baselines[v.baseline_hash] = {
                    "region": v.region,
                    "base_year": v.base_year,
                    "csv": lib.baseline_csv(v.baseline_hash),
                }
            versions.append(
                {
                    "number": v.number,
                    "saved_at": v.saved_at,
                    "author": v.author,
                    "notes": v.notes,
                    "origin": v.origin,
                    "model_version": v.model_version,
                    "baseline": v.baseline_hash,
                    "inputs": v.inputs,
                }
            )
        scenarios.append(
            {
                "name": e.name,
                "author": e.author,
                "created_at": e.created_at,
                "changed_at": e.changed_at,
                "versions": versions,
            }
        )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now(),
        "tool_version": __version__,
        "baselines": baselines,
        "scenarios": scenarios,
    }


def export_json(lib: Library, names: list[str] | None = None) -> str:
    return json.dumps(export_doc(lib, names), ensure_ascii=False, indent=1) + "\n"


def export_toml(lib: Library, name: str, number: int | None = None) -> str:
    """One version as a scenario TOML file, which ``python -m sim run FILE`` and the app read."""
    op = lib.open(name, number)
    slug = re.sub(r"[^A-Za-z0-9_\-]+", "_", name).strip("_")[:48] or "library"
    scn = Scenario(
        id=slug,
        title_zh=name,
        title_en=name,
        description_zh=op.version.notes,
        description_en=op.version.notes,
        source=f"scenario library: '{name}' v{op.version.number}, {op.version.author}, "
        f"{op.version.saved_at}, model {op.version.model_version}",
        values=sparse_diff(op.values),
    )
    return scenario_to_toml(scn)


# ---------------------------------------------------------------------- import
def import_bytes(
    lib: Library, data: bytes, name: str = "file", *, author: str = ""
) -> ImportReport:
    """Import an exported JSON file or a scenario TOML file (detected from the content)."""
    text = io.decode_text(data, name)
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise InputError(key="err_json", field=name, reason=str(e)[:160]) from e
        return import_doc(lib, doc)
    scn = parse_scenario_bytes(data, name)
    title = scn.title_zh or scn.title_en
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "baselines": {},
        "scenarios": [
            {
                "name": title,
                "author": author,
                "versions": [{"author": author, "notes": scn.description_zh, "inputs": scn.values}],
            }
        ],
    }
    return import_doc(lib, doc)


def import_doc(lib: Library, doc: object) -> ImportReport:
    """Check every scenario and version, then write the good ones in one transaction."""
    rep = ImportReport()
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise InputError(key="err_lib_not_export", field="file", format=FORMAT)
    if not isinstance(doc.get("format_version"), int) or doc["format_version"] > FORMAT_VERSION:
        raise InputError(
            key="err_lib_format_version",
            field="format_version",
            got=f"{doc.get('format_version')!r:.24}",
            ours=FORMAT_VERSION,
        )
    scenarios = doc.get("scenarios")
    if not isinstance(scenarios, list):
        raise InputError(key="err_must_be_list", field="scenarios")
    baselines = _baselines(doc.get("baselines"), rep)
    plan = []
    for i, s in enumerate(scenarios):
        where = f"scenarios[{i}]"
        try:
            if not isinstance(s, Mapping):
                raise InputError(key="err_must_be_object", field="scenario")
            sname = clean_text(s.get("name"), "name", MAX_NAME, required=True)
            sauthor = clean_text(s.get("author"), "author", MAX_AUTHOR)
            versions = s.get("versions")
            if not isinstance(versions, list) or not versions:
                raise InputError(key="err_must_be_list", field="versions")
        except InputError as e:
            rep.problems.append(_problem(where, e))
            continue
        good = []
        for j, raw in enumerate(versions):
            num = raw.get("number", j + 1) if isinstance(raw, Mapping) else j + 1
            checked = _version(raw, f"{sname} v{num}", baselines, rep)
            if checked:
                good.append(checked)
        created = s.get("created_at")
        created = created if isinstance(created, str) and STAMP_RE.match(created) else None
        if good:
            plan.append((sname, sauthor, created, good))
    if plan:
        _write(lib, plan, rep)
    return rep


def _msg(e: InputError, lang: str = "en") -> str:
    return e.message_zh if lang == "zh" else e.message_en


def _baselines(raw: object, rep: ImportReport) -> dict[str, tuple | None]:
    """{hash in the file: (hash of the data, region, year, csv or None)} for every baseline that
    checks out; None for those that do not (their versions are then skipped)."""
    default, default_hash = embedded_baseline()
    out: dict[str, tuple | None] = {
        default_hash: (default_hash, default.region, default.year, None)
    }
    if raw is None:
        return out
    if not isinstance(raw, Mapping):
        rep.problems.append(
            _problem("baselines", InputError(key="err_must_be_object", field="baselines"))
        )
        return out
    for h, b in raw.items():
        key = str(h)
        try:
            if not isinstance(b, Mapping):
                raise InputError(key="err_must_be_object", field="baseline")
            csv = b.get("csv")
            if csv is None:  # an embedded baseline (perhaps an older tool's): keep its label
                if not re.fullmatch(r"[0-9a-f]{64}", key):
                    raise InputError(key="err_lib_hash", field="baseline id")
                region = clean_text(b.get("region"), "region", MAX_NAME) or "Region"
                year = b.get("base_year")
                if not isinstance(year, int) or isinstance(year, bool):
                    raise InputError(key="err_whole_number", field="base_year", got=f"{year!r:.24}")
                limits.check_base_year(year, "base_year")
                out.setdefault(key, (key, region, year, None))
                continue
            if not isinstance(csv, str):
                raise InputError(key="err_lib_csv", field="csv")
            base = build_baseline(io.read_baseline_frame(csv.encode("utf-8")))
            real = baseline_hash(base.frame)
            text = (
                None
                if real == default_hash
                else base.frame.to_csv(index=False, lineterminator="\n")
            )
            out[key] = (real, base.region, base.year, text)
        except InputError as e:
            rep.problems.append(_problem(f"baseline {key[:12]}", e))
            out[key] = None
    return out


def _version(v: object, where: str, baselines: dict, rep: ImportReport) -> dict | None:
    """One version checked; None (with its problems recorded) when it cannot be imported."""
    if not isinstance(v, Mapping):
        rep.problems.append(_problem(where, InputError(key="err_must_be_object", field="version")))
        return None
    try:
        author = clean_text(v.get("author"), "author", MAX_AUTHOR)
        notes = clean_text(v.get("notes"), "notes", MAX_NOTES, lines=True)
    except InputError as e:
        rep.problems.append(_problem(where, e))
        return None
    inputs = v.get("inputs", {})
    if not isinstance(inputs, Mapping):
        rep.problems.append(_problem(where, InputError(key="err_must_be_object", field="inputs")))
        return None
    val = validate_adjustment(inputs)
    problems = [Problem(where, i.field, i.en, i.zh) for i in val.issues if i.level == "error"]
    bkey = str(v.get("baseline", embedded_baseline()[1]))
    baseline = baselines.get(bkey)
    if baseline is None:
        missing = InputError(key="err_lib_baseline_missing", field="baseline", id=bkey[:12])
        problems.append(_problem(where, missing))
    if problems:
        rep.problems.extend(problems)
        return None
    stamp = v.get("saved_at")
    mv = v.get("model_version")
    origin = v.get("origin")
    return {
        "author": author,
        "notes": notes,
        "inputs": sparse_diff(val.values),
        "baseline": baseline,
        "saved_at": stamp if isinstance(stamp, str) and STAMP_RE.match(stamp) else None,
        "model_version": mv[:20] if isinstance(mv, str) and mv else __version__,
        "origin": origin[:20] if isinstance(origin, str) and origin else "import",
    }


def _write(lib: Library, plan: list, rep: ImportReport) -> None:
    """Append the checked versions, skipping those already present, in one transaction. A
    version with a time is present if one with the same time, baseline and inputs exists; one
    without (a TOML file) if one with the same baseline, inputs and notes exists."""
    with lib._conn() as conn, transaction(conn):
        for sname, sauthor, created, versions in plan:
            sid = lib._live_id(conn, sname, create_author=sauthor, created_at=created)
            have = set()
            for r in conn.execute("SELECT * FROM version WHERE scenario_id = ?", (sid,)):
                have.add((r["saved_at"], r["baseline_hash"], r["inputs"]))
                have.add((None, r["baseline_hash"], r["inputs"], r["notes"]))
            for v in sorted(versions, key=lambda v: v["saved_at"] or "~"):
                key = (v["saved_at"], v["baseline"][0], inputs_json(v["inputs"]))
                if v["saved_at"] is None:
                    key = (*key, v["notes"])
                if key in have:
                    rep.already_present += 1
                    continue
                n = lib._append(
                    conn,
                    sid,
                    v["inputs"],
                    v["baseline"],
                    author=v["author"],
                    notes=v["notes"],
                    origin=v["origin"],
                    saved_at=v["saved_at"],
                    model_version=v["model_version"],
                )
                have.add(key)
                rep.added.append((sname, n))
