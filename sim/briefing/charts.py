"""The app's own charts as PNG images for the briefing: the Vega-Lite specs of ui/charts.py and
ui/charts_energy.py (pure Altair builders, no Streamlit) rendered by vl-convert, with a fixed
width and the Noto Sans CJK font, whose glyphs are drawn into the image (so Word or WPS on a
machine without that font shows the Chinese all the same).

vl-convert finds system fonts itself; the Noto CJK directory (Debian's fonts-noto-cjk, which
.ci/run installs) is registered as well, so the font is found wherever that package put it.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from ..model import Projection
from ..targets import TargetSet

# The charts of the briefing, in order: growth, public finance, energy, coal.
NAMES = ("pulls", "revenue", "balance", "intensity", "energy_growth", "coal")
FONT = "Noto Sans CJK SC"
FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/local/share/fonts",
)
WIDTH = 620  # px of the plot; the PNG is drawn at SCALE times that
SCALE = 2.0


@lru_cache(maxsize=1)
def font_dir() -> str | None:
    """The first directory holding Noto Sans CJK, registered with vl-convert (None if none)."""
    import vl_convert as vlc

    for d in FONT_DIRS:
        p = Path(d)
        if p.is_dir() and any(p.rglob("NotoSansCJK*")):
            vlc.register_font_directory(str(p))
            return str(p)
    return None


def specs(
    proj: Projection, targets: TargetSet | None, lang: str, names: tuple[str, ...] = NAMES
) -> list[tuple[str, dict]]:
    """(name, Vega-Lite spec) of every briefing chart this run has (a baseline without a block
    has no chart for it), each as the app draws it, given a fixed width and the CJK font."""
    from ui import charts  # the app's builders; ui/charts*.py import no Streamlit

    out = []
    for name in names:
        chart = charts.chart(name, proj, targets, lang)
        if chart is not None:
            out.append((name, for_print(chart.to_dict(validate=False))))
    return out


def for_print(spec: dict) -> dict:
    """A copy of ``spec`` with a fixed width (the app stretches charts to the page) and the
    CJK font for every text."""
    spec = copy.deepcopy(spec)
    if not any(k in spec for k in ("facet", "hconcat", "vconcat", "concat", "repeat")):
        spec["width"] = WIDTH
    config = spec.setdefault("config", {})
    config["font"] = FONT
    config.setdefault("background", "white")
    return spec


def title_of(spec: dict) -> str:
    t = spec.get("title", "")
    t = t.get("text", "") if isinstance(t, dict) else t
    return " ".join(t) if isinstance(t, list) else str(t)


def png(spec: dict) -> bytes:
    """The spec drawn as PNG (vl-convert, no browser)."""
    import vl_convert as vlc

    font_dir()
    return vlc.vegalite_to_png(spec, scale=SCALE)
