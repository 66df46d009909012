"""Is a PDF page a scan under an OCR text layer?

"Searchable" scans (Tesseract's ``pdf`` output, ABBYY, Acrobat's "Recognize
text") draw the page as one picture and lay the recognised words over it as
invisible text (render mode 3).  Their text layer has words but no ruling
lines, cell boxes or reliable word boxes: the table lines are pixels of the
picture.  Read as a text layer, such a plan comes out badly (the tables are
not found, so the grid and column layouts see one long run of words); read
as a scan, our OCR path finds the ruling lines in the picture and rebuilds
the table.  This module only looks: it tells the PDF reader which pages are
such scans, and the reader decides.

Cheap for ordinary PDFs: the walk over a page's objects stops at the first
visible text object, which in a born-digital page comes early.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

# A picture covering at least this share of the page is "the page".
PAGE_IMAGE_SHARE = 0.5
_INVISIBLE = pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
_TEXT, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
_MAX_DEPTH = 2  # form XObjects nested this deep are looked into (some producers wrap the picture in one)


def _bounds_area(obj: Any) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0
    return max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)


class _Walk:
    """The facts gathered over one page's objects."""

    def __init__(self, page_area: float) -> None:
        self.page_area = page_area
        self.invisible_text = 0
        self.page_image = False

    def visit(self, count: int, get: Any, depth: int) -> bool:
        """Look at ``count`` objects (``get(i)`` gives the i-th); False as soon as visible text is met."""
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _TEXT:
                if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) != _INVISIBLE:
                    return False
                self.invisible_text += 1
            elif kind == _IMAGE:
                self.page_image = self.page_image or _bounds_area(obj) >= PAGE_IMAGE_SHARE * self.page_area
            elif kind == _FORM and depth < _MAX_DEPTH:
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                if n > 0 and not self.visit(n, lambda k, form=obj: pdfium_c.FPDFFormObj_GetObject(form, k), depth + 1):
                    return False
        return True


def is_ocr_layer_page(page: Any, width: float, height: float) -> bool:
    """True when ``page`` (an ``FPDF_PAGE``) is a picture of the page with only invisible text over it."""
    walk = _Walk(width * height)
    count = pdfium_c.FPDFPage_CountObjects(page)
    if count <= 0 or not walk.visit(count, lambda k: pdfium_c.FPDFPage_GetObject(page, k), 0):
        return False
    return walk.page_image and walk.invisible_text > 0
