"""Scanned variants of the PDF samples: image-only PDFs and Tesseract's plain text.

For each plan whose text-layer PDF exists (``samples/<plan>.pdf``, made by
``make_office_samples.py`` for the seeds and ``make_plan_samples.py`` for the
invented plans) this writes

- ``<plan>.scan.pdf``: every page rasterized at ``SCAN_DPI`` (grayscale), made
  to look scanned -- paper tone, a slight blur, Gaussian grain, salt-and-pepper
  specks, rotated by 0.5-1.5 degrees (sign and size drawn per page) -- and saved
  as JPEG images in a PDF without a text layer;
- ``<plan>.ocrlayer.pdf`` (the plans in ``OCR_LAYER_PLANS``): the scan made
  "searchable" as OCRmyPDF does it -- over each page picture, Tesseract's
  text-only PDF of it (the recognised words as invisible text) as a form
  XObject -- the form many scanned plans are published in;
- ``<plan>.tesseract.txt``: the plain text ``tesseract -l rus`` (default page
  segmentation) gives for those page images, pages ending in form feeds -- the
  "OCR'd text" form of the plan;

and ``manifest.scan.json`` listing them.  Deterministic: fixed seeds per
plan and page, no timestamps in the PDFs (running it twice gives identical
files for the same Pillow/Tesseract versions).  Needs pypdfium2, Pillow,
numpy and tesseract with ``rus``; does not import planparse.

    python samples/make_scan_samples.py
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import write_manifest  # noqa: E402  (the sibling generator's manifest writer)

HERE = Path(__file__).resolve().parent
# the seeds (make_office_samples.py), then the invented plans (make_plan_samples.py)
PLANS = ("tula_2024", "smolensk_2019", "kaluga_2022", "vologda_2021", "altai_2023")
SCAN_DPI = 200
JPEG_QUALITY = 45
PAPER = 244  # paper grey
BLUR_RADIUS = 0.7  # Gaussian blur, pixels at SCAN_DPI
GRAIN_SIGMA = 6.0  # Gaussian grain, grey levels
SPECK_SHARE = 0.002  # share of pixels turned into dark specks...
HOLE_SHARE = 0.002  # ...and into paper-coloured holes
ROTATION_DEG = (0.5, 1.5)
FIXED_DATE = time.gmtime(1704067200)  # 2024-01-01  # PDF creation/modification date (reproducible files)


def _seed(plan: str, page: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{plan}:{page}".encode()).digest()[:4], "big")


def scan_page(gray: Image.Image, rng: np.random.Generator) -> tuple[Image.Image, float]:
    """(scanned-looking page, rotation applied in degrees counter-clockwise)."""
    a = np.asarray(gray, dtype=np.float64)
    a = PAPER - (255.0 - a) * (PAPER - 20) / 255.0  # toner ~20, paper ~PAPER
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    angle = float(rng.uniform(*ROTATION_DEG) * rng.choice([-1.0, 1.0]))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=PAPER)
    img = img.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    a = np.asarray(img, dtype=np.float64) + rng.normal(0.0, GRAIN_SIGMA, (img.height, img.width))
    u = rng.random(a.shape)
    a[u < SPECK_SHARE] = rng.uniform(0, 90, int((u < SPECK_SHARE).sum()))
    holes = (u >= SPECK_SHARE) & (u < SPECK_SHARE + HOLE_SHARE)
    a[holes] = PAPER
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), angle


def rasterize(pdf_path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def _tesseract(image: bytes, *renderer: str) -> bytes:
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "rus", "--dpi", str(SCAN_DPI), *renderer],
        input=image,
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    return done.stdout


def ocr_layer_pdf(scan: Path, jpegs: list[bytes], target: Path) -> None:
    """``scan`` made searchable the way OCRmyPDF does it: each page keeps its picture and gets Tesseract's
    text-only PDF of that picture (``textonly_pdf=1``: the words as invisible text) laid over it as a form
    XObject.  Deterministic: nothing of Tesseract's document (dates, ids) is copied."""
    pdf = pdfium.PdfDocument(str(scan))
    try:
        for k, jpeg in enumerate(jpegs):
            layer = pdfium.PdfDocument(_tesseract(jpeg, "-c", "textonly_pdf=1", "pdf"))
            try:
                page = pdf[k]
                page.insert_obj(layer.page_as_xobject(0, pdf).as_pageobject())
                page.gen_content()
            finally:
                layer.close()
        buf = io.BytesIO()
        pdf.save(buf)
    finally:
        pdf.close()
    target.write_bytes(_fixed_id(buf.getvalue()))


def _fixed_id(data: bytes) -> bytes:
    """pdfium writes a random trailer /ID: put the content's hash there (same length, so offsets hold)."""
    found = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]", data)
    if not found:
        return data
    blank = data[: found.start()] + data[found.end():]
    digest = hashlib.md5(blank).hexdigest().upper().encode()  # noqa: S324 - an id, not security
    for group in (2, 1):  # right to left, so the first span stays valid
        a, b = found.span(group)
        data = data[:a] + (digest * 4)[: b - a] + data[b:]
    return data


def tesseract_text(pages: list[Image.Image]) -> str:
    out = []
    for page in pages:
        buf = io.BytesIO()
        page.save(buf, format="PNG")
        text = _tesseract(buf.getvalue()).decode("utf-8")
        out.append(text if text.endswith("\f") else text + "\f")
    return "".join(out)


def make(plan: str) -> list[dict]:
    source = HERE / f"{plan}.pdf"
    pages = rasterize(source)
    scanned, angles = [], []
    for k, page in enumerate(pages, 1):
        img, angle = scan_page(page, np.random.default_rng(_seed(plan, k)))
        scanned.append(img)
        angles.append(angle)
    pdf_name = f"{plan}.scan.pdf"
    scanned[0].save(
        HERE / pdf_name,
        "PDF",
        resolution=SCAN_DPI,
        save_all=True,
        append_images=scanned[1:],
        quality=JPEG_QUALITY,
        title=pdf_name,
        producer="make_scan_samples.py",
        creationDate=FIXED_DATE,
        modDate=FIXED_DATE,
    )
    # Tesseract reads what a scanner gives: the JPEG-compressed pages.
    decoded, jpegs = [], []
    for img in scanned:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=JPEG_QUALITY)
        jpegs.append(buf.getvalue())
        decoded.append(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
    layered = []
    if plan in OCR_LAYER_PLANS:
        ocr_layer_pdf(HERE / pdf_name, jpegs, HERE / f"{plan}.ocrlayer.pdf")
        layered.append({
            "file": f"{plan}.ocrlayer.pdf",
            "plan": plan,
            "variant": "ocrlayer",
            "kind": "noisy",
            "description": (
                f"{pdf_name} made searchable as OCRmyPDF does: over each page picture, `tesseract -l rus -c "
                "textonly_pdf=1 ... pdf` of it (the words as invisible text) as a form XObject; planparse sees an "
                "OCR layer over full-page pictures and reads the pictures by OCR."
            ),
        })
    txt_name = f"{plan}.tesseract.txt"
    if WITH_TESSERACT_TEXT:
        (HERE / txt_name).write_text(tesseract_text(decoded), encoding="utf-8")
    rotations = ", ".join(f"{a:+.2f}°" for a in angles)
    entries = [
        {
            "file": pdf_name,
            "plan": plan,
            "variant": "scan",
            "kind": "noisy",
            "description": (
                f"{plan}.pdf rasterized at {SCAN_DPI} dpi (grayscale), paper tone, blur {BLUR_RADIUS} px, "
                f"grain sigma {GRAIN_SIGMA:g}, {SPECK_SHARE:.1%} dark specks and {HOLE_SHARE:.1%} holes, "
                f"pages rotated {rotations}; JPEG q{JPEG_QUALITY} in a PDF with no text layer (read by OCR)."
            ),
        },
        {
            "file": txt_name,
            "plan": plan,
            "variant": "tesseract",
            "kind": "noisy",
            "description": (
                f"Plain text of {pdf_name} from `tesseract -l rus` with default page segmentation, "
                "pages ending in form feeds: the table linearized as an OCR tool gives it."
            ),
        },
    ]
    return [*entries[:1], *layered, *(entries[1:] if WITH_TESSERACT_TEXT else [])]


# Searchable scans of the two seed plans (one grid, one columns layout).
OCR_LAYER_PLANS = ("tula_2024", "smolensk_2019")

# Plain Tesseract text (default segmentation) breaks the table into one block per cell;
# no layout reads it yet, so it is only written with --with-tesseract-text (issue 3, open).
WITH_TESSERACT_TEXT = "--with-tesseract-text" in sys.argv


def main() -> int:
    entries: list[dict] = []
    for plan in PLANS:
        if not (HERE / f"{plan}.pdf").exists():
            print(f"skipped {plan}: samples/{plan}.pdf not found (run make_office_samples.py / make_plan_samples.py "
                  "first)", file=sys.stderr)
            continue
        entries.extend(make(plan))
    write_manifest("manifest.scan.json", entries)  # keeps the reviewed known_issue notes
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
