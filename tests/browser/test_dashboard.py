"""The main view in Chromium: map, timeline, filters kept in the address, the table, the keyboard
and a phone-sized screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from dashkit import api, browser_missing, first_render, shot, wait_rendered

if browser_missing():
    pytest.skip(browser_missing(), allow_module_level=True)

FIRST_RENDER_LIMIT = 2.0  # seconds from navigation to visible markers, on the small test store


def hash_params(page) -> dict[str, str]:
    fragment = urlsplit(page.url).fragment
    query = fragment.split("?", 1)[1] if "?" in fragment else ""
    return {k: v[0] for k, v in parse_qs(query).items()}


def rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#table tbody tr", "trs => trs.map(tr => ({...tr.dataset}))")


def bars(page) -> list[tuple[str, str, str]]:
    return [tuple(b) for b in page.eval_on_selector_all(
        "#timeline rect.bar", "rs => rs.map(r => [r.dataset.start, r.dataset.type, r.dataset.n])")]


def test_map_shows_markers_and_shaded_countries_quickly(site, desk):
    page = desk.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    elapsed = first_render(page, site.base)
    wait_rendered(page)
    first_screen = list(requests)
    shot(page, "dashboard")
    assert elapsed <= FIRST_RENDER_LIMIT, f"first render took {elapsed:.2f} s"

    stats = api(page, "/api/stats")
    markers = page.locator("#map .marker")
    assert markers.count() > 0
    shown = sum(int(n) for n in page.eval_on_selector_all("#map .marker", "ms => ms.map(m => m.dataset.n)"))
    assert shown == sum(p["n"] for p in stats["points"])  # the whole world is in view: every point is drawn
    shaded = page.eval_on_selector_all("#map path.country:not(.q0)", "ps => ps.map(p => p.dataset.code)")
    assert stats["by_country"][0]["country"] in shaded
    assert page.locator("#map path.country.q5").count() >= 1

    api_calls = sorted(urlsplit(u).path for u in first_screen if urlsplit(u).path.startswith("/api/"))
    assert api_calls == ["/api/events", "/api/meta", "/api/stats"], api_calls  # one page of events, not all
    events_call = next(u for u in first_screen if urlsplit(u).path == "/api/events")
    assert parse_qs(urlsplit(events_call).query)["limit"] == ["50"]
    assert not [m.text for m in desk.console if m.type == "error"], desk.console


def test_filters_change_table_and_timeline_and_stay_in_the_address(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    wait_rendered(page)
    all_rows, all_bars = rows(page), bars(page)
    assert all_rows and all_bars

    page.select_option("#f-type", "ASSAULT")
    page.wait_for_url("**type=ASSAULT**")
    wait_rendered(page)
    assault_rows, assault_bars = rows(page), bars(page)
    assert assault_rows and {r["type"] for r in assault_rows} == {"ASSAULT"}
    assert assault_rows != all_rows
    assert assault_bars != all_bars and {b[1] for b in assault_bars} == {"ASSAULT"}

    countries = api(page, "/api/stats?type=ASSAULT")["by_country"]
    country = countries[1]["country"] if len(countries) > 1 else countries[0]["country"]
    page.fill("#f-country", country.lower())
    page.press("#f-country", "Enter")
    page.wait_for_url(f"**country={country}**")
    wait_rendered(page)
    narrowed, narrowed_bars = rows(page), bars(page)
    assert narrowed and {r["country"] for r in narrowed} == {country}
    assert {r["type"] for r in narrowed} == {"ASSAULT"}
    assert narrowed != assault_rows and narrowed_bars != assault_bars
    assert hash_params(page) == {"type": "ASSAULT", "country": country}
    assert page.locator("#map path.country.selected").get_attribute("data-code") == country
    shot(page, "filtered")

    page.reload()
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    assert page.input_value("#f-type") == "ASSAULT"
    assert page.input_value("#f-country") == country
    assert rows(page) == narrowed
    assert "type=ASSAULT" in page.get_attribute("#export-link", "href")


def test_brushing_the_timeline_sets_since_and_until(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    wait_rendered(page)
    box = page.locator("#timeline rect.overlay").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=6)
    page.mouse.move(box["x"] + box["width"] * 0.98, y, steps=6)
    page.mouse.up()
    page.wait_for_url("**until=**")
    wait_rendered(page)
    params = hash_params(page)
    assert params["since"] <= params["until"]
    assert page.input_value("#f-since") == params["since"]
    assert page.input_value("#f-until") == params["until"]
    total = api(page, f"/api/stats?since={params['since']}&until={params['until']}")["total"]
    assert total > 0
    assert sum(int(b[2]) for b in bars(page)) == total  # the bars now hold the brushed range's events only
    assert page.locator("#total").inner_text().split()[0].replace(",", "") == str(total)
    shot(page, "brushed")

    page.click("#timeline .timeline-head button")  # "clear date range" undoes the brush
    page.wait_for_function("() => !location.hash.includes('since=')")
    wait_rendered(page)
    assert page.input_value("#f-since") == ""


def test_keyboard_reaches_the_first_row_and_opens_it(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    wait_rendered(page)
    first = page.get_attribute("#table tbody tr:first-child .row-link", "href")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.row-link')"):
            break
    else:
        pytest.fail("Tab never reached a table row link")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    shot(page, "keyboard-focus")
    page.keyboard.press("Enter")
    page.wait_for_function("(h) => location.hash === h", arg=first)
    wait_rendered(page)
    assert page.locator("#view-event").is_visible()
    assert page.evaluate("document.activeElement.tagName") == "H1"


def test_phone_layout_has_no_horizontal_overflow(site, phone):
    page = phone.page
    for path in ("/", "/#/ceasefires", "/docs"):
        page.goto(site.base + path)
        page.wait_for_selector("body.ready")
        if path != "/docs":
            wait_rendered(page)
        width = page.evaluate("window.innerWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.evaluate("document.body.scrollWidth") <= width, path
    page.goto(site.base + "/")
    wait_rendered(page)
    first = page.get_attribute("#table tbody tr:first-child .row-link", "href")
    page.goto(site.base + "/" + first)
    wait_rendered(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    page.goto(site.base + "/")
    wait_rendered(page)
    shot(page, "phone", full_page=True)


def test_map_zooms_pans_and_filters_by_country(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    wait_rendered(page)
    land = page.locator("#map g.land")
    assert "scale(1.0000)" in land.get_attribute("transform")
    def located() -> int:
        return sum(int(n) for n in page.eval_on_selector_all("#map .marker", "ms => ms.map(m => m.dataset.n)"))

    everything = located()
    page.click("#map .map-btn >> nth=0")  # +
    assert "scale(2.0000)" in land.get_attribute("transform")
    assert 0 < located() <= everything  # what is out of view is not drawn

    page.focus("#map svg")
    centred = land.get_attribute("transform")
    page.keyboard.press("ArrowRight")
    assert land.get_attribute("transform") != centred
    page.keyboard.press("-")
    page.keyboard.press("0")
    assert land.get_attribute("transform").startswith("translate(0.00 0.00) scale(1.0000)")

    box = page.locator("#map svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function("() => !document.querySelector('#map g.land').getAttribute('transform').endsWith('scale(1.0000)')")
    zoomed = land.get_attribute("transform")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 20, steps=5)
    page.mouse.up()
    assert land.get_attribute("transform") != zoomed  # dragged
    assert "country=" not in page.url  # a drag is not a click on a country

    page.click("#map .map-reset")
    code = api(page, "/api/stats")["by_country"][0]["country"]
    spot = page.evaluate("""(code) => {
        const path = document.querySelector(`#map path.country[data-code='${code}']`);
        const r = path.getBoundingClientRect();
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
            if (document.elementFromPoint(x, y) === path) return [x, y];
        }
        return null;
    }""", code)
    assert spot, f"no visible point of {code} on the map"
    page.mouse.click(*spot)
    page.wait_for_url(f"**country={code}**")
    wait_rendered(page)
    assert page.input_value("#f-country") == code
    assert page.locator(f"#map path.country.selected[data-code='{code}']").count() == 1


def test_more_loads_the_next_page_and_export_follows_the_filters(site, desk):
    page = desk.page
    page.goto(site.base + "/#/?modality=asserted")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    first = rows(page)
    assert len(first) == 50
    page.click("#table .table-foot button")
    page.wait_for_function("() => document.querySelectorAll('#table tbody tr').length > 50")
    more = rows(page)
    assert more[:50] == first and len({r["id"] for r in more}) == len(more)
    href = page.get_attribute("#export-link", "href")
    assert href.startswith("/api/export?") and "format=plover" in href and "modality=asserted" in href
    page.select_option("#export-format", "acled")
    assert "format=acled" in page.get_attribute("#export-link", "href")


def test_an_unknown_code_is_reported_at_its_field(site, desk):
    page = desk.page
    page.goto(site.base + "/")
    wait_rendered(page)
    page.fill("#f-actor", "QQQ")
    page.press("#f-actor", "Enter")
    page.wait_for_selector("#error:not([hidden])")
    assert "QQQ" in page.inner_text("#error")
    assert page.get_attribute("#f-actor", "aria-invalid") == "true"
    shot(page, "bad-filter")
    page.click("#f-clear")
    page.wait_for_selector("#error", state="hidden")
    assert page.get_attribute("#f-actor", "aria-invalid") is None
