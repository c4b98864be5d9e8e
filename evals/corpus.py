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

DISTRICTS = ["普陀区", "静安区", "徐汇区", "长宁区", "虹口区", "杨浦区", "黄浦区", "闵行区", "宝山区",
             "嘉定区", "松江区", "青浦区", "奉贤区", "金山区", "崇明区", "浦东新区"]
# body → (its own 类/款 and the 项 under it), the sector words of its 职能 text
SECTORS = {
    "司法局": ("204", "公共安全支出", "20406", "司法", [("01", "行政运行"), ("04", "基层司法业务"), ("05", "普法宣传"),
                                                    ("07", "公共法律服务"), ("13", "信息化建设")], "司法行政和法治建设"),
    "财政局": ("201", "一般公共服务支出", "20106", "财政事务", [("01", "行政运行"), ("02", "一般行政管理事务"),
                                                          ("08", "信息化建设"), ("99", "其他财政事务支出")], "财政预算管理"),
    "审计局": ("201", "一般公共服务支出", "20108", "审计事务", [("01", "行政运行"), ("04", "审计业务"),
                                                          ("50", "事业运行")], "审计监督"),
    "统计局": ("201", "一般公共服务支出", "20105", "统计信息事务", [("01", "行政运行"), ("05", "专项统计业务"),
                                                            ("07", "专项普查活动")], "统计调查"),
    "教育局": ("205", "教育支出", "20502", "普通教育", [("01", "学前教育"), ("02", "小学教育"), ("03", "初中教育"),
                                                  ("04", "高中教育")], "基础教育"),
    "文化和旅游局": ("207", "文化旅游体育与传媒支出", "20701", "文化和旅游", [("01", "行政运行"), ("09", "群众文化"),
                                                                  ("12", "文化和旅游市场管理")], "公共文化服务"),
    "卫生健康委员会": ("210", "卫生健康支出", "21004", "公共卫生", [("01", "疾病预防控制机构"), ("08", "基本公共卫生服务"),
                                                          ("09", "重大公共卫生服务")], "公共卫生和医疗服务"),
    "生态环境局": ("211", "节能环保支出", "21103", "污染防治", [("01", "大气"), ("02", "水体"), ("04", "固体废弃物与化学品")],
              "生态环境保护"),
    "民政局": ("208", "社会保障和就业支出", "20802", "民政管理事务", [("01", "行政运行"), ("08", "基层政权建设"),
                                                            ("99", "其他民政管理事务支出")], "基本民生保障"),
    "科学技术委员会": ("206", "科学技术支出", "20601", "科学技术管理事务", [("01", "行政运行"), ("02", "一般行政管理事务"),
                                                              ("99", "其他科学技术管理事务支出")], "科技创新"),
    "城市管理行政执法局": ("212", "城乡社区支出", "21201", "城乡社区管理事务", [("01", "行政运行"), ("04", "城管执法"),
                                                                  ("99", "其他城乡社区管理事务支出")], "城市管理执法"),
    "商务委员会": ("201", "一般公共服务支出", "20113", "商贸事务", [("01", "行政运行"), ("08", "招商引资"),
                                                          ("99", "其他商贸事务支出")], "商贸流通和招商引资"),
}
COMMON = [("208", "社会保障和就业支出", "20805", "行政事业单位养老支出",
           [("01", "行政单位离退休"), ("05", "机关事业单位基本养老保险缴费支出"), ("06", "机关事业单位职业年金缴费支出")]),
          ("210", "卫生健康支出", "21011", "行政事业单位医疗", [("01", "行政单位医疗"), ("02", "事业单位医疗")]),
          ("221", "住房保障支出", "22102", "住房改革支出", [("01", "住房公积金"), ("03", "购房补贴")])]
ECONOMIC = [("301", "工资福利支出", [("01", "基本工资"), ("02", "津贴补贴"), ("03", "奖金"), ("08", "机关事业单位基本养老保险缴费"),
                                   ("09", "职业年金缴费"), ("10", "职工基本医疗保险缴费"), ("13", "住房公积金")]),
            ("302", "商品和服务支出", [("01", "办公费"), ("05", "水费"), ("06", "电费"), ("07", "邮电费"), ("11", "差旅费"),
                                    ("16", "培训费"), ("17", "公务接待费"), ("28", "工会经费"), ("31", "公务用车运行维护费"),
                                    ("39", "其他交通费用")]),
            ("303", "对个人和家庭的补助", [("02", "退休费"), ("05", "生活补助")])]
PROJECT_WORDS = ["信息系统运维", "专项业务经费", "宣传培训", "档案数字化", "办公用房维修", "第三方服务购买", "业务用车租赁",
                 "课题研究", "专项检查", "数据中心运行", "社区服务", "应急保障", "安全生产检查", "政务服务", "人才培养",
                 "设备购置", "网络安全保障", "法律顾问服务", "志愿服务", "标准化建设", "绩效评价", "调查统计", "监测评估"]
GLOSSARY = [
    "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
    "政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "（三）其他收入：指除上述“财政拨款收入”、“事业收入”等以外的收入。",
    "（四）基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，"
    "包括人员经费和公用经费两部分。",
    "（五）项目支出预算：是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，"
    "在基本支出之外编制的年度支出计划。",
    "（六）“三公”经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、"
    "公务用车购置及运行费、公务接待费。",
    "（七）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
]
CN = "一二三四五六七八九十"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Expect:
    """A question a document answers, with the exact printed value and unit and the table it is in."""

    question: str
    value: str  # Decimal as text (JSON-safe)
    unit: str
    table: str


@dataclass
class DocPlan:
    """One document to generate: who, which year, 预算 or 决算, printed unit, and its own seed."""

    index: int
    district: str
    dept: str
    year: int
    kind: str  # 预算 | 决算
    unit: str  # 元 | 万元 (the 三公 table is always in 万元, as in the real documents)
    seed: str
    commas: bool = True
    repeat_header: bool = True
    landscape: bool = False

    @property
    def body(self) -> str:
        """The body's full name, as the cover prints it."""
        return f"上海市{self.district}{self.dept}"

    @property
    def file_name(self) -> str:
        """The PDF's file name."""
        return f"{self.index:04d}-{self.body}{self.year}年度部门{self.kind}.pdf"


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


def plan_corpus(n: int, seed: int = 0) -> list[DocPlan]:
    """N documents: bodies × years, about ten per body (a city publishes yearly, for years)."""
    rng = random.Random(f"corpus:{seed}")
    bodies = [(d, s) for d in DISTRICTS for s in SECTORS]
    rng.shuffle(bodies)
    nbodies = max(1, min(len(bodies), -(-n // 8)))
    out: list[DocPlan] = []
    years = list(range(2019, 2027))
    for i in range(n):
        district, dept = bodies[i % nbodies]
        turn = i // nbodies
        year = years[turn % len(years)]
        # most years a 预算, some a 决算 (never both for one body and year, so a question naming
        # the body and year has one answer); beyond eight per body the other kind
        final = hash_int(f"{district}{dept}{year}") % 4 == 0 and year < 2026
        if (turn // len(years)) % 2:
            final = not final
        r = random.Random(f"doc:{seed}:{i}")
        out.append(DocPlan(i, district, dept, year, "决算" if final else "预算", "元" if r.random() < 0.7 else "万元",
                           f"{seed}:{i}", commas=r.random() < 0.5, repeat_header=r.random() < 0.6,
                           landscape=r.random() < 0.15))
    return out


def hash_int(s: str) -> int:
    """A stable small hash (Python's hash() is salted per process)."""
    import hashlib
    return int(hashlib.md5(s.encode("utf-8")).hexdigest()[:8], 16)


# -- numbers -------------------------------------------------------------------------------
def _split(total: Decimal, parts: int, rng: random.Random, zero_share: float = 0.0) -> list[Decimal]:
    """total split into `parts` amounts (cents) that add up exactly; some may be zero."""
    if parts <= 0:
        return []
    weights = [0.0 if rng.random() < zero_share else rng.uniform(0.2, 1.0) for _ in range(parts)]
    if not any(weights):
        weights[0] = 1.0
    s = sum(weights)
    cents = int(total / CENT)
    out = [int(cents * w / s) for w in weights]
    out[max(range(parts), key=lambda k: weights[k])] += cents - sum(out)
    return [Decimal(c) * CENT for c in out]


def _yuan(rng: random.Random, lo: float, hi: float) -> Decimal:
    return Decimal(int(rng.uniform(lo, hi) * 100)) * CENT


@dataclass
class Book:
    """A document's numbers in 元 (exact cents): function rows, economic rows, projects, 三公."""

    functions: list[tuple[str, str, Decimal, Decimal]]  # (code, name, 基本, 项目) for 类, 款 and 项 rows
    economic: list[tuple[str, str, Decimal]]  # (code, name, amount) — 类 and 款
    projects: list[tuple[str, Decimal]]
    sangong: dict[str, Decimal]  # in 元
    running: Decimal  # 机关运行经费, 元
    other_income: Decimal

    @property
    def basic(self) -> Decimal:
        """基本支出 total."""
        return sum((b for c, _, b, _ in self.functions if len(c) == 3), Decimal(0))

    @property
    def project(self) -> Decimal:
        """项目支出 total."""
        return sum((p for c, _, _, p in self.functions if len(c) == 3), Decimal(0))


def make_book(plan: DocPlan) -> Book:
    """Amounts that add up: 项 → 款 → 类 → 合计; 基本支出 = 经济分类 total; projects = 项目支出."""
    rng = random.Random(f"book:{plan.seed}")
    scale = rng.choice([0.4, 1.0, 2.5, 6.0])
    basic_total = _yuan(rng, 8e6, 3e7) * Decimal(str(scale))
    basic_total = basic_total.quantize(CENT)
    project_total = (basic_total * Decimal(str(rng.uniform(0.3, 2.5)))).quantize(CENT)
    # economic classification of 基本支出
    econ_rows: list[tuple[str, str, Decimal]] = []
    shares = _split(basic_total, len(ECONOMIC), rng)
    for (code, name, subs), amount in zip(ECONOMIC, shares):
        econ_rows.append((code, name, amount))
        for (sc, sname), a in zip(subs, _split(amount, len(subs), rng, 0.1)):
            econ_rows.append((code + sc, sname, a))
    running = sum((a for c, _, a in econ_rows if c.startswith("302") and len(c) == 5), Decimal(0))
    # function classification: the body's own 类 carries the projects, common 类 only 基本支出
    sector = SECTORS[plan.dept]
    groups = [(sector[0], sector[1], sector[2], sector[3], sector[4])] + COMMON
    own_basic, *common_basic = _split(basic_total, len(groups), rng)
    functions: list[tuple[str, str, Decimal, Decimal]] = []
    for gi, (c1, n1, c2, n2, items) in enumerate(groups):
        b_total = own_basic if gi == 0 else common_basic[gi - 1]
        p_total = project_total if gi == 0 else Decimal(0)
        bs = _split(b_total, len(items), rng, 0.2)
        ps = _split(p_total, len(items), rng, 0.3) if p_total else [Decimal(0)] * len(items)
        functions.append((c1, n1, b_total, p_total))
        functions.append((c2, n2, b_total, p_total))
        for (c3, n3), b, p in zip(items, bs, ps):
            functions.append((c2 + c3, n3, b, p))
    # projects: a long list that adds up to 项目支出
    nproj = rng.randint(12, 90)
    names = []
    for k in range(nproj):
        w = PROJECT_WORDS[(k + hash_int(plan.seed)) % len(PROJECT_WORDS)]
        names.append(f"{plan.year}年{sector[5][:4]}{w}项目（{k + 1:02d}）")
    projects = list(zip(names, _split(project_total, nproj, rng)))
    car_run = sum((a for c, _, a in econ_rows if c == "30231"), Decimal(0))
    reception = sum((a for c, _, a in econ_rows if c == "30217"), Decimal(0))
    abroad = Decimal(0) if rng.random() < 0.6 else _yuan(rng, 1e4, 2e5)
    car_buy = Decimal(0) if rng.random() < 0.7 else _yuan(rng, 1e5, 3e5)
    sangong = {"因公出国（境）费": abroad, "公务接待费": reception, "购置费": car_buy, "运行费": car_run}
    other = Decimal(0) if rng.random() < 0.6 else _yuan(rng, 1e4, 5e5)
    return Book(functions, econ_rows, projects, sangong, running, other)


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
