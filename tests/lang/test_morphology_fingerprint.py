"""The forms every pack's morphology makes stay what they were: a fingerprint of expand().

``data/morphology_lemmas.json`` holds every lemma of every pack at the time morphology became a
strategy the pack names (issue 7: before, phrases.py chose Indonesian affixing or English
inflection by which keys a pack had, with English endings and a vowel set in Python). The
fingerprint expands each lemma of a pack with the pack's default affixes and with each of its
morphology patterns alone (so every pattern meets every root), and hashes the surface forms with
their voice, case and headline flag. The hash below was computed by the code before that change;
the strategies reproduce it. The lemma list is frozen, so new pack entries leave it alone.

After a deliberate change to a pack's morphology (a pattern, an assimilation rule, a suffix rule,
an irregular verb), check the changed forms, then regenerate the hash with
``python tests/lang/test_morphology_fingerprint.py`` and paste it below.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pantau.lang import load_pack
from pantau.lang.phrases import expand

LEMMAS = Path(__file__).resolve().parent / "data" / "morphology_lemmas.json"
# sha256 of the forms below, by src/pantau/lang/phrases.py as of commit a8f8ead, before the strategies
FINGERPRINT = "3c9ba089d894bf1cbcc45f8957a5796928917a769023abe05e76eeb4a9620e64"


def fingerprint() -> str:
    rows: list[Any] = []
    for tag, lemmas in sorted(json.loads(LEMMAS.read_text(encoding="utf-8"))["lemmas"].items()):
        pack = load_pack(tag)
        patterns = [p["name"] for p in pack.mapping("morphology").get("patterns") or []]
        for lemma in lemmas:
            for affixes in [None, *([name] for name in patterns)]:
                record: dict[str, Any] = {"lemma": lemma}
                if affixes:
                    record["affixes"] = affixes
                forms = [[list(f.tokens), f.voice, f.case, f.headline] for f in expand(record, pack)]
                rows.append([tag, lemma, affixes, forms])
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def test_morphology_makes_the_forms_it_made() -> None:
    assert fingerprint() == FINGERPRINT, (
        "the forms of the frozen lemmas changed: if the morphology change was meant, regenerate the "
        "hash (see the module docstring)")


if __name__ == "__main__":
    print(fingerprint())
