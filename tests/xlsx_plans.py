"""Small XLSX plans and OLE2 compound files built for the tests (openpyxl; no files on disk beforehand)."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import openpyxl
from openpyxl.styles import Border, Side

MONTHS = ["янв.", "фев.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."]
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def put(ws, row: int, values: dict[int, object], number_format: str | None = None) -> None:
    for col, value in values.items():
        cell = ws.cell(row, col, value)
        if number_format:
            cell.number_format = number_format


def month_cols(*months: int, mark: str = "+") -> dict[int, object]:
    """Marks under the month columns of the grid plan (January in column D)."""
    return {3 + m: mark for m in months}


def grid_plan(path: Path) -> Path:
    """A 12-month grid starting in column B: approval lines, a merged title, merged section rows, "+" marks,
    a text merged over the months, a responsible merged over two rows, a hidden row and column, a signature."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "План на 2027"
    put(ws, 1, {14: "УТВЕРЖДЁН"})
    put(ws, 2, {14: "решением Президиума Совета от 14.12.2026 № 11"})
    ws.merge_cells("B3:P3")
    put(ws, 3, {2: "План работы Совета муниципальных образований Белгородской области на 2027 год"})
    header = {2: "№ п/п", 3: "Наименование мероприятия", **dict(zip(range(4, 16), MONTHS, strict=True))}
    put(ws, 5, {**header, 16: "Ответственные"})
    ws.merge_cells("B6:P6")
    put(ws, 6, {2: "1. Организационные мероприятия"})
    put(ws, 7, {2: 1, 3: "Заседание Президиума Совета", **month_cols(3, 6, 9, 12), 16: "Председатель Совета"})
    put(ws, 8, {2: 2.0, 3: "Общее собрание членов Совета", **month_cols(5), 16: "Исполнительная дирекция"})
    ws.merge_cells("P8:P9")
    put(ws, 9, {2: 3, 3: "Подготовка отчёта о деятельности Совета за 2026 год", **month_cols(2)})
    put(ws, 10, {2: 4, 3: "Снятое с плана мероприятие", **month_cols(1), 16: "Кто-то"})
    ws.row_dimensions[10].hidden = True
    ws.merge_cells("B12:P12")
    put(ws, 12, {2: "2. Методическая работа"})
    put(ws, 13, {2: 4, 3: "Консультирование органов местного самоуправления", 4: "в течение года",
                 16: "Юрисконсульт Совета"})  # fmt: skip
    ws.merge_cells("D13:O13")
    put(ws, 14, {2: 5, 3: "Семинар-совещание для глав поселений\n(г. Белгород)", **month_cols(4, 10),
                 16: "Исполнительный директор\nПредседатель Совета"})  # fmt: skip
    put(ws, 7, {17: "служебная пометка"})
    ws.column_dimensions["Q"].hidden = True
    put(ws, 16, {3: "Исполнительный директор", 16: "А.В. Сидоренко"})
    return save(book, path)


def deadline_plan(path: Path) -> Path:
    """№ | Мероприятие | Срок исполнения | Ответственный, drawn with borders; dates as date cells; an approval
    row with two cells above, a title merged over two rows, a signature right under the borders."""
    book = openpyxl.Workbook()
    ws = book.active
    put(ws, 1, {1: "СОГЛАСОВАНО", 4: "УТВЕРЖДАЮ"})
    put(ws, 2, {4: "Председатель Ассоциации\nО.Н. Дымова"})
    ws.merge_cells("A3:D4")
    put(ws, 3, {1: "ПЛАН МЕРОПРИЯТИЙ\nАссоциации «Совет муниципальных образований Омской области» на 2028 год"})
    rows = [
        ("№", "Мероприятие", "Срок исполнения", "Ответственный"),
        ("I. Правовая работа", None, None, None),
        ("1.1", "Мониторинг изменений законодательства", "ежемесячно", "Юрист Ассоциации"),
        ("1.2", "Подготовка отзыва на законопроект", dt.datetime(2028, 3, 15), "Исполнительный директор"),
        ("1.3", "Отчёт перед членами Ассоциации", dt.date(2028, 11, 30), "Председатель Ассоциации"),
        ("II. Информационная работа", None, None, None),
        ("2.1", "Наполнение сайта Ассоциации", "постоянно", "Пресс-секретарь"),
        ("2.2", "Выпуск сборника муниципальных практик", dt.datetime(2028, 6, 1), "Исполнительная дирекция"),
    ]
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value).border = BOX
    ws.merge_cells("A6:D6")
    ws.merge_cells("A10:D10")
    ws["C8"].number_format = "dd.mm"
    ws["C9"].number_format = "dd.mm.yyyy"
    ws["C12"].number_format = "mmmm yyyy"
    put(ws, 13, {1: "Исполнительный директор", 4: "П.Р. Ковальчук"})
    return save(book, path)


def compound_file(names: list[str]) -> bytes:
    """A minimal OLE2 compound file whose directory holds ``names`` (empty streams): header, FAT, directory."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)
    directory = bytearray(512)
    for k, name in enumerate(["Root Entry", *names]):
        raw = name.encode("utf-16-le") + b"\0\0"
        entry = 128 * k
        directory[entry : entry + len(raw)] = raw
        struct.pack_into("<HBB3I", directory, entry + 64, len(raw), 5 if k == 0 else 2, 1, free, free, free)
        struct.pack_into("<II", directory, entry + 116, end, 0)
    return bytes(header) + fat + bytes(directory)
