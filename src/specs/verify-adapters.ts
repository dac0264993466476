import type { DialectAdapter } from '../core/adapter';
import type { DialectId } from '../core/dialects';
import { SpecLoadError } from './spec-loader';
import type { LoadedSpec } from './compiled-operation';

/**
 * The spec and the adapter must describe the same operations: an operation without a handler would
 * be a runtime 500, a handler without an operation dead code. Either stops start-up.
 */
export function verifyAdaptersMatchSpecs(
  specs: ReadonlyMap<DialectId, LoadedSpec>,
  adapters: { readonly [D in DialectId]: DialectAdapter },
): void {
  for (const [dialect, spec] of specs) {
    const inSpec = new Set(spec.operations.map((operation) => operation.operationId));
    const inAdapter = new Set(Object.keys(adapters[dialect].operations));
    const missing = [...inSpec].filter((id) => !inAdapter.has(id));
    const extra = [...inAdapter].filter((id) => !inSpec.has(id));
    if (missing.length > 0) throw new SpecLoadError(`${spec.file}: no adapter handles ${missing.join(', ')}`);
    if (extra.length > 0) throw new SpecLoadError(`${spec.file}: the ${dialect} adapter handles ${extra.join(', ')}, which the spec does not define`);
  }
}
