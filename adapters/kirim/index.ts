import type { DialectAdapter } from '../../src/core/adapter';
import { renderKirimError } from './errors';
import { newKirimRequestId } from './mappers';
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './operations';

/** Kirim: `specs/kirim.openapi.yaml`, seed page 002. */
export const kirimAdapter: DialectAdapter = {
  id: 'kirim',
  credentials: { scheme: 'bearer' },
  operations: { listLabels, getLabel, createLabel, updateLabel, deleteLabel },
  confirmedAtInsert: new Set(['createLabel']),
  newRequestId: newKirimRequestId,
  renderError: renderKirimError,
};
