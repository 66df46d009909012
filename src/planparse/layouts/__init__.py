"""Layout parsers: ``Document`` -> ``ParsedPlan``.  Each one scores its own fit.

``detect`` runs every registered parser and keeps the best fit; ``--layout``
forces one.  Both read the document without its page furniture (page numbers,
running headers, the signature: ``furniture``).  A parser returns ``None``
when the document is plainly not of its kind (no header, no marks ...).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from planparse.errors import LayoutNotDetectedError
from planparse.layouts.columns import parse_columns
from planparse.layouts.furniture import strip_furniture
from planparse.layouts.grid import parse_grid
from planparse.layouts.numbered import parse_numbered
from planparse.layouts.table import parse_table
from planparse.model import Document, LayoutKind, ParsedPlan

log = logging.getLogger(__name__)

Parser = Callable[[Document], ParsedPlan | None]

PARSERS: dict[LayoutKind, Parser] = {
    LayoutKind.GRID: parse_grid,
    LayoutKind.COLUMNS: parse_columns,
    LayoutKind.TABLE: parse_table,
    LayoutKind.NUMBERED: parse_numbered,
}
# Ties go to the more specific layout (a grid is also a numbered list).
_PRIORITY = {LayoutKind.GRID: 3, LayoutKind.TABLE: 2, LayoutKind.COLUMNS: 1, LayoutKind.NUMBERED: 0}
MIN_FIT = 0.3
_FIT_STEPS = 20  # fits are compared in steps of 0.05, then by priority


def _rank(plan: ParsedPlan) -> tuple[int, int, int]:
    return round(plan.fit * _FIT_STEPS), _PRIORITY[plan.layout], len(plan.items)


def score_all(doc: Document, *, exhaustive: bool = True) -> dict[LayoutKind, ParsedPlan]:
    """The parsers' answers for the document (those that recognised it at all).

    Parsers run most specific first.  With ``exhaustive=False`` the run stops
    once a plan reaches the top fit step: a later (less specific) parser could
    then only tie and lose on priority, so the winner is the same and the
    remaining parsers are not worth their time (about a third of the text path).
    Page furniture (page numbers, running headers, the signature) is dropped first.
    """
    doc = strip_furniture(doc)
    found: dict[LayoutKind, ParsedPlan] = {}
    for kind in sorted(PARSERS, key=lambda k: -_PRIORITY[k]):
        plan = PARSERS[kind](doc)
        if plan is not None and plan.items:
            found[kind] = plan
            log.debug("%s: %s fit %.3f, %d items", doc.source, kind, plan.fit, len(plan.items))
            if not exhaustive and _rank(plan)[0] == _FIT_STEPS:
                break
    return found


def detect(doc: Document, layout: LayoutKind | None = None) -> tuple[ParsedPlan, dict[LayoutKind, float]]:
    """The winning plan and every parser's fit; raises when nothing fits."""
    if layout is not None:
        plan = PARSERS[layout](strip_furniture(doc))
        if plan is None or not plan.items:
            raise LayoutNotDetectedError(f"the document is not a {layout.value} plan", path=doc.source)
        return plan, {layout: plan.fit}
    found = score_all(doc, exhaustive=False)
    scores = {k: p.fit for k, p in found.items()}
    if not found:
        raise LayoutNotDetectedError("no work-plan table or numbered list found", path=doc.source)
    best = max(found.values(), key=_rank)
    if best.fit < MIN_FIT:
        raise LayoutNotDetectedError(f"no layout fits (best: {best.layout.value} {best.fit:.2f})", path=doc.source)
    return best, scores
