#!/usr/bin/env python3
"""Generate the office-format samples of the two reference plans.

    python samples/make_office_samples.py

Builds DOCX files from the reviewed truth (``golden/plans/<plan>.csv``) with
python-docx, converts them with LibreOffice (``soffice``) to DOC, ODT, RTF and
PDF, and writes ``manifest.office.json``.  Does not import planparse; the
shared helpers (truth reading, printed numbers/titles, the Smolensk timings as
printed) come from ``make_samples.py``.

Determinism: reruns give byte-identical files (checked with LibreOffice 7.4):
the DOCX files get fixed document properties and zip timestamps; LibreOffice
runs with ``SOURCE_DATE_EPOCH``/``TZ=UTC`` and the conversion times and random
ids it still writes are pinned afterwards (ODT ``meta.xml`` dates, ``Rsid`` and
zip timestamps; RTF ``\\creatim``/``\\revtim``; PDF dates, ``/DocChecksum`` and
``/ID`` by same-length substitution, so the xref offsets stay valid).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import (  # noqa: E402  (the sibling generator holds the shared helpers)
    HERE,
    MONTHS_FULL,
    SMOL,
    TITLE_BREAKS,
    TULA,
    display_title,
    is_true,
    months_of,
    number_text,
    read_truth,
    sections,
    smol_rows,
    write_manifest,
    yearly_text,
)

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PDF_DATE = b"D:20240101000000Z"
SOFFICE_TIMEOUT = 300
MANIFEST: list[dict] = []


# ---------------------------------------------------------------- DOCX helpers


def new_document(title: str, *, landscape: bool) -> Document:
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "planparse samples", "planparse samples"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    return doc


def title_paragraphs(doc: Document, plan: str) -> None:
    for text in TITLE_BREAKS[plan]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    doc.add_paragraph("")


def bordered_table(doc: Document, widths_cm: list[float]):
    table = doc.add_table(rows=0, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    return table


def add_row(table, texts: list[str], widths_cm: list[float], *, bold: bool = False, size: float | None = None,
            header: bool = False):
    row = table.add_row()
    if header:  # repeat on every page
        flag = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(flag)
    for cell, text, width in zip(row.cells, texts, widths_cm, strict=True):
        cell.width = Cm(width)
        set_cell_lines(cell, [text], bold=bold, size=size)
    return row


def set_cell_lines(cell, lines: list[str], *, bold: bool = False, size: float | None = None,
                   bold_first: bool = False) -> None:
    """One paragraph per entry of ``lines`` ("" = blank filler paragraph)."""
    first = cell.paragraphs[0]
    for k, text in enumerate(lines):
        p = first if k == 0 else cell.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold or (bold_first and k == 0)
            if size:
                run.font.size = Pt(size)


def merged_row(table, text: str, widths_cm: list[float], *, bold: bool = True) -> None:
    row = table.add_row()
    for cell, width in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(width)
    cell = row.cells[0].merge(row.cells[-1])
    set_cell_lines(cell, [text], bold=bold)


def save_docx(doc: Document, name: str) -> Path:
    """Save with fixed zip timestamps so reruns are byte-identical.

    Word always ends a document with a paragraph; python-docx does not, and
    LibreOffice drops a table that ends the document when it writes DOC, so the
    paragraph is added here.
    """
    doc.add_paragraph("")
    buf = io.BytesIO()
    doc.save(buf)
    path = HERE / name
    path.write_bytes(normalize_zip(buf.getvalue()))
    return path


def normalize_zip(data: bytes, rewrite=None) -> bytes:
    """Same members, fixed timestamps; ``rewrite(name, bytes)`` may change a member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if rewrite is not None:
                blob = rewrite(info.filename, blob)
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, blob)
    return out.getvalue()


def entry(file: str, plan: str, variant: str, description: str, **extra) -> None:
    item = {"file": file, "plan": plan, "variant": variant, "kind": "clean", "description": description}
    item.update(extra)
    MANIFEST.append(item)


# ---------------------------------------------------------------- 1. Tula grid table

TULA_WIDTHS = [1.2, 7.5, *[1.3] * 12, 2.4]


def make_tula_docx() -> None:
    rows = read_truth(TULA)
    doc = new_document(rows[0]["doc_title"], landscape=True)
    title_paragraphs(doc, TULA)
    table = bordered_table(doc, TULA_WIDTHS)
    add_row(table, ["№ п/п", "Наименование мероприятия", *MONTHS_FULL, "В течение года"], TULA_WIDTHS,
            bold=True, size=8, header=True)
    for sec_no, sec_title, items in sections(rows):
        merged_row(table, f"{sec_no} {sec_title}", TULA_WIDTHS)
        for row in items:
            cells = [number_text(row["item_no"]), display_title(row)]
            if is_true(row["is_group"]):
                cells += [""] * 13
            else:
                ms = months_of(row)
                cells += ["+" if k in ms else "" for k in range(1, 13)] + [yearly_text(row)]
            add_row(table, cells, TULA_WIDTHS, size=10)
    save_docx(doc, f"{TULA}.docx")
    entry(f"{TULA}.docx", TULA, "docx",
          "Built from the truth with python-docx: the seed's title paragraphs, one bordered table on a landscape "
          "page '№ п/п | Наименование мероприятия | Январь … Декабрь | В течение года'; section rows are one cell "
          "merged across all 15 columns (gridSpan) 'I Аналитическая деятельность'; item numbers as printed "
          "('1.', '6.1'); '+' in scheduled month cells; '+' or '1 раз в год' in the year column; group rows "
          "end in ':' and have empty mark cells.")


# ---------------------------------------------------------------- 2. Smolensk legacy (one row per group)

SMOL_WIDTHS = [9.0, 4.0, 5.0]


def smol_groups() -> list[tuple[str, list[tuple[dict[str, str], str]]]]:
    groups: list[tuple[str, list[tuple[dict[str, str], str]]]] = []
    for row, timing in smol_rows():
        if not groups or groups[-1][0] != row["section_title"]:
            groups.append((row["section_title"], []))
        groups[-1][1].append((row, timing))
    return groups


def legacy_cells(heading: str, items: list[tuple[dict[str, str], str]]) -> tuple[list[str], list[str], list[str]]:
    """The three cells of a group row: activities, timings, responsible parties, aligned by blank paragraphs."""
    acts, times, resp = [heading], [""], [""]
    shared = len({row["responsible"] for row, _ in items}) == 1
    for k, (row, timing) in enumerate(items):
        if k:
            acts.append("")
        at = len(acts)  # paragraph index where the activity starts
        acts.append(f"- {row['title']}")
        times += [""] * (at - len(times)) + [timing]
        if not shared or k == 0:
            resp += [""] * (at - len(resp)) + [row["responsible"]]
    return acts, times, resp


def make_smol_docx() -> None:
    rows = [r for r, _ in smol_rows()]
    doc = new_document(rows[0]["doc_title"], landscape=False)
    title_paragraphs(doc, SMOL)
    table = bordered_table(doc, SMOL_WIDTHS)
    add_row(table, ["Мероприятия", "Время проведения", "Ответственные"], SMOL_WIDTHS, bold=True, header=True)
    for heading, items in smol_groups():
        row = table.add_row()
        for cell, width, lines, first_bold in zip(
            row.cells, SMOL_WIDTHS, legacy_cells(heading, items), (True, False, False), strict=True
        ):
            cell.width = Cm(width)
            set_cell_lines(cell, lines, bold_first=first_bold)
    save_docx(doc, f"{SMOL}.docx")
    entry(f"{SMOL}.docx", SMOL, "docx",
          "Built from the truth with python-docx in the legacy one-row-per-group style of the original: the seed's "
          "title paragraphs, a bordered table 'Мероприятия | Время проведения | Ответственные'; one row per group "
          "(7): cell 1 holds the bold group heading, then each activity as a '- ' paragraph, activities separated "
          "by one blank paragraph; cell 2 the timings as printed in the seed, each at the paragraph index of its "
          "activity (blank paragraphs before it); cell 3 the responsible party once at the first activity's index "
          "when the whole group shares it, else one per activity at its index.")


# ---------------------------------------------------------------- 3. Smolensk clean table

SMOL_TABLE_WIDTHS = [1.2, 8.8, 3.8, 4.2]


def make_smol_table_docx() -> None:
    pairs = smol_rows()
    doc = new_document(pairs[0][0]["doc_title"], landscape=False)
    title_paragraphs(doc, SMOL)
    table = bordered_table(doc, SMOL_TABLE_WIDTHS)
    add_row(table, ["№", "Мероприятие", "Срок проведения", "Ответственный"], SMOL_TABLE_WIDTHS,
            bold=True, header=True)
    n = 0
    for heading, items in smol_groups():
        merged_row(table, heading, SMOL_TABLE_WIDTHS)
        for row, timing in items:
            n += 1
            add_row(table, [f"{n}.", row["title"], timing, row["responsible"]], SMOL_TABLE_WIDTHS)
    save_docx(doc, f"{SMOL}.table.docx")
    entry(f"{SMOL}.table.docx", SMOL, "table-docx",
          "Built from the truth with python-docx as a clean modern table '№ | Мероприятие | Срок проведения | "
          "Ответственный': one row per activity numbered 1..23 ('1.'), timings as printed in the seed, group "
          "headings as bold rows merged across all 4 columns.", item_numbers_added=True)


# ---------------------------------------------------------------- 4. LibreOffice conversions


def soffice_convert(files: list[Path], target: str) -> list[Path]:
    """Convert ``files`` (in samples/) to ``target`` next to them; one soffice call, throwaway profile."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    filters = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf", "pdf": "pdf:writer_pdf_Export"}
    with tempfile.TemporaryDirectory(prefix="make-office-") as tmp:
        out = Path(tmp) / "out"
        command = [binary, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", filters[target], "--outdir", str(out),
                   *map(str, files)]
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1704067200", "TZ": "UTC"}
        subprocess.run(command, check=True, timeout=SOFFICE_TIMEOUT, capture_output=True, env=env)
        made = []
        for src in files:
            result = out / f"{src.stem}.{target}"
            if not result.is_file():
                sys.exit(f"soffice did not produce {result.name}")
            dest = HERE / result.name
            dest.write_bytes(pin(result.read_bytes(), target))
            made.append(dest)
    return made


def pin(data: bytes, target: str) -> bytes:
    """Replace the conversion time and random ids LibreOffice writes with fixed values."""
    if target == "odt":
        def fixed(name: str, blob: bytes) -> bytes:
            if name == "meta.xml":
                blob = re.sub(rb"(<meta:creation-date>|<dc:date>|<meta:print-date>)[^<]*",
                              rb"\g<1>2024-01-01T00:00:00", blob)
                blob = re.sub(rb"<meta:editing-duration>[^<]*", b"<meta:editing-duration>PT0S", blob)
            if name == "settings.xml":  # random revision-save ids
                blob = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>1", blob)
            return blob
        return normalize_zip(data, fixed)
    if target == "rtf":
        stamp = rb"\yr2024\mo1\dy1\hr0\min0"
        return re.sub(rb"(\{\\(?:creatim|revtim|printim))[^}]*", lambda m: m.group(1) + stamp, data)
    if target == "pdf":  # same-length substitutions only: the xref table holds byte offsets
        data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", rb"\g<1>20240101000000", data)
        data = re.sub(rb"/DocChecksum /[0-9A-F]+", lambda m: m.group(0)[:14] + b"0" * (len(m.group(0)) - 14), data)
        return re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)",
                      lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4)), data)
    return data


def make_conversions() -> None:
    tula, smol, smol_table = HERE / f"{TULA}.docx", HERE / f"{SMOL}.docx", HERE / f"{SMOL}.table.docx"
    soffice_convert([tula, smol], "doc")
    soffice_convert([tula, smol], "odt")
    soffice_convert([smol], "rtf")
    soffice_convert([tula, smol, smol_table], "pdf")
    shutil.copyfile(HERE / f"{SMOL}.rtf", HERE / f"{SMOL}.rtf.doc")
    via = "Converted by LibreOffice (soffice --convert-to) from"
    entry(f"{TULA}.doc", TULA, "doc", f"{via} {TULA}.docx to Word 97-2003 (binary DOC).")
    entry(f"{TULA}.odt", TULA, "odt", f"{via} {TULA}.docx to ODT.")
    entry(f"{TULA}.pdf", TULA, "pdf", f"{via} {TULA}.docx to PDF (text layer, ruled table, landscape).")
    entry(f"{SMOL}.doc", SMOL, "doc", f"{via} {SMOL}.docx (legacy one-row-per-group table) to binary DOC.")
    entry(f"{SMOL}.odt", SMOL, "odt", f"{via} {SMOL}.docx (legacy one-row-per-group table) to ODT.")
    entry(f"{SMOL}.rtf", SMOL, "rtf", f"{via} {SMOL}.docx (legacy one-row-per-group table) to RTF.")
    entry(f"{SMOL}.rtf.doc", SMOL, "rtf-as-doc",
          f"Byte copy of {SMOL}.rtf under a .doc name (old sites saved RTF as .doc): the format must be "
          "detected from the content.")
    entry(f"{SMOL}.pdf", SMOL, "pdf", f"{via} {SMOL}.docx (legacy one-row-per-group table) to PDF.")
    entry(f"{SMOL}.table.pdf", SMOL, "table-pdf", f"{via} {SMOL}.table.docx (clean numbered table) to PDF.",
          item_numbers_added=True)


# ---------------------------------------------------------------- main


def main() -> None:
    MANIFEST.clear()
    make_tula_docx()
    make_smol_docx()
    make_smol_table_docx()
    make_conversions()
    write_manifest("manifest.office.json", MANIFEST)


if __name__ == "__main__":
    main()
