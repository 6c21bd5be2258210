"""`pantau watch --store --alerts`, the monitor, on both backends: a local site whose English and
Indonesian feeds tell a ceasefire story poll by poll (agreed, an accusation from each side, a deadly
incident, a renewal), a webhook receiver and an SMTP server on loopback. The test holds the exact
alerts sent, the ceasefire's status and per-side counts after each poll, and that nothing is sent or
stored twice after a re-poll, a restart or a kill before the state was saved."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import hmac
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_alerts_store import Receiver

from pantau.cli import cli
from pantau.store import open_store

SECRET = "monitor-secret-for-tests"  # noqa: S105 - a test secret
TODAY = dt.date.today()


@dataclass(frozen=True)
class Story:
    slug: str
    lang: str
    days_ago: int
    title: str
    paragraphs: tuple[str, ...]


# Our own follow-ups of a ceasefire on the Armenia-Azerbaijan border, poll by poll.
POLLS: list[list[Story]] = [
    [Story("truce-agreed", "en", 6, "Armenia and Azerbaijan agree border ceasefire", (
        "Armenia and Azerbaijan agreed on {day} to a ceasefire along their shared border, the two foreign "
        "ministries said, after a week of shelling around the village of Sotk.",
        "Russia had urged both sides to stop firing and return to talks, the Kremlin said.",
        "The truce takes effect at midnight, officials in Yerevan and Baku said.")),
     Story("gencatan-disepakati", "id", 6, "Armenia dan Azerbaijan sepakati gencatan senjata", (
         "Armenia dan Azerbaijan menyepakati gencatan senjata di sepanjang perbatasan kedua negara pada {day}, "
         "kata kementerian luar negeri masing-masing.",
         "Kesepakatan itu tercapai setelah Rusia mendesak kedua pihak menghentikan tembakan."))],
    [Story("armenia-accuses", "en", 4, "Armenia accuses Azerbaijan of breaching truce", (
        "Armenia accused Azerbaijan on {day} of violating the ceasefire, saying Azerbaijani troops had "
        "fired on its positions near Sotk overnight.",
        "Nobody was hurt, the Armenian defence ministry said.")),
     Story("azerbaijan-menuduh", "id", 4, "Azerbaijan tuduh Armenia langgar gencatan senjata", (
         "Kementerian Pertahanan Azerbaijan menuduh Armenia melanggar gencatan senjata pada {day}.",
         "Menurut Baku, pasukan Armenia menembaki pos-pos Azerbaijan di distrik Kalbajar, namun tidak ada "
         "korban."))],
    [Story("soldiers-killed", "en", 2, "Two Armenian soldiers killed in border shelling", (
        "Two Armenian soldiers were killed on {day} when Azerbaijani forces shelled their positions near Sotk, "
        "Armenia's defence ministry said.",
        "Azerbaijan denied the report."))],
    [Story("gencatan-diperbarui", "id", 1, "Armenia dan Azerbaijan perbarui gencatan senjata", (
        "Armenia dan Azerbaijan sepakat memperbarui gencatan senjata di perbatasan pada {day} setelah "
        "pembicaraan yang dimediasi Rusia.",))],
]
WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]}


def published(story: Story) -> dt.date:
    return TODAY - dt.timedelta(days=story.days_ago)


def text_of(story: Story) -> list[str]:
    """The story's paragraphs with ``{day}`` the weekday before publication, in its language (the
    stories are dated from today so that the ceasefire is recent)."""
    day = WEEKDAYS[story.lang][(published(story) - dt.timedelta(days=1)).weekday()]
    return [p.replace("{day}", day) for p in story.paragraphs]


class FeedSite:
    """An English and an Indonesian outlet on loopback; ``shown`` polls' stories are in their feeds."""

    def __init__(self) -> None:
        self.shown = 0
        self.broken = False
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                stories = {s.slug: s for poll in POLLS[:site.shown] for s in poll}
                if path in ("/en.xml", "/id.xml"):
                    if site.broken and path == "/id.xml":
                        return self.reply(503, b"down for maintenance", "text/plain")
                    return self.reply(200, site.feed(path[1:3], stories), "application/rss+xml")
                slug = path.rsplit("/", 1)[-1]
                if path.startswith("/news/") and slug in stories:
                    return self.reply(200, site.page(stories[slug]), "text/html; charset=utf-8")
                return self.reply(404, b"not here", "text/plain")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self, lang: str, stories: dict[str, Story]) -> bytes:
        items = "".join(
            f"<item><title>{s.title}</title><link>{self.base}/news/{s.slug}</link><guid>{s.slug}</guid>"
            f"<pubDate>{email.utils.format_datetime(dt.datetime.combine(published(s), dt.time(9), dt.UTC))}"
            "</pubDate></item>" for s in reversed(list(stories.values())) if s.lang == lang)
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{lang}</title>{items}</channel></rss>'.encode()

    def page(self, s: Story) -> bytes:
        body = "".join(f"<p>{p}</p>" for p in text_of(s))
        return (f"<html lang='{s.lang}'><head><title>{s.title}</title><meta property='article:published_time' "
                f"content='{published(s)}T09:00:00Z'></head><body><article><h1>{s.title}</h1>{body}</article>"
                "</body></html>").encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[FeedSite]:
    s = FeedSite()
    yield s
    s.close()


class Monitor:
    def __init__(self, site: FeedSite, store_url: str, tmp_path: Path, smtp_port: int) -> None:
        self.hook = Receiver([])
        self.rules = tmp_path / "rules.yaml"
        self.rules.write_text(
            "rules:\n"
            "  - {name: truce, watch: ceasefire, country: ARM}\n"
            "  - {name: deadly, watch: event, type: ASSAULT, country: ARM, min_dead: 1}\n"
            "channels:\n"
            f"  - {{kind: webhook, url: '{self.hook.url}', secret_env: PANTAU_TEST_MONITOR_SECRET, backoff: 0.01}}\n"
            f"  - {{kind: smtp, host: 127.0.0.1, port: {smtp_port}, sender: pantau@example.org, to: [desk@example.org]}}\n"
            f"  - {{kind: jsonl, path: '{tmp_path / 'alerts.jsonl'}'}}\n", encoding="utf-8")
        self.state = tmp_path / "state.json"
        self.site, self.store_url = site, store_url

    def poll(self) -> tuple[list[dict[str, Any]], str]:
        """One `pantau watch --once`, a fresh process each time as far as the CLI knows: the alerts the
        webhook received during it, and the poll's summary line."""
        before = len(self.hook.bodies)
        result = CliRunner().invoke(cli, [
            "watch", self.site.base + "/en.xml", self.site.base + "/id.xml", "--store", self.store_url,
            "--alerts", str(self.rules), "--state", str(self.state), "--once", "--rate", "0", "--retries", "0",
            "--ignore-robots"], env={"PANTAU_TEST_MONITOR_SECRET": SECRET})
        assert result.exit_code in (0, 1), result.output + repr(result.exception)
        lines = [x for x in result.stderr.splitlines() if x.startswith("pantau: poll ")]
        assert len(lines) == 1, result.stderr
        got = []
        for body, signed in self.hook.bodies[before:]:
            assert signed == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            got.append(json.loads(body))
        return got, lines[0]

    def truce(self) -> dict[str, Any]:
        with open_store(self.store_url, create=False) as st:
            (found,) = st.ceasefires(country="ARM")
            return found

    def runs(self) -> int:
        with open_store(self.store_url, create=False) as st:
            return st.count("runs")

    def counts(self) -> tuple[int, int, int]:
        with open_store(self.store_url, create=False) as st:
            return st.count("documents"), st.count("events"), st.count("alerts")


def brief(alerts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(a["rule"], a["version"]) for a in alerts]


def test_the_monitor_follows_a_ceasefire_poll_by_poll(site: FeedSite, store_url: str, tmp_path: Path,
                                                      mailbox: tuple[int, list[Any]]) -> None:
    port, mail = mailbox
    mon = Monitor(site, store_url, tmp_path, port)

    site.shown = 1  # the truce is agreed (an English and an Indonesian report)
    sent, line = mon.poll()
    assert "2 feeds, 2 new documents" in line and "2 alerts" not in line
    assert brief(sent) == [("truce", "status=holding")]
    truce = mon.truce()
    assert truce["parties"] == ["ARM", "AZE"] and truce["status"] == "holding"
    assert [b["code"] for b in truce["brokers"]] == ["RUS"]

    runs = mon.runs()
    sent, line = mon.poll()  # nothing new: nothing stored, nothing sent, no run recorded
    assert "0 new documents" in line and sent == [] and mon.runs() == runs == 1

    site.shown = 2  # each side accuses the other, nobody hurt
    sent, line = mon.poll()
    assert "2 new documents" in line
    assert [(a["rule"], a["version"], a["update"]) for a in sent] == [("truce", "status=violations alleged", True)]
    truce = mon.truce()
    assert truce["alleged_by"] == ["ARM", "AZE"]
    assert truce["per_side"]["ARM"]["accusations"] == 1 and truce["per_side"]["AZE"]["accusations"] == 1
    assert truce["per_side"]["ARM"]["dead"] == truce["per_side"]["AZE"]["dead"] == 0

    state_before_the_incident = tmp_path / "state-2.json"
    shutil.copy(mon.state, state_before_the_incident)
    site.shown = 3  # a deadly incident, claimed by Armenia
    sent, line = mon.poll()
    assert sorted(brief(sent)) == [("deadly", "dead=2"), ("truce", "status=violated")]
    deadly = next(a for a in sent if a["rule"] == "deadly")
    assert [r["claimant_code"] for r in deadly["reports"]] == ["ARM"]
    truce = mon.truce()
    assert truce["status"] == "violated" and truce["per_side"]["AZE"]["dead"] == 2
    assert truce["days_since_violation"] == 3

    # killed after storing, before the state was saved: the next start reads the poll again,
    # stores nothing twice and sends nothing again
    stored = mon.counts()
    shutil.copy(state_before_the_incident, mon.state)
    sent, line = mon.poll()
    assert sent == [] and "1 new documents" in line and mon.counts() == stored

    site.shown, site.broken = 4, True  # the truce is renewed, but the Indonesian outlet is down
    sent, line = mon.poll()
    assert "2 feeds (1 failed)" in line and "0 new documents" in line and sent == []
    site.broken = False
    sent, line = mon.poll()
    assert "1 new documents" in line and sent == []  # renewed, still violated: no status change
    truce = mon.truce()
    assert truce["status"] == "violated" and len(truce["renewals"]) == 1

    # every channel got every alert once
    alerts = [json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert len(alerts) == len(mon.hook.bodies) == len(mail) == 4
    assert len({a["alert_id"] for a in alerts}) == 4


def test_sigterm_ends_the_loop_cleanly_and_a_restart_goes_on(site: FeedSite, tmp_path: Path) -> None:
    """A real `pantau watch --every 1s` process: SIGTERM between polls exits 0 at once, saying how
    to go on; started again it stores only what is new."""
    import os
    import signal
    import subprocess
    import sys
    import time

    url = f"duckdb:///{tmp_path}/watch.duckdb"
    args = [sys.executable, "-m", "pantau", "watch", site.base + "/en.xml", site.base + "/id.xml", "--store", url,
            "--state", str(tmp_path / "state.json"), "--every", "1s", "--rate", "0", "--ignore-robots"]
    site.shown = 1

    def until_polled(proc: subprocess.Popen[str], polls: int) -> list[str]:
        assert proc.stderr is not None
        lines: list[str] = []
        deadline = time.monotonic() + 120
        while sum(x.startswith("pantau: poll ") for x in lines) < polls and time.monotonic() < deadline:
            lines.append(proc.stderr.readline())
        return lines

    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = until_polled(proc, 2)
    proc.send_signal(signal.SIGTERM)
    _, tail = proc.communicate(timeout=60)
    polls = [x for x in lines if x.startswith("pantau: poll ")]
    assert proc.returncode == 0 and "2 new documents" in polls[0] and "0 new documents" in polls[1]
    assert "pantau: stopped; start the same command again" in "".join(lines) + tail
    site.shown = 2
    out = subprocess.run([*args, "--once"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "2 new documents" in out.stderr
    with open_store(url, create=False) as st:
        assert st.count("documents") == 4


FOLLOW_UP = ("Armenia accused Azerbaijan on Friday of violating the ceasefire agreed on Tuesday, saying Azerbaijani "
             "forces had shelled Armenian positions near the border, killing one soldier.")


def test_the_seed_article_and_a_follow_up_violation(store: Any, shared: Path, tmp_path: Path) -> None:
    """The article pantau started from, then a follow-up of our own: one alert for the truce, now
    violated, with the violation claimed by Armenia and done, it says, by Azerbaijan."""
    import pantau
    from pantau.alerts import load_rules, run_alerts

    seed = json.loads((shared / "eval" / "dev" / "seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    docs = [pantau.extract(seed["text"], lang=seed["lang"], published=seed["published"], url="https://channel9.id/seed"),
            pantau.extract(FOLLOW_UP, lang="en", published="2021-11-20", url="https://example.org/follow-up")]
    store.write_documents(docs)
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: truce, watch: ceasefire, country: ARM}\nchannels:\n  - {kind: jsonl, path: "
                     f"'{tmp_path / 'alerts.jsonl'}'}}\n", encoding="utf-8")
    sent, failures = run_alerts(store, load_rules(rules), as_of=dt.date(2021, 11, 25))
    assert failures == [] and [(a["rule"], a["status"]) for a in sent] == [("truce", "violated")]
    truce = store.ceasefires(country="ARM", as_of=dt.date(2021, 11, 25))[0]
    assert truce["parties"] == ["ARM", "AZE"] and truce["alleged_by"] == ["ARM"]
    assert truce["per_side"]["AZE"]["incidents"] >= 1 and truce["per_side"]["AZE"]["dead"] == 1
    assert truce["per_side"]["ARM"]["incidents"] == 0
    from pantau.store.ceasefires import show_ceasefire

    timeline = show_ceasefire(store, truce["ceasefire_id"], as_of=dt.date(2021, 11, 25))["timeline"]
    violation = [t for t in timeline if t["phase"] == "after" and t["kind"] == "incident"]
    assert violation and all(t["side"] == "AZE" and t["claimant_code"] == "ARM" for t in violation)
