"""The event ontology (types, modes, CAMEO, ACLED, quads) loaded from ``ontology.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: str
    cameo: str
    modes: tuple[str, ...]
    cameo_modes: dict[str, str]
    acled: tuple[str, str] | None
    acled_modes: dict[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: frozenset[str]
    sectors: frozenset[str]
    org_codes: frozenset[str]
    size_keys: tuple[str, ...]
    acled_civilian_target: tuple[str, str]
    size_events: dict[str, frozenset[str]]
    speech_acts: frozenset[str]
    recipientless: frozenset[str]
    irrealis_heads: frozenset[str]
    absorbs: dict[str, frozenset[str]]
    recodes: tuple[dict[str, Any], ...]
    self_reported: dict[str, frozenset[str]]
    responsibility: tuple[str, str]
    claimable: frozenset[str]
    unarmed_sectors: frozenset[str] = frozenset()
    armed_sectors: frozenset[str] = frozenset()
    acled_subtypes: dict[str, str] | None = None
    acled_rules: tuple[dict[str, Any], ...] = ()
    acled_interventions: tuple[dict[str, Any], ...] = ()
    complement_modes: dict[str, dict[str, str]] | None = None
    addressed_to_state: frozenset[str] = frozenset()
    symmetric: frozenset[str] = frozenset()
    claiming: dict[str, frozenset[str | None]] | None = None
    context_types: dict[str, frozenset[str]] | None = None
    civilian_target_types: frozenset[str] = frozenset()
    acled_inter: dict[str, int] | None = None
    acled_rioters: dict[str, Any] | None = None
    acled_external_inter: int | None = None
    acled_state_sectors: tuple[str, ...] = ()
    acled_actor_names: dict[str, str] | None = None
    mode_families: dict[str, tuple[frozenset[str], ...]] | None = None
    modality_families: tuple[frozenset[str], ...] = ()
    sector_kinds: dict[str, str] | None = None
    """sector -> the kind of actor it is (state, judicial, armed, society), for clustering."""
    count_conflicts: dict[str, tuple[float, int]] = field(default_factory=dict)
    """count key -> (ratio, gap): two reports' figures contradict when the larger is at least
    ``ratio`` times the smaller and more than ``gap`` apart (clustering)."""
    crowd_actor: dict[str, Any] | None = None
    """Events a crowd named by its size does ("thousands marched"): ``types``, and its ``sector``."""
    purposes: tuple[dict[str, Any], ...] = ()
    """Acts that fold into the force of their sentence (``event``, ``mode``, ``into``: [type, mode])."""
    riots: dict[str, Any] | None = None
    """A protest told with violence in its sentence is a riot (``event``, ``mode``, ``joins``, ``unless_kinds``)."""
    between_sides: frozenset[tuple[str, str]] = frozenset()
    """(type, mode) of acts done between the two sides of a conflict (mediation): its recipients."""

    def same_mode(self, event: str, a: str | None, b: str | None) -> bool:
        """Whether two reports' modes may describe one event: equal, one unknown, or one family."""
        if a is None or b is None or a == b:
            return True
        return any(a in f and b in f for f in (self.mode_families or {}).get(event, ()))

    def modality_family(self, modality: str) -> str:
        """The modality reports of one event share: its family's first member, else itself."""
        return next((min(f) for f in self.modality_families if modality in f), modality)

    def cameo(self, event: str, mode: str | None, override: str | None = None) -> str:
        if override:
            return override
        et = self.types[event]
        return et.cameo_modes.get(mode or "", et.cameo)

    def acled(self, event: str, mode: str | None, civilian_target: bool = False, *, named: str | None = None,
              context: tuple[str, ...] = (), actor_sectors: frozenset[str] = frozenset(),
              recipient_sectors: tuple[str | None, ...] = (), sizes: frozenset[str] = frozenset(),
              two_sided: bool = False, recipient_protesting: bool = False,
              actor_home: bool = True) -> tuple[str, str] | None:
        """The ACLED (event type, sub-event type) of an event: the sub-type its trigger names, else
        the first of ``acled_rules`` that fits, else its mode's, else its type's (an ASSAULT on
        civilians with no mode: Violence against civilians / Attack)."""
        subtypes = self.acled_subtypes or {}
        if named and named in subtypes:
            return subtypes[named], named
        for rule in self.acled_rules:
            if rule["event"] != event or ("modes" in rule and mode not in rule["modes"]):
                continue
            if rule.get("context") and rule["context"] not in context:
                continue
            if rule.get("actor_sectors") and not actor_sectors & set(rule["actor_sectors"]):
                continue
            if rule.get("recipient_sectors") and not (recipient_sectors and all(
                    s in rule["recipient_sectors"] for s in recipient_sectors)):
                continue
            if rule.get("sizes") and not sizes & set(rule["sizes"]):
                continue
            if "two_sided" in rule and rule["two_sided"] != two_sided:
                continue
            if "recipient_protesting" in rule and rule["recipient_protesting"] != recipient_protesting:
                continue
            if "actor_home" in rule and rule["actor_home"] != actor_home:
                continue
            if "recipient_armed" in rule and rule["recipient_armed"] != any(
                    s in self.armed_sectors for s in recipient_sectors):
                continue
            return subtypes[rule["to"]], rule["to"]
        et = self.types[event]
        if mode and mode in et.acled_modes:
            return et.acled_modes[mode]
        if event in self.civilian_target_types and civilian_target:
            return self.acled_civilian_target
        return et.acled


@cache
def load_ontology() -> Ontology:
    """The ontology, from the disk cache (``pantau.diskcache``, keyed by the file's content) when
    an earlier process compiled this same ``ontology.yaml``: a new process then neither imports
    the YAML parser nor parses."""
    from .. import diskcache
    from ..bundled import bundled

    text = bundled("pantau.ontology", "ontology.yaml").read_text(encoding="utf-8")
    key = diskcache.key_of((), "ontology", text)
    cached = diskcache.load("ontology", key)
    if isinstance(cached, Ontology):
        return cached
    ontology = compile_ontology(text)
    diskcache.save("ontology", key, ontology)
    return ontology


def compile_ontology(text: str) -> Ontology:
    """The ontology of an ``ontology.yaml`` text."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    raw: dict[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    types = {}
    for name, spec in raw["types"].items():
        types[name] = EventType(
            name=name, quad=spec["quad"], cameo=str(spec["cameo"]), modes=tuple(spec.get("modes") or ()),
            cameo_modes={k: str(v) for k, v in (spec.get("cameo_modes") or {}).items()},
            acled=tuple(spec["acled"]) if spec.get("acled") else None,
            acled_modes={k: tuple(v) for k, v in (spec.get("acled_modes") or {}).items()},
        )
    return Ontology(version=str(raw["version"]), types=types, contexts=frozenset(raw["contexts"]),
                    sectors=frozenset(raw["sectors"]), org_codes=frozenset(raw["org_codes"]),
                    size_keys=tuple(raw["size_keys"]),
                    acled_civilian_target=tuple(raw["acled_civilian_target"]),
                    size_events={k: frozenset(v) for k, v in raw["size_events"].items()},
                    speech_acts=frozenset(raw["speech_acts"]),
                    recipientless=frozenset(raw.get("recipientless") or ()),
                    irrealis_heads=frozenset(raw.get("irrealis_heads") or ()),
                    absorbs={k: frozenset(v) for k, v in (raw.get("absorbs") or {}).items()},
                    recodes=tuple(raw.get("recodes") or ()),
                    self_reported={k: frozenset(v) for k, v in (raw.get("self_reported") or {}).items()},
                    responsibility=(raw["responsibility"][0], raw["responsibility"][1]),
                    claimable=frozenset(raw["claimable"]),
                    unarmed_sectors=frozenset(raw.get("unarmed_sectors") or ()),
                    armed_sectors=frozenset(raw.get("armed_sectors") or ()),
                    acled_subtypes=dict(raw.get("acled_subtypes") or {}),
                    acled_rules=tuple(raw.get("acled_rules") or ()),
                    acled_interventions=tuple(raw.get("acled_interventions") or ()),
                    riots=raw.get("riots"),
                    purposes=tuple(raw.get("purposes") or ()),
                    between_sides=frozenset((e, m) for e, m in raw.get("between_sides") or ()),
                    crowd_actor=raw.get("crowd_actor"),
                    complement_modes={k: dict(v) for k, v in (raw.get("complement_modes") or {}).items()},
                    addressed_to_state=frozenset(raw.get("addressed_to_state") or ()),
                    symmetric=frozenset(raw.get("symmetric_types") or ()),
                    claiming={k: frozenset(v) for k, v in (raw.get("claiming") or {}).items()},
                    context_types={k: frozenset(v) for k, v in (raw.get("context_types") or {}).items()},
                    civilian_target_types=frozenset(raw.get("civilian_target_types") or ()),
                    acled_inter={k: int(v) for k, v in (raw.get("acled_inter") or {}).items()},
                    acled_rioters=raw.get("acled_rioters"),
                    acled_external_inter=int(raw["acled_external_inter"]) if raw.get("acled_external_inter") else None,
                    acled_state_sectors=tuple(raw.get("acled_state_sectors") or ()),
                    acled_actor_names=dict(raw.get("acled_actor_names") or {}),
                    mode_families={k: tuple(frozenset(f) for f in v)
                                   for k, v in (raw.get("mode_families") or {}).items()},
                    modality_families=tuple(frozenset(f) for f in raw.get("modality_families") or ()),
                    count_conflicts={key: (float(rule["ratio"]), int(rule["gap"]))
                                     for key, rule in (raw.get("count_conflicts") or {}).items()},
                    sector_kinds={sector: kind for kind, sectors in (raw.get("sector_kinds") or {}).items()
                                  for sector in sectors})
