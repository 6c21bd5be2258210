// The event table: one page from /api/events at a time, a "more" button for the next.

import {clear, fill, h, splitList} from "./dom.js";
import {countryName, formatDate, formatNumber, t, tOr, typeLabel} from "./i18n.js";

const EXCERPT = 170; // characters of the evidence sentence shown in a row

export function eventHref(id) {
  return `#/event/${encodeURIComponent(id)}`;
}

/** A country or organisation code as a small chip naming it in the reader's language. */
export function codeChip(code) {
  if (!code) return null;
  const name = countryName(code);
  return h("abbr", {class: "code", title: name !== code ? name : null, dataset: {code}}, code);
}

export function codeList(value) {
  const codes = splitList(value);
  if (!codes.length) return h("span", {class: "muted"}, "\u2014");
  return h("span", {class: "codes"}, codes.map(codeChip));
}

/** The sentence cut to length, the trigger in bold where it occurs; all as text nodes. */
export function excerpt(sentence, trigger, limit = EXCERPT) {
  const text = String(sentence || "");
  const at = trigger ? text.indexOf(trigger) : -1;
  let from = 0;
  if (at > limit - 60) from = Math.max(0, at - 60);
  let cut = text.slice(from, from + limit);
  const lead = from > 0 ? "\u2026" : "";
  const tail = from + limit < text.length ? "\u2026" : "";
  const rel = at >= 0 ? at - from : -1;
  if (rel < 0 || rel + trigger.length > cut.length) return [lead + cut + tail];
  cut = [cut.slice(0, rel), h("strong", {}, cut.slice(rel, rel + trigger.length)), cut.slice(rel + trigger.length)];
  return [lead, ...cut, tail];
}

export function createTable(root, {onMore}) {
  const body = h("tbody");
  const status = h("p", {class: "table-status", role: "status"});
  const more = h("button", {type: "button", class: "button", "data-i18n": "table.more", hidden: true,
    on: {click: () => onMore()}});
  const heads = ["day", "type", "actors", "place", "claimant", "modality", "sentence"];
  const table = h("table", {class: "events"},
    h("caption", {class: "sr-only", "data-i18n": "table.caption"}),
    h("thead", {}, h("tr", {}, heads.map((k) => h("th", {scope: "col", class: `col-${k}`, "data-i18n": `table.${k}`})))),
    body);
  fill(root, h("div", {class: "table-scroll"}, table), h("div", {class: "table-foot"}, status, more));
  let rows = [];
  let next = null;

  function row(e) {
    const href = eventHref(e.event_id);
    const place = e.place ? [e.place, e.country ? [" ", codeChip(e.country)] : null] : e.country ? codeChip(e.country) : null;
    const tr = h("tr", {dataset: {id: e.event_id, type: e.event || "", country: e.country || ""}},
      h("td", {class: "col-day"}, h("a", {class: "row-link", href}, formatDate(e.date || e.day, e.date_precision || "day"))),
      h("td", {class: "col-type"}, h("span", {class: `sw t-${e.event}`, "aria-hidden": "true"}), typeLabel(e.event),
        e.mode ? h("span", {class: "mode"}, tOr(`mode.${e.mode}`, e.mode)) : null),
      h("td", {class: "col-actors", dataset: {label: t("table.actors")}}, codeList(e.actor_codes), h("span", {class: "arrow", "aria-hidden": "true"}, " \u2192 "),
        codeList(e.recipient_codes)),
      h("td", {class: "col-place", dataset: {label: t("table.place")}}, place || h("span", {class: "muted"}, "\u2014")),
      h("td", {class: "col-claimant", dataset: {label: t("table.claimant")}}, e.claimant_code ? codeChip(e.claimant_code) : h("span", {class: "muted"}, "\u2014")),
      h("td", {class: "col-modality"}, h("span", {class: `modality m-${e.modality}`}, tOr(`modality.${e.modality}`, e.modality || ""))),
      h("td", {class: "col-sentence"}, excerpt(e.sentence, e.trigger_text)));
    tr.addEventListener("click", (ev) => {
      if (ev.target.closest("a") || window.getSelection().toString()) return;
      location.hash = href;
    });
    return tr;
  }

  function render() {
    clear(body);
    for (const e of rows) body.append(row(e));
    more.hidden = !next;
    status.textContent = rows.length ? t("table.shown", {n: formatNumber(rows.length)}) : t("table.empty");
  }

  return {
    reset(page) {
      rows = page.events || [];
      next = page.next_cursor || null;
      render();
    },
    append(page) {
      const start = rows.length;
      rows = rows.concat(page.events || []);
      next = page.next_cursor || null;
      for (const e of rows.slice(start)) body.append(row(e));
      more.hidden = !next;
      status.textContent = t("table.shown", {n: formatNumber(rows.length)});
    },
    cursor: () => next,
    relabel: render,
    setBusy(busy) {
      more.disabled = busy;
      root.classList.toggle("busy", busy);
    },
  };
}
