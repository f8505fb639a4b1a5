#!/usr/bin/env python3
"""Writes the small seed corpus of each fuzz target into DIR/<target>/ (generated, never committed)."""
import io
import json
import os
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1])


def put(target, name, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def xlsx(rows, shared=True):
    strings, sheet_rows = [], []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = chr(65 + c) + str(r)
            if shared:
                strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet {ns}><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>')
        if shared:
            z.writestr("xl/sharedStrings.xml", f'<sst {ns}>' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    return buf.getvalue()


rows = [["统一社会信用代码", "单位名称", "监管部门"], ["91130111066UK5484K", "甲化工", "YJ"], ["0\u0301", "乙", "HB"]]
put("xlsx", "shared.xlsx", xlsx(rows))
put("xlsx", "inline.xlsx", xlsx(rows, shared=False))
put("csv", "enterprises.csv", (ROOT / "fixtures/luancheng/enterprises.csv").read_bytes()[:2000])
put("csv", "quoted.csv", '统一社会信用代码,单位名称\n"91130111066UK5484K","甲, ""化工"""\n')
put("csv", "gb18030.csv", "代码,名称\n130111,长安区\n".encode("gb18030"))
# csvstream: the first byte picks the piece size, then the same files.
for name, data in [("enterprises.csv", (ROOT / "fixtures/luancheng/enterprises.csv").read_bytes()[:2000]),
                   ("quoted.csv", '统一社会信用代码,单位名称\n"91130111066UK5484K","甲, ""化工"""\r\n'.encode()),
                   ("gb18030.csv", "代码,名称\n130111,长安区\n".encode("gb18030")),
                   ("bom.csv", b"\xef\xbb\xbf" + "代码,名称\n1,甲\n".encode())]:
    for size in (0, 2, 6):
        put("csvstream", f"{size + 1}-{name}", bytes([size]) + data)
for p in sorted((ROOT / "fixtures/policies").glob("*.yaml"))[:3]:
    put("policy", p.name, p.read_bytes())
put("plan", "plan.yaml", (ROOT / "fixtures/luancheng/plan-2026-06.yaml").read_bytes())
put("form", "urlencoded", b"\x00_csrf=abc&outcome[YJ-001]=%E5%8F%91%E7%8E%B0%E9%97%AE%E9%A2%98&codes[]=a&codes[]=b&checkedOn=2026-06-23")
put("form", "multipart", b"\x01--xYz\r\nContent-Disposition: form-data; name=\"department\"\r\n\r\nHB\r\n--xYz\r\n"
    b"Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx,y\r\n--xYz--\r\n")
put("json", "results.json", json.dumps({"department": "HB", "checkedOn": "2026-06-23", "questions": 2, "refusedToSign": True,
                                        "outcome": {"HB-005": "发现问题"}, "description": {"HB-005": "台账"},
                                        "confidential": {"HB-005": "on"}}, ensure_ascii=False))
for name, text in [("valid", "91130111066UK5484K"), ("lower", " 911301110jx5r7r96d "), ("mark", "0\u0301"),
                   ("zwj", "9113011106\u200d6UK5484K"), ("fe0f", "91130111066UK5484\ufe0f")]:
    put("uscc", name, text)
for name, text in [("iso", "2026-06-23"), ("slash", "2026/6/3"), ("compact", "20260623"), ("leap", "2024-02-29")]:
    put("date", name, text)
for name, text in [("percent", "18%"), ("fraction", "0.5%"), ("decimal", "0.18"), ("fullwidth", "3％")]:
    put("ratio", name, text)
sys.path.insert(0, str(ROOT / "scripts"))
import test_verify_draw  # noqa: E402  (its record builder makes a valid liancha-draw/1 record)
put("draw", "record.json", json.dumps(test_verify_draw.build_record(), ensure_ascii=False))
