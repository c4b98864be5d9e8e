"""BudgetQA: question → Answer with Citations and Calculations, over budget documents in Chroma."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from assistant.answer import REFUSAL, Answer, Calculation, Citation
from assistant.corroborate import corroborate
from assistant.settings import Settings

__all__ = ["BudgetAssistant", "Answer", "Citation", "Calculation", "Settings", "REFUSAL"]
log = logging.getLogger(__name__)


class BudgetAssistant:
    """The Python API: ingest documents, ask questions, list and remove documents."""

    def __init__(self, store: str | Path | None = None, llm=None, settings: Settings | None = None,
                 chroma_url: str | None = None):
        from assistant.engine import Engine
        from assistant.library import Library
        from vectorstore.store import ChromaStore

        base = settings or Settings.from_env()
        self.settings = base.with_(store=str(store) if store is not None else None, chroma_url=chroma_url)
        self.store = ChromaStore(path=self.settings.store, url=self.settings.chroma_url or None)
        self.library = Library(self.store, self.settings)
        self.engine = Engine(self.library)
        self.llm = llm
        if self.llm is None and self.settings.llm_model:
            from assistant.llm import chat_model
            self.llm = chat_model(self.settings)
        self._local = threading.local()  # the previous answer's context, per calling thread

    def ingest(self, path: str | Path, progress=None):
        """Ingest a .pdf or .txt file; returns an IngestReport (same file twice changes nothing)."""
        return self.library.ingest(path, progress=progress)

    def ingest_many(self, paths, workers: int | None = None, on_file=None, on_page=None):
        """Ingest many files in `workers` parse processes; [(path, IngestReport or IngestError)], never raises per file."""
        return self.library.ingest_many(paths, workers=workers, on_file=on_file, on_page=on_page)

    def close(self) -> None:
        """Release the store (its writer lock); the process exiting does the same."""
        self.library.close()

    def ask(self, question: str, history: dict | None = None, scope: list[str] | None = None) -> Answer:
        """Answer a question; follow-ups resolve against `history` (an answer's .context), else this thread's previous answer."""
        context = history if history is not None else getattr(self._local, "last", {})
        self.library.refresh()  # documents another process ingested or removed meanwhile
        if self.llm is not None:
            from assistant.chain import LLMChain
            ans = LLMChain(self, self.llm).answer(question, context=context, scope=scope)
        else:
            ans = self.engine.answer(question, context=context, scope=scope)
        ans = corroborate(ans, self.library)  # the same amount where the document prints it again
        if history is None:  # a caller that passes history keeps its own
            self._local.last = dict(ans.context)
        return ans

    def documents(self):
        """The ingested documents (list of Document)."""
        self.library.refresh()
        return self.library.documents()

    def remove(self, doc_id: str) -> bool:
        """Remove a document and all of its records."""
        return self.library.remove(doc_id)

    def check(self, doc_id: str):
        """Consistency findings for one document."""
        from assistant.audit import check_doc
        d = self.library.get(doc_id)
        if d is None:
            raise KeyError(f"文档 {doc_id} 不在存储中")
        return check_doc(self.library.facts(d.doc_id), warnings=self.library.warnings(d.doc_id))

    def search(self, question: str, k: int = 5, doc_ids: list[str] | None = None, *, body: str | None = None,
               year: int | None = None, kind: str | None = None, table: str | None = None):
        """Retrieved text/table-row hits (lexical-first, dense fused when enabled), filtered by body, year, kind, table."""
        from assistant.retrieval import retrieve
        return retrieve(self, question, k=k, doc_ids=doc_ids, body=body, year=year, kind=kind, table=table)
