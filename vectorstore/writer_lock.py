"""The writer lock of an embedded store folder: one writing process per folder (flock on
``.writer.lock``, its holder's pid inside), shared by the threads of that process; a writer
retries for a few seconds before StoreBusy, so a moment another process holds it never fails."""
from __future__ import annotations

import os
import threading
import time

class StoreError(Exception):
    """The Chroma store cannot be opened or written; the message names it."""


class StoreBusy(StoreError):
    """Another process is writing the same store folder."""


_locks: dict[str, list] = {}  # store folder → [file object, holders] (one flock per process)
_locks_guard = threading.Lock()


class WriterLock:
    """Mixed into ChromaStore (which sets ``path`` and ``_holding``)."""

    def acquire_writer(self, wait: float | None = None) -> None:
        """Become the one process that writes this folder, until close(); StoreBusy if another is.

        Another process may hold the lock for a moment only (opening a store checks for an
        interrupted ingest under it): the lock is tried again for `wait` seconds (default 5, env
        BUDGETQA_LOCK_WAIT) before giving up, so a long ingest never fails on such a moment.
        """
        if self._holding or self.path is None:
            return
        if wait is None:
            wait = float(os.environ.get("BUDGETQA_LOCK_WAIT") or 5.0)
        deadline = time.monotonic() + wait
        while not self._try_writer(last=time.monotonic() >= deadline):
            time.sleep(0.05)
        self._holding = True

    def _try_writer(self, last: bool) -> bool:
        """One try at the flock; on the last try a busy lock raises StoreBusy naming its holder."""
        import fcntl
        key = str(self.path.resolve())
        with _locks_guard:
            held = _locks.get(key)
            if held is None:
                fh = open(self.path / ".writer.lock", "a+")
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    fh.close()
                    if not last:
                        return False
                    raise self._busy() from None
                fh.seek(0)
                fh.truncate()
                fh.write(str(os.getpid()))
                fh.flush()
                held = _locks[key] = [fh, 0]
            held[1] += 1
        return True

    def _busy(self) -> StoreBusy:
        """The error for a folder another process writes, naming that process."""
        try:
            who = (self.path / ".writer.lock").read_text().strip() or "?"
        except OSError:
            who = "?"
        return StoreBusy(
            f"存储 {self.path} 正被另一个进程（pid {who}）写入：一个存储目录同一时间只能由一个进程写入。"
            "请等它结束后再试；要让多个进程或多台机器共用文档库，请运行 Chroma 服务器"
            "（chroma run --path DIR --port 8000）并用 --chroma-url 或 BUDGETQA_CHROMA_URL 连接。")

    @property
    def holding(self) -> bool:
        """Whether this store object holds the writer lock."""
        return self._holding

    def _lock_free(self) -> bool:
        """True when no process (this one included) holds the writer lock now; the lock is not kept."""
        import fcntl
        with _locks_guard:
            if str(self.path.resolve()) in _locks:
                return False
        try:
            with open(self.path / ".writer.lock", "a+") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(fh, fcntl.LOCK_UN)
        except OSError:
            return False
        return True

    def can_write(self) -> bool:
        """True when this process holds (or could take) the writer lock now; always True for a server."""
        try:
            self.acquire_writer(wait=0)
        except StoreBusy:
            return False
        return True

    def close(self) -> None:
        """Give up the writer lock (the process exiting does the same)."""
        if not self._holding or self.path is None:
            return
        key = str(self.path.resolve())
        with _locks_guard:
            held = _locks.get(key)
            if held is not None:
                held[1] -= 1
                if held[1] <= 0:
                    if getattr(self, "_writing", False):
                        self.files.end_writing()  # (every write of this process returned: a clean close)
                        self._writing = False
                    held[0].close()  # closing the file releases the flock
                    del _locks[key]
        self._holding = False
