"""The compiled loops over pdfium (``readers.pdf_compiled``) give exactly what the Python loops give.

The Python loops (``pdf_chars.python_segments``, ``pdf_rules._Walker``) are the reference.  Compared:
every page of every sample PDF (segments, text objects' facts, edges, and whole documents), and
random pages of text and paths drawn with any matrix, on turned pages, inside nested form XObjects.
"""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_bytes import pdf_bytes

from planparse.readers import pdf_chars, pdf_compiled, pdf_rules
from planparse.readers.pdf import _ROTATION, _media_box, read_pdf
from planparse.readers.pdf_words import Frame

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
pytestmark = pytest.mark.skipif(pdf_compiled.LOOPS is None, reason="the compiled loops were not built (setup.py)")


def _pages(path: Path):
    """(segments, objects, edges) per page, read the way readers.pdf reads them (loops as patched)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdfium_c.FPDF_LoadPage(pdf.raw, i)
            try:
                frame = Frame.of(_media_box(page), _ROTATION.get(pdfium_c.FPDFPage_GetRotation(page), 0))
                textpage = pdfium_c.FPDFText_LoadPage(page)
                try:
                    reader = pdf_chars.Reader(ctypes.cast(textpage, ctypes.c_void_p).value, frame)
                    n = pdf_chars.count_chars(reader.tp)
                    segs = pdf_chars.segments(reader, pdf_chars.page_text(reader.tp, n)) if n > 0 else []
                finally:
                    pdfium_c.FPDFText_ClosePage(textpage)
                edges = pdf_rules.page_edges(ctypes.cast(page, ctypes.c_void_p).value, frame)
                # repr: exact floats, NaN equal to NaN; objects by the order learnt (their addresses change from run to run)
                yield repr(segs), repr(list(reader.objects.values())), repr(edges)  # objects: in the order learnt
            finally:
                pdfium_c.FPDF_ClosePage(page)
    finally:
        pdf.close()


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    compiled = list(_pages(path))
    with monkeypatch.context() as m:
        m.setattr(pdf_chars, "LOOPS", None)
        m.setattr(pdf_rules, "LOOPS", None)
        python = list(_pages(path))
    return compiled, python


SAMPLE_PDFS = sorted(p for p in SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=[p.name for p in SAMPLE_PDFS])
def test_sample_pages_are_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled, python = _both(path, monkeypatch)
    assert compiled == python
    assert any(segs != "[]" for segs, _, _ in compiled) or ".scan." in path.name  # the comparison saw text


TEXT_LAYER = [p for p in SAMPLE_PDFS if ".scan." not in p.name and ".ocrlayer." not in p.name]


@pytest.mark.parametrize("path", TEXT_LAYER, ids=[p.name for p in TEXT_LAYER])
def test_sample_documents_are_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = read_pdf(path)
    with monkeypatch.context() as m:
        m.setattr(pdf_chars, "LOOPS", None)
        m.setattr(pdf_rules, "LOOPS", None)
        assert repr(read_pdf(path)) == repr(compiled)


# --- random pages --------------------------------------------------------------------------------------------

_c = math.cos(math.radians(30))
MATRICES = [
    (1, 0, 0, 1),  # upright
    (0, 1, -1, 0),  # turned 90 degrees: a DOWN object
    (0, -1, 1, 0),
    (-1, 0, 0, -1),
    (1, 0, 0, -1),  # mirrored
    (_c, 0.5, -0.5, _c),  # at an angle: OTHER
    (1, 0, 0.3, 1),  # skewed
    (2, 0, 0, 0.5),
]
_coord = st.integers(-50, 650).map(float) | st.floats(-50, 650, allow_nan=False).map(lambda v: round(v, 2))
_words = st.text(alphabet="AbcXyz019.,;()- ", min_size=0, max_size=24)


@st.composite
def _text(draw: st.DrawFn) -> bytes:
    a, b, c, d = draw(st.sampled_from(MATRICES))
    size = draw(st.sampled_from([4, 8, 10, 12, 16]))
    spacing = draw(st.sampled_from([b"", b"1 Tc ", b"3 Tw ", b"-0.5 Tc "]))
    parts = draw(st.lists(st.tuples(_words, st.integers(-500, 500)), min_size=1, max_size=4))
    array = b" ".join(b"(%s) %d" % (w.encode(), k) for w, k in parts)
    x, y = draw(_coord), draw(_coord)
    return b"BT /F1 %d Tf %s%g %g %g %g %g %g Tm [%s] TJ ET" % (size, spacing, a, b, c, d, x, y, array)


@st.composite
def _path(draw: st.DrawFn) -> bytes:
    ops = [b"%g %g m" % (draw(_coord), draw(_coord))]
    for _ in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["l", "l", "c", "h", "m", "re"]))
        if kind == "c":
            ops.append(b"%g %g %g %g %g %g c" % tuple(draw(_coord) for _ in range(6)))
        elif kind == "re":
            ops.append(b"%g %g %g %g re" % (draw(_coord), draw(_coord), draw(_coord) - 300, draw(_coord) - 300))
        elif kind == "h":
            ops.append(b"h")
        else:
            ops.append(b"%g %g %s" % (draw(_coord), draw(_coord), kind.encode()))
    ops.append(draw(st.sampled_from([b"S", b"f", b"B", b"s", b"n"])))
    return b"\n".join(ops)


@st.composite
def _content(draw: st.DrawFn, forms: int) -> bytes:
    items = draw(st.lists(_text() | _path() | st.integers(1, max(forms, 1)).map(lambda k: b"/Fm%d Do" % k), max_size=8))
    if not forms:
        items = [i for i in items if not i.startswith(b"/Fm")]
    if draw(st.booleans()):
        a, b, c, d = draw(st.sampled_from(MATRICES))
        items = [b"q %g %g %g %g %g %g cm" % (a, b, c, d, draw(_coord), draw(_coord)), *items, b"Q"]
    return b"\n".join(items)


@st.composite
def _pdf(draw: st.DrawFn) -> bytes:
    forms = []
    for k in range(draw(st.integers(0, 2))):
        a, b, c, d = draw(st.sampled_from(MATRICES))
        forms.append((draw(_content(k)), (a, b, c, d, draw(_coord), draw(_coord))))
    pages = draw(st.lists(_content(len(forms)), min_size=1, max_size=2))
    return pdf_bytes(pages, rotate=draw(st.sampled_from([0, 90, 180, 270])), forms=forms)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_pdf())
def test_random_pages_are_read_the_same(data: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "random.pdf"
    path.write_bytes(data)
    compiled, python = _both(path, monkeypatch)
    assert compiled == python


def test_a_path_of_thousands_of_segments_and_curves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled walk grows its shape buffer; a curve keeps its end point, closing goes back to the start."""
    steps = b"\n".join(b"%d %d l" % (100 + i % 400, 100 + (i // 400) * 3) for i in range(5000))
    curve = b"10 10 m 20 30 40 30 50 10 c 60 0 70 0 80 10 c h S"
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_bytes([b"100 100 m\n" + steps + b"\nS\n" + curve]))
    compiled, python = _both(path, monkeypatch)
    assert compiled == python
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdfium_c.FPDF_LoadPage(pdf.raw, 0)
        shapes = [s for s, _ in pdf_compiled.LOOPS.paths(ctypes.cast(page, ctypes.c_void_p).value, (1, 0, 0, -1, 0, 792))]
        pdfium_c.FPDF_ClosePage(page)
    finally:
        pdf.close()
    # pdfium closes a path with a line back to its start, flagged as closing ("lh")
    assert shapes == ["m" + "l" * 5000, "mcclh"]


def test_pure_python_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANPARSE_PURE_PYTHON", "1")
    assert pdf_compiled.load() is None
    monkeypatch.delenv("PLANPARSE_PURE_PYTHON")
    assert pdf_compiled.load() is not None
