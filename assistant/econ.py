"""The 部门预算支出经济分类 as budgets print it: its 类 (rows that head the 款 below them), what
公用经费 and 人员经费 are made of, and the standard 款 of each 类 (for tables printed without codes)."""
from __future__ import annotations

import re

# what 公用经费 and 人员经费 are made of, by 类 of the 经济分类
CLASS_GROUPS = {"公用": ("商品和服务支出", "资本性支出", "机关商品和服务支出", "机关资本性支出"),
                "人员": ("工资福利支出", "对个人和家庭的补助", "对个人和家庭补助", "机关工资福利支出")}

# the 类 of the 政府/部门预算支出经济分类: rows that head the 款 printed below them
ECON_CLASSES = {"工资福利支出", "商品和服务支出", "对个人和家庭的补助", "对个人和家庭补助", "资本性支出",
                "对企业补助", "对事业单位经常性补助", "对事业单位资本性补助", "债务利息及费用支出",
                "机关工资福利支出", "机关商品和服务支出", "机关资本性支出", "其他支出"}


# the 款 of each 类 of the 部门预算支出经济分类 (the national standard; names as the tables print them)
ECON_MEMBERS = {
    "工资福利支出": {"基本工资", "津贴补贴", "奖金", "伙食补助费", "绩效工资", "机关事业单位基本养老保险缴费", "职业年金缴费",
               "职工基本医疗保险缴费", "公务员医疗补助缴费", "其他社会保障缴费", "住房公积金", "医疗费", "其他工资福利支出"},
    "商品和服务支出": {"办公费", "印刷费", "咨询费", "手续费", "水费", "电费", "邮电费", "取暖费", "物业管理费", "差旅费",
                "因公出国境费用", "维修护费", "租赁费", "会议费", "培训费", "公务接待费", "专用材料费", "被装购置费",
                "专用燃料费", "劳务费", "委托业务费", "工会经费", "福利费", "公务用车运行维护费", "其他交通费用",
                "税金及附加费用", "其他商品和服务支出"},
    "对个人和家庭的补助": {"离休费", "退休费", "退职役费", "抚恤金", "生活补助", "救济费", "医疗费补助", "助学金", "奖励金",
                  "个人农业生产补贴", "代缴社会保险费", "其他对个人和家庭的补助"},
    "资本性支出": {"房屋建筑物购建", "办公设备购置", "专用设备购置", "基础设施建设", "大型修缮", "信息网络及软件购置更新",
              "物资储备", "土地补偿", "安置补助", "地上附着物和青苗补偿", "拆迁补偿", "公务用车购置", "其他交通工具购置",
              "文物和陈列品购置", "无形资产购置", "其他资本性支出"},
}
ECON_MEMBERS["对个人和家庭补助"] = ECON_MEMBERS["对个人和家庭的补助"]


def econ_name(label: str) -> str:
    """A row label as the standard list writes it: no brackets, no code, no spaces ('维修（护）费' → 维修护费)."""
    return re.sub(r"[（）()\s\d]", "", label)


# the 类 of the 政府收支分类科目 (支出功能分类) and the everyday words people use for them:
# '社保、医疗和住房三大类' → 208, 210, 221 (the label is read from the document by its code)
FUNCTION_CLASS_WORDS = (
    ("201", r"一般公共服务|行政管理"), ("204", r"公共安全|政法"), ("205", r"教育"), ("206", r"科学技术|科技"),
    ("207", r"文化|文旅|体育|传媒"), ("208", r"社会保障|社保|就业|养老"), ("210", r"卫生|医疗|卫健|医保|健康"),
    ("211", r"节能|环保|环境保护"), ("212", r"城乡社区|城建|社区"), ("213", r"农林水|农业|林业|水利"),
    ("214", r"交通"), ("215", r"资源勘探|工业信息|工信"), ("216", r"商业服务|商贸"), ("221", r"住房|安居"),
    ("224", r"灾害防治|应急"),
)


def function_class(word: str) -> str:
    """The 功能分类 类 code an everyday word names ('医疗' → 210), or ''."""
    return next((code for code, pat in FUNCTION_CLASS_WORDS if re.fullmatch(f"(?:{pat}|和)+(?:保障|支出|类|这块|方面)*", word)), "")
