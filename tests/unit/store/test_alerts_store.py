"""Alerts (pantau/alerts.py) on both backends: each sent once per rule, subject and version, an update
when a later report raises the toll or a ceasefire's status changes; a signed webhook with retries
and a dead-letter file, and email, each to a real server on loopback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from factory import document

from pantau.alerts import AlertRulesError, load_rules, run_alerts
from pantau.store import SqlStore
from pantau.store.clusters import build_clusters

SECRET = "webhook-secret-for-tests"  # noqa: S105 - a test secret


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def clash(outlet: str, dead: int, day: str = "2021-11-16") -> Any:
    return document(f"{outlet}: soldiers killed in a border clash, report {dead}.", {"dead": dead, "date": day},
                    source=f"{outlet}.example")


def with_mode(doc: Any, *modes: str | None) -> Any:
    return doc.with_(events=tuple(dataclasses.replace(e, mode=m) for e, m in zip(doc.events, modes, strict=True)))


def test_an_event_alert_once_then_one_update_for_a_higher_toll(store: SqlStore, tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "rules:\n  - {name: clashes, watch: event, type: ASSAULT, min_dead: 1}\n"
                                  "channels:\n  - {kind: jsonl, path: " + str(tmp_path / "out.jsonl") + "}\n"))
    store.write_documents([clash("a", 3)])
    build_clusters(store)
    sent, failures = run_alerts(store, rules)
    assert failures == [] and [a["dead"] for a in sent] == [3] and not sent[0]["update"]
    subject = sent[0]["subject"]
    assert run_alerts(store, rules)[0] == []  # a restart or a re-run sends nothing
    store.write_documents([clash("b", 3)])  # a second report, same toll: joins the cluster, nothing new
    build_clusters(store)
    assert run_alerts(store, rules)[0] == []
    store.write_documents([clash("c", 5)])  # a report that raises the toll: one update, same subject
    build_clusters(store)
    update, _ = run_alerts(store, rules)
    assert [(a["subject"], a["dead"], a["update"]) for a in update] == [(subject, 5, True)]
    assert len(update[0]["reports"]) == 3
    assert run_alerts(store, rules)[0] == []
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [x["dead"] for x in lines] == [3, 5]


AGREED = with_mode(document("Armenia and Azerbaijan agreed to a ceasefire.", {
    "kind": "RETREAT", "actors": ("ARM", "AZE"), "recipients": (), "date": "2024-03-04"}), "ceasefire")
ACCUSED = with_mode(document("Armenia accused Azerbaijan of breaking the truce.", {
    "kind": "ACCUSE", "actors": ("ARM",), "recipients": ("AZE",), "date": "2024-03-09"}), "allege")


def test_a_ceasefire_alert_on_first_sight_and_on_each_status_change(store: SqlStore, tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "rules:\n  - {name: truce, watch: ceasefire, country: ARM}\n"
                                  "channels:\n  - {kind: stdout}\n"))
    shown: list[str] = []
    store.write_documents([AGREED])
    sent, _ = run_alerts(store, rules, as_of=dt.date(2024, 4, 1), echo=shown.append)
    assert [a["status"] for a in sent] == ["holding"] and len(shown) == 1
    store.write_documents([ACCUSED])
    sent, _ = run_alerts(store, rules, as_of=dt.date(2024, 4, 1), echo=shown.append)
    assert [(a["status"], a["update"]) for a in sent] == [("violations alleged", True)]
    assert run_alerts(store, rules, as_of=dt.date(2024, 4, 2))[0] == []


def test_a_spike_over_the_trailing_median(store: SqlStore, tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "rules:\n  - {name: spike, watch: spike, type: PROTEST, country: IDN, "
                                  "factor: 3, min_count: 4}\nchannels:\n  - {kind: stdout}\n"))
    quiet = [document(f"A march in Jakarta, day {d}.", {"kind": "PROTEST", "actors": ("IDN",), "recipients": (),
                                                         "country": "IDN", "date": f"2024-05-{d:02d}"})
             for d in range(1, 30)]
    burst = [document(f"Protest {i} in Jakarta on the 30th.", {"kind": "PROTEST", "actors": ("IDN",),
                                                                "recipients": (), "country": "IDN",
                                                                "date": "2024-05-30"}) for i in range(5)]
    store.write_documents(quiet)
    assert run_alerts(store, rules, as_of=dt.date(2024, 5, 29), echo=lambda _: None)[0] == []
    store.write_documents(burst)
    sent, _ = run_alerts(store, rules, as_of=dt.date(2024, 5, 30), echo=lambda _: None)
    assert [(a["count"], a["median"]) for a in sent] == [(5, 1)]


class Receiver:
    """A webhook receiver on loopback that answers with the given status codes in turn."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses, self.bodies = statuses, []  # type: list[int], list[tuple[bytes, str]]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.bodies.append((body, self.headers.get("X-Pantau-Signature", "")))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("PANTAU_TEST_WEBHOOK_SECRET", SECRET)
    yield SECRET


def test_webhook_is_signed_retried_and_dead_lettered(store: SqlStore, tmp_path: Path, secret: str) -> None:
    store.write_documents([clash("a", 3)])
    flaky = Receiver([500, 503])  # two failures, then accepted
    hook = ("rules:\n  - {name: clashes, watch: event, min_dead: 1}\nchannels:\n"
            "  - {kind: webhook, url: %s, secret_env: PANTAU_TEST_WEBHOOK_SECRET, retries: 3, backoff: 0.01, "
            "dead_letter: %s}\n")
    rules = load_rules(rules_file(tmp_path, hook % (flaky.url, tmp_path / "dead.jsonl")))
    sent, failures = run_alerts(store, rules)
    assert len(sent) == 1 and failures == [] and len(flaky.bodies) == 3
    body, signed = flaky.bodies[-1]
    assert signed == "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert json.loads(body)["alert_id"] == sent[0]["alert_id"]

    store.write_documents([clash("z", 7, day="2022-01-05")])
    down = Receiver([500] * 10)
    rules = load_rules(rules_file(tmp_path, hook % (down.url, tmp_path / "dead.jsonl")))
    sent, failures = run_alerts(store, rules)
    assert sent == [] and len(failures) == 1 and "failed after 4 attempts" in failures[0]
    dead = [json.loads(x) for x in (tmp_path / "dead.jsonl").read_text().splitlines()]
    assert dead[0]["alert"]["dead"] == 7 and dead[0]["error"] == "HTTP 500"
    assert len(run_alerts(store, load_rules(rules_file(tmp_path, hook % (flaky.url, tmp_path / "d.jsonl"))))[0]) == 1
    # kept for the next run because every channel failed; sent once it could be


def test_email_over_smtp(store: SqlStore, tmp_path: Path, mailbox: tuple[int, list[Any]]) -> None:
    port, got = mailbox
    store.write_documents([clash("a", 3)])
    rules = load_rules(rules_file(tmp_path, "rules:\n  - {name: clashes, watch: event, min_dead: 1}\nchannels:\n"
                                  f"  - {{kind: smtp, host: 127.0.0.1, port: {port}, sender: pantau@example.org, "
                                  "to: [desk@example.org]}\n"))
    sent, failures = run_alerts(store, rules)
    assert failures == [] and len(sent) == 1 and len(got) == 1
    assert got[0]["Subject"].startswith("[pantau] ASSAULT in ARM") and got[0]["To"] == "desk@example.org"


def test_a_bad_rules_file_names_every_problem(tmp_path: Path) -> None:
    path = rules_file(tmp_path, "rules:\n  - {name: a, watch: everything, type: BRAWL}\n"
                                "  - {name: a, watch: spike, min_dead: -1, colour: red}\n"
                                "channels:\n  - {kind: pigeon}\n  - {kind: webhook}\n")
    with pytest.raises(AlertRulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    for part in ("watch must be one of", "'BRAWL' is not an event type", "needs a unique name", "unknown keys colour",
                 "min_dead must be", "a spike rule needs", "kind must be one of", "(webhook): needs url"):
        assert part in message, part
