"""BM25 over jieba tokens (with a budget-term dictionary), kept incrementally; RRF fusion."""
from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
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
    """An in-memory BM25 index that grows and shrinks a document at a time."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.postings: dict[str, dict[str, int]] = defaultdict(dict)
        self.lengths: dict[str, int] = {}
        self.owner: dict[str, str] = {}
        self.total = 0

    def add(self, doc_id: str, items: list[tuple[str, list[str]]]) -> None:
        """Index (id, tokens) items belonging to one document."""
        for item_id, toks in items:
            if item_id in self.lengths:
                continue
            for t, c in Counter(toks).items():
                self.postings[t][item_id] = c
            self.lengths[item_id] = len(toks)
            self.owner[item_id] = doc_id
            self.total += len(toks)

    def remove(self, doc_id: str) -> None:
        """Drop every item of a document."""
        gone = {i for i, d in self.owner.items() if d == doc_id}
        if not gone:
            return
        for t in list(self.postings):
            p = self.postings[t]
            for i in gone & p.keys():
                del p[i]
            if not p:
                del self.postings[t]
        for i in gone:
            self.total -= self.lengths.pop(i)
            del self.owner[i]

    def search(self, tokens: list[str], k: int = 10, docs: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (id, score) for query tokens, optionally within some documents."""
        n = len(self.lengths)
        if not n:
            return []
        avg = self.total / n
        scores: dict[str, float] = defaultdict(float)
        for t in set(tokens):
            p = self.postings.get(t)
            if not p:
                continue
            idf = math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for i, tf in p.items():
                if docs is not None and self.owner[i] not in docs:
                    continue
                dl = self.lengths[i]
                scores[i] += idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * dl / avg))
        return sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:k]


def save_tokens(folder: Path, doc_id: str, items: list[tuple[str, list[str]]]) -> None:
    """Persist one document's tokens atomically (write a temp file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{doc_id}.json.tmp"
    tmp.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / f"{doc_id}.json")


def load_tokens(folder: Path, doc_id: str) -> list[tuple[str, list[str]]] | None:
    """One document's persisted tokens, or None."""
    f = folder / f"{doc_id}.json"
    if not f.exists():
        return None
    try:
        return [tuple(x) for x in json.loads(f.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        return None


def rrf(rankings: list[list[str]], weights: list[float] | None = None, k: int = 60) -> list[str]:
    """Reciprocal-rank fusion of several rankings (ids best first)."""
    weights = weights or [1.0] * len(rankings)
    score: dict[str, float] = defaultdict(float)
    for w, ranking in zip(weights, rankings):
        for r, i in enumerate(ranking):
            score[i] += w / (k + r + 1)
    return sorted(score, key=lambda i: -score[i])
