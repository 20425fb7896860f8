"""Assumption profiles: the structural and accounting assumptions of one region, with where each
value comes from (params/profiles/*.toml, data/regions/<region>/profile.toml).

A profile is found by the region's name (Chinese first: 六盘水市, with its other spellings).
Liupanshui's profile is the assumptions of params/parameters.toml as written. A region without
a profile gets the generic one (params/profiles/通用.toml): values borrowed from elsewhere,
level assumptions (energy use in 10k tce, local electricity use) scaled to the region's own
base, each flagged as not from the region. A region's own profile may set some values and
inherit the rest from the generic profile.

Entries: ``value`` (a number in the parameter's unit) or ``per`` + ``ratio`` (the value is
ratio x a base-year quantity of the region, see ``BASES``), with ``own`` (true when the figure
is the region's), ``source`` and ``reason_zh`` / ``reason_en``.

A ``[record]`` table says which part of the record of targets and outcomes
(data/record/targets_outcomes.csv) describes the region: its coal-and-power class
(``coal_power``: the record's yes / partly / no, or mixed / unknown) and administrative level
(``level``), with ``source`` and ``reason_zh`` / ``reason_en``. The Monte Carlo's odds are
calibrated on that part (sim.analysis.odds_region); without one (here or inherited) the whole
record is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import io
from .baseline import Baseline
from .errors import InputError

GENERIC_ID = "通用"
KINDS = ("own", "generic")
RANGES = ("as_written", "band")
# [record] coal_power: the record's classes (coal_power_region), plus mixed (a region holding
# both kinds, like the nation) and unknown; level: the record's region_level, plus national.
RECORD_COAL = ("yes", "partly", "no", "mixed", "unknown")
RECORD_LEVEL = ("national", "province", "prefecture", "county", "unknown")


def _share(name: str):
    return lambda b: b.gdp * b.values[f"Share|{name}"] / 100


# Base-year quantities a level assumption may scale with (unit of the quantity).
BASES = {
    "gdp": (lambda b: b.gdp, "100m CNY"),
    "primary": (_share("Primary"), "100m CNY"),
    "secondary": (_share("Secondary"), "100m CNY"),
    "tertiary": (_share("Tertiary"), "100m CNY"),
    "coal": (lambda b: b.get("Production|Coal", 0.0), "10k t"),
    "generation": (lambda b: b.get("Electricity|Generation", 0.0), "100m kWh"),
}


@dataclass(frozen=True)
class Entry:
    id: str
    own: bool
    source: str
    reason_zh: str
    reason_en: str
    value: float | None = None
    per: str = ""
    ratio: float | None = None

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en

    def resolve(self, base: Baseline) -> float:
        """The value for this baseline: the number, or ratio x the base quantity."""
        if self.value is not None:
            return float(self.value)
        return float(self.ratio) * float(BASES[self.per][0](base))


@dataclass(frozen=True)
class RecordMatch:
    """The part of the record of targets and outcomes that describes a region (``[record]``)."""

    coal_power: str  # RECORD_COAL
    level: str  # RECORD_LEVEL
    source: str
    reason_zh: str
    reason_en: str
    profile: str = ""  # the profile that set it (its own or inherited)

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en


UNKNOWN_RECORD = RecordMatch("unknown", "unknown", "", "", "")


@dataclass(frozen=True)
class Profile:
    id: str  # the region's name as the file names it (Chinese first)
    names: tuple[str, ...]  # every spelling of the region it is for
    kind: str  # own | generic
    ranges: str  # as_written: parameters.toml's ranges were set for it; band: from the baseline
    title_zh: str
    title_en: str
    basis_zh: str
    basis_en: str
    entries: dict[str, Entry] = field(default_factory=dict)
    inherit: str = ""  # profile whose entries fill the ids this one does not set
    path: str = ""
    record: RecordMatch | None = None  # [record]; None: inherited, else the whole record

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def basis(self, lang: str = "zh") -> str:
        return self.basis_zh if lang == "zh" else self.basis_en

    def is_for(self, region: str) -> bool:
        return _norm(region) in {_norm(n) for n in self.names}


def _norm(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def profile_from_doc(doc: dict, path: str = "") -> Profile:
    """A Profile from its TOML document; a bad entry is an InputError naming the file and id."""
    where = path or "profile"
    meta = doc.get("meta")
    if not isinstance(meta, dict) or not meta.get("names"):
        raise InputError(key="err_profile_meta", field=where, what="[meta] names")
    kind, ranges = meta.get("kind", "own"), meta.get("ranges", "band")
    if kind not in KINDS or ranges not in RANGES:
        raise InputError(key="err_profile_meta", field=where, what="[meta] kind / ranges")
    entries = {}
    for raw in doc.get("value", []):
        pid = str(raw.get("id", ""))
        value, per, ratio = raw.get("value"), str(raw.get("per", "")), raw.get("ratio")
        numbers = [v for v in (value, ratio) if v is not None]
        good = all(isinstance(v, int | float) and math.isfinite(v) for v in numbers)
        if (
            not pid
            or not good
            or (value is None) == (ratio is None)
            or (ratio is not None and per not in BASES)
        ):
            raise InputError(
                key="err_profile_entry", field=where, id=pid or "?", bases=", ".join(BASES)
            )
        entries[pid] = Entry(
            pid,
            bool(raw.get("own", False)),
            str(raw.get("source", "")),
            str(raw.get("reason_zh", "")),
            str(raw.get("reason_en", "")),
            None if value is None else float(value),
            per,
            None if ratio is None else float(ratio),
        )
    names = tuple(str(n) for n in meta["names"])
    record = _record_match(doc.get("record"), where, names[0])
    return Profile(
        names[0],
        names,
        kind,
        ranges,
        str(meta.get("title_zh", names[0])),
        str(meta.get("title_en", names[0])),
        str(meta.get("basis_zh", "")),
        str(meta.get("basis_en", "")),
        entries,
        str(meta.get("inherit", "")),
        path,
        record,
    )


def _record_match(raw, where: str, pid: str) -> RecordMatch | None:
    """``[record]`` of a profile; a class or level outside the allowed ones is an InputError."""
    if raw is None:
        return None
    coal = raw.get("coal_power") if isinstance(raw, dict) else None
    level = raw.get("level") if isinstance(raw, dict) else None
    if coal not in RECORD_COAL or level not in RECORD_LEVEL:
        raise InputError(
            key="err_profile_record",
            field=where,
            coal=", ".join(RECORD_COAL),
            level=", ".join(RECORD_LEVEL),
        )
    return RecordMatch(
        coal,
        level,
        str(raw.get("source", "")),
        str(raw.get("reason_zh", "")),
        str(raw.get("reason_en", "")),
        pid,
    )


@lru_cache(maxsize=1)
def shipped_profiles() -> tuple[Profile, ...]:
    return tuple(profile_from_doc(doc, _shown(p)) for p, doc in io.profile_docs())


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(io.ROOT))
    except ValueError:
        return str(path)


def generic_profile() -> Profile:
    return next(p for p in shipped_profiles() if p.id == GENERIC_ID)


def find_profile(region: str) -> Profile:
    """The shipped profile for ``region`` (any of its names), else the generic one."""
    return next((p for p in shipped_profiles() if p.is_for(region)), generic_profile())


def load_profile(path: Path | None, region: str) -> Profile:
    """``--profile FILE`` when given, else the shipped profile for the region."""
    if path is None:
        return find_profile(region)
    return profile_from_doc(io.profile_doc(path), str(path))


def record_of(profile: Profile) -> RecordMatch:
    """The profile's ``[record]``, else the nearest inherited one, else UNKNOWN_RECORD."""
    seen = set()
    p: Profile | None = profile
    while p is not None and p.id not in seen:
        if p.record is not None:
            return p.record
        seen.add(p.id)
        p = next((q for q in shipped_profiles() if q.id == p.inherit), None) if p.inherit else None
    return UNKNOWN_RECORD


def entries_of(profile: Profile) -> dict[str, tuple[Entry, Profile]]:
    """Every entry that applies, with the profile it comes from (its own, then inherited)."""
    out: dict[str, tuple[Entry, Profile]] = {}
    seen = set()
    p: Profile | None = profile
    while p is not None and p.id not in seen:
        seen.add(p.id)
        for pid, e in p.entries.items():
            out.setdefault(pid, (e, p))
        p = next((q for q in shipped_profiles() if q.id == p.inherit), None) if p.inherit else None
    return out
