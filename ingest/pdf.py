"""The only module that imports pdfplumber: PDF pages → text lines and raw tables."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from ingest.document import PageContent, empty_note, find_title_unit
from ingest.errors import CorruptPDF, EmptyDocument, EncryptedPDF, GarbledText, TooManyPages
from ingest.tables import RawTable

log = logging.getLogger(__name__)
_CID = re.compile(r"\(cid:\d+\)")
_WORD_GAP = 3.0  # pdfplumber's x_tolerance: a wider gap between characters is a space
_BELOW = 60.0  # how far below a table its note ('注：本表无数据') is looked for


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of a page: its vertical extent and its characters joined left to right."""

    top: float
    bottom: float
    text: str


def _open(path: Path):
    try:
        return pdfplumber.open(path)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on damage
        if _cause(exc, MemoryError) is not None:
            raise  # the parse guard names it (ParseOutOfMemory)
        raise _open_error(path, exc) from exc


def _cause(exc: BaseException | None, kind: type) -> BaseException | None:
    """The exception of `kind` behind exc (pdfplumber re-raises pdfminer's errors wrapped in its own)."""
    for _ in range(10):
        if exc is None or isinstance(exc, kind):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _declares_encryption(path: Path) -> bool:
    """Does the trailer (or a cross-reference stream near the start) name an /Encrypt dictionary?"""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
            fh.seek(max(0, path.stat().st_size - 65536))
            tail = fh.read()
    except OSError:
        return False
    return b"/Encrypt" in head or b"/Encrypt" in tail


def _open_error(path: Path, exc: Exception) -> EncryptedPDF | CorruptPDF:
    """The named error for a PDF pdfplumber cannot open: encrypted (with or without a known scheme), else corrupt."""
    enc = _cause(exc, PDFEncryptionError)
    if isinstance(enc, PDFPasswordIncorrect):
        return EncryptedPDF(f"{path.name}: PDF 设置了打开密码（已加密），无法读取其中的文字和表格；请用 PDF 阅读器"
                            "输入密码打开后“另存为”不加密的 PDF（或向发布单位索取未加密的版本），再导入")
    if enc is not None:  # a scheme pdfminer cannot open (certificate security, an unknown algorithm)
        return EncryptedPDF(f"{path.name}: PDF 已加密，且加密方式无法解开（{str(enc).split(':')[0][:40]}），无法读取；"
                            "请用 PDF 阅读器打开后“另存为”不加密的 PDF，再导入")
    if _declares_encryption(path):
        return EncryptedPDF(f"{path.name}: PDF 已加密，且无法解析（{type(exc).__name__}），文件可能不完整；请重新下载，"
                            "或用 PDF 阅读器打开后“另存为”不加密的 PDF，再导入")
    if isinstance(exc, (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError,
                        RecursionError, AssertionError)):
        return CorruptPDF(f"{path.name}: 无法解析的 PDF（{type(exc).__name__}: {str(exc)[:80]}），"
                          "文件可能不完整或已损坏；请重新下载或从原文件重新导出 PDF")
    return CorruptPDF(f"{path.name}: 无法解析的 PDF（{type(exc).__name__}），文件可能不完整或已损坏；"
                      "请重新下载或从原文件重新导出 PDF")


def _declared_pages(pdf) -> int | None:
    """The page count the document's page tree declares, or None when it cannot be read."""
    try:
        from pdfminer.pdftypes import resolve1
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # noqa: BLE001 - a damaged tree is reported when the pages are read
        return None


def pdf_pages(path: Path, progress=None, max_pages: int = 5000) -> tuple[list[PageContent], list[str]]:
    """Every page's narrative lines and titled raw tables, plus warnings (scanned, cid garbage)."""
    warnings: list[str] = []
    pdf = _open(path)
    try:
        declared = _declared_pages(pdf)  # the page tree's /Count: cheap, before every page is loaded
        if declared is not None and declared > max_pages:
            raise TooManyPages(f"{path.name}: {declared} 页，超过上限 {max_pages} 页，不像一份预算文件；请拆分后再导入")
        try:
            n = len(pdf.pages)
        except Exception as exc:  # noqa: BLE001
            if _cause(exc, MemoryError) is not None:
                raise
            raise CorruptPDF(f"{path.name}: 无法读取页面（{type(exc).__name__}），文件可能已损坏；"
                             "请重新下载或从原文件重新导出 PDF") from exc
        if n == 0:
            raise EmptyDocument(f"{path.name}: PDF 没有页面（0 页），没有可导入的内容；请检查是否下载完整")
        if n > max_pages:
            raise TooManyPages(f"{path.name}: {n} 页，超过上限 {max_pages} 页，不像一份预算文件；请拆分后再导入")
        pages: list[PageContent] = []
        blank: dict[str, list[int]] = {}
        garbled: list[int] = []
        tail: list[str] = []
        for i, page in enumerate(pdf.pages, start=1):
            try:
                pc, next_tail = _page(page, i)
            except Exception as exc:  # noqa: BLE001 - one damaged page must not lose the rest
                if _cause(exc, MemoryError) is not None:
                    raise  # not damage but the memory limit (a bomb): the parse guard names it
                warnings.append(f"第{i}页无法解析（{type(exc).__name__}），已跳过")
                pc, next_tail = PageContent(i), []
            if not pc.text.strip():
                blank.setdefault(_why_blank(page), []).append(i)
            elif len(_CID.findall(pc.text)) > 20:
                garbled.append(i)
                # '(cid:123)' runs are no text: keep the page (numbering) but nothing from it
                pc, next_tail = PageContent(i, text=pc.text), []
            _title_from_previous_page(pc, tail)
            tail = next_tail
            pages.append(pc)
            page.close()
            if progress:
                progress(i, n)
    finally:
        _close(pdf)
    nblank = sum(len(v) for v in blank.values())
    if nblank == len(pages):
        raise EmptyDocument(f"{path.name}: 全部 {len(pages)} 页都没有文字层（扫描件？），请先做 OCR 再导入")
    if nblank + len(garbled) == len(pages):
        raise GarbledText(f"{path.name}: 文字无法解码（cid 乱码，字体缺少 ToUnicode 映射）：第{_ranges(garbled)}页；"
                          "请用原始文件重新导出 PDF，或先做 OCR 再导入")
    for why, nums in blank.items():
        warnings.append(f"没有文字的页（{why}）：第{_ranges(nums)}页")
    if garbled:
        warnings.append(f"文字无法解码（cid 乱码）的页：第{_ranges(garbled)}页，这些页未导入")
    return pages, warnings


def _close(pdf) -> None:
    """Close a PDF without pdfplumber's close(): that flushes its page cache and then loads every page
    again to close it (seconds for thousands of pages), and a damaged page tree would mask the real error."""
    for page in getattr(pdf, "_pages", None) or []:
        try:
            page.close()
        except Exception:  # noqa: BLE001
            pass
    try:
        if not getattr(pdf, "stream_is_external", False):
            pdf.stream.close()
    except Exception as exc:  # noqa: BLE001
        log.debug("closing %s failed: %s", getattr(pdf, "stream", "?"), exc)


def _why_blank(page) -> str:
    """Why a page has no text: a picture (a scan), only ruling lines (an empty table), or nothing."""
    try:
        return _blank_reason(page)
    except Exception as exc:  # noqa: BLE001 - a page whose objects cannot be read at all
        if _cause(exc, MemoryError) is not None:
            raise
        return f"页面内容无法解析：{type(exc).__name__}"


def _blank_reason(page) -> str:
    if page.images:
        return "只有图片，扫描页？"
    if page.lines or page.rects or page.curves:
        return "只有表格线，没有文字"
    return "空白页"


def _ranges(nums: list[int]) -> str:
    return "、".join(str(x) for x in nums)


def _title_from_previous_page(pc: PageContent, tail: list[str]) -> None:
    """A title printed at the foot of the previous page belongs to this page's first table."""
    if not pc.tables or pc.tables[0].title or pc.tables[0].context:
        return
    title, unit = find_title_unit(tail[-3:])
    if title:
        pc.tables[0].title, pc.tables[0].unit = title, pc.tables[0].unit or unit


def lines_of(chars: list[dict]) -> list[Line]:
    """Characters → lines by vertical overlap, so digits set lower than their CJK text stay in line."""
    rows: list[list] = []  # [top, bottom, chars] of the line's first character
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        top, bottom = c["top"], c["bottom"]
        for row in reversed(rows[-4:]):
            overlap = min(row[1], bottom) - max(row[0], top)
            if overlap >= 0.5 * min(bottom - top, row[1] - row[0]):
                row[2].append(c)
                break
        else:
            rows.append([top, bottom, [c]])
    out = []
    for top, bottom, cs in rows:
        cs.sort(key=lambda c: c["x0"])
        parts, prev = [], None
        for c in cs:
            if prev is not None and c["x0"] - prev > _WORD_GAP:
                parts.append(" ")
            parts.append(c["text"])
            prev = c["x1"]
        out.append(Line(top, bottom, "".join(parts)))
    return out


def _between(lines: list[Line], top: float, bottom: float) -> list[str]:
    return [ln.text for ln in lines if top <= (ln.top + ln.bottom) / 2 <= bottom]


def _page(page, no: int) -> tuple[PageContent, list[str]]:
    """One page: its text, narrative lines, titled raw tables, and the lines after its last table."""
    chars = [c for c in page.chars if not c["text"].isspace()]
    found = sorted(page.find_tables(), key=lambda t: t.bbox[1]) if page.lines or page.rects or page.curves else []
    all_lines = lines_of(chars)
    pc = PageContent(no, text="\n".join(ln.text for ln in all_lines))
    if not found:
        pc.lines = [ln.text for ln in all_lines]
        return pc, pc.lines
    boxes = [t.bbox for t in found]

    def outside(c) -> bool:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    free = lines_of([c for c in chars if outside(c)])
    pc.lines = [ln.text for ln in free]
    top = 0.0
    for k, t in enumerate(found):
        t_top, t_bottom = t.bbox[1], t.bbox[3]
        above = _between(free, top, t_top)
        nxt = found[k + 1].bbox[1] if k + 1 < len(found) else page.height
        below = _between(free, t_bottom, min(nxt, t_bottom + _BELOW))
        rows = t.extract()
        if not rows:
            continue
        title, unit = find_title_unit(above)
        pc.tables.append(RawTable(title=title, unit=unit, rows=[list(r) for r in rows],
                                  row_pages=[no] * len(rows), note=empty_note(below), context=above))
        top = t_bottom
    return pc, _between(free, top, page.height)
