"""Extraction speed and memory, end to end, on one core and on several.

    python benchmarks/extract_speed.py [--docs 2000] [--jobs 2] [--articles examples/articles.jsonl]
                                       [--lengths 1,10,100,1000,3000]
                                       [--rounds 3]

Builds a corpus of at least ``--docs`` documents from the project's own example articles (each
article repeated with its own id), then measures in one run, so that the ratios hold however
loaded the machine is:
- start-up: a fresh interpreter importing pantau and making the coder of one pack (a ready
  coder), then extracting the first English example article (its first events: what the coder
  builds lazily counts here), warm (the disk cache filled) and cold (an empty cache folder), best
  of 3;
- baseline: sentence splitting and tokenising alone over the corpus (the floor any coder pays);
  it, the one-process run and the ``--jobs`` run take turns over ``--speed-rounds`` rounds, and
  each keeps its best round;
- pantau: full extraction of every document with one process and with ``--jobs`` worker
  processes (language given, as in a JSONL feed with ``lang``), each document made into its
  output line where it was coded and the lines consumed as they come, as `pantau extract` does
  (holding every result would burden the one-process run with collections over all of them); the
  output must be the same (a digest of the lines);
- peak RSS of this process and of each worker;
- CPU seconds per 1,000 sentences of one document made of N paragraphs, for each N in
  ``--lengths``, every length over the same mix of paragraphs, best of ``--rounds`` interleaved
  rounds: flat when the cost is linear in the document's length.
Nothing is asserted: speed is reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# start-up: import pantau, make the coder of one pack, then extract one article (a document read
# from stdin): the time to its first events, lazily built parts included
STARTUP = ("import sys, time; t = time.perf_counter(); import pantau; from pantau.extract.pipeline import coder_for; "
           "coder_for('en'); ready = time.perf_counter() - t; "
           "doc = pantau.extract(sys.stdin.read(), lang='en', published='2025-01-01'); "
           "print(ready, time.perf_counter() - t, len(doc.events))")


def corpus(path: Path, n: int) -> list[dict]:  # type: ignore[type-arg]
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    i = 0
    while len(docs) < n:
        a = articles[i % len(articles)]
        docs.append({**a, "id": f"{a['id']}-{i}"})
        i += 1
    return docs


def startup(env: dict[str, str], fresh_cache: bool, article: str) -> tuple[float, float]:
    """Best of 3 fresh interpreters: (seconds to a ready coder, seconds to the article's events).

    The package's bytecode is compiled first, as installing it does: a shell with
    PYTHONDONTWRITEBYTECODE would otherwise recompile every edited module at every start."""
    import compileall

    import pantau

    compileall.compile_dir(str(Path(pantau.__file__).parent), quiet=1)
    best = (float("inf"), float("inf"))
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            run_env = {**env, "PANTAU_CACHE_DIR": cache} if fresh_cache else env
            out = subprocess.run([sys.executable, "-c", STARTUP], input=article, capture_output=True, text=True,
                                 check=True, env=run_env)
        ready, first, events = out.stdout.split()
        if not int(events):
            raise SystemExit("start-up: the article gave no events; pick one that does (--articles)")
        best = min(best, (float(ready), float(first)), key=lambda r: r[1])
    return best


class MeasuredPool(ProcessPoolExecutor):
    """Reads each worker's peak resident memory (VmHWM, Linux) before it stops."""

    peaks: list[float] = []

    def shutdown(self, *args: Any, **kwargs: Any) -> None:
        for pid in list(getattr(self, "_processes", {}) or {}):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    MeasuredPool.peaks.append(int(line.split()[1]) / 1024)
        super().shutdown(*args, **kwargs)


def per_length(paragraphs: list[str], lengths: list[int], rounds: int = 3) -> list[tuple[int, int, float]]:
    """CPU seconds per 1,000 sentences of one document of N paragraphs. Every length codes the same
    mix of paragraphs: the documents of N paragraphs are taken in turn from the list (the k-th
    starts at paragraph k * N), until every paragraph has been coded and about 3,000 sentences
    timed, so that a length's figure is not that of the few paragraphs it happens to start with.
    The lengths take turns over ``rounds`` rounds and each keeps its best round: a busy moment of a
    shared machine then falls on one round of one length, not on a whole length."""
    import pantau
    from pantau.lang import load_pack
    from pantau.text.segment import split_sentences

    pack = load_pack("en")
    work: dict[int, tuple[list[str], int]] = {}
    for n in lengths:
        texts: list[str] = []
        sentences = 0
        while sentences < 3000 or len(texts) * n < len(paragraphs):
            k = len(texts)
            texts.append("\n\n".join(paragraphs[(k * n + i) % len(paragraphs)] for i in range(n)))
            sentences += len(split_sentences(texts[-1], pack))
        work[n] = (texts, sentences)
    best = {n: float("inf") for n in lengths}
    for r in range(rounds):
        for n in lengths:
            texts, sentences = work[n]
            t = time.process_time()
            for k, text in enumerate(texts):
                pantau.extract(text, lang="en", published="2025-01-01", doc_id=f"len-{n}-{k}-{r}")
            best[n] = min(best[n], 1000 * (time.process_time() - t) / sentences)
    return [(n, work[n][1] // len(work[n][0]), best[n]) for n in lengths]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles.jsonl")
    ap.add_argument("--lengths", default="1,10,100,1000,3000")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the per-length costs")
    ap.add_argument("--speed-rounds", type=int, default=2,
                    help="interleaved rounds of the baseline, --jobs 1 and --jobs N runs (best of each)")
    args = ap.parse_args()

    env = dict(os.environ)
    article = next(a["text"] for a in corpus(args.articles, 40) if a["lang"] == "en")
    warm = startup(env, fresh_cache=False, article=article)
    cold = startup(env, fresh_cache=True, article=article)

    import pantau
    from pantau import parallel
    from pantau.cli.extract import render_line
    from pantau.extract.pipeline import coder_for
    from pantau.lang import load_pack
    from pantau.text.segment import split_sentences
    from pantau.text.tokens import tokenize

    docs = corpus(args.articles, args.docs)
    for tag in ("en", "id"):
        coder_for(tag)

    def split_and_tokenise() -> int:
        sentences = 0
        for d in docs:
            pack = load_pack(d["lang"])
            for span in split_sentences(d["text"], pack):
                tokenize(d["text"], span.start, span.end)
                sentences += 1
        return sentences

    def extract(jobs: int) -> tuple[float, str, int]:
        """``pantau extract``'s path: each document coded and made into its output line where it was
        coded, the lines consumed as they come (hashed here, written there): (seconds, digest,
        events)."""
        digest, events = hashlib.sha256(), 0
        t = time.perf_counter()
        for line in pantau.extract_many(docs, jobs=jobs, render=partial(render_line, include_text=True)):
            for part in line.parts:
                digest.update(part.encode())
            events += line.events
        return time.perf_counter() - t, digest.hexdigest(), events

    # the three runs take turns over the rounds and each keeps its best: a busy moment of a shared
    # machine then falls on one round of one run, not on a whole figure
    baseline = full = multi = float("inf")
    parallel.ProcessPoolExecutor = MeasuredPool  # type: ignore[misc]
    for _ in range(args.speed_rounds):
        t = time.perf_counter()
        sentences = split_and_tokenise()
        baseline = min(baseline, time.perf_counter() - t)
        seconds, one, events = extract(1)
        full = min(full, seconds)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        seconds, many, _ = extract(args.jobs)
        multi = min(multi, seconds)

    english = [a for a in corpus(args.articles, 40) if a["lang"] == "en"]
    paragraphs = [p for a in english for p in a["text"].split("\n\n") if p.strip()]
    lengths = per_length(paragraphs, [int(x) for x in args.lengths.split(",")], args.rounds)

    print(f"corpus: {len(docs)} documents, {sentences} sentences, {events} events")
    print(f"start-up, best of 3 (import + one pack: a ready coder; then one article: its first events): "
          f"warm {warm[0]:.2f} s / {warm[1]:.2f} s, cold {cold[0]:.2f} s / {cold[1]:.2f} s")
    print(f"baseline (split + tokenise):  {sentences / baseline:10.0f} sentences/s")
    print(f"pantau extract, --jobs 1:     {sentences / full:10.0f} sentences/s ({len(docs) / full:.0f} documents/s)")
    print(f"pantau extract, --jobs {args.jobs}:     {sentences / multi:10.0f} sentences/s "
          f"(speed-up {full / multi:.2f}x, same output: {one == many})")
    print(f"ratio pantau (--jobs 1) / baseline: {baseline / full:.3f}")
    print(f"peak RSS: this process {rss_mb:.0f} MB; workers "
          + (", ".join(f"{p:.0f}" for p in MeasuredPool.peaks) or "n/a") + " MB")
    print("CPU s per 1,000 sentences by document length:")
    for n, s, cost in lengths:
        print(f"  {n:5d} paragraphs ({s:6d} sentences): {cost:.2f}")
    spread = max(c for _, _, c in lengths) / min(c for _, _, c in lengths)
    print(f"  longest / shortest cost: {spread:.2f}")


if __name__ == "__main__":
    main()
