"""The near-duplicate threshold, re-measured on the project's own pairs (see ingest/near.py)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from pantau.ingest.documents import make_document
from pantau.ingest.duplicates import Deduplicator
from pantau.ingest.near import THRESHOLD, NearDuplicateIndex, jaccard


def syndicated(text: str) -> str:
    """A syndication-style copy: new intro line, first and last paragraphs dropped, a footer added."""
    paras = [p for p in text.split("\n") if p.strip()]
    return "\n".join(["(Wire) This report was updated with more details.", *paras[1:-1],
                      "This story first appeared on a partner site."])


def test_threshold_separates_copies_from_different_articles(articles: list[dict]) -> None:
    by_id = {a["id"]: a for a in articles}
    positives = [jaccard(a["text"], syndicated(a["text"])) for a in articles]
    positives += [jaccard(a["text"], by_id[a["id"].removesuffix("-syndicated")]["text"])
                  for a in articles if a["id"].endswith("-syndicated") and a["id"].removesuffix("-syndicated") in by_id]
    pairs = [(a, b) for a, b in itertools.combinations(articles, 2)
             if a["id"].removesuffix("-syndicated") != b["id"].removesuffix("-syndicated")]
    negatives = [jaccard(a["text"], b["text"]) for a, b in pairs]
    assert min(positives) >= THRESHOLD + 0.1, min(positives)
    assert max(negatives) <= THRESHOLD - 0.1, max(negatives)


def test_deduplicator_rejects_copies_and_keeps_same_event_articles(articles: list[dict]) -> None:
    dedup = Deduplicator()
    originals = [dedup.check(make_document(a["text"], locator=a["id"], doc_id=a["id"])) for a in articles]
    rejected = {d.doc_id: d.meta.get("duplicate_of") for d in originals if d.rejected is not None}
    expected = {a["id"]: a["id"].removesuffix("-syndicated") for a in articles if a["id"].endswith("-syndicated")}
    assert rejected == expected
    copy = dedup.check(make_document(syndicated(articles[0]["text"]), locator="copy", doc_id="copy"))
    assert copy.rejected is not None and copy.rejected.reason == "duplicate"
    assert articles[0]["id"] in copy.rejected.detail


BRIEF = "On {day} April 2024, {who} gathered in {place} to demand the payment of unpaid wages, and police {what}."


def test_briefs_written_to_one_formula_are_not_duplicates() -> None:
    """Event notes share most of their wording; only a copy that names nothing new is a duplicate."""
    from pantau.ingest.near import NearDuplicateIndex

    index = NearDuplicateIndex()
    notes = [BRIEF.format(day=d, who=w, place=p, what="watched")
             for d, w, p in [(3, "teachers", "Karachi"), (4, "teachers", "Lahore"), (5, "nurses", "Quetta"),
                             (3, "teachers", "Multan"), (9, "teachers", "Karachi")]]
    assert [index.check_and_add(f"n{k}", text) for k, text in enumerate(notes)] == [None] * len(notes)
    copy = notes[1] + " (Reuters)"
    match = index.check_and_add("copy", copy)
    assert match is not None and match.original == "n1"


def test_the_first_document_waits_for_a_second_before_its_signature() -> None:
    """A first document can copy nothing: its signature (and numpy) waits until a second comes,
    and then it still catches the copy."""
    story = ("Soldiers and rebels fought for six hours near the river crossing on Sunday, the army said, "
             "and at least nine fighters were killed before the rebels withdrew into the hills to the east.")
    index = NearDuplicateIndex()
    assert index.check_and_add("a", story) is None
    assert not index._sigs  # nothing computed yet
    copy = index.check_and_add("b", story.replace("Sunday", "Sunday morning"))
    assert copy is not None and copy.original == "a" and len(index) == 1


ONE = """
import sys
import pantau
docs = list(pantau.extract_sources([sys.argv[1]], options=pantau.Options(lang="en")))
print(len(docs), "numpy" in sys.modules)
"""


def test_a_run_of_one_document_never_loads_numpy(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Police in Nairobi arrested 12 protesters on Monday, the interior ministry said.\n",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", ONE, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False"]
