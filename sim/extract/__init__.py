"""Read a Chinese government work report (政府工作报告) into a baseline and targets.

Public API::

    text = read_report_bytes(uploaded_bytes)        # UTF-8 / GBK / GB18030 -> str
    ex = extract_report(text, region="Liupanshui")  # -> Extraction
    ex.baseline_frame(), ex.targets_toml(), ex.summary(), ex.missing, ex.ambiguous

Pure functions on text; only ``sim.extract.cli`` touches files.
"""

from .normalise import normalise, read_report_bytes
from .report import extract_report
from .results import BASELINE_COLUMNS, Candidate, Extraction, Figure, Target

__all__ = [
    "BASELINE_COLUMNS",
    "Candidate",
    "Extraction",
    "Figure",
    "Target",
    "extract_report",
    "normalise",
    "read_report_bytes",
]
