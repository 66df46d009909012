"""XLSX reader: plans built with openpyxl, read end to end and block by block; refusals and errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from xlsx_plans import BOX, compound_file, deadline_plan, grid_plan, put, save

import planparse
from planparse.cli import main
from planparse.errors import EncryptedDocumentError, ExitCode, ReadError, UnsupportedFormatError
from planparse.model import Cell, Line, SourceFormat, Table
from planparse.readers import read, sniff_format
from planparse.readers.xlsx import is_planparse_output
from planparse.readers.xlsx_values import text_lines, value_text

E = Cell(())  # an empty (or spanned-over) grid cell


def rows_of(result: planparse.ConversionResult) -> list[tuple]:
    return [(a.section_no, a.section_title, a.item_no, a.title, a.months, a.all_year, a.times_per_year, a.responsible,
             a.page, a.line) for a in result.activities]  # fmt: skip


def test_month_grid_plan_end_to_end(tmp_path: Path) -> None:
    result = planparse.convert(grid_plan(tmp_path / "grid.xlsx"))
    assert (result.format, result.layout.value) == ("xlsx", "table")
    assert (result.meta.organization, result.meta.region, result.meta.year) == (
        "Совет муниципальных образований Белгородской области", "Белгородская область", 2027)
    sec1, sec2 = ("1", "Организационные мероприятия"), ("2", "Методическая работа")
    assert rows_of(result) == [
        (*sec1, "1", "Заседание Президиума Совета", (3, 6, 9, 12), False, None, ("Председатель Совета",), 1, 7),
        (*sec1, "2", "Общее собрание членов Совета", (5,), False, None, ("Исполнительная дирекция",), 1, 8),
        (*sec1, "3", "Подготовка отчёта о деятельности Совета за 2026 год", (2,), False, None,
         ("Исполнительная дирекция",), 1, 9),
        (*sec2, "4", "Консультирование органов местного самоуправления", (), True, None, ("Юрисконсульт Совета",),
         1, 13),
        (*sec2, "5", "Семинар-совещание для глав поселений (г. Белгород)", (4, 10), False, None,
         ("Исполнительный директор", "Председатель Совета"), 1, 14),
    ]  # fmt: skip
    assert all(a.confidence >= 0.9 for a in result.activities), [(a.item_no, a.flags) for a in result.activities]
    assert "5 cell(s) with text in hidden rows or columns skipped" in result.notes  # row 10 (4) and column Q


def test_deadline_table_with_borders_end_to_end(tmp_path: Path) -> None:
    result = planparse.convert(deadline_plan(tmp_path / "deadlines.xlsx"))
    assert (result.meta.region, result.meta.year) == ("Омская область", 2028)
    assert "Совет муниципальных образований Омской области" in (result.meta.organization or "")
    sec1, sec2 = ("I", "Правовая работа"), ("II", "Информационная работа")
    assert rows_of(result) == [
        (*sec1, "1.1", "Мониторинг изменений законодательства", (), True, 12.0, ("Юрист Ассоциации",), 1, 7),
        (*sec1, "1.2", "Подготовка отзыва на законопроект", (3,), False, None, ("Исполнительный директор",), 1, 8),
        (*sec1, "1.3", "Отчёт перед членами Ассоциации", (11,), False, None, ("Председатель Ассоциации",), 1, 9),
        (*sec2, "2.1", "Наполнение сайта Ассоциации", (), True, None, ("Пресс-секретарь",), 1, 11),
        (*sec2, "2.2", "Выпуск сборника муниципальных практик", (6,), False, None, ("Исполнительная дирекция",),
         1, 12),
    ]  # fmt: skip
    assert [a.timing_raw for a in result.activities] == ["ежемесячно", "15.03", "30.11.2028", "постоянно",
                                                         "июнь 2028"]  # fmt: skip


def test_grid_blocks_lines_table_merges_hidden_and_empty_column(tmp_path: Path) -> None:
    doc = read(grid_plan(tmp_path / "grid.xlsx"))
    assert (doc.source, doc.format) == ("grid.xlsx", SourceFormat.XLSX)
    lines = [b for b in doc.blocks if isinstance(b, Line)]
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [(ln.text, ln.number) for ln in lines] == [
        ("УТВЕРЖДЁН", 1), ("решением Президиума Совета от 14.12.2026 № 11", 2),
        ("План работы Совета муниципальных образований Белгородской области на 2027 год", 3),
        ("Исполнительный директор", 16), ("А.В. Сидоренко", 16),
    ]  # fmt: skip
    assert doc.blocks.index(table) == 3  # between the title and the signature
    assert (table.page, table.number, len(table.rows)) == (1, 5, 10)  # rows 5-14 of the sheet
    assert all(len(row) == 15 for row in table.rows)  # column A (empty) and Q (hidden) dropped
    assert table.rows[1] == (Cell(("1. Организационные мероприятия",), 15), *[E] * 14)
    assert table.rows[2][:2] == (Cell(("1",)), Cell(("Заседание Президиума Совета",)))
    assert table.rows[3][0] == Cell(("2",))  # 2.0 as Excel shows it
    assert table.rows[3][14] == Cell(("Исполнительная дирекция",))
    assert table.rows[4][14] == Cell(("Исполнительная дирекция",), continued=True)
    assert table.rows[5] == table.rows[6] == (E,) * 15  # the hidden row and the empty row
    assert table.rows[8][2:14] == (Cell(("в течение года",), 12), *[E] * 11)
    assert table.rows[9][1] == Cell(("Семинар-совещание для глав поселений", "(г. Белгород)"))
    assert "служебная пометка" not in repr(doc.blocks)


def test_two_cells_above_the_header_and_a_signature_outside_the_borders_are_lines(tmp_path: Path) -> None:
    doc = read(deadline_plan(tmp_path / "d.xlsx"))
    assert [type(b).__name__ for b in doc.blocks] == ["Line"] * 6 + ["Table"] + ["Line"] * 2
    assert [(b.text, b.number) for b in doc.blocks if isinstance(b, Line)] == [
        ("СОГЛАСОВАНО", 1), ("УТВЕРЖДАЮ", 1), ("Председатель Ассоциации", 2), ("О.Н. Дымова", 2),
        ("ПЛАН МЕРОПРИЯТИЙ", 3), ("Ассоциации «Совет муниципальных образований Омской области» на 2028 год", 3),
        ("Исполнительный директор", 13), ("П.Р. Ковальчук", 13),
    ]  # fmt: skip
    table = doc.blocks[6]
    assert isinstance(table, Table) and (table.number, len(table.rows)) == (5, 8)
    assert [row[2].text for row in table.rows[2:5]] == ["ежемесячно", "15.03", "30.11.2028"]


@pytest.mark.parametrize(
    "value, number_format, text",
    [
        (3, "General", "3"),
        (3.0, "General", "3"),
        (1.5, "General", "1.5"),
        (0.1 + 0.2, "General", "0.3"),
        (2.5, "0.00", "2.50"),
        (0.25, "0%", "25%"),
        (True, "General", "ИСТИНА"),
        (dt.datetime(2027, 4, 21), "dd.mm", "21.04"),
        (dt.datetime(2027, 4, 21), "d-mmm", "21.04"),
        (dt.datetime(2027, 4, 21), "mm-dd-yy", "21.04.2027"),  # Excel's built-in short date
        (dt.datetime(2027, 4, 21), "[$-419]d mmmm yyyy\\ \"г.\"", "21.04.2027"),
        (dt.datetime(2027, 4, 21), "mmmm yyyy", "апрель 2027"),
        (dt.datetime(2027, 9, 1), "mmmm", "сентябрь"),
        (dt.datetime(2027, 4, 21, 14, 30), "dd.mm.yyyy h:mm", "21.04.2027 14:30"),
        (dt.datetime(2027, 4, 21), "dd.mm.yyyy h:mm", "21.04.2027"),  # midnight: no time
        (dt.datetime(1900, 1, 1, 10, 0), "h:mm", "10:00"),
        (dt.time(9, 5), "h:mm", "09:05"),
        ("до 15 мая", "@", "до 15 мая"),
    ],
)
def test_values_read_as_excel_shows_them(value: object, number_format: str, text: str) -> None:
    assert value_text(value, number_format) == text


def test_cell_text_lines() -> None:
    assert text_lines("\n Председатель\r\nСовета \n\n") == (" Председатель", "Совета")
    assert text_lines("Семинар\n\nпо плану") == ("Семинар", "", "по плану")
    assert text_lines("Иванов\u00a0И.И.") == ("Иванов И.И.",)
    assert text_lines("Глава района_x000D_\nЗаместитель главы") == ("Глава района", "Заместитель главы")


def test_values_in_cells_of_a_saved_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, {1: "№", 2: "Срок"})
    put(ws, 2, {1: 7.0})
    put(ws, 2, {2: dt.datetime(2029, 2, 3)}, "dd.mm")
    put(ws, 3, {1: 8, 2: "январь –\nфевраль"})
    (table,) = read(save(book, tmp_path / "v.xlsx")).blocks
    assert table.rows == ((Cell(("№",)), Cell(("Срок",))), (Cell(("7",)), Cell(("03.02",))),
                          (Cell(("8",)), Cell(("январь –", "февраль"))))  # fmt: skip


def test_block_merge_hidden_empty_and_very_hidden_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Пустой"
    hidden = book.create_sheet("Скрытый")
    put(hidden, 1, {1: "№", 2: "Черновик"})
    hidden.sheet_state = "hidden"
    secret = book.create_sheet("Служебный")
    put(secret, 1, {1: "№", 2: "Расчёт"})
    secret.sheet_state = "veryHidden"
    ws = book.create_sheet("План")
    put(ws, 1, {1: "№", 2: "Мероприятие", 3: "Срок", 4: "Ответственный"})
    put(ws, 2, {1: 1, 2: "Конкурс", 3: "II квартал", 4: "Жюри"})
    ws.merge_cells("B2:C3")  # a block: two columns, two rows
    put(ws, 3, {1: 2, 4: "Жюри"})
    doc = read(save(book, tmp_path / "sheets.xlsx"))
    (table,) = doc.blocks
    assert (table.page, table.number) == (1, 1)  # pages count the sheets read
    assert table.rows[1:] == (
        (Cell(("1",)), Cell(("Конкурс",), 2), E, Cell(("Жюри",))),
        (Cell(("2",)), Cell(("Конкурс",), 2, continued=True), E, Cell(("Жюри",))),
    )
    assert doc.notes == ("2 hidden sheet(s) skipped",)


def test_each_sheet_is_a_page_with_its_own_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for k, name in enumerate(["I полугодие", "II полугодие"]):
        ws = book.active if k == 0 else book.create_sheet(name)
        put(ws, 1, {1: f"План на {name}"})
        put(ws, 2, {1: "№", 2: "Мероприятие"})
        put(ws, 3, {1: k + 1, 2: f"Заседание {k + 1}"})
    doc = read(save(book, tmp_path / "two.xlsx"))
    assert [(type(b).__name__, b.page, b.number) for b in doc.blocks] == [
        ("Line", 1, 1), ("Table", 1, 2), ("Line", 2, 1), ("Table", 2, 2)]
    assert doc.notes == ("sheets read as pages: 1 «Sheet», 2 «II полугодие»",)


def test_a_one_column_sheet_is_lines_for_the_numbered_layout(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    texts = ["План работы Совета муниципальных образований Курской области на 2029 год",
             "Организационная работа",
             "1. Заседание Совета – март – Председатель Совета",
             "2. Семинар для депутатов – октябрь – Исполнительная дирекция",
             "Информационная работа",  # a row of its own: a heading, not the end of the party above
             "3. Выпуск бюллетеня – ежеквартально – Пресс-служба"]  # fmt: skip
    for r, text in enumerate(texts, start=1):
        put(ws, r, {1: text})
    path = save(book, tmp_path / "list.xlsx")
    assert [b.text for b in read(path).blocks] == texts
    result = planparse.convert(path)
    assert [(a.section_title, a.item_no, a.title, a.responsible) for a in result.activities] == [
        ("Организационная работа", "1", "Заседание Совета", ("Председатель Совета",)),
        ("Организационная работа", "2", "Семинар для депутатов", ("Исполнительная дирекция",)),
        ("Информационная работа", "3", "Выпуск бюллетеня", ("Пресс-служба",)),
    ]


def test_a_workbook_without_text_is_a_read_error(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "   "
    with pytest.raises(ReadError, match="no text in any visible sheet"):
        read(save(book, tmp_path / "blank.xlsx"))


def _cli(path: Path, tmp_path: Path):
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(out)])
    assert "Traceback" not in result.output and not out.exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def _corrupt_workbooks(tmp_path: Path) -> dict[str, Path]:
    good = deadline_plan(tmp_path / "good.xlsx").read_bytes()
    broken_xml = tmp_path / "broken_xml.xlsx"
    with zipfile.ZipFile(tmp_path / "good.xlsx") as src, zipfile.ZipFile(broken_xml, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"<worksheet><sheetData><row" if name.startswith("xl/worksheets/") else src.read(name))
    no_sheets = tmp_path / "no_sheets.xlsx"
    with zipfile.ZipFile(no_sheets, "w") as dst:
        dst.writestr("xl/workbook.xml", b"<workbook/>")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    return {"broken_xml": broken_xml, "no_sheets": no_sheets, "truncated": truncated}


@pytest.mark.parametrize("kind", ["broken_xml", "no_sheets", "truncated"])
def test_a_corrupt_workbook_is_one_clear_line_exit_3(tmp_path: Path, kind: str) -> None:
    path = _corrupt_workbooks(tmp_path)[kind]
    with pytest.raises(ReadError, match="corrupt or (truncated|unreadable)") as info:
        read(path)
    assert path.name in str(info.value) and "\n" not in str(info.value)
    result = _cli(path, tmp_path)
    assert result.exit_code == ExitCode.INPUT_FILE and f"planparse: error: {path.name}" in result.output


def test_an_encrypted_workbook_exits_6(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(compound_file(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(EncryptedDocumentError, match="password-protected"):
        read(path)
    result = _cli(path, tmp_path)
    assert result.exit_code == ExitCode.ENCRYPTED and "secret.xlsx" in result.output


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("old.xls", compound_file(["Workbook", "\x05SummaryInformation"]), r"Excel 97-2003 workbook \(\.xls\)"),
        ("binary.xlsb", None, r"Excel binary workbook \(\.xlsb\)"),
        ("calc.ods", None, r"OpenDocument spreadsheet \(\.ods\)"),
        ("bundle.zip", None, "a zip archive that is not a DOCX, XLSX or ODT document"),
    ],
)
def test_spreadsheets_not_read_are_named(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as zf:
            if name.endswith(".xlsb"):
                zf.writestr("xl/workbook.bin", b"\0")
            elif name.endswith(".ods"):
                zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                zf.writestr("content.xml", "<office:document-content/>")
            else:
                zf.writestr("readme.txt", "x")
    with pytest.raises(UnsupportedFormatError, match=message):
        read(path)
    assert _cli(path, tmp_path).exit_code == ExitCode.INPUT_FILE


def test_a_word_document_in_a_compound_file_is_still_doc(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"  # the suffix lies: the content decides
    path.write_bytes(compound_file(["WordDocument", "1Table"]))
    assert sniff_format(path) is SourceFormat.DOC


def test_sniffed_by_content_xlsx_named_doc_and_xlsm(tmp_path: Path) -> None:
    plan = grid_plan(tmp_path / "grid.xlsx")
    for name in ("plan.doc", "plan.xlsm"):
        (tmp_path / name).write_bytes(plan.read_bytes())
        assert sniff_format(tmp_path / name) is SourceFormat.XLSX
        assert len(planparse.convert(tmp_path / name).activities) == 5


def test_planparse_own_workbook_is_refused_as_a_plan(tmp_path: Path) -> None:
    plan = grid_plan(tmp_path / "grid.xlsx")
    out = tmp_path / "rows.xlsx"
    assert CliRunner().invoke(main, ["convert", str(plan), "-o", str(out)]).exit_code == 0
    assert is_planparse_output(out) and not is_planparse_output(plan)
    assert not is_planparse_output(tmp_path / "missing.xlsx")
    with pytest.raises(UnsupportedFormatError, match="written by planparse") as info:
        read(out)
    assert "rows.xlsx" in str(info.value)
    result = _cli(out, tmp_path)
    assert result.exit_code == ExitCode.INPUT_FILE and "written by planparse" in result.output


def test_compare_reads_planparse_workbooks_as_tables_and_converts_plan_workbooks(tmp_path: Path) -> None:
    from planparse.compare.load import load_one

    plan = grid_plan(tmp_path / "grid.xlsx")
    out = tmp_path / "rows.xlsx"
    planparse.convert(plan).write(out)
    (from_plan,), kind_plan, _ = load_one(plan)
    (from_rows,), kind_rows, _ = load_one(out)
    assert (kind_plan, kind_rows) == ("xlsx", "xlsx")
    assert list(from_plan["title"]) == list(from_rows["title"]) and len(from_plan) == 5


WORKER_PROBE = """
import json, sys
from planparse.batch.model import FileTask
from planparse.batch.worker import run_task, process_file
result = run_task(process_file, FileTask(sys.argv[1], "h"))
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "pyarrow", "pandas"})
import planparse
planparse.convert(sys.argv[1]).write(sys.argv[2])  # openpyxl came without numpy: writing still works
import openpyxl
rows = list(openpyxl.load_workbook(sys.argv[2]).worksheets[0].values)
print(json.dumps({"status": str(result.record.status), "format": result.record.format, "rows": result.record.rows,
                  "heavy": heavy, "written": len(rows) - 1}))
"""


def test_a_batch_worker_reads_a_workbook_without_loading_numpy(tmp_path: Path) -> None:
    plan = grid_plan(tmp_path / "grid.xlsx")
    out = subprocess.run([sys.executable, "-c", WORKER_PROBE, str(plan), str(tmp_path / "rows.xlsx")],
                         capture_output=True, text=True, check=True)  # fmt: skip
    probe = json.loads(out.stdout)
    assert probe == {"status": "ok", "format": "xlsx", "rows": 5, "heavy": [], "written": 5}


def _quarter_plan(path: Path, *, approval_merged: bool = False, header_borders_only: bool = False) -> Path:
    """A two-row header ("Срок проведения" merged over I-IV кв., № and Мероприятие merged down) under an
    approval row; marks "+" in quarter columns."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, {1: "СОГЛАСОВАНО", 5: "УТВЕРЖДАЮ"})
    if approval_merged:  # each block merged over half the sheet: the row covers every column
        ws.merge_cells("A1:C1")
        ws.merge_cells("D1:G1")
        put(ws, 1, {4: "УТВЕРЖДАЮ"})
    put(ws, 2, {1: "План работы Совета муниципальных образований Тамбовской области на 2030 год"})
    put(ws, 4, {1: "№", 2: "Мероприятие", 3: "Срок проведения", 7: "Ответственный"})
    put(ws, 5, {3: "I кв.", 4: "II кв.", 5: "III кв.", 6: "IV кв."})
    for rng in ("A4:A5", "B4:B5", "C4:F4", "G4:G5"):
        ws.merge_cells(rng)
    items = [(1, "Заседание Совета", (1, 3), "Председатель Совета"),
             (2, "Обучающий семинар", (2,), "Исполнительная дирекция"),
             (3, "Отчёт о работе", (4,), "Председатель Совета"),
             (4, "Смотр-конкурс", (2, 3), "Конкурсная комиссия")]  # fmt: skip
    for r, (no, title, quarters, resp) in enumerate(items, start=6):
        put(ws, r, {1: no, 2: title, **{2 + q: "+" for q in quarters}, 7: resp})
    for r in range(4, 6 if header_borders_only else 10):
        for c in range(1, 8):
            ws.cell(r, c).border = BOX
    ws.cell(60000, 300).border = BOX  # a stray formatted cell far away: the used range becomes huge
    return save(book, path)


@pytest.mark.parametrize(
    "approval_merged, header_borders_only", [(False, False), (True, False), (False, True), (True, True)]
)
def test_two_row_header_under_an_approval_row(tmp_path: Path, approval_merged: bool, header_borders_only: bool) -> None:
    path = _quarter_plan(tmp_path / "q.xlsx", approval_merged=approval_merged, header_borders_only=header_borders_only)
    doc = read(path)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert (table.number, len(table.rows), len(table.rows[0])) == (4, 6, 7)
    assert table.rows[1][:3] == (Cell(("№",), continued=True), Cell(("Мероприятие",), continued=True),
                                 Cell(("I кв.",)))  # fmt: skip
    result = planparse.convert(path)
    assert [(a.item_no, a.title, a.months, a.responsible, a.line) for a in result.activities] == [
        ("1", "Заседание Совета", (1, 2, 3, 7, 8, 9), ("Председатель Совета",), 6),
        ("2", "Обучающий семинар", (4, 5, 6), ("Исполнительная дирекция",), 7),
        ("3", "Отчёт о работе", (10, 11, 12), ("Председатель Совета",), 8),
        ("4", "Смотр-конкурс", (4, 5, 6, 7, 8, 9), ("Конкурсная комиссия",), 9),
    ]
    assert result.meta.year == 2030


def test_a_lone_heading_shown_over_empty_cells_spans_them(tmp_path: Path) -> None:
    """Sections typed into the narrow № column, not merged: Excel shows them over the row, a heading."""
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    ws = book.active
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 50
    put(ws, 1, {1: "План работы Совета муниципальных образований Пензенской области на 2031 год"})
    put(ws, 2, {1: "№", 2: "Наименование", 3: "Срок", 4: "Исполнитель"})
    put(ws, 3, {1: "Раздел 1. Заседания"})
    put(ws, 4, {1: 1, 2: "Заседание Правления", 3: "февраль", 4: "Председатель Совета"})
    put(ws, 5, {1: 2, 2: "Общее собрание", 3: "июнь", 4: "Исполнительный директор"})
    put(ws, 6, {1: "Раздел 2. Обучение"})
    put(ws, 7, {1: 3, 2: "Курсы для депутатов", 3: "сентябрь", 4: "Исполнительный директор"})
    put(ws, 8, {1: 4, 2: "Вебинар для специалистов", 3: "ноябрь", 4: "Исполнительный директор"})
    put(ws, 9, {2: "в том числе выездные"})  # a lone text in the wide title column: it fits, no span
    put(ws, 10, {1: "примечание к плану"})
    ws["A10"].alignment = Alignment(wrap_text=True)  # wrapped: shown inside its own cell
    table = read(save(book, tmp_path / "sections.xlsx")).blocks[1]
    assert isinstance(table, Table)
    assert table.rows[1] == (Cell(("Раздел 1. Заседания",), 4), E, E, E)
    assert table.rows[7] == (E, Cell(("в том числе выездные",)), E, E)
    assert table.rows[8] == (Cell(("примечание к плану",)), E, E, E)
    result = planparse.convert(tmp_path / "sections.xlsx")
    assert [(a.section_no, a.section_title, a.item_no) for a in result.activities[:4]] == [
        ("1", "Заседания", "1"), ("1", "Заседания", "2"), ("2", "Обучение", "3"), ("2", "Обучение", "4")]
