"""PDF or text → Document, TextChunk, TableFact, StatedFact (imports nothing of ours)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.errors import EmptyDocument, IngestError, UnsupportedFile
from ingest.model import Document, ParsedDocument, StatedFact, TableFact, TableInfo, TextChunk

PARSER_VERSION = "7"  # bump when extraction changes: stored documents are then re-parsed

__all__ = ["PARSER_VERSION", "parse_file", "doc_id_for", "Document", "ParsedDocument", "StatedFact", "TableFact",
           "TableInfo", "TextChunk", "IngestError"]


def doc_id_for(data: bytes) -> str:
    """A document's id: the first 16 hex digits of its content hash (same file → same id)."""
    return hashlib.sha256(data).hexdigest()[:16]


def parse_file(path: str | Path, progress=None) -> ParsedDocument:
    """Parse a .pdf or .txt budget document into facts, chunks and metadata."""
    from ingest.document import assemble

    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: 文件不存在")
    data = path.read_bytes()
    if not data:
        raise EmptyDocument(f"{path.name}: 文件是空的（0 字节）")
    sha = hashlib.sha256(data).hexdigest()
    doc_id = sha[:16]
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not data[:1024].lstrip().startswith(b"%PDF"):
            kind = "ZIP" if data[:2] == b"PK" else "HTML" if b"<html" in data[:512].lower() else "未知格式"
            raise UnsupportedFile(f"{path.name}: 扩展名是 .pdf，但内容不是 PDF（看起来是{kind}）")
        from ingest.pdf import pdf_pages
        pages, warnings = pdf_pages(path, progress=progress)
    elif suffix in (".txt", ".text"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnsupportedFile(f"{path.name}: 不是 UTF-8 编码的文本（第 {exc.start} 字节），请另存为 UTF-8") from exc
        if not text.strip():
            raise EmptyDocument(f"{path.name}: 文本文件没有内容")
        from ingest.textfile import text_pages
        pages, warnings = text_pages(text), []
        if progress:
            progress(len(pages), len(pages))
    else:
        raise UnsupportedFile(f"{path.name}: 只支持 .pdf 和 .txt 文件")
    return assemble(doc_id, path.name, sha, pages, list(warnings))
