"""The HTTP API over a real store (a DuckDB file, and the session's PostgreSQL server), filled by
pantau's own ingest from the example corpus and two articles of this folder."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for pgserver

from pantau.run import ingest  # noqa: E402
from pantau.settings import Options  # noqa: E402
from pantau.store import open_store  # noqa: E402
from pantau.web.app import Config, asgi  # noqa: E402
from pgserver import PgServer, pg_server  # noqa: E402,F401

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOURCES = [str(REPO / "examples" / "articles.jsonl"), str(HERE / "articles.jsonl")]
TOKEN = "test-token-4f1c"  # noqa: S105 - a test secret


@pytest.fixture(scope="module", params=["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "duckdb":
        url = f"duckdb:///{tmp_path_factory.mktemp('web')}/store.duckdb"
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.create_database(f"web_{abs(hash(request.node.nodeid)) % 10**8}")
    with open_store(url) as store:
        ingest(store, SOURCES, Options.from_env(store=url))
    return url


def client_for(url: str, **config: Any) -> TestClient:
    return TestClient(asgi(Config(url=url, **config)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def api(store_url: str) -> Iterator[TestClient]:
    with client_for(store_url) as client:
        yield client


def all_events(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = api.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        out += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return out


def test_cursor_pages_cover_every_event_once_in_order(api: TestClient) -> None:
    total = api.get("/api/stats").json()["total"]
    for sort in ("-day", "day"):
        rows = all_events(api, limit=7, sort=sort)
        ids = [r["event_id"] for r in rows]
        assert len(ids) == len(set(ids)) == total > 40
        days = [r["day"] for r in rows if r["day"]]
        assert days == sorted(days, reverse=sort == "-day")
        assert all(r["day"] is None for r in rows[len(days):])  # undated events come last


def test_filters_narrow_to_what_they_name(api: TestClient) -> None:
    every = all_events(api, limit=500)
    located = next(r for r in every if r["country"] and r["lat"] is not None)
    country = located["country"]
    for r in all_events(api, country=country, limit=500):
        assert r["country"] == country or country in (r["place"] or "") or r["country"] is not None
    assert {r["event"] for r in all_events(api, type="ASSAULT", limit=500)} == {"ASSAULT"}
    coded = next(r for r in every if r["actor_codes"])
    actor = coded["actor_codes"].split(";")[0]
    for r in all_events(api, actor=actor, limit=500):
        assert actor in f"{r['actor_codes']};{r['recipient_codes']}"
    word = "killed"
    found = all_events(api, q=word.upper(), limit=500)
    assert found and all(word in r["sentence"].lower() for r in found)
    some = all_events(api, since="2025-01-01", until="2025-06-30", limit=500)
    assert some and all("2025-01-01" <= r["day"] <= "2025-06-30" for r in some)
    box = f"{located['lat'] - 1},{located['lon'] - 1},{located['lat'] + 1},{located['lon'] + 1}"
    inside = all_events(api, bbox=box, limit=500)
    assert located["event_id"] in {r["event_id"] for r in inside}
    assert all(abs(r["lat"] - located["lat"]) <= 1 for r in inside)
    claimed = next(r for r in every if r["claimant_code"])
    assert claimed["event_id"] in {r["event_id"] for r in all_events(api, claimant=claimed["claimant_code"], limit=500)}
    asserted = all_events(api, modality="asserted", limit=500)
    assert 0 < len(asserted) < len(every) and {r["modality"] for r in asserted} == {"asserted"}
    firearms = all_events(api, type="ASSAULT", mode="firearms", limit=500)
    assert {r["mode"] for r in firearms} == {"firearms"}


@pytest.mark.parametrize(("params", "param"), [
    ({"country": "XX"}, "country"), ({"type": "SHOUT"}, "type"), ({"since": "yesterday"}, "since"),
    ({"modality": "maybe"}, "modality"), ({"bbox": "1,2,3"}, "bbox"), ({"mode": "lasers"}, "mode"),
    ({"cursor": "not-a-cursor"}, "cursor"), ({"sub_event": "Snowball fight"}, "sub_event")])
def test_bad_filters_are_400_naming_the_parameter(api: TestClient, params: dict[str, str], param: str) -> None:
    r = api.get("/api/events", params=params)
    assert r.status_code == 400
    body = r.json()["error"]
    assert body["code"] == "bad_parameter" and body["detail"]["param"] == param and body["message"]


def test_invalid_shapes_are_422_in_the_error_envelope(api: TestClient) -> None:
    for params in ({"limit": 0}, {"limit": "many"}, {"min_confidence": 3}, {"sort": "actor"}):
        r = api.get("/api/events", params=params)
        assert r.status_code == 422, params
        assert set(r.json()) == {"error"} and r.json()["error"]["code"] == "invalid_request"


INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", '" OR ""="', "1) OR (1=1", "%' OR '%'='",
              "ARM' UNION SELECT * FROM documents --", "\\'; SELECT 1; --", "?", "%s", "$1"]
FILTERS = ["country", "actor", "type", "mode", "sub_event", "claimant", "modality", "since", "until", "bbox", "q",
           "cluster", "document", "cursor"]


def test_injection_through_every_filter_is_inert(api: TestClient) -> None:
    before = api.get("/api/stats").json()["total"]
    for name in FILTERS:
        for payload in INJECTIONS:
            for path in ("/api/events", "/api/stats", "/api/clusters"):
                r = api.get(path, params={name: payload})
                assert r.status_code in (200, 400, 422), (path, name, payload, r.text)
                if r.status_code == 200 and path == "/api/events":
                    assert r.json()["events"] == [], (name, payload)
    for payload in INJECTIONS:
        for path in ("/api/events/", "/api/documents/", "/api/clusters/", "/api/ceasefires/"):
            r = api.get(path + payload.replace("?", "%3F"))
            assert r.status_code in (404, 422), (path, payload, r.text)
    assert api.get("/api/stats").json()["total"] == before


def test_event_view_spans_point_at_their_text(api: TestClient) -> None:
    row = next(r for r in all_events(api, type="ASSAULT", limit=500) if r["actor_codes"] and r["place"])
    view = api.get(f"/api/events/{row['event_id']}").json()
    text = view["document"]["text"]
    fields = {s["field"] for s in view["spans"]}
    assert {"sentence", "trigger", "actor"} <= fields
    for span in view["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    trigger = next(s for s in view["spans"] if s["field"] == "trigger")
    assert text[trigger["start"]:trigger["end"]] == view["event"]["trigger_text"]
    for ent in view["entities"]:
        if ent["span_start"] is not None:
            assert text[ent["span_start"]:ent["span_end"]] == ent["text"]


def test_competing_claims_and_counts_in_the_event_view(api: TestClient) -> None:
    claimed = [r for r in all_events(api, limit=500) if r["claimant_code"] and r["dead"]]
    assert claimed
    view = api.get(f"/api/events/{claimed[0]['event_id']}").json()
    assert view["claims"] and view["claims"][0]["claimant_code"] == claimed[0]["claimant_code"]
    assert any(c["key"] == "dead" for c in view["counts"])
    clustered = next(r for r in all_events(api, limit=500) if r["cluster"])
    view = api.get(f"/api/events/{clustered['event_id']}").json()
    assert view["cluster"]["cluster_id"] == clustered["cluster"]
    assert len({r["doc_id"] for r in view["cluster"]["reports"]}) >= 2  # reports from more than one article


def test_missing_things_are_404_in_the_envelope(api: TestClient) -> None:
    for path in ("/api/events/nope:1", "/api/documents/nope", "/api/clusters/nope", "/api/ceasefires/cf-nope",
                 "/api/no-such-route"):
        r = api.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", path


def test_stats_add_up(api: TestClient) -> None:
    stats = api.get("/api/stats", params={"type": "ASSAULT"}).json()
    dated = [r for r in all_events(api, type="ASSAULT", limit=500) if r["day"]]
    assert sum(r["n"] for r in stats["by_day"]) == len(dated)
    assert {r["event"] for r in stats["by_day"]} == {"ASSAULT"}
    assert sum(r["n"] for r in stats["by_country"]) <= stats["total"]
    assert stats["top_actors"] and stats["points"]
    assert all(p["n"] >= 1 and -90 <= p["lat"] <= 90 for p in stats["points"])


def test_documents_and_clusters(api: TestClient) -> None:
    doc = api.get("/api/documents/web-ceasefire-2").json()
    assert doc["title"].startswith("Armenia accuses") and doc["events"]
    assert all(e["doc_id"] == "web-ceasefire-2" for e in doc["events"])
    clusters = api.get("/api/clusters", params={"limit": 5}).json()["clusters"]
    assert clusters
    one = api.get(f"/api/clusters/{clusters[0]['cluster_id']}").json()
    assert one["events"] and one["n_events"] == len(one["events"])


def test_ceasefires_have_parties_broker_and_what_followed(api: TestClient) -> None:
    found = api.get("/api/ceasefires", params={"country": "ARM"}).json()["ceasefires"]
    truce = next(c for c in found if c["start"] == "2024-03-04")
    assert truce["parties"] == ["ARM", "AZE"]
    assert "RUS" in [b["code"] for b in truce["brokers"]]
    detail = api.get(f"/api/ceasefires/{truce['ceasefire_id']}").json()
    after = [t for t in detail["timeline"] if t["phase"] == "after"]
    assert any(t["side"] == "AZE" and t["kind"] == "incident" for t in after)  # the mortars of March 8
    assert any(t["side"] == "ARM" and t["kind"] == "accusation" for t in after)
    assert detail["per_side"]["AZE"]["incidents"] >= 1
    assert api.get("/api/ceasefires", params={"country": "NOR"}).json()["ceasefires"] == []


def test_exports_stream_the_filtered_events(api: TestClient) -> None:
    n = len(all_events(api, type="ASSAULT", modality="asserted", limit=500))
    r = api.get("/api/export", params={"format": "plover", "type": "ASSAULT", "modality": "asserted"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines() if x.strip()]
    assert len(lines) == n and all(x["event"] == "ASSAULT" for x in lines)
    acled = api.get("/api/export", params={"format": "acled"})
    assert acled.status_code == 200 and "event_type" in acled.text.splitlines()[0]
    parquet = api.get("/api/export", params={"format": "parquet"})
    names = zipfile.ZipFile(io.BytesIO(parquet.content)).namelist()
    assert "events.parquet" in names
    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_security_headers_and_no_cors_by_default(api: TestClient) -> None:
    r = api.get("/api/meta", headers={"origin": "https://elsewhere.example"})
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    assert api.get("/").headers["content-security-policy"] == csp


def test_cors_when_configured(store_url: str) -> None:
    with client_for(store_url, cors=("https://desk.example",)) as client:
        r = client.get("/api/meta", headers={"origin": "https://desk.example"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example"
        r = client.get("/api/meta", headers={"origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers


def test_writes_are_off_without_a_token(api: TestClient) -> None:
    r = api.post("/api/documents", json={"text": "Police arrested five protesters in Jakarta on Monday."})
    assert r.status_code == 403 and "PANTAU_API_TOKEN" in r.json()["error"]["message"]


ARTICLE = ("Police arrested twelve students during a protest against fuel prices in Makassar on Tuesday, "
           "a police spokesman said.")


def test_writes_need_the_token_and_store_once(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path}/w.duckdb"
    with client_for(url, token=TOKEN) as client:
        body = {"text": ARTICLE, "published": "2025-05-06", "lang": "en", "title": "Students held in Makassar"}
        assert client.post("/api/documents", json=body).status_code == 401
        wrong = client.post("/api/documents", json=body, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
        auth = {"authorization": f"Bearer {TOKEN}"}
        r = client.post("/api/documents", json=body, headers=auth)
        assert r.status_code == 201, r.text
        doc_id, n = r.json()["doc_id"], r.json()["events"]
        assert n >= 1
        stored = all_events(client, document=doc_id)
        assert len(stored) == n and any(e["event"] == "COERCE" or e["event"] == "PROTEST" for e in stored)
        again = client.post("/api/documents", json=body, headers=auth)
        assert again.status_code == 201
        assert len(all_events(client, document=doc_id)) == n  # re-submitting never duplicates
        both = client.post("/api/documents", json={"text": ARTICLE, "html": "<p>x</p>"}, headers=auth)
        assert both.status_code == 422


def test_write_rate_limit_and_body_limit(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path}/w.duckdb"
    auth = {"authorization": f"Bearer {TOKEN}"}
    with client_for(url, token=TOKEN, writes_per_minute=2, max_body=4000) as client:
        codes = [client.post("/api/documents", json={"text": f"{ARTICLE} ({i})"}, headers=auth).status_code
                 for i in range(3)]
        assert codes == [201, 201, 429]
        big = client.post("/api/documents", json={"text": "x" * 5000}, headers=auth)
        assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
        long_query = client.get("/api/events", params={"q": "a" * 200, "actor": "b" * 4000})
        assert long_query.status_code == 414


def test_openapi_and_docs_are_served_locally(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/ceasefires", "/api/export",
            "/api/documents"} <= set(spec["paths"])
    docs = api.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()


PAGE = ("<html lang='en'><head><title>Rebels attack army post in Cabo Delgado</title></head><body><nav>Home | World</nav>"
        "<article><h1>Rebels attack army post in Cabo Delgado</h1>"
        "<p>PEMBA, May 6 - Insurgents attacked an army post near Macomia in Mozambique's Cabo Delgado province on "
        "Monday, killing three soldiers, a military source said.</p>"
        "<p>The attackers burned two vehicles before withdrawing into the forest, residents said.</p>"
        "<p>Rwandan troops deployed in the province since 2021 joined the search for the attackers, the source added."
        "</p></article><footer>Share this story</footer></body></html>")


@pytest.fixture
def local_site() -> Iterator[str]:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            body, kind = ((b"User-agent: *\nAllow: /\n", "text/plain") if self.path == "/robots.txt"
                          else (PAGE.encode(), "text/html; charset=utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_writes_take_html_and_urls(tmp_path: Path, local_site: str) -> None:
    url = f"duckdb:///{tmp_path}/w.duckdb"
    auth = {"authorization": f"Bearer {TOKEN}"}
    with client_for(url, token=TOKEN) as client:
        page = client.post("/api/documents", json={"html": PAGE, "published": "2025-05-06"}, headers=auth)
        assert page.status_code == 201 and page.json()["events"] >= 1, page.text
        stored = client.get(f"/api/documents/{page.json()['doc_id']}").json()
        assert "Share this story" not in stored["text"] and "Macomia" in stored["text"]
        assert any(e["event"] == "ASSAULT" for e in stored["events"])
        fetched = client.post("/api/documents", json={"url": f"{local_site}/news/macomia"}, headers=auth)
        assert fetched.status_code == 201, fetched.text
        doc = client.get(f"/api/documents/{fetched.json()['doc_id']}").json()
        assert doc["url"] == f"{local_site}/news/macomia" and doc["text"] == stored["text"]
        # the same article through another door is a copy of the stored one: kept as a rejection, no events twice
        assert fetched.json()["rejected"]["reason"] == "duplicate" and not doc["events"]
        assert page.json()["doc_id"] in fetched.json()["rejected"]["detail"]
        gone = client.post("/api/documents", json={"url": "http://127.0.0.1:9/nothing"}, headers=auth)
        assert gone.status_code == 201 and gone.json()["rejected"]["reason"]  # stored as a rejection, with why
