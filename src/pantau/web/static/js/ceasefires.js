// Ceasefires: the list (parties, start, brokers, who announced it, counts per side after the
// start) and one ceasefire's timeline, one lane per party, the agreement marked, each incident
// and accusation placed on its side before or after it.

import {get} from "./api.js";
import {fill, h, svg} from "./dom.js";
import {countryName, formatDate, formatNumber, t, typeLabel} from "./i18n.js";
import {parseDay} from "./timeline.js";
import {codeChip, eventHref, excerpt} from "./table.js";

const DAY = 86400000;
const LANE = 56;
const M = {top: 28, right: 16, bottom: 24, left: 110};

export function loadCeasefires(signal) {
  return get("/api/ceasefires", null, {signal});
}

export function loadCeasefire(id, signal) {
  return get(`/api/ceasefires/${encodeURIComponent(id)}`, null, {signal});
}

function partyNames(parties) {
  return parties.map((p) => countryName(p)).join(" \u2013 ");
}

function chipName(code) {
  return h("span", {class: "party", dataset: {code}}, codeChip(code), " ", countryName(code));
}

function chips(codes) {
  if (!codes || !codes.length) return h("span", {class: "muted"}, "\u2014");
  return h("span", {class: "chips"}, codes.map(chipName));
}

function brokers(list) {
  if (!list || !list.length) return h("span", {class: "muted"}, "\u2014");
  return h("ul", {class: "plain"}, list.map((b) => h("li", {class: "broker", dataset: {code: b.code}}, chipName(b.code),
    h("span", {class: "muted"}, " \u00b7 "),
    b.events.map((id, i) => [i ? ", " : "", h("a", {href: eventHref(id)}, t("cf.broker_event", {n: i + 1}))]))));
}

function sideTable(cf) {
  return h("div", {class: "table-scroll"}, h("table", {class: "per-side"},
    h("caption", {}, t("cf.per_side_caption")),
    h("thead", {}, h("tr", {}, h("th", {scope: "col"}, t("cf.party")), h("th", {scope: "col"}, t("cf.incidents")),
      h("th", {scope: "col"}, t("cf.accusations")), h("th", {scope: "col"}, t("cf.denials")),
      h("th", {scope: "col"}, t("cf.dead")))),
    h("tbody", {}, Object.entries(cf.per_side || {}).map(([code, s]) => h("tr", {dataset: {code}},
      h("th", {scope: "row"}, chipName(code)), h("td", {}, formatNumber(s.incidents)),
      h("td", {}, formatNumber(s.accusations)), h("td", {}, formatNumber(s.denials || 0)),
      h("td", {}, formatNumber(s.dead)))))));
}

// the status word of the rules file (holding, violations alleged, violated, collapsed) as a class
function statusKey(status) {
  return String(status || "").replace(/[^a-z]+/g, "-");
}

function statusBadge(cf) {
  const key = statusKey(cf.status);
  return h("span", {class: `status s-${key}`, dataset: {status: cf.status}}, t(`cf.status.${key}`));
}

function lastViolation(cf) {
  if (!cf.last_violation) return h("span", {class: "muted"}, t("cf.no_violation"));
  return t("cf.last_violation_on", {day: formatDate(cf.last_violation), n: formatNumber(cf.days_since_violation)});
}

function summary(cf, {linked}) {
  const title = t("cf.title", {parties: partyNames(cf.parties)});
  return [
    h("h2", {class: "cf-title"}, linked ? h("a", {href: `#/ceasefire/${encodeURIComponent(cf.ceasefire_id)}`}, title) : title),
    h("dl", {class: "cf-facts"},
      h("dt", {}, t("cf.status")), h("dd", {}, statusBadge(cf)),
      h("dt", {}, t("cf.parties")), h("dd", {}, chips(cf.parties)),
      h("dt", {}, t("cf.start")), h("dd", {}, formatDate(cf.start)),
      cf.renewals && cf.renewals.length ? [h("dt", {}, t("cf.renewals")),
        h("dd", {}, cf.renewals.map((d) => formatDate(d)).join(", "))] : null,
      h("dt", {}, t("cf.last_violation")), h("dd", {}, lastViolation(cf)),
      h("dt", {}, t("cf.announced_by")), h("dd", {}, chips(cf.announced_by)),
      h("dt", {}, t("cf.brokers")), h("dd", {}, brokers(cf.brokers)),
      h("dt", {}, t("cf.after")), h("dd", {}, t("cf.after_n", {n: formatNumber(cf.after || 0)}))),
    sideTable(cf),
  ];
}

export function renderCeasefires(root, data) {
  const list = data.ceasefires || [];
  fill(root, h("header", {class: "view-head"}, h("h1", {tabindex: "-1"}, t("cf.list_title")),
    h("p", {class: "muted"}, t("cf.list_intro"))));
  if (!list.length) {
    root.append(h("p", {class: "panel empty"}, t("cf.none")));
    return root.querySelector("h1");
  }
  root.append(h("div", {class: "cf-list"}, list.map((cf) => h("article", {class: "panel cf-card", dataset: {id: cf.ceasefire_id}},
    summary(cf, {linked: true})))));
  return root.querySelector("h1");
}

function lanesOf(cf) {
  const lanes = [...cf.parties];
  for (const item of cf.timeline || []) if (item.side && !lanes.includes(item.side)) lanes.push(item.side);
  return lanes;
}

function laneChart(cf, width) {
  const items = cf.timeline || [];
  const lanes = lanesOf(cf);
  const start = parseDay(cf.start);
  const days = items.map((i) => parseDay(i.day)).concat([start]);
  const lo = Math.min(...days) - DAY;
  const hi = Math.max(...days) + DAY;
  const height = M.top + lanes.length * LANE + M.bottom;
  const x = (ms) => M.left + ((ms - lo) / (hi - lo)) * (width - M.left - M.right);
  const chart = svg("svg", {class: "lane-chart", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": t("cf.chart_label", {parties: partyNames(cf.parties)})});
  lanes.forEach((code, i) => {
    const y = M.top + i * LANE;
    chart.append(svg("rect", {class: `lane lane-${i % 2}`, x: M.left, y, width: width - M.left - M.right, height: LANE}),
      svg("text", {class: "lane-label", x: M.left - 8, y: y + LANE / 2, dy: "0.32em", "text-anchor": "end",
        text: countryName(code)}));
  });
  const sx = x(start);
  chart.append(svg("line", {class: "agreement-line", x1: sx, x2: sx, y1: M.top - 8, y2: M.top + lanes.length * LANE}),
    svg("text", {class: "agreement-label", x: sx, y: M.top - 12, "text-anchor": "middle", text: t("cf.agreed")}));
  const stacked = new Map();
  for (const item of items) {
    const lane = Math.max(0, lanes.indexOf(item.side));
    const key = `${lane}:${item.day}`;
    const k = stacked.get(key) || 0;
    stacked.set(key, k + 1);
    const cx = x(parseDay(item.day)) + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 14;
    const cy = M.top + lane * LANE + LANE / 2;
    const shape = item.kind === "accusation"
      ? svg("rect", {x: -5.5, y: -5.5, width: 11, height: 11, transform: "rotate(45)"})
      : item.kind === "denial" || item.kind === "collapse"
        ? svg("rect", {x: -5.5, y: -5.5, width: 11, height: 11})
        : svg("circle", {r: 6.5});
    const label = t("cf.mark", {kind: t(`cf.kind.${item.kind}`), type: typeLabel(item.event), day: formatDate(item.day),
      claimant: item.claimant_code ? countryName(item.claimant_code) : t("event.no_claimant")});
    const link = svg("a", {href: eventHref(item.event_id), class: `mark ${item.kind} ${item.phase}`, "aria-label": label},
      svg("title", {text: label}), svg("g", {transform: `translate(${cx.toFixed(1)} ${cy})`}, shape));
    chart.append(link);
  }
  const ticks = Math.min(6, Math.round((hi - lo) / DAY));
  for (let i = 0; i <= ticks; i++) {
    const ms = lo + Math.round(((hi - lo) / DAY) * (i / ticks)) * DAY;
    const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
    chart.append(svg("text", {class: "tick", x: x(ms), y: height - 6, "text-anchor": anchor,
      text: formatDate(new Date(ms).toISOString().slice(0, 10), "day", {month: "short", day: "numeric"})}));
  }
  return chart;
}

function itemCard(item) {
  return h("li", {class: `cf-item ${item.kind} ${item.phase}`, dataset: {id: item.event_id}},
    h("p", {class: "cf-item-head"}, h("span", {class: `badge ${item.kind}`}, t(`cf.kind.${item.kind}`)), " ",
      h("a", {href: eventHref(item.event_id)}, typeLabel(item.event)), h("span", {class: "muted"}, " \u00b7 ", formatDate(item.day))),
    h("p", {class: "cf-item-claimant"}, t("cf.claimant"), " ",
      item.claimant_code ? chipName(item.claimant_code) : h("span", {class: "muted"}, t("event.no_claimant")),
      item.dead ? h("span", {class: "dead"}, " \u00b7 ", t("claims.dead", {n: formatNumber(item.dead)})) : null),
    h("p", {class: "quote"}, excerpt(item.sentence, item.trigger_text, 240)),
    h("p", {class: "outlet muted"}, item.source || ""));
}

function lanesList(cf) {
  const lanes = lanesOf(cf);
  const items = [...(cf.timeline || [])].sort((a, b) => a.day.localeCompare(b.day));
  return h("div", {class: "lanes"}, lanes.map((code) => {
    const mine = items.filter((i) => (i.side || lanes[0]) === code);
    const before = mine.filter((i) => i.phase === "before");
    const after = mine.filter((i) => i.phase !== "before");
    return h("section", {class: "lane-col", dataset: {code}, "aria-label": countryName(code)},
      h("h3", {}, chipName(code)),
      h("ol", {class: "plain cf-items"}, before.map(itemCard)),
      h("p", {class: "agreement-mark"}, t("cf.agreed_on", {day: formatDate(cf.start)})),
      after.length ? h("ol", {class: "plain cf-items"}, after.map(itemCard))
        : h("p", {class: "muted small"}, t("cf.nothing_after")));
  }));
}

export function renderCeasefire(root, cf, {backHref}) {
  const chartBox = h("div", {class: "lane-chart-box"});
  fill(root, 
    h("header", {class: "view-head"}, h("a", {class: "back", href: backHref}, t("cf.back")),
      h("h1", {tabindex: "-1"}, t("cf.title", {parties: partyNames(cf.parties)}))),
    h("div", {class: "cf-detail"},
      h("section", {class: "panel cf-card"}, summary(cf, {linked: false}).slice(1),
        h("h3", {}, t("cf.agreements")),
        h("ul", {class: "plain"}, (cf.agreements || []).map((a) => h("li", {},
          h("a", {href: eventHref(a.event_id)}, typeLabel(a.event), " \u00b7 ", formatDate(a.day)),
          h("p", {class: "quote"}, excerpt(a.sentence, a.trigger_text, 200)))))),
      h("section", {class: "panel cf-timeline", "aria-labelledby": "cf-tl-h"},
        h("h2", {id: "cf-tl-h"}, t("cf.timeline")),
        h("ul", {class: "legend"}, h("li", {}, h("span", {class: "glyph incident", "aria-hidden": "true"}), t("cf.kind.incident")),
          h("li", {}, h("span", {class: "glyph accusation", "aria-hidden": "true"}), t("cf.kind.accusation")),
          h("li", {}, h("span", {class: "glyph denial", "aria-hidden": "true"}), t("cf.kind.denial")),
          h("li", {}, h("span", {class: "glyph before", "aria-hidden": "true"}), t("cf.phase.before")),
          h("li", {}, h("span", {class: "glyph after", "aria-hidden": "true"}), t("cf.phase.after"))),
        chartBox, lanesList(cf))));
  const draw = () => {
    const width = Math.max(320, Math.round(chartBox.getBoundingClientRect().width));
    fill(chartBox, laneChart(cf, width));
  };
  requestAnimationFrame(draw);
  draw();
  return root.querySelector("h1");
}
