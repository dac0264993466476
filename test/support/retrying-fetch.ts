import { setTimeout as sleep } from 'node:timers/promises';

/** One attempt as the client saw it: an answer, or the network error it got instead. */
export type Attempt = { status: number; retryAfter: string | null; at: number } | { error: string; at: number };

export interface RetriedAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  attempts: Attempt[];
}

/**
 * The kind of client whose retry logic a test wants to prove: retries a 429 or a 5xx (waiting what
 * `Retry-After` says) and a dropped connection, up to `retries` times, then gives up with what it
 * last got.
 */
export async function fetchWithRetries(url: string, init: RequestInit, retries: number): Promise<RetriedAnswer> {
  const attempts: Attempt[] = [];
  for (let attempt = 0; ; attempt++) {
    const at = Date.now();
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      attempts.push({ error: describeNetworkError(error), at });
      if (attempt < retries) continue;
      throw error;
    }
    const retryAfter = response.headers.get('retry-after');
    attempts.push({ status: response.status, retryAfter, at });
    const retriable = response.status === 429 || response.status >= 500;
    if (retriable && attempt < retries) {
      await response.arrayBuffer();
      await sleep(Number(retryAfter ?? 0) * 1000);
      continue;
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text), attempts };
  }
}

/** fetch wraps socket failures in `TypeError: fetch failed`; the cause says what happened. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
