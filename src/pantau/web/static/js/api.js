// The JSON API: one GET helper that turns {"error": {...}} answers into ApiError.

export class ApiError extends Error {
  constructor(status, code, message, detail) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** The query string of params, leaving out empty values. */
export function query(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    qs.set(key, String(value));
  }
  return qs.toString();
}

export async function get(path, params, options = {}) {
  const qs = query(params);
  const response = await fetch(qs ? `${path}?${qs}` : path, {
    headers: {accept: "application/json"},
    signal: options.signal,
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(response.status, err.code || "http_" + response.status, err.message || response.statusText,
      err.detail);
  }
  return body;
}
