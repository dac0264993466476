import type { DialectAdapter } from '../src/core/adapter';
import type { DialectId } from '../src/core/dialects';
import { attentionV2Adapter } from './attention-v2';
import { jasniAdapter } from './jasni';
import { kirimAdapter } from './kirim';
import { superSendV1Adapter } from './supersend-v1';
import { superSendV2Adapter } from './supersend-v2';

/**
 * The typed registry: one adapter per dialect. A dialect added to DIALECT_IDS without an adapter
 * here is a compile error, not a runtime 500.
 */
export const ADAPTERS: { readonly [D in DialectId]: DialectAdapter } = {
  'attention-v2': attentionV2Adapter,
  kirim: kirimAdapter,
  'supersend-v1': superSendV1Adapter,
  'supersend-v2': superSendV2Adapter,
  jasni: jasniAdapter,
};
