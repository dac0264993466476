import { DIALECT_IDS } from '../core/dialects';
import { defaultSpecsDir } from '../options';
import { RouteTable } from '../specs/route-table';
import { loadSpecs } from '../specs/spec-loader';

let loading: Promise<RouteTable> | undefined;

/** Every dialect's compiled routes, to check both ends' answers against their specs; loaded once per process. */
export function contractRoutes(): Promise<RouteTable> {
  loading ??= loadSpecs(DIALECT_IDS, defaultSpecsDir()).then((specs) => new RouteTable(specs.values(), { documentedOnly: false }));
  return loading;
}
