"""Parameter metadata (params/parameters.toml) and the one validation path for inputs.

Every way an input arrives (slider, URL, scenario file, CLI flag, library) goes through
``validate_adjustment``; errors are collected per parameter id so each can sit beside its widget.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from . import io, limits
from .errors import InputError
from .i18n import t
from .retired import RETIRED, migrate


@dataclass(frozen=True)
class Param:
    """One model input. Numbers are in ``unit``; choice parameters hold one of ``choices``."""

    id: str
    label_zh: str
    label_en: str
    unit: str
    type: str
    default: float | int | str
    group: str
    kind: str
    description_zh: str
    description_en: str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    quote: str = ""
    # Why an assumption or policy switch has its default, in both languages (never a source:
    # a figure with a source is a target with its quote, or a baseline row in data/).
    reason_zh: str = ""
    reason_en: str = ""
    # The range an assumption plausibly lies in (narrower than the allowed [min, max]); the
    # README's assumptions table and the sensitivity tools sweep it.
    plausible: tuple[float, float] | None = None
    choices: tuple[str, ...] = ()
    choice_labels_zh: tuple[str, ...] = ()
    choice_labels_en: tuple[str, ...] = ()
    mc_sd: float = 0.0
    mc_basis: str = ""
    target: str = ""  # id of the target in params/targets.toml that sets the default
    # The industry.mode in which this input is used ("target" or "drivers"; "" = always).
    # Setting it in the other mode is refused (sim.metadata.mode_issues).
    mode: str = ""

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def description(self, lang: str = "zh") -> str:
        return self.description_zh if lang == "zh" else self.description_en

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en

    def choice_label(self, value: str, lang: str = "zh") -> str:
        labels = self.choice_labels_zh if lang == "zh" else self.choice_labels_en
        return labels[self.choices.index(value)] if value in self.choices else str(value)

    def active(self, values: Mapping[str, object]) -> bool:
        """Whether this input is used with the industry mode in ``values``."""
        return not self.mode or values.get(MODE_ID, self.mode) == self.mode

    def encode(self, value) -> float:
        """The number the model uses: choices become their index, numbers stay."""
        return float(self.choices.index(value)) if self.type == "choice" else float(value)


@dataclass(frozen=True)
class Group:
    id: str
    label_zh: str
    label_en: str

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class ParamSet:
    params: tuple[Param, ...]
    groups: tuple[Group, ...]
    by_id: dict[str, Param] = field(compare=False, hash=False, repr=False)
    assumptions_for: str = ""  # region the assumption defaults were made for
    # the Monte Carlo odds inputs of the region (sim.analysis.odds_region.RegionOdds, set by
    # sim.region.region_setup); None: those of the region the file was written for
    odds: object = field(default=None, compare=False, hash=False, repr=False)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.params]

    def defaults(self) -> dict[str, float | int | str]:
        return {p.id: p.default for p in self.params}

    def in_group(self, group_id: str) -> list[Param]:
        return [p for p in self.params if p.group == group_id]

    def __getitem__(self, pid: str) -> Param:
        return self.by_id[pid]


@lru_cache(maxsize=1)
def load_parameters() -> ParamSet:
    """Read params/parameters.toml once per process."""
    doc = io.parameters_doc()
    params = []
    for raw in doc["param"]:
        d = dict(raw)
        for k in ("choices", "choice_labels_zh", "choice_labels_en", "plausible"):
            if k in d:
                d[k] = tuple(d[k])
        params.append(Param(**d))
    groups = tuple(Group(**g) for g in doc["group"])
    meta = doc.get("meta", {})
    return ParamSet(
        tuple(params), groups, {p.id: p for p in params}, str(meta.get("assumptions_for", ""))
    )


@dataclass
class Issue:
    """A problem with one input: the field and a message in both languages."""

    field: str
    level: str  # "error" (value refused) or "warn" (value kept, with a notice)
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class Validation:
    values: dict[str, float | int | str]
    issues: list[Issue]

    @property
    def errors(self) -> dict[str, list[Issue]]:
        out: dict[str, list[Issue]] = {}
        for i in self.issues:
            if i.level == "error":
                out.setdefault(i.field, []).append(i)
        return out

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_first(self) -> None:
        """Raise the first error as an InputError (for the CLI)."""
        for i in self.issues:
            if i.level == "error":
                raise InputError(i.en, field=i.field, zh=i.zh)


def _issue(field: str, level: str, key: str, **kw) -> Issue:
    return Issue(field, level, t(key, "zh", field=field, **kw), t(key, "en", field=field, **kw))


MODE_ID = "industry.mode"
MAX_SHOWN = 40  # characters of a bad value or unknown id repeated in a message


def short(raw: object) -> str:
    """A bad value as a message can show it: at most MAX_SHOWN characters, never failing
    (str() of an int with more than 4300 digits raises)."""
    try:
        text = raw if isinstance(raw, str) else repr(raw)
    except ValueError:
        text = f"<{type(raw).__name__} too long to show>"
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def to_number(raw: object) -> float | None:
    """A number from a number or text ("4.5", " 4.5 ", "4.5%", "4.5％"); None if it is not one.
    Booleans, lists and the like are not numbers; out-of-float-range values become inf."""
    if isinstance(raw, bool):
        return None
    try:
        if isinstance(raw, str):
            text = raw.strip().replace("％", "").replace("%", "").strip()
            return float(text) if len(text) <= 100 else None
        if isinstance(raw, int | float) or hasattr(raw, "__float__"):
            return float(raw)
    except OverflowError:
        return math.inf
    except (TypeError, ValueError):
        return None
    return None


def coerce_value(p: Param, raw) -> tuple[float | int | str | None, Issue | None]:
    """Turn a raw value (number or text from a URL, file or flag) into the parameter's type.

    Returns (value, None) or (None, error). Out-of-range numbers are errors here; the URL path
    clamps them itself before calling this.
    """
    if p.type == "choice":
        if isinstance(raw, str) and raw in p.choices:
            return raw, None
        got = short(raw)
        return None, _issue(p.id, "error", "err_choice", allowed=", ".join(p.choices), got=got)
    x = to_number(raw)
    if x is None or not math.isfinite(x):
        return None, _issue(p.id, "error", "err_number", got=short(raw))
    if x < p.min - 1e-9 or x > p.max + 1e-9:
        return None, _issue(
            p.id, "error", "err_range", got=_fmt(x), lo=_fmt(p.min), hi=_fmt(p.max), unit=p.unit
        )
    x = min(max(x, p.min), p.max)  # within the tolerance: exactly in range (a slider insists)
    if p.type == "int":
        if abs(x - round(x)) > 1e-9:
            return None, _issue(p.id, "error", "err_int", got=short(raw))
        return round(x), None
    return x, None


def clamp_value(p: Param, raw) -> tuple[float | int | str | None, Issue | None]:
    """Like coerce_value, but an out-of-range number is clamped to the range with a warning
    (used for shared URLs); anything unparseable is dropped with a warning."""
    value, err = coerce_value(p, raw)
    if err is None:
        return value, None
    if p.type != "choice":
        x = to_number(raw)
        whole = p.type != "int" or (x is not None and math.isfinite(x) and x == round(x))
        if x is not None and math.isfinite(x) and whole:
            c = min(max(x, p.min), p.max)
            c = round(c) if p.type == "int" else c
            return c, _issue(p.id, "warn", "warn_clamped", got=short(raw), used=_fmt(c))
    return None, _issue(p.id, "warn", "warn_ignored", got=short(raw))


def validate_adjustment(
    adjustment: Mapping[str, object], pset: ParamSet | None = None, *, clamp: bool = False
) -> Validation:
    """Apply a sparse adjustment {id: raw value} to the defaults and check every value.

    Unknown ids and bad values are reported per field and leave the default in place.
    Cross-field rules (shares that must leave room for the rest) are checked last.
    """
    pset = pset or load_parameters()
    values = pset.defaults()
    issues: list[Issue] = []
    hidden = hidden_errors = 0
    for pid, raw in adjustment.items():
        if isinstance(pid, str) and pid in RETIRED and pid not in pset.by_id:
            moved, key = migrate(pid, raw)
            issues.append(_issue(pid, "warn", key, got=short(raw), new=", ".join(moved)))
            for new_id, new_raw in moved.items():  # checked like any value of the new input
                if new_id not in adjustment and (
                    i := _check_one(pset, new_id, new_raw, values, clamp)
                ):
                    issues.append(i)
            continue
        issue = _check_one(pset, pid, raw, values, clamp)
        if issue is None:
            continue
        if len(issues) < limits.MAX_ISSUES:
            issues.append(issue)
        else:  # keep checking, stop listing: one more line counts the rest
            hidden += 1
            hidden_errors += issue.level == "error"
    if hidden:
        level = "error" if hidden_errors else "warn"
        issues.append(_issue("…", level, "err_more_issues", n=hidden, limit=limits.MAX_ISSUES))
    refused = {i.field for i in issues}
    issues.extend(
        mode_issues({k: v for k, v in adjustment.items() if k not in refused}, values, pset, clamp)
    )
    issues.extend(cross_field_issues(values))
    return Validation(values, issues)


def mode_issues(
    adjustment: Mapping[str, object], values: dict, pset: ParamSet, clamp: bool = False
) -> list[Issue]:
    """An input that belongs to the other industry mode (growth.secondary while secondary growth
    is derived from the drivers, industry.other_growth while it is a residual) and differs from
    its default is refused: it would have no effect. With ``clamp`` (a shared link) it is
    dropped with a warning instead. ``values`` is reset to the default for such an input. A
    full set of values (every input, the inactive ones at their defaults) passes."""
    issues = []
    mode = values.get(MODE_ID)
    for pid in adjustment:
        p = pset.by_id.get(pid) if isinstance(pid, str) else None
        if p is None or p.active(values) or _same_value(values[pid], p.default):
            continue
        values[pid] = p.default
        key = "warn_mode_ignored" if clamp else "err_mode"
        issues.append(_issue(pid, "warn" if clamp else "error", key, mode=mode, needs=p.mode))
    return issues


def _same_value(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(float(a) - float(b)) <= 1e-12


def active_params(values: Mapping[str, object], pset: ParamSet | None = None) -> list[Param]:
    """The inputs the model uses with the industry mode in ``values``."""
    pset = pset or load_parameters()
    return [p for p in pset.params if p.active(values)]


def _check_one(pset: ParamSet, pid, raw, values: dict, clamp: bool) -> Issue | None:
    """Check one {id: raw value}: a good value goes into ``values``; returns its problem."""
    if not isinstance(pid, str) or pid not in pset.by_id:
        name = short(pid) or "(empty id)"
        return _issue(name, "warn" if clamp else "error", "err_unknown_id")
    value, issue = (clamp_value if clamp else coerce_value)(pset[pid], raw)
    if value is not None:
        values[pid] = value
    return issue


def cross_field_issues(values: Mapping[str, object]) -> list[Issue]:
    """Rules that involve several inputs: coal + power must leave other industry at least 5% of
    industry; the base-year VAT, income-tax and resource-tax shares must leave room for the other
    taxes."""
    issues = []
    ind = float(values["struct.coal_share"]) + float(values["struct.power_share"])
    if ind > 95.0:
        issues.append(_issue("struct.power_share", "error", "err_industry_split", total=_fmt(ind)))
    taxes = sum(float(values[k]) for k in TAX_SHARES)
    if taxes > 100.0:
        issues.append(_issue(TAX_SHARES[-1], "error", "err_tax_split", total=_fmt(taxes)))
    return issues


TAX_SHARES = ("fiscal.vat_share", "fiscal.cit_share", "fiscal.resource_tax_share")


def adjustment_from_targets(
    targets, pset: ParamSet | None = None, mode: str | None = None
) -> dict[str, float]:
    """Inputs whose default is a report target, set from another targets set (for example one
    extracted from another city's report). Targets outside a parameter's range are left out;
    validate_adjustment reports nothing for them because they never enter the adjustment.
    Inputs of the other industry mode (``mode``, default the parameter default) are left out
    too: in drivers mode the secondary target is a check, not an input."""
    pset = pset or load_parameters()
    mode = mode or str(pset[MODE_ID].default) if MODE_ID in pset.by_id else mode
    by_id = {tg.id: tg for tg in targets.targets}
    out = {}
    for p in pset.params:
        if not p.active({MODE_ID: mode}):
            continue
        tg = by_id.get(p.target) if p.target else None
        if tg is not None and p.min <= tg.value <= p.max:
            out[p.id] = float(tg.value)
    return out


def _fmt(x) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)
