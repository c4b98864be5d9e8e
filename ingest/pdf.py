"""The only module that imports pdfplumber: PDF pages → text lines and raw tables."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from ingest.document import PageContent, empty_note, find_title_unit
from ingest.errors import CorruptPDF, EmptyDocument, EncryptedPDF
from ingest.tables import RawTable

log = logging.getLogger(__name__)
_CID = re.compile(r"\(cid:\d+\)")


def _open(path: Path):
    try:
        return pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPDF(f"{path.name}: 这是加密的 PDF（{type(exc).__name__}），请先去除密码再导入") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError,
            RecursionError, AssertionError) as exc:
        raise CorruptPDF(f"{path.name}: 无法解析的 PDF（{type(exc).__name__}: {str(exc)[:80]}），请检查文件是否完整") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on damage
        raise CorruptPDF(f"{path.name}: 无法解析的 PDF（{type(exc).__name__}），请检查文件是否完整") from exc


def pdf_pages(path: Path, progress=None, max_pages: int = 5000) -> tuple[list[PageContent], list[str]]:
    """Every page's narrative lines and titled raw tables, plus warnings (scanned, cid garbage)."""
    warnings: list[str] = []
    pdf = _open(path)
    try:
        try:
            n = len(pdf.pages)
        except Exception as exc:  # noqa: BLE001
            raise CorruptPDF(f"{path.name}: 无法读取页面（{type(exc).__name__}），文件可能已损坏") from exc
        if n == 0:
            raise EmptyDocument(f"{path.name}: PDF 没有页面")
        if n > max_pages:
            raise CorruptPDF(f"{path.name}: {n} 页，超过上限 {max_pages} 页")
        pages: list[PageContent] = []
        blank, garbled = [], []
        for i, page in enumerate(pdf.pages, start=1):
            try:
                pc = _page(page, i)
            except Exception as exc:  # noqa: BLE001 - one damaged page must not lose the rest
                warnings.append(f"第{i}页无法解析（{type(exc).__name__}），已跳过")
                pc = PageContent(i)
            if not pc.text.strip():
                blank.append(i)
            elif len(_CID.findall(pc.text)) > 20:
                garbled.append(i)
            pages.append(pc)
            page.close()
            if progress:
                progress(i, n)
    finally:
        pdf.close()
    if len(blank) == len(pages):
        raise EmptyDocument(f"{path.name}: 全部 {len(pages)} 页都没有文字层（扫描件？），请先做 OCR 再导入")
    if blank:
        warnings.append(f"没有文字的页（空白页或扫描页）：第{_ranges(blank)}页")
    if garbled:
        warnings.append(f"文字无法解码（cid 乱码）的页：第{_ranges(garbled)}页")
    return pages, warnings


def _ranges(nums: list[int]) -> str:
    return "、".join(str(x) for x in nums)


def _page(page, no: int) -> PageContent:
    text = page.extract_text() or ""
    found = page.find_tables()
    found.sort(key=lambda t: t.bbox[1])
    pc = PageContent(no, text=text)
    if not found:
        pc.lines = text.splitlines()
        return pc
    top = 0.0
    boxes = [t.bbox for t in found]

    def outside(obj) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    narrative = page.filter(outside).extract_text() or ""
    pc.lines = narrative.splitlines()
    for k, t in enumerate(found):
        x0, t_top, x1, t_bottom = t.bbox
        above = _crop_text(page, top, t_top)
        nxt = found[k + 1].bbox[1] if k + 1 < len(found) else page.height
        below = _crop_text(page, t_bottom, min(nxt, t_bottom + 60))
        title, unit = find_title_unit(above.splitlines())
        rows = t.extract()
        if not rows:
            continue
        pc.tables.append(RawTable(title=title, unit=unit, rows=[list(r) for r in rows],
                                  row_pages=[no] * len(rows), note=empty_note(below.splitlines()),
                                  context=above.splitlines()))
        top = t_bottom
    return pc


def _crop_text(page, top: float, bottom: float) -> str:
    if bottom - top < 2:
        return ""
    try:
        return page.crop((0, max(0, top), page.width, min(page.height, bottom))).extract_text() or ""
    except ValueError:
        return ""
