"""What a mayor reads: the odds of each target in plain words, the two or three inputs that
matter most for it, and what would raise the odds.

"Matter most": the target's output (first projected year) is regressed on the first-year
inputs drawn (ordinary least squares over at most 20,000 draws); input j's share is
beta_j^2 var(x_j) over the sum of those terms. Correlated drivers share the common year factor,
whose part the regression splits between them; the shares are a ranking, not a decomposition.
"What would raise the odds": the odds again with every draw's output moved by beta_j x sd(x_j)
in the target's favour, i.e. if the top input came in one standard deviation better.
Text comes from params/text_odds.toml in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..i18n import t, unit_label
from ..metadata import ParamSet, load_parameters
from ..targets import MET, Target, TargetSet, status_codes
from .montecarlo import MCResult, TargetOdds

SAMPLE = 20_000
ZH_DIGITS = "一二三四五六七八九"


@dataclass
class Driver:
    input: str
    share: float  # of the explained spread, 0-1
    beta: float  # output units per input unit
    sd: float  # of the input as drawn
    odds_if: float  # odds if the input came in one sd better


def odds_words(p: float, lang: str = "zh") -> str:
    """0.38 -> '约为四成' / 'about 4 in 10'; below 5% and above 95% said as such."""
    if p < 0.05:
        return t("od_below_one", lang)
    if p > 0.95:
        return t("od_above_nine", lang)
    n = min(9, max(1, int(np.floor(10 * p + 0.5))))
    return t("od_about", lang, n=ZH_DIGITS[n - 1] if lang == "zh" else n)


def target_phrase(tg: Target, lang: str = "zh") -> str:
    """'地区生产总值增长5.5%' / 'GDP real growth of 5.5%'."""
    unit = tg.unit if tg.unit == "%" else unit_label(tg.unit, lang)
    sep = "" if lang == "zh" or unit == "%" else " "
    return t("od_target_phrase", lang, label=tg.label(lang), value=f"{tg.value:g}{sep}{unit}")


def _column(res: MCResult, targets: TargetSet) -> int:
    return res.years.index(targets.year) if targets.year in res.years else 1


def drivers(res: MCResult, odds: TargetOdds, targets: TargetSet, top: int = 3) -> list[Driver]:
    """The inputs that matter most for one target, largest share first (shares >= 5%)."""
    tg = odds.target
    if res.X is None or not res.names or tg.variable not in res.series:
        return []
    n = min(SAMPLE, res.X.shape[0])
    X = res.X[:n]
    y_all = res.series[tg.variable][:, _column(res, targets)]
    y = y_all[:n]
    sd = X.std(axis=0)
    keep = (sd > 0) & np.isfinite(X).all(axis=0)
    if not np.isfinite(y).all() or np.ptp(y) <= 0 or not keep.any():
        return []
    Z = np.column_stack([np.ones(n), X[:, keep] - X[:, keep].mean(axis=0)])
    beta = np.linalg.lstsq(Z, y - y.mean(), rcond=None)[0][1:]
    terms = (beta * sd[keep]) ** 2
    if terms.sum() <= 0:
        return []
    names = [nm for nm, k in zip(res.names, keep, strict=True) if k]
    order = np.argsort(-terms)
    out = []
    sign = 1.0 if tg.sense == "higher" else -1.0
    for j in order[:top]:
        share = float(terms[j] / terms.sum())
        if share < 0.05:
            break
        move = sign * abs(beta[j]) * sd[keep][j]
        st = status_codes(y_all + move, tg, targets.tolerance)
        out.append(
            Driver(names[j], share, float(beta[j]), float(sd[keep][j]), float((st == MET).mean()))
        )
    return out


def _amount(pid: str, amount: float, pset: ParamSet, lang: str) -> str:
    p = pset[pid]
    unit = t("od_pp", lang) if p.unit == "%" else unit_label(p.unit, lang)
    sep = "" if lang == "zh" else " "
    return f"{amount:+.3g}{sep}{unit}"


def sentence(
    res: MCResult,
    odds: TargetOdds,
    targets: TargetSet,
    lang: str = "zh",
    pset: ParamSet | None = None,
) -> str:
    """The odds, the inputs that matter most and what would raise the odds, in one paragraph."""
    pset = pset or load_parameters()
    tg = odds.target
    text = t("od_sentence", lang, target=target_phrase(tg, lang), odds=odds_words(odds.p_met, lang))
    ds = drivers(res, odds, targets)
    if not ds:
        return text
    sep = "、" if lang == "zh" else ", "
    parts = sep.join(
        t("od_driver", lang, input=pset[d.input].label(lang), share=f"{100 * d.share:.0f}")
        for d in ds
    )
    text += t("od_matters", lang, inputs=parts)
    d = ds[0]
    better = (1.0 if tg.sense == "higher" else -1.0) * np.sign(d.beta) * d.sd
    if d.odds_if > odds.p_met:
        text += t(
            "od_raise",
            lang,
            input=pset[d.input].label(lang),
            amount=_amount(d.input, better, pset, lang),
            odds=odds_words(d.odds_if, lang),
        )
    return text


def _calibrated_on(res: MCResult, lang: str) -> list[str]:
    """Which subset of the record the region's defaults come from, then the values used (with
    the region's defaults beside them when the user changed the bias or the spread)."""
    ov, cal = res.odds_inputs, res.calibration
    used = t(
        "od_basis_used", lang, bias=f"{ov['odds.bias']:+.2f}", spread=f"{ov['odds.spread']:.2f}"
    )
    if cal is None:
        return [used]
    d = cal.defaults()
    if any(abs(ov[k] - d[k]) > 1e-12 for k in ("odds.bias", "odds.spread")):
        used += t(
            "orr_changed", lang, bias=f"{d['odds.bias']:+.2f}", spread=f"{d['odds.spread']:.2f}"
        )
    return [cal.caption(lang), used]


def basis_lines(res: MCResult, lang: str = "zh") -> list[str]:
    """The calibration's basis: record, bias, spread, shape, loading, persistence."""
    b, ov, plan = res.basis, res.odds_inputs, res.plan
    mix = b.mixture
    lines = [
        t("od_label", lang),
        t(
            "od_basis_record",
            lang,
            n=b.n,
            regions=b.regions,
            first=b.first_year,
            last=b.last_year,
            mean=f"{b.mean:+.2f}",
            sd=f"{b.sd:.2f}",
            coal_n=b.coal_n,
            coal_mean=f"{b.coal_mean:+.2f}",
        ),
        *_calibrated_on(res, lang),
        t(
            "od_basis_shape",
            lang,
            w0=f"{100 * mix.weight[0]:.0f}",
            m0=f"{mix.mean[0]:+.1f}",
            s0=f"{mix.sd[0]:.1f}",
            w1=f"{100 * mix.weight[1]:.0f}",
            m1=f"{mix.mean[1]:+.1f}",
            s1=f"{mix.sd[1]:.1f}",
        ),
        t(
            "od_basis_links",
            lang,
            loading=f"{ov['odds.loading']:.2f}",
            rho=f"{ov['odds.persistence']:.2f}",
            lag_n=b.lag1_pairs,
            lag=f"{b.lag1_corr:.2f}",
            up=f"{ov['odds.coal_upside']:.2f}",
        ),
    ]
    if plan is not None:
        lines.append(
            t(
                "od_basis_scale_all" if plan.scaled_all else "od_basis_scale",
                lang,
                k=f"{plan.scale:.2f}",
                shift=f"{plan.shift:+.2f}",
            )
        )
    lines.append(t("od_structural_on" if res.structural else "od_structural_off", lang))
    return lines
