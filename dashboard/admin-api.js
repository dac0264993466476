// The dashboard's only way to the gateway: the admin API, the same routes tests and scripts use.
// URLs are relative to the page (/__admin/ui → /__admin/requests), so the browser sends with them
// whatever it was let in with (the admin token as a Basic password, when one is set).

export class AdminApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `The admin API answered ${status}.`);
    this.status = status;
    /** The admin error: `{ error, message, field?, path?, reason? }`. */
    this.body = body ?? {};
  }
}

export function adminUrl(path) {
  return new URL(path, document.baseURI).toString();
}

/**
 * Calls one admin route; resolves with its JSON, or rejects with an AdminApiError. `body` may be a string (an imported file, as is).
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [options]
 */
export async function admin(path, { method = 'GET', body } = {}) {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(adminUrl(path), init);
  const text = await res.text();
  let json = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = { error: 'not_json', message: text.slice(0, 300) };
  }
  if (!res.ok) throw new AdminApiError(res.status, json);
  return json;
}

/** `?a=1&b=2` of the entries that have a value. */
export function queryOf(values) {
  const query = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined && value !== null));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
