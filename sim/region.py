"""Inputs that follow the region: the metadata of params/parameters.toml turned into the ranges,
defaults and assumption values of one baseline, its targets and its assumption profile.

Pure (no files, no streamlit): ``region_setup(base, targets, profile)`` returns a ParamSet every
tool (command line, app, analysis) uses in place of the metadata as written, plus one flag per
input whose value is not the region's own (an assumption borrowed from another region, a
neutral default where the report sets no target, a range widened to hold a target).

Rules (stated in docs/regions.md):
- level inputs (coal.output 10k t, power.generation 100m kWh) span LEVEL_BAND x the base-year
  value; power.new_capacity spans 0 to CAPACITY_BAND x base-year capacity. A profile with
  ``ranges = "as_written"`` (Liupanshui's) keeps the written range while it holds the base value
  and the target.
- a target-linked input defaults to the region's target; without one, to a neutral value that
  says so: the base-year level (no change) for a level, the base year's own rate for a rate when
  the baseline has it, else the written default flagged as borrowed.
- a target outside the range widens the range to hold it (flagged), never refused silently.
- assumptions come from the profile (its own entries, then the generic profile's); what no
  profile sets keeps parameters.toml's value, written for Liupanshui, flagged as borrowed.
- the horizon runs from base + 1 to base + HORIZON_YEARS.
- the derived inputs (other industry, other services) are recomputed from the region's
  defaults so that its own targets agree, as parameters.toml explains for Liupanshui.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .baseline import Baseline
from .i18n import region_label, t
from .limits import HORIZON_YEARS
from .metadata import MODE_ID, Param, ParamSet, load_parameters
from .profiles import Entry, Profile, entries_of
from .targets import TargetSet, load_targets

LEVEL_BAND = (0.5, 1.5)  # x the base-year value
CAPACITY_BAND = 0.5  # capacity added in a year: 0 to this x base-year capacity
LEVELS = {"coal.output": "Production|Coal", "power.generation": "Electricity|Generation"}
CAPACITY = ("power.new_capacity", "Capacity|Electricity")
WIDEN = 1.1  # a target outside the band widens it to target x 1.1 (or / 1.1 below)
FLAGGED_KINDS = ("assumption", "policy")  # derived inputs are recomputed


@dataclass(frozen=True)
class Flag:
    """One input whose value or range is not the region's own figure."""

    id: str
    what: str  # borrowed | neutral | widened
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class RegionSetup:
    pset: ParamSet
    profile: Profile
    region: str
    flags: tuple[Flag, ...] = ()

    def of(self, what: str) -> list[Flag]:
        return [f for f in self.flags if f.what == what]

    @property
    def borrowed(self) -> list[Flag]:
        return self.of("borrowed")

    def flag(self, pid: str) -> Flag | None:
        return next((f for f in self.flags if f.id == pid), None)

    def summary(self, lang: str = "zh", short: bool = False) -> str | None:
        """One line for the page top (``short``: for the command line), or None when every
        input is the region's own."""
        if not self.flags:
            return None
        return t(
            "reg_short" if short else "reg_summary",
            lang,
            region=region_label(self.region, lang),
            n=len(self.borrowed),
            neutral=len(self.of("neutral")),
            widened=len(self.of("widened")),
            profile=self.profile.title(lang),
        )


def nice_step(span: float) -> float:
    """1, 2 or 5 x a power of ten, near span / 500 (a slider of about 500 steps)."""
    raw = max(abs(span) / 500.0, 1e-9)
    k = math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * 10**k >= raw:
            return float(m * 10**k)
    return float(10 ** (k + 1))


def level_band(base_value: float, target: float | None = None) -> tuple[float, float, float]:
    """(min, max, step) around a positive base-year level: LEVEL_BAND x base, rounded outwards
    to the step, widened to hold ``target`` (x WIDEN) when it lies outside."""
    lo, hi = LEVEL_BAND[0] * base_value, LEVEL_BAND[1] * base_value
    if target is not None and math.isfinite(target) and target > 0:
        lo, hi = min(lo, target / WIDEN), max(hi, target * WIDEN)
    step = nice_step(hi - lo)
    return _down(lo, step), _up(hi, step), step


def _down(x: float, step: float) -> float:
    return round(math.floor(x / step + 1e-9) * step, 10)


def _up(x: float, step: float) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 10)


def _targets_by_id(targets: TargetSet | None) -> dict:
    return {tg.id: tg for tg in targets.targets} if targets else {}


def region_setup(
    base: Baseline, targets: TargetSet | None, profile: Profile, pset: ParamSet | None = None
) -> RegionSetup:
    """The ParamSet of this region (see the module notes) and the flags of what is not its own."""
    pset = pset or load_parameters()
    region = base.region
    own = profile.kind == "own" and profile.is_for(region)
    written = own and profile.ranges == "as_written"
    # Targets of another region (the Liupanshui targets beside another baseline) set no default.
    tg_by_id = _targets_by_id(targets) if _same_region(targets, region, profile) else {}
    written_ts = load_targets()
    written_targets = _targets_by_id(written_ts)
    # Liupanshui's written defaults are its own targets for the written year: a targets file
    # for that year that leaves one out keeps it; any other year or region gets neutral values.
    keep_written = written and (targets is None or targets.year == written_ts.year)
    entries = {} if written else entries_of(profile)
    params, flags = [], []
    for p in pset.params:
        if p.kind == "target":
            tg = tg_by_id.get(p.target)
            if tg is None and keep_written:
                q, f = p, None
            else:
                q, f = _target_param(p, base, tg, written, written_targets)
        elif p.id == "horizon.end_year":
            q, f = _horizon(p, base), None
        elif p.id in entries:
            q, f = _from_profile(p, base, *entries[p.id], region)
        elif written or p.kind not in FLAGGED_KINDS or p.id == MODE_ID:  # mode: _mode_for
            q, f = p, None
        else:
            f = _flag(p, "borrowed", "reg_borrowed_written", region, value=_shown(p.default))
            q = replace(p, reason_zh=f"{f.zh} {p.reason_zh}", reason_en=f"{f.en} {p.reason_en}")
        params.append(q)
        if f is not None:
            flags.append(f)
    params = _mode_for(params, base)
    if not written or any(q.default != p.default for q, p in zip(params, pset.params, strict=True)):
        params = _derive(params, base, pset)
    from .analysis.odds_region import region_odds  # the Monte Carlo's odds inputs

    out = ParamSet(
        tuple(params),
        pset.groups,
        {p.id: p for p in params},
        region if own else profile.id,
        region_odds(profile, region),
    )
    return RegionSetup(out, profile, region, tuple(flags))


def stored_diff(values: dict, pset: ParamSet | None = None) -> dict:
    """What a saved scenario stores: the inputs that differ from the written defaults, plus,
    for another region's inputs ``pset``, every value whose region default differs from the
    written one (so opening it on the written defaults restores every input)."""
    from .scenarios import sparse_diff

    written = load_parameters()
    diff = sparse_diff(values)
    if pset is None or pset is written:
        return diff
    for p in pset.params:
        if p.active(values) and p.id not in diff and p.default != written[p.id].default:
            diff[p.id] = values[p.id]
    return {p.id: diff[p.id] for p in written.params if p.id in diff}


def params_for(base: Baseline) -> ParamSet:
    """The ranges of the region's inputs (its shipped profile, no targets) with the written
    defaults, moved into those ranges: what a stored scenario on that baseline is checked
    against when opened (sim.library stores what differs from the written defaults)."""
    from .profiles import find_profile

    written = load_parameters()
    ps = region_setup(base, None, find_profile(base.region), written).pset
    params = []
    for p in ps.params:
        d = written[p.id].default
        if p.type != "choice":
            d = min(max(d, p.min), p.max)
        params.append(replace(p, default=d))
    return ParamSet(
        tuple(params), ps.groups, {p.id: p for p in params}, ps.assumptions_for, ps.odds
    )


def same_region(a: str, b: str) -> bool:
    """Two names of one region: equal, the same in Chinese (Liupanshui / 六盘水市), or both
    names of one shipped profile (六盘水 / 六盘水市)."""
    from .profiles import shipped_profiles

    norm = [" ".join(str(x).split()) for x in (a, b)]
    if norm[0] == norm[1] or region_label(norm[0], "zh") == region_label(norm[1], "zh"):
        return True
    return any(
        p.kind == "own" and p.is_for(norm[0]) and p.is_for(norm[1]) for p in shipped_profiles()
    )


def _same_region(targets: TargetSet | None, region: str, profile: Profile) -> bool:
    if targets is None or not targets.region:
        return True
    return same_region(targets.region, region) or (
        profile.is_for(targets.region) and profile.is_for(region)
    )


def _shown(v) -> str:
    return f"{v:g}" if isinstance(v, int | float) else str(v)


def _flag(p: Param, what: str, key: str, region: str, **kw) -> Flag:
    """The flag's sentence in both languages; a keyword given as {"zh": …, "en": …} is taken
    in each language."""

    def text(lang: str) -> str:
        words = {k: v[lang] if isinstance(v, dict) else v for k, v in kw.items()}
        return t(
            key, lang, id=p.id, label=p.label(lang), region=region_label(region, lang), **words
        )

    return Flag(p.id, what, text("zh"), text("en"))


def _target_param(p: Param, base: Baseline, tg, written: bool, written_targets: dict):
    """A target-linked input: range from the baseline (levels), default from the target or a
    neutral value."""
    region = base.region
    lo, hi, step = p.min, p.max, p.step
    level_var = LEVELS.get(p.id)
    target = float(tg.value) if tg is not None else None
    if level_var and base.get(level_var, 0.0) > 0:
        b0 = base.values[level_var]
        if not (written and lo < b0 < hi and (target is None or lo <= target <= hi)):
            lo, hi, step = level_band(b0)
    elif p.id == CAPACITY[0] and base.get(CAPACITY[1], 0.0) > 0 and not written:
        step = nice_step(CAPACITY_BAND * base.values[CAPACITY[1]])
        lo, hi = (
            0.0,
            _up(max(CAPACITY_BAND * base.values[CAPACITY[1]], (target or 0) * WIDEN), step),
        )
    flag = None
    if target is not None:
        default, quote, reason = target, tg.quote, ""
        if not lo <= target <= hi:
            if level_var and base.get(level_var, 0.0) > 0:
                lo, hi, step = level_band(base.values[level_var], target)
            else:
                lo, hi = min(lo, _down(target, step)), max(hi, _up(target, step))
            flag = _flag(
                p,
                "widened",
                "reg_widened",
                region,
                value=_shown(target),
                lo=_shown(lo),
                hi=_shown(hi),
            )
    else:
        default, quote, reason, flag = _neutral(p, base, written_targets.get(p.target))
    default = min(max(default, lo), hi)
    q = replace(
        p, min=float(lo), max=float(hi), step=float(step), default=float(default), quote=quote
    )
    if reason:
        q = replace(q, reason_zh=reason[0], reason_en=reason[1])
    return q, flag


def _neutral(p: Param, base: Baseline, written_tg):
    """No target for this input in the region's report: (default, quote, reason, flag)."""
    region = base.region
    level_var = LEVELS.get(p.id)
    if level_var and base.get(level_var, 0.0) > 0:
        v, key = base.values[level_var], "reg_neutral_level"
    elif p.id == CAPACITY[0]:
        v, key = 0.0, "reg_neutral_zero"
    elif written_tg is not None and math.isfinite(base.get(written_tg.variable)):
        v, key = base.values[written_tg.variable], "reg_neutral_actual"
    else:
        f = _flag(p, "borrowed", "reg_borrowed_written", region, value=_shown(p.default))
        return p.default, "", (f.zh, f.en), f
    f = _flag(p, "neutral", key, region, value=_shown(v), year=base.year)
    return v, "", (f.zh, f.en), f


def _horizon(p: Param, base: Baseline) -> Param:
    first = base.year + 1
    return replace(p, min=first, max=base.year + HORIZON_YEARS, default=first)


def _from_profile(p: Param, base: Baseline, e: Entry, source: Profile, region: str):
    """An assumption from a profile entry (a number: profiles do not set choices); a scaled
    level (``per``) scales its range, plausible range and step too."""
    value = e.resolve(base)
    q = p
    if e.per and p.default:
        value = float(f"{value:.4g}")
        factor = value / float(p.default)
        if factor > 0:
            step = p.step * 10.0 ** round(math.log10(factor))
            plaus = tuple(float(f"{x * factor:.3g}") for x in p.plausible) if p.plausible else None
            lo, hi = _down(p.min * factor, step), _up(p.max * factor, step)
            q = replace(p, min=lo, max=hi, step=step, plausible=plaus)
    q = replace(
        q,
        min=min(q.min, value),
        max=max(q.max, value),
        default=value,
        reason_zh=_with_source(e.reason_zh, e.source),
        reason_en=_with_source(e.reason_en, e.source),
    )
    if e.own:
        return q, None
    title = {"zh": source.title("zh"), "en": source.title("en")}
    f = _flag(p, "borrowed", "reg_borrowed_profile", region, value=_shown(value), profile=title)
    return replace(q, reason_zh=f"{f.zh} {q.reason_zh}", reason_en=f"{f.en} {q.reason_en}"), f


def _with_source(reason: str, source: str) -> str:
    return f"{reason} ({source})" if source and source not in reason else reason


def _mode_for(params: list[Param], base: Baseline) -> list[Param]:
    """Without an industry split there are no coal and power drivers: sector-target mode."""
    if base.blocks.get("industry", False):
        return params
    return [
        replace(p, default="target") if p.id == MODE_ID and "target" in p.choices else p
        for p in params
    ]


def _derive(params: list[Param], base: Baseline, pset: ParamSet) -> list[Param]:
    """Other industry's and other services' defaults so the region's own targets agree: other
    industry is the residual of secondary growth in a sector-target run at these defaults;
    other services = (tertiary - trade share x real retail growth) / (1 - that share)."""
    from . import demand, growth, model

    by = {p.id: p for p in params}
    values = {p.id: p.default for p in params}
    out = {}
    # other industry: the residual (without an industry split, the whole secondary block)
    tmp = ParamSet(tuple(params), pset.groups, by)
    proj = model.run({**values, MODE_ID: "target"}, base, tmp)
    out["industry.other_growth"] = float(proj.detail["g"][0, 0, growth.OIND])
    s = float(values["struct.trade_share"]) / 100
    if s < 1:
        real = float(
            demand.deflate(float(values["demand.retail_growth"]), float(values["price.consumer"]))
        )
        out["services.other_growth"] = (float(values["growth.tertiary"]) - s * real) / (1 - s)
    res = []
    for p in params:
        v = out.get(p.id)
        if v is None or not math.isfinite(v):
            res.append(p)
            continue
        v = round(v, 3)
        how = "reg_derived_oind" if p.id == "industry.other_growth" else "reg_derived_osvc"
        why = {
            lang: t("reg_derived", lang, region=region_label(base.region, lang), how=t(how, lang))
            for lang in ("zh", "en")
        }
        lo, hi = min(p.min, math.floor(v)), max(p.max, math.ceil(v))
        res.append(replace(p, default=v, min=lo, max=hi, reason_zh=why["zh"], reason_en=why["en"]))
    return res
