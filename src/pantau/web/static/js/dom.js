// Building the DOM without ever parsing markup: every piece of data becomes a text node or an
// attribute value, so an article's "<script>" stays text.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "text") el.textContent = String(value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === "style") for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Appends strings (as text), nodes and nested arrays; skips null, undefined and false. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h("a", {href, class, on: {click}}, "text", child...). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, attributes set with setAttribute (never a style attribute). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** The URL when it is an http(s) address, else null: article URLs are untrusted. */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link that opens an article's address in a new tab, or plain text when it is not http(s). */
export function externalLink(url, ...children) {
  const href = safeUrl(url);
  if (!href) return h("span", {}, ...children);
  return h("a", {href, target: "_blank", rel: "noopener noreferrer", class: "external"}, ...children);
}

/** Splits a ";"-joined list of codes or names as the API sends them. */
export function splitList(value) {
  if (!value) return [];
  return String(value).split(";").map((s) => s.trim()).filter(Boolean);
}

/** Empties el and appends children (strings, nodes, nested arrays). */
export function fill(el, ...children) {
  return append(clear(el), children);
}
