import { DIALECT_IDS, VENDOR_OF, VENDOR_PREFIX, type DialectId } from '../../core/dialects';
import type { CompiledOperation, LoadedSpec } from '../../specs/compiled-operation';

/** One response status an operation's spec lists: `201`, or a range such as `4XX`. */
export interface ListedStatus {
  status: string;
  /** Marked `x-source: inferred`: the gateway's guess where the vendor's page is silent. */
  inferred: boolean;
}

/** One served operation as the coverage report and the routes listing describe it. */
export interface CatalogueOperation {
  dialect: DialectId;
  operation: string;
  method: string;
  /** As a client calls it, under the vendor's prefix: `/kirim/v1/labels/{id}`. */
  path: string;
  inferred: boolean;
  /** The statuses the spec lists, in its order (`default` is not one: see `hasDefault`). */
  statuses: readonly ListedStatus[];
  /** The spec has a `default` response, which documents any status it does not list. */
  hasDefault: boolean;
}

/** Every operation the gateway serves, per dialect, with the response statuses each one's spec lists. */
export type ContractCatalogue = Readonly<Record<DialectId, readonly CatalogueOperation[]>>;

type JsonObject = Record<string, unknown>;

/**
 * Built once at start-up from the served operations (documented-only mode serves fewer) and the
 * dereferenced documents, which keep every status, even one without a JSON body to validate.
 */
export function contractCatalogue(specs: Iterable<LoadedSpec>, served: readonly CompiledOperation[]): ContractCatalogue {
  const documents = new Map<DialectId, JsonObject>();
  for (const spec of specs) documents.set(spec.dialect, spec.document);
  const catalogue = Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, [] as CatalogueOperation[]])) as Record<DialectId, CatalogueOperation[]>;
  // The spec's order is the reader's order: paths as written, methods as written under each path.
  const rank = specOrder(documents);
  for (const operation of [...served].sort((a, b) => rank(a) - rank(b))) {
    const responses = responsesOf(documents.get(operation.dialect), operation);
    catalogue[operation.dialect].push({
      dialect: operation.dialect,
      operation: operation.operationId,
      method: operation.method.toUpperCase(),
      path: VENDOR_PREFIX[VENDOR_OF[operation.dialect]] + operation.path,
      inferred: !operation.documented,
      statuses: Object.entries(responses)
        .filter(([status]) => status !== 'default')
        .map(([status, response]) => ({ status, inferred: (response as JsonObject | undefined)?.['x-source'] === 'inferred' })),
      hasDefault: 'default' in responses,
    });
  }
  return catalogue;
}

/** The listed status a status code falls under: its own code, else its class's range (`4XX`). */
export function listedStatusOf(operation: CatalogueOperation, status: number): ListedStatus | undefined {
  const code = String(status);
  const range = `${code[0]}XX`;
  return operation.statuses.find((listed) => listed.status === code) ?? operation.statuses.find((listed) => listed.status.toUpperCase() === range);
}

function responsesOf(document: JsonObject | undefined, operation: CompiledOperation): JsonObject {
  const pathItem = (document?.paths as JsonObject | undefined)?.[operation.path] as JsonObject | undefined;
  return ((pathItem?.[operation.method] as JsonObject | undefined)?.responses ?? {}) as JsonObject;
}

/** An operation's place among the documents': paths in document order, methods as written under each path. */
function specOrder(documents: ReadonlyMap<DialectId, JsonObject>): (operation: CompiledOperation) => number {
  const order = new Map<string, number>();
  for (const [dialect, document] of documents) {
    for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, JsonObject>)) {
      for (const method of Object.keys(item)) order.set(`${dialect} ${method} ${path}`, order.size);
    }
  }
  return (operation) => order.get(`${operation.dialect} ${operation.method} ${operation.path}`) ?? order.size;
}
