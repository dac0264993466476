import type { DialectAdapter } from '../../src/core/adapter';

// PLACEHOLDER, being replaced by the real adapter.
export const superSendV1Adapter: DialectAdapter = {
  id: 'supersend-v1',
  credentials: { scheme: 'bearer' },
  operations: {},
  renderError: (error) => ({ status: error.status, body: { message: error.message } }),
};
