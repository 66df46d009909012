"""What in a responsible cell is markup or contact detail, not a party's name.

* **List markers**: a party that opens with an enumerator - "1)", "(2)",
  "3.", "2.1.", "а)" - is an item of a numbered list; the marker is markup
  (:func:`strip_enumerator`).  Only a marker followed by a space counts, and a
  letter marker only with its bracket ("г. Кострома", "с. Ивановка" are
  places), so numbers that are part of a name stay: "Комиссия № 2",
  "МБОУ СОШ № 5", "Отдел 1", "1 отдел".
* **Contact details**: a phone number, e-mail address or web address, with
  or without its label ("тел.", "т.", "тел./факс", "моб.", "e-mail:",
  "эл. почта"), names no one.  A separator piece made only of them, a bracket
  made only of them and a run of them that ends a party are cut off
  (:func:`strip_contacts`); the cell as printed keeps them
  (``responsible_raw``).  A phone needs a label or at least five digits, so a
  bare number ("№ 12", "2024") is never read as one.

Pure functions on strings.
"""

from __future__ import annotations

import regex

_ENUMERATOR_RE = regex.compile(
    r"^\s*(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[а-яёa-z])\)|\d{1,2}(?:\.\d{1,2})*\.)\s+(?=\S)"
)
_LABEL = (
    r"(?:тел(?:ефон)?|т|моб(?:ильный)?|сот(?:овый)?|факс|e-?mail|эл\.?\s*почта|электронная\s+почта"
    r"|адрес\s+электронной\s+почты|сайт)\.?(?:\s*/\s*факс\.?)?\s*:?"
)
_PHONE = r"\+?[\d(][\d\s()\-\u2010-\u2015]{3,}\d(?:\s*\(?доб\.?\s*\d+\)?)?"
_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_URL = r"(?:https?://|www\.)[\w\-./?=&%#]+"
_VALUE = rf"(?:{_EMAIL}|{_URL}|{_PHONE})"
_ITEM = rf"(?:{_LABEL}\s*{_VALUE}|{_EMAIL}|{_URL}|{_PHONE})"
#: a run of contact items with their separators, to the end of the text
_CONTACT_RUN = rf"{_ITEM}(?:[\s,;]*{_ITEM})*[\s.,;]*"
_CONTACT_ONLY_RE = regex.compile(rf"\s*{_CONTACT_RUN}", regex.IGNORECASE)
_BRACKETED_RE = regex.compile(rf"\s*\(\s*{_CONTACT_RUN}\)", regex.IGNORECASE)
_TAIL_RE = regex.compile(rf"(?:^|(?<=[\s,;]))(?:{_LABEL}\s*{_VALUE}|{_EMAIL}|{_URL})", regex.IGNORECASE)
_DIGIT_RE = regex.compile(r"\d")
_LABELLED_RE = regex.compile(rf"\s*{_LABEL}\s*{_VALUE}", regex.IGNORECASE)
_EMAIL_OR_URL_RE = regex.compile(rf"{_EMAIL}|{_URL}", regex.IGNORECASE)


def strip_enumerator(text: str) -> tuple[str, bool]:
    """``text`` without a leading list marker ("1)", "2.", "2.1.", "а)", "(3)"), and whether it had one."""
    m = _ENUMERATOR_RE.match(text)
    return (text[m.end() :], True) if m else (text, False)


def _contact_only(text: str) -> bool:
    m = _CONTACT_ONLY_RE.fullmatch(text)
    if not m:
        return False
    # an unlabelled phone needs five digits: "2024" or "12-15" is no phone
    return bool(_LABELLED_RE.match(text) or _EMAIL_OR_URL_RE.search(text)) or len(_DIGIT_RE.findall(text)) >= 5


def strip_contacts(text: str) -> tuple[str, bool]:
    """``text`` without its contact details (module doc), and whether there were any.

    A text that is nothing but contact details gives ``""``.
    """
    if not text.strip():
        return text, False
    if _contact_only(text):
        return "", True
    found = False
    if "(" in text:
        stripped = _BRACKETED_RE.sub(lambda m: "" if _contact_only(m.group(0).strip(" ()")) else m.group(0), text)
        found, text = stripped != text, stripped
    for m in _TAIL_RE.finditer(text):
        if m.start() and _contact_only(text[m.start() :]):
            return text[: m.start()].rstrip(" ,;:-\u2013\u2014"), True
    return text, found


__all__ = ["strip_contacts", "strip_enumerator"]
