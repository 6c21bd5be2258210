// The world map: Natural Earth outlines (world.json, built by tools/build_world.py) in an
// equirectangular projection, countries shaded by event count and located events drawn as
// markers merged greedily at the current zoom. Wheel, drag, the +/- buttons and the arrow keys
// move it; a click on a country filters by it.

import {clear, fill, h, svg} from "./dom.js";
import {countryName, formatNumber, t} from "./i18n.js";

const W = 1000;
const NORTH = 84;
const SOUTH = -58; // the southern tip of South America; Antarctica is not drawn
const UNIT = W / 360;
const H = (NORTH - SOUTH) * UNIT;
const MAX_ZOOM = 40;
// Markers whose centres fall closer than this many screen pixels merge into one: about the
// diameter of a marker holding a two-digit count, so merged markers never overlap.
const MERGE_PX = 26;
const LEVELS = 5;
const PAN_STEP = 0.12; // share of the view moved by one arrow key press
const DRAG_SLOP = 4; // pixels a pointer may move and still count as a click

function project(lon, lat) {
  return [(lon + 180) * UNIT, (NORTH - lat) * UNIT];
}

function pathOf(rings) {
  const parts = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      const [x, y] = project(ring[i], ring[i + 1]);
      parts.push((i === 0 ? "M" : "L") + x.toFixed(1) + " " + y.toFixed(1));
    }
    parts.push("Z");
  }
  return parts.join("");
}

/** Greedy merge: the biggest points first; a point joins the nearest marker within radius. */
export function mergePoints(points, view, radius) {
  const grid = new Map();
  const out = [];
  for (const p of points) {
    const x = p.x * view.k + view.x;
    const y = p.y * view.k + view.y;
    if (x < -radius || y < -radius || x > W + radius || y > H + radius) continue;
    const gx = Math.floor(x / radius);
    const gy = Math.floor(y / radius);
    let hit = null;
    let best = radius * radius;
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        for (const c of grid.get(`${gx + i},${gy + j}`) || []) {
          const d = (c.x - x) ** 2 + (c.y - y) ** 2;
          if (d < best) {
            best = d;
            hit = c;
          }
        }
      }
    }
    if (hit) {
      hit.n += p.n;
      continue;
    }
    const marker = {x, y, n: p.n};
    out.push(marker);
    const key = `${gx},${gy}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push(marker);
  }
  return out;
}

export function createMap(root, world, {onCountry}) {
  const view = {k: 1, x: 0, y: 0};
  let points = [];
  let counts = new Map();
  let selected = null;

  const surface = svg("svg", {
    class: "map-svg", viewBox: `0 0 ${W} ${H.toFixed(1)}`, tabindex: "0", role: "group",
    "data-i18n-attr": "aria-label:map.label",
  });
  surface.style.aspectRatio = `${W} / ${H.toFixed(1)}`;
  const sea = svg("rect", {class: "sea", x: 0, y: 0, width: W, height: H.toFixed(1)});
  const land = svg("g", {class: "land"});
  const markers = svg("g", {class: "markers"});
  surface.append(sea, land, markers);

  const countries = new Map();
  for (const c of world.countries) {
    const title = svg("title");
    const path = svg("path", {class: "country", d: pathOf(c.rings), "fill-rule": "evenodd"}, title);
    path.dataset.code = c.id;
    countries.set(c.id, {path, title, name: c.name});
    land.append(path);
  }

  const zoomIn = h("button", {type: "button", class: "map-btn", "data-i18n-attr": "aria-label:map.zoom_in;title:map.zoom_in",
    on: {click: () => zoomAt(2, W / 2, H / 2)}}, "+");
  const zoomOut = h("button", {type: "button", class: "map-btn", "data-i18n-attr": "aria-label:map.zoom_out;title:map.zoom_out",
    on: {click: () => zoomAt(0.5, W / 2, H / 2)}}, "\u2212");
  const reset = h("button", {type: "button", class: "map-btn map-reset", "data-i18n": "map.reset",
    on: {click: () => resetView()}});
  const legend = h("div", {class: "map-legend", "aria-hidden": "true"},
    h("span", {"data-i18n": "map.fewer"}),
    Array.from({length: LEVELS}, (_, i) => h("span", {class: `swatch q${i + 1}`})),
    h("span", {"data-i18n": "map.more"}),
    h("span", {class: "swatch marker-swatch"}), h("span", {"data-i18n": "map.located"}));
  fill(root, h("div", {class: "map-frame"}, surface,
    h("div", {class: "map-controls"}, zoomIn, zoomOut, reset)), legend);

  function clampView() {
    view.k = Math.min(MAX_ZOOM, Math.max(1, view.k));
    view.x = Math.min(0, Math.max(W - W * view.k, view.x));
    view.y = Math.min(0, Math.max(H - H * view.k, view.y));
  }

  function apply() {
    clampView();
    land.setAttribute("transform", `translate(${view.x.toFixed(2)} ${view.y.toFixed(2)}) scale(${view.k.toFixed(4)})`);
    surface.classList.toggle("zoomed", view.k > 1);
    drawMarkers();
  }

  function zoomAt(factor, cx, cy) {
    const k = Math.min(MAX_ZOOM, Math.max(1, view.k * factor));
    const f = k / view.k;
    view.x = cx - (cx - view.x) * f;
    view.y = cy - (cy - view.y) * f;
    view.k = k;
    apply();
  }

  function resetView() {
    Object.assign(view, {k: 1, x: 0, y: 0});
    apply();
  }

  function toView(clientX, clientY) {
    const r = surface.getBoundingClientRect();
    return [(clientX - r.left) * W / r.width, (clientY - r.top) * H / r.height];
  }

  // The drawn width comes from the ResizeObserver, so drawing never forces a layout; markers
  // wait for the first observation (made after layout, before the first paint).
  let width = 0;

  function drawMarkers() {
    clear(markers);
    if (!width || !points.length) return;
    const perUnit = width / W; // screen pixels per view unit
    for (const m of mergePoints(points, view, MERGE_PX / perUnit)) {
      const r = 7 + 3 * Math.log2(m.n);
      const g = svg("g", {class: "marker", transform: `translate(${m.x.toFixed(2)} ${m.y.toFixed(2)}) scale(${(1 / perUnit).toFixed(4)})`},
        svg("title", {text: t("map.marker", {n: formatNumber(m.n)})}),
        svg("circle", {r: r.toFixed(1)}),
        svg("text", {dy: "0.35em", "text-anchor": "middle", text: formatNumber(m.n, {notation: "compact"})}));
      g.dataset.n = String(m.n);
      g.addEventListener("click", (e) => {
        e.stopPropagation();
        zoomAt(3, m.x, m.y);
      });
      markers.append(g);
    }
  }

  // --- pointer and keyboard ------------------------------------------------------------------
  let drag = null;
  let suppressClick = false;
  surface.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = {id: e.pointerId, sx: e.clientX, sy: e.clientY, x: view.x, y: view.y, moved: false};
  });
  surface.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.sx;
    const dy = e.clientY - drag.sy;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!drag.moved) {
      drag.moved = true;
      surface.setPointerCapture(e.pointerId);
      surface.classList.add("dragging");
    }
    const r = surface.getBoundingClientRect();
    view.x = drag.x + dx * W / r.width;
    view.y = drag.y + dy * H / r.height;
    apply();
  });
  const endDrag = () => {
    if (drag && drag.moved) {
      suppressClick = true;
      setTimeout(() => { suppressClick = false; }, 0);
    }
    drag = null;
    surface.classList.remove("dragging");
  };
  surface.addEventListener("pointerup", endDrag);
  surface.addEventListener("pointercancel", endDrag);
  surface.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [cx, cy] = toView(e.clientX, e.clientY);
    zoomAt(Math.exp(-e.deltaY * 0.0015), cx, cy);
  }, {passive: false});
  land.addEventListener("click", (e) => {
    if (suppressClick) return;
    const code = e.target.dataset && e.target.dataset.code;
    if (code) onCountry(code === selected ? null : code);
  });
  surface.addEventListener("keydown", (e) => {
    const step = PAN_STEP * W;
    const moves = {ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step]};
    if (moves[e.key]) {
      view.x += moves[e.key][0];
      view.y += moves[e.key][1];
      apply();
    } else if (e.key === "+" || e.key === "=") zoomAt(2, W / 2, H / 2);
    else if (e.key === "-" || e.key === "_") zoomAt(0.5, W / 2, H / 2);
    else if (e.key === "0") resetView();
    else return;
    e.preventDefault();
  });
  new ResizeObserver((entries) => {
    width = entries[0].contentRect.width;
    drawMarkers();
  }).observe(surface);

  function relabel() {
    for (const [code, c] of countries) {
      let name = countryName(code);
      if (name === code) name = c.name;
      const n = counts.get(code) || 0;
      c.title.textContent = n ? t("map.country_events", {name, n: formatNumber(n)}) : name;
    }
    drawMarkers();
  }

  /** Shades countries by stats.by_country, draws stats.points, outlines the selected country. */
  function update(stats, selectedCountry) {
    selected = selectedCountry || null;
    counts = new Map((stats.by_country || []).map((r) => [r.country, r.n]));
    const max = Math.max(1, ...counts.values());
    for (const [code, c] of countries) {
      const n = counts.get(code) || 0;
      // clamped: 5 * log1p(53) / log1p(53) is 5.000000000000001 in floating point, and its ceiling 6
      const level = n ? Math.min(LEVELS, Math.max(1, Math.ceil(LEVELS * Math.log1p(n) / Math.log1p(max)))) : 0;
      c.path.setAttribute("class", `country q${level}${code === selected ? " selected" : ""}`);
    }
    points = (stats.points || []).filter((p) => p.lat !== null && p.lon !== null)
      .map((p) => {
        const [x, y] = project(p.lon, p.lat);
        return {x, y, n: p.n};
      })
      .sort((a, b) => b.n - a.n);
    relabel();
  }

  apply();
  return {update, relabel, element: surface};
}
