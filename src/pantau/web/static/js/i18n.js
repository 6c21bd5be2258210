// Interface strings come from the message catalogues in /static/i18n/<lang>.json; this module
// only looks them up and formats dates, numbers and country names for the reader's locale.

export const LANGUAGES = ["en", "id"];
const STORAGE_KEY = "pantau.lang";

let messages = {};
let current = "en";
let codes = {};
const cache = new Map();

/** The saved choice, else the first browser language we have a catalogue for, else English. */
export function pickLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "en";
}

export function saveLanguage(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export async function loadLanguage(lang) {
  if (!cache.has(lang)) {
    const response = await fetch(`/static/i18n/${lang}.json`);
    if (!response.ok) throw new Error(`catalogue ${lang}: ${response.status}`);
    cache.set(lang, await response.json());
  }
  messages = cache.get(lang);
  current = lang;
  document.documentElement.lang = lang;
  return messages;
}

export function language() {
  return current;
}

/** The browser's own locale when it is a variant of the chosen language (en-GB), else the language. */
export function locale() {
  const nav = navigator.language || current;
  return nav.toLowerCase().split("-")[0] === current ? nav : current;
}

/** The message for key with {name} placeholders filled; the key itself when missing. */
export function t(key, vars) {
  const template = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** t(key) when the catalogue has it, else fallback (for open vocabularies: modes, count keys). */
export function tOr(key, fallback) {
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : fallback;
}

/** Fills every [data-i18n] element's text and every [data-i18n-attr="attr:key;..."] attribute. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

export function formatNumber(n, options) {
  if (n === null || n === undefined || n === "") return "";
  return formatter("number", options).format(Number(n));
}

const DATE_PARTS = {
  year: {year: "numeric"},
  month: {year: "numeric", month: "short"},
  week: {year: "numeric", month: "short", day: "numeric"},
  day: {year: "numeric", month: "short", day: "numeric"},
};

/** An ISO day (or year, or year-month) in the reader's locale, as precise as the data is. */
export function formatDate(iso, precision = "day", style) {
  if (!iso) return "";
  const text = String(iso);
  const [y, m = "01", d = "01"] = text.slice(0, 10).split("-");
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number.isNaN(date.getTime())) return text;
  const parts = style || DATE_PARTS[precision] || DATE_PARTS.day;
  return formatter("date", {...parts, timeZone: "UTC"}).format(date);
}

/** ISO 3166 alpha-3 → alpha-2 for every country (from world.json), for Intl.DisplayNames. */
export function setCountryCodes(map) {
  codes = map || {};
}

/** The country's name in the reader's language; organisations from the catalogue; else the code. */
export function countryName(code) {
  if (!code) return "";
  const org = tOr(`org.${code}`, null);
  if (org) return org;
  const a2 = codes[code];
  if (a2) {
    try {
      const name = regionNames().of(a2);
      if (name && name !== a2) return name;
    } catch {
      // an engine without DisplayNames: fall through to the code
    }
  }
  return code;
}

const formatters = new Map();

/** One Intl formatter per kind, locale and options (they are slow to build, fast to use). */
function formatter(kind, options) {
  const key = `${kind}|${locale()}|${JSON.stringify(options || {})}`;
  if (!formatters.has(key)) {
    const make = {number: Intl.NumberFormat, date: Intl.DateTimeFormat, region: Intl.DisplayNames}[kind];
    formatters.set(key, new make([locale()], options));
  }
  return formatters.get(key);
}

function regionNames() {
  return formatter("region", {type: "region"});
}

export function typeLabel(type) {
  return type ? tOr(`type.${type}`, type) : "";
}
