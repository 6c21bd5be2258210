// Browsable API docs rendered from /openapi.json: every path and method with its summary,
// description, parameters and responses, and a "try it" form that sends GET requests and shows
// the answer. Everything from the spec is inserted as text.

import {clear, fill, h} from "./js/dom.js";
import {LANGUAGES, language, loadLanguage, pickLanguage, saveLanguage, t, translatePage} from "./js/i18n.js";

const METHODS = ["get", "post", "put", "patch", "delete"];
const SHOW_CHARS = 60000; // longer answers (exports) are cut in the page; the full one is a click away

const $ = (id) => document.getElementById(id);
let spec = null;

function deref(schema) {
  if (schema && schema.$ref) {
    const name = schema.$ref.split("/").pop();
    return {name, schema: ((spec.components || {}).schemas || {})[name] || {}};
  }
  return {name: null, schema: schema || {}};
}

/** A short type for a JSON schema: string, integer, string | null, Submission, string[] ... */
export function typeOf(schema) {
  if (!schema) return "";
  if (schema.$ref) return deref(schema).name;
  if (schema.anyOf || schema.oneOf) return (schema.anyOf || schema.oneOf).map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items) || "any"}[]`;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  return schema.type || "object";
}

function constraints(schema) {
  const out = [];
  const all = [schema, ...(schema.anyOf || [])];
  for (const s of all) {
    if (s.minimum !== undefined || s.maximum !== undefined) out.push(t("docs.range", {min: s.minimum ?? "\u2212\u221e", max: s.maximum ?? "\u221e"}));
    if (s.maxLength !== undefined) out.push(t("docs.max_length", {n: s.maxLength}));
    if (s.pattern) out.push(t("docs.pattern", {pattern: s.pattern}));
  }
  return out.join(" \u00b7 ");
}

/** Description text with ``code`` and `code` shown as code; paragraphs at blank lines. */
function prose(text) {
  if (!text) return null;
  return String(text).split(/\n\s*\n/).map((para) => h("p", {}, para.split(/``?([^`]+)``?/).map((part, i) => (i % 2 ? h("code", {}, part) : part))));
}

function anchor(op, method, path) {
  return `op-${(op.operationId || `${method}-${path}`).replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function paramRows(params) {
  return params.map((p) => {
    const schema = p.schema || {};
    const def = schema.default !== undefined ? JSON.stringify(schema.default) : "";
    return h("tr", {},
      h("td", {}, h("code", {}, p.name), p.required ? h("span", {class: "required"}, " ", t("docs.required")) : null),
      h("td", {}, p.in),
      h("td", {}, h("code", {}, typeOf(schema)), constraints(schema) ? h("div", {class: "muted small"}, constraints(schema)) : null),
      h("td", {}, def ? h("code", {}, def) : ""),
      h("td", {}, p.description || schema.description || ""));
  });
}

function bodyBlock(op) {
  const content = op.requestBody && op.requestBody.content;
  if (!content) return null;
  const [media, body] = Object.entries(content)[0];
  const {name, schema} = deref(body.schema);
  const props = Object.entries(schema.properties || {});
  const required = new Set(schema.required || []);
  return h("div", {class: "doc-block"}, h("h4", {}, t("docs.body"), " ", h("code", {}, media), name ? [" \u00b7 ", h("code", {}, name)] : null),
    prose(schema.description),
    h("div", {class: "table-scroll"}, h("table", {class: "params"},
      h("thead", {}, h("tr", {}, ["docs.name", "docs.type", "docs.description"].map((k) => h("th", {scope: "col"}, t(k))))),
      h("tbody", {}, props.map(([key, s]) => h("tr", {},
        h("td", {}, h("code", {}, key), required.has(key) ? h("span", {class: "required"}, " ", t("docs.required")) : null),
        h("td", {}, h("code", {}, typeOf(s)), constraints(s) ? h("div", {class: "muted small"}, constraints(s)) : null),
        h("td", {}, s.description || "")))))));
}

function responsesBlock(op) {
  const entries = Object.entries(op.responses || {});
  if (!entries.length) return null;
  return h("div", {class: "doc-block"}, h("h4", {}, t("docs.responses")),
    h("ul", {class: "plain responses"}, entries.map(([code, r]) => h("li", {},
      h("code", {class: `status s${String(code)[0]}`}, code), " ", r.description || ""))));
}

function tryIt(method, path, params) {
  if (method !== "get") return h("p", {class: "muted small"}, t("docs.try_get_only"));
  const inputs = params.filter((p) => p.in === "path" || p.in === "query").map((p) => {
    const schema = p.schema || {};
    const id = `try-${Math.random().toString(36).slice(2, 9)}`;
    const input = h("input", {id, name: p.name, required: p.in === "path" ? true : null, spellcheck: "false",
      placeholder: schema.default !== undefined ? String(schema.default) : ""});
    input.dataset.in = p.in;
    return h("div", {class: "field"}, h("label", {for: id}, h("code", {}, p.name)), input);
  });
  const out = h("div", {class: "try-out", "aria-live": "polite"});
  const form = h("form", {class: "try-form"}, h("div", {class: "try-fields"}, inputs),
    h("button", {type: "submit", class: "button primary"}, t("docs.send")), out);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let url = path;
    const qs = new URLSearchParams();
    for (const input of form.querySelectorAll("input")) {
      const value = input.value.trim();
      if (input.dataset.in === "path") url = url.replace(`{${input.name}}`, encodeURIComponent(value));
      else if (value) qs.set(input.name, value);
    }
    if (qs.toString()) url += `?${qs}`;
    fill(out, h("p", {class: "muted"}, t("status.loading")));
    try {
      const started = performance.now();
      const response = await fetch(url, {headers: {accept: "application/json"}});
      const ms = Math.round(performance.now() - started);
      const type = response.headers.get("content-type") || "";
      let text = await response.text();
      if (type.includes("json")) {
        try {
          text = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          // not JSON after all: shown as it came
        }
      }
      const cut = text.length > SHOW_CHARS;
      fill(out, 
        h("p", {class: "try-status"}, h("code", {class: `status s${String(response.status)[0]}`}, String(response.status)), " ",
          h("code", {}, `GET ${url}`), h("span", {class: "muted"}, ` \u00b7 ${t("docs.took", {ms})}`)),
        h("pre", {class: "try-json"}, cut ? text.slice(0, SHOW_CHARS) : text),
        cut ? h("p", {class: "muted small"}, t("docs.cut", {n: SHOW_CHARS}), " ", h("a", {href: url}, t("docs.open_full"))) : null);
    } catch (err) {
      fill(out, h("p", {class: "error-inline"}, t("error.network"), " ", String(err.message || err)));
    }
  });
  return h("details", {class: "try"}, h("summary", {}, t("docs.try")), form);
}

function render() {
  $("docs-intro").textContent = (spec.info && spec.info.description) || "";
  const toc = clear($("toc"));
  const ops = clear($("operations"));
  const groups = new Map();
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = (op.tags && op.tags[0]) || t("docs.untagged");
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push({path, method, op, params: [...(item.parameters || []), ...(op.parameters || [])]});
    }
  }
  for (const [tag, list] of groups) {
    toc.append(h("h3", {}, tag), h("ul", {class: "plain"}, list.map(({path, method, op}) => h("li", {},
      h("a", {href: `#${anchor(op, method, path)}`}, h("span", {class: `method m-${method}`}, method.toUpperCase()),
        h("span", {class: "toc-path"}, path))))));
    ops.append(h("h2", {class: "tag-title"}, tag));
    for (const {path, method, op, params} of list) {
      ops.append(h("section", {class: "panel operation", id: anchor(op, method, path), dataset: {path, method}},
        h("h3", {class: "op-title"}, h("span", {class: `method m-${method}`}, method.toUpperCase()), " ", h("code", {class: "op-path"}, path)),
        op.summary ? h("p", {class: "op-summary"}, op.summary) : null,
        prose(op.description),
        params.length ? h("div", {class: "doc-block"}, h("h4", {}, t("docs.parameters")),
          h("div", {class: "table-scroll"}, h("table", {class: "params"},
            h("thead", {}, h("tr", {}, ["docs.name", "docs.in", "docs.type", "docs.default", "docs.description"].map((k) => h("th", {scope: "col"}, t(k))))),
            h("tbody", {}, paramRows(params))))) : null,
        bodyBlock(op),
        responsesBlock(op),
        tryIt(method, path, params)));
    }
  }
}

function fillLanguages() {
  fill($("lang"), LANGUAGES.map((lang) => {
    const o = h("option", {value: lang}, t(`lang.${lang}`));
    o.selected = lang === language();
    return o;
  }));
}

async function boot() {
  const [, openapi] = await Promise.all([loadLanguage(pickLanguage()),
    fetch("/openapi.json").then((r) => {
      if (!r.ok) throw new Error(`/openapi.json: ${r.status}`);
      return r.json();
    })]);
  spec = openapi;
  translatePage();
  document.title = `${t("docs.title")} \u00b7 pantau`;
  fillLanguages();
  render();
  $("lang").addEventListener("change", async (e) => {
    saveLanguage(e.target.value);
    await loadLanguage(e.target.value);
    translatePage();
    document.title = `${t("docs.title")} \u00b7 pantau`;
    fillLanguages();
    render();
  });
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
  document.body.classList.add("ready");
}

boot().catch((err) => {
  const box = $("error");
  box.textContent = `${t("error.title")} ${String(err.message || err)}`;
  box.hidden = false;
});
