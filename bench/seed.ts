import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { derivedUuid } from '../src/core/ids';
import { nowTimestamp } from '../src/core/time';
import type { StoredLabel } from '../src/store/stored-label';
import { benchDialect, stringAt, uniqueName, type BenchDialect } from './dialects';
import { describeAnswer, request } from './http';
import type { LoadTarget } from './load';
import type { ServerProcess } from './servers';

/** The outcome of creating one label through the API: its id, or why the dialect cannot be used. */
export type Created = { ok: true; id: string; name: string } | { ok: false; reason: string };

/** Creates one label with a new name through the gateway's API. */
export async function createViaApi(gatewayUrl: string, profile: BenchDialect, key: string): Promise<Created> {
  const name = uniqueName();
  const answer = await request('POST', gatewayUrl + profile.collection, profile.auth(key), profile.createBody(name));
  const id = stringAt(answer.json, profile.idPath);
  if (answer.status !== 201 && answer.status !== 200) return { ok: false, reason: `create answered ${describeAnswer(answer)}` };
  if (!id) return { ok: false, reason: `create answered ${answer.status} without an id at ${profile.idPath.join('.')}` };
  return { ok: true, id, name };
}

/** A Kirim label of tenant `key` created in `server`, and the load that gets it (checked to answer 200 first). */
export async function kirimGetOneTarget(server: ServerProcess, key: string): Promise<LoadTarget> {
  const kirim = benchDialect('kirim');
  const created = await createViaApi(server.url, kirim, key);
  if (!created.ok) throw new Error(`${server.name}: a Kirim create failed: ${created.reason}`);
  const target: LoadTarget = { url: server.url, method: 'GET', path: `${kirim.collection}/${created.id}`, headers: kirim.auth(key) };
  const probe = await request('GET', server.url + target.path, target.headers);
  if (probe.status !== 200) throw new Error(`${server.name}: GET of its label answered ${describeAnswer(probe)}`);
  return target;
}

export interface SeedSpec {
  /** SuperSend's bearer token; the organisation is derived from it as open mode does. */
  credential: string;
  teamId: string;
  count: number;
}

/**
 * Writes a data folder holding `count` SuperSend labels in one team of one open-mode tenant, in the
 * NeDB format the store reads (one JSON document per line), far faster than creating them through
 * the API. Each record is built as MockBackend.create builds it: the org and user ids derived from
 * the credential (OpenTenantResolver), `_id` = id, `seq` in creation order, and the `uniqueKey` of
 * SuperSend's team scope. The team is recorded in teams.db as the first create would.
 */
export function writeSeededDataFolder(dir: string, spec: SeedSpec): void {
  const { labels, team } = seededRecords(spec);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'labels.db'), `${labels.map((label) => JSON.stringify(label)).join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'teams.db'), `${JSON.stringify(team)}\n`);
}

/** The records of `writeSeededDataFolder`, for any engine: the labels in creation order and the team. */
export function seededRecords(spec: SeedSpec): { labels: StoredLabel[]; team: { _id: string; vendor: 'supersend'; orgId: string; teamId: string; seq: number } } {
  const vendor = 'supersend';
  const orgId = derivedUuid('org', vendor, spec.credential);
  const userId = derivedUuid('user', vendor, spec.credential);
  const now = nowTimestamp();
  const width = String(spec.count).length;
  const labels: StoredLabel[] = [];
  for (let seq = 1; seq <= spec.count; seq++) {
    const id = randomUUID();
    const name = `seeded label ${String(seq).padStart(width, '0')}`;
    const record: StoredLabel = {
      _id: id,
      id,
      vendor,
      orgId,
      teamId: spec.teamId,
      userId,
      name,
      color: '#4CAF50',
      description: null,
      aiFlow: false,
      allTeams: false,
      isDefaultTemplate: false,
      options: [],
      createdAt: now,
      updatedAt: now,
      seq,
      deletedAt: null,
      uniqueKey: JSON.stringify([vendor, orgId, `t:${spec.teamId}`, name]),
    };
    labels.push(record);
  }
  return { labels, team: { _id: `${vendor}|${orgId}|${spec.teamId}`, vendor, orgId, teamId: spec.teamId, seq: 1 } };
}
