"""Documents with events built by hand, so store tests do not depend on extraction quality."""

from __future__ import annotations

import random

from pantau.model import Claim, Document, Entity, Event, Location, Quantity, Rejection, Span, content_id

TYPES = ("ASSAULT", "PROTEST", "CONSULT", "RETREAT", "ACCUSE", "COERCE")
PLACES = {"ARM": (40.2, 44.5), "AZE": (40.4, 49.9), "IDN": (-6.2, 106.8), "UKR": (50.4, 30.5)}


def entity(code: str | None, text: str = "someone", sector: str | None = "GOV", start: int = 0) -> Entity:
    return Entity(text=text, code=code, sector=sector, start=start, end=start + len(text))


def event(doc_id: str, ordinal: int, kind: str = "ASSAULT", *, actors: tuple[str, ...] = ("AZE",),
          recipients: tuple[str, ...] = ("ARM",), date: str | None = "2021-11-16", precision: str | None = "day",
          country: str | None = "ARM", dead: int | None = None, claimant: str | None = None,
          claim_dead: int | None = None, modality: str = "asserted", lat: float | None = None,
          lon: float | None = None) -> Event:
    size = (("dead", Quantity(dead, dead, dead)),) if dead is not None else ()
    claims: tuple[Claim, ...] = ()
    if claimant is not None:
        csize = (("dead", Quantity(claim_dead, claim_dead, claim_dead)),) if claim_dead is not None else ()
        claims = (Claim(claimant=entity(claimant, "the ministry", "MIL"), verb="said", start=0, end=40, size=csize),)
    return Event(
        id=f"{doc_id}:{ordinal}", event=kind, actor=tuple(entity(c, start=i * 10) for i, c in enumerate(actors)),
        recipient=tuple(entity(c, start=50 + i * 10) for i, c in enumerate(recipients)), modality=modality,
        sentence=Span(0, 40), trigger=Span(10, 18), trigger_text="attacked", cameo="190",
        acled=("Battles", "Armed clash") if kind == "ASSAULT" else None, quad="material conflict",
        date=date, date_precision=precision, date_text="on Tuesday",
        location=None if country is None else Location(text="the border", country=country, precision="point",
                                                       countries=(country,), lat=lat, lon=lon, start=20, end=30),
        size=size, claims=claims, confidence=0.7)


def document(text: str, *events_spec: dict, source: str = "example.org", published: str = "2021-11-17",
             locator: str | None = None) -> Document:
    doc_id = content_id(locator, text)
    evs = tuple(event(doc_id, i, **spec) for i, spec in enumerate(events_spec))
    return Document(doc_id=doc_id, text=text, lang="en", published=published, source=source, title=text[:20],
                    events=evs, locator=locator)


def rejected(text: str = "", reason: str = "empty") -> Document:
    return Document(doc_id=content_id("rej", text + reason), text=text,
                    rejected=Rejection(reason, "nothing to read", "read"))


def corpus(n: int, seed: int = 7) -> list[Document]:
    """n documents with 0-3 random events each, and every 10th one rejected."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        if i % 10 == 9:
            docs.append(rejected(f"junk {i}"))
            continue
        specs = []
        for _ in range(rng.randint(0, 3)):
            country = rng.choice(list(PLACES))
            lat, lon = PLACES[country]
            specs.append({"kind": rng.choice(TYPES), "actors": (rng.choice(list(PLACES)),), "recipients": (country,),
                          "date": f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "country": country,
                          "dead": rng.choice([None, 1, 5]), "claimant": rng.choice([None, "ARM"]),
                          "lat": lat + rng.random(), "lon": lon + rng.random()})
        docs.append(document(f"Article number {i} about events, written for the tests.", *specs))
    return docs
