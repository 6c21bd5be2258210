"""Ceasefires in Chromium: the seed article's Armenia–Azerbaijan ceasefire, brokered by Russia,
with France's call on both sides to keep it."""

from __future__ import annotations

import pytest
from dashkit import browser_missing, shot, wait_rendered

if browser_missing():
    pytest.skip(browser_missing(), allow_module_level=True)


def test_seed_ceasefire_with_russia_as_broker(site, desk, seed):
    page = desk.page
    page.goto(site.base + "/#/ceasefires")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    card = page.locator(".cf-card").filter(has=page.locator(".cf-facts [data-code='ARM']")).filter(
        has=page.locator(".cf-facts [data-code='AZE']"))
    assert card.count() >= 1
    card = card.first
    # Russia brokered it; France's call on both countries to keep it (ceasefires.yaml: a third
    # party requesting something of both parties) lists France beside it
    brokers = card.locator(".broker").evaluate_all("bs => bs.map(b => b.dataset.code)")
    assert sorted(brokers) == ["FRA", "RUS"]
    assert "Russia" in card.locator(".broker[data-code='RUS']").inner_text()
    assert card.locator("table.per-side tr[data-code='ARM']").count() == 1
    shot(page, "ceasefires")

    card.locator(".cf-title a").click()
    page.wait_for_url("**#/ceasefire/**")
    wait_rendered(page)
    assert page.locator(".lane-chart .agreement-line").count() == 1
    lanes = page.eval_on_selector_all(".lane-col", "ls => ls.map(l => l.dataset.code)")
    assert {"ARM", "AZE"} <= set(lanes)
    items = page.locator(".cf-item")
    assert items.count() >= 1
    assert page.locator(".lane-chart a.mark").count() == items.count()
    kinds = set(page.eval_on_selector_all(".cf-item", "xs => xs.map(x => x.classList[1])"))
    assert kinds <= {"incident", "accusation"} and kinds
    assert page.locator(".cf-item .quote").first.inner_text()
    shot(page, "ceasefire")


def test_example_truce_shows_its_status_and_what_each_side_did(site, desk):
    page = desk.page
    page.goto(site.base + "/#/ceasefires")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    card = page.locator(".cf-card").filter(has=page.locator(".cf-facts [data-code='THA']")).first
    status = card.locator(".status")
    assert status.get_attribute("data-status") == "violations alleged"
    assert status.inner_text() == "Violations alleged"
    assert card.locator(".broker[data-code='MYS']").count() == 1
    card.locator(".cf-title a").click()
    page.wait_for_url("**#/ceasefire/**")
    wait_rendered(page)
    kinds = set(page.eval_on_selector_all(".cf-item.after", "xs => xs.map(x => x.classList[1])"))
    assert {"incident", "accusation", "denial"} <= kinds
    thai = page.locator(".lane-col[data-code='THA'] .cf-item.after.accusation")
    assert thai.count() >= 1 and "Thailand" in thai.first.inner_text()
    shot(page, "ceasefire-example")
