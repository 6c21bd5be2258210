"""Hand-built reports with every field known, for the export tests (stored by conftest.py).

Two outlets report one shelling (a.example, b.example; the same event, clustered into one
record), a third reports a protest in Jakarta with its dispersal, arrests and a denial.
"""

from __future__ import annotations

from pantau.model import Claim, Document, Entity, Event, Location, Quantity, Span

GORIS = Location(text="Goris", country="ARM", precision="point", name="Goris", countries=("ARM",),
                 admin1="Syunik", lat=39.51111, lon=46.34168, geonameid=174895)
JAKARTA = Location(text="Jakarta", country="IDN", precision="admin1", name="Jakarta", countries=("IDN",),
                   admin1="Jakarta", lat=-6.21462, lon=106.84513, geonameid=1642911)

SHELLING_A = ("YEREVAN — Azerbaijani troops shelled Armenian positions near Goris on Tuesday, killing three "
              "soldiers, the defence ministry said. Baku threatened to respond to any provocation.")
SHELLING_B = "Three Armenian soldiers died when Azerbaijani artillery hit their posts near Goris on Tuesday."
PROTEST_C = ("Students protested in Jakarta in November. Police fired tear gas at the protesters and arrested "
             "twelve students. Police denied beating anyone.")


def entity(text: str, phrase: str, code: str | None, sector: str | None) -> Entity:
    start = text.index(phrase)
    return Entity(phrase, code, sector, start, start + len(phrase))


def event(text: str, doc_id: str, n: int, sentence: str, trigger: str, kind: str, **fields: object) -> Event:
    s = text.index(sentence)
    t = text.index(trigger, s)
    values: dict = {"actor": (), "recipient": (), "modality": "asserted", **fields}
    return Event(id=f"{doc_id}:{n}", event=kind, sentence=Span(s, s + len(sentence)), trigger=Span(t, t + len(trigger)),
                 trigger_text=trigger, **values)


def dead(n: int) -> tuple[tuple[str, Quantity], ...]:
    return (("dead", Quantity(n, n, n)),)


def reports() -> list[Document]:
    a, b, c = SHELLING_A, SHELLING_B, PROTEST_C
    sent_a = a[:a.index(" Baku")]
    ministry = entity(a, "the defence ministry", "ARM", "MIL")
    shelling_a = event(
        a, "a", 0, sent_a, "shelled", "ASSAULT", mode="heavy-weapons", cameo="194", quad="material conflict",
        acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        actor=(entity(a, "Azerbaijani troops", "AZE", "MIL"),), recipient=(entity(a, "Armenian positions", "ARM", "MIL"),),
        date="2021-11-16", date_precision="day", date_text="on Tuesday", location=GORIS, size=dead(3),
        claims=(Claim(ministry, "said", 0, len(sent_a)),), confidence=0.8)
    threat = event(a, "a", 1, "Baku threatened to respond to any provocation.", "threatened", "THREATEN",
                   mode="violence", cameo="138", quad="verbal conflict", actor=(entity(a, "Baku", "AZE", "GOV"),),
                   date="2021-11-17", date_precision="published", confidence=0.6)
    shelling_b = event(
        b, "b", 0, b, "hit", "ASSAULT", mode="heavy-weapons", cameo="194", quad="material conflict",
        acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        actor=(entity(b, "Azerbaijani artillery", "AZE", "MIL"),),
        recipient=(entity(b, "Three Armenian soldiers", "ARM", "MIL"),), date="2021-11-16", date_precision="day",
        location=GORIS, size=dead(3), confidence=0.7)
    students = entity(c, "Students", "IDN", "EDU")
    police = entity(c, "Police", "IDN", "COP")
    protest = event(c, "c", 0, "Students protested in Jakarta in November.", "protested", "PROTEST", mode="demo",
                    cameo="141", quad="material conflict", acled=("Protests", "Peaceful protest"), actor=(students,),
                    date="2021-11", date_precision="month", location=JAKARTA, confidence=0.75)
    sent_c = "Police fired tear gas at the protesters and arrested twelve students."
    gas = event(c, "c", 1, sent_c, "fired tear gas", "ASSAULT", mode="crowd-control", cameo="1724",
                quad="material conflict", acled=("Protests", "Excessive force against protesters"), actor=(police,),
                recipient=(entity(c, "the protesters", "IDN", "CVL"),), date="2021-11", date_precision="month",
                location=JAKARTA, confidence=0.7)
    arrest = event(c, "c", 2, sent_c, "arrested", "COERCE", mode="arrest", cameo="173", quad="material conflict",
                   acled=("Strategic developments", "Arrests"), actor=(police,),
                   recipient=(entity(c, "twelve students", "IDN", "EDU"),), date="2021-11", date_precision="month",
                   location=JAKARTA, size=(("arrested", Quantity(12, 12, 12)),), confidence=0.7)
    denial = event(c, "c", 3, "Police denied beating anyone.", "beating", "ASSAULT", mode="beat", cameo="1821",
                   quad="material conflict", acled=("Violence against civilians", "Attack"), actor=(police,),
                   modality="negated", date="2021-11", date_precision="month", location=JAKARTA, confidence=0.5)
    return [
        Document("a", a, lang="en", published="2021-11-17", url="https://a.example/shelling", title="Shelling",
                 source="a.example", events=(shelling_a, threat)),
        Document("b", b, lang="en", published="2021-11-17", url="https://b.example/goris", title="Goris",
                 source="b.example", events=(shelling_b,)),
        Document("c", c, lang="en", published="2021-11-30", url="https://c.example/jakarta", title="Jakarta",
                 source="c.example", events=(protest, gas, arrest, denial)),
    ]
