"""The words people use for what the tables print (公车 → 公务用车, 人头费 → 人员经费), the contexts that
change a word's meaning (采购预算里买服务 is 政府采购服务), and terms alike in characters and apart in
meaning (政府购买服务, 政府采购)."""
from __future__ import annotations

import re
from functools import lru_cache

# words people use → the words printed in tables
SYNONYMS = {
    "三公经费": "“三公”经费", "三公": "“三公”经费", "公车": "公务用车", "车辆运行": "公务用车运行",
    "出国经费": "因公出国（境）费", "出国费": "因公出国（境）费", "接待费": "公务接待费", "招待费": "公务接待费", "招待客人": "公务接待费", "招待": "公务接待",
    "总收入": "收入总计", "收入总额": "收入总计", "总支出": "支出总计", "全年支出": "支出总计", "支出总额": "支出总计", "全部支出": "支出总计", "所有支出": "支出总计",
    "公积金": "住房公积金", "财政拨款收入": "财政拨款", "离退休经费": "离退休",
    "养老保险": "基本养老保险缴费", "社保就业": "社会保障和就业", "社保": "社会保障",
    "预算收入": "收入总计", "收入预算": "收入总计", "总收入预算": "收入总计",
    "总盘子": "支出总计 收入总计", "总规模": "支出总计 收入总计", "预算规模": "支出总计 收入总计", "总预算": "支出总计 收入总计", "预算总计": "支出总计", "预算总额": "支出总计 收入总计",
    "买公车": "公务用车购置费", "新买": "购置", "新购": "购置", "几辆车": "车辆", "买车": "公务用车购置", "公车购置": "公务用车购置费", "车辆购置": "公务用车购置",
    "公车运行": "公务用车运行费", "出国": "因公出国（境）费", "实际": "决算数", "年初预算": "预算数",
    "公务车": "公务用车", "购买": "购置费", "买": "购置费",
    "买服务": "政府购买服务", "购买服务": "政府购买服务", "采购预算": "政府采购预算", "采购额": "政府采购金额",
    "采购总额": "政府采购预算", "编制": "人员编制数", "服务类采购": "政府采购服务", "货物类采购": "政府采购货物", "工程类采购": "政府采购工程",
    "规上": "规模以上", "人头经费": "人员经费", "人头费": "人员经费",
    "出差": "差旅费", "开会": "会议费", "培训": "培训费", "养老金": "退休费", "退休金": "退休费", "小微企业": "小型和微型企业", "小微": "小型和微型", "中小微": "中小企业 小型和微型企业",
    "残保金": "残疾人就业保障金", "日常运转": "机关运行经费", "运转经费": "机关运行经费", "城联社": "城镇集体工业联合社", "国资经营": "国有资本经营", "群团": "群众团体", "处室": "内设机构", "年底": "年末", "科室": "内设机构", "部门设置": "内设机构", "医保": "医疗保险", "公务卡": "公务用车",
}
# where a synonym's word means something else: '实际在职' people are not a 决算数
NOT_SYNONYM = {"实际": r"实际(在职|在编|人员|人数|到位|招录|工作)", "买": r"买服务", "购买": r"购买服务", "买服务": r"采购",
               "编制": r"编制(?:预算|说明|范围|部门|单位|口径|依据|原则|方法|情况|了)|预算编制|编制[外以]|用?车编制|人员编制"}
# a word whose meaning its neighbours settle: '采购预算里买服务' is 政府采购服务, not 政府购买服务
IN_CONTEXT = {"买服务": (r"采购", "政府采购服务")}


# terms alike in their characters and apart in meaning: a sentence about one never answers the other
# (政府购买服务 is buying a public service; 政府采购…服务 is a procurement category)
DISTINCT = [("购买服务", "采购")]


def other_term(question: str, subject: str) -> bool:
    """True when the question names one of a DISTINCT pair and the subject only the other."""
    return any(a in question and b in subject and a not in subject or b in question and a in subject and b not in subject
               for a, b in DISTINCT)


def _meaning(word: str, text: str) -> str | None:
    """The table words a person's word stands for in this text, or None."""
    if word in NOT_SYNONYM and re.search(NOT_SYNONYM[word], text):
        ctx = IN_CONTEXT.get(word)
        return ctx[1] if ctx and re.search(ctx[0], text) else None
    return SYNONYMS[word]


@lru_cache(maxsize=1 << 14)
def expand(text: str) -> str:
    """Question text with synonyms' table words appended."""
    # ('因公出国（境）费' appended as 因公出国境费: brackets would cut it into stray characters)
    extra = [re.sub(r"[（）()]", "", v) for k in SYNONYMS if k in text for v in [_meaning(k, text)] if v]
    return text + " " + " ".join(extra) if extra else text


def substituted(text: str) -> str:
    """The text with a person's word replaced in place by the table's (公车运行维护费 → 公务用车运行维护费),
    one variant per word found."""
    keys = sorted((k for k in SYNONYMS if k in text and _meaning(k, text)), key=len, reverse=True)
    # one variant per word ('公车运行' → 公务用车运行费 would leave 费维护费; '公车' → 公务用车 fits)
    return " ".join(text.replace(k, _meaning(k, text).split(" ")[0]) for k in keys) if keys else text
