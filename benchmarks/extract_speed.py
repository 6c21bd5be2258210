"""Extraction speed and memory, end to end, on one core.

    python benchmarks/extract_speed.py [--docs 2000] [--articles examples/articles.jsonl]

Builds a corpus of at least ``--docs`` documents from the project's own example articles (each
article repeated with its own id), then measures in one run:
- start-up: a fresh interpreter importing pantau and compiling both packs (actors, places, phrases);
- baseline: sentence splitting and tokenising alone over the corpus (the floor any coder pays);
- pantau: full extraction of every document (language given, as in a JSONL feed with `lang`);
- peak RSS of this process.
It prints sentences per second for both and their ratio. Nothing is asserted: speed is reported.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTUP = ("import time; t=time.perf_counter(); import pantau; from pantau.extract.pipeline import coder_for; "
           "[coder_for(t_) for t_ in ('en', 'id')]; print(time.perf_counter()-t)")


def corpus(path: Path, n: int) -> list[dict]:  # type: ignore[type-arg]
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    i = 0
    while len(docs) < n:
        a = articles[i % len(articles)]
        docs.append({**a, "id": f"{a['id']}-{i}"})
        i += 1
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles.jsonl")
    args = ap.parse_args()

    startups = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True)
        startups.append(float(out.stdout.strip()))

    import pantau
    from pantau.extract.pipeline import coder_for
    from pantau.lang import load_pack
    from pantau.text.segment import split_sentences
    from pantau.text.tokens import tokenize

    docs = corpus(args.articles, args.docs)
    for tag in ("en", "id"):
        coder_for(tag)

    t = time.perf_counter()
    sentences = 0
    for d in docs:
        pack = load_pack(d["lang"])
        for span in split_sentences(d["text"], pack):
            tokenize(d["text"], span.start, span.end)
            sentences += 1
    baseline = time.perf_counter() - t

    t = time.perf_counter()
    events = 0
    for d in docs:
        doc = pantau.extract(d["text"], lang=d["lang"], published=d.get("published"), doc_id=d["id"])
        events += len(doc.events)
    full = time.perf_counter() - t
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(docs)} documents, {sentences} sentences, {events} events")
    print(f"start-up (import + both packs), best of 3: {min(startups):.2f} s")
    print(f"baseline (split + tokenise):  {sentences / baseline:10.0f} sentences/s")
    print(f"pantau extract, end to end:   {sentences / full:10.0f} sentences/s "
          f"({len(docs) / full:.0f} documents/s)")
    print(f"ratio pantau / baseline:      {baseline / full:10.3f}")
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
