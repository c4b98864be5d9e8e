"""`budgetqa` commands: a thin layer over the API (ingest, ask, search, docs, remove, eval, check, serve)."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

# the day the development and holdout cases were written: their '今年' is 2026, '去年' 2025
CASES_WRITTEN_ON = "2026-11-27"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

FILE_TYPES = (".pdf", ".txt")


def _qa(args, **kw):
    from assistant import BudgetAssistant, Settings
    settings = Settings.from_env()
    if getattr(args, "no_embed", False):
        settings = settings.with_(embed_on_ingest=False)
    return BudgetAssistant(store=args.store or settings.store, settings=settings,
                           chroma_url=getattr(args, "chroma_url", None) or None, **kw)


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix.lower() in FILE_TYPES))
        else:
            out.append(p)
    return out


def cmd_ingest(args) -> int:
    """Ingest files and folders in parallel workers; a bad file is reported at the end, the rest still load."""
    from tqdm import tqdm
    qa = _qa(args)
    paths = _files(args.paths)
    workers = args.workers or os.cpu_count() or 1
    pages: dict[Path, int] = {}
    bar = tqdm(total=len(paths), desc="导入", unit="个文件", file=sys.stderr, disable=len(paths) < 2)
    failed: list[tuple[Path, Exception]] = []

    def on_page(path: Path, i: int, n: int) -> None:
        pages[path] = i
        bar.set_postfix_str(f"{sum(pages.values())} 页", refresh=False)

    def on_file(path: Path, r) -> None:
        bar.update(1)
        if isinstance(r, Exception):
            failed.append((path, r))
            return
        state = "已存在，未改动" if r.skipped else "已导入"
        warn = f"，警告 {len(r.warnings)} 条" if r.warnings else ""
        bar.write(f"✓ {r.source} [{r.doc_id}] {state}：{r.pages} 页，{r.text_chunks} 个文本块，"
                  f"{r.tables} 张表，{r.table_facts} 个表格数字{warn}", file=sys.stdout)
        for w in r.warnings:
            bar.write(f"    ! {w}", file=sys.stdout)

    qa.ingest_many(paths, workers=workers, on_file=on_file, on_page=on_page)
    qa.close()  # (a clean close: the next process trusts the catalog without opening Chroma)
    bar.close()
    for path, exc in failed:  # the errors name their file; the rest of the batch is loaded
        print(f"✗ {exc}" if str(exc).startswith(path.name) else f"✗ {path.name}: {exc}")
    if len(paths) > 1:
        print(f"共 {len(paths)} 个文件：成功 {len(paths) - len(failed)}，失败 {len(failed)}")
    return 1 if failed else 0


def cmd_ask(args) -> int:
    """Answer one question."""
    qa = _qa(args)
    ans = qa.ask(args.question, history={})
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(ans.text)
        if ans.citations:
            print("来源：")
            for c in ans.citations:
                print(f"  - {c.label()}")
    return 0 if ans.answerable else 2


def cmd_docs(args) -> int:
    """List the documents in the store."""
    qa = _qa(args)
    docs = qa.documents()
    if args.ids:
        for d in docs:
            print(d.doc_id)
        return 0
    if not docs:
        print("存储中没有文档。用 `budgetqa ingest 文件.pdf` 导入。")
        return 0
    for d in docs:
        df = qa.library.facts(d.doc_id)
        print(f"{d.doc_id}  {d.department}  {d.year or '?'}年 {d.scope}{d.kind}  {d.pages}页  "
              f"{len(df.tables)}张表  {len(df.facts)}个数字  日期 {d.date or '—'}  {d.source}")
    return 0


def cmd_remove(args) -> int:
    """Remove a document by id."""
    qa = _qa(args)
    if qa.remove(args.doc_id):
        print(f"已删除 {args.doc_id}")
        return 0
    print(f"没有文档 {args.doc_id}")
    return 1


def cmd_serve(args) -> int:
    """Serve the web chat."""
    if getattr(args, "chroma_url", ""):
        os.environ["BUDGETQA_CHROMA_URL"] = args.chroma_url  # app.main reads the settings from the environment
    import app
    app.main(host=args.host, port=args.port, store=args.store)
    return 0


def cmd_eval(args) -> int:
    """Run evaluation cases and print (and optionally save / compare) the report."""
    import tempfile
    from tqdm import tqdm
    from evals.cases import CaseError, load_cases
    from evals.runner import compare, format_table, load_report, report, run
    try:
        cases = load_cases(args.cases)
    except CaseError as exc:
        print(exc, file=sys.stderr)
        return 2
    os.environ["BUDGETQA_TODAY"] = args.today  # ('去年' in a case means the year before the day it was written)
    store = args.store or (tempfile.mkdtemp(prefix="budgetqa-eval-") if args.docs else None)
    args.store = store
    llm = None
    if args.llm:
        from assistant import Settings
        from assistant.llm import chat_model
        llm = chat_model(Settings.from_env(llm_model=args.llm))
    qa = _qa(args, llm=llm)
    for path in _files(args.docs or []):
        qa.ingest(path)
    bar = tqdm(total=len(cases), desc="eval", leave=False, file=sys.stderr, disable=args.quiet)
    results = run(qa, cases, progress=lambda i, n: bar.update(1))
    bar.close()
    rep = report(results)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
    text = format_table(rep)
    print(text.split("\nmisses")[0] if args.quiet else text)
    if args.compare:
        problems = compare(rep, load_report(args.compare))
        if problems:
            print("REGRESSION against " + args.compare + ":")
            for p in problems:
                print("  - " + p)
            return 1
        print(f"no regression against {args.compare}")
    return 0


def cmd_check(args) -> int:
    """Consistency audit of documents (paths are ingested first, ids looked up)."""
    from assistant.audit import check_doc
    qa = _qa(args)
    targets = []
    for d in args.docs or []:
        if Path(d).exists():
            targets.append(qa.ingest(d).doc_id)
        else:
            doc = qa.library.get(d)
            if doc is None:
                print(f"没有文档 {d}", file=sys.stderr)
                return 1
            targets.append(doc.doc_id)
    targets = targets or [d.doc_id for d in qa.documents()]
    out = []
    for doc_id in targets:
        df = qa.library.facts(doc_id)
        findings = check_doc(df, warnings=qa.library.warnings(doc_id))
        for f in findings:
            out.append(f.to_dict() | {"doc": df.document.source})
            if not args.json:
                print(f"[{f.severity}] {df.document.source} 第{','.join(map(str, f.pages))}页 {f.rule}：{f.message}")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def cmd_search(args) -> int:
    """Show what retrieval finds for a question (the passages the LLM path and the sources draw on)."""
    qa = _qa(args)
    hits = qa.search(args.question, k=args.k, body=args.body or None, year=args.year or None,
                     kind=args.kind or None, table=args.table or None)
    docs = {d.doc_id: d for d in qa.documents()}
    if args.json:
        print(json.dumps([{"item": h.item_id, "doc": docs[h.doc_id].source if h.doc_id in docs else h.doc_id,
                           "page": h.page, "table": h.table, "score": round(h.score, 3), "text": h.text}
                          for h in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("没有找到相关的段落或表格行。")
        return 2
    for n, h in enumerate(hits, 1):
        src = docs[h.doc_id].source if h.doc_id in docs else h.doc_id
        where = f"第{h.page}页" + (f"《{h.table}》" if h.table else "")
        text = h.text if len(h.text) <= 120 else h.text[:119] + "…"
        print(f"{n}. [{h.score:.2f}] 《{src}》{where}\n   {text}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (every command documented in the README)."""
    p = argparse.ArgumentParser(prog="budgetqa", description="预算问答：带出处的预算数字问答")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--store", default=os.environ.get("BUDGETQA_STORE", "data/store"),
                        help="Chroma 存储目录（默认 ./data/store，或 BUDGETQA_STORE）")
        sp.add_argument("--chroma-url", default=os.environ.get("BUDGETQA_CHROMA_URL", ""),
                        help="Chroma 服务器地址，如 http://127.0.0.1:8000")
        return sp

    sp = common(sub.add_parser("ingest", help="导入 PDF/TXT 文件或目录"))
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--no-embed", action="store_true", help="不计算稠密向量（更快）")
    sp.add_argument("--workers", type=int, default=0, help="并行解析的进程数（默认：CPU 核数）")
    sp.set_defaults(fn=cmd_ingest)
    sp = common(sub.add_parser("ask", help="提问"))
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="输出 ans.to_dict() 的 JSON")
    sp.set_defaults(fn=cmd_ask)
    sp = common(sub.add_parser("search", help="检索：列出与问题最相关的段落和表格行"))
    sp.add_argument("question")
    sp.add_argument("-k", type=int, default=5, help="返回几条（默认 5）")
    sp.add_argument("--body", default="", help="只看这个单位的文档，如 司法局")
    sp.add_argument("--year", type=int, default=0, help="只看这一年的文档")
    sp.add_argument("--kind", default="", choices=["", "预算", "决算"], help="只看预算或决算")
    sp.add_argument("--table", default="", help="只看标题含这些字的表格的行，如 三公")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_search)
    sp = common(sub.add_parser("docs", help="列出已导入的文档"))
    sp.add_argument("--ids", action="store_true", help="只输出 doc_id")
    sp.set_defaults(fn=cmd_docs)
    sp = common(sub.add_parser("remove", help="删除一个文档"))
    sp.add_argument("doc_id")
    sp.set_defaults(fn=cmd_remove)
    sp = common(sub.add_parser("serve", help="启动网页聊天"))
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=7860)
    sp.set_defaults(fn=cmd_serve)
    sp = common(sub.add_parser("eval", help="运行评测用例"))
    sp.add_argument("--cases", required=True)
    sp.add_argument("--docs", nargs="*")
    sp.add_argument("--llm", default="", help="用这个模型名走 LLM 路径（OpenAI 兼容接口）")
    sp.add_argument("--json", default="", help="把报告写入这个 JSON 文件")
    sp.add_argument("--compare", default="", help="与基线报告比较，退步则失败")
    sp.add_argument("--quiet", action="store_true", help="不列出每个错题")
    sp.add_argument("--no-embed", action="store_true")
    # (the cases say '今年', '去年' as their writers did on that day; BUDGETQA_TODAY, when set, wins)
    sp.add_argument("--today", default=os.environ.get("BUDGETQA_TODAY", CASES_WRITTEN_ON),
                    help=f"'今年/去年'按哪一天算（默认 {CASES_WRITTEN_ON}，评测用例写成的日子）")
    sp.set_defaults(fn=cmd_eval, store=None)
    sp = common(sub.add_parser("check", help="核查文档中的数字一致性"))
    sp.add_argument("docs", nargs="*")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_check)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `budgetqa` console script; errors become one readable line."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.command == "eval" and args.store == os.environ.get("BUDGETQA_STORE", "data/store") and args.docs:
        args.store = None
    from assistant.settings import SettingsError
    from ingest.errors import IngestError
    from vectorstore.embeddings import EmbeddingError
    from vectorstore.store import StoreError
    try:
        return args.fn(args)
    except (IngestError, StoreError, SettingsError, EmbeddingError, KeyError, FileNotFoundError) as exc:
        # a KeyError's str() is its repr ('…' in quotes): print the message itself
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"错误：{msg}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
