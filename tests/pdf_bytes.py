"""Small PDFs written byte by byte for reader tests: pages of content streams, Helvetica as /F1, form XObjects."""

from __future__ import annotations

from collections.abc import Sequence

Matrix = tuple[float, float, float, float, float, float]


def _number(v: float) -> bytes:
    return (b"%.4f" % v).rstrip(b"0").rstrip(b".") or b"0"


def pdf_bytes(
    pages: list[bytes], *, rotate: int = 0, forms: Sequence[tuple[bytes, Matrix]] = (), media: bytes = b"0 0 612 792"
) -> bytes:
    """A PDF whose pages draw ``pages``; ``forms`` are form XObjects /Fm1, /Fm2 … (content, /Matrix),
    each able to draw the ones before it, all available to every page."""
    n_pages, n_forms = len(pages), len(forms)
    font = 3 + 2 * n_pages  # object numbers: 1 catalog, 2 pages, then page/content pairs, the font, the forms
    form_refs = b" ".join(b"/Fm%d %d 0 R" % (i + 1, font + 1 + i) for i in range(n_forms))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n_pages))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Rotate %d /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> /XObject << %s >> >> >>" % (media, rotate, 4 + 2 * i, font, form_refs)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, (content, matrix) in enumerate(forms):
        earlier = b" ".join(b"/Fm%d %d 0 R" % (j + 1, font + 1 + j) for j in range(i))
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [-2000 -2000 4000 4000] /Matrix [%s]"
            b" /Resources << /Font << /F1 %d 0 R >> /XObject << %s >> >> /Length %d >>\nstream\n"
            % (b" ".join(map(_number, matrix)), font, earlier, len(content))
            + content
            + b"\nendstream"
        )
    return write_pdf(objects)


def write_pdf(objects: Sequence[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog) with its cross-reference table;
    ``trailer``: more trailer entries (``/Encrypt``, ``/ID``)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)
