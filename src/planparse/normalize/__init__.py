"""Normalizers: pure functions over strings (timing grammar, titles, parties, metadata).

Shared vocabulary for layout parsers and the assembly step; imports nothing
from readers or layouts.
"""
