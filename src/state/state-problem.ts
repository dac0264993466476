/**
 * A state document (or seed) that cannot be imported: where (a JSON Pointer into the document, RFC
 * 6901) and why. Nothing has been written when one is thrown.
 */
export class StateDocumentError extends Error {
  override name = 'StateDocumentError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '/'}: ${reason}`);
  }
}

/** A JSON Pointer from its segments, escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`). */
export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
