"""The API docs page in Chromium, rendered from /openapi.json, with a working "try it"."""

from __future__ import annotations

import pytest
from dashkit import api, browser_missing, shot

if browser_missing():
    pytest.skip(browser_missing(), allow_module_level=True)


def test_docs_lists_every_path_and_tries_a_get(site, desk):
    page = desk.page
    page.goto(site.base + "/docs")
    page.wait_for_selector("body.ready")
    spec = api(page, "/openapi.json")
    listed = set(page.eval_on_selector_all(".operation", "os => os.map(o => o.dataset.path)"))
    assert listed == set(spec["paths"])
    toc = page.inner_text("#toc")
    for path in spec["paths"]:
        assert path in toc

    events = page.locator(".operation[data-path='/api/events'][data-method='get']")
    params = events.locator("table.params").inner_text()
    for name in ("country", "type", "since", "until", "cursor", "limit"):
        assert name in params
    assert "integer" in params

    meta = page.locator(".operation[data-path='/api/meta']")
    meta.locator("details.try summary").click()
    meta.locator("button[type=submit]").click()
    page.wait_for_function("() => document.querySelector(\".operation[data-path='/api/meta'] .try-json\")")
    output = meta.locator(".try-json").inner_text()
    assert '"types"' in output and '"ASSAULT"' in output
    assert meta.locator(".try-status .status").inner_text() == "200"
    shot(page, "docs", full_page=False)
    assert not [m.text for m in desk.console if m.type == "error"]
