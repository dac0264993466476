import fs from 'node:fs';
import path from 'node:path';
import type { DialectId } from '../src/core/dialects';
import { benchDialect, stringAt, TEAM_ID } from './dialects';
import { describeAnswer, request } from './http';
import type { LoadTarget } from './load';
import type { Comparison, LoadRow, Outcome } from './model';
import type { ReferenceServers } from './reference-servers';
import { attempt, CEILING_ID, measured, REFERENCE_DIALECT, type ScenarioContext } from './scenarios';
import { createViaApi } from './seed';
import { removeScratchDir, scratchDir, withGateway, type ServerProcess } from './servers';

/**
 * Groups 4 and 5: the gateway as a proxy, validating (pass-through) and translating, each against
 * the servers it stands in front of hit directly.
 */

// ── 4. proxy pass-through ───────────────────────────────────────────────────────────────────────

const PROXY_KEY = 'bench-proxy';
const PASS_THROUGH_CONNECTIONS = { latency: 1, throughput: 32 } as const;

/** Writes a `--config` file routing `client` with `route`; removed with its scratch folder. */
function proxyConfig(dir: string, client: DialectId, route: Record<string, unknown>): string {
  const file = path.join(dir, 'gateway.json');
  fs.writeFileSync(file, JSON.stringify({ contract: 'report', routes: { [client]: route } }));
  return file;
}

/** `row` over `baseline`: both measured in the same scenario, at the same connections. */
function comparison(against: string, row: Outcome, baseline: Outcome): Comparison | undefined {
  if (row.status !== 'measured' || baseline.status !== 'measured') return undefined;
  return {
    against,
    throughput: Number((row.stats.requestsPerSecond / baseline.stats.requestsPerSecond).toFixed(3)),
    addedP50Ms: Number((row.stats.p50Ms - baseline.stats.p50Ms).toFixed(3)),
  };
}

/**
 * The gateway as a validating pass-through proxy (contract checks on the request and on the
 * answer) for SuperSend v2, in front of node-ceiling, which answers every GET with the gateway's
 * own SuperSend v2 get-one answer: a valid answer that costs the upstream next to nothing. At 1
 * connection, against node-ceiling hit directly (the latency the proxy adds); at 32, against
 * express-ceiling at 32 (the throughput an Express server reaches on this machine).
 */
export async function measurePassThrough(ctx: ScenarioContext, reference: ReferenceServers): Promise<LoadRow[]> {
  const profile = benchDialect(REFERENCE_DIALECT);
  const upstream = reference.servers['node-ceiling'];
  const labelPath = `${profile.collection}/${CEILING_ID}`;
  const auth = profile.auth(PROXY_KEY);
  const direct = (server: ServerProcess): LoadTarget => ({ url: server.url, method: 'GET', path: `/v2/labels/${CEILING_ID}`, headers: auth });
  const dir = scratchDir('pass-through');
  const rows: LoadRow[] = [];
  const row = (title: string, connections: number, outcome: Outcome, extra: Partial<LoadRow> = {}): LoadRow => {
    const added: LoadRow = { scenario: 'pass-through', title, dialect: profile.dialect, connections, outcome, ...extra };
    rows.push(added);
    return added;
  };
  try {
    const config = proxyConfig(dir, profile.dialect, { upstream: upstream.url });
    const name = 'pass-through';
    await withGateway({ name, serveArgs: ['--config', config], nodeFlags: ctx.gatewayFlags(name) }, async ({ server }) => {
      const probe = await request('GET', server.url + labelPath, auth);
      if (probe.status !== 200) throw new Error(`a GET through the pass-through proxy answered ${describeAnswer(probe)}`);
      const through: LoadTarget = { url: server.url, method: 'GET', path: labelPath, headers: auth };
      const phases = (connections: number) => ({ ...ctx.settings.phases, connections });

      const { latency, throughput } = PASS_THROUGH_CONNECTIONS;
      const upstreamTitle = `node-ceiling GET hit directly, ${latency} connection`;
      const upstreamAlone = await attempt(() => measured(ctx, upstreamTitle, direct(upstream), phases(latency)));
      row(upstreamTitle, latency, upstreamAlone);
      const warningsBefore = server.contractWarnings();
      const proxiedTitle = `${profile.dialect} GET ${labelPath.replace(CEILING_ID, '{id}')} through the proxy, ${latency} connection`;
      const proxied = await attempt(() => measured(ctx, proxiedTitle, through, phases(latency)));
      row(proxiedTitle, latency, proxied, { versus: comparison(upstreamTitle, proxied, upstreamAlone) });

      const expressTitle = `express-ceiling GET, ${throughput} connections`;
      const express = reference.servers['express-ceiling'];
      const expressAlone = await attempt(() =>
        measured(ctx, expressTitle, { url: express.url, method: 'GET', path: labelPath, headers: auth }, phases(throughput)),
      );
      row(expressTitle, throughput, expressAlone);
      const loadedTitle = `${profile.dialect} GET ${labelPath.replace(CEILING_ID, '{id}')} through the proxy, ${throughput} connections`;
      const loaded = await attempt(() => measured(ctx, loadedTitle, through, phases(throughput)));
      row(loadedTitle, throughput, loaded, {
        versus: comparison(expressTitle, loaded, expressAlone),
        contractWarnings: server.contractWarnings() - warningsBefore,
      });
    });
  } finally {
    removeScratchDir(dir);
  }
  return rows;
}

// ── 5. translating proxy ────────────────────────────────────────────────────────────────────────

/**
 * A Jasni client in front of Kirim: the measured gateway translates Jasni into Kirim for a
 * `--memory` gateway standing in for Kirim. One label is created through the proxy; its GET
 * through the proxy is compared with the same label's GET from the Kirim mock directly.
 */
export async function measureTranslation(ctx: ScenarioContext): Promise<LoadRow[]> {
  const client = benchDialect('jasni');
  const vendor = benchDialect('kirim');
  const vendorAuth = vendor.auth(PROXY_KEY);
  const rows: LoadRow[] = [];
  await withGateway({ name: 'translation-vendor' }, async ({ server: kirim }) => {
    const dir = scratchDir('translation');
    try {
      const config = proxyConfig(dir, client.dialect, {
        upstream: `${kirim.url}/kirim`,
        as: vendor.dialect,
        credential: vendorAuth.Authorization,
        params: { team_id: TEAM_ID },
      });
      const name = 'translation';
      await withGateway({ name, serveArgs: ['--config', config], nodeFlags: ctx.gatewayFlags(name) }, async ({ server }) => {
        const created = await createViaApi(server.url, client, PROXY_KEY);
        if (!created.ok) throw new Error(`a create through the translating proxy failed: ${created.reason}`);
        const listed = await request('GET', `${kirim.url}${vendor.collection}?team_id=${TEAM_ID}&limit=1`, vendorAuth);
        const kirimId = stringAt((listed.json as { data?: unknown[] } | undefined)?.data?.[0], ['id']);
        if (!kirimId) throw new Error(`the Kirim mock does not list the label made through the proxy: ${describeAnswer(listed)}`);

        const directTitle = `kirim GET ${vendor.collection}/{id}, the Kirim mock hit directly`;
        const direct = await attempt(() =>
          measured(ctx, directTitle, { url: kirim.url, method: 'GET', path: `${vendor.collection}/${kirimId}`, headers: vendorAuth }),
        );
        rows.push({ scenario: 'translation', title: directTitle, dialect: vendor.dialect, connections: ctx.settings.phases.connections, outcome: direct });
        const warningsBefore = server.contractWarnings() + kirim.contractWarnings();
        const title = `jasni GET ${client.collection}/{id} → kirim, through the translating proxy`;
        const outcome = await attempt(() =>
          measured(ctx, title, { url: server.url, method: 'GET', path: `${client.collection}/${created.id}`, headers: client.auth(PROXY_KEY) }),
        );
        rows.push({
          scenario: 'translation',
          title,
          dialect: client.dialect,
          connections: ctx.settings.phases.connections,
          outcome,
          versus: comparison(directTitle, outcome, direct),
          contractWarnings: server.contractWarnings() + kirim.contractWarnings() - warningsBefore,
          note: 'two gateways and the load generator share the cores',
        });
      });
    } finally {
      removeScratchDir(dir);
    }
  });
  return rows;
}
