"""Typed numbers: one number box at the top of the sidebar, bound to one input at a time.

Every numeric input can be typed: the box follows the slider that moved last (each slider's
``on_change`` is ``follow``), and its picker reaches any input, those of the data tab included.
Typing sets the slider's own session value, so the slider, the cards and the URL follow; moving
the slider refills the box. A value is checked by ``sim.metadata.coerce_value`` (the same range
check as a link or a file), and a refused one is shown under the box, naming the field.

One box rather than one beside each slider: a number box per slider doubled the browser's work
on every slider move (bench: key press to card 83 -> 183 ms); one box keeps the slider path as
it was (README, section Speed).
"""

from __future__ import annotations

import streamlit as st

from sim.i18n import t, unit_label
from sim.metadata import Param, ParamSet, coerce_value

from . import state
from .cache import resources

PICK = "_exact_id"  # the input the box is bound to
ERROR = "_exact_error"  # (zh, en) of the last refused value


def box_key(pid: str) -> str:
    return f"_exact:{pid}"


def numeric(pset: ParamSet) -> list[Param]:
    return [p for p in pset.params if p.type != "choice"]


def follow(pid: str) -> None:
    """A slider moved: bind the box to it (its value is refilled on this run)."""
    ss = st.session_state
    if ss.get(PICK) != pid:  # setting a widget's state re-sends it to the browser: only on change
        ss[PICK] = pid
    ss.pop(ERROR, None)


def _on_type(pid: str) -> None:
    ss = st.session_state
    p = resources().pset[pid]
    value, issue = coerce_value(p, ss.get(box_key(pid)))
    if issue is not None or value is None:
        ss[ERROR] = (issue.text("zh"), issue.text("en")) if issue else None
        ss[box_key(pid)] = ss.get(pid, p.default)  # the box shows the value still in force
        return
    ss.pop(ERROR, None)
    ss[pid] = state.typed(p, value)


def adopt(solution: dict[str, float]) -> None:
    """A callback: set each input of ``solution`` (a goal-seek answer), checked like a typed
    value, before the widgets are drawn; the box binds to the first of them."""
    pset = resources().pset
    for pid, v in solution.items():
        value, issue = coerce_value(pset[pid], round(float(v), 4))
        if issue is None and value is not None:
            st.session_state[pid] = state.typed(pset[pid], value)
            st.session_state[PICK] = next(iter(solution))


def _on_pick() -> None:
    st.session_state.pop(ERROR, None)


def box(pset: ParamSet, lang: str, where) -> None:
    """The picker and the number box (in ``where``, the sidebar)."""
    ss = st.session_state
    params = numeric(pset)
    ids = [p.id for p in params]
    if ss.get(PICK) not in ids:
        ss[PICK] = ids[0]
    with where.container(border=True):
        pid = st.selectbox(
            t("ux_exact_pick", lang),
            ids,
            format_func=lambda i: pset[i].label(lang),
            key=PICK,
            on_change=_on_pick,
        )
        p = pset[pid]
        key = box_key(pid)
        current = state.typed(p, ss.get(pid, p.default))
        if ss.get(key) != current:
            ss[key] = current
        is_int = p.type == "int"
        st.number_input(
            t("ux_exact_value", lang, unit=_unit(p, lang)),
            min_value=int(p.min) if is_int else float(p.min),
            max_value=int(p.max) if is_int else float(p.max),
            step=int(p.step or 1) if is_int else float(p.step or 0.01),
            format="%d" if is_int else _format(p),
            key=key,
            on_change=_on_type,
            args=(pid,),
            disabled=not p.active(ss),
            help=t("ux_exact_help", lang, lo=f"{p.min:g}", hi=f"{p.max:g}"),
        )
        err = ss.get(ERROR)
        if err:
            st.error(err[0] if lang == "zh" else err[1])


def _unit(p: Param, lang: str) -> str:
    return unit_label(p.unit, lang) or "-"


def _format(p: Param) -> str:
    """One decimal more than the slider's step, so an exact figure between two steps fits."""
    step = float(p.step or 0.01)
    decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
    return f"%.{decimals + 1}f"
