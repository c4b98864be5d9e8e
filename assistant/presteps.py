"""The forms of question answered as a whole before any lookup, in order: a quiz (choices, blanks,
statements), a figure with its meaning, the asker's own figure compared, one figure over three or more
bodies, items listed inside a named part, the gap
between a ranking's two ends, a what-if, a quoted claim, percentage points between two shares, an amount per period or unit, a
part left out. Each step returns None when the question is not of its form."""
from __future__ import annotations

from assistant.answer import Answer
from assistant.claims import split_claim
from assistant.exclusion import excluding


class PreSteps:
    """Mixed into Engine: before_lookup() tries each whole-question form in turn."""

    def before_lookup(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        steps = (
            self.quizzed,             # 'A.… B.… C.…', '判断：…（对/错）'  # type: ignore[attr-defined]
            self.figure_and_meaning,  # '名词解释里说X是什么？…有多少？'  # type: ignore[attr-defined]
            self.compared_with_own,   # '我们局三公是20万，…比我们多多少'  # type: ignore[attr-defined]
            self.across_many,         # 'A、B、C这三家的三公经费加起来'  # type: ignore[attr-defined]
            self.across_items,        # '政府采购里，货物、工程、服务哪一块最多'  # type: ignore[attr-defined]
            self.between_ends,        # '最大的项目和最小的项目差了多少'  # type: ignore[attr-defined]
            self.scenario,            # '三公经费要是压减10%，能省下多少'  # type: ignore[attr-defined]
            self._claim_checked,      # '有报道称…20个。这个说法多报了几个？'
            self.asked_then_checked,  # 'A加B是多少？跟C对得上吗？'  # type: ignore[attr-defined]
            self.asked_then_compared,  # 'X一共多少，是不是比2024年少了？'  # type: ignore[attr-defined]
            self.two_asked,           # '局里实际在岗多少人？编制多少'  # type: ignore[attr-defined]
            self.points,              # '人员经费占比比公用经费占比高几个百分点'  # type: ignore[attr-defined]
            self.of_last_year,        # '预算盘子只有上年的几成'  # type: ignore[attr-defined]
            self.per_unit,            # '平均每个月多少元', '平均到每个股室是多少万元'  # type: ignore[attr-defined]
            self._left_out,           # '剔除行政运行以后还有多少', '除了X以外…占比'
        )
        for step in steps:
            ans = step(question, context, scope)
            if ans is not None:
                return ans
        return None

    def _claim_checked(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """A quoted claim: the documents' figure, never the claim's."""
        claim = split_claim(question)
        return self._claimed(claim, context, scope) if claim is not None else None  # type: ignore[attr-defined]

    def _left_out(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """A part left out (not while a ranking without a part is being asked: no recursion)."""
        return None if excluding() else self.excluded(question, context, scope)  # type: ignore[attr-defined]
