"""Helpers of the reader's constructed-sentence tests: a review and a plan opening, the reader
on a sentence, and a figure's value."""

from __future__ import annotations

from sim.extract import extract_report

R = "一、2023年工作回顾\n"
P = "\n二、2024年主要目标和重点任务\n主要预期目标是："


def read(text: str, year: int | None = None):
    return extract_report(text, "测试市", report_year=year)


def fig(ex, variable):
    f = ex.figure(variable)
    return None if f is None else f.value
