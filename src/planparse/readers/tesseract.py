"""Tesseract as a subprocess: the binary and its Russian model, one call per page, TSV word boxes.

``check_tesseract`` finds the binary and checks ``LANGUAGES`` are installed
(ConverterUnavailableError otherwise); ``run_tesseract`` hands it a page
image as PNG on stdin; ``parse_tsv`` turns its TSV into word boxes with
confidences (``OcrWord``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image

from planparse.errors import ConverterUnavailableError, ReadError
from planparse.readers.geometry import Word

TESSERACT = "tesseract"  # the binary (a name on PATH or a path)
MISSING_TESSERACT = "tesseract with the Russian model is needed: apt-get install tesseract-ocr-rus"
LANGUAGES = "rus"  # the Russian model reads the few Latin site names well enough; "+eng" makes Latin look-alikes
PSM = 6  # ruled pages, rules painted out: one uniform block of text lines (finds lone "1." and "+" that psm 11/3 drop)
PSM_NO_GRID = 4  # pages without rules: a single column of variable-size text lines
PAGE_TIMEOUT_S = 120
# Words Tesseract is less sure of than this (0-100) are reported as doubts in Document.notes.
# On the scan samples the misread words score 40-76 and 98 % of all words >= 85.
OCR_DOUBT_CONF = 80


@cache
def _languages(binary: str) -> frozenset[str]:
    path = shutil.which(binary)
    if path is None:
        raise ConverterUnavailableError(MISSING_TESSERACT)
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConverterUnavailableError(f"{MISSING_TESSERACT} ({exc})") from exc
    langs = frozenset(x.strip() for x in (out.stdout + out.stderr).splitlines()[1:] if x.strip())
    return langs


def check_tesseract() -> str:
    """The tesseract executable, or ConverterUnavailableError when it or ``rus`` is missing."""
    langs = _languages(TESSERACT)
    if not set(LANGUAGES.split("+")) <= langs:
        raise ConverterUnavailableError(MISSING_TESSERACT)
    return shutil.which(TESSERACT) or TESSERACT


@dataclass(frozen=True, slots=True)
class OcrWord:
    word: Word
    conf: float


def _png(gray: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def run_tesseract(gray: np.ndarray, dpi: float, psm: int, what: str = "tsv") -> str:
    """One Tesseract call on a page image; returns its TSV (or ``what`` = "txt" text)."""
    binary = check_tesseract()
    cmd = [binary, "stdin", "stdout", "-l", LANGUAGES, "--psm", str(psm), "--dpi", str(round(dpi))]
    if what == "tsv":
        cmd.append("tsv")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(cmd, input=_png(gray), capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"OCR took longer than {PAGE_TIMEOUT_S} s on one page") from exc
    except OSError as exc:
        raise ConverterUnavailableError(f"{MISSING_TESSERACT} ({exc})") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"tesseract failed: {err[-1] if err else f'exit code {done.returncode}'}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[OcrWord]:
    words: list[OcrWord] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        try:
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        words.append(OcrWord(Word(text, left, left + width, top, top + height), conf))
    return words
