"""BM25 over jieba tokens (with a budget-term dictionary), kept incrementally; RRF fusion."""
from __future__ import annotations

import logging
import math
import os
import re
import threading
from array import array
from collections import Counter, defaultdict
from pathlib import Path

log = logging.getLogger(__name__)

BUDGET_TERMS = [
    "三公经费", "机关运行经费", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政拨款",
    "基本支出", "项目支出", "人员经费", "公用经费", "工资福利支出", "商品和服务支出",
    "对个人和家庭的补助", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "公务用车运行维护费",
    "公务用车购置费", "政府采购", "绩效目标", "上年结转", "年终结转", "财政专户管理资金", "单位资金",
    "事业收入", "住房公积金", "行政运行", "一般行政管理事务", "事业运行", "离退休", "基本养老保险缴费",
    "职业年金缴费", "职工基本医疗保险缴费", "行政单位医疗", "事业单位医疗", "社会保障和就业支出",
    "卫生健康支出", "住房保障支出", "公共安全支出", "一般公共服务支出", "收入总计", "支出总计",
    "预算数", "决算数", "科目编码", "专精特新", "小升规", "国有资产", "内设", "股室",
]
_STOP = set("的 了 是 在 和 与 及 或 有 多少 几 个 吗 呢 啊 请问 一下 什么 哪些 哪个 怎么 为 对 中 其中 元 万元 亿元 年 ？ ? ， , 。 、 ： : （ ） ( ) “ ” 《 》".split())
_lock = threading.Lock()
_ready = False


def _jieba():
    global _ready
    import jieba
    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            cache = Path(os.environ.get("BUDGETQA_CACHE", Path.home() / ".cache" / "budgetqa"))
            try:
                cache.mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = str(cache)
            except OSError:
                pass
            for term in BUDGET_TERMS:
                jieba.add_word(term, freq=200000)
            _ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba words (budget terms kept whole), numbers and 科目编码 kept intact."""
    jb = _jieba()
    text = text.lower()
    toks = [t.strip() for t in jb.lcut_for_search(text)]
    return [t for t in toks if t and t not in _STOP and not re.fullmatch(r"\W+", t)]


class BM25Index:
    """BM25 that grows and shrinks a document at a time without rebuilding (numpy scoring).

    Items get integer numbers; a token's postings are two growing int arrays (items, counts).
    Removing a document marks its items dead (length 0) and fixes the document frequencies it
    contributed; dead postings are dropped in one compaction pass once they are a third of all.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self._lock = threading.RLock()
        self._ids: list[str] = []  # item number → item id
        self._num: dict[str, int] = {}  # live item id → item number
        self._len = array("i")  # item number → token count (0: removed)
        self._page = array("i")  # item number → page
        self._owner = array("i")  # item number → document number
        self._docs: dict[str, int] = {}  # doc_id → document number
        self._items: dict[int, list[int]] = {}  # document number → its item numbers
        self._vocab: dict[int, Counter] = {}  # document number → token → items containing it
        self._post: dict[str, tuple[array, array]] = {}
        self._df: Counter = Counter()
        self._alive = 0
        self._total = 0
        self._dead_postings = 0
        self._postings = 0

    def __len__(self) -> int:
        return self._alive

    def documents(self) -> set[str]:
        """The ids of the indexed documents."""
        return {d for d, n in self._docs.items() if n in self._items}

    def add(self, doc_id: str, items, pages: list[int] | None = None) -> None:
        """Index (id, tokens) items belonging to one document (pages optional, for hits)."""
        with self._lock:
            dn = self._docs.setdefault(doc_id, len(self._docs))
            mine = self._items.setdefault(dn, [])
            vocab = self._vocab.setdefault(dn, Counter())
            for k, (item_id, toks) in enumerate(items):
                if item_id in self._num:
                    continue
                n = len(self._ids)
                self._ids.append(item_id)
                self._num[item_id] = n
                self._len.append(len(toks))
                self._page.append(int(pages[k]) if pages else 0)
                self._owner.append(dn)
                mine.append(n)
                counts = Counter(toks)
                for t, c in counts.items():
                    p = self._post.get(t)
                    if p is None:
                        p = self._post[t] = (array("i"), array("i"))
                    p[0].append(n)
                    p[1].append(c)
                vocab.update(counts.keys())
                self._df.update(counts.keys())
                self._postings += len(counts)
                self._alive += 1
                self._total += len(toks)

    def remove(self, doc_id: str) -> None:
        """Drop every item of a document (its postings go at the next compaction)."""
        with self._lock:
            dn = self._docs.get(doc_id)
            if dn is None or dn not in self._items:
                return
            for n in self._items.pop(dn):
                self._total -= self._len[n]
                self._len[n] = 0
                self._alive -= 1
                del self._num[self._ids[n]]
            vocab = self._vocab.pop(dn)
            self._df.subtract(vocab)
            self._dead_postings += sum(vocab.values())
            if self._dead_postings * 3 > self._postings:
                self._compact()

    def _compact(self) -> None:
        import numpy as np
        alive = np.frombuffer(self._len, dtype=np.int32) > 0
        renum = np.cumsum(alive, dtype=np.int64) - 1
        post = {}
        for t, (items, tfs) in self._post.items():
            it = np.frombuffer(items, dtype=np.int32)
            keep = alive[it]
            if keep.any():
                post[t] = (array("i", renum[it[keep]].astype(np.int32).tobytes()),
                           array("i", np.frombuffer(tfs, dtype=np.int32)[keep].tobytes()))
        old = np.flatnonzero(alive)
        self._post = post
        self._ids = [self._ids[i] for i in old]
        self._num = {x: i for i, x in enumerate(self._ids)}
        self._len = array("i", np.frombuffer(self._len, dtype=np.int32)[old].tobytes())
        self._page = array("i", np.frombuffer(self._page, dtype=np.int32)[old].tobytes())
        self._owner = array("i", np.frombuffer(self._owner, dtype=np.int32)[old].tobytes())
        self._items = {dn: [int(renum[n]) for n in items] for dn, items in self._items.items()}
        self._df = Counter({t: c for t, c in self._df.items() if c > 0})
        self._postings -= self._dead_postings
        self._dead_postings = 0

    def page(self, item_id: str) -> int:
        """The page of an item (0 when unknown)."""
        n = self._num.get(item_id)
        return self._page[n] if n is not None else 0

    def owner(self, item_id: str) -> str | None:
        """The document an item belongs to."""
        return item_id.split(":", 1)[0] if item_id in self._num else None

    def search(self, tokens: list[str], k: int = 10, docs: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (id, score) for query tokens, optionally within some documents."""
        import numpy as np
        with self._lock:
            n = self._alive
            if not n:
                return []
            avg = self._total / n
            size = len(self._ids)
            lens = np.frombuffer(self._len, dtype=np.int32)[:size].astype(np.float64)
            scores = np.zeros(size, dtype=np.float64)
            for t in set(tokens):
                df = self._df.get(t, 0)
                p = self._post.get(t)
                if df <= 0 or p is None:
                    continue
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                items = np.frombuffer(p[0], dtype=np.int32)
                tf = np.frombuffer(p[1], dtype=np.int32).astype(np.float64)
                dl = lens[items]
                s = idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * dl / avg))
                s[dl == 0] = 0.0  # removed items
                scores[items] += s
            if docs is not None:
                wanted = [self._docs[d] for d in docs if d in self._docs]
                scores[~np.isin(np.frombuffer(self._owner, dtype=np.int32)[:size], wanted)] = 0.0
            hit = np.flatnonzero(scores > 0)
            if len(hit) > k * 4:
                hit = hit[np.argpartition(-scores[hit], k * 4)[:k * 4]]
            out = [(self._ids[i], float(scores[i])) for i in hit]
        return sorted(out, key=lambda x: (-x[1], x[0]))[:k]


def warm() -> None:
    """Load jieba's dictionary now (the parse workers do it once at start, not once per file)."""
    tokenize("预算")


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = 60) -> list[str]:
    """Reciprocal-rank fusion of several rankings (ids best first)."""
    weights = weights or [1.0] * len(rankings)
    score: dict[str, float] = defaultdict(float)
    for w, ranking in zip(weights, rankings):
        for r, i in enumerate(ranking):
            score[i] += w / (k + r + 1)
    return sorted(score, key=lambda i: -score[i])
