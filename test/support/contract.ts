import type { Response } from 'supertest';
import { DIALECT_IDS, VENDOR_IDS, VENDOR_PREFIX } from '../../src/core/dialects';
import { defaultSpecsDir } from '../../src/options';
import type { CompiledOperation, LoadedSpec } from '../../src/specs/compiled-operation';
import { RouteTable } from '../../src/specs/route-table';
import { loadSpecs } from '../../src/specs/spec-loader';
import { checkResponse } from '../../src/http/response-contract';
import { validate as isRfcUuid } from 'uuid';

/**
 * Checks every response a test receives against its dialect's OpenAPI document, independently of
 * the gateway's own check: a response that breaks the contract fails the test that received it.
 */
let specsPromise: Promise<{ routes: RouteTable; specs: Map<string, LoadedSpec> }> | undefined;

function contractSources() {
  specsPromise ??= loadSpecs(DIALECT_IDS, defaultSpecsDir()).then((specs) => ({
    routes: new RouteTable(specs.values(), { documentedOnly: false }),
    specs: specs as Map<string, LoadedSpec>,
  }));
  return specsPromise;
}

/** Warm the spec cache in a beforeAll, so the first request of a test is not slowed by loading. */
export async function loadContract(): Promise<void> {
  await contractSources();
}

export async function assertMatchesContract(res: Response): Promise<void> {
  const { routes, specs } = await contractSources();
  const request = (res as unknown as { req: { method: string; path: string; getHeader(name: string): unknown } }).req;
  const path = vendorPath(request.path.split('?')[0], String(request.getHeader('host') ?? ''));
  const match = routes.match(request.method, path);
  if (match.kind === 'unknown_vendor') return; // the plain, non-vendor 404: no dialect contract applies
  const operation: CompiledOperation =
    match.kind === 'operation' ? match.operation : specs.get(match.dialect)!.operations[0];
  const violations = [...checkResponse(operation, res.status, res.body), ...invalidUuids(res.body)];
  if (violations.length > 0) {
    throw new Error(
      `Response breaks the ${operation.dialect} contract (${request.method} ${path} → ${res.status}):\n` +
        violations.map((v) => `  ${v.path || '/'}: ${v.message}`).join('\n') +
        `\nbody: ${JSON.stringify(res.body)}`,
    );
  }
}

/** The spec's `format: uuid` only checks the shape; a client that validates ids also checks the version and variant. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidUuids(value: unknown, path = ''): Array<{ path: string; message: string }> {
  if (typeof value === 'string') return UUID_SHAPE.test(value) && !isRfcUuid(value) ? [{ path, message: `${value} is not an RFC 9562 UUID (version or variant bits)` }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => invalidUuids(item, `${path}/${index}`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => invalidUuids(item, `${path}/${key}`));
  return [];
}

function vendorPath(path: string, host: string): string {
  const subdomain = host.split('.')[0].toLowerCase();
  const vendor = VENDOR_IDS.find((candidate) => candidate === subdomain && host.includes('.'));
  return vendor && !path.startsWith(VENDOR_PREFIX[vendor]) && !path.startsWith('/__admin') ? VENDOR_PREFIX[vendor] + path : path;
}
