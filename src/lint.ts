import { ADAPTERS } from '../adapters';
import { DIALECT_IDS } from './core/dialects';
import { cryptoRandomness } from './core/random';
import { corsOf, proxyConfigOf, routesSource, tenantsFileOf, testControlsOf } from './gateway-config';
import { DEFAULT_BODY_LIMIT_BYTES, defaultSpecsDir, type GatewayOptions } from './options';
import type { RateLimits } from './faults/rate-limits';
import { DEFAULT_PROXY_CONFIG, type ProxyConfig } from './proxy/proxy-config';
import { drySeed } from './seeding';
import { checkTranslationRoutes } from './serving';
import { RouteTable } from './specs/route-table';
import { loadSpecs } from './specs/spec-loader';
import { verifyAdaptersMatchSpecs } from './specs/verify-adapters';
import { ConfiguredTenantResolver, OpenTenantResolver, type TenantResolver } from './tenancy/tenant-resolver';
import type { TenantEntry } from './tenancy/tenants-file';

export interface LintReport {
  /** What was read and found sound, one line each. */
  checked: string[];
  /** Mistakes that would stop `startGateway` with these options. */
  problems: string[];
  /** Settings that start, but that a vendor's clients will trip on. */
  warnings: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything start-up checks (specs, tenants file, gateway config and `--upstream` flags, the
 * translating routes' values, the faults and rate limits armed at start, CORS, the seed file), with
 * the same readers, so a clean report is a gateway that starts. The seed is loaded into a throw-away
 * memory store: neither the gateway's store nor a port is opened. Each part is checked even when
 * another fails, so one run names every mistake.
 */
export async function lintGateway(options: GatewayOptions): Promise<LintReport> {
  const report: LintReport = { checked: [], problems: [], warnings: [] };
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      report.problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  };

  const specsDir = options.specsDir ?? defaultSpecsDir();
  let routes: RouteTable | undefined;
  try {
    const specs = await loadSpecs(DIALECT_IDS, specsDir);
    verifyAdaptersMatchSpecs(specs, ADAPTERS);
    routes = new RouteTable(specs.values(), { documentedOnly: options.documentedOnly ?? false });
    const operations = [...specs.values()].reduce((sum, spec) => sum + spec.operations.length, 0);
    report.checked.push(`specs: ${specs.size} dialects, ${operations} operations (${specsDir})`);
  } catch (error) {
    report.problems.push((error as Error).message);
  }

  let tenants: TenantResolver | undefined = options.tenants ? undefined : new OpenTenantResolver();
  if (options.tenants) {
    const entries = attempt(() => tenantsFileOf(options.tenants!));
    if (entries) {
      tenants = new ConfiguredTenantResolver(entries);
      report.checked.push(`tenants: ${options.tenants}, ${entries.length} credential${entries.length === 1 ? '' : 's'}`);
      report.warnings.push(...teamWarnings(entries));
    }
  }

  const config = attempt(() => proxyConfigOf(options));
  if (config && (options.config || options.proxy || options.upstream?.length)) report.checked.push(`config: ${describeRoutes(config)}`);
  // What needs the specs' operations as well as the config: the translating routes' values, the faults.
  if (config && routes) {
    attempt(() => checkTranslationRoutes(config, routes, routesSource(options)));
    const controls = attempt(() => testControlsOf(options, config, routes));
    if (controls?.engaged) report.checked.push(`test control: ${describeControls(controls.faults.list().length, controls.limits.list())}`);
  }
  // The flags' CORS is checked even when the config is not (the config's own cors was checked with it).
  const cors = attempt(() => corsOf(options, config ?? DEFAULT_PROXY_CONFIG));
  if (cors) report.checked.push(`cors: ${cors.origins.join(', ')}${cors.proxied ? ', proxied dialects too' : ', mocked dialects only'}`);

  const seedFile = options.seed ?? config?.seed;
  if (seedFile !== undefined && config && routes && tenants) {
    const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
    try {
      await drySeed(seedFile, { config, routes, tenants, random: cryptoRandomness, bodyLimitBytes });
      report.checked.push(`seed: ${seedFile}`);
    } catch (error) {
      report.problems.push((error as Error).message);
    }
  } else if (seedFile !== undefined) {
    report.problems.push(`seed: ${seedFile} not checked: fix the problems above first (it is loaded through the specs, the tenants and the config)`);
  }
  return report;
}

function describeControls(faults: number, limits: RateLimits): string {
  const limitList = Object.entries(limits).map(([dialect, { limit, windowSeconds }]) => `${dialect} ${limit}/${windowSeconds}s`);
  return `${faults} fault${faults === 1 ? '' : 's'} armed at start; rate limits: ${limitList.length > 0 ? limitList.join(', ') : 'none'}`;
}

function describeRoutes(config: ProxyConfig): string {
  const routes = Object.entries(config.routes).map(([dialect, route]) =>
    route.as && route.as !== dialect ? `${dialect} as ${route.as} at ${route.upstream}` : `${dialect} passed through to ${route.upstream}`,
  );
  return `contract ${config.contract}, upstream timeout ${config.upstreamTimeoutMs} ms; ${routes.length > 0 ? routes.join('; ') : 'every dialect mocked'}`;
}

/** SuperSend v2 takes only UUID team ids, so a team it cannot name is worth a word before start. */
function teamWarnings(entries: TenantEntry[]): string[] {
  return entries.flatMap((entry, index) => {
    if (entry.vendors && !entry.vendors.includes('supersend')) return [];
    const notUuid = (entry.teams ?? []).filter((team) => !UUID.test(team));
    return notUuid.length === 0
      ? []
      : [`/tenants/${index}: team ${notUuid.map((team) => `"${team}"`).join(', ')} is not a UUID; SuperSend v2 refuses such a team_id (Kirim takes any)`];
  });
}
