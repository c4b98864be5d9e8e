"""A slip of the pinyin keyboard ('三工经费' for 三公经费, '公物用车' for 公务用车, '人民条解' for 人民调解):
a word of the question that no loaded document prints, one character away from exactly one word the
documents' tables do print, is read as that word. Tried only when the question as written found
nothing, and the answer says which word was read how."""
from __future__ import annotations

import re

from assistant.answer import Answer
from assistant.library import Library

# budget words that differ from another by one character and mean something else
_TERMS = {"预算", "决算", "收入", "支出", "基本", "项目", "人员", "公用", "上年", "本年", "下年", "年初", "年末", "执行",
          "调整", "结转", "结余", "中央", "省级", "市级", "区级", "县级", "本级", "一般", "政府", "国有", "社会", "单位"}
_LENGTHS = (4,)  # (a shorter word is too often a body's abbreviation: 平鲁工 is not a slip of 平鲁区)


def _vocabulary(lib: Library, doc_ids: tuple[str, ...]) -> tuple[set[str], dict[str, set[str]], str]:
    words: set[str] = set()
    printed_words: set[str] = set()
    texts = []
    for doc_id in doc_ids:
        df = lib.facts(doc_id)
        names = {f.row_label for f in df.facts} | {f.column for f in df.facts} | {t.title for t in df.tables} \
            | {c.section for c in df.chunks} | {c.text for c in df.chunks if len(c.text) <= 40}  # (headings)
        for name in names:
            for run in re.findall(r"[\u4e00-\u9fff]+", re.sub(r"[“”\"‘’'「」]", "", name)):
                for n in _LENGTHS:  # (a word opens or closes a name: 公务用车…, …运行经费; never 般公共预 inside one)
                    if len(run) >= n:
                        words.update((run[:n], run[-n:]))
                printed_words.update(run[i:i + 4] for i in range(len(run) - 3))
        texts.append(" ".join(c.text for c in df.chunks))
    near: dict[str, set[str]] = {}
    for w in words:
        for i in range(len(w)):
            near.setdefault(w[:i] + "?" + w[i + 1:], set()).add(w)
    bodies = "\n".join(lib.get(d).department for d in doc_ids if lib.get(d) is not None)
    return words, near, "\n".join(texts) + "\n".join(sorted(printed_words)) + bodies


_CACHE: dict[tuple[str, ...], tuple[set[str], dict[str, set[str]], str]] = {}


def respelled(lib: Library, question: str, names: list[str] = ()) -> tuple[str, list[tuple[str, str]]]:
    """The question with each slipped word replaced, and the (written, read) pairs; the question
    unchanged and [] when nothing is one character from a printed word. names (the bodies the question
    names) and the words of time ('明年') are never part of a slip."""
    fixed = [m.span() for x in list(names) + ["明年", "今年", "去年", "上年", "本年", "下年", "前年", "后年"]
             for m in re.finditer(re.escape(x), question) if x]
    ids = tuple(sorted(d.doc_id for d in lib.documents()))
    if ids not in _CACHE:
        _CACHE.clear()
        _CACHE[ids] = _vocabulary(lib, ids)
    words, near, printed = _CACHE[ids]
    fixes: list[tuple[str, str]] = []
    out = question
    for m in re.finditer(r"[\u4e00-\u9fff]+", question):
        run = m.group(0)
        for n in _LENGTHS:
            for i in range(len(run) - n + 1):
                w = run[i:i + n]
                at = m.start() + i
                if any(a < at + n and at < b for a, b in fixed):
                    continue
                if w in words or w in printed or any(w in a or a in w for _, a in fixes):
                    continue
                cands = set()
                for j in range(n):
                    if w[j] in "的了是和与在有多少几个年中占里比为及等各每总数名人":  # (grammar, never a slip)
                        continue
                    for c in near.get(w[:j] + "?" + w[j + 1:], set()):
                        # (决算 is no slip of 预算, nor 支出 of 收入: the words whose one character is the meaning)
                        if not {w[max(0, j - 1):j + 1], w[j:j + 2], c[max(0, j - 1):j + 1], c[j:j + 2]} & _TERMS:
                            cands.add(c)
                if len(cands) == 1:
                    right = cands.pop()
                    if fixes:
                        return question, []  # (two slips in one question: too far from what it says to guess)
                    fixes.append((w, right))
                    out = out.replace(w, right)
    return out, fixes


class Respelling:
    """Mixed into Engine: respelled_answer(), tried after a refusal."""

    def respelled_answer(self, question: str, context: dict | None, scope: list[str] | None) -> Answer | None:
        """The question with its slip read as the printed word, when that answer rests on the word (the
        三公 table for '三工经费') and asks the same kind of thing; the answer says how it was read."""
        import dataclasses

        from assistant.understand import parse
        fixed, fixes = respelled(self.lib, question, parse(question).orgs)  # type: ignore[attr-defined]
        if not fixes:
            return None
        again = self._guarded(fixed, context, scope)  # type: ignore[attr-defined]
        cited = " ".join(f"{c.table_title} {c.row_label} {c.column} {c.quote}" for c in again.citations)
        if again.answerable and any(b in re.sub(r"[“”\"]", "", cited + again.text) for _, b in fixes) \
                and parse(fixed).intent == parse(question).intent:
            read = "，".join(f"“{a}”按“{b}”理解" for a, b in fixes)
            return dataclasses.replace(again, text=f"（{read}）{again.text}")
        return None
