import type { DialectAdapter } from '../../src/core/adapter';
import { renderJasniError } from './errors';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './operations';

/** Jasni: `specs/jasni.openapi.yaml`, seed page 004. No request ids: the page's envelope has none. */
export const jasniAdapter: DialectAdapter = {
  id: 'jasni',
  credentials: { scheme: 'bearer', prefix: 'jsk_' },
  operations: { listLabels, getLabel, createLabel, updateLabel, deleteLabel },
  confirmedAtInsert: new Set(['createLabel']),
  renderError: renderJasniError,
};
