"""The synthetic corpus's plans and numbers: which bodies, years and kinds, and amounts that add up.

Pure and deterministic from a seed (no files): `plan_corpus` picks N documents, `make_book`
gives one document its numbers in 元 (exact cents) — 项 → 款 → 类 → 合计, 基本支出 equal to its
经济分类 total, projects adding up to 项目支出, 三公 from their 经济分类 rows. evals.corpus lays
them out as PDF pages.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

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
