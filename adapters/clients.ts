import type { DialectId } from '../src/core/dialects';
import type { DialectClient, MigrationClient } from '../src/proxy/translation/dialect-client';
import { attentionV2Client } from './attention-v2/client';
import { jasniClient } from './jasni/client';
import { kirimClient } from './kirim/client';
import { superSendV1Client } from './supersend-v1/client';
import { superSendV2Client } from './supersend-v2/client';
import { superSendName } from './supersend-v2/mappers';

/** Dialects that can be a translation target. SuperSend v1 cannot: it has no way to get one label. */
export type TargetDialectId = Exclude<DialectId, 'supersend-v1'>;

export const DIALECT_CLIENTS: { readonly [D in TargetDialectId]: DialectClient } = {
  'attention-v2': attentionV2Client,
  kirim: kirimClient,
  'supersend-v2': superSendV2Client,
  jasni: jasniClient,
};

export function isTargetDialect(dialect: DialectId): dialect is TargetDialectId {
  return dialect in DIALECT_CLIENTS;
}

/** Every dialect can be either end of a migration: each lists, creates and updates. */
export const MIGRATION_CLIENTS: { readonly [D in DialectId]: MigrationClient } = {
  ...DIALECT_CLIENTS,
  'supersend-v1': superSendV1Client,
};

const trimmed = (name: string): string => name.trim();

/**
 * A name as the dialect stores it once sent: every one trims it, SuperSend lowercases it too. Two
 * names are the same label name in a dialect when these agree (what a migration adopts).
 */
export const STORED_NAME: { readonly [D in DialectId]: (name: string) => string } = {
  'attention-v2': trimmed,
  kirim: trimmed,
  'supersend-v1': (name) => superSendName(name.trim()),
  'supersend-v2': (name) => superSendName(name.trim()),
  jasni: trimmed,
};
