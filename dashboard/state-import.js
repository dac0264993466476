// What to show next to the import field when the gateway refuses a file: its message, and the part
// of the file its JSON Pointer names (`/vendors/kirim/tenants/fp_…/labels/0/name`).

/**
 * `{ message, excerpt? }` for an AdminApiError from PUT /__admin/state.
 * @param {import('./admin-api.js').AdminFailure} error
 * @param {string} text the file as sent
 * @returns {{ message: string, excerpt?: string }}
 */
export function importProblem(error, text) {
  const body = error.body ?? {};
  if (body.error !== 'invalid_state') return { message: body.message ?? error.message };
  const message = `${body.path || '/'}: ${body.reason}`;
  /** @type {unknown} */
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    return { message };
  }
  const excerpt = JSON.stringify(valueAt(document, body.path), null, 2);
  return { message, excerpt: excerpt === undefined ? undefined : excerpt.length > 600 ? `${excerpt.slice(0, 600)}…` : excerpt };
}

/**
 * The value at a JSON Pointer, walking as far as it exists: for a missing field the gateway points
 * at the field, and the object that lacks it is what the reader needs to see. (A seed's
 * `{credential 1}` stands for a key it never shows: the walk stops above it.)
 * @param {unknown} document
 * @param {string} [pointer]
 */
function valueAt(document, pointer = '') {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !(key in value)) return value;
    value = /** @type {Record<string, unknown>} */ (value)[key];
  }
  return value;
}
