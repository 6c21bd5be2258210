"""Language identification of whole documents.

Two stages:

1. py3langid classifies the document (the first ``_MAX_CHARS`` characters; whole documents, not
   snippets, since short strings are unreliable). With ``candidates``, a guess outside them stands
   only when py3langid is very sure (a French article is reported as ``fr``, for the caller to
   reject); otherwise the guess is taken again among the candidates.
2. When its guess belongs to a *close pair* (a language and those listed in some pack's
   ``meta.close_languages``, such as ``id`` and ``ms``), lingua, built with only the languages of that
   group, decides between them: py3langid confuses Indonesian and Malay, lingua far less.

Both detectors are built lazily and cached (lingua with few languages keeps memory low). The result
is the BCP 47 tag (``en``, ``id``, ``ms``) and a confidence in [0, 1]: py3langid's normalised
probability, or lingua's confidence when lingua decided. ``(None, 0.0)`` when the text has too few
letters to judge. The caller decides which languages are supported; a close language outside
``candidates`` (Malay when only ``id`` is supported) is still reported, so that the caller can
reject the document instead of reading Malay as Indonesian.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

_MAX_CHARS = 20_000  # enough to identify any article; bounds the cost on huge inputs
_MIN_LETTERS = 12  # below this nothing is reliable; calibrated by eye on headlines (2-3 words)
# A document whose unrestricted guess lies outside ``candidates`` is reported as that language only
# when py3langid is this sure (normalised probability); otherwise the restricted guess stands.
# Whole articles in French, German or Spanish score above 0.99; Indonesian or English with many
# names stays well below when it is misread. Set by eye on the dev articles and a few written tests.
_OTHER_LANGUAGE = 0.95


@cache
def _model() -> Any:
    """py3langid's model, decompressed once and kept in the disk cache (0.8 s to 0.05 s)."""
    from pathlib import Path

    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from .. import diskcache

    key = diskcache.key_of([Path(MODEL_DIR) / MODEL_FILE], "py3langid")
    ident = diskcache.load("langid", key)
    if isinstance(ident, LanguageIdentifier):
        return ident
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    diskcache.save("langid", key, ident)
    return ident


@cache
def _langid(candidates: tuple[str, ...] | None) -> Any:
    import copy

    ident = _model() if not candidates else copy.deepcopy(_model())
    if candidates:
        known = set(ident.labels)
        usable = [c for c in candidates if c in known]
        if usable:
            ident.set_languages(usable)
    return ident


@cache
def _close_groups() -> dict[str, frozenset[str]]:
    """Language → its close group, from every pack's ``meta.close_languages``."""
    from ..lang.loader import pack_metas

    groups: dict[str, frozenset[str]] = {}
    for tag, meta in pack_metas().items():
        close = meta.get("close_languages") or []
        if not close:
            continue
        group = frozenset([tag, *close])
        for lang in group:
            groups[lang] = groups.get(lang, frozenset()) | group
    return groups


@cache
def _lingua(group: frozenset[str]) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for tag in sorted(group):
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, tag.upper())))
        except (AttributeError, ValueError):
            continue
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str, candidates: Sequence[str] | None = None) -> tuple[str | None, float]:
    """The language of ``text`` as (BCP 47 tag, confidence), or ``(None, 0.0)`` if undecidable."""
    sample = text[:_MAX_CHARS]
    if sum(1 for c in sample if c.isalpha()) < _MIN_LETTERS:
        return None, 0.0
    tag, conf = _langid(None).classify(sample)
    tag, conf = str(tag), float(conf)
    if candidates and tag not in candidates and not (_close_groups().get(tag, frozenset()) & set(candidates)) \
            and conf < _OTHER_LANGUAGE:
        tag, conf = _langid(tuple(candidates)).classify(sample)
        tag, conf = str(tag), float(conf)
    group = _close_groups().get(tag)
    if group:
        detector = _lingua(group)
        if detector is not None:
            values = detector.compute_language_confidence_values(sample)
            if values:
                best = values[0]
                return best.language.iso_code_639_1.name.lower(), float(best.value)
    return tag, float(conf)
