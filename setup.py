"""The PDF reader's optional compiled loops; the project itself is declared in pyproject.toml.

``planparse.readers._pdfium_loops`` is the PDF reader's two loops over pdfium calls in C:
characters to segments (pdf_chars) and the walk over path objects (pdf_rules); see README
"PDF speed".  It is optional: without a C compiler the build goes on and the reader runs the
same loops in Python, which give the same words and edges, only slower (readers/pdf_compiled.py).
"""

import sys

from setuptools import Extension, setup

# -ffp-contract=off: no fused multiply-add, so every box is rounded as Python's floats round it
FLAGS = [] if sys.platform == "win32" else ["-O2", "-ffp-contract=off"]

setup(
    ext_modules=[
        Extension(
            "planparse.readers._pdfium_loops",
            ["src/planparse/readers/_pdfium_loops.c", "src/planparse/readers/_pdfium_paths.c"],
            depends=["src/planparse/readers/_pdfium_loops.h"],
            extra_compile_args=FLAGS,
            optional=True,
        )
    ]
)
