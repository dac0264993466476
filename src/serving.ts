import { ADAPTERS } from '../adapters';
import { DIALECT_CLIENTS, isTargetDialect } from '../adapters/clients';
import { MockBackend } from './backends/mock/mock-backend';
import { DIALECT_IDS, VENDOR_OF, type DialectId } from './core/dialects';
import type { Randomness } from './core/random';
import { runDirectly, type DialectServing } from './http/dialect-serving';
import type { Logger } from './http/logger';
import { PassThrough } from './proxy/pass-through';
import { ProxyConfigError, upstreamCredential, type ProxyConfig, type UpstreamRoute } from './proxy/proxy-config';
import { translationRouteProblems } from './proxy/translation/route-check';
import { teamRuleOf } from './proxy/translation/team-rule';
import { UpstreamBackend } from './proxy/translation/upstream-backend';
import type { RouteTable } from './specs/route-table';
import type { Store } from './store/store';

/**
 * Decides what stands behind each dialect. This is the whole difference between mock and proxy
 * modes: the route, the spec checks and the adapters are the same, only the backend differs.
 */
export function buildServing(
  config: ProxyConfig,
  deps: { store: Store; routes: RouteTable; bodyLimitBytes: number; logger: Logger; random: Randomness },
): { [D in DialectId]: DialectServing } {
  const mocks = new Map(DIALECT_IDS.map((dialect) => [VENDOR_OF[dialect], new MockBackend(VENDOR_OF[dialect], deps.store, deps.random)]));
  const serving = {} as { [D in DialectId]: DialectServing };
  for (const dialect of DIALECT_IDS) {
    const route = config.routes[dialect];
    if (!route) {
      serving[dialect] = { kind: 'mock', backend: mocks.get(VENDOR_OF[dialect])!, run: runDirectly };
    } else if (!route.as || route.as === dialect) {
      const forward = new PassThrough({
        adapter: ADAPTERS[dialect],
        upstream: route.upstream,
        contract: config.contract,
        timeoutMs: config.upstreamTimeoutMs,
        bodyLimitBytes: deps.bodyLimitBytes,
        logger: deps.logger,
      });
      serving[dialect] = { kind: 'pass-through', forward };
    } else {
      const target = route.as;
      if (!isTargetDialect(target)) {
        throw new ProxyConfigError(`routes.${dialect}: ${target} cannot be a translation target (it has no operation to get one label)`);
      }
      const backend = new UpstreamBackend({
        client: dialect,
        clientIdForm: dialect === 'kirim' ? 'kirim' : 'uuid',
        clientTeams: teamRuleOf(deps.routes.operations(), dialect),
        target: DIALECT_CLIENTS[target],
        targetHasTeams: teamRuleOf(deps.routes.operations(), target) !== undefined,
        upstream: route.upstream,
        credential: upstreamCredential(route),
        params: route.params ?? {},
        timeoutMs: config.upstreamTimeoutMs,
        contract: config.contract,
        routes: deps.routes,
        idMap: deps.store.idMap,
        random: deps.random,
      });
      serving[dialect] = {
        kind: 'translation',
        backend,
        run: (scope, work) => backend.runExchange({ notes: scope.notes, clientToken: scope.credential }, work),
      };
    }
  }
  return serving;
}

/**
 * Checks every translating route against what its target dialect accepts (its spec's team ids, its
 * credential scheme), before anything is opened: a placeholder left in the config stops start-up with
 * one line per problem, naming the config key (`where` is the file, or how the config was given).
 */
export function checkTranslationRoutes(config: ProxyConfig, routes: RouteTable, where: string, env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  for (const [client, route] of Object.entries(config.routes) as Array<[DialectId, UpstreamRoute]>) {
    if (!route.as || route.as === client) continue;
    if (!isTargetDialect(route.as)) {
      problems.push(`routes.${client}.as: ${route.as} cannot be a translation target (it has no operation to get one label)`);
      continue;
    }
    const target = { dialect: route.as, credentials: ADAPTERS[route.as].credentials, teams: teamRuleOf(routes.operations(), route.as) };
    problems.push(...translationRouteProblems(client, route, target, teamRuleOf(routes.operations(), client), env));
  }
  if (problems.length > 0) throw new ProxyConfigError(problems.map((problem) => `${where}: ${problem}`).join('\n'));
}
