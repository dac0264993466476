import type { DialectId } from '../src/core/dialects';
import type { DialectClient } from '../src/proxy/translation/dialect-client';
import { attentionV2Client } from './attention-v2/client';
import { jasniClient } from './jasni/client';
import { kirimClient } from './kirim/client';
import { superSendV2Client } from './supersend-v2/client';

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
