"""The data pantau produces: documents, events and their parts.

Every class is a frozen, slotted dataclass. Offsets are ``start``/``end``, end-exclusive, in code
points of ``Document.text``; text is never rewritten. ``Document.to_dict()`` returns exactly the
object of ``shared/spec/OUTPUT.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

# The fixed vocabulary of rejection reasons (OUTPUT.md).
REJECTION_REASONS = ("empty", "undecodable", "too_large", "unsupported_lang", "parse_error", "duplicate")
SIZE_KEYS = ("dead", "injured", "arrested", "captured", "missing", "displaced", "deployed")
MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor mention: who, coded as ISO3 (or UNO/EUR/IGO/NGO/MNC) plus a sector."""

    text: str
    code: str | None
    sector: str | None
    start: int
    end: int
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "sector": self.sector, "name": self.name,
                "start": self.start, "end": self.end}

    def shifted(self, by: int) -> Entity:
        return replace(self, start=self.start + by, end=self.end + by)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int
    low: int | None
    high: int | None
    approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high, "approx": self.approx}


@dataclass(frozen=True, slots=True)
class Location:
    text: str | None
    country: str | None
    precision: str = "unknown"
    name: str | None = None
    countries: tuple[str, ...] = ()
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "countries": list(self.countries) or ([self.country] if self.country else []),
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "precision": self.precision}

    def shifted(self, by: int) -> Location:
        if self.start is None or self.end is None:
            return self
        return replace(self, start=self.start + by, end=self.end + by)


@dataclass(frozen=True, slots=True)
class Claim:
    """Who asserts an event (or its counts), through which reporting verb, in which span."""

    claimant: Entity | None
    verb: str | None
    start: int
    end: int
    size: tuple[tuple[str, Quantity], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "claimant": None if self.claimant is None else
            {"text": self.claimant.text, "code": self.claimant.code, "sector": self.claimant.sector},
            "verb": self.verb, "start": self.start, "end": self.end,
        }
        if self.size:
            out["size"] = {k: q.to_dict() for k, q in self.size}
        return out

    def shifted(self, by: int) -> Claim:
        return replace(self, claimant=None if self.claimant is None else self.claimant.shifted(by),
                       start=self.start + by, end=self.end + by)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event: str
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    modality: str
    sentence: Span
    trigger: Span
    trigger_text: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    acled: tuple[str, str] | None = None
    quad: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Location | None = None
    size: tuple[tuple[str, Quantity], ...] = ()
    claims: tuple[Claim, ...] = ()
    confidence: float = 0.5

    @property
    def sizes(self) -> dict[str, Quantity]:
        return dict(self.size)

    def shifted(self, by: int, event_id: str) -> Event:
        """This event found in a section of a document that starts ``by`` characters into it:
        every offset moved to the whole document, under the id it has there."""
        return replace(self, id=event_id, actor=tuple(e.shifted(by) for e in self.actor),
                       recipient=tuple(e.shifted(by) for e in self.recipient),
                       sentence=Span(self.sentence.start + by, self.sentence.end + by),
                       trigger=Span(self.trigger.start + by, self.trigger.end + by),
                       location=None if self.location is None else self.location.shifted(by),
                       claims=tuple(c.shifted(by) for c in self.claims))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "acled": None if self.acled is None else
            {"event_type": self.acled[0], "sub_event_type": self.acled[1]},
            "quad": self.quad,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": None if self.location is None else self.location.to_dict(),
            "size": {k: q.to_dict() for k, q in self.size},
            "claims": [c.to_dict() for c in self.claims],
            "modality": self.modality,
            "evidence": {"sentence": self.sentence.to_dict(),
                         "trigger": {"text": self.trigger_text, **self.trigger.to_dict()}},
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a document yields no events. ``reason`` is one of REJECTION_REASONS."""

    reason: str
    detail: str
    stage: str = "extract"

    def __post_init__(self) -> None:
        if self.reason not in REJECTION_REASONS:
            raise ValueError(f"unknown rejection reason {self.reason!r}; use one of {REJECTION_REASONS}")

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, before extraction (``events`` empty) or after it.

    ``locator`` says where the document came from (file and line, WARC file and offset, URL);
    ``meta`` carries reader facts that OUTPUT.md has no field for (author, encoding, lossy
    decoding, canonical URL...). Neither is part of ``to_dict()``.
    """

    doc_id: str
    text: str
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    events: tuple[Event, ...] = ()
    rejected: Rejection | None = None
    locator: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes: Any) -> Document:
        return replace(self, **changes)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        out = self._head(include_text)
        out["events"] = [e.to_dict() for e in self.events]
        out["rejected"] = None if self.rejected is None else self.rejected.to_dict()
        return out

    def json_parts(self, *, include_text: bool = True) -> Iterator[str]:
        """``json.dumps(self.to_dict(...), ensure_ascii=False)`` in pieces, one per event, whose
        concatenation is that text: a document of 200,000 events (a 40 MB dump coded in sections) is
        written without ever holding every event's dict, nor the whole line as one string (which
        one accented letter makes two or four bytes a character), nor its encoding at once."""
        import json

        head = json.dumps(self._head(include_text), ensure_ascii=False)
        yield f'{head[:-1]}, "events": ['
        for k, e in enumerate(self.events):
            text = json.dumps(e.to_dict(), ensure_ascii=False)
            yield f", {text}" if k else text
        rejected = json.dumps(None if self.rejected is None else self.rejected.to_dict(), ensure_ascii=False)
        yield f'], "rejected": {rejected}}}'

    def _head(self, include_text: bool) -> dict[str, Any]:
        """``to_dict``'s fields before the events."""
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "published": self.published,
            "url": self.url,
            "title": self.title,
            "source": self.source,
        }
        if include_text:
            out["text"] = self.text
        return out


def content_id(locator: str | None, text: str) -> str:
    """The default document id: sha256 of the source locator and the text (OUTPUT.md)."""
    digest = hashlib.sha256()
    digest.update((locator or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def rejected_document(doc_id: str, reason: str, detail: str, *, stage: str = "read",
                      text: str = "", locator: str | None = None, **fields: Any) -> Document:
    """A document that carries only its rejection (``events`` empty)."""
    return Document(doc_id=doc_id, text=text, rejected=Rejection(reason, detail, stage),
                    locator=locator, **fields)
