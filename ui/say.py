"""The one way the app shows a message that may hold user text (URL keys and values, file
names, uploaded titles, report fields, library names): the whole sentence is escaped by
``ui.fmt.plain`` just before Streamlit renders it as markdown, so no link, image, icon code or
formatting from user text can get through, and callers never escape (or double-escape) parts.
"""

from __future__ import annotations

import streamlit as st

from .fmt import plain

KINDS = ("error", "warning", "info", "success", "caption")


def say(kind: str, text: object, **kw) -> None:
    """``st.error`` / ``warning`` / ``info`` / ``success`` / ``caption`` of escaped text."""
    show = getattr(st, kind if kind in KINDS else "info")
    show(plain(text), **kw)


def label(text: object) -> str:
    """User text used as a widget label (buttons and expanders render markdown too)."""
    return plain(text)
