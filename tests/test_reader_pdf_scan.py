"""Searchable scans: a picture of the page under an invisible OCR text layer is read as a scan."""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest
from conftest import SAMPLES

from planparse.readers import read
from planparse.readers.pdf_scan import is_ocr_layer_page

OCR_LAYER = ["tula_2024.ocrlayer.pdf", "smolensk_2019.ocrlayer.pdf"]


def _pages(name: str) -> list[bool]:
    pdf = pdfium.PdfDocument(str(SAMPLES / name))
    try:
        found = []
        for k in range(len(pdf)):
            page = pdf[k]
            try:
                found.append(is_ocr_layer_page(page.raw, *page.get_size()))
            finally:
                page.close()
        return found
    finally:
        pdf.close()


@pytest.mark.parametrize("name", OCR_LAYER)
def test_every_page_of_a_searchable_scan_is_an_ocr_layer(name: str) -> None:
    pages = _pages(name)
    assert pages and all(pages)


@pytest.mark.parametrize("name", ["tula_2024.pdf", "smolensk_2019.table.pdf", "tula_2024.scan.pdf"])
def test_text_pdfs_and_bare_scans_are_not(name: str) -> None:
    assert not any(_pages(name))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract")
def test_a_searchable_scan_is_read_by_ocr_and_says_why() -> None:
    doc = read(SAMPLES / "smolensk_2019.ocrlayer.pdf")
    assert any("OCR text layer over page pictures" in n for n in doc.notes), doc.notes
    assert any(n.startswith("OCR (tesseract") for n in doc.notes)


def test_without_ocr_a_searchable_scan_falls_back_to_its_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    from planparse.errors import ConverterUnavailableError
    from planparse.readers import pdf

    def no_ocr(path: object, why: str) -> None:
        raise ConverterUnavailableError("tesseract is not installed")

    monkeypatch.setattr(pdf, "is_ocr_layer_page", lambda page, width, height: True)
    monkeypatch.setattr(pdf, "_ocr", no_ocr)
    doc = read(SAMPLES / "smolensk_2019.pdf")  # a mapped text layer, taken here for an OCR layer
    assert any("read as text: tesseract is not installed" in n for n in doc.notes)
    assert any(getattr(b, "rows", None) for b in doc.blocks)  # its table read from the text layer
