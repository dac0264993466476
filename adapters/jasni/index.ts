import type { DialectAdapter } from '../../src/core/adapter';

// PLACEHOLDER, being replaced by the real adapter.
export const jasniAdapter: DialectAdapter = {
  id: 'jasni',
  credentials: { scheme: 'bearer' },
  operations: {},
  renderError: (error) => ({ status: error.status, body: { message: error.message } }),
};
