import type { DialectAdapter } from '../../src/core/adapter';
import { renderAttentionV2Error } from './errors';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './operations';

/** Attention v2: `specs/attention-v2.openapi.yaml`, seed pages 000 (create) and 001 (update). */
export const attentionV2Adapter: DialectAdapter = {
  id: 'attention-v2',
  // The whole Authorization header is the API key, with no scheme (documented). No request ids.
  credentials: { scheme: 'raw' },
  operations: { listLabels, getLabel, createLabel, updateLabel, deleteLabel },
  confirmedAtInsert: new Set(['createLabel']),
  renderError: renderAttentionV2Error,
};
