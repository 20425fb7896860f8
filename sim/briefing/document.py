"""The briefing 情景测算说明 as a Word document (python-docx), in the planner's language:

1. the headline figures (the app's six cards) as a table; 2. the scoreboard as a table;
3. the inputs changed from the defaults with the basis of each default and the scenario's note;
4. the app's main charts as images; 5. the consistency findings in plain sentences; 6. where
every figure comes from: each report target with its sentence, each baseline figure with its
source and quote, each input with the report's sentence or the reason for its value.

Body text in 宋体 and headings in 黑体 (the fonts Word and WPS on a planner's machine have), Latin
text in Times New Roman and Arial (params/text_export.toml, xb_font_*). Every text goes through ``sim.sanitize.clean_text``, so a name with a
control character cannot break the XML.
"""

from __future__ import annotations

import io

from .. import MODEL_NAME
from ..export_tables import (
    Case,
    Num,
    Table,
    changed_table,
    findings,
    headline_table,
    horizon_text,
    sources_table,
    targets_table,
)
from ..i18n import region_label, t
from ..sanitize import clean_text
from . import charts

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PICTURE_CM = 16.0
TEXT_CM = 16.6  # A4 less 2.2 cm margins


def briefing_bytes(
    case: Case, lang: str = "zh", chart_names: tuple[str, ...] | None = None
) -> bytes:
    """The .docx as bytes. ``chart_names`` limits the charts (default: all of charts.NAMES the
    run has)."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    _styles(doc, lang)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.2))
    doc.core_properties.title = _s(t("xb_heading", lang, name=case.name))
    doc.core_properties.author = MODEL_NAME
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en"

    doc.add_heading(_s(t("xb_heading", lang, name=case.name)), level=0)
    meta = t(
        "xb_meta",
        lang,
        region=region_label(case.proj.region, lang),
        base=case.base.year,
        year=case.year,
        horizon=horizon_text(case.proj.years, lang),
        mode=case.proj.mode_label(lang),
        created=case.created_text(),
    )
    doc.add_paragraph(_s(meta))

    doc.add_heading(_s(t("xb_h_cards", lang)), level=1)
    doc.add_paragraph(_s(t("xb_cards_lead", lang, year=case.year)))
    _table(doc, headline_table(case, lang), lang)

    doc.add_heading(_s(t("xb_h_score", lang)), level=1)
    _table(doc, targets_table(case, lang), lang, small=True)

    doc.add_heading(_s(t("xb_h_inputs", lang)), level=1)
    if case.description:
        doc.add_paragraph(_s(t("xb_scenario_note", lang, text=case.description)))
    changed = changed_table(case, lang)
    if changed.rows:
        _table(doc, changed, lang, small=True)
    else:
        doc.add_paragraph(_s(t("xb_no_change", lang)))

    doc.add_heading(_s(t("xb_h_charts", lang)), level=1)
    names = charts.NAMES if chart_names is None else chart_names
    for n, (_name, spec) in enumerate(charts.specs(case.proj, case.targets, lang, names), 1):
        doc.add_picture(io.BytesIO(charts.png(spec)), width=Cm(PICTURE_CM))
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption stays below it
        doc.add_paragraph(_s(t("xb_figure", lang, n=n, title=charts.title_of(spec))), "Caption")

    doc.add_heading(_s(t("xb_h_checks", lang)), level=1)
    found = findings(case, lang)
    for level, sentence in found:
        doc.add_paragraph(_s(t("xb_finding", lang, level=level, text=sentence)), "List Bullet")
    if not found:
        doc.add_paragraph(_s(t("xb_no_findings", lang)))

    doc.add_heading(_s(t("xb_h_sources", lang)), level=1)
    _sources(doc, case, lang)
    doc.add_paragraph(_s(t("xb_footer", lang, model=MODEL_NAME)), "Caption")

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _sources(doc, case: Case, lang: str) -> None:
    """Section 6: the sources table split by section, without the section column."""
    table = sources_table(case, lang)
    parts = [
        (t("xp_section_target", lang), t("xb_src_targets", lang, source=_report(case, lang))),
        (t("xp_section_baseline", lang), t("xb_src_baseline", lang)),
        (t("xp_section_param", lang), t("xb_src_params", lang)),
    ]
    for section, heading in parts:
        rows = [r[1:] for r in table.rows if r[0] == section]
        if not rows:
            continue
        doc.add_heading(_s(heading), level=2)
        _table(doc, Table(table.columns[1:], rows), lang, small=True)


def _report(case: Case, lang: str) -> str:
    from ..export_tables import report_source

    return report_source(case, lang)


def _s(text: object) -> str:
    return clean_text("" if text is None else str(text))


def _cell_text(value, lang: str) -> str:
    if isinstance(value, Num):
        return value.text(lang)
    return _s(value)


def _widths(table: Table, lang: str) -> list[float]:
    """Column widths in cm: in proportion to each column's longest text (a Chinese character
    counting twice), between 4 and 40 characters, filling the text width."""
    texts = [
        [_cell_text(v, lang) for v in col] for col in zip(table.columns, *table.rows, strict=True)
    ]
    weights = [
        min(max(max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in x) for x in col), 4), 40)
        for col in texts
    ]
    return [TEXT_CM * w / sum(weights) for w in weights]


def _table(doc, table: Table, lang: str, small: bool = False) -> None:
    from docx.shared import Cm, Pt

    size = Pt(8 if small else 10)
    widths = [Cm(w) for w in _widths(table, lang)]
    tbl = doc.add_table(rows=1, cols=len(table.columns))
    tbl.style = "Table Grid"
    tbl.autofit = False
    for column, width in zip(tbl.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS follow
    for cell, name, width in zip(tbl.rows[0].cells, table.columns, widths, strict=True):
        run = cell.paragraphs[0].add_run(_s(name))
        run.bold, run.font.size = True, size
        cell.width = width
    _repeat_header(tbl.rows[0])
    for row in table.rows:
        cells = tbl.add_row().cells
        for cell, value, width in zip(cells, row, widths, strict=True):
            cell.paragraphs[0].add_run(_cell_text(value, lang)).font.size = size
            cell.width = width


def _repeat_header(row) -> None:
    """The header row repeats on every page a long table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _styles(doc, lang: str) -> None:
    """Fonts for Latin and East Asian text in the body, headings and captions."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Caption", "List Bullet", "Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        key = "xb_font_heading" if name.startswith(("Heading", "Title")) else "xb_font_body"
        east, latin = t(key, "zh"), t(key, lang)  # East Asian text always in a Chinese font
        style.font.name = latin
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), latin)
        fonts.set(qn("w:eastAsia"), east)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
    doc.styles["Normal"].font.size = Pt(11)
