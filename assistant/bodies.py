"""Bodies' names in questions: the place words that name no body (GENERIC_PLACES, with the places
that open each loaded body's name), a body's aliases and shortened names (平鲁工科局), and how
strongly a question names a body."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.model import Document

if TYPE_CHECKING:
    from assistant.understand import Question

# place words that name no body on their own; the places that open each loaded body's name are added
# by register_places ('朔州市', '平鲁区' of 朔州市平鲁区工信和科技局)
GENERIC_PLACES = ["北京市", "上海市", "天津市", "重庆市", "区级", "市级", "县级", "人民政府"]  # ('政府采购' names no 人民政府…街道)
_PLACE_PREFIX = re.compile(r"^([\u4e00-\u9fff]{2,7}?(?:省|自治区))?([\u4e00-\u9fff]{1,4}?(?:自治州|市|州(?![市区县])|盟|地区))?"
                           r"([\u4e00-\u9fff]{1,4}?(?:区|县|旗|市))?")

def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring (small strings; simple DP)."""
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def body_aliases(doc: Document) -> list[str]:
    """Ways people name a body: its full name and shorter forms without place prefixes."""
    name = doc.department
    out = {name}
    short = name
    for p in GENERIC_PLACES:
        short = short.replace(p, "")
    out.add(short)
    for suf in ("办事处", "街道办事处"):
        if short.endswith(suf):
            out.add(short[: -len(suf)])
            out.add(short[: -len(suf)] + ("街道" if not short[: -len(suf)].endswith("街道") else ""))
    return sorted((a for a in out if len(a) >= 2), key=len, reverse=True)


def abbreviation_span(text: str, name: str) -> tuple[int, int] | None:
    """Where the text shortens a body's name ('平鲁工科局', '工信局' for 平鲁区工信和科技局): the longest
    word that ends with the name's last character (its kind, 局) and whose characters stand in the
    name in order, without being a plain part of it."""
    if len(name) < 4:
        return None
    best = None
    for m in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
        run = m.group(0)
        for end in (i for i, ch in enumerate(run) if ch == name[-1]):
            for start in range(max(0, end - 7), end - 1):
                sub = run[start:end + 1]
                if (best is not None and len(sub) <= best[1] - best[0]) or sub in name:
                    continue
                it = iter(name)
                if all(ch in it for ch in sub):
                    best = (m.start() + start, m.start() + end + 1)
    return best


def _abbreviated(text: str, name: str) -> int:
    """A shortened name's score: one less than its length (a name written out in full scores its length)."""
    span = abbreviation_span(text, name)
    return span[1] - span[0] - 1 if span and span[1] - span[0] >= 3 else 0


def body_score(question: str, doc: Document) -> int:
    """How strongly a question names a document's body (longest shared run of non-generic text)."""
    q = question
    for p in GENERIC_PLACES:
        q = q.replace(p, "#")
    best = 0
    for alias in body_aliases(doc):
        a = alias
        for p in GENERIC_PLACES:
            a = a.replace(p, "#")
        n = max(longest_common(q.replace("#", ""), a.replace("#", "")), _abbreviated(q.replace("#", ""), a.replace("#", "")))
        # '市财政局' names 上海市财政局 more than 普陀区财政局
        if "市" + alias.replace("上海市", "") in question and doc.department.startswith("上海市") \
                and "区" not in doc.department:
            n += 1
        best = max(best, n)
    return best if best >= 2 else 0


def register_places(departments) -> None:
    """Add the places that open bodies' names (省/市/州, then 区/县) to GENERIC_PLACES, longest first."""
    found = set()
    for name in departments:
        for place in _PLACE_PREFIX.match(name or "").groups():
            if place and len(place) >= 3 and place not in GENERIC_PLACES:
                found.add(place)
    if found:
        GENERIC_PLACES.extend(sorted(found, key=len, reverse=True))


def short_name_free(q: Question, doc: Document, content: str | None = None) -> str:
    """The content without a bare short name of the body that opens the question ('工科局2026年…公务接待费');
    kept where it qualifies a project ('工科局那个…项目', '遗属（工科局）', '移交给工科局')."""
    content = q.content if content is None else content
    span = abbreviation_span(q.text, doc.department)
    if not span:
        return content
    word, before, after = q.text[span[0]:span[1]], q.text[:span[0]], q.text[span[1]:]
    if re.search(r"[（(]|移交给?|交给|划给|拨给", before[-3:]) or re.match(r"(的)?(自己|本身)?(的)?(那|这)(个|项|笔)", after) \
            or re.search(r"[\u4e00-\u9fff]", re.sub(r"20\d\d年度?|请问|我想知道|想问|帮我查|那么?|所以|去年|今年|上年|上一年|本年|明年|(?:的|是)$", "", re.split(r"[，,：:；;。]", before)[-1])):
        return content
    return content.replace(word, " ", 1)


def unknown_local(orgs: list[str], docs: list[Document]) -> str:
    """A street or town a question names that no loaded body is ('长寿路街道' with only 万里街道 loaded): a
    street is its own name, not its kind. '' when every one named is loaded (or none is named)."""
    names = set()
    for d in docs:  # ('上海市普陀区人民政府万里街道办事处' → 万里)
        m = re.match(r"(.{2,6}?)(?:街道|镇)", re.sub(r"^.*(?:[区县市]|人民政府)", "", d.department))
        if m:
            names.add(m.group(1))
    for o in orgs:
        local = re.fullmatch(r"(?:.*[区县市](?:人民政府)?)?([\u4e00-\u9fff]{2,6}?)(?:街道办事处|街道办|街道|镇人民政府|镇政府|镇)", o)
        if local and not re.search(r"我们|咱们|城|乡|社区|集体|其他|[除了的个各哪这那所全本该其每几和与及或]", local.group(1)) \
                and not any(n in o for n in names):
            return o
    return ""
