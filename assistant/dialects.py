"""Questions written in a dialect's words (Shanghainese, Cantonese, northern, Sichuanese) read in the standard
ones: '几钿' → 多少钱, '幾多巴仙' → 多少百分比, '跌脱' → 减少了. Pure text → text, after the characters are simplified."""
from __future__ import annotations

import re

# the words of a dialect for the question words and budget words a question asks with (Shanghainese 几钿, 伐;
# Cantonese 幾多, 係咪, 邊個, 啲, 咗, 巴仙; northern 咋, 整了多少; Sichuanese 啥子, 好多钱), after the characters
# are simplified; longest first within each dialect
_DIALECT = [
    # Shanghainese
    (r"多少铜钿|几钿", "多少钱"), (r"铜钿|钞票", "钱"), (r"(?<=[多少几么钱吗])[伐哇](?=[？?。！!]|\s*$)", ""), (r"[伐哇](?=[？?]|\s*$)", "吗"),
    (r"阿拉", "我们"), (r"啥个|啥子|啥玩意儿?|啥", "什么"), (r"哪能", "怎么"), (r"里向", "里"), (r"跌脱|跌掉", "减少了"),
    (r"造[辣勒拉]|搭[辣勒拉]", "建在"), (r"搿个|迭个", "这个"),
    # Cantonese
    (r"系咪|係咪|是咪", "是不是"), (r"有冇", "有没有"), (r"几多|幾多", "多少"), (r"边个|邊個", "谁"), (r"点解", "为什么"),
    (r"点样", "怎样"), (r"佢哋|佢们", "他们"), (r"而家", "现在"), (r"做嘢", "做事"), (r"(?<=[\u4e00-\u9fff])咗", "了"),
    (r"(?<=[\u4e00-\u9fff])[嘅啲](?=[\u4e00-\u9fff])", "的"), (r"^啲|(?<=[，,\s])啲", ""), (r"冇", "没有"), (r"喺", "在"),
    (r"(?<=[\u4e00-\u9fff])咩", "什么"), (r"俾", "给"), (r"(?<=多少)架(?=车)", "辆"), (r"巴仙", "百分比"), (r"加埋", "加起来"),
    (r"(?<=[\u4e00-\u9fff])系(?=给|谁|什么|多少|唔)", "是"),
    # northern and Sichuanese
    (r"多少钱儿", "多少钱"), (r"咋个|咋样", "怎么样"), (r"(?<![\u4e00-\u9fff])咋|(?<=[\u4e00-\u9fff])咋(?=[\u4e00-\u9fff])", "怎么"),
    (r"(?<![调完平规修])整了?多少", "花了多少"), (r"(?<=\d)万(?=里头|里边)", "万元"), (r"(?<=[\u4e00-\u9fff元])里头|(?<=[\u4e00-\u9fff元])里边", "里"), (r"莫得", "没有"), (r"晓得", "知道"),
    (r"(?<![少多降减涨跌缩加长了])好多(钱|个|人|万元?|元)?(?=[？?啊哦嘛呢]|\s*$)", r"多少\1"),
]


def dialect_free(t: str) -> str:
    """A question written in a dialect's words read in the standard ones ('几钿' → 多少钱, '幾多巴仙' → 多少百分比)."""
    if not re.search(r"钿|伐|哇|阿拉|啥|哪能|里向|跌|搿|迭个|[咪冇佢哋嘢咗嘅啲咩俾喺]|几多|边个|点解|点样|而家|巴仙|加埋|咋|整|莫得|晓得|好多|钞票|[辣勒拉]|里头|里边", t):
        return t
    if "加埋" in t:  # ('水费同电费加埋': 同 joins the two)
        t = re.sub(r"(?<=[\u4e00-\u9fff])同(?![比期时一样])", "和", t)
    for word, plain in _DIALECT:
        t = re.sub(word, plain, t)
    return t
