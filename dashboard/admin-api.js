// The dashboard's only way to the gateway: the admin API, the same routes tests and scripts use.
// URLs are relative to the page (/__admin/ui → /__admin/requests), so the browser sends with them
// whatever it was let in with (the admin token as a Basic password, when one is set).

/** @typedef {import('./admin-types.js').AdminErrorBody} AdminErrorBody */

/**
 * What an admin call rejects with: an AdminApiError, or the TypeError of a fetch that got no answer
 * (no body then).
 * @typedef {Error & { body?: Partial<AdminErrorBody> }} AdminFailure
 */

export class AdminApiError extends Error {
  /**
   * @param {number} status
   * @param {AdminErrorBody | null} body null when the answer had none
   */
  constructor(status, body) {
    super(body?.message ?? `The admin API answered ${status}.`);
    this.status = status;
    /**
     * The admin error: `{ error, message, field?, path?, reason? }` (empty when the answer had no body).
     * @type {Partial<AdminErrorBody>}
     */
    this.body = body ?? {};
  }
}

/** @param {string} path */
export function adminUrl(path) {
  return new URL(path, document.baseURI).toString();
}

/**
 * Calls one admin route; resolves with its JSON, or rejects with an AdminApiError. `body` may be a string (an imported file, as is).
 * `T`: the route's answer, as the type the caller declares for the result names it (one of admin-types.d.ts;
 * the JSON is not checked against it); unknown where none is declared.
 * @template T
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<T>}
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

/**
 * `?a=1&b=2` of the entries that have a value.
 * @param {Record<string, string | number | null | undefined>} values
 */
export function queryOf(values) {
  // A number is made text by URLSearchParams itself.
  const query = new URLSearchParams(/** @type {[string, string][]} */ (Object.entries(values).filter(([, value]) => value !== '' && value !== undefined && value !== null)));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
