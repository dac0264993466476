import { VENDOR_OF, VENDOR_PREFIX, VENDOR_IDS, type DialectId, type VendorId } from '../core/dialects';
import type { CompiledOperation, HttpMethod, LoadedSpec } from './compiled-operation';
import { methodDistance, routeDistance } from './route-distance';

export type RouteMatch =
  | { kind: 'operation'; operation: CompiledOperation; params: Record<string, string> }
  /** The path exists but not for this method. */
  | { kind: 'method_not_allowed'; dialect: DialectId; allowed: string[] }
  /** Under a vendor's prefix, but no such path (or an undocumented one in documented-only mode). */
  | { kind: 'unknown_path'; dialect: DialectId }
  | { kind: 'unknown_vendor' };

interface PathTemplate {
  dialect: DialectId;
  segments: string[];
  /** Indexes of `{param}` segments, with their names. */
  parameters: Array<[number, string]>;
  byMethod: Map<string, CompiledOperation>;
}

/**
 * Routes built from the specs, so a path is written in one place only. Within a vendor, a template
 * with more literal segments wins (`/v1/labels/conversation` before `/v1/labels/{id}`), and a
 * request never falls through to a less specific template: `conversation` is never taken for an id.
 */
export class RouteTable {
  private readonly templates = new Map<VendorId, PathTemplate[]>();

  constructor(
    specs: Iterable<LoadedSpec>,
    private readonly options: { documentedOnly: boolean },
  ) {
    for (const spec of specs) {
      for (const operation of spec.operations) this.add(operation);
    }
    for (const list of this.templates.values()) list.sort(bySpecificity);
  }

  /** `path` is the request path without query string, including the vendor prefix. */
  match(method: string, path: string): RouteMatch {
    const vendor = vendorOfPath(path);
    if (!vendor) return { kind: 'unknown_vendor' };
    const vendorPath = vendorPathOf(vendor, path);
    const segments = vendorPath.split('/').slice(1);
    const templates = this.templates.get(vendor) ?? [];
    const template = templates.find((candidate) => matches(candidate, segments));
    if (!template) return { kind: 'unknown_path', dialect: this.closestDialect(vendor, vendorPath) };
    const operation = operationFor(template, method.toLowerCase());
    if (!operation) return { kind: 'method_not_allowed', dialect: template.dialect, allowed: allowedMethods(template) };
    if (this.options.documentedOnly && !operation.documented) return { kind: 'unknown_path', dialect: template.dialect };
    const params: Record<string, string> = {};
    for (const [position, name] of template.parameters) params[name] = safeDecode(segments[position]);
    return { kind: 'operation', operation, params };
  }

  /**
   * For a request that matched no operation: the served operation of the same vendor closest to it by
   * method and path (WireMock's near miss). Only called on a miss, so a scan of the vendor's few
   * templates is fine. Ties go to the request's own method, then to the more specific template.
   */
  nearest(method: string, path: string): CompiledOperation | undefined {
    const vendor = vendorOfPath(path);
    if (!vendor) return undefined;
    const segments = vendorPathOf(vendor, path).split('/').slice(1);
    const requestMethod = method.toLowerCase();
    let best: { operation: CompiledOperation; distance: number; sameMethod: boolean } | undefined;
    for (const template of this.templates.get(vendor) ?? []) {
      for (const operation of template.byMethod.values()) {
        if (this.options.documentedOnly && !operation.documented) continue;
        const distance = routeDistance(template.segments, operation.method, segments, requestMethod);
        const sameMethod = methodDistance(operation.method, requestMethod) === 0;
        if (!best || distance < best.distance || (distance === best.distance && sameMethod && !best.sameMethod)) {
          best = { operation, distance, sameMethod };
        }
      }
    }
    return best?.operation;
  }

  /** Every operation served, for listings such as the start-up banner. */
  operations(): CompiledOperation[] {
    return [...this.templates.values()].flatMap((list) => list.flatMap((template) => [...template.byMethod.values()]));
  }

  private add(operation: CompiledOperation): void {
    const vendor = VENDOR_OF[operation.dialect];
    const list = this.templates.get(vendor) ?? [];
    this.templates.set(vendor, list);
    const segments = operation.path.split('/').slice(1);
    let template = list.find((candidate) => candidate.segments.join('/') === segments.join('/'));
    if (!template) {
      const parameters = segments.flatMap((segment, position): Array<[number, string]> =>
        segment.startsWith('{') && segment.endsWith('}') ? [[position, segment.slice(1, -1)]] : [],
      );
      template = { dialect: operation.dialect, segments, parameters, byMethod: new Map() };
      list.push(template);
    }
    template.byMethod.set(operation.method as HttpMethod, operation);
  }

  /** For an unknown path: the vendor's dialect whose paths share the longest prefix with it. */
  private closestDialect(vendor: VendorId, vendorPath: string): DialectId {
    let best: { dialect: DialectId; shared: number } | undefined;
    for (const template of this.templates.get(vendor) ?? []) {
      const shared = sharedPrefixLength(`/${template.segments.join('/')}`, vendorPath);
      if (!best || shared > best.shared) best = { dialect: template.dialect, shared };
    }
    return best?.dialect ?? (Object.keys(VENDOR_OF) as DialectId[]).find((dialect) => VENDOR_OF[dialect] === vendor)!;
  }
}

/** The path under the vendor's prefix, without a trailing slash: `/kirim/v1/labels/` → `/v1/labels`. */
function vendorPathOf(vendor: VendorId, path: string): string {
  return path.slice(VENDOR_PREFIX[vendor].length).replace(/(.)\/$/, '$1');
}

export function vendorOfPath(path: string): VendorId | undefined {
  return VENDOR_IDS.find((vendor) => {
    const prefix = VENDOR_PREFIX[vendor];
    return path === prefix || path.startsWith(`${prefix}/`);
  });
}

/** HEAD is answered as the GET, without its body (RFC 9110 §9.3.2): Node's server drops the body of a HEAD answer. */
function operationFor(template: PathTemplate, method: string): CompiledOperation | undefined {
  return template.byMethod.get(method) ?? (method === 'head' ? template.byMethod.get('get') : undefined);
}

function allowedMethods(template: PathTemplate): string[] {
  const methods = [...template.byMethod.keys()].map((method) => method.toUpperCase());
  const get = methods.indexOf('GET');
  if (get === -1 || methods.includes('HEAD')) return methods;
  return [...methods.slice(0, get + 1), 'HEAD', ...methods.slice(get + 1)];
}

function matches(template: PathTemplate, segments: string[]): boolean {
  if (template.segments.length !== segments.length) return false;
  return template.segments.every((segment, position) =>
    segment.startsWith('{') ? segments[position].length > 0 : segment === segments[position],
  );
}

function bySpecificity(a: PathTemplate, b: PathTemplate): number {
  return b.segments.length - b.parameters.length - (a.segments.length - a.parameters.length);
}

function sharedPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
