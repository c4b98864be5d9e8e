"""The parse worker: `python -m ingest.worker --post MOD:FN --preload=MOD…`, started by ingest.guard.Pool.

It imports the parser once, then reads (path, memory_mb) requests on stdin and answers each on its
original stdout with a pickled tuple: ("page", i, n) while parsing, then ("ok", result),
("error", IngestError), ("memory",) or ("failed", type, message). Before each file it lowers its
address-space limit (RLIMIT_AS) by the request's memory budget; it exits with its parent.
"""
from __future__ import annotations

import importlib
import logging
import os
import pickle
import signal
import struct
import sys
import threading
import time
from typing import Callable

from ingest.errors import IngestError

_HEAD = struct.Struct("<Q")


def _send(out, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEAD.pack(len(data)) + data)
    out.flush()


def _read_request(inp):
    head = inp.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    return pickle.loads(inp.read(_HEAD.unpack(head)[0]))


def _vsz() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _die_with_parent() -> None:
    """Exit when the parent goes, even mid-file (PDEATHSIG would fire when the spawning thread ends)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _out_of_memory(exc: BaseException) -> bool:
    """A MemoryError wrapped by a library (pdfplumber re-raises pdfminer's errors as its own)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError) or "allocate" in str(exc).lower():
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _resolve(spec: str) -> Callable | None:
    if not spec:
        return None
    mod, _, name = spec.partition(":")
    return getattr(importlib.import_module(mod), name)


def serve(preload: list[str], post: str) -> None:
    """The worker loop: read (path, memory_mb) requests on stdin, answer on the original stdout."""
    import resource

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C in a terminal is the parent's to handle
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing parser must not write core files
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints from libraries go to stderr, not into the answer pipe
    sys.stdout = sys.stderr
    logging.basicConfig(level=logging.ERROR)
    from ingest import parse_file
    for mod in preload:
        m = importlib.import_module(mod)
        if hasattr(m, "warm"):
            m.warm()
    post_fn = _resolve(post)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    inp = sys.stdin.buffer
    _send(out, ("ready", os.getpid()))
    while True:
        req = _read_request(inp)
        if req is None:
            return
        path, memory_mb = req
        last = [0.0]

        def progress(i: int, n: int) -> None:
            now = time.monotonic()
            if i in (1, n) or now - last[0] >= 0.2:
                last[0] = now
                _send(out, ("page", i, n))

        cap = _vsz() + memory_mb * 1024 * 1024
        msg: tuple
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
            parsed = parse_file(path, progress=progress)
            result = post_fn(parsed) if post_fn else parsed
            del parsed
            msg = ("ok", result)
        except IngestError as exc:
            msg = ("error", exc)
        except MemoryError:
            msg = ("memory",)
        except RecursionError:
            msg = ("failed", "RecursionError", "对象嵌套过深")
        except Exception as exc:  # noqa: BLE001 - any parser bug becomes a named error for this file
            msg = ("memory",) if _out_of_memory(exc) else ("failed", type(exc).__name__, str(exc)[:200])
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        try:
            _send(out, msg)
        except Exception as exc:  # noqa: BLE001 - an unpicklable error or result
            _send(out, ("failed", type(exc).__name__, f"结果无法传回：{str(exc)[:120]}"))
        if msg[0] == "memory":
            return  # a fresh worker next time: the heap is fragmented after a MemoryError


def main(argv: list[str] | None = None) -> None:
    """`python -m ingest.worker --post MOD:FN --preload=MOD…`: run as a worker (started by Pool)."""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m ingest.worker")
    ap.add_argument("--post", default="")
    ap.add_argument("--preload", action="append", default=[])
    args = ap.parse_args(argv)
    serve(args.preload, args.post)


if __name__ == "__main__":
    main()
