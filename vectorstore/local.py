"""The files an embedded store keeps beside Chroma, so that answering a question never opens Chroma.

- ``catalog.json``: the metadata of every complete document, rewritten (temp file, fsync, rename)
  after each finished write or removal — the list of documents without a Chroma query;
- ``lexical/<doc_id>-<tag>.lex`` and ``.struct``: a document's lexical items and structured blob,
  named by a hash of their content, so a stale file can never be mistaken for a current one;
- ``pending/<doc_id>``: a marker made before the first Chroma write of a document (or of its
  removal) and removed after the catalog names the outcome. While one exists the catalog cannot
  be trusted, and the next writer opens Chroma and purges what the interrupted write left.

Only the process holding the writer lock writes the catalog and markers; readers take the
catalog as a consistent snapshot (it changes by atomic rename).
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

CATALOG = "catalog.json"
WRITING = "writing.pid"
FORMAT = 1


def _atomic_write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: temp file, fsync, rename."""
    # named by process and thread: two threads caching the same file never share a temp file
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LocalFolder:
    """Catalog, pending markers and content-named cached blobs in one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    # -- cached blobs --------------------------------------------------------------------
    def _blobs(self) -> Path:
        return self.folder / "lexical"

    def write(self, doc_id: str, tag: str, text: str, ext: str = "lex") -> None:
        """Cache a document's blob (ascii) in `<doc_id>-<tag>.<ext>`."""
        folder = self._blobs()
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / f"{doc_id}-{tag}.{ext}", text.encode("ascii"))

    def read(self, doc_id: str, tag: str, ext: str = "lex") -> str | None:
        """A cached blob, or None."""
        if not tag:
            return None
        try:
            return (self._blobs() / f"{doc_id}-{tag}.{ext}").read_text(encoding="ascii")
        except OSError:
            return None

    def drop(self, doc_id: str) -> None:
        """Delete a document's cached blobs (and temp files left by a killed writer)."""
        for files in self.files(doc_id).values():
            for f in files:
                f.unlink(missing_ok=True)

    def files(self, doc_id: str | None = None) -> dict[str, list[Path]]:
        """Cached files by doc_id (temp files included, under their doc_id)."""
        out: dict[str, list[Path]] = {}
        folder = self._blobs()
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                owner = f.name.lstrip(".").split("-", 1)[0]
                if doc_id is None or owner == doc_id:
                    out.setdefault(owner, []).append(f)
        return out

    # -- pending markers -----------------------------------------------------------------
    def _pending(self) -> Path:
        return self.folder / "pending"

    def mark(self, doc_id: str) -> None:
        """A document's write begins: the marker exists before anything else is touched."""
        folder = self._pending()
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / doc_id, str(os.getpid()).encode())

    def unmark(self, doc_id: str) -> None:
        """The write is finished and the catalog says so."""
        (self._pending() / doc_id).unlink(missing_ok=True)

    def marked(self) -> list[str]:
        """Documents whose write began and did not finish."""
        folder = self._pending()
        if not folder.is_dir():
            return []
        return sorted(f.name for f in folder.iterdir() if not f.name.startswith("."))

    # -- a writer's session ---------------------------------------------------------------
    # A writer names itself in WRITING before its first write and removes the file when it closes
    # the store. The file left by a process that ended without closing (killed, crashed) makes the
    # next writer check the catalog against Chroma, whatever moment the process ended at.
    def begin_writing(self) -> None:
        """This process is about to write (its pid in the file)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.folder / WRITING, str(os.getpid()).encode())

    def end_writing(self) -> None:
        """This process closed the store after its writes (or a purge checked them)."""
        (self.folder / WRITING).unlink(missing_ok=True)

    def unclosed(self) -> bool:
        """True when another process began writing and never closed the store."""
        try:
            pid = (self.folder / WRITING).read_text().strip()
        except OSError:
            return False
        return pid != str(os.getpid())

    # -- the catalog ---------------------------------------------------------------------
    def save_catalog(self, metas: list[dict]) -> None:
        """Replace the catalog with these documents' metadata."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"format": FORMAT, "docs": metas}, ensure_ascii=False, separators=(",", ":"))
        _atomic_write(self.folder / CATALOG, data.encode("utf-8"))

    def catalog(self) -> list[dict] | None:
        """The documents' metadata, or None when there is no readable catalog."""
        try:
            data = json.loads((self.folder / CATALOG).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("docs"), list):
            return None
        return data["docs"]

    def stamp(self) -> tuple[int, int] | None:
        """The catalog file's (mtime_ns, size): changes whenever a writer saves it; None when absent."""
        try:
            st = (self.folder / CATALOG).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def drop_catalog(self) -> None:
        """Forget the catalog (the next open reads the documents from Chroma)."""
        (self.folder / CATALOG).unlink(missing_ok=True)
