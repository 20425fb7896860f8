"""The energy view's verdict line: the intensity change against the target, with the
accounting rule in force beside it (the rule can move the verdict by several points)."""

from __future__ import annotations

from sim.i18n import t
from sim.metadata import load_parameters

from .context import Ctx


def energy_verdict(ctx: Ctx) -> str:
    proj, lang = ctx.proj, ctx.lang
    pset = load_parameters()
    rule = proj.detail.get("energy_rule", {})
    words = [pset["energy.accounting"].choice_label(rule.get("energy.accounting", ""), lang)]
    for pid in ("energy.deduct_feedstock", "energy.deduct_nonfossil"):
        p = pset[pid]
        colon = "：" if lang == "zh" else ": "
        words.append(p.label(lang) + colon + p.choice_label(rule.get(pid, p.default), lang))
    tg = ctx.targets.by_variable("Energy Intensity|Change") if ctx.targets else None
    change = float(proj.series["Energy Intensity|Change"][0, 1])
    text = t(
        "app_energy_verdict",
        lang,
        year=proj.years[1],
        change=f"{change:+.2f}",
        target="—" if tg is None else f"{tg.value:g}",
        rule=f"**{t('app_energy_rule', lang)}**: " + ("；" if lang == "zh" else "; ").join(words),
    )
    return text.replace("[", "\\[")
