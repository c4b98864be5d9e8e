"""One small PDF per ingestion quirk of real 预决算 disclosures, rendered with evals.render."""
from __future__ import annotations

import io
from pathlib import Path

from evals.render import PageSpec, TableSpec, render_items, render_pdf

_FUNC_HEAD: list[list[str | None]] = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]]
# (code, name, total, basic, project): a 支出功能分类 table long enough to run over a page
_SUBJECTS = [("201", "一般公共服务支出", "2,112.86", "1,511.90", "600.96"),
             ("20106", "财政事务", "2,112.86", "1,511.90", "600.96"),
             ("2010601", "行政运行", "1,511.90", "1,511.90", ""),
             ("2010602", "一般行政管理事务", "16.19", "", "16.19"),
             ("2010607", "信息化建设", "135.25", "", "135.25"),
             ("2010608", "财政委托业务支出", "449.52", "", "449.52")]


def _long_rows(n: int = 60) -> list[list[str]]:
    rows = [["合计", "", "2,940.05", "2,336.91", "603.14"]]
    rows += [list(s) for s in _SUBJECTS]
    for k in range(n - len(rows)):
        rows.append([f"21399{k:02d}", f"其他支出明细{k + 1}", f"{k + 1}.{k % 10}0", f"{k + 1}.{k % 10}0", ""])
    return rows


def across_pages(repeat: bool) -> list[PageSpec]:
    """A 支出决算表 of 60 rows that continues on page 2, with or without its header again."""
    t = TableSpec("一般公共预算财政拨款支出决算表", "万元", _FUNC_HEAD, _long_rows(), repeat_header=repeat,
                  lines_above=["部门名称：上海市普陀区财政局"])
    return [PageSpec(["表六"], [t])]


def merged_header_cells() -> list[PageSpec]:
    """Three header rows: a column span (本年收入) and row spans (科目编码, 上年结转)."""
    head = [["项目", None, "本年收入", None, None, "上年结转"],
            ["科目编码", "科目名称", "合计", "财政拨款", "其他收入", None],
            [None, None, "1", "2", "3", "4"]]
    rows = [["合计", "", "2,946.25", "2,940.05", "6.20", "49.14"],
            ["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20", ""],
            ["2010601", "行政运行", "1,511.90", "1,511.89", "0.01", "49.14"]]
    return [PageSpec([], [TableSpec("收入决算表", "万元", head, rows)])]


def wrapped_subject_code() -> list[PageSpec]:
    """Code and name share one cell; a long name wraps and the code sits on its middle line."""
    head = [["科目编码及名称", "本年支出合计", "基本支出"]]
    rows = [["机关事业单位基本养老\n2080505\n保险缴费支出", "160.75", "160.75"],
            ["机关事业单位职业年金\n2080506 缴费\n支出", "80.38", "80.38"],
            ["2080501 行政单位离退休", "84.65", "84.65"]]
    return [PageSpec([], [TableSpec("支出决算表", "万元", head, rows, col_widths=[0.5, 0.25, 0.25])])]


def split_subject_codes() -> list[PageSpec]:
    """Codes printed '201 06 08' in one cell, in 类/款/项 columns, and a stray digit in the code column."""
    one = TableSpec("一般公共预算财政拨款支出决算表", "万元", _FUNC_HEAD,
                    [["201 06 08", "财政委托业务支出", "449.52", "", "449.52"],
                     ["208 05", "行政事业单位养老支出", "326.72", "326.72", ""],
                     ["3", "合计", "776.24", "326.72", "449.52"]])
    head = [["支出功能分类科目编码", None, None, "科目名称", "本年支出合计"], ["类", "款", "项", None, None]]
    three = TableSpec("支出决算表", "万元", head,
                      [["201", "06", "01", "行政运行", "1,511.90"], ["201", "06", "", "财政事务", "2,112.86"],
                       ["210", "", "", "卫生健康支出", "60.99"]])
    return [PageSpec([], [one, three])]


def empty_table_with_note() -> list[PageSpec]:
    """Empty tables printed with their row labels and a note ('本表无数据', '本单位无…预算')."""
    head = [["项目", "2024年预算数", None, None], [None, "合计", "一般公共预算", "政府性基金预算"]]
    labels = ["因公出国（境）费", "公务接待费", "公务用车购置及运行费", "合计"]
    sangong = TableSpec("财政拨款“三公”经费支出预算表", "万元", head, [[x, "", "", ""] for x in labels],
                        note="注：本表无数据")
    fund = TableSpec("政府性基金预算财政拨款收入支出决算表", "万元", _FUNC_HEAD, [["合计", "", "", "", ""]],
                     note="注：本单位无政府性基金预算财政拨款收入支出，故本表无数据。")
    return [PageSpec([], [sangong, fund])]


def units() -> list[PageSpec]:
    """The same amounts in 元 in one table and 万元 in the next."""
    head = [["项目", "决算数"]]
    yuan = TableSpec("收入决算表（元）", "元", head, [["财政拨款收入", "96,282,213.44"], ["其他收入", "62,000.00"]])
    wan = TableSpec("收入决算表（万元）", "万元", head, [["财政拨款收入", "9,628.22"], ["其他收入", "6.20"]])
    return [PageSpec([], [yuan, wan])]


def two_sided() -> list[PageSpec]:
    """收支总表: income on the left, expenditure on the right, blanks on either side."""
    head = [["收入", None, "支出", None], ["项目", "决算数", "项目", "决算数"]]
    rows = [["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"],
            ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""],
            ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"],
            ["", "", "九、卫生健康支出", "60.99"],
            ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]]
    return [PageSpec([], [TableSpec("收入支出决算总表", "万元", head, rows)])]


def title_separated() -> list[list[tuple[str, object]]]:
    """The title and unit are the last lines of page 1; the table starts page 2."""
    filler = [("text", f"第{k}段说明文字：本部门按规定公开预算，接受社会监督。") for k in range(1, 31)]
    page1 = filler + [("gap", 120), ("title", "财政拨款支出决算明细表"), ("unit", "单位：万元")]
    t = TableSpec("", "", [["项目", "决算数"]], [["基本支出", "2,336.91"], ["项目支出", "603.14"]])
    return [page1, [("table", t)]]


def vertical_header_text() -> list[PageSpec]:
    """A narrow header cell printed one character per line (竖排), as 决算 templates do."""
    head = [["\n".join("支出功能分类科目编码"), "科目名称", "决算数"]]
    rows = [["2010601", "行政运行", "1,511.90"], ["2080501", "行政单位离退休", "84.65"]]
    return [PageSpec([], [TableSpec("支出决算表", "万元", head, rows, col_widths=[0.12, 0.58, 0.3])])]


def narrative_numbers_set_lower(path: Path) -> None:
    """Narrative whose digits (another font) sit 5pt below the CJK text of their sentence."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    # (text, is_number) runs of two sentences, as on 财政局 2024 决算 p21
    lines = [[("二、收入决算情况说明", False)],
             [("本年收入合计", False), ("2946.25", True), ("万元，其中：财政拨款收入", False), ("2940.05", True),
              ("万元，占", False), ("99.79%", True), ("；", False)],
             [("与", False), ("2023", True), ("年度相比，收入支出总计减少", False), ("56.95", True), ("万元，下降", False),
              ("1.87%", True), ("。", False)]]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    y = 760.0
    for runs in lines:
        x = 72.0
        for text, num in runs:
            font = "Times-Roman" if num else "STSong-Light"
            c.setFont(font, 12)
            c.drawString(x, y - (4.9 if num else 0), text)  # digits set 4.9pt lower
            x += stringWidth(text, font, 12)
        y -= 14
    c.showPage()
    c.save()


def scanned(path: Path) -> None:
    """Two pages that are only pictures (a scan without a text layer)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    d = ImageDraw.Draw(img)
    for y in range(100, 700, 40):  # ruled lines of a scanned table
        d.line((50, y, 550, y), fill=0, width=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 30, 30, width=535, height=780)
        c.showPage()
    c.save()


def cid_garbage(path: Path, readable_pages: int = 1) -> None:
    """Readable pages, then a page whose font maps codes to no Unicode: it extracts as '(cid:N)'."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    text = ["收入支出决算总表", "本年收入合计2946.25万元，比上年减少56.95万元。", "一般公共服务支出2106.66万元。"]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for k in range(readable_pages + 1):
        c.setFont("STSong-Light" if k < readable_pages else "MSung-Light", 12)
        for i, line in enumerate(text * 4):
            c.drawString(72, 760 - 20 * i, line)
        c.showPage()
    c.save()
    data = path.read_bytes()
    # same-length edits keep the xref offsets valid: Identity-H with an unknown ordering leaves
    # pdfminer no way from CIDs to characters, as in PDFs whose ToUnicode map was stripped
    out = data.replace(b"/Ordering (CNS1)", b"/Ordering (XXXX)").replace(
        b"/Encoding /UniCNS-UCS2-H", b"/Encoding /Identity-H   ")
    assert len(out) == len(data) and out != data
    path.write_bytes(out)


QUIRKS = {
    "table-across-pages-no-repeated-header": lambda p: render_pdf(p, across_pages(False)),
    "table-across-pages-repeated-header": lambda p: render_pdf(p, across_pages(True)),
    "merged-header-cells": lambda p: render_pdf(p, merged_header_cells()),
    "wrapped-subject-code-on-middle-line": lambda p: render_pdf(p, wrapped_subject_code()),
    "split-subject-codes": lambda p: render_pdf(p, split_subject_codes()),
    "empty-table-with-note": lambda p: render_pdf(p, empty_table_with_note()),
    "unit-yuan-and-wanyuan": lambda p: render_pdf(p, units()),
    "two-sided-income-expenditure-table": lambda p: render_pdf(p, two_sided()),
    "title-separated-from-table": lambda p: render_items(p, title_separated()),
    "vertical-header-text": lambda p: render_pdf(p, vertical_header_text()),
    "narrative-numbers-set-lower": narrative_numbers_set_lower,
    "scanned-no-text": scanned,
    "cid-garbage": cid_garbage,
}


def write_quirks(out_dir: Path) -> list[Path]:
    """Render every quirk PDF into out_dir, named after its quirk."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in QUIRKS.items():
        path = out_dir / f"{name}.pdf"
        build(path)
        paths.append(path)
    return paths
