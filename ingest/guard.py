"""Parse files in worker processes with a time and a memory limit: a hostile file costs a worker, never the app.

Workers are plain ``python -m ingest.worker`` subprocesses (ingest/worker.py): each imports the parser
once, then parses one file per request and sends back the result (or the named error) over its stdout pipe. Every
request carries its limits: the worker lowers its address-space limit (RLIMIT_AS) by the request's
memory budget for the file, and the parent kills the worker when the time limit passes (the limit
grows with the page count once the worker reports it). A worker that timed out, ran out of memory
or died is replaced by a fresh one; the file gets a named error that says what happened to it.
"""
from __future__ import annotations

import atexit
import logging
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ingest.errors import IngestError
from ingest.worker import _HEAD

log = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parents[1]
RECYCLE_AFTER = 200  # files per worker before a fresh one (parsers leak a little)


class ParseTimeout(IngestError):
    """Parsing a file took longer than its time limit; the worker was stopped."""


class ParseOutOfMemory(IngestError):
    """Parsing a file needed more memory than its limit (a decompression bomb, a huge page)."""


class ParserCrashed(IngestError):
    """The worker parsing a file died (a signal or an exit) before it answered."""


class ParseFailed(IngestError):
    """The parser raised an unexpected error on a file: the file is malformed in a way not yet handled."""


@dataclass(frozen=True)
class Limits:
    """Per-file bounds: wall-clock seconds (at least, and per page once known) and extra memory."""

    seconds: float = 120.0
    seconds_per_page: float = 1.0
    memory_mb: int = 2048

    def deadline(self, start: float, pages: int | None) -> float:
        """When a file that started at `start` must be done."""
        return start + max(self.seconds, (pages or 0) * self.seconds_per_page)


# -- the parent side ---------------------------------------------------------------------
class _Died(Exception):
    pass


class _Late(Exception):
    pass


class _Worker:
    """One worker subprocess and the framing of its pipes."""

    def __init__(self, preload: list[str], post: str):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        cmd = [sys.executable, "-m", "ingest.worker", "--post", post, *(f"--preload={m}" for m in preload)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=str(_ROOT),
                                     start_new_session=True)
        self.fd = self.proc.stdout.fileno()
        self.files = 0
        self._buf = b""

    def _read(self, n: int, deadline: float) -> bytes:
        while len(self._buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Late
            ready, _, _ = select.select([self.fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(self.fd, max(65536, n - len(self._buf)))
            if not chunk:
                raise _Died
            self._buf += chunk
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def recv(self, deadline: float):
        """The next message, or _Late at the deadline, or _Died when the worker is gone."""
        n = _HEAD.unpack(self._read(_HEAD.size, deadline))[0]
        return pickle.loads(self._read(n, deadline))

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Wait until the worker has imported the parser."""
        try:
            msg = self.recv(time.monotonic() + timeout)
        except (_Late, _Died) as exc:
            # a worker that died is waited for (its exit code says why); one that hangs is stopped
            how = self.status() if isinstance(exc, _Died) else f"{timeout:.0f} 秒内没有就绪"
            self.kill()
            raise ParserCrashed(f"解析进程没有启动（{' '.join(self.proc.args[:4])}，{how}）："
                                "请检查 Python 环境和依赖是否完整（pip install -e .），再重试") from None
        assert msg[0] == "ready", msg

    def send(self, path: str, memory_mb: int) -> None:
        """Ask for one file."""
        data = pickle.dumps((path, memory_mb))
        self.proc.stdin.write(_HEAD.pack(len(data)) + data)
        self.proc.stdin.flush()

    def kill(self) -> None:
        """Stop the worker now."""
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass

    def status(self) -> str:
        """How the worker ended: '信号 SIGSEGV' / '退出码 1'."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "无响应"
        if code < 0:
            try:
                return f"信号 {signal.Signals(-code).name}"
            except ValueError:
                return f"信号 {-code}"
        return f"退出码 {code}"


class Pool:
    """Worker processes shared by every ingest of this process (thread-safe)."""

    def __init__(self, size: int, preload: list[str], post: str):
        self.size = max(1, size)
        self.preload, self.post = list(preload), post
        self._idle: list[_Worker] = []
        self._busy = 0
        self._cond = threading.Condition()
        self._closed = False
        self.seconds: dict[str, float] = {}  # path → how long its last parse took (errors included)

    def _take(self) -> _Worker:
        with self._cond:
            while not self._idle and self._busy >= self.size:
                self._cond.wait()
            self._busy += 1
            if self._idle:
                return self._idle.pop()
        try:
            w = _Worker(self.preload, self.post)
            w.wait_ready()
            return w
        except BaseException:
            self._give(None)
            raise

    def _give(self, w: _Worker | None) -> None:
        with self._cond:
            self._busy -= 1
            if w is not None and not self._closed and w.files < RECYCLE_AFTER and len(self._idle) < self.size:
                self._idle.append(w)
                w = None
            self._cond.notify()
        if w is not None:
            w.kill()

    def _take_for(self, path: Path) -> _Worker:
        """A worker for this file; a worker that cannot start is this file's named error."""
        try:
            return self._take()
        except ParserCrashed as exc:
            raise ParserCrashed(f"{path.name}: {exc}") from None

    def run(self, path: str | Path, limits: Limits = Limits(), progress: Callable[[int, int], None] | None = None):
        """Parse one file in a worker: its result, or a named IngestError for this file."""
        path = Path(path)
        w = self._take_for(path)
        try:
            w.send(str(path.resolve()), limits.memory_mb)
        except OSError:  # the idle worker was gone (killed from outside): one fresh try
            self._give(None)
            w = self._take_for(path)
            w.send(str(path.resolve()), limits.memory_mb)
        healthy = False
        start = time.monotonic()
        try:
            pages = None
            w.files += 1
            while True:
                try:
                    msg = w.recv(limits.deadline(start, pages))
                except _Late:
                    took = time.monotonic() - start
                    raise ParseTimeout(f"{path.name}: 解析 {took:.0f} 秒仍未完成"
                                       f"{f'（共 {pages} 页）' if pages else ''}，已停止；文件可能过大或结构异常"
                                       "（上限可用 BUDGETQA_PARSE_TIMEOUT 调整）") from None
                except _Died:
                    raise ParserCrashed(f"{path.name}: 解析进程意外退出（{w.status()}），文件可能已损坏或结构异常，"
                                        "请检查文件后重试") from None
                kind = msg[0]
                if kind == "page":
                    pages = msg[2]
                    if progress:
                        progress(msg[1], msg[2])
                    continue
                if kind == "ok":
                    healthy = True
                    return msg[1]
                if kind == "error":
                    healthy = True
                    raise msg[1]
                if kind == "memory":
                    raise ParseOutOfMemory(f"{path.name}: 解析需要超过 {limits.memory_mb} MB 内存，已停止；"
                                           "文件可能是压缩炸弹或异常巨大（上限可用 BUDGETQA_PARSE_MEMORY_MB 调整）")
                healthy = True
                raise ParseFailed(f"{path.name}: 解析时出错（{msg[1]}: {msg[2]}），文件格式不规范，请检查文件或另存为 PDF 后重试")
        finally:
            self.seconds[str(path)] = time.monotonic() - start
            if not healthy:  # timed out, out of memory or dead: stop it (and reap it), never leave it parsing
                w.kill()
            self._give(w if healthy else None)

    def map(self, paths: Iterable[str | Path], limits: Limits = Limits(), workers: int | None = None,
            progress: Callable[[Path, int, int], None] | None = None) -> Iterator[tuple[Path, object]]:
        """(path, result or IngestError) as files finish, `workers` at a time; errors never stop the batch."""
        workers = max(1, min(workers or self.size, self.size))
        todo = iter([Path(p) for p in paths])
        running: dict[Future, Path] = {}
        with ThreadPoolExecutor(workers, thread_name_prefix="parse") as ex:
            def submit() -> bool:
                p = next(todo, None)
                if p is None:
                    return False
                cb = (lambda i, n, p=p: progress(p, i, n)) if progress else None
                running[ex.submit(self.run, p, limits, cb)] = p
                return True

            for _ in range(workers * 2):  # a little ahead, so a worker never waits for the consumer
                if not submit():
                    break
            while running:
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for fut in done:
                    p = running.pop(fut)
                    try:
                        yield p, fut.result()
                    except IngestError as exc:
                        yield p, exc
                    submit()

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their file is done)."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
        for w in idle:
            w.kill()


_pools: dict[tuple, Pool] = {}
_pools_lock = threading.Lock()


def pool(size: int | None = None, preload: Iterable[str] = (), post: str = "") -> Pool:
    """The process's shared pool for this preload/post (created on first use; grows, never shrinks)."""
    key = (tuple(preload), post)
    with _pools_lock:
        p = _pools.get(key)
        if p is None or p._closed:
            p = _pools[key] = Pool(size or os.cpu_count() or 1, list(preload), post)
        elif size and size > p.size:
            with p._cond:
                p.size = size
                p._cond.notify_all()
        return p


@atexit.register
def _shutdown() -> None:
    for p in list(_pools.values()):
        p.close()


def parse_isolated(path: str | Path, limits: Limits = Limits(), progress=None):
    """Parse one file (a ParsedDocument) in a worker of the shared pool, within limits."""
    return pool().run(path, limits, progress)
