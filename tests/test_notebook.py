"""notebooks/compare_regions.ipynb runs top to bottom on the bundled samples (executed here, so it never rots)."""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "compare_regions.ipynb"
CELL_TIMEOUT = 300  # seconds per cell; the whole notebook takes a few seconds


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return nb


def test_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_no_cell_errors(executed: nbformat.NotebookNode) -> None:
    for index, cell in enumerate(executed.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"cell {index}: {output.get('ename')}: {output.get('evalue')}"


def test_plots_are_drawn(executed: nbformat.NotebookNode) -> None:
    images = [c for c in executed.cells if c.cell_type == "code"
              and any("image/png" in o.get("data", {}) for o in c.outputs)]
    assert len(images) >= 3


def test_finding_is_printed(executed: nbformat.NotebookNode) -> None:
    (cell,) = [c for c in executed.cells if "finding" in c.get("metadata", {}).get("tags", [])]
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert "Тульская область, 2024" in text and "Смоленская область, 2019" in text
    assert "gives training the larger share" in text
    assert "Busiest months in Тульская область, 2024: фев, мар, апр, авг (4 activities each)" in text
