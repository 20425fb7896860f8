"""Scenarios: sparse diffs against the parameter defaults, with titles in both languages.

A scenario file is TOML: a ``[scenario]`` table (id, title_zh, title_en, description_zh,
description_en, optional source) and a ``[values]`` table {parameter id: value}. The same
format is written by the app's export, so an exported scenario can be uploaded again. An
optional ``[reasons]`` table {parameter id: text} says why an input was changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import io, limits
from .errors import InputError
from .metadata import ParamSet, Validation, load_parameters, validate_adjustment
from .sanitize import toml_string

ID_RE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
TEXT_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "source")
MAX_TEXT = limits.MAX_NOTES


@dataclass
class Scenario:
    id: str
    title_zh: str
    title_en: str
    description_zh: str = ""
    description_en: str = ""
    source: str = ""
    values: dict[str, object] = field(default_factory=dict)
    # Why an input was changed, {parameter id: text} (optional [reasons] table), as the planner
    # typed it beside the downloads; the workbook's cover and the briefing show it.
    reasons: dict[str, str] = field(default_factory=dict)

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def description(self, lang: str = "zh") -> str:
        return self.description_zh if lang == "zh" else self.description_en

    def validate(self, pset: ParamSet | None = None) -> Validation:
        return validate_adjustment(self.values, pset)


def scenario_from_doc(doc: Mapping, name: str = "scenario file") -> Scenario:
    """Build a Scenario from parsed TOML, checking its shape; values are checked by validate()."""
    head = doc.get("scenario")
    if not isinstance(head, Mapping):
        raise InputError(key="err_scn_no_head", field=name)
    sid = head.get("id", "")
    sid = sid.strip() if isinstance(sid, str) else ""
    if not ID_RE.fullmatch(sid):
        shown = sid if len(sid) <= 40 else sid[:39] + "…"
        raise InputError(key="err_scn_id", field="scenario.id", got=shown)
    texts = {}
    for k in TEXT_FIELDS:
        v = head.get(k, "")
        if not isinstance(v, str):
            raise InputError(key="err_must_be_text", field=f"scenario.{k}")
        if len(v) > MAX_TEXT:
            raise InputError(key="err_too_long", field=f"scenario.{k}", n=len(v), limit=MAX_TEXT)
        texts[k] = v
    if not texts["title_zh"] and not texts["title_en"]:
        raise InputError(key="err_scn_no_title", field="scenario.title_zh")
    texts["title_zh"] = texts["title_zh"] or texts["title_en"]
    texts["title_en"] = texts["title_en"] or texts["title_zh"]
    values = doc.get("values", {})
    if not isinstance(values, Mapping):
        raise InputError(key="err_scn_values", field=f"{name} [values]")
    flat = flatten(values)
    limits.check_scenario_keys(len(flat), f"{name} [values]")
    return Scenario(id=sid, values=flat, reasons=_reasons(doc.get("reasons", {}), name), **texts)


def _reasons(raw, name: str) -> dict[str, str]:
    """The optional [reasons] table: {parameter id: text}, each text at most MAX_TEXT long."""
    if not isinstance(raw, Mapping):
        raise InputError(key="err_must_be_text", field=f"{name} [reasons]")
    flat = flatten(raw)
    limits.check_scenario_keys(len(flat), f"{name} [reasons]")
    for k, v in flat.items():
        if not isinstance(v, str):
            raise InputError(key="err_must_be_text", field=f"reasons.{k}")
        if len(v) > MAX_TEXT:
            raise InputError(key="err_too_long", field=f"reasons.{k}", n=len(v), limit=MAX_TEXT)
    return dict(flat)


def flatten(values: Mapping, prefix: str = "", out: dict | None = None) -> dict[str, object]:
    """[values] with dotted ids: ``growth.primary = 4`` written without quotes is a nested
    table in TOML ({"growth": {"primary": 4}}); it means the id "growth.primary". Stops
    collecting past limits.MAX_SCENARIO_KEYS + 1 keys (the caller refuses the file)."""
    out = {} if out is None else out
    for k, v in values.items():
        if len(out) > limits.MAX_SCENARIO_KEYS:
            break
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and v:
            flatten(v, key + ".", out)
        else:
            out[key] = v
    return out


def load_scenario(name_or_path: str | Path) -> Scenario:
    return scenario_from_doc(io.scenario_doc(name_or_path), str(name_or_path))


def parse_scenario_bytes(data: bytes, name: str = "scenario file") -> Scenario:
    return scenario_from_doc(io.parse_toml_bytes(data, name), name)


def presets() -> list[Scenario]:
    return [load_scenario(p) for p in io.scenario_paths()]


def sparse_diff(values: Mapping[str, object], pset: ParamSet | None = None) -> dict[str, object]:
    """Only the inputs that differ from the defaults, in parameter order; an input the chosen
    industry mode does not use (growth.secondary in drivers mode) is left out, so a saved or
    shared scenario never carries a value the model ignores."""
    pset = pset or load_parameters()
    out = {}
    for p in pset.params:
        if not p.active(values):
            continue
        v = values.get(p.id, p.default)
        if p.type == "choice" and v != p.default:
            out[p.id] = v
        elif p.type != "choice" and abs(float(v) - float(p.default)) > 1e-12:
            out[p.id] = int(v) if p.type == "int" else float(v)
    return out


def scenario_to_toml(scn: Scenario) -> str:
    """Write a scenario as TOML (strings cleaned and JSON-escaped by sim.sanitize.toml_string,
    so a control character or DEL in a title cannot make the file unreadable)."""
    lines = ["[scenario]", f"id = {json.dumps(scn.id)}"]
    for k in TEXT_FIELDS:
        v = getattr(scn, k)
        if v or k.startswith("title"):
            lines.append(f"{k} = {toml_string(v)}")
    lines += ["", "[values]"]
    for k, v in scn.values.items():
        val = (
            toml_string(v)
            if isinstance(v, str)
            else repr(float(v))
            if isinstance(v, float)
            else str(v)
        )
        lines.append(f"{json.dumps(k)} = {val}")
    reasons = {k: v for k, v in scn.reasons.items() if k in scn.values and v}
    if reasons:
        lines += ["", "[reasons]"]
        lines += [f"{json.dumps(k)} = {toml_string(v)}" for k, v in reasons.items()]
    return "\n".join(lines) + "\n"
