"""Alerts: rules in YAML, checked against a store, each alert sent once per rule, subject and version.

    rules:
      - {name: deadly-clashes, watch: event, type: ASSAULT, country: IDN, min_dead: 1}
      - {name: truce-watch, watch: ceasefire, country: ARM}
      - {name: protest-spike, watch: spike, type: PROTEST, country: IDN, factor: 3, min_count: 5}
    channels:
      - {kind: stdout}
      - {kind: jsonl, path: alerts.jsonl}
      - {kind: webhook, url: "https://hooks.example/pantau", secret_env: PANTAU_WEBHOOK_SECRET}
      - {kind: smtp, host: mail.example, port: 587, starttls: true, sender: pantau@example.org,
         to: [desk@example.org], user_env: PANTAU_SMTP_USER, password_env: PANTAU_SMTP_PASSWORD}

A rule ``watch: event`` fires for each real-world event (a cluster, or an event in none) with an
asserted report matching its filters and at least ``min_dead`` dead; its version is the largest
toll reported, so a later report that raises the toll sends one update. ``watch: ceasefire`` fires
when a ceasefire is first seen and whenever its status changes (store/ceasefires.py). ``watch: spike``
fires when a day's count of a type in a country exceeds ``factor`` times the median of the 30
days before it. Sent alerts are stored (the ``alerts`` table), so a restart, a re-ingest or a
second report of the same clash sends nothing twice. docs/alerts.md has the details.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import PantauError
from .store import EventQuery, SqlStore
from .store.protocol import now

RULE_KEYS = {"name", "watch", "type", "mode", "country", "actor", "claimant", "min_dead", "status", "factor",
             "min_count", "days"}
CHANNEL_KEYS = {"stdout": set(), "jsonl": {"path"},
                "webhook": {"url", "secret_env", "timeout", "retries", "backoff", "dead_letter"},
                "smtp": {"host", "port", "starttls", "sender", "to", "user_env", "password_env", "timeout"}}
KINDS = ("event", "ceasefire", "spike")


class AlertRulesError(PantauError):
    exit_code = 2


@dataclass(frozen=True)
class Rule:
    name: str
    watch: str
    filters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    channels: tuple[dict[str, Any], ...]


def load_rules(path: Path) -> Rules:
    """The rules file, validated: one error lists every problem."""
    from .ontology import load_ontology

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AlertRulesError(f"{path}: cannot read the alert rules ({exc}).") from None
    problems: list[str] = []
    types = load_ontology().types
    rules = []
    names: set[str] = set()
    for i, r in enumerate(raw.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(r, dict):
            problems.append(f"{where}: not a mapping")
            continue
        extra = set(r) - RULE_KEYS
        if extra:
            problems.append(f"{where}: unknown keys {', '.join(sorted(extra))} (known: {', '.join(sorted(RULE_KEYS))})")
        name = str(r.get("name") or "")
        if not name or name in names:
            problems.append(f"{where}: needs a unique name")
        names.add(name)
        if r.get("watch") not in KINDS:
            problems.append(f"{where}: watch must be one of {', '.join(KINDS)}")
        if r.get("type") is not None and r["type"] not in types:
            problems.append(f"{where}: {r['type']!r} is not an event type")
        elif r.get("mode") is not None and (r.get("type") is None or r["mode"] not in types[r["type"]].modes):
            problems.append(f"{where}: mode {r['mode']!r} needs a type that has it")
        for key in ("min_dead", "factor", "min_count", "days"):
            if key in r and not (isinstance(r[key], int | float) and r[key] >= 0):
                problems.append(f"{where}: {key} must be a number >= 0")
        if r.get("watch") == "spike" and not (r.get("type") and r.get("country")):
            problems.append(f"{where}: a spike rule needs a type and a country")
        rules.append(Rule(name, str(r.get("watch")), {k: v for k, v in r.items() if k not in ("name", "watch")}))
    channels = []
    for i, c in enumerate(raw.get("channels") or [{"kind": "stdout"}]):
        kind = c.get("kind") if isinstance(c, dict) else None
        if kind not in CHANNEL_KEYS:
            problems.append(f"channels[{i}]: kind must be one of {', '.join(CHANNEL_KEYS)}")
            continue
        extra = set(c) - CHANNEL_KEYS[kind] - {"kind"}
        if extra:
            problems.append(f"channels[{i}] ({kind}): unknown keys {', '.join(sorted(extra))}")
        for need in {"jsonl": ("path",), "webhook": ("url",), "smtp": ("host", "sender", "to")}.get(kind, ()):
            if not c.get(need):
                problems.append(f"channels[{i}] ({kind}): needs {need}")
        channels.append(c)
    if not rules:
        problems.append("no rules: give a list under `rules:`")
    if problems:
        raise AlertRulesError(f"{path}: " + "; ".join(problems))
    return Rules(tuple(rules), tuple(channels))


def _query(f: dict[str, Any]) -> EventQuery:
    return EventQuery(country=f.get("country"), actor=f.get("actor"), event=f.get("type"), mode=f.get("mode"),
                      claimant=f.get("claimant"), modality="asserted")


def _known_events(sent: list[dict[str, Any]], rule: Rule) -> dict[str, tuple[str, int]]:
    """event id -> (subject, toll) of the alerts this rule sent: a cluster keeps its first subject
    when later reports join it (and its id changes), so only a higher toll sends again."""
    out: dict[str, tuple[str, int]] = {}
    for row in sent:
        if row["rule"] != rule.name:
            continue
        payload = json.loads(row["payload"] or "{}")
        for report in payload.get("reports", []):
            prev = out.get(report["event_id"])
            dead = int(payload.get("dead") or 0)
            if prev is None or dead > prev[1]:
                out[report["event_id"]] = (row["subject"], dead)
    return out


def _event_alerts(store: SqlStore, rule: Rule, sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = store.events(_query(rule.filters), ("event_id", "day", "event", "mode", "actor_codes", "recipient_codes",
                                               "country", "claimant_code", "trigger_text", "sentence", "title",
                                               "source", "url", "cluster", "dead"))
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["cluster"] or r["event_id"], []).append(r)
    known = _known_events(sent, rule)
    out = []
    for group, reports in groups.items():
        dead = max(int(r["dead"] or 0) for r in reports)
        if dead < rule.filters.get("min_dead", 0):
            continue
        seen = [known[r["event_id"]] for r in reports if r["event_id"] in known]
        subject = seen[0][0] if seen else group
        if seen and dead <= max(d for _, d in seen):
            continue  # already told, and no higher toll since
        first = reports[0]
        out.append({"subject": subject, "version": f"dead={dead}", "title":
                    f"{first['event']}{'/' + first['mode'] if first['mode'] else ''} in {first['country'] or '?'} "
                    f"on {first['day']}: {dead} dead ({len(reports)} report{'s' * (len(reports) > 1)})",
                    "dead": dead, "reports": [{k: r[k] for k in ("event_id", "day", "claimant_code", "source", "url",
                                                                  "sentence", "dead")} for r in reports]})
    return out


def _ceasefire_alerts(store: SqlStore, rule: Rule, as_of: dt.date) -> list[dict[str, Any]]:
    out = []
    for c in store.ceasefires(country=rule.filters.get("country"), status=rule.filters.get("status"), as_of=as_of):
        out.append({"subject": c["ceasefire_id"], "version": f"status={c['status']}",
                    "title": f"ceasefire {'-'.join(c['parties'])} from {c['start']}: {c['status']}",
                    "status": c["status"], "per_side": c["per_side"], "last_violation": c["last_violation"]})
    return out


def _spike_alerts(store: SqlStore, rule: Rule, as_of: dt.date) -> list[dict[str, Any]]:
    f = rule.filters
    days = int(f.get("days", 30))
    since = as_of - dt.timedelta(days=days)
    counts = {r["day"]: int(r["n"]) for r in store.event_counts(
        EventQuery(country=f["country"], event=f["type"], modality="asserted", since=since.isoformat(),
                   until=as_of.isoformat()))}
    today = counts.get(as_of, 0)
    trailing = [counts.get(since + dt.timedelta(days=i), 0) for i in range(days)]
    median = statistics.median(trailing) if trailing else 0
    if today < f.get("min_count", 3) or today <= f.get("factor", 3) * median:
        return []
    return [{"subject": f"{f['country']}:{f['type']}:{as_of.isoformat()}", "version": "1",
             "title": f"{today} {f['type']} events in {f['country']} on {as_of}, {f.get('factor', 3)}x over the "
                      f"{days}-day median of {median:g}", "count": today, "median": median}]


def evaluate(store: SqlStore, rules: Rules, *, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Alerts not sent before (not in the ``alerts`` table), for every rule; nothing is stored."""
    day = as_of or dt.date.today()
    sent = store.query("SELECT alert_id, rule, subject, payload FROM alerts")
    found = []
    for rule in rules.rules:
        if rule.watch == "event":
            items = _event_alerts(store, rule, sent)
        elif rule.watch == "ceasefire":
            items = _ceasefire_alerts(store, rule, day)
        else:
            items = _spike_alerts(store, rule, day)
        for item in items:
            key = f"{rule.name}|{item['subject']}|{item['version']}"
            found.append({"alert_id": hashlib.sha1(key.encode()).hexdigest()[:16], "rule": rule.name,
                          "watch": rule.watch, **item})
    done = {r["alert_id"] for r in sent}
    previous = {(r["rule"], r["subject"]) for r in sent}
    return [{**a, "update": (a["rule"], a["subject"]) in previous} for a in found if a["alert_id"] not in done]


def record(store: SqlStore, alerts: Sequence[dict[str, Any]]) -> None:
    import pyarrow as pa

    from .store.schema import TABLES

    table = TABLES["alerts"]
    rows: dict[str, list[Any]] = {c: [] for c in table.names}
    for a in alerts:
        for c, v in (("alert_id", a["alert_id"]), ("rule", a["rule"]), ("subject", a["subject"]),
                     ("version", a["version"]), ("payload", json.dumps(a, default=str, ensure_ascii=False)),
                     ("created", now())):
            rows[c].append(v)
    with store.transaction():
        store.upsert(table, pa.Table.from_pydict(rows, schema=table.arrow_schema()))


# --- channels ---------------------------------------------------------------------------------------
def signature(secret: str, body: bytes) -> str:
    """The webhook's ``X-Pantau-Signature``: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _webhook(channel: dict[str, Any], alert: dict[str, Any]) -> None:
    import httpx

    body = json.dumps(alert, default=str, ensure_ascii=False).encode()
    headers = {"content-type": "application/json", "user-agent": "pantau-alerts"}
    secret = os.environ.get(channel.get("secret_env") or "", "")
    if secret:
        headers["x-pantau-signature"] = signature(secret, body)
    retries, backoff = int(channel.get("retries", 3)), float(channel.get("backoff", 0.5))
    error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            r = httpx.post(channel["url"], content=body, headers=headers, timeout=float(channel.get("timeout", 5)))
            if r.status_code < 300:
                return
            error = f"HTTP {r.status_code}"
            if r.status_code < 500 and r.status_code != 429:
                break  # the receiver refuses it: retrying will not help
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
    dead = channel.get("dead_letter")
    if dead:
        with open(dead, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"url": channel["url"], "error": error, "alert": alert}, default=str) + "\n")
    raise OSError(f"webhook {channel['url']} failed after {retries + 1} attempts ({error})"
                  + (f"; kept in {dead}" if dead else ""))


def _smtp(channel: dict[str, Any], alert: dict[str, Any]) -> None:
    import smtplib
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["Subject"] = f"[pantau] {alert['title']}"
    msg["From"] = channel["sender"]
    to = channel["to"] if isinstance(channel["to"], list) else [channel["to"]]
    msg["To"] = ", ".join(to)
    msg.set_content(json.dumps(alert, default=str, ensure_ascii=False, indent=2))
    with smtplib.SMTP(channel["host"], int(channel.get("port", 25)), timeout=float(channel.get("timeout", 10))) as smtp:
        if channel.get("starttls"):
            smtp.starttls()
        user = os.environ.get(channel.get("user_env") or "")
        if user:
            smtp.login(user, os.environ.get(channel.get("password_env") or "", ""))
        smtp.send_message(msg)


def send(channels: Sequence[dict[str, Any]], alert: dict[str, Any], *, echo: Callable[[str], None] | None = None
         ) -> list[str]:
    """Send one alert on every channel; returns the failures (each channel is tried)."""
    failures = []
    for channel in channels:
        kind = channel["kind"]
        try:
            if kind == "stdout":
                (echo or (lambda s: print(s, file=sys.stdout)))(json.dumps(alert, default=str, ensure_ascii=False))
            elif kind == "jsonl":
                with open(channel["path"], "a", encoding="utf-8") as handle:
                    handle.write(json.dumps(alert, default=str, ensure_ascii=False) + "\n")
            elif kind == "webhook":
                _webhook(channel, alert)
            else:
                _smtp(channel, alert)
        except OSError as exc:
            failures.append(f"{kind}: {exc}")
    return failures


def run_alerts(store: SqlStore, rules: Rules, *, as_of: dt.date | None = None,
               echo: Callable[[str], None] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Evaluate, send and record: (alerts sent, failures). An alert is recorded as soon as it is
    sent on some channel (a kill loses at most that one record), or kept for the next run when
    every channel failed."""
    alerts = evaluate(store, rules, as_of=as_of)
    done, failures = [], []
    for alert in alerts:
        failed = send(rules.channels, alert, echo=echo)
        failures += failed
        if len(failed) < len(rules.channels):
            record(store, [alert])
            done.append(alert)
    return done, failures
