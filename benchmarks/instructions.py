"""Instructions per sentence, counted by valgrind (callgrind): extraction and its baseline, on a
shared machine whose seconds swing 2-3x between runs.

    python benchmarks/instructions.py [--docs 200] [--src DIR ...] [--articles examples/articles.jsonl]

Seconds on a shared machine are noisy; the count of instructions a program runs is not: the same
code, input and environment give the same count, whatever else the machine is doing. For each
``--src`` (a ``src`` folder of pantau, this checkout's by default; give an older checkout's, made
with ``git worktree add``, to compare two versions in one run) it runs three fresh interpreters
under callgrind, each importing that pantau and making the English and Indonesian coders:
- one that then stops (what every run pays before the first document);
- one that extracts the first ``--docs`` documents of the corpus (``extract_speed.py``'s: the
  example articles, each repeated with its own id), one process, language given;
- one that splits and tokenises the same documents (``extract_speed.py``'s baseline).
The first is subtracted from the others, which leaves the instructions of extraction and of the
baseline alone. Reports both per sentence, and their ratio (``extract_speed.py``'s ratio, counted
instead of timed). Every run uses the same corpus (this checkout's ``--articles``), so versions
compare on the same text. Each src folder's bytecode is compiled, and its packs compiled into the
disk cache, before anything is counted. Needs valgrind (Debian's package); slow: about a minute per 100
documents. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# run in a fresh interpreter: SRC, MODE (none | extract | split), DOCS, ARTICLES; prints the sentences
# split (0 unless splitting)
CHILD = r"""
import json, sys
src, mode, n, articles = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, src)
import pantau
assert pantau.__file__.startswith(src), pantau.__file__
from pantau.extract.pipeline import coder_for
from pantau.lang import load_pack
from pantau.text.segment import split_sentences
from pantau.text.tokens import tokenize
arts = [json.loads(line) for line in open(articles, encoding="utf-8") if line.strip()]
docs = [{**arts[i % len(arts)], "id": f"{arts[i % len(arts)]['id']}-{i}"} for i in range(n)]
for tag in ("en", "id"):
    coder_for(tag)
sentences = 0
for d in docs:
    if mode == "split":
        for span in split_sentences(d["text"], load_pack(d["lang"])):
            tokenize(d["text"], span.start, span.end)
            sentences += 1
    elif mode == "extract":
        pantau.extract(d["text"], lang=d["lang"], published=d.get("published"), doc_id=d["id"])
print(sentences)
"""


def counted(src: Path, mode: str, docs: int, articles: Path) -> tuple[int, int]:
    """(instructions, sentences) of one fresh interpreter under callgrind. String hashing is seeded
    the same in every run: a random seed changes the order of sets and dicts, and with it about 1%
    of the count."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", sys.executable, "-c", CHILD,
             str(src), mode, str(docs if mode != "none" else 0), str(articles)],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
    return int(found.group(1)), int(out.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--src", type=Path, action="append", help="a pantau src folder (repeat to compare)")
    ap.add_argument("--articles", type=Path, default=ROOT / "examples" / "articles.jsonl")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    sources = [p.resolve() for p in args.src or [ROOT / "src"]]
    print(f"corpus: the first {args.docs} documents of {args.articles.name} (repeated with their own ids)")
    for src in sources:
        # bytecode first, as installing does: a module imported lazily at the first document would
        # otherwise be compiled inside the counted extraction (a shell may set PYTHONDONTWRITEBYTECODE)
        compileall.compile_dir(str(src / "pantau"), quiet=1)
        # and the compiled packs in the disk cache: a pack rebuilt inside the first counted run
        # (after an edit, a checkout) would be subtracted from the others as start-up
        subprocess.run([sys.executable, "-c", CHILD, str(src), "none", "0", str(args.articles.resolve())],
                       capture_output=True, check=True)
        start, _ = counted(src, "none", 0, args.articles.resolve())
        extracted, _ = counted(src, "extract", args.docs, args.articles.resolve())
        split, sentences = counted(src, "split", args.docs, args.articles.resolve())
        extract_per, split_per = (extracted - start) / sentences, (split - start) / sentences
        print(json.dumps({"src": str(src), "sentences": sentences, "start_up": start,
                          "extract_per_sentence": round(extract_per), "split_tokenise_per_sentence": round(split_per),
                          "ratio": round(split_per / extract_per, 4)}))


if __name__ == "__main__":
    main()
