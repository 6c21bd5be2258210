// pantau's dashboard: hash routes (#/?filters, #/event/ID, #/ceasefires, #/ceasefire/ID), the
// filter form kept in the URL, and the views. The first screen asks for /api/meta, /api/stats
// and one page of /api/events, never for all events.

import {ApiError, get, query} from "./js/api.js";
import {loadCeasefire, loadCeasefires, renderCeasefire, renderCeasefires} from "./js/ceasefires.js";
import {clear, fill, h} from "./js/dom.js";
import {loadEvent, renderEvent} from "./js/event.js";
import {
  LANGUAGES, countryName, formatNumber, language, loadLanguage, pickLanguage, saveLanguage, setCountryCodes, t, tOr,
  translatePage, typeLabel,
} from "./js/i18n.js";
import {createMap} from "./js/map.js";
import {createTable} from "./js/table.js";
import {createTimeline} from "./js/timeline.js";

const FILTERS = ["q", "type", "mode", "country", "actor", "claimant", "modality", "since", "until"];
const CODES = new Set(["country", "actor", "claimant"]);
const PAGE = 50;
const RANKS = 5; // rows in each "most frequent" list
const VIEWS = {events: "view-events", event: "view-event", ceasefires: "view-ceasefires", ceasefire: "view-ceasefires"};

const $ = (id) => document.getElementById(id);

const state = {
  meta: null, world: null, route: null, filters: {}, listHash: "#/",
  loadedKey: null, loading: null, stats: null, controller: null, seq: 0, viewSeq: 0, cache: null,
  map: null, timeline: null, table: null,
};

// --- routes ------------------------------------------------------------------------------------

export function parseHash(hash) {
  const raw = String(hash || "").replace(/^#/, "") || "/";
  const at = raw.indexOf("?");
  const path = at >= 0 ? raw.slice(0, at) : raw;
  const params = new URLSearchParams(at >= 0 ? raw.slice(at + 1) : "");
  const filters = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const parts = path.split("/").filter(Boolean);
  let id = null;
  try {
    id = parts[1] ? decodeURIComponent(parts[1]) : null;
  } catch {
    id = null;
  }
  if (parts[0] === "event" && id) return {view: "event", id, filters};
  if (parts[0] === "ceasefire" && id) return {view: "ceasefire", id, filters};
  if (parts[0] === "ceasefires") return {view: "ceasefires", filters};
  return {view: "events", filters};
}

function filtersHash(filters) {
  const qs = query(filters);
  return qs ? `#/?${qs}` : "#/";
}

function cleanFilters(filters) {
  const out = {};
  for (const key of FILTERS) {
    let value = filters[key];
    if (value === null || value === undefined) continue;
    value = String(value).trim();
    if (CODES.has(key)) value = value.toUpperCase();
    if (value && !(key === "modality" && value === "all")) out[key] = value;
  }
  if (out.mode && !out.type) delete out.mode;
  return out;
}

function setFilters(next) {
  const hash = filtersHash(cleanFilters(next));
  if (location.hash === hash || (hash === "#/" && !location.hash)) route();
  else location.hash = hash;
}

// --- errors ------------------------------------------------------------------------------------

function showError(err) {
  const box = $("error");
  const detail = err instanceof ApiError ? t("error.api", {message: err.message}) : t("error.network");
  fill(box, h("strong", {}, t("error.title")), " ", detail);
  box.hidden = false;
  const param = err instanceof ApiError && err.detail && err.detail.param;
  for (const el of document.querySelectorAll("#filters [aria-invalid]")) el.removeAttribute("aria-invalid");
  if (param && $(`f-${param}`)) $(`f-${param}`).setAttribute("aria-invalid", "true");
}

function hideError() {
  $("error").hidden = true;
  for (const el of document.querySelectorAll("#filters [aria-invalid]")) el.removeAttribute("aria-invalid");
}

// --- the filter form ---------------------------------------------------------------------------

function option(value, label, selected) {
  const o = h("option", {value}, label);
  o.selected = Boolean(selected);
  return o;
}

function fillChoices() {
  const f = state.filters;
  const types = Object.keys(state.meta.types);
  fill($("f-type"), option("", t("filters.any_type"), !f.type),
    types.map((type) => option(type, typeLabel(type), f.type === type)));
  const modes = f.type ? state.meta.types[f.type] || [] : [];
  fill($("f-mode"), option("", t("filters.any_mode"), !f.mode),
    modes.map((m) => option(m, tOr(`mode.${m}`, m), f.mode === m)));
  $("f-mode").disabled = !modes.length;
  fill($("f-modality"), option("all", t("filters.any_modality"), !f.modality),
    state.meta.modalities.map((m) => option(m, tOr(`modality.${m}`, m), f.modality === m)));
  const names = Object.keys(state.world.codes).map((code) => [code, countryName(code)])
    .sort((a, b) => a[1].localeCompare(b[1], language()));
  fill($("codes"), names.map(([code, name]) => h("option", {value: code, label: name})));
}

function fillLanguages() {
  fill($("lang"), LANGUAGES.map((lang) => option(lang, t(`lang.${lang}`), lang === language())));
}

function fillForm(filters) {
  for (const key of FILTERS) {
    const el = $(`f-${key}`);
    if (el && el.tagName !== "SELECT") el.value = filters[key] || "";
  }
  fillChoices();
}

function readForm() {
  const out = {};
  for (const key of FILTERS) out[key] = $(`f-${key}`).value;
  if (out.mode && !(state.meta.types[out.type] || []).includes(out.mode)) out.mode = "";
  return out;
}

function wireForm() {
  const form = $("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    setFilters(readForm());
  });
  form.addEventListener("change", (e) => {
    if (e.target.id === "export-format") return;
    setFilters(readForm());
  });
  $("f-clear").addEventListener("click", () => setFilters({}));
  $("export-format").addEventListener("change", updateExport);
}

function updateExport() {
  $("export-link").href = `/api/export?${query({format: $("export-format").value, ...state.filters})}`;
}

// --- the dashboard -----------------------------------------------------------------------------

function fetchDashboard(filters) {
  const controller = new AbortController();
  const signal = controller.signal;
  const promise = Promise.all([get("/api/stats", filters, {signal}), get("/api/events", {...filters, limit: PAGE}, {signal})]);
  promise.catch(() => {}); // handled where awaited; keeps an early failure from going unhandled
  return {key: query(filters), controller, promise};
}

function loadDashboard(filters, early) {
  const key = query(filters);
  if (key === state.loadedKey) {
    if (!state.loading) rendered();
    return state.loading || Promise.resolve();
  }
  state.loadedKey = key;
  if (state.controller) state.controller.abort();
  const job = early && early.key === key ? early : fetchDashboard(filters);
  state.controller = job.controller;
  const seq = ++state.seq;
  document.body.classList.add("loading");
  state.loading = job.promise.then(async ([stats, page]) => {
    if (seq !== state.seq) return;
    hideError();
    state.stats = stats;
    state.table.reset(page);
    renderDashboard();
    await state.timeline.drawn(); // the first bars wait for the plot's size
    if (seq === state.seq) rendered();
  }).catch((err) => {
    if (err.name === "AbortError" || seq !== state.seq) return;
    state.loadedKey = null;
    showError(err);
  }).finally(() => {
    if (seq !== state.seq) return;
    document.body.classList.remove("loading");
    state.loading = null;
  });
  return state.loading;
}

function rankList(el, items, label, onPick) {
  clear(el);
  if (!items.length) {
    el.append(h("li", {class: "muted"}, t("side.none")));
    return;
  }
  const max = Math.max(...items.map((i) => i.n));
  for (const item of items) {
    const bar = h("span", {class: "rank-bar", "aria-hidden": "true"});
    bar.style.width = `${Math.max(2, (100 * item.n) / max)}%`;
    const body = [h("span", {class: "rank-label"}, label(item)), h("span", {class: "rank-n"}, formatNumber(item.n)), bar];
    el.append(h("li", {}, onPick
      ? h("button", {type: "button", class: "rank", on: {click: () => onPick(item)}}, body)
      : h("span", {class: "rank"}, body)));
  }
}

function renderDashboard() {
  const stats = state.stats;
  if (!stats) return;
  const f = state.filters;
  $("total").textContent = t(stats.total === 1 ? "summary.total_one" : "summary.total", {n: formatNumber(stats.total)});
  state.map.update(stats, f.country);
  state.timeline.update(stats, f);
  const named = (code) => [h("abbr", {class: "code"}, code), " ", countryName(code)];
  rankList($("top-countries"), (stats.by_country || []).slice(0, RANKS), (r) => named(r.country),
    (r) => setFilters({...state.filters, country: r.country}));
  rankList($("top-actors"), (stats.top_actors || []).slice(0, RANKS), (r) => named(r.code),
    (r) => setFilters({...state.filters, actor: r.code}));
  rankList($("top-places"), (stats.top_places || []).slice(0, RANKS),
    (r) => [r.place, r.country ? [" ", h("abbr", {class: "code"}, r.country)] : null], null);
  updateExport();
}

async function moreRows() {
  const cursor = state.table.cursor();
  if (!cursor) return;
  state.table.setBusy(true);
  try {
    state.table.append(await get("/api/events", {...state.filters, limit: PAGE, cursor}));
  } catch (err) {
    showError(err);
  } finally {
    state.table.setBusy(false);
  }
}

// --- views -------------------------------------------------------------------------------------

function show(view) {
  for (const [name, id] of Object.entries(VIEWS)) if (name === view) $(id).hidden = false;
  for (const id of new Set(Object.values(VIEWS))) if (id !== VIEWS[view]) $(id).hidden = true;
  for (const a of document.querySelectorAll(".nav a[data-view]")) {
    const active = a.dataset.view === view || (view === "ceasefire" && a.dataset.view === "ceasefires");
    if (active) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function loadingNote(root) {
  fill(root, h("p", {class: "panel loading-note", role: "status"}, t("status.loading")));
}

function failed(root, err, backHref) {
  const message = err instanceof ApiError && err.status === 404 ? t("error.not_found") : t("error.network");
  fill(root, h("header", {class: "view-head"}, h("a", {class: "back", href: backHref}, t("event.back")),
    h("h1", {tabindex: "-1"}, t("error.title"))), h("p", {class: "panel"}, message, " ",
    err instanceof ApiError ? h("span", {class: "muted"}, err.message) : null));
}

async function showDetail(load, render, root, backHref) {
  const seq = ++state.viewSeq;
  loadingNote(root);
  window.scrollTo(0, 0);
  try {
    const data = await load();
    if (seq !== state.viewSeq) return;
    state.cache = {render: () => render(root, data, {backHref})};
    const heading = state.cache.render();
    document.title = `${heading.textContent} \u00b7 pantau`;
    heading.focus({preventScroll: true});
  } catch (err) {
    if (seq !== state.viewSeq) return;
    state.cache = null;
    failed(root, err, backHref);
  }
  rendered();
}

/** Marks the page as showing what the address asks for (tests and scripts wait on it). */
function rendered() {
  document.body.dataset.rendered = location.hash || "#/";
}

function route(early) {
  const r = parseHash(location.hash);
  state.route = r;
  show(r.view);
  if (r.view === "events") {
    state.filters = cleanFilters(r.filters);
    state.listHash = filtersHash(state.filters);
    fillForm(state.filters);
    document.title = `${t("nav.events")} \u00b7 pantau`;
    state.cache = null;
    return loadDashboard(state.filters, early);
  }
  if (r.view === "event") {
    return showDetail(() => loadEvent(r.id), renderEvent, $("view-event"), state.listHash);
  }
  if (r.view === "ceasefires") {
    return showDetail(() => loadCeasefires(), (root, data) => renderCeasefires(root, data), $("view-ceasefires"), "#/");
  }
  return showDetail(() => loadCeasefire(r.id), renderCeasefire, $("view-ceasefires"), "#/ceasefires");
}

function rerender() {
  translatePage();
  fillLanguages();
  fillChoices();
  $("version").textContent = t("foot.version", {version: state.meta.version});
  state.map.relabel();
  state.table.relabel();
  renderDashboard();
  if (state.cache) {
    const heading = state.cache.render();
    document.title = `${heading.textContent} \u00b7 pantau`;
  } else if (state.route && state.route.view === "events") {
    document.title = `${t("nav.events")} \u00b7 pantau`;
  }
}

async function boot() {
  const first = parseHash(location.hash);
  const early = first.view === "events" ? fetchDashboard(cleanFilters(first.filters)) : null;
  const [, meta, world] = await Promise.all([
    loadLanguage(pickLanguage()),
    get("/api/meta"),
    fetch("/static/world.json").then((r) => r.json()),
  ]);
  state.meta = meta;
  state.world = world;
  setCountryCodes(world.codes);
  state.map = createMap($("map"), world, {onCountry: (code) => setFilters({...state.filters, country: code || ""})});
  state.timeline = createTimeline($("timeline"), {onBrush: (since, until) => setFilters({...state.filters, since, until})});
  state.table = createTable($("table"), {onMore: moreRows});
  translatePage();
  fillLanguages();
  $("version").textContent = t("foot.version", {version: meta.version});
  wireForm();
  $("lang").addEventListener("change", async (e) => {
    const lang = e.target.value;
    saveLanguage(lang);
    await loadLanguage(lang);
    rerender();
  });
  $("skip").addEventListener("click", () => {
    const target = state.route && state.route.view === "events" ? $("events-table") : $("main");
    target.setAttribute("tabindex", "-1");
    target.focus();
  });
  window.addEventListener("hashchange", () => route());
  await route(early);
  document.body.classList.add("ready");
}

boot().catch((err) => {
  document.body.classList.add("ready");
  showError(err);
});
