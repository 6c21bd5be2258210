"""Bytes to text, in a fixed order of evidence, flagging what was guessed or lost.

Stages (the first that decodes cleanly wins):

1. A byte-order mark (UTF-8/16/32).
2. The charset the transport declared (HTTP ``Content-Type``, a WARC record's HTTP header).
3. For HTML, the ``<meta charset>`` / ``http-equiv`` declaration in the first 4 KiB.
4. UTF-8 (most of the web and every JSONL file).
5. UTF-8 with replacement characters when the bytes are otherwise valid multi-byte UTF-8 and
   at most ``MAX_LOSSY_SHARE`` of the characters had to be replaced (flagged ``lossy``).
6. Detection with charset-normalizer, accepted only when its chaos score is low.
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


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> Decoded:
    """Decode ``data`` following the stages in the module docstring."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc, evidence="bom")
            except UnicodeDecodeError:
                break
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
            return Decoded(data.decode(best.encoding), best.encoding, evidence="detected")
        except (UnicodeDecodeError, LookupError):
            pass
    if lossy and bad / len(lossy) <= MAX_LOSSY_SHARE:
        return Decoded(lossy, "utf-8", lossy=True, evidence="utf-8 with replacements")
    why = f"{bad} of {len(lossy)} characters are not valid in any detected encoding"
    if unknown:
        why += f"; unknown charset {', '.join(repr(u) for u in unknown)}"
    return Decoded(None, None, error=why)
