"""Questions on several rows of a table: the rows a column, an amount range or a name picks out,
the children of a row, sums over them (averages per person or item: assistant.averages)."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant import calculator as calc
from assistant.answer import Answer, refusal
from assistant.averages import AVERAGE
from assistant.citing import _name, _table_bonus, cite, strip_body
from assistant.conditions import above_average, amount_test, column_compare, column_condition, column_empty
from assistant.econ import ECON_CLASSES
from assistant.facts import is_total
from assistant.library import DocFacts
from assistant.listing import in_order
from assistant.quoted import quoted_lookup
from assistant.bodies import GENERIC_PLACES
from assistant.understand import Question, label_core
from ingest.model import TableFact

# words after a row's name that make it the parent of the rows asked about
UNDER_WIDE = r"下面|下属|之下|底下|下边|下级|里面|里边|里头|当中|之中"
UNDER_NARROW = r"里|中|下|包括|包含"
_DEMONSTRATIVE = r"(?:(?:那一|这一|那个|这个|整个|那|这)(?:类|款|项)?)?(?:科目|大类)?的?$"
_GENERIC = {"支出", "科目", "预算", "经费", "资金", "项目", "费用", "明细", "各项", "金额", "合计", "功能", "经济", "分类"}
# 'A加B，是否等于C？差多少': a sum checked against a total
GAP_WORDS = re.compile(r"(和|与|跟|同).{2,}?(相差|之差|差额|差距|差值|差了?多少|差了?几)|减去|减掉"
                       r"|(扣除|扣掉|刨去|刨除|去掉|除去).{2,}?(后|还剩|剩下|是|等于)")
def subject_level(text: str) -> int:
    """The 科目 level a question counts or ranks at: 7 项, 5 款, 3 类 (0 when it names none)."""
    deep = re.search(r"(?:具体|细|精确|细化|落)到(项|款|类)(?!目)", text)  # ('具体到项': the level named)
    if re.search(r"项级|项一级|哪.?项科目", text) or (deep and deep.group(1) == "项"):
        return 7
    if re.search(r"款级|款一级|哪.?款|几个款|多少个款", text) or (deep and deep.group(1) == "款"):
        return 5
    if re.search(r"类级|类一级|哪.?类|几个?类|多少个?类|大类|主要(花|用)在|个功能分类(?!科目)"
                 r"|[两二三四五六七八九十\d]大(?:功能|支出)?(?:分类|类)|[两二三四五六七八九十\d]个(?:功能)?类(?!项目)", text):
        return 3
    return 0


def main_column(df: DocFacts, table_no: int, word: str = "") -> str:
    """The column a table's amounts are read from: the one named by word, else its 合计 column."""
    info = next((t for t in df.tables if t.table_no == table_no), None)
    cols = list(info.columns) if info is not None else []
    cols += [f.column for f in df.facts if f.table_no == table_no and f.column not in cols]
    if word:
        hit = next((c for c in cols if word in c.split("/")[-1]), None) or next((c for c in cols if word in c), None)
        if hit:
            return hit
    filled = {f.column for f in df.facts if f.table_no == table_no and f.value is not None}
    for pat in (r"合计$|小计$", r"金额$|预算数$|决算数$|本年支出合计$|指标值$"):
        hit = next((c for c in cols if c in filled and re.search(pat, c.split("/")[-1])), None)
        if hit:
            return hit
    return next((c for c in cols if c in filled), "")


class RowSets:
    """Mixed into Engine (through Operations): answers over a set of rows of one table."""

    # -- finding the rows ----------------------------------------------------------------
    def _parent_loose(self, q: Question, df: DocFacts, narrow: str = UNDER_NARROW) -> TableFact | None:
        """The row a question asks about the rows under, named in full or in part ('养老那一款下面',
        '城乡社区管理事务下面', '商品和服务支出哪一项'); a part of a name needs a wide marker (下面, 里面)."""
        flat = re.sub(r"\s", "", q.text)
        for code in q.codes:
            # '司法这块（20406）下面', '204 06下面': the row whose 科目编码 the question gives
            if len(code) in (3, 5) and re.search(re.escape(code) + r"(?:类|款|项)?[）)]?(?:(?:这|那)一?(?:类|款|项)?)?(?:科目)?(?:"
                                                 + UNDER_WIDE + "|" + narrow + ")", flat):
                coded = [f for f in df.facts if f.subject_code == code and f.value is not None and self._children(df, f)]
                if coded:
                    return max(coded, key=lambda f: (_table_bonus(f.table_title), -f.table_no))
        text = strip_body(re.sub(r"20\d\d\s*年度?", " ", q.text), df.document)
        text = re.sub(r"[“”\"‘’'「」《》]", "", text)  # ('“司法”款下面': a quoted name is still the name)
        text = re.sub(r"[（(](类|款|项)[）)]", r"\1", text)  # ('司法（款）下各项')
        text = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:这|那)一?块", "", text)  # ('司法这块下面')
        for p in GENERIC_PLACES:
            text = text.replace(p, " ")
        rows = [f for f in df.facts if f.value is not None and (f.subject_code or label_core(f.row_label) in _ECON)]
        if not rows:
            return None
        best, best_key = None, None
        for m in re.finditer(f"({UNDER_WIDE})|({narrow})", text):
            wide = bool(m.group(1))
            run = re.findall(r"[\u4e00-\u9fff]+(?=[，,]?$)", text[:m.start()])  # ('商品和服务那块，哪一样')
            if not run:
                continue
            level_word = re.search(r"(?:那一|这一|那个|这个|整个|那|这)(类|款|项)(?:科目|大类)?的?$", run[0]) or \
                re.search(r"(?<=[\u4e00-\u9fff]{2})(类|款)(?:科目|支出)?的?$", run[0])  # ('司法款下面', '司法类支出中': the row named 司法)
            head = re.sub(r"(?:的)?(?:明细|各项|细项|具体科目)$", "", re.sub(_DEMONSTRATIVE, "", run[0]))
            if level_word and level_word.group(0) == run[0][-len(level_word.group(0)):] and head == run[0]:
                head = run[0][: -len(level_word.group(0))]
            for i in range(len(head) - 1):
                part = head[i:]
                if part in _GENERIC or len(part) < 2:
                    continue
                exact = [f for f in rows if label_core(f.row_label) == part] or \
                    [f for f in rows if len(part) >= 4 and re.sub(r"(支出|经费)$", "", label_core(f.row_label)) == part]
                # ('工资福利里': the row named without its closing 支出)
                loose = [f for f in rows if part in label_core(f.row_label)] if wide or level_word else []
                found = exact or loose
                if not found:
                    continue
                want = {"类": 3, "款": 5, "项": 7}.get(level_word.group(1), 0) if level_word else 0
                for f in found:
                    has_kids = bool(self._children(df, f))
                    key = (bool(exact), not want or len(f.subject_code) == want, has_kids,
                           -len(label_core(f.row_label)), _table_bonus(f.table_title) + _econ_bonus(f), -f.table_no)
                    if best_key is None or key > best_key:
                        best, best_key = f, key
                break  # the longest part that names a row
        if best is not None and not best_key[2]:
            return None
        return best

    def _kid_cells(self, df: DocFacts, parent: TableFact, word: str = "") -> list[TableFact]:
        """The children's cells in the column the question reads (word) or the table's 合计 column."""
        col = main_column(df, parent.table_no, word)
        return [f for f in self._children(df, parent) if f.column == col]

    def _project_rows(self, df: DocFacts) -> list[TableFact]:
        """The rows of the 项目支出 table, one cell each (its first column)."""
        doc = df.document
        pool = [f for f in df.facts if "项目" in f.table_title and "绩效" not in f.table_title
                and f.value is not None and f.unit in calc.UNITS_IN_YUAN and not is_total(label_core(f.row_label))
                and label_core(f.row_label) != label_core(doc.department)]
        if not pool:
            return []
        col = pool[0].column
        return [f for f in pool if f.column == col and f.table_no == pool[0].table_no]

    # -- counts ----------------------------------------------------------------------------
    def count_subjects(self, q: Question, df: DocFacts, level: int, summed: bool = False) -> Answer | None:
        """The 科目 of one level with an amount, narrowed to a column's non-zero cells ('有基本支出的'),
        an amount range or a parent row ('一般公共服务支出下面'); counted, or summed when asked."""
        doc = df.document
        word = column_condition(q.text)
        pool = [f for f in df.facts if len(f.subject_code) == level and f.value is not None]
        if word:
            pool = [f for f in pool if word in f.column]
        tables = sorted({f.table_no for f in pool}, key=lambda n: (-_table_bonus(
            next(x.table_title for x in pool if x.table_no == n)), n))
        if not tables:
            return None
        t0 = tables[0]
        col = main_column(df, t0, word)
        cells = [f for f in pool if f.table_no == t0 and f.column == col]
        parent = self._parent_loose(q, df)
        if parent is not None and parent.subject_code and len(parent.subject_code) < level:
            same = [f for f in df.facts if f.table_no == t0 and f.subject_code == parent.subject_code]
            if same or parent.table_no == t0:
                cells = [f for f in cells if f.subject_code.startswith(parent.subject_code)]
        test = amount_test(q.text)
        cells = [f for f in cells if f.value and (test is None or test[0](f.value, f.unit))]
        extra = ""
        vs = column_compare(q.text)
        if vs:  # ('基本支出比项目支出多的项级科目有几个'): each row's two cells, a blank one read as 0
            a_col, b_col, more = vs
            row_cells = {(f.row_no, f.column.split("/")[-1]): f.value for f in df.facts if f.table_no == t0 and f.value is not None}
            if not {a_col, b_col} <= {c for _, c in row_cells}:
                return None
            zero = Decimal(0)
            cells = [f for f in cells if (row_cells.get((f.row_no, a_col), zero) > row_cells.get((f.row_no, b_col), zero)) == more
                     and row_cells.get((f.row_no, a_col), zero) != row_cells.get((f.row_no, b_col), zero)]
            extra = f"{a_col}{'多于' if more else '少于'}{b_col}"
        above = above_average(q.text)
        if above is not None and cells:  # ('高于各类平均数的有几类'): the mean of the rows counted, shown
            mean = calc.per_item(calc.Operand(sum(f.value for f in cells), cells[0].unit, None, "合计"),
                                 calc.Operand(Decimal(len(cells)), "个", None, "科目数"))
            cells = [f for f in cells if (f.value > mean.result if above else f.value < mean.result)]
            extra = f"{'高于' if above else '低于'}平均数（{mean.expression}）"
        empty = column_empty(q.text) if not word else ""
        if empty:
            # '完全没有基本支出、全部是项目支出的类级科目': rows whose cell in that column is 0 or blank
            held = {(f.table_no, f.row_no) for f in df.facts if f.table_no == t0 and f.value
                    and empty in f.column.split("/")[-1]}
            if not any(empty in f.column.split("/")[-1] for f in df.facts if f.table_no == t0):
                return None  # (the table has no such column: nothing to read as empty)
            cells = [f for f in cells if (f.table_no, f.row_no) not in held]
        codes: dict[str, TableFact] = {}
        for f in cells:
            codes.setdefault(f.subject_code, f)
        if not codes and not (word or test):
            return None
        if summed:  # '有项目支出的科目合计多少钱': the sum of those cells, each cited
            if not codes:
                return None
            c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in codes.values()])
            lvl = "项" if level == 7 else "款" if level == 5 else "类"
            return self._finish(q, doc, c.result, c.unit, list(c.inputs), c,
                                f"“{col.split('/')[-1]}”不为零的{len(codes)}个{lvl}级科目（{col.split('/')[-1]}栏）合计"
                                if word else f"{len(codes)}个{lvl}级科目合计", "sum")
        n = Decimal(len(codes))
        first = next(iter(codes.values()), None) or next(f for f in df.facts if f.table_no == t0)
        lvl = "项" if level == 7 else "款" if level == 5 else "类"
        cond = "".join(x for x in (f"“{col.split('/')[-1]}”不为零" if word else "", f"“{empty}”为零" if empty else "",
                                   f"金额{test[1]}" if test else "", extra) if x) or "有金额"
        names = "、".join(f"{f.row_label}（{f.value}）" for f in codes.values())
        return Answer(text=f"{_name(doc)}《{first.table_title}》中{cond}的{lvl}级科目共 {n} 个"
                           f"{'：' + names if names else ''}。来源：《{doc.source}》第{first.page}页。",
                      value=n, unit="个", citations=[cite(doc, f) for f in codes.values()], kind="count")

    def _column_leaves(self, q: Question, df: DocFacts) -> list[TableFact]:
        """'公用经费里超过五万元的明细科目': the 基本支出 table's rows with a cell in the column named
        before 里/中/下面 (公用经费, 人员经费), rows that have rows under them left out."""
        m = re.search(r"(人员经费|公用经费)(?:那一?[栏列块])?(?:" + UNDER_WIDE + "|" + UNDER_NARROW + ")", q.text)
        if not m:
            return []
        for t in sorted(df.tables, key=lambda t: -_table_bonus(t.title)):
            col = next((c for c in t.columns if c.split("/")[-1] == m.group(1)), None)
            if col is None:
                continue
            cells = [f for f in df.facts if f.table_no == t.table_no and f.column == col and f.value
                     and not is_total(label_core(f.row_label))]
            codes = {f.subject_code for f in cells if f.subject_code}
            leaves = [f for f in cells if label_core(f.row_label) not in ECON_CLASSES and not (
                f.subject_code and any(c != f.subject_code and c.startswith(f.subject_code) for c in codes))]
            if leaves:
                return leaves
        return []

    def count_children(self, q: Question, df: DocFacts, parent: TableFact | None = None) -> Answer | None:
        """'商品和服务支出下面列了几个明细科目', '…里超过100万元的明细有几个': the rows one level below
        the named row (with an amount, in the column and range the question gives)."""
        if not re.search(r"(几|多少)(个|项|款|类|条|行)?", q.text):
            return None
        parent = parent or self._parent_loose(q, df)
        cells = self._kid_cells(df, parent, column_condition(q.text)) if parent is not None else self._column_leaves(q, df)
        if parent is None and cells:
            parent = next(f for f in df.facts if f.table_no == cells[0].table_no and f.column == cells[0].column
                          and is_total(label_core(f.row_label)))
        if parent is None:
            return None
        doc = df.document
        test = amount_test(q.text)
        kids: dict[str, TableFact] = {}
        for f in sorted(cells, key=lambda f: f.row_no):
            if f.value and (test is None or test[0](f.value, f.unit)):
                kids.setdefault(f.subject_code if f.subject_code != parent.subject_code else label_core(f.row_label), f)
        if not kids and test is None:
            return None
        n = Decimal(len(kids))
        names = "、".join(f"{f.row_label}（{f.value}）" if test else f.row_label for f in kids.values())
        cond = f"金额{test[1]}的" if test else ""
        under = f"“{parent.column.split('/')[-1]}”栏" if is_total(label_core(parent.row_label)) else f"“{parent.row_label}”下"
        return Answer(text=f"{_name(doc)}《{parent.table_title}》中{under}{cond}明细科目共 {n} 个：{names}。"
                           f"来源：《{doc.source}》第{parent.page}页。",
                      value=n, unit="个", citations=[cite(doc, parent)] + [cite(doc, f) for f in kids.values()],
                      kind="count")

    # -- sums ------------------------------------------------------------------------------
    def children_sum(self, q: Question, df: DocFacts) -> Answer | None:
        """'养老那一款下面的项目合起来': the sum of the rows under a row, each cited."""
        test = amount_test(q.text)
        parent = self._parent_loose(q, df, narrow=r"下" if test is None else UNDER_NARROW + r"|科目|明细")
        if parent is None:
            return None
        cells = [f for f in self._kid_cells(df, parent, column_condition(q.text)) if f.value is not None]
        if len(cells) < 2 and not (cells and self._children(df, parent)):
            return None
        doc = df.document
        quoted = re.search(r"[“\"'‘「]([\u4e00-\u9fff]{2,20})[”\"'’」]|叫(?:做)?([\u4e00-\u9fff]{2,12}?)的", q.text)
        if quoted and parent.subject_code:
            # '201类下面所有叫“一般行政管理事务”的项': the rows of that name at any level below the parent
            name = label_core(quoted.group(1) or quoted.group(2))
            same = [f for f in df.facts if f.table_no == parent.table_no and f.column == cells[0].column and f.value is not None
                    and f.subject_code.startswith(parent.subject_code) and len(f.subject_code) > len(parent.subject_code)
                    and label_core(f.row_label) == name]
            if same and name != label_core(parent.row_label):
                cells = same
        if test is not None:
            # '工资福利里一百万以上的明细科目合计': only the rows the amount condition keeps
            cells = [f for f in cells if f.value and test[0](f.value, f.unit)]
            if not cells:
                return refusal(f"“{parent.row_label}”下金额{test[1]}的科目：没有（《{doc.source}》第{parent.page}页）")
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in cells])
        cond = f"金额{test[1]}的" if test else ""
        ans = self._finish(q, doc, c.result, c.unit, list(c.inputs), c,
                           f"“{parent.row_label}”下{cond}{len(cells)}个科目之和（{cells[0].column.split('/')[-1]}栏）", "sum")
        if test is not None:
            return ans
        own = next((f for f in df.facts if f.table_no == parent.table_no and f.row_no == parent.row_no
                    and f.column == cells[0].column), None)
        if own is not None and own.value is not None and calc.convert(own.value, own.unit, c.unit) != c.result:
            return Answer(text=ans.text + f"（表中“{parent.row_label}”一行印的是 {own.value}{own.unit}，与各项之和差 "
                                          f"{calc.q2(abs(calc.convert(own.value, own.unit, c.unit) - c.result))}{c.unit}）",
                          value=ans.value, unit=ans.unit, citations=ans.citations, calculation=ans.calculation, kind="sum")
        return ans

    def named_sum(self, q: Question, df: DocFacts) -> Answer | None:
        """'跟平安物资贸易有限公司有关的项目加起来', '所有遗属项目合计': every project whose name holds
        the words the question gives, summed."""
        if "项目" not in q.text and not re.search(r"[几各这那]几?项", q.text):  # ('把几项遗属加起来')
            return None
        pool = self._project_rows(df)
        if len(pool) < 2:
            return None
        chosen, applied = self._subset_info(q, pool)
        if not applied or len(chosen) < 2 or len(chosen) == len(pool):
            return None
        doc = df.document
        c = calc.total([calc.Operand(f.value, f.unit, cite(doc, f), label_core(f.row_label)) for f in chosen])
        return self._finish(q, doc, c.result, c.unit, list(c.inputs), c,
                            f"{len(chosen)}个项目（{'、'.join(f.row_label for f in chosen)}）合计", "sum")

    # -- differences worded without 比 --------------------------------------------------------
    def preempt(self, q: Question, df: DocFacts) -> Answer | None:
        """Operations the question's intent does not name: an average ('平均每人'), a difference
        worded '相差/差额/减去' ('工资福利支出和商品和服务支出相差多少')."""
        if AVERAGE.search(q.text):
            return self.average(q, df)
        if re.search(r"编外|不在编|非在编|编制外|编制以外|超编|超出编制|多于编制|(?:较|比)[^，,。？?]{0,8}编制[^，,。？?]{0,4}多", q.text) \
                and q.intent in ("count", "lookup", "diff"):
            return self.beyond_posts(q, df)  # type: ignore[attr-defined]
        if q.intent in ("lookup", "sum") and re.search(r"[\u4e00-\u9fff]{2,3}费", q.content):
            joined = self.joined_fees(q, df)  # type: ignore[attr-defined]
            if joined is not None:
                return joined
        if q.intent == "lookup" and (cell := quoted_lookup(q, df)) is not None:  # ('表上写97.73万，精确到元是多少')
            return self._finish(q, df.document, cell.value, cell.unit, [cite(df.document, cell)], None,  # type: ignore[attr-defined]
                                label_core(cell.row_label or cell.column))
        checked = self.check(q, df)  # type: ignore[attr-defined]  # 'A加B是否等于C', '说明里写的…和表里的对得上吗'
        if checked is not None:
            return checked
        if q.intent in ("lookup", "sum") and GAP_WORDS.search(q.text) and not (
                df.document.kind == "决算" and re.search(r"年初预算|预算数", q.text) and re.search(r"决算数|实际支出|支出决算", q.text)):
            return self.gap(q, df)  # (a 决算's 年初预算 and 决算数 of one item are two columns, never two rows)
        return None

    def gap(self, q: Question, df: DocFacts) -> Answer | None:
        """A − B for two rows a question joins with 和/与/跟 and asks the gap of, or writes 'A减去B'."""
        text = re.sub(r"(的)?(两个|两种|两项)?(口径)?(相差|之差|差额|差距|差值|差|是|为|等于|以后|之后|后|还剩|剩下|剩)+$", "",
                      q.content.strip())
        cuts = [m for m in re.finditer(r"减去|减掉|扣除|扣掉|刨去|刨除|去掉|除去|减|和|与|跟|同", text)]
        best, best_s = None, 0.0
        for m in cuts:
            a, b = text[:m.start()].strip(), text[m.end():].strip()
            if len(a) < 2 or len(b) < 2:
                continue
            scoped = re.search(r"(?:里|中|当中|里面|之中)的?\s*([^\s里中]{2,})$", a)
            if scoped and self._strength(q, df, scoped.group(1)) >= self._strength(q, df, a):
                a = scoped.group(1)  # '基本支出里的人头经费': the row after the place it is in
            strength = min(self._strength(q, df, a), self._strength(q, df, b))
            if strength > best_s:
                best, best_s = (a, b), strength
        if best is None or best_s < 4.0:
            return None
        pair = self._aligned(df, list(best))
        if not pair:
            return None
        x, y = pair
        if x.fact_id == y.fact_id or (x.table_no, x.row_no) == (y.table_no, y.row_no):
            # '人员经费和工资福利支出差了多少': a column's total against a row of the same table
            x, y = self._column_total(df, best[0], x) or x, self._column_total(df, best[1], y) or y  # type: ignore[attr-defined]
        if x.fact_id == y.fact_id:
            return None
        na, nb = self._side_name(best[0], x), self._side_name(best[1], y)  # type: ignore[attr-defined]
        c = calc.difference(calc.Operand(x.value, x.unit, cite(df.document, x), na),
                            calc.Operand(y.value, y.unit, cite(df.document, y), nb))
        ans = self._finish(q, df.document, abs(c.result), c.unit, list(c.inputs), c, f"{na}与{nb}之差", "diff")
        return self._made_of(df, x, y, ans) or self._made_of(df, y, x, ans) or ans  # type: ignore[attr-defined]


def label_run(df: DocFacts, text: str) -> list[str]:
    """Row names written one after another ('差旅费会议费培训费'): the labels that tile the text,
    longest first at each place, when they cover nearly all of it."""
    labels = {label_core(f.row_label) for f in df.facts if f.value is not None and len(label_core(f.row_label)) >= 2
              and not is_total(label_core(f.row_label))}
    out, i, covered = [], 0, 0
    while i < len(text):
        hit = max((lb for lb in labels if text.startswith(lb, i)), key=len, default="")
        j = text.find("费", i)
        if not hit and 2 <= j - i + 1 <= 4:
            # '物业费' for 物业管理费: the one fee whose name opens the same way and holds every character in order
            word = text[i:j + 1]
            short = [lb for lb in labels if lb.endswith("费") and lb.startswith(word[:2]) and in_order(word, lb)]
            if len(short) == 1:
                out.append(short[0])
                covered += len(word)
                i += len(word)
                continue
        if hit:
            out.append(hit)
            covered += len(hit)
            i += len(hit)
        else:
            i += 1
    return out if len(out) >= 2 and covered >= 0.8 * len(text) else []


def _econ_bonus(f: TableFact) -> float:
    return 0.5 if "经济" in f.table_title and label_core(f.row_label) in _ECON else 0.0


_ECON = {"工资福利支出", "商品和服务支出", "对个人和家庭的补助", "对个人和家庭补助", "资本性支出",
         "对企业补助", "对事业单位经常性补助", "对事业单位资本性补助", "债务利息及费用支出",
         "机关工资福利支出", "机关商品和服务支出", "机关资本性支出"}
