import fs from 'node:fs';
import path from 'node:path';
import { Checkpoint, type MigrationIdentity } from '../../src/migrate/checkpoint';
import { MigrationInputError } from '../../src/migrate/errors';
import { retryAfterMs, MAX_RETRY_AFTER_MS } from '../../src/migrate/retry-policy';
import { scratch } from '../support/migration';

const identity: MigrationIdentity = {
  source: { dialect: 'kirim', upstream: 'https://api-kckit.kirim.chat', params: {}, account: 'fp_aaaa' },
  target: { dialect: 'supersend-v2', upstream: 'https://api.supersend.io', params: { team_id: 't' }, account: 'fp_bbbb' },
};

describe('migration state file', () => {
  let dir: string;
  beforeEach(() => (dir = scratch()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records outcomes atomically and reads them back on resume, pairs as plain JSON', async () => {
    const file = path.join(dir, 'state.json');
    const checkpoint = Checkpoint.open(file, identity, '2026-01-01T00:00:00Z');
    expect(checkpoint.resumed).toBe(false);
    await Promise.all(Array.from({ length: 50 }, (_, index) => checkpoint.record(`lbl_${index}`, { outcome: 'created', name: `n${index}`, targetId: `uuid-${index}` }, '2026-01-01T00:00:01Z')));
    await checkpoint.record('lbl_x', { outcome: 'refused', name: 'x', status: 400, reason: 'too long' }, '2026-01-01T00:00:02Z');
    expect(fs.readdirSync(dir)).toEqual(['state.json']); // no temporary file left behind
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(onDisk.ids)).toHaveLength(50);
    expect(onDisk.ids.lbl_7).toBe('uuid-7');
    expect(onDisk.labels.lbl_x).toEqual({ outcome: 'refused', name: 'x', status: 400, reason: 'too long' });

    const resumed = Checkpoint.open(file, identity, '2026-01-02T00:00:00Z');
    expect(resumed.resumed).toBe(true);
    expect(resumed.recordedPairs().get('lbl_49')).toBe('uuid-49');
    expect(resumed.recordedPairs().has('lbl_x')).toBe(false);
  });

  it('refuses a state file of another migration, naming what differs', async () => {
    const file = path.join(dir, 'state.json');
    await Checkpoint.open(file, identity, 'now').flush();
    const other = (change: (copy: MigrationIdentity) => void) => {
      const copy = structuredClone(identity);
      change(copy);
      return () => Checkpoint.open(file, copy, 'now');
    };
    expect(other((copy) => (copy.source.upstream = 'https://elsewhere'))).toThrow(/belongs to another migration \(its source is kirim at https:\/\/api-kckit\.kirim\.chat\)/);
    expect(other((copy) => (copy.target.params = { team_id: 'u' }))).toThrow(/its target supersend-v2 at https:\/\/api\.supersend\.io had params team_id=t/);
    expect(other((copy) => (copy.target.account = 'fp_cccc'))).toThrow(/was read with another credential/);
    expect(other((copy) => (copy.target.upstream = 'https://api.supersend.io/'))).not.toThrow(); // a trailing slash is the same place
  });

  it('refuses a file that is not a migration state', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"hello": 1}');
    expect(() => Checkpoint.open(file, identity, 'now')).toThrow(new MigrationInputError(`${file} is not a label-gateway migration state file`));
    fs.writeFileSync(file, '{not json');
    expect(() => Checkpoint.open(file, identity, 'now')).toThrow(/is not JSON/);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, and caps what it honours', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
