"""A question written in English (or English mixed with the documents' Chinese terms) read as the Chinese
the documents print: 'What share of Putuo Justice Bureau's 2026 spending is basic expenditure?' →
普陀区司法局2026年基本支出占支出的比重是多少.

Three closed lists, applied in order: the names people give the bodies ('Wanli Subdistrict', 'Shanghai
Municipal Finance Bureau'), the question frames ('what share of B is A', 'by how much did X drop', 'in 10k
yuan'), and budget terms ('three public expenses', 'basic expenditure', 'housing provident fund'). English
words left over (articles, verbs) are dropped; digits, 科目编码 and Chinese words stay as written.
"""
from __future__ import annotations

import re

_W = r"(?<![A-Za-z])"  # a word starts here
_E = r"(?![A-Za-z])"   # a word ends here

# the bodies' English names are derived from the loaded bodies (register_bodies): each place that opens a name
# ('上海市', '普陀区', '万里街道') read in pinyin ('Shanghai', 'Putuo', 'Wanli'), and the duty words of an English
# name ('Finance Bureau', 'Industry and Information Technology Bureau') read as the characters of the duty
_KNOWN: set[str] = set()
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,7}?(?:省|自治区))?([\u4e00-\u9fff]{1,4}?(?:自治州|市|州(?![市区县])|盟|地区))?"
                    r"([\u4e00-\u9fff]{1,4}?(?:区|县|旗|市))?([\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))?")
# the English word for each kind of place ('Putuo District', 'Wanli Subdistrict Office', 'Shanghai Municipal')
_PLACE_KIND = {"省": r"Province", "自治区": r"(?:Autonomous\s+)?Region", "市": r"(?:Municipal(?:ity)?|City)", "州": r"Prefecture",
               "区": r"District", "县": r"County", "旗": r"Banner", "街道": r"(?:Sub-?district|Street|Jiedao)(?:\s+Office)?",
               "镇": r"Town(?:ship)?", "乡": r"Township"}
# duty words of bodies' English names (general: any Chinese government body), the characters its name holds
DUTIES = [(r"financ\w*|fiscal", "财政"), (r"justice|judicial", "司法"), (r"industr\w*|information(?:\s+technology)?", "工信"),
          (r"science|technolog\w*|tech", "科技"), (r"commerc\w*", "商务"), (r"education\w*", "教育"), (r"civil\s+affairs", "民政"),
          (r"health\w*", "卫生健康"), (r"human\s+resources|social\s+security", "人力资源和社会保障"), (r"natural\s+resources", "自然资源"),
          (r"ecolog\w*|environment\w*", "生态环境"), (r"transport\w*", "交通"), (r"water\s+(?:affairs|resources)|water", "水务"),
          (r"agricultur\w*|rural", "农业农村"), (r"cultur\w*|touris\w*", "文化旅游"), (r"emergency", "应急管理"), (r"audit\w*", "审计"),
          (r"statistic\w*", "统计"), (r"market\s+(?:regulation|supervision)", "市场监督管理"), (r"public\s+security|police", "公安"),
          (r"veteran\w*", "退役军人事务"), (r"sports?", "体育"), (r"housing", "住房"), (r"tax\w*", "税务"), (r"planning", "规划"),
          (r"development\s+and\s+reform", "发展和改革")]
_KIND = r"Bureau|Commission|Committee|Office|Administration|Department"
_KIND_ZH = {"bureau": "局", "administration": "局", "commission": "委员会", "committee": "委员会", "office": "办公室", "department": "局"}


def register_bodies(departments) -> None:
    """The loaded bodies, whose places and duties an English question may name."""
    _KNOWN.update(d for d in departments if d)


def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin  # (0.5 s to import: only when an English question names a body)
    return r"[\s'’-]?".join(lazy_pinyin(word))


_PLACES: dict[frozenset, list[tuple[str, str]]] = {}


def _places() -> list[tuple[str, str]]:
    """(English pattern, Chinese place) for every place that opens a loaded body's name, longest name first."""
    known = frozenset(_KNOWN)
    if known not in _PLACES:
        _PLACES.clear()
        _PLACES[known] = _places_of(known)
    return _PLACES[known]


def _places_of(known: frozenset) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for name in known:
        for place in _PLACE.match(name.replace("人民政府", "")).groups():  # (上海市普陀区人民政府万里街道办事处)
            kind = next((k for k in sorted(_PLACE_KIND, key=len, reverse=True) if place and place.endswith(k)), None)
            if kind and len(place) > len(kind):
                stem = place[:-len(kind)]
                found[place] = rf"(?<![A-Za-z]){_pinyin(stem)}(?:\s+{_PLACE_KIND[kind]})?(?![A-Za-z])"
    return sorted(((pat, zh) for zh, pat in found.items()), key=lambda pz: -len(pz[1]))


def _body(place: str, duty_words: str, kind: str) -> str:
    """The loaded body an English name points to ('上海市' + 'Finance Bureau' → 上海市财政局), else the name in
    Chinese as written (a body not loaded is then told not loaded, not guessed)."""
    duties = [zh for pat, zh in DUTIES if re.search(rf"(?<![A-Za-z])(?:{pat})(?![A-Za-z])", duty_words, flags=re.I)]
    if not duties:
        return place
    fits = [n for n in _KNOWN if (not place or place in n) and all(d in n for d in duties)]
    if len(fits) == 1:
        return fits[0]
    return place + "".join(dict.fromkeys(duties)) + _KIND_ZH.get(kind.lower(), "局")


def bodies_free(t: str) -> str:
    """The bodies an English (or mixed) question names, in Chinese: 'Putuo District Finance Bureau' → 上海市普陀区财政局,
    'Wanli Subdistrict' → 万里街道, 'the Justice Bureau' → the one loaded 司法局."""
    places = _places()
    if not places or not re.search(r"[A-Za-z]{3,}", t):
        return t
    any_place = "|".join(f"(?:{pat})" for pat, _ in places)
    duty_word = "|".join(f"(?:{pat})" for pat, _ in DUTIES)

    def named(m: re.Match) -> str:
        place = "".join(_place_of(p, places) for p in re.findall(any_place, m.group("places") or "", flags=re.I))
        return f" {_body(place, m.group('duty'), m.group('kind'))} "
    # place(s), duty words, kind: 'Shanghai Municipal Finance Bureau', 'Pinglu District Industry & Tech Bureau'
    t = re.sub(rf"(?P<places>(?:(?:{any_place})\s*)*)(?P<duty>(?:(?<![A-Za-z])(?:{duty_word})(?![A-Za-z])[\s,&]*(?:(?:and|of|for)\s+)?){{1,6}}?)"
               rf"(?P<kind>{_KIND})(?![A-Za-z])", named, t, flags=re.I)
    for pat, place in places:  # a place alone ('Wanli', 'Putuo')
        t = re.sub(pat, f" {place} ", t, flags=re.I)
    return t


def _place_of(written: str, places: list[tuple[str, str]]) -> str:
    return next((zh for pat, zh in places if re.fullmatch(pat, written.strip(), flags=re.I)), "")


# question frames: what is asked of what
FRAMES = [
    (r"what\s+(?:share|percent(?:age)?|proportion|fraction)\s+of\s+(.+?)\s+(?:is|are|goes\s+to|went\s+to)\s+(.+?)(?=[?？]|$)", r"\2占\1的比重是多少"),
    (r"what\s+percent(?:age)?\s+of\s+(.+?)\s+(?:did|does)\s+(.+?)\s+(?:actually\s+)?spend", r"\2支出完成\1的百分之几"),
    (r"how\s+big\s+a\s+share\s+is\s+(.+?)(?=[?？]|$)", r"\1占比是多少"),
    (r"(?:by\s+)?how\s+much\s+(?:did|does|has)\s+(.+?)\s+(?:drop|fall|decrease|decline|shrink|go\s+down)", r"\1减少了多少"),
    (r"(?:by\s+)?how\s+much\s+(?:did|does|has)\s+(.+?)\s+(?:rise|increase|grow|go\s+up)", r"\1增加了多少"),
    (r"by\s+what\s+percent(?:age)?\s+(?:did|does|has)\s+(.+?)\s+(?:rise|increase|grow|go\s+up)", r"\1增长了百分之几"),
    (r"by\s+what\s+percent(?:age)?\s+(?:did|does|has)\s+(.+?)\s+(?:drop|fall|decrease|decline|shrink|go\s+down)", r"\1下降了百分之几"),
    (r"by\s+what\s+percent(?:age)?\s+does\s+(.+?)\s+fall\s+short\s+of", r"\1比"),
    (r"how\s+far\s+did\s+(?:the\s+)?actual\s+(.+?)\s+(?:spending\s+)?fall\s+below\s+the\s+initial\s+budget", r"\1决算比年初预算少了多少"),
    (r"how\s+much\s+more\s+did\s+(.+?)\s+budget\s+for\s+(.+?)\s+in\s+(20\d\d)\s+than\s+in\s+(20\d\d)", r"\1\3年比\4年\2增加了多少"),
    (r"which\s+(?:one\s+)?is\s+(?:larger|bigger|higher)\s+and\s+by\s+how\s+much|who\s+had\s+the\s+bigger", "哪个高，高多少"),
    (r"(?:and\s+)?by\s+how\s+much", "差多少"), (r"how\s+many\s+people", "多少人"), (r"how\s+many\s+yuan", "多少元"),
    (r"in\s+(?:10k|10,000|ten[- ]thousand|10\s+thousand)\s+yuan|10k\s+yuan|(?:in\s+)?万元", "多少万元"),
    (r"in\s+(?:100\s+million|hundred[- ]million)\s+yuan|(?:expressed\s+)?in\s+亿元|how\s+many\s+亿元", "多少亿元"),
    (r"(?:two|2)\s+decimals?(?:\s+places?)?", "保留两位小数"), (r"(?:one|1)\s+decimal(?:\s+place)?", "保留一位小数"),
    (r"who\s+does\s+it|who\s+carries\s+it\s+out|who\s+delivers\s+it|how\s+is\s+(.+?)\s+delivered", r"\1由谁实施，什么方式"),
    (r"where\s+is\s+it(?:\s+located)?|where\s+will\s+it\s+be\s+built", "位于哪里"),
]
# budget terms, longest first within each idea
TERMS = [
    (r"three[- ]public[- ](?:expenses?|expenditures?|funds?|costs?|spending)|['\"]?three\s+public['\"]?(?:\s+expenses?)?", "三公经费"),
    (r"administrative\s+running\s+costs?|(?:agency|office|institutional)\s+(?:running|operating)\s+costs?|running\s+costs?", "机关运行经费"),
    (r"official[- ]car\s+spending|(?:official\s+)?car\s+purchase(?:\s+budget)?", "公务用车购置费"),
    (r"official\s+(?:cars?|vehicles?)\s+(?:operation|running|operating)", "公务用车运行费"),
    (r"official\s+reception|reception\s+(?:costs?|expenses?)", "公务接待费"), (r"overseas\s+trips?|outbound\s+(?:trips?|travel)", "因公出国（境）费"),
    (r"staff\s+costs?|personnel\s+(?:costs?|expenses?|expenditures?|funds?)", "人员经费"),
    (r"(?:public|operating|office)\s+(?:costs?|expenses?|funds?)", "公用经费"),
    (r"basic\s+(?:expenditures?|spending)", "基本支出"), (r"project\s+(?:expenditures?|spending|money|funds?)", "项目支出"),
    (r"housing\s+provident\s+fund", "住房公积金"), (r"government[- ](?:managed\s+)?funds?(?:\s+money)?", "政府性基金"),
    (r"state[- ]capital\s+operat\w*\s+budget|state[- ]owned\s+capital\s+operat\w*", "国有资本经营预算"),
    (r"general[- ]public[- ]budget(?:\s+appropriation)?", "一般公共预算"), (r"fiscal\s+appropriations?|financial\s+allocations?", "财政拨款"),
    (r"government\s+procurement", "政府采购"), (r"goods\s+plus\s+services(?:\s+together)?", "货物和服务合计"),
    (r"performance\s+targets?|performance[- ]target\s+management", "绩效目标"), (r"self[- ]evaluation\s+score", "自评得分"),
    (r"final\s+accounts?", "决算"), (r"initial\s+budget", "年初预算"), (r"actual\s+execution", "执行数"),
    (r"internal\s+(?:sections?|departments?|divisions?|units?|offices?)", "内设机构"), (r"authori[sz]ed\s+staff\s+posts?|staffing\s+quota", "编制"),
    (r"(?:actual\s+)?in-post\s+staff|people\s+actually\s+work(?:ing)?", "实际在职人数"),
    (r"(?<![A-Za-z])vehicles?(?![A-Za-z])|(?<![A-Za-z])cars(?![A-Za-z])", "车辆"), (r"firms?|companies|enterprises?", "企业"),
    (r"second-level\s+projects?", "二级项目"), (r"survivor\s+allowances?", "遗属补助"), (r"retiree", "退休人员"),
    (r"heating\s+subsid\w+", "取暖补贴"), (r"basic\s+performance\s+bonus\w*", "基础绩效奖"),
    (r"public[- ]welfare\s+job\s+subsid\w+", "公益性岗位补贴"), (r"grassroots\s+judicial\s+work", "基层司法业务"),
    (r"people's\s+mediation", "人民调解"), (r"economic\s+line|economic\s+classification", "经济分类"),
    (r"(项|款|类)[- ]level\s+line", r"\1级科目"), (r"subject\s+code", "科目"), (r"social\s+security\s+and\s+employment", "社会保障和就业支出"),
    (r"total\s+budget|total\s+annual\s+spending\s+plan|total\s+spending", "预算总计"), (r"spending|expenditures?", "支出"),
    (r"revenue|income", "收入"), (r"budget(?:ed)?|set\s+aside|allocated", "预算"),
    (r"(?:which\s+is\s+)?the\s+single\s+biggest|the\s+largest|the\s+biggest|the\s+most\s+money|(?:is\s+)?the\s+largest\s+item", "最大"),
    (r"the\s+smallest|the\s+least", "最小"), (r"how\s+much|what\s+is|what\s+was|what\s+did", "多少"), (r"how\s+many", "几个"),
    (r"project\s+(?:budget|list)", "项目"), (r"(?<![A-Za-z])projects?(?![A-Za-z])", "项目"),
    (r"add\s+up\s+to|adding\s+up|in\s+total|altogether|together", "合计"), (r"why", "为什么"), (r"percent(?:age)?|share", "占比"),
    (r"(?<![A-Za-z])average(?![A-Za-z])", "平均"), (r"(?<![A-Za-z])compare(?![A-Za-z])", "比较"),
]


def english_free(t: str) -> str:
    """An English (or mixed) question read as the documents' Chinese; a Chinese question is returned as is."""
    if len(re.findall(r"[A-Za-z]{2,}", t)) < 2:
        return t
    t = re.sub(r"['’]s(?![A-Za-z])", "", t)  # ('Wanli Subdistrict's 2025 budget')
    # ('how much did … budget for …?', 'what is the amount under …?'): the question word goes last, as Chinese puts it
    if re.search(r"^\s*(?:how\s+much|what\s+(?:is|was|are|were)|what\s+did)(?![A-Za-z])", t, flags=re.I) and not re.search(
            r"share|percent|proportion|why|how\s+much\s+(?:more|less)|by\s+how\s+much|how\s+far", t, flags=re.I):
        t = re.sub(r"^\s*(?:how\s+much|what\s+(?:is|was|are|were)|what\s+did)(?:\s+(?:the\s+)?(?:amount|total|figure)\s+(?:under|for|of))?",
                   "", t, flags=re.I)
        t = re.sub(r"\s*([?？]?)\s*$", r" 是多少\1", t, count=1)
    t = bodies_free(t)
    for pats in (FRAMES, TERMS):
        for word, plain in pats:
            t = re.sub(word, lambda m: f" {m.expand(plain)} ", t, flags=re.I)
    t = re.sub(r"(?<![A-Za-z])(?:in|for|of|the|a|an)\s+(20\d\d)(?![\d])", r"\1", t, flags=re.I)
    t = re.sub(r"(?<!\d)(20\d\d)(?!\s*年)(?![\d.])", r"\1年", t)  # ('in 2026' → 2026年)
    t = re.sub(r"[A-Za-z][A-Za-z'’\-&.,]*", " ", t)  # (words the lists do not read carry nothing asked)
    t = re.sub(r"[（(]\s*[,，]?\s*[）)]|[—–']", " ", t)
    t = re.sub(r"\s{2,}", " ", t).strip()
    return re.sub(r"(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])", "", t)  # (spaces between Chinese words carry nothing)
