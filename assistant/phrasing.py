"""How people write a question → the words the engine reads: everyday words for a change or a rank
(涨了, 最烧钱, 前一年), an analyst's English terms (share of, YoY, personnel cost), a guess to confirm
('是不是一千多万', '有6个股室吧') and a yes/no remark after the question. Pure text → text."""
from __future__ import annotations

import re

from assistant.spoken import spoken_free  # noqa: F401  (a dictated question is read here too)
from assistant.remarks import _own_words, guess_free, remark_free  # noqa: F401  (re-exported for understand)

# how people say a change ('盘子缩了多少', '涨了多少') → the words the narrative prints
CLAIMED_AMOUNT = (r"(?:是不是|是否)(安排了?|有|花了|是|达到了?|用了|给了|拨了)\s*(\d+(?:\.\d+)?)\s*(?:多)?\s*(亿元|万元|元|亿|万|块)"
                  r"(?:钱)?(?:了)?(?=[吗呀啊？?。]|$)")
COLLOQUIAL = [(r"缩水了|缩减了|缩小了|压缩了|压减了|削减了|缩了|砍了|砍掉了", "减少了"),
              (r"(?<![一二三四五六七八九十])俩(?=[\u4e00-\u9fff])", "两个"), (r"[“\"‘']([类款项])[”\"’']级", r"\1级"),
              (r"股[（(]室[）)]", "股室"),
              (r"平均分(?=\s*(?:是|为|多少|几|$))", "平均得分"),
              (r"的各(?=(?:项级|款级|类级)(?:科目)?(?:中|里|当中))", "下面的各"),
              (r"(?:局|单位)里头", "局里"),
              (r"(?<![下升])降了(?=多少|几|百分|多大)", "下降了"),
              (r"涨了|上涨了|多花了", "增加了"),
              (r"开支", "支出"),
              (r"[，,。？?]?\s*(?:请|麻烦)?(?:列一下|列出来|列举一下|列个清单|列个单子)[。？?！!]?\s*$", "？"),  # ('…哪些股室？列一下')
              (r"(多|高|少|低)出来(?=多少|几)", r"\1出"),  # ('比2024年多出来多少')
              # ('去年也就是2025年', '今年即2026年'): the year said twice; ('…是多少能推出来吗'): can it be worked out → work it out
              (r"(?:今年|去年|前年|明年|上年|本年)[，,]?\s*(?:也就是|就是|即|亦即)(?=20\d\d年)", ""),
              (r"(?:应该|应当|应|大概|大约)(?=是多少|是几|有多少|为多少)", ""),
              (r"加一块|加在一块|加到一块|加一起(?!多少)", "加起来"), (r"(?:发|花)?给人的钱|养人的钱", "人员经费"),
              # ('司法局2026年的钱，大概百分之多少是花在项目上的'): the share of the whole spent on that part
              (r"的钱[，,]?\s*(?:大概|大约)?(百分之(?:多少|几)|几成)是?(?:花|用|投)在(?:了)?(.{2,12}?)上的?", r" \2支出占总支出的\1"),
              # ('万里街道（2025年预算）、司法局2026、…'): each body's year written after it, in brackets or bare
              (r"(?<!年)[（(]\s*(20\d\d)\s*年?度?\s*(?:部门)?(?:预算|决算)?\s*[）)]", r"\1年"),  # (not '去年（2024年）')
              (r"(?<=[\u4e00-\u9fff])(20\d\d)(?=[、，,和与及跟]|\s*$|\s)", r"\1年"),
              (r"(?:就|只)(?:比|拿|看)(?=[\u4e00-\u9fff]{2,12}?(?:街道|局|委|中心)20\d\d)", "比较"),
              (r"(?:按照?|以|从)(?:部门|单位)?(?:预算|决算)(?:的)?口径(?:来(?:看|算))?[，,]?\s*", ""),  # ('按照部门预算的口径，…'): the document itself  # ('2025年的预算总额应该是多少')
              (r"(?<=多少)[，,]?\s*(?:能|可以|能不能|可不可以)(?:推|算|推算|倒推|测算|计算)(?:得|出)?(?:出来)?(?:吗|么|不|嘛)?(?=[？?。]|$)", ""),
              (r"(?<=[，,。？?])\s*(?:请|麻烦)?给(?:个|出|我)(?:百分比|百分数|比例|具体数字?)(?:吧|呗)?[。？?]?", ""),  # ('人员经费占几成？给个百分比')
              # ('基本支出329.65万里头，人员经费占几成'): the whole's figure restated by the asker; the documents' is read
              (r"(?<=[\u4e00-\u9fff])(?<![过于到满逾达在为是有约近超共计])\d+(?:\.\d+)?(?:万元|亿元|元|万)(?=里|中|当中|之中)", ""),
              (r"多少[，,]\s*(?=百分之几|百分之多少|几成)", ""),  # ('减少了多少，百分之几': the form asked is the rate)
              # ('预算公开里讲，局机关…': where the asker read it, not what is asked)
              (r"(?:部门)?(?:预算|决算)(?:公开)?(?:文件|报告|说明)?里(?:头)?(?:讲|说|写)(?:的|了|到)?[，,]?", ""),
              (r"(?<=[少多降减涨跌缩加长])了?(?:一大块|一大截|不少|很多|好多|一大笔|一大半|一些|一点)(?:钱)?", "了"),  # ('少了一大截'): how much is asked
              (r"多少个(?=(?:十|百|千)?万元|亿元|千元)", "多少"),  # ('有多少个十万元': an amount in that unit)
              # ('比上年少了多少', '较去年多了几个'): a change against last year
              (r"((?:比|较)(?:上年|去年|上一年)[^，,。？?]{0,12}?)(?<!减)少了(?=多少|几)", r"\1减少了"),
              (r"((?:比|较)(?:上年|去年|上一年)[^，,。？?]{0,12}?)多了(?=多少|几)", r"\1增加了"),
              (r"增长了多少百分比|增长了多少个百分比|涨幅是多少", "增长了百分之几"),
              (r"总计的?(总)?盘子", "总计"), (r"的?总?盘子", "总计"),  # '预算盘子': the total
              (r"(多少|几)个?(亿|千万|百万)(?!元)", r"多少\2元"), (r"平米", "平方米"),  # '多少个亿'
              (r"(?<=[\u4e00-\u9fff]{2})(?:这|那)一?块(?=[\u4e00-\u9fff]{2})", ""),  # '国库那块业务' → 国库业务
              (r"(?<!\d)前一年|头一年", "上年"),
              (r"的?钱?[，,]?\s*有?(?:百分之(?:多少|几)|多大(?:的)?(?:比例|比重|占比)|多少比例)(?:的钱)?(?:是)?(?:花|用|投)在了?(.{2,16}?)(?:这一?[类款项块])?"
               r"(?:上面|上|方面)", r" \1占总支出的百分之多少"),
              (r"多少\s*[（(]\s*(?:百分比|%|％)\s*[）)]", "百分之几"),  # '增长了多少（百分比）'
              (r"^\s*(?:从|站在)[^，,。？?]{1,12}(?:角度|方面|层面|视角)(?:上|来)?(?:看|讲|出发|分析|考虑)?[，,]\s*", ""),  # a frame, not a row
              (r"日常开支|日常支出", "基本支出"), (r"项目费(?!用)", "项目支出"),  # a student's words for the columns
              (r"(?<=[\u4e00-\u9fff]费)(?:预算)?总额", "合计"),  # '三公经费预算总额': its 合计
              (r"(?<=三公)[”\"]?(?:预算)?(?:总额|总数|总计|合计|总盘子)", "经费合计"),  # '占三公总额的比例': the 三公经费 合计
              (r"最(?:烧钱|费钱|花钱|能花钱)|花钱最多", "金额最大"), (r"单个(?=项目)", ""),
              # '占比最高的是哪一项？金额多少': the largest part (what share it is, a share question asks after it)
              (r"(?:占比|比重|份额|占的比重|所占比重)最(?:高|大|多)的?(?=是?哪|一项|项目|科目)", "金额最大的"),
              (r"(?<=哪)(.?(?:项|个|类|块|款))的?(?:占比|比重|份额|所占比重)最(?:高|大|多)", r"\1金额最大"),
              # '是不是过亿了', '有没有破千万': a threshold compared with one figure
              # '是不是安排了1000万？': the asker's figure to confirm; the amount is asked (checks.claim_checked says yes or no)
              (CLAIMED_AMOUNT, r"\1多少"),
              # '实际花的钱是年初预算的百分之几': a 决算's completion of its 年初预算
              (r"实际(?:花的钱|花的|花了|用的钱|用了|支出)?(?:是|占|为)(?:年初)?预算的?(?=百分之|多少|几)", "完成年初预算的"),
              (r"(?:花在)?项目上(?:花)?的钱", "项目支出"), (r"项目(?:支出)?(?:清单|列表|名单)", "项目支出表"),  # ('项目清单上有几个项目')
              # '去年没花完、结转到今年接着用的项目钱': money carried over from last year
              (r"(?:去年|上年|上一年|往年)(?:没|未|没有)(?:花完|用完|花掉|用掉|花出去)的?[、，,]?\s*(?=结转)", ""),
              (r"(?:去年|上年|上一年|往年)(?:没|未|没有)(?:花完|用完|花掉|用掉|花出去)(?:留下来)?的?", "上年结转的"),
              (r"结转(?:到|至)(?:今年|本年|当年)(?:接着|继续|再)?(?:用|使用|花)?的?", "上年结转的"),
              (r"(?:全部|所有|整个)(?:部门)?预算(?:加起来|加在一起|合起来|一共|总共)?(?=合|是|有|折合|折成|折算|换算|换成|转成|多少|[，,])", "预算总计"), (r"(?<=预算)总(?:数|额)(?=是|为|有|约|大概|多少)", "总计"), (r"(?<![\u4e00-\u9fff])总预算(?![表数额])|(?<=[年的])总预算(?![表数额])", "预算总计"),
              (r"(?:(?<=[算出计费入款金钱额数])|(?<=[？?，,]))合(?=多少(?:亿|万|千|元))", "是"),  # '预算合多少亿': the amount in that unit
              (r"^\s*从[^，,。？?]{1,12}?(?:来)?看[，,]\s*", ""),  # ('从机构设置看，'): where to look, not what
              # ('依据…说明中披露的增减变动信息，可推算出该局…'): how to work it out, which the answer shows anyway
              (r"(?:预算|决算)?说明(?:中|里)(?:披露的)?(?:增减变动信息|变动情况|数据)[，,]?\s*(?:可|来)?(?:推算|测算|倒推)出?[，,]?\s*(?:他们|该局|该单位|它|其)?"
               r"|(?:预算|决算)?说明(?:来)?(?:推算|测算|倒推)[，,]\s*(?:他们|该局|该单位|它|其)", " 推算 "),
              (r"(?:约|大约|大概)?为(?=多少|几)", "是"),
              (r"(?:局|单位)里(?:设了|设有|设)|(?<=[\u4e00-\u9fff])机关(?:里)?(?:共|一共|总共)?(?:设了|设有)", "内设"),
              # '给退役军人的钱（工科局的加上平安物资贸易公司的）': the item of each qualifier, listed
              (r"([\u4e00-\u9fff]{2,8}?)(?<!项目)的?钱?[（(]([^（）()，,、]{2,12}?)的(?:加上|和|与|跟|及)([^（）()，,、]{2,12}?)的?[）)]", r"\1（\2）和\1（\3）"), (r"哪(?:个|一个)?方面", "哪一项"),
              (r"(?<=[\u4e00-\u9fff])的?目标(?:值)?(?:定的|定为|定得|设的|设为|定)(?:是)?(?=多少|几)", "指标是"),  # ('满意度的目标定的是多少')
              (r"(?:局里|单位里)?下面(?:还)?管着", "下属"), (r"(?:局里|单位里)?(?:下面|里面|底下)(?:一共|总共|共)?(?:分了|分成|设了|设有|设)", "内设"),
              # '日常运转开销里哪一项最费钱': the items of 公用经费; '机关自己日常运转的经费': its 机关运行经费
              (r"日常(?:运转|运行)的?(?:开销|开支|经费|费用|花销)(?=里|中|当中|的?明细|的?各项)", "公用经费"),
              (r"(?:他们|我们)?(?:机关)?(?:自己|自身|本身)?的?日常(?:运转|运行)的?(?:经费|钱|开支|开销|费用|花销)", "机关运行经费"),
              (r"(?<=目标)申报表", "表"), (r"(?<!目标)申报表", "绩效目标表"),  # ('整体支出绩效目标申报表里填的…')
              # '是根据哪个文件立项的', '立项依据是哪几个文件': the form's 立项依据
              (r"(?:是)?(?:根据|依据|按照)(?:哪个|哪些|哪几个|什么)(?:文件|文)立(?:的)?项的?|(?<=立项)依据是哪(?:几)?(?:个|些)文件", "的立项依据是什么"),
              (r"(?:是增是减|是增加还是减少|增了还是减了|是多了还是少了|是涨了?还是降了?)[？?，,]?\s*(?=[^？?]*(?:多少|几))", ""),  # ('是增是减？变动了多少')
              # '退役军人的钱，工科局和平安物资两头合计', '离退休这块，行政单位和事业单位的加一起': the shared name, each qualifier's row
              (r"([\u4e00-\u9fff]{2,10}?)(?:的钱|的经费|的资金|这块|这一块|这部分)?[，,\s]+([\u4e00-\u9fff]{2,8}?)的?(?:和|跟|与)([\u4e00-\u9fff]{2,8}?)的?"
               r"(?:两头|两个|两项|两部分|两笔|两家|两块)?(?=合计|加一起|加起来|加在一起|加总|合起来|一共|总共)",
               lambda m: f"{m.group(1)}（{m.group(2)}）和{m.group(1)}（{m.group(3)}）"
               if re.search(r"的钱|的经费|的资金|这块|这一块|这部分|\s|两头|两个|两项|两部分|两笔|两家|两块", m.group(0)) else m.group(0)),
              (r"职工(?:的)?医疗(?:保险)?(?:这块|这一块|方面)?", "行政事业单位医疗"),
              (r"不降反(?:升|增|涨)了?|反(?:倒|而)(?:涨|增加|增长|上升|多)了?", "增加了"),
              (r"(20\d\d年|(?<![\u4e00-\u9fff])\d\d年)(少了|多了|减少了|增加了)(?=多少|几)", r"\1比上年\2"),  # ('公益岗补贴25年少了多少')
              (r"(?<=办公用房)(?:有)?多大(?!面积)", "面积多大"), (r"(?:局)?(?:机关)?内设几个(?=[？?]|$)", "内设几个股室"),
              (r"他们自己(?:说|讲|给的)?(?:是)?|(?<![\u4e00-\u9fff])他们(?:说|讲)(?:是)?|(?:^|(?<=[，,]))\s*(?:他们|人家|她们)(?:的)?(?=[\u4e00-\u9fff]{2})", ""), (r"项目科目|项一级科目", "项级科目"), (r"公益岗(?!位)", "公益性岗位"),
              (r"(?:年底|年末)(?:还)?剩(?:下)?(?:了)?(?:多少)?的?结转(?:和)?结余", "年末结转和结余"), (r"不升反(?:降|减)了?", "减少了"), (r"瘦身了", "减少了"),
              (r"基础支出", "基本支出"), (r"专项支出|(?:(?<![\u4e00-\u9fff])|(?<=[年的]))专项(?=里|中|当中)", "项目支出"),  # (a newcomer's words for the columns)
              (r"(?:局里|单位里)?(?:下面|里面|底下)(?:一共|总共|共)?有(?=几个?(?:股室|科室|处室|内设))", "内设"),  # ('职工医疗这块': the 款 of both kinds of unit)
              (r"([\u4e00-\u9fff]{2,6})那个(?=[\u4e00-\u9fff]{2,8}(?:局|街道|委员会|办事处)[，,的\d])", r"\1"),  # ('朔州平鲁那个工信和科技局，')
              (r"[，,]\s*那?(?:倒推|推算|反推)回去[，,]\s*", "，"), (r"(?<=预算)原来(?=是)", ""),  # ('那倒推回去，上一年的预算原来是多少')
              (r"(?:这个?局|该局|局里|单位里)?(?:下面|里面|底下)(?:到底|一共|总共|共)?(?:设了|设有|分了|分成|有)(?=几个?(?:股室|科室|处室))", "内设"),
              (r"(?<=年)的?预算(?:一共|总共)(?:是|有)?(?=多少)", "预算总计"),  # ('2026年预算一共多少钱')
              (r"([\u4e00-\u9fff]{2,})那(?:笔)?\d+(?:\.\d+)?万元?(?=占|是|有|的|[，,])", r"\1"),  # ('产业研究院那300万占…': the item restated)
              # '21505款里面项目支出是多少，基本支出不算': the other column left out, not a part taken away
              (r"(项目支出|基本支出)([^，,。？?]{0,16}[，,]\s*)(?:基本支出|项目支出)不(?:算|含|包括)[。？?]?\s*$", r"\1\2"),
              (r"(人员经费|公用经费)([^，,。？?]{0,16}[，,]\s*)(?:公用经费|人员经费)不(?:算|含|包括)[。？?]?\s*$", r"\1\2"),
              (r"平均(?:一|每一)(?=[家个人辆位名户])", "平均每"), (r"办公(?:的)?(?:房子|楼房?|场所|的地方)", "办公用房"),  # ('平均一家', '办公房子多大面积')
              (r"(?:财政|政府)(?:给|拨|拨付)了?(?=多少)", "安排了"),  # ('财政给了多少建设资金')
              (r"在岗(?:上班)?的?(?:人员|人)|在岗(?=多少|几|一共|总共)|上班的人|(?<=实际)在职的(?=有|是|多少|几|一共|总共|共)", "在职人员"),
              # '比2025年实际花的涨了…': the year before's actual spending, which a budget prints as its 执行数
              (r"比(20\d\d年|上年|去年)实际(?:花|用|支出|花掉|用掉)了?的?(?:钱|数)?", r"比\1执行数")]

# an analyst's English budget terms → the documents' words ('share of 项目支出 in total 支出预算', 'YoY
# change', 'personnel cost', 'why'); ASCII words only, applied before anything else reads the question
ENGLISH = [
    (r"share of\s*(.+?)\s*in\s*(?:the\s+)?(?:total\s+)?(.+?)(?=\s*(?:是|为|有|占|[，,？?]|$))", r"\1占\2的比重"),
    (r"(?:the\s+)?second[- ]largest|second[- ]biggest|second[- ]highest", "第二大"),
    (r"(?:the\s+)?(?:single\s+)?(?:largest|biggest|highest)", "最大"), (r"(?:the\s+)?(?:smallest|lowest)", "最小"),
    (r"year[- ]on[- ]year|(?<![A-Za-z])yoy(?![A-Za-z])", "同比"), (r"(?<![A-Za-z])change(?![A-Za-z])", "变化"),
    (r"personnel\s+(?:costs?|expenses?|expenditures?)", "人员经费"),
    (r"(?:public|operating)\s+(?:costs?|expenses?|expenditures?)", "公用经费"),
    (r"basic\s+(?:expenditures?|spending)", "基本支出"), (r"project\s+(?:expenditures?|spending)", "项目支出"),
    (r"average\s+score", "平均得分"), (r"(?<![A-Za-z])average(?![A-Za-z])", "平均"), (r"(?<![A-Za-z])scores?(?![A-Za-z])", "得分"),
    (r"where\s+is\s+it(?:\s+located)?|(?:is\s+)?located\s+where|where\s+(?:is|are)(?![A-Za-z])|(?<![A-Za-z])where(?![A-Za-z])|(?<![A-Za-z])located(?![A-Za-z])", "位于哪里"),
    (r"(?<![A-Za-z])why(?![A-Za-z])", "为什么"), (r"(?<![A-Za-z])reasons?(?![A-Za-z])", "原因"),
    (r"rank\s+(?:the\s+)?(?:bodies|departments|units)\s+by\s*([\u4e00-\u9fff]+)", r"按\1排名"),
    (r"which\s+(?:body|department|unit|one)(?:\s+has)?", "哪个单位"), (r"(?<![A-Za-z])bodies(?![A-Za-z])|(?<![A-Za-z])departments(?![A-Za-z])", "单位"),
    (r"(?<![A-Za-z])(?:vs\.?|versus)(?![A-Za-z])", "与"), (r"(?<![A-Za-z])actual(?![A-Za-z])", "实际"), (r"(?<![A-Za-z])difference(?![A-Za-z])", "差额"),
    (r"how\s+much", "多少"), (r"how\s+many", "几个"), (r"(?<![A-Za-z])amount(?![A-Za-z])", "金额"),
    (r"(?:几个|多少)\s*(?:percent|percentage|pct)(?![A-Za-z])", "百分之几"), (r"(?<![A-Za-z])(?:percent|percentage|pct)(?![A-Za-z])", "百分比"),
    (r"(?<![A-Za-z])(?:increased?|rose|grew|(?:went|goes|go)\s+up)(?![A-Za-z])", "增长"),
    (r"(?<![A-Za-z])(?:decreased?|fell|dropped|(?:went|goes|go)\s+down)(?![A-Za-z])", "减少"),
    (r"(?<![A-Za-z])add(?:ed|s)?\s+up(?:\s+to)?(?![A-Za-z])|(?<![A-Za-z])sum(?![A-Za-z])", "加起来"), (r"(?<![A-Za-z])main(?![A-Za-z])", "主要"),
    (r"(?<![A-Za-z])total(?=\s*(?:多少|有|是|几|一共|共|为))", "一共"),  # ('水费加电费total多少', '表里total有几个项目')
    (r"(?<![A-Za-z])total\s+budget(?![A-Za-z])", "预算总额"), (r"(?<![A-Za-z])total\s*([\u4e00-\u9fff]{2,})", r"\1总计"), (r"(?<![A-Za-z])budget(?![A-Za-z])", "预算"),
    (r"(?<![A-Za-z])total(?![A-Za-z])", "合计"),
    (r"(?<![A-Za-z])projects?(?![A-Za-z])", "项目"), (r"(?<![A-Za-z])items?(?![A-Za-z])", "项"), (r"(?<![A-Za-z])loaded(?![A-Za-z])|(?<![A-Za-z])(?:the|of|is|it|in|has|a|an)(?![A-Za-z])", " "),
]


def english_free(t: str) -> str:
    """English budget terms in a Chinese question read as the Chinese the documents print."""
    if not re.search(r"[A-Za-z]{2,}", t):
        return t
    words = len(re.findall(r"[A-Za-z]{2,}", t))
    if words >= 4 and words * 2 >= len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"[（(][^）)]*[）)]", "", t))):
        # a question written in English (Chinese terms at most in brackets or here and there): read whole
        from assistant.english import english_free as whole_english
        return whole_english(t)
    from assistant.english import bodies_free
    t = bodies_free(t)  # ('Wanli 街道2025'): the bodies' English names
    for word, plain in ENGLISH:
        # (the spaces around an English word go with it: '主要 reason 是什么' → 主要原因是什么)
        t = re.sub(r"\s*(?:" + word + r")\s*", lambda m: m.expand(plain), t, flags=re.I)
    return re.sub(r"\s{2,}", " ", t)


# an official's request ('经查，…请核实…', '请说明其下降幅度（百分比）', '请据此倒推核实…为多少万元'): the verbs
# that ask, read as the question words they stand for
_FORMAL = [(r"^\s*经查[，,：:]?\s*", ""), (r"^\s*根据([^，,。]{2,40}?)[，,]", r"\1 "), (r"[，,]?\s*并(?:核实|测算|说明|指出)", "，"), (r"请(?:予以?)?汇总(?:核实|测算|计算)?", "合计"), (r"请(?:予以?|据此|汇总|进一步)?(?:倒推|推算)?(?:核实|测算|计算|汇总|核算|确认)(?:一下)?", "核对"),
           (r"在[^，,。]{0,10}(?:说明|报告|文件)中(?:披露|说明|列明|写明)了?", ""), (r"(?:请|并)(?:予以?)?说明其?(?=[^，,。？?]{0,12}(?:幅度|比例|比重|百分比|金额|数额|差额|多少))", ""),
           (r"[（(]\s*(?:百分比|%)\s*[）)]", "是百分之多少"), (r"[（(]\s*(万元|元|亿元)\s*[）)]", r"是多少\1"),
           (r"[，,]?\s*(?:并|请)?(?:关注|指出)[^，,。？?]*", ""), (r"请予说明|请说明|请列明|请写明|请比较", "")]


def formal_free(t: str) -> str:
    """A request worded as an official asks it, read as a question ('请核实其增长幅度（百分比）' → 核对增长幅度
    是百分之多少); the 核对 it leaves says the figure is checked, not a check of two figures."""
    if not re.search(r"经查|请[^，,。？?]{0,6}(?:核实|测算|说明|列明|写明|比较|计算)", t) \
            or re.match(r"\s*根据", t) and re.search(r"倒推|推算|反推|倒算", t):
        return t  # ('根据…说明，…约为多少', '根据…增加额，倒推…': a method, which understand.METHOD reads)
    for word, plain in _FORMAL:
        t = re.sub(word, plain, t)
    return t.replace("核对", "")


# Taiwan / Hong Kong words for what mainland budgets print (after the characters are simplified)
_REGIONAL = [(r"专案", "项目"), (r"资讯", "信息"), (r"软体", "软件"), (r"网路", "网络"), (r"人事费", "人员经费"),
             (r"(?:新)?台币|港币|港元", ""), (r"甚么|甚麽", "什么"), (r"透过", "通过"), (r"为甚", "为什"), (r"预算案", "预算")]
_T2S = None


def simplified(t: str) -> str:
    """A question written in traditional characters ('機關運行經費佔比多少') read in the simplified ones
    the documents print (OpenCC t2s, characters only, so 執行 stays 执行), with the regional words for
    budget terms (專案 → 项目); a simplified question is left as it is."""
    global _T2S
    if all(ord(ch) < 0x3400 or ord(ch) > 0x9fff for ch in t):
        return t
    if _T2S is None:
        import opencc
        _T2S = opencc.OpenCC("t2s")
    out = _T2S.convert(t)
    if sum(a != b for a, b in zip(t, out)) < 2:  # (one odd character, 乾 or 著, in a simplified question)
        return t
    for word, plain in _REGIONAL:
        out = re.sub(word, plain, out)
    return out


# a chatty message: who asks and why ('科长让我…', '明天开会要讲…'), a guess ('我猜是…', '我数着像是4个'),
# thanks ('谢谢！', '辛苦了') around the one question it asks
_ASKS = re.compile(r"多少|几|哪|什么|啥|是否|吗|为什么|为何|原因|怎么|如何|百分之|占比|比重|比例|[？?]")
_THANKS = re.compile(r"(?:谢谢|多谢|感谢|辛苦|麻烦|拜托)[^，,。！!？?；;]{0,10}")
_GUESS = re.compile(r"^(?:我|我们)?(?:猜|估计|心里估|数着|以为|还以为|自己算的|算的好像)|不知道对不对|不太确定|不确定|心里没底|对不对$")
_PREMISE = re.compile(r"^(?:我|我们)?(?:感觉|印象中|印象里|好像)")
_SELF = re.compile(r"^(?:我|本人)(?:是|在|负责)[^，,。？?]{0,24}$")  # ('我是区里财政局新来的科员': who asks, not whom about)
_WHO = (r"(?:我们?|咱们?|领导|老板|科长|处长|主任|局长|同事|有人|大家|纪委|纪检|审计|人事|后勤|上面|上级|开会|明天|下周|今天|最近|刚才"
        r"|[\u4e00-\u9fff]{1,4}(?:科|处|中心|办|那边)(?:同事)?)")
_FRAME = re.compile(r"(?:" + _WHO + r"[^，,。！!？?；;0-9]{0,14}(?:看到|注意到|发现|听说|说|问|让我们|要我们|托我们|让我|要我|托我"
                    r"|想知道|想看看?|想问|想了解|想核对一下|想核实一下|想确认一下|想核对|想核实|想确认|想核|想要|记得|在做|在画|在梳理|在分析|在写|在整理|在汇总|在核对|在比较|在参考|在研究"
                    r"|要去|要讲|开会|要对|查|看)|^(?:让我|要我|托我|帮我))(?:了|过|一下|问)?")


# what a body does, said for its name ('管法律事务的那个局' → 司法局, '管财政的那个局' → 财政局)
_DUTIES = {"法律": "司法", "法治": "司法", "司法": "司法", "财政": "财政", "财务": "财政", "钱袋子": "财政",
           "工业": "工信", "信息化": "工信", "工信": "工信", "科技": "科技"}
_BY_DUTY = re.compile(r"(?:([\u4e00-\u9fff]{0,3}?(?:省|市|区|县))里?)?管(?:理)?(" + "|".join(_DUTIES) + r")[\u4e00-\u9fff]{0,4}?"
                      r"(?:事务|工作|方面)?的(?:那|这)?(?:个|家)?(局|委员会|委|办)")


_PROVINCES = ("北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西"
              "|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆")


def described_free(t: str) -> str:
    """A body named by description read as its name: '区里管法律事务的那个局' → 区司法局, '普陀区那个街道' →
    普陀区街道, '做决算的那家' → 决算单位."""
    t = _BY_DUTY.sub(lambda m: (m.group(1) or "") + _DUTIES[m.group(2)] + m.group(3), t)
    t = re.sub(r"(?:做|出|编|报)(?:了)?(?:部门)?决算的(?:那|这)(?:个|家|份)(?:单位)?", "决算单位", t)
    # ('山西那个工信局': a province no loaded body's name carries says only where the body is)
    t = re.sub(r"(?:" + _PROVINCES + r")(?:省)?(?=(?:那|这)(?:个|家))", "", t)
    # ('给晋坤双碳产业研究院那300万，满意度目标…': the amount points at the item named before it; it is not asked)
    t = re.sub(r"(?<=[\u4e00-\u9fff）)])(?:那|这)笔?\s*\d+(?:\.\d+)?\s*多?[万亿]?(?:元|块)?钱?(?=[，,的\s])", " ", t)
    return re.sub(r"(?:(?<=[\u4e00-\u9fff])|^)(?:那|这)(?:个|家)([\u4e00-\u9fff]{0,4}?(?:局|街道|委|办事处|中心))", r" \1 ", t)


def context_free(t: str) -> str:
    """The question a long message asks, without its frame: who asks and why, the asker's guess, thanks.
    A clause that tells who asks is dropped when it holds no figure, year or question (its frame words,
    '领导开会说', go when it does); a guess is dropped, and the body and year it named are kept when
    the rest names none. Messages shorter than 30 characters are left alone."""
    if len(t) < 30:
        return t
    from assistant.understand import body_words
    sentences = [x for x in re.split(r"(?<=[。！!？?])", t) if x.strip()]
    whole = next((i for i in range(len(sentences) - 1, -1, -1) if _ASKS.search(sentences[i])
                  and body_words(sentences[i]) and re.search(r"20\d\d", sentences[i])), None)
    if whole:  # ('我注意到…表下面写着“本表为空表”…。万里街道2024年“三公”经费预算到底是多少万元？'): the sentence that
        t = "".join(sentences[whole:])  # names the body and year and asks is the question; what came before is why
    parts = re.split(r"([，,。！!？?；;])", t)
    clauses = [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    if len([c for c, _ in clauses if c.strip()]) < 2:
        return t
    kept, carried = [], []
    for c, end in clauses:
        s = c.strip()
        if not s:
            continue
        if _THANKS.fullmatch(s) or (_THANKS.match(s) and not _ASKS.search(s)) or re.match(r"^(?:我|本人)是", s) and not _ASKS.search(s):
            continue  # ('我是区里财政局新来的科员': who asks, not whom about)
        guessed = _PREMISE.search(s) and re.search(r"\d(?!\d*\s*年)|[一二两三四五六七八九十几]\s*(?:万|千|百|个|成|家|人)", s)
        if (_GUESS.search(s) or guessed) and not re.search(r"多少|几(?![千百万十])|哪|什么|为什么|原因", s):
            carried.append(_GUESS.sub("", s))  # ('我估计平鲁区工信和科技局2026年公务接待总得安排个一两万吧'): a guess
            continue
        s = _PREMISE.sub("", s)  # ('感觉万里街道2025年公益性岗位补贴比2024年砍了很多'): the premise stays
        frame = _FRAME.match(s) or _SELF.match(s)
        if frame:
            rest = s[frame.end():] if frame.re is _FRAME else s
            tasked = frame.re is _SELF or not re.search(r"(?:看到|注意到|发现|听说|说|记得|(?<!想)看)(?:了|过)?$", frame.group(0))
            asks = end in "？?" or re.search(r"多少|几(?![个项家人名位条])|哪|什么|啥|是否|吗|为什么|为何|原因|怎么|如何|百分之|占比|比重|比例", rest)
            if not asks and tasked and not re.match(r"\s*[：:]", rest):  # ('我想核对一下：X' — what follows the colon is X)
                carried.append(s)
                continue  # ('科长让我把…抄下来', '让我算个准数', '我在整理万里街道的单位名录'): who asks and why
            if frame.re is _FRAME:  # ('领导开会说万里街道…涨了不少', '我看…少了10万元'): what was seen stays
                s = re.sub(r"^[：:\s]*(?:我们?)?(?:顺便)?(?:问问|问一下|算个准数|查一下|查下|看看|核一下)?", "", rest)
        kept.append(s + end)
    out = "".join(kept).strip("，,")
    if carried:
        if not body_words(out):  # (the body a dropped clause named, and its year when the rest names none)
            for x in carried:
                bodies, years = body_words(x), re.findall(r"20\d\d\s*年度?", x)
                if bodies:  # (the body without the words of the errand before it: '科长让我把平鲁区…局' → 平鲁区…局)
                    body = re.sub(r"^.*(?:让我们?|要我们?|托我们?|帮我们?|把|给|对|在整理|在做|在写|在梳理|在汇总|估计|猜)(?=[\u4e00-\u9fff]{3})",
                                  "", bodies[0])
                    out = body + ("" if re.search(r"20\d\d\s*年", out) else "".join(years[:1])) + out
                    break
    return out if re.search(r"[\u4e00-\u9fff]", out) else t


# how to round the answer, never a word of what is asked: '取整到万元', '四舍五入到整数', '保留整数',
# '精确到个位', '保留一位小数' (group u: the unit the rounding names)
ROUND_ASKED = re.compile(r"[，,]?\s*(?:并|请|结果|答案)?(?:(?:取整数?|四舍五入|保留整数|精确到(?:个位|整数)|保留到(?:个位|整数))"
                         r"(?:\s*(?:到|至|为|成|取|保留)?\s*(?:整数|个位|(?P<u>亿元|万元|元|亿|万)(?:为单位)?(?:的?整数)?))?"
                         r"|(?:保留|精确到|取)(?:到)?(?:小数点后)?[一两二三四\d]位(?:小数)?)\s*(?:就行|就可以|就好|即可)?")


def rounding_free(t: str) -> tuple[str, str]:
    """(the question without how to round it, the unit the rounding names or '')."""
    unit = ""
    for m in ROUND_ASKED.finditer(t):
        if m.group("u"):
            unit = m.group("u") if m.group("u").endswith("元") else m.group("u") + "元"
    return ROUND_ASKED.sub(" ", t).strip(), unit


def places_asked(question: str) -> int | None:
    """The decimal places a question asks its answer rounded to: '保留两位小数' 2, '取整' / '保留整数' /
    '四舍五入到万元' 0; None when it asks none ('四舍五入' alone keeps the figure as computed)."""
    from assistant.understand import cn_number
    m = re.search(r"(?:保留|精确到|取)(?:到)?(?:小数点后)?([一两二三四\d])位(?:小数)?", question)
    if m:
        d = m.group(1)
        return int(d) if d.isdigit() else (cn_number(d) or 2)
    if re.search(r"取整|保留整数|精确到(?:个位|整数)|保留到(?:个位|整数)|四舍五入\s*(?:到|至|为|成|取)?\s*(?:整数|个位|亿元|万元|元|亿|万)", question):
        return 0
    return None


# '只有一万多？', '大概三百万左右吧': the asker's guess at the amount, not words of the thing asked about
_HEDGE = r"(?:只有|只|才|仅|仅有|大概|大约|约|将近|接近|差不多|不到|超过了|好像是|好像|据说)"
GUESS = re.compile(rf"{_HEDGE}?(?:[一二两三四五六七八九\d.]+[十百千万亿]+)+(?:多|来|余|出头|左右)(?:万|亿)?(?:元|块钱|块)?(?:吗|吧|呢)?"
                   rf"|{_HEDGE}[一二两三四五六七八九十\d.]+[十百千万亿]*(?:元|块钱|块|万元|亿元)(?:左右)?(?:吗|吧|呢)?")


# '我在准备发言材料，想知道…', '记者想写稿：…', '…？请给百分比。': who asks and how to answer, not what
_ASKER_FRAME = re.compile(r"^(?:(?:我们|我|本人|记者|作为[^,:;]{0,10}|咱们|帮我|请帮我|麻烦)[^,:;?!。]{0,24}"
                    r"|[^,:;?!。]{0,10}(?:想知道|想问|想了解|想确认|关心|问|提问))[,:;]\s*")
_ASK_LEAD = re.compile(r"^(?:我想知道|我想问|想知道|想问问|想问|想了解|请问|问一下|请帮我查|帮我查|帮我看看)(?:一下)?\s*")
_FORMAT_TAIL = re.compile(r"[,.。;]?\s*(?:请|麻烦)?(?:给|用|按|保留|给出|给个)[^,?]{0,8}(?:百分比|小数|表示|说|数字)[。.!?]?\s*$")


def framing_free(s: str) -> str:
    """The question without the asker's framing: a leading clause about who asks and why (when it
    asks nothing itself), a leading '想知道/请问', and a trailing request about the answer's form."""
    for _ in range(2):
        m = _ASKER_FRAME.match(s)
        rest = re.sub(r"到底|究竟|具体|大概|请问|是|有|为|多少|几|[万亿]?元|万|钱|呢|吗|啊|[?？!！。,，\s]", "", s[m.end():]) if m else ""
        if m and not re.search(r"多少|几|哪|吗|是否", m.group(0)) and len(rest) >= 2:
            s = s[m.end():]  # ('我记得…有一笔“小升规”的奖励，到底是多少万': the clause is the question)
    # '听说…前一年的预算有两千多万，…': hearsay with a guessed figure is a premise, not what is asked
    hearsay = re.match(r"^(?:听说|据说|好像|我记得|记得|印象中|印象里)[^，,。；;]*[，,；;]\s*", s)
    if hearsay and GUESS.search(hearsay.group(0)) and re.search(r"多少|几|哪|吗|是否", s[hearsay.end():]):
        s = s[hearsay.end():]
    lead = re.match(r"^(.{2,60}?)(?:—+|：|:)\s*(.+)$", s)
    if lead and re.search(r"我|想说|想写|写稿|稿子|材料|发言|汇报|报道|核一下|确认", lead.group(1)) \
            and re.search(r"多少|几|哪|占|是否|吗|[?？]", lead.group(2)) and not re.search(r"多少|几|哪", lead.group(1)):
        s = lead.group(2)  # ('我在写稿，想说…钱大头都花在项目上——项目支出占…': the asker's point, then the question)
    s = _ASK_LEAD.sub("", s)
    return _FORMAT_TAIL.sub("", s)
