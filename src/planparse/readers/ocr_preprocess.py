"""Page images as numpy arrays: binarize, despeckle, deskew.

Pure numpy (plus Pillow for the rotation); no OCR here.  Every image is a 2-D
array: ``gray`` is uint8 (0 black .. 255 white), ``dark`` is bool (True = ink).
Sizes that depend on the scan resolution are given in inches and converted
with the page's dpi, so the same constants hold at 200 and 300 dpi.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# --- noise
SPECK_ISOLATION_IN = 0.02  # ink with nothing else within this distance...
SPECK_MAX_IN2 = 1.5e-4  # ...and at most this much ink in total there is a speck of dirt (~13 px at 300 dpi)

# --- deskew
MAX_SKEW_DEG = 5.0  # angles searched: +-MAX_SKEW_DEG
SKEW_COARSE_STEP = 0.2
SKEW_FINE_STEP = 0.02
MIN_SKEW_DEG = 0.05  # smaller estimates are not worth a resampling
SKEW_SAMPLE = 400_000  # dark pixels used for the projection profiles

# --- faint ink
FAINT_INK_SHARE = 0.3  # a pixel this far from the paper's grey towards the ink's counts as (faint) ink


# ---------------------------------------------------------------- binarize


def otsu_threshold(gray: np.ndarray) -> int:
    """Otsu's threshold of a uint8 image (pixels <= threshold are ink)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 127
    omega = np.cumsum(hist) / total
    mu = np.cumsum(hist * np.arange(256)) / total
    mu_t = mu[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu_t * omega - mu) ** 2 / (omega * (1 - omega))
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _neighbours(dark: np.ndarray) -> np.ndarray:
    """Number of ink pixels among the 8 neighbours of every pixel."""
    p = np.pad(dark.astype(np.uint8), 1)
    h, w = dark.shape
    total = np.zeros((h, w), np.uint8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy == 1 and dx == 1:
                continue
            total += p[dy : dy + h, dx : dx + w]
    return total


def box_count(mask: np.ndarray, r: int) -> np.ndarray:
    """Ink pixels in the (2r+1)² box around every pixel."""
    return _box_sum(mask, r, r)


def _box_sum(mask: np.ndarray, ry: int, rx: int) -> np.ndarray:
    """Sum over the (2ry+1) x (2rx+1) box around every pixel (summed-area table, zero outside)."""
    p = np.pad(mask.astype(np.int32), ((ry + 1, ry), (rx + 1, rx)))
    c = p.cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
    ky, kx = 2 * ry + 1, 2 * rx + 1
    return c[ky:, kx:] - c[:-ky, kx:] - c[ky:, :-kx] + c[:-ky, :-kx]


def dilate(mask: np.ndarray, ry: int, rx: int) -> np.ndarray:
    """Box dilation by ``ry`` rows and ``rx`` columns each side (summed-area table)."""
    return _box_sum(mask, ry, rx) > 0


def despeckle(dark: np.ndarray, dpi: float) -> np.ndarray:
    """Salt-and-pepper removed: isolated specks of ink, holes in strokes.

    An ink pixel with at most one ink neighbour is a speck (strokes and 1-px
    rules always have two); so is ink whose whole neighbourhood of
    SPECK_ISOLATION_IN holds no more than SPECK_MAX_IN2 of ink (a dot of dirt
    far from any letter -- a period or a letter's dot sits next to its letter).
    A paper pixel with at least 7 ink neighbours is a hole in a stroke.
    """
    n = _neighbours(dark)
    out = (dark & (n >= 2)) | (~dark & (n >= 7))
    r = max(2, round(SPECK_ISOLATION_IN * dpi))
    return out & (box_count(out, r) > SPECK_MAX_IN2 * dpi * dpi)


def _threshold(gray: np.ndarray) -> int:
    """Half way between the paper's grey and the ink's core.

    Otsu's threshold alone sits high on mostly-white scanned pages (grain
    widens the paper peak): blurred specks and stroke fringes would become ink.
    """
    otsu = otsu_threshold(gray)
    if otsu >= 250 or otsu <= 5:  # blank or solid page
        return 127
    sample = gray[::4, ::4]
    paper, ink = sample[sample > otsu], sample[sample <= otsu]
    if paper.size == 0 or ink.size == 0:
        return otsu
    return min(otsu, round((float(np.median(paper)) + float(np.percentile(ink, 10))) / 2))


def binarize(gray: np.ndarray, dpi: float = 300) -> np.ndarray:
    """Ink mask (threshold half way from paper to ink), with salt-and-pepper noise removed."""
    return despeckle(gray <= _threshold(gray), dpi)


def faint_ink(gray: np.ndarray, dpi: float = 300) -> np.ndarray:
    """A more lenient ink mask: anything FAINT_INK_SHARE of the way from paper to ink.

    Light pencil or worn-toner marks fall above Otsu's threshold (OCR never
    sees them) but are still clearly darker than the paper.
    """
    threshold = _threshold(gray)
    sample = gray[::4, ::4]
    paper = float(np.median(sample[sample > threshold])) if (sample > threshold).any() else 255.0
    ink = float(np.median(sample[sample <= threshold])) if (sample <= threshold).any() else 0.0
    return despeckle(gray <= paper - FAINT_INK_SHARE * (paper - ink), dpi)


# ---------------------------------------------------------------- deskew


def _profile_score(ys: np.ndarray, xs: np.ndarray, angle_deg: float, height: int) -> float:
    shifted = ys + xs * np.tan(np.radians(angle_deg))
    hist = np.bincount(np.clip(np.round(shifted).astype(np.int64) + height, 0, 3 * height), minlength=3 * height + 1)
    return float(np.dot(hist, hist))


def estimate_skew(dark: np.ndarray) -> float:
    """Counter-clockwise rotation of the content in degrees (Pillow's sign).

    The horizontal projection profile is sharpest when rows of ink (ruling
    lines, text baselines) are level: the angle maximising the sum of squared
    row counts of the sheared ink wins, searched coarse then fine.
    """
    ys, xs = np.nonzero(dark)
    if ys.size < 100:
        return 0.0
    if ys.size > SKEW_SAMPLE:
        pick = np.random.default_rng(0).choice(ys.size, SKEW_SAMPLE, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - dark.shape[1] / 2
    height = dark.shape[0]

    def best(candidates: np.ndarray) -> float:
        scores = [_profile_score(ys, xs, a, height) for a in candidates]
        return float(candidates[int(np.argmax(scores))])

    coarse = best(np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, SKEW_COARSE_STEP))
    fine = best(np.arange(coarse - SKEW_COARSE_STEP, coarse + SKEW_COARSE_STEP + 1e-9, SKEW_FINE_STEP))
    return round(fine, 2)


def rotate(gray: np.ndarray, angle_deg: float) -> np.ndarray:
    """Rotate a grayscale page counter-clockwise by ``angle_deg`` (white fill, same size)."""
    img = Image.fromarray(gray)
    return np.asarray(img.rotate(angle_deg, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255))


def deskew(gray: np.ndarray, dpi: float = 300) -> tuple[np.ndarray, float]:
    """(level page, skew angle found in degrees)."""
    angle = estimate_skew(binarize(gray, dpi))
    if abs(angle) < MIN_SKEW_DEG:
        return gray, angle
    return rotate(gray, -angle), angle
