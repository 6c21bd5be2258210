"""Sentence segmentation: blingfire's boundaries, repaired with the pack's abbreviations.

Stages, in order:

1. **Blocks.** The text is cut at line breaks. A line break is a hard boundary (headlines,
   datelines and paragraphs are separate lines in article text) unless it looks like hard-wrapped
   prose: the line before ends in a letter, digit or comma and the next line starts with a
   lower-case letter. Blank lines are always boundaries.
2. **Candidates.** blingfire (``text_to_sentences_and_offsets``) proposes sentence ends inside
   each block. Only its end positions are used: a sentence runs from the end of the previous one
   to the next end, so no character is ever dropped.
3. **Repair.** A proposed end is withdrawn when the sentence ends in one of the pack's
   ``abbreviations`` (``Jl.``, ``Kab.``, ``Lt.``, ``U.S.``; a multi-word entry such as ``Lt. Col.``
   contributes each of its parts), or when the next piece starts with a lower-case letter (no
   sentence in either language starts that way; ``kata dia.`` after a quote continues it).
4. **Bounds.** A sentence longer than ``_MAX_CHARS`` (2000) is cut after its last ``;``, ``,`` or
   space before the limit.
5. **Spans.** Each sentence is stripped of surrounding whitespace; empty ones are dropped.

Every non-space character of the text lies in exactly one returned span, in text order.
"""

from __future__ import annotations

import ctypes
import platform
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from ..lang import Pack
from ..model import Span

_LIBRARY = {"Windows": "blingfiretokdll.dll", "Darwin": "libblingfiretokdll.dylib"}


@cache
def _blingfire() -> Any:
    """blingfire's library itself (ctypes), whose sentence splitter gives byte offsets. Loaded from
    the package's folder without importing the package, whose ``__init__`` imports numpy (0.2 s)."""
    spec = find_spec("blingfire")
    folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec is not None else None
    if folder is None:
        raise ImportError("blingfire is not installed; run `make test` or `pip install -r requirements.lock`")
    return ctypes.cdll.LoadLibrary(str(folder / _LIBRARY.get(platform.system(), "libblingfiretokdll.so")))


_LINE = re.compile(r"[^\n]+")
# The longest sentence: news sentences run to 300-600 characters; a longer piece is a list, a table
# or text without full stops, which the matchers downstream should not see as one sentence.
_MAX_CHARS = 2000
_MIN_BUFFER = 1024  # bytes of blingfire's output buffer, at least
# Characters that may precede an abbreviation inside its word: "(Jl." or "“Gen.".
_OPENERS = "([{\"'“‘«"


def abbreviations(pack: Pack) -> frozenset[str]:
    """The pack's abbreviations that end in a full stop, made once."""
    return pack.cached("segment.abbreviations", lambda: frozenset(
        part for entry in pack.strings("abbreviations") for part in entry.split() if part.endswith(".")))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Line-based blocks (start, end), joining hard-wrapped prose lines."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        if not text[start:end].strip():
            continue
        if out:
            prev_start, prev_end = out[-1]
            prev = text[prev_start:prev_end].rstrip()
            gap = text[prev_end:start]
            first = text[start:end].lstrip()[:1]
            if (gap.count("\n") == 1 and prev and (prev[-1].isalnum() or prev[-1] == ",")
                    and first.islower()):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def _ends_with_abbreviation(piece: str, abbreviations: frozenset[str]) -> bool:
    words = piece.rsplit(None, 1)
    return bool(words) and words[-1].lstrip(_OPENERS) in abbreviations


def _bounded(block: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a piece longer than ``_MAX_CHARS`` after its last ``;``, ``,`` or space before the limit
    (lists, tables and run-on text without full stops), so that no sentence is unbounded."""
    out = []
    while b - a > _MAX_CHARS:
        window = block[a + _MAX_CHARS // 2:a + _MAX_CHARS]
        for mark in ("; ", ", ", " "):
            k = window.rfind(mark)
            if k >= 0:
                cut = a + _MAX_CHARS // 2 + k + len(mark)
                break
        else:
            cut = a + _MAX_CHARS
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _sentence_ends(block: str) -> list[int]:
    """blingfire's sentence ends in ``block``, as character offsets. blingfire's own Python wrapper
    maps every byte of the block back to characters in a Python loop; only the ends are needed, and
    for ASCII text a byte offset is a character offset."""
    data = block.encode("utf-8")
    # buffers of a power-of-two size: ctypes makes (and keeps) a new array type for every new size,
    # 50 us a block, and a type per distinct block length over a long run
    size = max(_MIN_BUFFER, 1 << (len(data) * 2 - 1).bit_length())
    out = ctypes.create_string_buffer(size)
    starts, ends = (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)()
    n = _blingfire().TextToSentencesWithOffsets(ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(out),
                                              ctypes.byref(starts), ctypes.byref(ends), ctypes.c_int(size))
    if n < 0 or n > size:
        return []
    last = ends[:out.value.count(b"\n") + 1]  # the byte index of each sentence's last byte
    if len(data) == len(block):
        return [e + 1 for e in last]
    out_chars = []
    at, chars = 0, 0  # characters in data[:at], counted piece by piece: linear in the block
    for e in last:
        if e + 1 > at:
            chars += len(data[at:e + 1].decode("utf-8", errors="ignore"))
            at = e + 1
        out_chars.append(chars)
    return out_chars


def _split_block(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Span]:
    block = text[start:end]
    cuts = sorted({e for e in _sentence_ends(block) if 0 < e < len(block)})
    pieces: list[tuple[int, int]] = []
    prev = 0
    for cut in [*cuts, len(block)]:
        if cut <= prev:
            continue
        if pieces:
            last_start, last_end = pieces[-1]
            following = block[prev:cut].lstrip()[:1]
            if following.islower() or _ends_with_abbreviation(block[last_start:last_end], abbreviations):
                pieces[-1] = (last_start, cut)
                prev = cut
                continue
        pieces.append((prev, cut))
        prev = cut
    spans = []
    for a, b in (part for piece in pieces for part in _bounded(block, *piece)):
        piece = block[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        s = start + a + lead
        spans.append(Span(s, s + len(stripped)))
    return spans


def split_sentences(text: str, pack: Pack) -> list[Span]:
    """Sentence spans of ``text`` (offsets into it), stripped, covering all non-space text."""
    shortened = abbreviations(pack)
    out: list[Span] = []
    for start, end in _blocks(text):
        out.extend(_split_block(text, start, end, shortened))
    return out
