"""Audit rules across tables, on 绩效 forms, on the narrative's numbers against the tables, and on its form."""
from __future__ import annotations

import bisect
import difflib
import re
from decimal import Decimal

from assistant.answer import Citation
from assistant.audit import (TOL, Ctx, Finding, Row, Table, all_gpb, balance_sides, code_groups, convert, fmt,
                             gpb_table, grand_row, half_ulp, is_econ, is_total, pair_check, severity_of,
                             spend_table, sum_check, total_label, verdict)

FORM_TOL = Decimal("0.05")  # 万元: a 绩效目标表 states 元, the 项目支出表 rounds to 万元
PCT_TOL = Decimal("0.01")   # percentage points, beyond the rounding of the numbers in the sentence
_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_UP = ("增加", "增长", "上升", "提高")


def _d(raw: str) -> Decimal:
    return Decimal(raw.replace(",", ""))


def _w(v: Decimal) -> str:
    return fmt(v.quantize(Decimal("0.01")))


# -- across tables ---------------------------------------------------------------------------
def check_across(ctx: Ctx) -> list[Finding]:
    """收入总计 = 支出总计; 支出总表 = 一般公共预算支出表 (all funds 一般公共预算); 经济分类 合计 = 基本支出."""
    out = []
    for t in ctx.tables:
        sides, grand = balance_sides(t), grand_row(t)
        if sides and grand is not None:
            spent = grand if grand.val(sides[1]) is not None else next(
                (r for r in t.rows if re.sub(r"\s", "", r.label) == "支出总计"), grand)
            out.append(pair_check(ctx, "收入总计≠支出总计", (t, spent, sides[1]), (t, grand, sides[0])))
    s, g, same = spend_table(ctx), gpb_table(ctx), all_gpb(ctx)
    if s is not None and g is not None and s is not g and same:
        g_tops = {r.code: r for r in code_groups(g)[0]}
        rows = [(s.total_row(), g.total_row())] + [(r, g_tops[r.code]) for r in code_groups(s)[0] if r.code in g_tops]
        for rs, rg in rows:
            for lasts in (("合计", "本年支出合计"), ("基本支出",), ("项目支出",)):
                if rs is not None and rg is not None and s.col(*lasts) and g.col(*lasts):
                    out.append(pair_check(ctx, "支出总表与一般公共预算支出表不一致",
                                          (s, rs, s.col(*lasts)), (g, rg, g.col(*lasts))))
    econ = next((t for t in ctx.tables if is_econ(t) and t.total_row() is not None and t.col("合计")), None)
    ref = g if econ is not None and "一般公共预算" in econ.title and not same else s
    if econ is not None and ref is not None and ref.total_row() is not None and ref.col("基本支出"):
        out.append(pair_check(ctx, "经济分类合计≠基本支出", (econ, econ.total_row(), econ.col("合计")),
                              (ref, ref.total_row(), ref.col("基本支出"))))
    return [f for f in out if f]


# -- 项目支出表 and 绩效目标表 ------------------------------------------------------------------
def form_table(ctx: Ctx, info) -> Table:
    """A 绩效目标 form as a one-column table: one row per label → value pair."""
    facts = [f for f in ctx.df.facts if f.table_no == info.table_no]
    return Table(info, [Row(i, f.row_label, "", f.page, {"指标值": f}) for i, f in enumerate(facts)], ["指标值"])


def _norm(s: str) -> str:
    return re.sub(r"\s", "", s.translate(str.maketrans("（）【】—，：", "()[]-,:")))


def check_forms(ctx: Ctx) -> list[Finding]:
    """项目支出表 合计 = Σ 项目; 项目 = 其绩效目标表 年度资金总额; 整体绩效目标表 合计 = 支出总表 合计."""
    out: list[Finding] = []
    forms: dict[str, tuple[Table, Row]] = {}
    wholes = []
    for info in ctx.df.tables:
        ft = form_table(ctx, info) if "绩效目标" in info.title else None
        want = "合计" if ft and "整体" in info.title else "年度资金总额"
        row = next((r for r in ft.rows if r.label == want and r.val("指标值") is not None), None) if ft else None
        if row is not None and want == "合计":
            wholes.append((ft, row))
        elif row is not None:
            forms[_norm(info.title.split("：", 1)[-1])] = (ft, row)
    for t in ctx.tables:
        if "项目支出" not in t.title or any(w in t.title for w in ("功能", "经济", "总表")):
            continue
        col = t.money[0]
        totals: list[Row] = []  # the 部门 row, then its 单位 rows while they repeat the total
        for r in t.rows:
            if not (is_total(r) or r.label == ctx.df.document.department
                    or (totals and r.val(col) is not None and r.val(col) == totals[0].val(col))):
                break
            totals.append(r)
        projects = t.rows[len(totals):]
        if totals and projects:
            out.append(sum_check(ctx, "项目支出表合计≠各项目之和", t, totals[0], col, projects, "各项目"))
        for r in projects:
            name = _norm(r.label)
            close = [name] if name in forms else difflib.get_close_matches(name, list(forms), n=2, cutoff=0.8)
            if len(close) == 1 and col in r.cells:
                ft, fr = forms.pop(close[0])
                out.append(pair_check(ctx, "项目金额≠绩效目标表年度资金总额", (t, r, col), (ft, fr, "指标值"),
                                      convert(FORM_TOL, "万元", t.unit), half_ulp(r.cells[col].raw)))
    s = spend_table(ctx)
    c = s.col("合计", "本年支出合计") if s is not None else None
    for ft, row in wholes:
        if c and s.total_row() is not None:
            out.append(pair_check(ctx, "整体绩效目标资金总额≠支出总表合计", (ft, row, "指标值"), (s, s.total_row(), c)))
    return [f for f in out if f]


# -- the narrative ---------------------------------------------------------------------------
class Text:
    """All narrative chunks joined (one paragraph per line), with the page of every offset."""

    def __init__(self, df):
        self.starts, self.pages, pos = [], [], 0
        for c in df.chunks:
            self.starts.append(pos)
            self.pages.append(c.page)
            pos += len(c.text) + 1
        self.s = "\n".join(c.text for c in df.chunks)

    def page(self, i: int) -> int:
        """The page the character at offset i is on."""
        return self.pages[max(bisect.bisect_right(self.starts, i) - 1, 0)] if self.pages else 0

    def sentence(self, i: int) -> str:
        """The sentence around offset i."""
        a = max(self.s.rfind(x, 0, i) for x in "。；！？\n") + 1
        ends = [e for e in (self.s.find(x, i) for x in "。；！？\n") if e >= 0]
        return self.s[a:(min(ends) + 1 if ends else len(self.s))].strip()

    def finding(self, ctx: Ctx, i: int, sev: str, rule: str, msg: str, values: dict, expected: str = "",
                difference: str = "", quote: str = "") -> Finding:
        """A finding about the sentence at offset i, cited by its page and words."""
        p = self.page(i)
        cite = Citation(ctx.df.document.doc_id, ctx.doc, p, quote=quote or self.sentence(i))
        return Finding(sev, rule, (p,), msg, values, expected, difference, (cite,), ctx.doc)


_CHANGE_AB = re.compile(r"(\d{4})年[^，,。；\d]*?" + _NUM + r"万元[，,]\s*(\d{4})年[^，,。；\d]*?" + _NUM
                        + r"万元[，,][^。；]*?(增加|减少|增长|下降|上升|降低)" + _NUM + r"[%％]")
_CHANGE_D = re.compile(_NUM + r"万元[，,]\s*(?:比|较)(?:上年|上一年|\d{4}年)[^，,。；\d]*?(增加|减少)" + _NUM
                       + r"万元[，,]\s*(?:增长|下降|增加|减少|上升|降低)" + _NUM + r"[%％]")


def check_changes(ctx: Ctx, txt: Text, skip: set[tuple[int, str]]) -> list[Finding]:
    """A stated % change recomputed from the old and new amounts (or the change) in its sentence."""
    out = []
    for m in _CHANGE_AB.finditer(txt.s):
        y1, a, y2, b, word, p = m.groups()
        if int(y1) < int(y2) and (txt.page(m.start()), b) not in skip:
            out.append(_pct(ctx, txt, m.start(), _d(p) * (1 if word in _UP else -1), half_ulp(p),
                            (_d(a), half_ulp(a)), (_d(b), half_ulp(b)), word,
                            {f"{y1}年金额": a + "万元", f"{y2}年金额": b + "万元", "所述变动": word + p + "%"}))
    for m in _CHANGE_D.finditer(txt.s):
        b, word, dd, p = m.groups()
        first = re.search(_NUM + r"万元", txt.sentence(m.start()))
        sign = 1 if word == "增加" else -1
        # '…总计X万元，其中…上年结转0万元，比上年减少D万元': the change may belong to the first amount
        found = [_pct(ctx, txt, m.start(), _d(p) * sign, half_ulp(p), (_d(raw) - sign * _d(dd), half_ulp(raw)
                      + half_ulp(dd)), (_d(raw), half_ulp(raw)), word,
                      {"本年金额": raw + "万元", "增减额": word + dd + "万元", "所述变动": p + "%"})
                 for raw in dict.fromkeys([b] + ([first.group(1)] if first else []))]
        out += found[:1] if all(found) else []
    return [f for f in out if f]


def _pct(ctx, txt, i, stated, slack, old, new, word, values) -> Finding | None:
    lo_o, hi_o, lo_n, hi_n = old[0] - old[1], old[0] + old[1], new[0] - new[1], new[0] + new[1]
    if lo_o <= 0:
        return None
    cands = [(n - o) / o * 100 for o in (lo_o, hi_o) for n in (lo_n, hi_n)]
    if min(cands) - slack <= stated <= max(cands) + slack:
        return None
    computed = ((new[0] - old[0]) / old[0] * 100).quantize(Decimal("0.01"))
    diff = stated - computed
    wrong_way = computed != 0 and (computed > 0) != (stated > 0)
    msg = (f"文字称由 {fmt(old[0])}万元 到 {fmt(new[0])}万元「{word}{fmt(abs(stated))}%」，按所列金额计算为 "
           f"{'+' if computed > 0 else ''}{fmt(computed)}%"
           + (f"（实为{'增加' if computed > 0 else '减少'}，方向词「{word}」不符）" if wrong_way else "")
           + f"，相差 {fmt(diff)} 个百分点，超出容差（所列数字的四舍五入 + {fmt(PCT_TOL)} 个百分点）。")
    return txt.finding(ctx, i, "note" if abs(diff) <= slack + PCT_TOL else "error", "增减百分比与所列金额不符",
                       msg, {**values, "按所列金额计算": fmt(computed) + "%"}, fmt(computed) + "%", fmt(diff))


_SHARE = re.compile(r"([\u4e00-\u9fff]*)" + _NUM + r"万元[，,]\s*占" + _NUM + r"[%％]")


def check_shares(ctx: Ctx, txt: Text, refs: dict[str, Decimal]) -> list[Finding]:
    """'X万元，占P%' against the paragraph's first (total) amount — for 基本/项目支出, the tables' totals."""
    out = []
    for m in _SHARE.finditer(txt.s):
        subject, part, p = m.groups()
        start = txt.s.rfind("\n", 0, m.start()) + 1
        first = re.search(_NUM + r"万元", txt.s[start:m.start() + 1])
        if not first or start + first.start(1) == m.start(2):
            continue
        v, base, sv, sb = _d(part), _d(first.group(1)), half_ulp(part), half_ulp(first.group(1))
        k = next((k for k in ("基本支出", "项目支出") if subject.endswith(k) and k in refs and "合计" in refs), "")
        if k:
            v, base, sv, sb = refs[k], refs["合计"], Decimal(0), Decimal(0)
        stated, slack = _d(p), half_ulp(p)
        cands = [(v + a) / (base + b) * 100 for a in (-sv, sv) for b in (-sb, sb)] if base > sb else []
        if not cands or min(cands) - slack <= stated <= max(cands) + slack:
            continue
        computed = (v / base * 100).quantize(Decimal("0.01"))
        msg = (f"文字称「{subject}{part}万元，占{p}%」，按 {fmt(v)} ÷ {fmt(base)}{'（表格数）' if k else ''} 计算占比为 "
               f"{fmt(computed)}%，相差 {fmt(stated - computed)} 个百分点（容差：四舍五入 + {fmt(PCT_TOL)} 个百分点）。")
        sev = "note" if abs(stated - computed) <= slack + PCT_TOL else "error"
        out.append(txt.finding(ctx, m.start(), sev, "占比与金额不符", msg, {"金额": fmt(v) + "万元", "总额": fmt(base)
                               + "万元", "所述占比": p + "%"}, fmt(computed) + "%", fmt(stated - computed)))
    return out


_TOTALS = (("收入", re.compile(r"(收入预算|预算收入|收入总计|收入支出总计)$")), ("合计", re.compile(r"(支出预算|预算支出|支出总计|部门预算资金)$")),
           ("基本支出", re.compile(r"基本支出$")), ("项目支出", re.compile(r"项目支出$")))
_NOT_TOTAL = ("拨款", "基金", "国有资本", "专户", "单位资金", "事业", "结转", "其他", "采购", "三公", "运行", "当年")


def table_refs(ctx: Ctx, gpb: bool = False) -> dict[str, Decimal]:
    """收入/合计/基本支出/项目支出 totals in 万元 from the 支出总表 (or 一般公共预算支出表) and 收支总表."""
    refs: dict[str, Decimal] = {}
    # a 支出总表 whose 合计 row was misread can be stood in for by an identical 一般公共预算 table
    ts = [gpb_table(ctx)] if gpb else [spend_table(ctx)] + ([gpb_table(ctx)] if all_gpb(ctx) else [])
    t = next((t for t in ts if t is not None and t.total_row() is not None), None)
    for k, lasts in (("合计", ("合计", "本年支出合计")), ("基本支出", ("基本支出",)), ("项目支出", ("项目支出",))):
        c, r = (t.col(*lasts), t.total_row()) if t is not None else (None, None)
        if c and r is not None and r.val(c) is not None:
            refs[k] = convert(r.val(c), t.unit, "万元")
    for b in ctx.tables if not gpb else []:
        sides, grand = balance_sides(b), grand_row(b)
        if sides and grand is not None and grand.val(sides[0]) is not None:
            refs.setdefault("收入", convert(grand.val(sides[0]), b.unit, "万元"))
    return refs


def check_stated_totals(ctx: Ctx, refs: dict[str, Decimal]) -> list[Finding]:
    """收入预算/支出预算 totals, 基本支出 and 项目支出 stated in the text against the tables."""
    out, gpb = [], table_refs(ctx, gpb=True) if not all_gpb(ctx) else refs
    for s in ctx.df.stated:
        subject = re.split(r"[，,；;：:。]", s.subject)[-1].strip()
        k = next((k for k, rx in _TOTALS if rx.search(subject)), None)
        ref = (gpb if "一般公共预算" in subject else refs).get(k) if k else None
        if s.kind != "amount" or s.unit not in ("万元", "元", "亿元") or ref is None \
                or any(w in subject for w in _NOT_TOTAL):
            continue
        raw = re.search(re.escape(subject) + r"\s*" + _NUM, s.sentence)
        diff = convert(s.value, s.unit, "万元") - ref
        if (sev := severity_of(diff, TOL, convert(half_ulp(raw.group(1)) if raw else TOL / 2, s.unit, "万元"))):
            where = "收支总表 收入总计" if k == "收入" else f"支出总表 {k}"
            msg = (f"第{s.page}页文字「{subject}{fmt(s.value)}{s.unit}」与{where}（{_w(ref)}万元）不一致，"
                   f"{verdict(sev, diff, '万元', TOL)}")
            out.append(Finding(sev, "文字金额与表格不一致", (s.page,), msg, {"文字": f"{subject}{fmt(s.value)}{s.unit}",
                               where: _w(ref) + "万元"}, _w(ref), fmt(diff),
                               (Citation(ctx.df.document.doc_id, ctx.doc, s.page, quote=s.sentence),), ctx.doc))
    return out


_ITEM = re.compile(r"([\u4e00-\u9fff]+)（(\d{3})?类）([\u4e00-\u9fff]+)（\d{0,2}款）([\u4e00-\u9fff]+)（\d{0,2}项）”?"
                   r"(?:科目)?" + _NUM + r"万元")
_LEI = re.compile(r"([\u4e00-\u9fff]+)（(\d{3})类）")


def resolve(t: Table, lei: str, code: str | None, kuan: str, xiang: str) -> tuple[Row | None, str]:
    """The row a 类/款/项 path names (by 类 code or name, then 款 and 项 names), or None and the missing name."""
    tops = code_groups(t)[0]
    body = [r for r in t.rows if not total_label(r)]
    head = next((r for r in tops if (r.code == code if code else r.label == lei)), None)
    if head is None:
        return None, f"{lei}（类）"
    at = body.index(head)
    run = body[at + 1:min([body.index(r) for r in tops if body.index(r) > at] or [len(body)])]
    k = next((i for i, r in enumerate(run) if r.label == kuan), None)
    if k is None:
        return None, f"{kuan}（款）"
    x = next((r for r in run[k + 1:] if r.label == xiang), run[k] if kuan == xiang else None)
    return x, "" if x is not None else f"{xiang}（项）"


def check_items(ctx: Ctx, txt: Text) -> list[Finding]:
    """'类（款）项 N万元' items: names as in the tables, N as in the tables and as restated below."""
    out: list[Finding] = []
    heads: dict[str, set[str]] = {}
    for tb in ctx.tables:
        for r in code_groups(tb)[0]:
            if len(r.code) == 3 and not r.label.isdigit() and not total_label(r):
                heads.setdefault(r.code, set()).add(r.label)
    for m in _LEI.finditer(txt.s):
        name, code = m.groups()
        if code in heads and name not in heads[code]:
            shown = "、".join(sorted(heads[code]))
            out.append(txt.finding(ctx, m.start(), "warning", "科目名称文字与表格不一致",
                                   f"文字中 {code} 类写作「{name}」，表格中 {code} 类名称为「{shown}」。",
                                   {"文字": f"{name}（{code}类）", "表格": shown}, shown))
    t = gpb_table(ctx) or spend_table(ctx)
    col = t.col("合计", "本年支出合计") if t is not None else None
    items = list(_ITEM.finditer(txt.s)) if col else []
    for n, m in enumerate(items):
        lei, code, kuan, xiang, amount = m.groups()
        row, missing = resolve(t, lei, code, kuan, xiang)
        a = _d(amount)
        if missing and not (code in heads and lei not in heads[code]):
            out.append(txt.finding(ctx, m.start(), "warning", "科目名称文字与表格不一致",
                                   f"文字中的科目「{lei}/{kuan}/{xiang}」在《{t.title}》中找不到「{missing}」。",
                                   {"文字科目": f"{lei}/{kuan}/{xiang}"}, quote=m.group(0)))
        tv = convert(row.val(col), t.unit, "万元") if row is not None and row.val(col) is not None else None
        if tv is not None and (sev := severity_of(a - tv, TOL, half_ulp(amount))):
            msg = (f"文字「{xiang}（项）{amount}万元」与《{t.title}》第{row.page}页「{row.name()}」{fmt(row.val(col))}"
                   f"{t.unit}（{_w(tv)}万元）不一致，{verdict(sev, a - tv, '万元', TOL)}")
            out.append(txt.finding(ctx, m.start(), sev, "文字金额与表格不一致", msg, {"文字": amount + "万元", "表格":
                                   fmt(row.val(col)) + t.unit}, _w(tv), fmt(a - tv), m.group(0)))
        end = items[n + 1].start() if n + 1 < len(items) else min(len(txt.s), m.end() + 600)
        later = re.search(r"预算安排" + _NUM + r"万元", txt.s[m.end():end])
        b = later.group(1) if later else ""
        if b and (sev := severity_of(a - _d(b), TOL, max(half_ulp(amount), half_ulp(b)))):
            i = m.end() + later.start()
            # which of the two figures does the stated % change agree with?
            ch, agree = _CHANGE_AB.search(txt.s, i - 40, end), ""
            if ch and ch.group(4) == b and _pct(ctx, txt, i, _d(ch.group(6)) * (1 if ch.group(5) in _UP else -1),
                                                half_ulp(ch.group(6)), (_d(ch.group(2)), half_ulp(ch.group(2))),
                                                (a, half_ulp(amount)), "", {}) is None:
                agree = f"；所述「{ch.group(5)}{ch.group(6)}%」与 {amount}万元 相符，{b}万元 疑误"
            msg = (f"同一科目「{xiang}」开头写 {amount}万元，后文写「预算安排{b}万元」"
                   + (f"，表格为 {_w(tv)}万元" if tv is not None else "") + agree
                   + f"；{verdict(sev, a - _d(b), '万元', TOL)}")
            values = {"开头金额": amount + "万元", "预算安排": b + "万元"}
            values.update({"表格": _w(tv) + "万元"} if tv is not None else {})
            out.append(txt.finding(ctx, i, sev, "同一项目金额前后不一致", msg, values, amount, fmt(a - _d(b))))
    return out


# -- the narrative's form --------------------------------------------------------------------
_FORM = ((re.compile(r"([。，；！？、])\1+"), "连续重复标点", "「{0}」处标点重复"),
         (re.compile(r"[XＸ]{2,}|×{2,}|待填写|待补充|此处"), "占位符未替换", "文中留有占位符「{0}」"),
         (re.compile(r"原因(?:是|为)[：:]?\s*(?=[。；;])"), "句子未完成", "「{0}」之后没有写出原因"),
         (re.compile(r"原因(?:是|为)[：:]?[^。；！？，,：:\n]{1,80}(?=[：:\n]|\Z)"), "句末缺少句号",
          "「{0}」之后没有句号，下一句直接接续"))


def check_form(ctx: Ctx, txt: Text, warnings: list[str] | None) -> list[Finding]:
    """Doubled marks, placeholders, unfinished sentences, unbalanced “”, the report year as base year, blank pages."""
    out = [txt.finding(ctx, m.start(), "warning", rule, f"第{txt.page(m.start())}页：{what.format(m.group(0))}。",
                       {"原文": txt.sentence(m.start())}) for rx, rule, what in _FORM for m in rx.finditer(txt.s)]
    pos = 0
    for para in txt.s.split("\n"):
        # '“ ”' with spaces inside is a layout-scrambled text layer, not a typing slip
        if para.count("“") != para.count("”") and not re.search(r"“\s|\s”", para):
            i = pos + next((para.find(s) for s in re.split(r"(?<=[。；！？])", para) if s.count("“") != s.count("”")), 0)
            out.append(txt.finding(ctx, i, "warning", "引号不成对", f"第{txt.page(i)}页：左引号“{para.count('“')}个、"
                                   f"右引号”{para.count('”')}个，不成对。", {"原文": txt.sentence(i), "左引号": str(
                                       para.count("“")), "右引号": str(para.count("”"))}))
        pos += len(para) + 1
    doc = ctx.df.document
    hits = [m for m in re.finditer(r"(?:比|与|较)(\d{4})年", txt.s) if doc.kind == "预算" and int(m.group(1)) == doc.year]
    for page in sorted({txt.page(m.start()) for m in hits}):
        ms = [m for m in hits if txt.page(m.start()) == page]
        at = ms[0].start()
        msg = (f"第{page}页有 {len(ms)} 处把{doc.year}年预算与「{doc.year}年」比较（如「{txt.s[max(0, at - 14):at + 16]}」），"
               f"比较基期应为 {doc.year - 1}年。")
        out.append(txt.finding(ctx, ms[0].start(), "warning", "比较年份错误", msg,
                               {f"第{k + 1}处": txt.sentence(m.start()) for k, m in enumerate(ms)}, f"{doc.year - 1}年"))
    for p in blank_pages(ctx, warnings):
        out.append(Finding("warning", "空白页", (p,), f"第{p}页没有任何文字或表格内容，疑为多余的空白页，建议删除。",
                           {f"第{p}页": "无文字"}, "删除该页", "", (Citation(doc.doc_id, ctx.doc, p),), ctx.doc))
    return out


def blank_pages(ctx: Ctx, warnings: list[str] | None) -> list[int]:
    """Pages without text: from the ingest warnings, else pages no chunk, cell or titled table covers."""
    if not ctx.doc.lower().endswith(".pdf"):
        return []  # a text file's pages are inferred from its 目录, so an empty one is an artefact
    if warnings is not None:
        m = next((re.search(r"没有文字的页[^：]*：第([\d、]+)页", w) for w in warnings if "没有文字的页" in w), None)
        return [int(x) for x in m.group(1).split("、")] if m else []
    used = {c.page for c in ctx.df.chunks} | {f.page for f in ctx.df.facts}
    used |= {p for t in ctx.df.tables if t.title for p in t.pages}
    return [p for p in range(1, ctx.df.document.pages + 1) if p not in used]


def check_text(ctx: Ctx, warnings: list[str] | None = None) -> list[Finding]:
    """Every rule on the narrative: its numbers against the tables and each other, and its form."""
    txt, refs = Text(ctx.df), table_refs(ctx)
    items = check_items(ctx, txt)
    # a % change computed from an amount already shown to be wrong is the same defect, reported once
    skip = {(f.pages[0], f.values["预算安排"][:-2]) for f in items if "预算安排" in f.values}
    return (check_stated_totals(ctx, refs) + check_shares(ctx, txt, refs) + check_changes(ctx, txt, skip)
            + items + check_form(ctx, txt, warnings))
