/** The largest part of one request or response body the journal keeps. */
export const BODY_CAPTURE_LIMIT = 16 * 1024;

/**
 * A body as the journal holds it: the bytes (all of them, or the first BODY_CAPTURE_LIMIT) and the
 * full size. Capturing is a reference to bytes the gateway already has; decoding, parsing and
 * marking truncation wait until someone reads the journal.
 */
export interface CapturedBody {
  bytes: Buffer;
  size: number;
}

/** How a captured body reads in the journal: its JSON when whole and parseable, else its text. */
export type BodyView = { json: unknown; bytes: number; truncated: false } | { text: string; bytes: number; truncated: boolean };

export function captureBody(body: Buffer | string): CapturedBody {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  if (buffer.length > BODY_CAPTURE_LIMIT) {
    // A copy of the kept part only, so a large body is not held whole by the journal.
    return { bytes: Buffer.from(buffer.subarray(0, utf8Boundary(buffer, BODY_CAPTURE_LIMIT))), size: buffer.length };
  }
  // A small view into a large allocation (a socket read) would keep the whole allocation alive.
  // Up to Node's pool size (8 KiB on Node 20 and 22, 64 KiB on 24) the allocation may be the shared
  // pool slab, which small buffers share anyway, and a copy would land in such a slab too.
  const retained = buffer.buffer.byteLength;
  const bytes = retained > Math.max(Buffer.poolSize, buffer.length * 2) ? Buffer.from(buffer) : buffer;
  return { bytes, size: buffer.length };
}

export function viewBody(captured: CapturedBody): BodyView {
  const text = captured.bytes.toString('utf8');
  if (captured.bytes.length < captured.size) return { text, bytes: captured.size, truncated: true };
  try {
    return { json: JSON.parse(text), bytes: captured.size, truncated: false };
  } catch {
    return { text, bytes: captured.size, truncated: false };
  }
}

/** The largest cut at or below `limit` that does not split a UTF-8 character. */
function utf8Boundary(buffer: Buffer, limit: number): number {
  let cut = limit;
  // Continuation bytes are 10xxxxxx; back up to the start of the character the cut would split.
  while (cut > 0 && (buffer[cut] & 0xc0) === 0x80) cut--;
  return cut;
}
