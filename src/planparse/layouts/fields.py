"""The fields inside one numbered item's text: labels and dash-separated segments.

"1.2. Семинар – январь – май; ответственный: отдел" holds a title, a timing
and a responsible party.  Labels ("Срок:", "Ответственный:", also
"Ответственный – отдел") open a field wherever they stand; without labels the
trailing segments after dashes (or wide gaps) are read by the timing grammar
(``split_inline``).  Separators are punctuation, not content, so they are
stripped from the ends of every value (``trim``) - except the dot that ends
an initial ("Морозов Д.А.").

Without such segments, a final bracket may hold the fields: a whole timing
("(в течение года)"), or a timing and the parties separated by ";" or ","
("(апрель; председатель Совета, аппарат)", also "(аппарат Совета; апрель)").
Such a bracket is split only when one side is a complete timing for the
grammar and the other names parties: no piece of it is a timing and it opens
the way a party does (a nominative noun or adjective, an abbreviation, a
person's name; not "в том числе …", "г. Сортавала", a place name or a
count).  Any other bracket stays in the title.
"""

from __future__ import annotations

import regex

from planparse.normalize.persons import starts_with_person
from planparse.normalize.text import parse_word
from planparse.normalize.timing import is_complete_timing, sets_timing, strip_remarks, timing_score
from planparse.normalize.timing_vocab import MONTH_FORMS

TITLE, TIMING, RESP = "title", "timing", "resp"
TIMING_SEGMENT_SCORE = 0.75

_TIMING_LABEL = regex.compile(
    r"(?:^|[\s(;,.])(?:срок[иа]?(?:\s+(?:исполнения|проведения|выполнения))?|время\s+проведения"
    r"|дата(?:\s+проведения)?|период(?:\s+проведения)?)\s*:\s*"
    r"|^\s*срок[иа]?(?:\s+(?:исполнения|проведения))?\s+[–—-]{1,2}\s+",
    regex.I,
)
# "Ответственный:" anywhere; "Ответственный – отдел" only where a sentence or a
# clause starts, and only in the forms a label takes (not "ответственных – …").
_RESP_WORDS = r"(?:ответственн(?:ый|ые|ая|ое|ого)(?:\s+(?:исполнител[ьи]|за\s+исполнение))?|исполнител[ьи])"
_RESP_LABEL = regex.compile(
    r"(?:^|[\s(;,.])(?:ответственн\w*|исполнител\w*|отв\.|ответств\.|исп\.)\s*:\s*"
    rf"|(?:^|(?<=[.;,(]\s*))\s*{_RESP_WORDS}\s+[–—-]{{1,2}}\s+",
    regex.I,
)
# OCR turns a dash into "-—" or "--": one or two dash characters between spaces.
_DASH_SPLIT = regex.compile(r"\s+[–—-]{1,2}\s+|\s{2,}|\t+")
_DASH = regex.compile(r"\s*[–—-]{1,2}\s*")
_MONTH = "|".join(MONTH_FORMS.values())
_ROMAN = r"(?:I{1,3}|IV)"
_PERIOD_WORD = rf"(?:(?:{_MONTH})\.?|{_ROMAN}(?:\s+(?:кв\.?|квартал\w*|полугоди\w*))?)"
# A segment that is only a period ("январь", "с февраля", "I", "II квартал") and
# one that opens with a period ("май", "по май", "III квартал 2025 г."): the
# dash between them is a range, not a field separator.
_PERIOD_ONLY = regex.compile(rf"^(?:с\s+)?{_PERIOD_WORD}$", regex.I)
_PERIOD_START = regex.compile(rf"^(?:по\s+)?{_PERIOD_WORD}(?![\w])", regex.I)
# A final dot that ends an initial ("Д.А."), a dotted abbreviation ("т.ч.") or a
# short form ("II кв.", "до 1 окт.", "2025 г.") belongs to the text.
_KEEPS_DOT = regex.compile(r"(?:^|[\s.])\p{L}\.$|\p{L}\.\p{L}+\.$")
_ABBREVIATIONS = frozenset("кв г гг мес янв февр фев мар апр авг сент сен окт нояб ноя дек тыс руб др".split())
_LAST_WORD = regex.compile(r"(\p{L}+)\.$")
_ENDS = " ;,."


def trim(value: str) -> str:
    """Strip separators and unmatched brackets from a value's ends ("до 15 марта," -> "до 15 марта").

    A final dot stays after an initial or a short form ("Морозов Д.А.", "II кв.").
    """
    value = value.strip()
    while value and value[-1] in _ENDS and not (value[-1] == "." and _keeps_dot(value)):
        value = value[:-1].rstrip()
    value = value.lstrip(_ENDS)
    if value.endswith(")") and value.count(")") > value.count("("):
        return trim(value[:-1])
    if value.startswith("(") and value.count("(") > value.count(")"):
        return trim(value[1:])
    return value


def _keeps_dot(value: str) -> bool:
    last = _LAST_WORD.search(value)
    return bool(_KEEPS_DOT.search(value)) or (last is not None and last.group(1).lower() in _ABBREVIATIONS)


def labels(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first label, [(field, labelled value), ...] in order)."""
    marks = sorted(
        [(m.start(), m.end(), TIMING) for m in _TIMING_LABEL.finditer(text)]
        + [(m.start(), m.end(), RESP) for m in _RESP_LABEL.finditer(text)]
    )
    if not marks:
        return text, []
    out = []
    for k, (_, end, kind) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        out.append((kind, trim(text[end:stop])))
    return text[: marks[0][0]], out


def is_timing(text: str) -> bool:
    """A segment or line that states a timing ("март", "ежемесячно (по графику)")."""
    bare = strip_remarks(text)
    return timing_score(bare) >= TIMING_SEGMENT_SCORE and sets_timing(bare)


def is_timing_line(text: str) -> bool:
    """A whole line that is a complete timing phrase setting something.

    "период 2025 и 2026 годов" (a wrapped title: loose timing words only) is not.
    """
    return is_timing(text) and is_complete_timing(strip_remarks(text))


def _segments(text: str) -> tuple[list[str], list[str]]:
    """Dash/gap separated segments and their separators; a dash inside a period range joins.

    "Конкурс – январь – май" gives ["Конкурс", "январь – май"], and so does
    "Конкурс – I – II квартал" (["Конкурс", "I – II квартал"]).  The title
    (first segment) never takes part: "Отчет за январь – март" is a title and
    a timing.
    """
    parts = _DASH_SPLIT.split(text)
    seps = _DASH_SPLIT.findall(text)
    k = 0
    while k + 1 < len(parts):  # a dash inside brackets separates nothing: "(июнь – август)"
        if parts[k].count("(") > parts[k].count(")"):
            parts[k : k + 2] = [parts[k] + seps[k] + parts[k + 1]]
            del seps[k]
        else:
            k += 1
    k = 1
    while k + 1 < len(parts):
        if _DASH.fullmatch(seps[k]) and _PERIOD_ONLY.match(parts[k]) and _PERIOD_START.match(parts[k + 1]):
            parts[k : k + 2] = [parts[k] + seps[k] + parts[k + 1]]
            del seps[k]
        else:
            k += 1
    return parts, seps


def split_inline(text: str) -> tuple[str, str | None, str | None]:
    """Title, timing, responsible from dash/space separated trailing segments.

    The timing is the longest run of segments the grammar understands whole
    (so "июнь – сентябрь" stays one range); what follows it is the responsible.
    A parenthesised remark does not hide a timing ("– ежемесячно (по графику)").
    Without such segments, a final bracket that is a whole timing is the
    timing ("Мониторинг законодательства (в течение года).").
    """
    text = trim(text)
    parts, seps = _segments(text)
    if len(parts) < 2:
        return _bracketed_timing(text)

    def joined(a: int, b: int) -> str:
        out = parts[a]
        for k in range(a + 1, b):
            out += seps[k - 1] + parts[k]
        return out

    for k in range(1, len(parts)):
        if not is_timing(parts[k]):
            continue
        end = k + 1
        for j in range(len(parts), k + 1, -1):
            candidate = strip_remarks(joined(k, j))
            if timing_score(candidate) >= TIMING_SEGMENT_SCORE and is_complete_timing(candidate):
                end = j
                break
        resp = trim(joined(end, len(parts))) if end < len(parts) else None
        return trim(joined(0, k)), trim(joined(k, end)), resp or None
    return _bracketed_timing(text)


def _final_bracket(text: str) -> tuple[int, str] | None:
    """(where the final bracket opens, what it holds) when ``text`` ends with a balanced "(…)"."""
    if not text.endswith(")"):
        return None
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[k], 0)
        if depth == 0:
            return k, text[k + 1 : -1]
    return None


def _top_level_separators(text: str) -> list[int]:
    """Positions of ";" and "," outside nested brackets and quotes."""
    out, depth = [], 0
    for k, ch in enumerate(text):
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(depth - 1, 0)
        elif ch in ";," and depth == 0:
            out.append(k)
    return out


_FIRST_WORD = regex.compile(r"\p{L}+")
_NAMING_POS = frozenset({"NOUN", "ADJF", "PRTF"})


def _opens_party(text: str) -> bool:
    """``text`` starts the way a party's name does: an abbreviation ("ИД", "ОМСУ"), a person's
    name, or a nominative noun/adjective that is not a place name ("юрист", "Правление")."""
    m = _FIRST_WORD.match(text)
    if not m:
        return False
    word = m.group(0)
    if len(word) > 1 and word.isupper():
        return True
    if starts_with_person(text):
        return True
    parses = parse_word(word.lower())
    if len(word) < 2 or not parses or str(parses[0].tag.POS) not in _NAMING_POS or "Geox" in parses[0].tag:
        return False
    return any(p.tag.POS in _NAMING_POS and p.tag.case == "nomn" for p in parses)


def _names_parties(text: str) -> bool:
    """The rest of a bracket after (or before) its timing lists parties, and nothing there is a timing."""
    text = trim(text)
    if not text or not _opens_party(text):
        return False
    return not any(is_timing(piece) for piece in regex.split(r"[;,]", text) if piece.strip())


def _is_bracket_timing(text: str) -> bool:
    bare = strip_remarks(trim(text))
    return bool(bare) and is_timing(text) and is_complete_timing(bare)


def _timing_and_parties(inside: str) -> tuple[str, str] | None:
    """(timing, parties) of a bracket's text: the longest timing first or last, the rest parties."""
    cuts = _top_level_separators(inside)
    for cut in reversed(cuts):  # "(февраль, август; депутаты)": the longest timing first
        if _is_bracket_timing(inside[:cut]) and _names_parties(inside[cut + 1 :]):
            return trim(inside[:cut]), trim(inside[cut + 1 :])
    for cut in cuts:  # "(аппарат Совета; ноябрь)"
        if _is_bracket_timing(inside[cut + 1 :]) and _names_parties(inside[:cut]):
            return trim(inside[cut + 1 :]), trim(inside[:cut])
    return None


def _bracketed_timing(text: str) -> tuple[str, str | None, str | None]:
    """Title, timing and parties from a final bracket (module doc); the text alone when it holds neither.

    "Мониторинг законодательства (в течение года)" gives the timing only;
    "Семинар (май; отдел, юрист)" the timing and "отдел, юрист".
    """
    found = _final_bracket(text)
    if not found or found[0] == 0:
        return text, None, None
    start, inside = found
    if is_complete_timing(inside) and sets_timing(inside):
        return trim(text[:start]), trim(inside), None
    fields = _timing_and_parties(inside)
    if fields is None:
        return text, None, None
    return trim(text[:start]), fields[0], fields[1]
