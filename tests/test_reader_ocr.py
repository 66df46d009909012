"""OCR reader: deskew, ruled grids, month marks decided by ink, OCR repairs, failures.

Synthetic pages are drawn with Pillow (a Cyrillic TTF found with fc-list) at
300 dpi, so every expectation is known exactly.  Tests that run Tesseract
are skipped when it or its Russian model is missing; the pure image tests
(deskew, ink) always run.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES
from PIL import Image, ImageDraw, ImageFont

from planparse.errors import ConverterUnavailableError, ReadError
from planparse.model import Cell, Line, Table
from planparse.readers import ocr, ocr_grid, ocr_ink, ocr_preprocess, ocr_repair, ocr_table, tesseract

MONTHS = ("Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек")
DPI = 300


@cache
def _has_russian_tesseract() -> bool:
    try:
        tesseract.check_tesseract()
    except ConverterUnavailableError:
        return False
    return True


needs_tesseract = pytest.mark.skipif(not _has_russian_tesseract(), reason="tesseract with rus is not installed")


@cache
def _font_path() -> str:
    found = ""
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=ru", "file"], capture_output=True, text=True, check=False).stdout
        files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
        found = next((f for f in files if f.endswith("DejaVuSans.ttf")), files[0] if files else "")
    if not found:
        pytest.skip("no Cyrillic TrueType font (fc-list :lang=ru)")
    return found


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(), size)


# (number, title, marked month indexes 0-11 / 12 = "в течение года", text in the year cell)
ROWS = (
    ("1.", "Мониторинг нормативных актов", {12}, None),
    ("2.", "Проект «Культура и власть»", {5, 6, 7, 8}, None),
    ("3.", "Конкурс сельских старост", {0, 1, 2}, None),
    ("4.", "Заседания Правления", set(), "1 раз в год"),
    ("5.", "Отчёт о работе", {11}, None),
)
FAINT = (3, 1)  # row 3 (1-based), February: a light-grey "+" that binarization (and OCR) loses
TINY = (5, 11)  # row 5, December: a 6-pt "+"


def grid_page(rows=ROWS, angle: float = 0.0) -> Image.Image:
    """A ruled month grid like the Tula plan, drawn at 300 dpi (optionally rotated, CCW degrees)."""
    body, small = _font(40), _font(30)
    widths = [110, 820] + [95] * 12 + [240]
    xs = [60]
    for w in widths:
        xs.append(xs[-1] + w)
    head_h, row_h = 110, 90
    ys = [160, 160 + head_h] + [160 + head_h + row_h * k for k in range(1, len(rows) + 1)]
    img = Image.new("L", (xs[-1] + 60, ys[-1] + 120), 255)
    d = ImageDraw.Draw(img)
    d.text((xs[0], 50), "План работы на 2024 год", font=body, fill=0)
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=4)
    for x in xs:
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=4)
    header = ["№", "Мероприятие", *MONTHS]  # cells top-aligned, as word processors do
    for c, text in enumerate(header):
        d.text((xs[c] + 10, ys[0] + 12), text, font=body if c < 2 else small, fill=0)
    d.multiline_text((xs[14] + 10, ys[0] + 12), "В течение\nгода", font=small, fill=0)
    for r, (no, title, marks, text) in enumerate(rows, 1):
        top, bottom = ys[r], ys[r + 1]
        d.text((xs[0] + 10, top + 22), no, font=body, fill=0)
        d.text((xs[1] + 10, top + 22), title, font=body, fill=0)
        for m in marks:
            c = 2 + m
            font, fill = body, 0
            if (r, m) == FAINT:
                fill = 165
            if (r, m) == TINY:
                font = _font(25)
            d.text(((xs[c] + xs[c + 1]) / 2, (top + bottom) / 2), "+", font=font, fill=fill, anchor="mm")
        if text:
            d.text((xs[14] + 10, top + 28), text, font=small, fill=0)
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return img


def text_page() -> Image.Image:
    """A page without ruling lines: a title and a two-column list."""
    font = _font(40)
    img = Image.new("L", (1800, 500), 255)
    d = ImageDraw.Draw(img)
    d.text((60, 50), "План работы на 2019 год", font=font, fill=0)
    d.text((60, 200), "Заседания Правления", font=font, fill=0)
    d.text((1100, 200), "ежеквартально", font=font, fill=0)
    d.text((60, 300), "Отчёт о работе", font=font, fill=0)
    d.text((1100, 300), "декабрь", font=font, fill=0)
    return img


def _save(img: Image.Image, path: Path) -> Path:
    img.save(path, dpi=(DPI, DPI))
    return path


def _months(row: tuple[Cell, ...]) -> set[int]:
    return {k for k in range(13) if row[2 + k].text == "+"}


# ---------------------------------------------------------------- pure image logic (no tesseract)


@pytest.mark.parametrize("angle", [1.0, -0.7, 1.4])
def test_deskew_estimate_is_within_a_third_of_a_degree(angle: float) -> None:
    page = np.asarray(grid_page(angle=angle))
    found = ocr_preprocess.estimate_skew(ocr_preprocess.binarize(page, DPI))
    assert abs(found - angle) <= 0.3, found


def test_grid_of_the_level_page_is_found() -> None:
    gray = np.asarray(grid_page())
    faint = ocr_preprocess.faint_ink(gray, DPI)
    grids = ocr_grid.find_grids(*ocr_grid.ruling_masks(faint, DPI), DPI)
    assert len(grids) == 1
    assert (grids[0].n_rows, grids[0].n_cols) == (len(ROWS) + 1, 15)


def test_ink_tells_a_tiny_or_faint_mark_from_specks() -> None:
    gray = np.asarray(grid_page())
    rng = np.random.default_rng(0)
    noisy = gray.copy()
    specks = rng.random(gray.shape) < 0.003  # salt-and-pepper over the whole page
    noisy[specks] = 40
    faint = ocr_preprocess.faint_ink(noisy, DPI)
    hmask, vmask = ocr_grid.ruling_masks(faint, DPI)
    (grid,) = ocr_grid.find_grids(hmask, vmask, DPI)
    ink = faint & ~ocr_grid.rule_pixels([grid], hmask, vmask, ocr_preprocess.binarize(noisy, DPI))
    density = ocr_ink.ink_density(ink, DPI)
    margin = ocr_ink.cell_margin(grid, DPI)
    share = {
        (k.r0, k.c0 - 2): ocr_ink.mark_ink(density, ink, k.box, margin, DPI)
        for k in grid.cells
        if k.r0 >= 1 and 2 <= k.c0 < 14
    }
    marked = {(r, m) for r, (_, _, marks, _) in enumerate(ROWS, 1) for m in marks if m < 12}
    assert FAINT in marked and TINY in marked
    assert min(share[key] for key in marked) >= ocr_table.INK_MARK_SHARE
    assert max(v for key, v in share.items() if key not in marked) < ocr_table.INK_MARK_SHARE


# ---------------------------------------------------------------- failures


def test_missing_tesseract_binary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT", "no-such-tesseract-binary")
    with pytest.raises(ConverterUnavailableError, match="tesseract-ocr-rus"):
        ocr.read_image(_save(text_page(), tmp_path / "page.png"))


def test_missing_russian_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tesseract, "_languages", lambda binary: frozenset({"eng", "osd"}))
    monkeypatch.setattr(tesseract.shutil, "which", lambda name: "/usr/bin/tesseract")
    with pytest.raises(ConverterUnavailableError, match="Russian model"):
        ocr.read_image(_save(text_page(), tmp_path / "page.png"))


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns about the broken TIFF's EXIF
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"garbage" * 20),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("broken.tif", b"II*\x00" + b"\xff" * 40),
        ("broken.pdf", b"%PDF-1.4\n%garbage, no objects\n"),
    ],
)
def test_corrupt_file_is_a_read_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    reader = ocr.read_scanned_pdf if name.endswith(".pdf") else ocr.read_image
    with pytest.raises(ReadError):
        reader(path)


@needs_tesseract
def test_tesseract_failure_is_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "_png", lambda gray: b"not an image")
    with pytest.raises(ReadError, match="tesseract failed"):
        tesseract.run_tesseract(np.asarray(text_page()), DPI, 6)


# ---------------------------------------------------------------- OCR of synthetic pages


@pytest.fixture(scope="module")
def rotated_grid(tmp_path_factory: pytest.TempPathFactory):
    if not _has_russian_tesseract():
        pytest.skip("tesseract with rus is not installed")
    path = _save(grid_page(angle=1.0), tmp_path_factory.mktemp("ocr") / "grid.png")
    return ocr.read_image(path)


@needs_tesseract
def test_rotated_grid_is_deskewed_and_read_as_a_table(rotated_grid) -> None:
    doc = rotated_grid
    assert any("deskewed by +1.0" in n for n in doc.notes), doc.notes
    assert any("decided by ink" in n for n in doc.notes), doc.notes  # OCR lost the faint/tiny "+"
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    header, *body = tables[0].rows
    assert [c.text for c in header[2:14]] == list(MONTHS)
    assert header[14].text.split() == ["В", "течение", "года"]
    assert [row[0].text for row in body] == [no for no, *_ in ROWS]
    assert [row[1].text for row in body] == [title for _, title, *_ in ROWS]
    # The title above the table stays a line of its own.
    assert any(isinstance(b, Line) and "План работы на 2024 год" in b.text for b in doc.blocks)


@needs_tesseract
def test_month_marks_are_decided_by_ink(rotated_grid) -> None:
    body = [b for b in rotated_grid.blocks if isinstance(b, Table)][0].rows[1:]
    assert [_months(row) for row in body] == [marks for _, _, marks, _ in ROWS]
    # The faint and the tiny "+" are there although OCR could not read them.
    assert body[FAINT[0] - 1][2 + FAINT[1]].text == "+"
    assert body[TINY[0] - 1][2 + TINY[1]].text == "+"


@needs_tesseract
def test_real_text_in_a_mark_cell_is_kept(rotated_grid) -> None:
    body = [b for b in rotated_grid.blocks if isinstance(b, Table)][0].rows[1:]
    assert body[3][14].text == "1 раз в год"


@needs_tesseract
def test_multipage_tiff_page_without_rules_gives_aligned_lines(tmp_path: Path) -> None:
    path = tmp_path / "two.tif"
    first, second = grid_page(), text_page()
    first.save(path, save_all=True, append_images=[second], dpi=(DPI, DPI), compression="tiff_lzw")
    doc = ocr.read_image(path)
    assert {b.page for b in doc.blocks} == {1, 2}
    lines = [b.text for b in doc.blocks if isinstance(b, Line) and b.page == 2]
    row = next(t for t in lines if "Заседания" in t)
    # Two columns stay apart (at least two spaces) for the aligned-text parser.
    assert "Заседания Правления" in row and "ежеквартально" in row
    assert row.index("ежеквартально") - row.index("Правления") - len("Правления") >= 2


# ---------------------------------------------------------------- repairs (pure)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [("б.1", "6.1"), ("1О.", "10."), (".4.", "4."), ("7,3", "7.3"), ("12.", "12."), ("Проект", "Проект")],
)
def test_item_number_repair(raw: str, fixed: str) -> None:
    assert ocr_repair.repair_number(raw) == fixed


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("П полугодие", "II полугодие"),
        ("Гполугодие", "I полугодие"),
        ("ТУ квартал", "IV квартал"),
        ("1 квартал", "1 квартал"),
        ("Правление, полугодие", "Правление, полугодие"),
    ],
)
def test_roman_numbers_before_periods(raw: str, fixed: str) -> None:
    assert ocr_repair.repair_roman_periods(raw) == fixed


def test_stray_quotes_and_leading_specks_are_dropped() -> None:
    lines = ("Проект «Развитие территориального “общественного", "самоуправления»:")
    assert ocr_repair.drop_stray_quotes(lines)[0] == "Проект «Развитие территориального общественного"
    assert ocr_repair.drop_stray_quotes(("„Лучший“ проект",)) == ("„Лучший“ проект",)
    assert ocr_repair.drop_leading_specks("_- Проведение уроков") == "- Проведение уроков"
    assert ocr_repair.drop_leading_specks("- Проведение") == "- Проведение"


def test_mark_cell_decision() -> None:
    high, none = 0.3, 0.0
    assert ocr_table._ink_cell_text("", high) == ("+", True)  # OCR dropped the mark
    assert ocr_table._ink_cell_text("т", high) == ("+", True)  # misread
    assert ocr_table._ink_cell_text("-|-", high) == ("+", True)
    assert ocr_table._ink_cell_text("1 раз в год", high) == ("1 раз в год", False)
    assert ocr_table._ink_cell_text("И", none) == ("", True)  # read from specks, no ink
    assert ocr_table._ink_cell_text("", none) == ("", False)


def test_table_continued_on_the_next_page_is_joined() -> None:
    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell((t,) if t else ()) for t in texts)

    header = row("№", "Мероприятие", "Янв", "Фев", "Мар", "Апр")
    info = ocr_table.TableInfo(1, frozenset({2, 3, 4, 5}), 0, ((2, "стопах", 76.0),))
    page1 = ocr_table.PageResult(1, [Line("План", 1, 1), Table((header, row("1.", "Первое", "+", "", "", "")), 1, 2)])
    page1.info = {1: info}
    part = Table((header, row("", "продолжение", "", "+", "", ""), row("2.", "Второе", "", "", "+", "")), 2, 1)
    page2 = ocr_table.PageResult(2, [Line("2", 2, 1), part])
    page2.info = {1: ocr_table.TableInfo(1, info.mark_cols, 0, ((2, "Вторпе", 50.0),))}
    blocks, infos, notes = ocr_table.join_pages([page1, page2])
    assert len(blocks) == 2 and isinstance(blocks[1], Table)
    rows = blocks[1].rows
    assert [r[1].text for r in rows] == ["Мероприятие", "Первое\nпродолжение", "Второе"]
    assert [c.text for c in rows[1][2:]] == ["+", "+", "", ""]
    assert infos[1].doubts == ((2, "стопах", 76.0), (2, "Вторпе", 50.0))
    assert any("continues" in n for n in notes)


# ---------------------------------------------------------------- the scanned samples


@pytest.mark.slow
@needs_tesseract
def test_scanned_sample_reads_every_month_mark() -> None:
    """tula_2024.scan.pdf (noisy, rotated): page 1's table has the marks of the plan's first rows."""
    path = SAMPLES / "tula_2024.scan.pdf"
    if not path.exists():
        pytest.skip("samples/make_scan_samples.py has not been run")
    doc = ocr.read_scanned_pdf(path)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    by_number = {r[0].text: r for r in table.rows if r[0].text}
    assert {k for k in range(13) if by_number["1."][2 + k].text == "+"} == {12}
    assert {k for k in range(13) if by_number["6.1"][2 + k].text == "+"} == {5, 6, 7, 8}
    assert {k for k in range(13) if by_number["7.1"][2 + k].text == "+"} == set(range(10))
    assert by_number["15.1"][14].text == "1 раз в год"
