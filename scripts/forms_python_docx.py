#!/usr/bin/env python3
"""The python-docx side of scripts/bench-forms.sh: write one 一企一表 .docx per form, with the layout
liancha prints (ReportRenderer.docx(forms:)): title and subtitle, the task, enterprise and team tables,
the items per department with tick boxes, the signature block and the draw-record footer.

    python3 scripts/forms_python_docx.py FORMS.json OUTPUT_DIR [--limit N]

FORMS.json is a JSON list of InspectionFormModel as `liancha plan forms PLAN --json FILE` writes it
(the Swift property names: title, subtitle, planNumber, …, team[{name, department, certificate, role}],
sections[{department, items[{code, name, content, result, description}]}], drawID, window).
Needs `pip install python-docx`.
"""
import argparse
import json
import os
import sys
import time

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

TEXT_WIDTH = 11906 - 2 * 1134
INFO = [1900, 2919, 1900, TEXT_WIDTH - 1900 - 2919 - 1900]
TEAM = [1600, 3338, 2700, TEXT_WIDTH - 1600 - 3338 - 2700]
ITEMS = [650, 2450, 3038, 1750, TEXT_WIDTH - 650 - 2450 - 3038 - 1750]
SIGNATURE = [2200, TEXT_WIDTH - 2200]
ROW = Twips(397)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
DATE = "日期：　　　　年　　月　　日"
BLANK = "　" * 10


def set_east_asian_font(style_or_run, name):
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_document():
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    set_east_asian_font(normal, "宋体")
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(1134))
    return document


def paragraph(container, text, align=None, bold=False, size=None, font=None, before=0, after=0, keep=False):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if keep:
        fmt.keep_with_next = True
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            set_east_asian_font(run, font)
    return p


def set_cell(cell, text, align=LEFT, bold=False):
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = align
    if text:
        run = p.add_run(text)
        if bold:
            run.bold = True
    return p


def table(document, widths, rows, header=False):
    """rows: lists of (text, align, bold, span) tuples; returns the python-docx table."""
    t = document.add_table(rows=len(rows), cols=len(widths))
    t.style = "Table Grid"
    t.autofit = False
    for column, width in zip(t.columns, widths):
        column.width = Twips(width)
    for index, row_cells in enumerate(rows):
        row = t.rows[index]
        row.height, row.height_rule = ROW, WD_ROW_HEIGHT_RULE.AT_LEAST
        cells = row.cells
        for column, width in enumerate(widths):
            cells[column].width = Twips(width)
        column = 0
        for text, align, bold, span in row_cells:
            cell = cells[column]
            if span > 1:
                cell = cell.merge(cells[column + span - 1])
            set_cell(cell, text, align, bold)
            column += span
    if header:
        tr_pr = t.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return t


def cell(text, align=LEFT, bold=False, span=1):
    return (text, align, bold, span)


def label(text):
    return cell(text, CENTER)


def heading(document, text):
    paragraph(document, text, LEFT, bold=True, before=6, after=3, keep=True)


def outcome(result):
    text = (result or "").strip()
    if not text:
        return ""
    if text.startswith("未发现"):
        return "no"
    if text.startswith("发现"):
        return "yes"
    return "other"


def write_form(form, path):
    document = new_document()
    paragraph(document, form["title"], CENTER, bold=True, size=15.5, font="黑体", after=6)
    if form["subtitle"]:
        paragraph(document, form["subtitle"], CENTER, bold=True, size=14, after=6)

    heading(document, "一、抽查任务")
    table(document, INFO, [
        [label("抽查计划编号"), cell(form["planNumber"]), label("抽查计划名称"), cell(form["planName"])],
        [label("抽查任务编号"), cell(form["taskNumber"]), label("抽查任务名称"), cell(form["taskName"])],
        [label("检查时间"), cell(form["window"], span=3)],
    ])

    heading(document, "二、被检查单位")
    table(document, INFO, [
        [label("单位名称"), cell(form["enterpriseName"], span=3)],
        [label("统一社会信用代码"), cell(form["uscc"]), label("法定代表人"), cell(form["legalRepresentative"])],
        [label("地址"), cell(form["address"], span=3)],
        [label("行业"), cell(form["industry"]), label("监管类别"), cell(form["supervisionClass"])],
        [label("信用风险等级"), cell(form["creditRisk"], span=3)],
    ])

    heading(document, "三、检查人员")
    team_rows = [[cell(h, CENTER, True) for h in ("姓名", "部门", "执法证号", "身份")]]
    for m in form["team"]:
        team_rows.append([cell(m["name"], CENTER), cell(m["department"]), cell(m["certificate"], CENTER),
                          cell(m["role"], CENTER)])
    if not form["team"]:
        team_rows.append([cell("（尚未匹配检查人员）", CENTER, span=4)])
    table(document, TEAM, team_rows, header=True)

    heading(document, "四、检查事项及结果")
    item_rows = [[cell(h, CENTER, True) for h in ("序号", "检查事项", "检查内容", "检查结果", "问题描述")]]
    results = []
    number = 0
    for section in form["sections"]:
        item_rows.append([cell("部门：" + section["department"], LEFT, True, 5)])
        results.append(None)
        for item in section["items"]:
            number += 1
            item_rows.append([cell(str(number), CENTER), cell(item["name"]), cell(item["content"]), cell(""),
                              cell(item.get("description", ""))])
            results.append(item.get("result", ""))
    if not form["sections"]:
        item_rows.append([cell("（无检查事项）", CENTER, span=5)])
    items = table(document, ITEMS, item_rows, header=True)
    for index, result in enumerate(results, start=1):
        if result is None:
            continue
        box = items.rows[index].cells[3]
        kind = outcome(result)
        first = box.paragraphs[0]
        first.add_run("☑" if kind == "no" else "☐").font.name = "Segoe UI Symbol"
        first.add_run("未发现问题")
        second = box.add_paragraph()
        second.alignment = LEFT
        second.add_run("☑" if kind == "yes" else "☐").font.name = "Segoe UI Symbol"
        second.add_run("发现问题")
        if kind == "other":
            box.add_paragraph(result)

    heading(document, "五、现场答疑及签字确认")
    signature = table(document, SIGNATURE, [
        [label("现场解答疑难问题（个）"), cell("")],
        [label("被检查单位意见及签字（盖章）"), cell("")],
        [label("拒绝签字情况"), cell("")],
        [label("检查人员签字"), cell("")],
    ])
    enterprise = signature.rows[1].cells[1]
    enterprise.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    enterprise.paragraphs[0].paragraph_format.space_after = Pt(12)
    lr = form["legalRepresentative"]
    p = enterprise.add_paragraph()
    p.alignment = LEFT
    p.add_run(f"法定代表人（负责人）：{lr}　　签字（盖章）：" if lr else "法定代表人（负责人）签字（盖章）：")
    p.add_run(BLANK).underline = True
    enterprise.add_paragraph(DATE).alignment = RIGHT
    refusal = signature.rows[2].cells[1]
    refusal.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    refusal.paragraphs[0].add_run("被检查单位拒绝签字的，由检查人员如实记录：")
    refusal.paragraphs[0].add_run(BLANK).underline = True
    inspectors = signature.rows[3].cells[1]
    first = True
    for m in form["team"] or [{"name": "", "department": ""}]:
        p = inspectors.paragraphs[0] if first else inspectors.add_paragraph()
        first = False
        p.alignment = LEFT
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(4)
        p.add_run(f"{m['name']}（{m['department']}）\t签字：" if m["name"] else "签字：")
        p.add_run(BLANK).underline = True
    inspectors.add_paragraph(DATE).alignment = RIGHT
    for row, height in zip(signature.rows, (510, 1417, 850, 1134)):
        row.height = Twips(height)

    if form["drawID"]:
        paragraph(document, f"抽取记录：{form['drawID']} 可在 /public/draws/{form['drawID']} 核验", LEFT,
                  size=9, before=6)
    document.save(path)


def file_name(index, form):
    safe = "".join(c for c in form.get("uscc", "") if c.isalnum())
    return f"{index + 1:05d}-{safe or 'form'}.docx"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forms", help="JSON list of InspectionFormModel")
    parser.add_argument("output", help="directory for the .docx files")
    parser.add_argument("--limit", type=int, default=0, help="write only the first N forms")
    args = parser.parse_args()

    with open(args.forms, encoding="utf-8") as f:
        forms = json.load(f)
    if args.limit:
        forms = forms[: args.limit]
    os.makedirs(args.output, exist_ok=True)
    start = time.perf_counter()
    for index, form in enumerate(forms):
        write_form(form, os.path.join(args.output, file_name(index, form)))
    elapsed = time.perf_counter() - start
    print(f"python-docx: {len(forms)} forms in {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
