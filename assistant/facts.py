"""Matching question words to table cells and stated numbers (scores, synonyms, preferences)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from assistant.library import clauses
from assistant.synonyms import expand
from assistant.understand import Question, bigrams, label_core
from ingest.model import StatedFact, TableFact

MONEY_UNITS = {"元", "万元", "亿元"}
COUNT_UNITS = {"个", "家", "人", "名", "项", "辆", "台", "套", "户", "件", "次", "所", "股", "处"}
COLUMN_WORDS = ["基本支出", "项目支出", "人员经费", "公用经费", "一般公共预算", "政府性基金", "国有资本经营",
                "上年结转", "财政专户", "单位资金", "事业收入", "决算数", "预算数", "年初预算", "调整预算",
                "当年预算安排", "财政拨款"]
GENERIC_GRAMS = {"支出", "预算", "项目", "资金", "经费", "合计", "目支", "金额", "收入", "多少", "一共"}
TOTAL_LABELS = {"合计", "总计", "部门合计", "本年支出合计", "本年收入合计", "支出总计", "收入总计"}


_COLUMN_RE = re.compile("|".join(sorted(COLUMN_WORDS, key=len, reverse=True)) + "|支出|经费|资金|预算")


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


WHICH_COLUMN = re.compile(r"[，,]?\s*(?:属于|算|是|归|列在|放在)?(基本支出|项目支出|人员经费|公用经费)还是(基本支出|项目支出|人员经费|公用经费)[？?]?")


def column_hint(q: Question) -> list[str]:
    """Column words the question names (基本支出, 项目支出, 一般公共预算…); not the two a question
    asks to choose between ('属于基本支出还是项目支出')."""
    return list(_column_words(q.text))


@lru_cache(maxsize=1 << 12)
def _column_words(text: str) -> tuple[str, ...]:
    text = expand(WHICH_COLUMN.sub(" ", text))
    return tuple(w for w in COLUMN_WORDS if w in text)


def qcover(specific: set[str], text: str) -> float:
    """Share of the question's specific bigrams found in a text."""
    return len(specific & bigrams(text)) / len(specific) if specific else 0.0


def is_total(core: str) -> bool:
    """A total row (合计, 总计, 部门合计, 本年支出合计…)."""
    return core in TOTAL_LABELS or core.endswith(("合计", "总计"))


_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")


@lru_cache(maxsize=1 << 12)
def _title_core(title: str) -> str:
    return re.sub(r"20\d\d年度?|（[^）]*）|\([^)]*\)|预算表|决算表|表$", "", title)


def score_fact(f: TableFact, q: Question, qgrams: set[str], qtext: str) -> float:
    """How well a table cell answers a question (_score_fact), less when the cell stands on the
    收入 side of a 收支总表 and the question asks only about 支出, or the other way round."""
    s = _score_fact(f, q, qgrams, qtext)
    asks = _sides_asked(qtext)
    if s <= 0 or len(asks) != 1:
        return s
    title = re.sub(r"收支", "", f.table_title)
    # a 收入决算表 row (财政委托业务支出 | 财政拨款收入) is income even though the row names a spending
    side = "收入" if "收入" in title and "支出" not in title else "支出" if "支出" in title and "收入" not in title else ""
    by_title = bool(side)
    if not side and "/" in f.column:
        top = f.column.split("/")[0]
        side = "收入" if top.startswith("收入") else "支出" if top.startswith("支出") else ""
    asked = next(iter(asks))
    if side and side != asked and (by_title or asked not in f.row_label):
        return s - 2.0
    return s


def _score_fact(f: TableFact, q: Question, qgrams: set[str], qtext: str) -> float:
    """How well a table cell answers a question.

    A row label the question contains scores highest; a total row scores by how well the
    question names its table (机关运行经费合计 → that table's 部门合计) and by column words
    (项目支出 → the 合计 row's 项目支出 column); a performance form scores by its project.
    """
    core = label_core(f.row_label)
    title_core = _title_core(f.table_title)
    specific = qgrams - GENERIC_GRAMS
    # ('…支出决算数' names the '…支出决算表': a table's amounts are its title with 表 read as 数)
    title_q = max(qcover(specific, title_core), qcover(specific, re.sub(r"20\d\d年度?|表$", "", f.table_title) + "数")) \
        if re.search(r"[预决]算表$", f.table_title) and re.search(r"[预决]算数", qtext) else qcover(specific, title_core)
    hints = column_hint(q)
    leaf = f.column.split("/")[-1] if f.column else ""
    col = 0.0
    for w in hints:
        if w in f.column:
            col += 2.5 if w in leaf else 1.5
    lc_leaf = label_core(leaf)
    if len(lc_leaf) >= 3 and lc_leaf in qtext and not any(w in leaf for w in hints) and \
            not re.fullmatch(r"合计|小计|金额|预算数|决算数|20\d\d年.*", lc_leaf):
        col += 2.5  # a column the question names outright ('收入里“其他收入”是多少')
    if not hints and (leaf in ("合计", "小计", "金额", "预算数", "决算数") or f.column.count("/") == 0
                      or re.search(r"合计|20\d\d年$|预算数$", leaf)):
        col += 0.6
    if f.subject_code and f.subject_code in q.codes:
        return 8.0 + col + title_q
    if not core and not f.subject_code:
        # a table's only data row often has no label (三公): its column path names the cell
        if not specific:
            return 0.0
        col_cov = qcover(specific, label_core(f.column.replace("/", " ")))
        all_cov = qcover(specific, label_core(f.column.replace("/", " ")) + " " + title_core)
        if all_cov < 0.6:
            return 0.0
        lc = label_core(leaf)
        path = f.column.split("/")
        parent = label_core(path[-2]) if len(path) >= 2 else ""
        # '公务用车购置及运行费是多少': the heading named whole → its 小计, not the 运行费 inside its name
        whole_named = len(parent) >= 4 and parent in qtext
        said_leaf = bool(lc) and lc in (qtext.replace(parent, " ") if whole_named else qtext)
        named_both = said_leaf and qcover(specific, title_core) > 0
        return 2.5 + 1.5 * all_cov + 2.0 * col_cov + (1.0 if said_leaf else 0.0) + \
            (0.3 if lc in ("合计", "小计") else 0.0) + (1.2 if whole_named and lc in ("合计", "小计") else 0.0) + \
            (1.0 if named_both else 0.0)
    if is_total(core):
        strong = any(w in f.column for w in hints if w in ("基本支出", "项目支出", "人员经费", "公用经费",
                                                              "上年结转", "事业收入", "单位资金"))
        col = col if strong or not hints else min(col, 0.5)  # 预算数/决算数 name no row
        named = 0.0
        if core != "合计":
            # '收入总计', '本年支出合计' named outright (or nearly) pick that total row
            named = 3.5 if core in qtext else 3.0 * coverage(core, qgrams) if coverage(core, qgrams) >= 0.5 else 0.0
        elif "合计" in qtext:
            named = 1.0
        total = 1.0 + named + 3.0 * title_q + (1.5 if col >= 2.5 and strong else 0.0) + col
        if len(specific) >= 4 and qcover(specific, title_core + label_core(f.column.replace("/", " ")) + core) < 0.45:
            # '退役军人（平安物资贸易有限公司）项目的人员经费': a named project, not the table's total
            total -= 2.5
        if len(specific) >= 3 and title_q >= 0.99:
            total += 1.5  # the question is the table's own name ('一般公共预算支出'): its total row
            if qcover(specific, f.table_title + " 预算数 决算数 " + label_core(f.column.replace("/", " "))) >= 0.99:
                total += 2.0  # ('一般公共预算财政拨款支出决算数': every word is the title's; no row is named)
        if "绩效目标" in f.table_title and "绩效" not in qtext and q.want_kind in ("money", "percent", "any"):
            total -= 2.0  # a form's 合计 restates (sometimes wrongly) what the budget tables total
        if any(w in f.column for w in hints if w in ("基本支出", "项目支出")) and \
                any(w in f.table_title and w not in qtext for w in _FUNDS):
            # ('基本支出一共多少'): the 支出总表's 基本支出 column counts every fund; a table titled for one fund
            # (一般公共预算基本支出…经济分类表) totals only that fund's part (人员经费 and 公用经费 have no other table)
            total -= 0.5
        return total
    if core.endswith("费") and len(core) <= 4 and core not in qtext and any(
            fw != core and fw[-2:] == core[-2:] and fw not in core and core not in fw
            for fw in re.findall(r"[\u4e00-\u9fff]{2,3}费", qtext)):
        return 0.0  # '水电费' asked, 邮电费 printed: another fee that shares its last characters
    form = "绩效目标" in f.table_title
    cov = coverage(core, qgrams)
    used = set().union(*(bigrams(w) for w in hints if w in f.column)) if hints else set()
    if used and core not in qtext:
        # the words the cell's column takes ('一般公共预算', '财政拨款') do not name its row as well
        # ('一般公共预算财政拨款支出决算数' names no 一般公共服务支出)
        cov = coverage(core, qgrams - used)
    lq = qcover(specific, core) if len(specific) >= 2 else 0.0
    if form and len(specific) >= 2:
        # the project (in the form's title) and the indicator together name the cell
        lq = max(lq, qcover(specific, core + " " + f.table_title.split("：")[-1]) * 0.9)
        rest = specific - bigrams(f.table_title)
        if q.want_kind in ("any", "money") and len(rest) >= 2 and not rest & bigrams(core) and cov < 0.5:
            return 0.0  # the project is named but not the indicator asked ('注册资本')
    if core in qtext:
        s = 5.0 + min(len(core), 12) * 0.25
    elif (cov >= 0.5 or lq >= 0.6) and 5.0 * max(cov, lq * 0.95) >= 3.5:
        s = 5.0 * max(cov, lq * 0.95)
    elif any(w in core and qcover(specific, w) >= 0.6 for w in _runs(q.content, 2)) or \
            any(w in core for w in _runs(_COLUMN_RE.sub(" ", q.content), 3)):
        s = 3.5 + 0.5 * cov  # '普法的钱' → 普法宣传: the question's own word stands inside the label
    elif any(_abbreviates(w, core) for w in _tails(q.content)):  # (a tail of a run: '年预算里物业费' → 物业费)
        s = 3.5 + 0.5 * cov  # '物业费' → 物业管理费: a short name keeps the label's first word and last character
    elif cov >= 0.5 or lq >= 0.6:
        s = 5.0 * max(cov, lq * 0.95)  # half the label's words, and no word of the question inside it
    else:
        return 0.0
    s += col + 1.2 * title_q
    if form and "绩效" not in qtext:
        # forms restate amounts (sometimes wrongly, see the 38071.58 整体 table): tables come
        # first unless the question names the form's project
        named = qcover(specific, f.table_title) >= 0.2
        if q.want_kind == "money":
            s -= 1.0 if named else 2.5
        else:  # counts, rates, dates: the forms are where they are stated
            s -= 0.0 if named else 0.3
            rest = specific - bigrams(core)
            if "项目" in f.table_title and len(rest) >= 2 and \
                    len(rest & bigrams(label_core(f.table_title.split("：")[-1]))) < 0.5 * len(rest):
                # (the project named is mostly another one: '“小升规”奖励…' is not the “专精特新”奖励 form)
                s -= 4.0  # '合同制人员满意度' asked, another project's 满意度 found
    return s


@lru_cache(maxsize=1 << 12)
def _sides_asked(qtext: str) -> frozenset[str]:
    said = qtext.replace("收支", "")
    return frozenset(w for w in ("收入", "支出") if w in said)


@lru_cache(maxsize=1 << 12)
def _runs(text: str, least: int) -> tuple[str, ...]:
    """The CJK runs of at least `least` characters (per question, not per cell)."""
    return tuple(re.findall(f"[\u4e00-\u9fff]{{{least},}}", text))


@lru_cache(maxsize=1 << 12)
def _tails(text: str) -> tuple[str, ...]:
    """Every tail of every 3+ character run, without 预算/支出/… at its end, of 3+ characters:
    the short names _abbreviates tries against a label."""
    out = []
    for w in _runs(text, 3):
        for i in range(len(w) - 2):
            t = short_name(w[i:])
            if len(t) >= 3 and t not in out:
                out.append(t)
    return tuple(out)


@lru_cache(maxsize=1 << 12)
def short_name(word: str) -> str:
    """A word without the 预算/支出/经费/… that ends a question's name for a row."""
    return re.sub(r"(预算|支出|经费|资金|金额|安排|多少|是)+$", "", word)


def _abbreviates(w: str, core: str) -> bool:
    """'物业费' for 物业管理费: the short name w (a short_name of 3+ characters) opens like the
    label, ends with its last character, and its characters appear in order in it."""
    if len(w) < 3 or len(w) >= len(core) or w[:2] not in core or w[-1] != core[-1] or w in core:
        return False
    it = iter(core)
    return all(ch in it for ch in w)


_NUM_UNIT = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|元|%|％|个|家|人|辆|名|项|套|台|次|户|件)")


def sentence_subjects(stated: list[StatedFact]) -> dict[str, str]:
    """For every stated number, the words naming it: cut at the previous number or separator.

    ('…货物预算4.00万元、政府采购工程预算0万元' → '政府采购工程预算'); numbers that repeat in a
    sentence ('…用车0辆、…用车0辆') are matched in order.
    """
    out: dict[str, str] = {}
    by_sentence: dict[str, list[StatedFact]] = {}
    for st in stated:
        by_sentence.setdefault(st.sentence, []).append(st)
    for sent, facts in by_sentence.items():
        spans = []
        prev_end = 0
        for m in _NUM_UNIT.finditer(sent):
            try:
                v = Decimal(m.group(1).replace(",", "").replace("，", ""))
            except Exception:  # noqa: BLE001
                continue
            head = re.split(r"[，,；;：:。、]", sent[prev_end:m.start()])[-1]
            unit = m.group(2).replace("％", "%")
            after = re.split(r"[，,；;。：:、]", sent[m.end():])[0][:8] if unit not in ("%", "亿元", "万元", "元") else ""
            spans.append((v, unit, (head.strip() + (" " + after if after else "")).strip()))
            prev_end = m.end()
        used = [False] * len(spans)
        for st in facts:
            for i, (v, unit, subject) in enumerate(spans):
                if not used[i] and v == st.value and unit == st.unit:
                    used[i] = True
                    out[st.fact_id] = subject
                    break
            else:
                out[st.fact_id] = st.subject
    return out


def local_subject(st: StatedFact, subjects: dict[str, str] | None = None) -> str:
    """The words naming one stated number (from a precomputed map when given)."""
    if subjects and st.fact_id in subjects:
        return subjects[st.fact_id]
    return sentence_subjects([st]).get(st.fact_id, st.subject)


def _window(st: StatedFact, subject: str) -> str:
    i = st.sentence.find(subject.split(" ")[0]) if subject else -1
    if st.kind == "change":
        return st.sentence[:i] if i > 0 else ""  # a change names its subject at the sentence start
    return st.sentence[max(0, i - 24):i] if i > 0 else ""


def clean_subject(subject: str, body: str = "") -> str:
    """A subject without years, the body's own name and filler (本部门, 其中)."""
    s = re.sub(r"20\d\d年度?|本部门|本单位|其中|共计|合计为|为$|是$", "", subject)
    if body:
        # the full name before its shorter form (a set's order would leave '上海市普陀区' behind)
        short = re.sub(r"^(?:[\u4e00-\u9fff]{2,3}(?:省|市))?(?:[\u4e00-\u9fff]{2,3}(?:区|县))?(?=[\u4e00-\u9fff]{2})", "", body)
        for name in sorted({body, short}, key=len, reverse=True):
            if name:
                s = s.replace(name, "")
    return label_core(s)


def score_stated(st: StatedFact, q: Question, qgrams: set[str], subject: str | None = None,
                 body: str = "") -> float:
    """How well a number stated in the narrative answers a question."""
    subject = subject if subject is not None else local_subject(st)
    subj = clean_subject(subject, body)
    cov = coverage(subj, qgrams)
    specific = qgrams - GENERIC_GRAMS
    qside = qcover(specific, subj)
    local = qcover(specific, label_core(_window(st, subject) + subject)) if specific else 0.0
    sent = bigrams(label_core(st.sentence))
    qcov = len(qgrams & sent) / len(qgrams) if qgrams else 0.0
    if subj and subj in label_core(q.content):
        cov = max(cov, 1.0)
    return 2.0 * cov + 2.5 * qside + 1.0 * qcov + 1.0 * local


def unit_ok(unit: str, q: Question) -> bool:
    """Does a value's unit fit what the question asks (money, a count, a percentage)?"""
    if q.want_kind == "any":
        return True
    if q.want_kind == "count":
        groups = {"个": {"个", "项", "家", "所", "股", "处"}, "项": {"项", "个"}, "家": {"家", "个"},
                  "人": {"人", "名", "位"}, "名": {"人", "名", "位"}, "位": {"人", "名", "位"},
                  "辆": {"辆"}, "台": {"台", "套"}, "套": {"台", "套"}, "户": {"户"}, "所": {"所", "个"}}
        return unit in groups.get(q.count_unit, COUNT_UNITS)
    if q.want_kind == "percent":
        return unit == "%"
    return unit in MONEY_UNITS


_MEASURE = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(平方米|㎡|亩|公顷|公里|千米|米|层|人次|户次|个百分点|小时|天|吨|分)"
                      r"(?![类析配布钟管局别期摊担工解之成支项])")


def measure_facts(doc_id: str, chunks) -> list[tuple[StatedFact, str]]:
    """Numbers the narrative states in units ingestion keeps no record of (99.43分, 470平方米,
    1200人次), with the words before them as their subject, each with its paragraph."""
    out, seen = [], set()
    for c in chunks:
        for sent in clauses(c.text, "。；;！？"):
            for m in _MEASURE.finditer(sent):
                try:
                    v = Decimal(m.group(1).replace(",", "").replace("，", ""))
                except Exception:  # noqa: BLE001
                    continue
                unit = "平方米" if m.group(2) == "㎡" else "公里" if m.group(2) == "千米" else m.group(2)
                key = (sent.strip(), v, unit)
                if key in seen:
                    continue
                seen.add(key)
                clause = re.split(r"[，,；;：:。（(]", sent[:m.start()])[-1]
                out.append((StatedFact(f"{c.chunk_id}:m{len(out)}", doc_id, c.page, c.section, sent.strip(),
                                       clause.strip(), "measure", v, unit), c.section + c.text))
    return out