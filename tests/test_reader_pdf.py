"""PDF reader: ruled tables, blank lines, merged cells, month headers, page breaks, errors.

The PDFs are made here: DOCX files written with python-docx and converted by
LibreOffice in one ``soffice`` call (module fixture; the module is skipped
without ``soffice``).  Encrypted PDFs are written by hand (RC4, standard
security handler), so no PDF library beyond pypdfium2 is needed.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from pdf_bytes import pdf_bytes, write_pdf

from planparse.api import convert_document
from planparse.errors import ConverterUnavailableError, EncryptedDocumentError, ReadError
from planparse.model import Cell, Document, Line, SourceFormat, Table
from planparse.readers import pdf_rules, pdf_tables
from planparse.readers.geometry import Word
from planparse.readers.pdf import read_pdf
from planparse.readers.pdf_words import Frame

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

MONTHS = "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь".split()
HEADER = ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный"]
GRID_ROWS = [
    ("1.", "Мониторинг законодательства", (1, 2, 3)),
    ("2.", "Семинар для глав поселений", (3, 9)),
    ("3.", "Заседание Правления Ассоциации", (6, 12)),
    ("4.", "Отчёт о работе", (12,)),
]
# Month header variants: (cell texts, text direction of the cells or None, letters stacked one per line)
GRID_HEADERS = {
    "names": (MONTHS, None, False),  # too wide for the cells: LibreOffice breaks "Сент" / "ябрь"
    "rotated_up": (MONTHS, "btLr", False),  # reads bottom-to-top
    "rotated_down": (MONTHS, "tbRl", False),  # reads top-to-bottom
    "stacked": ([m[:3] for m in MONTHS], None, True),  # "Я" / "н" / "в", one letter per paragraph
    "abbrev": ("янв. фев. мар. апр. май июн. июл. авг. сен. окт. ноя. дек.".split(), None, False),
    "roman": (["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], None, False),
    "arabic": ([str(k) for k in range(1, 13)], None, False),
}
UNRULED_ROWS = [
    ("№", "Наименование мероприятия", "Срок", "Ответственный"),
    ("1.", "Заседание Президиума", "февраль", "Председатель"),
    ("2.", "Семинар для глав поселений", "март, сентябрь", "Аппарат"),
    ("3.", "Отчёт о работе", "декабрь", "Дирекция"),
]
# Expected reading of the header cells per variant.
HEADER_READ = {"names": MONTHS, "rotated_up": MONTHS, "rotated_down": MONTHS, "stacked": [m[:3] for m in MONTHS]}


# --- DOCX builders ------------------------------------------------------------------


def _lines(cell, lines: list[str]) -> None:
    cell.text = lines[0]
    for extra in lines[1:]:
        cell.add_paragraph(extra)


def _widths(table, cms: list[float]) -> None:
    table.autofit = False
    for col, width in zip(table.columns, cms, strict=False):
        col.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, cms, strict=False):
            cell.width = Cm(width)


def _landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)


def _text_direction(cell, value: str) -> None:
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), value)
    cell._tc.get_or_add_tcPr().append(direction)


def _repeat_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _plan_table(doc, rows: int):
    table = doc.add_table(rows=rows, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    return table


def merged_docx(path: Path) -> None:
    """Merged heading row, multi-line cells aligned with blank paragraphs, a vertical merge."""
    doc = Docx()
    doc.add_paragraph("ПЛАН РАБОТЫ")
    doc.add_paragraph("Совета муниципальных образований Тульской области на 2024 год")
    t = _plan_table(doc, 6)
    t.cell(1, 0).merge(t.cell(1, 3)).text = "I. Организационная работа"
    _lines(t.cell(2, 0), ["1."])
    _lines(t.cell(2, 1), ["Заседание Президиума:", "", "- отчёт о работе", "", "- план на год"])
    _lines(t.cell(2, 2), ["", "", "февраль", "", "декабрь"])
    t.cell(2, 3).merge(t.cell(3, 3)).text = "Исполнительная дирекция"
    for r, (no, title, timing, resp) in enumerate(
        [
            ("2.", "Проведение семинаров для глав поселений", "в течение года", None),
            ("3.", "Общее собрание членов Ассоциации", "апрель", "Председатель"),
            ("4.", "Подготовка отчёта", "IV квартал", "Аппарат"),
        ],
        start=3,
    ):
        t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 2).text = no, title, timing
        if resp:
            t.cell(r, 3).text = resp
    _widths(t, [1.5, 8, 4, 4])
    doc.add_paragraph("Исполнительный директор\t\t\t\tИ.И. Иванов")
    doc.save(path)


def grid_docx(path: Path, variant: str) -> None:
    """A 12-month grid with "+" marks (GRID_ROWS) under the header variant."""
    header, direction, stacked = GRID_HEADERS[variant]
    doc = Docx()
    _landscape(doc)
    doc.add_paragraph("План работы Ассоциации на 2024 год")
    t = doc.add_table(rows=1 + len(GRID_ROWS), cols=14)
    t.style = "Table Grid"
    if direction or stacked:
        t.rows[0].height = Cm(2.4)
        t.rows[0].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cells = t.rows[0].cells
    cells[0].text, cells[1].text = "№", "Наименование мероприятия"
    for k, text in enumerate(header):
        _lines(cells[2 + k], list(text) if stacked else [text])
        if direction:
            _text_direction(cells[2 + k], direction)
    for r, (no, title, months) in enumerate(GRID_ROWS, start=1):
        row = t.rows[r].cells
        row[0].text, row[1].text = no, title
        for m in months:
            row[1 + m].text = "+"
    _widths(t, [1.2, 7] + [1.5] * 12)
    doc.save(path)


def long_docx(path: Path, rows: int = 45) -> None:
    """A table running over two pages, no repeated header."""
    doc = Docx()
    doc.add_paragraph("План работы на 2019 год")
    t = _plan_table(doc, rows + 1)
    for i in range(1, rows + 1):
        cells = t.rows[i].cells
        cells[0].text = f"{i}."
        _lines(cells[1], [f"Мероприятие номер {i}"] + (["с продолжением текста"] if i % 7 == 0 else []))
        cells[2].text, cells[3].text = MONTHS[(i - 1) % 12].lower(), f"Отдел {i}"
    _widths(t, [1.5, 8, 4, 4])
    doc.add_paragraph("Конец плана")
    doc.save(path)


def split_docx(path: Path, rows: int = 30, tall: int = 25) -> None:
    """Header repeated on every page; row ``tall`` is broken by the page end."""
    doc = Docx()
    doc.add_paragraph("План работы на 2019 год")
    t = _plan_table(doc, rows + 1)
    _repeat_header(t.rows[0])
    for i in range(1, rows + 1):
        cells = t.rows[i].cells
        cells[0].text = f"{i}."
        extra = [f"строка {k} продолжения" for k in range(1, 31)] if i == tall else []
        _lines(cells[1], [f"Мероприятие номер {i}", *extra])
        cells[2].text, cells[3].text = MONTHS[(i - 1) % 12].lower(), f"Отдел {i}"
    _widths(t, [1.5, 8, 4, 4])
    doc.save(path)


def unruled_docx(path: Path) -> None:
    """A plan table without borders: columns set by tab stops."""
    doc = Docx()
    doc.add_paragraph("План работы Совета на 2024 год")
    for row in UNRULED_ROWS:
        paragraph = doc.add_paragraph("\t".join(row))
        for position in (1.2, 8.5, 12.0):
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(position))
    doc.save(path)


def blank_docx(path: Path) -> None:
    """No text at all: the PDF has no text layer, like a scan."""
    doc = Docx()
    doc.add_paragraph("")
    doc.save(path)


# --- hand-made encrypted PDF (standard security handler, RC4 40-bit, revision 2) -----

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: str, owner_password: str = "owner") -> bytes:
    """A one-page PDF encrypted as PDF 1.4 viewers expect; "" opens without a password."""
    file_id = hashlib.md5(b"planparse-test").digest()
    perms = -4
    owner_key = hashlib.md5((owner_password.encode() + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (user_password.encode() + _PAD)[:32])
    key = hashlib.md5((user_password.encode() + _PAD)[:32] + o_entry + struct.pack("<i", perms) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    text = b"BT /F1 14 Tf 72 720 Td (Secret work plan for the year 2024, approved by the board) Tj ET"
    content = _rc4(hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\x00\x00").digest()[:10], text)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_entry.hex().encode(), u_entry.hex().encode(), perms),
    ]
    ident = file_id.hex().encode()
    return write_pdf(objects, b" /Encrypt 6 0 R /ID [<%s> <%s>]" % (ident, ident))


def plain_pdf(content: bytes) -> bytes:
    """A one-page PDF (Helvetica as /F1) drawing ``content``."""
    return pdf_bytes([content])


# --- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test PDF, converted from DOCX by one soffice call."""
    work = tmp_path_factory.mktemp("pdf")
    merged_docx(work / "merged.docx")
    long_docx(work / "long.docx")
    split_docx(work / "split.docx")
    blank_docx(work / "blank.docx")
    unruled_docx(work / "unruled.docx")
    for variant in GRID_HEADERS:
        grid_docx(work / f"grid_{variant}.docx", variant)
    docx = sorted(work.glob("*.docx"))
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(work), f"-env:UserInstallation={profile}"]
        + [str(p) for p in docx],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = {p.stem: p.with_suffix(".pdf") for p in docx}
    missing = [name for name, p in out.items() if not p.exists()]
    assert not missing, f"soffice did not convert {missing}"
    return out


def _tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _texts(row: tuple[Cell, ...]) -> list[str]:
    return [c.text for c in row]


# --- tables, cells, blank lines -------------------------------------------------------


def test_merged_heading_row_and_vertical_merge(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["merged"])
    assert doc.format is SourceFormat.PDF and doc.source == "merged.pdf"
    (table,) = _tables(doc)
    assert len(table.rows) == 6 and all(len(r) == 4 for r in table.rows)
    assert [" ".join(t.split()) for t in _texts(table.rows[0])] == HEADER
    heading = table.rows[1]
    assert heading[0] == Cell(("I. Организационная работа",), colspan=4)
    assert heading[1:] == (Cell(()), Cell(()), Cell(()))
    # "Исполнительна" / "я дирекция" in the PDF: the broken word is glued, the wrapped line joined
    assert table.rows[2][3].lines == ("Исполнительная дирекция",) and not table.rows[2][3].continued
    assert table.rows[3][3] == Cell(("Исполнительная дирекция",), continued=True)
    assert _texts(table.rows[5]) == ["4.", "Подготовка отчёта", "IV квартал", "Аппарат"]


def test_blank_paragraphs_kept_as_blank_lines(pdfs: dict[str, Path]) -> None:
    (table,) = _tables(read_pdf(pdfs["merged"]))
    row = table.rows[2]
    assert row[1].lines == ("Заседание Президиума:", "", "- отчёт о работе", "", "- план на год")
    # leading blank paragraphs align "февраль" with "- отчёт о работе"
    assert row[2].lines == ("", "", "февраль", "", "декабрь")
    # a line wrapped by the cell width joins its paragraph, as in the DOCX cell
    assert table.rows[3][1].lines == ("Проведение семинаров для глав поселений",)


def test_text_outside_tables_in_reading_order(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["merged"])
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Line", "Line", "Table", "Line"]
    title, subtitle, table, footer = doc.blocks
    assert isinstance(title, Line) and title.text.strip() == "ПЛАН РАБОТЫ"
    assert isinstance(subtitle, Line) and "на 2024 год" in subtitle.text
    assert isinstance(footer, Line) and footer.page == 1
    # the tab-separated signature keeps a wide gap, like pdftotext -layout
    assert "директор  " in footer.text and footer.text.split() == ["Исполнительный", "директор", "И.И.", "Иванов"]
    assert [title.number, subtitle.number] == [1, 2] and table.number == 3
    assert footer.number > table.number + len(table.rows)  # visual lines inside the table count


def test_convert_merged_table(pdfs: dict[str, Path]) -> None:
    result = convert_document(read_pdf(pdfs["merged"]))
    assert result.meta.year == 2024 and result.meta.region == "Тульская область"
    by_title = {a.title: a for a in result.activities}
    assert by_title["Общее собрание членов Ассоциации"].months == (4,)
    assert by_title["Подготовка отчёта"].months == (10, 11, 12)
    assert by_title["Проведение семинаров для глав поселений"].all_year


def test_unruled_table_reads_as_aligned_text(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["unruled"])
    assert not _tables(doc)
    lines = [ln.text for ln in doc.lines]
    assert [ln.split("  ")[0].strip() for ln in lines[1:]] == ["№", "1.", "2.", "3."]
    # character columns follow x positions: the timing column starts at the same column on every row
    starts = {ln.index(word) for ln, word in zip(lines[1:], ["Срок", "февраль", "март", "декабрь"], strict=True)}
    assert len(starts) == 1 and all("  " in ln for ln in lines[1:])
    result = convert_document(doc)
    assert [(a.title, a.months) for a in result.activities] == [
        ("Заседание Президиума", (2,)),
        ("Семинар для глав поселений", (3, 9)),
        ("Отчёт о работе", (12,)),
    ]


# --- month grids --------------------------------------------------------------------


@pytest.mark.parametrize("variant", sorted(GRID_HEADERS))
def test_month_grid_marks_under_their_month(pdfs: dict[str, Path], variant: str) -> None:
    (table,) = _tables(read_pdf(pdfs[f"grid_{variant}"]))
    assert len(table.rows) == 1 + len(GRID_ROWS) and all(len(r) == 14 for r in table.rows)
    header = [c.text for c in table.rows[0][2:]]
    assert header == HEADER_READ.get(variant, GRID_HEADERS[variant][0])
    for row, (no, title, months) in zip(table.rows[1:], GRID_ROWS, strict=True):
        assert row[0].text == no and row[1].text.split() == title.split()
        assert [k for k, c in enumerate(row[2:], start=1) if c.text == "+"] == list(months)
        assert all(c.text in {"", "+"} for c in row[2:])


@pytest.mark.parametrize("variant", ["names", "rotated_up", "roman", "abbrev", "arabic"])
def test_month_grid_converts_to_months(pdfs: dict[str, Path], variant: str) -> None:
    result = convert_document(read_pdf(pdfs[f"grid_{variant}"]))
    got = {" ".join(a.title.split()): a.months for a in result.activities}
    assert got == {title: months for _, title, months in GRID_ROWS}
    assert result.meta.year == 2024


def test_words_broken_by_narrow_cells_are_glued(pdfs: dict[str, Path]) -> None:
    (table,) = _tables(read_pdf(pdfs["grid_names"]))
    assert [c.lines for c in table.rows[0][2:]] == [(m,) for m in MONTHS]


# --- tables over several pages --------------------------------------------------------


def test_table_continued_on_next_page_is_one_table(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["long"])
    (table,) = _tables(doc)
    assert table.page == 1 and table.number == 2
    assert len(table.rows) == 46
    assert [r[0].text for r in table.rows[1:]] == [f"{i}." for i in range(1, 46)]
    assert table.rows[14][1].lines == ("Мероприятие номер 14", "с продолжением текста")
    assert any("continued from page 1" in n for n in doc.notes)
    last = doc.blocks[-1]
    assert isinstance(last, Line) and last.text.strip() == "Конец плана" and last.page == 2


def test_repeated_header_dropped_and_broken_row_joined(pdfs: dict[str, Path]) -> None:
    doc = read_pdf(pdfs["split"])
    (table,) = _tables(doc)
    assert len(table.rows) == 31  # header + 30 rows: the repeated header and the row remainder are gone
    assert [r[0].text for r in table.rows[1:]] == [f"{i}." for i in range(1, 31)]
    tall = table.rows[25]
    assert tall[1].lines == ("Мероприятие номер 25", *(f"строка {k} продолжения" for k in range(1, 31)))
    assert _texts(tall)[2:] == ["январь", "Отдел 25"]
    assert any("repeated table header" in n for n in doc.notes)
    assert any("broken by the page end" in n for n in doc.notes)
    result = convert_document(doc)
    assert len(result.activities) == 30


def test_page_with_vertical_text_is_turned(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """A /Rotate 90 page shows its text top-to-bottom; the reader turns it back."""
    data = pdfs["merged"].read_bytes()
    assert data.count(b"/MediaBox[0 0 612 792]") == 1
    turned = tmp_path / "turned.pdf"
    turned.write_bytes(data.replace(b"/MediaBox[0 0 612 792]", b"/MediaBox[0 0 612 792]/Rotate 90"))
    doc = read_pdf(turned)
    assert any("turned upright" in n for n in doc.notes)
    (table,) = _tables(doc)
    (plain,) = _tables(read_pdf(pdfs["merged"]))
    assert [_texts(r) for r in table.rows] == [_texts(r) for r in plain.rows]


def test_pages_are_closed_as_read(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2.raw as pdfium_c

    events: list[str] = []
    for name, event in (("FPDF_ClosePage", "page"), ("FPDFText_ClosePage", "text")):
        close = getattr(pdfium_c, name)
        monkeypatch.setattr(pdfium_c, name, lambda handle, close=close, event=event: (events.append(event), close(handle)))
    read_pdf(pdfs["long"])
    n_pages = len(pdfium.PdfDocument(pdfs["long"]))
    assert n_pages > 1
    assert events == ["text", "page"] * n_pages  # each page and its text page right after reading


def test_page_frame_from_a_media_box_inherited_from_the_page_tree(tmp_path: Path) -> None:
    """A MediaBox set on the page tree, not the page: pdfium's own page box, not US Letter."""
    import pypdfium2.raw as pdfium_c

    from planparse.readers.pdf import _media_box

    data = plain_pdf(b"BT /F1 12 Tf 72 560 Td (Work plan for the year 2024, approved by the board) Tj ET")
    inherited = data.replace(b"/MediaBox [0 0 612 792] ", b"").replace(b"/Count 1", b"/Count 1 /MediaBox [0 0 842 595]")
    path = tmp_path / "inherited.pdf"
    path.write_bytes(_fix_xref(inherited))
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdfium_c.FPDF_LoadPage(pdf.raw, 0)
        try:
            assert _media_box(page) == (0, 0, 842, 595)
        finally:
            pdfium_c.FPDF_ClosePage(page)
    finally:
        pdf.close()
    assert read_pdf(path).lines[0].text.strip() == "Work plan for the year 2024, approved by the board"


def _fix_xref(data: bytes) -> bytes:
    """``data`` with its cross-reference offsets recomputed (after an edit changed object lengths)."""
    body = data[: data.index(b"xref\n")]
    offsets = [body.index(b"\n%d 0 obj\n" % n) + 1 for n in range(1, body.count(b" 0 obj\n") + 1)]
    out = bytearray(body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return bytes(out)


def test_text_layer_path_does_not_load_pdfminer(pdfs: dict[str, Path]) -> None:
    """The hot path is pdfium only (see readers.pdf): pdfminer/pdfplumber are never imported."""
    code = (
        "import sys; from pathlib import Path; from planparse.readers.pdf import read_pdf; "
        f"read_pdf(Path({str(pdfs['merged'])!r})); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pdfminer', 'pdfplumber'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


# --- no text layer, errors ------------------------------------------------------------


def test_no_text_layer_goes_to_ocr(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import planparse.readers.ocr as ocr

    calls: list[Path] = []

    def fake(path: Path) -> Document:
        calls.append(path)
        return Document(path.name, SourceFormat.PDF, (Line("OCR text", 1, 1),))

    monkeypatch.setattr(ocr, "read_scanned_pdf", fake)
    doc = read_pdf(pdfs["blank"])
    assert calls == [pdfs["blank"]]
    assert doc.lines[0].text == "OCR text" and "no text layer" in doc.notes[0]


def test_no_text_layer_without_ocr(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "planparse.readers.ocr", None)  # import fails
    with pytest.raises(ConverterUnavailableError, match="OCR is not available"):
        read_pdf(pdfs["blank"])


@pytest.mark.parametrize("share", [0.05, 0.5, 0.95])
def test_truncated_pdf(pdfs: dict[str, Path], tmp_path: Path, share: float) -> None:
    data = pdfs["long"].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * share)])
    with pytest.raises(ReadError, match="corrupt or truncated PDF") as info:
        read_pdf(path)
    assert "\n" not in str(info.value) and not isinstance(info.value, EncryptedDocumentError)


def test_garbage_after_pdf_magic(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 64)
    with pytest.raises(ReadError, match="corrupt or truncated PDF") as info:
        read_pdf(path)
    assert "\n" not in str(info.value)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf("secret"))
    with pytest.raises(EncryptedDocumentError, match="encrypted; decrypt it first") as info:
        read_pdf(path)
    assert info.value.exit_code == 6


def test_pdf_cut_short_after_its_content_is_refused(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """pdfium rebuilds a lost cross-reference table; without the end-of-file marker the file was cut."""
    data = pdfs["long"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: data.rindex(b"startxref") + 5])
    with pytest.raises(ReadError, match="corrupt or truncated PDF"):
        read_pdf(cut)
    repaired = tmp_path / "bad_xref.pdf"  # a wrong startxref in a complete file: read as before
    repaired.write_bytes(data[: data.rindex(b"startxref")] + b"startxref\n12345\n%%EOF\n")
    (table,) = _tables(read_pdf(repaired))
    assert len(table.rows) == 46


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypted_pdf(""))  # opens without a password, like many official PDFs
    doc = read_pdf(path)
    assert doc.lines[0].text.strip() == "Secret work plan for the year 2024, approved by the board"


def test_overprinted_text_is_read_once(tmp_path: Path) -> None:
    """Fake bold (the same line drawn twice, slightly shifted): pdfium drops the copy, pdfminer doubled letters."""
    line = b"BT /F1 12 Tf %s 700 Td (Work plan for the year 2024 approved by the board) Tj ET\n"
    path = tmp_path / "bold.pdf"
    path.write_bytes(plain_pdf(line % b"72" + line % b"72.3"))
    assert [ln.text.strip() for ln in read_pdf(path).lines] == ["Work plan for the year 2024 approved by the board"]


def test_words_split_and_join_as_pdfplumber(tmp_path: Path) -> None:
    """Kerned words without space glyphs: a gap over 3 pt splits them, a smaller one does not."""
    words = b"(Work) -400 (plan) -200 (for) -100 (the) -400 (board,) -400 (approved) -400 (in) -400 (January 2024)"
    path = tmp_path / "kerned.pdf"
    path.write_bytes(plain_pdf(b"BT /F1 12 Tf 72 700 Td [" + words + b"] TJ ET"))
    # 400/1000 em of 12 pt = 4.8 pt (a word gap); 200 = 2.4 pt and 100 = 1.2 pt stay inside a word
    assert read_pdf(path).lines[0].text.split() == ["Work", "planforthe", "board,", "approved", "in", "January", "2024"]


@pytest.mark.parametrize(
    "rotation, expected", [(0, (100, 592)), (90, (200, 100)), (180, (512, 200)), (270, (592, 512))]
)
def test_display_frame_turns_pages_like_pdfminer(rotation: int, expected: tuple[int, int]) -> None:
    f = Frame.of((0, 0, 612, 792), rotation)
    x, y = 100, 200  # a user-space point
    assert (f.p * x + f.q * y + f.tx, f.r * x + f.s * y + f.ty) == expected
    assert (f.width, f.height) == ((792, 612) if rotation in (90, 270) else (612, 792))


def test_ruled_cells_from_edges() -> None:
    """pdfplumber's lines strategy: snapped and joined edges, smallest closed rectangles, tables of > 1 cell."""
    edge = pdf_rules.Edge
    h = [edge("h", 0, y, 100, y) for y in (0, 20, 40)] + [edge("h", 0, 60.5, 48, 60.5), edge("h", 49.5, 60, 100, 60)]
    v = [edge("v", x, 0, x, 60) for x in (0, 50, 100)] + [edge("v", 30, 0, 30, 2)]  # too short: no column
    (table,) = pdf_rules.find_tables(h + v)
    assert sorted(table) == sorted(
        [(0, y0, 50, y1) for y0, y1 in ((0, 20), (20, 40))]
        + [(50, y0, 100, y1) for y0, y1 in ((0, 20), (20, 40))]
        + [(0, 40, 50, 60.25), (50, 40, 100, 60.25)]
    )
    assert pdf_rules.find_tables([edge("h", 0, 0, 10, 0), edge("v", 0, 0, 0, 10)]) == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_pdf(tmp_path / "nope.pdf")


def test_cli_exit_codes_when_wired(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from planparse.cli import main
    from planparse.readers import READERS

    if SourceFormat.PDF not in READERS:
        pytest.skip("read_pdf is not wired into readers.READERS yet")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf("secret"))
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(encrypted_pdf("")[:200])
    for path, code in ((locked, 6), (cut, 3)):
        result = CliRunner().invoke(main, ["convert", str(path), "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output and path.name in result.output


# --- geometry rules without a PDF -----------------------------------------------------


def test_grid_of_merged_cells() -> None:
    cells = [(0, 0, 10, 5), (10, 0, 30, 5), (0, 5, 30, 10), (0, 10, 10, 20), (10, 10, 30, 15), (10, 15, 30, 20)]
    grid = pdf_tables.build_grid(cells)
    assert grid.xs == [0, 10, 30] and grid.ys == [0, 5, 10, 15, 20]
    assert grid.spans[2] == (1, 2, 0, 2) and grid.spans[3] == (2, 4, 0, 1)
    assert pdf_tables.cell_at(grid, 20, 7) == 2 and pdf_tables.cell_at(grid, 5, 17) == 3
    assert pdf_tables.cell_at(grid, 40, 7) is None
    table = pdf_tables.PendingTable(grid, [("a",), ("b",), ("merged",), ("tall",), ("c",), ("d",)], 1, 1, 0, 20)
    rows, _ = pdf_tables.build_rows(table)
    assert rows[1] == (Cell(("merged",), colspan=2), Cell(()))
    assert rows[2][0] == Cell(("tall",)) and rows[3][0] == Cell(("tall",), continued=True)


def test_rotated_words_read_in_their_direction() -> None:
    rot = pdf_tables.Rotated
    up = [rot(Word("Янв", 0, 10, 40, 60), True), rot(Word("арь", 12, 22, 45, 60), True)]
    assert pdf_tables.rotated_lines(up) == ["Янв", "арь"]  # lines go left to right
    down = [rot(Word("Фев", 12, 22, 0, 20), False), rot(Word("раль", 0, 10, 0, 25), False)]
    assert pdf_tables.rotated_lines(down) == ["Фев", "раль"]  # lines go right to left
    same_column = [rot(Word("года", 0, 10, 0, 20), True), rot(Word("в течение", 0, 10, 25, 60), True)]
    assert pdf_tables.rotated_lines(same_column) == ["в течение года"]


def test_cell_lines_blank_gaps_and_stacked_letters() -> None:
    pitch = 12.8
    words = [Word("один", 0, 20, 0, 11), Word("два", 0, 15, 12.8, 23.8), Word("три", 0, 15, 51.2, 62.2)]
    assert pdf_tables.cell_lines(words, [], pitch) == ("один", "два", "", "", "три")
    assert pdf_tables.cell_lines(words[2:], [], pitch, row_top=5.5) == ("", "", "", "", "три")
    assert pdf_tables.cell_lines(words[1:2], [], pitch, row_top=5.5) == ("", "два")  # one paragraph lower
    assert pdf_tables.cell_lines(words[:1], [], pitch, row_top=5.5) == ("один",)
    letters = [Word(ch, 0, 6, 12.8 * k, 12.8 * k + 11) for k, ch in enumerate("Июнь")]
    assert pdf_tables.cell_lines(letters, [], pitch) == ("Июнь",)


def test_normal_wrap_is_not_glued() -> None:
    lines = [[Word("Межмуниципальное", 5, 95, 0, 11)], [Word("сотрудничество", 5, 90, 12.8, 23.8)]]
    assert pdf_tables.rejoin_broken_words(lines, 0, 100, 12.8) == 0 and len(lines) == 2
    broken = [[Word("Сент", 5, 40, 0, 11)], [Word("ябрь", 5, 35, 12.8, 23.8)]]
    assert pdf_tables.rejoin_broken_words(broken, 0, 45, 12.8) == 1 and [w.text for w in broken[0]] == ["Сентябрь"]
    quoted = [[Word("«Толерантно", 5, 60, 0, 11)], [Word("сть»", 5, 25, 12.8, 23.8)]]
    assert pdf_tables.rejoin_broken_words(quoted, 0, 65, 12.8) == 1 and [w.text for w in quoted[0]] == ["«Толерантность»"]


def test_row_continuation_rule() -> None:
    assert pdf_tables.is_row_continuation((Cell(()), Cell(("продолжение текста",)), Cell(())))
    assert not pdf_tables.is_row_continuation((Cell(()), Cell(("Новый раздел",)), Cell(())))
    assert not pdf_tables.is_row_continuation((Cell(("5.",)), Cell(("продолжение",)), Cell(())))
    # no number column: a bulleted list goes on while the other cells were finished on the page before
    above = (Cell(("Работа со СМИ", "- Организация освещения")), Cell(("весь период",)), Cell(("РО ВСМС",)))
    assert pdf_tables.is_row_continuation((Cell(("- Сбор информации",)), Cell(()), Cell(())), above)
    assert not pdf_tables.is_row_continuation((Cell(("Новая группа",)), Cell(()), Cell(())), above)
    new_row = (Cell(("- Сбор информации",)), Cell(("май",)), Cell(("РО ВСМС",)))
    assert not pdf_tables.is_row_continuation(new_row, above)
    # a paragraph running on over the page end: the word would not have fitted, the text above stops mid-phrase
    above = (Cell(("11.1. Семинар",)), Cell(("февраль",)), Cell(("Департамент финансов (по",)))
    rest = (Cell(("11.2. Круглый стол",)), Cell(("март",)), Cell(("согласованию)",)))
    assert pdf_tables.is_row_continuation(rest, above, [False, False, True])
    assert not pdf_tables.is_row_continuation(rest, above, [False, True, False])  # "февраль" is whole
    closed = (*above[:2], Cell(("Департамент финансов",)))
    assert not pdf_tables.is_row_continuation(rest, closed, [False, False, True])


def _part(rows: list[tuple[str, str]], top: float, last_words: list[list[Word]]) -> pdf_tables.PendingTable:
    """A two-column table part, one grid row per (left, right) texts; ``last_words``: the right cells' lines."""
    ys = [top + 20.0 * k for k in range(len(rows) + 1)]
    grid = pdf_tables.build_grid([c for k in range(len(rows)) for c in ((0, ys[k], 50, ys[k + 1]), (50, ys[k], 150, ys[k + 1]))])
    lines = [(text,) if text else () for row in rows for text in row]
    ends: list[pdf_tables.CellEnds | None] = [None] * len(lines)
    for k, words in enumerate(last_words):
        ends[2 * k + 1] = (words, words, 96.0)
    return pdf_tables.PendingTable(grid, lines, 1, 1, ys[0], ys[-1], ends=ends)


def test_paragraph_broken_by_the_page_end_is_glued() -> None:
    """The right cell's last line is full (the next word would not fit): the rows and the paragraph are joined."""
    full = [Word("Департамент", 52, 110, 0, 11), Word("финансов", 113, 140, 0, 11), Word("(по", 143, 146, 0, 11)]
    first = _part([("1.", "Отчёт"), ("2.", "Департамент финансов (по")], 0, [[Word("Отчёт", 52, 80, 0, 11)], full])
    rest = _part([("", "согласованию)"), ("3.", "Правление")], 0, [[Word("согласованию)", 52, 100, 0, 11)]])
    first.parts.append(rest)
    rows, notes = pdf_tables.build_rows(first)
    assert [tuple(c.text for c in row) for row in rows] == [
        ("1.", "Отчёт"),
        ("2.", "Департамент финансов (по согласованию)"),
        ("3.", "Правление"),
    ]
    assert any("broken by the page end" in n for n in notes)
    short = [Word("Отдел", 52, 80, 0, 11)]  # "согласованию)" would have fitted after it: a new paragraph
    first = _part([("1.", "Отчёт"), ("2.", "Отдел")], 0, [[Word("Отчёт", 52, 80, 0, 11)], short])
    first.parts.append(_part([("", "согласованию)")], 0, [[Word("согласованию)", 52, 100, 0, 11)]]))
    rows, _ = pdf_tables.build_rows(first)
    assert rows[-1][1].lines == ("Отдел", "согласованию)")  # joined (first cell empty), not glued


def test_wrapped_lines_and_paragraphs() -> None:
    def line(text: str, x0: float, width: float) -> list[Word]:
        return [Word(text, x0, x0 + width, 0, 11)]

    # the next word (40 wide) would not fit after a 70-wide line in 100: wrapped
    assert pdf_tables.is_wrapped(line("Проведение семинаров", 5, 70), line("поселений", 5, 40), 100)
    # it would fit: the line above ended its paragraph
    assert not pdf_tables.is_wrapped(line("Президиум", 5, 40), line("РО ВСМС", 5, 30), 100)
    assert not pdf_tables.is_wrapped(line("Участие в компаниях", 5, 90), line("- Выборы", 5, 40), 100)
    assert not pdf_tables.is_wrapped(line("в течение года.", 5, 90), line("Отчёт", 5, 40), 100)
    # initials that still await their surname end no sentence: the fit test decides
    assert pdf_tables.is_wrapped(line("Заведующий сектором Думы В.С.", 5, 90), line("Крылов", 5, 40), 100)
    assert pdf_tables.is_wrapped(line("совместно с музеем им. А.С.", 5, 90), line("Грибоедова", 5, 40), 100)
    assert not pdf_tables.is_wrapped(line("Глава района Орлов К.Б.", 5, 90), line("Крылов", 5, 40), 100)
    assert not pdf_tables.is_wrapped(line("Заведующий сектором В.С.", 5, 40), line("Крылов", 5, 40), 100)
    assert pdf_tables.glue("Мониторинг за социально-", "политической ситуацией") == (
        "Мониторинг за социально-политической ситуацией"
    )
    assert pdf_tables.glue("подготовка органи-", "зации работы") == "подготовка организации работы"
    assert pdf_tables.glue("Президиум РС", "ВСМС") == "Президиум РС ВСМС"


def test_column_boundaries_match_as_subset() -> None:
    assert pdf_tables.same_columns([0, 10, 20, 30], [0.5, 20.4, 30])
    assert not pdf_tables.same_columns([0, 10, 20, 30], [0, 15, 30])
    assert not pdf_tables.same_columns([0, 10, 20], [0, 10, 20, 30])
