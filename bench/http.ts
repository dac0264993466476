/** One request outside any load phase (probes, seeding, checks); the body is read whole. */
export interface Answer {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export async function request(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A short description of an answer for a "skipped: …" or error line. */
export function describeAnswer(answer: Answer): string {
  const text = answer.text.replace(/\s+/g, ' ');
  return `${answer.status} ${text.length > 120 ? `${text.slice(0, 117)}...` : text}`;
}
