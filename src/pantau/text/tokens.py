"""Tokens with offsets. The tokenizer is language-neutral: words (with inner hyphens and
apostrophes, so `luka-luka`, `44-hari` and `Tel Aviv's` stay whole), numbers with either separator
convention (`6,500`, `6.500`, `2,86`, `17/11/2021`), and single punctuation marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    \d+(?:[.,:/]\d+)*(?:-\w+)*      # numbers, dates like 17/11/2021, times 15.30, 44-hari
    | (?:[^\W\d_]\.){2,}              # initialisms: U.S., U.N., P.M.
    | \w+(?:[-'’]\w+)*               # words, hyphenated words, Tel Aviv's
    | [^\w\s]                        # one punctuation mark
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str

    @property
    def is_upper_initial(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, stop):
        tok = m.group()
        out.append(Token(tok, m.start(), m.end(), tok.lower()))
    return out
