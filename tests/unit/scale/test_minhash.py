"""MinHash LSH written here: estimates near the exact Jaccard similarity, bands that fit the threshold."""

from __future__ import annotations

import random

from pantau.ingest.near import NUM_PERM, BandIndex, MinHash, bands_for, jaccard, shingles


def _text(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(["army", "police", "rebels", "village", "attack", "said", "killed", "border", "talks",
                        "ceasefire", "minister", "capital", "province", "district", "troops"]) + str(rng.randrange(40))
            for _ in range(n)]


def test_estimate_is_close_to_exact() -> None:
    rng = random.Random(7)
    for _ in range(20):
        a = _text(rng, 200)
        b = list(a)
        for k in rng.sample(range(200), rng.randrange(0, 120)):
            b[k] = "changed" + str(k)
        ta, tb = " ".join(a), " ".join(b)
        est = MinHash.of(shingles(ta)).jaccard(MinHash.of(shingles(tb)).hashvalues)
        assert abs(est - jaccard(ta, tb)) < 0.15


def test_bands_follow_the_threshold() -> None:
    bands, rows = bands_for(0.4, NUM_PERM)
    assert bands * rows <= NUM_PERM
    # the curve 1 - (1 - s^r)^b crosses one half near the threshold
    half = (1 - 0.5 ** (1 / bands)) ** (1 / rows)
    assert 0.3 < half < 0.5
    strict_bands, strict_rows = bands_for(0.8, NUM_PERM)
    assert strict_rows > rows


def test_index_finds_copies_and_not_strangers() -> None:
    rng = random.Random(3)
    index = BandIndex(0.4, NUM_PERM)
    originals = {f"d{k}": " ".join(_text(rng, 150)) for k in range(30)}
    for key, text in originals.items():
        index.insert(key, MinHash.of(shingles(text)))
    copy = originals["d5"] + " a footer added by the syndicating site"
    assert "d5" in index.query(MinHash.of(shingles(copy)))
    stranger = " ".join(_text(random.Random(99), 150))
    assert index.query(MinHash.of(shingles(stranger))) == []


def test_formulaic_streams_stay_linear() -> None:
    """Thousands of notes written to one formula share their LSH buckets; a query looks at the most
    recent of each bucket only, so checking a stream is linear, and a fresh copy is still found."""
    from pantau.ingest.near import BUCKET_SCAN, NearDuplicateIndex

    index = BandIndex(0.4, NUM_PERM)
    base = "police arrested protesters in the capital on monday the ministry said in a statement " * 3
    for k in range(400):
        index.insert(f"n{k}", MinHash.of(shingles(base + f"number {k}")))
    found = index.query(MinHash.of(shingles(base + "number 999")))
    assert 0 < len(found) <= BUCKET_SCAN * len(index._tables)
    assert "n399" in found and "n0" not in found
    near = NearDuplicateIndex()
    near.check_and_add("article", " ".join(f"word{i}" for i in range(300)))
    assert near.check("copy", " ".join(f"word{i}" for i in range(300)) + " a footer")[0] is not None


def test_a_long_text_is_signed_a_few_shingles_at_a_time() -> None:
    """A dump of millions of words is never held as one shingle set: its shingles come in sets of
    at most ``chunk``, whose union is the whole set, and the signature of the parts is the
    signature of the whole."""
    import random

    from pantau.ingest.near import fewer_shingles, minhash, shingle_chunks

    rng = random.Random(7)
    vocabulary = [f"w{k}" for k in range(300)] + ["Gaza", "Khartoum", "ceasefire", "17"]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(n)) for n in (0, 1, 2, 3, 9, 400, 5_000)]
    texts += ["the the the the the the", "One two. Three, four!"]
    for text in texts:
        parts = list(shingle_chunks(text, chunk=97))
        assert all(len(p) <= 97 for p in parts)
        whole = shingles(text)
        assert set().union(*parts) == whole
        for n in (1, 8, 60, 1_000):
            assert fewer_shingles(text, n) == (len(whole) < n)
        m = minhash(text)
        if len(whole) < 8:
            assert m is None
        else:
            assert m is not None and (m.hashvalues == MinHash.of(whole).hashvalues).all()
            assert (MinHash.of_parts(parts).hashvalues == m.hashvalues).all()
    assert len(list(shingle_chunks(texts[-3], chunk=97))) > 40  # 5,000 words: many parts
