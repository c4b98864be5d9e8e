"""Matching question words to table cells and stated numbers (scores, synonyms, preferences)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand import Question, bigrams, label_core
from ingest.model import StatedFact, TableFact

# words people use → the words printed in tables
SYNONYMS = {
    "三公经费": "“三公”经费", "三公": "“三公”经费", "公车": "公务用车", "车辆运行": "公务用车运行",
    "出国经费": "因公出国（境）费", "出国费": "因公出国（境）费", "接待费": "公务接待费",
    "总收入": "收入总计", "收入总额": "收入总计", "总支出": "支出总计", "支出总额": "支出总计",
    "公积金": "住房公积金", "财政拨款收入": "财政拨款", "离退休经费": "离退休",
    "养老保险": "基本养老保险缴费", "社保就业": "社会保障和就业", "社保": "社会保障",
    "总盘子": "支出总计 收入总计", "总预算": "支出总计 收入总计", "预算总额": "支出总计", "预算总计": "支出总计",
    "残保金": "残疾人就业保障金", "城联社": "城镇集体工业联合社", "医保": "医疗保险", "公务卡": "公务用车",
}
MONEY_UNITS = {"元", "万元", "亿元"}
COUNT_UNITS = {"个", "家", "人", "名", "项", "辆", "台", "套", "户", "件", "次", "所", "股", "处"}
COLUMN_WORDS = ["基本支出", "项目支出", "人员经费", "公用经费", "一般公共预算", "政府性基金", "国有资本经营",
                "上年结转", "财政专户", "单位资金", "事业收入", "决算数", "预算数", "年初预算", "调整预算",
                "当年预算安排", "财政拨款"]
GENERIC_GRAMS = {"支出", "预算", "项目", "资金", "经费", "合计", "目支", "金额", "收入", "多少", "一共"}
TOTAL_LABELS = {"合计", "总计", "部门合计", "本年支出合计", "本年收入合计", "支出总计", "收入总计"}


def expand(text: str) -> str:
    """Question text with synonyms' table words appended."""
    extra = [v for k, v in SYNONYMS.items() if k in text]
    return text + " " + " ".join(extra) if extra else text


@dataclass
class Scored:
    """A candidate cell or statement and how well it matches."""

    score: float
    fact: TableFact | None = None
    stated: StatedFact | None = None


def coverage(label: str, qgrams: set[str]) -> float:
    """Share of a label's bigrams that the question contains (1.0: the whole label is asked)."""
    g = bigrams(label)
    if not g:
        return 0.0
    return len(g & qgrams) / len(g)


def column_hint(q: Question) -> list[str]:
    """Column words the question names (基本支出, 项目支出, 一般公共预算…)."""
    return [w for w in COLUMN_WORDS if w in q.text]


def score_fact(f: TableFact, q: Question, qgrams: set[str], qtext: str) -> float:
    """How well a table cell answers a question."""
    core = label_core(f.row_label)
    title_core = re.sub(r"20\d\d年度?|（[^）]*）|\([^)]*\)|预算表|决算表|表$", "", f.table_title)
    s = 0.0
    if not core and not f.subject_code:
        # a table's only data row often has no label (三公): its column path names the cell
        grams = bigrams(label_core(f.column.replace("/", " ")) + " " + title_core)
        specific = qgrams - GENERIC_GRAMS
        qcov = len(specific & grams) / len(specific) if specific else 0.0
        if qcov < 0.6:
            return 0.0
        leaf = label_core(f.column.split("/")[-1])
        return 3.0 + 2.0 * qcov + (1.0 if leaf and leaf in qtext else 0.0) + \
            (0.5 if leaf in ("合计", "小计") else 0.0)
    if f.subject_code and f.subject_code in q.codes:
        s += 6.0
    cov = coverage(core, qgrams)
    specific = qgrams - GENERIC_GRAMS
    lgrams = bigrams(core)
    qcov = len(specific & lgrams) / len(specific) if len(specific) >= 2 else 0.0
    if core and core in qtext:
        s += 4.0 + min(len(core), 12) * 0.25
    elif cov >= 0.5 or qcov >= 0.6:
        # most of the label is asked, or the question names a distinctive part of it
        s += 4.0 * max(cov, qcov * 0.95)
    elif f.subject_code not in q.codes:
        # the row does not match: only a total row may stand for a column word (项目支出 → 合计 row)
        if (core in TOTAL_LABELS or core.endswith("合计")) and any(w in f.column for w in column_hint(q)):
            s += 2.0
        elif core in TOTAL_LABELS or core.endswith("合计"):
            s += 0.5
        else:
            return 0.0
    cols = column_hint(q)
    leaf = f.column.split("/")[-1] if f.column else ""
    for w in cols:
        if w in f.column:
            s += 2.5 if w in leaf else 1.5
    if not cols:
        if leaf in ("合计", "小计", "金额", "预算数", "决算数") or re.search(r"合计|20\d\d年$|预算数$", leaf) \
                or f.column.count("/") == 0:
            s += 0.6
    title_cov = coverage(title_core, qgrams)
    s += 1.2 * title_cov
    if core in TOTAL_LABELS or core.endswith("合计"):
        # a total row stands for the table the question names (机关运行经费合计 → its 部门合计)
        s += 2.5 * title_cov
    if "绩效目标" in f.table_title and "绩效" not in qtext:
        # forms restate amounts (sometimes wrongly, see the 38071.58 整体 table): tables come
        # first unless the question names the form's project
        specific = qgrams - GENERIC_GRAMS
        named = len(specific & bigrams(f.table_title)) / len(specific) if specific else 0.0
        s -= 0.3 if named >= 0.2 else 2.5
    return s


def score_stated(st: StatedFact, q: Question, qgrams: set[str]) -> float:
    """How well a number stated in the narrative answers a question."""
    subj = label_core(st.subject)
    cov = coverage(subj, qgrams)
    sent = bigrams(label_core(st.sentence))
    qcov = len(qgrams & sent) / len(qgrams) if qgrams else 0.0
    return 2.5 * cov + 2.5 * qcov


def unit_ok(unit: str, q: Question) -> bool:
    """Does a value's unit fit what the question asks (money, a count, a percentage)?"""
    if q.want_kind == "any":
        return True
    if q.want_kind == "count":
        return unit in COUNT_UNITS
    if q.want_kind == "percent":
        return unit == "%"
    return unit in MONEY_UNITS
