"""One event in Chromium: the seed article's clash with its spans highlighted and its competing
claims, and an article full of markup that must stay text."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from dashkit import api, browser_missing, shot, wait_rendered

if browser_missing():
    pytest.skip(browser_missing(), allow_module_level=True)


def open_event(page, base: str, event_id: str) -> None:
    page.goto(f"{base}/#/event/{quote(event_id, safe='')}")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    page.wait_for_selector("#view-event .doc-text")


def test_seed_clash_highlights_spans_and_shows_claims(site, desk, seed):
    page = desk.page
    page.goto(site.base + "/")
    clash = api(page, f"/api/events?document={seed}&type=ASSAULT&claimant=ARM")["events"][0]
    view = api(page, f"/api/events/{quote(clash['event_id'], safe='')}")
    open_event(page, site.base, clash["event_id"])
    page.wait_for_timeout(150)  # the sentence is scrolled into view on the next frame
    shot(page, "event-view")

    text = page.locator(".doc-text")
    assert text.inner_text() == view["document"]["text"]  # the article whole, unchanged
    trigger = page.locator(".doc-text .f-trigger").first.inner_text()
    assert trigger == view["event"]["trigger_text"]
    for fld in ("actor", "recipient", "place", "date", "count", "sentence", "claim"):
        assert page.locator(f".doc-text .f-{fld}").count() >= 1, fld
        assert page.locator(f".span-legend .f-{fld}").count() == 1, fld
    actor = next(e for e in view["entities"] if e["role"] == "actor")
    actor_text = "".join(page.eval_on_selector_all(".doc-text .f-actor", "ms => ms.map(m => m.textContent)"))
    assert actor["text"] in actor_text

    sentence_visible = page.evaluate("""() => {
        const box = document.querySelector('.doc-text').getBoundingClientRect();
        const s = document.querySelector('.doc-text .f-sentence').getBoundingClientRect();
        return s.top >= box.top && s.top < box.bottom;
    }""")
    assert sentence_visible

    this = page.locator(".claim-card.claim-this")
    assert this.count() == len(view["claims"]) >= 1
    claim = view["claims"][0]
    assert claim["claimant_text"] in this.first.inner_text()
    assert this.first.locator(".counts li[data-key='dead']").inner_text().startswith("15")
    other = page.locator(".claim-card.claim-version")
    assert other.count() >= 1  # Azerbaijan's version of the same clash, beside Armenia's
    assert other.first.locator("abbr.code[data-code='AZE']").count() >= 1
    fields = page.locator(".fields-list")
    assert "ASSAULT" in fields.locator("dd[data-field='type']").inner_text()
    assert fields.locator("dd[data-field='modality']").inner_text().strip() == "asserted"


def test_cluster_reports_appear_as_competing_claims(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    cluster = next(c for c in api(page, "/api/clusters?limit=200")["clusters"] if c["n_documents"] >= 2)
    detail = api(page, f"/api/clusters/{cluster['cluster_id']}")
    members = next(v for v in detail.values() if isinstance(v, list) and v and "event_id" in v[0])
    event_id = members[0]["event_id"]
    open_event(page, site.base, event_id)
    outlets = page.locator(".claim-card.claim-outlet")
    assert outlets.count() >= 1
    link = outlets.first.locator("a.open").get_attribute("href")
    assert link.startswith("#/event/") and link != f"#/event/{quote(event_id, safe='')}"
    shot(page, "event-cluster")


def test_hostile_article_stays_text(site, desk):
    p = desk
    page = p.page
    page.goto(site.base + f"/#/?document={site.hostile_id}")
    events = api(page, f"/api/events?document={site.hostile_id}")["events"]
    assert events, "the hostile article yields events"
    page.goto(site.base + "/#/?q=Sake")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    assert page.locator("#table tbody tr").count() >= 1
    clash = next(e for e in events if "20 rebels" in e["sentence"])  # after the emoji: code-point offsets
    open_event(page, site.base, clash["event_id"])
    page.wait_for_timeout(300)  # an <img onerror> would have fired by now
    shot(page, "hostile")

    assert page.evaluate("typeof window.__xss") == "undefined"
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    assert scripts and all(s.startswith(site.base + "/static/") for s in scripts), scripts
    assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
    doc = page.locator(".doc-text").inner_text()
    assert "<script>window.__xss=1</script>" in doc
    assert '<img src=x onerror="window.__xss=2">' in doc
    assert "javascript:window.__xss=3" in doc
    assert page.locator(".doc-title").inner_text() == "Clashes near <b>Sake</b> kill 14"
    assert page.locator(".doc-meta a").count() == 0  # its javascript: address is not a link
    assert page.locator(".doc-text .f-trigger").inner_text() == clash["trigger_text"]
    sentence = "".join(page.eval_on_selector_all(".doc-text .f-sentence", "ss => ss.map(s => s.textContent)"))
    assert sentence == clash["sentence"]
    csp = [m.text for m in p.console if "Content Security Policy" in m.text or "Refused to" in m.text]
    assert not csp, csp
    assert not p.errors, p.errors


def test_unknown_event_says_so(site, desk):
    page = desk.page
    page.goto(site.base + "/#/event/no-such-event")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    assert page.locator("#view-event .back").is_visible()
    assert page.locator("#view-event h1").inner_text()
