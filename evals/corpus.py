"""A synthetic city corpus for benchmarks and tests: N budget PDFs, deterministic from a seed.

Modelled on the Shanghai district disclosures in data/sample: a cover naming the 预算主管部门,
职能 / 机构设置 / 名词解释 / 编制说明 pages, then the 部门预算表 — 收支总表, 收入总表, 支出总表
(功能分类, 类/款/项 with 基本支出 and 项目支出), 一般公共预算支出表 (long: runs over pages, header
repeated or not), empty 政府性基金 / 国有资本经营 tables with their note, 基本支出经济分类表,
“三公”经费和机关运行经费表 and a 项目支出表 (long). Every total is the sum of its parts, amounts
are printed in 元 (with or without thousands separators) or 万元, and each document carries
the questions it can answer with the exact value (`Expect`) so a benchmark can check answers.

`python -m evals.corpus DIR --docs N [--seed S]` writes DIR/*.pdf and DIR/manifest.json.
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from evals.corpus_plan import (CENT, CN, GLOSSARY, PROJECT_WORDS, SECTORS, DocPlan, Expect, make_book,
                               plan_corpus)

__all__ = ["DocPlan", "Expect", "Generated", "plan_corpus", "make_book", "build", "write_doc", "write_corpus",
           "read_manifest"]


@dataclass
class Generated:
    """What was written for one document: where, what it should parse as, and its questions."""

    path: str
    body: str
    year: int
    kind: str
    unit: str
    pages: int = 0
    expects: list[Expect] = field(default_factory=list)



def _money(v: Decimal, plan: DocPlan) -> str:
    if plan.unit == "万元":
        return str((v / 10000).quantize(CENT, ROUND_HALF_UP))
    q = v.quantize(CENT)
    return f"{q:,.2f}" if plan.commas else f"{q:.2f}"


def _wan(v: Decimal) -> Decimal:
    return (v / 10000).quantize(CENT, ROUND_HALF_UP)


def _code_cells(code: str) -> list[str]:
    """A 科目编码 in three cells (类 款 项), as the Shanghai tables print it."""
    return [code[:3], code[3:5], code[5:7]]


# -- pages ---------------------------------------------------------------------------------
def build(plan: DocPlan):
    """A document's pages (evals.render PageSpec/TableSpec) and the questions it answers."""
    from evals.render import PageSpec, TableSpec

    rng = random.Random(f"pages:{plan.seed}")
    book = make_book(plan)
    y, body, unit, kind = plan.year, plan.body, plan.unit, plan.kind
    doc_word = "部门预算" if kind == "预算" else "部门决算"
    amount_word = "预算数" if kind == "预算" else "决算数"
    m = lambda v: _money(v, plan)  # noqa: E731
    total = book.basic + book.project
    income = total + book.other_income
    sector = SECTORS[plan.dept]
    pages: list[PageSpec] = []
    by_code = {c: (n, b, p) for c, n, b, p in book.functions}

    def table(title, header, rows, note="", repeat=True, unit_=unit, widths=None):
        return TableSpec(title, unit_, header, rows, note=note, repeat_header=repeat, col_widths=widths,
                         lines_above=[f"编制部门：{body}"])

    # cover, contents
    pages.append(PageSpec([f"上海市{plan.district}{y}年区级{doc_word}", f"预算主管部门：{body}", "",
                           f"{y if kind == '预算' else y + 1}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]))
    toc = ["目 录", "一、部门主要职能", "二、部门机构设置", "三、名词解释", f"四、{doc_word}编制说明",
           f"五、{doc_word}表", "六、其他相关情况说明", "七、项目经费情况说明"]
    pages.append(PageSpec(toc))
    # 职能: one to three pages of generated paragraphs
    duties = [f"{body}主要职能", f"{body}是负责本区{sector[5]}工作的区政府工作部门，主要职责是："]
    for k in range(rng.randint(12, 40)):
        duties.append(f"（{_cn(k + 1)}）负责本区{sector[5]}方面的第{k + 1}项工作，拟订相关政策和年度计划并组织实施，"
                      f"指导、监督各街道、镇的{sector[5][:4]}工作，协调推进{rng.choice(PROJECT_WORDS)}等事项，"
                      f"承担区委、区政府交办的其他任务。")
    for start in range(0, len(duties), 9):
        pages.append(PageSpec(duties[start:start + 9]))
    units = rng.randint(1, 6)
    pages.append(PageSpec([f"{body}机构设置", f"{body}{doc_word}是包括本部门本级以及下属{units}家预算单位的综合收支计划。",
                           f"本部门中，行政单位1家，事业单位{units}家。"]))
    pages.append(PageSpec(["名词解释"] + GLOSSARY))
    # 编制说明: stated numbers that agree with the tables (in 万元, as the real texts do)
    expl = [f"{y}年{doc_word}编制说明",
            f"{y}年，{body}收入{amount_word[:2]}{_wan(income)}万元，其中：财政拨款收入{_wan(total)}万元；"
            f"其他收入{_wan(book.other_income)}万元。",
            f"支出{amount_word[:2]}{_wan(income)}万元，其中：基本支出{_wan(book.basic)}万元，项目支出{_wan(book.project)}万元。",
            "财政拨款支出主要内容如下："]
    for k, (c, n, b, p) in enumerate([f for f in book.functions if len(f[0]) == 7][:8]):
        expl.append(f"{k + 1}、{by_code[c[:3]][0]}（{c[:3]}类）{by_code[c[:5]][0]}（{c[3:5]}款）{n}（{c[5:]}项）"
                    f"{_wan(b + p)}万元。主要用于：{n}方面的支出。")
    pages.append(PageSpec(expl[:10]))
    if len(expl) > 10:
        pages.append(PageSpec(expl[10:]))
    expects: list[Expect] = []
    pfx = f"{plan.district}{plan.dept}{y}年{'决算' if kind == '决算' else ''}"

    # 1 收支总表 (income and spending side by side)
    t1 = f"{y}年部门财务收支{amount_word[:2]}总表"
    left = [("一、财政拨款收入", total), ("二、事业收入", Decimal(0)), ("三、其他收入", book.other_income)]
    right = [(f"{_cn(k + 1)}、{n}", b + p) for k, (c, n, b, p) in enumerate(f for f in book.functions if len(f[0]) == 3)]
    rows = []
    for k in range(max(len(left), len(right))):
        lcell = left[k] if k < len(left) else ("", None)
        rcell = right[k] if k < len(right) else ("", None)
        rows.append([lcell[0], m(lcell[1]) if lcell[1] is not None else "", rcell[0],
                     m(rcell[1]) if rcell[1] is not None else ""])
    rows.append(["收入总计", m(income), "支出总计", m(income)])
    pages.append(PageSpec([], [table(t1, [["本年收入", None, "本年支出", None], ["项目", amount_word, "项目", amount_word]],
                                     rows)]))
    # 2 收入总表
    t2 = f"{y}年部门收入{amount_word[:2]}总表"
    rows = [[*_code_cells(c), n, m(b + p), m(b + p), "0.00" if unit == "元" else "0", ""]
            for c, n, b, p in book.functions if b + p]
    rows.append(["", "", "", "合计", m(total), m(total), "0.00" if unit == "元" else "0", ""])
    pages.append(PageSpec([], [table(t2, [["功能分类科目编码", None, None, "功能分类科目名称", "合计", "财政拨款", "事业收入", "其他收入"],
                                          ["类", "款", "项", None, None, None, None, None]], rows)]))
    # 3 支出总表 (the one people ask about: 合计 / 基本支出 / 项目支出)
    t3 = f"{y}年部门支出{amount_word[:2]}总表"
    rows = [[*_code_cells(c), n, m(b + p), m(b), m(p)] for c, n, b, p in book.functions if b + p]
    rows.append(["", "", "", "合计", m(total), m(book.basic), m(book.project)])
    pages.append(PageSpec([], [table(t3, [["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
                                          ["类", "款", "项", None, None, None, None]], rows, repeat=plan.repeat_header)]))
    expects.append(Expect(f"{pfx}项目支出是多少？", str(_printed(book.project, plan)), unit, t3))
    expects.append(Expect(f"{pfx}基本支出是多少？", str(_printed(book.basic, plan)), unit, t3))
    own = next(f for f in book.functions if len(f[0]) == 7 and f[2] + f[3])
    expects.append(Expect(f"{pfx}{own[1] if own[1] != '行政运行' else sector[3] + '行政运行'}是多少？",
                          str(_printed(own[2] + own[3], plan)), unit, t3))
    # 4 一般公共预算支出功能分类表: long (all 项 rows repeated by sub-unit), may run over pages
    t4 = f"{y}年部门一般公共预算支出功能分类{amount_word[:2]}表"
    rows = [[*_code_cells(c), n, m(b + p), m(b), m(p)] for c, n, b, p in book.functions if b + p]
    rows.append(["", "", "", "合计", m(total), m(book.basic), m(book.project)])
    pages.append(PageSpec([], [table(t4, [["功能分类科目编码", None, None, "功能分类科目名称", "一般公共预算支出", None, None],
                                          ["类", "款", "项", None, "合计", "基本支出", "项目支出"]], rows,
                                     repeat=plan.repeat_header)]))
    # 5, 6: empty tables with their note
    for t in (f"{y}年部门政府性基金{amount_word[:2]}支出功能分类{amount_word[:2]}表",
              f"{y}年部门国有资本经营{amount_word[:2]}支出功能分类{amount_word[:2]}表"):
        pages.append(PageSpec([], [table(t, [["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"],
                                             ["类", "款", "项", None, None, None, None]],
                                         [["", "", "", "", "", "", ""]], note=f"注：本部门{y}年无{t[9:14]}支出。")]))
    # 7 基本支出经济分类
    t7 = f"{y}年部门一般公共预算基本支出部门{amount_word[:2]}经济分类{amount_word[:2]}表"
    rows = []
    for c, n, a in book.economic:
        pers = a if c.startswith(("301", "303")) else Decimal(0)
        rows.append([c[:3], c[3:], n, m(a), m(pers), m(a - pers)])
    rows.append(["", "", "合计", m(book.basic), m(book.basic - book.running), m(book.running)])
    pages.append(PageSpec([], [table(t7, [["经济分类科目编码", None, "经济分类科目名称", "合计", "人员经费", "公用经费"],
                                          ["类", "款", None, None, None, None]], rows, repeat=plan.repeat_header)]))
    # 8 三公 and 机关运行经费 (always 万元)
    t8 = f"{y}年部门“三公”经费和机关运行经费{amount_word[:2]}表"
    sg = book.sangong
    car = sg["购置费"] + sg["运行费"]
    sg_total = sg["因公出国（境）费"] + sg["公务接待费"] + car
    cells = [_wan(sg_total), _wan(sg["因公出国（境）费"]), _wan(sg["公务接待费"]), _wan(car), _wan(sg["购置费"]),
             _wan(sg["运行费"]), _wan(book.running)]
    pages.append(PageSpec([], [table(t8, [["“三公”经费" + amount_word, None, None, None, None, None, "机关运行经费" + amount_word],
                                          ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, None],
                                          [None, None, None, "小计", "购置费", "运行费", None]],
                                     [[str(c) for c in cells]], unit_="万元")]))
    expects.append(Expect(f"{pfx}三公经费是多少？", str(cells[0]), "万元", t8))
    expects.append(Expect(f"{pfx}机关运行经费是多少？", str(cells[6]), "万元", t8))
    # 9 项目支出表: long, runs over pages
    t9 = f"{y}年部门项目支出{amount_word[:2]}表"
    rows = [[str(k + 1), name, m(a)] for k, (name, a) in enumerate(book.projects)]
    rows.append(["", "合计", m(book.project)])
    pages.append(PageSpec([], [table(t9, [["序号", "项目名称", amount_word]], rows, repeat=plan.repeat_header)]))
    # 其他相关情况说明, 项目经费情况说明
    pages.append(PageSpec(["六、其他相关情况说明", "（一）机关运行经费",
                           f"{y}年{body}机关运行经费{amount_word[:2]}{_wan(book.running)}万元。",
                           "（二）“三公”经费",
                           f"{y}年“三公”经费{amount_word[:2]}{_wan(sg_total)}万元，其中：因公出国（境）费"
                           f"{_wan(sg['因公出国（境）费'])}万元，公务接待费{_wan(sg['公务接待费'])}万元，"
                           f"公务用车购置及运行费{_wan(car)}万元。",
                           "（三）政府采购情况",
                           f"{y}年本部门政府采购{amount_word[:2]}{_wan(book.project * Decimal('0.3'))}万元。",
                           "（四）国有资产占有使用情况",
                           f"截至上年底，本部门共有车辆{rng.randint(0, 12)}辆。"]))
    lines = ["七、项目经费情况说明"]
    for k, (name, a) in enumerate(book.projects[:rng.randint(15, 60)]):
        lines.append(f"{k + 1}、{name}{_wan(a)}万元。主要用于{rng.choice(PROJECT_WORDS)}和{rng.choice(PROJECT_WORDS)}，"
                     f"绩效目标为按期完成{rng.choice(PROJECT_WORDS)}任务，服务对象满意度不低于{rng.randint(85, 98)}%。")
    for start in range(0, len(lines), 10):
        pages.append(PageSpec(lines[start:start + 10]))
    return pages, expects


def _printed(v: Decimal, plan: DocPlan) -> Decimal:
    return _wan(v) if plan.unit == "万元" else v.quantize(CENT)


def _cn(k: int) -> str:
    if k <= 10:
        return CN[k - 1]
    return ("" if k < 20 else CN[k // 10 - 1]) + "十" + (CN[k % 10 - 1] if k % 10 else "")


def write_doc(plan: DocPlan, folder: str | Path) -> Generated:
    """Render one planned document into folder; returns what it should parse as."""
    from evals.render import render_pdf

    path = Path(folder) / plan.file_name
    pages, expects = build(plan)
    render_pdf(path, pages, landscape=plan.landscape)
    return Generated(str(path), plan.body, plan.year, plan.kind, plan.unit, _count_pages(path), expects)


def _count_pages(path: Path) -> int:
    import re
    data = path.read_bytes()
    m = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data) or re.findall(rb"/Count\s+(\d+)", data)
    return max((int(x) for x in m), default=0)


def _write_one(args) -> dict:
    plan, folder = args
    return asdict(write_doc(plan, folder))


def write_corpus(folder: str | Path, n: int, seed: int = 0, workers: int = 1, progress=None) -> list[Generated]:
    """Generate (or reuse, when the manifest matches) N documents in folder; manifest.json lists them."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("seed") == seed and data.get("n") == n and all(Path(d["path"]).exists() for d in data["docs"]):
            return [_generated(d) for d in data["docs"]]
    plans = plan_corpus(n, seed)
    out: list[dict] = []
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers) as pool:
            for d in pool.map(_write_one, [(p, folder) for p in plans], chunksize=4):
                out.append(d)
                if progress:
                    progress(len(out), n)
    else:
        for p in plans:
            out.append(_write_one((p, folder)))
            if progress:
                progress(len(out), n)
    manifest.write_text(json.dumps({"seed": seed, "n": n, "docs": out}, ensure_ascii=False, indent=0),
                        encoding="utf-8")
    return [_generated(d) for d in out]


def read_manifest(folder: str | Path) -> list[Generated]:
    """The documents a corpus folder holds, as written by write_corpus."""
    data = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    return [_generated(d) for d in data["docs"]]


def _generated(d: dict) -> Generated:
    return Generated(d["path"], d["body"], d["year"], d["kind"], d["unit"], d["pages"],
                     [Expect(**e) for e in d["expects"]])


def main(argv: list[str] | None = None) -> None:
    """`python -m evals.corpus DIR --docs N [--seed S] [--workers W]`."""
    ap = argparse.ArgumentParser(prog="python -m evals.corpus", description=main.__doc__)
    ap.add_argument("folder")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    docs = write_corpus(args.folder, args.docs, args.seed, args.workers)
    print(f"{len(docs)} documents, {sum(d.pages for d in docs)} pages in {args.folder}")


if __name__ == "__main__":
    main()
