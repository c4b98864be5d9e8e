"""The parts of 政府采购 as people name them: '采购里服务类', '买服务的钱', '货物加工程的采购', '采购总额',
'给中小企业留了多少' read as the narrative's own words (政府采购服务预算, 政府采购货物预算 + 政府采购工程预算,
政府采购预算, 面向中小企业预留政府采购项目预算金额). Pure text → text; a question without 采购 is left alone."""
from __future__ import annotations

import re

_PART = {"服务": "政府采购服务预算", "货物": "政府采购货物预算", "工程": "政府采购工程预算"}
# an item word standing alone ('服务类', '买服务的钱', '服务那块', '货物加工程', '服务占比'), not inside a longer name
# ('公共法律服务', '服务中心', '工程建设') nor already the narrative's own ('政府采购服务预算')
_ITEM = re.compile(r"(?<![\u4e00-\u9fff])(?:买|购买|采购)?(服务|货物|工程)(?:类|的钱|那一?块|这一?块|部分|方面|项目)?"
                   r"(?=[占加和与及、，,。？?吧呢是有大多一共合计的]|$)|(?<=[里中，,、加和与及是都年])(?:买|购买)?(服务|货物|工程)"
                   r"(?:类|的钱|那一?块|这一?块|部分|方面)?(?=[占加和与及、，,。？?吧呢是有大多一共合计的]|$)")
_WHOLE = re.compile(r"(?:政府)?采购(?:的)?(?:预算)?(?:总额|总数|总预算|总盘子|合计|总共)|(?<![面向留给])(?:政府)?采购预算(?![服货工金])")
_SMALL = re.compile(r"(?:给|留给)(?:中小企业|中小微企业)(?:预?留了?|留出了?|安排了?)(?:多少|几)?(?:的)?(?:政府)?(?:采购)?(?:预算|项目预算|份额)?")
_MICRO = re.compile(r"(?<!预留)(?:给|留给)(?:小微企业|小型和微型企业|小型微型企业)(?:预?留了?|留出了?|安排了?)(?:多少|几)?(?:的)?(?:政府)?(?:采购)?(?:预算|项目预算|份额)?")


def procurement_named(t: str) -> str:
    """A question about 政府采购 with its parts in the narrative's words ('采购里服务类大概多少钱' →
    '采购里政府采购服务预算大概多少钱'); any other question as it is."""
    if "采购" not in t:
        return t
    # ('采购预算里，面向中小企业预留的比例'): the reserved amount over the whole 政府采购预算
    t = re.sub(r"(?:政府)?采购(?:预算)?(?:里|中|当中)?[，,]?\s*(?:面向|给|留给)?中小企业预留(?:的)?(?:比例|比重|占比|份额)",
               "面向中小企业预留政府采购项目预算金额占政府采购预算的比例", t)
    t = _SMALL.sub("面向中小企业预留政府采购项目预算金额是多少", t)
    t = _MICRO.sub("预留给小型和微型企业的政府采购项目预算是多少", t)
    if len(set(re.findall(r"服务|货物|工程", t))) >= 2 and re.search(r"采购(?:预算)?(?:里|中|当中|里面)", t):
        return t  # ('政府采购里，货物、工程、服务哪一块最多'): items listed inside the part (assistant.listed)
    t = _WHOLE.sub("政府采购预算", t)
    return _ITEM.sub(lambda m: _PART[m.group(1) or m.group(2)], t)
