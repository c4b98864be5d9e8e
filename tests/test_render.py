"""evals.render: the seed rendered to a PDF parses into the same facts, pages and tables as its text."""
from collections import Counter
from decimal import Decimal

import pdfplumber
import pytest

from evals.render import PageSpec, TableSpec, render_pdf, render_text_file
from ingest import parse_file

from conftest import SEED

KINDS = ("收支总表", "支出总表", "三公", "项目支出")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The seed parsed from its text and from its rendered PDF."""
    pdf = tmp_path_factory.mktemp("render") / "seed.pdf"
    render_text_file(SEED, pdf)
    return parse_file(SEED), parse_file(pdf)


def _cells(doc, kind: str) -> Counter:
    return Counter((f.page, f.table_title, f.row_label, f.subject_code, f.column, f.value)
                   for f in doc.facts if kind in f.table_title)


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_seed_agrees_cell_for_cell_with_the_text(both, kind):
    text, pdf = both
    assert _cells(pdf, kind) == _cells(text, kind)
    if kind != "三公":
        assert _cells(text, kind)  # the comparison is not vacuous
    titles = lambda d: [(t.title, t.pages, t.empty, t.rows) for t in d.tables if kind in t.title]  # noqa: E731
    assert titles(pdf) == titles(text)


def test_rendered_seed_keeps_every_fact_and_page(both):
    text, pdf = both
    key = lambda f: (f.page, f.table_title, f.row_label, f.subject_code, f.column, f.value)  # noqa: E731
    assert Counter(map(key, pdf.facts)) == Counter(map(key, text.facts))
    assert pdf.document.pages == text.document.pages == 39
    assert (pdf.document.department, pdf.document.year) == (text.document.department, text.document.year)


def test_2080501_is_55_40_on_pages_4_6_and_9_as_in_the_text(both):
    text, pdf = both
    for doc in both:
        cells = {(f.page, f.value, f.unit) for f in doc.facts if f.subject_code == "2080501"}
        assert {p for p, _, _ in cells} == {4, 6, 9}
        assert {(v, u) for _, v, u in cells} == {(Decimal("55.40"), "万元")}
    assert len([f for f in pdf.facts if f.subject_code == "2080501"]) == \
        len([f for f in text.facts if f.subject_code == "2080501"])


def test_render_pdf_merges_header_cells_and_runs_a_long_table_over_pages(tmp_path):
    rows = [[f"2010{k:03d}", f"科目{k}", f"{k}.00"] for k in range(1, 81)]
    spec = TableSpec("长表", "万元", [["科目", None, "金额"], ["编码", "名称", None]], rows)
    out = tmp_path / "long.pdf"
    render_pdf(out, [PageSpec(["标题行"], [spec])])
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        first = pdf.pages[0].extract_tables()[0]
        second = pdf.pages[1].extract_tables()[0]
    assert first[0][:3] == ["科目", None, "金额"] and first[1][2] is None  # spans come back as None
    assert second[0][0] == "科目"  # header repeated on the continuation page
