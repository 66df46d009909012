"""DOCX reader: exact Document blocks for small files built with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml

from planparse.errors import ReadError
from planparse.model import Cell, Document, Line, SourceFormat, Table
from planparse.readers import read
from planparse.readers.docx import W_NS, read_docx, read_docx_bytes

E = Cell(())  # an empty (or spanned-over) grid cell


def save(doc: docx.document.Document, path: Path) -> Path:
    doc.save(path)
    return path


def cell_lines(cell, lines: list[str]) -> None:
    """One paragraph per entry, "" = a blank filler paragraph."""
    cell.paragraphs[0].text = lines[0]
    for text in lines[1:]:
        cell.add_paragraph(text)


def test_paragraphs_blank_lines_and_line_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("План работы")
    d.add_paragraph("")
    p = d.add_paragraph("на 2024")
    p.add_run().add_break()  # w:br inside a paragraph splits it
    p.add_run("год")
    got = read_docx(save(d, tmp_path / "plan.docx"))
    assert got == Document(
        source="plan.docx",
        format=SourceFormat.DOCX,
        blocks=(
            Line("План работы", 1, 1),
            Line("", 1, 2),
            Line("на 2024", 1, 3),
            Line("год", 1, 4),
        ),
    )


def test_table_merges_blank_paragraphs_and_nested_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Заголовок")
    t = d.add_table(rows=4, cols=3)
    for k, text in enumerate(["Мероприятия", "Время", "Ответственные"]):
        t.cell(0, k).text = text
    t.cell(1, 0).merge(t.cell(1, 2)).text = "Группа"  # gridSpan 3
    t.cell(2, 0).merge(t.cell(3, 0))  # vMerge over two rows
    cell_lines(t.cell(2, 0), ["- Первое", "", "- Второе"])
    cell_lines(t.cell(2, 1), ["", "апрель", "", "май"])
    t.cell(2, 2).text = "РО ВСМС"
    t.cell(3, 1).text = "весь период"
    nested = t.cell(3, 2).add_table(rows=2, cols=2)  # after the cell's (empty) first paragraph
    for (r, c), text in {(0, 0): "a", (0, 1): "b", (1, 0): "", (1, 1): "d"}.items():
        nested.cell(r, c).text = text
    d.add_paragraph("Конец")
    got = read_docx(save(d, tmp_path / "t.docx"))
    assert got.blocks == (
        Line("Заголовок", 1, 1),
        Table(
            rows=(
                (Cell(("Мероприятия",)), Cell(("Время",)), Cell(("Ответственные",))),
                (Cell(("Группа",), colspan=3), E, E),
                (Cell(("- Первое", "", "- Второе")), Cell(("", "апрель", "", "май")), Cell(("РО ВСМС",))),
                # nested table flattened in reading order: its cells' paragraphs, blank ones kept
                (Cell(("- Первое", "", "- Второе"), continued=True), Cell(("весь период",)),
                 Cell(("", "a", "b", "", "d", ""))),
            ),
            page=1,
            number=2,
        ),
        Line("Конец", 1, 3),
    )


def test_block_merge_spans_both_ways(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "2x2"
    t.cell(0, 2).text = "c"
    t.cell(1, 2).text = "f"
    t.cell(2, 0).text = "g"
    got = read_docx(save(d, tmp_path / "m.docx")).blocks[0]
    assert isinstance(got, Table)
    assert got.rows == (
        (Cell(("2x2",), colspan=2), E, Cell(("c",))),
        (Cell(("2x2",), colspan=2, continued=True), E, Cell(("f",))),
        (Cell(("g",)), E, E),
    )


def test_rows_of_different_lengths_are_padded_to_the_grid(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    row1 = t.rows[1]._tr
    row1.remove(row1.tc_lst[-1])  # a short row
    row2 = t.rows[2]._tr
    row2.remove(row2.tc_lst[0])  # a row starting one grid column in
    row2.get_or_add_trPr().append(parse_xml(f'<w:gridBefore xmlns:w="{W_NS}" w:val="1"/>'))
    got = read_docx(save(d, tmp_path / "short.docx")).blocks[0]
    assert isinstance(got, Table)
    assert got.rows == (
        (Cell(("00",)), Cell(("01",)), Cell(("02",))),
        (Cell(("10",)), Cell(("11",)), E),
        (E, Cell(("21",)), Cell(("22",))),
    )


def test_explicit_page_breaks_count_pages(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("one")
    p.add_run().add_break(WD_BREAK.PAGE)  # the paragraph ends in a break: no empty line after it
    d.add_paragraph("two")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "cell"
    q = d.add_paragraph("three")
    q.paragraph_format.page_break_before = True
    got = read_docx(save(d, tmp_path / "pages.docx"))
    assert got.blocks == (
        Line("one", 1, 1),
        Line("two", 2, 2),
        Table(((Cell(("cell",)),),), 2, 3),
        Line("three", 3, 4),
    )


def test_rendered_page_breaks_win_over_explicit_ones(tmp_path: Path) -> None:
    """When Word recorded its pagination, only w:lastRenderedPageBreak counts."""
    d = docx.Document()
    p = d.add_paragraph("one")
    p.add_run().add_break(WD_BREAK.PAGE)
    q = d.add_paragraph()
    q._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:lastRenderedPageBreak/><w:t>two</w:t></w:r>'))
    got = read_docx(save(d, tmp_path / "rendered.docx"))
    assert got.blocks == (Line("one", 1, 1), Line("two", 2, 2))


def test_inline_markup_tabs_spaces_revisions_and_content_controls(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W_NS}"><w:r><w:t xml:space="preserve">1.</w:t></w:r></w:hyperlink>'
    ))
    p._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:tab/><w:t xml:space="preserve">Заседание\u00a0Совета </w:t></w:r>'
    ))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}"><w:r><w:delText>удалено</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}"><w:r><w:t>РС</w:t></w:r></w:ins>'))
    d.element.body.insert(1, parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent><w:p><w:r><w:t>в поле</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    ))
    got = read_docx(save(d, tmp_path / "inline.docx"))
    assert got.blocks == (Line("1.\tЗаседание Совета РС", 1, 1), Line("в поле", 1, 2))


def test_bytes_entry_point_keeps_source_and_format(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    data = save(d, tmp_path / "x.docx").read_bytes()
    got = read_docx_bytes(data, "plan.doc", SourceFormat.DOC)
    assert (got.source, got.format, got.blocks) == ("plan.doc", SourceFormat.DOC, (Line("x", 1, 1),))


def test_dispatch_by_content(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("x")
    path = save(d, tmp_path / "misnamed.txt")
    assert read(path).format == SourceFormat.DOCX


# ---------------------------------------------------------------- broken files


def _valid_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("План работы " * 50)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, *, drop: str | None = None, document_xml: bytes | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name == drop:
                continue
            blob = document_xml if document_xml is not None and name == "word/document.xml" else src.read(name)
            dst.writestr(name, blob)
    return out.getvalue()


def _flip_document_bytes(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 10
    broken = bytearray(data)
    for k in range(start, start + 40):
        broken[k] ^= 0xFF
    return bytes(broken)


BROKEN = {
    "not a zip": lambda d: b"PK\x03\x04" + b"garbage" * 20,
    "truncated": lambda d: d[: len(d) // 2],
    "missing document part": lambda d: _rezip(d, drop="word/document.xml"),
    "missing content types": lambda d: _rezip(d, drop="[Content_Types].xml"),
    "malformed xml": lambda d: _rezip(d, document_xml=b"<w:document><w:body>"),
    "no body": lambda d: _rezip(d, document_xml=f'<w:document xmlns:w="{W_NS}"/>'.encode()),
    "corrupt deflate data": _flip_document_bytes,
}


@pytest.mark.parametrize("kind", BROKEN)
def test_broken_docx_is_a_read_error(kind: str, tmp_path: Path) -> None:
    data = BROKEN[kind](_valid_docx())
    with pytest.raises(ReadError, match=r"^corrupt or truncated DOCX \(.+\)$"):
        read_docx_bytes(data, "broken.docx")
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=r"^broken\.docx: "):
        read(path)  # via the dispatcher (which may already reject the zip): one line naming the file
