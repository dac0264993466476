import type { DialectAdapter } from '../../src/core/adapter';
import { renderSuperSendV2Error } from './errors';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './operations';

/** SuperSend v2: `specs/supersend-v2.openapi.yaml`, seed page 003. */
export const superSendV2Adapter: DialectAdapter = {
  id: 'supersend-v2',
  credentials: { scheme: 'bearer' },
  operations: { listLabels, getLabel, createLabel, updateLabel, deleteLabel },
  confirmedAtInsert: new Set(['createLabel']),
  // `req_` + 24 lower-case hex characters, as the page's examples show.
  newRequestId: (random) => `req_${random.hex(12)}`,
  renderError: renderSuperSendV2Error,
};
