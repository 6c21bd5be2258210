"""Speed of the text machinery on one core, in CPU time of this process (so that other load on the
machine matters less): sentences per second for find_dates, find_numbers and split_sentences.
Sentences are generated from templates written for this benchmark.

    .venv/bin/python benchmarks/bench_text.py [--n 20000] [--gold ../shared/eval/dev/*.jsonl]

With ``--gold``, the sentences of those JSON Lines articles (fields ``text``, ``lang``,
``published``) are timed as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from pantau.lang import load_pack
from pantau.text.dates import find_dates
from pantau.text.numbers import find_numbers
from pantau.text.segment import split_sentences
from pantau.text.tokens import tokenize

TEMPLATES = {
    "id": [
        "Kelompok bersenjata menembak {n} pekerja proyek jalan di Distrik Sugapa, Kabupaten Intan Jaya, {wd} ({d}/{m}) sore.",
        "Kepala Satgas Humas mengatakan penyerangan terjadi sekitar pukul 15.30 WIT saat para korban beristirahat.",
        "Pemerintah menyatakan sedikitnya {n} orang tewas dan puluhan lainnya luka-luka dalam bentrokan itu.",
        "Konflik itu merupakan yang terburuk sejak perang pada tahun lalu yang menewaskan sekitar 6,500 orang.",
        "Presiden menerima kunjungan delegasi asing di Istana Merdeka, Jakarta, pada {wd} ({d}/{m}/2025).",
        "Badan Pusat Statistik mencatat inflasi tahunan pada Oktober 2025 sebesar 2,86 persen.",
        "Warga desa menolak pendaratan kapal yang mengangkut ratusan pengungsi di pesisir utara.",
    ],
    "en": [
        "At least {n} people were killed when a drone struck a mosque in El Fasher on {wde}, a medical group said.",
        "The hostages were transferred in two groups to the Red Cross, which drove them to waiting forces.",
        "Israel began freeing nearly 2,000 prisoners and detainees after the ceasefire took hold on Friday.",
        "The ministry said in a statement on Telegram that talks would resume in early January.",
        "More than 130 pupils kidnapped from a school earlier this month have been freed, the governor said.",
        "Troops have been deployed along the border since May 2024, officials told reporters in the capital.",
        "The October 7, 2023 attack killed about 1,200 people, according to official figures.",
    ],
}
WD = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"], "en": ["Monday", "Tuesday", "Wednesday"]}


def sentences(lang: str, n: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(n):
        t = rng.choice(TEMPLATES[lang])
        out.append(t.format(n=rng.randint(2, 90), wd=rng.choice(WD["id"]), wde=rng.choice(WD["en"]),
                            d=rng.randint(1, 28), m=rng.randint(1, 12)))
    return out


def rate(fn: Callable[[str], object], items: list[str]) -> float:
    fn(items[0])  # warm up: builds the pack's compiled rules
    t0 = time.process_time()
    for s in items:
        fn(s)
    return len(items) / (time.process_time() - t0)


def gold_sentences(files: list[str]) -> list[tuple[str, int, int, str, dt.date | None]]:
    out = []
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            pack = load_pack(doc["lang"])
            published = dt.date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
            out += [(doc["text"], s.start, s.end, doc["lang"], published)
                    for s in split_sentences(doc["text"], pack)]
    return out


def time_gold(files: list[str], reps: int = 20) -> None:
    sents = gold_sentences(files)
    if not sents:
        return
    packs = {lang: load_pack(lang) for _, _, _, lang, _ in sents}
    t0 = time.process_time()
    for _ in range(reps):
        for text, a, b, lang, published in sents:
            find_dates(text, a, b, packs[lang], published)
    dates_rate = reps * len(sents) / (time.process_time() - t0)
    t0 = time.process_time()
    for _ in range(reps):
        for text, a, b, lang, _ in sents:
            find_numbers(tokenize(text, a, b), packs[lang])
    numbers_rate = reps * len(sents) / (time.process_time() - t0)
    print(f"gold: {len(sents)} sentences of {len(files)} file(s), {reps} passes")
    print(f"  find_dates      {dates_rate:>9,.0f}/s")
    print(f"  find_numbers    {numbers_rate:>9,.0f}/s (incl. tokenize)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--gold", nargs="*", default=[], help="JSON Lines articles whose sentences are timed too")
    args = ap.parse_args()
    published = dt.date(2025, 10, 13)
    for lang in ("id", "en"):
        pack = load_pack(lang)
        items = sentences(lang, args.n, random.Random(7))
        chars = sum(map(len, items)) / len(items)
        print(f"{lang}: {args.n} sentences, {chars:.0f} chars on average")
        print(f"  find_dates      {rate(lambda s, p=pack: find_dates(s, 0, len(s), p, published), items):>9,.0f}/s")
        print(f"  find_numbers    {rate(lambda s, p=pack: find_numbers(tokenize(s), p), items):>9,.0f}/s"
              " (incl. tokenize)")
        print(f"  split_sentences {rate(lambda s, p=pack: split_sentences(s, p), items):>9,.0f}/s")
    time_gold(args.gold)


if __name__ == "__main__":
    main()
