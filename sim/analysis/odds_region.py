"""The odds inputs' defaults of one region: odds.bias and odds.spread from the part of the record
of targets and outcomes (data/record/targets_outcomes.csv) that describes the region, as its
profile says (``[record]``: coal-and-power class and administrative level, sim.profiles).

Rule (docs/odds.md, "Which part of the record"): of the subsets that match the region, from the
most specific, (class and level), (class), (level), (all), each statistic takes the first with
enough region-years:

- the bias (mean of outcome - target, pp) needs MIN_PAIRS_BIAS: the mean's standard error is
  then about 1.7 / sqrt(10) = 0.55 pp, half the 1.1 pp between coal-and-power and other regions;
- the spread (sample sd, n - 1) needs MIN_PAIRS_SPREAD: a sd's relative standard error is about
  1 / sqrt(2 (n - 1)), 16% at 20 pairs; the coal-and-power (13 pairs, 1.66) and other (18,
  1.66) subsets lie within that of the whole record's 1.77.

A class of mixed or unknown, or a level of unknown, leaves that dimension out; a subset too
small is named in the reason and the caption. Values are rounded to 0.01 pp (the written
defaults' precision). The other [[odds]] rows do not follow the region: the loading and
persistence have no subset evidence (6 consecutive pairs in the whole record), the in-year
correlation follows the persistence; the coal upside is Liupanshui's capacity record and says
so for any other region. Pure arithmetic on the rows sim.io.record_rows returns.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..i18n import region_label, t
from ..profiles import Profile, RecordMatch, find_profile, record_of
from ..side_inputs import SideInput, side_inputs
from .record import record_pairs

MIN_PAIRS_BIAS = 10
MIN_PAIRS_SPREAD = 20
RECORD_CLASSES = ("yes", "partly", "no")  # coal_power values that select a subset
RECORD_LEVELS = ("national", "province", "prefecture", "county")
COAL_SOURCE = "六盘水市"  # the region odds.coal_upside's evidence is from
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Subset:
    """Region-years of the record with both GDP sides, of one coal class and level ("" = any)."""

    coal: str
    level: str
    n: int
    mean: float  # pp, nan when empty
    sd: float  # pp (n - 1), nan below 2

    def name(self, lang: str = "zh") -> str:
        """'煤电地区13个地区年' / '13 coal-and-power region-years'; '全部33个地区年' for all."""
        if not self.coal and not self.level:
            return t("orr_all", lang, n=self.n)
        coal = t(f"orr_coal_{self.coal}", lang) if self.coal else ""
        level = t(f"orr_level_{self.level}", lang) if self.level else ""
        key = "both" if coal and level else "coal" if coal else "level"
        return t(f"orr_subset_{key}", lang, n=self.n, coal=coal, level=level)


def subset(pairs, coal: str = "", level: str = "") -> Subset:
    devs = [
        p["dev"]
        for p in pairs
        if (not coal or p["coal"] == coal) and (not level or p["level"] == level)
    ]
    n = len(devs)
    mean = statistics.fmean(devs) if n else float("nan")
    return Subset(coal, level, n, mean, statistics.stdev(devs) if n > 1 else float("nan"))


def candidates(match: RecordMatch) -> list[tuple[str, str]]:
    """(class, level) from the most specific to the whole record, without repeats."""
    c = match.coal_power if match.coal_power in RECORD_CLASSES else ""
    lv = match.level if match.level in RECORD_LEVELS else ""
    return list(dict.fromkeys([(c, lv), (c, ""), ("", lv), ("", "")]))


def choose(pairs, match: RecordMatch, min_n: int) -> tuple[Subset, tuple[Subset, ...]]:
    """The first matching subset with at least ``min_n`` region-years (the whole record else),
    and the more specific ones passed over as too small."""
    skipped = []
    for c, lv in candidates(match):
        s = subset(pairs, c, lv)
        if s.n >= min_n or (c, lv) == ("", ""):
            return s, tuple(skipped)
        skipped.append(s)
    raise AssertionError("unreachable: the whole record is always a candidate")


@dataclass(frozen=True)
class RegionOdds:
    """The odds inputs of one region (SideInput rows with its defaults and reasons) and the
    subsets they were computed on."""

    region: str
    match: RecordMatch
    bias: Subset
    spread: Subset
    small_bias: tuple[Subset, ...]
    small_spread: tuple[Subset, ...]
    own_n: int  # the region's own region-years with both sides in the record
    inputs: dict[str, SideInput] = field(compare=False, hash=False, repr=False)

    def defaults(self) -> dict[str, float]:
        return {k: float(v.default) for k, v in self.inputs.items()}

    def _small(self, lang: str) -> str:
        parts = []
        for what, items, need in (
            ("bias", self.small_bias, MIN_PAIRS_BIAS),
            ("spread", self.small_spread, MIN_PAIRS_SPREAD),
        ):
            if items:
                sep = "、" if lang == "zh" else ", "
                names = sep.join(s.name(lang) for s in items)
                parts.append(t(f"orr_small_{what}", lang, subsets=names, need=need))
        text = ("；" if lang == "zh" else "; ").join(parts)
        return text[:1].upper() + text[1:]

    def match_text(self, lang: str = "zh") -> str:
        """'六盘水市按档案为煤电地区、地级' / the same when the profile does not say."""
        m, region = self.match, region_label(self.region, lang)
        if m.coal_power == "unknown" and m.level == "unknown":
            return t("orr_match_unknown", lang, region=region)
        return t(
            "orr_match",
            lang,
            region=region,
            coal=t(f"orr_class_{m.coal_power}", lang),
            level=t(f"orr_class_level_{m.level}", lang),
        )

    def caption(self, lang: str = "zh") -> str:
        """Which subset the odds are calibrated on, in one paragraph (app and command line)."""
        b, s = self.bias, self.spread
        if (b.coal, b.level) == (s.coal, s.level):
            text = t(
                "orr_caption_same",
                lang,
                subset=b.name(lang),
                bias=f"{b.mean:+.2f}",
                sd=f"{s.sd:.2f}",
            )
        else:
            text = t(
                "orr_caption_two",
                lang,
                bsubset=b.name(lang),
                bias=f"{b.mean:+.2f}",
                ssubset=s.name(lang),
                sd=f"{s.sd:.2f}",
            )
        text += t("orr_caption_why", lang, match=self.match_text(lang))
        small = self._small(lang)
        if small:
            text += t("orr_caption_small", lang, small=small)
        if self.match.coal_power in ("mixed", "unknown"):  # what the bias would be by type
            alts = [subset(record_pairs(), c, "") for c in ("yes", "no")]
            sep = "、" if lang == "zh" else ", "
            text += t(
                "orr_caption_alt",
                lang,
                alts=sep.join(
                    t("orr_alt_item", lang, subset=a.name(lang), bias=f"{a.mean:+.2f}")
                    for a in alts
                ),
            )
        return text


def _own_text(region: str, own_n: int, lang: str) -> str:
    key = "orr_own_none" if own_n == 0 else "orr_own_few"
    return t(key, lang, region=region_label(region, lang), n=own_n, need=MIN_PAIRS_BIAS)


def _evidence(s: Subset, small: tuple[Subset, ...], need: int) -> str:
    where = f"class {s.coal or 'any'}, level {s.level or 'any'}"
    text = (
        "data/record/targets_outcomes.csv via sim/analysis/odds_region.py: "
        f"{where}: n = {s.n}, mean {s.mean:+.3f} pp, sd {s.sd:.3f} pp"
    )
    if small:
        text += "; fewer than {} region-years, passed over: {}".format(
            need,
            ", ".join(f"class {x.coal or 'any'} level {x.level or 'any'} n = {x.n}" for x in small),
        )
    return text


def region_odds(profile: Profile, region: str) -> RegionOdds:
    """The odds inputs' defaults for ``region`` with ``profile`` (module notes)."""
    pairs = record_pairs()
    match = record_of(profile)
    bias, small_b = choose(pairs, match, MIN_PAIRS_BIAS)
    spread, small_s = choose(pairs, match, MIN_PAIRS_SPREAD)
    own_n = sum(1 for p in pairs if region_label(p["region"], "zh") == region_label(region, "zh"))
    ro = RegionOdds(region, match, bias, spread, small_b, small_s, own_n, {})
    written = side_inputs("odds")
    inputs = dict(written)
    why = {lang: ro.match_text(lang) + _profile_reason(match, lang) for lang in LANGS}
    all_ = subset(pairs)
    reason = {
        lang: t(
            "orr_reason_bias" if bias.n < all_.n else "orr_reason_bias_all",
            lang,
            match=why[lang],
            subset=bias.name(lang),
            bias=f"{bias.mean:+.2f}",
            all=all_.name(lang),
            all_bias=f"{all_.mean:+.2f}",
        )
        + _small_one(small_b, MIN_PAIRS_BIAS, "bias", lang)
        + _own_text(region, own_n, lang)
        for lang in LANGS
    }
    inputs["odds.bias"] = _with(written["odds.bias"], round(bias.mean, 2), reason, bias, small_b)
    reason = {
        lang: t(
            "orr_reason_spread",
            lang,
            match=why[lang],
            subset=spread.name(lang),
            sd=f"{spread.sd:.2f}",
        )
        + _small_one(small_s, MIN_PAIRS_SPREAD, "spread", lang)
        for lang in LANGS
    }
    inputs["odds.spread"] = _with(
        written["odds.spread"], round(spread.sd, 2), reason, spread, small_s
    )
    if not profile.is_for(COAL_SOURCE):
        up = written["odds.coal_upside"]
        inputs["odds.coal_upside"] = replace(
            up,
            reason_zh=t("orr_coal_borrowed", "zh", region=region_label(region, "zh"))
            + up.reason_zh,
            reason_en=t("orr_coal_borrowed", "en", region=region_label(region, "en"))
            + up.reason_en,
        )
    return replace(ro, inputs=inputs)


def _profile_reason(match: RecordMatch, lang: str) -> str:
    r = match.reason(lang)
    return t("orr_profile_reason", lang, reason=r) if r else ""


def _small_one(items: tuple[Subset, ...], need: int, what: str, lang: str) -> str:
    if not items:
        return ""
    names = ("、" if lang == "zh" else ", ").join(s.name(lang) for s in items)
    return t(f"orr_reason_small_{what}", lang, subsets=names, need=need)


def _with(spec: SideInput, value: float, reason: dict, s: Subset, small) -> SideInput:
    need = MIN_PAIRS_BIAS if spec.id == "odds.bias" else MIN_PAIRS_SPREAD
    value = min(max(value, spec.min), spec.max)
    return replace(
        spec,
        default=value,
        reason_zh=reason["zh"],
        reason_en=reason["en"],
        evidence=_evidence(s, small, need),
    )


@lru_cache(maxsize=1)
def written_odds() -> RegionOdds:
    """The odds of the region params/parameters.toml was written for (Liupanshui): what a
    ParamSet without region odds (sim.metadata.load_parameters) gets."""
    from ..metadata import load_parameters

    region = load_parameters().assumptions_for or COAL_SOURCE
    return region_odds(find_profile(region), region)


def odds_of(pset) -> RegionOdds:
    """The region odds a ParamSet carries (sim.region.region_setup), else the written region's."""
    ro = getattr(pset, "odds", None)
    return ro if ro is not None else written_odds()
