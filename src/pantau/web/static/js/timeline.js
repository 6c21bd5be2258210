// Events per period by type as stacked bars (SVG), from /api/stats by_day. The period (day,
// week, month, year) is the finest that leaves each bar a few pixels wide. Dragging across the
// plot brushes a date range; a click on one bar selects its period.

import {clear, fill, h, svg} from "./dom.js";
import {formatDate, formatNumber, t, typeLabel} from "./i18n.js";

const DAY = 86400000;
const UNITS = ["day", "week", "month", "year"];
const APPROX_DAYS = {day: 1, week: 7, month: 30.44, year: 365.25};
const DRAW_WAIT_MS = 1000;
const MIN_BAR_PX = 3; // narrower bars stop being readable or brushable; the next coarser period is used
const HEIGHT = 180;
const M = {top: 10, right: 10, bottom: 24, left: 40};
// Without a date filter the plot spans the days holding all but the earliest and latest 2% of
// events (when that is under half the full span), so a few reports dated decades back (an
// article's "historical" mention) do not squeeze everything else into one bar; a button shows all.
const TRIM = 0.02;
const TICK_FORMAT = {
  day: {month: "short", day: "numeric"},
  week: {month: "short", day: "numeric"},
  month: {month: "short", year: "numeric"},
  year: {year: "numeric"},
};

export function parseDay(s) {
  const [y, m, d] = String(s).slice(0, 10).split("-").map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function floorTo(unit, ms) {
  const d = new Date(ms);
  if (unit === "week") return ms - ((d.getUTCDay() + 6) % 7) * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (unit === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
  return ms;
}

function nextStart(unit, ms) {
  const d = new Date(ms);
  if (unit === "week") return ms + 7 * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  if (unit === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  return ms + DAY;
}

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Bins (period starts), the period, and per bin the count per type. */
export function binDays(byDay, lo, hi, maxBins) {
  const span = (hi - lo) / DAY + 1;
  const unit = UNITS.find((u) => span / APPROX_DAYS[u] <= maxBins) || "year";
  const starts = [];
  for (let s = floorTo(unit, lo); s <= hi; s = nextStart(unit, s)) starts.push(s);
  const index = new Map(starts.map((s, i) => [s, i]));
  const stacks = starts.map(() => new Map());
  for (const row of byDay) {
    const i = index.get(floorTo(unit, parseDay(row.day)));
    if (i === undefined) continue;
    stacks[i].set(row.event, (stacks[i].get(row.event) || 0) + row.n);
  }
  return {unit, starts, stacks};
}

/** [first, last] day (ms) of the central events, and how many events fall outside. */
export function coreRange(rows) {
  const days = rows.map((r) => [parseDay(r.day), r.n]).sort((a, b) => a[0] - b[0]);
  const total = days.reduce((a, d) => a + d[1], 0);
  const edge = (list) => {
    let acc = 0;
    for (const [day, n] of list) {
      acc += n;
      if (acc > total * TRIM) return day;
    }
    return list[list.length - 1][0];
  };
  const first = days[0][0];
  const last = days[days.length - 1][0];
  const lo = edge(days);
  const hi = edge([...days].reverse());
  if (hi - lo >= (last - first) / 2) return {lo: first, hi: last, outside: 0};
  const outside = days.filter(([day]) => day < lo || day > hi).reduce((a, d) => a + d[1], 0);
  return {lo, hi, outside};
}

export function createTimeline(root, {onBrush}) {
  let last = null;
  let seenWidth = 0;
  const waiting = []; // callers of drawn() until the plot has been measured and drawn
  const caption = h("p", {class: "timeline-caption"});
  const plot = h("div", {class: "timeline-plot"});
  const legend = h("ul", {class: "legend"});
  let showAll = false;
  const clearButton = h("button", {type: "button", class: "link-button", hidden: true, on: {click: () => onBrush(null, null)}});
  const note = h("p", {class: "timeline-note"});
  fill(root, h("div", {class: "timeline-head"}, caption, clearButton), plot, note, legend);

  function render() {
    if (!last) return;
    const {stats, filters} = last;
    clear(plot);
    clear(legend);
    clearButton.hidden = !(filters.since || filters.until);
    clearButton.textContent = t("timeline.clear_range");
    clear(note);
    const rows = stats.by_day || [];
    if (!seenWidth) return; // drawn once the ResizeObserver has measured the plot (never forcing a layout)
    for (const resolve of waiting.splice(0)) queueMicrotask(resolve); // run once this drawing is done
    const width = Math.max(280, seenWidth);
    if (!rows.length) {
      caption.textContent = t("timeline.empty");
      return;
    }
    const core = filters.since || filters.until ? {lo: 0, hi: 0, outside: 0} : coreRange(rows);
    const days = rows.map((r) => parseDay(r.day));
    const trimmed = core.outside > 0 && !showAll;
    const lo = filters.since ? parseDay(filters.since) : trimmed ? core.lo : days.reduce((a, b) => Math.min(a, b));
    const hi = filters.until ? parseDay(filters.until) : trimmed ? core.hi : days.reduce((a, b) => Math.max(a, b));
    if (core.outside > 0) {
      note.append(showAll ? "" : t("timeline.outside", {n: formatNumber(core.outside)}), " ",
        h("button", {type: "button", class: "link-button", on: {click: () => {
          showAll = !showAll;
          render();
        }}}, t(showAll ? "timeline.show_core" : "timeline.show_all")));
    }
    const innerW = width - M.left - M.right;
    const innerH = HEIGHT - M.top - M.bottom;
    const {unit, starts, stacks} = binDays(rows, Math.min(lo, hi), Math.max(lo, hi), Math.max(10, Math.floor(innerW / MIN_BAR_PX)));
    caption.textContent = t(`timeline.per_${unit}`);

    const totals = new Map();
    for (const r of rows) totals.set(r.event, (totals.get(r.event) || 0) + r.n);
    const types = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b));
    const sums = stacks.map((s) => [...s.values()].reduce((a, b) => a + b, 0));
    const step = niceStep(Math.max(...sums, 1) / 3);
    const top = Math.max(step, Math.ceil(Math.max(...sums, 1) / step) * step);
    const y = (v) => M.top + innerH - (v / top) * innerH;
    const bw = innerW / starts.length;
    const gap = bw > 6 ? 1 : 0;

    const chart = svg("svg", {class: "timeline-svg", viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT,
      role: "img", "aria-label": t("timeline.label", {n: formatNumber(sums.reduce((a, b) => a + b, 0))})});
    const grid = svg("g", {class: "grid"});
    for (let v = 0; v <= top; v += step) {
      grid.append(svg("line", {x1: M.left, x2: width - M.right, y1: y(v), y2: y(v)}),
        svg("text", {x: M.left - 6, y: y(v), dy: "0.32em", "text-anchor": "end", text: formatNumber(v)}));
    }
    // The overlay takes the pointer where there is no bar; bars keep their tooltips and a drag
    // that starts on one still brushes (the handlers sit on the whole chart).
    const overlay = svg("rect", {class: "overlay", x: M.left, y: M.top, width: innerW, height: innerH});
    chart.append(grid, overlay);

    const bars = svg("g", {class: "bars"});
    starts.forEach((start, i) => {
      let acc = 0;
      const period = periodLabel(unit, start);
      for (const type of types) {
        const n = stacks[i].get(type);
        if (!n) continue;
        const rect = svg("rect", {class: `bar t-${type}`, x: (M.left + i * bw + gap / 2).toFixed(2), width: Math.max(1, bw - gap).toFixed(2),
          y: y(acc + n).toFixed(2), height: Math.max(0.5, y(acc) - y(acc + n)).toFixed(2)},
        svg("title", {text: t("timeline.bar", {type: typeLabel(type), n: formatNumber(n), period})}));
        rect.dataset.type = type;
        rect.dataset.n = String(n);
        rect.dataset.start = isoDay(start);
        bars.append(rect);
        acc += n;
      }
    });
    chart.append(bars);

    const axis = svg("g", {class: "axis"});
    const every = Math.max(1, Math.ceil(starts.length / Math.max(2, Math.floor(innerW / 90))));
    for (let i = 0; i < starts.length; i += every) {
      axis.append(svg("text", {x: (M.left + i * bw + bw / 2).toFixed(1), y: HEIGHT - 6, "text-anchor": "middle",
        text: formatDate(isoDay(starts[i]), unit, TICK_FORMAT[unit])}));
    }
    axis.append(svg("line", {x1: M.left, x2: width - M.right, y1: y(0), y2: y(0)}));
    chart.append(axis);

    const brush = svg("rect", {class: "brush", x: 0, y: M.top, width: 0, height: innerH, visibility: "hidden"});
    chart.append(brush);
    wireBrush(chart, brush, {unit, starts, bw, left: M.left, innerW});
    plot.append(chart);

    for (const type of types) {
      legend.append(h("li", {}, h("span", {class: `sw t-${type}`, "aria-hidden": "true"}), typeLabel(type),
        h("span", {class: "legend-n"}, formatNumber(totals.get(type)))));
    }
  }

  function periodLabel(unit, start) {
    if (unit === "day") return formatDate(isoDay(start), "day");
    if (unit === "month") return formatDate(isoDay(start), "month");
    if (unit === "year") return formatDate(isoDay(start), "year");
    return t("timeline.week_of", {day: formatDate(isoDay(start), "day")});
  }

  function wireBrush(chart, brush, {unit, starts, bw, left, innerW}) {
    let start = null;
    const toX = (e) => {
      const r = chart.getBoundingClientRect();
      return (e.clientX - r.left) * (chart.viewBox.baseVal.width / r.width);
    };
    const clamp = (x) => Math.min(left + innerW - 0.01, Math.max(left, x));
    chart.addEventListener("pointerdown", (e) => {
      const x = toX(e);
      if (e.button !== 0 || x < left || x > left + innerW) return;
      start = clamp(x);
      chart.setPointerCapture(e.pointerId);
      brush.setAttribute("x", start);
      brush.setAttribute("width", 0);
      brush.setAttribute("visibility", "visible");
      e.preventDefault();
    });
    chart.addEventListener("pointermove", (e) => {
      if (start === null) return;
      const x = clamp(toX(e));
      brush.setAttribute("x", Math.min(start, x));
      brush.setAttribute("width", Math.abs(x - start));
    });
    chart.addEventListener("pointerup", (e) => {
      if (start === null) return;
      const x = clamp(toX(e));
      const a = Math.floor((Math.min(start, x) - left) / bw);
      const b = Math.floor((Math.max(start, x) - left) / bw);
      start = null;
      brush.setAttribute("visibility", "hidden");
      const first = starts[Math.max(0, a)];
      const lastStart = starts[Math.min(starts.length - 1, b)];
      onBrush(isoDay(first), isoDay(nextStart(unit, lastStart) - DAY));
    });
    chart.addEventListener("pointercancel", () => {
      start = null;
      brush.setAttribute("visibility", "hidden");
    });
  }

  let pending = 0;
  new ResizeObserver((entries) => {
    const width = Math.round(entries[0].contentRect.width);
    if (!width || width === seenWidth) return;
    seenWidth = width;
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(render);
  }).observe(plot);

  return {
    update(stats, filters) {
      last = {stats, filters};
      render();
    },
    /** Resolves once the bars for the last update are on the page (at most DRAW_WAIT_MS later:
     * a plot that is never laid out, e.g. hidden, draws nothing to wait for). */
    drawn() {
      if (seenWidth) return Promise.resolve();
      return new Promise((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, DRAW_WAIT_MS);
      });
    },
    relabel: render,
  };
}
