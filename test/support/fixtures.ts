import fs from 'node:fs';
import path from 'node:path';
import type { DialectId } from '../../src/core/dialects';

/**
 * A documented example from a vendor page, kept as a fixture: the request the page shows and the
 * response it documents. `{{name}}` in a path or body is filled in by the test (ids created first).
 */
export interface DocumentedExample {
  /** The seed page it comes from, e.g. `003_abcd1dbb5f5def54.txt`. */
  source: string;
  title: string;
  request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; query?: Record<string, string>; body?: unknown };
  response: { status: number; body: unknown };
  /** Keys whose values differ per run (ids, timestamps, request ids): only their type is compared. */
  dynamic: string[];
  /** Where the page itself is wrong (seeds/README.md) and the fixture follows the schema instead. */
  correction?: string;
}

export function loadExamples(dialect: DialectId): DocumentedExample[] {
  const dir = path.join(__dirname, '..', 'fixtures', dialect);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as DocumentedExample);
}

/** Replaces `{{name}}` in every string of a value. */
export function fillIn<T>(value: T, variables: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    if (!(name in variables)) throw new Error(`fixture variable {{${name}}} has no value`);
    return variables[name];
  })) as T;
}

/**
 * Asserts that `actual` has exactly the documented shape: the same keys at every depth and the same
 * values, except under `dynamic` keys, where only the JSON type must agree.
 */
export function expectLikeDocumented(actual: unknown, documented: unknown, dynamic: readonly string[], at = 'body'): void {
  if (Array.isArray(documented)) {
    expect({ at, isArray: Array.isArray(actual) }).toEqual({ at, isArray: true });
    const items = actual as unknown[];
    expect({ at, length: items.length }).toEqual({ at, length: documented.length });
    documented.forEach((item, position) => expectLikeDocumented(items[position], item, dynamic, `${at}[${position}]`));
    return;
  }
  if (documented !== null && typeof documented === 'object') {
    const actualObject = actual as Record<string, unknown>;
    expect({ at, keys: Object.keys(actualObject ?? {}).sort() }).toEqual({ at, keys: Object.keys(documented).sort() });
    for (const [key, value] of Object.entries(documented)) {
      const where = `${at}.${key}`;
      if (dynamic.includes(key)) expect({ at: where, type: jsonType(actualObject[key]) }).toEqual({ at: where, type: jsonType(value) });
      else expectLikeDocumented(actualObject[key], value, dynamic, where);
    }
    return;
  }
  expect({ at, value: actual }).toEqual({ at, value: documented });
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
