import type { DialectAdapter } from '../../src/core/adapter';

// PLACEHOLDER, being replaced by the real adapter.
export const attentionV2Adapter: DialectAdapter = {
  id: 'attention-v2',
  credentials: { scheme: 'bearer' },
  operations: {},
  renderError: (error) => ({ status: error.status, body: { message: error.message } }),
};
