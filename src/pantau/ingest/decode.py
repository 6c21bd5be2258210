"""Bytes to text, in a fixed order of evidence, flagging what was guessed or lost.

Stages (the first that decodes cleanly wins):

1. A byte-order mark (UTF-8/16/32), else UTF-16 recognised by its NUL bytes.
2. The charset the transport declared (HTTP ``Content-Type``, a WARC record's HTTP header).
3. For HTML, the ``<meta charset>`` / ``http-equiv`` declaration in the first 4 KiB.
4. UTF-8 (most of the web and every JSONL file).
5. UTF-8 with replacement characters when the bytes are otherwise valid multi-byte UTF-8 and
   at most ``MAX_LOSSY_SHARE`` of the characters had to be replaced (flagged ``lossy``).
6. Detection with charset-normalizer, accepted only when its chaos score is low; Windows-1252
   instead when it reads the bytes with fewer unusual characters (a short text is ambiguous
   between code pages, and pantau's languages are written in the Western one).
7. UTF-8 with replacement characters, accepted (and flagged ``lossy``) when at most
   ``MAX_LOSSY_SHARE`` of the characters had to be replaced.

Binary junk never reaches stage 2: bytes with NULs (outside UTF-16/32 with a BOM) or many control
characters are reported as undecodable. A declared charset that Python does not know is
skipped and named in the result, so the rejection detail can say what went wrong.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# A few replaced characters in a long article are noise (a mangled quote mark); beyond 1 in
# 200 characters the text is damaged enough that extraction offsets would point at garbage.
MAX_LOSSY_SHARE = 0.005
# charset-normalizer's chaos (0 clean .. 1 noise); 0.3 rejects random bytes but accepts real
# legacy-encoded (cp1252, latin-1) news pages in the tests.
MAX_CHAOS = 0.3
# Share of C0 control characters (other than tab, CR, LF, FF) above which bytes are binary.
MAX_CONTROL_SHARE = 0.02

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """``text`` is None when the bytes are undecodable; ``error`` then says why."""

    text: str | None
    encoding: str | None
    lossy: bool = False
    evidence: str = ""
    error: str = ""


def charset_from_header(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1).strip().lower() if m else None


def charset_from_meta(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL in every other byte of a mostly Latin-script
    sample tells which half is the high byte. None when it is not that."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _CONTROL.search(text[:4096].encode("utf-8", "replace")):
                return text
    return None


# Characters a Western-script news text in pantau's languages uses beyond ASCII: Latin-1 letters,
# typographic quotes and dashes, the euro sign. A single-byte decoding that produces fewer others
# ("ŕ", "ľ", "Ĺ") is the one the text agrees with.
_USUAL = re.compile("[\x00-\x7f\u00a0-\u00ff\u2010-\u2027\u20ac\u2122]")


_TYPOGRAPHIC = frozenset("\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e"
                         "\u2020\u2021\u2022\u2026\u2122\u20ac")


def _oddness(text: str) -> int:
    """Characters outside ``_USUAL``, and (weighing three) non-letters right after a letter
    ("Za¿ó³æ", "powiedzia³"): the marks of a wrong code page."""
    after_letter = sum(1 for prev, c in zip(text, text[1:], strict=False) if ord(c) > 127 and not c.isalpha()
                       and c not in _TYPOGRAPHIC and prev.isalpha())
    return len(text) - len(_USUAL.findall(text)) + 3 * after_letter


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> Decoded:
    """Decode ``data`` following the stages in the module docstring."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc, evidence="bom")
            except UnicodeDecodeError:
                break
    wide = utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if wide is not None:
        return Decoded(wide, "utf-16", evidence="utf-16 without a byte-order mark")
    if looks_binary(data):
        return Decoded(None, None, error="binary content (NUL or control bytes)")
    unknown: list[str] = []
    candidates: list[tuple[str, str]] = []
    if declared:
        candidates.append((declared, "declared"))
    if html:
        meta = charset_from_meta(data)
        if meta:
            candidates.append((meta, "meta"))
    candidates.append(("utf-8", "default"))
    for name, evidence in candidates:
        known = _known(name)
        if known is None:
            unknown.append(name)
            continue
        try:
            return Decoded(data.decode(known), known, evidence=evidence)
        except UnicodeDecodeError:
            continue
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if lossy and bad / len(lossy) <= MAX_LOSSY_SHARE and any(ord(c) > 127 and c != "\ufffd" for c in lossy):
        # Valid multi-byte UTF-8 with a few broken bytes: a damaged UTF-8 page, not a legacy one.
        return Decoded(lossy, "utf-8", lossy=True, evidence="utf-8 with replacements")
    best = charset_normalizer.from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.chaos <= MAX_CHAOS:
        try:
            detected = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            detected = None
        if detected is not None:
            # a short legacy text is ambiguous between code pages ("déjà" reads as "déją" in
            # cp1250): Windows-1252 wins unless the detected page gives fewer unusual characters
            try:
                western = data.decode("cp1252")
            except UnicodeDecodeError:
                western = None
            if western is not None and _oddness(western) < _oddness(detected):
                return Decoded(western, "cp1252", evidence="detected (western code page)")
            return Decoded(detected, best.encoding, evidence="detected")
    if lossy and bad / len(lossy) <= MAX_LOSSY_SHARE:
        return Decoded(lossy, "utf-8", lossy=True, evidence="utf-8 with replacements")
    why = f"{bad} of {len(lossy)} characters are not valid in any detected encoding"
    if unknown:
        why += f"; unknown charset {', '.join(repr(u) for u in unknown)}"
    return Decoded(None, None, error=why)
