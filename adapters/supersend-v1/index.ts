import type { DialectAdapter } from '../../src/core/adapter';
import { renderSuperSendV1Error } from './errors';
import {
  assignLabelToConversation,
  createLabel,
  deleteLabel,
  listConversationLabels,
  listLabels,
  removeLabelFromConversation,
  updateLabel,
} from './operations';

/**
 * SuperSend v1: `specs/supersend-v1.openapi.yaml`, seed page 003. Same vendor and store as v2; no
 * request ids (so no `newRequestId`).
 */
export const superSendV1Adapter: DialectAdapter = {
  id: 'supersend-v1',
  credentials: { scheme: 'bearer' },
  operations: {
    listLabels,
    createLabel,
    updateLabel,
    deleteLabel,
    assignLabelToConversation,
    removeLabelFromConversation,
    listConversationLabels,
  },
  confirmedAtInsert: new Set(['createLabel']),
  renderError: renderSuperSendV1Error,
};
