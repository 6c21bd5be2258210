"""Interface strings come from the catalogues: English and Bahasa Indonesia hold the same keys,
every key the pages use, and a name for every event type, mode and modality; switching the
language in Chromium changes the interface and is remembered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from dashkit import ROOT, browser_missing, shot, wait_rendered

STATIC = ROOT / "src" / "pantau" / "web" / "static"
CATALOGUES = sorted((STATIC / "i18n").glob("*.json"))
SOURCES = [*STATIC.glob("*.js"), *STATIC.glob("js/*.js"), *STATIC.glob("*.html")]


def load(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def used_keys() -> tuple[set[str], set[str]]:
    """Keys named literally in the pages and scripts, and prefixes of keys built at run time."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r"\bt\(\"([a-z0-9_.]+)\"", text))
        keys |= set(re.findall(r"data-i18n=\"([a-z0-9_.]+)\"", text))
        keys |= set(re.findall(r"\"data-i18n\": \"([a-z0-9_.]+)\"", text))
        for attrs in re.findall(r"data-i18n-attr\"?[=:] ?\"((?:[a-z-]+:[a-z0-9_.]+;?)+)\"", text):
            keys |= {pair.split(":")[1] for pair in attrs.split(";") if pair}
        keys |= {k for pair in re.findall(r"t\((?:showAll \? )?\"([a-z0-9_.]+)\" : \"([a-z0-9_.]+)\"", text) for k in pair}
        prefixes |= set(re.findall(r"\bt\(`([a-z0-9_.]+)\$\{", text))
    return keys, prefixes


def test_catalogues_hold_the_same_keys_and_no_empty_string():
    assert [p.stem for p in CATALOGUES] == ["en", "id"]
    en, id_ = (load(p) for p in CATALOGUES)
    assert set(en) == set(id_), sorted(set(en) ^ set(id_))
    for lang, cat in (("en", en), ("id", id_)):
        assert all(isinstance(v, str) and v.strip() for v in cat.values()), lang
        for key, value in cat.items():
            assert set(re.findall(r"\{(\w+)\}", value)) == set(re.findall(r"\{(\w+)\}", en[key])), (lang, key)


def test_every_key_the_pages_use_is_in_the_catalogues():
    en = load(STATIC / "i18n" / "en.json")
    keys, prefixes = used_keys()
    assert len(keys) > 100 and prefixes
    assert not sorted(keys - set(en)), sorted(keys - set(en))
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in en), prefix


def test_every_type_mode_and_modality_has_a_name():
    from pantau.model import MODALITIES
    from pantau.ontology import load_ontology

    types = load_ontology().types
    for path in CATALOGUES:
        cat = load(path)
        assert not [t for t in types if f"type.{t}" not in cat], path.name
        assert not sorted({m for t in types.values() for m in t.modes} - {k[5:] for k in cat if k.startswith("mode.")})
        assert not [m for m in MODALITIES if f"modality.{m}" not in cat], path.name


def test_switching_to_indonesian_changes_the_interface(site, desk):
    if browser_missing():
        pytest.skip(browser_missing())
    page = desk.page
    en, id_ = load(STATIC / "i18n" / "en.json"), load(STATIC / "i18n" / "id.json")
    page.goto(site.base + "/")
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    assert page.inner_text("#map-h") == en["map.title"]
    assert page.get_attribute("html", "lang") == "en"

    page.select_option("#lang", "id")
    page.wait_for_function("(t) => document.getElementById('map-h').textContent === t", arg=id_["map.title"])
    assert page.get_attribute("html", "lang") == "id"
    assert page.inner_text("#table-h") == id_["table.title"]
    assert page.inner_text("#f-type option[value='']") == id_["filters.any_type"]
    assert page.inner_text("#timeline-h") == id_["timeline.title"]
    assert page.inner_text(".nav a[data-view='ceasefires']") == id_["nav.ceasefires"]
    legend = page.inner_text("#timeline .legend")
    assert id_["type.ASSAULT"] in legend and en["type.ASSAULT"] not in legend
    shot(page, "bahasa-indonesia")

    page.reload()
    page.wait_for_selector("body.ready")
    wait_rendered(page)
    assert page.inner_text("#map-h") == id_["map.title"]  # the choice is remembered
    first_day = page.inner_text("#table tbody tr:first-child .row-link")
    assert first_day  # dates are formatted by Intl for the Indonesian locale
    page.select_option("#lang", "en")
    page.wait_for_function("(t) => document.getElementById('map-h').textContent === t", arg=en["map.title"])


def test_the_browser_language_is_the_default(site, browser):
    if browser_missing():
        pytest.skip(browser_missing())
    id_ = load(STATIC / "i18n" / "id.json")
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.base + "/")
        page.wait_for_selector("body.ready")
        wait_rendered(page)
        assert page.get_attribute("html", "lang") == "id"
        assert page.inner_text("#map-h") == id_["map.title"]
        assert page.input_value("#lang") == "id"
        expected = page.evaluate(
            "new Intl.DateTimeFormat('id-ID', {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'})"
            ".format(Date.UTC(2021, 10, 16))")
        assert page.evaluate("(async () => (await import('/static/js/i18n.js')).formatDate('2021-11-16'))()") == expected
    finally:
        context.close()
