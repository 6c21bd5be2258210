// One event: the source article with the spans behind each field highlighted, the fields, and
// the competing claims side by side (this report's claimants, other versions in the same
// article, other outlets' reports of the same event).

import {get} from "./api.js";
import {externalLink, fill, h, safeUrl} from "./dom.js";
import {countryName, formatDate, formatNumber, t, tOr, typeLabel} from "./i18n.js";
import {codeChip, codeList, eventHref, excerpt} from "./table.js";

export const FIELDS = ["trigger", "actor", "recipient", "place", "date", "count", "claim", "sentence"];
const TOKEN_FIELDS = new Set(["trigger", "actor", "recipient", "place", "date", "count"]);

/**
 * The article text as nodes, cut at every span boundary; each piece carries one class per field
 * covering it. Offsets are code points (the API's), so the text is split with Array.from.
 */
export function highlight(text, spans) {
  const chars = Array.from(text || "");
  const n = chars.length;
  const valid = (spans || []).filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end <= n && s.start < s.end);
  const cuts = new Set([0, n]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  let sentence = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const cover = valid.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) {
      fragment.append(piece);
      continue;
    }
    const fields = [...new Set(cover.map((s) => s.field))];
    const token = fields.some((f) => TOKEN_FIELDS.has(f));
    const notes = cover.filter((s) => s.field !== "sentence")
      .map((s) => (s.label ? `${t(`field.${s.field}`)}: ${s.label}` : t(`field.${s.field}`)));
    const el = h(token ? "mark" : "span", {class: ["hl", ...fields.map((f) => `f-${f}`)],
      title: notes.length ? notes.join("\n") : null}, piece);
    if (!sentence && fields.includes("sentence")) sentence = el;
    fragment.append(el);
  }
  return {fragment, sentence};
}

export async function loadEvent(id, signal) {
  const view = await get(`/api/events/${encodeURIComponent(id)}`, null, {signal});
  let siblings = [];
  try {
    const page = await get("/api/events", {document: view.event.doc_id, limit: 200, sort: "day"}, {signal});
    siblings = page.events || [];
  } catch (err) {
    if (err.name === "AbortError") throw err;
  }
  return {view, siblings};
}

function countText(q) {
  const label = tOr(`count.${q.key}`, q.key);
  const value = q.low !== null && q.high !== null && q.low !== q.high
    ? `${formatNumber(q.low)}\u2013${formatNumber(q.high)}` : formatNumber(q.value);
  return t("event.count", {value, label});
}

function counts(list) {
  if (!list || !list.length) return h("span", {class: "muted"}, t("event.no_counts"));
  return h("ul", {class: "counts"}, list.map((q) => h("li", {dataset: {key: q.key}}, countText(q))));
}

function party(code, text) {
  if (!code && !text) return h("span", {class: "muted"}, t("event.no_claimant"));
  return h("span", {class: "party"}, code ? codeChip(code) : null, " ", text || countryName(code));
}

function dateText(e) {
  const day = formatDate(e.date || e.day, e.date_precision === "published" ? "day" : e.date_precision || "day");
  return e.date_precision === "published" ? t("event.date_published", {day}) : day;
}

function field(key, ...value) {
  return [h("dt", {}, t(`event.field.${key}`)), h("dd", {dataset: {field: key}}, ...value)];
}

function fieldsPanel(view) {
  const e = view.event;
  const loc = view.location;
  const actors = view.entities.filter((x) => x.role === "actor");
  const recipients = view.entities.filter((x) => x.role === "recipient");
  const entityList = (list) => (list.length
    ? h("ul", {class: "plain"}, list.map((x) => h("li", {}, party(x.code, x.text))))
    : h("span", {class: "muted"}, "\u2014"));
  const placeValue = loc
    ? [loc.name || loc.text, loc.country ? [" ", codeChip(loc.country)] : null,
      loc.precision ? h("span", {class: "muted"}, " \u00b7 ", tOr(`precision.${loc.precision}`, loc.precision)) : null]
    : [h("span", {class: "muted"}, "\u2014")];
  return h("section", {class: "panel fields", "aria-labelledby": "fields-h"},
    h("h2", {id: "fields-h"}, t("event.fields")),
    h("dl", {class: "fields-list"},
      field("type", h("span", {class: `sw t-${e.event}`, "aria-hidden": "true"}), typeLabel(e.event),
        h("span", {class: "muted"}, ` ${e.event}`)),
      field("mode", e.mode ? tOr(`mode.${e.mode}`, e.mode) : h("span", {class: "muted"}, "\u2014")),
      field("date", dateText(e), e.date_text ? h("span", {class: "muted"}, ` \u201c${e.date_text}\u201d`) : null),
      field("actors", entityList(actors)),
      field("recipients", entityList(recipients)),
      field("place", ...placeValue),
      field("counts", counts(view.counts)),
      field("modality", h("span", {class: `modality m-${e.modality}`}, tOr(`modality.${e.modality}`, e.modality || ""))),
      field("confidence", e.confidence !== null && e.confidence !== undefined
        ? formatNumber(e.confidence, {style: "percent", maximumFractionDigits: 0}) : "\u2014"),
      field("cameo", e.cameo || "\u2014"),
      field("acled", [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" \u00b7 ") || "\u2014"),
      field("id", h("code", {}, e.event_id))));
}

function card(kind, ...body) {
  return h("article", {class: `claim-card claim-${kind}`}, h("p", {class: "kicker"}, t(`claims.${kind}`)), ...body);
}

function reportLine(r) {
  return h("p", {class: "outlet"}, r.source || t("event.unknown_source"), " \u00b7 ", formatDate(r.day));
}

function claimsPanel(view) {
  const e = view.event;
  const cards = [];
  if (view.claims.length) {
    for (const c of view.claims) {
      const own = c.counts && c.counts.length ? c.counts : view.claims.length === 1 ? view.counts : [];
      cards.push(card("this", h("p", {class: "claimant"}, party(c.claimant_code, c.claimant_text)),
        c.verb ? h("p", {class: "verb"}, t("claims.verb", {verb: c.verb})) : null,
        counts(own), reportLine({source: view.document.source, day: e.day})));
    }
  } else {
    cards.push(card("this", h("p", {class: "claimant"}, party(e.claimant_code, null)), counts(view.counts),
      reportLine({source: view.document.source, day: e.day})));
  }
  // the server's versions: same article, type and day, another claimant
  const versions = (view.versions || []).filter((s) => s.claimant_code);
  for (const s of versions) {
    cards.push(card("version", h("p", {class: "claimant"}, party(s.claimant_code, null)),
      h("p", {class: "sides"}, codeList(s.actor_codes), " \u2192 ", codeList(s.recipient_codes)),
      deadLine(s.dead), h("p", {class: "quote"}, excerpt(s.sentence, s.trigger_text, 160)),
      h("a", {href: eventHref(s.event_id), class: "open"}, t("claims.open"))));
  }
  const others = view.cluster ? view.cluster.reports.filter((r) => r.event_id !== e.event_id) : [];
  for (const r of others) {
    cards.push(card("outlet", h("p", {class: "claimant"}, party(r.claimant_code, null)),
      deadLine(r.dead), reportLine(r), r.title ? h("p", {class: "quote"}, r.title) : null,
      h("a", {href: eventHref(r.event_id), class: "open"}, t("claims.open"))));
  }
  const note = others.length || versions.length ? null : h("p", {class: "muted small"}, t("claims.alone"));
  return h("section", {class: "panel claims", "aria-labelledby": "claims-h"},
    h("h2", {id: "claims-h"}, t("claims.title")), h("div", {class: "claim-grid"}, cards), note);
}

function deadLine(dead) {
  return h("p", {class: "dead"}, dead === null || dead === undefined
    ? h("span", {class: "muted"}, t("claims.dead_none")) : t("claims.dead", {n: formatNumber(dead)}));
}

function documentPanel(view) {
  const doc = view.document;
  const {fragment, sentence} = highlight(doc.text, view.spans);
  const present = new Set(view.spans.map((s) => s.field));
  const legend = h("ul", {class: "legend span-legend", "aria-label": t("event.legend")},
    FIELDS.filter((f) => present.has(f)).map((f) => h("li", {}, h(TOKEN_FIELDS.has(f) ? "mark" : "span",
      {class: `hl f-${f}`}, t(`field.${f}`)))));
  const text = h("div", {class: "doc-text", tabindex: "0", "aria-label": t("event.document_text")}, fragment);
  const meta = h("p", {class: "doc-meta"},
    doc.source ? h("span", {}, doc.source) : null,
    doc.published ? h("span", {}, formatDate(doc.published)) : null,
    doc.lang ? h("span", {}, doc.lang) : null,
    safeUrl(doc.url) ? externalLink(doc.url, t("event.open_original")) : null);
  const panel = h("section", {class: "panel doc-panel", "aria-labelledby": "doc-h"},
    h("h2", {id: "doc-h"}, t("event.document")),
    h("p", {class: "doc-title"}, doc.title || doc.doc_id), meta, legend, text);
  return {panel, text, sentence};
}

function otherEvents(view, siblings) {
  const rest = siblings.filter((s) => s.event_id !== view.event.event_id);
  if (!rest.length) return null;
  return h("section", {class: "panel siblings", "aria-labelledby": "siblings-h"},
    h("h2", {id: "siblings-h"}, t("event.same_article")),
    h("ul", {class: "plain sibling-list"}, rest.map((s) => h("li", {},
      h("a", {href: eventHref(s.event_id)}, h("span", {class: `sw t-${s.event}`, "aria-hidden": "true"}),
        typeLabel(s.event)), " ", codeList(s.actor_codes), " \u2192 ", codeList(s.recipient_codes),
      h("span", {class: "muted"}, " \u00b7 ", formatDate(s.date || s.day, s.date_precision === "published" ? "day" : s.date_precision || "day"))))));
}

export function renderEvent(root, data, {backHref}) {
  const {view, siblings} = data;
  const e = view.event;
  const {panel, text, sentence} = documentPanel(view);
  const title = h("h1", {tabindex: "-1"}, h("span", {class: `sw t-${e.event}`, "aria-hidden": "true"}), typeLabel(e.event),
    e.mode ? h("span", {class: "mode"}, tOr(`mode.${e.mode}`, e.mode)) : null);
  const sub = h("p", {class: "event-sub"}, codeList(e.actor_codes), " \u2192 ", codeList(e.recipient_codes),
    h("span", {class: "muted"}, " \u00b7 ", dateText(e)));
  fill(root, 
    h("header", {class: "view-head"}, h("a", {class: "back", href: backHref}, t("event.back")), title, sub),
    h("div", {class: "event-grid"}, panel,
      h("div", {class: "event-side"}, claimsPanel(view), fieldsPanel(view), otherEvents(view, siblings))));
  if (sentence) {
    requestAnimationFrame(() => {
      text.scrollTop = Math.max(0, sentence.offsetTop - text.clientHeight / 3); // .doc-text is the offsetParent
    });
  }
  return title;
}
