"""Character clean-up shared by the readers.

``ODD_SPACES`` is a ``str.translate`` table: no-break, figure, thin, hair, en,
em and ideographic spaces become a plain space; zero-width space, BOM and the
soft hyphen are dropped.  Layout parsers then only ever see plain spaces.
"""

from __future__ import annotations

ODD_SPACES: dict[int, str | None] = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
ODD_SPACES.update(dict.fromkeys(map(ord, "\u200b\ufeff\u00ad"), None))
